"""Golden-rule electron-phonon scattering rates and resistivity at any temperature (SI): the integrator.

An independent numeric integrator of the golden rule, checked against the
closed forms of :mod:`numeric.scattering` in their limits; it never calls them.

* :func:`momentum_relaxation_rate`: transport rate 1/τ_tr (weight 1 − cos θ);
* :func:`quasiparticle_scattering_rate`: out-scattering rate 1/τ_qp (no weight);
* :func:`transport_rate_averaged`: Fermi-window average <1/τ_tr>;
* :func:`resistivity`: m<1/τ_tr>/(n e²);
* :func:`umklapp_fraction`: the share of umklapp processes (k' = k + q + G, G ≠ 0) in <1/τ_tr>;
* :class:`DeformationPotential`: the coupling V|g_q|² = D² ħ (q·e)²/(2ρω_q).

Electrons: a :class:`numeric.bands.BandModel` with a
:class:`numeric.bands.FermiSphere` domain (an isotropic parabolic band, e.g.
:class:`numeric.electrons.FreeElectronGas`), whose angular integrals absorb the
energy delta exactly. Phonons: a :class:`numeric.phonons.PhononModel`, by its
domain: a :class:`numeric.phonons.DebyeSphere` (one longitudinal branch
ω = v_s q, a 1D q-integral; e.g. :class:`numeric.phonons.DebyeModel`) or a
:class:`numeric.phonons.BrillouinZone` (all branches with their polarisations,
which needs ``modes(q)``; a 3D integral over the first BZ on graded rays from Γ;
e.g. :class:`numeric.springs.SpringModel`). The T-independent nodes and the
hot loop are in ``numeric._golden_rule``.

Conventions: the electron spin is conserved (no spin sum over final states);
occupation factors are those of the linearised Boltzmann equation, emission
n_q + 1 − f(ε − ħω_q), absorption n_q + f(ε + ħω_q), with the chemical
potential fixed at E_F (its shift −(π²/12)(k_BT)²/E_F is neglected); normal
processes by default, umklapp processes on request for a lattice model
(``processes``, :func:`umklapp_fraction`). The Bloch-Grüneisen temperature
T_BG = 2ħv_s k_F/k_B separates the regimes (about 990 K for copper,
:mod:`numeric.scattering`).
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from . import _golden_rule as _gr
from . import constants as _c
from ._quadrature import RayRule
from ._support import checked, flag, integer, scalar
from .bands import fermi_sphere
from .phonons import BrillouinZone, DebyeSphere

__all__ = [
    "GOLDEN_RULE_RAYS",
    "DeformationPotential",
    "momentum_relaxation_rate",
    "quasiparticle_scattering_rate",
    "resistivity",
    "transport_rate_averaged",
    "umklapp_fraction",
]

_HBAR, _E = _c.hbar, _c.e

#: The ray rule of the Brillouin-zone path (numeric.thermal's defaults but t_min = 1e-6: see RayRule).
GOLDEN_RULE_RAYS = RayRule(angular_order=16, radial_order=12, panel_ratio=3.0, t_min=1e-6)


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
    ``deformation_potential_coupling`` (seeds 000, 002). For a mode (q, λ) of
    a lattice model, V|g_qλ|² = D² ħ (q·e_qλ)²/(2ρω_qλ).

    Examples
    --------
    >>> from numeric.constants import e
    >>> DeformationPotential(10 * e).D > 0
    True
    >>> DeformationPotential(float("nan"))
    Traceback (most recent call last):
    ...
    ValueError: D = nan is outside the valid range (-inf, inf)
    """

    D: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "D", scalar("D", self.D))


