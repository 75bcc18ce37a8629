"""Phonon-mediated superconductivity: moments of α²F(ω) and the McMillan / Allen–Dynes T_c (SI).

Frequencies are angular frequencies ω in rad/s, temperatures in K, α²F(ω) is dimensionless.

* :func:`eliashberg_moments` integrates the moments of an Eliashberg function given on a grid:

      λ = 2 ∫ α²F(ω)/ω dω,
      ω_log = exp[(2/λ) ∫ ln(ω) α²F(ω)/ω dω],
      ⟨ω²⟩ = (2/λ) ∫ ω α²F(ω) dω,      ω̄₂ = ⟨ω²⟩^{1/2}.

* :func:`einstein_moments` and :func:`debye_moments` are the exact moments of two model spectra
  (independent references for the grid integrator).
* :func:`mcmillan_tc` (McMillan, Phys. Rev. 167, 331 (1968), eq. (18)), :func:`allen_dynes_tc`
  (Allen & Dynes, Phys. Rev. B 12, 905 (1975)), :func:`mcmillan_lambda` (the exact inversion of
  McMillan's formula for λ) and :func:`allen_dynes_lambda` (the Allen–Dynes formula inverted by root
  finding: it has no closed-form inverse), vectorised over numpy arrays (broadcasting; scalars in ->
  float out). The two T_c formulas are *stated* fits, registered as the stated formulas
  ``mcmillan_tc`` and ``allen_dynes_tc`` (``derive.get_formula``: source and fit range; not
  derivations); the derivations ``mcmillan_inversion`` and ``allen_dynes_limits`` take them as their
  models and derive only their exact consequences; their generated kernels evaluate them.

Every parameter is validated: a ValueError names the parameter, the value and the valid range;
None, bool, str and complex are refused.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from ._generated import superconductivity as _kernels
from ._support import _real_array, checked, evaluate

__all__ = ["EliashbergMoments", "allen_dynes_lambda", "allen_dynes_tc", "debye_moments", "einstein_moments",
           "eliashberg_moments", "mcmillan_lambda", "mcmillan_tc"]


# the ratio ω̄₂/ω_log is >= 1 for every α²F >= 0 (Jensen's inequality); rounding may put a moment
# computed from a narrow spectrum a few ulps below, which is accepted
_RATIO_TOLERANCE = 1e-9


class EliashbergMoments(NamedTuple):
    """Moments of an Eliashberg function α²F(ω).

    Attributes
    ----------
    lam : float
        Electron-phonon coupling constant λ = 2∫α²F(ω)/ω dω (dimensionless).
    omega_log : float
        Logarithmic average ω_log = exp[(2/λ)∫ln(ω) α²F(ω)/ω dω] (rad/s).
    omega2_mean : float
        ⟨ω²⟩ = (2/λ)∫ω α²F(ω) dω (rad²/s²).
    omega2_bar : float
        ω̄₂ = ⟨ω²⟩^{1/2} (rad/s).
    """

    lam: float
    omega_log: float
    omega2_mean: float
    omega2_bar: float


def eliashberg_moments(omega: object, a2F: object) -> EliashbergMoments:
    """λ, ω_log, ⟨ω²⟩ and ω̄₂ of an Eliashberg function α²F(ω) given on a grid.

    Parameters
    ----------
    omega : array_like, shape (n,), n >= 2
        Angular frequencies (rad/s), finite, >= 0 and strictly increasing (any spacing).
    a2F : array_like, shape (n,)
        α²F(ω) at ``omega`` (dimensionless), finite and >= 0, not all zero.

    Returns
    -------
    EliashbergMoments
        ``lam`` = λ = 2∫α²F/ω dω, ``omega_log`` = exp[(2/λ)∫ln ω α²F/ω dω] (rad/s),
        ``omega2_mean`` = ⟨ω²⟩ = (2/λ)∫ω α²F dω (rad²/s²) and ``omega2_bar`` = ⟨ω²⟩^{1/2} (rad/s).

    Raises
    ------
    ValueError
        For a grid that is not 1-D, shorter than 2 points, not strictly increasing, negative or not
        finite; for α²F of another shape, negative or not finite; for α²F(0) != 0 on a grid starting at
        ω = 0 (λ would be infinite: α²F must vanish at least as ω for ω -> 0); for α²F = 0 everywhere
        (λ = 0, ω_log undefined).

    Notes
    -----
    The integrals run over the grid [ω_0, ω_{n-1}]; α²F is zero outside it. They are evaluated by the
    composite trapezoid rule on the integrands α²F/ω, ln(ω) α²F/ω and ω α²F (error O(h²) for a smooth
    α²F on a grid of spacing h), except on a first panel [0, ω_1] when the grid starts at ω = 0: there
    α²F is interpolated linearly, α²F ≈ α²F(ω_1) ω/ω_1 (it vanishes at 0), and the panel is integrated
    exactly: ∫α²F/ω = α²F(ω_1), ∫ln ω α²F/ω = α²F(ω_1)(ln ω_1 − 1), ∫ω α²F = α²F(ω_1) ω_1²/3. This keeps
    the O(h²) error of λ and ⟨ω²⟩ for α²F ∝ ω or ω²; ω_log of α²F ∝ ω² converges as O(h² ln h) (the
    integrand ω ln ω of the trapezoid has the second derivative 1/ω).

    Source: the definitions of λ, ω_log and ⟨ω²⟩ are those of Allen & Dynes, Phys. Rev. B 12, 905 (1975).

    Examples
    --------
    >>> import math
    >>> import numpy as np
    >>> omega_D = 4e13                                  # rad/s
    >>> omega = np.linspace(0.0, omega_D, 2001)
    >>> m = eliashberg_moments(omega, 0.8 * (omega / omega_D) ** 2)   # Debye-like, λ = 0.8
    >>> round(m.lam, 6), round(m.omega_log / (omega_D * math.exp(-0.5)), 6)
    (0.8, 0.999998)
    >>> round(m.omega2_mean / (omega_D**2 / 2), 6)
    1.0
    """
    w = _real_array("omega", omega)
    f = _real_array("a2F", a2F)
    if w.ndim != 1 or w.size < 2:
        raise ValueError(f"omega must be a 1-D array of at least 2 frequencies, got shape {w.shape}")
    if f.shape != w.shape:
        raise ValueError(f"a2F must have the shape of omega {w.shape}, got shape {f.shape}")
    checked("omega", w, 0.0)
    checked("a2F", f, 0.0)
    steps = np.diff(w)
    if not (steps > 0).all():
        i = int(np.argmin(steps > 0))
        raise ValueError(f"omega must be strictly increasing, got omega[{i}] = {w[i]:g} >= omega[{i + 1}] = "
                         f"{w[i + 1]:g}")
    if w[0] == 0.0 and f[0] != 0.0:
        raise ValueError(f"a2F[0] = {f[0]:g} at omega = 0: λ = 2∫α²F/ω dω would be infinite; valid range: "
                         "a2F = 0 at omega = 0 (α²F must vanish at least as ω for ω -> 0)")
    if not (f > 0).any():
        raise ValueError("a2F = 0 everywhere: λ = 0 and ω_log is undefined; valid range: a2F > 0 somewhere")

    lam_int = log_int = w2_int = 0.0
    if w[0] == 0.0:
        w1, f1 = float(w[1]), float(f[1])
        lam_int, log_int, w2_int = f1, f1 * (math.log(w1) - 1.0), f1 * w1 * w1 / 3.0
        w, f = w[1:], f[1:]
    if w.size >= 2:
        over = f / w
        lam_int += float(np.trapezoid(over, w))
        log_int += float(np.trapezoid(np.log(w) * over, w))
        w2_int += float(np.trapezoid(w * f, w))
    lam = 2.0 * lam_int
    if not (math.isfinite(lam) and lam > 0.0):
        raise ValueError(f"λ = {lam:g} from this α²F is not a finite positive number")
    omega_log = math.exp(2.0 * log_int / lam)
    omega2_mean = 2.0 * w2_int / lam
    return EliashbergMoments(lam, omega_log, omega2_mean, math.sqrt(omega2_mean))


def einstein_moments(lam: float, omega_E: float) -> EliashbergMoments:
    """Exact moments of the Einstein spectrum α²F(ω) = (λ ω_E/2) δ(ω − ω_E).

    Parameters
    ----------
    lam : float
        λ > 0, finite.
    omega_E : float
        Einstein frequency ω_E > 0 (rad/s).

    Returns
    -------
    EliashbergMoments
        λ, ω_log = ω_E, ⟨ω²⟩ = ω_E², ω̄₂ = ω_E (derived from the delta function as
        ``eliashberg_moments_einstein``, evaluated by its generated kernels; ω̄₂ = ⟨ω²⟩^{1/2} is
        ω_E to 1 ulp, exactly for ⟨ω²⟩ without rounding).

    Examples
    --------
    >>> einstein_moments(1.0, 2e13)
    EliashbergMoments(lam=1.0, omega_log=20000000000000.0, omega2_mean=4e+26, omega2_bar=20000000000000.0)
    """
    lam_ = float(checked("lam", lam, 0.0, low_open=True))
    w = float(checked("omega_E", omega_E, 0.0, low_open=True))
    # the derived closed forms (derivation eliashberg_moments_einstein, its generated kernels)
    omega2 = float(_kernels.omega2_mean_einstein_scalar(w))
    return EliashbergMoments(lam_, float(_kernels.omega_log_einstein_scalar(w)), omega2, math.sqrt(omega2))


def debye_moments(lam: float, omega_D: float) -> EliashbergMoments:
    """Exact moments of the Debye-like spectrum α²F(ω) = λ (ω/ω_D)² for ω < ω_D, 0 above.

    Parameters
    ----------
    lam : float
        λ > 0, finite (2∫₀^{ω_D} λ ω/ω_D² dω = λ).
    omega_D : float
        Cut-off ω_D > 0 (rad/s).

    Returns
    -------
    EliashbergMoments
        λ, ω_log = ω_D e^{−1/2} (from (2/ω_D²)∫₀^{ω_D} ω ln ω dω = ln ω_D − 1/2; derived as
        ``eliashberg_moments_debye``, evaluated by its generated kernels), ⟨ω²⟩ = ω_D²/2,
        ω̄₂ = ω_D/√2.

    Examples
    --------
    >>> m = debye_moments(0.5, 1.0)
    >>> round(m.omega_log, 12), m.omega2_mean
    (0.606530659713, 0.5)
    """
    lam_ = float(checked("lam", lam, 0.0, low_open=True))
    w = float(checked("omega_D", omega_D, 0.0, low_open=True))
    # the derived closed forms (derivation eliashberg_moments_debye, its generated kernels)
    omega2 = float(_kernels.omega2_mean_debye_scalar(w))
    return EliashbergMoments(lam_, float(_kernels.omega_log_debye_scalar(w)), omega2, math.sqrt(omega2))


def _out(x: np.ndarray) -> float | np.ndarray:
    return float(x) if x.ndim == 0 else x


def _stated_tc(loop, *args: np.ndarray) -> float | np.ndarray:
    """A generated T_c kernel (the stated formula; 0 where λ − μ*(1 + 0.62λ) <= 0, decided inside the
    kernel, so the region and the formula see the same rounding)."""
    return _out(np.asarray(evaluate(loop, *args), dtype=np.float64))


def mcmillan_tc(lam: object, mu_star: object, theta_D: object) -> float | np.ndarray:
    """McMillan's critical temperature T_c (K).

    T_c = (Θ_D/1.45) exp[−1.04(1+λ)/(λ − μ*(1+0.62λ))]

    Parameters
    ----------
    lam : float or array_like
        Electron-phonon coupling λ >= 0, finite (dimensionless).
    mu_star : float or array_like
        Coulomb pseudopotential μ*, 0 <= μ* < 1 (dimensionless; typically 0.1–0.15).
    theta_D : float or array_like
        Debye temperature Θ_D > 0 (K), finite.

    Returns
    -------
    float or ndarray
        T_c (K), broadcast over the inputs; a float for scalar inputs. T_c = 0 exactly where
        λ <= μ*(1 + 0.62λ), i.e. λ <= μ*/(1 − 0.62μ*) (no superconductivity in the formula; this is
        the formula's own zero, not a clamp of a negative value: the exponent tends to −∞ as the
        denominator tends to 0⁺).

    Notes
    -----
    The stated formula ``mcmillan_tc`` (``derive.get_formula("mcmillan_tc")``), evaluated by the
    generated kernel ``mcmillan_tc`` of the derivation ``mcmillan_inversion``, which takes the formula as
    its model and derives the boundary λ_c of the T_c = 0 region.

    Source: W. L. McMillan, Phys. Rev. 167, 331 (1968), eq. (18), fitted to numerical solutions of the
    Eliashberg equations with the phonon spectrum of Nb. Fit range: λ ≲ 1.5; beyond it the formula
    underestimates T_c (it saturates at (Θ_D/1.45) exp[−1.04/(1 − 0.62μ*)] for λ -> ∞; see
    :func:`allen_dynes_tc`).

    Examples
    --------
    >>> round(mcmillan_tc(1.0, 0.1, 275.0), 4)
    15.849
    >>> mcmillan_tc(0.1, 0.1, 275.0)
    0.0
    """
    lam_ = checked("lam", lam, 0.0)
    mu = checked("mu_star", mu_star, 0.0, 1.0, high_open=True)
    theta = checked("theta_D", theta_D, 0.0, low_open=True)
    return _stated_tc(_kernels.mcmillan_tc_loop, lam_, mu, theta)


def allen_dynes_tc(lam: object, mu_star: object, omega_log: object,
                   omega2_bar: object | None = None) -> float | np.ndarray:
    """Allen–Dynes critical temperature T_c (K) with the strong-coupling and shape corrections f1, f2.

    T_c = f1 f2 (ħω_log/k_B)/1.2 · exp[−1.04(1+λ)/(λ − μ*(1+0.62λ))],

    f1 = [1 + (λ/Λ1)^{3/2}]^{1/3},          Λ1 = 2.46(1 + 3.8μ*),
    f2 = 1 + (ω̄₂/ω_log − 1)λ²/(λ² + Λ2²),   Λ2 = 1.82(1 + 6.3μ*)(ω̄₂/ω_log).

    Parameters
    ----------
    lam : float or array_like
        Electron-phonon coupling λ >= 0, finite (dimensionless).
    mu_star : float or array_like
        Coulomb pseudopotential μ*, 0 <= μ* < 1 (dimensionless).
    omega_log : float or array_like
        Logarithmic average frequency ω_log > 0 (rad/s), finite.
    omega2_bar : float or array_like or None
        ω̄₂ = ⟨ω²⟩^{1/2} (rad/s), finite, >= ω_log (Jensen's inequality holds for every α²F >= 0; a
        relative shortfall of up to 1e-9 is accepted as rounding). None: f2 = 1 (the shape correction is
        omitted, as for ω̄₂ = ω_log).

    Returns
    -------
    float or ndarray
        T_c (K), broadcast over the inputs; a float for scalar inputs. T_c = 0 exactly where
        λ <= μ*(1 + 0.62λ) (the formula's own zero, not a clamp).

    Notes
    -----
    The stated formula ``allen_dynes_tc`` (``derive.get_formula("allen_dynes_tc")``), evaluated by the
    generated kernel ``allen_dynes_tc`` of the derivation ``allen_dynes_limits`` (the formula as its
    model; derived there: the small-λ McMillan form and the large-λ law
    T_c -> c_∞ ħ ω̄₂ λ^{1/2}/k_B, c_∞ = e^{−1.04}/(1.2·2.46^{1/2}) ≈ 0.1878 at μ* = 0), at ω_log = 1 and
    ω̄₂/ω_log, times ω_log (T_c is homogeneous of degree 1 in the two frequencies).

    Source: P. B. Allen and R. C. Dynes, Phys. Rev. B 12, 905 (1975). With f1 = f2 = 1
    this is McMillan's formula with Θ_D/1.45 replaced by ħω_log/(1.2 k_B). f1 and f2 were fitted to
    numerical solutions of the Eliashberg equations (μ* around 0.1); f1 makes T_c grow as λ^{1/2} at
    large λ, as the exact strong-coupling limit does, so the formula stays useful beyond McMillan's
    range λ ≲ 1.5 (Allen and Dynes give it for λ up to a few). f1 -> 1 and f2 -> 1 as λ -> 0.

    Examples
    --------
    >>> from numeric.constants import hbar, k
    >>> omega_log = 200.0 * k / hbar                    # ħω_log/k_B = 200 K
    >>> round(allen_dynes_tc(1.0, 0.1, omega_log), 4)
    14.6338
    >>> round(allen_dynes_tc(1.0, 0.1, omega_log, 1.2 * omega_log), 4)
    14.8478
    """
    lam_ = checked("lam", lam, 0.0)
    mu = checked("mu_star", mu_star, 0.0, 1.0, high_open=True)
    w_log = checked("omega_log", omega_log, 0.0, low_open=True)
    ratio = _frequency_ratio(w_log, omega2_bar)
    # T_c is homogeneous of degree 1 in (ω_log, ω̄₂): the kernel at ω_log = 1, ω̄₂ = ω̄₂/ω_log, times ω_log
    # (no over- or underflow of ω_log² and ω̄₂² inside the kernel)
    return _out(np.asarray(w_log * _stated_tc(_kernels.allen_dynes_tc_loop, lam_, mu, np.float64(1.0), ratio),
                           dtype=np.float64))


def _frequency_ratio(w_log: np.ndarray, omega2_bar: object | None) -> np.ndarray:
    """ω̄₂/ω_log, validated (>= 1 up to rounding; 1 for None)."""
    if omega2_bar is None:
        return np.float64(1.0)
    w2 = checked("omega2_bar", omega2_bar, 0.0, low_open=True)
    ratio = w2 / w_log
    if (ratio < 1.0 - _RATIO_TOLERANCE).any():
        bad = np.broadcast_to(ratio < 1.0 - _RATIO_TOLERANCE, ratio.shape)
        first_w2 = float(np.broadcast_to(w2, ratio.shape)[bad].flat[0])
        first_wl = float(np.broadcast_to(w_log, ratio.shape)[bad].flat[0])
        raise ValueError(f"omega2_bar = {first_w2:g} is outside the valid range [omega_log, inf) = "
                         f"[{first_wl:g}, inf) (ω̄₂ >= ω_log for every α²F >= 0)")
    return np.maximum(ratio, 1.0)


def mcmillan_lambda(tc: object, mu_star: object, theta_D: object) -> float | np.ndarray:
    """λ from T_c by the exact inversion of McMillan's formula (:func:`mcmillan_tc`).

    With L = ln[Θ_D/(1.45 T_c)], McMillan's formula reads L(λ − μ* − 0.62μ*λ) = 1.04(1 + λ), which is
    linear in λ: λ[L(1 − 0.62μ*) − 1.04] = 1.04 + μ*L, so

        λ = (1.04 + μ*L)/(L(1 − 0.62μ*) − 1.04) = (1.04u + μ*)/(1 − 0.62μ* − 1.04u),   u = 1/L.

    The second form is evaluated; it also holds at T_c = 0 (u = 0), where it gives the threshold
    λ_c = μ*/(1 − 0.62μ*): every λ <= λ_c has T_c = 0, and λ_c is returned.

    Parameters
    ----------
    tc : float or array_like
        Critical temperature T_c (K), 0 <= T_c < T_max = (Θ_D/1.45) exp[−1.04/(1 − 0.62μ*)], the limit
        of McMillan's T_c for λ -> ∞ (no λ reaches it).
    mu_star : float or array_like
        Coulomb pseudopotential μ*, 0 <= μ* < 1 (dimensionless).
    theta_D : float or array_like
        Debye temperature Θ_D > 0 (K), finite.

    Returns
    -------
    float or ndarray
        λ (dimensionless), broadcast over the inputs; a float for scalar inputs.

    Notes
    -----
    Source: W. L. McMillan, Phys. Rev. 167, 331 (1968), eq. (18), solved for λ as above: the solved step of
    the derivation ``mcmillan_inversion``, whose u-form the generated kernel ``mcmillan_lambda`` evaluates
    (fit range of the formula: λ ≲ 1.5).

    Examples
    --------
    >>> round(mcmillan_lambda(9.25, 0.13, 275.0), 6)
    0.82474
    >>> lam = mcmillan_lambda(mcmillan_tc(0.9, 0.1, 300.0), 0.1, 300.0)
    >>> round(lam, 12)
    0.9
    """
    t = checked("tc", tc, 0.0)
    mu = checked("mu_star", mu_star, 0.0, 1.0, high_open=True)
    theta = checked("theta_D", theta_D, 0.0, low_open=True)
    t_max = theta / 1.45 * np.exp(-1.04 / (1.0 - 0.62 * mu))
    bad = np.broadcast_to(t >= t_max, np.broadcast_shapes(t.shape, t_max.shape))
    if bad.any():
        shape = bad.shape
        first_t = float(np.broadcast_to(t, shape)[bad].flat[0])
        first_max = float(np.broadcast_to(t_max, shape)[bad].flat[0])
        raise ValueError(f"tc = {first_t:g} is outside the valid range [0, {first_max:g}) (McMillan's T_c "
                         "for λ -> ∞ at this mu_star and theta_D)")
    with np.errstate(divide="ignore"):
        u = np.where(t > 0, -1.0 / np.log(1.45 * np.where(t > 0, t, 1.0) / theta), 0.0)
    return _out(np.asarray(evaluate(_kernels.mcmillan_lambda_loop, u, mu), dtype=np.float64))


def allen_dynes_lambda(tc: object, mu_star: object, omega_log: object,
                       omega2_bar: object | None = None) -> float | np.ndarray:
    """λ from T_c by inverting the Allen–Dynes formula (:func:`allen_dynes_tc`) numerically.

    There is no closed-form inverse: ln T_c = ln f1(λ) + ln f2(λ) + ln(ħω_log/(1.2 k_B))
    − 1.04(1+λ)/(λ − μ*(1+0.62λ)) with f1 = [1 + (λ/Λ1)^{3/2}]^{1/3} and f2 rational in λ is a
    transcendental equation in λ (McMillan's formula, without f1 f2, is linear in λ after taking the
    logarithm: :func:`mcmillan_lambda`). It is solved by Brent's method (scipy.optimize.brentq, relative
    tolerance 1e-15) on T_c(λ)/T_c − 1 between λ_c = μ*/(1 − 0.62μ*), where T_c = 0, and an upper bound
    doubled until T_c(λ) >= T_c. The root is unique: on (λ_c, ∞) T_c(λ) is strictly increasing (f1 and
    f2 are non-decreasing in λ for ω̄₂ >= ω_log, the exponent's derivative is 1.04(1 − 0.62μ* + μ*)/
    (λ − μ*(1 + 0.62λ))² > 0) from 0 to ∞ (f1 ~ λ^{1/2}).

    Parameters
    ----------
    tc : float or array_like
        Critical temperature T_c >= 0 (K), finite. T_c = 0 returns λ_c.
    mu_star : float or array_like
        Coulomb pseudopotential μ*, 0 <= μ* < 1 (dimensionless).
    omega_log : float or array_like
        Logarithmic average frequency ω_log > 0 (rad/s), finite.
    omega2_bar : float or array_like or None
        ω̄₂ >= ω_log (rad/s), as in :func:`allen_dynes_tc`; None: f2 = 1.

    Returns
    -------
    float or ndarray
        λ (dimensionless), broadcast over the inputs; a float for scalar inputs. One root search per
        element (a Python loop: about 50 kernel calls each).

    Raises
    ------
    ValueError
        For a parameter outside its range; for a T_c no λ below the largest double reaches.

    Notes
    -----
    Source: P. B. Allen and R. C. Dynes, Phys. Rev. B 12, 905 (1975) (the formula; a fit, see
    :func:`allen_dynes_tc`). Round trip: ``allen_dynes_lambda(allen_dynes_tc(λ, ...), ...)`` returns λ to
    about 1e-15 relative, up to the conditioning of T_c(λ) near λ_c.

    Examples
    --------
    >>> from numeric.constants import hbar, k
    >>> omega_log = 200.0 * k / hbar                    # ħω_log/k_B = 200 K
    >>> round(allen_dynes_lambda(allen_dynes_tc(1.0, 0.1, omega_log), 0.1, omega_log), 12)
    1.0
    >>> round(allen_dynes_lambda(0.0, 0.1, omega_log), 6)  # λ_c = μ*/(1 − 0.62μ*)
    0.10661
    """
    from scipy.optimize import brentq

    t = checked("tc", tc, 0.0)
    mu = checked("mu_star", mu_star, 0.0, 1.0, high_open=True)
    w_log = checked("omega_log", omega_log, 0.0, low_open=True)
    ratio = _frequency_ratio(w_log, omega2_bar)
    t, mu, w_log, ratio = np.broadcast_arrays(t, mu, w_log, ratio)
    out = np.empty(t.shape, dtype=np.float64)
    for i in np.ndindex(t.shape):
        m, r, target = float(mu[i]), float(ratio[i]), float(t[i] / w_log[i])  # T_c per unit ω_log
        lam_c = m / (1.0 - 0.62 * m)
        if target == 0.0:
            out[i] = lam_c
            continue

        def excess(x: float, m: float = m, r: float = r, target: float = target) -> float:
            return _kernels.allen_dynes_tc_scalar(x, m, 1.0, r) / target - 1.0

        high = max(2.0 * lam_c, 1.0)
        while excess(high) < 0.0:
            if high > 1e307:
                raise ValueError(f"tc = {float(t[i]):g} is outside the valid range: above T_c(λ) for every "
                                 f"λ below the largest double at mu_star = {m:g}, omega_log = "
                                 f"{float(w_log[i]):g}")
            high *= 2.0
        out[i] = brentq(excess, lam_c, high, xtol=1e-300, rtol=1e-15, maxiter=500)
    return _out(out)
