"""Real metals: a cited table of material constants and measured resistivity ρ(T) (SI units).

:func:`material` returns a :class:`Material` for Cu, Ag, Au, Al, Na, K, Pb or Nb (by symbol or
English name, any case). Every value is a :class:`Value`: the number in SI units, its unit, the
number as printed in the source, the source (book and table) and a note (temperature of the
measurement, and ``unverified`` where the transcription could not be checked against a second copy
of the table). :meth:`Material.free_electron_density` and :meth:`Material.xray_density` recompute
n = Z N_cell / a³ and ρ_m = M N_cell / (N_A a³) from the lattice (N_cell = 4 fcc, 2 bcc atoms in the
conventional cube), to compare with the tabulated n and mass density. Where the cubic elastic constants
C11, C12, C44 are tabulated, :meth:`Material.sound_velocities` solves the Christoffel equation and
:meth:`Material.elastic_debye_temperature` gives the Debye temperature they imply (an
:class:`ElasticContinuum`, a :class:`numeric.phonons.PhononModel`).

:func:`measured_resistivity` returns the measured ρ(T) of Cu, Ag, Au or Al shipped in
``numeric/data/resistivity_pure_metals.csv`` (CRC Handbook, "Electrical Resistivity of Pure
Metals", after Matula 1979 and Desai et al. 1984) with its provenance; :func:`load_resistivity`
reads the user's own CSV of T and ρ with the units stated in the header or as arguments.
:func:`measured_thermal_conductivity` returns the recommended κ of Cu, Ag, Au, Al near room temperature
shipped in ``numeric/data/thermal_conductivity_pure_metals.csv`` (Ho, Powell & Liley 1972 for Cu), for the
Lorenz ratio of :func:`numeric.metals.lorenz_ratio`; :func:`copper_thermal_conductivity` evaluates NIST's
κ(T) fits of OFHC copper (4-300 K, residual resistance ratio 50-500) shipped in the same directory.

Examples
--------
>>> from numeric.materials import material, measured_resistivity
>>> cu = material("copper")
>>> cu.lattice, cu.lattice_constant.value, cu.lattice_constant.unit
('fcc', 3.61e-10, 'm')
>>> f"{cu.free_electron_density():.3e} 1/m^3 vs {cu.electron_density.value:.3e} tabulated"
'8.502e+28 1/m^3 vs 8.470e+28 tabulated'
>>> T, rho, source = measured_resistivity("Cu")
>>> f"{T[-1]:g} K: {rho[-1]:.4g} ohm m"
'300 K: 1.725e-08 ohm m'
"""

from __future__ import annotations

import difflib
import functools
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from os import PathLike
from typing import NamedTuple

import numpy as np

from ._support import checked, scalar, vectors
from .constants import N_A, eV
from .constants import c as _C_LIGHT
from .phonons import DebyeSphere, debye_wavevector, elastic_debye_temperature
from .springs import christoffel_velocities, cubic_elastic_tensor

__all__ = ["ElasticContinuum", "Material", "Resistivity", "ThermalConductivity", "Value", "copper_fit_rrr",
           "copper_thermal_conductivity", "load_resistivity", "material", "materials", "measured_metals",
           "measured_resistivity", "measured_thermal_conductivity", "thermal_conductivity_metals"]


@dataclass(frozen=True)
class Value:
    """One tabulated quantity: SI value and unit, the number as printed, its source and a note.

    Attributes
    ----------
    value : float
        The quantity in SI units (``unit``).
    unit : str
        SI unit of ``value`` (``"1"`` for a pure number).
    printed : str
        The number with the unit as the source prints it.
    source : str
        Book or paper, edition and table.
    note : str
        Conditions (temperature) and caveats; ``unverified`` where the transcription was not
        checked against a second copy of the source.
    """

    value: float
    unit: str
    printed: str
    source: str
    note: str = ""


_AM_1_1 = "Ashcroft & Mermin, Solid State Physics (1976), Table 1.1"
_AM_4_1 = "Ashcroft & Mermin, Solid State Physics (1976), Table 4.1 (bcc elements)"
_AM_4_2 = "Ashcroft & Mermin, Solid State Physics (1976), Table 4.2 (fcc elements)"
_AM_23_3 = "Ashcroft & Mermin, Solid State Physics (1976), Table 23.3"
_AM_2_1 = "Ashcroft & Mermin, Solid State Physics (1976), Table 2.1 (free-electron values from Table 1.1's n)"
_KITTEL_DENSITY = ("Kittel, Introduction to Solid State Physics, 8th ed. (2005), Chapter 1, table of "
                   "densities and atomic concentrations of the elements")
_KITTEL_10_1 = "Kittel, Introduction to Solid State Physics, 8th ed. (2005), Table 10.1"
_CIAAW = ("IUPAC/CIAAW standard atomic weights, Prohaska et al., Pure Appl. Chem. 94, 573 (2022) "
          "(conventional value where an interval is given)")
_UNVERIFIED = "unverified: transcribed from the printed table, not checked against a second copy"
_CHECKED_N = "checked against a public transcription of the table"
_AM_COPY = ("checked against a second transcription of the table (ASE's reference_states in ase/data, "
            "'This data is from Ashcroft and Mermin')")
_KITTEL_6_1 = ("Kittel, Introduction to Solid State Physics, 8th ed., ch. 6 Table 1 (Na, K at 5 K) prints "
               "the same value")
_DEBYE_CHECKED = ("checked: Kittel's value as listed in the Debye-temperature table of Wikipedia's 'Debye "
                  "model' (which cites Kittel) is the same")
