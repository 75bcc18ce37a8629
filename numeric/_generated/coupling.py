"""Numeric kernels for topic 'coupling', generated from the derivations in derive.coupling.

GENERATED CODE: do not edit. Regenerate with `ephkit codegen --write`;
`ephkit codegen --check` (run by the tests) fails when this file is stale.

- deformation_potential_coupling: from derivation `deformation_potential_coupling`
- frohlich_coupling: from derivation `frohlich_coupling`
- frohlich_coupling_screened: from derivation `frohlich_screened_thomas_fermi`
"""

import math

import numba

__all__ = ['deformation_potential_coupling_scalar', 'deformation_potential_coupling_loop', 'deformation_potential_coupling_loop_parallel', 'frohlich_coupling_scalar', 'frohlich_coupling_loop', 'frohlich_coupling_loop_parallel', 'frohlich_coupling_screened_scalar', 'frohlich_coupling_screened_loop', 'frohlich_coupling_screened_loop_parallel']


# --- deformation_potential_coupling: derivation deformation_potential_coupling
@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True)
def deformation_potential_coupling_scalar(q, D, rho, V, v_s):
    """Deformation-potential coupling |g_q| in J (scalar kernel)."""
    return 7.261445509146772e-18*D*math.sqrt(q)/(math.sqrt(V)*math.sqrt(rho)*math.sqrt(v_s))


@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True)
def deformation_potential_coupling_loop(q, D, rho, V, v_s, out):
    """Deformation-potential coupling |g_q| in J: loop over flat float64 arrays of equal length."""
    for i in range(q.shape[0]):
        out[i] = deformation_potential_coupling_scalar(q[i], D[i], rho[i], V[i], v_s[i])
    return out


@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True, parallel=True)
def deformation_potential_coupling_loop_parallel(q, D, rho, V, v_s, out):
    """Deformation-potential coupling |g_q| in J: the loop above, run on all cores (numba.prange)."""
    for i in numba.prange(q.shape[0]):
        out[i] = deformation_potential_coupling_scalar(q[i], D[i], rho[i], V[i], v_s[i])
    return out



# --- frohlich_coupling: derivation frohlich_coupling
@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True)
def frohlich_coupling_scalar(q, omega_LO, epsilon_inf, epsilon_s, V):
    """Bare Froehlich coupling |g_q| in J (scalar kernel)."""
    return 3.909841133978154e-31*math.sqrt(omega_LO)*math.sqrt(-epsilon_inf + epsilon_s)/(math.sqrt(V)*math.sqrt(epsilon_inf)*math.sqrt(epsilon_s)*q)


@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True)
def frohlich_coupling_loop(q, omega_LO, epsilon_inf, epsilon_s, V, out):
    """Bare Froehlich coupling |g_q| in J: loop over flat float64 arrays of equal length."""
    for i in range(q.shape[0]):
        out[i] = frohlich_coupling_scalar(q[i], omega_LO[i], epsilon_inf[i], epsilon_s[i], V[i])
    return out


@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True, parallel=True)
def frohlich_coupling_loop_parallel(q, omega_LO, epsilon_inf, epsilon_s, V, out):
    """Bare Froehlich coupling |g_q| in J: the loop above, run on all cores (numba.prange)."""
    for i in numba.prange(q.shape[0]):
        out[i] = frohlich_coupling_scalar(q[i], omega_LO[i], epsilon_inf[i], epsilon_s[i], V[i])
    return out



# --- frohlich_coupling_screened: derivation frohlich_screened_thomas_fermi
@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True)
def frohlich_coupling_screened_scalar(q, omega_LO, epsilon_inf, epsilon_s, V, k_TF):
    """Thomas-Fermi-screened Froehlich coupling |g_q| in J (scalar kernel)."""
    return 3.909841133978154e-31*math.sqrt(omega_LO)*q*math.sqrt(-epsilon_inf + epsilon_s)/(math.sqrt(V)*math.sqrt(epsilon_inf)*math.sqrt(epsilon_s)*((k_TF*k_TF) + (q*q)))


@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True)
def frohlich_coupling_screened_loop(q, omega_LO, epsilon_inf, epsilon_s, V, k_TF, out):
    """Thomas-Fermi-screened Froehlich coupling |g_q| in J: loop over flat float64 arrays of equal length."""
    for i in range(q.shape[0]):
        out[i] = frohlich_coupling_screened_scalar(q[i], omega_LO[i], epsilon_inf[i], epsilon_s[i], V[i], k_TF[i])
    return out


@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True, parallel=True)
def frohlich_coupling_screened_loop_parallel(q, omega_LO, epsilon_inf, epsilon_s, V, k_TF, out):
    """Thomas-Fermi-screened Froehlich coupling |g_q| in J: the loop above, run on all cores (numba.prange)."""
    for i in numba.prange(q.shape[0]):
        out[i] = frohlich_coupling_screened_scalar(q[i], omega_LO[i], epsilon_inf[i], epsilon_s[i], V[i], k_TF[i])
    return out
