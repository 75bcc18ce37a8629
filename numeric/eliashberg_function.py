"""The Eliashberg function α²F(ω) of a metal from its band, phonons and coupling; Allen's resistivity (SI).

An integrator of the Fermi-surface double delta,

    α²F(ω) = (1/N(E_F)) Σ_{k,q,ν} |g_qν|² δ(ε_k − E_F) δ(ε_{k+q} − E_F) δ(ħω − ħω_qν),

with N(E_F) the density of states per spin of the whole crystal and Σ_k over the states of one spin
(α²F is dimensionless, ω in rad/s), and its transport twin α²F_tr(ω), the same sum with the weight
1 − cos θ_{k,k+q} (= q²/(2k_F²) on a spherical Fermi surface). The double delta of a spherical Fermi
surface (a parabolic band) is done exactly: per unit volume and spin

    ξ(q) = ∫d³k/(2π)³ δ(ε_k − E_F) δ(ε_{k+q} − E_F) = m²/(4π²ħ⁴q)  for q < 2k_F, 0 above,

so that ξ(q)/N(E_F) = 1/(2ħv_F q) is the Fermi-surface average of δ(ε_{k+q} − E_F). What remains is a
q-integral against δ(ħω − ħω_qν):

* phonons on a :class:`numeric.phonons.DebyeSphere` (``DebyeModel``): one longitudinal branch ω = v q,
  and α²F(ω) is the q-integrand at q = ω/v (exact: no broadening);
* phonons on a :class:`numeric.phonons.BrillouinZone` (``SpringModel``): the q-integral over the
  first BZ clipped at |q| < 2k_F, on graded rays from Γ (the rule of :mod:`numeric.transport`), with
  the deformation-potential weight (q·e_qν)²; the measure Σ_i W_i δ(ω − ω_i) of the nodes is spread
  on the frequency grid by linear (hat-function) binning, see :func:`eliashberg_function`.

* :func:`nesting_function`: ξ(q) of any band (lattice bands: linear tetrahedra); for a Fermi sphere by
  k-space quadrature of two Gaussian-smeared deltas (the band's own
  energies; independent of the closed form, which it reaches as the width -> 0);
* :func:`eliashberg_function`: α²F(ω) or α²F_tr(ω) on a grid;
* :func:`coupling_moments`: λ (or λ_tr), ω_log, ⟨ω²⟩ of the model's α²F, integrated on the q-nodes
  themselves (no frequency grid);
* :func:`allen_resistivity`: ρ(T) = (m/ne²)/τ_tr(T) with Allen's formula
  1/τ_tr = (4πk_BT/ħ)∫(dω/ω) α²F_tr(ω) x²/sinh²x, x = ħω/(2k_BT), from α²F_tr on a grid.

Closed forms (generated kernels of the derivations ``nesting_function_sphere``,
``eliashberg_function_free_electron``, ``allen_transport_bloch_gruneisen``):
:func:`nesting_function_sphere`, :func:`coupling_constant_free_electron` (λ and λ_tr),
:func:`allen_transport_rate_low_T` (the Bloch-Grüneisen T⁵ law in terms of λ_tr and ω_c). They are the
references of the tests and of ``ephkit check``'s cross-checks; the integrators above never call them.

Conventions: SI; N(E_F) per spin (half the ``dos_fermi`` of a band model, which counts both spins);
electron spin conserved; normal processes only; quasi-elastic kinematics (ħω_q << E_F: both deltas at
E_F). The golden-rule integrator :mod:`numeric.transport` keeps ħω_q in the kinematics; the two
resistivities differ by O((v_s/v_F)²).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from . import constants as _c
from ._generated import eliashberg_function as _kernels
from ._quadrature import boundary_cones, gauss01, radial_rule
from ._support import checked, finite_result, flag, integer, scaled
from .bands import TetrahedronBZ, band_domain, fermi_sphere
from .phonons import BrillouinZone, DebyeSphere
from .springs import SpringModel
from .superconductivity import EliashbergMoments
from .tetrahedron import lattice_nesting_function
from .transport import DeformationPotential, coupling_constant

__all__ = [
    "allen_resistivity",
    "allen_transport_rate_low_T",
    "coupling_constant_free_electron",
    "coupling_moments",
    "eliashberg_function",
    "nesting_function",
    "nesting_function_sphere",
]

_HBAR, _K_B, _E = _c.hbar, _c.k, _c.e

#: Largest accepted angular and radial orders of the Brillouin-zone rule (as numeric.transport).
MAX_ORDER = 64
#: Geometric panels toward Γ of the Brillouin-zone rays (ratio, innermost panel), as numeric.transport.
_PANEL_RATIO, _T_MIN = 3.0, 1e-6
#: Gauss-Legendre order per panel of the Debye-sphere moments (graded panels toward ω = 0).
_DEBYE_ORDER, _DEBYE_PANELS = 16, 2.0**-60
#: Relative tolerance of the Debye cut-off ω_c = v q_c (a grid point at ω_c computed another way is inside).
_EDGE = 1e-12
#: Gauss-Legendre points per grid panel of Allen's integral.
ALLEN_ORDER = 16


# ------------------------------------------------------------------ the spectrum as q-nodes
def _models(electrons: object, phonons: object, coupling: DeformationPotential | float) -> tuple:
    """(m, k_F, N(E_F) per spin per volume, D, domain, ρ) of validated models."""
    sphere = fermi_sphere(electrons, "the Eliashberg function")
    n_f = 0.5 * float(electrons.dos_fermi)  # type: ignore[attr-defined]  # per spin
    D = coupling_constant(coupling)
    domain = getattr(phonons, "domain", None)
    if not isinstance(domain, BrillouinZone | DebyeSphere):
        raise TypeError("phonons must be a numeric.phonons.PhononModel with a domain (a SpringModel: "
                        f"BrillouinZone, or a DebyeModel: DebyeSphere), got {type(phonons).__name__}")
    if phonons.dim != 3:  # type: ignore[attr-defined]
        raise ValueError(f"phonons.dim = {phonons.dim} is outside the valid range: 3 (bulk metal)")  # type: ignore[attr-defined]
    if phonons.mass is None:  # type: ignore[attr-defined]
        raise ValueError("phonons.mass = None: the mass density ρ = M/Ω needs the atomic mass (> 0 kg)")
    rho = phonons.mass / phonons.cell_volume  # type: ignore[attr-defined]
    return sphere.mass, sphere.k_F, n_f, D, domain, rho


def _nesting(m: float, q: np.ndarray) -> np.ndarray:
    """ξ(q) = m²/(4π²ħ⁴q), per unit volume and spin, 1/(J² m³): the spherical Fermi surface's double delta
    for q < 2k_F (the caller keeps q < 2k_F). ∫d³k/(2π)³ δ(ε_k − E_F) δ(ε_{k+q} − E_F): the first delta
    puts |k| = k_F with weight m/(ħ²k_F), the second fixes cos∠(k, q) = −q/(2k_F) with m/(ħ²k_F q)."""
    return (m / _HBAR**2) ** 2 / (4.0 * math.pi**2 * q)


def _weight(q: np.ndarray, k_F: float, transport: bool) -> np.ndarray:
    """1 − cos θ = q²/(2k_F²) on the Fermi sphere (transport), else 1."""
    return (q / k_F) ** 2 / 2.0 if transport else np.ones_like(q)


def _debye_density(m: float, k_F: float, n_f: float, D: float, rho: float, v: float, q_c: float,
                   omega: np.ndarray, transport: bool) -> np.ndarray:
    """α²F(ω) of one longitudinal branch ω = v q, q < q_c: the q-integrand at q = ω/v.

    α²F(ω) = (1/N) ∫d³q/(2π)³ V|g_q|² ξ(q) w(q) δ(ħω − ħvq) = q² V|g_q|² ξ(q) w(q)/(2π² N ħ v),
    V|g_q|² = D²ħq²/(2ρω_q) (deformation potential, (q·e)² = q² for the longitudinal mode).
    """
    q = omega / v
    inside = (q > 0.0) & (q <= q_c * (1.0 + _EDGE))
    qi = q[inside]
    coupling = D * D * _HBAR * qi / (2.0 * rho * v)  # D * D: inf, not OverflowError, beyond the doubles
    out = np.zeros_like(omega)
    out[inside] = qi**2 * coupling * _nesting(m, qi) * _weight(qi, k_F, transport) / (
        2.0 * math.pi**2 * n_f * _HBAR * v)
    return out


def _lattice_measure(phonons: object, lattice: object, m: float, k_F: float, n_f: float, D: float,
                     rho: float, transport: bool, angular_order: int,
                     radial_order: int) -> tuple[np.ndarray, np.ndarray]:
    """(ω_i, W_i): α²F(ω) = Σ_i W_i δ(ω − ω_i) on the BZ rays clipped at |q| < 2k_F, all branches.

    W_i = w_i V|g_i|² ξ(|q_i|) w(q_i)/((2π)³ N ħ), w_i the d³q weight of the node, V|g|² =
    D²ħ(q·e)²/(2ρω).
    """
    P, w_dir = boundary_cones(phonons, lattice, angular_order)
    length = np.linalg.norm(P, axis=1)
    t_c = np.minimum(1.0, 2.0 * k_F / length)  # clip each ray at the sphere |q| = 2k_F
    tau, w_tau = radial_rule(radial_order, _PANEL_RATIO, _T_MIN)
    t = t_c[:, None] * tau
    w3 = (w_dir[:, None] * t**2 * t_c[:, None] * w_tau).reshape(-1)        # d³q
    q = (t[..., None] * P[:, None, :]).reshape(-1, 3)
    omega, vectors = phonons.modes(q)                                       # type: ignore[attr-defined]
    qe2 = np.einsum("qi,qis->qs", q, vectors) ** 2                          # (q·e_ν)²
    q_abs = np.linalg.norm(q, axis=1)
    keep = (omega > 0.0) & (qe2 > 0.0)
    coupling = np.where(keep, D * D * _HBAR * qe2 / (2.0 * rho * np.where(keep, omega, 1.0)), 0.0)
    per_node = w3 * _nesting(m, q_abs) * _weight(q_abs, k_F, transport) / ((2.0 * math.pi) ** 3 * n_f * _HBAR)
    W = coupling * per_node[:, None]
    return omega[keep], W[keep]


def _spectrum(electrons, phonons, coupling, transport: bool, cutoff: bool, angular_order: int,
              radial_order: int) -> tuple:
    """(D, 'density', function of ω, ω_c) on a Debye sphere, or (D, 'measure', ω_i, W_i) on a Brillouin zone,
    the spectrum for a unit coupling D = 1 J (α²F ∝ D²: the caller multiplies by D twice, so that no
    intermediate over- or underflows unless the result does)."""
    transport = flag("transport", transport)
    cutoff = flag("cutoff", cutoff)
    angular_order = integer("angular_order", angular_order, 1, MAX_ORDER)
    radial_order = integer("radial_order", radial_order, 1, MAX_ORDER)
    m, k_F, n_f, D, domain, rho = _models(electrons, phonons, coupling)
    match domain:
        case BrillouinZone(lattice=lattice):
            if not cutoff:
                raise ValueError("cutoff = False is outside the valid range for a Brillouin-zone domain (a "
                                 "SpringModel): True (its phonons live in the first BZ; cutoff = False "
                                 "applies to a DebyeModel)")
            nodes, weights = _lattice_measure(phonons, lattice, m, k_F, n_f, 1.0, rho, transport,
                                              angular_order, radial_order)
            return D, "measure", nodes, weights
        case DebyeSphere(radius=radius, velocity=v):
            q_c = min(radius, 2.0 * k_F) if cutoff else 2.0 * k_F

            def density(omega: np.ndarray) -> np.ndarray:
                return _debye_density(m, k_F, n_f, 1.0, rho, v, q_c, omega, transport)

            return D, "density", density, v * q_c


def _hat_binning(grid: np.ndarray, nodes: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """The measure Σ W_i δ(ω − ω_i) as values on ``grid``: each node split linearly between its two grid
    neighbours, each grid value the collected weight over its cell (ω_{j+1} − ω_{j−1})/2."""
    j = np.clip(np.searchsorted(grid, nodes, side="right") - 1, 0, grid.size - 2)
    h = np.diff(grid)
    s = (nodes - grid[j]) / h[j]
    mass = np.bincount(j, weights * (1.0 - s), grid.size) + np.bincount(j + 1, weights * s, grid.size)
    if grid[0] == 0.0:  # α²F vanishes as ω -> 0 (acoustic phonons): the first panel's share goes to ω_1
        mass[1] += mass[0]
        mass[0] = 0.0
    cell = np.concatenate([[h[0]], h[:-1] + h[1:], [h[-1]]]) / 2.0
    return mass / cell


def _grid(omega: ArrayLike) -> np.ndarray:
    """A validated frequency grid: 1-D, >= 2 points, finite, >= 0, strictly increasing."""
    w = checked("omega", omega, 0.0)
    if w.ndim != 1 or w.size < 2:
        raise ValueError(f"omega must be a 1-D array of at least 2 frequencies, got shape {w.shape}")
    steps = np.diff(w)
    if not (steps > 0).all():
        i = int(np.argmin(steps > 0))
        raise ValueError(f"omega must be strictly increasing, got omega[{i}] = {w[i]:g} >= omega[{i + 1}] = "
                         f"{w[i + 1]:g}")
    return w


def eliashberg_function(electrons, phonons, coupling, omega: ArrayLike, *, transport: bool = False,
                        cutoff: bool = True, angular_order: int = 16, radial_order: int = 12) -> np.ndarray:
    """Eliashberg function α²F(ω), or the transport function α²F_tr(ω), on a frequency grid (dimensionless).

    α²F(ω) = (1/N(E_F)) Σ_{k,q,ν} |g_qν|² δ(ε_k − E_F) δ(ε_{k+q} − E_F) δ(ħω − ħω_qν), and α²F_tr with
    the extra weight 1 − cos θ_{k,k+q} (q²/(2k_F²) on the Fermi sphere).

    Parameters
    ----------
    electrons : numeric.bands.BandModel
        A parabolic band (domain :class:`numeric.bands.FermiSphere`, e.g.
        ``numeric.electrons.FreeElectronGas``): band mass m and k_F from the domain,
        N(E_F) = ``dos_fermi``/2 (per spin).
    phonons : numeric.phonons.PhononModel
        Domain :class:`numeric.phonons.DebyeSphere` (``DebyeModel``): one longitudinal
        branch ω = v q. Domain :class:`numeric.phonons.BrillouinZone` (``SpringModel``, 3D):
        all branches and polarisations (``modes``) in the first BZ. ρ = M/Ω (the mass must be set).
    coupling : DeformationPotential or float
        Deformation potential D, J: V|g_qν|² = D²ħ(q·e_qν)²/(2ρω_qν).
    omega : array_like, shape (n,), n >= 2
        Angular frequencies, rad/s: finite, >= 0, strictly increasing. For a Brillouin-zone
        domain the grid must reach the largest phonon frequency that couples (the model's
        ``frequency_bound`` always does).
    transport : bool, optional
        False (default): α²F. True: α²F_tr (weight 1 − cos θ).
    cutoff : bool, optional
        Debye sphere: True (default): phonons up to q_c = min(q_D, 2k_F); False: the linear
        dispersion continued to 2k_F (the model of ``numeric.scattering``'s closed forms).
        Brillouin zone: must be True.
    angular_order, radial_order : int, optional
        Brillouin zone only (1 to 64): Gauss points per direction on each BZ boundary triangle,
        and per radial panel (geometric panels toward Γ, as :mod:`numeric.transport`). Defaults 16, 12.

    Returns
    -------
    ndarray, shape (n,)
        α²F(ω_j) (or α²F_tr), dimensionless; 0 outside the phonon spectrum.

    Notes
    -----
    The spherical Fermi surface's double delta is exact, ξ(q) = m²/(4π²ħ⁴q) for q < 2k_F per unit
    volume and spin (derivation ``nesting_function_sphere``), so
    α²F(ω) = (1/N) ∫d³q/(2π)³ Σ_ν V|g_qν|² ξ(|q|) w(q) δ(ħω − ħω_qν), w = 1 or q²/(2k_F²).

    Debye sphere: α²F(ω) = q² V|g_q|² ξ(q) w(q)/(2π² N ħ v) at q = ω/v < q_c, exact at every ω
    (for the free-electron gas this is D²mω²/(8π²ρv⁴ħ²k_F), derivation
    ``eliashberg_function_free_electron``).

    Brillouin zone: the q-integral on the rays from Γ of :mod:`numeric.transport` (each ray clipped at
    |q| = 2k_F), which turns α²F into a sum of weighted deltas Σ_i W_i δ(ω − ω_i). A function on a grid
    needs the deltas spread: each is split between its two neighbouring grid frequencies in proportion
    to its distance from them (hat-function, or linear, binning), and the collected weight is divided by
    the node's cell (ω_{j+1} − ω_{j−1})/2 (on a grid from ω = 0 the share of ω = 0 goes to ω_1: α²F
    vanishes at ω = 0, as ``numeric.superconductivity.eliashberg_moments`` requires). This keeps ∫α²F dω
    of the trapezoid rule exact and ∫ω α²F dω up to the first panel (no parameter like a Gaussian width
    to tune), and the error of a smooth moment is O(h²) in
    the grid spacing h: a broadening would bias the moments at fixed width, and a histogram is only
    O(h). Structure of α²F finer than the grid (van Hove peaks) is smoothed over a cell.

    Source: Grimvall, *The Electron-Phonon Interaction in Metals*, ch. 3 and 5; Allen, Phys. Rev. B 6,
    2577 (1972) (α²F_tr).

    Examples
    --------
    >>> import numpy as np
    >>> from numeric.constants import atomic_mass, e
    >>> from numeric.electrons import FreeElectronGas
    >>> from numeric.phonons import DebyeModel
    >>> cu = FreeElectronGas.copper()
    >>> ph = DebyeModel(343.0, 8.47e28, 63.546 * atomic_mass)
    >>> omega = np.linspace(0.0, ph.omega_debye, 5)      # q_D < 2k_F: the cut-off is ω_D
    >>> [f"{a:.4f}" for a in eliashberg_function(cu, ph, DeformationPotential(10 * e), omega)]
    ['0.0000', '0.0584', '0.2334', '0.5252', '0.9337']
    """
    grid = _grid(omega)
    D, kind, *spectrum = _spectrum(electrons, phonons, coupling, transport, cutoff, angular_order,
                                   radial_order)

    def times_d2(unit: np.ndarray) -> np.ndarray:
        with np.errstate(over="ignore", under="ignore", invalid="ignore"):
            out = D * (D * unit)
        return finite_result(out, "eliashberg_function", D=np.full(grid.shape, D))

    if kind == "density":
        return times_d2(spectrum[0](grid))
    nodes, weights = spectrum
    top = float(nodes.max(initial=0.0))
    if top > grid[-1]:
        raise ValueError(f"omega[-1] = {grid[-1]:g} rad/s is outside the valid range [{top:g}, inf): the "
                         "grid must reach the largest phonon frequency that couples "
                         f"(phonons.frequency_bound = {phonons.frequency_bound:g} rad/s always does)")
    return times_d2(_hat_binning(grid, nodes, weights))


def coupling_moments(electrons, phonons, coupling, *, transport: bool = False, cutoff: bool = True,
                     angular_order: int = 16, radial_order: int = 12) -> EliashbergMoments:
    """λ (or λ_tr), ω_log and ⟨ω²⟩ of the model's α²F (or α²F_tr), integrated without a frequency grid.

    λ = 2∫α²F(ω)/ω dω, ω_log = exp[(2/λ)∫ln ω α²F(ω)/ω dω], ⟨ω²⟩ = (2/λ)∫ω α²F(ω) dω (Allen & Dynes);
    with ``transport`` the same moments of α²F_tr (λ_tr = 2∫α²F_tr/ω dω).

    Parameters
    ----------
    electrons, phonons, coupling, transport, cutoff, angular_order, radial_order
        As in :func:`eliashberg_function`.

    Returns
    -------
    numeric.superconductivity.EliashbergMoments
        ``lam`` (dimensionless), ``omega_log`` (rad/s), ``omega2_mean`` (rad²/s²), ``omega2_bar`` (rad/s).

    Notes
    -----
    Debye sphere: Gauss-Legendre panels on [0, ω_c] graded geometrically toward ω = 0 (exact for the
    power laws α²F ∝ ω², α²F_tr ∝ ω⁴ of the free-electron gas, and ~1e-15 for the logarithm). Brillouin
    zone: the sums Σ_i W_i f(ω_i) over the q-nodes of :func:`eliashberg_function` (no binning).
    For the free-electron gas with deformation-potential coupling to Debye phonons,
    λ = N(E_F) D² q_c²/(4k_F² ρ v²) (derivation ``eliashberg_function_free_electron``).

    Examples
    --------
    >>> from numeric.constants import atomic_mass, e
    >>> from numeric.electrons import FreeElectronGas
    >>> from numeric.phonons import DebyeModel
    >>> cu = FreeElectronGas.copper()
    >>> ph = DebyeModel(343.0, 8.47e28, 63.546 * atomic_mass)
    >>> mom = coupling_moments(cu, ph, 10 * e)
    >>> f"λ = {mom.lam:.4f}, ω_log/ω_D = {mom.omega_log / ph.omega_debye:.4f}"
    'λ = 0.9337, ω_log/ω_D = 0.6065'
    """
    D, kind, *spectrum = _spectrum(electrons, phonons, coupling, transport, cutoff, angular_order,
                                   radial_order)
    if kind == "density":
        density, omega_c = spectrum
        t, w = radial_rule(_DEBYE_ORDER, 2.0, _DEBYE_PANELS)
        nodes, weights = omega_c * t, omega_c * w * density(omega_c * t)
    else:
        nodes, weights = spectrum
    over = weights / nodes  # for D = 1 J
    unit = 2.0 * float(over.sum())
    if D == 0.0:
        raise ValueError("coupling D = 0 is outside the valid range D != 0: λ = 0 and ω_log is undefined")
    with np.errstate(over="ignore", under="ignore"):
        lam = float(D * (D * np.float64(unit)))
    if not math.isfinite(lam):  # (a λ below the smallest double underflows to 0, as any product would)
        raise ValueError(f"D = {D:g} J is outside the valid range of coupling_moments for these models: "
                         "λ ∝ D² exceeds the largest double (valid range: D with a representable λ)")
    omega_log = math.exp(2.0 * float((np.log(nodes) * over).sum()) / unit)
    omega2 = 2.0 * float((nodes * weights).sum()) / unit
    return EliashbergMoments(lam, omega_log, omega2, math.sqrt(omega2))


#: Gauss points in the radial shell and per angular panel of :func:`nesting_function`; most angular panels.
_SHELL_ORDER, _PANEL_ORDER, MAX_PANELS = 48, 4, 20000


def nesting_function(electrons, q: ArrayLike, width: float | None = None, *, mesh: int = 32,
                     method: str | None = None) -> np.ndarray | float:
    """Nesting function ξ(q) = ∫d^dk/(2π)^d δ(ε_k − E_F) δ(ε_{k+q} − E_F) of any band, 1/(J² m^d).

    Per unit volume and per spin; ∫ξ(q) d^dq/(2π)^d = N(E_F)² (N per spin). Which integrator runs
    depends on the band's domain (:func:`numeric.bands.band_domain`):

    * a Fermi sphere (``FreeElectronGas``): the k-space quadrature of two Gaussian-smeared deltas
      below (``method`` "smearing", the only one; ``width`` required; q: magnitudes, any shape);
    * a lattice band (``TightBinding``): :func:`numeric.tetrahedron.lattice_nesting_function`, linear
      tetrahedra (``method`` "tetrahedron", the default) or smearing on a Γ-centred ``mesh``
      (q: vectors, shape (..., d)).

    For a parabolic band the closed form is :func:`nesting_function_sphere` (derivation
    ``nesting_function_sphere``).

    Fermi sphere: ξ_σ(q) = ∫d³k/(2π)³ δ_σ(ε_k − E_F) δ_σ(ε_{k+q} − E_F), the smeared double delta.

    A k-space integrator with Gaussian deltas δ_σ(x) = exp(−x²/2σ²)/(σ√(2π)), on the band's own
    energies (``electrons.energies``); per unit volume and spin. As σ -> 0 it reaches the nesting
    function ξ(q) with an error O(σ²) (the joint density of the two energies is smooth near the Fermi
    level for 0 < q < 2k_F): Richardson extrapolation in σ² removes it.

    Parameters
    ----------
    electrons : numeric.bands.BandModel
        A band with a :class:`numeric.bands.FermiSphere` domain (isotropic: q is taken along z and the
        azimuth of k integrated exactly); ``energies`` and ``fermi_level`` are used.
        A lattice band (:class:`numeric.bands.TetrahedronBZ` domain): see
        :func:`numeric.tetrahedron.lattice_nesting_function`.
    q : array_like
        Fermi sphere: wavevector magnitudes, 1/m (> 0), any shape. Lattice band: wavevectors, 1/m,
        shape (..., d).
    width : float, optional
        Gaussian width σ, J. Fermi sphere: required (> 0, below E_F/8: the shell |ε_k − E_F| <= 8σ is
        integrated; above 4ħ²k_F q/(20000 m), ~ 4e-4 (q/k_F) E_F, for the angular rule). Lattice band:
        for ``method="smearing"`` only.
    mesh : int, optional
        Lattice band only: mesh divisions per reciprocal vector (default 32).
    method : {None, "tetrahedron", "smearing"}, optional
        None: the domain's default ("smearing" on a sphere, "tetrahedron" on a lattice).

    Returns
    -------
    float or ndarray
        ξ(q) (ξ_σ(q) with smearing) in 1/(J² m^d), shape of q (sphere) or q.shape[:-1] (lattice).

    Notes
    -----
    The radial shell by 48-point Gauss-Legendre in k, the angle μ = cos∠(k, q) by 4-point Gauss
    panels at most half the second delta's width in μ wide (64 to 20000 panels: a width that would need
    more is refused). For a parabolic band
    the joint density of (ε_k, ε_{k+q}) is constant near (E_F, E_F) for 0 < q < 2k_F, so the smearing
    error vanishes there up to the quadrature (~1e-13); it is O(σ²) in general and near q = 2k_F.

    Examples
    --------
    >>> from numeric.electrons import FreeElectronGas
    >>> cu = FreeElectronGas.copper()
    >>> xi = nesting_function(cu, [0.5 * cu.k_F, cu.k_F], 1e-3 * cu.E_F)
    >>> [f"{r:.12f}" for r in xi / nesting_function_sphere([0.5 * cu.k_F, cu.k_F], cu.m, cu.k_F)]
    ['1.000000000000', '1.000000000000']
    """
    if isinstance(band_domain(electrons), TetrahedronBZ):
        return lattice_nesting_function(electrons, q, mesh=mesh, width=width,
                                        method="tetrahedron" if method is None else method)
    sphere = fermi_sphere(electrons, "nesting_function")
    if method not in (None, "smearing"):
        raise ValueError(f"method = {method!r} is outside the valid range for a Fermi sphere: None or "
                         "'smearing' (smeared deltas; the exact closed form is nesting_function_sphere)")
    e_F = float(electrons.fermi_level)  # type: ignore[attr-defined]
    if width is None:
        raise ValueError(f"width = None is outside the valid range (0, {e_F / 8.0:g}] J: a Fermi sphere's "
                         "nesting function is computed with smeared deltas")
    sigma = float(checked("width", width, 0.0, e_F / 8.0, low_open=True))
    q_arr = checked("q", q, 0.0, low_open=True)
    m = sphere.mass
    k_lo, k_hi = (math.sqrt(2.0 * m * (e_F + s * sigma)) / _HBAR for s in (-8.0, 8.0))
    x, wx = gauss01(_SHELL_ORDER)
    k = k_lo + (k_hi - k_lo) * x
    wk = (k_hi - k_lo) * wx
    k_vectors = np.stack([np.zeros_like(k), np.zeros_like(k), k], axis=-1)
    eps_k = electrons.energies(k_vectors)  # type: ignore[attr-defined]
    norm = 1.0 / (sigma * math.sqrt(2.0 * math.pi))
    radial = wk * k**2 * norm * np.exp(-0.5 * ((eps_k - e_F) / sigma) ** 2)
    u, wu = gauss01(_PANEL_ORDER)
    out = np.empty(q_arr.size)
    for i, qi in enumerate(q_arr.reshape(-1)):
        # width of the second delta in μ: σ / |dε_{k+q}/dμ|, dε/dμ ≈ ħ²kq/m on the sphere
        needed = 4.0 * _HBAR**2 * k_hi * qi / (m * sigma)
        if needed > MAX_PANELS:
            raise ValueError(f"width = {sigma:g} J is outside the valid range of nesting_function at "
                             f"q = {qi:g} 1/m: [{sigma * needed / MAX_PANELS:g}, {e_F / 8.0:g}] J (narrower, "
                             "the "
                             f"second delta is finer than the {MAX_PANELS} angular panels resolve)")
        panels = max(64, math.ceil(needed))
        edges = np.linspace(-1.0, 1.0, panels + 1)
        mu = (edges[:-1, None] + np.diff(edges)[:, None] * u).reshape(-1)
        wmu = (np.diff(edges)[:, None] * wu).reshape(-1)
        kq = np.stack([np.outer(k, np.sqrt(1.0 - mu**2)), np.zeros((k.size, mu.size)),
                       np.outer(k, mu) + qi], axis=-1)
        eps = electrons.energies(kq)  # type: ignore[attr-defined]
        second = norm * np.exp(-0.5 * ((eps - e_F) / sigma) ** 2)
        out[i] = 2.0 * math.pi * float(radial @ (second @ wmu)) / (2.0 * math.pi) ** 3
    return float(out[0]) if q_arr.ndim == 0 else out.reshape(q_arr.shape)


# ------------------------------------------------------------------ Allen's formula
def _x2_over_sinh2(x: np.ndarray) -> np.ndarray:
    """x²/sinh²x = (2x e^(−x)/(1 − e^(−2x)))² for x >= 0, without overflow; 1 − x²/3 for small x."""
    small = x < 1e-4
    xs = np.where(small, 1.0, x)
    with np.errstate(under="ignore"):
        big = (2.0 * xs * np.exp(-xs) / -np.expm1(-2.0 * xs)) ** 2
    return np.where(small, 1.0 - x * x / 3.0, big)


def _allen_nodes(grid: np.ndarray, a2F: np.ndarray, power_law: bool) -> tuple[np.ndarray, np.ndarray]:
    """Nodes ω and weights (dω/ω) × α²F_tr(ω) of ∫(dω/ω) α²F_tr(ω) K(ω) over the grid.

    Between grid points α²F_tr is the straight line through its two values, or with ``power_law`` the
    power law through them where both are > 0 (exact for the ω² and ω⁴ of acoustic phonons); each panel
    by Gauss-Legendre.
    """
    x, wx = gauss01(ALLEN_ORDER)
    lo, hi = grid[:-1], grid[1:]
    f_lo, f_hi = a2F[:-1], a2F[1:]
    nodes = lo[:, None] + (hi - lo)[:, None] * x
    values = f_lo[:, None] * (1.0 - x) + f_hi[:, None] * x
    if power_law:
        power = (f_lo > 0.0) & (f_hi > 0.0) & (lo > 0.0)
        safe_lo, safe_f = np.where(power, lo, 1.0), np.where(power, f_lo, 1.0)
        p = np.where(power, np.log(np.where(power, f_hi, 1.0) / safe_f) / np.log(hi / safe_lo), 0.0)
        with np.errstate(over="ignore", under="ignore"):
            powered = safe_f[:, None] * (nodes / safe_lo[:, None]) ** p[:, None]
        values = np.where(power[:, None], powered, values)
    weights = (hi - lo)[:, None] * wx * values / nodes
    return nodes.reshape(-1), weights.reshape(-1)


def allen_resistivity(electrons, omega: ArrayLike, a2F_tr: ArrayLike, T: ArrayLike, *,
                      interpolation: str = "linear") -> np.ndarray | float:
    """Resistivity ρ(T) = (m/(n e²)) /τ_tr(T) from α²F_tr on a grid, by Allen's formula, Ω m.

    1/τ_tr(T) = (4π k_BT/ħ) ∫_0^∞ (dω/ω) α²F_tr(ω) x²/sinh²x,  x = ħω/(2k_BT).

    Parameters
    ----------
    electrons : numeric.bands.BandModel
        A parabolic band (domain :class:`numeric.bands.FermiSphere`): band mass m, density n (both spins).
    omega : array_like, shape (n,), n >= 2
        Angular frequencies, rad/s: finite, >= 0, strictly increasing.
    a2F_tr : array_like, shape (n,)
        α²F_tr at ``omega`` (dimensionless, finite, >= 0); zero outside the grid.
    T : array_like
        Temperatures, K (>= 0); any shape.
    interpolation : {"linear", "power"}, optional
        α²F_tr between grid points: "linear" (default; the representation of the trapezoid rule of
        ``numeric.superconductivity.eliashberg_moments`` and of the hat-function binning of
        :func:`eliashberg_function`, the right one for a binned, noisy spectrum) or "power": the
        power law through the two values where both are > 0, the line elsewhere (exact for a power
        law such as the α²F_tr ∝ ω⁴ of Debye phonons: a coarse geometric grid then suffices down to
        T ~ 1e-3 Θ; on a noisy spectrum it is biased low between very different values).

    Returns
    -------
    float or ndarray
        ρ in Ω m, shape of T (0 at T = 0).

    Notes
    -----
    Each grid panel is integrated by 16-point Gauss-Legendre against the interpolated α²F_tr; the
    error is that of the interpolation (O(h²) for "linear"). High T: 1/τ_tr -> 2πλ_tr k_BT/ħ; for
    α²F_tr ∝ ω⁴ below ω_c, 1/τ_tr = (2πλ_tr k_BT/ħ) 4(T/Θ)⁴ J_5(Θ/T), Θ = ħω_c/k_B
    (Bloch-Grüneisen; derivation ``allen_transport_bloch_gruneisen``). The DOS and matrix element are
    those at E_F over the thermal window (corrections O((k_BT/E_F)²)); the lowest-order variational
    solution of the Boltzmann equation (Allen, Phys. Rev. B 17, 3725 (1978); Grimvall ch. 6).

    Examples
    --------
    >>> import numpy as np
    >>> from numeric.constants import atomic_mass, e
    >>> from numeric.electrons import FreeElectronGas
    >>> from numeric.phonons import DebyeModel
    >>> cu = FreeElectronGas.copper()
    >>> ph = DebyeModel(343.0, 8.47e28, 63.546 * atomic_mass)
    >>> omega = np.linspace(0.0, ph.omega_debye, 2001)
    >>> a2F_tr = eliashberg_function(cu, ph, 10 * e, omega, transport=True)
    >>> [f"{r * 1e8:.3f}" for r in allen_resistivity(cu, omega, a2F_tr, [30.0, 300.0])]   # µΩ cm
    ['0.011', '3.566']

    A coarse geometric grid with the power-law interpolation gives the same for α²F_tr ∝ ω⁴:

    >>> omega = np.geomspace(1e-6 * ph.omega_debye, ph.omega_debye, 200)
    >>> a2F_tr = eliashberg_function(cu, ph, 10 * e, omega, transport=True)
    >>> rho = allen_resistivity(cu, omega, a2F_tr, [30.0, 300.0], interpolation="power")
    >>> [f"{r * 1e8:.3f}" for r in rho]
    ['0.011', '3.566']
    """
    m = fermi_sphere(electrons, "allen_resistivity").mass
    n = float(electrons.n)  # type: ignore[attr-defined]
    grid = _grid(omega)
    f = checked("a2F_tr", a2F_tr, 0.0)
    if f.shape != grid.shape:
        raise ValueError(f"a2F_tr must have the shape of omega {grid.shape}, got shape {f.shape}")
    T_arr = checked("T", T, 0.0)
    if interpolation not in ("linear", "power"):
        raise ValueError(f"interpolation = {interpolation!r} is outside the valid range: 'linear' or 'power'")
    nodes, weights = _allen_nodes(grid, f, interpolation == "power")
    flat = T_arr.reshape(-1)
    integral = np.zeros(flat.shape)  # ∫(dω/ω) α²F_tr x²/sinh²x
    for i, t in enumerate(flat):
        if t > 0.0:
            with np.errstate(over="ignore", under="ignore"):
                integral[i] = float(weights @ _x2_over_sinh2(_HBAR * nodes / (2.0 * _K_B * t)))
    with np.errstate(over="ignore"):  # T last: k_BT/ħ alone overflows above ~1e300 K, ρ does not
        rho = m / (n * _E * _E) * (4.0 * math.pi * _K_B / _HBAR) * integral * flat
    rho = finite_result(rho, "allen_resistivity", T=flat)
    return float(rho[0]) if T_arr.ndim == 0 else rho.reshape(T_arr.shape)


# ------------------------------------------------------------------ closed forms (generated kernels)
def nesting_function_sphere(q: ArrayLike, m: ArrayLike, k_F: ArrayLike) -> np.ndarray | float:
    """Nesting function ξ(q) = ∫d³k/(2π)³ δ(ε_k − E_F) δ(ε_{k+q} − E_F) of a parabolic band, 1/(J² m³).

    ξ(q) = m²/(4π²ħ⁴q) for 0 < q < 2k_F, 0 for q > 2k_F (half the value at q = 2k_F, where the root of the
    second delta is the end μ = −1 of the angular range); per unit volume and spin.

    Parameters
    ----------
    q : array_like
        Wavevector magnitude, 1/m (> 0).
    m : array_like
        Band mass, kg (> 0).
    k_F : array_like
        Fermi wavevector, 1/m (> 0).

    Returns
    -------
    float or ndarray
        ξ(q) in 1/(J² m³); ξ(q)/N(E_F) = 1/(2ħv_F q) with N(E_F) = mk_F/(2π²ħ²) per spin.

    Notes
    -----
    Derivation ``nesting_function_sphere`` (Grimvall ch. 3, 5); sum rule ∫d³q/(2π)³ ξ = N(E_F)².

    Examples
    --------
    >>> from numeric.constants import m_e
    >>> [f"{x:.4e}" for x in nesting_function_sphere([1e10, 3e10], m_e, 1.36e10)]
    ['1.6995e+64', '0.0000e+00']
    """
    q_ = checked("q", q, 0.0, low_open=True)
    m_ = checked("m", m, 0.0, low_open=True)
    k = checked("k_F", k_F, 0.0, low_open=True)
    out = np.asarray(scaled(_kernels.nesting_function_sphere_loop, {"q": -1.0, "m": 2.0}, q=q_, m=m_))
    with np.errstate(over="ignore"):
        edge = 2.0 * k
    support = np.where(q_ < edge, 1.0, np.where(q_ == edge, 0.5, 0.0))
    with np.errstate(invalid="ignore"):  # inf × 0 outside the support: 0 there, whatever the formula gives
        out = np.where(support > 0.0, out * support, 0.0)
    out = finite_result(out, "nesting_function_sphere", q=q_, m=m_)
    return float(out) if np.ndim(out) == 0 else out


def coupling_constant_free_electron(D: ArrayLike, m: ArrayLike, k_F: ArrayLike, rho: ArrayLike,
                                    v_s: ArrayLike, q_c: ArrayLike, *,
                                    transport: bool = False) -> np.ndarray | float:
    """λ = D²m q_c²/(8π²ρv_s²ħ²k_F) (or λ_tr = λ (q_c/2k_F)²): free electrons with Debye LA phonons.

    λ = N(E_F) D² (q_c/2k_F)²/(ρv_s²), N(E_F) = mk_F/(2π²ħ²) per spin: the coupling constant
    2∫α²F(ω)/ω dω of α²F(ω) = D²mω²/(8π²ρv_s⁴ħ²k_F) below ω_c = v_s q_c.

    Parameters
    ----------
    D : array_like
        Deformation potential, J (>= 0).
    m : array_like
        Band mass, kg (> 0).
    k_F : array_like
        Fermi wavevector, 1/m (> 0).
    rho : array_like
        Mass density, kg/m³ (> 0).
    v_s : array_like
        Longitudinal sound velocity, m/s (> 0).
    q_c : array_like
        Phonon cut-off min(2k_F, q_D), 1/m (in (0, 2k_F]).
    transport : bool, optional
        False: λ. True: λ_tr = 2∫α²F_tr/ω dω (weight 1 − cos θ), equal to λ for q_c = 2k_F.

    Returns
    -------
    float or ndarray
        λ or λ_tr, dimensionless.

    Notes
    -----
    Derivation ``eliashberg_function_free_electron`` (statement λ, step λ_tr); for q_c = 2k_F,
    2πλ_tr k_BT/ħ is the high-T rate of ``numeric.scattering.deformation_potential_rate_high_T``.

    Examples
    --------
    >>> from numeric.constants import e, m_e
    >>> f"{coupling_constant_free_electron(10 * e, m_e, 1.36e10, 8960.0, 4760.0, 2 * 1.36e10):.4f}"
    '0.7136'
    """
    transport = flag("transport", transport)
    inputs = dict(D=checked("D", D, 0.0), m=checked("m", m, 0.0, low_open=True),
                  k_F=checked("k_F", k_F, 0.0, low_open=True), rho=checked("rho", rho, 0.0, low_open=True),
                  v_s=checked("v_s", v_s, 0.0, low_open=True), q=checked("q_c", q_c, 0.0, low_open=True))
    with np.errstate(over="ignore"):
        beyond = inputs["q"] > 2.0 * inputs["k_F"]
    if np.any(beyond):
        q, k = np.broadcast_arrays(inputs["q"], inputs["k_F"])
        i = np.argwhere(np.broadcast_to(beyond, q.shape))[0] if q.ndim else ()
        raise ValueError(f"q_c = {float(q[tuple(i)]):g} is outside the valid range (0, 2k_F] = (0, "
                         f"{2.0 * float(k[tuple(i)]):g}] 1/m (no phonon scatters an electron by more than "
                         "2k_F)")
    loop = (_kernels.transport_coupling_constant_free_electron_loop if transport
            else _kernels.coupling_constant_free_electron_loop)
    powers = {"D": 2.0, "m": 1.0, "k_F": -3.0 if transport else -1.0, "rho": -1.0, "v_s": -2.0,
              "q": 4.0 if transport else 2.0}
    out = scaled(loop, powers, **inputs)
    inputs["q_c"] = inputs.pop("q")
    return finite_result(out, "coupling_constant_free_electron", **inputs)


def allen_transport_rate_low_T(T: ArrayLike, lambda_tr: ArrayLike,
                               omega_c: ArrayLike) -> np.ndarray | float:
    """<1/τ_tr> = 960π ζ(5) λ_tr (k_BT)⁵/(ħ⁵ω_c⁴), 1/s: Allen's formula with α²F_tr ∝ ω⁴, T << Θ.

    = (2πλ_tr k_BT/ħ) 480 ζ(5) (T/Θ)⁴, Θ = ħω_c/k_B: the Bloch-Grüneisen T⁵ law.

    Parameters
    ----------
    T : array_like
        Temperature, K (>= 0); the law needs T << Θ = ħω_c/k_B.
    lambda_tr : array_like
        Transport coupling constant λ_tr = 2∫α²F_tr/ω dω (>= 0).
    omega_c : array_like
        Cut-off of α²F_tr = 2λ_tr (ω/ω_c)⁴, rad/s (> 0).

    Returns
    -------
    float or ndarray
        Fermi-window-averaged transport rate in 1/s.

    Notes
    -----
    Derivation ``allen_transport_bloch_gruneisen`` (Allen 1971, 1978; Ziman ch. 9): the full form is
    (2πλ_tr k_BT/ħ) 4(T/Θ)⁴ J_5(Θ/T); high T: 2πλ_tr k_BT/ħ. With λ_tr of
    :func:`coupling_constant_free_electron` at q_c = 2k_F and ω_c = 2v_s k_F it is
    ``numeric.scattering.bloch_gruneisen_rate_low_T``.

    Examples
    --------
    >>> from numeric.constants import e, m_e
    >>> lam_tr = coupling_constant_free_electron(10 * e, m_e, 1.36e10, 8960.0, 4760.0, 2 * 1.36e10,
    ...                                          transport=True)
    >>> f"{allen_transport_rate_low_T(10.0, lam_tr, 2 * 4760.0 * 1.36e10):.4e} 1/s"
    '3.0545e+07 1/s'
    >>> from numeric.scattering import bloch_gruneisen_rate_low_T
    >>> f"{bloch_gruneisen_rate_low_T(10.0, 10 * e, m_e, 1.36e10, 8960.0, 4760.0):.4e} 1/s"
    '3.0545e+07 1/s'
    """
    inputs = dict(T=checked("T", T, 0.0), lambda_tr=checked("lambda_tr", lambda_tr, 0.0),
                  omega=checked("omega_c", omega_c, 0.0, low_open=True))
    out = scaled(_kernels.allen_transport_rate_low_T_loop, {"T": 5.0, "omega": -4.0}, **inputs)
    inputs["omega_c"] = inputs.pop("omega")
    return finite_result(out, "allen_transport_rate_low_T", **inputs)


# ==== lattice: tight-binding bands + spring-model phonons
# α²F, α²F_tr and their moments for a band on a lattice (numeric.electrons.TightBinding) and the
# force-constant phonons of the same lattice (numeric.springs.SpringModel): the Fermi-surface double
# delta by linear tetrahedra (numeric.tetrahedron.double_delta_on_mesh) for every q of the k mesh.
import itertools  # noqa: E402
import sys  # noqa: E402
from dataclasses import dataclass  # noqa: E402

import numba  # noqa: E402

from ._support import scalar  # noqa: E402
from .tetrahedron import TetrahedronMesh, _lattice_domain, delta_weights, double_delta_on_mesh  # noqa: E402

__all__ += ["LatticeEliashberg", "lattice_eliashberg"]

#: q points per call of the double-delta kernel (one progress-bar step).
_Q_CHUNK = 256


@dataclass(frozen=True)
class LatticeEliashberg:
    """α²F, α²F_tr and their moments of a lattice band with spring-model phonons (:func:`lattice_eliashberg`).

    Attributes
    ----------
    lam, lam_tr : float
        λ = 2∫α²F/ω dω and λ_tr = 2∫α²F_tr/ω dω (dimensionless), normalised by the mesh's own
        double-delta sum rule (see :func:`lattice_eliashberg`, Notes; λ_tr without the q = 0 pairs,
        whose transport weight vanishes).
    lam_raw : float
        λ without that normalisation: (2/N) (1/N_q) Σ_qν |g|² D_dd(q)/(ħω_qν).
    omega_log : float
        exp[(2/λ)∫ln ω α²F(ω)/ω dω], rad/s.
    omega2_mean : float
        ⟨ω²⟩ = (2/λ)∫ω α²F(ω) dω, rad²/s².
    dos_fermi : float
        N(E_F), states per J, per spin and per primitive cell, of the mesh (linear tetrahedra; for
        "smearing" the Gaussian-smeared DOS of the same width).
    sum_rule : float
        (1/N_q) Σ_q D_dd(q)/N(E_F)²: 1 for the exact double delta; 1 to round-off for "product" and
        "smearing" (N(E_F) then the smeared DOS); for "tetrahedron" (q = 0 left out) within the
        discretisation error.
    omega : ndarray
        Frequency grid, rad/s.
    a2F, a2F_tr : ndarray
        α²F(ω) and α²F_tr(ω) on ``omega`` (dimensionless; the q-nodes hat-binned as in
        :func:`eliashberg_function`), normalised like ``lam``.
    """

    lam: float
    lam_tr: float
    lam_raw: float
    omega_log: float
    omega2_mean: float
    dos_fermi: float
    sum_rule: float
    omega: np.ndarray
    a2F: np.ndarray
    a2F_tr: np.ndarray


def _first_zone(lattice: object, k: np.ndarray) -> np.ndarray:
    """k moved into the first BZ (Wigner-Seitz cell): k − G for the nearest reciprocal-lattice vector G
    among Σ n_i b_i, n_i ∈ {−1, 0, 1} (enough for mesh points folded into |u_i| <= 1/2: tested against a
    brute-force search for the cubic, square and triangular lattices); on the boundary the first nearest
    G in that order (the coupling (q·e)² jumps there: umklapp)."""
    b = np.asarray(lattice.reciprocal)  # type: ignore[attr-defined]
    d = b.shape[0]
    G = np.array(list(itertools.product((0, -1, 1), repeat=d)), dtype=float) @ b
    dist = np.linalg.norm(k[:, None, :] - G[None], axis=-1)
    return k - G[np.argmin(dist, axis=1)]


@numba.njit(cache=True, error_model="numpy")
def _nearest_image(k: np.ndarray, G: np.ndarray, inside: float, out: np.ndarray) -> None:  # pragma: no cover
    """out = k − G[argmin_g |k − G_g|] row by row, the first nearest G on ties: the arithmetic of
    :func:`_first_zone` (componentwise k − G, squares summed in order, √) in one pass. G[0] is Γ: a k with
    |k|² < ``inside`` (below (min_{g>0} |G_g|/2)², with a margin for round-off) is strictly nearest to it
    and skips the search (|k − G_g| >= |G_g| − |k| > |k|)."""
    n, d = k.shape
    for i in range(n):
        acc = 0.0
        for a in range(d):
            acc += k[i, a] * k[i, a]
        if acc < inside:
            for a in range(d):
                out[i, a] = k[i, a] - G[0, a]
            continue
        best = np.inf
        pick = 0
        for g in range(G.shape[0]):
            acc = 0.0
            for a in range(d):
                x = k[i, a] - G[g, a]
                acc += x * x
            dist = math.sqrt(acc)
            if dist < best:
                best = dist
                pick = g
        for a in range(d):
            out[i, a] = k[i, a] - G[pick, a]


def _first_zone_compiled(lattice: object, k: np.ndarray) -> np.ndarray:
    """:func:`_first_zone` compiled (the same G in the same order, the same floating-point steps: equal
    bit for bit, tested)."""
    b = np.asarray(lattice.reciprocal)  # type: ignore[attr-defined]
    G = np.array(list(itertools.product((0, -1, 1), repeat=b.shape[0])), dtype=float) @ b
    k = np.ascontiguousarray(k, dtype=float)
    out = np.empty_like(k)
    inside = 0.25 * float(np.min((G[1:] ** 2).sum(axis=1))) * (1.0 - 1e-9)   # the inscribed ball of the cell
    _nearest_image(k, np.ascontiguousarray(G), inside, out)
    return out


@numba.njit(cache=True, error_model="numpy")
def _orbit_minima(m: np.ndarray, sizes: np.ndarray, P: np.ndarray, Rt: np.ndarray, q: np.ndarray, tol: float,
                  rep: np.ndarray) -> None:  # pragma: no cover - compiled
    """rep[j] = the smallest mesh index i among the images of point j (integer coordinates m (N, d), C
    order of ``sizes``) under the maps u -> u P whose first-zone q obeys q_i = q_j Rᵀ (to ``tol``): a map
    that takes a zone-boundary q to another representative of its star (umklapp) does not count.

    Those maps relate the points as an equivalence (the inverse and the composition of such maps are
    such maps), so each class is the set of images of its smallest member: the points are visited in
    order and an unassigned one labels its images (the maps applied to one point per class only). The
    entries of P are in {−1, 0, 1}, so an image coordinate is within d sizes of the mesh: wrapped by
    additions (no integer division)."""
    n, d = m.shape
    for j in range(n):
        rep[j] = -1
    for j in range(n):
        if rep[j] >= 0:
            continue
        rep[j] = j
        for g in range(P.shape[0]):
            flat = 0
            for a in range(d):
                acc = 0
                for c in range(d):
                    acc += m[j, c] * P[g, c, a]
                while acc < 0:
                    acc += sizes[a]
                while acc >= sizes[a]:
                    acc -= sizes[a]
                flat = flat * sizes[a] + acc
            if rep[flat] >= 0:
                continue
            same = True
            for a in range(d):
                x = 0.0
                for c in range(d):
                    x += q[j, c] * Rt[g, c, a]
                if abs(x - q[flat, a]) > tol:
                    same = False
            if same:
                rep[flat] = j


@numba.njit(cache=True, error_model="numpy")
def _mesh_coordinates(k: np.ndarray, inverse: np.ndarray, sizes: np.ndarray,
                      m: np.ndarray) -> bool:  # pragma: no cover - compiled
    """m[i] = the integer coordinates of mesh point i in C order of ``sizes``; True if every k[i] is that
    point (rint(u n) mod n of its fractional coordinates u = k B⁻¹ equal to m[i])."""
    n, d = k.shape
    ok = True
    at = np.zeros(d, dtype=np.int64)
    for i in range(n):
        for a in range(d):
            m[i, a] = at[a]
            u = 0.0
            for c in range(d):
                u += k[i, c] * inverse[c, a]
            x = np.int64(np.rint(u * sizes[a]))
            while x < 0:
                x += sizes[a]
            while x >= sizes[a]:
                x -= sizes[a]
            if x != at[a]:
                ok = False
        a = d - 1                                   # next point in C order
        while a >= 0:
            at[a] += 1
            if at[a] < sizes[a]:
                break
            at[a] = 0
            a -= 1
    return ok


#: _point_group_fractional of recent lattices (by identity), lattice -> (P, Rᵀ)
_POINT_GROUPS: dict[object, tuple[np.ndarray, np.ndarray]] = {}


def _point_group_fractional(lattice: object) -> tuple[np.ndarray, np.ndarray]:
    """The orthogonal maps R of the lattice as integer matrices P on the fractional coordinates u of
    k = u B (rows of B the reciprocal vectors): (u P) B = k Rᵀ. All P with entries in {−1, 0, 1} (the
    whole point group for the lattices of numeric.lattice, e.g. 12 maps for the triangular one; a
    subgroup would do). Returns (P (g, d, d) int, Rᵀ (g, d, d)), kept for the last few lattices."""
    hit = _POINT_GROUPS.get(lattice)
    if hit is not None:
        return hit
    B = np.asarray(lattice.reciprocal, dtype=float)  # type: ignore[attr-defined]
    d = B.shape[0]
    # row i of P B is b_i Rᵀ, as long as b_i: the candidates for each row first (3^d vectors, not 3^(d²)
    # matrices), then the products of the candidates, in the order of the {−1, 0, 1}^(d²) enumeration
    vals = np.array(list(itertools.product((-1, 0, 1), repeat=d)), dtype=float)
    lengths = np.linalg.norm(vals @ B, axis=1)
    rows = [vals[np.abs(lengths - np.linalg.norm(b)) <= 1e-6 * np.linalg.norm(b)] for b in B]
    P = np.array(list(itertools.product(*rows)), dtype=float).reshape(-1, d, d)
    Rt = np.linalg.inv(B) @ P @ B                                   # Rᵀ = B⁻¹ P B
    ok = np.all(np.abs(Rt @ np.swapaxes(Rt, 1, 2) - np.eye(d)) < 1e-9, axis=(1, 2))
    P = P[ok]
    P = P[np.lexsort(P.reshape(len(P), -1).T[::-1])]                # lexicographic: the enumeration's order
    Rt = np.linalg.solve(B, P @ B)                                  # the maps kept, solved accurately
    result = (P.astype(np.int64), np.ascontiguousarray(Rt))
    if len(_POINT_GROUPS) > 3:
        _POINT_GROUPS.clear()
    _POINT_GROUPS[lattice] = result
    return result


class _Geometry:
    """A mesh's geometry for :func:`lattice_eliashberg`: the TetrahedronMesh, the first-zone q of its points
    but Γ (read-only) and, built on first use, the orbits of those q under the lattice's point group."""

    __slots__ = ("_orbits", "q", "tm")

    def __init__(self, lattice: object, n: int) -> None:
        self.tm = TetrahedronMesh(lattice, n)  # type: ignore[arg-type]
        self.q = _first_zone_compiled(lattice, self.tm.k[1:])
        self.q.setflags(write=False)
        self._orbits: tuple[np.ndarray, np.ndarray] | None = None

    def orbits(self) -> tuple[np.ndarray, np.ndarray] | None:
        """(reps, inverse): q[reps] one q per orbit (ascending), q[reps][inverse] the star member equivalent
        to each q (q = R q_rep with the same first-zone representative, so ω and (q·e)² are those of
        q_rep); None if the mesh points are not in the C order of the divisions (never expected)."""
        if self._orbits is None:
            tm = self.tm
            lattice = tm.lattice
            sizes = np.asarray(tm.divisions, dtype=np.int64)
            m = np.empty(tm.k.shape, dtype=np.int64)
            inverse_b = np.ascontiguousarray(np.linalg.inv(np.asarray(lattice.reciprocal, dtype=float)))
            if not _mesh_coordinates(np.ascontiguousarray(tm.k), inverse_b, sizes, m):
                return None                                  # not the C-order mesh (never expected)
            P, Rt = _point_group_fractional(lattice)
            full = np.concatenate([np.zeros((1, m.shape[1])), self.q])
            rep = np.empty(len(m), dtype=np.int64)
            tol = 1e-9 * float(np.max(np.abs(lattice.reciprocal)))
            _orbit_minima(m, sizes, P, Rt, full, tol, rep)
            rep = rep[1:] - 1                                # Γ is its own orbit
            present = np.zeros(rep.shape[0], dtype=bool)     # np.unique(rep, return_inverse=True) in O(N)
            present[rep] = True
            reps = np.flatnonzero(present)
            self._orbits = (reps, (np.cumsum(present) - 1)[rep])
        return self._orbits


