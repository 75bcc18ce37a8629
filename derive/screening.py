"""Derivations: screening by the three-dimensional free electron gas.

The Lindhard (RPA) response of the jellium electron gas at ``T = 0`` and the
closed forms that follow from it:

``lindhard_static``
    chi0(q) = -g(E_F) F(x), x = q/(2 k_F), from the k-space sum.
``thomas_fermi_limit``
    q -> 0: chi0 -> -g(E_F), eps(q) = 1 + k_TF^2/q^2, k_TF^2 = e^2 g(E_F)/eps0.
``lindhard_small_q_expansion``
    omega >> v_F q: eps(q, omega) = 1 - wp^2/w^2 - (3/5) wp^2 v_F^2 q^2/w^4.
``plasmon_dispersion``
    eps(q, omega) = 0: omega^2 = wp^2 + (3/5) v_F^2 q^2 + O(q^4).

The full retarded chi0(q, omega) is in :mod:`derive.lindhard_dynamic`, on the
model pieces (band, occupation, Coulomb interaction, g(E_F)) stated here.

Conventions (docs/architecture.md, Conventions): SI units, g(E_F) per volume and for both
spins, Lindhard variable x = q/(2 k_F), eps(q, omega) = 1 - v(q) chi0(q, omega)
with v(q) = e^2/(eps0 q^2), chi0 the (retarded) density response
chi0(q, omega) = (2/V) sum_k (f_k - f_{k+q})/(hbar omega + eps_k - eps_{k+q} + i0),
which is negative in the static limit.
"""

from __future__ import annotations

from functools import cache

import sympy as sp

from .constants import (
    E_CHARGE,
    E_F,
    EPS0,
    HBAR,
    K_F,
    M_ELECTRON,
    N_DENSITY,
    OMEGA,
    V_F,
    Q,
    quantity,
)
from .derivation import ABS_LOGS, Assumption, Chain, Derivation, Ref
from .registry import register
from .sources import ASHCROFT_MERMIN, GIULIANI_VIGNALE, SEED_002_SCREENING, cite
from .units import DIMENSIONLESS, JOULE, METRE, SECOND

__all__ = [
    "band",
    "coulomb",
    "fermi_sea",
    "g_fermi",
    "k_to_minus_k_minus_q",
    "lindhard_small_q_expansion",
    "lindhard_static",
    "occupation",
    "plasmon_dispersion",
    "spherical",
    "thomas_fermi_limit",
]


# ------------------------------------------------------------------ symbols
hbar, e, eps0, m = HBAR.symbol, E_CHARGE.symbol, EPS0.symbol, M_ELECTRON.symbol
k_F, v_F, E_Fermi, n = K_F.symbol, V_F.symbol, E_F.symbol, N_DENSITY.symbol
q, omega = Q.symbol, OMEGA.symbol

CHI0 = quantity("chi_0", 1 / (JOULE * METRE**3), "Lindhard density response chi0", real=True)
EPSILON = quantity("epsilon", DIMENSIONLESS, "RPA dielectric function", real=True)
X = quantity("x", DIMENSIONLESS, "Lindhard variable q/(2 k_F)")
T_RAD = quantity("t", DIMENSIONLESS, "radial wavevector k/k_F inside the Fermi sphere")
MU = quantity("mu", DIMENSIONLESS, "cosine of the angle between k and q", real=True)
PHI = quantity("phi", DIMENSIONLESS, "azimuth of k about q", real=True)
DELTA = quantity("delta", DIMENSIONLESS, "half-width of the principal-value excision in mu")
K_RAD = quantity("k", 1 / METRE, "electron wavevector magnitude")
U = quantity("u", METRE / SECOND, "electron speed hbar k/m inside the Fermi sphere")
OMEGA_PL = quantity("omega_pl", 1 / SECOND, "plasmon frequency at wavevector q")
DW2 = quantity("Delta", 1 / SECOND**2, "shift of omega^2 from omega_p^2", real=True)
K_VEC = [quantity(f"k_{c}", 1 / METRE, f"electron wavevector, {c}", real=True) for c in "xyz"]
Q_VEC = [quantity(f"q_{c}", 1 / METRE, f"wavevector transfer, {c}", real=True) for c in "xyz"]

chi_0, epsilon, x, t = CHI0.symbol, EPSILON.symbol, X.symbol, T_RAD.symbol
mu, phi, delta, k, u = MU.symbol, PHI.symbol, DELTA.symbol, K_RAD.symbol, U.symbol
omega_pl, Delta = OMEGA_PL.symbol, DW2.symbol
kvec = sp.Matrix([s.symbol for s in K_VEC])
qvec = sp.Matrix([s.symbol for s in Q_VEC])


