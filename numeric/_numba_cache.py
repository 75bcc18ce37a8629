"""Where numba caches the compiled kernels of ``numeric``: the user's cache directory, never the package.

numba's default (``cache=True``) writes the compiled machine code into ``__pycache__`` next to
the source file. For a package installed into ``site-packages`` those files are not in the
installation's record, so ``pip uninstall`` leaves ``site-packages/numeric/`` behind, and Python
then imports that leftover folder as a namespace package in place of a later (e.g. editable)
install: ``numeric._generated`` seems empty.

:func:`install` puts one locator in front of numba's own: every function defined in a file of
this package is cached under numba's user-wide cache directory (``~/.cache/numba`` on Linux),
in a subdirectory named after the hash of the source directory, exactly as numba does for a
read-only installation. A directory the user names in ``NUMBA_CACHE_DIR`` still wins, and any
other code is cached as numba would cache it.
"""

from __future__ import annotations

import os

from numba.core import caching

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
# numba >= 0.62 names these without the leading underscore
_UserWideCacheLocator = getattr(caching, "UserWideCacheLocator", None) or caching._UserWideCacheLocator
_CacheImpl = getattr(caching, "CacheImpl", None) or caching._CacheImpl


class PackageCacheLocator(_UserWideCacheLocator):
    """numba's user-wide cache locator, for the source files of ``numeric`` only.

    The cache subdirectory is named after the file's place inside the package
    (``ephkit-numeric-_generated``), not after the absolute path of its directory as numba
    names it: an installed copy and a checkout of the same source share compiled code. numba
    keys each cache entry on the source file's content (a hash), so a different version of
    a file is recompiled, never mistaken for this one.
    """

    @classmethod
    def get_suitable_cache_subpath(cls, py_file: str) -> str:
        inside = os.path.relpath(os.path.dirname(os.path.abspath(py_file)), _PACKAGE_DIR)
        parts = [p for p in inside.split(os.sep) if p not in ("", ".")]
        return "-".join(["ephkit", "numeric", *parts])

    @classmethod
    def from_function(cls, py_func: object, py_file: str) -> PackageCacheLocator | None:
        source = os.path.abspath(py_file)
        if os.path.commonpath([source, _PACKAGE_DIR]) != _PACKAGE_DIR:
            return None
        return super().from_function(py_func, py_file)


def install() -> None:
    """Let :class:`PackageCacheLocator` place this package's caches (once; after ``NUMBA_CACHE_DIR``)."""
    locators = _CacheImpl._locator_classes
    if PackageCacheLocator not in locators:
        locators.insert(1, PackageCacheLocator)  # [0] is numba's NUMBA_CACHE_DIR locator