def coupling_constant(coupling: DeformationPotential | float) -> float:
    """The deformation potential D (J) of ``coupling``: a :class:`DeformationPotential` or a float D
    (used by the golden-rule rates here and by :mod:`numeric.eliashberg_function`)."""
    if isinstance(coupling, DeformationPotential):
        return coupling.D
    if isinstance(coupling, int | float | np.floating):
        return float(checked("coupling (D)", coupling))
    raise TypeError("coupling must be a DeformationPotential or a float D in J, got "
                    f"{type(coupling).__name__}")


#: Largest accepted angular and radial orders of the Brillouin-zone rule (the node count grows as
#: angular_order² × radial_order; 64 and 64 are ~10⁸ nodes, beyond that memory runs out).
MAX_ORDER = 64


def _rule(angular_order: int, radial_order: int) -> RayRule:
    return dataclasses.replace(GOLDEN_RULE_RAYS,
                               angular_order=integer("angular_order", angular_order, 1, MAX_ORDER),
                               radial_order=integer("radial_order", radial_order, 1, MAX_ORDER))


#: The process kinds of the golden-rule rates: False = normal, True = umklapp.
_PROCESSES = {"normal": (False,), "umklapp": (True,), "all": (False, True)}


def _check_umklapp_reach(phonons: object, lattice: object, m: float, k: float) -> None:
    """The umklapp path needs the kinematic sphere |Q| <= 2k + mω_max/(ħk) short of every G ≠ 0."""
    reach = 2.0 * k + m * float(phonons.frequency_bound) / (_HBAR * k)  # type: ignore[attr-defined]
    g_min = float(np.linalg.norm(lattice.bragg_vectors, axis=1).min())  # type: ignore[attr-defined]
    if not reach < g_min:
        raise ValueError(
            f"electrons k = {k:g} 1/m is outside the valid range (0, {0.5 * g_min:g}) 1/m of the umklapp "
            f"path: the momentum changes |Q| up to 2k + mω_max/(ħk) = {reach:g} 1/m reach the reciprocal "
            f"lattice vector |G| = {g_min:g} 1/m, where the phonon frequency vanishes (a Fermi sphere "
            "spanning several zones, e.g. Al or Pb, is not modelled)")


