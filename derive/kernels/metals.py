"""Kernel specs for topic ``metals``: the closed forms of :mod:`derive.metals` (generated module
``numeric/_generated/metals.py``).

The Migdal ratio, the Debye-sphere ratio and the high-T resistivity slope (and its inverse) are
statements; the Lorenz ratio κ/(σT) of a linear transport function (L₀ at s = 0), the umklapp gaps (fcc,
bcc, rewritten without cancellation), the freeze-out estimate and the Bohm-Staver velocity are steps of
their derivations.
"""

from __future__ import annotations

import sympy as sp

from ..constants import codata_values
from ..registry import get
from ..scattering import J_SUM
from .ir import Kernel, statement_kernel
from .phonons import bose_integral_branches
from .registry import kernel
from .superconductivity import _step_kernel, _symbols

__all__: list[str] = []


#: the Sommerfeld parameter s = k_B T Φ'(μ)/Φ(μ) of the transport function
SOMMERFELD = sp.Symbol("s", real=True)


@kernel("lorenz_ratio_linear", derivation="wiedemann_franz_lorenz")
def _lorenz_kernel() -> Kernel:
    """κ/(σT) of the linear transport function (the step before the limit), in s = k_BTΦ_1/Φ_0.

    A kernel needs an argument: at s = 0 it is the statement L₀ = π²k_B²/(3e²).
    """
    d = get("wiedemann_franz_lorenz")
    symbols = {q.symbol.name: q.symbol for q in d.symbols}
    T, k_B, phi_0, phi_1 = (symbols[a] for a in ("T", "k_B", "Phi_0", "Phi_1"))
    ratio = next(s.rhs for s in d.steps if s.gives is not None and s.gives.name == "κ/(σT)")
    form = sp.simplify(ratio.subs(phi_1, SOMMERFELD * phi_0 / (k_B * T)))
    if sp.simplify(form.subs(SOMMERFELD, 0) - d.statement.rhs) != 0:
        raise ValueError("the Lorenz ratio at s = 0 should be the statement L₀")
    return Kernel(name="lorenz_ratio_linear", derivation="wiedemann_franz_lorenz", args=[SOMMERFELD],
                  closed_form=form, constants=codata_values(),
                  doc="Lorenz ratio kappa/(sigma T) in W Ohm/K^2 of a linear transport function, "
                      "s = k_B T Phi'/Phi; s = 0: L0")


@kernel("migdal_ratio_bohm_staver", derivation="migdal_adiabatic_ratio")
def _migdal_kernel() -> Kernel:
    return statement_kernel("migdal_adiabatic_ratio", ["Z", "m", "M"],
                            "Adiabatic ratio hbar omega_D/E_F of the Bohm-Staver jellium (dimensionless)",
                            name="migdal_ratio_bohm_staver")


@kernel("bohm_staver_velocity", derivation="migdal_adiabatic_ratio")
def _bohm_staver_kernel() -> Kernel:
    d = get("migdal_adiabatic_ratio")
    step = next(s for s in d.steps if s.gives is not None and s.gives.name == "v_s")
    symbols = {q.symbol.name: q.symbol for q in d.symbols}
    return Kernel(name="bohm_staver_velocity", derivation="migdal_adiabatic_ratio",
                  args=[symbols[a] for a in ("Z", "m", "M", "v_F")], closed_form=step.rhs,
                  constants=codata_values(), doc="Bohm-Staver sound velocity sqrt(Z m/(3M)) v_F in m/s")


@kernel("debye_wavevector_ratio", derivation="umklapp_kinematics")
def _debye_ratio_kernel() -> Kernel:
    return statement_kernel("umklapp_kinematics", ["Z"],
                            "Debye-sphere radius over k_F, (2/Z)^(1/3), one atom per cell (dimensionless)",
                            name="debye_wavevector_ratio")


def _gap_kernel(kind: str) -> Kernel:
    """u = A^{1/3} − 2 (A = (|G_min|/k_F)³ ∝ 1/Z) written as (A − 8)/(A^{2/3} + 2A^{1/3} + 4): no
    cancellation of A^{1/3} against 2 where the sphere touches the zone (u -> 0)."""
    k = _step_kernel("umklapp_kinematics", f"umklapp_gap_{kind}", f"u_{kind}", ["Z"],
                     f"Smallest umklapp wavevector (|G_min| - 2k_F)/k_F of a free-electron {kind} metal")
    A = sp.simplify((k.closed_form + 2) ** 3)
    root = sp.cbrt(A)
    form = (A - 8) / (root**2 + 2 * root + 4)
    if sp.simplify(form - k.closed_form) != 0:
        raise ValueError(f"the rewritten {kind} gap should equal the step")
    return Kernel(name=k.name, derivation=k.derivation, args=k.args, closed_form=form, constants=k.constants,
                  doc=k.doc)


@kernel("umklapp_gap_fcc", derivation="umklapp_kinematics")
def _umklapp_fcc_kernel() -> Kernel:
    return _gap_kernel("fcc")


@kernel("umklapp_gap_bcc", derivation="umklapp_kinematics")
def _umklapp_bcc_kernel() -> Kernel:
    return _gap_kernel("bcc")


