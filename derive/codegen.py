"""Code generation: derived closed forms -> numba, numpy and C kernels.

A :class:`Kernel` says how a registered derivation becomes a numeric
function: the argument order, the closed form (the statement's right-hand
side), CODATA values for the physical constants, and, where the closed form
cancels, overflows or is singular, safe *branches* built from SymPy series,
asymptotic expansions and exact identities. Every branch is verified against
the closed form by the same checker as derivation steps
(:meth:`Kernel.verify`): exact rewrites symbolically (or numerically at 30
digits), truncated series by a finite limit of the remainder or by an
explicit bound on it over the branch's region (``Branch.remainder``).

:func:`module_source` prints all kernels of a topic as one Python module for
``numeric/_generated/`` (numba ``njit`` scalar kernel with ``if``/``elif``
branches and common subexpressions eliminated, plus an ``njit`` loop over
flat arrays); ``ephkit codegen --check`` proves the committed files are what
the registry generates now.
"""

from __future__ import annotations

import ast
import hashlib
import importlib
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import sympy as sp
from sympy.codegen.cfunctions import expm1, log1p
from sympy.printing.c import C99CodePrinter
from sympy.printing.pycode import PythonCodePrinter

from . import checker
from .checker import CheckResult
from .derivation import Step
from .registry import TOPICS, get

__all__ = [
    "GENERATED_DIR",
    "Branch",
    "Kernel",
    "RatioArgument",
    "RatioExponent",
    "c_source",
    "check_generated",
    "choose_switch",
    "generated_files",
    "kernel",
    "kernels",
    "kernels_for",
    "module_source",
    "numba_source",
    "numpy_source",
    "parse_expression",
    "source_for",
    "statement_kernel",
    "write_generated",
]

#: Where generated modules live (inside the ``numeric`` package).
GENERATED_DIR = Path(__file__).resolve().parents[1] / "numeric" / "_generated"
#: The vectorisable elementary functions the generated kernels inline (see :func:`_vecmath_stamp`).
VECMATH_FILE = GENERATED_DIR.parent / "_vecmath.py"
REGENERATE = "ephkit codegen --write"

_KERNELS: dict[str, list[_Builder]] = {}


class Polynomial(sp.Function):
    """``Polynomial(w, c0, c1, ..., cn)`` = c0 + c1 w + ... + cn w^n, kept unevaluated.

    Printers emit it in Estrin's scheme (pairs combined with w, w², w⁴, ...),
    whose short dependency chains let vectorised loops run at full width;
    ``doit()`` expands it for verification.
    """

    @classmethod
    def eval(cls, *args: sp.Expr) -> None:
        return None

    def doit(self, **hints: object) -> sp.Expr:
        w, *coeffs = (a.doit(**hints) if hints.get("deep", True) else a for a in self.args)
        return sp.Add(*(c * w**i for i, c in enumerate(coeffs)))

    def _eval_evalf(self, prec: int) -> sp.Expr:
        return self.doit()._eval_evalf(prec)

    def _eval_rewrite_as_Add(self, *args: sp.Expr, **kwargs: object) -> sp.Expr:
        return self.doit()


class RatioExponent(sp.Function):
    """``RatioExponent(a, b)`` = e = floor(log2|a|) − floor(log2|b|), kept unevaluated.

    With ``s = RatioArgument(a, b)``, |a|/|b| = 2^e (1 + s)/(1 − s) with |s| < 1/3 (a, b ≠ 0), so
    ln|a/b| = e ln 2 + 2 atanh(s) *exactly*, and 2 atanh(s) = 2s [1 + Λ(s²)] is a short series: a
    kernel that needs ln|a/b| and also evaluates Λ elsewhere shares one polynomial between them,
    and never forms a/b (no rounding, no overflow). The numba printer emits numeric._vecmath's
    bit-pattern split (exponent fields and mantissas); C and numpy the same through ilogb/scalbn and
    frexp. For a zero argument every backend gives a finite, meaningless value (the kernels multiply
    it by that vanishing factor). ``doit()`` gives the elementary form.
    """

    nargs = 2
    is_integer = True
    is_real = True

    @classmethod
    def eval(cls, *args: sp.Expr) -> None:
        return None

    def doit(self, **hints: object) -> sp.Expr:
        a, b = (v.doit(**hints) for v in self.args)
        return sp.floor(sp.log(sp.Abs(a), 2)) - sp.floor(sp.log(sp.Abs(b), 2))

    @staticmethod
    def _imp_(a: object, b: object) -> object:  # for lambdify(modules="mpmath")
        import mpmath

        return mpmath.mpf(mpmath.frexp(a)[1] - mpmath.frexp(b)[1])

    def _eval_evalf(self, prec: int) -> sp.Expr:
        return self.doit()._eval_evalf(prec)


