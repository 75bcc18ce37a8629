"""Lattice thermal properties (SI), from the derivations in ``derive.phonons``."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._generated import phonons as _kernels
from ._support import checked, evaluate

__all__ = ["debye_T3"]


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
    '0.0481 J/(mol K)'
    """
    return evaluate(_kernels.debye_T3_loop, checked("T", T, 0.0),
                    checked("theta_D", theta_D, 0.0, low_open=True),
                    checked("n_atoms", n_atoms, 0.0, low_open=True))
