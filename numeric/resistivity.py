"""Bloch–Grüneisen resistivity: the transport integral J_n and a fit of measured ρ(T).

The Bloch–Grüneisen form of the phonon-limited resistivity of a metal is

    ρ(T) = ρ₀ + A (T/Θ_R)^n J_n(Θ_R/T),    J_n(y) = ∫_0^y x^n eˣ/(eˣ − 1)² dx,

with n = 5 for electron–phonon scattering of free electrons by Debye phonons (Ziman, *Electrons and
Phonons*, ch. 9; Grimvall, *The Electron–Phonon Interaction in Metals*, ch. 6). At high temperature
(y = Θ_R/T → 0) J_n(y) → y^(n−1)/(n−1), so ρ → ρ₀ + A T/((n−1) Θ_R): the slope is A/((n−1) Θ_R).
The transport bridge ρ = 1/(ε₀ ω_p² τ_tr) with 1/τ_tr = 2π λ_tr k_B T/ħ gives the same slope as
2π λ_tr k_B/(ħ ε₀ ω_p²); equating the two,

    λ_tr = A ħ ε₀ ω_p² / (2π k_B (n−1) Θ_R).

:func:`transport_integral` evaluates J_n to about 1e-15 relative for every y in [0, ∞] (method in
its docstring); :func:`bloch_gruneisen` evaluates the model; :func:`fit_bloch_gruneisen` fits it to
measured ρ(T) with ``scipy.optimize.least_squares`` on relative residuals.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from fractions import Fraction

import numba
import numpy as np
from numpy.typing import ArrayLike
from scipy import optimize, special

from . import _support
from ._generated import eliashberg_function as _kernels
from ._generated import metals as _metal_kernels
from ._support import checked, integer, scalar
from .metals import transport_coupling_from_slope

__all__ = ["BlochGruneisenFit", "bloch_gruneisen", "fit_bloch_gruneisen", "transport_integral"]

N_MAX = 12  # largest exponent n offered (J_n needs n >= 2 to converge at x = 0)
_SERIES_EDGE = 2.0  # y below: Bernoulli series (converges for y < 2π; term ratio <= (2/2π)² ≈ 0.1)
_TAIL_EDGE = 8.0  # y above: n! ζ(n) minus the closed-form tail; between: Gauss–Legendre panels
_PANEL = 2.0  # panel width of the quadrature on [2, 8] (poles of the integrand at 2πi m)
_GL_ORDER = 16
_SERIES_TERMS = 24


def _bernoulli(count: int) -> list[Fraction]:
    """Bernoulli numbers B_0 .. B_(count−1) as exact fractions (Akiyama–Tanigawa; B_1 = +1/2)."""
    row: list[Fraction] = []
    out = []
    for m in range(count):
        row.append(Fraction(1, m + 1))
        for j in range(m, 0, -1):
            row[j - 1] = j * (row[j - 1] - row[j])
        out.append(row[0])
    return out


@functools.cache
def _tables(n: int) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """Series coefficients, n! ζ(n) and the Gauss–Legendre rule for exponent n."""
    bern = _bernoulli(2 * _SERIES_TERMS)
    # x² eˣ/(eˣ−1)² = −x² d/dx 1/(eˣ−1) = Σ_m (1 − 2m) B_2m x^2m/(2m)!, integrated term by term
    coeff = np.array([float((1 - 2 * m) * bern[2 * m] / math.factorial(2 * m) / (n - 1 + 2 * m))
                      for m in range(_SERIES_TERMS)])
    limit = math.factorial(n) * float(special.zeta(n))
    nodes, weights = np.polynomial.legendre.leggauss(_GL_ORDER)
    return coeff, limit, nodes, weights


@numba.njit(cache=True, error_model="numpy")
def _integrand(x: float, n: int) -> float:  # pragma: no cover - compiled
    e = math.exp(-x)
    return x**n * e / ((1.0 - e) * (1.0 - e))


@numba.njit(cache=True, error_model="numpy")
def _gauss(a: float, b: float, n: int, nodes: np.ndarray, weights: np.ndarray) -> float:  # pragma: no cover
    half, mid, s = 0.5 * (b - a), 0.5 * (b + a), 0.0
    for i in range(nodes.shape[0]):
        s += weights[i] * _integrand(mid + half * nodes[i], n)
    return half * s


@numba.njit(cache=True, error_model="numpy")
def _series(y: float, n: int, coeff: np.ndarray) -> float:  # pragma: no cover - compiled
    """The Bernoulli series of J_n at y < 2π (Horner in y²)."""
    t = y * y
    s = 0.0
    for m in range(coeff.shape[0] - 1, -1, -1):
        s = s * t + coeff[m]
    return s * y ** (n - 1)


@numba.njit(cache=True, error_model="numpy")
def _tail(y: float, n: int) -> float:  # pragma: no cover - compiled
    """∫_y^∞ x^n eˣ/(eˣ−1)² dx = Σ_k k ∫_y^∞ x^n e^(−kx) dx = n! Σ_k e^(−ky) Σ_j (ky)^j/j! / k^n."""
    total = 0.0
    kk = 1
    while True:
        z = kk * y
        term, inner = 1.0, 1.0
        for j in range(1, n + 1):
            term *= z / j
            inner += term
        piece = math.exp(-z) * inner / kk ** (n - 1) / kk
        total += piece
        if piece <= 1e-18 * total:
            break
        kk += 1
    fact = 1.0
    for j in range(2, n + 1):
        fact *= j
    return fact * total


@numba.njit(cache=True, error_model="numpy")
def _transport_loop(y: np.ndarray, n: int, coeff: np.ndarray, limit: float, nodes: np.ndarray,
                    weights: np.ndarray, out: np.ndarray) -> np.ndarray:  # pragma: no cover - compiled
    for i in range(y.shape[0]):
        v = y[i]
        if v == 0.0:
            out[i] = 0.0
        elif v <= _SERIES_EDGE:
            out[i] = _series(v, n, coeff)
        elif v <= _TAIL_EDGE:
            s = _series(_SERIES_EDGE, n, coeff)
            a = _SERIES_EDGE
            panels = math.ceil((v - a) / _PANEL)
            width = (v - a) / panels
            for p in range(panels):
                s += _gauss(a + p * width, a + (p + 1) * width, n, nodes, weights)
            out[i] = s
        elif v < math.inf:
            out[i] = limit - _tail(v, n)
        else:
            out[i] = limit
    return out


#: n -> the generated kernel of J_n (its array loop), where a derivation gives one.
_GENERATED = {5: _kernels.transport_integral_5_loop, 7: _metal_kernels.transport_integral_7_loop}


def transport_integral(y: ArrayLike, n: int = 5) -> np.ndarray | float:
    r"""Transport integral J_n(y) = ∫_0^y x^n eˣ/(eˣ − 1)² dx (dimensionless), for y in [0, ∞].

    Parameters
    ----------
    y : array_like
        Upper limit y = Θ_R/T (dimensionless), in [0, ∞] (``inf`` gives the limit n! ζ(n)).
    n : int
        Exponent, an integer in [2, 12] (5 for Bloch–Grüneisen; 3 for s–d scattering, Wilson).

    Returns
    -------
    float or ndarray
        J_n(y), same shape as ``y``.

    Notes
    -----
    Method, accurate to about 1e-15 relative (tested against mpmath in strata from 1e-8 to 1e3):

    * y < 2: the series J_n(y) = Σ_m (1 − 2m) B_2m y^(n−1+2m) / ((2m)! (n−1+2m)) from
      x² eˣ/(eˣ−1)² = −x² d/dx (eˣ−1)⁻¹ = Σ_m (1−2m) B_2m x^2m/(2m)! (B_2m Bernoulli numbers;
      radius of convergence 2π), 24 terms;
    * 2 ≤ y ≤ 8: J_n(2) from the series plus 16-point Gauss–Legendre panels of width ≤ 2 on [2, y]
      (the integrand is analytic in a strip of half-width 2π);
    * y > 8: the tail identity J_n(y) = n! ζ(n) − ∫_y^∞, with eˣ/(eˣ−1)² = Σ_k k e^(−kx) and
      ∫_y^∞ x^n e^(−kx) dx = n! e^(−ky) Σ_{j≤n} (ky)^j/j! / k^(n+1) (incomplete Γ in closed form);
    * y = ∞: n! ζ(n) (Ziman, *Electrons and Phonons*, §9.5: J_5(∞) = 5! ζ(5) ≈ 124.43).

    For n = 5 and 7 the generated kernels ``transport_integral_5`` (derivation
    ``allen_transport_bloch_gruneisen``) and ``transport_integral_7`` (``lorenz_ratio_bloch_wilson``) are
    used instead (series, tail identity and limit branches verified at 30 digits with remainders
    < 1e-22, as for the Debye function); they agree with the numba path to 1e-14.

    Examples
    --------
    >>> round(transport_integral(float("inf")), 6)  # 5! ζ(5)
    124.431331
    >>> f"{transport_integral(1e-4, n=5) * 4 / 1e-16:.12f}"  # y^(n−1)/(n−1) − y^(n+1)/(12 (n+1))
    '0.999999999444'
    """
    n = integer("n", n, 2, N_MAX)
    arr = checked("y", y, 0.0, allow_inf=True)
    if n in _GENERATED:
        return _support.evaluate(_GENERATED[n], arr)
    coeff, limit, nodes, weights = _tables(n)
    flat = np.ascontiguousarray(arr, dtype=np.float64).reshape(-1)
    out = np.empty_like(flat)
    _transport_loop(flat, n, coeff, limit, nodes, weights, out)
    if arr.ndim == 0:
        return float(out[0])
    return out.reshape(arr.shape)


def _shape_factor(y: np.ndarray, n: int) -> np.ndarray:
    """g(y) = y^(−n) J_n(y) = (T/Θ_R)^n J_n(Θ_R/T)."""
    return transport_integral(y, n) / y**n


def _shape_slope(y: np.ndarray, n: int) -> np.ndarray:
    """g'(y) = −n J_n(y)/y^(n+1) + eʸ/(eʸ−1)² (dJ_n/dy = yⁿ eʸ/(eʸ−1)²)."""
    e = np.exp(-y)
    return -n * transport_integral(y, n) / y ** (n + 1) + e / np.expm1(-y) ** 2


