"""Derivations: superconductivity (moments of the Eliashberg function; the stated T_c formulas).

* ``eliashberg_moments_debye``: the moments of a Debye-like Eliashberg function
  α²F(ω) = C (ω/ω_D)² below the cutoff ω_D (0 above) in the definitions of
  Allen & Dynes: the coupling constant λ = 2∫α²F(ω)/ω dω = C, the mean square
  frequency ⟨ω²⟩ = (2/λ)∫ω α²F(ω) dω = ω_D²/2 and the logarithmic average
  ω_log = exp[(2/λ)∫ln(ω) α²F(ω)/ω dω] = ω_D e^{−1/2}.

* ``eliashberg_moments_einstein``: the same moments of an Einstein spectrum
  α²F(ω) = (λ_E ω_E/2) δ(ω − ω_E): λ = λ_E, ⟨ω²⟩ = ω_E², ω_log = ω_E.
* ``mcmillan_inversion``: what follows exactly from McMillan's T_c formula (the stated formula
  ``mcmillan_tc``, its model): its inversion for λ and the boundary λ_c = μ*/(1 − 0.62μ*) of its
  T_c = 0 region, which T_c reaches continuously.
* ``allen_dynes_limits``: the exact limits of the Allen-Dynes T_c formula (the stated formula
  ``allen_dynes_tc``, its model): McMillan's form with ħω_log/(1.2 k_B) for λ -> 0, and the large-λ
  asymptote T_c -> c_∞(μ*) ħ(λ⟨ω²⟩)^{1/2}/k_B.

Stated formulas (fits to numerical solutions of the Eliashberg equations, taken as printed with their
source and fit range; never derivations, see :class:`derive.registry.StatedFormula`):

* ``mcmillan_tc``: McMillan's T_c formula, Phys. Rev. 167, 331 (1968), eq. (18);
* ``allen_dynes_tc``: the Allen-Dynes T_c formula with f1 and f2, Phys. Rev. B 12, 905 (1975).

The grid integrator of these moments is :func:`numeric.superconductivity.eliashberg_moments`
(cross-checked against this derivation).
"""

from __future__ import annotations

import sympy as sp

from .constants import HBAR, K_B, OMEGA, quantity
from .derivation import Assumption, Chain, Derivation, Ref
from .registry import StatedFormula, get_formula, register, register_formula
from .sources import GRIMVALL, SEED_002, cite
from .units import DIMENSIONLESS, KELVIN, SECOND

__all__ = ["allen_dynes_limits", "allen_dynes_tc", "eliashberg_moments_debye", "eliashberg_moments_einstein",
           "mcmillan_inversion", "mcmillan_tc"]

ALLEN_DYNES = "P. B. Allen & R. C. Dynes, Phys. Rev. B 12, 905 (1975) (definitions of λ, ω_log, ⟨ω²⟩)"
MCMILLAN_1968 = "W. L. McMillan, Phys. Rev. 167, 331 (1968) (T_c formula, eq. (18))"
ALLEN_DYNES_TC = "P. B. Allen & R. C. Dynes, Phys. Rev. B 12, 905 (1975) (T_c formula with f1, f2)"

OMEGA_D = quantity("omega_D", 1 / SECOND, "cutoff (Debye) frequency of the model α²F(ω)")
AMPLITUDE = quantity("C", DIMENSIONLESS, "amplitude of the model α²F(ω) = C (ω/ω_D)² at ω = ω_D")
LAMBDA = quantity("lambda", DIMENSIONLESS, "electron-phonon coupling constant λ = 2∫α²F(ω)/ω dω")
OMEGA_LOG = quantity("omega_log", 1 / SECOND,
                     "logarithmic average frequency ω_log = exp[(2/λ)∫ln(ω) α²F(ω)/ω dω]")
OMEGA2_MEAN = quantity("omega2_mean", 1 / SECOND**2, "mean square frequency ⟨ω²⟩ = (2/λ)∫ω α²F(ω) dω")


_DEFINITIONS = ("moments in the definitions of Allen & Dynes: λ = 2∫α²F/ω dω, ⟨ω²⟩ = (2/λ)∫ω α²F dω, "
                "ln ω_log = (2/λ)∫ln(ω) α²F/ω dω")