def _rates(electrons: object, phonons: object, coupling: DeformationPotential | float, T: ArrayLike, *,
                 energy: float | None = None, transport: bool, window: bool, cutoff: bool = True,
                 rule: RayRule = GOLDEN_RULE_RAYS, factor: float = 1.0, what: str = "the rate",
                 unit: str = "1/s", processes: str = "normal") -> np.ndarray | float:
    """factor × D² Σ_nodes g × occupation for every T: the rate of one process kind, shape of T."""
    cutoff = flag("cutoff", cutoff)
    if not isinstance(processes, str) or processes not in _PROCESSES:
        raise ValueError(f"processes = {processes!r} is outside the valid range: one of "
                         f"{', '.join(map(repr, _PROCESSES))}")
    sphere = fermi_sphere(electrons, "the golden-rule rates")
    m, e_F = sphere.mass, float(electrons.fermi_level)  # type: ignore[attr-defined]
    D = coupling_constant(coupling)
    domain = getattr(phonons, "domain", None)
    if not isinstance(domain, BrillouinZone | DebyeSphere):
        raise TypeError("phonons must be a numeric.phonons.PhononModel with a domain (a SpringModel: "
                        f"BrillouinZone, or a DebyeModel: DebyeSphere), got {type(phonons).__name__}")
    if isinstance(domain, BrillouinZone) and not cutoff:
        raise ValueError("cutoff = False is outside the valid range for a Brillouin-zone domain (a "
                         "SpringModel): True (its phonons live in the first BZ; cutoff = False applies to "
                         "a DebyeModel)")
    if phonons.dim != 3:  # type: ignore[attr-defined]
        raise ValueError(f"phonons.dim = {phonons.dim} is outside the valid range: 3 (bulk metal)")  # type: ignore[attr-defined]
    if phonons.mass is None:  # type: ignore[attr-defined]
        raise ValueError("phonons.mass = None: the mass density ρ = M/Ω needs the atomic mass (> 0 kg)")
    T_arr = checked("T", T, 0.0)
    if energy is None:
        energy = e_F
    energy = scalar("energy", energy, 0.0, low_open=True)
    k = math.sqrt(2.0 * m) * math.sqrt(energy) / _HBAR
    flat = np.ascontiguousarray(T_arr, dtype=np.float64).reshape(-1)
    if processes != "normal" and not isinstance(domain, BrillouinZone):
        raise ValueError(f"processes = {processes!r} is outside the valid range for a Debye-sphere domain "
                         "(a DebyeModel has no reciprocal lattice): 'normal'")
    match domain:
        case BrillouinZone(lattice=lattice):
            if processes != "normal":
                _check_umklapp_reach(phonons, lattice, m, k)
            parts = [_gr.lattice_rate(phonons, lattice, m, k, flat, energy - e_F, transport, window, rule,
                                      umklapp) for umklapp in _PROCESSES[processes]]
            result = sum(_gr.product(abs(D), abs(D), factor, out, scale) for out, scale in parts)
        case DebyeSphere(radius=radius, velocity=v_s):
            rho = phonons.mass / phonons.cell_volume  # type: ignore[attr-defined]
            q_c = radius if cutoff else math.inf
            k_s = m * v_s / _HBAR
            if k <= k_s:  # slower than sound: no emission, absorption only for q >= 2(k_s - k); not modelled
                raise ValueError(f"energy = {energy:g} J is outside the valid range (> m v_s²/2 = "
                                 f"{m * v_s**2 / 2:g} J, an electron faster than sound)")
            out, scale = _gr.debye_rate(k, m, v_s, rho, min(q_c, 2.0 * (k - k_s)), min(q_c, 2.0 * (k + k_s)),
                                        flat, energy - e_F, transport, window)
            result = _gr.product(abs(D), abs(D), factor, out, scale)
    bad = ~np.isfinite(result)
    if bad.any():
        raise ValueError(f"T = {flat[bad][0]:g} K with D = {D:g} J is outside the valid range of {what} "
                         f"for these models: the result exceeds the largest double (1.8e308 {unit}); valid "
                         "range: smaller T or D (the rate grows ∝ D², and ∝ T at high T)")
    return float(result[0]) if T_arr.ndim == 0 else result.reshape(T_arr.shape)


