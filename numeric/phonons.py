"""Lattice thermal properties and lattice-dynamics models (SI).

* Closed forms from the derivations in ``derive.phonons``: :func:`debye_T3`,
  :func:`debye_heat_capacity`.
* Phonon models behind one small interface (:class:`PhononModel`), for the
  Brillouin-zone integrators: :class:`numeric.springs.SpringModel` (Born-von
  Kármán central-force springs on a :class:`numeric.lattice.Lattice`, in
  :mod:`numeric.springs`) and :class:`DebyeModel` (isotropic linear
  dispersion inside the Debye sphere).
  Each model states its integration domain: :class:`BrillouinZone` (the
  first BZ of its lattice) or :class:`DebyeSphere`; the integrators choose
  their quadrature from the domain, never from the model's class;
  :func:`mean_sound_velocity` and :func:`elastic_debye_temperature` give the
  T -> 0 Debye temperature of any such model from its sound velocities.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np
from numpy.typing import ArrayLike

from ._generated import phonons as _kernels
from ._support import checked, evaluate, norm_and_direction, scalar, unit_directions, vectors
from .constants import hbar as _HBAR
from .constants import k as _K_B
from .lattice import Lattice

__all__ = [
    "BrillouinZone",
    "DebyeModel",
    "DebyeSphere",
    "PhononModel",
    "debye_T3",
    "debye_heat_capacity",
    "debye_wavevector",
    "elastic_debye_temperature",
    "mean_sound_velocity",
]


def _dimension(dim: object) -> int:
    """``dim`` as 1, 2 or 3 (an int; bools and floats refused), or ValueError naming it."""
    if isinstance(dim, bool) or not isinstance(dim, int | np.integer) or dim not in (1, 2, 3):
        raise ValueError(f"dim = {dim!r} is outside the valid range: the integers 1, 2 or 3")
    return int(dim)


def _representable(name: str, value: float, what: str, given: str) -> float:
    """``value`` if it is a finite normal positive double, else ValueError naming the inputs ``given``."""
    if not 1e-300 <= value <= 1e300:                                 # NaN fails too
        raise ValueError(f"{given} gives {what} = {value:g}, outside the double range [1e-300, 1e300]: "
                         f"{name} is outside its valid range for this model")
    return value


def _phonon_model(model: object) -> PhononModel:
    if not isinstance(model, PhononModel):
        raise TypeError(f"model must be a PhononModel (dim, cell_volume, mass, frequency_bound, domain, "
                        f"frequencies, sound_velocities, debye_temperature_T0), got {type(model).__name__}")
    return model


#: Valid range of the direction-average tolerance of :func:`mean_sound_velocity`.
_RTOL_RANGE = (1e-14, 0.1)


def debye_T3(T: ArrayLike, theta_D: ArrayLike, n_atoms: ArrayLike = 1) -> np.ndarray | float:
    """Low-temperature Debye law C_V = (12π⁴/5) N k_B (T/Θ_D)³.

    Parameters
    ----------
    T : array_like
        Temperature, K (>= 0). Accurate to the exponentially small tail for
        T <~ Θ_D/20; use the full Debye integral above that.
    theta_D : array_like
        Calorimetric Debye temperature, K (> 0).
    n_atoms : array_like, optional
        Number of atoms N (> 0; not moles).

    Returns
    -------
    float or ndarray
        Heat capacity in J/K; inf only where it exceeds the double range, 0 only below ~1e-308 J/K.

    Notes
    -----
    Derivation ``debye_T3_law`` (seeds 000, 002; Ashcroft & Mermin ch. 23): the coefficient
    (12π⁴/5) k_B is the generated kernel's; the power is formed as (∛(cN) T/Θ_D)³, free of
    intermediate over- and underflow.

    Examples
    --------
    >>> from numeric.constants import N_A
    >>> f"{debye_T3(10.0, 343.0, N_A):.4f} J/(mol K)"  # Cu, one mole
    '0.0482 J/(mol K)'
    """
    T = checked("T", T, 0.0)
    theta_D = checked("theta_D", theta_D, 0.0, low_open=True)
    n_atoms = checked("n_atoms", n_atoms, 0.0, low_open=True)
    # C = c N (T/Θ)³ formed as (∛(cN) T/Θ)³ with c from the generated kernel: the kernel's own
    # c N T³/Θ³ is NaN for T, Θ > 5.6e102 (inf/inf) and loses digits where c N T³ is subnormal
    c = _kernels.debye_T3_scalar(1.0, 1.0, 1.0)
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        tau = T / theta_D
        direct = c * n_atoms * (tau * tau * tau)                      # correctly rounded to ~2 ulp
        scaled = (np.cbrt(c * n_atoms) * tau) ** 3                     # ~4 ulp, no intermediate overflow
        safe = (tau * tau * tau >= 1e-290) & (tau < 1e96) & (direct >= 1e-290) & (direct <= 1e290)
        out = np.where(safe, direct, scaled)
    if all(np.ndim(a) == 0 for a in (T, theta_D, n_atoms)):
        return float(out)
    return out


def debye_heat_capacity(T: ArrayLike, theta_D: ArrayLike, n_atoms: ArrayLike = 1) -> np.ndarray | float:
    """Debye lattice heat capacity at any temperature, C_V = 9 N k_B (T/Θ_D)³ ∫_0^{Θ_D/T} x⁴eˣ/(eˣ − 1)² dx.

    Parameters
    ----------
    T : array_like
        Temperature, K (>= 0; T = 0 gives exactly 0).
    theta_D : array_like
        Calorimetric Debye temperature, K (> 0).
    n_atoms : array_like, optional
        Number of atoms N (> 0; not moles: pass N_A for one mole of atoms).

    Returns
    -------
    float or ndarray
        Heat capacity C_V in J/K, between 0 and the Dulong-Petit value 3 N k_B.

    Notes
    -----
    The Debye integral is a step of derivation ``debye_T3_law`` (Ashcroft &
    Mermin ch. 23). It is evaluated as 3 N k_B f(y), y = Θ_D/T, by the
    generated kernel ``debye_cv_reduced`` with three branches, each verified
    against the integral to a relative remainder < 1e-22
    (``derive.phonons.debye_cv_reduced_kernel().verify()``):

    * y < 3 (T > Θ_D/3): the Bernoulli series f = 1 − y²/20 + y⁴/560 − ...
      (to y⁷⁰); as T -> ∞, C_V -> 3 N k_B (1 − (Θ_D/T)²/20) (Dulong-Petit);
    * 3 <= y < 65: the exact identity ∫_0^y = 4π⁴/15 − y⁴/(e^y − 1)
      − 4 Σ_n e^{−ny}(y³/n + 3y²/n² + 6y/n³ + 6/n⁴), 16 terms;
    * y >= 65 (T <= Θ_D/65): the T³ law (12π⁴/5) N k_B (T/Θ_D)³ of
      :func:`debye_T3`, exact there to double precision (its error is
      ≈ (15/4π⁴)(Θ_D/T)⁴ e^{−Θ_D/T}); 0 at T = 0.

    Numerically: relative error ~1e-15 against the integral evaluated at 50
    digits (largest found 1.1e-15, just above T = Θ_D/3, where the identity
    cancels), no overflow, NaN or floating-point warning for valid input.
    Physically, the Debye model (harmonic lattice, three acoustic branches
    with one linear dispersion cut off at ω_D) is reliable
    for T ≲ Θ_D/50, where only long-wavelength acoustic phonons are excited,
    and for T ≳ Θ_D, where C_V -> 3 N k_B whatever the spectrum; in between,
    real spectra deviate (a fitted Θ_D then depends on T). It gives the
    harmonic C_V (≈ C_p; anharmonic and electronic terms are not included).

    Examples
    --------
    >>> from numeric.constants import N_A
    >>> f"{debye_heat_capacity(300.0, 343.0, N_A):.6f} J/(mol K)"  # Cu, one mole
    '23.386227 J/(mol K)'
    >>> debye_heat_capacity(0.0, 343.0)
    0.0
    """
    T = checked("T", T, 0.0)
    theta_D = checked("theta_D", theta_D, 0.0, low_open=True)
    n_atoms = checked("n_atoms", n_atoms, 0.0, low_open=True)
    with np.errstate(divide="ignore", over="ignore", under="ignore"):
        y = theta_D / T  # T = 0: y = inf, where the kernel gives its exact limit 0
        reduced = evaluate(_kernels.debye_cv_reduced_loop, y)
        out = (3.0 * _K_B) * n_atoms * reduced
    if all(np.ndim(a) == 0 for a in (T, theta_D, n_atoms)):
        return float(out)
    return out


# ====================================================================== lattice-dynamics models
def debye_wavevector(dim: int, cell_volume: float) -> float:
    """Radius q_D of the Debye sphere, whose volume equals the BZ volume (2π)^d/Ω, 1/m.

    Parameters
    ----------
    dim : int
        Dimension d (1, 2 or 3).
    cell_volume : float
        Volume per atom Ω = 1/n, m^d (> 0, with q_D in [1e-300, 1e300] 1/m).

    Returns
    -------
    float
        q_D = π/Ω (1D), (4π/Ω)^{1/2} (2D), (6π²/Ω)^{1/3} (3D) (Ashcroft & Mermin ch. 23).

    Examples
    --------
    >>> a = 3.615e-10                                  # Cu, fcc
    >>> f"{debye_wavevector(3, a**3 / 4) * a:.6f}"     # (24π²)^{1/3}, in 1/a
    '6.187335'
    """
    dim = _dimension(dim)
    omega = scalar("cell_volume", cell_volume, 0.0, low_open=True)
    with np.errstate(over="ignore"):
        if dim == 1:
            q = math.pi / omega if omega > math.pi / 1e308 else math.inf
        elif dim == 2:
            q = math.sqrt(4.0 * math.pi / omega) if omega > 4.0 * math.pi / 1e308 else math.inf
        else:
            q = (6.0 * math.pi**2 / omega) ** (1.0 / 3.0) if omega > 6.0 * math.pi**2 / 1e308 else math.inf
    return _representable("cell_volume", q, "q_D", f"cell_volume = {omega:g} m^{dim}")


@dataclass(frozen=True)
class BrillouinZone:
    """Integration domain: the first Brillouin zone of ``lattice`` (rays from Γ to its boundary).

    Examples
    --------
    >>> BrillouinZone(Lattice.fcc(3.615e-10)).lattice.name
    'fcc'
    """

    lattice: Lattice

    def __post_init__(self) -> None:
        if not isinstance(self.lattice, Lattice):
            raise TypeError(f"lattice must be a numeric.lattice.Lattice, got {type(self.lattice).__name__}")


@dataclass(frozen=True)
class DebyeSphere:
    """Integration domain: the Debye sphere |q| <= ``radius`` (1/m, > 0), ω = ``velocity`` |q| (m/s, > 0).

    All d branches share the dispersion.

    The dispersion is isotropic and linear inside it, so integrals over q reduce to one radial integral.

    Examples
    --------
    >>> DebyeSphere(1.7e10, 2600.0).radius
    17000000000.0
    """

    radius: float
    velocity: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "radius", scalar("radius", self.radius, 0.0, low_open=True))
        object.__setattr__(self, "velocity", scalar("velocity", self.velocity, 0.0, low_open=True))


@runtime_checkable
class PhononModel(Protocol):
    """What the Brillouin-zone integrators need from a phonon model (one atom per cell, d branches).

    Attributes
    ----------
    dim : int
        Dimension d; there are d acoustic branches.
    cell_volume : float
        Volume per atom Ω, m^d. The integration domain (first BZ, or Debye
        sphere) always has volume (2π)^d/Ω, so (1/N) Σ_q -> Ω/(2π)^d ∫ d^dq.
    mass : float or None
        Atomic mass M, kg (None when unknown: mean-square displacements need it).
    frequency_bound : float
        An upper bound of ω_s(q) over the domain, rad/s (ω_D for the Debye model).
    domain : BrillouinZone or DebyeSphere
        Where the q-integrals run: the first BZ of a lattice (:class:`numeric.springs.SpringModel`)
        or the Debye sphere (:class:`DebyeModel`).

    Methods
    -------
    frequencies(q)
        Angular frequencies ω_s(q), rad/s, shape (..., d), ascending, for q of shape (..., d) in 1/m.
    sound_velocities(directions)
        Long-wavelength phase velocities lim ω_s(q n̂)/q, m/s, shape (..., d), ascending.
    debye_temperature_T0()
        Θ_D(0), K, from the sound velocities (:func:`elastic_debye_temperature`).
    """

    dim: int
    cell_volume: float
    mass: float | None
    frequency_bound: float
    domain: BrillouinZone | DebyeSphere

    def frequencies(self, q: ArrayLike) -> np.ndarray: ...

    def sound_velocities(self, directions: ArrayLike) -> np.ndarray: ...

    def debye_temperature_T0(self) -> float: ...


def _direction_average(f, dim: int, rtol: float) -> float:
    """Average of f(n̂) over unit vectors n̂ for an even f (f(−n̂) = f(n̂); f maps (N, d) -> (N,)).

    1D: f(x̂). 2D: the trapezoid rule in φ on [0, π) (exponentially convergent
    for smooth periodic f). 3D: Gauss-Legendre in cos θ on [0, 1] (the upper
    hemisphere; f is even) × the trapezoid rule in φ, n × 2n nodes. n grows by
    factors √2 until two successive results agree to ``rtol``.
    """
    if dim == 1:
        return float(f(np.array([[1.0]]))[0])
    previous = None
    sizes = [round(2 ** (k / 2)) for k in range(6, 21)]  # 8, 11, 16, 23, ..., 1024
    for n in sizes:
        if dim == 2:
            phi = math.pi * np.arange(2 * n) / (2 * n)
            value = float(np.mean(f(np.stack([np.cos(phi), np.sin(phi)], axis=-1))))
        else:
            phi = 2.0 * math.pi * np.arange(2 * n) / (2 * n)
            x, w = np.polynomial.legendre.leggauss(n)
            x, w = 0.5 * (x + 1.0), 0.5 * w
            s = np.sqrt(1.0 - x**2)
            dirs = np.stack(np.broadcast_arrays(s[:, None] * np.cos(phi), s[:, None] * np.sin(phi),
                                                x[:, None]), axis=-1)
            value = float(w @ f(dirs.reshape(-1, 3)).reshape(n, 2 * n).mean(axis=1))
        if not math.isfinite(value):
            return value                                    # a zero velocity: the caller refuses it
        if previous is not None and abs(value - previous) <= rtol * abs(value):
            return value
        previous = value
    raise ValueError(f"rtol = {rtol:g} is not reached by the direction average of the sound velocities "
                     f"with {2 * n} x {n} directions (last two levels differ by "
                     f"{abs(value - previous) / abs(value):.3g}): the velocities are too anisotropic, the "
                     "model is close to a mechanical instability; valid range: a larger rtol, or a model "
                     "farther from instability (e.g. a larger k2/k1)")


def mean_sound_velocity(model: PhononModel, rtol: float = 1e-12) -> float:
    """Debye-averaged sound velocity v̄ of a phonon model, m/s.

    Parameters
    ----------
    model : PhononModel
        Anything with ``dim`` and ``sound_velocities(directions)``.
    rtol : float, optional
        Relative accuracy of the direction average (successive quadrature
        levels must agree to it), in [1e-14, 0.1]. Default 1e-12.

    Raises
    ------
    TypeError
        If ``model`` is not a :class:`PhononModel`.
    ValueError
        For ``rtol`` outside its range, or not reached with 2048 x 1024 directions
        (a model very close to a mechanical instability).

    Returns
    -------
    float
        v̄ defined by d/v̄^d = ⟨Σ_s v_s(n̂)^{−d}⟩, the average over directions n̂
        (in 3D: 3/v̄³ = ⟨v_1⁻³ + v_2⁻³ + v_3⁻³⟩). This is the velocity for
        which a Debye model with d branches has the same T -> 0 heat capacity
        as the model (Ashcroft & Mermin ch. 23).

    Notes
    -----
    Σ_s v_s⁻ᵈ = tr Λ(n̂)^{−d/2}, Λ the Christoffel matrix divided by ρ, is a
    smooth function of n̂ even where branches are degenerate, so the product
    quadrature converges exponentially.

    Examples
    --------
    >>> m = DebyeModel(343.0, 8.47e28)
    >>> f"{mean_sound_velocity(m) / m.velocity:.12f}"
    '1.000000000000'
    """
    model = _phonon_model(model)
    rtol = scalar("rtol", rtol, *_RTOL_RANGE)
    dim = model.dim
    # velocities in units of the largest one along x̂: (v/v_ref)^−d stays in range for any scale of v
    v_ref = float(np.max(np.asarray(model.sound_velocities(np.eye(dim)[:1]), dtype=float)))
    if not (math.isfinite(v_ref) and v_ref > 0.0):
        raise ValueError(f"model {model!r} has sound velocities {v_ref!r} m/s along x: no long-wave limit; "
                         "valid range: a stable model")

    def inverse_power_sum(n: np.ndarray) -> np.ndarray:
        v = np.asarray(model.sound_velocities(n), dtype=float) / v_ref
        with np.errstate(divide="ignore", over="ignore"):
            return np.sum(v ** (-float(dim)), axis=-1)

    mean = _direction_average(inverse_power_sum, dim, rtol)
    v_mean = v_ref * float((dim / mean) ** (1.0 / dim)) if math.isfinite(mean) and mean > 0.0 else 0.0
    if not (math.isfinite(v_mean) and v_mean > 0.0):
        raise ValueError(f"model {model!r} has a zero or non-finite sound velocity in some direction "
                         f"(⟨Σ_s v_s^-{dim}⟩ = {mean:g}): no long-wave limit; valid range: a stable model")
    return v_mean


def elastic_debye_temperature(model: PhononModel, rtol: float = 1e-12) -> float:
    """Θ_D(0) = ħ q_D v̄ / k_B: the Debye temperature that fits the model's T -> 0 heat capacity, K.

    Parameters
    ----------
    model : PhononModel
        Anything with ``dim``, ``cell_volume`` and ``sound_velocities``.
    rtol : float, optional
        Relative accuracy of the direction average, in [1e-14, 0.1] (:func:`mean_sound_velocity`).

    Returns
    -------
    float
        Θ_D(0) = (ħ/k_B) q_D v̄ with q_D from :func:`debye_wavevector` and v̄ from
        :func:`mean_sound_velocity`. In 3D: (ħ/k_B)(6π² n)^{1/3} v̄, n = 1/Ω, and
        C_V -> (12π⁴/5) N k_B (T/Θ_D(0))³ as T -> 0; in 1D (π ħ n/k_B) v̄ with
        C_V -> (π²/3) N k_B T/Θ_D(0); in 2D (ħ/k_B)(4π n)^{1/2} v̄ with
        C_V -> 24 ζ(3) N k_B (T/Θ_D(0))² (2 branches: 4 (T/Θ)² Γ(4) ζ(3)).

    Notes
    -----
    The "elastic" Debye temperature of O. L. Anderson, J. Phys. Chem. Solids
    24, 909 (1963); Ashcroft & Mermin ch. 23. It is the calorimetric Θ_D only
    in the limit T -> 0.

    Examples
    --------
    >>> f"{elastic_debye_temperature(DebyeModel(343.0, 8.47e28)):.9f} K"
    '343.000000000 K'
    """
    v_mean = mean_sound_velocity(model, rtol)
    theta = _HBAR * debye_wavevector(model.dim, model.cell_volume) * v_mean / _K_B
    return _representable("model", theta, "Θ_D(0)", f"model {model!r}")


class DebyeModel:
    """Debye model: d degenerate branches ω = v|q| inside the Debye sphere |q| <= q_D.

    Parameters
    ----------
    theta_D : float
        Debye temperature Θ_D = ħ ω_D / k_B, K (> 0).
    atom_density : float
        Number of atoms per volume n = 1/Ω, m^-d (> 0). For a lattice use
        :meth:`on_lattice` (n = 1/Ω of its primitive cell).
    mass : float, optional
        Atomic mass M, kg (> 0); needed only for displacements (Debye-Waller).
    dim : int, optional
        Dimension (1, 2, 3); default 3.

    Notes
    -----
    q_D is fixed by the number of modes, (volume of the Debye sphere) = (2π)^d n
    (:func:`debye_wavevector`), and v = k_B Θ_D/(ħ q_D) (Ashcroft & Mermin
    ch. 23). The model is isotropic, so Θ_D(0) from its sound
    velocities is Θ_D itself. ``frequencies`` returns v|q| for any q; the
    model is defined only for |q| <= q_D (its ``domain``, a :class:`DebyeSphere`).

    Examples
    --------
    >>> import numpy as np
    >>> from numeric.constants import atomic_mass
    >>> cu = DebyeModel.on_lattice(343.0, Lattice.fcc(3.615e-10), 63.546 * atomic_mass)
    >>> f"q_D = {cu.q_debye:.4e} 1/m, v = {cu.velocity:.1f} m/s"
    'q_D = 1.7116e+10 1/m, v = 2623.6 m/s'
    >>> f"{cu.frequencies([cu.q_debye, 0, 0])[0] * 1.054571817e-34 / 1.380649e-23:.6f} K"
    '343.000000 K'
    >>> cu.domain == DebyeSphere(cu.q_debye, cu.velocity)      # where the integrators integrate it
    True
    """

    def __init__(self, theta_D: float, atom_density: float, mass: float | None = None, *,
                 dim: int = 3) -> None:
        if isinstance(atom_density, Lattice):
            raise TypeError("atom_density must be a number of atoms per volume (1/m^d); for a lattice use "
                            "DebyeModel.on_lattice(theta_D, lattice, mass)")
        theta = scalar("theta_D", theta_D, 0.0, low_open=True)
        dim = _dimension(dim)
        density = scalar("atom_density", atom_density, 0.0, low_open=True)
        cell = _representable("atom_density", 1.0 / density, "the cell volume 1/n",
                              f"atom_density = {density:g}")
        self._setup(theta, cell, dim, mass, None)

    def _setup(self, theta: float, cell_volume: float, dim: int, mass: float | None,
               lattice: Lattice | None) -> None:
        self._theta = theta
        self._lattice = lattice
        self._dim = dim
        self._cell_volume = cell_volume
        self._mass = None if mass is None else scalar("mass", mass, 0.0, low_open=True)
        self._q_debye = debye_wavevector(self._dim, self._cell_volume)
        given = f"theta_D = {theta:g} K, cell volume {cell_volume:g} m^{dim}"
        self._omega_debye = _representable("theta_D", theta * (_K_B / _HBAR), "ω_D", given)
        self._velocity = _representable("theta_D", self._omega_debye / self._q_debye, "v", given)

    @classmethod
    def on_lattice(cls, theta_D: float, lattice: Lattice, mass: float | None = None) -> DebyeModel:
        """The Debye model with one atom per primitive cell of ``lattice`` (n = 1/Ω, d = lattice.dim).

        Examples
        --------
        >>> d = DebyeModel.on_lattice(343.0, Lattice.fcc(3.615e-10))
        >>> d.lattice.name, d.dim, f"{d.cell_volume:.4e} m³"
        ('fcc', 3, '1.1810e-29 m³')
        """
        if not isinstance(lattice, Lattice):
            raise TypeError(f"lattice must be a numeric.lattice.Lattice, got {type(lattice).__name__}")
        model = cls.__new__(cls)
        model._setup(scalar("theta_D", theta_D, 0.0, low_open=True), lattice.cell_volume, lattice.dim, mass,
                     lattice)
        return model

    @classmethod
    def from_sound_velocity(cls, v_s: float, atom_density: float, mass_density: float | None = None,
                            *, dim: int = 3) -> DebyeModel:
        """The Debye model with sound velocity ``v_s`` (m/s): Θ_D = ħ v_s q_D/k_B.

        ``atom_density`` and ``dim`` as in the constructor; ``mass_density`` ρ (kg/m^d, > 0, optional)
        sets the atomic mass M = ρ/n. This is how the scattering-rate closed forms are parametrised
        (v_s, ρ, one atom per conduction electron for a monovalent metal).

        Examples
        --------
        >>> cu = DebyeModel.from_sound_velocity(4760.0, 8.47e28, 8960.0)   # copper, one atom per electron
        >>> f"Θ_D = {cu.theta_D:.1f} K, v = {cu.velocity:.1f} m/s, M = {cu.mass:.4e} kg"
        'Θ_D = 622.4 K, v = 4760.0 m/s, M = 1.0579e-25 kg'
        """
        v = scalar("v_s", v_s, 0.0, low_open=True)
        dim = _dimension(dim)
        density = scalar("atom_density", atom_density, 0.0, low_open=True)
        cell = _representable("atom_density", 1.0 / density, "the cell volume 1/n",
                              f"atom_density = {density:g}")
        mass = None if mass_density is None else _representable(
            "mass_density", scalar("mass_density", mass_density, 0.0, low_open=True) * cell, "M",
            f"mass_density = {mass_density!r}, atom_density = {density:g}")
        theta = _representable("v_s", _HBAR * v * debye_wavevector(dim, cell) / _K_B, "Θ_D",
                               f"v_s = {v:g} m/s, atom_density = {density:g}")
        return cls(theta, density, mass, dim=dim)

    @classmethod
    def from_model(cls, model: PhononModel) -> DebyeModel:
        """The Debye model with the same dimension, density, mass and Θ_D(0) as ``model``.

        On the model's lattice when its domain is a :class:`BrillouinZone`.

        Examples
        --------
        >>> from numeric.springs import SpringModel
        >>> m = SpringModel(Lattice.fcc(3.615e-10), 1.055e-25, 27.6)
        >>> d = DebyeModel.from_model(m)
        >>> f"{d.theta_D / m.debye_temperature_T0():.15f}", d.lattice is m.lattice
        ('1.000000000000000', True)
        """
        domain = _phonon_model(model).domain
        if isinstance(domain, BrillouinZone):
            return cls.on_lattice(model.debye_temperature_T0(), domain.lattice, model.mass)
        return cls(model.debye_temperature_T0(), 1.0 / model.cell_volume, model.mass, dim=model.dim)

    def __repr__(self) -> str:
        where = (self._lattice.name if self._lattice is not None
                 else f"n={1.0 / self._cell_volume:g} m^-{self._dim}")
        return f"DebyeModel(theta_D={self._theta:g} K, {where}, mass={self._mass!r}, dim={self._dim})"

    @property
    def theta_D(self) -> float:
        """Θ_D, K."""
        return self._theta

    @property
    def lattice(self) -> Lattice | None:
        """The lattice, if built on one (:meth:`on_lattice`); the domain is the Debye sphere regardless."""
        return self._lattice

    @property
    def atom_density(self) -> float:
        """Number of atoms per volume n = 1/Ω, m^-d."""
        return 1.0 / self._cell_volume

    @property
    def domain(self) -> DebyeSphere:
        """The Debye sphere |q| <= q_D with ω = v|q|: the integration domain of this model."""
        return DebyeSphere(self._q_debye, self._velocity)

    @property
    def dim(self) -> int:
        """Dimension d = number of (degenerate) branches."""
        return self._dim

    @property
    def cell_volume(self) -> float:
        """Volume per atom Ω = 1/n, m^d."""
        return self._cell_volume

    @property
    def mass(self) -> float | None:
        """Atomic mass M, kg, or None."""
        return self._mass

    @property
    def q_debye(self) -> float:
        """Debye wavevector q_D, 1/m."""
        return self._q_debye

    @property
    def omega_debye(self) -> float:
        """Debye frequency ω_D = k_B Θ_D/ħ, rad/s."""
        return self._omega_debye

    @property
    def frequency_bound(self) -> float:
        """Largest frequency of the model, ω_D, rad/s."""
        return self._omega_debye

    @property
    def velocity(self) -> float:
        """Sound velocity v = ω_D/q_D of every branch, m/s."""
        return self._velocity

    def frequencies(self, q: ArrayLike) -> np.ndarray:
        """ω = v|q| for each of the d branches, rad/s, shape (..., d), for q of shape (..., d) in 1/m."""
        q = vectors("q", q, self._dim)
        norm, _ = norm_and_direction(q)                               # no under/overflow of Σ q_i²
        with np.errstate(over="ignore"):
            omega = self._velocity * norm[..., None]
        return np.repeat(omega, self._dim, axis=-1)

    def sound_velocities(self, directions: ArrayLike) -> np.ndarray:
        """v for each branch, m/s, shape (..., d)."""
        n = unit_directions(directions, self._dim)
        return np.full(n.shape, self._velocity)

    def ray_extent(self, directions: ArrayLike) -> np.ndarray:
        """q_D in every direction, 1/m, shape (...)."""
        n = unit_directions(directions, self._dim)
        return np.full(n.shape[:-1], self._q_debye)

    def debye_temperature_T0(self) -> float:
        """Θ_D (the model is isotropic and linear: Θ_D(0) = Θ_D), K."""
        return self._theta