class RatioArgument(sp.Function):
    """``RatioArgument(a, b)`` = s = (ma − mb)/(ma + mb), |a| = 2^ea ma with 1 <= ma < 2, likewise b."""

    nargs = 2
    is_real = True

    @classmethod
    def eval(cls, *args: sp.Expr) -> None:
        return None

    def doit(self, **hints: object) -> sp.Expr:
        args = (v.doit(**hints) for v in self.args)
        ma, mb = (sp.Abs(v) * 2 ** -sp.floor(sp.log(sp.Abs(v), 2)) for v in args)
        return (ma - mb) / (ma + mb)

    @staticmethod
    def _imp_(a: object, b: object) -> object:
        import mpmath

        fa, fb = abs(mpmath.frexp(a)[0]), abs(mpmath.frexp(b)[0])  # in [1/2, 1): the factor 2 cancels
        return (fa - fb) / (fa + fb)

    def _eval_evalf(self, prec: int) -> sp.Expr:
        return self.doit()._eval_evalf(prec)


def _estrin(w: str, coeffs: Sequence[str]) -> str:
    """Estrin's scheme as an expression string; repeated squares are merged by LLVM."""
    terms, power = list(coeffs), w
    while len(terms) > 1:
        paired = [f"({terms[i]} + {power}*{terms[i + 1]})" if i + 1 < len(terms) else terms[i]
                  for i in range(0, len(terms), 2)]
        terms, power = paired, f"({power}*{power})"
    return terms[0]


@dataclass(frozen=True)
class Branch:
    """One branch of a kernel: ``expr`` where ``condition`` holds.

    ``order = (g, x, x0)`` marks a truncated expansion whose remainder is
    O(g) as x -> x0; ``sample`` gives ranges inside the branch's region for
    numeric verification. ``remainder = r`` marks a truncation whose
    remainder is bounded in the whole region ``sample``:
    |expr − closed form| <= r |closed form| is checked numerically (no
    symbolic attempt: a truncation is not an identity) at the corners of
    ``sample`` and at random points inside, at NUMERIC_DIGITS digits.
    """

    expr: sp.Expr
    condition: sp.Basic
    why: str
    order: tuple[sp.Expr, sp.Symbol, object] | None = None
    sample: Mapping[sp.Symbol, tuple[float, float]] = field(default_factory=dict)
    at: tuple[sp.Symbol, sp.Expr] | None = None  # a limit point: expr = lim closed form there
    region_form: sp.Expr | None = None  # equals expr on the branch's region (e.g. Min resolved)
    remainder: float | None = None  # explicit relative remainder bound on the region ``sample``

    def step(self, closed_form: sp.Expr) -> Step:
        """The verification step: the branch (or its region form) against the closed form."""
        if self.at is not None:
            var, point = self.at
            return Step(sp.Limit(closed_form, var, point, "+-"), self.expr, self.why)
        expr = self.expr if self.region_form is None else self.region_form
        return Step(expr, closed_form, self.why, order=self.order, sample=self.sample)

    def region_step(self) -> Step | None:
        """With ``region_form``: the printed expression equals it inside the region ``sample``."""
        if self.region_form is None:
            return None
        return Step(self.expr, self.region_form, "printed form equals the verified form on this region",
                    sample=self.sample)


