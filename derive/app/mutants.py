"""Mutation testing of the checker: can :meth:`derive.Derivation.check` be fooled?

For every registered derivation, :func:`mutants` makes small wrong versions of it,
one change each, on the SymPy trees of the steps' sides, the statement and the
textbook form, and :func:`run_mutants` checks that :meth:`~derive.Derivation.check`
fails on each one that changes the mathematics ("killed"). A mutant that still
passes ("survivor") is a wrong derivation the checker accepts: the list of survivors
tells the checker's author what to fix.

Operators (:data:`OPERATORS`), one application per mutant:

``constant``
    a number changed: integer n -> n + 1 (2 -> 3, also an exponent: x**2 -> x**3, and
    -1 -> 0, which drops a term or a denominator), rational p/q -> p/(q + 1) (1/2 -> 1/3:
    sqrt -> cube root), float x -> 1.01 x.
``sign``
    one additive term's sign flipped (a + b -> a - b).
``swap``
    the operands of a subtraction exchanged (a - b -> b - a: the sum negated).
``drop-factor``
    one factor of a product dropped (also a denominator: a/b -> a).
``boundary``
    a Piecewise (or other) inequality moved: ``x + nu < 1`` -> ``< 99/100`` and ``< 9/10``
    (a symbolic boundary b -> 99 b/100 and 9 b/10).
``symbol``
    one symbol replaced by another of the same SI dimension and kind (ε∞ -> ε_s, T -> Θ_D)
    throughout a step's result or the textbook form.
``asymptotic-scale``
    the result of an asymptotic step scaled, rhs -> rhs (1 + 1/1000).
``double-term``
    one term of an asymptotic step's result doubled (among them its leading term).
``order``
    the order an asymptotic step claims made stronger, ``O(g) -> O(g (x - x0))`` (``O(g/x)`` as
    x -> oo); equivalent (by proof) where the remainder is that small after all.
``typed-in``
    the statement typed in: statement and textbook replaced by a wrong right-hand side
    (a ``constant`` mutant of the statement), the chain closed by a trivial last step
    ``Step(wrong, wrong)``.
``typed-in-model``
    the same wrong result declared as a model object and "derived" from it by a step
    ``1*M = wrong`` with recorded provenance.

The sides mutated: the right-hand side of each step (the result, what a wrong
derivation gets wrong), the parameters of the operation on its left-hand side
(:func:`operation_parameters`: integration bounds, values substituted, the point of
a limit, the order of a derivative; the integrand itself is an earlier result; the
step's recorded operation is changed with it, so the mutant is a wrong operation
that the chain check accepts and the step's equality must reject), each model
object (the left sides of the steps built from it re-built by their operations),
the statement's and the textbook's right-hand sides. A mutant of the step whose result
is the statement changes the statement with it, so that it is not caught by the
structural chain check alone. Identical trees (after SymPy's automatic
canonicalisation) are not mutants, and each side keeps at most :data:`LIMITS`
mutants per operator, spread evenly over its tree.

Judging a mutant: a mutant of step k by ``d_mut.check(steps=[k])`` (that step
plus the derivation-wide checks: chain, textbook, dimensions, ...), a model object's
by the steps built from it, a statement or
textbook mutant by ``check(steps=[])``, a typed-in one by the appended step. It is
*killed* if a check fails that passes on the original derivation (the baseline,
checked the same way). It is *equivalent* if its expression is provably equal to
the original: ``simplify(after - before) == 0`` by :func:`derive.checker.check_equal`'s
symbolic proof, or for a side of an asymptotic step ``lhs = rhs + O(g)`` a finite
limit of ``(after - before)/g`` (:func:`derive.checker.check_asymptotic`). The proof
is attempted only where nothing shows the mutant differs: the check itself finding
the sides different at a point (where the original's are equal), or one of
:data:`WITNESS_POINTS` random points (30 digits). Else it is a *survivor*. The score
is killed / (killed + survivors).

The tree operators themselves are in :mod:`derive.app.rewrites`.

Examples
--------
>>> m = mutants("deformation_potential_coupling")[0]
>>> m.where, m.operator, m.detail
('step 1 rhs', 'constant', '1/2 -> 1/3')
"""

from __future__ import annotations

import random
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

import mpmath
import sympy as sp

from derive import registry
from derive.checker import check_asymptotic, check_equal, numeric_value, rng, sample_point, time_limit
from derive.derivation import CheckReport, Derivation, Model, Ref, Step

from .rewrites import TREE_OPERATORS, Rewrite, operation_parameters, replace_at, rewrites
from .verdict import Workers, validated

__all__ = [
    "LIMITS",
    "OPERATORS",
    "DerivationScore",
    "Mutant",
    "MutantResult",
    "MutationReport",
    "Rewrite",
    "iter_mutation_scores",
    "mutants",
    "operation_parameters",
    "rewrites",
    "run_mutant",
    "run_mutants",
]

