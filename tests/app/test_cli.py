"""The ephkit command line: output, JSON, exit status, one-line errors."""

from __future__ import annotations

import copy
import json
import subprocess
import sys

import pytest

import derive
from derive.app import verdict as verdict_module
from derive.app.cli import main
from derive.derivation import CheckResult


def test_list_builds_nothing(capsys, monkeypatch):
    """`ephkit list` prints every name with its topic and one-line result from the builders' metadata:
    no derivation is built (it took ~7 s when it built them all)."""
    from derive import registry

    monkeypatch.setattr(registry, "_CACHE", {})
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    for name in derive.catalog():
        assert name in out and registry.summary(name) in out
    assert "[screening]" in out and registry._CACHE == {}


def test_bare_command_shows_help_and_version(capsys):
    assert main([]) == 0
    assert "Commands:" in capsys.readouterr().out
    assert main(["--version"]) == 0
    assert "ephkit, version" in capsys.readouterr().out


def test_show_statement_and_steps(capsys):
    assert main(["show", "frohlich_coupling"]) == 0
    out = capsys.readouterr().out
    assert "result:" in out and "textbook:" in out and "steps:" not in out
    assert "regime: epsilon_s > epsilon_inf" in out
    assert main(["show", "frohlich_coupling", "--steps"]) == 0
    out = capsys.readouterr().out
    assert "Lyddane-Sachs-Teller" in out and "(1)" in out
    assert "model:" in out and "[from " in out  # the model objects, and what each step is built from


def test_show_states_an_unrestricted_regime(capsys):
    assert main(["show", "lindhard_static"]) == 0
    assert "regime: no restriction" in capsys.readouterr().out


def test_show_latex(capsys):
    assert main(["show", "deformation_potential_coupling", "--latex", "--steps"]) == 0
    assert r"\begin{aligned}" in capsys.readouterr().out


