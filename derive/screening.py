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
``lindhard_dynamic_real``, ``lindhard_dynamic_imag``
    chi0(q, omega) = -g(E_F) [f_re(x, nu) + i f_im(x, nu)], nu = omega/(q v_F): the full
    retarded Lindhard function: real part, and imaginary part (particle-hole continuum).

Conventions (DESIGN.md section 3): SI units, g(E_F) per volume and for both
spins, Lindhard variable x = q/(2 k_F), eps(q, omega) = 1 - v(q) chi0(q, omega)
with v(q) = e^2/(eps0 q^2), chi0 the (retarded) density response
chi0(q, omega) = (2/V) sum_k (f_k - f_{k+q})/(hbar omega + eps_k - eps_{k+q} + i0),
which is negative in the static limit.
"""

from __future__ import annotations

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
from .derivation import Assumption, Derivation, Step
from .registry import get, register
from .sources import ASHCROFT_MERMIN, FETTER_WALECKA, GIULIANI_VIGNALE, SEED_002_SCREENING, cite
from .units import DIMENSIONLESS, JOULE, METRE, SECOND

__all__ = [
    "lindhard_dynamic_imag",
    "lindhard_dynamic_real",
    "lindhard_small_q_expansion",
    "lindhard_static",
    "plasmon_dispersion",
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
def _band(kv: sp.Matrix) -> sp.Expr:
    """Free-electron band eps_k = hbar^2 k.k/(2m)."""
    return hbar**2 * kv.dot(kv) / (2 * m)


def _occupation(kv: sp.Matrix) -> sp.Expr:
    """T = 0 Fermi function f_k = Theta(k_F - |k|)."""
    return sp.Heaviside(k_F - sp.sqrt(kv.dot(kv)))


def _k_to_minus_k_minus_q(expr: sp.Expr) -> sp.Subs:
    """The relabelling k -> -k - q of a summation variable, unevaluated."""
    return sp.Subs(expr, tuple(kvec), tuple(-kvec - qvec))


def _spherical(kmag: sp.Expr, qmag: sp.Expr) -> tuple[tuple, tuple]:
    """Substitution to spherical coordinates about q (q along z)."""
    s = sp.sqrt(1 - mu**2)
    old = (*kvec, *qvec)
    new = (kmag * s * sp.cos(phi), kmag * s * sp.sin(phi), kmag * mu, 0, 0, qmag)
    return old, new


def _coulomb(qq: sp.Expr) -> sp.Expr:
    """Bare Coulomb interaction v(q) = e^2/(eps0 q^2) (SI)."""
    return e**2 / (eps0 * qq**2)


def g_fermi() -> sp.Expr:
    """Free-electron density of states at E_F, per volume, both spins."""
    return m * k_F / (sp.pi**2 * hbar**2)


# ---------------------------------------------------------- lindhard_static
@register
def lindhard_static() -> Derivation:
    """Static Lindhard function of the 3D free electron gas at T = 0.

    Model: free electrons, eps_k = hbar^2 k^2/(2m), filled Fermi sphere
    f_k = Theta(k_F - |k|), static density response

        chi0(q) = (2/V) sum_k (f_k - f_{k+q})/(eps_k - eps_{k+q})

    in the thermodynamic limit (1/V) sum_k -> int d^3k/(2 pi)^3.

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
    principal value (antiderivative ln|t mu + x|/t checked by
    differentiation, symmetric excision checked by a limit); the radial
    integral uses SymPy's antiderivative A(t) (with ln|.|), checked by
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
    kq = kvec + qvec

    # (1) the second occupation term onto the first
    second = -_occupation(kq) / (_band(kvec) - _band(kq))
    mapped = _k_to_minus_k_minus_q(second)
    first = _occupation(kvec) / (_band(kvec) - _band(kq))
    s1 = Step(
        mapped,
        first,
        "k -> -k-q relabels the sum: the f_{k+q} term equals the f_k term (eps_{-k} = eps_k)",
    )

    # (2) spherical coordinates about q, k = k_F t, q = 2 k_F x
    old, new = _spherical(k_F * t, 2 * k_F * x)
    d_eps = sp.Subs(_band(kvec) - _band(kq), old, new)
    d_eps_val = sp.factor(sp.simplify(d_eps.doit()))
    s2 = Step(
        d_eps,
        d_eps_val,
        "eps_k - eps_{k+q}, q = 2 k_F x along z, k = k_F t (sin th cos phi, sin th sin phi, mu)",
    )

    # (3) chi0 = 4 int d^3k/(2pi)^3 f_k/(eps_k - eps_{k+q}); d^3k = k_F^3 t^2 dt dmu dphi
    azimuth = 4 * sp.Integral(k_F**3 * t**2 / d_eps_val, (phi, 0, 2 * sp.pi)) / (2 * sp.pi) ** 3
    integrand = sp.factor(azimuth.doit())
    s3 = Step(
        azimuth,
        integrand,
        "factor 2 from step 1, measure d^3k/(2pi)^3 = k_F^3 t^2 dt dmu dphi/(2pi)^3, "
        "phi-integral; f_k restricts 0 < t < 1",
    )
    prefactor = sp.factor(integrand * (t * mu + x) / t**2)  # integrand = pref t^2/(t mu + x)

    # (4)-(6) principal-value integral over mu
    G = sp.log(sp.Abs(t * mu + x)) / t
    s4 = Step(
        sp.Derivative(G, mu),
        1 / (t * mu + x),
        "antiderivative of 1/(t mu + x) in mu, with ln|.| (valid on both sides of the pole)",
    )
    mu0 = -x / t
    excision = sp.Limit(G.subs(mu, mu0 - delta) - G.subs(mu, mu0 + delta), delta, 0, "+")
    s5 = Step(
        excision,
        excision.doit(),
        "principal value: the symmetric excision about the pole mu0 = -x/t "
        "(inside [-1, 1] when t > x) contributes nothing",
    )
    pv = sp.Subs(G, mu, 1) - sp.Subs(G, mu, -1)
    L_t = sp.log(sp.Abs((t + x) / (t - x)))
    pv_val = L_t / t
    s6 = Step(pv, pv_val, "PV int_{-1}^{1} dmu/(t mu + x) = [ln|t mu + x|/t]_{-1}^{1}")

    # (7)-(10) radial integral int_0^1 t ln|(t+x)/(t-x)| dt via an antiderivative
    radial = t**2 * pv_val  # t ln|(t + x)/(t - x)|
    # SymPy's antiderivative on 0 < t < x (real logarithms), then ln -> ln|.| for all t
    A_raw = sp.integrate(t * (sp.log(t + x) - sp.log(x - t)), t)
    A = A_raw.replace(sp.log, lambda arg: sp.log(sp.Abs(arg)))
    s7 = Step(
        sp.Derivative(A, t),
        radial,
        "SymPy's antiderivative A(t) (ln -> ln|.|) differentiates back to the radial "
        "integrand for 0 < x < 1, on both sides of t = x",
        sample={x: (0.05, 0.95), t: (0.01, 1.0)},
    )
    s8 = Step(
        sp.Derivative(A, t),
        radial,
        "... and for x > 1 (no singular point in 0 < t < 1)",
        sample={x: (1.05, 5.0), t: (0.01, 1.0)},
    )
    continuity = sp.Limit(A, t, x, "+-")
    s9 = Step(
        continuity,
        continuity.doit(),
        "A(t) is continuous at the logarithmic singularity t = x (two-sided limit), "
        "so int_0^1 = A(1) - A(0+) holds across it",
    )
    at_zero = sp.Limit(A, t, 0, "+")
    s10 = Step(at_zero, at_zero.doit(), "lower end of the radial integral")

    # (11) assemble, and write chi0 = -g(E_F) F(x)
    g = g_fermi()
    assembled = prefactor * (sp.Subs(A, t, 1) - at_zero)
    raw = sp.expand(assembled.doit() / -g)
    # collect the two logarithms into ln|(1+x)/(1-x)|: ln(1+x) = L + ln|x-1|
    L_sym = sp.Dummy("L")
    F_x = sp.collect(
        sp.expand(raw.subs(sp.log(x + 1), L_sym + sp.log(sp.Abs(x - 1)))), L_sym, sp.cancel
    ).subs(L_sym, sp.log(sp.Abs((1 + x) / (1 - x))))
    result = -g * F_x
    s11 = Step(
        assembled,
        result,
        "chi0 = prefactor * [A(1) - A(0+)], divided by g(E_F) = m k_F/(pi^2 hbar^2)",
    )
    s12 = Step(
        sp.Limit(F_x, x, 1, "+-"),
        sp.Limit(F_x, x, 1, "+-").doit(),
        "F is continuous at x = 1 (q = 2 k_F): F(1) = 1/2",
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
            Assumption("static (omega = 0), all q > 0; x = 1 is a removable point", sp.Gt(x, 0)),
        ],
        steps=[s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12],
        statement=sp.Eq(chi_0, result, evaluate=False),
        textbook=sp.Eq(chi_0, -(m * k_F / (sp.pi**2 * hbar**2)) * F_book, evaluate=False),
        sample={t: (0.01, 1.0), mu: (-1.0, 1.0), phi: (0.0, 6.28), x: (0.05, 5.0)},
    )