@dataclass(frozen=True)
class Kernel:
    """How a derivation becomes a numeric kernel.

    Attributes
    ----------
    name : str
        Python name of the generated function (``<name>`` loops over arrays,
        ``<name>_scalar`` is the scalar kernel).
    derivation : str
        Registry name of the derivation whose statement is the closed form.
    args : sequence of Symbol
        Argument order of the generated function.
    closed_form : sympy expression
        The reference (usually ``derivation.statement.rhs``, possibly
        rewritten in dimensionless variables by verified steps).
    constants : mapping Symbol -> float
        Physical constants replaced by CODATA values (SI) in generated code.
    branches : sequence of Branch
        Safe evaluation; the last branch's condition must be ``True``.
        Empty: the closed form itself is safe everywhere on the domain.
    doc : str
        One-line description for the generated docstring.
    layout : {"branch", "select"}
        ``"branch"``: ``if``/``elif`` chains, evaluating one branch per point.
        ``"select"``: every branch is evaluated and the result picked by
        conditional expressions, with the vectorisable ``log``; LLVM then
        vectorises the array loop. Every branch must then be harmless
        (no exception, any inf/nan discarded) outside its own region.
    """

    name: str
    derivation: str
    args: Sequence[sp.Symbol]
    closed_form: sp.Expr
    doc: str
    constants: Mapping[sp.Symbol, float] = field(default_factory=dict)
    branches: Sequence[Branch] = ()
    layout: str = "branch"

    @property
    def pieces(self) -> list[tuple[sp.Expr, sp.Basic]]:
        """(expression, condition) pairs with constants substituted and folded, in order."""
        if not self.branches:
            return [(_fold_numbers(self.closed_form.subs(self.constants)), sp.true)]
        if self.branches[-1].condition is not sp.true:
            raise ValueError(f"kernel {self.name}: the last branch must have condition True")
        return [(_fold_numbers(b.expr.subs(self.constants)), b.condition) for b in self.branches]

    def verify(self) -> list[CheckResult]:
        """Check every branch against the closed form with :mod:`derive.checker`.

        Exact rewrites by :func:`~derive.checker.check_step` (symbolic, else mpmath at 30 digits),
        truncations (``Branch.remainder``) by :func:`~derive.checker.check_bound` on their region.
        """
        ranges = get(self.derivation).sample
        results = []
        for i, b in enumerate(self.branches, 1):
            seed, label = f"kernel:{self.name}:step {i}", f"step {i}"
            if b.remainder is None:
                results.append(checker.check_step(b.step(self.closed_form), ranges, seed, label))
            else:
                results.append(checker.check_bound(b.expr, self.closed_form, b.remainder, b.sample, seed,
                                                   label))
        for i, b in enumerate(self.branches, 1):
            region = b.region_step()
            if region is not None:
                results.append(checker.check_step(region, ranges, f"kernel:{self.name}:step {i}",
                                                  f"step {i} (region form)"))
        return results


def _expand_polynomials(expr: sp.Expr) -> sp.Expr:
    """Replace every Polynomial node by its Horner form (for printers without Estrin).

    Only the Polynomial itself is expanded (``deep=False``): functions in its argument, such as
    RatioArgument, stay for the printer (their elementary ``doit`` forms are not safe at zero).
    """
    return expr.replace(lambda z: isinstance(z, Polynomial),
                        lambda z: sp.horner(z.doit(deep=False), wrt=z.args[0]) if z.args[0].is_Symbol
                        else z.doit(deep=False))


