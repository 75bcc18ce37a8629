"""Screening by the free electron gas (SI), from the derivations in ``derive.screening``.

Conventions: Lindhard variable x = q/(2 k_F); χ0 = −g(E_F) F(x) with g(E_F)
the density of states per volume for both spins; ε = 1 − v(q) χ0,
v(q) = e²/(ε0 q²). Electron masses default to the free-electron mass.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike
from scipy.constants import m_e

from ._generated import screening as _kernels
from ._support import checked, evaluate

__all__ = [
    "dielectric_small_q",
    "dielectric_thomas_fermi",
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
    Derivation ``lindhard_static``. The kernel is accurate to ~2e-15 relative
    over the whole domain, including x -> 0, |x − 1| ~ 1e-15 and x up to
    1e300, where the closed form cancels or is singular: a shared series in
    min(x², 1/x²) (via F(1/x) = 1 − F(x)) near 0 and infinity, the closed
    form with (1 − x)(1 + x) in between, and F(1) = 1/2 exactly.

    Examples
    --------
    >>> lindhard_static([0.0, 1.0])
    array([1. , 0.5])
    >>> round(lindhard_static(0.5), 12)  # 1/2 + (3/8) ln 3 = 0.91197960825054...
    0.911979608251
    """
    return evaluate(_kernels.lindhard_static_loop, checked("x", x, 0.0, allow_inf=True))


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
    return evaluate(_kernels.thomas_fermi_wavevector_loop, checked("n", n, 0.0, **_POSITIVE),
                    checked("m", m, 0.0, **_POSITIVE))


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
    return evaluate(_kernels.dielectric_thomas_fermi_loop, checked("q", q, 0.0, **_POSITIVE),
                    checked("k_TF", k_TF, 0.0))


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
    >>> from scipy.constants import hbar, e
    >>> f"{hbar * plasma_frequency(8.47e28) / e:.2f} eV"  # copper, free electrons
    '10.81 eV'
    """
    return evaluate(_kernels.plasma_frequency_loop, checked("n", n, 0.0, **_POSITIVE),
                    checked("m", m, 0.0, **_POSITIVE))


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
    return evaluate(_kernels.dielectric_small_q_loop, checked("q", q, 0.0),
                    checked("omega", omega, 0.0, **_POSITIVE), checked("n", n, 0.0, **_POSITIVE),
                    checked("m", m, 0.0, **_POSITIVE))


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
    return evaluate(_kernels.plasmon_frequency_loop, checked("q", q, 0.0),
                    checked("n", n, 0.0, **_POSITIVE), checked("m", m, 0.0, **_POSITIVE))
