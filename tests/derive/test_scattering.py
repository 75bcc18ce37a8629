"""Independent checks of the high-T deformation-potential rate (numbers from elsewhere).

The derivation integrates over the phonon wavevector q with the energy delta
resolved by SymPy in cos∠(k, q). Here the same golden rule is integrated
numerically over the *final electron states* k' instead, with the delta
function replaced by a Gaussian of finite width (extrapolated to zero
width), or resolved on the Fermi sphere |k'| = k_F with the exact Bose
factor. Constants are CODATA values from scipy.constants.
"""

from __future__ import annotations

import mpmath
import numpy as np
import pytest
import scipy.constants as c
import sympy as sp
from scipy import integrate

import derive
from derive.checker import check_step

NAME = "deformation_potential_rate_high_T"

#: Cu-like parameters: D = 10 eV (brief), ρ = 8960 kg/m³, v_s (LA) = 4760 m/s,
#: k_F = 1.36e10 1/m (free-electron value for one electron per atom), m = m_e.
CU = {"D": 10 * c.eV, "rho": 8960.0, "v_s": 4760.0, "k_F": 1.36e10, "m": c.m_e}


@pytest.fixture(scope="module")
def rate() -> derive.Derivation:
    return derive.get(NAME)


def _derived_rate(rate: derive.Derivation, temperature: float, **params: float) -> float:
    values = {**CU, **params, "T": temperature, "hbar": c.hbar, "k_B": c.k}
    sym = {q.symbol.name: q.symbol for q in rate.symbols}
    expr = rate.statement.rhs
    return float(expr.subs({sym[name]: value for name, value in values.items()
                            if name in sym and sym[name] in expr.free_symbols}))


def _coupling_sq_times_volume(q: np.ndarray | float) -> np.ndarray | float:
    """V |g_q|² = D² ħ q/(2 ρ v_s) (deformation potential, LA phonons)."""
    return CU["D"] ** 2 * c.hbar * q / (2 * CU["rho"] * CU["v_s"])


def _golden_rule_final_states(temperature: float, width: float) -> float:
    """(2π/ħ) ∫ d³k'/(2π)³ V|g|² (2n + 1) δ_σ(ε' − ε) (1 − cos θ'), equipartition phonons.

    The final state k' = k_F u (sin θ' ..., cos θ') is integrated over u and
    c = cos θ'; q = |k' − k|; δ_σ is a normalised Gaussian in energy of
    width σ = width × E_F.
    """
    k_F, m = CU["k_F"], CU["m"]
    e_F = c.hbar**2 * k_F**2 / (2 * m)
    sigma = width * e_F

    def integrand(cos_theta: float, u: float) -> float:
        q = k_F * np.sqrt(max(1 + u**2 - 2 * u * cos_theta, 1e-300))
        phonons = 2 * c.k * temperature / (c.hbar * CU["v_s"] * q)  # 2n + 1, equipartition
        energy = e_F * (u**2 - 1)
        delta = np.exp(-0.5 * (energy / sigma) ** 2) / (sigma * np.sqrt(2 * np.pi))
        measure = 2 * np.pi * k_F**3 * u**2 / (2 * np.pi) ** 3  # d³k'/(2π)³, azimuth done
        return measure * _coupling_sq_times_volume(q) * phonons * delta * (1 - cos_theta)

    span = 12 * width  # Gaussian in u² − 1: |u − 1| <~ 6 width
    value, _ = integrate.dblquad(integrand, 1 - span, 1 + span, -1, 1, epsabs=0, epsrel=1e-11)
    return 2 * np.pi / c.hbar * value


