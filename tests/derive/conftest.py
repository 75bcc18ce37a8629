"""Fixtures of the derive tests: independent numeric references for the Lindhard derivations.

Units hbar = m = k_F = 1, so v_F = 1, E_F = 1/2, n = 1/(3 pi^2) and g(E_F) = 1/pi^2.
"""

from __future__ import annotations

from collections.abc import Callable

import mpmath
import numpy as np
import pytest
import sympy as sp
from scipy.integrate import quad

import derive


@pytest.fixture
def mpmath_30_digits():
    """mpmath at 30 digits for the test that uses it (inside a context, never set at import)."""
    with mpmath.workdps(30):
        yield


@pytest.fixture(scope="module")
def F() -> Callable[[object], mpmath.mpf]:
    """Derived F(x) = -chi0/g(E_F), from the ``lindhard_static`` statement with hbar = m = k_F = 1."""
    expr = derive.get("lindhard_static").statement.rhs
    symbols = {s.name: s for s in expr.free_symbols}
    assert set(symbols) == {"x", "hbar", "m", "k_F"}
    reduced = (-(sp.pi**2) * expr).subs({symbols[k]: 1 for k in ("hbar", "m", "k_F")})
    f = sp.lambdify(symbols["x"], reduced, modules="mpmath")
    return lambda x: f(mpmath.mpf(x))


@pytest.fixture(scope="session")
def F_principal_value() -> Callable[[float], float]:
    """F(x) by QUADPACK principal-value quadrature (no closed form used)."""
    return _F_principal_value_scipy


@pytest.fixture(scope="session")
def chi0_above_continuum() -> Callable[[float, float], float]:
    """Real retarded chi0(q, w) above the particle-hole continuum, by Gauss-Legendre quadrature."""
    return _chi0_dynamic


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
