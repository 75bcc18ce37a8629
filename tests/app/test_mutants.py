"""Mutation testing of the checker (derive.app.mutants): the operators, equivalent mutants, kills, the CLI."""

from __future__ import annotations

import dataclasses
import json
import os

import pytest
import sympy as sp

from derive import Chain, Derivation, Model, Quantity, Ref, Step
from derive.app import mutants as mt
from derive.app.cli import main
from derive.app.verdict import Workers
from derive.units import METRE

x = sp.Symbol("x", positive=True)
y = sp.Symbol("y", positive=True)
r = sp.Symbol("r", real=True)
a = sp.Symbol("a", positive=True)
L = sp.Symbol("L", positive=True)
f = sp.Symbol("f", real=True)
SYMBOLS = [Quantity(s, sp.Integer(1), str(s)) for s in (x, y, r, a, f)] + [Quantity(L, METRE, "length")]


def toy(steps, rhs, textbook=None, name="toy", sample=None, model=()) -> Derivation:
    """A derivation of ``f = rhs``; steps without provenance start from their left sides, declared as
    model objects (so the chain check holds and the steps themselves are judged)."""
    if not model:
        model = [Model(Ref(f"lhs {i}"), step.lhs, "toy") for i, step in enumerate(steps, 1)]
        steps = [dataclasses.replace(step, inputs=(m.ref,), operation=lambda e: e)
                 for m, step in zip(model, steps, strict=True)]
    statement = sp.Eq(f, rhs, evaluate=False)
    textbook = sp.Eq(f, rhs if textbook is None else textbook, evaluate=False)
    return Derivation(name, "Toy", "test", SYMBOLS, [], steps, statement, textbook, sample or {}, model)


def results(expr, *operators, within=None) -> set[str]:
    return {str(rw.expr) for rw in mt.rewrites(expr, operators, within=within)}


# ------------------------------------------------------------------ operators on small expressions
def test_constant_operator():
    assert results(2 * x, "constant") == {"3*x"}
    assert results(x**2 + y / 2, "constant") == {"x**3 + y/2", "x**2 + y/3"}  # n -> n + 1, p/q -> p/(q+1)
    assert results(5 * x, "constant") == {"6*x"}
    assert results(sp.Float("2.5") * x, "constant") == {"2.525*x"}  # a float scaled by 1.01
    assert results(sp.sqrt(x), "constant") == {"x**(1/3)"}  # sqrt is x**(1/2)


def test_sign_and_swap_operators():
    assert results(x + y, "sign") == {"-x + y", "x - y"}
    assert results(x - y, "swap") == {"-x + y"}
    assert results(x + y, "swap") == set()  # no subtraction to exchange
    assert results((x - y) * L, "swap") == {"L*(-x + y)"}


def test_drop_factor_operator():
    assert results(2 * x * y, "drop-factor") == {"x*y", "2*y", "2*x"}
    assert results(x / (1 + y), "drop-factor") == {"x", "1/(y + 1)"}  # a denominator is a factor too


def test_boundary_operator():
    pw = sp.Piecewise((x, x + y < 1), (0, True))
    assert results(pw, "boundary") == {"Piecewise((x, x + y < 99/100), (0, True))",
                                       "Piecewise((x, x + y < 9/10), (0, True))"}
    symbolic = sp.Piecewise((x, x < y), (0, True))
    assert results(symbolic, "boundary") == {"Piecewise((x, x < 99*y/100), (0, True))",
                                             "Piecewise((x, x < 9*y/10), (0, True))"}


def test_identical_trees_are_not_mutants():
    assert results(sp.cos(x - y), "swap") == set()  # cos(y - x) is cos(x - y) after canonicalisation
    assert results(x, *mt.TREE_OPERATORS) == set()
    found = mt.rewrites(2 * x + 2 * y)  # 2 -> 3 in either term gives a distinct tree, each once
    assert len({rw.expr for rw in found}) == len(found)
    with pytest.raises(ValueError, match="outside the valid range"):
        mt.rewrites(x, ("no-such-operator",))


def test_lhs_is_mutated_in_the_operation_parameters_only():
    integral = sp.Integral(2 * x, (x, 0, a))
    assert mt.operation_parameters(integral) == [(1, 1), (1, 2)]
    assert results(integral, *mt.TREE_OPERATORS, within=mt.operation_parameters(integral)) == {
        "Integral(2*x, (x, 1, a))"}  # the bound 0 -> 1; the integrand 2*x is left alone
    subs = sp.Subs(x**2, x, 2)
    assert results(subs, "constant", within=mt.operation_parameters(subs)) == {"Subs(x**2, x, 3)"}


