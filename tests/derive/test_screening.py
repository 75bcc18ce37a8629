"""Independent checks of the screening derivations (derive/screening.py).

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
from scipy.integrate import quad

import derive


@pytest.fixture(autouse=True)
def _mpmath_30_digits():
    """Every test here evaluates with mpmath at 30 digits (inside a context, not set at import)."""
    with mpmath.workdps(30):
        yield


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


@pytest.fixture(scope="module")
def F():
    """Derived F(x) = -chi0/g(E_F), from the statement with hbar = m = k_F = 1."""
    chi0, free = _rhs("lindhard_static", hbar=1, m=1, k_F=1)
    assert free == ["x"]
    return lambda x: -(mpmath.pi**2) * chi0(mpmath.mpf(x))


# ------------------------------------------------------------ registration
@pytest.mark.parametrize("name", SCREENING)
def test_registered_in_screening_topic(name):
    d = derive.get(name)
    assert d.topic == "screening"
    assert "seed 002" in d.source or "Ashcroft" in d.source


@pytest.mark.parametrize("name", SCREENING)
def test_check_passes(name):
    report = derive.get(name).check()
    assert report.passed, str(report)
    counts = report.counts()
    assert counts["failed"] == 0 and counts["steps"] == len(derive.get(name).steps)


# ----------------------------------------------------------- static F(x)
def _F_principal_value_scipy(x: float) -> float:
    """F(x) from the Fermi-sphere integral, slices perpendicular to q, PV by QUADPACK.

    chi0 = 4 int d^3k/(2pi)^3 f_k/(eps_k - eps_{k+q}); the slice at k_z = z has
    area pi (1 - z^2) and eps_k - eps_{k+q} = -q (z + q/2), so
    F = -chi0/g = (1/(4x)) PV int_{-1}^{1} (1 - z^2)/(z + x) dz.
    """
    if x < 1:  # pole at z = -x inside: Cauchy-weight quadrature int f(z)/(z - c)
        val, _ = quad(lambda z: 1 - z * z, -1, 1, weight="cauchy", wvar=-x, epsabs=1e-14)
    else:
        val, _ = quad(lambda z: (1 - z * z) / (z + x), -1, 1, epsabs=1e-14, epsrel=1e-13)
    return val / (4 * x)


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
def test_F_matches_pv_quadrature(F, x):
    assert float(F(x)) == pytest.approx(_F_principal_value_scipy(x), rel=1e-10)


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


def test_thomas_fermi_dos_from_counting_and_from_chi0():
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
    assert _F_principal_value_scipy(1e-4) == pytest.approx(1.0, abs=1e-8)


def test_thomas_fermi_is_long_wavelength_limit_of_rpa():
    """1 + k_TF^2 F(x)/q^2 (numeric F) approaches 1 + k_TF^2/q^2 up to a constant."""
    eps_tf, _ = _rhs("thomas_fermi_limit", e=1, epsilon_0=1, hbar=1, m=1, k_F=1)
    k_tf2 = 1 / math.pi**2
    for q in (1e-2, 1e-3):
        rpa = 1 + k_tf2 * _F_principal_value_scipy(q / 2) / q**2
        # difference -> -k_TF^2/(12 k_F^2) (from F = 1 - x^2/3 + ...)
        assert rpa - float(eps_tf(q)) == pytest.approx(-k_tf2 / 12, rel=1e-3)


# ------------------------------------------------- dynamic, omega >> v_F q
def _chi0_dynamic(q: float, w: float, nodes: int = 96) -> float:
    """Real retarded Lindhard chi0(q, w) above the particle-hole continuum, by quadrature.

    chi0 = (2/V) sum_k (f_k - f_{k+q})/(w + eps_k - eps_{k+q}); the f_{k+q}
    term is shifted k -> k - q (a plain change of summation variable), so both
    terms live on the unit Fermi sphere and are smooth for w > q + q^2/2.
    """
    assert w > q + q * q / 2
    r, wr = np.polynomial.legendre.leggauss(nodes)
    k, wk = 0.5 * (r + 1), 0.5 * wr
    mu, wmu = np.polynomial.legendre.leggauss(nodes)
    K, MU = np.meshgrid(k, mu, indexing="ij")
    W = np.outer(wk, wmu) * K**2 * 2 * np.pi / (2 * np.pi) ** 3
    term1 = 1 / (w - (K * q * MU + q * q / 2))  # eps_k - eps_{k+q} = -(k q mu + q^2/2)
    term2 = 1 / (w - (K * q * MU - q * q / 2))  # eps_{k-q} - eps_k = -k q mu + q^2/2
    return 2 * float(np.sum(W * (term1 - term2)))


def test_small_q_expansion_matches_numeric_lindhard():
    eps_ours, free = _rhs("lindhard_small_q_expansion", **REDUCED)
    assert free == ["omega", "q"]
    w = 1.0
    errors = []
    for q in (0.04, 0.02, 0.01):
        eps_num = 1 - E2 / q**2 * _chi0_dynamic(q, w)
        errors.append(abs(float(eps_ours(w, q)) - eps_num))
        # the q^2 coefficient of chi0 is 3/5 (v_F q/w)^2
        ratio = _chi0_dynamic(q, w) / (N_1 * q**2 / w**2)
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
def test_plasmon_dispersion_matches_numeric_rpa_root():
    from scipy.optimize import brentq

    w_pl, free = _rhs("plasmon_dispersion", **REDUCED)
    assert free == ["q"]
    coefficients = []
    for q in (0.02, 0.04):

        def eps_numeric(w, q=q):
            return 1 - E2 / q**2 * _chi0_dynamic(q, w)

        root = brentq(eps_numeric, q + q * q / 2 + 0.5, 2.0, xtol=1e-15)
        assert float(w_pl(q)) == pytest.approx(root, abs=5 * q**4)
        coefficients.append((root**2 - 1) / q**2)
    # (omega^2 - omega_p^2)/q^2 -> (3/5) v_F^2; Richardson-extrapolate the O(q^2) term
    extrapolated = (4 * coefficients[0] - coefficients[1]) / 3
    assert extrapolated == pytest.approx(0.6, abs=2e-4)
    assert float(w_pl(0)) == pytest.approx(1.0, rel=1e-15)


# ------------------------------------------- dynamic Lindhard f(x, nu)
# chi0(q, w) = -g(E_F) [f_re(x, nu) + i f_im(x, nu)], x = q/(2 k_F), nu = w/(q v_F).
DYNAMIC = ("lindhard_dynamic_real", "lindhard_dynamic_imag")
G_1 = 1 / math.pi**2  # g(E_F) = m k_F/(pi^2 hbar^2) in units hbar = m = k_F = 1

#: (x, nu) points in the particle-hole continuum with x + nu < 1 (INSIDE) and with
#: |x - nu| < 1 < x + nu (PARTIAL), below it (x - nu > 1) and above it (nu - x > 1, plasmon).
INSIDE = [(0.1, 0.3), (0.3, 0.05), (0.45, 0.5), (0.2, 0.79)]
PARTIAL = [(0.5, 0.7), (0.9, 0.3), (1.5, 1.2), (0.3, 1.25), (2.0, 1.5)]
BELOW = [(1.6, 0.3), (3.0, 1.7)]
ABOVE = [(0.1, 1.5), (0.5, 2.0), (0.02, 5.0)]


def _dynamic(name: str):
    """The derived f_re or f_im as a float function f(x, nu) (hbar = m = k_F = 1)."""
    expr = derive.get(name).statement.rhs
    symbols = {s.name: s for s in expr.free_symbols}
    assert set(symbols) == {"x", "nu"}
    return sp.lambdify((symbols["x"], symbols["nu"]), expr, modules="math")


@pytest.fixture(scope="module")
def f_re():
    return _dynamic("lindhard_dynamic_real")


@pytest.fixture(scope="module")
def f_im():
    return _dynamic("lindhard_dynamic_imag")


def _f_retarded_sum(x: float, nu: float, eta: float) -> complex:
    """f = -chi0/g(E_F) from the defining sum at finite broadening eta (hbar = m = k_F = 1).

    chi0 = 2 int d^3k/(2pi)^3 (f_k - f_{k+q})/(w + eps_k - eps_{k+q} + i eta); the f_{k+q}
    term is shifted k -> k - q (a plain change of summation variable), so both terms are
    integrals over the unit sphere: 1/(A - B mu + i eta) with B = k q and A = w - q^2/2
    (f_k term) or A = w + q^2/2 (f_{k+q} term, opposite sign). The mu-integral at finite
    eta is exact, (1/B) [log(A + B + i eta) - log(A - B + i eta)] (arguments stay in the
    upper half plane), and the radial integral is done by QUADPACK with the logarithmic
    points k = |A|/q as breakpoints. No step of the derivation is used.
    """
    q, w = 2 * x, 2 * x * nu

    def mu_integral(k, A):
        B = k * q
        return (np.log(A + B + 1j * eta) - np.log(A - B + 1j * eta)) / B

    def integrand(k):
        return k * k * (mu_integral(k, w - q * q / 2) - mu_integral(k, w + q * q / 2))

    points = [p for p in (abs(nu - x), nu + x) if 0 < p < 1]
    parts = [
        quad(lambda k, part=part: part(integrand(k)), 0, 1, points=points or None,
             limit=400, epsabs=1e-11, epsrel=1e-9)[0]
        for part in (np.real, np.imag)
    ]
    chi0 = complex(*parts) / (2 * math.pi**2)  # 2 spins * 2 pi / (2 pi)^3
    return -chi0 / G_1


@pytest.mark.parametrize("name", DYNAMIC)
def test_dynamic_registered_and_checks(name):
    d = derive.get(name)
    assert d.topic == "lindhard_dynamic" and "Giuliani" in d.source and "seed 002" in d.source
    report = d.check()
    assert report.passed, str(report)
    counts = report.counts()
    assert counts["failed"] == 0 and counts["steps"] == len(d.steps)


def test_dynamic_static_and_small_q_steps_present():
    """The real part is tied to lindhard_static (nu -> 0) and to the small-q expansion."""
    steps = derive.get("lindhard_dynamic_real").steps
    limits = [s for s in steps if isinstance(s.lhs, sp.Limit) and str(s.lhs.args[1]) == "nu"]
    assert limits and "lindhard_static" in limits[0].why
    orders = [s.order for s in steps if s.order is not None]
    assert (sp.Symbol("nu", positive=True) ** -6, sp.Symbol("nu", positive=True), sp.oo) in orders
    assert any("lindhard_small_q_expansion" in s.why for s in steps if s.order is not None)


@pytest.mark.parametrize("x, nu", INSIDE + PARTIAL + BELOW + ABOVE)
def test_dynamic_matches_retarded_sum(f_re, f_im, x, nu):
    """Both parts against the k-space sum at eta = 1e-10 (converged in eta, see below)."""
    f = _f_retarded_sum(x, nu, 1e-10)
    assert f.real == pytest.approx(f_re(x, nu), abs=1e-8)
    assert f.imag == pytest.approx(f_im(x, nu), abs=1e-8)


def test_retarded_sum_converges_as_eta_to_zero(f_re, f_im):
    """The finite-eta sum approaches the derived f as eta -> 0+ (O(eta) away from the edges)."""
    x, nu = 0.45, 0.3
    exact = complex(f_re(x, nu), f_im(x, nu))
    errors = [abs(_f_retarded_sum(x, nu, eta) - exact) for eta in (1e-3, 1e-4, 1e-5)]
    assert errors[0] > errors[1] > errors[2]
    assert errors[1] / errors[2] == pytest.approx(10, rel=0.2)


def test_imaginary_part_sign_and_support(f_im):
    """Im chi0 = -g f_im < 0 inside the continuum for w > 0, and zero outside it."""
    for x, nu in INSIDE + PARTIAL:
        assert f_im(x, nu) > 0
    for x, nu in BELOW + ABOVE:
        assert f_im(x, nu) == 0
    # G&V Table 4.1 forms, typed independently: pi nu/2 and pi (1 - (x - nu)^2)/(8x)
    for x, nu in INSIDE:
        assert f_im(x, nu) == pytest.approx(math.pi * nu / 2, rel=1e-14)
    for x, nu in PARTIAL:
        assert f_im(x, nu) == pytest.approx(math.pi * (1 - (x - nu) ** 2) / (8 * x), rel=1e-14)


@pytest.mark.parametrize("x", [0.2, 0.5, 0.9, 1.3, 2.5])
def test_imaginary_part_continuous_at_the_continuum_edges(f_im, x):
    d = 1e-12
    edges = [x + 1] + ([1 - x] if x < 1 else [x - 1])
    for nu in edges:
        assert f_im(x, nu - d) == pytest.approx(f_im(x, nu + d), abs=1e-10)
    assert f_im(x, x + 1 + d) == 0 and f_im(x, x + 1 - d) == pytest.approx(0, abs=1e-10)
    if x < 1:  # the two continuum forms meet at nu = 1 - x with the value pi (1 - x)/2
        assert f_im(x, 1 - x) == pytest.approx(math.pi * (1 - x) / 2, rel=1e-12)


@pytest.mark.parametrize("x", [0.1, 0.5, 0.99, 1.01, 2.0, 5.0])
def test_f_sum_rule(f_im, x):
    """int_0^oo dw w Im chi0(q, w) = -pi n q^2/(2m) (f-sum rule), by quadrature of f_im.

    With Im chi0 = -g f_im and w = nu q v_F this is int_0^oo nu f_im dnu = pi n/(2 m g v_F^2),
    = pi/6 for the free electron gas (n = k_F^3/(3 pi^2), g = m k_F/(pi^2 hbar^2)).
    """
    expected = math.pi * N_1 / (2 * G_1)  # m = v_F = 1
    assert expected == pytest.approx(math.pi / 6, rel=1e-15)
    value, _ = quad(lambda nu: nu * f_im(x, nu), 0, 1 + x, points=[abs(1 - x)], epsabs=1e-14, epsrel=1e-13)
    assert value == pytest.approx(expected, rel=1e-10)


def _kramers_kronig_re(f_im, x: float, nu: float) -> float:
    """Re f(x, nu) = (1/pi) PV int_0^oo f_im(nu') [1/(nu' - nu) + 1/(nu' + nu)] dnu'.

    The retarded chi0 is analytic in the upper half plane and vanishes as w -> oo, and
    f_im is odd in nu. f_im vanishes for nu' > 1 + x; the pole is removed by subtraction,
    PV int_0^L g(s)/(s - nu) ds = int_0^L (g(s) - g(nu))/(s - nu) ds + g(nu) ln((L - nu)/nu).
    """
    L = 1 + x
    kinks = [p for p in (abs(1 - x),) if 0 < p < L]
    g_nu = f_im(x, nu) if nu < L else 0.0

    def smooth(s):
        return (f_im(x, s) - g_nu) / (s - nu) if s != nu else 0.0

    pv, _ = quad(smooth, 0, L, points=[*kinks, nu] if nu < L else kinks or None, limit=400,
                 epsabs=1e-13, epsrel=1e-12)
    if nu < L:
        pv += g_nu * math.log((L - nu) / nu)
    regular, _ = quad(lambda s: f_im(x, s) / (s + nu), 0, L, points=kinks or None, epsabs=1e-13)
    return (pv + regular) / math.pi


@pytest.mark.parametrize("x, nu", INSIDE + PARTIAL + BELOW + ABOVE)
def test_kramers_kronig(f_re, f_im, x, nu):
    """The derived real and imaginary parts (two separate derivations) are a KK pair."""
    assert _kramers_kronig_re(f_im, x, nu) == pytest.approx(f_re(x, nu), abs=1e-9)


@pytest.mark.parametrize("x", [0.05, 0.3, 0.7, 0.95, 1.2, 2.5])
def test_real_part_static_limit(f_re, F, x):
    """nu -> 0: f_re -> F(x) (derived static form and its independent PV quadrature)."""
    assert f_re(x, 1e-9) == pytest.approx(float(F(x)), abs=1e-12)
    assert f_re(x, 1e-9) == pytest.approx(_F_principal_value_scipy(x), rel=1e-9)


def _dynamic_mp(name: str):
    """The derived statement at 30 digits (mpmath): the closed form cancels for nu >> 1."""
    expr = derive.get(name).statement.rhs
    symbols = {s.name: s for s in expr.free_symbols}
    fn = sp.lambdify((symbols["x"], symbols["nu"]), expr, modules="mpmath")
    return lambda x, nu: fn(mpmath.mpf(x), mpmath.mpf(nu))


@pytest.mark.parametrize("x", ["0.05", "0.5", "1", "2"])
def test_real_part_large_nu(x):
    """nu -> oo at fixed x: f_re = -[1 + (3/5 + x^2)/nu^2]/(3 nu^2) + O(nu^-6).

    Independent expansion: -chi0 = n q^2/(m w^2) [1 + <D^3>/(<D> w^2) + ...] with
    D = eps_{k+q} - eps_k averaged over the Fermi sphere, <D> = q^2/2 and
    <D^3> = (q^2/2)(3 q^2 v_F^2/5 + q^4/4); in reduced units (3/5 + x^2)/nu^2. The
    recoil part x^2/nu^2 is of higher order in q at fixed w, hence absent from
    lindhard_small_q_expansion.
    """
    f = _dynamic_mp("lindhard_dynamic_real")
    x = mpmath.mpf(x)
    for nu in (mpmath.mpf(30), mpmath.mpf(300)):
        tail = -(1 + (mpmath.mpf(3) / 5 + x**2) / nu**2) / (3 * nu**2)
        without_recoil = -(1 + (mpmath.mpf(3) / 5) / nu**2) / (3 * nu**2)
        assert abs(f(x, nu) - tail) < 2 * (1 + x**2) ** 2 / nu**6
        assert abs(f(x, nu) - without_recoil) > 0.9 * x**2 / (3 * nu**4)


@pytest.mark.parametrize("x, w", [(0.01, 1.0), (0.02, 0.5), (0.1, 1.0)])
def test_real_part_matches_quadrature_above_continuum(x, w):
    """Above the continuum chi0 is real; compare with the existing Gauss-Legendre Lindhard sum.

    (At 30 digits: in double precision the closed form loses ~ 2 log10(nu) digits for nu >> 1.)
    """
    q = 2 * x
    f = _dynamic_mp("lindhard_dynamic_real")
    assert -_chi0_dynamic(q, w) / G_1 == pytest.approx(float(f(x, w / q)), rel=1e-10)


@pytest.mark.parametrize("x", [0.2, 0.7, 1.5])
def test_real_part_finite_on_edges(f_re, x):
    """f_re is finite and continuous across |x -+ nu| = 1 (only its slope is log-singular)."""
    d = 1e-10
    for nu in [x + 1] + ([1 - x] if x < 1 else [x - 1]):
        left, right = f_re(x, nu - d), f_re(x, nu + d)
        assert math.isfinite(left) and left == pytest.approx(right, abs=1e-8)
