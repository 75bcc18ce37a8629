"""Born-von Kármán lattice dynamics: central-force springs on a Bravais lattice (SI).

:class:`SpringModel`, a :class:`numeric.phonons.PhononModel` whose domain is the
first Brillouin zone of its lattice: springs to nearest and next-nearest
neighbours, the dynamical matrix, frequencies and polarisations, the elastic
tensor of the long waves (Christoffel sound velocities) and the mechanical
stability checks (Ashcroft & Mermin ch. 22; Born & Huang).
"""

from __future__ import annotations

import math

import numba
import numpy as np
from numpy.typing import ArrayLike

from ._support import checked, integer, norm_and_direction, scalar, sort_by, unit_directions, vectors
from .lattice import Lattice
from .phonons import BrillouinZone, elastic_debye_temperature

__all__ = ["SpringModel", "christoffel_velocities", "cubic_elastic_tensor"]


def _cubic_form(C: np.ndarray, c11: float, c12: float, c44: float) -> np.ndarray:
    """C_ijkl = C12 δ_ij δ_kl + C44 (δ_ik δ_jl + δ_il δ_jk) + (C11 − C12 − 2 C44) δ_ijkl (cubic / square)."""
    d = C.shape[0]
    e = np.eye(d)
    delta4 = np.zeros_like(C)
    for i in range(d):
        delta4[i, i, i, i] = 1.0
    return (c12 * np.einsum("ij,kl->ijkl", e, e)
            + c44 * (np.einsum("ik,jl->ijkl", e, e) + np.einsum("il,jk->ijkl", e, e))
            + (c11 - c12 - 2.0 * c44) * delta4)


def cubic_elastic_tensor(c11: float, c12: float, c44: float, dim: int = 3) -> np.ndarray:
    """Elastic tensor C_ijkl of a cubic (dim 3) or square (dim 2) crystal from its Voigt constants.

    C_ijkl = C12 δ_ij δ_kl + C44 (δ_ik δ_jl + δ_il δ_jk) + (C11 − C12 − 2 C44) δ_ijkl, in the units of the
    constants (Pa for a 3D crystal).

    Examples
    --------
    >>> C = cubic_elastic_tensor(3.0, 1.0, 0.5)
    >>> float(C[0, 0, 0, 0]), float(C[0, 0, 1, 1]), float(C[0, 1, 0, 1])
    (3.0, 1.0, 0.5)
    >>> cubic_elastic_tensor(float("nan"), 1.0, 0.5)
    Traceback (most recent call last):
    ...
    ValueError: c11 = nan is outside the valid range (-inf, inf)
    """
    c11, c12, c44 = (scalar(name, value) for name, value in (("c11", c11), ("c12", c12), ("c44", c44)))
    return _cubic_form(np.zeros((integer("dim", dim, 2, 3),) * 4), c11, c12, c44)


def christoffel_velocities(elastic: np.ndarray, mass_density: float, directions: ArrayLike) -> np.ndarray:
    """Sound velocities of an elastic medium, m/s, ascending, shape (..., d): the Christoffel equation.

    Eigenvalues ρv² of the Christoffel matrix Λ_ik = C_ijkl n_j n_l (e.g. Kittel, *Introduction to Solid
    State Physics*, ch. 3), for the unit vectors n̂ along ``directions`` (non-zero, normalised here).

    Parameters
    ----------
    elastic : ndarray, shape (d, d, d, d)
        Elastic tensor C_ijkl (Pa in 3D).
    mass_density : float
        ρ (kg/m³ in 3D).
    directions : array_like, shape (..., d)
        Propagation directions.

    Examples
    --------
    >>> christoffel_velocities(cubic_elastic_tensor(4.0, 1.0, 1.0), 1.0, [1, 0, 0])
    array([1., 1., 2.])

    A tensor with a negative ρv² along a direction (mechanically unstable) is refused; rounding
    (|ρv²| below 1e-12 of the largest) is clipped to 0.
    """
    C = checked("elastic", elastic)
    if C.ndim != 4 or len(set(C.shape)) != 1 or C.shape[0] not in (1, 2, 3):
        raise ValueError(f"elastic must be a tensor of shape (d, d, d, d), d = 1, 2 or 3, got {C.shape}")
    rho = scalar("mass_density", mass_density, 0.0, low_open=True)
    n = unit_directions(directions, C.shape[0])
    moduli = np.linalg.eigvalsh(np.einsum("ijkl,...j,...l->...ik", C, n, n))      # ρv², ascending
    if np.any(moduli[..., 0] < -1e-12 * np.abs(moduli).max(axis=-1)):
        raise ValueError("elastic is outside the valid range: a mechanically stable tensor (ρv² >= 0 along "
                         f"every direction), got ρv² = {moduli.min():g} Pa along one of the directions")
    return np.sqrt(np.clip(moduli, 0.0, None) / rho)