def _moments(chain: Chain, model: Ref, weight: sp.Symbol, omega_0: sp.Symbol, o0: str, upper: sp.Expr,
             why: str, what: str) -> Ref:
    """The steps from a model α²F(ω) with the free parameter ``weight`` to its moments (Allen-Dynes):
    λ = 2∫α²F/ω dω, ``weight`` in terms of λ, the model in terms of λ, the normalised weight
    (2/λ)α²F(ω)/ω, ⟨ω²⟩ = (2/λ)∫ω α²F dω and ln(ω_log/ω_0) = (2/λ)∫ln(ω/ω_0) α²F/ω dω (a dimensionless
    logarithm, by the normalisation; ``o0`` names ω_0 in the justifications), then ω_log. The integrals
    run over (0, ``upper``); returns the name of the ω_log step."""
    omega, lam, omega_log, omega2 = OMEGA.symbol, LAMBDA.symbol, OMEGA_LOG.symbol, OMEGA2_MEAN.symbol
    up = "∞" if upper == sp.oo else "{" + o0 + "}"

    coupling = chain.step(
        f"coupling constant λ = 2∫_0^∞ α²F(ω)/ω dω (Allen-Dynes), {why}",
        lambda f: 2 * sp.Integral(f / omega, (omega, 0, upper)), model, rhs=lambda e: e.doit())
    fixed = chain.solve(
        f"{what} fixed by the coupling constant", weight,
        lambda c: sp.Eq(lam, c), coupling, rhs=lambda eq: sp.solve(eq, weight)[0])
    a2F = chain.step(
        "the model in terms of λ", lambda f, c: sp.Subs(f, weight, c), model, fixed,
        rhs=lambda e: e.doit(), name="α²F(ω)")
    chain.step(
        f"the weight (2/λ) α²F(ω)/ω of the averages is normalised on (0, {up.strip('{}')})",
        lambda f: 2 / lam * sp.Integral(f / omega, (omega, 0, upper)), a2F, rhs=sp.Integer(1))
    chain.solve(
        "mean square frequency ⟨ω²⟩ = (2/λ)∫_0^∞ ω α²F(ω) dω (Allen-Dynes)", omega2,
        lambda f: sp.Eq(omega2, 2 / lam * sp.Integral(omega * f, (omega, 0, upper))), a2F,
        rhs=lambda eq: eq.rhs.doit(), name="⟨ω²⟩")
    log_average = chain.step(
        f"logarithmic average: ln(ω_log/{o0}) = (2/λ)∫_0^{up} ln(ω/{o0}) α²F(ω)/ω dω (Allen-Dynes' "
        f"ln ω_log = (2/λ)∫ln(ω) α²F(ω)/ω dω minus ln {o0} times the normalised weight)",
        lambda f: 2 / lam * sp.Integral(sp.log(omega / omega_0) * f / omega, (omega, 0, upper)), a2F,
        rhs=lambda e: sp.simplify(e.doit()), name=f"ln(ω_log/{o0})")
    return chain.solve(
        "ω_log from its logarithm", omega_log,
        lambda log_ratio: sp.Eq(sp.log(omega_log / omega_0), log_ratio), log_average,
        rhs=lambda eq: sp.solve(eq, omega_log)[0], name="ω_log")