# ------------------------------------------------------------ model pieces
def band(kv: sp.Matrix) -> sp.Expr:
    """Free-electron band eps_k = hbar^2 k.k/(2m)."""
    return hbar**2 * kv.dot(kv) / (2 * m)


def occupation(kv: sp.Matrix) -> sp.Expr:
    """T = 0 Fermi function f_k = Theta(k_F - |k|)."""
    return sp.Heaviside(k_F - sp.sqrt(kv.dot(kv)))


def fermi_sea(chain: Chain) -> tuple[Ref, Ref]:
    """Declare the model of the electron gas: the band ε_k and the T = 0 occupation f_k (vector k)."""
    eps = chain.declare("ε_k", band(kvec), "free-electron band ε_k = ħ²k²/(2m)")
    occ = chain.declare("f_k", occupation(kvec), "T = 0 Fermi function: the filled Fermi sphere |k| < k_F")
    return eps, occ


def k_to_minus_k_minus_q(expr: sp.Expr) -> sp.Subs:
    """The relabelling k -> -k - q of a summation variable, unevaluated."""
    return sp.Subs(expr, tuple(kvec), tuple(-kvec - qvec))


def spherical(kmag: sp.Expr, qmag: sp.Expr) -> tuple[tuple, tuple]:
    """Substitution to spherical coordinates about q (q along z)."""
    s = sp.sqrt(1 - mu**2)
    old = (*kvec, *qvec)
    new = (kmag * s * sp.cos(phi), kmag * s * sp.sin(phi), kmag * mu, 0, 0, qmag)
    return old, new


def coulomb(qq: sp.Expr) -> sp.Expr:
    """Bare Coulomb interaction v(q) = e^2/(eps0 q^2) (SI)."""
    return e**2 / (eps0 * qq**2)


def g_fermi() -> sp.Expr:
    """Free-electron density of states at E_F, per volume, both spins."""
    return m * k_F / (sp.pi**2 * hbar**2)


def _at_k_plus_q(expr: sp.Expr) -> sp.Expr:
    """A function of the wavevector k taken at k + q (eps_k -> eps_{k+q}, f_k -> f_{k+q})."""
    return expr.subs(dict(zip(kvec, kvec + qvec, strict=True)), simultaneous=True)


def _inside_sphere(term: sp.Expr, f: sp.Expr, difference: sp.Expr, value: sp.Expr) -> sp.Expr:
    """A term of the Lindhard sum inside the Fermi sphere (f_k = 1), with the band difference
    ``difference`` (in Cartesian components) replaced by its ``value`` from an earlier step."""
    return term.subs(f, 1).subs(difference, value)


# ---------------------------------------------------------- lindhard_static
def _mu_dependence(integrand: sp.Expr) -> sp.Expr:
    """The factors of the angular integrand that depend on mu (the pole 1/(t mu + x))."""
    return sp.Mul(*[a for a in sp.Mul.make_args(integrand) if a.has(mu)])


@cache
def _log_antiderivative(kernel: sp.Expr) -> sp.Expr:
    """SymPy's antiderivative in mu, with ln -> ln|.| (valid on both sides of the pole)."""
    return sp.integrate(kernel, mu).replace(sp.log, lambda arg: sp.log(sp.Abs(arg)))


@cache
def _radial_antiderivative(radial: sp.Expr) -> sp.Expr:
    """SymPy's antiderivative A(t) of the radial integrand on 0 < t < x, where |1/(t - x)| = 1/(x - t)
    and the logarithms are real, then ln -> ln|.| so that it holds for every t."""
    below = sp.expand_log(radial.replace(sp.Abs, lambda a: 1 / sp.expand(-1 / a)), force=True)
    return sp.integrate(below, t).replace(sp.log, lambda arg: sp.log(sp.Abs(arg)))


def _lindhard_F(raw: sp.Expr) -> sp.Expr:
    """-chi0/g(E_F) with its two logarithms collected into ln|(1 + x)/(1 - x)|: ln(1+x) = L + ln|x-1|."""
    L_sym = sp.Dummy("L")
    return sp.collect(
        sp.expand(raw.subs(sp.log(x + 1), L_sym + sp.log(sp.Abs(x - 1)))), L_sym, sp.cancel
    ).subs(L_sym, sp.log(sp.Abs((1 + x) / (1 - x))))


