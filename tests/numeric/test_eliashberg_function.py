"""Tests of numeric.eliashberg_function: α²F of the free-electron gas, its moments, Allen's resistivity.

References: the closed forms of the derivations (generated kernels, themselves tested against mpmath
in tests/derive/test_eliashberg_function.py), numeric.superconductivity's exact Debye moments, and the
independent golden-rule integrator numeric.transport.resistivity. Tolerances come from the next-order
term: the golden rule keeps ħω_q in the kinematics, α²F does not (quasi-elastic); the difference is
c (v_s/v_F)² with |c| <= 1.02 for these models (c -> −1 as T -> 0: the density of final states of
emission and absorption, k'/k = 1 ∓ ..., to second order), which the tests check by its scaling with
the band mass.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from numeric.constants import atomic_mass, e, hbar, k, m_e
from numeric.electrons import FreeElectronGas, TightBinding
from numeric.eliashberg_function import (
    allen_resistivity,
    allen_transport_rate_low_T,
    coupling_constant_free_electron,
    coupling_moments,
    eliashberg_function,
    nesting_function,
    nesting_function_sphere,
)
from numeric.lattice import Lattice
from numeric.phonons import DebyeModel
from numeric.springs import SpringModel
from numeric.superconductivity import debye_moments, eliashberg_moments
from numeric.transport import DeformationPotential, resistivity

CU = FreeElectronGas.copper()
CU_DEBYE = DebyeModel(343.0, 8.47e28, 63.546 * atomic_mass)
D10 = DeformationPotential(10 * e)
FEW = settings(max_examples=12, deadline=None)


def _cut(gas: FreeElectronGas, phonons: DebyeModel, cutoff: bool) -> float:
    return min(phonons.q_debye, 2 * gas.k_F) if cutoff else 2 * gas.k_F


metals = st.tuples(st.floats(1e28, 2e29), st.floats(0.3, 3.0), st.floats(80.0, 600.0),
                   st.floats(1.0, 20.0), st.floats(20.0, 200.0), st.booleans())


def _models(n, mass_ratio, theta, D_eV, amu):
    return FreeElectronGas(n, mass_ratio * m_e), DebyeModel(theta, n, amu * atomic_mass), D_eV * e


@FEW
@given(metals)
def test_debye_moments_equal_the_closed_forms(metal):
    """λ, ω_log, ⟨ω²⟩ (and λ_tr) of the free-electron / Debye α²F: on the q-nodes and on a grid of 20001
    points (numeric.superconductivity's trapezoid, O(h²) ~ 1e-9) against the derived closed forms."""
    *args, cutoff = metal
    gas, ph, D = _models(*args)
    q_c = _cut(gas, ph, cutoff)
    omega_c = ph.velocity * q_c
    omega = np.linspace(0.0, omega_c, 20001)
    for transport in (False, True):
        lam = coupling_constant_free_electron(D, gas.m, gas.k_F, ph.mass / ph.cell_volume, ph.velocity, q_c,
                                              transport=transport)
        nodes = coupling_moments(gas, ph, D, transport=transport, cutoff=cutoff)
        grid = eliashberg_moments(omega, eliashberg_function(gas, ph, D, omega, transport=transport,
                                                             cutoff=cutoff))
        assert nodes.lam == pytest.approx(lam, rel=1e-12)
        assert grid.lam == pytest.approx(lam, rel=1e-6)
        if not transport:  # α²F ∝ ω²: the Debye-like moments of eliashberg_moments_debye
            exact = debye_moments(lam, omega_c)
            for got in (nodes, grid):
                assert got.omega_log == pytest.approx(exact.omega_log, rel=1e-6)
                assert got.omega2_mean == pytest.approx(exact.omega2_mean, rel=1e-6)


def test_alpha2F_is_the_derived_power_law():
    """α²F = λ(ω/ω_c)² and α²F_tr = 2λ_tr(ω/ω_c)⁴ below ω_c, 0 above (Cu, q_c = q_D)."""
    rho = CU_DEBYE.mass / CU_DEBYE.cell_volume
    q_c = _cut(CU, CU_DEBYE, True)
    omega_c = CU_DEBYE.velocity * q_c
    omega = omega_c * np.array([0.1, 0.5, 1.0, 1.5])
    lam, lam_tr = (coupling_constant_free_electron(D10.D, CU.m, CU.k_F, rho, CU_DEBYE.velocity, q_c,
                                                   transport=t) for t in (False, True))
    a2F = eliashberg_function(CU, CU_DEBYE, D10, omega)
    a2F_tr = eliashberg_function(CU, CU_DEBYE, D10, omega, transport=True)
    np.testing.assert_allclose(a2F[:3], lam * (omega[:3] / omega_c) ** 2, rtol=1e-13)
    np.testing.assert_allclose(a2F_tr[:3], 2 * lam_tr * (omega[:3] / omega_c) ** 4, rtol=1e-13)
    assert a2F[3] == 0.0 and a2F_tr[3] == 0.0


def _allen_vs_golden_rule(gas, ph, D, cutoff, points=300):
    q_c = _cut(gas, ph, cutoff)
    omega_c = ph.velocity * q_c
    T = hbar * omega_c / k * np.geomspace(1e-3, 10.0, 9)
    omega = np.geomspace(1e-6 * omega_c, omega_c, points)
    a2F_tr = eliashberg_function(gas, ph, D, omega, transport=True, cutoff=cutoff)
    allen = allen_resistivity(gas, omega, a2F_tr, T, interpolation="power")
    return allen / resistivity(gas, ph, D, T, cutoff=cutoff) - 1.0, (ph.velocity / gas.v_F) ** 2


@FEW
@given(metals)
def test_allen_route_reproduces_the_golden_rule_resistivity(metal):
    """ρ(T) from α²F_tr by Allen's formula = numeric.transport.resistivity, T = 1e-3 Θ ... 10 Θ
    (Θ = ħω_c/k_B), to 1e-6 beyond the quasi-elastic correction c (v_s/v_F)², |c| <= 1.02."""
    *args, cutoff = metal
    gas, ph, D = _models(*args)
    diff, eps = _allen_vs_golden_rule(gas, ph, D, cutoff)
    assert np.all(np.abs(diff) <= 1e-6 + 1.05 * eps), (diff, eps)


@pytest.mark.parametrize("cutoff", [True, False])
def test_the_difference_is_the_quasi_elastic_correction(cutoff):
    """The difference scales as (v_s/v_F)² (band masses 1 and 3 m_e: the same c(T) to 1e-3), and with light
    electrons (m = 0.05 m_e, (v_s/v_F)² = 7e-9) the two routes agree to 1e-6 at every T."""
    c = []
    for mass in (1.0, 3.0):
        diff, eps = _allen_vs_golden_rule(FreeElectronGas(8.47e28, mass * m_e), CU_DEBYE, D10, cutoff)
        c.append(diff / eps)
    np.testing.assert_allclose(c[0], c[1], atol=2e-3)
    assert np.all(np.abs(c[0]) <= 1.02)
    assert c[0][0] == pytest.approx(1.0, abs=1e-3)  # T -> 0: Allen above the golden rule by (v_s/v_F)²
    diff, eps = _allen_vs_golden_rule(FreeElectronGas(8.47e28, 0.05 * m_e), CU_DEBYE, D10, cutoff)
    assert np.all(np.abs(diff) < 1e-6), diff


def test_allen_limits():
    """Low T: the T⁵ closed form (Θ/T = 1000, tail e^(−1000)); high T: 2πλ_tr k_BT/ħ (1 − (Θ/T)²/18)."""
    q_c = _cut(CU, CU_DEBYE, True)
    omega_c = CU_DEBYE.velocity * q_c
    theta = hbar * omega_c / k
    omega = np.geomspace(1e-7 * omega_c, omega_c, 200)
    a2F_tr = eliashberg_function(CU, CU_DEBYE, D10, omega, transport=True)
    lam_tr = coupling_moments(CU, CU_DEBYE, D10, transport=True).lam
    to_rate = CU.n * e**2 / CU.m
    low = allen_resistivity(CU, omega, a2F_tr, theta / 1000, interpolation="power") * to_rate
    assert low == pytest.approx(allen_transport_rate_low_T(theta / 1000, lam_tr, omega_c), rel=1e-10)
    T = 100 * theta
    high = allen_resistivity(CU, omega, a2F_tr, T, interpolation="power") * to_rate
    assert high == pytest.approx(2 * math.pi * lam_tr * k * T / hbar * (1 - (theta / T) ** 2 / 18), rel=1e-8)
    assert allen_resistivity(CU, omega, a2F_tr, 0.0) == 0.0
    assert allen_resistivity(CU, omega, a2F_tr, [[0.0, 1.0]]).shape == (1, 2)


@pytest.fixture(scope="module")
def springs():
    return SpringModel.with_debye_temperature(Lattice.fcc(3.615e-10), 63.546 * atomic_mass, 343.0, 0.25)


def test_spring_model_allen_route_converges_to_the_golden_rule(springs):
    """fcc Cu springs (three branches, first BZ): α²F_tr binned on geometric grids of 500, 1000, 2000 points;
    ρ by Allen's formula against numeric.transport.resistivity at T = 0.343 ... 3430 K: second order in the
    grid spacing (hat binning + linear interpolation), within 2e-4 at 2000 points (the golden rule's own
    quasi-elastic difference is ~1e-5)."""
    T = 343.0 * np.geomspace(1e-3, 10.0, 5)
    reference = resistivity(CU, springs, D10, T, angular_order=8, radial_order=8)
    top = springs.frequency_bound
    errors = []
    for n in (500, 1000, 2000):
        omega = np.concatenate([[0.0], np.geomspace(1e-4 * top, top, n)])
        a2F_tr = eliashberg_function(CU, springs, D10, omega, transport=True, angular_order=8, radial_order=8)
        errors.append(np.abs(allen_resistivity(CU, omega, a2F_tr, T) / reference - 1).max())
    order = -np.polyfit(np.log([500, 1000, 2000]), np.log(errors), 1)[0]
    assert 1.7 < order < 2.3, errors
    assert errors[-1] < 2e-4


def test_spring_model_moments_on_nodes_and_grid(springs):
    """λ of the spring model: q-nodes against the binned grid (trapezoid moments exact for hat binning,
    up to the first panel), and λ_tr < λ (q_D-like cut inside 2k_F); the measure route of Allen's
    formula at high T is 2πλ_tr k_BT/ħ."""
    nodes = coupling_moments(CU, springs, D10, angular_order=8, radial_order=8)
    top = springs.frequency_bound
    omega = np.concatenate([[0.0], np.geomspace(1e-5 * top, top, 3000)])
    grid = eliashberg_moments(omega, eliashberg_function(CU, springs, D10, omega, angular_order=8,
                                                         radial_order=8))
    assert grid.lam == pytest.approx(nodes.lam, rel=1e-5)
    assert grid.omega_log == pytest.approx(nodes.omega_log, rel=1e-4)
    tr = coupling_moments(CU, springs, D10, transport=True, angular_order=8, radial_order=8)
    assert 0 < tr.lam < nodes.lam


def test_nesting_integrator_reaches_the_closed_form():
    """The smeared double delta (k-space quadrature on the band's energies) against m²/(4π²ħ⁴q), and the
    closed form's support: 0 above 2k_F, half at 2k_F."""
    q = CU.k_F * np.array([0.2, 1.0, 1.8])
    ratio = nesting_function(CU, q, 2e-3 * CU.E_F) / nesting_function_sphere(q, CU.m, CU.k_F)
    np.testing.assert_allclose(ratio, 1.0, rtol=1e-10)
    inside = nesting_function_sphere(CU.k_F, CU.m, CU.k_F)
    assert nesting_function_sphere(2 * CU.k_F, CU.m, CU.k_F) == pytest.approx(inside / 4)
    assert nesting_function_sphere(2.0001 * CU.k_F, CU.m, CU.k_F) == 0.0


def test_validation_names_the_parameter(springs):
    omega = np.linspace(0.0, 1e14, 11)
    cases = [
        (lambda: eliashberg_function(CU, CU_DEBYE, D10, [1.0, 0.5]), "omega"),
        (lambda: eliashberg_function(CU, CU_DEBYE, D10, [-1.0, 1.0]), "omega"),
        (lambda: eliashberg_function(CU, CU_DEBYE, D10, 1.0), "omega"),
        (lambda: eliashberg_function(CU, CU_DEBYE, D10, omega, transport="yes"), "transport"),
        (lambda: eliashberg_function(CU, springs, D10, omega, cutoff=False), "cutoff"),
        (lambda: eliashberg_function(CU, springs, D10, omega / 10, angular_order=2), "omega"),  # too short
        (lambda: eliashberg_function(CU, CU_DEBYE, D10, omega, angular_order=0), "angular_order"),
        (lambda: eliashberg_function(CU, CU_DEBYE, D10, omega, radial_order=65), "radial_order"),
        (lambda: eliashberg_function(CU, DebyeModel(343.0, 8.47e28), D10, omega), "mass"),
        (lambda: eliashberg_function(TightBinding(Lattice.sc(3e-10), e, electrons_per_cell=1.0),
                                     CU_DEBYE, D10, omega), "electrons"),
        (lambda: coupling_moments(CU, CU_DEBYE, 0.0), "D"),
        (lambda: allen_resistivity(CU, omega, np.ones(3), 300.0), "a2F_tr"),
        (lambda: allen_resistivity(CU, omega, -np.ones(11), 300.0), "a2F_tr"),
        (lambda: allen_resistivity(CU, omega, np.ones(11), -1.0), "T"),
        (lambda: allen_resistivity(CU, omega, np.ones(11), 1.0, interpolation="cubic"), "interpolation"),
        (lambda: nesting_function(CU, 1e10, 0.0), "width"),
        (lambda: nesting_function(CU, 1e10, CU.E_F), "width"),
        (lambda: nesting_function(CU, -1e10, 1e-3 * CU.E_F), "q"),
        (lambda: coupling_constant_free_electron(e, m_e, 1e10, 1e4, 5e3, 3e10), "q_c"),
        (lambda: allen_transport_rate_low_T(10.0, 1.0, 0.0), "omega_c"),
    ]
    for call, name in cases:
        with pytest.raises((ValueError, TypeError), match=name):
            call()
    with pytest.raises(TypeError, match="phonons"):
        eliashberg_function(CU, object(), D10, omega)
