"""Shared fixtures: every derivation is checked once per test run, by the README's main command.

``ephkit check --json`` runs once per session, in a fresh interpreter, and starts when the
session starts (:func:`pytest_configure`), so that it runs beside the other tests instead of
holding up the first test that needs it. The tests that need it (the registry's
``test_check_passes``, the CLI's and the cross-checks' tests) read its result through the
:func:`cold_check` and :func:`reports` fixtures: no derivation and no cross-check is checked twice.

The suite runs on two pytest-xdist workers, one test file per worker at a time (``-n 2 --dist
loadfile`` in pyproject.toml, so module-scoped fixtures and module-level state stay whole). The
controller starts the check; the workers find its output files through :data:`ENV_VAR`. Without
xdist the one process does both.
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
READERS = ("app/test_cli.py", "app/test_crosscheck.py", "app/test_verdict.py", "derive/test_registry.py")


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
