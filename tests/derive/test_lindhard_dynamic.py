"""Independent checks of the dynamic Lindhard derivations (derive/lindhard_dynamic.py).

The derived f_re and f_im (chi0 = -g(E_F) [f_re + i f_im]) are compared with the
retarded k-space sum at finite broadening, Kramers-Kronig, the f-sum rule, the
static F(x) and its principal-value quadrature, and the small-q expansion. Units:
hbar = m = k_F = 1, so v_F = 1 and g(E_F) = 1/pi^2.
"""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
import sympy as sp
from scipy.integrate import quad

import derive

#: every test here evaluates with mpmath at 30 digits
pytestmark = pytest.mark.usefixtures("mpmath_30_digits")

# chi0(q, w) = -g(E_F) [f_re(x, nu) + i f_im(x, nu)], x = q/(2 k_F), nu = w/(q v_F).
DYNAMIC = ("lindhard_dynamic_real", "lindhard_dynamic_imag")
N_1 = 1 / (3 * math.pi**2)  # n = k_F^3/(3 pi^2) in units k_F = 1
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
def test_dynamic_registered(name):
    """Registered in its topic with its sources; the check itself is the session's one cold check
    (tests/derive/test_registry.py::test_check_passes), not repeated here."""
    d = derive.get(name)
    assert d.topic == "lindhard_dynamic" and "Giuliani" in d.source and "seed 002" in d.source


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
def test_real_part_static_limit(f_re, F, F_principal_value, x):
    """nu -> 0: f_re -> F(x) (derived static form and its independent PV quadrature)."""
    assert f_re(x, 1e-9) == pytest.approx(float(F(x)), abs=1e-12)
    assert f_re(x, 1e-9) == pytest.approx(F_principal_value(x), rel=1e-9)


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
def test_real_part_matches_quadrature_above_continuum(chi0_above_continuum, x, w):
    """Above the continuum chi0 is real; compare with the existing Gauss-Legendre Lindhard sum.

    (At 30 digits: in double precision the closed form loses ~ 2 log10(nu) digits for nu >> 1.)
    """
    q = 2 * x
    f = _dynamic_mp("lindhard_dynamic_real")
    assert -chi0_above_continuum(q, w) / G_1 == pytest.approx(float(f(x, w / q)), rel=1e-10)


@pytest.mark.parametrize("x", [0.2, 0.7, 1.5])
def test_real_part_finite_on_edges(f_re, x):
    """f_re is finite and continuous across |x -+ nu| = 1 (only its slope is log-singular)."""
    d = 1e-10
    for nu in [x + 1] + ([1 - x] if x < 1 else [x - 1]):
        left, right = f_re(x, nu - d), f_re(x, nu + d)
        assert math.isfinite(left) and left == pytest.approx(right, abs=1e-8)
