"""Electron bands: the free-electron gas and one-band tight-binding models, with BZ integrators (SI).

* :class:`FreeElectronGas`: the Sommerfeld model, ε = ħ²k²/2m at density n
  (Ashcroft & Mermin (A&M) ch. 2).
* :class:`TightBinding`: one s band on a :class:`numeric.lattice.Lattice` with
  nearest (t) and next-nearest (t2) neighbour hopping,
  ε_k = −t Σ_{R ∈ shell 1} cos k·R − t2 Σ_{R ∈ shell 2} cos k·R (A&M ch. 10),
  with its density of states (DOS) by the linear tetrahedron method or by
  Gaussian smearing, its T = 0 Fermi level and its band-bottom effective mass.
* :class:`TetrahedronMesh`: the linear tetrahedron method (segments,
  triangles, tetrahedra in 1D, 2D, 3D) on a Γ-centred Monkhorst-Pack mesh,
  for any band given on the mesh points: integrated DOS, DOS, and the
  k-point integration weights with Blöchl's correction (Blöchl, Jepsen &
  Andersen, Phys. Rev. B 49, 16223 (1994); BJA below).

Conventions: DOS of the tight-binding model per primitive cell and both spins
(states/(J·cell)); DOS of the electron gas per volume and both spins
(1/(J·m³)), the Thomas-Fermi convention of DESIGN.md §3. Wavevectors include
the 2π (1/m).

Blöchl's correction and the DOS. The correction of BJA eq. (22) changes the
weight of corner j of tetrahedron T by (D_T(E)/40) Σ_i (ε_i − ε_j), which sums to
zero over the four corners: it leaves the number of states N(E) and the DOS
unchanged and corrects integrals of varying functions, e.g. the band energy
Σ_k ε_k θ(E_F − ε_k), whose error drops from O(h²) to higher order
(:meth:`TightBinding.band_energy`). The linear tetrahedron N(E) converges as
O(h²) with the mesh spacing h.
"""

from __future__ import annotations

import itertools
import math
from functools import cached_property

import numba
import numpy as np
from numpy.typing import ArrayLike
from scipy.constants import hbar as _HBAR
from scipy.constants import k as _K_B
from scipy.constants import m_e as _M_E
from scipy.constants import physical_constants

from ._support import checked, scalar, vectors
from .lattice import Lattice

__all__ = ["FreeElectronGas", "TetrahedronMesh", "TightBinding"]

_BOHR = physical_constants["Bohr radius"][0]
#: default mesh divisions per dimension (Γ-centred, even: contains the zone-boundary points)
_DEFAULT_MESH = {1: 8192, 2: 384, 3: 48}


def _output(arr: np.ndarray, like: np.ndarray) -> np.ndarray | float:
    return float(arr.reshape(())) if like.ndim == 0 else arr.reshape(like.shape)