#: The mutation operators, in the order their mutants are generated.
OPERATORS = ("constant", "sign", "swap", "drop-factor", "boundary", "symbol", "asymptotic-scale",
             "double-term", "order", "typed-in", "typed-in-model")
#: Relative scale of ``asymptotic-scale``.
ASYMPTOTIC_EPSILON = sp.Rational(1, 1000)
#: Mutants per side and operator, by kind of side (see :func:`mutants`): enough to cover every operator
#: on every side of every step and model object, few enough that the catalogue runs in ~15 min on 2 cores
#: (2443 of the 6670 mutants the operators make took 851 s). A statement mutant only tests the structural
#: chain check, a typed-in one the same hole each time.
LIMITS: Mapping[str, int | None] = {"rhs": 3, "lhs": 1, "model": 1, "statement": 1, "textbook": 2,
                                    "typed-in": 1, "typed-in-model": 1}
#: Random points at which a mutant and its original are compared before any proof of equivalence.
WITNESS_POINTS = 3
#: Time allowed for the witness of one mutant, in seconds.
WITNESS_SECONDS = 5.0
#: Mutants per work unit of the process pool (one step's mutants are split into units of this size).
UNIT_SIZE = 6

# ------------------------------------------------------------------ mutants of a derivation
@dataclass(frozen=True)
class Mutant:
    """One wrong version of a derivation: one side of one step, one model object, the statement or the
    textbook form changed, or a wrong result typed in.

    Attributes
    ----------
    derivation : str
        Registry name.
    index : int
        Position in ``mutants(derivation)`` (stable for a given derivation).
    target : str
        ``"step"``, ``"model"``, ``"statement"``, ``"textbook"``, ``"typed-in"`` or ``"typed-in-model"``.
    step : int or None
        The step number (from 1) mutated, for ``model`` the number (from 1) of the model object, for the
        typed-in mutants the step appended; None otherwise.
    side : str
        ``"lhs"`` or ``"rhs"`` (the statement, textbook and typed-in mutants change a rhs; a model
        mutant its expression, side ``"model"``).
    operator : str
        One of :data:`OPERATORS`.
    before, after : sympy.Basic
        The whole side before and after.
    detail : str
        The change itself, ``node before -> node after``.
    note : str
        Why the change matters only on a set of measure zero, if it does (the value of a
        ``Heaviside`` at its jump, a ``Piecewise`` branch on an equality); else "".
    path, node : tuple of int, sympy.Basic
        Where in the tree of ``before`` the change is (for the tree operators) and, for a mutant of a
        step's lhs, the new node: the step's recorded operation is changed with it (its output gets the
        same node at the same place), so the mutant is a wrong operation, not a left side the operation
        does not build.
    """

    derivation: str
    index: int
    target: str
    step: int | None
    side: str
    operator: str
    before: sp.Basic
    after: sp.Basic
    detail: str
    note: str = ""
    path: tuple[int, ...] = ()
    node: sp.Basic | None = None

    @property
    def where(self) -> str:
        """Where the change is, e.g. ``step 3 rhs``, ``model object 2``, ``textbook``."""
        if self.target == "step":
            return f"step {self.step} {self.side}"
        if self.target == "model":
            return f"model object {self.step}"
        if self.target.startswith("typed-in"):
            return f"{self.target} step {self.step}"
        return self.target

    @property
    def group(self) -> int:
        """What this mutant is judged by: step k (k > 0), the steps taking model object k (-k), or only
        the derivation-wide checks (0)."""
        if self.target == "model" and self.step is not None:
            return -self.step
        return self.step if self.target in ("step", "typed-in", "typed-in-model") and self.step else 0

    def checked_steps(self, d: Derivation) -> list[int]:
        """The steps ``Derivation.check(steps=...)`` verifies for this mutant of ``d``."""
        if self.target.startswith("typed-in"):
            return [self.group]
        return _baseline_steps(d, self.group)

    def baseline_steps(self, d: Derivation) -> list[int]:
        """The steps of the original ``d`` checked for comparison (a typed-in step is not in ``d``)."""
        return _baseline_steps(d, self.group)

    def apply(self, d: Derivation) -> Derivation:
        """The mutated derivation (``d`` itself is not changed)."""
        if self.target == "statement":
            return replace(d, statement=_eq(d.statement.lhs, self.after))
        if self.target == "textbook":
            return replace(d, textbook=_eq(d.textbook.lhs, self.after))
        if self.target.startswith("typed-in"):
            return _typed_in(d, self.after, via_model=self.target == "typed-in-model")
        assert self.step is not None
        if self.target == "model":
            return _with_model_object(d, self.step, self.after)
        old = d.steps[self.step - 1]
        if self.side == "order":
            assert old.order is not None
            steps = list(d.steps)
            steps[self.step - 1] = replace(old, order=(self.after, *old.order[1:]))
            return replace(d, steps=steps)
        new = replace(old, **{self.side: self.after})
        if self.side == "lhs" and old.operation is not None and self.node is not None:
            new = replace(new, operation=partial(_changed_operation, old.operation, self.path, self.node))
        steps = list(d.steps)
        steps[self.step - 1] = new
        statement = d.statement
        if self.side == "rhs" and old.order is None and old.rhs == d.statement.rhs:
            statement = _eq(d.statement.lhs, self.after)  # the wrong result propagates to the statement
        return replace(d, steps=steps, statement=statement)


