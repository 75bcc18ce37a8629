"""Independent checks of the derivations of ``derive.eliashberg_function`` (numbers from elsewhere).

References, none of which reuses the SymPy steps:

* the nesting function by the co-area formula: the two Fermi spheres |k| = k_F and |k + q| = k_F meet
  on a circle, and ξ(q) = (2π)⁻³ ∮ dℓ/|∇ε_k × ∇ε_{k+q}| (the gradients and the circle computed with
  mpmath from the geometry); the free-electron DOS per spin (1/4π²)(2m/ħ²)^{3/2} E_F^{1/2} for the sum
  rule;
* λ as the mpmath quadrature (2/N)∫d³q/(2π)³ V|g_q|² ξ(q)/(ħω_q) (the ω-integral of α²F/ω against
  δ(ħω − ħω_q) done first), with the co-area ξ;
* Allen's formula by mpmath quadrature at low, intermediate and high T, and the catalogue's rates.
"""

from __future__ import annotations

import random

import mpmath
import pytest
import sympy as sp

import derive

NESTING, ALPHA2F, ALLEN = ("nesting_function_sphere", "eliashberg_function_free_electron",
                           "allen_transport_bloch_gruneisen")


def _symbols(name: str) -> dict[str, sp.Symbol]:
    return {q.symbol.name: q.symbol for q in derive.get(name).symbols}


def _number(expr: sp.Expr, values: dict[str, object], name: str) -> mpmath.mpf:
    sym = _symbols(name)
    return mpmath.mpf(str(sp.N(expr.subs({sym[k]: _float(v) for k, v in values.items()}), 40)))


def _float(v: object) -> sp.Float:
    return sp.Float(mpmath.nstr(mpmath.mpf(v), 35), 40)


def _params(seed: int) -> dict[str, mpmath.mpf]:
    """Random SI-like values (several decades apart, so that no unit cancels by accident)."""
    rng = random.Random(seed)
    return {"hbar": mpmath.mpf(rng.uniform(0.5, 2.0)) * 1e-34,
            "m": mpmath.mpf(rng.uniform(0.1, 5)) * 1e-30,
            "k_F": mpmath.mpf(rng.uniform(0.5, 2.0)) * 1e10, "D": mpmath.mpf(rng.uniform(1, 20)) * 1e-19,
            "rho": mpmath.mpf(rng.uniform(1e3, 2e4)), "v_s": mpmath.mpf(rng.uniform(1e3, 8e3)),
            "k_B": mpmath.mpf(rng.uniform(0.5, 2.0)) * 1e-23}


def _coarea_nesting(q: mpmath.mpf, p: dict[str, mpmath.mpf]) -> mpmath.mpf:
    """(2π)⁻³ ∮ dℓ/|∇ε_k × ∇ε_{k+q}| on the circle where |k| = |k + q| = k_F (q along z)."""
    k_F, c = p["k_F"], p["hbar"] ** 2 / p["m"]
    z = -q / 2                                         # the plane of the circle: k·q = −q²/2
    r = mpmath.sqrt(k_F**2 - z**2)                     # its radius
    k = mpmath.matrix([r, 0, z])                       # a point on it (all points are equivalent)
    g1, g2 = c * k, c * (k + mpmath.matrix([0, 0, q]))  # ∇ε_k = ħ²k/m
    cross = mpmath.matrix([g1[1] * g2[2] - g1[2] * g2[1], g1[2] * g2[0] - g1[0] * g2[2],
                           g1[0] * g2[1] - g1[1] * g2[0]])
    return 2 * mpmath.pi * r / mpmath.norm(cross) / (2 * mpmath.pi) ** 3


def _dos(p: dict[str, mpmath.mpf]) -> mpmath.mpf:
    """Free-electron DOS per spin and volume at E_F (textbook form, not the derivation's step)."""
    e_f = p["hbar"] ** 2 * p["k_F"] ** 2 / (2 * p["m"])
    return (2 * p["m"] / p["hbar"] ** 2) ** mpmath.mpf(1.5) * mpmath.sqrt(e_f) / (4 * mpmath.pi**2)


