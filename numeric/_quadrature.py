"""Quadrature rules shared by the Brillouin-zone integrators (``numeric.thermal``, ``numeric.transport``).

* :class:`RayRule`, the one value object for the rule on rays from Γ (its
  defaults and validation), and :class:`ModelCache`, the one per-model cache of
  the T-independent nodes built with it;
* Gauss-Legendre on [0, 1] (:func:`gauss01`), graded radial panels toward Γ
  (:func:`radial_rule`), the collapsed (Duffy) product rule on a simplex
  (:func:`simplex_rule`) and a product rule on the sphere (:func:`sphere_rule`);
* the cones from Γ over the faces of the first Brillouin zone, one per symmetry
  orbit when a model has the lattice's point symmetry (:func:`boundary_cones`,
  :func:`has_point_symmetry`);
* compression of a discrete measure Σ w_i δ(x − x_i) into local Gauss rules on
  geometric bins (:func:`local_gauss`, :func:`compress_measure`): a few hundred
  nodes instead of ~10⁵ for integrands analytic across each bin.

The arrays returned by the cached rules are read-only.
"""

from __future__ import annotations

import dataclasses
import math
import weakref
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import numpy as np

from ._support import integer, scalar
from .lattice import Lattice

#: Largest angular_order and radial_order of a :class:`RayRule` (Gauss-Legendre points per direction / panel).
MAX_ORDER = 128
#: Smallest t_min of a :class:`RayRule`: far below any thermal scale resolved in double precision
#: (the integrators use the long-wave limit of the model below t_min anyway).
MIN_T_MIN = 1e-30
#: Most radial panels log(1/t_min)/log(panel_ratio) of a :class:`RayRule`.
MAX_PANELS = 1000

#: Measure compression: geometric bins x_{j+1}/x_j <= BIN_RATIO, a Gauss rule of BIN_GAUSS points in each.
BIN_RATIO = 1.25
BIN_GAUSS = 8


@dataclasses.dataclass(frozen=True)
class RayRule:
    """The quadrature on rays from Γ of the BZ integrators: angular rule × graded radial rule.

    The rays run from Γ to the domain boundary (the cones over the BZ boundary
    simplices of :func:`boundary_cones`, or the Debye sphere); on each, t = |q|/|q_boundary|
    ∈ [0, 1] is split into geometric panels [r^(−k−1), r^(−k)] (r = ``panel_ratio``)
    down to ``t_min`` plus [0, t_min], each with ``radial_order`` Gauss-Legendre
    points (:func:`radial_rule`): this resolves the acoustic region near Γ, where
    the thermal scale |q| ~ k_BT/ħv sits at low T, over many decades.

    Parameters
    ----------
    angular_order : int
        Gauss points per direction of each boundary simplex (3D: angular_order²
        per triangle; 2D: angular_order per edge), in [1, 128]. Default 16.
    radial_order : int
        Gauss-Legendre points per radial panel, in [1, 128]. Default 12.
    panel_ratio : float
        Ratio r of consecutive panel edges, > 1, with at most 1000 panels
        (r >= (1/t_min)^(1/1000)). Default 3.
    t_min : float
        Inner edge of the geometric panels, in [1e-30, 1). Default 1e-7, the
        phonon sums of ``numeric.thermal``: panels reach thermal phonons down to
        T ≈ t_min Θ_D. The golden-rule rates of ``numeric.transport`` use
        ``t_min = 1e-6`` (their rule ``GOLDEN_RULE_RAYS``): they are asked down
        to T ~ 1e-3 T_BG, and on their ~10⁵-node BZ rule it saves two of the
        ~15 panels per ray.
    compress : bool
        Contract the temperature-dependent factors with the node measure
        compressed in ω into local Gauss rules (:func:`compress_measure`: a few
        hundred nodes instead of ~10⁵); False sums over every node (slower; for checks).

    Examples
    --------
    >>> RayRule()
    RayRule(angular_order=16, radial_order=12, panel_ratio=3.0, t_min=1e-07, compress=True)
    >>> RayRule(radial_order=12).coarser()          # the rule of the error estimates
    RayRule(angular_order=15, radial_order=10, panel_ratio=3.0, t_min=1e-07, compress=True)
    >>> RayRule(angular_order=0)
    Traceback (most recent call last):
    ...
    ValueError: angular_order = 0 is outside the valid range: an integer in [1, 128]
    """

    angular_order: int = 16
    radial_order: int = 12
    panel_ratio: float = 3.0
    t_min: float = 1e-7
    compress: bool = True

    def __post_init__(self) -> None:
        for name in ("angular_order", "radial_order"):
            object.__setattr__(self, name, integer(name, getattr(self, name), 1, MAX_ORDER))
        object.__setattr__(self, "panel_ratio", scalar("panel_ratio", self.panel_ratio, 1.0, low_open=True))
        object.__setattr__(self, "t_min", scalar("t_min", self.t_min, MIN_T_MIN, 1.0, high_open=True))
        if not isinstance(self.compress, bool | np.bool_):
            raise TypeError(f"compress must be True or False, got {self.compress!r}")
        object.__setattr__(self, "compress", bool(self.compress))
        panels = math.log(1.0 / self.t_min) / math.log(self.panel_ratio)
        if panels > MAX_PANELS:
            lowest = (1.0 / self.t_min) ** (1.0 / MAX_PANELS)
            raise ValueError(f"panel_ratio = {self.panel_ratio!r} is outside the valid range [{lowest:.6g}, "
                             f"inf) for t_min = {self.t_min:g}: it would need {panels:.3g} radial panels "
                             f"(at most {MAX_PANELS})")

    def coarser(self) -> RayRule:
        """The rule with angular_order − 1 and radial_order − 2, for error estimates.

        Where those would fall below 1 the order goes up instead (angular 1 -> 2, radial 1, 2 -> 3, 4),
        so that the rule always differs from this one in both orders (an estimate from the same rule
        would be 0).
        """
        a, r = self.angular_order, self.radial_order
        return dataclasses.replace(self, angular_order=a - 1 if a > 1 else 2,
                                   radial_order=r - 2 if r > 2 else r + 2)


