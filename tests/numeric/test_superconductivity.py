"""Tests of numeric.superconductivity: moments of α²F on a grid against closed forms and mpmath, the
McMillan and Allen–Dynes T_c against mpmath at 30 digits, the exact inversion for λ, limits, validation."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from numeric.constants import hbar, k
from numeric.superconductivity import (
    EliashbergMoments,
    allen_dynes_lambda,
    allen_dynes_tc,
    debye_moments,
    einstein_moments,
    eliashberg_moments,
    mcmillan_lambda,
    mcmillan_tc,
)

OMEGA_D = 4.0e13  # rad/s


# ---------------------------------------------------------------- moments of α²F on a grid


def _rel(a: float, b: float) -> float:
    return abs(a - b) / abs(b)


def test_debye_closed_form_by_mpmath():
    """The closed forms of debye_moments against mpmath quadrature of the definitions."""
    lam, wd = 0.7, 3.0
    with mpmath.workdps(30):
        f = lambda w: lam * (w / wd) ** 2  # noqa: E731
        lam_q = 2 * mpmath.quad(lambda w: f(w) / w, [0, wd])
        log_q = 2 / lam_q * mpmath.quad(lambda w: mpmath.log(w) * f(w) / w, [0, wd])
        w2_q = 2 / lam_q * mpmath.quad(lambda w: w * f(w), [0, wd])
        m = debye_moments(lam, wd)
        assert _rel(m.lam, float(lam_q)) < 1e-15
        assert _rel(m.omega_log, float(mpmath.exp(log_q))) < 1e-15
        assert _rel(m.omega2_mean, float(w2_q)) < 1e-15
        assert _rel(m.omega2_bar, float(mpmath.sqrt(w2_q))) < 1e-15


def test_einstein_closed_form():
    m = einstein_moments(1.3, 2e13)
    assert m == EliashbergMoments(1.3, 2e13, 4e26, 2e13)


def _debye_errors(n: int) -> np.ndarray:
    omega = np.linspace(0.0, OMEGA_D, n + 1)
    m = eliashberg_moments(omega, 0.8 * (omega / OMEGA_D) ** 2)
    ref = debye_moments(0.8, OMEGA_D)
    return np.array([_rel(m.lam, ref.lam), _rel(m.omega_log, ref.omega_log),
                     _rel(m.omega2_mean, ref.omega2_mean)])


def test_debye_grid_converges_as_h_squared():
    """Halving h divides the error of λ by 4 (trapezoid, O(h²): the relative error is h²/ω_D² exactly,
    from the linear interpolation on the first panel); ω_log converges as O(h² ln h) (observed order
    1.84-1.87); for this spectrum the O(h²) errors of λ and ∫ω α²F cancel in ⟨ω²⟩ (order 4)."""
    hs = OMEGA_D / np.array([100, 200, 400, 800])
    errors = np.array([_debye_errors(n) for n in (100, 200, 400, 800)])
    order = np.log2(errors[:-1] / errors[1:])
    np.testing.assert_allclose(errors[:, 0], (hs / OMEGA_D) ** 2, rtol=1e-9)
    np.testing.assert_allclose(order[:, 0], 2.0, atol=1e-6)
    assert (order[:, 1] > 1.8).all() and (order[:, 1] < 2.05).all()
    assert (order[:, 2] > 3.9).all()
    assert errors[-1].max() < 2e-5


def test_smooth_polynomial_spectrum_against_mpmath():
    """α²F = c ω²(ω_c − ω) on [0, ω_c], exact moments by mpmath; error O(h²) in all three moments."""
    wc = 1.0
    c = 3.0
    with mpmath.workdps(30):
        f = lambda w: c * w**2 * (wc - w)  # noqa: E731
        lam_q = 2 * mpmath.quad(lambda w: f(w) / w, [0, wc])
        wlog_q = mpmath.exp(2 / lam_q * mpmath.quad(lambda w: mpmath.log(w) * f(w) / w, [0, wc]))
        w2_q = 2 / lam_q * mpmath.quad(lambda w: w * f(w), [0, wc])
    ref = np.array([float(lam_q), float(wlog_q), float(w2_q)])
    errs = []
    for n in (200, 400, 800):
        omega = np.linspace(0.0, wc, n + 1)
        m = eliashberg_moments(omega, c * omega**2 * (wc - omega))
        errs.append(np.abs(np.array([m.lam, m.omega_log, m.omega2_mean]) - ref) / ref)
    errs = np.array(errs)
    order = np.log2(errs[:-1] / errs[1:])
    assert errs[-1].max() < 5e-5
    assert (order > 1.75).all() and (order < 2.1).all()


def test_linear_onset_exact_first_panel():
    """α²F = c ω (linear onset, λ finite): the exact first panel keeps λ exact for a linear α²F."""
    omega = np.linspace(0.0, 2.0, 51)
    m = eliashberg_moments(omega, 0.5 * omega)
    assert _rel(m.lam, 2.0) < 1e-14  # 2 ∫₀² 0.5 dω


def test_narrow_peak_reproduces_einstein():
    """A normalised Gaussian of width σ = 1e-3 ω_E (grid not starting at 0) gives the Einstein moments
    up to O(σ²/ω_E²)."""
    lam, we = 1.1, 2e13
    sigma = 1e-3 * we
    omega = np.linspace(we - 12 * sigma, we + 12 * sigma, 2001)
    a2f = lam * we / 2 * np.exp(-0.5 * ((omega - we) / sigma) ** 2) / (sigma * math.sqrt(2 * math.pi))
    m = eliashberg_moments(omega, a2f)
    ref = einstein_moments(lam, we)
    for got, want in zip(m, ref, strict=True):
        assert _rel(got, want) < 1e-5


def test_moments_accept_lists_and_return_floats():
    omega = np.linspace(0.0, 1.0, 10)
    m = eliashberg_moments(list(omega), list(omega**2))
    assert all(type(x) is float for x in m)
    assert m.omega2_bar == math.sqrt(m.omega2_mean)


@pytest.mark.parametrize(("omega", "a2f", "match"), [
    ([0.0, 1.0, 1.0], [0.0, 1.0, 1.0], "omega must be strictly increasing"),
    ([0.0, 2.0, 1.0], [0.0, 1.0, 1.0], "omega must be strictly increasing"),
    ([-1.0, 1.0, 2.0], [0.0, 1.0, 1.0], "omega = -1"),
    ([0.0, 1.0, np.inf], [0.0, 1.0, 1.0], "omega = inf"),
    ([0.0, 1.0, 2.0], [0.0, 1.0], "a2F must have the shape of omega"),
    ([0.0, 1.0, 2.0], [0.0, -1.0, 1.0], "a2F = -1"),
    ([0.0, 1.0, 2.0], [0.0, np.nan, 1.0], "a2F = nan"),
    ([0.0, 1.0, 2.0], [0.5, 1.0, 1.0], "a2F\\[0\\] = 0.5 at omega = 0"),
    ([0.0, 1.0, 2.0], [0.0, 0.0, 0.0], "a2F = 0 everywhere"),
    ([1.0], [1.0], "omega must be a 1-D array of at least 2"),
    ([[0.0, 1.0]], [[0.0, 1.0]], "omega must be a 1-D array"),
    (None, [1.0], "omega must be a real number"),
    ([0.0, 1.0], ["a", "b"], "a2F must be a real number"),
    ([0.0, 1.0], [0.0, 1j], "a2F must be a real number"),
])
def test_moments_validation(omega, a2f, match):
    with pytest.raises(ValueError, match=match):
        eliashberg_moments(omega, a2f)


@pytest.mark.parametrize("func", [einstein_moments, debye_moments])
@pytest.mark.parametrize(("lam", "w", "name"), [(0.0, 1.0, "lam"), (1.0, 0.0, "omega_"), (None, 1.0, "lam"),
                                                (1.0, True, "omega_"), (np.inf, 1.0, "lam")])
def test_closed_form_validation(func, lam, w, name):
    with pytest.raises(ValueError, match=name):
        func(lam, w)


# ---------------------------------------------------------------- T_c formulas against mpmath


def _mp_exponent(lam, mu):
    lam, mu = mpmath.mpf(lam), mpmath.mpf(mu)
    den = lam - mu * (1 + mpmath.mpf("0.62") * lam)
    return mpmath.exp(-mpmath.mpf("1.04") * (1 + lam) / den) if den > 0 else mpmath.mpf(0)


def _mp_mcmillan(lam, mu, theta):
    return mpmath.mpf(theta) / mpmath.mpf("1.45") * _mp_exponent(lam, mu)


def _mp_allen_dynes(lam, mu, wlog, w2=None):
    lam, mu, wlog = mpmath.mpf(lam), mpmath.mpf(mu), mpmath.mpf(wlog)
    f1 = mpmath.cbrt(1 + (lam / (mpmath.mpf("2.46") * (1 + mpmath.mpf("3.8") * mu))) ** mpmath.mpf(1.5))
    f2 = mpmath.mpf(1)
    if w2 is not None:
        r = mpmath.mpf(w2) / wlog
        big2 = mpmath.mpf("1.82") * (1 + mpmath.mpf("6.3") * mu) * r
        f2 = 1 + (r - 1) * lam**2 / (lam**2 + big2**2)
    return f1 * f2 * mpmath.mpf(hbar) / mpmath.mpf(k) * wlog / mpmath.mpf("1.2") * _mp_exponent(lam, mu)


_RNG = np.random.default_rng(16)
_CASES = [(float(lam), float(mu), float(t)) for lam, mu, t in zip(
    _RNG.uniform(0.2, 4.0, 40), _RNG.uniform(0.0, 0.2, 40), _RNG.uniform(50.0, 1500.0, 40), strict=True)]


def test_mcmillan_against_mpmath():
    lam, mu, theta = (np.array(x) for x in zip(*_CASES, strict=True))
    got = mcmillan_tc(lam, mu, theta)
    with mpmath.workdps(30):
        want = np.array([float(_mp_mcmillan(*c)) for c in _CASES])
    pos = want > 0
    assert pos.sum() > 30
    np.testing.assert_allclose(got[pos], want[pos], rtol=1e-14)
    assert (got[~pos] == 0.0).all()


def test_allen_dynes_against_mpmath():
    wlog = np.array([t for _, _, t in _CASES]) * k / hbar / 1.5
    ratio = _RNG.uniform(1.0, 1.6, len(_CASES))
    lam, mu = (np.array(x) for x in list(zip(*_CASES, strict=True))[:2])
    got1 = allen_dynes_tc(lam, mu, wlog)
    got2 = allen_dynes_tc(lam, mu, wlog, ratio * wlog)
    with mpmath.workdps(30):
        want1 = np.array([float(_mp_allen_dynes(a, b, c)) for a, b, c in zip(lam, mu, wlog, strict=True)])
        want2 = np.array([float(_mp_allen_dynes(a, b, c, r * c))
                          for a, b, c, r in zip(lam, mu, wlog, ratio, strict=True)])
    np.testing.assert_allclose(got1, want1, rtol=1e-14)
    np.testing.assert_allclose(got2, want2, rtol=1e-14)


def test_scalar_in_float_out_and_broadcasting():
    assert type(mcmillan_tc(1.0, 0.1, 300.0)) is float
    assert type(allen_dynes_tc(1.0, 0.1, 3e13, 3.5e13)) is float
    assert type(mcmillan_lambda(5.0, 0.1, 300.0)) is float
    lam = np.linspace(0.5, 2.0, 4)[:, None]
    mu = np.array([0.0, 0.1, 0.15])
    out = mcmillan_tc(lam, mu, 300.0)
    assert out.shape == (4, 3)
    assert out[2, 1] == mcmillan_tc(float(lam[2, 0]), 0.1, 300.0)
    assert allen_dynes_tc(lam, mu, 3e13, 3.3e13).shape == (4, 3)
    assert mcmillan_lambda(np.array([1.0, 2.0])[:, None], mu, 300.0).shape == (2, 3)


# ---------------------------------------------------------------- threshold, inversion, limits


@pytest.mark.parametrize("mu", [0.0, 0.1, 0.13, 0.5, 0.9])
def test_tc_zero_at_and_below_threshold(mu):
    lam_c = mu / (1 - 0.62 * mu)
    below = np.array([0.0, 0.5 * lam_c, lam_c])
    assert (mcmillan_tc(below, mu, 300.0) == 0.0).all()
    assert (allen_dynes_tc(below, mu, 3e13, 3.5e13) == 0.0).all()
    assert mcmillan_lambda(0.0, mu, 300.0) == pytest.approx(lam_c, rel=1e-15, abs=0.0)
    assert mcmillan_tc(lam_c + 0.1, mu, 300.0) > 0.0


@settings(max_examples=200, deadline=None)
@given(mu=st.floats(0.0, 0.5), excess=st.floats(0.05, 5.0), theta=st.floats(1.0, 3000.0))
def test_inversion_round_trip(mu, excess, theta):
    lam = mu / (1 - 0.62 * mu) + excess
    tc = mcmillan_tc(lam, mu, theta)
    assert tc > 0.0
    assert mcmillan_lambda(tc, mu, theta) == pytest.approx(lam, rel=1e-9)
    assert mcmillan_tc(mcmillan_lambda(tc, mu, theta), mu, theta) == pytest.approx(tc, rel=1e-12)


def test_inversion_formula_against_mpmath():
    with mpmath.workdps(30):
        for tc, mu, theta in [(9.25, 0.13, 275.0), (1.2, 0.1, 400.0), (40.0, 0.1, 900.0)]:
            big_l = mpmath.log(mpmath.mpf(theta) / (mpmath.mpf("1.45") * mpmath.mpf(tc)))
            mu_ = mpmath.mpf(mu)
            want = (mpmath.mpf("1.04") + mu_ * big_l) / (big_l * (1 - mpmath.mpf("0.62") * mu_)
                                                            - mpmath.mpf("1.04"))
            assert _rel(mcmillan_lambda(tc, mu, theta), float(want)) < 1e-14


def test_inversion_refuses_unreachable_tc():
    t_max = 300.0 / 1.45 * math.exp(-1.04 / (1 - 0.62 * 0.1))
    with pytest.raises(ValueError, match=r"tc = .* outside the valid range"):
        mcmillan_lambda(t_max, 0.1, 300.0)
    with pytest.raises(ValueError, match="tc"):
        mcmillan_lambda([1.0, 1.01 * t_max], 0.1, 300.0)
    assert mcmillan_lambda(0.999 * t_max, 0.1, 300.0) > 10.0


def test_allen_dynes_equal_frequencies_is_f1_times_mcmillan_form():
    """ω̄₂ = ω_log: f2 = 1 and T_c = f1 × McMillan's formula with Θ_D/1.45 -> ħω_log/(1.2 k_B)."""
    lam = np.array([0.3, 0.8, 1.5, 3.0, 10.0])
    mu = 0.12
    wlog = 2.5e13
    theta_equiv = 1.45 / 1.2 * hbar * wlog / k
    f1 = (1 + (lam / (2.46 * (1 + 3.8 * mu))) ** 1.5) ** (1 / 3)
    want = f1 * mcmillan_tc(lam, mu, theta_equiv)
    np.testing.assert_allclose(allen_dynes_tc(lam, mu, wlog, wlog), want, rtol=1e-14)
    np.testing.assert_allclose(allen_dynes_tc(lam, mu, wlog), want, rtol=1e-14)
    # a ratio a few ulps below 1 (rounding of a narrow spectrum's moments) is accepted as 1
    assert allen_dynes_tc(lam, mu, wlog, wlog * (1 - 1e-13)) == pytest.approx(want, rel=1e-14)


