"""numeric.scattering: the closed-form rates against the textbook formulas (mpmath, 50 digits)."""

from __future__ import annotations

import math

import mpmath
import pytest
import scipy.constants as c
from hypothesis import given, settings
from hypothesis import strategies as st

from numeric.scattering import bloch_gruneisen_temperature, deformation_potential_rate_high_T

pytestmark = pytest.mark.usefixtures("mpmath_50_digits")


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


@settings(max_examples=60, deadline=None)
@given(T=st.one_of(st.just(0.0), st.floats(1e-4, 1e3)), D=st.floats(1e-20, 1e-17),
       m_ratio=st.floats(0.01, 100.0), k_F=st.floats(1e8, 3e10), rho=st.floats(100.0, 3e4),
       v_s=st.floats(100.0, 2e4))
def test_low_T_closed_forms_match_the_book(T, D, m_ratio, k_F, rho, v_s):
    """The three T << T_BG laws against their printed forms (ζ from mpmath, 50 digits), 1e-13 relative."""
    from numeric.scattering import (
        bloch_gruneisen_rate_low_T,
        quasiparticle_rate_low_T,
        transport_rate_fermi_level_low_T,
    )

    m = m_ratio * c.m_e
    hbar, k_B = mpmath.mpf(repr(c.hbar)), mpmath.mpf(repr(c.k))
    common = mpmath.mpf(D) ** 2 * m / (mpmath.pi * rho)
    kT = k_B * T
    five = common * kT**5 / (hbar**7 * mpmath.mpf(k_F) ** 3 * mpmath.mpf(v_s) ** 6)
    books = {  # Ziman ch. 9 (J_5(∞) = 5! ζ(5)) and the derivations' textbook forms
        bloch_gruneisen_rate_low_T: 30 * mpmath.zeta(5) * five,
        transport_rate_fermi_level_low_T: mpmath.mpf(93) / 8 * mpmath.zeta(5) * five,
        quasiparticle_rate_low_T: mpmath.mpf(7) / 4 * mpmath.zeta(3) * common * kT**3
        / (hbar**5 * k_F * mpmath.mpf(v_s) ** 4),
    }
    for f, book in books.items():
        got = f(T, D, m, k_F, rho, v_s)
        assert got == 0.0 if T == 0 else abs(got - book) / book < 1e-13, f.__name__


def test_bad_input():
    with pytest.raises(ValueError, match="T = -5"):
        deformation_potential_rate_high_T(-5.0, 1e-18, c.m_e, 1e10, 8960.0, 4760.0)
    with pytest.raises(ValueError, match="v_s"):
        deformation_potential_rate_high_T(300.0, 1e-18, c.m_e, 1e10, 8960.0, 0.0)
    with pytest.raises(ValueError, match="k_F"):
        bloch_gruneisen_temperature(0.0, 4760.0)


def _log_uniform(lo: float, hi: float) -> st.SearchStrategy[float]:
    return st.floats(math.log10(lo), math.log10(hi)).map(lambda x: 10.0**x)


@settings(max_examples=80, deadline=None)
@given(T=_log_uniform(1e-300, 1e300), D=_log_uniform(1e-100, 1e50), m=_log_uniform(1e-60, 1e10),
       k_F=_log_uniform(1e-50, 1e50), rho=_log_uniform(1e-50, 1e50), v_s=_log_uniform(1e-30, 1e30))
def test_closed_forms_at_every_scale(T, D, m, k_F, rho, v_s):
    """Inputs over hundreds of decades: the rate to 1e-13 where it is a normal double, the smallest
    doubles where it underflows, and a ValueError naming T and the others where it exceeds 1.8e308.
    Before: inf or 0 from intermediate over/underflow inside the kernel (e.g. the high-T rate was inf
    at T = 1e290 K for copper, where it is 5.9e301 1/s)."""
    from numeric.scattering import (
        bloch_gruneisen_rate_low_T,
        quasiparticle_rate_low_T,
        transport_rate_fermi_level_low_T,
    )

    hbar, k_B = mpmath.mpf(repr(c.hbar)), mpmath.mpf(repr(c.k))
    common = mpmath.mpf(D) ** 2 * m / (mpmath.pi * rho)
    kT = k_B * T
    five = common * kT**5 / (hbar**7 * mpmath.mpf(k_F) ** 3 * mpmath.mpf(v_s) ** 6)
    books = {
        deformation_potential_rate_high_T: common * k_B * k_F * T / (mpmath.mpf(v_s) ** 2 * hbar**3),
        bloch_gruneisen_rate_low_T: 30 * mpmath.zeta(5) * five,
        transport_rate_fermi_level_low_T: mpmath.mpf(93) / 8 * mpmath.zeta(5) * five,
        quasiparticle_rate_low_T: mpmath.mpf(7) / 4 * mpmath.zeta(3) * common * kT**3
        / (hbar**5 * k_F * mpmath.mpf(v_s) ** 4),
    }
    for f, book in books.items():
        if book > 1.7976931348623157e308:
            with pytest.raises(ValueError, match=r"^T = .*largest double"):
                f(T, D, m, k_F, rho, v_s)
            continue
        got = f(T, D, m, k_F, rho, v_s)
        if book >= 2.2250738585072014e-308:
            assert abs(got - book) / book < 1e-13, f.__name__
        else:
            assert abs(got - book) <= 5e-324, f.__name__
