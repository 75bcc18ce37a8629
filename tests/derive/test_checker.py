"""The checker can fail: broken steps, wrong textbook forms, wrong dimensions; its public API."""

from __future__ import annotations

import dataclasses

import hypothesis.strategies as st
import mpmath
import pytest
import sympy as sp
from hypothesis import given, settings

import derive
from derive import Derivation, Quantity, Step, checker
from derive.units import METRE, SECOND

x = sp.Symbol("x", positive=True)
t = sp.Symbol("t", positive=True)
y = sp.Symbol("y", real=True)
L = sp.Symbol("L", positive=True)
SYMBOLS = [Quantity(x, sp.Integer(1), "x"), Quantity(t, SECOND, "time"), Quantity(L, METRE, "length"),
           Quantity(y, sp.Integer(1), "y")]


def toy(steps, statement, textbook) -> Derivation:
    return Derivation("toy", "Toy", "test", SYMBOLS, [], steps, statement, textbook)


def test_broken_step_in_real_derivation_fails():
    d = derive.get("deformation_potential_coupling")
    broken = list(d.steps)
    step = broken[-2]
    broken[-2] = dataclasses.replace(step, rhs=step.rhs * (1 + sp.Rational(1, 10**12)))
    report = dataclasses.replace(d, steps=broken).check()
    assert not report.passed
    bad = report.get(f"step {len(broken) - 1}")
    assert not bad.passed and "differ" in bad.detail


def test_wrong_textbook_fails():
    d = derive.get("frohlich_coupling")
    book = sp.Eq(d.textbook.lhs, d.textbook.rhs * 2, evaluate=False)
    report = dataclasses.replace(d, textbook=book).check()
    assert not report.get("textbook").passed and not report.passed


def test_dimensionally_wrong_statement_fails():
    d = derive.get("deformation_potential_coupling")
    q = next(s.symbol for s in d.symbols if s.symbol.name == "q")
    wrong = sp.Eq(d.statement.lhs, d.statement.rhs * q, evaluate=False)
    step = dataclasses.replace(d.steps[-2], rhs=wrong.rhs, lhs=wrong.rhs)
    report = dataclasses.replace(d, steps=[*d.steps, step], statement=wrong,
                                 textbook=wrong).check()
    dims = report.get("dimensions")
    assert not dims.passed and "differ" in dims.detail
    assert not report.passed


def test_statement_not_from_chain_fails():
    d = derive.get("frohlich_coupling")
    typed_in = sp.Eq(d.statement.lhs, d.textbook.rhs, evaluate=False)
    report = dataclasses.replace(d, statement=typed_in).check()
    assert not report.get("chain").passed


def test_typed_in_statement_with_an_empty_step_fails():
    """A wrong statement and textbook form, 'reached' by an appended step e = e, fail the chain."""
    d = derive.get("deformation_potential_coupling")
    wrong = 2 * d.statement.rhs
    forged = dataclasses.replace(
        d, steps=[*d.steps, Step(wrong, wrong, "typed in")],
        statement=sp.Eq(d.statement.lhs, wrong, evaluate=False),
        textbook=sp.Eq(d.textbook.lhs, wrong, evaluate=False))
    report = forged.check(steps=[len(forged.steps)])
    assert not report.passed and "states nothing" in report.get("chain").detail


def test_wrong_asymptotic_step_fails():
    ok = Step(sp.sin(x) / x, 1 - x**2 / 6, "series", order=(x**4, x, 0))
    bad = Step(sp.sin(x) / x, 1 - x**2 / 5, "series", order=(x**4, x, 0))
    stmt = sp.Eq(L, L, evaluate=False)
    report = toy([ok, bad, Step(L, L, "trivial")], stmt, stmt).check()
    assert report.get("step 1").passed
    assert not report.get("step 2").passed


def test_wrong_solution_step_fails():
    b = sp.Symbol("b", real=True)
    eq = sp.Eq(b * t, L)
    stmt = sp.Eq(L, L, evaluate=False)
    report = toy([Step(b, L / t, "solve", solves=eq), Step(b, 2 * L / t, "solve", solves=eq),
                  Step(L, L, "trivial")], stmt, stmt).check()
    assert report.get("step 1").passed and not report.get("step 2").passed


