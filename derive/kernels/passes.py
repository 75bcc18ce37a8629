"""Passes of the kernel factory over SymPy expressions, before printing.

* :func:`fold_numbers`: numeric subexpressions (sqrt(2), pi, zeta(5)) become float literals;
* :func:`expand_polynomials`: :class:`~derive.kernels.nodes.Polynomial` nodes in Horner form
  (for evaluation without Estrin);
* :func:`share_reciprocals`: one division per reciprocal (CSE then shares it);
* :func:`cse_lines`: common subexpressions of one branch as assignments and a return.
"""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp

from .nodes import Polynomial

__all__ = ["cse_lines", "expand_polynomials", "fold_numbers", "share_reciprocals"]


def expand_polynomials(expr: sp.Expr) -> sp.Expr:
    """Replace every Polynomial node by its Horner form (for printers without Estrin).

    Only the Polynomial itself is expanded (``deep=False``): functions in its argument, such as
    RatioArgument, stay for the printer (their elementary ``doit`` forms are not safe at zero).
    """
    return expr.replace(lambda z: isinstance(z, Polynomial),
                        lambda z: sp.horner(z.doit(deep=False), wrt=z.args[0]) if z.args[0].is_Symbol
                        else z.doit(deep=False))


def fold_numbers(expr: sp.Expr) -> sp.Expr:
    """Replace numeric subexpressions (sqrt(2), pi, zeta(5), ...) by floats so products fold into one literal.

    Functions of numbers are folded too: the code printers know no ζ, and a literal is cheaper anyway.
    """
    numbers = [a for a in expr.atoms(sp.Pow, sp.NumberSymbol, sp.Function) if a.is_number]
    return expr.xreplace({a: sp.Float(a.evalf(30), 30) for a in numbers})


def cse_lines(expr: sp.Expr, emit_assign: Callable[[str, str], str], emit_return: Callable[[str], str],
              printer: Callable[[sp.Expr], str]) -> list[str]:
    """Lines of one branch: each common subexpression assigned (``t0``, ``t1``, ...), then returned."""
    replacements, (reduced,) = sp.cse([expr], symbols=sp.numbered_symbols("t"))
    lines = [emit_assign(str(sym), printer(value)) for sym, value in replacements]
    lines.append(emit_return(printer(reduced)))
    return lines


class _Reciprocal(sp.Function):
    """1/u kept unevaluated while printing, so that CSE shares one division among 1/u, 1/u², x/u, ..."""

    nargs = 1


def share_reciprocals(expr: sp.Expr) -> sp.Expr:
    """``expr`` with every u^-n as _Reciprocal(u)^n, and a select between reciprocals as one reciprocal.

    A vectorised kernel evaluates every branch, so each division in the printed code costs every point;
    with 1/u shared, 1/u² = (1/u)² and ``c ? 1/a : 1/b`` = 1/(c ? a : b). (The Re f kernel, with the
    ratio reduction of its logarithms, divides 6 times per point; it divided 13 times before both.)
    The values change by rounding only (an ulp or two, well inside the checks).
    """
    def reciprocal(e: sp.Pow) -> sp.Expr:
        n = -int(e.exp)
        return _Reciprocal(e.base) if n == 1 else sp.Pow(_Reciprocal(e.base), n, evaluate=False)

    def power_of_reciprocal(e: sp.Expr) -> tuple[sp.Expr, int] | None:
        if isinstance(e, _Reciprocal):
            return e.args[0], 1
        if e.is_Pow and isinstance(e.base, _Reciprocal):
            return e.base.args[0], int(e.exp)
        return None

    def fold(e: sp.Piecewise) -> sp.Expr:
        parts = [power_of_reciprocal(arm) for arm, _ in e.args]
        if any(part is None for part in parts) or len({n for _, n in parts}) != 1:
            return e
        inner = sp.Piecewise(*((u, cond) for (u, _), (_, cond) in zip(parts, e.args, strict=True)))
        n = parts[0][1]
        return _Reciprocal(inner) if n == 1 else sp.Pow(_Reciprocal(inner), n, evaluate=False)

    expr = expr.replace(lambda e: e.is_Pow and e.exp.is_Integer and e.exp < 0, reciprocal)
    return expr.replace(lambda e: isinstance(e, sp.Piecewise), fold)
