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
from .derivation import TAIL, TERM_BY_TERM, Assumption, Derivation, Step
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

    # ---- density of states: three linear branches, V/(2π)³ modes per unit q-volume
    modes_below = 3 * V / (2 * sp.pi) ** 3 * sp.Rational(4, 3) * sp.pi * (omega / v_D) ** 3
    dos_derivative = sp.Derivative(modes_below, omega)
    dos_linear = dos_derivative.doit()
    mode_count = sp.Integral(dos_linear, (omega, 0, omega_D))
    total_modes = mode_count.doit()
    volume = sp.solve(sp.Eq(total_modes, 3 * N), V)[0]  # 3N modes: V = 6π² N v_D³/ω_D³
    dos_subs = sp.Subs(dos_linear, V, volume)
    dos = sp.simplify(dos_linear.subs(V, volume))  # g(ω) = 9 N ω²/ω_D³
    normalisation = sp.Integral(dos, (omega, 0, omega_D))
    zero_point = sp.Integral(dos * hbar * omega / 2, (omega, 0, omega_D))

    # ---- modes per unit reduced energy x = ħω/(k_B T), with ħω_D = k_B Θ_D
    omega_of_x = k_B * T * x / hbar
    dos_x_subs = sp.Subs(dos * sp.Derivative(omega_of_x, x), (omega, omega_D),
                         (omega_of_x, k_B * Theta / hbar))
    dos_x = sp.simplify(dos_x_subs.doit())  # 9 N (T/Θ_D)³ x²
    x_max = sp.solve(sp.Eq(omega_of_x, k_B * Theta / hbar), x)[0]  # Θ_D/T
    normalisation_x = sp.Integral(dos_x, (x, 0, x_max))

    # ---- thermal energy, heat capacity and the Debye integral
    energy_integral = sp.Integral(dos_x * k_B * T * x / (sp.exp(x) - 1), (x, 0, x_max))
    energy = _pull_constants(energy_integral)  # 9 N k_B T⁴/Θ³ ∫ x³/(eˣ − 1) dx
    heat_capacity_def = sp.Derivative(energy_integral, T)
    leibniz = _pull_constants(energy.diff(T))  # the upper limit Θ_D/T depends on T too
    # The first term back by parts, 4x³ dx = d(x⁴), against 1/(eˣ − 1):
    # 4 ∫_0^y x³/(eˣ − 1) dx − y⁴/(e^y − 1) = ∫_0^y x⁴ d(−1/(eˣ − 1)).
    energy_prefactor = energy.as_independent(sp.Integral)[0]
    by_parts_form = sp.Integral(x**4 * sp.diff(-1 / (sp.exp(x) - 1), x), (x, 0, x_max))
    debye_form = sp.diff(energy_prefactor, T) / 4 * by_parts_form
    prefactor, debye_integral = debye_form.as_independent(sp.Integral)
    integrand = debye_integral.function

    # ---- high temperature: x <= Θ_D/T << 1 on the whole range of integration
    integrand_series = sp.series(integrand, x, 0, 6).removeO()  # x² − x⁴/12
    high_t_integral = prefactor * sp.Integral(integrand_series, (x, 0, x_max))
    high_t = sp.expand(high_t_integral.doit())  # 3 N k_B − 3 N k_B Θ²/(20 T²)
    dulong_petit = sp.Limit(high_t, T, sp.oo)

    # ---- low temperature: Θ_D/T -> ∞ and ∫_0^∞ x⁴eˣ/(eˣ − 1)² dx = 4 Γ(4) ζ(4)
    full_integral = sp.Integral(integrand, (x, 0, sp.oo))
    u = x**4
    v = sp.integrate(integrand / u, x)  # ∫ eˣ/(eˣ − 1)² dx = −1/(eˣ − 1)
    boundary = sp.limit(u * v, x, sp.oo) - sp.limit(u * v, x, 0)
    by_parts = _pull_constants(boundary - sp.Integral(sp.diff(u, x) * v, (x, 0, sp.oo)))
    bose_integral = sp.Integral(x**3 / (sp.exp(x) - 1), (x, 0, sp.oo))
    geometric = sp.Sum((1 + w) ** -n, (n, 1, sp.oo))
    geometric_value = sp.simplify(geometric.doit())  # 1/w: with 1 + w = eˣ, Σ e^{−nx} = 1/(eˣ − 1)
    series_term = sp.Integral(x**3 * sp.exp(-n * x), (x, 0, sp.oo))
    gamma_term = series_term.doit()  # Γ(4)/n⁴ = 6/n⁴
    zeta_sum = sp.Sum(gamma_term, (n, 1, sp.oo))
    zeta_value = zeta_sum.doit()  # Γ(4) ζ(4) = π⁴/15
    low_t_lhs = prefactor * by_parts.subs(bose_integral, zeta_sum)
    # (12π⁴/5) N k_B T³/Θ_D³
    low_t = sp.simplify(prefactor * by_parts.subs(bose_integral, zeta_value))

    steps = [
        Step(dos_derivative, dos_linear,
             "g(ω) = dN/dω: 3 branches, modes with |q| < ω/v_D fill V(4π/3)(ω/v_D)³/(2π)³"),
        Step(mode_count, total_modes,
             "modes below the cutoff ω_D; setting this to 3N fixes ω_D³ = 6π²N v_D³/V"),
        Step(dos_subs, dos, "Debye density of states with V/v_D³ eliminated through ω_D"),
        Step(normalisation, 3 * N, "normalisation: the Debye spectrum holds exactly 3N modes"),
        Step(zero_point, zero_point.doit(),
             "zero-point energy 9Nħω_D/8: independent of T, it drops out of C_V"),
        Step(dos_x_subs, dos_x,
             "modes per unit reduced energy x = ħω/(k_B T): g(ω) dω/dx, with ħω_D = k_B Θ_D"),
        Step(normalisation_x, 3 * N, "still 3N modes: ω_D maps to x = Θ_D/T"),
        Step(heat_capacity_def, leibniz,
             "C_V = dU/dT, U = ∫ g_x(x) k_B T x/(eˣ − 1) dx (Bose occupation); Leibniz rule, "
             "the upper limit Θ_D/T depends on T"),
        Step(leibniz, debye_form,
             "integrate by parts, 4x³ dx = d(x⁴), against 1/(eˣ − 1): the Debye integral"),
        Step(integrand, integrand_series,
             "T >> Θ_D: x <= Θ_D/T << 1, expand the integrand", order=(x**6, x, 0)),
        Step(high_t_integral, high_t,
             "integrate the expansion term by term: C_V = 3Nk_B(1 − Θ_D²/(20T²) + ...)"),
        Step(dulong_petit, dulong_petit.doit(), "high-temperature limit: Dulong-Petit 3Nk_B"),
    ]
    first_low_t = len(steps) + 1
    tail = sp.Integral(integrand, (x, x_max, sp.oo))
    steps += [
        Step(debye_form, prefactor * (full_integral - tail),
             "split the Debye integral at Θ_D/T: ∫_0^{Θ_D/T} = ∫_0^∞ − ∫_{Θ_D/T}^∞ (additivity; both "
             "converge)"),
        Step(tail, x_max**4 * sp.exp(-x_max),
             "T << Θ_D: the neglected tail is exponentially small, (Θ_D/T)⁴ e^{−Θ_D/T} (1 + O(T/Θ_D)) "
             "(the integrand is x⁴e^{−x}(1 + O(e^{−x})))",
             order=(x_max**3 * sp.exp(-x_max), T, 0), numeric=TAIL),
        Step(full_integral, by_parts,
             "the Debye integral to ∞ (the tail dropped): by parts with u = x⁴, v = −1/(eˣ − 1), "
             "the boundary terms vanish"),
        Step(geometric, geometric_value,
             "geometric series in 1/(1 + w) < 1; with 1 + w = eˣ: Σ_{n≥1} e^{−nx} = 1/(eˣ − 1)"),
        Step(series_term, gamma_term, "each term: ∫_0^∞ x³e^{−nx} dx = Γ(4)/n⁴"),
        Step(bose_integral, zeta_sum,
             "expand 1/(eˣ − 1) = Σ e^{−nx} and integrate term by term (monotone convergence)",
             numeric=TERM_BY_TERM),
        Step(zeta_sum, zeta_value, "Σ_{n≥1} Γ(4)/n⁴ = Γ(4) ζ(4) = 6π⁴/90"),
    ]
    steps.append(Step(
        low_t_lhs, low_t,
        f"T << Θ_D: the Debye integral to ∞ is 4 Σ Γ(4)/n⁴ = 4π⁴/15 (steps {first_low_t}-"
        f"{len(steps)}): the T³ law",
    ))
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
        steps=steps,
        statement=sp.Eq(C, low_t, evaluate=False),
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