def test_f1_f2_limits():
    """Small λ: f1 f2 − 1 -> (1/3)(λ/Λ1)^{3/2} + (r − 1)λ²/Λ2²; large λ: f1 -> (λ/Λ1)^{1/2}, f2 -> r."""
    mu, wlog, r = 0.1, 3e13, 1.4
    lam1, lam2 = 2.46 * (1 + 3.8 * mu), 1.82 * (1 + 6.3 * mu) * r

    def ratio(lam):
        return allen_dynes_tc(lam, mu, wlog, r * wlog) / (mcmillan_tc(lam, mu, 1.45 / 1.2 * hbar * wlog / k))

    for lam in (0.25, 0.2):   # the threshold is λ_c = 0.107
        lead = (lam / lam1) ** 1.5 / 3 + (r - 1) * lam**2 / lam2**2
        assert ratio(lam) - 1 == pytest.approx(lead, rel=0.05)
    for lam in (1e6, 1e8):
        assert ratio(lam) / (math.sqrt(lam / lam1) * r) == pytest.approx(1.0, rel=5 * (lam1 / lam) ** 1.5
                                                                           + 5 * lam2**2 / lam**2)


@pytest.mark.filterwarnings("error")
def test_extreme_lambda_without_overflow():
    """λ up to the largest double: f1 = (λ/Λ1)^{1/2}(1 + (Λ1/λ)^{3/2})^{1/3} and f2 without forming λ²;
    λ down to the smallest subnormal: T_c = 0 (the threshold), f2 -> 1 without overflow of (Λ2/λ)²."""
    mu, wlog, r = 0.1, 3e13, 1.3
    lam1 = 2.46 * (1 + 3.8 * mu)
    for lam in (1e150, 1e300, 1.7e308):
        got = allen_dynes_tc(lam, mu, wlog, r * wlog)
        want = math.sqrt(lam / lam1) * r * mcmillan_tc(lam, mu, 1.45 / 1.2 * hbar * wlog / k)
        assert math.isfinite(got) and got == pytest.approx(want, rel=1e-14)
    for lam in (5e-324, 1e-300):
        assert allen_dynes_tc(lam, 0.0, wlog, r * wlog) == 0.0
        assert allen_dynes_tc(lam, mu, wlog, r * wlog) == 0.0


