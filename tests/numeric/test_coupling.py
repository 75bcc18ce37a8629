"""Public coupling functions against the textbook formulas evaluated with mpmath at 50 digits."""

from __future__ import annotations

import mpmath
import numpy as np
import pytest
import scipy.constants as c
from hypothesis import example, given, settings
from hypothesis import strategies as st

from numeric.coupling import (
    coupled_plasmon_lo_modes,
    deformation_potential_coupling,
    frohlich_coupling,
    frohlich_coupling_screened,
    frohlich_coupling_screened_dynamic,
)

with mpmath.workdps(50):
    HBAR, E, EPS0 = (mpmath.mpf(repr(v)) for v in (c.hbar, c.e, c.epsilon_0))

pytestmark = pytest.mark.usefixtures("mpmath_50_digits")


def rel(a: float, b) -> float:
    return float(abs(mpmath.mpf(a) - b) / abs(b))


def logs(lo: float, hi: float):
    return st.floats(lo, hi).map(lambda p: 10.0**p)


@settings(max_examples=60, deadline=None)
@given(q=logs(-12, 12), D=logs(-21, -17), rho=logs(2, 5), V=logs(-27, 0), v_s=logs(2, 4))
def test_deformation_potential_matches_textbook(q, D, rho, V, v_s):
    book = D * mpmath.sqrt(HBAR * q / (2 * rho * V * v_s))  # seed 002
    assert rel(deformation_potential_coupling(q, D, rho, V, v_s), book) < 1e-13


@settings(max_examples=60, deadline=None)
@given(q=logs(-12, 12), w=logs(12, 15), eps_inf=st.floats(1.0, 30.0), d_eps=logs(-6, 2), V=logs(-27, 0),
       k_tf=logs(6, 11))
def test_frohlich_matches_textbook(q, w, eps_inf, d_eps, V, k_tf):
    eps_s = eps_inf + d_eps
    inv = 1 / mpmath.mpf(eps_inf) - 1 / mpmath.mpf(eps_s)
    bare = mpmath.sqrt(E**2 * HBAR * w / (2 * EPS0 * V * q**2) * inv)  # seed 002, SI
    assert rel(frohlich_coupling(q, w, eps_inf, eps_s, V), bare) < 1e-13
    screened = bare / (1 + mpmath.mpf(k_tf) ** 2 / mpmath.mpf(q) ** 2)
    assert rel(frohlich_coupling_screened(q, w, eps_inf, eps_s, V, k_tf), screened) < 1e-13


def test_vectorised_and_scalar():
    q = np.logspace(6, 10, 7).reshape(7, 1)
    g = deformation_potential_coupling(q, 1e-18, 8960.0, 1e-18, [4000.0, 5000.0])
    assert g.shape == (7, 2)
    assert isinstance(deformation_potential_coupling(1e9, 1e-18, 8960.0, 1e-18, 4760.0), float)


def test_screened_vanishes_linearly_and_exactly_at_zero():
    args = (1e13, 10.0, 12.0, 1e-18, 1e9)
    assert frohlich_coupling_screened(0.0, *args) == 0.0
    slope = frohlich_coupling_screened(1e-3, *args) / 1e-3
    assert frohlich_coupling_screened(1e-6, *args) / 1e-6 == pytest.approx(slope, rel=1e-12, abs=0)


@pytest.mark.parametrize("call, name", [
    (lambda: deformation_potential_coupling(-1.0, 1.0, 1.0, 1.0, 1.0), "q"),
    (lambda: deformation_potential_coupling(1.0, 1.0, 0.0, 1.0, 1.0), "rho"),
    (lambda: deformation_potential_coupling(1.0, np.nan, 1.0, 1.0, 1.0), "D"),
    (lambda: frohlich_coupling(0.0, 1.0, 2.0, 3.0, 1.0), "q"),
    (lambda: frohlich_coupling(1.0, 1.0, 3.0, 2.0, 1.0), "eps_s"),
    (lambda: frohlich_coupling(1.0, 1.0, 0.5, 2.0, 1.0), "eps_inf"),
    (lambda: frohlich_coupling_screened(0.0, 1.0, 2.0, 3.0, 1.0, 0.0), "q = 0"),
    (lambda: frohlich_coupling_screened_dynamic(1.0, 1.0, 2.0, 3.0, 1.0, -1.0), "omega_p"),
    (lambda: frohlich_coupling_screened_dynamic(1.0, 2.0, 2.0, 3.0, 1.0, [1.0, 2.0]), "omega_p = 2 equals"),
    (lambda: frohlich_coupling_screened_dynamic(0.0, 1.0, 2.0, 3.0, 1.0, 2.0), "q"),
    (lambda: coupled_plasmon_lo_modes(1.0, 1.0, 2.0), "omega_TO = 2 exceeds omega_LO"),
    (lambda: coupled_plasmon_lo_modes(-1.0, 2.0, 1.0), "omega_p"),
    (lambda: coupled_plasmon_lo_modes(1.0, 2.0, 0.0), "omega_TO"),
])
def test_bad_input_names_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


@settings(max_examples=60, deadline=None)
@given(q=logs(-12, 12), w=logs(12, 15), eps_inf=st.floats(1.0, 30.0), d_eps=logs(-6, 2), V=logs(-27, 0),
       w_p_ratio=logs(-3, 3))