# ====================================================================== free electrons
class FreeElectronGas:
    """Free (Sommerfeld) electron gas: ε = ħ²k²/2m, two spin states, density n (A&M ch. 2).

    Parameters
    ----------
    n : float
        Electron density, 1/m³ (> 0).
    m : float, optional
        Band mass, kg (> 0); default the electron mass.

    Attributes
    ----------
    n, m : float
        Density (1/m³) and mass (kg).
    k_F : float
        Fermi wavevector (3π² n)^{1/3}, 1/m.
    E_F : float
        Fermi energy ħ²k_F²/2m, J.
    v_F : float
        Fermi velocity ħk_F/m, m/s.
    dos_fermi : float
        g(E_F) = m k_F/(π²ħ²) = 3n/(2E_F), both spins, per volume, 1/(J·m³).
    r_s : float
        Wigner-Seitz radius (3/(4πn))^{1/3} in Bohr radii (dimensionless; A&M eq. 1.2,
        independent of m).
    fermi_temperature : float
        T_F = E_F/k_B, K.
    spin_degeneracy : int
        2.

    Examples
    --------
    >>> cu = FreeElectronGas.copper()  # A&M tables 2.1, 2.2 print E_F = 7.00 eV but T_F = 8.16e4 K (7.03 eV)
    >>> from scipy.constants import eV
    >>> f"{cu.k_F:.3e} 1/m, {cu.E_F / eV:.2f} eV, {cu.v_F:.3e} m/s, r_s = {cu.r_s:.2f}"
    '1.359e+10 1/m, 7.03 eV, 1.573e+06 m/s, r_s = 2.67'
    >>> f"{cu.fermi_temperature:.3e} K"
    '8.161e+04 K'
    >>> bool(abs(cu.dos(cu.E_F) / cu.dos_fermi - 1) < 1e-14)
    True
    """

    spin_degeneracy = 2

    def __init__(self, n: float, m: float = _M_E) -> None:
        self.n = scalar("n", n, 0.0, low_open=True)
        self.m = scalar("m", m, 0.0, low_open=True)
        self.k_F = (3.0 * math.pi**2 * self.n) ** (1.0 / 3.0)
        self.E_F = _HBAR**2 * self.k_F**2 / (2.0 * self.m)
        self.v_F = _HBAR * self.k_F / self.m
        self.dos_fermi = self.m * self.k_F / (math.pi**2 * _HBAR**2)
        self.r_s = (3.0 / (4.0 * math.pi * self.n)) ** (1.0 / 3.0) / _BOHR
        self.fermi_temperature = self.E_F / _K_B

    @classmethod
    def copper(cls) -> FreeElectronGas:
        """Copper as free electrons: n = 8.47e28 1/m³ (one 4s electron per atom), m = m_e (A&M table 2.1).

        Examples
        --------
        >>> FreeElectronGas.copper()
        FreeElectronGas(n=8.47e+28 1/m³, m=9.1094e-31 kg)
        """
        return cls(8.47e28, _M_E)

    def __repr__(self) -> str:
        return f"FreeElectronGas(n={self.n:.3g} 1/m³, m={self.m:.5g} kg)"

    def energies(self, k: ArrayLike) -> np.ndarray:
        """ε(k) = ħ²|k|²/2m, J, shape (...), for k of shape (..., 3) in 1/m.

        Examples
        --------
        >>> gas = FreeElectronGas.copper()
        >>> float(gas.energies([gas.k_F, 0.0, 0.0]) / gas.E_F)
        1.0
        """
        k = vectors("k", k, 3)
        return _HBAR**2 * np.einsum("...i,...i->...", k, k) / (2.0 * self.m)

    def velocities(self, k: ArrayLike) -> np.ndarray:
        """v(k) = ħk/m, m/s, shape (..., 3), for k of shape (..., 3) in 1/m.

        Examples
        --------
        >>> gas = FreeElectronGas.copper()
        >>> float(gas.velocities([0.0, 0.0, gas.k_F])[2] / gas.v_F)
        1.0
        """
        return _HBAR * vectors("k", k, 3) / self.m

    def dos(self, E: ArrayLike) -> np.ndarray | float:
        """g(E) = (1/2π²)(2m/ħ²)^{3/2} √E for E > 0, else 0; both spins, per volume, 1/(J·m³).

        Parameters
        ----------
        E : array_like
            Energies measured from the band bottom, J (finite).

        Examples
        --------
        >>> gas = FreeElectronGas.copper()
        >>> g = gas.dos([-gas.E_F, gas.E_F / 4, gas.E_F])
        >>> g / gas.dos_fermi                          # √(E/E_F)
        array([0. , 0.5, 1. ])
        """
        e = checked("E", E)
        g = (2.0 * self.m / _HBAR**2) ** 1.5 / (2.0 * math.pi**2) * np.sqrt(np.clip(e, 0.0, None))
        return _output(g, e)


# ====================================================================== tetrahedron method
def _simplex_offsets(reciprocal: np.ndarray, divisions: tuple[int, ...]) -> np.ndarray:
    """Integer corner offsets (d!, d+1, d) of the simplices of one mesh cell.

    Freudenthal (Kuhn) triangulation of the parallelepiped spanned by b_i/n_i
    along its shortest main diagonal: for each permutation π of the axes the
    simplex 0 -> s_{π0} e_{π0} -> ... -> Σ_i s_i e_i, started at the corner
    opposite to the diagonal direction s. In 3D these are the 6 tetrahedra of
    BJA fig. 1, sharing the shortest diagonal.
    """
    d = len(divisions)
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
    for r in range(out.shape[0]):
        for i in range(1, out.shape[1]):
            x = out[r, i]
            j = i - 1
            while j >= 0 and out[r, j] > x:
                out[r, j + 1] = out[r, j]
                j -= 1
            out[r, j + 1] = x
    return out