@register
def eliashberg_moments_debye() -> Derivation:
    """Debye-like α²F(ω) = λ (ω/ω_D)²: ⟨ω²⟩ = ω_D²/2 and ω_log = ω_D e^{−1/2}.

    Model: the Eliashberg function of a Debye spectrum with a constant coupling
    per mode, α²F(ω) = C (ω/ω_D)² for 0 < ω < ω_D and 0 above the cutoff ω_D
    (the phonon density of states ∝ ω² below ω_D).

    Result: with the definitions of Allen & Dynes, λ = 2∫_0^{ω_D} α²F(ω)/ω dω = C,
    so the model is α²F(ω) = λ (ω/ω_D)²; the weight (2/λ)α²F(ω)/ω = 2ω/ω_D² is
    normalised on (0, ω_D) (a step), so the logarithmic average may be taken of
    ω/ω_D: ln(ω_log/ω_D) = (2/λ)∫ln(ω/ω_D) α²F(ω)/ω dω = −1/2 and
    ω_log = ω_D e^{−1/2} ≈ 0.6065 ω_D; the mean square frequency is
    ⟨ω²⟩ = (2/λ)∫ω α²F(ω) dω = ω_D²/2 (ω̄₂ = ω_D/√2, ω̄₂/ω_log = e^{1/2}/√2 ≈ 1.166).

    Source: Allen & Dynes, Phys. Rev. B 12, 905 (1975) (the definitions of λ,
    ω_log and ⟨ω²⟩); Grimvall, *The Electron-Phonon Interaction in Metals*,
    ch. 5; seed 002 (the electron-phonon coupling in metals).

    Validity: exact for the model spectrum; a real α²F(ω) is not ∝ ω² up to a
    sharp cutoff (it has transverse and longitudinal peaks), so ω_log and ⟨ω²⟩
    of the model are only estimates for a real metal. λ, ω_log and ⟨ω²⟩ do not
    depend on the temperature.
    """
    omega, omega_D = OMEGA.symbol, OMEGA_D.symbol
    C, lam, omega_log = AMPLITUDE.symbol, LAMBDA.symbol, OMEGA_LOG.symbol

    chain = Chain()
    # ---- the model: α²F ∝ ω² below the cutoff ω_D (zero above it, so the integrals stop at ω_D)
    model = chain.declare("α²F_C(ω)", C * (omega / omega_D) ** 2,
                          "Debye-like Eliashberg function C (ω/ω_D)² for 0 < ω < ω_D, 0 above ω_D")
    result = _moments(chain, model, C, omega_D, "ω_D", omega_D, "α²F = 0 above ω_D", "the amplitude")
    return Derivation(
        name="eliashberg_moments_debye",
        title="Moments λ, ⟨ω²⟩, ω_log of a Debye-like Eliashberg function",
        source=cite(ALLEN_DYNES, GRIMVALL.at("ch. 5"), f"{SEED_002} (electron-phonon coupling in metals)"),
        symbols=[OMEGA_LOG, OMEGA_D, OMEGA, LAMBDA, AMPLITUDE, OMEGA2_MEAN],
        assumptions=[
            Assumption("Debye-like Eliashberg function α²F(ω) = C (ω/ω_D)² for 0 < ω < ω_D, 0 above"),
            Assumption(_DEFINITIONS),
        ],
        model=chain.model,
        steps=chain.steps,
        statement=sp.Eq(omega_log, chain[result], evaluate=False),
        textbook=sp.Eq(omega_log, omega_D * sp.exp(-sp.Rational(1, 2)), evaluate=False),
        sample={omega_D: (0.5, 2.0), lam: (0.5, 2.0), C: (0.5, 2.0)},
    )


OMEGA_E = quantity("omega_E", 1 / SECOND, "Einstein frequency of the model α²F(ω)")
LAMBDA_E = quantity("lambda_E", DIMENSIONLESS, "weight of the Einstein model α²F(ω) = (λ_E ω_E/2) δ(ω − ω_E)")


@register
def eliashberg_moments_einstein() -> Derivation:
    """Einstein α²F(ω) = (λ_E ω_E/2) δ(ω − ω_E): λ = λ_E, ⟨ω²⟩ = ω_E², ω_log = ω_E.

    Model: one Einstein mode of frequency ω_E carries all the coupling; the Eliashberg function is a
    delta function of weight λ_E ω_E/2.

    Result: with the definitions of Allen & Dynes (SymPy integrates the delta functions),
    λ = 2∫_0^∞ α²F(ω)/ω dω = λ_E, the weight (2/λ)α²F(ω)/ω = δ(ω − ω_E) is normalised, the mean square
    frequency is ⟨ω²⟩ = (2/λ)∫ω α²F(ω) dω = ω_E² and ln(ω_log/ω_E) = (2/λ)∫ln(ω/ω_E) α²F(ω)/ω dω = 0,
    so ω_log = ω̄₂ = ω_E: the equality case of Jensen's inequality ω̄₂ >= ω_log (one frequency only).

    Source: Allen & Dynes, Phys. Rev. B 12, 905 (1975) (the definitions; the Einstein spectrum is one of
    their model spectra); Grimvall, *The Electron-Phonon Interaction in Metals*, ch. 5.

    Validity: exact for the model spectrum (a single dispersionless optical-like branch); for a real
    metal only a one-frequency caricature.
    """
    omega, omega_E = OMEGA.symbol, OMEGA_E.symbol
    lam_E, lam, omega_log = LAMBDA_E.symbol, LAMBDA.symbol, OMEGA_LOG.symbol

    chain = Chain()
    model = chain.declare("α²F_E(ω)", lam_E * omega_E / 2 * sp.DiracDelta(omega - omega_E),
                          "Einstein Eliashberg function (λ_E ω_E/2) δ(ω − ω_E)")
    result = _moments(chain, model, lam_E, omega_E, "ω_E", sp.oo, "the delta function picks ω = ω_E",
                      "the weight")
    return Derivation(
        name="eliashberg_moments_einstein",
        title="Moments λ, ⟨ω²⟩, ω_log of an Einstein Eliashberg function",
        source=cite(ALLEN_DYNES, GRIMVALL.at("ch. 5")),
        symbols=[OMEGA_LOG, OMEGA_E, OMEGA, LAMBDA, LAMBDA_E, OMEGA2_MEAN],
        assumptions=[
            Assumption("Einstein Eliashberg function α²F(ω) = (λ_E ω_E/2) δ(ω − ω_E)"),
            Assumption(_DEFINITIONS),
        ],
        model=chain.model,
        steps=chain.steps,
        statement=sp.Eq(omega_log, chain[result], evaluate=False),
        textbook=sp.Eq(omega_log, omega_E, evaluate=False),
        sample={omega_E: (0.5, 2.0), lam: (0.5, 2.0), lam_E: (0.5, 2.0)},
    )


