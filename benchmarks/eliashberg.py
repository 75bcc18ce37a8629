"""λ of a tight-binding band with spring-model phonons: ephkit's tetrahedron double delta against elphmod.

Run:  python benchmarks/eliashberg.py [--quick]

The issue's bar: ephkit's λ within 1e-3 (relative) of a converged reference in less wall time than
elphmod's ``elphmod.eliashberg.McMillan`` (optional dependency, black-box use) needs for 1e-2.

Model (the same numbers go to both codes): a 2D triangular lattice (a = 3 Å), one s band with
nearest-neighbour hopping t = 1 eV at half filling of the spin-degenerate band (0.8 electrons per cell
of 2: away from the van Hove filling 1.5), central nearest-neighbour springs (Θ_D(0) = 300 K,
M = 50 u), and the deformation-potential coupling g² = ħD²(q·e_qν)²/(2Mω_qν), D = 3 eV, q in the first
BZ (numeric.eliashberg_function.lattice_eliashberg). elphmod's McMillan is written for 2D meshes with
the hexagonal symmetry of its irreducible q points (``elphmod.bravais.irreducibles``), which is why the
benchmark is 2D and not fcc; the script checks that our ω² are equal on every image of each
irreducible q before handing them over.

What each code gets: ε_k − E_F on the n × n mesh (eV), ω²_qν (eV²) on the irreducible q of the same
mesh and elphmod's coupling g2 = 2ħω g² = ħ²D²(q·e)²/M (eV³; λ = N(0) Σ g2/ω² δδ / Σ δδ in its
normalisation, equal to ours).

ephkit: ``method="product"`` (the double delta of every q of the mesh as the FFT correlation of
linear-triangle single-delta weights, exact sum rule) and, for comparison, ``method="tetrahedron"``
(the per-q double delta of numeric.tetrahedron.double_delta_on_mesh). elphmod: smeared deltas (its
default Fermi-Dirac smearing ``kT``) at several (mesh, kT): the smearing has to shrink as the mesh
grows, too small a kT on a coarse mesh is undersampled.

Reference: ephkit at the finest mesh (its difference to the next finest printed as an error estimate).
The fcc model of the issue is run first, ephkit alone (elphmod's McMillan takes 2D meshes only).
Times: wall clock, best of 3 calls (one for the slow rows), after a warm-up call (numba compilation is
not counted). ephkit's
time is the whole call (band energies, phonon modes, weights); elphmod's is the McMillan call only
(the input arrays are built before the clock starts).

Measured (this machine, 2 shared cores, best of 3; "1st" is the first call at that mesh, which also
builds the cached mesh geometry: tetrahedra, first-zone q and the orbits of the q under the point group,
on whose 816 representatives (of the 9215 q at 96²) the spring-model modes are computed from the first
call on): ephkit product 96²: λ = 0.187372, error 6.6e-4 in 1.8 ms (1st 2.6-2.9 ms). Before: 3.2-3.8 ms
(1st 5.7-6.4 ms), and 14 ms before the compiled phonon modes, first-zone folding and binning, real FFTs, the
geometry cache and the orbits; the same λ, λ_tr, ω_log, ⟨ω²⟩ to ~1e-14 throughout. The error is not
monotonic in the mesh (72²: 2.2e-3 in 1.2 ms, 144²: 8.8e-4 in 3.8 ms, 192²: 5.0e-4 in 6.1 ms). elphmod:
96², kT = 0.1 eV: 1.3e-3 in 34 ms; 48², kT = 0.2 eV: 1.02e-2 in 6 ms; but 36², kT = 0.2 eV: 3.4e-3 in
3.2 ms and 72², kT = 0.1 eV: 8.9e-4 in 16 ms. Reference 576²: 0.187248 (384²: 1.4e-4 away). So against
elphmod with a well-chosen kT (its 1e-2 in 3.2 ms) ephkit's 1e-3 takes 1.8 ms: the bar is met on all three
measures printed, in two runs: call 0.57 and 0.61, first call 0.86 and 0.77, route 0.42 and 0.45 (the
timings scatter by ~10 % on the shared machine; before: 1.19, 1.90, 0.88). The smearing errors partly
cancel at particular (mesh, kT) pairs (36², kT = 0.25 eV is already 1.6e-2 off), which cannot be chosen
without the reference; ephkit's product method needs no parameter. Where ephkit's 1.8 ms go at 96²
(reused mesh): ε_k of the band on the mesh (TightBinding, compiled) 0.28 ms, v_k only at the 4.8 % of the
points with a nonzero single-delta weight 0.03 ms, the single-delta weights 0.09 ms and the FFT
correlations 0.49 ms, the tetrahedron DOS 0.05 ms, the phonon modes on the orbits 0.11 ms, the q-node
sums and the α²F binning (one compiled pass) ~0.2 ms; elphmod gets ε, ω² and g² as inputs (outside its
clock) on the irreducible q only (12-fold symmetry). A first call adds the geometry (0.3 ms: tetrahedra,
first-zone q; the orbits 0.2 ms) and the first touch of the memory of new array sizes (a fresh process:
first call 3.6-3.9 ms after a numba warm-up at 48², was 5.9-6.4 ms).
The route from the same models to λ (elphmod's inputs ε, ω², g2 built from the band and spring models on
its mesh and irreducible q, then its call; ephkit's call does all of it): ephkit 1.8 ms for 1e-3 against
elphmod 4.3 ms for 1e-2 (36², kT = 0.2 eV), ratio 0.42 (3.8 ms, 0.88 before).
fcc (ephkit only): 8.8e-4 at 24³ in 0.005 s (0.010 s before, 0.135 s before that; a first call at 24³
10 ms, was 29 ms and then 107 ms for the second, which built the 3D point group), 2.6e-4 at 32³ in
0.010-0.011 s (0.04-0.07 s before); reference 80³: 0.408604.
"""

