"""Throughput and accuracy of the generated kernels against baselines, in one process.

Run:  python benchmarks/kernels.py [--points 10000000] [--repeat 25]

For the static Lindhard function F(x) on x uniform in [0, 6] (every branch
taken), it times
  - ephkit's generated kernel (numeric.screening.lindhard_static's loop), on
    one core and on all cores (its numba.prange twin, which numeric.screening
    uses from 1e5 points on; same scalar kernel, same values; the baselines
    below run on one core, as numpy does),
  - SymPy ``lambdify`` (numpy) of the naive closed form,
  - a hand-written numpy expression of the same formula,
  - SymPy ``ccode`` of the naive formula compiled with gcc -O3 (if gcc exists),
  - ``np.log`` of the same array (the floor: one log per point),
and prints Meval/s (best of --repeat, all methods interleaved round-robin so that they
see the same machine conditions) and ratios, plus each method's worst relative error
against mpmath (50 digits) on stratified points (bulk, near x = 1, tiny and
huge x), because a fast wrong answer is not a result.

The same comparison follows for the real part of the dynamic Lindhard
function, Re f(x, nu) (numeric.screening.lindhard_dynamic), on x uniform in
(0, 3] and nu uniform in [0, 3] (every branch of the kernel taken), with the
textbook closed form as the naive baseline (Re f needs two independent
logarithms per point near the continuum edges, so a second floor row times
``np.log`` on two arrays); its accuracy is measured on
bulk, near-edge (|x +- nu| = 1 within 1e-15), tiny-x and huge (up to 1e8)
points, relative away from the zero of Re f and absolute on it.
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
import numba
import numpy as np
import sympy as sp

from numeric._generated import screening as generated

ALLOCATING = ("sympy lambdify", "hand-written numpy")  # the methods timed in best_rates' second phase
CORES = numba.get_num_threads()  # the "all cores" rows: the same kernel in a numba.prange loop

x = sp.Symbol("x", positive=True)
nu = sp.Symbol("nu", nonnegative=True)
NAIVE = sp.Rational(1, 2) + (1 - x**2) / (4 * x) * sp.log(sp.Abs((1 + x) / (1 - x)))
NAIVE_RE = sp.Rational(1, 2) + ((1 - (x - nu) ** 2) * sp.log(sp.Abs((x - nu + 1) / (x - nu - 1)))
                                + (1 - (x + nu) ** 2) * sp.log(sp.Abs((x + nu + 1) / (x + nu - 1)))) / (8 * x)


def hand_numpy(v: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        return 0.5 + (1 - v * v) / (4 * v) * np.log(np.abs((1 + v) / (1 - v)))


def hand_numpy_re(v: np.ndarray, w: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        a, b = v - w, v + w
        return 0.5 + ((1 - a * a) * np.log(np.abs((a + 1) / (a - 1)))
                      + (1 - b * b) * np.log(np.abs((b + 1) / (b - 1)))) / (8 * v)


def compiled_c(expr: sp.Expr = NAIVE, args: tuple[sp.Symbol, ...] = (x,)) -> Callable[..., None] | None:
    """gcc -O3 build of sympy.ccode(expr) in a loop over the arrays of ``args``, or None without gcc.

    The returned function is called as ``run(*arrays, out)``.
    """
    if shutil.which("gcc") is None:
        return None
    body = sp.ccode(expr)
    inputs = ", ".join(f"const double *{a}_" for a in args)
    loads = " ".join(f"const double {a} = {a}_[i];" for a in args)
    src = f"""#include <math.h>
