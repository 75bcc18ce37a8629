"""Kernel specs for topic ``eliashberg_function``: the closed forms of :mod:`derive.eliashberg_function`.

Each is a derivation's statement, or the result of one of its steps, with CODATA constants (no
branches): monomials, evaluated by :mod:`numeric.eliashberg_function` on validated input; and
``transport_integral_5``, the transport integral J_5(y) of ``allen_transport_bloch_gruneisen`` at any
y = Θ/T, with the verified series / tail-identity / limit branches of
:func:`~derive.kernels.phonons.bose_integral_branches` (as for the Debye function), used by
:func:`numeric.resistivity.transport_integral`.
"""

from __future__ import annotations

import functools

import sympy as sp

from ..constants import codata_values, quantity
from ..derivation import Ref
from ..eliashberg_function import LAMBDA_TR_STEP
from ..registry import get
from ..units import DIMENSIONLESS
from .ir import Kernel, statement_kernel
from .phonons import bose_integral_branches
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


Y_TRANSPORT = quantity("y", DIMENSIONLESS, "reduced inverse temperature Θ/T = ħω_c/(k_B T)")


@kernel("transport_integral_5", derivation="allen_transport_bloch_gruneisen")
def _transport_integral_5_kernel() -> Kernel:
    return transport_integral_5_kernel()


@functools.cache
def transport_integral_5_kernel() -> Kernel:
    """The transport integral J_5(y) = ∫_0^y z⁵eᶻ/(eᶻ − 1)² dz at any y = Θ/T.

    The closed form is the integral of the Bloch-Grüneisen-form step of
    ``allen_transport_bloch_gruneisen`` (the step whose result is a prefactor
    times ∫_0^{Θ/T}), in y = Θ/T, i.e. with ω_c = y k_BT/ħ; the limit
    branch J_5(∞) = 5! ζ(5) is the derivation's statement divided by that
    prefactor. Branches: :func:`~derive.kernels.phonons.bose_integral_branches`
    for p = 5 (series y⁴/4 − y⁶/72 + ..., tail identity, limit). Cached.
    """
    d = get("allen_transport_bloch_gruneisen")
    sym = {q.symbol.name: q.symbol for q in d.symbols}
    hbar, k_B, T, omega_c, j = (sym[name] for name in ("hbar", "k_B", "T", "omega_c", "j"))
    y = Y_TRANSPORT.symbol
    prefactor, integral = _transport_integral_step(d)

    def in_y(expr: sp.Expr) -> sp.Expr:
        """``expr`` in the variable y = ħω_c/(k_BT)."""
        out = expr.subs(omega_c, y * k_B * T / hbar)
        if not out.free_symbols <= {y}:
            raise ValueError(f"not a function of y alone: {out}")
        return out

    closed = in_y(integral)  # ∫_0^y z⁵/(4 sinh²(z/2)) dz
    limit = in_y(sp.simplify(d.statement.rhs / prefactor))  # 120 ζ(5)
    branches = bose_integral_branches(5, closed, y, j, limit, "limit J_5(∞) = 5! ζ(5) =")
    return Kernel(name="transport_integral_5", derivation="allen_transport_bloch_gruneisen", args=[y],
                  closed_form=closed,
                  doc="Transport integral J_5(y) = int_0^y z^5 e^z/(e^z - 1)^2 dz at y = Theta/T "
                      "(Bloch-Grueneisen), dimensionless",
                  branches=branches)


def _transport_integral_step(d) -> tuple[sp.Expr, sp.Integral]:
    """(prefactor, J_5 integral) of the step of ``allen_transport_bloch_gruneisen`` giving 1/τ_tr as a
    prefactor times ∫_0^{Θ/T} z⁵eᶻ/(eᶻ − 1)² dz."""
    for step in d.steps:
        if step.order is not None or not step.rhs.has(sp.Integral):
            continue
        prefactor, integral = step.rhs.as_independent(sp.Integral, as_Add=False)
        if isinstance(integral, sp.Integral) and len(integral.limits) == 1:
            _, lower, upper = integral.limits[0]
            if lower == 0 and upper != sp.oo and upper.is_finite is not False:
                return prefactor, integral
    raise ValueError("allen_transport_bloch_gruneisen has no step giving the J_5 integral")