# ---------------------------------------------------------------- validation of the T_c functions


_GOOD = {"lam": 1.0, "mu_star": 0.1, "theta_D": 300.0, "omega_log": 3e13, "omega2_bar": 3.5e13, "tc": 5.0}
_BAD = {
    "lam": [-0.1, np.inf, np.nan],
    "mu_star": [-0.01, 1.0, 1.5],
    "theta_D": [0.0, -5.0, np.inf],
    "omega_log": [0.0, -1.0, np.inf],
    "omega2_bar": [0.0, 2e13, np.inf],
    "tc": [-1.0, np.inf],
}
_SIGNATURES = {mcmillan_tc: ("lam", "mu_star", "theta_D"),
               allen_dynes_tc: ("lam", "mu_star", "omega_log", "omega2_bar"),
               mcmillan_lambda: ("tc", "mu_star", "theta_D")}
_INVALID = [(f, p, v) for f, params in _SIGNATURES.items() for p in params
            for v in [*_BAD[p], *([None] if p != "omega2_bar" else []), True, "1.0", 1 + 0j, [1.0, None]]]


@pytest.mark.parametrize(("func", "param", "value"), _INVALID,
                         ids=[f"{f.__name__}-{p}-{v!r}" for f, p, v in _INVALID])
def test_invalid_parameters_named(func, param, value):
    kwargs = {p: _GOOD[p] for p in _SIGNATURES[func]}
    kwargs[param] = value
    with pytest.raises(ValueError, match=f"^{param} "):
        func(**kwargs)


