"""Thermal averages over the phonon spectrum of a lattice-dynamics model (SI, per atom).

:func:`heat_capacity`, :func:`phonon_number`, :func:`mean_square_displacement`
and :func:`debye_waller_2W` are Brillouin-zone (BZ) averages

    ⟨F⟩ = (1/N) Σ_{q,s} F(ω_{qs}) = (Ω/(2π)^d) ∫_BZ d^dq Σ_s F(ω_s(q))

of any :class:`numeric.phonons.PhononModel` (one atom per cell, d branches),
vectorised over temperature: the spectrum is computed once on a quadrature
grid (cached per model and rule) and contracted with the temperature-dependent
weights by BLAS matrix-vector products, in chunks that bound the memory.

Two rules:

* ``method="rays"`` (default): spherical coordinates about Γ. The BZ is the
  union of the cones from Γ over the boundary simplices of
  :meth:`numeric.lattice.Lattice.bz_boundary_simplices`; in the cone over the
  simplex with vertices V_0 .. V_{d−1}, q = t P(s), P(s) = V_0 + Σ_i s_i (V_i − V_0)
  on the flat face, and d^dq = t^{d−1} |det V| dt d^{d−1}s exactly (the
  distance to the face along the ray, |P|, is smooth inside one cone). When
  the model's spectrum has the lattice's point symmetry (checked numerically),
  only one cone per symmetry orbit is integrated, weighted by the orbit size
  (:meth:`numeric.lattice.Lattice.irreducible_boundary_simplices`: 1 to 3
  cones instead of 48-144 for the cubic lattices). The
  simplex is integrated with a collapsed (Duffy) Gauss-Legendre product rule
  of ``angular_order``² points (3D), ``angular_order`` points (2D). The radius
  t ∈ [0, 1] is split into geometric panels [r^{−k−1}, r^{−k}] (r =
  ``panel_ratio``) down to ``t_min`` plus [0, t_min], each with a Gauss-Legendre rule of
  ``radial_order`` points: this resolves the acoustic region near Γ over many
  decades, so the T³ law is reached at T = Θ_D/1000 and below with the same
  grid that serves T >> Θ_D. The rule is a :class:`numeric._quadrature.RayRule`.
  The domain is the model's own (``model.domain``): the first BZ of its
  lattice (:class:`numeric.phonons.BrillouinZone`), or the Debye sphere
  (:class:`numeric.phonons.DebyeSphere`), where the isotropic dispersion
  needs one direction only.
* ``method="mesh"``: the shifted Monkhorst-Pack mesh of n^d points (Γ is not
  a mesh point), for comparison. It converges exponentially for smooth
  periodic integrands (C_V), but only algebraically where ω -> 0 makes the
  integrand singular: the zero-point ⟨u²⟩ (∝ 1/ω) with error ∝ N^{−2/3} in 3D.

Kernels in x = ħω/(k_B T), written with e^{−x} and expm1 so that they keep full
precision for x -> 0 and never overflow: C_V: k_B x² e^{−x}/(1 − e^{−x})²;
n_B = e^{−x}/(1 − e^{−x}); ⟨u²⟩: (ħ/M)(1/2 + n_B)/ω. Nodes with x > 746,
where e^{−x} = 0 in double precision, are skipped exactly (the spectrum is
sorted once), which makes low temperatures cheap.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from ._quadrature import ModelCache, RayRule, boundary_cones, compress_measure, radial_rule
from ._support import checked, integer
from .constants import hbar as _HBAR
from .constants import k as _K_B
from .phonons import BrillouinZone, DebyeSphere, PhononModel

__all__ = ["debye_waller_2W", "heat_capacity", "mean_square_displacement", "phonon_number"]

#: e^{−x} underflows to 0 beyond this x: those nodes contribute exactly nothing.
_X_CUT = 746.0
#: Elements of one (nodes × temperatures) block of the contraction.
_BLOCK = 1 << 20
_METHODS = ("rays", "mesh")

#: The spectra of the rules used, per model.
_SPECTRA = ModelCache()


# ====================================================================== quadrature rules
def _ray_nodes(model: PhononModel, rule: RayRule) -> tuple[np.ndarray, np.ndarray]:
    """q-points (P, d) and weights (P,) with Σ w F(q) ≈ (Ω/(2π)^d) ∫ d^dq F over the model's domain."""
    dim = model.dim
    t, wt = radial_rule(rule.radial_order, rule.panel_ratio, rule.t_min)
    wt = wt * t ** (dim - 1)
    scale = model.cell_volume / (2.0 * math.pi) ** dim
    match model.domain:
        case BrillouinZone(lattice=lattice):
            P, w_dir = boundary_cones(model, lattice, rule.angular_order)   # one cone per symmetry orbit
        case DebyeSphere(radius=radius):                          # isotropic: one direction suffices
            sphere = {1: 2.0, 2: 2.0 * math.pi, 3: 4.0 * math.pi}[dim]
            P = np.eye(dim)[:1] * radius
            w_dir = sphere * np.ones(1) * radius**dim
        case other:
            raise TypeError(f"model.domain must be a BrillouinZone or a DebyeSphere, got {other!r}")
    q = (t[None, :, None] * P[:, None, :]).reshape(-1, dim)
    w = (scale * w_dir[:, None] * wt[None, :]).reshape(-1)
    return q, w