@register
def lindhard_static() -> Derivation:
    """Static Lindhard function of the 3D free electron gas at T = 0.

    Model: free electrons, eps_k = hbar^2 k^2/(2m), filled Fermi sphere
    f_k = Theta(k_F - |k|), static density response

        chi0(q) = (2/V) sum_k (f_k - f_{k+q})/(eps_k - eps_{k+q})

    in the thermodynamic limit (1/V) sum_k -> int d^3k/(2 pi)^3, written in units
    of g(E_F) = m k_F/(pi^2 hbar^2). The model objects are eps_k, f_k and g(E_F);
    the sum's two terms are built from eps_k and f_k (steps 1 and 3).

    Returns
    -------
    Derivation
        ``chi_0 = -g(E_F) F(x)`` with x = q/(2 k_F),
        F(x) = 1/2 + (1 - x^2)/(4x) ln|(1 + x)/(1 - x)| and
        g(E_F) = m k_F/(pi^2 hbar^2) (per volume, both spins).

    Notes
    -----
    Route: the relabelling k -> -k - q maps the f_{k+q} term onto the f_k
    term; in spherical coordinates about q the angular integral is a
    principal value (antiderivative ln|t mu + x|/t of the integrand's pole
    checked by differentiation, symmetric excision checked by a limit); the
    radial integral uses SymPy's antiderivative A(t) (with ln|.|), checked by
    differentiation on both sides of the singular point t = x and for x > 1,
    and continuous at t = x (limit step).

    Validity: T = 0 (k_B T << E_F), non-interacting electrons, all x > 0.
    At x = 1 (q = 2 k_F) F is continuous, F(1) = 1/2, and its slope is
    logarithmically singular (Kohn anomaly).

    References
    ----------
    Ashcroft & Mermin ch. 17 (Lindhard theory); Giuliani & Vignale ch. 4.
    Seed 002, 'Fröhlich Coupling and the Role of Screening', uses its
    q -> 0 (Thomas-Fermi) limit.
    """
    chain = Chain()
    eps, occ = fermi_sea(chain)
    dos = chain.declare("g(E_F)", g_fermi(),
                        "free-electron density of states at E_F, per volume, both spins (the unit of chi0)")

    # (1) the second occupation term onto the first
    first = chain.step(
        "k -> -k-q relabels the sum: the f_{k+q} term equals the f_k term (eps_{-k} = eps_k)",
        lambda e, f: k_to_minus_k_minus_q(-_at_k_plus_q(f) / (e - _at_k_plus_q(e))), eps, occ,
        rhs=chain[occ] / (chain[eps] - _at_k_plus_q(chain[eps])), name="f_k term",
    )

    # (2) spherical coordinates about q, k = k_F t, q = 2 k_F x
    old, new = spherical(k_F * t, 2 * k_F * x)
    d_eps = chain.step(
        "eps_k - eps_{k+q}, q = 2 k_F x along z, k = k_F t (sin th cos phi, sin th sin phi, mu)",
        lambda e: sp.Subs(e - _at_k_plus_q(e), old, new), eps,
        rhs=lambda s: sp.factor(sp.simplify(s.doit())), name="ε_k − ε_{k+q}",
    )

    # (3) chi0 = 4 int d^3k/(2pi)^3 f_k/(eps_k - eps_{k+q}); d^3k = k_F^3 t^2 dt dmu dphi
    def azimuthal(term: sp.Expr, f: sp.Expr, e: sp.Expr, d: sp.Expr) -> sp.Expr:
        # 2 spins x the two equal terms of step 1; inside the sphere f_k = 1, denominator from step 2
        inside = _inside_sphere(term, f, e - _at_k_plus_q(e), d)
        return 2 * 2 * sp.Integral(k_F**3 * t**2 * inside, (phi, 0, 2 * sp.pi)) / (2 * sp.pi) ** 3

    integrand = chain.step(
        "factor 2 from step 1, measure d^3k/(2pi)^3 = k_F^3 t^2 dt dmu dphi/(2pi)^3, "
        "phi-integral; f_k restricts 0 < t < 1",
        azimuthal, first, occ, eps, d_eps, rhs=lambda s: sp.factor(s.doit()), name="angular integrand",
    )

    # (4)-(6) principal-value integral over mu
    kernel = chain.step(
        "antiderivative of 1/(t mu + x) in mu, with ln|.| (valid on both sides of the pole)",
        lambda i: sp.Derivative(_log_antiderivative(_mu_dependence(i)), mu), integrand,
        rhs=1 / (t * mu + x), name="1/(tμ + x)",
    )

    def excision(pole: sp.Expr) -> sp.Limit:
        G, mu0 = _log_antiderivative(pole), sp.solve(1 / pole, mu)[0]
        return sp.Limit(G.subs(mu, mu0 - delta) - G.subs(mu, mu0 + delta), delta, 0, "+")

    chain.step(
        "principal value: the symmetric excision about the pole mu0 = -x/t "
        "(inside [-1, 1] when t > x) contributes nothing",
        excision, kernel, rhs=lambda s: s.doit(),
    )
    L_t = sp.log(sp.Abs((t + x) / (t - x)))
    pv = chain.step(
        "PV int_{-1}^{1} dmu/(t mu + x) = [ln|t mu + x|/t]_{-1}^{1}",
        lambda pole: sp.Subs(_log_antiderivative(pole), mu, 1) - sp.Subs(_log_antiderivative(pole), mu, -1),
        kernel, rhs=L_t / t, name="PV",
    )

    # (7)-(10) radial integral int_0^1 t ln|(t+x)/(t-x)| dt via an antiderivative
    radial = chain[pv] * t**2  # t ln|(t + x)/(t - x)|

    def antiderivative_check(angular: sp.Expr) -> sp.Derivative:
        return sp.Derivative(_radial_antiderivative(t**2 * angular), t)

    radial_ref = chain.step(
        "SymPy's antiderivative A(t) (ln -> ln|.|) differentiates back to the radial "
        "integrand for 0 < x < 1, on both sides of t = x",
        antiderivative_check, pv, rhs=radial, name="radial integrand",
        sample={x: (0.05, 0.95), t: (0.01, 1.0)}, numeric=ABS_LOGS,
    )
    chain.step(
        "... and for x > 1 (no singular point in 0 < t < 1)",
        antiderivative_check, pv, rhs=radial,
        sample={x: (1.05, 5.0), t: (0.01, 1.0)}, numeric=ABS_LOGS,
    )
    chain.step(
        "A(t) is continuous at the logarithmic singularity t = x (two-sided limit), "
        "so int_0^1 = A(1) - A(0+) holds across it",
        lambda r: sp.Limit(_radial_antiderivative(r), t, x, "+-"), radial_ref, rhs=lambda s: s.doit(),
    )
    chain.step("lower end of the radial integral",
               lambda r: sp.Limit(_radial_antiderivative(r), t, 0, "+"), radial_ref, rhs=lambda s: s.doit())

    # (11) assemble, and write chi0 = -g(E_F) F(x)
    def assemble(i: sp.Expr, pole: sp.Expr, r: sp.Expr) -> sp.Expr:
        A = _radial_antiderivative(r)
        prefactor = sp.factor(i / (t**2 * pole))  # integrand = prefactor t^2/(t mu + x)
        return prefactor * (sp.Subs(A, t, 1) - sp.Limit(A, t, 0, "+"))

    g = chain[dos]
    chi = chain.step(
        "chi0 = prefactor * [A(1) - A(0+)], divided by g(E_F) = m k_F/(pi^2 hbar^2)",
        assemble, integrand, kernel, radial_ref,
        rhs=lambda s: -g * _lindhard_F(sp.expand(s.doit() / -g)), name="χ0(q)",
    )
    chain.step(
        "F is continuous at x = 1 (q = 2 k_F): F(1) = 1/2",
        lambda c, gg: sp.Limit(c / -gg, x, 1, "+-"), chi, dos, rhs=lambda s: s.doit(),
    )

    F_book = sp.Rational(1, 2) + (1 - x**2) / (4 * x) * sp.log(sp.Abs((1 + x) / (1 - x)))
    return Derivation(
        name="lindhard_static",
        title="Static Lindhard function of the 3D electron gas",
        source=cite(ASHCROFT_MERMIN.at("ch. 17 (Lindhard theory)"), GIULIANI_VIGNALE.at("ch. 4"),
                    f"used in {SEED_002_SCREENING} (static screening)"),
        symbols=[CHI0, HBAR, M_ELECTRON, K_F, X, T_RAD, MU, PHI, DELTA, *K_VEC, *Q_VEC],
        assumptions=[
            Assumption("free electrons, parabolic band eps_k = hbar^2 k^2/(2m), both spins"),
            Assumption("T = 0: f_k = Theta(k_F - |k|)"),
            Assumption("thermodynamic limit: (1/V) sum_k -> int d^3k/(2 pi)^3"),
            Assumption("static (omega = 0), all q > 0 (x is a positive symbol); x = 1 is a removable point"),
        ],
        model=chain.model,
        steps=chain.steps,
        statement=sp.Eq(chi_0, chain[chi], evaluate=False),
        textbook=sp.Eq(chi_0, -(m * k_F / (sp.pi**2 * hbar**2)) * F_book, evaluate=False),
        sample={t: (0.01, 1.0), mu: (-1.0, 1.0), phi: (0.0, 6.28), x: (0.05, 5.0)},
    )


