"""The :class:`Derivation` object and its machine check.

A derivation is an ordered chain of :class:`Step` equalities, each produced by
a SymPy operation on a stated model and each carrying a one-line
justification. :meth:`Derivation.check` re-verifies every step independently
of how it was produced:

1. symbolically: ``simplify(doit(lhs - rhs)) == 0`` (or, for an asymptotic
   step ``lhs = rhs + O(g)``, a finite ``limit((lhs - rhs)/g)``);
2. where SymPy cannot decide, numerically at >= 20 random points of the
   parameter space, with mpmath at 30 significant digits (integrals by
   mpmath quadrature), and the report says so;
3. otherwise the check fails: a check that could not be performed is never
   reported as passed.

It also checks that the statement is the result of the chain, that it equals
the form printed in the source (``textbook``), and that both of its sides
carry the same SI dimension.
"""

from __future__ import annotations

import contextlib
import functools
import signal
import threading
import time
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import mpmath
import numpy as np
import sympy as sp

from .units import DimensionError, dimension_of, format_dimension

__all__ = [
    "Assumption",
    "CheckReport",
    "CheckResult",
    "Derivation",
    "Quantity",
    "Step",
]

#: Working precision (significant digits) of numeric step checks.
NUMERIC_DIGITS = 30
#: Number of random parameter points of a numeric step check.
NUMERIC_POINTS = 20
#: Relative tolerance of a numeric step check at :data:`NUMERIC_DIGITS`.
NUMERIC_RTOL = mpmath.mpf(10) ** (-(NUMERIC_DIGITS - 10))
#: Wall-clock budget of one symbolic simplification before falling back.
SYMBOLIC_SECONDS = 8.0


@dataclass(frozen=True)
class Quantity:
    """A symbol of a derivation with its SI dimension and meaning.

    The SymPy assumptions (``positive``, ``real``, ...) live on ``symbol``.
    """

    symbol: sp.Symbol
    dimension: sp.Expr
    meaning: str

    @property
    def assumptions(self) -> dict[str, bool]:
        """The SymPy assumptions declared on the symbol."""
        declared = getattr(self.symbol, "_assumptions_orig", self.symbol.assumptions0)
        return {k: v for k, v in declared.items() if v}


@dataclass(frozen=True)
class Assumption:
    """A model assumption or validity condition, in words and, if possible, as a relation."""

    text: str
    relation: sp.Basic | None = None


@dataclass(frozen=True)
class Step:
    """One machine-checked equality ``lhs = rhs`` of a derivation.

    Parameters
    ----------
    lhs, rhs : sympy expressions
        The two sides. ``lhs`` usually holds the unevaluated operation
        (``Integral``, ``Limit``, ``Derivative``, a substitution) and ``rhs``
        what SymPy made of it.
    why : str
        One-line justification.
    order : tuple (g, x, x0), optional
        Makes the step asymptotic: ``lhs = rhs + O(g)`` as ``x -> x0``.
    solves : sympy.Eq, optional
        Makes the step a solution: ``lhs = rhs`` solves this model equation
        (e.g. ``b11 = -omega_TO**2`` from the equation of motion). Checked by
        substituting ``lhs -> rhs`` into the equation, which must then hold
        identically.
    sample : mapping Symbol -> (low, high), optional
        Ranges for the numeric check of this step (overrides the
        derivation-wide ranges), e.g. to stay inside ``0 < x < 1``.
    """

    lhs: sp.Expr
    rhs: sp.Expr
    why: str
    order: tuple[sp.Expr, sp.Symbol, Any] | None = None
    solves: sp.Equality | None = None
    sample: Mapping[sp.Symbol, tuple[float, float]] = field(default_factory=dict)

    def latex(self) -> str:
        rhs = sp.latex(self.rhs)
        if self.solves is not None:
            rhs += r"\quad\text{solving }" + sp.latex(self.solves)
        if self.order is not None:
            g, x, x0 = self.order
            rhs += r" + \mathcal{O}\!\left(" + sp.latex(g) + r"\right),\ " + (
                sp.latex(x) + r" \to " + sp.latex(x0)
            )
        return sp.latex(self.lhs) + " = " + rhs


