"""Derivations: real metals (the Wiedemann-Franz law, Migdal's adiabatic ratio, umklapp kinematics).

* ``umklapp_kinematics``: for a free-electron Fermi sphere of valence Z with one atom per primitive cell
  (volume Ω), the Debye sphere of the same volume as the Brillouin zone has q_D/k_F = (2/Z)^{1/3}; the
  smallest umklapp wavevector q_U = |G_min| − 2k_F is (2√3π/Z)^{1/3} − 2 in units of k_F for fcc and
  (8√2π/(3Z))^{1/3} − 2 for bcc; the freeze-out estimate is T_U = Θ_D q_U/q_D.
* ``migdal_adiabatic_ratio``: the Bohm-Staver sound velocity v_s = (Zm/(3M))^{1/2} v_F of ions screened
  by Thomas-Fermi electrons, hence ħω_D/E_F = (2^{4/3}/√3) Z^{1/6} (m/M)^{1/2}.
* ``wiedemann_franz_lorenz``: for elastic scattering with an energy-independent τ the Sommerfeld
  expansion of the transport integrals gives κ/(σT) -> L₀ = π²k_B²/(3e²) as k_BT -> 0.
* ``resistivity_high_T_slope``: Allen's high-temperature rate 1/τ_tr = 2πλ_tr k_BT/ħ in the Drude
  resistivity ρ = m/(ne²τ) = 1/(ε0ω_p²τ) gives dρ/dT = 2πλ_tr k_B/(ħε0ω_p²).

The numeric wrappers are in :mod:`numeric.metals`.
"""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp

from .constants import E_CHARGE, EPS0, HBAR, K_B, K_F, M_ELECTRON, TEMPERATURE, V_F, V_S, Q, quantity
from .coupling import OMEGA_P
from .derivation import TAIL, Assumption, Chain, Derivation, Ref
from .eliashberg_function import ALLEN_1978, LAMBDA_TR, Z_RED
from .registry import register
from .sources import ASHCROFT_MERMIN, GRIMVALL, SEED_000, SEED_002, ZIMAN, Source, cite
from .units import COULOMB, DIMENSIONLESS, JOULE, KELVIN, KILOGRAM, METRE, SECOND

__all__ = ["lorenz_ratio_bloch_wilson", "migdal_adiabatic_ratio", "resistivity_high_T_slope",
           "umklapp_kinematics", "wiedemann_franz_lorenz"]

SEED_001 = Source("seed 001_08c825ad4391dd9a.txt")
SEED_003 = Source("seed 003_b33bed7e28d6d024.txt")

hbar, e, k_B, m = HBAR.symbol, E_CHARGE.symbol, K_B.symbol, M_ELECTRON.symbol
k_F, v_F, v_s, q, T = K_F.symbol, V_F.symbol, V_S.symbol, Q.symbol, TEMPERATURE.symbol

VALENCE = quantity("Z", DIMENSIONLESS, "valence: conduction electrons per atom")
CELL = quantity("Omega", METRE**3, "volume of the primitive cell (one atom per cell)")
Q_D = quantity("q_D", 1 / METRE, "Debye wavevector: radius of the sphere of the Brillouin zone's volume")
A_LAT = quantity("a", METRE, "cubic lattice constant")
U_FCC = quantity("u_fcc", DIMENSIONLESS, "smallest umklapp wavevector q_U/k_F = |G_min|/k_F − 2, fcc",
                 real=True)
U_BCC = quantity("u_bcc", DIMENSIONLESS, "smallest umklapp wavevector q_U/k_F = |G_min|/k_F − 2, bcc",
                 real=True)
U_GAP = quantity("u", DIMENSIONLESS, "smallest umklapp wavevector in units of k_F, q_U/k_F")
THETA_D = quantity("Theta_D", KELVIN, "Debye temperature, k_B Θ_D = ħ v_s q_D")
T_U = quantity("T_U", KELVIN, "umklapp freeze-out temperature estimate")
ION_MASS = quantity("M", KILOGRAM, "ion mass")
OMEGA_D = quantity("omega_D", 1 / SECOND, "Debye frequency ω_D = v_s q_D")
MIGDAL = quantity("R_M", DIMENSIONLESS, "Migdal's adiabatic ratio ħω_D/E_F")
N_E = quantity("n_e", 1 / METRE**3, "conduction-electron density")
LORENZ = quantity("L", JOULE**2 / (COULOMB**2 * KELVIN**2), "Lorenz number κ/(σT)")
X_RED = quantity("x", DIMENSIONLESS, "reduced energy (ε − μ)/(k_B T)", real=True)
TAU = quantity("tau", SECOND, "energy-independent (elastic) relaxation time")
PHI_0 = quantity("Phi_0", 1 / (KILOGRAM * METRE**3), "transport function Φ = D(ε)v²(ε)/3 at ε = μ")
PHI_1 = quantity("Phi_1", 1 / (KILOGRAM * METRE**3 * JOULE), "slope dΦ/dε of the transport function at μ",
                 real=True)
K_COEF = [quantity(f"K_{n}", JOULE**n / (KILOGRAM * METRE**3 / SECOND), f"transport integral K_{n}",
                   real=True) for n in range(3)]

Z, Omega, q_D, a, u_fcc, u_bcc, u = (s.symbol for s in (VALENCE, CELL, Q_D, A_LAT, U_FCC, U_BCC, U_GAP))
n_e = N_E.symbol
Theta_D, T_u, M, omega_D, R_M, L = (s.symbol for s in (THETA_D, T_U, ION_MASS, OMEGA_D, MIGDAL, LORENZ))
x, tau, Phi_0, Phi_1 = X_RED.symbol, TAU.symbol, PHI_0.symbol, PHI_1.symbol
K0, K1, K2 = (s.symbol for s in K_COEF)