def _step(name: str, gives: str) -> sp.Expr:
    return next(s.rhs for s in derive.get(name).steps if s.gives is not None and s.gives.name == gives)


@pytest.mark.parametrize("seed", range(4))
def test_nesting_against_the_coarea_formula(seed):
    rng = random.Random(seed)
    with mpmath.workdps(30):
        p = _params(seed)
        for x in (rng.uniform(0.005, 0.1), rng.uniform(0.1, 0.9), rng.uniform(0.9, 0.9995)):  # q/2k_F
            q = 2 * p["k_F"] * x
            values = {"q": q, "m": p["m"], "hbar": p["hbar"]}
            got = _number(derive.get(NESTING).statement.rhs, values, NESTING)
            assert abs(got / _coarea_nesting(q, p) - 1) < mpmath.mpf(10) ** -25


@pytest.mark.parametrize("seed", range(3))
def test_nesting_sum_rule_and_fermi_surface_average(seed):
    """∫d³q/(2π)³ ξ over q < 2k_F = N(E_F)² (quadrature of the statement); ξ/N = 1/(2ħv_F q)."""
    with mpmath.workdps(30):
        p = _params(seed)
        xi = sp.lambdify(sp.Symbol("q", positive=True),
                         derive.get(NESTING).statement.rhs.subs(
                             {_symbols(NESTING)[k]: _float(p[k]) for k in ("m", "hbar")})
                         .subs(_symbols(NESTING)["q"], sp.Symbol("q", positive=True)), "mpmath")
        total = mpmath.quad(lambda q: 4 * mpmath.pi * q**2 * xi(q) / (2 * mpmath.pi) ** 3, [0, 2 * p["k_F"]])
        assert abs(total / _dos(p) ** 2 - 1) < mpmath.mpf(10) ** -25
        q = p["k_F"] / 3
        v_F = p["hbar"] * p["k_F"] / p["m"]
        assert abs(xi(q) / _dos(p) * 2 * p["hbar"] * v_F * q - 1) < mpmath.mpf(10) ** -25


@pytest.mark.parametrize(("seed", "cut"), [(0, 1.0), (1, 0.63)])
def test_coupling_constant_against_quadrature(seed, cut):
    """λ = (2/N)∫d³q/(2π)³ V|g_q|² ξ(q)/(ħv_s q) (mpmath, co-area ξ), and λ_tr with 1 − cos θ = q²/2k_F²,
    at q_c = cut × 2k_F; the catalogue's high-T rate equals 2πλ_tr k_BT/ħ at q_c = 2k_F."""
    with mpmath.workdps(30):
        p = _params(seed)
        q_c = 2 * p["k_F"] * cut
        n = _dos(p)

        def integrand(q: mpmath.mpf, weight: mpmath.mpf) -> mpmath.mpf:
            coupling = p["D"] ** 2 * p["hbar"] * q / (2 * p["rho"] * p["v_s"])   # V|g_q|²
            return 4 * mpmath.pi * q**2 / (2 * mpmath.pi) ** 3 * coupling * _coarea_nesting(q, p) * weight / (
                p["hbar"] * p["v_s"] * q)

        lam = 2 / n * mpmath.quad(lambda q: integrand(q, 1), [0, q_c])
        lam_tr = 2 / n * mpmath.quad(lambda q: integrand(q, q**2 / (2 * p["k_F"] ** 2)), [0, q_c])
        values = {k: p[k] for k in ("D", "m", "k_F", "rho", "v_s", "hbar")} | {"q_c": q_c}
        got = _number(derive.get(ALPHA2F).statement.rhs, values, ALPHA2F)
        assert abs(got / lam - 1) < mpmath.mpf(10) ** -20
        got_tr = _number(_step(ALPHA2F, "λ_tr"), values, ALPHA2F)
        assert abs(got_tr / lam_tr - 1) < mpmath.mpf(10) ** -20
        # the α²F step: λ(ω) = 2∫_0^ω α²F/ω' dω' is the q-integral up to ω/v_s, so α²F(ω) = (ω/2) dλ/dω
        omega = p["v_s"] * q_c / 2
        a2f = omega / 2 * 2 / n * integrand(omega / p["v_s"], 1) / p["v_s"]
        got_a2f = _number(_step(ALPHA2F, "α²F(ω)"), values | {"omega": omega}, ALPHA2F)
        assert abs(got_a2f / a2f - 1) < mpmath.mpf(10) ** -15
    # at q_c = 2k_F: the catalogue's high-T transport rate (Ziman) is 2πλ_tr k_BT/ħ
    rate = derive.get("deformation_potential_rate_high_T").statement.rhs
    lam_tr_2kf = _step(ALPHA2F, "λ_tr").subs(_symbols(ALPHA2F)["q_c"], 2 * _symbols(ALPHA2F)["k_F"])
    s = _symbols(ALPHA2F)
    assert sp.simplify(2 * sp.pi * lam_tr_2kf * s["k_B"] * s["T"] / s["hbar"] - rate) == 0