def momentum_relaxation_rate(electrons, phonons, coupling, T: ArrayLike, energy: float | None = None,
                             *, cutoff: bool = True, angular_order: int = 16,
                             radial_order: int = 12, processes: str = "normal") -> np.ndarray | float:
    """Transport (momentum-relaxation) rate 1/τ_tr of an electron of energy ε, golden rule, 1/s.

    1/τ_tr(ε) = (2π/ħ) Σ_q |g_q|² [(n_q + 1 − f(ε − ħω_q)) δ(ε_{k−q} − ε + ħω_q)
                                   + (n_q + f(ε + ħω_q)) δ(ε_{k+q} − ε − ħω_q)] (1 − cos θ)

    Parameters
    ----------
    electrons : numeric.bands.BandModel
        A parabolic band (domain :class:`numeric.bands.FermiSphere`, e.g.
        ``numeric.electrons.FreeElectronGas``): band mass m and k_F from the
        domain, E_F = ``fermi_level``.
    phonons : numeric.phonons.PhononModel
        Domain :class:`numeric.phonons.DebyeSphere` (``DebyeModel``): one
        longitudinal branch ω = v q, q <= q_D. Domain
        :class:`numeric.phonons.BrillouinZone` (``SpringModel``, 3D): its three
        branches ω_λ(q) and polarisations e_λ(q) (``modes``), q in the first BZ.
        ρ = M/Ω from ``mass`` and ``cell_volume`` (the mass must be set).
    coupling : DeformationPotential or float
        Deformation potential D, J.
    T : array_like
        Temperatures, K (>= 0); any shape. All temperatures share one set of
        q-nodes (cached per model and electron energy), so 1000 temperatures
        cost little more than one.
    energy : float, optional
        Electron energy ε from the band bottom, J (> 0); default E_F. The
        electron must outrun sound, ε > m v_max²/2.
    cutoff : bool, optional
        Debye sphere: True: phonons only up to the Debye wavevector q_D. False:
        the linear dispersion continued to the kinematic limit ≈ 2k_F ("no
        phonon cut-off below 2k_F", the model of the closed forms).
        Brillouin zone: must be True (the first BZ is the cut-off).
    angular_order : int, optional
        Brillouin zone only (>= 1): Gauss points per direction on each BZ
        boundary triangle (angular_order² rays per symmetry-reduced cone). Default 16.
    radial_order : int, optional
        Brillouin zone only (>= 1): Gauss-Legendre points per radial panel. Default 12.
    processes : {"normal", "umklapp", "all"}, optional
        Brillouin zone only: the normal processes (phonon q = k' − k in the first BZ; the
        default), the umklapp processes (k' − k = q + G outside the first BZ, G ≠ 0; see
        :func:`umklapp_fraction`), or both. A Debye sphere has only "normal".

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

        1/τ = (m/(2πħ³k)) ∫_0^{q_max} dq q V|g_q|² [occupation] (1 − cos θ),

    with k'² = k² ∓ 2mω_q/ħ and q_max = 2(k ∓ k_s), k_s = m v_s/ħ (emission /
    absorption), or q_D. The q-integral uses 16-point Gauss-Legendre panels graded
    geometrically toward q = 0 (96 factor-2 panels), which resolve q ~ k_BT/ħv_s
    down to k_BT = 2^-84 ħω_max; below, the rate is its exact low-T scaling
    (k_BT)^p G(ξ/k_BT), p = 5 with the transport weight, 3 without, from there
    (``numeric._golden_rule.low_T_scaled``); above, the occupation factors are
    their Laurent series in ħω/k_BT, so that every T from 0 through 1e-300 to
    1e300 K gives the rate or its limit (a rate beyond the largest double is a
    ValueError naming T and D); the integrand is smooth up to the kinematic limits, where the
    panels end. Spin conserved; normal processes unless ``processes`` asks for umklapp; chemical
    potential E_F.
    Limits: T >> T_BG: ``numeric.scattering.deformation_potential_rate_high_T``
    (relative correction −(T_BG/T)²/9 at E_F); T << T_BG:
    ``numeric.scattering.transport_rate_fermi_level_low_T``.
    Source: Ziman, *Electrons and Phonons*, ch. 9; Grimvall ch. 5-6.

    Brillouin zone: the rate depends on the direction of k (cubic phonons), and
    what is returned is its average over the energy surface |k| = k(ε),

        <1/τ_tr(ε)>_k̂ = (2π/ħ) ∫_BZ d³q/(2π)³ Σ_λ V|g_qλ|² Σ_± occ_±(ħω_qλ)
                         <δ(ε_{k±q} − ε ∓ ħω_qλ)>_k̂ (1 − cos θ_±),

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
    integrated on geometric panels (ratio 3, down to 1e-6 of it; the rule
    :data:`GOLDEN_RULE_RAYS`) of radial_order Gauss points, the rest up to each
    branch's own limit on one panel per branch and process, so the radial rule
    converges exponentially; so does the angular rule while the sphere |q| = 2k
    stays inside the BZ or outside it in every direction (where it cuts the BZ
    boundary the clipped radius has a kink: algebraic convergence, ~1e-6 at
    the default order). The node weights are compressed in ħω into local
    Gauss rules (as in ``numeric.thermal``) for the temperatures with
    |ε − E_F| <= 8 k_BT, where the occupation factors are analytic
    across a bin. Limits (tested): low 2k_F, T >> T_BG: the high-T law with
    1/v_s² -> <Σ_λ (q̂·e_λ)²/v_λ²>; T << T_BG: the T⁵ laws with
    1/v_s⁶ -> <Σ_λ (q̂·e_λ)²/v_λ⁶> and the T³ law with 1/v_s⁴ -> <Σ_λ (q̂·e_λ)²/v_λ⁴>
    (directions q̂ on the sphere, v_λ, e_λ from the Christoffel equation).

    Examples
    --------
    >>> from numeric.constants import atomic_mass, e, hbar, k, m_e
    >>> from numeric.electrons import FreeElectronGas
    >>> from numeric.phonons import DebyeModel
    >>> cu = FreeElectronGas(8.47e28, m_e)
    >>> ph = DebyeModel(hbar * 4760.0 * 1.7116e10 / k, 8.47e28, 63.546 * atomic_mass)
    >>> rate = momentum_relaxation_rate(cu, ph, DeformationPotential(10 * e), [10.0, 300.0, 3000.0],
    ...                                 cutoff=False)
    >>> [f"{r:.3e}" for r in rate]
    ['1.191e+07', '6.928e+13', '1.743e+15']

    A Born-von Kármán fcc model with Cu's Θ_D(0) (elastically isotropic for
    k2 = k1/4): all three branches, normal processes in the first BZ only.

    >>> from numeric.lattice import Lattice
    >>> from numeric.springs import SpringModel
    >>> fcc = Lattice.fcc(3.615e-10)
    >>> springs = SpringModel.with_debye_temperature(fcc, 63.546 * atomic_mass, 343.0, 0.25)
    >>> [f"{r:.3e}" for r in momentum_relaxation_rate(cu, springs, 10 * e, [10.0, 300.0, 3000.0])]
    ['3.137e+07', '9.431e+13', '1.068e+15']
    """
    return _rates(electrons, phonons, coupling, T, energy=energy, transport=True, window=False,
                  cutoff=cutoff, rule=_rule(angular_order, radial_order), processes=processes)


