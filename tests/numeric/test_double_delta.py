"""The double-delta integrator of numeric.tetrahedron: δ(ε_k − E) δ(ε_{k+q} − E) by linear tetrahedra
(triangles in 2D) and by Gaussian smearing, and the nesting function ξ(q) of a lattice band.

References, none of them the integrator's own output:

* one simplex: ∫ dc ∫ δ(ε) δ(ε' − c) = ∫ δ(ε), the single-delta DOS of the same simplex (BJA appendix A,
  :meth:`TetrahedronMesh.density`), integrated over c by scipy quad;
* 2D square-lattice band: the exact double delta (1/(2π)²) Σ_P 1/|∇ε × ∇ε'| over the points P where the
  two Fermi lines cross, found by root finding on the Fermi line (scipy brentq), against which the
  tetrahedron result converges (order ~1 at a fixed q: a point evaluation of the interpolated
  gradients; fitted, printed) and the smearing result as the width goes to 0 with the mesh refined;
* 3D simple-cubic band: the same crossing sums on slices of fixed k_z, integrated over k_z by scipy
  quad; the tetrahedron result converges with a fitted order ~2.4 (printed);
* 3D low filling: the free-electron closed form ξ = m*²/(4π²ħ⁴q) (kernel of derivation
  ``nesting_function_sphere``) with the band's effective mass, reached as the filling goes to 0
  (error ∝ (k_F a)², printed and fitted);
* the sum rule (1/N_q) Σ_q D_dd(q) = D(E)², exact for smearing, to the discretisation of the
  singular q -> 0 region for tetrahedra; symmetries ξ(−q) = ξ(q), ξ(q + G) = ξ(q) (hypothesis).

Runtime: ~10 s with ``-n 0`` (measured 9 s with the numba cache warm).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.constants import hbar
from scipy.integrate import quad
from scipy.optimize import brentq

from numeric.electrons import TightBinding
from numeric.eliashberg_function import nesting_function, nesting_function_sphere
from numeric.lattice import Lattice
from numeric.tetrahedron import (
    TetrahedronMesh,
    _dd_simplex,
    _simplex_sums,
    delta_weights,
    double_delta_on_mesh,
    double_delta_weights,
    lattice_nesting_function,
)

EV = 1.602176634e-19
SQUARE = Lattice.square(1.0)
SC = Lattice.sc(1.0)


def fitted_order(n: list[int], err: list[float]) -> float:
    """Slope of log(err) against log(1/n) (the convergence order in the mesh spacing)."""
    return float(np.polyfit(np.log(1.0 / np.asarray(n, float)), np.log(np.asarray(err)), 1)[0])


# ---------------------------------------------------------------- one simplex
@pytest.mark.parametrize("corners", [3, 4])
@pytest.mark.parametrize("seed", range(4))
def test_simplex_weights_integrate_to_the_single_delta(corners, seed):
    # ∫ dc Σ_j w_j(ε, ε' − c) over all c = ∫ δ(ε): the DOS of the simplex (reference volume 1/d!)
    rng = np.random.default_rng(seed)
    e = rng.normal(size=corners)
    e[0] = -abs(e[0])
    e[1] = abs(e[1])                                  # the surface ε = 0 cuts the simplex
    f = rng.normal(size=corners)
    w = np.empty(corners)

    def total(c: float) -> float:
        _dd_simplex(e, f - c, w)
        return float(w.sum())

    cuts = np.sort(f)
    integral = sum(quad(total, cuts[i], cuts[i + 1], limit=200, epsabs=1e-13)[0] for i in range(corners - 1))
    count, density = np.empty(1), np.empty(1)
    _simplex_sums(np.sort(e)[None, :], np.zeros(1), count, density)
    assert integral * math.factorial(corners - 1) == pytest.approx(density[0], rel=1e-5)   # quad near kinks


def test_parallel_gradients_give_no_weight():
    # ε' = ε + c: the two surfaces never meet (c != 0) or coincide (c = 0, an infinite double delta): 0
    w = np.empty(4)
    e = np.array([-1.0, 0.5, 1.0, 2.0])
    for c in (0.0, 0.3):
        _dd_simplex(e, e + c, w)
        assert not w.any()


# ---------------------------------------------------------------- 2D: exact reference
T2, E2 = 1.0, -0.7                                    # ε = −2(cos kx + cos ky), E = −0.7


def exact_square(q: np.ndarray, E: float = E2) -> float:
    """(1/(2π)²) Σ_P 1/|∇ε × ∇ε_{+q}| over the crossings P of the lines ε = E and ε(k + q) = E."""
    def eps(k):
        return -2.0 * (np.cos(k[0]) + np.cos(k[1]))

    def grad(k):
        return 2.0 * np.array([np.sin(k[0]), np.sin(k[1])])

    total = 0.0
    c_max = math.acos(max(-1.0, -E / 2.0 - 1.0))     # |kx| where cos ky = −E/2 − cos kx reaches −1
    for sign in (1.0, -1.0):
        def point(kx, sign=sign):
            return np.array([kx, sign * math.acos(np.clip(-E / 2.0 - math.cos(kx), -1.0, 1.0))])

        def g(kx, point=point):
            return eps(point(kx) + q) - E

        xs = np.linspace(-c_max, c_max, 4001)
        vals = np.array([g(x) for x in xs])
        for i in np.nonzero(np.sign(vals[:-1]) * np.sign(vals[1:]) < 0)[0]:
            root = brentq(g, xs[i], xs[i + 1], xtol=1e-15)
            k = point(root)
            a, b = grad(k), grad(k + q)
            total += 1.0 / abs(a[0] * b[1] - a[1] * b[0])
    return total / (2.0 * math.pi) ** 2


def dd_square(n: int, q: np.ndarray, method: str = "tetrahedron", width: float | None = None) -> float:
    mesh = TetrahedronMesh(SQUARE, n)
    eps = -2.0 * np.cos(mesh.k).sum(axis=1)
    eps_q = -2.0 * np.cos(mesh.k + q).sum(axis=1)
    return float(double_delta_weights(mesh, eps, eps_q, E2, method=method, width=width).sum())


Q2 = np.array([0.9, 0.4])


def test_2d_tetrahedron_converges_to_the_exact_double_delta():
    # In 2D the double delta at one q is a sum over the isolated crossings of two Fermi lines, each
    # weighted by 1/|∇ε × ∇ε'| with the gradients of the one triangle it falls in: linear interpolation
    # gets a gradient right to O(h) only, with a sign that changes from mesh to mesh. Measured
    # (relative): 32: −2.0e-2, 64: 1.6e-2, 128: 1.2e-2, 256: 2.1e-3, 512: −2.6e-3; order ~1.
    # (q-sums such as λ average these errors over many crossings.)
    ref = exact_square(Q2)
    meshes = [32, 64, 128, 256, 512]
    errors = [abs(dd_square(n, Q2) / ref - 1.0) for n in meshes]
    order = fitted_order(meshes, errors)
    print(f"\nexact {ref:.12g}; relative errors {dict(zip(meshes, errors, strict=True))}; order {order:.2f}")
    assert errors[-1] < 5e-3
    assert errors[-1] < errors[0] / 4
    assert 0.7 < order < 3.0


def test_2d_smearing_reaches_the_same_limit():
    # the smearing bias is O(width²) (a smooth joint density): halve the width, double the mesh
    ref = exact_square(Q2)
    runs = [(0.2, 128), (0.1, 256), (0.05, 512)]
    errors = [abs(dd_square(n, Q2, "smearing", w) / ref - 1.0) for w, n in runs]
    print(f"\nsmearing relative errors {errors}")
    assert errors[0] > errors[1] > errors[2]
    assert errors[2] < 0.02
    order = fitted_order([1 / w for w, _ in runs], errors)             # in the width
    assert 1.5 < order < 2.6


# ---------------------------------------------------------------- 3D: exact reference by slices
def crossing_sum(E1: float, E2: float, q: np.ndarray, samples: int) -> float:
    """(1/(2π)²) Σ 1/|∂(ε, ε')/∂(kx, ky)| over the crossings of ε(k) = E1 and ε(k + q) = E2 in the plane,
    ε = −2(cos kx + cos ky): the Fermi line parametrised by kx on its four branches, the crossings
    bracketed on ``samples`` points and polished by brentq."""
    c = -E1 / 2.0
    lo, hi = max(-1.0, c - 1.0), min(1.0, c + 1.0)
    if lo > hi:
        return 0.0
    ts = np.linspace(math.acos(hi), math.acos(lo), samples)
    total = 0.0
    for sx in (1.0, -1.0):
        for sy in (1.0, -1.0):
            def g(t, sx=sx, sy=sy):
                kx = sx * t
                ky = sy * np.arccos(np.clip(c - np.cos(kx), -1.0, 1.0))
                return -2.0 * (np.cos(kx + q[0]) + np.cos(ky + q[1])) - E2

            vals = g(ts)
            for i in np.nonzero(vals[:-1] * vals[1:] < 0)[0]:
                root = brentq(lambda t, g=g: float(g(t)), ts[i], ts[i + 1], xtol=1e-15)
                kx = sx * root
                ky = sy * math.acos(min(1.0, max(-1.0, c - math.cos(kx))))
                a, b = 2.0 * np.sin([kx, ky]), 2.0 * np.sin([kx + q[0], ky + q[1]])
                total += 1.0 / abs(a[0] * b[1] - a[1] * b[0])
    return total / (2.0 * math.pi) ** 2


def exact_sc(E: float, q: np.ndarray, samples: int) -> float:
    """(1/V_BZ) ∫ δ(ε_k − E) δ(ε_{k+q} − E) d³k of ε = −2 Σ cos k_i: slices of fixed k_z, each the 2D
    crossing sum with the energies moved by 2 cos k_z and 2 cos(k_z + q_z), integrated by scipy quad."""
    def f(kz: float) -> float:
        return crossing_sum(E + 2 * math.cos(kz), E + 2 * math.cos(kz + q[2]), q[:2], samples) / (2 * math.pi)

    return quad(f, -math.pi, math.pi, limit=400, epsabs=1e-12, epsrel=1e-10)[0]


def test_3d_tetrahedron_converges_to_the_exact_double_delta():
    # measured: reference 0.0273553 (1025 samples) / 0.0273585 (2001): ~1e-4 from roots missed near
    # tangencies; tetrahedron errors 16: 3.0e-2, 24: 1.0e-2, 32: 4.8e-3, 48: 2.0e-3 (64: 2e-4), order ~2.4
    E, q = -1.1, np.array([0.9, 0.4, 0.25])
    ref = exact_sc(E, q, 1025)
    meshes = [16, 24, 32, 48]
    errors = []
    for n in meshes:
        mesh = TetrahedronMesh(SC, n)
        eps = -2.0 * np.cos(mesh.k).sum(axis=1)
        eps_q = -2.0 * np.cos(mesh.k + q).sum(axis=1)
        errors.append(abs(double_delta_weights(mesh, eps, eps_q, E).sum() / ref - 1.0))
    order = fitted_order(meshes, errors)
    print(f"\nexact {ref:.8g}; relative errors {dict(zip(meshes, np.round(errors, 6), strict=True))}; "
          f"order {order:.2f}")
    assert errors[-1] < 4e-3
    assert 1.7 < order < 3.5


# ---------------------------------------------------------------- 3D: free-electron limit
def test_3d_low_filling_reaches_the_free_electron_nesting_function():
    # sc band, t = 1 eV: ξ(q)·(4π²ħ⁴q/m*²) -> 1 as the filling -> 0, error ∝ (k_F a)² (band curvature)
    a = 3e-10
    fillings = [0.05, 0.02, 0.01]
    errors, ka = [], []
    for fill in fillings:
        tb = TightBinding(Lattice.sc(a), 1.0 * EV, electrons_per_cell=fill)
        k_F = (3.0 * math.pi**2 * tb.n) ** (1.0 / 3.0)
        q = 0.5 * k_F
        ref = nesting_function_sphere(q, tb.effective_mass, k_F)
        xi = nesting_function(tb, [q / math.sqrt(2), q / math.sqrt(2), 0.0], mesh=48)
        errors.append(abs(xi / ref - 1.0))
        ka.append(k_F * a)
    slope = float(np.polyfit(np.log(ka), np.log(errors), 1)[0])
    print(f"\n(k_F a, |ξ/ξ_free − 1|): {list(zip(np.round(ka, 3), np.round(errors, 4), strict=True))}; "
          f"slope {slope:.2f}")
    # measured: (1.14, 0.357), (0.84, 0.167), (0.667, 0.114), slope 2.15
    assert all(err < 0.3 * x**2 + 0.03 for err, x in zip(errors, ka, strict=True))
    assert 1.5 < slope < 3.0


def test_free_electron_reference_is_independent():
    # the kernel against a direct geometric evaluation: ξ = (1/(2π)³) ∂²V_lens/∂E1∂E2, the volume of
    # {ε_k < E1, ε_{k+q} < E2} two overlapping spheres (mpmath differentiation at 30 digits)
    import mpmath

    m, k_F, q = 9.1e-31, 1.2e10, 0.7e10
    with mpmath.workdps(30):
        def lens(E1, E2):
            r1 = mpmath.sqrt(2 * m * E1) / hbar
            r2 = mpmath.sqrt(2 * m * E2) / hbar
            d = mpmath.mpf(q)
            return (mpmath.pi * (r1 + r2 - d) ** 2
                    * (d * d + 2 * d * r2 - 3 * r2 * r2 + 2 * d * r1 + 6 * r1 * r2 - 3 * r1 * r1) / (12 * d))

        E_F = (hbar * k_F) ** 2 / (2 * m)
        second = mpmath.diff(lens, (E_F, E_F), (1, 1))
        ref = float(second / (2 * mpmath.pi) ** 3)
    assert nesting_function_sphere(q, m, k_F) == pytest.approx(ref, rel=1e-9)


# ---------------------------------------------------------------- sum rule, parity of the two paths
@pytest.mark.parametrize("method, width, tol", [("tetrahedron", None, 0.03), ("smearing", 0.3, 1e-12)])
def test_sum_rule(method, width, tol):
    n = 16
    mesh = TetrahedronMesh(SC, n)
    eps = -2.0 * np.cos(mesh.k).sum(axis=1)
    E = -1.1
    shifts = np.stack(np.unravel_index(np.arange(n**3), (n, n, n)), -1)
    dd = double_delta_on_mesh(mesh, eps, E, shifts, method=method, width=width)[:, 0]
    if method == "tetrahedron":
        dos = mesh.density(eps, E)
        dd[0] = 0.0                                      # q = 0: coinciding surfaces, left out
    else:
        gauss = np.exp(-((eps - E) ** 2) / (2 * width**2))
        dos = float(gauss.sum() / (math.sqrt(2 * math.pi) * width * n**3))
    ratio = dd.mean() / dos**2
    print(f"\n{method}: (1/N_q) Σ_q D_dd / D² = {ratio:.6f}")
    assert ratio == pytest.approx(1.0, abs=tol)


def test_mesh_sums_match_the_weights():
    n = 8
    mesh = TetrahedronMesh(SC, n)
    eps = -2.0 * np.cos(mesh.k).sum(axis=1)
    field = np.sin(mesh.k)
    shifts = np.array([[1, 2, 0], [3, 0, 5]])
    out = double_delta_on_mesh(mesh, eps, -0.9, shifts, field)
    idx = np.arange(n**3).reshape(n, n, n)
    for row, s in zip(out, shifts, strict=True):
        moved = np.roll(idx, shift=tuple(-s), axis=(0, 1, 2)).reshape(-1)
        w = double_delta_weights(mesh, eps, eps[moved], -0.9)
        assert row[0] == pytest.approx(w.sum(), rel=1e-12)
        diff = ((field - field[moved]) ** 2).sum(axis=1)
        assert row[1] == pytest.approx(w @ diff, rel=1e-12)
        assert row[2] == pytest.approx(w @ (field**2).sum(axis=1), rel=1e-12)


@pytest.mark.parametrize("lattice, n", [(SC, 12), (SQUARE, 64)])
def test_single_delta_weights(lattice, n):
    # Σ w = the tetrahedron DOS (BJA appendix A); ε is E on the cut surface, so Σ w ε = E Σ w exactly;
    # and Σ w X for smooth X is a Fermi-surface average converging like the DOS
    mesh = TetrahedronMesh(lattice, n)
    eps = -2.0 * np.cos(mesh.k).sum(axis=1)
    w = delta_weights(mesh, eps, -1.1)
    assert w.sum() == pytest.approx(mesh.density(eps, -1.1), rel=1e-12)
    assert w @ eps == pytest.approx(-1.1 * w.sum(), rel=1e-12)
    assert np.all(w >= 0.0)


def test_nesting_function_units_and_sum_rule():
    # per spin and volume: (1/(Ω N_q)) Σ_q ξ(q) over the q mesh = ∫_BZ ξ d³q/(2π)³ = (g(E_F)/2)², g the
    # both-spin DOS per volume of the band (TightBinding.dos_fermi, an independent tetrahedron DOS on 48³)
    tb = TightBinding(Lattice.sc(3e-10), 1.0 * EV, electrons_per_cell=0.8)
    n = 12                          # measured ratio: 8: 1.088, 12: 1.027, 16: 1.031 (the singular q -> 0)
    q, _ = tb.lattice.monkhorst_pack(n)
    xi = nesting_function(tb, q[1:], mesh=n)                     # q = 0 left out (inf)
    total = xi.sum() / (tb.cell_volume * n**3)
    print(f"\nΣ_q ξ / (Ω N_q) over N(E_F)² per spin: {total / (tb.dos_fermi / 2) ** 2:.4f}")
    assert total == pytest.approx((tb.dos_fermi / 2) ** 2, rel=0.05)
    assert nesting_function(tb, tb.lattice.reciprocal[0], mesh=4) == math.inf      # q = G


# ---------------------------------------------------------------- symmetries (hypothesis)
TB = TightBinding(Lattice.sc(3e-10), 1.0 * EV, electrons_per_cell=0.6)
B = np.asarray(TB.lattice.reciprocal)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.floats(0.05, 0.45), min_size=3, max_size=3), st.sampled_from(["tetrahedron", "smearing"]),
       st.tuples(st.integers(-2, 2), st.integers(-2, 2), st.integers(-2, 2)))
def test_symmetries(u, method, G):
    q = np.asarray(u) @ B
    width = 0.1 * EV if method == "smearing" else None
    xi = nesting_function(TB, q, mesh=12, method=method, width=width)
    assert xi > 0.0
    # inversion: the Γ-centred mesh and its triangulation map onto themselves under k -> −k
    assert nesting_function(TB, -q, mesh=12, method=method, width=width) == pytest.approx(xi, rel=1e-9)
    shifted = nesting_function(TB, q + np.asarray(G) @ B, mesh=12, method=method, width=width)
    assert shifted == pytest.approx(xi, rel=1e-8)


# ---------------------------------------------------------------- bad input
def test_validation():
    mesh = TetrahedronMesh(SC, 4)
    eps = np.zeros(64)
    with pytest.raises(ValueError, match="values_q"):
        double_delta_weights(mesh, eps, eps[:3], 0.0)
    with pytest.raises(ValueError, match="width"):
        double_delta_weights(mesh, eps, eps, 0.0, method="smearing")
    with pytest.raises(ValueError, match="method"):
        double_delta_weights(mesh, eps, eps, 0.0, method="gauss")
    with pytest.raises(ValueError, match="shifts"):
        double_delta_on_mesh(mesh, eps, 0.0, np.array([[4, 0, 0]]))
    with pytest.raises(ValueError, match="E = nan"):
        double_delta_weights(mesh, eps, eps, math.nan)
    with pytest.raises(ValueError, match="mesh"):
        nesting_function(TB, [1e9, 0.0, 0.0], mesh=1)
    with pytest.raises(ValueError, match="q must have shape"):
        nesting_function(TB, [1e9, 0.0], mesh=4)
    from numeric.electrons import FreeElectronGas
    with pytest.raises(ValueError, match="TetrahedronBZ"):
        lattice_nesting_function(FreeElectronGas.copper(), [1e9, 0.0, 0.0])
    with pytest.raises(ValueError, match="width = None"):  # the public entry: a sphere needs a width
        nesting_function(FreeElectronGas.copper(), 1e9)
    with pytest.raises(ValueError, match="method = 'tetrahedron'"):
        nesting_function(FreeElectronGas.copper(), 1e9, 1e-20, method="tetrahedron")
    # the public entry dispatches a lattice band to the tetrahedron integrator, unchanged
    q = [1e9, 2e9, 0.0]
    assert nesting_function(TB, q, mesh=6) == lattice_nesting_function(TB, q, mesh=6)
    assert nesting_function(TB, [0.0, 0.0, 0.0], mesh=4) == math.inf
