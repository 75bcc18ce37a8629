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
GRADED_PANELS = 96
#: Below T_ref = REF × ħω_max/k_B the thermal phonons (q ~ k_BT/ħv) lie below the innermost panels, and the
#: rate is its exact low-T scaling from T_ref (see :func:`low_T_scaled`): Debye sphere (panels down to
#: 2^-96 q_max) and Brillouin zone (down to t_min; REF = 10 t_min).
DEBYE_REF = 2.0**-84
#: |ξ| T_ref/T up to this × ħω_max is scaled with T (beyond it the T = 0 part dominates, direct sum).
DEBYE_XI = 2.0**-40
LATTICE_XI = 1e-3
#: The compressed spectrum serves temperatures with |ε − E_F| <= this × k_BT (see LatticeNodes).
COMPRESS_WINDOW = 8.0
#: Umklapp segments: geometric panels toward the kinematic limit down to this fraction of the segment.
UMKLAPP_T_MIN = 1e-4
#: The BZ nodes of each model, per (electron energy, mass, rule).
NODES = ModelCache()


# ------------------------------------------------------------------ Debye sphere
def _graded_nodes(q_max: float) -> tuple[np.ndarray, np.ndarray]:
    """Gauss-Legendre panels on [0, q_max], graded geometrically (factor 2) toward q -> 0."""
    if not q_max > 0.0:
        return np.empty(0), np.empty(0)
    t, w = radial_rule(GL_ORDER, 2.0, 2.0**-GRADED_PANELS)
    return q_max * t, q_max * w


def debye_rate(k: float, m: float, v_s: float, rho: float, q_em: float, q_abs: float, T: np.ndarray,
               xi: float, transport: bool, window: bool) -> tuple[np.ndarray, np.ndarray]:
    """(Σ g × occupation/scale per D² = 1 J², scale) on the Debye sphere for every T in the flat array T
    (emission up to q_em, absorption up to q_abs; the rate is D² × sum × scale)."""
    hw_em, g_em = debye_nodes(k, m, 1.0, v_s, rho, q_em, -1, transport)
    hw_abs, g_abs = debye_nodes(k, m, 1.0, v_s, rho, q_abs, +1, transport)
    hw_max = max(float(hw_em.max(initial=0.0)), float(hw_abs.max(initial=0.0)))

    def direct(T: np.ndarray, xi: float) -> tuple[np.ndarray, np.ndarray]:
        out, scale = np.empty_like(T), np.empty_like(T)
        occupation_sums(np.ascontiguousarray(T), xi, hw_em, g_em, hw_abs, g_abs, window, out, scale)
        return out, scale

    return low_T_scaled(T, xi, hw_max, DEBYE_REF, DEBYE_XI, transport, window, direct)


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
    if transport:  # in units of k: no overflow of k² for any finite energy
        a = (sign * 2.0 * m * omega / _HBAR / k) / k          # k'²/k² − 1
        root = np.sqrt(1.0 + a)                              # k'/k
        dk = -a / (1.0 + root)                               # (k − k')/k
        g = g * ((q / k) ** 2 - dk**2) / (2.0 * root)
    return g


@numba.njit(cache=True, error_model="numpy")
def _bose(x: float) -> float:
    return math.exp(-x) / -math.expm1(-x)


#: Below this x = ħω/k_BT the occupation factors are their Laurent series in x (next terms < 1e-17
#: relative): n = 1/x − 1/2 + x/12, x n(n + 1) = 1/x − x/12, with 1/x formed without x (no underflow).
SMALL_X = 1e-4