def _symbol_swaps(d: Derivation, expr: sp.Basic, done: set[sp.Basic]
                  ) -> list[tuple[str, sp.Basic, str, str, tuple[int, ...], sp.Basic | None]]:
    """``symbol`` mutants of ``expr``: each free symbol replaced throughout by another declared symbol of
    the same SI dimension and the same assumptions (so the mutant is well-formed and dimensionally right)."""
    dims = d.dimensions
    out = []
    for s in sorted(sp.sympify(expr).free_symbols, key=str):
        if s not in dims:
            continue
        for t in sorted(dims, key=str):
            if t == s or dims[t] != dims[s] or t.assumptions0 != s.assumptions0:
                continue
            after = sp.sympify(expr).xreplace({s: t})
            if after != expr and after not in done:
                done.add(after)
                out.append(("symbol", after, f"{s} -> {t}", "", (), None))
    return out


def _changed_operation(operation: Callable[..., sp.Basic], path: tuple[int, ...], node: sp.Basic,
                       *values: sp.Basic) -> sp.Basic:
    """``operation``'s output with ``node`` at ``path``: the operation of a mutated left side."""
    return replace_at(operation(*values), path, node)


def _typed_in(d: Derivation, wrong: sp.Basic, via_model: bool) -> Derivation:
    """``d`` with statement and textbook ``wrong``, closed by an appended step: ``wrong = wrong``, or
    (``via_model``) ``1*M = wrong`` from a model object M declared as ``wrong``."""
    model = list(d.model)
    if via_model:
        ref = Ref("typed-in result")
        model.append(Model(ref, wrong, "the result, declared as a model object"))
        step = Step(sp.Mul(1, wrong, evaluate=False), wrong, "the result, from the model", inputs=(ref,),
                    operation=lambda w: sp.Mul(1, w, evaluate=False))
    else:
        step = Step(wrong, wrong, "the result, typed in")
    return replace(d, model=model, steps=[*d.steps, step], statement=_eq(d.statement.lhs, wrong),
                   textbook=_eq(d.textbook.lhs, wrong))


def _with_model_object(d: Derivation, k: int, expr: sp.Basic) -> Derivation:
    """``d`` with model object ``k`` (from 1) changed to ``expr``, and the left sides (or equations) of
    the steps that take it re-built from it by their operations (their results are left as they were)."""
    model = list(d.model)
    model[k - 1] = replace(model[k - 1], expr=expr)
    values: dict[Ref, sp.Basic] = {m.ref: m.expr for m in model}
    steps = []
    for step in d.steps:
        if model[k - 1].ref in step.inputs and step.operation is not None:
            try:
                built = step.operation(*(values[r] for r in step.inputs))
            except Exception:  # the operation cannot take the changed object: the chain check says so
                built = None
            if built is not None:
                step = replace(step, **{"solves" if step.solves is not None else "lhs": built})
        steps.append(step)
        if step.gives is not None:
            values[step.gives] = step.rhs
    return replace(d, model=model, steps=steps)


def _baseline_steps(d: Derivation, group: int) -> list[int]:
    if group < 0:
        ref = d.model[-group - 1].ref
        return [i for i, s in enumerate(d.steps, 1) if ref in s.inputs]
    return [group] if 0 < group <= len(d.steps) else []


def _eq(lhs: sp.Basic, rhs: sp.Basic) -> sp.Equality:
    return sp.Eq(lhs, rhs, evaluate=False)


