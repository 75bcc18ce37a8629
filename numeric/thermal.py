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
sorted once), which makes low temperatures cheap. The Bose sums are formed
as (k_B T/ħ) Σ w h(x)/ω^k with h(x) = x n_B(x) -> 1, so that T up to the
largest double gives the classical limit, never 0/0.

Every T in [0, 1.8e308] K gives a finite value: below T_low = 0.1 t_min
Θ_D(0), where the innermost radial panel [0, t_min] stops resolving the
thermal wavevectors k_B T/ħv (mesh: 0.3 Θ_D(0)/n, its smallest |q|), the
sums are the model's own long-wave limit (:func:`_low_T_law`: the T³ law of
C_V, from the model's sound velocities),
exact as T -> 0, with an error estimate. Quantities that are infinite for
the model are refused (ValueError): the phonon number of a 1D model at T > 0,
⟨u²⟩ of a 1D model and of a 2D model at T > 0.
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
#: Most q-points of one ray rule (memory: the spectrum holds d frequencies per point).
_MAX_NODES = 1 << 23

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
    if P.shape[0] * t.shape[0] > _MAX_NODES:
        raise ValueError(f"the ray rule {rule} has {P.shape[0]} directions x {t.shape[0]} radii = "
                         f"{P.shape[0] * t.shape[0]:.3g} q-points on this model, more than {_MAX_NODES}: "
                         "lower angular_order, radial_order or the number of panels (panel_ratio, t_min)")
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
        with np.errstate(over="ignore"):
            self.zero_point = 0.5 * float(np.sum(self.weights / self.omega))   # Σ w/(2ω), s; ×ħ/M later
        self.nodes, self.node_weights = compress_measure(self.omega, self.weights)


def _spectrum(model: PhononModel, key: tuple) -> _Spectrum:
    """The spectrum of rule ``key`` = ("rays", RayRule) or ("mesh", n) (cached per model)."""
    return _SPECTRA.get(model, key, lambda: _Spectrum(model, key))


# ====================================================================== contraction over T
def _kernel(kind: str, omega: np.ndarray, x: np.ndarray) -> np.ndarray:
    """The per-node factor of each sum, finite for every x >= 0 (x = 0 where ħω/k_B T underflows).

    With h(x) = x e^{−x}/(1 − e^{−x}) = x n_B(x) (h -> 1 as x -> 0): "cv" gives x²e^{−x}/(1 − e^{−x})²
    = h(x)² eˣ, "n" gives h(x) and "u" h(x)/ω (s), to be contracted with the weights w/ω: the sums of
    n_B and n_B/ω divided by k_B T/ħ, so that no factor 1/x overflows at high T (the caller multiplies
    by k_B T/ħ) and no 1/ω² overflows where w/ω² does not.
    """
    e = np.exp(-x)
    one_minus = -np.expm1(-x)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(x > 0.0, x / np.where(x > 0.0, one_minus, 1.0), 1.0)   # x/(1 − e^{−x}) >= 1
    if kind == "cv":
        return ratio * ratio * e
    h = ratio * e
    if kind == "n":
        return h
    return h / omega[:, None]                                       # "u": Σ n_B/ω over k_B T/ħ


