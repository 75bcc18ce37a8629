"""Electron bands: the free-electron gas and one-band tight-binding models, with BZ integrators (SI).

* :class:`FreeElectronGas`: the Sommerfeld model, ε = ħ²k²/2m at density n
  (Ashcroft & Mermin (A&M) ch. 2).
* :class:`TightBinding`: one s band on a :class:`numeric.lattice.Lattice` with
  nearest (t) and next-nearest (t2) neighbour hopping,
  ε_k = −t Σ_{R ∈ shell 1} cos k·R − t2 Σ_{R ∈ shell 2} cos k·R (A&M ch. 10),
  with its density of states (DOS) by the linear tetrahedron method or by
  Gaussian smearing, its T = 0 Fermi level and its band-bottom effective mass.

Conventions: DOS of the tight-binding model per primitive cell and both spins
(states/(J·cell)); DOS of the electron gas per volume and both spins
(1/(J·m³)), the Thomas-Fermi convention of docs/architecture.md, Conventions. Wavevectors include
the 2π (1/m).

The tetrahedron method (:class:`numeric.tetrahedron.TetrahedronMesh`) lives in
:mod:`numeric.tetrahedron`, with Blöchl's correction and its convergence.
"""

from __future__ import annotations

import math
from functools import cached_property

import numba
import numpy as np
from numpy.typing import ArrayLike

from ._golden_rule import product
from ._support import checked, integer, scalar, vectors
from .bands import FermiSphere, TetrahedronBZ
from .constants import bohr_radius as _BOHR
from .constants import hbar as _HBAR
from .constants import k as _K_B
from .constants import m_e as _M_E
from .lattice import Lattice
from .tetrahedron import TetrahedronMesh

__all__ = ["FreeElectronGas", "TightBinding"]

#: default mesh divisions per dimension (Γ-centred, even: contains the zone-boundary points)
_DEFAULT_MESH = {1: 8192, 2: 384, 3: 48}
_TINY = 2.2250738585072014e-308  # the smallest normal double
#: largest accepted mesh per dimension (~10⁶ k-points, ~1 GB of tetrahedra in 3D; memory runs out beyond)
_MAX_MESH = {1: 2**20, 2: 1024, 3: 96}


def _finite_values(name: str, given: np.ndarray, out: np.ndarray, what: str) -> np.ndarray:
    """``out``, or ValueError naming ``name`` where it overflowed (not representable in double precision)."""
    bad = ~np.isfinite(out)
    if bad.any():
        value = given[tuple(np.argwhere(bad)[0])]
        raise ValueError(f"{name} = {np.asarray(value).tolist()} is outside the valid range: {what} exceeds "
                         "the largest double (1.8e308)")
    return out


def _output(arr: np.ndarray, like: np.ndarray) -> np.ndarray | float:
    return float(arr.reshape(())) if like.ndim == 0 else arr.reshape(like.shape)