_CRC_DENSITY = ("CRC Handbook, 80th ed. (1999), at 20 °C, as tabulated by the periodictable package (a "
                "different source, not a second copy of Kittel's table)")


def _angstrom(a: float, source: str, note: str) -> Value:
    return Value(a * 1e-10, "m", f"{a:g} Å", source, note)


def _molar(m: float, printed: str) -> Value:
    return Value(m * 1e-3, "kg/mol", f"{printed} g/mol (standard atomic weight)", _CIAAW)


def _density(rho: float, printed: str, note: str, crc: str, agrees: bool) -> Value:
    """Kittel's density, with the CRC value at 20 °C as a second source (``agrees``: within the rounding)."""
    second = (f"agrees within the printed rounding with {crc} g/cm³, {_CRC_DENSITY}" if agrees
              else f"{_CRC_DENSITY} gives {crc} g/cm³; {_UNVERIFIED}")
    return Value(rho * 1e3, "kg/m^3", f"{printed} g/cm³", _KITTEL_DENSITY, f"{note}; {second}")


def _electrons(n: float, printed: str, note: str) -> Value:
    return Value(n * 1e28, "1/m^3", f"{printed} × 10²² cm⁻³", _AM_1_1, note)


def _debye(theta: float, note: str = "", checked: bool = False) -> Value:
    text = "calorimetric Θ_D(0): the Debye temperature fitting the low-temperature (T³) lattice heat capacity"
    status = _DEBYE_CHECKED if checked else _UNVERIFIED
    return Value(theta, "K", f"{theta:g} K", _AM_23_3, f"{text}{'; ' + note if note else ''}; {status}")


def _tc(tc: float, printed: str, note: str) -> Value:
    return Value(tc, "K", f"{printed} K", _KITTEL_10_1,
                 f"zero-field superconducting transition; {note}; {_UNVERIFIED}")


def _fermi(energy: str, velocity: str) -> dict[str, Value]:
    note = f"free-electron value, not a measured one; {_CHECKED_N}"
    return {"fermi_energy": Value(float(energy) * eV, "J", f"{energy} eV", _AM_2_1, note),
            "fermi_velocity": Value(float(velocity) * 1e6, "m/s", f"{velocity} × 10⁶ m/s", _AM_2_1, note)}


def _valence(z: int, note: str = "") -> Value:
    return Value(float(z), "1", str(z), _AM_1_1, note or "conduction electrons per atom (Z)")


_SIMMONS_WANG = ("G. Simmons and H. Wang, Single Crystal Elastic Constants and Calculated Aggregate "
                 "Properties: A Handbook (MIT Press, 1971) and R. F. S. Hearmon (1979), as quoted in a "
                 "public code table of experimental references (an OpenKIM benchmark script: 'Source: "
                 "Simmons & Wang (1971), Hearmon (1979)')")
_ELASTIC_NOTE = ("adiabatic, room temperature (assumed: the quoting table states no temperature); "
                 "unverified: a secondary quote, the handbook itself not read")


def _elastic(c11: str, c12: str, c44: str, note: str = "") -> dict[str, Value]:
    """The cubic elastic constants C11, C12, C44 printed in GPa, as Values in Pa."""
    full = f"{_ELASTIC_NOTE}{'; ' + note if note else ''}"
    return {f"elastic_{name}": Value(float(Decimal(v).scaleb(9)), "Pa", f"{v} GPa", _SIMMONS_WANG, full)
            for name, v in (("c11", c11), ("c12", c12), ("c44", c44))}


_ORDAL = ("M. A. Ordal, R. J. Bell, R. W. Alexander, L. L. Long and M. R. Querry, Appl. Opt. 24, 4493 "
          "(1985), Drude parameters ω_p, ω_τ in cm⁻¹, as quoted in a public code table (the permittivity "
          "models of the scattering_engineering package, modele='Ordal')")
_ORDAL_NOTE = ("Drude plasma frequency ω_p = 2πc ν̃ fitted to the infrared optical constants at room "
               "temperature: the ω_p of ρ = 1/(ε₀ω_p²τ), not the free-electron value (n e²/ε₀m)^(1/2); "
               "unverified: a secondary quote, the paper itself not read")


def _plasma(wavenumber: str) -> Value:
    """Drude ω_p printed as a wavenumber in 10⁴ cm⁻¹, as a Value in rad/s (ω = 2πc ν̃)."""
    omega = 2.0 * math.pi * _C_LIGHT * float(Decimal(wavenumber).scaleb(6))
    return Value(omega, "rad/s", f"{wavenumber} × 10⁴ cm⁻¹", _ORDAL, _ORDAL_NOTE)


_ATOMS_PER_CUBE = {"fcc": 4, "bcc": 2}


