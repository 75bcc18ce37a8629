"""Derivations: electron-phonon coupling matrix elements |g_q|.

* ``deformation_potential_coupling``: LA phonons of an elastic continuum,
  H = D ∫ ψ†ψ ∇·u  ->  |g_q| = D sqrt(ħ q / (2 ρ V v_s)),  ∝ sqrt(q).
* ``frohlich_coupling``: polar LO phonons (Huang-Born model of the ionic
  polarisation)  ->  |g_q|² = e² ħ ω_LO / (2 ε0 V q²) (1/ε∞ − 1/ε_s),  ∝ 1/q.
* ``frohlich_screened_thomas_fermi``: the bare polar coupling divided by
  ε_TF(q) = 1 + k_TF²/q²  ->  vanishes linearly as q -> 0, with exact slope.

Both quantisations use the same fact, derived once in
:func:`zero_point_steps`: a mode of mass M and frequency ω has ground-state
fluctuation <ξ²> = ħ/(2 M ω), so its amplitude operator is
ξ = sqrt(ħ/(2 M ω)) (b + b†).
"""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp

from .constants import (
    D_POT,
    E_CHARGE,
    EPS0,
    HBAR,
    K_F,
    M_ELECTRON,
    N_DENSITY,
    OMEGA,
    RHO,
    V_F,
    V_S,
    VOLUME,
    Q,
    quantity,
)
from .derivation import Assumption, Chain, Derivation, Ref
from .registry import get, register
from .sources import (
    GIULIANI_VIGNALE,
    MAHAN,
    SEED_000_COUPLING,
    SEED_002_COUPLING,
    SEED_002_SCREENING,
    VARGA_1965,
    YU_CARDONA,
    cite,
)
from .units import COULOMB, JOULE, KILOGRAM, METRE, SECOND

__all__ = [
    "coupled_plasmon_lo_modes",
    "deformation_potential_coupling",
    "frohlich_coupling",
    "frohlich_screened_dynamic_high_frequency",
    "frohlich_screened_thomas_fermi",
    "huang_born",
    "power_law_step",
    "zero_point_steps",
]


hbar, q, V = HBAR.symbol, Q.symbol, VOLUME.symbol

G_Q = quantity("g_q", JOULE, "magnitude |g_q| of the electron-phonon matrix element")
G_Q_SCREENED = quantity("g_q^scr", JOULE, "screened coupling magnitude |g_q| / ε(q)")
OMEGA_MODE = quantity("omega_q", 1 / SECOND, "angular frequency of the phonon mode")
AMPLITUDE = quantity("A", METRE, "displacement amplitude of one phonon mode (operator prefactor)")
MODE_MASS = quantity("M", KILOGRAM, "mass of one normal mode")
COORD = quantity("xi", METRE, "normal-mode coordinate")
POSITION = [quantity(n, METRE, f"{n}-coordinate of the electron position", real=True) for n in "xyz"]
WAVEVECTOR = [quantity(f"q_{n}", 1 / METRE, f"{n}-component of the phonon wavevector", real=True)
              for n in "xyz"]
BOX = [quantity(f"L_{n}", METRE, f"edge of the crystal box along {n}") for n in "xyz"]


def zero_point_steps(chain: Chain, mass: sp.Expr, omega: sp.Expr, coordinate: sp.Symbol) -> Ref:
    """Steps deriving the zero-point fluctuation <ξ²> = ħ/(2 M ω) of an oscillator.

    Parameters
    ----------
    chain : Chain
        The derivation being built; gets two model objects (the Gaussian ψ0 and the
        oscillator potential) and two steps.
    mass, omega : sympy expressions
        Mode mass M and angular frequency ω (their symbols must be declared
        by the calling derivation).
    coordinate : Symbol
        The normal-mode coordinate ξ (real).

    Returns
    -------
    Ref
        The name of the computed <ξ²>: (1) ψ0 = exp(−M ω ξ²/2ħ) solves H ψ0 = (ħω/2) ψ0 for
        H = −ħ²/(2M) d²/dξ² + M ω² ξ²/2; (2) the Gaussian integrals give <ξ²> = ħ/(2 M ω).
        With ξ = A (b + b†) and <0|(b + b†)²|0> = 1 (from [b, b†] = 1, b|0> = 0) the mode
        amplitude is A = sqrt(<ξ²>).
    """
    xi = coordinate
    psi0 = chain.declare("ψ0", sp.exp(-mass * omega * xi**2 / (2 * hbar)),
                         "oscillator ground state, a Gaussian in the mode coordinate ξ")
    potential = chain.declare("V(ξ)", mass * omega**2 * xi**2 / 2, "harmonic potential of the mode")

    def h_psi_over_psi(psi: sp.Expr, v: sp.Expr) -> sp.Expr:
        return (-hbar**2 / (2 * mass) * sp.Derivative(psi, (xi, 2)) + v * psi) / psi

    chain.step("the Gaussian ψ0 = exp(−Mωξ²/2ħ) is the oscillator ground state, energy ħω/2",
               h_psi_over_psi, psi0, potential, rhs=lambda e: sp.simplify(e.doit()), name="E0")
    return chain.step(
        "ground-state fluctuation <ξ²> from the Gaussian integrals",
        lambda psi: sp.Integral(xi**2 * psi**2, (xi, -sp.oo, sp.oo))
        / sp.Integral(psi**2, (xi, -sp.oo, sp.oo)),
        psi0, rhs=lambda e: sp.simplify(e.doit()), name="<ξ²>")


def power_law_step(chain: Chain, result: Ref, x: sp.Symbol, why: str,
                   of: Callable[[sp.Expr], sp.Expr] = lambda v: v) -> Ref:
    """Step computing the exponent p of ``of(result) ∝ x**p`` as x -> 0+: lim x d(ln of(result))/dx."""
    return chain.step(why, lambda r: sp.Limit(x * sp.Derivative(sp.log(of(r)), x), x, 0), result,
                      rhs=lambda e: e.doit())


