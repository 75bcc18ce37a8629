"""Numeric cross-checks: independent integrators of ``numeric`` reaching a closed form in its limit.

``ephkit check`` runs, for each derivation that has one, its cross-check after
the symbolic checks and reports the integrator / closed-form ratio. The
integrators never call the closed form they are compared with.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

from derive.derivation import CheckResult

__all__ = ["crosscheck", "regime_at", "run_crosscheck"]

_CROSSCHECKS: dict[str, Callable[[], CheckResult]] = {}


def crosscheck(derivation: str) -> Callable[[Callable[[], CheckResult]], Callable[[], CheckResult]]:
    """Register the numeric cross-check of ``derivation``."""

    def wrap(fn: Callable[[], CheckResult]) -> Callable[[], CheckResult]:
        _CROSSCHECKS[derivation] = fn
        return fn

    return wrap


def run_crosscheck(derivation: str) -> CheckResult | None:
    """The cross-check result of ``derivation``, or None if it has none."""
    fn = _CROSSCHECKS.get(derivation)
    if fn is None:
        return None
    try:
        return fn()
    except Exception as exc:  # a crash is a failed check
        return CheckResult("numeric cross-check", False, "error", f"{type(exc).__name__}: {exc}")


@crosscheck("debye_T3_law")
def _debye_t3_from_lattice_dynamics() -> CheckResult:
    """C_V of the fcc nearest-neighbour Cu spring model at T = Θ_D(0)/1000 against the T³ law."""
    import numeric.constants as c
    from numeric.lattice import Lattice
    from numeric.phonons import debye_T3
    from numeric.springs import SpringModel
    from numeric.thermal import heat_capacity

    model = SpringModel.with_debye_temperature(Lattice.fcc(3.615e-10), 63.546 * c.atomic_mass, 343.0)
    theta = model.debye_temperature_T0()  # from the model's own sound velocities
    T = theta / 1000
    ratio = heat_capacity(model, T) / debye_T3(T, theta, 1.0)
    # The T³ law's next term is O((T/Θ)²) from dispersion: ~1e-5 here; 1e-3 is the bar.
    return _ratio_result("BZ integrator (numeric.thermal, rays) on fcc NN Cu springs",
                         "C_V / (12π⁴/5) k_B (T/Θ_D(0))³", ["T = Θ_D(0)/1000"], ratio, 1e-3,
                         regime=regime_at("debye_T3_law", [{"T": T, "Theta_D": theta}]))


@crosscheck("deformation_potential_coupling")
def _deformation_potential_from_lattice_dynamics() -> CheckResult:
    """|g_q| = D |q·e_L| u_zp: ω_L, e_L from the fcc Cu spring model, u_zp from a discretised oscillator.

    Independent of the derivation's steps: the zero-point amplitude <ξ²> is the ground state of a
    finite-difference Schrödinger equation (units ħ = M = ω = 1, so u_zp² = 2<ξ²> ħ/(2ρVω)), the
    frequency and polarisation come from diagonalising the dynamical matrix at small q; the closed form
    uses the model's Christoffel (elastic) longitudinal velocity along q̂.
    """
    from scipy.linalg import eigh_tridiagonal

    import numeric.constants as c
    from numeric.coupling import deformation_potential_coupling
    from numeric.lattice import Lattice
    from numeric.springs import SpringModel

    n, half_width = 4000, 12.0
    xi, h = np.linspace(-half_width, half_width, n, retstep=True)
    _, psi = eigh_tridiagonal(1 / h**2 + xi**2 / 2, np.full(n - 1, -1 / (2 * h**2)), select="i",
                              select_range=(0, 0))
    xi2 = float(np.sum(xi**2 * psi[:, 0] ** 2) / np.sum(psi[:, 0] ** 2))  # 1/2 for the exact oscillator

    a = 3.615e-10
    model = SpringModel.with_debye_temperature(Lattice.fcc(a), 63.546 * c.atomic_mass, 343.0)
    D, V = 10 * c.e, 1e-27
    labels, ratios = [], []
    for direction in ([1.0, 0.0, 0.0], [1.0, 1.0, 1.0]):
        n_hat = np.array(direction) / np.linalg.norm(direction)
        v_L = model.sound_velocities(n_hat)[-1]
        for qa in (1e-3, 1e-2):
            q = 2 * np.pi / a * qa * n_hat
            omega, e = model.modes(q)
            u_zp = np.sqrt(2 * xi2 * c.hbar / (2 * model.mass_density * V * omega[-1]))
            numeric = D * abs(q @ e[:, -1]) * u_zp
            labels.append(f"q̂={''.join(str(int(v)) for v in direction)}, qa/2π={qa:g}")
            ratios.append(numeric / deformation_potential_coupling(np.linalg.norm(q), D, model.mass_density,
                                                                     V, v_L))
    return _ratio_result("dynamical matrix of fcc NN Cu springs + finite-difference oscillator",
                         "|g_q| numeric / closed", labels, ratios, 1e-3,
                         "next term O((qa)²) from dispersion, ~2e-5 at qa/2π = 0.01; "
                         "finite-difference oscillator ~2e-6",
                         regime_at("deformation_potential_coupling", []))


@crosscheck("frohlich_coupling")
def _frohlich_from_dielectric_function() -> CheckResult:
    """|g_q|² = e²ħ/(ε0 V q² ∂ε/∂ω) at the zero ω_LO of a numeric Lorentz-oscillator ε(ω) (GaAs data).

    A different route from the derivation's Huang-Born equations: a longitudinal mode is a zero of
    ε(ω) = ε∞ + (ε_s − ε∞) ω_TO²/(ω_TO² − ω²), and its coupling to an electron is set by the slope of ε
    there (the form that generalises Fröhlich's coupling to several polar modes; with one mode it needs
    LST, which this ε(ω) satisfies by construction). The zero is found by root finding and the slope by
    finite differences; measured GaAs ω_TO = 268 cm⁻¹, ε∞ = 10.89, ε_s = 12.9.
    """
    from scipy.optimize import brentq

    import numeric.constants as c
    from numeric.coupling import frohlich_coupling

    w_TO, eps_inf, eps_s, V = 2 * np.pi * c.c * 268e2, 10.89, 12.9, 1e-27

    def eps(w: float) -> float:
        return eps_inf + (eps_s - eps_inf) * w_TO**2 / (w_TO**2 - w**2)

    w_LO = brentq(eps, w_TO * (1 + 1e-9), 2 * w_TO, xtol=1e-14 * w_TO, rtol=1e-15)
    h = 1e-4 * w_LO  # five-point stencil: error ~ (h/(ω_LO − ω_TO))⁴ ~ 1e-12, rounding ~ 1e-13
    slope = (8 * (eps(w_LO + h) - eps(w_LO - h)) - (eps(w_LO + 2 * h) - eps(w_LO - 2 * h))) / (12 * h)
    q = np.array([1e7, 1e8, 1e9])
    numeric = np.sqrt(c.e**2 * c.hbar / (c.epsilon_0 * V * q**2 * slope))
    ratios = numeric / frohlich_coupling(q, w_LO, eps_inf, eps_s, V)
    return _ratio_result("zero and slope of a numeric dielectric function ε(ω), GaAs",
                         "|g_q| numeric / closed", [f"q={v:g}/m" for v in q], ratios, 1e-8,
                         f"ω_LO from ε(ω_LO) = 0: {w_LO / (2 * np.pi * c.c * 100):.1f} cm⁻¹ "
                         "(Raman: 292 cm⁻¹)",
                         regime_at("frohlich_coupling", [{"epsilon_s": eps_s, "epsilon_inf": eps_inf}]))


# ------------------------------------------------ electron gas: numeric.response against the closed forms
# Default electrons: copper's free-electron gas (n = 8.47e28 m⁻³, m_e; Ashcroft & Mermin table 2.1).
# numeric.response integrates occupations and energies in k space; it never calls numeric.screening.

def _copper_gas() -> object:
    from numeric.electrons import FreeElectronGas

    return FreeElectronGas.copper()


def _in_k_F(q: object, gas: object) -> list[str]:
    return [f"q={v:g}k_F" for v in np.atleast_1d(q) / gas.k_F]


def regime_at(derivation: str, points: Sequence[Mapping[str, float]]) -> tuple[bool, str]:
    """Whether every point lies inside the regime of ``derivation`` (:attr:`Derivation.regime`), and how
    deep: for each relation a < b (or a > b), the range of a/b over the points.

    ``points`` give SI values by symbol name; a regime symbol without a value is a ValueError.
    """
    import sympy as sp

    from derive import get

    regime = get(derivation).regime
    if not regime:
        return True, "regime: no restriction"
    inside, parts = True, []
    for relation in regime:
        names = {s.name: s for s in relation.free_symbols}
        ratios = []
        for point in points:
            missing = sorted(set(names) - set(point))
            if missing:
                raise ValueError(f"the cross-check of {derivation} gives no value of {missing} for its "
                                 f"regime {relation}")
            values = {names[k]: point[k] for k in names}
            inside = inside and bool(relation.subs(values))
            if not isinstance(relation, sp.Ne):
                ratios.append(float(relation.lhs.subs(values) / relation.rhs.subs(values)))
        if ratios:
            spread = f"{min(ratios):.3g}" + (f"-{max(ratios):.3g}" if max(ratios) != min(ratios) else "")
            parts.append(f"{relation}: {spread}")
        else:
            parts.append(str(relation))
    return inside, ("inside" if inside else "OUTSIDE") + " the regime (lhs/rhs " + "; ".join(parts) + ")"


def _ratio_result(method: str, what: str, labels: list[str], ratios: object, tolerance: float,
                  note: str = "", regime: tuple[bool, str] = (True, "")) -> CheckResult:
    """Pass when every integrator / closed-form ratio is within ``tolerance`` of 1 and the points lie
    inside the derivation's regime (:func:`regime_at`); print them all."""
    values = [float(r) for r in np.atleast_1d(ratios)]
    worst = max(abs(r - 1.0) for r in values)
    shown = ", ".join(f"{k}: {r:.8f}" for k, r in zip(labels, values, strict=True))
    inside, where = regime
    return CheckResult("numeric cross-check", worst < tolerance and inside, method,
                       f"{what}: {shown} (max |ratio − 1| = {worst:.1e}, tolerance {tolerance:g})"
                       + (f"; {note}" if note else "") + (f"; {where}" if where else ""))