# ------------------------------------------------------------------ mutants of a derivation
def integral_toy() -> Derivation:
    chain = Chain()
    density = chain.declare("f", 2 * x, "a linear density")
    area = chain.step("integrate", lambda f: sp.Integral(f, (x, 0, a)), density, rhs=a**2)
    chain.step("differentiate", lambda p: sp.Derivative(p, a), area, rhs=2 * a)
    return toy(chain.steps, 2 * a, model=chain.model)


def test_mutants_of_a_derivation_cover_every_target():
    d = integral_toy()
    ms = mt.mutants(d, limits={})
    assert [m.index for m in ms] == list(range(len(ms)))
    where = {(m.where, m.operator, str(m.after)) for m in ms}
    assert ("step 1 rhs", "constant", "a**3") in where
    assert ("step 1 lhs", "constant", "Integral(2*x, (x, 1, a))") in where
    assert ("step 2 lhs", "constant", "Derivative(a**2, (a, 2))") in where
    assert ("statement", "constant", "3*a") in where
    assert ("textbook", "drop-factor", "a") in where
    assert ("typed-in step 3", "typed-in", "3*a") in where
    assert ("typed-in-model step 3", "typed-in-model", "3*a") in where
    assert ("model object 1", "constant", "3*x") in where
    assert mt.mutants(d, limits={}) == ms  # deterministic


def test_limits_spread_the_mutants_over_each_side():
    rhs = sum(k * x**k for k in range(2, 12))  # 2*x**2 + 3*x**3 + ... : 20 constant mutants
    d = toy([Step(rhs, rhs, "trivial")], rhs)
    every = [m for m in mt.mutants(d, limits={}) if m.where == "step 1 rhs" and m.operator == "constant"]
    limited = [m for m in mt.mutants(d, limits={"rhs": 3}) if m.where == "step 1 rhs"
               and m.operator == "constant"]
    assert len(every) == 20 and len(limited) == 3
    assert [m.after for m in limited] == [every[0].after, every[10].after, every[19].after]  # evenly spaced
    assert len(mt.mutants("debye_T3_law")) < len(mt.mutants("debye_T3_law", limits={}))


def test_mutant_of_the_result_changes_the_statement_with_it():
    d = integral_toy()
    m = next(m for m in mt.mutants(d, limits={}) if m.where == "step 2 rhs" and str(m.after) == "3*a")
    mutated = m.apply(d)
    assert mutated.statement.rhs == 3 * a and mutated.steps[1].rhs == 3 * a
    assert d.statement.rhs == 2 * a and d.steps[1].rhs == 2 * a  # the original is untouched
    report = mutated.check(steps=m.checked_steps(d))
    assert not report.get("step 2").passed and not report.get("textbook").passed
    assert report.get("chain").passed  # not killed by the structural chain check alone
    typed = next(m for m in mt.mutants(d, limits={}) if m.operator == "typed-in").apply(d)
    assert len(typed.steps) == 3 and typed.steps[-1].lhs == typed.steps[-1].rhs == typed.statement.rhs


def test_a_mutated_operation_or_model_object_passes_the_chain_and_fails_the_step():
    """A wrong bound is a wrong operation (changed with the left side), a wrong model object changes the
    left side of every step built from it: the chain still holds, the step's equality does not."""
    d = integral_toy()
    ms = mt.mutants(d, limits={})
    for where, after in (("step 1 lhs", "Integral(2*x, (x, 1, a))"), ("model object 1", "3*x")):
        m = next(m for m in ms if m.where == where and str(m.after) == after)
        mutated = m.apply(d)
        assert str(mutated.steps[0].lhs) == "Integral(3*x, (x, 0, a))" if m.target == "model" else after
        report = mutated.check(steps=m.checked_steps(d))
        assert report.get("chain").passed and not report.get("step 1").passed
        assert mt.run_mutant(d, m).killed_by == ["step 1"]


def test_wrong_mutants_are_killed():
    d = integral_toy()
    for m in mt.mutants(d, limits={}):
        if m.target in ("step", "model", "textbook"):
            result = mt.run_mutant(d, m)
            assert result.status == "killed", (m, result)
            assert result.killed_by