#: Mesh geometry of recent calls, (lattice, n) -> _Geometry: it depends on neither the band nor the
#: phonons. Kept for meshes of at most _GEOMETRY_POINTS points, the last two (lattices by identity).
_GEOMETRY: dict[tuple, _Geometry] = {}
_GEOMETRY_POINTS = 1 << 18


def _geometry(lattice: object, n: int) -> _Geometry:
    key = (lattice, n)
    hit = _GEOMETRY.get(key)
    if hit is not None:
        return hit
    geo = _Geometry(lattice, n)
    if geo.tm.k.shape[0] <= _GEOMETRY_POINTS:
        if len(_GEOMETRY) > 1:
            _GEOMETRY.clear()
        _GEOMETRY[key] = geo
    return geo


def _product_sums(tm: TetrahedronMesh, w: np.ndarray, on: np.ndarray, v: np.ndarray) -> np.ndarray:
    """The three double-delta sums of :func:`numeric.tetrahedron.double_delta_on_mesh` for every q of the
    mesh as products of single-delta tetrahedron weights w_k (:func:`numeric.tetrahedron.delta_weights`):
    D_dd(q) = N Σ_k w_k w_{k+q} and alike with |v_k − v_{k+q}|², |v_k|², as periodic correlations by FFT
    (real FFTs; one transform per factor, the spectra of each sum added before its single inverse).
    v (len(on), d): the velocities at the points ``on`` where w != 0 (elsewhere every term vanishes)."""
    shape = tm.divisions
    count = tm.k.shape[0]
    axes = tuple(range(len(shape)))
    w_on = w[on]

    def spectrum(values_on: np.ndarray) -> np.ndarray:       # of w_k x_k, x given where w != 0
        a = np.zeros(count)
        a[on] = w_on * values_on
        return np.fft.rfftn(a.reshape(shape), axes=axes)

    def corr(spec: np.ndarray) -> np.ndarray:     # Σ_k a_k b_{k+q}, q in C order, of spec = conj(Â) B̂
        return np.fft.irfftn(spec, s=shape, axes=axes).reshape(-1)

    W = np.fft.rfftn(w.reshape(shape), axes=axes)
    Wc = np.conj(W)
    Wv2 = spectrum((v * v).sum(axis=1))
    cross = sum(np.abs(spectrum(v[:, i])) ** 2 for i in range(v.shape[1]))
    out = np.empty((count, 3))
    out[:, 0] = count * corr(Wc * W)
    out[:, 1] = count * corr(np.conj(Wv2) * W + Wc * Wv2 - 2.0 * cross)
    out[:, 2] = count * corr(np.conj(Wv2) * W)
    out[:, :2] = np.clip(out[:, :2], 0.0, None)                 # FFT round-off around exact zeros
    return out


