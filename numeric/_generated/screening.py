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

# inlined from numeric/_vecmath.py, sha256 a00f5c50aa7e94b2 (a new hash invalidates numba's cache)

__all__ = ['lindhard_static_scalar', 'lindhard_static_loop', 'lindhard_static_loop_parallel', 'thomas_fermi_wavevector_scalar', 'thomas_fermi_wavevector_loop', 'thomas_fermi_wavevector_loop_parallel', 'dielectric_thomas_fermi_scalar', 'dielectric_thomas_fermi_loop', 'dielectric_thomas_fermi_loop_parallel', 'plasma_frequency_scalar', 'plasma_frequency_loop', 'plasma_frequency_loop_parallel', 'dielectric_small_q_scalar', 'dielectric_small_q_loop', 'dielectric_small_q_loop_parallel', 'plasmon_frequency_scalar', 'plasmon_frequency_loop', 'plasmon_frequency_loop_parallel', 'lindhard_dynamic_real_scalar', 'lindhard_dynamic_real_loop', 'lindhard_dynamic_real_loop_parallel', 'lindhard_dynamic_imag_scalar', 'lindhard_dynamic_imag_loop', 'lindhard_dynamic_imag_loop_parallel']


# --- lindhard_static: derivation lindhard_static
@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True, inline="always")
def lindhard_static_scalar(x):
    """Static Lindhard function F(x), x = q/(2 k_F); chi0 = -g(E_F) F(x) (scalar kernel; all branches evaluated, then selected)."""
    t0 = (x < 0.3333333333333333)
    t1 = (1.0/x)
    t2 = (x > 3.0)
    t3 = x + 1.0
    t4 = 1.0 - x
    t5 = vmath.ratio_argument(t3, t4)
    t6 = (((x*x)) if t0 else ((t1*t1)) if t2 else ((t5*t5)))
    t7 = ((((0.3333333333333333 + t6*0.19999999999999762) + (t6*t6)*(0.1428571428580005 + t6*0.11111111099118386)) + ((t6*t6)*(t6*t6))*((0.09090909948981357 + t6*0.07692271982430275) + (t6*t6)*(0.06667589315724629 + t6*0.05867139530651599))) + (((t6*t6)*(t6*t6))*((t6*t6)*(t6*t6)))*((0.05422589197440007 + t6*0.03746071897775384) + (t6*t6)*0.07815288900461424))
    t8 = t6*t7 + 1.0
    t9 = t3*t4
    b0 = 0.5
    b1 = (0.5)*t8*t9 + 0.5
    b2 = (0.5)*t6*(-t7 + t8)
    b3 = (0.25)*t1*t9*(2.0*t8*((x) if t0 else (t1) if t2 else (t5)) + 0.6931471805599453*((0.0) if t0 or t2 else (vmath.ratio_exponent(t3, t4)))) + 0.5
    return b0 if (x == 1.0) else (b1 if t0 else (b2 if t2 else (b3)))


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
    t3 = 1.0 - nu
    t4 = t2 + t3*(nu + 1.0)
    t5 = (x < 0.25)
    t6 = (nu + x*-1.0)
    t7 = t0*t6 - 1.0
    t8 = (1.0/(((t4) if t5 else (-t7))))
    t9 = t8*x
    t10 = (t0 >= 3.0)
    t11 = t0 + 1.0
    t12 = (t3 + x*-1.0)
    t13 = vmath.ratio_argument(t11, t12)
    t14 = (((t1*t1)) if t10 else ((t13*t13)))
    t15 = t14*((((0.3333333333333333 + t14*0.19999999999999762) + (t14*t14)*(0.1428571428580005 + t14*0.11111111099118386)) + ((t14*t14)*(t14*t14))*((0.09090909948981357 + t14*0.07692271982430275) + (t14*t14)*(0.06667589315724629 + t14*0.05867139530651599))) + (((t14*t14)*(t14*t14))*((t14*t14)*(t14*t14)))*((0.05422589197440007 + t14*0.03746071897775384) + (t14*t14)*0.07815288900461424))
    t16 = 2.0*(t15 + 1.0)*((t1) if t10 else (t13)) + 0.6931471805599453*((0.0) if t10 else (vmath.ratio_exponent(t11, t12)))
    t17 = (0.5)*t16
    t18 = (((x <= 0.125*abs(t4))) if t5 else ((x <= 0.125*abs(t7))))
    t19 = abs(t6)
    t20 = (t19 < 0.3)
    t21 = (1.0/t6)
    t22 = (t19 > 3.0)
    t23 = t6 + 1.0
    t24 = (((t3 + x*1.0)) if t5 else (1.0 - t6))
    t25 = vmath.ratio_argument(t23, t24)
    t26 = ((4.0*t2*(t8*t8)) if t18 else ((((t6*t6)) if t20 else ((t21*t21)) if t22 else ((t25*t25)))))
    t27 = t26*((((0.3333333333333333 + t26*0.19999999999999762) + (t26*t26)*(0.1428571428580005 + t26*0.11111111099118386)) + ((t26*t26)*(t26*t26))*((0.09090909948981357 + t26*0.07692271982430275) + (t26*t26)*(0.06667589315724629 + t26*0.05867139530651599))) + (((t26*t26)*(t26*t26))*((t26*t26)*(t26*t26)))*((0.05422589197440007 + t26*0.03746071897775384) + (t26*t26)*0.07815288900461424))
    t28 = t23*t24
    t29 = t27*t28
    t30 = (1.0/x)
    t31 = t11*t12
    t32 = t28*(2.0*(t27 + 1.0)*((2.0*t9) if t18 else (((t6) if t20 else (t21) if t22 else (t25)))) + 0.6931471805599453*((0.0) if t20 or t22 else (vmath.ratio_exponent(t23, t24))))
    b0 = -nu*t1*((t15) if t10 else (t0*t17 - 1.0)) + t1*t9 + (0.5)*t29*t8
    b1 = (0.25)*t30*(((t1*(t15*t31 + 1.0)) if t10 else (t0 + t17*t31)) - ((t21*(t29 + 1.0)) if t22 else ((0.5)*t32 + t6)))
    b2 = (0.125)*t30*(t11*t12*t16 - t32) + 0.5
    return b0 if t18 else (b1 if (x >= 0.25) else (b2))


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
    t1 = (((1.0 - x + nu*1.0)) if (x <= 2.0) else (t0 + 1.0))
    t2 = 1.0 - nu
    t3 = (((t2 + x*1.0)) if (x <= 1.0) else (1.0 - t0))
    b0 = 1.5707963267948966*nu
    b1 = 0.39269908169872414*t1*t3*(1.0/x)
    b2 = 0.0
    b3 = 0.0
    return b0 if ((t2 + x*-1.0) > 0.0) else (b1 if (t1 > 0.0) and (t3 > 0.0) else (b2 if (t3 <= 0.0) else (b3)))


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
