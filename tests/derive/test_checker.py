"""The checker can fail: broken steps, wrong textbook forms, wrong dimensions."""

from __future__ import annotations

import dataclasses

import hypothesis.strategies as st
import pytest
import sympy as sp
from hypothesis import given, settings

import derive
from derive import Derivation, Quantity, Step
from derive.units import METRE, SECOND

x = sp.Symbol("x", positive=True)
t = sp.Symbol("t", positive=True)
y = sp.Symbol("y", real=True)
L = sp.Symbol("L", positive=True)
SYMBOLS = [Quantity(x, sp.Integer(1), "x"), Quantity(t, SECOND, "time"), Quantity(L, METRE, "length"),
           Quantity(y, sp.Integer(1), "y")]


def toy(steps, statement, textbook) -> Derivation:
    return Derivation("toy", "Toy", "coupling", "test", SYMBOLS, [], steps, statement, textbook)


def test_broken_step_in_real_derivation_fails():
    d = derive.get("deformation_potential_coupling")
    broken = list(d.steps)
    step = broken[-2]
    broken[-2] = dataclasses.replace(step, rhs=step.rhs * (1 + sp.Rational(1, 10**12)))
    report = dataclasses.replace(d, steps=broken).check()
    assert not report.passed
    bad = report.get(f"step {len(broken) - 1}")
    assert not bad.passed and "differ" in bad.detail


def test_wrong_textbook_fails():
    d = derive.get("frohlich_coupling")
    book = sp.Eq(d.textbook.lhs, d.textbook.rhs * 2, evaluate=False)
    report = dataclasses.replace(d, textbook=book).check()
    assert not report.get("textbook").passed and not report.passed


def test_dimensionally_wrong_statement_fails():
    d = derive.get("deformation_potential_coupling")
    q = next(s.symbol for s in d.symbols if s.symbol.name == "q")
    wrong = sp.Eq(d.statement.lhs, d.statement.rhs * q, evaluate=False)
    step = dataclasses.replace(d.steps[-2], rhs=wrong.rhs, lhs=wrong.rhs)
    report = dataclasses.replace(d, steps=[*d.steps, step], statement=wrong,
                                 textbook=wrong).check()
    dims = report.get("dimensions")
    assert not dims.passed and "differ" in dims.detail
    assert not report.passed


def test_statement_not_from_chain_fails():
    d = derive.get("frohlich_coupling")
    typed_in = sp.Eq(d.statement.lhs, d.textbook.rhs, evaluate=False)
    report = dataclasses.replace(d, statement=typed_in).check()
    assert not report.get("chain").passed


def test_wrong_asymptotic_step_fails():
    ok = Step(sp.sin(x) / x, 1 - x**2 / 6, "series", order=(x**4, x, 0))
    bad = Step(sp.sin(x) / x, 1 - x**2 / 5, "series", order=(x**4, x, 0))
    stmt = sp.Eq(L, L, evaluate=False)
    report = toy([ok, bad, Step(L, L, "trivial")], stmt, stmt).check()
    assert report.get("step 1").passed
    assert not report.get("step 2").passed


def test_wrong_solution_step_fails():
    b = sp.Symbol("b", real=True)
    eq = sp.Eq(b * t, L)
    stmt = sp.Eq(L, L, evaluate=False)
    report = toy([Step(b, L / t, "solve", solves=eq), Step(b, 2 * L / t, "solve", solves=eq),
                  Step(L, L, "trivial")], stmt, stmt).check()
    assert report.get("step 1").passed and not report.get("step 2").passed


@pytest.fixture
def quick_symbolic(monkeypatch):
    """These integrals are beyond SymPy; do not spend the full symbolic budget proving that."""
    monkeypatch.setattr("derive.derivation.SYMBOLIC_SECONDS", 1.0)


def test_numeric_fallback_is_reported_and_rejects_low_precision(quick_symbolic):
    # An integral SymPy leaves unevaluated at the symbolic stage is checked by quadrature.
    import mpmath

    integral = sp.Integral(sp.exp(-(y**2)) * sp.cos(y) / (1 + y**4), (y, 0, sp.oo))
    with mpmath.workdps(45):
        value = sp.Float(mpmath.quad(lambda u: mpmath.exp(-u * u) * mpmath.cos(u) / (1 + u**4),
                                     [0, mpmath.inf]), 45)
    steps = [Step(integral, value, "numeric"),
             # interior log singularity: quadrature cannot reach 30 digits -> must not pass
             Step(sp.Integral(y * sp.log(sp.Abs(y - sp.Rational(1, 3))), (y, 0, 1)), -0.66, "bad"),
             Step(L, L, "trivial")]
    stmt = sp.Eq(L, L, evaluate=False)
    report = toy(steps, stmt, stmt).check()
    first = report.get("step 1")
    assert first.passed, str(report)
    second = report.get("step 2")
    assert not second.passed and second.method == "undecided"


def test_crash_is_a_failure_not_a_pass():
    f = sp.Function("f")
    stmt = sp.Eq(L, L, evaluate=False)
    report = toy([Step(f(x), x, "undefined function"), Step(L, L, "trivial")], stmt, stmt).check()
    assert not report.get("step 1").passed


def test_statement_must_be_unevaluated_equation():
    with pytest.raises(TypeError, match="evaluate=False"):
        toy([], sp.Eq(L, L), sp.Eq(L, L, evaluate=False))


@settings(max_examples=25, deadline=None)
@given(a=st.integers(-9, 9), b=st.integers(-9, 9))
def test_polynomial_identities_pass_and_perturbations_fail(a, b):
    """(x + a)(x + b) = x² + (a+b)x + ab passes; a changed constant term fails."""
    lhs = (x + a) * (x + b) * L
    good = (x**2 + (a + b) * x + a * b) * L
    bad = (x**2 + (a + b) * x + a * b + 1) * L
    stmt = sp.Eq(L, L, evaluate=False)
    report = toy([Step(lhs, good, "expand"), Step(lhs, bad, "wrong"), Step(L, L, "trivial")],
                 stmt, stmt).check()
    assert report.get("step 1").passed
    assert not report.get("step 2").passed


def test_numeric_check_really_works_at_30_digits(quick_symbolic):
    """A 1e-18 relative error is invisible in double precision; the 30-digit check must see it."""
    integral = sp.Integral(sp.exp(-(y**2)) / (1 + y**4), (y, 0, sp.oo))  # SymPy cannot do it
    import mpmath

    with mpmath.workdps(45):
        exact = mpmath.quad(lambda u: mpmath.exp(-u * u) / (1 + u**4), [0, mpmath.inf])
    stmt = sp.Eq(L, L, evaluate=False)
    steps = [Step(integral, sp.Float(exact, 45), "exact"),
             Step(integral, sp.Float(exact * (1 + mpmath.mpf("1e-18")), 45), "off by 1e-18"),
             Step(L, L, "trivial")]
    report = toy(steps, stmt, stmt).check()
    assert report.get("step 1").passed
    assert not report.get("step 2").passed
