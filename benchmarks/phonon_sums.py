"""Phonon Brillouin-zone sums: ephkit's ray quadrature against phonopy's mesh, on one copper model.

Run:  pip install -e ".[bench]" && python benchmarks/phonon_sums.py

Both tools get the same lattice dynamics: the fcc nearest-neighbour central-spring model of
copper (a = 3.615 Å, M = 63.546 u, k1 fitted so that the elastic Debye temperature
Θ_D(0) = 343 K, :meth:`numeric.springs.SpringModel.with_debye_temperature`). In phonopy it is
a one-atom primitive fcc cell, a 4×4×4 supercell and hand-made force constants: −k1 R̂R̂ᵀ
between the two atoms of each nearest-neighbour bond R and the acoustic-sum-rule diagonal
+Σ_R k1 R̂R̂ᵀ (eV/Å²). phonopy's physical constants are set to ephkit's (CODATA 2022,
:mod:`numeric.constants`) so the two tools differ only by their BZ sums; the script first checks
that phonopy's frequencies equal ``SpringModel.frequencies`` to 1e-8 relative at a few q-points.

What is measured (one process; times are wall-clock):

1. ⟨u²⟩(T), the full 3D mean-square displacement per atom with zero-point motion, at the
   1000 temperatures T = 1, 2, ..., 1000 K. phonopy: ``run_mesh([64]*3, with_eigenvectors=True,
   is_mesh_symmetry=False)`` + ``run_thermal_displacements(temperatures=T)`` (x+y+z summed,
   Γ acoustic modes excluded). ephkit: ``mean_square_displacement(model, T)``, timed cold (model
   construction and the spectrum included); its convergence is shown against a higher-order
   ray rule. The 64³ mesh is ~1 % off: the zero-point integrand ∝ 1/ω is singular at Γ.
2. C_V/T³ at T = Θ_D(0)/1000 = 0.343 K (and 1, 3, 10 K) against the Debye law
   (12π⁴/5) k_B (T/Θ_D(0))³. A mesh has no modes below its first shell, so phonopy's C_V there is
   exponentially small; ephkit's geometric radial panels reach the T³ law.

If phonopy is not installed, only ephkit's figures are printed.
"""

from __future__ import annotations

import os
import time

import numpy as np

import numeric.constants as c
from numeric.lattice import Lattice
from numeric.springs import SpringModel
from numeric.thermal import heat_capacity, mean_square_displacement

A = 3.615e-10  # m
MASS_U = 63.546  # u
THETA_D = 343.0  # K, Θ_D(0)
TEMPERATURES = np.arange(1.0, 1001.0)  # 1, 2, ..., 1000 K
SHOWN_T = (10.0, 100.0, 300.0, 1000.0)
LOW_T = (THETA_D / 1000.0, 1.0, 3.0, 10.0)
MESH = 64
SUPERCELL = 4
HIGH_ORDER = dict(angular_order=24, radial_order=18)


def copper_model() -> SpringModel:
    return SpringModel.with_debye_temperature(Lattice.fcc(A), MASS_U * c.atomic_mass, THETA_D)


def debye_law(T: np.ndarray | float) -> np.ndarray | float:
    """C_V per atom of the T³ law, J/K."""
    return 12.0 * np.pi**4 / 5.0 * c.k * (np.asarray(T) / THETA_D) ** 3


# ====================================================================== phonopy
def use_ephkit_constants() -> None:
    """Make phonopy use the same constants as ephkit (its pinned CODATA table, numeric.constants)."""
    from phonopy.physical_units import set_physical_units

    set_physical_units(KB_J=c.k, PlanckConstant=c.h / c.e, Avogadro=c.N_A, AMU=c.atomic_mass, EV=c.e,
                       Me=c.m_e)


def phonopy_model(model: SpringModel):
    """phonopy object with the force constants of ``model`` (eV/Å², a 4×4×4 supercell)."""
    from phonopy import Phonopy
    from phonopy.structure.atoms import PhonopyAtoms

    cell = np.asarray(model.lattice.primitive) * 1e10  # Å, rows
    unitcell = PhonopyAtoms(symbols=["Cu"], cell=cell, scaled_positions=[[0.0, 0.0, 0.0]],
                            masses=[MASS_U])
    phonon = Phonopy(unitcell, supercell_matrix=np.diag([SUPERCELL] * 3), primitive_matrix=None)
    sc = phonon.supercell
    lattice = np.asarray(sc.cell)  # Å, rows
    frac = np.asarray(sc.scaled_positions)
    n = len(frac)
    R, k = model.bonds
    R = R * 1e10  # Å
    k = k * 1e-20 / c.e  # N/m -> eV/Å²
    fc = np.zeros((n, n, 3, 3))
    inv = np.linalg.inv(lattice)
    for i in range(n):
        for r, kr in zip(R, k, strict=True):
            target = frac[i] + r @ inv
            delta = (frac - target + 0.5) % 1.0 - 0.5
            j = int(np.argmin(np.abs(delta).sum(axis=1)))
            if np.abs(delta[j]).max() > 1e-8:
                raise RuntimeError("bond partner not found in the supercell")
            u = r / np.linalg.norm(r)
            block = kr * np.outer(u, u)
            fc[i, j] -= block
            fc[i, i] += block
    phonon.force_constants = fc
    return phonon


