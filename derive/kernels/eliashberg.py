"""Kernel specs for topic ``eliashberg``: the closed forms of :mod:`derive.eliashberg`.

The coupling λ is the argument ``lam`` of the generated functions (``lambda`` is a Python
keyword); no branches: the closed forms are safe wherever they are defined (e^{−1/λ} and
1/sinh(1/λ) underflow to 0 as λ -> 0, which is the value in double precision).
"""

from __future__ import annotations

import sympy as sp

from ..constants import codata_values
from ..registry import get
from .ir import Kernel, statement_kernel
from .registry import kernel

__all__: list[str] = []

#: The kernels' name for the coupling constant λ.
LAM = sp.Symbol("lam", positive=True)


def _lam_argument(derivation: str) -> dict[sp.Symbol, sp.Symbol]:
    """λ of ``derivation`` -> the argument ``lam``."""
    return {next(q.symbol for q in get(derivation).symbols if q.symbol.name == "lambda"): LAM}


@kernel("bcs_tc", derivation="bcs_tc_weak_coupling")
def _bcs_tc_kernel() -> Kernel:
    return statement_kernel("bcs_tc_weak_coupling", ["omega_c", "lam"],
                            "Weak-coupling BCS transition temperature T_c = (2e^gamma/pi) hbar omega_c "
                            "exp(-1/lambda)/k_B in K (omega_c in rad/s)",
                            name="bcs_tc", extra=[LAM],
                            closed_form=lambda e: e.subs(_lam_argument("bcs_tc_weak_coupling")))


@kernel("bcs_gap_zero_temperature", derivation="bcs_gap_ratio")
def _bcs_gap_kernel() -> Kernel:
    d = get("bcs_gap_ratio")
    symbols = {q.symbol.name: q.symbol for q in d.symbols}
    step = next(s for s in d.steps if s.lhs == symbols["Delta"])  # the solved Δ(0) = ħω_c/sinh(1/λ)
    return Kernel(name="bcs_gap_zero_temperature", derivation="bcs_gap_ratio", args=[symbols["omega_c"], LAM],
                  closed_form=step.rhs.subs(_lam_argument("bcs_gap_ratio")), constants=codata_values(),
                  doc="BCS gap at T = 0, Delta(0) = hbar omega_c/sinh(1/lambda) in J, exact in the model "
                      "(step 2; omega_c in rad/s)")


@kernel("mass_enhancement", derivation="mass_enhancement_migdal")
def _mass_enhancement_kernel() -> Kernel:
    return statement_kernel("mass_enhancement_migdal", ["lam"],
                            "Migdal mass enhancement m_star/m = 1 + lambda at the Fermi level (T = 0)",
                            name="mass_enhancement", extra=[LAM],
                            closed_form=lambda e: e.subs(_lam_argument("mass_enhancement_migdal")))
