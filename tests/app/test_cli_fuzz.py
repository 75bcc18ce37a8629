"""Fuzzing the command line: any argument list gives output and status 0, or one error line and 1 or 2.

Hypothesis draws argument lists for every command from its own options, their values (good and
bad), derivation and kernel names (real, misspelt, empty, odd Unicode) and stray tokens. Whatever the
list, ``ephkit`` must return 0 (work done), 1 (a check failed, a file could not be written) or 2 (a
usage error), and on failure print exactly one line ``ephkit: error: ...`` and no traceback. The slow
work behind the commands (checking the catalogue, mutation runs, executing notebooks, regenerating
the kernels) is replaced by stubs here: this file fuzzes the command line, not the checker.
"""

from __future__ import annotations

import copy
from pathlib import Path

import click
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from derive.app import cli as cli_module
from derive.app import verdict as verdict_module
from derive.app.cli import main
from derive.derivation import CheckReport, CheckResult

#: Real names whose derivation and kernels build in well under a second (the others take seconds
#: each, and the command line treats every name alike).
NAMES = ["frohlich_coupling", "deformation_potential_coupling", "plasmon_dispersion", "thomas_fermi_limit",
         "deformation_potential_rate_high_T", "frohlich_coupling_screened"]
ODD = ["", " ", "-", "--", "-x", "nope", "frohlich", "Frohlich_Coupling", "lindhard_static ", "π", "原",
       "a" * 300, "../x", "\x00", "\n", "--json=1", "-j0", "-j", "0", "-1", "1e300", "nan", "None"]
TOKENS = st.one_of(st.sampled_from(NAMES), st.sampled_from(ODD),
                   st.text(st.characters(blacklist_categories=("Cs",)), max_size=12))
NUMBERS = st.sampled_from(["1", "2", "0", "-3", "x", "", "1.5", "99999999999999999999", "nan"])

#: Each command with the options it takes (and the values they accept, to be drawn good or bad).
COMMANDS: dict[tuple[str, ...], dict[str, st.SearchStrategy[str] | None]] = {
    (): {"--version": None, "--help": None},
    ("list",): {"--help": None},
    ("show",): {"--steps": None, "--latex": None, "--help": None},
    ("check",): {"--json": None, "--mutants": None, "-j": NUMBERS, "--jobs": NUMBERS, "--sample": NUMBERS,
                 "--seed": NUMBERS},
    ("codegen",): {"--backend": st.sampled_from(["numba", "numpy", "c", "fortran", ""]),
                   "--expr": st.sampled_from(["sqrt(x)", "x**2 + y", "1/0", "x*", "__import__('os')",
                                              "10**10**10", ""]),
                   "--args": st.sampled_from(["x", "x,y", "x,x", "", ",", "def", "1x"]),
                   "--function-name": st.sampled_from(["kernel", "f", "1f", "class", ""]),
                   "--check": None, "--write": None, "--list": None,
                   "-o": st.sampled_from(["out.py", "sub"])},
    ("worksheets", "list"): {"--help": None},
    ("worksheets", "export"): {"--execute": None, "--force": None, "--timeout": NUMBERS},
    ("materials", "list"): {"--help": None},
    ("materials", "show"): {"--help": None},
    ("materials", "scales"): {"--help": None},
    ("materials", "lorenz"): {"--help": None},
    ("fit", "resistivity"): {"--metal": st.sampled_from(["Cu", "al", "copper", "Nb", "coper", ""]),
                             "--n": NUMBERS, "--tmin": NUMBERS,
                             "--omega-p": st.sampled_from(["1.6e16", "0", "-1", "nan", "inf", "x"]),
                             "--temperature-unit": st.sampled_from(["K", "C", ""]),
                             "--resistivity-unit": st.sampled_from(["ohm m", "µΩ cm", "furlong", ""]),
                             "--figure": st.sampled_from(["fit.png", "no/such/dir/fit.png", ""])},
}


