"""The kernel factory: kernels verified, generated files current, backends agree, user input safe."""

from __future__ import annotations

import functools
import importlib.util
import shutil
import subprocess
import sys

import numpy as np
import pytest
import sympy as sp

import derive
from derive import kernels as factory
from derive.app.cli import main
from derive.kernels import emit, registry

#: Kernel names, from the registry's declared builders: the kernels themselves are built only when a
#: test needs them (some design their switch points with mpmath), on the worker that runs this file.
BUILDERS = registry.builders()
KERNELS = [b.name for b in BUILDERS]


@functools.cache
def _built(name: str) -> factory.Kernel:
    return next(k for k in factory.kernels_for(name) if k.name == name)


@pytest.fixture
def k(request: pytest.FixtureRequest) -> factory.Kernel:
    """The kernel named by the (indirect) parameter, built once per test session."""
    return _built(request.param)


def test_generated_files_are_up_to_date(capsys):
    assert main(["codegen", "--check"]) == 0, capsys.readouterr().out


def test_check_detects_a_stale_file(tmp_path, monkeypatch):
    monkeypatch.setattr(emit, "GENERATED_DIR", tmp_path)
    assert factory.check_generated()  # nothing written yet: all stale
    factory.write_generated()
    assert factory.check_generated() == []
    victim = tmp_path / "coupling.py"
    victim.write_text(victim.read_text().replace("math.sqrt", "math.cbrt", 1))
    assert factory.check_generated() == [victim]


def test_a_changed_vecmath_makes_the_kernels_stale(tmp_path, monkeypatch):
    """numba caches a kernel by its own file; _vecmath's hash in that file forces regeneration."""
    changed = tmp_path / "_vecmath.py"
    changed.write_text(factory.VECMATH_FILE.read_text() + "\n# edited\n")
    monkeypatch.setattr(emit, "VECMATH_FILE", changed)
    stale = factory.check_generated()
    assert factory.GENERATED_DIR / "screening.py" in stale  # the module whose kernels inline vmath.log


def test_generated_constants_are_the_pinned_table(load):
    """numeric/_generated/constants.py holds derive.constants.CODATA, value for value."""
    from derive.constants import CODATA, CODATA_EDITION

    module = load((factory.GENERATED_DIR / "constants.py").read_text(), "generated_constants")
    assert module.EDITION == CODATA_EDITION
    assert module.__all__ == ["EDITION", *(c.name for c in CODATA)]
    assert all(getattr(module, c.name) == c.value for c in CODATA)


def test_generated_header_names_derivation_and_command():
    text = (factory.GENERATED_DIR / "coupling.py").read_text()
    assert "GENERATED CODE" in text and "ephkit codegen --write" in text
    assert "deformation_potential_coupling" in text


@pytest.mark.parametrize("k", KERNELS, indirect=True)
def test_every_branch_verified_against_closed_form(k):
    results = k.verify()
    assert all(r.passed for r in results), [str(r) for r in results if not r.passed]


def test_every_derivation_has_a_kernel():
    covered = {b.derivation for b in BUILDERS}
    missing = set(derive.catalog()) - covered
    assert not missing, f"derivations without a generated kernel: {sorted(missing)}"


def test_kernels_for_builds_only_the_matching_kernels(monkeypatch):
    """`ephkit codegen NAME` runs only NAME's builders (declared names), not the costly others."""
    built = []
    for topic, builders in list(registry._KERNELS.items()):
        monkeypatch.setitem(registry._KERNELS, topic, [
            registry.Builder(b.name, b.derivation, lambda b=b: built.append(b.name) or b.build())
            for b in builders])
    assert [k.name for k in factory.kernels_for("thomas_fermi_limit")] == [
        "thomas_fermi_wavevector", "dielectric_thomas_fermi"]
    assert [k.name for k in factory.kernels_for("plasmon_frequency")] == ["plasmon_frequency"]
    assert built == ["thomas_fermi_wavevector", "dielectric_thomas_fermi", "plasmon_frequency"]


def test_kernel_topic_is_its_spec_module():
    """Every builder is registered under its module's topic, and every topic has a generated module."""
    assert set(factory.TOPICS) == set(registry.topics())
    generated = factory.generated_files()  # every module printed: once, not once per topic
    for topic in factory.TOPICS:
        builders = registry.builders(topic)
        assert builders and {b.build.__module__ for b in builders} == {f"derive.kernels.{topic}"}
        assert factory.GENERATED_DIR / f"{topic}.py" in generated


def test_a_builder_registered_under_a_wrong_name_fails():
    right = next(b for bs in registry._KERNELS.values() for b in bs if b.name == "plasma_frequency")
    wrong = registry.Builder("plasma_freq", right.derivation, right.build)
    with pytest.raises(ValueError, match="registered as"):
        wrong()


