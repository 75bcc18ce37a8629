"""Kernel specs for topic ``superconductivity``: the closed forms of :mod:`derive.superconductivity`.

The moment kernels are a derivation's statement or a solved step (no branches). The T_c kernels
evaluate the *stated* formulas ``mcmillan_tc`` and ``allen_dynes_tc`` (:func:`derive.registry.get_formula`:
fits, not derived results; the models of ``mcmillan_inversion`` and ``allen_dynes_limits``), 0 in their
T_c = 0 region, and the derived inversion of McMillan's formula.
"""

from __future__ import annotations

import sympy as sp

from ..constants import codata_values
from ..registry import get, get_formula
from .ir import Branch, Kernel, statement_kernel
from .registry import kernel

__all__: list[str] = []


@kernel("omega_log_debye", derivation="eliashberg_moments_debye")
def _omega_log_debye_kernel() -> Kernel:
    return statement_kernel("eliashberg_moments_debye", ["omega_D"],
                            "Logarithmic average frequency omega_log of a Debye-like alpha^2F in rad/s",
                            name="omega_log_debye")


@kernel("omega2_mean_debye", derivation="eliashberg_moments_debye")
def _omega2_mean_debye_kernel() -> Kernel:
    return _step_kernel("eliashberg_moments_debye", "omega2_mean_debye", "omega2_mean", ["omega_D"],
                        "Mean square frequency <omega^2> of a Debye-like alpha^2F in rad^2/s^2 (step 5)")


@kernel("omega_log_einstein", derivation="eliashberg_moments_einstein")
def _omega_log_einstein_kernel() -> Kernel:
    return statement_kernel("eliashberg_moments_einstein", ["omega_E"],
                            "Logarithmic average frequency omega_log of an Einstein alpha^2F in rad/s",
                            name="omega_log_einstein")


@kernel("omega2_mean_einstein", derivation="eliashberg_moments_einstein")
def _omega2_mean_einstein_kernel() -> Kernel:
    return _step_kernel("eliashberg_moments_einstein", "omega2_mean_einstein", "omega2_mean", ["omega_E"],
                        "Mean square frequency <omega^2> of an Einstein alpha^2F in rad^2/s^2")


def _symbols(derivation: str) -> dict[str, sp.Symbol]:
    return {q.symbol.name: q.symbol for q in get(derivation).symbols}


def _step_kernel(derivation: str, name: str, lhs: str, args: list[str], doc: str) -> Kernel:
    """A branch-free kernel of the solved step ``lhs = ...`` of a derivation (not its statement)."""
    symbols = _symbols(derivation)
    step = next(s for s in get(derivation).steps if s.lhs == symbols[lhs])
    return Kernel(name=name, derivation=derivation, args=[symbols[a] for a in args], closed_form=step.rhs,
                  constants=codata_values(), doc=doc)


# λ is ``lambda`` in the derivations, a Python keyword: the kernels' argument is ``lam``
LAM = sp.Symbol("lam", positive=True)


def _stated_formula(formula: str) -> sp.Expr:
    """The right side of the registered stated T_c formula ``formula`` (a fit, not a derived result; the
    model object of the derivation built on it), in the argument ``lam`` for λ."""
    stated = get_formula(formula)
    return stated.expression.rhs.subs({q.symbol.name: q.symbol for q in stated.symbols}["lambda"], LAM)


def _outside(mu: sp.Symbol) -> sp.Basic:
    """The formulas' T_c = 0 region: the exponent's denominator λ − μ*(1 + 0.62λ) <= 0 (λ <= λ_c, the
    boundary solved in ``mcmillan_inversion``; written as the denominator, so that it also holds for μ* > 1
    where λ_c has no meaning)."""
    # both forms of the denominator, as the branches below evaluate it: λ − μ*(1 + 0.62λ) (printed alike in
    # the condition and the λ <= 1 branch), and, divided by λ > 0, 1 − 0.62μ* − μ*/λ <= 1e-12 (printed in
    # another order than in the λ > 1 branch: the margin keeps rounding from flipping its sign there; inside
    # the margin the exponent exceeds 1.04e12, so T_c is 0 in doubles anyway)
    return sp.Or(LAM - mu * (1 + sp.Rational("0.62") * LAM) <= 0,
                 1 - sp.Rational("0.62") * mu - mu / LAM <= sp.Rational(1, 10**12))


def _with_zero_region(formula: str, mu: sp.Symbol) -> sp.Expr:
    """The stated formula with its T_c = 0 region: 0 where the exponent's denominator is <= 0."""
    return sp.Piecewise((0, _outside(mu)), (_stated_formula(formula), True))


_ZERO_WHY = ("T_c = 0 where λ − μ*(1 + 0.62λ) <= 0 (the formula's own zero: T_c -> 0⁺ as the denominator -> "
             "0⁺; no superconductivity below λ_c), and where it is <= 1e-12 λ (exponent > 1.04e12: T_c "
             "underflows to 0)")
_ZERO_SAMPLE = (0.01, 0.1), (0.5, 0.9)  # λ, μ* inside the T_c = 0 region