# ------------------------------------------------------------------ the stated T_c formulas
T_C = quantity("T_c", KELVIN, "superconducting critical temperature")
THETA_D = quantity("Theta_D", KELVIN, "Debye temperature (McMillan's prefactor Θ_D/1.45)")
MU_STAR = quantity("mu_star", DIMENSIONLESS, "Coulomb pseudopotential μ* (0 <= μ* < 1)")
OMEGA2_BAR = quantity("omega2_bar", 1 / SECOND, "root mean square frequency ω̄₂ = ⟨ω²⟩^{1/2}")
LAMBDA_C = quantity("lambda_c", DIMENSIONLESS, "coupling at the boundary of the formula's T_c = 0 region")
C_INF = quantity("c_inf", DIMENSIONLESS,
                 "large-λ coefficient c_∞ = lim T_c k_B/(ħ (λ⟨ω²⟩)^{1/2}) of the Allen-Dynes formula")
EPSILON = quantity("epsilon", DIMENSIONLESS, "ε = λ − λ_c, the distance of λ above the T_c = 0 boundary")
U_INV = quantity("u", DIMENSIONLESS, "u = 1/ln(Θ_D/(1.45 T_c)), the reciprocal logarithm (0 at T_c = 0)")

# the fitted numbers, exact rationals as printed: 1.04, 0.62, 1.45, 1.2, 2.46, 3.8, 1.82, 6.3
_A, _B, _THETA_RATIO, _OMEGA_RATIO = (sp.Rational(26, 25), sp.Rational(31, 50), sp.Rational(29, 20),
                                      sp.Rational(6, 5))
_L1, _L1_MU, _L2, _L2_MU = sp.Rational(123, 50), sp.Rational(19, 5), sp.Rational(91, 50), sp.Rational(63, 10)
_ONLY_STEPS = "only the steps below are derived, exactly, from the formula as printed"
_STATED = f"stated, not derived: a fit to numerical solutions of the Eliashberg equations; {_ONLY_STEPS}"
_ZERO_REGION = ("T_c = 0 where the exponent's denominator λ − μ*(1 + 0.62λ) is <= 0, i.e. for "
                "λ <= λ_c = μ*/(1 − 0.62μ*) (derived in mcmillan_inversion)")


def _mcmillan_exponent(lam: sp.Symbol, mu: sp.Symbol) -> sp.Expr:
    """The exponent 1.04(1+λ)/(λ − μ*(1+0.62λ)) of McMillan's (and Allen-Dynes') formula, as printed."""
    return _A * (1 + lam) / (lam - mu * (1 + _B * lam))


def _allen_dynes_factors() -> tuple[sp.Expr, sp.Expr]:
    """Allen & Dynes' f1 = [1 + (λ/Λ1)^{3/2}]^{1/3}, Λ1 = 2.46(1 + 3.8μ*) (strong coupling), and
    f2 = 1 + (ω̄₂/ω_log − 1)λ²/(λ² + Λ2²), Λ2 = 1.82(1 + 6.3μ*)(ω̄₂/ω_log) (shape of α²F), as printed."""
    lam, mu, w_log, w2 = LAMBDA.symbol, MU_STAR.symbol, OMEGA_LOG.symbol, OMEGA2_BAR.symbol
    big1 = _L1 * (1 + _L1_MU * mu)
    big2 = _L2 * (1 + _L2_MU * mu) * (w2 / w_log)
    f1 = (1 + (lam / big1) ** sp.Rational(3, 2)) ** sp.Rational(1, 3)
    f2 = 1 + (w2 / w_log - 1) * lam**2 / (lam**2 + big2**2)
    return f1, f2


