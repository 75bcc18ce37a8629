"""The checker: is ``lhs = rhs`` true? Expression-level API used by derivations and kernels.

Every check returns a :class:`CheckResult` and never raises: a check that
could not be performed is a failed check, never a pass.

:func:`check_equal`
    symbolically (``simplify(doit(lhs - rhs)) == 0``, with a time limit), else
    numerically at :data:`NUMERIC_POINTS` random points with mpmath at
    :data:`NUMERIC_DIGITS` significant digits (integrals by quadrature;
    evaluations that do not reach that precision are rejected).
:func:`check_asymptotic`
    ``lhs = rhs + O(g)`` as ``x -> x0``: a finite limit of ``(lhs - rhs)/g``,
    symbolically, else numerically (the ratio must settle).
:func:`check_solution`
    ``lhs = rhs`` solves a model equation: substituted into it, which must then hold.
:func:`check_step`
    one :class:`~derive.derivation.Step`, by whichever of the three it is.
:func:`check_bound`
    ``|approx - exact| <= bound |exact|`` on a box (a truncation, which is no
    identity): at the corners of the box and at random points inside.

Random points come from ``seed``: an integer, a string (hashed with CRC-32,
so that a check is reproducible across runs and machines) or a
``numpy.random.Generator``. mpmath's precision is set only inside
``mpmath.workdps`` blocks, never globally.

Examples
--------
>>> import sympy as sp
>>> x = sp.Symbol("x", positive=True)
>>> check_equal(sp.sin(x) ** 2 + sp.cos(x) ** 2, 1).passed
True
>>> check_asymptotic(sp.sin(x) / x, 1 - x**2 / 6, order=(x**4, x, 0)).method
'symbolic (limit)'
>>> check_bound(1 - x**2 / 6, sp.sin(x) / x, 1e-4, {x: (0.01, 0.1)}).passed
True
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import signal
import threading
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import mpmath
import numpy as np
import sympy as sp

if TYPE_CHECKING:
    from .derivation import Step

__all__ = [
    "NUMERIC_DIGITS",
    "NUMERIC_POINTS",
    "NUMERIC_RTOL",
    "SYMBOLIC_SECONDS",
    "CheckResult",
    "Ranges",
    "Regime",
    "Seed",
    "check_asymptotic",
    "check_bound",
    "check_equal",
    "check_solution",
    "check_step",
    "numeric_value",
    "rng",
    "sample_point",
    "time_limit",
]

#: Working precision (significant digits) of numeric checks.
NUMERIC_DIGITS = 30
#: Number of random parameter points of a numeric check.
NUMERIC_POINTS = 20
#: Relative tolerance of a numeric check at :data:`NUMERIC_DIGITS`.
NUMERIC_RTOL = mpmath.mpf(10) ** (-(NUMERIC_DIGITS - 10))
#: Wall-clock budget of one symbolic simplification before falling back.
SYMBOLIC_SECONDS = 8.0

#: Sampling ranges: symbol -> (low, high); other symbols: log-uniform in [0.1, 10] if positive,
#: uniform in [-3, 3] if real.
Ranges = Mapping[sp.Symbol, tuple[float, float]]
#: Relations (inequalities) the numeric points must satisfy: a derivation's validity regime.
Regime = Sequence[sp.Basic]
#: What random points are drawn from: an integer or string seed, or a generator.
Seed = int | str | np.random.Generator | None


@dataclass
class CheckResult:
    """Outcome of one check: which check, pass/fail, how it was performed."""

    check: str
    passed: bool
    method: str
    detail: str = ""

    def as_dict(self) -> dict[str, Any]:
        """The result as a JSON-ready dictionary."""
        return {
            "check": self.check,
            "passed": self.passed,
            "method": self.method,
            "detail": self.detail,
        }


def rng(seed: Seed = None) -> np.random.Generator:
    """The random generator of a check: a string seed is hashed (CRC-32), ``None`` is seed 0."""
    if isinstance(seed, np.random.Generator):
        return seed
    if isinstance(seed, str):
        seed = zlib.crc32(seed.encode())
    return np.random.default_rng(0 if seed is None else seed)


# ------------------------------------------------------------------ the public checks
def check_equal(lhs: sp.Expr, rhs: sp.Expr, ranges: Ranges | None = None, seed: Seed = None,
                label: str = "equal", numeric: str = "", regime: Regime = ()) -> CheckResult:
    """Check ``lhs == rhs``: symbolically, else numerically at NUMERIC_DIGITS digits.

    Parameters
    ----------
    lhs, rhs : sympy expressions
        The two sides (unevaluated integrals, sums, limits are carried out or
        evaluated numerically).
    ranges : mapping Symbol -> (low, high), optional
        Sampling ranges of the numeric check.
    seed : int, str or numpy.random.Generator, optional
        Where the random points come from.
    label : str
        The ``check`` field of the result.
    numeric : str, optional
        If given, why SymPy cannot prove this identity: the symbolic attempt is
        skipped and the reason reported with the numeric comparison.
    regime : sequence of relations, optional
        The numeric points satisfy these (see :func:`sample_point`).

    Returns
    -------
    CheckResult
        ``method`` says how it was decided ("symbolic", "numeric (...)", "undecided", "error").
    """
    try:
        with mpmath.workdps(NUMERIC_DIGITS + 5):
            return _check_equal(label, lhs, rhs, ranges or {}, rng(seed), numeric, regime)
    except Exception as exc:  # a crash is a failed check, never a pass
        return _error(label, exc)


def check_asymptotic(lhs: sp.Expr, rhs: sp.Expr, order: tuple[sp.Expr, sp.Symbol, Any],
                     ranges: Ranges | None = None, seed: Seed = None, label: str = "asymptotic",
                     regime: Regime = (), numeric: str = "") -> CheckResult:
    """Check ``lhs = rhs + O(g)`` as ``x -> x0`` (``order = (g, x, x0)``).

    Two limits: ``g/rhs -> 0`` (the order is real: the remainder is smaller
    than the result the step claims) and ``(lhs - rhs)/g`` finite (the
    remainder is O(g)); together they give ``lhs/rhs -> 1``, so the leading
    coefficient is checked too. Symbolically with ``sympy.limit``; where SymPy
    cannot decide, at a random point: ``|g/rhs|`` must fall and ``(lhs - rhs)/g``
    settle at x0 + 1e-6, 1e-8, 1e-10 (or +-1e6, 1e8, 1e10 for x0 = +-oo). The
    random point satisfies the relations ``regime`` (those free of x). ``numeric``: why SymPy
    cannot take the limit of the remainder (it is then evaluated numerically only).
    """
    try:
        with mpmath.workdps(NUMERIC_DIGITS + 5):
            return _check_asymptotic(label, lhs, rhs, order, ranges or {}, rng(seed), regime, numeric)
    except Exception as exc:
        return _error(label, exc)


def check_solution(lhs: sp.Expr, rhs: sp.Expr, equation: sp.Equality, ranges: Ranges | None = None,
                   seed: Seed = None, label: str = "solution", regime: Regime = ()) -> CheckResult:
    """Check that ``lhs = rhs`` solves ``equation``: substituted into it, it must hold identically."""
    try:
        solved = equation.subs(lhs, rhs)
        if solved is sp.true:
            return CheckResult(label, True, "symbolic (substituted into the equation)")
        if solved is sp.false:
            return CheckResult(label, False, "symbolic", "the solution violates the equation")
        result = check_equal(solved.lhs, solved.rhs, ranges, seed, label, regime=regime)
        result.method += " (substituted into the equation)"
        return result
    except Exception as exc:
        return _error(label, exc)


def check_step(step: Step, ranges: Ranges | None = None, seed: Seed = None, label: str = "step",
               regime: Regime = ()) -> CheckResult:
    """Check one derivation :class:`~derive.derivation.Step` (equality, asymptotic or solution).

    ``step.sample`` overrides ``ranges`` symbol by symbol; numeric points satisfy ``regime``.
    """
    ranges = {**(ranges or {}), **step.sample}
    if step.order is not None:
        return check_asymptotic(step.lhs, step.rhs, step.order, ranges, seed, label, regime, step.numeric)
    if step.solves is not None:
        return check_solution(step.lhs, step.rhs, step.solves, ranges, seed, label, regime)
    return check_equal(step.lhs, step.rhs, ranges, seed, label, step.numeric, regime)


def check_bound(approx: sp.Expr, exact: sp.Expr, bound: float, region: Ranges, seed: Seed = None,
                label: str = "bound") -> CheckResult:
    """Check ``|approx - exact| <= bound |exact|`` on the box ``region`` (no symbolic attempt).

    A truncated series or sum is no identity: its remainder is bounded. Both
    sides are evaluated with mpmath at NUMERIC_DIGITS + 5 digits (and again
    at 10 more, which must agree: quadrature converged) at every corner of
    ``region`` and at NUMERIC_POINTS random points inside. Every free symbol
    needs a range in ``region``.
    """
    method = f"numeric remainder bound ({NUMERIC_DIGITS} digits)"
    free = sorted(sp.sympify(approx).free_symbols | sp.sympify(exact).free_symbols, key=str)
    missing = [s for s in free if s not in region]
    if missing:
        return CheckResult(label, False, method, f"no sample range for {missing}: the region is undefined")
    generator = rng(seed)
    corners = [dict(zip(free, c, strict=True)) for c in itertools.product(*(region[s] for s in free))]
    points = [{s: sp.Float(repr(float(v)), NUMERIC_DIGITS) for s, v in c.items()} for c in corners]
    points += [sample_point(set(free), region, generator) for _ in range(NUMERIC_POINTS)]
    limit = mpmath.mpf(bound)
    worst = mpmath.mpf(0)
    try:
        f_approx, f_exact = (_mpmath_function(e, free) for e in (approx, exact))
        with mpmath.workdps(NUMERIC_DIGITS + 5):  # values and differences at full precision
            for point in points:
                a, b = f_approx(point), f_exact(point)
                err = abs(a - b) / max(abs(b), mpmath.mpf(10) ** (-NUMERIC_DIGITS))
                worst = max(worst, err)
                if err > limit:
                    return CheckResult(label, False, method,
                                       f"relative remainder {mpmath.nstr(err, 3)} > {bound:g} at "
                                       f"{_where(point)}")
    except Exception as exc:
        return CheckResult(label, False, "undecided",
                           f"numeric evaluation failed: {type(exc).__name__}: {exc}")
    return CheckResult(label, True, f"{method}, {len(points)} points",
                       f"max relative remainder {mpmath.nstr(worst, 3)} <= {bound:g}")


def sample_point(free: set[sp.Symbol], ranges: Ranges, generator: np.random.Generator,
                 regime: Regime = ()) -> dict[sp.Symbol, sp.Float]:
    """A random point for the symbols ``free`` (sorted by name), as NUMERIC_DIGITS-digit Floats.

    The point satisfies every relation of ``regime`` whose symbols are all in ``free``
    (drawn again, up to ``_REGIME_TRIES`` times, until it does).

    Raises
    ------
    ValueError
        For a symbol with no range that is neither positive nor real, or if no point of the
        sampling box was found inside the regime.
    """
    relevant = [r for r in regime if r.free_symbols and r.free_symbols <= free]
    for _ in range(_REGIME_TRIES):
        point = _draw(free, ranges, generator)
        if all(_holds(r, point) for r in relevant):
            return point
    raise ValueError(f"no point of the sampling box satisfies the regime {relevant} "
                     f"({_REGIME_TRIES} tries): the ranges leave the regime")


#: Draws of :func:`sample_point` before it gives up on finding a point inside the regime.
_REGIME_TRIES = 200


def _holds(relation: sp.Basic, point: Mapping[sp.Symbol, sp.Float]) -> bool:
    """Whether ``relation`` is true at ``point`` (False where it cannot be decided)."""
    try:
        return bool(relation.xreplace(point))
    except TypeError:
        return False


def _draw(free: set[sp.Symbol], ranges: Ranges, generator: np.random.Generator) -> dict[sp.Symbol, sp.Float]:
    """One point of the sampling box of :func:`sample_point`, regardless of the regime."""
    point = {}
    for s in sorted(free, key=str):
        if s in ranges:
            lo, hi = ranges[s]
            value = generator.uniform(lo, hi)
        elif s.is_positive:
            value = 10 ** generator.uniform(-1, 1)
        elif s.is_real:
            value = generator.uniform(-3, 3)
        else:
            raise ValueError(f"no sampling range for symbol {s} (declare it real or give a range)")
        point[s] = sp.Float(repr(float(value)), NUMERIC_DIGITS)
    return point


def numeric_value(expr: sp.Expr, point: Mapping[sp.Symbol, sp.Float]) -> mpmath.mpc:
    """``expr`` at ``point`` to NUMERIC_DIGITS digits with mpmath (quadrature for integrals).

    Raises
    ------
    ValueError
        If the value is not a finite number or did not reach NUMERIC_DIGITS digits.
    """
    e = _at_point(_numeric_form(expr), point)
    with mpmath.workdps(NUMERIC_DIGITS + 5):
        e = e.replace(lambda z: isinstance(z, sp.Integral) and not z.free_symbols, _quadrature)
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
    with mpmath.workdps(NUMERIC_DIGITS + 5):
        re, im = (sp.Float(part, NUMERIC_DIGITS + 5) for part in parts)
        return mpmath.mpc(re._mpf_, im._mpf_)


# ------------------------------------------------------------------ implementation
def _error(label: str, exc: Exception) -> CheckResult:
    return CheckResult(label, False, "error", f"{type(exc).__name__}: {exc}")


def _where(point: Mapping[sp.Symbol, Any]) -> str:
    return ", ".join(f"{k}={float(v):.6g}" for k, v in point.items())


#: After the first alarm of :func:`time_limit`, the interval of the alarms that follow it.
_REPEAT_SECONDS = 0.1


@contextlib.contextmanager
def time_limit(seconds: float, what: str = "the computation") -> Iterator[None]:
    """Raise TimeoutError naming ``what`` after ``seconds`` (main thread only; otherwise no limit)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def _raise(signum: int, frame: Any) -> None:
        raise TimeoutError(f"{what} exceeded {seconds:g} s")

    old = signal.signal(signal.SIGALRM, _raise)
    # then again every 0.1 s: an alarm that lands in a callback that swallows exceptions (a gc
    # callback) is lost, and the computation would run on unbounded
    signal.setitimer(signal.ITIMER_REAL, seconds, _REPEAT_SECONDS)
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
    # Logarithms expanded only where the declared assumptions allow it (log(a b) = log a + log b needs
    # a, b > 0): never force=True, which also "proves" log(y**2) = 2 log(y) for a negative y.
    expanded = sp.expand_log(e)
    if expanded not in seen:  # simplify of the same expression would only repeat the work
        seen.append(expanded)
        yield expanded
    if e.has(sp.dirichlet_eta):  # Sum((-1)**(j+1)/j**s).doit() gives η(s) = (1 - 2**(1-s)) ζ(s)
        eta_free = e.rewrite(sp.zeta)
        if eta_free not in seen:
            yield eta_free