def quasiparticle_scattering_rate(electrons, phonons, coupling, T: ArrayLike, energy: float | None = None,
                                  *, cutoff: bool = True, angular_order: int = 16,
                                  radial_order: int = 12, processes: str = "normal") -> np.ndarray | float:
    """Quasiparticle (out-scattering) rate 1/τ_qp of an electron of energy ε, golden rule, 1/s.

    The golden rule of :func:`momentum_relaxation_rate` without the transport
    weight 1 − cos θ: the rate at which the electron leaves its state (the
    inverse lifetime, ∝ T³ for T << T_BG, ``numeric.scattering.quasiparticle_rate_low_T``).

    Parameters
    ----------
    electrons : numeric.bands.BandModel
        A parabolic band (domain :class:`numeric.bands.FermiSphere`, e.g.
        ``numeric.electrons.FreeElectronGas``).
    phonons, coupling : PhononModel, DeformationPotential or float
        As in :func:`momentum_relaxation_rate` (the phonon mass must be set; D in J).
    T : array_like
        Temperatures, K (>= 0); any shape, one shared set of q-nodes.
    energy : float, optional
        Electron energy from the band bottom, J (> 0); default E_F.
    cutoff, angular_order, radial_order, processes : optional
        As in :func:`momentum_relaxation_rate` (Debye sphere: q <= q_D if ``cutoff``; the
        Brillouin-zone ray rule, defaults 16 and 12; normal, umklapp or all processes).

    Returns
    -------
    float or ndarray
        1/τ_qp in 1/s, shape of T; for a Brillouin-zone domain the average over the
        energy surface, as in :func:`momentum_relaxation_rate`.

    Notes
    -----
    Method, conventions and source as in :func:`momentum_relaxation_rate`
    (Grimvall, *The Electron-Phonon Interaction in Metals*, ch. 5).

    Examples
    --------
    >>> from numeric.constants import atomic_mass, e, hbar, k, m_e
    >>> from numeric.electrons import FreeElectronGas
    >>> from numeric.phonons import DebyeModel
    >>> cu = FreeElectronGas(8.47e28, m_e)
    >>> ph = DebyeModel(hbar * 4760.0 * 1.7116e10 / k, 8.47e28, 63.546 * atomic_mass)
    >>> f"{quasiparticle_scattering_rate(cu, ph, 10 * e, 10.0, cutoff=False):.3e}"
    '5.070e+09'
    >>> from numeric.lattice import Lattice
    >>> from numeric.springs import SpringModel
    >>> fcc = Lattice.fcc(3.615e-10)
    >>> springs = SpringModel.with_debye_temperature(fcc, 63.546 * atomic_mass, 343.0, 0.25)
    >>> f"{quasiparticle_scattering_rate(cu, springs, 10 * e, 10.0):.3e}"
    '9.431e+09'
    """
    return _rates(electrons, phonons, coupling, T, energy=energy, transport=False, window=False,
                  cutoff=cutoff, rule=_rule(angular_order, radial_order), processes=processes)


