"""How steady the all-core speed-up of the generated kernels is on this machine.

Run:  python benchmarks/parallel_scaling.py [--points 10000000] [--rounds 20]

Times F(x) and Re f(x, nu) (numeric._generated.screening) on one core and on all
cores (the numba.prange loop), alternating, ``--rounds`` times, and prints each
round's Meval/s and the all-core / one-core ratio. On a shared virtual machine
the ratio of an arithmetic-heavy kernel (Re f) can drift between ~1x and ~2x over
tens of seconds while a lighter one (F) keeps ~1.8x; benchmarks/kernels.py
therefore reports the best of many interleaved repeats.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import numba
import numpy as np

from numeric._generated import screening as generated


def _rate(fn: Callable[[], object], n: int) -> float:
    start = time.perf_counter()
    fn()
    return n / (time.perf_counter() - start) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--points", type=int, default=10**7)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    n = args.points
    rng = np.random.default_rng(0)
    x, nu, x6 = 3.0 * (1.0 - rng.random(n)), 3.0 * rng.random(n), rng.uniform(0.0, 6.0, n)
    out = np.empty(n)
    runs = {
        "Re f 1": lambda: generated.lindhard_dynamic_real_loop(x, nu, out),
        "Re f all": lambda: generated.lindhard_dynamic_real_loop_parallel(x, nu, out),
        "F 1": lambda: generated.lindhard_static_loop(x6, out),
        "F all": lambda: generated.lindhard_static_loop_parallel(x6, out),
    }
    for fn in runs.values():
        fn()  # compile / warm up
    print(f"{n:.0e} points, {numba.get_num_threads()} cores; Meval/s per round")
    ratios: dict[str, list[float]] = {"Re f": [], "F": []}
    for _ in range(args.rounds):
        r = {name: _rate(fn, n) for name, fn in runs.items()}
        for kernel in ratios:
            ratios[kernel].append(r[f"{kernel} all"] / r[f"{kernel} 1"])
        print("  ".join(f"{name} {v:6.0f}" for name, v in r.items())
              + f"   Re f x{ratios['Re f'][-1]:.2f}  F x{ratios['F'][-1]:.2f}")
    for kernel, values in ratios.items():
        print(f"{kernel}: all-core / one-core ratio from {min(values):.2f} to {max(values):.2f} "
              f"(median {np.median(values):.2f})")


if __name__ == "__main__":
    main()