@crosscheck("lindhard_static")
def _lindhard_from_k_space() -> CheckResult:
    """χ0(q, 0) by k-space integration at T = 0 against −g(E_F) F(q/2k_F), across and beyond 2k_F."""

    from numeric.response import chi0
    from numeric.screening import lindhard_static

    gas = _copper_gas()
    x = np.array([0.05, 0.5, 0.9, 1.0, 1.5])
    ratios = chi0(gas, 2 * gas.k_F * x) / (-gas.dos_fermi * lindhard_static(x))
    return _ratio_result("k-space χ0 (numeric.response), Cu gas", "χ0 / (−g(E_F) F(x))",
                         [f"x={v:g}" for v in x], ratios, 1e-4, regime=regime_at("lindhard_static", []))


@crosscheck("thomas_fermi_limit")
def _thomas_fermi_from_k_space() -> CheckResult:
    """k_TF from the numeric χ0(q -> 0) (extrapolated in q²) against sqrt(e² g(E_F)/ε0)."""
    from numeric.response import thomas_fermi_wavevector_numeric
    from numeric.screening import thomas_fermi_wavevector

    gas = _copper_gas()
    ratio = thomas_fermi_wavevector_numeric(gas) / thomas_fermi_wavevector(gas.n, gas.m)
    return _ratio_result("k-space χ0(q -> 0), Cu gas", "numeric / closed form", ["k_TF"], ratio, 1e-6,
                         regime=regime_at("thomas_fermi_limit", [{"q": 0.0, "k_F": gas.k_F}]))


@crosscheck("lindhard_small_q_expansion")
def _small_q_dielectric_from_k_space() -> CheckResult:
    """1 − ε(q, ω) from the numeric χ0 at ω = 20 v_F q against ω_p²/ω² [1 + (3/5)(v_F q/ω)²]."""
    import numeric.constants as c
    from numeric.response import dielectric_rpa
    from numeric.screening import dielectric_small_q

    gas = _copper_gas()
    q = np.array([0.02, 0.05]) * gas.k_F
    omega = 20 * gas.v_F * q
    ratios = (1 - dielectric_rpa(gas, q, omega).real) / (1 - dielectric_small_q(q, omega, gas.n, gas.m))
    # next term: (3/7)(v_F q/ω)⁴ + (ħq²/2mω)²-type corrections, relative size < 1e-5 here
    points = [{"omega": w, "q": k, "v_F": gas.v_F, "hbar": c.hbar, "m": gas.m}
              for w, k in zip(omega, q, strict=True)]
    return _ratio_result("k-space χ0 at ω = 20 v_F q, Cu gas", "(1 − ε) numeric / closed",
                         _in_k_F(q, gas), ratios, 1e-4,
                         regime=regime_at("lindhard_small_q_expansion", points))


@crosscheck("plasmon_dispersion")
def _plasmon_from_k_space() -> CheckResult:
    """The zero of the numeric Re ε(q, ω) against ω_p² + (3/5) v_F² q² at small q."""
    import numeric.constants as c
    from numeric.response import plasmon_frequency_numeric
    from numeric.screening import plasmon_frequency

    gas = _copper_gas()
    q = np.array([0.01, 0.05]) * gas.k_F
    ratios = plasmon_frequency_numeric(gas, q) / plasmon_frequency(q, gas.n, gas.m)
    # next term (12/175) v_F⁴ q⁴/ω_p² + ħ²q⁴/4m²: relative < 1e-5 at q = 0.05 k_F in copper
    points = [{"q": k, "v_F": gas.v_F, "e": c.e, "n": gas.n, "epsilon_0": c.epsilon_0, "m": gas.m}
              for k in q]
    return _ratio_result("root of numeric Re ε, Cu gas", "ω_pl numeric / closed", _in_k_F(q, gas),
                         ratios, 1e-4, regime=regime_at("plasmon_dispersion", points))


