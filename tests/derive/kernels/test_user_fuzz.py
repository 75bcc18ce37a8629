"""Every accepted user expression becomes code that compiles and computes what SymPy computes.

Hypothesis builds random expressions from the grammar of :mod:`derive.kernels.user` (its functions,
constants, operators). An expression is either refused with a ValueError, or all three backends are
generated: the numpy one is imported and evaluated, the C one compiled with ``gcc -c``, and (for a
few examples: numba compiles slowly) the numba one is imported and run; values must match SymPy's
own evaluation at 50 digits where that is finite, real and well conditioned.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from derive import kernels as factory
from derive.kernels import user
from derive.kernels.layout import WIDTH

#: A sample point (exact doubles; SymPy evaluates at the same binary values).
POINT = {"x": 0.7, "y": 1.3}
FUNCTIONS = sorted(user._FUNCTIONS)
LEAVES = st.sampled_from(["x", "y", "2", "3", "10", "0.5", "1.5", "1e-3", "pi", "E"])


def _extend(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.tuples(children, st.sampled_from(["+", "-", "*", "/"]), children).map(
            lambda t: f"({t[0]} {t[1]} {t[2]})"),
        st.tuples(children, st.sampled_from(["2", "3", "-1", "-2", "0.5", "1.5", "y", "x"])).map(
            lambda t: f"({t[0]})**{t[1]}"),
        st.tuples(st.sampled_from(FUNCTIONS), children).map(lambda t: f"{t[0]}({t[1]})"),
        st.tuples(children, children).map(lambda t: f"log({t[0]}, {t[1]})"),
        children.map(lambda c: f"-({c})"),
    )


EXPRESSIONS = st.recursive(LEAVES, _extend, max_leaves=8)


def _reference(k: factory.Kernel, scale: float = 1.0) -> complex | None:
    """SymPy's value of the kernel's expression at POINT (inputs scaled), at 50 digits; None if it fails.

    Through lambdify and mpmath: an exact substitution would raise the exact binary value of 0.7 to
    whatever integer power the expression has (memory without bound for x**(10**29)).
    """
    f = sp.lambdify(k.args, k.closed_form, modules="mpmath")
    try:
        with mpmath.workdps(50):
            value = complex(f(*(mpmath.mpf(POINT[str(a)]) * mpmath.mpf(scale) for a in k.args)))
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        return None
    return value


def _accepted(text: str) -> factory.Kernel:
    try:
        return factory.user_kernel(text, ["x", "y"])
    except ValueError:
        assume(False)
        raise


def _in_real_domain(k: factory.Kernel) -> bool:
    """Whether every step of the expression is real at POINT (the generated code computes in reals:
    log(-a)/log(-a) is 1 to SymPy but nan in double arithmetic, as it should be)."""
    f = sp.lambdify(k.args, k.closed_form, modules="numpy")  # a step outside the reals gives nan
    try:
        with np.errstate(all="ignore"):
            value = complex(f(*(np.float64(POINT[str(a)]) for a in k.args)))
    except (ValueError, ZeroDivisionError, OverflowError, TypeError):
        return False
    return bool(np.isfinite(value.real)) and value.imag == 0


def _expected(k: factory.Kernel) -> float:
    """The reference value, where it is finite, real and well conditioned (else the example is skipped)."""
    assume(_in_real_domain(k))
    ref = _reference(k)
    assume(ref is not None and abs(ref.imag) <= 1e-30 * max(1.0, abs(ref.real)))
    value = ref.real
    assume(np.isfinite(value) and 1e-250 < abs(value) < 1e250)
    moved = _reference(k, 1 + 1e-9)  # condition number below 1e4: double evaluation agrees to ~1e-12
    assume(moved is not None and abs(moved - ref) <= 1e-5 * abs(ref))
    return value


def _close(got: float, expected: float) -> None:
    assert got == pytest.approx(expected, rel=1e-9), (got, expected)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much,
                                                                  HealthCheck.too_slow])
@given(text=EXPRESSIONS)
def test_numpy_and_c_backends_of_accepted_expressions_work(import_source, text):
    k = _accepted(text)
    sources = {b: factory.source_for([k], b) for b in ("numba", "numpy", "c")}
    for backend, source in sources.items():
        assert max(map(len, source.splitlines())) <= WIDTH, backend
    compile(sources["numba"], "numba_kernel.py", "exec")
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        if shutil.which("gcc"):
            (directory / "k.c").write_text(sources["c"])
            subprocess.run(["gcc", "-std=c99", "-c", str(directory / "k.c"), "-o", str(directory / "k.o")],
                           check=True, capture_output=True)
        module = import_source(sources["numpy"], directory, "numpy_kernel")
        expected = _expected(k)
        got = module.kernel(np.array([POINT["x"]]), np.array([POINT["y"]]))
        _close(float(np.asarray(got).ravel()[0]), expected)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.filter_too_much,
                                                                 HealthCheck.too_slow])
@given(text=EXPRESSIONS)
def test_numba_backend_of_accepted_expressions_works(import_source, text):
    k = _accepted(text)
    expected = _expected(k)
    with tempfile.TemporaryDirectory() as tmp:
        module = import_source(factory.source_for([k], "numba"), Path(tmp), "numba_kernel")
        got = module.kernel_loop(np.array([POINT["x"]]), np.array([POINT["y"]]), np.empty(1))
    _close(float(got[0]), expected)