#: Largest phase |q| |R|_max of the dynamical matrix (its rounding, ~1e-16 |q·R| rad, stays below 2e-4 rad).
_PHASE_MAX = 2.0**40

#: Largest number of cyclic Jacobi sweeps of :func:`_jacobi` (a 3 × 3 matrix needs 3 to 5).
_SWEEPS = 50


@numba.njit(cache=True, error_model="numpy")
def _jacobi(A: np.ndarray, V: np.ndarray) -> None:  # pragma: no cover - compiled
    """Eigen-decomposition of the small symmetric A in place by cyclic Jacobi rotations (the stable
    rotation of Golub & Van Loan, *Matrix Computations*, sec. 8.5: |angle| <= π/4): A ends diagonal
    (the eigenvalues), V (set to 1 here) holds the eigenvectors as columns. Backward stable like LAPACK's
    eigh (eigenvalue errors ~1e-16 ‖A‖); a rotation is skipped once |a_pq| <= 2^-60 √|a_pp a_qq|; a 2 × 2
    matrix takes one rotation."""
    d = A.shape[0]
    for i in range(d):
        for j in range(d):
            V[i, j] = 1.0 if i == j else 0.0
    for _ in range(_SWEEPS):
        rotated = False
        for p in range(d - 1):
            for r in range(p + 1, d):
                apq = A[p, r]
                if apq == 0.0 or abs(apq) <= 2.0**-60 * math.sqrt(abs(A[p, p] * A[r, r])):
                    A[p, r] = 0.0
                    A[r, p] = 0.0
                    continue
                rotated = True
                tau = (A[r, r] - A[p, p]) / (2.0 * apq)
                # t = tan(angle) = 1/(|τ| + √(1 + τ²)) (√ without hypot's cost; τ² overflows only past 1e154)
                t = 1.0 / (abs(tau) + math.sqrt(1.0 + tau * tau)) if abs(tau) < 1e150 else 0.5 / abs(tau)
                if tau < 0.0:
                    t = -t
                c = 1.0 / math.sqrt(1.0 + t * t)
                s = t * c
                A[p, p] -= t * apq
                A[r, r] += t * apq
                A[p, r] = 0.0
                A[r, p] = 0.0
                for m in range(d):
                    if m != p and m != r:
                        amp, amr = A[m, p], A[m, r]
                        A[m, p] = c * amp - s * amr
                        A[p, m] = A[m, p]
                        A[m, r] = s * amp + c * amr
                        A[r, m] = A[m, r]
                for m in range(d):
                    vmp, vmr = V[m, p], V[m, r]
                    V[m, p] = c * vmp - s * vmr
                    V[m, r] = s * vmp + c * vmr
        if not rotated or d == 2:                   # 2 × 2: one rotation is exact
            return


