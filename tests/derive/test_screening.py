"""Independent checks of the static screening derivations (derive/screening.py).

The derived closed forms (``statement.rhs``, lambdified at 30 digits with
mpmath) are compared with numbers obtained without them: principal-value
k-space quadratures of the T = 0 Lindhard sums, a direct root search of the
numerically integrated RPA dielectric function, and textbook formulas written
in other variables or units. Units in the numeric integrals: hbar = m = k_F = 1,
so v_F = 1, E_F = 1/2, n = 1/(3 pi^2) and g(E_F) = 1/pi^2.
"""

from __future__ import annotations

import itertools
import math

import mpmath
import numpy as np
import pytest
import scipy.constants as C
import sympy as sp

import derive

#: every test here evaluates with mpmath at 30 digits
pytestmark = pytest.mark.usefixtures("mpmath_30_digits")

#: SI values of the constants (scipy.constants, CODATA).
SI = {"e": C.e, "epsilon_0": C.epsilon_0, "hbar": C.hbar, "m": C.m_e}
#: Reduced units hbar = m = k_F = v_F = 1 with e^2/eps0 chosen so that omega_p = 1.
N_1 = 1 / (3 * math.pi**2)
E2 = 1 / N_1
REDUCED = {"e": math.sqrt(E2), "epsilon_0": 1, "hbar": 1, "m": 1, "n": N_1, "v_F": 1}

SCREENING = (
    "lindhard_static",
    "thomas_fermi_limit",
    "lindhard_small_q_expansion",
    "plasmon_dispersion",
)


def _rhs(name: str, **values: float):
    """The statement's rhs as an mpmath function of the symbols left free in ``values``."""
    expr = derive.get(name).statement.rhs
    symbols = {s.name: s for s in expr.free_symbols}
    fixed = {symbols[k]: sp.Float(v, 40) for k, v in values.items() if k in symbols}
    free = sorted(set(symbols.values()) - set(fixed), key=lambda s: s.name)
    return sp.lambdify(free, expr.subs(fixed), modules="mpmath"), [s.name for s in free]


# ------------------------------------------------------------ registration
@pytest.mark.parametrize("name", SCREENING)
def test_registered_in_screening_topic(name):
    d = derive.get(name)
    assert d.topic == "screening"
    assert "seed 002" in d.source or "Ashcroft" in d.source


# ----------------------------------------------------------- static F(x)
def _F_principal_value_mpmath(x) -> mpmath.mpf:
    """Same PV integral at 30 digits, by subtracting the pole (no closed form of F used)."""
    x = mpmath.mpf(x)
    c = -x

    def f(z):
        return 1 - z**2

    def smooth(z):
        return (f(z) - f(c)) / (z - c) if z != c else -2 * c

    pv_pole = f(c) * mpmath.log(abs((1 - c) / (-1 - c)))  # PV int dz/(z - c)
    return (mpmath.quad(smooth, [-1, c, 1] if abs(c) < 1 else [-1, 1]) + pv_pole) / (4 * x)


def _F_two_occupation_terms(x: float, nodes: int = 80) -> float:
    """F(x) for x > 1 from the original sum, both occupation terms integrated separately.

    For q > 2 k_F the spheres |k| < 1 and |k + q| < 1 do not touch and neither
    term has a singular denominator, so each is a smooth integral over a unit
    sphere (Gauss-Legendre in |k| and mu). This does not use the k -> -k - q map.
    """
    q = 2 * x
    r, wr = np.polynomial.legendre.leggauss(nodes)
    p = 0.5 * (r + 1)  # |k| in (0, 1)
    wp = 0.5 * wr
    mu, wmu = np.polynomial.legendre.leggauss(nodes)
    P, MU = np.meshgrid(p, mu, indexing="ij")
    W = np.outer(wp, wmu) * P**2 * 2 * np.pi / (2 * np.pi) ** 3  # d^3k/(2pi)^3
    # f_k term: eps_k - eps_{k+q} = -(2 k q mu + q^2)/2
    first = np.sum(W * 2 / (-(2 * P * q * MU + q**2) / 2))
    # -f_{k+q} term, k = p - q: eps_{p-q} - eps_p = (q^2 - 2 p q mu)/2
    second = -np.sum(W * 2 / ((q**2 - 2 * P * q * MU) / 2))
    chi0 = first + second
    return -chi0 * np.pi**2  # g(E_F) = 1/pi^2


