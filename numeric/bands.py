"""What the band integrators need from an electron band model, and how a band is integrated (SI).

:class:`BandModel` is the protocol that :mod:`numeric.response` and
:mod:`numeric.transport` ask their questions through (the Fermi level, the
density of states at it, energies and velocities), implemented by
:class:`numeric.electrons.FreeElectronGas` and
:class:`numeric.electrons.TightBinding`. A model also says how its
k-space integrals are done (its ``domain``):

* :class:`FermiSphere`: one isotropic parabolic band ε = ħ²k²/2m, whose
  angular integrals are done analytically (the Fermi surface is the sphere
  |k| = k_F);
* :class:`TetrahedronBZ`: a band on a lattice, integrated over the first
  Brillouin zone by linear tetrahedra on a Γ-centred Monkhorst-Pack mesh
  (:mod:`numeric.tetrahedron`).

An integrator picks its method from the domain and fails with a message that
names the domain it needs; it never switches on the model's class.

Conventions (docs/architecture.md, Conventions): ``dos_fermi`` counts both spins per volume,
1/(J·m^d), the Thomas-Fermi convention k_TF² = e² g(E_F)/ε0; the per-spin
N(0) of α²F and λ is ``dos_fermi / spin_degeneracy``. ``n`` counts electrons
of both spins per volume.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np
from numpy.typing import ArrayLike

from ._support import scalar
from .lattice import Lattice

__all__ = ["BandModel", "FermiSphere", "TetrahedronBZ", "band_domain", "fermi_sphere"]


@dataclass(frozen=True)
class FermiSphere:
    """Integration domain of an isotropic parabolic band ε = ħ²k²/2m: the Fermi sphere |k| = k_F.

    Integrals over directions of k are done analytically (spherical
    coordinates about q); only radial integrals are left to quadrature.

    Parameters
    ----------
    mass : float
        Band mass m, kg (> 0).
    k_F : float
        Fermi wavevector, 1/m (> 0).

    Examples
    --------
    >>> FermiSphere(9.109e-31, 1.36e10)
    FermiSphere(mass=9.109e-31, k_F=13600000000.0)
    >>> FermiSphere(-1.0, 1.36e10)
    Traceback (most recent call last):
    ...
    ValueError: mass = -1 is outside the valid range (0, inf)
    """

    mass: float
    k_F: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "mass", scalar("mass", self.mass, 0.0, low_open=True))
        object.__setattr__(self, "k_F", scalar("k_F", self.k_F, 0.0, low_open=True))


@dataclass(frozen=True)
class TetrahedronBZ:
    """Integration domain of a band on a lattice: the first BZ, by linear tetrahedra on a Γ-centred mesh.

    Parameters
    ----------
    lattice : Lattice
        The Bravais lattice whose reciprocal cell is meshed.
    energy_scale : float
        A typical band energy, J (> 0; e.g. the hopping |t|): integrators work
        in units of it, so that no intermediate underflows.

    Examples
    --------
    >>> TetrahedronBZ(Lattice.sc(3e-10), 1.6e-19).lattice.name
    'sc'
    """

    lattice: Lattice
    energy_scale: float

    def __post_init__(self) -> None:
        if not isinstance(self.lattice, Lattice):
            raise TypeError(f"lattice must be a numeric.lattice.Lattice, got {type(self.lattice).__name__}")
        object.__setattr__(self, "energy_scale", scalar("energy_scale", self.energy_scale, 0.0,
                                                        low_open=True))


@runtime_checkable
class BandModel(Protocol):
    """What the band integrators need from an electron band model (one band, spin-degenerate).

    Attributes
    ----------
    dim : int
        Dimension d of k.
    n : float
        Electron density, both spins, 1/m^d.
    spin_degeneracy : int
        2 (each k holds two electrons).
    fermi_level : float
        T = 0 Fermi level E_F, J (for the electron gas measured from the band bottom).
    dos_fermi : float
        g(E_F), density of states at the Fermi level, **both spins, per volume**, 1/(J·m^d);
        per spin: ``dos_fermi / spin_degeneracy``.
    domain : FermiSphere or TetrahedronBZ
        How k-space integrals over this band are done.

    Methods
    -------
    energies(k)
        ε(k), J, shape (...), for k of shape (..., d) in 1/m.
    velocities(k)
        v(k) = ∇ε/ħ, m/s, shape (..., d).

    Examples
    --------
    >>> from numeric.electrons import FreeElectronGas, TightBinding
    >>> isinstance(FreeElectronGas.copper(), BandModel)
    True
    >>> isinstance(TightBinding(Lattice.sc(3e-10), 1.6e-19, electrons_per_cell=1.0), BandModel)
    True
    """

    dim: int
    n: float
    spin_degeneracy: int
    fermi_level: float
    dos_fermi: float
    domain: FermiSphere | TetrahedronBZ

    def energies(self, k: ArrayLike) -> np.ndarray: ...

    def velocities(self, k: ArrayLike) -> np.ndarray: ...


def band_domain(electrons: object) -> FermiSphere | TetrahedronBZ:
    """``electrons.domain``, or TypeError naming the protocol when ``electrons`` has none.

    Examples
    --------
    >>> band_domain(object())  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    TypeError: electrons must be a band model (numeric.bands.BandModel, ...), got object
    """
    domain = getattr(electrons, "domain", None)
    if not isinstance(domain, FermiSphere | TetrahedronBZ):
        raise TypeError("electrons must be a band model (numeric.bands.BandModel, e.g. FreeElectronGas or "
                        f"TightBinding), got {type(electrons).__name__}")
    return domain


def fermi_sphere(electrons: object, needed_by: str) -> FermiSphere:
    """The :class:`FermiSphere` of a parabolic band, or ValueError naming the integrator that needs one.

    Examples
    --------
    >>> from numeric.electrons import TightBinding
    >>> tb = TightBinding(Lattice.sc(3e-10), 1.6e-19, electrons_per_cell=1.0)
    >>> fermi_sphere(tb, "chemical_potential")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: electrons.domain = TetrahedronBZ is outside the valid range of chemical_potential: ...
    """
    domain = band_domain(electrons)
    if not isinstance(domain, FermiSphere):
        raise ValueError(f"electrons.domain = {type(domain).__name__} is outside the valid range of "
                         f"{needed_by}: FermiSphere (an isotropic parabolic band, e.g. FreeElectronGas)")
    return domain
