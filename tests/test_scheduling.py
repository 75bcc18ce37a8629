"""The xdist work units of tests/conftest.py: what they group and split, and that their lists name real tests.

A renamed test file or worksheet would otherwise drop out of :data:`FIRST` silently (it would still run,
only later), and a reader of the session's check would no longer be held back until the end.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from derive.app import worksheets as ws

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


@pytest.fixture(scope="module")
def conftest():
    """tests/conftest.py as a module of its own (pytest imports it under a name of its choosing)."""
    spec = importlib.util.spec_from_file_location("_conftest_under_test", HERE / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_work_units_are_files_groups_and_split_tests(conftest):
    unit = conftest.work_unit
    assert unit("tests/numeric/test_thermal.py::test_phonon_number_T3") == "tests/numeric/test_thermal.py"
    assert unit("derive/registry.py::derive.registry.get") == "derive/registry.py"
    assert unit("tests/derive/kernels/test_user.py::test_x[a]") == "catalogue"
    assert unit("tests/derive/test_rendering.py::test_y") == "catalogue"
    assert unit("tests/derive/test_units.py::test_y") == "tests/derive/test_units.py"
    execution = "tests/app/test_worksheets.py::test_worksheet_executes_with_figures[00_tour]"
    assert unit(execution) == execution
    assert unit("tests/app/test_worksheets.py::test_skeleton[00_tour]") == "tests/app/test_worksheets.py"


def test_ranks_put_first_the_listed_then_the_rest_then_the_readers(conftest):
    rank = conftest._rank
    first = [rank(f"{conftest.SPLIT[0]}{name[1:]}" if name.startswith("[") else name)
             for name in conftest.FIRST]
    assert first == list(range(len(conftest.FIRST)))
    unlisted = rank(f"{conftest.SPLIT[0]}99_a_new_worksheet]")
    rest = rank("tests/numeric/test_thermal.py")
    readers = {rank(f"tests/{r}") for r in conftest.READERS}
    assert max(first) < unlisted < rest < min(readers) and len(readers) == 1


def test_every_listed_unit_exists(conftest):
    """Each file or directory of FIRST, GROUPS, READERS and SPLIT is in the repository and each worksheet
    named in FIRST is a worksheet (a new one starts right after those listed)."""
    files = [e for e in conftest.FIRST if e.startswith("tests/")]
    files += [prefix for prefixes in conftest.GROUPS.values() for prefix in prefixes]
    assert {e for e in conftest.FIRST if not e.startswith(("tests/", "["))} <= set(conftest.GROUPS)
    files += [f"tests/{r}" for r in conftest.READERS] + [s.split("::")[0] for s in conftest.SPLIT]
    missing = [f for f in files if not (ROOT / f).exists()]
    assert not missing, missing
    listed = {e[1:-1] for e in conftest.FIRST if e.startswith("[")}
    assert listed and listed <= {w.name for w in ws.worksheets()}, listed - {w.name for w in ws.worksheets()}
    for split in conftest.SPLIT:
        module, function = split.rstrip("[").split("::")
        assert f"def {function}(" in (ROOT / module).read_text(encoding="utf-8")


def test_the_scheduler_is_used_for_loadfile_only(conftest):
    class Config:
        def __init__(self, dist: str) -> None:
            self.dist = dist

        def getvalue(self, name: str) -> str:
            assert name == "dist"
            return self.dist

    assert conftest.pytest_xdist_make_scheduler(Config("load"), None) is None
    scheduler = conftest.WorkUnitScheduling.__new__(conftest.WorkUnitScheduling)  # no nodes needed
    assert scheduler._split_scope("tests/derive/kernels/test_user.py::t") == "catalogue"