def _fold_numbers(expr: sp.Expr) -> sp.Expr:
    """Replace numeric subexpressions (sqrt(2), pi, zeta(5), ...) by floats so products fold into one literal.

    Functions of numbers are folded too: the code printers know no ζ, and a literal is cheaper anyway.
    """
    numbers = [a for a in expr.atoms(sp.Pow, sp.NumberSymbol, sp.Function) if a.is_number]
    return expr.xreplace({a: sp.Float(a.evalf(30), 30) for a in numbers})


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
    import mpmath

    f_left, f_right = (sp.lambdify(var, _expand_polynomials(e), modules="mpmath") for e in (left, right))
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


def kernel(topic: str, name: str, derivation: str | None = None
           ) -> Callable[[Callable[[], Kernel]], Callable[[], Kernel]]:
    """Register the builder of kernel ``name`` (from ``derivation``, default ``name``) for ``topic``.

    ``topic`` is its module in ``numeric/_generated``. The names are declared here so that
    :func:`kernels_for` builds only the kernels asked for (some builders choose switch points with
    mpmath and take seconds); :func:`kernels` checks that every built kernel carries its declared names.
    """
    if topic not in TOPICS:
        raise ValueError(f"unknown topic {topic!r}; expected one of {TOPICS}")

    def wrap(builder: Callable[[], Kernel]) -> Callable[[], Kernel]:
        _KERNELS.setdefault(topic, []).append(_Builder(name, derivation or name, builder))
        return builder

    return wrap


@dataclass(frozen=True)
class _Builder:
    name: str
    derivation: str
    build: Callable[[], Kernel]

    def __call__(self) -> Kernel:
        k = self.build()
        if (k.name, k.derivation) != (self.name, self.derivation):
            raise ValueError(f"kernel builder {self.build.__name__} is registered as "
                             f"({self.name}, {self.derivation}) but built ({k.name}, {k.derivation})")
        return k


def _load_topics() -> None:
    for t in TOPICS:
        importlib.import_module(f"derive.{t}")


def kernels(topic: str | None = None) -> list[Kernel]:
    """All kernels (of one topic), built fresh from the registry."""
    _load_topics()
    topics = [topic] if topic else list(TOPICS)
    return [builder() for t in topics for builder in _KERNELS.get(t, [])]


def statement_kernel(derivation: str, args: Sequence[str], doc: str, name: str | None = None,
                     closed_form: Callable[[sp.Expr], sp.Expr] | None = None,
                     extra: Sequence[sp.Symbol] = ()) -> Kernel:
    """A branch-free kernel from a derivation's statement (optionally transformed).

    ``args`` are symbol names (of the derivation, or of ``extra`` symbols the
    transform introduces); the physical constants get their CODATA values.
    """
    from .constants import codata_values

    d = get(derivation)
    table = {s.name: s for s in [*(q.symbol for q in d.symbols), *extra]}
    expr = closed_form(d.statement.rhs) if closed_form else d.statement.rhs
    constants = codata_values()
    symbols = [table[a] for a in args]
    left = expr.free_symbols - set(symbols) - set(constants)
    if left:
        raise ValueError(f"kernel for {derivation}: free symbols {sorted(map(str, left))} are not arguments")
    return Kernel(name=name or derivation, derivation=derivation, args=symbols, closed_form=expr,
                  doc=doc, constants=constants)


def kernels_for(name: str) -> list[Kernel]:
    """The kernels generated from derivation ``name``, or the kernel called ``name``.

    Only the matching builders run (their names are declared at registration).
    """
    _load_topics()
    found = [b() for t in TOPICS for b in _KERNELS.get(t, []) if name in (b.name, b.derivation)]
    if found:
        return found
    get(name)  # an unknown name raises the usual 'unknown derivation' error with close matches
    raise KeyError(f"derivation {name!r} has no numeric kernel")