@pytest.fixture
def quick_symbolic(monkeypatch):
    """These integrals are beyond SymPy; do not spend the full symbolic budget proving that."""
    monkeypatch.setattr("derive.checker.SYMBOLIC_SECONDS", 1.0)


def test_numeric_fallback_is_reported_and_rejects_low_precision(quick_symbolic):
    # An integral SymPy leaves unevaluated at the symbolic stage is checked by quadrature.
    import mpmath

    integral = sp.Integral(sp.exp(-(y**2)) * sp.cos(y) / (1 + y**4), (y, 0, sp.oo))
    with mpmath.workdps(45):
        value = sp.Float(mpmath.quad(lambda u: mpmath.exp(-u * u) * mpmath.cos(u) / (1 + u**4),
                                     [0, mpmath.inf]), 45)
    steps = [Step(integral, value, "numeric"),
             # infinitely many oscillations at 0: quadrature cannot reach 30 digits -> must not pass
             Step(sp.Integral(sp.sin(1 / y) * sp.exp(y), (y, 0, 1)), sp.Float("0.8"), "bad"),
             # an interior log singularity at |y - 1/3| = 0: split there, quadrature reaches 30 digits
             # and shows the 2-digit value wrong
             Step(sp.Integral(y * sp.log(sp.Abs(y - sp.Rational(1, 3))), (y, 0, 1)), -0.66, "bad"),
             Step(L, L, "trivial")]
    stmt = sp.Eq(L, L, evaluate=False)
    report = toy(steps, stmt, stmt).check()
    first = report.get("step 1")
    assert first.passed, str(report)
    second = report.get("step 2")
    assert not second.passed and second.method == "undecided"
    third = report.get("step 3")
    assert not third.passed and third.method.startswith("numeric") and "-0.657907397418" in third.detail


def test_crash_is_a_failure_not_a_pass():
    f = sp.Function("f")
    stmt = sp.Eq(L, L, evaluate=False)
    report = toy([Step(f(x), x, "undefined function"), Step(L, L, "trivial")], stmt, stmt).check()
    assert not report.get("step 1").passed


def test_statement_must_be_unevaluated_equation():
    with pytest.raises(TypeError, match="evaluate=False"):
        toy([], sp.Eq(L, L), sp.Eq(L, L, evaluate=False))


@settings(max_examples=25, deadline=None)
@given(a=st.integers(-9, 9), b=st.integers(-9, 9))
def test_polynomial_identities_pass_and_perturbations_fail(a, b):
    """(x + a)(x + b) = x² + (a+b)x + ab passes; a changed constant term fails."""
    lhs = (x + a) * (x + b) * L
    good = (x**2 + (a + b) * x + a * b) * L
    bad = (x**2 + (a + b) * x + a * b + 1) * L
    stmt = sp.Eq(L, L, evaluate=False)
    report = toy([Step(lhs, good, "expand"), Step(lhs, bad, "wrong"), Step(L, L, "trivial")],
                 stmt, stmt).check()
    assert report.get("step 1").passed
    assert not report.get("step 2").passed


def test_numeric_check_really_works_at_30_digits(quick_symbolic):
    """A 1e-18 relative error is invisible in double precision; the 30-digit check must see it."""
    integral = sp.Integral(sp.exp(-(y**2)) / (1 + y**4), (y, 0, sp.oo))  # SymPy cannot do it
    import mpmath

    with mpmath.workdps(45):
        exact = mpmath.quad(lambda u: mpmath.exp(-u * u) / (1 + u**4), [0, mpmath.inf])
    stmt = sp.Eq(L, L, evaluate=False)
    steps = [Step(integral, sp.Float(exact, 45), "exact"),
             Step(integral, sp.Float(exact * (1 + mpmath.mpf("1e-18")), 45), "off by 1e-18"),
             Step(L, L, "trivial")]
    report = toy(steps, stmt, stmt).check()
    assert report.get("step 1").passed
    assert not report.get("step 2").passed


# ------------------------------------------------------------------ the expression-level API
def test_check_equal_symbolic_numeric_and_failing(quick_symbolic):
    assert checker.check_equal(sp.sin(x) ** 2 + sp.cos(x) ** 2, 1).method == "symbolic"
    integral = sp.Integral(sp.exp(-(y**2)) / (1 + y**4), (y, 0, sp.oo))  # SymPy cannot do it
    same = checker.check_equal(integral * x, x * integral, label="same")
    assert same.passed and same.check == "same"
    scaled = checker.check_equal(integral * x, x * integral * (1 + sp.Float("1e-18", 30)))
    assert not scaled.passed and scaled.method.startswith("numeric")
    wrong = checker.check_equal(x * (1 + sp.Rational(1, 10**15)), x, seed="wrong")
    assert not wrong.passed and "differ" in wrong.detail


