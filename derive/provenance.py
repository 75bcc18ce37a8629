"""Provenance: every step of a derivation is built from the model or from earlier results.

A derivation declares its **model objects** (:class:`Model`: the Hamiltonian, the
dispersion, a definition, an equation of motion), each with a name. Each step then
records where its left side comes from: the names of its inputs (:class:`Ref`, a
model object or the result of an earlier step) and the ``operation`` that builds the
left side from their values (integrate, substitute, take the limit, ...). The chain
check (:func:`provenance_failures`) re-does every operation on the values the
derivation holds *now* and requires

* every step to have inputs and an operation: a left side that uses no model
  object and no earlier result brings in an expression the chain never produced
  (a typed-in result) and fails;
* every input to be declared (a model object, or the result of an earlier step)
  and to be used: the operation's output changes when the input is replaced by a
  fresh symbol;
* the operation, applied to the inputs' current values, to give the step's left
  side exactly (for a step that solves an equation: the equation it solves), so a
  changed model object or a changed earlier result shows up in every step built
  from it;
* every model object to be used by some step, and the statement to be none of
  them.

By induction every result is then joined to the model by checked steps: a typed-in
result cannot pass, because the step that would produce it has to be built from
what the chain produced.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import sympy as sp

__all__ = ["Model", "Ref", "fingerprint", "lineage", "provenance_failures", "used_inputs"]


@dataclass(frozen=True)
class Ref:
    """The name of a model object or of an earlier step's result, used as a step's input."""

    name: str

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Model:
    """A declared model object: an expression or equation the derivation starts from.

    Parameters
    ----------
    ref : Ref
        Its name, by which steps take it as an input.
    expr : sympy expression or Eq
        The object itself (``H = p²/2m + ...``, ``ω_q = v_s q`` as ``Eq(omega, v_s*q)``).
    text : str
        What it is, in words.
    derivation : str, optional
        For a result taken from another registered derivation: its name. The chain check
        then verifies that ``expr`` is the statement or a step's result of that derivation.
    formula : str, optional
        For a registered stated formula (:class:`derive.registry.StatedFormula`, a fit taken as the
        model): its name. The chain check then verifies that ``expr`` is exactly its right side.
    """

    ref: Ref
    expr: sp.Basic
    text: str
    derivation: str = ""
    formula: str = ""


class _StepLike(Protocol):
    lhs: sp.Basic
    rhs: sp.Basic
    order: Any
    solves: sp.Equality | None
    inputs: tuple[Ref, ...]
    operation: Callable[..., sp.Basic] | None
    gives: Ref | None


def _probe(value: sp.Basic) -> sp.Basic:
    """A fresh stand-in of the same kind as ``value`` (an equation for an equation)."""
    if isinstance(value, sp.Equality):
        return sp.Eq(sp.Dummy("probe_lhs"), sp.Dummy("probe_rhs"), evaluate=False)
    return sp.Dummy("probe")


@functools.lru_cache(maxsize=4096)
def _built(operation: Callable[..., sp.Basic], values: tuple[sp.Basic, ...]) -> sp.Basic:
    """``operation(*values)``, once per process for the same operation and values (a derivation is
    checked again and again by the mutation tests, most of its steps unchanged)."""
    return sp.sympify(operation(*values))


@functools.lru_cache(maxsize=4096)
def _used(operation: Callable[..., sp.Basic], values: tuple[sp.Basic, ...]) -> tuple[bool, ...]:
    return tuple(used_inputs(operation, values, _built(operation, values)))


def used_inputs(operation: Callable[..., sp.Basic], values: Sequence[sp.Basic], built: sp.Basic
                ) -> list[bool]:
    """For each input, whether ``operation`` uses it: replacing its value by a fresh symbol
    changes the output (or makes the operation fail, which it can only do by using it)."""
    used = []
    for i, value in enumerate(values):
        trial = list(values)
        trial[i] = _probe(value)
        try:
            used.append(operation(*trial) != built)
        except Exception:  # the operation needed the real value: it uses it
            used.append(True)
    return used


def _step_failure(label: str, step: _StepLike, known: Mapping[Ref, sp.Basic], where: Mapping[Ref, str]
                  ) -> str:
    """Why ``step`` is not built from ``known`` values by its recorded operation ("" if it is)."""
    side = "equation" if step.solves is not None else "left side"
    if step.operation is None or not step.inputs:
        return (f"{label} brings in an expression the chain never produced: its {side} is built from no "
                "model object and no earlier result")
    missing = [str(r) for r in step.inputs if r not in known]
    if missing:
        return f"{label} takes {', '.join(missing)}, which no model object and no earlier step gives"
    values = tuple(known[r] for r in step.inputs)
    try:
        built = _built(step.operation, values)
    except Exception as exc:  # reported as a failed check
        return f"{label}: its operation fails on its inputs: {type(exc).__name__}: {exc}"
    target = step.solves if step.solves is not None else step.lhs
    if built != sp.sympify(target):
        return (f"{label}: its {side} is not what its operation gives from "
                f"{', '.join(where[r] for r in step.inputs)}")
    used = _used(step.operation, values)
    idle = [str(r) for r, u in zip(step.inputs, used, strict=True) if not u]
    if idle:
        return f"{label} takes {', '.join(idle)} but does not use {'it' if len(idle) == 1 else 'them'}"
    return ""


def provenance_failures(model: Sequence[Model], steps: Sequence[_StepLike], statement: sp.Equality
                        ) -> tuple[list[str], int | None]:
    """What breaks the chain from the model to the statement, and the step whose result is the statement.

    Returns
    -------
    failures : list of str
        Empty when every step is built from declared model objects and earlier results by
        its recorded operation, every model object is used, and the statement is the result
        of a step (and not itself a model object).
    result : int or None
        The number (from 1) of the step whose result is the statement.
    """
    failures: list[str] = []
    known: dict[Ref, sp.Basic] = {}
    where: dict[Ref, str] = {}
    for m in model:
        if m.ref in known:
            failures.append(f"model object {m.ref} is declared twice")
        known[m.ref] = sp.sympify(m.expr)
        where[m.ref] = f"model object {m.ref}"
        if m.derivation and not _result_of(m.derivation, known[m.ref]):
            failures.append(f"model object {m.ref} is not a result of derivation {m.derivation}")
        if m.formula and not _is_formula(m.formula, known[m.ref]):
            failures.append(f"model object {m.ref} is not the stated formula {m.formula} (its right side)")
    unused = [m.ref for m in model if not any(m.ref in s.inputs for s in steps)]
    result = None
    for i, step in enumerate(steps, 1):
        if sp.sympify(step.lhs) == sp.sympify(step.rhs):
            failures.append(f"step {i} states nothing: both sides are the same expression "
                            "(a typed-in result)")
        failure = _step_failure(f"step {i}", step, known, where)
        if failure:
            failures.append(failure)
        if step.gives is not None:
            if step.gives in known:
                failures.append(f"step {i} gives {step.gives}, a name already taken by {where[step.gives]}")
            known[step.gives] = sp.sympify(step.rhs)
            where[step.gives] = f"{step.gives} (step {i})"
        if result is None and step.order is None and step.rhs == statement.rhs:
            result = i
    if unused:
        failures.append(f"model object{'s' * (len(unused) > 1)} {', '.join(map(str, unused))} declared but "
                        "used by no step")
    if any(sp.sympify(m.expr) == statement.rhs for m in model):
        failures.append("the statement is a model object itself (typed in), not a derived result")
    if result is None:
        failures.append("the statement is not the result of any step")
    return failures, result


def _result_of(name: str, expr: sp.Basic) -> bool:
    """Whether ``expr`` is the statement or a step's result of the registered derivation ``name``."""
    from .registry import get  # the registry imports the derivations, which import this module

    d = get(name)
    return expr in {sp.sympify(d.statement.rhs), *(sp.sympify(s.rhs) for s in d.steps)}


