"""Stated formulas (fits such as McMillan's T_c) are registered as formulas, never as derivations.

A :class:`derive.StatedFormula` carries its source and fit range; it lives in a registry of its own
(``derive.formulas()``), apart from the derivations (``derive.catalog()``), and a derivation built on
it takes exactly its expression as its model object (checked by the chain check).
"""

from __future__ import annotations

from dataclasses import replace

import pytest
import sympy as sp

import derive
from derive import registry
from derive.derivation import Assumption, Chain, Derivation, Quantity
from derive.units import DIMENSIONLESS, KELVIN, DimensionError

FORMULAS = derive.formulas()


def test_the_stated_fits_are_formulas_not_derivations():
    assert {"mcmillan_tc", "allen_dynes_tc"} <= set(FORMULAS)
    assert not set(FORMULAS) & set(derive.catalog())
    for name in FORMULAS:
        with pytest.raises(derive.UnknownDerivationError):
            derive.get(name)
    for name in derive.catalog():
        with pytest.raises(derive.UnknownFormulaError):
            derive.get_formula(name)
    assert not any(isinstance(derive.get_formula(n), Derivation) for n in FORMULAS)


def test_unknown_formula_lists_close_matches():
    with pytest.raises(derive.UnknownFormulaError, match="mcmillan_tc"):
        derive.get_formula("mcmillan_t")


@pytest.mark.parametrize("name", FORMULAS)
def test_formula_metadata_complete(name):
    """Name, title, source, fit range (words; relations dimensionally consistent), notes, its topic (the
    builder's module) and every symbol declared with an SI dimension."""
    f = derive.get_formula(name)
    assert f.name == name and f.title and f.source and f.fit_range and f.notes
    assert all(a.text for a in f.fit_range)
    assert f.topic in derive.TOPICS and f.topic == registry.formula_topic(name)
    assert registry.formula_summary(name)
    assert isinstance(f.expression, sp.Equality)
    assert f.expression.free_symbols <= set(f.dimensions)
    assert derive.get_formula(name) is f  # cached


def test_fit_ranges_as_printed():
    """McMillan: λ ≲ 1.5 as a relation, μ* ≈ 0.1-0.15 in words; Allen-Dynes: ω̄₂ >= ω_log (Jensen)."""
    mcmillan, allen_dynes = derive.get_formula("mcmillan_tc"), derive.get_formula("allen_dynes_tc")
    lam = {s.name: s for s in mcmillan.expression.free_symbols}["lambda"]
    assert mcmillan.relations == [lam <= sp.Rational(3, 2)]
    assert "McMillan" in mcmillan.source and "167, 331 (1968)" in mcmillan.source
    assert "eq. (18)" in mcmillan.source
    assert "Allen" in allen_dynes.source and "12, 905 (1975)" in allen_dynes.source
    assert [str(r) for r in allen_dynes.relations] == ["omega2_bar >= omega_log"]


def test_mcmillan_formula_is_as_printed():
    """The stated expression is McMillan's eq. (18) with its numbers typed in as printed."""
    f = derive.get_formula("mcmillan_tc")
    s = {q.symbol.name: q.symbol for q in f.symbols}
    lam, mu = s["lambda"], s["mu_star"]
    printed = s["Theta_D"] / sp.Rational("1.45") * sp.exp(
        -sp.Rational("1.04") * (1 + lam) / (lam - mu * (1 + sp.Rational("0.62") * lam)))
    assert f.expression.lhs == s["T_c"] and sp.simplify(f.expression.rhs - printed) == 0


@pytest.mark.parametrize("name", FORMULAS)
def test_derivations_take_exactly_the_formula_as_model(name):
    """Each stated formula is the model of a derivation (found by ``formula_users``), whose model object
    is the formula's right side itself (same srepr), recorded as taken from it."""
    f = derive.get_formula(name)
    users = registry.formula_users(name)
    assert users, f"{name}: no derivation is built on it"
    for user in users:
        (model,) = [m for m in derive.get(user).model if m.formula == name]
        assert sp.srepr(model.expr) == sp.srepr(f.expression.rhs)
        assert "stated formula" in model.text


