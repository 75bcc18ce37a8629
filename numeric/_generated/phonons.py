"""Numeric kernels for topic 'phonons', generated from the derivations in derive.phonons.

GENERATED CODE: do not edit. Regenerate with `ephkit codegen --write`;
`ephkit codegen --check` (run by the tests) fails when this file is stale.

- debye_T3: from derivation `debye_T3_law`
"""

import math

import numba

__all__ = ['debye_T3_scalar', 'debye_T3_loop']


# --- debye_T3: derivation debye_T3_law
@numba.njit(error_model="numpy", cache=True)
def debye_T3_scalar(T, Theta_D, N):
    """Low-temperature Debye heat capacity (12 pi^4/5) N k_B (T/Theta_D)^3 in J/K (scalar kernel)."""
    return 3.2277063390481063e-21*N*(T*T*T)/(Theta_D*Theta_D*Theta_D)


@numba.njit(error_model="numpy", cache=True)
def debye_T3_loop(T, Theta_D, N, out):
    """Low-temperature Debye heat capacity (12 pi^4/5) N k_B (T/Theta_D)^3 in J/K: loop over flat float64 arrays of equal length."""
    for i in range(T.shape[0]):
        out[i] = debye_T3_scalar(T[i], Theta_D[i], N[i])
    return out
