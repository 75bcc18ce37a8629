"""Derivations: scattering rates.

* ``deformation_potential_rate_high_T``: Fermi's golden rule for an electron
  on a free-electron Fermi sphere scattered quasi-elastically by LA phonons
  with the deformation-potential coupling of ``deformation_potential_coupling``.
  In the equipartition regime T >> T_BG = 2ħv_s k_F/k_B the transport
  (momentum-relaxation) rate is 1/τ = D² m k_B k_F T/(π ρ v_s² ħ³), linear in T.
"""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp

from .constants import (
    D_POT,
    HBAR,
    K_B,
    K_F,
    M_ELECTRON,
    RHO,
    TEMPERATURE,
    V_S,
    VOLUME,
    Q,
    quantity,
)
from .derivation import TAIL, TERM_BY_TERM, Assumption, Chain, Derivation, Ref
from .registry import register
from .sources import (
    ASHCROFT_MERMIN,
    DLMF,
    GRIMVALL,
    SEED_000_SCATTERING,
    SEED_002_SCATTERING,
    ZIMAN,
    cite,
)
from .units import DIMENSIONLESS, JOULE, METRE, SECOND, dimension_of, same_dimension

__all__ = [
    "bloch_gruneisen_transport_rate_low_T",
    "deformation_potential_rate_high_T",
    "quasiparticle_rate_low_T",
    "transport_rate_fermi_level_low_T",
]

SEED_000_HIGH_T = f"{SEED_000_SCATTERING} (1/τ_ep at high T)"
SEED_002_HIGH_T = f"{SEED_002_SCATTERING} (high temperatures: 1/τ_ep = (D² m k_B k_F/(π ρ v_s² ħ³)) T)"

TAU_INV = quantity(
    "1/tau", 1 / SECOND, "transport (momentum-relaxation) rate 1/τ_ep at the Fermi surface"
)
MU = quantity("mu", DIMENSIONLESS, "cosine of the angle between k and the phonon wavevector q",
              real=True)
PHI = quantity("phi", DIMENSIONLESS, "azimuth of q about k", real=True)
K_WAVE = quantity("k", 1 / METRE, "electron wavevector magnitude (argument of the band ε_k)")


#: Bloch's assumption behind every rate here: without it (phonons dragged along by the electrons, the
#: "phonon drag"), normal processes alone conserve the total crystal momentum and give no DC resistance.
BLOCH_EQUILIBRIUM = ("the phonons stay in thermal equilibrium (Bloch's assumption): they pass the momentum "
                     "they receive on to the lattice (umklapp, impurities, boundaries) faster than the "
                     "electrons give it; with normal processes alone and no such sink, the electron and "
                     "phonon systems would drift together and the DC resistivity would vanish")


def _coupling_squared(chain: Chain) -> tuple[Ref, Callable[[sp.Expr], sp.Expr]]:
    """|g_q|² of the deformation-potential coupling, from its registered derivation.

    Declares the statement of ``deformation_potential_coupling`` as a model object of ``chain`` and
    returns its name with the function that gives |g_q|² from its value (squares it if the statement
    gives |g_q|).
    """
    from .registry import get

    coupling = get("deformation_potential_coupling")
    dimension = dimension_of(coupling.statement.rhs, coupling.dimensions)
    if same_dimension(dimension, JOULE):  # the statement gives |g_q|
        g = chain.result_of("deformation_potential_coupling", "matrix element |g_q| of one LA mode",
                            name="|g_q|")
        return g, lambda value: sp.Abs(value) ** 2
    if same_dimension(dimension, JOULE**2):  # the statement gives |g_q|²
        g = chain.result_of("deformation_potential_coupling", "squared matrix element |g_q|² of one LA mode",
                            name="|g_q|²")
        return g, lambda value: value
    raise ValueError(f"deformation_potential_coupling has dimension {dimension}, not J or J²")


def _band(chain: Chain, m: sp.Symbol, hbar: sp.Symbol) -> Ref:
    """The free-electron band ε_k = ħ²k²/(2m), a model object of ``chain``."""
    return chain.declare("ε_k", hbar**2 * K_WAVE.symbol**2 / (2 * m), "free-electron band, isotropic and "
                         "parabolic")


def _energy_change(band: sp.Expr, k_F: sp.Symbol, q: sp.Symbol, mu: sp.Symbol) -> sp.Expr:
    """ε_{k+q} − ε_k for |k| = k_F, μ = cos∠(k, q), from the band ε_k."""
    k = K_WAVE.symbol
    k_plus_q = sp.sqrt(k_F**2 + 2 * k_F * q * mu + q**2)
    return band.subs(k, k_plus_q) - band.subs(k, k_F)


def _transport_weight(chain: Chain, k_F: sp.Symbol, q: sp.Symbol, mu: sp.Symbol) -> Ref:
    """The transport weight 1 − cos θ, θ = ∠(k, k + q), |k| = k_F, a model object of ``chain``."""
    k_plus_q = sp.sqrt(k_F**2 + 2 * k_F * q * mu + q**2)
    cos_theta = (k_F**2 + k_F * q * mu) / (k_F * k_plus_q)  # k·(k + q)/(|k||k + q|)
    return chain.declare("1 − cos θ", 1 - cos_theta,
                         "transport (momentum-relaxation) weight, θ the scattering angle ∠(k, k + q)")