def test_declared_numeric_step_skips_sympy_but_not_the_check():
    """Step(numeric=reason): no symbolic attempt (even where it would succeed), the reason reported,
    and a false identity still fails."""
    reason = "the reason"
    true = checker.check_step(Step(sp.sin(x) ** 2 + sp.cos(x) ** 2, 1, "pythagoras", numeric=reason))
    assert true.passed and true.method.startswith("numeric") and reason in true.detail
    false = checker.check_step(Step(sp.log(sp.Abs(x - 2)), sp.log(x - 2), "no", numeric=reason,
                                    sample={x: (0.1, 3.0)}))
    assert not false.passed
    with pytest.raises(ValueError, match="not to a solution"):
        Step(x, 1, "solution", solves=sp.Eq(x, 1), numeric=reason)
    asymptotic = checker.check_step(Step(sp.sin(x) / x, 1, "series", order=(x**2, x, 0), numeric=reason))
    assert asymptotic.passed and asymptotic.method.startswith("numeric") and reason in asymptotic.detail
    wrong = checker.check_step(Step(sp.sin(x) / x, 1 + x, "series", order=(x**2, x, 0), numeric=reason))
    assert not wrong.passed


def test_check_of_chosen_steps():
    """check(steps=...) verifies only those steps, always the derivation-wide checks; bad numbers refused."""
    d = derive.get("frohlich_coupling")
    report = d.check(steps=[2])
    assert report.results[0].check == "step 2" and report.passed
    assert {"chain", "textbook", "dimensions", "dimensions of steps"} <= {r.check for r in report.results}
    doubled = dataclasses.replace(d.steps[1], rhs=2 * d.steps[1].rhs)
    broken = dataclasses.replace(d, steps=[d.steps[0], doubled, *d.steps[2:]])
    assert not broken.check(steps=[2]).passed
    with pytest.raises(ValueError, match="step numbers 1 to"):
        d.check(steps=[0])


def test_check_equal_is_reproducible_by_seed():
    """A string seed is hashed: the same points, so the same numeric verdict, on every run."""
    a = checker.check_equal(sp.gamma(x + 1), x * sp.gamma(x), seed="s")
    b = checker.check_equal(sp.gamma(x + 1), x * sp.gamma(x), seed="s")
    assert a == b and a.passed


def test_check_asymptotic_and_solution():
    assert checker.check_asymptotic(sp.exp(x), 1 + x, order=(x**2, x, 0)).passed
    assert not checker.check_asymptotic(sp.exp(x), 1 + 2 * x, order=(x**2, x, 0)).passed
    b = sp.Symbol("b", real=True)
    assert checker.check_solution(b, L / t, sp.Eq(b * t, L)).passed
    bad = checker.check_solution(b, 2 * L / t, sp.Eq(b * t, L))
    assert not bad.passed


def test_asymptotic_order_must_be_below_the_result():
    """lhs = rhs + O(g) claims something only if g/rhs -> 0: twice the true slope + O(q) is refused
    (its remainder/q is finite), symbolically and (for an integral SymPy cannot do) numerically."""
    q, a = sp.symbols("q a", positive=True)
    lhs = a * q + q**2
    assert checker.check_asymptotic(lhs, a * q, (q**2, q, 0)).passed
    wrong = checker.check_asymptotic(lhs, 2 * a * q, (q, q, 0))
    assert not wrong.passed and "not smaller than the result" in wrong.detail
    assert not checker.check_asymptotic(lhs, a * q, (q, q, 0)).passed
    s = sp.Symbol("s", positive=True)
    opaque = sp.Integral(sp.exp(-s) / (1 + s**4), (s, 0, sp.oo))  # SymPy cannot do it: g/rhs numeric
    assert not checker.check_asymptotic(opaque * (q + q**2), 2 * opaque * q, (opaque * q, q, 0)).passed
    assert checker.check_asymptotic(opaque * (q + q**2), opaque * q, (q**2, q, 0)).passed


