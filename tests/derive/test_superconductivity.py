"""Independent checks of the Eliashberg-moment derivation (numbers from elsewhere, not the formulas).

The reference values come from mpmath quadrature of Allen & Dynes' definitions of λ, ⟨ω²⟩ and
ln ω_log for the model α²F(ω) = C (ω/ω_D)² (0 above ω_D) at random ω_D and C, in the original form
with ln ω (not ln(ω/ω_D) as in the derivation's step); none of them reuses the SymPy steps.
"""

from __future__ import annotations

import itertools
import math
import random

import mpmath
import pytest
import sympy as sp

import derive

NAME = "eliashberg_moments_debye"


@pytest.fixture(scope="module")
def moments() -> derive.Derivation:
    return derive.get(NAME)


@pytest.fixture(scope="module")
def sym(moments) -> dict[str, sp.Symbol]:
    return {q.symbol.name: q.symbol for q in moments.symbols}


def _quadrature_moments(c: mpmath.mpf, omega_d: mpmath.mpf) -> tuple[mpmath.mpf, mpmath.mpf, mpmath.mpf]:
    """λ, ⟨ω²⟩ and ω_log of the model by mpmath quadrature of the Allen-Dynes definitions."""

    def a2f(w):
        return c * (w / omega_d) ** 2 if w < omega_d else mpmath.mpf(0)

    lam = 2 * mpmath.quad(lambda w: a2f(w) / w, [0, omega_d])
    omega2 = 2 / lam * mpmath.quad(lambda w: w * a2f(w), [0, omega_d])
    omega_log = mpmath.exp(2 / lam * mpmath.quad(lambda w: mpmath.log(w) * a2f(w) / w, [0, omega_d]))
    return lam, omega2, omega_log


def _value(expr: sp.Expr, values: dict[sp.Symbol, sp.Expr]) -> mpmath.mpf:
    return mpmath.mpf(str(sp.N(expr.subs(values), 40)))


@pytest.mark.parametrize("seed", range(5))
def test_statement_and_steps_against_quadrature(moments, sym, seed):
    """At random ω_D (over many decades: ln ω does not cancel in each integral) and amplitude C."""
    rng = random.Random(seed)
    omega_d = sp.Rational(rng.randint(1, 999), 7) * sp.Integer(10) ** rng.randint(-3, 14)
    c = sp.Rational(rng.randint(1, 400), 100)
    omega_D, C, lam = sym["omega_D"], sym["C"], sym["lambda"]
    with mpmath.workdps(30):
        ref_lam, ref_omega2, ref_log = _quadrature_moments(_value(c, {}), _value(omega_d, {}))
        tol = mpmath.mpf(10) ** -25
        # the statement ω_log = ω_D e^{−1/2}
        got = _value(moments.statement.rhs, {omega_D: omega_d})
        assert abs(got / ref_log - 1) < tol
        # the steps: λ = C, ⟨ω²⟩ = ω_D²/2, ln(ω_log/ω_D) = −1/2
        coupling = moments.steps[0]
        assert isinstance(coupling.lhs, sp.Mul) and coupling.lhs.has(sp.Integral)
        assert abs(_value(coupling.rhs, {C: c}) / ref_lam - 1) < tol
        (omega2_step,) = [s for s in moments.steps if s.lhs == sym["omega2_mean"]]
        assert abs(_value(omega2_step.rhs, {omega_D: omega_d, lam: ref_lam}) / ref_omega2 - 1) < tol
        (log_step,) = [s for s in moments.steps if s.lhs.has(sp.log) and s.order is None and s.solves is None]
        log_ratio = mpmath.log(ref_log / _value(omega_d, {}))
        assert abs(_value(log_step.rhs, {omega_D: omega_d, lam: ref_lam}) - log_ratio) < tol


def test_statement_and_textbook_are_omega_D_exp_minus_half(moments, sym):
    omega_D = sym["omega_D"]
    assert moments.statement.lhs == sym["omega_log"] == moments.textbook.lhs
    assert sp.simplify(moments.statement.rhs / omega_D - sp.exp(-sp.Rational(1, 2))) == 0
    assert sp.simplify(moments.textbook.rhs - moments.statement.rhs) == 0


def test_model_in_terms_of_lambda(moments, sym):
    """The amplitude solved for: α²F(ω) = λ (ω/ω_D)² is a step's result."""
    omega, omega_D, lam = sym["omega"], sym["omega_D"], sym["lambda"]
    assert any(sp.simplify(s.rhs - lam * (omega / omega_D) ** 2) == 0 for s in moments.steps)


