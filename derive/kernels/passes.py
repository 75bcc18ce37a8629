"""Passes of the kernel factory over SymPy expressions, before printing.

* :func:`fold_numbers`: numeric subexpressions (sqrt(2), pi, zeta(5)) become float literals;
* :func:`expand_polynomials`: :class:`~derive.kernels.nodes.Polynomial` nodes in Horner form
  (for evaluation without Estrin);
* :func:`share_reciprocals`: one division per reciprocal (CSE then shares it);
* :func:`cse_lines`: common subexpressions of one branch as assignments and a return;
* :func:`cse_chunked`: common subexpressions of several expressions, with every sum or product of
  more than :data:`MAX_ARGS` terms split into partial sums (products) assigned in turn.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import sympy as sp

from .nodes import Polynomial

__all__ = ["MAX_ARGS", "cse_chunked", "cse_lines", "expand_polynomials", "fold_numbers", "share_reciprocals"]

#: Most terms of a sum (factors of a product) printed in one expression. Python compiles
#: ``a + b + c + ...`` recursively and fails near 3000 terms (RecursionError during compilation);
#: the registry's kernels have at most 9, and print unchanged.
MAX_ARGS = 16


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


def _chunk(expr: sp.Expr, symbols: Iterator[sp.Symbol], out: list[tuple[sp.Symbol, sp.Expr]]) -> sp.Expr:
    """``expr`` with each sum or product of more than MAX_ARGS terms made of partial results.

    The partial results are appended to ``out`` as (symbol, value) assignments, in order of use.
    Recursion is on the expression's depth (bounded for user input), not on the number of terms.
    """
    if expr.is_Atom or not expr.args:
        return expr
    args = [_chunk(a, symbols, out) for a in expr.args]
    while isinstance(expr, sp.Add | sp.Mul) and len(args) > MAX_ARGS:
        parts = []
        for start in range(0, len(args), MAX_ARGS):
            symbol = next(symbols)
            out.append((symbol, expr.func(*args[start:start + MAX_ARGS])))
            parts.append(symbol)
        args = parts
    if all(a is b for a, b in zip(args, expr.args, strict=False)) and len(args) == len(expr.args):
        return expr
    return expr.func(*args)


def cse_chunked(exprs: Sequence[sp.Basic], prefix: str = "t"
                ) -> tuple[list[tuple[sp.Symbol, sp.Expr]], list[sp.Basic]]:
    """``sympy.cse`` of ``exprs`` (symbols ``t0``, ``t1``, ...) with long sums and products chunked.

    A sum or product of more than MAX_ARGS terms is split into partial results before the CSE
    (which is slow on long sums: 2000 terms took seconds) and again after it, for what the CSE
    rebuilt. Expressions without such sums give ``sympy.cse``'s own result.

    Returns
    -------
    replacements : list of (Symbol, Expr)
        Assignments in evaluation order, each using only arguments and earlier symbols.
    reduced : list
        ``exprs`` in terms of the assigned symbols.
    """
    chunks: list[tuple[sp.Symbol, sp.Expr]] = []
    dummies = iter(lambda: sp.Dummy("chunk"), None)
    exprs = [_chunk(e, dummies, chunks) for e in exprs]
    replacements, reduced = sp.cse([v for _, v in chunks] + exprs, symbols=sp.numbered_symbols(prefix))
    if chunks:
        replacements = _in_order([*replacements, *zip((c for c, _ in chunks), reduced[:len(chunks)],
                                                      strict=True)])
        reduced = reduced[len(chunks):]
    used = {s.name for s, _ in replacements}
    symbols = (s for s in sp.numbered_symbols(prefix) if s.name not in used)
    out: list[tuple[sp.Symbol, sp.Expr]] = []
    for symbol, value in replacements:
        value = _chunk(value, symbols, out)
        out.append((symbol, value))
    reduced = [_chunk(e, symbols, out) for e in reduced]
    if chunks:  # name every assigned symbol t0, t1, ... in order (the chunks were Dummies)
        names = dict(zip((s for s, _ in out), sp.numbered_symbols(prefix), strict=False))
        out = [(names[s], v.xreplace(names)) for s, v in out]
        reduced = [e.xreplace(names) for e in reduced]
    return out, reduced


def _in_order(assignments: list[tuple[sp.Symbol, sp.Expr]]) -> list[tuple[sp.Symbol, sp.Expr]]:
    """``assignments`` ordered so that each comes after those it uses (iterative depth-first)."""
    values = dict(assignments)
    done: set[sp.Symbol] = set()
    out = []
    for root, _ in assignments:
        stack = [(root, False)]
        while stack:
            symbol, expanded = stack.pop()
            if symbol in done:
                continue
            if expanded:
                done.add(symbol)
                out.append((symbol, values[symbol]))
                continue
            stack.append((symbol, True))
            stack += [(d, False) for d in values[symbol].free_symbols if d in values and d not in done]
    return out


def cse_lines(expr: sp.Expr, emit_assign: Callable[[str, str], str], emit_return: Callable[[str], str],
              printer: Callable[[sp.Expr], str]) -> list[str]:
    """Lines of one branch: each common subexpression assigned (``t0``, ``t1``, ...), then returned."""
    replacements, (reduced,) = cse_chunked([expr])
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