@numba.njit(cache=True)
def _simplex_sums(e: np.ndarray, energies: np.ndarray, count: np.ndarray,
                  density: np.ndarray) -> None:  # pragma: no cover - compiled
    """Σ over simplices of the occupied fraction n_T(E) and of dn_T/dE (e: sorted corners, (M, d+1)).

    Formulas for linear interpolation in a segment, triangle and tetrahedron
    (BJA appendix A for 3D); half-open intervals [e_i, e_{i+1}) keep every
    divisor positive.
    """
    m, corners = e.shape
    for q in range(energies.shape[0]):
        E = energies[q]
        acc_n = 0.0
        acc_d = 0.0
        for r in range(m):
            e1 = e[r, 0]
            eN = e[r, corners - 1]
            if E < e1:
                continue
            if E >= eN:
                acc_n += 1.0
                continue
            if corners == 2:
                acc_n += (E - e1) / (eN - e1)
                acc_d += 1.0 / (eN - e1)
            elif corners == 3:
                e2 = e[r, 1]
                e3 = e[r, 2]
                if E < e2:
                    x = E - e1
                    acc_n += x * x / ((e2 - e1) * (e3 - e1))
                    acc_d += 2.0 * x / ((e2 - e1) * (e3 - e1))
                else:
                    x = e3 - E
                    acc_n += 1.0 - x * x / ((e3 - e1) * (e3 - e2))
                    acc_d += 2.0 * x / ((e3 - e1) * (e3 - e2))
            else:
                e2 = e[r, 1]
                e3 = e[r, 2]
                e4 = e[r, 3]
                if E < e2:
                    x = E - e1
                    c = 1.0 / ((e2 - e1) * (e3 - e1) * (e4 - e1))
                    acc_n += x * x * x * c
                    acc_d += 3.0 * x * x * c
                elif E < e3:
                    x = E - e2
                    e21 = e2 - e1
                    e31 = e3 - e1
                    e41 = e4 - e1
                    e32 = e3 - e2
                    e42 = e4 - e2
                    g = (e31 + e42) / (e32 * e42)
                    acc_n += (e21 * e21 + 3.0 * e21 * x + 3.0 * x * x - g * x * x * x) / (e31 * e41)
                    acc_d += (3.0 * e21 + 6.0 * x - 3.0 * g * x * x) / (e31 * e41)
                else:
                    x = e4 - E
                    c = 1.0 / ((e4 - e1) * (e4 - e2) * (e4 - e3))
                    acc_n += 1.0 - x * x * x * c
                    acc_d += 3.0 * x * x * c
        count[q] = acc_n
        density[q] = acc_d


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
        for i in range(1, 4):  # insertion sort of (e, idx)
            x = e[i]
            y = idx[i]
            j = i - 1
            while j >= 0 and e[j] > x:
                e[j + 1] = e[j]
                idx[j + 1] = idx[j]
                j -= 1
            e[j + 1] = x
            idx[j + 1] = y
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
        Mesh divisions n_i along each reciprocal vector (>= 1).

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
        self.k, _ = lattice.monkhorst_pack(divisions)  # validates divisions
        d = lattice.dim
        sizes = (int(divisions),) * d if np.ndim(divisions) == 0 else tuple(int(s) for s in divisions)
        self.divisions = sizes
        offsets = _simplex_offsets(lattice.reciprocal, sizes)  # (d!, d+1, d)
        origins = np.stack(np.meshgrid(*[np.arange(s) for s in sizes], indexing="ij"), -1).reshape(-1, d)
        corners = (origins[:, None, None, :] + offsets[None]) % np.asarray(sizes)
        self.simplices = np.ravel_multi_index(tuple(np.moveaxis(corners, -1, 0)), sizes).reshape(-1, d + 1)

    def _sorted(self, values: ArrayLike) -> np.ndarray:
        v = checked("values", values)
        if v.shape != (self.k.shape[0],):
            raise ValueError(f"values must have shape ({self.k.shape[0]},) (one per mesh point), "
                             f"got {v.shape}")
        return _sorted_rows(v[self.simplices])

    def _sums(self, values: ArrayLike, E: ArrayLike) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        e = checked("E", E)
        srt = self._sorted(values)
        flat = np.ascontiguousarray(e.reshape(-1))
        count, density = np.empty_like(flat), np.empty_like(flat)
        _simplex_sums(srt, flat, count, density)
        m = srt.shape[0]
        return count / m, density / m, e

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
        count, _, e = self._sums(values, E)
        return _output(count, e)

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
        _, density, e = self._sums(values, E)
        return _output(density, e)

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
        out = np.zeros(v.shape[0])
        _tetra_weights(v, self.simplices, energy, bool(blochl), out)
        return out