# ====================================================================== free electrons
class FreeElectronGas:
    """Free (Sommerfeld) electron gas: ε = ħ²k²/2m, two spin states, density n (A&M ch. 2).

    A :class:`numeric.bands.BandModel` integrated on its Fermi sphere
    (``domain``): the one place where k_F, E_F and g(E_F) of free electrons are derived.

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
    dim : int
        3.
    fermi_level : float
        E_F (the :class:`numeric.bands.BandModel` name), J.
    domain : numeric.bands.FermiSphere
        FermiSphere(m, k_F): integrals over directions of k are analytic.

    Examples
    --------
    >>> cu = FreeElectronGas.copper()  # A&M tables 2.1, 2.2 print E_F = 7.00 eV but T_F = 8.16e4 K (7.03 eV)
    >>> from numeric.constants import eV
    >>> f"{cu.k_F:.3e} 1/m, {cu.E_F / eV:.2f} eV, {cu.v_F:.3e} m/s, r_s = {cu.r_s:.2f}"
    '1.359e+10 1/m, 7.03 eV, 1.573e+06 m/s, r_s = 2.67'
    >>> f"{cu.fermi_temperature:.3e} K"
    '8.161e+04 K'
    >>> bool(abs(cu.dos(cu.E_F) / cu.dos_fermi - 1) < 1e-14)
    True
    """

    spin_degeneracy = 2
    dim = 3

    def __init__(self, n: float, m: float = _M_E) -> None:
        self.n = scalar("n", n, 0.0, low_open=True)
        self.m = scalar("m", m, 0.0, low_open=True)
        self.k_F = (3.0 * math.pi**2 * self.n) ** (1.0 / 3.0)
        self.E_F = _HBAR**2 * self.k_F**2 / (2.0 * self.m)
        self.v_F = _HBAR * self.k_F / self.m
        self.dos_fermi = self.m * self.k_F / (math.pi**2 * _HBAR**2)
        if not all(_TINY <= x < math.inf for x in (self.k_F**2, self.E_F, self.v_F, self.dos_fermi)):
            # an intermediate left the normal range: mantissas and exponents apart, rounded once
            mass, exp_m = math.frexp(self.m)
            self.E_F = float(product(_HBAR, _HBAR, self.k_F, self.k_F, 0.5 / mass, exponent=-exp_m))
            self.v_F = float(product(_HBAR, self.k_F, 1.0 / mass, exponent=-exp_m))
            self.dos_fermi = float(product(mass, self.k_F, 1.0 / (math.pi**2 * _HBAR**2), exponent=exp_m))
        self.r_s = (3.0 / (4.0 * math.pi * self.n)) ** (1.0 / 3.0) / _BOHR
        self.fermi_temperature = self.E_F / _K_B
        for name in ("k_F", "E_F", "v_F", "dos_fermi", "r_s", "fermi_temperature"):
            value = getattr(self, name)
            if not _TINY <= value < math.inf:  # normal, finite doubles only
                raise ValueError(f"n = {self.n:g} 1/m³, m = {self.m:g} kg are outside the valid range of "
                                 f"FreeElectronGas: {name} = {value:g} is not a normal double (it over- or "
                                 "underflows; valid range: n and m for which k_F, E_F, v_F, g(E_F), r_s "
                                 "and T_F lie in [2.2e-308, 1.8e308])")
        self.domain = FermiSphere(self.m, self.k_F)

    @property
    def fermi_level(self) -> float:
        """E_F, J (measured from the band bottom)."""
        return self.E_F

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
        with np.errstate(over="ignore", under="ignore"):
            kk = np.einsum("...i,...i->...", k, k)
            h2kk = _HBAR**2 * kk
            out = h2kk / (2.0 * self.m)
        zero = np.all(k == 0.0, axis=-1)
        if not all(np.all((x >= _TINY) & (x < math.inf) | zero) for x in (kk, h2kk, out)):
            # |k|², ħ²|k|² or the result left the normal range: ħ² (k/2^a)² (1/2m) 2^(2a) in mantissas
            # and exponents (numeric._golden_rule.product), rounded once
            exp_k = np.frexp(np.max(np.abs(k), axis=-1))[1]  # 2^exp_k > max |k_i|
            unit = np.ldexp(k, -exp_k[..., None])
            mass, exp_m = math.frexp(self.m)
            out = product(_HBAR, _HBAR, np.einsum("...i,...i->...", unit, unit), 0.5 / mass,
                          exponent=2 * exp_k - exp_m)
        return _finite_values("k", k, out, "ε(k) in J")

    def velocities(self, k: ArrayLike) -> np.ndarray:
        """v(k) = ħk/m, m/s, shape (..., 3), for k of shape (..., 3) in 1/m.

        Examples
        --------
        >>> gas = FreeElectronGas.copper()
        >>> float(gas.velocities([0.0, 0.0, gas.k_F])[2] / gas.v_F)
        1.0
        """
        k = vectors("k", k, 3)
        with np.errstate(over="ignore"):
            return _finite_values("k", k, k * (_HBAR / self.m), "v(k) in m/s")

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
        with np.errstate(over="ignore"):
            g = self.dos_fermi * (np.sqrt(np.clip(e, 0.0, None)) / math.sqrt(self.E_F))  # g(E_F) sqrt(E/E_F)
        return _output(_finite_values("E", e, g, "g(E) in 1/(J m³)"), e)


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


