r"""Isotropic Migdal–Eliashberg theory on the imaginary (Matsubara) axis: the linearized gap equation and Tc.

The electron-phonon spectral function α²F(ω) is given either as an Einstein spectrum
(:class:`EinsteinSpectrum`, α²F(ω) = (λ ω_E / 2) δ(ω − ω_E)) or on a frequency grid
(:class:`GridSpectrum`). The coupling between Matsubara frequencies ω_n = (2n + 1) π k_B T / ħ is

.. math:: λ(n - m) = 2 \int_0^\infty dω\, α^2F(ω)\, \frac{ω}{ω^2 + (ω_n - ω_m)^2},

(Einstein: λ(n − m) = λ ω_E² / (ω_E² + (ω_n − ω_m)²)). Near Tc the gap Δ_n is small and the
isotropic Eliashberg equations linearize to (Allen & Mitrović 1982; Carbotte 1990)

.. math::

    Z_n = 1 + \frac{πT}{ω_n} \sum_m λ(n - m)\, \mathrm{sgn}(ω_m), \qquad
    Z_n Δ_n = πT \sum_{|ω_m| < ω_c} \big[λ(n - m) - μ^*(ω_c)\big] \frac{Δ_m}{|ω_m|}

(T in energy units k_B T). The Z sum over all m is done exactly,
ω_n Z_n = ω_n + πT [λ(0) + 2 Σ_{k=1}^{n} λ(k)] for ω_n > 0. With an even gap Δ_{−n−1} = Δ_n the
gap equation folds onto the N positive frequencies ω_0 ... ω_{N−1} below the cutoff, and the substitution
u_n = Δ_n sqrt(Z_n/ω_n) makes it the symmetric eigenvalue problem ρ u = K u,

.. math::

    K_{nm} = \frac{λ(n - m) + λ(n + m + 1) - 2 μ^*(ω_c)}{\sqrt{w_n w_m}}, \qquad
    w_n = \frac{ω_n Z_n}{πT} = 2n + 1 + λ(0) + 2 \sum_{k=1}^{n} λ(k).

Tc is the temperature at which the leading eigenvalue ρ(T) of K equals 1 (ρ > 1 below Tc).

Conventions
-----------
* **Matsubara cutoff.** Both the λ and the μ* terms are summed over the positive frequencies
  ω_m ≤ ω_c (``omega_cutoff``), i.e. N = floor(ω_c ħ/(2π k_B T) + 1/2) of them, but never fewer than
  ``_MIN_FREQUENCIES`` = 32 (at high T the λ kernel is then still converged; the μ* term is applied only
  to the frequencies below ω_c, so it is the double step θ(ω_c − ω_n) θ(ω_c − ω_m)).
* **μ* and its cutoff.** ``mu_star`` is the Coulomb pseudopotential defined at the reference cutoff
  ω_ref (``omega_ref``, default 10 ω_max, ω_max the largest phonon frequency of the spectrum). At the
  Matsubara cutoff ω_c actually used it is rescaled with the leading-logarithm renormalization
  μ*(ω_c) = μ* / (1 + μ* ln(ω_ref / ω_c)) (Allen & Mitrović 1982), so Tc does not depend on
  the numerical cutoff once ω_c ≫ ω_max. Pass ``omega_ref = omega_cutoff`` to use μ* as given at ω_c.

Sources: P. B. Allen and B. Mitrović, Solid State Physics 37, 1 (1982); J. P. Carbotte, Rev. Mod. Phys.
62, 1027 (1990).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy.linalg import eigh
from scipy.optimize import brentq
from scipy.sparse.linalg import eigsh

from ._support import checked, scalar
from .constants import hbar, k

__all__ = ["EinsteinSpectrum", "GridSpectrum", "eliashberg_tc", "linearized_gap_eigenvalue"]

_MIN_FREQUENCIES = 32  # the smallest Matsubara matrix (positive frequencies)
_MAX_FREQUENCIES = 4096  # the largest: sets the Tc floor ω_c ħ / (2π k_B · 4096)
_DENSE_LIMIT = 600  # up to this size eigh (LAPACK), above it Lanczos (eigsh) for the leading eigenvalue
_DEFAULT_CUTOFF = 20.0  # ω_c / ω_max
_DEFAULT_REF = 10.0  # ω_ref / ω_max


@dataclass(frozen=True)
class EinsteinSpectrum:
    """Einstein spectrum α²F(ω) = (λ ω_E / 2) δ(ω − ω_E).

    Parameters
    ----------
    lam : float
        Electron-phonon coupling constant λ = 2 ∫ α²F(ω)/ω dω, dimensionless (> 0, finite).
    omega_E : float
        Einstein frequency ω_E, rad/s (> 0, finite).

    Examples
    --------
    >>> EinsteinSpectrum(1.0, 2e13).coupling(np.array([0.0, 2e13]))
    array([1. , 0.5])
    """

    lam: float
    omega_E: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "lam", scalar("lam", self.lam, 0.0, low_open=True))
        object.__setattr__(self, "omega_E", scalar("omega_E", self.omega_E, 0.0, low_open=True))

    @property
    def omega_max(self) -> float:
        """Largest phonon frequency, rad/s."""
        return self.omega_E

    @property
    def omega2(self) -> float:
        """⟨ω²⟩ = (2/λ) ∫ α²F(ω) ω dω, rad²/s²."""
        return self.omega_E ** 2

    def coupling(self, nu: np.ndarray) -> np.ndarray:
        """λ(ν) = 2 ∫ α²F(ω) ω/(ω² + ν²) dω = λ ω_E²/(ω_E² + ν²) at bosonic frequencies ν (rad/s)."""
        return self.lam * self.omega_E ** 2 / (self.omega_E ** 2 + np.asarray(nu, dtype=float) ** 2)


@dataclass(frozen=True)
class GridSpectrum:
    """α²F(ω) tabulated on a frequency grid (trapezoidal rule for the integrals over ω).

    Parameters
    ----------
    omega : array_like
        Strictly increasing frequencies, rad/s (>= 0, finite, at least 2 points).
    a2F : array_like
        α²F(ω) at ``omega``, dimensionless (>= 0, finite, same shape, not all zero on ω > 0).

    Examples
    --------
    >>> w = np.linspace(0.0, 4e13, 401)
    >>> s = GridSpectrum(w, np.where(w > 0, 0.5 * w / 4e13, 0.0))
    >>> round(s.lam, 6)  # λ = 2 ∫ α²F/ω dω = 2 · 0.5 · 4e13 / 4e13
    1.0
    """

    omega: np.ndarray
    a2F: np.ndarray

    def __post_init__(self) -> None:
        w = checked("omega", self.omega, 0.0)
        f = checked("a2F", self.a2F, 0.0)
        if w.ndim != 1 or w.size < 2:
            raise ValueError(f"omega must be a 1-D array of at least 2 frequencies, got shape {w.shape}")
        if f.shape != w.shape:
            raise ValueError(f"a2F must have the shape of omega {w.shape}, got shape {f.shape}")
        if np.any(np.diff(w) <= 0.0):
            raise ValueError("omega must be strictly increasing")
        if not np.any((f > 0.0) & (w > 0.0)):
            raise ValueError("a2F must be positive somewhere on omega > 0 (got no coupling)")
        if w[0] == 0.0 and f[0] != 0.0:
            raise ValueError(f"a2F(0) must be 0 (λ = 2 ∫ α²F/ω dω diverges otherwise), got {f[0]:g}")
        w.setflags(write=False)
        f.setflags(write=False)
        object.__setattr__(self, "omega", w)
        object.__setattr__(self, "a2F", f)

    @property
    def lam(self) -> float:
        """λ = 2 ∫ α²F(ω)/ω dω, dimensionless."""
        return float(self.coupling(np.zeros(1))[0])

    @property
    def omega_max(self) -> float:
        """Largest frequency with α²F > 0, rad/s."""
        return float(self.omega[self.a2F > 0.0][-1])

    @property
    def omega2(self) -> float:
        """⟨ω²⟩ = (2/λ) ∫ α²F(ω) ω dω, rad²/s²."""
        return float(2.0 * np.trapezoid(self.a2F * self.omega, self.omega) / self.lam)

    def coupling(self, nu: np.ndarray) -> np.ndarray:
        """λ(ν) = 2 ∫ α²F(ω) ω/(ω² + ν²) dω at bosonic frequencies ν (rad/s; trapezoidal rule)."""
        nu = np.asarray(nu, dtype=float)
        w = self.omega
        pos = w > 0.0
        kernel = np.zeros(nu.shape + w.shape)
        kernel[..., pos] = w[pos] / (w[pos] ** 2 + nu[..., None] ** 2)
        integrand = self.a2F * kernel
        if w[0] == 0.0:  # α²F(0) = 0: the integrand at ω = 0 is 0 for ν ≠ 0, the slope α²F(ω_1)/ω_1 at ν = 0
            integrand[..., 0] = np.where(nu == 0.0, self.a2F[1] / w[1], 0.0)
        return 2.0 * np.trapezoid(integrand, w, axis=-1)


Spectrum = EinsteinSpectrum | GridSpectrum


def _spectrum(spectrum: object) -> Spectrum:
    if not isinstance(spectrum, EinsteinSpectrum | GridSpectrum):
        raise TypeError("spectrum must be a numeric.eliashberg.EinsteinSpectrum or GridSpectrum, "
                        f"got {type(spectrum).__name__}")
    return spectrum


def _cutoffs(spec: Spectrum, mu_star: object, omega_cutoff: object, omega_ref: object) -> tuple[float, float]:
    """(μ*(ω_c), ω_c) after validation."""
    mu = scalar("mu_star", mu_star, 0.0, 1.0, high_open=True)
    wc = _DEFAULT_CUTOFF * spec.omega_max if omega_cutoff is None else scalar(
        "omega_cutoff", omega_cutoff, spec.omega_max, low_open=True)
    wref = _DEFAULT_REF * spec.omega_max if omega_ref is None else scalar("omega_ref", omega_ref, 0.0,
                                                                           low_open=True)
    denominator = 1.0 + mu * math.log(wref / wc)
    if denominator <= 0.0:
        raise ValueError(f"omega_ref = {wref:g} is outside the valid range for mu_star = {mu:g} and "
                         f"omega_cutoff = {wc:g}: need 1 + mu_star ln(omega_ref/omega_cutoff) > 0")
    return mu / denominator, wc


def _eigenvalue(spec: Spectrum, theta: float, mu_c: float, wc: float) -> float:
    """Leading eigenvalue of K at θ = k_B T/ħ (rad/s), μ*(ω_c) = mu_c."""
    n_c = math.floor(wc / (2.0 * math.pi * theta) + 0.5)  # ω_m = (2m+1)πθ <= ω_c
    n = max(n_c, _MIN_FREQUENCIES)
    lam = spec.coupling(2.0 * math.pi * theta * np.arange(2 * n + 1))
    idx = np.arange(n)
    w = 2.0 * idx + 1.0 + lam[0] + 2.0 * np.concatenate(([0.0], np.cumsum(lam[1:n])))
    a = lam[np.abs(idx[:, None] - idx[None, :])] + lam[idx[:, None] + idx[None, :] + 1]
    a[:n_c, :n_c] -= 2.0 * mu_c
    s = 1.0 / np.sqrt(w)
    kmat = a * s[:, None] * s[None, :]
    if n <= _DENSE_LIMIT:
        return float(eigh(kmat, eigvals_only=True, subset_by_index=[n - 1, n - 1])[0])
    return float(eigsh(kmat, k=1, which="LA", return_eigenvectors=False, tol=1e-12)[0])


def linearized_gap_eigenvalue(
    spectrum: Spectrum, T: ArrayLike, mu_star: ArrayLike, omega_cutoff: ArrayLike | None = None,
    omega_ref: ArrayLike | None = None,
) -> float:
    r"""Leading eigenvalue ρ(T) of the linearized isotropic Eliashberg gap equation.

    ρ u_n = Σ_m K_nm u_m with K_nm = [λ(n−m) + λ(n+m+1) − 2μ*(ω_c)] / sqrt(w_n w_m),
    w_n = 2n + 1 + λ(0) + 2 Σ_{k=1}^{n} λ(k), over the positive Matsubara frequencies
    ω_n = (2n+1)π k_B T/ħ ≤ ω_c (see the module docstring for the derivation and the cutoff
    conventions). ρ > 1 below Tc, ρ = 1 at Tc, ρ < 1 above (Allen & Mitrović 1982; Carbotte 1990).
    The leading eigenvalue comes from LAPACK (``scipy.linalg.eigh``) up to 600 frequencies and from
    Lanczos (``scipy.sparse.linalg.eigsh``) above.

    Parameters
    ----------
    spectrum : EinsteinSpectrum or GridSpectrum
        The α²F(ω) spectrum.
    T : float
        Temperature, K (> 0, finite; at most 4096 positive frequencies: T >= ħ ω_c / (2π k_B · 4096)).
    mu_star : float
        Coulomb pseudopotential μ* at ``omega_ref``, dimensionless, in [0, 1).
    omega_cutoff : float, optional
        Matsubara cutoff ω_c, rad/s (> ω_max; default 20 ω_max).
    omega_ref : float, optional
        Frequency at which ``mu_star`` is defined, rad/s (> 0; default 10 ω_max); μ* is rescaled to
        μ*(ω_c) = μ*/(1 + μ* ln(ω_ref/ω_c)).

    Returns
    -------
    float
        The largest eigenvalue ρ of K, dimensionless.

    Examples
    --------
    >>> s = EinsteinSpectrum(1.0, 2e13)
    >>> rho_low = linearized_gap_eigenvalue(s, 5.0, 0.1)
    >>> rho_high = linearized_gap_eigenvalue(s, 30.0, 0.1)
    >>> bool(rho_low > 1.0 > rho_high)
    True
    """
    spec = _spectrum(spectrum)
    mu_c, wc = _cutoffs(spec, mu_star, omega_cutoff, omega_ref)
    t = scalar("T", T, 0.0, low_open=True)
    theta = k * t / hbar
    if wc / (2.0 * math.pi * theta) > _MAX_FREQUENCIES:
        low = hbar * wc / (2.0 * math.pi * k * _MAX_FREQUENCIES)
        raise ValueError(f"T = {t:g} is outside the valid range [{low:g}, inf) for omega_cutoff = {wc:g} "
                         f"(more than {_MAX_FREQUENCIES} Matsubara frequencies)")
    return _eigenvalue(spec, theta, mu_c, wc)


def eliashberg_tc(
    spectrum: Spectrum, mu_star: ArrayLike, omega_cutoff: ArrayLike | None = None,
    omega_ref: ArrayLike | None = None, *, rtol: float = 1e-8,
) -> float:
    r"""Superconducting Tc of the isotropic Migdal–Eliashberg equations, K.

    Tc solves ρ(Tc) = 1 for the leading eigenvalue ρ of the linearized gap equation
    (:func:`linearized_gap_eigenvalue`): the root of ln ρ(T) in ln T is bracketed by halving/doubling
    T from 0.2 sqrt(λ⟨ω²⟩) ħ/k_B and refined with Brent's method (Allen & Mitrović 1982;
    Carbotte 1990). The cutoff conventions for μ* are those of the module docstring.

    Parameters
    ----------
    spectrum : EinsteinSpectrum or GridSpectrum
        The α²F(ω) spectrum.
    mu_star : float
        Coulomb pseudopotential μ* at ``omega_ref``, dimensionless, in [0, 1).
    omega_cutoff : float, optional
        Matsubara cutoff ω_c, rad/s (> ω_max; default 20 ω_max).
    omega_ref : float, optional
        Frequency at which ``mu_star`` is defined, rad/s (> 0; default 10 ω_max).
    rtol : float, optional
        Relative tolerance on Tc (in [1e-14, 1e-2]).

    Returns
    -------
    float
        Tc, K. 0.0 when ρ < 1 down to the floor T_floor = ħ ω_c / (2π k_B · 4096) (the temperature at
        which 4096 positive Matsubara frequencies lie below ω_c; about 7.8e-4 ħ ω_max / k_B at the default
        cutoff): no Tc above the floor is reported as 0.

    Examples
    --------
    >>> from numeric.constants import hbar, k
    >>> s = EinsteinSpectrum(1.0, 2e13)  # ħω_E/k_B = 152.8 K
    >>> tc = eliashberg_tc(s, 0.1)
    >>> round(tc * k / (hbar * 2e13), 4)  # Tc / (ħω_E/k_B)
    0.0797
    """
    spec = _spectrum(spectrum)
    mu_c, wc = _cutoffs(spec, mu_star, omega_cutoff, omega_ref)
    tol = scalar("rtol", rtol, 1e-14, 1e-2)
    floor = wc / (2.0 * math.pi * _MAX_FREQUENCIES)  # θ = k_B T/ħ, rad/s

    def log_rho(log_theta: float) -> float:
        rho = _eigenvalue(spec, math.exp(log_theta), mu_c, wc)
        return math.log(rho) if rho > 0.0 else -50.0

    hi = math.log(max(0.2 * math.sqrt(spec.lam * spec.omega2), 2.0 * floor))
    f_hi = log_rho(hi)
    if f_hi > 0.0:  # Tc above the first guess: double
        while f_hi > 0.0:
            lo, f_lo = hi, f_hi
            hi += math.log(2.0)
            f_hi = log_rho(hi)
    else:  # halve down to the floor
        lo, f_lo = hi, f_hi
        while f_lo <= 0.0:
            if lo <= math.log(floor) + 1e-12:
                return 0.0
            hi, f_hi = lo, f_lo
            lo = max(lo - math.log(2.0), math.log(floor))
            f_lo = log_rho(lo)
    root = brentq(log_rho, lo, hi, xtol=tol, rtol=tol)
    return math.exp(root) * hbar / k
