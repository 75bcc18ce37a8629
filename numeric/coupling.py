"""Electron-phonon coupling magnitudes |g_q| (SI), from the derivations in ``derive.coupling``.

Each function evaluates a kernel generated from a machine-checked derivation
(``ephkit show <derivation> --steps``); inputs are validated and broadcast.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._generated import coupling as _kernels
from ._support import checked, evaluate

__all__ = ["deformation_potential_coupling", "frohlich_coupling", "frohlich_coupling_screened"]


def deformation_potential_coupling(
    q: ArrayLike, D: ArrayLike, rho: ArrayLike, V: ArrayLike, v_s: ArrayLike
) -> np.ndarray | float:
    """Deformation-potential coupling to LA phonons, |g_q| = D sqrt(ħ q / (2 ρ V v_s)).

    Parameters
    ----------
    q : array_like
        Phonon wavevector magnitude, 1/m (>= 0).
    D : array_like
        Deformation potential, J (>= 0; pass |D|).
    rho : array_like
        Mass density, kg/m³ (> 0).
    V : array_like
        Normalisation volume, m³ (> 0).
    v_s : array_like
        Longitudinal sound velocity, m/s (> 0).

    Returns
    -------
    float or ndarray
        |g_q| in J; vanishes as sqrt(q) for q -> 0.

    Notes
    -----
    Derivation ``deformation_potential_coupling`` (seeds 000 and 002;
    Ziman §5.2). Valid for long-wavelength LA phonons, ω_q = v_s q.

    Examples
    --------
    >>> from numeric.constants import e
    >>> g = deformation_potential_coupling(1e9, 10 * e, 8960.0, 1e-18, 4760.0)
    >>> f"{g / e:.3e} eV"
    '3.516e-07 eV'
    """
    return evaluate(
        _kernels.deformation_potential_coupling_loop,
        checked("q", q, 0.0), checked("D", D, 0.0), checked("rho", rho, 0.0, low_open=True),
        checked("V", V, 0.0, low_open=True), checked("v_s", v_s, 0.0, low_open=True),
    )


def _polar(omega_LO: ArrayLike, eps_inf: ArrayLike, eps_s: ArrayLike, V: ArrayLike) -> list[np.ndarray]:
    eps_inf_a = checked("eps_inf", eps_inf, 1.0)
    eps_s_a = checked("eps_s", eps_s, 1.0)
    s_b, inf_b = np.broadcast_arrays(eps_s_a, eps_inf_a)
    bad = s_b <= inf_b
    if bad.any():
        raise ValueError(f"eps_s = {s_b[bad].flat[0]:g} must exceed eps_inf = {inf_b[bad].flat[0]:g} "
                         "(valid range: eps_s > eps_inf >= 1)")
    return [checked("omega_LO", omega_LO, 0.0, low_open=True), eps_inf_a, eps_s_a,
            checked("V", V, 0.0, low_open=True)]


def frohlich_coupling(
    q: ArrayLike, omega_LO: ArrayLike, eps_inf: ArrayLike, eps_s: ArrayLike, V: ArrayLike
) -> np.ndarray | float:
    """Bare Fröhlich coupling to polar LO phonons, |g_q|² = e²ħω_LO/(2ε0Vq²)(1/ε∞ − 1/ε_s).

    Parameters
    ----------
    q : array_like
        Wavevector, 1/m (> 0: the bare coupling diverges as 1/q).
    omega_LO : array_like
        LO phonon angular frequency, rad/s (> 0).
    eps_inf, eps_s : array_like
        High-frequency and static relative permittivities (eps_s > eps_inf >= 1).
    V : array_like
        Normalisation volume, m³ (> 0).

    Returns
    -------
    float or ndarray
        |g_q| in J.

    Notes
    -----
    Derivation ``frohlich_coupling`` (Huang-Born model; SI units).

    Examples
    --------
    >>> from numeric.constants import e, hbar
    >>> g = frohlich_coupling(1e8, 36.25e-3 * e / hbar, 10.89, 12.9, 1e-18)  # GaAs
    >>> f"{g / e:.3e} eV"
    '2.166e-05 eV'
    """
    return evaluate(_kernels.frohlich_coupling_loop, checked("q", q, 0.0, low_open=True),
                    *_polar(omega_LO, eps_inf, eps_s, V))


def frohlich_coupling_screened(
    q: ArrayLike, omega_LO: ArrayLike, eps_inf: ArrayLike, eps_s: ArrayLike, V: ArrayLike,
    k_TF: ArrayLike,
) -> np.ndarray | float:
    """Thomas-Fermi-screened Fröhlich coupling |g_q|/ε_TF(q) = C q/(q² + k_TF²).

    Parameters are those of :func:`frohlich_coupling` plus ``k_TF``, the
    Thomas-Fermi wavevector in 1/m (>= 0; 0 gives the bare coupling). q may
    be 0 when k_TF > 0 (the screened coupling vanishes linearly).

    Returns
    -------
    float or ndarray
        |g_q^scr| in J.

    Notes
    -----
    Derivation ``frohlich_screened_thomas_fermi``: static screening at a fixed
    ω_LO (no Bohm-Staver softening).

    Examples
    --------
    >>> from numeric.constants import e, hbar
    >>> g = frohlich_coupling_screened(1e8, 36.25e-3 * e / hbar, 10.89, 12.9, 1e-18, 1e9)
    >>> f"{g / e:.3e} eV"
    '2.145e-07 eV'
    """
    q_a = checked("q", q, 0.0)
    k_a = checked("k_TF", k_TF, 0.0)
    q_b, k_b = np.broadcast_arrays(q_a, k_a)
    if np.any((q_b == 0) & (k_b == 0)):
        raise ValueError("q = 0 needs k_TF > 0 (the unscreened coupling diverges at q = 0)")
    return evaluate(_kernels.frohlich_coupling_screened_loop, q_a, *_polar(omega_LO, eps_inf, eps_s, V), k_a)
