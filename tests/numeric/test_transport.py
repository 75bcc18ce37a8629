"""numeric.transport: the golden-rule integrator (Debye sphere) reaches the closed forms in their limits.

Reference values: the closed forms of derive.scattering through their generated kernels
(numeric._generated.scattering), a brute-force 3D golden rule with a Gaussian delta, and an
explicit energy quadrature; never the integrator's own output.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.constants as c
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy import integrate

from numeric import _golden_rule
from numeric._generated import scattering as kernels
from numeric.electrons import FreeElectronGas, TightBinding
from numeric.lattice import Lattice
from numeric.phonons import DebyeModel
from numeric.scattering import bloch_gruneisen_temperature
from numeric.transport import (
    DeformationPotential,
    momentum_relaxation_rate,
    quasiparticle_scattering_rate,
    resistivity,
    transport_rate_averaged,
)


def _debye(n_atoms: float, rho: float, v_s: float) -> DebyeModel:
    """A Debye model with sound velocity v_s, mass density rho and n_atoms atoms per m³."""
    return DebyeModel.from_sound_velocity(v_s, n_atoms, rho)


CU_N = 8.47e28  # one conduction electron per Cu atom
CU = dict(D=10 * c.e, rho=8960.0, v_s=4760.0)

metals = dict(
    n=st.floats(1e27, 3e29), m_ratio=st.floats(0.3, 3.0), D_eV=st.floats(1.0, 20.0),
    rho=st.floats(1e3, 2e4), v_s=st.floats(1e3, 1e4),
)


def _setup(n, m_ratio, D_eV, rho, v_s):
    el = FreeElectronGas(n, m_ratio * c.m_e)
    args = (D_eV * c.e, el.m, el.k_F, rho, v_s)  # kernel argument order after T
    return el, _debye(n, rho, v_s), DeformationPotential(D_eV * c.e), args


def _kernel(loop, T, args):
    T = np.atleast_1d(np.asarray(T, dtype=float))
    cols = [np.full_like(T, a) for a in args]
    return loop(T, *cols, np.empty_like(T))


@settings(max_examples=25, deadline=None)
@given(**metals, ratio=st.floats(5.0, 50.0))
def test_high_T_limit(n, m_ratio, D_eV, rho, v_s, ratio):
    """(1/τ_tr)/T at E_F -> D² m k_B k_F/(πρv_s²ħ³) within 1 % for T >= 5 T_BG, no cut-off below 2k_F.

    Known corrections: −(T_BG/T)²/9 from the occupation factors (at most 0.44 % here; derived
    in tests/derive/test_scattering.py) and O((v_s/v_F)²) from ħω_q in the kinematics
    (<= 1e-3 for v_s/v_F <= 0.01, the regime of the closed form, v_s << v_F).
    """
    el, ph, coupling, args = _setup(n, m_ratio, D_eV, rho, v_s)
    assume(v_s / el.v_F <= 0.01)
    T = ratio * bloch_gruneisen_temperature(el.k_F, v_s)
    got = momentum_relaxation_rate(el, ph, coupling, T, cutoff=False)
    book = _kernel(kernels.deformation_potential_rate_high_T_loop, T, args)[0]
    r2 = 1 / ratio**2
    assert abs(got / book - 1) < 0.01
    # the leading correction itself, to second order in T_BG/T and (v_s/v_F)
    assert abs(got / book - (1 - r2 / 9)) < 7 * r2**2 / 720 + 20 * (v_s / el.v_F) ** 2 + 1e-7


@settings(max_examples=25, deadline=None)
@given(**metals, ratio=st.floats(1e-3, 1 / 50))
def test_low_T_limits(n, m_ratio, D_eV, rho, v_s, ratio):
    """T <= T_BG/50: each rate against its own derived closed form (generated kernels).

    Next-order terms: the tail of the q-integral beyond 2k_F, O((T_BG/T)⁵ e^(−T_BG/T)) < 1e-13;
    ħω_q in the kinematics: −(v_s/v_F)² for the transport rates (1 − cos θ = q²(1 − k_s²/k²)/(2kk'),
    first order cancels between emission and absorption), ≤ (v_s/v_F)² for the quasiparticle rate;
    quadrature (16-point Gauss-Legendre panels) < 1e-9. Tolerance: 2 (v_s/v_F)² + 1e-8.
    """
    el, ph, coupling, args = _setup(n, m_ratio, D_eV, rho, v_s)
    assume(v_s / el.v_F <= 0.1)
    T = ratio * bloch_gruneisen_temperature(el.k_F, v_s) * np.array([1.0, 0.5])
    tol = 2 * (v_s / el.v_F) ** 2 + 1e-8
    cases = {
        "Fermi-window-averaged transport rate (Bloch-Grüneisen T⁵)":
            (transport_rate_averaged(el, ph, coupling, T, cutoff=False),
             kernels.bloch_gruneisen_transport_rate_low_T_loop),
        "transport rate at E_F (T⁵, 93 ζ(5)/8)":
            (momentum_relaxation_rate(el, ph, coupling, T, cutoff=False),
             kernels.transport_rate_fermi_level_low_T_loop),
        "quasiparticle rate at E_F (T³, 7 ζ(3)/4)":
            (quasiparticle_scattering_rate(el, ph, coupling, T, cutoff=False),
             kernels.quasiparticle_rate_low_T_loop),
    }
    for name, (got, loop) in cases.items():
        book = _kernel(loop, T, args)
        assert np.all(np.abs(got / book - 1) < tol), (name, got / book - 1, tol)


def test_low_T_powers_and_naming():
    """T⁵ (transport, resistivity) against T³ (quasiparticle) by log-log slope, Cu-like, T <= T_BG/50."""
    el, ph = FreeElectronGas(CU_N), _debye(CU_N, CU["rho"], CU["v_s"])
    T = np.geomspace(0.2, 10.0, 5)
    for func, power in ((transport_rate_averaged, 5), (momentum_relaxation_rate, 5),
                        (quasiparticle_scattering_rate, 3)):
        slope = np.polyfit(np.log(T), np.log(func(el, ph, CU["D"], T, cutoff=False)), 1)[0]
        assert abs(slope - power) < 1e-6, func.__name__
    # ρ = m/(n e²) × the Bloch-Grüneisen rate: the closed form's kernel, not the integrator's average
    # (T <= T_BG/99: the tail is O(e^-99); the quasi-elastic correction is O((v_s/v_F)²) ~ 1e-5)
    rho_el = resistivity(el, ph, CU["D"], T, cutoff=False)
    bloch_gruneisen = _kernel(kernels.bloch_gruneisen_transport_rate_low_T_loop, T,
                              (CU["D"], c.m_e, el.k_F, CU["rho"], CU["v_s"]))
    np.testing.assert_allclose(rho_el, c.m_e * bloch_gruneisen / (CU_N * c.e**2), rtol=1e-4)


def test_debye_cutoff_above_2kF_changes_nothing():
    """q_D >= 2k_F (8 atoms per electron: q_D = 2^(1/3) · 2k_F): the cut-off is never reached."""
    el = FreeElectronGas(CU_N)
    T = np.array([3.0, 300.0, 3e4])
    ph = _debye(8 * CU_N, CU["rho"], CU["v_s"])
    assert ph.q_debye > 2 * el.k_F * 1.01
    for func in (momentum_relaxation_rate, quasiparticle_scattering_rate, transport_rate_averaged):
        np.testing.assert_array_equal(func(el, ph, CU["D"], T), func(el, ph, CU["D"], T, cutoff=False))
    # A real Debye cut-off q_D < 2k_F removes large-angle scattering: smaller high-T rate.
    cut = _debye(CU_N / 2, CU["rho"], CU["v_s"])
    assert cut.q_debye < 2 * el.k_F
    assert momentum_relaxation_rate(el, cut, CU["D"], 3e4) < 0.9 * momentum_relaxation_rate(
        el, cut, CU["D"], 3e4, cutoff=False)


def _gaussian_golden_rule(el, v_s, rho, D, T, width, transport=True):
    """Brute force: (2π/ħ) ∫d³q/(2π)³ V|g_q|² [...] δ_σ(...) w, δ_σ a Gaussian of width σ = width·E_F.

    Spherical coordinates about k (the azimuth is a symmetry: factor 2π); quad in μ = cos∠(k, q)
    around the Gaussian's centre, and in q. The final state is k' = k ∓ q (vector), the transport
    weight 1 − k̂·k̂' from the vectors; Bose and Fermi factors of the exact energies.
    """
    k, m, e_F = el.k_F, el.m, el.E_F
    sigma = width * e_F
    beta = 1 / (c.k * T)

    def inner(q, sign):
        hw = c.hbar * v_s * q
        coupling = D**2 * c.hbar * q / (2 * rho * v_s)
        n = 1 / math.expm1(hw * beta)
        occ = n + 1 - 1 / (math.exp(-hw * beta) + 1) if sign < 0 else n + 1 / (math.exp(hw * beta) + 1)
        a = c.hbar**2 / (2 * m)

        def f(mu):
            kp2 = k**2 + q**2 + sign * 2 * k * q * mu  # |k ± q|²
            de = a * (kp2 - k**2) - sign * hw
            delta = math.exp(-0.5 * (de / sigma) ** 2) / (sigma * math.sqrt(2 * math.pi))
            w = 1 - (k + sign * q * mu) / math.sqrt(kp2) if transport else 1.0
            return delta * w

        slope = a * 2 * k * q  # d(de)/dμ

        mu0 = (sign * hw - a * q**2) / (sign * slope)
        half = 10 * sigma / slope
        lo, hi = max(-1.0, mu0 - half), min(1.0, mu0 + half)
        if lo >= hi:
            return 0.0
        val, _ = integrate.quad(f, lo, hi, points=[mu0] if lo < mu0 < hi else None, epsabs=0,
                                epsrel=1e-10, limit=200)
        return 2 * math.pi * q**2 * coupling * occ * val

    total = 0.0
    for sign in (-1, +1):
        val, _ = integrate.quad(inner, 0.0, 2.2 * k, args=(sign,), epsabs=0, epsrel=1e-9, limit=400,
                                points=[2 * k * (1 - 0.01), 2 * k, 2 * k * 1.01])
        total += val
    return 2 * math.pi / c.hbar * total / (2 * math.pi) ** 3


def test_1d_reduction_against_brute_force_3d():
    """The 1D reduction against a 3D q-integral with a Gaussian delta, Richardson-extrapolated in σ.

    Cu-like, T = T_BG/4 (neither limit applies). The Gaussian smoothing errs by O(σ²)
    (symmetric kernel), so (4 r(σ/2) − r(σ))/3 errs by O(σ⁴).
    """
    el = FreeElectronGas(CU_N)
    v_s, rho, D = CU["v_s"], CU["rho"], CU["D"]
    T = bloch_gruneisen_temperature(el.k_F, v_s) / 4
    ph = _debye(CU_N, rho, v_s)
    for transport, func in ((True, momentum_relaxation_rate), (False, quasiparticle_scattering_rate)):
        wide, narrow = (_gaussian_golden_rule(el, v_s, rho, D, T, w, transport) for w in (4e-3, 2e-3))
        extrapolated = (4 * narrow - wide) / 3
        got = func(el, ph, D, T, cutoff=False)
        assert abs(narrow / got - 1) < 2e-5  # O(σ²): a few 1e-6 at σ = 2e-3 E_F
        assert abs(extrapolated / got - 1) < 2e-6, (extrapolated / got - 1, narrow / got - 1)


def test_window_average_against_explicit_energy_quadrature():
    """<1/τ_tr> (analytic window factor x n(n+1), kinematics at E_F) against ∫dε(−∂f/∂ε) 1/τ_tr(ε)
    done numerically with the electron energy as a parameter. Neglected: O((k_BT/E_F)²) and
    O((v_s/v_F)(k_BT/E_F)) (the first order in k_BT/E_F cancels: the occupation factor is even
    in ε − E_F); tolerance 10× their sum."""
    el = FreeElectronGas(CU_N)
    ph = _debye(CU_N, CU["rho"], CU["v_s"])
    for T in (30.0, 250.0):
        u, w = np.polynomial.legendre.leggauss(200)
        u, w = 40 * u, 40 * w  # u = (ε − E_F)/k_BT in [−40, 40]
        weight = 1 / (4 * np.cosh(u / 2) ** 2)
        rates = np.array([momentum_relaxation_rate(el, ph, CU["D"], T, energy=el.E_F + c.k * T * ui,
                                                   cutoff=False) for ui in u])
        explicit = np.sum(w * weight * rates)
        got = transport_rate_averaged(el, ph, CU["D"], T, cutoff=False)
        small = (c.k * T / el.E_F) ** 2 + (CU["v_s"] / el.v_F) * c.k * T / el.E_F
        assert abs(got / explicit - 1) < 10 * small, (got / explicit - 1, small)


def test_temperatures_share_one_node_set(monkeypatch):
    """1000 temperatures in one call: the q-nodes (emission, absorption) are built once, not per T, and
    give the values of one call per temperature. (Timing: benchmarks/scattering_rates.py.)"""
    el, ph = FreeElectronGas(CU_N), _debye(CU_N, CU["rho"], CU["v_s"])
    builds = []
    original = _golden_rule.debye_nodes
    monkeypatch.setattr(_golden_rule, "debye_nodes", lambda *a, **k: builds.append(a) or original(*a, **k))
    T = np.linspace(1.0, 1000.0, 1000)
    together = momentum_relaxation_rate(el, ph, CU["D"], T)
    assert len(builds) == 2
    singles = np.array([momentum_relaxation_rate(el, ph, CU["D"], t) for t in T[::111]])
    np.testing.assert_allclose(together[::111], singles, rtol=1e-13, atol=0)


def test_zero_temperature_and_shapes():
    el, ph = FreeElectronGas(CU_N), _debye(CU_N, CU["rho"], CU["v_s"])
    assert momentum_relaxation_rate(el, ph, CU["D"], 0.0) == 0.0
    assert transport_rate_averaged(el, ph, CU["D"], 0.0) == 0.0
    # an electron above E_F at T = 0 emits phonons (final states empty): positive rate
    assert quasiparticle_scattering_rate(el, ph, CU["D"], 0.0, energy=1.01 * el.E_F) > 0
    T = np.full((2, 3), 100.0)
    assert momentum_relaxation_rate(el, ph, CU["D"], T).shape == (2, 3)
    assert isinstance(resistivity(el, ph, DeformationPotential(CU["D"]), 100.0), float)


def test_golden_rule_bad_input():
    el, ph = FreeElectronGas(CU_N), _debye(CU_N, CU["rho"], CU["v_s"])
    with pytest.raises(ValueError, match="T = -1"):
        momentum_relaxation_rate(el, ph, CU["D"], [300.0, -1.0])
    with pytest.raises(ValueError, match="energy = 0"):
        momentum_relaxation_rate(el, ph, CU["D"], 300.0, energy=0.0)
    with pytest.raises(ValueError, match="faster than sound"):  # m v_s²/2 ≈ 6e-23 J for copper
        momentum_relaxation_rate(el, ph, CU["D"], 300.0, energy=1e-23)
    with pytest.raises(ValueError, match="D = nan"):
        DeformationPotential(float("nan"))
    tight_binding = TightBinding(Lattice.sc(3e-10), c.e, electrons_per_cell=1.0)  # no Fermi sphere
    with pytest.raises(ValueError, match=r"electrons\.domain = TetrahedronBZ"):
        momentum_relaxation_rate(tight_binding, ph, CU["D"], 300.0)
    with pytest.raises(ValueError, match="mass"):
        momentum_relaxation_rate(el, DebyeModel(343.0, CU_N), CU["D"], 300.0)
    with pytest.raises(ValueError, match="T = nan"):
        resistivity(el, ph, CU["D"], float("nan"))
    with pytest.raises(TypeError, match="electrons"):
        momentum_relaxation_rate(object(), ph, CU["D"], 300.0)
    with pytest.raises(TypeError, match="coupling"):
        momentum_relaxation_rate(el, ph, "10 eV", 300.0)


def test_every_temperature_from_zero_to_1e300():
    """T = 0, 1e-300 ... 1e300 K: finite rates (never NaN), each against its closed-form limit.

    Before: NaN at T = 1e-300 (1/(k_B T) overflowed, 0 × inf), NaN for the window average at
    T = 1e300 (x n(n + 1) with x underflowed) and inf for the rates. D = 1 meV keeps the rate at
    1e290 K below the largest double. High T (>= 1e10 K = 1e7 T_BG): the closed form ∝ T, to
    O((v_s/v_F)²) ~ 1e-5 (the (T_BG/T)² term is gone). Low T (<= 1e-3 K): the T⁵ / T³ laws to the
    same order, also far below the resolved range (scaled from T_ref), down to where they underflow.
    """
    el, ph = FreeElectronGas(CU_N), _debye(CU_N, CU["rho"], CU["v_s"])
    D = 1e-3 * c.e
    args = (D, el.m, el.k_F, CU["rho"], ph.domain.velocity)
    tol = 2 * (ph.domain.velocity / el.v_F) ** 2 + 1e-10
    T = np.array([0.0, 1e-300, 1e-200, 1e-100, 1e-50, 1e-30, 1e-20, 1e-10, 1e-3, 1e10, 1e100, 1e200, 1e290])
    low, high = (T > 0) & (T <= 1e-3), T >= 1e10
    for func, loop in ((momentum_relaxation_rate, kernels.transport_rate_fermi_level_low_T_loop),
                       (quasiparticle_scattering_rate, kernels.quasiparticle_rate_low_T_loop),
                       (transport_rate_averaged, kernels.bloch_gruneisen_transport_rate_low_T_loop)):
        got = func(el, ph, D, T, cutoff=False)
        assert np.all(np.isfinite(got)) and got[0] == 0.0, func.__name__
        book = _kernel(loop, T[low], args)
        representable = book > 1e-290  # below, the law itself underflows: the rate must too
        np.testing.assert_allclose(got[low][representable], book[representable], rtol=tol, atol=0)
        assert np.all(got[low][~representable] <= 1e-280)
        hot = _kernel(kernels.deformation_potential_rate_high_T_loop, 1e10, args)[0] * (T[high] / 1e10)  # ∝ T
        np.testing.assert_allclose(got[high], hot, rtol=tol, atol=0)
    # the resistivity is representable at 1e300 K although the rate (~6e311 1/s at D = 10 eV) is not
    rho_el = resistivity(el, ph, CU["D"], np.array([1e200, 1e300]), cutoff=False)
    hot = _kernel(kernels.deformation_potential_rate_high_T_loop, 1e200, (CU["D"], *args[1:]))[0]
    np.testing.assert_allclose(rho_el, el.m * hot / (CU_N * c.e**2) * np.array([1.0, 1e100]), rtol=tol)
    with pytest.raises(ValueError, match=r"T = 1e\+300 K .*largest double"):
        momentum_relaxation_rate(el, ph, CU["D"], 1e300, cutoff=False)


def test_extreme_couplings_energies_and_options_raise_value_or_type_errors():
    """Before: OverflowError from D = 1e300 and energy = 1e300 (Python floats squared), inf from
    D = 1e150, cutoff = "no" accepted as True, angular_order = 10**6 not bounded."""
    el, ph = FreeElectronGas(CU_N), _debye(CU_N, CU["rho"], CU["v_s"])
    for D in (1e300, 1e150, DeformationPotential(1e300)):
        with pytest.raises(ValueError, match="largest double"):
            momentum_relaxation_rate(el, ph, D, 300.0)
    # energy = 1e300 J: a finite rate (k ~ 1e169 1/m, forward scattering only)
    assert np.isfinite(momentum_relaxation_rate(el, ph, CU["D"], 300.0, energy=1e300))
    with pytest.raises(TypeError, match="cutoff"):
        momentum_relaxation_rate(el, ph, CU["D"], 300.0, cutoff="no")
    with pytest.raises(ValueError, match="angular_order = 1000000"):
        transport_rate_averaged(el, ph, CU["D"], 300.0, angular_order=10**6)
    with pytest.raises(ValueError, match="radial_order = 0"):
        resistivity(el, ph, CU["D"], 300.0, radial_order=0)
