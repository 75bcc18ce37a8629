"""numeric.electrons: free-electron gas, tight-binding bands, linear tetrahedron method, smearing.

Independent references used here (none calls the code under test to make its expectation):

* Ashcroft & Mermin (A&M) tables 2.1/2.2 for copper (n = 8.47e28 1/m³,
  r_s/a0 = 2.67, k_F = 1.36e8 1/cm, v_F = 1.57e8 cm/s, E_F = 7.00 eV, T_F = 8.16e4 K);
* neighbour vectors written out by hand for each lattice (A&M ch. 4) and the
  band summed over them with an explicit loop;
* band extremes at the high-symmetry points, derived by hand (sc: Γ −6t, R +6t;
  bcc: Γ −8t, H +8t; fcc: Γ −12t, X and W +4t);
* the exact sc band quantities from the 1D/2D convolution
  ρ_sc = ρ_square * ρ_chain with ρ_chain(x) = 1/(π√(4t² − x²)) and
  ρ_square(e) = K(1 − e²/16t²)/(2π²t) (Economou, *Green's Functions in Quantum
  Physics*, ch. 5), integrated by scipy ``quad`` (DOS at E = 0, N(E), band
  energy at half filling);
* the single-tetrahedron occupation weights by a ``dblquad`` over the unit
  simplex with the third coordinate integrated analytically;
* the low-filling expansion N(E) = N_free (1 + c1 u/t + O(u²)), u = E − E_bottom,
  with c1 = (3/2)⟨Q⟩/A², A = Σ_R t_R|R|²/6, ⟨Q⟩ = Σ_R t_R|R|⁴/120 (derived
  in ``test_low_filling_free_electron_form``).
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate
from scipy.constants import eV, hbar, m_e
from scipy.special import ellipkm1

from numeric.electrons import FreeElectronGas, TightBinding
from numeric.lattice import Lattice
from numeric.tetrahedron import TetrahedronMesh, _tetra_weights, simplex_offsets


# ====================================================================== free electrons
def test_copper_against_ashcroft_mermin():
    cu = FreeElectronGas.copper()
    assert cu.n == 8.47e28 and cu.m == m_e and cu.spin_degeneracy == 2
    # three significant digits as printed in A&M tables 2.1/2.2 (half a unit of the last digit)
    assert abs(cu.k_F - 1.36e10) <= 0.005e10
    assert abs(cu.v_F - 1.57e6) <= 0.005e6
    assert abs(cu.r_s - 2.67) <= 0.005
    # Table 2.2 prints E_F = 7.00 eV but T_F = 8.16e4 K, i.e. k_B T_F = 7.03 eV: the table is
    # internally consistent only to ~0.5 %; n = 8.47e28 gives 7.033 eV. Check E_F to 1 % and T_F to 3 digits.
    assert abs(cu.E_F / eV - 7.00) <= 0.01 * 7.00
    assert abs(cu.fermi_temperature - 8.16e4) <= 0.01e4


def test_free_electron_identities():
    gas = FreeElectronGas(2.3e28, 1.3 * m_e)
    assert gas.dos_fermi == pytest.approx(1.5 * gas.n / gas.E_F, rel=1e-14)
    assert gas.dos(gas.E_F) == pytest.approx(gas.dos_fermi, rel=1e-14)
    # number of states: ∫_0^E_F g dE = n
    n, _ = integrate.quad(gas.dos, 0.0, gas.E_F, epsrel=1e-12)
    assert n == pytest.approx(gas.n, rel=1e-10)
    k = np.array([[gas.k_F, 0, 0], [0, 0.5 * gas.k_F, 0], [0.3, 0.4, 0.0]])
    assert np.allclose(gas.energies(k)[:2] / gas.E_F, [1.0, 0.25], rtol=1e-14)
    np.testing.assert_allclose(gas.velocities(k) * gas.m / hbar, k, rtol=1e-14, atol=0)
    assert gas.E_F == pytest.approx(0.5 * gas.m * gas.v_F**2, rel=1e-14, abs=0)
    assert gas.dos(-1e-20) == 0.0


@pytest.mark.parametrize("kwargs, word", [
    ({"n": 0.0}, "n = 0"), ({"n": -1e28}, r"n = -1e\+28"), ({"n": float("nan")}, "n = nan"),
    ({"n": 1e28, "m": 0.0}, "m = 0"), ({"n": 1e28, "m": float("inf")}, "m = inf"),
])
def test_free_electron_validation(kwargs, word):
    with pytest.raises(ValueError, match=word):
        FreeElectronGas(**kwargs)


def test_free_electron_bad_arrays():
    gas = FreeElectronGas.copper()
    with pytest.raises(ValueError, match="E = nan"):
        gas.dos([1e-19, float("nan")])
    with pytest.raises(ValueError, match=r"shape \(\.\.\., 3\)"):
        gas.energies([1.0, 2.0])


# ====================================================================== tight binding: band
def signed_perms(vector):
    out = set()
    for p in itertools.permutations(vector):
        for signs in itertools.product((1, -1), repeat=len(vector)):
            out.add(tuple(s * c for s, c in zip(signs, p, strict=True)))
    return sorted(out)


#: hand-written neighbour vectors (units of the cubic constant a), shells 1 and 2 (A&M ch. 4)
SHELLS = {
    "chain": ([(1,), (-1,)], [(2,), (-2,)]),
    "square": (signed_perms((1, 0)), signed_perms((1, 1))),
    "sc": (signed_perms((1, 0, 0)), signed_perms((1, 1, 0))),
    "bcc": (signed_perms((0.5, 0.5, 0.5)), signed_perms((1, 0, 0))),
    "fcc": (signed_perms((0.5, 0.5, 0)), signed_perms((1, 0, 0))),
}
SIZES = {"chain": (2, 2), "square": (4, 4), "sc": (6, 12), "bcc": (8, 6), "fcc": (12, 6)}
A = 3.0e-10
T = 1.0 * eV


def model(name, t=T, t2=0.0, filling=1.0, a=A):
    return TightBinding(getattr(Lattice, name)(a), t, t2, electrons_per_cell=filling)


@pytest.mark.parametrize("name", list(SHELLS))
def test_energies_brute_force(name):
    assert tuple(len(s) for s in SHELLS[name]) == SIZES[name]
    t, t2 = 0.8 * eV, -0.13 * eV
    tb = model(name, t, t2)
    rng = np.random.default_rng(1)
    k = rng.uniform(-2, 2, size=(40, tb.dim)) * np.pi / A
    expected = np.zeros(len(k))
    for hop, shell in ((t, SHELLS[name][0]), (t2, SHELLS[name][1])):
        for R in shell:
            expected -= hop * np.cos(k @ (A * np.array(R, dtype=float)))
    assert np.allclose(tb.energies(k), expected, rtol=0, atol=1e-13 * T)
    assert tb.energies(k.reshape(4, 10, tb.dim)).shape == (4, 10)


@pytest.mark.parametrize("name", list(SHELLS))
def test_compiled_band_is_the_matrix_formula(name):
    # the compiled loops (one bond of each pair ±R) against −Σ_R t_R cos k·R and Σ_R t_R R sin k·R over
    # all bonds by numpy: the same values to round-off of the band scale (k around the first zone)
    tb = model(name, 0.8 * eV, -0.13 * eV)
    assert len(tb._half_R) == len(tb._R) // 2
    rng = np.random.default_rng(4)
    k = rng.uniform(-1, 1, size=(500, tb.dim)) * np.pi / A
    phase = k @ tb._R.T
    eps = -(np.cos(phase) @ tb._tR) * tb._scale
    v = (np.sin(phase) * tb._tR) @ tb._R * tb._scale / hbar
    assert np.allclose(tb.energies(k), eps, rtol=0.0, atol=2e-15 * 12 * tb._scale)
    assert np.allclose(tb.velocities(k), v, rtol=0.0, atol=2e-15 * np.max(np.abs(v)))
    one = tb.energies(k[0])
    assert type(one) is np.float64 and one == tb.energies(k[:1])[0]
    assert tb.velocities(k[0]).shape == (tb.dim,)
    assert tb.velocities(k.reshape(5, 100, tb.dim)).shape == (5, 100, tb.dim)


@pytest.mark.parametrize("name", list(SHELLS))
def test_velocities_finite_differences(name):
    tb = model(name, T, 0.21 * T)
    rng = np.random.default_rng(2)
    k = rng.uniform(-1, 1, size=(12, tb.dim)) * np.pi / A
    h = 1e-4 / A
    v = tb.velocities(k)
    for i in range(tb.dim):
        dk = np.zeros(tb.dim)
        dk[i] = h
        fd = (tb.energies(k + dk) - tb.energies(k - dk)) / (2 * h * hbar)
        # central difference error (h²/6) ε''' <= (h²/6) Σ|t_R||R|³, relative to |∇ε| scale Σ|t_R||R|
        assert np.allclose(v[:, i], fd, rtol=0, atol=1e-7 * T * A / hbar)


@pytest.mark.parametrize("name, bottom, top", [
    ("chain", -2, 2), ("square", -4, 4), ("sc", -6, 6), ("bcc", -8, 8), ("fcc", -12, 4),
])
def test_band_extremes_nearest_neighbour(name, bottom, top):
    tb = model(name)
    assert tb.band_bottom == pytest.approx(bottom * T, rel=1e-12, abs=0)
    assert tb.band_top == pytest.approx(top * T, rel=1e-12, abs=0)
    assert tb.band_width == pytest.approx((top - bottom) * T, rel=1e-12, abs=0)


def test_band_extremes_with_t2():
    t2 = 0.1 * T
    # bottom at Γ: −Σ_R t_R
    for name in SHELLS:
        n1, n2 = SIZES[name]
        assert model(name, T, t2).band_bottom == pytest.approx(-(n1 * T + n2 * t2), rel=1e-12, abs=0)
    # sc top at R = (π/a)(1,1,1): +6t − 12t2 (every C_i = −1); bcc top at H = (2π/a)(1,0,0): 8t − 6t2
    assert model("sc", T, t2).band_top == pytest.approx(6 * T - 12 * t2, rel=1e-12, abs=0)
    assert model("bcc", T, t2).band_top == pytest.approx(8 * T - 6 * t2, rel=1e-12, abs=0)


@pytest.mark.parametrize("name", ["square", "sc", "bcc"])
def test_half_filling_particle_hole(name):
    # bipartite lattices, nearest-neighbour hopping: ε_{k+Q} = −ε_k, so N(−E) = 2 − N(E)
    tb = model(name, filling=1.0)
    assert abs(tb.fermi_level) <= 1e-10 * T


@pytest.mark.parametrize("name, t2", [("chain", 0.1), ("square", -0.05), ("sc", 0.0), ("sc", 0.1),
                                      ("bcc", 0.05), ("fcc", 0.0), ("fcc", -0.08)])
def test_effective_mass_against_fit(name, t2):
    tb = model(name, T, t2 * T)
    rng = np.random.default_rng(3)
    directions = rng.normal(size=(5, tb.dim))
    directions /= np.linalg.norm(directions, axis=1, keepdims=True)
    x = np.linspace(0.005, 0.05, 10)  # k a
    for n in directions:
        de = (tb.energies(x[:, None] * n / A) - tb.energies(np.zeros(tb.dim))) / T
        # fit (ε − ε(Γ))/t = c2 x² + c4 x⁴; the x⁶ term leaves ~x_max⁴/300 ~ 2e-8 in c2
        coeffs = np.linalg.lstsq(np.stack([x**2, x**4], axis=1), de, rcond=None)[0]
        mass = hbar**2 / (2 * coeffs[0] * T * A**2)
        assert mass == pytest.approx(tb.effective_mass, rel=1e-6, abs=0)


def test_effective_mass_raises_when_bottom_leaves_gamma():
    with pytest.raises(ValueError, match="not at Γ"):
        _ = model("sc", T, -0.3 * T).effective_mass          # curvature 2t + 8t2 < 0
    with pytest.raises(ValueError, match="anisotropic"):
        tb = TightBinding(Lattice(np.diag([1.0, 1.3, 1.7]) * A), T, electrons_per_cell=1.0)
        _ = tb.effective_mass


# ====================================================================== exact sc references
def rho_chain(x):
    return 1.0 / (math.pi * math.sqrt(4.0 - x * x)) if abs(x) < 2.0 else 0.0


def rho_square(e):
    # K(1 − p) with p = (e/4)², accurate near the log singularity at e = 0 (ellipkm1)
    return ellipkm1((e / 4.0) ** 2) / (2.0 * math.pi**2) if 0.0 < abs(e) < 4.0 else 0.0


def quad(f, a, b, points):
    return integrate.quad(f, a, b, points=points, limit=400, epsabs=1e-13, epsrel=1e-12)[0]


def sc_count(E):
    """Exact N(E) per cell (both spins) of the sc band −2t Σ cos, t = 1."""
    def occupied_z(s):
        return math.acos(min(1.0, max(-1.0, -s / 2.0))) / math.pi
    return 2.0 * quad(lambda e: rho_square(e) * occupied_z(E - e), -4.0, 4.0, [0.0, E - 2.0, E + 2.0])


def sc_dos_zero():
    """Exact D(0) per cell (both spins), t = 1."""
    return 2.0 * sum(quad(lambda e: rho_square(e) * rho_chain(-e), a, b, [0.0]) for a, b in ((-2, 0), (0, 2)))


def sc_band_energy_half():
    """Exact band energy per cell (both spins) at half filling (E_F = 0), t = 1."""
    def occupied_z(s):
        return math.acos(min(1.0, max(-1.0, -s / 2.0))) / math.pi

    def moment_z(s):  # ∫_{x<s} x ρ_chain(x) dx
        return -math.sqrt(4.0 - s * s) / math.pi if abs(s) < 2.0 else 0.0
    def integrand(e):
        return rho_square(e) * (e * occupied_z(-e) + moment_z(-e))
    return 2.0 * quad(integrand, -4.0, 4.0, [0.0, -2.0, 2.0])


def test_exact_references_are_sane():
    assert quad(rho_square, -4, 4, [0.0]) == pytest.approx(1.0, abs=1e-10)
    assert sc_count(0.0) == pytest.approx(1.0, abs=1e-10)
    assert sc_count(6.0) == pytest.approx(2.0, abs=1e-10)


def sc_unit():
    return TightBinding(Lattice.sc(1.0), 1.0, electrons_per_cell=1.0)


def richardson(f_a, f_b, a, b):
    """Remove an error ∝ 1/n² from values on meshes a < b."""
    return (b * b * f_b - a * a * f_a) / (b * b - a * a)


def test_sc_dos_at_half_filling():
    tb = sc_unit()
    exact = sc_dos_zero()
    assert exact == pytest.approx(0.2853, abs=1e-4)   # 0.1427/t per spin, tabulated sc value
    d32, d64 = tb.dos(0.0, mesh=32), tb.dos(0.0, mesh=64)
    # linear tetrahedron DOS: error ∝ h²; one doubling divides it by ~4
    assert (d32 - exact) / (d64 - exact) == pytest.approx(4.0, rel=0.15)
    assert richardson(d32, d64, 32, 64) == pytest.approx(exact, rel=2e-4)


def test_integrated_dos_converges_as_h2():
    tb = sc_unit()
    E = -1.0
    exact = sc_count(E)
    meshes = np.array([12, 16, 24, 32, 48])
    errors = np.abs([tb.integrated_dos(E, mesh=int(n)) - exact for n in meshes])
    order = -np.polyfit(np.log(meshes), np.log(errors), 1)[0]
    assert order == pytest.approx(2.0, abs=0.25)


def test_blochl_band_energy_converges_faster():
    tb = sc_unit()
    exact = sc_band_energy_half()
    assert exact == pytest.approx(-2.0048, abs=1e-4)
    meshes = np.array([8, 12, 16, 24, 32, 48])
    linear = np.abs([tb.band_energy(mesh=int(n), blochl=False) - exact for n in meshes])
    blochl = np.abs([tb.band_energy(mesh=int(n), blochl=True) - exact for n in meshes])
    p_linear = -np.polyfit(np.log(meshes), np.log(linear), 1)[0]
    p_blochl = -np.polyfit(np.log(meshes), np.log(blochl), 1)[0]
    assert p_linear == pytest.approx(2.0, abs=0.25)      # O(h²) curvature error
    assert p_blochl > p_linear + 0.4                      # Blöchl removes the leading h² term
    assert np.all(blochl < linear / 20)


# ====================================================================== DOS checks
@pytest.mark.parametrize("name", ["chain", "square", "sc", "fcc"])
def test_dos_integrates_to_two(name):
    tb = model(name, T, 0.05 * T, a=1.0)
    mesh = {1: 512, 2: 64, 3: 16}[tb.dim]
    # E = c − r cos θ clusters points at the band edges (where the 1D DOS has 1/√ singularities)
    theta = np.linspace(0.0, np.pi, 6001)
    centre, half = 0.5 * (tb.band_top + tb.band_bottom), 0.5 * tb.band_width
    E = centre - half * np.cos(theta)
    D = tb.dos(E, mesh=mesh)
    assert np.all(D >= 0)
    total = integrate.trapezoid(D * half * np.sin(theta), theta)
    # trapezoid error: the DOS of a finite mesh has ~mesh^d kinks/jumps, each costing O(Δθ² ...) ≪ 1e-3
    assert total == pytest.approx(2.0, abs=1e-3)
    assert tb.integrated_dos(tb.band_top + 1e-9 * T, mesh=mesh) == pytest.approx(2.0, abs=1e-12)
    assert tb.integrated_dos(tb.band_bottom, mesh=mesh) == pytest.approx(0.0, abs=1e-12)


def test_chain_dos_exact():
    tb = TightBinding(Lattice.chain(1.0), 1.0, electrons_per_cell=1.0)
    E = np.array([-1.5, -0.3, 0.0, 0.9])
    exact = 2.0 / (np.pi * np.sqrt(4.0 - E**2))
    # 1D linear interpolation gives a piecewise-constant DOS 1/|chord slope|: pointwise error O(h),
    # |δD/D| <= (h/2)|ε''/ε'| = (h/2)|E|/√(4 − E²) (+ O(h²)), h = 2π/8192
    h = 2 * np.pi / 8192
    bound = 0.5 * h * np.abs(E) / np.sqrt(4 - E**2) + h**2
    assert np.all(np.abs(tb.dos(E) / exact - 1) <= bound)
    # N(E) = (2/π) arccos(−E/2): interpolation error O(h²)
    assert np.allclose(tb.integrated_dos(E), 2.0 * np.arccos(-E / 2.0) / np.pi, rtol=0, atol=h**2)


def test_tetrahedron_and_smearing_agree():
    tb = sc_unit()
    w = 0.15
    E = np.array([-3.0, -1.0, 0.5, 1.5])
    smeared = tb.dos(E, method="smearing", mesh=64, width=w)
    # the same quantity from the tetrahedron DOS: Gaussian convolution by a fine trapezoid rule
    grid = np.linspace(-6.0, 6.0, 6001)
    D = tb.dos(grid, mesh=48)
    kernel = np.exp(-0.5 * ((E[:, None] - grid[None, :]) / w) ** 2) / (math.sqrt(2 * math.pi) * w)
    convolved = integrate.trapezoid(kernel * D[None, :], grid, axis=1)
    # both discretisations: tetrahedron O(h²) ~ 5e-4 relative on 48³ (see test_sc_dos_at_half_filling);
    # the Gaussian mesh sum converges exponentially once w exceeds the level spacing |∇ε| h
    assert np.allclose(smeared, convolved, rtol=3e-3)
    # and on this smooth part of the band the unsmeared DOS differs by the O(w²) bias only
    second = (tb.dos(E + 0.3, mesh=48) - 2 * tb.dos(E, mesh=48) + tb.dos(E - 0.3, mesh=48)) / 0.09
    bias = 0.5 * w**2 * np.abs(second)
    assert np.all(np.abs(smeared - tb.dos(E, mesh=48)) <= 2 * bias + 2e-3)
    n_sm = tb.integrated_dos(0.0, method="smearing", mesh=64, width=w)
    assert n_sm == pytest.approx(1.0, abs=1e-10)        # particle-hole symmetric occupations


@pytest.mark.parametrize("name, c1", [("sc", 3 / 40), ("bcc", 9 / 160), ("fcc", 3 / 80)])
def test_low_filling_free_electron_form(name, c1):
    """N(E) near the bottom against (Ω/3π²)(2m*u/ħ²)^{3/2} (1 + c1 u/t).

    ε − E_b = Σ_R t_R (1 − cos k·R) = Σ_R t_R [(k·R)²/2 − (k·R)⁴/24 + ...]. Along n̂,
    ε = A k² − Q k⁴ with A = Σ t_R (n̂·R)²/2 = Σ t_R|R|²/6 (cubic: isotropic) and
    Q(n̂) = Σ t_R (n̂·R)⁴/24; the Fermi radius k² = (u/A)(1 + Q u/A²), the volume
    ∝ ⟨k³⟩ = (u/A)^{3/2} (1 + (3/2)⟨Q⟩ u/A²) with ⟨(n̂·R)⁴⟩ = |R|⁴/5. In units a = t = 1:
    sc 6 × 1 -> c1 = (3/2)(6/120) = 3/40; bcc 8 × 9/16 -> 9/160; fcc 12 × 1/4 -> 3/80.
    The exact sc N(E) (quad) confirms c1 and a remainder 0.0075 u², below the tolerance c1 u².
    """
    r2 = np.sum(np.array(SHELLS[name][0], dtype=float) ** 2, axis=1)
    assert 1.5 * np.sum(r2**2) / 120 / (np.sum(r2) / 6) ** 2 == pytest.approx(c1, rel=1e-14)
    tb = TightBinding(getattr(Lattice, name)(1.0), 1.0, electrons_per_cell=0.1)
    u = np.array([0.4, 0.6])
    free = tb.cell_volume / (3 * math.pi**2) * (2 * tb.effective_mass * u / hbar**2) ** 1.5
    E = tb.band_bottom + u
    n = richardson(tb.integrated_dos(E, mesh=48), tb.integrated_dos(E, mesh=64), 48, 64)
    assert np.all(np.abs(n / free - 1 - c1 * u) <= c1 * u**2)
    if name == "sc":
        exact = np.array([sc_count(-6.0 + x) for x in u])
        assert np.all(np.abs(exact / free - 1 - c1 * u) <= c1 * u**2)


# ====================================================================== tetrahedron kernel
def simplex_weights_reference(e, E):
    """(1/V) ∫_T θ(E − ε) λ_j for the unit simplex, ε = e1 + Σ (e_{i+1} − e1) x_i; dblquad over (x, y),
    the z integral done analytically."""
    e = np.asarray(e, float)

    def inner(y, x, j):
        zmax = 1.0 - x - y
        alpha = e[0] + (e[1] - e[0]) * x + (e[2] - e[0]) * y
        beta = e[3] - e[0]
        if beta > 0:
            z0, z1 = 0.0, min(zmax, max(0.0, (E - alpha) / beta))
        elif beta < 0:
            z0, z1 = min(zmax, max(0.0, (E - alpha) / beta)), zmax
        else:
            z0, z1 = (0.0, zmax) if alpha < E else (0.0, 0.0)
        length = z1 - z0
        mean_z = 0.5 * (z0 + z1)
        lam = (1.0 - x - y - mean_z, x, y, mean_z)[j]
        return lam * length

    def kinks_y(x):  # where z1 or z0 reaches 0 or zmax: alpha = E and alpha + beta (1 - x - y) = E
        d2, d3 = e[2] - e[0], e[3] - e[0]
        base = E - e[0] - (e[1] - e[0]) * x
        ys = [base / d2 if d2 else None, (base - d3 * (1 - x)) / (d2 - d3) if d2 != d3 else None]
        return [y for y in ys if y is not None and 0 < y < 1 - x]

    def kinks_x():  # where a kink line meets y = 0 or y = 1 - x: the outer integrand's kinks
        xs = np.linspace(0, 1, 4001)
        count = np.array([len(kinks_y(x)) for x in xs])
        return [float(x) for x in xs[1:][np.diff(count) != 0]]

    def row(x, j):
        return integrate.quad(inner, 0, 1 - x, args=(x, j), points=kinks_y(x) or None, epsabs=1e-13,
                              epsrel=1e-11, limit=200)[0]

    return np.array([6.0 * integrate.quad(row, 0, 1, args=(j,), points=kinks_x() or None, epsabs=1e-12,
                                          epsrel=1e-10, limit=200)[0] for j in range(4)])


@pytest.mark.parametrize("E", [0.15, 0.45, 0.8, 1.3])
def test_tetrahedron_weights_single_simplex(E):
    e = np.array([0.7, 0.1, 1.0, 0.4])          # unsorted on purpose: E probes all four cases
    ref = simplex_weights_reference(e, E)
    out = np.zeros(4)
    _tetra_weights(e, np.array([[0, 1, 2, 3]]), E, False, out)
    assert np.allclose(out, ref, rtol=0, atol=1e-8)
    # Blöchl's correction conserves the count
    out_b = np.zeros(4)
    _tetra_weights(e, np.array([[0, 1, 2, 3]]), E, True, out_b)
    assert out_b.sum() == pytest.approx(out.sum(), abs=1e-15)


def test_tetrahedron_count_and_density_single_cell():
    # random values on a 3³ mesh: count and density must be consistent (D = dN/dE)
    rng = np.random.default_rng(5)
    mesh = TetrahedronMesh(Lattice.sc(1.0), 3)
    assert mesh.simplices.shape == (27 * 6, 4)
    values = rng.uniform(-1, 1, mesh.k.shape[0])
    E = np.linspace(-1.2, 1.2, 9)
    n = mesh.integrated(values, E)
    h = 1e-6
    fd = (mesh.integrated(values, E + h) - mesh.integrated(values, E - h)) / (2 * h)
    assert np.allclose(mesh.density(values, E), fd, rtol=1e-6, atol=1e-6)
    # the occupied fraction equals the mean corner weight sum
    for x in E[1:-1]:
        w = mesh.weights(values, x, blochl=False)
        assert w.sum() == pytest.approx(mesh.integrated(values, x), abs=1e-14)
    assert n[0] == 0.0 and n[-1] == 1.0


def test_simplices_tile_the_cell():
    for name in ("square", "sc", "bcc", "fcc"):
        lat = getattr(Lattice, name)(1.0)
        mesh = TetrahedronMesh(lat, 4)
        corners = mesh.k[mesh.simplices]           # folded coordinates: unfold relative to corner 0
        b = np.asarray(lat.reciprocal)
        frac = corners @ np.linalg.inv(b)
        frac -= np.round(frac - frac[:, :1])
        edges = (frac[:, 1:] - frac[:, :1]) @ b
        volume = np.abs(np.linalg.det(edges)).sum() / math.factorial(lat.dim)
        assert volume == pytest.approx(lat.bz_volume, rel=1e-12)


def test_compiled_simplices_and_sums_are_the_numpy_ones():
    # TetrahedronMesh.simplices against the numpy construction (corner offsets of each cell's simplices,
    # periodic), and the one-energy sums (corners sorted on the fly) against the sorted-copy path
    rng = np.random.default_rng(8)
    for lat, sizes in ((Lattice.chain(1.0), (7,)), (Lattice.square(1.0), (5, 3)),
                       (Lattice.fcc(1.0), (4, 5, 3)), (Lattice.bcc(1.0), (1, 2, 1)),
                       (Lattice(np.array([[1.0, 0.0], [-0.5, 0.8]])), (6, 6))):
        mesh = TetrahedronMesh(lat, sizes)
        offsets = simplex_offsets(lat.reciprocal, sizes)
        axes = [np.arange(n) for n in sizes]
        origins = np.stack(np.meshgrid(*axes, indexing="ij"), -1).reshape(-1, lat.dim)
        corners = (origins[:, None, None, :] + offsets[None]) % np.asarray(sizes)
        ref = np.ravel_multi_index(tuple(np.moveaxis(corners, -1, 0)), sizes).reshape(-1, lat.dim + 1)
        assert np.array_equal(mesh.simplices, ref) and mesh.simplices.dtype == np.int64
        eps = np.round(-np.cos(mesh.k).sum(axis=1) + 0.3 * rng.random(len(mesh.k)), 1)   # with ties
        for E in (-9.0, float(eps.min()), -0.35, 0.0, float(eps[-1]), float(eps.max()), 9.0):
            count, density = mesh.sums(eps, [E, E])
            one = mesh.sums(eps, E)
            assert one[0] == count[0] and one[1] == density[0] and one[0].shape == ()


# ====================================================================== property test and validation
@settings(max_examples=8, deadline=None)
@given(name=st.sampled_from(["chain", "square", "sc", "bcc", "fcc"]),
       t=st.floats(0.05, 3.0), ratio=st.floats(-0.1, 0.1), filling=st.floats(0.02, 1.98))
def test_fermi_level_reproduces_filling(name, t, ratio, filling):
    """The tetrahedron Fermi level against an independent count of occupied states on a shifted mesh.

    Counting ε_k < E_F on n^d points misclassifies at most the cells cut by the Fermi surface: 2 per
    crossing in 1D (error <= 4/n, two spins), far fewer than n^(d−1) cells of n^d in 2D and 3D; 5/n.
    """
    tb = model(name, t * eV, ratio * t * eV, filling)
    assert tb.band_bottom <= tb.fermi_level <= tb.band_top
    n = {"chain": 20000, "square": 400}.get(name, 48)
    k, w = tb.lattice.monkhorst_pack(n, shift=True)
    assert 2 * np.sum(w * (tb.energies(k) < tb.fermi_level)) == pytest.approx(filling, abs=5 / n)


@pytest.mark.parametrize("kwargs, word", [
    ({"t": 0.0}, "t = 0"), ({"t": -T}, "t = -1.6"), ({"t2": float("nan")}, "t2 = nan"),
    ({"filling": 0.0}, "electrons_per_cell = 0"), ({"filling": 2.0}, "electrons_per_cell = 2"),
])
def test_tight_binding_validation(kwargs, word):
    args = {"t": T, "t2": 0.0, "filling": 1.0} | kwargs
    with pytest.raises(ValueError, match=word):
        model("sc", args["t"], args["t2"], args["filling"])


def test_tight_binding_bad_calls():
    tb = model("sc")
    with pytest.raises(ValueError, match="E = nan"):
        tb.dos([0.0, float("nan")])
    for mesh in (0, 2.5, True):
        with pytest.raises(ValueError, match="mesh"):
            tb.integrated_dos(0.0, mesh=mesh)
    with pytest.raises(ValueError, match="method"):
        tb.dos(0.0, method="simpson")
    with pytest.raises(ValueError, match="width = -1"):
        tb.dos(0.0, method="smearing", width=-1.0, mesh=4)
    with pytest.raises(ValueError, match=r"shape \(\.\.\., 3\)"):
        tb.energies([0.0, 0.0])
    with pytest.raises(TypeError):
        TightBinding("sc", T, electrons_per_cell=1.0)
    with pytest.raises(ValueError, match="3D"):
        TetrahedronMesh(Lattice.square(1.0), 4).weights(np.zeros(16), 0.0)


def test_tight_binding_any_hopping_scale():
    """ε ∝ t: the Fermi level, band width and DOS scale exactly with the hopping, from t = 1e-300 J
    to 1e300 J. Before: ZeroDivisionError at t = 1e-300 J (energy differences underflowed in the
    tetrahedra), a brentq "NaN" error at t = 1e300 J. Band width of the sc band: 12t (A&M ch. 10)."""
    lattice = Lattice.sc(3e-10)
    ref = TightBinding(lattice, 1.0, electrons_per_cell=0.5)
    for t in (1e-300, 1e-19, 1e300):
        tb = TightBinding(lattice, t, electrons_per_cell=0.5)
        assert tb.band_width / t == pytest.approx(12.0, rel=1e-12)
        assert tb.fermi_level / t == pytest.approx(ref.fermi_level, rel=1e-12)
        assert tb.dos(-2.0 * t, mesh=16) * t == pytest.approx(ref.dos(-2.0, mesh=16), rel=1e-12)
        assert tb.band_energy(mesh=8) / t == pytest.approx(ref.band_energy(mesh=8), rel=1e-12)
        if t < 1e200:  # m* = ħ²/(2ta²): 6e-350 kg at t = 1e300 J, below the smallest double
            assert tb.effective_mass * t == pytest.approx(ref.effective_mass, rel=1e-12)
        else:
            with pytest.raises(ValueError, match="effective mass"):
                _ = tb.effective_mass


def test_electron_models_refuse_what_they_cannot_represent():
    """Clear errors (before: E_F = 0 silently for m = 1e300 kg, ε(k) = inf for |k| = 1e300 1/m,
    a MemoryError for mesh = 10**12, blochl = "no" taken as True, a 1D band_energy failing inside
    the tetrahedron code)."""
    with pytest.raises(ValueError, match=r"m = 1e\+300 kg .*E_F"):
        FreeElectronGas(8.47e28, 1e300)
    gas = FreeElectronGas.copper()
    with pytest.raises(ValueError, match=r"k = .*1e\+300"):
        gas.energies([1e300, 0.0, 0.0])
    # |k|² overflows, ε does not: ħ²k²/2m = 6.1e281 J at k = 1e160 1/m
    assert gas.energies([1e160, 0.0, 0.0]) == pytest.approx((hbar * 1e160) ** 2 / (2 * m_e), rel=1e-14)
    tb = TightBinding(Lattice.sc(3e-10), eV, electrons_per_cell=1.0)
    with pytest.raises(ValueError, match="mesh = 1000000000000"):
        tb.dos(0.0, mesh=10**12)
    with pytest.raises(TypeError, match="blochl"):
        tb.band_energy(mesh=4, blochl="no")
    with pytest.raises(ValueError, match=r"lattice\.dim = 1"):
        TightBinding(Lattice.chain(1e-10), eV, electrons_per_cell=1.0).band_energy()


def test_tight_binding_energies_and_widths_beyond_the_band_scale():
    """E far outside the band (E/t overflowing) is outside the band: 0 states below, 2 above, DOS 0
    (was 'E = inf is outside the valid range' from the tetrahedron code); a smearing width that under-
    or overflows in units of t is a ValueError naming width (was ZeroDivisionError or nan)."""
    tb = TightBinding(Lattice.sc(3e-10), 1e-250, electrons_per_cell=1.0)
    np.testing.assert_array_equal(tb.integrated_dos([-1e300, 1e300], mesh=6), [0.0, 2.0])
    np.testing.assert_array_equal(tb.dos([-1e300, 1e300], mesh=6), [0.0, 0.0])
    assert tb.integrated_dos(1e300, "smearing", mesh=6, width=1e-250) == 2.0
    wide = TightBinding(Lattice.sc(3e-10), 1e-10, electrons_per_cell=1.0)
    for model, width in ((wide, 1e-320), (tb, 1e300)):  # width/t = 1e-310, 1e550
        with pytest.raises(ValueError, match=r"^width = "):
            model.dos(0.0, "smearing", mesh=6, width=width)
