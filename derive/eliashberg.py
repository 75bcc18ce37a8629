"""Derivations: the BCS limit of the Eliashberg theory and the Migdal mass enhancement.

* ``bcs_tc_weak_coupling``: the linearized BCS gap equation with a constant attraction
  within ±ħω_c of E_F, 1 = λ∫_0^{ħω_c} tanh(ε/2k_BT_c)/ε dε, solved for ħω_c >> k_BT_c:
  k_BT_c = (2e^γ/π) ħω_c e^{−1/λ} ≈ 1.134 ħω_c e^{−1/λ}.
* ``bcs_gap_ratio``: the T = 0 gap equation 1 = λ∫_0^{ħω_c} dε/√(ε² + Δ²) gives
  Δ(0) = ħω_c/sinh(1/λ) → 2ħω_c e^{−1/λ}, and with T_c above 2Δ(0)/k_BT_c = 2π e^{−γ} ≈ 3.528.
* ``mass_enhancement_migdal``: the T = 0 Migdal self-energy of an electron near E_F,
  Re Σ(ω) = −ħ∫_0^∞ dν α²F(ν) ln|(ν + ω)/(ν − ω)|, for an Einstein spectrum and for a
  Debye-like spectrum: ∂Re Σ/∂(ħω) at ω = 0 is −λ, so m*/m = 1 + λ.

The numeric Matsubara-axis solver of the full isotropic equations is
:mod:`numeric.eliashberg`; its weak-coupling limit (μ* = 0, Einstein spectrum) is not this BCS
model (the cut-off of the attraction is sharp here), so the cross-checks of these derivations
solve the finite-cutoff BCS equations themselves by quadrature and root finding.
"""

from __future__ import annotations

import sympy as sp

from .constants import HBAR, K_B, OMEGA, quantity
from .derivation import TAIL, Assumption, Chain, Derivation
from .registry import register
from .sources import ALLEN_MITROVIC, BCS_1957, GRIMVALL, TINKHAM, cite
from .units import DIMENSIONLESS, JOULE, KELVIN, SECOND

__all__ = ["bcs_gap_ratio", "bcs_tc_weak_coupling", "mass_enhancement_migdal"]

T_C = quantity("T_c", KELVIN, "superconducting transition temperature")
OMEGA_C = quantity("omega_c", 1 / SECOND, "cut-off of the BCS attraction: it acts within ±ħω_c of E_F")
LAMBDA = quantity("lambda", DIMENSIONLESS,
                  "dimensionless coupling: BCS λ = N(0)V (N(0) per spin); in the Migdal self-energy "
                  "λ = 2∫α²F(ν)/ν dν")
EPSILON = quantity("epsilon", JOULE, "single-particle energy measured from E_F")
X = quantity("x", DIMENSIONLESS, "reduced energy x = ε/(2k_BT_c)")
DELTA = quantity("Delta", JOULE, "energy gap at T = 0, Δ(0)")
GAP_RATIO = quantity("r_BCS", DIMENSIONLESS, "gap ratio 2Δ(0)/(k_BT_c)")
T_RED = quantity("t", DIMENSIONLESS, "reduced phonon frequency t = ν/ω_0 (ω_0 = ω_E or ω_D)")
S_RED = quantity("s", DIMENSIONLESS, "reduced electron energy s = ω/ω_0, ħω measured from E_F")
OMEGA_E = quantity("omega_E", 1 / SECOND, "Einstein frequency")
OMEGA_D = quantity("omega_D", 1 / SECOND, "cut-off (Debye) frequency of the Debye-like α²F")
AMPLITUDE = quantity("A", DIMENSIONLESS, "weight of the Einstein α²F = A ω_E δ(ν − ω_E)")
AMPLITUDE_D = quantity("C", DIMENSIONLESS, "amplitude of the Debye-like α²F = C (ν/ω_D)² below ω_D")
SIGMA = quantity("Sigma", JOULE, "real part of the electron self-energy Re Σ(ω) at T = 0")
MASS_RATIO = quantity("m_ratio", DIMENSIONLESS, "mass enhancement m*/m at the Fermi level")