# ---------------------------------------------------------------- generated kernels, stratified, vs mpmath

_EPS = np.finfo(float).eps


def _mp_denominator_bound(lam, mu):
    """The rounding bound of the exponent X = 1.04(1+λ)/D, D = λ − μ*(1+0.62λ), for exact inputs: D is
    computed with an absolute error of a few ulps of λ + μ*(1+0.62λ), so X (and T_c = ... e^{−X}) carries a
    relative error up to ~ eps X (λ + μ*(1+0.62λ))/D: large only near the T_c = 0 boundary, where D -> 0."""
    lam, mu = mpmath.mpf(lam), mpmath.mpf(mu)
    den = lam - mu * (1 + mpmath.mpf("0.62") * lam)
    x = mpmath.mpf("1.04") * (1 + lam) / den
    return float(x * (lam + mu * (1 + mpmath.mpf("0.62") * lam)) / den)


def _stratified_points() -> list[tuple[str, float, float]]:
    """(stratum, λ, μ*): near the boundary λ = λ_c(1 + δ), small λ at μ* = 0, McMillan's range, large λ."""
    points = [("boundary", mu / (1 - 0.62 * mu) * (1 + d), mu) for mu in (0.1, 0.13, 0.2)
              for d in (1.0, 0.3, 0.1, 0.02)]
    points += [("small", lam, 0.0) for lam in (0.02, 0.05, 0.1, 0.2)]
    points += [("bulk", lam, mu) for lam, mu in ((0.5, 0.1), (0.9, 0.13), (1.5, 0.15))]
    points += [("large", lam, 0.13) for lam in (2.0, 10.0, 1e3, 1e10, 1e300, 1.7e308)]
    return points