# ------------------------------------------------------- thomas_fermi_limit
def _fermi_radius(f: sp.Expr) -> sp.Expr:
    """The edge of the filled sphere f = Theta(k_F - k): the root in k of its argument."""
    return sp.solve(f.args[0], k)[0]


def _energy_at_kF(e: sp.Expr) -> sp.Expr:
    """The band at the Fermi wavevector, E_F = eps(k_F)."""
    return e.subs(k, k_F)


def _kF_of_energy(e: sp.Expr) -> sp.Expr:
    """E_F = eps(k_F) solved for the positive k_F (SymPy solve)."""
    return next(r for r in sp.solve(sp.Eq(E_Fermi, _energy_at_kF(e)), k_F) if r.is_positive)


@register
def thomas_fermi_limit() -> Derivation:
    """Thomas-Fermi limit of the static Lindhard screening.

    Model: the static Lindhard function chi0(q) = -g(E_F) F(q/2k_F) of
    ``lindhard_static`` and the RPA dielectric function
    eps(q) = 1 - v(q) chi0(q), v(q) = e^2/(eps0 q^2) (SI). The density of
    states is derived independently from state counting over the filled
    sphere f_k = Theta(k_F - k) of the band eps_k = hbar^2 k^2/(2m),
    n = k_F^3/(3 pi^2) (two spins), g(E_F) = dn/dE_F, and shown to equal
    -chi0(q -> 0). The model objects are chi0, v(q), eps_k and f_k.

    Returns
    -------
    Derivation
        ``epsilon = 1 + k_TF^2/q^2`` with k_TF^2 = e^2 g(E_F)/eps0
        = 3 n e^2/(2 eps0 E_F) and g(E_F) = m k_F/(pi^2 hbar^2)
        (per volume, both spins).

    Notes
    -----
    Validity: static, long wavelength q << 2 k_F. The full static RPA eps(q)
    differs from 1 + k_TF^2/q^2 by -k_TF^2/(12 k_F^2) + O(q^2) as q -> 0
    (checked as an asymptotic step), i.e. by a relative O((q/k_F)^2).

    References
    ----------
    Seed 002, 'Fröhlich Coupling and the Role of Screening'
    (eps(q, 0) = 1 + kappa_TF^2/q^2); Ashcroft & Mermin ch. 17.
    """
    chain = Chain()
    chi = chain.result_of("lindhard_static", "static Lindhard function chi0(q) = -g(E_F) F(x)",
                          name="χ0(q)")
    v = chain.declare("v(q)", coulomb(q), "bare Coulomb interaction e²/(ε0 q²), SI")
    eps = chain.declare("ε_k", hbar**2 * k**2 / (2 * m), "free-electron band, k = |k|")
    occ = chain.declare("f_k", sp.Heaviside(k_F - k), "T = 0 occupation: the filled Fermi sphere k < k_F")

    def long_wavelength(c: sp.Expr) -> sp.Limit:
        return sp.Limit(c, x, 0, "+")

    chain.step("long-wavelength limit of the Lindhard function, F(0+) = 1", long_wavelength, chi,
               rhs=lambda s: s.doit(), name="χ0(0+)")
    density = chain.step(
        "count states: 2 spins x Fermi-sphere volume / (2 pi)^3",
        lambda f: 2 * sp.Integral(4 * sp.pi * k**2, (k, 0, _fermi_radius(f))) / (2 * sp.pi) ** 3, occ,
        rhs=lambda s: s.doit(), name="n(k_F)",
    )
    chain.step(
        "invert E_F = hbar^2 k_F^2/(2m) for the positive k_F (SymPy solve)",
        lambda e_k: sp.Subs(_energy_at_kF(e_k), k_F, _kF_of_energy(e_k)), eps, rhs=E_Fermi,
    )

    def dn_dE(n_kF: sp.Expr, e_k: sp.Expr) -> sp.Subs:
        n_of_E = n_kF.subs(k_F, _kF_of_energy(e_k))
        return sp.Subs(sp.Derivative(n_of_E, E_Fermi), E_Fermi, _energy_at_kF(e_k))

    dos = chain.step("g(E_F) = dn/dE_F, both spins, per volume", dn_dE, density, eps,
                     rhs=lambda s: sp.simplify(s.doit()), name="g(E_F)")
    chain.step("hence chi0(q -> 0) = -g(E_F)",
               lambda c, n_kF, e_k: long_wavelength(c) + dn_dE(n_kF, e_k), chi, density, eps,
               rhs=sp.Integer(0))

    tf = chain.step("RPA eps = 1 - v(q) chi0 with v(q) = e^2/(eps0 q^2), chi0 -> -g",
                    lambda c, vq: 1 - vq * long_wavelength(c), chi, v,
                    rhs=lambda s: sp.expand(s.doit()), name="ε_TF(q)")
    chain.step(
        "the full static RPA eps(q) approaches the Thomas-Fermi form up to O(1) as q -> 0",
        lambda c, vq: 1 - vq * sp.Subs(c, x, q / (2 * k_F)), chi, v,
        rhs=chain[tf], order=(sp.Integer(1), q, 0),
    )
    chain.step(
        "k_TF^2 = e^2 g(E_F)/eps0 = 3 n e^2/(2 eps0 E_F) for the free electron gas",
        lambda n_kF, e_k: sp.Subs(3 * n * e**2 / (2 * eps0 * E_Fermi), (n, E_Fermi),
                                  (n_kF, _energy_at_kF(e_k))),
        density, eps, rhs=sp.simplify(e**2 * chain[dos] / eps0),
    )

    kTF2_book = e**2 * g_fermi() / eps0
    return Derivation(
        name="thomas_fermi_limit",
        title="Thomas-Fermi screening from the Lindhard function",
        source=cite(f"{SEED_002_SCREENING}, eps(q,0) = 1 + kappa_TF^2/q^2", ASHCROFT_MERMIN.at("ch. 17")),
        symbols=[EPSILON, E_CHARGE, EPS0, HBAR, M_ELECTRON, K_F, Q, X, K_RAD, E_F, N_DENSITY],
        assumptions=[
            Assumption("static Lindhard response of the 3D electron gas, T = 0 (lindhard_static)"),
            Assumption("RPA: eps(q) = 1 - v(q) chi0(q), v(q) = e^2/(eps0 q^2) (SI)"),
            Assumption("long wavelength q << 2 k_F", sp.Lt(q, 2 * k_F)),
            Assumption("g(E_F) per volume, both spins (docs/architecture.md, Conventions)"),
        ],
        model=chain.model,
        steps=chain.steps,
        statement=sp.Eq(epsilon, chain[tf], evaluate=False),
        textbook=sp.Eq(epsilon, 1 + kTF2_book / q**2, evaluate=False),
    )