@dataclass
class CheckResult:
    """Outcome of one check: which check, pass/fail, how it was performed."""

    check: str
    passed: bool
    method: str
    detail: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "passed": self.passed,
            "method": self.method,
            "detail": self.detail,
        }


@dataclass
class CheckReport:
    """All checks of one derivation. ``passed`` only if every check passed."""

    name: str
    results: list[CheckResult]
    seconds: float

    @property
    def passed(self) -> bool:
        return bool(self.results) and all(r.passed for r in self.results)

    @property
    def status(self) -> str:
        return "pass" if self.passed else "fail"

    def steps(self) -> list[CheckResult]:
        return [r for r in self.results if r.check.startswith("step")]

    def counts(self) -> dict[str, int]:
        """Number of steps verified symbolically, numerically, and failed."""
        steps = self.steps()
        return {
            "steps": len(steps),
            "symbolic": sum(r.passed and r.method.startswith("symbolic") for r in steps),
            "numeric": sum(r.passed and r.method.startswith("numeric") for r in steps),
            "failed": sum(not r.passed for r in steps),
        }

    def get(self, check: str) -> CheckResult:
        for r in self.results:
            if r.check == check:
                return r
        raise KeyError(check)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "status": self.status,
            "seconds": round(self.seconds, 3),
            "steps": self.counts(),
            "checks": [r.as_dict() for r in self.results],
        }

    def __str__(self) -> str:
        lines = [f"{self.name}: {self.status.upper()} ({self.seconds:.2f} s)"]
        for r in self.results:
            mark = "ok  " if r.passed else "FAIL"
            extra = f" -- {r.detail}" if r.detail else ""
            lines.append(f"  [{mark}] {r.check}: {r.method}{extra}")
        return "\n".join(lines)