STRATA = _stratified_points()


@pytest.mark.parametrize(("stratum", "lam", "mu"), STRATA)
def test_tc_kernels_against_mpmath_stratified(stratum, lam, mu):
    """mcmillan_tc and allen_dynes_tc (generated kernels of the stated formulas) against mpmath at 40
    digits: within 1e-14, near the boundary within 1e-14 plus the rounding bound of the exponent's
    denominator (measured: 8e-14 at X = 116, 2e-12 at X = 577, each below the bound); where the exact value
    is below 1e-300 the double result is that small or 0."""
    wlog, theta = 3e13, 300.0
    with mpmath.workdps(40):
        want = (_mp_mcmillan(lam, mu, theta), _mp_allen_dynes(lam, mu, wlog, 1.3 * wlog))
        tolerance = 1e-14 + 2 * _EPS * _mp_denominator_bound(lam, mu)
    if stratum != "boundary":  # away from the boundary: 1e-14 flat
        tolerance = 1e-14
    got = (mcmillan_tc(lam, mu, theta), allen_dynes_tc(lam, mu, wlog, 1.3 * wlog))
    for g, w in zip(got, want, strict=True):
        if w < mpmath.mpf("1e-300"):
            assert 0.0 <= g < 1e-299
        else:
            assert abs(g / float(w) - 1) < tolerance, (stratum, g, w)