@register
def deformation_potential_rate_high_T() -> Derivation:
    """1/τ = D² m k_B k_F T/(π ρ v_s² ħ³): high-T deformation-potential transport rate.

    Model: a free electron (mass m) on the Fermi sphere, |k| = k_F, couples to
    longitudinal acoustic phonons ω_q = v_s q through the deformation
    potential, |g_q|² = D² ħ q/(2ρ V v_s) (taken from the derivation
    ``deformation_potential_coupling``). Fermi's golden rule with the
    transport weight 1 − cos θ_{k,k+q} gives

        1/τ = (2π/ħ) Σ_q |g_q|² [(n_q + 1) δ(ε_{k+q} − ε_k + ħω_q)
                                 + n_q δ(ε_{k+q} − ε_k − ħω_q)] (1 − cos θ).

    Conventions (needed to reproduce the seed's prefactor exactly): both
    phonon emission (n_q + 1) and absorption (n_q) are counted; the electron
    spin is conserved, so there is no spin sum over final states; the
    final-state Pauli factors are left out because they cancel in the
    quasi-elastic limit ħω_q << k_BT, (n_q + 1 − f_{k+q}) + (n_q + f_{k+q}) = 2n_q + 1; the
    sum over q runs over all of q-space, Σ_q -> V ∫ d³q/(2π)³, with the
    linear dispersion assumed up to q = 2k_F (no Debye cutoff, normal
    processes only, one LA branch).

    Derivation: (i) quasi-elastic, ħω_q << E_F: both deltas become
    δ(ε_{k+q} − ε_k), so the phonon factor is 2n_q + 1; (ii) equipartition,
    2n_q + 1 = 2k_BT/(ħω_q) + O(1/T), makes |g_q|²(2n_q + 1) = D²k_BT/(ρVv_s²)
    independent of q; (iii) the angular integral against the delta
    function restricts q < 2k_F and fixes cos θ_{kq} = −q/(2k_F), so the
    transport weight is q²/(2k_F²); (iv) the q-integral ∫_0^{2k_F} gives the
    result.

    Result: 1/τ = D² m k_B k_F T/(π ρ v_s² ħ³). This is the transport
    (momentum-relaxation) rate, weight 1 − cos θ, which sets the resistivity
    ρ_el = m/(n e² τ) ∝ T; the quasiparticle (single-particle) rate has no
    such weight and is not what is derived here. (For T >> T_BG the
    scattering is isotropic, |g_q|²(2n_q + 1) does not depend on q, so
    <1 − cos θ> = 1 and both rates have this leading value; below T_BG
    they differ: T⁵ against T³.)

    Source: seed 002 and seed 000 (high-temperature rate); Ziman, *Electrons
    and Phonons*, ch. 9; Ashcroft & Mermin, *Solid State Physics*, ch. 26.

    Validity: T >> T_BG = 2ħv_s k_F/k_B (the Bloch-Grüneisen temperature:
    equipartition must hold for every phonon up to q = 2k_F; T_BG ≈ 1000 K for
    Cu-like parameters, so T >> Θ_D alone is not enough in this model); the
    corrections are O((T_BG/T)²), with a coefficient that depends on the
    treatment of the occupation factors. Also ħv_s k_F << E_F (quasi-elastic),
    an isotropic parabolic band and an isotropic elastic continuum. Below
    T_BG the rate falls as T⁵ (Bloch-Grüneisen), not derived here.
    """
    hbar, m, k_B, T = HBAR.symbol, M_ELECTRON.symbol, K_B.symbol, TEMPERATURE.symbol
    k_F = K_F.symbol
    D, rho, V, v_s, q = D_POT.symbol, RHO.symbol, VOLUME.symbol, V_S.symbol, Q.symbol
    mu, phi, tau_inv = MU.symbol, PHI.symbol, TAU_INV.symbol

    chain = Chain()
    occupation = chain.declare("n_q", 1 / (sp.exp(hbar * v_s * q / (k_B * T)) - 1),
                               "Bose occupation of the LA phonon ħω_q = ħv_s q")
    g, squared = _coupling_squared(chain)
    band = _band(chain, m, hbar)
    weight = _transport_weight(chain, k_F, q, mu)

    # (i)-(ii) Phonon factor: emission (n + 1) plus absorption (n), equipartition limit.
    hbar_omega = hbar * v_s * q
    y = sp.Dummy("y", positive=True)  # ħω_q/(k_B T)

    def leading_term(expr: sp.Expr, order: int) -> sp.Expr:
        """Laurent series in y = ħω_q/(k_B T) -> 0 up to (excluding) y**order."""
        series = sp.series(expr.subs(hbar_omega / (k_B * T), y), y, 0, order).removeO()
        return series.subs(y, hbar_omega / (k_B * T))

    # n_q = k_B T/(ħ v_s q) + O(1)
    chain.step("Bose occupation at k_B T >> ħω_q: equipartition", lambda n: n, occupation,
               rhs=lambda e: leading_term(e, 0), order=(1, T, sp.oo))
    # (n_q + 1) + n_q = 2n_q + 1 = 2 k_B T/(ħ v_s q) + O(1/T)
    equipartition = chain.step(
        "emission (n_q + 1) plus absorption (n_q), quasi-elastic; equipartition k_B T >> ħv_s q",
        lambda n: sp.Add(n + 1, n, evaluate=False), occupation,
        rhs=lambda e: leading_term(e, 1), order=(1 / T, T, sp.oo), name="2n_q + 1")
    strength_step = len(chain.steps) + 1
    strength = chain.step(  # D² k_B T/(ρ V v_s²): independent of q
        "|g_q|² (from deformation_potential_coupling) × 2k_BT/(ħω_q): independent of q",
        lambda g, eq: sp.Mul(squared(g), eq, evaluate=False), g, equipartition,
        rhs=sp.simplify, name="|g_q|²(2n_q + 1)")

    # (iii) Free-electron kinematics on the Fermi sphere, μ = cos∠(k, q).
    energy_change = chain.step(
        "ε_{k+q} − ε_k for free electrons, |k| = k_F, μ = cos∠(k, q)",
        lambda e: _energy_change(e, k_F, q, mu), band,
        rhs=lambda e: sp.factor(sp.expand(e)), name="ε_{k+q} − ε_k")
    chain.step(  # on the shell μ = −q/(2k_F)
        "on the energy shell μ = −q/(2k_F): transport weight 1 − cos θ = q²/(2k_F²)",
        lambda w, de: sp.Subs(w, mu, sp.solve(de, mu)[0]), weight, energy_change,
        rhs=lambda e: sp.simplify(e.doit()))
    angular = chain.step(  # ∝ q³ (1 − Heaviside(q/(2k_F) − 1))
        "angles of q: the delta fixes μ = −q/(2k_F), inside [−1, 1] only for q < 2k_F",
        lambda de, w: sp.Integral(q**2 * sp.DiracDelta(de) * w, (mu, -1, 1), (phi, 0, 2 * sp.pi)),
        energy_change, weight, rhs=lambda e: sp.simplify(e.doit()))
    support = chain.step("the step function as the support q < 2k_F", lambda a: a, angular,
                         rhs=lambda e: sp.piecewise_fold(e.rewrite(sp.Piecewise)))
    radial = chain.step("radial integral over 0 < q < 2k_F", lambda s: sp.Integral(s, (q, 0, sp.oo)),
                        support, rhs=lambda e: e.doit())  # ∫_0^{2k_F} dq: 4π m k_F/ħ²

    # (iv) Golden rule, Σ_q -> V ∫ d³q/(2π)³, with the q-independent strength pulled out.
    prefactor = [2 * sp.pi / hbar, V / (2 * sp.pi) ** 3]
    rate = chain.step(
        "golden rule (2π/ħ) V∫d³q/(2π)³ |g_q|²(2n_q + 1) δ(ε_{k+q} − ε_k)(1 − cos θ); "
        f"|g_q|²(2n_q + 1) does not depend on q (step {strength_step}): out of the integrals",
        lambda s, a: sp.Mul(*prefactor, s, sp.Integral(a, (q, 0, sp.oo)), evaluate=False), strength, support,
        rhs=sp.simplify(sp.Mul(*prefactor, chain[strength], chain[radial])))
    return Derivation(
        name="deformation_potential_rate_high_T",
        title="High-temperature deformation-potential transport rate (linear in T)",
        source=cite(SEED_002_HIGH_T, SEED_000_HIGH_T, ZIMAN.at("ch. 9"), ASHCROFT_MERMIN.at("ch. 26")),
        symbols=[TAU_INV, D_POT, M_ELECTRON, K_B, K_F, TEMPERATURE, RHO, V_S, HBAR, VOLUME, Q,
                 MU, PHI, K_WAVE],
        assumptions=[
            Assumption("free electrons ε_k = ħ²k²/(2m); initial state on the Fermi sphere, "
                       "|k| = k_F"),
            Assumption("one LA branch ω_q = v_s q up to q = 2k_F (no Debye cutoff, normal "
                       "processes only); |g_q|² = D²ħq/(2ρVv_s)"),
            Assumption("Fermi's golden rule, emission and absorption both counted, no spin sum "
                       "(spin conserved), Σ_q -> V∫d³q/(2π)³"),
            Assumption("quasi-elastic: ħω_q <= 2ħv_s k_F << E_F, δ(ε_{k+q} − ε_k ± ħω_q) -> "
                       "δ(ε_{k+q} − ε_k)", sp.StrictLessThan(2 * hbar * v_s * k_F,
                                                               hbar**2 * k_F**2 / (2 * m))),
            Assumption("equipartition for every phonon that scatters: T >> ħv_s min(2k_F, q_D)/k_B; "
                       "in this model, without a cut-off, that is T_BG = 2ħv_s k_F/k_B (for real copper "
                       "q_D < 2k_F, so there Θ_D sets the scale)",
                       sp.StrictGreaterThan(T, 2 * hbar * v_s * k_F / k_B)),
            Assumption(BLOCH_EQUILIBRIUM),
            Assumption("transport (momentum-relaxation) rate, weight 1 − cos θ; not the "
                       "quasiparticle rate"),
        ],
        model=chain.model,
        steps=chain.steps,
        statement=sp.Eq(tau_inv, chain[rate], evaluate=False),
        textbook=sp.Eq(tau_inv, D**2 * m * k_B * k_F / (sp.pi * rho * v_s**2 * hbar**3) * T,
                       evaluate=False),
        sample={mu: (-1.0, 1.0)},
    )


