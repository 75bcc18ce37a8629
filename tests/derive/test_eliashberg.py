"""Independent checks of the BCS and Migdal derivations (topic ``eliashberg``): numbers from elsewhere.

The references solve the models themselves with mpmath at 40 digits: the full finite-cutoff BCS
gap equations (quadrature + findroot) and the Migdal self-energy Re Σ(ω) (quadrature split at its
logarithmic singularity), plus the literature value 2Δ(0)/k_BT_c = 3.528 (Tinkham, ch. 3). None of
them reuses a SymPy step; the derivations' closed forms and the generated kernels are compared
with them, and the deviations of the weak-coupling limits with the size the derivations predict.
"""

from __future__ import annotations

import mpmath
import pytest
import sympy as sp

import derive
from numeric._generated import constants as codata
from numeric._generated.eliashberg import (
    bcs_gap_zero_temperature_scalar,
    bcs_tc_scalar,
    mass_enhancement_scalar,
)

DIGITS = 40
#: Beyond x = 60 the gap-equation integrand tanh(x)/x is 1/x to 2e^(−120) relative: its integral is a log.
_X_SPLIT = 60


def _symbols(name: str) -> dict[str, sp.Symbol]:
    return {q.symbol.name: q.symbol for q in derive.get(name).symbols}


def _gap_integral_tc(X: mpmath.mpf) -> mpmath.mpf:
    """∫_0^X tanh(x)/x dx (the linearized gap equation's integral, X = ħω_c/2k_BT), by quadrature."""
    if X <= _X_SPLIT:
        return mpmath.quad(lambda x: mpmath.tanh(x) / x, [0, 1, X])
    return mpmath.quad(lambda x: mpmath.tanh(x) / x, [0, 1, _X_SPLIT]) + mpmath.log(X / _X_SPLIT)


def _X_full(lam: mpmath.mpf) -> mpmath.mpf:
    """The root X = ħω_c/(2k_BT_c) of the full equation 1 = λ ∫_0^X tanh(x)/x dx (Newton, f' = λ tanh X/X)."""
    guess = mpmath.pi / 4 * mpmath.exp(1 / lam - mpmath.euler)  # any start inside the basin will do
    return mpmath.findroot(lambda X: lam * _gap_integral_tc(X) - 1, guess,
                           df=lambda X: lam * mpmath.tanh(X) / X, solver="newton")


def _delta_full(lam: mpmath.mpf) -> mpmath.mpf:
    """Δ(0)/ħω_c from the full T = 0 equation 1 = λ ∫_0^1 dy/√(y² + d²), by quadrature and findroot."""
    def mismatch(log_d: mpmath.mpf) -> mpmath.mpf:
        d = mpmath.exp(log_d)
        return lam * mpmath.quad(lambda y: 1 / mpmath.sqrt(y**2 + d**2), [0, min(d, 1), 1]) - 1

    return mpmath.exp(mpmath.findroot(mismatch, mpmath.log(2) - 1 / lam))


def _closed_tc_X(lam: mpmath.mpf) -> mpmath.mpf:
    """X = ħω_c/(2k_BT_c) of the derivation's statement (ħ = k_B = ω_c = 1)."""
    d = derive.get("bcs_tc_weak_coupling")
    s = _symbols("bcs_tc_weak_coupling")
    rhs = d.statement.rhs.subs({s["hbar"]: 1, s["k_B"]: 1, s["omega_c"]: 1})
    tc = sp.lambdify(s["lambda"], rhs, modules="mpmath")(lam)
    return 1 / (2 * tc)


# ------------------------------------------------------------------ bcs_tc_weak_coupling
@pytest.mark.parametrize("lam", ["0.05", "0.1", "0.2"])
def test_tc_closed_form_is_the_weak_coupling_root(lam):
    """At λ <= 0.2 the full equation's root and the closed form agree to 30 digits (the neglected terms
    are ~e^(−2X)/X < 1e-55 there)."""
    with mpmath.workdps(DIGITS):
        lam = mpmath.mpf(lam)
        assert abs(_closed_tc_X(lam) / _X_full(lam) - 1) < mpmath.mpf(10) ** -30


@pytest.mark.parametrize("lam", ["0.3", "0.4", "0.5"])
def test_tc_deviation_has_the_predicted_size(lam):
    """T_c(full)/T_c(closed) − 1 = e^R − 1 with R = ∫_X^∞ (1 − tanh x)/x dx = 2E₁(2X)(1 + O(e^(−2X))):
    relative to e^(−2X)/X it is z e^z E₁(z) = 1 − 1/z + O(1/z²), z = 2X. A wrong prefactor of the closed
    form would leave an O(1) deviation; a wrong order, a ratio far from 1."""
    with mpmath.workdps(DIGITS):
        lam = mpmath.mpf(lam)
        X = _X_full(lam)
        deviation = _closed_tc_X(lam) / X - 1  # T ∝ 1/X
        scaled = deviation * X * mpmath.exp(2 * X)
        assert 0 < deviation < 1e-2
        assert abs(scaled - 1) < 1 / X  # 1/z + O(1/z²) <= 1/X for X >= 3