@dataclass(frozen=True)
class Material:
    """A metal's tabulated constants, each a :class:`Value` carrying its unit and source.

    Attributes
    ----------
    symbol, name : str
        Chemical symbol and English name.
    lattice : str
        ``"fcc"`` or ``"bcc"`` (one atom per primitive cell).
    lattice_constant : Value
        Side a of the conventional cube (m).
    valence : Value
        Conduction electrons per atom Z (the free-electron count of Ashcroft & Mermin, Table 1.1).
    molar_mass : Value
        Standard atomic weight as molar mass (kg/mol).
    mass_density : Value
        Mass density (kg/m³).
    electron_density : Value
        Tabulated free-electron density n (1/m³).
    debye_temperature : Value
        Calorimetric Debye temperature Θ_D(0) (K).
    critical_temperature : Value or None
        Superconducting T_c (K); None for a metal not superconducting at ambient pressure.
    fermi_energy, fermi_velocity : Value or None
        Free-electron E_F (J) and v_F (m/s) as tabulated from n.
    elastic_c11, elastic_c12, elastic_c44 : Value or None
        Cubic elastic stiffness constants C11, C12, C44 (Pa); :meth:`sound_velocities` and
        :meth:`elastic_debye_temperature` follow from them.
    plasma_frequency : Value or None
        Drude plasma frequency ω_p (rad/s) from infrared optics (Ordal et al. 1985), the ω_p of the
        Drude resistivity ρ = 1/(ε₀ω_p²τ).

    Examples
    --------
    >>> nb = material("Nb")
    >>> nb.lattice, nb.critical_temperature.value, nb.debye_temperature.unit
    ('bcc', 9.5, 'K')
    """

    symbol: str
    name: str
    lattice: str
    lattice_constant: Value
    valence: Value
    molar_mass: Value
    mass_density: Value
    electron_density: Value
    debye_temperature: Value
    critical_temperature: Value | None = None
    fermi_energy: Value | None = None
    fermi_velocity: Value | None = None
    elastic_c11: Value | None = None
    elastic_c12: Value | None = None
    elastic_c44: Value | None = None
    plasma_frequency: Value | None = None

    @property
    def atoms_per_cube(self) -> int:
        """Atoms in the conventional cubic cell: 4 (fcc) or 2 (bcc)."""
        return _ATOMS_PER_CUBE[self.lattice]

    def free_electron_density(self) -> float:
        """n = Z N_cell / a³ (1/m³) from the valence and the lattice constant.

        Examples
        --------
        >>> f"{material('Al').free_electron_density():.3e}"
        '1.806e+29'
        """
        return self.valence.value * self.atoms_per_cube / self.lattice_constant.value ** 3

    def xray_density(self) -> float:
        """Mass density M N_cell / (N_A a³) (kg/m³) from the molar mass and the lattice constant.

        Examples
        --------
        >>> f"{material('Cu').xray_density():.0f} kg/m^3"
        '8972 kg/m^3'
        """
        return self.molar_mass.value * self.atoms_per_cube / (N_A * self.lattice_constant.value ** 3)

    def values(self) -> list[tuple[str, Value]]:
        """Every tabulated quantity as (label, :class:`Value`), in display order.

        Examples
        --------
        >>> [label for label, _ in material("K").values()][:2]
        ['lattice constant a', 'valence Z']
        """
        rows = [("lattice constant a", self.lattice_constant), ("valence Z", self.valence),
                ("molar mass M", self.molar_mass), ("mass density", self.mass_density),
                ("electron density n", self.electron_density),
                ("Debye temperature Θ_D(0)", self.debye_temperature)]
        optional = (("critical temperature T_c", self.critical_temperature),
                    ("Fermi energy E_F", self.fermi_energy), ("Fermi velocity v_F", self.fermi_velocity),
                    ("elastic constant C11", self.elastic_c11), ("elastic constant C12", self.elastic_c12),
                    ("elastic constant C44", self.elastic_c44),
                    ("plasma frequency ω_p", self.plasma_frequency))
        return rows + [(label, v) for label, v in optional if v is not None]

    def elastic_tensor(self) -> np.ndarray:
        """The cubic elastic tensor C_ijkl (Pa), shape (3, 3, 3, 3), from C11, C12, C44.

        Raises
        ------
        ValueError
            For a metal without tabulated elastic constants.

        Examples
        --------
        >>> float(material("Cu").elastic_tensor()[0, 1, 0, 1])
        75400000000.0
        """
        constants = (self.elastic_c11, self.elastic_c12, self.elastic_c44)
        if any(c is None for c in constants):
            with_constants = ", ".join(m for m in _MATERIALS if _MATERIALS[m].elastic_c11 is not None)
            raise ValueError(f"metal = {self.symbol!r} has no tabulated elastic constants; "
                             f"valid: {with_constants}")
        return cubic_elastic_tensor(*(c.value for c in constants))  # type: ignore[union-attr]

    def sound_velocities(self, direction: object) -> np.ndarray:
        """Long-wave sound velocities along ``direction`` (m/s), ascending: two transverse, one longitudinal.

        Eigenvalues ρv² of the Christoffel matrix C_ijkl n_j n_l
        (:func:`numeric.springs.christoffel_velocities`) with the tabulated C_ij and mass density ρ.
        Along [100]: v_L = (C11/ρ)^{1/2}, v_T = (C44/ρ)^{1/2} (twice); along [110]:
        ((C11 + C12 + 2C44)/2ρ)^{1/2}, (C44/ρ)^{1/2}, ((C11 − C12)/2ρ)^{1/2}.

        Parameters
        ----------
        direction : array_like, shape (..., 3)
            Propagation direction(s) in the cubic axes (non-zero; normalised here).

        Returns
        -------
        ndarray, shape (..., 3)
            Velocities in m/s, ascending.

        Raises
        ------
        ValueError
            For a metal without elastic constants, or a zero or non-finite direction.

        Examples
        --------
        >>> [round(v) for v in material("Cu").sound_velocities([1, 0, 0])]
        [2906, 2906, 4343]
        """
        return christoffel_velocities(self.elastic_tensor(), self.mass_density.value, direction)

    def elastic_debye_temperature(self) -> float:
        """Θ_D from the elastic constants (K): ħ q_D v̄/k_B with 3/v̄³ = ⟨Σ_s v_s(n̂)⁻³⟩ over directions.

        The Debye temperature that the tabulated C_ij predict for the T³ heat capacity
        (:func:`numeric.phonons.elastic_debye_temperature` of :class:`ElasticContinuum`), with the atom
        density 1/Ω = N_cell/a³ of the tabulated lattice constant. Compare the calorimetric Θ_D(0) of
        :attr:`debye_temperature`: room-temperature C_ij are softer than at T -> 0, so this lies a few per
        cent below.

        Examples
        --------
        >>> f"{material('Cu').elastic_debye_temperature():.1f} K"
        '331.8 K'
        """
        return ElasticContinuum.of(self).debye_temperature_T0()