def bloch_gruneisen(T: ArrayLike, rho0: float, theta: float, A: float, n: int = 5) -> np.ndarray | float:
    r"""Bloch–Grüneisen resistivity ρ(T) = ρ₀ + A (T/Θ_R)^n J_n(Θ_R/T) in Ω m.

    Parameters
    ----------
    T : array_like
        Temperature (K), > 0.
    rho0 : float
        Residual resistivity ρ₀ (Ω m), >= 0.
    theta : float
        Resistivity Debye temperature Θ_R (K), > 0.
    A : float
        Amplitude A (Ω m), >= 0; the high-temperature slope is dρ/dT = A/((n−1) Θ_R).
    n : int
        Exponent, an integer in [2, 12] (5: Bloch–Grüneisen).

    Returns
    -------
    float or ndarray
        ρ(T) in Ω m, same shape as ``T``.

    Notes
    -----
    J_n from :func:`transport_integral`. Source: Ziman, *Electrons and Phonons* (1960), §9.5; Grimvall,
    *The Electron–Phonon Interaction in Metals* (1981), §6.2.

    Examples
    --------
    At T ≫ Θ_R, J_n(y) ≈ y^(n−1)/(n−1) − y^(n+1)/(12 (n+1)), so ρ ≈ ρ₀ + A T/((n−1) Θ_R) − A Θ_R/(12 (n+1) T):

    >>> rho = bloch_gruneisen(3000.0, rho0=1e-10, theta=300.0, A=4e-8)
    >>> f"{rho:.5e} Ω m vs {1e-10 + 4e-8 * 3000.0 / (4 * 300.0) - 4e-8 * 300.0 / (72 * 3000.0):.5e}"
    '1.00044e-07 Ω m vs 1.00044e-07'
    """
    n = integer("n", n, 2, N_MAX)
    T = checked("T", T, 0.0, low_open=True)
    rho0 = scalar("rho0", rho0, 0.0)
    theta = scalar("theta", theta, 0.0, low_open=True)
    A = scalar("A", A, 0.0)
    out = rho0 + A * _shape_factor(theta / T, n)
    return float(out) if np.ndim(out) == 0 else out