def source_for(ks: Sequence[Kernel], backend: str) -> str:
    """Source of one or more kernels in ``backend`` ("numba", "numpy" or "c"), imports once."""
    if backend == "numba":
        parts = [numba_source(k, standalone=(i == 0)) for i, k in enumerate(ks)]
        if any(map(_uses_vmath, ks)) and not _uses_vmath(ks[0]):
            vmath = "import numba\n\nfrom numeric import _vecmath as vmath\n"
            parts[0] = parts[0].replace("import numba\n", vmath, 1)
    elif backend == "numpy":
        parts = [numpy_source(k) if i == 0 else numpy_source(k).split("\n\n\n", 1)[1]
                 for i, k in enumerate(ks)]
    elif backend == "c":
        parts = [c_source(k) if i == 0 else c_source(k).split("\n", 2)[2] for i, k in enumerate(ks)]
    else:
        raise ValueError(f"unknown backend {backend!r}; expected numba, numpy or c")
    return "\n\n".join(p.rstrip("\n") for p in parts) + "\n"


# ------------------------------------------------------------------ printers
class _KernelPrinting:
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


class _MathPrinter(_KernelPrinting, PythonCodePrinter):
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


class _CPrinter(_KernelPrinting, C99CodePrinter):
    """C99 printer with exact float literals and Estrin polynomials."""


def _numpy_printer() -> object:
    """sympy's NumPyPrinter with the kernels' float literals and the ratio reduction in numpy."""
    from sympy.printing.numpy import NumPyPrinter

    class _NumpyPrinter(NumPyPrinter):
        _RATIO: ClassVar[dict[str, str]] = {"x": "numpy.maximum(numpy.abs({x}), 2.2250738585072014e-308)",
                                            "mant": "numpy.frexp({x})[0]", "expo": "numpy.frexp({x})[1]"}
        _ratio_parts = _KernelPrinting._ratio_parts
        _print_Polynomial = _KernelPrinting._print_Polynomial  # Estrin, in the order the kernel states
        _print_RatioExponent = _KernelPrinting._print_RatioExponent
        _print_RatioArgument = _KernelPrinting._print_RatioArgument

    return _NumpyPrinter({"fully_qualified_modules": True})


def _branch_body(expr: sp.Expr, emit_assign: Callable[[str, str], str],
                 emit_return: Callable[[str], str], printer: Callable[[sp.Expr], str]) -> list[str]:
    replacements, (reduced,) = sp.cse([expr], symbols=sp.numbered_symbols("t"))
    lines = [emit_assign(str(sym), printer(value)) for sym, value in replacements]
    lines.append(emit_return(printer(reduced)))
    return lines


def _python_condition(cond: sp.Basic, printer: _MathPrinter) -> str:
    return printer.doprint(cond).replace("&", " and ").replace("|", " or ")


def _scalar_function(k: Kernel, header: str, printer: _MathPrinter) -> list[str]:
    args = ", ".join(str(a) for a in k.args)
    lines = [header, f"def {k.name}_scalar({args}):", f'    """{k.doc} (scalar kernel)."""']
    pieces = k.pieces
    for i, (expr, cond) in enumerate(pieces):
        body = _branch_body(expr, lambda s, v: f"{s} = {v}", lambda v: f"return {v}", printer.doprint)
        if cond is sp.true:
            indent = "        " if i else "    "
            if i:
                lines.append("    else:")
        else:
            keyword = "if" if i == 0 else "elif"
            lines.append(f"    {keyword} {_python_condition(cond, printer)}:")
            indent = "        "
        lines += [indent + line for line in body]
    return lines


def _select_function(k: Kernel, header: str, printer: _MathPrinter) -> list[str]:
    """Scalar kernel that evaluates every branch, then selects: vectorisable."""
    args = ", ".join(str(a) for a in k.args)
    lines = [header, f"def {k.name}_scalar({args}):",
             f'    """{k.doc} (scalar kernel; all branches evaluated, then selected)."""']
    pieces = k.pieces
    shared = [_share_reciprocals(e) for e, _ in pieces]
    # the conditions join the CSE, so the selection reuses what the branches computed; a condition
    # that a branch also tests inside a Piecewise (to pick a series argument) is taken in the form
    # Piecewise gave it there
    conditions = []
    for _, c in pieces[:-1]:
        inner = _share_reciprocals(sp.Piecewise((1, c), (0, True)).args[0].cond)
        conditions.append(inner if any(e.has(inner) for e in shared) else _share_reciprocals(c))
    replacements, reduced = sp.cse(shared + conditions, symbols=sp.numbered_symbols("t"))
    lines += [f"    {sym} = {printer.doprint(value)}" for sym, value in replacements]
    lines += [f"    b{i} = {printer.doprint(e)}" for i, e in enumerate(reduced[:len(pieces)])]
    result = f"b{len(pieces) - 1}"
    for i in range(len(pieces) - 2, -1, -1):
        result = f"b{i} if {_python_condition(reduced[len(pieces) + i], printer)} else ({result})"
    lines.append(f"    return {result}")
    return lines


