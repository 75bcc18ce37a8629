"""The Lindhard design: the fitted Lam series and the switch points of the Re f kernel."""

from __future__ import annotations

import dataclasses

import mpmath
import numpy as np
import pytest

from derive.kernels.lindhard import LAM_W_MAX, LindhardDesign, lam_fit, lindhard_design


def test_lam_fit_against_the_taylor_series_and_atanh():
    """The fitted Lam(w) = w q(w) is within 2^-56 + an ulp of Lam, checked independently of the fit:
    against mpmath's atanh at points the fit never saw, and q(0) against the series coefficient 1/3."""
    rng = np.random.default_rng(3)
    with mpmath.workdps(40):
        coeffs = [mpmath.mpf(float(c)) for c in lam_fit(LAM_W_MAX)]
        assert abs(coeffs[0] - mpmath.mpf(1) / 3) <= 2.0**-55  # q(0) = c_1 = 1/3, rounded once
        for w in [*rng.uniform(0, LAM_W_MAX, 300), 1e-12, LAM_W_MAX]:
            w = mpmath.mpf(float(w))
            a = mpmath.sqrt(w)
            lam = mpmath.atanh(a) / a - 1  # l(a) = 2 atanh(a) = 2a (1 + Lam(a^2))
            fit = w * mpmath.polyval(coeffs[::-1], w)
            assert abs(fit - lam) <= (2.0**-56 + 2.0**-53) * lam


def test_design_is_frozen_public_data():
    design = lindhard_design()
    assert isinstance(design, LindhardDesign) and design is lindhard_design()  # cached
    assert design.w_max == LAM_W_MAX and design.lam_coefficients == lam_fit(LAM_W_MAX)
    assert set(design.switch_points) == {"theta", "x_c", "p_s", "m_s", "M_s"}
    with pytest.raises(dataclasses.FrozenInstanceError):
        design.theta = 0.5  # type: ignore[misc]


def test_every_series_stays_inside_the_fit_interval():
    """Each switch point keeps the argument of Lam within [0, w_max], where the fit holds."""
    d = lindhard_design()
    assert d.theta**2 <= d.w_max and d.m_s**2 <= d.w_max
    assert d.M_s**-2 <= d.w_max and d.p_s**-2 <= d.w_max


def test_the_kernel_is_built_on_the_design():
    """The Re f kernel's branch descriptions state the design's switch points and fit degree."""
    from derive import kernels

    (k,) = kernels.kernels_for("lindhard_dynamic_real")
    d = lindhard_design()
    text = " ".join(b.why for b in k.branches)
    for value in (d.theta, d.x_c, d.p_s, d.m_s, d.M_s):
        assert str(value) in text
    assert f"degree {len(d.lam_coefficients)}" in text
