"""Kernel specs for topic ``screening``: the closed forms of :mod:`derive.screening` and
:mod:`derive.lindhard_dynamic` (one generated module, ``numeric/_generated/screening.py``).

``lindhard_static`` (F(x)) and ``lindhard_dynamic_real`` (Re f) are written with the fitted Lam
series and the reduced logarithms designed in :mod:`derive.kernels.lindhard`;
``lindhard_dynamic_imag`` (Im f) with its edge factors rounded once; the Thomas-Fermi, plasma and
small-q kernels are the statements in terms of the electron density.
"""

from __future__ import annotations

import sympy as sp

from ..constants import HBAR, K_F, M_ELECTRON, N_DENSITY, OMEGA, V_F, Q
from ..coupling import K_TF
from ..lindhard_dynamic import NU, REGIONS
from ..registry import get
from ..screening import X, g_fermi
from .design import choose_switch
from .ir import Branch, Kernel, statement_kernel
from .lindhard import LAM_W_MAX, dynamic_real_forms, lam_fit, lindhard_design, static_of_dynamic, two_atanh
from .nodes import Polynomial, RatioArgument, RatioExponent
from .registry import kernel

__all__: list[str] = []

hbar, k_F, m, n, omega, v_F, q = (s.symbol for s in (HBAR, K_F, M_ELECTRON, N_DENSITY, OMEGA, V_F, Q))
x, nu = X.symbol, NU.symbol


def _fermi_wavevector_of_density() -> sp.Expr:
    """k_F(n), inverting the state count n = k_F³/(3π²) derived in ``thomas_fermi_limit``."""
    tf = get("thomas_fermi_limit")
    count = next(s.rhs for s in tf.steps if s.rhs.free_symbols == {k_F})
    return sp.solve(sp.Eq(n, count), k_F)[0]


def _k_tf_squared() -> sp.Expr:
    """k_TF² = lim q² (ε_TF − 1), from the ``thomas_fermi_limit`` statement (in terms of k_F)."""
    return sp.limit(q**2 * (get("thomas_fermi_limit").statement.rhs - 1), q, 0)


@kernel("lindhard_static")
def _lindhard_static_kernel() -> Kernel:
    """F(x) = 1/2 + (1 - x)(1 + x) l(x)/(4x): one reduced l(x) and one fitted Lam for every x.

    l(x) = e ln 2 + 2 sigma [1 + Lam(sigma^2)] with sigma = x below s1 (series of 2 atanh x), 1/x
    above s2 (2 atanh(1/x)) and the reduced ratio (1 + x)/|1 - x| in between, as in the Re f kernel
    (whose statement at nu = 0 is this F). Written out per region: no cancellation anywhere.
    """
    d = get("lindhard_static")
    F = sp.simplify(-d.statement.rhs / g_fermi())  # chi0 = -g(E_F) F(x)
    if F.free_symbols != {x}:
        raise ValueError(f"F(x) should depend on x only: {F}")
    if sp.simplify(F - static_of_dynamic()) != 0:
        raise ValueError("F(x) should be the nu = 0 slice of lindhard_dynamic_real")
    coeffs = lam_fit()
    half = sp.Rational(1, 2)

    def forms(s1: object, s2: object) -> tuple[sp.Expr, sp.Expr, sp.Expr, sp.Expr]:
        below, above = sp.StrictLessThan(x, s1), sp.StrictGreaterThan(x, s2)
        sigma = sp.Piecewise((x, below), (1 / x, above), (RatioArgument(1 + x, 1 - x), True))
        e = sp.Piecewise((0, below), (0, above), (RatioExponent(1 + x, 1 - x), True))
        u = sigma**2
        q = Polynomial(u, *coeffs)  # Lam(u) = u q(u)
        lam = u * q
        small = half + (1 - x) * (1 + x) * (1 + lam) / 2  # l = 2x (1 + Lam(x^2))
        large = u * ((1 - q) + lam) / 2  # l = (2/x)(1 + Lam(1/x^2)): [u (1 + Lam) - Lam]/2, Lam = u q
        middle = half + (1 - x) * (1 + x) / (4 * x) * two_atanh(e, sigma, lam)
        return small, middle, large, sp.Piecewise((small, below), (large, above), (middle, True))

    candidates_below = [a for a in (0.1, 0.15, 0.2, 0.25, 0.3, 1 / 3) if a**2 <= LAM_W_MAX]
    candidates_above = [a for a in (3.0, 3.5, 4.0, 5.0, 6.0) if a**-2 <= LAM_W_MAX]
    # each form with its own sigma on the whole axis: x (s1 = s2 = oo), reduced (s1 = 0, s2 = oo), 1/x (0, 0)
    series_small, reduced, series_large = forms(sp.oo, sp.oo)[0], forms(0, sp.oo)[1], forms(0, 0)[2]
    s1 = choose_switch(series_small, reduced, F, x, candidates_below)
    s2 = choose_switch(reduced, series_large, F, x, candidates_above)
    small, middle, large, _ = forms(s1, s2)
    bound = 1e-16
    return Kernel(
        name="lindhard_static", derivation="lindhard_static", args=[x], closed_form=F,
        doc="Static Lindhard function F(x), x = q/(2 k_F); chi0 = -g(E_F) F(x)",
        layout="select",
        branches=[
            Branch(sp.Rational(1, 2), sp.Eq(x, 1), "F(1) = 1/2: the limit at the Kohn point q = 2k_F",
                   at=(x, 1)),
            Branch(small, sp.StrictLessThan(x, s1),
                   f"x < {s1}: 1/2 + (1 - x)(1 + x)[1 + Lam(x^2)]/2, Lam fitted to degree {len(coeffs)} in w",
                   remainder=bound, sample={x: (1e-3, s1 * (1 - 1e-12))}),  # inside: sigma = x
            Branch(large, sp.StrictGreaterThan(x, s2),
                   f"x > {s2}: u [(1 - q(u)) + u q(u)]/2, u = 1/x^2, Lam = u q (no 1/2 - 1/2 cancellation)",
                   remainder=bound, sample={x: (s2 * (1 + 1e-12), 100.0)}),  # inside: sigma = 1/x
            Branch(middle, sp.true,
                   "closed form with (1 - x)(1 + x) and l(x) = e ln 2 + 2 atanh(sigma) reduced",
                   remainder=bound, sample={x: (s1, s2)}),
        ],
    )