@crosscheck("frohlich_screened_thomas_fermi")
def _screened_frohlich_from_k_space() -> CheckResult:
    """|g_q|/|ε(q, ω_LO)| with the numeric dynamic RPA ε against the Thomas-Fermi form, in its regime.

    The claim is static screening of the LO phonon's field: the numeric ε is taken at the phonon's own
    frequency ω_LO (k-space χ0(q, ω_LO), complex inside the particle-hole continuum), at points inside
    the regime ω_LO << v_F q, q << k_F (ν = ω_LO/(v_F q) ~ 0.03-0.05, x = q/2k_F ~ 0.025-0.05).
    """
    import numeric.constants as c
    from numeric.coupling import frohlich_coupling, frohlich_coupling_screened
    from numeric.response import dielectric_rpa
    from numeric.screening import thomas_fermi_wavevector

    gas = _copper_gas()
    polar = (36.25e-3 * c.e / c.hbar, 10.89, 12.9, 1e-27)  # GaAs ω_LO, ε∞, εs; V = 1 nm³
    q = np.array([0.05, 0.1]) * gas.k_F
    nu = polar[0] / (gas.v_F * q)
    k_tf = thomas_fermi_wavevector(gas.n, gas.m)
    numeric = frohlich_coupling(q, *polar) / np.abs(dielectric_rpa(gas, q, polar[0]))
    ratios = numeric / frohlich_coupling_screened(q, *polar, k_tf)
    labels = [f"q={a:g}k_F (ν={b:.3f})" for a, b in zip(q / gas.k_F, nu, strict=True)]
    return _ratio_result("numeric RPA ε(q, ω_LO) (k-space χ0), Cu gas, GaAs LO mode, regime ω_LO << v_F q",
                         "|g|/|ε| numeric / TF closed", labels, ratios, 2e-3,
                         "next terms: dynamic +(π²/8 − 1)ν² in |ε| and Lindhard −x²/3 in F, x = q/2k_F: "
                         "< 1e-3 here; outside the regime (q = 1e-3 k_F, ν = 2.6) the ratio is ~18",
                         regime_at("frohlich_screened_thomas_fermi",
                                   [{"omega_LO": polar[0], "q": k, "v_F": gas.v_F, "k_F": gas.k_F}
                                    for k in q]))


@crosscheck("frohlich_screened_dynamic_high_frequency")
def _dynamic_frohlich_from_k_space() -> CheckResult:
    """g_q/ε(q, ω_LO) with the numeric RPA ε at ω_LO against |g| ω_LO²/(ω_LO² − ω_p²), for ω_LO >> v_F q.

    Two electron gases: copper (ω_p >> ω_LO: over-screened, the factor is ≈ −(ω_LO/ω_p)²) and a dilute
    gas, n = 1e22 m⁻³, m = 0.067 m_e (ω_p < ω_LO: the coupling is enhanced); points at
    ν = ω_LO/(v_F q) >= 86, above the particle-hole continuum.
    """
    import numeric.constants as c
    from numeric.coupling import frohlich_coupling, frohlich_coupling_screened_dynamic
    from numeric.electrons import FreeElectronGas
    from numeric.response import dielectric_rpa
    from numeric.screening import plasma_frequency

    polar = (36.25e-3 * c.e / c.hbar, 10.89, 12.9, 1e-27)  # GaAs ω_LO, ε∞, εs; V = 1 nm³
    labels, ratios, points = [], [], []
    for name, gas in (("Cu", _copper_gas()), ("n=1e22, 0.067m_e", FreeElectronGas(1e22, 0.067 * c.m_e))):
        w_p = plasma_frequency(gas.n, gas.m)
        for nu in (250.0, 86.0):
            q = polar[0] / (nu * gas.v_F)
            numeric = frohlich_coupling(q, *polar) / dielectric_rpa(gas, q, polar[0]).real
            ratios.append(numeric / frohlich_coupling_screened_dynamic(q, *polar, w_p))
            labels.append(f"{name} (ω_p/ω_LO={w_p / polar[0]:.3g}) ν={nu:g}")
            points.append({"omega_LO": polar[0], "q": q, "v_F": gas.v_F, "hbar": c.hbar, "m": gas.m,
                           "omega_p": w_p, "k_F": gas.k_F})
    return _ratio_result("numeric RPA ε(q, ω_LO) (k-space χ0), GaAs LO mode, regime ω_LO >> v_F q",
                         "g/ε numeric / closed", labels, ratios, 2e-4,
                         "next term −(3/5) ω_p²/(ω_LO² − ω_p²) ν⁻²: ≤ 8e-5 at ν = 86 (|ratio − 1| "
                         "grows as ν -> 1: 0.91 at ν = 2.6, the crossover)",
                         regime_at("frohlich_screened_dynamic_high_frequency", points))


@crosscheck("coupled_plasmon_lo_modes")
def _coupled_modes_from_k_space() -> CheckResult:
    """The zeros of ε(ω) = ε_L(ω) − v(q)χ0(q, ω) (numeric k-space χ0, brentq) against ω± (doped GaAs).

    ε_L = ε∞(ω_LO² − ω²)/(ω_TO² − ω²) (GaAs ω_TO = 268 cm⁻¹, ε∞ = 10.89, ε_s = 12.9, ω_LO by LST); the
    carriers (m = 0.067 m_e, three densities) enter through their numeric RPA polarisability, not through
    the Drude form of the derivation, at q with v_F q = 1e-4 ω_TO: inside the regime v_F q << ω±, above
    the particle-hole continuum (the lower bracket, 1e-2 min(ω_TO, ω_p), is above 30 v_F q).
    """
    from scipy.optimize import brentq

    import numeric.constants as c
    from numeric.coupling import coupled_plasmon_lo_modes
    from numeric.electrons import FreeElectronGas
    from numeric.response import dielectric_rpa
    from numeric.screening import plasma_frequency

    w_to, eps_inf, eps_s = 2 * np.pi * c.c * 268e2, 10.89, 12.9
    w_lo = w_to * np.sqrt(eps_s / eps_inf)
    labels, ratios = [], []
    for n in (1e23, 1e24, 1e25):
        gas = FreeElectronGas(n, 0.067 * c.m_e)
        q = 1e-4 * w_to / gas.v_F
        w_p = plasma_frequency(gas.n, gas.m) / np.sqrt(eps_inf)  # in the background ε∞

        def eps(w: float, gas: object = gas, q: float = q) -> float:
            return eps_inf * (w_lo**2 - w**2) / (w_to**2 - w**2) + dielectric_rpa(gas, q, w).real - 1

        low, high = min(w_to, w_p), max(w_lo, w_p)
        roots = (brentq(eps, 1e-2 * low, low * (1 - 1e-12), xtol=1e-30, rtol=1e-14),
                 brentq(eps, high * (1 + 1e-12), 10 * high, xtol=1e-30, rtol=1e-14))
        closed = coupled_plasmon_lo_modes(w_p, w_lo, w_to)
        for sign, root, value in zip("−+", roots, closed, strict=True):
            labels.append(f"n={n:g}/m³ (ω_p/ω_LO={w_p / w_lo:.3g}) ω{sign}")
            ratios.append(root / value)
    return _ratio_result("zeros of ε_L(ω) − v(q)χ0(q, ω) (k-space χ0, brentq), doped GaAs",
                         "ω± numeric / closed", labels, ratios, 1e-6,
                         "next term (3/5)(v_F q/ω)² ω_p²/ω² ~ 1e-8",
                         regime_at("coupled_plasmon_lo_modes", [{"omega_LO": w_lo, "omega_TO": w_to}]))