OHM_METRE = KILOGRAM * METRE**3 / (SECOND * COULOMB**2)
RESISTIVITY = quantity("rho_e", OHM_METRE, "electrical resistivity")
SLOPE = quantity("s_rho", OHM_METRE / KELVIN, "high-temperature slope dρ/dT of the resistivity")
TAU_TR = quantity("tau_tr", SECOND, "transport relaxation time (Fermi-window average)")
rho_e, s_rho, tau_tr, omega_p, lam_tr = (s.symbol for s in (RESISTIVITY, SLOPE, TAU_TR, OMEGA_P, LAMBDA_TR))


def _state_count(d: Derivation) -> sp.Expr:
    """n(k_F) = k_F³/(3π²), the state count of the filled Fermi sphere (a step of ``thomas_fermi_limit``)."""
    return next(s.rhs for s in d.steps if s.rhs.free_symbols == {k_F})


def _gap(chain: Chain, unknown: sp.Symbol, kind: str, cell: sp.Expr, g_min: sp.Expr, kf: Ref) -> Ref:
    """The step u = |G_min|/k_F − 2 for a cubic lattice of primitive-cell volume ``cell`` (in a)."""
    return chain.solve(
        f"{kind}: Ω = {cell}, |G_min| = {g_min}: q_U/k_F = |G_min|/k_F − 2 (the smallest G minus the "
        "Fermi-sphere diameter)", unknown,
        lambda k: sp.Eq(unknown, g_min / k.subs(Omega, cell) - 2), kf,
        rhs=lambda eq: sp.powsimp(sp.simplify(eq.rhs), force=True), name=f"q_U/k_F ({kind})")


@register
def umklapp_kinematics() -> Derivation:
    """Debye sphere and the smallest umklapp wavevector of a free-electron Fermi sphere.

    Model: a monatomic Bravais lattice (one atom per primitive cell of volume Ω), valence Z, free
    electrons filling a Fermi sphere with n = Z/Ω = k_F³/(3π²) (the state count of
    ``thomas_fermi_limit``), and the Debye sphere of the Brillouin zone's volume, (4π/3) q_D³ = (2π)³/Ω.

    Result: q_D/k_F = (2/Z)^{1/3}. Umklapp k' = k + q + G with |k|, |k'| = k_F needs |q| ≥ |G| − 2k_F;
    the smallest is q_U = |G_min| − 2k_F, with |G_min| = √3·2π/a, Ω = a³/4 (fcc) and |G_min| = √2·2π/a,
    Ω = a³/2 (bcc): q_U/k_F = (2√3π/Z)^{1/3} − 2 (fcc), (8√2π/(3Z))^{1/3} − 2 (bcc). Phonons of q_U have
    energy ≈ k_BΘ_D q_U/q_D (Debye spectrum), so umklapp freezes out below T_U ≈ Θ_D q_U/q_D.

    Source: Ashcroft & Mermin ch. 2, 23, 26; Ziman, *Electrons and Phonons* ch. 9; seeds 000, 002
    (umklapp freeze-out of the resistivity).

    Validity: free-electron sphere; q_U > 0 only if the sphere stays inside the zone (monovalent fcc
    and bcc). T_U is an order-of-magnitude estimate (exp(−T_U/T) freeze-out); it fails where the real
    Fermi surface touches the zone boundary (Cu's necks at L), where q_U -> 0.
    """
    chain = Chain()
    count = chain.result_of("thomas_fermi_limit", "state count of the filled Fermi sphere (two spins)",
                            pick=_state_count, name="n(k_F)")
    density = chain.declare("n_Z", Z / Omega, "electron density Z/Ω: valence Z, one atom per primitive cell")
    kf = chain.solve("k_F from the electron count n(k_F) = Z/Ω (the real root)", k_F,
                     lambda c, n: sp.Eq(c, n), count, density,
                     rhs=lambda eq: sp.solve(eq, k_F)[0], name="k_F")
    zone = chain.declare("Debye sphere", sp.Eq(4 * sp.pi * q_D**3 / 3, (2 * sp.pi) ** 3 / Omega),
                         "Debye sphere of the Brillouin zone's volume (2π)³/Ω (one atom per cell)")
    qd = chain.solve("q_D from the Debye sphere (the real root)", q_D, lambda eq: eq, zone,
                     rhs=lambda eq: sp.solve(eq, q_D)[0], name="q_D")
    ratio = chain.step("the ratio q_D/k_F", lambda d, k: sp.Subs(q_D / k_F, (q_D, k_F), (d, k)), qd, kf,
                       rhs=lambda r: sp.powsimp(sp.simplify(r.doit()), force=True), name="q_D/k_F")
    _gap(chain, u_fcc, "fcc", a**3 / 4, sp.sqrt(3) * 2 * sp.pi / a, kf)
    _gap(chain, u_bcc, "bcc", a**3 / 2, sp.sqrt(2) * 2 * sp.pi / a, kf)
    estimate = chain.declare("T_U", Theta_D * u * k_F / q_D,
                             "freeze-out estimate: the Debye phonon of wavevector q_U = u k_F has energy "
                             "k_BΘ_D q_U/q_D")
    chain.solve("T_U in terms of Θ_D, u = q_U/k_F and Z", T_u,
                lambda t, r: sp.Eq(T_u, t.subs(q_D, r * k_F)), estimate, ratio,
                rhs=lambda eq: sp.simplify(eq.rhs), name="T_U(Z)")
    return Derivation(
        name="umklapp_kinematics",
        title="Debye sphere, smallest umklapp wavevector and the freeze-out estimate (fcc, bcc)",
        source=cite(ASHCROFT_MERMIN.at("ch. 26"), ZIMAN.at("ch. 9"), f"{SEED_000} (umklapp)",
                    f"{SEED_002} (umklapp freeze-out)"),
        symbols=[Q_D, K_F, VALENCE, CELL, A_LAT, U_FCC, U_BCC, U_GAP, THETA_D, T_U],
        assumptions=[
            Assumption("free-electron Fermi sphere, valence Z, one atom per primitive cell"),
            Assumption("Debye sphere of the Brillouin zone's volume"),
            Assumption("umklapp needs |G_min| > 2k_F (the sphere inside the zone): u > 0"),
        ],
        model=chain.model,
        steps=chain.steps,
        statement=sp.Eq(q_D / k_F, chain[ratio], evaluate=False),
        textbook=sp.Eq(q_D / k_F, (2 / Z) ** sp.Rational(1, 3), evaluate=False),
        sample={Z: (1.0, 4.0)},
    )