def _mesh_nodes(model: PhononModel, n: int) -> tuple[np.ndarray, np.ndarray]:
    match model.domain:
        case BrillouinZone(lattice=lattice):
            return lattice.monkhorst_pack(n, shift=True)
    raise ValueError("method = 'mesh' needs a model on a lattice (domain BrillouinZone, e.g. a SpringModel); "
                     "the Debye model's domain is a sphere: use method = 'rays'")


class _Spectrum:
    """The weighted mode spectrum of one quadrature rule, and its compressed form.

    ``omega``/``weights``: all mode frequencies (rad/s, sorted) and BZ weights
    (Σ = d). ``nodes``/``node_weights``: the same measure compressed bin by bin
    (geometric bins ω_{j+1}/ω_j <= ``BIN_RATIO``) into local Gauss rules of
    ``BIN_GAUSS`` points, exact for polynomials of degree 2·BIN_GAUSS − 1 in ω
    inside each bin; the thermal kernels are analytic in ω across a bin (poles
    only at ω = 0 and x = ±2πi k), so the temperature contraction keeps its
    accuracy with a few hundred nodes instead of ~10⁵-10⁶.
    """

    def __init__(self, model: PhononModel, key: tuple) -> None:
        method, rule = key                                           # a RayRule, or the mesh size n
        q, w = _ray_nodes(model, rule) if method == "rays" else _mesh_nodes(model, rule)
        omega = np.asarray(model.frequencies(q), dtype=float)      # (P, d)
        weights = np.repeat(w[:, None], model.dim, axis=1)
        keep = omega > 0.0                                          # ω = 0 only at Γ (measure zero)
        omega, weights = omega[keep], weights[keep]
        order = np.argsort(omega, kind="stable")
        self.omega = np.ascontiguousarray(omega[order])
        self.weights = np.ascontiguousarray(weights[order])
        self.size = int(q.shape[0])
        self.zero_point = 0.5 * float(self.weights @ (1.0 / self.omega))   # Σ w/(2ω), 1/s... ×ħ/M later
        self.nodes, self.node_weights = compress_measure(self.omega, self.weights)


def _spectrum(model: PhononModel, key: tuple) -> _Spectrum:
    """The spectrum of rule ``key`` = ("rays", RayRule) or ("mesh", n) (cached per model)."""
    return _SPECTRA.get(model, key, lambda: _Spectrum(model, key))


# ====================================================================== contraction over T
def _kernel(kind: str, omega: np.ndarray, x: np.ndarray) -> np.ndarray:
    e = np.exp(-x)
    one_minus = -np.expm1(-x)
    if kind == "cv":
        return x * x * e / (one_minus * one_minus)
    n = e / one_minus
    if kind == "n":
        return n
    return n / omega[:, None]                                       # "u": thermal part of Σ (n + 1/2)/ω


