"""Electron-phonon coupling magnitudes |g_q| (SI), from the derivations in ``derive.coupling``.

Each function evaluates a kernel generated from a machine-checked derivation
(``ephkit show <derivation> --steps``); inputs are validated and broadcast.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._generated import coupling as _kernels
from ._support import checked, evaluate, finite_result, scaled

__all__ = [
    "coupled_plasmon_lo_modes",
    "deformation_potential_coupling",
    "frohlich_coupling",
    "frohlich_coupling_screened",
    "frohlich_coupling_screened_dynamic",
]


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
    inputs = dict(q=checked("q", q, 0.0), D=checked("D", D, 0.0), rho=checked("rho", rho, 0.0, low_open=True),
                  V=checked("V", V, 0.0, low_open=True), v_s=checked("v_s", v_s, 0.0, low_open=True))
    out = scaled(_kernels.deformation_potential_coupling_loop,
                 {"q": 0.5, "D": 1.0, "rho": -0.5, "V": -0.5, "v_s": -0.5}, **inputs)
    return finite_result(out, "deformation_potential_coupling", **inputs)


def _polar(omega_LO: ArrayLike, eps_inf: ArrayLike, eps_s: ArrayLike, V: ArrayLike) -> list[np.ndarray]:
    eps_inf_a = checked("eps_inf", eps_inf, 1.0)
    eps_s_a = checked("eps_s", eps_s, 1.0)
    s_b, inf_b = np.broadcast_arrays(eps_s_a, eps_inf_a)
    bad = s_b <= inf_b
    if bad.any():
        raise ValueError(f"eps_s = {s_b[bad].flat[0]:g} must exceed eps_inf = {inf_b[bad].flat[0]:g} "
                         "(valid range: eps_s > eps_inf >= 1)")
    return dict(omega_LO=checked("omega_LO", omega_LO, 0.0, low_open=True), eps_inf=eps_inf_a, eps_s=eps_s_a,
                V=checked("V", V, 0.0, low_open=True))


#: |g_q| ∝ q^-1 ω_LO^(1/2) V^(-1/2) (Fröhlich): the powers for numeric._support.scaled.
_FROHLICH_POWERS = {"q": -1.0, "omega_LO": 0.5, "V": -0.5}


def _joint(*arrays: np.ndarray, step: int = 1) -> tuple[list[np.ndarray], np.ndarray]:
    """The arrays divided by a common 2^s near their largest element (s a multiple of ``step``), and s."""
    _, s = np.frexp(np.maximum.reduce(np.broadcast_arrays(*arrays)))
    s = (s // step) * step
    return [np.ldexp(a, -s) for a in np.broadcast_arrays(*arrays)], s


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
    inputs = dict(q=checked("q", q, 0.0, low_open=True), **_polar(omega_LO, eps_inf, eps_s, V))
    out = scaled(_kernels.frohlich_coupling_loop, _FROHLICH_POWERS, **inputs)
    return finite_result(out, "frohlich_coupling", **inputs)


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
    ω_LO (no Bohm-Staver softening). Valid only for ω_LO << v_F q (the
    electrons follow the phonon) and q << k_F; for ω_LO >> v_F q use
    :func:`frohlich_coupling_screened_dynamic` (∝ 1/q, not ∝ q). The two
    laws cross at ω_LO ≈ v_F q/√3.

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
    polar = _polar(omega_LO, eps_inf, eps_s, V)
    # C q/(q² + k_TF²) is of degree −1 in (q, k_TF) together: both divided by 2^s, q 2^-s near 1 (so that
    # C q stays normal) unless k_TF/q > 2^400 (then k_TF 2^-s near 1: the value ~C q/k_TF² is then below
    # ~1e-100 C, and where C q/k_TF is below ~1e-290 its kernel products are subnormal: digits are lost)
    q_b, k_b = np.broadcast_arrays(q_a, k_a)
    _, s_q = np.frexp(q_b)
    _, s_max = np.frexp(np.maximum(q_b, k_b))
    s = np.where((q_b > 0) & (s_max - s_q <= 400), s_q, s_max)
    q_s, k_s = np.ldexp(q_b, -s), np.ldexp(k_b, -s)
    # where q 2^-s is tiny (k_TF >> q), C q would be subnormal: ω_LO and V are evaluated 2^(2a) larger and
    # smaller (C ∝ sqrt(ω_LO/V) grows 2^(2a), taken back exactly), a <= 450 keeps both in range
    lift = 2 * np.clip(-800 - np.frexp(q_s)[1], 0, 450)
    out = scaled(_kernels.frohlich_coupling_screened_loop, {"omega_LO": 0.5, "V": -0.5}, exponent=-s,
                 offsets={"omega_LO": lift, "V": -lift}, q=q_s, **polar, k_TF=k_s)
    out = finite_result(out, "frohlich_coupling_screened", q=q_a, k_TF=k_a, **polar)
    return float(out) if np.ndim(out) == 0 else out


def frohlich_coupling_screened_dynamic(
    q: ArrayLike, omega_LO: ArrayLike, eps_inf: ArrayLike, eps_s: ArrayLike, V: ArrayLike,
    omega_p: ArrayLike,
) -> np.ndarray | float:
    """Dynamically screened Fröhlich coupling g_q/ε(q, ω_LO) = |g_q| ω_LO²/(ω_LO² − ω_p²) for ω_LO >> v_F q.

    Parameters are those of :func:`frohlich_coupling` plus ``omega_p``, the
    plasma frequency of the carriers in rad/s (>= 0, != omega_LO), e.g.
    ``numeric.screening.plasma_frequency(n, m)`` for the electron gas of
    ephkit's RPA ε = 1 − v(q)χ0.

    Returns
    -------
    float or ndarray
        g_q/ε(q, ω_LO) in J, real: positive (enhanced) for ω_p < ω_LO,
        negative (over-screened) for ω_p > ω_LO, −(ω_LO/ω_p)² |g_q| for
        ω_p >> ω_LO. Its magnitude is the screened |g_q|; it grows as 1/q.

    Notes
    -----
    Derivation ``frohlich_screened_dynamic_high_frequency``: the bare
    coupling divided by the RPA ε(q, ω_LO) = 1 − ω_p²/ω_LO² + O((v_F q/ω_LO)²)
    of the electron gas, at a fixed ω_LO. Valid for ω_LO >> v_F q (the
    electrons cannot follow the phonon), above the particle-hole continuum
    and q << k_F; for ω_LO << v_F q use :func:`frohlich_coupling_screened`
    (Thomas-Fermi). Near ω_p = ω_LO the phonon and the plasmon mix
    (:func:`coupled_plasmon_lo_modes`) and this form does not apply.

    Examples
    --------
    >>> from numeric.constants import e, hbar
    >>> w_LO = 36.25e-3 * e / hbar                     # GaAs LO phonon
    >>> g = frohlich_coupling_screened_dynamic(1e7, w_LO, 10.89, 12.9, 1e-18, 10 * w_LO)
    >>> round(g / frohlich_coupling(1e7, w_LO, 10.89, 12.9, 1e-18), 6)  # 1/(1 − 100)
    -0.010101
    """
    inputs = dict(q=checked("q", q, 0.0, low_open=True), **_polar(omega_LO, eps_inf, eps_s, V),
                  omega_p=checked("omega_p", omega_p, 0.0))
    w_lo_b, w_p_b = np.broadcast_arrays(inputs["omega_LO"], inputs["omega_p"])
    bad = w_lo_b == w_p_b
    if bad.any():
        raise ValueError(f"omega_p = {w_p_b[bad].flat[0]:g} equals omega_LO: ε(q, ω_LO) = 0 at the plasmon "
                         "resonance, where the phonon and the plasmon mix (coupled_plasmon_lo_modes); "
                         "valid range: omega_p != omega_LO")
    # of degree 1/2 in (ω_LO, ω_p) together: both divided by 2^s2 (s2 even), the result times 2^(s2/2);
    # ω_LO 2^-s2 near 1 (its powers stay normal) unless ω_p/ω_LO > 2^400
    lo_b, p_b = np.broadcast_arrays(inputs["omega_LO"], inputs["omega_p"])
    e_lo, e_max = np.frexp(lo_b)[1], np.frexp(np.maximum(lo_b, p_b))[1]
    s2 = (np.where(e_max - e_lo <= 400, e_lo, e_max) // 2) * 2
    w_lo, w_p = np.ldexp(lo_b, -s2), np.ldexp(p_b, -s2)
    out = scaled(_kernels.frohlich_coupling_screened_dynamic_loop, {"q": -1.0, "V": -0.5}, exponent=s2 // 2,
                 **{**inputs, "omega_LO": w_lo, "omega_p": w_p})
    out = finite_result(out, "frohlich_coupling_screened_dynamic", **inputs)
    return float(out) if np.ndim(out) == 0 else out


def coupled_plasmon_lo_modes(
    omega_p: ArrayLike, omega_LO: ArrayLike, omega_TO: ArrayLike
) -> tuple[np.ndarray | float, np.ndarray | float]:
    """Coupled plasmon-LO phonon modes at q -> 0: ω±² = ½[ω_LO² + ω_p² ± sqrt((ω_LO² + ω_p²)² − 4ω_p²ω_TO²)].

    Parameters
    ----------
    omega_p : array_like
        Plasma frequency of the carriers in the background ε∞,
        ω_p² = n e²/(ε0 ε∞ m), rad/s (>= 0; 0: no carriers).
    omega_LO, omega_TO : array_like
        LO and TO phonon frequencies at q -> 0, rad/s (0 < omega_TO <= omega_LO).

    Returns
    -------
    (omega_minus, omega_plus) : tuple of float or ndarray
        The two longitudinal modes in rad/s, ω_− < min(ω_TO, ω_p) and
        ω_+ > max(ω_LO, ω_p): ω_LO and 0 without carriers, ω_TO and ω_p for
        ω_p >> ω_LO.

    Notes
    -----
    Derivation ``coupled_plasmon_lo_modes``: the zeros of
    ε(ω) = ε∞[(ω_LO² − ω²)/(ω_TO² − ω²) − ω_p²/ω²] (Huang-Born lattice with
    LST, Drude carriers). Valid for v_F q << ω±, no damping. Evaluated
    without cancellation (ω_− = ω_p ω_TO/ω_+). Varga, Phys. Rev. 137, A1896
    (1965); Yu & Cardona, *Fundamentals of Semiconductors*.

    Examples
    --------
    >>> from math import pi
    >>> from numeric.constants import c
    >>> w_TO, w_LO = 2 * pi * c * 268e2, 2 * pi * c * 292e2   # GaAs, rad/s
    >>> lo, hi = coupled_plasmon_lo_modes(w_LO, w_LO, w_TO)   # ω_p = ω_LO
    >>> round(lo / w_TO, 4), round(hi / w_LO, 4)
    (0.8461, 1.182)
    """
    w_p = checked("omega_p", omega_p, 0.0)
    w_lo = checked("omega_LO", omega_LO, 0.0, low_open=True)
    w_to = checked("omega_TO", omega_TO, 0.0, low_open=True)
    lo_b, to_b = np.broadcast_arrays(w_lo, w_to)
    bad = to_b > lo_b
    if bad.any():
        raise ValueError(f"omega_TO = {to_b[bad].flat[0]:g} exceeds omega_LO = {lo_b[bad].flat[0]:g} "
                         "(valid range: 0 < omega_TO <= omega_LO)")
    (p, lo, to), s = _joint(w_p, w_lo, w_to)  # ω± is of degree 1 in the three frequencies
    out = []
    for loop in (_kernels.coupled_mode_lower_loop, _kernels.coupled_mode_upper_loop):
        value = np.ldexp(np.asarray(evaluate(loop, p, lo, to)), s)
        value = finite_result(value, "coupled_plasmon_lo_modes", omega_p=w_p, omega_LO=w_lo, omega_TO=w_to)
        out.append(float(value) if np.ndim(w_p) == np.ndim(w_lo) == np.ndim(w_to) == 0 else value)
    return out[0], out[1]