_ROOM = "room temperature"
_HERMANN = (f"{_ROOM}; the same value in K. Hermann, Crystallography and Surface Structure "
            "(Wiley-VCH, 2011), Table E.2")
_ROOM_CHECKED = f"{_ROOM}; {_AM_COPY}"
_MATERIALS = {m.symbol: m for m in (
    Material("Cu", "copper", "fcc", _angstrom(3.61, _AM_4_2, _HERMANN), _valence(1),
             _molar(63.546, "63.546(3)"), _density(8.93, "8.93", "at 300 K", "8.96", False),
             _electrons(8.47, "8.47", _CHECKED_N), _debye(343, checked=True), **_fermi("7.00", "1.57"),
             **_elastic("168.4", "121.4", "75.4",
                        "the same three numbers are quoted as Simmons & Wang's in other public tables"),
             plasma_frequency=_plasma("5.96")),
    Material("Ag", "silver", "fcc", _angstrom(4.09, _AM_4_2, _ROOM_CHECKED), _valence(1),
             _molar(107.8682, "107.8682(2)"), _density(10.50, "10.50", "at 300 K", "10.50", True),
             _electrons(5.86, "5.86", _CHECKED_N),
             _debye(225, "Kittel's table as quoted elsewhere gives 215 K"), **_fermi("5.49", "1.39"),
             **_elastic("124.0", "93.4", "46.1", "another public quote gives C12 = 93.7 GPa"),
             plasma_frequency=_plasma("7.27")),
    Material("Au", "gold", "fcc", _angstrom(4.08, _AM_4_2, _HERMANN), _valence(1),
             _molar(196.966570, "196.966570(4)"),
             _density(19.28, "19.28", "at 300 K", "19.3 (approximate)", True),
             _electrons(5.90, "5.90", _CHECKED_N),
             _debye(165, "Kittel's table as quoted elsewhere gives 170 K"), **_fermi("5.53", "1.40"),
             **_elastic("192.3", "163.1", "42.0", "another public quote gives 192.9, 163.8, 41.5 GPa"),
             plasma_frequency=_plasma("7.28")),
    Material("Al", "aluminium", "fcc", _angstrom(4.05, _AM_4_2, _HERMANN), _valence(3),
             _molar(26.9815384, "26.9815384(3)"), _density(2.70, "2.70", "at 300 K", "2.6989", True),
             _electrons(18.1, "18.1", _CHECKED_N), _debye(428, checked=True),
             _tc(1.140, "1.140", "other public tables give 1.175 K and 1.2 K: a disagreement, not resolved"),
             **_fermi("11.7", "2.03"),
             **_elastic("108.2", "61.3", "28.5", "other public quotes give 107.3, 60.9, 28.3 GPa (also as "
                                                    "Simmons & Wang) and 106.8, 60.4, 28.3 GPa"),
             plasma_frequency=_plasma("11.9")),
    Material("Na", "sodium", "bcc", _angstrom(4.23, _AM_4_1, f"at 5 K; {_AM_COPY}"), _valence(1),
             _molar(22.98976928, "22.98976928(2)"),
             _density(1.013, "1.013", "at 5 K", "0.971 at 20 °C, not comparable (thermal expansion)", False),
             _electrons(2.65, "2.65", f"at 5 K; {_KITTEL_6_1}"), _debye(158), **_fermi("3.24", "1.07")),
    Material("K", "potassium", "bcc", _angstrom(5.23, _AM_4_1, f"at 5 K; {_AM_COPY}"), _valence(1),
             _molar(39.0983, "39.0983(1)"),
             _density(0.91, "0.91", "at 5 K", "0.862 at 20 °C, not comparable (thermal expansion)", False),
             _electrons(1.40, "1.40", f"at 5 K; {_KITTEL_6_1}"), _debye(91), **_fermi("2.12", "0.86")),
    Material("Pb", "lead", "fcc", _angstrom(4.95, _AM_4_2, _ROOM_CHECKED), _valence(4),
             _molar(207.2, "207.2"), _density(11.34, "11.34", "at 300 K", "11.35", True),
             _electrons(13.2, "13.2", _CHECKED_N), _debye(105, checked=True),
             _tc(7.193, "7.193", "other public tables round it to 7.2 K"),
             **_fermi("9.47", "1.83"), **_elastic("49.5", "42.3", "14.9"),
             plasma_frequency=_plasma("5.94")),
    Material("Nb", "niobium", "bcc", _angstrom(3.30, _AM_4_1, _ROOM_CHECKED),
             _valence(1, "conduction electrons per atom (Z) as Ashcroft & Mermin count it for Nb; "
                         "the band count is not a free-electron one"),
             _molar(92.90637, "92.90637(1)"), _density(8.58, "8.58", "at 300 K", "8.57", True),
             _electrons(5.56, "5.56", _CHECKED_N), _debye(275),
             _tc(9.50, "9.50", "other public tables give 9.25 K and 9.3 K: a disagreement, not resolved"),
             **_fermi("5.32", "1.37"),
             **_elastic("247.0", "135.0", "28.5", "another public quote gives 246.0, 134.0, 28.7 GPa")),
)}
_NAMES = {m.name: m.symbol for m in _MATERIALS.values()} | {"aluminum": "Al"}


