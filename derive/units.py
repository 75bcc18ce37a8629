"""SI dimensions of symbolic expressions.

A dimension is a monomial in the five SI base units used here
(kg, m, s, A, K), written as a SymPy expression in positive symbols, e.g.
``JOULE = kg*m**2/s**2``. :func:`dimension_of` walks an expression tree and
returns its dimension, raising :class:`DimensionError` when the expression
adds unlike quantities, raises to a dimensional power or feeds a dimensional
argument to a transcendental function.

The walk is written out here (rather than using ``sympy.physics.units``)
because the derivations need dimensions of expressions that contain
integrals, limits, ``Abs``, ``Heaviside`` and ``DiracDelta`` of physical
symbols, which SymPy's unit system does not analyse.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy as sp

__all__ = [
    "AMPERE",
    "COULOMB",
    "DIMENSIONLESS",
    "JOULE",
    "KELVIN",
    "KILOGRAM",
    "METRE",
    "SECOND",
    "DimensionError",
    "dimension_of",
    "format_dimension",
    "same_dimension",
]

KILOGRAM, METRE, SECOND, AMPERE, KELVIN = sp.symbols("kg m s A K", positive=True)
DIMENSIONLESS = sp.Integer(1)
JOULE = KILOGRAM * METRE**2 / SECOND**2
COULOMB = AMPERE * SECOND


class DimensionError(ValueError):
    """An expression combines SI dimensions inconsistently."""


def _is_dimensionless(dim: sp.Expr) -> bool:
    return sp.powsimp(dim) == 1


def same_dimension(a: sp.Expr, b: sp.Expr) -> bool:
    """Return True when two dimension monomials are equal."""
    return _is_dimensionless(sp.powsimp(a / b, force=True))


# Functions whose argument must be dimensionless and whose value is too.
_TRANSCENDENTAL = (
    sp.exp,
    sp.log,
    sp.sin,
    sp.cos,
    sp.tan,
    sp.sinh,
    sp.cosh,
    sp.tanh,
    sp.coth,
    sp.atan,
    sp.atanh,
    sp.acoth,
    sp.asin,
    sp.acos,
    sp.zeta,
    sp.gamma,
    sp.polylog,
)


def dimension_of(expr: sp.Basic, dims: Mapping[sp.Symbol, sp.Expr]) -> sp.Expr:
    """Return the SI dimension of ``expr``.

    Parameters
    ----------
    expr : sympy.Basic
        The expression to analyse. ``Eq`` is accepted: both sides must agree.
    dims : mapping of Symbol to dimension
        The dimension of every free symbol (monomials in ``kg, m, s, A, K``).

    Raises
    ------
    DimensionError
        If a symbol has no declared dimension, unlike dimensions are added,
        or a function that needs a pure number receives a dimensional one.

    Examples
    --------
    >>> import sympy as sp
    >>> v, t = sp.symbols("v t", positive=True)
    >>> dimension_of(v * t, {v: METRE / SECOND, t: SECOND})
    m
    """
    return _walk(sp.sympify(expr), dims)


def _walk(e: sp.Basic, dims: Mapping[sp.Symbol, sp.Expr]) -> sp.Expr:
    if isinstance(e, sp.Equality):
        left, right = _walk(e.lhs, dims), _walk(e.rhs, dims)
        if e.lhs.is_zero or e.rhs.is_zero:  # 0 carries any dimension
            return right if e.lhs.is_zero else left
        if not same_dimension(left, right):
            raise DimensionError(
                f"the two sides differ: [{format_dimension(left)}] vs [{format_dimension(right)}]"
            )
        return left
    if e.is_number:
        return DIMENSIONLESS
    if isinstance(e, sp.Symbol):
        if e not in dims:
            raise DimensionError(f"symbol {e} has no declared dimension")
        return dims[e]
    if isinstance(e, sp.Add):
        terms = [_walk(t, dims) for t in e.args]
        for t, d in zip(e.args[1:], terms[1:], strict=True):
            if not same_dimension(d, terms[0]):
                raise DimensionError(
                    f"adding [{format_dimension(terms[0])}] to [{format_dimension(d)}] in term {t}"
                )
        return terms[0]
    if isinstance(e, sp.Mul):
        out = DIMENSIONLESS
        for a in e.args:
            out *= _walk(a, dims)
        return sp.powsimp(out, force=True)
    if isinstance(e, sp.Pow):
        exponent_dim = _walk(e.exp, dims)
        if not _is_dimensionless(exponent_dim):
            raise DimensionError(f"exponent {e.exp} is not dimensionless")
        base_dim = _walk(e.base, dims)
        if _is_dimensionless(base_dim):
            return DIMENSIONLESS
        if not e.exp.is_number:
            raise DimensionError(f"dimensional base {e.base} raised to symbolic power {e.exp}")
        return sp.powsimp(base_dim**e.exp, force=True)
    if isinstance(e, sp.Abs | sp.re | sp.im | sp.conjugate):
        return _walk(e.args[0], dims)
    if isinstance(e, sp.sign | sp.Heaviside):
        _walk(e.args[0], dims)
        return DIMENSIONLESS
    if isinstance(e, sp.DiracDelta):
        return 1 / _walk(e.args[0], dims)
    if isinstance(e, sp.Piecewise):  # a branch that is exactly 0 carries any dimension
        branches = [_walk(expr, dims) for expr, _cond in e.args if not expr.is_zero] or [DIMENSIONLESS]
        for d in branches[1:]:
            if not same_dimension(d, branches[0]):
                raise DimensionError(f"branches of {e} differ in dimension")
        return branches[0]
    if isinstance(e, sp.Integral | sp.Sum | sp.Product):
        inner = dict(dims)
        out = None
        for limit in e.limits:
            var = limit[0]
            if var not in inner:
                raise DimensionError(f"integration variable {var} has no declared dimension")
            for bound in limit[1:]:
                if bound.is_infinite or bound.is_zero:  # 0 and ∞ carry any dimension
                    continue
                if not same_dimension(_walk(bound, inner), inner[var]):
                    raise DimensionError(f"limit {bound} of {var} has the wrong dimension")
        out = _walk(e.function, inner)
        if isinstance(e, sp.Integral):
            for limit in e.limits:
                out *= inner[limit[0]]
        return sp.powsimp(out, force=True)
    if isinstance(e, sp.Derivative) and isinstance(e.expr, sp.log):
        # a logarithmic derivative d(ln f)/dx = f'/f: the unit inside the log drops out
        _walk(e.expr.args[0], dims)
        out = DIMENSIONLESS
        for var, count in e.variable_count:
            out /= _walk(var, dims) ** count
        return sp.powsimp(out, force=True)
    if isinstance(e, sp.Derivative):
        out = _walk(e.expr, dims)
        for var, count in e.variable_count:
            out /= _walk(var, dims) ** count
        return sp.powsimp(out, force=True)
    if isinstance(e, sp.Limit):
        return _walk(e.args[0], dims)
    if isinstance(e, sp.Subs):  # each variable takes the dimension of what is put in for it
        inner = dict(dims)
        for var, point in zip(e.variables, e.point, strict=True):
            dim = _walk(point, dims)
            if var in dims and not point.is_zero and not same_dimension(dim, dims[var]):
                raise DimensionError(f"substituting {point} [{format_dimension(dim)}] for {var} "
                                     f"[{format_dimension(dims[var])}]")
            inner[var] = dims.get(var, dim) if point.is_zero else dim
        return _walk(e.expr, inner)
    if isinstance(e, sp.Max | sp.Min):
        args = [_walk(a, dims) for a in e.args]
        for d in args[1:]:
            if not same_dimension(d, args[0]):
                raise DimensionError(f"arguments of {e} differ in dimension")
        return args[0]
    if isinstance(e, sp.Order):
        return _walk(e.expr, dims)
    if isinstance(e, _TRANSCENDENTAL):
        for a in e.args:
            if not _is_dimensionless(_walk(a, dims)):
                raise DimensionError(f"argument {a} of {e.func.__name__} is not dimensionless")
        return DIMENSIONLESS
    if isinstance(e, sp.Function) and isinstance(e.func, sp.core.function.UndefinedFunction):
        raise DimensionError(f"undefined function {e.func} has no declared dimension")
    raise DimensionError(f"cannot analyse the dimension of {type(e).__name__}: {e}")


def format_dimension(dim: sp.Expr) -> str:
    """Print a dimension as SI base units, e.g. ``kg*m**2/s**2``; ``1`` if none."""
    dim = sp.powsimp(dim, force=True)
    return "1" if dim == 1 else str(dim)
