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
Times: wall clock, one run each, after a warm-up call (numba compilation is not counted). ephkit's
time is the whole call (band energies, phonon modes, weights); elphmod's is the McMillan call only
(the input arrays are built before the clock starts).

Measured (this machine, 2 shared cores, other jobs running): ephkit product 96²: λ = 0.187372, error
6.6e-4, 0.02 s (the error is not monotonic in the mesh: 144²: 8.8e-4, 192²: 5.0e-4); elphmod
96², kT = 0.1 eV: error 1.3e-3 in 0.07 s, its fastest run within 1e-2 (48² with kT = 0.2 eV: 1.02e-2 in
0.01 s, just outside). Reference 576²: 0.187248 (384²: 1.4e-4 away). The bar is met, by a factor of
about 3 in time; the scan of elphmod's (mesh, kT) is coarse, a tuned kT on 48² could reach 1e-2 in
~0.01 s, i.e. faster than ephkit's 1e-3.
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


def ephkit(n: int, method: str = "product") -> tuple[float, float]:
    start = time.perf_counter()
    lam = lattice_eliashberg(BAND, PHONONS, D, mesh=n, method=method, progress=False).lam
    return lam, time.perf_counter() - start


def elphmod_inputs(n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """ε − E_F (n, n, 1), ω² (nQ, 2) and g2 (nQ, 2, n, n, 1, 1) in eV units, on elphmod's irreducible q."""
    import elphmod

    b = np.asarray(LATTICE.reciprocal)
    idx = np.stack(np.meshgrid(np.arange(n), np.arange(n), indexing="ij"), -1).reshape(-1, 2)
    k = idx / n @ b
    eps = (BAND.energies(k) - BAND.fermi_level).reshape(n, n, 1) / c.eV
    irr = np.array(sorted(elphmod.bravais.irreducibles(n)))
    q = _first_zone(LATTICE, irr / n @ b)
    omega, vectors = PHONONS.modes(q)
    w2 = (c.hbar * omega / c.eV) ** 2
    for (q1, q2), ref in zip(irr, w2, strict=True):              # our ω² equal on elphmod's images
        images = np.array(sorted(elphmod.bravais.images(q1, q2, n)))
        om = PHONONS.frequencies(_first_zone(LATTICE, images / n @ b))
        assert np.allclose((c.hbar * om / c.eV) ** 2, ref, rtol=1e-9, atol=1e-14), (q1, q2)
    qe2 = np.einsum("qi,qis->qs", q, vectors) ** 2
    g2 = c.hbar**2 * D**2 * qe2 / PHONONS.mass / c.eV**3
    g2 = np.where(omega > 0.0, g2, 0.0)
    g2 = np.broadcast_to(g2[:, :, None, None, None, None], (*g2.shape, n, n, 1, 1))   # k-independent: a view
    return eps, w2, g2


def elphmod_lambda(n: int, kT: float) -> tuple[float, float]:
    import elphmod

    eps, w2, g2 = elphmod_inputs(n)
    start = time.perf_counter()                                  # elphmod's own work only
    lam = elphmod.eliashberg.McMillan(n, eps, w2, g2, kT=kT)[0]
    return float(lam), time.perf_counter() - start


def main() -> None:
    quick = "--quick" in sys.argv
    meshes = [24, 48, 96] if quick else [24, 48, 72, 96, 144, 192]
    ref_meshes = [384, 576] if not quick else [192, 288]
    ephkit(8)                                                    # warm-up: numba compilation
    ephkit(8, "tetrahedron")
    ref_prev, _ = ephkit(ref_meshes[0])
    ref, t_ref = ephkit(ref_meshes[1])
    print(f"reference: ephkit at {ref_meshes[1]}² λ = {ref:.6f} ({t_ref:.1f} s); at {ref_meshes[0]}²: "
          f"{ref_prev:.6f} (difference {abs(ref_prev / ref - 1):.1e})\n")
    print(f"{'code':<28}{'mesh':>6}{'time (s)':>10}{'λ':>12}{'rel. error':>12}")
    rows = []
    for n in meshes:
        lam, t = ephkit(n)
        rows.append(("ephkit product", n, t, lam))
    for n in meshes[:4]:
        lam, t = ephkit(n, "tetrahedron")
        rows.append(("ephkit tetrahedron per q", n, t, lam))
    try:
        import elphmod  # noqa: F401
    except ImportError:
        print("elphmod not installed")
        elph = []
    else:
        elphmod_lambda(6, 0.1)                                  # warm-up
        elph = []
        for n, kT in ([(48, 0.2), (96, 0.1)] if quick else
                      [(48, 0.2), (48, 0.1), (96, 0.2), (96, 0.1), (96, 0.05), (144, 0.1), (144, 0.05),
                       (192, 0.05)]):
            lam, t = elphmod_lambda(n, kT)
            elph.append((f"elphmod McMillan kT={kT} eV", n, t, lam))
    for name, n, t, lam in rows + elph:
        print(f"{name:<28}{n:>6}{t:>10.2f}{lam:>12.6f}{abs(lam / ref - 1):>12.1e}")
    ours = [t for name, _, t, lam in rows if abs(lam / ref - 1) < 1e-3 and name == "ephkit product"]
    theirs = [t for _, _, t, lam in elph if abs(lam / ref - 1) < 1e-2]
    print()
    print(f"ephkit fastest within 1e-3: {min(ours):.2f} s" if ours else "ephkit: no mesh within 1e-3")
    print(f"elphmod fastest within 1e-2: {min(theirs):.2f} s" if theirs else "elphmod: no run within 1e-2")


if __name__ == "__main__":
    main()
