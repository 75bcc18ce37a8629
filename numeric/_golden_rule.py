"""The machinery of the golden-rule integrator of :mod:`numeric.transport`: T-independent nodes, hot loop.

1/τ = Σ_nodes g_i × occupation(ħω_i, T): the nodes (ħω_i, g_i) of emission and
absorption do not depend on T, so they are built once per model, electron
energy and rule (cached per model in :data:`NODES`) and contracted with the
occupation factors of every temperature by the numba loop
:func:`occupation_sums`.

* Debye sphere (:func:`debye_nodes`): one longitudinal branch ω = v_s q, the
  q-integral on Gauss-Legendre panels graded geometrically toward q = 0;
* Brillouin zone (:class:`LatticeNodes`): all branches and polarisations of a
  lattice-dynamics model on the rays from Γ of a
  :class:`numeric._quadrature.RayRule`, radii cut at the kinematic limits
  (:func:`kinematic_limits`), node weights compressed in ħω into local Gauss
  rules for the temperatures where the occupation factors are analytic across a bin.

The physics and the formulas are documented with the public functions in
:mod:`numeric.transport`.
"""

from __future__ import annotations

import math

import numba
import numpy as np

from . import constants as _c
from ._quadrature import ModelCache, RayRule, boundary_cones, compress_measure, gauss01, radial_rule
from ._support import fermi_dirac
from .lattice import Lattice

_HBAR, _K_B = _c.hbar, _c.k

#: Gauss-Legendre order per panel and number of geometric (factor-2) panels toward q -> 0 (Debye sphere).
GL_ORDER = 16
GRADED_PANELS = 48
#: The compressed spectrum serves temperatures with |ε − E_F| <= this × k_BT (see LatticeNodes).
COMPRESS_WINDOW = 8.0
#: The BZ nodes of each model, per (electron energy, mass, rule).
NODES = ModelCache()


# ------------------------------------------------------------------ Debye sphere
def _graded_nodes(q_max: float) -> tuple[np.ndarray, np.ndarray]:
    """Gauss-Legendre panels on [0, q_max], graded geometrically (factor 2) toward q -> 0."""
    if not q_max > 0.0:
        return np.empty(0), np.empty(0)
    t, w = radial_rule(GL_ORDER, 2.0, 2.0**-GRADED_PANELS)
    return q_max * t, q_max * w


def debye_nodes(k: float, m: float, D: float, v_s: float, rho: float, q_max: float, sign: int,
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
    return _HBAR * omega, process_weights(k, m, q, omega, coupling, w, sign, transport)


def process_weights(k: float, m: float, q: np.ndarray, omega: np.ndarray, coupling: np.ndarray,
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
def occupation_sums(T, xi, hw_em, g_em, hw_abs, g_abs, window, out):  # pragma: no cover - numba
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


# ------------------------------------------------------------------ Brillouin zone
def kinematic_limits(model: object, unit: np.ndarray, k: float, m: float) -> np.ndarray:
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
                         f"({e_min:g} J, inf) of the Brillouin-zone path: the electron must be faster than "
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


class LatticeNodes:
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

    def __init__(self, model: object, lattice: Lattice, k: float, m: float, rule: RayRule) -> None:
        P, w_dir = boundary_cones(model, lattice, rule.angular_order)
        length = np.linalg.norm(P, axis=1)
        unit = P / length[:, None]
        t_end = np.minimum(kinematic_limits(model, unit, k, m) / length[:, None, None], 1.0)  # (R, 3, 2)
        t_c = t_end.min(axis=(1, 2))
        tau, w_tau = radial_rule(rule.radial_order, rule.panel_ratio, rule.t_min)
        x, w_x = gauss01(rule.radial_order)
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
        rho = model.mass / model.cell_volume                                 # ρ = M/Ω
        seg_shape = (*span.shape, rule.radial_order)
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
                g = process_weights(self.k, self.m, qq, om, coupling, w, sign, transport)
                full += [np.ascontiguousarray(_HBAR * om), np.ascontiguousarray(g)]
            self._weights[transport] = (full, [*_compress(*full[:2]), *_compress(*full[2:])])
        return self._weights[transport]


def lattice_rate(model: object, lattice: Lattice, m: float, k: float, D: float, T: np.ndarray, xi: float,
                 transport: bool, window: bool, rule: RayRule) -> np.ndarray:
    """D² Σ g × occupation on the BZ rays for every T in the flat array T (Brillouin-zone domain)."""
    key = (k, m, rule.angular_order, rule.radial_order, rule.panel_ratio, rule.t_min)
    nodes = NODES.get(model, key, lambda: LatticeNodes(model, lattice, k, m, rule))
    full, compressed = nodes.weights(transport)
    out = np.empty_like(T)
    easy = np.full(T.shape, rule.compress)
    if not window and xi != 0.0:
        easy &= np.abs(xi) <= COMPRESS_WINDOW * _K_B * T
    for use, arrays in ((easy, compressed), (~easy, full)):
        if use.any():
            part = np.ascontiguousarray(T[use])
            res = np.empty_like(part)
            occupation_sums(part, xi, *arrays, window, res)
            out[use] = res
    return D**2 * out
