"""The :class:`Derivation` object and its machine check.

A derivation is an ordered chain of :class:`Step` equalities, each produced by
a SymPy operation on a stated model and each carrying a one-line
justification. :meth:`Derivation.check` re-verifies every step independently
of how it was produced, with :func:`derive.checker.check_step`:

1. symbolically: ``simplify(doit(lhs - rhs)) == 0`` (or, for an asymptotic
   step ``lhs = rhs + O(g)``, a finite ``limit((lhs - rhs)/g)``);
2. where SymPy cannot decide, numerically at >= 20 random points of the
   parameter space, with mpmath at 30 significant digits (integrals by
   mpmath quadrature), and the report says so;
3. otherwise the check fails: a check that could not be performed is never
   reported as passed.

It also checks the chain's provenance (:mod:`derive.provenance`: every step is
built by its recorded operation from declared model objects and earlier results,
and the statement is the result of a step), that the statement equals the form
printed in the source (``textbook``), and that both sides of the statement and
of every step carry the same SI dimension.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import sympy as sp

from . import render
from .checker import CheckResult, check_equal, check_step, rng, sample_point
from .provenance import Model, Ref, lineage, provenance_failures
from .units import DimensionError, dimension_of, format_dimension

__all__ = [
    "ABS_LOGS",
    "TAIL",
    "TERM_BY_TERM",
    "Assumption",
    "Chain",
    "CheckReport",
    "CheckResult",
    "Derivation",
    "Model",
    "Quantity",
    "Ref",
    "Step",
]

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


#: Why a step is checked numerically only (``Step(numeric=...)``): reasons that recur in the catalogue.
ABS_LOGS = ("an antiderivative with ln|.| differentiated back, or such logarithms regrouped: SymPy does not "
            "simplify logarithms of absolute values")
TERM_BY_TERM = ("an improper integral against its series summed term by term: SymPy cannot interchange the "
                "sum and the integral")
TAIL = ("the tail of a Bose/Fermi integral: SymPy cannot integrate it, so the remainder is evaluated "
        "numerically")


@dataclass(frozen=True)
class Assumption:
    """A model assumption or validity condition, in words and, if possible, as a relation."""

    text: str
    relation: sp.Basic | None = None

    def __post_init__(self) -> None:
        if isinstance(self.relation, sp.logic.boolalg.BooleanAtom):
            raise ValueError(f"assumption {self.text!r}: its relation is identically {self.relation} "
                             "(from the symbols' assumptions): it states nothing; leave it in the words")


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
    numeric : str, optional
        Why SymPy cannot prove this equality (e.g. principal-value logarithms
        with absolute values, a series summed term by term), or take the limit
        of an asymptotic step's remainder (an integral it cannot do). The check
        then goes straight to the numeric comparison (NUMERIC_POINTS points,
        NUMERIC_DIGITS digits; for an asymptotic step, the remainder along the
        approach) instead of first spending seconds on SymPy attempts that
        cannot succeed; the report gives the reason.
    inputs, operation : tuple of Ref, callable
        Provenance: ``lhs == operation(*values of inputs)`` (for a solution step,
        ``solves == operation(...)``), the inputs being model objects or results of
        earlier steps (:mod:`derive.provenance`). Recorded by :class:`Chain`; a step
        without them is reported as bringing in an expression the chain never produced.
    gives : Ref, optional
        The name under which later steps take this step's result (its ``rhs``).
    """

    lhs: sp.Expr
    rhs: sp.Expr
    why: str
    order: tuple[sp.Expr, sp.Symbol, Any] | None = None
    solves: sp.Equality | None = None
    sample: Mapping[sp.Symbol, tuple[float, float]] = field(default_factory=dict)
    numeric: str = ""
    inputs: tuple[Ref, ...] = ()
    operation: Callable[..., sp.Basic] | None = field(default=None, compare=False)
    gives: Ref | None = None

    def __post_init__(self) -> None:
        if self.numeric and self.solves is not None:
            raise ValueError("numeric applies to an equality or an asymptotic step, not to a solution")

    def latex(self) -> str:
        """The step as a math-mode equation ``lhs = rhs`` (with what it solves, or its order).

        Returns
        -------
        str
            LaTeX for display math, valid in LaTeX (amsmath) and MathJax.
        """
        rhs = render.formula(self.rhs)
        if self.solves is not None:
            rhs += r"\quad\text{solving }" + render.formula(self.solves)
        if self.order is not None:
            g, x, x0 = self.order
            rhs += r" + \mathcal{O}\!\left(" + render.formula(g) + r"\right),\; " + (
                render.formula(x) + r" \to " + render.formula(x0)
            )
        return render.formula(self.lhs) + " = " + rhs


