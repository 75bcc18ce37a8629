"""Printers of the kernel factory: SymPy expressions as Python ``math``/numba, numpy and C99 code.

What they share (:class:`KernelPrinting`): floats as exact, full-precision
literals, :class:`~derive.kernels.nodes.Polynomial` in Estrin's scheme, and the
ratio reduction of :class:`~derive.kernels.nodes.RatioExponent` and
:class:`~derive.kernels.nodes.RatioArgument` written with each backend's functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import sympy as sp
from sympy.logic.boolalg import Boolean
from sympy.printing.c import C99CodePrinter
from sympy.printing.pycode import PythonCodePrinter

from .nodes import Polynomial, RatioArgument, RatioExponent

__all__ = ["CPrinter", "KernelPrinting", "MathPrinter", "numpy_printer", "python_condition"]


def _estrin(w: str, coeffs: Sequence[str]) -> str:
    """Estrin's scheme as an expression string; repeated squares are merged by LLVM."""
    terms, power = list(coeffs), w
    while len(terms) > 1:
        paired = [f"({terms[i]} + {power}*{terms[i + 1]})" if i + 1 < len(terms) else terms[i]
                  for i in range(0, len(terms), 2)]
        terms, power = paired, f"({power}*{power})"
    return terms[0]


class KernelPrinting:
    """What the Python and C printers share: exact float literals and Estrin polynomials."""

    def _print_Polynomial(self, expr: Polynomial) -> str:
        w, *coeffs = expr.args
        return _estrin(self.parenthesize(w, 100), [self._print(c) for c in coeffs])

    def _print_Float(self, expr: sp.Float) -> str:
        return repr(float(expr))

    def _print_Rational(self, expr: sp.Rational) -> str:
        return repr(float(expr))

    # |a|/|b| = 2^e (1 + s)/(1 - s): e and s from each argument's exponent and mantissa, written with
    # the backend's functions (C99 here; the math and numpy printers override the table); the argument
    # is clamped to the smallest normal so that zero stays finite
    _RATIO: ClassVar[dict[str, str]] = {"x": "fmax(fabs({x}), 2.2250738585072014e-308)",
                                        "mant": "scalbn({x}, -ilogb({x}))", "expo": "ilogb({x})"}

    def _ratio_parts(self, expr: sp.Expr, part: str) -> list[str]:
        f = self._RATIO
        return [f[part].format(x=f["x"].format(x=self._print(v))) for v in expr.args]

    def _print_RatioExponent(self, expr: RatioExponent) -> str:
        ea, eb = self._ratio_parts(expr, "expo")
        return f"({ea} - {eb})"

    def _print_RatioArgument(self, expr: RatioArgument) -> str:
        ma, mb = self._ratio_parts(expr, "mant")
        return f"(({ma} - {mb})/({ma} + {mb}))"


class MathPrinter(KernelPrinting, PythonCodePrinter):
    """Python ``math``-module printer: floats as full-precision literals.

    With ``vector=True``, ``log`` prints as ``vmath.log`` (numeric._vecmath),
    which LLVM can vectorise.
    """

    def __init__(self, vector: bool = False) -> None:
        super().__init__({"fully_qualified_modules": True, "standard": "python3"})
        self.vector = vector

    _RATIO: ClassVar[dict[str, str]] = {"x": "max(abs({x}), 2.2250738585072014e-308)",
                                        "mant": "math.frexp({x})[0]", "expo": "math.frexp({x})[1]"}

    def _print_log(self, expr: sp.Expr) -> str:
        if self.vector:
            return f"vmath.log({self._print(expr.args[0])})"
        return f"math.log({self._print(expr.args[0])})"

    def _print_RatioExponent(self, expr: RatioExponent) -> str:
        if self.vector:  # the bit-pattern reduction (vectorises; shared with RatioArgument by LLVM)
            return f"vmath.ratio_exponent({', '.join(self._print(v) for v in expr.args)})"
        return f"float{super()._print_RatioExponent(expr)}"

    def _print_RatioArgument(self, expr: RatioArgument) -> str:
        if self.vector:
            return f"vmath.ratio_argument({', '.join(self._print(v) for v in expr.args)})"
        return super()._print_RatioArgument(expr)

    def _print_Half(self, expr: sp.Rational) -> str:
        return "0.5"

    def _print__Reciprocal(self, expr: sp.Expr) -> str:
        return f"(1.0/{self.parenthesize(expr.args[0], 100)})"

    def _print_Integer(self, expr: sp.Integer) -> str:
        return f"{int(expr)}.0" if abs(int(expr)) < 2**53 else repr(float(expr))

    def _print_Pow(self, expr: sp.Pow, rational: bool = False) -> str:
        base, exp = expr.as_base_exp()
        if exp == sp.Rational(1, 2):
            return f"math.sqrt({self._print(base)})"
        if exp == -1:
            return f"(1.0/{self.parenthesize(base, 100)})"
        if exp.is_Integer and 2 <= int(exp) <= 4:
            b = self.parenthesize(base, 100)
            return "(" + "*".join([b] * int(exp)) + ")"
        if exp.is_Integer and -4 <= int(exp) <= -2:
            b = self.parenthesize(base, 100)
            return "(1.0/(" + "*".join([b] * -int(exp)) + "))"
        return super()._print_Pow(expr, rational=rational)


