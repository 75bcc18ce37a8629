"""The kernel IR: a :class:`Kernel` (closed form, arguments, constants, safe :class:`Branch` es).

A :class:`Kernel` says how a registered derivation becomes a numeric
function: the argument order, the closed form (the statement's right-hand
side), CODATA values for the physical constants, and, where the closed form
cancels, overflows or is singular, safe *branches* built from SymPy series,
asymptotic expansions and exact identities. :meth:`Kernel.verify` checks every
branch against the closed form with the public API of :mod:`derive.checker`:
exact rewrites symbolically (or numerically at 30 digits), truncated series by
a finite limit of the remainder or by an explicit bound on it over the
branch's region (``Branch.remainder``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import sympy as sp

from .. import checker
from ..checker import CheckResult
from ..constants import codata_values
from ..derivation import Step
from ..registry import get
from .passes import fold_numbers

__all__ = ["Branch", "Kernel", "statement_kernel"]


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
            return [(fold_numbers(self.closed_form.subs(self.constants)), sp.true)]
        if self.branches[-1].condition is not sp.true:
            raise ValueError(f"kernel {self.name}: the last branch must have condition True")
        return [(fold_numbers(b.expr.subs(self.constants)), b.condition) for b in self.branches]

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


def statement_kernel(derivation: str, args: Sequence[str], doc: str, name: str | None = None,
                     closed_form: Callable[[sp.Expr], sp.Expr] | None = None,
                     extra: Sequence[sp.Symbol] = ()) -> Kernel:
    """A branch-free kernel from a derivation's statement (optionally transformed).

    ``args`` are symbol names (of the derivation, or of ``extra`` symbols the
    transform introduces); the physical constants get their CODATA values.
    """
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
