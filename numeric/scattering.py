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
  It takes an isotropic :class:`numeric.phonons.DebyeModel` (one LA branch,
  1D q-integral) or a Born-von Kármán :class:`numeric.phonons.SpringModel`
  (all three branches with their polarisations, 3D integral over the first
  BZ on graded rays from Γ; see :func:`momentum_relaxation_rate`).

The Bloch-Grüneisen temperature T_BG = 2ħ v_s k_F/k_B separates the regimes.
For copper (free-electron k_F = 1.36e10 1/m for one electron per atom,
longitudinal sound velocity v_L ≈ 4.76e3 m/s of polycrystalline copper,
CRC Handbook; along [100] sqrt(c11/ρ) = 4.34e3 m/s with c11 = 168.4 GPa,
ρ = 8960 kg/m³, Kittel ch. 3) T_BG is about
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
import weakref
from dataclasses import dataclass

import numba
import numpy as np
import scipy.constants as _c
from numpy.typing import ArrayLike

from ._generated import scattering as _kernels
from ._quadrature import boundary_cones, compress_measure, gauss01, radial_rule
from ._support import checked, evaluate, fermi_dirac
from .phonons import SpringModel

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


def _electron_parameters(electrons: object) -> tuple[float, float, float]:
    """(n, m, E_F) of a free-electron gas (any object with ``n`` in 1/m³ and ``m`` in kg)."""
    try:
        n, m = electrons.n, electrons.m  # type: ignore[attr-defined]
    except AttributeError:
        raise TypeError("electrons needs attributes n (1/m³) and m (kg), e.g. FreeElectronGas") from None
    n = float(checked("electrons.n", n, 0.0, low_open=True))
    m = float(checked("electrons.m", m, 0.0, low_open=True))
    k_F = (3.0 * math.pi**2 * n) ** (1.0 / 3.0)  # two spins per k
    return n, m, _HBAR**2 * k_F**2 / (2.0 * m)


def _debye_parameters(phonons: object, cutoff: bool) -> tuple[float, float, float]:
    """(v_s, ρ, q_c) of an isotropic Debye model; q_c = inf without the cut-off."""
    needed = ("velocity", "q_debye", "mass", "cell_volume", "dim")
    if not all(hasattr(phonons, a) for a in needed):
        raise TypeError("phonons must be a numeric.phonons.SpringModel or an isotropic DebyeModel (velocity, "
                        f"q_debye, mass, cell_volume); got {type(phonons).__name__}")
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
    t, w = radial_rule(GL_ORDER, 2.0, 2.0**-GRADED_PANELS)
    return q_max * t, q_max * w


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
    return _HBAR * omega, _process_weights(k, m, q, omega, coupling, w, sign, transport)


def _process_weights(k: float, m: float, q: np.ndarray, omega: np.ndarray, coupling: np.ndarray,
                     w: np.ndarray, sign: int, transport: bool) -> np.ndarray:
    """g = (m/(2πħ³k)) q V|g|² w × (1 − cos θ if transport): the T-independent node weights.

    ``w`` is the weight of dq in ∫ dq q V|g_q|² [...]; for a 3D q-rule with
    weights d³q use w = d³q/(4π q²) (the angular average of the delta over k̂,
    m/(2ħ²kq), times (2π/ħ)/(2π)³). Final state k'² = k² + sign 2mω/ħ;
    1 − cos θ = (q² − (k − k')²)/(2kk').
    """
    g = m / (2.0 * math.pi * _HBAR**3 * k) * q * coupling * w
    if transport:
        k2 = k**2 + sign * 2.0 * m * omega / _HBAR
        k_final = np.sqrt(k2)
        dk = (k**2 - k2) / (k + k_final)
        g = g * (q**2 - dk**2) / (2.0 * k * k_final)
    return g


@numba.njit(cache=True, error_model="numpy")
def _bose(x: float) -> float:
    return math.exp(-x) / -math.expm1(-x)


