"""Independent checks of the coupling derivations (numbers from elsewhere, not the formulas)."""

from __future__ import annotations

import mpmath
import numpy as np
import pytest
import scipy.constants as c
import sympy as sp
from scipy.linalg import eigh_tridiagonal
from scipy.optimize import brentq

import derive
from derive.coupling import zero_point_steps
from derive.derivation import Chain


def _symbols(name: str) -> dict[str, sp.Symbol]:
    return {q.symbol.name: q.symbol for q in derive.get(name).symbols}


def test_zero_point_fluctuation_matches_finite_difference_oscillator():
    """<ξ²> = ħ/(2Mω) from SymPy vs the ground state of a discretised Schrödinger equation."""
    hbar, mass, omega = 1.0, 1.7, 2.3  # units with ħ = 1; the formula is scale-free
    M, w = sp.symbols("M omega", positive=True)
    chain = Chain()
    msd = chain[zero_point_steps(chain, M, w, sp.Symbol("xi", real=True))]
    derived = float(msd.subs({sp.Symbol("hbar", positive=True): hbar, M: mass, w: omega}))

    n, half_width = 4000, 12 / np.sqrt(mass * omega)
    grid, h = np.linspace(-half_width, half_width, n, retstep=True)
    diag = hbar**2 / (mass * h**2) + 0.5 * mass * omega**2 * grid**2
    off = np.full(n - 1, -(hbar**2) / (2 * mass * h**2))
    energies, vectors = eigh_tridiagonal(diag, off, select="i", select_range=(0, 0))
    psi2 = vectors[:, 0] ** 2
    numeric = np.sum(grid**2 * psi2) / np.sum(psi2)
    assert energies[0] == pytest.approx(hbar * omega / 2, rel=1e-5)
    assert numeric == pytest.approx(derived, rel=1e-5)


def test_lyddane_sachs_teller_step_against_gaas():
    """The derived ω_LO² = ω_TO² ε_s/ε∞ against measured GaAs phonons.

    GaAs: ω_TO = 268 cm⁻¹, ω_LO = 292 cm⁻¹ (Raman, Mooradian & Wright,
    Solid State Commun. 4, 431 (1966)); ε_s = 12.9, ε∞ = 10.89 (Madelung,
    Semiconductors: Data Handbook).
    """
    d = derive.get("frohlich_coupling")
    s = _symbols("frohlich_coupling")
    lst = next(step for step in d.steps if "Lyddane" in step.why)
    ratio = sp.sqrt(lst.rhs / s["omega_TO"] ** 2).subs({s["epsilon_s"]: 12.9, s["epsilon_inf"]: 10.89})
    assert float(ratio) == pytest.approx(292 / 268, rel=5e-3)


def test_frohlich_constant_of_gaas():
    """The Fröhlich α implied by the derived |g_q|² for GaAs is the tabulated 0.068.

    α is defined by the Fröhlich Hamiltonian's normalisation
    |g_q|² = 2√2 π α ħ (ħω_LO)^{3/2} / (√m V q²); GaAs: m* = 0.067 m_e,
    ħω_LO = 36.25 meV, ε∞ = 10.89, ε_s = 12.9; α = 0.068 from
    J. T. Devreese, "Fröhlich polarons", arXiv:1012.4576, Table 1.
    """
    d = derive.get("frohlich_coupling")
    s = _symbols("frohlich_coupling")
    m_eff, omega = 0.067 * c.m_e, 36.25e-3 * c.e / c.hbar
    values = {s["e"]: c.e, s["hbar"]: c.hbar, s["epsilon_0"]: c.epsilon_0, s["V"]: 1.0, s["q"]: 1.0,
              s["omega_LO"]: omega, s["epsilon_inf"]: 10.89, s["epsilon_s"]: 12.9}
    g_sq = float(d.statement.rhs.subs(values))
    alpha = g_sq * np.sqrt(m_eff) / (2 * np.sqrt(2) * np.pi * c.hbar * (c.hbar * omega) ** 1.5)
    assert alpha == pytest.approx(0.068, rel=0.1)


def test_deformation_coupling_reaches_classical_equipartition():
    """|g_q|² (2 n_B + 1) -> D² q² k_B T/(ρ V ω_q²) at high T.

    The right side is classical statistical mechanics of one mode (mass ρV,
    <|u|²> = k_B T/(M ω²) by equipartition), with no quantisation at all; the
    left side uses the quantised |g_q| and Bose occupation n_B. They differ by
    the known relative correction (ħω/k_BT)²/12.
    """
    d = derive.get("deformation_potential_coupling")
    s = _symbols("deformation_potential_coupling")
    D, q, rho, V, v_s = 10 * c.e, 1e9, 8960.0, 1e-18, 4760.0  # Cu-like LA phonon
    omega = v_s * q
    values = {s["D"]: D, s["hbar"]: c.hbar, s["q"]: q, s["rho"]: rho, s["V"]: V, s["v_s"]: v_s}
    g_sq = float(d.statement.rhs.subs(values)) ** 2
    for T in (300.0, 3000.0):
        x = c.hbar * omega / (c.k * T)
        quantum = g_sq * (2 / np.expm1(x) + 1)
        classical = D**2 * q**2 * c.k * T / (rho * V * omega**2)
        assert quantum / classical - 1 == pytest.approx(x**2 / 12, rel=1e-3)