@kernel("thomas_fermi_wavevector", derivation="thomas_fermi_limit")
def _thomas_fermi_wavevector_kernel() -> Kernel:
    k_tf = sp.sqrt(_k_tf_squared()).subs(k_F, _fermi_wavevector_of_density())
    return statement_kernel("thomas_fermi_limit", ["n", "m"],
                            "Thomas-Fermi wavevector k_TF(n, m) in 1/m, k_TF^2 = e^2 g(E_F)/eps0",
                            name="thomas_fermi_wavevector", closed_form=lambda _: k_tf)


@kernel("dielectric_thomas_fermi", derivation="thomas_fermi_limit")
def _dielectric_thomas_fermi_kernel() -> Kernel:
    k_f_of_k_tf = sp.solve(sp.Eq(K_TF.symbol**2, _k_tf_squared()), k_F)[0]
    return statement_kernel("thomas_fermi_limit", ["q", "k_TF"],
                            "Thomas-Fermi dielectric function 1 + k_TF^2/q^2",
                            name="dielectric_thomas_fermi", extra=[K_TF.symbol],
                            closed_form=lambda eps: sp.simplify(eps.subs(k_F, k_f_of_k_tf)))


def _fermi_velocity_of_density() -> sp.Expr:
    """Free-electron v_F = ħ k_F/m with k_F(n) from the state count."""
    return hbar * _fermi_wavevector_of_density() / m


@kernel("plasma_frequency", derivation="lindhard_small_q_expansion")
def _plasma_frequency_kernel() -> Kernel:
    eps = get("lindhard_small_q_expansion").statement.rhs
    omega_p = sp.sqrt(sp.limit(omega**2 * (1 - eps), omega, sp.oo))
    return statement_kernel("lindhard_small_q_expansion", ["n", "m"],
                            "Plasma frequency omega_p = sqrt(n e^2/(eps0 m)) in rad/s",
                            name="plasma_frequency", closed_form=lambda _: omega_p)


@kernel("dielectric_small_q", derivation="lindhard_small_q_expansion")
def _dielectric_small_q_kernel() -> Kernel:
    return statement_kernel("lindhard_small_q_expansion", ["q", "omega", "n", "m"],
                            "Small-q RPA dielectric function 1 - wp^2/w^2 - (3/5) wp^2 vF^2 q^2/w^4",
                            name="dielectric_small_q",
                            closed_form=lambda eps: eps.subs(v_F, _fermi_velocity_of_density()))


@kernel("plasmon_frequency", derivation="plasmon_dispersion")
def _plasmon_dispersion_kernel() -> Kernel:
    return statement_kernel("plasmon_dispersion", ["q", "n", "m"],
                            "Plasmon frequency sqrt(wp^2 + (3/5) vF^2 q^2) in rad/s (small q)",
                            name="plasmon_frequency",
                            closed_form=lambda w: w.subs(v_F, _fermi_velocity_of_density()))