class ModelCache:
    """T-independent quadrature data per model (weak keys: an entry dies with its model).

    At most ``size`` + 1 entries per model (then that model's entries are dropped);
    a model that cannot be weakly referenced is not cached.

    Examples
    --------
    >>> class Model: pass
    >>> cache, m = ModelCache(), Model()
    >>> cache.get(m, "key", lambda: [1.0]) is cache.get(m, "key", lambda: [2.0])
    True
    """

    def __init__(self, size: int = 8) -> None:
        self._store: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self._size = size

    def get(self, model: object, key: object, build: Callable[[], Any]) -> Any:
        """The entry ``key`` of ``model``, built by ``build()`` if absent."""
        try:
            per_model = self._store.setdefault(model, {})
        except TypeError:  # not weak-referenceable: no caching
            return build()
        if key not in per_model:
            if len(per_model) > self._size:
                per_model.clear()
            per_model[key] = build()
        return per_model[key]

    def clear(self, model: object | None = None) -> None:
        """Forget the entries of ``model`` (all models if None)."""
        if model is None:
            self._store.clear()
        else:
            self._store.pop(model, None)


def _read_only(*arrays: np.ndarray) -> tuple[np.ndarray, ...]:
    for a in arrays:
        a.flags.writeable = False
    return arrays


@lru_cache(maxsize=64)
def gauss01(n: int) -> tuple[np.ndarray, np.ndarray]:
    """n-point Gauss-Legendre nodes and weights on [0, 1] (weights sum to 1).

    Examples
    --------
    >>> x, w = gauss01(3)
    >>> round(float(w @ x**5), 15)                # exact up to degree 5: ∫_0^1 x⁵ dx = 1/6
    0.166666666666667
    """
    x, w = np.polynomial.legendre.leggauss(n)
    return _read_only(0.5 * (x + 1.0), 0.5 * w)


def radial_rule(order: int, ratio: float, t_min: float) -> tuple[np.ndarray, np.ndarray]:
    """Nodes and weights on [0, 1] (weight function 1): geometric panels down to t_min, then [0, t_min]."""
    panels = max(1, math.ceil(math.log(1.0 / t_min) / math.log(ratio)))
    edges = np.concatenate([ratio ** -np.arange(panels + 1.0), [0.0]])
    x, w = gauss01(order)
    lo, hi = edges[1:], edges[:-1]
    t = (lo[:, None] + (hi - lo)[:, None] * x).reshape(-1)
    wt = ((hi - lo)[:, None] * w).reshape(-1)
    return t, wt


def simplex_rule(dim: int, order: int) -> tuple[np.ndarray, np.ndarray]:
    """Points s (n, d−1) and weights on the reference simplex (weights sum to 1/(d−1)!)."""
    if dim == 1:
        return np.zeros((1, 0)), np.ones(1)
    x, w = gauss01(order)
    if dim == 2:
        return x[:, None], w
    # collapsed Gauss rule on the triangle: s1 = u, s2 = v (1 − u), Jacobian (1 − u)
    u, v = np.meshgrid(x, x, indexing="ij")
    wu, wv = np.meshgrid(w, w, indexing="ij")
    s = np.stack([u.reshape(-1), (v * (1.0 - u)).reshape(-1)], axis=-1)
    return s, (wu * wv * (1.0 - u)).reshape(-1)


def sphere_rule(dim: int, order: int) -> tuple[np.ndarray, np.ndarray]:
    """Unit directions (n, d) and weights summing to 1 (the direction average)."""
    if dim == 1:
        return np.array([[1.0], [-1.0]]), np.array([0.5, 0.5])
    nphi = 2 * order
    phi = 2.0 * math.pi * (np.arange(nphi) + 0.5) / nphi
    if dim == 2:
        return np.stack([np.cos(phi), np.sin(phi)], axis=-1), np.full(nphi, 1.0 / nphi)
    c, wc = np.polynomial.legendre.leggauss(order)
    s = np.sqrt(1.0 - c**2)
    dirs = np.stack(np.broadcast_arrays(s[:, None] * np.cos(phi), s[:, None] * np.sin(phi), c[:, None]),
                    axis=-1).reshape(-1, 3)
    return dirs, np.repeat(0.5 * wc / nphi, nphi)