@pytest.mark.parametrize("x", [0.05, 0.3, 0.7, 0.95, 0.999, 1.001, 1.2, 2.5, 7.0])
def test_F_matches_pv_quadrature(F, F_principal_value, x):
    assert float(F(x)) == pytest.approx(F_principal_value(x), rel=1e-10)


@pytest.mark.parametrize("x", ["0.2", "0.8", "1.5", "4"])
def test_F_matches_pv_quadrature_30_digits(F, x):
    ours, ref = F(mpmath.mpf(x)), _F_principal_value_mpmath(x)
    assert abs(ours - ref) <= mpmath.mpf("1e-25") * abs(ref)


@pytest.mark.parametrize("x", [1.1, 1.5, 3.0, 10.0])
def test_F_matches_unmapped_sum_above_2kF(F, x):
    assert float(F(x)) == pytest.approx(_F_two_occupation_terms(x), rel=1e-9)


def test_F_limits_and_symmetry(F):
    # small x: F = 1 - x^2/3 - x^4/15 + ...
    x = mpmath.mpf("1e-3")
    assert abs(F(x) - (1 - x**2 / 3 - x**4 / 15)) < 1e-17
    # large x: F = 1/(3 x^2) + 1/(15 x^4) + ...
    x = mpmath.mpf(1000)
    assert abs(F(x) - (1 / (3 * x**2) + 1 / (15 * x**4))) < 1e-18
    # continuous at the Kohn point, F(1) = 1/2, slope log-singular there
    # (F(1 +- d) - 1/2 ~ -(d/2) ln(2/d): Richardson extrapolation does not apply)
    for d in (mpmath.mpf("1e-20"), mpmath.mpf("-1e-20")):
        assert abs(F(1 + d) - mpmath.mpf(1) / 2) < 1e-18
    # exact identity of the free-electron Lindhard function: F(1/x) = 1 - F(x)
    for x in ("0.1", "0.5", "0.9"):
        x = mpmath.mpf(x)
        assert abs(F(1 / x) - (1 - F(x))) < 1e-25
    # monotonically decreasing from 1 to 0
    xs = np.linspace(0.01, 5, 300)
    values = [float(F(v)) for v in xs]
    assert all(a > b for a, b in itertools.pairwise(values))


# -------------------------------------------------------- Thomas-Fermi
N_CU = 8.47e28  # m^-3, one conduction electron per Cu atom (Ashcroft & Mermin table 1.1)


def _free_electron(n: float) -> tuple[float, float]:
    k_F = (3 * math.pi**2 * n) ** (1 / 3)
    return k_F, C.hbar**2 * k_F**2 / (2 * C.m_e)


def test_thomas_fermi_wavevector_copper():
    eps_tf, free = _rhs("thomas_fermi_limit", **SI)
    assert free == ["k_F", "q"]
    k_F, E_F = _free_electron(N_CU)
    q = 1e9
    k_tf2 = float((eps_tf(k_F, q) - 1) * q**2)
    # independent form: k_TF^2 = 3 n e^2/(2 eps0 E_F)
    assert k_tf2 == pytest.approx(3 * N_CU * C.e**2 / (2 * C.epsilon_0 * E_F), rel=1e-12)
    # Ashcroft & Mermin ch. 17 (Thomas-Fermi): k_TF/k_F = 0.815 (r_s/a_0)^(1/2)
    r_s = (3 / (4 * math.pi * N_CU)) ** (1 / 3)
    k_tf = math.sqrt(k_tf2)
    a_0 = C.physical_constants["Bohr radius"][0]
    assert k_tf / k_F == pytest.approx(0.815 * math.sqrt(r_s / a_0), rel=2e-3)
    assert 1.7e10 < k_tf < 1.9e10  # 1/m; k_F(Cu) = 1.36e10 1/m


def test_thomas_fermi_dos_from_counting_and_from_chi0(F_principal_value):
    """g(E_F) = dn/dE_F by finite differences equals -chi0(q -> 0) of the numeric PV integral."""
    k_F, E_F = _free_electron(N_CU)

    def n_of_E(E):
        return (2 * C.m_e * E) ** 1.5 / (3 * math.pi**2 * C.hbar**3)

    h = 1e-6 * E_F
    g_numeric = (n_of_E(E_F + h) - n_of_E(E_F - h)) / (2 * h)
    eps_tf, _ = _rhs("thomas_fermi_limit", e=1, epsilon_0=1, hbar=C.hbar, m=C.m_e, q=1)
    g_derived = float(eps_tf(k_F) - 1)  # e = eps0 = q = 1: eps - 1 = g(E_F)
    assert g_derived == pytest.approx(g_numeric, rel=1e-9)
    # static chi0 at x -> 0 from the numeric PV integral: F -> 1, so -chi0 -> g
    assert F_principal_value(1e-4) == pytest.approx(1.0, abs=1e-8)


