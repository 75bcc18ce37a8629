"""Numerical design of kernels: where to switch between forms, and fitted polynomials.

:func:`choose_switch` picks, among candidates, the switch point between two
forms that minimises the worst relative error in simulated IEEE double
arithmetic; :func:`relative_chebyshev_fit` finds the lowest-degree Chebyshev
fit of a smooth function within a relative tolerance whose coefficients
survive rounding to doubles. Both are deterministic (mpmath, no libm).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import mpmath
import sympy as sp

from .passes import expand_polynomials

__all__ = ["choose_switch", "relative_chebyshev_fit"]


def choose_switch(
    left: sp.Expr, right: sp.Expr, reference: sp.Expr, var: sp.Symbol, candidates: Sequence[float],
    probes: int = 24,
) -> float:
    """The switch point s (from ``candidates``) minimising the worst relative error.

    ``left`` is used below s and ``right`` above. Each is evaluated as IEEE
    double arithmetic would, simulated by mpmath at 53-bit precision (every
    operation correctly rounded, so the choice does not depend on the
    machine's libm), at ``probes`` log-spaced points around each candidate,
    and compared with ``reference`` at 50 digits.
    """
    f_left, f_right = (sp.lambdify(var, expand_polynomials(e), modules="mpmath") for e in (left, right))
    f_ref = sp.lambdify(var, reference, modules="mpmath")
    lo, hi = min(candidates), max(candidates)
    grid = [lo / 1.5 * (hi * 1.5 * 1.5 / lo) ** (i / (probes * len(candidates))) for i in
            range(probes * len(candidates) + 1)]

    exact: dict[float, object] = {}
    for x in grid:
        try:
            with mpmath.workdps(50):
                exact[x] = f_ref(mpmath.mpf(x))
        except (ZeroDivisionError, ValueError):  # singular point of the closed form itself: skip
            pass

    def errors(f: Callable) -> dict[float, float]:
        out = {}
        for x, ref in exact.items():
            try:
                with mpmath.workprec(53):
                    approx = f(mpmath.mpf(x))
                with mpmath.workdps(50):
                    out[x] = float(abs(approx - ref) / abs(ref))
            except (ZeroDivisionError, ValueError):
                out[x] = math.inf
        return out

    err_left, err_right = errors(f_left), errors(f_right)

    def worst(s: float) -> float:
        return max(err_left[x] if x < s else err_right[x] for x in exact)

    return min(candidates, key=lambda s: (worst(s), s))


def relative_chebyshev_fit(f: Callable[[Any], Any], w_max: float, tol: float,
                           degrees: range = range(4, 24), nodes: int = 600) -> tuple[sp.Rational, ...]:
    """Coefficients (lowest first, exact doubles) of a polynomial p, |p - f| <= tol |f| on [0, w_max].

    ``mpmath.chebyfit`` of ``f`` (evaluated at 50 digits) for each degree in
    ``degrees`` in turn; the first whose worst relative error on ``nodes``
    points, clustered at both ends like the fit's own nodes, is within ``tol``
    is kept. Rounding its coefficients to doubles must cost at most an ulp
    more (that of p(0)).

    Raises
    ------
    ValueError
        If no degree reaches ``tol``, or rounding costs more than an ulp.
    """
    with mpmath.workdps(50):
        grid = [mpmath.mpf(w_max) * (1 - mpmath.cos(mpmath.pi * i / (nodes - 1))) / 2 for i in range(nodes)]
        exact = [f(w) for w in grid]
        for degree in degrees:
            fit = mpmath.chebyfit(f, [0, w_max], degree + 1)  # highest order first
            if _worst_relative(fit, grid, exact) <= tol:
                doubles = [mpmath.mpf(float(c)) for c in fit]  # + the unavoidable rounding of p(0)
                if _worst_relative(doubles, grid, exact) > tol + 2.0**-53:
                    raise ValueError("rounding the fit to doubles costs more than an ulp")
                return tuple(sp.Rational(float(c)) for c in fit[::-1])
    raise ValueError(f"no polynomial fit within {tol} up to w = {w_max}")


def _worst_relative(coeffs: list, grid: list, exact: list) -> Any:
    """max |p(w) - f(w)|/f(w) over ``grid`` for the polynomial p with ``coeffs`` (highest order first)."""
    return max(abs(mpmath.polyval(coeffs, w) - v) / v for w, v in zip(grid, exact, strict=True))