@dataclass(frozen=True, eq=False)
class BlochGruneisenFit:
    """Result of :func:`fit_bloch_gruneisen` (SI units: Ω m, K).

    Attributes
    ----------
    rho0, theta, A : float
        Residual resistivity ρ₀ (Ω m), Θ_R (K) and amplitude A (Ω m) of
        ρ(T) = ρ₀ + A (T/Θ_R)^n J_n(Θ_R/T).
    rho0_err, theta_err, A_err : float
        Standard errors (0 for a parameter held fixed): square roots of the diagonal of
        s² (JᵀJ)⁻¹, J the Jacobian of the relative residuals at the solution and
        s² = Σ r_i²/(m − p) their variance (m points, p free parameters).
    covariance : ndarray
        3×3 covariance of (ρ₀, Θ_R, A) in SI units (rows and columns of fixed parameters are 0).
    residuals : ndarray
        Relative residuals (ρ_fit − ρ)/ρ at the data points.
    n : int
        Exponent of the model.
    lambda_tr, lambda_tr_err : float or None
        λ_tr = A ħ ε₀ ω_p²/(2π k_B (n−1) Θ_R) and its standard error (covariance of A and Θ_R
        included), if ``omega_p`` was given; else None.
    """

    rho0: float
    theta: float
    A: float
    rho0_err: float
    theta_err: float
    A_err: float
    covariance: np.ndarray
    residuals: np.ndarray
    n: int
    lambda_tr: float | None = None
    lambda_tr_err: float | None = None

    @property
    def slope(self) -> float:
        """High-temperature slope dρ/dT = A/((n−1) Θ_R) in Ω m/K."""
        return self.A / ((self.n - 1) * self.theta)

    def __call__(self, T: ArrayLike) -> np.ndarray | float:
        """The fitted ρ(T) in Ω m (see :func:`bloch_gruneisen`)."""
        return bloch_gruneisen(T, self.rho0, self.theta, self.A, self.n)