def test_thomas_fermi_is_long_wavelength_limit_of_rpa(F_principal_value):
    """1 + k_TF^2 F(x)/q^2 (numeric F) approaches 1 + k_TF^2/q^2 up to a constant."""
    eps_tf, _ = _rhs("thomas_fermi_limit", e=1, epsilon_0=1, hbar=1, m=1, k_F=1)
    k_tf2 = 1 / math.pi**2
    for q in (1e-2, 1e-3):
        rpa = 1 + k_tf2 * F_principal_value(q / 2) / q**2
        # difference -> -k_TF^2/(12 k_F^2) (from F = 1 - x^2/3 + ...)
        assert rpa - float(eps_tf(q)) == pytest.approx(-k_tf2 / 12, rel=1e-3)


# ------------------------------------------------- dynamic, omega >> v_F q
def test_small_q_expansion_matches_numeric_lindhard(chi0_above_continuum):
    eps_ours, free = _rhs("lindhard_small_q_expansion", **REDUCED)
    assert free == ["omega", "q"]
    w = 1.0
    errors = []
    for q in (0.04, 0.02, 0.01):
        eps_num = 1 - E2 / q**2 * chi0_above_continuum(q, w)
        errors.append(abs(float(eps_ours(w, q)) - eps_num))
        # the q^2 coefficient of chi0 is 3/5 (v_F q/w)^2
        ratio = chi0_above_continuum(q, w) / (N_1 * q**2 / w**2)
        assert (ratio - 1) / q**2 == pytest.approx(0.6, rel=5e-3)
    # truncation error of eps is O(q^4): halving q divides it by about 16
    assert errors[0] / errors[1] == pytest.approx(16, rel=0.1)
    assert errors[1] / errors[2] == pytest.approx(16, rel=0.1)


def test_plasma_frequency_is_SI_and_matches_gaussian_formula():
    """The seed's Gaussian w_p^2 = 4 pi n e^2/m (CGS) equals the SI n e^2/(eps0 m)."""
    eps_ours, _ = _rhs("lindhard_small_q_expansion", **SI, n=N_CU, q=0)
    # eps(q=0, w) = 1 - w_p^2/w^2 -> w_p^2 = (1 - eps) w^2
    w = 1e16
    wp_si = math.sqrt(float((1 - eps_ours(w, 1.0)) * w**2))  # v_F irrelevant at q = 0
    e_esu = C.e * C.c * 10  # statcoulomb
    wp_cgs = math.sqrt(4 * math.pi * (N_CU * 1e-6) * e_esu**2 / (C.m_e * 1e3))
    assert wp_si == pytest.approx(wp_cgs, rel=1e-9)
    assert C.hbar * wp_si / C.e == pytest.approx(10.8, abs=0.05)  # eV, free-electron Cu


# ------------------------------------------------------------- plasmon
def test_plasmon_dispersion_matches_numeric_rpa_root(chi0_above_continuum):
    from scipy.optimize import brentq

    w_pl, free = _rhs("plasmon_dispersion", **REDUCED)
    assert free == ["q"]
    coefficients = []
    for q in (0.02, 0.04):

        def eps_numeric(w, q=q):
            return 1 - E2 / q**2 * chi0_above_continuum(q, w)

        root = brentq(eps_numeric, q + q * q / 2 + 0.5, 2.0, xtol=1e-15)
        assert float(w_pl(q)) == pytest.approx(root, abs=5 * q**4)
        coefficients.append((root**2 - 1) / q**2)
    # (omega^2 - omega_p^2)/q^2 -> (3/5) v_F^2; Richardson-extrapolate the O(q^2) term
    extrapolated = (4 * coefficients[0] - coefficients[1]) / 3
    assert extrapolated == pytest.approx(0.6, abs=2e-4)
    assert float(w_pl(0)) == pytest.approx(1.0, rel=1e-15)