class Chain:
    """Builds a derivation's model objects and steps, recording where each step comes from.

    Each :meth:`step` names its inputs (model objects from :meth:`declare`, or results of
    earlier steps) and the operation that builds its left side from their values; the
    derivation's chain check re-does the operation (:mod:`derive.provenance`).

    Examples
    --------
    >>> import sympy as sp
    >>> x = sp.Symbol("x", positive=True)
    >>> chain = Chain()
    >>> f = chain.declare("f", sp.exp(-x), "a decaying profile")
    >>> area = chain.step("its area", lambda f: sp.Integral(f, (x, 0, sp.oo)), f, rhs=lambda e: e.doit())
    >>> chain[area]
    1
    >>> chain.steps[0].inputs
    (Ref(name='f'),)
    """

    def __init__(self) -> None:
        self.model: list[Model] = []
        self.steps: list[Step] = []
        self._values: dict[Ref, sp.Basic] = {}

    def __getitem__(self, ref: Ref) -> sp.Basic:
        """The value of a model object or an earlier step's result (its rhs)."""
        return self._values[ref]

    def _name(self, name: str | None) -> Ref:
        ref = Ref(name or f"({len(self.steps) + 1})")
        if ref in self._values:
            raise ValueError(f"name = {ref.name!r} is already taken: model objects and results need "
                             "distinct names")
        return ref

    def declare(self, name: str, expr: sp.Basic, text: str) -> Ref:
        """Declare a model object (an expression or an ``Eq``) the steps may start from."""
        return self._declare(name, expr, text)

    def _declare(self, name: str, expr: sp.Basic, text: str, derivation: str = "", formula: str = "") -> Ref:
        ref = self._name(name)
        self.model.append(Model(ref, expr, text, derivation, formula))
        self._values[ref] = expr
        return ref

    def formula(self, formula: str, text: str, name: str | None = None) -> Ref:
        """Declare, as a model object, the right side of a registered stated formula (a fit, not
        derived: :class:`derive.registry.StatedFormula`), named by default as its left side. The chain
        check verifies it is exactly that formula."""
        from .registry import get_formula  # the registry imports this module

        stated = get_formula(formula)
        return self._declare(name or str(stated.expression.lhs), stated.expression.rhs,
                             f"{text} (the stated formula {formula}: a fit, not derived)", formula=formula)

    def result_of(self, derivation: str, text: str,
                  pick: Callable[[Derivation], sp.Basic] = lambda d: d.statement.rhs,
                  name: str | None = None) -> Ref:
        """Declare, as a model object, a result of another registered derivation (by default
        its statement's right side; ``pick`` may choose a step's result). The chain check
        verifies it is one."""
        from .registry import get  # the registry imports this module

        return self._declare(name or derivation, pick(get(derivation)), f"{text} (derived in {derivation})",
                             derivation)

    def step(self, why: str, operation: Callable[..., sp.Basic], *inputs: Ref,
             rhs: sp.Basic | Callable[[sp.Basic], sp.Basic], name: str | None = None, **kwargs: Any) -> Ref:
        """Add the step ``operation(*inputs) = rhs``; returns the name of its result.

        ``rhs`` is the result or a function of the left side that computes it (e.g.
        ``lambda e: sp.simplify(e.doit())``); ``kwargs`` go to :class:`Step` (``order``,
        ``sample``, ``numeric``). The result is named ``name``, by default ``(n)`` for step n.
        """
        lhs = operation(*(self[r] for r in inputs))
        result = rhs(lhs) if callable(rhs) else rhs
        return self._add(Step(lhs, result, why, inputs=tuple(inputs), operation=operation, **kwargs), name)

    def solve(self, why: str, unknown: sp.Expr, operation: Callable[..., sp.Equality], *inputs: Ref,
              rhs: sp.Basic | Callable[[sp.Equality], sp.Basic], name: str | None = None) -> Ref:
        """Add the step ``unknown = rhs`` solving the equation ``operation(*inputs)``."""
        equation = operation(*(self[r] for r in inputs))
        result = rhs(equation) if callable(rhs) else rhs
        return self._add(Step(unknown, result, why, solves=equation, inputs=tuple(inputs),
                              operation=operation), name)

    def _add(self, step: Step, name: str | None) -> Ref:
        ref = self._name(name)
        self.steps.append(replace(step, gives=ref))
        self._values[ref] = step.rhs
        return ref


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
    name, title : str
        Registry name (``snake_case``) and human title.
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
    model : sequence of Model
        The declared model objects the steps start from (see :class:`Chain`).
    topic : str
        The topic: the module of the builder, set by the registry
        (:func:`derive.get`), not passed in.
    """

    name: str
    title: str
    source: str
    symbols: Sequence[Quantity]
    assumptions: Sequence[Assumption]
    steps: Sequence[Step]
    statement: sp.Equality
    textbook: sp.Equality
    sample: Mapping[sp.Symbol, tuple[float, float]] = field(default_factory=dict)
    model: Sequence[Model] = ()
    topic: str = field(default="", init=False)

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

    @property
    def regime(self) -> list[sp.Basic]:
        """Where the result holds: the inequalities among the assumptions' relations
        (``T < 2ħk_F v_s/k_B`` for T << T_BG; equations such as ω_q = v_s q are definitions)."""
        out = []
        for a in self.assumptions:
            if a.relation is None:
                continue
            out += [r for r in sp.sympify(a.relation).atoms(sp.core.relational.Relational)
                    if not isinstance(r, sp.Eq)]
        return list(dict.fromkeys(out))

    def check(self, steps: Collection[int] | None = None) -> CheckReport:
        """Verify every step, the chain, the textbook form and the dimensions.

        Parameters
        ----------
        steps : collection of int, optional
            Numbers (from 1) of the steps to verify; default all. The checks of the
            derivation as a whole (chain, textbook, dimensions) always run. For
            re-checking a derivation of which only these steps changed (mutation tests).

        Examples
        --------
        >>> import derive
        >>> derive.get("frohlich_coupling").check().passed
        True
        """
        start = time.perf_counter()
        if steps is not None and not set(steps) <= set(range(1, len(self.steps) + 1)):
            raise ValueError(f"steps = {sorted(steps)} is outside the valid range: step numbers 1 to "
                             f"{len(self.steps)}")
        regime = self.regime
        results = [check_step(step, self.sample, seed=f"{self.name}:step {i}", label=f"step {i}",
                              regime=regime)
                   for i, step in enumerate(self.steps, 1) if steps is None or i in steps]
        results.append(self._check_chain())
        results.append(self._check_textbook())
        results.append(self._check_dimensions())
        results.append(self._check_step_dimensions())
        results.append(self._check_regime())
        return CheckReport(self.name, results, time.perf_counter() - start)

    def _check_chain(self) -> CheckResult:
        """Provenance (:func:`derive.provenance.provenance_failures`): every step re-built from the
        model objects and earlier results it names, and the statement the result of a step."""
        failures, result = provenance_failures(self.model, self.steps, self.statement)
        if failures or result is None:
            return CheckResult("chain", False, "structural", "; ".join(failures))
        built = sorted(lineage(self.steps, result))
        origins = sorted({str(r) for i in built for r in self.steps[i - 1].inputs}
                         & {str(m.ref) for m in self.model})
        return CheckResult("chain", True, "structural",
                           f"statement is the result of step {result}, reached from the model "
                           f"({', '.join(origins)}) by steps {', '.join(map(str, built))}; every step "
                           "re-built from its inputs")

    def _check_textbook(self) -> CheckResult:
        if self.statement.lhs != self.textbook.lhs:
            return CheckResult(
                "textbook", False, "structural",
                f"left-hand sides differ: {self.statement.lhs} vs {self.textbook.lhs}",
            )
        return check_equal(self.statement.rhs, self.textbook.rhs, self.sample,
                           seed=f"{self.name}:textbook", label="textbook", regime=self.regime)

    def _check_dimensions(self) -> CheckResult:
        try:
            dim = dimension_of(self.statement, self.dimensions)
        except DimensionError as exc:
            return CheckResult("dimensions", False, "SI dimension analysis", str(exc))
        return CheckResult(
            "dimensions", True, "SI dimension analysis", f"both sides [{format_dimension(dim)}]"
        )

    def _check_step_dimensions(self) -> CheckResult:
        """Both sides of every step (and every model equation a step solves) carry one SI dimension."""
        failures = []
        for i, step in enumerate(self.steps, 1):
            try:
                dimension_of(sp.Eq(step.lhs, step.rhs, evaluate=False), self.dimensions)
                if step.solves is not None:
                    dimension_of(step.solves, self.dimensions)
            except DimensionError as exc:
                failures.append(f"step {i}: {exc}")
        method = "SI dimension analysis"
        if failures:
            return CheckResult("dimensions of steps", False, method, "; ".join(failures))
        return CheckResult("dimensions of steps", True, method, f"all {len(self.steps)} steps consistent")

    def _check_regime(self) -> CheckResult:
        """The regime, stated: each relation dimensionally consistent, and the numeric checks'
        sampling box reaches inside it (their points are drawn there)."""
        method = "SI dimension analysis + sampling"
        regime = self.regime
        if not regime:
            return CheckResult("regime", True, method, "no restriction: valid for every value the "
                               "symbols' assumptions allow")
        for r in regime:
            try:
                dimension_of(sp.Eq(r.lhs, r.rhs, evaluate=False), self.dimensions)
            except DimensionError as exc:
                return CheckResult("regime", False, method, f"{r}: {exc}")
        free = set().union(*(r.free_symbols for r in regime))
        try:
            sample_point(free, self.sample, rng(f"{self.name}:regime"), regime)
        except ValueError as exc:
            return CheckResult("regime", False, method, str(exc))
        return CheckResult("regime", True, method,
                           "; ".join(map(str, regime)) + " (numeric checks sample inside it)")

    # --------------------------------------------------------------- rendering
    def latex(self, document: bool = False, unicode: bool = False) -> str:
        r"""The whole derivation as LaTeX: a math-mode fragment, or a complete document.

        Parameters
        ----------
        document : bool, optional
            False (default): a math-mode fragment, ``\begin{aligned} ... \end{aligned}``,
            one line per item and two per step (justification, then equation), for
            display math: ``\[ ... \]`` with amsmath in LaTeX, ``$$ ... $$`` in MathJax.
            It is what ``ephkit show NAME --latex --steps`` prints. True: a complete
            document (:meth:`latex_section` in :func:`derive.render.latex_document`),
            with wrapped prose, a page break wherever needed, and formulas wider
            than the line scaled down to it.
        unicode : bool, optional
            Keep characters of the prose that have no LaTeX form (CJK, ...) as they
            are, for MathJax or a lualatex/xelatex setup with such fonts; by default
            they are written as their code points (``[U+539F]``). Greek letters and
            symbols are math commands either way.

        Returns
        -------
        str
            LaTeX that compiles with pdflatex and lualatex (the fragment needs amsmath;
            the document, only the packages :data:`derive.render.TEX_PACKAGES`).

        Examples
        --------
        >>> import derive
        >>> tex = derive.get("frohlich_coupling").latex()
        >>> tex.splitlines()[0]
        '\\begin{aligned}'
        >>> derive.get("frohlich_coupling").latex(document=True).startswith(r"\documentclass")
        True
        """
        if document:
            return render.latex_document(self.latex_section(unicode))
        rows = self._latex_rows(unicode)
        return "\\begin{aligned}\n" + "\\\\\n".join("&" + r for r in rows) + "\n\\end{aligned}"

    def _latex_rows(self, unicode: bool) -> list[str]:
        """The lines of the :meth:`latex` fragment, each a math-mode formula."""

        def text(prose: str, command: str = r"\text") -> str:
            return render.math_text(prose, command, unicode)

        bold, mono = text(self.title, r"\textbf"), text(self.name, r"\texttt")
        rows = [rf"{bold}\quad({mono})",
                text(f"Source: {self.source}")]
        for a in self.assumptions:
            rel = rf":\; {render.formula(a.relation)}" if a.relation is not None else ""
            rows.append(text(f"Assume: {a.text}") + rel)
        for m in self.model:
            rows.append(text(f"Model {m.ref}: {m.text}") + rf":\; {render.formula(m.expr)}")
        for i, step in enumerate(self.steps, 1):
            rows.append(text(f"({i}) {step.why}{_from(step)}"))
            rows.append(r"\qquad " + step.latex())
        rows.append(r"\text{Result: }" + render.formula(self.statement))
        rows.append(r"\text{Textbook form: }" + render.formula(self.textbook))
        return rows

    def latex_section(self, unicode: bool = False) -> str:
        r"""The whole derivation as a text-mode LaTeX section, for a document.

        Prose is text (escaped by :func:`derive.render.tex_text`), formulas are
        displayed with ``\ephkitdisplay``, which :func:`derive.render.latex_document`
        defines: put sections of several derivations in one document with it.

        Parameters
        ----------
        unicode : bool, optional
            As for :meth:`latex`.

        Returns
        -------
        str
            A ``\section*`` with the symbols, assumptions, model, steps and result.
        """
        def text(prose: str) -> str:
            return render.tex_text(prose, unicode)

        out = [rf"\section*{{{text(self.title)} (\texttt{{{text(self.name)}}})}}",
               rf"\textit{{Source:}} {text(self.source)}", "", r"\subsection*{Symbols}", r"\begin{itemize}"]
        for q in self.symbols:
            assumed = ", ".join(q.assumptions) or "no assumption"
            out.append(rf"\item ${render.formula(q.symbol)}$: {text(q.meaning)} "
                       rf"[${render.unit_latex(q.dimension)}$; {text(assumed)}]")
        out += [r"\end{itemize}", r"\subsection*{Assumptions and validity}", r"\begin{itemize}"]
        for a in self.assumptions:
            rel = f": ${render.formula(a.relation)}$" if a.relation is not None else ""
            out.append(rf"\item {text(a.text)}{rel}")
        out.append(r"\end{itemize}")
        if self.model:
            out += [r"\subsection*{Model}", r"\begin{itemize}"]
            out += [rf"\item {text(f'{m.ref}: {m.text}')}: {render.display_math(render.formula(m.expr))}"
                    for m in self.model]
            out.append(r"\end{itemize}")
        out += [r"\subsection*{Steps}", r"\begin{enumerate}"]
        out += [rf"\item {text(step.why + _from(step))} {render.display_math(step.latex())}"
                for step in self.steps]
        out += [r"\end{enumerate}", r"\subsection*{Result}",
                render.display_math(render.formula(self.statement)),
                r"\textit{Textbook form:}", render.display_math(render.formula(self.textbook))]
        return "\n".join(out)

    def _repr_latex_(self) -> str:
        """Jupyter's LaTeX display (MathJax; nbconvert's LaTeX export): the lines of the
        :meth:`latex` fragment, each in its own ``$$ ... $$``, the prose's CJK characters kept.

        One block per line, not the whole fragment in one: MathJax stops with "internal buffer
        size exceeded" when a macro (``\\substack``, ``\\ ``) is expanded with more than 5 KiB of
        formula after it, which a whole derivation has.
        """
        return "\n".join(f"$$ {row} $$" for row in self._latex_rows(unicode=True))

    def _repr_markdown_(self) -> str:
        """Jupyter's Markdown display (preferred by JupyterLab to LaTeX): :meth:`markdown`, whose
        prose wraps and whose symbols are a table."""
        return self.markdown()

    def markdown(self) -> str:
        """The whole derivation as Markdown with ``$``/``$$`` math (for docs and notebooks).

        Prose is escaped (:func:`derive.render.markdown_text`), so no character of it
        is read as Markdown (``|g_q|`` stays in its table cell, ``**`` is no bold);
        symbols, SI units, relations and formulas are math.

        Returns
        -------
        str
            CommonMark with GFM tables and dollar math (Jupyter, MyST).
        """
        md, math = render.markdown_text, render.markdown_math
        lines = [f"### {md(self.title)} (`{self.name}`)", "", f"*Source:* {md(self.source)}", "",
                 "**Symbols**", "", "| symbol | meaning | SI unit | assumptions |", "|---|---|---|---|"]
        for q in self.symbols:
            assumed = ", ".join(q.assumptions) or "-"
            lines.append(f"| {math(render.formula(q.symbol), cell=True)} | {md(q.meaning)} | "
                         f"{math(render.unit_latex(q.dimension), cell=True)} | {md(assumed)} |")
        lines += ["", "**Assumptions and validity**", ""]
        for a in self.assumptions:
            rel = f": {math(render.formula(a.relation))}" if a.relation is not None else ""
            lines.append(f"- {md(a.text)}{rel}")
        if self.model:
            lines += ["", "**Model**", ""]
            lines += [f"- {md(f'{m.ref}: {m.text}')}: {math(render.formula(m.expr))}" for m in self.model]
        lines += ["", "**Steps**", ""]
        for i, step in enumerate(self.steps, 1):
            lines += [f"{i}. {md(step.why + _from(step))}", "", f"   {math(step.latex(), display=True)}", ""]
        lines += [f"**Result:** {math(render.formula(self.statement), display=True)}", "",
                  f"**Textbook form:** {math(render.formula(self.textbook), display=True)}"]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"<Derivation {self.name}: {self.statement}>"


def _from(step: Step) -> str:
    """Where a step's left side comes from, e.g. `` (from H, (2))``."""
    return f" (from {', '.join(map(str, step.inputs))})" if step.inputs else ""