# ====================================================================== tight binding
@numba.njit(cache=True)
def _gauss_sums(values: np.ndarray, energies: np.ndarray, width: float, count: np.ndarray,
                density: np.ndarray) -> None:  # pragma: no cover - compiled
    norm = 1.0 / (math.sqrt(2.0 * math.pi) * width)
    s = 1.0 / (math.sqrt(2.0) * width)
    for q in range(energies.shape[0]):
        acc_n = 0.0
        acc_d = 0.0
        for i in range(values.shape[0]):
            x = (energies[q] - values[i]) * s
            acc_d += math.exp(-x * x)
            acc_n += 0.5 * math.erfc(-x)
        count[q] = acc_n / values.shape[0]
        density[q] = acc_d * norm / values.shape[0]


class TightBinding:
    """One-band tight-binding model with nearest and next-nearest neighbour hopping (SI).

    ε_k = −t Σ_{R ∈ nn} e^{ik·R} − t2 Σ_{R ∈ nnn} e^{ik·R} = −Σ_R t_R cos k·R,

    the neighbour shells taken from :meth:`Lattice.neighbours` (as
    :class:`numeric.phonons.SpringModel` takes its bonds); both shells are closed
    under R -> −R, so ε is real. For the cubic lattices (c_i = cos(k_i a/2),
    C_i = cos k_i a, a the cubic constant):

    ======  ===================================  ===================  ==============  =============
    lattice ε_k                                  bottom (at Γ)        top (t2 = 0)    ħ²/m*
    ======  ===================================  ===================  ==============  =============
    chain   −2t C − 2t2 cos 2ka                  −2t − 2t2            2t              2ta² + 8t2a²
    square  −2t(C_x + C_y) − 4t2 C_x C_y         −4t − 4t2            4t              2ta² + 4t2a²
    sc      −2t Σ C_i − 4t2 Σ_{i<j} C_i C_j      −6t − 12t2           6t              2ta² + 8t2a²
    bcc     −8t c_x c_y c_z − 2t2 Σ C_i          −8t − 6t2            8t (H)          2ta² + 2t2a²
    fcc     −4t Σ_{i<j} c_i c_j − 2t2 Σ C_i      −12t − 6t2           4t (X–W line)   2ta² + 2t2a²
    ======  ===================================  ===================  ==============  =============

    So the nearest-neighbour band widths are 4t, 8t, 12t, 16t, 16t.

    Parameters
    ----------
    lattice : Lattice
        Bravais lattice (chain, square, sc, bcc, fcc, or custom).
    t : float
        Nearest-neighbour hopping, J (> 0: the band bottom is then at Γ for small t2).
    t2 : float, optional
        Next-nearest-neighbour hopping, J (finite, either sign).
    electrons_per_cell : float
        Band filling, both spins, in (0, 2).

    Attributes
    ----------
    lattice, t, t2, electrons_per_cell
        As given.
    spin_degeneracy : int
        2.
    cell_volume : float
        Ω, m^d.
    n : float
        Electron density electrons_per_cell/Ω, 1/m^d.

    Notes
    -----
    Effective mass. Near Γ, ε ≈ ε(Γ) + ½ kᵀ H k with H = Σ_R t_R R Rᵀ; for the
    cubic (square) lattices H = (1/d) Σ_R t_R |R|² 1, giving the table's
    ħ²/m* (A&M ch. 10). This is the band-bottom mass only
    when the bottom is at Γ: t > 0 and t2 not too negative (e.g. sc needs
    t2 > −t/4 for a positive curvature, and the global minimum must also stay at
    Γ). For t < 0 (not accepted here) the bottom moves to the zone boundary
    (R for sc); :attr:`effective_mass` raises when the minimum is not at Γ or H is
    not isotropic.

    Fermi level: the root of N(E) = electrons_per_cell of the linear tetrahedron
    integrated DOS on the default mesh (48³ in 3D, 384² in 2D, 8192 in 1D),
    solved to ~1e-13 relative in E (N(E) is continuous and monotonic); its
    discretisation error is O(h²) (N(E) to ~4e-4, E_F to ~1e-3 t on 48³ for the sc band;
    exact at half filling of bipartite lattices by particle-hole symmetry).

    Examples
    --------
    >>> from scipy.constants import eV
    >>> tb = TightBinding(Lattice.sc(3e-10), 1.0 * eV, electrons_per_cell=1.0)
    >>> round(tb.band_width / eV, 12), round(tb.band_bottom / eV, 12)
    (12.0, -6.0)
    >>> abs(tb.fermi_level / eV) < 1e-10                 # half filling: particle-hole symmetry
    True
    >>> round(float(tb.integrated_dos(tb.fermi_level)), 9)
    1.0
    """

    spin_degeneracy = 2

    def __init__(self, lattice: Lattice, t: float, t2: float = 0.0, *, electrons_per_cell: float) -> None:
        if not isinstance(lattice, Lattice):
            raise TypeError(f"lattice must be a numeric.lattice.Lattice, got {type(lattice).__name__}")
        self.lattice = lattice
        self.t = scalar("t", t, 0.0, low_open=True)
        self.t2 = scalar("t2", t2)
        self.electrons_per_cell = scalar("electrons_per_cell", electrons_per_cell, 0.0, 2.0,
                                          low_open=True, high_open=True)
        vectors, hoppings = [], []
        for shell, hop in ((1, self.t), (2, self.t2)):
            if hop != 0.0:
                R = lattice.neighbours(shell)
                vectors.append(R)
                hoppings.append(np.full(len(R), hop))
        self._R = np.concatenate(vectors)
        self._tR = np.concatenate(hoppings)
        self._scale = abs(self.t) + abs(self.t2)
        self._meshes: dict[tuple, tuple[TetrahedronMesh, np.ndarray]] = {}

    def __repr__(self) -> str:
        return (f"TightBinding({self.lattice.name}, t={self.t:.4g} J, t2={self.t2:.4g} J, "
                f"electrons_per_cell={self.electrons_per_cell:g})")

    @property
    def dim(self) -> int:
        """Dimension d of the lattice."""
        return self.lattice.dim

    @property
    def cell_volume(self) -> float:
        """Primitive-cell volume Ω, m^d."""
        return self.lattice.cell_volume

    @property
    def n(self) -> float:
        """Electron density electrons_per_cell/Ω, 1/m^d."""
        return self.electrons_per_cell / self.cell_volume

    # ------------------------------------------------------------------ band
    def _eps(self, k: np.ndarray) -> np.ndarray:
        return -(np.cos(k @ self._R.T) @ self._tR)

    def energies(self, k: ArrayLike) -> np.ndarray:
        """ε_k = −Σ_R t_R cos k·R, J, shape (...), for k of shape (..., d) in 1/m.

        Examples
        --------
        >>> import numpy as np
        >>> tb = TightBinding(Lattice.fcc(1.0), 1.0, electrons_per_cell=1.0)
        >>> tb.energies([[0, 0, 0], [2 * np.pi, 0, 0]])   # Γ: −12t, X: +4t
        array([-12.,   4.])
        """
        return self._eps(vectors("k", k, self.dim))

    def velocities(self, k: ArrayLike) -> np.ndarray:
        """v_k = (1/ħ) ∇ε = (1/ħ) Σ_R t_R R sin k·R, m/s, shape (..., d).

        Examples
        --------
        >>> import numpy as np
        >>> from scipy.constants import hbar
        >>> tb = TightBinding(Lattice.chain(1.0), 1.0, electrons_per_cell=1.0)
        >>> float(tb.velocities([np.pi / 2])[0] * hbar)   # 2ta sin(ka)
        2.0
        """
        k = vectors("k", k, self.dim)
        return (np.sin(k @ self._R.T) * self._tR) @ self._R / _HBAR

    @cached_property
    def _extrema(self) -> tuple[float, float]:
        """(min, max) of ε over the BZ: a 24^d Γ-centred mesh (it contains the high-symmetry
        points with fractional coordinates in multiples of 1/8) polished by BFGS."""
        from scipy.optimize import minimize

        b = np.asarray(self.lattice.reciprocal)
        axes = [np.arange(24) / 24.0] * self.dim
        frac = np.stack(np.meshgrid(*axes, indexing="ij"), -1).reshape(-1, self.dim)
        eps = self._eps(frac @ b) / self._scale
        result = []
        for sign in (1.0, -1.0):
            values = sign * eps
            best = float(values.min())
            for i in np.argsort(values)[:8]:
                def f(u: np.ndarray, sign: float = sign) -> tuple[float, np.ndarray]:
                    k = u @ b
                    grad = (np.sin(k @ self._R.T) * self._tR) @ self._R
                    return sign * float(self._eps(k)) / self._scale, sign * (b @ grad) / self._scale
                res = minimize(f, frac[i], jac=True, method="BFGS", options={"gtol": 1e-13})
                best = min(best, float(res.fun))
            result.append(sign * best * self._scale)
        return result[0], result[1]

    @property
    def band_bottom(self) -> float:
        """Minimum of ε over the BZ, J (mesh search polished by BFGS; exact at high-symmetry points)."""
        return self._extrema[0]

    @property
    def band_top(self) -> float:
        """Maximum of ε over the BZ, J."""
        return self._extrema[1]

    @property
    def band_width(self) -> float:
        """band_top − band_bottom, J."""
        return self._extrema[1] - self._extrema[0]

    @cached_property
    def effective_mass(self) -> float:
        """Isotropic band mass at the bottom, m* = ħ²/h with ħ² ∂²ε/∂k_i∂k_j at Γ = h δ_ij, kg.

        h = (1/d) Σ_R t_R |R|² from the hoppings (class table).

        Raises
        ------
        ValueError
            If the band minimum is not at Γ (large negative t2), or the curvature
            at Γ is not isotropic (non-cubic custom lattice) or not positive.

        Examples
        --------
        >>> from scipy.constants import hbar
        >>> tb = TightBinding(Lattice.sc(1.0), 1.0, electrons_per_cell=0.1)
        >>> round(hbar**2 / tb.effective_mass, 12)       # 2ta²
        2.0
        """
        H = np.einsum("b,bi,bj->ij", self._tR, self._R, self._R)
        h = float(np.trace(H)) / self.dim
        scale = self._scale * float(np.max(np.einsum("bi,bi->b", self._R, self._R)))
        if np.max(np.abs(H - h * np.eye(self.dim))) > 1e-12 * scale:
            raise ValueError(f"{self!r}: the curvature at Γ is anisotropic, no isotropic effective mass")
        gamma = float(self._eps(np.zeros(self.dim)))
        if h <= 1e-12 * scale or self.band_bottom < gamma - 1e-12 * self._scale:
            raise ValueError(f"{self!r}: the band minimum ({self.band_bottom:g} J) is not at Γ "
                             f"(ε(Γ) = {gamma:g} J, curvature {h:g} J m²); effective_mass needs t2 small "
                             "enough that Γ is the bottom")
        return _HBAR**2 / h

    # ------------------------------------------------------------------ BZ integrals
    def _mesh(self, mesh: int | None) -> tuple[TetrahedronMesh, np.ndarray]:
        size = _DEFAULT_MESH[self.dim] if mesh is None else mesh
        if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or size < 1:
            raise ValueError(f"mesh = {mesh!r} is outside the valid range: integers >= 1")
        key = (int(size),)
        if key not in self._meshes:
            if len(self._meshes) > 2:
                self._meshes.clear()
            tm = TetrahedronMesh(self.lattice, int(size))
            self._meshes[key] = (tm, self._eps(tm.k))
        return self._meshes[key]

    def _method(self, method: str) -> None:
        if method not in ("tetrahedron", "smearing"):
            raise ValueError(f"method = {method!r} is outside the valid range: 'tetrahedron' or 'smearing'")

    def _width(self, width: float | None) -> float:
        if width is None:
            return 0.01 * self.band_width
        return scalar("width", width, 0.0, low_open=True)

    def _sums(self, E: ArrayLike, method: str, mesh: int | None,
              width: float | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        self._method(method)
        e = checked("E", E)
        tm, eps = self._mesh(mesh)
        if method == "tetrahedron":
            count, density, _ = tm._sums(eps, e)
        else:
            flat = np.ascontiguousarray(e.reshape(-1))
            count, density = np.empty_like(flat), np.empty_like(flat)
            _gauss_sums(eps, flat, self._width(width), count, density)
        return count * self.spin_degeneracy, density * self.spin_degeneracy, e

    def dos(self, E: ArrayLike, method: str = "tetrahedron", mesh: int | None = None,
            width: float | None = None) -> np.ndarray | float:
        """Density of states D(E), states/(J·cell), both spins; ∫ D dE = 2.

        Parameters
        ----------
        E : array_like
            Energies, J (finite).
        method : {"tetrahedron", "smearing"}
            Linear tetrahedron method (:class:`TetrahedronMesh`), or Gaussian
            smearing D(E) = (2/N) Σ_k exp(−(E − ε_k)²/2w²)/(√(2π) w) on the mesh points.
        mesh : int, optional
            Divisions per reciprocal vector (Γ-centred); default 48 (3D), 384 (2D), 8192 (1D).
        width : float, optional
            Gaussian width w, J (> 0; smearing only); default 1 % of the band width.

        Examples
        --------
        >>> import numpy as np
        >>> tb = TightBinding(Lattice.chain(1.0), 1.0, electrons_per_cell=1.0)
        >>> round(float(tb.dos(0.0) * np.pi), 6)          # 2/(π · 2t) at the centre of the 1D band
        1.0
        """
        _, density, e = self._sums(E, method, mesh, width)
        return _output(density, e)

    def integrated_dos(self, E: ArrayLike, method: str = "tetrahedron", mesh: int | None = None,
                       width: float | None = None) -> np.ndarray | float:
        """Number of states below E per cell, both spins (0 ... 2); parameters as :meth:`dos`.

        Smearing uses the occupation (2/N) Σ_k ½ erfc((ε_k − E)/(√2 w)).

        Examples
        --------
        >>> import numpy as np
        >>> tb = TightBinding(Lattice.square(1.0), 1.0, electrons_per_cell=1.0)
        >>> tb.integrated_dos([-5.0, 0.0, 5.0])
        array([0., 1., 2.])
        """
        count, _, e = self._sums(E, method, mesh, width)
        return _output(count, e)

    def fermi_energy_for(self, electrons_per_cell: float, mesh: int | None = None) -> float:
        """E with integrated_dos(E, "tetrahedron", mesh) = electrons_per_cell (T = 0), J.

        Brent's method on the continuous, non-decreasing tetrahedron N(E), to
        ~1e-13 relative to the band width.

        Examples
        --------
        >>> tb = TightBinding(Lattice.chain(1.0), 1.0, electrons_per_cell=1.0)
        >>> round(tb.fermi_energy_for(0.5), 9)            # −2t cos(π/4)
        -1.414213562
        """
        from scipy.optimize import brentq

        filling = scalar("electrons_per_cell", electrons_per_cell, 0.0, 2.0, low_open=True, high_open=True)
        tm, eps = self._mesh(mesh)
        lo, hi = float(eps.min()), float(eps.max())
        corners = tm._sorted(eps)  # once: sorting the simplex corners was most of each root-finder step
        at, count, density = np.empty(1), np.empty(1), np.empty(1)

        def excess(E: float) -> float:
            at[0] = E
            _simplex_sums(corners, at, count, density)
            return float(count[0]) / corners.shape[0] * self.spin_degeneracy - filling

        return float(brentq(excess, lo, hi, xtol=1e-14 * (hi - lo), rtol=4.0 * np.finfo(float).eps,
                            maxiter=200))

    @cached_property
    def fermi_level(self) -> float:
        """T = 0 Fermi level for :attr:`electrons_per_cell`, J (default tetrahedron mesh; see class notes)."""
        return self.fermi_energy_for(self.electrons_per_cell)

    def band_energy(self, electrons_per_cell: float | None = None, mesh: int | None = None, *,
                    blochl: bool = True) -> float:
        """T = 0 band energy per cell, both spins, Σ_occupied ε, J (3D, tetrahedron weights).

        E_band = 2 Σ_k w_k ε_k with the weights of :meth:`TetrahedronMesh.weights`
        at the Fermi energy of the same mesh; with ``blochl=True`` Blöchl's
        correction removes the leading O(h²) error.

        Examples
        --------
        >>> tb = TightBinding(Lattice.sc(1.0), 1.0, electrons_per_cell=1.0)   # exact: −2.00484 t
        >>> round(tb.band_energy(mesh=24), 4), round(tb.band_energy(mesh=24, blochl=False), 4)
        (-2.005, -1.9934)
        """
        filling = self.electrons_per_cell if electrons_per_cell is None else electrons_per_cell
        E_F = self.fermi_energy_for(filling, mesh)
        tm, eps = self._mesh(mesh)
        w = tm.weights(eps, E_F, blochl=blochl)
        return self.spin_degeneracy * float(w @ eps)
