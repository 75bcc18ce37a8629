"""Screening by the free electron gas (SI), from the derivations in ``derive.screening``.

Conventions: Lindhard variable x = q/(2 k_F); χ0 = −g(E_F) F(x) with g(E_F)
the density of states per volume for both spins; ε = 1 − v(q) χ0,
v(q) = e²/(ε0 q²). Electron masses default to the free-electron mass.
The dynamic (retarded, T = 0) response is χ0(q, ω) = −g(E_F) f(z, u) with
z = q/(2 k_F) and u = ω/(q v_F) (:func:`lindhard_dynamic`); f(z, 0) = F(z).

Range: inputs may span the whole double range. Monomial closed forms (here k_TF
and ω_p; the couplings and rates of :mod:`numeric.coupling` and
:mod:`numeric.scattering`) are evaluated in powers of two (:func:`scaled`), the
homogeneous ones with a common scale, so that no intermediate over- or
underflows; a value beyond the largest double (1.8e308) is a ValueError naming
every input and its value (:func:`finite_result`), never inf or NaN. Left:
:func:`plasmon_frequency` and :func:`dielectric_small_q` form q² inside their
kernels, so q above ~1e154 1/m is refused even where the value would fit.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._generated import screening as _kernels
from ._support import checked, evaluate, finite_result, scaled
from .constants import m_e

__all__ = [
    "dielectric_small_q",
    "dielectric_thomas_fermi",
    "lindhard_dynamic",
    "lindhard_static",
    "plasma_frequency",
    "plasmon_frequency",
    "thomas_fermi_wavevector",
]

_POSITIVE = {"low_open": True}


def lindhard_static(x: ArrayLike) -> np.ndarray | float:
    """Static Lindhard function F(x) = 1/2 + (1 − x²)/(4x) ln|(1 + x)/(1 − x)|.

    Parameters
    ----------
    x : array_like
        q/(2 k_F), dimensionless, x >= 0 (x = inf gives 0).

    Returns
    -------
    float or ndarray
        F(x); χ0(q) = −g(E_F) F(q/2k_F). F(0) = 1, F(1) = 1/2 (the Kohn
        point, where dF/dx diverges logarithmically), F ~ 1/(3x²) for large x.

    Notes
    -----
    Derivation ``lindhard_static``. The kernel is accurate to ~3e-15 relative
    over the whole domain, including x -> 0, |x − 1| ~ 1e-15 and x up to
    1e300, where the closed form cancels or is singular. It evaluates
    F = 1/2 + (1 − x)(1 + x) l(x)/(4x) with l(x) = ln|(1 + x)/(1 − x)| =
    2 atanh(σ) (+ e ln 2), σ = x near 0, 1/x near infinity and the reduced
    ratio in between, and one fitted polynomial for atanh, written out per
    region so that nothing cancels; F(1) = 1/2 exactly.

    Examples
    --------
    >>> lindhard_static([0.0, 1.0])
    array([1. , 0.5])
    >>> round(lindhard_static(0.5), 12)  # 1/2 + (3/8) ln 3 = 0.91197960825054...
    0.911979608251
    """
    return evaluate(_kernels.lindhard_static_loop, checked("x", x, 0.0, allow_inf=True))


#: Range of z and u accepted by lindhard_dynamic: its kernel forms (1 + z² − u²)², which must not overflow,
#: and 1/z.
_DYNAMIC_MAX = 1e75
_DYNAMIC_MIN_Z = 1e-300


def lindhard_dynamic(z: ArrayLike, u: ArrayLike) -> np.ndarray | complex:
    """Dynamic (retarded) Lindhard function f(z, u), χ0(q, ω) = −g(E_F) f(z, u).

    Re f = 1/2 + [(1 − (z − u)²) ln|(z − u + 1)/(z − u − 1)|
                  + (1 − (z + u)²) ln|(z + u + 1)/(z + u − 1)|]/(8z),
    Im f = π u/2 for z + u < 1, π (1 − (z − u)²)/(8z) for |z − u| < 1 < z + u,
    and 0 outside the particle-hole continuum |z − u| > 1.

    Parameters
    ----------
    z : array_like
        q/(2 k_F), dimensionless, 1e-300 <= z <= 1e75.
    u : array_like
        ω/(q v_F), dimensionless, 0 <= u <= 1e75 (ω >= 0: the retarded branch).

    Returns
    -------
    complex or ndarray of complex128
        f = Re f + i Im f (a Python complex when both inputs are scalars). In SI,
        χ0(q, ω) = −g(E_F) f with g(E_F) = m k_F/(π² ħ²) per volume for both
        spins, so ε(q, ω) = 1 + e² g(E_F) f/(ε0 q²) in the RPA.

    Notes
    -----
    Derivations ``lindhard_dynamic_real`` and ``lindhard_dynamic_imag``
    (Giuliani & Vignale eqs. 4.22-4.23; Fetter & Walecka ch. 12).
    Sign convention: retarded response (ħω + i0), so Im f >= 0 and
    Im χ0 <= 0 for ω > 0 (absorption); f is even in u for its real part and
    odd for its imaginary part, and only u >= 0 is accepted.
    Validity: T = 0, non-interacting electrons with a parabolic band (the RPA
    input χ0), 3D.
    Limits: f(z, 0) = F(z) (:func:`lindhard_static`); for u >> max(1, z),
    Re f = −1/(3u²) [1 + (3/5 + z²)/u² + ...] (the plasmon region); for
    z -> 0 at fixed u, Re f -> 1 − (u/2) ln|(1 + u)/(1 − u)|.
    The real part has logarithmically divergent slopes on the continuum edges
    |z ± u| = 1 and diverges (logarithmically) at z -> 0, u -> 1.

    Accuracy: within 1e-14 relative of the closed forms (50-digit mpmath;
    measured maximum 7e-15) over the whole domain, including on and within
    1e-14 of the edges, z down to 1e-300 and z, u up to 1e75, except close
    to the zero of Re f (u ≈ 0.8336 at small z, u ≈ z + 1/(6z) at large z),
    where the absolute error is below 1e-15. The imaginary part is exactly 0
    outside the continuum and on its edges |z − u| = 1. The closed form
    itself loses accuracy for small z (a difference quotient) and for large
    u or z (cancellation of order u² or z²), and is 0·∞ on the edges; the
    generated kernel evaluates exact rewrites of it instead (see
    ``derive.screening``).

    Examples
    --------
    >>> f = lindhard_dynamic(0.5, 0.0)  # static limit: F(1/2) = 1/2 + (3/8) ln 3
    >>> round(f.real, 12), f.imag
    (0.911979608251, 0.0)
    >>> f = lindhard_dynamic(0.5, 0.25)  # inside the continuum: Im f = π u/2
    >>> round(f.real, 12), round(f.imag, 12)
    (0.832558678123, 0.392699081699)
    >>> lindhard_dynamic([0.5, 5.0], 3.0).imag  # above and below the continuum
    array([0., 0.])
    """
    zz = checked("z", z, _DYNAMIC_MIN_Z, _DYNAMIC_MAX)
    uu = checked("u", u, 0.0, _DYNAMIC_MAX)
    re = evaluate(_kernels.lindhard_dynamic_real_loop, zz, uu)
    im = evaluate(_kernels.lindhard_dynamic_imag_loop, zz, uu)
    if isinstance(re, float):
        return complex(re, im)
    return re + 1j * im


def thomas_fermi_wavevector(n: ArrayLike, m: ArrayLike = m_e) -> np.ndarray | float:
    """Thomas-Fermi screening wavevector k_TF = sqrt(e² g(E_F)/ε0), g = m k_F/(π² ħ²).

    Parameters
    ----------
    n : array_like
        Electron density, 1/m³ (> 0); k_F = (3π² n)^(1/3).
    m : array_like, optional
        Electron (band) mass, kg (> 0); default the free-electron mass.

    Returns
    -------
    float or ndarray
        k_TF in 1/m.

    Notes
    -----
    Derivation ``thomas_fermi_limit`` (g(E_F) per volume, both spins).

    Examples
    --------
    >>> f"{thomas_fermi_wavevector(8.47e28):.3e} 1/m"  # copper; A&M eq. 17.50 gives 1.80803e10
    '1.808e+10 1/m'
    """
    inputs = dict(n=checked("n", n, 0.0, **_POSITIVE), m=checked("m", m, 0.0, **_POSITIVE))
    return finite_result(scaled(_kernels.thomas_fermi_wavevector_loop, {"n": 1 / 6, "m": 0.5}, **inputs),
                         "thomas_fermi_wavevector", **inputs)


def dielectric_thomas_fermi(q: ArrayLike, k_TF: ArrayLike) -> np.ndarray | float:
    """Thomas-Fermi dielectric function ε(q) = 1 + k_TF²/q².

    Parameters
    ----------
    q : array_like
        Wavevector, 1/m (> 0).
    k_TF : array_like
        Thomas-Fermi wavevector, 1/m (>= 0).

    Notes
    -----
    Derivation ``thomas_fermi_limit``: the q -> 0 limit of the static RPA ε,
    valid for q << 2 k_F.

    Examples
    --------
    >>> dielectric_thomas_fermi(1e10, 2e10)
    5.0
    """
    q_a, k_a = checked("q", q, 0.0, **_POSITIVE), checked("k_TF", k_TF, 0.0)
    # ε(q, k_TF) = ε(q 2^-s, k_TF 2^-s): both near 1, so k_TF²/q² is formed without intermediate overflow
    _, s = np.frexp(np.maximum(q_a, k_a))
    with np.errstate(over="ignore", invalid="ignore"):
        out = evaluate(_kernels.dielectric_thomas_fermi_loop, np.ldexp(q_a, -s), np.ldexp(k_a, -s))
    return finite_result(out, "dielectric_thomas_fermi", q=q_a, k_TF=k_a)


def plasma_frequency(n: ArrayLike, m: ArrayLike = m_e) -> np.ndarray | float:
    """Plasma frequency ω_p = sqrt(n e²/(ε0 m)) (SI; Gaussian: 4π n e²/m).

    Parameters
    ----------
    n : array_like
        Electron density, 1/m³ (> 0).
    m : array_like, optional
        Electron (band) mass, kg (> 0).

    Returns
    -------
    float or ndarray
        ω_p in rad/s.

    Notes
    -----
    Derivation ``lindhard_small_q_expansion`` (the ω -> ∞ limit of ε).

    Examples
    --------
    >>> from numeric.constants import hbar, e
    >>> f"{hbar * plasma_frequency(8.47e28) / e:.2f} eV"  # copper, free electrons
    '10.81 eV'
    """
    inputs = dict(n=checked("n", n, 0.0, **_POSITIVE), m=checked("m", m, 0.0, **_POSITIVE))
    return finite_result(scaled(_kernels.plasma_frequency_loop, {"n": 0.5, "m": -0.5}, **inputs),
                         "plasma_frequency", **inputs)


def dielectric_small_q(q: ArrayLike, omega: ArrayLike, n: ArrayLike, m: ArrayLike = m_e
                       ) -> np.ndarray | float:
    """ε(q, ω) ≈ 1 − ω_p²/ω² − (3/5) ω_p² v_F² q²/ω⁴, valid for ω >> v_F q.

    Parameters
    ----------
    q : array_like
        Wavevector, 1/m (>= 0).
    omega : array_like
        Angular frequency, rad/s (> 0).
    n : array_like
        Electron density, 1/m³ (> 0); v_F = ħ (3π² n)^(1/3)/m.
    m : array_like, optional
        Electron (band) mass, kg (> 0).

    Notes
    -----
    Derivation ``lindhard_small_q_expansion`` (T = 0, RPA, outside the
    particle-hole continuum ω > v_F q + ħq²/2m). No check of ω >> v_F q is
    made: the expansion is returned wherever asked.

    Examples
    --------
    >>> w_p = plasma_frequency(8.47e28)
    >>> round(dielectric_small_q(0.0, w_p, 8.47e28), 12)
    0.0
    """
    inputs = dict(q=checked("q", q, 0.0), omega=checked("omega", omega, 0.0, **_POSITIVE),
                  n=checked("n", n, 0.0, **_POSITIVE), m=checked("m", m, 0.0, **_POSITIVE))
    # ε is invariant under (q, ω, n) -> (λq, λ³ω, λ⁶n) (ω_p² ∝ n, v_F ∝ n^(1/3)), which keeps the
    # kernel's n^(5/3) and ω⁴ in range (kept unscaled where λ⁶n would leave it).
    # Left: within ~1e50 of the largest double, the kernel's product n^(5/3) q² may overflow first.
    q_b, w_b, n_b, m_b = np.broadcast_arrays(*inputs.values())
    e_w, e_n, e_m = np.frexp(w_b)[1], np.frexp(n_b)[1], np.frexp(m_b)[1]
    # λ = 2^j: n near 2^96 (1e29 1/m³; n^(5/3) finite) as far as ω stays within 2^±230 and m³ω⁴ within
    # 2^±900 (the kernel's denominators normal)
    lo = np.maximum(np.ceil((-230 - e_w) / 3.0), np.ceil(((-900 - 3 * e_m) / 4.0 - e_w) / 3.0))
    hi = np.minimum(np.floor((230 - e_w) / 3.0), np.floor(((900 - 3 * e_m) / 4.0 - e_w) / 3.0))
    j = np.clip(np.rint((96 - e_n) / 6.0), lo, np.maximum(lo, hi)).astype(np.int64)
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        n_s = np.ldexp(n_b, np.clip(6 * j, -2000, 2000).astype(np.int32))
        keep = (n_s >= 2.2250738585072014e-308) & (n_s < np.inf)
        j = np.where(keep, j, 0)
        scaled_args = (np.ldexp(q_b, j.astype(np.int32)), np.ldexp(w_b, (3 * j).astype(np.int32)),
                       np.where(keep, n_s, n_b), m_b)
        out = evaluate(_kernels.dielectric_small_q_loop, *scaled_args)
    if all(np.ndim(v) == 0 for v in inputs.values()):
        out = float(out)
    return finite_result(out, "dielectric_small_q", **inputs)


def plasmon_frequency(q: ArrayLike, n: ArrayLike, m: ArrayLike = m_e) -> np.ndarray | float:
    """Plasmon dispersion ω(q) = sqrt(ω_p² + (3/5) v_F² q²), the small-q root of ε(q, ω) = 0.

    Parameters
    ----------
    q : array_like
        Wavevector, 1/m (>= 0); valid for q << ω_p/v_F (next term O(q⁴)).
    n : array_like
        Electron density, 1/m³ (> 0).
    m : array_like, optional
        Electron (band) mass, kg (> 0).

    Notes
    -----
    Derivation ``plasmon_dispersion``.

    Examples
    --------
    >>> import math
    >>> math.isclose(plasmon_frequency(0.0, 8.47e28), plasma_frequency(8.47e28), rel_tol=1e-15)
    True
    """
    inputs = dict(q=checked("q", q, 0.0), n=checked("n", n, 0.0, **_POSITIVE),
                  m=checked("m", m, 0.0, **_POSITIVE))
    with np.errstate(over="ignore", invalid="ignore"):
        out = evaluate(_kernels.plasmon_frequency_loop, *inputs.values())
    return finite_result(out, "plasmon_frequency", **inputs)
