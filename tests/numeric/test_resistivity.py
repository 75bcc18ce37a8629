"""numeric.resistivity: J_n against mpmath in strata, the Bloch–Grüneisen fit on synthetic data, bad input.

References are independent of the implementation: J_n by mpmath quadrature of the integrand itself
(25 digits; the tail ∫_y^∞ by quadrature too), n! ζ(n) from mpmath's ζ; the fit is checked against the
parameters the synthetic data were made from, and its standard errors against the scatter of repeated
fits.
"""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from numeric.constants import epsilon_0, hbar, k
from numeric.materials import measured_resistivity
from numeric.resistivity import bloch_gruneisen, fit_bloch_gruneisen, transport_integral

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
T_GRID = np.geomspace(2.0, 400.0, 40)


def reference_J(y: float, n: int) -> mpmath.mpf:
    """J_n(y) by mpmath quadrature at 25 digits (scaled to [0, 1] so that tiny y keeps its digits)."""
    with mpmath.workdps(25):
        if math.isinf(y):
            return mpmath.factorial(n) * mpmath.zeta(n)
        y = mpmath.mpf(y)
        if y <= 30:
            f = lambda t: t**n * mpmath.exp(y * t) / mpmath.expm1(y * t) ** 2  # noqa: E731
            return y ** (n + 1) * mpmath.quad(f, mpmath.linspace(0, 1, 5))
        g = lambda x: x**n * mpmath.exp(x) / mpmath.expm1(x) ** 2  # noqa: E731
        return mpmath.factorial(n) * mpmath.zeta(n) - mpmath.quad(g, [y, y + 10, y + 40, mpmath.inf])


# strata: the series (y <= 2), both sides of the method edges 2 and 8, the quadrature panels, the tail, ∞
STRATA = {
    "series": [1e-8, 1e-4, 0.1, 0.7, 1.5, 1.999, 2.0],
    "panels": [2.001, 3.3, 5.0, 7.999, 8.0],
    "tail": [8.001, 12.0, 30.0, 31.0, 150.0, 1e3],
    "limit": [math.inf],
}


@pytest.mark.parametrize("n", [2, 3, 4, 5, 6, 7, 12])
@pytest.mark.parametrize("stratum", list(STRATA))
def test_transport_integral_against_mpmath(n, stratum):
    ys = np.array(STRATA[stratum])
    got = transport_integral(ys, n)
    for y, value in zip(ys, got, strict=True):
        ref = reference_J(float(y), n)
        assert abs(value - ref) <= 1e-14 * abs(ref), (n, y, value, ref)


def test_J5_limit_is_5_factorial_zeta_5():
    assert transport_integral(math.inf) == pytest.approx(float(120 * mpmath.zeta(5)), rel=1e-15)
    assert transport_integral(1e4) == transport_integral(math.inf)


@pytest.mark.parametrize(("n", "module", "edges"),
                         [(5, "eliashberg_function", [2.999999, 3.0, 66.9999, 67.0]),
                          (7, "metals", [2.999999, 3.0, 72.9999, 73.0])])
def test_generated_J_n_is_used_and_equals_the_numba_path(n, module, edges):
    """n = 5 and 7 go through the generated kernels transport_integral_5 (derivation
    allen_transport_bloch_gruneisen) and transport_integral_7 (lorenz_ratio_bloch_wilson); each equals
    the hand-written numba path to 1e-14, across the kernel's switch points and the numba function's
    (2 and 8)."""
    import importlib

    from numeric import resistivity

    generated = importlib.import_module(f"numeric._generated.{module}")
    ys = np.concatenate([np.geomspace(1e-8, 1e3, 4001), [0.0, 2.0, 8.0, *edges, math.inf]])
    got = transport_integral(ys, n)
    out = np.empty_like(ys)
    assert np.array_equal(got, getattr(generated, f"transport_integral_{n}_loop")(ys, out))
    coeff, limit, nodes, weights = resistivity._tables(n)
    numba_path = np.empty_like(ys)
    resistivity._transport_loop(ys, n, coeff, limit, nodes, weights, numba_path)
    assert np.all(np.abs(got - numba_path) <= 1e-14 * np.abs(numba_path))


def test_transport_integral_shape_and_scalar():
    assert isinstance(transport_integral(3.0), float)
    assert transport_integral(0.0) == 0.0
    assert transport_integral(np.ones((2, 3)), n=4).shape == (2, 3)


def test_bloch_gruneisen_low_temperature_T5_law():
    """At T ≪ Θ_R: ρ − ρ₀ → A (T/Θ_R)^5 5! ζ(5) (the T⁵ law), the prefactor from mpmath."""
    T, theta, A = 1.0, 400.0, 3e-8
    expected = A * (T / theta) ** 5 * float(120 * mpmath.zeta(5))
    assert bloch_gruneisen(T, 0.0, theta, A) == pytest.approx(expected, rel=1e-14)


def synthetic(theta, rho0, A, noise, seed, T=T_GRID, n=5):
    rng = np.random.default_rng(seed)
    return bloch_gruneisen(T, rho0, theta, A, n) * (1.0 + noise * rng.standard_normal(T.size))


@FAST
@given(theta=st.floats(50.0, 1000.0), noise=st.floats(1e-4, 1e-2), rho0=st.floats(-12.0, -9.0),
       A=st.floats(1e-8, 2e-7), seed=st.integers(0, 2**32 - 1))