@pytest.fixture(scope="module")
def load(tmp_path_factory, import_source):
    """Import generated source from a real file (numba's cache=True needs one)."""
    directory = tmp_path_factory.mktemp("kernels")
    return lambda source, name: import_source(source, directory, name)


@pytest.fixture(scope="module")
def numpy_backend(load):
    """``k -> the module of factory.numpy_source(k)``, printed and imported once per kernel."""
    modules = {}

    def get(k):
        if k.name not in modules:
            modules[k.name] = load(factory.numpy_source(k), f"np_{k.name}")
        return modules[k.name]

    return get


def _committed_loop(k):
    """The kernel's array loop from numeric/_generated: compiled (and cached) once, not per test.

    It is the numba source the factory prints now: test_generated_files_are_up_to_date fails otherwise.
    """
    for topic in factory.TOPICS:
        module = importlib.import_module(f"numeric._generated.{topic}")
        if hasattr(module, f"{k.name}_loop"):
            return getattr(module, f"{k.name}_loop")
    raise AssertionError(f"kernel {k.name} is not in numeric/_generated")


@pytest.mark.parametrize("k", KERNELS, indirect=True)
def test_numpy_backend_agrees_with_numba_kernel(k, numpy_backend):
    numba_loop = _committed_loop(k)
    numpy_mod = numpy_backend(k)
    rng = np.random.default_rng(1)
    args = [10 ** rng.uniform(-1, 1, 64) for _ in k.args]
    if "epsilon_s" in {str(a) for a in k.args}:  # polar couplings need eps_s > eps_inf
        names = [str(a) for a in k.args]
        args[names.index("epsilon_s")] = args[names.index("epsilon_inf")] + 1.0
    out = numba_loop(*args, np.empty(64))
    ref = numpy_mod.__dict__[k.name](*args)
    np.testing.assert_allclose(out, ref, rtol=1e-13)


# Re f and Im f where factors vanish (the continuum edges |x -+ nu| = 1, x + nu = 1), at m = nu - x = 0,
# at the corner x -> 0, nu = 1 and far out: every backend must keep the kernel's evaluation order there
EDGE_POINTS = np.array([(0.5, 0.5), (0.5, 1.5), (2.0, 1.0), (0.3, 0.7), (1.0, 0.0), (1e-12, 1.0),
                        (3.0, 2.0), (1e8, 1.0), (1e-6, 1e8), (0.25, 0.25 + 1e-15), (1.0, 2.0), (0.7, 0.3)])
DYNAMIC = [name for name in KERNELS if name.startswith("lindhard_dynamic")]


@pytest.mark.parametrize("k", DYNAMIC, indirect=True)
def test_numpy_backend_agrees_on_the_continuum_edges(k, numpy_backend):
    numpy_mod = numpy_backend(k)
    x, nu = (np.ascontiguousarray(EDGE_POINTS[:, i]) for i in range(2))
    out = _committed_loop(k)(x, nu, np.empty(len(x)))
    ref = numpy_mod.__dict__[k.name](x, nu)
    assert np.all(np.isfinite(ref))
    np.testing.assert_allclose(ref, out, rtol=1e-14, atol=1e-300)


@pytest.mark.skipif(shutil.which("gcc") is None, reason="no C compiler")
@pytest.mark.parametrize("k", KERNELS, indirect=True)
def test_c_backend_compiles_and_agrees(k, tmp_path):
    """The C kernel agrees with the numba kernel (the committed one: compiled and cached once, not per
    test; it is the numba source the factory prints now, or test_generated_files_are_up_to_date fails)."""
    n = len(k.args)
    rng = np.random.default_rng(2)
    points = 10 ** rng.uniform(-1, 1, (40, n))
    names = [str(a) for a in k.args]
    if "epsilon_s" in names:
        points[:, names.index("epsilon_s")] = points[:, names.index("epsilon_inf")] + 1.0
    if k.name == "lindhard_static":
        points[:, 0] = np.concatenate([np.linspace(0, 6, 38), [1.0, 1e8]])
    if k.name in DYNAMIC:
        points = np.concatenate([points, EDGE_POINTS])
    calls = "\n".join(
        f'    printf("%.17g\\n", {k.name}({", ".join(repr(float(v)) for v in row)}));' for row in points
    )
    src = tmp_path / "k.c"
    src.write_text(factory.c_source(k) + "\n#include <stdio.h>\nint main(void) {\n" + calls + "\n}\n")
    exe = tmp_path / "k"
    subprocess.run(["gcc", "-O2", "-std=c99", str(src), "-o", str(exe), "-lm"], check=True)
    c_values = np.array([float(v) for v in subprocess.run([str(exe)], capture_output=True, text=True,
                                                           check=True).stdout.split()])
    ref = _committed_loop(k)(*(np.ascontiguousarray(points[:, i]) for i in range(n)), np.empty(len(points)))
    np.testing.assert_allclose(c_values, ref, rtol=1e-14)


