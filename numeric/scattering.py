"""Electron-phonon scattering rates (SI), from the derivations in ``derive.scattering``."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._generated import scattering as _kernels
from ._support import checked, evaluate

__all__ = ["deformation_potential_rate_high_T"]


def deformation_potential_rate_high_T(
    T: ArrayLike, D: ArrayLike, m: ArrayLike, k_F: ArrayLike, rho: ArrayLike, v_s: ArrayLike
) -> np.ndarray | float:
    """High-temperature transport rate 1/τ = D² m k_B k_F T / (π ρ v_s² ħ³).

    Parameters
    ----------
    T : array_like
        Temperature, K (>= 0). The formula holds for T >> T_BG = 2ħ v_s k_F/k_B
        (about 1000 K for Cu); below that it overestimates the rate.
    D : array_like
        Deformation potential, J (>= 0).
    m : array_like
        Electron (band) mass, kg (> 0).
    k_F : array_like
        Fermi wavevector, 1/m (> 0).
    rho : array_like
        Mass density, kg/m³ (> 0).
    v_s : array_like
        Longitudinal sound velocity, m/s (> 0).

    Returns
    -------
    float or ndarray
        Momentum-relaxation (transport) rate in 1/s, not the quasiparticle rate.

    Notes
    -----
    Derivation ``deformation_potential_rate_high_T`` (seeds 000, 002; Ziman ch. 9).

    Examples
    --------
    >>> from scipy.constants import e, m_e
    >>> rate = deformation_potential_rate_high_T(300.0, 10 * e, m_e, 1.36e10, 8960.0, 4760.0)
    >>> f"{rate:.2e} 1/s"
    '1.76e+14 1/s'
    """
    positive = {"low_open": True}
    return evaluate(
        _kernels.deformation_potential_rate_high_T_loop,
        checked("T", T, 0.0), checked("D", D, 0.0), checked("m", m, 0.0, **positive),
        checked("k_F", k_F, 0.0, **positive), checked("rho", rho, 0.0, **positive),
        checked("v_s", v_s, 0.0, **positive),
    )