def _integral(expr: sp.Expr, lower: object = None) -> sp.Integral:
    """The one integral in ``expr`` (with ``lower``: the one of that lower limit)."""
    found = [i for i in expr.atoms(sp.Integral) if lower is None or i.limits[0][1] == lower]
    (integral,) = found
    return integral


def _by_parts(integral: sp.Integral, u: sp.Expr) -> sp.Expr:
    """∫_a^b u v' dx = [u v]_a^b − ∫_a^b u' v dx, v the antiderivative of the integrand over u; the
    boundary values by limits (they may be 0·∞ forms)."""
    x, a, b = integral.limits[0]
    v = sp.integrate(sp.simplify(integral.function / u), x)
    boundary = sp.limit(u * v, x, b) - sp.limit(u * v, x, a, "+")
    return boundary - sp.Integral(sp.simplify(sp.diff(u, x).rewrite(sp.cosh)) * v, (x, a, b))


@register
def bcs_tc_weak_coupling() -> Derivation:
    """BCS weak coupling: k_BT_c = (2e^γ/π) ħω_c e^{−1/λ} ≈ 1.134 ħω_c e^{−1/λ} for ħω_c >> k_BT_c.

    Model: the linearized BCS gap equation at T_c for a constant attraction V that acts
    between electrons within ±ħω_c of the Fermi level (λ = N(0)V, N(0) the density of states
    per spin): 1 = λ ∫_0^{ħω_c} tanh(ε/2k_BT_c)/ε dε.

    Route: in the reduced energy x = ε/(2k_BT_c) the integral runs to X = ħω_c/(2k_BT_c);
    by parts (u = tanh x, dv = dx/x) it is ln(X) tanh(X) − ∫_0^X ln(x) sech²(x) dx; the
    integral to X is the one to ∞ minus a tail; for X >> 1 (ħω_c >> k_BT_c) tanh X = 1 and the
    tail is 2 ln(X) e^{−2X} (both remainders exponentially small, checked as asymptotic steps);
    ∫_0^∞ ln(x) sech²(x) dx = ln(π/4) − γ (by quadrature: SymPy cannot integrate it), so the
    integral is ln(2e^γ ħω_c/(π k_BT_c)) and the gap equation gives T_c.

    Source: Bardeen, Cooper & Schrieffer, Phys. Rev. 108, 1175 (1957); Tinkham,
    *Introduction to Superconductivity*, ch. 3.

    Validity: weak coupling, ħω_c >> k_BT_c, i.e. e^{−1/λ} << 1 (λ ≲ 0.3): the neglected
    terms change ln T_c by about e^{−2X}/X with X = ħω_c/(2k_BT_c) = (π/4e^γ) e^{1/λ}; a sharp
    cut-off of a constant attraction (no retardation, no Coulomb pseudopotential).
    """
    hbar, k_B = HBAR.symbol, K_B.symbol
    T, omega_c, lam, eps, x = T_C.symbol, OMEGA_C.symbol, LAMBDA.symbol, EPSILON.symbol, X.symbol

    chain = Chain()
    kernel = sp.tanh(eps / (2 * k_B * T)) / eps
    gap = chain.declare(
        "gap equation", sp.Eq(1, lam * sp.Integral(kernel, (eps, 0, hbar * omega_c))),
        "linearized BCS gap equation at T_c, constant attraction λ = N(0)V within ±ħω_c of E_F")

    def in_x(integral: sp.Integral) -> sp.Integral:
        """The change of variable ε -> x = ε/(2k_BT_c): ε = 2k_BT_c x, dε = 2k_BT_c dx, the limits mapped."""
        eps_of_x = 2 * k_B * T * x
        _, a, b = integral.limits[0]
        limits = [sp.solve(eps_of_x - e, x, dict=False)[0] if e != 0 else 0 for e in (a, b)]
        return sp.Integral((integral.function * sp.diff(eps_of_x, x)).subs(eps, eps_of_x), (x, *limits))

    reduced_integral = chain.step(
        "the integral of the gap equation in the reduced energy x = ε/(2k_BT_c): it runs to "
        "X = ħω_c/(2k_BT_c)",
        lambda g: _integral(g.rhs), gap, rhs=in_x,
        numeric="a change of variables in an integral SymPy cannot carry out (tanh(x)/x)")
    upper = chain[reduced_integral].limits[0][2]  # X = ħω_c/(2k_BT_c)
    parts = chain.step(
        "by parts, u = tanh x, dv = dx/x (v = ln x; tanh(x) ln(x) -> 0 as x -> 0)",
        lambda i: i, reduced_integral, rhs=lambda e: _by_parts(e, sp.tanh(x)),
        numeric="SymPy can integrate neither tanh(x)/x nor ln(x) sech²(x): the integration by parts is "
                "checked by quadrature")
    lower_part = _integral(chain[parts])
    log_sech = lower_part.function
    split = chain.step(
        "split the integral at X: ∫_0^X = ∫_0^∞ − ∫_X^∞ (additivity; both converge)",
        lambda p: p, parts,
        rhs=chain[parts].subs(lower_part, sp.Integral(log_sech, (x, 0, sp.oo))
                              - sp.Integral(log_sech, (x, upper, sp.oo))))
    boundary = chain.step(
        "ħω_c >> k_BT_c (X >> 1): the boundary term, tanh X = 1 − 2/(e^{2X} + 1) = 1 + O(e^{−2X})",
        lambda s: s.as_independent(sp.Integral)[0], split,
        rhs=lambda e: e.subs(sp.tanh(upper), 1), order=(sp.log(upper) * sp.exp(-2 * upper), T, 0))
    tail = chain.step(
        "ħω_c >> k_BT_c: the tail is exponentially small, 2 ln(X) e^{−2X} (1 + O(1/(X ln X))) "
        "(sech²x = 4e^{−2x}(1 + O(e^{−2x})), then by parts)",
        lambda s: _integral(s, upper), split,
        rhs=2 * sp.log(upper) * sp.exp(-2 * upper), order=(sp.exp(-2 * upper) / upper, T, 0), numeric=TAIL)
    constant = chain.step(
        "∫_0^∞ ln(x) sech²(x) dx = ln(π/4) − γ = −ln(4e^γ/π)",
        lambda s: _integral(s, 0), split, rhs=sp.log(sp.pi / 4) - sp.EulerGamma,
        numeric="SymPy cannot integrate ln(x) sech²(x): the constant is checked by quadrature at 30 digits")

    def leading(s: sp.Expr, b: sp.Expr, t: sp.Expr, c: sp.Expr) -> sp.Expr:
        """The split integral with the boundary term and the tail by their leading terms and
        ∫_0^∞ ln(x) sech²(x) dx by its value."""
        kept = s.subs(_integral(s, upper), t).subs(s.as_independent(sp.Integral)[0], b)
        return kept.subs(_integral(s, 0), c)

    integral_value = chain.step(
        "ħω_c >> k_BT_c: with the leading terms of the boundary term and of the tail (the two "
        "asymptotic steps above), ∫_0^{ħω_c} tanh(ε/2k_BT_c)/ε dε = ln(2e^γ ħω_c/(π k_BT_c)) "
        "+ O(ln(X) e^{−2X})",
        leading, split, boundary, tail, constant,
        rhs=lambda e: sp.log(sp.simplify(sp.exp(e.subs(sp.exp(-2 * upper), 0)))),
        order=(sp.log(upper) * sp.exp(-2 * upper), T, 0), name="I(T_c)")
    result = chain.solve(
        "the gap equation with its integral at ħω_c >> k_BT_c, solved for T_c", T,
        lambda g, i: sp.Eq(g.lhs, g.rhs.subs(_integral(g.rhs), i)), gap, integral_value,
        rhs=lambda eq: sp.solve(eq, T)[0], name="T_c")
    return Derivation(
        name="bcs_tc_weak_coupling",
        title="BCS transition temperature at weak coupling",
        source=cite(BCS_1957, TINKHAM.at("ch. 3")),
        symbols=[T_C, HBAR, K_B, OMEGA_C, LAMBDA, EPSILON, X],
        assumptions=[
            Assumption("constant attraction V between electrons within ±ħω_c of E_F (sharp cut-off), "
                       "λ = N(0)V with N(0) per spin; linearized gap equation at T_c"),
            Assumption("weak coupling: ħω_c >> k_BT_c (neglected terms ~ e^{−ħω_c/k_BT_c})",
                       sp.StrictLessThan(k_B * T, hbar * omega_c)),
        ],
        model=chain.model,
        steps=chain.steps,
        statement=sp.Eq(T, chain[result], evaluate=False),
        textbook=sp.Eq(T, 2 * sp.exp(sp.EulerGamma) / sp.pi * hbar * omega_c * sp.exp(-1 / lam) / k_B,
                       evaluate=False),
        sample={hbar: (0.5, 2.0), k_B: (0.5, 2.0), omega_c: (0.5, 2.0), T: (0.05, 0.5), lam: (0.1, 0.5)},
    )