def test_tc_deviation_falls_as_lambda_falls():
    with mpmath.workdps(DIGITS):
        deviations = [_closed_tc_X(mpmath.mpf(v)) / _X_full(mpmath.mpf(v)) - 1 for v in ("0.7", "0.5", "0.3")]
    assert deviations[0] > deviations[1] > deviations[2] > 0


def test_log_sech_integral_constant():
    """∫_0^∞ ln(x) sech²(x) dx = ln(π/4) − γ (the derivation's numeric step), at 40 digits by quadrature."""
    d = derive.get("bcs_tc_weak_coupling")
    (step,) = [s for s in d.steps if not s.rhs.free_symbols and s.lhs.has(sp.Integral)]
    with mpmath.workdps(DIGITS):
        value = mpmath.quad(lambda x: mpmath.log(x) / mpmath.cosh(x) ** 2, [0, 1, mpmath.inf])
        assert abs(value - mpmath.mpf(sp.N(step.rhs, DIGITS))) < mpmath.mpf(10) ** -35
        assert abs(value + mpmath.log(4 * mpmath.exp(mpmath.euler) / mpmath.pi)) < mpmath.mpf(10) ** -35


def test_tc_prefactor_literature_value():
    """k_BT_c = 1.134 ħω_c e^(−1/λ) (BCS 1957; Tinkham ch. 3)."""
    s = _symbols("bcs_tc_weak_coupling")
    rhs = derive.get("bcs_tc_weak_coupling").statement.rhs
    prefactor = rhs * s["k_B"] / (s["hbar"] * s["omega_c"] * sp.exp(-1 / s["lambda"]))
    assert float(sp.simplify(prefactor)) == pytest.approx(1.134, abs=5e-4)


@pytest.mark.parametrize("lam", [0.15, 0.2, 0.3])
def test_bcs_tc_kernel_against_full_equation(lam):
    """The generated kernel (SI, CODATA) against the full equation's root at ω_c = 2π·5 THz: the closed
    form's own error is below 2e-12 here."""
    omega_c = 2 * mpmath.pi * 5e12
    with mpmath.workdps(DIGITS):
        X = _X_full(mpmath.mpf(lam))
        tc = mpmath.mpf(codata.hbar) * omega_c / (2 * mpmath.mpf(codata.k) * X)
    assert bcs_tc_scalar(float(omega_c), lam) == pytest.approx(float(tc), rel=1e-11)


# ------------------------------------------------------------------ bcs_gap_ratio
@pytest.mark.parametrize("lam", ["0.2", "0.3", "0.5", "1.0"])
def test_gap_exact_solution_against_full_equation(lam):
    """Δ(0) = ħω_c/sinh(1/λ) (the solved step, exact in the model) and its kernel against findroot."""
    d = derive.get("bcs_gap_ratio")
    s = _symbols("bcs_gap_ratio")
    (solved,) = [st for st in d.steps if st.lhs == s["Delta"]]
    f = sp.lambdify(s["lambda"], solved.rhs.subs({s["hbar"]: 1, s["omega_c"]: 1}), modules="mpmath")
    with mpmath.workdps(DIGITS):
        ref = _delta_full(mpmath.mpf(lam))
        assert abs(f(mpmath.mpf(lam)) / ref - 1) < mpmath.mpf(10) ** -30
    omega_c = 2 * 3.14159265358979 * 5e12
    assert bcs_gap_zero_temperature_scalar(omega_c, float(lam)) == pytest.approx(
        float(ref) * codata.hbar * omega_c, rel=1e-13)


def test_gap_ratio_literature_value():
    """2Δ(0)/k_BT_c = 2π e^(−γ) = 3.528 (Tinkham, ch. 3)."""
    assert float(derive.get("bcs_gap_ratio").statement.rhs) == pytest.approx(3.528, abs=5e-4)


@pytest.mark.parametrize("lam", ["0.1", "0.15", "0.2"])
def test_gap_ratio_from_both_full_equations(lam):
    """2Δ(0)/k_BT_c from the two full equations' roots tends to the statement; the deviation is the
    predicted q/(1 − q), q = e^(−2/λ) (Δ = 2ħω_c e^(−1/λ)/(1 − q) exactly; T_c's own deviation,
    ~e^(−2X)/X, is below 1e-50 here) to 20 digits."""
    statement = derive.get("bcs_gap_ratio").statement.rhs
    with mpmath.workdps(DIGITS):
        lam = mpmath.mpf(lam)
        ratio = 2 * _delta_full(lam) * 2 * _X_full(lam)  # 2Δ/(k_BT_c) with ħω_c = 1, k_BT_c = 1/(2X)
        deviation = ratio / mpmath.mpf(sp.N(statement, DIGITS)) - 1
        q = mpmath.exp(-2 / lam)
        assert abs(deviation / (q / (1 - q)) - 1) < mpmath.mpf(10) ** -20