# ------------------------------------------------------------------ low temperature
SEED_LOW_T = f"{SEED_002_SCATTERING} (low temperatures: a characteristic T⁵ dependence in simple metals)"
BG_SOURCES = cite(ZIMAN.at("ch. 9 (Bloch-Grüneisen formula, J_5)"), ASHCROFT_MERMIN.at("ch. 26"),
                  GRIMVALL.at("ch. 5-6"), f"{DLMF} §25.5 (integral representations of ζ and η)")

TAU_INV_AVG = quantity(
    "<1/tau_tr>", 1 / SECOND,
    "transport rate averaged over the Fermi window with −∂f/∂ε (sets the resistivity m<1/τ>/(ne²))",
)
TAU_INV_QP = quantity(
    "1/tau_qp", 1 / SECOND, "quasiparticle (out-scattering) rate of an electron at E_F, no 1 − cos θ"
)
X_RED = quantity("x", DIMENSIONLESS, "reduced phonon energy ħω_q/(k_B T) = ħ v_s q/(k_B T)")
U_RED = quantity("u", DIMENSIONLESS, "reduced electron energy (ε − E_F)/(k_B T)", real=True)
J_SUM = quantity("j", DIMENSIONLESS, "summation index of the geometric series", integer=True,
                 positive=True)