@crosscheck("lindhard_dynamic_real")
def _dynamic_real_from_k_space() -> CheckResult:
    """Re χ0(q, ω) by k-space integration (retarded) against −g(E_F) Re f(x, ν), off and on the continuum."""
    from numeric.response import chi0
    from numeric.screening import lindhard_dynamic

    gas = _copper_gas()
    x, u = np.array([0.1, 0.3, 0.5, 1.5]), np.array([2.0, 0.4, 1.2, 0.6])  # above, inside, inside, below
    q = 2 * gas.k_F * x
    ratios = chi0(gas, q, u * q * gas.v_F).real / (-gas.dos_fermi * lindhard_dynamic(x, u).real)
    return _ratio_result("k-space χ0(q, ω) (numeric.response), Cu gas", "Re χ0 / (−g(E_F) Re f)",
                         [f"(x, ν)=({a:g}, {b:g})" for a, b in zip(x, u, strict=True)], ratios, 1e-4,
                         regime=regime_at("lindhard_dynamic_real", []))


@crosscheck("lindhard_dynamic_imag")
def _dynamic_imag_from_k_space() -> CheckResult:
    """Im χ0(q, ω) by k-space integration inside the particle-hole continuum against −g(E_F) Im f(x, ν)."""
    from numeric.response import chi0
    from numeric.screening import lindhard_dynamic

    gas = _copper_gas()
    x, u = np.array([0.1, 0.3, 0.8, 1.5]), np.array([0.5, 0.4, 1.0, 1.0])  # x + ν < 1 and |x − ν| < 1 < x + ν
    q = 2 * gas.k_F * x
    ratios = chi0(gas, q, u * q * gas.v_F).imag / (-gas.dos_fermi * lindhard_dynamic(x, u).imag)
    return _ratio_result("k-space χ0(q, ω) (numeric.response), Cu gas", "Im χ0 / (−g(E_F) Im f)",
                         [f"(x, ν)=({a:g}, {b:g})" for a, b in zip(x, u, strict=True)], ratios, 1e-4,
                         regime=regime_at("lindhard_dynamic_imag", []))


# ------------------------------------------- scattering: the golden-rule integrator against the closed forms
# Default metal: copper's free-electron gas, its mass density and longitudinal sound velocity, an illustrative
# deformation potential D = 10 eV, isotropic Debye phonons continued to 2k_F (cutoff=False, the model of the
# closed forms). numeric.transport's golden-rule functions never call the closed forms.
_CU_RHO, _CU_V_S, _D_EV = 8960.0, 4760.0, 10.0


def _copper_metal() -> tuple:
    """(electrons, Debye phonons, coupling, closed-form arguments after T, T_BG) for copper."""
    import numeric.constants as c
    from numeric.phonons import DebyeModel
    from numeric.scattering import bloch_gruneisen_temperature
    from numeric.transport import DeformationPotential

    gas = _copper_gas()
    phonons = DebyeModel.from_sound_velocity(_CU_V_S, gas.n, _CU_RHO)  # one atom per conduction electron
    args = (_D_EV * c.e, gas.m, gas.k_F, _CU_RHO, _CU_V_S)
    t_bg = bloch_gruneisen_temperature(gas.k_F, _CU_V_S)
    return gas, phonons, DeformationPotential(_D_EV * c.e), args, t_bg


def _rate_crosscheck(derivation: str, integrator: Callable, closed: Callable, T_over_TBG: tuple[float, ...],
                     what: str, tolerance: float, note: str) -> CheckResult:
    import numeric.constants as c

    gas, phonons, coupling, args, t_bg = _copper_metal()
    T = t_bg * np.array(T_over_TBG)
    ratios = integrator(gas, phonons, coupling, T, cutoff=False) / closed(T, *args)
    method = f"golden-rule integrator (numeric.transport), Cu gas, D = {_D_EV:g} eV, T_BG = {t_bg:.0f} K"
    points = [{"T": t, "hbar": c.hbar, "k_F": gas.k_F, "v_s": _CU_V_S, "m": gas.m, "k_B": c.k} for t in T]
    return _ratio_result(method, what, [f"T={r:g}T_BG" for r in T_over_TBG], ratios, tolerance, note,
                         regime_at(derivation, points))


@crosscheck("deformation_potential_rate_high_T")
def _high_T_rate_from_golden_rule() -> CheckResult:
    """1/τ_tr at E_F for T = 10 and 20 T_BG against the linear closed form (copper: T_BG ≈ 990 K >> Θ_D)."""
    from numeric.scattering import deformation_potential_rate_high_T
    from numeric.transport import momentum_relaxation_rate

    return _rate_crosscheck("deformation_potential_rate_high_T", momentum_relaxation_rate,
                            deformation_potential_rate_high_T, (10.0, 20.0),
                            "1/τ_tr numeric / closed", 1e-2,
                            "next term −(T_BG/T)²/9: the linear law needs T >> T_BG, "
                            "in this no-cut-off model (for real Cu, q_D < 2k_F makes Θ_D = 343 K the scale)")


@crosscheck("bloch_gruneisen_transport_rate_low_T")
def _bloch_gruneisen_from_golden_rule() -> CheckResult:
    """The Fermi-window-averaged transport rate (resistivity) at T = T_BG/100, T_BG/200 against the T⁵ law."""
    from numeric.scattering import bloch_gruneisen_rate_low_T
    from numeric.transport import transport_rate_averaged

    return _rate_crosscheck("bloch_gruneisen_transport_rate_low_T", transport_rate_averaged,
                            bloch_gruneisen_rate_low_T, (0.01, 0.005),
                            "<1/τ_tr> numeric / closed", 1e-4, "next term O((v_s/v_F)²) ≈ 1e-5")


@crosscheck("transport_rate_fermi_level_low_T")
def _fermi_level_transport_from_golden_rule() -> CheckResult:
    """1/τ_tr of an electron at E_F at T = T_BG/100, T_BG/200 against its own T⁵ law."""
    from numeric.scattering import transport_rate_fermi_level_low_T
    from numeric.transport import momentum_relaxation_rate

    return _rate_crosscheck("transport_rate_fermi_level_low_T", momentum_relaxation_rate,
                            transport_rate_fermi_level_low_T, (0.01, 0.005),
                            "1/τ_tr(E_F) numeric / closed", 1e-4, "next term O((v_s/v_F)²) ≈ 1e-5")


@crosscheck("quasiparticle_rate_low_T")
def _quasiparticle_from_golden_rule() -> CheckResult:
    """The quasiparticle (out-scattering) rate at E_F at T = T_BG/100, T_BG/200 against the T³ law."""
    from numeric.scattering import quasiparticle_rate_low_T
    from numeric.transport import quasiparticle_scattering_rate

    return _rate_crosscheck("quasiparticle_rate_low_T", quasiparticle_scattering_rate,
                            quasiparticle_rate_low_T, (0.01, 0.005),
                            "1/τ_qp numeric / closed", 1e-4, "next term at most O((v_s/v_F)²) ≈ 1e-5")