@dataclass
class Derivation:
    """A closed form derived from a stated model by machine-checked steps.

    Attributes
    ----------
    name, title, topic : str
        Registry name (``snake_case``), human title, topic module.
    source : str
        Seed file and section, or textbook chapter and equation.
    symbols : sequence of Quantity
        Every symbol that appears, with SI dimension and assumptions.
    assumptions : sequence of Assumption
        The model and its validity regime.
    steps : sequence of Step
        The ordered chain.
    statement : sympy.Eq
        The result; its right-hand side is the result of a step.
    textbook : sympy.Eq
        The form printed in the source, typed in from it; the check proves
        ``statement`` equals it.
    sample : mapping Symbol -> (low, high)
        Default ranges for numeric checks (others: log-uniform in
        [0.1, 10] for positive symbols, uniform in [-3, 3] for real ones).
    """

    name: str
    title: str
    topic: str
    source: str
    symbols: Sequence[Quantity]
    assumptions: Sequence[Assumption]
    steps: Sequence[Step]
    statement: sp.Equality
    textbook: sp.Equality
    sample: Mapping[sp.Symbol, tuple[float, float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for attr in ("statement", "textbook"):
            if not isinstance(getattr(self, attr), sp.Equality):
                raise TypeError(
                    f"{self.name}: {attr} must be an unevaluated sympy.Eq "
                    f"(use evaluate=False), got {getattr(self, attr)!r}"
                )

    # ------------------------------------------------------------------ checks
    @property
    def dimensions(self) -> dict[sp.Symbol, sp.Expr]:
        return {q.symbol: q.dimension for q in self.symbols}

    def check(self) -> CheckReport:
        """Verify every step, the chain, the textbook form and the dimensions.

        Examples
        --------
        >>> import derive
        >>> derive.get("frohlich_coupling").check().passed
        True
        """
        start = time.perf_counter()
        results = [self._check_step(i, step) for i, step in enumerate(self.steps, 1)]
        results.append(self._check_chain())
        results.append(self._check_textbook())
        results.append(self._check_dimensions())
        return CheckReport(self.name, results, time.perf_counter() - start)

    def _rng(self, salt: str) -> np.random.Generator:
        return np.random.default_rng(zlib.crc32(f"{self.name}:{salt}".encode()))

    def _check_step(self, index: int, step: Step) -> CheckResult:
        label = f"step {index}"
        ranges = {**self.sample, **step.sample}
        try:
            if step.order is not None:
                return _check_asymptotic(label, step, ranges, self._rng(label))
            if step.solves is not None:
                solved = step.solves.subs(step.lhs, step.rhs)
                if solved is sp.true:
                    return CheckResult(label, True, "symbolic (substituted into the equation)")
                if solved is sp.false:
                    return CheckResult(label, False, "symbolic", "the solution violates the equation")
                result = _check_equal(label, solved.lhs, solved.rhs, ranges, self._rng(label))
                result.method += " (substituted into the equation)"
                return result
            return _check_equal(label, step.lhs, step.rhs, ranges, self._rng(label))
        except Exception as exc:  # a crash is a failed check, never a pass
            return CheckResult(label, False, "error", f"{type(exc).__name__}: {exc}")

    def _check_chain(self) -> CheckResult:
        for i, step in enumerate(self.steps, 1):
            if step.order is None and step.rhs == self.statement.rhs:
                return CheckResult("chain", True, "structural", f"statement is the result of step {i}")
        return CheckResult("chain", False, "structural", "statement is not the result of any step")

    def _check_textbook(self) -> CheckResult:
        try:
            lhs_same = self.statement.lhs == self.textbook.lhs
            if not lhs_same:
                return CheckResult(
                    "textbook", False, "structural",
                    f"left-hand sides differ: {self.statement.lhs} vs {self.textbook.lhs}",
                )
            return _check_equal(
                "textbook", self.statement.rhs, self.textbook.rhs, self.sample, self._rng("textbook")
            )
        except Exception as exc:
            return CheckResult("textbook", False, "error", f"{type(exc).__name__}: {exc}")

    def _check_dimensions(self) -> CheckResult:
        try:
            dim = dimension_of(self.statement, self.dimensions)
        except DimensionError as exc:
            return CheckResult("dimensions", False, "SI dimension analysis", str(exc))
        return CheckResult(
            "dimensions", True, "SI dimension analysis", f"both sides [{format_dimension(dim)}]"
        )

    # --------------------------------------------------------------- rendering
    def latex(self) -> str:
        """The whole derivation as a LaTeX fragment (steps with justifications)."""
        out = [rf"\textbf{{{self.title}}}\quad(\texttt{{{_tex_escape(self.name)}}})\\"]
        out.append(rf"\text{{Source: {_tex_escape(self.source)}}}\\")
        for a in self.assumptions:
            rel = rf":\ {sp.latex(a.relation)}" if a.relation is not None else ""
            out.append(rf"\text{{Assume: {_tex_escape(a.text)}}}{rel}\\")
        out.append(r"\begin{aligned}")
        for i, step in enumerate(self.steps, 1):
            out.append(rf"&({i})\quad {step.latex()} && \text{{{_tex_escape(step.why)}}}\\")
        out.append(r"\end{aligned}\\")
        out.append(rf"\text{{Result: }}{sp.latex(self.statement)}\\")
        out.append(rf"\text{{Textbook: }}{sp.latex(self.textbook)}")
        return "\n".join(out)

    def _repr_latex_(self) -> str:
        return "$$\n" + self.latex() + "\n$$"

    def markdown(self) -> str:
        """The whole derivation as Markdown with ``$$`` math (for docs and notebooks)."""
        lines = [f"### {self.title} (`{self.name}`)", "", f"*Source:* {self.source}", ""]
        lines.append("**Symbols**")
        lines.append("")
        lines.append("| symbol | meaning | SI | assumptions |")
        lines.append("|---|---|---|---|")
        for q in self.symbols:
            assumed = ", ".join(q.assumptions) or "-"
            lines.append(
                f"| ${sp.latex(q.symbol)}$ | {q.meaning} | {format_dimension(q.dimension)} | {assumed} |"
            )
        lines += ["", "**Assumptions and validity**", ""]
        for a in self.assumptions:
            rel = f": ${sp.latex(a.relation)}$" if a.relation is not None else ""
            lines.append(f"- {a.text}{rel}")
        lines += ["", "**Steps**", ""]
        for i, step in enumerate(self.steps, 1):
            lines.append(f"{i}. {step.why}")
            lines.append("")
            lines.append(f"   $$ {step.latex()} $$")
            lines.append("")
        lines.append(f"**Result:** $${sp.latex(self.statement)}$$")
        lines.append("")
        lines.append(f"**Textbook form:** $${sp.latex(self.textbook)}$$")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<Derivation {self.name}: {self.statement}>"


def _tex_escape(text: str) -> str:
    for a, b in (("\\", r"\backslash "), ("_", r"\_"), ("%", r"\%"), ("&", r"\&"), ("#", r"\#")):
        text = text.replace(a, b)
    return text


# ------------------------------------------------------------------ checkers
@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeoutError after ``seconds`` (main thread only; otherwise no limit)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def _raise(signum: int, frame: Any) -> None:
        raise TimeoutError(f"symbolic simplification exceeded {seconds:g} s")

    old = signal.signal(signal.SIGALRM, _raise)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


#: ``Integral.doit`` / ``Sum.doit`` results of the symbolic checks, by expression and hints. SymPy
#: objects are immutable and hashable and ``doit`` is deterministic, so a cached result is the result;
#: the checker's ``doit`` and every ``simplify`` attempt (which ends in ``doit``) otherwise re-run the
#: same futile integration attempt, the slow part of a step SymPy cannot do (numeric fallback).
_DOIT_CACHE: dict[tuple[Any, ...], Any] = {}
_DOIT_CACHE_SIZE = 4096
_DOIT_LOCK = threading.RLock()
_DOIT_DEPTH = 0


@contextlib.contextmanager
def _cached_doit() -> Iterator[None]:
    """Memoise ``doit`` of ``Integral`` and ``Sum`` (and subclasses) inside the block."""
    global _DOIT_DEPTH
    classes = (sp.Integral, sp.Sum)
    with _DOIT_LOCK:
        if _DOIT_DEPTH == 0:
            originals = {cls: cls.__dict__["doit"] for cls in classes}
            for cls, original in originals.items():
                cls.doit = _memoised(original)
            _cached_doit.originals = originals  # type: ignore[attr-defined]
        _DOIT_DEPTH += 1
    try:
        yield
    finally:
        with _DOIT_LOCK:
            _DOIT_DEPTH -= 1
            if _DOIT_DEPTH == 0:
                for cls, original in _cached_doit.originals.items():  # type: ignore[attr-defined]
                    cls.doit = original


def _memoised(original: Any) -> Any:
    def doit(self: sp.Basic, **hints: Any) -> Any:
        key = (type(self), self, tuple(sorted(hints.items())))
        try:
            return _DOIT_CACHE[key]
        except TypeError:  # unhashable hint
            return original(self, **hints)
        except KeyError:
            pass
        result = original(self, **hints)  # an exception (e.g. the time limit) is not cached
        if len(_DOIT_CACHE) >= _DOIT_CACHE_SIZE:  # bounded: a long session does not grow without end
            _DOIT_CACHE.clear()
        _DOIT_CACHE[key] = result
        return result

    doit.__doc__ = original.__doc__
    return doit


def _simplify_candidates(e: sp.Expr) -> Iterator[sp.Expr]:
    """The forms of ``e`` that :func:`_symbolically_zero` hands to ``simplify``, each different."""
    yield e
    seen = [e]
    forced = sp.expand_log(e, force=True)
    if forced not in seen:  # simplify of the same expression would only repeat the work
        seen.append(forced)
        yield forced
    if e.has(sp.dirichlet_eta):  # Sum((-1)**(j+1)/j**s).doit() gives η(s) = (1 - 2**(1-s)) ζ(s)
        eta_free = e.rewrite(sp.zeta)
        if eta_free not in seen:
            yield eta_free


def _symbolically_zero(expr: sp.Expr) -> tuple[bool, str]:
    """Try to prove ``expr == 0`` with SymPy; return (proved, note)."""
    try:
        with _cached_doit(), _time_limit(SYMBOLIC_SECONDS):
            e = sp.sympify(expr).doit()
            if e == 0:
                return True, ""
            for candidate in _simplify_candidates(e):
                if sp.simplify(candidate) == 0:
                    return True, ""
    except TimeoutError as exc:
        return False, str(exc)
    except Exception as exc:  # SymPy could not decide
        return False, f"{type(exc).__name__}"
    return False, "simplify did not reach 0"


def _sample_point(
    free: set[sp.Symbol], ranges: Mapping[sp.Symbol, tuple[float, float]], rng: np.random.Generator
) -> dict[sp.Symbol, sp.Float]:
    point = {}
    for s in sorted(free, key=str):
        if s in ranges:
            lo, hi = ranges[s]
            value = rng.uniform(lo, hi)
        elif s.is_positive:
            value = 10 ** rng.uniform(-1, 1)
        elif s.is_real:
            value = rng.uniform(-3, 3)
        else:
            raise ValueError(f"no sampling range for symbol {s} (declare it real or give a range)")
        point[s] = sp.Float(repr(float(value)), NUMERIC_DIGITS)
    return point


@functools.lru_cache(maxsize=512, typed=True)
def _numeric_form(expr: sp.Expr) -> sp.Expr:
    """``expr`` with its derivatives, limits and substitutions carried out: once, not at every point."""
    e = sp.sympify(expr)
    return e.replace(lambda z: isinstance(z, sp.Derivative | sp.Limit | sp.Subs), lambda z: z.doit())


#: Expressions with bound variables; the point goes into them by ``subs``, which respects those.
_BINDERS = (sp.Integral, sp.Sum, sp.Product, sp.Derivative, sp.Subs, sp.Limit, sp.Lambda)


def _at_point(e: sp.Basic, point: Mapping[sp.Symbol, sp.Float]) -> sp.Basic:
    """``e`` with the values of ``point`` put in, in one rebuild of the tree.

    The same values as ``e.subs(point)``, which substitutes one symbol after the other and so
    rebuilds (and re-evaluates) the expression once per symbol, several times slower on the
    logarithms of the Lindhard functions. Inside an integral, sum, product or an unevaluated
    derivative, limit or substitution (outermost first) it is ``subs``, which leaves bound
    variables alone.
    """
    if isinstance(e, _BINDERS):
        return e.subs(point)
    if not e.args:
        return point.get(e, e)
    args = tuple(_at_point(a, point) for a in e.args)
    return e.func(*args) if args != e.args else e


def _numeric_value(expr: sp.Expr, point: Mapping[sp.Symbol, sp.Float]) -> mpmath.mpc:
    """Evaluate ``expr`` at ``point`` to NUMERIC_DIGITS with mpmath (quadrature for integrals)."""
    e = _at_point(_numeric_form(expr), point)
    with mpmath.workdps(NUMERIC_DIGITS + 5):
        v = e.evalf(NUMERIC_DIGITS + 5)
    if not v.is_number or v.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
        raise ValueError(f"could not evaluate numerically: {v}")
    parts = v.as_real_imag()
    for part in parts:
        # evalf returns fewer digits, silently, when quadrature does not converge.
        if isinstance(part, sp.Float) and part != 0 and part._prec < mpmath.libmp.dps_to_prec(NUMERIC_DIGITS):
            raise ValueError(
                f"evaluation reached only {mpmath.libmp.prec_to_dps(part._prec)} of {NUMERIC_DIGITS} digits"
            )
    re, im = (sp.Float(part, NUMERIC_DIGITS + 5) for part in parts)
    return mpmath.mpc(re._mpf_, im._mpf_)


def _check_equal(
    label: str,
    lhs: sp.Expr,
    rhs: sp.Expr,
    ranges: Mapping[sp.Symbol, tuple[float, float]],
    rng: np.random.Generator,
) -> CheckResult:
    """Symbolic check of ``lhs == rhs``, else numeric at NUMERIC_DIGITS (mpmath context set here)."""
    with mpmath.workdps(NUMERIC_DIGITS + 5):
        return _check_equal_at_precision(label, lhs, rhs, ranges, rng)


def _check_equal_at_precision(
    label: str,
    lhs: sp.Expr,
    rhs: sp.Expr,
    ranges: Mapping[sp.Symbol, tuple[float, float]],
    rng: np.random.Generator,
) -> CheckResult:
    proved, note = _symbolically_zero(lhs - rhs)
    if proved:
        return CheckResult(label, True, "symbolic")
    free = sp.sympify(lhs).free_symbols | sp.sympify(rhs).free_symbols
    points = NUMERIC_POINTS if free else 1  # a pure number needs one evaluation
    worst = mpmath.mpf(0)
    try:
        for _ in range(points):
            point = _sample_point(free, ranges, rng)
            a, b = _numeric_value(lhs, point), _numeric_value(rhs, point)
            scale = max(abs(a), abs(b), mpmath.mpf(10) ** (-NUMERIC_DIGITS))
            err = abs(a - b) / scale
            worst = max(worst, err)
            if err > NUMERIC_RTOL:
                where = ", ".join(f"{k}={float(v):.6g}" for k, v in point.items())
                return CheckResult(
                    label, False, f"numeric ({NUMERIC_DIGITS} digits)",
                    f"sides differ at {where}: {mpmath.nstr(a, 15)} vs {mpmath.nstr(b, 15)}",
                )
    except Exception as exc:
        return CheckResult(
            label, False, "undecided",
            f"symbolic: {note}; numeric evaluation failed: {type(exc).__name__}: {exc}",
        )
    return CheckResult(
        label, True, f"numeric ({points} point{'s' * (points > 1)}, {NUMERIC_DIGITS} digits)",
        f"SymPy could not decide ({note}); max rel. difference {mpmath.nstr(worst, 3)}",
    )


def _check_asymptotic(
    label: str,
    step: Step,
    ranges: Mapping[sp.Symbol, tuple[float, float]],
    rng: np.random.Generator,
) -> CheckResult:
    """Check ``lhs - rhs = O(g)`` as ``x -> x0`` via a finite limit of the ratio."""
    with mpmath.workdps(NUMERIC_DIGITS + 5):
        return _check_asymptotic_at_precision(label, step, ranges, rng)


def _check_asymptotic_at_precision(
    label: str,
    step: Step,
    ranges: Mapping[sp.Symbol, tuple[float, float]],
    rng: np.random.Generator,
) -> CheckResult:
    g, x, x0 = step.order
    ratio = (step.lhs - step.rhs) / g
    try:
        with _time_limit(4 * SYMBOLIC_SECONDS):
            lim = sp.limit(sp.sympify(ratio).doit(), x, x0)
        if lim.is_finite:
            return CheckResult(label, True, "symbolic (limit)", f"(lhs - rhs)/({g}) -> {lim}")
        note = f"limit of (lhs - rhs)/({g}) is {lim}"
        if lim.has(sp.oo, -sp.oo, sp.zoo):
            return CheckResult(label, False, "symbolic (limit)", note)
    except Exception as exc:
        note = f"{type(exc).__name__}: {exc}"
    # Numeric fallback: the ratio must settle as x approaches x0.
    try:
        free = sp.sympify(ratio).free_symbols - {x}
        point = _sample_point(free, ranges, rng)
        if x0 in (sp.oo, -sp.oo):
            xs = [sp.sign(x0) * sp.Float(10) ** k for k in (6, 8, 10)]
        else:
            xs = [x0 + sp.Float(10) ** -k for k in (6, 8, 10)]
        values = [_numeric_value(ratio, {**point, x: xv}) for xv in xs]
        drift = abs(values[-1] - values[-2])
        if drift <= mpmath.mpf("1e-3") * max(abs(values[-1]), mpmath.mpf(1)):
            return CheckResult(
                label, True, f"numeric (limit, {NUMERIC_DIGITS} digits)",
                f"SymPy could not decide ({note}); ratio settles at {mpmath.nstr(values[-1], 8)}",
            )
        return CheckResult(label, False, "numeric (limit)", f"ratio does not settle: {values}")
    except Exception as exc:
        return CheckResult(label, False, "undecided", f"{note}; numeric: {type(exc).__name__}: {exc}")