def test_renamed_derivations_say_what_they_derive():
    assert registry.formula_users("mcmillan_tc") == ["mcmillan_inversion"]
    assert registry.formula_users("allen_dynes_tc") == ["allen_dynes_limits"]
    assert not {"mcmillan_formula", "allen_dynes_formula"} & set(derive.catalog() + FORMULAS)


def test_chain_check_refuses_a_model_that_is_not_the_formula():
    """A model object declared as a stated formula but holding another expression fails the chain check."""
    d = derive.get("mcmillan_inversion")
    k = next(i for i, m in enumerate(d.model) if m.formula == "mcmillan_tc")
    model = list(d.model)
    model[k] = replace(model[k], expr=2 * model[k].expr)
    chain = replace(d, model=model)._check_chain()
    assert not chain.passed and "is not the stated formula mcmillan_tc" in chain.detail


def test_chain_declares_a_formula_by_name():
    chain = Chain()
    ref = chain.formula("mcmillan_tc", "McMillan's formula")
    assert str(ref) == "T_c" and chain.model[0].formula == "mcmillan_tc"
    assert chain[ref] == derive.get_formula("mcmillan_tc").expression.rhs
    with pytest.raises(derive.UnknownFormulaError):
        Chain().formula("mcmillan_inversion", "a derivation is not a stated formula")


def _builder(name: str, module: str = "derive.superconductivity"):
    def build():
        raise AssertionError("not built")

    build.__name__, build.__module__ = name, module
    return build


def test_a_formula_name_cannot_clash_with_a_derivation_name():
    """One name space: registering a formula under a derivation's name (or a formula's), or a derivation
    under a formula's name, is an error (and registers nothing)."""
    before = (derive.catalog(), derive.formulas())
    with pytest.raises(ValueError, match="already the name of a derivation"):
        derive.register_formula(_builder("mcmillan_inversion"))
    with pytest.raises(ValueError, match="already the name of a stated formula"):
        derive.register(_builder("mcmillan_tc"))
    with pytest.raises(ValueError, match="registered twice"):
        derive.register_formula(_builder("allen_dynes_tc"))
    assert (derive.catalog(), derive.formulas()) == before


def test_a_derivation_takes_only_formulas_of_its_topic(monkeypatch):
    """``formula_users`` builds only the formula's topic: a derivation elsewhere taking it is refused."""
    def elsewhere() -> Derivation:
        return replace(derive.get("mcmillan_inversion"), name="elsewhere")

    elsewhere.__module__ = "derive.screening"
    monkeypatch.setitem(registry._BUILDERS, "elsewhere", elsewhere)
    with pytest.raises(ValueError, match="of another topic"):
        derive.get("elsewhere")
    assert "elsewhere" not in registry._CACHE


T = Quantity(sp.Symbol("T", positive=True), KELVIN, "a temperature")
X = Quantity(sp.Symbol("x", positive=True), DIMENSIONLESS, "a number")
FIT = [Assumption("x up to 2", X.symbol <= 2)]


@pytest.mark.parametrize("change, error, match", [
    ({"expression": T.symbol}, TypeError, "sympy.Eq"),
    ({"source": ""}, ValueError, "source and its fit range"),
    ({"fit_range": []}, ValueError, "source and its fit range"),
    ({"symbols": [T]}, ValueError, "not declared"),
    ({"expression": sp.Eq(T.symbol, X.symbol, evaluate=False)}, DimensionError, None),
    ({"fit_range": [Assumption("T up to 2", T.symbol <= 2)]}, DimensionError, None),
])
def test_a_stated_formula_is_complete_and_consistent(change, error, match):
    fields = dict(name="toy", title="a toy fit", symbols=[T, X], source="nowhere, eq. (1)", fit_range=FIT,
                  expression=sp.Eq(T.symbol, 3 * T.symbol * X.symbol, evaluate=False))
    derive.StatedFormula(**fields)  # complete: accepted
    with pytest.raises(error, match=match):
        derive.StatedFormula(**{**fields, **change})
