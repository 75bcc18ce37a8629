"""SI dimension analysis of expressions."""

from __future__ import annotations

import hypothesis.strategies as st
import pytest
import sympy as sp
from hypothesis import given

from derive.units import (
    JOULE,
    KELVIN,
    KILOGRAM,
    METRE,
    SECOND,
    DimensionError,
    dimension_of,
    format_dimension,
    same_dimension,
)

v, t, T, E = sp.symbols("v t T E", positive=True)
DIMS = {v: METRE / SECOND, t: SECOND, T: KELVIN, E: JOULE}


def test_products_and_powers():
    assert same_dimension(dimension_of(v * t, DIMS), METRE)
    assert same_dimension(dimension_of(sp.sqrt(E / (v**2)), DIMS), sp.sqrt(KILOGRAM))
    assert format_dimension(dimension_of(E / E, DIMS)) == "1"


def test_sum_of_unlike_quantities_is_an_error():
    with pytest.raises(DimensionError, match="adding"):
        dimension_of(v + t, DIMS)


def test_transcendental_needs_pure_number():
    with pytest.raises(DimensionError, match="not dimensionless"):
        dimension_of(sp.exp(t), DIMS)
    assert dimension_of(sp.exp(v * t / (v * t)), DIMS) == 1


def test_undeclared_symbol_is_an_error():
    with pytest.raises(DimensionError, match="no declared dimension"):
        dimension_of(sp.Symbol("z") * v, DIMS)


def test_integral_multiplies_by_the_variable():
    x = sp.Symbol("x", positive=True)
    expr = sp.Integral(E * sp.exp(-x / t), (x, 0, sp.oo))
    assert same_dimension(dimension_of(expr, {**DIMS, x: SECOND}), JOULE * SECOND)


def test_equation_sides_must_agree():
    with pytest.raises(DimensionError, match="sides differ"):
        dimension_of(sp.Eq(E, v, evaluate=False), DIMS)


@given(st.lists(st.sampled_from(sorted(DIMS, key=str)), min_size=1, max_size=6),
       st.integers(-3, 3))
def test_dimension_of_monomial_is_monomial_of_dimensions(symbols, power):
    expr = sp.Mul(*symbols) ** power
    expected = sp.Mul(*(DIMS[s] for s in symbols)) ** power
    assert same_dimension(dimension_of(expr, DIMS), expected)


def test_substitution_takes_the_dimension_of_what_is_put_in():
    x = sp.Symbol("x", positive=True)  # undeclared: it takes the dimension of v t
    assert same_dimension(dimension_of(sp.Subs(x / t, x, v * t), DIMS), METRE / SECOND)
    with pytest.raises(DimensionError, match="substituting"):
        dimension_of(sp.Subs(v * t, v, E), DIMS)  # a velocity replaced by an energy


def test_max_min_zero_and_logarithmic_derivative():
    assert same_dimension(dimension_of(sp.Max(v * t, v * t / 2), DIMS), METRE)
    with pytest.raises(DimensionError, match="differ"):
        dimension_of(sp.Min(v, t), DIMS)
    assert same_dimension(dimension_of(sp.Eq(v * t, 0, evaluate=False), DIMS), METRE)  # 0 is any unit
    # d ln(E)/dt = E'/E: the unit inside the logarithm drops out
    assert same_dimension(dimension_of(sp.Derivative(sp.log(E * t), t), DIMS), 1 / SECOND)
    with pytest.raises(DimensionError):
        dimension_of(sp.log(E), DIMS)  # a plain log of a dimensional quantity stays an error