# ------------------------------------------------------- thomas_fermi_limit
@register
def thomas_fermi_limit() -> Derivation:
    """Thomas-Fermi limit of the static Lindhard screening.

    Model: the static Lindhard function chi0(q) = -g(E_F) F(q/2k_F) of
    ``lindhard_static`` and the RPA dielectric function
    eps(q) = 1 - v(q) chi0(q), v(q) = e^2/(eps0 q^2) (SI). The density of
    states is derived independently from state counting, n = k_F^3/(3 pi^2)
    (two spins), g(E_F) = dn/dE_F, and shown to equal -chi0(q -> 0).

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

    chi_static = get("lindhard_static").statement.rhs
    g = g_fermi()

    lim = sp.Limit(chi_static, x, 0, "+")
    s1 = Step(lim, lim.doit(), "long-wavelength limit of the Lindhard function, F(0+) = 1")

    count = 2 * sp.Integral(4 * sp.pi * k**2, (k, 0, k_F)) / (2 * sp.pi) ** 3
    n_of_kF = count.doit()
    s2 = Step(count, n_of_kF, "count states: 2 spins x Fermi-sphere volume / (2 pi)^3")

    E_of_kF = hbar**2 * k_F**2 / (2 * m)
    kF_of_E = next(r for r in sp.solve(sp.Eq(E_Fermi, E_of_kF), k_F) if r.is_positive)
    s3 = Step(
        sp.Subs(E_of_kF, k_F, kF_of_E),
        E_Fermi,
        "invert E_F = hbar^2 k_F^2/(2m) for the positive k_F (SymPy solve)",
    )
    n_of_E = n_of_kF.subs(k_F, kF_of_E)
    dos = sp.Subs(sp.Derivative(n_of_E, E_Fermi), E_Fermi, E_of_kF)
    g_val = sp.simplify(dos.doit())
    s4 = Step(dos, g_val, "g(E_F) = dn/dE_F, both spins, per volume")
    s5 = Step(lim + dos, sp.Integer(0), "hence chi0(q -> 0) = -g(E_F)")

    eps_tf = 1 - _coulomb(q) * lim
    tf_result = sp.expand(eps_tf.doit())
    s6 = Step(eps_tf, tf_result, "RPA eps = 1 - v(q) chi0 with v(q) = e^2/(eps0 q^2), chi0 -> -g")
    eps_rpa = 1 - _coulomb(q) * sp.Subs(chi_static, x, q / (2 * k_F))
    s7 = Step(
        eps_rpa,
        tf_result,
        "the full static RPA eps(q) approaches the Thomas-Fermi form up to O(1) as q -> 0",
        order=(sp.Integer(1), q, 0),
    )
    kTF2 = sp.Subs(3 * n * e**2 / (2 * eps0 * E_Fermi), (n, E_Fermi), (n_of_kF, E_of_kF))
    s8 = Step(
        kTF2,
        sp.simplify(e**2 * g_val / eps0),
        "k_TF^2 = e^2 g(E_F)/eps0 = 3 n e^2/(2 eps0 E_F) for the free electron gas",
    )

    kTF2_book = e**2 * g / eps0
    return Derivation(
        name="thomas_fermi_limit",
        title="Thomas-Fermi screening from the Lindhard function",
        source=cite(f"{SEED_002_SCREENING}, eps(q,0) = 1 + kappa_TF^2/q^2", ASHCROFT_MERMIN.at("ch. 17")),
        symbols=[EPSILON, E_CHARGE, EPS0, HBAR, M_ELECTRON, K_F, Q, X, K_RAD, E_F, N_DENSITY],
        assumptions=[
            Assumption("static Lindhard response of the 3D electron gas, T = 0 (lindhard_static)"),
            Assumption("RPA: eps(q) = 1 - v(q) chi0(q), v(q) = e^2/(eps0 q^2) (SI)"),
            Assumption("long wavelength q << 2 k_F", sp.Lt(q, 2 * k_F)),
            Assumption("g(E_F) per volume, both spins (DESIGN.md section 3)"),
        ],
        steps=[s1, s2, s3, s4, s5, s6, s7, s8],
        statement=sp.Eq(epsilon, tf_result, evaluate=False),
        textbook=sp.Eq(epsilon, 1 + kTF2_book / q**2, evaluate=False),
    )


# ----------------------------------------------- lindhard_small_q_expansion
def _omega_p2() -> sp.Expr:
    """Plasma frequency squared, SI: n e^2/(eps0 m)."""
    return n * e**2 / (eps0 * m)


@register
def lindhard_small_q_expansion() -> Derivation:
    """Long-wavelength, high-frequency expansion of the RPA dielectric function.

    Model: free electrons at T = 0, retarded Lindhard function

        chi0(q, w) = (2/V) sum_k (f_k - f_{k+q})/(hbar w + eps_k - eps_{k+q} + i0),

    and eps(q, w) = 1 - v(q) chi0(q, w), v(q) = e^2/(eps0 q^2).

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
    kq = kvec + qvec
    s1 = Step(
        _k_to_minus_k_minus_q(-_occupation(kq) / (hbar * omega + _band(kvec) - _band(kq))),
        -_occupation(kvec) / (hbar * omega + _band(kq) - _band(kvec)),
        "k -> -k-q: the f_{k+q} term becomes -f_k/(hbar w + eps_{k+q} - eps_k)",
    )
    old, new = _spherical(m * u / hbar, q)
    d_eps = sp.Subs(_band(kq) - _band(kvec), old, new)
    D = sp.expand(sp.simplify(d_eps.doit()))
    s2 = Step(
        d_eps,
        D,
        "eps_{k+q} - eps_k in spherical coordinates about q, electron velocity u = hbar k/m",
    )

    h = 1 / (hbar * omega - D) - 1 / (hbar * omega + D)
    h_series = sp.expand(sp.series(h, q, 0, 6).removeO())
    s3 = Step(
        h,
        h_series,
        "expand for w >> v_F q: series in q at fixed w (powers of v_F q/w)",
        order=(q**6, q, 0),
    )

    sphere = ((phi, 0, 2 * sp.pi), (mu, -1, 1), (u, 0, v_F))
    average = n * sp.Integral(u**2 * h_series, *sphere) / sp.Integral(u**2, *sphere)
    chi_dyn = sp.expand(average.doit())
    s4 = Step(
        average,
        chi_dyn,
        "chi0 = (2/V) sum_k f_k h_k = n <h> over the filled Fermi sphere |u| < v_F "
        "(odd powers of mu average out; <u^2 mu^2> = v_F^2/5)",
    )

    eps_rpa = 1 - _coulomb(q) * chi_dyn
    result = sp.expand(eps_rpa)
    s5 = Step(eps_rpa, result, "RPA: eps = 1 - v(q) chi0, v(q) = e^2/(eps0 q^2)")

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
        steps=[s1, s2, s3, s4, s5],
        statement=sp.Eq(epsilon, result, evaluate=False),
        textbook=sp.Eq(epsilon, textbook, evaluate=False),
        sample={mu: (-1.0, 1.0), phi: (0.0, 6.28)},
    )


