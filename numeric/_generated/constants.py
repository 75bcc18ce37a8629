"""Physical constants in SI units: CODATA 2022, the table the generated kernels use.

GENERATED CODE: do not edit. Written from derive.constants.CODATA by `ephkit codegen --write`;
`ephkit codegen --check` (run by the tests) fails when this file is stale.

Source: E. Tiesinga, P. J. Mohr, D. B. Newell, B. N. Taylor, 'CODATA recommended values of the
fundamental physical constants: 2022', NIST (physics.nist.gov/constants); the same numbers as
scipy.constants in scipy 1.17.
"""

__all__ = [
    'EDITION', 'hbar', 'h', 'e', 'epsilon_0', 'k', 'm_e', 'atomic_mass', 'N_A', 'eV', 'bohr_radius', 'c',
]

EDITION = 'CODATA 2022'

hbar        = 1.0545718176461565e-34  # J s: reduced Planck constant, exact
h           = 6.62607015e-34  # J Hz^-1: Planck constant, exact
e           = 1.602176634e-19  # C: elementary charge, exact
epsilon_0   = 8.8541878188e-12  # F m^-1: vacuum electric permittivity, standard uncertainty 1.4e-21
k           = 1.380649e-23  # J K^-1: Boltzmann constant, exact
m_e         = 9.1093837139e-31  # kg: electron mass, standard uncertainty 2.8e-40
atomic_mass = 1.66053906892e-27  # kg: atomic mass constant, standard uncertainty 5.2e-37
N_A         = 6.02214076e+23  # mol^-1: Avogadro constant, exact
eV          = 1.602176634e-19  # J: electron volt, exact
bohr_radius = 5.29177210544e-11  # m: Bohr radius, standard uncertainty 8.2e-21
c           = 299792458.0  # m s^-1: speed of light in vacuum, exact