# ------------------------------------------------------------------ mass_enhancement_migdal
def _sigma_reduced(a2F, s: mpmath.mpf, top: mpmath.mpf) -> mpmath.mpf:
    """Re Σ/(ħω_0) = −∫_0^top α²F(t) ln|(t + s)/(t − s)| dt, split at the singular point t = s."""
    return -mpmath.quad(lambda t: a2F(t) * mpmath.log(abs((t + s) / (t - s))), [0, s, top])


@pytest.mark.parametrize("lam", ["0.3", "1.2"])
def test_mass_enhancement_from_quadrature_of_sigma(lam):
    """m*/m = 1 − (1/ħ)∂Re Σ/∂ω from Re Σ(ω)/ω at ω = 1e-12 ω_D by 40-digit quadrature (Debye-like α²F,
    its λ by quadrature too) against the statement 1 + λ and the kernel; slope error O(s² ln s) ~ 1e-23."""
    d = derive.get("mass_enhancement_migdal")
    s = _symbols("mass_enhancement_migdal")
    with mpmath.workdps(DIGITS):
        c = mpmath.mpf(lam)
        lam_quad = 2 * mpmath.quad(lambda t: c * t**2 / t, [0, 1])
        h = mpmath.mpf(10) ** -12
        ratio = 1 - _sigma_reduced(lambda t: c * t**2, h, 1) / h
        closed = d.statement.rhs.subs(s["lambda"], sp.Float(str(lam_quad), DIGITS))
        expected = mpmath.mpf(sp.N(closed, DIGITS))
        assert abs(ratio / expected - 1) < mpmath.mpf(10) ** -20
    assert mass_enhancement_scalar(float(lam_quad)) == pytest.approx(float(ratio), rel=1e-15)


@pytest.mark.parametrize("sv", ["0.1", "0.5", "0.9"])
def test_debye_self_energy_closed_form_against_quadrature(sv):
    """The derivation's closed Re Σ_D(s) (0 < s < 1) against 40-digit quadrature of the Migdal integral."""
    d = derive.get("mass_enhancement_migdal")
    s = _symbols("mass_enhancement_migdal")
    (closed,) = [st.rhs for st in d.steps if st.rhs.has(sp.log) and not st.rhs.has(sp.Integral)
                 and s["omega_D"] in st.rhs.free_symbols]
    lam = sp.Rational(7, 10)
    f = sp.lambdify(s["s"], closed.subs({s["hbar"]: 1, s["omega_D"]: 1, s["lambda"]: lam}), modules="mpmath")
    with mpmath.workdps(DIGITS):
        ref = _sigma_reduced(lambda t: mpmath.mpf("0.7") * t**2, mpmath.mpf(sv), 1)
        assert abs(mpmath.re(f(mpmath.mpf(sv))) / ref - 1) < mpmath.mpf(10) ** -30


def test_einstein_self_energy_against_narrow_peak():
    """Re Σ_E(s) of the δ peak (the derivation's step) against a normalised Gaussian peak of width
    1e-4 ω_E by quadrature at s = 0.5: the width shifts Σ by O(width²) ~ 1e-8."""
    d = derive.get("mass_enhancement_migdal")
    s = _symbols("mass_enhancement_migdal")
    (closed,) = [st.rhs for st in d.steps if st.rhs.has(sp.Abs) and not st.rhs.has(sp.Integral)]
    f = sp.lambdify(s["s"], closed.subs({s["hbar"]: 1, s["omega_E"]: 1, s["A"]: 1}), modules="mpmath")
    with mpmath.workdps(30):
        w = mpmath.mpf("1e-4")
        peak = lambda t: mpmath.exp(-((t - 1) / w) ** 2 / 2) / (w * mpmath.sqrt(2 * mpmath.pi))  # noqa: E731
        ref = -mpmath.quad(lambda t: peak(t) * mpmath.log(abs((t + 0.5) / (t - 0.5))),
                           [1 - 20 * w, 1, 1 + 20 * w])
        assert abs(f(mpmath.mpf("0.5")) / ref - 1) < 1e-7


# ------------------------------------------------------------------ kernels across their range
@pytest.mark.parametrize("lam", [0.002, 0.01, 0.1, 1.0, 10.0, 1e3, 1e100])
def test_kernels_against_mpmath_over_decades_of_lambda(lam):
    """bcs_tc and bcs_gap_zero_temperature against the closed forms at 30 digits (CODATA constants) from
    weak to absurdly strong coupling: finite, no NaN, relative error ~1e-15 (0 where the value underflows)."""
    omega_c = 3e13
    with mpmath.workdps(30):
        lam_mp, w = mpmath.mpf(lam), mpmath.mpf(omega_c)
        hbar, k = mpmath.mpf(codata.hbar), mpmath.mpf(codata.k)
        tc = 2 * mpmath.exp(mpmath.euler) / mpmath.pi * hbar * w * mpmath.exp(-1 / lam_mp) / k
        gap = hbar * w / mpmath.sinh(1 / lam_mp)
    for got, ref in ((bcs_tc_scalar(omega_c, lam), tc), (bcs_gap_zero_temperature_scalar(omega_c, lam), gap)):
        assert got == got  # not NaN
        if ref < 1e-300:
            assert 0.0 <= got < 1e-300
        else:
            assert got == pytest.approx(float(ref), rel=5e-15)
