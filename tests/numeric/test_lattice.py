"""numeric.lattice: reciprocal lattice, neighbour shells, first Brillouin zone, Monkhorst-Pack meshes.

References for the expected numbers: primitive and reciprocal vectors,
Ashcroft & Mermin (A&M) ch. 4-5; high-symmetry points of the cubic BZs
(Γ, X, L, K, W, U for fcc; H, N, P for bcc; X, M, R for sc), A&M ch. 5 and
Bradley & Cracknell, *The Mathematical Theory of Symmetry in Solids* (1972),
ch. 3. Boundary distances are checked against a brute-force
nearest-lattice-point search that does not use ``Lattice.bragg_vectors``.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from numeric.lattice import Lattice

NAMES = ("chain", "square", "sc", "bcc", "fcc")
A = 3.615e-10  # m


def make(name: str, a: float = A) -> Lattice:
    return getattr(Lattice, name)(a)


def brute_force_reciprocal_points(lattice: Lattice, reach: int = 4) -> np.ndarray:
    """All G = Σ n_i b_i with |n_i| <= reach (a box, no pruning)."""
    axes = [np.arange(-reach, reach + 1)] * lattice.dim
    n = np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1).reshape(-1, lattice.dim)
    return n @ lattice.reciprocal


# ------------------------------------------------------------------ geometry
@pytest.mark.parametrize("name", NAMES)
def test_reciprocal_relation_and_volumes(name):
    lat = make(name)
    assert np.allclose(lat.primitive @ lat.reciprocal.T, 2 * np.pi * np.eye(lat.dim), rtol=0, atol=1e-13)
    expected_cell = {"chain": A, "square": A**2, "sc": A**3, "bcc": A**3 / 2, "fcc": A**3 / 4}[name]
    assert lat.cell_volume == pytest.approx(expected_cell, rel=1e-14, abs=0)
    assert lat.bz_volume == pytest.approx((2 * np.pi) ** lat.dim / lat.cell_volume, rel=1e-14, abs=0)
    assert lat.bz_volume == pytest.approx(abs(np.linalg.det(lat.reciprocal)), rel=1e-13, abs=0)


def test_fcc_and_bcc_are_reciprocal_to_each_other():
    """The reciprocal of fcc (side a) is bcc with side 4π/a, and vice versa (A&M ch. 5)."""
    fcc, bcc = Lattice.fcc(A), Lattice.bcc(A)
    # 1/m vectors of size ~1e10: the tolerance scales with them (LAPACK leaves ~1e-17 relative, not 0)
    for got, expected in ((fcc.reciprocal, Lattice.bcc(4 * np.pi / A).primitive),
                          (bcc.reciprocal, Lattice.fcc(4 * np.pi / A).primitive)):
        np.testing.assert_allclose(got, expected, rtol=1e-14, atol=1e-14 * np.abs(expected).max())
    assert fcc.bz_volume == pytest.approx(4 * (2 * np.pi / A) ** 3, rel=1e-14)
    assert bcc.bz_volume == pytest.approx(2 * (2 * np.pi / A) ** 3, rel=1e-14)


@settings(max_examples=40, deadline=None)
@given(rows=st.lists(st.floats(-1.0, 1.0), min_size=9, max_size=9), scale=st.floats(1e-10, 1e-9))
def test_reciprocal_relation_for_random_lattices(rows, scale):
    basis = np.eye(3) + 0.4 * np.array(rows).reshape(3, 3)  # well conditioned: no more than ~0.8 shear
    if abs(np.linalg.det(basis)) < 0.05:
        return
    lat = Lattice(scale * basis)
    assert np.allclose(lat.primitive @ lat.reciprocal.T / (2 * np.pi), np.eye(3), atol=1e-12)
    assert lat.bz_volume * lat.cell_volume == pytest.approx((2 * np.pi) ** 3, rel=1e-12)


def test_arrays_are_read_only():
    lat = Lattice.fcc(A)
    with pytest.raises(ValueError):
        lat.primitive[0, 0] = 1.0
    with pytest.raises(ValueError):
        lat.reciprocal[0, 0] = 1.0


# ------------------------------------------------------------------ neighbours
NEIGHBOURS = {  # (count, distance in units of a) for shells 1 and 2
    "chain": [(2, 1.0), (2, 2.0)],
    "square": [(4, 1.0), (4, math.sqrt(2))],
    "sc": [(6, 1.0), (12, math.sqrt(2))],
    "bcc": [(8, math.sqrt(3) / 2), (6, 1.0)],
    "fcc": [(12, 1 / math.sqrt(2)), (6, 1.0)],
}


@pytest.mark.parametrize("name", NAMES)
def test_neighbour_shells(name):
    lat = make(name)
    for shell, (count, distance) in enumerate(NEIGHBOURS[name], start=1):
        R = lat.neighbours(shell)
        assert R.shape == (count, lat.dim)
        np.testing.assert_allclose(np.linalg.norm(R, axis=1), distance * A, rtol=1e-12, atol=0)
        # closed under inversion, and lattice vectors (integer coordinates)
        assert {tuple(np.round(r / A, 9)) for r in R} == {tuple(np.round(-r / A, 9)) for r in R}
        n = R @ lat.reciprocal.T / (2 * np.pi)
        assert np.allclose(n, np.round(n), atol=1e-9)


def test_third_shell_fcc():
    """fcc shells 3 and 4: 24 at a√(3/2), 12 at a√2."""
    lat = Lattice.fcc(1.0)
    assert len(lat.neighbours(3)) == 24 and len(lat.neighbours(4)) == 12
    assert np.allclose(np.linalg.norm(lat.neighbours(3), axis=1), math.sqrt(1.5))


# ------------------------------------------------------------------ Brillouin zone
S2, S3, S5 = math.sqrt(2), math.sqrt(3), math.sqrt(5)
HIGH_SYMMETRY = [  # (lattice, direction, distance from Γ to the BZ boundary in units of π/a, point)
    ("chain", [1], 1.0, "X"), ("chain", [-1], 1.0, "X"),
    ("square", [1, 0], 1.0, "X"), ("square", [1, 1], S2, "M"), ("square", [2, 1], S5 / 2, "on X-M"),
    ("sc", [1, 0, 0], 1.0, "X"), ("sc", [1, 1, 0], S2, "M"), ("sc", [1, 1, 1], S3, "R"),
    ("bcc", [1, 0, 0], 2.0, "H"), ("bcc", [1, 1, 0], S2, "N"), ("bcc", [1, 1, 1], S3, "P"),
    ("fcc", [1, 0, 0], 2.0, "X"), ("fcc", [1, 1, 1], S3, "L"), ("fcc", [1, 1, 0], 3 / S2, "K"),
    ("fcc", [2, 1, 0], S5, "W"), ("fcc", [4, 1, 1], 3 / S2, "U"), ("fcc", [0, -1, 0], 2.0, "X"),
]


@pytest.mark.parametrize(("name", "direction", "distance", "point"), HIGH_SYMMETRY)
def test_ws_distance_at_high_symmetry_points(name, direction, distance, point):
    lat = make(name)
    r = lat.ws_boundary_distance(np.array(direction, dtype=float))
    assert r == pytest.approx(distance * np.pi / A, rel=1e-14), point
    # scale invariance of the direction argument
    assert lat.ws_boundary_distance(7.5 * np.array(direction, dtype=float)) == pytest.approx(r, rel=1e-15)


@pytest.mark.parametrize("name", NAMES)
def test_bragg_vector_counts(name):
    assert len(make(name).bragg_vectors) == {"chain": 2, "square": 4, "sc": 6, "bcc": 12, "fcc": 14}[name]


@settings(max_examples=60, deadline=None)
@given(name=st.sampled_from(NAMES), raw=st.lists(st.floats(-1.0, 1.0), min_size=3, max_size=3))
def test_ws_distance_is_the_voronoi_boundary(name, raw):
    """Brute force: just inside r(ĝ), Γ is the nearest reciprocal lattice point; just outside, it is not."""
    lat = make(name)
    g = np.array(raw[: lat.dim])
    if np.linalg.norm(g) < 1e-3:
        return
    g = g / np.linalg.norm(g)
    r = float(lat.ws_boundary_distance(g))
    G = brute_force_reciprocal_points(lat)
    G = G[np.linalg.norm(G, axis=1) > 0]
    for factor, gamma_nearest in ((1 - 1e-9, True), (1 + 1e-9, False)):
        q = factor * r * g
        nearest_other = np.min(np.linalg.norm(q - G, axis=1))
        assert bool(np.linalg.norm(q) < nearest_other) is gamma_nearest


def test_ws_distance_batched_shape_and_custom_lattice():
    lat = Lattice.sc(A)
    dirs = np.random.default_rng(0).normal(size=(4, 5, 3))
    assert lat.ws_boundary_distance(dirs).shape == (4, 5)
    # a rectangular 2D lattice (custom): faces at π/a_x and π/a_y
    rect = Lattice(np.diag([2.0, 3.0]))
    assert rect.ws_boundary_distance([[1, 0], [0, 1]]) == pytest.approx([np.pi / 2, np.pi / 3], rel=1e-15)


@pytest.mark.parametrize("name", NAMES)
def test_bz_boundary_simplices_tile_the_zone(name):
    lat = make(name)
    simplices = lat.bz_boundary_simplices()
    d = lat.dim
    assert simplices.shape[1:] == (d, d)
    volume = np.abs(np.linalg.det(simplices)).sum() / math.factorial(d)
    assert volume == pytest.approx(lat.bz_volume, rel=1e-12)
    vertices = np.unique(np.round(simplices.reshape(-1, d) * A, 9), axis=0) / A
    G = lat.bragg_vectors
    planes = np.abs(vertices @ G.T - 0.5 * np.einsum("ij,ij->i", G, G)) < 1e-6 * np.max(G) ** 2
    corners = vertices[planes.sum(axis=1) >= d]  # where d or more Bragg planes meet
    assert len(corners) == {"chain": 2, "square": 4, "sc": 8, "bcc": 14, "fcc": 24}[name]
    # vertices and simplex centroids lie on the boundary
    for points in (simplices.reshape(-1, d), simplices.mean(axis=1)):
        radius = np.linalg.norm(points, axis=1)
        np.testing.assert_allclose(lat.ws_boundary_distance(points), radius, rtol=1e-12, atol=0)


@pytest.mark.parametrize("name", NAMES)
def test_point_group_is_a_group_of_lattice_symmetries(name):
    lat = make(name)
    group = lat.point_group
    assert len(group) == {"chain": 2, "square": 8, "sc": 48, "bcc": 48, "fcc": 48}[name]
    assert np.array_equal(group[0], np.eye(lat.dim))
    keys = {tuple(np.round(R).astype(int).ravel()) for R in group}
    for R in group:
        assert np.allclose(R @ R.T, np.eye(lat.dim))
        for S in group:  # closed under products
            assert tuple(np.round(R @ S).astype(int).ravel()) in keys
    # each operation maps the neighbour shells onto themselves
    for shell in (1, 2):
        nb = lat.neighbours(shell)
        shell_key = np.sort(np.round(nb / A, 9), axis=0)
        for R in group:
            assert np.allclose(np.sort(np.round(nb @ R.T / A, 9), axis=0), shell_key)


@pytest.mark.parametrize("name", NAMES)
def test_irreducible_simplices_integrate_symmetric_functions(name):
    """Σ multiplicity × cone integral over representatives = the integral over every cone."""
    lat = make(name)
    full = lat.bz_boundary_simplices()
    reps, multiplicity = lat.irreducible_boundary_simplices()
    assert multiplicity.sum() == len(full)
    assert len(reps) == {"chain": 1, "square": 1, "sc": 1, "bcc": 2, "fcc": 3}[name]
    # a function with the cubic symmetry, integrated over each cone at its simplex centroid (exact for
    # the sum of |det| and for any function constant on orbits of centroids)
    def f(points):
        return np.sum(np.cos(points * A) ** 2, axis=-1) + np.prod(np.cos(points * A / 2), axis=-1)

    def cones(simplices, weights):
        return float(np.sum(weights * np.abs(np.linalg.det(simplices)) * f(simplices.mean(axis=1))))

    assert cones(reps, multiplicity) == pytest.approx(cones(full, np.ones(len(full))), rel=1e-12)


# ------------------------------------------------------------------ Monkhorst-Pack
def _is_symmetric_mod_G(lat: Lattice, q: np.ndarray) -> bool:
    frac = q @ lat.primitive.T / (2 * np.pi)
    key = {tuple(np.round((f - np.floor(f + 1e-9)) * 1e6).astype(int) % 1000000) for f in frac}
    key_neg = {tuple(np.round((-f - np.floor(-f + 1e-9)) * 1e6).astype(int) % 1000000) for f in frac}
    return key == key_neg


@settings(max_examples=40, deadline=None)
@given(name=st.sampled_from(NAMES), sizes=st.lists(st.integers(1, 7), min_size=3, max_size=3),
       shift=st.booleans())
def test_monkhorst_pack_weights_symmetry_and_exactness(name, sizes, shift):
    lat = make(name)
    n = sizes[: lat.dim]
    q, w = lat.monkhorst_pack(n, shift=shift)
    assert q.shape == (math.prod(n), lat.dim) and w.shape == (math.prod(n),)
    assert w.sum() == pytest.approx(1.0, rel=1e-14, abs=0) and np.all(w == w[0])
    frac = q @ lat.primitive.T / (2 * np.pi)
    assert np.all(frac >= -0.5 - 1e-12) and np.all(frac < 0.5 + 1e-12)
    assert _is_symmetric_mod_G(lat, q)
    assert np.any(np.all(np.abs(frac) < 1e-12, axis=1)) == (not shift)
    # exact for exp(i q·R) with |m_i| < n_i (Monkhorst & Pack 1976): mean 1 at R = 0, else 0
    for m in itertools.product(*[range(-(s - 1), s) for s in n]):
        R = np.array(m, dtype=float) @ lat.primitive
        mean = np.sum(w * np.exp(1j * (q @ R)))
        assert abs(mean - (1.0 if not any(m) else 0.0)) < 1e-12


def test_monkhorst_pack_original_prescription():
    """MP's u_r = (2r − n − 1)/(2n), r = 1..n: Γ-centred for odd n, shifted for even n."""
    lat = Lattice.chain(1.0)
    for n in (3, 4, 5, 6):
        u_mp = (2 * np.arange(1, n + 1) - n - 1) / (2 * n)
        q, _ = lat.monkhorst_pack(n, shift=(n % 2 == 0))
        assert np.allclose(np.sort(q[:, 0] / (2 * np.pi)), np.sort(u_mp) - (np.sort(u_mp) >= 0.5), atol=1e-15)