def mutants(d: Derivation | str, limits: Mapping[str, int | None] | None = None) -> list[Mutant]:
    """The mutants of derivation ``d`` (or of the registered derivation of that name).

    Parameters
    ----------
    d : Derivation or str
        The derivation or its registry name.
    limits : mapping, optional
        At most this many mutants per side and operator, by kind of side: ``"rhs"`` and ``"lhs"``
        (of a step), ``"statement"``, ``"textbook"``, ``"typed-in"`` (default :data:`LIMITS`; ``None``
        for a kind: no limit, ``limits={}``: every mutant). Where there are more, they are chosen
        evenly spaced over the tree (first and last node included), so the whole side is covered.

    Returns
    -------
    list of Mutant
        Order: the steps (rhs, then lhs), the statement, the textbook, the typed-in statements; within
        a side, operator by operator (:func:`rewrites`, then ``symbol``
    one symbol replaced by another of the same SI dimension and kind (ε∞ -> ε_s, T -> Θ_D)
    throughout a step's result or the textbook form.
``asymptotic-scale`` and ``double-term``
        for an asymptotic step's rhs). Deterministic: ``mutants(d)[i].index == i`` on every call.
    """
    if isinstance(d, str):
        d = registry.get(d)
    limits = LIMITS if limits is None else limits
    found: list[tuple[str, int | None, str, str, sp.Basic, sp.Basic, str, str, tuple[int, ...],
                      sp.Basic | None]] = []

    def add(target: str, step: int | None, side: str, before: sp.Basic,
            candidates: Sequence[tuple[str, sp.Basic, str, str, tuple[int, ...], sp.Basic | None]]) -> None:
        limit = limits.get(side if target in ("step", "model") else target)
        for operator in dict.fromkeys(c[0] for c in candidates):
            of_operator = [c for c in candidates if c[0] == operator]
            for _, after, detail, note, path, node in _spread(of_operator, limit):
                found.append((target, step, side, operator, before, after, detail, note, path, node))

    def tree(before: sp.Basic, within: Sequence[tuple[int, ...]] | None = None, operators: Sequence[str]
             = TREE_OPERATORS) -> list[tuple[str, sp.Basic, str, str, tuple[int, ...], sp.Basic | None]]:
        return [(r.operator, r.expr, r.detail, r.note, r.path, r.node_after)
                for r in rewrites(before, operators=operators, within=within)]

    for k, step in enumerate(d.steps, 1):
        sides = ("rhs",) if step.solves is not None else ("rhs", "lhs")  # a solution's lhs is the unknown
        for side in sides:
            before = getattr(step, side)
            candidates = tree(before, operation_parameters(before) if side == "lhs" else None)
            if side == "rhs":
                candidates += _symbol_swaps(d, before, {c[1] for c in candidates})
            if side == "rhs" and step.order is not None:
                done = {before, *(c[1] for c in candidates)}
                extra = [("asymptotic-scale", before * (1 + ASYMPTOTIC_EPSILON), f"rhs -> rhs*(1 + "
                          f"{ASYMPTOTIC_EPSILON})")]
                extra += [("double-term", before + t, f"{sp.sstr(t)} -> 2*({sp.sstr(t)})")
                          for t in sp.Add.make_args(before)]
                for operator, after, detail in extra:
                    if after not in done:
                        done.add(after)
                        candidates.append((operator, after, detail, "", (), None))
            add("step", k, side, before, candidates)
        if step.order is not None:
            g, v, v0 = step.order
            stronger = g / v if v0 in (sp.oo, -sp.oo) else g * (v - v0)
            add("step", k, "order", g, [("order", stronger, f"O({sp.sstr(g)}) -> O({sp.sstr(stronger)})",
                                         "", (), None)])
    for k, m in enumerate(d.model, 1):
        if isinstance(m.expr, sp.Basic) and not isinstance(m.expr, sp.MatrixBase):
            add("model", k, "model", m.expr, tree(m.expr))
    statement = d.statement.rhs
    statement_rewrites = tree(statement, operators=("constant",))  # the chain check's job only
    add("statement", None, "rhs", statement, statement_rewrites)
    textbook = tree(d.textbook.rhs)
    add("textbook", None, "rhs", d.textbook.rhs,
        textbook + _symbol_swaps(d, d.textbook.rhs, {c[1] for c in textbook}))
    for kind in ("typed-in", "typed-in-model"):
        typed = [(kind, after, f"statement and textbook typed in with {detail}", note, (), None)
                 for _, after, detail, note, _, _ in statement_rewrites]
        add(kind, len(d.steps) + 1, "rhs", statement, typed)
    return [Mutant(d.name, i, target, step, side, operator, before, after, detail, note,
                   path, node if side == "lhs" else None)
            for i, (target, step, side, operator, before, after, detail, note, path, node)
            in enumerate(found)]


def _spread(items: Sequence[Any], limit: int | None) -> list[Any]:
    """At most ``limit`` of ``items``, evenly spaced (first and last included), in their order."""
    n = len(items)
    if limit is None or n <= limit:
        return list(items)
    if limit <= 1:
        return list(items[:limit])
    return [items[round(i * (n - 1) / (limit - 1))] for i in range(limit)]


