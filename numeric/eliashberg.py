r"""Isotropic Migdal–Eliashberg theory on the imaginary (Matsubara) axis: Tc, and Δ(iω_n), Z(iω_n) below it.

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

Below Tc, :func:`solve_eliashberg` solves the full (nonlinear) equations, in which |ω_m| becomes
E_m = sqrt(ω_m² + Δ_m²): ω_n Z_n = ω_n + πT Σ_m λ(n − m) ω_m/E_m and
Z_n Δ_n = πT Σ_m [λ(n − m) − μ*(ω_c)] Δ_m/E_m, with the same frequencies, kernel and μ*(ω_c) (one shared
implementation), so Δ → 0 exactly at the Tc of :func:`eliashberg_tc`. The gap edge on the real axis comes
from Padé continuation of Δ(iω_n) (:meth:`EliashbergSolution.gap_edge`); :func:`gap_temperature_dependence`
gives Δ(T). Both kernels K_nm (and Z's λ(n−m) − λ(n+m+1)) are Toeplitz plus Hankel matrices: above 128
frequencies they are applied by FFT and the leading eigenvalue found by Lanczos, so low temperatures
(up to 65536 frequencies) cost N ln N.

Accuracy of Allen–Dynes against this solver (measured by ``benchmarks/eliashberg_solver.py``, Einstein
and Debye-like α²F = λ(ω/ω_D)² spectra, λ = 0.3 ... 2.5, μ* = 0 ... 0.15 defined at 10 ω_max): Allen–Dynes
(with f1 and f2) is below the Eliashberg Tc everywhere; by at most 6.1 % for μ* = 0, 14.5 % for μ* ≤ 0.05,
11.5 % for μ* ≤ 0.1 and λ ≥ 0.75, 18.3 % for μ* ≤ 0.15 and λ ≥ 1; at small λ with large μ*, where Tc is
exponentially small, the gap widens to 55 % (λ = 0.3, μ* = 0.1) and 95 % (λ = 0.3, μ* = 0.15: Allen–Dynes
gives a twentieth of the Eliashberg Tc ≈ 2.5e-4 ħω_log/k_B). The size of the gap depends on the μ*
convention (here μ* at 10 ω_max, rescaled to the cutoff): with μ* defined at 3 ω_max (20 ω_max) instead,
Allen–Dynes is below by 84 % (97 %) at λ = 0.3, μ* = 0.15, by 8.8 % (21 %) at λ = 1, μ* = 0.15 and by
3.9 % (10 %) at λ = 1, μ* = 0.1 (Einstein). Allen–Dynes' exponent 1.04(1 + λ)/(λ − μ*(1 + 0.62λ)) weighs
μ* more than the Eliashberg equations do (at weak coupling roughly (1 + λ)/(λ − μ*(ω_E)), μ*
renormalized down to the phonon scale), hence the large gap where Tc is exponentially small.

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
* **Steps in T.** Where a Matsubara frequency crosses ω_c as T changes, the μ* term gains or loses a row
  and ρ(T) jumps (measured at the jump nearest Tc: 3.6e-4 for λ = 1, μ* = 0.1 (40 frequencies), 1.3e-5 for
  λ = 0.3, μ* = 0.1 (2971), 4.4e-3 for λ = 3, μ* = 0.6 (22)); Tc carries a relative uncertainty of about
  the jump times (1 + λ)/λ from this sharp cutoff. If Tc falls on a jump (λ = 3, μ* = 0.6 does), the
  nonlinear gap does not vanish continuously there: Δ(T → Tc⁻) tends to the small value set by the jump.

Sources: P. B. Allen and B. Mitrović, Solid State Physics 37, 1 (1982); J. P. Carbotte, Rev. Mod. Phys.
62, 1027 (1990); P. B. Allen and R. C. Dynes, Phys. Rev. B 12, 905 (1975); Padé continuation:
H. J. Vidberg and J. W. Serene, J. Low Temp. Phys. 29, 179 (1977).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike
from scipy.linalg import eigh
from scipy.optimize import brentq
from scipy.sparse.linalg import LinearOperator, eigsh

from ._generated import eliashberg as _kernels
from ._support import checked, evaluate, finite_result, integer, scalar
from .constants import e, hbar, k

__all__ = ["EinsteinSpectrum", "EliashbergSolution", "GapCurve", "GridSpectrum", "bcs_gap", "bcs_tc",
           "eliashberg_tc", "gap_temperature_dependence", "linearized_gap_eigenvalue", "mass_enhancement",
           "solve_eliashberg"]

_MIN_FREQUENCIES = 32  # the smallest Matsubara matrix (positive frequencies)
_MAX_FREQUENCIES = 65536  # the largest: sets the Tc floor ω_c ħ / (2π k_B · 65536)
_DENSE_LIMIT = 128  # up to this size dense products and eigh (LAPACK), above FFT products and Lanczos (eigsh)
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
        """λ(ν) = 2 ∫ α²F(ω) ω/(ω² + ν²) dω at bosonic frequencies ν (rad/s; trapezoidal rule).

        For |ν| >= 4 ω_top (ω_top the largest grid frequency) the same trapezoidal sum is evaluated as the
        series Σ_k (−1)^k [2 ∫ α²F ω^{2k+1} dω] / ν^{2k+2} (the trapezoidal rule is linear and the series
        converges at every grid point; 16 terms, remainder < 4^{-34}), in O(1) per ν instead of O(grid).
        """
        nu = np.asarray(nu, dtype=float)
        flat = nu.reshape(-1)
        out = np.empty(flat.shape)
        top = self.omega[-1]
        far = np.abs(flat) >= 4.0 * top
        if far.any():
            r = (top / flat[far]) ** 2
            series = np.zeros(r.shape)
            for moment in self._moments()[::-1]:  # Horner in r: Σ_k (−1)^k m_k r^{k+1} / ω_top
                series = r * (moment - series)
            out[far] = series / top
        near = np.flatnonzero(~far)
        block = max(1, 2_000_000 // self.omega.size)  # bounded memory for many frequencies
        for start in range(0, near.size, block):
            idx = near[start:start + block]
            out[idx] = self._coupling(flat[idx])
        return out.reshape(nu.shape)

    def _moments(self) -> np.ndarray:
        """m_k = 2 ∫ α²F(ω) (ω/ω_top)^{2k+1} dω (trapezoidal rule), k = 0 ... 15."""
        x = self.omega / self.omega[-1]
        return np.array([2.0 * np.trapezoid(self.a2F * x ** (2 * j + 1), self.omega) for j in range(16)])

    def _coupling(self, nu: np.ndarray) -> np.ndarray:
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


class _Axis:
    """The positive Matsubara frequencies ω_n = (2n+1)πθ at θ = k_B T/ħ (rad/s) and the kernels on them.

    n = max(n_c, ``_MIN_FREQUENCIES``) frequencies, n_c of them below the cutoff ω_c (the μ* term acts on
    those only); ``lam`` holds λ(k) = λ(ν_k) at the bosonic ν_k = 2kπθ, k = 0 ... 2n; ``w`` holds
    w_n = ω_n Z_n^{normal}/(πθ) = 2n + 1 + λ(0) + 2 Σ_{k=1}^{n} λ(k). The linearized and the nonlinear
    solvers use the same object, hence the same kernel, cutoff and μ*(ω_c).
    """

    def __init__(self, spec: Spectrum, theta: float, mu_c: float, wc: float) -> None:
        self.theta = theta
        self.mu_c = mu_c
        self.n_c = math.floor(wc / (2.0 * math.pi * theta) + 0.5)  # ω_m = (2m+1)πθ <= ω_c
        n = self.n = max(self.n_c, _MIN_FREQUENCIES)
        self.lam = spec.coupling(2.0 * math.pi * theta * np.arange(2 * n + 1))
        self.odd = 2.0 * np.arange(n) + 1.0
        self.w = self.odd + self.lam[0] + 2.0 * np.concatenate(([0.0], np.cumsum(self.lam[1:n])))
        if n <= _DENSE_LIMIT:
            idx = np.arange(n)
            self._toeplitz = self.lam[np.abs(idx[:, None] - idx[None, :])]
            self._hankel = self.lam[idx[:, None] + idx[None, :] + 1]
        else:  # circulant embeddings (length 2n) of the Toeplitz and the reflected Hankel matrix, transformed
            size = 2 * n
            self._t_hat = np.fft.rfft(np.concatenate((self.lam[:n], [0.0], self.lam[n - 1:0:-1])))
            h_hat = np.fft.rfft(np.concatenate((self.lam[n:2 * n], [0.0], self.lam[1:n])))
            # Σ_m λ(n+m+1) x_m is the Toeplitz product of the reversed x, whose transform is
            # e^{-2πi(n-1)q/2n} conj(X_q): the phase goes into the kernel
            self._h_hat = h_hat * np.exp(-2j * np.pi * (n - 1) * np.arange(n + 1) / size)

    def _fft(self, x: np.ndarray, sign: float) -> np.ndarray:
        """Σ_m [λ(n − m) + sign λ(n + m + 1)] x_m by FFT (n > ``_DENSE_LIMIT``)."""
        x_hat = np.fft.rfft(x, 2 * self.n)
        return np.fft.irfft(self._t_hat * x_hat + sign * self._h_hat * np.conj(x_hat), 2 * self.n)[: self.n]

    def even(self, x: np.ndarray) -> np.ndarray:
        """Σ_m [λ(n − m) + λ(n + m + 1)] x_m: the kernel of an even function of ω_m (the gap)."""
        if self.n <= _DENSE_LIMIT:
            return (self._toeplitz + self._hankel) @ x
        return self._fft(x, 1.0)

    def odd_part(self, x: np.ndarray) -> np.ndarray:
        """Σ_m [λ(n − m) − λ(n + m + 1)] x_m: the kernel of an odd function of ω_m (ω_m/E_m in Z)."""
        if self.n <= _DENSE_LIMIT:
            return (self._toeplitz - self._hankel) @ x
        return self._fft(x, -1.0)

    def gap(self, x: np.ndarray) -> np.ndarray:
        """Σ_m [λ(n − m) + λ(n + m + 1) − 2μ*(ω_c) θ(ω_c − ω_n) θ(ω_c − ω_m)] x_m: the folded gap kernel."""
        y = self.even(x)
        y[: self.n_c] -= 2.0 * self.mu_c * np.sum(x[: self.n_c])
        return y

    def leading(self, vector: bool = False) -> tuple[float, np.ndarray | None]:
        """Leading eigenvalue ρ of K = S A S, S = diag(w^{-1/2}) (and its eigenvector u if asked).

        LAPACK (``eigh``) up to ``_DENSE_LIMIT`` frequencies, Lanczos (``eigsh``) on the FFT product above.
        """
        s = 1.0 / np.sqrt(self.w)
        n = self.n
        if n <= _DENSE_LIMIT:
            a = self._toeplitz + self._hankel
            a[: self.n_c, : self.n_c] -= 2.0 * self.mu_c
            vals, vecs = eigh(a * s[:, None] * s[None, :], subset_by_index=[n - 1, n - 1])
        else:
            op = LinearOperator((n, n), matvec=lambda x: s * self.gap(s * np.ravel(x)), dtype=float)
            vals, vecs = eigsh(op, k=1, which="LA", tol=1e-12, v0=np.sqrt(self.w))  # fixed start: repeatable
        return float(vals[0]), (vecs[:, 0] if vector else None)


def _eigenvalue(spec: Spectrum, theta: float, mu_c: float, wc: float) -> float:
    """Leading eigenvalue of K at θ = k_B T/ħ (rad/s), μ*(ω_c) = mu_c."""
    return _Axis(spec, theta, mu_c, wc).leading()[0]


def _theta(t: object, wc: float) -> tuple[float, float]:
    """(T, θ = k_B T/ħ) after validation: T > 0 with at most ``_MAX_FREQUENCIES`` frequencies below ω_c."""
    temp = scalar("T", t, 0.0, low_open=True)
    theta = k * temp / hbar
    if wc / (2.0 * math.pi * theta) > _MAX_FREQUENCIES:
        low = hbar * wc / (2.0 * math.pi * k * _MAX_FREQUENCIES)
        raise ValueError(f"T = {temp:g} is outside the valid range [{low:g}, inf) for omega_cutoff = {wc:g} "
                         f"(more than {_MAX_FREQUENCIES} Matsubara frequencies)")
    return temp, theta


def linearized_gap_eigenvalue(
    spectrum: Spectrum, T: ArrayLike, mu_star: ArrayLike, omega_cutoff: ArrayLike | None = None,
    omega_ref: ArrayLike | None = None,
) -> float:
    r"""Leading eigenvalue ρ(T) of the linearized isotropic Eliashberg gap equation.

    ρ u_n = Σ_m K_nm u_m with K_nm = [λ(n−m) + λ(n+m+1) − 2μ*(ω_c)] / sqrt(w_n w_m),
    w_n = 2n + 1 + λ(0) + 2 Σ_{k=1}^{n} λ(k), over the positive Matsubara frequencies
    ω_n = (2n+1)π k_B T/ħ ≤ ω_c (see the module docstring for the derivation and the cutoff
    conventions). ρ > 1 below Tc, ρ = 1 at Tc, ρ < 1 above (Allen & Mitrović 1982; Carbotte 1990).
    The leading eigenvalue comes from LAPACK (``scipy.linalg.eigh``) up to 128 frequencies and from
    Lanczos (``scipy.sparse.linalg.eigsh``) above, with the matrix-vector product done by FFT (K is
    Toeplitz plus Hankel plus rank one, scaled), so memory and time grow as N and N ln N.

    Parameters
    ----------
    spectrum : EinsteinSpectrum or GridSpectrum
        The α²F(ω) spectrum.
    T : float
        Temperature, K (> 0, finite; at most 65536 positive frequencies: T >= ħ ω_c / (2π k_B · 65536)).
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
    _, theta = _theta(T, wc)
    return _eigenvalue(spec, theta, mu_c, wc)