# ------------------------------------------------------------------ validation
@pytest.mark.parametrize("bad", [0.0, -1e-10, math.nan, math.inf, "big", [1e-10, 2e-10]])
@pytest.mark.parametrize("name", NAMES)
def test_bad_lattice_constant(name, bad):
    with pytest.raises(ValueError, match=r"^a "):
        make(name, bad)


def test_bad_arguments():
    lat = Lattice.sc(A)
    with pytest.raises(ValueError, match="linearly independent"):
        Lattice(np.array([[1.0, 0.0], [2.0, 0.0]]))
    with pytest.raises(ValueError, match="primitive"):
        Lattice(np.ones((3, 2)))
    with pytest.raises(ValueError, match="shell"):
        lat.neighbours(0)
    with pytest.raises(ValueError, match="shell"):
        lat.neighbours(1.5)
    with pytest.raises(ValueError, match="directions"):
        lat.ws_boundary_distance([0.0, 0.0, 0.0])
    with pytest.raises(ValueError, match="directions"):
        lat.ws_boundary_distance([1.0, 0.0])
    with pytest.raises(ValueError, match="directions"):
        lat.ws_boundary_distance([1.0, math.nan, 0.0])
    for n in (0, (2, 2), (2, 2, 0), 2.5, True):
        with pytest.raises(ValueError, match=r"^n "):
            lat.monkhorst_pack(n)