def _symbolically_zero(expr: sp.Expr) -> tuple[bool, str]:
    """Try to prove ``expr == 0`` with SymPy; return (proved, note)."""
    try:
        with _cached_doit(), time_limit(SYMBOLIC_SECONDS, "symbolic simplification"):
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


@functools.lru_cache(maxsize=512, typed=True)
def _numeric_form(expr: sp.Expr) -> sp.Expr:
    """``expr`` with its derivatives, limits and substitutions carried out: once, not at every point;
    integrals over [a, ∞) shifted to [0, ∞) (:func:`_shift_to_zero`)."""
    e = sp.sympify(expr)
    e = e.replace(lambda z: isinstance(z, sp.Derivative | sp.Limit | sp.Subs), lambda z: z.doit())
    e = e.replace(lambda z: isinstance(z, sp.Integral), _constant_integrand)
    return e.replace(lambda z: isinstance(z, sp.Integral), _shift_to_zero)


def _constant_integrand(integral: sp.Integral) -> sp.Expr:
    """∫_a^b f dx = f (b − a) where f does not depend on x (innermost limits first): no quadrature at
    every point for an integral over an angle the integrand does not depend on."""
    f, limits = integral.function, list(integral.limits)
    while limits and len(limits[0]) == 3 and limits[0][0] not in f.free_symbols:
        _, a, b = limits.pop(0)
        f = f * (b - a)
    return sp.Integral(f, *limits) if limits else f