def _stated_model(formula: str) -> Assumption:
    """The assumption that the model is the stated formula ``formula``, with its fit range in words (a
    range of the formula, not a regime of the exact steps derived from it)."""
    stated = get_formula(formula)
    fit = "; ".join(a.text for a in stated.fit_range)
    return Assumption(f"{stated.title} ({formula}), {_STATED}; its fit range: {fit}")


def _threshold(chain: Chain, exponent: Ref) -> Ref:
    """The solved step λ_c: the exponent's denominator λ − μ*(1 + 0.62λ) vanishes (T_c = 0 below)."""
    lam, lam_c = LAMBDA.symbol, LAMBDA_C.symbol
    return chain.solve(
        "boundary of the T_c = 0 region: the exponent's denominator λ − μ*(1 + 0.62λ) vanishes at λ_c; "
        "it is increasing in λ (slope 1 − 0.62μ* > 0), so λ <= μ*(1 + 0.62λ) ⇔ λ <= λ_c, and as "
        "λ -> λ_c⁺ the exponent -> −∞ (T_c -> 0⁺)",
        lam_c, lambda x: sp.Eq(sp.fraction(sp.together(x))[1].subs(lam, lam_c), 0), exponent,
        rhs=lambda eq: sp.factor(sp.solve(eq, lam_c)[0]), name="λ_c")


def _solve_linear(eq: sp.Equality, unknown: sp.Symbol, log_term: sp.Expr) -> sp.Expr:
    """Solve ``eq`` for ``unknown`` with the logarithm ``log_term`` kept whole (solve would expand it)."""
    L = sp.Dummy("L")
    return sp.factor(sp.solve(eq.subs(log_term, L), unknown)[0]).subs(L, log_term)


@register_formula
def mcmillan_tc() -> StatedFormula:
    """McMillan's T_c = (Θ_D/1.45) exp[−1.04(1+λ)/(λ − μ*(1+0.62λ))] (a fit, eq. (18) of 1968).

    Stated, not derived: McMillan's fit to numerical solutions of the Eliashberg equations (Nb phonon
    spectrum), Phys. Rev. 167, 331 (1968), eq. (18), its numbers exact as printed; fitted for λ ≲ 1.5 and
    μ* ≈ 0.1–0.15. The model of the derivation ``mcmillan_inversion``.
    """
    lam, mu, t_c, theta = LAMBDA.symbol, MU_STAR.symbol, T_C.symbol, THETA_D.symbol
    return StatedFormula(
        name="mcmillan_tc",
        title="McMillan's T_c formula (stated fit)",
        expression=sp.Eq(t_c, theta / _THETA_RATIO * sp.exp(-_mcmillan_exponent(lam, mu)), evaluate=False),
        symbols=[T_C, THETA_D, LAMBDA, MU_STAR],
        source=cite(MCMILLAN_1968),
        fit_range=[
            Assumption("λ ≲ 1.5: McMillan's range of couplings", lam <= sp.Rational(3, 2)),
            Assumption("μ* ≈ 0.1-0.15 (the Coulomb pseudopotentials of the fit)"),
        ],
        notes=f"a fit to numerical solutions of the Eliashberg equations for the phonon spectrum of Nb; "
              f"{_ZERO_REGION}",
    )


@register_formula
def allen_dynes_tc() -> StatedFormula:
    """Allen-Dynes T_c = f1 f2 (ħω_log/(1.2 k_B)) exp[−1.04(1+λ)/(λ − μ*(1+0.62λ))] (a fit, 1975).

    Stated, not derived: Allen & Dynes' fit to numerical solutions of the Eliashberg equations,
    Phys. Rev. B 12, 905 (1975): f1 = [1 + (λ/Λ1)^{3/2}]^{1/3} with Λ1 = 2.46(1 + 3.8μ*) (strong
    coupling), f2 = 1 + (ω̄₂/ω_log − 1)λ²/(λ² + Λ2²) with Λ2 = 1.82(1 + 6.3μ*)(ω̄₂/ω_log) (shape of
    α²F); fitted for μ* around 0.1 and λ up to a few. The model of the derivation ``allen_dynes_limits``.
    """
    lam, mu, w_log, w2 = LAMBDA.symbol, MU_STAR.symbol, OMEGA_LOG.symbol, OMEGA2_BAR.symbol
    f1, f2 = _allen_dynes_factors()
    prefactor = HBAR.symbol * w_log / (_OMEGA_RATIO * K_B.symbol)
    return StatedFormula(
        name="allen_dynes_tc",
        title="Allen-Dynes T_c formula with f1, f2 (stated fit)",
        expression=sp.Eq(T_C.symbol, f1 * f2 * prefactor * sp.exp(-_mcmillan_exponent(lam, mu)),
                         evaluate=False),
        symbols=[T_C, LAMBDA, MU_STAR, OMEGA_LOG, OMEGA2_BAR, HBAR, K_B],
        source=cite(ALLEN_DYNES_TC),
        fit_range=[
            Assumption("μ* around 0.1 and λ up to a few (the couplings of the fit; f1 and f2 were built "
                       "to follow the Eliashberg solutions beyond McMillan's λ ≲ 1.5)"),
            Assumption("ω̄₂ >= ω_log, as for every α²F >= 0 (Jensen's inequality)", w2 >= w_log),
        ],
        notes=f"a fit to numerical solutions of the Eliashberg equations for many spectra α²F; "
              f"{_ZERO_REGION}",
    )