def test_screening_assumed_by_froehlich_is_the_derived_thomas_fermi_epsilon():
    """bare/screened = 1 + k_TF²/q² is the ε that ``thomas_fermi_limit`` derives from Lindhard."""
    s = _symbols("frohlich_screened_thomas_fermi")
    bare = sp.sqrt(derive.get("frohlich_coupling").statement.rhs)
    screened = derive.get("frohlich_screened_thomas_fermi").statement.rhs
    tf = derive.get("thomas_fermi_limit")
    t = {q.symbol.name: q.symbol for q in tf.symbols}
    k_tf_sq = t["e"] ** 2 * t["m"] * t["k_F"] / (sp.pi**2 * t["epsilon_0"] * t["hbar"] ** 2)
    assumed = sp.simplify(bare / screened).subs(s["k_TF"] ** 2, k_tf_sq)
    assert sp.simplify(assumed - tf.statement.rhs) == 0


# ----------------------------------------------------------- dynamic screening and coupled modes
# GaAs: ω_TO = 268 cm⁻¹ (Raman, Mooradian & Wright 1966), ε∞ = 10.89, ε_s = 12.9 (Madelung)
GAAS = {"omega_TO": 2 * np.pi * c.c * 268e2, "epsilon_inf": 10.89, "epsilon_s": 12.9}


def _lindhard_long_wavelength(nu: float) -> complex:
    """The textbook long-wavelength Lindhard f(x -> 0, ν) (Giuliani & Vignale ch. 4), typed in, not ephkit's:
    1 − (ν/2) ln|(1 + ν)/(1 − ν)| + i (πν/2) θ(1 − ν)."""
    nu = mpmath.mpf(nu)
    re = 1 - nu / 2 * mpmath.log(abs((1 + nu) / (1 - nu)))
    return complex(re, float(mpmath.pi * nu / 2) if nu < 1 else 0.0)


@pytest.mark.parametrize("nu", [1e-3, 3e-3])
def test_static_regime_is_the_long_wavelength_dynamic_lindhard_coupling(nu):
    """ω_LO << v_F q: |g|/|ε(q, ω_LO)| with the textbook long-wavelength Lindhard ε is the TF statement."""
    s = _symbols("frohlich_screened_thomas_fermi")
    k_tf, q = 1e9, 1e8  # 1/m
    values = {s["e"]: c.e, s["hbar"]: c.hbar, s["epsilon_0"]: c.epsilon_0, s["V"]: 1e-27, s["q"]: q,
              s["omega_LO"]: 5.5e13, s["epsilon_inf"]: 10.89, s["epsilon_s"]: 12.9, s["k_TF"]: k_tf}
    closed = float(derive.get("frohlich_screened_thomas_fermi").statement.rhs.subs(values))
    bare = float(sp.sqrt(derive.get("frohlich_coupling").statement.rhs).subs(values))
    numeric = bare / abs(1 + (k_tf / q) ** 2 * _lindhard_long_wavelength(nu))
    # |1 + K f|, K = (k_TF/q)², f = 1 − ν² + iπν/2 + O(ν³): (1 + K)[1 + ν² K/(1 + K) (π²K/(8(1 + K)) − 1)]
    K = (k_tf / q) ** 2
    expected = -(nu**2) * K / (1 + K) * (np.pi**2 * K / (8 * (1 + K)) - 1)
    assert numeric / closed - 1 == pytest.approx(expected, rel=2e-2)