def _contract(spec: _Spectrum, T: np.ndarray, kind: str, compressed: bool = True) -> np.ndarray:
    """Σ_nodes w g(ħω/k_B T) for every T (> 0) in the flat array T (compressed or full spectrum).

    g is x²eˣ/(eˣ − 1)² ("cv"), n_B ("n") or n_B/ω ("u", s); finite for every T > 0 up to the
    largest double (the Bose sums are formed as (k_B T/ħ) Σ w h(x)/ω^k, see :func:`_kernel`).
    """
    out = np.zeros(T.shape)
    order = np.argsort(T)
    Ts = T[order]
    res = np.zeros(T.shape)
    omega, weights = (spec.nodes, spec.node_weights) if compressed else (spec.omega, spec.weights)
    if kind != "cv":
        weights = weights / omega                                   # w/ω, s: the Bose sums' weights
    scaled = omega * (_HBAR / _K_B)                                 # ħω/k_B, K
    n_t = max(1, min(len(Ts), 64))
    for start in range(0, len(Ts), n_t):
        temps = Ts[start:start + n_t]
        with np.errstate(over="ignore"):                            # inf at T > 1e305: every node
            n_use = int(np.searchsorted(scaled, _X_CUT * temps[-1], side="right"))
        step = max(1, _BLOCK // len(temps))
        acc = np.zeros(len(temps))
        # n_B = h s/ω with s = k_B T/ħ: s = r f, r = min(s, 1) inside the sum, f = max(s, 1) outside, so
        # that neither 1/x (s huge) nor the sum over s (s tiny) overflows where the result does not
        with np.errstate(over="ignore"):
            s = temps * (_K_B / _HBAR)                              # inf for T > 1.4e297: r = 1 there
        r = np.minimum(s, 1.0)
        for i in range(0, n_use, step):
            om = omega[i:min(i + step, n_use)]
            x = np.minimum(scaled[i:i + len(om), None] / temps[None, :], 1e4)   # e^{−x} = 0 beyond 746
            g = _kernel(kind, om, x)
            with np.errstate(over="ignore"):                        # inf: the sum exceeds the doubles
                acc += weights[i:i + len(om)] @ (g if kind == "cv" else g * r[None, :])
        if kind != "cv":
            with np.errstate(over="ignore"):                        # inf: beyond the double range
                acc = np.where(s > 1.0, (acc * (_K_B / _HBAR)) * temps, acc)   # Σ (w/ω) h s/ω^(k−1)
        res[start:start + len(temps)] = acc
    out[order] = res
    return out


# ====================================================================== public API
def _inputs(model: object, T: ArrayLike, method: str, rule: dict, n: int,
            return_error: object = False) -> tuple[np.ndarray, tuple]:
    """Validated T and the spectrum key: ("rays", RayRule) or ("mesh", n)."""
    if not isinstance(model, PhononModel):
        raise ValueError(f"model must be a PhononModel (e.g. SpringModel or DebyeModel), got "
                         f"{type(model).__name__}")
    T = checked("T", T, 0.0)
    if not isinstance(method, str) or method not in _METHODS:
        raise ValueError(f"method = {method!r} is outside the valid range: one of {_METHODS}")
    if not isinstance(return_error, bool | np.bool_):
        raise TypeError(f"return_error must be True or False, got {return_error!r}")
    if isinstance(model.dim, bool) or model.dim not in (1, 2, 3):
        raise ValueError(f"model.dim = {model.dim!r} is outside the valid range: 1, 2 or 3")
    rays = RayRule(**rule)
    n = integer("n", n, 1, _MESH_MAX[model.dim])
    return T, (("rays", rays) if method == "rays" else ("mesh", n))


def _lower(key: tuple) -> tuple:
    """The coarser rule used for the error estimate."""
    if key[0] == "rays":
        return ("rays", key[1].coarser())
    n = key[1]
    return ("mesh", max(1, min(n - 1, (3 * n) // 4)) if n > 1 else 2)    # always a different mesh


def _evaluate(model, T, key, compute, return_error):
    """compute(spec, T, want_error) -> (value, error of the low-T law) with the rule ``key``; the estimate
    adds |value − value with the coarser rule|."""
    value, law_error = compute(_spectrum(model, key), T, bool(return_error))
    shape_scalar = T.ndim == 0
    if return_error:
        coarse, _ = compute(_spectrum(model, _lower(key)), T, False)
        error = np.abs(value - coarse) + law_error
        if shape_scalar:
            return float(value), float(error)
        return value, error
    return float(value) if shape_scalar else value


# ====================================================================== T -> 0: the long-wave limit
#: Low-T edge: below T_low = _LOW_T_RATIO t_min Θ_D(0) the sums are the model's own long-wavelength
#: limit (the rule's innermost panel [0, t_min] no longer resolves k_B T/ħv; measured on the Debye
#: model: 3e-12 relative at T = 0.1 t_min Θ_D for t_min = 1e-3 and 1e-2, 1e-3 to 1 at 0.01 t_min Θ_D).
_LOW_T_RATIO = 0.1
#: Relative accuracy of Θ_D(0) (the direction average of the sound velocities, rtol 1e-12).
_THETA_RTOL = 1e-12
#: ζ(n), n = 2, 3, 4.
_ZETA = {2: math.pi**2 / 6.0, 3: 1.2020569031595942, 4: math.pi**4 / 90.0}
#: Mesh divisions n allowed per dimension (n^d <= ~2·10⁶ points).
_MESH_MAX = {1: 1 << 21, 2: 1448, 3: 128}


def _edge_ratio(key: tuple) -> float:
    """T_low/Θ_D(0) of a rule: 0.1 t_min for rays; 0.3/n for the n^d mesh, whose smallest
    frequencies are ~Θ_D/(2n) (below ~Θ_D/(3n) its sums are exponentially small, not ∝ T³)."""
    return _LOW_T_RATIO * key[1].t_min if key[0] == "rays" else 0.3 / key[1]


def low_temperature_edge(model: PhononModel, key: tuple) -> float:
    """T_low, K: below it the rule of ``key`` is replaced by the model's low-T law."""
    return model.debye_temperature_T0() * _edge_ratio(key)


def _low_T_law(model: PhononModel, kind: str, T: np.ndarray) -> np.ndarray:
    """The leading T -> 0 term of Σ w g (the units of :func:`_contract`), from Θ = Θ_D(0) of the model.

    With ω_s = v_s(n̂) q near Γ, (Ω/(2π)^d) Σ_s ∫ dΩ̂ ∫ q^{d−1} dq g(ħv_s q/k_B T) = d² (T/Θ)^d I_g,
    using Ω/(2π)^d = d/(S_d q_D^d), ⟨Σ_s v_s^{−d}⟩ = d/v̄^d and k_B Θ = ħ q_D v̄; I_g = ∫_0^∞ x^{d−1} g dx:
    C_V/k_B: (d+1)! ζ(d+1); n_B: (d−1)! ζ(d) (d >= 2); n_B/ω: (k_B T/ħ)^{−1} (d−2)! ζ(d−1) (d = 3).
    """
    d = model.dim
    theta = model.debye_temperature_T0()
    tau = T / theta
    if kind == "cv":
        coef, power = d * d * math.factorial(d + 1) * _ZETA[d + 1], d
    elif kind == "n":
        coef, power = d * d * math.factorial(d - 1) * _ZETA[d], d
    else:
        coef, power = d * d * math.factorial(d - 2) * _ZETA[d - 1] * _HBAR / (_K_B * theta), d - 1
    return (coef ** (1.0 / power) * tau) ** power                  # no underflow before the result's own


def _thermal_sum(model: PhononModel, key: tuple, spec: _Spectrum, T: np.ndarray,
                 kind: str, want_error: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """A Bose-weighted spectral sum at every T > 0 (0 at T = 0), and the error of the low-T law.

    Below :func:`low_temperature_edge` the sum is the model's long-wave limit :func:`_low_T_law`; its
    error (``want_error``) is twice the law's relative deviation from the quadrature at the edge plus
    the quadrature's own error there (against the coarser rule), scaled by (T/T_low)² (the dispersion
    correction is of relative order (T/Θ)²), plus d × the accuracy of Θ_D(0).
    """
    flat = T.reshape(-1)
    out = np.zeros(flat.shape)
    err = np.zeros(flat.shape)
    pos = flat > 0.0
    if pos.any():
        small = np.zeros(flat.shape, dtype=bool)
        ratio = _edge_ratio(key)
        # Θ_D(0) (a direction average) only when some T may lie below T_low: Θ_D(0) <~ 2 ħω_max/k_B
        if np.any(flat[pos] < 100.0 * (_HBAR / _K_B) * model.frequency_bound * ratio):
            try:
                edge = low_temperature_edge(model, key)
            except ValueError as err:
                raise ValueError(f"T = {float(np.min(flat[pos])):g} K needs the model's long-wave limit "
                                 f"(below T_low = Θ_D(0) {ratio:g}), and Θ_D(0) is not available: {err}"
                                 ) from None
            small = pos & (flat < edge)
        big = pos & ~small
        out[big] = _contract(spec, flat[big], kind)
        if small.any():
            law = _low_T_law(model, kind, flat[small])
            out[small] = law
            if want_error:
                at_edge = float(_contract(spec, np.array([edge]), kind)[0])
                coarse = float(_contract(_spectrum(model, _lower(key)), np.array([edge]), kind)[0])
                relative = (abs(at_edge / float(_low_T_law(model, kind, np.array([edge]))[0]) - 1.0)
                            + abs(coarse / at_edge - 1.0))        # the rule's own error at the edge
                # ×2: the deviation at the edge also holds the O((T/Θ)⁴) terms, of either sign
                err[small] = law * (2.0 * relative * (flat[small] / edge) ** 2 + model.dim * _THETA_RTOL)
    return out.reshape(T.shape), err.reshape(T.shape)


def _refuse_divergent(model: PhononModel, T: np.ndarray, what: str, dim: int, zero_too: bool = False,
                      valid: str = "") -> None:
    """ValueError when ``what`` is infinite: a ``dim``-D model at T > 0 (at every T if ``zero_too``)."""
    if model.dim == dim and (zero_too or np.any(T > 0.0)):
        where = "at every T" if zero_too else f"at T = {float(np.max(T)):g} K (every T > 0)"
        raise ValueError(f"{what} of a {dim}D model (model.dim = {dim}) is infinite {where}: the long waves "
                         f"ω = v|q| make its q-integral diverge at q -> 0; valid range: {valid}")


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
        angular_order² per triangle; 2D: angular_order per edge), in [1, 128]. Default 16.
    radial_order : int, optional
        "rays": Gauss-Legendre points per radial panel, in [1, 128]. Default 12.
    panel_ratio : float, optional
        "rays": ratio of consecutive geometric panel edges in t = |q|/R (> 1; at most 1000
        panels down to t_min). Default 3.
    t_min : float, optional
        "rays": inner edge of the geometric panels (then one panel [0, t_min]), in [1e-30, 1).
        Default 1e-7. Below T_low = 0.1 t_min Θ_D(0) the model's long-wave limit
        is used instead of the quadrature (Notes).
    n : int, optional
        "mesh": divisions n of the shifted n^d Monkhorst-Pack mesh, >= 1 (n^d <= ~2·10⁶). Default 32.
    return_error : bool, optional
        Also return an error estimate: |value − value with the coarser rule|
        (rays: angular_order − 1 and radial_order − 2; mesh: 3n/4, n − 1 for n <= 3, 2 for n = 1). It is
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

    Every T in [0, 1.8e308] K gives a finite value. Below T_low = 0.1 t_min
    Θ_D(0) (3.4e-6 K for Θ_D(0) = 343 K and the default rule;
    0.3 Θ_D(0)/n for the mesh, which does not resolve the acoustic region below)
    the value is the model's own long-wave limit d² (d+1)! ζ(d+1) k_B (T/Θ_D(0))^d
    (the T³ law in 3D, π²/3 k_B T/Θ_D(0) in 1D), exact as T -> 0; its relative
    error, reported by ``return_error``, is twice its deviation from the
    quadrature at T_low plus the quadrature's own error estimate there, scaled by
    (T/T_low)² (the dispersion correction), plus d·1e-12 (Θ_D(0)).
    At T -> ∞ the value tends to d k_B (Dulong-Petit, 3 k_B per atom in 3D).
    Underflow to 0 happens only where the exact value is below ~1e-308 J/K.

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
                                            panel_ratio=panel_ratio, t_min=t_min), n, return_error)

    def compute(spec, T, want_error):
        value, error = _thermal_sum(model, key, spec, T, "cv", want_error)
        return _K_B * value, _K_B * error

    return _evaluate(model, T, key, compute, return_error)


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
        "mesh": divisions of the shifted n^d Monkhorst-Pack mesh (>= 1, n^d <= ~2·10⁶). Default 32.
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
    ⟨Σ_s v_s⁻³⟩ = 3/v̄³ and Θ_D(0) = ħ v̄ (6π²/Ω)^{1/3}/k_B (2D: (2π²/3) (T/Θ_D(0))²); this
    law is the value below T_low (:func:`heat_capacity`). High T: d k_B T ⟨1/(ħω)⟩ − d/2,
    finite up to T = 1.8e308 K (inf only where the exact value exceeds the double range).

    Raises
    ------
    ValueError
        For a 1D model at T > 0: the number of long-wave phonons, ∫ dq/(e^{ħvq/k_B T} − 1),
        diverges logarithmically at q -> 0.

    Examples
    --------
    >>> from numeric.lattice import Lattice
    >>> from numeric.phonons import DebyeModel
    >>> m = DebyeModel.on_lattice(343.0, Lattice.fcc(3.615e-10))
    >>> f"{phonon_number(m, 0.343) / (18 * 1.2020569031595942 * 1e-9):.9f}"   # T = Θ/1000
    '1.000000000'
    """
    T, key = _inputs(model, T, method, dict(angular_order=angular_order, radial_order=radial_order,
                                            panel_ratio=panel_ratio, t_min=t_min), n, return_error)
    _refuse_divergent(model, T, "phonon_number", 1, valid="model.dim >= 2, or T = 0")
    return _evaluate(model, T, key, lambda spec, T, want: _thermal_sum(model, key, spec, T, "n", want),
                     return_error)


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
        "mesh": divisions of the shifted n^d Monkhorst-Pack mesh (>= 1, n^d <= ~2·10⁶). Default 32.
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
    Below T_low (:func:`heat_capacity`) the thermal part is the model's long-wave
    limit (ħ/(M ω_Θ)) 9 ζ(2) (T/Θ_D(0))², ω_Θ = k_B Θ_D(0)/ħ (3D).

    Raises
    ------
    ValueError
        For a 1D model (⟨u²⟩ is infinite at every T: ∫ dq/q at q -> 0) and for a 2D
        model at T > 0 (the thermal part ∝ T ∫ q dq/q² diverges: Mermin-Wagner).

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
                                            panel_ratio=panel_ratio, t_min=t_min), n, return_error)
    _refuse_divergent(model, T, "mean_square_displacement", 1, zero_too=True,
                      valid="model.dim = 3, or 2 at T = 0")
    _refuse_divergent(model, T, "mean_square_displacement", 2, valid="model.dim = 3, or 2 at T = 0")
    if model.mass is None:
        raise ValueError("model.mass is None: the mean-square displacement needs the atomic mass")
    pref = _HBAR / model.mass

    def compute(spec, T, want_error):
        thermal, error = _thermal_sum(model, key, spec, T, "u", want_error)
        with np.errstate(over="ignore"):                            # inf: beyond the double range
            return pref * (spec.zero_point + thermal), pref * error

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
        (a cubic crystal has an isotropic displacement tensor). inf where 2W
        exceeds the double range (|q| ~ 1e160 1/m and beyond), e^{−2W} = 0 there.

    Raises
    ------
    ValueError
        As :func:`mean_square_displacement` (1D models; 2D models at T > 0), and
        for q and T that do not broadcast together.

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
    T = checked("T", T, 0.0)
    try:
        np.broadcast_shapes(q.shape, T.shape)
    except ValueError:
        raise ValueError(f"q (shape {q.shape}) and T (shape {T.shape}) must broadcast together") from None
    u2 = mean_square_displacement(model, T, method, **rule)
    with np.errstate(over="ignore"):                     # 2W beyond 1.8e308: inf (e^{−2W} = 0)
        out = q * (q * (np.asarray(u2) / model.dim))
    return float(out) if np.ndim(out) == 0 else out
