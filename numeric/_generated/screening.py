"""Numeric kernels for topic 'screening', generated from the derivations in derive.screening.

GENERATED CODE: do not edit. Regenerate with `ephkit codegen --write`;
`ephkit codegen --check` (run by the tests) fails when this file is stale.

- lindhard_static: from derivation `lindhard_static`
- thomas_fermi_wavevector: from derivation `thomas_fermi_limit`
- dielectric_thomas_fermi: from derivation `thomas_fermi_limit`
- plasma_frequency: from derivation `lindhard_small_q_expansion`
- dielectric_small_q: from derivation `lindhard_small_q_expansion`
- plasmon_frequency: from derivation `plasmon_dispersion`
- lindhard_dynamic_real: from derivation `lindhard_dynamic_real`
- lindhard_dynamic_imag: from derivation `lindhard_dynamic_imag`
"""

import math

import numba

from numeric import _vecmath as vmath

# inlined from numeric/_vecmath.py, sha256 d30a8b8fe36577e6 (a new hash invalidates numba's cache)

__all__ = ['lindhard_static_scalar', 'lindhard_static_loop', 'lindhard_static_loop_parallel', 'thomas_fermi_wavevector_scalar', 'thomas_fermi_wavevector_loop', 'thomas_fermi_wavevector_loop_parallel', 'dielectric_thomas_fermi_scalar', 'dielectric_thomas_fermi_loop', 'dielectric_thomas_fermi_loop_parallel', 'plasma_frequency_scalar', 'plasma_frequency_loop', 'plasma_frequency_loop_parallel', 'dielectric_small_q_scalar', 'dielectric_small_q_loop', 'dielectric_small_q_loop_parallel', 'plasmon_frequency_scalar', 'plasmon_frequency_loop', 'plasmon_frequency_loop_parallel', 'lindhard_dynamic_real_scalar', 'lindhard_dynamic_real_loop', 'lindhard_dynamic_real_loop_parallel', 'lindhard_dynamic_imag_scalar', 'lindhard_dynamic_imag_loop', 'lindhard_dynamic_imag_loop_parallel']


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


@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True, parallel=True)
def lindhard_static_loop_parallel(x, out):
    """Static Lindhard function F(x), x = q/(2 k_F); chi0 = -g(E_F) F(x): the loop above, run on all cores (numba.prange)."""
    for i in numba.prange(x.shape[0]):
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


@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True, parallel=True)
def thomas_fermi_wavevector_loop_parallel(n, m, out):
    """Thomas-Fermi wavevector k_TF(n, m) in 1/m, k_TF^2 = e^2 g(E_F)/eps0: the loop above, run on all cores (numba.prange)."""
    for i in numba.prange(n.shape[0]):
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


@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True, parallel=True)
def dielectric_thomas_fermi_loop_parallel(q, k_TF, out):
    """Thomas-Fermi dielectric function 1 + k_TF^2/q^2: the loop above, run on all cores (numba.prange)."""
    for i in numba.prange(q.shape[0]):
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


@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True, parallel=True)
def plasma_frequency_loop_parallel(n, m, out):
    """Plasma frequency omega_p = sqrt(n e^2/(eps0 m)) in rad/s: the loop above, run on all cores (numba.prange)."""
    for i in numba.prange(n.shape[0]):
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


@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True, parallel=True)
def dielectric_small_q_loop_parallel(q, omega, n, m, out):
    """Small-q RPA dielectric function 1 - wp^2/w^2 - (3/5) wp^2 vF^2 q^2/w^4: the loop above, run on all cores (numba.prange)."""
    for i in numba.prange(q.shape[0]):
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


@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True, parallel=True)
def plasmon_frequency_loop_parallel(q, n, m, out):
    """Plasmon frequency sqrt(wp^2 + (3/5) vF^2 q^2) in rad/s (small q): the loop above, run on all cores (numba.prange)."""
    for i in numba.prange(q.shape[0]):
        out[i] = plasmon_frequency_scalar(q[i], n[i], m[i])
    return out



