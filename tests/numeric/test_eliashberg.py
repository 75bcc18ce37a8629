"""Isotropic Eliashberg Tc against independent references: Allen–Dynes (computed here), the weak- and
strong-coupling limits, an unfolded brute-force gap matrix, a grid α²F, and input validation."""

from __future__ import annotations

import math
import time

import numpy as np
import pytest
import scipy.constants as c

from numeric.eliashberg import EinsteinSpectrum, GridSpectrum, eliashberg_tc, linearized_gap_eigenvalue

W_E = 2.0e13  # rad/s
UNIT = c.hbar * W_E / c.k  # ħω_E/k_B, K


def allen_dynes(lam: float, mu: float) -> float:
    """Allen–Dynes Tc / (ħω_E/k_B) for an Einstein spectrum (ω_log = ω_2 = ω_E, so f2 = 1)."""
    f1 = (1.0 + (lam / (2.46 * (1.0 + 3.8 * mu))) ** 1.5) ** (1.0 / 3.0)
    return f1 / 1.2 * math.exp(-1.04 * (1.0 + lam) / (lam - mu * (1.0 + 0.62 * lam)))


def test_lambda_one_against_allen_dynes_and_timing():
    spec = EinsteinSpectrum(1.0, W_E)
    start = time.perf_counter()
    tc = eliashberg_tc(spec, 0.1) / UNIT
    elapsed = time.perf_counter() - start
    ratio = tc / allen_dynes(1.0, 0.1)
    print(f"\nlambda=1, mu*=0.1: Tc/omega_E = {tc:.5f}, Allen-Dynes {allen_dynes(1.0, 0.1):.5f}, "
          f"ratio {ratio:.4f}, time {elapsed:.3f} s")
    assert abs(ratio - 1.0) < 0.12  # Allen–Dynes fits the Eliashberg Tc to about 10 %


def test_cutoff_convergence():
    spec = EinsteinSpectrum(1.0, W_E)
    default = eliashberg_tc(spec, 0.1)
    doubled = eliashberg_tc(spec, 0.1, omega_cutoff=40.0 * W_E)
    change = abs(doubled / default - 1.0)
    print(f"\ncutoff 20 -> 40 omega_E: relative Tc change {change:.2e}")
    assert change < 1e-3


def test_weak_coupling_prefactor():
    """Tc e^{(1+λ)/λ}/ω_E = C(λ) for μ* = 0: C changes slowly while Tc changes ninefold, and the slope
    d ln Tc / d(1/λ) tends to −1 (the BCS-like form Tc = C ω_E exp(−(1+λ)/λ))."""
    lams = np.array([0.2, 0.25, 0.3, 0.35])
    tcs = np.array([eliashberg_tc(EinsteinSpectrum(lam, W_E), 0.0) / UNIT for lam in lams])
    pref = tcs * np.exp((1.0 + lams) / lams)
    slopes = np.diff(np.log(tcs)) / np.diff(1.0 / lams)
    c0 = np.polyval(np.polyfit(lams, pref, 1), 0.0)
    print(f"\nweak coupling: Tc/omega_E {tcs}, prefactor C {pref}, linear extrapolation C(0) = {c0:.4f} "
          f"(1.13 e^-1/2 = {1.134 * math.exp(-0.5):.4f}), slopes {slopes}")
    assert tcs[-1] / tcs[0] > 8.0
    assert np.ptp(pref) / pref.mean() < 0.05
    assert np.all(np.diff(pref) > 0.0)  # C(λ) approaches its limit monotonically
    assert np.all(np.abs(slopes + 1.0) < 0.1)
    assert np.all(np.diff(np.abs(slopes + 1.0)) > 0.0)  # closer to −1 at smaller λ


def test_strong_coupling_limit():
    """Allen–Dynes: Tc → 0.1827 sqrt(λ⟨ω²⟩) ħ/k_B for λ → ∞, μ* = 0."""
    tc = eliashberg_tc(EinsteinSpectrum(50.0, W_E), 0.0) / UNIT
    ratio = tc / (0.1827 * math.sqrt(50.0))
    print(f"\nlambda=50: Tc/omega_E = {tc:.4f}, ratio to 0.1827 sqrt(lambda) = {ratio:.4f}")
    assert abs(ratio - 1.0) < 0.03


def test_narrow_gaussian_grid_matches_einstein():
    sigma = 0.01 * W_E
    w = np.linspace(0.9 * W_E, 1.1 * W_E, 801)
    shape = np.exp(-0.5 * ((w - W_E) / sigma) ** 2)
    a2f = shape / (2.0 * np.trapezoid(shape / w, w))  # λ = 2 ∫ α²F/ω dω = 1 on this grid
    grid = GridSpectrum(w, a2f)
    assert grid.lam == pytest.approx(1.0, rel=1e-12)
    # same cutoff and μ* reference for both (defaults scale with ω_max, which differs)
    kw = {"omega_cutoff": 20.0 * W_E, "omega_ref": 10.0 * W_E}
    tc_grid = eliashberg_tc(grid, 0.1, **kw)
    tc_einstein = eliashberg_tc(EinsteinSpectrum(1.0, W_E), 0.1, **kw)
    print(f"\ngrid/Einstein Tc ratio - 1 = {tc_grid / tc_einstein - 1.0:.2e}")
    assert tc_grid == pytest.approx(tc_einstein, rel=1e-3)


