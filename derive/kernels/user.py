"""User expressions: a formula typed by a user, parsed safely into a branch-free :class:`Kernel`.

The text is parsed by :mod:`ast` and rebuilt node by node, so nothing in the
string is ever executed (``ephkit codegen --expr``).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence

import sympy as sp
from sympy.codegen.cfunctions import expm1, log1p

from .ir import Kernel

__all__ = ["parse_expression", "user_kernel"]

_FUNCTIONS: dict[str, Callable[..., sp.Expr]] = {
    "sqrt": sp.sqrt, "exp": sp.exp, "log": sp.log, "ln": sp.log, "sin": sp.sin, "cos": sp.cos,
    "tan": sp.tan, "sinh": sp.sinh, "cosh": sp.cosh, "tanh": sp.tanh, "atan": sp.atan,
    "asin": sp.asin, "acos": sp.acos, "atanh": sp.atanh, "abs": sp.Abs, "Abs": sp.Abs,
    "erf": sp.erf, "log1p": log1p, "expm1": expm1,
}
_CONSTANTS = {"pi": sp.pi, "E": sp.E}
_BINARY = {ast.Add: sp.Add, ast.Sub: lambda a, b: a - b, ast.Mult: sp.Mul,
           ast.Div: lambda a, b: a / b, ast.Pow: sp.Pow}


def parse_expression(text: str, args: Sequence[str]) -> tuple[sp.Expr, list[sp.Symbol]]:
    """Parse a user's formula into SymPy without executing anything from the string.

    The text is parsed by :mod:`ast` and rebuilt node by node; only numbers,
    the named arguments, ``pi``, ``E``, arithmetic operators and a fixed list
    of mathematical functions are accepted. Anything else (attributes,
    subscripts, keywords, ``__import__``, lambdas, ...) raises ValueError.

    Examples
    --------
    >>> expr, (x,) = parse_expression("sqrt(x)*log(1 + x)", ["x"])
    >>> expr
    sqrt(x)*log(x + 1)
    """
    for a in args:
        if not a.isidentifier() or a.startswith("_") or a in _FUNCTIONS or a in _CONSTANTS:
            raise ValueError(f"invalid argument name {a!r}")
    symbols = {a: sp.Symbol(a, real=True) for a in args}
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise ValueError(f"cannot parse expression {text!r}: {exc.msg}") from None

    def build(node: ast.AST) -> sp.Expr:
        if isinstance(node, ast.Expression):
            return build(node.body)
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            return sp.nsimplify(node.value) if isinstance(node.value, int) else sp.Float(node.value)
        if isinstance(node, ast.Name):
            if node.id in symbols:
                return symbols[node.id]
            if node.id in _CONSTANTS:
                return _CONSTANTS[node.id]
            raise ValueError(f"unknown name {node.id!r} (arguments: {', '.join(args) or 'none'})")
        if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            return _BINARY[type(node.op)](build(node.left), build(node.right))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            value = build(node.operand)
            return -value if isinstance(node.op, ast.USub) else value
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
            if node.func.id not in _FUNCTIONS:
                raise ValueError(f"function {node.func.id!r} is not allowed; allowed: "
                                 + ", ".join(sorted(_FUNCTIONS)))
            return _FUNCTIONS[node.func.id](*(build(a) for a in node.args))
        raise ValueError(f"{type(node).__name__} is not allowed in an expression: "
                         f"{ast.unparse(node)!r}")

    expr = build(tree)
    return sp.sympify(expr), [symbols[a] for a in args]


def user_kernel(text: str, args: Sequence[str], name: str = "kernel") -> Kernel:
    """A :class:`Kernel` for a user's expression (no branches, no derivation)."""
    if not name.isidentifier():
        raise ValueError(f"invalid function name {name!r}")
    expr, symbols = parse_expression(text, args)
    missing = expr.free_symbols - set(symbols)
    if missing:
        raise ValueError(f"expression uses undeclared names: {sorted(map(str, missing))}")
    return Kernel(name=name, derivation="(user expression)", args=symbols, closed_form=expr,
                  doc=f"User expression {text}")