def test_show_standalone_is_a_document_that_compiles(capsys, tmp_path):
    """`ephkit show NAME --standalone` prints a whole LaTeX document; pdflatex compiles it (if installed:
    CI installs it; tests/derive/test_rendering.py compiles the whole catalogue with both engines)."""
    import shutil

    assert main(["show", "lindhard_static", "--standalone"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("\\documentclass") and text.endswith("\\end{document}\n")
    if shutil.which("pdflatex"):
        (tmp_path / "d.tex").write_text(text, encoding="utf-8")
        done = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "d.tex"],
                              cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stdout[-2000:]
        assert (tmp_path / "d.pdf").stat().st_size > 0


@pytest.fixture
def session_verdicts(monkeypatch, reports):
    """`ephkit check` with the verdicts of the session's one cold check (no derivation is re-checked)."""
    def verdicts(names, jobs=None):
        yield from (copy.deepcopy(reports[n]) for n in reversed(names))  # out of order, as workers finish

    monkeypatch.setattr(verdict_module, "verdicts", verdicts)
    return reports


def test_check_named_json(capsys, session_verdicts):
    assert main(["check", "frohlich_coupling", "deformation_potential_coupling", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["name"] for d in data] == ["frohlich_coupling", "deformation_potential_coupling"]  # as asked
    for entry in data:
        assert entry["status"] == "pass"
        checks = {c["check"] for c in entry["checks"]}
        assert checks >= {"textbook", "dimensions", "chain", "numeric cross-check"}


def test_check_table_rows_as_they_finish(capsys, session_verdicts):
    assert main(["check", "frohlich_screened_thomas_fermi", "debye_T3_law", "-j", "2"]) == 0
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line.endswith(" pass")]
    assert [r.split()[0] for r in rows] == ["debye_T3_law", "frohlich_screened_thomas_fermi"]  # finish order
    assert "2 of 2 derivations pass" in out and "2 processes" in out
    assert "\r" not in out and "derivation/s" not in out  # no progress bar when not on a terminal


def test_check_fails_with_status_1_and_the_failure_in_full(capsys, monkeypatch, session_verdicts):
    bad = copy.deepcopy(session_verdicts["frohlich_coupling"])
    bad.results[0] = CheckResult(bad.results[0].check, False, "symbolic", "sides differ")
    monkeypatch.setattr(verdict_module, "verdicts", lambda names, jobs=None: iter([bad]))
    assert main(["check", "frohlich_coupling"]) == 1
    out = capsys.readouterr().out
    assert "0 of 1 derivations pass" in out and "[FAIL] step 1: symbolic -- sides differ" in out


def test_a_crashing_derivation_is_a_failed_verdict_not_a_crash():
    report = verdict_module._guarded("no_such_derivation")
    assert not report.passed and "UnknownDerivationError" in report.results[0].detail


def test_verdicts_validates_names_and_jobs():
    with pytest.raises(derive.UnknownDerivationError, match="lindhard_static"):
        next(verdict_module.verdicts(["lindhard_statik"]))
    with pytest.raises(ValueError, match="jobs = 0"):
        next(verdict_module.verdicts(["frohlich_coupling"], jobs=0))


def test_unknown_name_is_one_line_error(capsys):
    assert main(["check", "lindhard_statik"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "lindhard_static" in err


def test_unknown_option_is_one_line_error(capsys):
    assert main(["check", "--bogus"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("ephkit: error:") and err.count("\n") == 0


def test_console_entry_runs_as_module_without_traceback():
    proc = subprocess.run([sys.executable, "-m", "derive.app.cli", "show", "nope"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "unknown derivation" in proc.stderr


def test_main_job_cold_all_pass(cold_check):
    """`ephkit check --json` in a fresh interpreter: every derivation listed with status pass.

    The run is the session fixture ``cold_check`` (tests/conftest.py), whose reports the
    registry's ``test_check_passes`` also reads: the full check runs once per test session.
    """
    proc = cold_check
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    data = json.loads(proc.stdout)
    assert [d["name"] for d in data] == derive.catalog()
    assert all(d["status"] == "pass" for d in data)
    debye = next(d for d in data if d["name"] == "debye_T3_law")
    numeric = [c for c in debye["checks"] if c["check"] == "numeric cross-check"]
    assert numeric and numeric[0]["passed"] and "Θ_D(0)/1000" in numeric[0]["detail"]
    # the electron-gas derivations are cross-checked by the k-space integrators of numeric.response
    for name in ("lindhard_static", "thomas_fermi_limit", "lindhard_small_q_expansion", "plasmon_dispersion",
                 "frohlich_screened_thomas_fermi"):
        entry = next(d for d in data if d["name"] == name)
        cross = [c for c in entry["checks"] if c["check"] == "numeric cross-check"]
        assert cross and cross[0]["passed"] and "max |ratio − 1|" in cross[0]["detail"], name


def test_unwritable_output_is_one_line(capsys, tmp_path):
    """An output path that cannot be written gives one line naming it and exit status 1, no traceback."""
    missing = tmp_path / "no" / "such" / "dir" / "x.py"
    assert main(["codegen", "lindhard_static", "-o", str(missing)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "ephkit: error: No such file or directory" in err and str(missing) in err


# ------------------------------------------------------------------ stated formulas (fits, not derived)

def test_list_prints_the_stated_formulas_in_their_own_section(capsys):
    """After the derivations, a section of the stated formulas: name, [topic, stated fit], title; source."""
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    derivations, section = out.split("\nstated formulas", 1)
    assert all(name in derivations for name in derive.catalog())
    for name in derive.formulas():
        f = derive.get_formula(name)
        (row,) = [line for line in section.splitlines() if line.startswith(name + " ")]
        assert f"[{f.topic}, stated fit]" in row and f.title in row and f.source in row
        assert not any(line.startswith(name + " ") for line in derivations.splitlines())


def test_show_a_stated_formula(capsys):
    """`ephkit show NAME` of a formula: its expression, source, fit range and the derivations on it."""
    assert main(["show", "mcmillan_tc"]) == 0
    out = capsys.readouterr().out
    f = derive.get_formula("mcmillan_tc")
    assert "a stated formula (a fit), not a derivation" in out and f.source in out
    assert "formula:   T_c = " in out and "fit range:" in out and "[lambda <= 3/2]" in out
    assert "model of:  mcmillan_inversion" in out
    assert main(["show", "allen_dynes_tc", "--steps"]) == 0
    out = capsys.readouterr().out
    assert "model of:  allen_dynes_limits" in out and "steps: none" in out and "omega2_bar [1/s]" in out
    assert main(["show", "allen_dynes_tc", "--latex"]) == 0
    assert capsys.readouterr().out.startswith("T_{c} = ")


def test_a_stated_formula_has_no_document_and_no_check(capsys):
    assert main(["show", "mcmillan_tc", "--standalone"]) == 2
    assert "stated formula, not a derivation" in capsys.readouterr().err
    assert main(["check", "mcmillan_tc"]) == 2
    err = capsys.readouterr().err
    assert "has no steps to check" in err and err.count("\n") == 1


def test_show_unknown_name_suggests_derivations_and_formulas(capsys):
    assert main(["show", "mcmillan_formula"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "mcmillan_tc" in err and "mcmillan_inversion" in err
