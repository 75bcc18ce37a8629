"""α²F, α²F_tr and λ of tight-binding bands with spring-model phonons (numeric.eliashberg_function,
section "lattice"): the tetrahedron double delta over every q of the mesh.

References, none of them the integrator's own output:

* low filling: the free-electron λ = N(E_F) D²/(ρ v_L²) (closed-form kernel of derivation
  ``eliashberg_function_free_electron`` at q_c = 2k_F) with the band's effective mass and the
  longitudinal sound velocity of an elastically isotropic fcc spring model (k2 = k1/4: C11 − C12 = 2C44);
  the error falls with the filling (printed); λ_tr -> λ there too (q_c = 2k_F: (q_c/2k_F)² = 1);
* tetrahedra and smearing agree; the sum-rule normalised and the raw λ agree to the sum-rule error;
* the moments of the binned α²F (numeric.superconductivity.eliashberg_moments, a trapezoid integrator)
  reproduce λ, ω_log, ⟨ω²⟩ of the q-node sums;
* the optimised "product" path (compiled first-zone folding, compiled phonon modes on one q per orbit
  of the point group, real FFTs, one compiled α²F binning) equals a direct computation: the double sums
  Σ_k w_k w_{k+q} q by q, LAPACK modes of the public ``modes``, numpy folding and binning; and each
  compiled piece equals its numpy twin.

Runtime: ~10 s with ``-n 0``.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from scipy.constants import atomic_mass

import numeric.eliashberg_function as a2f
from numeric.electrons import FreeElectronGas, TightBinding
from numeric.eliashberg_function import (
    LatticeEliashberg,
    _first_zone,
    coupling_constant_free_electron,
    lattice_eliashberg,
)
from numeric.lattice import Lattice
from numeric.springs import SpringModel
from numeric.superconductivity import eliashberg_moments
from numeric.tetrahedron import TetrahedronMesh, delta_weights

EV = 1.602176634e-19
FCC = Lattice.fcc(3.6e-10)
SPRINGS = SpringModel.with_debye_temperature(FCC, 63.5 * atomic_mass, 340.0, 0.25)   # isotropic
D = 5.0 * EV


def free_lambda(tb: TightBinding, transport: bool = False) -> float:
    k_F = (3.0 * math.pi**2 * tb.n) ** (1.0 / 3.0)
    v_L = float(SPRINGS.sound_velocities([[1.0, 0.0, 0.0]])[0, -1])
    return coupling_constant_free_electron(D, tb.effective_mass, k_F, SPRINGS.mass_density, v_L, 2.0 * k_F,
                                           transport=transport)


def test_springs_are_isotropic():
    v = SPRINGS.sound_velocities([[1.0, 0.0, 0.0], [1.0, 1.0, 1.0], [1.0, 1.0, 0.0], [0.3, 0.5, 0.8]])
    assert np.allclose(v, v[0], rtol=1e-12)


def test_low_filling_reaches_the_free_electron_lambda():
    # measured (mesh 24): filling 0.1: λ/λ_free = 1.96, 0.03: 1.34, 0.01: 1.13, 0.003: 1.02 (band and
    # phonon dispersion beyond the parabola and the sound cone, ∝ (k_F a)² and (2k_F a)²)
    fillings = [0.03, 0.01, 0.003]
    errors = []
    for fill in fillings:
        tb = TightBinding(FCC, 0.5 * EV, electrons_per_cell=fill)
        res = lattice_eliashberg(tb, SPRINGS, D, mesh=24, progress=False)
        errors.append(res.lam / free_lambda(tb) - 1.0)
        if fill == fillings[-1]:
            assert res.lam_tr / free_lambda(tb, transport=True) == pytest.approx(1.0, abs=0.08)
    print(f"\nλ/λ_free − 1 at fillings {fillings}: {np.round(errors, 4)}")
    assert errors[0] > errors[1] > abs(errors[2])
    assert abs(errors[2]) < 0.05


@pytest.fixture(scope="module")
def moderate() -> tuple[TightBinding, LatticeEliashberg]:
    tb = TightBinding(FCC, 0.5 * EV, electrons_per_cell=0.3)
    return tb, lattice_eliashberg(tb, SPRINGS, D, mesh=16, progress=False)


def test_methods_agree(moderate):
    tb, res = moderate
    fine = lattice_eliashberg(tb, SPRINGS, D, mesh=32, progress=False)
    per_q = lattice_eliashberg(tb, SPRINGS, D, mesh=16, method="tetrahedron", progress=False)
    smeared = lattice_eliashberg(tb, SPRINGS, D, mesh=16, method="smearing", width=0.25 * EV, progress=False)
    print(f"\nλ: product {res.lam:.5f} (32³: {fine.lam:.5f}), tetrahedron per q {per_q.lam:.5f} "
          f"(raw {per_q.lam_raw:.5f}, sum rule {per_q.sum_rule:.4f}), smearing {smeared.lam:.5f}")
    # measured: λ 0.4076 (32³: 0.4085), per q 0.4045, smearing 0.4143 (its bias at 0.25 eV, O(width²))
    assert fine.lam == pytest.approx(res.lam, rel=5e-3)
    for other in (per_q, smeared):
        assert other.lam == pytest.approx(fine.lam, rel=0.03)
        assert other.lam_tr == pytest.approx(fine.lam_tr, rel=0.05)
    assert per_q.lam_raw == pytest.approx(per_q.lam, rel=abs(per_q.sum_rule - 1.0) + 1e-12)
    assert per_q.sum_rule == pytest.approx(1.0, abs=0.03)
    assert res.sum_rule == pytest.approx(1.0, abs=1e-12) and res.lam_raw == pytest.approx(res.lam, rel=1e-12)
    assert smeared.sum_rule == pytest.approx(1.0, abs=1e-9)                  # smeared DOS, 9-width cut


def test_binned_spectrum_has_the_node_moments(moderate):
    _, res = moderate
    mom = eliashberg_moments(res.omega, res.a2F)
    assert mom.lam == pytest.approx(res.lam, rel=0.02)
    assert mom.omega_log == pytest.approx(res.omega_log, rel=0.02)
    assert mom.omega2_mean == pytest.approx(res.omega2_mean, rel=0.01)
    assert np.all(res.a2F >= 0.0) and np.all(res.a2F_tr >= 0.0)
    assert 0.0 < res.omega_log < math.sqrt(res.omega2_mean) < SPRINGS.frequency_bound
    assert res.dos_fermi == pytest.approx(float(TightBinding(FCC, 0.5 * EV, electrons_per_cell=0.3).dos(
        TightBinding(FCC, 0.5 * EV, electrons_per_cell=0.3).fermi_level, mesh=16)) / 2.0, rel=1e-9)


def test_lambda_scales_as_D_squared(moderate):
    tb, res = moderate
    assert lattice_eliashberg(tb, SPRINGS, 2 * D, mesh=16, progress=False).lam == pytest.approx(4 * res.lam,
                                                                                                 rel=1e-12)


@pytest.mark.parametrize("lattice", [FCC, Lattice.bcc(3e-10), Lattice.sc(3e-10), Lattice.square(3e-10),
                                     Lattice(np.array([[3e-10, 0.0], [-1.5e-10, 1.5e-10 * math.sqrt(3)]]))])
def test_first_zone_is_the_nearest_image(lattice):
    # q in the first BZ: |q − G| minimal over all G of a brute-force box of reciprocal-lattice vectors
    q, _ = lattice.monkhorst_pack(9)
    folded = _first_zone(lattice, q)
    G = np.array(list(itertools.product(range(-3, 4), repeat=lattice.dim)), float) @ lattice.reciprocal
    nearest = np.min(np.linalg.norm(q[:, None, :] - G[None], axis=-1), axis=1)
    assert np.allclose(np.linalg.norm(folded, axis=1), nearest, rtol=1e-12, atol=0.0)
    frac = (q - folded) @ lattice.primitive.T / (2 * math.pi)          # q − folded is a G
    assert np.allclose(frac, np.round(frac), atol=1e-9)


TRIANGULAR = Lattice(np.array([[3e-10, 0.0], [-1.5e-10, 1.5e-10 * math.sqrt(3)]]), name="triangular")
LATTICES = [FCC, Lattice.bcc(3e-10), Lattice.sc(3e-10), Lattice.square(3e-10), TRIANGULAR]


def springs_of(lattice: Lattice) -> SpringModel:
    ratio = {"fcc": 0.25, "triangular": 0.0}.get(lattice.name, 0.4)
    return SpringModel.with_debye_temperature(lattice, 50 * atomic_mass, 300.0, ratio)


@pytest.mark.parametrize("lattice", LATTICES)
def test_compiled_first_zone_is_the_numpy_one_bit_for_bit(lattice):
    # the same ties on the zone boundary (they decide the umklapp sign of q·e), hence the same λ
    for n in ([7, 12] if lattice.dim == 3 else [9, 48, 96]):
        k, _ = lattice.monkhorst_pack(n)
        assert np.array_equal(a2f._first_zone_compiled(lattice, k), _first_zone(lattice, k))


@pytest.mark.parametrize("lattice", [*LATTICES, Lattice.chain(2e-10)])
def test_compiled_modes_equal_lapack(lattice):
    springs = springs_of(lattice)
    k, _ = lattice.monkhorst_pack(12 if lattice.dim == 3 else 40 if lattice.dim == 2 else 64)
    q = _first_zone(lattice, k)
    q = np.concatenate([q, 1e-9 * q[1:20], 1e-300 * q[1:4]])            # long waves down to subnormal
    omega, e = springs.modes(q)
    omega_c, e_c = springs._modes_unchecked(q)
    top = np.maximum(omega.max(axis=1), 1e-300)[:, None]
    assert np.allclose(omega_c / top, omega / top, rtol=0.0, atol=1e-14)
    assert np.allclose(np.einsum("qji,qjk->qik", e_c, e_c), np.eye(lattice.dim), rtol=0.0, atol=1e-14)
    qe2, qe2_c = (np.einsum("qi,qis->qs", q, x) ** 2 for x in (e, e_c))
    size = np.maximum((q * q).sum(axis=1), 1e-300)[:, None]
    assert np.allclose(qe2_c.sum(axis=1) / size[:, 0], qe2.sum(axis=1) / size[:, 0], rtol=0.0, atol=1e-14)
    # branch by branch where the branches are apart (degenerate ones: another basis of the same subspace)
    apart = np.all(np.diff(omega, axis=1) > 1e-8 * top, axis=1) if lattice.dim > 1 else np.ones(len(q), bool)
    assert apart.mean() > 0.5
    assert np.allclose(qe2_c[apart] / size[apart], qe2[apart] / size[apart], rtol=0.0, atol=1e-12)


@pytest.mark.parametrize(("lattice", "n", "order"), [
    (FCC, 10, 48), (Lattice.bcc(3e-10), 9, 48), (Lattice.sc(3e-10), 8, 48), (Lattice.square(3e-10), 20, 8),
    (TRIANGULAR, 24, 12), (TRIANGULAR, 25, 12)])
def test_orbits_carry_the_modes(lattice, n, order):
    # one q per orbit of the point group (the first-zone representative mapped along: zone-boundary q whose
    # image is another member of its star stay apart); ω and (q·e)² of every q from its orbit's one
    P, Rt = a2f._point_group_fractional(lattice)
    assert len(P) == order and np.allclose(Rt @ np.swapaxes(Rt, 1, 2), np.eye(lattice.dim), atol=1e-12)
    a2f._GEOMETRY.clear()
    geo = a2f._geometry(lattice, n)
    reps, inverse = geo.orbits()                                        # built on first use
    assert geo.orbits()[0] is reps and a2f._geometry(lattice, n) is geo
    # the classes: the smallest valid image of each point (the definition, checked point by point)
    m = np.stack(np.unravel_index(np.arange(len(geo.q) + 1), geo.tm.divisions), -1)
    full = np.concatenate([np.zeros((1, lattice.dim)), geo.q])
    tol = 1e-9 * np.max(np.abs(lattice.reciprocal))
    for j in range(1, len(full), max(1, len(full) // 97)):
        images = np.ravel_multi_index(tuple(np.mod(m[j] @ P, geo.tm.divisions).T), geo.tm.divisions)
        valid = np.all(np.abs(full[j] @ Rt - full[images]) <= tol, axis=1)
        assert reps[inverse[j - 1]] + 1 == images[valid].min()
    assert len(reps) < len(geo.q) / (order / 4)
    springs = springs_of(lattice)
    omega, qe2 = a2f._mesh_modes(springs, geo)
    omega_all, e = springs.modes(geo.q)
    qe2_all = np.einsum("qi,qis->qs", geo.q, e) ** 2
    top = omega_all.max(axis=1)[:, None]
    assert np.allclose(omega / top, omega_all / top, rtol=0.0, atol=1e-14)
    for f in (lambda w: 1.0 / w**2, lambda w: 1.0 / w, lambda w: np.log(w)):   # λ, α²F, ω_log sums
        assert np.allclose((qe2 * f(omega)).sum(axis=1), (qe2_all * f(omega_all)).sum(axis=1), rtol=1e-12,
                           atol=0.0)
    assert np.allclose(np.linalg.norm(geo.q[reps][inverse], axis=1), np.linalg.norm(geo.q, axis=1),
                       rtol=1e-12, atol=0.0)


def test_node_sums_are_the_numpy_sums():
    # the one-pass q-node sums and binning of lattice_eliashberg against the numpy expressions
    rng = np.random.default_rng(11)
    nq, nb = 500, 3
    freq = rng.random((120, nb)) * 3.0
    freq[5, 0] = 0.0                                                    # a zero mode: left out
    qe2, rows = rng.random((120, nb)), rng.integers(0, 120, nq)
    dd, dd_tr = rng.random(nq + 1), rng.random(nq + 1)
    grid = np.linspace(0.0, 3.0, 201)
    lower, upper, sums = np.zeros((2, 201)), np.zeros((2, 201)), np.empty(6)
    a2f._node_sums(freq, np.log(np.where(freq > 0.0, freq, 1.0)), qe2, rows, dd, dd_tr, 1.5, 2.0, 0.7, 1.1,
                   grid, lower, upper, sums)
    f, g = freq[rows], qe2[rows]
    keep = f > 0.0
    g2 = 1.5 * g[keep] / (2.0 * 2.0 * f[keep])
    W_raw = (g2 * np.broadcast_to(dd[1:, None], f.shape)[keep] * 0.7)
    W = W_raw / 1.1
    W_tr = g2 * np.broadcast_to(dd_tr[1:, None], f.shape)[keep] * 0.7 / 1.1
    nodes = f[keep]
    ref = [(W_raw / nodes).sum(), (W / nodes).sum(), (np.log(nodes) * W / nodes).sum(), (nodes * W).sum(),
           (W_tr / nodes).sum(), nodes.max()]
    assert np.allclose(sums, ref, rtol=1e-14, atol=0.0)
    both = a2f._hat_binning_many(grid, nodes, np.stack([W, W_tr], -1))
    assert np.array_equal(a2f._hat_density(grid, lower, upper), both)


def test_compiled_binning_is_the_numpy_one_bit_for_bit():
    rng = np.random.default_rng(7)
    for grid in (np.linspace(0.0, 3.0, 201), np.concatenate([[0.0], np.geomspace(1e-6, 3.0, 120)]),
                 np.sort(rng.random(40)) * 3.0, np.array([0.5, 3.0])):
        nodes = np.concatenate([rng.random(3000) * 3.0, grid, np.nextafter(grid, -1.0)[1:]])
        weights = rng.random((nodes.size, 2))
        both = a2f._hat_binning_many(grid, nodes, weights)
        for c in range(2):
            assert np.array_equal(both[c], a2f._hat_binning(grid, nodes, weights[:, c]))


def direct_product(band: TightBinding, springs: SpringModel, D: float, n: int) -> dict:
    """λ, λ_tr, ω_log, ⟨ω²⟩, α²F of the "product" method without FFT, caches or compiled phonons: the
    double sums Σ_k w_k w_{k+q} q by q (np.roll), LAPACK modes, numpy folding and binning."""
    lattice = band.lattice
    scale = band.domain.energy_scale
    tm = TetrahedronMesh(lattice, n)
    eps = band.energies(tm.k) / scale
    ef = band.fermi_level / scale
    v = band.velocities(tm.k)
    v = v / np.max(np.abs(v))
    n_f = float(tm.density(eps, ef)) / scale
    count = tm.k.shape[0]
    shape = tm.divisions
    w = delta_weights(tm, eps, ef).reshape(shape)
    vv = v.reshape(*shape, lattice.dim)
    v2 = (vv * vv).sum(axis=-1)
    dd, dd_tr, dd_v2 = np.empty(count), np.empty(count), np.empty(count)
    for iq, shift in enumerate(itertools.product(range(n), repeat=lattice.dim)):
        axes = tuple(range(lattice.dim))
        w_q = np.roll(w, [-s for s in shift], axis=axes)                  # w_{k+q} at k
        v_q = np.roll(vv, [-s for s in shift], axis=axes)
        dd[iq] = count * (w * w_q).sum()
        dd_tr[iq] = count * (w * w_q * ((vv - v_q) ** 2).sum(axis=-1)).sum()
        dd_v2[iq] = count * (w * w_q * v2).sum()
    v2_fs = dd_v2.sum() / dd.sum()
    dd, dd_tr = dd / scale**2, dd_tr / (2.0 * v2_fs) / scale**2
    q = _first_zone(lattice, tm.k[1:])
    omega, e = springs.modes(q)
    qe2 = np.einsum("qi,qis->qs", q, e) ** 2
    # W_qν = (1/N)(1/N_q) |g|² D_dd/ħ with |g|² = ħ D² (q·e)²/(2 M ω)
    W = D**2 * qe2 / (2.0 * springs.mass * omega) * dd[1:, None] / (n_f * count)
    W_tr = D**2 * qe2 / (2.0 * springs.mass * omega) * dd_tr[1:, None] / (n_f * count)
    sum_rule = dd.mean() / n_f**2
    if lattice.dim == 2:                                                 # q = 0: the long-wave limit
        phi = (np.arange(64) + 0.5) * (2.0 * math.pi / 64)
        dirs, wts = np.stack([np.cos(phi), np.sin(phi)], -1), np.full(64, 1.0 / 64)
    else:
        phi = (np.arange(32) + 0.5) * (2.0 * math.pi / 32)
        x, wx = np.polynomial.legendre.leggauss(16)
        st = np.sqrt(1.0 - x * x)
        dirs = np.stack([st[:, None] * np.cos(phi), st[:, None] * np.sin(phi),
                         np.broadcast_to(x[:, None], (16, 32))], -1).reshape(-1, 3)
        wts = np.broadcast_to(wx[:, None] / 64.0, (16, 32)).reshape(-1)
    small = 1e-6 * np.min(np.linalg.norm(lattice.reciprocal, axis=1)) * dirs
    om0, e0 = springs.modes(small)
    long_wave = wts @ ((np.einsum("qi,qis->qs", small, e0) ** 2) / om0**2).sum(axis=1)
    lam_raw = 2.0 * (W / omega).sum() + D**2 * long_wave * dd[0] / (springs.mass * n_f * count)
    lam_nodes = 2.0 * (W / omega).sum() / sum_rule
    grid = np.linspace(0.0, springs.frequency_bound, 201)
    return {"lam": lam_raw / sum_rule, "lam_raw": lam_raw, "lam_tr": 2.0 * (W_tr / omega).sum() / sum_rule,
            "omega_log": math.exp(2.0 * (np.log(omega) * W / omega).sum() / sum_rule / lam_nodes),
            "omega2_mean": 2.0 * (omega * W).sum() / sum_rule / lam_nodes, "sum_rule": sum_rule,
            "a2F": a2f._hat_binning(grid, omega.ravel(), W.ravel() / sum_rule),
            "a2F_tr": a2f._hat_binning(grid, omega.ravel(), W_tr.ravel() / sum_rule)}


@pytest.mark.parametrize(("lattice", "n", "fill"), [(TRIANGULAR, 18, 0.8), (TRIANGULAR, 13, 1.3),
                                                     (Lattice.square(3e-10), 16, 0.6), (FCC, 6, 0.3),
                                                     (Lattice.bcc(3e-10), 5, 1.0)])
def test_product_equals_the_direct_sums(lattice, n, fill):
    band = TightBinding(lattice, 1.0 * EV, electrons_per_cell=fill)
    springs = springs_of(lattice)
    ref = direct_product(band, springs, 3.0 * EV, n)
    for _ in range(2):                  # the mesh geometry cached or not; the second call on q orbits
        res = lattice_eliashberg(band, springs, 3.0 * EV, mesh=n, progress=False)
        for name, value in ref.items():
            got = getattr(res, name)
            scale = np.max(np.abs(value))
            assert np.allclose(got / scale, value / scale, rtol=0.0, atol=1e-13), name


def test_validation():
    tb = TightBinding(FCC, 0.5 * EV, electrons_per_cell=0.3)
    with pytest.raises(ValueError, match="mesh"):
        lattice_eliashberg(tb, SPRINGS, D, mesh=1)
    with pytest.raises(ValueError, match="width"):
        lattice_eliashberg(tb, SPRINGS, D, mesh=4, method="smearing")
    with pytest.raises(ValueError, match="method"):
        lattice_eliashberg(tb, SPRINGS, D, mesh=4, method="gauss")
    with pytest.raises(ValueError, match="TetrahedronBZ"):
        lattice_eliashberg(FreeElectronGas.copper(), SPRINGS, D, mesh=4)
    with pytest.raises(ValueError, match="lattice"):
        lattice_eliashberg(tb, SpringModel(Lattice.fcc(4e-10), 1e-25, 10.0), D, mesh=4)
    with pytest.raises(TypeError, match="progress"):
        lattice_eliashberg(tb, SPRINGS, D, mesh=4, progress="yes")
    with pytest.raises(ValueError, match="omega"):
        lattice_eliashberg(tb, SPRINGS, D, mesh=4, omega=[0.0, 1.0], progress=False)
    with pytest.raises(TypeError, match="phonons"):
        lattice_eliashberg(tb, object(), D, mesh=4)