def eliashberg_tc(
    spectrum: Spectrum, mu_star: ArrayLike, omega_cutoff: ArrayLike | None = None,
    omega_ref: ArrayLike | None = None, *, rtol: float = 1e-8,
) -> float:
    r"""Superconducting Tc of the isotropic Migdal–Eliashberg equations, K.

    Tc solves ρ(Tc) = 1 for the leading eigenvalue ρ of the linearized gap equation
    (:func:`linearized_gap_eigenvalue`): the root of ln ρ(T) in ln T is bracketed by doubling T, or
    dividing it by 4 (down to the floor), from 0.2 sqrt(λ⟨ω²⟩) ħ/k_B and refined with Brent's method
    (Allen & Mitrović 1982; Carbotte 1990). The cutoff conventions for μ* are those of the module docstring.

    Measured accuracy of Allen–Dynes (``numeric.superconductivity.allen_dynes_tc`` with f1, f2) against this
    Tc for Einstein and Debye-like spectra, λ = 0.3 ... 2.5, μ* = 0 ... 0.15 at 10 ω_max: Allen–Dynes is
    always lower, by at most 6.1 % (μ* = 0), 14.5 % (μ* ≤ 0.05), 11.5 % (μ* ≤ 0.1, λ ≥ 0.75), 18.3 %
    (μ* ≤ 0.15, λ ≥ 1), and up to 95 % at λ = 0.3, μ* = 0.15 (details in the module docstring). For μ* = 0
    and λ → ∞ this Tc tends to C_∞ sqrt(λ⟨ω²⟩) ħ/k_B from below with a relative correction ≈ 0.34/λ
    (measured: 6.9e-5 at λ = 5000), C_∞ = 0.1827262477 ("Bounds on Tc in the Eliashberg theory of
    superconductivity. III: Einstein phonons", arXiv:2409.02121; 0.183 in Allen & Dynes 1975).

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
        Tc, K. 0.0 when ρ < 1 down to the floor T_floor = ħ ω_c / (2π k_B · 65536) (the temperature at
        which 65536 positive Matsubara frequencies lie below ω_c; about 4.9e-5 ħ ω_max / k_B at the default
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
    else:  # divide by 4 down to the floor
        lo, f_lo = hi, f_hi
        while f_lo <= 0.0:
            if lo <= math.log(floor) + 1e-12:
                return 0.0
            hi, f_hi = lo, f_lo
            lo = max(lo - math.log(4.0), math.log(floor))
            f_lo = log_rho(lo)
    root = brentq(log_rho, lo, hi, xtol=tol, rtol=tol)
    return math.exp(root) * hbar / k


def _anderson(g, x0: np.ndarray, tol: float, max_iter: int, depth: int = 6) -> tuple[np.ndarray, int, float]:
    """Fixed point x = g(x) by Anderson mixing (type II, the last ``depth`` iterates, full step).

    An extrapolated iterate smaller than half of g(x), of the other sign at index 0, or moved against the
    residual g(x) − x at index 0, is replaced by g(x) (and the history cleared): the map has the trivial
    fixed point 0, unstable below Tc, which plain iteration never reaches but extrapolation could.
    Returns (x, iterations, residual) with residual = max|g(x) − x| / max|g(x)| of the last step; the
    iteration stops when residual < ``tol`` or after ``max_iter`` evaluations of g.
    """
    x = x0
    d_f: list[np.ndarray] = []
    d_g: list[np.ndarray] = []
    f_prev = g_prev = None
    residual = math.inf
    for it in range(1, max_iter + 1):
        gx = g(x)
        f = gx - x
        scale = np.max(np.abs(gx))
        residual = float(np.max(np.abs(f)) / scale) if scale > 0.0 else 0.0
        if residual < tol:
            return gx, it, residual
        if f_prev is not None:
            d_f.append(f - f_prev)
            d_g.append(gx - g_prev)
            del d_f[:-depth], d_g[:-depth]
        f_prev, g_prev = f, gx
        x = gx
        if d_f:
            gamma = np.linalg.lstsq(np.array(d_f).T, f, rcond=None)[0]
            mixed = gx - np.array(d_g).T @ gamma
            # safeguard: an extrapolation towards the trivial fixed point 0 (or across it), or against the
            # residual at index 0, is refused
            if (mixed[0] * gx[0] > 0.0 and np.max(np.abs(mixed)) > 0.5 * scale
                    and (mixed[0] - x[0]) * f[0] >= 0.0):
                x = mixed
            else:
                d_f.clear()
                d_g.clear()
    return x, max_iter, residual


def _pade_coefficients(z: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Coefficients a_p of the Thiele continued fraction through (z_i, u_i) (Vidberg & Serene 1977)."""
    g = np.array(u, dtype=complex)
    a = np.empty(len(z), dtype=complex)
    a[0] = g[0]
    for p in range(1, len(z)):
        if g[p - 1] == 0.0:  # the fraction terminated (the data are a rational function of low degree)
            return a[:p - 1] if p > 1 else a[:1]
        with np.errstate(divide="ignore", invalid="ignore"):
            g[p:] = (g[p - 1] - g[p:]) / ((z[p:] - z[p - 1]) * g[p:])
        if not np.isfinite(g[p]):
            return a[:p]
        a[p] = g[p]
    return a