def test_dynamically_screened_matches_textbook(q, w, eps_inf, d_eps, V, w_p_ratio):
    """|g_q| ω_LO²/(ω_LO² − ω_p²) (Mahan; the q -> 0 RPA ε = 1 − ω_p²/ω²) at 50 digits."""
    eps_s = eps_inf + d_eps
    w_p = w * w_p_ratio
    if abs(w_p_ratio - 1) < 1e-6:
        return  # the plasmon resonance, refused (tested below)
    inv = 1 / mpmath.mpf(eps_inf) - 1 / mpmath.mpf(eps_s)
    bare = mpmath.sqrt(E**2 * HBAR * w / (2 * EPS0 * V * q**2) * inv)
    book = bare / (1 - (mpmath.mpf(w_p) / mpmath.mpf(w)) ** 2)
    assert rel(frohlich_coupling_screened_dynamic(q, w, eps_inf, eps_s, V, w_p), book) < 1e-12


def _modes_by_roots(w_p: float, w_lo: float, w_to: float) -> tuple:
    """ω± from the zeros of ε(ω) ∝ (ω_LO² − ω²)ω² − ω_p²(ω_TO² − ω²), by mpmath.polyroots at 50 digits."""
    a, b, t = (mpmath.mpf(v) for v in (w_p, w_lo, w_to))
    roots = sorted(mpmath.re(r) for r in mpmath.polyroots([-1, b**2 + a**2, -(a**2) * t**2], maxsteps=200,
                                                          extraprec=200))
    return tuple(mpmath.sqrt(max(r, 0)) for r in roots)


@settings(max_examples=30, deadline=None)
@given(w_lo=logs(12, 15), to_ratio=st.floats(0.05, 1.0), p_ratio=logs(-4, 4))
@example(w_lo=1e12, to_ratio=1.0, p_ratio=1.0)  # degenerate: the discriminant is exactly 0 (was NaN)
def test_coupled_modes_match_polynomial_roots(w_lo, to_ratio, p_ratio):
    w_to, w_p = w_lo * to_ratio, w_lo * p_ratio
    lower, upper = coupled_plasmon_lo_modes(w_p, w_lo, w_to)
    ref_lower, ref_upper = _modes_by_roots(w_p, w_lo, w_to)
    assert rel(upper, ref_upper) < 1e-14
    assert rel(lower, ref_lower) < 1e-14  # no cancellation for ω_p << ω_LO or ω_p >> ω_LO


def test_coupled_modes_limits_and_shapes():
    w_lo, w_to = 5.5e13, 5.05e13
    lower, upper = coupled_plasmon_lo_modes(0.0, w_lo, w_to)
    assert (lower, upper) == (0.0, pytest.approx(w_lo, rel=1e-15))
    lower, upper = coupled_plasmon_lo_modes(1e4 * w_lo, w_lo, w_to)  # ω_+ = ω_p + (ω_LO² − ω_TO²)/2ω_p
    assert lower == pytest.approx(w_to, rel=1e-8) and upper == pytest.approx(1e4 * w_lo, rel=1e-8)
    lower, upper = coupled_plasmon_lo_modes(np.array([[1e13], [1e14]]), w_lo, [w_to, 0.5 * w_to])
    assert lower.shape == upper.shape == (2, 2) and np.all(lower < upper)


def test_extreme_frequencies_and_wavevectors():
    """Limits where the kernels used to overflow inside (before: (nan, inf), nan, inf):

    * ω_p = 1e300 >> ω_LO: ω_− -> ω_TO, ω_+ -> ω_p (the zeros of ε(ω) decouple);
    * ω_LO = 1e300 >> ω_p: the dynamic screening factor ω_LO²/(ω_LO² − ω_p²) -> 1, the bare coupling,
      |g| = sqrt(e² ħ ω_LO (1/ε∞ − 1/ε_s)/(2 ε0 V)) / q (mpmath);
    * q = k_TF = 1e-300: C q/(q² + k_TF²) = C/(2q), half the bare coupling.
    """
    lo, hi = coupled_plasmon_lo_modes(1e300, 5.5e13, 5e13)
    assert lo == pytest.approx(5e13, rel=1e-15) and hi == pytest.approx(1e300, rel=1e-15)
    eps_inf, eps_s, V = 10.89, 12.9, 1e-18
    bare = mpmath.sqrt(E**2 * HBAR * mpmath.mpf(1e300) * (1 / mpmath.mpf(eps_inf) - 1 / mpmath.mpf(eps_s))
                       / (2 * EPS0 * mpmath.mpf(V))) / mpmath.mpf(1e8)
    assert rel(frohlich_coupling_screened_dynamic(1e8, 1e300, eps_inf, eps_s, V, 5e14), bare) < 1e-13
    assert rel(frohlich_coupling(1e8, 1e300, eps_inf, eps_s, V), bare) < 1e-13
    half = frohlich_coupling_screened(1e-300, 5.5e13, eps_inf, eps_s, V, 1e-300)
    assert half == pytest.approx(frohlich_coupling(1e-300, 5.5e13, eps_inf, eps_s, V) / 2, rel=1e-14)
    # beyond the largest double: a ValueError naming the inputs
    with pytest.raises(ValueError, match=r"q = 1e-300, D = 1e\+300"):
        deformation_potential_coupling(1e-300, 1e300, 1e-300, 1e-300, 1e-300)