def _quadrature(integral: sp.Integral) -> sp.Expr:
    """A one-dimensional numeric integral by mpmath's tanh-sinh quadrature, to NUMERIC_DIGITS + 2 digits
    by its own error estimate, relative: quadrature stops at an absolute error of about 10^-digits, so
    a small integral (a tail e^(-10⁶) came out 2 % wrong) is done again with its integrand scaled by
    the first value. Where the estimate is not met, or the integrand cannot be compiled to mpmath
    (Heaviside, DiracDelta, several variables), the integral is left to SymPy's ``evalf``."""
    if len(integral.limits) != 1 or len(integral.limits[0]) != 3:
        return integral
    x, a, b = integral.limits[0]
    try:
        f = sp.lambdify(x, integral.function, modules="mpmath")
        ends = [mpmath.inf if e is sp.oo else -mpmath.inf if e is -sp.oo else mpmath.mpmathify(e.evalf(
            NUMERIC_DIGITS + 5)) for e in (a, b)]
        ends = [ends[0], *_breakpoints(integral.function, x, ends), ends[1]]
        goal = mpmath.mpf(10) ** -(NUMERIC_DIGITS + 2)
        value, error = mpmath.quad(f, ends, error=True)
        if value != 0 and error > goal * abs(value):
            scale = abs(value)
            value, error = mpmath.quad(lambda t: f(t) / scale, ends, error=True)
            value, error = value * scale, error * scale
        if value == 0 or error > goal * abs(value) or not mpmath.isfinite(value):
            return integral
    except Exception:  # not compilable or not convergent here: SymPy's evalf decides
        return integral
    value = mpmath.mpc(value)
    return sp.Float(value.real, NUMERIC_DIGITS + 5) + sp.I * sp.Float(value.imag, NUMERIC_DIGITS + 5)