@register
def bcs_gap_ratio() -> Derivation:
    """BCS gap ratio: Δ(0) = ħω_c/sinh(1/λ) → 2ħω_c e^{−1/λ}, so 2Δ(0)/k_BT_c = 2π e^{−γ} ≈ 3.528.

    Model: the BCS gap equation at T = 0 for the constant attraction λ = N(0)V within ±ħω_c of
    E_F (the model of ``bcs_tc_weak_coupling``): 1 = λ ∫_0^{ħω_c} dε/√(ε² + Δ²).

    Route: the integral is arsinh(ħω_c/Δ); the gap equation gives Δ(0) = ħω_c/sinh(1/λ) (exact in
    the model), which is 2ħω_c e^{−1/λ}(1 + O(e^{−2/λ})) at weak coupling; with
    k_BT_c = (2e^γ/π) ħω_c e^{−1/λ} (derived in ``bcs_tc_weak_coupling``) the ratio is
    2Δ(0)/k_BT_c = 2π e^{−γ}, independent of λ and ω_c.

    Source: Bardeen, Cooper & Schrieffer, Phys. Rev. 108, 1175 (1957); Tinkham,
    *Introduction to Superconductivity*, ch. 3.

    Validity: weak coupling (λ → 0; the corrections to the ratio are O(e^{−2/λ}) from the gap
    and exponentially small in ħω_c/k_BT_c from T_c); strong-coupling metals (Pb, Hg: 4.3-4.6)
    exceed it, which the Eliashberg theory describes.
    """
    hbar, k_B = HBAR.symbol, K_B.symbol
    omega_c, lam, eps, Delta, ratio = (OMEGA_C.symbol, LAMBDA.symbol, EPSILON.symbol, DELTA.symbol,
                                       GAP_RATIO.symbol)
    T = T_C.symbol

    chain = Chain()
    gap = chain.declare(
        "gap equation", sp.Eq(1, lam * sp.Integral(1 / sp.sqrt(eps**2 + Delta**2), (eps, 0, hbar * omega_c))),
        "BCS gap equation at T = 0, constant attraction λ = N(0)V within ±ħω_c of E_F")
    integral = chain.step(
        "the integral of the gap equation: arsinh(ħω_c/Δ) = ln(ħω_c/Δ + √((ħω_c/Δ)² + 1))",
        lambda g: _integral(g.rhs), gap, rhs=lambda e: e.doit().rewrite(sp.log))
    exact = chain.solve(
        "the gap equation solved for Δ(0)", Delta,
        lambda g, i: sp.Eq(g.lhs, g.rhs.subs(_integral(g.rhs), i)), gap, integral,
        rhs=lambda eq: sp.solve(eq, Delta)[0], name="Δ(0)")
    weak = chain.step(
        "weak coupling λ -> 0: 1/sinh(1/λ) = 2e^{−1/λ}/(1 − e^{−2/λ}) = 2e^{−1/λ}(1 + O(e^{−2/λ}))",
        lambda d: d, exact,
        rhs=lambda e: sp.limit(e * sp.exp(1 / lam), lam, 0, "+") * sp.exp(-1 / lam),
        order=(hbar * omega_c * sp.exp(-3 / lam), lam, 0), name="Δ(0) weak")
    tc = chain.result_of("bcs_tc_weak_coupling", "k_BT_c = (2e^γ/π) ħω_c e^{−1/λ}", name="T_c")
    result = chain.solve(
        "the ratio 2Δ(0)/(k_BT_c) at weak coupling", ratio,
        lambda d, t: sp.Eq(ratio, 2 * d / (k_B * t)), weak, tc,
        rhs=lambda eq: sp.simplify(eq.rhs), name="2Δ/k_BT_c")
    return Derivation(
        name="bcs_gap_ratio",
        title="BCS gap at T = 0 and the universal ratio 2Δ(0)/k_BT_c",
        source=cite(BCS_1957, TINKHAM.at("ch. 3")),
        symbols=[GAP_RATIO, DELTA, T_C, HBAR, K_B, OMEGA_C, LAMBDA, EPSILON],
        assumptions=[
            Assumption("constant attraction V between electrons within ±ħω_c of E_F (sharp cut-off), "
                       "λ = N(0)V with N(0) per spin; the same model at T = 0 and at T_c"),
            Assumption("weak coupling: e^{−1/λ} << 1, i.e. Δ(0) << ħω_c",
                       sp.StrictLessThan(Delta, hbar * omega_c)),
        ],
        model=chain.model,
        steps=chain.steps,
        statement=sp.Eq(ratio, chain[result], evaluate=False),
        textbook=sp.Eq(ratio, 2 * sp.pi * sp.exp(-sp.EulerGamma), evaluate=False),
        sample={hbar: (0.5, 2.0), k_B: (0.5, 2.0), omega_c: (0.5, 2.0), lam: (0.1, 0.5), Delta: (0.01, 0.2),
                T: (0.05, 0.5)},
    )