def transport_rate_averaged(electrons, phonons, coupling, T: ArrayLike, *, cutoff: bool = True,
                            angular_order: int = 16, radial_order: int = 12,
                            processes: str = "normal") -> np.ndarray | float:
    """Fermi-window average <1/τ_tr> = ∫dε (−∂f/∂ε) 1/τ_tr(ε), 1/s: the rate in the resistivity.

    Parameters
    ----------
    electrons : numeric.bands.BandModel
        A parabolic band (domain :class:`numeric.bands.FermiSphere`, e.g.
        ``numeric.electrons.FreeElectronGas``).
    phonons, coupling : PhononModel, DeformationPotential or float
        As in :func:`momentum_relaxation_rate` (the phonon mass must be set; D in J).
    T : array_like
        Temperatures, K (>= 0); any shape, one shared set of q-nodes.
    cutoff, angular_order, radial_order, processes : optional
        As in :func:`momentum_relaxation_rate` (Debye sphere: q <= q_D if ``cutoff``; the
        Brillouin-zone ray rule, defaults 16 and 12; normal, umklapp or all processes).

    Returns
    -------
    float or ndarray
        <1/τ_tr> in 1/s, shape of T (0 at T = 0); for a Brillouin-zone domain also
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
    ε-quadrature of :func:`momentum_relaxation_rate`. Source: Ziman ch. 9.

    Examples
    --------
    >>> from numeric.constants import atomic_mass, e, hbar, k, m_e
    >>> from numeric.electrons import FreeElectronGas
    >>> from numeric.phonons import DebyeModel
    >>> ph = DebyeModel(hbar * 4760.0 * 1.7116e10 / k, 8.47e28, 63.546 * atomic_mass)
    >>> f"{transport_rate_averaged(FreeElectronGas(8.47e28, m_e), ph, 10 * e, 10.0, cutoff=False):.3e}"
    '3.073e+07'
    """
    return _rates(electrons, phonons, coupling, T, transport=True, window=True, cutoff=cutoff,
                  rule=_rule(angular_order, radial_order), processes=processes)


