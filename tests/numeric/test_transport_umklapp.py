"""Umklapp processes of the golden-rule integrator (numeric.transport, processes= and umklapp_fraction).

Independent reference: the Fermi-window-averaged transport rate written out from its textbook form
in spherical coordinates of the momentum change Q = k' − k (Gauss-Legendre in cos θ and φ over
one octant, the models are cubic), every radius split at the first-zone boundary
(``Lattice.ws_boundary_distance``) and ending at the kinematic limit found by bisection here:

    <1/τ_tr>/D² = (m/(8π²ħ³k)) Σ_λ,± ∫ d³Q ħ(Q·e_λ)²/(2ρω_λ) x n(n + 1) (1 − cos θ_±)/Q,

x = ħω_λ(Q)/k_BT, 1 − cos θ_± = (Q² − (k − k'_±)²)/(2kk'_±), k'_±² = k² ± 2mω_λ/ħ, allowed where
Q² ∓ 2mω_λ/ħ <= 2kQ. Nothing of the integrator's cones, panels, limits or weights is used; only
the model's modes, which are periodic (ω(Q) = ω(Q − G)). The part with Q outside the first zone is
the umklapp part.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.constants as c

from numeric.electrons import FreeElectronGas
from numeric.lattice import Lattice
from numeric.springs import SpringModel
from numeric.transport import resistivity, transport_rate_averaged, umklapp_fraction

M_K = 39.0983 * c.atomic_mass
A_K = 5.23e-10


def _potassium() -> tuple[SpringModel, FreeElectronGas]:
    """Free electrons (Z = 1) in bcc potassium on springs fitted to Θ_D(0) = 91 K."""
    bcc = Lattice.bcc(A_K)
    return SpringModel.with_debye_temperature(bcc, M_K, 91.0, 0.25), FreeElectronGas(2 / A_K**3, c.m_e)


def _kinematic_limit(model, unit, k, m, sign):
    """Q where Q² − sign 2mω_λ(Q)/ħ = 2kQ, per direction and branch, by bisection (shape (R, 3))."""
    lo = np.full((len(unit), 3), 0.5 * k)
    hi = np.full((len(unit), 3), 2.2 * k)
    for _ in range(70):
        mid = 0.5 * (lo + hi)
        omega = model.frequencies(mid[..., None] * unit[:, None, :])       # (R, 3 points, 3 branches)
        w = np.take_along_axis(omega, np.arange(3)[None, :, None], -1)[..., 0]
        inside = mid**2 - sign * 2.0 * m * w / c.hbar <= 2.0 * k * mid
        lo, hi = np.where(inside, mid, lo), np.where(inside, hi, mid)
    return 0.5 * (lo + hi)


def _spherical_reference(model, electrons, T, order):
    """(normal, umklapp) window-averaged transport rates per D² = 1 J², spherical coordinates."""
    m, k = electrons.m, electrons.k_F
    x, w = np.polynomial.legendre.leggauss(order)
    u, wu = 0.5 * (x + 1.0), 0.5 * w                                       # cos θ in [0, 1]
    phi, wphi = 0.25 * math.pi * (x + 1.0), 0.25 * math.pi * w             # φ in [0, π/2]
    cos_t, ph = np.meshgrid(u, phi, indexing="ij")
    sin_t = np.sqrt(1.0 - cos_t**2)
    unit = np.stack([sin_t * np.cos(ph), sin_t * np.sin(ph), cos_t], -1).reshape(-1, 3)
    w_dir = 8.0 * np.outer(wu, wphi).reshape(-1)                           # the eight octants
    boundary = model.lattice.ws_boundary_distance(unit)                    # (R,)
    rho = model.mass / model.cell_volume
    xr, wr = np.polynomial.legendre.leggauss(24)
    xr, wr = 0.5 * (xr + 1.0), 0.5 * wr
    kT = c.k * np.asarray(T, dtype=float)
    parts = np.zeros((2, kT.size))
    for sign in (-1.0, 1.0):
        q_lim = _kinematic_limit(model, unit, k, m, sign)                  # (R, 3)
        edge = np.broadcast_to(boundary[:, None], q_lim.shape)
        pieces = ((0.0 * q_lim, np.minimum(q_lim, edge)), (edge, np.maximum(q_lim, edge)))
        for part, (a, b) in enumerate(pieces):
            Q = a[..., None] + (b - a)[..., None] * xr                     # (R, 3 branches, n)
            wQ = (b - a)[..., None] * wr * Q**2 * w_dir[:, None, None]
            vec = Q[..., None] * unit[:, None, None, :]
            omega, e = model.modes(vec.reshape(-1, 3))
            branch = np.broadcast_to(np.arange(3)[None, :, None], Q.shape).reshape(-1)
            rows = np.arange(branch.size)
            om = omega[rows, branch].reshape(Q.shape)
            qe = np.einsum("pi,pi->p", vec.reshape(-1, 3), e[rows, :, branch]).reshape(Q.shape)
            kp = np.sqrt(k**2 + sign * 2.0 * m * om / c.hbar)
            weight = (Q**2 - (k - kp) ** 2) / (2.0 * k * kp)
            g = c.hbar * qe**2 / (2.0 * rho * om) * weight / Q * wQ
            xx = c.hbar * om.reshape(-1)[None, :] / kT[:, None]
            occ = xx / (4.0 * np.sinh(0.5 * xx) ** 2)
            parts[part] += m / (8.0 * math.pi**2 * c.hbar**3 * k) * (occ @ g.reshape(-1))
    return parts


@pytest.fixture(scope="module")
def potassium_reference():
    model, el = _potassium()
    T = np.array([4.0, 20.0, 100.0])
    return model, el, T, _spherical_reference(model, el, T, 56), _spherical_reference(model, el, T, 80)


def test_normal_plus_umklapp_equals_the_spherical_quadrature(potassium_reference):
    """N + U (smooth across the zone boundary) and U alone (a kink where the boundary facets meet:
    the two reference sizes bound its quadrature error) against the independent integral."""
    model, el, T, ref, finer = potassium_reference
    spread = np.abs(ref - finer) / finer                 # the reference's own error, ~3e-5 and 4e-5
    assert np.all(spread < 1e-4)
    total = transport_rate_averaged(el, model, 1.0, T, processes="all")
    np.testing.assert_allclose(total, finer.sum(0), rtol=3 * spread.max(), atol=0)
    umklapp = transport_rate_averaged(el, model, 1.0, T, processes="umklapp")
    np.testing.assert_allclose(umklapp, finer[1], rtol=3 * spread.max(), atol=0)
    np.testing.assert_allclose(umklapp_fraction(el, model, T), finer[1] / finer.sum(0),
                               rtol=3 * spread.max(), atol=0)


def test_processes_add_up():
    model, el = _potassium()
    T = np.array([2.0, 30.0, 300.0])
    parts = [resistivity(el, model, 1.0, T, processes=p) for p in ("normal", "umklapp", "all")]
    np.testing.assert_allclose(parts[0] + parts[1], parts[2], rtol=1e-14, atol=0)
    assert np.all(parts[1] > 0)


def test_umklapp_freezes_out_with_the_smallest_umklapp_phonon():
    """ln U(T) → −ħω_min/(k_BT) as T → 0, ω_min the softest phonon at the edge of the umklapp region
    (found here by scanning the kinematic sphere near the shortest G, bcc [110]): the fitted
    activation temperature of U on 0.2–0.5 K (with the linear prefactor term) matches it
    (13.53 K against 13.40 K)."""
    model, el = _potassium()
    T = np.linspace(0.2, 0.5, 7)
    U = transport_rate_averaged(el, model, 1.0, T, processes="umklapp")
    act = -np.gradient(np.log(U), 1.0 / T)             # = T* + p T for U ∝ T^p exp(−T*/T)
    T_star = np.polyfit(T, act, 1)[1]
    G = 2 * math.pi / A_K * np.array([1.0, 1.0, 0.0])
    g = G / np.linalg.norm(G)
    t1 = np.cross(g, [0.0, 0.0, 1.0])
    t2 = np.cross(g, t1)
    s = np.linspace(-0.08, 0.08, 81)
    a, b = np.meshgrid(s, s)
    unit = g + a.reshape(-1, 1) * t1 + b.reshape(-1, 1) * t2
    unit /= np.linalg.norm(unit, axis=1, keepdims=True)
    q_lim = _kinematic_limit(model, unit, el.k_F, el.m, -1.0).max(axis=1)   # emission: the shorter
    q_lim = np.maximum(q_lim, _kinematic_limit(model, unit, el.k_F, el.m, 1.0).max(axis=1))
    omega_min = model.frequencies(q_lim[:, None] * unit).min()
    print(f"T* = {T_star:.3f} K, ħω_min/k_B = {c.hbar * omega_min / c.k:.3f} K")
    assert T_star == pytest.approx(c.hbar * omega_min / c.k, rel=0.02)


def test_no_umklapp_inside_the_zone():
    """A dilute gas, 2k_F + k_s smaller than the shortest boundary distance: U = 0 at every T."""
    model, _ = _potassium()
    dilute = FreeElectronGas(2 / A_K**3 / 30.0, c.m_e)
    assert 2.05 * dilute.k_F < model.lattice.ws_boundary_distance(np.array([[1.0, 1.0, 0.0]]))[0]
    f = umklapp_fraction(dilute, model, [0.0, 1.0, 100.0, 1e4])
    assert np.all(f == 0.0)


def test_fraction_limits_and_errors():
    model, el = _potassium()
    assert umklapp_fraction(el, model, 0.0) == 0.0
    assert umklapp_fraction(el, model, [0.05])[0] < 1e-12
    with pytest.raises(ValueError, match="processes = 'both'"):
        resistivity(el, model, 1.0, 10.0, processes="both")
    from numeric.phonons import DebyeModel
    debye = DebyeModel(91.0, 2 / A_K**3, M_K)
    with pytest.raises(ValueError, match="Debye-sphere"):
        resistivity(el, debye, 1.0, 10.0, processes="umklapp")
    with pytest.raises(ValueError, match="phonons is outside the valid range"):
        umklapp_fraction(el, debye, 10.0)
    trivalent = FreeElectronGas(6 / A_K**3, c.m_e)                      # the sphere reaches G
    with pytest.raises(ValueError, match="reach the reciprocal lattice vector"):
        umklapp_fraction(trivalent, model, 10.0)
    with pytest.raises(TypeError, match="transport must be a bool"):
        umklapp_fraction(el, model, 10.0, transport="yes")