def _exponent_large(mu: sp.Symbol) -> sp.Expr:
    """The factor exp[−1.04(1+λ)/(λ − μ*(1+0.62λ))] with numerator and denominator divided by λ: no
    overflow of 1.04(1+λ) for λ near the largest double (exact for λ > 0)."""
    return sp.exp(-sp.Rational("1.04") * (1 + 1 / LAM) / (1 - sp.Rational("0.62") * mu - mu / LAM))


_LARGE_WHY = "exponent's numerator and denominator divided by λ (no overflow of 1.04(1 + λ)), exact for λ > 0"


@kernel("mcmillan_tc", derivation="mcmillan_inversion")
def _mcmillan_tc_kernel() -> Kernel:
    s = _symbols("mcmillan_inversion")
    mu, theta = s["mu_star"], s["Theta_D"]
    closed = _with_zero_region("mcmillan_tc", mu)
    return Kernel(name="mcmillan_tc", derivation="mcmillan_inversion", args=[LAM, mu, theta],
                  closed_form=closed,
                  doc="McMillan's T_c in K (stated fit, eq. (18)); 0 where lambda <= mu*(1 + 0.62 lambda)",
                  branches=[Branch(sp.Integer(0), _outside(mu), _ZERO_WHY,
                                   sample=dict(zip((LAM, mu), _ZERO_SAMPLE, strict=True))),
                            Branch(_stated_formula("mcmillan_tc"), LAM <= 1,
                                   "0 < λ − μ*(1 + 0.62λ), λ <= 1: the formula as printed",
                                   sample={LAM: (0.5, 1.0), mu: (0.0, 0.2)}),
                            Branch(theta / sp.Rational("1.45") * _exponent_large(mu), sp.true,
                                   f"0 < λ − μ*(1 + 0.62λ), λ > 1: {_LARGE_WHY}",
                                   sample={LAM: (2.0, 200.0), mu: (0.0, 0.2)})])


@kernel("mcmillan_lambda", derivation="mcmillan_inversion")
def _mcmillan_lambda_kernel() -> Kernel:
    s = _symbols("mcmillan_inversion")
    step = next(st for st in get("mcmillan_inversion").steps if s["u"] in st.rhs.free_symbols)  # λ(u)
    return Kernel(name="mcmillan_lambda", derivation="mcmillan_inversion", args=[s["u"], s["mu_star"]],
                  closed_form=step.rhs, constants=codata_values(),
                  doc="lambda from McMillan's formula in u = 1/ln(Theta_D/(1.45 T_c)) (u = 0: T_c = 0)")


@kernel("allen_dynes_tc", derivation="allen_dynes_limits")
def _allen_dynes_tc_kernel() -> Kernel:
    s = _symbols("allen_dynes_limits")
    lam, mu, w_log, w2 = LAM, s["mu_star"], s["omega_log"], s["omega2_bar"]
    closed = _with_zero_region("allen_dynes_tc", mu)
    big1 = sp.Rational("2.46") * (1 + sp.Rational("3.8") * mu)
    big2 = sp.Rational("1.82") * (1 + sp.Rational("6.3") * mu) * (w2 / w_log)
    x = lam / big1
    f1_small = (1 + x ** sp.Rational(3, 2)) ** sp.Rational(1, 3)
    f1_large = sp.sqrt(x) * (1 + x ** sp.Rational(-3, 2)) ** sp.Rational(1, 3)
    # λ²/(λ² + Λ2²) as 1/(1 + (Λ2/λ)²): no overflow of λ² (λ up to the largest double)
    f2 = 1 + (w2 / w_log - 1) / (1 + (big2 / lam) ** 2)
    prefactor = s["hbar"] * w_log / (sp.Rational("1.2") * s["k_B"])
    rest = prefactor * sp.exp(-sp.Rational("1.04") * (1 + lam) / (lam - mu * (1 + sp.Rational("0.62") * lam)))
    return Kernel(
        name="allen_dynes_tc", derivation="allen_dynes_limits", args=[lam, mu, w_log, w2],
        closed_form=closed, constants=codata_values(),
        doc="Allen-Dynes T_c in K (stated fit); 0 where lambda <= mu*(1 + 0.62 lambda)",
        branches=[
            Branch(sp.Integer(0), _outside(mu), _ZERO_WHY,
                   sample=dict(zip((lam, mu), _ZERO_SAMPLE, strict=True))),
            Branch(f1_small * f2 * rest, lam <= big1,
                   "0 < λ − μ*(1 + 0.62λ), λ <= Λ1: f1 as printed; f2 with λ²/(λ² + Λ2²) = 1/(1 + (Λ2/λ)²)",
                   sample={lam: (0.5, 2.0), mu: (0.0, 0.2)}),
            Branch(f1_large * f2 * prefactor * _exponent_large(mu), sp.true,
                   "0 < λ − μ*(1 + 0.62λ), λ > Λ1: f1 = (λ/Λ1)^{1/2} [1 + (λ/Λ1)^{−3/2}]^{1/3}, exact for "
                   f"λ > 0, without the overflow of λ^{{3/2}} (λ up to the largest double); {_LARGE_WHY}",
                   sample={lam: (3.0, 300.0), mu: (0.0, 0.2)}),
        ])