@register
def deformation_potential_coupling() -> Derivation:
    """|g_q| = D sqrt(ħ q / (2 ρ V v_s)) for LA phonons of an elastic continuum.

    Model: electrons couple to the local dilatation, H = D ∫ d³r ψ†ψ ∇·u,
    with the displacement field of an isotropic elastic continuum of density
    ρ quantised into longitudinal acoustic phonons, ω_q = v_s q. One mode of
    wavevector q is u(r) = A ê_q e^{iq·r} (b_q + b†_{−q}) with ê_q = q/|q|.

    Result: the matrix element between plane waves k and k + q is
    |g_q| = D sqrt(ħ q / (2 ρ V v_s)), vanishing as sqrt(q) for q -> 0
    (a uniform translation does not change the electron energy).

    Source: seed 000 and seed 002 ("Deformation Potential Coupling");
    Ziman, *Electrons and Phonons*, §5.2.
    Validity: long-wavelength LA phonons (q much smaller than the zone
    boundary), isotropic medium, linear dispersion; the deformation
    potential is short-ranged, so already screened (not divided by ε again).
    """
    D, rho, v_s = D_POT.symbol, RHO.symbol, V_S.symbol
    A, M, omega = AMPLITUDE.symbol, MODE_MASS.symbol, OMEGA_MODE.symbol
    x, y, z = (p.symbol for p in POSITION)
    qx, qy, qz = (k.symbol for k in WAVEVECTOR)
    Lx, Ly, Lz = (b.symbol for b in BOX)
    g = G_Q.symbol
    qvec = sp.Matrix([qx, qy, qz])
    qabs = sp.sqrt(qvec.dot(qvec))

    chain = Chain()
    msd = zero_point_steps(chain, M, omega, COORD.symbol)
    phase = chain.declare("e^{iq·r}", sp.exp(sp.I * (qx * x + qy * y + qz * z)),
                          "plane-wave profile of one mode")
    wave = chain.declare("u", A * qvec / qabs, "longitudinal polarisation: u = A ê_q e^{iq·r}, ê_q = q/|q|")
    branch = chain.declare("ω_q", sp.Eq(omega, v_s * q),
                           "longitudinal acoustic branch of an isotropic continuum")
    coupling = chain.declare("H_ep", D, "deformation potential: the band edge shifts by D ∇·u")

    # Mode mass: the kinetic energy ∫ ρ |u̇|²/2 of a unit plane wave is (ρ V) Ȧ²/2.
    mode_mass = chain.step(
        "mode mass: kinetic energy ∫ρ|u̇|²/2 of a unit plane wave is ρV Ȧ²/2, V = L_x L_y L_z",
        lambda f: sp.Integral(rho * f * sp.conjugate(f), (x, 0, Lx), (y, 0, Ly), (z, 0, Lz)), phase,
        rhs=lambda e: e.doit(), name="M")
    # Dilatation of a longitudinal plane wave.
    dilatation = chain.step(
        "dilatation of the longitudinal wave u = A ê e^{iq·r}, ê = q/|q|",
        lambda u, f: sum(sp.Derivative(u[i] * f, r) for i, r in enumerate((x, y, z))) / f, wave, phase,
        rhs=lambda e: sp.simplify(e.doit()), name="∇·u")

    # Matrix element: D times the dilatation amplitude; plane-wave overlap
    # (1/V)∫ e^{-i(k+q)·r} e^{iq·r} e^{ik·r} d³r = 1 (crystal momentum conserved).
    def matrix_element(d: sp.Expr, div: sp.Expr, fluctuation: sp.Expr, mass: sp.Expr, dispersion: sp.Eq
                       ) -> sp.Expr:
        amplitude = sp.sqrt(fluctuation).subs({M: mass.subs(Lx * Ly * Lz, V), omega: dispersion.rhs})
        return sp.Subs(sp.Abs(d * div.subs(qabs, q)), (A,), (amplitude,))

    g_abs = chain.step("|g_q| = |D ∇·u| with A = sqrt(<ξ²>), M = ρV, ω_q = v_s q",
                       matrix_element, coupling, dilatation, msd, mode_mass, branch,
                       rhs=lambda e: sp.simplify(e.doit()), name="|g_q|")
    power_law_step(chain, g_abs, q, "q -> 0: the log-slope of |g_q| is 1/2, so |g_q| ∝ sqrt(q)")
    return Derivation(
        name="deformation_potential_coupling",
        title="Deformation-potential coupling to LA phonons",
        source=cite(f"{SEED_002_COUPLING} (eq. |g_q| = D sqrt(ħ|q|/(2ρVv_s)))", SEED_000_COUPLING),
        symbols=[G_Q, D_POT, HBAR, Q, RHO, VOLUME, V_S, OMEGA_MODE, AMPLITUDE, MODE_MASS, COORD,
                 *POSITION, *WAVEVECTOR, *BOX],
        assumptions=[
            Assumption("H_ep = D ∫ ψ†ψ ∇·u: the band edge shifts linearly with the local dilatation"),
            Assumption("isotropic elastic continuum, longitudinal acoustic branch ω_q = v_s q",
                       sp.Eq(OMEGA_MODE.symbol, V_S.symbol * q)),
            Assumption("plane-wave electron states normalised in the volume V = L_x L_y L_z"),
            Assumption("long wavelength: q well inside the Brillouin zone"),
        ],
        model=chain.model,
        steps=chain.steps,
        statement=sp.Eq(g, chain[g_abs], evaluate=False),
        textbook=sp.Eq(g, D * sp.sqrt(hbar * q / (2 * rho * V * v_s)), evaluate=False),
    )


# --------------------------------------------------------------- Froehlich
EPS_INF = quantity("epsilon_inf", sp.Integer(1), "high-frequency (electronic) dielectric constant")
EPS_S = quantity("epsilon_s", sp.Integer(1), "static dielectric constant")
OMEGA_LO = quantity("omega_LO", 1 / SECOND, "longitudinal-optical phonon frequency (at q -> 0)")
OMEGA_TO = quantity("omega_TO", 1 / SECOND, "transverse-optical phonon frequency (at q -> 0)")
W_DIM = sp.sqrt(KILOGRAM / METRE)
W_COORD = quantity("w", W_DIM, "Huang reduced ionic displacement sqrt(μ/Ω)(u₊ − u₋)", real=True)
FIELD = quantity("E_field", JOULE / (COULOMB * METRE), "macroscopic electric field", real=True)
B11 = quantity("b_11", 1 / SECOND**2, "Huang-Born coefficient b11", real=True)
B12 = quantity("b_12", COULOMB / (METRE**2 * W_DIM), "Huang-Born coefficient b12 = b21")
B22 = quantity("b_22", COULOMB**2 / (JOULE * METRE), "Huang-Born coefficient b22 (electronic)")
K_TF = quantity("k_TF", 1 / METRE, "Thomas-Fermi screening wavevector")


def huang_born(chain: Chain) -> tuple[Ref, Ref]:
    """Declare the Huang-Born model of a polar lattice: the equation of motion of the reduced ionic
    displacement w for a mode at (or driven at) frequency ω, and the polarisation."""
    w, E, omega = W_COORD.symbol, FIELD.symbol, OMEGA.symbol
    b11, b12, b22 = B11.symbol, B12.symbol, B22.symbol
    motion = chain.declare("ẅ", sp.Eq(-(omega**2) * w, b11 * w + b12 * E),
                           "Huang-Born equation of motion at frequency ω: −ω² w = b11 w + b12 E")
    polarisation = chain.declare("P", b12 * w + b22 * E, "Huang-Born polarisation P = b12 w + b22 E")
    return motion, polarisation