class _Reciprocal(sp.Function):
    """1/u kept unevaluated while printing, so that CSE shares one division among 1/u, 1/u², x/u, ..."""

    nargs = 1


def _share_reciprocals(expr: sp.Expr) -> sp.Expr:
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


def _uses_vmath(k: Kernel) -> bool:
    return k.layout == "select"


def numba_source(k: Kernel, standalone: bool = True) -> str:
    """Python source of the numba scalar kernel and array loop for ``k``."""
    if k.layout not in ("branch", "select"):
        raise ValueError(f"kernel {k.name}: unknown layout {k.layout!r}")
    printer = _MathPrinter(vector=_uses_vmath(k))
    # fastmath={"contract"} allows only fused multiply-add (no reassociation, NaN/inf kept):
    # at least as accurate, and it halves the instruction count of polynomials.
    jit = '@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True)'
    # The select layout is only fast when inlined into the loop, where LLVM vectorises it.
    scalar_jit = jit.replace("cache=True", 'cache=True, inline="always"') if _uses_vmath(k) else jit
    args = ", ".join(str(a) for a in k.args)
    build = _select_function if k.layout == "select" else _scalar_function
    lines = build(k, scalar_jit, printer)
    n = len(k.args)
    indexed = ", ".join(f"{a}[i]" for a in k.args)
    lines += [
        "",
        "",
        jit,
        f"def {k.name}_loop({args}, out):",
        f'    """{k.doc}: loop over flat float64 arrays of equal length {n * "."}."""',
        f"    for i in range({k.args[0]}.shape[0]):",
        f"        out[i] = {k.name}_scalar({indexed})",
        "    return out",
        "",
        "",
        # the same loop split over the machine's cores (numeric._support.evaluate uses it for large arrays)
        jit.replace("cache=True", "cache=True, parallel=True"),
        f"def {k.name}_loop_parallel({args}, out):",
        f'    """{k.doc}: the loop above, run on all cores (numba.prange)."""',
        f"    for i in numba.prange({k.args[0]}.shape[0]):",
        f"        out[i] = {k.name}_scalar({indexed})",
        "    return out",
    ]
    if standalone:
        imports = ["import math", "", "import numba"]
        if _uses_vmath(k):
            imports += ["", "from numeric import _vecmath as vmath"]
        lines = [*imports, "", "", *lines]
    return "\n".join(lines).replace(f"length {n * '.'}", "length") + "\n"


def numpy_source(k: Kernel) -> str:
    """A plain numpy function for ``k`` (branches with ``numpy.select``; no numba)."""
    printer = _numpy_printer()
    args = ", ".join(str(a) for a in k.args)
    pieces = k.pieces
    if len(pieces) == 1:
        body = f"    return {printer.doprint(pieces[0][0])}"
    else:
        body = f"    return {printer.doprint(sp.Piecewise(*pieces))}"
    return "\n".join([
        "import functools  # noqa: F401  (used by some printed expressions)",
        "import math  # noqa: F401",
        "",
        "import numpy", "", "",
        f"def {k.name}({args}):",
        f'    """{k.doc} (numpy; evaluates every branch, warnings suppressed)."""',
        '    with numpy.errstate(all="ignore"):',
        "    " + body,
    ]) + "\n"