class ElasticContinuum:
    """Long-wave phonons of a crystal from its elastic tensor: ω_s(q) = v_s(q̂)|q| in the Debye sphere.

    A :class:`numeric.phonons.PhononModel` (one atom per cell, three acoustic branches) whose sound
    velocities are the Christoffel ones of the tensor; its :meth:`debye_temperature_T0` is the elastic
    Debye temperature (:func:`numeric.phonons.elastic_debye_temperature`).

    Parameters
    ----------
    elastic : ndarray, shape (3, 3, 3, 3)
        Elastic tensor C_ijkl (Pa).
    mass_density : float
        ρ (kg/m³), > 0.
    cell_volume : float
        Volume per atom Ω (m³), > 0.
    mass : float, optional
        Atomic mass M (kg), > 0.

    Examples
    --------
    >>> m = ElasticContinuum.of(material("Al"))
    >>> round(float(m.frequency_bound / m.domain.radius))   # an upper bound of v: ((C11 + 2 C44)/ρ)^(1/2)
    7822
    """

    dim = 3

    def __init__(self, elastic: np.ndarray, mass_density: float, cell_volume: float,
                 mass: float | None = None) -> None:
        self._elastic = np.array(elastic, dtype=np.float64)
        if self._elastic.shape != (3, 3, 3, 3) or not np.all(np.isfinite(self._elastic)):
            raise ValueError(f"elastic = array of shape {self._elastic.shape}: expected a finite "
                             "(3, 3, 3, 3) tensor")
        self.mass_density = scalar("mass_density", mass_density, 0.0, low_open=True)
        self.cell_volume = scalar("cell_volume", cell_volume, 0.0, low_open=True)
        self.mass = None if mass is None else scalar("mass", mass, 0.0, low_open=True)
        radius = debye_wavevector(3, self.cell_volume)
        # tr Λ = Σ_s ρ v_s² is the same in every direction: (C11 + 2 C44) for a cubic tensor; in general
        # C_ijil n_j n_l <= its largest eigenvalue over j, l. An upper bound of every v_s.
        trace = np.einsum("ijil->jl", self._elastic)
        v_bound = float(np.sqrt(np.max(np.linalg.eigvalsh(trace)) / self.mass_density))
        self.domain = DebyeSphere(radius, v_bound)
        self.frequency_bound = radius * v_bound

    @classmethod
    def of(cls, metal: Material) -> ElasticContinuum:
        """The continuum of a tabulated metal: its C_ij, mass density and atom volume a³/N_cell."""
        volume = metal.lattice_constant.value ** 3 / metal.atoms_per_cube
        return cls(metal.elastic_tensor(), metal.mass_density.value, volume, metal.molar_mass.value / N_A)

    def __repr__(self) -> str:
        return f"ElasticContinuum(ρ = {self.mass_density:g} kg/m^3, Ω = {self.cell_volume:g} m^3)"

    def sound_velocities(self, directions: object) -> np.ndarray:
        """Christoffel velocities (m/s), ascending, shape (..., 3)."""
        return christoffel_velocities(self._elastic, self.mass_density, directions)

    def frequencies(self, q: object) -> np.ndarray:
        """ω_s(q) = v_s(q̂)|q| (rad/s), ascending, shape (..., 3); 0 at q = 0."""
        q = vectors("q", q, 3)
        size = np.linalg.norm(q, axis=-1)
        safe = np.where(size[..., None] > 0, q, 1.0)
        return size[..., None] * self.sound_velocities(safe)

    def debye_temperature_T0(self) -> float:
        """Θ_D(0) from the sound velocities (:func:`numeric.phonons.elastic_debye_temperature`), K."""
        return elastic_debye_temperature(self)


def materials() -> tuple[str, ...]:
    """Symbols of the metals in the table.

    Examples
    --------
    >>> materials()
    ('Cu', 'Ag', 'Au', 'Al', 'Na', 'K', 'Pb', 'Nb')
    """
    return tuple(_MATERIALS)


def _lookup(kind: str, name: object, table: dict[str, str]) -> str:
    """The table key for ``name`` (symbol or name, any case), or ValueError with close matches."""
    if isinstance(name, str):
        key = table.get(name.strip().lower())
        if key is not None:
            return key
    close = difflib.get_close_matches(str(name).strip().lower(), list(table), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(sorted({table[c] for c in close}))}?" if close else ""
    raise ValueError(f"{kind} = {name!r} is not in the table, valid: {', '.join(sorted(set(table.values())))}"
                     f"{hint}")


def material(name: str) -> Material:
    """The :class:`Material` for a symbol or English name (``"Cu"``, ``"copper"``, any case).

    Parameters
    ----------
    name : str
        Symbol or name of one of :func:`materials`.

    Returns
    -------
    Material

    Raises
    ------
    ValueError
        For a name not in the table (with close matches).

    Examples
    --------
    >>> material("LEAD").symbol
    'Pb'
    >>> material("coper")
    Traceback (most recent call last):
    ...
    ValueError: metal = 'coper' is not in the table, valid: Ag, Al, Au, Cu, K, Na, Nb, Pb; did you mean Cu?
    """
    table = {s.lower(): s for s in _MATERIALS} | _NAMES
    return _MATERIALS[_lookup("metal", name, table)]