# ------------------------------------------------------------------ equivalent mutants
def test_a_swap_inside_a_square_is_equivalent():
    rhs = x**4 * sp.exp(x) / (sp.exp(x) - 1) ** 2
    d = toy([Step(x**4 * sp.exp(-x) / (1 - sp.exp(-x)) ** 2, rhs, "times exp(2x)/exp(2x)")], rhs)
    swap = next(m for m in mt.mutants(d, limits={}) if m.where == "step 1 rhs" and m.operator == "swap")
    assert str(swap.after) == "x**4*exp(x)/(1 - exp(x))**2"
    result = mt.run_mutant(d, swap)
    assert result.status == "equivalent", result
    assert "simplify" in result.reason
    # the same swap outside the square is no equivalent mutant
    d = toy([Step(sp.exp(x) - 1, sp.exp(x) - 1, "trivial")], sp.exp(x) - 1)
    swap = next(m for m in mt.mutants(d, limits={}) if m.where == "step 1 rhs" and m.operator == "swap")
    assert mt.run_mutant(d, swap).status == "killed"


def test_a_sign_flip_of_a_zero_term_is_equivalent():
    zero = (sp.sin(x) ** 2 + sp.cos(x) ** 2 - 1) * y
    d = toy([Step(sp.Integral(1, (y, 0, x)), x + zero, "integrate")], x + zero)
    flip = next(m for m in mt.mutants(d, limits={}) if m.where == "step 1 rhs" and m.operator == "sign"
                and m.after == x - zero)
    assert mt.run_mutant(d, flip).status == "equivalent"
    wrong = next(m for m in mt.mutants(d, limits={}) if m.where == "step 1 rhs" and m.operator == "sign"
                 and m.after == -x + zero)
    assert mt.run_mutant(d, wrong).status == "killed"


def test_a_change_beyond_the_order_of_an_asymptotic_step_is_equivalent():
    rhs = 1 - x**2 / 6 + x**4 / 120
    d = toy([Step(sp.sin(x) / x, rhs, "Taylor", order=(x**4, x, 0)),
             Step(sp.Limit(sp.sin(x) / x, x, 0), 1, "x -> 0")], 1)
    by_detail = {m.detail: m for m in mt.mutants(d, limits={}) if m.where == "step 1 rhs"}
    beyond = mt.run_mutant(d, by_detail["x**4/120 -> 2*(x**4/120)"])
    assert beyond.status == "equivalent" and "O(x**4)" in beyond.reason
    doubled = {m.after: m for m in mt.mutants(d, limits={}) if m.where == "step 1 rhs"}
    leading = mt.run_mutant(d, doubled[2 - x**2 / 6 + x**4 / 120])  # the leading term doubled
    assert leading.status == "killed"
    scaled = mt.run_mutant(d, next(m for m in mt.mutants(d, limits={}) if m.operator == "asymptotic-scale"))
    assert scaled.status == "killed"


def test_a_survivor_is_reported_not_hidden():
    # Sampled only on 2 < x < 3, a boundary moved from x < 1 to x < 99/100 changes nothing the check
    # sees; the two are not equal (x = 0.995), so the mutant is a survivor, not an equivalent one.
    pw = sp.Piecewise((0, x < 1), (x, True))
    d = toy([Step(sp.Piecewise((0, x < 1), (x, x >= 1)), pw, "the same")], pw, sample={x: (2.0, 3.0)})
    moved = next(m for m in mt.mutants(d, limits={}) if m.where == "step 1 rhs" and m.operator == "boundary")
    result = mt.run_mutant(d, moved)
    assert result.status == "survived", result
    score = mt.DerivationScore("toy", [result], 1, 0.0)
    assert score.score == 0.0 and score.survivors() == [result]


# ------------------------------------------------------------------ the catalogue, the pool, the CLI
@pytest.mark.slow
def test_sample_of_catalogue_mutants_is_killed():
    """A seeded random mutant of each of a few derivations is killed (or proved equivalent)."""
    names = ["frohlich_coupling", "debye_T3_law", "lindhard_dynamic_imag"]  # solutions, limits, Piecewise
    report = mt.run_mutants(names, jobs=1, sample=1, seed=3)
    assert [s.name for s in report.scores] == names
    for score in report.scores:
        assert len(score.results) == 1 and score.total > 1
        for result in score.results:
            assert result.status in ("killed", "equivalent"), result


def test_unknown_name_and_bad_arguments_are_refused():
    import derive

    with pytest.raises(derive.UnknownDerivationError):
        mt.run_mutants(["frohlich_couplin"], jobs=1)
    with pytest.raises(ValueError, match="sample"):
        mt.run_mutants(["frohlich_coupling"], jobs=1, sample=0)


def test_workers_stream_and_crash():
    with Workers(2, preload=()) as pool:
        assert sorted(pool.stream(abs, [-3, 2, -1], crashed=lambda item, exc: None)) == [1, 2, 3]
        # a worker that dies: its item's result is what `crashed` says, not an exception
        assert list(pool.stream(os._exit, [7], crashed=lambda item, exc: ("crashed", item))) == [
            ("crashed", 7)]