# ====================================================================== issue 15: ranges named
def test_lattice_ranges_name_the_parameter():
    # were: "primitive vectors must be linearly independent" for fcc(1e-200) and fcc(1e200) (the
    # determinant under- or overflowed), and memory errors for huge meshes and shells
    for a in (1e-200, 1e200, 0.0, -1.0, math.inf, math.nan):
        with pytest.raises(ValueError, match=r"a = .* is outside the valid range"):
            Lattice.fcc(a)
    for bad in (True, "1e-10", None, 1e-10j, [1e-10]):
        with pytest.raises(ValueError, match="a "):
            Lattice.sc(bad)
    with pytest.raises(ValueError, match=r"primitive vector length 1e-60 m is outside the valid range"):
        Lattice(1e-60 * np.eye(3))
    with pytest.raises(TypeError, match="name must be a str"):
        Lattice(np.eye(2), name=3)
    lat = Lattice.fcc(1e-50)
    assert lat.bz_volume == pytest.approx(4 * (2 * math.pi / 1e-50) ** 3, rel=1e-14)
    with pytest.raises(ValueError, match=r"n = 1000 is outside the valid range: at most 16777216"):
        lat.monkhorst_pack(1000)
    with pytest.raises(ValueError, match=r"shell = 17 is outside the valid range"):
        lat.neighbours(17)
    with pytest.raises(TypeError, match="shift must be True or False"):
        lat.monkhorst_pack(2, shift="yes")


def test_directions_of_any_finite_length():
    # |d| was computed as √Σd²: inf for [1e200, 1e200, 0] (direction 0 -> distance inf) and 0 for
    # [1e-170, 1e-170, 0] ("must be non-zero vectors")
    sc = Lattice.sc(1.0)
    for scale in (1e-300, 1e-170, 1.0, 1e200, 1e300):
        np.testing.assert_allclose(sc.ws_boundary_distance(scale * np.array([1.0, 1.0, 0.0])),
                                   math.pi * math.sqrt(2.0), rtol=1e-15)


def test_skewed_primitive_vectors_are_refused_not_enumerated():
    # a flattened cell (thickness 1e-7 of its edges) made the box of lattice points ~1e13 large: MemoryError
    # (PiB arrays) or a segmentation fault in the Bragg search; now a ValueError naming the primitive vectors
    flat = Lattice(np.array([[1.0, 0.0], [1.0, 1e-7]]))
    for call in (lambda: flat.bragg_vectors, flat.bz_boundary_simplices, lambda: flat.neighbours(2)):
        with pytest.raises(ValueError, match="primitive vectors too skewed"):
            call()
