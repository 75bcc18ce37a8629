"""The pinned CODATA table: one edition, the numbers the generated kernels and numeric use."""

from __future__ import annotations

import math

import pytest
import scipy.constants

from derive.constants import CODATA, CODATA_EDITION, E_CHARGE, EPS0, HBAR, K_B, codata_values


def test_one_edition_named_with_its_source():
    assert CODATA_EDITION == "CODATA 2022"
    names = [c.name for c in CODATA]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("c", CODATA, ids=[c.name for c in CODATA])
def test_pinned_values_are_the_codata_2022_values_of_scipy(c):
    """scipy 1.17 ships CODATA 2022: the pinned literals are its numbers, digit for digit."""
    value, unit, uncertainty = scipy.constants.physical_constants[c.codata_name]
    assert (c.value, c.unit, c.uncertainty) == (value, unit, uncertainty)
    if hasattr(scipy.constants, c.name):
        assert getattr(scipy.constants, c.name) == c.value


def test_exact_relations_of_the_si():
    table = {c.name: c.value for c in CODATA}
    assert table["eV"] == table["e"]
    assert math.isclose(table["hbar"], table["h"] / (2 * math.pi), rel_tol=1e-16)


def test_kernels_substitute_the_pinned_table():
    table = {c.name: c.value for c in CODATA}
    assert codata_values() == {HBAR.symbol: table["hbar"], E_CHARGE.symbol: table["e"],
                               EPS0.symbol: table["epsilon_0"], K_B.symbol: table["k"]}