@kernel("lindhard_dynamic_real")
def _lindhard_dynamic_real_kernel() -> Kernel:
    """Re f(x, nu): three exact rewrites of the closed form sharing two logarithms and one series."""
    design = lindhard_design()
    coeffs, theta, x_c, p_s, m_s, M_s = (design.lam_coefficients, design.theta, design.x_c, design.p_s,
                                         design.m_s, design.M_s)
    closed = get("lindhard_dynamic_real").statement.rhs
    forms = dynamic_real_forms(coeffs, theta, x_c, p_s, m_s, M_s)
    K = len(coeffs)
    # Verification boxes: inside each branch's region (where its shared-series argument is the one it
    # assumes), away from the zero of Re f (the checks are relative), covering every internal piece.
    boxes = {
        "P1": {x: (0.01, 0.9 * theta), nu: (1.8, p_s + 0.5)},  # |s| <= 0.82 theta; p across p_s (both A)
        "GL": {x: (max(x_c, 2.0), M_s + 1), nu: (0.0, 1.9)},  # m from -M_s - 1 to -0.1, p across p_s
        "GT": {x: (0.6 * x_c, 0.96 * x_c), nu: (0.0, 0.5)},  # |s| >= 0.29 (x_c = 0.25); |m| across m_s
    }
    for name, box in boxes.items():  # corners on the right side of |s| = theta (and of x = x_c)
        corners = [{x: bx, nu: bn} for bx in box[x] for bn in box[nu]]
        if ([bool(forms["in_p1"].subs(c)) for c in corners] != [name == "P1"] * 4
                or (name != "P1" and any(bool(forms["small"].subs(c)) != (name == "GT") for c in corners))):
            raise ValueError(f"verification box of {name} is not inside its region (theta = {theta})")
    bound = 1e-16
    return Kernel(
        name="lindhard_dynamic_real", derivation="lindhard_dynamic_real", args=[x, nu], closed_form=closed,
        doc="Real part of the dynamic Lindhard function f(x, nu), x = q/(2 k_F), nu = omega/(q v_F); "
            "chi0 = -g(E_F) f",
        layout="select",
        branches=[
            Branch(forms["P1"], forms["in_p1"],
                   f"|s| <= {theta}, s = 2x/(1 + x^2 - nu^2): 1/2 + (1 - m^2) l(s)/(8x) - nu l(p)/2 "
                   f"with l(s) = 2s [1 + Lam(s^2)], leading terms collected into x/(p D); "
                   f"A(p) = p l(p)/2 - 1 = Lam(1/p^2) for p >= {p_s}; Lam fitted to degree {K} in w",
                   remainder=bound, sample=boxes["P1"]),
            Branch(forms["GL"], sp.GreaterThan(x, x_c),
                   f"x >= {x_c}: [L(p) - L(m)]/(4x), L from its series in a^2 (|a| < {m_s}), in 1/a^2 "
                   f"(|a| > {M_s}; p >= {p_s}) or a + (1 - a)(1 + a) l(a)/2, "
                   f"l(a) = e ln 2 + 2 atanh(sigma) reduced",
                   remainder=bound, sample=boxes["GL"]),
            Branch(forms["GT"], sp.true,
                   f"x < {x_c}: 1/2 + [(1 - p^2) l(p) - (1 - m^2) l(m)]/(8x) with factors rounded once; "
                   f"l(m) = 2m [1 + Lam(m^2)] for |m| < {m_s}, l(p) = (2/p) [1 + Lam(1/p^2)] for p >= {p_s}",
                   remainder=bound, sample=boxes["GT"]),
        ],
    )


@kernel("lindhard_dynamic_imag")
def _lindhard_dynamic_imag_kernel() -> Kernel:
    """Im f(x, nu): the statement's pieces, with the edge factors 1 -+ (nu - x) rounded once."""
    closed = get("lindhard_dynamic_imag").statement.rhs
    (inside, _), (partial, _), (outside, _) = closed.args
    a1 = Polynomial(x, 1 - nu, -1)  # 1 - nu - x > 0: x + nu < 1
    m = Polynomial(x, nu, -1)  # nu - x, exact where 1 -+ m vanishes for x > 1 (resp. x > 2)
    a2 = sp.Piecewise((Polynomial(nu, 1 - x, 1), x <= 2), (1 + m, True))  # 1 + nu - x, 1 - x exact
    a3 = sp.Piecewise((Polynomial(x, 1 - nu, 1), x <= 1), (1 - m, True))  # 1 - nu + x, 1 - nu exact
    edge = sp.pi * a2 * a3 / (8 * x)  # pi (1 - (x - nu)^2)/(8x), relative accuracy up to the edges
    return Kernel(
        name="lindhard_dynamic_imag", derivation="lindhard_dynamic_imag", args=[x, nu], closed_form=closed,
        doc="Imaginary part of the dynamic Lindhard function f(x, nu) (retarded: >= 0 for nu >= 0); "
            "chi0 = -g(E_F) f",
        layout="select",
        branches=[
            Branch(inside, sp.StrictGreaterThan(a1, 0), "x + nu < 1: both thresholds inside the Fermi sphere",
                   sample=REGIONS["inside"]),
            Branch(edge, sp.And(sp.StrictGreaterThan(a2, 0), sp.StrictGreaterThan(a3, 0)),
                   "|x - nu| < 1 < x + nu: (1 - (x - nu)^2) = (1 + nu - x)(1 - nu + x), each factor rounded "
                   "once (zero exactly on the edges nu = x -+ 1)",
                   region_form=partial, sample=REGIONS["partial"]),
            Branch(outside, sp.LessThan(a3, 0), "nu - x >= 1: above the continuum",
                   sample=REGIONS["above"]),
            Branch(outside, sp.true, "x - nu >= 1: below the continuum", sample=REGIONS["below"]),
        ],
    )