@register
def migdal_adiabatic_ratio() -> Derivation:
    """Bohm-Staver sound velocity and Migdal's adiabatic ratio ħω_D/E_F ∝ (m/M)^{1/2}.

    Model: ions of mass M and charge Ze (density n/Z) oscillate at the ion plasma frequency
    Ω_p² = (n/Z)(Ze)²/(ε0 M); the electrons screen them statically with the Thomas-Fermi ε(q) of
    ``thomas_fermi_limit``, so ω_q² = Ω_p²/ε(q); n = k_F³/(3π²); the Debye wavevector q_D of
    ``umklapp_kinematics``.

    Result: v_s = lim ω_q/q = (Zm/(3M))^{1/2} v_F (Bohm-Staver) and, with ω_D = v_s q_D,
    E_F = m v_F²/2, ħω_D/E_F = 2 (v_s/v_F)(q_D/k_F) = (2^{4/3}/√3) Z^{1/6} (m/M)^{1/2}.

    Source: Bohm & Staver, Phys. Rev. 84, 836 (1951); Ashcroft & Mermin ch. 26; Grimvall ch. 2;
    seed 001 (the adiabatic ratio).

    Validity: jellium of point ions, static Thomas-Fermi screening (ω << v_F q), long wavelength.
    Real metals: v_s within a factor ~2 (Na, K close); the ratio is ~1e-2 to 1e-3, the small parameter
    of Migdal's theorem.
    """
    chain = Chain()
    eps = chain.result_of("thomas_fermi_limit", "Thomas-Fermi dielectric function ε(q) = 1 + k_TF²/q²",
                          name="ε_TF(q)")
    count = chain.result_of("thomas_fermi_limit", "state count of the filled Fermi sphere (two spins)",
                            pick=_state_count, name="n(k_F)")
    qd_ratio = chain.result_of("umklapp_kinematics", "Debye wavevector over k_F", name="q_D/k_F")
    plasma = chain.declare("Ω_p²", n_e / Z * (Z * e) ** 2 / (EPS0.symbol * M),
                           "ion plasma frequency² of ions of charge Ze at density n_e/Z")
    screened = chain.step("screened ion oscillation ω_q² = Ω_p²/ε(q), n_e = n(k_F)",
                          lambda w2, ep, n: w2.subs(n_e, n) / ep, plasma, eps, count,
                          rhs=lambda s: sp.simplify(s), name="ω_q²")
    limit = chain.step("long wavelength: v_s² = lim_{q->0} ω_q²/q²",
                       lambda w2: sp.Limit(w2 / q**2, q, 0), screened,
                       rhs=lambda s: sp.simplify(s.doit()), name="v_s²(k_F)")
    vs_kf = chain.solve("v_s, the positive root", v_s, lambda s: sp.Eq(v_s**2, s), limit,
                        rhs=lambda eq: sp.sqrt(eq.rhs), name="v_s(k_F)")
    vs = chain.step("with k_F = m v_F/ħ", lambda s: sp.Subs(s, k_F, m * v_F / hbar), vs_kf,
                    rhs=lambda s: sp.powsimp(sp.simplify(s.doit()), force=True), name="v_s")
    chain.solve("Debye frequency ω_D = v_s q_D (Debye spectrum ω = v_s q up to q_D), k_F = m v_F/ħ",
                omega_D, lambda s, r: sp.Eq(omega_D, s * r * m * v_F / hbar), vs, qd_ratio,
                rhs=lambda eq: sp.simplify(eq.rhs), name="ω_D")
    ratio = chain.step("ħω_D/E_F with E_F = m v_F²/2",
                       lambda s, r: sp.Subs(hbar * v_s * q_D / (m * v_F**2 / 2), (v_s, q_D),
                                            (s, r * m * v_F / hbar)), vs, qd_ratio,
                       rhs=lambda s: sp.powsimp(sp.simplify(s.doit()), force=True), name="ħω_D/E_F")
    return Derivation(
        name="migdal_adiabatic_ratio",
        title="Bohm-Staver sound velocity and Migdal's adiabatic ratio ħω_D/E_F",
        source=cite("D. Bohm & T. Staver, Phys. Rev. 84, 836 (1951)", ASHCROFT_MERMIN.at("ch. 26"),
                    GRIMVALL.at("ch. 2"), f"{SEED_001} (adiabatic ratio)"),
        symbols=[MIGDAL, VALENCE, ION_MASS, M_ELECTRON, V_F, V_S, OMEGA_D, K_F, Q, HBAR, E_CHARGE,
                 EPS0, N_E, Q_D],
        assumptions=[
            Assumption("jellium of point ions of charge Ze, mass M, at the ion plasma frequency"),
            Assumption("static Thomas-Fermi screening by the electrons (ω << v_F q), long wavelength"),
            Assumption("Debye spectrum ω = v_s q up to q_D (one atom per cell)"),
        ],
        model=chain.model,
        steps=chain.steps,
        statement=sp.Eq(R_M, chain[ratio], evaluate=False),
        textbook=sp.Eq(R_M, 2 ** sp.Rational(4, 3) / sp.sqrt(3) * Z ** sp.Rational(1, 6) * sp.sqrt(m / M),
                       evaluate=False),
        sample={Z: (1.0, 4.0)},
    )


