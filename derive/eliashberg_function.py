"""Derivations: the Eliashberg function of the free-electron gas and Allen's transport formula.

* ``nesting_function_sphere``: the Fermi-surface double delta (nesting function) of a parabolic band,
  per unit volume and spin ξ(q) = ∫d³k/(2π)³ δ(ε_k − E_F) δ(ε_{k+q} − E_F) = m²/(4π²ħ⁴q) for
  0 < q < 2k_F, zero above; ξ(q)/N(E_F) = m/(2ħ²k_F q) = 1/(2ħv_F q); ∫d³q/(2π)³ ξ = N(E_F)².
* ``eliashberg_function_free_electron``: α²F(ω) of the free-electron gas with deformation-potential
  coupling to Debye LA phonons ω_q = v_s q up to q_c = min(2k_F, q_D): α²F = D²mω²/(8π²ρv_s⁴ħ²k_F)
  below ω_c = v_s q_c, λ = D²m q_c²/(8π²ρv_s²ħ²k_F) = N(E_F)D²(q_c/2k_F)²/(ρv_s²); the transport
  function α²F_tr = D²mω⁴/(16π²ρv_s⁶ħ²k_F³) and λ_tr; for q_c = 2k_F, λ_tr = λ and 2πλ_tr k_BT/ħ is
  the catalogue's ``deformation_potential_rate_high_T``.
* ``allen_transport_bloch_gruneisen``: Allen's formula 1/τ_tr = (4πk_BT/ħ)∫(dω/ω) α²F_tr x²/sinh²x,
  x = ħω/(2k_BT), with α²F_tr = 2λ_tr(ω/ω_c)⁴ below ω_c: the Bloch-Grüneisen form
  (2πλ_tr k_BT/ħ) 4(T/Θ)⁴ J_5(Θ/T), Θ = ħω_c/k_B; high T: 2πλ_tr k_BT/ħ; low T:
  960π ζ(5) λ_tr (k_BT)⁵/(ħ⁵ω_c⁴), which for q_c = 2k_F is the catalogue's
  ``bloch_gruneisen_transport_rate_low_T``.

The numeric integrators of these (never calling the closed forms) are in
:mod:`numeric.eliashberg_function`.
"""

from __future__ import annotations

import sympy as sp

from .constants import (
    D_POT,
    HBAR,
    K_B,
    K_F,
    M_ELECTRON,
    OMEGA,
    RHO,
    TEMPERATURE,
    V_S,
    VOLUME,
    Q,
    quantity,
)
from .derivation import TAIL, TERM_BY_TERM, Assumption, Chain, Derivation, Ref
from .registry import register
from .scattering import (
    BLOCH_EQUILIBRIUM,
    J_SUM,
    K_WAVE,
    MU,
    PHI,
    TAU_INV,
    TAU_INV_AVG,
    _band,
    _coupling_squared,
    _energy_change,
    _transport_weight,
)
from .sources import DLMF, GRIMVALL, SEED_002_SCATTERING, ZIMAN, cite
from .units import DIMENSIONLESS, JOULE, METRE, SECOND

__all__ = ["allen_transport_bloch_gruneisen", "eliashberg_function_free_electron", "nesting_function_sphere"]

ALLEN_1971 = "P. B. Allen, Phys. Rev. B 3, 305 (1971) (α²F_tr and the transport formula)"
ALLEN_1978 = "P. B. Allen, Phys. Rev. B 17, 3725 (1978) (variational resistivity from α²F_tr)"

XI = quantity("xi", 1 / (JOULE**2 * METRE**3),
              "nesting function ∫d³k/(2π)³ δ(ε_k − E_F) δ(ε_{k+q} − E_F), per unit volume and spin")
N_F = quantity("N_F", 1 / (JOULE * METRE**3), "density of states at E_F per unit volume and spin")
Q_C = quantity("q_c", 1 / METRE, "phonon cut-off wavevector min(2k_F, q_D)")
OMEGA_C = quantity("omega_c", 1 / SECOND, "largest phonon frequency that scatters, ω_c = v_s q_c")
LAMBDA = quantity("lambda", DIMENSIONLESS, "electron-phonon coupling constant λ = 2∫α²F(ω)/ω dω")
LAMBDA_TR = quantity("lambda_tr", DIMENSIONLESS, "transport coupling constant λ_tr = 2∫α²F_tr(ω)/ω dω")
AMPLITUDE = quantity("A", SECOND**4, "amplitude of the model α²F_tr(ω) = A ω⁴ below ω_c")
Z_RED = quantity("z", DIMENSIONLESS, "reduced phonon energy ħω/(k_B T)")

