"""The kernel registry: spec modules register kernel builders with ``@kernel(name)``.

A kernel's topic is the module of its builder (``derive.kernels.screening`` ->
``"screening"``), which is also its generated module
``numeric/_generated/<topic>.py``. The names are declared at registration, so
that :func:`kernels_for` builds only the kernels asked for (some builders
choose switch points with mpmath and take seconds); a builder that returns a
kernel under other names fails.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..registry import get
from .ir import Kernel

__all__ = ["Builder", "builders", "kernel", "kernels", "kernels_for", "topic_of", "topics"]

_KERNELS: dict[str, list[Builder]] = {}


def topic_of(module: str) -> str:
    """The topic of a spec module: its last name (``derive.kernels.screening`` -> ``"screening"``)."""
    return module.rsplit(".", 1)[-1]


def kernel(name: str, derivation: str | None = None
           ) -> Callable[[Callable[[], Kernel]], Callable[[], Kernel]]:
    """Register the builder of kernel ``name`` (from ``derivation``, default ``name``).

    The topic is the builder's module (:func:`topic_of`).
    """

    def wrap(builder: Callable[[], Kernel]) -> Callable[[], Kernel]:
        _KERNELS.setdefault(topic_of(builder.__module__), []).append(
            Builder(name, derivation or name, builder))
        return builder

    return wrap


@dataclass(frozen=True)
class Builder:
    """A registered kernel builder with the names it declared."""

    name: str
    derivation: str
    build: Callable[[], Kernel]

    def __call__(self) -> Kernel:
        """The kernel, built on first use and then kept (a build designs switch points and fits with
        mpmath: seconds, and its result depends only on the registered derivations)."""
        if self not in _BUILT:
            k = self.build()
            if (k.name, k.derivation) != (self.name, self.derivation):
                raise ValueError(f"kernel builder {self.build.__name__} is registered as "
                                 f"({self.name}, {self.derivation}) but built ({k.name}, {k.derivation})")
            _BUILT[self] = k
        return _BUILT[self]


#: Kernels built so far in this process, by builder.
_BUILT: dict[Builder, Kernel] = {}


def topics() -> tuple[str, ...]:
    """The topics with registered kernels, in registration order (the spec modules' import order)."""
    return tuple(_KERNELS)


def builders(topic: str | None = None) -> list[Builder]:
    """The registered builders (of one topic), in registration order."""
    if topic is not None:
        return list(_KERNELS.get(topic, []))
    return [b for bs in _KERNELS.values() for b in bs]


def kernels(topic: str | None = None) -> list[Kernel]:
    """All kernels (of one topic) from the registry (each built once per process)."""
    return [builder() for builder in builders(topic)]


def kernels_for(name: str) -> list[Kernel]:
    """The kernels generated from derivation ``name``, or the kernel called ``name``.

    Only the matching builders run (their names are declared at registration).

    Raises
    ------
    derive.UnknownDerivationError
        For a name that is neither a kernel nor a derivation (with close matches).
    KeyError
        For a derivation without a kernel.
    """
    found = [b() for b in builders() if name in (b.name, b.derivation)]
    if found:
        return found
    get(name)  # an unknown name raises the usual 'unknown derivation' error with close matches
    raise KeyError(f"derivation {name!r} has no numeric kernel")
