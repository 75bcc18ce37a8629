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

from functools import lru_cache

import sympy as sp

from .constants import E_CHARGE, EPS0, HBAR, K_F, M_ELECTRON, N_DENSITY, OMEGA, V_F, Q, quantity
from .derivation import ABS_LOGS, Assumption, Chain, Derivation, Ref
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
    fermi_sea,
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


#: C = 2 hbar^2 k_F^2 x/m > 0: hbar w -+ D = C (nu -+ (x + t mu)) in reduced variables.
_C = 2 * hbar**2 * k_F**2 * x / m


def _shift_k(expr: sp.Expr) -> sp.Expr:
    """``expr`` at k + q instead of k (eps_{k+q}, f_{k+q} from eps_k, f_k)."""
    return expr.xreplace(dict(zip(kvec, kvec + qvec, strict=True)))


def _declare_model(chain: Chain) -> tuple[Ref, Ref, Ref, Ref]:
    """The model objects both parts start from: band, occupation, retarded denominator, g(E_F)."""
    eps, occ = fermi_sea(chain)
    retarded = chain.declare(
        "1/(w + iη)", 1 / (w + sp.I * eta),
        "retarded energy denominator, η -> 0+, of the Lindhard sum "
        "χ0 = (2/V) Σ_k (f_k − f_{k+q})/(ħω + ε_k − ε_{k+q} + iη)")
    g = chain.declare("g(E_F)", g_fermi(),
                      "density of states at E_F per volume, both spins: χ0 = −g(E_F) (f_re + i f_im)")
    return eps, occ, retarded, g


def _dynamic_relabel(chain: Chain, eps: Ref, occ: Ref, retarded: Ref) -> Ref:
    """Step: k -> -k-q maps the f_{k+q} term of the retarded sum onto the filled sphere.

    The term -f_{k+q}/(hbar w + eps_k - eps_{k+q} + i eta) is built from the band ``eps``,
    the occupation ``occ`` and the retarded denominator ``retarded``.
    """

    def f_kq_term(e: sp.Expr, f: sp.Expr, r: sp.Expr) -> sp.Expr:
        return k_to_minus_k_minus_q(-_shift_k(f) * r.subs(w, hbar * omega + e - _shift_k(e)))

    kq = kvec + qvec
    return chain.step(
        "k -> -k-q: the f_{k+q} term becomes -f_k/(hbar w + eps_{k+q} - eps_k + i eta), so "
        "chi0 = (2/V) sum_k f_k [1/(hbar w - D + i eta) - 1/(hbar w + D + i eta)], "
        "D = eps_{k+q} - eps_k",
        f_kq_term, eps, occ, retarded,
        rhs=-occupation(kvec) / (hbar * omega + band(kq) - band(kvec) + sp.I * eta),
    )


def _dynamic_denominators(chain: Chain, eps: Ref) -> tuple[Ref, Ref]:
    """Steps: hbar w -+ D in reduced variables, from the band ``eps``; returns their results.

    With q = 2 k_F x along z, k = k_F t and w = nu q v_F:
    hbar w -+ D = C (nu -+ (x + t mu)), C = 2 hbar^2 k_F^2 x/m > 0 (:func:`_reduced`
    divides by C).
    """
    old, new = spherical(k_F * t, 2 * k_F * x)
    refs = []
    for sign, text in ((1, "hbar w - D"), (-1, "hbar w + D")):
        refs.append(chain.step(
            f"{text} with q = 2 k_F x along z, k = k_F t (sin th cos phi, sin th sin phi, mu), "
            "w = nu q v_F, v_F = hbar k_F/m",
            lambda e, sign=sign: sp.Subs(hbar * omega + sign * (e - _shift_k(e)), (*old, omega),
                                         (*new, _omega_of_nu())),
            eps, rhs=lambda den: sp.factor(den.doit()), name=text.replace("hbar w", "ħω"),
        ))
    return refs[0], refs[1]


def _reduced(den: sp.Expr) -> sp.Expr:
    """A denominator hbar w -+ D divided by C: nu -+ (x + t mu)."""
    return sp.expand(den / _C)


def _terms_in_mu(kernel: sp.Expr) -> tuple[sp.Expr, ...]:
    """The mu-dependent terms of the kernel -t^2/(4x) [1/(nu - x - t mu) - 1/(nu + x + t mu)]."""
    return sp.Add.make_args(kernel.as_independent(mu, as_Add=False)[1])