def _fermi(y: sp.Expr) -> sp.Expr:
    return 1 / (sp.exp(y) + 1)


def _bose(y: sp.Expr) -> sp.Expr:
    return 1 / (sp.exp(y) - 1)


def _low_temperature_rate(kind: str) -> Derivation:
    """Common chain of the three low-temperature rates; ``kind`` in window, fermi_level, quasiparticle.

    Golden rule with the full occupation factors of the linearised Boltzmann
    equation, emission (n_q + 1 − f(ε − ħω_q)) and absorption (n_q + f(ε + ħω_q));
    quasi-elastic kinematics in the energy delta (v_s << v_F); T << T_BG.
    """
    hbar, m, k_B, T = HBAR.symbol, M_ELECTRON.symbol, K_B.symbol, TEMPERATURE.symbol
    k_F, D, rho, V, v_s, q = K_F.symbol, D_POT.symbol, RHO.symbol, VOLUME.symbol, V_S.symbol, Q.symbol
    mu, phi, x, u, j = MU.symbol, PHI.symbol, X_RED.symbol, U_RED.symbol, J_SUM.symbol
    transport = kind != "quasiparticle"

    chain = Chain()
    band = _band(chain, m, hbar)
    weights = (_transport_weight(chain, k_F, q, mu),) if transport else ()
    fermi = chain.declare("f(u)", _fermi(u), "Fermi function of the electron, u = (ε − E_F)/(k_B T)")
    bose = chain.declare("n(x)", _bose(x), "Bose occupation of the phonon, x = ħω_q/(k_B T)")
    reduced = chain.declare("x_q", sp.Eq(x, hbar * v_s * q / (k_B * T)),
                            "reduced energy of the LA phonon, ħω_q = ħv_s q")
    g, squared = _coupling_squared(chain)

    # ---- (1) angles of q against the energy delta (quasi-elastic), with or without 1 − cos θ
    def angular_integral(eps: sp.Expr, *weight: sp.Expr) -> sp.Integral:
        energy_change = sp.factor(sp.expand(_energy_change(eps, k_F, q, mu)))
        w = weight[0] if weight else sp.Integer(1)
        return sp.Integral(q**2 * sp.DiracDelta(energy_change) * w, (mu, -1, 1), (phi, 0, 2 * sp.pi))

    angular = chain.step(
        "angles of q: the quasi-elastic delta fixes μ = −q/(2k_F), inside [−1, 1] only for "
        "q < 2k_F" + ("; 1 − cos θ = q²/(2k_F²) there" if transport else ""),
        angular_integral, band, *weights, rhs=lambda e: sp.simplify(e.doit()))
    inside = chain.step(  # 0 < q < 2k_F
        "for 0 < q < 2k_F (the range of the radial integral)", lambda a: a, angular,
        rhs=lambda e: sp.simplify(e.subs(sp.Heaviside((q - 2 * k_F) / (2 * k_F)), 0)),
        sample={q: (0.01, 1.9), k_F: (1.0, 1.0)})

    # ---- (2) occupation factors, x = ħω_q/(k_B T), u = (ε − E_F)/(k_B T)
    n_x = _bose(x)

    def emission(n: sp.Expr, f: sp.Expr, w: sp.Expr) -> sp.Expr:
        """n + 1 − f(w − x): emission of a phonon by an electron at reduced energy w."""
        return n + 1 - f.subs(u, w - x)

    def absorption(n: sp.Expr, f: sp.Expr, w: sp.Expr) -> sp.Expr:
        """n + f(w + x): absorption of a phonon by an electron at reduced energy w."""
        return n + f.subs(u, w + x)

    if kind == "window":
        def minus_df(f: sp.Expr) -> sp.Expr:
            return -sp.diff(f, u)

        em = chain.step(
            "emission, window weight −∂f/∂u: detailed balance, −f'(u)(n + 1 − f(u − x)) = "
            "n(n + 1)(f(u − x) − f(u))",
            lambda f, n: minus_df(f) * emission(n, f, u), fermi, bose,
            rhs=n_x * (n_x + 1) * (_fermi(u - x) - _fermi(u)))
        ab = chain.step(
            "absorption: −f'(u)(n + f(u + x)) = n(n + 1)(f(u) − f(u + x))",
            lambda f, n: minus_df(f) * absorption(n, f, u), fermi, bose,
            rhs=n_x * (n_x + 1) * (_fermi(u) - _fermi(u + x)))

        def shift(identity: sp.Expr, n: sp.Expr) -> sp.Integral:
            """∫ du of the Fermi difference in a detailed-balance identity n(n + 1)(...)."""
            return sp.Integral(identity / (n * (n + 1)), (u, -sp.oo, sp.oo))

        chain.step("∫(f(u − x) − f(u)) du = x (a shifted step)", shift, em, bose, rhs=lambda e: e.doit())
        chain.step("∫(f(u) − f(u + x)) du = x", shift, ab, bose, rhs=lambda e: e.doit())
        phonon = chain.step(
            "Fermi-window average of emission + absorption: 2x n(n + 1) = x/(2 sinh²(x/2))",
            lambda f, n: sp.Integral(minus_df(f) * (emission(n, f, u) + absorption(n, f, u)),
                                     (u, -sp.oo, sp.oo)),
            fermi, bose, rhs=2 * x * n_x * (n_x + 1), name="phonon factor")
    else:
        phonon = chain.step(
            "electron at E_F (u = 0): (n + 1 − f(−x)) + (n + f(x)) = 2(n(x) + f(x)) = 2/sinh x",
            lambda f, n: emission(n, f, 0) + absorption(n, f, 0), fermi, bose,
            rhs=2 * (n_x + _fermi(x)), name="phonon factor")

    # ---- (3) golden rule, Σ_q -> V∫d³q/(2π)³, |g_q|² from deformation_potential_coupling
    a = 4 if transport else 2  # angular part × |g_q|² ∝ q^a
    p = a + 1  # index of the ζ integrals
    prefactor = [2 * sp.pi / hbar, V / (2 * sp.pi) ** 3]
    x_of_q = chain[reduced].rhs

    def q_of_x(xq: sp.Eq) -> sp.Expr:
        """q = k_B T x/(ħ v_s), from the reduced energy x_q."""
        return sp.solve(xq, q)[0]

    constant = sp.simplify(sp.Mul(*prefactor) * chain[inside] * squared(chain[g]) / q**a)
    if constant.has(q):
        raise ValueError(f"angular part × |g_q|² is not ∝ q^{a}: {chain[inside] * squared(chain[g])}")
    scale = k_B * T / (hbar * v_s)
    t_bg = 2 * hbar * v_s * k_F / (k_B * T)  # T_BG/T
    golden = chain.step(
        "golden rule (2π/ħ) V∫d³q/(2π)³ |g_q|² [emission + absorption] w(θ) δ(...): the "
        "q-integrand, with the angular part of step 2 and |g_q|² from "
        "deformation_potential_coupling; the q-integral runs over 0 < q < 2k_F",
        lambda ins, gq, ph, xq: sp.Mul(*prefactor, ins, squared(gq), ph.subs(x, xq.rhs), evaluate=False),
        inside, g, phonon, reduced, rhs=constant * q**a * chain[phonon].subs(x, x_of_q), name="integrand")
    chain.step(
        "substitute q = k_B T x/(ħ v_s), dq = (k_B T/ħ v_s) dx",
        lambda ph, xq: sp.Subs(q**a * ph.subs(x, xq.rhs), q, q_of_x(xq)) * sp.Derivative(q_of_x(xq), x),
        phonon, reduced, rhs=scale ** (a + 1) * x**a * chain[phonon])
    upper = chain.step("the upper limit q = 2k_F maps to x = T_BG/T",
                       lambda xq: sp.Subs(xq.rhs, q, 2 * k_F), reduced, rhs=t_bg, name="T_BG/T")
    sub_index = len(chain.steps) - 1
    n_phonon = chain[phonon]
    full = sp.Integral(x**a * n_phonon, (x, 0, sp.oo))

    def integral_to_infinity(expr: sp.Expr) -> sp.Integral:
        """The x-integral over (0, ∞) in ``expr``."""
        return next(i for i in expr.atoms(sp.Integral) if i.limits == ((x, 0, sp.oo),))

    # ---- (4) T << T_BG as steps: the integral to T_BG/T is the one to ∞ less an exponentially small tail
    def to_upper_limit(integrand: sp.Expr, ph: sp.Expr, xq: sp.Eq, top: sp.Expr) -> sp.Expr:
        """The rate: the q-independent constant of the golden-rule integrand times (k_BT/ħv_s)^(a+1)
        times the x-integral of the substituted integrand up to T_BG/T."""
        c = sp.simplify(integrand / (q**a * ph.subs(x, xq.rhs)))
        return sp.Mul(c * (q_of_x(xq) / x) ** (a + 1), sp.Integral(x**a * ph, (x, 0, top)), evaluate=False)

    tail = sp.Integral(x**a * n_phonon, (x, t_bg, sp.oo))
    power = a + 1 if kind == "window" else a  # x^a × phonon factor ~ c x^power e^(−x) for large x
    lead = sp.limit(x**a * n_phonon * sp.exp(x) / x**power, x, sp.oo)
    first_limit = len(chain.steps) + 1
    split = chain.step(
        "the rate is constant × (k_BT/ħv_s)^" + str(a + 1) + " × the x-integral to T_BG/T (steps "
        f"{sub_index - 1}-{sub_index + 1}); split it at T_BG/T: ∫_0^∞ − ∫_(T_BG/T)^∞ (additivity)",
        to_upper_limit, golden, phonon, reduced, upper, rhs=constant * scale ** (a + 1) * (full - tail))
    chain.step(
        f"T << T_BG: the neglected tail is exponentially small, {lead}(T_BG/T)^{power} e^(−T_BG/T) "
        "(1 + O(T/T_BG))",
        lambda s: next(i for i in s.atoms(sp.Integral) if i.limits[0][1] != 0), split,
        rhs=lead * t_bg**power * sp.exp(-t_bg),
        order=(t_bg ** (power - 1) * sp.exp(-t_bg), T, 0), numeric=TAIL)

    # ---- (5) the integral to ∞: the ζ-function integrals
    def ratio(n: sp.Expr) -> sp.Expr:
        """e^(−x) = 1/(1 + 1/n(x)), the ratio of the geometric series for n(x)."""
        return 1 / (1 + 1 / n)

    term = chain.step(
        f"each term of 1/(eˣ − 1) = Σ e^(−jx): ∫x^{p - 1} e^(−jx) dx = Γ({p})/j^{p}",
        lambda n: sp.Integral(x ** (p - 1) * ratio(n) ** j, (x, 0, sp.oo)), bose,
        rhs=lambda e: e.doit())  # Γ(p)/j^p
    bose_integral = sp.Integral(x ** (p - 1) * n_x, (x, 0, sp.oo))
    bose_sum = chain.step(
        "expand the Bose function in the geometric series; integrate term by term (monotone convergence)",
        lambda n: sp.Integral(x ** (p - 1) * n, (x, 0, sp.oo)), bose,
        rhs=sp.Sum(chain[term], (j, 1, sp.oo)), numeric=TERM_BY_TERM)
    chain.step(f"Σ Γ({p})/j^{p} = Γ({p}) ζ({p})", lambda s: s, bose_sum,
               rhs=lambda e: e.doit())  # Γ(p) ζ(p)
    if kind == "window":
        j_integral = chain.step(  # Bloch-Grüneisen J_p(∞)
            f"by parts with n(n + 1) = −dn/dx, boundary terms vanish: J_{p}(∞) = {p}∫x^{p - 1} n dx",
            lambda n: sp.Integral(x**p * n * (n + 1), (x, 0, sp.oo)), bose, rhs=p * bose_integral)
        full_value = chain.step(
            f"the x-integral of step {sub_index} to ∞: 2 J_{p}(∞)", integral_to_infinity, split,
            rhs=2 * sp.Integral(x**p * n_x * (n_x + 1), (x, 0, sp.oo)))

        def series(s: sp.Expr, whole: sp.Expr, jp: sp.Expr, bsum: sp.Expr) -> sp.Expr:
            """The rate with the tail dropped: the constant of the split times 2 J_p(∞) = 2p ∫x^(p−1) n dx,
            the Bose integral written as its series."""
            (j_p,) = whole.atoms(sp.Integral)
            (b,) = jp.atoms(sp.Integral)
            return sp.Mul(s.as_independent(sp.Integral)[0], whole.subs(j_p, jp).subs(b, bsum), evaluate=False)

        final = (series, split, full_value, j_integral, bose_sum)
        summed = 2 * p * chain[bose_sum]
    else:
        alt_term = sp.Integral((-1) ** (j + 1) * x ** (p - 1) * sp.exp(-j * x), (x, 0, sp.oo))
        alt_sum = chain.step(
            "1/(eˣ + 1) = Σ (−1)^(j+1) e^(−jx), term by term",
            lambda f: sp.Integral(x ** (p - 1) * f.subs(u, x), (x, 0, sp.oo)), fermi,
            rhs=sp.Sum(alt_term.doit(), (j, 1, sp.oo)), numeric=TERM_BY_TERM)
        chain.step(f"Σ (−1)^(j+1) Γ({p})/j^{p} = (1 − 2^{1 - p}) Γ({p}) ζ({p}) (Dirichlet η)",
                   lambda s: s, alt_sum,
                   rhs=lambda e: sp.simplify(e.doit().rewrite(sp.zeta)))  # (1 − 2^(1−p)) Γ(p) ζ(p)
        fermi_integral = sp.Integral(x ** (p - 1) * _fermi(x), (x, 0, sp.oo))
        # the integrand x^(p-1) · 2(n + f) written out as 2x^(p-1) n + 2x^(p-1) f: SymPy (which cannot
        # do either integral) gives up on the sum of the two terms in a fraction of the seconds it
        # spends on the product form before the checker falls back to quadrature
        parts = chain.step(
            f"the x-integral of step {sub_index} to ∞, split into Bose and Fermi parts",
            lambda s: (lambda i: sp.Integral(sp.expand(i.function), *i.limits))(integral_to_infinity(s)),
            split, rhs=2 * (bose_integral + fermi_integral),
            numeric="SymPy can do neither improper integral, so it cannot split their sum")

        def series(s: sp.Expr, both: sp.Expr, bsum: sp.Expr, fsum: sp.Expr) -> sp.Expr:
            """The rate with the tail dropped: the constant of the split times 2(∫x^(p−1) n + ∫x^(p−1) f),
            each integral written as its series."""
            is_bose = {i: i.function.has(sp.exp(x) - 1) for i in both.atoms(sp.Integral)}
            return sp.Mul(s.as_independent(sp.Integral)[0],
                          both.subs({i: bsum if b else fsum for i, b in is_bose.items()}), evaluate=False)

        final = (series, split, parts, bose_sum, alt_sum)
        summed = 2 * (chain[bose_sum] + chain[alt_sum])
    rate = chain.step(
        f"T << T_BG: the tail dropped (steps {first_limit}-{first_limit + 1}); "
        "rate = constant × (k_BT/ħv_s)^" + str(a + 1) + " × the series above", *final,
        rhs=sp.simplify(constant * scale ** (a + 1) * summed.doit().rewrite(sp.zeta)))

    high_t = D**2 * m * k_B * k_F * T / (sp.pi * rho * v_s**2 * hbar**3)
    t_ratio = k_B * T / (2 * hbar * v_s * k_F)  # T/T_BG
    if kind == "window":
        lhs, textbook = TAU_INV_AVG, high_t * 4 * t_ratio**4 * sp.factorial(5) * sp.zeta(5)
        name, title = ("bloch_gruneisen_transport_rate_low_T",
                       "Bloch-Grüneisen T⁵ law: Fermi-window-averaged transport rate (resistivity)")
        words = ("Fermi-window average ∫dε(−∂f/∂ε) 1/τ_tr(ε) (the resistivity ρ = m<1/τ_tr>/(ne²)); "
                 "the DOS and matrix element taken at E_F over the window (O((k_BT/E_F)²))")
    elif kind == "fermi_level":
        lhs = TAU_INV
        textbook = high_t * 4 * t_ratio**4 * 2 * (1 - sp.Rational(1, 2**5)) * sp.gamma(5) * sp.zeta(5)
        name, title = ("transport_rate_fermi_level_low_T",
                       "Low-temperature transport rate of an electron exactly at E_F (T⁵)")
        words = "an electron exactly at E_F (ε = E_F), transport weight 1 − cos θ"
    else:
        lhs = TAU_INV_QP
        textbook = high_t * 7 * sp.zeta(3) * t_ratio**2
        name, title = ("quasiparticle_rate_low_T",
                       "Low-temperature quasiparticle (out-scattering) rate at E_F (T³)")
        words = "an electron exactly at E_F; quasiparticle rate: no transport weight"
    return Derivation(
        name=name,
        title=title,
        source=cite(SEED_LOW_T, BG_SOURCES),
        symbols=[lhs, D_POT, M_ELECTRON, K_B, K_F, TEMPERATURE, RHO, V_S, HBAR, VOLUME, Q, MU, PHI,
                 X_RED, U_RED, J_SUM, K_WAVE],
        assumptions=[
            Assumption("free electrons ε_k = ħ²k²/(2m), spherical Fermi surface |k| = k_F; "
                       "chemical potential E_F"),
            Assumption("one LA branch ω_q = v_s q up to q = 2k_F (no Debye cut-off below 2k_F, "
                       "normal processes only); |g_q|² = D²ħq/(2ρVv_s)"),
            Assumption("Fermi's golden rule with the occupation factors of the linearised Boltzmann "
                       "equation: emission n_q + 1 − f(ε − ħω_q), absorption n_q + f(ε + ħω_q); "
                       "no spin sum (spin conserved)"),
            Assumption("quasi-elastic kinematics in the energy delta: v_s << v_F (corrections "
                       "O((v_s/v_F)²) at E_F, the first order cancels between emission and "
                       "absorption)", sp.StrictLessThan(v_s, hbar * k_F / m)),
            Assumption(words),
            Assumption(BLOCH_EQUILIBRIUM),
            Assumption("low temperature T << T_BG = 2ħv_s k_F/k_B (upper limit T_BG/T -> ∞; "
                       "remainder O((T_BG/T)^p e^(−T_BG/T)))",
                       sp.StrictLessThan(T, 2 * hbar * v_s * k_F / k_B)),
        ],
        model=chain.model,
        steps=chain.steps,
        statement=sp.Eq(lhs.symbol, chain[rate], evaluate=False),
        textbook=sp.Eq(lhs.symbol, textbook, evaluate=False),
        sample={mu: (-1.0, 1.0), u: (-3.0, 3.0)},
    )


