"""The registry of derivations (:func:`register`, :func:`catalog`, :func:`get`) and, apart from it, of
stated formulas (:func:`register_formula`, :func:`formulas`, :func:`get_formula`).

Topic modules register builder functions with ``@register``; a derivation is
built (its SymPy steps carried out) on first use and cached. Its topic is the
module of its builder (``derive.screening`` -> ``"screening"``), stated once:
by where the builder is written. The topic modules are imported by
``derive/__init__.py``, which derives ``derive.TOPICS`` from them.

A :class:`StatedFormula` is a formula taken as printed from its source, a fit such as McMillan's T_c,
with the range it was fitted in: it is *not* derived, so it is never a :class:`Derivation` (it has no
steps to check). It is registered likewise, with ``@register_formula`` on a builder, in a registry of
its own; a derivation may take it as its model (:meth:`derive.Chain.formula`) and derive what follows
from it exactly. One name space for both: a formula cannot take a derivation's name, nor the reverse.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import sympy as sp

from .derivation import Assumption, Derivation, Quantity
from .units import dimension_of

__all__ = ["StatedFormula", "UnknownDerivationError", "UnknownFormulaError", "catalog", "formula_summary",
           "formula_topic", "formula_users", "formulas", "get", "get_formula", "register", "register_formula",
           "summary", "topic", "topic_of"]

_BUILDERS: dict[str, Callable[[], Derivation]] = {}
_CACHE: dict[str, Derivation] = {}
_FORMULA_BUILDERS: dict[str, Callable[[], StatedFormula]] = {}
_FORMULA_CACHE: dict[str, StatedFormula] = {}


class UnknownDerivationError(KeyError):
    """Raised by :func:`get` for a name that is not registered."""

    def __str__(self) -> str:  # KeyError would print the message in quotes
        return str(self.args[0])


def topic_of(module: str) -> str:
    """The topic of a module: its last name (``derive.screening`` -> ``"screening"``)."""
    return module.rsplit(".", 1)[-1]


def _new_name(name: str, kind: str) -> None:
    """Raise ValueError if ``name`` is taken, by a derivation or by a stated formula."""
    for registry, what in ((_BUILDERS, "derivation"), (_FORMULA_BUILDERS, "stated formula")):
        if name in registry:
            again = "registered twice" if what == kind else f"already the name of a {what}"
            raise ValueError(f"{kind} {name!r}: {again} (derivations and stated formulas share one "
                             "name space)")


def register(builder: Callable[[], Derivation]) -> Callable[[], Derivation]:
    """Register a builder function; its ``__name__`` is the derivation's name, its module the topic."""
    name = builder.__name__
    _new_name(name, "derivation")
    _BUILDERS[name] = builder
    return builder


def catalog() -> list[str]:
    """Names of all registered derivations, in registration order.

    Examples
    --------
    >>> import derive
    >>> "lindhard_static" in derive.catalog()
    True
    """
    return list(_BUILDERS)


def summary(name: str) -> str:
    """The one-line result of derivation ``name``: its builder's docstring summary (nothing is built).

    Examples
    --------
    >>> import derive
    >>> derive.summary("debye_T3_law")
    'Debye heat capacity: C_V = (12π⁴/5) N k_B (T/Θ_D)³ for T << Θ_D.'
    """
    _known(name)
    return (_BUILDERS[name].__doc__ or "").strip().splitlines()[0]


def topic(name: str) -> str:
    """The topic of derivation ``name``: its builder's module (nothing is built).

    Examples
    --------
    >>> import derive
    >>> derive.registry.topic("lindhard_static")
    'screening'
    """
    _known(name)
    return topic_of(_BUILDERS[name].__module__)