# ------------------------------------------------------------------ judging a mutant
@dataclass
class MutantResult:
    """The outcome of one mutant (plain strings: it travels between processes and into JSON).

    ``status`` is ``"killed"``, ``"survived"``, ``"equivalent"``, ``"unscored"`` (the check fails
    only where the original fails too) or ``"error"`` (the mutant could not be built or checked).
    """

    derivation: str
    index: int
    where: str
    operator: str
    detail: str
    before: str
    after: str
    status: str
    killed_by: list[str] = field(default_factory=list)
    reason: str = ""
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"derivation": self.derivation, "index": self.index, "where": self.where,
                "operator": self.operator, "detail": self.detail, "before": self.before,
                "after": self.after, "status": self.status, "killed_by": self.killed_by,
                "reason": self.reason, "seconds": round(self.seconds, 3)}


def _ranges(d: Derivation, m: Mutant) -> dict[sp.Symbol, tuple[float, float]]:
    ranges = dict(d.sample)
    if m.target == "step" and m.step is not None:
        ranges.update(d.steps[m.step - 1].sample)
    return ranges


def _compared(d: Derivation, m: Mutant) -> list[tuple[sp.Basic, sp.Basic]]:
    """The expressions whose equality decides whether ``m`` is equivalent, as (before, after) pairs:
    the mutated side, or for a model object the left sides (equations: lhs - rhs) of the steps built
    from it, before and after."""
    if m.target != "model":
        return [(m.before, m.after)]
    mutated = m.apply(d)
    pairs = []
    for k in m.checked_steps(d):
        old, new = d.steps[k - 1], mutated.steps[k - 1]
        if old.solves is not None:
            pairs.append((old.solves.lhs - old.solves.rhs, new.solves.lhs - new.solves.rhs))
        else:
            pairs.append((old.lhs, new.lhs))
    return pairs


def _witness(d: Derivation, m: Mutant) -> str:
    """A point where the mutant and the original differ (30 digits), or "" if none was found.

    At most :data:`WITNESS_POINTS` points and :data:`WITNESS_SECONDS` seconds (quadratures can be slow).
    """
    ranges = _ranges(d, m)
    for before, after in _compared(d, m):
        free = before.free_symbols | after.free_symbols
        generator = rng(f"{d.name}:mutant {m.index}")
        for _ in range(WITNESS_POINTS if free else 1):
            try:
                point = sample_point(free, ranges, generator)
                with time_limit(WITNESS_SECONDS):
                    a, b = numeric_value(after, point), numeric_value(before, point)
            except TimeoutError:
                return ""
            except Exception:  # not evaluable here (a pole, a branch the original avoids): no witness
                continue
            # relative to the values, and not below 1e-24: a side that is 0 evaluates to a cancellation
            # residue of ~1e-30 (30 digits of its terms), which is no difference
            if abs(a - b) > mpmath.mpf(10) ** -12 * max(abs(a), abs(b), mpmath.mpf(10) ** -12):
                where = ", ".join(f"{s}={float(v):.4g}" for s, v in point.items())
                return f"differs at {where}" if where else "differs"
    return ""


def _null_set_proof(m: Mutant) -> str:
    """Why a change of a ``Heaviside``'s value at its jump does not change the mutated side ("" if
    that is not proved).

    Either the ``Heaviside`` sits under an integral over a variable v on which its argument a depends
    (da/dv is not identically 0), so it changes the integrand on a set of measure zero; or, pointwise,
    ``after - before`` vanishes on the jump set a = 0 (a solved for one of its symbols and put in).
    """
    if not m.note or not m.path:
        return ""
    node, integrals = m.before, []
    for i in m.path:
        if isinstance(node, sp.Heaviside):
            break
        if isinstance(node, sp.Integral):
            integrals += [limit[0] for limit in node.limits]
        node = node.args[i]
    if not isinstance(node, sp.Heaviside):
        return ""
    arg = node.args[0]
    for v in integrals:
        if v in arg.free_symbols and sp.simplify(sp.diff(arg, v)) != 0:
            return (f"{sp.sstr(node)} changes only where {sp.sstr(arg)} = 0, a set of measure zero of the "
                    f"integration over {v}: the integral is unchanged")
    difference = m.after - m.before
    for s in sorted(arg.free_symbols, key=str):
        try:
            roots = sp.solve(arg, s)
        except (NotImplementedError, ValueError):
            continue
        if roots and all(sp.simplify(difference.subs(s, r)) == 0 for r in roots):
            return (f"{sp.sstr(node)} changes only where {sp.sstr(arg)} = 0, i.e. {s} = "
                    f"{', '.join(map(sp.sstr, roots))}, and there after - before = 0")
    return ""