def _integer(expr: sp.Integer) -> str:
    """An integer as code: exact below 2**53, else the nearest double (no 400-digit literals in C,
    no Python ints that overflow numpy's int64)."""
    return str(int(expr)) if abs(int(expr)) < 2**53 else repr(float(expr))


class CPrinter(KernelPrinting, C99CodePrinter):
    """C99 printer with exact float literals and Estrin polynomials."""

    def _print_Integer(self, expr: sp.Integer) -> str:
        return _integer(expr)

    def _print_Piecewise(self, expr: sp.Piecewise) -> str:
        """Nested ``?:`` on one line (sympy's C printer spreads each arm over three lines)."""
        if expr.args[-1].cond is not sp.true:
            return super()._print_Piecewise(expr)
        arms = "".join(f"({self._print(c)}) ? ({self._print(e)}) : " for e, c in expr.args[:-1])
        return f"({arms}({self._print(expr.args[-1].expr)}))"


def numpy_printer() -> object:
    """sympy's NumPyPrinter with the kernels' float literals and the ratio reduction in numpy."""
    from sympy.printing.numpy import NumPyPrinter

    class _NumpyPrinter(NumPyPrinter):
        _RATIO: ClassVar[dict[str, str]] = {"x": "numpy.maximum(numpy.abs({x}), 2.2250738585072014e-308)",
                                            "mant": "numpy.frexp({x})[0]", "expo": "numpy.frexp({x})[1]"}
        _ratio_parts = KernelPrinting._ratio_parts
        _print_Polynomial = KernelPrinting._print_Polynomial  # Estrin, in the order the kernel states
        _print_RatioExponent = KernelPrinting._print_RatioExponent
        _print_RatioArgument = KernelPrinting._print_RatioArgument
        _print_Float = KernelPrinting._print_Float  # the nearest double, as the other backends print it
        _print_Rational = KernelPrinting._print_Rational

        def _print_Integer(self, expr: sp.Integer) -> str:
            return _integer(expr)

        def _print_erf(self, expr: sp.Expr) -> str:  # numpy has no erf (sympy prints math.erf: scalars only)
            return f"scipy.special.erf({self._print(expr.args[0])})"

        def _print_Piecewise(self, expr: sp.Piecewise) -> str:
            # a Piecewise of conditions (CSE makes them from conditions that share a Piecewise) must
            # stay boolean for numpy.select: its default is False, not nan
            text = super()._print_Piecewise(expr)
            nan = "default=numpy.nan)"
            if all(isinstance(e, Boolean) and not isinstance(e, sp.Expr) for e, _ in expr.args) \
                    and text.endswith(nan):  # (a Symbol is a Boolean too, and an Expr)
                text = text[:-len(nan)] + "default=False)"
            return text

    return _NumpyPrinter({"fully_qualified_modules": True})


def python_condition(cond: sp.Basic, printer: MathPrinter) -> str:
    """A printed condition with Python's ``and``/``or`` for SymPy's ``&``/``|``."""
    return printer.doprint(cond).replace("&", " and ").replace("|", " or ")