def test_fit_recovers_parameters_within_reported_uncertainty(theta, noise, rho0, A, seed):
    rho0 = 10.0**rho0
    fit = fit_bloch_gruneisen(T_GRID, synthetic(theta, rho0, A, noise, seed))
    for got, err, true in [(fit.theta, fit.theta_err, theta), (fit.rho0, fit.rho0_err, rho0),
                           (fit.A, fit.A_err, A)]:
        assert 0.0 < err
        assert abs(got - true) < 4.0 * err, (got, err, true)
    assert np.sqrt(np.mean(fit.residuals**2)) < 2.0 * noise


def test_standard_errors_match_the_scatter_of_repeated_fits():
    """The reported σ is the spread of Θ_R, ρ₀, A over 100 noise draws (to ±25 %), not only a bound."""
    theta, rho0, A, noise = 300.0, 1e-11, 6e-8, 0.005
    fits = [fit_bloch_gruneisen(T_GRID, synthetic(theta, rho0, A, noise, seed)) for seed in range(100)]
    for name in ("theta", "rho0", "A"):
        spread = np.std([getattr(f, name) for f in fits], ddof=1)
        reported = np.mean([getattr(f, f"{name}_err") for f in fits])
        assert reported == pytest.approx(spread, rel=0.25), name


def test_fixed_parameters_and_exponent():
    T = np.linspace(5.0, 300.0, 12)
    rho = bloch_gruneisen(T, 5e-11, 250.0, 4e-8, n=3)
    fit = fit_bloch_gruneisen(T, rho, n=3, theta=250.0)
    assert (fit.theta, fit.theta_err, fit.n) == (250.0, 0.0, 3)
    assert fit.rho0 == pytest.approx(5e-11, rel=1e-8) and fit.A == pytest.approx(4e-8, rel=1e-10)
    fixed_both = fit_bloch_gruneisen(T[:2], rho[:2], n=3, theta=250.0, rho0=5e-11)
    assert fixed_both.A == pytest.approx(4e-8, rel=1e-10) and fixed_both.rho0_err == 0.0
    assert fit(T) == pytest.approx(rho, rel=1e-9)


def test_lambda_tr_reproduces_the_high_temperature_slope():
    """λ_tr from the fit, put into dρ/dT = 2π λ_tr k_B/(ħ ε₀ ω_p²), gives the model's slope far above Θ_R."""
    omega_p = 1.2e16
    fit = fit_bloch_gruneisen(T_GRID, synthetic(320.0, 2e-11, 8e-8, 1e-3, 7), omega_p=omega_p)
    T, h = 1e5, 1.0
    slope = (fit(T + h) - fit(T - h)) / (2 * h)
    assert 2 * math.pi * fit.lambda_tr * k / (hbar * epsilon_0 * omega_p**2) == pytest.approx(slope, rel=1e-6)
    assert fit.slope == pytest.approx(slope, rel=1e-6)
    relative = math.hypot(fit.A_err / fit.A, fit.theta_err / fit.theta)
    assert 0.0 < fit.lambda_tr_err <= 1.01 * relative * fit.lambda_tr + 1e-300
    assert fit_bloch_gruneisen(T_GRID, synthetic(320.0, 2e-11, 8e-8, 1e-3, 7)).lambda_tr is None


@pytest.mark.parametrize("metal", ["Cu", "Ag", "Au", "Al"])
def test_measured_noble_metals_and_aluminium_fit_to_about_one_percent(metal):
    """Above 20 K (below, ρ depends on the sample) shipped measured ρ(T) follows Bloch–Grüneisen to ~1 %."""
    T, rho, _ = measured_resistivity(metal)
    keep = T >= 20.0
    fit = fit_bloch_gruneisen(T[keep], rho[keep])
    assert np.sqrt(np.mean(fit.residuals**2)) < 0.02
    assert 100.0 < fit.theta < 500.0 and fit.theta_err < 0.05 * fit.theta


def test_bad_input_names_the_parameter():
    T = np.linspace(10.0, 300.0, 5)
    rho = bloch_gruneisen(T, 1e-11, 300.0, 5e-8)
    cases = [
        (dict(T=T[:3], rho=rho[:3]), r"^T has 3 points"),
        (dict(T=T[::-1], rho=rho), r"^T must be strictly increasing.*unsorted"),
        (dict(T=np.r_[T[:2], T[1:4]], rho=rho), r"^T must be strictly increasing.*duplicate"),
        (dict(T=T, rho=-rho), r"^rho = "),
        (dict(T=T, rho=np.r_[rho[:4], np.nan]), r"^rho = nan"),
        (dict(T=np.r_[np.nan, T[1:]], rho=rho), r"^T = nan"),
        (dict(T=T, rho=rho[:4]), r"^rho must have the shape of T"),
        (dict(T=T.reshape(1, 5), rho=rho.reshape(1, 5)), r"^T must be a one-dimensional"),
        (dict(T=T, rho=rho, n=1), r"^n = 1 "),
        (dict(T=T, rho=rho, n=5.0), r"^n = 5.0 "),
        (dict(T=T, rho=rho, theta=-3.0), r"^theta = -3 "),
        (dict(T=T, rho=rho, rho0=-1e-9), r"^rho0 = "),
        (dict(T=T, rho=rho, omega_p=0.0), r"^omega_p = 0 "),
    ]
    for kwargs, message in cases:
        with pytest.raises(ValueError, match=message):
            fit_bloch_gruneisen(**kwargs)
    for y, n, message in [(-1.0, 5, r"^y = -1 "), (np.nan, 5, r"^y = nan"), (1.0, 13, r"^n = 13 ")]:
        with pytest.raises(ValueError, match=message):
            transport_integral(y, n)
    with pytest.raises(ValueError, match=r"^theta = 0 "):
        bloch_gruneisen(100.0, 0.0, 0.0, 1e-8)