@register
def mcmillan_inversion() -> Derivation:
    """McMillan's T_c formula inverted for λ, exactly; its T_c = 0 boundary λ_c = μ*/(1 − 0.62μ*).

    Model (stated, not derived): the registered stated formula ``mcmillan_tc``, McMillan's fit to
    numerical solutions of the Eliashberg equations (Nb phonon spectrum), Phys. Rev. 167, 331 (1968),
    eq. (18):

        T_c = (Θ_D/1.45) exp[−1.04(1+λ)/(λ − μ*(1+0.62λ))],

    fitted for λ ≲ 1.5 (McMillan's range of couplings) and μ* ≈ 0.1–0.15; T_c = 0 where the exponent's
    denominator is <= 0.

    Result (exact consequences of the formula): with L = ln[Θ_D/(1.45 T_c)] the formula reads
    L = 1.04(1+λ)/(λ − μ*(1+0.62λ)), linear in λ once multiplied out, so

        λ = (1.04 + μ* L)/((1 − 0.62μ*) L − 1.04),

    the same as (1.04u + μ*)/(1 − 0.62μ* − 1.04u) with u = 1/L (a form that holds at T_c = 0, u = 0, too);
    and T_c = 0 exactly for λ <= λ_c = μ*/(1 − 0.62μ*) (the denominator's zero, a solved step), which the
    formula reaches continuously: T_c -> 0⁺ as λ -> λ_c⁺ (a limit step, in ε = λ − λ_c with μ* written
    through λ_c).

    Validity: the inversion is exact for the formula on 0 < T_c < (Θ_D/1.45) exp[−1.04/(1 − 0.62μ*)]
    (its λ -> ∞ limit); the formula itself only within its fit range.
    """
    lam, mu, t_c, theta = LAMBDA.symbol, MU_STAR.symbol, T_C.symbol, THETA_D.symbol
    u, lam_c, eps = U_INV.symbol, LAMBDA_C.symbol, EPSILON.symbol
    log_ratio = sp.log(theta / (_THETA_RATIO * t_c))  # L = ln[Θ_D/(1.45 T_c)]

    chain = Chain()
    model = chain.formula("mcmillan_tc", f"McMillan's formula, eq. (18); {_ONLY_STEPS}")
    exponent = chain.step(
        "take the logarithm: ln[Θ_D/(1.45 T_c)] equals the exponent 1.04(1+λ)/(λ − μ*(1+0.62λ))",
        lambda tc: sp.log(theta / (_THETA_RATIO * tc)), model,
        rhs=lambda e: sp.factor(sp.powsimp(sp.cancel(e.args[0])).args[0]), name="L")  # ln(exp(x)) = x, x real
    _threshold(chain, exponent)
    # ---- T_c -> 0⁺ at the boundary: μ* in terms of λ_c (positive for λ_c > 0), then λ = λ_c + ε, ε -> 0⁺
    mu_of_lam_c = chain.solve(
        "μ* in terms of λ_c: the boundary equation solved for μ* (μ* = λ_c/(1 + 0.62λ_c))", mu,
        lambda x: sp.Eq(sp.fraction(sp.together(x))[1].subs(lam, lam_c), 0), exponent,
        rhs=lambda eq: sp.solve(eq, mu)[0], name="μ*(λ_c)")
    above = chain.step(
        "just above the boundary: λ = λ_c + ε with μ* = μ*(λ_c), so λ − μ*(1 + 0.62λ) = ε/(1 + 0.62λ_c)",
        lambda tc, m: sp.Subs(tc, (lam, mu), (lam_c + eps, m)), model, mu_of_lam_c,
        rhs=lambda e: sp.simplify(e.doit()), name="T_c(λ_c + ε)")
    chain.step("T_c -> 0⁺ as λ -> λ_c⁺ (the exponent -> −∞): the formula's zero joins its T_c = 0 region "
               "continuously", lambda t: sp.Limit(t, eps, 0, "+"), above, rhs=sp.Integer(0))
    inverse = chain.solve(
        "solve ln[Θ_D/(1.45 T_c)] = 1.04(1+λ)/(λ − μ*(1+0.62λ)) for λ (linear in λ once multiplied out)",
        lam, lambda e: sp.Eq(log_ratio, e), exponent, rhs=lambda eq: _solve_linear(eq, lam, log_ratio),
        name="λ")
    chain.step(
        "in u = 1/ln[Θ_D/(1.45 T_c)] (finite at T_c = 0, where u = 0 gives λ = λ_c)",
        lambda x: sp.Subs(x, log_ratio, 1 / u), inverse, rhs=lambda e: sp.factor(e.doit()), name="λ(u)")
    return Derivation(
        name="mcmillan_inversion",
        title="McMillan's T_c formula (stated fit): exact inversion for λ and the T_c = 0 boundary",
        source=cite(MCMILLAN_1968),
        symbols=[LAMBDA, T_C, THETA_D, MU_STAR, U_INV, LAMBDA_C, EPSILON],
        assumptions=[
            _stated_model("mcmillan_tc"),
            Assumption("T_c in the range of the formula: 0 < T_c < (Θ_D/1.45) exp[−1.04/(1 − 0.62μ*)]",
                       sp.And(t_c < theta / _THETA_RATIO * sp.exp(-_A / (1 - _B * mu)), mu < 1)),
        ],
        model=chain.model,
        steps=chain.steps,
        statement=sp.Eq(lam, chain[inverse], evaluate=False),
        textbook=sp.Eq(lam, (sp.Rational("1.04") + mu * log_ratio)
                       / ((1 - sp.Rational("0.62") * mu) * log_ratio - sp.Rational("1.04")), evaluate=False),
        sample={lam: (0.3, 3.0), mu: (0.05, 0.2), theta: (100.0, 500.0), t_c: (0.1, 10.0), u: (0.05, 0.3),
                lam_c: (0.05, 0.3), eps: (0.01, 1.0)},
    )


