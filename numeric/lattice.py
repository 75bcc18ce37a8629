"""Bravais lattices with one atom per cell: reciprocal lattice, first Brillouin zone, k-point meshes (SI).

:class:`Lattice` holds the primitive vectors (rows, in m) of a chain, square,
sc, bcc or fcc lattice (or any Bravais lattice in 1, 2 or 3 dimensions) and
derives from them everything a Brillouin-zone (BZ) integrator needs:

* the reciprocal vectors b_i with a_i·b_j = 2π δ_ij, the cell volume Ω and the
  BZ volume (2π)^d/Ω;
* the neighbour shells, found exactly by enumerating lattice points;
* the first BZ (the Wigner-Seitz cell of the reciprocal lattice): the distance
  from Γ to its boundary along any direction, and its boundary as simplices
  (for integrating on rays from Γ: the BZ is the union of the pyramids with
  apex Γ over these simplices);
* Monkhorst-Pack meshes, Γ-centred or shifted.

Conventions: vectors are rows; q-vectors include the factor 2π (units 1/m);
the constructors take the conventional cubic (or square, chain) lattice
constant ``a``, so the fcc primitive cell has volume a³/4 and the bcc one a³/2
(Ashcroft & Mermin ch. 4-5).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from numpy.typing import ArrayLike

from ._support import checked, integer, scalar, unit_directions

__all__ = ["Lattice"]

_TWO_PI = 2.0 * math.pi
#: Valid lengths of the lattice constant and of the primitive vectors, m (cell volumes, BZ volumes and
#: their powers stay inside the double range).
_LENGTHS = (1e-50, 1e50)
#: Most neighbour shells, and most points of a Monkhorst-Pack mesh (memory).
MAX_SHELL = 16
MAX_MESH_POINTS = 1 << 24
#: Most lattice points enumerated in a box (memory; the Bragg search holds their pairwise products).
_MAX_ENUMERATION = 1 << 20
#: Relative tolerance for equal distances (neighbour shells) and for touching Bragg planes.
_REL_TOL = 1e-9


def _points_within(basis: np.ndarray, radius: float) -> np.ndarray:
    """All lattice vectors n·basis (integer n) with |R| <= radius (1 + tol), including 0.

    The integer coordinate n_i = R·d_i with d_i the dual rows (basis d_iᵀ = δ_ij),
    so |n_i| <= radius |d_i|: the box below contains every such point.
    """
    dual = np.linalg.inv(basis).T
    reach = radius * (1.0 + _REL_TOL)
    bounds = [math.floor(reach * float(np.linalg.norm(d))) for d in dual]
    count = math.prod(2 * b + 1 for b in bounds)
    if count > _MAX_ENUMERATION:
        raise ValueError(f"primitive vectors too skewed (or the cell too anisotropic): finding the lattice "
                         f"points within {radius:g} needs a box of {count:.3g} points (at most "
                         f"{_MAX_ENUMERATION:g}); valid range: a reduced basis (e.g. Lenstra-Lenstra-Lovász) "
                         "with cell edges of comparable length")
    axes = [np.arange(-b, b + 1) for b in bounds]
    coeffs = np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1).reshape(-1, basis.shape[0])
    points = coeffs @ basis
    return points[np.linalg.norm(points, axis=1) <= reach]


@dataclass(frozen=True, eq=False)
class Lattice:
    """A Bravais lattice with one atom per primitive cell.

    Parameters
    ----------
    primitive : array_like, shape (d, d)
        Primitive vectors as rows, m; d = 1, 2 or 3; linearly independent; lengths in
        [5e-51, 2e50] m.
    name : str, optional
        Label used in messages and by models that recognise the cubic lattices
        (``"chain"``, ``"square"``, ``"sc"``, ``"bcc"``, ``"fcc"``; set by the constructors).
    a : float, optional
        Conventional lattice constant, m, in [1e-50, 1e50] (set by the constructors; informational).

    Notes
    -----
    Use the constructors :meth:`chain`, :meth:`square`, :meth:`sc`, :meth:`bcc`
    and :meth:`fcc`. Primitive vectors (Ashcroft & Mermin ch. 4):
    sc a(x̂, ŷ, ẑ); bcc (a/2)(−1,1,1), (1,−1,1), (1,1,−1); fcc (a/2)(0,1,1),
    (1,0,1), (1,1,0). The reciprocal of fcc is bcc with cube side 4π/a and
    vice versa (A&M ch. 5); the first BZ of fcc is the truncated octahedron,
    that of bcc the rhombic dodecahedron, that of sc a cube of side 2π/a.
    Instances are immutable (arrays are read-only) and hash by identity.

    Examples
    --------
    >>> import numpy as np
    >>> a = 3.615e-10                           # Cu, m
    >>> fcc = Lattice.fcc(a)
    >>> fcc.dim, f"{fcc.cell_volume / a**3:.4f}"
    (3, '0.2500')
    >>> f"{fcc.bz_volume / (2 * np.pi / a)**3:.6f}"  # 4 (2π/a)³
    '4.000000'
    >>> d = fcc.ws_boundary_distance([[1, 0, 0], [1, 1, 1], [1, 1, 0]]) / (np.pi / a)
    >>> np.round(d, 6)                          # X: 2, L: √3, K: 3/√2 (in π/a)
    array([2.      , 1.732051, 2.12132 ])
    >>> [len(fcc.neighbours(s)) for s in (1, 2)]
    [12, 6]
    """

    primitive: np.ndarray
    name: str = "custom"
    a: float | None = None

    def __post_init__(self) -> None:
        basis = checked("primitive", self.primitive)
        if basis.ndim != 2 or basis.shape[0] != basis.shape[1] or basis.shape[0] not in (1, 2, 3):
            raise ValueError(f"primitive must be a (d, d) array with d in (1, 2, 3), got shape {basis.shape}")
        if not isinstance(self.name, str):
            raise TypeError(f"name must be a str, got {type(self.name).__name__}")
        if self.a is not None:
            object.__setattr__(self, "a", scalar("a", self.a, *_LENGTHS))
        lengths = np.linalg.norm(basis, axis=1)
        low, high = 0.5 * _LENGTHS[0], 2.0 * _LENGTHS[1]                # fcc: a/√2, bcc: √3 a/2
        if not np.all((lengths >= low) & (lengths <= high)):
            bad = lengths[(lengths < low) | (lengths > high)][0]
            raise ValueError(f"primitive vector length {bad:g} m is outside the valid range "
                             f"[{low:g}, {high:g}] m")
        if not abs(float(np.linalg.det(basis / lengths[:, None]))) > 1e-12:
            raise ValueError("primitive vectors must be linearly independent (the cell volume is 0)")
        basis = basis.copy()
        basis.setflags(write=False)
        object.__setattr__(self, "primitive", basis)

    # ------------------------------------------------------------------ constructors
    @staticmethod
    def _constant(a: ArrayLike) -> float:
        return scalar("a", a, *_LENGTHS)

    @classmethod
    def chain(cls, a: float) -> Lattice:
        """Linear chain with spacing ``a`` (m, in [1e-50, 1e50]).

        Examples
        --------
        >>> Lattice.chain(2e-10).ws_boundary_distance([[1.0], [-1.0]]) * 2e-10 / 3.141592653589793
        array([1., 1.])
        """
        a = cls._constant(a)
        return cls(np.array([[a]]), "chain", a)

    @classmethod
    def square(cls, a: float) -> Lattice:
        """Square lattice with side ``a`` (m, in [1e-50, 1e50]).

        Examples
        --------
        >>> [len(Lattice.square(3e-10).neighbours(s)) for s in (1, 2)]
        [4, 4]
        """
        a = cls._constant(a)
        return cls(a * np.eye(2), "square", a)

    @classmethod
    def sc(cls, a: float) -> Lattice:
        """Simple cubic lattice with cube side ``a`` (m, in [1e-50, 1e50]).

        Examples
        --------
        >>> [len(Lattice.sc(3e-10).neighbours(s)) for s in (1, 2)]
        [6, 12]
        """
        a = cls._constant(a)
        return cls(a * np.eye(3), "sc", a)

    @classmethod
    def bcc(cls, a: float) -> Lattice:
        """Body-centred cubic lattice with conventional cube side ``a`` (m, in [1e-50, 1e50]); Ω = a³/2.

        Examples
        --------
        >>> import numpy as np
        >>> bcc = Lattice.bcc(1.0)
        >>> np.round(bcc.ws_boundary_distance([[1, 0, 0], [1, 1, 0], [1, 1, 1]]) / np.pi, 6)  # H, N, P
        array([2.      , 1.414214, 1.732051])
        """
        a = cls._constant(a)
        return cls(0.5 * a * np.array([[-1.0, 1.0, 1.0], [1.0, -1.0, 1.0], [1.0, 1.0, -1.0]]), "bcc", a)

    @classmethod
    def fcc(cls, a: float) -> Lattice:
        """Face-centred cubic lattice with conventional cube side ``a`` (m, in [1e-50, 1e50]); Ω = a³/4.

        Examples
        --------
        >>> [len(Lattice.fcc(3.615e-10).neighbours(s)) for s in (1, 2)]
        [12, 6]
        """
        a = cls._constant(a)
        return cls(0.5 * a * np.array([[0.0, 1.0, 1.0], [1.0, 0.0, 1.0], [1.0, 1.0, 0.0]]), "fcc", a)

    # ------------------------------------------------------------------ basic geometry
    @property
    def dim(self) -> int:
        """Dimension d (1, 2 or 3)."""
        return int(self.primitive.shape[0])

    @cached_property
    def reciprocal(self) -> np.ndarray:
        """Reciprocal primitive vectors b_i as rows, 1/m: a_i·b_j = 2π δ_ij (read-only array)."""
        b = _TWO_PI * np.linalg.inv(self.primitive).T
        b.setflags(write=False)
        return b

    @property
    def cell_volume(self) -> float:
        """Primitive-cell volume Ω = |det a|, m^d (volume per atom; length in 1D, area in 2D)."""
        return abs(float(np.linalg.det(self.primitive)))

    @property
    def bz_volume(self) -> float:
        """Volume of the first Brillouin zone, (2π)^d/Ω, m^-d."""
        return _TWO_PI**self.dim / self.cell_volume

    # ------------------------------------------------------------------ neighbours
    def neighbours(self, shell: int = 1) -> np.ndarray:
        """Lattice vectors of the ``shell``-th neighbour shell (1 = nearest), m.

        Parameters
        ----------
        shell : int
            Shell index in [1, 16]; shells are the distinct non-zero distances |R|,
            ascending (relative tolerance 1e-9).

        Returns
        -------
        ndarray, shape (n, d)
            The n vectors R of that shell (sorted lexicographically); the set is
            closed under R -> −R.

        Notes
        -----
        Exact enumeration: every lattice vector with |R| <= shell·min|a_i| is
        generated (the s-th distinct distance is at most s·|a_min|, attained
        by multiples of a_min), then grouped by length.

        Examples
        --------
        >>> import numpy as np
        >>> R = Lattice.bcc(2.0).neighbours(1)
        >>> len(R), sorted({round(float(r), 12) for r in np.linalg.norm(R, axis=1)})  # √3 a/2
        (8, [1.732050807569])
        """
        shell = integer("shell", shell, 1, MAX_SHELL)
        radius = shell * float(np.min(np.linalg.norm(self.primitive, axis=1)))
        points = _points_within(self.primitive, radius)
        lengths = np.linalg.norm(points, axis=1)
        keep = lengths > 0.0
        points, lengths = points[keep], lengths[keep]
        order = np.argsort(lengths, kind="stable")
        points, lengths = points[order], lengths[order]
        new_shell = np.concatenate([[True], np.diff(lengths) > _REL_TOL * lengths[1:]])
        index = np.cumsum(new_shell)
        selected = points[index == shell]
        return selected[np.lexsort(selected.T[::-1])]

    # ------------------------------------------------------------------ Brillouin zone
    @cached_property
    def bragg_vectors(self) -> np.ndarray:
        """Reciprocal lattice vectors G whose bisector planes are faces of the first BZ, 1/m.

        Returns
        -------
        ndarray, shape (n_faces, d)
            The Voronoi-relevant vectors: the first BZ is {q : q·G <= |G|²/2 for
            all of them}. fcc: 14 (8 ⟨111⟩ hexagons, 6 ⟨200⟩ squares); bcc: 12
            ⟨110⟩; sc: 6; square: 4; chain: 2.

        Notes
        -----
        Candidates: all G with |G| <= Σ|b_i|, which bounds twice the
        circumradius of the BZ (rounding the coordinates of q in the b basis
        reaches a lattice point within Σ|b_i|/2). G is kept when G/2 lies
        strictly inside every other Bragg half-space, i.e. G/2 is interior to
        a face (Conway & Sloane, *Sphere Packings, Lattices and Groups*, ch. 2 §2.2).

        Examples
        --------
        >>> [len(getattr(Lattice, n)(1.0).bragg_vectors) for n in ("fcc", "bcc", "sc")]
        [14, 12, 6]
        """
        b = self.reciprocal
        scale = float(np.min(np.linalg.norm(b, axis=1)))
        unit_b = b / scale  # dimensionless to keep tolerances relative
        candidates = _points_within(unit_b, float(np.sum(np.linalg.norm(unit_b, axis=1))))
        candidates = candidates[np.linalg.norm(candidates, axis=1) > 0.5]
        if len(candidates) > 4096:
            raise ValueError(f"primitive vectors too skewed (or the cell too anisotropic): {len(candidates)} "
                             "candidate Bragg vectors (at most 4096); valid range: a reduced basis with cell "
                             "edges of comparable length")
        norms2 = np.einsum("ij,ij->i", candidates, candidates)
        dots = candidates @ candidates.T  # dots[i, j] = G_i·G_j
        # G_j is relevant iff G_i·G_j < |G_i|² for every i != j
        inside = dots < norms2[:, None] * (1.0 - _REL_TOL)
        np.fill_diagonal(inside, True)
        relevant = candidates[inside.all(axis=0)] * scale
        relevant = relevant[np.lexsort(relevant.T[::-1])]
        relevant.setflags(write=False)
        return relevant

    def ws_boundary_distance(self, directions: ArrayLike) -> np.ndarray:
        """Distance from Γ to the first-BZ boundary along each direction, 1/m.

        Parameters
        ----------
        directions : array_like, shape (..., d)
            Direction vectors (non-zero; normalised internally).

        Returns
        -------
        ndarray, shape (...)
            r(ĝ) = min over Bragg vectors G with ĝ·G > 0 of |G|²/(2 ĝ·G): the
            point r ĝ lies on the boundary of the Wigner-Seitz cell of the
            reciprocal lattice.

        Notes
        -----
        r(ĝ) is continuous but has kinks where a ray crosses an edge or corner
        of the BZ; integrate over the pyramids of :meth:`bz_boundary_simplices`
        to keep the angular integrand smooth.

        Examples
        --------
        >>> import numpy as np
        >>> sc = Lattice.sc(1.0)
        >>> np.round(sc.ws_boundary_distance([[1, 0, 0], [1, 1, 0], [1, 1, 1]]) / np.pi, 6)  # X, M, R
        array([1.      , 1.414214, 1.732051])
        """
        unit = unit_directions(directions, self.dim)
        G = self.bragg_vectors
        half_norm2 = 0.5 * np.einsum("ij,ij->i", G, G)
        proj = unit @ G.T
        with np.errstate(divide="ignore", over="ignore"):  # tiny positive ĝ·G: a far plane, never the min
            dist = np.where(proj > 0.0, half_norm2 / np.where(proj > 0.0, proj, 1.0), np.inf)
        return dist.min(axis=-1)

    @cached_property
    def point_group(self) -> np.ndarray:
        """Orthogonal maps of the lattice onto itself among the signed permutations of the axes.

        Returns
        -------
        ndarray, shape (g, d, d)
            Matrices R (Cartesian, acting on column vectors) with R a_i a
            lattice vector for every primitive vector a_i; the identity first.
            For lattices aligned with the cubic axes this is the full point
            group: 48 elements (O_h) for sc, bcc and fcc, 8 for the square, 2 for
            the chain; for other lattices a subgroup (which is all that the
            symmetry reduction of BZ integrals needs).

        Examples
        --------
        >>> [len(getattr(Lattice, n)(1.0).point_group) for n in ("chain", "square", "sc", "bcc", "fcc")]
        [2, 8, 48, 48, 48]
        """
        d = self.dim
        A = self.primitive
        inverse = np.linalg.inv(A)
        ops = []
        for perm in itertools.permutations(range(d)):
            for signs in itertools.product((1.0, -1.0), repeat=d):
                R = np.zeros((d, d))
                R[np.arange(d), perm] = signs
                n = (A @ R.T) @ inverse  # images of the primitive vectors in the primitive basis
                if np.allclose(n, np.round(n), atol=1e-9):
                    ops.append(R)
        ops.sort(key=lambda R: not np.array_equal(R, np.eye(d)))
        group = np.array(ops)
        group.setflags(write=False)
        return group

    def bz_boundary_simplices(self) -> np.ndarray:
        """The boundary of the first BZ as simplices (triangles in 3D, segments in 2D, points in 1D), 1/m.

        Returns
        -------
        ndarray, shape (n, d, d)
            ``out[i]`` holds the d vertices (rows) of boundary simplex i. The
            cones from Γ over these simplices tile the BZ without overlap:
            Σ_i |det out[i]|/d! = (2π)^d/Ω. Within one cone the distance to the
            boundary is smooth, so a product rule (radial × simplex) converges
            fast; orientation is not fixed (use |det|).

        Notes
        -----
        Each face (a polygon on a Bragg plane) is cut into the triangles
        (centre, vertex, midpoint of an adjacent edge); in 2D each edge into its
        two halves. This triangulation is invariant under :attr:`point_group`,
        so symmetry-equivalent simplices can be integrated once
        (:meth:`irreducible_boundary_simplices`).

        Examples
        --------
        >>> import math
        >>> import numpy as np
        >>> fcc = Lattice.fcc(1.0)
        >>> tri = fcc.bz_boundary_simplices()
        >>> tri.shape, round(float(np.abs(np.linalg.det(tri)).sum() / 6 / fcc.bz_volume), 12)
        ((144, 3, 3), 1.0)
        """
        from scipy.spatial import HalfspaceIntersection

        G = self.bragg_vectors
        if self.dim == 1:
            return (0.5 * G).reshape(-1, 1, 1)
        scale = float(np.min(np.linalg.norm(G, axis=1)))
        g = G / scale
        half = 0.5 * np.einsum("ij,ij->i", g, g)
        vertices = HalfspaceIntersection(np.hstack([g, -half[:, None]]), np.zeros(self.dim)).intersections
        # drop duplicates (vertices where more than d faces meet, e.g. bcc H points)
        keys = np.round(vertices / _REL_TOL**0.5).astype(np.int64)
        _, first = np.unique(keys, axis=0, return_index=True)
        vertices = vertices[np.sort(first)]
        on_face = np.abs(vertices @ g.T - half) <= 1e-7 * half  # (vertices, faces)
        simplices = []
        for f in range(len(g)):
            corners = vertices[on_face[:, f]]
            centre = corners.mean(axis=0)
            if self.dim == 2:
                simplices += [[corners[0], centre], [centre, corners[1]]]
                continue
            # order the face's corners by angle about its centre, in the face plane
            normal = g[f] / np.linalg.norm(g[f])
            e1 = corners[0] - centre
            e1 /= np.linalg.norm(e1)
            e2 = np.cross(normal, e1)
            rel = corners - centre
            corners = corners[np.argsort(np.arctan2(rel @ e2, rel @ e1))]
            for v, w in zip(corners, np.roll(corners, -1, axis=0), strict=True):
                mid = 0.5 * (v + w)
                simplices += [[centre, v, mid], [centre, mid, w]]
        return np.array(simplices) * scale

    def irreducible_boundary_simplices(self) -> tuple[np.ndarray, np.ndarray]:
        """One boundary simplex per orbit of :attr:`point_group`, with the orbit sizes.

        Returns
        -------
        simplices : ndarray, shape (m, d, d)
            Representatives of the symmetry-inequivalent simplices of
            :meth:`bz_boundary_simplices`, 1/m.
        multiplicity : ndarray of int, shape (m,)
            Number of simplices in each orbit (they sum to the number of
            simplices). For a function with the lattice's point symmetry the
            integral over the BZ is Σ multiplicity × (integral over the cone of
            the representative).

        Examples
        --------
        >>> simplices, multiplicity = Lattice.fcc(1.0).irreducible_boundary_simplices()
        >>> len(simplices), int(multiplicity.sum())
        (3, 144)
        """
        simplices = self.bz_boundary_simplices()
        scale = float(np.max(np.abs(simplices)))
        resolution = 1e-6 * scale

        def key(s: np.ndarray) -> tuple:
            rows = np.round(s / resolution).astype(np.int64)
            return tuple(map(tuple, rows[np.lexsort(rows.T[::-1])]))

        index = {key(s): i for i, s in enumerate(simplices)}
        orbit = np.full(len(simplices), -1)
        reps, counts = [], []
        for i, s in enumerate(simplices):
            if orbit[i] >= 0:
                continue
            members = {index[key(s @ R.T)] for R in self.point_group}
            orbit[list(members)] = len(reps)
            reps.append(i)
            counts.append(len(members))
        return simplices[reps], np.array(counts)

    # ------------------------------------------------------------------ meshes
    def monkhorst_pack(self, n: int | Sequence[int], shift: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """Monkhorst-Pack mesh of q-points in the reciprocal cell, with weights.

        Parameters
        ----------
        n : int or sequence of d ints
            Divisions along each reciprocal vector (>= 1; at most 2²⁴ points in all).
        shift : bool
            False: Γ-centred, fractional coordinates u = k/n; True: shifted by
            half a step, u = (k + 1/2)/n (Γ is then not a mesh point).
            k = 0 ... n−1. The original MP prescription u = (2k − n + 1)/(2n)
            is the Γ-centred mesh for odd n and the shifted one for even n.

        Returns
        -------
        q : ndarray, shape (N, d)
            Cartesian q = Σ u_i b_i, 1/m, with each u folded into [−1/2, 1/2).
        weights : ndarray, shape (N,)
            Equal weights 1/N (Σ = 1): (1/N) Σ_q f(q) approximates the BZ average
            of a lattice-periodic f and is exact for Fourier components
            exp(i q·R) with |n_i| < n_i for R = Σ n_i a_i
            (Monkhorst & Pack, Phys. Rev. B 13, 5188 (1976)).

        Examples
        --------
        >>> import numpy as np
        >>> q, w = Lattice.sc(1.0).monkhorst_pack(4)
        >>> q.shape, float(w.sum()), bool(np.any(np.all(q == 0, axis=1)))
        ((64, 3), 1.0, True)
        >>> q, w = Lattice.chain(1.0).monkhorst_pack(2, shift=True)
        >>> q[:, 0] / np.pi
        array([ 0.5, -0.5])
        """
        if isinstance(n, (int, np.integer)) and not isinstance(n, bool):
            sizes = [n] * self.dim
        else:
            try:
                sizes = list(n)  # type: ignore[arg-type]
            except TypeError:
                sizes = []
        if len(sizes) != self.dim or not all(
            isinstance(s, (int, np.integer)) and not isinstance(s, bool) and s >= 1 for s in sizes
        ):
            raise ValueError(f"n = {n!r} is outside the valid range: an int >= 1 or {self.dim} such ints")
        if math.prod(int(s) for s in sizes) > MAX_MESH_POINTS:
            raise ValueError(f"n = {n!r} is outside the valid range: at most {MAX_MESH_POINTS} mesh points "
                             f"in all (got {math.prod(int(s) for s in sizes)})")
        if not isinstance(shift, bool | np.bool_):
            raise TypeError(f"shift must be True or False, got {shift!r}")
        offset = 0.5 if shift else 0.0
        axes = []
        for s in sizes:
            u = (np.arange(s) + offset) / s
            axes.append(u - np.floor(u + 0.5))
        frac = np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1).reshape(-1, self.dim)
        count = frac.shape[0]
        return frac @ self.reciprocal, np.full(count, 1.0 / count)