def _proof(d: Derivation, m: Mutant, asymptotic: tuple[Any, Any, Any] | None) -> tuple[bool, str]:
    """Whether the mutant is provably equal to the original (for an asymptotic step: up to O(g); for a
    model object: every step built from it has the same left side)."""
    ranges = _ranges(d, m)
    if m.side == "order" and asymptotic is not None:
        step = d.steps[m.step - 1] if m.step else None
        assert step is not None
        stronger = (m.after, *asymptotic[1:])
        result = check_asymptotic(step.lhs, step.rhs, stronger, ranges, seed=f"{d.name}:equivalent")
        if result.passed and result.method.startswith("symbolic"):
            return True, f"the remainder is O({m.after}) too ({result.detail})"
        return False, ""
    if asymptotic is not None:
        result = check_asymptotic(m.after, m.before, asymptotic, ranges, seed=f"{d.name}:equivalent")
        g, x, x0 = asymptotic
        if result.passed and result.method.startswith("symbolic"):
            return True, f"differs from the original by O({g}) as {x} -> {x0} ({result.detail})"
        return False, ""
    null = _null_set_proof(m)
    if null:
        return True, null
    notes = []
    for before, after in _compared(d, m):
        result = check_equal(after, before, ranges, seed=f"{d.name}:equivalent")
        if not result.passed:
            return False, ""
        if result.method != "symbolic":
            notes.append(f"equal to the original at random points, not proved: {result.method}")
    if notes:
        return False, notes[0]
    if m.target == "model":
        return True, "simplify(after - before) = 0 for the left side of every step built from it"
    return True, "simplify(after - before) = 0"


def _failing(report: CheckReport) -> set[str]:
    return {r.check for r in report.results if not r.passed}


def run_mutant(d: Derivation, m: Mutant, baseline: CheckReport | None = None) -> MutantResult:
    """Judge one mutant of ``d`` (in this process); never raises.

    ``baseline`` is ``d.check(steps=m.baseline_steps(d))`` (computed if not given): a mutant is
    killed only by a check that passes on the original. Whether the mutant is equivalent is asked
    only where the check does not answer it: a step or textbook check that finds the two sides
    different at a point (the original's sides being equal there) shows the mutant is not
    equivalent; a mutant killed otherwise (chain, dimensions, an evaluation that failed) or not
    killed gets a numeric witness or a proof (:data:`WITNESS_POINTS` points, then
    :func:`derive.checker.check_equal`; for an asymptotic step ``check_asymptotic``).
    """
    start = time.perf_counter()
    result = MutantResult(d.name, m.index, m.where, m.operator, m.detail, sp.sstr(m.before),
                          sp.sstr(m.after), "error")
    try:
        if baseline is None:
            baseline = d.check(steps=m.baseline_steps(d))
        order = d.steps[m.step - 1].order if m.target == "step" and m.step is not None else None
        report = m.apply(d).check(steps=m.checked_steps(d))
        failing = _failing(report)
        new = sorted(failing - _failing(baseline))
        if not new and failing:
            result.status = "unscored"
            result.reason = f"the original fails too: {sorted(failing)}"
            return result
        killers = [r for r in report.results if r.check in new]
        result.killed_by = new
        if any(r.method.startswith("numeric") for r in killers):
            result.status = "killed"  # the sides differ at a point where the original's are equal
        elif new and not _needs_witness(killers):
            result.status = "killed"  # the check could not be performed: it fails, as it must
        elif "chain" in new and m.target == "model" and (d.model[-m.group - 1].derivation
                                                         or d.model[-m.group - 1].formula):
            result.status = "killed"  # a result of another derivation or a stated formula changed
        else:
            witness = "" if order is not None else _witness(d, m)
            if witness:
                result.status = "killed" if new else "survived"
                result.reason = f"not equivalent: {witness}"
            else:
                proved, note = _proof(d, m, order)
                if proved:
                    result.status, result.killed_by = "equivalent", []
                    result.reason = note
                    return result
                result.status = "killed" if new else "survived"
                result.reason = note
        if new:
            detail = "; ".join(f"{r.check}: {r.method} {r.detail}".strip()[:300] for r in killers)
            result.reason = f"{detail}; {result.reason}" if result.reason else detail
        elif m.note:  # a survivor that random points cannot catch: say why
            result.reason = f"{m.note}; {result.reason}" if result.reason else m.note
    except Exception as exc:
        result.status = "error"
        result.reason = f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=3)}"
    finally:
        result.seconds = time.perf_counter() - start
    return result


def _needs_witness(killers: Sequence[Any]) -> bool:
    """Whether a kill (or no kill) leaves open that the mutant is equivalent: only structural or
    dimension checks failed."""
    return all(r.method in ("structural", "SI dimension analysis") or r.check.startswith("dimensions")
               for r in killers)