@register
def frohlich_coupling() -> Derivation:
    """|g_q|² = e² ħ ω_LO/(2 ε0 V q²) (1/ε∞ − 1/ε_s) for polar LO phonons.

    Model: the Huang-Born equations for the reduced ionic displacement w,
    ẅ = b11 w + b12 E (a mode at ω: −ω² w = b11 w + b12 E) and
    P = b12 w + b22 E, fix b11, b12, b22 from ω_TO, ε∞ and ε_s (steps 1-3).
    A longitudinal mode has D = ε0 E + P = 0, which gives its field
    E = −b12 w/(ε0 ε∞) (step 4), its frequency (the Lyddane-Sachs-Teller
    relation ω_LO² = ω_TO² ε_s/ε∞ comes out, step 5) and, with w quantised as
    an oscillator of unit mass density (mode mass V, steps 6-7), the potential
    φ_q = E_q/(i q) felt by an electron of charge −e (step 8).

    Result: |g_q|² = e² ħ ω_LO/(2 ε0 V q²) (1/ε∞ − 1/ε_s); |g_q| ∝ 1/q.

    Source: seed 000 and seed 002 ("Fröhlich Coupling and the Role of
    Screening"); H. Fröhlich, Adv. Phys. 3, 325 (1954); Mahan, *Many-Particle
    Physics*, §1.3. SI units.
    Validity: bare (unscreened) coupling of a dispersionless LO branch,
    isotropic polar crystal, q small compared with the zone boundary.
    """
    e, eps0 = E_CHARGE.symbol, EPS0.symbol
    eps_inf, eps_s = EPS_INF.symbol, EPS_S.symbol
    w_lo, w_to, omega = OMEGA_LO.symbol, OMEGA_TO.symbol, OMEGA.symbol
    w, E = W_COORD.symbol, FIELD.symbol
    b11, b12, b22 = B11.symbol, B12.symbol, B22.symbol
    g = G_Q.symbol

    chain = Chain()
    motion, polarisation = huang_born(chain)
    potential = chain.declare("φ_q", E / (sp.I * q),
                              "potential of the mode's field: E = −∇φ, so E_q = −i q φ_q")

    # Transverse optical mode: no macroscopic field.
    s_b11 = chain.solve("transverse optical mode: E = 0, so b11 = −ω_TO²", b11,
                        lambda mo: mo.subs(omega, w_to).subs(E, 0), motion,
                        rhs=lambda eq: sp.solve(eq, b11)[0], name="b11")
    # High frequency: the ions cannot follow (w = 0) and ε0 ε∞ E = ε0 E + P.
    s_b22 = chain.solve("high frequency: ions frozen (w = 0), P = ε0(ε∞ − 1)E", b22,
                        lambda p: sp.Eq(eps0 * eps_inf * E, eps0 * E + p.subs(w, 0)), polarisation,
                        rhs=lambda eq: sp.solve(eq, b22)[0], name="b22")

    # Static: ẅ = 0 fixes w(E), and ε0 ε_s E = ε0 E + P.
    def static(mo: sp.Equality, p: sp.Expr, v11: sp.Expr, v22: sp.Expr) -> sp.Equality:
        w_static = sp.solve(mo.subs(omega, 0), w)[0]
        return sp.Eq(eps0 * eps_s * E, eps0 * E + p.subs(w, w_static)).subs({b11: v11, b22: v22})

    s_b12 = chain.solve("static limit: ẅ = 0 and P = ε0(ε_s − 1)E fix b12²", b12**2,
                        static, motion, polarisation, s_b11, s_b22,
                        rhs=lambda eq: sp.factor(sp.solve(eq, b12)[0] ** 2), name="b12²")

    # Longitudinal mode: no free charge, D = ε0 E + P = 0.
    field = chain.solve("longitudinal mode: no free charge, D = ε0 E + P = 0", E,
                        lambda p, v22: sp.Eq(eps0 * E + p.subs(b22, v22), 0), polarisation, s_b22,
                        rhs=lambda eq: sp.solve(eq, E)[0], name="E_LO")
    lst = chain.solve(
        "LO frequency: the Lyddane-Sachs-Teller relation ω_LO² = ω_TO² ε_s/ε∞", w_lo**2,
        lambda mo, field_lo, v11, v12_sq: mo.subs(omega, w_lo).subs(
            {E: field_lo, b11: v11, b12: sp.sqrt(v12_sq)}),
        motion, field, s_b11, s_b12, rhs=lambda eq: sp.solve(eq, w_lo**2)[0], name="ω_LO²")

    # Quantise w: the Lagrangian density is ẇ²/2 + ..., so the mode mass is V.
    msd = zero_point_steps(chain, V, w_lo, W_COORD.symbol)

    def coupling_sq(phi: sp.Expr, field_lo: sp.Expr, fluctuation: sp.Expr, v12_sq: sp.Expr, lo_sq: sp.Expr
                    ) -> sp.Expr:
        to_squared = sp.solve(sp.Eq(w_lo**2, lo_sq), w_to**2)[0]
        return sp.Subs((e * sp.Abs(phi.subs(E, field_lo))) ** 2, (w, b12),
                       (sp.sqrt(fluctuation), sp.sqrt(v12_sq.subs(w_to**2, to_squared))))

    g_sq = chain.step(
        "|g_q|² = e²|φ_q|², φ_q = E_q/(iq), w = sqrt(<ξ²>) with mode mass V, ω_TO² = ω_LO² ε∞/ε_s",
        coupling_sq, potential, field, msd, s_b12, lst,
        rhs=lambda ex: sp.factor(sp.simplify(ex.doit())), name="|g_q|²")
    power_law_step(chain, g_sq, q, "q -> 0: the log-slope of |g_q| is −1, so |g_q| ∝ 1/q", of=sp.sqrt)
    return Derivation(
        name="frohlich_coupling",
        title="Fröhlich coupling to polar LO phonons (bare)",
        source=cite(SEED_002_COUPLING, SEED_000_COUPLING, MAHAN.at("§1.3 (SI form)")),
        symbols=[G_Q, E_CHARGE, EPS0, HBAR, Q, VOLUME, EPS_INF, EPS_S, OMEGA_LO, OMEGA_TO, OMEGA,
                 W_COORD, FIELD, B11, B12, B22],
        assumptions=[
            Assumption("Huang-Born model: ẅ = b11 w + b12 E, P = b12 w + b22 E (isotropic crystal)"),
            Assumption("dispersionless LO branch ω_LO, no free carriers (bare coupling)"),
            Assumption("the ionic lattice is polar and stable", sp.StrictGreaterThan(EPS_S.symbol,
                                                                                     EPS_INF.symbol)),
            Assumption("long wavelength, q small compared with the zone boundary"),
        ],
        model=chain.model,
        steps=chain.steps,
        statement=sp.Eq(g**2, chain[g_sq], evaluate=False),
        textbook=sp.Eq(
            g**2, e**2 * hbar * w_lo / (2 * eps0 * V * q**2) * (1 / eps_inf - 1 / eps_s),
            evaluate=False,
        ),
        sample={EPS_S.symbol: (5.0, 20.0), EPS_INF.symbol: (1.0, 4.0)},
    )