def _known(name: str) -> None:
    """Raise UnknownDerivationError (naming close matches) unless ``name`` is registered."""
    if name not in _BUILDERS:
        close = difflib.get_close_matches(name, _BUILDERS, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else "; see `ephkit list`"
        raise UnknownDerivationError(f"unknown derivation {name!r}{hint}")


def get(name: str) -> Derivation:
    """Return the derivation registered as ``name`` (built on first use; its topic set).

    Raises
    ------
    UnknownDerivationError
        If no derivation has that name; the message lists close matches.

    Examples
    --------
    >>> import derive
    >>> derive.get("debye_T3_law").topic
    'phonons'
    """
    _known(name)
    if name not in _CACHE:
        builder = _BUILDERS[name]
        derivation = builder()
        if derivation.name != name:
            raise ValueError(f"builder {name!r} returned derivation named {derivation.name!r}")
        derivation.topic = topic(name)
        foreign = [m.formula for m in derivation.model
                   if m.formula and formula_topic(m.formula) != derivation.topic]
        if foreign:
            raise ValueError(f"derivation {name!r} takes stated formulas {foreign} of another topic: a "
                             "derivation takes only the stated formulas of its own topic (registered in "
                             "its module), so that `formula_users` finds it")
        _CACHE[name] = derivation
    return _CACHE[name]


# ------------------------------------------------------------------ stated formulas
@dataclass(frozen=True)
class StatedFormula:
    """A formula stated as printed in its source (a fit), with its fit range: not derived.

    Parameters
    ----------
    name : str
        Registry name (``snake_case``), the name of its builder.
    title : str
        Human title.
    expression : sympy.Eq
        The formula, ``lhs = rhs`` (``T_c = ...``), unevaluated, its numbers exact as printed.
    symbols : sequence of Quantity
        Every symbol of ``expression`` (and of the fit range), with its SI dimension.
    source : str
        Where it is printed (:func:`derive.sources.cite`): paper and equation.
    fit_range : sequence of Assumption
        Where it was fitted (and so may be used): in words, and as SymPy relations where possible.
    notes : str, optional
        What else a user must know (what it is a fit to; where it gives 0).
    topic : str
        Its topic: the module of its builder, set by the registry (:func:`get_formula`), not passed in.

    Raises
    ------
    TypeError
        If ``expression`` is not a ``sympy.Eq``.
    ValueError
        If the source or the fit range is missing, a symbol is undeclared, or the formula or a relation
        of its fit range is not dimensionally consistent (:class:`derive.units.DimensionError`).

    Examples
    --------
    >>> import derive
    >>> f = derive.get_formula("mcmillan_tc")
    >>> f.expression.lhs, f.topic
    (T_c, 'superconductivity')
    """

    name: str
    title: str
    expression: sp.Equality
    symbols: Sequence[Quantity]
    source: str
    fit_range: Sequence[Assumption]
    notes: str = ""
    topic: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.expression, sp.Equality):
            raise TypeError(f"stated formula {self.name}: expression must be an unevaluated sympy.Eq "
                            f"(evaluate=False), got {self.expression!r}")
        if not self.source.strip() or not self.fit_range:
            raise ValueError(f"stated formula {self.name}: a stated formula needs its source and its fit "
                             "range")
        relations = [a.relation for a in self.fit_range if a.relation is not None]
        used = set().union(self.expression.free_symbols, *(sp.sympify(r).free_symbols for r in relations))
        undeclared = used - set(self.dimensions)
        if undeclared:
            raise ValueError(f"stated formula {self.name}: symbols {sorted(map(str, undeclared))} are not "
                             "declared")
        dimension_of(self.expression, self.dimensions)  # raises DimensionError (a ValueError) if wrong
        for relation in relations:
            for r in sp.sympify(relation).atoms(sp.core.relational.Relational):
                dimension_of(sp.Eq(r.lhs, r.rhs, evaluate=False), self.dimensions)

    @property
    def dimensions(self) -> dict[sp.Symbol, sp.Expr]:
        """The SI dimension of each symbol."""
        return {q.symbol: q.dimension for q in self.symbols}

    @property
    def relations(self) -> list[sp.Basic]:
        """The fit range as SymPy relations (those of its entries that have one)."""
        return [a.relation for a in self.fit_range if a.relation is not None]

    def __repr__(self) -> str:
        return f"<StatedFormula {self.name}: {self.expression}>"


class UnknownFormulaError(KeyError):
    """Raised by :func:`get_formula` for a name that is not a registered stated formula."""

    def __str__(self) -> str:
        return str(self.args[0])


def register_formula(builder: Callable[[], StatedFormula]) -> Callable[[], StatedFormula]:
    """Register the builder of a stated formula; its ``__name__`` is the formula's name, its module the topic.

    Raises
    ------
    ValueError
        If the name is already that of a stated formula or of a derivation.
    """
    name = builder.__name__
    _new_name(name, "stated formula")
    _FORMULA_BUILDERS[name] = builder
    return builder


def formulas() -> list[str]:
    """Names of all registered stated formulas, in registration order (no derivation among them).

    Examples
    --------
    >>> import derive
    >>> "mcmillan_tc" in derive.formulas(), "mcmillan_tc" in derive.catalog()
    (True, False)
    """
    return list(_FORMULA_BUILDERS)


def _known_formula(name: str) -> None:
    """Raise UnknownFormulaError (naming close matches) unless ``name`` is a registered stated formula."""
    if name not in _FORMULA_BUILDERS:
        close = difflib.get_close_matches(name, _FORMULA_BUILDERS, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else "; see `ephkit list`"
        raise UnknownFormulaError(f"unknown stated formula {name!r}{hint}")


def formula_summary(name: str) -> str:
    """The one-line formula ``name`` states: its builder's docstring summary (nothing is built)."""
    _known_formula(name)
    return (_FORMULA_BUILDERS[name].__doc__ or "").strip().splitlines()[0]


def formula_topic(name: str) -> str:
    """The topic of stated formula ``name``: its builder's module (nothing is built)."""
    _known_formula(name)
    return topic_of(_FORMULA_BUILDERS[name].__module__)


def get_formula(name: str) -> StatedFormula:
    """Return the stated formula registered as ``name`` (built on first use; its topic set).

    Raises
    ------
    UnknownFormulaError
        If no stated formula has that name; the message lists close matches.

    Examples
    --------
    >>> import derive
    >>> derive.get_formula("allen_dynes_tc").source.startswith("P. B. Allen & R. C. Dynes")
    True
    """
    _known_formula(name)
    if name not in _FORMULA_CACHE:
        formula = _FORMULA_BUILDERS[name]()
        if formula.name != name:
            raise ValueError(f"builder {name!r} returned stated formula named {formula.name!r}")
        if formula.topic:
            raise ValueError(f"stated formula {name!r}: its topic is its builder's module, not passed in")
        _FORMULA_CACHE[name] = replace(formula, topic=formula_topic(name))
    return _FORMULA_CACHE[name]


def formula_users(name: str) -> list[str]:
    """Names of the derivations that take stated formula ``name`` as a model object
    (:meth:`derive.Chain.formula`), in catalogue order.

    Only the derivations of the formula's topic are built: a derivation may take only the stated
    formulas of its own topic (:func:`get` refuses others), so none elsewhere can use it.
    """
    home = formula_topic(name)
    return [d for d in catalog() if topic(d) == home
            and any(m.formula == name for m in get(d).model)]
