"""Static Lindhard function of the 3D electron gas: ephkit's k-space integral against elphmod's mesh sum.

Run:  pip install -e ".[bench]" && python benchmarks/lindhard.py

Both tools compute the static, T = 0 density response χ0(q) = −g(E_F) F(q/2k_F) of free electrons
(copper density, n = 8.47e28 1/m³, m = m_e) at the seven values x = q/2k_F = πj/96, j = 6, 9, ..., 24
(x = 0.196 ... 0.785), and are compared with the closed form F(x) (``numeric.screening.lindhard_static``).

- ephkit: ``numeric.response.chi0(gas, q)``: radial Gauss-Legendre panels graded towards the
  logarithmic singularities, angular integral done exactly (no mesh, no smearing). Timed cold in this
  process (the numba kernels come from the on-disk cache after the first run).
- elphmod, as its users compute a susceptibility: ``elphmod.diagrams.phonon_self_energy`` with unit
  coupling (``g2=None``) on a Γ-centred nk³ mesh (nk = 96) of a periodic parabolic band in a simple-cubic
  box of side a = 1/k_F, ε_k = ħ²|k|²/2m with k folded into the first BZ (the Fermi sphere, and k + q
  for every occupied k, stay inside the BZ: 1 + 2x <= 2.57 < π), Fermi level at 0, Fermi-Dirac smearing
  kT = 0.05 E_F (about half the level spacing v_F·2π/(96a) at the Fermi surface, the smallest
  that keeps the mesh sum smooth). The q are mesh vectors (j, 0, 0)·2π/(96a), x = πj/96 exactly.
  elphmod returns Π = (2/N) Σ_k (f_k − f_{k+q})/(ε_k − ε_{k+q}) per cell; χ0 = Π/Ω, so
  F = −Π/(g(E_F) Ω) = −2π² Π E_F for k_F a = 1.

If elphmod is not installed, only ephkit's figures are printed.
"""

from __future__ import annotations

import math
import time

import numpy as np

import numeric.constants as c
from numeric.electrons import FreeElectronGas
from numeric.response import chi0
from numeric.screening import lindhard_static

N_DENSITY = 8.47e28  # 1/m³
NK = 96
J = np.arange(6, 25, 3)  # q = j 2π/(NK a), x = π j/NK
KT_OVER_EF = 0.05


def gas() -> FreeElectronGas:
    return FreeElectronGas(N_DENSITY, c.m_e)


def run_ephkit(x: np.ndarray) -> tuple[np.ndarray, float]:
    g = gas()
    t0 = time.perf_counter()
    values = chi0(g, 2 * g.k_F * x) / -g.dos_fermi
    return values, time.perf_counter() - t0


def run_elphmod(x: np.ndarray) -> tuple[np.ndarray, float, str]:
    import elphmod

    t0 = time.perf_counter()
    # reduced units: a = 1/k_F, energies in E_F (ε = κ²); Γ-centred mesh, k folded into [−π, π)
    u = np.arange(NK) / NK
    u = u - np.floor(u + 0.5)
    kk = 2 * math.pi * u
    k2 = kk[:, None, None] ** 2 + kk[None, :, None] ** 2 + kk[None, None, :] ** 2
    e = (k2 - 1.0)[..., None]  # one band, Fermi level at 0
    q = [(2 * math.pi * j / NK, 0.0, 0.0) for j in J]
    Pi = elphmod.diagrams.phonon_self_energy(q, e, kT=KT_OVER_EF, occupations="fd")
    values = -2 * math.pi**2 * np.real(np.asarray(Pi)).reshape(len(J))
    return values, time.perf_counter() - t0, elphmod.__version__ if hasattr(elphmod, "__version__") else "?"


def main() -> None:
    x = math.pi * J / NK
    F = lindhard_static(x)
    ours, t_ours = run_ephkit(x)
    try:
        theirs, t_theirs, version = run_elphmod(x)
    except ImportError:
        theirs, t_theirs, version = None, None, None
        print("elphmod is not installed: ephkit only (pip install elphmod)")

    print(f"Static Lindhard F(x), 3D electron gas at n = {N_DENSITY:.3g} 1/m³, T = 0")
    head = f"{'x = q/2k_F':>10}  {'F(x)':>14}  {'ephkit':>14}  {'rel. err':>9}"
    if theirs is not None:
        head += f"  {'elphmod ' + str(NK) + '³':>14}  {'rel. err':>9}"
    print(head)
    for i in range(len(x)):
        row = f"{x[i]:10.6f}  {F[i]:14.10f}  {ours[i]:14.10f}  {abs(ours[i] / F[i] - 1):9.1e}"
        if theirs is not None:
            row += f"  {theirs[i]:14.10f}  {abs(theirs[i] / F[i] - 1):9.1e}"
        print(row)
    print(f"ephkit  max rel. error {np.max(np.abs(ours / F - 1)):.1e}, wall time {t_ours * 1e3:.2f} ms "
          "(7 points, k-space integral, T = 0, no smearing)")
    if theirs is not None:
        print(f"elphmod {version}: max rel. error {np.max(np.abs(theirs / F - 1)):.1e}, wall time "
              f"{t_theirs:.2f} s ({NK}³ mesh, Fermi-Dirac smearing kT = {KT_OVER_EF} E_F)")
        print(f"wall-time ratio elphmod/ephkit: {t_theirs / t_ours:.0f}")
    goal = np.max(np.abs(ours / F - 1)) <= 1e-4
    print(f"goal (ephkit within 0.01 % of F(x)"
          f"{', in no more wall time than elphmod' if theirs is not None else ''}): "
          f"{'met' if goal and (theirs is None or t_ours <= t_theirs) else 'NOT met'}")


if __name__ == "__main__":
    main()