@pytest.mark.parametrize("w_p_over_w_lo", [0.4, 3.0, 300.0])
def test_high_frequency_regime_is_the_long_wavelength_dynamic_lindhard_coupling(w_p_over_w_lo):
    """ω_LO >> v_F q: bare/ε with the textbook Lindhard ε (k_TF² = 3ω_p²/v_F²) against the statement."""
    d = derive.get("frohlich_screened_dynamic_high_frequency")
    s = _symbols("frohlich_screened_dynamic_high_frequency")
    w_lo, v_F, q = 5.5e13, 1e6, 1e6
    w_p = w_p_over_w_lo * w_lo
    nu = w_lo / (v_F * q)  # 55
    values = {s["e"]: c.e, s["hbar"]: c.hbar, s["epsilon_0"]: c.epsilon_0, s["V"]: 1e-27, s["q"]: q,
              s["omega_LO"]: w_lo, s["epsilon_inf"]: 10.89, s["epsilon_s"]: 12.9, s["omega_p"]: w_p}
    closed = float(d.statement.rhs.subs(values))
    bare = float(sp.sqrt(derive.get("frohlich_coupling").statement.rhs).subs(values))
    k_tf_sq = 3 * w_p**2 / v_F**2  # free electron gas (Ashcroft & Mermin: ω_p² = k_TF² v_F²/3)
    numeric = bare / (1 + k_tf_sq / q**2 * _lindhard_long_wavelength(nu)).real
    # next term: ε = 1 − ω_p²/ω² − (3/5) ω_p² /(ω² ν²): relative (3/5) ω_p²/((ω² − ω_p²) ν²) ~ 2e-4
    expected = 0.6 * w_p**2 / ((w_lo**2 - w_p**2) * nu**2)
    assert numeric / closed - 1 == pytest.approx(expected, rel=5e-2)


def test_crossover_of_the_dynamic_and_static_laws():
    """The ratio dynamic/static = −3ν² (ω_p >> ω_LO, q << k_TF) from the two statements at numbers."""
    d = derive.get("frohlich_screened_dynamic_high_frequency")
    cross = next(step for step in d.steps if step.solves is not None)
    assert float(cross.rhs) == pytest.approx(1 / np.sqrt(3), rel=1e-15)
    s_dyn, s_tf = _symbols(d.name), _symbols("frohlich_screened_thomas_fermi")
    v_F, w_p, q = 1.57e6, 1.6e16, 1e7  # copper-like
    k_tf = np.sqrt(3) * w_p / v_F
    for nu in (20.0, 50.0):
        w_lo = nu * v_F * q
        common = {"e": c.e, "hbar": c.hbar, "epsilon_0": c.epsilon_0, "V": 1e-27, "q": q, "omega_LO": w_lo,
                  "epsilon_inf": 10.89, "epsilon_s": 12.9}
        dyn = float(d.statement.rhs.subs({s_dyn[k]: v for k, v in {**common, "omega_p": w_p}.items()}))
        tf = float(derive.get("frohlich_screened_thomas_fermi").statement.rhs.subs(
            {s_tf[k]: v for k, v in {**common, "k_TF": k_tf}.items()}))
        assert dyn / tf == pytest.approx(-3 * nu**2, rel=5e-3)  # corrections (ω_LO/ω_p)² <= 2.4e-3, (q/k_TF)²


def _model_zeros(w_p: float, w_lo: float, w_to: float, eps_inf: float) -> tuple[float, float]:
    """The zeros of ε(ω) = ε∞[(ω_LO² − ω²)/(ω_TO² − ω²) − ω_p²/ω²] by Brent's method (scipy)."""
    def eps(w: float) -> float:
        return eps_inf * ((w_lo**2 - w**2) / (w_to**2 - w**2) - w_p**2 / w**2)

    low, high = min(w_to, w_p), max(w_lo, w_p)
    return (brentq(eps, 1e-6 * low, low * (1 - 1e-13), xtol=1e-30, rtol=1e-15),
            brentq(eps, high * (1 + 1e-13), 10 * high, xtol=1e-30, rtol=1e-15))


@pytest.mark.parametrize("n", [1e22, 1e23, 1e24, 1e25])
def test_coupled_modes_are_the_zeros_of_the_model_dielectric_function(n):
    """ω± of the derivation (statement and lower-mode step) against scipy's brentq on ε(ω), doped GaAs."""
    d = derive.get("coupled_plasmon_lo_modes")
    s = _symbols("coupled_plasmon_lo_modes")
    w_to, eps_inf = GAAS["omega_TO"], GAAS["epsilon_inf"]
    w_lo = w_to * np.sqrt(GAAS["epsilon_s"] / eps_inf)
    w_p = np.sqrt(n * c.e**2 / (c.epsilon_0 * eps_inf * 0.067 * c.m_e))
    values = {s["omega_LO"]: w_lo, s["omega_TO"]: w_to, s["omega_p"]: w_p}
    upper = float(d.statement.rhs.subs(values))
    lower = float(next(step.rhs for step in d.steps if step.why.startswith("the lower mode")).subs(values))
    ref_lower, ref_upper = _model_zeros(w_p, w_lo, w_to, eps_inf)
    assert upper == pytest.approx(ref_upper, rel=1e-12)
    assert lower == pytest.approx(ref_lower, rel=1e-9)  # the closed form cancels where ω_p << ω_LO