@register
def mass_enhancement_migdal() -> Derivation:
    """Migdal mass enhancement: ∂Re Σ/∂(ħω) = −λ at the Fermi level, so m*/m = 1 + λ.

    Model: the real part of the T = 0 Migdal (lowest-order, phonon-exchange) self-energy of an
    electron at energy ħω from the Fermi level, for an isotropic Eliashberg function α²F(ν):
    Re Σ(ω) = −ħ ∫_0^∞ dν α²F(ν) ln|(ν + ω)/(ν − ω)|, with the coupling constant
    λ = 2∫_0^∞ α²F(ν)/ν dν, for two spectra: an Einstein peak α²F = A ω_E δ(ν − ω_E) and a
    Debye-like α²F = C (ν/ω_D)² below the cut-off ω_D (0 above).

    Route (in the reduced frequencies t = ν/ω_0, s = ω/ω_0 of each spectrum's scale ω_0, so that
    every logarithm has a dimensionless argument): λ fixes each amplitude (A = λ/2, C = λ);
    Σ(ω) of the Einstein spectrum is −ħω_E A ln|(1 + s)/(1 − s)|, whose slope at ω = 0 is
    −2ħA = −ħλ; the mass enhancement is m*/m = 1 − ∂Re Σ/∂(ħω) = 1 + λ. For the Debye-like
    spectrum (0 < s < 1) the integral is split at t = s, where |t − s| changes sign, and done in
    closed form; Σ(0) = 0, so its slope is lim Σ/(ω_D s) = −ħλ: the same λ, as for any α²F
    (the kernel's slope at ω = 0 is 2/ν, which makes the slope −2ħ∫α²F(ν)/ν dν).

    Source: Grimvall, *The Electron-Phonon Interaction in Metals*, ch. 5; Allen & Mitrović,
    Solid State Phys. 37, 1 (1982).

    Validity: Migdal's theorem (vertex corrections O(ħω_D/E_F) neglected), T = 0, isotropic
    coupling, electron energies |ħω| well below the phonon energies (the slope at ω = 0); the
    band mass m is the one without the phonons (Coulomb renormalisation is in m).
    """
    hbar, omega, t, s = HBAR.symbol, OMEGA.symbol, T_RED.symbol, S_RED.symbol
    omega_E, omega_D, lam = OMEGA_E.symbol, OMEGA_D.symbol, LAMBDA.symbol
    A, C, sigma, m_ratio = AMPLITUDE.symbol, AMPLITUDE_D.symbol, SIGMA.symbol, MASS_RATIO.symbol

    chain = Chain()
    migdal = chain.declare(
        "L(t, s)", sp.log(t + s) - sp.log(sp.Abs(t - s)),
        "T = 0 Migdal kernel ln|(ν + ω)/(ν − ω)| of Re Σ(ω) = −ħ∫α²F(ν) L dν, in the reduced frequencies "
        "t = ν/ω_0, s = ω/ω_0 of the spectrum's scale ω_0 (the kernel depends on ratios only)")
    einstein = chain.declare("α²F_E(t)", A * sp.DiracDelta(t - 1),
                             "Einstein spectrum A ω_E δ(ν − ω_E) = A δ(t − 1), t = ν/ω_E")
    debye = chain.declare("α²F_D(t)", C * t**2,
                          "Debye-like spectrum C (ν/ω_D)² = C t² for 0 < t = ν/ω_D < 1, 0 above")
    mass = chain.declare("m*/m definition", sp.Eq(m_ratio, 1 - sp.Derivative(sigma, omega) / hbar),
                         "mass enhancement at E_F: m*/m = 1 − ∂Re Σ/∂(ħω) at ω = 0")

    def coupling(f: sp.Expr, upper: sp.Expr) -> sp.Expr:
        """λ = 2∫α²F(ν)/ν dν = 2∫α²F/t dt over the spectrum (it ends at t = ``upper``)."""
        return 2 * sp.Integral(f / t, (t, 0, upper))

    def self_energy(f: sp.Expr, kernel: sp.Expr, scale: sp.Expr, upper: sp.Expr) -> sp.Integral:
        """Re Σ = −ħ∫α²F(ν) L dν = −ħω_0∫α²F L dt (dν = ω_0 dt), the integrand expanded term by term."""
        return sp.Integral(sp.expand(-hbar * scale * f * kernel), (t, 0, upper))

    def slope(sig: sp.Expr, scale: sp.Expr) -> sp.Expr:
        """∂Σ/∂ω at ω = 0: (1/ω_0) ∂Σ/∂s at s = 0."""
        return sp.Subs(sp.Derivative(sig, s), s, 0) / scale

    # ---- the Einstein spectrum
    lam_E = chain.step("λ = 2∫α²F(ν)/ν dν of the Einstein spectrum", lambda f: coupling(f, sp.oo), einstein,
                       rhs=lambda e: e.doit())
    amp_E = chain.solve("its weight in terms of λ", A, lambda c: sp.Eq(lam, c), lam_E,
                        rhs=lambda eq: sp.solve(eq, A)[0])
    sigma_E = chain.step("Re Σ(ω) of the Einstein spectrum, s = ω/ω_E (the δ peak sifts t = 1)",
                         lambda f, k: self_energy(f, k, omega_E, sp.oo), einstein, migdal,
                         rhs=lambda e: e.doit(), name="Σ_E(s)")
    slope_A = chain.step("its slope at the Fermi level ω = 0: ∂Σ/∂ω = (1/ω_E) ∂Σ/∂s at s = 0",
                         lambda sig: slope(sig, omega_E), sigma_E, rhs=lambda e: sp.simplify(e.doit()),
                         name="∂Σ_E/∂ω (A)")
    slope_E = chain.step("the slope in terms of λ", lambda d, a: sp.Subs(d, A, a), slope_A, amp_E,
                         rhs=lambda e: e.doit(), name="∂Σ_E/∂ω")
    result = chain.solve(
        "m*/m = 1 − ∂Re Σ/∂(ħω) at ω = 0 with the slope of the Einstein spectrum", m_ratio,
        lambda m, d: sp.Eq(m.lhs, m.rhs.subs(sp.Derivative(sigma, omega), d)), mass, slope_E,
        rhs=lambda eq: sp.solve(eq, m_ratio)[0], name="m*/m")

    # ---- the Debye-like spectrum: the same slope −ħλ
    lam_D = chain.step("λ = 2∫α²F(ν)/ν dν of the Debye-like spectrum (it ends at t = 1)",
                       lambda f: coupling(f, 1), debye, rhs=lambda e: e.doit())
    amp_D = chain.solve("its amplitude in terms of λ", C, lambda c: sp.Eq(lam, c), lam_D,
                        rhs=lambda eq: sp.solve(eq, C)[0])
    a2F_D = chain.step("the Debye-like spectrum in terms of λ", lambda f, c: sp.Subs(f, C, c), debye, amp_D,
                       rhs=lambda e: e.doit(), name="α²F_D(t; λ)")

    def resolved(integral: sp.Integral) -> sp.Expr:
        """The integral split at t = s (0 < s < 1), |t − s| resolved on each side."""
        _, a, b = integral.limits[0]
        below = integral.function.subs(sp.Abs(t - s), s - t)
        above = integral.function.subs(sp.Abs(t - s), t - s)
        return sp.Integral(below, (t, a, s)) + sp.Integral(above, (t, s, b))

    split_D = chain.step(
        "Re Σ(ω) of the Debye-like spectrum, s = ω/ω_D < 1: split at t = s, where |t − s| changes sign",
        lambda f, k: self_energy(f, k, omega_D, 1), a2F_D, migdal, rhs=resolved,
        numeric="the logarithm of |t − s| resolved on each side of t = s: SymPy does not split an integral "
                "of an absolute value at its zero")
    sigma_D = chain.step(
        "both integrals in closed form", lambda i: i, split_D,
        rhs=lambda e: sp.Add(*(sp.simplify(i.doit()) for i in e.atoms(sp.Integral))), name="Σ_D(s)")
    slope_D = chain.step(
        "Σ_D(0) = 0, so its slope at ω = 0 is lim Σ_D/(ω_D s) as s -> 0: −ħλ, that of the Einstein spectrum",
        lambda sig: sp.Limit(sig / (omega_D * s), s, 0, "+"), sigma_D, rhs=lambda e: e.doit(), name="∂Σ_D/∂ω")
    chain.solve(
        "m*/m with the slope of the Debye-like spectrum: the same 1 + λ", m_ratio,
        lambda m, d: sp.Eq(m.lhs, m.rhs.subs(sp.Derivative(sigma, omega), d)), mass, slope_D,
        rhs=lambda eq: sp.solve(eq, m_ratio)[0], name="m*/m (Debye-like)")
    return Derivation(
        name="mass_enhancement_migdal",
        title="Migdal mass enhancement 1 + λ at the Fermi level",
        source=cite(GRIMVALL.at("ch. 5"), ALLEN_MITROVIC),
        symbols=[MASS_RATIO, LAMBDA, HBAR, OMEGA, T_RED, S_RED, OMEGA_E, OMEGA_D, AMPLITUDE, AMPLITUDE_D,
                 SIGMA],
        assumptions=[
            Assumption("T = 0 Migdal self-energy (vertex corrections O(ħω_D/E_F) neglected), isotropic "
                       "α²F(ν), the band mass m without phonons"),
            Assumption("spectra: Einstein α²F = A ω_E δ(ν − ω_E), Debye-like α²F = C (ν/ω_D)² below ω_D; "
                       "λ = 2∫α²F(ν)/ν dν"),
            Assumption("electron energies below the phonon energies (the Debye-like Σ for s = ω/ω_D < 1)",
                       sp.StrictLessThan(s, 1)),
        ],
        model=chain.model,
        steps=chain.steps,
        statement=sp.Eq(m_ratio, chain[result], evaluate=False),
        textbook=sp.Eq(m_ratio, 1 + lam, evaluate=False),
        sample={s: (0.05, 0.9), omega_E: (0.5, 2.0), omega_D: (0.5, 2.0), hbar: (0.5, 2.0),
                lam: (0.1, 2.0), A: (0.1, 2.0), C: (0.1, 2.0)},
    )