@crosscheck("eliashberg_moments_debye")
def _eliashberg_moments_from_grid() -> CheckResult:
    """λ, ⟨ω²⟩ and ω_log of α²F = λ (ω/ω_D)² on a grid of 20001 points (numeric.superconductivity's
    trapezoid integrator) against λ, ω_D²/2 and ω_D e^{−1/2} (λ = 1, ω_D = 2π·5 THz)."""
    from numeric.superconductivity import eliashberg_moments

    lam, omega_D = 1.0, 2 * np.pi * 5e12
    omega = np.linspace(0.0, omega_D, 20001)
    m = eliashberg_moments(omega, lam * (omega / omega_D) ** 2)
    ratios = [m.lam / lam, m.omega2_mean / (omega_D**2 / 2), m.omega_log / (omega_D * np.exp(-0.5))]
    return _ratio_result("trapezoid moments of a grid α²F (numeric.superconductivity), 20001 points",
                         "moment numeric / closed", ["λ", "⟨ω²⟩", "ω_log"], ratios, 1e-6,
                         "grid error O(h²) for λ and ⟨ω²⟩, O(h² ln h) for ω_log: ~2e-8 here",
                         regime_at("eliashberg_moments_debye", []))


@crosscheck("eliashberg_moments_einstein")
def _einstein_moments_from_grid() -> CheckResult:
    """λ, ⟨ω²⟩ and ω_log of a narrow normalised Gaussian peak (width σ = 1e-3 ω_E) on a grid of 4001 points
    (numeric.superconductivity's trapezoid integrator) against λ_E, ω_E² and ω_E (λ_E = 1, ω_E = 2π·5 THz)."""
    from numeric.superconductivity import eliashberg_moments

    lam, omega_E, width = 1.0, 2 * np.pi * 5e12, 1e-3
    omega = np.linspace((1 - 20 * width) * omega_E, (1 + 20 * width) * omega_E, 4001)
    peak = np.exp(-0.5 * ((omega / omega_E - 1) / width) ** 2) / (np.sqrt(2 * np.pi) * width * omega_E)
    m = eliashberg_moments(omega, lam * omega_E / 2 * peak)
    ratios = [m.lam / lam, m.omega2_mean / omega_E**2, m.omega_log / omega_E]
    return _ratio_result("trapezoid moments of a grid α²F (numeric.superconductivity), Gaussian peak, "
                         "4001 points",
                         "moment numeric / closed", ["λ", "⟨ω²⟩", "ω_log"], ratios, 5e-6,
                         "the peak's width shifts the moments by O(σ²/ω_E²) = 1e-6 (λ: +σ²/ω_E², "
                         "⟨ω²⟩: −σ²/ω_E², ω_log: −3σ²/(2ω_E²) at leading order)",
                         regime_at("eliashberg_moments_einstein", []))


def _lambdified_statement(derivation: str) -> tuple[Callable[..., float], list[str]]:
    """The statement's right side of ``derivation`` as a float function of its free symbols (by name)."""
    import sympy as sp

    from derive import get

    rhs = get(derivation).statement.rhs
    names = sorted(str(s) for s in rhs.free_symbols)
    symbols = sorted(rhs.free_symbols, key=str)
    return sp.lambdify(symbols, rhs, modules="math"), names


@crosscheck("mcmillan_inversion")
def _mcmillan_inversion_by_root_finding() -> CheckResult:
    """λ from T_c: brentq on the stated formula (numeric.superconductivity.mcmillan_tc, the formula's
    kernel) against the derived inversion λ = (1.04 + μ*L)/((1 − 0.62μ*)L − 1.04), L = ln(Θ_D/1.45T_c)."""
    from scipy.optimize import brentq

    from numeric.superconductivity import mcmillan_tc

    inverse, names = _lambdified_statement("mcmillan_inversion")
    theta, labels, ratios, points = 275.0, [], [], []
    for mu, tc in ((0.1, 1.2), (0.13, 9.25), (0.0, 0.5), (0.2, 20.0)):
        lam_c = mu / (1 - 0.62 * mu)
        root = brentq(lambda x, mu=mu, tc=tc: mcmillan_tc(x, mu, theta) / tc - 1, lam_c + 1e-9, 100.0,
                      xtol=1e-300, rtol=1e-15)
        values = {"T_c": tc, "Theta_D": theta, "mu_star": mu}
        ratios.append(root / inverse(*(values[n] for n in names)))
        labels.append(f"μ*={mu:g}, T_c={tc:g} K")
        points.append(values)
    return _ratio_result("brentq on the stated McMillan T_c (numeric.superconductivity.mcmillan_tc), "
                         f"Θ_D = {theta:g} K", "λ root / derived inversion", labels, ratios, 1e-12,
                         regime=regime_at("mcmillan_inversion", points))


@crosscheck("allen_dynes_limits")
def _allen_dynes_large_coupling() -> CheckResult:
    """T_c k_B/(ħ ω̄₂ λ^{1/2}) of the stated formula (numeric.superconductivity.allen_dynes_tc) at λ = 1e8
    and 1e10 against the derived limit c_∞(μ*); ω_log = 2π·5 THz, ω̄₂ = 1.2 ω_log."""
    import numeric.constants as c
    from numeric.superconductivity import allen_dynes_tc

    coefficient, names = _lambdified_statement("allen_dynes_limits")
    w_log = 2 * np.pi * 5e12
    labels, ratios = [], []
    for mu in (0.0, 0.1, 0.15):
        for lam in (1e8, 1e10):
            scaled = allen_dynes_tc(lam, mu, w_log, 1.2 * w_log) * c.k / (c.hbar * 1.2 * w_log * np.sqrt(lam))
            ratios.append(scaled / coefficient(*({"mu_star": mu}[n] for n in names)))
            labels.append(f"μ*={mu:g}, λ={lam:g}")
    return _ratio_result("stated Allen-Dynes T_c (numeric.superconductivity.allen_dynes_tc) at large λ",
                         "T_c k_B/(ħ ω̄₂ λ^{1/2}) / c_∞", labels, ratios, 1e-7,
                         "remainder O(1/λ): −1.04(1 + 0.38μ*)/((1 − 0.62μ*)² λ) from the exponent, "
                         "1.0e-8 to 1.3e-8 at λ = 1e8",
                         regime_at("allen_dynes_limits", [{"omega2_bar": 1.2 * w_log, "omega_log": w_log}]))


# ------------------------------------- BCS limit and Migdal mass enhancement (derive.eliashberg)
# The finite-cutoff BCS equations and the Migdal self-energy are solved here by quadrature and root
# finding (scipy); the closed forms come from the generated kernels numeric._generated.eliashberg.

def _bcs_tc_integral(X: float) -> float:
    """∫_0^X tanh(x)/x dx by adaptive quadrature; beyond x = 40, where 1 − tanh x < 4e-35, it is ln(X/40)."""
    from scipy.integrate import quad

    head = quad(lambda x: np.tanh(x) / x, 0.0, min(X, 40.0), epsabs=0.0, epsrel=1e-13, limit=200)[0]
    return head + (np.log(X / 40.0) if X > 40.0 else 0.0)


def _bcs_tc_numeric(omega_c: float, lam: float) -> float:
    """T_c (K) from the full linearized gap equation 1 = λ∫_0^{ħω_c} tanh(ε/2k_BT)/ε dε (brentq in ln T)."""
    from scipy.optimize import brentq

    import numeric.constants as c

    def mismatch(log_t: float) -> float:
        return lam * _bcs_tc_integral(c.hbar * omega_c / (2 * c.k * np.exp(log_t))) - 1.0

    hi = np.log(c.hbar * omega_c / c.k)  # X = 1/2: the integral < 1/2 < 1/λ for λ < 2
    return float(np.exp(brentq(mismatch, hi - 2.0 / lam - 10.0, hi, xtol=1e-15, rtol=1e-15)))