def _fermi_sphere_rate(
    temperature: float, weighted: bool = True, pauli: bool = False
) -> mpmath.mpf:
    """Golden rule on the Fermi sphere |k'| = k_F with the exact phonon occupation.

    δ(ε' − ε) is resolved in |k'|: ∫ k'² dk' δ(ħ²(k'² − k_F²)/2m) = m k_F/ħ²;
    the rest is an integral over c = cos θ', q = k_F sqrt(2 − 2c). Phonon
    factor, x = ħω_q/k_BT: emission + absorption 2n + 1 = coth(x/2), or with
    the final-state Pauli factors of an electron at E_F,
    (n + 1 − f(−x)) + (n + f(x)) = 2/sinh(x).
    """
    k_F, m, v_s = (mpmath.mpf(CU[n]) for n in ("k_F", "m", "v_s"))
    hbar, k_B = mpmath.mpf(c.hbar), mpmath.mpf(c.k)

    def integrand(cos_theta):
        q = k_F * mpmath.sqrt(2 - 2 * cos_theta)
        x = hbar * v_s * q / (k_B * temperature)
        phonons = 2 / mpmath.sinh(x) if pauli else mpmath.coth(x / 2)
        weight = 1 - cos_theta if weighted else 1
        return _coupling_sq_times_volume(q) * phonons * weight

    angular = 2 * mpmath.pi * mpmath.quad(integrand, [-1, 1])
    return 2 * mpmath.pi / hbar * (m * k_F / hbar**2) * angular / (2 * mpmath.pi) ** 3


def _bloch_gruneisen_temperature() -> float:
    return 2 * c.hbar * CU["v_s"] * CU["k_F"] / c.k


def test_uses_the_registered_coupling(rate):
    """|g_q|² enters from ``deformation_potential_coupling``, not retyped."""
    g = derive.get("deformation_potential_coupling").statement.rhs
    step = next(s for s in rate.steps if "deformation_potential_coupling" in s.why)
    assert step.lhs.has(sp.expand_power_base(g**2)) or step.lhs.has(g**2)


def test_rate_matches_final_state_integral_with_gaussian_delta(rate):
    """Gaussian-broadened final-state integral, Richardson-extrapolated to zero width."""
    temperature = 300.0
    widths = (0.02, 0.01)
    r_wide, r_narrow = (_golden_rule_final_states(temperature, w) for w in widths)
    extrapolated = (4 * r_narrow - r_wide) / 3  # error O(σ²) -> O(σ⁴)
    derived = _derived_rate(rate, temperature)
    assert r_narrow == pytest.approx(derived, rel=1e-3)  # finite width alone
    assert extrapolated == pytest.approx(derived, rel=1e-6)


def test_exact_phonon_occupation_approaches_equipartition(rate):
    """The exact occupation gives the derived rate times 1 + O((T_BG/T)²), T_BG = 2ħv_s k_F/k_B.

    On the Fermi sphere the rate is weighted by t³ dt, t = q/2k_F in [0, 1], so
    <t²> = 2/3 and <t⁴> = 1/2, and x = ħω_q/k_BT = (T_BG/T) t:
    coth(x/2) = (2/x)(1 + x²/12 − x⁴/720 ...) gives + r²/18 − r⁴/1440, r = T_BG/T;
    2/sinh(x) = (2/x)(1 − x²/6 + 7x⁴/360 ...) gives − r²/9 + 7r⁴/720.
    """
    t_bg = _bloch_gruneisen_temperature()
    assert 900 < t_bg < 1100  # about 1000 K for Cu (docs/architecture.md, Conventions)
    with mpmath.workdps(30):
        for ratio in (10, 30, 100):
            temperature = ratio * t_bg
            derived = _derived_rate(rate, temperature)
            r2 = mpmath.mpf(1) / ratio**2
            expected = {False: r2 / 18 - r2**2 / 1440, True: -r2 / 9 + 7 * r2**2 / 720}
            for pauli, predicted in expected.items():
                correction = _fermi_sphere_rate(temperature, pauli=pauli) / derived - 1
                assert abs(correction - predicted) < 1e-3 * r2**3 + 1e-12