#: Names of the results other derivations take (``Chain.result_of`` with ``pick``).
NESTING_DOS = "N(E_F)"
LAMBDA_TR_STEP = "λ_tr"


def _result(name: str) -> callable:
    """``pick`` for ``Chain.result_of``: the result of the step named ``name``."""
    ref = Ref(name)
    return lambda d: next(s.rhs for s in d.steps if s.gives == ref)


@register
def nesting_function_sphere() -> Derivation:
    """ξ(q) = m²/(4π²ħ⁴q) for 0 < q < 2k_F: the double delta of a spherical Fermi surface.

    Model: a parabolic band ε_k = ħ²k²/(2m) filled to E_F = ħ²k_F²/(2m). The nesting (double-delta)
    function per unit volume and spin is

        ξ(q) = (1/V) Σ_k δ(ε_k − E_F) δ(ε_{k+q} − E_F) = ∫d³k/(2π)³ δ(ε_k − E_F) δ(ε_{k+q} − E_F).

    Derivation: the first delta fixes |k| = k_F with weight ∫k² dk δ(ε_k − E_F) = mk_F/ħ² (so
    N(E_F) = ∫d³k/(2π)³ δ(ε_k − E_F) = mk_F/(2π²ħ²)); on the sphere, ε_{k+q} − E_F =
    ħ²q(2k_F μ + q)/(2m), μ = cos∠(k, q), and the second delta gives ∫dμ dφ δ = 2πm/(ħ²k_F q) if the
    root μ = −q/(2k_F) lies in [−1, 1], i.e. q < 2k_F, and 0 above. Hence ξ(q) = m²/(4π²ħ⁴q) for
    q < 2k_F, 0 for q > 2k_F.

    Forms: per unit volume and spin (the statement); divided by N(E_F), the Fermi-surface average of
    the second delta, ξ(q)/N(E_F) = (1/N(E_F)) ∫d³k/(2π)³ δδ = m/(2ħ²k_F q) = 1/(2ħv_F q); and the sum
    rule ∫d³q/(2π)³ ξ(q) = N(E_F)² (the two deltas integrated independently), checked as a step.

    Source: Grimvall, *The Electron-Phonon Interaction in Metals*, ch. 3 and 5 (the double delta of the
    free-electron gas).

    Validity: q < 2k_F (above 2k_F the function is 0, the support step); isotropic parabolic band.
    """
    hbar, m, k_F, q = HBAR.symbol, M_ELECTRON.symbol, K_F.symbol, Q.symbol
    k, mu, phi, xi = K_WAVE.symbol, MU.symbol, PHI.symbol, XI.symbol

    chain = Chain()
    band = _band(chain, m, hbar)

    def fermi_level(eps: sp.Expr) -> sp.Expr:
        return eps.subs(k, k_F)

    radial = chain.step(
        "first delta, radial: ∫_0^∞ k² δ(ε_k − E_F) dk, E_F = ε_{k_F}: the root k = k_F, weight 1/|dε/dk|",
        lambda e: sp.Integral(k**2 * sp.DiracDelta(e - fermi_level(e)), (k, 0, sp.oo)), band,
        rhs=lambda e: sp.simplify(e.doit()), name="radial")  # m k_F/ħ²
    chain.step(
        "N(E_F) = ∫d³k/(2π)³ δ(ε_k − E_F): the radial weight times the full solid angle, per spin",
        lambda r: sp.Integral(r, (mu, -1, 1), (phi, 0, 2 * sp.pi)) / (2 * sp.pi) ** 3, radial,
        rhs=lambda e: sp.simplify(e.doit()), name=NESTING_DOS)  # m k_F/(2π²ħ²)
    energy = chain.step(
        "ε_{k+q} − E_F on the Fermi sphere |k| = k_F, μ = cos∠(k, q)",
        lambda e: _energy_change(e, k_F, q, mu), band,
        rhs=lambda e: sp.factor(sp.expand(e)), name="ε_{k+q} − E_F")
    angular = chain.step(
        "second delta, angles of k: ∫dμ dφ δ(ε_{k+q} − E_F); the root μ = −q/(2k_F) is in [−1, 1] for "
        "q <= 2k_F only: the step function makes ξ = 0 above 2k_F",
        lambda de: sp.Integral(sp.DiracDelta(de), (mu, -1, 1), (phi, 0, 2 * sp.pi)), energy,
        rhs=lambda e: sp.simplify(e.doit()))  # 2πm(1 − Heaviside(q/(2k_F) − 1))/(ħ²k_F q)
    inside = chain.step(
        "for 0 < q < 2k_F", lambda a: a, angular,
        rhs=lambda e: sp.simplify(e.subs(sp.Heaviside((q - 2 * k_F) / (2 * k_F)), 0)),
        sample={q: (0.01, 1.9), k_F: (1.0, 1.0)}, name="angular")
    nesting = chain.step(
        "ξ(q) = ∫d³k/(2π)³ δδ = (1/(2π)³) ∫k² dk δ(ε_k − E_F) ∫dμ dφ δ(ε_{k+q} − E_F) (the angular "
        "integral is taken at |k| = k_F, where the radial delta puts k)",
        lambda r, a: sp.Mul(1 / (2 * sp.pi) ** 3, r, a, evaluate=False), radial, inside,
        rhs=lambda e: sp.simplify(e), name="ξ(q)")  # m²/(4π²ħ⁴q)
    chain.step(
        "divided by N(E_F): the Fermi-surface average of δ(ε_{k+q} − E_F), m/(2ħ²k_F q) = 1/(2ħv_F q)",
        lambda x, n: sp.Mul(x, 1 / n, evaluate=False), nesting, Ref(NESTING_DOS),
        rhs=lambda e: sp.simplify(e))
    chain.step(
        "sum rule: ∫d³q/(2π)³ ξ(q) over q < 2k_F is N(E_F)² (each delta integrated on its own)",
        lambda x: sp.Integral(4 * sp.pi * q**2 * x / (2 * sp.pi) ** 3, (q, 0, 2 * k_F)), nesting,
        rhs=lambda e: sp.simplify(e.doit()), name="N(E_F)²")
    return Derivation(
        name="nesting_function_sphere",
        title="Nesting (double-delta) function of a spherical Fermi surface",
        source=cite(GRIMVALL.at("ch. 3, 5"), f"{SEED_002_SCATTERING} (Fermi-surface sums)"),
        symbols=[XI, HBAR, M_ELECTRON, K_F, Q, K_WAVE, MU, PHI],
        assumptions=[
            Assumption("free electrons ε_k = ħ²k²/(2m) filled to E_F = ħ²k_F²/(2m); one spin"),
            Assumption("ξ per unit volume: (1/V)Σ_k -> ∫d³k/(2π)³"),
            Assumption("0 < q < 2k_F (ξ = 0 for q > 2k_F)", sp.StrictLessThan(q, 2 * k_F)),
        ],
        model=chain.model,
        steps=chain.steps,
        statement=sp.Eq(xi, chain[nesting], evaluate=False),
        textbook=sp.Eq(xi, m**2 / (4 * sp.pi**2 * hbar**4 * q), evaluate=False),
        sample={mu: (-1.0, 1.0), q: (0.05, 1.9), k_F: (1.0, 1.0)},
    )