@register
def bloch_gruneisen_transport_rate_low_T() -> Derivation:
    """<1/τ_tr> = 30 ζ(5) m D² (k_B T)⁵/(π ρ ħ⁷ v_s⁶ k_F³): the Bloch-Grüneisen T⁵ law.

    Model as in ``deformation_potential_rate_high_T`` (free electrons, one LA
    branch ω_q = v_s q up to 2k_F, deformation-potential |g_q|²), but with the
    full occupation factors: emission n_q + 1 − f(ε − ħω_q), absorption
    n_q + f(ε + ħω_q), and the transport weight 1 − cos θ. The rate is
    averaged over the Fermi window with −∂f/∂ε (this average enters the
    resistivity ρ = m<1/τ_tr>/(ne²), the variational solution of the
    Boltzmann equation with a drifted Fermi sphere).

    Derivation: the angular integral gives π m q³/(ħ²k_F³) for q < 2k_F; by
    detailed balance −f'(u)(n + 1 − f(u − x)) = n(n + 1)(f(u − x) − f(u))
    (similarly for absorption), and ∫(f(u − x) − f(u))du = x, so the window
    average of the occupation factors is 2x n(n + 1) = x/(2 sinh²(x/2)),
    x = ħv_s q/(k_B T); with q = k_BT x/(ħv_s) the rate is a constant times
    (T/T_BG)⁵ ∫_0^{T_BG/T} x⁵ eˣ/(eˣ − 1)² dx (Bloch-Grüneisen J_5), and for
    T << T_BG the upper limit goes to ∞, J_5(∞) = 5 Γ(5) ζ(5) = 5! ζ(5).

    Result: <1/τ_tr> = (D² m k_B k_F T/(π ρ v_s² ħ³)) · 4 (T/T_BG)⁴ · 5! ζ(5),
    T_BG = 2ħv_s k_F/k_B: the high-T rate times 480 ζ(5) (T/T_BG)⁴.

    Source: seed 002 (T⁵ law); Ziman, *Electrons and Phonons*, ch. 9;
    Ashcroft & Mermin ch. 26.

    Validity: T << T_BG (remainder ~ (T_BG/T)⁵ e^(−T_BG/T)/5!ζ(5)), v_s << v_F
    and k_BT << E_F (relative corrections O((v_s/v_F)², (k_BT/E_F)²)).
    """
    return _low_temperature_rate("window")