@pytest.mark.parametrize("edge", [sp.Rational(9, 10), sp.Rational(99, 100)])
def test_moved_region_boundary_fails(edge):
    """Im f with the particle-hole continuum edge x + ν < 1 moved to x + ν < 0.9 (or 0.99): random
    points rarely fall in the strip, the points on both sides of each boundary do."""
    d = derive.get("lindhard_dynamic_imag")
    k = next(i for i, s in enumerate(d.steps, 1) if s.rhs == d.statement.rhs)
    x, nu = sorted(d.statement.rhs.atoms(sp.Symbol), key=str)[::-1]
    moved = d.steps[k - 1].rhs.xreplace({sp.StrictLessThan(nu + x, 1): sp.StrictLessThan(nu + x, edge)})
    assert moved != d.steps[k - 1].rhs
    steps = list(d.steps)
    steps[k - 1] = dataclasses.replace(steps[k - 1], rhs=moved)
    report = dataclasses.replace(d, steps=steps).check(steps=[k])
    failed = next(r for r in report.results if r.check == f"step {k}")
    assert not failed.passed and "from the boundary" in failed.detail


def test_regime_is_sampled_stated_and_dimension_checked():
    """Numeric points lie inside the regime; a regime with mixed units, or out of reach of the
    sampling box, fails the regime check."""
    generator = checker.rng("regime")
    for _ in range(20):
        p = checker.sample_point({x, L}, {x: (0.0, 5.0), L: (0.0, 5.0)}, generator, [x < L / 2])
        assert p[x] < p[L] / 2
    with pytest.raises(ValueError, match="regime"):
        checker.sample_point({x}, {x: (2.0, 3.0)}, generator, [x < 1])
    d = derive.get("bloch_gruneisen_transport_rate_low_T")
    assert d.regime and d.check(steps=[]).get("regime").passed
    T = next(s for s in d.regime[-1].free_symbols if s.name == "T")
    mixed = dataclasses.replace(d, assumptions=[*d.assumptions, derive.Assumption("bad", T < 1)])
    assert not mixed.check(steps=[]).get("regime").passed
    ranges = {s: (1.0, 2.0) for s in d.regime[-1].free_symbols}
    out_of_reach = dataclasses.replace(d, sample={**d.sample, **ranges, T: (50.0, 60.0)})
    assert "no point of the sampling box" in out_of_reach.check(steps=[]).get("regime").detail


def test_integral_additivity_is_proved_and_needs_convergence():
    """∫_0^X f = ∫_0^∞ f − ∫_X^∞ f by additivity; a wrong split point, or a divergent f, fails."""
    X = sp.Symbol("X", positive=True)
    f = x**4 * sp.exp(x) / (sp.exp(x) - 1) ** 2
    split = checker.check_equal(sp.Integral(f, (x, 0, X)),
                                sp.Integral(f, (x, 0, sp.oo)) - sp.Integral(f, (x, X, sp.oo)))
    assert split.passed and split.method == "symbolic (additivity of integrals)"
    moved = checker.check_equal(sp.Integral(f, (x, 0, X)),
                                sp.Integral(f, (x, 0, sp.oo)) - sp.Integral(f, (x, 2 * X, sp.oo)))
    assert not moved.passed
    divergent = checker.check_equal(sp.Integral(1 / x, (x, 0, X)),
                                    sp.Integral(1 / x, (x, 0, sp.oo)) - sp.Integral(1 / x, (x, X, sp.oo)))
    assert not divergent.passed


def test_far_tail_integral_to_full_precision():
    """∫_X^∞ x⁴ e^(−x) dx at X = 10⁶ (~e^(−10⁶)) against mpmath's upper incomplete Γ(5, X): quadrature
    with an absolute tolerance made it 2 % wrong; now to 25 digits."""
    X = sp.Symbol("X", positive=True)
    value = checker.numeric_value(sp.Integral(x**4 * sp.exp(-x), (x, X, sp.oo)), {X: sp.Float(10**6, 35)})
    with mpmath.workdps(40):
        exact = mpmath.gammainc(5, mpmath.mpf(10) ** 6)
        assert abs(value.real / exact - 1) < mpmath.mpf(10) ** -25


def test_check_step_dispatches_like_the_derivation():
    ok = Step(sp.sin(x) / x, 1 - x**2 / 6, "series", order=(x**4, x, 0))
    assert checker.check_step(ok, label="s").method == "symbolic (limit)"
    assert checker.check_step(Step(x + x, 2 * x, "sum")).passed


