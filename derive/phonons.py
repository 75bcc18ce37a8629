"""Derivations: phonons.

* ``debye_T3_law``: the Debye model of the lattice heat capacity. From the
  density of states of three linear acoustic branches cut off at ω_D (3N
  modes) and Bose statistics follow the Debye integral
  C_V = 9 N k_B (T/Θ_D)³ ∫_0^{Θ_D/T} x⁴eˣ/(eˣ − 1)² dx, its Dulong-Petit
  limit 3 N k_B at high T and the T³ law C_V = (12π⁴/5) N k_B (T/Θ_D)³ at
  low T, with ∫_0^∞ x⁴eˣ/(eˣ − 1)² dx = 4 Γ(4) ζ(4) = 4π⁴/15 evaluated
  symbolically.

Kernels: ``debye_T3`` (the statement) and ``debye_cv_reduced``, the Debye
integral at any temperature as C_V/(3Nk_B) of y = Θ_D/T, with verified
series / tail-identity / T³ branches (:func:`debye_cv_reduced_kernel`).
"""

from __future__ import annotations

import functools
import math

import sympy as sp
from sympy.codegen.cfunctions import expm1

from . import codegen
from .codegen import Branch, Kernel, kernel, statement_kernel
from .constants import HBAR, K_B, OMEGA, TEMPERATURE, VOLUME, quantity
from .derivation import Assumption, Derivation, Step
from .registry import get, register
from .units import DIMENSIONLESS, JOULE, KELVIN, METRE, SECOND

__all__ = ["debye_T3_law", "debye_cv_reduced_kernel"]

