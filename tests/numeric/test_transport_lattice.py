"""Golden-rule scattering with a Born-von Kármán SpringModel against the Christoffel closed forms.

The integrator (numeric.transport, Brillouin-zone path) sums the deformation-potential golden rule
over all three branches in the first BZ on rays from Γ. Independent references, none of which
calls the integrator or the model's eigenvectors:

* direction averages over the unit sphere (Gauss-Legendre in cos θ × trapezoid in φ, two sizes
  that must agree) of quadratic forms of the Christoffel matrix Λ(q̂) = C_ijkl q̂_j q̂_l/ρ, built
  from ``SpringModel.elastic_tensor()`` and solved with linear solves (no eigenvectors):
  A_p = <Σ_λ (q̂·e_λ)²/v_λ^p> = <q̂ᵀ Λ^(−p/2) q̂>, p = 2, 4, 6;
* the generated closed-form kernels of derive.scattering with v_s -> v_p = A_p^(−1/p):
  every law is ∝ v_s^(−p) per mode with weight (q̂·e_λ)², the polarisation sum replacing the
  single LA branch: high T p = 2 (D² m k_B k_F T/(πρħ³) × A_2), transport T⁵ laws p = 6,
  quasiparticle T³ law p = 4;
* the known next-order terms, derived here (per mode, weight (q̂·e_λ)²/v_λ^p, then summed):
  - high T, at E_F: occupation 2(n + f) = 2/sinh x = (2/x)(1 − x²/6 + ...), with q³ weight on
    [0, 2k_F]: c_T = −(2ħk_F/k_BT)²/(9 A_2) (the −(T_BG/T)²/9 of the isotropic model);
    kinematics (ħω in the delta and in k'): +s_λ² per mode, c_s = 1/(A_2 v_F²) (first order
    cancels between emission and absorption);
    dispersion: D(q) = q²Λ − q⁴Λ₄ + q⁶Λ₆ (1 − cos y = y²/2 − y⁴/24 + y⁶/720 for every bond),
    Σ_λ (q·e_λ)²/ω_λ² = qᵀD⁻¹q, so c_d = (8/3)k_F² <q̂ᵀΛ⁻¹Λ₄Λ⁻¹q̂>/A_2 and
    c_d2 = 8k_F⁴ <q̂ᵀ(Λ⁻¹Λ₄Λ⁻¹Λ₄Λ⁻¹ − Λ⁻¹Λ₆Λ⁻¹)q̂>/A_2 (moments ∫q⁵/∫q³, ∫q⁷/∫q³ over [0, 2k_F]);
  - low T: transport −s_λ² per mode, i.e. −A_4/(A_6 v_F²); quasiparticle: none (no k' in
    its weight, limits irrelevant); dispersion ∝ T², removed by Richardson extrapolation.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
import scipy.constants as c
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy.optimize import brentq

from numeric import _golden_rule, _quadrature
from numeric import scattering as sc
from numeric._generated import scattering as kernels
from numeric._quadrature import sphere_rule
from numeric.electrons import FreeElectronGas
from numeric.lattice import Lattice
from numeric.phonons import DebyeModel
from numeric.springs import SpringModel
from numeric.transport import (
    GOLDEN_RULE_RAYS,
    _rates,
    momentum_relaxation_rate,
    quasiparticle_scattering_rate,
    resistivity,
    transport_rate_averaged,
)

D = 10 * c.e
#: k2/k1 that makes each cubic spring model elastically isotropic (C11 − C12 = 2 C44 with C12 = C44).
ISOTROPIC = {"fcc": 0.25, "bcc": 2 / 3, "sc": 1.0}


def Electrons(k_F: float, m: float) -> FreeElectronGas:
    """The free-electron gas with Fermi wavevector k_F (density k_F³/3π²) and band mass m."""
    return FreeElectronGas(k_F**3 / (3 * math.pi**2), m)


def _averages(model: SpringModel, n: int) -> np.ndarray:
    """A_2, A_4, A_6, B = <q̂ᵀΛ⁻¹Λ₄Λ⁻¹q̂>, B_2 = <q̂ᵀ(Λ⁻¹Λ₄Λ⁻¹Λ₄Λ⁻¹ − Λ⁻¹Λ₆Λ⁻¹)q̂> (SI)."""
    d, w = sphere_rule(3, n)
    lam = np.einsum("ijkl,nj,nl->nik", model.elastic_tensor(), d, d) / model.mass_density

    def solve(v):
        return np.linalg.solve(lam, v[..., None])[..., 0]

    R, k = model.bonds
    unit = R / np.linalg.norm(R, axis=1, keepdims=True)
    dyads = (unit[:, :, None] * unit[:, None, :]).reshape(-1, 9)          # R̂R̂ᵀ per bond
    proj2 = (d @ R.T) ** 2
    lam4 = ((k * proj2**2) @ dyads).reshape(-1, 3, 3) / (24 * model.mass)
    lam6 = ((k * proj2**3) @ dyads).reshape(-1, 3, 3) / (720 * model.mass)
    y = solve(d)                                    # Λ⁻¹q̂
    z = solve(y)                                    # Λ⁻²q̂
    u = solve(np.einsum("nij,nj->ni", lam4, y))     # Λ⁻¹Λ₄Λ⁻¹q̂
    dot = lambda a, b: np.einsum("ni,ni->n", a, b)  # noqa: E731
    quad = lambda a, M, b: np.einsum("ni,nij,nj->n", a, M, b)  # noqa: E731
    values = [dot(d, y), dot(y, y), dot(y, z), quad(y, lam4, y), quad(y, lam4, u) - quad(y, lam6, y)]
    return np.array([w @ v for v in values])


def sound_speed_range(model: SpringModel) -> tuple[float, float]:
    v = model.sound_velocities(sphere_rule(3, 24)[0])
    return float(v.min()), float(v.max())


def christoffel(model: SpringModel) -> dict:
    """Direction averages (converged: two sphere rules agree to 1e-10) and the extreme sound speeds."""
    fine, coarse = _averages(model, 128), _averages(model, 96)
    np.testing.assert_allclose(coarse, fine, rtol=1e-10, atol=0)
    v_min, v_max = sound_speed_range(model)
    return dict(zip(("A2", "A4", "A6", "B", "B2"), fine, strict=True), v_min=v_min, v_max=v_max)


def closed_form(loop, T, el: FreeElectronGas, model: SpringModel, v_eff: float) -> np.ndarray:
    T = np.atleast_1d(np.asarray(T, dtype=float))
    cols = [np.full_like(T, a) for a in (D, el.m, el.k_F, model.mass_density, v_eff)]
    return loop(T, *cols, np.empty_like(T))


def spring(name: str, ratio: float, a: float, mass_u: float, k1: float) -> SpringModel:
    return SpringModel(getattr(Lattice, name)(a), mass_u * c.atomic_mass, k1, ratio * k1)


#: sc and bcc need k2 > 0 (shear stiffness); k2/k1 >= 0.05 keeps the soft shear modes well defined.
lattices = st.one_of(st.tuples(st.just("fcc"), st.floats(0.0, 1.0)),
                     st.tuples(st.sampled_from(["sc", "bcc"]), st.floats(0.05, 1.0)))
#: metals' nearest-neighbour springs are ~10-60 N/m (Cu ≈ 25 N/m for Θ_D = 343 K).
solids = dict(lat=lattices, a=st.floats(2.5e-10, 5.5e-10), mass_u=st.floats(7.0, 210.0),
              k1=st.floats(5.0, 60.0))
#: dilute carriers (doped semiconductors, semimetals): 2k_F = 0.4 ... 1.2 /a, well inside every BZ
#: (inner radius π/a for sc); band masses 0.05 ... 1 m_e.
carriers = dict(kfa=st.floats(0.2, 0.6), m_ratio=st.floats(0.05, 1.0))


def _setup(lat, a, mass_u, k1, kfa, m_ratio, s_max):
    model = spring(*lat, a, mass_u, k1)
    el = Electrons(kfa / a, m_ratio * c.m_e)
    assume(sound_speed_range(model)[1] / el.v_F <= s_max)  # v_s << v_F (the regime of the closed forms)
    return model, christoffel(model), el


# ------------------------------------------------------------------ 1. high T
def high_T_prediction(ref: dict, el: FreeElectronGas, T: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """1 + c_T + c_s + c_d + c_d2 and the tolerance: the next terms, cross products of the first-order
    terms and the geometric estimate c_d2²/c_d of the third dispersion term, with a factor 3."""
    k, A2 = el.k_F, ref["A2"]
    c_T = -((2 * c.hbar * k / (c.k * T)) ** 2) / (9 * A2)
    c_s = 1 / (A2 * el.v_F**2)
    c_d = 8 / 3 * k**2 * ref["B"] / A2
    c_d2 = 8 * k**4 * ref["B2"] / A2
    first = np.abs(c_T) + c_s
    tol = 3 * (first * (first + abs(c_d)) + c_d2**2 / abs(c_d)) + 1e-9
    return 1 + c_T + c_s + c_d + c_d2, tol


@settings(max_examples=4, deadline=None)
@given(**solids, **carriers, ratio=st.floats(10.0, 40.0))
def test_high_T_limit_with_christoffel_average(lat, a, mass_u, k1, kfa, m_ratio, ratio):
    """T >> T_BG(v_max): 1/τ_tr(E_F) -> D² m k_B k_F T A_2/(πρħ³), A_2 = <Σ_λ (q̂·e_λ)²/v_λ²>,
    with the derived corrections c_T, c_s, c_d, c_d2 (module docstring)."""
    model, ref, el = _setup(lat, a, mass_u, k1, kfa, m_ratio, 0.05)
    T = ratio * sc.bloch_gruneisen_temperature(el.k_F, ref["v_max"]) * np.array([1.0, 2.0])
    got = momentum_relaxation_rate(el, model, D, T)
    book = closed_form(kernels.deformation_potential_rate_high_T_loop, T, el, model, ref["A2"] ** -0.5)
    predicted, tol = high_T_prediction(ref, el, T)
    assert np.all(np.abs(got / book - predicted) < tol), (got / book, predicted, tol)


# ------------------------------------------------------------------ 2. low T
LOW_T_LAWS = {  # name: (integrator, closed-form kernel, power p of 1/v in the law)
    "transport rate at E_F (T⁵)":
        (momentum_relaxation_rate, kernels.transport_rate_fermi_level_low_T_loop, 6),
    "Fermi-window transport rate (T⁵)":
        (transport_rate_averaged, kernels.bloch_gruneisen_transport_rate_low_T_loop, 6),
    "quasiparticle rate at E_F (T³)":
        (quasiparticle_scattering_rate, kernels.quasiparticle_rate_low_T_loop, 4),
}


def low_T_check(ratio: np.ndarray, expected: float, floor: float) -> tuple[float, float]:
    """r(T) = r0 + a T² + b T⁴ at T, T/2, T/4: Richardson values R1 (T, T/2), R2 (T/2, T/4) err by
    −bT⁴/4 and −bT⁴/64, so |R2 − r0| <= |R1 − R2| (15× its estimated error) + ``floor``."""
    R1 = (4 * ratio[1] - ratio[0]) / 3
    R2 = (4 * ratio[2] - ratio[1]) / 3
    return abs(R2 - expected), abs(R1 - R2) + floor


@settings(max_examples=3, deadline=None)
@given(**solids, **carriers)
def test_low_T_power_laws_with_christoffel_averages(lat, a, mass_u, k1, kfa, m_ratio):
    """T <= T_BG(v_min)/50: T⁵ (transport, at E_F and window-averaged) with 1/v_s⁶ -> A_6, and T³
    (quasiparticle) with 1/v_s⁴ -> A_4; log-log slopes 5 and 3 up to the dispersion term 2aT²."""
    model, ref, el = _setup(lat, a, mass_u, k1, kfa, m_ratio, 0.05)
    s4 = (ref["v_max"] / el.v_F) ** 4                     # next kinematic order
    T = sc.bloch_gruneisen_temperature(el.k_F, ref["v_min"]) / 50 * np.array([1.0, 0.5, 0.25])
    for name, (func, loop, p) in LOW_T_LAWS.items():
        got = func(el, model, D, T)
        ratio = got / closed_form(loop, T, el, model, ref[f"A{p}"] ** (-1 / p))
        kinematic = -ref["A4"] / (ref["A6"] * el.v_F**2) if p == 6 else 0.0
        error, tol = low_T_check(ratio, 1 + kinematic, 2 * s4 + 1e-9)
        assert error < tol, (name, ratio, error, tol)
        slope = np.polyfit(np.log(T), np.log(got), 1)[0]
        deviation = np.max(np.abs(ratio - 1 - kinematic))  # the dispersion term a T², T <= T_BG/50
        assert abs(slope - (p - 1)) < 4 * deviation + 1e-8, (name, slope, deviation)


# ------------------------------------------------------------------ 3. isotropic long waves = Debye
@pytest.mark.parametrize("name", ["fcc", "bcc", "sc"])
def test_isotropic_spring_model_reaches_debye_path(name):
    """k2/k1 with C11 − C12 = 2C44: Λ = v_L² q̂q̂ᵀ + v_T²(1 − q̂q̂ᵀ), so A_p = v_L^(−p) exactly, transverse
    phonons do not couple at long wavelength, and the SpringModel path must reach the DebyeModel path
    (one LA branch, v_L, ρ) as T -> 0 with a deviation ∝ T² (dispersion), and the isotropic high-T law
    D² m k_B k_F T/(πρ v_L² ħ³) with the derived corrections."""
    model = spring(name, ISOTROPIC[name], 3.6e-10, 63.5, 25.0)
    ref = christoffel(model)
    v_L = math.sqrt(model.elastic_constants()["C11"] / model.mass_density)
    np.testing.assert_allclose([ref["A2"] * v_L**2, ref["A4"] * v_L**4, ref["A6"] * v_L**6], 1.0, rtol=1e-12)
    el = Electrons(0.5 / 3.6e-10, 0.2 * c.m_e)
    n_atoms = 1 / model.cell_volume
    debye = DebyeModel.from_sound_velocity(v_L, n_atoms, model.mass_density)
    T_BG = sc.bloch_gruneisen_temperature(el.k_F, v_L)
    T = T_BG / math.sqrt(3) / 50 * np.array([1.0, 0.5, 0.25, 0.125])   # T_BG of v_T = v_L/√3, / 50 ...
    for func in (momentum_relaxation_rate, quasiparticle_scattering_rate, transport_rate_averaged):
        ratio = func(el, model, D, T) / func(el, debye, D, T, cutoff=False)
        error, tol = low_T_check(ratio[1:], 1.0, 1e-9)
        assert error < tol, (func.__name__, ratio - 1)
        dev = ratio - 1
        np.testing.assert_allclose(dev[:-1] / dev[1:], 4.0, rtol=0.1)  # ∝ T²
    T_hot = 20 * T_BG * np.array([1.0, 2.0])
    got = momentum_relaxation_rate(el, model, D, T_hot)
    book = sc.deformation_potential_rate_high_T(T_hot, D, el.m, el.k_F, model.mass_density, v_L)
    predicted, tol = high_T_prediction(ref, el, T_hot)
    assert np.all(np.abs(got / book - predicted) < tol), (got / book, predicted, tol)


# ------------------------------------------------------------------ 4. quadrature convergence
def test_ray_quadrature_converges_geometrically():
    """Anisotropic sc, 2k_F inside the BZ, T = T_BG/4: the error of the angular rule (radial order
    fixed) and of the radial rule (angular order fixed) falls geometrically with the order:
    log(error) linear in the order with slope <= −1 (a factor e per order or better)."""
    model, _ = _small()
    el = Electrons(0.5 / 3.6e-10, c.m_e)
    T = sc.bloch_gruneisen_temperature(el.k_F, christoffel(model)["v_max"]) / 4

    def rate(angular, radial):
        return momentum_relaxation_rate(el, model, D, T, angular_order=angular, radial_order=radial)

    cases = {"angular": ([3, 4, 5, 6, 7, 8, 10], lambda n: rate(n, 12), rate(14, 12)),
             "radial": ([2, 3, 4, 5, 6, 7], lambda n: rate(6, n), rate(6, 16))}
    for name, (orders, func, reference) in cases.items():
        errors = np.array([abs(func(n) / reference - 1) for n in orders])
        slope, _ = np.polyfit(orders, np.log(errors), 1)
        assert slope <= -1.0, (name, errors, slope)
        assert errors[-1] < 1e-7, (name, errors)


# ------------------------------------------------------------------ 5. pieces of the method
def _small():
    """An anisotropic sc model (one symmetry-reduced cone: cheap) and dilute electrons."""
    model = spring("sc", 0.3, 3.6e-10, 63.5, 25.0)
    return model, Electrons(0.5 / 3.6e-10, 0.3 * c.m_e)


def test_compressed_spectrum_matches_all_nodes():
    """The ħω-compressed nodes (local Gauss rules) against the full node set, at E_F for T across the
    regimes, and off E_F where calls mix compressed (|ε − E_F| <= 8 k_BT) and full temperatures."""
    model, el = _small()
    E_F = (c.hbar * el.k_F) ** 2 / (2 * el.m)
    T = sc.bloch_gruneisen_temperature(el.k_F, 4000.0) * np.geomspace(1e-3, 30, 12)
    everything = dataclasses.replace(GOLDEN_RULE_RAYS, compress=False)
    for transport in (True, False):
        for window in ((False, True) if transport else (False,)):
            kind = dict(transport=transport, window=window)
            np.testing.assert_allclose(_rates(el, model, D, T, **kind),
                                       _rates(el, model, D, T, **kind, rule=everything), rtol=1e-9, atol=0)
    xi = 5 * c.k * T[6]                                   # compressed for T >= T[6]·5/8, full below
    energy = E_F + xi
    mixed = momentum_relaxation_rate(el, model, D, T, energy=energy)
    full = _rates(el, model, D, T, energy=energy, transport=True, window=False, rule=everything)
    np.testing.assert_allclose(mixed, full, rtol=1e-9, atol=0)


def test_kinematic_limits_solve_the_energy_shell():
    """Emission: q² + 2mω_λ(q)/ħ = 2kq; absorption: q² − 2mω_λ(q)/ħ = 2kq (brentq on a few rays)."""
    model, el = _small()
    rng = np.random.default_rng(1)
    unit = rng.normal(size=(4, 3))
    unit /= np.linalg.norm(unit, axis=1, keepdims=True)
    limits = _golden_rule.kinematic_limits(model, unit, el.k_F, el.m)
    for r in range(4):
        for branch in range(3):
            for p, sign in enumerate((-1.0, 1.0)):
                def shell(q, r=r, branch=branch, sign=sign):
                    omega = model.frequencies(q * unit[r])[branch]
                    return q * q - sign * 2 * el.m * omega / c.hbar - 2 * el.k_F * q
                root = brentq(shell, 1.5 * el.k_F, 2.5 * el.k_F, xtol=1e-14 * el.k_F, rtol=1e-15)
                assert abs(limits[r, branch, p] / root - 1) < 1e-12


def test_symmetry_reduced_cones_equal_all_cones(monkeypatch):
    """One cone per point-group orbit, weighted by the orbit size (48), against all 48 cones of the
    sc BZ: at angular order 6 both rules are within their quadrature error (~1e-5, the two collapsed
    Gauss rules differ on mirror-image triangles) of the converged value."""
    model, el = _small()
    T = sc.bloch_gruneisen_temperature(el.k_F, 5000.0) * np.array([0.3, 5.0])
    converged = momentum_relaxation_rate(el, model, D, T)
    reduced = momentum_relaxation_rate(el, model, D, T, angular_order=6)
    monkeypatch.setattr(_quadrature, "has_point_symmetry", lambda model, lattice: False)
    _golden_rule.NODES.clear(model)
    everything = momentum_relaxation_rate(el, model, D, T, angular_order=6)
    np.testing.assert_allclose(reduced, converged, rtol=1e-4, atol=0)
    np.testing.assert_allclose(everything, converged, rtol=1e-4, atol=0)


def test_temperatures_share_one_node_set(monkeypatch):
    """1000 temperatures in one call: one BZ node build (the T-independent part), the same values as
    one call per temperature. (The time this saves is printed by benchmarks/scattering_rates.py.)"""
    model, el = _small()
    builds = []
    original = _golden_rule.LatticeNodes
    monkeypatch.setattr(_golden_rule, "LatticeNodes", lambda *a, **k: builds.append(a) or original(*a, **k))
    _golden_rule.NODES.clear(model)
    T = np.linspace(1.0, 1000.0, 1000)
    together = momentum_relaxation_rate(el, model, D, T)
    assert len(builds) == 1
    singles = np.array([momentum_relaxation_rate(el, model, D, t) for t in T[::111]])
    np.testing.assert_allclose(together[::111], singles, rtol=1e-13, atol=0)


def test_zero_temperature_shapes_and_resistivity():
    model, el = _small()
    E_F = (c.hbar * el.k_F) ** 2 / (2 * el.m)
    assert momentum_relaxation_rate(el, model, D, 0.0) == 0.0
    assert transport_rate_averaged(el, model, D, 0.0) == 0.0
    # above E_F at T = 0 the electron emits phonons into empty states: a positive rate
    assert quasiparticle_scattering_rate(el, model, D, 0.0, energy=1.05 * E_F) > 0
    T = np.full((2, 3), 50.0)
    assert momentum_relaxation_rate(el, model, D, T).shape == (2, 3)
    rho_el = resistivity(el, model, D, [20.0, 200.0])
    np.testing.assert_allclose(rho_el, el.m * transport_rate_averaged(el, model, D, [20.0, 200.0])
                               / (el.n * c.e**2), rtol=1e-14)
    assert isinstance(resistivity(el, model, D, 100.0), float)


def test_spring_path_bad_input():
    model, el = _small()
    with pytest.raises(ValueError, match="cutoff = False"):
        momentum_relaxation_rate(el, model, D, 300.0, cutoff=False)
    with pytest.raises(ValueError, match="angular_order = 0"):
        momentum_relaxation_rate(el, model, D, 300.0, angular_order=0)
    with pytest.raises(ValueError, match=r"radial_order = 2\.5"):
        quasiparticle_scattering_rate(el, model, D, 300.0, radial_order=2.5)
    with pytest.raises(ValueError, match=r"energy = .* outside the valid range .* faster than sound"):
        momentum_relaxation_rate(el, model, D, 300.0, energy=1e-26)
    with pytest.raises(ValueError, match="T = -1"):
        transport_rate_averaged(el, model, D, [-1.0])
    with pytest.raises(TypeError, match="SpringModel"):
        momentum_relaxation_rate(el, object(), D, 300.0)
    square = SpringModel(Lattice.square(3e-10), 1e-25, 10.0, 5.0)
    with pytest.raises(ValueError, match=r"phonons\.dim = 2"):
        momentum_relaxation_rate(el, square, D, 300.0)