@register
def frohlich_screened_thomas_fermi() -> Derivation:
    """Thomas-Fermi-screened polar coupling: |g_q| = C q/(q² + k_TF²), linear as q -> 0 (ω_LO << v_F q).

    Model: the bare Fröhlich coupling |g_q| = C/q (from ``frohlich_coupling``,
    C² = e² ħ ω_LO/(2 ε0 V) (1/ε∞ − 1/ε_s)) divided by the RPA dielectric
    function of the electron gas at the phonon's own frequency,
    ε(q, ω_LO) = 1 + (k_TF/q)² [f_re(x, ν) + i f_im(x, ν)] (``lindhard_dynamic_real``,
    ``lindhard_dynamic_imag``), x = q/2k_F, ν = ω_LO/(v_F q), at a fixed ω_LO.

    Result: in the static regime ν -> 0 (ω_LO << v_F q) f_re -> F(x) and the
    Landau damping f_im = πν/2 -> 0; for q << k_F, F -> 1 and ε is the
    Thomas-Fermi ε_TF(q) = 1 + k_TF²/q² (``thomas_fermi_limit``). Then
    |g_q^scr| = C q/(q² + k_TF²), which vanishes linearly with the exact slope
    C/k_TF². Contrast: the short-ranged deformation-potential coupling is not
    screened further and keeps |g_q| ∝ sqrt(q), so it dominates the screened
    polar coupling as q -> 0.

    Source: seed 002 ("Fröhlich Coupling and the Role of Screening":
    V_scr ∝ |q|/(|q|² + κ_TF²)); seed 000 (静态屏蔽与耦合机制的比较).
    Validity: static screening, ω_LO << v_F q (ν << 1), and q << k_F. At
    fixed ω_LO the condition fails as q -> 0 (below q ~ ω_LO/v_F): there the
    electrons cannot follow the phonon and ``frohlich_screened_dynamic_high_frequency``
    applies (|g_q^scr| ∝ 1/q again, not ∝ q). For acoustic phonons, screening
    also softens ω_q (Bohm-Staver), which is why a deformation potential
    D = (2/3) E_F results there rather than this form.
    """
    from .lindhard_dynamic import F_IM, F_RE, NU
    from .screening import X, g_fermi

    g_scr = G_Q_SCREENED.symbol
    k_tf = K_TF.symbol
    x, nu, f_re, f_im = X.symbol, NU.symbol, F_RE.symbol, F_IM.symbol
    e, eps0 = E_CHARGE.symbol, EPS0.symbol

    chain = Chain()
    bare_sq = chain.result_of("frohlich_coupling", "bare polar coupling |g_q|² = C²/q²")
    dp = chain.result_of("deformation_potential_coupling", "deformation-potential coupling |g_q| ∝ sqrt(q)")
    eps_dyn = chain.declare("ε(q, ω_LO)", 1 + k_tf**2 / q**2 * (f_re + sp.I * f_im),
                            "RPA dielectric function at the phonon frequency, in the reduced Lindhard "
                            "f = f_re + i f_im of x = q/2k_F and ν = ω_LO/(v_F q)")
    tf_limit = chain.result_of("thomas_fermi_limit", "Thomas-Fermi ε_TF = 1 + e² g(E_F)/(ε0 q²)")
    split = chain.result_of(
        "lindhard_dynamic_real", "f_re(x, ν) written for ν -> 0",
        pick=lambda d: next(s for s in d.steps if "static limit" in s.why).lhs.args[0], name="f_re")
    f_im_value = chain.result_of("lindhard_dynamic_imag", "f_im(x, ν): πν/2 for x + ν < 1", name="f_im")

    # the dynamic RPA ε at ω_LO, and its static, long-wavelength limit
    def with_k_tf(eps: sp.Expr, tf: sp.Expr) -> sp.Expr:
        k_tf_sq = sp.limit(q**2 * (tf - 1), q, 0)  # e² g(E_F)/ε0
        return sp.Subs(eps, k_tf, sp.sqrt(k_tf_sq))

    chain.step(
        "RPA at the phonon frequency: ε(q, ω_LO) = 1 − v(q)χ0, χ0 = −g(E_F)(f_re + i f_im), "
        "so ε = 1 + (k_TF/q)²(f_re + i f_im), k_TF² = e² g(E_F)/ε0 (thomas_fermi_limit)",
        with_k_tf, eps_dyn, tf_limit,
        rhs=1 - e**2 / (eps0 * q**2) * (-g_fermi()) * (f_re + sp.I * f_im), name="ε_RPA")
    static_f = next(s for s in get("lindhard_dynamic_real").steps if "static limit" in s.why).rhs  # F(x)
    static_re = chain.step("static regime ν = ω_LO/(v_F q) -> 0: f_re(x, ν) -> F(x) (lindhard_dynamic_real)",
                           lambda f: sp.Limit(f, nu, 0, "+"), split, rhs=static_f, name="F(x)")
    static_im = chain.step("... and the Landau damping f_im = πν/2 (x + ν < 1) vanishes as ν -> 0",
                           lambda f: sp.Limit(f.args[0][0], nu, 0, "+"), f_im_value,  # x + ν < 1: π ν/2
                           rhs=sp.Integer(0), name="f_im(ν -> 0)")
    eps_tf = chain.step(
        "q << k_F: F(0+) = 1, so ε(q, ω_LO) -> ε_TF(q) = 1 + k_TF²/q²",
        lambda eps, big_f, im: sp.Subs(eps, (f_re, f_im), (sp.Limit(big_f, x, 0, "+"), im)),
        eps_dyn, static_re, static_im, rhs=lambda ex: sp.expand(ex.doit()), name="ε_TF")

    screened = chain.step("divide the bare |g_q| = C/q by ε_TF(q) = 1 + k_TF²/q²",
                          lambda g2, eps: sp.sqrt(g2) / eps, bare_sq, eps_tf,
                          rhs=lambda ex: sp.factor(sp.simplify(ex)), name="|g_q^scr|")
    slope = chain.step("q -> 0: |g_q^scr|/q tends to the finite slope C/k_TF²",
                       lambda s: sp.Limit(s / q, q, 0), screened, rhs=lambda ex: ex.doit(), name="slope")
    chain.step("the slope is the exact derivative at q = 0",
               lambda s: sp.Limit(sp.Derivative(s, q), q, 0), screened, rhs=chain[slope])
    chain.step("linear law near q = 0; the next term is cubic", lambda s: s, screened,
               rhs=chain[slope] * q, order=(q**3, q, 0))
    power_law_step(chain, screened, q, "q -> 0: the log-slope of |g_q^scr| is 1, so it vanishes ∝ q")
    power_law_step(chain, dp, q, "the deformation-potential coupling is not screened: still ∝ sqrt(q)")
    chain.step("so at small q the screened polar coupling is negligible against the deformation one",
               lambda s, d: sp.Limit(s / d, q, 0), screened, dp, rhs=lambda ex: ex.doit())
    prefactor = sp.sqrt(e**2 * hbar * OMEGA_LO.symbol / (2 * eps0 * V)
                        * (1 / EPS_INF.symbol - 1 / EPS_S.symbol))
    return Derivation(
        name="frohlich_screened_thomas_fermi",
        title="Thomas-Fermi-screened Fröhlich coupling (static regime ω_LO << v_F q)",
        source=cite(f"{SEED_002_COUPLING} (V_scr ∝ |q|/(|q|² + κ_TF²))", SEED_000_COUPLING),
        symbols=[G_Q_SCREENED, E_CHARGE, EPS0, HBAR, Q, VOLUME, EPS_INF, EPS_S, OMEGA_LO, K_TF,
                 D_POT, RHO, V_S, V_F, X, NU, F_RE, F_IM, K_F, M_ELECTRON],
        assumptions=[
            Assumption("the bare coupling divided by the RPA ε(q, ω) of the electron gas at ω = ω_LO"),
            Assumption("fixed LO frequency ω_LO (no screening-induced phonon softening, no plasmon mixing)"),
            Assumption("static regime: the electrons follow the phonon, ω_LO << v_F q "
                       "(ν = ω_LO/(v_F q) << 1; for ν >> 1 see frohlich_screened_dynamic_high_frequency)",
                       sp.StrictLessThan(OMEGA_LO.symbol / (V_F.symbol * q), 1)),
            Assumption("long wavelength q << k_F (x = q/2k_F -> 0): ε_TF is the limit of the Lindhard ε",
                       sp.StrictLessThan(q, K_F.symbol)),
        ],
        model=chain.model,
        steps=chain.steps,
        statement=sp.Eq(g_scr, chain[screened], evaluate=False),
        textbook=sp.Eq(g_scr, prefactor * q / (q**2 + k_tf**2), evaluate=False),
        sample={EPS_S.symbol: (5.0, 20.0), EPS_INF.symbol: (1.0, 4.0), x: (0.05, 3.0)},
    )