def _pade_evaluate(z: np.ndarray, a: np.ndarray, x: np.ndarray) -> np.ndarray:
    """C(x) = a_0/(1 + a_1(x − z_0)/(1 + a_2(x − z_1)/(1 + ...))) by the forward recurrence."""
    x = np.asarray(x, dtype=complex)
    num_prev, num = np.zeros_like(x), np.full_like(x, a[0])
    den_prev, den = np.ones_like(x), np.ones_like(x)
    for p in range(1, len(a)):
        step = a[p] * (x - z[p - 1])
        num_prev, num = num, num + step * num_prev
        den_prev, den = den, den + step * den_prev
        big = np.abs(den) > 1e150  # rescale: the ratio is all that matters
        if big.any():
            for arr in (num_prev, num, den_prev, den):
                arr[big] /= 1e150
    return num / den


@dataclass(frozen=True)
class EliashbergSolution:
    """Self-consistent solution of the nonlinear isotropic Eliashberg equations at one temperature.

    Attributes
    ----------
    T : float
        Temperature, K.
    omega_n : ndarray
        Positive Matsubara frequencies ω_n = (2n+1)π k_B T/ħ, rad/s (n = 0 ... N−1).
    Z : ndarray
        Renormalization function Z(iω_n), dimensionless.
    delta : ndarray
        Gap function Δ(iω_n), J (even in ω_n: Δ(−iω_n) = Δ(iω_n)). All zero in the normal state.
    rho : float
        Leading eigenvalue of the linearized gap equation at T (> 1: below Tc).
    iterations : int
        Fixed-point iterations used (0 in the normal state).
    residual : float
        Final max|Δ_new − Δ| / max|Δ| (0 in the normal state).
    """

    T: float
    omega_n: np.ndarray
    Z: np.ndarray
    delta: np.ndarray
    rho: float
    iterations: int
    residual: float

    def __post_init__(self) -> None:
        for name in ("omega_n", "Z", "delta"):
            arr = np.array(getattr(self, name), dtype=float)
            arr.setflags(write=False)
            object.__setattr__(self, name, arr)

    @property
    def delta_eV(self) -> np.ndarray:
        """Δ(iω_n), eV."""
        return self.delta / e

    @property
    def delta0(self) -> float:
        """Δ(iω_0), J: the gap function at the lowest Matsubara frequency πk_BT/ħ."""
        return float(self.delta[0])

    def delta_real(self, omega: ArrayLike, points: int = 48) -> np.ndarray:
        r"""Δ(ω + i0⁺) on the real axis by Padé continuation of Δ(iω_n), J.

        The Thiele continued fraction through the first ``points`` Matsubara values (Vidberg & Serene,
        J. Low Temp. Phys. 29, 179 (1977)) is evaluated at ω (rad/s). Padé continuation is reliable near
        the imaginary axis, i.e. for |ω| up to about the largest ω_n used; it is not a controlled
        approximation (compare ``points`` to judge it).

        Parameters
        ----------
        omega : array_like
            Real frequencies, rad/s (finite).
        points : int, optional
            Matsubara points used, >= 2 (at most N = ``len(omega_n)`` are used; default 48).

        Returns
        -------
        ndarray of complex
            Δ(ω), J.
        """
        w = checked("omega", omega)
        m = min(integer("points", points, 2), len(self.omega_n))
        if not np.any(self.delta):
            return np.zeros(w.shape, dtype=complex)
        z = 1j * self.omega_n[:m]
        return _pade_evaluate(z, _pade_coefficients(z, self.delta[:m]), w + 0j)

    def gap_edge(self, points: int = 48) -> float:
        r"""Gap edge Δ_g, J: the solution of Δ_g = Re Δ(ω = Δ_g/ħ) on the real axis (Padé continuation).

        Found by fixed-point iteration from Δ(iω_0) (|dΔ/dω| ≪ 1 below the gap). 0 in the normal state.

        Parameters
        ----------
        points : int, optional
            Matsubara points for the Padé continuation (see :meth:`delta_real`).

        Returns
        -------
        float
            Δ_g, J.
        """
        if not np.any(self.delta):
            return 0.0
        x = self.delta0
        for _ in range(200):
            new = float(self.delta_real(x / hbar, points).real[()])
            if abs(new - x) <= 1e-12 * abs(x):
                return new
            x = new
        raise RuntimeError(f"gap edge did not converge at T = {self.T:g} K (Padé with {points} points): "
                           f"last values {x:g}, {new:g} J")


