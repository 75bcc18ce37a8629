"""Kernel specs for topic ``coupling``: the coupling magnitudes of :mod:`derive.coupling`.

Each is the derivation's statement with CODATA constants (no branches).
"""

from __future__ import annotations

import sympy as sp

from ..registry import get
from .ir import Branch, Kernel, statement_kernel
from .registry import kernel

__all__: list[str] = []


@kernel("deformation_potential_coupling")
def _deformation_potential_coupling_kernel() -> Kernel:
    return statement_kernel("deformation_potential_coupling", ["q", "D", "rho", "V", "v_s"],
                            "Deformation-potential coupling |g_q| in J")


@kernel("frohlich_coupling")
def _frohlich_coupling_kernel() -> Kernel:
    return statement_kernel("frohlich_coupling", ["q", "omega_LO", "epsilon_inf", "epsilon_s", "V"],
                            "Bare Froehlich coupling |g_q| in J", closed_form=sp.sqrt)


@kernel("frohlich_coupling_screened", derivation="frohlich_screened_thomas_fermi")
def _frohlich_coupling_screened_kernel() -> Kernel:
    return statement_kernel("frohlich_screened_thomas_fermi",
                            ["q", "omega_LO", "epsilon_inf", "epsilon_s", "V", "k_TF"],
                            "Thomas-Fermi-screened Froehlich coupling |g_q| in J",
                            name="frohlich_coupling_screened")


@kernel("frohlich_coupling_screened_dynamic", derivation="frohlich_screened_dynamic_high_frequency")
def _frohlich_coupling_screened_dynamic_kernel() -> Kernel:
    return statement_kernel("frohlich_screened_dynamic_high_frequency",
                            ["q", "omega_LO", "epsilon_inf", "epsilon_s", "V", "omega_p"],
                            "Dynamically screened Froehlich coupling g_q/eps(q, w_LO) in J (w_LO >> v_F q)",
                            name="frohlich_coupling_screened_dynamic")


def _coupled_modes() -> tuple[sp.Expr, sp.Expr, sp.Expr, dict[str, sp.Symbol]]:
    """(ω_+, ω_−) of ``coupled_plasmon_lo_modes`` (statement and step) and ω_+ without cancellation."""
    d = get("coupled_plasmon_lo_modes")
    s = {q.symbol.name: q.symbol for q in d.symbols}
    w_lo, w_to, w_p = s["omega_LO"], s["omega_TO"], s["omega_p"]
    lower = next(step.rhs for step in d.steps if step.why.startswith("the lower mode"))
    # the discriminant as a sum of non-negative terms (a step of the derivation): no cancellation; each
    # difference of squares as (a − b)(a + b), whose sign is exact in floating point (ω_LO² − ω_TO², with
    # the product contracted into an FMA, came out −1e-12 ω² for ω_TO = ω_LO: the root of it NaN)
    root = sp.sqrt(((w_lo - w_p) * (w_lo + w_p)) ** 2 + 4 * w_p**2 * (w_lo - w_to) * (w_lo + w_to))
    upper_stable = sp.sqrt((w_lo**2 + w_p**2 + root) / 2)
    return d.statement.rhs, lower, upper_stable, s


@kernel("coupled_mode_upper", derivation="coupled_plasmon_lo_modes")
def _coupled_mode_upper_kernel() -> Kernel:
    upper, _, stable, s = _coupled_modes()
    return Kernel(
        name="coupled_mode_upper", derivation="coupled_plasmon_lo_modes",
        args=[s["omega_p"], s["omega_LO"], s["omega_TO"]], closed_form=upper,
        doc="Upper coupled plasmon-LO mode omega_+ at q -> 0 in rad/s",
        branches=[Branch(stable, sp.true, "discriminant written ((ω_LO − ω_p)(ω_LO + ω_p))² + "
                         "4ω_p²(ω_LO − ω_TO)(ω_LO + ω_TO): a sum of non-negative terms, no cancellation")],
    )


@kernel("coupled_mode_lower", derivation="coupled_plasmon_lo_modes")
def _coupled_mode_lower_kernel() -> Kernel:
    _, lower, stable, s = _coupled_modes()
    w_to, w_p = s["omega_TO"], s["omega_p"]
    return Kernel(
        name="coupled_mode_lower", derivation="coupled_plasmon_lo_modes",
        args=[s["omega_p"], s["omega_LO"], s["omega_TO"]], closed_form=lower,
        doc="Lower coupled plasmon-LO mode omega_- at q -> 0 in rad/s",
        branches=[Branch(w_p * w_to / stable, sp.true,
                         "ω_− = ω_p ω_TO/ω_+ (product of the roots): no cancellation of ω_LO² + ω_p² "
                         "against the root when ω_p << ω_LO or ω_p >> ω_LO")],
    )