def _mp_mcmillan_lambda(tc, mu, theta):
    big_l = mpmath.log(mpmath.mpf(theta) / (mpmath.mpf("1.45") * mpmath.mpf(tc)))
    mu = mpmath.mpf(mu)
    return (mpmath.mpf("1.04") + mu * big_l) / (big_l * (1 - mpmath.mpf("0.62") * mu) - mpmath.mpf("1.04"))


@pytest.mark.parametrize("mu", [0.0, 0.13])
@pytest.mark.parametrize("fraction", [1e-300, 1e-30, 1e-3, 0.2, 0.5, 0.99, 0.9999])
def test_mcmillan_lambda_kernel_against_mpmath_stratified(mu, fraction):
    """The generated λ(u) kernel from T_c -> 0 (λ -> λ_c) to T_c -> T_max (λ -> ∞): within 1e-14 plus
    4 eps λ (near T_max, λ ∝ 1/(T_max − T_c) amplifies the rounding of ln T_c by λ)."""
    theta = 300.0
    tc = fraction * theta / 1.45 * math.exp(-1.04 / (1 - 0.62 * mu))
    with mpmath.workdps(40):
        want = float(_mp_mcmillan_lambda(tc, mu, theta))
    assert _rel(mcmillan_lambda(tc, mu, theta), want) < 1e-14 + 4 * _EPS * want


