"""Electron-phonon scattering rates (SI): closed forms from the derivations in ``derive.scattering``.

Generated kernels of machine-checked derivations:
:func:`deformation_potential_rate_high_T` (T >> T_BG, linear in T) and the
low-temperature limits :func:`bloch_gruneisen_rate_low_T` (T⁵, Fermi-window
average, the resistivity), :func:`transport_rate_fermi_level_low_T` (T⁵, one
electron at E_F) and :func:`quasiparticle_rate_low_T` (T³); and
:func:`bloch_gruneisen_temperature`. The independent golden-rule integrator
valid at every temperature, checked against these in their limits, is
:mod:`numeric.transport`.

The Bloch-Grüneisen temperature T_BG = 2ħ v_s k_F/k_B separates the regimes.
For copper (free-electron k_F = 1.36e10 1/m for one electron per atom,
longitudinal sound velocity v_L ≈ 4.76e3 m/s of polycrystalline copper,
CRC Handbook; along [100] sqrt(c11/ρ) = 4.34e3 m/s with c11 = 168.4 GPa,
ρ = 8960 kg/m³, Kittel ch. 3) T_BG is about
990 K, three times the calorimetric Θ_D = 343 K. The linear-in-T closed form
needs equipartition for every phonon that scatters, T >> ħ v_s min(2k_F, q_D)/k_B.
In the model of these closed forms (one LA branch up to q = 2k_F, no Debye cut-off)
that is T >> T_BG, and room temperature is *below* T_BG (the golden-rule rate is
then below the closed form). Real copper's phonons end at q_D < 2k_F, so there
Θ_D sets the scale. All these rates assume Bloch's equilibrium phonons: with
normal processes alone and no momentum sink, electrons and phonons would drift
together and the DC resistivity would vanish.

The rates are monomials in their inputs and are evaluated in powers of two
(``numeric._support.scaled``): any inputs give the rate to 1e-13 (tested against mpmath) or, where it
exceeds the largest double, a ValueError naming the inputs.

>>> print(f"T_BG(Cu) = {bloch_gruneisen_temperature(1.36e10, 4.76e3):.0f} K")
T_BG(Cu) = 989 K

"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from . import constants as _c
from ._generated import scattering as _kernels
from ._support import checked, finite_result, scaled

__all__ = [
    "bloch_gruneisen_rate_low_T",
    "bloch_gruneisen_temperature",
    "deformation_potential_rate_high_T",
    "quasiparticle_rate_low_T",
    "transport_rate_fermi_level_low_T",
]

_HBAR, _K_B = _c.hbar, _c.k


def deformation_potential_rate_high_T(
    T: ArrayLike, D: ArrayLike, m: ArrayLike, k_F: ArrayLike, rho: ArrayLike, v_s: ArrayLike
) -> np.ndarray | float:
    """High-temperature transport rate 1/τ = D² m k_B k_F T / (π ρ v_s² ħ³).

    Parameters
    ----------
    T : array_like
        Temperature, K (>= 0). The formula holds for T >> T_BG = 2ħ v_s k_F/k_B
        (about 1000 K for Cu, see the module docstring: every phonon up to
        q = 2k_F must be in equipartition, n_q ≈ k_BT/ħω_q); below that it
        overestimates the rate, and below T_BG/10 the true rate falls as T⁵
        (:func:`bloch_gruneisen_rate_low_T`). The relative correction at
        E_F is −(T_BG/T)²/9 + O((T_BG/T)⁴).
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
    >>> from numeric.constants import e, m_e
    >>> rate = deformation_potential_rate_high_T(300.0, 10 * e, m_e, 1.36e10, 8960.0, 4760.0)
    >>> f"{rate:.2e} 1/s"
    '1.76e+14 1/s'
    >>> f"T_BG = {bloch_gruneisen_temperature(1.36e10, 4760.0):.0f} K: 300 K is below it"
    'T_BG = 989 K: 300 K is below it'
    """
    return _closed_form(_kernels.deformation_potential_rate_high_T_loop, (1, 2, 1, 1, -1, -2),
                        "deformation_potential_rate_high_T", T, D, m, k_F, rho, v_s)


def _closed_form(loop, powers, function, T, D, m, k_F, rho, v_s) -> np.ndarray | float:
    """The rate kernel on validated inputs, scaled by powers of two (:func:`numeric._support.scaled`:
    the rates are monomials Π x^p, ``powers`` in the order T, D, m, k_F, rho, v_s), or ValueError
    where the rate itself exceeds the largest double."""
    positive = {"low_open": True}
    inputs = dict(T=checked("T", T, 0.0), D=checked("D", D, 0.0), m=checked("m", m, 0.0, **positive),
                  k_F=checked("k_F", k_F, 0.0, **positive), rho=checked("rho", rho, 0.0, **positive),
                  v_s=checked("v_s", v_s, 0.0, **positive))
    out = scaled(loop, dict(zip(inputs, powers, strict=True)), **inputs)
    return finite_result(out, function, **inputs)


def bloch_gruneisen_rate_low_T(
    T: ArrayLike, D: ArrayLike, m: ArrayLike, k_F: ArrayLike, rho: ArrayLike, v_s: ArrayLike
) -> np.ndarray | float:
    """Bloch-Grüneisen limit <1/τ_tr> = 30 ζ(5) m D² (k_BT)⁵/(π ρ ħ⁷ v_s⁶ k_F³), T << T_BG.

    The Fermi-window-averaged transport rate, which sets the resistivity
    m<1/τ_tr>/(ne²); equal to the high-T rate times 4 (T/T_BG)⁴ · 5! ζ(5).
    Parameters as in :func:`deformation_potential_rate_high_T` (SI units).

    Returns
    -------
    float or ndarray
        <1/τ_tr> in 1/s.

    Notes
    -----
    Derivation ``bloch_gruneisen_transport_rate_low_T`` (Ziman ch. 9). Valid
    for T << T_BG = 2ħv_s k_F/k_B, v_s << v_F, k_BT << E_F.

    Examples
    --------
    >>> from numeric.constants import e, m_e
    >>> f"{bloch_gruneisen_rate_low_T(10.0, 10 * e, m_e, 1.36e10, 8960.0, 4760.0):.3e} 1/s"
    '3.055e+07 1/s'
    """
    return _closed_form(_kernels.bloch_gruneisen_transport_rate_low_T_loop, (5, 2, 1, -3, -1, -6),
                        "bloch_gruneisen_rate_low_T", T, D, m, k_F, rho, v_s)


def transport_rate_fermi_level_low_T(
    T: ArrayLike, D: ArrayLike, m: ArrayLike, k_F: ArrayLike, rho: ArrayLike, v_s: ArrayLike
) -> np.ndarray | float:
    """Transport rate of an electron at E_F, 93 ζ(5) m D² (k_BT)⁵/(8π ρ ħ⁷ v_s⁶ k_F³), T << T_BG.

    93/240 of the Fermi-window average :func:`bloch_gruneisen_rate_low_T`.
    Parameters as in :func:`deformation_potential_rate_high_T`.

    Returns
    -------
    float or ndarray
        1/τ_tr(E_F) in 1/s.

    Notes
    -----
    Derivation ``transport_rate_fermi_level_low_T``.

    Examples
    --------
    >>> from numeric.constants import e, m_e
    >>> f"{transport_rate_fermi_level_low_T(10.0, 10 * e, m_e, 1.36e10, 8960.0, 4760.0):.3e} 1/s"
    '1.184e+07 1/s'
    """
    return _closed_form(_kernels.transport_rate_fermi_level_low_T_loop, (5, 2, 1, -3, -1, -6),
                        "transport_rate_fermi_level_low_T", T, D, m, k_F, rho, v_s)


def quasiparticle_rate_low_T(
    T: ArrayLike, D: ArrayLike, m: ArrayLike, k_F: ArrayLike, rho: ArrayLike, v_s: ArrayLike
) -> np.ndarray | float:
    """Quasiparticle rate at E_F, 7 ζ(3) m D² (k_BT)³/(4π ρ ħ⁵ v_s⁴ k_F), T << T_BG.

    The out-scattering rate without the transport weight: ∝ T³, not T⁵.
    Parameters as in :func:`deformation_potential_rate_high_T`.

    Returns
    -------
    float or ndarray
        1/τ_qp(E_F) in 1/s.

    Notes
    -----
    Derivation ``quasiparticle_rate_low_T``.

    Examples
    --------
    >>> from numeric.constants import e, m_e
    >>> f"{quasiparticle_rate_low_T(10.0, 10 * e, m_e, 1.36e10, 8960.0, 4760.0):.3e} 1/s"
    '5.050e+09 1/s'
    """
    return _closed_form(_kernels.quasiparticle_rate_low_T_loop, (3, 2, 1, -1, -1, -4),
                        "quasiparticle_rate_low_T", T, D, m, k_F, rho, v_s)


def bloch_gruneisen_temperature(k_F: ArrayLike, v_s: ArrayLike) -> np.ndarray | float:
    """T_BG = 2ħ v_s k_F/k_B, K: the energy of the phonon that backscatters an electron at E_F.

    Parameters
    ----------
    k_F : array_like
        Fermi wavevector, 1/m (> 0).
    v_s : array_like
        Longitudinal sound velocity, m/s (> 0).

    Returns
    -------
    float or ndarray
        T_BG in K.

    Examples
    --------
    >>> f"{bloch_gruneisen_temperature(1.36e10, 4760.0):.1f} K"
    '988.9 K'
    """
    k = checked("k_F", k_F, 0.0, low_open=True)
    v = checked("v_s", v_s, 0.0, low_open=True)
    with np.errstate(over="ignore"):
        out = 2.0 * _HBAR * v * k / _K_B
    out = finite_result(out, "bloch_gruneisen_temperature", k_F=k, v_s=v)
    return float(out) if out.ndim == 0 else out
