"""Kernel specs for topic ``eliashberg_function``: the closed forms of :mod:`derive.eliashberg_function`.

Each is a derivation's statement, or the result of one of its steps, with CODATA constants (no
branches): monomials, evaluated by :mod:`numeric.eliashberg_function` on validated input.
"""

from __future__ import annotations

from ..constants import codata_values
from ..derivation import Ref
from ..eliashberg_function import LAMBDA_TR_STEP
from ..registry import get
from .ir import Kernel, statement_kernel
from .registry import kernel

__all__: list[str] = []


@kernel("nesting_function_sphere")
def _nesting_function_sphere_kernel() -> Kernel:
    return statement_kernel("nesting_function_sphere", ["q", "m"],
                            "Nesting function xi(q) of a spherical Fermi surface, q < 2k_F, per volume and "
                            "spin, in 1/(J^2 m^3)")


@kernel("coupling_constant_free_electron", derivation="eliashberg_function_free_electron")
def _coupling_constant_kernel() -> Kernel:
    return statement_kernel("eliashberg_function_free_electron", ["D", "m", "k_F", "rho", "v_s", "q_c"],
                            "Coupling constant lambda of free electrons with Debye LA phonons (deformation "
                            "potential), dimensionless", name="coupling_constant_free_electron")


@kernel("transport_coupling_constant_free_electron", derivation="eliashberg_function_free_electron")
def _transport_coupling_constant_kernel() -> Kernel:
    d = get("eliashberg_function_free_electron")
    symbols = {q.symbol.name: q.symbol for q in d.symbols}
    step = next(s for s in d.steps if s.gives == Ref(LAMBDA_TR_STEP))  # λ_tr = 2∫α²F_tr/ω dω
    return Kernel(name="transport_coupling_constant_free_electron",
                  derivation="eliashberg_function_free_electron",
                  args=[symbols[a] for a in ("D", "m", "k_F", "rho", "v_s", "q_c")], closed_form=step.rhs,
                  constants=codata_values(),
                  doc="Transport coupling constant lambda_tr of free electrons with Debye LA phonons "
                      "(step lambda_tr), dimensionless")


@kernel("allen_transport_rate_low_T", derivation="allen_transport_bloch_gruneisen")
def _allen_low_T_kernel() -> Kernel:
    return statement_kernel("allen_transport_bloch_gruneisen", ["T", "lambda_tr", "omega_c"],
                            "Low-T transport rate <1/tau_tr> from Allen's formula with alpha^2F_tr ~ omega^4 "
                            "(Bloch-Grueneisen T^5) in 1/s", name="allen_transport_rate_low_T")