@register
def wiedemann_franz_lorenz() -> Derivation:
    """The Wiedemann-Franz law κ/(σT) = L₀ = π²k_B²/(3e²) from the Sommerfeld expansion.

    Model: elastic scattering with an energy-independent τ; the transport integrals
    K_n = τ∫(−∂f/∂ε)(ε − μ)^n Φ(ε) dε with the transport function Φ(ε) = D(ε)v²(ε)/3, σ = e²K_0,
    κ = (K_2 − K_1²/K_0)/T (Ashcroft & Mermin ch. 13). In x = (ε − μ)/(k_BT), (−∂f/∂ε)dε = w(x)dx,
    w = −df/dx, f = 1/(e^x + 1); near μ, Φ = Φ_0 + Φ_1 k_BT x.

    Result: the moments ∫w = 1, ∫x w = 0, ∫x² w = π²/3, ∫x³ w = 0 give σ = e²τΦ_0,
    κ = (π²/3)k_B²Tτ[Φ_0 − (π²/3)(k_BT)²Φ_1²/Φ_0] and L = κ/(σT) = π²k_B²/(3e²) + O(T²).

    Source: Ashcroft & Mermin ch. 13; Ziman ch. 7; seed 003 (section 'Implications for the Lorenz ratio').

    Validity: elastic scattering (impurities, or phonons at T >> Θ_D) and k_BT |Φ_1/Φ_0| << 1. At
    intermediate T the inelastic small-angle phonon scattering relaxes the heat current (energy) faster
    than the charge current (momentum), so L < L₀ there.
    """
    kT = k_B * T
    chain = Chain()
    fermi = chain.declare("f(x)", 1 / (sp.exp(x) + 1),
                          "Fermi function of the reduced energy x = (ε − μ)/k_BT")
    phi = chain.declare("Φ(x)", Phi_0 + Phi_1 * kT * x,
                        "transport function D(ε)v²(ε)/3 near μ, to first order in ε − μ = k_BT x")
    sigma_k = chain.declare("σ(K)", e**2 * K0, "electrical conductivity σ = e²K_0 (transport integrals K_n)")
    kappa_k = chain.declare("κ(K)", (K2 - K1**2 / K0) / T,
                            "thermal conductivity κ = (K_2 − K_1²/K_0)/T (no electric current)")
    window = chain.step("Fermi window w(x) = −df/dx, so (−∂f/∂ε)dε = w dx",
                        lambda f: -sp.Derivative(f, x), fermi,
                        rhs=lambda d: sp.simplify(d.doit()), name="w(x)")

    def moment(n: int) -> Callable[[sp.Expr], sp.Integral]:
        return lambda w: sp.Integral(x**n * w, (x, -sp.oo, sp.oo))

    def odd_moment(n: int) -> Callable[[sp.Expr], sp.Integral]:
        """∫x^n w dx over the line, split at 0 with x -> −x on the negative half."""
        return lambda w: sp.Integral(x**n * (w - sp.Subs(w, x, -x)), (x, 0, sp.oo))

    moments = [
        chain.step("normalisation of the Fermi window", moment(0), window, rhs=lambda s: s.doit(),
                   name="I_0"),
        chain.step("first moment: the line split at 0, x -> −x on the negative half; w is even",
                   odd_moment(1), window, rhs=sp.Integer(0), name="I_1"),
        chain.step("Sommerfeld integral: ∫x² w dx = 4η(2) = π²/3 (series of e^{−k|x|} term by term)",
                   moment(2), window, rhs=sp.pi**2 / 3, name="I_2",
                   numeric="SymPy cannot integrate x² e^x/(e^x + 1)² over the line (it splits it into "
                           "divergent halves)"),
        chain.step("third moment: the same split; w is even", odd_moment(3), window, rhs=sp.Integer(0),
                   name="I_3"),
    ]
    coefficients = []
    for n in range(3):
        moments_n = sp.Matrix([chain[moments[n]], chain[moments[n + 1]]])
        coefficients.append(chain.step(
            f"K_{n} = τ(k_BT)^{n}∫x^{n} w Φ dx = τ(k_BT)^{n}[Φ(0) I_{n} + Φ'(0) I_{n + 1}] (Φ linear in x, "
            "the moments above)",
            lambda p, w, n=n: tau * kT**n * sp.Integral(x**n * w * p, (x, -sp.oo, sp.oo)), phi, window,
            rhs=lambda s, n=n, i=moments_n: sp.expand(tau * kT**n * (Phi_0 * i[0] + Phi_1 * kT * i[1])),
            name=f"K_{n}", numeric="SymPy cannot integrate the Fermi window's moments over the line (the "
                                   "moments steps above)"))
    sigma = chain.step("σ = e²K_0", lambda o, k: sp.Subs(o, K0, k), sigma_k, coefficients[0],
                       rhs=lambda s: s.doit(), name="σ")
    kappa = chain.step("κ = (K_2 − K_1²/K_0)/T",
                       lambda o, k0, k1, k2: o.xreplace({K0: k0, K1: k1, K2: k2}), kappa_k,
                       *coefficients,
                       rhs=lambda s: sp.expand(sp.simplify(s.doit())), name="κ")
    lorenz = chain.step("Lorenz ratio κ/(σT)", lambda k, s: k / (s * T), kappa, sigma,
                        rhs=lambda s: sp.expand(sp.simplify(s)), name="κ/(σT)")
    low_t = chain.step("degenerate limit k_BT -> 0", lambda r: sp.Limit(r, T, 0, "+"), lorenz,
                       rhs=lambda s: s.doit(), name="L₀")
    chain.step("the correction is O(T²): κ/(σT) = L₀ + O(T²)", lambda r: r, lorenz, rhs=chain[low_t],
               order=(T**2, T, 0), name="κ/(σT) at low T")
    return Derivation(
        name="wiedemann_franz_lorenz",
        title="Wiedemann-Franz law: the Lorenz number L₀ = π²k_B²/(3e²)",
        source=cite(ASHCROFT_MERMIN.at("ch. 13"), ZIMAN.at("ch. 7"),
                    SEED_003.at("'Implications for the Lorenz ratio'")),
        symbols=[LORENZ, K_B, E_CHARGE, TEMPERATURE, X_RED, TAU, PHI_0, PHI_1, *K_COEF],
        assumptions=[
            Assumption("elastic scattering with an energy-independent relaxation time τ"),
            Assumption("σ = e²K_0, κ = (K_2 − K_1²/K_0)/T with K_n = τ∫(−∂f/∂ε)(ε − μ)^n Φ(ε) dε"),
            Assumption("degenerate electrons: k_BT much below the scale of Φ's variation",
                       sp.StrictLessThan(k_B * T * Phi_1, Phi_0)),
        ],
        model=chain.model,
        steps=chain.steps,
        statement=sp.Eq(L, chain[low_t], evaluate=False),
        textbook=sp.Eq(L, sp.pi**2 / 3 * (k_B / e) ** 2, evaluate=False),
        sample={Phi_1: (0.1, 2.0)},
    )



