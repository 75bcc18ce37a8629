"""Independent checks of the coupling derivations (numbers from elsewhere, not the formulas)."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.constants as c
import sympy as sp
from scipy.linalg import eigh_tridiagonal

import derive
from derive.coupling import zero_point_steps


def _symbols(name: str) -> dict[str, sp.Symbol]:
    return {q.symbol.name: q.symbol for q in derive.get(name).symbols}


def test_zero_point_fluctuation_matches_finite_difference_oscillator():
    """<ξ²> = ħ/(2Mω) from SymPy vs the ground state of a discretised Schrödinger equation."""
    hbar, mass, omega = 1.0, 1.7, 2.3  # units with ħ = 1; the formula is scale-free
    M, w = sp.symbols("M omega", positive=True)
    _, msd = zero_point_steps(M, w, sp.Symbol("xi", real=True))
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
