"""User expressions: a formula typed by a user, parsed safely into a branch-free :class:`Kernel`.

The text is parsed by :mod:`ast` and rebuilt node by node, so nothing in the
string is ever executed (``ephkit codegen --expr``).

Before SymPy sees anything, the syntax tree is measured (:func:`_measure`) and refused
when it is too large for an answer in well under a second, or when its numbers cannot be
doubles:

* the text (:data:`MAX_TEXT` characters), its nodes (:data:`MAX_NODES`) and its nesting
  (:data:`MAX_DEPTH`, counting a chain ``a + b - c + ...`` or ``a*b/c*...`` as one level, so
  that sums of thousands of terms are fine), and stacked powers ``a**b**c`` (:data:`MAX_TOWER`);
* every constant subexpression is evaluated in floating point first: one that overflows
  (``10**10**10``, ``x*10**400``, ``exp(1000)``), divides by zero (``1/0``) or is not real
  (``sqrt(-1)``, ``log(0)``) is refused, naming it;
* SymPy computes constants exactly, and it may raise one to a power a user did not write
  as a constant (``(2*x)**n`` is ``2**n*x**n``, ``exp(n*log(2))`` is ``2**n``): a bound on the
  digits of every exact constant SymPy can make is refused above :data:`MAX_DIGITS`.

After SymPy, the kernel's constants must be finite doubles (no ``zoo``, ``nan``, ``oo``,
nothing beyond double range, nothing complex): :func:`check_constants`.
"""

from __future__ import annotations

import ast
import math
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import sympy as sp
from sympy.codegen.cfunctions import expm1, log1p

from .ir import Kernel
from .names import check_names

__all__ = ["MAX_DEPTH", "MAX_DIGITS", "MAX_NODES", "MAX_TEXT", "MAX_TOWER", "check_constants",
           "parse_expression", "user_kernel"]

#: Longest expression text accepted (characters): a sum of 5000 terms such as ``12*x**3`` is 50 000.
MAX_TEXT = 100_000
#: Most syntax-tree nodes accepted (a term ``3*x**2`` is 5 nodes).
MAX_NODES = 60_000
#: Deepest nesting accepted; a chain of + and - (or of * and /) is one level.
MAX_DEPTH = 60
#: Most powers stacked in exponents: ``a**b**c**d**e`` is 4.
MAX_TOWER = 4
#: Most digits of an exact constant SymPy may compute (a double has at most 309 before the point).
MAX_DIGITS = 4000
#: Largest finite double, and the smallest positive one (subnormal).
DBL_MAX = 1.7976931348623157e308
DBL_TRUE_MIN = 5e-324

_FUNCTIONS: dict[str, Callable[..., sp.Expr]] = {
    "sqrt": sp.sqrt, "exp": sp.exp, "log": sp.log, "ln": sp.log, "sin": sp.sin, "cos": sp.cos,
    "tan": sp.tan, "sinh": sp.sinh, "cosh": sp.cosh, "tanh": sp.tanh, "atan": sp.atan,
    "asin": sp.asin, "acos": sp.acos, "atanh": sp.atanh, "abs": sp.Abs, "Abs": sp.Abs,
    "erf": sp.erf, "log1p": log1p, "expm1": expm1,
}
#: Number of arguments of each function (log takes an optional base).
_ARITY = {name: (1,) for name in _FUNCTIONS} | {"log": (1, 2), "ln": (1, 2)}
#: The same functions in floating point, for the constant subexpressions (:func:`_measure`).
_FLOAT: dict[str, Callable[..., float]] = {
    "sqrt": math.sqrt, "exp": math.exp, "log": math.log, "ln": math.log, "sin": math.sin,
    "cos": math.cos, "tan": math.tan, "sinh": math.sinh, "cosh": math.cosh, "tanh": math.tanh,
    "atan": math.atan, "asin": math.asin, "acos": math.acos, "atanh": math.atanh, "abs": abs,
    "Abs": abs, "erf": math.erf, "log1p": math.log1p, "expm1": math.expm1,
}
#: Functions SymPy may turn into powers: exp(n*log(c)) = c**n, expm1(n*log(c)) = c**n - 1.
_EXP_LIKE = frozenset({"exp", "expm1", "sinh", "cosh", "tanh"})
_LOG_LIKE = frozenset({"log", "ln", "log1p"})
_CONSTANTS = {"pi": sp.pi, "E": sp.E}
_CONSTANT_VALUES = {"pi": math.pi, "E": math.e}
_ADDITIVE = (ast.Add, ast.Sub)
_MULTIPLICATIVE = (ast.Mult, ast.Div)
#: A character an expression may not contain (comments, quotes, backslashes, newlines: the text is
#: quoted in the generated code's docstrings and comments; the grammar has no use for them).
_FORBIDDEN_CHARACTER = re.compile(r"[^A-Za-z0-9_ \t.+\-*/(),]")


