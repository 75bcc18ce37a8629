"""Electron-phonon scattering rates (SI), from the derivations in ``derive.scattering``.

Two kinds of functions live here:

* closed forms from machine-checked derivations (generated kernels):
  :func:`deformation_potential_rate_high_T` (T >> T_BG, linear in T) and the
  low-temperature limits :func:`bloch_gruneisen_rate_low_T` (T⁵, Fermi-window
  average, the resistivity), :func:`transport_rate_fermi_level_low_T` (T⁵, one
  electron at E_F) and :func:`quasiparticle_rate_low_T` (T³);
* an independent golden-rule integrator valid at every temperature:
  :func:`momentum_relaxation_rate` (transport rate 1/τ_tr, weight 1 − cos θ),
  :func:`quasiparticle_scattering_rate` (out-scattering rate, no weight),
  :func:`transport_rate_averaged` (Fermi-window average of 1/τ_tr) and
  :func:`resistivity` = m<1/τ_tr>/(n e²). It never calls the closed forms.

The Bloch-Grüneisen temperature T_BG = 2ħ v_s k_F/k_B separates the regimes.
For copper (free-electron k_F = 1.36e10 1/m for one electron per atom,
longitudinal sound velocity v_L ≈ 4.76e3 m/s from c11 = 168.4 GPa and
ρ = 8960 kg/m³, Kittel ch. 3 / Ashcroft & Mermin ch. 22) T_BG is about
990 K, three times the calorimetric Θ_D = 343 K: the linear-in-T closed form
needs equipartition for every phonon up to q = 2k_F, i.e. T >> T_BG, not only
T >> Θ_D (DESIGN.md §3). Room temperature is *below* T_BG for these
parameters (the golden-rule rate is then below the closed form).

>>> print(f"T_BG(Cu) = {bloch_gruneisen_temperature(1.36e10, 4.76e3):.0f} K")
T_BG(Cu) = 989 K

Conventions: the electron spin is conserved (no spin sum over final states);
occupation factors are those of the linearised Boltzmann equation, emission
n_q + 1 − f(ε − ħω_q), absorption n_q + f(ε + ħω_q), with the chemical
potential fixed at E_F (its shift −(π²/12)(k_BT)²/E_F is neglected); normal
processes only (no umklapp).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numba
import numpy as np
import scipy.constants as _c
from numpy.typing import ArrayLike

from ._generated import scattering as _kernels
from ._support import checked, evaluate

__all__ = [
    "DeformationPotential",
    "bloch_gruneisen_rate_low_T",
    "bloch_gruneisen_temperature",
    "deformation_potential_rate_high_T",
    "momentum_relaxation_rate",
    "quasiparticle_rate_low_T",
    "quasiparticle_scattering_rate",
    "resistivity",
    "transport_rate_averaged",
    "transport_rate_fermi_level_low_T",
]

_HBAR, _K_B, _E = _c.hbar, _c.k, _c.e

#: Gauss-Legendre order per panel and number of geometric (factor-2) panels toward q -> 0.
GL_ORDER = 16
GRADED_PANELS = 48


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
    >>> from scipy.constants import e, m_e
    >>> rate = deformation_potential_rate_high_T(300.0, 10 * e, m_e, 1.36e10, 8960.0, 4760.0)
    >>> f"{rate:.2e} 1/s"
    '1.76e+14 1/s'
    >>> f"T_BG = {bloch_gruneisen_temperature(1.36e10, 4760.0):.0f} K: 300 K is below it"
    'T_BG = 989 K: 300 K is below it'
    """
    return _closed_form(_kernels.deformation_potential_rate_high_T_loop, T, D, m, k_F, rho, v_s)