def test_jensen_bound_omega2_bar_over_omega_log(moments, sym):
    """ω̄₂ = ⟨ω²⟩^{1/2} >= ω_log for every α²F >= 0 (Jensen): here e^{1/2}/√2 ≈ 1.166."""
    (omega2_step,) = [s for s in moments.steps if s.lhs == sym["omega2_mean"]]
    ratio = sp.sqrt(omega2_step.rhs) / moments.statement.rhs
    assert sp.simplify(ratio - sp.exp(sp.Rational(1, 2)) / sp.sqrt(2)) == 0
    assert float(ratio) > 1


def test_numeric_debye_moments_agree(moments, sym):
    """The numeric runtime's closed forms (numeric.superconductivity.debye_moments) agree with the
    derivation."""
    from numeric.superconductivity import debye_moments

    omega_d = 3.7e13
    m = debye_moments(0.9, omega_d)
    assert m.omega_log == pytest.approx(float(moments.statement.rhs.subs(sym["omega_D"], omega_d)), rel=1e-14)
    assert m.omega2_mean == pytest.approx(omega_d**2 / 2, rel=1e-14)


def test_every_integration_variable_is_declared(moments):
    declared = set(moments.dimensions)
    for step in moments.steps:
        for e in itertools.chain(step.lhs.atoms(sp.Integral), step.rhs.atoms(sp.Integral),
                                 (step.solves.atoms(sp.Integral) if step.solves is not None else ())):
            assert {lim[0] for lim in e.limits} <= declared


# ------------------------------------------------------------------ Einstein spectrum

def _gaussian_moments(lam_e: mpmath.mpf, omega_e: mpmath.mpf, width: mpmath.mpf
                      ) -> tuple[mpmath.mpf, mpmath.mpf, mpmath.mpf]:
    """λ, ⟨ω²⟩ and ω_log of (λ_E ω_E/2) g_σ(ω − ω_E), g_σ a normalised Gaussian (a nascent delta function),
    by mpmath quadrature of the Allen-Dynes definitions (no delta-function rule used)."""
    sigma = width * omega_e

    def a2f(w):
        return lam_e * omega_e / 2 * mpmath.npdf(w, omega_e, sigma)

    span = [omega_e - 12 * sigma, omega_e, omega_e + 12 * sigma]
    lam = 2 * mpmath.quad(lambda w: a2f(w) / w, span)
    omega2 = 2 / lam * mpmath.quad(lambda w: w * a2f(w), span)
    omega_log = mpmath.exp(2 / lam * mpmath.quad(lambda w: mpmath.log(w) * a2f(w) / w, span))
    return lam, omega2, omega_log


@pytest.mark.parametrize("seed", range(3))
def test_einstein_moments_against_nascent_delta(seed):
    """The delta-function steps against Gaussians of width σ -> 0: the moments approach λ_E, ω_E², ω_E with
    errors O(σ²/ω_E²) (checked at σ = 1e-4 ω_E: |error| < 3σ²/ω_E² = 3e-8, and smaller than at 1e-3)."""
    d = derive.get("eliashberg_moments_einstein")
    sym = {q.symbol.name: q.symbol for q in d.symbols}
    rng = random.Random(seed)
    omega_e = sp.Rational(rng.randint(1, 999), 7) * sp.Integer(10) ** rng.randint(-3, 14)
    lam_e = sp.Rational(rng.randint(1, 400), 100)
    with mpmath.workdps(30):
        w = _value(omega_e, {})
        omega2 = next(s.rhs for s in d.steps if s.lhs == sym["omega2_mean"])
        closed = (_value(d.steps[0].rhs, {sym["lambda_E"]: lam_e}), _value(omega2, {sym["omega_E"]: omega_e}),
                  _value(d.statement.rhs, {sym["omega_E"]: omega_e}))
        errors = []
        for width in (mpmath.mpf("1e-3"), mpmath.mpf("1e-4")):
            numeric = _gaussian_moments(_value(lam_e, {}), w, width)
            errors.append([abs(n / c - 1) for n, c in zip(numeric, closed, strict=True)])
        assert max(errors[1]) < 3e-8
        assert all(e1 < e0 / 50 for e0, e1 in zip(errors[0], errors[1], strict=True))