# --- lindhard_dynamic_real: derivation lindhard_dynamic_real
@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True, inline="always")
def lindhard_dynamic_real_scalar(x, nu):
    """Real part of the dynamic Lindhard function f(x, nu), x = q/(2 k_F), nu = omega/(q v_F); chi0 = -g(E_F) f (scalar kernel; all branches evaluated, then selected)."""
    t0 = nu + x
    t1 = (1.0/t0)
    t2 = (x*x)
    t3 = nu - 1.0
    t4 = -t3
    t5 = t2 + t4*(nu + 1.0)
    t6 = (x < 1.0)
    t7 = (nu + x*-1.0)
    t8 = t0*t7 - 1.0
    t9 = -t8
    t10 = (((1.0/t5)) if t6 else ((1.0/t9)))
    t11 = (1.0/(t0*t0))
    t12 = t11*(((((0.3333333333333333 + t11*0.2) + (t11*t11)*(0.14285714285714285 + t11*0.1111111111111111)) + ((t11*t11)*(t11*t11))*((0.09090909090909091 + t11*0.07692307692307693) + (t11*t11)*(0.06666666666666667 + t11*0.058823529411764705))) + (((t11*t11)*(t11*t11))*((t11*t11)*(t11*t11)))*(((0.05263157894736842 + t11*0.047619047619047616) + (t11*t11)*(0.043478260869565216 + t11*0.04)) + ((t11*t11)*(t11*t11))*((0.037037037037037035 + t11*0.034482758620689655) + (t11*t11)*(0.03225806451612903 + t11*0.030303030303030304)))) + ((((t11*t11)*(t11*t11))*((t11*t11)*(t11*t11)))*(((t11*t11)*(t11*t11))*((t11*t11)*(t11*t11))))*((0.02857142857142857 + t11*0.02702702702702703) + (t11*t11)*(0.02564102564102564 + t11*0.024390243902439025)))
    t13 = (t0 >= 2.5)
    t14 = t0 + 1.0
    t15 = (t4 + x*-1.0)
    t16 = vmath.log(min(8.98846567431158e+307, t14/abs(t15)))
    t17 = (0.5)*t16
    t18 = (t7*t7)
    t19 = abs(t7)
    t20 = ((4.0*t2*(((1.0/(t5*t5))) if t6 else ((1.0/(t9*t9))))) if (((x <= 0.2*abs(t5))) if t6 else ((x <= 0.2*abs(t8)))) else (((t18) if (t19 < 1.0) else ((1.0/t18)))))
    t21 = t20*(((((0.3333333333333333 + t20*0.2) + (t20*t20)*(0.14285714285714285 + t20*0.1111111111111111)) + ((t20*t20)*(t20*t20))*((0.09090909090909091 + t20*0.07692307692307693) + (t20*t20)*(0.06666666666666667 + t20*0.058823529411764705))) + (((t20*t20)*(t20*t20))*((t20*t20)*(t20*t20)))*(((0.05263157894736842 + t20*0.047619047619047616) + (t20*t20)*(0.043478260869565216 + t20*0.04)) + ((t20*t20)*(t20*t20))*((0.037037037037037035 + t20*0.034482758620689655) + (t20*t20)*(0.03225806451612903 + t20*0.030303030303030304)))) + ((((t20*t20)*(t20*t20))*((t20*t20)*(t20*t20)))*(((t20*t20)*(t20*t20))*((t20*t20)*(t20*t20))))*((0.02857142857142857 + t20*0.02702702702702703) + (t20*t20)*(0.02564102564102564 + t20*0.024390243902439025)))
    t22 = t7 + 1.0
    t23 = t7 - 1.0
    t24 = t22*(((t4 + x*1.0)) if t6 else (-t23))
    t25 = t21*t24
    t26 = (1.0/x)
    t27 = t14*t15
    t28 = t7*(t21 + 1.0)
    t29 = (t19 < 0.25)
    t30 = vmath.log(min(8.98846567431158e+307, max(2.2250738585072014e-308, abs(t22*(((1.0/((-t3 + x*1.0)))) if t6 else (-1.0/t23))))))
    b0 = -nu*t1*((t12) if t13 else (t0*t17 - 1.0)) + t1*t10*x + (0.5)*t10*t25
    b1 = (0.25)*t26*(((t1*(t12*t27 + 1.0)) if t13 else (t0 + t17*t27)) - ((t24*t28 + t7) if t29 else ((t25 + 1.0)/t7) if (t19 > 2.5) else ((0.5)*t24*t30 + t7)))
    b2 = (0.125)*t26*(t14*t15*t16 - t24*((2.0*t28) if t29 else (t30))) + 0.5
    return b0 if (2.0*x <= 0.4*abs((((x*x) + (1.0 - nu)*(nu + 1.0)) if (x < 1.0) else (-(nu + x)*(nu + x*-1.0) + 1.0)))) else (b1 if (x >= 1.0) else (b2))