def _long_wave(phonons: object, lattice: object) -> float:
    """Direction average of Σ_ν (q̂·e_qν)²/(ω_qν/q)² as q -> 0, s²/m² (64 angles in 2D, 16 × 32 in 3D)."""
    d = lattice.dim  # type: ignore[attr-defined]
    if d == 2:
        phi = (np.arange(64) + 0.5) * (2.0 * math.pi / 64)
        dirs, wts = np.stack([np.cos(phi), np.sin(phi)], -1), np.full(64, 1.0 / 64)
    else:
        x, wx = np.polynomial.legendre.leggauss(16)
        phi = (np.arange(32) + 0.5) * (2.0 * math.pi / 32)
        st = np.sqrt(1.0 - x * x)
        dirs = np.stack([st[:, None] * np.cos(phi), st[:, None] * np.sin(phi),
                         np.broadcast_to(x[:, None], (16, 32))], -1).reshape(-1, 3)
        wts = np.broadcast_to(wx[:, None] / 64.0, (16, 32)).reshape(-1)
    size = 1e-6 * float(np.min(np.linalg.norm(lattice.reciprocal, axis=1)))  # type: ignore[attr-defined]
    freq, vectors = _modes(phonons, size * dirs)
    qe2 = np.einsum("qi,qis->qs", size * dirs, vectors) ** 2
    return float(wts @ (qe2 / freq**2).sum(axis=1))