def has_point_symmetry(model: object, lattice: Lattice) -> bool:
    """Whether ``model.frequencies`` is invariant under the lattice's point group, tested at random q.

    True for the spring models (complete neighbour shells, central forces); a
    model that breaks the symmetry is integrated over every cone instead.
    """
    rng = np.random.default_rng(0)
    q = (rng.random((4, lattice.dim)) - 0.5) @ lattice.reciprocal
    images = np.einsum("gij,pj->gpi", lattice.point_group, q).reshape(-1, lattice.dim)
    omega = np.asarray(model.frequencies(images), dtype=float).reshape(len(lattice.point_group), len(q), -1)
    return bool(np.allclose(omega, omega[:1], rtol=1e-9, atol=0.0))


def boundary_cones(model: object, lattice: Lattice, angular_order: int) -> tuple[np.ndarray, np.ndarray]:
    """Ray ends P (R, d) on the BZ boundary, weights w (R,): ∫_BZ d^dq F ≈ Σ_r w_r ∫_0^1 t^(d−1) F(tP_r) dt.

    The BZ is the union of the cones from Γ over the boundary simplices; in the cone over the simplex
    V_0 .. V_{d−1}, q = t P(s), P(s) = V_0 + Σ_i s_i (V_i − V_0), d^dq = t^(d−1) |det V| dt d^(d−1)s.
    One cone per point-group orbit, weighted by the orbit size, when ``model`` has the lattice's
    symmetry (:func:`has_point_symmetry`); the simplex rule is :func:`simplex_rule`.
    """
    if has_point_symmetry(model, lattice):
        V, multiplicity = lattice.irreducible_boundary_simplices()
    else:
        V = lattice.bz_boundary_simplices()                    # (S, d, d)
        multiplicity = np.ones(len(V))
    s, ws = simplex_rule(lattice.dim, angular_order)           # (A, d−1), (A,)
    P = V[:, None, 0, :] + np.einsum("ak,skj->saj", s, V[:, 1:, :] - V[:, :1, :])   # (S, A, d)
    w = (multiplicity * np.abs(np.linalg.det(V)))[:, None] * ws[None, :]
    return P.reshape(-1, lattice.dim), w.reshape(-1)


def local_gauss(x: np.ndarray, w: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """k-point Gauss rule of the discrete measure Σ w_i δ(· − x_i) (Lanczos / Golub-Welsch), x sorted.

    Exact for polynomials of degree <= 2k − 1 in x. Returns the measure itself when it has <= k points.

    Examples
    --------
    >>> x = np.linspace(0.0, 1.0, 1001); w = np.full(x.size, 1.0 / x.size)
    >>> a, b = local_gauss(x, w, 3)
    >>> bool(np.isclose(b @ a**5, w @ x**5, rtol=1e-12, atol=0))
    True
    """
    if len(x) <= k:
        return x, w
    lo, hi = float(x[0]), float(x[-1])
    if hi <= lo:
        return np.array([lo]), np.array([float(w.sum())])
    y = (2.0 * x - (lo + hi)) / (hi - lo)                          # in [−1, 1]
    total = float(w.sum())
    v = np.sqrt(w / total)
    basis = [v]
    alpha, beta = [], []
    prev, b = np.zeros_like(v), 0.0
    for j in range(k):
        z = y * v
        a = float(v @ z)
        z = z - a * v - b * prev
        for u in basis:                                             # full re-orthogonalisation
            z -= (u @ z) * u
        alpha.append(a)
        b = float(np.linalg.norm(z))
        if j == k - 1 or b <= 1e-14:
            break
        beta.append(b)
        prev, v = v, z / b
        basis.append(v)
    J = np.diag(alpha) + np.diag(beta, 1) + np.diag(beta, -1)
    nodes, vectors = np.linalg.eigh(J)
    return lo + 0.5 * (nodes + 1.0) * (hi - lo), total * vectors[0] ** 2


def compress_measure(x: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The measure Σ w_i δ(· − x_i) (x sorted, > 0) as :func:`local_gauss` rules on geometric bins.

    Bins x_{j+1}/x_j <= :data:`BIN_RATIO` between x[0] and x[-1], :data:`BIN_GAUSS` points in each:
    exact for polynomials of degree 2·BIN_GAUSS − 1 inside every bin.
    """
    if len(x) == 0:
        return x, w
    lo, hi = x[0], x[-1]
    nbins = max(1, math.ceil(math.log(hi / lo) / math.log(BIN_RATIO)))
    cuts = np.searchsorted(x, lo * (hi / lo) ** (np.arange(1, nbins) / nbins), side="right")
    parts = [local_gauss(a, b, BIN_GAUSS)
             for a, b in zip(np.split(x, cuts), np.split(w, cuts), strict=True) if len(a)]
    return (np.ascontiguousarray(np.concatenate([p[0] for p in parts])),
            np.ascontiguousarray(np.concatenate([p[1] for p in parts])))
