"""Kernel specs for topic ``coupling``: the coupling magnitudes of :mod:`derive.coupling`.

Each is the derivation's statement with CODATA constants (no branches).
"""

from __future__ import annotations

import sympy as sp

from .ir import Kernel, statement_kernel
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