def _temperatures_and_rho(T: ArrayLike, rho: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    T = checked("T", T, 0.0, low_open=True)
    rho = checked("rho", rho, 0.0, low_open=True)
    if T.ndim != 1:
        raise ValueError(f"T must be a one-dimensional array of temperatures, got shape {T.shape}")
    if rho.shape != T.shape:
        raise ValueError(f"rho must have the shape of T {T.shape}, got shape {rho.shape}")
    step = np.diff(T)
    if np.any(step <= 0.0):
        i = int(np.argmax(step <= 0.0)) + 1
        what = "duplicate" if step[i - 1] == 0.0 else "unsorted"
        raise ValueError(f"T must be strictly increasing (valid range: sorted, no repeats), got {what} "
                         f"T[{i}] = {T[i]:g} after T[{i - 1}] = {T[i - 1]:g}")
    return T, rho


def _start(T: np.ndarray, rho: np.ndarray, n: int, rho0: float | None, theta: float | None) -> np.ndarray:
    """Starting (ρ₀, Θ_R, A): for each Θ_R on a grid, ρ₀ and A by non-negative linear least squares
    (the model is linear in them), the best Θ_R kept."""
    thetas = [theta] if theta is not None else np.geomspace(T[0], 20.0 * T[-1], 60)
    best, best_cost = None, np.inf
    for th in thetas:
        g = _shape_factor(th / T, n)
        if rho0 is None:
            coef, cost = optimize.nnls(np.column_stack([1.0 / rho, g / rho]), np.ones_like(T))
            r0, amp = coef
        else:
            col = g / rho
            amp = max(float(col @ (1.0 - rho0 / rho) / (col @ col)), 0.0)
            r0, cost = rho0, float(np.linalg.norm((rho0 + amp * g) / rho - 1.0))
        if cost < best_cost:
            best, best_cost = np.array([r0, th, amp]), cost
    return best


def fit_bloch_gruneisen(T: ArrayLike, rho: ArrayLike, *, n: int = 5, rho0: float | None = None,
                        theta: float | None = None, omega_p: float | None = None) -> BlochGruneisenFit:
    r"""Fit ρ(T) = ρ₀ + A (T/Θ_R)^n J_n(Θ_R/T) to measured resistivity (relative residuals).

    Parameters
    ----------
    T : array_like
        Temperatures (K), > 0, one-dimensional and strictly increasing.
    rho : array_like
        Measured resistivity (Ω m), > 0 (relative residuals), same shape as ``T``.
    n : int
        Exponent, an integer in [2, 12] (5: Bloch–Grüneisen).
    rho0 : float, optional
        Hold ρ₀ fixed at this value (Ω m, >= 0) instead of fitting it.
    theta : float, optional
        Hold Θ_R fixed at this value (K, > 0) instead of fitting it.
    omega_p : float, optional
        Plasma frequency ω_p (rad/s, > 0); if given, λ_tr = A ħ ε₀ ω_p²/(2π k_B (n−1) Θ_R) is returned.

    Returns
    -------
    BlochGruneisenFit
        ρ₀, Θ_R, A with standard errors, covariance, relative residuals, λ_tr.

    Notes
    -----
    ``scipy.optimize.least_squares`` (trust-region reflective, analytic Jacobian) minimises
    Σ ((ρ_fit(T_i) − ρ_i)/ρ_i)² over ρ₀ >= 0, A >= 0 and ln Θ_R, started from the best point of a
    Θ_R grid on which ρ₀ and A are solved linearly. Standard errors: s² (JᵀJ)⁻¹ with s² the residual
    variance (so at least one point more than free parameters is needed). λ_tr: at T ≫ Θ_R,
    J_n(y) → y^(n−1)/(n−1) gives dρ/dT = A/((n−1) Θ_R); the transport bridge gives
    dρ/dT = 2π λ_tr k_B/(ħ ε₀ ω_p²) (Grimvall 1981, §6.2; Allen, Phys. Rev. B 36, 2920 (1987)).

    Examples
    --------
    >>> T = np.linspace(10.0, 300.0, 30)
    >>> rho = bloch_gruneisen(T, rho0=2e-11, theta=320.0, A=5e-8)
    >>> fit = fit_bloch_gruneisen(T, rho * (1 + 1e-4 * np.sin(T)))
    >>> f"{fit.theta:.1f} K, rho0 = {fit.rho0:.2e} Ω m, A = {fit.A:.3e} Ω m"
    '320.0 K, rho0 = 2.00e-11 Ω m, A = 5.000e-08 Ω m'
    """
    n = integer("n", n, 2, N_MAX)
    T, rho = _temperatures_and_rho(T, rho)
    rho0 = None if rho0 is None else scalar("rho0", rho0, 0.0)
    theta = None if theta is None else scalar("theta", theta, 0.0, low_open=True)
    omega_p = None if omega_p is None else scalar("omega_p", omega_p, 0.0, low_open=True)
    free = np.array([rho0 is None, theta is None, True])
    p = int(free.sum())
    if T.size < p + 1:
        raise ValueError(f"T has {T.size} points; fitting {p} parameters needs at least {p + 1} "
                         f"(valid range: >= {p + 1} points, one more than parameters for the variance)")
    scale = float(rho.max())
    start = _start(T, rho, n, rho0, theta)

    def physical(x: np.ndarray) -> np.ndarray:
        full, j = start.copy(), 0
        for i in range(3):
            if free[i]:
                full[i] = np.exp(x[j]) if i == 1 else x[j] * scale
                j += 1
        return full

    def jacobian(full: np.ndarray) -> np.ndarray:
        y = full[1] / T
        cols = [np.ones_like(T), full[2] * _shape_slope(y, n) / T, _shape_factor(y, n)]
        return np.column_stack([c / rho for c, f in zip(cols, free, strict=True) if f])

    def residual(x: np.ndarray) -> np.ndarray:
        full = physical(x)
        return (full[0] + full[2] * _shape_factor(full[1] / T, n)) / rho - 1.0

    def internal_jacobian(x: np.ndarray) -> np.ndarray:
        full = physical(x)
        return jacobian(full) * np.array([full[1] if i == 1 else scale for i in range(3) if free[i]])

    x0 = np.array([np.log(v) if i == 1 else v / scale for i, v in enumerate(start) if free[i]])
    lower = np.array([-np.inf if i == 1 else 0.0 for i in range(3) if free[i]])
    solution = optimize.least_squares(residual, x0, jac=internal_jacobian, bounds=(lower, np.inf),
                                      method="trf", x_scale="jac", xtol=1e-14, ftol=1e-14, gtol=1e-14,
                                      max_nfev=2000)
    if solution.status <= 0:
        raise RuntimeError(f"fit_bloch_gruneisen: least_squares did not converge ({solution.message})")
    full = physical(solution.x)
    r = residual(solution.x)
    jac = jacobian(full)
    variance = float(r @ r) / (T.size - p)
    norms = np.linalg.norm(jac, axis=0)  # unit columns first: ρ₀, A (Ω m) and Θ_R (K) differ by ~1e10
    norms[norms == 0.0] = 1.0
    unit = jac / norms
    cov_free = variance * np.linalg.pinv(unit.T @ unit) / np.outer(norms, norms)
    cov = np.zeros((3, 3))
    cov[np.ix_(free, free)] = cov_free
    err = np.sqrt(np.diag(cov))
    lam = lam_err = None
    if omega_p is not None:
        # λ_tr from the high-T slope A/((n − 1)Θ_R) by the derived kernel (resistivity_high_T_slope,
        # linear in the slope): λ_tr = factor · A/Θ_R
        factor = float(transport_coupling_from_slope(1.0, omega_p)) / (n - 1)
        lam = factor * full[2] / full[1]
        grad = np.array([0.0, -lam / full[1], lam / full[2] if full[2] > 0 else factor / full[1]])
        lam_err = float(np.sqrt(grad @ cov @ grad))
    return BlochGruneisenFit(float(full[0]), float(full[1]), float(full[2]), float(err[0]), float(err[1]),
                             float(err[2]), cov, r, n, lam, lam_err)
