"""Shared fixtures: every derivation is checked once per test run, by the README's main command.

``ephkit check --json`` runs once per session, in a fresh interpreter, and starts when the
session starts (:func:`pytest_configure`), so that it runs beside the other tests instead of
holding up the first test that needs it. The tests that need it (the registry's
``test_check_passes``, the CLI's and the cross-checks' tests) read its result through the
:func:`cold_check` and :func:`reports` fixtures: no derivation and no cross-check is checked twice.

The suite runs on two pytest-xdist workers (``-n 2 --dist loadfile --no-loadscope-reorder`` in
pyproject.toml), one work unit per worker at a time: a test file (module-scoped fixtures and
module-level state stay whole), or the files of a group of :data:`GROUPS` (work they share is done
once), or one test of :data:`SPLIT` (the long worksheet executions, shared by both workers). The
units start longest first (:data:`FIRST`), so that both workers end together, and the files that
read the check last (:data:`READERS`), when it has had time to finish. The controller starts the
check; the workers find its output files through :data:`ENV_VAR`. Without xdist the one process
does both.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import settings
from xdist.scheduler import LoadFileScheduling

from derive.derivation import CheckReport, CheckResult

# Hypothesis draws the same examples on every run (a property test that passed here passes in CI);
# EPHKIT_HYPOTHESIS=explore draws new ones each run, to hunt for bugs.
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("EPHKIT_HYPOTHESIS", "repeatable"))

#: How long a test waits for the session's ``ephkit check --json`` before giving up.
WAIT_SECONDS = 1800.0
#: Environment variable naming the directory of the session's check output (set by the controller).
ENV_VAR = "EPHKIT_TEST_CHECK_DIR"
ARGS = [sys.executable, "-m", "derive.app.cli", "check", "--json"]
#: The test files that read the check (a run of other files only does not start it).
READERS = ("app/test_cli.py", "app/test_crosscheck.py", "app/test_verdict.py", "derive/test_metals.py",
           "derive/test_registry.py")


#: Work units of several test files, by name and node-id prefixes: the kernel-factory tests and the other
#: files that build the whole catalogue run in one process, so that the derivations (~14 s) and the
#: kernels (~40 s) are built once.
GROUPS = {"catalogue": ("tests/derive/kernels/", "tests/derive/test_checker.py",
                        "tests/derive/test_formulas.py", "tests/derive/test_rendering.py")}
#: Tests whose every parameter is a work unit of its own (a worksheet execution takes 4-50 s).
SPLIT = ("tests/app/test_worksheets.py::test_worksheet_executes_with_figures[",)
#: Work units that start first, longest first (measured on two cores with a cold numba cache), by
#: their name or its end; every other unit follows in collection order, the :data:`READERS` last.
FIRST = ("catalogue", "[06_real_metals]", "tests/app/test_worksheets.py",
         "tests/numeric/test_transport_umklapp.py", "[05_eliashberg_and_tc]", "[03_lindhard_and_plasmons]",
         "[01_debye_heat_capacity]", "tests/numeric/test_transport_lattice.py", "[02_coupling_and_screening]",
         "tests/numeric/test_fuzz_phonons.py", "[04_scattering_rate_and_resistivity]", "[00_tour]")


def work_unit(nodeid: str) -> str:
    """The xdist work unit of a test, from its node id (all the controller sees): its file, a group of
    :data:`GROUPS` or, for a test of :data:`SPLIT`, the test itself."""
    if nodeid.startswith(SPLIT):
        return nodeid
    return next((name for name, prefixes in GROUPS.items() if nodeid.startswith(prefixes)),
                nodeid.split("::", 1)[0])


def _rank(unit: str) -> int:
    """Where a work unit starts: by :data:`FIRST`, then a test of :data:`SPLIT` not listed there (a new
    worksheet), then the rest, then the :data:`READERS`."""
    first = [i for i, name in enumerate(FIRST) if unit == name or unit.endswith(name)]
    if first:
        return first[0]
    if unit.startswith(SPLIT):
        return len(FIRST)
    return len(FIRST) + 1 + any(unit == f"tests/{r}" for r in READERS)


class WorkUnitScheduling(LoadFileScheduling):
    """``--dist loadfile`` with the work units of :func:`work_unit` (whole files but for :data:`GROUPS`
    and :data:`SPLIT`), handed out in the order of the collection (``--no-loadscope-reorder``)."""

    def _split_scope(self, nodeid: str) -> str:
        return work_unit(nodeid)


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> WorkUnitScheduling | None:
    """The scheduler of :class:`WorkUnitScheduling` for ``--dist loadfile`` (pyproject.toml)."""
    return WorkUnitScheduling(config, log) if config.getvalue("dist") == "loadfile" else None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """In an xdist worker, the collection in the order the work units start (:func:`_rank`)."""
    if hasattr(config, "workerinput"):
        items.sort(key=lambda item: _rank(work_unit(item.nodeid)))  # stable: collection order within


def _selected(config: pytest.Config) -> bool:
    """Whether the run's paths include a test file that reads the check."""
    if config.option.collectonly:
        return False
    here = Path(__file__).resolve().parent
    readers = [here / r for r in READERS]
    paths = [Path(arg.split("::")[0]).resolve() for arg in config.args] or [here]
    return any(r == p or p in r.parents for r in readers for p in paths)


