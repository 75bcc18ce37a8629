"""Independent checks of the real-metal derivations (numbers from elsewhere, not the formulas).

* ``wiedemann_franz_lorenz``: the transport integrals K_n = ∫(−∂f/∂ε)(ε − μ)^n Φ(ε) dε by mpmath quadrature
  for a free-electron Φ ∝ ε^{3/2} (not the linear Φ of the derivation) at k_BT/E_F -> 0: κ/(σT) -> L₀.
* ``umklapp_kinematics``: q_D, k_F and |G_min| from the lattice vectors (reciprocal lattice built with
  numpy, volumes from determinants), in mpmath.
* ``migdal_adiabatic_ratio``: v_s from ω_q² = Ω_p²/ε_TF(q) at small q evaluated in mpmath.
* ``resistivity_high_T_slope``: Allen's formula for α²F_tr = 2λ_tr(ω/ω_c)⁴ integrated by mpmath, in the
  Drude ρ = m/(ne²τ_tr) of a copper-like electron gas; the finite-difference slope at T >> Θ.
"""

from __future__ import annotations

import itertools

import mpmath
import numpy as np
import pytest
import sympy as sp

import derive

NAMES = ("wiedemann_franz_lorenz", "migdal_adiabatic_ratio", "umklapp_kinematics", "resistivity_high_T_slope")


def _sym(name: str) -> dict[str, sp.Symbol]:
    return {q.symbol.name: q.symbol for q in derive.get(name).symbols}


@pytest.mark.parametrize("name", NAMES)
def test_derivation_passes_its_checks(name: str, reports) -> None:
    """Its report from the session's one ``ephkit check --json`` (tests/conftest.py): checked once a run."""
    d = derive.get(name)
    assert d.topic == "metals"
    report = reports[name]
    assert report.passed, str(report)


def _lorenz_by_quadrature(t: mpmath.mpf) -> mpmath.mpf:
    """κ/(σT) in units of (k_B/e)² for Φ(ε) ∝ ε^{3/2} (free electrons, E_F = 1, μ = 1, k_BT = t)."""

    def K(n: int) -> mpmath.mpf:
        def integrand(x):
            window = mpmath.exp(x) / (mpmath.exp(x) + 1) ** 2
            return window * x**n * (1 + t * x) ** mpmath.mpf(1.5)

        return mpmath.quad(integrand, [-1 / t, -30, 0, 30, mpmath.inf])

    k0, k1, k2 = K(0), K(1), K(2)
    return (k2 - k1**2 / k0) / k0


def test_lorenz_number_from_quadrature_of_a_free_electron_gas() -> None:
    mpmath.mp.dps = 30
    d = derive.get("wiedemann_franz_lorenz")
    s = _sym("wiedemann_franz_lorenz")
    L0 = d.statement.rhs.subs({s["k_B"]: 1, s["e"]: 1})
    for t in (mpmath.mpf("1e-3"), mpmath.mpf("1e-4")):
        ratio = _lorenz_by_quadrature(t) / mpmath.mpf(sp.N(L0, 30))
        # the O((k_BT/E_F)²) correction of the Sommerfeld expansion: (π²/3)(3/2)² t² ~ 7e-6 at t = 1e-3
        assert abs(ratio - 1) < 10 * t**2
        assert abs(ratio - 1) > t**2 / 10  # a real correction, of the predicted order


def test_sommerfeld_integral_by_quadrature() -> None:
    mpmath.mp.dps = 30
    value = mpmath.quad(lambda x: x**2 * mpmath.exp(x) / (mpmath.exp(x) + 1) ** 2,
                        [-mpmath.inf, 0, mpmath.inf])
    assert abs(value - mpmath.pi**2 / 3) < mpmath.mpf("1e-25")


_LATTICES = {
    # primitive vectors in units of a, and the known shortest G in units of 2π/a
    "fcc": (np.array([[0, 0.5, 0.5], [0.5, 0, 0.5], [0.5, 0.5, 0]]), "u_fcc"),
    "bcc": (np.array([[-0.5, 0.5, 0.5], [0.5, -0.5, 0.5], [0.5, 0.5, -0.5]]), "u_bcc"),
}


def _shortest_g(primitive: np.ndarray) -> float:
    """|G_min| (units of 1/a) by enumerating reciprocal-lattice vectors b_i = 2π (a_j × a_k)/Ω."""
    recip = 2 * np.pi * np.linalg.inv(primitive).T
    norms = [np.linalg.norm(np.array(n) @ recip) for n in itertools.product(range(-2, 3), repeat=3) if any(n)]
    return min(norms)


@pytest.mark.parametrize("kind", ["fcc", "bcc"])
@pytest.mark.parametrize("Z", [1, 2, 3])
def test_umklapp_gap_from_the_reciprocal_lattice(kind: str, Z: int) -> None:
    mpmath.mp.dps = 30
    primitive, unknown = _LATTICES[kind]
    omega = mpmath.mpf(abs(np.linalg.det(primitive)))  # a = 1
    k_F = mpmath.cbrt(3 * mpmath.pi**2 * Z / omega)
    expected = mpmath.mpf(_shortest_g(primitive)) / k_F - 2  # float G: 1e-15 relative
    d = derive.get("umklapp_kinematics")
    s = _sym("umklapp_kinematics")
    step = next(st.rhs for st in d.steps if st.lhs == s[unknown])
    assert abs(float(step.subs(s["Z"], Z)) - float(expected)) < 1e-13
    q_D = mpmath.cbrt(6 * mpmath.pi**2 / omega)  # (4π/3) q_D³ = (2π)³/Ω
    assert abs(float(d.statement.rhs.subs(s["Z"], Z)) - float(q_D / k_F)) < 1e-14