@numba.njit(cache=True, error_model="numpy")
def _modes_loop(q: np.ndarray, half_bonds: np.ndarray, tensors: np.ndarray, reach: float,
                omega: np.ndarray, vectors: np.ndarray) -> float:  # pragma: no cover - compiled
    """ω and polarisations of every q (N, d) (:meth:`SpringModel._modes_unchecked`): the scaled matrix of
    :meth:`SpringModel._scaled_matrix` (c = |q| for long waves), :func:`_jacobi`, ω = c √λ ascending.
    Returns the most negative λ/λ_max (0 when none)."""
    n, d = q.shape
    nb = half_bonds.shape[0]
    A = np.empty((d, d))
    V = np.empty((d, d))
    lam = np.empty(d)
    order = np.empty(d, dtype=np.int64)
    s2 = np.empty(nb)
    worst = 0.0
    for i in range(n):
        big = 0.0
        for a in range(d):
            big = max(big, abs(q[i, a]))
        root = 0.0
        if big > 0.0:
            for a in range(d):
                u = q[i, a] / big
                root += u * u
            root = math.sqrt(root)
        norm = big * root
        long = norm * reach < 1.0
        for b in range(nb):
            half = 0.0
            for a in range(d):
                half += q[i, a] * half_bonds[b, a]
            half *= 0.5
            if not long:
                s = math.sin(half)
            elif big == 0.0:
                s = 0.0
            else:
                proj = 0.0
                for a in range(d):
                    proj += (q[i, a] / big / root) * half_bonds[b, a]
                s = 0.5 * proj * (math.sin(half) / half if half != 0.0 else 1.0)
            s2[b] = 2.0 * s * s
        for a in range(d):
            for c in range(d):
                acc = 0.0
                for b in range(nb):
                    acc += s2[b] * tensors[b, a * d + c]
                A[a, c] = acc
        for a in range(d):                          # exactly symmetric (the tensors are)
            for c in range(a):
                A[a, c] = A[c, a]
        _jacobi(A, V)
        top = 0.0
        for a in range(d):
            lam[a] = A[a, a]
            order[a] = a
            top = max(top, abs(lam[a]))
        sort_by(lam, order)
        scale = norm if long else 1.0
        for a in range(d):
            if top > 0.0 and lam[a] < worst * top:
                worst = lam[a] / top
            omega[i, a] = scale * math.sqrt(max(lam[a], 0.0))
            for m in range(d):
                vectors[i, m, a] = V[m, order[a]]
    return worst


_VOIGT = {1: [(0, 0)], 2: [(0, 0), (1, 1), (0, 1)], 3: [(0, 0), (1, 1), (2, 2), (1, 2), (0, 2), (0, 1)]}


