"""Derivations: the dynamic (retarded) Lindhard response of the free electron gas.

chi0(q, omega) = -g(E_F) [f_re(x, nu) + i f_im(x, nu)], x = q/(2 k_F),
nu = omega/(q v_F), of the jellium model of :mod:`derive.screening` (same band,
occupation, Coulomb interaction and g(E_F)), at ``T = 0``:

``lindhard_dynamic_real``
    the real part f_re, whose static limit is F(x) of ``lindhard_static`` and whose
    nu -> oo tail is the small-q dielectric function of ``lindhard_small_q_expansion``.
``lindhard_dynamic_imag``
    the imaginary part f_im: the particle-hole continuum, with the f-sum rule.

Conventions as in :mod:`derive.screening` (docs/architecture.md, Conventions).
"""

from __future__ import annotations

import sympy as sp

from .constants import E_CHARGE, EPS0, HBAR, K_F, M_ELECTRON, N_DENSITY, OMEGA, V_F, Q, quantity
from .derivation import ABS_LOGS, Assumption, Derivation, Step
from .registry import get, register
from .screening import (
    DELTA,
    K_VEC,
    MU,
    PHI,
    Q_VEC,
    T_RAD,
    X,
    band,
    coulomb,
    g_fermi,
    k_to_minus_k_minus_q,
    occupation,
    spherical,
)
from .sources import FETTER_WALECKA, GIULIANI_VIGNALE, SEED_002_SCREENING, cite
from .units import DIMENSIONLESS, JOULE

__all__ = ["NU", "REGIONS", "lindhard_dynamic_imag", "lindhard_dynamic_real"]

hbar, m, k_F, v_F, n = HBAR.symbol, M_ELECTRON.symbol, K_F.symbol, V_F.symbol, N_DENSITY.symbol
q, omega = Q.symbol, OMEGA.symbol
x, t, mu, phi, delta = X.symbol, T_RAD.symbol, MU.symbol, PHI.symbol, DELTA.symbol
kvec = sp.Matrix([s.symbol for s in K_VEC])
qvec = sp.Matrix([s.symbol for s in Q_VEC])

# ------------------------------------------------------------------ symbols
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
        k_to_minus_k_minus_q(-occupation(kq) / (hbar * omega + band(kvec) - band(kq) + sp.I * eta)),
        -occupation(kvec) / (hbar * omega + band(kq) - band(kvec) + sp.I * eta),
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
    old, new = spherical(k_F * t, 2 * k_F * x)
    C = 2 * hbar**2 * k_F**2 * x / m
    steps, reduced = [], []
    for sign, text in ((1, "hbar w - D"), (-1, "hbar w + D")):
        den = sp.Subs(hbar * omega + sign * (band(kvec) - band(kq)), (*old, omega), (*new, _omega_of_nu()))
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
        numeric=ABS_LOGS,
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
        numeric=ABS_LOGS,
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
        numeric=ABS_LOGS,
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
    eps_from_tail = 1 - coulomb(q) * (-g) * sp.Subs(
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
        numeric="SymPy does not compare Piecewise functions whose regions are written differently",
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
