"""numeric.constants: the pinned CODATA table of the runtime, its names and its edition.

That the numbers equal the derivations' table (derive.constants.CODATA) is a cross-layer fact,
tested in tests/app/test_constants.py; this module does not import derive.
"""

from __future__ import annotations

import ast
from pathlib import Path

import numeric
import numeric._generated.constants as generated
import numeric.constants as constants

NAMES = ("hbar", "h", "e", "epsilon_0", "k", "m_e", "atomic_mass", "N_A", "eV", "bohr_radius", "c")


def test_edition():
    assert constants.EDITION == "CODATA 2022"
    assert "CODATA 2022" in constants.__doc__


def test_names_are_the_generated_table():
    assert sorted(constants.__all__) == sorted(("EDITION", *NAMES))
    for name in constants.__all__:
        assert getattr(constants, name) is getattr(generated, name), name
    for name in NAMES:
        assert isinstance(getattr(constants, name), float) and getattr(constants, name) > 0, name


def test_no_numeric_module_imports_scipy_constants():
    """One table throughout: the runtime takes every constant from numeric.constants."""
    wrong = []
    for path in sorted(Path(numeric.__file__).parent.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = [node.module or ""] + [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            if any(m == "scipy.constants" or m.startswith("scipy.constants.") for m in modules):
                wrong.append(f"{path.name}:{node.lineno}")
    assert not wrong, wrong