class SpringModel:
    """Born-von Kármán model: central-force springs to nearest and next-nearest neighbours.

    One atom of mass M per primitive cell of ``lattice``; a spring of constant
    k1 to each nearest neighbour and k2 to each next-nearest neighbour,
    unstretched at equilibrium (no tension terms).

    Parameters
    ----------
    lattice : Lattice
        Bravais lattice (chain, square, sc, bcc, fcc or custom).
    mass : float
        Atomic mass M, kg (> 0).
    k1 : float
        Nearest-neighbour spring constant, N/m (> 0).
    k2 : float, optional
        Next-nearest-neighbour spring constant, N/m (>= 0). Together with M and the
        lattice they must keep ω_max² = 2 Σ_R k_R/M and the elastic constants
        inside [1e-300, 1e300] (SI).

    Raises
    ------
    ValueError
        For invalid parameters, and when the model is not mechanically stable
        (Born criteria on the elastic constants, and all ω² > 0 on a 6^d mesh
        away from Γ). Central nearest-neighbour springs alone leave the square,
        sc and bcc lattices with a zero shear modulus: these need k2 > 0.

    Notes
    -----
    A bond R (spring k_R) has force-constant matrix −k_R R̂R̂ᵀ; the dynamical
    matrix is

        D(q) = (1/M) Σ_R k_R R̂R̂ᵀ (1 − cos q·R) = (2/M) Σ_{R, one of ±R} k_R R̂R̂ᵀ · 2 sin²(q·R/2),

    evaluated with sin² so that it keeps full relative accuracy as q -> 0, and
    D(0) = 0 exactly (acoustic sum rule by construction; Ashcroft & Mermin
    ch. 22). All k_R >= 0 make D
    positive semi-definite, so ω² is never negative beyond round-off.

    Long waves: D(q) -> (1/2M) Σ_R k_R R̂R̂ᵀ (q·R)², i.e. ρ ω² e_i = C_ijkl q_j q_l e_k
    (Christoffel equation) with ρ = M/Ω and

        C_ijkl = (1/2Ω) Σ_R k_R R_i R_j R_k R_l / |R|²,

    the elastic tensor of pair central forces without tension. It is fully
    symmetric, so the Cauchy relation C12 = C44 holds (Born & Huang, *Dynamical
    Theory of Crystal Lattices* (1954), the Cauchy relations: they hold for
    central pair forces when every atom is a centre of inversion and there is
    no initial stress). Per lattice, with a the
    conventional constant (Pa in 3D, N/m in 2D, N in 1D):

    ======  ====================  ====================  ==============
    lattice C11                   C12                   C44 (C66 in 2D)
    ======  ====================  ====================  ==============
    fcc     (2k1 + 4k2)/a         k1/a                  k1/a
    bcc     (2k1/3 + 2k2)/a       2k1/(3a)              2k1/(3a)
    sc      (k1 + 2k2)/a          k2/a                  k2/a
    square  k1 + k2               k2                    k2
    chain   (k1 + 4k2) a
    ======  ====================  ====================  ==============

    So nearest-neighbour springs alone give C44 = 0 for sc and square and
    C11 − C12 = 0 for bcc (zero shear moduli), while fcc is stable
    (C11 − C12 = C44 = k1/a).

    Examples
    --------
    >>> import numpy as np
    >>> from numeric.constants import atomic_mass
    >>> cu = SpringModel.with_debye_temperature(Lattice.fcc(3.615e-10), 63.546 * atomic_mass, 343.0)
    >>> f"k1 = {cu.k1:.3f} N/m, Θ_D(0) = {cu.debye_temperature_T0():.6f} K"
    'k1 = 24.199 N/m, Θ_D(0) = 343.000000 K'
    >>> {name: f"{c / 1e9:.2f} GPa" for name, c in cu.elastic_constants().items()}
    {'C11': '133.88 GPa', 'C12': '66.94 GPa', 'C44': '66.94 GPa'}
    >>> cu.frequencies(np.zeros(3))                    # acoustic sum rule
    array([0., 0., 0.])
    >>> SpringModel(Lattice.sc(3e-10), 1e-25, 10.0)
    Traceback (most recent call last):
    ...
    ValueError: SpringModel(sc, k1 = 10 N/m, k2 = 0 N/m) is mechanically unstable: ...
    """

    def __init__(self, lattice: Lattice, mass: float, k1: float, k2: float = 0.0) -> None:
        if not isinstance(lattice, Lattice):
            raise TypeError(f"lattice must be a numeric.lattice.Lattice, got {type(lattice).__name__}")
        self._lattice = lattice
        self._mass = scalar("mass", mass, 0.0, low_open=True)
        self._k1 = scalar("k1", k1, 0.0, low_open=True)
        self._k2 = scalar("k2", k2, 0.0, low_open=False)
        vectors, constants = [], []
        for shell, k in ((1, self._k1), (2, self._k2)):
            if k > 0.0:
                R = lattice.neighbours(shell)
                vectors.append(R)
                constants.append(np.full(len(R), k))
        R = np.concatenate(vectors)
        k = np.concatenate(constants)
        self._bonds = (R, k)
        dim = lattice.dim
        # one bond of each ±R pair: the first non-zero component is positive
        first = R[np.arange(len(R)), np.argmax(R != 0.0, axis=1)]
        half = first > 0.0
        unit = R[half] / np.linalg.norm(R[half], axis=1, keepdims=True)
        self._half_bonds = np.ascontiguousarray(R[half])
        self._reach = float(np.max(np.linalg.norm(R, axis=1)))              # |R|_max, m
        given = (f"k1 = {self._k1:g} N/m, k2 = {self._k2:g} N/m, mass = {self._mass:g} kg on {lattice.name} "
                 f"(|a_1| = {float(np.linalg.norm(lattice.primitive[0])):g} m)")
        with np.errstate(over="ignore", under="ignore", invalid="ignore"):
            self._tensors = np.ascontiguousarray((2.0 * k[half] / self._mass)[:, None] * np.einsum(
                "bi,bj->bij", unit, unit).reshape(-1, dim * dim))
            self._omega2_bound = 2.0 * float(k.sum()) / self._mass  # >= largest eigenvalue of D(q)
            # C_ijkl = (1/2Ω) Σ k R_i R_j R_k R_l/|R|², with R scaled by a power of two near |R_1| (exact):
            # neither R⁴ nor k/|R|² leaves the double range for lattice constants from 1e-50 to 1e50 m
            length = math.ldexp(1.0, math.frexp(float(np.linalg.norm(R[0])))[1])
            Rs = R / length
            weight = k / np.einsum("bi,bi->b", Rs, Rs)
            self._elastic = (np.einsum("b,bi,bj,bk,bl->ijkl", weight, Rs, Rs, Rs, Rs)
                             * (length * length / (2.0 * lattice.cell_volume)))
        scale = float(np.max(np.abs(self._elastic)))
        if not (1e-300 <= self._omega2_bound <= 1e300 and 1e-300 <= scale <= 1e300
                and np.all(np.isfinite(self._tensors))):
            raise ValueError(f"{given} gives ω_max² = {self._omega2_bound:g} rad²/s² and elastic constants "
                             f"~{scale:g}: outside the double range [1e-300, 1e300]; k1, k2 and mass are "
                             "outside their valid range for this lattice")
        self._elastic.setflags(write=False)
        self._theta0: float | None = None
        self._check_stability()

    # ------------------------------------------------------------------ construction helpers
    @classmethod
    def with_debye_temperature(cls, lattice: Lattice, mass: float, theta_D: float,
                               k2_over_k1: float = 0.0) -> SpringModel:
        """The model on ``lattice`` whose Θ_D(0) equals ``theta_D``, for a fixed ratio k2/k1.

        Parameters
        ----------
        lattice : Lattice
            The lattice.
        mass : float
            Atomic mass M, kg (> 0).
        theta_D : float
            Target T -> 0 Debye temperature Θ_D(0), K (> 0; such that 1e-290 <= k1 <= 1e290 N/m).
        k2_over_k1 : float, optional
            Ratio k2/k1 (in [0, 1e12]; > 0 for square, sc and bcc).

        Returns
        -------
        SpringModel
            Sound velocities scale as √k at fixed ratio, so k1 = (Θ_D/Θ_1)² N/m
            with Θ_1 the Θ_D(0) of the model with k1 = 1 N/m.

        Examples
        --------
        >>> from numeric.constants import atomic_mass
        >>> m = SpringModel.with_debye_temperature(Lattice.bcc(3.3e-10), 93 * atomic_mass, 275.0, 0.5)
        >>> f"{m.debye_temperature_T0():.9f}", f"{m.k2 / m.k1:.12f}"
        ('275.000000000', '0.500000000000')
        """
        theta_D = scalar("theta_D", theta_D, 0.0, low_open=True)
        ratio = scalar("k2_over_k1", k2_over_k1, 0.0, low_open=False)
        if ratio > 1e12:
            raise ValueError(f"k2_over_k1 = {ratio:g} is outside the valid range [0, 1e12]")
        unit = cls(lattice, mass, 1.0, ratio)
        theta_1 = unit.debye_temperature_T0()
        k1 = (theta_D / theta_1) * (theta_D / theta_1)                 # inf or 0 beyond the double range
        if not 1e-290 <= k1 <= 1e290 or ratio * k1 > 1e290:
            raise ValueError(f"theta_D = {theta_D:g} K is outside the valid range [{theta_1 * 1e-145:.6g}, "
                             f"{theta_1 * 1e145:.6g}] K for this lattice, mass and k2/k1 (k1 = {k1:g} N/m)")
        return cls(lattice, mass, k1, ratio * k1)

    def __repr__(self) -> str:
        a = "" if self._lattice.a is None else f"(a={self._lattice.a:g} m)"
        return (f"SpringModel({self._lattice.name}{a}, mass={self._mass:g} kg, "
                f"k1={self._k1:g} N/m, k2={self._k2:g} N/m)")

    # ------------------------------------------------------------------ parameters
    @property
    def lattice(self) -> Lattice:
        """The Bravais lattice."""
        return self._lattice

    @property
    def mass(self) -> float:
        """Atomic mass M, kg."""
        return self._mass

    @property
    def k1(self) -> float:
        """Nearest-neighbour spring constant, N/m."""
        return self._k1

    @property
    def k2(self) -> float:
        """Next-nearest-neighbour spring constant, N/m."""
        return self._k2

    @property
    def dim(self) -> int:
        """Dimension d = number of branches."""
        return self._lattice.dim

    @property
    def cell_volume(self) -> float:
        """Volume per atom Ω, m^d."""
        return self._lattice.cell_volume

    @property
    def mass_density(self) -> float:
        """ρ = M/Ω, kg/m^d."""
        return self._mass / self._lattice.cell_volume

    @property
    def domain(self) -> BrillouinZone:
        """The first BZ of :attr:`lattice`: the integration domain of this model."""
        return BrillouinZone(self._lattice)

    @property
    def frequency_bound(self) -> float:
        """Upper bound of ω over all q, rad/s: √(2 Σ_R k_R/M) (each bond adds at most 2k_R/M to ‖D‖)."""
        return math.sqrt(self._omega2_bound)

    @property
    def bonds(self) -> tuple[np.ndarray, np.ndarray]:
        """All bonds: vectors R (n, d) in m and their spring constants k_R (n,) in N/m (copies)."""
        return self._bonds[0].copy(), self._bonds[1].copy()

    # ------------------------------------------------------------------ dynamics
    def dynamical_matrix(self, q: ArrayLike) -> np.ndarray:
        """D(q) = (1/M) Σ_R k_R R̂R̂ᵀ (1 − cos q·R), rad²/s², shape (..., d, d), for q of shape (..., d) in 1/m.

        q as in :meth:`frequencies` (|q| |R|_max <= 2^40); D underflows to 0 only below ~1e-308 rad²/s².

        Examples
        --------
        >>> m = SpringModel(Lattice.chain(1.0), 1.0, 1.0)
        >>> m.dynamical_matrix([[3.141592653589793]])      # 4k/M at the zone boundary
        array([[[4.]]])
        """
        q = vectors("q", q, self.dim)
        scale, D = self._scaled_matrix(q)
        c = scale[..., None, None]
        with np.errstate(under="ignore"):
            return c * (c * D)                                              # c² alone may be subnormal

    def _scaled_matrix(self, q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(c, D/c²) with c = |q| for |q| |R|_max < 1 (long waves: no underflow of sin² down to
        subnormal q), c = 1 otherwise; D/c² = Σ_R 2 (sin(q·R/2)/c)² k_R R̂R̂ᵀ/M, shape (..., d, d)."""
        norm, unit = norm_and_direction(q)
        too_far = norm > _PHASE_MAX / self._reach
        if np.any(too_far):
            raise ValueError(f"q = {q[too_far][0].tolist()} 1/m is outside the valid range |q| <= "
                             f"{_PHASE_MAX / self._reach:.6g} 1/m (|q| |R| <= 2^40: beyond, the phase q·R "
                             "has no correct digit in double precision); the dispersion is periodic: "
                             "reduce q by a reciprocal-lattice vector")
        long = norm * self._reach < 1.0
        scale = np.where(long, norm, 1.0)
        direction = np.where(long[..., None], unit, q)                      # q/c
        half = 0.5 * (q @ self._half_bonds.T)                                # q·R/2
        s = np.where(long[..., None], 0.5 * (direction @ self._half_bonds.T) * np.sinc(half / math.pi),
                     np.sin(half))                                           # sin(q·R/2)/c
        D = ((2.0 * s * s) @ self._tensors).reshape(*q.shape[:-1], self.dim, self.dim)
        return scale, D

    def _omega(self, eigenvalues: np.ndarray, scale: np.ndarray) -> np.ndarray:
        # eigvalsh round-off is ~1e-15 of the largest eigenvalue (<= the trace of the PSD matrix)
        tol = 1e-11 * np.abs(eigenvalues).max(axis=-1, keepdims=True) if eigenvalues.size else 0.0
        if eigenvalues.size and np.any(eigenvalues < -tol):
            raise RuntimeError(f"negative ω² = {eigenvalues.min():g} (scaled) beyond round-off; this cannot "
                               "happen for springs k >= 0")
        with np.errstate(over="ignore", under="ignore"):
            return scale[..., None] * np.sqrt(np.clip(eigenvalues, 0.0, None))

    def frequencies(self, q: ArrayLike) -> np.ndarray:
        """Phonon angular frequencies ω_s(q), rad/s, ascending, shape (..., d).

        Parameters
        ----------
        q : array_like, shape (..., d)
            Wavevectors, 1/m, with |q| |R|_max <= 2^40 for the longest bond R (the dispersion is
            periodic in the reciprocal lattice; a larger q has no correct digit in the phase q·R).
            Long waves keep full relative accuracy down to subnormal |q|.

        Notes
        -----
        ω = √λ of the eigenvalues λ of D(q) (numpy ``eigvalsh``); round-off
        negatives (|λ| < 1e-11 ‖D‖_max) are set to 0. ω keeps full relative
        accuracy as q -> 0 (D is built from sin², not 1 − cos).

        Examples
        --------
        >>> import numpy as np
        >>> m = SpringModel(Lattice.chain(2e-10), 1e-25, 10.0)
        >>> q = np.array([[0.0], [np.pi / 2e-10]])
        >>> m.frequencies(q)[:, 0] / (2 * np.sqrt(10.0 / 1e-25))   # |sin(qa/2)|
        array([0., 1.])
        """
        scale, D = self._scaled_matrix(vectors("q", q, self.dim))
        return self._omega(np.linalg.eigvalsh(D), scale)

    def modes(self, q: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
        """Frequencies and polarisation vectors.

        Returns
        -------
        omega : ndarray, shape (..., d)
            ω_s(q), rad/s, ascending.
        vectors : ndarray, shape (..., d, d)
            Orthonormal real polarisations; ``vectors[..., :, s]`` belongs to ``omega[..., s]``.

        Examples
        --------
        >>> import numpy as np
        >>> m = SpringModel(Lattice.fcc(1.0), 1.0, 1.0)
        >>> omega, e = m.modes([0.1, 0.0, 0.0])
        >>> np.round(np.abs(e[:, 2]), 12)                  # the highest branch is longitudinal
        array([1., 0., 0.])
        """
        scale, D = self._scaled_matrix(vectors("q", q, self.dim))
        lam, polarisations = np.linalg.eigh(D)
        return self._omega(lam, scale), polarisations

    def _modes_unchecked(self, q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`modes` of a float64 array q (N, d) of first-zone wavevectors (|q| |R|_max <= 2^40 not
        checked), compiled: the same scaled dynamical matrix and ω = c √λ, the eigenproblem by Jacobi
        rotations instead of LAPACK (equal to round-off, ~1e-16 of the largest ω²; for degenerate ω
        another basis of the same subspace). For internal meshes (numeric.eliashberg_function)."""
        q = np.ascontiguousarray(q, dtype=float)
        omega = np.empty(q.shape)
        vecs = np.empty((*q.shape, q.shape[-1]))
        with np.errstate(over="ignore", under="ignore"):
            worst = _modes_loop(q, self._half_bonds, self._tensors, self._reach, omega, vecs)
        if worst < -1e-11:
            raise RuntimeError(f"negative ω² = {worst:g} (relative) beyond round-off; this cannot happen for "
                               "springs k >= 0")
        return omega, vecs

    def ray_extent(self, directions: ArrayLike) -> np.ndarray:
        """Distance from Γ to the first-BZ boundary along each direction, 1/m.

        The integration domain of this model: see :meth:`Lattice.ws_boundary_distance`.
        """
        return self._lattice.ws_boundary_distance(directions)

    # ------------------------------------------------------------------ long waves
    def elastic_tensor(self) -> np.ndarray:
        """C_ijkl = (1/2Ω) Σ_R k_R R_i R_j R_k R_l/|R|², shape (d, d, d, d); Pa (3D), N/m (2D), N (1D).

        Examples
        --------
        >>> import numpy as np
        >>> C = SpringModel(Lattice.fcc(1.0), 1.0, 1.0).elastic_tensor()
        >>> float(C[0, 0, 0, 0]), float(C[0, 0, 1, 1]), float(C[1, 2, 1, 2])   # 2k/a, k/a, k/a
        (2.0, 1.0, 1.0)
        """
        return self._elastic.copy()

    def _named_constants(self) -> dict[str, float] | None:
        C = self._elastic
        d = self.dim
        if d == 1:
            return {"C11": float(C[0, 0, 0, 0])}
        c11, c12, c44 = float(C[0, 0, 0, 0]), float(C[0, 0, 1, 1]), float(C[0, 1, 0, 1])
        if np.max(np.abs(C - _cubic_form(C, c11, c12, c44))) > 1e-12 * np.max(np.abs(C)):
            return None
        return {"C11": c11, "C12": c12, ("C44" if d == 3 else "C66"): c44}

    def elastic_constants(self) -> dict[str, float]:
        """Voigt elastic constants of a cubic (3D), square (2D) or 1D model.

        Returns
        -------
        dict
            3D cubic: ``C11``, ``C12``, ``C44`` in Pa; 2D square: ``C11``,
            ``C12``, ``C66`` in N/m; 1D: ``C11`` in N (the string stiffness
            k_eff a). See the class notes for the closed forms.

        Raises
        ------
        ValueError
            If the elastic tensor does not have cubic (square) symmetry in the
            Cartesian axes; use :meth:`elastic_tensor` then.

        Examples
        --------
        >>> SpringModel(Lattice.sc(1.0), 1.0, 1.0, 0.5).elastic_constants()
        {'C11': 2.0, 'C12': 0.5, 'C44': 0.5}
        """
        named = self._named_constants()
        if named is None:
            raise ValueError("elastic_constants() needs cubic (square) symmetry in the Cartesian axes; "
                             "use elastic_tensor() for this lattice")
        return named

    def sound_velocities(self, directions: ArrayLike) -> np.ndarray:
        """Long-wavelength sound velocities, m/s, ascending, shape (..., d).

        Parameters
        ----------
        directions : array_like, shape (..., d)
            Propagation directions (non-zero; normalised internally).

        Notes
        -----
        Eigenvalues of the Christoffel equation ρ v² e_i = C_ijkl n_j n_l e_k
        (e.g. Kittel, *Introduction to Solid State Physics*, ch. 3). For cubic
        crystals along [100]: ρv² = C11, C44 (twice); along [110]:
        (C11 + C12 + 2C44)/2, C44, (C11 − C12)/2; along [111]:
        (C11 + 2C12 + 4C44)/3, (C11 − C12 + C44)/3 (twice). They are the limits
        ω_s(q n̂)/q as q -> 0.

        Examples
        --------
        >>> import numpy as np
        >>> m = SpringModel(Lattice.fcc(1.0), 1.0, 1.0)     # ρ = 4, C11 = 2, C44 = 1
        >>> m.sound_velocities([[1, 0, 0]]) ** 2 * m.mass_density
        array([[1., 1., 2.]])
        """
        return christoffel_velocities(self._elastic, self.mass_density, directions)

    def debye_temperature_T0(self) -> float:
        """Θ_D(0) from the sound velocities (:func:`elastic_debye_temperature`, rtol 1e-12), K; cached."""
        if self._theta0 is None:
            self._theta0 = elastic_debye_temperature(self)
        return self._theta0

    # ------------------------------------------------------------------ stability
    def _check_stability(self) -> None:
        label = (f"SpringModel({self._lattice.name}, k1 = {self._k1:g} N/m, k2 = {self._k2:g} N/m) "
                 "is mechanically unstable: ")
        advice = ("central nearest-neighbour springs alone leave the square, sc and bcc lattices with a zero "
                  "shear modulus; add next-nearest-neighbour springs, k2 > 0"
                  if self._k2 == 0.0 else "choose other k1, k2")
        C = self._elastic
        scale = float(np.max(np.abs(C)))
        tol = 1e-10 * scale
        unit = {1: "N", 2: "N/m", 3: "Pa"}[self.dim]
        named = self._named_constants()
        if named is not None and self.dim > 1:
            shear = "C44" if self.dim == 3 else "C66"
            c11, c12, c44 = named["C11"], named["C12"], named[shear]
            bulk = ("C11 + 2 C12", c11 + 2 * c12) if self.dim == 3 else ("C11 + C12", c11 + c12)
            criteria = [("C11 − C12", c11 - c12), (shear, c44), bulk]
            failed = [f"{name} > 0 fails ({name} = {value:.6g} {unit})"
                      for name, value in criteria if not value > tol]
            if failed:
                raise ValueError(label + "Born criterion " + "; ".join(failed) + f": {advice}")
        else:
            pairs = _VOIGT[self.dim]
            voigt = np.array([[C[i, j, m, n] for (m, n) in pairs] for (i, j) in pairs])
            lowest = float(np.linalg.eigvalsh(voigt)[0])
            if not lowest > tol:
                raise ValueError(label + f"the Voigt elastic matrix is not positive definite (lowest "
                                 f"eigenvalue {lowest:.6g} {unit}): {advice}")
        q, _ = self._lattice.monkhorst_pack(6)
        q = q[np.any(q != 0.0, axis=1)]
        lowest = np.linalg.eigvalsh(self.dynamical_matrix(q))[:, 0]
        worst = int(np.argmin(lowest))
        if not lowest[worst] > 1e-9 * self._omega2_bound:
            raise ValueError(label + f"ω² = {lowest[worst]:.6g} rad²/s² <= 0 at q = {q[worst]} 1/m: {advice}")