def check_frequencies(phonon, model: SpringModel) -> float:
    """Largest relative difference of phonopy's and ephkit's frequencies at a few q-points."""
    q_red = np.array([[0.5, 0.0, 0.5], [0.5, 0.5, 0.5], [0.5, 0.25, 0.75], [0.375, 0.375, 0.75],
                      [0.1, 0.2, 0.3], [0.013, -0.021, 0.034], [0.31, 0.77, -0.12]])
    worst = 0.0
    for q in q_red:
        f_ph = np.sort(phonon.run_qpoints([q]).frequencies[0])  # THz
        f_ek = model.frequencies(q @ model.lattice.reciprocal) / (2.0 * np.pi * 1e12)
        worst = max(worst, float(np.max(np.abs(f_ph - f_ek) / f_ek)))
    return worst


def run_phonopy(model: SpringModel) -> dict:
    import phonopy

    use_ephkit_constants()
    out: dict = {"version": phonopy.__version__}
    t0 = time.perf_counter()
    phonon = phonopy_model(model)
    out["t_setup"] = time.perf_counter() - t0
    out["freq_check"] = check_frequencies(phonon, model)

    t0 = time.perf_counter()
    phonon.run_mesh([MESH] * 3, with_eigenvectors=True, is_mesh_symmetry=False)
    t1 = time.perf_counter()
    phonon.run_thermal_displacements(temperatures=TEMPERATURES, exclude_gamma_acoustic=True)
    disp = phonon.thermal_displacements.thermal_displacements  # (nT, 3 natom), Å²
    t2 = time.perf_counter()
    out["t_u2"], out["t_mesh"] = t2 - t0, t1 - t0
    out["u2"] = disp.sum(axis=1) * 1e-20  # m²
    # the 32³ mesh at the shown temperatures only, for the mesh-convergence trend
    phonon.run_mesh([32] * 3, with_eigenvectors=True, is_mesh_symmetry=False)
    phonon.run_thermal_displacements(temperatures=SHOWN_T, exclude_gamma_acoustic=True)
    out["u2_32"] = phonon.thermal_displacements.thermal_displacements.sum(axis=1) * 1e-20

    cv = {}
    for mesh in (MESH, 32):
        phonon.run_mesh([mesh] * 3, is_mesh_symmetry=False)
        phonon.run_thermal_properties(temperatures=LOW_T, exclude_gamma_acoustic=True)
        # J/K per mole of cells -> J/K per atom (one atom per cell)
        cv[mesh] = np.asarray(phonon.thermal_properties.heat_capacity) / c.N_A
    out["cv"] = cv
    return out


# ====================================================================== main
def time_ephkit() -> tuple[SpringModel, np.ndarray, float, float, float]:
    """<u²> on the T grid; times: first call in the process, cold (fresh model), cached (s)."""
    t0 = time.perf_counter()
    model = copper_model()
    u2 = mean_square_displacement(model, TEMPERATURES)
    t_first = time.perf_counter() - t0  # includes one-time warm-up (imports done, JIT/BLAS first use)
    colds = []
    for _ in range(3):  # a new model has no cached spectrum: construction + spectrum + contraction
        t0 = time.perf_counter()
        fresh = copper_model()
        mean_square_displacement(fresh, TEMPERATURES)
        colds.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    mean_square_displacement(model, TEMPERATURES)
    t_cached = time.perf_counter() - t0
    return model, u2, t_first, float(np.median(colds)), t_cached


