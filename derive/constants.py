"""Shared symbols of physical constants and common quantities, with SI dimensions.

Every derivation draws its constants from here, so ħ in one derivation is the
same SymPy symbol as ħ in the next.
"""

from __future__ import annotations

import sympy as sp

from .derivation import Quantity
from .units import COULOMB, JOULE, KELVIN, KILOGRAM, METRE, SECOND

__all__ = ["quantity"]


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


def codata_values() -> dict[sp.Symbol, float]:
    """CODATA values (SI, via scipy.constants) substituted for the constants in generated kernels."""
    import scipy.constants as c

    return {HBAR.symbol: c.hbar, E_CHARGE.symbol: c.e, EPS0.symbol: c.epsilon_0, K_B.symbol: c.k}