def test_check_bound_passes_a_truncation_and_fails_a_short_one():
    region = {x: (0.01, 0.5)}
    series = 1 - x**2 / 6 + x**4 / 120
    assert checker.check_bound(series, sp.sin(x) / x, 1e-4, region).passed
    short = checker.check_bound(1 - x**2 / 6, sp.sin(x) / x, 1e-4, region)
    assert not short.passed and "relative remainder" in short.detail
    undefined = checker.check_bound(series, sp.sin(x) / x, 1e-4, {})
    assert not undefined.passed and "region is undefined" in undefined.detail


def test_sample_point_and_numeric_value():
    import mpmath

    point = checker.sample_point({x, y}, {y: (2.0, 3.0)}, checker.rng(1))
    assert 0.1 <= point[x] <= 10 and 2 <= point[y] <= 3
    value = checker.numeric_value(sp.Integral(sp.exp(-x * y), (y, 0, sp.oo)), {x: sp.Float(2, 30)})
    with mpmath.workdps(30):
        assert abs(value - mpmath.mpf("0.5")) < mpmath.mpf(10) ** -29
    with pytest.raises(ValueError, match="no sampling range"):
        checker.sample_point({sp.Symbol("z")}, {}, checker.rng(0))


def test_no_rewrite_ignores_the_assumptions():
    """log(y²) = 2 log(y) and log(y(y − 5)) = log(y) + log(y − 5) are false for a negative y: a forced
    expand_log "proves" them. The checker may use only rewrites the declared assumptions allow."""
    from derive.checker import check_equal

    y = sp.Symbol("y", real=True)
    for lhs, rhs in ((sp.log(y**2), 2 * sp.log(y)), (sp.log(y * (y - 5)), sp.log(y) + sp.log(y - 5))):
        result = check_equal(lhs, rhs, seed=1)
        assert not result.passed, (lhs, rhs, result)
    p = sp.Symbol("p", positive=True)
    assert check_equal(sp.log(p**2), 2 * sp.log(p)).method == "symbolic"  # true where p > 0: proved


def test_every_step_is_dimension_checked():
    """A step whose sides carry different SI dimensions fails the step-dimension check, by number."""
    L, t = sp.Symbol("L", positive=True), sp.Symbol("t", positive=True)
    symbols = [Quantity(L, METRE, "a length"), Quantity(t, SECOND, "a time")]
    stmt = sp.Eq(L, L, evaluate=False)
    d = Derivation(name="toy_dimensions", title="toy", source="test", symbols=symbols, assumptions=[],
                   steps=[Step(L, L, "fine"), Step(L * t, L, "metre second is not metre")],
                   statement=stmt, textbook=stmt)
    result = d.check().get("dimensions of steps")
    assert not result.passed and "step 2" in result.detail and "step 1" not in result.detail
    # every registered derivation passes it: tests/derive/test_registry.py::test_check_passes


# ------------------------------------------------------------------ provenance
def toy_chain(wrong: bool = False) -> tuple[derive.Chain, derive.Ref]:
    """A two-step chain from a model object: the area under f = exp(-x/L)... in x, then its L-derivative."""
    chain = derive.Chain()
    f = chain.declare("f", sp.exp(-x) * L, "a decaying profile of height L")
    area = chain.step("its area", lambda f: sp.Integral(f, (x, 0, sp.oo)), f, rhs=lambda e: e.doit())
    slope = chain.step("its slope in L", lambda a: sp.Derivative(a, L), area,
                       rhs=2 if wrong else 1)
    return chain, slope


S = sp.Symbol("S")


def toy_from(chain: derive.Chain, result: derive.Ref) -> Derivation:
    stmt = sp.Eq(S, chain[result], evaluate=False)
    symbols = [*SYMBOLS, Quantity(S, sp.Integer(1), "the result")]
    return Derivation("toy", "Toy", "test", symbols, [], chain.steps, stmt, stmt, model=chain.model)


def test_provenance_passes_a_chain_built_from_the_model():
    report = toy_from(*toy_chain()).check()
    assert report.passed, report
    assert "reached from the model (f) by steps 1, 2" in report.get("chain").detail