def test_umklapp_freeze_out_estimate_for_potassium() -> None:
    """K: bcc, Z = 1, Θ_D = 91 K (Kittel, table 5.1 of ch. 5): T_U ≈ 20 K; measured θ = 19.9 ± 0.2 K from
    ρ_T ∝ T exp(−θ/T) (van Kempen et al., Phys. Rev. Lett. 37, 1574 (1976)). An estimate: within 20 %."""
    d = derive.get("umklapp_kinematics")
    s = _sym("umklapp_kinematics")
    gap = next(st.rhs for st in d.steps if st.lhs == s["u_bcc"]).subs(s["Z"], 1)
    T_U = next(st.rhs for st in d.steps if st.lhs == s["T_U"])
    value = float(T_U.subs({s["Theta_D"]: 91, s["u"]: gap, s["Z"]: 1}))
    assert abs(value / 19.9 - 1) < 0.2


def test_bohm_staver_from_the_screened_ion_plasma_at_small_q() -> None:
    """ω_q²/q² at q = 1e-6 k_TF, in mpmath (SI, copper-like numbers), against the derived v_s step."""
    mpmath.mp.dps = 40
    e, eps0, hbar, m = (mpmath.mpf(v) for v in ("1.602176634e-19", "8.8541878188e-12",
                                                  "1.054571817e-34", "9.1093837139e-31"))
    Z, M, k_F = mpmath.mpf(2), mpmath.mpf("4.5e-26"), mpmath.mpf("1.5e10")
    n = k_F**3 / (3 * mpmath.pi**2)
    k_TF2 = e**2 * m * k_F / (mpmath.pi**2 * eps0 * hbar**2)  # e² g(E_F)/ε0
    q = mpmath.sqrt(k_TF2) * mpmath.mpf("1e-6")
    omega2 = (n / Z) * (Z * e) ** 2 / (eps0 * M) / (1 + k_TF2 / q**2)
    v_s = mpmath.sqrt(omega2) / q
    d = derive.get("migdal_adiabatic_ratio")
    s = _sym("migdal_adiabatic_ratio")
    step = next(st.rhs for st in d.steps if st.gives is not None and st.gives.name == "v_s")
    values = {s["Z"]: 2, s["M"]: sp.Float("4.5e-26", 40), s["m"]: sp.Float("9.1093837139e-31", 40)}
    closed = step.subs({**values, s["v_F"]: sp.Float(str(hbar * k_F / m), 40)})
    assert abs(mpmath.mpf(sp.N(closed, 40)) / v_s - 1) < mpmath.mpf("1e-11")
    # the ratio: 2 (v_s/v_F)(q_D/k_F) with q_D/k_F = (2/Z)^{1/3}
    ratio = 2 * v_s / (hbar * k_F / m) * mpmath.cbrt(2 / Z)
    migdal = d.statement.rhs.subs(values)
    assert abs(mpmath.mpf(sp.N(migdal, 40)) / ratio - 1) < mpmath.mpf("1e-11")


def test_resistivity_slope_from_allen_quadrature_at_high_temperature() -> None:
    """ρ(T) = m/(ne²) · (4πk_BT/ħ)∫(dω/ω) α²F_tr x²/sinh²x, x = ħω/(2k_BT), α²F_tr = 2λ(ω/ω_c)⁴ (mpmath
    quadrature, SI constants); central difference at T = 60Θ and 120Θ against the statement. The next term
    of ρ is −(Θ²/18)/T·const, so the slope's relative excess is (Θ/T)²/18: 1.5e-5 and 3.9e-6."""
    mpmath.mp.dps = 30
    k, hbar = mpmath.mpf("1.380649e-23"), mpmath.mpf("6.62607015e-34") / (2 * mpmath.pi)
    e, m_e = mpmath.mpf("1.602176634e-19"), mpmath.mpf("9.1093837015e-31")
    eps0 = mpmath.mpf("8.8541878128e-12")
    n, lam, omega_c = mpmath.mpf("8.47e28"), mpmath.mpf("0.3"), mpmath.mpf("3e13")
    theta = hbar * omega_c / k

    def rho(T: mpmath.mpf) -> mpmath.mpf:
        def integrand(w):
            x = hbar * w / (2 * k * T)
            return 2 * lam * (w / omega_c) ** 4 / w * x**2 / mpmath.sinh(x) ** 2

        rate = 4 * mpmath.pi * k * T / hbar * mpmath.quad(integrand, [0, omega_c])
        return m_e / (n * e**2) * rate

    d = derive.get("resistivity_high_T_slope")
    s = _sym("resistivity_high_T_slope")
    values = {s["lambda_tr"]: sp.Float(str(lam), 30), s["k_B"]: sp.Float(str(k), 30),
              s["hbar"]: sp.Float(mpmath.nstr(hbar, 30), 30), s["epsilon_0"]: sp.Float(str(eps0), 30),
              s["omega_p"]: sp.Float(mpmath.nstr(mpmath.sqrt(n * e**2 / (eps0 * m_e)), 30), 30)}
    closed = mpmath.mpf(str(sp.N(d.statement.rhs.subs(values), 30)))
    for ratio in (60, 120):
        T, dT = ratio * theta, theta
        slope = (rho(T + dT) - rho(T - dT)) / (2 * dT)
        excess = slope / closed - 1
        predicted = 1 / (18 * ratio**2)
        assert abs(excess - predicted) < 0.05 * predicted