# --- resistivity data ---------------------------------------------------------------------------

class Resistivity(NamedTuple):
    """Measured resistivity: temperatures T (K), resistivities ρ (Ω m) and the source text."""

    temperature: np.ndarray
    resistivity: np.ndarray
    source: str


_DATA_FILE = "resistivity_pure_metals.csv"
_DATA_EXPONENT = -8  # the shipped table is in 1e-8 ohm m (= µΩ cm), as its first header line states

#: unit -> its power of ten in SI units
_RESISTIVITY_UNITS = {"ohmm": 0, "uohmcm": -8, "1e-8ohmm": -8, "nohmm": -9}
_TEMPERATURE_UNITS = {"k": 0, "kelvin": 0}
_VALID_RHO = "Ω m, µΩ cm, 1e-8 Ω m, nΩ m"


def _unit_key(unit: str) -> str:
    s = unit.strip().lower()
    for old, new in (("Ω", "ohm"), ("ω", "ohm"), ("µ", "u"), ("μ", "u"), ("micro", "u"), ("nano", "n"),
                     ("10^-8", "1e-8"), ("10⁻⁸", "1e-8"), ("×", ""), ("x", "")):
        s = s.replace(old, new)
    return re.sub(r"[\s·⋅*\-]", "", s).replace("1e8", "1e-8")


def _scale(parameter: str, unit: str, table: dict[str, int], valid: str) -> int:
    scale = table.get(_unit_key(unit)) if isinstance(unit, str) else None
    if scale is None:
        raise ValueError(f"{parameter} = {unit!r} is not a known unit, valid: {valid}")
    return scale


def _parse_rows(lines: list[str], first_line: int, names: tuple[str, ...],
                exponents: tuple[int, ...], *, blanks: bool = False, signed: bool = False) -> np.ndarray:
    """Data rows (comma separated, one number per name) in SI units (column i times 10**exponents[i],
    the double nearest the decimal value); ValueError naming the line for a row that is not numbers,
    a NaN or infinity, a negative value, or a temperature (first column) not above the previous one.
    With ``blanks`` an empty cell after the first column is a missing value (NaN in the result); with
    ``signed`` the columns after the first may be negative (fit coefficients)."""
    rows: list[list[float]] = []
    last = None
    for number, line in enumerate(lines, first_line):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split(",")]
        try:
            if len(fields) != len(names):
                raise ValueError
            values = [None if blanks and i and not f else Decimal(f) for i, f in enumerate(fields)]
        except (ValueError, ArithmeticError):
            raise ValueError(f"line {number}: expected {len(names)} comma-separated numbers "
                             f"({', '.join(names)}), got {line.strip()!r}") from None
        for column, (name, x, text) in enumerate(zip(names, values, fields, strict=True)):
            if x is not None and (not x.is_finite() or (x < 0 and not (signed and column))):
                raise ValueError(f"line {number}: {name} = {text} is outside the valid range [0, inf)")
        if last is not None and values[0] <= last[1]:
            what = "repeats" if values[0] == last[1] else "is below"
            raise ValueError(f"line {number}: {names[0]} = {fields[0]} {what} {last[2]} on line {last[0]}; "
                             f"temperatures must be strictly increasing")
        last = (number, values[0], fields[0])
        rows.append([math.nan if x is None else float(x.scaleb(e))
                     for x, e in zip(values, exponents, strict=True)])
    if not rows:
        raise ValueError("no data rows: expected lines of comma-separated numbers "
                         f"({', '.join(names)})")
    return np.array(rows, dtype=np.float64)


def _split_header(lines: list[str]) -> tuple[list[str], int]:
    """The comment lines (``#`` stripped) at the top and the index of the first other line."""
    comments = []
    for i, line in enumerate(lines):
        if line.lstrip().startswith("#"):
            comments.append(line.lstrip()[1:].strip())
        elif line.strip():
            return comments, i
    return comments, len(lines)


@functools.cache
def _shipped(filename: str, exponent: int,
             signed: bool = False) -> tuple[tuple[str, ...], tuple[str, ...], np.ndarray]:
    """A shipped table of ``numeric/data``, read once: comment lines, the names of the columns after the
    first (metal symbols) and the data in SI units (value times 10**exponent; NaN for an empty cell;
    negative values allowed after the first column with ``signed``). Callers copy what they return."""
    text = resources.files("numeric").joinpath("data", filename).read_text(encoding="utf-8")
    lines = text.splitlines()
    comments, header = _split_header(lines)
    columns = [c.strip() for c in lines[header].split(",")]
    exponents = (0,) + (exponent,) * (len(columns) - 1)
    data = _parse_rows(lines[header + 1:], header + 2, tuple(columns), exponents, blanks=True, signed=signed)
    data.setflags(write=False)
    return tuple(comments), tuple(columns[1:]), data


def _shipped_column(filename: str, exponent: int, metal: str) -> tuple[np.ndarray, np.ndarray, str]:
    """(T, values, source) of ``metal`` (symbol or name) in a shipped table, the rows it has a value in;
    ValueError naming the metals the table holds."""
    comments, metals, data = _shipped(filename, exponent)
    table = {m.lower(): m for m in metals} | {k: v for k, v in _NAMES.items() if v in metals}
    column = data[:, metals.index(_lookup("metal", metal, table)) + 1]
    rows = ~np.isnan(column)
    return data[rows, 0].copy(), column[rows].copy(), "\n".join(comments)


