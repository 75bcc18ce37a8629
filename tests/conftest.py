"""Shared fixtures: every derivation is checked once per test run, by the README's main command.

``ephkit check --json`` runs once, in a fresh interpreter (:func:`cold_check`); the parametrised
``test_check_passes`` (test_registry.py) reads its reports through :func:`reports` and
``test_main_job_cold_all_pass`` (test_cli.py) its output, so the full check, the slowest job of
the suite, is not done twice.

The suite runs on two pytest-xdist workers, one test file per worker at a time (``-n 2 --dist
loadfile`` in pyproject.toml, so module-scoped fixtures and module-level state stay whole).
Session fixtures exist once per worker; :func:`cold_check` makes the
first worker that needs it run the check and the other one read its result.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from derive.derivation import CheckReport, CheckResult

#: How long a worker waits for the other worker's ``ephkit check --json`` before giving up.
WAIT_SECONDS = 1800.0


def _run_cold_check() -> dict[str, object]:
    args = [sys.executable, "-m", "derive.app.cli", "check", "--json"]
    proc = subprocess.run(args, capture_output=True, text=True, check=False)
    return {"args": args, "returncode": proc.returncode, "stdout": proc.stdout, "stderr": proc.stderr}


def _shared_cold_check(directory: Path) -> dict[str, object]:
    """Run the check once for all xdist workers of this run (``directory`` is shared by them)."""
    result = directory / "ephkit-check.json"
    try:
        (directory / "ephkit-check.lock").mkdir()  # atomic: exactly one worker gets to run it
    except FileExistsError:
        deadline = time.monotonic() + WAIT_SECONDS
        while not result.exists():
            if time.monotonic() > deadline:
                pytest.fail(f"no result of `ephkit check --json` from another worker in {result}")
            time.sleep(0.2)
    else:
        data: dict[str, object] = {"args": [], "returncode": -1, "stdout": "",
                                   "stderr": "the worker running `ephkit check --json` was interrupted"}
        try:
            data = _run_cold_check()
        finally:  # even when interrupted, so that the other worker does not wait in vain
            partial = result.with_suffix(".partial")
            partial.write_text(json.dumps(data), encoding="utf-8")
            partial.replace(result)
    return json.loads(result.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def cold_check(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    """``ephkit check --json`` in a fresh interpreter (cold caches): the README's main job, run once."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        data = _run_cold_check()
    else:  # the workers' base temporary directories are siblings in one directory of this run
        data = _shared_cold_check(tmp_path_factory.getbasetemp().parent)
    return subprocess.CompletedProcess(data["args"], data["returncode"], data["stdout"], data["stderr"])


@pytest.fixture(scope="session")
def reports(cold_check: subprocess.CompletedProcess[str]) -> dict[str, CheckReport]:
    """``Derivation.check()`` (with its numeric cross-check) of every derivation, from :func:`cold_check`.

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
