"""Every registered derivation is complete, documented and passes its own check.

These tests are parametrised over ``derive.catalog()``, so a new entry that
lacks a source, a textbook form, declared symbols or a passing check fails
here without anyone writing a new test.
"""

from __future__ import annotations

import importlib
import inspect

import pytest
import sympy as sp

import derive
from derive.units import dimension_of

NAMES = derive.catalog()

#: The nine results named by the foundation issue; all must stay registered.
CORE = {
    "deformation_potential_coupling",
    "frohlich_coupling",
    "frohlich_screened_thomas_fermi",
    "lindhard_static",
    "thomas_fermi_limit",
    "lindhard_small_q_expansion",
    "plasmon_dispersion",
    "deformation_potential_rate_high_T",
    "debye_T3_law",
}


def test_core_derivations_registered():
    assert CORE <= set(NAMES), sorted(CORE - set(NAMES))


def _all_expressions(d: derive.Derivation):
    for step in d.steps:
        yield step.lhs
        yield step.rhs
        if step.solves is not None:
            yield step.solves
        if step.order is not None:
            yield step.order[0]
    yield d.statement
    yield d.textbook
    for a in d.assumptions:
        if a.relation is not None:
            yield a.relation


@pytest.mark.parametrize("name", NAMES)
def test_metadata_complete(name):
    d = derive.get(name)
    assert d.name == name
    assert d.title and d.source and d.assumptions and d.steps
    assert derive.summary(name).endswith("."), "the builder's docstring starts with a one-line result"
    assert d.topic in derive.TOPICS
    assert isinstance(d.statement, sp.Equality) and isinstance(d.textbook, sp.Equality)
    for step in d.steps:
        assert step.why.strip(), f"step without justification in {name}"


@pytest.mark.parametrize("name", NAMES)
def test_every_symbol_declared_with_dimension(name):
    d = derive.get(name)
    declared = set(d.dimensions)
    used = set().union(*(sp.sympify(e).free_symbols for e in _all_expressions(d)))
    assert used <= declared, f"undeclared symbols in {name}: {sorted(map(str, used - declared))}"
    symbols = [q.symbol for q in d.symbols]
    assert len(symbols) == len(set(symbols)), f"a symbol is declared twice in {name}"
    for q in d.symbols:
        assert q.meaning, f"{q.symbol} has no meaning in {name}"
        assert q.assumptions, f"{q.symbol} has no SymPy assumptions in {name}"


@pytest.mark.parametrize("name", NAMES)
def test_statement_dimensionally_consistent(name):
    d = derive.get(name)
    dimension_of(d.statement, d.dimensions)  # raises DimensionError if not


@pytest.mark.parametrize("name", NAMES)
def test_check_passes(name, reports):
    """The report of ``ephkit check --json`` (one cold run per session, see tests/conftest.py)."""
    assert name in reports, f"{name} missing from the output of ephkit check --json"
    report = reports[name]
    assert report.passed, str(report)
    checks = {r.check for r in report.results}
    assert {"chain", "textbook", "dimensions"} <= checks
    assert len(report.steps()) == len(derive.get(name).steps)


@pytest.mark.parametrize("name", NAMES)
def test_renders(name):
    d = derive.get(name)
    md = d.markdown()
    assert d.title in md and "**Steps**" in md
    assert md.count("$$") >= 2 * (len(d.steps) + 2)
    tex = d.latex()
    assert r"\begin{aligned}" in tex and tex.count(r"\text{") >= len(d.steps)
    assert d._repr_latex_().startswith("$$")


def test_topic_is_the_builders_module_stated_once():
    """A derivation's topic is the module its builder is written in, and nothing else states it."""
    modules = {t: importlib.import_module(f"derive.{t}") for t in derive.TOPICS}
    assert set(derive.TOPICS) == {m.__name__.removeprefix("derive.") for m in modules.values()}
    for name in NAMES:
        d = derive.get(name)
        homes = [t for t, m in modules.items() if name in m.__all__]
        assert homes == [d.topic], f"{name}: topic {d.topic!r}, exported by {homes}"
        assert getattr(modules[d.topic], name).__module__ == f"derive.{d.topic}"
    for topic, module in modules.items():
        assert "topic=" not in inspect.getsource(module), f"derive.{topic} states a topic by hand"
    assert sorted(NAMES) == sorted(set(NAMES))


def test_unknown_name_lists_close_matches():
    with pytest.raises(derive.UnknownDerivationError, match="lindhard_static"):
        derive.get("lindhard_statik")
    with pytest.raises(KeyError, match="ephkit list"):
        derive.get("no_such_thing_at_all")
    with pytest.raises(derive.UnknownDerivationError, match="lindhard_static"):
        derive.summary("lindhard_statik")


def test_get_returns_cached_object():
    assert derive.get(NAMES[0]) is derive.get(NAMES[0])


def test_an_assumption_that_states_nothing_is_refused():
    """A relation the symbols' assumptions already decide (x > 0 for a positive x) is identically True:
    shown as an assumption it said "[True]" (lindhard_static, the dynamic Lindhard parts)."""
    import sympy as sp

    from derive.derivation import Assumption

    x = sp.Symbol("x", positive=True)
    with pytest.raises(ValueError, match="identically True"):
        Assumption("x > 0", sp.Gt(x, 0))
    assert Assumption("x < 1", sp.Lt(x, 1)).relation == sp.Lt(x, 1)
    for name in NAMES:
        assert all(a.relation not in (sp.true, sp.false) for a in derive.get(name).assumptions)