@register
def allen_dynes_limits() -> Derivation:
    """The Allen-Dynes T_c formula (stated): its small-λ (McMillan) form and its large-λ asymptote.

    Model (stated, not derived): the registered stated formula ``allen_dynes_tc``, Allen & Dynes' fit to
    numerical solutions of the Eliashberg equations, Phys. Rev. B 12, 905 (1975),

        T_c = f1 f2 (ħω_log/(1.2 k_B)) exp[−1.04(1+λ)/(λ − μ*(1+0.62λ))],
        f1 = [1 + (λ/Λ1)^{3/2}]^{1/3},          Λ1 = 2.46(1 + 3.8μ*),
        f2 = 1 + (ω̄₂/ω_log − 1)λ²/(λ² + Λ2²),   Λ2 = 1.82(1 + 6.3μ*)(ω̄₂/ω_log),

    fitted for μ* around 0.1 and λ up to a few; T_c = 0 where the exponent's denominator is <= 0 (the
    boundary λ_c = μ*/(1 − 0.62μ*), derived in ``mcmillan_inversion``, is the same).

    Result (exact consequences of the formula): (1) as λ -> 0, f1 = 1 + O(λ^{3/2}) and f2 = 1 + O(λ²), so
    T_c = (ħω_log/(1.2 k_B)) exp[...] + O(λ^{3/2}): McMillan's form with ħω_log/(1.2 k_B) in place of
    Θ_D/1.45; (2) as λ -> ∞, f1 -> (λ/Λ1)^{1/2}, f2 -> ω̄₂/ω_log and the exponent -> −1.04/(1 − 0.62μ*),
    so T_c = c_∞ ħ ω̄₂ λ^{1/2}/k_B + O(λ^{−1/2}) with

        c_∞ = exp[−1.04/(1 − 0.62μ*)] / (1.2 [2.46(1 + 3.8μ*)]^{1/2}),

    c_∞ = e^{−1.04}/(1.2·2.46^{1/2}) ≈ 0.1878 at μ* = 0: the formula's own strong-coupling law
    T_c ≈ 0.188 (λ⟨ω²⟩)^{1/2} (ħ/k_B), the T_c ∝ (λ⟨ω²⟩)^{1/2} growth of the exact λ -> ∞ limit of the
    Eliashberg equations that f1 was built to reproduce (that limit's coefficient is C_∞ = 0.1827262477,
    "Bounds on Tc in the Eliashberg theory of superconductivity. III", arXiv:2409.02121, reached by
    numeric.eliashberg to 7e-5 at λ = 5000: the fit's coefficient is 2.8 % above it).

    Validity: the limits are exact for the formula; the formula itself is a fit (μ* ≈ 0.1, λ ≲ a few).
    """
    lam, mu, w_log, w2 = LAMBDA.symbol, MU_STAR.symbol, OMEGA_LOG.symbol, OMEGA2_BAR.symbol
    hbar, k_B, c_inf = HBAR.symbol, K_B.symbol, C_INF.symbol

    f1, f2 = _allen_dynes_factors()
    chain = Chain()
    model = chain.formula(
        "allen_dynes_tc",
        "the Allen-Dynes formula T_c = f1 f2 (ħω_log/(1.2 k_B)) exp[−1.04(1+λ)/(λ − μ*(1+0.62λ))], "
        "f1 = [1 + (λ/Λ1)^{3/2}]^{1/3}, Λ1 = 2.46(1 + 3.8μ*), f2 = 1 + (ω̄₂/ω_log − 1)λ²/(λ² + Λ2²), "
        f"Λ2 = 1.82(1 + 6.3μ*)(ω̄₂/ω_log); {_ONLY_STEPS}")
    chain.step(
        "small λ: f1 − 1 = O(λ^{3/2}) and f2 − 1 = O(λ²): McMillan's form with ħω_log/(1.2 k_B) for "
        "Θ_D/1.45", lambda tc: tc, model,
        rhs=lambda e: e.subs({f1: 1, f2: 1}),
        order=(lam ** sp.Rational(3, 2), lam, 0))
    chain.step(
        "large λ: f1 = (λ/Λ1)^{1/2}(1 + O(λ^{−3/2})), f2 = ω̄₂/ω_log + O(λ^{−2}), exponent "
        "= −1.04/(1 − 0.62μ*) + O(1/λ): T_c ∝ λ^{1/2} with remainder O(λ^{−1/2})",
        lambda tc: tc, model, rhs=lambda e: sp.limit(e / sp.sqrt(lam), lam, sp.oo) * sp.sqrt(lam),
        order=(1 / sp.sqrt(lam), lam, sp.oo))
    coefficient = chain.step(
        "the coefficient c_∞ = lim_{λ->∞} T_c k_B/(ħ ω̄₂ λ^{1/2}) (ω̄₂ = ⟨ω²⟩^{1/2})",
        lambda tc: sp.Limit(tc * k_B / (hbar * w2 * sp.sqrt(lam)), lam, sp.oo), model,
        rhs=lambda e: sp.simplify(e.doit()), name="c_∞")
    chain.step("c_∞ at μ* = 0", lambda c: sp.Subs(c, mu, 0), coefficient, rhs=lambda e: e.doit(),
               name="c_∞(μ* = 0)")  # e^{−1.04}/(1.2·2.46^{1/2}) ≈ 0.1878
    return Derivation(
        name="allen_dynes_limits",
        title="Allen-Dynes T_c formula (stated fit): McMillan form at small λ, (λ⟨ω²⟩)^{1/2} law at large λ",
        source=cite(ALLEN_DYNES_TC),
        symbols=[C_INF, LAMBDA, MU_STAR, OMEGA_LOG, OMEGA2_BAR, HBAR, K_B],
        assumptions=[
            _stated_model("allen_dynes_tc"),
            Assumption("Jensen's inequality for α²F >= 0: ω̄₂ >= ω_log", w2 >= w_log),
        ],
        model=chain.model,
        steps=chain.steps,
        statement=sp.Eq(c_inf, chain[coefficient], evaluate=False),
        textbook=sp.Eq(c_inf, sp.exp(-sp.Rational("1.04") / (1 - sp.Rational("0.62") * mu))
                       / (sp.Rational("1.2") * sp.sqrt(sp.Rational("2.46") * (1 + sp.Rational("3.8") * mu))),
                       evaluate=False),
        sample={lam: (0.3, 3.0), mu: (0.05, 0.2), w_log: (0.5, 2.0), w2: (2.0, 3.0)},
    )
