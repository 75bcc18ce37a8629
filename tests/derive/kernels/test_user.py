"""User expressions (``ephkit codegen --expr``): refused quickly when they cannot become working code.

Each refusal is a ValueError naming the problem, raised before SymPy computes anything large; the
tests run under a 10 s alarm so that a regression fails instead of hanging (every case takes
milliseconds: the limit is not a timing assertion).
"""

from __future__ import annotations

import contextlib
import re
import shutil
import signal
import subprocess
from collections.abc import Iterator

import numpy as np
import pytest
import sympy as sp

from derive import kernels as factory
from derive.kernels import emit, names, user
from derive.kernels.layout import WIDTH


@contextlib.contextmanager
def alarm(seconds: int = 10) -> Iterator[None]:
    """Fail (TimeoutError) instead of hanging: a guard, not a measurement."""
    def _raise(signum, frame):
        raise TimeoutError(f"no answer within {seconds} s")

    old = signal.signal(signal.SIGALRM, _raise)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


# (expression, what the message must say): all reported by the tester or close relatives
REFUSED = [
    ("10**10**10", "overflows"),
    ("x*10**10**8", "overflows"),
    ("9**9**9**9", "overflows"),
    ("x*10**400", "overflows"),
    ("x**(10**400)", "overflows"),
    ("1e400*x", "beyond double range"),
    (f"{2**1024 - 1}*x", "beyond double range"),  # an OverflowError escaped: float() of an int > DBL_MAX
    ("1e-400*x", "underflows"),
    ("10**-400*x", "underflows"),
    ("exp(1000)", "overflows"),
    ("exp(exp(exp(exp(100))))", "overflows"),
    ("exp(10**9*log(2))", "overflows"),
    ("exp(700)*exp(700)*x", "beyond double range"),
    ("(2*x)**(10**9)", "exact constants"),
    ("(x/3)**1000000000", "exact constants"),
    ("exp(1000*log(2*x))", "exact constants"),
    ("1/0", "division by zero"),
    ("0/0", "division by zero"),
    ("x/0", "division by zero"),
    ("x/(1 - 1)", "division by zero"),
    ("log(8, 1)", "division by zero"),
    ("tan(pi/2)*x", "zoo"),
    ("log(0)", "undefined"),
    ("sqrt(-1)*x", "not a real number"),
    ("asin(2)", "not a real number"),
    ("atanh(1)", "undefined"),
    ("(-8)**(1/3)", "not a real number"),
    ("x**x**x**x**x**x", "stacked powers"),
    ("sqrt(" * 70 + "x" + ")" * 70, "nested too deeply"),
    ("-" * 50_000 + "x", "nested too deeply"),
    ("x + " * 30_000 + "x", "too long"),
    ("1" * 5000, "cannot parse"),
    ("sqrt(x, 2)", "takes 1 argument"),
    ("exp()", "takes 1 argument"),
    ("x # \"\"\"; import os", "character '#'"),
    ("x\n", "character"),
    ("'a'", "character"),
]


@pytest.mark.parametrize(("text", "message"), REFUSED, ids=[t[:30] for t, _ in REFUSED])
def test_nasty_expressions_are_refused_with_a_message(text, message):
    with alarm(), pytest.raises(ValueError, match=message):
        factory.user_kernel(text, ["x"])


@pytest.mark.parametrize("text", ["x**(10**300)", "10**300*x", "2**1000*x", "x**(-10**300)",
                                  "exp(1000*log(x))", "E**(3*log(2))*x", "2**2**2**2*x", "(2*x)**100"])
def test_large_but_representable_constants_are_accepted(text):
    with alarm():
        k = factory.user_kernel(text, ["x"])
        sources = {b: factory.source_for([k], b) for b in ("numba", "numpy", "c")}
    for backend, source in sources.items():
        assert not re.search(r"\d{20}", source), (backend, source)  # an integer literal no double holds


@pytest.mark.parametrize(("args", "function", "message"), [
    ("x,x", "kernel", "given twice"),
    ("x,out", "kernel", "generated code uses"),
    ("x,def", "kernel", "Python keyword"),
    ("lambda", "kernel", "Python keyword"),
    ("match", "kernel", "Python keyword"),
    ("math", "kernel", "generated code uses"),
    ("numpy", "kernel", "generated code uses"),
    ("np", "kernel", "generated code uses"),
    ("numba", "kernel", "generated code uses"),
    ("vmath", "kernel", "generated code uses"),
    ("functools", "kernel", "generated code uses"),
    ("i", "kernel", "generated code uses"),
    ("t0", "kernel", "generated code uses"),
    ("b1", "kernel", "generated code uses"),
    ("c2", "kernel", "generated code uses"),
    ("double", "kernel", "C keyword"),
    ("int", "kernel", "C keyword"),
    ("restrict", "kernel", "C keyword"),
    ("fabs", "kernel", "math.h"),
    ("M_PI", "kernel", "math.h"),
    ("abs", "kernel", "builtin"),
    ("sqrt", "kernel", "math.h"),
    ("pi", "kernel", "function or constant"),
    ("float", "kernel", "C keyword"),
    ("len", "kernel", "builtin"),
    ("range", "kernel", "builtin"),
    ("kernel_loop", "kernel", "generated function"),
    ("f", "f", "generated function"),
    ("x", "double", "C keyword"),
    ("x", "sin", "math.h"),
    ("x", "class", "Python keyword"),
    ("x", "math", "generated code uses"),
    ("x", "main", "C keyword"),
    ("x", "1f", "invalid function name"),
    ("α", "kernel", "ASCII"),
    ("_x", "kernel", "ASCII letters"),
    ("x,", "kernel", "invalid argument name ''"),
    ("a" * 64, "kernel", "longer than"),
])
def test_names_every_backend_cannot_use_are_refused(args, function, message):
    with pytest.raises(ValueError, match=message):
        factory.user_kernel("1", args.split(","), name=function)