def _breakpoints(f: sp.Expr, x: sp.Symbol, ends: Sequence[Any]) -> list[Any]:
    """Where the integrand ``f`` of x (numbers elsewhere) jumps or kinks inside the interval ``ends``: the
    zeros of its Piecewise conditions and of the arguments of Heaviside, Abs and sign, so that the
    quadrature runs on smooth pieces (tanh-sinh over a jump reaches a digit or two)."""
    edges = [c for p in f.atoms(sp.Piecewise) for _, cond in p.args
             for c in sp.sympify(cond).atoms(sp.core.relational.Relational)]
    args = [r.lhs - r.rhs for r in edges] + [h.args[0] for h in f.atoms(sp.Heaviside, sp.Abs, sp.sign)]
    lo, hi = min(ends), max(ends)
    found = set()
    for g in args:
        if g.free_symbols != {x}:
            continue
        exact = g.xreplace({c: sp.Rational(c) for c in g.atoms(sp.Float)})  # a 15-digit 2.0 would
        try:                                                                 # round the root to 15 digits
            roots = sp.solve(exact, x, check=False)
        except Exception:  # no closed-form zero: the quadrature copes as it can
            continue
        for r in roots:
            value = sp.sympify(r).evalf(NUMERIC_DIGITS + 5)
            if value.is_real and lo < value < hi:
                found.add(mpmath.mpmathify(value))
    return sorted(found, reverse=bool(ends[0] > ends[-1]))


