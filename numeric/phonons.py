"""Lattice thermal properties (SI), from the derivations in ``derive.phonons``."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike
from scipy.constants import k as _K_B

from ._generated import phonons as _kernels
from ._support import checked, evaluate

__all__ = ["debye_T3", "debye_heat_capacity"]


def debye_T3(T: ArrayLike, theta_D: ArrayLike, n_atoms: ArrayLike = 1) -> np.ndarray | float:
    """Low-temperature Debye law C_V = (12π⁴/5) N k_B (T/Θ_D)³.

    Parameters
    ----------
    T : array_like
        Temperature, K (>= 0). Accurate to the exponentially small tail for
        T <~ Θ_D/20; use the full Debye integral above that.
    theta_D : array_like
        Calorimetric Debye temperature, K (> 0).
    n_atoms : array_like, optional
        Number of atoms N (> 0; not moles).

    Returns
    -------
    float or ndarray
        Heat capacity in J/K.

    Notes
    -----
    Derivation ``debye_T3_law`` (seeds 000, 002; Ashcroft & Mermin ch. 23).

    Examples
    --------
    >>> from scipy.constants import N_A
    >>> f"{debye_T3(10.0, 343.0, N_A):.4f} J/(mol K)"  # Cu, one mole
    '0.0482 J/(mol K)'
    """
    return evaluate(_kernels.debye_T3_loop, checked("T", T, 0.0),
                    checked("theta_D", theta_D, 0.0, low_open=True),
                    checked("n_atoms", n_atoms, 0.0, low_open=True))


def debye_heat_capacity(T: ArrayLike, theta_D: ArrayLike, n_atoms: ArrayLike = 1) -> np.ndarray | float:
    """Debye lattice heat capacity at any temperature, C_V = 9 N k_B (T/Θ_D)³ ∫_0^{Θ_D/T} x⁴eˣ/(eˣ − 1)² dx.

    Parameters
    ----------
    T : array_like
        Temperature, K (>= 0; T = 0 gives exactly 0).
    theta_D : array_like
        Calorimetric Debye temperature, K (> 0).
    n_atoms : array_like, optional
        Number of atoms N (> 0; not moles: pass N_A for one mole of atoms).

    Returns
    -------
    float or ndarray
        Heat capacity C_V in J/K, between 0 and the Dulong-Petit value 3 N k_B.

    Notes
    -----
    The Debye integral is a step of derivation ``debye_T3_law`` (Ashcroft &
    Mermin ch. 23). It is evaluated as 3 N k_B f(y), y = Θ_D/T, by the
    generated kernel ``debye_cv_reduced`` with three branches, each verified
    against the integral to a relative remainder < 1e-22
    (``derive.phonons.debye_cv_reduced_kernel().verify()``):

    * y < 3 (T > Θ_D/3): the Bernoulli series f = 1 − y²/20 + y⁴/560 − ...
      (to y⁷⁰); as T -> ∞, C_V -> 3 N k_B (1 − (Θ_D/T)²/20) (Dulong-Petit);
    * 3 <= y < 65: the exact identity ∫_0^y = 4π⁴/15 − y⁴/(e^y − 1)
      − 4 Σ_n e^{−ny}(y³/n + 3y²/n² + 6y/n³ + 6/n⁴), 16 terms;
    * y >= 65 (T <= Θ_D/65): the T³ law (12π⁴/5) N k_B (T/Θ_D)³ of
      :func:`debye_T3`, exact there to double precision (its error is
      ≈ (15/4π⁴)(Θ_D/T)⁴ e^{−Θ_D/T}); 0 at T = 0.

    Numerically: relative error ~1e-15 against the integral evaluated at 50
    digits (largest found 1.1e-15, just above T = Θ_D/3, where the identity
    cancels), no overflow, NaN or floating-point warning for valid input.
    Physically, the Debye model (harmonic lattice, three acoustic branches
    with one linear dispersion cut off at ω_D) is reliable
    for T ≲ Θ_D/50, where only long-wavelength acoustic phonons are excited,
    and for T ≳ Θ_D, where C_V -> 3 N k_B whatever the spectrum; in between,
    real spectra deviate (a fitted Θ_D then depends on T). It gives the
    harmonic C_V (≈ C_p; anharmonic and electronic terms are not included).

    Examples
    --------
    >>> from scipy.constants import N_A
    >>> f"{debye_heat_capacity(300.0, 343.0, N_A):.6f} J/(mol K)"  # Cu, one mole
    '23.386227 J/(mol K)'
    >>> debye_heat_capacity(0.0, 343.0)
    0.0
    """
    T = checked("T", T, 0.0)
    theta_D = checked("theta_D", theta_D, 0.0, low_open=True)
    n_atoms = checked("n_atoms", n_atoms, 0.0, low_open=True)
    with np.errstate(divide="ignore", over="ignore", under="ignore"):
        y = theta_D / T  # T = 0: y = inf, where the kernel gives its exact limit 0
        reduced = evaluate(_kernels.debye_cv_reduced_loop, y)
        out = (3.0 * _K_B) * n_atoms * reduced
    if all(np.ndim(a) == 0 for a in (T, theta_D, n_atoms)):
        return float(out)
    return out