ETA_MEAN = quantity("eta", DIMENSIONLESS, "reduced mean energy ((ε + ε')/2 − μ)/(k_B T) of a transition",
                    real=True)
THETA_RATIO = quantity("y", DIMENSIONLESS, "reduced inverse temperature Θ_D/T")
Q_RED = quantity("t", DIMENSIONLESS, "phonon wavevector in units of the Debye wavevector, q/q_D")
KAPPA_F = quantity("kappa_F", DIMENSIONLESS, "Fermi wavevector in units of the Debye wavevector, k_F/q_D")
LORENZ_RATIO = quantity("L_ratio", DIMENSIONLESS, "Lorenz ratio L/L₀ = κ/(σTL₀)")
F_FUNCTIONAL = [quantity(f"F_{kind}", DIMENSIONLESS,
                         f"variational scattering functional, {text} trial function (reduced units)")
                for kind, text in (("el", "electrical"), ("th", "thermal"))]
z_red = Z_RED.symbol
eta, y_r, t_r, kappa, L_ratio = (s.symbol for s in (ETA_MEAN, THETA_RATIO, Q_RED, KAPPA_F, LORENZ_RATIO))


def _bloch_integral(n: int, upper: sp.Expr, lower: sp.Expr | int = 0) -> sp.Integral:
    """∫_lower^upper zⁿeᶻ/(eᶻ − 1)² dz (J_n(upper) from 0), written zⁿ/(4 sinh²(z/2)) (no cancellation at
    small z)."""
    return sp.Integral(z_red**n / (4 * sp.sinh(z_red / 2) ** 2), (z_red, lower, upper))