def _shift_to_zero(integral: sp.Integral) -> sp.Integral:
    """∫_a^∞ f(x) dx as ∫_0^∞ f(a + s) ds (the same number): quadrature on [a, ∞) far from 0 (a tail
    at a = 10⁶) loses digits silently; the shifted integrand decays on its own scale from 0."""
    if len(integral.limits) != 1 or len(integral.limits[0]) != 3:
        return integral
    x, a, b = integral.limits[0]
    if b is not sp.oo or a == 0 or a.is_infinite:
        return integral
    s = sp.Dummy("s", nonnegative=True)
    return sp.Integral(integral.function.subs(x, a + s), (s, 0, sp.oo))


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


def _check_equal(label: str, lhs: sp.Expr, rhs: sp.Expr, ranges: Ranges, generator: np.random.Generator,
                 numeric: str = "", regime: Regime = ()) -> CheckResult:
    """:func:`check_equal` inside the mpmath context it sets."""
    free = sp.sympify(lhs).free_symbols | sp.sympify(rhs).free_symbols
    if _additive_zero(lhs - rhs):  # ∫_0^X f = ∫_0^∞ f − ∫_X^∞ f: proved if every integral converges
        point = sample_point(free, ranges, generator, regime)
        for integral in sorted((lhs - rhs).atoms(sp.Integral), key=sp.default_sort_key):
            numeric_value(integral, point)  # raises (a failed check) if it does not converge
        return CheckResult(label, True, "symbolic (additivity of integrals)",
                           "each integral ∫_a^b f as P_f(b) − P_f(a), one antiderivative P_f per integrand; "
                           f"every integral converges at {_where(point)}")
    try:
        points = [sample_point(free, ranges, generator, regime)]  # the first numeric point, drawn early
    except Exception:
        points = []  # reported below, if SymPy cannot decide
    if numeric:
        note = numeric
    else:
        differ = _differ_at_first_point(label, lhs, rhs, points)
        if differ is not None:
            return differ
        proved, note = _symbolically_zero(lhs - rhs)
        if proved:
            return CheckResult(label, True, "symbolic")
    try:
        points += [sample_point(free, ranges, generator, regime)
                   for _ in range((NUMERIC_POINTS if free else 1) - len(points))]
        near = _boundary_points(lhs, rhs, free, ranges, generator, regime)
        on = _on_boundary_points(lhs, rhs, free, ranges, generator, regime)
    except Exception as exc:
        return CheckResult(label, False, "undecided",
                           f"symbolic: {note}; region boundaries not located: {type(exc).__name__}: {exc}")
    worst = mpmath.mpf(0)
    try:
        for point, where in [*((p, "") for p in points), *near, *on]:
            try:
                a, b = numeric_value(lhs, point), numeric_value(rhs, point)
            except ValueError:
                if point in (p for p, _ in on):  # undefined on the boundary itself (a pole there)
                    continue
                raise
            scale = max(abs(a), abs(b), mpmath.mpf(10) ** (-NUMERIC_DIGITS))
            err = abs(a - b) / scale
            worst = max(worst, err)
            if err > NUMERIC_RTOL:
                return CheckResult(
                    label, False, f"numeric ({NUMERIC_DIGITS} digits)",
                    f"sides differ at {_where(point)}{where}: {mpmath.nstr(a, 15)} vs {mpmath.nstr(b, 15)}",
                )
    except Exception as exc:
        return CheckResult(
            label, False, "undecided",
            f"symbolic: {note}; numeric evaluation failed: {type(exc).__name__}: {exc}",
        )
    count = f"{len(points)} point{'s' * (len(points) > 1)}"
    if near or on:
        count += f" + {len(near)} beside and {len(on)} on region boundaries"
    return CheckResult(
        label, True, f"numeric ({count}, {NUMERIC_DIGITS} digits)",
        f"{'numeric only' if numeric else 'SymPy could not decide'} ({note}); max rel. difference "
        f"{mpmath.nstr(worst, 3)}",
    )


#: Relative (and absolute) difference at which the sides are clearly different before any symbolic attempt.
_CLEARLY = mpmath.mpf(10) ** -6


def _differ_at_first_point(label: str, lhs: sp.Expr, rhs: sp.Expr,
                           points: Sequence[Mapping[sp.Symbol, sp.Float]]) -> CheckResult | None:
    """A failed check if the sides differ at the first numeric point, before any symbolic attempt (a wrong
    identity fails at once instead of after seconds of simplification); None if they agree there, the
    point needs a quadrature (integrals are left to the numeric stage) or cannot be evaluated."""
    if not points or sp.sympify(lhs - rhs).has(sp.Integral, sp.Sum, sp.Product):
        return None
    try:
        a, b = numeric_value(lhs, points[0]), numeric_value(rhs, points[0])
    except Exception:
        return None
    # clearly different only: a side that is 0 evaluates to a cancellation residue (~1e-30), which
    # is left to the symbolic proof
    if abs(a - b) <= _CLEARLY * max(abs(a), abs(b)) or max(abs(a), abs(b)) < _CLEARLY:
        return None
    return CheckResult(label, False, f"numeric ({NUMERIC_DIGITS} digits)",
                       f"sides differ at {_where(points[0])}: {mpmath.nstr(a, 15)} vs {mpmath.nstr(b, 15)}")


