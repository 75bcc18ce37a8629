"""The four layers import one way only: truth <- kernel factory <- application -> numeric runtime.

Each layer's modules are all imported in a fresh interpreter, which then reports every module
it holds; the layers it must not reach are named in the failure. See docs/architecture.md.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import derive
import numeric

ROOT = Path(__file__).resolve().parents[1]


def _modules(package: object) -> list[str]:
    names = [package.__name__]
    names += [m.name for m in pkgutil.walk_packages(package.__path__, prefix=package.__name__ + ".")]
    return sorted(names)


def _in(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


ALL_DERIVE = _modules(derive)
FACTORY = [m for m in ALL_DERIVE if _in(m, "derive.kernels")]
APPLICATION = [m for m in ALL_DERIVE if _in(m, "derive.app")]
TRUTH = [m for m in ALL_DERIVE if m not in FACTORY and m not in APPLICATION]
RUNTIME = _modules(numeric)

#: layer -> (its modules, module prefixes it must never import)
LAYERS = {
    "truth": (TRUTH, ("numeric", "derive.kernels", "derive.app", "numba")),
    "factory": (FACTORY, ("numeric", "derive.app", "numba")),
    "runtime": (RUNTIME, ("sympy", "derive")),
}


def _imported_by(modules: list[str]) -> list[str]:
    code = ("import importlib, json, sys\n"
            f"for name in {modules!r}:\n"
            "    importlib.import_module(name)\n"
            "print(json.dumps(sorted(sys.modules)))\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)


def test_every_layer_has_modules():
    assert "derive.registry" in TRUTH and "derive.app.cli" in APPLICATION
    assert "numeric._generated.screening" in RUNTIME and "numeric._generated.constants" in RUNTIME
    assert FACTORY, "the kernel factory derive.kernels is missing"


@pytest.mark.parametrize("layer", LAYERS)
def test_layer_imports_one_way(layer):
    modules, forbidden = LAYERS[layer]
    imported = _imported_by(modules)
    wrong = sorted(m for m in imported if any(_in(m, f) for f in forbidden))
    assert not wrong, f"the {layer} layer imported {wrong}"