@numba.njit(cache=True, error_model="numpy")
def _occupation_sums(T, xi, hw_em, g_em, hw_abs, g_abs, window, out):  # pragma: no cover - numba
    """Σ_i g_i × occupation factor for every temperature (the hot loop; T-independent nodes)."""
    k_B = _K_B
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
                    s += g_em[i] * (n + 1.0 - fermi_dirac(xi * beta - x))
            for i in range(hw_abs.shape[0]):
                x = hw_abs[i] * beta
                n = _bose(x)
                if window:
                    s += g_abs[i] * x * n * (n + 1.0)
                else:
                    s += g_abs[i] * (n + fermi_dirac(xi * beta + x))
        out[t] = s
    return out


# ------------------------------------------------------------------ lattice-dynamics (SpringModel) path
#: Defaults of the BZ ray rule of the SpringModel path: Gauss points per direction of each boundary
#: triangle (angular_order² per cone) and per radial panel; geometric panel ratio and inner edge t_min.
ANGULAR_ORDER = 16
RADIAL_ORDER = 12
PANEL_RATIO = 3.0
T_MIN = 1e-6
#: The compressed spectrum serves temperatures with |ε − E_F| <= this × k_BT (see _LatticeNodes).
_COMPRESS_WINDOW = 8.0

_lattice_cache: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _kinematic_limits(model: SpringModel, unit: np.ndarray, k: float, m: float) -> np.ndarray:
    """|q| where the energy delta leaves |cos θ_kq| <= 1, per ray, branch and process, 1/m, (R, 3, 2).

    Emission (index 0): q² + 2mω_λ(q)/ħ = 2kq; absorption (1): q² − 2mω_λ(q)/ħ = 2kq, i.e. the
    fixed points q = 2k ∓ 2m c_λ(q)/ħ with the phase velocity c_λ = ω_λ/q along the ray
    (ascending branches). The map contracts by ~(2m/ħ)|dc/dq| ~ k_s/q_BZ << 1.
    """
    v = np.asarray(model.sound_velocities(unit))                      # (R, 3) >= phase velocities
    v_max = float(v.max())
    if not k > m * v_max / _HBAR:
        e_min = 0.5 * m * v_max**2
        raise ValueError(f"energy = {(_HBAR * k) ** 2 / (2.0 * m):g} J is outside the valid range "
                         f"({e_min:g} J, inf) of the SpringModel path: the electron must be faster than "
                         f"sound (v_max = {v_max:g} m/s)")
    sign = np.array([-1.0, 1.0])
    q = 2.0 * (k + sign * (m * v / _HBAR)[..., None])                 # linear-dispersion start
    branch = np.arange(3)[None, :, None]
    for _ in range(100):
        omega = model.frequencies(q[..., None] * unit[:, None, None, :])   # (R, 3, 2, 3)
        c = np.take_along_axis(omega, np.broadcast_to(branch, q.shape)[..., None], -1)[..., 0] / q
        new = 2.0 * (k + sign * m * c / _HBAR)
        if np.all(np.abs(new - q) <= 1e-14 * q):
            return new
        q = new
    raise RuntimeError(  # pragma: no cover - needs k_s = m v/ħ comparable to the BZ (m ~ 100 m_e)
        f"the kinematic limits on the BZ rays did not converge: the band mass m = {m:g} kg makes "
        f"k_s = m v_max/ħ = {m * v_max / _HBAR:g} 1/m too large a fraction of the BZ")