@kernel("umklapp_freeze_out_temperature", derivation="umklapp_kinematics")
def _umklapp_temperature_kernel() -> Kernel:
    return _step_kernel("umklapp_kinematics", "umklapp_freeze_out_temperature", "T_U", ["Theta_D", "u", "Z"],
                        "Umklapp freeze-out estimate Theta_D q_U/q_D in K")


@kernel("resistivity_slope", derivation="resistivity_high_T_slope")
def _resistivity_slope_kernel() -> Kernel:
    return statement_kernel("resistivity_high_T_slope", ["lambda_tr", "omega_p"],
                            "High-temperature slope d rho/dT = 2 pi lambda_tr k_B/(hbar eps0 omega_p^2) "
                            "in Ohm m/K", name="resistivity_slope")


@kernel("transport_coupling_from_slope", derivation="resistivity_high_T_slope")
def _transport_coupling_kernel() -> Kernel:
    """The statement s_ρ = dρ/dT solved for λ_tr (it is linear in λ_tr)."""
    d = get("resistivity_high_T_slope")
    symbols = {q.symbol.name: q.symbol for q in d.symbols}
    (form,) = sp.solve(d.statement, symbols["lambda_tr"])
    return Kernel(name="transport_coupling_from_slope", derivation="resistivity_high_T_slope",
                  args=[symbols["s_rho"], symbols["omega_p"]], closed_form=form, constants=codata_values(),
                  doc="Transport coupling lambda_tr = hbar eps0 omega_p^2 (d rho/dT)/(2 pi k_B) "
                      "(dimensionless) from the high-temperature slope")


def _transport_integral_steps() -> dict[int, object]:
    """n -> the step J_n(∞) = n!ζ(n) of ``lorenz_ratio_bloch_wilson`` (n = 5, 7): its integrand is the one
    of the J_n(y) in the statement."""
    return {n: next(s for s in get("lorenz_ratio_bloch_wilson").steps
                    if s.gives is not None and s.gives.name == f"J_{n}(∞)") for n in (5, 7)}


#: Switch points tried for J_7: 7!ζ(7) − tail cancels to J_7(3) = 75 of 5082 (68 ulp) at the default 3.
J7_SWITCH_CANDIDATES = (3.0, 3.5, 4.0, 4.5)
#: The values of the transport integrals J_5(y), J_7(y), arguments of the Lorenz-ratio kernel.
J5, J7 = sp.symbols("J_5 J_7", positive=True)


@kernel("transport_integral_7", derivation="lorenz_ratio_bloch_wilson")
def _transport_integral_7_kernel() -> Kernel:
    """J_7(y) = ∫_0^y z⁷eᶻ/(eᶻ − 1)² dz at any y = Θ_D/T: the J_7 of the statement, the limit 7!ζ(7) of the
    derivation's step, branches of :func:`~derive.kernels.phonons.bose_integral_branches` (p = 7)."""
    y = _symbols("lorenz_ratio_bloch_wilson")["y"]
    step = _transport_integral_steps()[7]
    (integral,) = step.lhs.atoms(sp.Integral)
    variable, lower, _ = integral.limits[0]
    closed = sp.Integral(integral.function, (variable, lower, y))      # J_7(y)
    limit = step.rhs
    branches = bose_integral_branches(7, closed, y, J_SUM.symbol, limit, "limit J_7(∞) = 7! ζ(7) =",
                                      candidates=J7_SWITCH_CANDIDATES)
    return Kernel(name="transport_integral_7", derivation="lorenz_ratio_bloch_wilson", args=[y],
                  closed_form=closed, branches=branches,
                  doc="Transport integral J_7(y) = int_0^y z^7 e^z/(e^z - 1)^2 dz at y = Theta_D/T, "
                      "dimensionless")


@kernel("lorenz_ratio_bloch_wilson", derivation="lorenz_ratio_bloch_wilson")
def _lorenz_bloch_wilson_kernel() -> Kernel:
    """The statement with y = Θ_D/T and the values J_5(y), J_7(y) as arguments (exact substitutions):
    numeric.metals evaluates them with ``transport_integral_5`` and ``transport_integral_7``."""
    symbols = _symbols("lorenz_ratio_bloch_wilson")
    y, T, theta = symbols["y"], symbols["T"], symbols["Theta_D"]
    d = get("lorenz_ratio_bloch_wilson")
    integrand = {n: next(iter(step.lhs.atoms(sp.Integral))).function
                 for n, step in _transport_integral_steps().items()}
    values = {i: J5 if i.function == integrand[5] else J7 for i in d.statement.rhs.atoms(sp.Integral)
              if i.function in integrand.values() and i.limits[0][1] == 0}
    form = d.statement.rhs.xreplace(values).subs(theta, y * T)
    if form.has(sp.Integral) or not form.free_symbols <= {y, symbols["Z"], J5, J7}:
        raise ValueError(f"not a function of y, Z, J_5, J_7: {form}")
    return Kernel(name="lorenz_ratio_bloch_wilson", derivation="lorenz_ratio_bloch_wilson",
                  args=[y, symbols["Z"], J5, J7], closed_form=form,
                  doc="Lorenz ratio L/L0 of phonon scattering (Bloch-Wilson) at y = Theta_D/T, valence Z, "
                      "from J_5(y) and J_7(y), dimensionless")
