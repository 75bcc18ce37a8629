"""Isotropic Eliashberg solver (numeric.eliashberg): timing, and the measured accuracy of Allen–Dynes.

Run:  python benchmarks/eliashberg_solver.py [--quick]

1. Time of the linearized Eliashberg Tc for an Einstein spectrum (λ = 1, μ* = 0.1), cold (first call in
   the process) and warm (best of 5). The issue asks for < 1 s.
2. Allen–Dynes against the linearized Eliashberg Tc (``eliashberg_tc``, μ* defined at 10 ω_max, cutoff
   20 ω_max) for an Einstein spectrum and the Debye-like α²F = λ(ω/ω_D)² below ω_D (``GridSpectrum``,
   801 points; the moments of the same grid from ``numeric.superconductivity.eliashberg_moments``),
   λ = 0.3 ... 2.5, μ* = 0 ... 0.15: the table of Tc_AD/Tc_Eliashberg − 1 and its maximum.
3. 2Δ/k_BTc from the nonlinear solver (Padé gap edge at T = Tc/8) for Einstein spectra against the
   strong-coupling formula 2Δ/k_BTc = 3.53[1 + 12.5 (Tc/ω_ln)² ln(ω_ln/2Tc)] (Mitrović, Zarate and
   Carbotte, Phys. Rev. B 29, 184 (1984); Carbotte, Rev. Mod. Phys. 62, 1027 (1990)).
4. Convergence in the Matsubara cutoff ω_c = 5 ... 80 ω_E (μ* = 0.1 defined at 10 ω_E, λ = 1): Tc, and
   Δ(iω_0), Z(iω_0) at T = Tc/4, with their relative changes.
"""

from __future__ import annotations

import math
import sys
import time

import numpy as np

from numeric.constants import hbar, k
from numeric.eliashberg import EinsteinSpectrum, GridSpectrum, eliashberg_tc, solve_eliashberg
from numeric.superconductivity import allen_dynes_tc, einstein_moments, eliashberg_moments

W = 2.0e13  # rad/s
LAMBDAS = (0.3, 0.4, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5)
MUS = (0.0, 0.05, 0.1, 0.15)


def debye_spectrum(lam: float, omega_D: float = W, points: int = 801) -> GridSpectrum:
    """α²F = λ(ω/ω_D)² on [0, ω_D] (801 points: the grid λ is within 7e-5 of λ)."""
    w = np.linspace(0.0, omega_D, points)
    return GridSpectrum(w, lam * (w / omega_D) ** 2)


def timing() -> None:
    spec = EinsteinSpectrum(1.0, W)
    start = time.perf_counter()
    tc = eliashberg_tc(spec, 0.1)
    cold = time.perf_counter() - start
    warm = min(_timed(lambda: eliashberg_tc(spec, 0.1)) for _ in range(5))
    print(f"1. linearized Eliashberg Tc, Einstein lambda = 1, mu* = 0.1: Tc = {tc:.4f} K "
          f"(hbar omega_E/k_B = {hbar * W / k:.2f} K); time cold {cold:.3f} s, warm {warm:.3f} s")


def _timed(f) -> float:
    start = time.perf_counter()
    f()
    return time.perf_counter() - start


def allen_dynes_accuracy(lambdas, mus) -> None:
    print("2. Allen-Dynes Tc / Eliashberg Tc - 1 (Eliashberg: mu* at 10 omega_max, cutoff 20 omega_max)")
    worst = {}
    for name, make in (("Einstein", lambda lam: EinsteinSpectrum(lam, W)), ("Debye-like", debye_spectrum)):
        print(f"   {name}: rows lambda, columns mu* = {mus}")
        for lam in lambdas:
            spec = make(lam)
            m = (einstein_moments(lam, W) if isinstance(spec, EinsteinSpectrum)
                 else eliashberg_moments(spec.omega, spec.a2F))
            row = []
            for mu in mus:
                tc = eliashberg_tc(spec, mu)
                ad = allen_dynes_tc(lam, mu, m.omega_log, m.omega2_bar)
                dev = ad / tc - 1.0 if tc > 0.0 else math.nan
                row.append(dev)
                if abs(dev) > abs(worst.get(name, (0.0,))[0]):
                    worst[name] = (dev, lam, mu, tc * k / (hbar * m.omega_log))
            print(f"   {lam:5.2f} " + " ".join(f"{d:+8.4f}" for d in row))
    for name, (dev, lam, mu, t) in worst.items():
        print(f"   {name}: max |deviation| {abs(dev):.4f} ({dev:+.4f}) at lambda = {lam}, mu* = {mu} "
              f"(Tc = {t:.3g} hbar omega_log/k_B)")


def gap_ratios(lambdas) -> None:
    print("3. 2 Delta/k_B Tc (gap edge at T = Tc/8, mu* = 0.1 for lambda >= 0.5, 0 below) vs "
          "3.53[1 + 12.5 (Tc/omega_ln)^2 ln(omega_ln/2Tc)]")
    for lam in lambdas:
        mu = 0.1 if lam >= 0.5 else 0.0
        spec = EinsteinSpectrum(lam, W)
        tc = eliashberg_tc(spec, mu)
        sol = solve_eliashberg(spec, tc / 8.0, mu)
        ratio = 2.0 * sol.gap_edge() / (k * tc)
        t = tc * k / (hbar * W)
        formula = 3.53 * (1.0 + 12.5 * t * t * math.log(1.0 / (2.0 * t)))
        print(f"   lambda {lam:4.2f} mu* {mu:4.2f}: Tc/omega_E {t:.4f}, 2Delta/kTc {ratio:.4f} "
              f"(2 Delta(i omega_0)/kTc {2.0 * sol.delta0 / (k * tc):.4f}), formula {formula:.4f}, "
              f"ratio {ratio / formula:.4f}")


def cutoff_convergence() -> None:
    print("4. cutoff convergence, Einstein lambda = 1, mu* = 0.1 at 10 omega_E")
    spec = EinsteinSpectrum(1.0, W)
    t = eliashberg_tc(spec, 0.1) / 4.0
    previous = None
    for f in (5.0, 10.0, 20.0, 40.0, 80.0):
        tc = eliashberg_tc(spec, 0.1, f * W, omega_ref=10.0 * W)
        sol = solve_eliashberg(spec, t, 0.1, f * W, omega_ref=10.0 * W)
        row = np.array([tc, sol.delta0, sol.Z[0]])
        change = "" if previous is None else "  changes " + " ".join(f"{x:+.2e}" for x in row / previous - 1)
        print(f"   omega_c = {f:4.0f} omega_E: Tc {tc:.6f} K, Delta_0 {1e3 * sol.delta_eV[0]:.6f} meV, "
              f"Z_0 {sol.Z[0]:.6f}{change}")
        previous = row


if __name__ == "__main__":
    quick = "--quick" in sys.argv
    timing()
    allen_dynes_accuracy((0.5, 1.0, 2.5) if quick else LAMBDAS, (0.0, 0.15) if quick else MUS)
    gap_ratios((0.3, 1.0, 2.5) if quick else (0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 2.5))
    cutoff_convergence()
