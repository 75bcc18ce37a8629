"""numeric.screening against mpmath at 50 digits, stratified by region, and input validation."""

from __future__ import annotations

import math
import warnings
from fractions import Fraction

import mpmath
import numpy as np
import pytest
import scipy.constants as c
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import brentq

from numeric.screening import (
    dielectric_small_q,
    dielectric_thomas_fermi,
    lindhard_dynamic,
    lindhard_static,
    plasma_frequency,
    plasmon_frequency,
    thomas_fermi_wavevector,
)

with mpmath.workdps(50):
    HBAR, E, EPS0 = (mpmath.mpf(repr(v)) for v in (c.hbar, c.e, c.epsilon_0))

pytestmark = pytest.mark.usefixtures("mpmath_50_digits")


def F_ref(x: float) -> mpmath.mpf:
    """The textbook F(x) (seed 002 / Ashcroft-Mermin 17.51) at 50 digits."""
    if x == 1.0:
        return mpmath.mpf(1) / 2
    v = mpmath.mpf(x)
    return mpmath.mpf(1) / 2 + (1 - v * v) / (4 * v) * mpmath.log(abs((1 + v) / (1 - v)))


STRATA = {
    "bulk": np.linspace(0.003, 6.0, 401),
    "near x = 1": 1.0 + np.array([k * 1e-16 for k in range(-100, 101) if k != 0]),
    "tiny": np.logspace(-12, -2, 41),
    "huge": np.logspace(1, 8, 41),
    "switch points": np.concatenate([
        s * (1 + np.array([-1e-15, 0.0, 1e-15]))
        for s in (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 1 / 3, 0.4, 0.5, 2, 2.5, 3, 4, 5, 6, 8)]),
}


@pytest.mark.parametrize("stratum", list(STRATA))
def test_lindhard_static_relative_error_below_1e13(stratum):
    x = STRATA[stratum]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = lindhard_static(x)
    errors = [float(abs(g - F_ref(p)) / F_ref(p)) for p, g in zip(x, got, strict=True)]
    worst = int(np.argmax(errors))
    assert errors[worst] <= 1e-13, f"{stratum}: rel. error {errors[worst]:.2e} at x = {x[worst]!r}"


def test_lindhard_static_exact_points():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values = lindhard_static([0.0, 1.0, np.inf, 1e-300, 1e300])
    np.testing.assert_array_equal(values, [1.0, 0.5, 0.0, 1.0, 0.0])


@settings(max_examples=200, deadline=None)
@given(st.floats(1e-6, 1e6))
def test_lindhard_static_reciprocal_identity(x):
    """F(1/x) = 1 - F(x) (checked where 1 - F does not cancel: x >= 1)."""
    x = max(x, 1.0 / x)
    assert lindhard_static(1.0 / x) == pytest.approx(1.0 - lindhard_static(x), rel=1e-14, abs=1e-16)


def test_lindhard_static_decreasing():
    x = np.linspace(0, 10, 100001)
    assert np.all(np.diff(lindhard_static(x)) <= 0)


def test_lindhard_static_rejects_bad_input():
    for bad in (-1e-3, np.nan):
        with pytest.raises(ValueError, match="x ="):
            lindhard_static([0.5, bad])


@settings(max_examples=50, deadline=None)
@given(n=st.floats(1e24, 1e30), m_ratio=st.floats(0.05, 20.0))
def test_thomas_fermi_and_plasma_frequency(n, m_ratio):
    m = mpmath.mpf(m_ratio * c.m_e)
    k_f = mpmath.cbrt(3 * mpmath.pi**2 * n)
    g = m * k_f / (mpmath.pi**2 * HBAR**2)                     # both spins, per volume
    k_tf = mpmath.sqrt(E**2 * g / EPS0)
    assert abs(thomas_fermi_wavevector(n, float(m)) - k_tf) / k_tf < 1e-13
    w_p = mpmath.sqrt(n * E**2 / (EPS0 * m))
    assert abs(plasma_frequency(n, float(m)) - w_p) / w_p < 1e-13
    # Independent route: k_TF² = 3 n e²/(2 ε0 E_F)  (Ashcroft & Mermin eq. 17.50)
    e_f = HBAR**2 * k_f**2 / (2 * m)
    assert abs(thomas_fermi_wavevector(n, float(m)) ** 2 - 3 * n * E**2 / (2 * EPS0 * e_f)) < 1e-12 * k_tf**2