def solve_eliashberg(
    spectrum: Spectrum, T: ArrayLike, mu_star: ArrayLike, omega_cutoff: ArrayLike | None = None,
    omega_ref: ArrayLike | None = None, *, tol: float = 1e-10, max_iter: int = 2000,
) -> EliashbergSolution:
    r"""Nonlinear isotropic Migdal–Eliashberg equations on the Matsubara axis at temperature T.

    With the kernel λ(n − m), the cutoff ω_c and μ*(ω_c) of :func:`linearized_gap_eigenvalue` (one shared
    implementation) and E_m = sqrt(ω_m² + Δ_m²), for the N positive frequencies ω_n of the module
    docstring and an even gap:

    .. math::

        ω_n Z_n = ω_n + πT \sum_m λ(n - m) \frac{ω_m}{E_m}, \qquad
        Z_n Δ_n = πT \sum_m \big[λ(n - m) - μ^*(ω_c) θ_{nm}\big] \frac{Δ_m}{E_m}

    (T in energy units; Allen & Mitrović 1982; Carbotte 1990). The Z sum is the exact normal-state sum
    (w_n of the module docstring) plus Σ_m [λ(n−m) − λ(n+m+1)](ω_m/E_m − 1) over the N frequencies
    (Δ_m = 0 beyond them), so Z reduces to the normal-state Z, and the gap equation linearizes exactly to
    the one of :func:`eliashberg_tc`, as Δ → 0: Δ vanishes at that Tc. The sums are products with
    Toeplitz and Hankel matrices (dense up to 128 frequencies, FFT above), so N may be large (low T).

    The fixed point Δ = G(Δ) is found by Anderson mixing (depth 6), started above the solution (a BCS-sized
    gap on the shape of the leading linearized eigenvector, or the bound G(∞)), with extrapolations towards
    the trivial solution Δ = 0 refused; the rank-one μ* term is solved for within each step. Converged when
    max|G(Δ) − Δ| < ``tol`` · max|G(Δ)|. Above Tc (leading linearized eigenvalue ρ ≤ 1) the only solution
    is Δ = 0 and the normal state is returned.

    Parameters
    ----------
    spectrum : EinsteinSpectrum or GridSpectrum
        The α²F(ω) spectrum.
    T : float
        Temperature, K (> 0; at most 65536 positive frequencies: T >= ħ ω_c / (2π k_B · 65536)).
    mu_star : float
        Coulomb pseudopotential μ* at ``omega_ref``, dimensionless, in [0, 1).
    omega_cutoff : float, optional
        Matsubara cutoff ω_c, rad/s (> ω_max; default 20 ω_max).
    omega_ref : float, optional
        Frequency at which ``mu_star`` is defined, rad/s (> 0; default 10 ω_max).
    tol : float, optional
        Relative tolerance of the fixed point, in [1e-14, 1e-3].
    max_iter : int, optional
        Largest number of iterations, in [1, 100000] (typically 10–40 are needed; up to a few hundred
        within 1e-4 of Tc at very strong coupling, λ ≳ 10).

    Returns
    -------
    EliashbergSolution
        Δ(iω_n) (J), Z(iω_n), ω_n (rad/s), the gap edge by Padé continuation (``gap_edge()``).

    Raises
    ------
    RuntimeError
        If the iteration does not reach ``tol`` within ``max_iter`` iterations, or collapses to Δ = 0
        although ρ > 1.

    Examples
    --------
    >>> from numeric.constants import k
    >>> s = EinsteinSpectrum(0.3, 2e13)
    >>> tc = eliashberg_tc(s, 0.0)
    >>> sol = solve_eliashberg(s, tc / 6, 0.0)
    >>> round(2 * sol.gap_edge() / (k * tc), 2)  # 2Δ/k_BTc, BCS: 3.53
    3.54
    >>> round(float(sol.Z[0]), 3)  # Z(iω_0) ≈ 1 + λ
    1.3
    """
    spec = _spectrum(spectrum)
    mu_c, wc = _cutoffs(spec, mu_star, omega_cutoff, omega_ref)
    temp, theta = _theta(T, wc)
    tolerance = scalar("tol", tol, 1e-14, 1e-3)
    iterations = integer("max_iter", max_iter, 1, 100000)
    axis = _Axis(spec, theta, mu_c, wc)
    rho, u = axis.leading(vector=True)
    omega_n = np.pi * theta * axis.odd
    energy = np.pi * k * temp  # Δ = energy · d
    if rho <= 1.0:
        return EliashbergSolution(temp, omega_n, axis.w / axis.odd, np.zeros(axis.n), rho, 0, 0.0)
    odd, w = axis.odd, axis.w

    def renormalization(d: np.ndarray) -> np.ndarray:
        r = odd / np.sqrt(odd ** 2 + d ** 2) - 1.0
        return (w + axis.odd_part(r)) / odd

    def update(d: np.ndarray) -> np.ndarray:
        # the μ* term is rank one, −2μ*(ω_c) S with S = Σ_{m<n_c} Δ_m/E_m: S is taken from the new gap
        # (solved for: S = Σ_{m<n_c} φ_m c_m / (1 + 2μ* Σ_{m<n_c} c_m), φ the λ part, c_m = 1/(Z_m E_m))
        # instead of the old one (same fixed points); with the old S, large μ*(ω_c) and many frequencies,
        # the iteration of this odd map was trapped in the 2-cycle Δ → −Δ (λ = 0.5, μ* = 0.3)
        e = np.sqrt(odd ** 2 + d ** 2)
        z = renormalization(d)
        phi = axis.even(d / e)
        c = 1.0 / (z[: axis.n_c] * e[: axis.n_c])
        coulomb = 2.0 * axis.mu_c * np.dot(phi[: axis.n_c], c) / (1.0 + 2.0 * axis.mu_c * np.sum(c))
        phi[: axis.n_c] -= coulomb
        return phi / z

    # start above the solution, from which the iteration approaches it monotonically (from below,
    # extrapolation heads for the trivial fixed point): 3 times a BCS estimate, capped by the limit of the
    # map without μ* for Δ → ∞ (Δ_m/E_m → 1), which bounds every iterate; the bound itself if the first
    # step shows the estimate below the solution. The BCS estimate is
    # 1.764 k_B Tc sqrt(1 − T/Tc) with ln(Tc/T) ≈ (ρ − 1)(1 + λ)/λ, on the shape of the linearized
    # eigenvector Δ_n ∝ u_n (2n+1)/sqrt(w_n)
    shape = u * odd / np.sqrt(w)
    shape = np.abs(shape / shape[0])
    ratio = math.exp(min((rho - 1.0) * (1.0 + axis.lam[0]) / axis.lam[0], 30.0))  # ≈ Tc/T
    big = np.full(axis.n, 1e30)
    bound = axis.even(np.ones(axis.n)) / renormalization(big)
    bcs = 3.0 * 1.764 / math.pi * ratio * math.sqrt(1.0 - 1.0 / ratio)
    guess = np.maximum(np.minimum(bound, bcs * shape), 0.0)
    first = update(guess)
    guess = update(bound) if first[0] > guess[0] else first  # below the solution (strong coupling): the bound
    d, used, residual = _anderson(update, guess, tolerance, iterations)
    if residual >= tolerance:
        raise RuntimeError(f"solve_eliashberg did not converge at T = {temp:g} K: residual {residual:.3g} "
                           f"> tol = {tolerance:g} after max_iter = {iterations} iterations (raise max_iter)")
    if not np.max(np.abs(d)) > 1e-9 * np.max(np.abs(guess)):
        raise RuntimeError(f"solve_eliashberg collapsed to the normal state at T = {temp:g} K although the "
                           f"linearized eigenvalue is {rho:.6g} > 1")
    return EliashbergSolution(temp, omega_n, renormalization(d), energy * d, rho, used, residual)


