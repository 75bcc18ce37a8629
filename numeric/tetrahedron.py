"""The linear tetrahedron method on a Γ-centred Monkhorst-Pack mesh of a lattice's reciprocal cell.

Everything the band integrators do with tetrahedra lives here:

* :class:`TetrahedronMesh`: the mesh cut into simplices (segments, triangles,
  tetrahedra in 1D, 2D, 3D), for any band given on the mesh points: the
  integrated DOS N(E), the DOS D(E) = dN/dE (BJA appendix A) and the k-point
  integration weights with Blöchl's correction (BJA appendix B and eq. 22;
  Blöchl, Jepsen & Andersen, Phys. Rev. B 49, 16223 (1994), BJA below).
  Used by :class:`numeric.electrons.TightBinding`.
* :func:`delta_weights`, :func:`double_delta_weights`, :func:`double_delta_on_mesh`: the Fermi-surface
  single and double delta δ(ε_k − E) δ(ε_{k+q} − E) with ε linear in each simplex (exact corner
  weights of the cut polygon), or with Gaussian smearing; :func:`lattice_nesting_function` ξ(q) of a lattice
  band (per spin and volume). Used by :func:`numeric.eliashberg_function.lattice_eliashberg`.
* :func:`occupied_inverse_average`: the principal-value BZ average
  ⟨θ(E_F − ε_k)/(ε_k − ε_{k+q})⟩ with ε and d = ε_k − ε_{k+q} linear in each
  tetrahedron: the occupied part cut into at most three tetrahedra, each
  averaged exactly by the Hermite-Genocchi formula (:func:`mean_inverse`).
  Used by the static χ0 of lattice bands in :mod:`numeric.response`.

Both triangulate a mesh cell the same way (:func:`simplex_offsets`: the d!
simplices along the cell's shortest main diagonal, BJA fig. 1 in 3D).

Blöchl's correction and the DOS. The correction of BJA eq. (22) changes the
weight of corner j of tetrahedron T by (D_T(E)/40) Σ_i (ε_i − ε_j), which sums to
zero over the four corners: it leaves the number of states N(E) and the DOS
unchanged and corrects integrals of varying functions, e.g. the band energy
Σ_k ε_k θ(E_F − ε_k), whose error drops from O(h²) to higher order
(:meth:`numeric.electrons.TightBinding.band_energy`). The linear tetrahedron N(E)
converges as O(h²) with the mesh spacing h.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable

import numba
import numpy as np
from numpy.typing import ArrayLike

from ._support import checked, integer, scalar, sort_by
from .bands import TetrahedronBZ, band_domain
from .lattice import Lattice

__all__ = ["TetrahedronMesh", "cell_tetrahedra", "delta_weights", "double_delta_on_mesh",
           "double_delta_weights", "lattice_nesting_function", "mean_inverse", "occupied_inverse",
           "occupied_inverse_average", "simplex_offsets"]


#: Most points of a :class:`TetrahedronMesh` (its simplices take d! (d+1) int64 per point).
MAX_POINTS = 1 << 21


def _output(arr: np.ndarray, like: np.ndarray) -> np.ndarray | float:
    return float(arr.reshape(())) if like.ndim == 0 else arr.reshape(like.shape)


# ====================================================================== mesh, N(E), D(E), weights
def simplex_offsets(reciprocal: np.ndarray, divisions: tuple[int, ...]) -> np.ndarray:
    """Integer corner offsets (d!, d+1, d) of the simplices of one mesh cell.

    Freudenthal (Kuhn) triangulation of the parallelepiped spanned by b_i/n_i
    along its shortest main diagonal: for each permutation π of the axes the
    simplex 0 -> s_{π0} e_{π0} -> ... -> Σ_i s_i e_i, started at the corner
    opposite to the diagonal direction s. In 3D these are the 6 tetrahedra of
    BJA fig. 1, sharing the shortest diagonal.
    """
    reciprocal = checked("reciprocal", reciprocal)
    d = reciprocal.shape[0] if reciprocal.ndim == 2 else 0
    if reciprocal.shape != (d, d) or d not in (1, 2, 3):
        raise ValueError(f"reciprocal must be a (d, d) array with d in (1, 2, 3), got shape "
                         f"{reciprocal.shape}")
    if (not isinstance(divisions, tuple | list) or len(divisions) != d
            or not all(isinstance(n, int | np.integer) and not isinstance(n, bool) and n >= 1
                       for n in divisions)):
        raise ValueError(f"divisions = {divisions!r} is outside the valid range: a tuple of {d} ints >= 1")
    steps = reciprocal / np.asarray(divisions, dtype=float)[:, None]
    best, best_len = None, np.inf
    for tail in itertools.product((1, -1), repeat=d - 1):
        signs = np.array((1, *tail))
        length = float(np.linalg.norm(signs @ steps))
        if length < best_len * (1.0 - 1e-12):
            best, best_len = signs, length
    assert best is not None
    start = (best < 0).astype(np.int64)
    out = []
    for perm in itertools.permutations(range(d)):
        corner = start.copy()
        corners = [corner.copy()]
        for axis in perm:
            corner[axis] += best[axis]
            corners.append(corner.copy())
        out.append(corners)
    return np.array(out, dtype=np.int64)


@numba.njit(cache=True)
def _sorted_rows(values: np.ndarray) -> np.ndarray:  # pragma: no cover - compiled
    out = values.copy()
    spare = np.empty(out.shape[1])
    for r in range(out.shape[0]):
        sort_by(out[r], spare)
    return out


@numba.njit(cache=True, inline="always")
def _simplex_term(corners: int, e1: float, e2: float, e3: float, e4: float,
                  E: float) -> tuple[float, float]:  # pragma: no cover - compiled
    """(n_T(E), dn_T/dE) of one simplex with sorted corner values e1 <= e2 (<= e3 (<= e4)): a segment,
    triangle or tetrahedron (``corners`` 2, 3, 4; the unused values are not read).

    Formulas for linear interpolation in a segment, triangle and tetrahedron
    (BJA appendix A for 3D); half-open intervals [e_i, e_{i+1}) keep every
    divisor positive.
    """
    eN = e2 if corners == 2 else (e3 if corners == 3 else e4)
    if E < e1:
        return 0.0, 0.0
    if E >= eN:
        return 1.0, 0.0
    if corners == 2:
        return (E - e1) / (eN - e1), 1.0 / (eN - e1)
    if corners == 3:
        if E < e2:
            x = E - e1
            return x * x / ((e2 - e1) * (e3 - e1)), 2.0 * x / ((e2 - e1) * (e3 - e1))
        x = e3 - E
        return 1.0 - x * x / ((e3 - e1) * (e3 - e2)), 2.0 * x / ((e3 - e1) * (e3 - e2))
    if E < e2:
        x = E - e1
        c = 1.0 / ((e2 - e1) * (e3 - e1) * (e4 - e1))
        return x * x * x * c, 3.0 * x * x * c
    if E < e3:
        x = E - e2
        e21 = e2 - e1
        e31 = e3 - e1
        e41 = e4 - e1
        e32 = e3 - e2
        e42 = e4 - e2
        g = (e31 + e42) / (e32 * e42)
        return ((e21 * e21 + 3.0 * e21 * x + 3.0 * x * x - g * x * x * x) / (e31 * e41),
                (3.0 * e21 + 6.0 * x - 3.0 * g * x * x) / (e31 * e41))
    x = e4 - E
    c = 1.0 / ((e4 - e1) * (e4 - e2) * (e4 - e3))
    return 1.0 - x * x * x * c, 3.0 * x * x * c


@numba.njit(cache=True)
def _simplex_sums(e: np.ndarray, energies: np.ndarray, count: np.ndarray,
                  density: np.ndarray) -> None:  # pragma: no cover - compiled
    """Σ over simplices of the occupied fraction n_T(E) and of dn_T/dE (e: sorted corners, (M, d+1);
    :func:`_simplex_term`)."""
    corners = e.shape[1]
    last = corners - 1
    for q in range(energies.shape[0]):
        E = energies[q]
        acc_n = 0.0
        acc_d = 0.0
        for r in range(e.shape[0]):
            n_r, d_r = _simplex_term(corners, e[r, 0], e[r, min(1, last)], e[r, min(2, last)],
                                     e[r, last], E)
            acc_n += n_r
            acc_d += d_r
        count[q] = acc_n
        density[q] = acc_d


@numba.njit(cache=True)
def _simplex_sums_at(values: np.ndarray, simplices: np.ndarray,
                     E: float) -> tuple[float, float]:  # pragma: no cover - compiled
    """:func:`_simplex_sums` at one energy E of the corners values[simplices], each row sorted on the fly
    (compare-and-swap; no gathered copy): the same sorted corners and the same sums in the same order,
    equal bit for bit."""
    corners = simplices.shape[1]
    last = corners - 1
    acc_n = 0.0
    acc_d = 0.0
    for r in range(simplices.shape[0]):
        a = values[simplices[r, 0]]
        b = values[simplices[r, 1]]
        c = values[simplices[r, min(2, last)]]
        d = values[simplices[r, last]]
        if corners == 4:                            # compare-and-swap networks of 4, 3, 2 values
            if a > b:
                a, b = b, a
            if c > d:
                c, d = d, c
            if a > c:
                a, c = c, a
            if b > d:
                b, d = d, b
            if b > c:
                b, c = c, b
        elif corners == 3:
            if b > c:
                b, c = c, b
            if a > b:
                a, b = b, a
            if b > c:
                b, c = c, b
        elif a > b:
            a, b = b, a
        n_r, d_r = _simplex_term(corners, a, b, c, d, E)
        acc_n += n_r
        acc_d += d_r
    return acc_n, acc_d


@numba.njit(cache=True)
def _tetra_weights(values: np.ndarray, simplices: np.ndarray, E: float, blochl: bool,
                   out: np.ndarray) -> None:  # pragma: no cover - compiled
    """Corner weights of θ(E − ε) (BJA appendix B) plus Blöchl's correction (BJA eq. 22), summed per point.

    Each tetrahedron has volume fraction 1/M; out[j] collects Σ_T w_j^T so that
    Σ_j out[j] f_j approximates (1/V_BZ) ∫ f θ(E − ε).
    """
    m = simplices.shape[0]
    vt = 1.0 / m
    idx = np.empty(4, dtype=np.int64)
    e = np.empty(4)
    w = np.empty(4)
    for r in range(m):
        for i in range(4):
            idx[i] = simplices[r, i]
            e[i] = values[idx[i]]
        sort_by(e, idx)
        e1, e2, e3, e4 = e[0], e[1], e[2], e[3]
        dos = 0.0
        if E < e1:
            continue
        if E >= e4:
            for i in range(4):
                w[i] = 0.25 * vt
        elif E < e2:
            x = E - e1
            e21, e31, e41 = e2 - e1, e3 - e1, e4 - e1
            c = 0.25 * vt * x * x * x / (e21 * e31 * e41)
            w[0] = c * (4.0 - x * (1.0 / e21 + 1.0 / e31 + 1.0 / e41))
            w[1] = c * x / e21
            w[2] = c * x / e31
            w[3] = c * x / e41
            dos = vt * 3.0 * x * x / (e21 * e31 * e41)
        elif E < e3:
            e21, e31, e41, e32, e42 = e2 - e1, e3 - e1, e4 - e1, e3 - e2, e4 - e2
            c1 = 0.25 * vt * (E - e1) ** 2 / (e41 * e31)
            c2 = 0.25 * vt * (E - e1) * (E - e2) * (e3 - E) / (e41 * e32 * e31)
            c3 = 0.25 * vt * (E - e2) ** 2 * (e4 - E) / (e42 * e32 * e41)
            w[0] = c1 + (c1 + c2) * (e3 - E) / e31 + (c1 + c2 + c3) * (e4 - E) / e41
            w[1] = c1 + c2 + c3 + (c2 + c3) * (e3 - E) / e32 + c3 * (e4 - E) / e42
            w[2] = (c1 + c2) * (E - e1) / e31 + (c2 + c3) * (E - e2) / e32
            w[3] = (c1 + c2 + c3) * (E - e1) / e41 + c3 * (E - e2) / e42
            x = E - e2
            dos = vt * (3.0 * e21 + 6.0 * x - 3.0 * (e31 + e42) / (e32 * e42) * x * x) / (e31 * e41)
        else:
            x = e4 - E
            e41, e42, e43 = e4 - e1, e4 - e2, e4 - e3
            c = 0.25 * vt * x * x * x / (e41 * e42 * e43)
            w[0] = 0.25 * vt - c * x / e41
            w[1] = 0.25 * vt - c * x / e42
            w[2] = 0.25 * vt - c * x / e43
            w[3] = 0.25 * vt - c * (4.0 - x * (1.0 / e41 + 1.0 / e42 + 1.0 / e43))
            dos = vt * 3.0 * x * x / (e41 * e42 * e43)
        if blochl:
            total = e1 + e2 + e3 + e4
            for j in range(4):
                w[j] += dos / 40.0 * (total - 4.0 * e[j])
        for j in range(4):
            out[idx[j]] += w[j]


@numba.njit(cache=True)
def _mesh_simplices(sizes: np.ndarray, offsets: np.ndarray, out: np.ndarray) -> None:  # pragma: no cover
    """out[i d! + s, c] = the C-order index of mesh point i (C order of ``sizes``) moved by offsets[s, c]
    (periodic; the offsets of :func:`simplex_offsets`, entries in [−1, 2]), i over all N points."""
    d = sizes.shape[0]
    ns, nc = offsets.shape[0], offsets.shape[1]
    origin = np.zeros(d, dtype=np.int64)
    row = 0
    for _ in range(out.shape[0] // ns):
        for s in range(ns):
            for c in range(nc):
                flat = 0
                for a in range(d):
                    x = origin[a] + offsets[s, c, a]
                    while x < 0:                    # periodic wrap without an integer division
                        x += sizes[a]
                    while x >= sizes[a]:
                        x -= sizes[a]
                    flat = flat * sizes[a] + x
                out[row, c] = flat
            row += 1
        a = d - 1                                   # next origin in C order
        while a >= 0:
            origin[a] += 1
            if origin[a] < sizes[a]:
                break
            origin[a] = 0
            a -= 1


class TetrahedronMesh:
    """Linear tetrahedron method on a Γ-centred Monkhorst-Pack mesh of a lattice's reciprocal cell.

    The reciprocal cell is cut into n_1 n_2 n_3 parallelepipeds with corners on
    the mesh points, each split into d! simplices (6 tetrahedra sharing the
    shortest main diagonal in 3D, BJA sec. II; 2 triangles in 2D; 1 segment in
    1D). A band ε(k) given on the mesh points is interpolated linearly in
    each simplex, and the BZ averages

        N(E) = (1/V_BZ) ∫ θ(E − ε) d^dk,   D(E) = dN/dE

    are summed analytically over the simplices (BJA appendix A; the 1D and 2D
    analogues are (E − e1)/e21 and the piecewise quadratic of a triangle).

    Parameters
    ----------
    lattice : Lattice
        The Bravais lattice (any dimension).
    divisions : int or sequence of int
        Mesh divisions n_i along each reciprocal vector (>= 1; at most 2²¹ points in all).

    Attributes
    ----------
    k : ndarray, shape (N, d)
        Mesh points (1/m), the order of :meth:`Lattice.monkhorst_pack` with ``shift=False``.
    simplices : ndarray of int, shape (d! N, d+1)
        Indices into ``k`` of each simplex's corners.

    Examples
    --------
    >>> import numpy as np
    >>> mesh = TetrahedronMesh(Lattice.sc(1.0), 8)
    >>> mesh.simplices.shape
    (3072, 4)
    >>> eps = -2 * np.cos(mesh.k).sum(axis=1)      # sc band, t = 1, a = 1
    >>> mesh.integrated(eps, [-7.0, 0.0, 7.0])     # half the states below E = 0
    array([0. , 0.5, 1. ])
    """

    def __init__(self, lattice: Lattice, divisions: int | tuple[int, ...]) -> None:
        if not isinstance(lattice, Lattice):
            raise TypeError(f"lattice must be a numeric.lattice.Lattice, got {type(lattice).__name__}")
        self.lattice = lattice
        d = lattice.dim
        sizes = (divisions,) * d if isinstance(divisions, int | np.integer) else divisions
        if (not isinstance(sizes, tuple | list) or len(sizes) != d
                or not all(isinstance(s, int | np.integer) and not isinstance(s, bool) and s >= 1
                           for s in sizes)
                or math.prod(int(s) for s in sizes) > MAX_POINTS):
            raise ValueError(f"divisions = {divisions!r} is outside the valid range: an int >= 1 or {d} such "
                             f"ints, at most {MAX_POINTS} mesh points in all")
        sizes = tuple(int(s) for s in sizes)
        self.k, _ = lattice.monkhorst_pack(sizes)
        self.divisions = sizes
        offsets = simplex_offsets(lattice.reciprocal, sizes)  # (d!, d+1, d)
        count = math.prod(sizes)
        self.simplices = np.empty((count * offsets.shape[0], d + 1), dtype=np.int64)
        _mesh_simplices(np.asarray(sizes, dtype=np.int64), offsets, self.simplices)

    def _values(self, values: ArrayLike) -> np.ndarray:
        v = checked("values", values)
        if v.shape != (self.k.shape[0],):
            raise ValueError(f"values must have shape ({self.k.shape[0]},) (one per mesh point), "
                             f"got {v.shape}")
        return np.ascontiguousarray(v)

    def _sorted(self, values: ArrayLike) -> np.ndarray:
        return _sorted_rows(self._values(values)[self.simplices])

    def sums(self, values: ArrayLike, E: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
        """(N(E), D(E)) together, each of the shape of E: :meth:`integrated` and :meth:`density`."""
        e = checked("E", E)
        if e.size == 1:                             # one energy: the corners sorted on the fly, no copies
            v = self._values(values)
            m = self.simplices.shape[0]
            count, density = _simplex_sums_at(v, self.simplices, float(e.reshape(-1)[0]))
            return np.full(e.shape, count / m), np.full(e.shape, density / m)
        srt = self._sorted(values)
        flat = np.ascontiguousarray(e.reshape(-1))
        count, density = np.empty_like(flat), np.empty_like(flat)
        _simplex_sums(srt, flat, count, density)
        m = srt.shape[0]
        return (count / m).reshape(e.shape), (density / m).reshape(e.shape)

    def counter(self, values: ArrayLike) -> Callable[[float], float]:
        """N(E) for one float E at a time, the simplex corners sorted once (for root finders).

        Examples
        --------
        >>> mesh = TetrahedronMesh(Lattice.chain(1.0), 64)
        >>> N = mesh.counter(-2 * np.cos(mesh.k[:, 0]))
        >>> N(-2.0), N(0.0), N(2.0)
        (0.0, 0.5, 1.0)
        """
        corners = self._sorted(values)  # sorting the corners was most of each root-finder step
        at, count, density = np.empty(1), np.empty(1), np.empty(1)

        def integrated(E: float) -> float:
            at[0] = E if type(E) is float and math.isfinite(E) else scalar("E", E)   # fast path: root finders
            _simplex_sums(corners, at, count, density)
            return float(count[0]) / corners.shape[0]

        return integrated

    def integrated(self, values: ArrayLike, E: ArrayLike) -> np.ndarray | float:
        """Fraction of the BZ with ε < E (0 ... 1), linear tetrahedron method.

        Parameters
        ----------
        values : array_like, shape (N,)
            ε at the mesh points :attr:`k` (any unit).
        E : array_like
            Energies, same unit (finite).

        Examples
        --------
        >>> import numpy as np
        >>> mesh = TetrahedronMesh(Lattice.chain(1.0), 64)
        >>> float(mesh.integrated(-2 * np.cos(mesh.k[:, 0]), 2.0))
        1.0
        """
        count, _ = self.sums(values, E)
        return _output(count, np.asarray(E))

    def density(self, values: ArrayLike, E: ArrayLike) -> np.ndarray | float:
        """dN/dE: BZ fraction per unit energy (1/unit of ``values``), linear tetrahedron method.

        Examples
        --------
        >>> import numpy as np
        >>> mesh = TetrahedronMesh(Lattice.chain(1.0), 512)
        >>> eps = -2 * np.cos(mesh.k[:, 0])            # D(E) = 1/(π √(4 − E²))
        >>> round(float(mesh.density(eps, 0.0) * 2 * np.pi), 4)
        1.0
        """
        _, density = self.sums(values, E)
        return _output(density, np.asarray(E))

    def weights(self, values: ArrayLike, E: float, *, blochl: bool = True) -> np.ndarray:
        """Integration weights w_k for (1/V_BZ) ∫ f θ(E − ε) d³k ≈ Σ_k w_k f_k (3D only).

        Parameters
        ----------
        values : array_like, shape (N,)
            ε at the mesh points.
        E : float
            The Fermi energy, same unit.
        blochl : bool
            Add Blöchl's correction (BJA eq. 22): w_j += Σ_T (D_T(E)/40) Σ_i (ε_i − ε_j),
            which leaves Σ_k w_k = N(E) unchanged and removes the O(h²)
            curvature error of Σ_k w_k ε_k (the band energy).

        Returns
        -------
        ndarray, shape (N,)
            Weights (linear interpolation: BJA appendix B).

        Examples
        --------
        >>> import numpy as np
        >>> mesh = TetrahedronMesh(Lattice.sc(1.0), 8)
        >>> eps = -2 * np.cos(mesh.k).sum(axis=1)
        >>> w = mesh.weights(eps, 0.0)
        >>> round(float(w.sum()), 12)
        0.5
        """
        if self.lattice.dim != 3:
            raise ValueError(f"weights() implements the 3D tetrahedron weights; this mesh is "
                             f"{self.lattice.dim}D")
        v = checked("values", values)
        if v.shape != (self.k.shape[0],):
            raise ValueError(f"values must have shape ({self.k.shape[0]},) (one per mesh point), "
                             f"got {v.shape}")
        energy = scalar("E", E)
        if not isinstance(blochl, bool | np.bool_):
            raise TypeError(f"blochl must be True or False, got {blochl!r}")
        out = np.zeros(v.shape[0])
        _tetra_weights(v, self.simplices, energy, bool(blochl), out)
        return out

# ====================================================================== PV average of 1/(ε_k − ε_{k+q})
#: Windows of the divided-difference table whose spread is below this fraction of their centre use the series.
_CLUSTER = 0.25
#: Maximum number of series terms (the terms fall at least as _CLUSTER^k).
_SERIES_TERMS = 60


@numba.njit(cache=True, error_model="numpy")
def _taylor_coefficient(n: int, k: int, c: float) -> float:
    """c^k f⁽ⁿ⁾(c)/n! for f(x) = x² ln|x|/2 (so f⁽³⁾ = 1/x) and n = m + k; c != 0.

    The factor c^k pairs with h_k(e/c) in :func:`_cluster_dd`: c^k/c^(n−2) = c^(2−m) has no power that
    can overflow, however small c is (c^(n−2) alone overflows for n ~ 60 and |c| < 1e-5).
    """
    scale = c**k
    if n == 0:
        return 0.5 * c * c * math.log(abs(c))
    if n == 1:
        return scale * (c * math.log(abs(c)) + 0.5 * c)
    if n == 2:
        return scale * 0.5 * (math.log(abs(c)) + 1.5)
    # f⁽ⁿ⁾(c) = (−1)^(n−3) (n−3)!/c^(n−2)  ->  c^k/n! ... = ±c^(2−m)/(n(n−1)(n−2)), m = n − k
    sign = 1.0 if (n - 3) % 2 == 0 else -1.0
    return sign * c ** (2 - (n - k)) / (n * (n - 1.0) * (n - 2.0))


@numba.njit(cache=True, error_model="numpy")
def _cluster_dd(x: np.ndarray, i: int, m: int) -> float:
    """f[x_i, ..., x_{i+m}] by the Taylor series about the window's mean c (all points near c != 0).

    (x − c)^(m+k) has divided difference h_k(e) on the window (e = x − c, h_k the complete homogeneous
    symmetric polynomial), so f[x_i..x_{i+m}] = Σ_k f⁽ᵐ⁺ᵏ⁾(c)/(m+k)! h_k(e), summed as
    Σ_k [c^k f⁽ᵐ⁺ᵏ⁾(c)/(m+k)!] h_k(e/c) (|e/c| <= 1/4: no power of c or e over- or underflows).
    """
    c = 0.0
    for j in range(i, i + m + 1):
        c += x[j]
    c /= m + 1
    h = np.zeros(_SERIES_TERMS)
    h[0] = 1.0
    for j in range(i, i + m + 1):
        e = (x[j] - c) / c
        for k in range(1, _SERIES_TERMS):
            h[k] += e * h[k - 1]
    total = 0.0
    previous = math.inf
    for k in range(_SERIES_TERMS):
        term = _taylor_coefficient(m + k, k, c) * h[k]
        total += term
        # h_k vanishes for odd k when the e are symmetric: stop only after two small terms in a row
        if k >= 2 and max(abs(term), previous) <= 1e-17 * abs(total):
            break
        previous = abs(term)
    return total


@numba.njit(cache=True, error_model="numpy")
def _first_difference(a: float, b: float) -> float:
    """f[a, b] = (f(b) − f(a))/(b − a), f = x² ln|x|/2, a != b, without forming x² (which underflows for
    |x| < 1e-154, losing the ln): (a + b) ln|b|/2 + a (a/(b − a)) (ln|b| − ln|a|)/2."""
    if a == 0.0:
        return 0.5 * b * math.log(abs(b))
    if b == 0.0:
        return 0.5 * a * math.log(abs(a))
    lb = math.log(abs(b))
    return 0.5 * (a + b) * lb + 0.5 * a * (a / (b - a)) * (lb - math.log(abs(a)))


@numba.njit(cache=True, error_model="numpy")
def _mean_inverse(x: np.ndarray) -> float:
    """Principal-value average of 1/d over a tetrahedron with vertex values x (sorted ascending).

    Hermite-Genocchi: ⟨1/d⟩ = 3! f[x0, x1, x2, x3] with f⁽³⁾ = 1/x, f = x² ln|x|/2. Newton's table;
    each window whose spread is <= _CLUSTER |centre| is evaluated by its Taylor series instead of the
    difference quotient (no cancellation for (near-)degenerate values). Infinite if three or more values
    vanish together (the zero surface of d lies on a face: log-divergent on each side).
    """
    table = np.empty(4)
    for j in range(4):
        table[j] = 0.0 if x[j] == 0.0 else 0.5 * x[j] * x[j] * math.log(abs(x[j]))
    for m in range(1, 4):
        for i in range(4 - m):
            lo = x[i]
            hi = x[i + m]
            spread = hi - lo
            centre = 0.5 * (lo + hi)
            if centre != 0.0 and spread <= _CLUSTER * abs(centre):   # [0, 0] is no cluster about 0
                table[i] = _cluster_dd(x, i, m)
            elif spread > 0.0 and m == 1:
                table[i] = _first_difference(lo, hi)
            elif spread > 0.0:
                table[i] = (table[i + 1] - table[i]) / spread
            else:  # every value of the window is 0
                table[i] = 0.0 if m == 1 else -math.inf
    return 6.0 * table[0]


#: The occupied part of a tetrahedron with 1, 2 or 3 vertices below ef (sorted corners 0..3, the
#: cut points in slots 4..6). _CUTS[case]: (slot, i0, i1) = the point of edge i0-i1 where ε = ef;
#: _PIECES[case]: the sub-tetrahedra (slot indices); -1 rows are unused. One vertex: vertex 0 and the
#: cuts on edges 01, 02, 03. Two: the prism (v0, p02, p03) / (v1, p12, p13) as (A B C A'),
#: (B C A' B'), (C A' B' C'), slot 2 (v2 is unoccupied) holding p13. Three: the prism
#: (v0, v1, v2) / (p03, p13, p23). Tables, so that _cut and _piece each have one call site (every
#: inlined copy costs seconds of compiling).
_CUTS = np.array([[[4, 0, 1], [5, 0, 2], [6, 0, 3], [-1, 0, 0]],
                  [[4, 0, 2], [5, 0, 3], [6, 1, 2], [2, 1, 3]],
                  [[4, 0, 3], [5, 1, 3], [6, 2, 3], [-1, 0, 0]]], dtype=np.int64)
_PIECES = np.array([[[0, 4, 5, 6], [-1, 0, 0, 0], [-1, 0, 0, 0]],
                    [[0, 4, 5, 1], [4, 5, 1, 6], [5, 1, 6, 2]],
                    [[0, 1, 2, 4], [1, 2, 4, 5], [2, 4, 5, 6]]], dtype=np.int64)


@numba.njit(cache=True, error_model="numpy")
def _piece(pts: np.ndarray, dv: np.ndarray, a: int, b: int, c: int, d: int) -> float:
    """Volume fraction × ⟨1/d⟩ of the sub-tetrahedron with points a, b, c, d of ``pts`` (values ``dv``).

    The points are barycentric (λ1, λ2, λ3), so the volume fraction is |det[b − a, c − a, d − a]|.
    """
    u = np.empty((3, 3))
    for k in range(3):
        u[0, k] = pts[b, k] - pts[a, k]
        u[1, k] = pts[c, k] - pts[a, k]
        u[2, k] = pts[d, k] - pts[a, k]
    frac = abs(u[0, 0] * (u[1, 1] * u[2, 2] - u[1, 2] * u[2, 1])
               - u[0, 1] * (u[1, 0] * u[2, 2] - u[1, 2] * u[2, 0])
               + u[0, 2] * (u[1, 0] * u[2, 1] - u[1, 1] * u[2, 0]))
    if frac == 0.0:
        return 0.0
    x = np.empty(4)
    x[0] = dv[a]
    x[1] = dv[b]
    x[2] = dv[c]
    x[3] = dv[d]
    sort_by(x, np.empty(4))
    return frac * _mean_inverse(x)


@numba.njit(cache=True, error_model="numpy")
def _cut(pts: np.ndarray, dv: np.ndarray, slot: int, corner: np.ndarray, es: np.ndarray, ds: np.ndarray,
         i0: int, i1: int, ef: float) -> None:
    """Point of edge i0-i1 where ε = ef, into ``slot``: barycentric position and interpolated d."""
    t = (ef - es[i0]) / (es[i1] - es[i0])
    for k in range(3):
        pts[slot, k] = corner[i0, k] + t * (corner[i1, k] - corner[i0, k])
    dv[slot] = ds[i0] + t * (ds[i1] - ds[i0])


@numba.njit(cache=True, error_model="numpy")
def _occupied_inverse(e: np.ndarray, d: np.ndarray, ef: float) -> float:
    """∫ θ(ef − ε)/d over one tetrahedron, as a fraction of its volume (PV; ε and d linear in it).

    The occupied part is a vertex tetrahedron (one vertex below ef), a triangular prism (two) or a
    truncated tetrahedron, i.e. a prism (three), each split into at most three tetrahedra; vertices on
    the edges by linear interpolation of ε, with d interpolated alike.
    """
    es = e.copy()
    ds = d.copy()
    sort_by(es, ds)
    if ef <= es[0]:
        return 0.0
    if ef >= es[3]:
        sort_by(ds, es)
        return _mean_inverse(ds)
    case = 0 if ef <= es[1] else (1 if ef <= es[2] else 2)  # vertices below ef: case + 1
    corner = np.zeros((4, 3))
    pts = np.zeros((7, 3))
    dv = np.empty(7)
    for j in range(4):
        if j > 0:
            corner[j, j - 1] = 1.0
            pts[j, j - 1] = 1.0
        dv[j] = ds[j]
    for r in range(_CUTS.shape[1]):
        if _CUTS[case, r, 0] >= 0:
            _cut(pts, dv, _CUTS[case, r, 0], corner, es, ds, _CUTS[case, r, 1], _CUTS[case, r, 2], ef)
    total = 0.0
    for r in range(_PIECES.shape[1]):
        if _PIECES[case, r, 0] >= 0:
            total += _piece(pts, dv, _PIECES[case, r, 0], _PIECES[case, r, 1], _PIECES[case, r, 2],
                            _PIECES[case, r, 3])
    return total


def cell_tetrahedra(lattice: Lattice, nk: int) -> np.ndarray:
    """The six tetrahedra of a mesh cell as corner indices (bit 0, 1, 2 = step along b1, b2, b3), sharing
    the cell's shortest main diagonal (the triangulation of :class:`TetrahedronMesh`).

    Parameters
    ----------
    lattice : Lattice
        A 3D lattice.
    nk : int
        Mesh divisions along each reciprocal vector (>= 1).

    Returns
    -------
    ndarray of int, shape (6, 4)
        Corner indices 0 ... 7 of each tetrahedron.

    Examples
    --------
    >>> cell_tetrahedra(Lattice.sc(1.0), 4).shape
    (6, 4)
    """
    if not isinstance(lattice, Lattice):
        raise TypeError(f"lattice must be a numeric.lattice.Lattice, got {type(lattice).__name__}")
    if lattice.dim != 3:
        raise ValueError(f"lattice.dim = {lattice.dim} is outside the valid range: 3 (tetrahedra)")
    nk = integer("nk", nk, 1)
    return simplex_offsets(lattice.reciprocal, (nk, nk, nk)) @ np.array([1, 2, 4])


def _corners(name: str, value: object) -> np.ndarray:
    arr = checked(name, value)
    if arr.shape != (4,):
        raise ValueError(f"{name} must have shape (4,) (the values at a tetrahedron's corners), got "
                         f"{arr.shape}")
    return np.ascontiguousarray(arr)


def _power_of_two_scale(x: np.ndarray, name: str) -> float:
    """2^k near max|x| (1 for x = 0): x/2^k is exact, in [−1, 1], and ⟨1/x⟩ = ⟨1/(x/2^k)⟩/2^k.

    ValueError if a non-zero value is below 2^−1000 max|x| (it would vanish in x/2^k; with three such
    values the exact average is finite but the kernel would see a log-divergent face).
    """
    top = float(np.max(np.abs(x)))
    if top == 0.0:
        return 1.0
    small = float(np.min(np.abs(x[x != 0.0])))
    if small < math.ldexp(top, -1000):
        decades = math.log10(top) - math.log10(small)
        raise ValueError(f"{name} = {x.tolist()} spans {decades:.0f} decades, outside the valid range: "
                         "non-zero values within 300 decades of the largest")
    return math.ldexp(1.0, math.frexp(top)[1])


def mean_inverse(x: ArrayLike) -> float:
    """Principal-value average of 1/d over a tetrahedron with corner values x (sorted ascending), 1/unit of x.

    Parameters
    ----------
    x : array_like, shape (4,)
        The values of d at the four corners, ascending, finite.

    Returns
    -------
    float
        ⟨1/d⟩ (PV); ±inf when three or more values vanish together (log-divergent).
        See :func:`_mean_inverse` (Hermite-Genocchi).

    Examples
    --------
    >>> mean_inverse([2.0, 2.0, 2.0, 2.0])
    0.5
    """
    x = _corners("x", x)
    if np.any(np.diff(x) < 0.0):
        raise ValueError(f"x = {x.tolist()} must be sorted ascending")
    s = _power_of_two_scale(x, "x")
    return float(_mean_inverse(x / s)) / s


def occupied_inverse(e: ArrayLike, d: ArrayLike, ef: float) -> float:
    """∫ θ(ef − ε)/d over one tetrahedron as a fraction of its volume (PV; ε and d linear), 1/unit of d.

    Parameters
    ----------
    e : array_like, shape (4,)
        ε at the corners (any order), finite.
    d : array_like, shape (4,)
        d at the same corners, finite.
    ef : float
        The occupation edge, the unit of ``e``, finite.

    Examples
    --------
    >>> occupied_inverse([0.0, 1.0, 2.0, 3.0], [2.0, 2.0, 2.0, 2.0], 5.0)
    0.5
    """
    d = _corners("d", d)
    s = _power_of_two_scale(d, "d")
    return float(_occupied_inverse(_corners("e", e), d / s, scalar("ef", ef))) / s


def occupied_inverse_average(eps: ArrayLike, eps_q: ArrayLike, ef: float, tetra: ArrayLike) -> float:
    """BZ average ⟨θ(ef − ε_k)/(ε_k − ε_{k+q})⟩ (PV) on a periodic N1×N2×N3 mesh, 6 tetrahedra per cell.

    Parameters
    ----------
    eps, eps_q : array_like, shape (N1, N2, N3)
        ε_k and ε_{k+q} on the mesh, finite, one unit.
    ef : float
        The Fermi level, same unit, finite.
    tetra : array_like of int, shape (6, 4)
        Corner indices 0 ... 7 of the cell's tetrahedra (:func:`cell_tetrahedra`).

    Returns
    -------
    float
        The average, 1/unit of ε (±inf when d vanishes on a face of some tetrahedron).
    """
    eps_a = checked("eps", eps)
    eps_q_a = checked("eps_q", eps_q)
    if eps_a.ndim != 3 or eps_a.size == 0 or eps_q_a.shape != eps_a.shape:
        raise ValueError(f"eps and eps_q must be (N1, N2, N3) arrays of one shape, got {eps_a.shape} and "
                         f"{eps_q_a.shape}")
    t = np.asarray(tetra)
    if t.shape != (6, 4) or t.dtype.kind not in "iu" or t.min() < 0 or t.max() > 7:
        raise ValueError(f"tetra must be a (6, 4) integer array of corner indices 0 ... 7 (cell_tetrahedra), "
                         f"got shape {t.shape}, dtype {t.dtype}")
    return float(_occupied_inverse_average(np.ascontiguousarray(eps_a), np.ascontiguousarray(eps_q_a),
                                           scalar("ef", ef), np.ascontiguousarray(t, dtype=np.int64)))


@numba.njit(cache=True, error_model="numpy")
def _occupied_inverse_average(eps: np.ndarray, eps_q: np.ndarray, ef: float, tetra: np.ndarray) -> float:
    """BZ average ⟨θ(ef − ε_k)/(ε_k − ε_{k+q})⟩ (PV) on a periodic N1×N2×N3 mesh, 6 tetrahedra per cell
    (``tetra``: their corner indices in the cell, from :func:`cell_tetrahedra`)."""
    n1, n2, n3 = eps.shape
    total = 0.0
    ce = np.empty(8)
    cd = np.empty(8)
    e = np.empty(4)
    d = np.empty(4)
    for i in range(n1):
        for j in range(n2):
            for i3 in range(n3):
                low = math.inf
                for c in range(8):
                    a = (i + (c & 1)) % n1
                    b = (j + ((c >> 1) & 1)) % n2
                    g = (i3 + ((c >> 2) & 1)) % n3
                    ce[c] = eps[a, b, g]
                    cd[c] = eps[a, b, g] - eps_q[a, b, g]
                    low = min(low, ce[c])
                if low >= ef:
                    continue
                for t in range(6):
                    for v in range(4):
                        e[v] = ce[tetra[t, v]]
                        d[v] = cd[tetra[t, v]]
                    total += _occupied_inverse(e, d, ef)
    return total / (6.0 * n1 * n2 * n3)


# ====================================================================== double delta δ(ε − E) δ(ε' − E)
#: |∇ε × ∇ε'| below this fraction of |∇ε| |∇ε'| counts as parallel (round-off of the corner differences).
_PARALLEL = 1e-10
#: Edges (i, j) of a simplex (corners sorted by ε) that the surface ε = E cuts, by the number of corners
#: below E, in the cyclic order of the cut polygon (the quadrilateral's edges 02, 03, 13, 12 go round it).
#: Rows of -1 are unused. 3D: 1, 2, 3 corners below; 2D (rows 3, 4): 1, 2 corners below.
_DD_EDGES = np.array([[[0, 1], [0, 2], [0, 3], [-1, -1]],
                      [[0, 2], [0, 3], [1, 3], [1, 2]],
                      [[0, 3], [1, 3], [2, 3], [-1, -1]],
                      [[0, 1], [0, 2], [-1, -1], [-1, -1]],
                      [[0, 2], [1, 2], [-1, -1], [-1, -1]]], dtype=np.int64)


@numba.njit(cache=True, error_model="numpy")
def _cut_points(es: np.ndarray, below: int, pts: np.ndarray) -> int:
    """The corners of the cut ε = 0 of a simplex (values ``es`` sorted ascending, ``below`` of them < 0)
    as barycentric rows of ``pts`` (the edges of :data:`_DD_EDGES`, in order round the polygon); returns
    how many (2 in 2D, 3 or 4 in 3D)."""
    case = below - 1 if es.shape[0] == 4 else below + 2
    count = 0
    for r in range(4):
        i = _DD_EDGES[case, r, 0]
        if i < 0:
            break
        j = _DD_EDGES[case, r, 1]
        t = -es[i] / (es[j] - es[i])
        for c in range(4):
            pts[r, c] = 0.0
        pts[r, i] = 1.0 - t
        pts[r, j] = t
        count += 1
    return count


@numba.njit(cache=True, error_model="numpy")
def _dd_simplex(e: np.ndarray, f: np.ndarray, w: np.ndarray) -> None:
    """Corner weights w of ∫ δ(ε) δ(ε') X dλ over the reference simplex (ε, ε', X linear), X = Σ_j w_j X_j.

    The reference simplex has corner 0 at the origin and corner j at the unit vector ê_j of the
    barycentric coordinates λ (volume 1/d!). With a = ∇_λ ε and b = ∇_λ ε' (constant), the co-area
    formula gives ∫ δ(ε) δ(ε') X dλ = ∫_C X dl/|a × b| over the curve C where both vanish (3D: a
    segment, in 2D a point with weight 1/|det(a, b)|). ε = 0 cuts the simplex in a triangle or a
    quadrilateral (two triangles; in 2D a segment), ε' is linear on it, so C is a segment whose ends
    and length follow exactly; X is linear along it (its mean is the value at the midpoint).
    Corners with ε = 0 count as above (half-open, as :func:`_simplex_sums`). ``w`` gets d + 1 weights
    in the order of ``e``; all 0 where the simplex misses either surface, or where the gradients are
    parallel to within round-off (|a × b| <= _PARALLEL |a| |b|: ε' = ±ε + c, whose surfaces never meet
    for c != 0 and coincide, an infinite double delta, for c = 0, e.g. q = 0).
    """
    n = e.shape[0]
    below = 0
    f_below = 0
    for j in range(n):
        w[j] = 0.0
        if e[j] < 0.0:
            below += 1
        if f[j] < 0.0:
            f_below += 1
    if below == 0 or below == n or f_below == 0 or f_below == n:
        return
    perm = np.empty(n, dtype=np.int64)
    es = np.empty(n)
    for j in range(n):
        perm[j] = j
        es[j] = e[j]
    sort_by(es, perm)
    fs = np.empty(n)
    for j in range(n):
        fs[j] = f[perm[j]]
    pts = np.empty((4, 4))                   # barycentric points (corner weights, sorted frame)
    count = _cut_points(es, below, pts)
    fp = np.zeros(4)
    for r in range(count):
        for j in range(n):
            fp[r] += pts[r, j] * fs[j]
    if n == 3:                               # 2D: the point of the segment where ε' = 0
        a0, a1, b0, b1 = es[1] - es[0], es[2] - es[0], fs[1] - fs[0], fs[2] - fs[0]
        det = abs(a0 * b1 - a1 * b0)
        if det <= _PARALLEL * math.hypot(a0, a1) * math.hypot(b0, b1) or (fp[0] < 0.0) == (fp[1] < 0.0):
            return
        s = fp[0] / (fp[0] - fp[1])
        for j in range(3):
            w[perm[j]] = ((1.0 - s) * pts[0, j] + s * pts[1, j]) / det
        return
    a0, a1, a2 = es[1] - es[0], es[2] - es[0], es[3] - es[0]
    b0, b1, b2 = fs[1] - fs[0], fs[2] - fs[0], fs[3] - fs[0]
    c0, c1, c2 = a1 * b2 - a2 * b1, a2 * b0 - a0 * b2, a0 * b1 - a1 * b0
    cross = math.sqrt(c0 * c0 + c1 * c1 + c2 * c2)
    if cross <= _PARALLEL * math.sqrt((a0 * a0 + a1 * a1 + a2 * a2) * (b0 * b0 + b1 * b1 + b2 * b2)):
        return
    ends = np.empty((2, 4))
    for tri in range(count - 2):             # the fan (0, 1, 2), (0, 2, 3)
        found = 0
        for side in range(3):
            p = 0 if side == 0 else tri + side
            q = tri + 1 if side == 0 else (tri + 2 if side == 1 else 0)
            if (fp[p] < 0.0) != (fp[q] < 0.0) and found < 2:
                s = fp[p] / (fp[p] - fp[q])
                for j in range(4):
                    ends[found, j] = (1.0 - s) * pts[p, j] + s * pts[q, j]
                found += 1
        if found != 2:
            continue
        length = math.sqrt((ends[0, 1] - ends[1, 1]) ** 2 + (ends[0, 2] - ends[1, 2]) ** 2
                           + (ends[0, 3] - ends[1, 3]) ** 2)
        c = 0.5 * length / cross
        for j in range(4):
            w[perm[j]] += c * (ends[0, j] + ends[1, j])


@numba.njit(cache=True, error_model="numpy")
def _dd_weights(values: np.ndarray, values_q: np.ndarray, simplices: np.ndarray, factor: float,
                out: np.ndarray) -> None:
    """out[k] += factor × Σ_T (corner weight of k in T) of δ(ε) δ(ε') (ε, ε' already shifted by E)."""
    n = simplices.shape[1]
    e = np.empty(n)
    f = np.empty(n)
    w = np.empty(n)
    for r in range(simplices.shape[0]):
        for j in range(n):
            e[j] = values[simplices[r, j]]
            f[j] = values_q[simplices[r, j]]
        _dd_simplex(e, f, w)
        for j in range(n):
            out[simplices[r, j]] += factor * w[j]


@numba.njit(cache=True, error_model="numpy")
def _gauss_dd_weights(values: np.ndarray, values_q: np.ndarray, width: float, out: np.ndarray) -> None:
    """out[k] = g(ε_k) g(ε'_k)/N with the normalised Gaussian g(x) = exp(−x²/2w²)/(√(2π) w)."""
    norm = 1.0 / (2.0 * math.pi * width * width * values.shape[0])
    s = 0.5 / (width * width)
    for k in range(values.shape[0]):
        out[k] = norm * math.exp(-(values[k] * values[k] + values_q[k] * values_q[k]) * s)


def _dd_inputs(mesh: TetrahedronMesh, values: ArrayLike, values_q: ArrayLike,
               E: float) -> tuple[np.ndarray, np.ndarray]:
    n = mesh.k.shape[0]
    out = []
    for name, v in (("values", values), ("values_q", values_q)):
        arr = checked(name, v)
        if arr.shape != (n,):
            raise ValueError(f"{name} must have shape ({n},) (one per mesh point), got {arr.shape}")
        out.append(arr)
    energy = scalar("E", E)
    return np.ascontiguousarray(out[0] - energy), np.ascontiguousarray(out[1] - energy)


def _dd_input(mesh: TetrahedronMesh, values: ArrayLike, E: float) -> np.ndarray:
    """values − E of one band on the mesh (:func:`_dd_inputs` without the second band), validated."""
    n = mesh.k.shape[0]
    arr = checked("values", values)
    if arr.shape != (n,):
        raise ValueError(f"values must have shape ({n},) (one per mesh point), got {arr.shape}")
    return np.ascontiguousarray(arr - scalar("E", E))


def double_delta_weights(mesh: TetrahedronMesh, values: ArrayLike, values_q: ArrayLike, E: float, *,
                         method: str = "tetrahedron", width: float | None = None) -> np.ndarray:
    """Weights w_k with Σ_k w_k X_k ≈ (1/V_BZ) ∫ δ(ε_k − E) δ(ε'_k − E) X_k d^dk (2D and 3D meshes).

    ε' is any second band on the same mesh, typically ε'_k = ε_{k+q}; the result is the double-delta
    BZ average (the nesting function ξ(q) of :func:`lattice_nesting_function` before its units).

    Parameters
    ----------
    mesh : TetrahedronMesh
        A 2D or 3D mesh.
    values, values_q : array_like, shape (N,)
        ε and ε' at the mesh points :attr:`TetrahedronMesh.k` (one unit, finite).
    E : float
        The energy of both deltas (the Fermi level), same unit, finite.
    method : {"tetrahedron", "smearing"}
        ``"tetrahedron"``: ε, ε' and X linear in each simplex; the weights are exact for that
        interpolation (:func:`_dd_simplex`: in 3D the surface ε = E cuts each tetrahedron in a triangle
        or quadrilateral, on which ε' = E is a segment; its ends and length give the corner weights,
        divided by |∇ε × ∇ε'|). ``"smearing"``: both deltas replaced by normalised Gaussians of
        standard deviation ``width`` on the mesh points, w_k = g(ε_k − E) g(ε'_k − E)/N.
    width : float, optional
        Gaussian width, same unit as ``values`` (> 0; smearing only, required there).

    Returns
    -------
    ndarray, shape (N,)
        Weights in 1/unit² (BZ fraction per unit energy squared, per spin).

    Notes
    -----
    Sum rule: (1/N_q) Σ_q Σ_k w_k(q) = D(E)² (D the BZ-fraction DOS of :meth:`TetrahedronMesh.density`)
    for q on the mesh (exact for smearing; for tetrahedra up to the discretisation of the singular q -> 0
    region, ~2 % at 16³). Convergence at a fixed q (tests/numeric/test_double_delta.py, against exact
    crossing sums): 3D, a curve integral over many tetrahedra, fitted order ~2.4 in the mesh spacing h
    (2e-3 relative at 48³ for the sc band); 2D, a sum over isolated crossing points each weighted with
    the gradients of one triangle, order ~1 with a sign that changes from mesh to mesh (2e-3 at 256²).
    q-sums (λ) average these errors.

    The optimized tetrahedron method (Kawamura, Gohda & Tsuneyuki, Phys. Rev. B 89, 094515 (2014)) is
    not implemented: it replaces the corner values by a least-squares fit over 20 mesh points per
    tetrahedron, a matrix of fitted coefficients that this project would have to derive (not type
    in) and test first; for λ the product of single-delta weights
    (:func:`numeric.eliashberg_function.lattice_eliashberg`, ``method="product"``) already converges
    to 1e-3 on modest meshes (benchmarks/eliashberg.py).

    Examples
    --------
    >>> mesh = TetrahedronMesh(Lattice.sc(1.0), 16)
    >>> eps = -2 * np.cos(mesh.k).sum(axis=1)
    >>> w = double_delta_weights(mesh, eps, eps + 1.0, 0.5)    # ε' − ε = 1: the surfaces never meet
    >>> float(w.sum())
    0.0
    """
    if not isinstance(mesh, TetrahedronMesh):
        raise TypeError(f"mesh must be a numeric.tetrahedron.TetrahedronMesh, got {type(mesh).__name__}")
    if mesh.lattice.dim not in (2, 3):
        raise ValueError(f"mesh.lattice.dim = {mesh.lattice.dim} is outside the valid range: 2 or 3")
    if method not in ("tetrahedron", "smearing"):
        raise ValueError(f"method = {method!r} is outside the valid range: 'tetrahedron' or 'smearing'")
    e, f = _dd_inputs(mesh, values, values_q, E)
    out = np.zeros(e.shape[0])
    if method == "smearing":
        if width is None:
            raise ValueError("width = None is outside the valid range (0, inf): smearing needs a width")
        _gauss_dd_weights(e, f, scalar("width", width, 0.0, low_open=True), out)
    else:
        if width is not None:
            scalar("width", width, 0.0, low_open=True)
        _dd_weights(e, f, mesh.simplices, math.factorial(mesh.lattice.dim) / mesh.simplices.shape[0], out)
    return out


@numba.njit(cache=True, error_model="numpy")
def _shifted_index(coords: np.ndarray, sizes: np.ndarray, shifts: np.ndarray, k: int,
                   iq: int) -> int:  # pragma: no cover - compiled
    """Flat (C order of ``sizes``) index of mesh point k moved by the mesh shift ``shifts[iq]`` (periodic)."""
    flat = 0
    for a in range(sizes.shape[0]):
        c = coords[k, a] + shifts[iq, a]
        if c >= sizes[a]:
            c -= sizes[a]
        flat = flat * sizes[a] + c
    return flat


@numba.njit(cache=True, error_model="numpy")
def _dd_mesh(values: np.ndarray, simplices: np.ndarray, coords: np.ndarray, sizes: np.ndarray,
             shifts: np.ndarray, field: np.ndarray, factor: float,
             out: np.ndarray) -> None:  # pragma: no cover - compiled
    """For each mesh shift q (rows of ``shifts``, integer steps in [0, n_i)), the double-delta sums over
    the simplices given (those that ε = 0 cuts: the others contribute nothing), ε' = ε_{k+q} read from the
    same periodic mesh (``coords``: the integer mesh coordinates of each point, C order of ``sizes``):
    out[q, 0] = Σ_k w_k, out[q, 1] = Σ_k w_k |F_k − F_{k+q}|², out[q, 2] = Σ_k w_k |F_k|² (F = ``field``,
    (N, m), linear in each simplex like ε), each times ``factor``."""
    n = simplices.shape[1]
    m = field.shape[1]
    e = np.empty(n)
    f = np.empty(n)
    w = np.empty(n)
    moved = np.empty(n, dtype=np.int64)
    for iq in range(shifts.shape[0]):
        s0 = 0.0
        s1 = 0.0
        s2 = 0.0
        for r in range(simplices.shape[0]):
            lo = 0
            for j in range(n):
                moved[j] = _shifted_index(coords, sizes, shifts, simplices[r, j], iq)
                f[j] = values[moved[j]]
                if f[j] < 0.0:
                    lo += 1
            if lo == 0 or lo == n:
                continue
            for j in range(n):
                e[j] = values[simplices[r, j]]
            _dd_simplex(e, f, w)
            for j in range(n):
                if w[j] == 0.0:
                    continue
                k = simplices[r, j]
                diff = 0.0
                norm = 0.0
                for c in range(m):
                    x = field[k, c]
                    y = field[moved[j], c]
                    diff += (x - y) * (x - y)
                    norm += x * x
                s0 += w[j]
                s1 += w[j] * diff
                s2 += w[j] * norm
        out[iq, 0] = factor * s0
        out[iq, 1] = factor * s1
        out[iq, 2] = factor * s2


_MESHES: dict[tuple, TetrahedronMesh] = {}


def _cached_mesh(lattice: Lattice, divisions: int) -> TetrahedronMesh:
    """A :class:`TetrahedronMesh`, kept for the next call (at most two, lattices compared by identity)."""
    key = (lattice, divisions)
    if key not in _MESHES:
        if len(_MESHES) > 1:
            _MESHES.clear()
        _MESHES[key] = TetrahedronMesh(lattice, divisions)
    return _MESHES[key]


def _lattice_domain(electrons: object, needed_by: str) -> TetrahedronBZ:
    """The domain (TetrahedronBZ) of a 2D or 3D lattice band, else ValueError naming ``needed_by``.

    Examples
    --------
    >>> from numeric.electrons import FreeElectronGas
    >>> _lattice_domain(FreeElectronGas.copper(), "nesting_function")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: electrons.domain = FermiSphere is outside the valid range of nesting_function: ...
    """
    domain = band_domain(electrons)
    if not isinstance(domain, TetrahedronBZ):
        raise ValueError(f"electrons.domain = {type(domain).__name__} is outside the valid range of "
                         f"{needed_by}: TetrahedronBZ (a band on a lattice, e.g. TightBinding)")
    if domain.lattice.dim not in (2, 3):
        raise ValueError(f"electrons.dim = {domain.lattice.dim} is outside the valid range of {needed_by}: "
                         "2 or 3")
    return domain


def lattice_nesting_function(electrons: object, q: ArrayLike, *, mesh: int = 32, method: str = "tetrahedron",
                             width: float | None = None) -> np.ndarray | float:
    """Nesting function ξ(q) = ∫_BZ d^dk/(2π)^d δ(ε_k − E_F) δ(ε_{k+q} − E_F) of a lattice band, 1/(J² m^d).

    The lattice-band branch of :func:`numeric.eliashberg_function.nesting_function` (the physics entry
    point, which takes any band model).

    **Per unit volume and per spin** (each k counted once): ∫_BZ ξ(q) d^dq/(2π)^d = N(E_F)² with
    N(E_F) = g(E_F)/2 the DOS per spin and volume. For a parabolic band of mass m in 3D,
    ξ(q) = m²/(4π²ħ⁴q) for q < 2k_F (derivation ``nesting_function_sphere``).

    Parameters
    ----------
    electrons : numeric.bands.BandModel
        A band on a lattice (domain :class:`numeric.bands.TetrahedronBZ`, e.g.
        :class:`numeric.electrons.TightBinding`), 2D or 3D; its ``energies``, ``fermi_level``.
    q : array_like, shape (..., d)
        Wavevectors, 1/m (finite; q = 0 or a reciprocal-lattice vector gives inf with tetrahedra: the
        surfaces coincide).
    mesh : int, optional
        Γ-centred mesh divisions per reciprocal vector (2 to 96 in 3D, 2 to 1024 in 2D), default 32.
    method : {"tetrahedron", "smearing"}, optional
        See :func:`double_delta_weights` (tetrahedra: ε_k and ε_{k+q} linear in each tetrahedron).
    width : float, optional
        Gaussian width, J (> 0; smearing only, required there).

    Returns
    -------
    float or ndarray
        ξ(q) in 1/(J² m^d), shape (...) of q.

    Notes
    -----
    ξ(q) = D_dd(q)/(Ω s²), with D_dd the BZ-fraction double delta of :func:`double_delta_weights` in
    units s = ``electrons.domain.energy_scale`` and Ω the cell volume. Symmetric, ξ(−q) = ξ(q), and periodic
    in the reciprocal lattice. Convergence and the method: :func:`double_delta_weights`.

    Examples
    --------
    >>> from numeric.electrons import TightBinding
    >>> from numeric.constants import hbar
    >>> tb = TightBinding(Lattice.sc(3e-10), 1.6e-19, electrons_per_cell=0.05)
    >>> k_F = (3 * np.pi**2 * tb.n) ** (1 / 3)
    >>> xi = lattice_nesting_function(tb, [0.5 * k_F, 0.0, 0.0], mesh=48)
    >>> free = tb.effective_mass**2 / (4 * np.pi**2 * hbar**4 * 0.5 * k_F)     # m*²/(4π²ħ⁴q)
    >>> round(float(xi / free), 2)                     # → 1 as the filling → 0 (0.02: 1.09)
    1.19
    """
    domain = _lattice_domain(electrons, "lattice_nesting_function")
    lattice = domain.lattice
    d = lattice.dim
    n = integer("mesh", mesh, 2, {2: 1024, 3: 96}[d])
    qs = checked("q", q)
    if qs.ndim == 0 or qs.shape[-1] != d:
        raise ValueError(f"q must have shape (..., {d}) for a {d}D band, got shape {qs.shape}")
    scale = domain.energy_scale
    if method not in ("tetrahedron", "smearing"):
        raise ValueError(f"method = {method!r} is outside the valid range: 'tetrahedron' or 'smearing'")
    w = None if width is None else scalar("width", width, 0.0, low_open=True) / scale
    if method == "smearing" and w is None:
        raise ValueError("width = None is outside the valid range (0, inf): smearing needs a width")
    tm = _cached_mesh(lattice, n)
    ef = float(electrons.fermi_level) / scale  # type: ignore[attr-defined]
    eps = np.asarray(electrons.energies(tm.k), dtype=float) / scale  # type: ignore[attr-defined]
    flat = qs.reshape(-1, d)
    out = np.empty(flat.shape[0])
    u = flat @ lattice.primitive.T / (2.0 * math.pi)              # q in units of the b_i
    for i, qv in enumerate(flat):
        eps_q = np.asarray(electrons.energies(tm.k + qv), dtype=float) / scale  # type: ignore[attr-defined]
        if method == "tetrahedron" and np.all(np.abs(u[i] - np.round(u[i])) <= 1e-12):
            out[i] = math.inf                                      # q = G: the two surfaces coincide
            continue
        out[i] = double_delta_weights(tm, eps, eps_q, ef, method=method, width=w).sum()
    out /= lattice.cell_volume * scale * scale
    return float(out[0]) if qs.ndim == 1 else out.reshape(qs.shape[:-1])


@numba.njit(cache=True, error_model="numpy")
def _gauss_dd_mesh(values: np.ndarray, coords: np.ndarray, sizes: np.ndarray, shifts: np.ndarray,
                   field: np.ndarray, width: float, out: np.ndarray) -> None:  # pragma: no cover
    """:func:`_dd_mesh` with both deltas normalised Gaussians on the mesh points (w_k = g(ε_k) g(ε_{k+q})/N);
    points with |ε_k| > 9 widths are skipped (their Gaussian is below e^(−40))."""
    nk = values.shape[0]
    m = field.shape[1]
    norm = 1.0 / (2.0 * math.pi * width * width * nk)
    s = 0.5 / (width * width)
    near = np.empty(nk, dtype=np.int64)
    count = 0
    for k in range(nk):
        if abs(values[k]) <= 9.0 * width:
            near[count] = k
            count += 1
    for iq in range(shifts.shape[0]):
        s0 = 0.0
        s1 = 0.0
        s2 = 0.0
        for i in range(count):
            k = near[i]
            flat = _shifted_index(coords, sizes, shifts, k, iq)
            x = values[flat]
            if abs(x) > 9.0 * width:
                continue
            w = norm * math.exp(-(values[k] * values[k] + x * x) * s)
            diff = 0.0
            sq = 0.0
            for c in range(m):
                y = field[k, c]
                z = field[flat, c]
                diff += (y - z) * (y - z)
                sq += y * y
            s0 += w
            s1 += w * diff
            s2 += w * sq
        out[iq, 0] = s0
        out[iq, 1] = s1
        out[iq, 2] = s2


def double_delta_on_mesh(mesh: TetrahedronMesh, values: ArrayLike, E: float, shifts: ArrayLike,
                         field: ArrayLike | None = None, *, method: str = "tetrahedron",
                         width: float | None = None) -> np.ndarray:
    """Double-delta sums of ε_k and ε_{k+q} for q on the mesh itself (ε_{k+q} read from the mesh).

    For each q = Σ_i s_i b_i/n_i (integer steps ``shifts``):

        out[q, 0] = (1/V_BZ) ∫ δ(ε_k − E) δ(ε_{k+q} − E) d^dk,
        out[q, 1] = (1/V_BZ) ∫ δ δ |F_k − F_{k+q}|² d^dk,   out[q, 2] = (1/V_BZ) ∫ δ δ |F_k|² d^dk,

    with the weights of :func:`double_delta_weights` (F, e.g. the velocity, linear in each simplex like
    ε). Only the simplices that ε = E cuts are visited (the others contribute nothing), which makes a
    q-sum over the whole mesh O(n^d × the simplices at the Fermi surface).

    Parameters
    ----------
    mesh : TetrahedronMesh
        A 2D or 3D mesh.
    values : array_like, shape (N,)
        ε at the mesh points (finite, any unit).
    E : float
        The energy of both deltas, same unit.
    shifts : array_like of int, shape (Q, d)
        q in mesh steps, each in [0, n_i).
    field : array_like, shape (N, m), optional
        F at the mesh points (finite); default none (out[:, 1:] = 0).
    method, width
        As :func:`double_delta_weights`.

    Returns
    -------
    ndarray, shape (Q, 3)
        The three sums, 1/unit² (times the unit of F² for the last two).

    Examples
    --------
    >>> mesh = TetrahedronMesh(Lattice.sc(1.0), 12)
    >>> eps = -2 * np.cos(mesh.k).sum(axis=1)
    >>> shifts = np.stack(np.unravel_index(np.arange(12**3), (12, 12, 12)), -1)
    >>> dd = double_delta_on_mesh(mesh, eps, -1.1, shifts)[:, 0]      # sum rule: ≈ D(E)²
    >>> round(float(dd.mean() / mesh.density(eps, -1.1) ** 2), 2)
    0.99
    """
    if not isinstance(mesh, TetrahedronMesh):
        raise TypeError(f"mesh must be a numeric.tetrahedron.TetrahedronMesh, got {type(mesh).__name__}")
    d = mesh.lattice.dim
    if d not in (2, 3):
        raise ValueError(f"mesh.lattice.dim = {d} is outside the valid range: 2 or 3")
    if method not in ("tetrahedron", "smearing"):
        raise ValueError(f"method = {method!r} is outside the valid range: 'tetrahedron' or 'smearing'")
    e = _dd_input(mesh, values, E)
    n = e.shape[0]
    sizes = np.asarray(mesh.divisions, dtype=np.int64)
    s = np.asarray(shifts)
    if (s.ndim != 2 or s.shape[1] != d or s.dtype.kind not in "iu" or s.size == 0
            or np.any(s < 0) or np.any(s >= sizes)):
        raise ValueError(f"shifts must be a (Q, {d}) integer array with 0 <= shifts[:, i] < "
                         f"{mesh.divisions}, got shape {s.shape}, dtype {s.dtype}")
    F = np.zeros((n, 0)) if field is None else checked("field", field)
    if F.ndim != 2 or F.shape[0] != n:
        raise ValueError(f"field must have shape ({n}, m) (one row per mesh point), got {F.shape}")
    coords = np.stack(np.unravel_index(np.arange(n), mesh.divisions), -1).astype(np.int64)
    s = np.ascontiguousarray(s, dtype=np.int64)
    F = np.ascontiguousarray(F)
    out = np.zeros((s.shape[0], 3))
    if method == "smearing":
        if width is None:
            raise ValueError("width = None is outside the valid range (0, inf): smearing needs a width")
        _gauss_dd_mesh(e, coords, sizes, s, F, scalar("width", width, 0.0, low_open=True), out)
        return out
    if width is not None:
        scalar("width", width, 0.0, low_open=True)
    corners = e[mesh.simplices]
    below = (corners < 0.0).sum(axis=1)
    cut = np.ascontiguousarray(mesh.simplices[(below > 0) & (below < d + 1)])
    _dd_mesh(e, cut, coords, sizes, s, F, math.factorial(d) / mesh.simplices.shape[0], out)
    return out


@numba.njit(cache=True, error_model="numpy")
def _delta_weights(values: np.ndarray, simplices: np.ndarray, factor: float,
                   out: np.ndarray) -> None:  # pragma: no cover - compiled
    """out[k] += factor × corner weights of ∫ δ(ε) X dλ over each simplex (reference volume 1/d!): the cut
    ε = 0 (a segment in 2D, a triangle or quadrilateral in 3D; corners of :data:`_DD_EDGES`) has measure
    A in λ and centroid c, and ∫ δ(ε) X dλ = A X(c)/|∇_λ ε| for linear X."""
    n = simplices.shape[1]
    es = np.empty(n)
    perm = np.empty(n, dtype=np.int64)
    pts = np.zeros((4, 4))
    for r in range(simplices.shape[0]):
        below = 0
        for j in range(n):
            es[j] = values[simplices[r, j]]
            perm[j] = simplices[r, j]
            if es[j] < 0.0:
                below += 1
        if below == 0 or below == n:
            continue
        sort_by(es, perm)
        grad = 0.0
        for j in range(1, n):
            grad += (es[j] - es[0]) ** 2
        grad = math.sqrt(grad)
        count = _cut_points(es, below, pts)
        if n == 3:
            length = math.sqrt((pts[0, 1] - pts[1, 1]) ** 2 + (pts[0, 2] - pts[1, 2]) ** 2)
            for c in range(3):
                out[perm[c]] += factor * length / grad * 0.5 * (pts[0, c] + pts[1, c])
            continue
        for tri in range(count - 2):                                # the fan (0, 1, 2), (0, 2, 3)
            p1, p2 = tri + 1, tri + 2
            u0, u1, u2 = pts[p1, 1] - pts[0, 1], pts[p1, 2] - pts[0, 2], pts[p1, 3] - pts[0, 3]
            v0, v1, v2 = pts[p2, 1] - pts[0, 1], pts[p2, 2] - pts[0, 2], pts[p2, 3] - pts[0, 3]
            area = 0.5 * math.sqrt((u1 * v2 - u2 * v1) ** 2 + (u2 * v0 - u0 * v2) ** 2
                                   + (u0 * v1 - u1 * v0) ** 2)
            for c in range(4):
                out[perm[c]] += factor * area / grad * (pts[0, c] + pts[p1, c] + pts[p2, c]) / 3.0


def delta_weights(mesh: TetrahedronMesh, values: ArrayLike, E: float) -> np.ndarray:
    """Weights w_k with Σ_k w_k X_k ≈ (1/V_BZ) ∫ δ(ε_k − E) X_k d^dk, ε and X linear in each simplex (2D, 3D).

    The surface ε = E cuts each simplex in a segment (2D), triangle or quadrilateral (3D) of measure A
    (in barycentric coordinates) and centroid c; the simplex contributes A X(c)/|∇ε|. Σ_k w_k equals the
    linear-tetrahedron DOS :meth:`TetrahedronMesh.density` (BJA appendix A).

    Parameters
    ----------
    mesh : TetrahedronMesh
        A 2D or 3D mesh.
    values : array_like, shape (N,)
        ε at the mesh points (finite).
    E : float
        The energy, same unit.

    Returns
    -------
    ndarray, shape (N,)
        Weights, 1/unit (BZ fraction per unit energy, per spin).

    Examples
    --------
    >>> mesh = TetrahedronMesh(Lattice.sc(1.0), 12)
    >>> eps = -2 * np.cos(mesh.k).sum(axis=1)
    >>> bool(abs(delta_weights(mesh, eps, -1.1).sum() / mesh.density(eps, -1.1) - 1) < 1e-12)
    True
    """
    if not isinstance(mesh, TetrahedronMesh):
        raise TypeError(f"mesh must be a numeric.tetrahedron.TetrahedronMesh, got {type(mesh).__name__}")
    if mesh.lattice.dim not in (2, 3):
        raise ValueError(f"mesh.lattice.dim = {mesh.lattice.dim} is outside the valid range: 2 or 3")
    e = _dd_input(mesh, values, E)
    out = np.zeros(e.shape[0])
    _delta_weights(e, mesh.simplices, math.factorial(mesh.lattice.dim) / mesh.simplices.shape[0], out)
    return out
