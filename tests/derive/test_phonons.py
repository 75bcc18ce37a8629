"""Independent checks of the Debye derivation (numbers from elsewhere, not the formula itself).

The reference values come from mpmath quadrature and numerical
differentiation of the model (Debye density of states times Bose energy),
from counting plane-wave modes in a box, and from the Bernoulli-number
expansion of the Bose function; none of them reuses the SymPy steps.
"""

from __future__ import annotations

import itertools

import mpmath
import numpy as np
import pytest
import sympy as sp

import derive

NAME = "debye_T3_law"


@pytest.fixture(scope="module")
def debye() -> derive.Derivation:
    return derive.get(NAME)


@pytest.fixture(scope="module")
def sym(debye) -> dict[str, sp.Symbol]:
    return {q.symbol.name: q.symbol for q in debye.symbols}


def _bose_derivative(x):
    """x⁴eˣ/(eˣ − 1)², written without overflow for large x."""
    return x**4 * mpmath.exp(-x) / (-mpmath.expm1(-x)) ** 2


def _debye_form(debye, sym) -> sp.Expr:
    """The derived C_V(T) as the Debye integral (the step whose integral runs to Θ_D/T)."""
    x, upper = sym["x"], sym["Theta_D"] / sym["T"]
    for step in debye.steps:
        integrals = step.rhs.atoms(sp.Integral)
        if (step.order is None and isinstance(step.rhs, sp.Mul) and len(integrals) == 1
                and next(iter(integrals)).limits == ((x, 0, upper),)
                and step.rhs.has((sp.exp(x) - 1) ** -2)):
            return step.rhs
    raise AssertionError("no step gives C_V as the Debye integral")


def test_statement_is_the_T3_law(debye, sym):
    N, k_B, T, Theta = (sym[n] for n in ("N", "k_B", "T", "Theta_D"))
    assert debye.statement.lhs == sym["C_V"]
    coefficient = sp.simplify(debye.statement.rhs / (N * k_B * (T / Theta) ** 3))
    assert coefficient == sp.Rational(12, 5) * sp.pi**4


def test_debye_constant_4pi4_over_15_by_quadrature():
    """∫_0^∞ x⁴eˣ/(eˣ − 1)² dx = 4π⁴/15 (mpmath, 30 digits), and 12π⁴/5 = 9 × 4π⁴/15."""
    with mpmath.workdps(35):
        value = mpmath.quad(_bose_derivative, [0, 10, 40, mpmath.inf])
        assert abs(value - 4 * mpmath.pi**4 / 15) < mpmath.mpf(10) ** -30
        assert abs(9 * value - 12 * mpmath.pi**4 / 5) < mpmath.mpf(10) ** -29


def test_debye_integral_equals_model_heat_capacity(debye, sym):
    """The derived Debye integral vs dU/dT of U = ∫ 9Nω²/ω_D³ ħω/(e^{ħω/k_BT} − 1) dω.

    U(T) by mpmath quadrature over ω and C = dU/dT by mpmath numerical
    differentiation, at 30 digits, in units chosen so that no factor is 1.
    """
    hbar, k_B, N, omega_D = (sp.Rational(v) for v in ("13/10", "7/10", "3", "21/10"))
    theta = hbar * omega_D / k_B
    cv = _debye_form(debye, sym)
    with mpmath.workdps(40):
        h, kb, n, wd = (mpmath.mpf(v.p) / v.q for v in (hbar, k_B, N, omega_D))

        def energy(t):
            def mode_energy(w):
                return 9 * n * w**2 / wd**3 * h * w / mpmath.expm1(h * w / (kb * t))

            return mpmath.quad(mode_energy, [0, wd])

        for ratio in ("1/50", "3/10", "1", "4"):
            t = theta * sp.Rational(ratio)
            reference = mpmath.diff(energy, mpmath.mpf(t.p) / t.q)
            values = {sym["N"]: N, sym["k_B"]: k_B, sym["Theta_D"]: theta, sym["T"]: t}
            derived = mpmath.mpf(sp.Float(cv.subs(values).evalf(35), 35)._mpf_)
            assert abs(derived - reference) < mpmath.mpf(10) ** -28 * abs(reference)


