"""Derivations: phonons.

* ``debye_T3_law``: the Debye model of the lattice heat capacity. From the
  density of states of three linear acoustic branches cut off at ω_D (3N
  modes) and Bose statistics follow the Debye integral
  C_V = 9 N k_B (T/Θ_D)³ ∫_0^{Θ_D/T} x⁴eˣ/(eˣ − 1)² dx, its Dulong-Petit
  limit 3 N k_B at high T and the T³ law C_V = (12π⁴/5) N k_B (T/Θ_D)³ at
  low T, with ∫_0^∞ x⁴eˣ/(eˣ − 1)² dx = 4 Γ(4) ζ(4) = 4π⁴/15 evaluated
  symbolically.

Its kernels (``debye_T3``, ``debye_cv_reduced``) are specified in
:mod:`derive.kernels.phonons`.
"""

from __future__ import annotations

import sympy as sp

from .constants import HBAR, K_B, OMEGA, TEMPERATURE, VOLUME, quantity
from .derivation import TAIL, TERM_BY_TERM, Assumption, Chain, Derivation
from .registry import register
from .sources import ASHCROFT_MERMIN, KITTEL, SEED_002_SCATTERING, cite
from .units import DIMENSIONLESS, JOULE, KELVIN, METRE, SECOND

__all__ = ["debye_T3_law"]

SEED_002_HEAT = f"{SEED_002_SCATTERING} (low temperatures: C_ph = (12π⁴/5) N k_B (T/Θ_D)³)"

N_ATOMS = quantity("N", DIMENSIONLESS, "number of atoms in the crystal (3N phonon modes)")
OMEGA_D = quantity("omega_D", 1 / SECOND, "Debye cutoff frequency")
THETA_D = quantity("Theta_D", KELVIN, "Debye temperature ħω_D/k_B (calorimetric)")
V_DEBYE = quantity(
    "v_D", METRE / SECOND, "Debye-averaged sound velocity, 3/v_D³ = 1/v_L³ + 2/v_T³"
)
C_V = quantity("C_V", JOULE / KELVIN, "lattice heat capacity at constant volume")
X = quantity("x", DIMENSIONLESS, "reduced phonon energy ħω/(k_B T)")
W = quantity("w", DIMENSIONLESS, "eˣ − 1 > 0 (ratio of the geometric series 1/(1 + w))")
N_SUM = quantity("n", DIMENSIONLESS, "summation index of the geometric series", integer=True,
                 positive=True)