@numba.njit(cache=True, error_model="numpy")
def occupation_sums(T, xi, hw_em, g_em, hw_abs, g_abs, window, out, scale):  # pragma: no cover - numba
    """Σ_i g_i × occupation factor / scale[t] for every temperature (the hot loop; T-independent nodes).

    ``scale[t] = max(1, k_BT/ħω_max)`` (ħω_max the largest node energy) keeps the scaled sum finite
    when the rate grows ∝ T without bound (k_BT up to ~1e277 J); the caller multiplies it back with
    :func:`product`. Temperatures whose k_BT is 0 or whose 1/(k_BT) overflows (T < ~4e-286 K) are the
    T = 0 limit: every occupation factor is then its T = 0 value to double precision.
    """
    k_B = _K_B
    hw_max = 0.0
    for i in range(hw_em.shape[0]):
        hw_max = max(hw_max, hw_em[i])
    for i in range(hw_abs.shape[0]):
        hw_max = max(hw_max, hw_abs[i])
    for t in range(T.shape[0]):
        s = 0.0
        kT = k_B * T[t]
        beta = 1.0 / kT if kT > 0.0 else math.inf
        sc = max(1.0, kT / hw_max) if hw_max > 0.0 else 1.0
        scale[t] = sc
        if not beta < math.inf:
            if not window:
                for i in range(hw_em.shape[0]):  # n = 0, 1 − f(ξ − ħω) = step
                    d = xi - hw_em[i]
                    s += g_em[i] * (1.0 if d > 0.0 else (0.5 if d == 0.0 else 0.0))
                for i in range(hw_abs.shape[0]):  # f(ξ + ħω)
                    d = xi + hw_abs[i]
                    s += g_abs[i] * (1.0 if d < 0.0 else (0.5 if d == 0.0 else 0.0))
        else:
            inv = 1.0 / sc
            kT_s = kT * inv  # <= ħω_max: (1/x)/scale = kT_s/ħω without forming x
            for p in range(2):
                hw = hw_em if p == 0 else hw_abs
                g = g_em if p == 0 else g_abs
                for i in range(hw.shape[0]):
                    x = hw[i] * beta
                    if x < SMALL_X:
                        lead = kT_s / hw[i]
                        if window:
                            occ = lead - (x / 12.0) * inv
                        else:
                            occ = lead - (0.5 - x / 12.0) * inv  # n/scale
                    else:
                        n = _bose(x)
                        occ = (x * n * (n + 1.0) if window else n) * inv
                    if not window:
                        if p == 0:
                            occ += (1.0 - fermi_dirac(xi * beta - x)) * inv
                        else:
                            occ += fermi_dirac(xi * beta + x) * inv
                    s += g[i] * occ
        out[t] = s
    return out


def product(*factors: np.ndarray | float, exponent: np.ndarray | int = 0) -> np.ndarray:
    """2^exponent × Π factors (non-negative, broadcast) without intermediate overflow or underflow.

    Mantissas and binary exponents are multiplied and summed separately (``np.frexp``), and the
    result is rounded once (``np.ldexp``): the result is inf only if the true product exceeds the
    largest double (about 1.8e308), 0 only if it is below the smallest subnormal.
    """
    mant = np.ones(np.broadcast_shapes(np.shape(exponent), *(np.shape(f) for f in factors)))
    expo = np.zeros(mant.shape, dtype=np.int64) + np.asarray(exponent, dtype=np.int64)
    for f in factors:
        m, e = np.frexp(np.asarray(f, dtype=np.float64))
        mant = mant * m
        expo = expo + e
        m2, e2 = np.frexp(mant)  # renormalise: many factors of 0.5 must not underflow
        mant, expo = m2, expo + e2
    with np.errstate(over="ignore", under="ignore"):
        return np.ldexp(mant, np.clip(expo, -(2**31), 2**31 - 1).astype(np.int32))