# ------------------------------------------------------------------ scores
@dataclass
class DerivationScore:
    """The mutants of one derivation and how they fared."""

    name: str
    results: list[MutantResult]
    total: int
    seconds: float

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)

    @property
    def killed(self) -> int:
        return self.count("killed")

    @property
    def survived(self) -> int:
        return self.count("survived")

    @property
    def equivalent(self) -> int:
        return self.count("equivalent")

    @property
    def score(self) -> float | None:
        """killed / non-equivalent scored mutants (None if there is none)."""
        scored = self.killed + self.survived
        return self.killed / scored if scored else None

    def survivors(self) -> list[MutantResult]:
        return [r for r in self.results if r.status == "survived"]

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "mutants": self.total, "run": len(self.results), "killed": self.killed,
                "survived": self.survived, "equivalent": self.equivalent,
                "unscored": self.count("unscored"), "errors": self.count("error"),
                "score": None if self.score is None else round(self.score, 4),
                "seconds": round(self.seconds, 3), "results": [r.as_dict() for r in self.results]}


@dataclass
class MutationReport:
    """The mutation scores of several derivations and the wall-clock time of the run."""

    scores: list[DerivationScore]
    seconds: float
    workers: int

    @property
    def killed(self) -> int:
        return sum(s.killed for s in self.scores)

    @property
    def survived(self) -> int:
        return sum(s.survived for s in self.scores)

    @property
    def score(self) -> float | None:
        scored = self.killed + self.survived
        return self.killed / scored if scored else None

    def survivors(self) -> list[MutantResult]:
        return [r for s in self.scores for r in s.survivors()]

    def get(self, name: str) -> DerivationScore:
        for s in self.scores:
            if s.name == name:
                return s
        raise KeyError(name)

    def as_dict(self) -> dict[str, Any]:
        return {"seconds": round(self.seconds, 3), "workers": self.workers, "killed": self.killed,
                "survived": self.survived,
                "score": None if self.score is None else round(self.score, 4),
                "derivations": [s.as_dict() for s in self.scores]}


# ------------------------------------------------------------------ running in parallel
#: A work unit: derivation, group (the step its mutants are judged by, 0: none), mutant indices.
Unit = tuple[str, int, tuple[int, ...]]
#: Per worker process: built derivations and their mutants (a unit needs both; building is ~0.1-2 s).
_CACHE: dict[str, tuple[Derivation, list[Mutant]]] = {}
#: Per worker process: the original's check for each (derivation, group), shared by the units of a group.
_BASELINES: dict[tuple[str, int], CheckReport] = {}


def _mutants_of(name: str) -> tuple[Derivation, list[Mutant]]:
    if name not in _CACHE:
        d = registry.get(name)
        _CACHE[name] = (d, mutants(d))
    return _CACHE[name]


def _plan(name: str) -> tuple[str, list[int], str]:
    """The groups (step judged by, 0 for derivation-wide) of the mutants of ``name`` (in the worker),
    and the error that prevented building them ("" if none)."""
    try:
        _, ms = _mutants_of(name)
    except Exception as exc:
        return name, [], f"{type(exc).__name__}: {exc}"
    return name, [m.group for m in ms], ""


def _run_unit(unit: Unit) -> tuple[str, list[MutantResult], float]:
    """Judge mutants ``indices`` of derivation ``name``, all judged by step ``group`` (in the worker)."""
    name, group, indices = unit
    start = time.perf_counter()
    try:
        d, ms = _mutants_of(name)
        if (name, group) not in _BASELINES:
            _BASELINES[name, group] = d.check(steps=_baseline_steps(d, group))
        baseline = _BASELINES[name, group]
        results = [run_mutant(d, ms[i], baseline) for i in indices]
    except Exception as exc:
        results = [_unit_failed(name, i, f"{type(exc).__name__}: {exc}") for i in indices]
    return name, results, time.perf_counter() - start


def _unit_failed(name: str, index: int, reason: str) -> MutantResult:
    return MutantResult(name, index, "?", "?", "", "", "", "error", reason=reason)


def _select(groups: Sequence[int], sample: int | None, seed: int, name: str) -> list[int]:
    """The mutant indices to run: all, or ``sample`` of them chosen at random (seeded per derivation)."""
    indices = list(range(len(groups)))
    if sample is None or sample >= len(indices):
        return indices
    return sorted(random.Random(f"{seed}:{name}").sample(indices, sample))


def _units(name: str, groups: Sequence[int], indices: Iterable[int]) -> list[Unit]:
    by_group: dict[int, list[int]] = {}
    for i in indices:
        by_group.setdefault(groups[i], []).append(i)
    return [(name, g, tuple(members[j:j + UNIT_SIZE]))
            for g, members in sorted(by_group.items()) for j in range(0, len(members), UNIT_SIZE)]


