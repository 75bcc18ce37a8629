"""The registry of derivations: :func:`register`, :func:`catalog`, :func:`get`.

Topic modules register builder functions with ``@register``; a derivation is
built (its SymPy steps carried out) on first use and cached.
"""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Callable

from .derivation import Derivation

__all__ = ["TOPICS", "UnknownDerivationError", "catalog", "get", "register"]

#: Topic modules of ``derive`` (the same topics as in ``numeric``).
TOPICS = ("coupling", "screening", "scattering", "phonons")

_BUILDERS: dict[str, Callable[[], Derivation]] = {}
_CACHE: dict[str, Derivation] = {}
_LOADED = False


class UnknownDerivationError(KeyError):
    """Raised by :func:`get` for a name that is not registered."""

    def __str__(self) -> str:  # KeyError would print the message in quotes
        return str(self.args[0])


def register(builder: Callable[[], Derivation]) -> Callable[[], Derivation]:
    """Register a builder function; its ``__name__`` is the derivation's name."""
    name = builder.__name__
    if name in _BUILDERS:
        raise ValueError(f"derivation {name!r} is registered twice")
    _BUILDERS[name] = builder
    return builder


def _load_topics() -> None:
    global _LOADED
    if not _LOADED:
        for topic in TOPICS:
            importlib.import_module(f"derive.{topic}")
        _LOADED = True


def catalog() -> list[str]:
    """Names of all registered derivations, in registration order.

    Examples
    --------
    >>> import derive
    >>> "lindhard_static" in derive.catalog()
    True
    """
    _load_topics()
    return list(_BUILDERS)


def get(name: str) -> Derivation:
    """Return the derivation registered as ``name`` (built on first use).

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
    _load_topics()
    if name not in _BUILDERS:
        close = difflib.get_close_matches(name, _BUILDERS, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else "; see `ephkit list`"
        raise UnknownDerivationError(f"unknown derivation {name!r}{hint}")
    if name not in _CACHE:
        derivation = _BUILDERS[name]()
        if derivation.name != name:
            raise ValueError(f"builder {name!r} returned derivation named {derivation.name!r}")
        _CACHE[name] = derivation
    return _CACHE[name]