def c_source(k: Kernel) -> str:
    """A C99 function ``double name(double ...)`` for ``k`` (compile with -lm)."""
    printer = _CPrinter()
    args = ", ".join(f"double {a}" for a in k.args)
    lines = ["#include <math.h>", "", f"/* {k.doc}. Generated by ephkit from derivation {k.derivation}. */",
             f"double {k.name}({args}) {{"]
    for i, (expr, cond) in enumerate(k.pieces):
        body = _branch_body(expr, lambda s, v: f"const double {s} = {v};", lambda v: f"return {v};",
                            printer.doprint)
        if cond is sp.true:
            if i:
                lines.append("    {")
            lines += [("        " if i else "    ") + line for line in body]
            if i:
                lines.append("    }")
        else:
            lines.append(f"    {'if' if i == 0 else 'else if'} ({printer.doprint(cond)}) {{")
            lines += ["        " + line for line in body]
            lines.append("    }")
            if i + 1 < len(k.pieces) and k.pieces[i + 1][1] is sp.true:
                lines[-1] += " else"
    lines.append("}")
    return "\n".join(lines) + "\n"


# ------------------------------------------------------- generated modules
def module_source(topic: str) -> str:
    """The whole generated module ``numeric/_generated/<topic>.py``."""
    ks = kernels(topic)
    names = [n for k in ks for n in (k.name + "_scalar", k.name + "_loop", k.name + "_loop_parallel")]
    out = [
        f'"""Numeric kernels for topic {topic!r}, generated from the derivations in derive.{topic}.',
        "",
        f"GENERATED CODE: do not edit. Regenerate with `{REGENERATE}`;",
        "`ephkit codegen --check` (run by the tests) fails when this file is stale.",
        "",
        *[f"- {k.name}: from derivation `{k.derivation}`" for k in ks],
        '"""',
        "",
        "import math",
        "",
        "import numba",
        "",
        *(["from numeric import _vecmath as vmath", "", _vecmath_stamp(), ""] if any(map(_uses_vmath, ks))
          else []),
        f"__all__ = {names!r}",
    ]
    for k in ks:
        out += ["", "", f"# --- {k.name}: derivation {k.derivation}", numba_source(k, standalone=False)]
    return "\n".join(out).rstrip() + "\n"


def _vecmath_stamp() -> str:
    """A line naming the hash of numeric/_vecmath.py, whose functions numba inlines into the kernels.

    numba's on-disk cache of a kernel is keyed on its own file only, so a changed ``_vecmath`` would
    leave stale compiled kernels; with the hash in the generated file, changing ``_vecmath`` makes
    ``ephkit codegen --check`` fail until the modules are regenerated, which invalidates the caches.
    """
    digest = hashlib.sha256(VECMATH_FILE.read_bytes()).hexdigest()[:16]
    return f"# inlined from numeric/_vecmath.py, sha256 {digest} (a new hash invalidates numba's cache)"


def generated_files() -> dict[Path, str]:
    """Every generated file and its current content from the registry."""
    files = {GENERATED_DIR / f"{t}.py": module_source(t) for t in TOPICS if _has_kernels(t)}
    files[GENERATED_DIR / "__init__.py"] = (
        f'"""Generated numeric kernels (do not edit; `{REGENERATE}`)."""\n'
    )
    return files


def _has_kernels(topic: str) -> bool:
    importlib.import_module(f"derive.{topic}")
    return bool(_KERNELS.get(topic))


def write_generated() -> list[Path]:
    """Write all generated modules; return the paths that changed."""
    changed = []
    GENERATED_DIR.mkdir(parents=True, exist_ok=True)
    for path, text in generated_files().items():
        if not path.exists() or path.read_text() != text:
            path.write_text(text)
            changed.append(path)
    return changed


def check_generated() -> list[Path]:
    """Paths whose committed content differs from what the registry generates now."""
    return [p for p, text in generated_files().items() if not p.exists() or p.read_text() != text]


# ------------------------------------------------------ user expressions
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