class GapCurve(NamedTuple):
    """Δ(T) of :func:`gap_temperature_dependence`.

    Attributes
    ----------
    T : ndarray
        Temperatures, K.
    delta0 : ndarray
        Δ(iω_0) at each T, J (the Matsubara gap at the lowest frequency πk_BT/ħ); 0 at and above Tc.
    gap_edge : ndarray
        Real-axis gap edge Δ_g = Re Δ(Δ_g) (Padé continuation) at each T, J; 0 at and above Tc.
    tc : float
        Tc of :func:`eliashberg_tc` for the same inputs, K.
    """

    T: np.ndarray
    delta0: np.ndarray
    gap_edge: np.ndarray
    tc: float


def gap_temperature_dependence(
    spectrum: Spectrum, T: ArrayLike, mu_star: ArrayLike, omega_cutoff: ArrayLike | None = None,
    omega_ref: ArrayLike | None = None, *, tol: float = 1e-10, max_iter: int = 2000, points: int = 48,
) -> GapCurve:
    r"""Δ(T): the nonlinear Eliashberg equations (:func:`solve_eliashberg`) solved on a grid of temperatures.

    Each temperature is solved independently (same spectrum, μ*, cutoffs and tolerance), and Tc comes from
    :func:`eliashberg_tc`. The gap edge uses Padé continuation with ``points`` Matsubara values. Measured
    spread of the gap edge between 24, 32, 48 and 64 points (Einstein spectra, μ* ≤ 0.1): < 1e-13 for
    λ = 0.3 at T ≤ Tc/2; for λ = 1, 2.5, 5: ≤ 4e-7 at Tc/8, ≤ 6e-5 at Tc/4, and up to 1.5e-5, 4e-4, 1.4e-2
    at Tc/2. Near Tc at strong coupling thermal phonons make the real-axis gap soft and the continuation
    from the few frequencies below ω_c is not reliable: use ``delta0`` there.
    Δ(T → 0) needs N ≈ ω_c ħ/(2πk_BT) frequencies; the BCS gap at Tc/6 and Tc/8 differs from Δ(0) by
    1.9e-5 and 5e-7 relative (BCS gap equation, mpmath), so Δ(Tc/8) stands for Δ(0).

    Parameters
    ----------
    spectrum : EinsteinSpectrum or GridSpectrum
        The α²F(ω) spectrum.
    T : array_like
        Temperatures, K (1-D, each > 0 and at least ħ ω_c / (2π k_B · 65536)).
    mu_star : float
        Coulomb pseudopotential μ* at ``omega_ref``, dimensionless, in [0, 1).
    omega_cutoff, omega_ref : float, optional
        As in :func:`solve_eliashberg`.
    tol, max_iter : optional
        As in :func:`solve_eliashberg`.
    points : int, optional
        Matsubara points for the Padé continuation (>= 2; fewer if fewer frequencies exist).

    Returns
    -------
    GapCurve
        T (K), Δ(iω_0) (J), gap edge (J), Tc (K).

    Examples
    --------
    >>> from numeric.constants import k
    >>> s = EinsteinSpectrum(0.3, 2e13)
    >>> tc = eliashberg_tc(s, 0.0)
    >>> curve = gap_temperature_dependence(s, [0.5 * tc, 0.99 * tc, 1.01 * tc], 0.0)
    >>> np.round(curve.gap_edge / (k * tc), 3)  # BCS: 1.681, 0.306 (3.06 k_B Tc sqrt(1 - T/Tc)), 0
    array([1.694, 0.307, 0.   ])
    """
    temps = checked("T", T, 0.0, low_open=True)
    if temps.ndim != 1:
        raise ValueError(f"T must be a 1-D array of temperatures, got shape {temps.shape}")
    m = integer("points", points, 2)
    tc = eliashberg_tc(spectrum, mu_star, omega_cutoff, omega_ref)
    delta0 = np.zeros(temps.shape)
    edge = np.zeros(temps.shape)
    for i, t in enumerate(temps):
        sol = solve_eliashberg(spectrum, float(t), mu_star, omega_cutoff, omega_ref, tol=tol,
                               max_iter=max_iter)
        delta0[i] = sol.delta0
        edge[i] = sol.gap_edge(min(m, len(sol.omega_n)))
    return GapCurve(temps, delta0, edge, tc)