@register
def eliashberg_function_free_electron() -> Derivation:
    """λ = D²m q_c²/(8π²ρv_s²ħ²k_F): α²F(ω) ∝ ω² of the free-electron gas with Debye LA phonons.

    Model: free electrons (mass m, Fermi sphere k_F, N(E_F) = mk_F/(2π²ħ²) per spin and volume, from
    ``nesting_function_sphere``) coupled by the deformation potential, V|g_q|² = D²ħq/(2ρv_s)
    (``deformation_potential_coupling``), to one LA branch ω_q = v_s q up to the cut-off
    q_c = min(2k_F, q_D). The Eliashberg function

        α²F(ω) = (1/N(E_F)) Σ_{k,q} |g_q|² δ(ε_k − E_F) δ(ε_{k+q} − E_F) δ(ħω − ħω_q)
               = (V/N) ∫d³q/(2π)³ |g_q|² ξ(q) δ(ħω − ħv_s q)

    (N(E_F) per spin of the crystal, V N per volume; Σ_k over one spin, V∫d³k/(2π)³ = V ξ) with the
    double delta ξ(q) = m²/(4π²ħ⁴q) of ``nesting_function_sphere``.

    Results: α²F(ω) = D²mω²/(8π²ρv_s⁴ħ²k_F) for ω < ω_c = v_s q_c (0 above); the coupling constant
    λ = 2∫α²F/ω dω = D²m q_c²/(8π²ρv_s²ħ²k_F) = N(E_F)D²(q_c/2k_F)²/(ρv_s²) (the statement;
    λ = N(E_F)D²/(ρv_s²) for q_c = 2k_F). The transport function, with the weight 1 − cos θ = q²/(2k_F²)
    on the Fermi sphere, α²F_tr(ω) = D²mω⁴/(16π²ρv_s⁶ħ²k_F³) and λ_tr = D²m q_c⁴/(32π²ρv_s²ħ²k_F³)
    = λ(q_c/2k_F)²: λ_tr = λ for q_c = 2k_F, smaller for q_D < 2k_F. At high T Allen's formula gives
    1/τ_tr = 2πλ_tr k_BT/ħ (``allen_transport_bloch_gruneisen``), and for q_c = 2k_F this is the
    transport rate of ``deformation_potential_rate_high_T``, D²mk_Bk_F T/(πρv_s²ħ³) (a step: the
    catalogue's rate is the momentum-relaxation rate with weight 1 − cos θ, the same conventions: spin
    conserved, emission and absorption).

    Source: Grimvall, *The Electron-Phonon Interaction in Metals*, ch. 3-5; Allen, Phys. Rev. B 3, 305
    (1971) (α²F_tr); Ziman ch. 9.

    Validity: ω < ω_c; quasi-elastic (ħω_q << E_F: both deltas at E_F); isotropic parabolic band and
    elastic continuum, normal processes only; deformation-potential coupling to LA phonons only.
    """
    hbar, m, k_F, q, omega = HBAR.symbol, M_ELECTRON.symbol, K_F.symbol, Q.symbol, OMEGA.symbol
    D, rho, V, v_s, q_c = D_POT.symbol, RHO.symbol, VOLUME.symbol, V_S.symbol, Q_C.symbol
    k_B, T, mu, lam = K_B.symbol, TEMPERATURE.symbol, MU.symbol, LAMBDA.symbol

    chain = Chain()
    nesting = chain.result_of("nesting_function_sphere", "double delta ξ(q) per volume and spin, q < 2k_F",
                              name="ξ(q)")
    dos = chain.result_of("nesting_function_sphere", "N(E_F) per volume and spin",
                          pick=_result(NESTING_DOS), name=NESTING_DOS)
    g, squared = _coupling_squared(chain)
    band = _band(chain, m, hbar)
    weight = _transport_weight(chain, k_F, q, mu)
    high_t = chain.result_of("deformation_potential_rate_high_T", "high-T transport rate, q_c = 2k_F",
                             name="1/τ_tr(T >> T_BG)")

    def spectral(x: sp.Expr, n: sp.Expr, gq: sp.Expr, w: sp.Expr = sp.S.One) -> sp.Integral:
        """(V/N) ∫d³q/(2π)³ |g_q|² ξ(q) w δ(ħω − ħv_s q), the angles of q done (isotropic)."""
        return sp.Integral(V * 4 * sp.pi * q**2 * squared(gq) * x * w
                           * sp.DiracDelta(hbar * omega - hbar * v_s * q) / ((2 * sp.pi) ** 3 * n),
                           (q, 0, q_c))

    below = {omega: (0.01, 0.45), v_s: (0.5, 1.0), q_c: (1.0, 2.0)}  # ω < ω_c = v_s q_c

    def below_cutoff(e: sp.Expr) -> sp.Expr:
        """Below ω_c = v_s q_c, where the delta's root q = ω/v_s lies inside (0, q_c): the step is 1."""
        return sp.simplify(e.subs(sp.Heaviside(q_c - omega / v_s), 1))

    full = chain.step(
        "α²F(ω) = (V/N(E_F))∫d³q/(2π)³ |g_q|² ξ(q) δ(ħω − ħv_s q): the delta's root q = ω/v_s counts "
        "for q < q_c, i.e. ω < ω_c = v_s q_c (the step function; 0 above)",
        spectral, nesting, dos, g, rhs=lambda e: sp.simplify(e.doit()))
    a2F = chain.step("below ω_c: ∝ ω²", lambda a: a, full, rhs=below_cutoff, sample=below, name="α²F(ω)")
    coupling = chain.step(
        "λ = 2∫_0^{ω_c} α²F(ω)/ω dω (α²F = 0 above ω_c)",
        lambda a: 2 * sp.Integral(a / omega, (omega, 0, v_s * q_c)), a2F, rhs=lambda e: sp.simplify(e.doit()),
        name="λ")
    chain.step("λ = N(E_F) D²(q_c/2k_F)²/(ρv_s²)", lambda lm, n: sp.Mul(lm, 1 / n, evaluate=False),
               coupling, dos,
               rhs=D**2 * q_c**2 / (4 * k_F**2 * rho * v_s**2))
    energy = chain.step(
        "ε_{k+q} − ε_k on the Fermi sphere, μ = cos∠(k, q)", lambda e: _energy_change(e, k_F, q, mu), band,
        rhs=lambda e: sp.factor(sp.expand(e)))
    shell = chain.step(
        "on the shell μ = −q/(2k_F) (the double delta): 1 − cos θ = q²/(2k_F²)",
        lambda w, de: sp.Subs(w, mu, sp.solve(de, mu)[0]), weight, energy,
        rhs=lambda e: sp.simplify(e.doit()), name="1 − cos θ on the shell")
    full_tr = chain.step(
        "α²F_tr(ω): the same with the weight 1 − cos θ = q²/(2k_F²) (0 above ω_c)",
        spectral, nesting, dos, g, shell, rhs=lambda e: sp.simplify(e.doit()))
    a2F_tr = chain.step("below ω_c: ∝ ω⁴", lambda a: a, full_tr, rhs=below_cutoff, sample=below,
                        name="α²F_tr(ω)")
    lam_tr = chain.step(
        "λ_tr = 2∫_0^{ω_c} α²F_tr(ω)/ω dω",
        lambda a: 2 * sp.Integral(a / omega, (omega, 0, v_s * q_c)), a2F_tr,
        rhs=lambda e: sp.simplify(e.doit()), name=LAMBDA_TR_STEP)
    chain.step("λ_tr/λ = (q_c/2k_F)²: equal for q_c = 2k_F",
               lambda lt, lm: sp.Mul(lt, 1 / lm, evaluate=False),
               lam_tr, coupling,
               rhs=q_c**2 / (4 * k_F**2))
    chain.step(
        "high T: 1/τ_tr = 2πλ_tr k_BT/ħ (Allen's formula, x²/sinh²x -> 1) at q_c = 2k_F, divided by the "
        "rate of deformation_potential_rate_high_T: 1",
        lambda lt, rate: sp.Subs(2 * sp.pi * lt * k_B * T / hbar, q_c, 2 * k_F) / rate, lam_tr, high_t,
        rhs=lambda e: sp.simplify(e.doit()))
    return Derivation(
        name="eliashberg_function_free_electron",
        title="Eliashberg function α²F ∝ ω² and λ of the free-electron gas with Debye LA phonons",
        source=cite(GRIMVALL.at("ch. 3-5"), ALLEN_1971, ZIMAN.at("ch. 9")),
        symbols=[LAMBDA, D_POT, M_ELECTRON, K_F, RHO, V_S, HBAR, Q_C, OMEGA, Q, VOLUME, MU, PHI, K_WAVE,
                 K_B, TEMPERATURE, TAU_INV],
        assumptions=[
            Assumption("free electrons ε_k = ħ²k²/(2m), spherical Fermi surface |k| = k_F; N(E_F) per spin"),
            Assumption("one LA branch ω_q = v_s q up to q_c = min(2k_F, q_D); V|g_q|² = D²ħq/(2ρv_s)",
                       sp.LessThan(q_c, 2 * k_F)),
            Assumption("α²F(ω) = (1/N(E_F)) Σ_{k,q}|g_q|² δ(ε_k − E_F)δ(ε_{k+q} − E_F)δ(ħω − ħω_q): "
                       "quasi-elastic, both deltas at E_F (ħω_q << E_F)"),
            Assumption("α²F_tr: the same with the weight 1 − cos θ_{k,k+q}; spin conserved"),
        ],
        model=chain.model,
        steps=chain.steps,
        statement=sp.Eq(lam, chain[coupling], evaluate=False),
        textbook=sp.Eq(lam, (m * k_F / (2 * sp.pi**2 * hbar**2)) * D**2 / (rho * v_s**2)
                       * (q_c / (2 * k_F)) ** 2, evaluate=False),
        sample={mu: (-1.0, 1.0), q_c: (0.5, 2.0), k_F: (1.0, 1.0)},
    )


