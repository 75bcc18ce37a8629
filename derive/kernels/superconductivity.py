"""Kernel specs for topic ``superconductivity``: the closed forms of :mod:`derive.superconductivity`.

Each is the derivation's statement (no branches).
"""

from __future__ import annotations

from .ir import Kernel, statement_kernel
from .registry import kernel

__all__: list[str] = []


@kernel("omega_log_debye", derivation="eliashberg_moments_debye")
def _omega_log_debye_kernel() -> Kernel:
    return statement_kernel("eliashberg_moments_debye", ["omega_D"],
                            "Logarithmic average frequency omega_log of a Debye-like alpha^2F in rad/s",
                            name="omega_log_debye")