@register
def lorenz_ratio_bloch_wilson() -> Derivation:
    """Where the Wiedemann-Franz law fails: L/L₀ of phonon scattering (Bloch-Wilson), at any T.

    Model: free electrons on a Fermi sphere (k_F), Debye phonons (q <= q_D < 2k_F, normal processes,
    equilibrium phonons) with the deformation-potential coupling |g_q|² ∝ q, and the lowest-order
    variational solutions of the Boltzmann equation with the trial functions k·u (electric field along
    u) and (ε − μ)k·u (temperature gradient). In units k_BT = 1 and q_D = 1 a transition absorbing a
    phonon z = ħω/k_BT = yt (t = q/q_D, y = Θ_D/T) from energy η − z/2 to η + z/2 has the occupation
    P(η) = f(η − z/2)(1 − f(η + z/2)); the u-averaged squares of the trial functions' changes are
    ((k − k')·u)² -> q²/3 and (((ε − μ)k − (ε' − μ)k')·u)² -> |(η − z/2)k − (η + z/2)k'|²/3 with
    |k| = |k'| = k_F (quasi-elastic), k·k' = k_F² − q²/2. The golden rule's weight of q is q²n(z)dq
    (phase space q dq on the sphere, |g|² ∝ q).

    Result: ∫P = z(n + 1), ∫ηP = 0, ∫η²P = (π²/3 + z²/12) z(n + 1); the functionals are
    F_el = J_5(y)/(3y⁵) and F_th = [(π²/3)J_5 + κ²y²J_5 − J_7/6]/(3y⁵) (κ = k_F/q_D), and the Lorenz
    ratio (π²/3)F_el/F_th is

        L/L₀ = 1/[1 + (3/π²)(k_F/q_D)²(Θ_D/T)² − J_7(Θ_D/T)/(2π²J_5(Θ_D/T))],   (k_F/q_D)² = (Z/2)^{2/3}.

    The κ²y² term is the "vertical" part: a phonon changes the electron's energy by ħω, which relaxes
    a heat current even when the momentum hardly changes (small q). High T: L/L₀ = 1 − O((Θ_D/T)²).
    Low T: L/L₀ -> (π²/3)(q_D/k_F)²(T/Θ_D)² -> 0, where impurity (elastic) scattering takes over and
    restores L₀ (not in this model).

    Source: Ziman, *Electrons and Phonons* ch. 9 (the ideal thermal resistance, Wilson); Ashcroft &
    Mermin ch. 13 (Wiedemann-Franz) and ch. 26; Grimvall ch. 6; seed 003 ('Implications for the
    Lorenz ratio').

    Validity: lowest-order variational (the trial functions are not exact; the error is small at high
    T); spherical Fermi surface, Debye spectrum with q_D < 2k_F (Z > 1/4), normal processes; k_BT, ħω
    << E_F.
    """
    chain = Chain()
    window = chain.declare(
        "P(η)", 1 / (sp.exp(eta - z_red / 2) + 1) * (1 - 1 / (sp.exp(eta + z_red / 2) + 1)),
        "occupation f(ε)(1 − f(ε')) of a transition absorbing a phonon z = ħω/k_BT, ε' = ε + ħω, in the "
        "mean energy η (k_BT = 1)")
    thermal = chain.declare(
        "⟨ΔΦ_th²⟩", ((eta - z_red / 2) ** 2 * kappa**2 + (eta + z_red / 2) ** 2 * kappa**2
                    - 2 * (eta - z_red / 2) * (eta + z_red / 2) * (kappa**2 - t_r**2 / 2)) / 3,
        "|(ε − μ)k − (ε' − μ)k'|²/3, the change of the thermal trial function averaged over u "
        "(⟨u_i u_j⟩ = δ_ij/3), |k| = |k'| = κ, k·k' = κ² − t²/2 (q_D = 1)")
    electric = chain.declare("⟨ΔΦ_el²⟩", (2 * kappa**2 - 2 * (kappa**2 - t_r**2 / 2)) / 3,
                             "|k − k'|²/3, the change of the electrical trial function k·u averaged over u")
    bose = 1 / (sp.exp(y_r * t_r) - 1)
    reason = "SymPy cannot integrate products of Fermi functions over the line"
    n0 = chain.step("∫P dη = z/(1 − e^{−z}) = z(n(z) + 1)", lambda p: sp.Integral(p, (eta, -sp.oo, sp.oo)),
                    window, rhs=z_red / (1 - sp.exp(-z_red)), numeric=reason, name="N_0")
    chain.step("P is even in η (f(−s) = 1 − f(s)): ∫ηP dη = ∫_0^∞ η(P(η) − P(−η)) dη = 0",
               lambda p: p - p.subs(eta, -eta), window, rhs=lambda d: sp.simplify(d), name="P(η) − P(−η)")
    n2 = chain.step("∫η²P dη = (π²/3 + z²/12) z/(1 − e^{−z})",
                    lambda p: sp.Integral(eta**2 * p, (eta, -sp.oo, sp.oo)), window,
                    rhs=(sp.pi**2 / 3 + z_red**2 / 12) * z_red / (1 - sp.exp(-z_red)), numeric=reason,
                    name="N_2")

    def window_average(square: sp.Expr) -> sp.Expr:
        """∫P·square dη by the moments: square is even in η (no linear term), η⁰ and η² terms."""
        c = [*sp.Poly(sp.expand(square), eta).all_coeffs()[::-1], 0, 0, 0]
        if c[1] != 0:
            raise ValueError("the square has a term linear in η")
        return sp.expand(c[0] * chain[n0] + c[2] * chain[n2])

    s_th = chain.step("the thermal square against P: even in η (the linear terms cancel), term by term "
                      "with the moments ∫P and ∫η²P",
                      lambda sq, p: sp.Integral(p * sq, (eta, -sp.oo, sp.oo)), thermal, window,
                      rhs=window_average(chain[thermal]), numeric=reason, name="S_th(z)")
    s_el = chain.step("the electrical square against P: t²/3 times ∫P",
                      lambda sq, p: sp.Integral(p * sq, (eta, -sp.oo, sp.oo)), electric, window,
                      rhs=window_average(chain[electric]), numeric=reason, name="S_el(z)")
    functional = "over the Debye sphere with the weight t²n(yt)dt, z = yt; then t = z/y"
    f_el = chain.step(f"F_el: {functional}: J_5(y)/(3y⁵)",
                      lambda s: sp.Integral(t_r**2 * bose * s.subs(z_red, y_r * t_r), (t_r, 0, 1)), s_el,
                      rhs=_bloch_integral(5, y_r) / (3 * y_r**5),
                      numeric="SymPy cannot do the Bose integrals", name="F_el")
    f_th = chain.step(f"F_th: {functional}: [(π²/3)J_5 + κ²y²J_5 − J_7/6]/(3y⁵)",
                      lambda s: sp.Integral(t_r**2 * bose * s.subs(z_red, y_r * t_r), (t_r, 0, 1)), s_th,
                      rhs=((sp.pi**2 / 3 + kappa**2 * y_r**2) * _bloch_integral(5, y_r)
                           - _bloch_integral(7, y_r) / 6) / (3 * y_r**5),
                      numeric="SymPy cannot do the Bose integrals", name="F_th")
    ratio = chain.step(
        "variational Lorenz ratio: ρ ∝ F_el/⟨k·u, X_el⟩², W T ∝ F_th/⟨(ε − μ)k·u, X_Q⟩², the current "
        "integrals differ by ∫(ε − μ)²(−∂f/∂ε) = π²/3, so L/L₀ = (π²/3)F_el/F_th (= 1 for elastic "
        "scattering, z -> 0)",
        lambda fe, ft: sp.pi**2 / 3 * fe / ft, f_el, f_th,
        rhs=1 / (1 + 3 * kappa**2 * y_r**2 / sp.pi**2
                 - _bloch_integral(7, y_r) / (2 * sp.pi**2 * _bloch_integral(5, y_r))),
        numeric="SymPy cannot do the Bose integrals", name="L/L₀(κ)")
    debye = chain.result_of("umklapp_kinematics", "q_D/k_F = (2/Z)^{1/3} (one atom per cell)",
                            name="q_D/k_F")
    in_z = chain.step("k_F/q_D from the Debye sphere and the valence: κ = (Z/2)^{1/3}; y = Θ_D/T",
                      lambda r, d: sp.Subs(r, (kappa, y_r), (1 / d, Theta_D / T)), ratio, debye,
                      rhs=lambda e: e.expr.subs(dict(zip(e.variables, e.point, strict=True)),
                                                simultaneous=True),
                      name="L/L₀")  # the substitution alone: Subs.doit() would try the Bose integrals
    chain.step("high T, Θ_D/T -> 0: J_n(y) = y^{n−1}/(n − 1) + O(y^{n+1}), J_7/J_5 -> (2/3)y²; "
               "L/L₀ = 1 − [(3/π²)(Z/2)^{2/3} − 1/(3π²)](Θ_D/T)² + O((Θ_D/T)⁴)",
               lambda r: r, in_z,
               rhs=1 - (3 * (Z / 2) ** sp.Rational(2, 3) / sp.pi**2 - 1 / (3 * sp.pi**2)) * (Theta_D / T)**2,
               order=(T**-4, T, sp.oo), numeric="the limit of integrals with a moving upper limit",
               sample={Theta_D: (1e5, 1e6)})  # Θ_D/T from 1 down to 1e-5 along the approach
    for n in (5, 7):
        chain.step(f"J_{n}(∞) = {n}!ζ({n}): by parts zⁿeᶻ/(eᶻ − 1)² = −zⁿ dn/dz, then n = Σ_j e^(−jz) term "
                   "by term (as in allen_transport_bloch_gruneisen)",
                   lambda r, n=n: next(i for i in r.atoms(sp.Integral) if i.function.has(z_red**n))
                   .subs(y_r, sp.oo), ratio, rhs=sp.factorial(n) * sp.zeta(n), name=f"J_{n}(∞)",
                   numeric="SymPy cannot do the improper Bose integrals")
    vertical = 3 * (Z / 2) ** sp.Rational(2, 3) / sp.pi**2              # the coefficient A of y²
    j_inf = {n: sp.factorial(n) * sp.zeta(n) for n in (5, 7)}
    y_t = Theta_D / T
    tail = {n: _bloch_integral(n, sp.oo, y_t) for n in (5, 7)}
    rest = 1 - j_inf[7] / (2 * sp.pi**2 * j_inf[5])
    tails = chain.step(
        "low T: 1/(L/L₀) = Ay² + 1 − J_7/(2π²J_5) with A = (3/π²)(Z/2)^{2/3}, y = Θ_D/T; with "
        "J_n(y) = n!ζ(n) − ∫_y^∞ (the steps above) its distance from Ay² + B∞, B∞ = 1 − 7!ζ(7)/(2π²5!ζ(5)) "
        "≈ −1.07, is a difference of the tails: so L/L₀ -> (π²/3)(2/Z)^{2/3}(T/Θ_D)² as T -> 0",
        lambda r: 1 / r - vertical * y_t**2 - rest, in_z,
        rhs=(j_inf[5] * tail[7] - j_inf[7] * tail[5]) / (2 * sp.pi**2 * j_inf[5] * _bloch_integral(5, y_t)),
        numeric="SymPy cannot do the Bose integrals", name="1/(L/L₀) − Ay² − B∞")
    chain.step("T << Θ_D: the tails are exponentially small, ∫_y^∞ zⁿeᶻ/(eᶻ − 1)² dz = yⁿe^(−y)(1 + O(1/y)); "
               "the z⁷ tail leads",
               lambda d: d, tails, rhs=y_t**7 * sp.exp(-y_t) / (2 * sp.pi**2 * j_inf[5]),
               order=(y_t**6 * sp.exp(-y_t), T, 0), numeric=TAIL,
               sample={Theta_D: (1e-5, 1e-4)})  # Θ_D/T from 10 up to 1e6 along the approach
    return Derivation(
        name="lorenz_ratio_bloch_wilson",
        title="Lorenz ratio of phonon scattering (Bloch-Wilson): where the Wiedemann-Franz law fails",
        source=cite(ZIMAN.at("ch. 9 (ideal thermal resistance)"), ASHCROFT_MERMIN.at("ch. 13, 26"),
                    GRIMVALL.at("ch. 6"), SEED_003.at("'Implications for the Lorenz ratio'")),
        symbols=[LORENZ_RATIO, VALENCE, THETA_D, TEMPERATURE, THETA_RATIO, ETA_MEAN, Z_RED, Q_RED, KAPPA_F,
                 Q_D, K_F, *F_FUNCTIONAL],
        assumptions=[
            Assumption("free electrons on a Fermi sphere; Debye phonons q <= q_D < 2k_F, normal processes, "
                       "in equilibrium; deformation-potential coupling |g_q|² ∝ q",
                       sp.StrictLessThan(q_D, 2 * k_F)),
            Assumption("lowest-order variational solutions with the trial functions k·u (electric field) "
                       "and (ε − μ)k·u (temperature gradient)"),
            Assumption("quasi-elastic kinematics |k'| = k_F (ħω, k_BT << E_F)"),
        ],
        model=chain.model,
        steps=chain.steps,
        statement=sp.Eq(L_ratio, chain[in_z], evaluate=False),
        textbook=sp.Eq(L_ratio, 1 / (1 + 3 / sp.pi**2 * (Z / 2) ** sp.Rational(2, 3) * (Theta_D / T) ** 2
                                     - _bloch_integral(7, Theta_D / T)
                                     / (2 * sp.pi**2 * _bloch_integral(5, Theta_D / T))), evaluate=False),
        sample={Z: (1.0, 4.0), y_r: (0.2, 5.0), z_red: (0.1, 5.0), kappa: (0.8, 1.3), t_r: (0.1, 1.0),
                Theta_D: (100.0, 500.0), T: (20.0, 1000.0)},
    )