def main() -> None:
    print(f"cores: {os.cpu_count()}")
    model, u2, t_first, t_cold, t_cached = time_ephkit()
    u2_hi = mean_square_displacement(model, TEMPERATURES, **HIGH_ORDER)
    conv = float(np.max(np.abs(u2 / u2_hi - 1.0)))
    _, err = mean_square_displacement(model, TEMPERATURES, return_error=True)
    t0 = time.perf_counter()
    cv_ek = heat_capacity(model, np.array(LOW_T))
    t_cv = time.perf_counter() - t0
    cv_hi = heat_capacity(model, np.array(LOW_T), **HIGH_ORDER)

    print(f"model: fcc NN springs, k1 = {model.k1:.6f} N/m = {model.k1 * 1e-20 / c.e:.8f} eV/Å², "
          f"Θ_D(0) = {model.debye_temperature_T0():.6f} K")

    try:
        ph = run_phonopy(model)
    except ImportError:
        ph = None
        print("phonopy is not installed (pip install -e \".[bench]\"): printing ephkit's figures only.")
    if ph is not None:
        print(f"phonopy {ph['version']}, constants set to ephkit's {c.EDITION}; {SUPERCELL}³ supercell; "
              f"frequency check vs SpringModel.frequencies at 7 q-points: max rel. diff "
              f"{ph['freq_check']:.2e} ({'OK' if ph['freq_check'] < 1e-8 else 'FAIL'} at 1e-8)")

    print(f"\n1) <u²>(T), full 3D, zero-point included, {len(TEMPERATURES)} temperatures 1..1000 K")
    print(f"   ephkit convergence: max_T |default/high-order − 1| = {conv:.2e} "
          f"(high order: {HIGH_ORDER}); built-in error estimate, max rel. {np.max(err / u2):.2e}")
    head = f"{'T (K)':>8} {'ephkit (Å²)':>12}"
    if ph is not None:
        head += (f" {'phonopy 64³':>12} {'64³/ephkit−1':>13} {'phonopy 32³':>12} {'32³/ephkit−1':>13}"
                 f" {'(2·64³−32³)/ephkit−1':>21}")
    print(head)
    for k, T in enumerate(SHOWN_T):
        i = int(np.argmin(np.abs(TEMPERATURES - T)))
        line = f"{T:8.0f} {u2[i] * 1e20:12.8f}"
        if ph is not None:
            u64, u32 = ph["u2"][i], ph["u2_32"][k]
            line += (f" {u64 * 1e20:12.8f} {u64 / u2[i] - 1:13.3e} {u32 * 1e20:12.8f} {u32 / u2[i] - 1:13.3e}"
                     f" {(2 * u64 - u32) / u2[i] - 1:21.3e}")
        print(line)
    print("   (the last column removes a 1/n mesh error: the thermal integrand ∝ 1/ω² at Γ)")
    print(f"   time ephkit: first call in process {t_first:.3f} s; cold (fresh model: construction + "
          f"spectrum + 1000 T, median of 3) {t_cold:.3f} s; cached spectrum {t_cached * 1e3:.1f} ms")
    if ph is not None:
        t_disp = ph["t_u2"] - ph["t_mesh"]
        print(f"   time phonopy: {ph['t_u2']:.2f} s (run_mesh {ph['t_mesh']:.2f} s + "
              f"run_thermal_displacements {t_disp:.2f} s; setup {ph['t_setup']:.2f} s not counted)")
        for label, t in (("cold", t_cold), ("first call", t_first)):
            ratio = ph["t_u2"] / t
            verdict = "met" if ratio >= 50 else "NOT met"
            print(f"   phonopy / ephkit ({label}) = {ratio:.1f}× (goal >= 50×: {verdict})")

    print(f"\n2) C_V/T³-law ratio, law = (12π⁴/5) k_B (T/Θ_D(0))³, Θ_D(0) = {THETA_D} K "
          f"(ephkit C_V time {t_cv * 1e3:.1f} ms, spectrum cached)")
    head = f"{'T (K)':>8} {'law (J/K/atom)':>15} {'ephkit/law':>12} {'ephkit hi/law':>14}"
    if ph is not None:
        head += f" {'phonopy 64³/law':>16} {'phonopy 32³/law':>16}"
    print(head)
    for i, T in enumerate(LOW_T):
        law = debye_law(T)
        line = f"{T:8.3f} {law:15.6e} {cv_ek[i] / law:12.8f} {cv_hi[i] / law:14.8f}"
        if ph is not None:
            line += f" {ph['cv'][MESH][i] / law:16.3e} {ph['cv'][32][i] / law:16.3e}"
        print(line)
    dev = abs(cv_ek[0] / debye_law(LOW_T[0]) - 1)
    verdict = "met" if dev <= 1e-3 else "NOT met"
    print(f"   ephkit at Θ_D/1000: |C_V/law − 1| = {dev:.2e} (goal <= 1e-3: {verdict})."
          " Above Θ_D/1000 the ratio rises above 1 by dispersion (physics, not error).")


if __name__ == "__main__":
    main()