def _additive_zero(expr: sp.Expr) -> bool:
    """Whether ``expr`` vanishes by the additivity of integrals alone: every one-variable integral
    ∫_a^b f dx written P_f(b) − P_f(a) with one undefined antiderivative P_f per integrand (the
    integration variable renamed), other integrals left as they are, then expanded. Sound where
    the integrals converge (the caller checks that)."""
    integrals = sp.sympify(expr).atoms(sp.Integral)
    if not integrals:
        return False
    antiderivatives: dict[sp.Expr, sp.Function] = {}
    t = sp.Dummy("t")

    def split(integral: sp.Integral) -> sp.Expr:
        if len(integral.limits) != 1 or len(integral.limits[0]) != 3:
            return integral
        x, a, b = integral.limits[0]
        f = integral.function.subs(x, t)
        P = antiderivatives.setdefault(f, sp.Function(f"P{len(antiderivatives)}"))
        return P(b) - P(a)

    rewritten = sp.sympify(expr).replace(lambda z: isinstance(z, sp.Integral), split)
    return len(antiderivatives) > 0 and sp.expand(rewritten) == 0


#: Distances from a region boundary (fractions of the scanned range) of the boundary checks.
BOUNDARY_OFFSETS = (1e-2, 1e-4, 1e-6, 1e-8, 1e-10)
#: Grid on which a boundary is located along a line before bisection.
_SCAN_POINTS = 65
#: Random lines tried per boundary and variable until one crosses the boundary.
_LINES = 12
#: Variables solved for, per region boundary, to put points exactly on it (two directions suffice).
_ON_BOUNDARY_VARIABLES = 2


def _crossings(f: sp.Expr, v: sp.Symbol, base: Mapping[sp.Symbol, sp.Float], lo: float, hi: float
               ) -> list[mpmath.mpf]:
    """The zeros of f in lo < v < hi, the other symbols at ``base``: sign changes on a grid, each
    refined by bisection (f need only be continuous near its zero) to NUMERIC_DIGITS + 5 digits."""
    with mpmath.workdps(NUMERIC_DIGITS + 5):
        line = sp.lambdify(v, f.subs({s: base[s] for s in f.free_symbols - {v}}), "mpmath")
        grid = [mpmath.mpf(lo) + (mpmath.mpf(hi) - lo) * i / (_SCAN_POINTS - 1) for i in range(_SCAN_POINTS)]
        values = [mpmath.re(line(g)) for g in grid]
        out = []
        for (a, fa), (b, fb) in itertools.pairwise(zip(grid, values, strict=True)):
            if fa == 0 or fa * fb >= 0:
                continue
            for _ in range(120):
                mid = (a + b) / 2
                if mpmath.re(line(mid)) * fa > 0:
                    a = mid
                else:
                    b = mid
            out.append((a + b) / 2)
        return out


def _boundaries(lhs: sp.Expr, rhs: sp.Expr, free: set[sp.Symbol]) -> list[sp.Expr]:
    """The boundary functions of both sides, once each, in a fixed order (the same points in every
    process, whatever the hash seed)."""
    both = set(_boundary_functions(lhs, free) + _boundary_functions(rhs, free))
    return sorted(both, key=sp.default_sort_key)


def _boundary_functions(expr: sp.Expr, free: set[sp.Symbol]) -> list[sp.Expr]:
    """The f with a region boundary at f = 0: each relation of a Piecewise condition (lhs − rhs) and
    each Heaviside or sign argument, as far as they depend on ``free`` only (not on bound variables)."""
    out: list[sp.Expr] = []
    for pw in sp.sympify(expr).atoms(sp.Piecewise):
        for _, cond in pw.args:
            for rel in sp.sympify(cond).atoms(sp.core.relational.Relational):
                out.append(rel.lhs - rel.rhs)
    for step in sp.sympify(expr).atoms(sp.Heaviside, sp.sign):
        out.append(step.args[0])
    return [f for f in dict.fromkeys(out) if f.free_symbols and f.free_symbols <= free]


