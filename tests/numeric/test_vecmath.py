"""The vectorisable log against numpy's log over the whole double range."""

from __future__ import annotations

import numba
import numpy as np

from numeric._vecmath import log, ratio_argument, ratio_exponent


@numba.njit(error_model="numpy")
def _apply(x, out):
    for i in range(x.shape[0]):
        out[i] = log(x[i])
    return out


def test_log_within_6_ulp_everywhere():
    rng = np.random.default_rng(7)
    x = np.concatenate([
        10.0 ** rng.uniform(-323, 308, 200_000),       # whole range incl. subnormals
        rng.uniform(0.5, 2.0, 200_000),                 # around 1 (small results)
        1.0 + rng.uniform(-1e-6, 1e-6, 50_000),
        [np.finfo(float).tiny, np.finfo(float).max, 5e-324, 1.0, 2.0, np.sqrt(2.0)],
    ])
    got = _apply(x, np.empty_like(x))
    ref = np.log(x)
    ulps = np.abs(got - ref) / np.spacing(np.maximum(np.abs(ref), np.finfo(float).tiny))
    assert ulps.max() <= 6, f"{ulps.max()} ulp at x = {x[np.argmax(ulps)]!r}"


def test_log_special_values():
    x = np.array([0.0, -0.0, -1.0, np.inf, -np.inf, np.nan, 1.0])
    got = _apply(x, np.empty_like(x))
    assert got[0] == -np.inf and got[1] == -np.inf
    assert np.isnan(got[2]) and np.isnan(got[4]) and np.isnan(got[5])
    assert got[3] == np.inf and got[6] == 0.0


def test_log_near_one_keeps_relative_accuracy():
    rng = np.random.default_rng(11)
    x = np.concatenate([
        1.0 + rng.uniform(-1e-3, 1e-3, 100_000),
        np.exp(rng.uniform(-0.05, 0.05, 100_000)),
        1.0 + np.arange(-50, 51)[np.arange(-50, 51) != 0] * 2.0**-52,   # neighbours of 1
        [np.nextafter(1.0, 0.0), np.nextafter(1.0, 2.0)],
    ])
    got = _apply(x, np.empty_like(x))
    ref = np.log(x)
    ulps = np.abs(got - ref) / np.spacing(np.abs(ref))
    assert ulps.max() <= 6, f"{ulps.max()} ulp at x = {x[np.argmax(ulps)]!r}"


def test_log_polynomial_coefficients_are_reproducible():
    """The atanh coefficients in numeric._vecmath come out of the mpmath script stored there."""
    from numeric import _vecmath

    scope: dict = {}
    exec(_vecmath._ATANH_FIT, scope)
    stored = [getattr(_vecmath, f"_P{i}") for i in range(8)]
    assert scope["coefficients"] == stored
    assert scope["err"] < 1e-17      # far below an ulp of p ~ 2


@numba.njit(error_model="numpy")
def _reduce_all(a, b, e, s):
    for i in range(a.shape[0]):
        e[i] = ratio_exponent(a[i], b[i])
        s[i] = ratio_argument(a[i], b[i])


def test_ratio_reduction_is_exact_and_bounded_over_the_whole_range():
    """|a|/|b| = 2^e (1 + s)/(1 - s), |s| < 1/3: ln|a/b| = e ln 2 + 2 atanh(s) to an ulp of s (normal)."""
    import mpmath

    rng = np.random.default_rng(5)
    sign = rng.choice([-1.0, 1.0], 4004)
    a = sign * np.concatenate([10.0 ** rng.uniform(-307, 308, 3000), rng.uniform(0.5, 2.0, 1000),
                               [2.0**-1022, 1.0, np.sqrt(2.0), 1.7e308]])
    b = np.concatenate([10.0 ** rng.uniform(-307, 308, 3000), rng.uniform(0.5, 2.0, 1000),
                        [1.7e308, 1.0, 1.0, 2.0**-1022]])
    e, s = np.empty_like(a), np.empty_like(a)
    _reduce_all(a, b, e, s)
    assert np.all(e == np.round(e)) and np.abs(s).max() < 1 / 3
    with mpmath.workdps(40):
        for ai, bi, ei, si in zip(a, b, e, s, strict=True):
            exact = mpmath.log(abs(mpmath.mpf(ai) / mpmath.mpf(bi)))
            got = ei * mpmath.log(2) + 2 * mpmath.atanh(mpmath.mpf(si))
            assert abs(got - exact) <= 4 * 2.0**-53 * max(abs(si), 2.0**-1022) + 1e-30 * abs(exact), (ai, bi)


def test_ratio_reduction_of_a_zero_is_finite():
    """A vanishing factor (an edge of the Lindhard continuum) gives a finite value, never inf or NaN."""
    a = np.array([0.0, -0.0, 5e-324, 1.0])
    b = np.array([1.0, 3.0, 1.0, 0.0])
    e, s = np.empty(4), np.empty(4)
    _reduce_all(a, b, e, s)
    assert np.all(np.isfinite(e)) and np.all(np.abs(s) < 1)