@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True)
def lindhard_dynamic_real_loop(x, nu, out):
    """Real part of the dynamic Lindhard function f(x, nu), x = q/(2 k_F), nu = omega/(q v_F); chi0 = -g(E_F) f: loop over flat float64 arrays of equal length."""
    for i in range(x.shape[0]):
        out[i] = lindhard_dynamic_real_scalar(x[i], nu[i])
    return out


@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True, parallel=True)
def lindhard_dynamic_real_loop_parallel(x, nu, out):
    """Real part of the dynamic Lindhard function f(x, nu), x = q/(2 k_F), nu = omega/(q v_F); chi0 = -g(E_F) f: the loop above, run on all cores (numba.prange)."""
    for i in numba.prange(x.shape[0]):
        out[i] = lindhard_dynamic_real_scalar(x[i], nu[i])
    return out



# --- lindhard_dynamic_imag: derivation lindhard_dynamic_imag
@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True, inline="always")
def lindhard_dynamic_imag_scalar(x, nu):
    """Imaginary part of the dynamic Lindhard function f(x, nu) (retarded: >= 0 for nu >= 0); chi0 = -g(E_F) f (scalar kernel; all branches evaluated, then selected)."""
    t0 = (nu + x*-1.0)
    b0 = 1.5707963267948966*nu
    b1 = 0.39269908169872414*(((1.0 - x + nu*1.0)) if (x <= 2.0) else (t0 + 1.0))*(((1.0 - nu + x*1.0)) if (x <= 1.0) else (1.0 - t0))/x
    b2 = 0.0
    b3 = 0.0
    return b0 if ((1.0 - nu + x*-1.0) > 0.0) else (b1 if ((((1.0 - x + nu*1.0)) if (x <= 2.0) else ((nu + x*-1.0) + 1.0)) > 0.0) and ((((1.0 - nu + x*1.0)) if (x <= 1.0) else (1.0 - (nu + x*-1.0))) > 0.0) else (b2 if ((((1.0 - nu + x*1.0)) if (x <= 1.0) else (1.0 - (nu + x*-1.0))) <= 0.0) else (b3)))


@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True)
def lindhard_dynamic_imag_loop(x, nu, out):
    """Imaginary part of the dynamic Lindhard function f(x, nu) (retarded: >= 0 for nu >= 0); chi0 = -g(E_F) f: loop over flat float64 arrays of equal length."""
    for i in range(x.shape[0]):
        out[i] = lindhard_dynamic_imag_scalar(x[i], nu[i])
    return out


@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True, parallel=True)
def lindhard_dynamic_imag_loop_parallel(x, nu, out):
    """Imaginary part of the dynamic Lindhard function f(x, nu) (retarded: >= 0 for nu >= 0); chi0 = -g(E_F) f: the loop above, run on all cores (numba.prange)."""
    for i in numba.prange(x.shape[0]):
        out[i] = lindhard_dynamic_imag_scalar(x[i], nu[i])
    return out