def _bcs_gap_numeric(omega_c: float, lam: float) -> float:
    """Δ(0) (J) from the T = 0 gap equation 1 = λ∫_0^{ħω_c} dε/√(ε² + Δ²) (quadrature in ε/ħω_c, brentq)."""
    from scipy.integrate import quad
    from scipy.optimize import brentq

    import numeric.constants as c

    def mismatch(log_d: float) -> float:
        d = np.exp(log_d)
        integral = quad(lambda y: 1.0 / np.hypot(y, d), 0.0, 1.0, points=[d] if d < 1 else None,
                        epsabs=0.0, epsrel=1e-13, limit=200)[0]
        return lam * integral - 1.0

    return float(c.hbar * omega_c * np.exp(brentq(mismatch, -2.0 / lam - 10.0, 2.0, xtol=1e-15, rtol=1e-15)))


@crosscheck("bcs_tc_weak_coupling")
def _bcs_tc_from_gap_equation() -> CheckResult:
    """T_c from the full finite-cutoff BCS equation (quadrature + root finding) at λ = 0.2, 0.25, 0.3
    against the weak-coupling closed form (kernel bcs_tc), ω_c = 2π·5 THz."""
    import numeric.constants as c
    from numeric._generated.eliashberg import bcs_tc_scalar

    omega_c, lams = 2 * np.pi * 5e12, (0.2, 0.25, 0.3)
    tcs = [_bcs_tc_numeric(omega_c, lam) for lam in lams]
    ratios = [tc / bcs_tc_scalar(omega_c, lam) for tc, lam in zip(tcs, lams, strict=True)]
    X = c.hbar * omega_c / (2 * c.k * tcs[-1])
    points = [{"T_c": tc, "k_B": c.k, "hbar": c.hbar, "omega_c": omega_c} for tc in tcs]
    return _ratio_result("finite-cutoff BCS gap equation by quadrature + brentq (scipy)",
                         "T_c numeric / closed", [f"λ={lam:g}" for lam in lams], ratios, 1e-9,
                         "next term: T_c ratio − 1 ≈ e^(−2X)/X, X = ħω_c/2k_BT_c "
                         f"({np.exp(-2 * X) / X:.1e} at λ = 0.3); quadrature and root finding ~1e-13",
                         regime_at("bcs_tc_weak_coupling", points))


@crosscheck("bcs_gap_ratio")
def _bcs_gap_ratio_from_gap_equations() -> CheckResult:
    """2Δ(0)/k_BT_c with Δ(0) and T_c each from its full finite-cutoff BCS equation (quadrature + brentq)
    at λ = 0.1, 0.15, 0.2, against 2π e^{−γ}; Δ(0) also against the exact kernel ħω_c/sinh(1/λ)."""
    import numeric.constants as c
    from numeric._generated.eliashberg import bcs_gap_zero_temperature_scalar

    omega_c, lams = 2 * np.pi * 5e12, (0.1, 0.15, 0.2)
    gaps = [_bcs_gap_numeric(omega_c, lam) for lam in lams]
    ratios = [2 * gap / (c.k * _bcs_tc_numeric(omega_c, lam)) / (2 * np.pi * np.exp(-np.euler_gamma))
              for gap, lam in zip(gaps, lams, strict=True)]
    exact = [gap / bcs_gap_zero_temperature_scalar(omega_c, lam) for gap, lam in zip(gaps, lams, strict=True)]
    labels = [f"2Δ/k_BT_c, λ={lam:g}" for lam in lams] + [f"Δ(0)/kernel, λ={lam:g}" for lam in lams]
    next_term = np.exp(-2 / lams[-1])  # Δ(0) = 2ħω_c e^(−1/λ)(1 + e^(−2/λ) + ...); T_c's ~e^(−2X)/X < 1e-50
    return _ratio_result("finite-cutoff BCS gap equations at T = 0 and T_c by quadrature + brentq (scipy)",
                         "numeric / closed", labels, ratios + exact, 1.2 * next_term,
                         f"tolerance from the next term of the ratio, e^(−2/λ) = {next_term:.2e} at "
                         f"λ = {lams[-1]:g}; Δ(0) vs the exact kernel ~1e-13",
                         regime_at("bcs_gap_ratio",
                                   [{"Delta": g, "hbar": c.hbar, "omega_c": omega_c} for g in gaps]))


def _migdal_slope(a2F: Callable[[float], float], top: float, h: float) -> tuple[float, float]:
    """(λ, −∂Re Σ/∂(ħω) at ω = 0) of a spectrum on (0, top) in reduced frequencies: λ = 2∫α²F/t dt, the
    slope Re Σ(h)/(ħh) (Σ is odd in ω) with Re Σ(ω)/ħ = −∫α²F(t) ln|(t + ω)/(t − ω)| dt by quadrature."""
    from scipy.integrate import quad

    lam = 2 * quad(lambda t: a2F(t) / t, 0.0, top, epsabs=0.0, epsrel=1e-13, limit=400)[0]
    sigma = -quad(lambda t: a2F(t) * np.log(abs((t + h) / (t - h))), 0.0, top, points=[h],
                  epsabs=0.0, epsrel=1e-13, limit=400)[0]
    return lam, -sigma / h


@crosscheck("mass_enhancement_migdal")
def _mass_enhancement_from_self_energy() -> CheckResult:
    """m*/m = 1 − ∂Re Σ/∂(ħω) from the Migdal Re Σ(ω) by quadrature (slope at ω = 1e-4 ω_0) for a
    Debye-like and a Gaussian-broadened Einstein α²F, λ of each by quadrature, against the kernel 1 + λ."""
    from numeric._generated.eliashberg import mass_enhancement_scalar

    h, labels, ratios = 1e-4, [], []
    spectra = {"Debye-like α²F = 0.8 t², t < 1": (lambda t: 0.8 * t**2, 1.0),
               "Gaussian peak at t = 1, width 0.1": (lambda t: 0.6 * np.exp(-(((t - 1.0) / 0.1) ** 2) / 2),
                                                     2.0)}
    for label, (a2F, top) in spectra.items():
        lam, slope = _migdal_slope(a2F, top, h)
        labels.append(f"{label} (λ={lam:.4f})")
        ratios.append((1 + slope) / mass_enhancement_scalar(lam))
    return _ratio_result("Migdal Re Σ(ω) by quadrature (scipy), slope Σ(h)/h at h = 1e-4 ω_0",
                         "m*/m numeric / (1 + λ)", labels, ratios, 1e-6,
                         "slope error O(h² ln h) ~ 1e-7 relative",
                         regime_at("mass_enhancement_migdal", [{"s": h}]))


# ----------------------------- Eliashberg function of the free-electron gas (numeric.eliashberg_function)
@crosscheck("nesting_function_sphere")
def _nesting_from_smeared_deltas() -> CheckResult:
    """ξ(q) by k-space quadrature of two Gaussian-smeared deltas on the band's own energies (Cu gas,
    σ = 2e-3 E_F) against m²/(4π²ħ⁴q), inside the sphere and near 2k_F."""
    from numeric.eliashberg_function import nesting_function, nesting_function_sphere

    gas = _copper_gas()
    q = np.array([0.3, 1.0, 1.9]) * gas.k_F
    ratios = nesting_function(gas, q, 2e-3 * gas.E_F) / nesting_function_sphere(q, gas.m, gas.k_F)
    return _ratio_result("k-space quadrature of Gaussian-smeared double delta (numeric.eliashberg_function), "
                         "Cu gas, σ = 2e-3 E_F", "ξ numeric / closed", _in_k_F(q, gas), ratios, 1e-8,
                         "smearing error O(σ²) in general, nil for a parabolic band inside 0 < q < 2k_F "
                         "(constant joint density); quadrature ~1e-13",
                         regime_at("nesting_function_sphere", [{"q": v, "k_F": gas.k_F} for v in q]))


