"""Numeric kernels for topic 'scattering', generated from the derivations in derive.scattering.

GENERATED CODE: do not edit. Regenerate with `ephkit codegen --write`;
`ephkit codegen --check` (run by the tests) fails when this file is stale.

- deformation_potential_rate_high_T: from derivation `deformation_potential_rate_high_T`
"""

import math

import numba

__all__ = ['deformation_potential_rate_high_T_scalar', 'deformation_potential_rate_high_T_loop', 'deformation_potential_rate_high_T_loop_parallel']


# --- deformation_potential_rate_high_T: derivation deformation_potential_rate_high_T
@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True)
def deformation_potential_rate_high_T_scalar(T, D, m, k_F, rho, v_s):
    """High-temperature deformation-potential transport rate 1/tau in 1/s (scalar kernel)."""
    return 3.747183204020872e+78*(D*D)*T*k_F*m/(rho*(v_s*v_s))


@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True)
def deformation_potential_rate_high_T_loop(T, D, m, k_F, rho, v_s, out):
    """High-temperature deformation-potential transport rate 1/tau in 1/s: loop over flat float64 arrays of equal length."""
    for i in range(T.shape[0]):
        out[i] = deformation_potential_rate_high_T_scalar(T[i], D[i], m[i], k_F[i], rho[i], v_s[i])
    return out


@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True, parallel=True)
def deformation_potential_rate_high_T_loop_parallel(T, D, m, k_F, rho, v_s, out):
    """High-temperature deformation-potential transport rate 1/tau in 1/s: the loop above, run on all cores (numba.prange)."""
    for i in numba.prange(T.shape[0]):
        out[i] = deformation_potential_rate_high_T_scalar(T[i], D[i], m[i], k_F[i], rho[i], v_s[i])
    return out
