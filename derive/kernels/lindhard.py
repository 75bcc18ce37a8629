"""Numerical design of the Lindhard kernels: the fitted Lam series and the switch points of Re f.

The design is public data (:class:`LindhardDesign`, from :func:`lindhard_design`): the tests build
their strata on its switch lines. The forms (:func:`dynamic_real_forms`) are the branch
expressions of the Re f kernel in :mod:`derive.kernels.screening`; each is an exact rewrite of the
``lindhard_dynamic_real`` statement, verified there with a remainder bound.

Re f = [L(nu + x) - L(nu - x)]/(4x) with L(a) = a + (1 - a^2) l(a)/2 and l(a) = ln|(1 + a)/(1 - a)|
(the statement of lindhard_dynamic_real; L is odd). The closed form cancels (a) for small x, where it is
a difference quotient, (b) for large nu or x (1/2 against terms of order one, relative error ~ eps nu^2
or eps x^2), and it is 0 * inf on the continuum edges. The kernel uses three exact rewrites of it, with
one function Lam(w) = l(a)/(2a) - 1 (w = a^2; l(a) = 2 atanh(a) = 2a [1 + Lam(a^2)] for |a| < 1 and
l(1/a) = l(a)), evaluated by one fitted polynomial (lam_fit) exactly twice per point: once on the
p = nu + x side, once on the m = nu - x side. Where a logarithm is needed, l(a) = ln(r),
r = (1 + a)/|1 - a|, is reduced as r = 2^e (1 + sigma)/(1 - sigma) with |sigma| < 1/3
(RatioExponent, RatioArgument: numerator and denominator separately, never r itself), and
ln r = e ln 2 + 2 sigma [1 + Lam(sigma^2)] takes the same polynomial as the series branches:
no separate log polynomial, no division for r.

  P1 (|s| <= theta, s = 2x/(1 + x^2 - nu^2); l(s) = l(p) - l(m), p = nu + x, m = nu - x):
      Re f = x/(p D) + (1 - m^2) Lam(s^2)/(2D) - (nu/p) A(p),   D = 1 + x^2 - nu^2,
      A(p) = p l(p)/2 - 1 = Lam(1/p^2) (series for p >= p_s, logarithm below). No difference quotient
      (small x) and no cancellation at large nu or x (the leading terms of 1/2 + (1 - m^2) l(s)/(8x)
      - nu l(p)/2 are collected exactly into x/(p D)).
  GL (x >= x_c, near the edges |s| > theta): [L(p) - L(m)]/(4x) with a safe L: series in a^2 for
      |a| < m_s, in 1/a^2 for |a| > M_s, L = a + (1 - a)(1 + a) l(a)/2 in between.
  GT (x < x_c, near the edges, including the corner x -> 0, nu -> 1 where both logarithms are large):
      1/2 + [(1 - p^2) l(p) - (1 - m^2) l(m)]/(8x), every factor 1 -+ nu -+ x rounded once with 1 - nu
      first (exact where it matters), so the logarithmic singularities cancel to rounding.
The factors vanishing on the edges are (1 - nu) - x, 1 + m and 1 - m (or (1 - nu) + x for x < x_c),
each evaluated with a single rounding; degree-1 Polynomial nodes keep that evaluation order in the
printed code. Where a factor is exactly zero, the reduced logarithm stays finite (RatioExponent reads
the zero as 2^-1023) and its coefficient (the same factor) makes the product zero: no NaN on the edges.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import mpmath
import sympy as sp

from ..lindhard_dynamic import NU
from ..registry import get
from ..screening import X
from .design import choose_switch, relative_chebyshev_fit
from .nodes import Polynomial, RatioArgument, RatioExponent

__all__ = [
    "LAM_W_MAX",
    "SERIES_TOL",
    "LindhardDesign",
    "dynamic_real_forms",
    "lam",
    "lam_fit",
    "lindhard_design",
    "log_ratio",
    "log_ratio_coefficients",
    "safe_L_pieces",
    "static_of_dynamic",
    "two_atanh",
]

x, nu = X.symbol, NU.symbol

SERIES_TOL = 2.0**-56  # relative error target of the fitted Lam on its whole interval
# Largest argument w of Lam(w): the reduced logarithms need sigma^2 < 1/9 (RatioArgument), and the
# switch points may leave the series |a| <= sqrt(w), |a| >= 1/sqrt(w) and P1 |s| <= sqrt(w) up to the
# same bound. It sets the degree of the polynomial that every point evaluates twice, against the
# cancellation the logarithmic forms suffer in between (L(a) = a + (1 - a^2) l(a)/2 loses ~1.5 a^2
# relative at large |a|).
LAM_W_MAX = 1 / 9


@dataclass(frozen=True)
class LindhardDesign:
    """The numerical design of the Re f kernel (and the Lam fit shared with F(x)).

    Attributes
    ----------
    w_max : float
        Largest argument w of Lam(w) (the fit's interval [0, w_max]).
    lam_coefficients : tuple of sympy.Rational
        q_0..q_(K-1) of Lam(w) = w q(w), exact doubles, lowest order first.
    theta : float
        P1 for |s| <= theta, s = 2x/(1 + x^2 - nu^2).
    x_c : float
        GL for x >= x_c, GT below (near the continuum edges).
    p_s : float
        l(p), p = nu + x, from its series in 1/p^2 for p >= p_s.
    m_s, M_s : float
        l(m), m = nu - x, from its series in m^2 for |m| < m_s, in 1/m^2 for |m| > M_s.
    """

    w_max: float
    lam_coefficients: tuple[sp.Rational, ...]
    theta: float
    x_c: float
    p_s: float
    m_s: float
    M_s: float

    @property
    def switch_points(self) -> dict[str, float]:
        """theta, x_c, p_s, m_s, M_s by name."""
        return {"theta": self.theta, "x_c": self.x_c, "p_s": self.p_s, "m_s": self.m_s, "M_s": self.M_s}


def resolve_abs(expr: sp.Expr, point: dict) -> sp.Expr:
    """``expr`` with every |u| replaced by +u or -u, the sign u has at ``point`` (exact on that region)."""
    return expr.replace(sp.Abs, lambda u: u if u.subs(point) > 0 else -u)


def static_of_dynamic() -> sp.Expr:
    """F(x) = Re f(x, 0), the static slice of the lindhard_dynamic_real statement."""
    return get("lindhard_dynamic_real").statement.rhs.subs(nu, 0)


@functools.cache
def log_ratio() -> sp.Expr:
    """l(a) = ln|(1 + a)/(1 - a)| (as a function of x) from the statement at nu = 0.

    F(x) = 1/2 + (1 - x^2) l(x)/(4x) there.
    """
    F = static_of_dynamic()
    return (resolve_abs(F, {x: sp.Rational(1, 2)}) - sp.Rational(1, 2)) * 4 * x / (1 - x**2)


@functools.cache
def log_ratio_coefficients(order: int) -> tuple[sp.Rational, ...]:
    """c_0..c_order of l(a)/(2a) = sum_k c_k a^(2k), from the statement at nu = 0.

    The series of l is that of its derivative (a rational function), integrated term by term.
    """
    l_of_x = log_ratio()
    slope = sp.series(sp.cancel(sp.simplify(sp.diff(l_of_x, x))), x, 0, 2 * order + 1).removeO()
    if sp.limit(l_of_x, x, 0) != 0:
        raise ValueError("l(a) should vanish at a = 0")
    c = [slope.coeff(x, 2 * k) / (2 * (2 * k + 1)) for k in range(order + 1)]  # l = sum 2 c_k a^(2k+1)
    if c[0] != 1 or any(slope.coeff(x, 2 * k + 1) != 0 for k in range(order + 1)):
        raise ValueError("l(a)/(2a) should be an even series in a starting at 1")
    return tuple(c)


@functools.cache
def lam_fit(w_max: float = LAM_W_MAX) -> tuple[sp.Rational, ...]:
    """q_0..q_(K-1) of Lam(w) = w q(w) on 0 <= w <= w_max, Lam(w) = l(a)/(2a) - 1 with w = a^2.

    q = Lam/w is smooth on [0, w_max] (its singularity is at w = 1), so a Chebyshev fit
    (:func:`~derive.kernels.design.relative_chebyshev_fit` of q, from l(a) of the statement at 50
    digits) needs far fewer terms than the Taylor series c_1 + c_2 w + ... (12 instead of 20 at
    w_max = 0.16): the smallest degree within SERIES_TOL of q relative to q, whose coefficients
    rounded to doubles cost at most an ulp more (that of q(0) = 1/3; q(0) = c_1 comes from the
    series). The kernels' branch checks then bound the whole kernel against the closed form
    (Branch.remainder).
    """
    l_num = sp.lambdify(x, log_ratio(), modules="mpmath")
    c1 = log_ratio_coefficients(1)[1]

    def q(w: Any) -> Any:
        if w == 0:
            return mpmath.mpf(c1.p) / c1.q
        a = mpmath.sqrt(w)
        return (l_num(a) / (2 * a) - 1) / w

    return relative_chebyshev_fit(q, w_max, SERIES_TOL)


def lam(w: sp.Expr, coeffs: tuple[sp.Rational, ...]) -> sp.Expr:
    """Lam(w) = sum_k c_k w^k, printed in Estrin form."""
    return w * Polynomial(w, *coeffs)


def two_atanh(e: sp.Expr, sigma: sp.Expr, lam: sp.Expr) -> sp.Expr:
    """l = e ln 2 + 2 atanh(sigma), 2 atanh(sigma) = 2 sigma [1 + Lam(sigma^2)]; ``lam`` is Lam(sigma^2)."""
    return e * sp.log(2) + 2 * sigma * (1 + lam)


def dynamic_real_forms(coeffs: tuple, theta: object, x_c: object, p_s: object, m_s: object, M_s: object,
                        factors: str = "switch", gamma: str = "switch") -> dict[str, sp.Expr]:
    """Branch expressions of Re f for the given switch points (see the comment above).

    ``factors`` ("small", "large" or "switch" at x_c) picks the forms of 1 - m and of
    D = 1 + x^2 - nu^2; ``gamma`` ("s2", "wm" or "switch" at |s| = theta) picks the argument sigma_m of
    the m-side series (s in P1; m, 1/m or the reduced ratio in GL and GT). The fixed choices serve the
    1-D slices on which the switch points are chosen.
    """
    half = sp.Rational(1, 2)
    p = nu + x
    m = Polynomial(x, nu, -1)  # nu - x in one rounding (exact for x <= nu <= 2x)
    a1 = Polynomial(x, 1 - nu, -1)  # 1 - nu - x: 1 - nu is exact for 1/2 <= nu <= 2
    a2, a4 = 1 + m, 1 + p  # 1 + nu - x (vanishes where nu - x is exact), 1 + nu + x
    a3_small, a3_large = Polynomial(x, 1 - nu, 1), 1 - m  # 1 - nu + x
    D_small, D_large = (1 - nu) * (1 + nu) + x**2, 1 - p * m  # 1 + x^2 - nu^2
    small = sp.StrictLessThan(x, x_c)
    a3, D = {"small": (a3_small, D_small), "large": (a3_large, D_large),
             "switch": (sp.Piecewise((a3_small, small), (a3_large, True)),
                        sp.Piecewise((D_small, small), (D_large, True)))}[factors]
    # l(p): 2 atanh(1/p) by the series for p >= p_s, else ln|a4/a1| = e ln 2 + 2 atanh(sigma), reduced
    p_series = sp.GreaterThan(p, p_s)
    e_p = sp.Piecewise((0, p_series), (RatioExponent(a4, a1), True))
    sigma_p = sp.Piecewise((1 / p, p_series), (RatioArgument(a4, a1), True))
    lam_p = lam(sigma_p**2, coeffs)  # Lam(1/p^2) or Lam(sigma_p^2): one polynomial either way
    l_p = two_atanh(e_p, sigma_p, lam_p)
    # l(m): 2 atanh(m) for |m| < m_s, 2 atanh(1/m) for |m| > M_s, ln|a2/a3| reduced in between
    m_tiny, m_large = sp.StrictLessThan(sp.Abs(m), m_s), sp.StrictGreaterThan(sp.Abs(m), M_s)
    e_m = sp.Piecewise((0, m_tiny), (0, m_large), (RatioExponent(a2, a3), True))
    sigma_wm = sp.Piecewise((m, m_tiny), (1 / m, m_large), (RatioArgument(a2, a3), True))
    s = 2 * x / D
    in_p1 = sp.LessThan(2 * x, theta * sp.Abs(D))  # |s| <= theta, without a division
    sigma_m = {"s2": s, "wm": sigma_wm, "switch": sp.Piecewise((s, in_p1), (sigma_wm, True))}[gamma]
    lam_a = lam(sigma_m**2, coeffs)  # Lam(s^2) in P1, Lam(sigma_m^2) in GL and GT
    l_m = two_atanh(e_m, sigma_m, lam_a)  # (GL and GT only: P1 uses lam_a = Lam(s^2))
    one_m2, one_p2 = a2 * a3, a1 * a4  # 1 - m^2, 1 - p^2
    A = sp.Piecewise((lam_p, p_series), (p * l_p / 2 - 1, True))
    P1 = x / (p * D) + one_m2 * lam_a / (2 * D) - nu / p * A
    GT = half + (one_p2 * l_p - one_m2 * l_m) / (8 * x)
    L_p = sp.Piecewise(((1 + one_p2 * lam_p) / p, p_series), (p + one_p2 * l_p / 2, True))
    L_m = sp.Piecewise(((1 + one_m2 * lam_a) / m, m_large), (m + one_m2 * l_m / 2, True))
    GL = (L_p - L_m) / (4 * x)
    return {"P1": P1, "GT": GT, "GL": GL, "in_p1": in_p1, "small": small}


def safe_L_pieces(coeffs: tuple) -> tuple[sp.Expr, sp.Expr, sp.Expr, sp.Expr]:
    """L(a) (a = x): small-a series, reduced logarithm, large-a series, and 2a F(a) from the statement."""
    a = x
    small = a + (1 - a) * (1 + a) * a * (1 + lam(a**2, coeffs))
    sigma = RatioArgument(1 + a, 1 - a)
    l_a = two_atanh(RatioExponent(1 + a, 1 - a), sigma, lam(sigma**2, coeffs))
    middle = a + (1 - a) * (1 + a) / 2 * l_a
    large = (1 + (1 - a) * (1 + a) * lam(1 / a**2, coeffs)) / a
    return small, middle, large, 2 * a * static_of_dynamic()  # L(a) = 2a F(a)


@functools.cache
def lindhard_design() -> LindhardDesign:
    """The fit of Lam and the switch points of the Re f kernel, each from :func:`choose_switch`.

    Candidates keep every argument of Lam at most LAM_W_MAX, the interval of the fitted
    polynomial. The switch points are chosen on 1-D slices:
    m_s, M_s on L(a) itself (the safe L of GL and the series/log choice of l(m) in GT);
    p_s on x = 1/1000 as a function of nu (small x, where A(p) dominates P1);
    theta on x = 1/20 above the continuum, as a function of t = -s (P1 against GT);
    x_c on the diagonal nu = 1 + x/2 between the edges nu = 1 -+ x (GT against GL).
    """
    small = [a for a in (0.1, 0.125, 0.15, 0.2, 0.25, 0.3, 1 / 3, 0.35, 0.4) if a**2 <= LAM_W_MAX]
    large = [a for a in (2.5, 3.0, 3.5, 4.0, 5.0, 6.0, 7.0, 8.0) if a**-2 <= LAM_W_MAX]
    coeffs = lam_fit(LAM_W_MAX)
    L_small, L_middle, L_large, L_ref = safe_L_pieces(coeffs)
    m_s = choose_switch(L_small, L_middle, L_ref, x, small)
    M_s = choose_switch(L_middle, L_large, L_ref, x, large)
    closed = get("lindhard_dynamic_real").statement.rhs
    # p_s: P1 with A(p) from the logarithm (left) or the series (right), at x = 1/1000
    x0 = sp.Rational(1, 1000)
    left, right = (dynamic_real_forms(coeffs, 1, 1, p_s, m_s, M_s, "small", "s2")["P1"].subs(x, x0)
                   for p_s in (sp.oo, 0))
    p_s = choose_switch(left, right, closed.subs(x, x0), nu, large)
    # theta: P1 (left) against GT (right) on x = 1/20, nu = sqrt(1 + x^2 + 2x/t) > 1 + x, t = -s
    t = sp.Symbol("t", positive=True)
    x1 = sp.Rational(1, 20)
    on_slice = {nu: sp.sqrt(1 + x1**2 + 2 * x1 / t), x: x1}
    forms = {g: dynamic_real_forms(coeffs, 1, 1, p_s, m_s, M_s, "small", g) for g in ("s2", "wm")}
    theta = choose_switch(forms["s2"]["P1"].subs(on_slice), forms["wm"]["GT"].subs(on_slice),
                          closed.subs(on_slice), t, small)
    # x_c: GT with the small-x factors (left) against GL with the large-x factors (right), nu = 1 + x/2
    diagonal = {nu: 1 + x / 2}
    x_c = choose_switch(dynamic_real_forms(coeffs, 1, 1, p_s, m_s, M_s, "small", "wm")["GT"].subs(diagonal),
                        dynamic_real_forms(coeffs, 1, 1, p_s, m_s, M_s, "large", "wm")["GL"].subs(diagonal),
                        closed.subs(diagonal), x, [0.25, 0.35, 0.5, 0.7, 1.0])
    # every candidate keeps the series inside [0, LAM_W_MAX]
    return LindhardDesign(LAM_W_MAX, coeffs, theta, x_c, p_s, m_s, M_s)
