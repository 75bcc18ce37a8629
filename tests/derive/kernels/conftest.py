"""Fixtures of the kernel-factory tests."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest


def _import_source(source: str, directory: Path, name: str) -> ModuleType:
    """Write generated ``source`` to ``directory/name.py`` and import it (numba's cache=True needs a
    real file)."""
    path = Path(directory) / f"{name}.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def import_source() -> Callable[[str, Path, str], ModuleType]:
    """:func:`_import_source`: generated code imported from a file."""
    return _import_source