def _springs(phonons: object) -> bool:
    """A SpringModel whose modes are SpringModel's own (compiled twin, lattice point-group symmetry)."""
    return isinstance(phonons, SpringModel) and type(phonons).modes is SpringModel.modes


def _modes(phonons: object, q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """phonons.modes(q) of internal first-zone q (N, d); a SpringModel's compiled twin without the
    validation of q (numeric.springs.SpringModel._modes_unchecked, equal to round-off)."""
    return phonons._modes_unchecked(q) if _springs(phonons) else phonons.modes(q)  # type: ignore[attr-defined]


def _orbit_modes(phonons: object, geo: _Geometry) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(ω, (q·e)², rows): ω_qν and (q·e_qν)² of the q != 0 of the mesh are row rows[j] of the first two
    (j the index into geo.q): spring models (symmetric under the lattice's point group) on one q per
    orbit (:meth:`_Geometry.orbits`), other phonons on every q (rows = 0, 1, ...)."""
    orbits = geo.orbits() if _springs(phonons) and type(phonons) is SpringModel else None
    q = geo.q
    if orbits is None:
        freq, vectors = _modes(phonons, q)
        return freq, np.einsum("qi,qis->qs", q, vectors) ** 2, np.arange(q.shape[0])
    reps, inverse = orbits
    q_rep = q[reps]
    freq, vectors = _modes(phonons, q_rep)
    return freq, np.einsum("qi,qis->qs", q_rep, vectors) ** 2, inverse


def _mesh_modes(phonons: object, geo: _Geometry) -> tuple[np.ndarray, np.ndarray]:
    """(ω_qν, (q·e_qν)²) on every q != 0 of the mesh (:func:`_orbit_modes` gathered)."""
    freq, qe2, rows = _orbit_modes(phonons, geo)
    return freq[rows], qe2[rows]


@numba.njit(cache=True, error_model="numpy", inline="always")
def _panel(grid: np.ndarray, x: float, step: float) -> tuple[int, float]:  # pragma: no cover - compiled
    """(j, s): the panel [grid[j], grid[j+1]] of x (searchsorted side="right" minus 1, clipped to the
    panels) and x's fraction s of it, as :func:`_hat_binning`."""
    size = grid.shape[0]
    # lo = the first index with grid > x (searchsorted side="right"): a guess from the mean step
    # (exact for an even grid), walked at most 4 steps to the answer, else bisection
    guess = (x - grid[0]) / step
    lo = 0 if not guess > 0.0 else (size if guess >= size else int(guess))
    walks = 0
    while walks < 4 and lo < size and grid[lo] <= x:
        lo += 1
        walks += 1
    while walks < 4 and lo > 0 and grid[lo - 1] > x:
        lo -= 1
        walks += 1
    if walks == 4 and ((lo < size and grid[lo] <= x) or (lo > 0 and grid[lo - 1] > x)):
        lo, hi = 0, size
        while lo < hi:
            mid = (lo + hi) // 2
            if grid[mid] <= x:
                lo = mid + 1
            else:
                hi = mid
    j = min(max(lo - 1, 0), size - 2)
    return j, (x - grid[j]) / (grid[j + 1] - grid[j])


@numba.njit(cache=True, error_model="numpy")
def _node_sums(freq: np.ndarray, log_freq: np.ndarray, qe2: np.ndarray, rows: np.ndarray, dd: np.ndarray,
               dd_tr: np.ndarray, hbar: float, mass: float, norm: float, sum_rule: float, grid: np.ndarray,
               lower: np.ndarray, upper: np.ndarray, sums: np.ndarray) -> None:  # pragma: no cover - compiled
    """The q-node sums of :func:`lattice_eliashberg` in one pass over the q != 0 (j) and branches ν, the
    nodes ω = freq[rows[j], ν] > 0 only: W_raw = |g|² D_dd(q) norm with |g|² = ħ (q·e)²/(2Mω) (for D = 1),
    W = W_raw/sum_rule and W_tr alike with D_dd^tr; sums = [Σ W_raw/ω, Σ W/ω, Σ ln ω W/ω, Σ ω W,
    Σ W_tr/ω, max ω] (compensated: ω_log = exp(2 Σ ln ω W/ω / λ) has the error of that sum times ln ω ~ 30),
    and the hat masses of W, W_tr into lower, upper (:func:`_hat_masses`). What depends on ω alone (|g|²,
    1/ω, ln ω/ω, the grid panel) is computed once per row of freq; log_freq: ln ω where ω > 0."""
    size = grid.shape[0]
    step = (grid[size - 1] - grid[0]) / (size - 1)
    nr, nb = freq.shape
    g2 = np.empty((nr, nb))
    inv = np.empty((nr, nb))
    log_inv = np.empty((nr, nb))
    panel = np.empty((nr, nb), dtype=np.int64)
    frac = np.empty((nr, nb))
    top = 0.0
    for r in range(nr):
        for nu in range(nb):
            w = freq[r, nu]
            if not w > 0.0:
                continue
            g2[r, nu] = hbar * qe2[r, nu] / (2.0 * mass * w)
            inv[r, nu] = 1.0 / w
            log_inv[r, nu] = log_freq[r, nu] / w
            panel[r, nu], frac[r, nu] = _panel(grid, w, step)
    total = np.zeros(5)                             # compensated (Neumaier) sums: accurate to round-off
    comp = np.zeros(5)                              # whatever the number of nodes
    terms = np.empty(5)
    for j in range(rows.shape[0]):
        r = rows[j]
        for nu in range(nb):
            w = freq[r, nu]
            if not w > 0.0:
                continue
            weight = g2[r, nu] * dd[j + 1] * norm
            W = weight / sum_rule
            W_tr = g2[r, nu] * dd_tr[j + 1] * norm / sum_rule
            terms[0] = weight * inv[r, nu]
            terms[1] = W * inv[r, nu]
            terms[2] = W * log_inv[r, nu]
            terms[3] = w * W
            terms[4] = W_tr * inv[r, nu]
            for k in range(5):
                t = total[k] + terms[k]
                if abs(total[k]) >= abs(terms[k]):
                    comp[k] += (total[k] - t) + terms[k]
                else:
                    comp[k] += (terms[k] - t) + total[k]
                total[k] = t
            top = max(top, w)
            p, s = panel[r, nu], frac[r, nu]
            lower[0, p] += W * (1.0 - s)
            upper[0, p + 1] += W * s
            lower[1, p] += W_tr * (1.0 - s)
            upper[1, p + 1] += W_tr * s
    for k in range(5):
        sums[k] = total[k] + comp[k]
    sums[5] = top


@numba.njit(cache=True, error_model="numpy")
def _hat_masses(grid: np.ndarray, nodes: np.ndarray, weights: np.ndarray, lower: np.ndarray,
                upper: np.ndarray) -> None:  # pragma: no cover - compiled
    """The two bincounts of :func:`_hat_binning` for every column of weights (N, m) at once: lower[j] and
    upper[j + 1] collect W (1 − s) and W s of the nodes in panel j (searchsorted side="right", clipped)."""
    size = grid.shape[0]
    step = (grid[size - 1] - grid[0]) / (size - 1)
    for i in range(nodes.shape[0]):
        j, s = _panel(grid, nodes[i], step)
        for c in range(weights.shape[1]):
            lower[c, j] += weights[i, c] * (1.0 - s)
            upper[c, j + 1] += weights[i, c] * s


def _hat_binning_many(grid: np.ndarray, nodes: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """:func:`_hat_binning` of each column of weights (N, m), one compiled pass: (m, grid.size)."""
    m = weights.shape[1]
    lower, upper = np.zeros((m, grid.size)), np.zeros((m, grid.size))
    _hat_masses(grid, np.ascontiguousarray(nodes), np.ascontiguousarray(weights), lower, upper)
    return _hat_density(grid, lower, upper)


def _hat_density(grid: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> np.ndarray:
    """The hat masses of :func:`_hat_masses` as densities on the grid (:func:`_hat_binning`)."""
    mass = lower + upper
    if grid[0] == 0.0:
        mass[:, 1] += mass[:, 0]
        mass[:, 0] = 0.0
    h = np.diff(grid)
    cell = np.concatenate([[h[0]], h[:-1] + h[1:], [h[-1]]]) / 2.0
    return mass / cell


def _show_progress(progress: bool | None) -> bool:
    if progress is None:
        return bool(getattr(sys.stderr, "isatty", lambda: False)())
    if not isinstance(progress, bool | np.bool_):
        raise TypeError(f"progress must be True, False or None, got {progress!r}")
    return bool(progress)


def lattice_eliashberg(electrons, phonons, coupling: DeformationPotential | float, *, mesh: int = 24,
                       method: str = "product", width: float | None = None,
                       omega: ArrayLike | None = None, progress: bool | None = None) -> LatticeEliashberg:
    """α²F(ω), α²F_tr(ω), λ, λ_tr, ω_log, ⟨ω²⟩ of a lattice band with spring-model phonons (2D or 3D).

    α²F(ω) = (1/N(E_F)) (1/N_q) Σ_{q,ν} δ(ħω − ħω_qν) (1/N_k) Σ_k |g_{kq,ν}|² δ(ε_k − E_F) δ(ε_{k+q} − E_F)

    with N(E_F) per spin and per cell and the k-sum over the states of one spin (α²F itself does not
    depend on that choice), and the deformation-potential coupling of a rigid band shifted by the local
    dilation,

        |g_{kq,ν}|² = ħ D² (q·e_qν)² / (2 M ω_qν),

    M the atomic mass, e_qν the unit polarisation, q taken in the first BZ (Wigner-Seitz cell).
    α²F_tr carries the weight |v_k − v_{k+q}|²/(2⟨v²⟩_FS) (Allen's transport weight, averaged over
    the three Cartesian directions: 1 − cos θ on a spherical Fermi surface).

    Parameters
    ----------
    electrons : numeric.bands.BandModel
        A band on a lattice (domain :class:`numeric.bands.TetrahedronBZ`, e.g.
        :class:`numeric.electrons.TightBinding`): ``energies``, ``velocities``, ``fermi_level``.
    phonons : numeric.springs.SpringModel
        Phonons of the same lattice with ``modes(q)`` (frequencies and polarisations) and ``mass``.
    coupling : DeformationPotential or float
        Deformation potential D, J.
    mesh : int, optional
        Γ-centred mesh divisions per reciprocal vector, for k and q alike (3D: 2 to 96, 2D: 2 to 1024);
        default 24.
    method : {"product", "tetrahedron", "smearing"}, optional
        The double delta D_dd(q) for every q of the mesh (see the notes):
        ``"product"`` (default): N_k Σ_k w_k w_{k+q} with the linear-tetrahedron single-delta weights
        w_k of :func:`numeric.tetrahedron.delta_weights`, all q at once by FFT;
        ``"tetrahedron"``: the per-q tetrahedron double delta (ε_k and ε_{k+q} linear in each
        tetrahedron, :func:`numeric.tetrahedron.double_delta_on_mesh`);
        ``"smearing"``: two Gaussians of width ``width``.
    width : float, optional
        Gaussian width, J (> 0; smearing only, required there).
    omega : array_like, optional
        Frequency grid for α²F, rad/s (as :func:`eliashberg_function`); default 201 points from 0 to
        ``phonons.frequency_bound``.
    progress : bool or None, optional
        Show a tqdm progress bar over the q points ("tetrahedron" and "smearing"; the FFT of "product"
        has no loop to show): None (default) when stderr is a terminal.

    Returns
    -------
    LatticeEliashberg

    Notes
    -----
    λ needs no frequency delta: λ = (2/N) (1/N_q) Σ_qν |g|² D_dd(q)/(ħω_qν)
    = (D²/(M N)) (1/N_q) Σ_q D_dd(q) Σ_ν (q·e_qν)²/ω_qν², with D_dd(q) = (1/N_k) Σ_k δ δ for every q
    of the k mesh. ω_log and ⟨ω²⟩ are sums over the same q-nodes (the moments of the q != 0 nodes,
    normalised by their own share of λ); only α²F on the grid bins them.

    The two tetrahedron estimates of D_dd(q). "tetrahedron" is the double delta of the linearly
    interpolated bands at each q; it is singular (∝ 1/|q| at small q, an inverse square root at the
    caliper 2k_F in 2D) and q = 0, where the two surfaces coincide, is left out; the q-sum of such a
    singular function on the mesh converges irregularly (2D benchmark: 2e-2 at 24², 5e-4 at 48²,
    6e-3 at 72², 3e-3 at 96²). "product" replaces δ(ε_k) δ(ε_{k+q}) by the product of the single-delta
    weights of the two mesh points, i.e. it integrates ∫∫ δ(ε_k) δ(ε_k') V(k' − k) over pairs of
    Fermi-surface points; the q-sum of a continuous V then converges like a Fermi-surface integral
    (2D benchmark: 6.6e-4 at 96²; benchmarks/eliashberg.py), the sum rule below is exact, and the
    pairs k' = k (q = 0) enter with the direction average of the long-wave limit of
    D²(q·e)²/(Mω²) (:func:`_long_wave`). D_dd(q) itself at a single q is only a smoothed estimate
    there (use :func:`nesting_function` for ξ(q)).

    Normalisation: the exact double delta obeys the sum rule (1/N_q) Σ_q D_dd(q) = N(E_F)²; for
    "tetrahedron" it holds to the discretisation error of the singular D_dd (a few per cent at 24³).
    ``lam`` is λ_raw × N² / ((1/N_q) Σ_q D_dd): λ = N ⟨V⟩ with ⟨V⟩ the double-Fermi-surface average
    of V = D²(q·e)²/(Mω²), whose numerator and denominator share that error (the normalisation of
    elphmod's McMillan). Both converge to the same λ; for "product" and "smearing" they are equal.

    Cost: the mesh geometry (tetrahedra, first-zone q, the orbits of the q under the lattice's point
    group) of the last two meshes of at most 2^18 points is kept between calls; the modes of a
    SpringModel are computed on one q per orbit (ω and (q·e)² are invariant; the results equal those of
    every q to round-off, ~1e-14). "product" asks the band for velocities only at the mesh points with a
    nonzero single-delta weight (the others do not enter), and the q-node sums and the binning of α²F
    run in one compiled pass.

    Validity of the model: (q·e)² with q in the first BZ is a long-wave (deformation-potential)
    coupling, exact as q -> 0 and a model beyond; it is discontinuous across the BZ boundary (umklapp
    q folded back). Rigid-band, quasi-elastic (ħω << E_F), normal-state. At low filling (2k_F much
    smaller than the zone) the band is parabolic with its effective mass and the springs are
    elastic: λ then reaches the free-electron λ = N(E_F) D²/(ρ v_L²) of an elastically isotropic
    crystal (fcc with k2 = k1/4), the closed form of :func:`coupling_moments` with q_c = 2k_F.

    Examples
    --------
    >>> from numeric.constants import atomic_mass, eV
    >>> from numeric.electrons import TightBinding
    >>> from numeric.lattice import Lattice
    >>> from numeric.springs import SpringModel
    >>> fcc = Lattice.fcc(3.6e-10)
    >>> tb = TightBinding(fcc, 0.5 * eV, electrons_per_cell=0.3)
    >>> ph = SpringModel.with_debye_temperature(fcc, 63.5 * atomic_mass, 340.0, 0.25)
    >>> res = lattice_eliashberg(tb, ph, 5 * eV, mesh=16)
    >>> f"λ = {res.lam:.4f}, λ_tr = {res.lam_tr:.4f}, sum rule {res.sum_rule:.6f}"
    'λ = 0.4076, λ_tr = 0.4971, sum rule 1.000000'
    >>> f"{lattice_eliashberg(tb, ph, 5 * eV, mesh=32).lam:.4f}"          # converged to ~1e-3
    '0.4085'
    """
    domain = _lattice_domain(electrons, "lattice_eliashberg")
    lattice = domain.lattice
    d = lattice.dim
    ph_domain = getattr(phonons, "domain", None)
    if not isinstance(ph_domain, BrillouinZone) or not callable(getattr(phonons, "modes", None)):
        raise TypeError("phonons must be a lattice phonon model with a BrillouinZone domain and modes(q) "
                        f"(e.g. numeric.springs.SpringModel), got {type(phonons).__name__}")
    if (ph_domain.lattice.dim != d
            or not np.allclose(ph_domain.lattice.primitive, lattice.primitive, rtol=1e-12, atol=0.0)):
        raise ValueError("phonons.lattice is outside the valid range: the lattice of the band "
                         f"({lattice.name}), the same primitive vectors")
    D = coupling_constant(coupling)
    if D == 0.0:
        raise ValueError("coupling D = 0 J is outside the valid range: D != 0 (λ = 0, no spectrum)")
    n = integer("mesh", mesh, 2, {2: 1024, 3: 96}[d])
    if method not in ("tetrahedron", "product", "smearing"):
        raise ValueError(f"method = {method!r} is outside the valid range: 'tetrahedron', 'product' or "
                         "'smearing'")
    scale = domain.energy_scale
    w = None if width is None else scalar("width", width, 0.0, low_open=True) / scale
    if method == "smearing" and w is None:
        raise ValueError("width = None is outside the valid range (0, inf): smearing needs a width")
    grid = _grid(np.linspace(0.0, phonons.frequency_bound, 201) if omega is None else omega)
    show = _show_progress(progress)

    geo = _geometry(lattice, n)
    tm = geo.tm
    eps = np.asarray(electrons.energies(tm.k), dtype=float) / scale
    ef = float(electrons.fermi_level) / scale
    if method == "product":        # v_k only where the single-delta weight w_k != 0 (near the surface)
        w_k = delta_weights(tm, eps, ef)
        on = np.flatnonzero(w_k)
        v = np.asarray(electrons.velocities(tm.k[on]), dtype=float).reshape(on.size, d)
    else:
        v = np.asarray(electrons.velocities(tm.k), dtype=float)
    v = v / max(float(np.max(np.abs(v), initial=0.0)), 1e-300)    # the unit of v cancels in the weight
    if method == "smearing":                                       # per spin, per cell, 1/J
        n_f = float(np.exp(-0.5 * ((eps - ef) / w) ** 2).mean()) / (math.sqrt(2.0 * math.pi) * w * scale)
    else:
        n_f = float(tm.density(eps, ef)) / scale
    if not n_f > 0.0:
        raise ValueError(f"electrons.fermi_level = {electrons.fermi_level:g} J is outside the valid range: "
                         "inside the band (N(E_F) > 0 on the mesh)")
    if method == "product":
        sums = _product_sums(tm, w_k, on, v)
    else:
        shifts = np.stack(np.unravel_index(np.arange(tm.k.shape[0]), tm.divisions), -1).astype(np.int64)
        sums = np.zeros((shifts.shape[0], 3))
        from tqdm import tqdm

        with tqdm(total=shifts.shape[0], desc="q points", disable=not show, file=sys.stderr) as bar:
            for start in range(0, shifts.shape[0], _Q_CHUNK):
                part = slice(start, start + _Q_CHUNK)
                sums[part] = double_delta_on_mesh(tm, eps, ef, shifts[part], v, method=method, width=w)
                bar.update(shifts[part].shape[0])
        if method == "tetrahedron":
            sums[0] = 0.0                                          # q = 0: coinciding surfaces
    dd = sums[:, 0] / scale**2                                     # D_dd(q), 1/J² per cell
    v2 = float(sums[:, 2].sum()) / float(sums[:, 0].sum())         # ⟨v²⟩ on the Fermi surface
    dd_tr = sums[:, 1] / (2.0 * v2) / scale**2

    freq, qe2, rows = _orbit_modes(phonons, geo)
    mass = float(phonons.mass)
    # W_qν of α²F(ω) = Σ W δ(ω − ω_qν) (ω in rad/s): (1/N)(1/N_q) |g|² D_dd/ħ, built for D = 1 J and
    # multiplied by |D| twice at the end (D² alone under- or overflows long before λ does); the nodes
    # ω_qν > 0 (zero modes at q != 0 are left out), summed and hat-binned in one compiled pass
    shifts_count = tm.k.shape[0]
    norm = 1.0 / (n_f * shifts_count * _HBAR)
    sum_rule = float(dd.mean()) / n_f**2
    lower, upper = np.zeros((2, grid.size)), np.zeros((2, grid.size))
    node = np.empty(6)
    freq = np.ascontiguousarray(freq, dtype=float)
    log_freq = np.log(np.where(freq > 0.0, freq, 1.0))
    _node_sums(freq, log_freq, np.ascontiguousarray(qe2, dtype=float),
               np.ascontiguousarray(rows, dtype=np.int64), dd, dd_tr, _HBAR, mass, norm, sum_rule,
               np.ascontiguousarray(grid), lower, upper, node)
    lam_raw = 2.0 * float(node[0])
    if dd[0] > 0.0:     # product, smearing: the pairs k = k' (q = 0), long-wave limit of (q·e)²/ω²
        lam_raw += _long_wave(phonons, lattice) * dd[0] / (mass * n_f * shifts_count)
    lam_nodes = 2.0 * float(node[1])                               # the q != 0 part of λ
    if not (math.isfinite(lam_raw) and lam_nodes > 0.0):
        raise ValueError(f"electrons on mesh = {n} give no coupling (λ = {lam_raw:g} per J²): valid range: a "
                         "Fermi surface that the mesh resolves")
    omega_log = math.exp(2.0 * float(node[2]) / lam_nodes)
    omega2 = 2.0 * float(node[3]) / lam_nodes
    top = float(node[5])
    if top > grid[-1]:
        raise ValueError(f"omega[-1] = {grid[-1]:g} rad/s is outside the valid range [{top:g}, inf): the "
                         "grid must reach the largest phonon frequency")
    d_abs = abs(D)
    with np.errstate(over="ignore", under="ignore"):
        lam_raw = lam_raw * d_abs * d_abs
        lam = lam_raw / sum_rule
        lam_tr = 2.0 * float(node[4]) * d_abs * d_abs
        a2F, a2F_tr = _hat_density(grid, lower, upper) * d_abs * d_abs
    finite_result(np.array([lam_raw, lam, lam_tr]), "lattice_eliashberg", D=np.array(D))
    return LatticeEliashberg(lam, lam_tr, lam_raw, omega_log, omega2, n_f, sum_rule, grid, a2F, a2F_tr)
