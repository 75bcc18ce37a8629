"""The registry of derivations: :func:`register`, :func:`catalog`, :func:`get`.

Topic modules register builder functions with ``@register``; a derivation is
built (its SymPy steps carried out) on first use and cached. Its topic is the
module of its builder (``derive.screening`` -> ``"screening"``), stated once:
by where the builder is written. The topic modules are imported by
``derive/__init__.py``, which derives ``derive.TOPICS`` from them.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable

from .derivation import Derivation

__all__ = ["UnknownDerivationError", "catalog", "get", "register", "summary", "topic", "topic_of"]

_BUILDERS: dict[str, Callable[[], Derivation]] = {}
_CACHE: dict[str, Derivation] = {}


class UnknownDerivationError(KeyError):
    """Raised by :func:`get` for a name that is not registered."""

    def __str__(self) -> str:  # KeyError would print the message in quotes
        return str(self.args[0])


def topic_of(module: str) -> str:
    """The topic of a module: its last name (``derive.screening`` -> ``"screening"``)."""
    return module.rsplit(".", 1)[-1]


def register(builder: Callable[[], Derivation]) -> Callable[[], Derivation]:
    """Register a builder function; its ``__name__`` is the derivation's name, its module the topic."""
    name = builder.__name__
    if name in _BUILDERS:
        raise ValueError(f"derivation {name!r} is registered twice")
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
        _CACHE[name] = derivation
    return _CACHE[name]