# ====================================================================== the derived limits (closed forms)
def _bcs_inputs(omega_c: ArrayLike, lam: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    return (checked("omega_c", omega_c, 0.0, low_open=True),
            checked("lam", lam, 0.0, 1.0, low_open=True))


def bcs_tc(omega_c: ArrayLike, lam: ArrayLike) -> np.ndarray | float:
    """Weak-coupling (BCS) transition temperature T_c (K).

    k_B T_c = (2e^γ/π) ħω_c e^{−1/λ} ≈ 1.134 ħω_c e^{−1/λ}, the limit ħω_c >> k_BT_c of the linearized BCS
    gap equation 1 = λ ∫_0^{ħω_c} tanh(ε/2k_BT_c) dε/ε (derivation ``bcs_tc_weak_coupling``, evaluated by
    its generated kernel). Against the root of that equation (mpmath) the closed form is low by 1.4e-12 at
    λ = 0.3, 4.0e-4 at λ = 0.5 and 6.8 % at λ = 1 (≈ e^{−2X}/X, X = ħω_c/2k_BT_c).

    Parameters
    ----------
    omega_c : float or array_like
        Cut-off frequency ω_c > 0 of the attraction (rad/s).
    lam : float or array_like
        BCS coupling λ = N(0)V, 0 < λ <= 1 (dimensionless; the weak-coupling form needs λ << 1. In
        Eliashberg theory the exponent is (1 + λ)/λ and the prefactor ≈ 1.134 e^{−1/2}, see
        :func:`eliashberg_tc`).

    Returns
    -------
    float or ndarray
        T_c (K), broadcast over the inputs.

    Examples
    --------
    >>> round(bcs_tc(2e13, 0.25), 6)  # ħω_c/k_B = 152.8 K
    3.172537
    """
    w, lam_ = _bcs_inputs(omega_c, lam)
    return finite_result(evaluate(_kernels.bcs_tc_loop, w, lam_), "bcs_tc", omega_c=w, lam=lam_)


def bcs_gap(omega_c: ArrayLike, lam: ArrayLike) -> np.ndarray | float:
    """BCS gap at T = 0, Δ(0) = ħω_c / sinh(1/λ) (J), exact for the BCS model at any 0 < λ <= 1.

    From the T = 0 gap equation 1 = λ ∫_0^{ħω_c} dε/√(ε² + Δ²) (derivation ``bcs_gap_ratio``, its solved
    step, evaluated by the generated kernel). For λ << 1, Δ(0) -> 2ħω_c e^{−1/λ} and
    2Δ(0)/k_BT_c -> 2π e^{−γ} ≈ 3.528 (with :func:`bcs_tc`).

    Parameters
    ----------
    omega_c : float or array_like
        Cut-off frequency ω_c > 0 (rad/s).
    lam : float or array_like
        BCS coupling λ = N(0)V, 0 < λ <= 1 (dimensionless).

    Returns
    -------
    float or ndarray
        Δ(0) (J), broadcast over the inputs.

    Examples
    --------
    >>> from numeric.constants import k
    >>> round(2 * bcs_gap(2e13, 0.1) / (k * bcs_tc(2e13, 0.1)), 6)  # 2π e^{−γ} = 3.527754
    3.527754
    """
    w, lam_ = _bcs_inputs(omega_c, lam)
    return finite_result(evaluate(_kernels.bcs_gap_zero_temperature_loop, w, lam_), "bcs_gap",
                         omega_c=w, lam=lam_)


def mass_enhancement(lam: ArrayLike) -> np.ndarray | float:
    """Electron-phonon mass enhancement at the Fermi level, m*/m = 1 + λ (dimensionless).

    From the T = 0 Migdal self-energy, ∂Re Σ/∂(ħω) = −λ at ω -> 0 (derivation ``mass_enhancement_migdal``,
    its generated kernel). Valid for ħω << ħω_log (the slope at the Fermi level) and where Migdal's theorem
    holds (ħω_D << E_F); it is the renormalisation Z(iω_n -> 0) of :func:`solve_eliashberg` at T -> 0.

    Parameters
    ----------
    lam : float or array_like
        λ >= 0, finite (dimensionless).

    Returns
    -------
    float or ndarray
        m*/m, broadcast over the input.

    Examples
    --------
    >>> mass_enhancement(0.55)
    1.55
    """
    lam_ = checked("lam", lam, 0.0)
    return evaluate(_kernels.mass_enhancement_loop, lam_)