def _log_antiderivative(term: sp.Expr) -> sp.Expr:
    """ln|l|/l' of a term 1/l, l linear in mu: its antiderivative in mu on both sides of the pole."""
    den = 1 / term
    slope = sp.diff(den, mu)
    if slope == 0 or sp.diff(slope, mu) != 0:
        raise ValueError(f"{term} is not 1/(linear in mu)")
    return sp.log(sp.Abs(den)) / slope


def _generic_term(kernel: sp.Expr) -> sp.Expr:
    """The form 1/(a - t mu) shared by the kernel's terms (a = their value at mu = 0)."""
    forms = {1 / (1 / u - (1 / u).subs(mu, 0) + a) for u in _terms_in_mu(kernel)}
    if len(forms) != 1:
        raise ValueError(f"the terms of {kernel} are not all of the form 1/(a - t mu)")
    return forms.pop()


def _radial_integrand(term: sp.Expr) -> sp.Expr:
    """t^2 PV int_{-1}^{1} dmu of ``term`` = 1/(a - t mu): t (ln|t + a| - ln|t - a|), for a real."""
    G = _log_antiderivative(term)
    return t**2 * (G.subs(mu, 1) - G.subs(mu, -1))


#: The positive stand-in for a while SymPy integrates in t (0 < t < a).
_S = sp.Dummy("s", positive=True)


def _radial_antiderivative(integrand: sp.Expr) -> sp.Expr:
    """SymPy's antiderivative A(t; a) of the radial ``integrand`` (in t and a).

    SymPy integrates with real logarithms for 0 < t < a (|u| -> +-u, the sign of u at
    t = a/2); the logarithms of the result are then taken of absolute values.
    """
    inside = integrand.subs(a, _S).replace(sp.Abs, lambda u: u if u.subs(t, _S / 2).is_positive else -u)
    return _integrate_t(sp.factor_terms(sp.expand(inside))).subs(_S, a).replace(
        sp.log, lambda arg: sp.log(sp.Abs(arg)))


@lru_cache(maxsize=8)
def _integrate_t(expr: sp.Expr) -> sp.Expr:
    """SymPy's antiderivative in t; cached, as the chain check re-does the steps' operations on the
    same integrand."""
    return sp.integrate(expr, t)


def _threshold_factor(expr: sp.Expr) -> sp.Expr:
    """The factor p(t) common to the terms c_i p(t) Theta(t - c_i) of ``expr``."""
    factors = set()
    for u in sp.Add.make_args(sp.expand(expr)):
        (h,) = u.atoms(sp.Heaviside)
        factors.add((u / h).as_independent(t, as_Add=False)[1])
    if len(factors) != 1:
        raise ValueError(f"the terms of {expr} are not all of the form p(t) Theta(t - c)")
    return factors.pop()


def _ramp(p: sp.Expr) -> sp.Expr:
    """H(t; c) = int_0^t p(s) Theta(s - c) ds = P(max(t, c)) - P(c) for c > 0, P' = p."""
    P = sp.integrate(p, t)
    return P.subs(t, sp.Max(t, c)) - P.subs(t, c)


