"""Fuzz of every public name of numeric.superconductivity and numeric.eliashberg (issue 15's rule for the
new modules of issue 16: a right answer or a clear error).

Invalid input (negative, zero where excluded, NaN, inf, wrong type, None, complex, str, bool, wrong
shapes, out-of-range options) gives a ValueError or TypeError whose message names the parameter;
nothing else escapes. Valid input over many decades gives a finite value equal to an independent
reference: the McMillan and Allen–Dynes formulas and the BCS closed forms evaluated by mpmath at 30
digits, the exact inversions round-tripped, the Matsubara-axis solvers against their own scaling laws
(T_c ∝ ω_E at fixed λ, μ*; the normal-state Z(iω_0) = 1 + λ).

:func:`test_every_public_name_is_fuzzed` checks that every name in the ``__all__`` of the two modules
has an entry here, so that a new function cannot be forgotten.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import mpmath
import numpy as np
import pytest
import scipy.constants as c
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from numeric import eliashberg, superconductivity

MODULES = (superconductivity, eliashberg)
W_E = 2.0e13  # rad/s
UNIT = c.hbar * W_E / c.k  # ħω_E/k_B, K
FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: "module.name" of every public name with a test below
COVERED: set[str] = set()


def fuzzes(*names: str) -> Callable:
    COVERED.update(f"numeric.{n}" for n in names)
    return lambda f: f


class _Nope:
    pass


#: Values that are never a valid real number (each must be refused with the parameter's name).
NOT_REAL = [None, True, "1.0", 1 + 0j, np.array([1.0 + 1.0j]), [[1.0], [1.0, 2.0]], _Nope(), float("nan"),
            float("inf"), -float("inf")]

EINSTEIN = eliashberg.EinsteinSpectrum(1.0, W_E)
_W = np.linspace(0.0, W_E, 41)
GRID = eliashberg.GridSpectrum(_W, (_W / W_E) ** 2)
TC_1 = eliashberg.eliashberg_tc(EINSTEIN, 0.1)  # K

#: (label, call with keyword arguments, valid keyword arguments, {parameter: extra invalid values})
CALLS: list[tuple[str, Callable, dict, dict]] = [
    ("superconductivity.mcmillan_tc", superconductivity.mcmillan_tc,
     dict(lam=1.0, mu_star=0.1, theta_D=275.0), dict(lam=[-1.0], mu_star=[-0.1, 1.0], theta_D=[0.0, -1.0])),
    ("superconductivity.allen_dynes_tc", superconductivity.allen_dynes_tc,
     dict(lam=1.0, mu_star=0.1, omega_log=W_E, omega2_bar=1.2 * W_E),
     dict(lam=[-1.0], mu_star=[1.0], omega_log=[0.0], omega2_bar=[0.5 * W_E, -1.0])),
    ("superconductivity.mcmillan_lambda", superconductivity.mcmillan_lambda,
     dict(tc=5.0, mu_star=0.1, theta_D=275.0), dict(tc=[-1.0, 1e4], mu_star=[1.5], theta_D=[0.0])),
    ("superconductivity.allen_dynes_lambda", superconductivity.allen_dynes_lambda,
     dict(tc=5.0, mu_star=0.1, omega_log=W_E, omega2_bar=1.2 * W_E),
     dict(tc=[-1.0], mu_star=[-1.0], omega_log=[0.0], omega2_bar=[0.5 * W_E])),
    ("superconductivity.eliashberg_moments", superconductivity.eliashberg_moments,
     dict(omega=_W, a2F=(_W / W_E) ** 2),
     dict(omega=[_W[::-1], _W[:5], 1.0, -_W], a2F=[-(_W / W_E) ** 2, np.zeros_like(_W), np.ones(3)])),
    ("superconductivity.einstein_moments", superconductivity.einstein_moments, dict(lam=1.0, omega_E=W_E),
     dict(lam=[0.0, -1.0], omega_E=[0.0])),
    ("superconductivity.debye_moments", superconductivity.debye_moments, dict(lam=1.0, omega_D=W_E),
     dict(lam=[0.0], omega_D=[-1.0])),
    ("eliashberg.EinsteinSpectrum", eliashberg.EinsteinSpectrum, dict(lam=1.0, omega_E=W_E),
     dict(lam=[0.0, -1.0], omega_E=[0.0])),
    ("eliashberg.GridSpectrum", eliashberg.GridSpectrum, dict(omega=_W, a2F=(_W / W_E) ** 2),
     dict(omega=[_W[::-1], -_W], a2F=[-(_W / W_E) ** 2, np.zeros_like(_W), np.ones(3)])),
    ("eliashberg.eliashberg_tc", eliashberg.eliashberg_tc, dict(spectrum=EINSTEIN, mu_star=0.1),
     dict(spectrum=[None, 1.0], mu_star=[-0.1, 1.0])),
    ("eliashberg.linearized_gap_eigenvalue", eliashberg.linearized_gap_eigenvalue,
     dict(spectrum=EINSTEIN, T=TC_1, mu_star=0.1), dict(T=[0.0, -1.0], mu_star=[2.0])),
    ("eliashberg.solve_eliashberg", eliashberg.solve_eliashberg,
     dict(spectrum=EINSTEIN, T=0.5 * TC_1, mu_star=0.1), dict(T=[0.0, -1.0], mu_star=[-1.0])),
    ("eliashberg.gap_temperature_dependence", eliashberg.gap_temperature_dependence,
     dict(spectrum=EINSTEIN, T=[0.5 * TC_1], mu_star=0.1), dict(T=[[0.0], [-1.0]], mu_star=[1.0])),
    ("eliashberg.bcs_tc", eliashberg.bcs_tc, dict(omega_c=W_E, lam=0.3), dict(omega_c=[0.0], lam=[0.0, 1.5])),
    ("eliashberg.bcs_gap", eliashberg.bcs_gap, dict(omega_c=W_E, lam=0.3), dict(omega_c=[-1.0], lam=[-0.1])),
    ("eliashberg.mass_enhancement", eliashberg.mass_enhancement, dict(lam=0.5), dict(lam=[-0.5])),
]
#: models and options: only their own invalid values
NOT_NUMERIC = {"spectrum"}
#: documented valid values among NOT_REAL: None is "no shape correction" (f2 = 1)
ACCEPTED = {("superconductivity.allen_dynes_tc", "omega2_bar"): (None,),
            ("superconductivity.allen_dynes_lambda", "omega2_bar"): (None,)}
COVERED.update(f"numeric.{label}" for label, *_ in CALLS)
# the result types: built by the functions above, checked in test_result_types
COVERED.update({"numeric.superconductivity.EliashbergMoments", "numeric.eliashberg.EliashbergSolution",
                "numeric.eliashberg.GapCurve"})


def test_every_public_name_is_fuzzed():
    public = {f"{m.__name__}.{name}" for m in MODULES for name in m.__all__}
    assert public - COVERED == set(), "public names without a fuzz test"
    assert COVERED - public == set(), "fuzz entries for names that are not public"


@pytest.mark.parametrize(("label", "func", "good", "extra"), CALLS, ids=[label for label, *_ in CALLS])
def test_invalid_input_is_refused_naming_the_parameter(label, func, good, extra):
    func(**good)  # the valid call works
    for param in good:
        for bad in ([] if param in NOT_NUMERIC else NOT_REAL) + list(extra.get(param, [])):
            if any(bad is a for a in ACCEPTED.get((label, param), ())):
                continue
            with pytest.raises((ValueError, TypeError)) as info:
                func(**{**good, param: bad})
            assert param in str(info.value), (label, param, repr(bad), str(info.value))


def test_result_types():
    """The named tuples and the solution object carry what their docstrings say, in SI units."""
    m = superconductivity.einstein_moments(1.0, W_E)
    assert isinstance(m, superconductivity.EliashbergMoments)
    assert m.omega2_bar == pytest.approx(W_E, rel=1e-15)
    sol = eliashberg.solve_eliashberg(EINSTEIN, 0.5 * TC_1, 0.1)
    assert isinstance(sol, eliashberg.EliashbergSolution)
    assert sol.T == 0.5 * TC_1 and sol.delta.shape == sol.Z.shape == sol.omega_n.shape and sol.delta0 > 0.0
    curve = eliashberg.gap_temperature_dependence(EINSTEIN, [0.5 * TC_1, 1.5 * TC_1], 0.1)
    assert isinstance(curve, eliashberg.GapCurve) and curve.tc == TC_1 and curve.gap_edge[1] == 0.0


# ====================================================================== valid input, all scales
def _mp(x: float) -> mpmath.mpf:
    return mpmath.mpf(repr(float(x)))


def _exponent(lam: mpmath.mpf, mu: mpmath.mpf) -> mpmath.mpf:
    """The McMillan / Allen–Dynes exponent 1.04(1 + λ)/(λ − μ*(1 + 0.62λ)) (mpmath)."""
    return mpmath.mpf("1.04") * (1 + lam) / (lam - mu * (1 + mpmath.mpf("0.62") * lam))


@fuzzes()
@FAST
@given(lam=st.floats(-3.0, 6.0).map(lambda x: 10.0**x), mu=st.floats(0.0, 0.3), theta=st.floats(-2.0, 6.0))
def test_mcmillan_and_allen_dynes_against_mpmath(lam, mu, theta):
    """λ over nine decades: the stated formulas at 30 digits, T_c = 0 exactly at and below
    λ_c = μ*/(1 − 0.62μ*); the inversions return λ where T_c > 0."""
    theta = 10.0**theta
    omega_log = theta * c.k / c.hbar
    with mpmath.workdps(30):
        L, M = _mp(lam), _mp(mu)
        below = L - M * (1 + mpmath.mpf("0.62") * L) <= 0
        mc = mpmath.mpf(0) if below else _mp(theta) / mpmath.mpf("1.45") * mpmath.exp(-_exponent(L, M))
        f1 = (1 + (L / (mpmath.mpf("2.46") * (1 + mpmath.mpf("3.8") * M))) ** mpmath.mpf(1.5)) ** (
            mpmath.mpf(1) / 3)
        ad = mpmath.mpf(0) if below else f1 * _mp(theta) / mpmath.mpf("1.2") * mpmath.exp(-_exponent(L, M))
    got_mc = superconductivity.mcmillan_tc(lam, mu, theta)
    got_ad = superconductivity.allen_dynes_tc(lam, mu, omega_log)
    for got, ref in ((got_mc, mc), (got_ad, ad)):
        assert math.isfinite(got) and got >= 0.0
        if ref == 0:
            assert got == 0.0
        elif ref > 1e-300:  # near the boundary the exponent's rounding costs digits: 1e-12 there
            assert abs(got / float(ref) - 1) < 1e-12, (lam, mu, theta, got, ref)
    if got_mc > 1e-250 and lam < 1e5:  # the inversion loses λ's digits where T_c saturates (λ -> ∞)
        assert superconductivity.mcmillan_lambda(got_mc, mu, theta) == pytest.approx(lam, rel=1e-8)
    if got_ad > 1e-250 and lam < 1e5:
        assert superconductivity.allen_dynes_lambda(got_ad, mu, omega_log) == pytest.approx(lam, rel=1e-8)


@fuzzes()
@FAST
@given(lam=st.floats(0.01, 1.0), omega=st.floats(-5.0, 20.0).map(lambda x: 10.0**x))
def test_bcs_closed_forms_against_mpmath(lam, omega):
    """k_BT_c = (2e^γ/π)ħω_c e^{−1/λ}, Δ(0) = ħω_c/sinh(1/λ) at 30 digits, any ω_c; m*/m = 1 + λ."""
    with mpmath.workdps(30):
        tc = 2 * mpmath.exp(mpmath.euler) / mpmath.pi * _mp(c.hbar) * _mp(omega) * mpmath.exp(-1 / _mp(lam)) \
            / _mp(c.k)
        gap = _mp(c.hbar) * _mp(omega) / mpmath.sinh(1 / _mp(lam))
    for got, ref in ((eliashberg.bcs_tc(omega, lam), tc), (eliashberg.bcs_gap(omega, lam), gap)):
        if ref > 1e-290:
            assert abs(got / float(ref) - 1) < 1e-13, (lam, omega, got, ref)
        else:
            assert 0.0 <= got < 1e-280
    assert eliashberg.mass_enhancement(lam) == 1.0 + lam


@fuzzes()
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scale=st.floats(-6.0, 6.0).map(lambda x: 10.0**x), lam=st.floats(0.5, 3.0), mu=st.floats(0.0, 0.15))
def test_eliashberg_tc_scales_with_the_phonon_frequency(scale, lam, mu):
    """T_c of the Eliashberg equations is ħω_E/k_B times a function of λ and μ* (μ* at a cut-off fixed in
    units of ω_E): the same T_c/ω_E for ω_E over twelve decades; above T_c the normal state has
    Z(iω_0) = 1 + λ and no gap."""
    ref = eliashberg.eliashberg_tc(eliashberg.EinsteinSpectrum(lam, W_E), mu) / UNIT
    spectrum = eliashberg.EinsteinSpectrum(lam, scale * W_E)
    tc = eliashberg.eliashberg_tc(spectrum, mu)
    assert tc / (scale * UNIT) == pytest.approx(ref, rel=1e-6)
    normal = eliashberg.solve_eliashberg(spectrum, 1.5 * tc, mu)
    assert normal.delta0 == 0.0 and normal.Z[0] == pytest.approx(eliashberg.mass_enhancement(lam), rel=1e-12)


@fuzzes()
@FAST
@given(lam=st.floats(-3.0, 3.0).map(lambda x: 10.0**x), omega=st.floats(-10.0, 30.0).map(lambda x: 10.0**x))
def test_moments_closed_forms_any_scale(lam, omega):
    """Einstein: ω_log = ω̄₂ = ω_E; Debye-like: ω_log = ω_D e^{−1/2}, ⟨ω²⟩ = ω_D²/2, at any scale."""
    e = superconductivity.einstein_moments(lam, omega)
    d = superconductivity.debye_moments(lam, omega)
    assert e.lam == d.lam == lam
    assert e.omega_log == pytest.approx(omega, rel=1e-15) and e.omega2_bar == pytest.approx(omega, rel=1e-15)
    assert d.omega_log == pytest.approx(omega * math.exp(-0.5), rel=1e-15)
    assert d.omega2_mean == pytest.approx(omega**2 / 2, rel=1e-15)