def _is_formula(name: str, expr: sp.Basic) -> bool:
    """Whether ``expr`` is exactly the right side of the registered stated formula ``name``."""
    from .registry import get_formula  # the registry imports the derivations, which import this module

    return expr == sp.sympify(get_formula(name).expression.rhs)


def lineage(steps: Sequence[_StepLike], result: int) -> set[int]:
    """The numbers of the steps the result of step ``result`` is built from (itself included)."""
    gives = {s.gives: i for i, s in enumerate(steps, 1) if s.gives is not None}
    todo, seen = [result], set()
    while todo:
        k = todo.pop()
        if k in seen:
            continue
        seen.add(k)
        todo += [gives[r] for r in steps[k - 1].inputs if r in gives]
    return seen


def fingerprint(statement: sp.Equality, steps: Sequence[_StepLike]) -> str:
    """A short hash of what a derivation concluded: its statement and every step's two sides.

    The kernel factory writes it beside each generated kernel, and ``ephkit check``
    compares it with the derivation it has just checked: a derivation changed after its
    kernel was generated (its model and its result together, say, so that its own check
    still passes) cannot be cross-checked against the old kernel without notice.
    Every node of every expression enters exactly (its class, a leaf's exact text, a
    symbol's assumptions), so any change of an expression changes the hash.

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> len(fingerprint(sp.Eq(sp.Symbol("y"), x**2), []))
    16
    >>> fingerprint(sp.Eq(sp.Symbol("y"), x**2), []) == fingerprint(sp.Eq(sp.Symbol("y"), x**3), [])
    False
    """
    digest = hashlib.sha256()
    for expr in [statement, *(side for s in steps for side in (s.lhs, s.rhs))]:
        digest.update("\x1e".join(_tokens(sp.sympify(expr))).encode())
        digest.update(b"\x1d")
    return digest.hexdigest()[:16]


def _tokens(expr: sp.Basic) -> list[str]:
    """The expression tree in preorder: class names with their number of arguments; leaves with their
    exact text (a Float with its precision, a Symbol with its assumptions). As exact as ``srepr`` and
    ~10 times faster (a catalogue's fingerprints took 6 s with srepr)."""
    out: list[str] = []
    stack = [expr]
    while stack:
        e = stack.pop()
        if not isinstance(e, sp.Basic):                 # a Python value inside a node (e.g. a str)
            out.append(f"{type(e).__name__}:{e!r}")
        elif e.args:
            out.append(f"{type(e).__name__}/{len(e.args)}")
            stack.extend(reversed(e.args))
        elif isinstance(e, sp.Symbol):
            assumptions = ",".join(f"{k}={v}" for k, v in sorted(e._assumptions_orig.items()))
            out.append(f"{type(e).__name__}:{e.name}:{assumptions}")
        elif isinstance(e, sp.Float):
            out.append(f"Float:{e._mpf_!r}:{e._prec}")
        else:
            out.append(f"{type(e).__name__}:{e}")
    return out