def _static_F(g: sp.Expr) -> sp.Expr:
    """F(x) = -chi0/g(E_F) of the registered ``lindhard_static`` statement."""

    return sp.expand(get("lindhard_static").statement.rhs / -g)


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
    Assumption("x > 0, nu > 0, positive symbols (f_re is even and f_im odd in nu)"),
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

    Provenance: the model objects are the band eps_k, the occupation f_k, the
    retarded denominator 1/(w + i eta) (the sum's summand is built from the three),
    g(E_F) and v(q). The principal-value kernel 1/w (step 2) and the reduced
    denominators (steps 3-4) give the kernel K(t, mu) (step 5); the antiderivative in
    mu is ln|l|/l' of its terms 1/l, and A(t; a) is SymPy's antiderivative of the
    radial integrand t^2 [G]_{mu=-1}^{1} of the generic term 1/(a - t mu) (step 6).
    The right sides of the static-limit step and of the small-q step are the
    statements of ``lindhard_static`` and ``lindhard_small_q_expansion``.

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
    chain = Chain()
    eps, occ, retarded, g = _declare_model(chain)
    coulomb_v = chain.declare("v(q)", coulomb(q), "bare Coulomb interaction; RPA ε = 1 − v(q) χ0")
    _dynamic_relabel(chain, eps, occ, retarded)
    principal = chain.step(
        "Sokhotski-Plemelj, real part: Re 1/(w + i eta) = w/(w^2 + eta^2) -> 1/w for w != 0, "
        "i.e. the principal value (excision below)",
        lambda r: sp.Limit(sp.re(r, evaluate=False), eta, 0, "+"), retarded,
        rhs=1 / w, name="P 1/w",
    )
    minus, plus = _dynamic_denominators(chain, eps)

    # (5) measure, azimuth and -1/g(E_F): f_re = int_0^1 dt PV int_{-1}^{1} dmu K(t, mu)
    def measure(p: sp.Expr, d_minus: sp.Expr, d_plus: sp.Expr, gg: sp.Expr) -> sp.Expr:
        h_sph = p.subs(w, _C * _reduced(d_minus)) - p.subs(w, _C * _reduced(d_plus))
        return 2 * sp.Integral(k_F**3 * t**2 * h_sph, (phi, 0, 2 * sp.pi)) / (2 * sp.pi) ** 3 / (-gg)

    kernel = chain.step(
        "2 spins, d^3k/(2pi)^3 = k_F^3 t^2 dt dmu dphi/(2pi)^3, phi-integral, divided by "
        "-g(E_F); f_k restricts 0 < t < 1",
        measure, principal, minus, plus, g,
        rhs=-(t**2) / (4 * x) * (1 / (nu - x - t * mu) - 1 / (nu + x + t * mu)), name="K(t, μ)",
    )

    # (6)-(8) principal-value integral over mu: the antiderivative ln|l|/l' of each term 1/l
    term = chain.step(
        "antiderivative of 1/(a - t mu) in mu, with ln|.| (valid on both sides of the pole); "
        "the mu-integrand is 1/(a - t mu) at a = nu - x plus at a = -(nu + x)",
        lambda k: sp.Derivative(_log_antiderivative(_generic_term(k)), mu), kernel,
        rhs=1 / (a - t * mu), name="1/(a - tμ)",
    )

    def excision(u: sp.Expr) -> sp.Expr:
        G_a = _log_antiderivative(u)
        return sp.Limit(G_a.subs(mu, a / t - delta) - G_a.subs(mu, a / t + delta), delta, 0, "+")

    chain.step(
        "principal value: the symmetric excision about the pole mu = a/t (inside [-1, 1] "
        "when t > |a|) contributes nothing",
        excision, term, rhs=lambda e: e.doit(),
    )

    def pv(k: sp.Expr) -> sp.Expr:
        G = sp.Add(*(_log_antiderivative(u) for u in _terms_in_mu(k)))
        return sp.Subs(G, mu, 1) - sp.Subs(G, mu, -1)

    chain.step(
        "PV int_{-1}^{1} dmu [...] = [G]_{-1}^{1} = (ln|(t + nu - x)/(t - nu + x)| "
        "- ln|(t + nu + x)/(t - nu - x)|)/t",
        pv, kernel,
        rhs=(
            sp.log(sp.Abs(t + nu - x))
            - sp.log(sp.Abs(t - nu + x))
            - sp.log(t + nu + x)
            + sp.log(sp.Abs(t - nu - x))
        ) / t,
    )

    # (9)-(12) radial integral: SymPy's antiderivative A(t; a) of t ln|(t + a)/(t - a)|
    radial = chain.step(
        "SymPy's antiderivative A(t; a) (ln -> ln|.|) differentiates back to t ln|(t + a)/(t - a)| "
        "for either sign of a, on both sides of t = |a|",
        lambda u: sp.Derivative(_radial_antiderivative(_radial_integrand(u)), t), term,
        rhs=t * (sp.log(sp.Abs(t + a)) - sp.log(sp.Abs(t - a))),
        sample={a: (-3.0, 3.0), t: (0.01, 1.0)},
        numeric=ABS_LOGS,
        name="t ln|(t + a)/(t - a)|",
    )
    A = _radial_antiderivative(chain[radial])
    chain.step(
        "A(t; a) is continuous at its logarithmic singularity t = a (two-sided limit) ...",
        lambda r: sp.Limit(_radial_antiderivative(r), t, a, "+-"), radial, rhs=lambda e: e.doit(),
    )
    chain.step(
        "... and at t = -a, so int_0^1 = A(1) - A(0) holds across t = |a|",
        lambda r: sp.Limit(_radial_antiderivative(r), t, -a, "+-"), radial, rhs=lambda e: e.doit(),
    )
    chain.step(
        "lower end: A(0; a) = 0 (A is smooth at t = 0 for a != 0)",
        lambda r: sp.Subs(_radial_antiderivative(r), t, 0), radial, rhs=lambda e: e.doit(),
    )

    # (13)-(15) L(a) = A(1; a) - A(0; a), its parity, and the result
    L_sym = sp.Dummy("L")
    lam_raw = sp.expand(A.subs(t, 1) - sp.Subs(A, t, 0).doit())
    collected = sp.collect(
        sp.expand(lam_raw.subs(sp.log(sp.Abs(a + 1)), L_sym + sp.log(sp.Abs(a - 1)))),
        L_sym,
        evaluate=False,
    )
    lam = chain.step(
        "L(a) = int_0^1 t ln|(t + a)/(t - a)| dt = A(1; a) - A(0; a)",
        lambda r: sp.Subs(_radial_antiderivative(r), t, 1) - sp.Subs(_radial_antiderivative(r), t, 0),
        radial,
        rhs=collected[sp.S.One] + sp.expand(2 * collected[L_sym]) * sp.log(sp.Abs((1 + a) / (1 - a))) / 2,
        name="L(a)",
    )
    chain.step("L is odd: L(-a) = -L(a)", lambda L: L.subs(a, -a), lam, rhs=-chain[lam])

    def assembled(r: sp.Expr) -> sp.Expr:
        A = _radial_antiderivative(r)
        B = A.subs(a, nu - x) - A.subs(a, nu + x)  # the radial antiderivative of t^2 * PV int dmu
        return -(sp.Subs(B, t, 1) - sp.Subs(B, t, 0)) / (4 * x)

    L = chain[lam]
    result = chain.step(
        "f_re = -[B(1) - B(0)]/(4x), B = A(t; nu - x) - A(t; nu + x): "
        "= -[L(nu - x) - L(nu + x)]/(4x) = [L(x - nu) + L(x + nu)]/(4x)",
        assembled, radial,
        rhs=sp.expand((L.subs(a, x - nu) + L.subs(a, x + nu)) / (4 * x), deep=False),
        numeric=ABS_LOGS,
        name="f_re",
    )

    # (16)-(17) static limit nu -> 0: F(x) of lindhard_static
    split = chain.step(
        "write |x -+ nu - 1| = |x - 1| |1 -+ nu/(x - 1)| (x != 1) to take nu -> 0",
        lambda f: f, result,
        rhs=sp.Rational(1, 2) + sum(
            (1 - (x + s * nu) ** 2)
            / (8 * x)
            * (sp.log(sp.Abs(x + s * nu + 1)) - sp.log(sp.Abs(x - 1)) - sp.log(sp.Abs(1 + s * nu / (x - 1))))
            for s in (-1, 1)
        ),
        sample={x: (0.05, 3.0), nu: (0.01, 3.0)},
        numeric=ABS_LOGS,
    )
    chain.step(
        "static limit w -> 0: f_re -> F(x) = -chi0(q, 0)/g(E_F) of lindhard_static",
        lambda f: sp.Limit(f, nu, 0, "+"), split, rhs=_static_F(chain[g]),
    )

    # (18)-(19) nu -> oo at fixed x, and consistency with lindhard_small_q_expansion
    tail = chain.step(
        "w >> v_F q at fixed x (SymPy series in 1/nu): f_re = -[1 + (3/5 + x^2)/nu^2]/(3 nu^2)",
        lambda f: f, result,
        rhs=lambda f: sp.expand(sp.simplify(sp.series(f, nu, sp.oo, 6).removeO())),
        order=(nu**-6, nu, sp.oo),
    )
    chain.step(
        "RPA eps = 1 - v(q) chi0 from this tail is lindhard_small_q_expansion "
        "(n = k_F^3/(3 pi^2), v_F = hbar k_F/m) up to O(q^4) at fixed w",
        lambda v, gg, f: 1 - v * (-gg) * sp.Subs(f, (x, nu), (q / (2 * k_F), m * omega / (hbar * k_F * q))),
        coulomb_v, g, tail,
        rhs=sp.Subs(_small_q_epsilon(), (n, v_F), (k_F**3 / (3 * sp.pi**2), hbar * k_F / m)),
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
        model=chain.model,
        steps=chain.steps,
        statement=sp.Eq(f_re, chain[result], evaluate=False),
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

    Provenance: the model objects are eps_k, f_k, the retarded denominator
    1/(w + i eta) and g(E_F), as for the real part. The Lorentzian's weight pi
    (step 3) multiplies the delta functions (step 8); H(t; c) is the antiderivative
    P(max(t, c)) - P(c) of the radial integrand's terms p(t) Theta(t - c), p = t; the
    continuity and f-sum steps are taken on the branches of the collected result.

    Validity: T = 0, non-interacting electrons, x > 0, nu > 0; f_im is odd in
    nu. Sign convention: retarded (+i0), Im chi0 <= 0 for w > 0.

    References
    ----------
    Giuliani & Vignale, Quantum Theory of the Electron Liquid, eqs. 4.22-4.23
    and Table 4.1; Fetter & Walecka ch. 12.
    """
    chain = Chain()
    eps, occ, retarded, g = _declare_model(chain)
    _dynamic_relabel(chain, eps, occ, retarded)
    im_part = chain.step(
        "Sokhotski-Plemelj, imaginary part at finite eta",
        lambda r: sp.im(r, evaluate=False), retarded, rhs=-eta / (w**2 + eta**2),
    )
    weight = chain.step(
        "the Lorentzian has weight pi for every eta > 0 ...",
        lambda i: sp.Integral(-i, (w, -sp.oo, sp.oo)), im_part, rhs=lambda e: e.doit(),
    )
    chain.step(
        "... and vanishes for w != 0 as eta -> 0+: Im 1/(w + i0) = -pi delta(w)",
        lambda i: sp.Limit(-i, eta, 0, "+"), im_part, rhs=lambda e: e.doit(),
    )
    minus, plus = _dynamic_denominators(chain, eps)

    # (7)-(8) the delta functions integrated over mu by SymPy; measure, azimuth, -1/g(E_F)
    mu_integral = chain.step(
        "Im h = -pi [delta(hbar w - D) - delta(hbar w + D)]; SymPy integrates over mu "
        "(weight 1/(C t) at the roots mu = (nu - x)/t and mu = -(nu + x)/t)",
        lambda d_minus, d_plus: sp.Integral(
            sp.DiracDelta(sp.expand(_C * _reduced(d_minus)))
            - sp.DiracDelta(sp.expand(_C * _reduced(d_plus))),
            (mu, -1, 1),
        ),
        minus, plus, rhs=lambda e: e.doit(),
    )
    radial = chain.step(
        "2 spins, d^3k/(2pi)^3 = k_F^3 t^2 dt dmu dphi/(2pi)^3, phi-integral, divided by -g(E_F); "
        "the roots lie in [-1, 1] for t > |nu - x| and t > nu + x; f_k restricts 0 < t < 1",
        lambda mi, pi_, gg: (
            2 * sp.Integral(k_F**3 * t**2 * (-pi_) * mi, (phi, 0, 2 * sp.pi)) / (2 * sp.pi) ** 3 / (-gg)
        ),
        mu_integral, weight, g,
        rhs=sp.pi / (4 * x) * t * (sp.Heaviside(t - sp.Abs(nu - x)) - sp.Heaviside(t - nu - x)),
        sample={t: (0.01, 1.0), x: (0.05, 2.0), nu: (0.05, 2.0)},
    )

    # (9)-(12) radial integral with the antiderivative H(t; c) of t Theta(t - c)
    ramp = chain.step(
        "H(t; c) = (max(t, c)^2 - c^2)/2 is continuous and differentiates to t Theta(t - c)",
        lambda r: sp.Derivative(_ramp(_threshold_factor(r)), t), radial,
        rhs=t * sp.Heaviside(t - c),
        sample={t: (0.01, 1.0), c: (0.01, 1.5)},
    )
    chain.step(
        "lower end: H(0; c) = 0 for c > 0",
        lambda r: sp.Subs(_ramp(_threshold_factor(r)), t, 0), ramp, rhs=sp.Integer(0),
    )
    upper = chain.step(
        "upper end: H(1; c) = (1 - c^2) Theta(1 - c)/2 (no weight once the threshold exceeds k_F)",
        lambda r: sp.Subs(_ramp(_threshold_factor(r)), t, 1), ramp,
        rhs=(1 - c**2) * sp.Heaviside(1 - c) / 2,
        sample={c: (0.01, 3.0)},
    )

    def assembled(h1: sp.Expr, r: sp.Expr) -> sp.Expr:
        prefactor, dependent = r.as_independent(t, as_Add=False)
        thresholds = (u.as_coeff_Mul() for u in sp.Add.make_args(dependent / _threshold_factor(r)))
        return prefactor * sp.Add(*(sign * sp.Subs(h1, c, t - h.args[0]) for sign, h in thresholds))

    general = chain.step(
        "f_im = (pi/(4x)) [H(1; |nu - x|) - H(0; |nu - x|) - H(1; nu + x) + H(0; nu + x)]",
        assembled, upper, radial,
        rhs=sp.pi / (8 * x) * (
            (1 - (x - nu) ** 2) * sp.Heaviside(1 - sp.Abs(x - nu))
            - (1 - (x + nu) ** 2) * sp.Heaviside(1 - x - nu)
        ),
        name="f_im(Θ)",
    )

    # (13)-(17) region by region, then collected
    branch = {}
    for region, cond_text in (
        ("inside", "x + nu < 1: both thresholds inside the Fermi sphere"),
        ("partial", "|x - nu| < 1 < x + nu: only the threshold |x - nu| inside"),
        ("below", "x - nu > 1: below the continuum, no pair has energy hbar w"),
        ("above", "nu - x > 1: above the continuum"),
    ):
        box = REGIONS[region]
        mid = {s: sp.Rational(sum(box[s]), 2) for s in box}  # decides each Theta in this region

        def resolved(f: sp.Expr, mid: dict = mid) -> sp.Expr:
            r = f.replace(sp.Heaviside, lambda arg, *_: sp.Integer(1 if arg.subs(mid) > 0 else 0))
            return min(sp.factor_terms(r), sp.simplify(r), key=sp.count_ops)

        branch[region] = chain[chain.step(f"region {cond_text}", lambda f: f, general, rhs=resolved,
                                          sample=box)]
    if not (branch["below"] == 0 and branch["above"] == 0):
        raise ArithmeticError(f"f_im outside the continuum is not zero: {branch}")
    result = chain.step(
        "collect the regions (x, nu > 0: x + nu < 1 implies |x - nu| < 1)",
        lambda f: f, general,
        rhs=sp.Piecewise(
            (branch["inside"], x + nu < 1),
            (branch["partial"], sp.Abs(x - nu) < 1),
            (0, True),
        ),
        sample={x: (0.05, 3.0), nu: (0.05, 3.0)},
        numeric="SymPy does not compare Piecewise functions whose regions are written differently",
        name="f_im",
    )

    # (18)-(20) continuity at the continuum edges; (21)-(22) the f-sum rule, all on the
    # collected result: its branches inside (x + nu < 1) and partial (|x - nu| < 1 < x + nu)
    def inside(f: sp.Piecewise) -> sp.Expr:
        return f.args[0][0]

    def partial(f: sp.Piecewise) -> sp.Expr:
        return f.args[1][0]

    chain.step(
        "continuous at the edge nu = 1 - x (x < 1)",
        lambda f: sp.Subs(inside(f) - partial(f), nu, 1 - x), result, rhs=sp.Integer(0),
    )
    chain.step(
        "continuous at the upper edge nu = x + 1: f_im -> 0",
        lambda f: sp.Subs(partial(f), nu, x + 1), result, rhs=sp.Integer(0),
    )
    chain.step(
        "continuous at the lower edge nu = x - 1 (x > 1): f_im -> 0",
        lambda f: sp.Subs(partial(f), nu, x - 1), result, rhs=sp.Integer(0),
    )
    chain.step(
        "f-sum rule, x < 1: int_0^oo nu f_im dnu = pi/6 (independent of x)",
        lambda f: sp.Integral(nu * inside(f), (nu, 0, 1 - x))
        + sp.Integral(nu * partial(f), (nu, 1 - x, 1 + x)),
        result, rhs=lambda e: e.doit().simplify(),
    )
    chain.step(
        "f-sum rule, x > 1: the same pi/6; with Im chi0 = -g f_im and w = nu q v_F this is "
        "int_0^oo w Im chi0 dw = -pi n q^2/(2m)",
        lambda f: sp.Integral(nu * partial(f), (nu, x - 1, x + 1)), result, rhs=lambda e: e.doit().simplify(),
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
        model=chain.model,
        steps=chain.steps,
        statement=sp.Eq(f_im, chain[result], evaluate=False),
        textbook=sp.Eq(f_im, textbook, evaluate=False),
        sample={t: (0.01, 1.0), mu: (-1.0, 1.0), phi: (0.0, 6.28), x: (0.05, 3.0), nu: (0.05, 3.0)},
    )