def test_copper_numbers():
    """Cu free-electron values: k_TF = 1.8e10 1/m; ħω_p = 10.8 eV (Ashcroft & Mermin table 1.1/17)."""
    assert thomas_fermi_wavevector(8.47e28) == pytest.approx(1.80e10, rel=5e-3)
    assert c.hbar * plasma_frequency(8.47e28) / c.e == pytest.approx(10.8, rel=5e-3)


def test_dielectric_functions():
    assert dielectric_thomas_fermi(2.0, 4.0) == 5.0
    n, q = 8.47e28, 1e8
    w_p = plasma_frequency(n)
    v_f = c.hbar * np.cbrt(3 * np.pi**2 * n) / c.m_e
    w = 3 * w_p
    book = 1 - w_p**2 / w**2 - 0.6 * w_p**2 * v_f**2 * q**2 / w**4
    assert dielectric_small_q(q, w, n) == pytest.approx(book, rel=1e-14, abs=0)
    assert plasmon_frequency(q, n) == pytest.approx(np.sqrt(w_p**2 + 0.6 * v_f**2 * q**2), rel=1e-14)


@pytest.mark.parametrize("call, name", [
    (lambda: thomas_fermi_wavevector(0.0), "n"),
    (lambda: plasma_frequency(1e28, -1.0), "m"),
    (lambda: dielectric_thomas_fermi(0.0, 1.0), "q"),
    (lambda: dielectric_small_q(1.0, 0.0, 1e28), "omega"),
    (lambda: plasmon_frequency(-1.0, 1e28), "q"),
])
def test_bad_input(call, name):
    with pytest.raises(ValueError, match=name):
        call()


@pytest.mark.parametrize("bad", [None, True, "0.5", 0.5 + 0j, np.array([0.5 + 1e-3j]), [0.5, None],
                                 [True, 0.5], np.array(["0.5"])])
def test_what_is_not_a_real_number_is_refused(bad):
    """None, bools, strings and complex numbers (whose imaginary part numpy would drop silently) are
    refused with the parameter's name, not turned into nan, 1.0 or the real part."""
    with pytest.raises(ValueError, match="x must be a real number"):
        lindhard_static(bad)
    with pytest.raises(ValueError, match="n must be a real number"):
        thomas_fermi_wavevector(bad)



# ----------------------------------------------------------------------- dynamic Lindhard function
def _L(a: mpmath.mpf) -> mpmath.mpf:
    """L(a) = a + (1 - a²) ln|(1 + a)/(1 - a)|/2; on a = ±1 the product is 0·ln 0 = 0."""
    if abs(a) == 1:
        return a
    return a + (1 - a * a) * mpmath.log(abs((1 + a) / (1 - a))) / 2


def re_ref(x: float, nu: float) -> mpmath.mpf:
    """Textbook Re f = [L(x - ν) + L(x + ν)]/(4x) (Giuliani & Vignale 4.22) to 50 digits at the double inputs.

    The formula cancels (about 3 log10(max) + log10(max/x) digits), so it is evaluated with that many
    extra digits, and checked against 20 more.
    """
    xv, nv = float(x), float(nu)
    big = max(xv, nv, 1.0)
    extra = int(4 * math.log10(big) - math.log10(xv)) + 15
    values = []
    for dps in (50 + extra, 70 + extra):
        with mpmath.workdps(dps):
            X, N = mpmath.mpf(xv), mpmath.mpf(nv)
            terms = (_L(X - N), _L(X + N))
            values.append(sum(terms) / (4 * X))
    scale = (abs(terms[0]) + abs(terms[1])) / (4 * X)  # relative accuracy is lost only at a zero of Re f
    assert abs(values[0] - values[1]) <= mpmath.mpf(10) ** -50 * max(abs(values[1]), 1e-15 * scale)
    return values[1]