def _on_boundary_points(lhs: sp.Expr, rhs: sp.Expr, free: set[sp.Symbol], ranges: Ranges,
                        generator: np.random.Generator, regime: Regime = ()
                        ) -> list[tuple[dict[sp.Symbol, sp.Expr], str]]:
    """Points exactly on each region boundary, for identities between functions: the other symbols at
    a random point made rational, the boundary variable solved for exactly (SymPy), so that Heaviside
    takes its value at the jump and a Piecewise branch on an equality is the one taken. Not for a
    boundary in an integration variable (inside an integrand a single point does not change the value)."""
    bound = {v for e in _numeric_form(lhs - rhs).atoms(sp.Integral, sp.Sum) for v in e.variables}
    out = []
    for f in _boundaries(lhs, rhs, free):
        if f.free_symbols & bound:
            continue
        solved = 0
        for v in sorted(f.free_symbols, key=str):
            if solved == _ON_BOUNDARY_VARIABLES:
                break
            lo, hi = _scan_range(v, ranges)
            for _ in range(_LINES):
                base = {s: sp.Rational(str(float(x))) for s, x in
                        sample_point(free, ranges, generator, regime).items()}
                try:
                    with time_limit(SYMBOLIC_SECONDS / 4):
                        roots = sp.solve(f.subs({s: base[s] for s in f.free_symbols - {v}}), v, check=False)
                except Exception:  # SymPy cannot solve it: no exact point on this boundary
                    roots = []
                inside = [r for r in roots if r.is_real and lo <= float(r) <= hi]
                points = [{**base, v: r} for r in inside[:2]]
                points = [p for p in points if all(_holds(r, p) for r in regime if r.free_symbols <= free)]
                if points:
                    out += [(p, f" (on the boundary {f} = 0)") for p in points]
                    solved += 1
                    break
    return out


def _scan_range(v: sp.Symbol, ranges: Ranges) -> tuple[float, float]:
    """Where :func:`sample_point` draws ``v`` from."""
    if v in ranges:
        return tuple(float(b) for b in ranges[v])  # type: ignore[return-value]
    return (0.1, 10.0) if v.is_positive else (-3.0, 3.0)


def _boundary_points(lhs: sp.Expr, rhs: sp.Expr, free: set[sp.Symbol], ranges: Ranges,
                     generator: np.random.Generator, regime: Regime = ()
                     ) -> list[tuple[dict[sp.Symbol, sp.Float], str]]:
    """Points just inside and just outside every region boundary of either side.

    For each boundary f = 0 (:func:`_boundary_functions`, in a fixed order) and each of its
    variables v: on lines along v through random points (up to ``_LINES``, until one crosses f = 0
    inside v's sampling range), the crossings (:func:`_crossings`) and points at
    BOUNDARY_OFFSETS × (range of v) on both sides. A boundary moved by a little (a region
    x + ν < 0.9 for x + ν < 1) shows there, where random points rarely fall. Each point comes
    with a note naming its boundary.
    """
    out = []
    for f in _boundaries(lhs, rhs, free):
        solved = 0
        for v in sorted(f.free_symbols, key=str):
            if solved == _ON_BOUNDARY_VARIABLES:
                break
            lo, hi = _scan_range(v, ranges)
            for _ in range(_LINES):  # lines through random points until one crosses the boundary
                base = sample_point(free, ranges, generator, regime)
                crossings = _crossings(f, v, base, lo, hi)
                if crossings:
                    break
            for crossing in crossings:
                for offset in BOUNDARY_OFFSETS:
                    for sign in (-1, 1):
                        value = crossing + sign * offset * (hi - lo)
                        if lo <= value <= hi:
                            point = {**base, v: sp.Float(value, NUMERIC_DIGITS + 5)}
                            if all(_holds(r, point) for r in regime if r.free_symbols <= free):
                                out.append((point, f" ({offset:g} from the boundary {f} = 0)"))
    return out


