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