def low_T_scaled(T: np.ndarray, xi: float, hw_max: float, ref: float, xi_limit: float, transport: bool,
                 window: bool, direct) -> tuple[np.ndarray, np.ndarray]:
    """(sum, scale) of :func:`occupation_sums` for every T, exact also below the resolved range.

    ``direct(T, xi)`` evaluates the node sums. Below T_ref = ref ħω_max/k_B only phonons with
    ħω ~ max(k_BT, |ξ|) << ħω_max scatter, where V|g|², the density of final states and the
    transport weight are power laws in q: the rate is (k_BT)^p G(ξ/k_BT) with p = 5 with the
    transport weight, 3 without (the Bloch-Grüneisen T⁵ and T³ laws at ξ = 0), so it is taken as
    (T/T_ref)^p × the rate at T_ref and ξ' = ξ T_ref/T (relative corrections O(max(k_BT_ref,
    |ξ'|)/ħω_max)). Where |ξ'| > xi_limit ħω_max the T = 0 emission (ξ > 0) or hole (ξ < 0) part
    dominates by (ξ/k_BT)^p and the direct sum is kept.
    """
    out, scale = direct(T, xi)
    T_ref = ref * hw_max / _K_B
    low = (T > 0.0) & (T < T_ref)
    if not low.any():
        return out, scale
    p = 5 if transport else 3
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        ratio = T_ref / T
        xi_ref = np.zeros_like(T) if (window or xi == 0.0) else xi * ratio
    low &= np.abs(xi_ref) <= xi_limit * hw_max
    for x in np.unique(xi_ref[low]):
        pick = low & (xi_ref == x)
        ref_out, ref_scale = direct(np.array([T_ref]), float(x))
        r = T[pick] / T_ref
        out[pick] = product(ref_out[0] * ref_scale[0], *([r] * p))
        scale[pick] = 1.0
    return out, scale


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
    raise ValueError(  # k_s = m v/ħ comparable to the BZ (m ~ 300 m_e): the map does not contract
        f"electrons m = {m:g} kg is outside the valid range of the Brillouin-zone path: the kinematic "
        f"limits on the BZ rays did not converge, k_s = m v_max/ħ = {m * v_max / _HBAR:g} 1/m is too large "
        "a fraction of the BZ (valid range: band masses with k_s << the BZ, m below ~100 m_e here)")


