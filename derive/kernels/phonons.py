"""Kernel specs for topic ``phonons``: the Debye heat capacity of :mod:`derive.phonons`.

``debye_T3`` is the statement (the T³ law); ``debye_cv_reduced`` the Debye
integral at any temperature as C_V/(3Nk_B) of y = Θ_D/T, with verified
series / tail-identity / T³ branches (:func:`debye_cv_reduced_kernel`) whose
truncations are chosen here for the remainder bound DEBYE_REMAINDER.
"""

from __future__ import annotations

import functools
import math

import mpmath
import sympy as sp
from sympy.codegen.cfunctions import expm1

from ..constants import quantity
from ..derivation import Derivation, Step
from ..registry import get
from ..units import DIMENSIONLESS
from .design import choose_switch
from .ir import Branch, Kernel, statement_kernel
from .registry import kernel

__all__ = ["DEBYE_REMAINDER", "DEBYE_SWITCH_CANDIDATES", "Y_DEBYE", "bose_integral_branches",
           "debye_cv_reduced_kernel"]


@kernel("debye_T3", derivation="debye_T3_law")
def _debye_T3_kernel() -> Kernel:
    return statement_kernel("debye_T3_law", ["T", "Theta_D", "N"],
                            "Low-temperature Debye heat capacity (12 pi^4/5) N k_B (T/Theta_D)^3 in J/K",
                            name="debye_T3")


