"""numeric.screening against mpmath at 50 digits, stratified by region, and input validation."""

from __future__ import annotations

import warnings

import mpmath
import numpy as np
import pytest
import scipy.constants as c
from hypothesis import given, settings
from hypothesis import strategies as st

from numeric.screening import (
    dielectric_small_q,
    dielectric_thomas_fermi,
    lindhard_static,
    plasma_frequency,
    plasmon_frequency,
    thomas_fermi_wavevector,
)

mpmath.mp.dps = 50
HBAR, E, EPS0 = (mpmath.mpf(repr(v)) for v in (c.hbar, c.e, c.epsilon_0))


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
    "switch points": np.concatenate([s * (1 + np.array([-1e-15, 0.0, 1e-15])) for s in
                                     (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 2, 2.5, 3, 4, 5, 6, 8)]),
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
    assert dielectric_small_q(q, w, n) == pytest.approx(book, rel=1e-14)
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