def test_T3_law_at_theta_over_100_within_exponential_tail(debye, sym):
    """At T = Θ_D/y the T³ law misses only the tail ∫_y^∞ of the Debye integral.

    1 − C_Debye/C_T³ = (15/4π⁴) ∫_y^∞ x⁴eˣ/(eˣ − 1)² dx
                     ≈ (15/4π⁴) e^{−y}(y⁴ + 4y³ + 12y² + 24y + 24)
    (the e^{−2y} terms are smaller by e^{−y}): 1.4e-37 at y = 100, 1.6e-5 at y = 20.
    """
    N, k_B, T, Theta = (sym[n] for n in ("N", "k_B", "T", "Theta_D"))
    law = sp.lambdify((N, k_B, T, Theta), debye.statement.rhs, "mpmath")
    with mpmath.workdps(80):
        for y in (20, 100):
            t, theta = mpmath.mpf(1), mpmath.mpf(y)
            debye_cv = 9 * (t / theta) ** 3 * mpmath.quad(_bose_derivative, [0, y / 4, y / 2, y])
            relative = 1 - debye_cv / law(1, 1, t, theta)  # = ∫_y^∞ / ∫_0^∞
            polynomial = y**4 + 4 * y**3 + 12 * y**2 + 24 * y + 24
            tail = 15 / (4 * mpmath.pi**4) * mpmath.exp(-y) * polynomial
            assert relative > 0  # the T³ law integrates to ∞, so it overshoots
            assert abs(relative / tail - 1) < 1e-6  # next order: e^{−y} y⁴/16 relative
        assert relative < 1e-36  # y = 100: the T³ law is exact to 36 digits


def test_high_temperature_limit_and_the_1_over_20_correction(debye, sym):
    """C_V/(3Nk_B) = 1 − (Θ_D/T)²/20 + (Θ_D/T)⁴/560 − ... from Bernoulli numbers, vs mpmath.

    x⁴eˣ/(eˣ − 1)² = −x⁴ d/dx (1/(eˣ − 1)) = −x⁴ Σ_n B_n (n − 1) x^{n−2}/n!, so the
    coefficient of y^n in (3/y³)∫_0^y is −3 B_n (n − 1)/(n! (n + 3)).
    """
    coefficient = {n: -3 * sp.bernoulli(n) * (n - 1) / (sp.factorial(n) * (n + 3))
                   for n in (0, 2, 4)}
    assert coefficient == {0: 1, 2: sp.Rational(-1, 20), 4: sp.Rational(1, 560)}

    with mpmath.workdps(40):
        for y in (mpmath.mpf("0.1"), mpmath.mpf("0.01")):
            ratio = 3 / y**3 * mpmath.quad(_bose_derivative, [0, y])
            assert abs((1 - ratio) / y**2 - mpmath.mpf(1) / 20) < y**2 / 500

    # the derivation's own high-T steps: the 1/20 term and the Dulong-Petit limit
    N, k_B, T, Theta = (sym[n] for n in ("N", "k_B", "T", "Theta_D"))
    expansion = next(s.rhs for s in debye.steps
                     if s.order is None and s.rhs.has(Theta**2) and not s.rhs.has(sp.Integral))
    assert sp.expand(expansion / (3 * N * k_B)) == 1 - Theta**2 / (20 * T**2)
    limits = [s for s in debye.steps if isinstance(s.lhs, sp.Limit)]
    assert [s.rhs for s in limits] == [3 * N * k_B]


def test_debye_mode_count_against_box_modes(debye, sym):
    """3 × (plane waves of a periodic box inside the Debye sphere) = 3N with ω_D³ = 6π²N v³/V.

    Counting lattice points q = 2π n/L, |q| < ω_D/v, checks the mode-counting
    steps; the lattice-point error of a sphere of radius R is O(R^1.5).
    """
    radius = 40.0  # ω_D L/(2π v)
    n = np.arange(-int(radius) - 1, int(radius) + 2)
    grid = np.add.outer(np.add.outer(n**2, n**2), n**2)
    modes = 3 * np.count_nonzero(grid < radius**2)
    # ω_D³ = 6π² N v³/V with L = 1, v = 1: N = ω_D³/(6π²), ω_D = 2π R
    atoms = (2 * np.pi * radius) ** 3 / (6 * np.pi**2)
    assert modes == pytest.approx(3 * atoms, rel=2e-3)

    omega, omega_D, N = sym["omega"], sym["omega_D"], sym["N"]
    density = next(s.rhs for s in debye.steps if s.rhs == 9 * N * omega**2 / omega_D**3)
    assert sp.integrate(density, (omega, 0, omega_D)) == 3 * N


def test_every_integration_and_sum_variable_is_declared(debye):
    declared = set(debye.dimensions)
    for step in debye.steps:
        bound = itertools.chain(step.lhs.atoms(sp.Integral, sp.Sum),
                                step.rhs.atoms(sp.Integral, sp.Sum))
        for e in bound:
            assert {lim[0] for lim in e.limits} <= declared