@register
def transport_rate_fermi_level_low_T() -> Derivation:
    """1/τ_tr(E_F) = 93 ζ(5) m D² (k_B T)⁵/(8π ρ ħ⁷ v_s⁶ k_F³): transport rate exactly at E_F.

    The same golden rule as ``bloch_gruneisen_transport_rate_low_T`` but for
    one electron exactly at E_F (u = 0): the occupation factors are
    (n + 1 − f(−x)) + (n + f(x)) = 2(n(x) + f(x)) = 2/sinh x instead of the
    window average x/(2 sinh²(x/2)). Then
    ∫_0^∞ x⁴ (n + f) dx = Γ(5)ζ(5) + (1 − 2⁻⁴)Γ(5)ζ(5) = (93/2) ζ(5), and

        1/τ_tr(E_F) = (D² m k_B k_F T/(π ρ v_s² ħ³)) · 4 (T/T_BG)⁴ ∫_0^∞ x⁴/sinh x dx
                    = (high-T rate) · 186 ζ(5) (T/T_BG)⁴,

    smaller than the window average (480 ζ(5)) by 93/240: an electron at E_F
    can neither emit into the filled states below nor absorb many phonons.

    Source: Grimvall, *The Electron-Phonon Interaction in Metals*, ch. 5-6;
    DLMF §25.5; seed 002.

    Validity: T << T_BG, v_s << v_F; the rate of one state, not the resistivity.
    """
    return _low_temperature_rate("fermi_level")