def test_typed_in_step_fails_provenance():
    """A result typed in by a step that is not built from the model: its own check passes, the chain
    does not; so does a step whose left side was changed (with a matching right side)."""
    d = toy_from(*toy_chain())
    typed = Step(sp.Integral(3 * sp.exp(-x), (x, 0, sp.oo)), 3, "typed in")
    three = sp.Eq(d.statement.lhs, 3, evaluate=False)
    forged = dataclasses.replace(d, steps=[*d.steps, typed], statement=three, textbook=three)
    report = forged.check()
    assert report.get("step 3").passed
    assert not report.get("chain").passed and "never produced" in report.get("chain").detail
    changed = dataclasses.replace(d.steps[1], lhs=sp.Derivative(3 * L, L), rhs=3)
    report = dataclasses.replace(d, steps=[d.steps[0], changed],
                                 statement=sp.Eq(d.statement.lhs, 3, evaluate=False)).check()
    assert report.get("step 2").passed
    detail = report.get("chain").detail
    assert "step 2: its left side is not what its operation gives from (1) (step 1)" in detail


def test_changed_model_object_fails_provenance():
    d = toy_from(*toy_chain())
    model = [dataclasses.replace(d.model[0], expr=2 * sp.exp(-x) * L)]
    chain = dataclasses.replace(d, model=model).check().get("chain")
    assert not chain.passed and "step 1: its left side is not what its operation gives from model object f" \
        in chain.detail


def test_provenance_refuses_idle_unknown_and_unused_inputs():
    chain = derive.Chain()
    f = chain.declare("f", sp.exp(-x), "profile")
    g = chain.declare("g", x**2, "another profile, taken for show")
    chain.declare("h", x**3, "a third profile, never taken")
    r = chain.step("area, taking g for show", lambda f, g: sp.Integral(f, (x, 0, sp.oo)), f, g,
                   rhs=lambda e: e.doit())
    detail = toy_from(chain, r).check().get("chain").detail
    assert "step 1 takes g but does not use it" in detail
    assert "model object h declared but used by no step" in detail
    ghost = dataclasses.replace(chain.steps[0], inputs=(f, derive.Ref("k")))
    d = dataclasses.replace(toy_from(chain, r), steps=[ghost])
    assert "takes k, which no model object and no earlier step gives" in d.check().get("chain").detail


def test_statement_may_not_be_a_model_object():
    """Declaring the answer as a model object and 'deriving' it by a step on it does not pass."""
    chain = derive.Chain()
    answer = chain.declare("answer", 2 * L, "the result, typed in as a model")
    r = chain.step("scaled by one", lambda a: sp.Mul(1, a, evaluate=False), answer, rhs=lambda e: e.doit())
    detail = toy_from(chain, r).check().get("chain").detail
    assert "the statement is a model object itself" in detail


def test_result_of_another_derivation_is_verified():
    chain = derive.Chain()
    g = chain.result_of("deformation_potential_coupling", "the coupling")
    assert chain[g] == derive.get("deformation_potential_coupling").statement.rhs
    D = next(q.symbol for q in derive.get("deformation_potential_coupling").symbols if q.symbol.name == "D")
    r = chain.step("|g|² per D", lambda g: sp.Derivative(g**2, D), g, rhs=lambda e: e.doit())
    d = toy_from(chain, r)
    assert d.check().get("chain").passed
    wrong = dataclasses.replace(d.model[0], expr=2 * d.model[0].expr)
    detail = dataclasses.replace(d, model=[wrong]).check().get("chain").detail
    assert "is not a result of derivation deformation_potential_coupling" in detail


def test_every_registered_derivation_has_provenance():
    """Every catalogue step is built by a recorded operation from the model or earlier results."""
    for name in derive.catalog():
        d = derive.get(name)
        assert d.model, name
        assert all(s.inputs and s.operation is not None for s in d.steps), name


def test_time_limit_survives_a_swallowed_alarm():
    """An alarm that lands where the exception is swallowed (a gc callback) does not end the limit: the
    alarm repeats, and the computation still stops."""
    import time

    start = time.perf_counter()
    with pytest.raises(TimeoutError, match=r"loop exceeded 0\.2 s"), checker.time_limit(0.2, "loop"):
        try:
            while True:
                time.sleep(0.01)
        except TimeoutError:  # the first alarm, swallowed
            while True:
                time.sleep(0.01)
    assert time.perf_counter() - start < 1.0
