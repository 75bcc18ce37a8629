"""Density response χ0(q, ω, T) of the free electron gas by k-space integration (SI, both spins).

An integrator independent of the closed-form Lindhard kernels in
:mod:`numeric.screening`, against which it is tested:

    χ0(q, ω) = (2/(2π)³) ∫ d³k [f(ε_k) − f(ε_{k+q})] / (ħω + ε_k − ε_{k+q} + i0⁺)

in 1/(J m³), the retarded (ω >= 0) response of one parabolic band,
ε_k = ħ²k²/2m, counting both spins; f is the Fermi-Dirac occupation at the
chemical potential μ(T) that keeps the density n fixed (the step θ(E_F − ε)
at T = 0). Sign convention as in :mod:`numeric.screening`: χ0(q, 0) < 0,
Im χ0 <= 0 for ω > 0, and ε = 1 − v(q) χ0 with v(q) = e²/(ε0 q²).

Method
------
1. The term with f(ε_{k+q}) is moved onto f(ε_k) by k -> −k − q (exact for
   ε_{−k} = ε_k), so only the occupied (T = 0: the Fermi sphere) or thermally
   populated k are integrated:

       χ0 = (2/(2π)³) ∫ d³k f(ε_k) [1/(ħω − Δ + i0⁺) − 1/(ħω + Δ + i0⁺)],
       Δ = ε_{k+q} − ε_k = ħ²(2kqμ + q²)/2m.

2. Spherical coordinates about q, μ = cos θ. Δ is linear in μ, so the
   singular surface Δ = ±ħω is one point μ0(k) of each μ integral. Its
   pole is subtracted, ∫ dμ g(μ)/(μ0 − μ + i0⁺) = ∫ dμ [g(μ) − g(μ0)]/(μ0 − μ)
   + g(μ0) [ln|(μ0 + 1)/(μ0 − 1)| − iπ θ(1 − |μ0|)]; with g constant the first
   integral vanishes identically, so the angular integral is exact: a
   principal-value logarithm and, from the delta function, the indicator of
   |μ0| < 1 (Sokhotski-Plemelj). In reduced units κ = k/k_F, Q = q/k_F,
   Ω = ħω/E_F, τ = k_B T/E_F, η = μ(T)/E_F,

       χ0/(−g(E_F)) = −(1/2Q) ∫_0^∞ dκ κ f(κ²) [S(κ) − iπ 1(κ1 < κ < κ2)],
       S = ln|(κ + s1)(κ − s2) / ((κ − s1)(κ + s2))| = ln|1 − r|,
       r = 2κQ/((κ − s1)(κ + s2)),  s1 = Ω/2Q − Q/2,  s2 = Ω/2Q + Q/2,

   κ1 = |s1|, κ2 = s2 (the particle-hole continuum), g(E_F) = m k_F/(π²ħ²).
   S is evaluated as log1p(−r) where |r| < 1/2, which keeps full relative
   accuracy for ω >> v_F q (the plasmon region, where the two terms of step 1
   cancel to O(Q²/Ω)).
3. The remaining radial integral (real part: principal value; imaginary part:
   the 1D integral left by the delta function) is done numerically with
   Gauss-Legendre panels. Breakpoints: 0, κ1 and κ2 (where S has logarithmic
   singularities and the indicator jumps), the top of the occupied range
   (κ = 1 at T = 0, where the step in f sits; sqrt(max(η, 0) + 50τ) at T > 0,
   beyond which f < e^{−50}), and at T > 0 the energies η + jτ,
   j = 0, ±1, ±2, ±4, ..., ±32, and τ/4, τ, 4τ, 16τ (the Fermi and Boltzmann
   scales). Intervals that end at, or near, κ1 or κ2 are split geometrically
   towards that end (ratio ``ratio``, down to 1e-12 max(1, κ)), which
   integrates the logarithmic singularities to full precision (hp quadrature):
   the error decreases exponentially with ``order`` and there is no smearing.
   At T = 0 the static result has a relative error ~1e-14 for 0 < q < 4k_F,
   including the Kohn point q = 2k_F.
4. μ(T) solves n(μ, T) = n with n = (1/π²) ∫ dk k² f(ε_k) evaluated by the
   same panels (Brent's method between the Boltzmann value k_B T ln(nλ³/2),
   which is a lower bound, and E_F, an upper bound); below k_B T = 1e-3 E_F it
   is the Sommerfeld series, above k_B T = 1e6 E_F the fugacity series
   z = z0 + z0²/2^{3/2} + (1/4 − 3^{-3/2}) z0³, z0 = 4/(3√π τ^{3/2}), and there
   χ0 integrates the occupations divided by the fugacity (which underflows
   from k_B T ~ 1e205 E_F), so every T up to ~1e300 K is served.

The hot loops are numba-compiled (``numeric._lindhard_quadrature``); everything is vectorised over
q, ω and T.
Validity: non-interacting electrons in one isotropic parabolic band (the RPA
input), 3D, spin-degenerate; no lattice (no umklapp, no band structure).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike
from scipy.optimize import brentq

from ._lindhard_quadrature import (
    NONDEGENERATE_TAU,
    RTOL,
    chi0_point,
    gauss_options,
    log_fugacity,
    reduced_chi0,
    reduced_mu,
)
from ._support import checked, integer, scalar
from .bands import TetrahedronBZ, band_domain, fermi_sphere
from .constants import e as _E
from .constants import epsilon_0 as _EPS0
from .constants import hbar as _HBAR
from .constants import k as _K_B
from .coupling import frohlich_coupling
from .screening import dielectric_thomas_fermi
from .tetrahedron import cell_tetrahedra, occupied_inverse_average

#: plasmon_frequency_numeric returns the small-q series below v_F q = SERIES_Q ω_p.
SERIES_Q = 1e-3

__all__ = [
    "chemical_potential",
    "chi0",
    "dielectric_rpa",
    "dielectric_thomas_fermi_numeric",
    "plasmon_frequency_numeric",
    "screened_frohlich_coupling",
    "thomas_fermi_wavevector_numeric",
]

# ====================================================================== lattice bands (tetrahedra)
def _chi0_lattice(bands: object, domain: TetrahedronBZ, q: ArrayLike, omega: ArrayLike, T: ArrayLike,
                  nk: int) -> np.ndarray | float:
    """Static T = 0 χ0 of a one-band lattice model by the linear tetrahedron method (see :func:`chi0`)."""
    lattice = domain.lattice
    if lattice.dim != 3:
        raise ValueError(f"electrons.domain.lattice.dim = {lattice.dim} is outside the valid range: 3 "
                         "(3D lattices)")
    if np.any(checked("omega", omega, 0.0) != 0.0):
        raise ValueError("omega must be 0 for lattice bands: the dynamic tetrahedron response is not "
                         "implemented yet (valid range: omega = 0)")
    if np.any(checked("T", T, 0.0) != 0.0):
        raise ValueError("T must be 0 for lattice bands: finite T is not implemented yet "
                         "(valid range: T = 0)")
    nk = integer("nk", nk, 2, 96)
    q_a = checked("q", q)
    if q_a.ndim == 0 or q_a.shape[-1] != 3:
        raise ValueError(f"q must have shape (..., 3) (a wavevector, 1/m) for lattice bands, got {q_a.shape}")
    ef = float(bands.fermi_level)  # type: ignore[attr-defined]
    scale = domain.energy_scale  # energies in units of it: no underflow
    k = lattice.monkhorst_pack(nk)[0].reshape(nk, nk, nk, 3)  # Γ-centred, index (i, j, l) = u n
    tetra = cell_tetrahedra(lattice, nk)
    eps = np.ascontiguousarray(bands.energies(k) / scale)  # type: ignore[attr-defined]
    inv_b = np.linalg.inv(lattice.reciprocal)
    out = np.empty(q_a.shape[:-1])
    for idx in np.ndindex(out.shape):
        qv = q_a[idx]
        red = qv @ inv_b
        if np.max(np.abs(red)) > 2.0**40:
            raise ValueError(f"q = {qv.tolist()} 1/m is outside the valid range: below 2^40 reciprocal-"
                             "lattice vectors (beyond, its reduction to the Brillouin zone loses its digits)")
        if np.allclose(red, np.round(red), rtol=0.0, atol=1e-12):
            raise ValueError(f"q = {qv.tolist()} 1/m is a reciprocal-lattice vector, where χ0 is the q -> 0 "
                             "limit (valid range: q not in the reciprocal lattice)")
        eps_q = np.ascontiguousarray(bands.energies(k + qv) / scale)  # type: ignore[attr-defined]
        avg = occupied_inverse_average(eps, eps_q, ef / scale, tetra)
        if not math.isfinite(avg):
            raise ValueError(f"q = {qv.tolist()} 1/m makes ε_k − ε_(k+q) vanish on mesh planes (log-"
                             f"divergent tetrahedra); valid range: q incommensurate with the nk = {nk} mesh")
        out[idx] = 4.0 * avg / (scale * lattice.cell_volume)
    return _finish(out, out.ndim == 0)


# ====================================================================== helpers
def _gas(electrons: object, needed_by: str) -> tuple[float, float, float]:
    """(k_F, E_F, g(E_F) both spins per volume) of a parabolic band, as the model states them."""
    sphere = fermi_sphere(electrons, needed_by)
    return sphere.k_F, float(electrons.fermi_level), float(electrons.dos_fermi)  # type: ignore[attr-defined]


def _representable(name: str, given: np.ndarray, out: np.ndarray | float | complex, what: str
                   ) -> np.ndarray | float | complex:
    """``out``, or ValueError naming ``name`` and its first value where ``out`` is not finite."""
    arr = np.asarray(out)
    bad = ~np.isfinite(arr)
    if bad.any():
        value = np.broadcast_to(given, arr.shape)[bad].flat[0]
        raise ValueError(f"{name} = {value:g} is outside the valid range: {what} exceeds the largest double "
                         "(1.8e308) there")
    return out


def _finish(values: np.ndarray, scalar: bool) -> np.ndarray | float | complex:
    if scalar:
        return values.item()
    return values


# ====================================================================== public API
def chi0(electrons: object, q: ArrayLike, omega: ArrayLike = 0.0, T: ArrayLike = 0.0, *, order: int = 12,
         ratio: float = 0.25, nk: int = 48) -> np.ndarray | float | complex:
    """Non-interacting density response χ0(q, ω, T) of the electron gas by k-space integration.

    χ0 = (2/(2π)³) ∫ d³k [f(ε_k) − f(ε_{k+q})]/(ħω + ε_k − ε_{k+q} + i0⁺), both
    spins, retarded; see the module docstring for the method. It does not
    call the closed-form Lindhard kernels of :mod:`numeric.screening`.

    A band integrated on its Brillouin zone (``electrons.domain`` a
    :class:`numeric.bands.TetrahedronBZ`, e.g. ``numeric.electrons.TightBinding``)
    goes to the Brillouin-zone integrator instead (static, T = 0 only):

        χ0(q) = (2/Ω) ⟨(f_k − f_{k+q})/(ε_k − ε_{k+q})⟩_BZ = (4/Ω) ⟨θ(E_F − ε_k)/(ε_k − ε_{k+q})⟩_BZ

    (Ω the cell volume, ⟨⟩ the BZ average; the second, principal-value form
    follows from k -> −k − q and ε_{−k} = ε_k), by the linear tetrahedron
    method on a Γ-centred nk³ mesh: in each tetrahedron ε_k and
    d = ε_k − ε_{k+q} are linear, the occupied part is cut into at most three
    tetrahedra and the PV average of 1/d over each is 3! times the third
    divided difference of x² ln|x|/2 at the vertex values of d
    (Hermite-Genocchi), by a Taylor series for clustered values. No
    smearing; the error is O(1/nk²) from the linear interpolation.

    Parameters
    ----------
    electrons : numeric.bands.BandModel
        The band. Domain :class:`numeric.bands.FermiSphere` (a parabolic band,
        e.g. ``numeric.electrons.FreeElectronGas``): k_F from the domain, E_F
        = ``fermi_level`` and g(E_F) = ``dos_fermi`` (both spins, per volume)
        from the model. Domain :class:`numeric.bands.TetrahedronBZ` (a 3D
        lattice band, e.g. ``numeric.electrons.TightBinding``): ``fermi_level``
        (J) and ``energies(k)`` (k (..., 3) in 1/m -> J) on the domain's lattice.
    q : array_like
        Wavevector magnitude, 1/m (> 0, finite); for a lattice band a vector,
        shape (..., 3), not in the reciprocal lattice.
    omega : array_like, optional
        Angular frequency, rad/s (>= 0, finite); default 0 (static).
    T : array_like, optional
        Temperature, K (>= 0, finite); default 0. At T > 0 the occupations
        are Fermi-Dirac at the chemical potential of the same density
        (:func:`chemical_potential`).
    order : int, keyword-only
        Gauss-Legendre points per panel (2..64); the error falls
        exponentially with it.
    ratio : float, keyword-only
        Geometric ratio of the panels graded towards the singular points, in (0, 1).
    nk : int, keyword-only
        Lattice bands only: mesh divisions along each reciprocal vector (2..96; memory ~1 GB at 96).

    Returns
    -------
    float, complex or ndarray
        χ0 in 1/(J m³), broadcast over q, omega and T. Real (float64) when
        every omega is 0; complex otherwise, Re χ0 from the principal value and
        Im χ0 <= 0 from the delta function. Python scalars for scalar inputs.

    Notes
    -----
    References: Giuliani & Vignale, *Quantum Theory of the Electron Liquid*,
    §4.4 (Lindhard function); Maldague, Surf. Sci. 73, 296 (1978) for
    T > 0. At T = 0, χ0(q, 0) = −g(E_F) F(q/2k_F) with g(E_F) = m k_F/(π² ħ²)
    (per volume, both spins); χ0 -> −dn/dμ as q -> 0 at any T.
    Accuracy (T = 0, default options, against mpmath): ~1e-14 relative for
    the static response, including q = 2k_F; ~1e-13 for the dynamic one.

    Examples
    --------
    >>> from math import pi
    >>> from numeric.constants import hbar, m_e
    >>> from numeric.electrons import FreeElectronGas
    >>> cu = FreeElectronGas(8.47e28, m_e)  # copper as free electrons
    >>> k_F = (3 * pi**2 * cu.n) ** (1 / 3)
    >>> g = m_e * k_F / (pi**2 * hbar**2)
    >>> round(chi0(cu, k_F) / -g, 10)  # F(1/2) = 1/2 + (3/8) ln 3 = 0.91197960825054...
    0.9119796083
    >>> round(chi0(cu, 2 * k_F) / -g, 12)  # the Kohn point, F(1) = 1/2
    0.5
    >>> v_F = hbar * k_F / m_e
    >>> c = chi0(cu, k_F, 0.25 * k_F * v_F) / -g  # inside the continuum: Im = π u/2, u = ω/(q v_F)
    >>> round(c.real, 10), round(c.imag, 10)
    (0.8325586781, 0.3926990817)
    """
    domain = band_domain(electrons)
    nk = integer("nk", nk, 2, 96)  # validated for every band (used by lattice bands)
    if isinstance(domain, TetrahedronBZ):
        return _chi0_lattice(electrons, domain, q, omega, T, nk)
    k_F, E_F, g_F = _gas(electrons, "chi0")
    q_a = checked("q", q, 0.0, low_open=True)
    w_a = checked("omega", omega, 0.0)
    T_a = checked("T", T, 0.0)
    with np.errstate(over="ignore"):
        reduced = [_representable(name, given, value, what) for name, given, value, what in (
            ("q", q_a, q_a / k_F, "q/k_F"), ("omega", w_a, _HBAR * w_a / E_F, "ħω/E_F"),
            ("T", T_a, _K_B * T_a / E_F, "k_BT/E_F"))]
    Q, Om, _ = np.broadcast_arrays(*reduced)
    under = Q == 0.0  # q/k_F below the smallest double: the q -> 0 limit when static (corrections O(Q²))
    if np.any(under & (Om > 0.0)):
        raise ValueError(f"q = {np.broadcast_to(q_a, Q.shape)[under].flat[0]:g} 1/m is outside the valid "
                         "range of chi0 at ω > 0: q/k_F underflows (below 5e-324)")
    reduced[0] = np.where(under, np.finfo(float).tiny, Q) if np.any(under) else reduced[0]
    re, im = reduced_chi0(*reduced, order, ratio)
    is_scalar = all(np.ndim(a) == 0 for a in (q_a, w_a, T_a))
    if not np.any(w_a > 0.0):
        return _finish(-g_F * re, is_scalar)
    return _finish(-g_F * (re + 1j * im), is_scalar)


def dielectric_rpa(electrons: object, q: ArrayLike, omega: ArrayLike = 0.0, T: ArrayLike = 0.0, *,
                   order: int = 12, ratio: float = 0.25) -> np.ndarray | float | complex:
    """RPA dielectric function ε(q, ω, T) = 1 − v(q) χ0(q, ω, T), v(q) = e²/(ε0 q²).

    Parameters and options as in :func:`chi0` (χ0 from the numeric integral).

    Returns
    -------
    float, complex or ndarray
        ε, dimensionless: real when every omega is 0, complex (Im ε >= 0) otherwise.

    Notes
    -----
    Static limit: ε -> 1 + k_TF²/q² as q -> 0 (Thomas-Fermi) at T = 0,
    1 + n e²/(ε0 k_B T q²) (Debye-Hückel) in the non-degenerate limit.

    Examples
    --------
    >>> from numeric.electrons import FreeElectronGas
    >>> from math import pi
    >>> from numeric.constants import m_e
    >>> gas = FreeElectronGas(8.47e28, m_e)
    >>> k_F = (3 * pi**2 * gas.n) ** (1 / 3)
    >>> f"{dielectric_rpa(gas, k_F):.6f}"  # 1 + (k_TF/k_F)² F(1/2)
    '2.615075'
    """
    q_a = checked("q", q, 0.0, low_open=True)
    chi = chi0(electrons, q_a, omega, T, order=order, ratio=ratio)
    with np.errstate(over="ignore", invalid="ignore"):
        eps = 1.0 - (_E / math.sqrt(_EPS0) / q_a) ** 2 * chi
    return _representable("q", q_a, eps, "ε = 1 − v(q) χ0")


def chemical_potential(electrons: object, T: ArrayLike) -> np.ndarray | float:
    """Chemical potential μ(T) of the electron gas at fixed density, J.

    Parameters
    ----------
    electrons : numeric.bands.BandModel
        A parabolic band (domain :class:`numeric.bands.FermiSphere`), e.g.
        ``numeric.electrons.FreeElectronGas``.
    T : array_like
        Temperature, K (>= 0, finite).

    Returns
    -------
    float or ndarray
        μ in J (E_F at T = 0), from n = (1/π²) ∫ dk k² f(ε_k) solved with
        Brent's method; the density integral is exact to ~1e-15.

    Notes
    -----
    Limits: μ = E_F [1 − (π²/12)(k_B T/E_F)² − (π⁴/80)(k_B T/E_F)⁴] (Sommerfeld);
    μ -> k_B T ln(n λ³/2), λ = sqrt(2πħ²/(m k_B T)), in the non-degenerate limit.

    Examples
    --------
    >>> from numeric.electrons import FreeElectronGas
    >>> from numeric.constants import m_e, k
    >>> gas = FreeElectronGas(8.47e28, m_e)
    >>> E_F = chemical_potential(gas, 0.0)
    >>> t = 0.01 * E_F / k  # k_B T = E_F/100
    >>> round(chemical_potential(gas, t) / E_F, 9)  # 1 − (π²/12) 1e-4 − (π⁴/80) 1e-8
    0.999917741
    """
    _, E_F, _ = _gas(electrons, "chemical_potential")
    T_a = checked("T", T, 0.0)
    with np.errstate(over="ignore"):
        tau = _K_B * T_a / E_F

    def mu(T: float, t: float) -> float:
        if t == 0.0:
            return E_F
        if t >= NONDEGENERATE_TAU:  # μ = k_BT ln z with ln τ from logarithms (τ itself may overflow)
            return _K_B * T * log_fugacity(math.log(_K_B * T) - math.log(E_F))
        return reduced_mu(float(t)) * E_F

    out = np.array([mu(float(T), float(t)) for T, t in zip(T_a.reshape(-1), tau.reshape(-1), strict=True)])
    out = out.reshape(tau.shape)
    return _finish(out, np.ndim(T_a) == 0)


def thomas_fermi_wavevector_numeric(electrons: object, T: float = 0.0, *, order: int = 12) -> float:
    """Screening wavevector k_s = sqrt(−e² χ0(q -> 0, 0, T)/ε0) from the numeric χ0.

    χ0(q, 0, T) is even and analytic in q at small q, so it is evaluated at
    q = h, 2h, 3h with h = 0.01 max(k_F, k_F sqrt(k_B T/E_F)) (the Fermi or the
    thermal wavevector) and the quadratic in q² through the three values is
    extrapolated to q = 0 (error O(h⁶) ~ 1e-13 relative).

    Parameters
    ----------
    electrons : numeric.bands.BandModel
        A parabolic band (domain :class:`numeric.bands.FermiSphere`), e.g.
        ``numeric.electrons.FreeElectronGas``.
    T : float, optional
        Temperature, K (>= 0); default 0.

    Returns
    -------
    float
        k_s in 1/m: the Thomas-Fermi wavevector sqrt(e² g(E_F)/ε0) at T = 0
        (g(E_F) per volume, both spins), sqrt(e² (∂n/∂μ)_T/ε0) at T > 0, which
        tends to the Debye-Hückel sqrt(n e²/(ε0 k_B T)) for k_B T >> E_F.

    Examples
    --------
    >>> from numeric.electrons import FreeElectronGas
    >>> from numeric.constants import m_e
    >>> f"{thomas_fermi_wavevector_numeric(FreeElectronGas(8.47e28, m_e)):.6e} 1/m"
    '1.808028e+10 1/m'
    """
    _, E_F, g_F = _gas(electrons, "thomas_fermi_wavevector_numeric")
    T_a = scalar("T", T, 0.0)
    tau = _K_B * T_a / E_F
    if not math.isfinite(tau):
        raise ValueError(f"T = {T_a:g} K is outside the valid range of thomas_fermi_wavevector_numeric: "
                         f"k_BT/E_F exceeds the largest double (E_F = {E_F:g} J)")
    h = 0.01 * max(1.0, math.sqrt(tau))
    Q = h * np.array([1.0, 2.0, 3.0])
    re, _ = reduced_chi0(Q, 0.0, tau, order)
    # Lagrange extrapolation in s = Q² from s = h², 4h², 9h² to s = 0 (exact for quadratics in s)
    s = Q**2
    w = [np.prod([s[j] / (s[j] - s[i]) for j in range(3) if j != i]) for i in range(3)]
    r0 = float(np.dot(w, re))
    return math.sqrt(_E**2 * g_F * r0 / _EPS0)


def plasmon_frequency_numeric(electrons: object, q: ArrayLike, *, order: int = 12) -> np.ndarray | float:
    """Plasmon frequency: the zero of Re ε(q, ω) above the particle-hole continuum (T = 0, RPA).

    Parameters
    ----------
    electrons : numeric.bands.BandModel
        A parabolic band (domain :class:`numeric.bands.FermiSphere`), e.g.
        ``numeric.electrons.FreeElectronGas``.
    q : array_like
        Wavevector, 1/m (> 0), below the wavevector where the plasmon enters
        the continuum ω <= v_F q + ħq²/2m (ValueError otherwise).

    Returns
    -------
    float or ndarray
        ω_pl(q) in rad/s, with Re ε from :func:`dielectric_rpa` (numeric χ0)
        and Brent's method to 4 ulp, bracketed between the continuum edge and
        a frequency where Re ε > 0 (Re ε increases with ω there).

    Notes
    -----
    Small q: ω² = ω_p² + (3/5) v_F² q² + [(12/175) v_F⁴/ω_p² + ħ²/4m²] q⁴ + O(q⁶),
    ω_p² = n e²/(ε0 m); below v_F q = 1e-3 ω_p this series is returned (the O(q⁶) term is below
    1e-18 relative, where Re ε would lose its digits to the cancellation 1 − ω_p²/ω²).

    Examples
    --------
    >>> from numeric.electrons import FreeElectronGas
    >>> from math import pi
    >>> from numeric.constants import e, epsilon_0, hbar, m_e
    >>> gas = FreeElectronGas(8.47e28, m_e)
    >>> w_p = (gas.n * e**2 / (epsilon_0 * m_e)) ** 0.5
    >>> v_F = hbar * (3 * pi**2 * gas.n) ** (1 / 3) / m_e
    >>> q = 0.01 * w_p / v_F
    >>> w = plasmon_frequency_numeric(gas, q)
    >>> round((w**2 - w_p**2) / (v_F * q) ** 2, 4)  # 3/5 as q -> 0
    0.6
    """
    k_F, E_F, g_F = _gas(electrons, "plasmon_frequency_numeric")
    q_a = checked("q", q, 0.0, low_open=True)
    xg, wg, ratio = gauss_options(order, 0.25)
    k_tf2 = _E**2 * g_F / _EPS0
    Om_p = 2.0 * math.sqrt(k_tf2 / 3.0) / k_F  # ħω_p/E_F, ω_p² = k_TF² v_F²/3
    out = np.empty(q_a.shape)
    for idx, qq in np.ndenumerate(q_a):
        qq = float(qq)
        Q = qq / k_F
        r = 2.0 * Q / Om_p  # v_F q/ω_p (inf when it overflows: not the series)
        if r < SERIES_Q:  # the small-q series to q⁴: next term O(r⁶) < 1e-18 relative
            r2 = r * r
            Om = Om_p * math.sqrt(1.0 + 0.6 * r2 + (12.0 / 175.0 + Om_p**2 / 16.0) * r2 * r2)
            out[idx] = Om * E_F / _HBAR
            continue
        coupling = k_tf2 / qq / qq  # Re ε = 1 + (k_TF/q)² Re χ0/(−g)

        def re_eps(Om: float, Q: float = Q, coupling: float = coupling) -> float:
            return 1.0 + coupling * chi0_point(Q, Om, 0.0, 1.0, xg, wg, ratio)[0]

        edge = 2.0 * Q + Q * Q  # ħ(v_F q + ħq²/2m)/E_F
        if not math.isfinite(edge * (1.0 + 1e-12) * 2.0):
            raise ValueError(f"q = {qq:g} 1/m is outside the valid range: the continuum edge ħq²/2m exceeds "
                             "the largest double (no undamped plasmon there)")
        lo = edge * (1.0 + 1e-12)
        if re_eps(lo) >= 0.0:
            raise ValueError(f"q = {qq:g} 1/m has no undamped plasmon: Re ε >= 0 on the particle-hole "
                             f"continuum edge ω = v_F q + ħq²/2m (valid range: q below that crossing)")
        hi = max(2.0 * lo, 2.0 * math.hypot(Om_p, edge))
        while re_eps(hi) <= 0.0:
            hi *= 2.0
            if not math.isfinite(hi * E_F / _HBAR):
                raise ValueError(f"q = {qq:g} 1/m is outside the valid range: the plasmon frequency exceeds "
                                 "the largest double")
        out[idx] = brentq(re_eps, lo, hi, xtol=1e-300, rtol=RTOL, maxiter=400) * E_F / _HBAR
    return _finish(out, np.ndim(q_a) == 0)


def screened_frohlich_coupling(electrons: object, q: ArrayLike, omega_LO: ArrayLike, eps_inf: ArrayLike,
                               eps_s: ArrayLike, V: ArrayLike, T: ArrayLike = 0.0) -> np.ndarray | float:
    """Fröhlich coupling screened by the numeric static RPA ε: |g_q|/ε(q, 0, T).

    Parameters
    ----------
    electrons : numeric.bands.BandModel
        A parabolic band (domain :class:`numeric.bands.FermiSphere`), e.g.
        ``numeric.electrons.FreeElectronGas``.
    q, omega_LO, eps_inf, eps_s, V : array_like
        As for :func:`numeric.coupling.frohlich_coupling` (q in 1/m, > 0;
        ω_LO in rad/s; relative permittivities eps_s > eps_inf >= 1; V in m³).
    T : array_like, optional
        Electron temperature, K (>= 0); default 0.

    Returns
    -------
    float or ndarray
        |g_q^scr| in J. As q -> 0 it vanishes linearly, C q/k_TF² with
        |g_q| = C/q; for q >> k_F screening fades and it tends to the bare
        coupling. Static screening at a fixed ω_LO (no Bohm-Staver softening).

    Examples
    --------
    >>> from numeric.electrons import FreeElectronGas
    >>> from numeric.constants import m_e, e, hbar
    >>> gas = FreeElectronGas(1e24, 0.067 * m_e)  # doped GaAs
    >>> g = screened_frohlich_coupling(gas, 1e8, 36.25e-3 * e / hbar, 10.89, 12.9, 1e-18)
    >>> f"{g / e:.4e} eV"
    '4.2951e-07 eV'
    """
    q_a = checked("q", q, 0.0, low_open=True)
    C = frohlich_coupling(1.0, omega_LO, eps_inf, eps_s, V)  # |g_q| = C/q exactly
    a = -_E**2 / _EPS0 * np.asarray(chi0(electrons, q_a, 0.0, T))  # k_s²(q) >= 0: ε = 1 + a/q²
    with np.errstate(over="ignore"):
        out = C / (q_a + a / q_a)  # (C/q)/(1 + a/q²), no overflow of C/q or a/q² (inf: the limit 0)
    return _finish(np.asarray(out, dtype=np.float64), np.ndim(out) == 0)


def dielectric_thomas_fermi_numeric(electrons: object, q: ArrayLike, T: float = 0.0) -> np.ndarray | float:
    """Thomas-Fermi dielectric function ε(q) = 1 + k_s²/q² with k_s from the numeric χ0(q -> 0).

    Parameters
    ----------
    electrons : numeric.bands.BandModel
        A parabolic band (domain :class:`numeric.bands.FermiSphere`), e.g.
        ``numeric.electrons.FreeElectronGas``.
    q : array_like
        Wavevector, 1/m (> 0).
    T : float, optional
        Temperature, K (>= 0); default 0.

    Returns
    -------
    float or ndarray
        ε, dimensionless, with k_s = :func:`thomas_fermi_wavevector_numeric` (Thomas-Fermi at T = 0,
        Debye-Hückel for k_B T >> E_F). Valid for q << 2k_F (and q << the thermal wavevector).

    Examples
    --------
    >>> from numeric.electrons import FreeElectronGas
    >>> from numeric.constants import m_e
    >>> f"{dielectric_thomas_fermi_numeric(FreeElectronGas(8.47e28, m_e), 1.808028e10):.6f}"
    '2.000000'
    """
    q_a = checked("q", q, 0.0, low_open=True)
    k_s = thomas_fermi_wavevector_numeric(electrons, T)
    with np.errstate(over="ignore"):
        ratio = k_s / q_a  # ε(q, k_s) = ε(1, k_s/q): k_s²/q² formed once
        _representable("q", q_a, ratio, "k_s/q")
        return _representable("q", q_a, dielectric_thomas_fermi(1.0, ratio), "ε = 1 + k_s²/q²")