def _allen_quadrature(T: mpmath.mpf, lam_tr: mpmath.mpf, omega_c: mpmath.mpf, p: dict) -> mpmath.mpf:
    """(4πk_BT/ħ)∫_0^{ω_c}(dω/ω) 2λ_tr(ω/ω_c)⁴ x²/sinh²x, x = ħω/(2k_BT), by mpmath."""
    def f(w: mpmath.mpf) -> mpmath.mpf:
        x = p["hbar"] * w / (2 * p["k_B"] * T)
        return 2 * lam_tr * (w / omega_c) ** 4 / w * (x / mpmath.sinh(x)) ** 2
    return 4 * mpmath.pi * p["k_B"] * T / p["hbar"] * mpmath.quad(f, mpmath.linspace(0, omega_c, 9))


@pytest.mark.parametrize("seed", range(2))
def test_allen_formula_limits_against_quadrature(seed):
    """Low T (T = Θ/80, tail < 1e-25): the statement; T = Θ: the Bloch-Grüneisen form step; high T
    (T = 10⁴ Θ): 2πλ_tr k_BT/ħ with the next term −(Θ/T)²/18 relative."""
    with mpmath.workdps(30):
        p = _params(seed)
        lam_tr, omega_c = mpmath.mpf(random.Random(seed).uniform(0.1, 3.0)), mpmath.mpf(3e13)
        theta = p["hbar"] * omega_c / p["k_B"]
        values = {"lambda_tr": lam_tr, "omega_c": omega_c, "hbar": p["hbar"], "k_B": p["k_B"]}
        T = theta / 80
        got = _number(derive.get(ALLEN).statement.rhs, values | {"T": T}, ALLEN)
        assert abs(got / _allen_quadrature(T, lam_tr, omega_c, p) - 1) < mpmath.mpf(10) ** -20
        form = _step(ALLEN, "Bloch-Grüneisen form")
        got = _number(form, values | {"T": theta}, ALLEN)
        assert abs(got / _allen_quadrature(theta, lam_tr, omega_c, p) - 1) < mpmath.mpf(10) ** -20
        T = theta * 10**4
        high = 2 * mpmath.pi * lam_tr * p["k_B"] * T / p["hbar"]
        ratio = _allen_quadrature(T, lam_tr, omega_c, p) / high
        assert abs((ratio - 1) / -((theta / T) ** 2 / 18) - 1) < 1e-6


def test_allen_low_T_is_the_catalogues_bloch_gruneisen_law():
    """With λ_tr(q_c = 2k_F) and ω_c = 2v_s k_F the statement is bloch_gruneisen_transport_rate_low_T's."""
    s = _symbols(ALLEN)
    lam_tr = _step(ALPHA2F, "λ_tr").subs(s["q_c"], 2 * s["k_F"])
    omega_c = 2 * s["v_s"] * s["k_F"]
    ours = derive.get(ALLEN).statement.rhs.subs({s["lambda_tr"]: lam_tr, s["omega_c"]: omega_c})
    assert sp.simplify(ours - derive.get("bloch_gruneisen_transport_rate_low_T").statement.rhs) == 0
