"""Elementary functions that LLVM can vectorise inside numba loops.

``math.log`` compiles to a call into libm, which stops LLVM from vectorising
a loop (numba's SVML path is not available with current llvmlite wheels).
:func:`log` here is straight-line arithmetic on the IEEE-754 bit pattern, so
generated kernels that use it vectorise (8 doubles per AVX-512 instruction).

Method: r = 2^e m with m in [1/sqrt(2), sqrt(2)); ln r = e ln 2 + 2 atanh(s),
s = (m - 1)/(m + 1), |s| <= 0.1716, with the atanh series to s^23 (truncation
< 1e-19 relative) evaluated in Estrin form (short dependency chains). Accuracy
is tested against numpy's log to within 6 ulp over the whole double range
(``tests/numeric/test_vecmath.py``). Special values follow IEEE/C99:
log(0) = -inf, log(x < 0) = nan, log(inf) = inf, log(nan) = nan; subnormal
arguments are scaled by 2^54 first.
"""

from __future__ import annotations

import numba
import numpy as np

__all__ = ["log"]

_LN2_HI = 0.6931471803691238  # ln 2 split so that e * LN2_HI is exact for |e| < 2^11
_LN2_LO = 1.9082149292705877e-10
_SQRT2 = 1.4142135623730951
_TWO54 = 18014398509481984.0


@numba.njit(error_model="numpy", fastmath={"contract"}, inline="always", cache=True)
def log(r: float) -> float:
    """Natural logarithm, vectorisable; see the module docstring for method and accuracy.

    Examples
    --------
    >>> import math
    >>> abs(log(10.0) - math.log(10.0)) < 4e-16
    True
    """
    tiny = r < 2.2250738585072014e-308
    scaled = r * _TWO54 if tiny else r
    bits = np.float64(scaled).view(np.int64)
    e = ((bits >> 52) & 0x7FF) - (1023 + 54 if tiny else 1023)
    m = np.int64((bits & 0x000FFFFFFFFFFFFF) | 0x3FF0000000000000).view(np.float64)
    big = m > _SQRT2
    m = m * 0.5 if big else m
    e = e + 1 if big else e
    s = (m - 1.0) / (m + 1.0)
    z = s * s
    z2 = z * z
    z4 = z2 * z2
    z8 = z4 * z4
    p = ((2.0 + z * (2.0 / 3.0)) + z2 * (2.0 / 5.0 + z * (2.0 / 7.0))
         + z4 * ((2.0 / 9.0 + z * (2.0 / 11.0)) + z2 * (2.0 / 13.0 + z * (2.0 / 15.0)))
         + z8 * ((2.0 / 17.0 + z * (2.0 / 19.0)) + z2 * (2.0 / 21.0 + z * (2.0 / 23.0))))
    fe = float(e)
    value = fe * _LN2_HI + (s * p + fe * _LN2_LO)
    # One select for every special case keeps the loop fast: inf -> inf, 0 -> -inf, < 0 or nan -> nan.
    special = r if r > 0.0 else (-np.inf if r == 0.0 else np.nan)
    return value if (r > 0.0) & (r < np.inf) else special