def test_einstein_is_the_equality_case_of_jensen():
    """ω̄₂ = ⟨ω²⟩^{1/2} equals ω_log for one frequency."""
    d = derive.get("eliashberg_moments_einstein")
    sym = {q.symbol.name: q.symbol for q in d.symbols}
    omega2 = next(s.rhs for s in d.steps if s.lhs == sym["omega2_mean"])
    assert sp.simplify(sp.sqrt(omega2) - d.statement.rhs) == 0
    assert d.statement.rhs == sym["omega_E"]
    assert any(s.lhs.has(sp.DiracDelta) for s in d.steps)


# ------------------------------------------------------------------ McMillan's formula (stated) -> λ(T_c)

def _mcmillan_mp(lam, mu, theta):
    """McMillan's eq. (18) typed from the paper, in mpmath."""
    return theta / mpmath.mpf("1.45") * mpmath.exp(-mpmath.mpf("1.04") * (1 + lam)
                                                   / (lam - mu * (1 + mpmath.mpf("0.62") * lam)))


@pytest.fixture(scope="module")
def mcmillan() -> derive.Derivation:
    return derive.get("mcmillan_inversion")


# stratified: near the T_c = 0 boundary (λ = λ_c(1 + 1e-3)), small λ, McMillan's range, large λ
MCMILLAN_POINTS = [("0.1", "0.10672"), ("0.13", "0.14154"), ("0.1", "0.3"), ("0.13", "0.82"), ("0.0", "0.05"),
                   ("0.15", "1.5"), ("0.1", "5.0"), ("0.2", "40.0")]


@pytest.mark.parametrize("mu, lam", MCMILLAN_POINTS)
def test_mcmillan_inversion_against_mpmath_root(mcmillan, mu, lam):
    """T_c from the formula (typed from the paper) at 40 digits; the derived inversion returns λ to 1e-30."""
    sym = {q.symbol.name: q.symbol for q in mcmillan.symbols}
    with mpmath.workdps(40):
        mu_, lam_, theta = mpmath.mpf(mu), mpmath.mpf(lam), mpmath.mpf(275)
        tc = _mcmillan_mp(lam_, mu_, theta)
        got = mcmillan.statement.rhs.subs({sym["T_c"]: sp.Float(str(tc), 40), sym["mu_star"]: sp.Rational(mu),
                                           sym["Theta_D"]: 275})
        assert abs(mpmath.mpf(str(sp.N(got, 40))) / lam_ - 1) < mpmath.mpf(10) ** -30


def test_mcmillan_boundary_is_the_zero_of_the_denominator(mcmillan):
    """λ_c = μ*/(1 − 0.62μ*) (the brief's form); T_c > 0 just above it, T_c -> 0 as λ -> λ_c⁺."""
    sym = {q.symbol.name: q.symbol for q in mcmillan.symbols}
    mu = sym["mu_star"]
    (step,) = [s for s in mcmillan.steps if s.lhs == sym["lambda_c"]]
    assert sp.simplify(step.rhs - mu / (1 - sp.Rational("0.62") * mu)) == 0
    with mpmath.workdps(30):
        for m in ("0.1", "0.13", "0.5"):
            lam_c = mpmath.mpf(str(sp.N(step.rhs.subs(mu, sp.Rational(m)), 40)))
            assert abs(lam_c - mpmath.mpf(m) * (1 + mpmath.mpf("0.62") * lam_c)) < mpmath.mpf(10) ** -28
            values = [_mcmillan_mp(lam_c * (1 + mpmath.mpf(10) ** -k), mpmath.mpf(m), 300) for k in (1, 2, 3)]
            assert 0 < values[2] < values[1] < values[0] and values[2] < mpmath.mpf(10) ** -100
    (limit,) = [s for s in mcmillan.steps if isinstance(s.lhs, sp.Limit)]  # T_c -> 0⁺ as λ -> λ_c⁺
    assert limit.rhs == 0 and limit.lhs.args[1] == sym["epsilon"] and str(limit.lhs.args[3]) == "+"


def test_mcmillan_u_form_holds_at_tc_zero(mcmillan):
    """λ(u) with u = 1/ln(Θ_D/1.45T_c): at u = 0 (T_c = 0) it is λ_c."""
    sym = {q.symbol.name: q.symbol for q in mcmillan.symbols}
    (u_step,) = [s for s in mcmillan.steps if sym["u"] in s.rhs.free_symbols]
    (c_step,) = [s for s in mcmillan.steps if s.lhs == sym["lambda_c"]]
    assert sp.simplify(u_step.rhs.subs(sym["u"], 0) - c_step.rhs) == 0


