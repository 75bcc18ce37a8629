"""Derivations: superconductivity (moments of the Eliashberg function).

* ``eliashberg_moments_debye``: the moments of a Debye-like Eliashberg function
  α²F(ω) = C (ω/ω_D)² below the cutoff ω_D (0 above) in the definitions of
  Allen & Dynes: the coupling constant λ = 2∫α²F(ω)/ω dω = C, the mean square
  frequency ⟨ω²⟩ = (2/λ)∫ω α²F(ω) dω = ω_D²/2 and the logarithmic average
  ω_log = exp[(2/λ)∫ln(ω) α²F(ω)/ω dω] = ω_D e^{−1/2}.

The grid integrator of these moments is :func:`numeric.superconductivity.eliashberg_moments`
(cross-checked against this derivation).
"""

from __future__ import annotations

import sympy as sp

from .constants import OMEGA, quantity
from .derivation import Assumption, Chain, Derivation
from .registry import register
from .sources import GRIMVALL, SEED_002, cite
from .units import DIMENSIONLESS, SECOND

__all__ = ["eliashberg_moments_debye"]

ALLEN_DYNES = "P. B. Allen & R. C. Dynes, Phys. Rev. B 12, 905 (1975) (definitions of λ, ω_log, ⟨ω²⟩)"

OMEGA_D = quantity("omega_D", 1 / SECOND, "cutoff (Debye) frequency of the model α²F(ω)")
AMPLITUDE = quantity("C", DIMENSIONLESS, "amplitude of the model α²F(ω) = C (ω/ω_D)² at ω = ω_D")
LAMBDA = quantity("lambda", DIMENSIONLESS, "electron-phonon coupling constant λ = 2∫α²F(ω)/ω dω")
OMEGA_LOG = quantity("omega_log", 1 / SECOND,
                     "logarithmic average frequency ω_log = exp[(2/λ)∫ln(ω) α²F(ω)/ω dω]")
OMEGA2_MEAN = quantity("omega2_mean", 1 / SECOND**2, "mean square frequency ⟨ω²⟩ = (2/λ)∫ω α²F(ω) dω")


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
    C, lam, omega_log, omega2 = AMPLITUDE.symbol, LAMBDA.symbol, OMEGA_LOG.symbol, OMEGA2_MEAN.symbol

    chain = Chain()
    # ---- the model: α²F ∝ ω² below the cutoff ω_D (zero above it, so the integrals stop at ω_D)
    model = chain.declare("α²F_C(ω)", C * (omega / omega_D) ** 2,
                          "Debye-like Eliashberg function C (ω/ω_D)² for 0 < ω < ω_D, 0 above ω_D")

    # ---- λ = 2∫α²F/ω dω, and the amplitude in terms of λ
    coupling = chain.step(
        "coupling constant λ = 2∫_0^∞ α²F(ω)/ω dω (Allen-Dynes), α²F = 0 above ω_D",
        lambda f: 2 * sp.Integral(f / omega, (omega, 0, omega_D)), model, rhs=lambda e: e.doit())
    amplitude = chain.solve(
        "the amplitude fixed by the coupling constant", C,
        lambda c: sp.Eq(lam, c), coupling, rhs=lambda eq: sp.solve(eq, C)[0])
    a2F = chain.step(
        "the model in terms of λ", lambda f, c: sp.Subs(f, C, c), model, amplitude,
        rhs=lambda e: e.doit(), name="α²F(ω)")  # λ (ω/ω_D)²

    # ---- the normalised weight (2/λ) α²F(ω)/ω on (0, ω_D)
    chain.step(
        "the weight (2/λ) α²F(ω)/ω of the averages is normalised on (0, ω_D)",
        lambda f: 2 / lam * sp.Integral(f / omega, (omega, 0, omega_D)), a2F, rhs=sp.Integer(1))

    # ---- ⟨ω²⟩ = (2/λ)∫ω α²F(ω) dω
    chain.solve(
        "mean square frequency ⟨ω²⟩ = (2/λ)∫_0^∞ ω α²F(ω) dω (Allen-Dynes)", omega2,
        lambda f: sp.Eq(omega2, 2 / lam * sp.Integral(omega * f, (omega, 0, omega_D))), a2F,
        rhs=lambda eq: eq.rhs.doit(), name="⟨ω²⟩")  # ω_D²/2

    # ---- ln ω_log = (2/λ)∫ln(ω) α²F/ω dω; with the normalised weight,
    # ln ω_log − ln ω_D = (2/λ)∫ln(ω/ω_D) α²F/ω dω (a dimensionless logarithm)
    log_average = chain.step(
        "logarithmic average: ln(ω_log/ω_D) = (2/λ)∫_0^{ω_D} ln(ω/ω_D) α²F(ω)/ω dω (Allen-Dynes' "
        "ln ω_log = (2/λ)∫ln(ω) α²F(ω)/ω dω minus ln ω_D times the normalised weight)",
        lambda f: 2 / lam * sp.Integral(sp.log(omega / omega_D) * f / omega, (omega, 0, omega_D)), a2F,
        rhs=lambda e: sp.simplify(e.doit()), name="ln(ω_log/ω_D)")  # −1/2
    result = chain.solve(
        "ω_log from its logarithm", omega_log,
        lambda log_ratio: sp.Eq(sp.log(omega_log / omega_D), log_ratio), log_average,
        rhs=lambda eq: sp.solve(eq, omega_log)[0], name="ω_log")
    return Derivation(
        name="eliashberg_moments_debye",
        title="Moments λ, ⟨ω²⟩, ω_log of a Debye-like Eliashberg function",
        source=cite(ALLEN_DYNES, GRIMVALL.at("ch. 5"), f"{SEED_002} (electron-phonon coupling in metals)"),
        symbols=[OMEGA_LOG, OMEGA_D, OMEGA, LAMBDA, AMPLITUDE, OMEGA2_MEAN],
        assumptions=[
            Assumption("Debye-like Eliashberg function α²F(ω) = C (ω/ω_D)² for 0 < ω < ω_D, 0 above"),
            Assumption("moments in the definitions of Allen & Dynes: λ = 2∫α²F/ω dω, "
                       "⟨ω²⟩ = (2/λ)∫ω α²F dω, ln ω_log = (2/λ)∫ln(ω) α²F/ω dω"),
        ],
        model=chain.model,
        steps=chain.steps,
        statement=sp.Eq(omega_log, chain[result], evaluate=False),
        textbook=sp.Eq(omega_log, omega_D * sp.exp(-sp.Rational(1, 2)), evaluate=False),
        sample={omega_D: (0.5, 2.0), lam: (0.5, 2.0), C: (0.5, 2.0)},
    )