def im_ref(x: float, nu: float) -> mpmath.mpf:
    """Textbook Im f (Giuliani & Vignale 4.23): πν/2, π(1 - (x - ν)²)/(8x) or 0, at 50 digits.

    The regions and 1 - (x - ν)² are decided in exact rational arithmetic on the double inputs.
    """
    X, N = Fraction(float(x)), Fraction(float(nu))
    if X + N < 1:
        return mpmath.pi * float(nu) / 2
    if abs(X - N) < 1:
        piece = (1 - (X - N) ** 2) / (8 * X)
        return mpmath.pi * mpmath.mpf(piece.numerator) / piece.denominator
    return mpmath.mpf(0)


def _edges(xs: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Points at and within |offset| of the continuum edges ν = 1 - x, x + 1, x - 1 (ν >= 0)."""
    pts = [(x, base + d * max(1.0, base)) for x in xs for base in (1 - x, x + 1, x - 1) for d in offsets]
    return np.array([(x, nu) for x, nu in pts if nu >= 0])


_RNG = np.random.default_rng(2024)
#: switch points of the generated Re f kernel (derive.kernels.lindhard.lindhard_design)
SWITCH_POINTS = {"theta": 0.25, "x_c": 0.25, "p_s": 3.0, "m_s": 0.3, "M_s": 3.0}
_OFFSETS = np.array([0.0, 1e-16, -1e-16, 1e-15, -1e-15, 1e-14, -1e-14, 1e-12, -1e-12])
DYNAMIC_STRATA = {
    "bulk": np.column_stack([_RNG.uniform(1e-3, 3, 1500), _RNG.uniform(0, 3, 1500)]),
    "near edges": _edges(np.concatenate([np.logspace(-12, 8, 41), _RNG.uniform(0, 3, 40)]), _OFFSETS),
    "tiny x": np.column_stack([np.logspace(-12, -3, 300), _RNG.uniform(0, 3, 300)]),
    "tiny x, nu near 1": np.column_stack([x := np.logspace(-12, -3, 300), 1 + x * _RNG.uniform(-3, 3, 300)]),
    "tiny nu": np.column_stack([_RNG.uniform(1e-3, 5, 300), np.logspace(-12, -3, 300)]),
    "huge nu": np.column_stack([(nu := np.logspace(1, 8, 300)) * 10 ** _RNG.uniform(-12, 0.3, 300), nu]),
    "huge x": np.column_stack([x := np.logspace(1, 8, 300), x * _RNG.uniform(0, 2, 300)]),
    "extreme (to the domain limits 1e-300 and 1e75)": np.concatenate([
        np.column_stack([np.logspace(-300, -12, 60), np.tile([0.0, 0.5, 1.0, 1 + 1e-15, 2.0, 1e8], 10)]),
        np.column_stack([x := np.logspace(8, 75, 60), x * np.tile([0.0, 1e-9, 0.5, 1.0, 2.0, 1.3e-75], 10)]),
        np.column_stack([1e75 * np.array([1e-80, 1e-12, 1.0]), np.full(3, 1e75)]),
    ]),
    # the kernel's switch points (SWITCH_POINTS; test_switch_points_are_the_kernels checks them against
    # the design): |s| = theta (s = 2x/(1 + x² - ν²)), x = x_c, ν + x = p_s, |ν - x| = m_s and M_s
    "switch points": np.array([
        (x, nu * (1 + d))
        for x in (1e-6, 1e-3, 0.05, 0.1, 0.24, 0.25, 0.26, 0.3, 0.7, 0.99, 1.0, 2.0, 4.0, 6.0, 30.0)
        for nu in (math.sqrt(max(1 + x * x - 2 * x / SWITCH_POINTS["theta"], 0)),
                   math.sqrt(1 + x * x + 2 * x / SWITCH_POINTS["theta"]), SWITCH_POINTS["p_s"] - x,
                   x + SWITCH_POINTS["m_s"], abs(x - SWITCH_POINTS["m_s"]), x + SWITCH_POINTS["M_s"],
                   abs(x - SWITCH_POINTS["M_s"]))
        for d in (-1e-15, 0.0, 1e-15)
        if nu > 0
    ]),
}


def test_switch_points_are_the_kernels():
    """The "switch points" stratum straddles the generated kernel's switch lines: keep it in step."""
    from derive.kernels.lindhard import lindhard_design

    assert lindhard_design().switch_points == SWITCH_POINTS


def _near_zero(x: float, nu: float, ref: mpmath.mpf) -> bool:
    """Within 5% of the sign change of Re f (at ν ≈ 0.8336 for small x, ν ≈ x + 1/(6x) for large x)."""
    if x > 10 or abs(ref) >= 1e-2:
        return False
    return any(re_ref(x, nu * k) * ref <= 0 for k in (0.95, 1.05))


@pytest.mark.parametrize("stratum", list(DYNAMIC_STRATA))
def test_lindhard_dynamic_real_error_below_1e13(stratum):
    """Relative error <= 1e-13 against 50-digit mpmath; near the zero of Re f, absolute error <= 1e-15."""
    x, nu = DYNAMIC_STRATA[stratum].T
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = lindhard_dynamic(x, nu).real
    assert np.all(np.isfinite(got))
    worst_rel, worst_abs = (0.0, None), (0.0, None)
    for p, g in zip(zip(x, nu, strict=True), got, strict=True):
        ref = re_ref(*p)
        err = float(abs(g - ref))
        if _near_zero(*p, ref):
            worst_abs = max(worst_abs, (err, p))
        else:
            worst_rel = max(worst_rel, (err / float(abs(ref)), p))
    assert worst_rel[0] <= 1e-13, f"{stratum}: relative error {worst_rel[0]:.2e} at (x, nu) = {worst_rel[1]}"
    assert worst_abs[0] <= 1e-15, f"{stratum}: absolute error {worst_abs[0]:.2e} at (x, nu) = {worst_abs[1]}"


def test_lindhard_dynamic_real_at_its_zero():
    """Across the zero of Re f (relative error is meaningless there): absolute error <= 1e-15."""
    points = []
    for x in (1e-9, 1e-4, 0.05, 0.2, 0.5, 0.8, 1.0, 1.7, 3.0, 10.0):
        grid = np.linspace(0.5, x + 1.5, 101)
        signs = np.sign([float(re_ref(x, n)) for n in grid])
        i = int(np.nonzero(np.diff(signs))[0][0])  # the one sign change
        nu0 = brentq(lambda n, x=x: float(re_ref(x, n)), grid[i], grid[i + 1], xtol=1e-300, rtol=8.9e-16)
        points += [(x, nu0 * (1 + d)) for d in (0.0, 1e-16, -1e-16, 1e-12, -1e-12, 1e-6, -1e-6, 1e-3, -1e-3)]
    x, nu = np.array(points).T
    got = lindhard_dynamic(x, nu).real
    errors = [float(abs(g - re_ref(*p))) for p, g in zip(points, got, strict=True)]
    worst = int(np.argmax(errors))
    assert errors[worst] <= 1e-15, f"absolute error {errors[worst]:.2e} at (x, nu) = {points[worst]}"


IMAG_STRATA = {
    "bulk": DYNAMIC_STRATA["bulk"],
    "near edges": DYNAMIC_STRATA["near edges"],
    "tiny and huge": np.concatenate([DYNAMIC_STRATA[k] for k in ("tiny x", "tiny nu", "huge nu", "huge x")]),
}


@pytest.mark.parametrize("stratum", list(IMAG_STRATA))
def test_lindhard_dynamic_imag_exact(stratum):
    """Im f within 1e-13 relative of the textbook pieces, and exactly 0 outside the continuum."""
    x, nu = IMAG_STRATA[stratum].T
    got = lindhard_dynamic(x, nu).imag
    for p, g in zip(zip(x, nu, strict=True), got, strict=True):
        ref = im_ref(*p)
        if ref == 0:
            assert g == 0.0, f"Im f = {g!r} outside the continuum at (x, nu) = {p}"
        else:
            assert abs(g - ref) <= 1e-13 * ref, f"rel. error {float(abs(g - ref) / ref):.2e} at {p}"


def test_lindhard_dynamic_exact_points():
    x = np.array([0.5, 1.0, 2.0, 1e-12, 1e8, 0.5, 2.0, 0.25, 0.75, 3.0])
    nu = np.array([0.0, 0.0, 0.0, 0.0, 0.0, 1.5, 1.0, 0.75, 0.25, 2.0])  # ν = 0; then on the edges
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        f = lindhard_dynamic(x, nu)
        static = lindhard_static(x[:5])
    np.testing.assert_allclose(f.real[:5], static, rtol=2e-15)  # ν = 0: the static F(x)
    assert f.real[1] == 0.5  # the Kohn point x = 1 (both logarithms singular)
    np.testing.assert_array_equal(f.imag[[0, 1, 2, 3, 4, 5, 6, 9]], 0.0)  # ν = 0 and ν = x ± 1
    np.testing.assert_allclose(f.imag[7:9], np.pi * nu[7:9] / 2, rtol=1e-15)  # ν = 1 - x: both pieces agree
    for p, g in zip(zip(x, nu, strict=True), f.real, strict=True):
        assert abs(g - re_ref(*p)) <= 1e-14 * abs(re_ref(*p))


def test_lindhard_dynamic_types_and_broadcasting():
    f = lindhard_dynamic(0.5, 0.25)
    assert isinstance(f, complex)
    assert f == pytest.approx(complex(0.83255867812307896, math.pi / 8), rel=1e-15)
    grid = lindhard_dynamic(np.array([[0.5], [2.0]]), np.array([0.0, 1.0, 3.0]))
    assert grid.shape == (2, 3) and grid.dtype == np.complex128


@settings(max_examples=200, deadline=None)
@given(st.floats(1e-8, 1e4))
def test_lindhard_dynamic_static_limit(x):
    """f(x, 0) = F(x) (lindhard_static), and Im f(x, 0) = 0."""
    f = lindhard_dynamic(x, 0.0)
    assert f.real == pytest.approx(lindhard_static(x), rel=2e-15, abs=0)
    assert f.imag == 0.0


@settings(max_examples=300, deadline=None)
@given(st.floats(1e-10, 1e6), st.floats(0.0, 1e6))
def test_lindhard_dynamic_imag_nonnegative_and_bounded(x, nu):
    """Retarded response: Im f >= 0 for ν >= 0; Im f <= π/2 · min(ν, 1) and Re f finite."""
    f = lindhard_dynamic(x, nu)
    assert 0.0 <= f.imag <= np.pi / 2 * min(nu, 1.0) * (1 + 1e-15)
    assert np.isfinite(f.real)


@settings(max_examples=200, deadline=None)
@given(st.floats(1e-6, 1e4), st.floats(10.0, 1e3))
def test_lindhard_dynamic_large_nu_asymptote(x, ratio):
    """ν >> max(1, x): Re f = -[1 + (3/5 + x²)/ν²]/(3ν²) + O(ν^-6) (the plasmon-region expansion)."""
    nu = ratio * max(1.0, x)
    asymptote = -(1 + (0.6 + x * x) / nu**2) / (3 * nu**2)
    assert lindhard_dynamic(x, nu).real == pytest.approx(asymptote, rel=3 * ((1 + x * x) / nu**2) ** 2, abs=0)


def test_lindhard_dynamic_f_sum_rule():
    """∫_0^∞ ν Im f dν = π/6 for every x (derivation lindhard_dynamic_imag), by the trapezoid rule."""
    for x in (0.1, 0.5, 1.0, 2.5):
        nu = np.linspace(0.0, x + 1.0, 400001)
        total = np.trapezoid(nu * lindhard_dynamic(np.full_like(nu, x), nu).imag, nu)
        assert total == pytest.approx(np.pi / 6, rel=1e-9)


@pytest.mark.parametrize("call, name", [
    (lambda: lindhard_dynamic(0.0, 1.0), "z"),
    (lambda: lindhard_dynamic(-1.0, 1.0), "z"),
    (lambda: lindhard_dynamic(np.nan, 1.0), "z"),
    (lambda: lindhard_dynamic(np.inf, 1.0), "z"),
    (lambda: lindhard_dynamic(1e200, 1.0), "z"),
    (lambda: lindhard_dynamic(1.0, -1e-3), "u"),
    (lambda: lindhard_dynamic(1.0, np.nan), "u"),
    (lambda: lindhard_dynamic(1.0, np.inf), "u"),
    (lambda: lindhard_dynamic([1.0, 2.0], [0.5, 1e76]), "u"),
    (lambda: lindhard_dynamic("a", 1.0), "z"),
])
def test_lindhard_dynamic_rejects_bad_input(call, name):
    with pytest.raises(ValueError, match=f"^{name} "):
        call()


def test_large_arrays_run_on_all_cores_with_the_same_values():
    """From PARALLEL_SIZE points on, evaluate() runs the prange twin: identical numbers, every point."""
    from numeric._support import PARALLEL_SIZE

    rng = np.random.default_rng(7)
    z, u = 3.0 * (1.0 - rng.random(PARALLEL_SIZE)), 3.0 * rng.random(PARALLEL_SIZE)
    whole = lindhard_dynamic(z, u)
    halves = np.concatenate([lindhard_dynamic(z[:PARALLEL_SIZE // 2], u[:PARALLEL_SIZE // 2]),
                             lindhard_dynamic(z[PARALLEL_SIZE // 2:], u[PARALLEL_SIZE // 2:])])
    assert np.array_equal(whole, halves)
    split = np.concatenate([lindhard_static(z[:10]), lindhard_static(z[10:])])
    assert np.array_equal(lindhard_static(z), split)


def test_closed_forms_beyond_double_range():
    """ε_TF = 1 + k_TF²/q² with both tiny (was inf: q² = 1e-400 underflowed to 0), and a clear
    ValueError naming the inputs where the value itself exceeds 1.8e308 (was inf, -inf)."""
    assert dielectric_thomas_fermi(1e-200, 1e-100) == pytest.approx(1e200, rel=1e-15)
    assert dielectric_thomas_fermi(1e300, 1e250) == 1.0
    with pytest.raises(ValueError, match=r"^q = 1e-300, k_TF = 1e\+10 .*largest double"):
        dielectric_thomas_fermi(1e-300, 1e10)
    with pytest.raises(ValueError, match=r"^q = 1e\+10, omega = 1e-300"):
        dielectric_small_q(1e10, 1e-300, 8.47e28)
    # ω_p ∝ sqrt(n/m): n = 1e300, m = 1e-300 kg gives 5.38e286 rad/s (mpmath)
    book = mpmath.sqrt(mpmath.mpf(1e300) * E**2 / (EPS0 * mpmath.mpf(1e-300)))
    assert abs(plasma_frequency(1e300, 1e-300) / book - 1) < 1e-14
