"""Numeric kernels for topic 'phonons', generated from the derivations in derive.phonons.

GENERATED CODE: do not edit. Regenerate with `ephkit codegen --write`;
`ephkit codegen --check` (run by the tests) fails when this file is stale.

- debye_T3: from derivation `debye_T3_law`
- debye_cv_reduced: from derivation `debye_T3_law`
"""

import math

import numba

__all__ = ['debye_T3_scalar', 'debye_T3_loop', 'debye_T3_loop_parallel', 'debye_cv_reduced_scalar', 'debye_cv_reduced_loop', 'debye_cv_reduced_loop_parallel']


# --- debye_T3: derivation debye_T3_law
@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True)
def debye_T3_scalar(T, Theta_D, N):
    """Low-temperature Debye heat capacity (12 pi^4/5) N k_B (T/Theta_D)^3 in J/K (scalar kernel)."""
    return 3.2277063390481063e-21*N*(T*T*T)/(Theta_D*Theta_D*Theta_D)


@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True)
def debye_T3_loop(T, Theta_D, N, out):
    """Low-temperature Debye heat capacity (12 pi^4/5) N k_B (T/Theta_D)^3 in J/K: loop over flat float64 arrays of equal length."""
    for i in range(T.shape[0]):
        out[i] = debye_T3_scalar(T[i], Theta_D[i], N[i])
    return out


@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True, parallel=True)
def debye_T3_loop_parallel(T, Theta_D, N, out):
    """Low-temperature Debye heat capacity (12 pi^4/5) N k_B (T/Theta_D)^3 in J/K: the loop above, run on all cores (numba.prange)."""
    for i in numba.prange(T.shape[0]):
        out[i] = debye_T3_scalar(T[i], Theta_D[i], N[i])
    return out



# --- debye_cv_reduced: derivation debye_T3_law
@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True)
def debye_cv_reduced_scalar(y):
    """Debye heat capacity C_V/(3 N k_B) at y = Theta_D/T (any temperature) (scalar kernel)."""
    if (y < 3.0):
        t0 = (y*y)
        return t0*(t0*(t0*(t0*(t0*(t0*(t0*(t0*(t0*(t0*(t0*(t0*(t0*(t0*(t0*(t0*(t0*(t0*(t0*(t0*(t0*(t0*(t0*(t0*(t0*(t0*(t0*(t0*(t0*(t0*(t0*(t0*(t0*(t0*(2.99734446226519e-54 - 7.604780720424377e-56*t0) - 1.1812564819785474e-52) + 4.654847122990214e-51) - 1.834069929919674e-49) + 7.225545016012878e-48) - 2.8461901168891705e-46) + 1.1209578952230075e-44) - 4.414071594558844e-43) + 1.7378231663610433e-41) - 6.84034557542453e-40) + 2.691815261261144e-38) - 1.0589945855843172e-36) + 4.1649293637533926e-35) - 1.6374502817451168e-33) + 6.435060991557528e-32) - 2.5277500061891464e-30) + 9.92383253256045e-29) - 3.8935695969154495e-27) + 1.5264729491574708e-25) - 5.9791473743448006e-24) + 2.3394674567420687e-22) - 9.141483723179657e-21) + 3.5661409752632005e-19) - 1.3882687127467778e-17) + 5.389891992078675e-16) - 2.0851864993817624e-14) + 8.028190175500854e-13) - 3.070111321745309e-11) + 1.1625218305112484e-09) - 4.335941835941836e-08) + 1.5782828282828283e-06) - 5.511463844797178e-05) + 0.0017857142857142857) - 0.05) + 1.0
    elif (y < 65.0):
        t0 = -y
        t1 = math.exp(t0)
        return 3.0*(t1*(y*y*y*y)/math.expm1(t0) - t1*(t1*(t1*(t1*(t1*(t1*(t1*(t1*(t1*(t1*(t1*(t1*(t1*(t1*(t1*(t1*(y*(y*((0.25)*y + 0.046875) + 0.005859375) + 0.0003662109375) + y*(y*((0.26666666666666666)*y + 0.05333333333333334) + 0.0071111111111111115) + 0.0004740740740740741) + y*(y*((0.2857142857142857)*y + 0.061224489795918366) + 0.008746355685131196) + 0.0006247396917950854) + y*(y*((0.3076923076923077)*y + 0.07100591715976332) + 0.010923987255348202) + 0.0008403067119498617) + y*(y*((0.3333333333333333)*y + 0.08333333333333333) + 0.013888888888888888) + 0.0011574074074074073) + y*(y*((0.36363636363636365)*y + 0.09917355371900827) + 0.018031555221637866) + 0.0016392322928761697) + y*(y*((0.4)*y + 0.12) + 0.024) + 0.0024) + y*(y*((0.4444444444444444)*y + 0.14814814814814814) + 0.03292181069958848) + 0.003657978966620942) + y*(y*((0.5)*y + 0.1875) + 0.046875) + 0.005859375) + y*(y*((0.5714285714285714)*y + 0.24489795918367346) + 0.06997084548104957) + 0.009995835068721367) + y*(y*((0.6666666666666666)*y + 0.3333333333333333) + 0.1111111111111111) + 0.018518518518518517) + y*(y*((0.8)*y + 0.48) + 0.192) + 0.0384) + y*(y*(y + 0.75) + 0.375) + 0.09375) + y*(y*((1.3333333333333333)*y + 1.3333333333333333) + 0.8888888888888888) + 0.2962962962962963) + y*(y*(2.0*y + 3.0) + 3.0) + 1.5) + y*(y*(4.0*y + 12.0) + 24.0) + 24.0) + 25.975757609067315)/(y*y*y)
    else:
        return 77.92727282720195/(y*y*y)


@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True)
def debye_cv_reduced_loop(y, out):
    """Debye heat capacity C_V/(3 N k_B) at y = Theta_D/T (any temperature): loop over flat float64 arrays of equal length."""
    for i in range(y.shape[0]):
        out[i] = debye_cv_reduced_scalar(y[i])
    return out


@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True, parallel=True)
def debye_cv_reduced_loop_parallel(y, out):
    """Debye heat capacity C_V/(3 N k_B) at y = Theta_D/T (any temperature): the loop above, run on all cores (numba.prange)."""
    for i in numba.prange(y.shape[0]):
        out[i] = debye_cv_reduced_scalar(y[i])
    return out