@register
def quasiparticle_rate_low_T() -> Derivation:
    """1/τ_qp(E_F) = 7 ζ(3) m D² (k_B T)³/(4π ρ ħ⁵ v_s⁴ k_F): quasiparticle rate ∝ T³.

    The out-scattering (quasiparticle, single-particle) rate of an electron at
    E_F: the golden rule of ``transport_rate_fermi_level_low_T`` without the
    transport weight 1 − cos θ. The angular integral gives 2π m q/(ħ²k_F), and
    ∫_0^∞ x² (n + f) dx = 2ζ(3) + (3/2)ζ(3) = 7ζ(3)/2, so

        1/τ_qp = (D² m k_B k_F T/(π ρ v_s² ħ³)) · 7 ζ(3) (T/T_BG)².

    Small-angle scattering (q ~ k_BT/ħv_s << k_F) counts fully here, while
    the transport weight q²/(2k_F²) suppresses it by a further (T/T_BG)²:
    T³ (quasiparticle) against T⁵ (transport; docs/architecture.md, Conventions).

    Source: Grimvall, *The Electron-Phonon Interaction in Metals*, ch. 5;
    Ziman ch. 9; seed 002.

    Validity: T << T_BG, v_s << v_F; deformation-potential coupling to LA
    phonons only (transverse phonons, which dominate the T³ rate in real
    metals, do not couple in this model).
    """
    return _low_temperature_rate("quasiparticle")