def _high_T_rate(d: Derivation) -> sp.Expr:
    """1/τ_tr = 2πλ_tr k_BT/ħ, the high-temperature step of ``allen_transport_bloch_gruneisen`` (the step
    whose order is taken as T -> ∞)."""
    return next(s.rhs for s in d.steps if s.order is not None and s.order[2] == sp.oo)


@register
def resistivity_high_T_slope() -> Derivation:
    """The high-temperature slope of the phonon resistivity, dρ/dT = 2πλ_tr k_B/(ħε0ω_p²).

    Model: the Drude resistivity ρ = m/(n_e e²τ_tr) with the Fermi-window-averaged transport rate of
    Allen's formula, whose high-temperature limit (T >> Θ) is 1/τ_tr = 2πλ_tr k_BT/ħ (a step of
    ``allen_transport_bloch_gruneisen``), and the plasma frequency ω_p² = n_e e²/(ε0 m).

    Result: n_e = ε0 m ω_p²/e², so ρ = 1/(ε0ω_p²τ_tr) = 2πλ_tr k_BT/(ħε0ω_p²) and
    dρ/dT = 2πλ_tr k_B/(ħε0ω_p²), independent of the band mass and density separately (only ω_p).

    Source: Allen, Phys. Rev. B 17, 3725 (1978); Grimvall, *The Electron-Phonon Interaction in Metals*
    ch. 6; Ashcroft & Mermin ch. 1 (Drude); seed 002 (the linear-in-T resistivity).

    Validity: T >> Θ (relative correction −(Θ/T)²/18 for the α²F_tr ∝ ω⁴ model); lowest-order variational
    (Allen) solution of the Boltzmann equation; isotropic Fermi surface (ω_p the Drude plasma frequency);
    residual (impurity) resistivity adds a constant, not a slope (Matthiessen).
    """
    eps0 = EPS0.symbol
    chain = Chain()
    rate = chain.result_of("allen_transport_bloch_gruneisen", "high-temperature transport rate "
                           "1/τ_tr = 2πλ_tr k_BT/ħ", pick=_high_T_rate, name="1/τ_tr(T >> Θ)")
    drude = chain.declare("ρ(τ_tr)", m / (n_e * e**2 * tau_tr), "Drude resistivity ρ = m/(n_e e²τ_tr)")
    plasma = chain.declare("ω_p²", n_e * e**2 / (eps0 * m), "plasma frequency² ω_p² = n_e e²/(ε0 m)")
    density = chain.solve("n_e from the plasma frequency", n_e, lambda w2: sp.Eq(omega_p**2, w2), plasma,
                          rhs=lambda eq: sp.solve(eq, n_e)[0], name="n_e(ω_p)")
    rho_tau = chain.step("ρ in terms of ω_p: n_e = ε0mω_p²/e²", lambda r, n: sp.Subs(r, n_e, n), drude,
                         density, rhs=lambda s: sp.simplify(s.doit()), name="ρ(ω_p, τ_tr)")
    rho_t = chain.step("T >> Θ: τ_tr = 1/(2πλ_tr k_BT/ħ)", lambda r, g: sp.Subs(r, tau_tr, 1 / g), rho_tau,
                       rate, rhs=lambda s: sp.simplify(s.doit()), name="ρ(T)")
    slope = chain.step("the slope dρ/dT", lambda r: sp.Derivative(r, T), rho_t,
                       rhs=lambda s: sp.simplify(s.doit()), name="dρ/dT")
    return Derivation(
        name="resistivity_high_T_slope",
        title="High-temperature slope of the resistivity dρ/dT = 2πλ_tr k_B/(ħε0ω_p²)",
        source=cite(ALLEN_1978, GRIMVALL.at("ch. 6"), ASHCROFT_MERMIN.at("ch. 1"),
                    f"{SEED_002} (linear-in-T resistivity)"),
        symbols=[SLOPE, RESISTIVITY, TAU_TR, LAMBDA_TR, OMEGA_P, N_E, M_ELECTRON, E_CHARGE, EPS0, K_B, HBAR,
                 TEMPERATURE],
        assumptions=[
            Assumption("Drude resistivity ρ = m/(n_e e²τ_tr) with Allen's Fermi-window-averaged τ_tr"),
            Assumption("plasma frequency ω_p² = n_e e²/(ε0 m) of the conduction electrons"),
            Assumption("high temperature T >> Θ: 1/τ_tr = 2πλ_tr k_BT/ħ (allen_transport_bloch_gruneisen)"),
        ],
        model=chain.model,
        steps=chain.steps,
        statement=sp.Eq(s_rho, chain[slope], evaluate=False),
        textbook=sp.Eq(s_rho, 2 * sp.pi * lam_tr * k_B / (hbar * eps0 * omega_p**2), evaluate=False),
        sample={lam_tr: (0.1, 2.0)},
    )
