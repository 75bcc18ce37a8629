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

import sympy as sp

from .constants import D_POT, E_CHARGE, EPS0, HBAR, RHO, V_F, V_S, VOLUME, Q, quantity
from .derivation import Assumption, Derivation, Step
from .registry import get, register
from .sources import MAHAN, SEED_000_COUPLING, SEED_002_COUPLING, cite
from .units import COULOMB, JOULE, KILOGRAM, METRE, SECOND

__all__ = [
    "deformation_potential_coupling",
    "frohlich_coupling",
    "frohlich_screened_thomas_fermi",
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


def zero_point_steps(
    mass: sp.Expr, omega: sp.Expr, coordinate: sp.Symbol
) -> tuple[list[Step], sp.Expr]:
    """Steps deriving the zero-point fluctuation <ξ²> = ħ/(2 M ω) of an oscillator.

    Parameters
    ----------
    mass, omega : sympy expressions
        Mode mass M and angular frequency ω (their symbols must be declared
        by the calling derivation).
    coordinate : Symbol
        The normal-mode coordinate ξ (real).

    Returns
    -------
    steps : list of Step
        (1) ψ0 = exp(−M ω ξ²/2ħ) solves H ψ0 = (ħω/2) ψ0 for
        H = −ħ²/(2M) d²/dξ² + M ω² ξ²/2; (2) the Gaussian integrals give
        <ξ²> = ħ/(2 M ω).
    msd : sympy expression
        The computed <ξ²>. With ξ = A (b + b†) and <0|(b + b†)²|0> = 1
        (from [b, b†] = 1, b|0> = 0) the mode amplitude is A = sqrt(<ξ²>).
    """
    xi = coordinate
    psi0 = sp.exp(-mass * omega * xi**2 / (2 * hbar))
    h_psi = -hbar**2 / (2 * mass) * sp.Derivative(psi0, (xi, 2)) + mass * omega**2 * xi**2 / 2 * psi0
    energy = sp.simplify(h_psi.doit() / psi0)
    norm = sp.Integral(psi0**2, (xi, -sp.oo, sp.oo))
    second_moment = sp.Integral(xi**2 * psi0**2, (xi, -sp.oo, sp.oo))
    msd = sp.simplify(second_moment.doit() / norm.doit())
    steps = [
        Step(h_psi / psi0, energy,
             "the Gaussian ψ0 = exp(−Mωξ²/2ħ) is the oscillator ground state, energy ħω/2"),
        Step(second_moment / norm, msd,
             "ground-state fluctuation <ξ²> from the Gaussian integrals"),
    ]
    return steps, msd


def power_law_step(expr: sp.Expr, x: sp.Symbol, why: str) -> Step:
    """Step computing the exponent p of ``expr ∝ x**p`` as x -> 0+: lim x d(ln expr)/dx."""
    log_slope = sp.Limit(x * sp.Derivative(sp.log(expr), x), x, 0)
    return Step(log_slope, log_slope.doit(), why)


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

    osc_steps, msd = zero_point_steps(M, omega, COORD.symbol)

    # Mode mass: the kinetic energy ∫ ρ |u̇|²/2 of a unit plane wave is (ρ V) Ȧ²/2.
    phase = sp.exp(sp.I * (qx * x + qy * y + qz * z))
    mass_integral = sp.Integral(rho * phase * sp.conjugate(phase), (x, 0, Lx), (y, 0, Ly), (z, 0, Lz))
    mode_mass = mass_integral.doit()

    # Dilatation of a longitudinal plane wave, ê = q/|q|.
    qvec = sp.Matrix([qx, qy, qz])
    qabs = sp.sqrt(qvec.dot(qvec))
    u = A * qvec / qabs * phase
    divergence = sum(sp.Derivative(u[i], r) for i, r in enumerate((x, y, z)))
    dilatation = sp.simplify(divergence.doit() / phase)

    # Matrix element: D times the dilatation amplitude; plane-wave overlap
    # (1/V)∫ e^{-i(k+q)·r} e^{iq·r} e^{ik·r} d³r = 1 (crystal momentum conserved).
    amplitude = sp.sqrt(msd).subs({M: mode_mass.subs(Lx * Ly * Lz, V), omega: v_s * q})
    g_abs_expr = sp.Subs(sp.Abs(D * dilatation.subs(qabs, q)), (A,), (amplitude,))
    g_abs = sp.simplify(g_abs_expr.doit())
    steps = [
        *osc_steps,
        Step(mass_integral, mode_mass,
             "mode mass: kinetic energy ∫ρ|u̇|²/2 of a unit plane wave is ρV Ȧ²/2, V = L_x L_y L_z"),
        Step(divergence / phase, dilatation,
             "dilatation of the longitudinal wave u = A ê e^{iq·r}, ê = q/|q|"),
        Step(g_abs_expr, g_abs,
             "|g_q| = |D ∇·u| with A = sqrt(<ξ²>), M = ρV, ω_q = v_s q"),
        power_law_step(g_abs, q, "q -> 0: the log-slope of |g_q| is 1/2, so |g_q| ∝ sqrt(q)"),
    ]
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
        steps=steps,
        statement=sp.Eq(g, g_abs, evaluate=False),
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


@register
def frohlich_coupling() -> Derivation:
    """|g_q|² = e² ħ ω_LO/(2 ε0 V q²) (1/ε∞ − 1/ε_s) for polar LO phonons.

    Model: the Huang-Born equations for the reduced ionic displacement w,
    ẅ = b11 w + b12 E and P = b12 w + b22 E, fix b11, b12, b22 from ω_TO,
    ε∞ and ε_s. A longitudinal mode has D = ε0 E + P = 0, which gives its
    field E = −b12 w/(ε0 ε∞), its frequency (the Lyddane-Sachs-Teller
    relation ω_LO² = ω_TO² ε_s/ε∞ comes out) and, with w quantised as an
    oscillator of unit mass density (mode mass V), the potential
    φ_q = E_q/(i q) felt by an electron of charge −e.

    Result: |g_q|² = e² ħ ω_LO/(2 ε0 V q²) (1/ε∞ − 1/ε_s); |g_q| ∝ 1/q.

    Source: seed 000 and seed 002 ("Fröhlich Coupling and the Role of
    Screening"); H. Fröhlich, Adv. Phys. 3, 325 (1954); Mahan, *Many-Particle
    Physics*, §1.3. SI units.
    Validity: bare (unscreened) coupling of a dispersionless LO branch,
    isotropic polar crystal, q small compared with the zone boundary.
    """
    e, eps0 = E_CHARGE.symbol, EPS0.symbol
    eps_inf, eps_s = EPS_INF.symbol, EPS_S.symbol
    w_lo, w_to = OMEGA_LO.symbol, OMEGA_TO.symbol
    w, E = W_COORD.symbol, FIELD.symbol
    b11, b12, b22 = B11.symbol, B12.symbol, B22.symbol
    g = G_Q.symbol

    # Huang-Born: a mode at frequency ω has -ω² w = b11 w + b12 E;  P = b12 w + b22 E.
    def motion(omega: sp.Expr) -> sp.Equality:
        return sp.Eq(-(omega**2) * w, b11 * w + b12 * E)

    polarisation = b12 * w + b22 * E

    # Transverse optical mode: no macroscopic field.
    transverse = motion(w_to).subs(E, 0)
    b11_value = sp.solve(transverse, b11)[0]
    # High frequency: the ions cannot follow (w = 0) and ε0 ε∞ E = ε0 E + P.
    optical = sp.Eq(eps0 * eps_inf * E, eps0 * E + polarisation.subs(w, 0))
    b22_value = sp.solve(optical, b22)[0]
    # Static: ẅ = 0 fixes w(E), and ε0 ε_s E = ε0 E + P.
    w_static = sp.solve(motion(0), w)[0]
    static = sp.Eq(eps0 * eps_s * E, eps0 * E + polarisation.subs(w, w_static)).subs(
        {b11: b11_value, b22: b22_value})
    b12_sq = sp.factor(sp.solve(static, b12)[0] ** 2)

    # Longitudinal mode: no free charge, D = ε0 E + P = 0.
    gauss = sp.Eq(eps0 * E + polarisation.subs(b22, b22_value), 0)
    field_lo = sp.solve(gauss, E)[0]
    longitudinal = motion(w_lo).subs({E: field_lo, b11: b11_value, b12: sp.sqrt(b12_sq)})
    lst = sp.solve(longitudinal, w_lo**2)[0]

    # Quantise w: the Lagrangian density is ẇ²/2 + ..., so the mode mass is V.
    osc_steps, msd = zero_point_steps(V, w_lo, W_COORD.symbol)
    to_squared = sp.solve(sp.Eq(w_lo**2, lst), w_to**2)[0]
    potential = field_lo / (sp.I * q)  # E = -∇φ  =>  E_q = -i q φ_q
    g_sq_expr = sp.Subs(
        (e * sp.Abs(potential)) ** 2, (w, b12), (sp.sqrt(msd), sp.sqrt(b12_sq.subs(w_to**2, to_squared)))
    )
    g_sq = sp.factor(sp.simplify(g_sq_expr.doit()))

    steps = [
        Step(b11, b11_value, "transverse optical mode: E = 0, so b11 = −ω_TO²", solves=transverse),
        Step(b22, b22_value, "high frequency: ions frozen (w = 0), P = ε0(ε∞ − 1)E", solves=optical),
        Step(b12**2, b12_sq, "static limit: ẅ = 0 and P = ε0(ε_s − 1)E fix b12²", solves=static),
        Step(E, field_lo, "longitudinal mode: no free charge, D = ε0 E + P = 0", solves=gauss),
        Step(w_lo**2, lst, "LO frequency: the Lyddane-Sachs-Teller relation ω_LO² = ω_TO² ε_s/ε∞",
             solves=longitudinal),
        *osc_steps,
        Step(g_sq_expr, g_sq,
             "|g_q|² = e²|φ_q|², φ_q = E_q/(iq), w = sqrt(<ξ²>) with mode mass V, ω_TO² = ω_LO² ε∞/ε_s"),
        power_law_step(sp.sqrt(g_sq), q, "q -> 0: the log-slope of |g_q| is −1, so |g_q| ∝ 1/q"),
    ]
    return Derivation(
        name="frohlich_coupling",
        title="Fröhlich coupling to polar LO phonons (bare)",
        source=cite(SEED_002_COUPLING, SEED_000_COUPLING, MAHAN.at("§1.3 (SI form)")),
        symbols=[G_Q, E_CHARGE, EPS0, HBAR, Q, VOLUME, EPS_INF, EPS_S, OMEGA_LO, OMEGA_TO,
                 W_COORD, FIELD, B11, B12, B22],
        assumptions=[
            Assumption("Huang-Born model: ẅ = b11 w + b12 E, P = b12 w + b22 E (isotropic crystal)"),
            Assumption("dispersionless LO branch ω_LO, no free carriers (bare coupling)"),
            Assumption("the ionic lattice is polar and stable", sp.StrictGreaterThan(EPS_S.symbol,
                                                                                     EPS_INF.symbol)),
            Assumption("long wavelength, q small compared with the zone boundary"),
        ],
        steps=steps,
        statement=sp.Eq(g**2, g_sq, evaluate=False),
        textbook=sp.Eq(
            g**2, e**2 * hbar * w_lo / (2 * eps0 * V * q**2) * (1 / eps_inf - 1 / eps_s),
            evaluate=False,
        ),
        sample={EPS_S.symbol: (5.0, 20.0), EPS_INF.symbol: (1.0, 4.0)},
    )


@register
def frohlich_screened_thomas_fermi() -> Derivation:
    """Thomas-Fermi-screened polar coupling: |g_q| = C q/(q² + k_TF²), linear as q -> 0.

    Model: the bare Fröhlich coupling |g_q| = C/q (from ``frohlich_coupling``,
    C² = e² ħ ω_LO/(2 ε0 V) (1/ε∞ − 1/ε_s)) divided by the static
    Thomas-Fermi dielectric function ε_TF(q) = 1 + k_TF²/q² (see
    ``thomas_fermi_limit``), at a fixed LO frequency ω_LO.

    Result: |g_q^scr| = C q/(q² + k_TF²), which vanishes linearly with the
    exact slope C/k_TF². Contrast: the short-ranged deformation-potential
    coupling is not screened further and keeps |g_q| ∝ sqrt(q), so it
    dominates the screened polar coupling as q -> 0.

    Source: seed 002 ("Fröhlich Coupling and the Role of Screening":
    V_scr ∝ |q|/(|q|² + κ_TF²)); seed 000 (静态屏蔽与耦合机制的比较).
    Validity: static screening at fixed ω_LO. This neglects (i) dynamic
    screening, which matters where ω_LO is not small against v_F q, and
    (ii) for acoustic phonons, the softening of ω_q by screening
    (Bohm-Staver), which is why a deformation potential D = (2/3) E_F
    results there rather than this form.
    """
    g_scr = G_Q_SCREENED.symbol
    k_tf = K_TF.symbol
    bare_sq = get("frohlich_coupling").statement.rhs
    dp = get("deformation_potential_coupling").statement.rhs
    eps_tf = 1 + k_tf**2 / q**2
    screened_expr = sp.sqrt(bare_sq) / eps_tf
    screened = sp.factor(sp.simplify(screened_expr))
    slope_limit = sp.Limit(screened / q, q, 0)
    slope = slope_limit.doit()
    derivative_at_0 = sp.Derivative(screened, q)
    contrast = sp.Limit(screened / dp, q, 0)
    linear = power_law_step(screened, q, "q -> 0: the log-slope of |g_q^scr| is 1, so it vanishes ∝ q")
    dp_law = power_law_step(dp, q, "the deformation-potential coupling is not screened: still ∝ sqrt(q)")
    e, eps0 = E_CHARGE.symbol, EPS0.symbol
    prefactor = sp.sqrt(e**2 * hbar * OMEGA_LO.symbol / (2 * eps0 * V)
                        * (1 / EPS_INF.symbol - 1 / EPS_S.symbol))
    steps = [
        Step(screened_expr, screened, "divide the bare |g_q| = C/q by ε_TF(q) = 1 + k_TF²/q²"),
        Step(slope_limit, slope, "q -> 0: |g_q^scr|/q tends to the finite slope C/k_TF²"),
        Step(sp.Limit(derivative_at_0, q, 0), slope, "the slope is the exact derivative at q = 0"),
        Step(screened, slope * q, "linear law near q = 0; the next term is cubic",
             order=(q**3, q, 0)),
        linear,
        dp_law,
        Step(contrast, contrast.doit(),
             "so at small q the screened polar coupling is negligible against the deformation one"),
    ]
    return Derivation(
        name="frohlich_screened_thomas_fermi",
        title="Thomas-Fermi-screened Fröhlich coupling",
        source=cite(f"{SEED_002_COUPLING} (V_scr ∝ |q|/(|q|² + κ_TF²))", SEED_000_COUPLING),
        symbols=[G_Q_SCREENED, E_CHARGE, EPS0, HBAR, Q, VOLUME, EPS_INF, EPS_S, OMEGA_LO, K_TF,
                 D_POT, RHO, V_S, V_F],
        assumptions=[
            Assumption("static Thomas-Fermi screening ε(q) = 1 + k_TF²/q² of the bare coupling"),
            Assumption("fixed LO frequency ω_LO (no screening-induced phonon softening)"),
            Assumption("static screening needs ω_LO small against the electronic response",
                       sp.StrictLessThan(OMEGA_LO.symbol, V_F.symbol * q)),
            Assumption("long wavelength q << 2 k_F, where ε_TF is the limit of the Lindhard ε"),
        ],
        steps=steps,
        statement=sp.Eq(g_scr, screened, evaluate=False),
        textbook=sp.Eq(g_scr, prefactor * q / (q**2 + k_tf**2), evaluate=False),
        sample={EPS_S.symbol: (5.0, 20.0), EPS_INF.symbol: (1.0, 4.0)},
    )