def measured_metals() -> tuple[str, ...]:
    """Symbols of the metals with measured ρ(T) shipped in the package.

    Examples
    --------
    >>> measured_metals()
    ('Cu', 'Ag', 'Au', 'Al')
    """
    return _shipped(_DATA_FILE, _DATA_EXPONENT)[1]


def measured_resistivity(metal: str) -> Resistivity:
    """Measured total resistivity ρ(T) of a pure polycrystalline metal, as shipped with ephkit.

    Parameters
    ----------
    metal : str
        ``"Cu"``, ``"Ag"``, ``"Au"`` or ``"Al"`` (symbol or name, any case).

    Returns
    -------
    Resistivity
        ``(temperature, resistivity, source)``: T in K (1 to 300 K), ρ in Ω m (residual included),
        and the provenance of the table (CRC Handbook of Chemistry and Physics, "Electrical
        Resistivity of Pure Metals", after R. A. Matula, J. Phys. Chem. Ref. Data 8, 1147 (1979) for
        Cu, Ag, Au and P. D. Desai, H. M. James, C. Y. Ho, J. Phys. Chem. Ref. Data 13, 1131 (1984)
        for Al) with its caveats: below about 50 K the values depend on sample purity.

    Raises
    ------
    ValueError
        For a metal without shipped data.

    Examples
    --------
    >>> T, rho, source = measured_resistivity("aluminium")
    >>> f"{T[9]:g} K: {rho[9]:.4g} ohm m"
    '273 K: 2.417e-08 ohm m'
    >>> "Desai" in source
    True
    """
    return Resistivity(*_shipped_column(_DATA_FILE, _DATA_EXPONENT, metal))


class ThermalConductivity(NamedTuple):
    """Measured thermal conductivity: temperatures T (K), conductivities κ (W/(m K)) and the source text."""

    temperature: np.ndarray
    conductivity: np.ndarray
    source: str


_KAPPA_FILE = "thermal_conductivity_pure_metals.csv"  # in W/(m K), as its first header line states


def thermal_conductivity_metals() -> tuple[str, ...]:
    """Symbols of the metals with a measured thermal conductivity shipped in the package.

    Examples
    --------
    >>> thermal_conductivity_metals()
    ('Cu', 'Ag', 'Au', 'Al')
    """
    return _shipped(_KAPPA_FILE, 0)[1]


def measured_thermal_conductivity(metal: str) -> ThermalConductivity:
    """Recommended thermal conductivity κ(T) of a pure metal near room temperature, as shipped with ephkit.

    Parameters
    ----------
    metal : str
        ``"Cu"``, ``"Ag"``, ``"Au"`` or ``"Al"`` (symbol or name, any case).

    Returns
    -------
    ThermalConductivity
        ``(temperature, conductivity, source)``: T in K, κ in W/(m K) (electronic plus lattice), only
        the temperatures the table has a value for, and the provenance: copper at 273.2, 298.2 and
        300 K from C. Y. Ho, R. W. Powell, P. E. Liley, J. Phys. Chem. Ref. Data 1, 279 (1972);
        silver, gold, aluminium at 300 K from the table of Electronics Cooling (1999) after Beaton and
        Hewitt. No values below room temperature are shipped (see the source text).

    Raises
    ------
    ValueError
        For a metal without shipped data.

    Examples
    --------
    >>> T, kappa, source = measured_thermal_conductivity("copper")
    >>> [f"{t:g} K: {k:g} W/(m K)" for t, k in zip(T, kappa)]
    ['273.2 K: 403 W/(m K)', '298.2 K: 401 W/(m K)', '300 K: 401 W/(m K)']
    >>> measured_thermal_conductivity("Ag").conductivity.tolist()
    [429.0]
    """
    return ThermalConductivity(*_shipped_column(_KAPPA_FILE, 0, metal))


_COPPER_FIT_FILE = "nist_ofhc_copper_thermal_conductivity.csv"
_COPPER_FIT_RANGE = (4.0, 300.0)


def copper_fit_rrr() -> tuple[int, ...]:
    """Residual resistance ratios of the NIST OFHC-copper thermal-conductivity fits shipped with ephkit.

    Examples
    --------
    >>> copper_fit_rrr()
    (50, 100, 150, 300, 500)
    """
    return tuple(int(r) for r in _shipped(_COPPER_FIT_FILE, 0, True)[2][:, 0])