@crosscheck("eliashberg_function_free_electron")
def _coupling_constant_from_alpha2F() -> CheckResult:
    """λ and λ_tr of the Cu gas with Debye phonons (q_c = q_D < 2k_F, D = 10 eV): the moments of the
    numeric α²F (q-node integral, and α²F on a 20001-point grid through numeric.superconductivity's
    trapezoid moments) against D²m q_c²/(8π²ρv_s²ħ²k_F) and λ(q_c/2k_F)²."""
    import numeric.constants as c
    from numeric.eliashberg_function import (
        coupling_constant_free_electron,
        coupling_moments,
        eliashberg_function,
    )
    from numeric.phonons import DebyeModel
    from numeric.superconductivity import eliashberg_moments

    gas = _copper_gas()
    phonons = DebyeModel.from_sound_velocity(_CU_V_S, gas.n, _CU_RHO)
    q_c = min(phonons.q_debye, 2 * gas.k_F)
    closed = [coupling_constant_free_electron(_D_EV * c.e, gas.m, gas.k_F, _CU_RHO, _CU_V_S, q_c,
                                              transport=t) for t in (False, True)]
    omega = np.linspace(0.0, _CU_V_S * q_c, 20001)
    labels, ratios = [], []
    for transport, lam in zip((False, True), closed, strict=True):
        name = "λ_tr" if transport else "λ"
        labels += [f"{name} (q-nodes)", f"{name} (grid)"]
        a2F = eliashberg_function(gas, phonons, _D_EV * c.e, omega, transport=transport)
        ratios += [coupling_moments(gas, phonons, _D_EV * c.e, transport=transport).lam / lam,
                   eliashberg_moments(omega, a2F).lam / lam]
    return _ratio_result("moments of the numeric α²F (numeric.eliashberg_function, superconductivity), Cu "
                         f"gas, Debye phonons, q_c = q_D = {q_c / gas.k_F:.3f} k_F", "λ numeric / closed",
                         labels, ratios, 1e-6, "grid: trapezoid O(h²) ~ 1e-9 at 20001 points",
                         regime_at("eliashberg_function_free_electron", [{"q_c": q_c, "k_F": gas.k_F}]))


@crosscheck("allen_transport_bloch_gruneisen")
def _allen_low_T_from_golden_rule() -> CheckResult:
    """The golden-rule Fermi-window rate (numeric.transport, full kinematics) and Allen's formula on the
    numeric α²F_tr (numeric.eliashberg_function) at T = T_BG/100, T_BG/200 against
    960πζ(5)λ_tr(k_BT)⁵/(ħ⁵ω_c⁴), λ_tr from the numeric α²F_tr; Cu gas, phonons to 2k_F."""
    import numeric.constants as c
    from numeric.eliashberg_function import (
        allen_resistivity,
        allen_transport_rate_low_T,
        coupling_moments,
        eliashberg_function,
    )
    from numeric.transport import transport_rate_averaged

    gas, phonons, coupling, _, t_bg = _copper_metal()
    omega_c = 2 * _CU_V_S * gas.k_F
    T = t_bg * np.array([0.01, 0.005])
    lam_tr = coupling_moments(gas, phonons, coupling, transport=True, cutoff=False).lam
    closed = allen_transport_rate_low_T(T, lam_tr, omega_c)
    omega = np.geomspace(1e-6 * omega_c, omega_c, 400)
    a2F_tr = eliashberg_function(gas, phonons, coupling, omega, transport=True, cutoff=False)
    allen = allen_resistivity(gas, omega, a2F_tr, T, interpolation="power") * gas.n * c.e**2 / gas.m
    golden = transport_rate_averaged(gas, phonons, coupling, T, cutoff=False)
    labels = [f"{w} T={r:g}T_BG" for w in ("golden rule", "Allen") for r in T / t_bg]
    return _ratio_result("golden-rule integrator (numeric.transport) and Allen's formula on the numeric "
                         "α²F_tr (numeric.eliashberg_function), Cu gas, D = 10 eV",
                         "<1/τ_tr> numeric / closed",
                         labels, np.concatenate([golden / closed, allen / closed]), 1e-4,
                         "golden rule: next term −(v_s/v_F)² ≈ −1e-5 (ħω in the kinematics); Allen: "
                         "J_5 tail (Θ/T)⁵e^(−Θ/T) < 1e-30",
                         regime_at("allen_transport_bloch_gruneisen",
                                   [{"T": t, "k_B": c.k, "hbar": c.hbar, "omega_c": omega_c} for t in T]))


@crosscheck("wiedemann_franz_lorenz")
def _lorenz_from_fermi_window_quadrature() -> CheckResult:
    """κ/(σT) from scipy quadrature of the transport integrals K_n = ∫(−∂f/∂ε)(ε − μ)^n Φ(ε) dε of the
    free-electron Φ ∝ ε^{3/2} (Cu gas, not the linear Φ of the derivation) at k_BT/E_F = 1e-3 and 1e-4."""
    import math

    from scipy.integrate import quad

    import numeric.constants as c
    from numeric.metals import lorenz_number

    gas = _copper_gas()
    ratios, points = [], []
    for t in (1e-3, 1e-4):  # k_BT/E_F; x = (ε − E_F)/k_BT from the band bottom (x = −1/t) up
        def K(n: int, t: float = t) -> float:
            def integrand(x: float) -> float:
                y = math.exp(-abs(x))  # −∂f/∂x = e^{−|x|}/(1 + e^{−|x|})², no overflow
                return y / (1 + y) ** 2 * x**n * (1 + t * x) ** 1.5

            return sum(quad(integrand, lo, hi, epsabs=0, epsrel=1e-13, limit=200)[0]
                       for lo, hi in ((-1 / t, -40), (-40, 0), (0, 40), (40, 80)))

        k0, k1, k2 = K(0), K(1), K(2)
        ratios.append(c.k**2 * (k2 - k1**2 / k0) / (c.e**2 * k0) / lorenz_number())
        points.append({"k_B": c.k, "T": t * gas.E_F / c.k, "Phi_0": 1.0, "Phi_1": 1.5 / gas.E_F})
    return _ratio_result("scipy quadrature of the Fermi-window integrals, Φ ∝ ε^{3/2} (Cu gas)",
                         "κ/(σT) / L₀", ["k_BT/E_F=1e-3", "k_BT/E_F=1e-4"], ratios, 1e-4,
                         "Sommerfeld correction O((k_BT/E_F)²)", regime_at("wiedemann_franz_lorenz", points))