def test_transport_weight_and_quasiparticle_rate(rate):
    """Above T_BG the scattering is nearly isotropic: <1 − cos θ> = 1 + r²/72 (no Pauli
    factors), so the transport and quasiparticle rates nearly coincide. Below T_BG
    only small-q phonons are excited and the weight 1 − cos θ = q²/2k_F² suppresses
    them: with the Pauli factors (phonon factor 2/sinh x) the ratio is
    2 (T/T_BG)² ∫u⁴/sinh u / ∫u²/sinh u, the extra T² of the Bloch-Grüneisen law,
    with ∫_0^∞ u^{s−1}/sinh u du = 2(1 − 2^{−s}) Γ(s) ζ(s)."""
    t_bg = _bloch_gruneisen_temperature()
    with mpmath.workdps(20):
        high = 100 * t_bg
        ratio = _fermi_sphere_rate(high) / _fermi_sphere_rate(high, weighted=False)
        assert ratio == pytest.approx(1 + 1 / (72 * 100**2), rel=1e-7)  # (1 + r²/18)/(1 + r²/24)
        low = t_bg / 20
        ratio = (_fermi_sphere_rate(low, pauli=True)
                 / _fermi_sphere_rate(low, weighted=False, pauli=True))
        moment = {s: 2 * (1 - mpmath.mpf(2) ** -s) * mpmath.gamma(s) * mpmath.zeta(s)
                  for s in (3, 5)}
        # finite upper limit u = T_BG/T = 20: tail ~ e^{-20} 20⁴ relative
        assert float(ratio) == pytest.approx(float(2 / 20**2 * moment[5] / moment[3]), rel=1e-4)
        assert ratio < 0.06


def test_linear_in_temperature(rate):
    sym = {q.symbol.name: q.symbol for q in rate.symbols}
    T = sym["T"]
    slope = sp.diff(rate.statement.rhs, T)
    assert sp.simplify(rate.statement.rhs - slope * T) == 0
    assert not slope.has(T)


def test_cu_like_magnitude(rate):
    """Cu-like parameters, T = 300 K: 1/τ ≈ 1.8e14 1/s with D = 10 eV.

    D = (2/3)E_F ≈ 4.7 eV (Bohm-Staver, docs/architecture.md, Conventions) gives ≈ 3.9e13 1/s, close
    to the Drude value for Cu at room temperature (τ ≈ 2.5e-14 s, Ashcroft &
    Mermin table 1.3), although 300 K < T_BG for these parameters.
    """
    value = _derived_rate(rate, 300.0)
    assert 1e13 < value < 1e15
    assert value == pytest.approx(1.76e14, rel=0.02)
    e_fermi = c.hbar**2 * CU["k_F"] ** 2 / (2 * c.m_e)
    bohm_staver = _derived_rate(rate, 300.0, D=2 * e_fermi / 3)
    assert 2e13 < bohm_staver < 8e13


@pytest.mark.parametrize("name", ["transport_rate_fermi_level_low_T", "quasiparticle_rate_low_T"])
def test_low_T_series_steps_proved_symbolically(name):
    """Σ(−1)^(j+1) Γ(p)/j^p = (1 − 2^(1−p)) Γ(p) ζ(p) and the final rate are proved by SymPy
    (Dirichlet η rewritten as ζ), not by quadrature; only the Bose/Fermi integrals, which SymPy
    cannot do, are left to the 30-digit numeric check."""
    d = derive.get(name)
    chosen = [(i, s) for i, s in enumerate(d.steps, 1) if "Dirichlet η" in s.why or s.rhs == d.statement.rhs]
    assert len(chosen) == 2
    for i, step in chosen:
        result = check_step(step, d.sample, seed=f"{name}:step {i}", label=f"step {i}")
        assert result.passed and result.method == "symbolic", (i, result)


@pytest.mark.parametrize("name", ["transport_rate_fermi_level_low_T", "quasiparticle_rate_low_T"])
def test_split_step_integrates_the_substituted_integrand(name):
    """The Bose/Fermi split step integrates the integrand of the substitution step (written out
    as two terms), up to the constant (k_B T/ħ v_s)^(p) of dq = (k_B T/ħ v_s) dx."""
    d = derive.get(name)
    substituted = next(s for s in d.steps if s.why.startswith("substitute q"))
    split = next(s for s in d.steps if "split into Bose and Fermi parts" in s.why)
    assert isinstance(split.lhs, sp.Integral)
    (x, low, high), = split.lhs.limits
    assert (low, high) == (0, sp.oo)
    ratio = sp.simplify(substituted.rhs / split.lhs.function)
    assert not ratio.has(x) and ratio.is_positive
