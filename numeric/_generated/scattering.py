"""Numeric kernels for topic 'scattering', generated from the derivations in derive.scattering.

GENERATED CODE: do not edit. Regenerate with `ephkit codegen --write`;
`ephkit codegen --check` (run by the tests) fails when this file is stale.

- deformation_potential_rate_high_T: from derivation `deformation_potential_rate_high_T`
- bloch_gruneisen_transport_rate_low_T: from derivation `bloch_gruneisen_transport_rate_low_T`
- transport_rate_fermi_level_low_T: from derivation `transport_rate_fermi_level_low_T`
- quasiparticle_rate_low_T: from derivation `quasiparticle_rate_low_T`
"""

import math

import numba

__all__ = ['deformation_potential_rate_high_T_scalar', 'deformation_potential_rate_high_T_loop', 'deformation_potential_rate_high_T_loop_parallel', 'bloch_gruneisen_transport_rate_low_T_scalar', 'bloch_gruneisen_transport_rate_low_T_loop', 'bloch_gruneisen_transport_rate_low_T_loop_parallel', 'transport_rate_fermi_level_low_T_scalar', 'transport_rate_fermi_level_low_T_loop', 'transport_rate_fermi_level_low_T_loop_parallel', 'quasiparticle_rate_low_T_scalar', 'quasiparticle_rate_low_T_loop', 'quasiparticle_rate_low_T_loop_parallel']


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



# --- bloch_gruneisen_transport_rate_low_T: derivation bloch_gruneisen_transport_rate_low_T
@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True)
def bloch_gruneisen_transport_rate_low_T_scalar(T, D, m, k_F, rho, v_s):
    """Low-T Fermi-window-averaged transport rate <1/tau_tr> (Bloch-Grueneisen T^5) in 1/s (scalar kernel)."""
    return 3.424547284864934e+124*(D*D)*T**5.0*m/((k_F*k_F*k_F)*rho*v_s**6.0)


@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True)
def bloch_gruneisen_transport_rate_low_T_loop(T, D, m, k_F, rho, v_s, out):
    """Low-T Fermi-window-averaged transport rate <1/tau_tr> (Bloch-Grueneisen T^5) in 1/s: loop over flat float64 arrays of equal length."""
    for i in range(T.shape[0]):
        out[i] = bloch_gruneisen_transport_rate_low_T_scalar(T[i], D[i], m[i], k_F[i], rho[i], v_s[i])
    return out


@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True, parallel=True)
def bloch_gruneisen_transport_rate_low_T_loop_parallel(T, D, m, k_F, rho, v_s, out):
    """Low-T Fermi-window-averaged transport rate <1/tau_tr> (Bloch-Grueneisen T^5) in 1/s: the loop above, run on all cores (numba.prange)."""
    for i in numba.prange(T.shape[0]):
        out[i] = bloch_gruneisen_transport_rate_low_T_scalar(T[i], D[i], m[i], k_F[i], rho[i], v_s[i])
    return out



# --- transport_rate_fermi_level_low_T: derivation transport_rate_fermi_level_low_T
@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True)
def transport_rate_fermi_level_low_T_scalar(T, D, m, k_F, rho, v_s):
    """Low-T transport rate 1/tau_tr of an electron at E_F (T^5) in 1/s (scalar kernel)."""
    return 1.327012072885162e+124*(D*D)*T**5.0*m/((k_F*k_F*k_F)*rho*v_s**6.0)


@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True)
def transport_rate_fermi_level_low_T_loop(T, D, m, k_F, rho, v_s, out):
    """Low-T transport rate 1/tau_tr of an electron at E_F (T^5) in 1/s: loop over flat float64 arrays of equal length."""
    for i in range(T.shape[0]):
        out[i] = transport_rate_fermi_level_low_T_scalar(T[i], D[i], m[i], k_F[i], rho[i], v_s[i])
    return out


@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True, parallel=True)
def transport_rate_fermi_level_low_T_loop_parallel(T, D, m, k_F, rho, v_s, out):
    """Low-T transport rate 1/tau_tr of an electron at E_F (T^5) in 1/s: the loop above, run on all cores (numba.prange)."""
    for i in numba.prange(T.shape[0]):
        out[i] = transport_rate_fermi_level_low_T_scalar(T[i], D[i], m[i], k_F[i], rho[i], v_s[i])
    return out



# --- quasiparticle_rate_low_T: derivation quasiparticle_rate_low_T
@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True)
def quasiparticle_rate_low_T_scalar(T, D, m, k_F, rho, v_s):
    """Low-T quasiparticle (out-scattering) rate 1/tau_qp at E_F (T^3) in 1/s (scalar kernel)."""
    return 1.3510836719793603e+101*(D*D)*(T*T*T)*m/(k_F*rho*(v_s*v_s*v_s*v_s))


@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True)
def quasiparticle_rate_low_T_loop(T, D, m, k_F, rho, v_s, out):
    """Low-T quasiparticle (out-scattering) rate 1/tau_qp at E_F (T^3) in 1/s: loop over flat float64 arrays of equal length."""
    for i in range(T.shape[0]):
        out[i] = quasiparticle_rate_low_T_scalar(T[i], D[i], m[i], k_F[i], rho[i], v_s[i])
    return out


@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True, parallel=True)
def quasiparticle_rate_low_T_loop_parallel(T, D, m, k_F, rho, v_s, out):
    """Low-T quasiparticle (out-scattering) rate 1/tau_qp at E_F (T^3) in 1/s: the loop above, run on all cores (numba.prange)."""
    for i in numba.prange(T.shape[0]):
        out[i] = quasiparticle_rate_low_T_scalar(T[i], D[i], m[i], k_F[i], rho[i], v_s[i])
    return out