def test_every_reserved_name_is_reserved_for_a_reason():
    assert names.reserved_by("x") is None and names.reserved_by("omega_LO") is None
    for name in ["if", "double", "math", "out", "t12", "abs", "pow", "sqrt", "INFINITY"]:
        assert names.reserved_by(name), name


def test_a_sum_of_5000_terms_compiles_and_evaluates(tmp_path):
    """A raw RecursionError before: ast.parse, the builder and Python's compiler all recursed per term."""
    text = " + ".join(f"{i}*x**{i % 7}" for i in range(1, 5001))
    with alarm(60):
        k = factory.user_kernel(text, ["x"])
        numpy_src, numba_src = factory.source_for([k], "numpy"), factory.source_for([k], "numba")
    compile(numba_src, "numba_kernel.py", "exec")  # no RecursionError during compilation
    namespace: dict = {}
    exec(compile(numpy_src, "numpy_kernel.py", "exec"), namespace)
    x = 0.7
    expected = sum(i * x ** (i % 7) for i in range(1, 5001))
    np.testing.assert_allclose(namespace["kernel"](np.array([x])), [expected], rtol=1e-13)
    assert max(map(len, numpy_src.splitlines())) <= WIDTH


def test_long_chains_of_products_and_differences_are_flattened():
    with alarm(60):
        k = factory.user_kernel("x" + "-x" * 5000, ["x"])
        assert sp.simplify(k.closed_form + 4999 * k.args[0]) == 0
        k = factory.user_kernel("*".join(["x", "2.0", "y"] * 1000), ["x", "y"])
        assert k.closed_form.has(k.args[0] ** 1000)


def test_constants_are_checked_after_sympy_too():
    x = sp.Symbol("x", real=True)
    for bad, message in [(sp.zoo * x, "zoo"), (sp.nan + x, "nan"), (sp.oo * x, "oo"), (sp.I * x, "not real"),
                         (sp.Integer(10) ** 400 * x, "beyond double range")]:
        with pytest.raises(ValueError, match=message):
            user.check_constants(bad)
    user.check_constants(sp.Integer(10) ** 300 * x + sp.pi)


@pytest.mark.skipif(shutil.which("gcc") is None, reason="no C compiler")
def test_c_backend_prints_big_integers_as_doubles(tmp_path):
    src = tmp_path / "k.c"
    src.write_text(factory.source_for([factory.user_kernel("x**(10**300) + 10**300*x", ["x"])], "c"))
    subprocess.run(["gcc", "-std=c99", "-pedantic", "-Werror", "-c", str(src), "-o", str(tmp_path / "k.o")],
                   check=True)


def test_user_kernel_doc_quotes_a_cleaned_expression():
    k = factory.user_kernel("x   +\t" + " + ".join(["x"] * 100), ["x"])
    assert "\t" not in k.doc and len(k.doc) < 100 and k.doc.endswith("...")


def test_sources_say_they_are_generated_and_by_what():
    k = factory.user_kernel("sqrt(x)", ["x"])
    for backend in ("numba", "numpy", "c"):
        source = factory.source_for([k], backend, command="ephkit codegen --expr 'sqrt(x)' --args x")
        head = "\n".join(source.splitlines()[:2])
        assert "GENERATED CODE" in head and "Regenerate with: ephkit codegen --expr" in head
    long = factory.source_for([k], "numpy", command="ephkit codegen --expr '" + "x + " * 200 + "x'")
    assert max(map(len, long.splitlines())) <= WIDTH


def test_kernel_table_reads_arguments_without_building(monkeypatch):
    from derive.kernels import registry

    built = []
    monkeypatch.setattr(registry.Builder, "__call__", lambda self: built.append(self.name))
    table = emit.kernel_table()
    assert not built
    assert [row[0] for row in table] == [b.name for b in registry.builders()]
    assert ("lindhard_static", "screening", "lindhard_static", ["x"]) in table


def test_chunked_sums_keep_shared_subexpressions_in_order():
    """Partial sums (over 16 terms) and common subexpressions used across them are assigned in order."""
    text = " + ".join(f"{i}*sqrt(x + 1)*exp(y)**{i % 3 + 1} + log(x + {i})" for i in range(1, 41))
    k = factory.user_kernel(text, ["x", "y"])
    namespace: dict = {}
    exec(compile(factory.source_for([k], "numpy"), "numpy_kernel.py", "exec"), namespace)
    x, y = 0.7, 0.2
    expected = sum(i * np.sqrt(x + 1) * np.exp(y) ** (i % 3 + 1) + np.log(x + i) for i in range(1, 41))
    np.testing.assert_allclose(namespace["kernel"](np.array([x]), np.array([y])), [expected], rtol=1e-13)
    c = factory.source_for([k], "c")
    assert c.split("{", 1)[1].count("sqrt(") == 1  # computed once, before the partial sums that use it


@pytest.mark.parametrize("text", ["*".join(f"(x + {i})**{i}" for i in range(1, 200)), "(2*x + 4)**(10**300)",
                                  "2**(x*10**300)", "2**(x + 1000)", "(x + 1)**1*2**1000"])
def test_powers_sympy_leaves_alone_are_accepted(text):
    """SymPy takes no coefficient out of a sum, nor splits a symbolic exponent: nothing large is made."""
    with alarm():
        k = factory.user_kernel(text, ["x"])
        factory.source_for([k], "c")