def _contract(spec: _Spectrum, T: np.ndarray, kind: str, compressed: bool = True) -> np.ndarray:
    """Σ_nodes w g(ħω/k_B T) for every T (> 0) in the flat array T (compressed or full spectrum)."""
    out = np.zeros(T.shape)
    order = np.argsort(T)
    Ts = T[order]
    res = np.zeros(T.shape)
    omega, weights = (spec.nodes, spec.node_weights) if compressed else (spec.omega, spec.weights)
    n_t = max(1, min(len(Ts), 64))
    for start in range(0, len(Ts), n_t):
        temps = Ts[start:start + n_t]
        beta = _HBAR / (_K_B * temps)                               # s
        n_use = int(np.searchsorted(omega, _X_CUT * _K_B * temps[-1] / _HBAR, side="right"))
        step = max(1, _BLOCK // len(temps))
        acc = np.zeros(len(temps))
        for i in range(0, n_use, step):
            om = omega[i:min(i + step, n_use)]
            acc += weights[i:i + len(om)] @ _kernel(kind, om, om[:, None] * beta[None, :])
        res[start:start + len(temps)] = acc
    out[order] = res
    return out


# ====================================================================== public API
def _inputs(model: object, T: ArrayLike, method: str, rule: dict, n: int) -> tuple[np.ndarray, tuple]:
    """Validated T and the spectrum key: ("rays", RayRule) or ("mesh", n)."""
    if not isinstance(model, PhononModel):
        raise ValueError(f"model must be a PhononModel (e.g. SpringModel or DebyeModel), got "
                         f"{type(model).__name__}")
    T = checked("T", T, 0.0)
    if method not in _METHODS:
        raise ValueError(f"method = {method!r} is outside the valid range: one of {_METHODS}")
    rays = RayRule(**rule)
    n = integer("n", n, 1)
    return T, (("rays", rays) if method == "rays" else ("mesh", n))


def _lower(key: tuple) -> tuple:
    """The coarser rule used for the error estimate."""
    if key[0] == "rays":
        return ("rays", key[1].coarser())
    return ("mesh", max(2, (3 * key[1]) // 4))


def _evaluate(model, T, key, compute, return_error):
    value = compute(_spectrum(model, key), T)
    shape_scalar = T.ndim == 0
    if return_error:
        error = np.abs(value - compute(_spectrum(model, _lower(key)), T))
        if shape_scalar:
            return float(value), float(error)
        return value, error
    return float(value) if shape_scalar else value


def _thermal_sum(spec, T: np.ndarray, kind: str, scale: float = 1.0) -> np.ndarray:
    """A Bose-weighted spectral sum at every T > 0; exactly 0 at T = 0 (no thermal excitation)."""
    flat = T.reshape(-1)
    out = np.zeros(flat.shape)
    pos = flat > 0.0
    out[pos] = scale * _contract(spec, flat[pos], kind)
    return out.reshape(T.shape)


def heat_capacity(model: PhononModel, T: ArrayLike, method: str = "rays", *, angular_order: int = 16,
                  radial_order: int = 12, panel_ratio: float = 3.0, t_min: float = 1e-7, n: int = 32,
                  return_error: bool = False):
    """Lattice heat capacity per atom, C_V = (k_B/N) Σ_{q,s} x² eˣ/(eˣ − 1)², x = ħω_{qs}/(k_B T), J/K.

    Parameters
    ----------
    model : PhononModel
        The phonon model (:class:`numeric.springs.SpringModel`, :class:`numeric.phonons.DebyeModel`).
    T : array_like
        Temperatures, K (>= 0; T = 0 gives exactly 0). Any shape; the
        spectrum is computed once for all of them.
    method : {"rays", "mesh"}, optional
        Quadrature rule (see the module notes). Default "rays".
    angular_order : int, optional
        "rays": Gauss points per direction of each boundary simplex (3D:
        angular_order² per triangle; 2D: angular_order per edge), >= 1. Default 16.
    radial_order : int, optional
        "rays": Gauss-Legendre points per radial panel, >= 1. Default 12.
    panel_ratio : float, optional
        "rays": ratio of consecutive geometric panel edges in t = |q|/R (> 1). Default 3.
    t_min : float, optional
        "rays": inner edge of the geometric panels (then one panel [0, t_min]), in (0, 1). Default 1e-7.
    n : int, optional
        "mesh": divisions n of the shifted n^d Monkhorst-Pack mesh, >= 1. Default 32.
    return_error : bool, optional
        Also return an error estimate: |value − value with the coarser rule|
        (rays: angular_order − 1 and radial_order − 2; mesh: 3n/4). It is
        conservative (the coarser rule's error) for the exponentially
        convergent ray rule.

    Returns
    -------
    float or ndarray
        C_V per atom in J/K, shape of T (multiply by N_A for J/(mol K)); with
        ``return_error`` the pair (value, estimate).

    Notes
    -----
    Limits (tested): C_V -> (12π⁴/5) k_B (T/Θ_D(0))³ as T -> 0 with Θ_D(0) from
    the model's sound velocities; C_V -> d k_B (1 − ħ²⟨ω²⟩/(12 k_B² T²)) as
    T -> ∞ (x²eˣ/(eˣ−1)² = 1 − x²/12 + ...), ⟨ω²⟩ the mean over all modes.

    Examples
    --------
    >>> from numeric.constants import k
    >>> from numeric.lattice import Lattice
    >>> from numeric.phonons import DebyeModel, debye_heat_capacity
    >>> m = DebyeModel.on_lattice(343.0, Lattice.fcc(3.615e-10))
    >>> T = [1.0, 30.0, 343.0, 3000.0]
    >>> [f"{r:.9f}" for r in heat_capacity(m, T) / debye_heat_capacity(T, 343.0)]
    ['1.000000000', '1.000000000', '1.000000000', '1.000000000']
    >>> heat_capacity(m, 0.0), f"{heat_capacity(m, 343.0) / k:.6f} k_B"
    (0.0, '2.855196 k_B')
    """
    T, key = _inputs(model, T, method, dict(angular_order=angular_order, radial_order=radial_order,
                                            panel_ratio=panel_ratio, t_min=t_min), n)

    return _evaluate(model, T, key, lambda spec, T: _thermal_sum(spec, T, "cv", _K_B), return_error)


def phonon_number(model: PhononModel, T: ArrayLike, method: str = "rays", *, angular_order: int = 16,
                  radial_order: int = 12, panel_ratio: float = 3.0, t_min: float = 1e-7, n: int = 32,
                  return_error: bool = False):
    """Mean number of thermal phonons per atom, (1/N) Σ_{q,s} 1/(e^{ħω_{qs}/k_B T} − 1) (dimensionless).

    Parameters
    ----------
    model : PhononModel
        The phonon model.
    T : array_like
        Temperatures, K (>= 0; T = 0 gives 0).
    method : {"rays", "mesh"}, optional
        Quadrature rule (module notes). Default "rays"; the options as in :func:`heat_capacity`.
    angular_order, radial_order, panel_ratio, t_min : optional
        "rays": the :class:`numeric._quadrature.RayRule` (defaults 16, 12, 3, 1e-7).
    n : int, optional
        "mesh": divisions of the shifted n^d Monkhorst-Pack mesh (>= 1). Default 32.
    return_error : bool, optional
        Also return |value − value with the coarser rule| (:func:`heat_capacity`).

    Returns
    -------
    float or ndarray
        Phonons per atom, shape of T; with ``return_error`` (value, estimate).

    Notes
    -----
    Low T (3D): with ω_s = v_s(n̂) q, (Ω/(2π)³) Σ_s ∫ dΩ̂ ∫ q² dq/(e^{ħ v_s q/k_B T} − 1)
    = (Ω/(2π)³) 2ζ(3) (k_B T/ħ)³ 4π ⟨Σ_s v_s⁻³⟩ = 18 ζ(3) (T/Θ_D(0))³, using
    ⟨Σ_s v_s⁻³⟩ = 3/v̄³ and Θ_D(0) = ħ v̄ (6π²/Ω)^{1/3}/k_B. High T: d k_B T ⟨1/(ħω)⟩ − d/2.

    Examples
    --------
    >>> from numeric.lattice import Lattice
    >>> from numeric.phonons import DebyeModel
    >>> m = DebyeModel.on_lattice(343.0, Lattice.fcc(3.615e-10))
    >>> f"{phonon_number(m, 0.343) / (18 * 1.2020569031595942 * 1e-9):.9f}"   # T = Θ/1000
    '1.000000000'
    """
    T, key = _inputs(model, T, method, dict(angular_order=angular_order, radial_order=radial_order,
                                            panel_ratio=panel_ratio, t_min=t_min), n)

    return _evaluate(model, T, key, lambda spec, T: _thermal_sum(spec, T, "n"), return_error)


def mean_square_displacement(model: PhononModel, T: ArrayLike, method: str = "rays", *,
                             angular_order: int = 16, radial_order: int = 12, panel_ratio: float = 3.0,
                             t_min: float = 1e-7, n: int = 32, return_error: bool = False):
    """Full mean-square displacement ⟨u²⟩ = ⟨u_x² + u_y² + u_z²⟩ of an atom, zero-point motion included, m².

    Parameters
    ----------
    model : PhononModel
        The phonon model; ``model.mass`` must be set.
    T : array_like
        Temperatures, K (>= 0; T = 0 gives the zero-point value).
    method : {"rays", "mesh"}, optional
        Quadrature rule (module notes). Default "rays"; the options as in :func:`heat_capacity`.
    angular_order, radial_order, panel_ratio, t_min : optional
        "rays": the :class:`numeric._quadrature.RayRule` (defaults 16, 12, 3, 1e-7).
    n : int, optional
        "mesh": divisions of the shifted n^d Monkhorst-Pack mesh (>= 1). Default 32.
    return_error : bool, optional
        Also return |value − value with the coarser rule| (:func:`heat_capacity`).

    Returns
    -------
    float or ndarray
        ⟨u²⟩ in m², shape of T; with ``return_error`` (value, estimate).

    Notes
    -----
    ⟨u²⟩ = (ħ/(M N)) Σ_{q,s} (n_B(ω_{qs}) + 1/2)/ω_{qs} (each polarisation
    vector has |e|² = 1), i.e. (ħ/M) times the BZ average of Σ_s coth(x/2)/(2ω_s).
    The zero-point part is computed once; the thermal part Σ n_B/ω decays
    with the Bose factor. Debye model (3D): ⟨u²⟩ = (9ħ²/(M k_B Θ_D))
    [1/4 + (T/Θ_D)² ∫_0^{Θ_D/T} x/(eˣ − 1) dx], three times the textbook
    one-component ⟨u_x²⟩. High T: ⟨u²⟩ -> (k_B T/M) Σ_s ⟨ω_s⁻²⟩ + O(1/T).

    Examples
    --------
    >>> from numeric.constants import atomic_mass, hbar, k
    >>> from numeric.lattice import Lattice
    >>> from numeric.phonons import DebyeModel
    >>> M = 63.546 * atomic_mass
    >>> m = DebyeModel.on_lattice(343.0, Lattice.fcc(3.615e-10), M)
    >>> u0 = mean_square_displacement(m, 0.0)                 # 9ħ²/(4 M k_B Θ)
    >>> f"{u0 * 1e20:.6f} Å², ratio {u0 / (9 * hbar**2 / (4 * M * k * 343.0)):.12f}"
    '0.005007 Å², ratio 1.000000000000'
    """
    T, key = _inputs(model, T, method, dict(angular_order=angular_order, radial_order=radial_order,
                                            panel_ratio=panel_ratio, t_min=t_min), n)
    if model.mass is None:
        raise ValueError("model.mass is None: the mean-square displacement needs the atomic mass")
    pref = _HBAR / model.mass

    def compute(spec, T):
        flat = T.reshape(-1)
        out = np.full(flat.shape, spec.zero_point)
        pos = flat > 0.0
        out[pos] += _contract(spec, flat[pos], "u")
        return (pref * out).reshape(T.shape)

    return _evaluate(model, T, key, compute, return_error)


def debye_waller_2W(model: PhononModel, q: ArrayLike, T: ArrayLike, method: str = "rays", **rule):
    """Debye-Waller exponent 2W = |q|²⟨u²⟩/d (cubic / isotropic crystals), dimensionless.

    Parameters
    ----------
    model : PhononModel
        The phonon model; ``model.mass`` must be set.
    q : array_like
        Scattering wavevector magnitude |q|, 1/m (>= 0); broadcast against T.
    T : array_like
        Temperatures, K (>= 0).
    method : {"rays", "mesh"}, optional
        Quadrature rule; further keyword arguments as for :func:`mean_square_displacement`.

    Returns
    -------
    float or ndarray
        2W, the intensity factor is e^{−2W}. In 3D 2W = q²⟨u²⟩/3 = q²⟨u_x²⟩
        (a cubic crystal has an isotropic displacement tensor).

    Examples
    --------
    >>> from numeric.constants import atomic_mass
    >>> from numeric.lattice import Lattice
    >>> from numeric.phonons import DebyeModel
    >>> m = DebyeModel.on_lattice(343.0, Lattice.fcc(3.615e-10), 63.546 * atomic_mass)
    >>> G = 2 * 3.141592653589793 / 3.615e-10 * 3**0.5        # (111) reflection
    >>> f"{debye_waller_2W(m, G, 0.0) / (G**2 * mean_square_displacement(m, 0.0) / 3):.12f}"
    '1.000000000000'
    """
    q = checked("q", q, 0.0)
    if rule.pop("return_error", False):
        raise ValueError("return_error is not supported by debye_waller_2W; use mean_square_displacement")
    u2 = mean_square_displacement(model, T, method, **rule)
    out = q * q * np.asarray(u2) / model.dim
    return float(out) if np.ndim(out) == 0 else out