from __future__ import annotations

import math
import sys
import time

import numpy as np

import numeric.constants as c
from numeric.electrons import TightBinding
from numeric.eliashberg_function import _first_zone, lattice_eliashberg
from numeric.lattice import Lattice
from numeric.springs import SpringModel

A = 3e-10
#: a1, a2 at 120°: elphmod's mesh convention (its images of a q point, angle=60 between the mesh axes
#: b1, b2) then maps our ω² onto themselves; checked in elphmod_inputs.
LATTICE = Lattice(np.array([[A, 0.0], [-A * 0.5, A * math.sqrt(3.0) / 2.0]]), name="triangular")
BAND = TightBinding(LATTICE, 1.0 * c.eV, electrons_per_cell=0.8)
PHONONS = SpringModel.with_debye_temperature(LATTICE, 50.0 * c.atomic_mass, 300.0)
D = 3.0 * c.eV


def best(fn, repeat: int = 3) -> tuple[float, float, float]:
    """(value, best wall time of ``repeat`` calls, time of the first call) of fn() (on a shared machine the
    minimum is the cost; the first call of ephkit at a new mesh also builds the cached mesh geometry)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - start)
    return value, min(times), times[0]


def ephkit(n: int, method: str = "product") -> tuple[float, float, float]:
    return best(lambda: lattice_eliashberg(BAND, PHONONS, D, mesh=n, method=method, progress=False).lam)


def elphmod_inputs(n: int, verify: bool = True) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """ε − E_F (n, n, 1), ω² (nQ, 2) and g2 (nQ, 2, n, n, 1, 1) in eV units, on elphmod's irreducible q
    (``verify``: check that our ω² are equal on every image of each irreducible q; not timed)."""
    import elphmod

    b = np.asarray(LATTICE.reciprocal)
    idx = np.stack(np.meshgrid(np.arange(n), np.arange(n), indexing="ij"), -1).reshape(-1, 2)
    k = idx / n @ b
    eps = (BAND.energies(k) - BAND.fermi_level).reshape(n, n, 1) / c.eV
    irr = np.array(sorted(elphmod.bravais.irreducibles(n)))
    q = _first_zone(LATTICE, irr / n @ b)
    omega, vectors = PHONONS.modes(q)
    w2 = (c.hbar * omega / c.eV) ** 2
    for (q1, q2), ref in zip(irr, w2 if verify else [], strict=False):  # our ω² equal on the images
        images = np.array(sorted(elphmod.bravais.images(q1, q2, n)))
        om = PHONONS.frequencies(_first_zone(LATTICE, images / n @ b))
        assert np.allclose((c.hbar * om / c.eV) ** 2, ref, rtol=1e-9, atol=1e-14), (q1, q2)
    qe2 = np.einsum("qi,qis->qs", q, vectors) ** 2
    g2 = c.hbar**2 * D**2 * qe2 / PHONONS.mass / c.eV**3
    g2 = np.where(omega > 0.0, g2, 0.0)
    g2 = np.broadcast_to(g2[:, :, None, None, None, None], (*g2.shape, n, n, 1, 1))   # k-independent: a view
    return eps, w2, g2


def elphmod_lambda(n: int, kT: float) -> tuple[float, float, float, float]:
    """λ, best and first time of elphmod's McMillan call alone, and the best time of the whole route from
    the same models (its inputs ε, ω², g2 built on its mesh and irreducible q, then the call)."""
    import elphmod

    eps, w2, g2 = elphmod_inputs(n)                              # the clock runs for elphmod's own work only
    lam, t, first = best(lambda: elphmod.eliashberg.McMillan(n, eps, w2, g2, kT=kT)[0])
    _, t_route, _ = best(lambda: elphmod.eliashberg.McMillan(n, *elphmod_inputs(n, verify=False), kT=kT)[0])
    return float(lam), t, first, t_route


def fcc_table(quick: bool) -> None:
    """The issue's fcc model, ephkit only (elphmod's McMillan takes 2D meshes): one band (t = 0.5 eV,
    0.3 electrons per cell), elastically isotropic springs (k2 = k1/4, Θ_D(0) = 340 K, M = 63.5 u),
    D = 5 eV; reference the product method at 80³ (64³ printed beside it)."""
    fcc = Lattice.fcc(3.6e-10)
    band = TightBinding(fcc, 0.5 * c.eV, electrons_per_cell=0.3)
    springs = SpringModel.with_debye_temperature(fcc, 63.5 * c.atomic_mass, 340.0, 0.25)

    def run(n: int, method: str = "product") -> tuple[float, float, float]:
        return best(lambda: lattice_eliashberg(band, springs, 5.0 * c.eV, mesh=n, method=method,
                                               progress=False).lam, 1 if n > 32 or method != "product" else 3)

    run(8)
    run(8, "tetrahedron")
    ref_meshes = [32, 48] if quick else [64, 80]
    ref_prev, _, _ = run(ref_meshes[0])
    ref, t_ref, _ = run(ref_meshes[1])
    print(f"fcc, one band, filling 0.3 (ephkit only): reference {ref_meshes[1]}³ λ = {ref:.6f} "
          f"({t_ref:.1f} s); {ref_meshes[0]}³: {ref_prev:.6f} (difference {abs(ref_prev / ref - 1):.1e})")
    print(f"{'code':<28}{'mesh':>6}{'time (s)':>10}{'λ':>12}{'rel. error':>12}")
    for method, meshes in (("product", [12, 16, 24, 32] if quick else [12, 16, 24, 32, 48]),
                           ("tetrahedron", [12, 16] if quick else [12, 16, 24])):
        for n in meshes:
            lam, t, _ = run(n, method)
            print(f"{'ephkit ' + method:<28}{n:>6}{t:>10.3f}{lam:>12.6f}{abs(lam / ref - 1):>12.1e}")
    print()


def main() -> None:
    quick = "--quick" in sys.argv
    fcc_table(quick)
    meshes = [24, 48, 96] if quick else [24, 48, 72, 96, 144, 192]
    ref_meshes = [384, 576] if not quick else [192, 288]
    ephkit(8)                                                    # warm-up: numba compilation
    ephkit(8, "tetrahedron")
    ref_prev, _, _ = ephkit(ref_meshes[0])
    ref, t_ref, _ = ephkit(ref_meshes[1])
    print(f"reference: ephkit at {ref_meshes[1]}² λ = {ref:.6f} ({t_ref:.1f} s); at {ref_meshes[0]}²: "
          f"{ref_prev:.6f} (difference {abs(ref_prev / ref - 1):.1e})\n")
    print("times: 'best' and '1st' of the call (elphmod: McMillan alone, its inputs built beforehand);\n"
          "'route': best time from the models to λ (ephkit: the same call; elphmod: building its inputs\n"
          "ε, ω², g2 from the same band and spring models, on its mesh and irreducible q, plus McMillan)")
    print(f"{'code':<28}{'mesh':>6}{'best (ms)':>11}{'1st (ms)':>10}{'route (ms)':>11}{'λ':>12}"
          f"{'rel. error':>12}")
    rows = []
    for n in meshes:
        lam, t, first = ephkit(n)
        rows.append(("ephkit product", n, t, first, t, lam))
    for n in meshes[:4]:
        lam, t, first = ephkit(n, "tetrahedron")
        rows.append(("ephkit tetrahedron per q", n, t, first, t, lam))
    try:
        import elphmod  # noqa: F401
    except ImportError:
        print("elphmod not installed")
        elph = []
    else:
        elphmod_lambda(6, 0.1)                                  # warm-up
        elph = []
        for n, kT in ([(36, 0.2), (48, 0.2), (96, 0.1)] if quick else
                      [(36, 0.2), (36, 0.25), (48, 0.2), (48, 0.15), (48, 0.1), (72, 0.1), (96, 0.2),
                       (96, 0.1), (96, 0.05), (144, 0.1), (144, 0.05), (192, 0.05)]):
            lam, t, first, route = elphmod_lambda(n, kT)
            elph.append((f"elphmod McMillan kT={kT} eV", n, t, first, route, lam))
    for name, n, t, first, route, lam in rows + elph:
        print(f"{name:<28}{n:>6}{1e3 * t:>11.1f}{1e3 * first:>10.1f}{1e3 * route:>11.1f}{lam:>12.6f}"
              f"{abs(lam / ref - 1):>12.1e}")
    print()
    for column, label in ((2, "call"), (3, "first call"), (4, "route from the models")):
        ours = [r[column] for r in rows if abs(r[-1] / ref - 1) < 1e-3 and r[0] == "ephkit product"]
        theirs = [r[column] for r in elph if abs(r[-1] / ref - 1) < 1e-2]
        if not (ours and theirs):
            print(f"{label}: ephkit within 1e-3: {bool(ours)}, elphmod within 1e-2: {bool(theirs)}")
            continue
        ratio = min(ours) / min(theirs)
        print(f"{label}: ephkit within 1e-3 in {1e3 * min(ours):.1f} ms, elphmod within 1e-2 in "
              f"{1e3 * min(theirs):.1f} ms: ratio {ratio:.2f}, bar {'met' if ratio < 1 else 'NOT met'}")
    print("(elphmod's kT chosen here with the reference known; the error of a fixed kT is not monotonic in "
          "the mesh)")


if __name__ == "__main__":
    main()