def test_mcmillan_is_marked_stated(mcmillan):
    assert "stated" in mcmillan.model[0].text and "fit" in mcmillan.model[0].text
    assert any("1.5" in a.text for a in mcmillan.assumptions)  # the fit range


# ------------------------------------------------------------------ Allen-Dynes formula (stated): limits

def _allen_dynes_mp(lam, mu, w_log, w2):
    """Allen & Dynes' T_c typed from the paper, in units ħ/k_B = 1 (mpmath)."""
    big1 = mpmath.mpf("2.46") * (1 + mpmath.mpf("3.8") * mu)
    big2 = mpmath.mpf("1.82") * (1 + mpmath.mpf("6.3") * mu) * (w2 / w_log)
    f1 = mpmath.cbrt(1 + (lam / big1) ** mpmath.mpf(1.5))
    f2 = 1 + (w2 / w_log - 1) * lam**2 / (lam**2 + big2**2)
    return f1 * f2 * w_log / mpmath.mpf("1.2") * mpmath.exp(
        -mpmath.mpf("1.04") * (1 + lam) / (lam - mu * (1 + mpmath.mpf("0.62") * lam)))


@pytest.fixture(scope="module")
def allen_dynes() -> derive.Derivation:
    return derive.get("allen_dynes_limits")


@pytest.mark.parametrize("mu", ["0.0", "0.1", "0.13", "0.2"])
def test_allen_dynes_coefficient_against_mpmath(allen_dynes, mu):
    """c_∞(μ*) against T_c/(ω̄₂ λ^{1/2}) of the formula at λ = 1e30, 1e40 (remainder O(1/λ)), 60 digits."""
    sym = {q.symbol.name: q.symbol for q in allen_dynes.symbols}
    with mpmath.workdps(60):
        c = mpmath.mpf(str(sp.N(allen_dynes.statement.rhs.subs(sym["mu_star"], sp.Rational(mu)), 60)))
        for lam in (mpmath.mpf(10) ** 30, mpmath.mpf(10) ** 40):
            w_log, w2 = mpmath.mpf(3), mpmath.mpf("3.9")
            ratio = _allen_dynes_mp(lam, mpmath.mpf(mu), w_log, w2) / (w2 * mpmath.sqrt(lam)) / c
            assert abs(ratio - 1) < 10 / lam


def test_allen_dynes_coefficient_at_mu_zero(allen_dynes):
    """c_∞(0) = e^{−1.04}/(1.2·2.46^{1/2}) = 0.18780: the fitted formula's own coefficient, 2.8 % above the
    exact Eliashberg limit C_∞ = 0.1827262477 (arXiv:2409.02121; tests/numeric/test_eliashberg.py)."""
    value = float(allen_dynes.steps[-1].rhs)
    assert value == pytest.approx(math.exp(-1.04) / (1.2 * math.sqrt(2.46)), rel=1e-15)
    assert round(value, 4) == 0.1878


@pytest.mark.parametrize("lam", ["1e-2", "1e-4", "1e-6"])
def test_allen_dynes_small_lambda_is_mcmillan_form(allen_dynes, lam):
    """T_c/[(ω_log/1.2) exp(...)] − 1 = f1 f2 − 1 ≈ (λ/Λ1)^{3/2}/3 as λ -> 0 (μ* = 0: inside the formula's
    T_c > 0 region), in mpmath; and the asymptotic step's right side is that McMillan form."""
    with mpmath.workdps(40):
        lam_, w_log, w2 = mpmath.mpf(lam), mpmath.mpf(2), mpmath.mpf("2.6")
        mcm = w_log / mpmath.mpf("1.2") * mpmath.exp(-mpmath.mpf("1.04") * (1 + lam_) / lam_)
        excess = _allen_dynes_mp(lam_, mpmath.mpf(0), w_log, w2) / mcm - 1
        lead = (lam_ / mpmath.mpf("2.46")) ** mpmath.mpf(1.5) / 3
        assert abs(excess / lead - 1) < 10 * mpmath.sqrt(lam_)
    sym = {q.symbol.name: q.symbol for q in allen_dynes.symbols}
    small = allen_dynes.steps[0]
    assert small.order == (sym["lambda"] ** sp.Rational(3, 2), sym["lambda"], 0)
    assert not small.rhs.has(sym["omega2_bar"])  # f2 = 1: no shape dependence left


def test_allen_dynes_is_marked_stated(allen_dynes):
    assert "stated" in allen_dynes.model[0].text and "fit" in allen_dynes.model[0].text