def resistivity(electrons, phonons, coupling, T: ArrayLike, *, cutoff: bool = True, angular_order: int = 16,
                radial_order: int = 12, processes: str = "normal") -> np.ndarray | float:
    """Electrical resistivity ρ_el = m <1/τ_tr>/(n e²), Ω m, from :func:`transport_rate_averaged`.

    Parameters
    ----------
    electrons : numeric.bands.BandModel
        A parabolic band (domain :class:`numeric.bands.FermiSphere`, e.g.
        ``numeric.electrons.FreeElectronGas``): m from the domain, n (both spins) from the model.
    phonons, coupling : PhononModel, DeformationPotential or float
        As in :func:`momentum_relaxation_rate` (the phonon mass must be set; D in J).
    T : array_like
        Temperatures, K (>= 0); any shape, one shared set of q-nodes.
    cutoff, angular_order, radial_order, processes : optional
        As in :func:`momentum_relaxation_rate` (Debye sphere: q <= q_D if ``cutoff``; the
        Brillouin-zone ray rule, defaults 16 and 12; normal, umklapp or all processes).

    Returns
    -------
    float or ndarray
        ρ_el in Ω m (phonon part only; no residual resistivity).

    Notes
    -----
    Drude form with the Fermi-window-averaged transport rate (the variational
    solution of the Boltzmann equation with a displaced Fermi sphere; Ziman
    ch. 9): ∝ T for T >> T_BG, ∝ T⁵ for T << T_BG (Bloch-Grüneisen). For a
    cubic lattice model the Fermi-surface average is the displaced-sphere
    result too: the tensor Σ (k − k')_i (k − k')_j P_kk' is isotropic in a
    cubic crystal (to O((v_s/v_F)²), |k − k'|² = 2kk'(1 − cos θ)).

    Examples
    --------
    >>> from numeric.constants import atomic_mass, e, m_e
    >>> from numeric.electrons import FreeElectronGas
    >>> from numeric.phonons import DebyeModel
    >>> cu = FreeElectronGas(8.47e28, m_e)
    >>> ph = DebyeModel(343.0, 8.47e28, 63.546 * atomic_mass)      # Cu: Θ_D = 343 K, cut-off q_D
    >>> f"{resistivity(cu, ph, 10 * e, 300.0) * 1e8:.2f} µΩ cm"
    '3.57 µΩ cm'
    >>> from numeric.lattice import Lattice
    >>> from numeric.springs import SpringModel
    >>> fcc = Lattice.fcc(3.615e-10)
    >>> springs = SpringModel.with_debye_temperature(fcc, 63.546 * atomic_mass, 343.0, 0.25)
    >>> f"{resistivity(cu, springs, 10 * e, 300.0) * 1e8:.2f} µΩ cm"      # three branches, first BZ
    '4.20 µΩ cm'
    """
    m = fermi_sphere(electrons, "resistivity").mass
    n = float(electrons.n)  # type: ignore[attr-defined]
    return _rates(electrons, phonons, coupling, T, transport=True, window=True, cutoff=cutoff,
                  rule=_rule(angular_order, radial_order), factor=m / n / _E / _E, what="the resistivity",
                  unit="Ω m", processes=processes)


#: The deformation potential of the rates in :func:`umklapp_fraction` (it cancels), J.
_FRACTION_D = 2.0**-100