# ----------------------------------------------- lindhard_small_q_expansion
def _omega_p2() -> sp.Expr:
    """Plasma frequency squared, SI: n e^2/(eps0 m)."""
    return n * e**2 / (eps0 * m)


@register
def lindhard_small_q_expansion() -> Derivation:
    """Long-wavelength, high-frequency expansion of the RPA dielectric function.

    Model: free electrons at T = 0 (band eps_k, occupation f_k), retarded Lindhard function

        chi0(q, w) = (2/V) sum_k (f_k - f_{k+q})/(hbar w + eps_k - eps_{k+q} + i0),

    and eps(q, w) = 1 - v(q) chi0(q, w), v(q) = e^2/(eps0 q^2). The model
    objects are eps_k, f_k and v(q).

    Returns
    -------
    Derivation
        ``epsilon = 1 - w_p^2/w^2 - (3/5) w_p^2 v_F^2 q^2/w^4`` (+ O(q^4)) with
        w_p^2 = n e^2/(eps0 m) in SI units; the seed prints the Gaussian
        w_p^2 = 4 pi n e^2/m.

    Notes
    -----
    Route: k -> -k - q puts both terms on the Fermi sphere,
    chi0 = n < 1/(hbar w - D) - 1/(hbar w + D) > with D = eps_{k+q} - eps_k
    = hbar q u mu + hbar^2 q^2/(2m) (u = hbar k/m); expand in q at fixed w
    (i.e. in v_F q/w) through q^5, then average over the filled sphere
    |u| < v_F: odd powers of mu drop out and <u^2 mu^2> = v_F^2/5 gives 3/5.

    Validity: w >> v_F q, and w above the particle-hole continuum,
    w > v_F q + hbar q^2/(2m), so that chi0 is real (no Landau damping).

    References
    ----------
    Seed 002, 'Fröhlich Coupling and the Role of Screening' (dynamical
    dielectric function); Giuliani & Vignale ch. 4.
    """
    chain = Chain()
    eps, occ = fermi_sea(chain)
    v = chain.declare("v(q)", coulomb(q), "bare Coulomb interaction e²/(ε0 q²), SI")

    second = chain.step(
        "k -> -k-q: the f_{k+q} term becomes -f_k/(hbar w + eps_{k+q} - eps_k)",
        lambda e_k, f: k_to_minus_k_minus_q(-_at_k_plus_q(f) / (hbar * omega + e_k - _at_k_plus_q(e_k))),
        eps, occ,
        rhs=-chain[occ] / (hbar * omega + _at_k_plus_q(chain[eps]) - chain[eps]), name="f_{k+q} term",
    )
    old, new = spherical(m * u / hbar, q)
    D = chain.step(
        "eps_{k+q} - eps_k in spherical coordinates about q, electron velocity u = hbar k/m",
        lambda e_k: sp.Subs(_at_k_plus_q(e_k) - e_k, old, new), eps,
        rhs=lambda s: sp.expand(sp.simplify(s.doit())), name="D",
    )

    def both_terms(term: sp.Expr, f: sp.Expr, e_k: sp.Expr, d: sp.Expr) -> sp.Expr:
        # inside the sphere (f_k = 1): the f_k term 1/(hbar w - D) and the mapped term of step 1
        plus_q = _at_k_plus_q(e_k)
        first = _inside_sphere(f / (hbar * omega + e_k - plus_q), f, e_k - plus_q, -d)
        return first + _inside_sphere(term, f, plus_q - e_k, d)

    h = chain.step(
        "expand for w >> v_F q: series in q at fixed w (powers of v_F q/w)",
        both_terms, second, occ, eps, D,
        rhs=lambda s: sp.expand(sp.series(s, q, 0, 6).removeO()), name="h_k", order=(q**6, q, 0),
    )

    sphere = ((phi, 0, 2 * sp.pi), (mu, -1, 1), (u, 0, v_F))
    chi = chain.step(
        "chi0 = (2/V) sum_k f_k h_k = n <h> over the filled Fermi sphere |u| < v_F "
        "(odd powers of mu average out; <u^2 mu^2> = v_F^2/5)",
        lambda hs: n * sp.Integral(u**2 * hs, *sphere) / sp.Integral(u**2, *sphere), h,
        rhs=lambda s: sp.expand(s.doit()), name="χ0(q, ω)",
    )
    rpa = chain.step("RPA: eps = 1 - v(q) chi0, v(q) = e^2/(eps0 q^2)", lambda vq, c: 1 - vq * c, v, chi,
                     rhs=sp.expand, name="ε(q, ω)")

    wp2 = _omega_p2()
    textbook = 1 - wp2 / omega**2 - sp.Rational(3, 5) * wp2 * v_F**2 * q**2 / omega**4
    return Derivation(
        name="lindhard_small_q_expansion",
        title="Dynamic Lindhard dielectric function for omega >> v_F q",
        source=cite(
            f"{SEED_002_SCREENING} (dynamical dielectric function; the seed prints Gaussian "
            "omega_p^2 = 4 pi n e^2/m, stated here in SI as n e^2/(eps0 m))",
            GIULIANI_VIGNALE.at("ch. 4"),
        ),
        symbols=[
            EPSILON,
            E_CHARGE,
            EPS0,
            HBAR,
            M_ELECTRON,
            N_DENSITY,
            V_F,
            K_F,
            Q,
            OMEGA,
            U,
            MU,
            PHI,
            *K_VEC,
            *Q_VEC,
        ],
        assumptions=[
            Assumption(
                "free electrons, eps_k = hbar^2 k^2/(2m), T = 0, filled Fermi sphere "
                "|u| < v_F, n = (2/V) sum_k f_k"
            ),
            Assumption(
                "RPA: eps(q, w) = 1 - v(q) chi0(q, w), v(q) = e^2/(eps0 q^2) (SI units; "
                "omega_p^2 = n e^2/(eps0 m), Gaussian 4 pi n e^2/m)"
            ),
            Assumption("long wavelength, high frequency: w >> v_F q", sp.Gt(omega, v_F * q)),
            Assumption(
                "no Landau damping: w above the particle-hole continuum, chi0 real",
                sp.Gt(omega, v_F * q + hbar * q**2 / (2 * m)),
            ),
        ],
        model=chain.model,
        steps=chain.steps,
        statement=sp.Eq(epsilon, chain[rpa], evaluate=False),
        textbook=sp.Eq(epsilon, textbook, evaluate=False),
        sample={mu: (-1.0, 1.0), phi: (0.0, 6.28)},
    )