def _chain(node: ast.AST, ops: tuple[type, ...]) -> list[tuple[ast.operator | None, ast.AST]]:
    """The operands of a left-associated chain ``a op b op c ...`` (iteratively: chains may be long).

    The first operand comes with ``None``, each other with the operator before it.
    """
    out: list[tuple[ast.operator | None, ast.AST]] = []
    while isinstance(node, ast.BinOp) and isinstance(node.op, ops):
        out.append((node.op, node.right))
        node = node.left
    out.append((None, node))
    out.reverse()
    return out


def _children(node: ast.AST) -> list[ast.AST]:
    """The operands of ``node`` one nesting level down (a whole chain of + - or * / is one level)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, _ADDITIVE):
        return [operand for _, operand in _chain(node, _ADDITIVE)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, _MULTIPLICATIVE):
        return [operand for _, operand in _chain(node, _MULTIPLICATIVE)]
    if isinstance(node, ast.BinOp):
        return [node.left, node.right]
    if isinstance(node, ast.UnaryOp):
        return [node.operand]
    if isinstance(node, ast.Call):
        return list(node.args)
    return []


def _check_shape(tree: ast.Expression) -> None:
    """Refuse too many nodes, too deep a nesting or too high a power tower (iteratively)."""
    count = sum(1 for _ in ast.walk(tree))
    if count > MAX_NODES:
        raise ValueError(f"expression too large: {count} syntax nodes (the limit is {MAX_NODES})")
    stack: list[tuple[ast.AST, int, int]] = [(tree.body, 1, 0)]
    while stack:
        node, depth, tower = stack.pop()
        if depth > MAX_DEPTH:
            raise ValueError(f"expression nested too deeply (the limit is {MAX_DEPTH} levels; a chain "
                             "of + and - or of * and / counts as one)")
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
            if tower + 1 > MAX_TOWER:
                raise ValueError(f"too many stacked powers: at most {MAX_TOWER} in a**b**c...")
            stack.append((node.left, depth + 1, 0))
            stack.append((node.right, depth + 1, tower + 1))
        else:
            stack.extend((child, depth + 1, 0) for child in _children(node))


@dataclass(frozen=True)
class _Size:
    """What :func:`_measure` knows of a subexpression before SymPy builds it.

    value : float or None
        Its value in floating point when it is a constant.
    coeff : float
        Bound on the decimal digits (numerator and denominator) of its numeric coefficient, the
        number SymPy multiplies into a product or raises to a power (``(2*x)**n = 2**n*x**n``).
    digits : float
        Bound on the decimal digits of any exact constant SymPy makes while building it.
    logs : float
        Digits of the arguments of logarithms inside it (0: none), which exp(n*log(c)) = c**n
        raises to a power.
    is_sum : bool
        Whether it is a sum: SymPy does not multiply a sum's terms into a product of several
        factors, so in a product only the largest sum's coefficient counts.
    """

    value: float | None
    coeff: float
    digits: float
    logs: float = 0.0
    is_sum: bool = False


def _digits_of(v: float) -> float:
    return abs(math.log10(abs(v))) + 1 if v else 1.0


def _power(count: float, digits: float) -> float:
    """``count * digits`` (0 when ``digits`` is: a power of symbols makes no constants)."""
    return 0.0 if digits == 0 else count * digits


def _measure(node: ast.AST, text: str, args: set[str]) -> _Size:
    """Evaluate constants in floating point and bound SymPy's exact constants, before SymPy runs.

    Recursion is on the nesting (at most :data:`MAX_DEPTH`, checked first), not on chain length.
    """

    def where() -> str:
        segment = " ".join((ast.get_source_segment(text, node) or "").split())
        return segment if len(segment) <= 60 else segment[:57] + "..."

    def constant(compute: Callable[[], float]) -> float:
        try:
            v = compute()
        except ZeroDivisionError:
            raise ValueError(f"division by zero in the constant {where()!r}") from None
        except OverflowError:
            raise ValueError(f"the constant {where()!r} overflows: it is beyond double range "
                             f"(about 1.8e308)") from None
        except ValueError:
            raise ValueError(f"the constant {where()!r} is undefined or not a real number") from None
        if isinstance(v, complex):
            raise ValueError(f"the constant {where()!r} is not a real number") from None
        if math.isinf(v):
            raise ValueError(f"the constant {where()!r} overflows: it is beyond double range "
                             "(about 1.8e308)")
        if math.isnan(v):
            raise ValueError(f"the constant {where()!r} is undefined (nan)")
        return float(v)

    if isinstance(node, ast.Constant):
        v = node.value
        if isinstance(v, int) and not isinstance(v, bool):
            try:
                value = float(v)
            except OverflowError:
                raise ValueError(f"the integer {where()!r} is beyond double range (about 1.8e308)") from None
            d = v.bit_length() * 0.30103 + 1
            return _Size(value, d, d)
        if isinstance(v, float):
            if math.isinf(v):
                raise ValueError(f"the number {where()!r} is beyond double range (about 1.8e308)")
            if v == 0 and re.search(r"[1-9]", where().lower().split("e")[0]):
                raise ValueError(f"the number {where()!r} underflows to zero in double precision")
            return _Size(v, _digits_of(v), _digits_of(v))
        raise ValueError(f"{type(v).__name__} constants are not allowed in an expression: {where()!r}")
    if isinstance(node, ast.Name):
        if node.id in args:
            return _Size(None, 0.0, 0.0)
        if node.id in _CONSTANT_VALUES:
            return _Size(_CONSTANT_VALUES[node.id], 1.0, 1.0)
        raise ValueError(f"unknown name {node.id!r} (arguments: {', '.join(sorted(args)) or 'none'})")
    if isinstance(node, ast.BinOp) and isinstance(node.op, _ADDITIVE + _MULTIPLICATIVE):
        additive = isinstance(node.op, _ADDITIVE)
        chain = _chain(node, _ADDITIVE if additive else _MULTIPLICATIVE)
        parts = [(op, _measure(operand, text, args)) for op, operand in chain]
        logs = max(s.logs for _, s in parts)
        if additive:
            coeff = max(s.coeff for _, s in parts) + math.log10(len(parts))
        else:
            sums = [s.coeff for _, s in parts if s.is_sum]
            coeff = sum(s.coeff for _, s in parts if not s.is_sum) + max(sums, default=0.0)
        digits = max(coeff, *(s.digits for _, s in parts))
        for (op, s), (_, operand) in zip(parts, chain, strict=True):
            if isinstance(op, ast.Div) and s.value == 0:
                node = operand
                raise ValueError(f"division by zero: the divisor {where()!r} is 0")
        if any(s.value is None for _, s in parts):
            return _Size(None, coeff, digits, logs, additive)

        def combine() -> float:
            total = parts[0][1].value
            for op, s in parts[1:]:
                total = (total + s.value if isinstance(op, ast.Add) else total - s.value
                         if isinstance(op, ast.Sub) else total * s.value if isinstance(op, ast.Mult)
                         else total / s.value)
            return total

        return _Size(constant(combine), coeff, digits, logs)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
        base, exponent = _measure(node.left, text, args), _measure(node.right, text, args)
        # SymPy's exact power: the base's coefficient (and what exp(n*log(c)) makes) to a constant
        # exponent; a symbolic exponent leaves the base as it is (2**(1000*x) stays), but E**(n*log(c)) is
        # c**n, with n bounded by the exponent's coefficient
        if exponent.value == 1:
            return base
        if base.is_sum and base.value is None:  # SymPy takes no coefficient out of a sum: (2*x + 4)**n stays
            coeff = 0.0
        elif exponent.value is not None:
            coeff = _power(max(abs(exponent.value), 1.0), base.coeff + exponent.logs)
        else:
            coeff = max(base.coeff, _power(10 ** min(exponent.coeff, 300), exponent.logs))
        digits = max(coeff, base.digits, exponent.digits)
        logs = max(base.logs, exponent.logs)
        if base.value is None or exponent.value is None:
            return _Size(None, coeff, digits, logs)
        return _Size(constant(lambda: base.value ** exponent.value), coeff, digits, logs)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        s = _measure(node.operand, text, args)
        return s if s.value is None else _Size(-s.value if isinstance(node.op, ast.USub) else s.value,
                                                s.coeff, s.digits, s.logs)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
        name = node.func.id
        if name not in _FUNCTIONS:
            raise ValueError(f"function {name!r} is not allowed; allowed: " + ", ".join(sorted(_FUNCTIONS)))
        if len(node.args) not in _ARITY[name] or any(isinstance(a, ast.Starred) for a in node.args):
            raise ValueError(f"{name} takes {' or '.join(map(str, _ARITY[name]))} argument(s): {where()!r}")
        sizes = [_measure(a, text, args) for a in node.args]
        digits = max(s.digits for s in sizes)
        logs = max(s.logs for s in sizes)
        # a function of symbols is a factor without a numeric coefficient, but exp(n*log(c)) is c**n
        coeff = _power(10 ** min(max(s.coeff for s in sizes), 300), logs) if name in _EXP_LIKE else 0.0
        digits = max(digits, coeff)
        if name in _LOG_LIKE:
            logs = max(logs, *(s.coeff for s in sizes))
        if any(s.value is None for s in sizes):
            return _Size(None, coeff, digits, logs)
        values = [s.value for s in sizes]
        if name in _LOG_LIKE and len(values) == 2:
            v = constant(lambda: math.log(values[0]) / math.log(values[1]))
        else:
            v = constant(lambda: _FLOAT[name](*values))
        return _Size(v, max(coeff, _digits_of(v)), max(digits, _digits_of(v)), logs)
    raise ValueError(f"{type(node).__name__} is not allowed in an expression: {where()!r}")


def parse_expression(text: str, args: Sequence[str]) -> tuple[sp.Expr, list[sp.Symbol]]:
    """Parse a user's formula into SymPy without executing anything from the string.

    The text is parsed by :mod:`ast` and rebuilt node by node; only numbers,
    the named arguments, ``pi``, ``E``, arithmetic operators and a fixed list
    of mathematical functions are accepted. Anything else (attributes,
    subscripts, keywords, ``__import__``, lambdas, ...) raises ValueError, and so
    do expressions beyond the size limits of this module and constants that are
    not finite real doubles (see the module docstring): all before SymPy evaluates
    anything, so that every answer is quick.

    Parameters
    ----------
    text : str
        The formula, in Python syntax (``**`` is the power).
    args : sequence of str
        The argument names it may use (checked by :func:`~derive.kernels.names.check_names`).

    Returns
    -------
    expr : sympy.Expr
        The formula.
    symbols : list of sympy.Symbol
        The arguments (real symbols), in order.

    Raises
    ------
    ValueError
        With a one-line message naming the problem.

    Examples
    --------
    >>> expr, (x,) = parse_expression("sqrt(x)*log(1 + x)", ["x"])
    >>> expr
    sqrt(x)*log(x + 1)
    >>> parse_expression("x*10**400", ["x"])
    Traceback (most recent call last):
    ...
    ValueError: the constant '10**400' overflows: it is beyond double range (about 1.8e308)
    """
    for a in args:
        if a in _FUNCTIONS or a in _CONSTANTS:
            raise ValueError(f"invalid argument name {a!r}: it names a function or constant of the "
                             "expression language")
    check_names(None, list(args))
    if len(text) > MAX_TEXT:
        raise ValueError(f"expression too long: {len(text)} characters (the limit is {MAX_TEXT})")
    bad = _FORBIDDEN_CHARACTER.search(text)
    if bad:
        raise ValueError(f"character {bad.group()!r} is not allowed in an expression (numbers, names, "
                         "+ - * / ** and parentheses only)")
    # Python builds a chain a + b + c + ... as a tree as deep as it is long, under the recursion
    # limit: raised for the parse, as far as the text is long (MAX_TEXT deep is safe on the C stack)
    limit = sys.getrecursionlimit()
    try:
        sys.setrecursionlimit(max(limit, len(text) + 1000))
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise ValueError(f"cannot parse expression {text[:60]!r}: {exc.msg}") from None
    except (MemoryError, RecursionError, ValueError):  # the parser's own nesting and digit limits
        raise ValueError("expression nested too deeply or numbers too long to parse") from None
    finally:
        sys.setrecursionlimit(limit)
    _check_shape(tree)
    symbols = {a: sp.Symbol(a, real=True) for a in args}
    too_big = _measure(tree.body, text, set(args)).digits
    if too_big > MAX_DIGITS:
        raise ValueError(f"SymPy would compute exact constants of up to about {too_big:.3g} digits here "
                         f"(the limit is {MAX_DIGITS}; a double has at most 309)")

    def build(node: ast.AST) -> sp.Expr:
        if isinstance(node, ast.Constant):
            return sp.Integer(node.value) if isinstance(node.value, int) else sp.Float(node.value)
        if isinstance(node, ast.Name):
            return symbols[node.id] if node.id in symbols else _CONSTANTS[node.id]
        if isinstance(node, ast.BinOp) and isinstance(node.op, _ADDITIVE):
            return sp.Add(*(build(o) if not isinstance(op, ast.Sub) else -build(o)
                            for op, o in _chain(node, _ADDITIVE)))
        if isinstance(node, ast.BinOp) and isinstance(node.op, _MULTIPLICATIVE):
            return sp.Mul(*(build(o) if not isinstance(op, ast.Div) else 1 / build(o)
                            for op, o in _chain(node, _MULTIPLICATIVE)))
        if isinstance(node, ast.BinOp):  # Pow (_measure refused every other operator)
            return sp.Pow(build(node.left), build(node.right))
        if isinstance(node, ast.UnaryOp):
            value = build(node.operand)
            return -value if isinstance(node.op, ast.USub) else value
        assert isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        return _FUNCTIONS[node.func.id](*(build(a) for a in node.args))

    expr = sp.sympify(build(tree.body))
    check_constants(expr)
    return expr, [symbols[a] for a in args]


def check_constants(expr: sp.Expr) -> None:
    """Refuse an expression whose numbers are not finite real doubles.

    ``zoo`` (a division by zero), ``nan`` (0/0), ``oo``, ``I`` and any number
    beyond double range (or a nonzero one that would round to zero) cannot be
    printed as working code.

    Raises
    ------
    ValueError
        Naming the offending number.
    """
    problems = {sp.zoo: "a division by zero (complex infinity, zoo)", sp.nan: "undefined (nan)",
                sp.oo: "infinite (oo)", -sp.oo: "infinite (-oo)"}
    for number in sorted(expr.atoms(sp.Number, type(sp.zoo)), key=sp.default_sort_key):
        if number in problems or number.is_extended_real is False:
            raise ValueError(f"the expression is {problems.get(number, 'not real')} after simplification: "
                             f"{_short(expr)}")
        try:
            v = float(number)
        except OverflowError:
            v = math.inf
        if math.isinf(v) or math.isnan(v):
            raise ValueError(f"the constant {_short(number)} is beyond double range (about 1.8e308)")
        if v == 0 and number != 0:
            raise ValueError(f"the constant {_short(number)} underflows to zero in double precision")
    if expr.has(sp.I):
        raise ValueError(f"the expression is not real: {_short(expr)}")


def _short(expr: sp.Basic) -> str:
    text = str(expr) if not (expr.is_Number and expr.is_Rational) else (
        f"~{sp.Float(expr, 3)}" if max(abs(expr.p), expr.q).bit_length() > 200 else str(expr))
    return text if len(text) <= 60 else text[:57] + "..."


def user_kernel(text: str, args: Sequence[str], name: str = "kernel") -> Kernel:
    """A :class:`Kernel` for a user's expression (no branches, no derivation).

    Parameters
    ----------
    text : str
        The formula (see :func:`parse_expression`).
    args : sequence of str
        Its argument names, in order.
    name : str
        The generated function's name.

    Raises
    ------
    ValueError
        For a refused expression or name (one-line message naming the problem).
    """
    check_names(name, list(args))
    expr, symbols = parse_expression(text, args)
    missing = expr.free_symbols - set(symbols)
    if missing:
        raise ValueError(f"expression uses undeclared names: {sorted(map(str, missing))}")
    doc = " ".join(text.split())
    k = Kernel(name=name, derivation="(user expression)", args=symbols, closed_form=expr,
               doc=f"User expression {doc if len(doc) <= 70 else doc[:67] + '...'}")
    for piece, _ in k.pieces:  # the constants folded for printing must be doubles too
        check_constants(piece)
    return k