@crosscheck("lorenz_ratio_bloch_wilson")
def _lorenz_ratio_from_the_variational_functionals() -> CheckResult:
    """(π²/3)F_el/F_th from the model itself by scipy quadrature: explicit wavevectors k = κẑ and k' on
    the sphere (|k − k'| = t q_D), the trial functions' changes averaged over the six directions ±x̂, ±ŷ,
    ±ẑ of u (exact for a quadratic form), the occupation f(η − z/2)(1 − f(η + z/2)) integrated over η
    and the Debye weight t²n(yt) over t, against numeric.metals.bloch_wilson_lorenz_ratio."""
    import math

    from scipy.integrate import quad

    from numeric.metals import bloch_wilson_lorenz_ratio

    def fermi(e: float) -> float:
        return 0.5 * (1.0 - math.tanh(0.5 * e))

    axes = np.vstack([np.eye(3), -np.eye(3)])

    def functional(y: float, kappa: float, thermal: bool) -> float:
        def over_t(t: float) -> float:
            z = y * t
            cos = 1.0 - t**2 / (2.0 * kappa**2)
            k, kp = np.array([0.0, 0.0, kappa]), kappa * np.array([math.sqrt(max(0.0, 1 - cos**2)), 0.0, cos])

            def over_eta(eta: float) -> float:
                change = (eta - z / 2) * k - (eta + z / 2) * kp if thermal else k - kp
                return fermi(eta - z / 2) * (1.0 - fermi(eta + z / 2)) * float(np.mean((axes @ change) ** 2))

            window = quad(over_eta, -40.0 - z, 40.0 + z, epsabs=0, epsrel=1e-12, limit=200, points=[0.0])[0]
            return t**2 / math.expm1(z) * window

        return quad(over_t, 0.0, 1.0, epsabs=0, epsrel=1e-11, limit=200)[0]

    labels, ratios = [], []
    for y, Z in ((0.3, 1.0), (2.0, 1.0), (6.0, 1.0), (3.0, 3.0)):
        kappa = (Z / 2.0) ** (1.0 / 3.0)
        direct = math.pi**2 / 3.0 * functional(y, kappa, False) / functional(y, kappa, True)
        labels.append(f"Θ/T={y:g},Z={Z:g}")
        ratios.append(direct / bloch_wilson_lorenz_ratio(1.0, y, Z))
    return _ratio_result("scipy quadrature of the variational functionals with explicit wavevectors and "
                         "trial functions (numeric.metals for the closed form)", "L/L₀ quadrature / closed",
                         labels, ratios, 1e-8, "quadrature tolerance ~1e-11",
                         regime_at("lorenz_ratio_bloch_wilson",
                                   [{"q_D": 1.0, "k_F": (Z / 2.0) ** (1.0 / 3.0)} for Z in (1.0, 3.0)]))


@crosscheck("umklapp_kinematics")
def _umklapp_from_the_reciprocal_lattice() -> CheckResult:
    """|G_min| from the Bragg vectors of numeric.lattice (fcc, bcc), k_F of the free-electron gas of density
    Z/Ω (numeric.electrons) and q_D of numeric.phonons.debye_wavevector, against the closed forms."""
    from numeric.electrons import FreeElectronGas
    from numeric.lattice import Lattice
    from numeric.metals import debye_wavevector_ratio, umklapp_gap
    from numeric.phonons import debye_wavevector

    labels, ratios = [], []
    for kind in ("fcc", "bcc"):
        lattice = getattr(Lattice, kind)(4e-10)
        g_min = float(np.min(np.linalg.norm(lattice.bragg_vectors, axis=1)))
        for Z in (1.0, 1.2):
            k_F = FreeElectronGas(Z / lattice.cell_volume).k_F
            labels += [f"{kind} Z={Z:g} q_U", f"{kind} Z={Z:g} q_D"]
            ratios += [(g_min / k_F - 2) / umklapp_gap(kind, Z),
                       debye_wavevector(3, lattice.cell_volume) / k_F / debye_wavevector_ratio(Z)]
    return _ratio_result("reciprocal lattice (numeric.lattice), electron gas, Debye sphere (numeric.phonons)",
                         "numeric / closed", labels, ratios, 1e-12,
                         regime=regime_at("umklapp_kinematics", []))


@crosscheck("migdal_adiabatic_ratio")
def _bohm_staver_from_the_lindhard_integrator() -> CheckResult:
    """v_s = ω_q/q at q = 0.02 k_F with ω_q² = Ω_p²/ε(q), ε(q) = 1 − e²χ0(q)/(ε0q²) from the k-space χ0
    (numeric.response), and ħv_s q_D/E_F with q_D from numeric.phonons.debye_wavevector; Cu gas, Z = 1."""
    import math

    import numeric.constants as c
    from numeric.metals import bohm_staver_velocity, migdal_ratio
    from numeric.phonons import debye_wavevector
    from numeric.response import chi0

    gas = _copper_gas()
    M, Z = 63.546 * c.atomic_mass, 1.0
    q = 0.02 * gas.k_F
    eps = 1 - c.e**2 * chi0(gas, q) / (c.epsilon_0 * q**2)
    v_s = math.sqrt(gas.n / Z * (Z * c.e) ** 2 / (c.epsilon_0 * M) / eps) / q
    ratio = c.hbar * v_s * debye_wavevector(3, Z / gas.n) / gas.E_F
    return _ratio_result("k-space χ0 (numeric.response), Debye sphere (numeric.phonons), Cu gas",
                         "numeric / closed", ["v_s", "ħω_D/E_F"],
                         [v_s / bohm_staver_velocity(Z, M, gas.v_F), ratio / migdal_ratio(Z, M)], 1e-3,
                         "finite q: relative O((q/k_TF)²) ≈ 1e-4", regime_at("migdal_adiabatic_ratio", []))


@crosscheck("resistivity_high_T_slope")
def _resistivity_slope_from_golden_rule() -> CheckResult:
    """The central-difference slope dρ/dT (ΔT = T_BG) of the golden-rule resistivity (numeric.transport, full
    kinematics) at T = 50 T_BG and 100 T_BG against 2πλ_tr k_B/(ħε0ω_p²), λ_tr from the numeric α²F_tr
    (numeric.eliashberg_function.coupling_moments), ω_p² = ne²/(ε0m); Cu gas, Debye phonons to 2k_F."""
    import numeric.constants as c
    from numeric.eliashberg_function import coupling_moments
    from numeric.metals import resistivity_slope
    from numeric.transport import resistivity

    gas, phonons, coupling, _, t_bg = _copper_metal()
    lam_tr = coupling_moments(gas, phonons, coupling, transport=True, cutoff=False).lam
    closed = resistivity_slope(lam_tr, np.sqrt(gas.n * c.e**2 / (c.epsilon_0 * gas.m)))
    ratios = []
    for r in (50, 100):
        rho = resistivity(gas, phonons, coupling, t_bg * np.array([r - 1.0, r + 1.0]), cutoff=False)
        ratios.append((rho[1] - rho[0]) / (2 * t_bg) / closed)
    return _ratio_result("finite-difference slope of the golden-rule resistivity (numeric.transport), λ_tr "
                         "from the numeric α²F_tr (numeric.eliashberg_function), Cu gas, D = 10 eV",
                         "dρ/dT numeric / closed", ["T=50T_BG", "T=100T_BG"], ratios, 1e-4,
                         "next terms: +(T_BG/T)²/18 (Allen's high-T expansion, 2e-5 and 6e-6) and "
                         "(v_s/v_F)² ≈ 9e-6 (ħω in the kinematics)",
                         regime_at("resistivity_high_T_slope", []))
