"""Kernel specs for topic ``superconductivity``: the closed forms of :mod:`derive.superconductivity`.

Each is the derivation's statement (no branches).
"""

from __future__ import annotations

from ..constants import codata_values
from ..registry import get
from .ir import Kernel, statement_kernel
from .registry import kernel

__all__: list[str] = []


@kernel("omega_log_debye", derivation="eliashberg_moments_debye")
def _omega_log_debye_kernel() -> Kernel:
    return statement_kernel("eliashberg_moments_debye", ["omega_D"],
                            "Logarithmic average frequency omega_log of a Debye-like alpha^2F in rad/s",
                            name="omega_log_debye")


@kernel("omega2_mean_debye", derivation="eliashberg_moments_debye")
def _omega2_mean_debye_kernel() -> Kernel:
    d = get("eliashberg_moments_debye")
    symbols = {q.symbol.name: q.symbol for q in d.symbols}
    step = next(s for s in d.steps if s.lhs == symbols["omega2_mean"])  # the solved ⟨ω²⟩ = ω_D²/2
    omega_D = symbols["omega_D"]
    return Kernel(name="omega2_mean_debye", derivation="eliashberg_moments_debye", args=[omega_D],
                  closed_form=step.rhs, constants=codata_values(),
                  doc="Mean square frequency <omega^2> of a Debye-like alpha^2F in rad^2/s^2 (step 5)")