def pytest_configure(config: pytest.Config) -> None:
    """Start the check in the background, once per session: in the xdist controller, or alone."""
    if hasattr(config, "workerinput") or os.environ.get(ENV_VAR) or not _selected(config):
        return
    directory = Path(tempfile.mkdtemp(prefix="ephkit-check-"))
    os.environ[ENV_VAR] = str(directory)  # inherited by the xdist workers started after this
    stdout = open(directory / "stdout", "w", encoding="utf-8")  # closed by _wait_and_mark
    stderr = open(directory / "stderr", "w", encoding="utf-8")
    process = subprocess.Popen(ARGS, stdout=stdout, stderr=stderr)
    config._ephkit_check = (process, stdout, stderr, directory)  # type: ignore[attr-defined]
    _wait_and_mark(process, stdout, stderr, directory)


def _wait_and_mark(process: subprocess.Popen, stdout: object, stderr: object, directory: Path) -> None:
    """Write ``returncode`` when the check ends (a thread of the controller waits for it)."""
    import threading

    def wait() -> None:
        code = process.wait()
        stdout.close()
        stderr.close()
        partial = directory / "returncode.partial"
        partial.write_text(str(code), encoding="utf-8")
        partial.replace(directory / "returncode")

    threading.Thread(target=wait, daemon=True).start()


def pytest_unconfigure(config: pytest.Config) -> None:
    started = getattr(config, "_ephkit_check", None)
    if started is not None and started[0].poll() is None:  # the session ended first (-x, Ctrl-C)
        started[0].kill()


@pytest.fixture(scope="session")
def cold_check() -> subprocess.CompletedProcess[str]:
    """``ephkit check --json`` in a fresh interpreter (all cores): the README's main job, run once."""
    if not os.environ.get(ENV_VAR):  # not started with the session (a node id outside READERS)
        proc = subprocess.run(ARGS, capture_output=True, text=True, check=False)
        return subprocess.CompletedProcess(ARGS, proc.returncode, proc.stdout, proc.stderr)
    directory = Path(os.environ[ENV_VAR])
    done = directory / "returncode"
    deadline = time.monotonic() + WAIT_SECONDS
    while not done.exists():
        if time.monotonic() > deadline:
            pytest.fail(f"no result of `ephkit check --json` in {directory} after {WAIT_SECONDS:g} s")
        time.sleep(0.2)
    code = int(done.read_text(encoding="utf-8"))
    out, err = ((directory / name).read_text(encoding="utf-8") for name in ("stdout", "stderr"))
    return subprocess.CompletedProcess(ARGS, code, out, err)


@pytest.fixture(scope="session")
def reports(cold_check: subprocess.CompletedProcess[str]) -> dict[str, CheckReport]:
    """Each derivation's ``CheckReport`` (check and numeric cross-check), from :func:`cold_check`.

    ``ephkit check --json`` prints ``CheckReport.as_dict()`` of each; exit status 1 (some
    derivation failed) still prints every report, so a failing derivation fails by name.
    """
    if cold_check.returncode not in (0, 1):
        pytest.fail(f"ephkit check --json exited {cold_check.returncode}:\n"
                    f"{cold_check.stdout[-3000:]}{cold_check.stderr[-3000:]}")
    return {
        entry["name"]: CheckReport(entry["name"], [CheckResult(**c) for c in entry["checks"]],
                                   entry["seconds"])
        for entry in json.loads(cold_check.stdout)
    }
