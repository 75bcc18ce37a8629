"""Numeric kernels for topic 'screening', generated from the derivations in derive.screening.

GENERATED CODE: do not edit. Regenerate with `ephkit codegen --write`;
`ephkit codegen --check` (run by the tests) fails when this file is stale.

- lindhard_static: from derivation `lindhard_static`
- thomas_fermi_wavevector: from derivation `thomas_fermi_limit`
- dielectric_thomas_fermi: from derivation `thomas_fermi_limit`
- plasma_frequency: from derivation `lindhard_small_q_expansion`
- dielectric_small_q: from derivation `lindhard_small_q_expansion`
- plasmon_frequency: from derivation `plasmon_dispersion`
"""

import math

import numba

from numeric import _vecmath as vmath

__all__ = ['lindhard_static_scalar', 'lindhard_static_loop', 'thomas_fermi_wavevector_scalar', 'thomas_fermi_wavevector_loop', 'dielectric_thomas_fermi_scalar', 'dielectric_thomas_fermi_loop', 'plasma_frequency_scalar', 'plasma_frequency_loop', 'dielectric_small_q_scalar', 'dielectric_small_q_loop', 'plasmon_frequency_scalar', 'plasmon_frequency_loop']


# --- lindhard_static: derivation lindhard_static
@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True, inline="always")
def lindhard_static_scalar(x):
    """Static Lindhard function F(x), x = q/(2 k_F); chi0 = -g(E_F) F(x) (scalar kernel; all branches evaluated, then selected)."""
    t0 = (x*x)
    t1 = min(t0, (1.0/t0))
    t2 = t1*((((0.3333333333333333 + t1*0.06666666666666667) + (t1*t1)*(0.02857142857142857 + t1*0.015873015873015872)) + ((t1*t1)*(t1*t1))*((0.010101010101010102 + t1*0.006993006993006993) + (t1*t1)*(0.005128205128205128 + t1*0.00392156862745098))) + (((t1*t1)*(t1*t1))*((t1*t1)*(t1*t1)))*(((0.0030959752321981426 + t1*0.002506265664160401) + (t1*t1)*(0.002070393374741201 + t1*0.0017391304347826088)) + ((t1*t1)*(t1*t1))*((0.0014814814814814814 + t1*0.001277139208173691) + (t1*t1)*(0.0011123470522803114 + t1*0.0009775171065493646))))
    t3 = x + 1.0
    t4 = x - 1.0
    b0 = 0.5
    b1 = 1.0 - t2
    b2 = -0.25*t3*t4*vmath.log(t3/abs(t4))/x + 0.5
    b3 = t2
    return b0 if (x == 1.0) else (b1 if (x < 0.4) else (b2 if (x < 2.5) else (b3)))


@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True)
def lindhard_static_loop(x, out):
    """Static Lindhard function F(x), x = q/(2 k_F); chi0 = -g(E_F) F(x): loop over flat float64 arrays of equal length."""
    for i in range(x.shape[0]):
        out[i] = lindhard_static_scalar(x[i])
    return out



# --- thomas_fermi_wavevector: derivation thomas_fermi_limit
@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True)
def thomas_fermi_wavevector_scalar(n, m):
    """Thomas-Fermi wavevector k_TF(n, m) in 1/m, k_TF^2 = e^2 g(E_F)/eps0 (scalar kernel)."""
    return 2.8585568137435683e+20*math.sqrt(m)*n**(0.16666666666666666)


@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True)
def thomas_fermi_wavevector_loop(n, m, out):
    """Thomas-Fermi wavevector k_TF(n, m) in 1/m, k_TF^2 = e^2 g(E_F)/eps0: loop over flat float64 arrays of equal length."""
    for i in range(n.shape[0]):
        out[i] = thomas_fermi_wavevector_scalar(n[i], m[i])
    return out



# --- dielectric_thomas_fermi: derivation thomas_fermi_limit
@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True)
def dielectric_thomas_fermi_scalar(q, k_TF):
    """Thomas-Fermi dielectric function 1 + k_TF^2/q^2 (scalar kernel)."""
    return (k_TF*k_TF)/(q*q) + 1.0


@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True)
def dielectric_thomas_fermi_loop(q, k_TF, out):
    """Thomas-Fermi dielectric function 1 + k_TF^2/q^2: loop over flat float64 arrays of equal length."""
    for i in range(q.shape[0]):
        out[i] = dielectric_thomas_fermi_scalar(q[i], k_TF[i])
    return out



# --- plasma_frequency: derivation lindhard_small_q_expansion
@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True)
def plasma_frequency_scalar(n, m):
    """Plasma frequency omega_p = sqrt(n e^2/(eps0 m)) in rad/s (scalar kernel)."""
    return 5.3843840445448224e-14*math.sqrt(n)/math.sqrt(m)


@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True)
def plasma_frequency_loop(n, m, out):
    """Plasma frequency omega_p = sqrt(n e^2/(eps0 m)) in rad/s: loop over flat float64 arrays of equal length."""
    for i in range(n.shape[0]):
        out[i] = plasma_frequency_scalar(n[i], m[i])
    return out



# --- dielectric_small_q: derivation lindhard_small_q_expansion
@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True)
def dielectric_small_q_scalar(q, omega, n, m):
    """Small-q RPA dielectric function 1 - wp^2/w^2 - (3/5) wp^2 vF^2 q^2/w^4 (scalar kernel)."""
    return 1.0 - 2.8991591539148856e-27*n/(m*(omega*omega)) - 1.85149678911393e-94*n**(1.6666666666666667)*(q*q)/((m*m*m)*(omega*omega*omega*omega))


@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True)
def dielectric_small_q_loop(q, omega, n, m, out):
    """Small-q RPA dielectric function 1 - wp^2/w^2 - (3/5) wp^2 vF^2 q^2/w^4: loop over flat float64 arrays of equal length."""
    for i in range(q.shape[0]):
        out[i] = dielectric_small_q_scalar(q[i], omega[i], n[i], m[i])
    return out



# --- plasmon_frequency: derivation plasmon_dispersion
@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True)
def plasmon_frequency_scalar(q, n, m):
    """Plasmon frequency sqrt(wp^2 + (3/5) vF^2 q^2) in rad/s (small q) (scalar kernel)."""
    return math.sqrt(2.8991591539148856e-27*n/m + 6.386323381432018e-68*n**(0.6666666666666666)*(q*q)/(m*m))


@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True)
def plasmon_frequency_loop(q, n, m, out):
    """Plasmon frequency sqrt(wp^2 + (3/5) vF^2 q^2) in rad/s (small q): loop over flat float64 arrays of equal length."""
    for i in range(q.shape[0]):
        out[i] = plasmon_frequency_scalar(q[i], n[i], m[i])
    return out