def copper_thermal_conductivity(T: object, rrr: int) -> float | np.ndarray:
    """Thermal conductivity κ(T) of OFHC copper of residual resistance ratio RRR, W/(m K), 4-300 K.

    The NIST curve fit log₁₀κ = (a + c T^½ + e T + g T^{3/2} + i T²)/(1 + b T^½ + d T + f T^{3/2} + h T²)
    with the coefficients printed for RRR = 50, 100, 150, 300, 500 (fit error 1-2 % relative to the data).

    Parameters
    ----------
    T : float or array
        Temperature in K, within [4, 300].
    rrr : int
        Residual resistance ratio ρ(273 K)/ρ(4 K) of the sample: one of :func:`copper_fit_rrr`.

    Returns
    -------
    float or ndarray
        κ in W/(m K).

    Raises
    ------
    ValueError
        For T outside [4, 300] K (or not finite) and for an RRR without a fit.

    Notes
    -----
    Source: NIST Cryogenic Technologies Group, "Material Properties: OFHC Copper (UNS C10100/C10200)",
    thermal conductivity (``numeric/data/nist_ofhc_copper_thermal_conductivity.csv`` holds the
    coefficients and the address). At 100-300 K the RRR = 500 curve agrees with Ho, Powell & Liley's
    recommended values for pure copper within 1 %; at low T κ scales with RRR (impurity scattering).

    Examples
    --------
    >>> [round(float(k)) for k in copper_thermal_conductivity([20.0, 100.0, 300.0], 500)]
    [6575, 479, 401]
    >>> copper_thermal_conductivity(2.0, 100)
    Traceback (most recent call last):
    ...
    ValueError: T = 2 is outside the valid range [4, 300]
    """
    table = {int(row[0]): row[1:] for row in _shipped(_COPPER_FIT_FILE, 0, True)[2]}
    if not isinstance(rrr, (int, np.integer)) or isinstance(rrr, bool) or int(rrr) not in table:
        raise ValueError(f"rrr = {rrr!r} has no NIST fit, valid: {', '.join(str(r) for r in table)}")
    temperature = checked("T", T, *_COPPER_FIT_RANGE)
    a, b, c, d, e, f, g, h, i = table[int(rrr)]
    root = np.sqrt(temperature)
    exponent = ((a + c * root + e * temperature + g * temperature * root + i * temperature**2)
                / (1 + b * root + d * temperature + f * temperature * root + h * temperature**2))
    out = 10.0**exponent
    return float(out) if out.ndim == 0 else out


def _header_units(line: str) -> tuple[str, str] | None:
    """(temperature unit, resistivity unit) from a header like ``T (K), rho (µΩ cm)``; None for a
    header without units; ValueError for one that is not two columns."""
    cells = [c.strip() for c in line.split(",")]
    if len(cells) != 2:
        raise ValueError(f"header {line.strip()!r}: expected two columns (temperature, resistivity)")
    units = [re.search(r"[\[(](.*)[\])]\s*$", c) for c in cells]
    if not any(units):
        return None
    if not all(units):
        raise ValueError(f"header {line.strip()!r}: state the unit of both columns, "
                         "e.g. 'T (K), rho (µΩ cm)'")
    return units[0].group(1), units[1].group(1)


def load_resistivity(path: str | PathLike[str], *, temperature_unit: str | None = None,
                     resistivity_unit: str | None = None) -> Resistivity:
    """Read a CSV of measured resistivity: T and ρ, one comma-separated pair a line.

    Lines starting with ``#`` are comments (returned as the source text). The first other line may
    be a header naming the units in brackets, e.g. ``T (K), rho (µΩ cm)`` or ``T [K], rho [ohm m]``;
    otherwise give them as arguments. Units: temperature K; resistivity Ω m, µΩ cm (= 1e-8 Ω m),
    1e-8 Ω m or nΩ m (``ohm``, ``u`` for µ and ``·`` are accepted).

    Parameters
    ----------
    path : str or path-like
        The CSV file (UTF-8).
    temperature_unit, resistivity_unit : str, optional
        Units when the header states none; if both are stated they must agree.

    Returns
    -------
    Resistivity
        ``(temperature, resistivity, source)``: T in K, ρ in Ω m, the comment lines.

    Raises
    ------
    ValueError
        For unknown or missing units, and naming the line: a row that is not two numbers, NaN or
        infinity, a negative value, a temperature not above the previous one (unsorted or repeated).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "rho.csv"
    >>> _ = f.write_text("# my sample\\nT (K), rho (µΩ cm)\\n10, 0.02\\n300, 1.7\\n", encoding="utf-8")
    >>> T, rho, source = load_resistivity(f)
    >>> T.tolist(), rho.tolist(), source
    ([10.0, 300.0], [2e-10, 1.7e-08], 'my sample')
    >>> _ = f.write_text("10, 0.02\\n5, 0.01\\n", encoding="utf-8")
    >>> load_resistivity(f, temperature_unit="K", resistivity_unit="uOhm cm")
    Traceback (most recent call last):
    ...
    ValueError: line 2: T = 5 is below 10 on line 1; temperatures must be strictly increasing
    """
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    comments, start = _split_header(lines)
    stated = None
    if start < len(lines) and re.search(r"[^\d\s.,eE+\-]", lines[start]) and not _is_numbers(lines[start]):
        stated = _header_units(lines[start])
        start += 1
    units = {}
    for i, (parameter, given) in enumerate((("temperature_unit", temperature_unit),
                                            ("resistivity_unit", resistivity_unit))):
        table, valid = ((_TEMPERATURE_UNITS, "K"), (_RESISTIVITY_UNITS, _VALID_RHO))[i]
        header = stated[i] if stated else None
        if given is None and header is None:
            raise ValueError(f"{parameter} = None: state the units in a header like 'T (K), rho (µΩ cm)' "
                             f"or as an argument (valid: {valid})")
        scales = {_scale(parameter, u, table, valid) for u in (given, header) if u is not None}
        if len(scales) > 1:
            raise ValueError(f"{parameter} = {given!r} disagrees with the header's unit {header!r}")
        units[parameter] = scales.pop()
    data = _parse_rows(lines[start:], start + 1, ("T", "rho"),
                       (units["temperature_unit"], units["resistivity_unit"]))
    return Resistivity(data[:, 0], data[:, 1], "\n".join(comments))


def _is_numbers(line: str) -> bool:
    try:
        [float(f) for f in line.split(",")]
    except ValueError:
        return False
    return True
