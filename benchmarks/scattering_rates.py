"""Cost of the golden-rule rates for many temperatures against one, in one process.

Run:  python benchmarks/scattering_rates.py

The q-nodes of ``numeric.transport`` (graded radial panels for a Debye model, symmetry-reduced BZ rays
for a spring model) do not depend on T, so a call with 1000 temperatures should cost little more than
a call with one. Baseline: the same function called once per temperature (what a loop in user code
does). Times are wall-clock, best of 5, node build included (caches cleared before every call).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

import numeric.constants as c
from numeric import _golden_rule
from numeric import transport as tr
from numeric.electrons import FreeElectronGas
from numeric.lattice import Lattice
from numeric.phonons import DebyeModel
from numeric.springs import SpringModel


def best(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    gas = FreeElectronGas.copper()
    debye = DebyeModel.from_sound_velocity(4760.0, gas.n, 8960.0)
    springs = SpringModel.with_debye_temperature(Lattice.fcc(3.615e-10), 63.546 * c.atomic_mass, 343.0)
    D = tr.DeformationPotential(10 * c.e)
    T = np.linspace(1.0, 1000.0, 1000)
    print(f"{'phonons':<28} {'1 T (ms)':>9} {'1000 T (ms)':>12} {'1000/1':>7} {'loop of 1000 (s)':>17} "
          f"{'loop/vector':>12}")
    for name, model in (("DebyeModel (Cu)", debye), ("SpringModel fcc NN (Cu)", springs)):
        def one(t: object, model: object = model) -> object:
            _golden_rule.NODES.clear()
            return tr.momentum_relaxation_rate(gas, model, D, t)

        one(300.0)  # compile
        t1, t1000 = best(lambda: one(300.0)), best(lambda: one(T))
        loop = 1000 * t1  # 1000 separate calls, each rebuilding its nodes
        print(f"{name:<28} {1e3 * t1:9.2f} {1e3 * t1000:12.2f} {t1000 / t1:7.2f} {loop:17.2f} "
              f"{loop / t1000:12.0f}")


if __name__ == "__main__":
    main()