@register
def allen_transport_bloch_gruneisen() -> Derivation:
    """<1/τ_tr> = 960π ζ(5) λ_tr (k_BT)⁵/(ħ⁵ω_c⁴): Allen's formula with α²F_tr ∝ ω⁴ at low T.

    Model: the transport function α²F_tr(ω) = A ω⁴ below the cut-off ω_c (0 above), the form derived in
    ``eliashberg_function_free_electron`` (free electrons, Debye LA phonons, ω_c = v_s q_c), and Allen's
    formula for the Fermi-window-averaged transport rate (the lowest-order variational solution of the
    Boltzmann equation, equilibrium phonons),

        1/τ_tr(T) = (4πk_BT/ħ) ∫_0^∞ (dω/ω) α²F_tr(ω) x²/sinh²x,   x = ħω/(2k_BT).

    Derivation: λ_tr = 2∫α²F_tr/ω dω = Aω_c⁴/2 fixes A = 2λ_tr/ω_c⁴; with z = 2x = ħω/(k_BT),
    x²/sinh²x = z²eᶻ/(eᶻ − 1)², and

        1/τ_tr = (2πλ_tr k_BT/ħ) · 4 (T/Θ)⁴ J_5(Θ/T),   J_5(y) = ∫_0^y z⁵eᶻ/(eᶻ − 1)² dz,  Θ = ħω_c/k_B,

    the Bloch-Grüneisen form. High T (T >> Θ): J_5(y) = y⁴/4 + O(y⁶), so 1/τ_tr = 2πλ_tr k_BT/ħ + O(1/T).
    Low T (T << Θ): J_5(Θ/T) -> J_5(∞) = 5Γ(5)ζ(5) = 5! ζ(5) (by parts, geometric series), with an
    exponentially small remainder, so 1/τ_tr = (2πλ_tr k_BT/ħ) 480 ζ(5)(T/Θ)⁴ = 960πζ(5)λ_tr(k_BT)⁵/(ħ⁵ω_c⁴)
    (the statement). With λ_tr of ``eliashberg_function_free_electron`` at q_c = 2k_F (ω_c = 2v_s k_F,
    Θ = T_BG) this is ``bloch_gruneisen_transport_rate_low_T``, 30ζ(5)D²m(k_BT)⁵/(πρv_s⁶ħ⁷k_F³) (a step).

    Source: Allen, Phys. Rev. B 3, 305 (1971) and 17, 3725 (1978); Grimvall, *The Electron-Phonon
    Interaction in Metals*, ch. 6; Ziman ch. 9 (J_5); DLMF §25.5.

    Validity: T << Θ = ħω_c/k_B (remainder ~ (Θ/T)⁵e^(−Θ/T)/5!ζ(5)); Bloch's equilibrium phonons;
    k_BT << E_F; the form of α²F_tr (∝ ω⁴ below a sharp cut-off).
    """
    hbar, k_B, T, omega = HBAR.symbol, K_B.symbol, TEMPERATURE.symbol, OMEGA.symbol
    omega_c, lam_tr, A, z, j = OMEGA_C.symbol, LAMBDA_TR.symbol, AMPLITUDE.symbol, Z_RED.symbol, J_SUM.symbol
    k_F, v_s, q_c = K_F.symbol, V_S.symbol, Q_C.symbol
    tau = TAU_INV_AVG.symbol

    chain = Chain()
    model = chain.declare("α²F_tr(ω)", A * omega**4, "transport function A ω⁴ below ω_c, 0 above "
                          "(eliashberg_function_free_electron)")
    bose = chain.declare("n(z)", 1 / (sp.exp(z) - 1), "Bose function")
    lam_free = chain.result_of("eliashberg_function_free_electron", "λ_tr of the free-electron gas",
                               pick=_result(LAMBDA_TR_STEP), name="λ_tr(free electrons)")
    bg = chain.result_of("bloch_gruneisen_transport_rate_low_T", "Bloch-Grüneisen T⁵ law", name="BG T⁵ law")

    coupling = chain.step("λ_tr = 2∫_0^{ω_c} α²F_tr(ω)/ω dω",
                          lambda a: 2 * sp.Integral(a / omega, (omega, 0, omega_c)), model,
                          rhs=lambda e: e.doit())
    amplitude = chain.solve("the amplitude from λ_tr", A, lambda c: sp.Eq(lam_tr, c), coupling,
                            rhs=lambda eq: sp.solve(eq, A)[0])
    a2F = chain.step("α²F_tr = 2λ_tr (ω/ω_c)⁴", lambda f, a: sp.Subs(f, A, a), model, amplitude,
                     rhs=lambda e: e.doit(), name="α²F_tr(λ_tr)")

    def allen(f: sp.Expr) -> sp.Expr:
        x = hbar * omega / (2 * k_B * T)
        kernel = f / omega * x**2 / sp.sinh(x) ** 2
        return 4 * sp.pi * k_B * T / hbar * sp.Integral(kernel, (omega, 0, omega_c))

    y = hbar * omega_c / (k_B * T)  # Θ/T
    j5 = z**5 / (4 * sp.sinh(z / 2) ** 2)  # z⁵eᶻ/(eᶻ − 1)² without the cancellation of eᶻ − 1 at small z
    prefactor = 2 * sp.pi * lam_tr * k_B * T / hbar * 4 * (k_B * T / (hbar * omega_c)) ** 4
    form = chain.step(
        "Allen's formula; ω = k_BT z/ħ, x²/sinh²x = z²eᶻ/(eᶻ − 1)²: (2πλ_tr k_BT/ħ) 4(T/Θ)⁴ J_5(Θ/T)",
        allen, a2F, rhs=prefactor * sp.Integral(j5, (z, 0, y)),
        numeric="SymPy cannot do either integral (x⁴/sinh²x has no elementary antiderivative)",
        name="Bloch-Grüneisen form")
    leading = chain.step(
        "J_5(y) = y⁴/4 − ∫_0^y (z³ − z⁵eᶻ/(eᶻ − 1)²) dz: the leading z³ of the integrand split off",
        lambda f: f, form, rhs=prefactor * (y**4 / 4 - sp.Integral(z**3 - j5, (z, 0, y))),
        numeric="SymPy cannot do the integral of z⁵/sinh²(z/2)")
    chain.step(
        "high T, Θ/T -> 0: 0 <= z³ − z⁵eᶻ/(eᶻ − 1)² <= z⁵/12, the remainder ∫_0^y <= y⁶/72: "
        "1/τ_tr = 2πλ_tr k_BT/ħ + O(1/T) (relative −(Θ/T)²/18)", lambda f: f, leading,
        rhs=2 * sp.pi * lam_tr * k_B * T / hbar, order=(1 / T, T, sp.oo),
        numeric="the limit of an integral with a moving upper limit, which SymPy cannot take",
        sample={omega_c: (1e3, 1e4), hbar: (1.0, 1.0), k_B: (1.0, 1.0)})  # Θ/T <= 1e-2 along the approach
    tail = sp.Integral(j5, (z, y, sp.oo))
    split = chain.step(
        "split J_5(Θ/T) = J_5(∞) − ∫_(Θ/T)^∞ (additivity)",
        lambda f: f, form, rhs=prefactor * (sp.Integral(j5, (z, 0, sp.oo)) - tail),
        numeric="SymPy cannot do the improper integrals")
    chain.step(
        "T << Θ: the tail is exponentially small, ∫_y^∞ z⁵eᶻ/(eᶻ − 1)² dz = y⁵e^(−y)(1 + O(1/y))",
        lambda s: next(i for i in s.atoms(sp.Integral) if i.limits[0][1] != 0), split,
        rhs=y**5 * sp.exp(-y), order=(y**4 * sp.exp(-y), T, 0), numeric=TAIL)
    by_parts = chain.step(
        "J_5(∞) of the split, by parts: z⁵eᶻ/(eᶻ − 1)² = −z⁵ dn/dz, boundary terms vanish: "
        "J_5(∞) = 5∫_0^∞ z⁴ n dz",
        lambda s: next(i for i in s.atoms(sp.Integral) if i.limits[0][2] == sp.oo and i.limits[0][1] == 0),
        split,
        rhs=5 * sp.Integral(z**4 / (sp.exp(z) - 1), (z, 0, sp.oo)),
        numeric="SymPy cannot do the improper Bose integrals")
    term = chain.step("each term of n = Σ_j e^(−jz): ∫z⁴e^(−jz) dz = Γ(5)/j⁵",
                      lambda n: sp.Integral(z**4 * (1 / (1 + 1 / n)) ** j, (z, 0, sp.oo)), bose,
                      rhs=lambda e: e.doit())
    series = chain.step(
        "the Bose function as its geometric series, term by term (monotone convergence)",
        lambda n: sp.Integral(z**4 * n, (z, 0, sp.oo)), bose, rhs=sp.Sum(chain[term], (j, 1, sp.oo)),
        numeric=TERM_BY_TERM)
    chain.step("Σ Γ(5)/j⁵ = Γ(5) ζ(5) = 24 ζ(5)", lambda s: s, series, rhs=lambda e: e.doit())
    def low_temperature(s: sp.Expr, p: sp.Expr, b: sp.Expr) -> sp.Expr:
        """The prefactor of the split times J_5(∞) = 5∫z⁴n dz, the Bose integral written as its series."""
        (bose_integral,) = p.atoms(sp.Integral)
        return sp.Mul(s.as_independent(sp.Integral)[0], p.subs(bose_integral, b), evaluate=False)

    low = chain.step(
        "T << Θ: the tail dropped; J_5(∞) = 5 Γ(5) ζ(5) = 5! ζ(5)", low_temperature, split, by_parts, series,
        rhs=lambda e: sp.simplify(e.doit()), name="1/τ_tr(T << Θ)")
    chain.step(
        "with λ_tr of eliashberg_function_free_electron at q_c = 2k_F (ω_c = 2v_s k_F, Θ = T_BG), divided by "
        "the Bloch-Grüneisen T⁵ law of bloch_gruneisen_transport_rate_low_T: 1",
        lambda r, lt, b: sp.Subs(r, (lam_tr, omega_c), (lt.subs(q_c, 2 * k_F), 2 * v_s * k_F)) / b,
        low, lam_free, bg, rhs=lambda e: sp.simplify(e.doit()))
    return Derivation(
        name="allen_transport_bloch_gruneisen",
        title="Allen's transport formula with α²F_tr ∝ ω⁴: the Bloch-Grüneisen law",
        source=cite(ALLEN_1971, ALLEN_1978, GRIMVALL.at("ch. 6"), ZIMAN.at("ch. 9 (J_5)"),
                    f"{DLMF} §25.5"),
        symbols=[TAU_INV_AVG, LAMBDA_TR, K_B, TEMPERATURE, HBAR, OMEGA_C, OMEGA, AMPLITUDE, Z_RED, J_SUM,
                 K_F, V_S, Q_C, D_POT, M_ELECTRON, RHO],
        assumptions=[
            Assumption("α²F_tr(ω) = A ω⁴ for 0 < ω < ω_c, 0 above (free electrons, Debye LA phonons)"),
            Assumption("Allen's formula 1/τ_tr = (4πk_BT/ħ)∫(dω/ω)α²F_tr x²/sinh²x, x = ħω/(2k_BT): the "
                       "Fermi-window average, lowest-order variational solution of the Boltzmann equation"),
            Assumption(BLOCH_EQUILIBRIUM),
            Assumption("low temperature T << Θ = ħω_c/k_B (remainder ~ (Θ/T)⁵ e^(−Θ/T))",
                       sp.StrictLessThan(k_B * T, hbar * omega_c)),
        ],
        model=chain.model,
        steps=chain.steps,
        statement=sp.Eq(tau, chain[low], evaluate=False),
        textbook=sp.Eq(tau, 2 * sp.pi * lam_tr * k_B * T / hbar * 480 * sp.zeta(5)
                       * (k_B * T / (hbar * omega_c)) ** 4, evaluate=False),
        sample={q_c: (0.5, 2.0), k_F: (1.0, 1.0), v_s: (1.0, 1.0)},
    )