def _compress(hw: np.ndarray, g: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The measure Σ g_i δ(ε − ħω_i) as local Gauss rules in geometric bins of ħω (as numeric.thermal)."""
    keep = g > 0.0
    order = np.argsort(hw[keep], kind="stable")
    return compress_measure(hw[keep][order], g[keep][order])


class LatticeNodes:
    """T-independent nodes of emission and absorption for one model, electron energy and rule.

    Normal processes (``umklapp=False``), q-rule: on each ray q = tP of
    ``numeric._quadrature.boundary_cones``, t ∈ [0, t_c] with t_c the
    smallest kinematic limit of the ray (clipped at the BZ boundary t = 1), on
    geometric panels graded toward Γ (``numeric._quadrature.radial_rule``), for all
    branches and both processes; then, per branch and process, one Gauss panel
    on [t_c, t_λ±] up to its own kinematic limit (clipped at 1). The integrand
    is smooth on every panel, so the radial rule converges exponentially.

    Umklapp processes (``umklapp=True``): the same cones continued beyond the BZ boundary, t ∈ [1,
    t_λ±] per branch and process where the kinematic limit t_λ± lies beyond it. There the electron's
    momentum change Q = tP is outside the first BZ, k' = k + Q = k + q + G with the phonon q = Q − G
    in the first BZ and G ≠ 0; a lattice model's modes are periodic, ω_λ(Q) = ω_λ(q), e_λ(Q) = e_λ(q),
    and the coupling and the transport weight take the momentum change Q (the deformation potential of
    the rigid lattice, V|g|² = D²ħ(Q·e)²/(2ρω)). Geometric panels graded toward the kinematic limit,
    where the umklapp phonons are softest (the freeze-out at low T). The sphere of the kinematic limits
    must not reach a reciprocal lattice vector G ≠ 0 (where ω(Q) → 0; checked by the caller).

    :meth:`weights` gives (ħω, g/D²) per process, with or without the transport
    weight: ``full`` (every node) and ``compressed`` (the same measures in ħω by
    :func:`_compress`: a few hundred nodes instead of ~10⁵; the occupation
    factors are analytic in ω across a bin when |ε − E_F| <= 8 k_BT, and in
    the window average).
    """

    def __init__(self, model: object, lattice: Lattice, k: float, m: float, rule: RayRule,
                 umklapp: bool = False) -> None:
        P, w_dir = boundary_cones(model, lattice, rule.angular_order)
        length = np.linalg.norm(P, axis=1)
        unit = P / length[:, None]
        t_lim = kinematic_limits(model, unit, k, m) / length[:, None, None]    # (R, 3, 2), unclipped
        if umklapp:
            tau, w_tau = radial_rule(rule.radial_order, rule.panel_ratio, UMKLAPP_T_MIN)
            span = np.maximum(t_lim - 1.0, 0.0)                                # (R, 3, 2)
            ts = t_lim[..., None] - span[..., None] * tau                      # graded toward t_λ±
            w_seg = w_dir[:, None, None, None] * ts**2 * span[..., None] * w_tau
            t = np.empty((len(P), 0))
            w_common = t
        else:
            t_end = np.minimum(t_lim, 1.0)
            t_c = t_end.min(axis=(1, 2))
            x, w_x = gauss01(rule.radial_order)
            tau, w_tau = radial_rule(rule.radial_order, rule.panel_ratio, rule.t_min)
            t = t_c[:, None] * tau                                             # common part (R, N)
            w_common = w_dir[:, None] * t**2 * t_c[:, None] * w_tau
            span = t_end - t_c[:, None, None]                                  # segments (R, 3, 2, n)
            ts = t_c[:, None, None, None] + span[..., None] * x
            w_seg = w_dir[:, None, None, None] * ts**2 * span[..., None] * w_x
        n_common = t.size
        q = np.concatenate([(t[..., None] * P[:, None, :]).reshape(-1, 3),
                            (ts[..., None] * P[:, None, None, None, :]).reshape(-1, 3)])
        omega, vectors = model.modes(q)                                        # (Q, 3), (Q, 3, 3)
        qe2 = np.einsum("qi,qis->qs", q, vectors) ** 2                         # (q·e_λ)²
        q_abs = np.linalg.norm(q, axis=1)
        rho = model.mass / model.cell_volume                                 # ρ = M/Ω
        seg_shape = ts.shape
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


def lattice_rate(model: object, lattice: Lattice, m: float, k: float, T: np.ndarray, xi: float,
                 transport: bool, window: bool, rule: RayRule,
                 umklapp: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """(Σ g × occupation/scale per D² = 1 J², scale) on the BZ rays for every T in the flat array T
    (Brillouin-zone domain; the rate is D² × sum × scale, see :func:`occupation_sums`): the normal
    processes, or with ``umklapp`` the umklapp processes (:class:`LatticeNodes`), which freeze out
    exponentially at low T instead of following the power law of :func:`low_T_scaled`."""
    key = (k, m, rule.angular_order, rule.radial_order, rule.panel_ratio, rule.t_min, umklapp)
    nodes = NODES.get(model, key, lambda: LatticeNodes(model, lattice, k, m, rule, umklapp))
    full, compressed = nodes.weights(transport)
    hw_max = max(float(full[0].max(initial=0.0)), float(full[2].max(initial=0.0)))

    def direct(T: np.ndarray, xi: float) -> tuple[np.ndarray, np.ndarray]:
        out, scale = np.empty_like(T), np.empty_like(T)
        easy = np.full(T.shape, rule.compress)
        if not window and xi != 0.0:
            easy &= np.abs(xi) <= COMPRESS_WINDOW * _K_B * T
        for use, arrays in ((easy, compressed), (~easy, full)):
            if use.any():
                part = np.ascontiguousarray(T[use])
                res, sc = np.empty_like(part), np.empty_like(part)
                occupation_sums(part, xi, *arrays, window, res, sc)
                out[use], scale[use] = res, sc
        return out, scale

    if umklapp:
        return direct(T, xi)
    return low_T_scaled(T, xi, hw_max, 10.0 * rule.t_min, LATTICE_XI, transport, window, direct)
