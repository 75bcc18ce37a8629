"""What a fresh machine gets: the package list, the shipped worksheets, the README's commands in CI.

The installed (non-editable) package itself is exercised by ``.ci/run``, which runs README
command 1 and then uses the installed ``ephkit`` from a directory outside the checkout.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    tomllib = pytest.importorskip("tomli")

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _packages_on_disk() -> set[str]:
    found = set()
    for top in ("derive", "numeric"):
        for init in (ROOT / top).rglob("__init__.py"):
            if "__pycache__" not in init.parts:
                found.add(".".join(init.parent.relative_to(ROOT).parts))
    return found


def test_every_package_is_listed_for_the_wheel():
    setuptools = PYPROJECT["tool"]["setuptools"]
    listed = set(setuptools["packages"])
    assert listed - {"derive.app.notebooks"} - DATA_DIRS == _packages_on_disk()
    assert setuptools["package-dir"]["derive.app.notebooks"] == "notebooks"
    assert "*.md" in setuptools["package-data"]["derive.app.notebooks"]


#: directories of package data (no __init__.py), listed as packages so that setuptools ships them
DATA_DIRS = {"numeric.data"}


def test_every_data_file_is_shipped():
    """Each file in a data directory matches a package-data pattern of that directory (a non-editable
    install would leave it out otherwise)."""
    from fnmatch import fnmatch

    setuptools = PYPROJECT["tool"]["setuptools"]
    for name in DATA_DIRS:
        assert name in setuptools["packages"]
        files = [p for p in (ROOT / name.replace(".", "/")).iterdir() if p.name != "__pycache__"]
        assert files, name
        for path in files:
            assert any(fnmatch(path.name, pattern) for pattern in setuptools["package-data"][name]), path


def test_worksheet_dependencies_are_ephkits_own():
    deps = " ".join(PYPROJECT["project"]["dependencies"])
    for name in ("jupytext", "nbclient", "nbformat", "ipykernel", "matplotlib"):
        assert name in deps, f"{name}: `ephkit worksheets export --execute` needs it after `pip install .`"


def _quick_start() -> list[str]:
    block = re.search(r"## Quick start.*?```bash\n(.*?)```", README, re.S)
    assert block, "README has no quick-start block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_ci_runs_the_readme_commands_in_the_readme_order():
    commands = _quick_start()
    assert len(commands) == 2
    assert "pip install . " in commands[0] and "ephkit check" in commands[0]
    assert "pytest" in commands[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    positions = [ci.index(c) for c in commands]  # verbatim lines
    assert positions == sorted(positions)


def test_readme_docs_worksheets_and_code_name_nothing_outside_the_repository():
    texts = {"README.md": README}
    shipped = [*(ROOT / "docs").glob("*.md"), *(ROOT / "notebooks").glob("*.md"),
               *(ROOT / "derive").rglob("*.py"), *(ROOT / "numeric").rglob("*.py")]
    texts |= {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in shipped}
    for name, text in texts.items():
        assert "../" not in text and "shared/" not in text and "DESIGN.md" not in text, name
    for link in re.findall(r"\]\(([^)#]+)\)", README):
        if not link.startswith("http"):
            assert (ROOT / link).exists(), f"README links to {link}, which is not in the repository"


def test_readme_numbers_are_the_codes():
    """The numbers the README's example states come from the code: copper's k_TF to the digits printed,
    and the accuracy claimed for lindhard_static holds against 80-digit mpmath on and near 0, 1 and
    large x (measured maximum 3.2e-15 on 12,000 such points)."""
    import mpmath
    import numpy as np

    from numeric.screening import lindhard_static, thomas_fermi_wavevector

    k_tf = re.search(r"# copper: ([0-9.]+e[0-9]+) 1/m", README)
    assert k_tf and f"{thomas_fermi_wavevector(8.47e28):.3e}".replace("e+", "e") == k_tf.group(1)
    claim = re.search(r"# F\(x\), x = q/2k_F; relative error < ([0-9.e-]+) everywhere", README)
    assert claim
    rng = np.random.default_rng(7)
    near_one = 1 + rng.choice([-1, 1], 60) * 10 ** rng.uniform(-15, -1, 60)
    x = np.concatenate([10 ** rng.uniform(-12, 0, 60), near_one, 10 ** rng.uniform(0, 12, 60),
                        rng.uniform(0, 4, 60)])
    with mpmath.workdps(80):
        exact = [mpmath.mpf(1) / 2 + (1 - mpmath.mpf(v) ** 2) / (4 * mpmath.mpf(v))
                 * mpmath.log(abs((1 + mpmath.mpf(v)) / (1 - mpmath.mpf(v)))) for v in x]
        worst = max(abs((mpmath.mpf(g) - e) / e) for g, e in zip(lindhard_static(x), exact, strict=True))
    assert worst < float(claim.group(1))