def _check_asymptotic(label: str, lhs: sp.Expr, rhs: sp.Expr, order: tuple[sp.Expr, sp.Symbol, Any],
                      ranges: Ranges, generator: np.random.Generator, regime: Regime = (),
                      numeric: str = "") -> CheckResult:
    """:func:`check_asymptotic` inside the mpmath context it sets."""
    g, x, x0 = order
    point = sample_point(sp.sympify(lhs - rhs).free_symbols - {x}, ranges, generator, regime)
    # 1. The order is real: the remainder is smaller than the result it claims, g/rhs -> 0. Without
    #    it "lhs = rhs + O(g)" claims nothing (twice the true slope + O(q) has a finite remainder/q).
    smaller = _tends_to_zero(g / rhs, x, x0, point)
    if not smaller[0]:
        return CheckResult(label, False, smaller[1],
                           f"the remainder O({g}) is not smaller than the result {rhs} as {x} -> {x0}: "
                           "the step claims nothing beyond its own error")
    # 2. The remainder is O(g): (lhs - rhs)/g stays finite. With 1., lhs/rhs -> 1: the leading
    #    coefficient is right too.
    ratio = (lhs - rhs) / g
    note = f"numeric only: {numeric}"
    try:
        if numeric:
            raise _NotAttempted
        carried_out = sp.sympify(ratio).doit()
        if carried_out.has(sp.Integral, sp.Sum):  # what SymPy could not integrate, it cannot take limits of
            raise NotImplementedError("an integral or sum SymPy cannot carry out")
        with time_limit(4 * SYMBOLIC_SECONDS):
            lim = sp.limit(carried_out, x, x0)
        if lim.is_finite:
            return CheckResult(label, True, "symbolic (limit)",
                               f"(lhs - rhs)/({g}) -> {lim}; ({g})/rhs -> 0 ({smaller[1]})")
        if not lim.has(sp.Limit) and lim.has(sp.oo, -sp.oo, sp.zoo):  # an unevaluated Limit: undecided
            return CheckResult(label, False, "symbolic (limit)", f"limit of (lhs - rhs)/({g}) is {lim}")
        note = f"SymPy could not decide (limit of (lhs - rhs)/({g}) is {lim})"
    except _NotAttempted:
        pass
    except Exception as exc:
        note = f"SymPy could not decide ({type(exc).__name__}: {exc})"
    # Numeric fallback: the ratio must settle as x approaches x0.
    try:
        values = [numeric_value(ratio, {**point, x: xv}) for xv in _approach(x0)]
        drift = abs(values[-1] - values[-2])
        if drift <= mpmath.mpf("1e-3") * max(abs(values[-1]), mpmath.mpf(1)):
            return CheckResult(
                label, True, f"numeric (limit, {NUMERIC_DIGITS} digits)",
                f"{note}; ratio settles at {mpmath.nstr(values[-1], 8)}; "
                f"({g})/rhs -> 0 ({smaller[1]})",
            )
        return CheckResult(label, False, "numeric (limit)", f"ratio does not settle: {values}")
    except Exception as exc:
        return CheckResult(label, False, "undecided", f"{note}; numeric: {type(exc).__name__}: {exc}")


class _NotAttempted(Exception):
    """The symbolic attempt is skipped (a step declared numeric)."""


def _approach(x0: Any) -> list[sp.Float]:
    """Points approaching x0: x0 + 1e-6, 1e-8, 1e-10 (or +-1e6, 1e8, 1e10 for x0 = +-oo)."""
    if x0 in (sp.oo, -sp.oo):
        return [sp.sign(x0) * sp.Float(10) ** k for k in (6, 8, 10)]
    return [x0 + sp.Float(10) ** -k for k in (6, 8, 10)]


def _tends_to_zero(expr: sp.Expr, x: sp.Symbol, x0: Any, point: Mapping[sp.Symbol, sp.Float]
                   ) -> tuple[bool, str]:
    """Whether ``expr -> 0`` as x -> x0: by ``sympy.limit``; if undecided, |expr| must fall
    strictly (by 1 % or more per step) along :func:`_approach` at ``point``. (decided, how)"""
    try:
        carried_out = sp.sympify(expr).doit()
        if carried_out.has(sp.Integral, sp.Sum):
            raise NotImplementedError("an integral or sum SymPy cannot carry out")
        with time_limit(2 * SYMBOLIC_SECONDS):
            lim = sp.limit(carried_out, x, x0)
        if lim == 0:
            return True, "symbolic (limit)"
        if not lim.has(sp.Limit) and lim.is_zero is False:  # a non-zero constant, or infinite
            return False, f"symbolic (limit {lim})"
    except Exception:  # SymPy could not decide: numbers decide
        pass
    try:
        values = [abs(numeric_value(expr, {**point, x: xv})) for xv in _approach(x0)]
    except Exception as exc:
        return False, f"undecided ({type(exc).__name__}: {exc})"
    falls = all(b <= mpmath.mpf("0.99") * a for a, b in itertools.pairwise(values))
    return falls, f"numeric (|ratio| {', '.join(mpmath.nstr(v, 3) for v in values)})"


def _mpmath_function(expr: sp.Expr, free: list[sp.Symbol]) -> Callable[[Mapping], Any]:
    """``point -> expr`` at NUMERIC_DIGITS + 5 digits, cross-checked at 10 more (quadrature converged).

    Lambdified to mpmath (integrals by ``mpmath.quad``: ~10x faster than
    ``evalf``); expressions it cannot print are evaluated by :func:`numeric_value`.
    """
    digits = NUMERIC_DIGITS + 5
    try:
        f = sp.lambdify(free, expr, modules="mpmath")
    except Exception:
        return lambda point: numeric_value(expr, point)

    def value(point: Mapping) -> Any:
        results = []
        for dps in (digits, digits + 10):
            with mpmath.workdps(dps):
                try:
                    results.append(f(*(mpmath.mpf(str(point[s])) for s in free)))
                except (NameError, TypeError, AttributeError):  # a function lambdify could not map
                    with mpmath.workdps(digits):
                        return numeric_value(expr, point)
        with mpmath.workdps(digits):
            if abs(results[1] - results[0]) > mpmath.mpf(10) ** -NUMERIC_DIGITS * abs(results[1]):
                raise ValueError(f"{expr} does not converge to {NUMERIC_DIGITS} digits at {point}")
            return +results[1]

    return value