def test_eigenvalue_against_unfolded_matrix():
    """The folded symmetric eigenvalue equals the leading eigenvalue of the unfolded (±ω_n) gap equation
    Δ_n = πT Σ_m [λ(n−m) − μ*] Δ_m / (|ω_m| Z_n), Z_n summed directly over 200000 frequencies."""
    lam0, mu, t = 1.5, 0.12, 0.15 * UNIT
    wc = 20.0 * W_E
    theta = c.k * t / c.hbar
    n = math.floor(wc / (2.0 * math.pi * theta) + 0.5)
    n = max(n, 32)
    freqs = lambda m: (2.0 * m + 1.0) * math.pi * theta  # noqa: E731

    def coupling(nu):
        return lam0 * W_E**2 / (W_E**2 + nu**2)

    m_all = np.arange(-n, n)
    w_m = freqs(m_all)
    big = np.arange(-100000, 100000)
    sgn = np.sign(freqs(big))
    z = 1.0 + math.pi * theta / w_m * np.array([np.sum(coupling(wn - freqs(big)) * sgn) for wn in w_m])
    kern = coupling(w_m[:, None] - w_m[None, :]) - mu * (np.abs(w_m[:, None]) <= wc) * (np.abs(w_m) <= wc)
    mat = math.pi * theta * kern / np.abs(w_m)[None, :] / z[:, None]
    brute = np.max(np.linalg.eigvals(mat).real)
    folded = linearized_gap_eigenvalue(EinsteinSpectrum(lam0, W_E), t, mu, wc, omega_ref=wc)
    assert folded == pytest.approx(brute, rel=1e-6)


def test_no_tc_returns_zero():
    assert eliashberg_tc(EinsteinSpectrum(0.2, W_E), 0.5) == 0.0


@pytest.mark.parametrize(("kwargs", "name"), [
    ({"mu_star": -0.1}, "mu_star"),
    ({"mu_star": 1.0}, "mu_star"),
    ({"mu_star": None}, "mu_star"),
    ({"mu_star": True}, "mu_star"),
    ({"mu_star": "0.1"}, "mu_star"),
    ({"mu_star": 0.1 + 0j}, "mu_star"),
    ({"mu_star": float("nan")}, "mu_star"),
    ({"mu_star": 0.1, "omega_cutoff": 0.5 * W_E}, "omega_cutoff"),
    ({"mu_star": 0.1, "omega_cutoff": float("inf")}, "omega_cutoff"),
    ({"mu_star": 0.1, "omega_ref": 0.0}, "omega_ref"),
    ({"mu_star": 0.9, "omega_ref": 1e-30}, "omega_ref"),
    ({"mu_star": 0.1, "rtol": 0.5}, "rtol"),
])
def test_invalid_tc_inputs(kwargs, name):
    with pytest.raises(ValueError, match=name):
        eliashberg_tc(EinsteinSpectrum(1.0, W_E), **kwargs)


@pytest.mark.parametrize(("args", "name"), [
    ((-1.0, W_E), "lam"), ((0.0, W_E), "lam"), ((None, W_E), "lam"), ((True, W_E), "lam"),
    ((1.0, "2e13"), "omega_E"), ((1.0, 0.0), "omega_E"), ((1.0, 1j), "omega_E"),
    ((1.0, [W_E, W_E]), "omega_E"),
])
def test_invalid_einstein(args, name):
    with pytest.raises(ValueError, match=name):
        EinsteinSpectrum(*args)


@pytest.mark.parametrize(("omega", "a2f", "name"), [
    ([1.0, 2.0], [0.1], "a2F"),
    ([2.0, 1.0], [0.1, 0.1], "omega"),
    ([1.0], [0.1], "omega"),
    ([-1.0, 1.0], [0.1, 0.1], "omega"),
    ([0.0, 1.0], [0.1, 0.1], "a2F"),
    ([0.0, 1.0], [0.0, -0.1], "a2F"),
    ([0.0, 1.0], [0.0, 0.0], "a2F"),
    ([0.0, None], [0.0, 0.1], "omega"),
])
def test_invalid_grid(omega, a2f, name):
    with pytest.raises(ValueError, match=name):
        GridSpectrum(omega, a2f)


def test_invalid_eigenvalue_inputs():
    spec = EinsteinSpectrum(1.0, W_E)
    with pytest.raises(ValueError, match="T = -1"):
        linearized_gap_eigenvalue(spec, -1.0, 0.1)
    with pytest.raises(ValueError, match=r"T = 0\.001"):  # more than 4096 Matsubara frequencies
        linearized_gap_eigenvalue(spec, 1e-3, 0.1)
    with pytest.raises(ValueError, match="T"):
        linearized_gap_eigenvalue(spec, None, 0.1)
    with pytest.raises(TypeError, match="spectrum"):
        linearized_gap_eigenvalue((1.0, W_E), 10.0, 0.1)
    with pytest.raises(TypeError, match="spectrum"):
        eliashberg_tc(None, 0.1)