@register
def debye_T3_law() -> Derivation:
    """Debye heat capacity: C_V = (12π⁴/5) N k_B (T/Θ_D)³ for T << Θ_D.

    Model: N atoms, 3N phonon modes. Three acoustic branches with the same
    linear dispersion ω = v_D q (v_D the Debye average of the longitudinal
    and transverse velocities) fill a sphere in q-space; counting
    V/(2π)³ modes per unit q-volume gives g(ω) = 3Vω²/(2π²v_D³), and the
    cutoff ω_D that makes ∫_0^{ω_D} g = 3N gives g(ω) = 9Nω²/ω_D³ (the
    normalisation is re-checked as a step). The modes are occupied with the
    Bose function n(ω) = 1/(e^{ħω/k_BT} − 1) (no chemical potential).

    Result: counting modes per unit reduced energy x = ħω/(k_B T), g(ω) dω/dx,
    the thermal energy (the zero-point energy 9Nħω_D/8 does not depend on T)
    is U = 9 N k_B T⁴/Θ_D³ ∫_0^{Θ_D/T} x³/(eˣ − 1) dx with Θ_D = ħω_D/k_B;
    C_V = dU/dT by the Leibniz rule (T is also in the upper limit) and one
    integration by parts give the Debye integral
    C_V = 9 N k_B (T/Θ_D)³ ∫_0^{Θ_D/T} x⁴eˣ/(eˣ − 1)² dx.
    For T << Θ_D the upper limit goes to ∞; integration by parts, the
    geometric series 1/(eˣ − 1) = Σ e^{−nx} and Σ Γ(4)/n⁴ = 6ζ(4) = π⁴/15
    give ∫_0^∞ = 4π⁴/15 and the statement C_V = (12π⁴/5) N k_B (T/Θ_D)³.
    For T >> Θ_D the integrand series x² − x⁴/12 + ... gives
    C_V = 3 N k_B (1 − Θ_D²/(20T²) + ...) -> 3 N k_B (Dulong-Petit); both
    limits are steps of the derivation.

    Source: seed 002 (low-temperature phonon specific heat); Ashcroft &
    Mermin, *Solid State Physics*, ch. 23; Kittel, *Introduction to Solid
    State Physics*, ch. 5.

    Validity: the statement is the low-temperature limit T << Θ_D. Within the
    Debye model its relative error is exponentially small,
    ≈ (15/4π⁴)(Θ_D/T)⁴ e^{−Θ_D/T} (1.6e-5 at T = Θ_D/20); in real crystals the
    T³ law holds for T ≲ Θ_D/50, where only long-wavelength acoustic phonons,
    for which the Debye model is exact, are excited. Θ_D here is the
    calorimetric Debye temperature defined by this law (not the X-ray or the
    resistive one). The harmonic lattice gives C_V, equal to C_p to the
    accuracy of the model.
    """
    hbar, k_B, T, V = HBAR.symbol, K_B.symbol, TEMPERATURE.symbol, VOLUME.symbol
    N, omega, omega_D, Theta = N_ATOMS.symbol, OMEGA.symbol, OMEGA_D.symbol, THETA_D.symbol
    v_D, C, x, w, n = V_DEBYE.symbol, C_V.symbol, X.symbol, W.symbol, N_SUM.symbol

    chain = Chain()
    # ---- the model: linear branches counted in a sphere, 3N modes, the oscillator energies, Bose statistics
    modes_below = chain.declare(
        "N(<ω)", 3 * V / (2 * sp.pi) ** 3 * sp.Rational(4, 3) * sp.pi * (omega / v_D) ** 3,
        "modes below ω: 3 acoustic branches ω = v_D q, V/(2π)³ modes per unit q-volume, |q| < ω/v_D")
    all_modes = chain.declare("3N", 3 * N, "N atoms: 3N phonon modes in all")
    zero_point_energy = chain.declare("ε_0(ω)", hbar * omega / 2, "zero-point energy ħω/2 of one mode")
    reduced = chain.declare("x", sp.Eq(x, hbar * omega / (k_B * T)), "reduced phonon energy x = ħω/(k_B T)")
    debye_temperature = chain.declare("Θ_D", sp.Eq(Theta, hbar * omega_D / k_B),
                                      "Debye temperature ħω_D/k_B (calorimetric)")
    bose = chain.declare("n(x)", 1 / (sp.exp(x) - 1),
                         "Bose occupation of a mode (no chemical potential), x = ħω/(k_B T)")

    def omega_of(x_def: sp.Eq) -> sp.Expr:
        """ω in terms of x = ħω/(k_B T): k_B T x/ħ."""
        return sp.solve(x_def, omega)[0]

    def cutoff(theta_def: sp.Eq) -> sp.Expr:
        """ω_D in terms of Θ_D: k_B Θ_D/ħ."""
        return sp.solve(theta_def, omega_D)[0]

    def x_max(x_def: sp.Eq, theta_def: sp.Eq) -> sp.Expr:
        """The cut-off ω_D in reduced units: x = Θ_D/T."""
        return sp.solve(sp.Eq(omega_of(x_def), cutoff(theta_def)), x)[0]

    def only_integral(expr: sp.Expr) -> sp.Integral:
        (integral,) = expr.atoms(sp.Integral)
        return integral

    def the_integral(expr: sp.Expr, upper: sp.Expr) -> sp.Integral:
        """The integral of ``expr`` over (x, 0, upper)."""
        return next(i for i in expr.atoms(sp.Integral) if i.limits == ((x, 0, upper),))

    # ---- density of states: three linear branches, V/(2π)³ modes per unit q-volume
    dos_linear = chain.step(
        "g(ω) = dN/dω: 3 branches, modes with |q| < ω/v_D fill V(4π/3)(ω/v_D)³/(2π)³",
        lambda nb: sp.Derivative(nb, omega), modes_below, rhs=lambda e: e.doit())
    total_modes = chain.step(
        "modes below the cutoff ω_D; setting this to 3N fixes ω_D³ = 6π²N v_D³/V",
        lambda g: sp.Integral(g, (omega, 0, omega_D)), dos_linear, rhs=lambda e: e.doit())
    # 3N modes: V = 6π² N v_D³/ω_D³, and g(ω) = 9 N ω²/ω_D³
    dos = chain.step(
        "Debye density of states with V/v_D³ eliminated through ω_D",
        lambda g, total, modes: sp.Subs(g, V, sp.solve(sp.Eq(total, modes), V)[0]),
        dos_linear, total_modes, all_modes, rhs=lambda e: sp.simplify(e.doit()), name="g(ω)")
    chain.step("normalisation: the Debye spectrum holds exactly 3N modes",
               lambda g: sp.Integral(g, (omega, 0, omega_D)), dos, rhs=chain[all_modes])
    chain.step("zero-point energy 9Nħω_D/8: independent of T, it drops out of C_V",
               lambda g, e0: sp.Integral(g * e0, (omega, 0, omega_D)), dos, zero_point_energy,
               rhs=lambda e: e.doit())

    # ---- modes per unit reduced energy x = ħω/(k_B T), with ħω_D = k_B Θ_D
    dos_x = chain.step(
        "modes per unit reduced energy x = ħω/(k_B T): g(ω) dω/dx, with ħω_D = k_B Θ_D",
        lambda g, xd, td: sp.Subs(g * sp.Derivative(omega_of(xd), x), (omega, omega_D),
                                  (omega_of(xd), cutoff(td))),
        dos, reduced, debye_temperature, rhs=lambda e: sp.simplify(e.doit()), name="g_x(x)")  # 9N(T/Θ_D)³x²
    chain.step("still 3N modes: ω_D maps to x = Θ_D/T",
               lambda g, xd, td: sp.Integral(g, (x, 0, x_max(xd, td))), dos_x, reduced, debye_temperature,
               rhs=chain[all_modes])

    # ---- thermal energy, heat capacity and the Debye integral
    # U = ∫ g_x(x) ħω n(x) dx, ħω = k_B T x; 9 N k_B T⁴/Θ³ ∫ x³/(eˣ − 1) dx with the constants pulled out
    def heat_capacity(g: sp.Expr, xd: sp.Eq, nb: sp.Expr, td: sp.Eq) -> sp.Expr:
        return sp.Derivative(sp.Integral(g * hbar * omega_of(xd) * nb, (x, 0, x_max(xd, td))), T)

    # the upper limit Θ_D/T depends on T too
    leibniz = chain.step(
        "C_V = dU/dT, U = ∫ g_x(x) k_B T x/(eˣ − 1) dx (Bose occupation); Leibniz rule, "
        "the upper limit Θ_D/T depends on T",
        heat_capacity, dos_x, reduced, bose, debye_temperature,
        rhs=lambda e: _pull_constants(_pull_constants(e.expr).diff(T)))

    # The first term back by parts, 4x³ dx = d(x⁴), against 1/(eˣ − 1):
    # 4 ∫_0^y x³/(eˣ − 1) dx − y⁴/(e^y − 1) = ∫_0^y x⁴ d(−1/(eˣ − 1)).
    def by_parts_form(expr: sp.Expr) -> sp.Expr:
        energy = _pull_constants(expr.expr)
        energy_prefactor = energy.as_independent(sp.Integral)[0]
        upper = only_integral(energy).limits[0][2]
        parts = sp.Integral(x**4 * sp.diff(-1 / (sp.exp(x) - 1), x), (x, 0, upper))
        return sp.diff(energy_prefactor, T) / 4 * parts

    debye_form = chain.step(
        "integrate by parts, 4x³ dx = d(x⁴), against 1/(eˣ − 1): the Debye integral",
        lambda c: c, leibniz, rhs=by_parts_form(chain.steps[-1].lhs), name="C_V(T)")
    prefactor, debye_integral = chain[debye_form].as_independent(sp.Integral)
    upper = debye_integral.limits[0][2]  # Θ_D/T

    # ---- high temperature: x <= Θ_D/T << 1 on the whole range of integration
    integrand_series = chain.step(
        "T >> Θ_D: x <= Θ_D/T << 1, expand the integrand",
        lambda c: only_integral(c).function, debye_form,
        rhs=lambda e: sp.series(e, x, 0, 6).removeO(), order=(x**6, x, 0))  # x² − x⁴/12
    high_t = chain.step(
        "integrate the expansion term by term: C_V = 3Nk_B(1 − Θ_D²/(20T²) + ...)",
        lambda c, s: c.replace(lambda e: isinstance(e, sp.Integral), lambda i: sp.Integral(s, *i.limits)),
        debye_form, integrand_series,
        rhs=lambda e: sp.expand(e.doit()))  # 3 N k_B − 3 N k_B Θ²/(20 T²)
    chain.step("high-temperature limit: Dulong-Petit 3Nk_B", lambda h: sp.Limit(h, T, sp.oo), high_t,
               rhs=lambda e: e.doit())

    # ---- low temperature: Θ_D/T -> ∞ and ∫_0^∞ x⁴eˣ/(eˣ − 1)² dx = 4 Γ(4) ζ(4)
    first_low_t = len(chain.steps) + 1
    integrand = debye_integral.function
    split = chain.step(
        "split the Debye integral at Θ_D/T: ∫_0^{Θ_D/T} = ∫_0^∞ − ∫_{Θ_D/T}^∞ (additivity; both "
        "converge)",
        lambda c: c, debye_form,
        rhs=prefactor * (sp.Integral(integrand, (x, 0, sp.oo)) - sp.Integral(integrand, (x, upper, sp.oo))))
    chain.step(
        "T << Θ_D: the neglected tail is exponentially small, (Θ_D/T)⁴ e^{−Θ_D/T} (1 + O(T/Θ_D)) "
        "(the integrand is x⁴e^{−x}(1 + O(e^{−x})))",
        lambda s: next(i for i in s.atoms(sp.Integral) if i.limits[0][1] != 0), split,
        rhs=upper**4 * sp.exp(-upper), order=(upper**3 * sp.exp(-upper), T, 0), numeric=TAIL)

    def by_parts(full: sp.Integral) -> sp.Expr:
        u = x**4
        v = sp.integrate(full.function / u, x)  # ∫ eˣ/(eˣ − 1)² dx = −1/(eˣ − 1)
        boundary = sp.limit(u * v, x, sp.oo) - sp.limit(u * v, x, 0)
        return _pull_constants(boundary - sp.Integral(sp.diff(u, x) * v, (x, 0, sp.oo)))

    parts = chain.step(
        "the Debye integral to ∞ (the tail dropped): by parts with u = x⁴, v = −1/(eˣ − 1), "
        "the boundary terms vanish",
        lambda s: the_integral(s, sp.oo), split, rhs=by_parts)

    def ratio(nb: sp.Expr) -> sp.Expr:
        """e^{−x} = 1/(1 + 1/n(x)), the ratio of the geometric series for n(x)."""
        return 1 / (1 + 1 / nb)

    chain.step(
        "geometric series in 1/(1 + w) < 1; with 1 + w = eˣ: Σ_{n≥1} e^{−nx} = 1/(eˣ − 1)",
        lambda nb: sp.Sum(ratio(nb).subs(x, sp.log(1 + w)) ** n, (n, 1, sp.oo)), bose,
        rhs=lambda e: sp.simplify(e.doit()))  # 1/w: with 1 + w = eˣ, Σ e^{−nx} = 1/(eˣ − 1)
    gamma_term = chain.step(
        "each term: ∫_0^∞ x³e^{−nx} dx = Γ(4)/n⁴",
        lambda p, nb: sp.Integral(the_integral(p, sp.oo).function / nb * ratio(nb) ** n, (x, 0, sp.oo)),
        parts, bose, rhs=lambda e: e.doit())  # Γ(4)/n⁴ = 6/n⁴
    zeta_sum = chain.step(
        "expand 1/(eˣ − 1) = Σ e^{−nx} and integrate term by term (monotone convergence)",
        lambda p: the_integral(p, sp.oo), parts, rhs=sp.Sum(chain[gamma_term], (n, 1, sp.oo)),
        numeric=TERM_BY_TERM)
    zeta_value = chain.step("Σ_{n≥1} Γ(4)/n⁴ = Γ(4) ζ(4) = 6π⁴/90", lambda z: z, zeta_sum,
                            rhs=lambda e: e.doit())  # Γ(4) ζ(4) = π⁴/15

    def t3_law(s: sp.Expr, p: sp.Expr, z: sp.Expr) -> sp.Expr:
        """C_V with the tail dropped: the prefactor of the split times the integral to ∞ by parts, its
        Bose integral written as the series."""
        return s.as_independent(sp.Integral)[0] * p.subs(the_integral(p, sp.oo), z)

    # (12π⁴/5) N k_B T³/Θ_D³
    low_t = chain.step(
        f"T << Θ_D: the Debye integral to ∞ is 4 Σ Γ(4)/n⁴ = 4π⁴/15 (steps {first_low_t}-"
        f"{len(chain.steps)}): the T³ law",
        t3_law, split, parts, zeta_sum,
        rhs=lambda e: sp.simplify(e.subs(chain[zeta_sum], chain[zeta_value])))
    return Derivation(
        name="debye_T3_law",
        title="Debye T³ law of the lattice heat capacity",
        source=cite(SEED_002_HEAT, ASHCROFT_MERMIN.at("ch. 23 (eqs. 23.26-23.30)"), KITTEL.at("ch. 5")),
        symbols=[C_V, N_ATOMS, K_B, HBAR, TEMPERATURE, THETA_D, OMEGA, OMEGA_D, V_DEBYE, VOLUME,
                 X, W, N_SUM],
        assumptions=[
            Assumption("harmonic lattice of N atoms: 3N independent phonon modes"),
            Assumption("three acoustic branches with one linear dispersion ω = v_D q, "
                       "cut off at ω_D (Debye sphere holding 3N modes)"),
            Assumption("phonons obey Bose statistics with zero chemical potential"),
            Assumption("Debye temperature (calorimetric) Θ_D = ħω_D/k_B",
                       sp.Eq(Theta, hbar * omega_D / k_B)),
            Assumption("statement: low temperature T << Θ_D (T³ law; error ~ (Θ_D/T)⁴ e^{−Θ_D/T})",
                       sp.StrictLessThan(T, Theta)),
        ],
        model=chain.model,
        steps=chain.steps,
        statement=sp.Eq(C, chain[low_t], evaluate=False),
        textbook=sp.Eq(C, sp.Rational(12, 5) * sp.pi**4 * N * k_B * (T / Theta) ** 3,
                       evaluate=False),
        sample={hbar: (0.5, 2.0), k_B: (0.5, 2.0), T: (0.5, 2.0), omega_D: (0.5, 2.0),
                Theta: (0.5, 4.0)},
    )


def _pull_constants(expr: sp.Expr) -> sp.Expr:
    """Move factors independent of the integration variable out of every ``Integral``."""

    def pull(integral: sp.Integral) -> sp.Expr:
        variables = [limit[0] for limit in integral.limits]
        constant, rest = integral.function.as_independent(*variables, as_Add=False)
        return constant * sp.Integral(rest, *integral.limits)

    return expr.replace(lambda e: isinstance(e, sp.Integral), pull)