def _closed_form(loop, T, D, m, k_F, rho, v_s) -> np.ndarray | float:
    positive = {"low_open": True}
    return evaluate(
        loop,
        checked("T", T, 0.0), checked("D", D, 0.0), checked("m", m, 0.0, **positive),
        checked("k_F", k_F, 0.0, **positive), checked("rho", rho, 0.0, **positive),
        checked("v_s", v_s, 0.0, **positive),
    )


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
    >>> from scipy.constants import e, m_e
    >>> f"{bloch_gruneisen_rate_low_T(10.0, 10 * e, m_e, 1.36e10, 8960.0, 4760.0):.3e} 1/s"
    '3.055e+07 1/s'
    """
    return _closed_form(_kernels.bloch_gruneisen_transport_rate_low_T_loop, T, D, m, k_F, rho, v_s)


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
    >>> from scipy.constants import e, m_e
    >>> f"{transport_rate_fermi_level_low_T(10.0, 10 * e, m_e, 1.36e10, 8960.0, 4760.0):.3e} 1/s"
    '1.184e+07 1/s'
    """
    return _closed_form(_kernels.transport_rate_fermi_level_low_T_loop, T, D, m, k_F, rho, v_s)


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
    >>> from scipy.constants import e, m_e
    >>> f"{quasiparticle_rate_low_T(10.0, 10 * e, m_e, 1.36e10, 8960.0, 4760.0):.3e} 1/s"
    '5.050e+09 1/s'
    """
    return _closed_form(_kernels.quasiparticle_rate_low_T_loop, T, D, m, k_F, rho, v_s)


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
    out = 2.0 * _HBAR * v * k / _K_B
    return float(out) if out.ndim == 0 else out


# ------------------------------------------------------------------ golden-rule integrator
@dataclass(frozen=True)
class DeformationPotential:
    """Deformation-potential coupling to longitudinal acoustic phonons, V|g_q|² = D² ħ q²/(2 ρ ω_q).

    Parameters
    ----------
    D : float
        Deformation potential, J (finite; the rate depends on D²).

    Notes
    -----
    For ω_q = v_s q this is |g_q| = D sqrt(ħq/(2ρVv_s)), derivation
    ``deformation_potential_coupling`` (seeds 000, 002).

    Examples
    --------
    >>> from scipy.constants import e
    >>> DeformationPotential(10 * e).D > 0
    True
    >>> DeformationPotential(float("nan"))
    Traceback (most recent call last):
    ...
    ValueError: D = nan is outside the valid range (-inf, inf)
    """

    D: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "D", float(checked("D", self.D)))


def _coupling_constant(coupling: DeformationPotential | float) -> float:
    if isinstance(coupling, DeformationPotential):
        return coupling.D
    if isinstance(coupling, int | float | np.floating):
        return float(checked("coupling (D)", coupling))
    raise TypeError("coupling must be a DeformationPotential or a float D in J, got "
                    f"{type(coupling).__name__}")


def _electron_parameters(electrons: object) -> tuple[float, float, float, float]:
    """(n, m, k_F, E_F) of a free-electron gas (any object with ``n`` in 1/m³ and ``m`` in kg)."""
    try:
        n, m = electrons.n, electrons.m  # type: ignore[attr-defined]
    except AttributeError:
        raise TypeError("electrons needs attributes n (1/m³) and m (kg), e.g. FreeElectronGas") from None
    n = float(checked("electrons.n", n, 0.0, low_open=True))
    m = float(checked("electrons.m", m, 0.0, low_open=True))
    k_F = (3.0 * math.pi**2 * n) ** (1.0 / 3.0)  # two spins per k
    return n, m, k_F, _HBAR**2 * k_F**2 / (2.0 * m)


def _debye_parameters(phonons: object, cutoff: bool) -> tuple[float, float, float]:
    """(v_s, ρ, q_c) of an isotropic Debye model; q_c = inf without the cut-off."""
    needed = ("velocity", "q_debye", "mass", "cell_volume", "dim")
    if not all(hasattr(phonons, a) for a in needed):
        raise TypeError("phonons must be an isotropic numeric.phonons.DebyeModel (velocity, q_debye, mass, "
                        f"cell_volume); got {type(phonons).__name__}")
    if phonons.dim != 3:
        raise ValueError(f"phonons.dim = {phonons.dim} is outside the valid range: 3 (bulk metal)")
    if phonons.mass is None:
        raise ValueError("phonons.mass = None: the mass density ρ = M/Ω needs the atomic mass (> 0 kg)")
    rho = phonons.mass / phonons.cell_volume
    return float(phonons.velocity), float(rho), float(phonons.q_debye) if cutoff else math.inf


def _graded_nodes(q_max: float) -> tuple[np.ndarray, np.ndarray]:
    """Gauss-Legendre panels on [0, q_max], graded geometrically (factor 2) toward q -> 0."""
    if not q_max > 0.0:
        return np.empty(0), np.empty(0)
    x, w = np.polynomial.legendre.leggauss(GL_ORDER)
    edges = q_max * 2.0 ** -np.arange(GRADED_PANELS + 1.0)
    edges = np.append(edges, 0.0)[::-1]  # 0, q_max 2^-L, ..., q_max
    lo, hi = edges[:-1, None], edges[1:, None]
    q = 0.5 * (hi + lo) + 0.5 * (hi - lo) * x
    weights = 0.5 * (hi - lo) * w
    return q.ravel(), weights.ravel()


def _branch(k: float, m: float, D: float, v_s: float, rho: float, q_max: float, sign: int,
            transport: bool) -> tuple[np.ndarray, np.ndarray]:
    """Phonon energies ħω and T-independent weights of one process (sign −1 emission, +1 absorption).

    1/τ = (m/(2πħ³k)) ∫ dq q V|g_q|² [occupation] w(q): the angular integral of
    the energy delta gives m/(ħ²kq) (exact for a parabolic band, ħω_q included);
    the final state has k'² = k² + sign 2mω_q/ħ, and the transport weight is
    1 − cos θ = (q² − (k − k')²)/(2kk').
    """
    q, w = _graded_nodes(q_max)
    omega = v_s * q
    coupling = D**2 * _HBAR * q**2 / (2.0 * rho * omega)  # V|g_q|²
    g = m / (2.0 * math.pi * _HBAR**3 * k) * q * coupling * w
    if transport:
        k2 = k**2 + sign * 2.0 * m * omega / _HBAR
        k_final = np.sqrt(k2)
        dk = (k**2 - k2) / (k + k_final)
        g = g * (q**2 - dk**2) / (2.0 * k * k_final)
    return _HBAR * omega, g


@numba.njit(cache=True, error_model="numpy")
def _bose(x: float) -> float:
    return math.exp(-x) / -math.expm1(-x)


@numba.njit(cache=True, error_model="numpy")
def _fermi(y: float) -> float:
    if y > 0.0:
        e = math.exp(-y)
        return e / (1.0 + e)
    return 1.0 / (1.0 + math.exp(y))


@numba.njit(cache=True, error_model="numpy")
def _occupation_sums(T, xi, hw_em, g_em, hw_abs, g_abs, window, out):  # pragma: no cover - numba
    """Σ_i g_i × occupation factor for every temperature (the hot loop; T-independent nodes)."""
    k_B = 1.380649e-23
    for t in range(T.shape[0]):
        s = 0.0
        if T[t] == 0.0:
            if not window:
                for i in range(hw_em.shape[0]):  # n = 0, 1 − f(ξ − ħω) = step
                    d = xi - hw_em[i]
                    s += g_em[i] * (1.0 if d > 0.0 else (0.5 if d == 0.0 else 0.0))
                for i in range(hw_abs.shape[0]):  # f(ξ + ħω)
                    d = xi + hw_abs[i]
                    s += g_abs[i] * (1.0 if d < 0.0 else (0.5 if d == 0.0 else 0.0))
        else:
            beta = 1.0 / (k_B * T[t])
            for i in range(hw_em.shape[0]):
                x = hw_em[i] * beta
                n = _bose(x)
                if window:
                    s += g_em[i] * x * n * (n + 1.0)
                else:
                    s += g_em[i] * (n + 1.0 - _fermi(xi * beta - x))
            for i in range(hw_abs.shape[0]):
                x = hw_abs[i] * beta
                n = _bose(x)
                if window:
                    s += g_abs[i] * x * n * (n + 1.0)
                else:
                    s += g_abs[i] * (n + _fermi(xi * beta + x))
        out[t] = s
    return out


def _golden_rule(electrons, phonons, coupling, T, energy, transport: bool, window: bool,
                 cutoff: bool) -> np.ndarray | float:
    _, m, _, e_F = _electron_parameters(electrons)
    D = _coupling_constant(coupling)
    v_s, rho, q_c = _debye_parameters(phonons, cutoff)
    T_arr = checked("T", T, 0.0)
    if energy is None:
        energy = e_F
    energy = float(checked("energy", energy, 0.0, low_open=True))
    k = math.sqrt(2.0 * m * energy) / _HBAR
    k_s = m * v_s / _HBAR  # an electron slower than sound (k < k_s) cannot emit
    hw_em, g_em = _branch(k, m, D, v_s, rho, min(q_c, 2.0 * (k - k_s)), -1, transport)
    hw_abs, g_abs = _branch(k, m, D, v_s, rho, min(q_c, 2.0 * (k + k_s)), +1, transport)
    flat = np.ascontiguousarray(T_arr, dtype=np.float64).reshape(-1)
    out = np.empty_like(flat)
    _occupation_sums(flat, energy - e_F, hw_em, g_em, hw_abs, g_abs, window, out)
    return float(out[0]) if T_arr.ndim == 0 else out.reshape(T_arr.shape)


_PARAMETERS = """
    Parameters
    ----------
    electrons : FreeElectronGas
        Free-electron gas: any object with ``n`` (1/m³, > 0) and ``m`` (kg, > 0);
        k_F = (3π²n)^(1/3), E_F = ħ²k_F²/(2m).
    phonons : DebyeModel
        Isotropic Debye model (``numeric.phonons.DebyeModel`` with a mass): one
        longitudinal branch ω = v q, ρ = M/Ω; q <= q_D.
    coupling : DeformationPotential or float
        Deformation potential D (J).
    T : array_like
        Temperatures, K (>= 0); any shape. All temperatures share one set of
        q-nodes, so 1000 temperatures cost little more than one.
"""


def momentum_relaxation_rate(electrons, phonons, coupling, T: ArrayLike, energy: float | None = None,
                             *, cutoff: bool = True) -> np.ndarray | float:
    """Transport (momentum-relaxation) rate 1/τ_tr of an electron of energy ε, golden rule, 1/s.

    1/τ_tr(ε) = (2π/ħ) Σ_q |g_q|² [(n_q + 1 − f(ε − ħω_q)) δ(ε_{k−q} − ε + ħω_q)
                                   + (n_q + f(ε + ħω_q)) δ(ε_{k+q} − ε − ħω_q)] (1 − cos θ)
    {parameters}    energy : float, optional
        Electron energy ε from the band bottom, J (> 0); default E_F.
    cutoff : bool, optional
        True: phonons only up to the Debye wavevector q_D. False: the linear
        dispersion continued to the kinematic limit ≈ 2k_F ("no phonon
        cut-off below 2k_F", the model of the closed forms).

    Returns
    -------
    float or ndarray
        1/τ_tr in 1/s, shape of T. Weight 1 − cos θ, θ the angle between k
        and k'; not the quasiparticle rate (:func:`quasiparticle_scattering_rate`).

    Notes
    -----
    Method: for a spherical Fermi surface and isotropic phonons the angular
    integral absorbs the energy delta exactly (parabolic band, ħω_q
    included): Σ_q -> V∫d³q/(2π)³ and ∫dΩ_q δ(...) = 2πm/(ħ²kq), so

        1/τ = (m/(2πħ³k)) ∫_0^{{q_max}} dq q V|g_q|² [occupation] (1 − cos θ),

    with k'² = k² ∓ 2mω_q/ħ and q_max = 2(k ∓ k_s), k_s = m v_s/ħ (emission /
    absorption), or q_D. The q-integral uses {order}-point Gauss-Legendre panels graded
    geometrically toward q = 0 ({panels} factor-2 panels), which resolve q ~ k_BT/ħv_s
    at any T; the integrand is smooth up to the kinematic limits, where the
    panels end. Spin conserved, normal processes only, chemical potential E_F.
    Limits: T >> T_BG: :func:`deformation_potential_rate_high_T` (relative
    correction −(T_BG/T)²/9 at E_F); T << T_BG: :func:`transport_rate_fermi_level_low_T`.
    Source: Ziman, *Electrons and Phonons*, ch. 9; Grimvall ch. 5-6.

    Examples
    --------
    >>> from scipy.constants import atomic_mass, e, hbar, k, m_e
    >>> from numeric.phonons import DebyeModel
    >>> class Electrons:                      # stand-in for FreeElectronGas
    ...     n, m = 8.47e28, m_e
    >>> ph = DebyeModel(hbar * 4760.0 * 1.7116e10 / k, 8.47e28, 63.546 * atomic_mass)
    >>> rate = momentum_relaxation_rate(Electrons(), ph, DeformationPotential(10 * e), [10.0, 300.0, 3000.0],
    ...                                 cutoff=False)
    >>> [f"{r:.3e}" for r in rate]
    ['1.191e+07', '6.928e+13', '1.743e+15']
    """
    return _golden_rule(electrons, phonons, coupling, T, energy, True, False, cutoff)


def quasiparticle_scattering_rate(electrons, phonons, coupling, T: ArrayLike, energy: float | None = None,
                                  *, cutoff: bool = True) -> np.ndarray | float:
    """Quasiparticle (out-scattering) rate 1/τ_qp of an electron of energy ε, golden rule, 1/s.

    The golden rule of :func:`momentum_relaxation_rate` without the transport
    weight 1 − cos θ: the rate at which the electron leaves its state (the
    inverse lifetime, ∝ T³ for T << T_BG, :func:`quasiparticle_rate_low_T`).
    {parameters}    energy : float, optional
        Electron energy from the band bottom, J (> 0); default E_F.
    cutoff : bool, optional
        As in :func:`momentum_relaxation_rate`.

    Returns
    -------
    float or ndarray
        1/τ_qp in 1/s, shape of T.

    Examples
    --------
    >>> from scipy.constants import atomic_mass, e, hbar, k, m_e
    >>> from numeric.phonons import DebyeModel
    >>> class Electrons:
    ...     n, m = 8.47e28, m_e
    >>> ph = DebyeModel(hbar * 4760.0 * 1.7116e10 / k, 8.47e28, 63.546 * atomic_mass)
    >>> f"{quasiparticle_scattering_rate(Electrons(), ph, 10 * e, 10.0, cutoff=False):.3e}"
    '5.070e+09'
    """
    return _golden_rule(electrons, phonons, coupling, T, energy, False, False, cutoff)


def transport_rate_averaged(electrons, phonons, coupling, T: ArrayLike, *, cutoff: bool = True
                            ) -> np.ndarray | float:
    """Fermi-window average <1/τ_tr> = ∫dε (−∂f/∂ε) 1/τ_tr(ε), 1/s: the rate in the resistivity.

    {parameters}    cutoff : bool, optional
        As in :func:`momentum_relaxation_rate`.

    Returns
    -------
    float or ndarray
        <1/τ_tr> in 1/s, shape of T (0 at T = 0).

    Notes
    -----
    The ε-average of the occupation factors is done exactly: by detailed
    balance ∫dε(−∂f/∂ε)(n + 1 − f(ε − ħω)) = ∫dε(−∂f/∂ε)(n + f(ε + ħω)) =
    x n(n + 1) = x/(4 sinh²(x/2)), x = ħω/k_BT (steps of the derivation
    ``bloch_gruneisen_transport_rate_low_T``), while the kinematics, the density
    of states and the matrix element are taken at E_F over the window: the
    neglected terms are O((k_BT/E_F)²) (the first order cancels, the
    occupation factor is even in ε − E_F). A test compares with the explicit
    ε-quadrature of :func:`momentum_relaxation_rate`.

    Examples
    --------
    >>> from scipy.constants import atomic_mass, e, hbar, k, m_e
    >>> from numeric.phonons import DebyeModel
    >>> class Electrons:
    ...     n, m = 8.47e28, m_e
    >>> ph = DebyeModel(hbar * 4760.0 * 1.7116e10 / k, 8.47e28, 63.546 * atomic_mass)
    >>> f"{transport_rate_averaged(Electrons(), ph, 10 * e, 10.0, cutoff=False):.3e}"
    '3.073e+07'
    """
    return _golden_rule(electrons, phonons, coupling, T, None, True, True, cutoff)


def resistivity(electrons, phonons, coupling, T: ArrayLike, *, cutoff: bool = True) -> np.ndarray | float:
    """Electrical resistivity ρ_el = m <1/τ_tr>/(n e²), Ω m, from :func:`transport_rate_averaged`.

    {parameters}    cutoff : bool, optional
        As in :func:`momentum_relaxation_rate`.

    Returns
    -------
    float or ndarray
        ρ_el in Ω m (phonon part only; no residual resistivity).

    Notes
    -----
    Drude form with the Fermi-window-averaged transport rate (the variational
    solution of the Boltzmann equation with a displaced Fermi sphere; Ziman
    ch. 9): ∝ T for T >> T_BG, ∝ T⁵ for T << T_BG (Bloch-Grüneisen).

    Examples
    --------
    >>> from scipy.constants import atomic_mass, e, hbar, k, m_e
    >>> from numeric.phonons import DebyeModel
    >>> class Electrons:
    ...     n, m = 8.47e28, m_e
    >>> ph = DebyeModel(343.0, 8.47e28, 63.546 * atomic_mass)      # Cu: Θ_D = 343 K, cut-off q_D
    >>> f"{resistivity(Electrons(), ph, 10 * e, 300.0) * 1e8:.2f} µΩ cm"
    '3.57 µΩ cm'
    """
    n, m, _, _ = _electron_parameters(electrons)
    return m / (n * _E**2) * transport_rate_averaged(electrons, phonons, coupling, T, cutoff=cutoff)


for _f in (momentum_relaxation_rate, quasiparticle_scattering_rate, transport_rate_averaged, resistivity):
    _doc = _f.__doc__.replace("{parameters}", _PARAMETERS.lstrip("\n")).replace("{order}", str(GL_ORDER))
    _f.__doc__ = _doc.replace("{panels}", str(GRADED_PANELS)).replace("{{", "{").replace("}}", "}")