@kernel("debye_cv_reduced", derivation="debye_T3_law")
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
    3Nk_B, with Θ_D = yT; the branches are those of :func:`bose_integral_branches`
    for the power p = 4, with the T³ law (the derivation's statement) as the
    limit branch:

    * y < s (high T): 1 − y²/20 + y⁴/560 − ... (Bernoulli series), Horner in y².
    * s <= y < y_T3: ∫_0^y = 4π⁴/15 − y⁴/(e^y − 1) − 4 Σ_{n≥1} e^{−ny}(y³/n + 3y²/n² + 6y/n³ + 6/n⁴).
    * y >= y_T3 (low T): the T³ law 4π⁴/(5y³), exactly 0 at y = ∞ (T = 0).

    Cached: the SymPy series and the switch search take a few seconds.
    """
    d = get("debye_T3_law")
    sym = {q.symbol.name: q.symbol for q in d.symbols}
    T, Theta, N, k_B, n = (sym[name] for name in ("T", "Theta_D", "N", "k_B", "n"))
    y = Y_DEBYE.symbol

    def reduced(expr: sp.Expr) -> sp.Expr:
        """C_V -> C_V/(3Nk_B) in the variable y = Θ_D/T."""
        out = (expr / (3 * N * k_B)).subs(Theta, y * T)
        if out.free_symbols != {y}:
            raise ValueError(f"not a function of y alone: {out}")
        return out

    closed = reduced(_debye_integral_step(d).rhs)  # 3/y³ ∫_0^y x⁴eˣ/(eˣ − 1)² dx
    branches = bose_integral_branches(4, closed, y, n, reduced(d.statement.rhs), "T³ law")
    return Kernel(name="debye_cv_reduced", derivation="debye_T3_law", args=[y], closed_form=closed,
                  doc="Debye heat capacity C_V/(3 N k_B) at y = Theta_D/T (any temperature)",
                  branches=branches)


def bose_integral_branches(p: int, closed: sp.Expr, y: sp.Symbol, n: sp.Symbol, limit: sp.Expr,
                           limit_name: str,
                           candidates: tuple[float, ...] = DEBYE_SWITCH_CANDIDATES) -> list[Branch]:
    """Verified branches of closed = F(y) ∫_0^y xᵖeˣ/(eˣ − 1)² dx (any positive y) for the power p >= 2.

    ``closed`` holds one ``Integral`` over (x, 0, y) of an integrand equal to
    xᵖ dv/dx, v = −1/(eˣ − 1) (any form of it, e.g. xᵖ/(4 sinh²(x/2))); F(y)
    is the rest of ``closed``. ``limit`` is the value of ``closed`` with the
    whole tail ∫_y^∞ dropped, F(y) p! ζ(p) (taken from a derivation's result
    and checked here against the tail identity's ∫_0^∞). Three branches, each
    verified against ``closed`` with the remainder bound DEBYE_REMAINDER on its
    region:

    * y < s (high T): the integrand is xᵖ dv/dx, so its series is xᵖ times
      the derivative of the Bernoulli series of v; integrated term by term,
      y^(p−1)/(p − 1) − y^(p+1)/(12(p + 1)) + ... The series converges for
      y < 2π and alternates with decreasing terms, so the remainder is below
      the first dropped term; terms are kept until that is < DEBYE_REMAINDER
      at y = s. y^k times a Horner form in y².
    * s <= y < y_lim: the exact identity
      ∫_0^y = p! ζ(p) − yᵖ/(e^y − 1) − p Σ_{n≥1} ∫_y^∞ x^(p−1) e^{−nx} dx
      (by parts; 1/(eˣ − 1) = Σ e^{−nx}; each term in closed form; ∫_0^∞
      from the same terms at y = 0), truncated after K terms (the rest is
      below a geometric bound < DEBYE_REMAINDER at y = s), Horner in e^{−y}
      (one exp), yᵖ/(e^y − 1) = −yᵖe^{−y}/expm1(−y) (no overflow).
    * y >= y_lim (low T): ``limit``; y_lim is the first integer y where the
      whole tail ∫_y^∞/∫_0^y is < DEBYE_REMAINDER.

    s is chosen by :func:`~derive.kernels.design.choose_switch` among ``candidates`` (default
    DEBYE_SWITCH_CANDIDATES; larger p needs larger s: the tail identity subtracts from p! ζ(p) a
    tail that is a larger share of it at small y).
    """
    (integral,) = closed.atoms(sp.Integral)
    x, lower, upper = integral.limits[0]
    if lower != 0 or upper != y:
        raise ValueError(f"not an integral over (x, 0, y): {integral}")
    factor = sp.simplify(closed / integral)
    if factor.has(sp.Integral) or not factor.free_symbols <= {y}:
        raise ValueError(f"not F(y) ∫_0^y: {closed}")
    u = x**p
    v = sp.integrate(integral.function / u, x)  # −1/(eˣ − 1): integrand = u dv/dx
    if v != -1 / (sp.exp(x) - 1):
        v = -1 / (sp.exp(x) - 1)
        if sp.simplify((u * v.diff(x) - integral.function).rewrite(sp.exp)) != 0:
            raise ValueError(f"the integrand is not x^{p} eˣ/(eˣ − 1)²: {integral.function}")

    # ---- high T: Bernoulli series of v, differentiated, times xᵖ, integrated term by term
    top = _series_degree(max(candidates))
    v_series = _bernoulli_series(x, top - 2)  # −1/x + 1/2 − x/12 + ...
    v_series_prime = sp.Add(*(t.diff(x) for t in sp.Add.make_args(v_series)))  # termwise: fast
    integrand_series = sp.expand(u * v_series_prime)  # x^(p−2) − x^p/12 + ...
    series = sp.Poly(sp.expand(factor * sp.integrate(integrand_series, (x, 0, y))), y)
    coefficient = {m: c for (m,), c in series.as_dict().items()}  # F ∝ y^(−k): −B_m (m − 1)/(m! (m + k))
    low = min(coefficient)
    degree = {c: _series_truncation(coefficient, c, low) for c in candidates}

    def series_branch(s: float) -> sp.Expr:
        return y**low * _horner([coefficient[m] for m in range(low, degree[s] + 1, 2)], y**2)

    # ---- low T: by parts, geometric series 1/(eˣ − 1) = Σ e^{−nx}, term-wise tails
    boundary = (u * v).subs(x, y) - sp.limit(u * v, x, 0)  # −yᵖ/(e^y − 1)
    # ∫_0^y u dv = boundary + ∫_0^y (−v) du, −v = Σ_{n≥1} e^{−nx}, ∫_0^y = ∫_0^∞ − ∫_y^∞:
    term = sp.integrate(sp.diff(u, x) * sp.exp(-n * x), (x, y, sp.oo))  # p e^{−ny}(...)/nᵖ
    whole = sp.Sum(term.subs(y, 0), (n, 1, sp.oo)).doit()  # p Σ Γ(p)/nᵖ = p! ζ(p)
    if sp.simplify(limit - factor * whole) != 0:
        raise ValueError(f"the limit {limit} is not the tail identity's {factor * whole}")
    weight = sp.expand(sp.simplify(term * sp.exp(n * y)))  # p(y^(p−1)/n + ...)
    safe_boundary = boundary.subs(sp.exp(y) - 1, -expm1(-y) / sp.exp(-y))  # −yᵖe^{−y}/(−expm1(−y))
    if not safe_boundary.has(expm1):
        raise ValueError(f"unexpected form of the boundary term: {boundary}")
    terms = {c: _tail_truncation(term, integral, y, n, c) for c in candidates}

    def tail_branch(s: float) -> sp.Expr:
        # Horner in e^{−y}, so the e^{−ny} cost no further exp; each weight Horner in y
        weights = [sp.Integer(0)] + [_horner(sp.Poly(weight.subs(n, j), y).all_coeffs()[::-1], y)
                                     for j in range(1, terms[s] + 1)]
        return factor * (whole + safe_boundary - _horner(weights, sp.exp(-y)))

    # ---- y -> ∞: the limit once the whole tail is negligible
    y_lim = _t3_threshold(boundary, term, whole, y, n)

    s = choose_switch(series_branch(max(candidates)), tail_branch(min(candidates)), closed, y, candidates)
    return [
        Branch(series_branch(s), sp.StrictLessThan(y, sp.nsimplify(s)),
               f"high T, y < {s:g}: integrand series of x^{p} eˣ/(eˣ − 1)² (Bernoulli) integrated term by "
               f"term to y^{degree[s]}; alternating, remainder below the first dropped term",
               sample={y: (1e-3, float(s))}, remainder=DEBYE_REMAINDER),
        Branch(tail_branch(s), sp.StrictLessThan(y, y_lim),
               f"{s:g} <= y < {y_lim}: ∫_0^y = {p}! ζ({p}) − y^{p}/(e^y − 1) − {p} Σ_n ∫_y^∞ x^{p - 1}"
               f"e^{{−nx}} dx, {terms[s]} terms; the rest below a geometric bound",
               sample={y: (float(s), float(y_lim))}, remainder=DEBYE_REMAINDER),
        Branch(limit, sp.true,
               f"low T, y >= {y_lim}: the {limit_name} {limit}; the whole tail ∫_y^∞ is negligible",
               sample={y: (float(y_lim), 10.0 * y_lim)}, remainder=DEBYE_REMAINDER),
    ]


def _bernoulli_series(x: sp.Symbol, order: int) -> sp.Expr:
    """−1/(eˣ − 1) to O(x^order): −Σ_m B_m⁻ x^(m−1)/m! from the generating function x/(eˣ − 1) = Σ B_m⁻ x^m/m!
    (B_m⁻ = (−1)^m B_m, SymPy's B_1 = +1/2), the Bernoulli numbers exact; the first terms checked against
    SymPy's series of −1/(eˣ − 1). ``sp.series`` itself takes seconds to minutes at the orders needed (J_7:
    order ~150), this a few milliseconds."""
    series = -sp.Add(*((-1) ** m * sp.bernoulli(m) * x ** (m - 1) / sp.factorial(m)
                        for m in range(order + 1)))
    check = min(order, 8)
    if sp.expand(sp.series(-1 / (sp.exp(x) - 1), x, 0, check).removeO()
                 - sum(t for t in sp.Add.make_args(series) if sp.degree(t * x, x) <= check)) != 0:
        raise ValueError("the Bernoulli series of −1/(eˣ − 1) disagrees with SymPy's")  # pragma: no cover
    return series


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


def _series_truncation(coefficient: dict[int, sp.Rational], s: float, low: int = 0) -> int:
    """Smallest degree (low + even) whose first dropped term at y = s is < DEBYE_REMAINDER × the sum."""
    s_ = sp.nsimplify(s)
    top = max(coefficient)
    for m in range(low, top - 1, 2):
        value = sum(coefficient[j] * s_**j for j in range(low, m + 1, 2))
        if abs(coefficient[m + 2] * s_ ** (m + 2)) < DEBYE_REMAINDER * value:
            return m
    raise ValueError(f"the series to degree {top} is too short for y < {s}")


def _tail_truncation(term: sp.Expr, integral: sp.Integral, y: sp.Symbol, n: sp.Symbol, s: float) -> int:
    """Terms K of the tail sum whose rest at y = s is < DEBYE_REMAINDER × ∫_0^s.

    Each term is smaller than the one before by more than e^{−s}, so the rest
    after K terms is below term(K + 1)/(1 − e^{−s}).
    """
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
    f_boundary = sp.lambdify(y, boundary, "mpmath")
    f_term = sp.lambdify((n, y), term, "mpmath")
    with mpmath.workdps(30):
        total = mpmath.mpf(str(sp.N(whole, 35)))
        for y0 in range(10, 1000):
            rest = -f_boundary(y0) + mpmath.nsum(lambda k, y0=y0: f_term(k, y0), [1, mpmath.inf])
            if rest < DEBYE_REMAINDER * (total - rest):
                return y0
    raise ValueError("no threshold for the T³ law found")