@numba.njit(cache=True, error_model="numpy")
def _band_energies(k: np.ndarray, bonds: np.ndarray, hops: np.ndarray,
                   out: np.ndarray) -> None:  # pragma: no cover - compiled
    """out[i] = −Σ_b hops[b] cos k_i·R_b over one bond of each pair ±R (hops = 2 t_R: cos is even)."""
    n, d = k.shape
    for i in range(n):
        acc = 0.0
        for b in range(bonds.shape[0]):
            x = 0.0
            for a in range(d):
                x += k[i, a] * bonds[b, a]
            acc += hops[b] * math.cos(x)
        out[i] = -acc


@numba.njit(cache=True, error_model="numpy")
def _band_velocities(k: np.ndarray, bonds: np.ndarray, hops: np.ndarray, scale: float, hbar: float,
                     out: np.ndarray) -> None:  # pragma: no cover - compiled
    """out[i] = (Σ_b hops[b] R_b sin k_i·R_b) scale / hbar over one bond of each pair ±R (R sin k·R is
    even; the sum in units of the scale first, as the hoppings, so that no intermediate overflows)."""
    n, d = k.shape
    for i in range(n):
        for a in range(d):
            out[i, a] = 0.0
        for b in range(bonds.shape[0]):
            x = 0.0
            for a in range(d):
                x += k[i, a] * bonds[b, a]
            s = hops[b] * math.sin(x)
            for a in range(d):
                out[i, a] += s * bonds[b, a]
        for a in range(d):
            out[i, a] = out[i, a] * scale / hbar