@st.composite
def argv(draw: st.DrawFn) -> list[str]:
    command = draw(st.sampled_from(sorted(COMMANDS)))
    options = COMMANDS[command]
    args = list(command)
    if command == ("worksheets", "export"):
        args.append(draw(st.sampled_from(["out", "out/deeper", ""])))
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["option", "token"]))
        if kind == "option" and options:
            option = draw(st.sampled_from(sorted(options)))
            args.append(option)
            if options[option] is not None and draw(st.booleans()):
                args.append(draw(options[option]))
        else:
            args.append(draw(TOKENS))
    return args


def _stub_report(name: str) -> CheckReport:
    results = [CheckResult("step 1", True, "symbolic"), CheckResult("textbook", True, "symbolic")]
    return CheckReport(name, results, 0.01)


@pytest.fixture
def stubs(monkeypatch, tmp_path):
    """The command line over stub work, run in a scratch directory (nothing outside it is written)."""
    from derive import kernels
    from derive.app import mutants
    from derive.app import worksheets as ws

    def verdicts(names, jobs=None):
        verdict_module.validated(names, jobs)
        return (copy.deepcopy(_stub_report(n)) for n in names)

    def scores(names, jobs=1, sample=None, seed=0):
        verdict_module.validated(names, jobs)
        return iter([])

    def export(directory, names=(), *, run=False, timeout=600, overwrite=False, progress=None):
        chosen = [ws.find(n) for n in names] if names else ws.worksheets()
        Path(directory).mkdir(parents=True, exist_ok=True)
        return [Path(directory) / f"{w.name}.ipynb" for w in chosen]

    monkeypatch.setattr(verdict_module, "verdicts", verdicts)
    monkeypatch.setattr(mutants, "iter_mutation_scores", scores)
    monkeypatch.setattr(ws, "export", export)
    monkeypatch.setattr(kernels, "write_generated", lambda: [])
    monkeypatch.setattr(kernels, "check_generated", lambda: [])
    monkeypatch.chdir(tmp_path)


def test_the_stubs_keep_the_commands_own_validation(stubs, capsys):
    """The stubs replace work, not checks: a bad name or job count still fails as the real command."""
    assert main(["check", "nope"]) == 2
    assert "nope" in capsys.readouterr().err
    assert main(["check", "frohlich_coupling", "-j", "0"]) == 2


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(args=argv())
def test_any_argument_list_gives_a_status_and_at_most_one_error_line(stubs, capsys, args):
    try:
        status = main(args)
    except BaseException as exc:  # the point: nothing may escape
        pytest.fail(f"ephkit {args!r} raised {type(exc).__name__}: {exc}")
    out, err = capsys.readouterr()
    assert status in (0, 1, 2), (args, status, out, err)
    assert "Traceback" not in out + err, args
    if status != 0:
        lines = [line for line in err.splitlines() if line.strip()]
        errors = [line for line in lines if line.startswith("ephkit: ")]
        assert len(errors) == 1, (args, err)
        assert len(errors[0]) < 2000, args
    elif args and args[0] != "check" and "--help" not in args and "--version" not in args:
        assert out, args  # a command that worked says what it did (`codegen --write` was silent)


def test_bad_numbers_name_the_option(stubs, capsys):
    for args in (["check", "-j", "x"], ["check", "--mutants", "--sample", "0"], ["check", "--seed", "1.5"],
                 ["worksheets", "export", "out", "--timeout", "-3"]):
        assert main(args) == 2, args
        err = capsys.readouterr().err
        option = args[-2]  # the option given the bad value
        assert err.startswith("ephkit: error:") and (option in err or option.lstrip("-") in err), (args, err)


def test_click_exceptions_are_all_handled():
    """Every click exception class main() can meet is handled (a new click must not bring a traceback)."""
    handled = (click.UsageError, click.ClickException, click.exceptions.Abort)
    for cls in (click.BadParameter, click.MissingParameter, click.NoSuchOption, click.BadOptionUsage,
                click.BadArgumentUsage, click.FileError):
        assert issubclass(cls, handled), cls
    assert cli_module.main(["--version"]) == 0