# ------------------------------------------------------- plasmon_dispersion
@register
def plasmon_dispersion() -> Derivation:
    """Plasmon dispersion of the 3D electron gas to order q^2.

    Model: the long-wavelength RPA dielectric function of
    ``lindhard_small_q_expansion``,
    eps(q, w) = 1 - w_p^2/w^2 - (3/5) w_p^2 v_F^2 q^2/w^4, and the plasmon as
    its zero, eps(q, w_pl(q)) = 0.

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

    eps_qw = get("lindhard_small_q_expansion").statement.rhs
    wp2 = _omega_p2()

    quartic = sp.Subs(omega**4 * eps_qw, omega, sp.sqrt(wp2 + Delta))
    P = sp.expand(sp.simplify(quartic.doit()))
    s1 = Step(quartic, P, "w^4 eps(q, w) with w^2 = w_p^2 + Delta: a quadratic in Delta")

    exact = next(r for r in sp.solve(P, Delta) if sp.limit(r, q, 0) == 0)
    s2 = Step(
        Delta,
        exact,
        "the root of the quadratic that vanishes as q -> 0 (SymPy solve)",
        solves=sp.Eq(P, 0),
    )

    newton = sp.sqrt(wp2 - sp.Subs(P, Delta, 0) / sp.Subs(sp.Derivative(P, Delta), Delta, 0))
    result = sp.sqrt(sp.expand(newton.doit() ** 2))
    s3 = Step(newton, result, "first order in q^2: one Newton step from Delta = 0")
    s4 = Step(
        wp2 + exact,
        result**2,
        "the exact zero of eps: omega^2 = omega_p^2 + (3/5) v_F^2 q^2 + O(q^4)",
        order=(q**4, q, 0),
    )
    s5 = Step(
        sp.sqrt(wp2 + exact),
        result,
        "... and so omega_pl itself agrees with the first-order form up to O(q^4)",
        order=(q**4, q, 0),
    )

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
        steps=[s1, s2, s3, s4, s5],
        statement=sp.Eq(omega_pl, result, evaluate=False),
        textbook=sp.Eq(omega_pl, textbook, evaluate=False),
    )


# ---------------------------------------------------------- lindhard_dynamic
# chi0(q, w) = -g(E_F) [f_re(x, nu) + i f_im(x, nu)], x = q/(2 k_F), nu = w/(q v_F).
F_RE = quantity("f_re", DIMENSIONLESS, "Re f = -Re chi0(q, omega)/g(E_F)", real=True)
F_IM = quantity("f_im", DIMENSIONLESS, "Im f = -Im chi0(q, omega)/g(E_F)", real=True)
NU = quantity("nu", DIMENSIONLESS, "reduced frequency omega/(q v_F)")
SHIFT = quantity("a", DIMENSIONLESS, "shifted reduced frequency, nu - x or -(nu + x)", real=True)
THRESHOLD = quantity("c", DIMENSIONLESS, "threshold |nu - x| or nu + x of the radial integral")
ETA = quantity("eta", JOULE, "retarded broadening i0+ of the energy denominators")
W_DEN = quantity("w", JOULE, "real energy denominator", real=True)

f_re, f_im, nu, a, c = F_RE.symbol, F_IM.symbol, NU.symbol, SHIFT.symbol, THRESHOLD.symbol
eta, w = ETA.symbol, W_DEN.symbol

#: Sampling boxes inside the regions of the (x, nu) plane (x, nu > 0). The particle-hole
#: continuum |x - nu| < 1 consists of x + nu < 1 ("inside": both radial thresholds |nu - x|
#: and nu + x inside the Fermi sphere) and x + nu > 1 ("partial": only |nu - x| inside);
#: outside it ("below": x - nu > 1, "above": nu - x > 1) Im f = 0.
REGIONS = {
    "inside": {x: (0.05, 0.45), nu: (0.05, 0.45)},
    "partial": {x: (0.55, 0.95), nu: (0.55, 0.95)},
    "below": {x: (1.6, 3.0), nu: (0.05, 0.5)},
    "above": {x: (0.05, 0.5), nu: (1.6, 3.0)},
}


def _omega_of_nu() -> sp.Expr:
    """omega = nu q v_F with q = 2 k_F x and v_F = hbar k_F/m."""
    return 2 * hbar * k_F**2 * x * nu / m


def _dynamic_relabel() -> Step:
    """Step: k -> -k-q maps the f_{k+q} term of the retarded sum onto the filled sphere."""
    kq = kvec + qvec
    return Step(
        _k_to_minus_k_minus_q(-_occupation(kq) / (hbar * omega + _band(kvec) - _band(kq) + sp.I * eta)),
        -_occupation(kvec) / (hbar * omega + _band(kq) - _band(kvec) + sp.I * eta),
        "k -> -k-q: the f_{k+q} term becomes -f_k/(hbar w + eps_{k+q} - eps_k + i eta), so "
        "chi0 = (2/V) sum_k f_k [1/(hbar w - D + i eta) - 1/(hbar w + D + i eta)], "
        "D = eps_{k+q} - eps_k",
    )


def _dynamic_denominators() -> tuple[Step, Step, sp.Expr, sp.Expr]:
    """Steps: hbar w -+ D in reduced variables; returns them and the two reduced denominators.

    With q = 2 k_F x along z, k = k_F t and w = nu q v_F:
    hbar w -+ D = C (nu -+ (x + t mu)), C = 2 hbar^2 k_F^2 x/m > 0.
    """
    kq = kvec + qvec
    old, new = _spherical(k_F * t, 2 * k_F * x)
    C = 2 * hbar**2 * k_F**2 * x / m
    steps, reduced = [], []
    for sign, text in ((1, "hbar w - D"), (-1, "hbar w + D")):
        den = sp.Subs(hbar * omega + sign * (_band(kvec) - _band(kq)), (*old, omega), (*new, _omega_of_nu()))
        value = sp.factor(den.doit())
        steps.append(
            Step(
                den,
                value,
                f"{text} with q = 2 k_F x along z, k = k_F t (sin th cos phi, sin th sin phi, mu), "
                "w = nu q v_F, v_F = hbar k_F/m",
            )
        )
        reduced.append(value / C)
    return steps[0], steps[1], sp.expand(reduced[0]), sp.expand(reduced[1])


def _static_F() -> sp.Expr:
    """F(x) = -chi0/g(E_F) of the registered ``lindhard_static`` statement."""

    return sp.expand(get("lindhard_static").statement.rhs / -g_fermi())


def _small_q_epsilon() -> sp.Expr:
    """eps(q, w) of the registered ``lindhard_small_q_expansion`` statement."""

    return get("lindhard_small_q_expansion").statement.rhs


_DYNAMIC_SOURCE = cite(GIULIANI_VIGNALE.at("eqs. 4.22-4.23 and Table 4.1"),
                       FETTER_WALECKA.at("ch. 12 (Lindhard function)"),
                       f"dynamical screening in {SEED_002_SCREENING}")
_DYNAMIC_ASSUMPTIONS = [
    Assumption("free electrons, parabolic band eps_k = hbar^2 k^2/(2m), both spins"),
    Assumption("T = 0: f_k = Theta(k_F - |k|); thermodynamic limit (1/V) sum_k -> int d^3k/(2 pi)^3"),
    Assumption("retarded response: hbar w + i eta, eta -> 0+"),
    Assumption(
        "chi0 = -g(E_F) (f_re + i f_im), g(E_F) = m k_F/(pi^2 hbar^2) (per volume, both spins), "
        "x = q/(2 k_F), nu = w/(q v_F)"
    ),
    Assumption("x > 0, nu > 0 (f_re is even and f_im odd in nu)", sp.And(sp.Gt(x, 0), sp.Gt(nu, 0))),
]


@register
def lindhard_dynamic_real() -> Derivation:
    """Real part of the retarded Lindhard function of the 3D electron gas at T = 0.

    Model: free electrons, eps_k = hbar^2 k^2/(2m), filled Fermi sphere, and
    the retarded density response

        chi0(q, w) = (2/V) sum_k (f_k - f_{k+q})/(hbar w + eps_k - eps_{k+q} + i0),

    written as chi0 = -g(E_F) [f_re(x, nu) + i f_im(x, nu)] with
    g(E_F) = m k_F/(pi^2 hbar^2) (per volume, both spins), x = q/(2 k_F) and
    nu = w/(q v_F). The imaginary part is ``lindhard_dynamic_imag``.

    Returns
    -------
    Derivation
        ``f_re = 1/2 + [(1 - (x - nu)^2) ln|(x - nu + 1)/(x - nu - 1)|
        + (1 - (x + nu)^2) ln|(x + nu + 1)/(x + nu - 1)|]/(8x)``.

    Notes
    -----
    Route: k -> -k - q puts both terms on the Fermi sphere; Re 1/(w + i0) is
    the principal value of 1/w. In spherical coordinates about q the angular
    integrand is 1/(a - t mu) at a = nu - x and at a = -(nu + x); its
    antiderivative -ln|a - t mu|/t is checked by differentiation and the
    symmetric excision about the pole by a limit. The radial integral uses
    SymPy's antiderivative A(t; a) of t ln|(t + a)/(t - a)| (checked by
    differentiation for either sign of a, continuous at t = +-a), so that
    f_re = [L(x - nu) + L(x + nu)]/(4x) with
    L(a) = a + (1 - a^2) ln|(1 + a)/(1 - a)|/2 (odd in a).

    Further steps: nu -> 0 gives F(x) of ``lindhard_static``; for nu -> oo
    at fixed x, f_re = -1/(3 nu^2) - (3/5 + x^2)/(3 nu^4) + O(nu^-6) (the
    x^2 term is the recoil hbar q^2/(2 m w) = x/nu, of higher order in q at
    fixed w), and 1 - v(q) chi0 then reproduces
    ``lindhard_small_q_expansion`` up to O(q^4).

    Validity: T = 0, non-interacting electrons (the RPA input), x > 0,
    nu > 0; f_re is even in nu. f_re is finite everywhere; its slope is
    logarithmically singular on the edges |x -+ nu| = 1 of the particle-hole
    continuum (and at x = 1 in the static limit, the Kohn anomaly).
    Numerics: the closed form cancels in floating point for nu >> 1 (relative
    error of order eps nu^3/x, e.g. 1e-8 at x = 0.01, nu = 50, 1e-4 at
    x = 0.5, nu = 1000); use the nu -> oo series there.

    References
    ----------
    Giuliani & Vignale, Quantum Theory of the Electron Liquid, eqs. 4.22-4.23
    and Table 4.1; Fetter & Walecka ch. 12.
    """
    g = g_fermi()
    s1 = _dynamic_relabel()
    s2 = Step(
        sp.Limit(sp.re(1 / (w + sp.I * eta), evaluate=False), eta, 0, "+"),
        1 / w,
        "Sokhotski-Plemelj, real part: Re 1/(w + i eta) = w/(w^2 + eta^2) -> 1/w for w != 0, "
        "i.e. the principal value (excision below)",
    )
    s3, s4, den_minus, den_plus = _dynamic_denominators()

    # (5) measure, azimuth and -1/g(E_F): f_re = int_0^1 dt PV int_{-1}^{1} dmu K(t, mu)
    C = 2 * hbar**2 * k_F**2 * x / m
    h_sph = 1 / (C * den_minus) - 1 / (C * den_plus)
    measure = 2 * sp.Integral(k_F**3 * t**2 * h_sph, (phi, 0, 2 * sp.pi)) / (2 * sp.pi) ** 3 / (-g)
    kernel = -(t**2) / (4 * x) * (1 / (nu - x - t * mu) - 1 / (nu + x + t * mu))
    s5 = Step(
        measure,
        kernel,
        "2 spins, d^3k/(2pi)^3 = k_F^3 t^2 dt dmu dphi/(2pi)^3, phi-integral, divided by "
        "-g(E_F); f_k restricts 0 < t < 1",
    )

    # (6)-(8) principal-value integral over mu
    G_a = -sp.log(sp.Abs(a - t * mu)) / t
    s6 = Step(
        sp.Derivative(G_a, mu),
        1 / (a - t * mu),
        "antiderivative of 1/(a - t mu) in mu, with ln|.| (valid on both sides of the pole); "
        "the mu-integrand is 1/(a - t mu) at a = nu - x plus at a = -(nu + x)",
    )
    excision = sp.Limit(G_a.subs(mu, a / t - delta) - G_a.subs(mu, a / t + delta), delta, 0, "+")
    s7 = Step(
        excision,
        excision.doit(),
        "principal value: the symmetric excision about the pole mu = a/t (inside [-1, 1] "
        "when t > |a|) contributes nothing",
    )
    G = G_a.subs(a, nu - x) + G_a.subs(a, -(nu + x))
    pv = sp.Subs(G, mu, 1) - sp.Subs(G, mu, -1)
    pv_val = (
        sp.log(sp.Abs(t + nu - x))
        - sp.log(sp.Abs(t - nu + x))
        - sp.log(t + nu + x)
        + sp.log(sp.Abs(t - nu - x))
    ) / t
    s8 = Step(
        pv,
        pv_val,
        "PV int_{-1}^{1} dmu [...] = [G]_{-1}^{1} = (ln|(t + nu - x)/(t - nu + x)| "
        "- ln|(t + nu + x)/(t - nu - x)|)/t",
    )

    # (9)-(12) radial integral: SymPy's antiderivative A(t; a) of t ln|(t + a)/(t - a)|
    s_pos = sp.Dummy("s", positive=True)
    A_raw = sp.integrate(t * (sp.log(t + s_pos) - sp.log(s_pos - t)), t)  # real logs for 0 < t < s
    A = A_raw.subs(s_pos, a).replace(sp.log, lambda arg: sp.log(sp.Abs(arg)))
    s9 = Step(
        sp.Derivative(A, t),
        t * (sp.log(sp.Abs(t + a)) - sp.log(sp.Abs(t - a))),
        "SymPy's antiderivative A(t; a) (ln -> ln|.|) differentiates back to t ln|(t + a)/(t - a)| "
        "for either sign of a, on both sides of t = |a|",
        sample={a: (-3.0, 3.0), t: (0.01, 1.0)},
    )
    s10 = Step(
        sp.Limit(A, t, a, "+-"),
        sp.Limit(A, t, a, "+-").doit(),
        "A(t; a) is continuous at its logarithmic singularity t = a (two-sided limit) ...",
    )
    s11 = Step(
        sp.Limit(A, t, -a, "+-"),
        sp.Limit(A, t, -a, "+-").doit(),
        "... and at t = -a, so int_0^1 = A(1) - A(0) holds across t = |a|",
    )
    at_zero = sp.Subs(A, t, 0)
    s12 = Step(at_zero, at_zero.doit(), "lower end: A(0; a) = 0 (A is smooth at t = 0 for a != 0)")

    # (13)-(15) L(a) = A(1; a) - A(0; a), its parity, and the result
    L_sym = sp.Dummy("L")
    lam_raw = sp.expand(A.subs(t, 1) - at_zero.doit())
    collected = sp.collect(
        sp.expand(lam_raw.subs(sp.log(sp.Abs(a + 1)), L_sym + sp.log(sp.Abs(a - 1)))),
        L_sym,
        evaluate=False,
    )
    lam = collected[sp.S.One] + sp.expand(2 * collected[L_sym]) * sp.log(sp.Abs((1 + a) / (1 - a))) / 2
    s13 = Step(
        sp.Subs(A, t, 1) - at_zero,
        lam,
        "L(a) = int_0^1 t ln|(t + a)/(t - a)| dt = A(1; a) - A(0; a)",
    )
    s14 = Step(lam.subs(a, -a), -lam, "L is odd: L(-a) = -L(a)")
    B = A.subs(a, nu - x) - A.subs(a, nu + x)  # the radial antiderivative of t^2 * pv_val
    assembled = -(sp.Subs(B, t, 1) - sp.Subs(B, t, 0)) / (4 * x)
    result = sp.expand((lam.subs(a, x - nu) + lam.subs(a, x + nu)) / (4 * x), deep=False)
    s15 = Step(
        assembled,
        result,
        "f_re = -[B(1) - B(0)]/(4x), B = A(t; nu - x) - A(t; nu + x): "
        "= -[L(nu - x) - L(nu + x)]/(4x) = [L(x - nu) + L(x + nu)]/(4x)",
    )

    # (16)-(17) static limit nu -> 0: F(x) of lindhard_static
    split = sp.Rational(1, 2) + sum(
        (1 - (x + s * nu) ** 2)
        / (8 * x)
        * (sp.log(sp.Abs(x + s * nu + 1)) - sp.log(sp.Abs(x - 1)) - sp.log(sp.Abs(1 + s * nu / (x - 1))))
        for s in (-1, 1)
    )
    s16 = Step(
        result,
        split,
        "write |x -+ nu - 1| = |x - 1| |1 -+ nu/(x - 1)| (x != 1) to take nu -> 0",
        sample={x: (0.05, 3.0), nu: (0.01, 3.0)},
    )
    s17 = Step(
        sp.Limit(split, nu, 0, "+"),
        _static_F(),
        "static limit w -> 0: f_re -> F(x) = -chi0(q, 0)/g(E_F) of lindhard_static",
    )

    # (18)-(19) nu -> oo at fixed x, and consistency with lindhard_small_q_expansion
    tail = sp.expand(sp.simplify(sp.series(result, nu, sp.oo, 6).removeO()))
    s18 = Step(
        result,
        tail,
        "w >> v_F q at fixed x (SymPy series in 1/nu): f_re = -[1 + (3/5 + x^2)/nu^2]/(3 nu^2)",
        order=(nu**-6, nu, sp.oo),
    )
    eps_from_tail = 1 - _coulomb(q) * (-g) * sp.Subs(
        tail, (x, nu), (q / (2 * k_F), m * omega / (hbar * k_F * q))
    )
    s19 = Step(
        eps_from_tail,
        sp.Subs(_small_q_epsilon(), (n, v_F), (k_F**3 / (3 * sp.pi**2), hbar * k_F / m)),
        "RPA eps = 1 - v(q) chi0 from this tail is lindhard_small_q_expansion "
        "(n = k_F^3/(3 pi^2), v_F = hbar k_F/m) up to O(q^4) at fixed w",
        order=(q**4, q, 0),
    )

    textbook = sp.Rational(1, 2) + (
        (1 - (x - nu) ** 2) * sp.log(sp.Abs((x - nu + 1) / (x - nu - 1)))
        + (1 - (x + nu) ** 2) * sp.log(sp.Abs((x + nu + 1) / (x + nu - 1)))
    ) / (8 * x)
    return Derivation(
        name="lindhard_dynamic_real",
        title="Dynamic Lindhard function of the 3D electron gas: real part",
        source=_DYNAMIC_SOURCE,
        symbols=[
            *(F_RE, NU, X, T_RAD, MU, PHI, DELTA, SHIFT, ETA, W_DEN),
            *(HBAR, M_ELECTRON, K_F, OMEGA, Q, E_CHARGE, EPS0, N_DENSITY, V_F),
            *K_VEC,
            *Q_VEC,
        ],
        assumptions=_DYNAMIC_ASSUMPTIONS,
        steps=[s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14, s15, s16, s17, s18, s19],
        statement=sp.Eq(f_re, result, evaluate=False),
        textbook=sp.Eq(f_re, textbook, evaluate=False),
        sample={t: (0.01, 1.0), mu: (-1.0, 1.0), phi: (0.0, 6.28), x: (0.05, 3.0), nu: (0.05, 3.0)},
    )


@register
def lindhard_dynamic_imag() -> Derivation:
    """Imaginary part of the retarded Lindhard function of the 3D electron gas at T = 0.

    Model: as ``lindhard_dynamic_real``: free electrons at T = 0 and

        chi0(q, w) = (2/V) sum_k (f_k - f_{k+q})/(hbar w + eps_k - eps_{k+q} + i0)
                   = -g(E_F) [f_re(x, nu) + i f_im(x, nu)],

    g(E_F) = m k_F/(pi^2 hbar^2), x = q/(2 k_F), nu = w/(q v_F) > 0.

    Returns
    -------
    Derivation
        ``f_im = pi nu/2`` for x + nu < 1,
        ``pi (1 - (x - nu)^2)/(8x)`` for |x - nu| < 1 < x + nu, and ``0``
        for |x - nu| > 1 (outside the particle-hole continuum). Hence
        Im chi0 = -g(E_F) f_im < 0 for w > 0 (absorption).

    Notes
    -----
    Route: k -> -k - q puts both terms on the Fermi sphere; Sokhotski-Plemelj
    Im 1/(w + i eta) = -eta/(w^2 + eta^2) -> -pi delta(w) (a Lorentzian of
    weight pi that vanishes pointwise). In reduced variables
    hbar w -+ D = C (nu -+ (x + t mu)), C = 2 hbar^2 k_F^2 x/m; SymPy integrates
    the delta functions over mu, which gives
    [Theta(t - |nu - x|) - Theta(t - nu - x)]/(C t). The radial integral uses
    the antiderivative H(t; c) = (max(t, c)^2 - c^2)/2 of t Theta(t - c)
    (checked by differentiation; H(1; c) = (1 - c^2) Theta(1 - c)/2), so
    f_im = pi [(1 - (x - nu)^2) Theta(1 - |x - nu|) - (1 - (x + nu)^2) Theta(1 - x - nu)]/(8x),
    which is evaluated region by region. Further steps: f_im is continuous
    at the continuum edges nu = 1 - x and nu = x +- 1, and obeys the f-sum
    rule int_0^oo nu f_im dnu = pi/6 for every x, i.e.
    int_0^oo w Im chi0(q, w) dw = -pi n q^2/(2m) with n = k_F^3/(3 pi^2).

    Validity: T = 0, non-interacting electrons, x > 0, nu > 0; f_im is odd in
    nu. Sign convention: retarded (+i0), Im chi0 <= 0 for w > 0.

    References
    ----------
    Giuliani & Vignale, Quantum Theory of the Electron Liquid, eqs. 4.22-4.23
    and Table 4.1; Fetter & Walecka ch. 12.
    """
    g = g_fermi()
    s1 = _dynamic_relabel()
    s2 = Step(
        sp.im(1 / (w + sp.I * eta), evaluate=False),
        -eta / (w**2 + eta**2),
        "Sokhotski-Plemelj, imaginary part at finite eta",
    )
    lorentz = sp.Integral(eta / (w**2 + eta**2), (w, -sp.oo, sp.oo))
    s3 = Step(lorentz, lorentz.doit(), "the Lorentzian has weight pi for every eta > 0 ...")
    pointwise = sp.Limit(eta / (w**2 + eta**2), eta, 0, "+")
    s4 = Step(
        pointwise,
        pointwise.doit(),
        "... and vanishes for w != 0 as eta -> 0+: Im 1/(w + i0) = -pi delta(w)",
    )
    s5, s6, den_minus, den_plus = _dynamic_denominators()

    # (7)-(8) the delta functions integrated over mu by SymPy; measure, azimuth, -1/g(E_F)
    C = 2 * hbar**2 * k_F**2 * x / m
    deltas = sp.Integral(
        sp.DiracDelta(sp.expand(C * den_minus)) - sp.DiracDelta(sp.expand(C * den_plus)), (mu, -1, 1)
    )
    mu_integral = deltas.doit()
    s7 = Step(
        deltas,
        mu_integral,
        "Im h = -pi [delta(hbar w - D) - delta(hbar w + D)]; SymPy integrates over mu "
        "(weight 1/(C t) at the roots mu = (nu - x)/t and mu = -(nu + x)/t)",
    )
    measure = (
        2 * sp.Integral(k_F**3 * t**2 * (-sp.pi) * mu_integral, (phi, 0, 2 * sp.pi)) / (2 * sp.pi) ** 3 / (-g)
    )
    radial = sp.pi / (4 * x) * t * (sp.Heaviside(t - sp.Abs(nu - x)) - sp.Heaviside(t - nu - x))
    s8 = Step(
        measure,
        radial,
        "2 spins, d^3k/(2pi)^3 = k_F^3 t^2 dt dmu dphi/(2pi)^3, phi-integral, divided by -g(E_F); "
        "the roots lie in [-1, 1] for t > |nu - x| and t > nu + x; f_k restricts 0 < t < 1",
        sample={t: (0.01, 1.0), x: (0.05, 2.0), nu: (0.05, 2.0)},
    )

    # (9)-(12) radial integral with the antiderivative H(t; c) of t Theta(t - c)
    H = (sp.Max(t, c) ** 2 - c**2) / 2
    s9 = Step(
        sp.Derivative(H, t),
        t * sp.Heaviside(t - c),
        "H(t; c) = (max(t, c)^2 - c^2)/2 is continuous and differentiates to t Theta(t - c)",
        sample={t: (0.01, 1.0), c: (0.01, 1.5)},
    )
    s10 = Step(sp.Subs(H, t, 0), sp.Integer(0), "lower end: H(0; c) = 0 for c > 0")
    H1 = (1 - c**2) * sp.Heaviside(1 - c) / 2
    s11 = Step(
        sp.Subs(H, t, 1),
        H1,
        "upper end: H(1; c) = (1 - c^2) Theta(1 - c)/2 (no weight once the threshold exceeds k_F)",
        sample={c: (0.01, 3.0)},
    )
    assembled = sp.pi / (4 * x) * (sp.Subs(H1, c, sp.Abs(nu - x)) - sp.Subs(H1, c, nu + x))
    general = sp.pi / (8 * x) * (
        (1 - (x - nu) ** 2) * sp.Heaviside(1 - sp.Abs(x - nu))
        - (1 - (x + nu) ** 2) * sp.Heaviside(1 - x - nu)
    )
    s12 = Step(
        assembled,
        general,
        "f_im = (pi/(4x)) [H(1; |nu - x|) - H(0; |nu - x|) - H(1; nu + x) + H(0; nu + x)]",
    )

    # (13)-(17) region by region, then collected
    branch = {}
    region_steps = []
    for region, cond_text in (
        ("inside", "x + nu < 1: both thresholds inside the Fermi sphere"),
        ("partial", "|x - nu| < 1 < x + nu: only the threshold |x - nu| inside"),
        ("below", "x - nu > 1: below the continuum, no pair has energy hbar w"),
        ("above", "nu - x > 1: above the continuum"),
    ):
        box = REGIONS[region]
        mid = {s: sp.Rational(sum(box[s]), 2) for s in box}  # decides each Theta in this region
        resolved = general.replace(
            sp.Heaviside, lambda arg, *_, mid=mid: sp.Integer(1 if arg.subs(mid) > 0 else 0)
        )
        value = min(sp.factor_terms(resolved), sp.simplify(resolved), key=sp.count_ops)
        branch[region] = value
        region_steps.append(Step(general, value, f"region {cond_text}", sample=box))
    s13, s14, s15, s16 = region_steps
    if not (branch["below"] == 0 and branch["above"] == 0):
        raise ArithmeticError(f"f_im outside the continuum is not zero: {branch}")
    result = sp.Piecewise(
        (branch["inside"], x + nu < 1),
        (branch["partial"], sp.Abs(x - nu) < 1),
        (0, True),
    )
    s17 = Step(
        general,
        result,
        "collect the regions (x, nu > 0: x + nu < 1 implies |x - nu| < 1)",
        sample={x: (0.05, 3.0), nu: (0.05, 3.0)},
    )

    # (18)-(20) continuity at the continuum edges; (21)-(22) the f-sum rule
    s18 = Step(
        sp.Subs(branch["inside"] - branch["partial"], nu, 1 - x),
        sp.Integer(0),
        "continuous at the edge nu = 1 - x (x < 1)",
    )
    s19 = Step(
        sp.Subs(branch["partial"], nu, x + 1),
        sp.Integer(0),
        "continuous at the upper edge nu = x + 1: f_im -> 0",
    )
    s20 = Step(
        sp.Subs(branch["partial"], nu, x - 1),
        sp.Integer(0),
        "continuous at the lower edge nu = x - 1 (x > 1): f_im -> 0",
    )
    fsum_lt = sp.Integral(nu * branch["inside"], (nu, 0, 1 - x)) + sp.Integral(
        nu * branch["partial"], (nu, 1 - x, 1 + x)
    )
    s21 = Step(
        fsum_lt,
        fsum_lt.doit().simplify(),
        "f-sum rule, x < 1: int_0^oo nu f_im dnu = pi/6 (independent of x)",
    )
    fsum_gt = sp.Integral(nu * branch["partial"], (nu, x - 1, x + 1))
    s22 = Step(
        fsum_gt,
        fsum_gt.doit().simplify(),
        "f-sum rule, x > 1: the same pi/6; with Im chi0 = -g f_im and w = nu q v_F this is "
        "int_0^oo w Im chi0 dw = -pi n q^2/(2m)",
    )

    textbook = sp.Piecewise(
        (sp.pi * nu / 2, x + nu < 1),
        (sp.pi / (8 * x) * (1 - (x - nu) ** 2), sp.Abs(x - nu) < 1),
        (0, True),
    )
    return Derivation(
        name="lindhard_dynamic_imag",
        title="Dynamic Lindhard function of the 3D electron gas: imaginary part",
        source=_DYNAMIC_SOURCE,
        symbols=[
            *(F_IM, NU, X, T_RAD, MU, PHI, THRESHOLD, ETA, W_DEN),
            *(HBAR, M_ELECTRON, K_F, OMEGA),
            *K_VEC,
            *Q_VEC,
        ],
        assumptions=[
            *_DYNAMIC_ASSUMPTIONS,
            Assumption(
                "Sokhotski-Plemelj: 1/(w + i0) = P(1/w) - i pi delta(w); Im chi0 <= 0 for w > 0"
            ),
        ],
        steps=[
            *(s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11),
            *(s12, s13, s14, s15, s16, s17, s18, s19, s20, s21, s22),
        ],
        statement=sp.Eq(f_im, result, evaluate=False),
        textbook=sp.Eq(f_im, textbook, evaluate=False),
        sample={t: (0.01, 1.0), mu: (-1.0, 1.0), phi: (0.0, 6.28), x: (0.05, 3.0), nu: (0.05, 3.0)},
    )
