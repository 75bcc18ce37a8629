"""``ephkit codegen`` on the command line: --list, refusals as one error line with status 2, headers.

The slow part (building registry kernels) is avoided: --list reads numeric/_generated, and the other
tests use user expressions or one cheap kernel.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from derive.app.cli import main
from derive.kernels import registry


def _one_error_line(capsys) -> str:
    err = capsys.readouterr().err
    assert err.startswith("ephkit: error: ") and err.count("\n") == 1, err
    return err


def test_list_names_every_kernel_with_its_derivation_and_arguments(capsys):
    assert main(["codegen", "--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    builders = registry.builders()
    assert len(lines) == len(builders)
    for line, b in zip(lines, builders, strict=True):
        assert line.startswith(f"{b.name}(") and line.endswith(f"derivation {b.derivation}")
    assert any(line.startswith("lindhard_dynamic_real(x, nu) ") for line in lines)
    frohlich = "frohlich_coupling(q, omega_LO, epsilon_inf, epsilon_s, V) "
    assert any(line.startswith(frohlich) for line in lines)


def test_every_listed_name_is_accepted_by_codegen(capsys):
    """The names --list prints are what `ephkit codegen NAME` takes (one cheap kernel checked)."""
    assert main(["codegen", "--list"]) == 0
    listed = [line.split("(", 1)[0] for line in capsys.readouterr().out.splitlines()]
    assert "plasma_frequency" in listed
    assert main(["codegen", "plasma_frequency"]) == 0
    assert "def plasma_frequency_scalar(n, m)" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [
    ["codegen", "--list", "lindhard_static"],
    ["codegen", "--list", "--check"],
    ["codegen", "--list", "--expr", "x"],
    ["codegen", "--write", "--check"],
    ["codegen", "lindhard_static", "--args", "x"],
    ["codegen", "lindhard_static", "--expr", "x", "--args", "x"],
    ["codegen"],
])
def test_usage_errors_are_one_line_with_status_2(argv, capsys):
    assert main(argv) == 2
    _one_error_line(capsys)


@pytest.mark.parametrize(("expr", "args", "message"), [
    ("10**10**10", "x", "overflows"),
    ("x*10**10**8", "x", "overflows"),
    ("9**9**9**9", "x", "overflows"),
    ("x*10**400", "x", "beyond double range"),
    ("1/0", "x", "division by zero"),
    ("tan(pi/2)*x", "x", "zoo"),
    ("x + y", "x,x", "given twice"),
    ("x", "x,out", "generated code uses"),
    ("x", "x,def", "Python keyword"),
    ("x", "double", "C keyword"),
    ("x", "np", "generated code uses"),
    ("x # comment", "x", "character '#'"),
])
def test_refused_expressions_are_one_error_line(expr, args, message, capsys):
    assert main(["codegen", "--expr", expr, "--args", args]) == 2
    assert message in _one_error_line(capsys)


def test_refused_function_name_is_one_error_line(capsys):
    assert main(["codegen", "--expr", "x", "--args", "x", "--function-name", "int"]) == 2
    assert "function name 'int'" in _one_error_line(capsys)


def test_the_reported_hang_answers(tmp_path):
    """`--expr 10**10**10` ran for minutes with no output: now a refusal, in a fresh process too."""
    proc = subprocess.run([sys.executable, "-m", "derive.app.cli", "codegen", "--expr", "10**10**10",
                           "--args", "x"], capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 2 and proc.stderr.startswith("ephkit: error:") and "overflows" in proc.stderr


@pytest.mark.parametrize("backend", ["numba", "numpy", "c"])
def test_output_says_generated_and_the_command(backend, capsys):
    assert main(["codegen", "--expr", "sqrt(x)*y", "--args", "x,y", "--backend", backend]) == 0
    head = "\n".join(capsys.readouterr().out.splitlines()[:2])
    assert "GENERATED CODE" in head
    suffix = "" if backend == "numba" else f" --backend {backend}"
    assert f"Regenerate with: ephkit codegen --expr 'sqrt(x)*y' --args x,y{suffix}" in head
