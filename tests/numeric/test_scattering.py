"""Public scattering-rate function against the textbook formula (mpmath, 50 digits)."""

from __future__ import annotations

import mpmath
import pytest
import scipy.constants as c
from hypothesis import given, settings
from hypothesis import strategies as st

from numeric.scattering import deformation_potential_rate_high_T

mpmath.mp.dps = 50


@settings(max_examples=60, deadline=None)
@given(T=st.one_of(st.just(0.0), st.floats(1e-3, 1e5)), D=st.floats(1e-20, 1e-17),
       m_ratio=st.floats(0.01, 100.0), k_F=st.floats(1e8, 3e10), rho=st.floats(100.0, 3e4),
       v_s=st.floats(100.0, 2e4))
def test_rate_matches_seed_formula(T, D, m_ratio, k_F, rho, v_s):
    m = m_ratio * c.m_e
    hbar, k_B = mpmath.mpf(repr(c.hbar)), mpmath.mpf(repr(c.k))
    book = mpmath.mpf(D) ** 2 * m * k_B * k_F * T / (mpmath.pi * rho * mpmath.mpf(v_s) ** 2 * hbar**3)
    got = deformation_potential_rate_high_T(T, D, m, k_F, rho, v_s)
    assert got == 0.0 if T == 0 else abs(got - book) / book < 1e-13


def test_bad_input():
    with pytest.raises(ValueError, match="T = -5"):
        deformation_potential_rate_high_T(-5.0, 1e-18, c.m_e, 1e10, 8960.0, 4760.0)
    with pytest.raises(ValueError, match="v_s"):
        deformation_potential_rate_high_T(300.0, 1e-18, c.m_e, 1e10, 8960.0, 0.0)