# ------------------------------------------------------- plasmon_dispersion
@register
def plasmon_dispersion() -> Derivation:
    """Plasmon dispersion of the 3D electron gas to order q^2.

    Model: the long-wavelength RPA dielectric function of
    ``lindhard_small_q_expansion``,
    eps(q, w) = 1 - w_p^2/w^2 - (3/5) w_p^2 v_F^2 q^2/w^4, the plasma frequency
    w_p^2 = n e^2/(eps0 m), and the plasmon as its zero, eps(q, w_pl(q)) = 0.

    Returns
    -------
    Derivation
        ``omega_pl = sqrt(w_p^2 + (3/5) v_F^2 q^2)``, i.e.
        w_pl^2 = w_p^2 + (3/5) v_F^2 q^2 + O(q^4), with w_p^2 = n e^2/(eps0 m)
        (SI).

    Notes
    -----
    Route: with w^2 = w_p^2 + Delta, w^4 eps is a quadratic in Delta; one
    Newton step from Delta = 0 gives Delta = (3/5) v_F^2 q^2, and the exact
    root of the quadratic agrees with it to O(q^4) (asymptotic steps for
    w_pl^2 and w_pl).

    Validity: q -> 0 (v_F q << w_p); the O(q^4) term is not fixed by the
    truncated eps. The plasmon is undamped while
    w_pl > v_F q + hbar q^2/(2m).

    References
    ----------
    Seed 002, 'Fröhlich Coupling and the Role of Screening' (plasmon
    dispersion from the q^2 term); Giuliani & Vignale ch. 4.
    """
    chain = Chain()
    eps_qw = chain.result_of("lindhard_small_q_expansion",
                             "long-wavelength RPA dielectric function eps(q, w)", name="ε(q, ω)")
    plasma = chain.declare("ω_p²", _omega_p2(), "plasma frequency squared n e²/(ε0 m), SI")

    P = chain.step(
        "w^4 eps(q, w) with w^2 = w_p^2 + Delta: a quadratic in Delta",
        lambda eq, w2: sp.Subs(omega**4 * eq, omega, sp.sqrt(w2 + Delta)), eps_qw, plasma,
        rhs=lambda s: sp.expand(sp.simplify(s.doit())), name="P(Δ)",
    )
    exact = chain.solve(
        "the root of the quadratic that vanishes as q -> 0 (SymPy solve)",
        Delta, lambda p: sp.Eq(p, 0), P,
        rhs=lambda eq: next(r for r in sp.solve(eq.lhs, Delta) if sp.limit(r, q, 0) == 0), name="Δ",
    )
    pl = chain.step(
        "first order in q^2: one Newton step from Delta = 0",
        lambda p, w2: sp.sqrt(w2 - sp.Subs(p, Delta, 0) / sp.Subs(sp.Derivative(p, Delta), Delta, 0)),
        P, plasma, rhs=lambda s: sp.sqrt(sp.expand(s.doit() ** 2)), name="ω_pl",
    )
    result = chain[pl]
    chain.step(
        "the exact zero of eps: omega^2 = omega_p^2 + (3/5) v_F^2 q^2 + O(q^4)",
        lambda w2, d: w2 + d, plasma, exact, rhs=result**2, order=(q**4, q, 0),
    )
    chain.step(
        "... and so omega_pl itself agrees with the first-order form up to O(q^4)",
        lambda w2, d: sp.sqrt(w2 + d), plasma, exact, rhs=result, order=(q**4, q, 0),
    )

    wp2 = _omega_p2()
    textbook = sp.sqrt(wp2 + sp.Rational(3, 5) * v_F**2 * q**2)
    return Derivation(
        name="plasmon_dispersion",
        title="Plasmon dispersion omega_p^2 + (3/5) v_F^2 q^2",
        source=cite(f"{SEED_002_SCREENING} (zero of the dynamical dielectric function; SI units)",
                    GIULIANI_VIGNALE.at("ch. 4")),
        symbols=[OMEGA_PL, OMEGA, DW2, E_CHARGE, EPS0, M_ELECTRON, N_DENSITY, V_F, Q],
        assumptions=[
            Assumption("eps(q, w) of lindhard_small_q_expansion (RPA, T = 0, w >> v_F q)"),
            Assumption("plasmon: longitudinal collective mode, eps(q, w_pl) = 0"),
            Assumption(
                "long wavelength v_F q << w_p (w_p^2 = n e^2/(eps0 m), SI)",
                sp.Lt(v_F * q, sp.sqrt(wp2)),
            ),
        ],
        model=chain.model,
        steps=chain.steps,
        statement=sp.Eq(omega_pl, result, evaluate=False),
        textbook=sp.Eq(omega_pl, textbook, evaluate=False),
    )
