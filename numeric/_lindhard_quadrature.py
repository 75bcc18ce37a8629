"""The k-space quadrature behind :mod:`numeric.response` for one parabolic band, in reduced units.

κ = k/k_F, Q = q/k_F, Ω = ħω/E_F, τ = k_B T/E_F, η = μ(T)/E_F; the method (the
exact angular integral, the breakpoints, the geometrically graded Gauss-Legendre
panels) is described in the docstring of :mod:`numeric.response`.
:func:`reduced_chi0` gives (Re, Im) of χ0/(−g(E_F)), :func:`reduced_mu` the
chemical potential η(τ) at fixed density; the numba kernels are private.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numba
import numpy as np
from scipy.optimize import brentq

from ._quadrature import gauss01
from ._support import checked, fermi_dirac, integer, sort_by

#: Relative size of the innermost graded panel (it is integrated too; its share is ~1e-12 |ln 1e-12|·1e-3).
_FLOOR = 1e-12
#: Occupations beyond μ + _TAIL k_B T (or _TAIL k_B T above the band bottom) are below e^{−_TAIL}.
_TAIL = 50.0
#: Energy breakpoints at T > 0, in units of k_B T, about μ and above the band bottom.
_ABOUT_MU = np.array([-32.0, -16.0, -8.0, -4.0, -2.0, -1.0, 0.0, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0])
_ABOVE_ZERO = np.array([0.25, 1.0, 4.0, 16.0])
#: Relative tolerance of the root searches (Brent), the smallest scipy accepts.
RTOL = 4 * np.finfo(float).eps


# ====================================================================== numba kernels (reduced units)
@numba.njit(cache=True, error_model="numpy")
def _occupation(k: float, eta: float, tau: float, shift: float) -> float:
    """Fermi-Dirac f × e^shift at ε = κ² (E_F units); θ(1 − κ) at τ = 0 (never evaluated beyond κ = 1).

    shift = −η/τ > 0 (non-degenerate gas, μ < 0): f e^shift = e^{−κ²/τ}/(1 + e^{−(κ² − η)/τ}), which
    does not underflow where the fugacity e^{η/τ} does (k_BT >~ 1e200 E_F).
    """
    if tau == 0.0:
        return 1.0
    if shift > 0.0:
        return math.exp(-k * k / tau) / (1.0 + math.exp(-(k * k - eta) / tau))
    return fermi_dirac((k * k - eta) / tau)


@numba.njit(cache=True, error_model="numpy")
def _breakpoints(tau: float, eta: float, k1: float, k2: float) -> np.ndarray:
    """Sorted distinct breakpoints of the κ integral (see the module docstring)."""
    top = 1.0 if tau == 0.0 else math.sqrt(max(eta, 0.0) + _TAIL * tau)
    buf = np.empty(4 + _ABOUT_MU.size + _ABOVE_ZERO.size)
    buf[0] = 0.0
    buf[1] = top
    nb = 2
    for s in (k1, k2):
        if 0.0 < s < top:
            buf[nb] = s
            nb += 1
    if tau > 0.0:
        e_top = top * top
        for j in _ABOUT_MU:
            en = eta + j * tau
            if 0.0 < en < e_top:
                buf[nb] = math.sqrt(en)
                nb += 1
        for j in _ABOVE_ZERO:
            en = j * tau
            if en < e_top:
                buf[nb] = math.sqrt(en)
                nb += 1
    pts = buf[:nb]
    sort_by(pts, np.empty(nb))
    keep = np.ones(nb, dtype=np.bool_)
    for i in range(1, nb):
        keep[i] = pts[i] > pts[i - 1]
    return pts[keep]


@numba.njit(cache=True, error_model="numpy")
def _log_term(k: float, Q: float, s1: float, s2: float) -> float:
    """S(κ) = ln|(κ + s1)(κ − s2)/((κ − s1)(κ + s2))|; 0 exactly on a singular node (measure zero)."""
    d1 = k - s1
    d2 = k + s2
    if d1 == 0.0 or d2 == 0.0:
        return 0.0
    r = (2.0 * k * Q / d1) / d2
    if -0.5 < r < 0.5:
        return math.log1p(-r)
    p = ((k + s1) / d1) * ((k - s2) / d2)
    if p == 0.0:
        return 0.0
    return math.log(abs(p))


@numba.njit(cache=True, error_model="numpy")
def _panel(lo: float, hi: float, xg: np.ndarray, wg: np.ndarray, mode: int, Q: float, s1: float, s2: float,
           eta: float, tau: float, shift: float) -> float:
    """Gauss-Legendre sum over [lo, hi]: mode 0 ∫ κ f S, mode 1 ∫ κ f, mode 2 ∫ κ² f."""
    h = hi - lo
    acc = 0.0
    for j in range(xg.size):
        k = lo + h * xg[j]
        v = wg[j] * _occupation(k, eta, tau, shift)
        if mode == 0:
            v *= k * _log_term(k, Q, s1, s2)
        elif mode == 1:
            v *= k
        else:
            v *= k * k
        acc += v
    return h * acc


@numba.njit(cache=True, error_model="numpy")
def _graded(c: float, far: float, refine: bool, xg: np.ndarray, wg: np.ndarray, ratio: float, mode: int,
            Q: float, s1: float, s2: float, eta: float, tau: float, shift: float) -> float:
    """∫ between c and far (signed): one panel, or (``refine``) geometric panels c + (far − c) ratio^j
    refined towards c."""
    h = far - c
    floor = _FLOOR * max(1.0, abs(c))
    levels = 0
    if refine and abs(h) > floor:
        levels = math.ceil(math.log(abs(h) / floor) / math.log(1.0 / ratio))
    total = 0.0
    outer = far
    for j in range(1, levels + 2):  # the last panel ends at c
        inner = c + h * ratio**j if j <= levels else c
        total += _panel(min(inner, outer), max(inner, outer), xg, wg, mode, Q, s1, s2, eta, tau, shift)
        outer = inner
    return total


@numba.njit(cache=True, error_model="numpy")
def _interval(a: float, b: float, ga: bool, gb: bool, xg: np.ndarray, wg: np.ndarray, ratio: float,
              mode: int, Q: float, s1: float, s2: float, eta: float, tau: float, shift: float) -> float:
    """∫ over [a, b], graded towards a (``ga``), b (``gb``), both ends (meeting at the middle) or none."""
    mid = 0.5 * (a + b)
    total = 0.0
    for end in range(2):  # one call site: every inlined copy of _panel costs compile time
        if end == 0:
            c, far, refine = (a, mid, True) if ga and gb else ((b, a, True) if gb else (a, b, ga))
        elif ga and gb:
            c, far, refine = b, mid, True
        else:
            break
        total += _graded(c, far, refine, xg, wg, ratio, mode, Q, s1, s2, eta, tau, shift)
    return total


@numba.njit(cache=True, error_model="numpy")
def chi0_point(Q: float, Om: float, tau: float, eta: float, xg: np.ndarray, wg: np.ndarray,
                ratio: float, shift: float = 0.0) -> tuple[float, float]:
    """(Re, Im) of χ0/(−g(E_F)) at one (Q, Ω, τ) with chemical potential η (reduced units).

    shift > 0 (= −η/τ, non-degenerate gas): the occupations are integrated times e^shift and the
    result is multiplied by e^−shift at the end, in logarithms (the product is representable where
    e^−shift is not)."""
    s1 = Om / (2.0 * Q) - 0.5 * Q
    s2 = Om / (2.0 * Q) + 0.5 * Q
    k1 = abs(s1)
    k2 = s2
    pts = _breakpoints(tau, eta, k1, k2)
    parts = np.zeros(2)  # mode 0: ∫ κ f S (Re); mode 1: ∫ κ f on the δ function's support (Im)
    for i in range(pts.size - 1):
        a = pts[i]
        b = pts[i + 1]
        half = 0.5 * (b - a)
        ga = min(abs(a - k1), abs(a - k2)) < half
        gb = min(abs(b - k1), abs(b - k2)) < half
        mid = 0.5 * (a + b)
        for mode in range(2 if k1 < mid < k2 else 1):  # k1, k2 are breakpoints
            parts[mode] += _interval(a, b, ga, gb, xg, wg, ratio, mode, Q, s1, s2, eta, tau, shift)
    re = -parts[0] / (2.0 * Q)
    im = math.pi * parts[1] / (2.0 * Q)
    if shift > 0.0:
        re = 0.0 if re == 0.0 else math.copysign(math.exp(math.log(abs(re)) - shift), re)
        im = 0.0 if im == 0.0 else math.exp(math.log(im) - shift)
    return re, im


@numba.njit(cache=True, error_model="numpy")
def _chi0_loop(Q: np.ndarray, Om: np.ndarray, tau: np.ndarray, eta: np.ndarray, shift: np.ndarray,
               xg: np.ndarray, wg: np.ndarray, ratio: float, out_re: np.ndarray, out_im: np.ndarray) -> None:
    for i in range(Q.size):
        out_re[i], out_im[i] = chi0_point(Q[i], Om[i], tau[i], eta[i], xg, wg, ratio, shift[i])


@numba.njit(cache=True, error_model="numpy")
def _density(eta: float, tau: float, xg: np.ndarray, wg: np.ndarray) -> float:
    """n(μ, T)/n with n = k_F³/3π²: 3 ∫ κ² f(κ²) dκ."""
    pts = _breakpoints(tau, eta, -1.0, -1.0)
    total = 0.0
    for i in range(pts.size - 1):
        total += _panel(pts[i], pts[i + 1], xg, wg, 2, 1.0, 0.0, 0.0, eta, tau, 0.0)
    return 3.0 * total


# ====================================================================== drivers
#: Below this τ = k_B T/E_F, μ/E_F is the Sommerfeld series (its next term, 247π⁶/25920 τ⁶, is < 1e-17).
DEGENERATE_TAU = 1e-3
#: From this τ on, μ/E_F is the non-degenerate series (fugacity z < 1e-9, next term < 1e-19 relative) and
#: χ0 integrates the occupations scaled by 1/z (see :func:`_occupation`).
NONDEGENERATE_TAU = 1e6


def log_fugacity(log_tau: float) -> float:
    """ln z = μ/k_BT of the non-degenerate gas (τ = k_BT/E_F >= NONDEGENERATE_TAU), from ln τ.

    n/n_F = (3√π/4) τ^{3/2} (z − z²/2^{3/2} + z³/3^{3/2} − ...) = 1, inverted: z = z0 + a z0² + b z0³,
    z0 = 4/(3√π τ^{3/2}), a = 2^{-3/2}, b = 2a² − 3^{-3/2} (next term < 1e-19 relative for z0 < 1e-9).
    """
    log_z0 = math.log(4.0 / (3.0 * math.sqrt(math.pi))) - 1.5 * log_tau
    z0 = math.exp(log_z0)
    a = 2.0**-1.5
    return log_z0 + math.log1p(a * z0 + (2.0 * a * a - 3.0**-1.5) * z0 * z0)


@lru_cache(maxsize=1024)
def reduced_mu(tau: float) -> float:
    """η = μ(T)/E_F at τ = k_B T/E_F > 0 and fixed density.

    Degenerate gas (τ < DEGENERATE_TAU): the Sommerfeld series 1 − (π²/12)τ² − (π⁴/80)τ⁴. Else the root
    of n(η, τ) = n, bracketed by the Boltzmann value below and 1 + 1e-6 above (μ falls with T in three
    dimensions; at η = 1 itself the density excess (π²/8)τ² drowns in rounding as τ -> 0, which made
    the bracket fail at T ~ 1 mK).
    """
    if tau < DEGENERATE_TAU:
        return 1.0 - (math.pi**2 / 12.0) * tau**2 - (math.pi**4 / 80.0) * tau**4
    if tau >= NONDEGENERATE_TAU:
        return tau * log_fugacity(math.log(tau))
    xg, wg = gauss01(16)
    # Boltzmann: n λ³/2 = e^{μ/k_B T} with n λ³/2 = 4/(3 sqrt(π) τ^{3/2}); Fermi-Dirac needs a larger μ.
    low = tau * (math.log(4.0 / (3.0 * math.sqrt(math.pi))) - 1.5 * math.log(tau)) - tau
    return brentq(lambda eta: _density(eta, tau, xg, wg) - 1.0, low, 1.0 + 1e-6, xtol=1e-300, rtol=RTOL,
                  maxiter=400)


def gauss_options(order: int, ratio: float) -> tuple[np.ndarray, np.ndarray, float]:
    order = integer("order", order, 2, 64)
    ratio = float(checked("ratio", ratio, 0.0, 1.0, low_open=True, high_open=True))
    xg, wg = gauss01(int(order))
    return xg, wg, ratio


def reduced_chi0(Q: np.ndarray, Om: np.ndarray, tau: np.ndarray, order: int = 12, ratio: float = 0.25
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Broadcast reduced inputs; (Re, Im) of χ0/(−g(E_F)) with the input shape."""
    xg, wg, ratio = gauss_options(order, ratio)
    Qb, Ob, Tb = np.broadcast_arrays(Q, Om, tau)
    shape = Qb.shape
    Qf, Of, Tf = (np.ascontiguousarray(a, dtype=np.float64).reshape(-1) for a in (Qb, Ob, Tb))
    eta = np.ones_like(Tf)
    shift = np.zeros_like(Tf)
    for t in np.unique(Tf[Tf > 0.0]):
        eta[Tf == t] = reduced_mu(float(t))
        if t >= NONDEGENERATE_TAU:
            shift[Tf == t] = -eta[Tf == t] / t
    re = np.empty_like(Qf)
    im = np.empty_like(Qf)
    _chi0_loop(Qf, Of, Tf, eta, shift, xg, wg, ratio, re, im)
    return re.reshape(shape), im.reshape(shape)