def _validate(names: Sequence[str] | None, jobs: int | None, sample: int | None) -> tuple[list[str], int]:
    selected, jobs = validated(names, jobs)
    if sample is not None and (isinstance(sample, bool) or not isinstance(sample, int) or sample < 1):
        raise ValueError(f"sample = {sample!r} is outside the valid range: a positive integer or None")
    return list(dict.fromkeys(selected)), jobs


def iter_mutation_scores(names: Sequence[str] | None = None, jobs: int | None = None,
                         sample: int | None = None, seed: int = 0) -> Iterator[DerivationScore]:
    """The mutation score of each of ``names`` (default: the catalogue), as soon as it is complete.

    Parameters
    ----------
    names : sequence of str, optional
        Registered derivation names (validated at the call).
    jobs : int, optional
        Worker processes (default: all cores); ``1`` runs in this process.
    sample : int, optional
        Run only this many mutants per derivation, chosen at random (reproducibly from ``seed``).
    seed : int
        Seed of the sample.

    Raises
    ------
    derive.UnknownDerivationError, ValueError
        For an unknown name, or a bad ``jobs`` or ``sample``, at the call.
    """
    selected, jobs = _validate(names, jobs, sample)
    return _score_stream(selected, jobs, sample, seed)


def _score_stream(selected: list[str], jobs: int, sample: int | None, seed: int
                  ) -> Iterator[DerivationScore]:
    with Workers(min(jobs, len(selected)) if jobs > 1 else 1, preload=("derive.app.mutants",)) as pool:
        plans = {name: (groups, error) for name, groups, error in pool.stream(_plan, selected, _plan_crashed)}
        units = []
        totals = {}
        for name in selected:
            groups, error = plans[name]
            if error:  # the derivation or its mutants could not be built: an error, never a pass
                yield DerivationScore(name, [_unit_failed(name, -1, error)], 0, 0.0)
                continue
            totals[name] = len(groups)
            # in catalogue order, so that derivations complete (and print) one after the other; the
            # units are small, so the pool's tail, where one process waits for the other, is short
            units += _units(name, groups, _select(groups, sample, seed, name))
        remaining = {name: sum(u[0] == name for u in units) for name in selected}
        collected: dict[str, list[MutantResult]] = {name: [] for name in selected}
        seconds = dict.fromkeys(selected, 0.0)
        for name in [n for n in selected if remaining[n] == 0 and not plans[n][1]]:
            yield DerivationScore(name, [], totals[name], 0.0)
        for name, results, spent in pool.stream(_run_unit, units, _unit_crashed):
            collected[name] += results
            seconds[name] += spent
            remaining[name] -= 1
            if remaining[name] == 0:
                yield DerivationScore(name, sorted(collected[name], key=lambda r: r.index), totals[name],
                                      seconds[name])


def _plan_crashed(name: str, exc: BaseException) -> tuple[str, list[int], str]:
    return name, [], f"worker died: {type(exc).__name__}: {exc}"


def _unit_crashed(unit: Unit, exc: BaseException) -> tuple[str, list[MutantResult], float]:
    name, _, indices = unit
    return name, [_unit_failed(name, i, f"worker died: {type(exc).__name__}: {exc}") for i in indices], 0.0


def run_mutants(names: Sequence[str] | str | None = None, jobs: int | None = None, sample: int | None = None,
                seed: int = 0, on_score: Callable[[DerivationScore], None] | None = None) -> MutationReport:
    """Generate and judge the mutants of ``names`` (one name, several, or the whole catalogue).

    Parameters
    ----------
    names : str or sequence of str, optional
        Derivation name(s); default the catalogue.
    jobs, sample, seed
        As in :func:`iter_mutation_scores`.
    on_score : callable, optional
        Called with each derivation's score as soon as it is complete.

    Returns
    -------
    MutationReport
        The scores in the order of ``names``, and the wall-clock time.

    Examples
    --------
    >>> report = run_mutants("debye_T3_law", jobs=1, sample=2, seed=1)   # doctest: +SKIP
    >>> report.get("debye_T3_law").survivors()                           # doctest: +SKIP
    []
    """
    if isinstance(names, str):
        names = [names]
    start = time.perf_counter()
    selected, jobs = _validate(names, jobs, sample)
    scores = []
    for score in _score_stream(selected, jobs, sample, seed):
        scores.append(score)
        if on_score is not None:
            on_score(score)
    order = {name: i for i, name in enumerate(selected)}
    scores.sort(key=lambda s: order[s.name])
    return MutationReport(scores, time.perf_counter() - start, min(jobs, len(selected)))


def summary_counts(scores: Iterable[DerivationScore]) -> Mapping[str, int]:
    """Total mutants per status over ``scores``."""
    counts: dict[str, int] = {}
    for s in scores:
        for r in s.results:
            counts[r.status] = counts.get(r.status, 0) + 1
    return counts