SEED_002 = (
    "seed 002_d04b400183ce67c6.txt, 'Electron-Phonon Scattering and Electrical Resistivity' "
    "(low temperatures: C_ph = (12π⁴/5) N k_B (T/Θ_D)³)"
)

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
    steps += [
        Step(full_integral, by_parts,
             "T << Θ_D: upper limit Θ_D/T -> ∞; by parts with u = x⁴, v = −1/(eˣ − 1), "
             "the boundary terms vanish"),
        Step(geometric, geometric_value,
             "geometric series in 1/(1 + w) < 1; with 1 + w = eˣ: Σ_{n≥1} e^{−nx} = 1/(eˣ − 1)"),
        Step(series_term, gamma_term, "each term: ∫_0^∞ x³e^{−nx} dx = Γ(4)/n⁴"),
        Step(bose_integral, zeta_sum,
             "expand 1/(eˣ − 1) = Σ e^{−nx} and integrate term by term (monotone convergence)"),
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
        topic="phonons",
        source=f"{SEED_002}; Ashcroft & Mermin, Solid State Physics, ch. 23 (eqs. 23.26-23.30); "
        "Kittel, Introduction to Solid State Physics, ch. 5",
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


# ------------------------------------------------------------------ kernels
@kernel("phonons", "debye_T3", derivation="debye_T3_law")
def _debye_T3_kernel() -> Kernel:
    return statement_kernel("debye_T3_law", ["T", "Theta_D", "N"],
                            "Low-temperature Debye heat capacity (12 pi^4/5) N k_B (T/Theta_D)^3 in J/K",
                            name="debye_T3")


@kernel("phonons", "debye_cv_reduced", derivation="debye_T3_law")
def _debye_cv_reduced_kernel() -> Kernel:
    return debye_cv_reduced_kernel()


Y_DEBYE = quantity("y", DIMENSIONLESS, "reduced inverse temperature Θ_D/T")

#: Relative remainder bound of every truncated ``debye_cv_reduced`` branch, in its whole region:
#: far below double precision; checked by Kernel.verify at 30 digits (Branch.remainder).
DEBYE_REMAINDER = 1e-22
#: Candidate switch points y = Θ_D/T between the high-T series and the low-T tail identity.
DEBYE_SWITCH_CANDIDATES = (1.0, 1.5, 2.0, 2.5, 3.0)


@functools.cache
def debye_cv_reduced_kernel() -> Kernel:
    """The Debye heat capacity at any temperature, C_V/(3Nk_B) = (3/y³) ∫_0^y x⁴eˣ/(eˣ − 1)² dx.

    The closed form is the Debye-integral step of ``debye_T3_law`` divided by
    3Nk_B, with Θ_D = yT. Three branches, each verified against it with the
    remainder bound DEBYE_REMAINDER on its region:

    * y < s (high T): the integrand is x⁴ dv/dx with v = −1/(eˣ − 1) (the
      derivation's by-parts form), so its series is x⁴ times the derivative
      of the Bernoulli series of v; integrated term by term,
      1 − y²/20 + y⁴/560 − ... The series converges for y < 2π and
      alternates with decreasing terms, so the remainder is below the first
      dropped term; terms are kept until that is < DEBYE_REMAINDER at y = s.
      Horner in y².
    * s <= y < y_T3: the exact identity
      ∫_0^y = 4π⁴/15 − y⁴/(e^y − 1) − 4 Σ_{n≥1} e^{−ny}(y³/n + 3y²/n² + 6y/n³ + 6/n⁴)
      (by parts; 1/(eˣ − 1) = Σ e^{−nx}; ∫_y^∞ x³e^{−nx} dx term by term;
      ∫_0^∞ from the same terms at y = 0), truncated after K terms (the rest
      is below a geometric bound < DEBYE_REMAINDER at y = s), Horner in
      e^{−y} (one exp), y⁴/(e^y − 1) = −y⁴e^{−y}/expm1(−y) (no overflow).
    * y >= y_T3 (low T): the derivation's statement, the T³ law 4π⁴/(5y³);
      y_T3 is the first integer y where the whole tail ∫_y^∞/∫_0^y is
      < DEBYE_REMAINDER. It is exactly 0 at y = ∞ (T = 0), without inf/NaN.

    s is chosen by :func:`~derive.codegen.choose_switch` among
    DEBYE_SWITCH_CANDIDATES. Cached: the SymPy series and the switch search
    take a few seconds.
    """
    d = get("debye_T3_law")
    sym = {q.symbol.name: q.symbol for q in d.symbols}
    T, Theta, N, k_B, x, n = (sym[name] for name in ("T", "Theta_D", "N", "k_B", "x", "n"))
    y = Y_DEBYE.symbol

    def reduced(expr: sp.Expr) -> sp.Expr:
        """C_V -> C_V/(3Nk_B) in the variable y = Θ_D/T."""
        out = (expr / (3 * N * k_B)).subs(Theta, y * T)
        if out.free_symbols != {y}:
            raise ValueError(f"not a function of y alone: {out}")
        return out

    closed = reduced(_debye_integral_step(d).rhs)  # 3/y³ ∫_0^y x⁴eˣ/(eˣ − 1)² dx
    (integral,) = closed.atoms(sp.Integral)
    u = x**4
    v = sp.integrate(integral.function / u, x)  # −1/(eˣ − 1): integrand = u dv/dx

    # ---- high T: Bernoulli series of v, differentiated, times x⁴, integrated term by term
    top = _series_degree(max(DEBYE_SWITCH_CANDIDATES))
    v_series = sp.series(v, x, 0, top - 2).removeO()  # −1/x + 1/2 − x/12 + ...
    v_series_prime = sp.Add(*(t.diff(x) for t in sp.Add.make_args(v_series)))  # termwise: fast
    integrand_series = sp.expand(u * v_series_prime)  # x² − x⁴/12 + ..., to x^(top + 2)
    series = sp.Poly(sp.expand(3 / y**3 * sp.integrate(integrand_series, (x, 0, y))), y)
    coefficient = {m: c for (m,), c in series.as_dict().items()}  # −3 B_m (m − 1)/(m! (m + 3))
    degree = {c: _series_truncation(coefficient, c, top) for c in DEBYE_SWITCH_CANDIDATES}

    def series_branch(s: float) -> sp.Expr:
        return _horner([coefficient[m] for m in range(0, degree[s] + 1, 2)], y**2)

    # ---- low T: by parts, geometric series 1/(eˣ − 1) = Σ e^{−nx}, term-wise tails
    boundary = (u * v).subs(x, y) - sp.limit(u * v, x, 0)  # −y⁴/(e^y − 1)
    # ∫_0^y u dv = boundary + ∫_0^y (−v) du, −v = Σ_{n≥1} e^{−nx}, ∫_0^y = ∫_0^∞ − ∫_y^∞:
    term = sp.integrate(sp.diff(u, x) * sp.exp(-n * x), (x, y, sp.oo))  # 4e^{−ny}(n³y³ + ...)/n⁴
    whole = sp.Sum(term.subs(y, 0), (n, 1, sp.oo)).doit()  # 4 Σ Γ(4)/n⁴ = 4π⁴/15
    weight = sp.expand(sp.simplify(term * sp.exp(n * y)))  # 4(y³/n + 3y²/n² + 6y/n³ + 6/n⁴)
    safe_boundary = boundary.subs(sp.exp(y) - 1, -expm1(-y) / sp.exp(-y))  # −y⁴e^{−y}/(−expm1(−y))
    if not safe_boundary.has(expm1):
        raise ValueError(f"unexpected form of the boundary term: {boundary}")
    terms = {c: _tail_truncation(term, integral, y, n, c) for c in DEBYE_SWITCH_CANDIDATES}

    def tail_branch(s: float) -> sp.Expr:
        # Horner in e^{−y}, so the e^{−ny} cost no further exp; each weight Horner in y
        weights = [sp.Integer(0)] + [_horner(sp.Poly(weight.subs(n, j), y).all_coeffs()[::-1], y)
                                     for j in range(1, terms[s] + 1)]
        return 3 / y**3 * (whole + safe_boundary - _horner(weights, sp.exp(-y)))

    # ---- T -> 0: the T³ law (the derivation's statement) once the whole tail is negligible
    t3 = reduced(d.statement.rhs)  # 4π⁴/(5y³)
    y_t3 = _t3_threshold(boundary, term, whole, y, n)

    s = codegen.choose_switch(series_branch(max(DEBYE_SWITCH_CANDIDATES)),
                              tail_branch(min(DEBYE_SWITCH_CANDIDATES)), closed, y, DEBYE_SWITCH_CANDIDATES)
    branches = [
        Branch(series_branch(s), sp.StrictLessThan(y, sp.nsimplify(s)),
               f"T >> Θ_D, y < {s:g}: integrand series x² − x⁴/12 + ... (Bernoulli) integrated term by "
               f"term to y^{degree[s]}; alternating, remainder below the first dropped term",
               sample={y: (1e-3, float(s))}, remainder=DEBYE_REMAINDER),
        Branch(tail_branch(s), sp.StrictLessThan(y, y_t3),
               f"{s:g} <= y < {y_t3}: ∫_0^y = 4π⁴/15 − y⁴/(e^y − 1) − 4 Σ_n e^{{−ny}}(y³/n + 3y²/n² + "
               f"6y/n³ + 6/n⁴), {terms[s]} terms; the rest below a geometric bound",
               sample={y: (float(s), float(y_t3))}, remainder=DEBYE_REMAINDER),
        Branch(t3, sp.true,
               f"T << Θ_D, y >= {y_t3}: the T³ law 4π⁴/(5y³); the whole tail ∫_y^∞ is negligible",
               sample={y: (float(y_t3), 10.0 * y_t3)}, remainder=DEBYE_REMAINDER),
    ]
    return Kernel(name="debye_cv_reduced", derivation="debye_T3_law", args=[y], closed_form=closed,
                  doc="Debye heat capacity C_V/(3 N k_B) at y = Theta_D/T (any temperature)",
                  branches=branches)


def _debye_integral_step(d: Derivation) -> Step:
    """The step of ``debye_T3_law`` giving C_V as the Debye integral ∫_0^{Θ_D/T} x⁴eˣ/(eˣ − 1)² dx."""
    x = next(q.symbol for q in d.symbols if q.symbol.name == "x")
    for step in d.steps:
        integrals = step.rhs.atoms(sp.Integral)
        if step.order is None and len(integrals) == 1 and step.rhs.has((sp.exp(x) - 1) ** -2):
            (integral,) = integrals
            if integral.limits[0][1] == 0 and integral.limits[0][2] != sp.oo:
                return step
    raise ValueError("debye_T3_law has no step giving the Debye integral")


def _horner(coefficients: list[sp.Expr], w: sp.Expr) -> sp.Expr:
    """c0 + w(c1 + w(c2 + ...)), built unevaluated in that nesting (no expansion, no powers of w)."""
    out = sp.Integer(0)
    for c in reversed(coefficients):
        out = c + w * out if out != 0 else c
    return out


def _series_degree(s: float) -> int:
    """A degree beyond which the series terms at y = s, |c_m| s^m ≈ 6(s/2π)^m, are << DEBYE_REMAINDER."""
    m = math.log(600 / DEBYE_REMAINDER) / math.log(2 * math.pi / s)
    return 2 * math.ceil(m / 2) + 4


def _series_truncation(coefficient: dict[int, sp.Rational], s: float, top: int) -> int:
    """Smallest even degree whose first dropped term at y = s is < DEBYE_REMAINDER × the sum."""
    s_ = sp.nsimplify(s)
    for m in range(0, top - 3, 2):  # the coefficients reach degree top − 2
        value = sum(coefficient[j] * s_**j for j in range(0, m + 1, 2))
        if abs(coefficient[m + 2] * s_ ** (m + 2)) < DEBYE_REMAINDER * value:
            return m
    raise ValueError(f"the series to degree {top} is too short for y < {s}")


def _tail_truncation(term: sp.Expr, integral: sp.Integral, y: sp.Symbol, n: sp.Symbol, s: float) -> int:
    """Terms K of the tail sum whose rest at y = s is < DEBYE_REMAINDER × ∫_0^s.

    Each term is smaller than the one before by more than e^{−s}, so the rest
    after K terms is below term(K + 1)/(1 − e^{−s}).
    """
    import mpmath

    x, _, _ = integral.limits[0]
    f_term = sp.lambdify((n, y), term, "mpmath")
    f_integrand = sp.lambdify(x, integral.function, "mpmath")
    with mpmath.workdps(30):
        value = mpmath.quad(f_integrand, [0, s])
        for k in range(1, 1000):
            if f_term(k + 1, s) / (1 - mpmath.exp(-s)) < DEBYE_REMAINDER * value:
                return k
    raise ValueError(f"the tail sum converges too slowly at y = {s}")


def _t3_threshold(boundary: sp.Expr, term: sp.Expr, whole: sp.Expr, y: sp.Symbol, n: sp.Symbol) -> int:
    """First integer y >= 10 where the T³ law's relative error ∫_y^∞/∫_0^y is < DEBYE_REMAINDER.

    ∫_y^∞ = −boundary + Σ_{n≥1} term: the tail identity summed to ∞.
    """
    import mpmath

    f_boundary = sp.lambdify(y, boundary, "mpmath")
    f_term = sp.lambdify((n, y), term, "mpmath")
    with mpmath.workdps(30):
        total = mpmath.mpf(str(sp.N(whole, 35)))
        for y0 in range(10, 1000):
            rest = -f_boundary(y0) + mpmath.nsum(lambda k, y0=y0: f_term(k, y0), [1, mpmath.inf])
            if rest < DEBYE_REMAINDER * (total - rest):
                return y0
    raise ValueError("no threshold for the T³ law found")