# ------------------------------------------------------- dynamic screening, plasmon-LO modes
OMEGA_P = quantity("omega_p", 1 / SECOND, "plasma frequency of the carriers")
G_Q_DYN = quantity("g_q^dyn", JOULE, "dynamically screened coupling g_q/ε(q, ω_LO) (real above the "
                   "particle-hole continuum; negative when the carriers over-screen)", real=True)
OMEGA_PLUS = quantity("omega_+", 1 / SECOND, "upper coupled plasmon-LO mode frequency at q -> 0")
OMEGA_MINUS = quantity("omega_-", 1 / SECOND, "lower coupled plasmon-LO mode frequency at q -> 0")
W_SQ = quantity("W", 1 / SECOND**2, "squared mode frequency ω²")
EPS_TOTAL = quantity("epsilon_tot", sp.Integer(1), "dielectric function of the doped polar crystal, q -> 0",
                     real=True)


@register
def frohlich_screened_dynamic_high_frequency() -> Derivation:
    """Dynamically screened polar coupling: g_q/ε(q, ω_LO) = |g_q| ω_LO²/(ω_LO² − ω_p²) for ω_LO >> v_F q.

    Model: the bare Fröhlich coupling |g_q| = C/q (``frohlich_coupling``)
    divided by the RPA dielectric function of the electron gas at the
    phonon's own frequency, ε(q, ω_LO), in the regime where the electrons
    cannot follow the phonon, ω_LO >> v_F q: there ε is real and
    ε = 1 − ω_p²/ω² − (3/5) ω_p² v_F² q²/ω⁴ (``lindhard_small_q_expansion``),
    ω_p² = n e²/(ε0 m).

    Result: g_q^dyn = C ω_LO²/(q (ω_LO² − ω_p²)) up to O(q) as q -> 0; it
    grows as 1/q like the bare coupling (not ∝ q as with Thomas-Fermi
    screening). For ω_p >> ω_LO (a metal) it tends to −(ω_LO/ω_p)² C/q: the
    carriers over-screen (the sign flips) and reduce the coupling by
    (ω_LO/ω_p)² only, independently of q. Against the static form
    C q/(q² + k_TF²) (``frohlich_screened_thomas_fermi``, valid for
    ω_LO << v_F q), with ω_p² = k_TF² v_F²/3, the ratio is −3 (ω_LO/v_F q)²
    for q << k_TF: the two laws cross at ω_LO = v_F q/√3, i.e. the crossover
    is at ω_LO ~ v_F q.

    Source: Mahan, Many-Particle Physics (dynamic screening of the
    electron-phonon interaction); Giuliani & Vignale ch. 4 (the ω >> v_F q
    limit of the Lindhard function); seed 002 ("Fröhlich Coupling and the
    Role of Screening": dynamical screening).
    Validity: ω_LO >> v_F q (ν = ω_LO/(v_F q) >> 1), above the particle-hole
    continuum (no Landau damping), q << k_F; ω_LO fixed. Near ω_p ≈ ω_LO
    the denominator vanishes: the LO phonon and the plasmon mix into coupled
    modes (``coupled_plasmon_lo_modes``) and a fixed ω_LO is no longer the
    right picture.
    """
    from .lindhard_dynamic import NU

    e, eps0, m, n, v_F = E_CHARGE.symbol, EPS0.symbol, M_ELECTRON.symbol, N_DENSITY.symbol, V_F.symbol
    w_lo, w_p, omega, k_tf, k_F = OMEGA_LO.symbol, OMEGA_P.symbol, OMEGA.symbol, K_TF.symbol, K_F.symbol
    nu, g_dyn = NU.symbol, G_Q_DYN.symbol

    chain = Chain()
    bare_sq = chain.result_of("frohlich_coupling", "bare polar coupling |g_q|² = C²/q²")
    eps_small_q = chain.result_of("lindhard_small_q_expansion",
                                  "RPA ε(q, ω) for ω >> v_F q: 1 − ω_p²/ω² − (3/5) ω_p² v_F² q²/ω⁴")
    plasma_def = chain.declare("ω_p²", sp.Eq(w_p**2, n * e**2 / (eps0 * m)),
                               "plasma frequency of the electron gas")
    tf_limit = chain.result_of("thomas_fermi_limit", "Thomas-Fermi ε_TF = 1 + e² g(E_F)/(ε0 q²)")
    static_law = chain.result_of("frohlich_screened_thomas_fermi", "static law C q/(q² + k_TF²)")

    eps_lo = chain.step("ε(q, ω) of lindhard_small_q_expansion at the phonon frequency ω = ω_LO "
                        "(ω_LO >> v_F q: the electrons cannot follow, ε real)",
                        lambda eps: sp.Subs(eps, omega, w_lo), eps_small_q, rhs=lambda ex: ex.doit(),
                        name="ε(q, ω_LO)")
    eps_wp = chain.step("in terms of the plasma frequency ω_p² = n e²/(ε0 m)",
                        lambda eps, wp: sp.Subs(eps, n, sp.solve(wp, n)[0]), eps_lo, plasma_def,
                        rhs=lambda ex: sp.expand(ex.doit()), name="ε(ω_p)")
    leading = chain.step("q -> 0 at fixed ω_LO: ε(q, ω_LO) = 1 − ω_p²/ω_LO² + O((v_F q/ω_LO)²)",
                         lambda eps: eps, eps_wp, rhs=lambda ex: sp.limit(ex, q, 0), order=(q**2, q, 0),
                         name="ε(0, ω_LO)")
    screened = chain.step("divide the bare |g_q| = C/q by ε = 1 − ω_p²/ω_LO²",
                          lambda g2, eps: sp.sqrt(g2) / eps, bare_sq, leading,
                          rhs=lambda ex: sp.factor(sp.simplify(ex)), name="g_q^dyn")
    chain.step("the full small-q ε changes it only by O(q) (relative O(q²))",
               lambda g2, eps: sp.sqrt(g2) / eps, bare_sq, eps_wp, rhs=chain[screened], order=(q, q, 0))
    power_law_step(chain, screened, q,
                   "q -> 0: g_q^dyn ∝ 1/q (log-slope −1), like the bare coupling: no linear vanishing")
    chain.step("metal, ω_p >> ω_LO: g_q^dyn -> −(ω_LO/ω_p)² |g_q| (over-screened, sign "
               "reversed), still ∝ 1/q", lambda s: s, screened,
               rhs=-(w_lo / w_p) ** 2 * sp.sqrt(chain[bare_sq]), order=(w_p**-4, w_p, sp.oo))

    # ω_p² = k_TF² v_F²/3 for the free electron gas (thomas_fermi_limit: k_TF² = e² g(E_F)/ε0)
    def plasma_from_tf(tf: sp.Expr) -> sp.Expr:
        k_tf_sq = sp.limit(q**2 * (tf - 1), q, 0)
        return sp.Subs(k_tf**2 * v_F**2 / 3, (k_tf, v_F), (sp.sqrt(k_tf_sq), HBAR.symbol * k_F / m))

    chain.step("free electron gas: ω_p² = k_TF² v_F²/3 (k_TF² = e² m k_F/(π² ε0 ħ²), "
               "v_F = ħ k_F/m, n = k_F³/(3π²))", plasma_from_tf, tf_limit,
               rhs=sp.Subs(chain[plasma_def].rhs, n, k_F**3 / (3 * sp.pi**2)))

    # ratio to the static (Thomas-Fermi) law at the same q, in ν = ω_LO/(v_F q)
    ratio = chain.step(
        "against the static law C q/(q² + k_TF²) at the same q << k_TF (ω_p >> ω_LO): ratio −3ν², "
        "ν = ω_LO/(v_F q)",
        lambda dyn, stat: sp.Limit(sp.Subs(dyn / stat, (w_lo, k_tf), (nu * v_F * q, sp.sqrt(3) * w_p / v_F)),
                                   q, 0),
        screened, static_law, rhs=lambda ex: ex.doit(), name="ratio")
    chain.solve("the two laws have equal magnitude at ν = 1/√3: the crossover is at "
                "ω_LO ~ v_F q (static below, dynamic above)", nu,
                lambda r: sp.Eq(sp.Abs(r), 1), ratio, rhs=sp.sqrt(3) / 3)
    e_, eps0_ = E_CHARGE.symbol, EPS0.symbol
    prefactor = sp.sqrt(e_**2 * hbar * w_lo / (2 * eps0_ * V) * (1 / EPS_INF.symbol - 1 / EPS_S.symbol))
    return Derivation(
        name="frohlich_screened_dynamic_high_frequency",
        title="Dynamically screened Fröhlich coupling (ω_LO >> v_F q)",
        source=cite(MAHAN.at("dynamic screening of the electron-phonon interaction"),
                    GIULIANI_VIGNALE.at("ch. 4 (ω >> v_F q limit)"),
                    f"{SEED_002_SCREENING} (dynamical screening)"),
        symbols=[G_Q_DYN, E_CHARGE, EPS0, HBAR, Q, VOLUME, EPS_INF, EPS_S, OMEGA_LO, OMEGA_P, OMEGA,
                 M_ELECTRON, N_DENSITY, V_F, K_F, K_TF, NU],
        assumptions=[
            Assumption("the bare coupling divided by the RPA ε(q, ω) of the electron gas at ω = ω_LO, "
                       "ω_LO fixed (not renormalised by the carriers)"),
            Assumption("dynamic regime: the electrons cannot follow the phonon, ω_LO >> v_F q "
                       "(ν = ω_LO/(v_F q) >> 1); the crossover to the static law is at ν ~ 1",
                       sp.StrictGreaterThan(w_lo / (v_F * q), 1)),
            Assumption("no Landau damping: ω_LO above the particle-hole continuum, ε real",
                       sp.StrictGreaterThan(w_lo, v_F * q + hbar * q**2 / (2 * m))),
            Assumption("away from the plasmon resonance ω_LO = ω_p, where the LO phonon and the plasmon mix "
                       "(coupled_plasmon_lo_modes)", sp.Ne(w_lo, w_p)),
            Assumption("long wavelength q << k_F", sp.StrictLessThan(q, k_F)),
        ],
        model=chain.model,
        steps=chain.steps,
        statement=sp.Eq(g_dyn, chain[screened], evaluate=False),
        textbook=sp.Eq(g_dyn, prefactor / q * w_lo**2 / (w_lo**2 - w_p**2), evaluate=False),
        sample={EPS_S.symbol: (5.0, 20.0), EPS_INF.symbol: (1.0, 4.0)},
    )