# ---------------------------------------------------------------- Allen–Dynes inversion by root finding


@pytest.mark.parametrize(("stratum", "lam", "mu"), [s for s in STRATA if s[1] < 1e100])
def test_allen_dynes_lambda_round_trip(stratum, lam, mu):
    """allen_dynes_lambda(allen_dynes_tc(λ)) = λ; near the boundary T_c(λ) is so steep that the round trip
    is better than on the bulk (the tolerance is brentq's 1e-15 relative plus a few ulps of T_c's rounding
    divided by d ln T_c/d ln λ >= 1)."""
    wlog = 3e13
    for w2 in (None, 1.3 * wlog):
        tc = allen_dynes_tc(lam, mu, wlog, w2)
        if tc == 0.0:  # underflow: every λ below this one gives 0 too
            continue
        assert allen_dynes_lambda(tc, mu, wlog, w2) == pytest.approx(lam, rel=1e-13)


def test_allen_dynes_lambda_against_mpmath_root():
    """λ for given T_c against mpmath's root of the formula typed from the paper (40 digits)."""
    wlog, r = 2.5e13, 1.25
    for tc, mu in ((0.5, 0.1), (7.2, 0.13), (40.0, 0.1), (150.0, 0.0)):
        with mpmath.workdps(40):
            def f(x, mu=mu, tc=tc):
                return mpmath.log(_mp_allen_dynes(x, mu, wlog, r * wlog) / mpmath.mpf(tc))
            lam_c = mpmath.mpf(mu) / (1 - mpmath.mpf("0.62") * mpmath.mpf(mu))
            want = mpmath.findroot(f, (lam_c + mpmath.mpf("1e-6"), mpmath.mpf(1e6)), solver="anderson")
        assert _rel(allen_dynes_lambda(tc, mu, wlog, r * wlog), float(want)) < 1e-13


def test_allen_dynes_lambda_zero_tc_vectorised_and_validated():
    mu = np.array([0.0, 0.1, 0.13])
    out = allen_dynes_lambda(0.0, mu, 3e13)
    np.testing.assert_allclose(out, mu / (1 - 0.62 * mu), rtol=1e-15)
    tcs = np.array([[1.0], [5.0]])
    lam = allen_dynes_lambda(tcs, mu, 3e13, 3.3e13)
    assert lam.shape == (2, 3) and (lam[1] > lam[0]).all()
    assert type(allen_dynes_lambda(1.0, 0.1, 3e13)) is float
    for kwargs, name in (({"tc": -1.0}, "tc"), ({"tc": np.nan}, "tc"), ({"mu_star": 1.0}, "mu_star"),
                         ({"omega_log": 0.0}, "omega_log"), ({"omega2_bar": 1e13}, "omega2_bar")):
        args = {"tc": 1.0, "mu_star": 0.1, "omega_log": 3e13, "omega2_bar": 3.3e13} | kwargs
        with pytest.raises(ValueError, match=name):
            allen_dynes_lambda(**args)
    with pytest.raises(ValueError, match=r"tc = .* outside the valid range"):
        allen_dynes_lambda(1e300, 0.1, 1.0)


def test_einstein_moments_from_the_generated_kernels():
    """The Einstein moments are the derivation's kernels: ⟨ω²⟩ = ω_E² rounded once, ω̄₂ its root."""
    for w in (1e-3, 2e13, 3.3e150):
        m = einstein_moments(0.7, w)
        assert m.omega_log == w and m.omega2_mean == w * w
        assert _rel(m.omega2_bar, w) <= _EPS
