"""Physical constants in SI units: one pinned CODATA table (CODATA 2022) for all of ``numeric``.

The values are those of the generated module ``numeric._generated.constants``, which the kernel
factory writes from the pinned table of the derivations (``ephkit codegen --write``). The
generated kernels substitute the very same numbers, so a closed-form kernel and the numeric
integrators it is checked against use identical constants whatever SciPy is installed.

The names are SciPy's (its ``constants`` module); use them for inputs too (``10 * eV``,
``63.546 * atomic_mass``), so that one table is used throughout.

Attributes
----------
EDITION : str
    Edition of the table, ``'CODATA 2022'``.
hbar : float
    Reduced Planck constant ħ (J s).
h : float
    Planck constant (J Hz⁻¹).
e : float
    Elementary charge (C).
epsilon_0 : float
    Vacuum electric permittivity (F m⁻¹).
k : float
    Boltzmann constant (J K⁻¹).
m_e : float
    Electron mass (kg).
atomic_mass : float
    Atomic mass constant (kg).
N_A : float
    Avogadro constant (mol⁻¹).
eV : float
    Electron volt (J).
bohr_radius : float
    Bohr radius (m).
c : float
    Speed of light in vacuum (m s⁻¹).

Examples
--------
>>> from numeric.constants import EDITION, eV, hbar
>>> EDITION
'CODATA 2022'
>>> hbar
1.0545718176461565e-34
>>> f"{10 * eV / hbar:.6e} rad/s"
'1.519267e+16 rad/s'
"""

from ._generated.constants import (
    EDITION,
    N_A,
    atomic_mass,
    bohr_radius,
    c,
    e,
    epsilon_0,
    eV,
    h,
    hbar,
    k,
    m_e,
)

__all__ = [
    "EDITION", "N_A", "atomic_mass", "bohr_radius", "c", "e", "eV", "epsilon_0", "h", "hbar", "k", "m_e",
]
