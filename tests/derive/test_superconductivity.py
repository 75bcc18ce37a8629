"""Independent checks of the Eliashberg-moment derivation (numbers from elsewhere, not the formulas).

The reference values come from mpmath quadrature of Allen & Dynes' definitions of λ, ⟨ω²⟩ and
ln ω_log for the model α²F(ω) = C (ω/ω_D)² (0 above ω_D) at random ω_D and C, in the original form
with ln ω (not ln(ω/ω_D) as in the derivation's step); none of them reuses the SymPy steps.
"""

from __future__ import annotations

import itertools
import random

import mpmath
import pytest
import sympy as sp

import derive

NAME = "eliashberg_moments_debye"


@pytest.fixture(scope="module")
def moments() -> derive.Derivation:
    return derive.get(NAME)


@pytest.fixture(scope="module")
def sym(moments) -> dict[str, sp.Symbol]:
    return {q.symbol.name: q.symbol for q in moments.symbols}


def _quadrature_moments(c: mpmath.mpf, omega_d: mpmath.mpf) -> tuple[mpmath.mpf, mpmath.mpf, mpmath.mpf]:
    """λ, ⟨ω²⟩ and ω_log of the model by mpmath quadrature of the Allen-Dynes definitions."""

    def a2f(w):
        return c * (w / omega_d) ** 2 if w < omega_d else mpmath.mpf(0)

    lam = 2 * mpmath.quad(lambda w: a2f(w) / w, [0, omega_d])
    omega2 = 2 / lam * mpmath.quad(lambda w: w * a2f(w), [0, omega_d])
    omega_log = mpmath.exp(2 / lam * mpmath.quad(lambda w: mpmath.log(w) * a2f(w) / w, [0, omega_d]))
    return lam, omega2, omega_log


def _value(expr: sp.Expr, values: dict[sp.Symbol, sp.Expr]) -> mpmath.mpf:
    return mpmath.mpf(str(sp.N(expr.subs(values), 40)))


@pytest.mark.parametrize("seed", range(5))
def test_statement_and_steps_against_quadrature(moments, sym, seed):
    """At random ω_D (over many decades: ln ω does not cancel in each integral) and amplitude C."""
    rng = random.Random(seed)
    omega_d = sp.Rational(rng.randint(1, 999), 7) * sp.Integer(10) ** rng.randint(-3, 14)
    c = sp.Rational(rng.randint(1, 400), 100)
    omega_D, C, lam = sym["omega_D"], sym["C"], sym["lambda"]
    with mpmath.workdps(30):
        ref_lam, ref_omega2, ref_log = _quadrature_moments(_value(c, {}), _value(omega_d, {}))
        tol = mpmath.mpf(10) ** -25
        # the statement ω_log = ω_D e^{−1/2}
        got = _value(moments.statement.rhs, {omega_D: omega_d})
        assert abs(got / ref_log - 1) < tol
        # the steps: λ = C, ⟨ω²⟩ = ω_D²/2, ln(ω_log/ω_D) = −1/2
        coupling = moments.steps[0]
        assert isinstance(coupling.lhs, sp.Mul) and coupling.lhs.has(sp.Integral)
        assert abs(_value(coupling.rhs, {C: c}) / ref_lam - 1) < tol
        (omega2_step,) = [s for s in moments.steps if s.lhs == sym["omega2_mean"]]
        assert abs(_value(omega2_step.rhs, {omega_D: omega_d, lam: ref_lam}) / ref_omega2 - 1) < tol
        (log_step,) = [s for s in moments.steps if s.lhs.has(sp.log) and s.order is None and s.solves is None]
        log_ratio = mpmath.log(ref_log / _value(omega_d, {}))
        assert abs(_value(log_step.rhs, {omega_D: omega_d, lam: ref_lam}) - log_ratio) < tol


def test_statement_and_textbook_are_omega_D_exp_minus_half(moments, sym):
    omega_D = sym["omega_D"]
    assert moments.statement.lhs == sym["omega_log"] == moments.textbook.lhs
    assert sp.simplify(moments.statement.rhs / omega_D - sp.exp(-sp.Rational(1, 2))) == 0
    assert sp.simplify(moments.textbook.rhs - moments.statement.rhs) == 0


def test_model_in_terms_of_lambda(moments, sym):
    """The amplitude solved for: α²F(ω) = λ (ω/ω_D)² is a step's result."""
    omega, omega_D, lam = sym["omega"], sym["omega_D"], sym["lambda"]
    assert any(sp.simplify(s.rhs - lam * (omega / omega_D) ** 2) == 0 for s in moments.steps)


def test_jensen_bound_omega2_bar_over_omega_log(moments, sym):
    """ω̄₂ = ⟨ω²⟩^{1/2} >= ω_log for every α²F >= 0 (Jensen): here e^{1/2}/√2 ≈ 1.166."""
    (omega2_step,) = [s for s in moments.steps if s.lhs == sym["omega2_mean"]]
    ratio = sp.sqrt(omega2_step.rhs) / moments.statement.rhs
    assert sp.simplify(ratio - sp.exp(sp.Rational(1, 2)) / sp.sqrt(2)) == 0
    assert float(ratio) > 1


def test_numeric_debye_moments_agree(moments, sym):
    """The numeric runtime's closed forms (numeric.superconductivity.debye_moments) agree with the
    derivation."""
    from numeric.superconductivity import debye_moments

    omega_d = 3.7e13
    m = debye_moments(0.9, omega_d)
    assert m.omega_log == pytest.approx(float(moments.statement.rhs.subs(sym["omega_D"], omega_d)), rel=1e-14)
    assert m.omega2_mean == pytest.approx(omega_d**2 / 2, rel=1e-14)


def test_every_integration_variable_is_declared(moments):
    declared = set(moments.dimensions)
    for step in moments.steps:
        for e in itertools.chain(step.lhs.atoms(sp.Integral), step.rhs.atoms(sp.Integral),
                                 (step.solves.atoms(sp.Integral) if step.solves is not None else ())):
            assert {lim[0] for lim in e.limits} <= declared
