"""Throughput and accuracy of the generated kernels against baselines, in one process.

Run:  python benchmarks/kernels.py [--points 10000000] [--repeat 7]

For the static Lindhard function F(x) on x uniform in [0, 6] (every branch
taken), it times
  - ephkit's generated kernel (numeric.screening.lindhard_static's loop),
  - SymPy ``lambdify`` (numpy) of the naive closed form,
  - a hand-written numpy expression of the same formula,
  - SymPy ``ccode`` of the naive formula compiled with gcc -O3 (if gcc exists),
  - ``np.log`` of the same array (the floor: one log per point),
and prints Meval/s and ratios, plus each method's worst relative error
against mpmath (50 digits) on stratified points (bulk, near x = 1, tiny and
huge x), because a fast wrong answer is not a result.
"""

from __future__ import annotations

import argparse
import ctypes
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import mpmath
import numpy as np
import sympy as sp

from numeric._generated import screening as generated

x = sp.Symbol("x", positive=True)
NAIVE = sp.Rational(1, 2) + (1 - x**2) / (4 * x) * sp.log(sp.Abs((1 + x) / (1 - x)))


def hand_numpy(v: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        return 0.5 + (1 - v * v) / (4 * v) * np.log(np.abs((1 + v) / (1 - v)))


def compiled_c() -> Callable[[np.ndarray, np.ndarray], None] | None:
    """gcc -O3 build of sympy.ccode(naive F) in a loop, or None without a compiler."""
    if shutil.which("gcc") is None:
        return None
    body = sp.ccode(NAIVE)
    src = f"""#include <math.h>
void run(const double *x_, double *out, long n) {{
    for (long i = 0; i < n; ++i) {{ const double x = x_[i]; out[i] = {body}; }}
}}"""
    tmp = Path(tempfile.mkdtemp())
    (tmp / "f.c").write_text(src)
    subprocess.run(["gcc", "-O3", "-shared", "-fPIC", str(tmp / "f.c"), "-o", str(tmp / "f.so"), "-lm"],
                   check=True)
    lib = ctypes.CDLL(str(tmp / "f.so"))
    ptr = np.ctypeslib.ndpointer(dtype=np.float64, flags="C_CONTIGUOUS")
    lib.run.argtypes = [ptr, ptr, ctypes.c_long]
    return lambda v, out: lib.run(v, out, v.size)


def best_rate(fn: Callable[[], object], n: int, repeat: int) -> float:
    fn()  # warm up / compile
    best = min(_timed(fn) for _ in range(repeat))
    return n / best / 1e6


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def worst_error(fn: Callable[[np.ndarray], np.ndarray]) -> tuple[float, float]:
    """Worst relative error against mpmath at 50 digits on stratified points."""
    pts = np.concatenate([
        np.linspace(0.01, 6, 200),                      # bulk
        1 + np.arange(-20, 21)[np.arange(-20, 21) != 0] * 1e-15,  # within 1e-14 of x = 1
        np.logspace(-12, -2, 30),                       # tiny
        np.logspace(1, 8, 30),                          # huge
        [1.0],                                          # exact limit point
    ])
    with mpmath.workdps(50):
        def ref(v: float) -> mpmath.mpf:
            if v == 1.0:
                return mpmath.mpf(0.5)
            v = mpmath.mpf(v)
            return mpmath.mpf(1) / 2 + (1 - v * v) / (4 * v) * mpmath.log(abs((1 + v) / (1 - v)))
        with np.errstate(all="ignore"):
            got = fn(pts)
        errs = []
        for p, g in zip(pts, got, strict=True):
            errs.append(float("inf") if not np.isfinite(g) else float(abs(g - ref(p)) / ref(p)))
    i = int(np.argmax(errs))
    return errs[i], float(pts[i])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--points", type=int, default=10**7)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    n = args.points
    data = np.random.default_rng(0).uniform(0.0, 6.0, n)
    out = np.empty(n)
    naive = sp.lambdify(x, NAIVE, modules="numpy")
    c_run = compiled_c()

    def gen(v: np.ndarray) -> np.ndarray:
        return generated.lindhard_static_loop(v, np.empty_like(v))

    def naive_np(v: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            return naive(v)

    methods: dict[str, tuple[Callable[[], object], Callable[[np.ndarray], np.ndarray]]] = {
        "ephkit generated kernel": (lambda: generated.lindhard_static_loop(data, out), gen),
        "sympy lambdify (numpy), naive": (lambda: naive_np(data), naive_np),
        "hand-written numpy, naive": (lambda: hand_numpy(data), hand_numpy),
    }
    if c_run is not None:
        def c_eval(v: np.ndarray) -> np.ndarray:
            o = np.empty_like(v)
            c_run(np.ascontiguousarray(v), o)
            return o
        methods["sympy ccode + gcc -O3, naive"] = (lambda: c_run(data, out), c_eval)
    methods["np.log (floor: one log per point)"] = (lambda: np.log(data, out=out), None)

    print(f"Static Lindhard F(x), {n:.0e} points, x uniform in [0, 6], best of {args.repeat}")
    rates = {name: best_rate(run, n, args.repeat) for name, (run, _) in methods.items()}
    floor = rates["np.log (floor: one log per point)"]
    naive_rate = rates["sympy lambdify (numpy), naive"]
    print(f"{'method':<36} {'Meval/s':>9} {'/np.log':>8} {'/lambdify':>10} {'max rel err':>12}  at x")
    for name, (_, evaluate) in methods.items():
        err = worst_error(evaluate) if evaluate is not None else None
        err_text = f"{err[0]:12.2e}  {err[1]:.6g}" if err else f"{'-':>12}"
        print(f"{name:<36} {rates[name]:9.1f} {rates[name] / floor:8.2f} {rates[name] / naive_rate:10.2f} "
              f"{err_text}")


if __name__ == "__main__":
    main()
