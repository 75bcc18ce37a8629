"""Kernel specs for topic ``scattering``: the closed-form rates of :mod:`derive.scattering`.

Each is the derivation's statement with CODATA constants (no branches).
"""

from __future__ import annotations

from .ir import Kernel, statement_kernel
from .registry import kernel

__all__: list[str] = []

_RATE_ARGS = ["T", "D", "m", "k_F", "rho", "v_s"]


@kernel("deformation_potential_rate_high_T")
def _deformation_potential_rate_high_T_kernel() -> Kernel:
    return statement_kernel("deformation_potential_rate_high_T", _RATE_ARGS,
                            "High-temperature deformation-potential transport rate 1/tau in 1/s")


@kernel("bloch_gruneisen_transport_rate_low_T")
def _bloch_gruneisen_kernel() -> Kernel:
    return statement_kernel("bloch_gruneisen_transport_rate_low_T", _RATE_ARGS,
                            "Low-T Fermi-window-averaged transport rate <1/tau_tr> (Bloch-Grueneisen "
                            "T^5) in 1/s")


@kernel("transport_rate_fermi_level_low_T")
def _transport_rate_fermi_level_kernel() -> Kernel:
    return statement_kernel("transport_rate_fermi_level_low_T", _RATE_ARGS,
                            "Low-T transport rate 1/tau_tr of an electron at E_F (T^5) in 1/s")


@kernel("quasiparticle_rate_low_T")
def _quasiparticle_rate_kernel() -> Kernel:
    return statement_kernel("quasiparticle_rate_low_T", _RATE_ARGS,
                            "Low-T quasiparticle (out-scattering) rate 1/tau_qp at E_F (T^3) in 1/s")