def umklapp_fraction(electrons, phonons, T: ArrayLike, *, transport: bool = True, angular_order: int = 16,
                     radial_order: int = 12) -> np.ndarray | float:
    """Share of umklapp processes in the Fermi-window-averaged scattering rate, U/(N + U), 1.

    k' = k + q + G: a momentum change Q = k' − k outside the first Brillouin zone is carried by
    the phonon q = Q − G of the first zone and a reciprocal lattice vector G ≠ 0 (umklapp); inside
    it G = 0 (normal). The fraction of the rate <1/τ_tr> of :func:`transport_rate_averaged`
    (``transport=True``, the resistivity's) or of the window-averaged out-scattering rate (False)
    that comes from G ≠ 0, for a free-electron sphere on a lattice model.

    Parameters
    ----------
    electrons : numeric.bands.BandModel
        A parabolic band (domain :class:`numeric.bands.FermiSphere`, e.g.
        ``numeric.electrons.FreeElectronGas``) whose momentum changes stay short of every
        reciprocal lattice vector: 2k_F + mω_max/(ħk_F) < |G_min| (a monovalent fcc or bcc metal;
        not Al or Pb, whose spheres span several zones).
    phonons : numeric.phonons.PhononModel
        A lattice model with a :class:`numeric.phonons.BrillouinZone` domain (e.g.
        :class:`numeric.springs.SpringModel`, 3D, mass set).
    T : array_like
        Temperatures, K (>= 0); any shape.
    transport : bool, optional
        True (default): with the transport weight 1 − cos θ; False: without it.
    angular_order, radial_order : int, optional
        The Brillouin-zone ray rule of :func:`momentum_relaxation_rate` (defaults 16 and 12).

    Returns
    -------
    float or ndarray
        U/(N + U) in [0, 1], shape of T; 0 at T = 0 (and where both rates underflow, T below
        ~1e-50 K: the umklapp rate vanishes faster). The deformation potential D cancels (the rates
        are formed with D = 2⁻¹⁰⁰ J, which keeps them finite from 0 to 1e300 K).

    Notes
    -----
    Both parts use the deformation-potential coupling of the rigid lattice to the momentum change,
    V|g|² = D²ħ(Q·e_qλ)²/(2ρω_qλ) (Ziman, *Electrons and Phonons*, ch. 9.4; Grimvall ch. 6), with the
    periodic modes ω_λ(Q) = ω_λ(q), e_λ(Q) = e_λ(q) of the lattice model. The umklapp integral runs
    over the cones of :func:`momentum_relaxation_rate` continued beyond the zone boundary up to the
    kinematic limits |Q| ≈ 2k_F, on panels graded toward them (``numeric._golden_rule.LatticeNodes``).
    At low T the umklapp phonons have a gap, |q| >= q_U = |G_min| − 2k_F, and the umklapp rate
    freezes out as exp(−T*/T) while the normal rate falls as T⁵; the crossover sets where the
    Bloch T⁵ law is seen (the free-electron estimate of T* is
    :func:`numeric.metals.umklapp_freeze_out_temperature`, Θ_D q_U/q_D). At high T umklapp
    processes dominate the free-electron model of a monovalent metal: the sphere |Q| <= 2k_F
    holds four Brillouin-zone volumes, and the transport weight favours large |Q|.
    Cu's real Fermi surface touches the {111} zone faces (necks), where no gap exists; the
    free-electron sphere misses that (see ``numeric.metals``).

    Examples
    --------
    Potassium: free electrons (Z = 1, bcc, a = 5.23 Å) on springs fitted to Θ_D(0) = 91 K.

    >>> from numeric.constants import atomic_mass, m_e
    >>> from numeric.electrons import FreeElectronGas
    >>> from numeric.lattice import Lattice
    >>> from numeric.springs import SpringModel
    >>> bcc = Lattice.bcc(5.23e-10)
    >>> springs = SpringModel.with_debye_temperature(bcc, 39.0983 * atomic_mass, 91.0, 0.25)
    >>> f = umklapp_fraction(FreeElectronGas(2 / 5.23e-10**3, m_e), springs, [0.5, 1.0, 2.0, 20.0])
    >>> [f"{x:.3f}" for x in f]
    ['0.000', '0.095', '0.982', '0.982']
    """
    common = {"electrons": electrons, "phonons": phonons, "T": T, "coupling": _FRACTION_D,
                   "window": True, "transport": flag("transport", transport),
                   "rule": _rule(angular_order, radial_order)}
    if not isinstance(getattr(phonons, "domain", None), BrillouinZone):
        raise ValueError("phonons is outside the valid range of umklapp_fraction: a lattice model with a "
                         "BrillouinZone domain (e.g. numeric.springs.SpringModel); a Debye sphere has no "
                         "reciprocal lattice")
    normal = np.asarray(_rates(**common, processes="normal"))
    umklapp = np.asarray(_rates(**common, processes="umklapp"))
    total = normal + umklapp
    fraction = np.divide(umklapp, total, out=np.zeros_like(total), where=total > 0.0)
    return float(fraction) if fraction.ndim == 0 else fraction