def test_codegen_cli_prints_each_backend(capsys):
    for backend, marker in (("numba", "@numba.njit"), ("numpy", "import numpy"), ("c", "double ")):
        assert main(["codegen", "deformation_potential_coupling", "--backend", backend]) == 0
        assert marker in capsys.readouterr().out


def test_codegen_cli_writes_file(tmp_path, capsys):
    out = tmp_path / "kernel.py"
    assert main(["codegen", "frohlich_coupling", "-o", str(out)]) == 0
    assert "def frohlich_coupling_scalar" in out.read_text()


def test_codegen_cli_unknown_name_is_one_line_error(capsys):
    assert main(["codegen", "lindhard_statik"]) == 2
    assert "lindhard_static" in capsys.readouterr().err


# ------------------------------------------------------------------ user expressions
def test_user_expression_generates_working_kernel(capsys, load):
    assert main(["codegen", "--expr", "sqrt(x)*log1p(y) + exp(-x*y)/pi", "--args", "x,y"]) == 0
    module = load(capsys.readouterr().out, "user_kernel")
    x, y = np.array([0.5, 2.0]), np.array([1e-10, 3.0])
    got = module.kernel_loop(x, y, np.empty(2))
    np.testing.assert_allclose(got, np.sqrt(x) * np.log1p(y) + np.exp(-x * y) / np.pi, rtol=1e-15)


@pytest.mark.parametrize("evil", [
    "__import__('os').system('echo pwned')",
    "x.__class__",
    "(lambda: 1)()",
    "x[0]",
    "open('/etc/passwd')",
    "eval('1')",
    "sqrt(x, key=1)",
    "[x for x in ()]",
    "x if x else 1",
    "'a string'",
])
def test_user_expression_refuses_code(evil, capsys):
    assert main(["codegen", "--expr", evil, "--args", "x"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("ephkit: error:") and err.count("\n") == 1


def test_user_expression_does_not_execute_anything(tmp_path):
    marker = tmp_path / "marker"
    code = f"__import__('pathlib').Path({str(marker)!r}).touch()"
    proc = subprocess.run([sys.executable, "-m", "derive.app.cli", "codegen", "--expr", code, "--args", "x"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 2 and not marker.exists()


def test_parse_expression_builds_sympy():
    expr, (a, b) = factory.parse_expression("a**2/(1 + b) - 3", ["a", "b"])
    assert sp.simplify(expr - (a**2 / (1 + b) - 3)) == 0
    with pytest.raises(ValueError, match="unknown name"):
        factory.parse_expression("a + c", ["a"])


# ------------------------------------------------------------------ readable output
@pytest.mark.parametrize("k", KERNELS, indirect=True)
def test_no_line_of_any_backend_is_longer_than_the_repository_limit(k):
    """lindhard_static's numpy kernel was one 43 kB line (lindhard_dynamic_real's 165 kB): now CSE and
    line breaking, within ruff's line-length of the hand-written code (layout.WIDTH = 110)."""
    for backend in ("numba", "numpy", "c"):
        source = factory.source_for([k], backend)
        longest = max(source.splitlines(), key=len)
        assert len(longest) <= factory.WIDTH, (backend, longest)


def test_no_line_of_the_generated_modules_is_longer_than_the_limit():
    """Except each kernel's provenance line, which `ephkit check` reads whole (emit.PROVENANCE_LINE)."""
    for path in factory.GENERATED_DIR.glob("*.py"):
        for line in path.read_text().splitlines():
            assert len(line) <= factory.WIDTH or emit.PROVENANCE_LINE.match(line), (path.name, line)


def test_numpy_backend_shares_subexpressions():
    k = _built("lindhard_static")
    source = factory.numpy_source(k)
    assert len(source) < 5000 and "    t0 = " in source and "numpy.select([c0, " in source


def test_numpy_select_of_values_keeps_nan_default_and_of_conditions_false():
    """Only a Piecewise of conditions (which CSE makes) defaults to False; one of values (Symbols are
    Booleans in SymPy too) keeps numpy.nan."""
    from derive.kernels.printers import numpy_printer

    x, t = sp.symbols("x t")
    printer = numpy_printer()
    values = printer.doprint(sp.Piecewise((x, x < 1), (t, True)))
    conditions = printer.doprint(sp.Piecewise((x < 2, x < 1), (x > 3, True)))
    assert values.endswith("default=numpy.nan)") and conditions.endswith("default=False)")


def test_c_ternaries_are_one_line():
    k = _built("lindhard_dynamic_real")
    assert not any(line.strip() in (")", "));", ": (") for line in factory.c_source(k).splitlines())
