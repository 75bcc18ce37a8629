"""Shared symbols of physical constants and common quantities, with SI dimensions; pinned CODATA values.

Every derivation draws its constants from here, so ħ in one derivation is the
same SymPy symbol as ħ in the next.

The numbers are one pinned table, :data:`CODATA`, of the edition
:data:`CODATA_EDITION` (written here as literals, so that no library update
moves a digit): the generated kernels use it (:func:`codata_values`), and the
kernel factory writes it as ``numeric/_generated/constants.py`` for ``numeric``.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from .derivation import Quantity
from .units import COULOMB, JOULE, KELVIN, KILOGRAM, METRE, SECOND

__all__ = ["CODATA", "CODATA_EDITION", "CODATA_SOURCE", "CodataValue", "codata_values", "quantity"]


def quantity(name: str, dimension: sp.Expr, meaning: str, **assumptions: bool) -> Quantity:
    """Make a :class:`Quantity`; symbols are positive unless stated otherwise."""
    assumptions = assumptions or {"positive": True}
    return Quantity(sp.Symbol(name, **assumptions), dimension, meaning)


FARAD_PER_METRE = COULOMB**2 / (JOULE * METRE)

HBAR = quantity("hbar", JOULE * SECOND, "reduced Planck constant")
E_CHARGE = quantity("e", COULOMB, "elementary charge")
EPS0 = quantity("epsilon_0", FARAD_PER_METRE, "vacuum permittivity")
K_B = quantity("k_B", JOULE / KELVIN, "Boltzmann constant")
M_ELECTRON = quantity("m", KILOGRAM, "electron (band) mass")

K_F = quantity("k_F", 1 / METRE, "Fermi wavevector")
V_F = quantity("v_F", METRE / SECOND, "Fermi velocity")
E_F = quantity("E_F", JOULE, "Fermi energy")
N_DENSITY = quantity("n", 1 / METRE**3, "electron number density")
VOLUME = quantity("V", METRE**3, "normalisation volume of the crystal")
RHO = quantity("rho", KILOGRAM / METRE**3, "mass density of the crystal")
V_S = quantity("v_s", METRE / SECOND, "longitudinal sound velocity")
Q = quantity("q", 1 / METRE, "phonon / momentum-transfer wavevector magnitude")
OMEGA = quantity("omega", 1 / SECOND, "angular frequency")
TEMPERATURE = quantity("T", KELVIN, "temperature")
D_POT = quantity("D", JOULE, "deformation potential")


# ------------------------------------------------------------------ pinned values
#: Edition of the pinned values.
CODATA_EDITION = "CODATA 2022"
#: Where they come from.
CODATA_SOURCE = (
    "E. Tiesinga, P. J. Mohr, D. B. Newell, B. N. Taylor, 'CODATA recommended values of the "
    "fundamental physical constants: 2022', NIST (physics.nist.gov/constants); the same numbers "
    "as scipy.constants in scipy 1.17"
)


@dataclass(frozen=True)
class CodataValue:
    """One pinned constant: its Python name, SI value, unit, CODATA name and standard uncertainty."""

    name: str
    value: float
    unit: str
    codata_name: str
    uncertainty: float = 0.0  # 0: exact in the SI (or, like hbar = h/2π, from exact values)


#: The pinned table (:data:`CODATA_EDITION`); ``name`` is the ``scipy.constants`` name.
CODATA = (
    CodataValue("hbar", 1.0545718176461565e-34, "J s", "reduced Planck constant"),
    CodataValue("h", 6.62607015e-34, "J Hz^-1", "Planck constant"),
    CodataValue("e", 1.602176634e-19, "C", "elementary charge"),
    CodataValue("epsilon_0", 8.8541878188e-12, "F m^-1", "vacuum electric permittivity", 1.4e-21),
    CodataValue("k", 1.380649e-23, "J K^-1", "Boltzmann constant"),
    CodataValue("m_e", 9.1093837139e-31, "kg", "electron mass", 2.8e-40),
    CodataValue("atomic_mass", 1.66053906892e-27, "kg", "atomic mass constant", 5.2e-37),
    CodataValue("N_A", 6.02214076e23, "mol^-1", "Avogadro constant"),
    CodataValue("eV", 1.602176634e-19, "J", "electron volt"),
    CodataValue("bohr_radius", 5.29177210544e-11, "m", "Bohr radius", 8.2e-21),
    CodataValue("c", 299792458.0, "m s^-1", "speed of light in vacuum"),
)


def codata_values() -> dict[sp.Symbol, float]:
    """The pinned CODATA values (SI) substituted for the constants in generated kernels.

    Examples
    --------
    >>> codata_values()[HBAR.symbol]
    1.0545718176461565e-34
    """
    value = {c.name: c.value for c in CODATA}
    return {HBAR.symbol: value["hbar"], E_CHARGE.symbol: value["e"], EPS0.symbol: value["epsilon_0"],
            K_B.symbol: value["k"]}