def test_cli_mutants_json(capsys):
    assert main(["check", "--mutants", "frohlich_coupling", "--sample", "2", "--seed", "1", "-j", "1",
                 "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (entry,) = data["derivations"]
    assert entry["name"] == "frohlich_coupling" and entry["run"] == 2 and entry["mutants"] > 2
    assert entry["survived"] == 0 and {r["status"] for r in entry["results"]} <= {"killed", "equivalent"}
    assert data["seconds"] > 0


def test_cli_mutants_table_and_errors(capsys):
    assert main(["check", "--mutants", "debye_T3_law", "--sample", "1", "-j", "1"]) == 0
    out = capsys.readouterr().out
    assert "debye_T3_law" in out and "mutation score" in out and "no survivors" in out
    assert main(["check", "--sample", "2", "debye_T3_law"]) == 2  # --sample needs --mutants
    assert main(["check", "--mutants", "no_such_derivation"]) == 2


def test_a_derivation_that_cannot_be_mutated_is_an_error(monkeypatch, capsys):
    def broken(name):
        raise RuntimeError("cannot build")

    monkeypatch.setattr(mt, "_mutants_of", broken)
    (score,) = mt.run_mutants(["frohlich_coupling"], jobs=1).scores
    assert [r.status for r in score.results] == ["error"] and "cannot build" in score.results[0].reason
    assert main(["check", "--mutants", "frohlich_coupling", "-j", "1"]) == 1
    assert "cannot build" in capsys.readouterr().out


def test_changes_on_a_set_of_measure_zero_are_labelled():
    by_result = {str(rw.expr): rw.note for rw in mt.rewrites(y * sp.Heaviside(x - 1), ("constant",))}
    assert "measure zero" in by_result["y*Heaviside(x - 1, 1/3)"]  # the value at the jump
    assert by_result["y"] == ""  # the jump moved (-1 -> 0) to x = 0, outside x > 0: no label
    pw = sp.Piecewise((x, x < 1), (x / 2, sp.Eq(x, 1)), (0, True))
    notes = {str(rw.expr): rw.note for rw in mt.rewrites(pw, ("constant",))}
    assert "measure zero" in notes["Piecewise((x, x < 1), (x/3, Eq(x, 1)), (0, True))"]
    assert notes["Piecewise((x, x < 2), (x/2, Eq(x, 1)), (0, True))"] == ""


def test_a_zero_side_is_no_witness():
    # Both Subs are 0 (the continuity of f_im at nu = 1 - x, and at nu = -1 - x too): at 30 digits they
    # evaluate to cancellation residues ~1e-31, which must not count as a difference.
    nu = sp.Symbol("nu", positive=True)
    edge = sp.pi * nu / 2 - sp.pi * (1 - (x - nu) ** 2) / (8 * x)
    d = toy([Step(sp.Subs(edge, nu, 1 - x), 0, "continuous at the edge")], 0,
            sample={x: (0.05, 3.0)})
    flip = next(m for m in mt.mutants(d, limits={}) if m.where == "step 1 lhs" and m.operator == "sign"
                and "-x - 1" in str(m.after))
    result = mt.run_mutant(d, flip)
    assert result.status == "equivalent", result


def test_a_heaviside_value_at_its_jump_is_proved_equivalent_where_it_cannot_matter():
    """Pointwise: (1 - x) H(1 - x) vanishes at the jump whatever H(0) is; under an integral over x the
    jump is a null set. A bare H(1 - x) at its jump is no such case: not proved, so not equivalent."""
    ramp = (1 - x) * sp.Heaviside(1 - x)
    d = toy([Step(sp.Piecewise((1 - x, x < 1), (0, True)), ramp, "as a step function")], ramp)
    (m,) = [m for m in mt.mutants(d, limits={}) if m.where == "step 1 rhs" and m.note]
    result = mt.run_mutant(d, m)
    assert result.status == "equivalent" and "there after - before = 0" in result.reason, result
    area = sp.Integral(x * sp.Heaviside(a - x), (x, 0, 2))
    (rw,) = [rw for rw in mt.rewrites(area, ("constant",)) if rw.note]
    m = mt.Mutant("toy", 0, "step", 1, "rhs", "constant", area, rw.expr, rw.detail, rw.note, rw.path)
    assert "measure zero of the integration over x" in mt._null_set_proof(m)
    bare = next(m for m in mt.mutants(toy([Step(sp.Piecewise((1, x < 1), (0, True)), sp.Heaviside(1 - x),
                                                     "step")], sp.Heaviside(1 - x)), limits={}) if m.note)
    assert mt._null_set_proof(bare) == ""
