"""Expression-level mutation operators: one small change of a SymPy tree (:func:`rewrites`).

Used by :mod:`derive.app.mutants` on the sides of a derivation's steps, its model objects, its
statement and textbook form. Each operator changes one node; the parents are rebuilt, so SymPy's
automatic canonicalisation runs, and a result identical to the original or to an earlier mutant
is dropped.

Examples
--------
>>> import sympy as sp
>>> x = sp.Symbol("x", positive=True)
>>> [str(r.expr) for r in rewrites(2 * x + 1)]
['2*x + 2', '3*x + 1', '2*x - 1', '1 - 2*x', 'x + 1', '3']
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import sympy as sp
from sympy.functions.elementary.piecewise import ExprCondPair

__all__ = ["BOUNDARY_SHIFTS", "TREE_OPERATORS", "Rewrite", "operation_parameters", "replace_at", "rewrites"]

#: Operators applied to any expression (the others need a derivation: an asymptotic step, a statement).
TREE_OPERATORS = ("constant", "sign", "swap", "drop-factor", "boundary")
#: Boundary shifts of ``boundary``: a number b -> b - delta, a symbolic b -> b (1 - delta).
BOUNDARY_SHIFTS = (sp.Rational(1, 100), sp.Rational(1, 10))

_INEQUALITIES = (sp.StrictLessThan, sp.LessThan, sp.StrictGreaterThan, sp.GreaterThan)


@dataclass(frozen=True)
class Rewrite:
    """One mutation of an expression: which operator, the node before and after, the whole result."""

    operator: str
    node_before: sp.Basic
    node_after: sp.Basic
    expr: sp.Basic
    note: str = ""
    path: tuple[int, ...] = ()

    @property
    def detail(self) -> str:
        return f"{sp.sstr(self.node_before)} -> {sp.sstr(self.node_after)}"


def _nodes(expr: sp.Basic, path: tuple[int, ...] = ()) -> Iterator[tuple[tuple[int, ...], sp.Basic]]:
    """Every subexpression with its path (argument indices from the root), in pre-order."""
    yield path, expr
    if isinstance(expr, sp.Symbol):
        return
    if isinstance(expr, sp.Limit):  # the direction ('+', '-', '+-') is a Symbol, not mathematics to mutate
        args = expr.args[:3]
    else:
        args = expr.args
    for i, arg in enumerate(args):
        if isinstance(arg, sp.Basic):
            yield from _nodes(arg, (*path, i))


def replace_at(expr: sp.Basic, path: tuple[int, ...], new: sp.Basic) -> sp.Basic:
    """``expr`` with the node at ``path`` replaced by ``new`` (every parent rebuilt, so re-evaluated)."""
    if not path:
        return new
    args = list(expr.args)
    args[path[0]] = replace_at(args[path[0]], path[1:], new)
    return expr.func(*args)


def _constant_changes(node: sp.Basic) -> list[sp.Basic]:
    if isinstance(node, sp.Integer):
        return [node + 1]
    if isinstance(node, sp.Rational):
        return [sp.Rational(node.p, node.q + 1)]
    if isinstance(node, sp.Float):
        return [sp.Float(node * sp.Float("1.01", node._prec), precision=node._prec)]
    return []


def _node_changes(node: sp.Basic, operator: str) -> list[sp.Basic]:
    """The replacements of one node by ``operator`` (before re-evaluation of its parents)."""
    if operator == "constant":
        return _constant_changes(node)
    if operator == "sign" and isinstance(node, sp.Add):
        terms = node.args
        return [sp.Add(*terms[:i], -t, *terms[i + 1:]) for i, t in enumerate(terms)]
    if operator == "swap" and isinstance(node, sp.Add):
        negative = [t.could_extract_minus_sign() for t in node.args]
        return [-node] if any(negative) and not all(negative) else []
    if operator == "drop-factor" and isinstance(node, sp.Mul):
        factors = node.args
        return [sp.Mul(*factors[:i], *factors[i + 1:]) for i in range(len(factors))]
    if operator == "boundary" and isinstance(node, _INEQUALITIES):
        lhs, rhs = node.args
        if rhs.is_number:
            moved = [rhs - delta for delta in BOUNDARY_SHIFTS]
        else:
            moved = [rhs * (1 - delta) for delta in BOUNDARY_SHIFTS]
        return [node.func(lhs, b) for b in moved]
    return []


def operation_parameters(expr: sp.Basic) -> list[tuple[int, ...]]:
    """Paths of the parameters of the operations in ``expr``: what a step's left-hand side does.

    The bounds of integrals and sums, the values put in by ``Subs``, the point of a ``Limit`` and
    the orders of derivatives (not the integrands: those are the results of earlier steps).

    Examples
    --------
    >>> x, a = sp.symbols("x a", positive=True)
    >>> operation_parameters(sp.Integral(x**2, (x, 0, a)))
    [(1, 1), (1, 2)]
    """
    found = []
    for path, node in _nodes(expr):
        if isinstance(node, sp.Integral | sp.Sum | sp.Product):
            found += [(*path, j, end) for j in range(1, len(node.args)) for end in (1, 2)
                      if len(node.args[j]) == 3]
        elif isinstance(node, sp.Subs):
            found += [(*path, 2, j) for j in range(len(node.args[2]))]
        elif isinstance(node, sp.Limit):
            found.append((*path, 2))
        elif isinstance(node, sp.Derivative):
            found += [(*path, j, 1) for j in range(1, len(node.args))]
    return found


def _null_set_note(expr: sp.Basic, path: tuple[int, ...]) -> str:
    """Why a change at ``path`` matters only on a set of measure zero ("" if it matters elsewhere).

    The value of ``Heaviside`` at 0 (its second argument), a ``Piecewise`` branch taken where an
    equality holds, or that equality itself: random points never land there.
    """
    node = expr
    for i in path:
        if isinstance(node, sp.Heaviside) and i == 1:
            return f"only the value of {sp.sstr(node)} at its jump changes (a set of measure zero)"
        if isinstance(node, ExprCondPair) and isinstance(node.cond, sp.Eq):
            return (f"only the Piecewise branch taken where {sp.sstr(node.cond)} changes (a set of "
                    f"measure zero)")
        node = node.args[i]
    return ""


def rewrites(expr: sp.Basic, operators: Sequence[str] = TREE_OPERATORS,
             within: Sequence[tuple[int, ...]] | None = None) -> list[Rewrite]:
    """Every single mutation of ``expr`` by the tree ``operators``, each result once.

    A mutation is applied at one node; the parents are rebuilt, so SymPy's automatic
    canonicalisation runs. A result identical to ``expr`` (e.g. ``x - x`` flipped) or to an
    earlier mutant is dropped, as is one SymPy refuses to build.

    Parameters
    ----------
    expr : sympy.Basic
        The expression to mutate.
    operators : sequence of str
        Names from :data:`TREE_OPERATORS`.
    within : sequence of paths, optional
        Mutate only inside these subtrees (e.g. :func:`operation_parameters`); default everywhere.

    Returns
    -------
    list of Rewrite
        In pre-order of the nodes, operator by operator.
    """
    unknown = set(operators) - set(TREE_OPERATORS)
    if unknown:
        raise ValueError(f"operators = {sorted(unknown)} is outside the valid range: {TREE_OPERATORS}")
    expr = sp.sympify(expr)
    nodes = list(_nodes(expr))
    if within is not None:
        nodes = [(p, n) for p, n in nodes if any(p[:len(w)] == w for w in within)]
    seen = {expr}
    out = []
    for operator in operators:
        for path, node in nodes:
            for new in _node_changes(node, operator):
                try:
                    mutated = replace_at(expr, path, new)
                except Exception:  # SymPy refuses the tree (e.g. a derivative of order -1)
                    continue
                if mutated in seen or not isinstance(mutated, sp.Basic):
                    continue
                seen.add(mutated)
                out.append(Rewrite(operator, node, new, mutated, _null_set_note(expr, path), path))
    return out