def _half_shell(R: np.ndarray, tR: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One bond of each pair ±R with the hopping doubled (ε and v are sums of even terms over the pairs);
    all bonds with their own hoppings when some −R is not a bond (never for a Bravais lattice's shells)."""
    keep, seen = [], set()
    for i, r in enumerate(R):
        if i in seen:
            continue
        partner = np.flatnonzero(np.all(R == -r, axis=1) & (tR == tR[i]))
        partner = [j for j in partner if j != i and j not in seen]
        if not partner:
            return np.ascontiguousarray(R, dtype=float), np.ascontiguousarray(tR, dtype=float)
        seen.update((i, partner[0]))
        keep.append(i)
    return np.ascontiguousarray(R[keep], dtype=float), 2.0 * tR[keep]


class TightBinding:
    """One-band tight-binding model with nearest and next-nearest neighbour hopping (SI).

    ε_k = −t Σ_{R ∈ nn} e^{ik·R} − t2 Σ_{R ∈ nnn} e^{ik·R} = −Σ_R t_R cos k·R,

    the neighbour shells taken from :meth:`Lattice.neighbours` (as
    :class:`numeric.springs.SpringModel` takes its bonds); both shells are closed
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
    fermi_level : float
        T = 0 Fermi level, J (see the notes).
    dos_fermi : float
        D(E_F)/Ω, both spins, per volume, 1/(J·m^d) (the :class:`numeric.bands.BandModel` convention).
    domain : numeric.bands.TetrahedronBZ
        The first BZ by linear tetrahedra, energies in units of |t|.

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
    >>> from numeric.constants import eV
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
        self._scale = abs(self.t) + abs(self.t2)
        self._tR = np.concatenate(hoppings) / self._scale  # in units of the scale: no under/overflow
        self._half_R, self._half_tR = _half_shell(self._R, self._tR)  # the compiled ε and v
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

    @property
    def domain(self) -> TetrahedronBZ:
        """The first BZ of :attr:`lattice`, integrated by linear tetrahedra in units of |t|."""
        return TetrahedronBZ(self.lattice, abs(self.t))

    @cached_property
    def dos_fermi(self) -> float:
        """D(E_F)/Ω: density of states at the Fermi level, both spins, per volume, 1/(J·m^d).

        Examples
        --------
        >>> import numpy as np
        >>> tb = TightBinding(Lattice.chain(1.0), 1.0, electrons_per_cell=1.0)
        >>> round(tb.dos_fermi * np.pi, 6)                  # 2/(π · 2t a) at half filling
        1.0
        """
        return float(self.dos(self.fermi_level)) / self.cell_volume

    # ------------------------------------------------------------------ band
    def _eps(self, k: np.ndarray) -> np.ndarray:
        """ε_k in units of |t| + |t2| (the BZ integrals run in these units), shape (...) for k (..., d)
        (float64; a 0-d result as a numpy scalar); compiled, one bond of each pair ±R."""
        flat = np.ascontiguousarray(k, dtype=float).reshape(-1, self.dim)
        out = np.empty(flat.shape[0])
        _band_energies(flat, self._half_R, self._half_tR, out)
        return out.reshape(k.shape[:-1])[()]

    def energies(self, k: ArrayLike) -> np.ndarray:
        """ε_k = −Σ_R t_R cos k·R, J, shape (...), for k of shape (..., d) in 1/m.

        Examples
        --------
        >>> import numpy as np
        >>> tb = TightBinding(Lattice.fcc(1.0), 1.0, electrons_per_cell=1.0)
        >>> tb.energies([[0, 0, 0], [2 * np.pi, 0, 0]])   # Γ: −12t, X: +4t
        array([-12.,   4.])
        """
        return self._eps(vectors("k", k, self.dim)) * self._scale

    def velocities(self, k: ArrayLike) -> np.ndarray:
        """v_k = (1/ħ) ∇ε = (1/ħ) Σ_R t_R R sin k·R, m/s, shape (..., d).

        Examples
        --------
        >>> import numpy as np
        >>> from numeric.constants import hbar
        >>> tb = TightBinding(Lattice.chain(1.0), 1.0, electrons_per_cell=1.0)
        >>> float(tb.velocities([np.pi / 2])[0] * hbar)   # 2ta sin(ka)
        2.0
        """
        k = vectors("k", k, self.dim)
        flat = np.ascontiguousarray(k).reshape(-1, self.dim)
        v = np.empty(flat.shape)
        _band_velocities(flat, self._half_R, self._half_tR, self._scale, _HBAR, v)
        v = v.reshape(k.shape)
        if not np.all(np.isfinite(v)):
            raise ValueError(f"t = {self.t:g} J, t2 = {self.t2:g} J are outside the valid range of "
                             "velocities: v = ∇ε/ħ exceeds the largest double (1.8e308 m/s)")
        return v

    @cached_property
    def _extrema(self) -> tuple[float, float]:
        """(min, max) of ε over the BZ: a 24^d Γ-centred mesh (it contains the high-symmetry
        points with fractional coordinates in multiples of 1/8) polished by BFGS."""
        from scipy.optimize import minimize

        b = np.asarray(self.lattice.reciprocal)
        axes = [np.arange(24) / 24.0] * self.dim
        frac = np.stack(np.meshgrid(*axes, indexing="ij"), -1).reshape(-1, self.dim)
        eps = self._eps(frac @ b)
        result = []
        for sign in (1.0, -1.0):
            values = sign * eps
            best = float(values.min())
            for i in np.argsort(values)[:8]:
                def f(u: np.ndarray, sign: float = sign) -> tuple[float, np.ndarray]:
                    k = u @ b
                    grad = (np.sin(k @ self._R.T) * self._tR) @ self._R
                    return sign * float(self._eps(k)), sign * (b @ grad)
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
        >>> from numeric.constants import hbar
        >>> tb = TightBinding(Lattice.sc(1.0), 1.0, electrons_per_cell=0.1)
        >>> round(hbar**2 / tb.effective_mass, 12)       # 2ta²
        2.0
        """
        H = np.einsum("b,bi,bj->ij", self._tR, self._R, self._R)  # in units of the scale |t| + |t2|
        h = float(np.trace(H)) / self.dim
        scale = float(np.max(np.einsum("bi,bi->b", self._R, self._R)))
        if np.max(np.abs(H - h * np.eye(self.dim))) > 1e-12 * scale:
            raise ValueError(f"{self!r}: the curvature at Γ is anisotropic, no isotropic effective mass")
        gamma = float(self._eps(np.zeros(self.dim))) * self._scale
        if h <= 1e-12 * scale or self.band_bottom < gamma - 1e-12 * self._scale:
            raise ValueError(f"{self!r}: the band minimum ({self.band_bottom:g} J) is not at Γ "
                             f"(ε(Γ) = {gamma:g} J, curvature {h * self._scale:g} J m²); effective_mass "
                             "needs t2 small enough that Γ is the bottom")
        mass = _HBAR**2 / self._scale / h
        if not 0.0 < mass < math.inf:
            raise ValueError(f"{self!r}: the effective mass ħ²/({h * self._scale:g} J m²) is outside the "
                             "range of double precision (valid range: t and a lattice constant giving a "
                             "finite mass)")
        return mass

    # ------------------------------------------------------------------ BZ integrals
    def _mesh(self, mesh: int | None) -> tuple[TetrahedronMesh, np.ndarray]:
        """The mesh and ε on it in units of the scale |t| + |t2|."""
        size = _DEFAULT_MESH[self.dim] if mesh is None else mesh
        key = (integer("mesh", size, 1, _MAX_MESH[self.dim]),)
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
        w = self._width(width) if method == "smearing" or width is not None else None  # validated always
        if w is not None and not 1e-300 <= w / self._scale <= 1e300:
            raise ValueError(f"width = {w:g} J is outside the valid range [{1e-300 * self._scale:g}, "
                             f"{1e300 * self._scale:g}] J: in units of the hopping |t| + |t2| it under- or "
                             "overflows")
        tm, eps = self._mesh(mesh)
        # in units of the scale; beyond 1e6 (widths) from the band (|ε|/scale <= ~20) every count and
        # density is its limit (0 or 2 states, density 0), so E/scale is clipped there (it may overflow)
        bound = 1e6 * max(1.0, (w / self._scale) if w is not None else 1.0)
        with np.errstate(over="ignore"):
            reduced = np.clip(e / self._scale, -bound, bound)
        if method == "tetrahedron":
            count, density = (a.reshape(-1) for a in tm.sums(eps, reduced))
        else:
            flat = np.ascontiguousarray(reduced.reshape(-1))
            count, density = np.empty_like(flat), np.empty_like(flat)
            _gauss_sums(eps, flat, w / self._scale, count, density)
        return count * self.spin_degeneracy, density * (self.spin_degeneracy / self._scale), e

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
            Divisions per reciprocal vector (Γ-centred); default 48 (3D), 384 (2D), 8192 (1D); at most
            96 (3D), 1024 (2D), 2**20 (1D) (memory).
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
        integrated = tm.counter(eps)

        def excess(E: float) -> float:
            return integrated(E) * self.spin_degeneracy - filling

        return self._scale * float(brentq(excess, lo, hi, xtol=1e-14 * (hi - lo),
                                          rtol=4.0 * np.finfo(float).eps, maxiter=200))

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
        if not isinstance(blochl, bool | np.bool_):
            raise TypeError(f"blochl must be a bool (True or False), got {blochl!r}")
        if self.dim != 3:
            raise ValueError(f"lattice.dim = {self.dim} is outside the valid range of band_energy: 3 (the "
                             "tetrahedron weights are 3D)")
        filling = self.electrons_per_cell if electrons_per_cell is None else electrons_per_cell
        E_F = self.fermi_energy_for(filling, mesh)
        tm, eps = self._mesh(mesh)
        w = tm.weights(eps, E_F / self._scale, blochl=bool(blochl))
        return self.spin_degeneracy * float(w @ eps) * self._scale