def _compress(hw: np.ndarray, g: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The measure Σ g_i δ(ε − ħω_i) as local Gauss rules in geometric bins of ħω (as numeric.thermal)."""
    keep = g > 0.0
    order = np.argsort(hw[keep], kind="stable")
    return compress_measure(hw[keep][order], g[keep][order])


class _LatticeNodes:
    """T-independent nodes of emission and absorption for one model, electron energy and rule.

    q-rule: on each ray q = tP of ``numeric._quadrature.boundary_cones``, t ∈ [0, t_c] with t_c the
    smallest kinematic limit of the ray (clipped at the BZ boundary t = 1), on
    geometric panels graded toward Γ (``numeric._quadrature.radial_rule``), for all
    branches and both processes; then, per branch and process, one Gauss panel
    on [t_c, t_λ±] up to its own kinematic limit (clipped at 1). The integrand
    is smooth on every panel, so the radial rule converges exponentially.
    :meth:`weights` gives (ħω, g/D²) per process, with or without the transport
    weight: ``full`` (every node) and ``compressed`` (the same measures in ħω by
    :func:`_compress`: a few hundred nodes instead of ~10⁵; the occupation
    factors are analytic in ω across a bin when |ε − E_F| <= 8 k_BT, and in
    the window average).
    """

    def __init__(self, model: SpringModel, k: float, m: float, angular_order: int, radial_order: int) -> None:
        P, w_dir = boundary_cones(model, model.lattice, angular_order)
        length = np.linalg.norm(P, axis=1)
        unit = P / length[:, None]
        t_end = np.minimum(_kinematic_limits(model, unit, k, m) / length[:, None, None], 1.0)  # (R, 3, 2)
        t_c = t_end.min(axis=(1, 2))
        tau, w_tau = radial_rule(radial_order, PANEL_RATIO, T_MIN)
        x, w_x = gauss01(radial_order)
        t = t_c[:, None] * tau                                                 # common part (R, N)
        w_common = w_dir[:, None] * t**2 * t_c[:, None] * w_tau
        span = t_end - t_c[:, None, None]                                      # segments (R, 3, 2, n)
        ts = t_c[:, None, None, None] + span[..., None] * x
        w_seg = w_dir[:, None, None, None] * ts**2 * span[..., None] * w_x
        n_common = t.size
        q = np.concatenate([(t[..., None] * P[:, None, :]).reshape(-1, 3),
                            (ts[..., None] * P[:, None, None, None, :]).reshape(-1, 3)])
        omega, vectors = model.modes(q)                                        # (Q, 3), (Q, 3, 3)
        qe2 = np.einsum("qi,qis->qs", q, vectors) ** 2                         # (q·e_λ)²
        q_abs = np.linalg.norm(q, axis=1)
        rho = model.mass_density
        seg_shape = (*span.shape, radial_order)
        branch = np.broadcast_to(np.arange(3)[None, :, None, None], seg_shape).reshape(-1)
        process = np.broadcast_to(np.arange(2)[None, None, :, None], seg_shape).reshape(-1)
        rows = n_common + np.arange(branch.size)
        self.k, self.m = k, m
        self.processes = []
        for p in range(2):                                                     # emission, absorption
            own = (process == p) & (w_seg.reshape(-1) > 0.0)
            r, b = rows[own], branch[own]
            qq = np.concatenate([np.repeat(q_abs[:n_common], 3), q_abs[r]])
            om = np.concatenate([omega[:n_common].reshape(-1), omega[r, b]])
            e2 = np.concatenate([qe2[:n_common].reshape(-1), qe2[r, b]])
            w3 = np.concatenate([np.repeat(w_common.reshape(-1), 3), w_seg.reshape(-1)[own]])
            coupling = _HBAR * e2 / (2.0 * rho * om)                            # V|g|²/D²
            self.processes.append((qq, om, coupling, w3 / (4.0 * math.pi * qq**2)))
        self.size = int(q.shape[0])
        self._weights: dict[bool, tuple[list, list]] = {}

    def weights(self, transport: bool) -> tuple[list, list]:
        """([ħω_em, g_em, ħω_abs, g_abs] over all nodes, the same compressed), g per D² = 1 J²."""
        if transport not in self._weights:
            full = []
            for (qq, om, coupling, w), sign in zip(self.processes, (-1, +1), strict=True):
                g = _process_weights(self.k, self.m, qq, om, coupling, w, sign, transport)
                full += [np.ascontiguousarray(_HBAR * om), np.ascontiguousarray(g)]
            self._weights[transport] = (full, [*_compress(*full[:2]), *_compress(*full[2:])])
        return self._weights[transport]


def _lattice_nodes(model: SpringModel, k: float, m: float, angular_order: int,
                   radial_order: int) -> _LatticeNodes:
    key = (k, m, angular_order, radial_order)
    per_model = _lattice_cache.setdefault(model, {})
    if key not in per_model:
        if len(per_model) > 8:
            per_model.clear()
        per_model[key] = _LatticeNodes(model, k, m, angular_order, radial_order)
    return per_model[key]


def _order(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
        raise ValueError(f"{name} = {value!r} is outside the valid range: integers >= 1")
    return int(value)


def _lattice_rate(model: SpringModel, m: float, k: float, D: float, T: np.ndarray, xi: float,
                  transport: bool, window: bool, angular_order: int, radial_order: int,
                  compress: bool = True) -> np.ndarray:
    """D² Σ g × occupation on the BZ rays for every T in the flat array T (SpringModel path)."""
    if model.dim != 3:
        raise ValueError(f"phonons.dim = {model.dim} is outside the valid range: 3 (bulk metal)")
    full, compressed = _lattice_nodes(model, k, m, angular_order, radial_order).weights(transport)
    out = np.empty_like(T)
    easy = np.full(T.shape, compress)
    if not window and xi != 0.0:
        easy &= np.abs(xi) <= _COMPRESS_WINDOW * _K_B * T
    for use, arrays in ((easy, compressed), (~easy, full)):
        if use.any():
            part = np.ascontiguousarray(T[use])
            res = np.empty_like(part)
            _occupation_sums(part, xi, *arrays, window, res)
            out[use] = res
    return D**2 * out


def _golden_rule(electrons, phonons, coupling, T, energy, transport: bool, window: bool,
                 cutoff: bool, angular_order: int = ANGULAR_ORDER, radial_order: int = RADIAL_ORDER
                 ) -> np.ndarray | float:
    _, m, e_F = _electron_parameters(electrons)
    D = _coupling_constant(coupling)
    angular_order = _order("angular_order", angular_order)
    radial_order = _order("radial_order", radial_order)
    lattice_model = isinstance(phonons, SpringModel)
    if lattice_model:
        if not cutoff:
            raise ValueError("cutoff = False is outside the valid range for a SpringModel: True (its "
                             "phonons live in the first BZ; cutoff = False applies to a DebyeModel)")
    else:
        v_s, rho, q_c = _debye_parameters(phonons, cutoff)
    T_arr = checked("T", T, 0.0)
    if energy is None:
        energy = e_F
    energy = float(checked("energy", energy, 0.0, low_open=True))
    k = math.sqrt(2.0 * m * energy) / _HBAR
    flat = np.ascontiguousarray(T_arr, dtype=np.float64).reshape(-1)
    if lattice_model:
        out = _lattice_rate(phonons, m, k, D, flat, energy - e_F, transport, window, angular_order,
                            radial_order)
    else:
        k_s = m * v_s / _HBAR
        if k <= k_s:  # slower than sound: no emission, absorption only for q >= 2(k_s - k); not modelled
            raise ValueError(f"energy = {energy:g} J is outside the valid range (> m v_s²/2 = "
                             f"{m * v_s**2 / 2:g} J, an electron faster than sound)")
        hw_em, g_em = _branch(k, m, D, v_s, rho, min(q_c, 2.0 * (k - k_s)), -1, transport)
        hw_abs, g_abs = _branch(k, m, D, v_s, rho, min(q_c, 2.0 * (k + k_s)), +1, transport)
        out = np.empty_like(flat)
        _occupation_sums(flat, energy - e_F, hw_em, g_em, hw_abs, g_abs, window, out)
    return float(out[0]) if T_arr.ndim == 0 else out.reshape(T_arr.shape)


_PARAMETERS = """
    Parameters
    ----------
    electrons : FreeElectronGas
        Free-electron gas: any object with ``n`` (1/m³, > 0) and ``m`` (kg, > 0);
        k_F = (3π²n)^(1/3), E_F = ħ²k_F²/(2m).
    phonons : DebyeModel or SpringModel
        ``numeric.phonons.DebyeModel`` with a mass: one longitudinal branch
        ω = v q, ρ = M/Ω, q <= q_D. ``numeric.phonons.SpringModel`` (3D): its
        three branches ω_λ(q), polarisations e_λ(q) and ρ = M/Ω, q in the first BZ.
    coupling : DeformationPotential or float
        Deformation potential D (J).
    T : array_like
        Temperatures, K (>= 0); any shape. All temperatures share one set of
        q-nodes (cached per model and electron energy), so 1000 temperatures
        cost little more than one.
"""

_RULE = """    angular_order : int, optional
        SpringModel only (>= 1): Gauss points per direction on each BZ
        boundary triangle (angular_order² rays per symmetry-reduced cone). Default {angular}.
    radial_order : int, optional
        SpringModel only (>= 1): Gauss-Legendre points per radial panel. Default {radial}.
"""


def momentum_relaxation_rate(electrons, phonons, coupling, T: ArrayLike, energy: float | None = None,
                             *, cutoff: bool = True, angular_order: int = ANGULAR_ORDER,
                             radial_order: int = RADIAL_ORDER) -> np.ndarray | float:
    """Transport (momentum-relaxation) rate 1/τ_tr of an electron of energy ε, golden rule, 1/s.

    1/τ_tr(ε) = (2π/ħ) Σ_q |g_q|² [(n_q + 1 − f(ε − ħω_q)) δ(ε_{k−q} − ε + ħω_q)
                                   + (n_q + f(ε + ħω_q)) δ(ε_{k+q} − ε − ħω_q)] (1 − cos θ)

    {parameters}    energy : float, optional
        Electron energy ε from the band bottom, J (> 0); default E_F. SpringModel:
        the electron must outrun sound, ε > m v_max²/2.
    cutoff : bool, optional
        DebyeModel: True: phonons only up to the Debye wavevector q_D. False:
        the linear dispersion continued to the kinematic limit ≈ 2k_F ("no
        phonon cut-off below 2k_F", the model of the closed forms).
        SpringModel: must be True (the first BZ is the cut-off).
    {rule}
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

    SpringModel: the rate depends on the direction of k (cubic phonons), and
    what is returned is its average over the energy surface |k| = k(ε),

        <1/τ_tr(ε)>_k̂ = (2π/ħ) ∫_BZ d³q/(2π)³ Σ_λ V|g_qλ|² Σ_± occ_±(ħω_qλ)
                         <δ(ε_{{k±q}} − ε ∓ ħω_qλ)>_k̂ (1 − cos θ_±),

    with the deformation-potential coupling to mode (q, λ),
    V|g_qλ|² = D² ħ (q·e_qλ)²/(2ρ ω_qλ) (D² ħ q/(2ρ v_s) for a longitudinal
    mode of an isotropic solid: the Debye path above), and the exact
    average of the energy delta over the directions of k,
    <δ>_k̂ = m/(2ħ²kq) Θ(|cos θ_kq| <= 1) (the 1/2 is the solid-angle
    normalisation of (1/4π)∫dΩ_k). On the shell 1 − cos θ_± =
    (q² − (k − k'_±)²)/(2kk'_±), k'_±² = k² ± 2mω_qλ/ħ, depends on q only, so

        <1/τ_tr>_k̂ = (m/(8π²ħ³k)) Σ_λ,± ∫_BZ d³q V|g_qλ|² occ_± (1 − cos θ_±)/q,

    a smooth integrand up to the kinematic limits |q| = 2k ∓ 2m c_λ/ħ
    (c_λ = ω_λ/q along the ray). For an isotropic model it is the Debye
    result (transverse modes have q·e = 0). The q-integral runs over the
    symmetry-reduced cones from Γ over the BZ boundary triangles of
    ``numeric.thermal`` (angular_order² directions each); on every ray the
    radius is cut at the first kinematic limit (or the BZ boundary) and
    integrated on geometric panels (ratio {ratio}, down to {tmin} of it) of
    radial_order Gauss points, the rest up to each branch's own limit on one
    panel per branch and process, so the radial rule converges
    exponentially; so does the angular rule while the sphere |q| = 2k stays
    inside the BZ or outside it in every direction (where it cuts the BZ
    boundary the clipped radius has a kink: algebraic convergence, ~1e-6 at
    the default order). The node weights are compressed in ħω into local
    Gauss rules (``numeric.thermal``) for the temperatures with
    |ε − E_F| <= {window} k_BT, where the occupation factors are analytic
    across a bin. Limits (tested): low 2k_F, T >> T_BG: the high-T law with
    1/v_s² -> <Σ_λ (q̂·e_λ)²/v_λ²>; T << T_BG: the T⁵ laws with
    1/v_s⁶ -> <Σ_λ (q̂·e_λ)²/v_λ⁶> and the T³ law with 1/v_s⁴ -> <Σ_λ (q̂·e_λ)²/v_λ⁴>
    (directions q̂ on the sphere, v_λ, e_λ from the Christoffel equation).

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

    A Born-von Kármán fcc model with Cu's Θ_D(0) (elastically isotropic for
    k2 = k1/4): all three branches, normal processes in the first BZ only.

    >>> from numeric.lattice import Lattice
    >>> from numeric.phonons import SpringModel
    >>> cu = SpringModel.with_debye_temperature(Lattice.fcc(3.615e-10), 63.546 * atomic_mass, 343.0, 0.25)
    >>> [f"{r:.3e}" for r in momentum_relaxation_rate(Electrons(), cu, 10 * e, [10.0, 300.0, 3000.0])]
    ['3.137e+07', '9.431e+13', '1.068e+15']
    """
    return _golden_rule(electrons, phonons, coupling, T, energy, True, False, cutoff, angular_order,
                        radial_order)


def quasiparticle_scattering_rate(electrons, phonons, coupling, T: ArrayLike, energy: float | None = None,
                                  *, cutoff: bool = True, angular_order: int = ANGULAR_ORDER,
                                  radial_order: int = RADIAL_ORDER) -> np.ndarray | float:
    """Quasiparticle (out-scattering) rate 1/τ_qp of an electron of energy ε, golden rule, 1/s.

    The golden rule of :func:`momentum_relaxation_rate` without the transport
    weight 1 − cos θ: the rate at which the electron leaves its state (the
    inverse lifetime, ∝ T³ for T << T_BG, :func:`quasiparticle_rate_low_T`).

    {parameters}    energy : float, optional
        Electron energy from the band bottom, J (> 0); default E_F.
    cutoff : bool, optional
        As in :func:`momentum_relaxation_rate`.
    {rule}
    Returns
    -------
    float or ndarray
        1/τ_qp in 1/s, shape of T; for a SpringModel the average over the
        energy surface, as in :func:`momentum_relaxation_rate`.

    Examples
    --------
    >>> from scipy.constants import atomic_mass, e, hbar, k, m_e
    >>> from numeric.phonons import DebyeModel
    >>> class Electrons:
    ...     n, m = 8.47e28, m_e
    >>> ph = DebyeModel(hbar * 4760.0 * 1.7116e10 / k, 8.47e28, 63.546 * atomic_mass)
    >>> f"{quasiparticle_scattering_rate(Electrons(), ph, 10 * e, 10.0, cutoff=False):.3e}"
    '5.070e+09'
    >>> from numeric.lattice import Lattice
    >>> from numeric.phonons import SpringModel
    >>> cu = SpringModel.with_debye_temperature(Lattice.fcc(3.615e-10), 63.546 * atomic_mass, 343.0, 0.25)
    >>> f"{quasiparticle_scattering_rate(Electrons(), cu, 10 * e, 10.0):.3e}"
    '9.431e+09'
    """
    return _golden_rule(electrons, phonons, coupling, T, energy, False, False, cutoff, angular_order,
                        radial_order)


def transport_rate_averaged(electrons, phonons, coupling, T: ArrayLike, *, cutoff: bool = True,
                            angular_order: int = ANGULAR_ORDER, radial_order: int = RADIAL_ORDER
                            ) -> np.ndarray | float:
    """Fermi-window average <1/τ_tr> = ∫dε (−∂f/∂ε) 1/τ_tr(ε), 1/s: the rate in the resistivity.

    {parameters}    cutoff : bool, optional
        As in :func:`momentum_relaxation_rate`.
    {rule}
    Returns
    -------
    float or ndarray
        <1/τ_tr> in 1/s, shape of T (0 at T = 0); for a SpringModel also
        averaged over the Fermi surface, as in :func:`momentum_relaxation_rate`.

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
    return _golden_rule(electrons, phonons, coupling, T, None, True, True, cutoff, angular_order,
                        radial_order)


def resistivity(electrons, phonons, coupling, T: ArrayLike, *, cutoff: bool = True,
                angular_order: int = ANGULAR_ORDER, radial_order: int = RADIAL_ORDER) -> np.ndarray | float:
    """Electrical resistivity ρ_el = m <1/τ_tr>/(n e²), Ω m, from :func:`transport_rate_averaged`.

    {parameters}    cutoff : bool, optional
        As in :func:`momentum_relaxation_rate`.
    {rule}
    Returns
    -------
    float or ndarray
        ρ_el in Ω m (phonon part only; no residual resistivity).

    Notes
    -----
    Drude form with the Fermi-window-averaged transport rate (the variational
    solution of the Boltzmann equation with a displaced Fermi sphere; Ziman
    ch. 9): ∝ T for T >> T_BG, ∝ T⁵ for T << T_BG (Bloch-Grüneisen). For a
    cubic SpringModel the Fermi-surface average is the displaced-sphere
    result too: the tensor Σ (k − k')_i (k − k')_j P_kk' is isotropic in a
    cubic crystal (to O((v_s/v_F)²), |k − k'|² = 2kk'(1 − cos θ)).

    Examples
    --------
    >>> from scipy.constants import atomic_mass, e, hbar, k, m_e
    >>> from numeric.phonons import DebyeModel
    >>> class Electrons:
    ...     n, m = 8.47e28, m_e
    >>> ph = DebyeModel(343.0, 8.47e28, 63.546 * atomic_mass)      # Cu: Θ_D = 343 K, cut-off q_D
    >>> f"{resistivity(Electrons(), ph, 10 * e, 300.0) * 1e8:.2f} µΩ cm"
    '3.57 µΩ cm'
    >>> from numeric.lattice import Lattice
    >>> from numeric.phonons import SpringModel
    >>> cu = SpringModel.with_debye_temperature(Lattice.fcc(3.615e-10), 63.546 * atomic_mass, 343.0, 0.25)
    >>> f"{resistivity(Electrons(), cu, 10 * e, 300.0) * 1e8:.2f} µΩ cm"      # three branches, first BZ
    '4.20 µΩ cm'
    """
    n, m, _ = _electron_parameters(electrons)
    return m / (n * _E**2) * transport_rate_averaged(electrons, phonons, coupling, T, cutoff=cutoff,
                                                     angular_order=angular_order, radial_order=radial_order)


_RULE_DOC = _RULE.format(angular=ANGULAR_ORDER, radial=RADIAL_ORDER).lstrip(" ")
_FIELDS = {"{parameters}": _PARAMETERS.strip("\n").lstrip() + "\n", "{rule}": _RULE_DOC,
           "{order}": str(GL_ORDER), "{panels}": str(GRADED_PANELS), "{ratio}": f"{PANEL_RATIO:g}",
           "{tmin}": f"{T_MIN:g}", "{window}": f"{_COMPRESS_WINDOW:g}", "{{": "{", "}}": "}"}
for _f in (momentum_relaxation_rate, quasiparticle_scattering_rate, transport_rate_averaged, resistivity):
    _doc = _f.__doc__
    for _field, _text in _FIELDS.items():
        _doc = _doc.replace(_field, _text)
    _f.__doc__ = _doc