@register
def coupled_plasmon_lo_modes() -> Derivation:
    """Coupled plasmon-LO modes at q -> 0: ω±² = ½[ω_LO² + ω_p² ± sqrt((ω_LO² + ω_p²)² − 4ω_p²ω_TO²)].

    Model: a polar crystal (the Huang-Born model of ``frohlich_coupling``)
    doped with free carriers of density n and band mass m. At q -> 0 the
    lattice gives ε_L(ω) = ε∞ + (ε_s − ε∞) ω_TO²/(ω_TO² − ω²)
    = ε∞ (ω_LO² − ω²)/(ω_TO² − ω²) (Lyddane-Sachs-Teller), and the carriers
    add the q -> 0 limit of their RPA response (``lindhard_small_q_expansion``),
    −n e²/(ε0 m ω²) = −ε∞ ω_p²/ω² with ω_p² = n e²/(ε0 ε∞ m) (plasma
    frequency in the background ε∞):

        ε(ω) = ε∞ [(ω_LO² − ω²)/(ω_TO² − ω²) − ω_p²/ω²].

    Longitudinal modes are its zeros.

    Result: ω±² = ½[ω_LO² + ω_p² ± sqrt((ω_LO² + ω_p²)² − 4 ω_p² ω_TO²)]
    (the statement gives ω_+, a step ω_−). Without carriers (ω_p -> 0) they are
    ω_LO and 0; for ω_p >> ω_LO, ω_+ -> ω_p (a plasmon) and ω_− -> ω_TO: the
    carriers screen the LO field and the longitudinal lattice mode falls to
    the TO frequency. In between (ω_p ~ ω_LO) neither mode is at ω_TO or
    ω_LO: ω_− < min(ω_TO, ω_p) and ω_+ > max(ω_LO, ω_p).

    Source: B. B. Varga, Phys. Rev. 137, A1896 (1965); Yu & Cardona,
    Fundamentals of Semiconductors (plasmon-LO phonon coupled modes, observed
    by Raman scattering in n-GaAs, Mooradian & Wright 1966); Mahan,
    Many-Particle Physics.
    Validity: q -> 0 (v_F q << ω±, so the carriers respond as a Drude plasma,
    no Landau damping), no damping of phonons or carriers, one polar mode,
    isotropic crystal.
    """
    e, eps0, m, n = E_CHARGE.symbol, EPS0.symbol, M_ELECTRON.symbol, N_DENSITY.symbol
    w_lo, w_to, w_p, omega = OMEGA_LO.symbol, OMEGA_TO.symbol, OMEGA_P.symbol, OMEGA.symbol
    eps_inf, eps_s, W = EPS_INF.symbol, EPS_S.symbol, W_SQ.symbol
    w_plus, eps_tot = OMEGA_PLUS.symbol, EPS_TOTAL.symbol
    w, E = W_COORD.symbol, FIELD.symbol
    b11, b12, b22 = B11.symbol, B12.symbol, B22.symbol

    def huang(symbol: sp.Symbol) -> Callable[[Derivation], sp.Basic]:
        """The frohlich_coupling step solving for ``symbol`` (b11, b22, b12², ω_LO²): its result."""
        return lambda d: next(s.rhs for s in d.steps if s.solves is not None and s.lhs == symbol)

    # lattice: the Huang-Born ε_L(ω) with b11, b22, b12² and LST from frohlich_coupling
    chain = Chain()
    motion, polarisation = huang_born(chain)
    v11 = chain.result_of("frohlich_coupling", "b11 = −ω_TO²", pick=huang(b11), name="b11")
    v22 = chain.result_of("frohlich_coupling", "b22 = ε0(ε∞ − 1)", pick=huang(b22), name="b22")
    v12_sq = chain.result_of("frohlich_coupling", "b12² from the static limit", pick=huang(b12**2),
                             name="b12²")
    lst = chain.result_of("frohlich_coupling", "Lyddane-Sachs-Teller ω_LO² = ω_TO² ε_s/ε∞",
                          pick=huang(w_lo**2), name="ω_LO²")
    eps_el = chain.result_of("lindhard_small_q_expansion",
                             "RPA ε(q, ω) of the carriers for ω >> v_F q (electron gas in vacuum)")

    driven = chain.solve("Huang-Born, driven at ω: −ω² w = b11 w + b12 E", w, lambda mo: mo, motion,
                         rhs=lambda eq: sp.solve(eq, w)[0], name="w(ω)")

    def lattice_eps(p: sp.Expr, w_driven: sp.Expr, b11_value: sp.Expr, b22_value: sp.Expr, b12_sq: sp.Expr
                    ) -> sp.Expr:
        return sp.Subs(1 + p.subs(w, w_driven) / (eps0 * E), (b11, b22, b12),
                       (b11_value, b22_value, sp.sqrt(b12_sq)))

    eps_l = eps_inf + (eps_s - eps_inf) * w_to**2 / (w_to**2 - omega**2)
    lattice = chain.step(
        "lattice ε_L(ω) = 1 + P/(ε0 E), b11, b22, b12² of frohlich_coupling: a Lorentz oscillator",
        lattice_eps, polarisation, driven, v11, v22, v12_sq, rhs=eps_l, name="ε_L")
    eps_l_lo = eps_inf * (w_lo**2 - omega**2) / (w_to**2 - omega**2)
    lattice_lo = chain.step("with LST, ε_s = ε∞ ω_LO²/ω_TO²: ε_L = ε∞ (ω_LO² − ω²)/(ω_TO² − ω²)",
                            lambda eps, lo_sq: sp.Subs(eps, eps_s, sp.solve(sp.Eq(w_lo**2, lo_sq), eps_s)[0]),
                            lattice, lst, rhs=eps_l_lo, name="ε_L(LST)")

    # carriers: the q -> 0 limit of the RPA response, in the background ε∞
    wp_sq = n * e**2 / (eps0 * eps_inf * m)
    carriers = chain.step(
        "carriers (lindhard_small_q_expansion, q -> 0): −n e²/(ε0 m ω²) = −ε∞ ω_p²/ω², "
        "ω_p² = n e²/(ε0 ε∞ m) (band mass m, background ε∞)",
        lambda eps: sp.Limit(eps - 1, Q.symbol, 0), eps_el,
        rhs=sp.Subs(-eps_inf * w_p**2 / omega**2, w_p, sp.sqrt(wp_sq)), name="χ_carriers")
    total = chain.step("ε(ω) = ε_L(ω) + carriers: ε∞ [(ω_LO² − ω²)/(ω_TO² − ω²) − ω_p²/ω²]",
                       lambda lat, car: lat + car.expr, lattice_lo, carriers,  # the carriers in ω_p
                       rhs=eps_inf * ((w_lo**2 - omega**2) / (w_to**2 - omega**2) - w_p**2 / omega**2),
                       name="ε(ω)")
    eps_model = chain[total]

    # the zeros: ω² (ω_TO² − ω²) ε/ε∞ is a quadratic in W = ω²
    quadratic = chain.step(
        "ε(ω) = 0: multiply by ω²(ω_TO² − ω²)/ε∞, a quadratic in W = ω²",
        lambda eps: sp.Subs(sp.cancel(eps * omega**2 * (w_to**2 - omega**2) / eps_inf), omega, sp.sqrt(W)),
        total, rhs=lambda ex: sp.expand(ex.doit()), name="quadratic")
    chain.step("its discriminant is >= 0 for ω_LO >= ω_TO: two real modes",
               lambda quad: sp.discriminant(quad, W), quadratic,
               rhs=(w_lo**2 - w_p**2) ** 2 + 4 * w_p**2 * (w_lo**2 - w_to**2))
    probe = {w_lo: 2, w_to: 1, w_p: 1}

    def root(k: int) -> Callable[[sp.Equality], sp.Expr]:
        return lambda eq: sorted(sp.solve(eq, W), key=lambda r: float(r.subs(probe)))[k]

    upper = chain.solve("upper root W_+ = ω_+² (SymPy solve)", W, lambda quad: sp.Eq(quad, 0), quadratic,
                        rhs=root(1), name="W_+")
    lower = chain.solve("lower root W_− = ω_−²", W, lambda quad: sp.Eq(quad, 0), quadratic,
                        rhs=root(0), name="W_−")
    chain.step("product of the roots: ω_+² ω_−² = ω_p² ω_TO² "
               "(so ω_−² = ω_p² ω_TO²/ω_+² without cancellation)",
               lambda hi, lo: hi * lo, upper, lower, rhs=w_p**2 * w_to**2)
    chain.step("no carriers, ω_p -> 0: ω_+ -> ω_LO (the bare LO phonon) ...",
               lambda hi: sp.Limit(sp.sqrt(hi), w_p, 0), upper, rhs=w_lo)
    chain.step("... and ω_− -> 0 (the plasmon of a vanishing density)",
               lambda lo: sp.Limit(sp.sqrt(lo), w_p, 0), lower, rhs=sp.Integer(0))
    chain.step("ω_p >> ω_LO: ω_+ = ω_p + O(1/ω_p), a plasmon", lambda hi: sp.sqrt(hi), upper, rhs=w_p,
               order=(1 / w_p, w_p, sp.oo))
    chain.step("... and ω_− -> ω_TO: the carriers screen the LO field",
               lambda lo: sp.Limit(sp.sqrt(lo), w_p, sp.oo), lower, rhs=w_to)
    chain.step("the quadratic (leading term −W²) is > 0 at W = ω_TO² (ω_LO > ω_TO): ω_− < ω_TO < ω_+ ...",
               lambda quad: sp.Subs(quad, W, w_to**2), quadratic, rhs=w_to**2 * (w_lo**2 - w_to**2))
    chain.step("... > 0 at W = ω_LO²: ω_− < ω_LO < ω_+ ...",
               lambda quad: sp.Subs(quad, W, w_lo**2), quadratic, rhs=w_p**2 * (w_lo**2 - w_to**2))
    chain.step("... and > 0 at W = ω_p²: ω_− < min(ω_TO, ω_p), ω_+ > max(ω_LO, ω_p); for ω_p > 0 neither "
               "mode is at ω_TO or ω_LO",
               lambda quad: sp.Subs(quad, W, w_p**2), quadratic, rhs=w_p**2 * (w_lo**2 - w_to**2))
    chain.step("the lower mode ω_− = sqrt(W_−)", lambda lo: sp.Subs(sp.sqrt(W), W, lo), lower,
               rhs=sp.sqrt(chain[lower]))
    plus = chain.step("the upper mode ω_+ = sqrt(W_+)", lambda hi: sp.Subs(sp.sqrt(W), W, hi), upper,
                      rhs=sp.sqrt(chain[upper]), name="ω_+")
    textbook = sp.sqrt((w_lo**2 + w_p**2 + sp.sqrt((w_lo**2 + w_p**2) ** 2 - 4 * w_p**2 * w_to**2)) / 2)
    return Derivation(
        name="coupled_plasmon_lo_modes",
        title="Coupled plasmon-LO phonon modes at q -> 0",
        source=cite(VARGA_1965, YU_CARDONA.at("plasmon-LO phonon coupled modes"), MAHAN,
                    SEED_002_COUPLING),
        symbols=[OMEGA_PLUS, OMEGA_MINUS, OMEGA_LO, OMEGA_TO, OMEGA_P, OMEGA, W_SQ, EPS_INF, EPS_S,
                 EPS_TOTAL, E_CHARGE, EPS0, M_ELECTRON, N_DENSITY, Q, V_F, W_COORD, FIELD, B11, B12, B22],
        assumptions=[
            Assumption("Huang-Born polar lattice with one TO mode (frohlich_coupling), LST relation"),
            Assumption("free carriers of density n and band mass m in the background ε∞, RPA response at "
                       "q -> 0 (Drude, v_F q << ω: no Landau damping)", sp.Eq(eps_tot, eps_model)),
            Assumption("longitudinal modes: ε(ω) = 0"),
            Assumption("polar lattice: ω_LO > ω_TO", sp.StrictGreaterThan(w_lo, w_to)),
            Assumption("no damping of the phonon or the carriers"),
        ],
        model=chain.model,
        steps=chain.steps,
        statement=sp.Eq(w_plus, chain[plus], evaluate=False),
        textbook=sp.Eq(w_plus, textbook, evaluate=False),
        sample={EPS_S.symbol: (5.0, 20.0), EPS_INF.symbol: (1.0, 4.0), w_lo: (1.2, 3.0), w_to: (0.3, 1.1)},
    )