void run({inputs}, double *out, long n) {{
    for (long i = 0; i < n; ++i) {{ {loads} out[i] = {body}; }}
}}"""
    tmp = Path(tempfile.mkdtemp())
    (tmp / "f.c").write_text(src)
    subprocess.run(["gcc", "-O3", "-shared", "-fPIC", str(tmp / "f.c"), "-o", str(tmp / "f.so"), "-lm"],
                   check=True)
    lib = ctypes.CDLL(str(tmp / "f.so"))
    ptr = np.ctypeslib.ndpointer(dtype=np.float64, flags="C_CONTIGUOUS")
    lib.run.argtypes = [ptr] * (len(args) + 1) + [ctypes.c_long]
    return lambda *arrays: lib.run(*arrays, arrays[0].size)


def best_rates(runs: dict[str, Callable[[], object]], n: int, repeat: int) -> dict[str, float]:
    """Meval/s of each run: best of ``repeat``, in two phases, each interleaved round-robin.

    On a shared machine the speed drifts by tens of percent within seconds; interleaving exposes
    the methods of a phase to the same conditions, so their ratios stay meaningful. Phase 1 holds
    the compiled kernels and the np.log floors, which write into preallocated arrays; phase 2 the
    baselines that allocate (lambdify and numpy create a dozen temporaries of n doubles per call),
    whose page faults would disturb the runs that follow them.
    """
    phases = [{k: f for k, f in runs.items() if not k.startswith(ALLOCATING)},
              {k: f for k, f in runs.items() if k.startswith(ALLOCATING)}]
    best = dict.fromkeys(runs, float("inf"))
    for phase in phases:
        for fn in phase.values():
            fn()  # warm up / compile
        for _ in range(repeat):
            for name, fn in phase.items():
                best[name] = min(best[name], _timed(fn))
    return {name: n / best[name] / 1e6 for name in runs}


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


def _L(a: mpmath.mpf) -> mpmath.mpf:
    """L(a) = a + (1 - a^2) ln|(1 + a)/(1 - a)|/2 (0 ln 0 = 0 on a = +-1)."""
    return a if abs(a) == 1 else a + (1 - a * a) * mpmath.log(abs((1 + a) / (1 - a))) / 2


def re_reference(v: float, w: float) -> mpmath.mpf:
    """Re f(v, w) = [L(v - w) + L(v + w)]/(4v) to 50 digits (extra digits for its cancellation)."""
    big = max(v, w, 1.0)
    with mpmath.workdps(65 + int(3 * np.log10(big) + np.log10(big / v))):
        X, N = mpmath.mpf(v), mpmath.mpf(w)
        return (_L(X - N) + _L(X + N)) / (4 * X)


def dynamic_points() -> np.ndarray:
    """Stratified (x, nu): bulk, near the continuum edges, tiny x, huge nu and x, exact edge points."""
    rng = np.random.default_rng(1)
    grid = np.linspace(0.01, 3.0, 40)
    xs = np.concatenate([np.logspace(-6, 3, 19), rng.uniform(0, 3, 20)])
    edges = [(v, base + d * max(1.0, base)) for v in xs for base in (1 - v, v + 1, v - 1)
             for d in (-1e-15, 0.0, 1e-15) if base + d * max(1.0, base) >= 0]
    tiny = [(v, w) for v in np.logspace(-12, -3, 10) for w in (0.0, 0.3, 0.95, 1 - 3 * v, 1 + 3 * v, 2.0)]
    huge = ([(w * r, w) for w in np.logspace(1, 8, 15) for r in (1e-6, 0.1, 0.5)]
            + [(v, v * r) for v in np.logspace(1, 8, 15) for r in (0.0, 0.5, 1.5)])
    return np.array([*((v, w) for v in grid for w in grid), *edges, *tiny, *huge, (1.0, 0.0), (0.5, 1.5)])


def worst_error_dynamic(fn: Callable[[np.ndarray, np.ndarray], np.ndarray], pts: np.ndarray,
                        refs: list[tuple[mpmath.mpf, bool]]) -> tuple[float, tuple, float]:
    """(worst relative error, where, worst absolute error near the zero of Re f) on ``pts``."""
    with np.errstate(all="ignore"):
        got = fn(np.ascontiguousarray(pts[:, 0]), np.ascontiguousarray(pts[:, 1]))
    rel, where, at_zero = 0.0, (), 0.0
    for p, g, (ref, zero) in zip(pts, got, refs, strict=True):
        err = float("inf") if not np.isfinite(g) else float(abs(g - ref))
        if zero:
            at_zero = max(at_zero, err)
        elif err / float(abs(ref)) >= rel:
            rel, where = err / float(abs(ref)), (float(p[0]), float(p[1]))
    return rel, where, at_zero


def run_dynamic(n: int, repeat: int) -> None:
    rng = np.random.default_rng(0)
    xd, nd = 3.0 * (1.0 - rng.random(n)), 3.0 * rng.random(n)  # x in (0, 3], nu in [0, 3]
    out = np.empty(n)
    naive = sp.lambdify((x, nu), NAIVE_RE, modules="numpy")
    c_run = compiled_c(NAIVE_RE, (x, nu))

    def gen(v: np.ndarray, w: np.ndarray) -> np.ndarray:
        return generated.lindhard_dynamic_real_loop(v, w, np.empty_like(v))

    def naive_np(v: np.ndarray, w: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            return naive(v, w)

    methods: dict[str, tuple[Callable[[], object], Callable | None]] = {
        "ephkit generated kernel, 1 core": (lambda: generated.lindhard_dynamic_real_loop(xd, nd, out), gen),
        f"ephkit generated kernel, {CORES} cores": (
            lambda: generated.lindhard_dynamic_real_loop_parallel(xd, nd, out), None),
        "sympy lambdify (numpy), naive": (lambda: naive_np(xd, nd), naive_np),
        "hand-written numpy, naive": (lambda: hand_numpy_re(xd, nd), hand_numpy_re),
    }
    if c_run is not None:
        def c_eval(v: np.ndarray, w: np.ndarray) -> np.ndarray:
            o = np.empty_like(v)
            c_run(v, w, o)
            return o
        methods["sympy ccode + gcc -O3, naive"] = (lambda: c_run(xd, nd, out), c_eval)
    methods["np.log (floor: one log per point)"] = (lambda: np.log(xd, out=out), None)
    out2 = np.empty(n)
    methods["np.log twice (two logs per point)"] = (
        lambda: (np.log(xd, out=out), np.log(nd, out=out2)), None)

    pts = dynamic_points()
    refs = []  # (reference, near the zero of Re f: |Re f| < 1e-2 within 5% of a sign change, x <= 10)
    for v, w in pts:
        ref = re_reference(v, w)
        near_zero = v <= 10 and abs(ref) < 1e-2 and any(re_reference(v, w * k) * ref <= 0
                                                         for k in (0.95, 1.05))
        refs.append((ref, near_zero))

    print(f"\nDynamic Lindhard Re f(x, nu), {n:.0e} points, x uniform in (0, 3], nu in [0, 3], "
          f"best of {repeat}")
    rates = best_rates({name: run for name, (run, _) in methods.items()}, n, repeat)
    floor = rates["np.log (floor: one log per point)"]
    naive_rate = rates["sympy lambdify (numpy), naive"]
    print(f"{'method':<36} {'Meval/s':>9} {'/np.log':>8} {'/lambdify':>10} {'max rel err':>12} "
          f"{'abs@zero':>9}  at (x, nu)")
    for name, (_, evaluate) in methods.items():
        text = f"{name:<36} {rates[name]:9.1f} {rates[name] / floor:8.2f} {rates[name] / naive_rate:10.2f}"
        if evaluate is None:
            print(f"{text} {'-':>12}")
            continue
        rel, where, at_zero = worst_error_dynamic(evaluate, pts, refs)
        print(f"{text} {rel:12.2e} {at_zero:9.1e}  ({where[0]:.6g}, {where[1]:.6g})")
    # Re f needs l(nu + x) and l(nu - x) near the continuum edges: two independent logarithms per point
    two_logs = rates["np.log twice (two logs per point)"]
    one_core = rates["ephkit generated kernel, 1 core"]
    print(f"generated kernel (1 core) / two-log floor = {one_core / two_logs:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--points", type=int, default=10**7)
    parser.add_argument("--repeat", type=int, default=25)
    args = parser.parse_args()
    run_static(args.points, args.repeat)
    run_dynamic(args.points, args.repeat)


def run_static(n: int, repeat: int) -> None:
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
        "ephkit generated kernel, 1 core": (lambda: generated.lindhard_static_loop(data, out), gen),
        f"ephkit generated kernel, {CORES} cores": (
            lambda: generated.lindhard_static_loop_parallel(data, out), None),
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

    print(f"Static Lindhard F(x), {n:.0e} points, x uniform in [0, 6], best of {repeat}")
    rates = best_rates({name: run for name, (run, _) in methods.items()}, n, repeat)
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
