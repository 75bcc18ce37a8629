"""One CODATA table: numeric's runtime constants are the derivations' pinned table, digit for digit.

The kernel factory writes derive.constants.CODATA as numeric/_generated/constants.py; numeric.constants
re-exports it. The generated kernels substitute derive.constants.codata_values(), so the integrators
of numeric and the closed-form kernels they are checked against use the same numbers.
"""

from __future__ import annotations

import numeric.constants
from derive.constants import CODATA, CODATA_EDITION, E_CHARGE, EPS0, HBAR, K_B, codata_values


def test_runtime_table_is_the_pinned_table():
    assert numeric.constants.EDITION == CODATA_EDITION
    assert sorted(numeric.constants.__all__) == sorted(["EDITION", *(c.name for c in CODATA)])
    assert {c.name: getattr(numeric.constants, c.name) for c in CODATA} == {c.name: c.value for c in CODATA}


def test_kernels_and_runtime_use_the_same_numbers():
    c = numeric.constants
    assert codata_values() == {HBAR.symbol: c.hbar, E_CHARGE.symbol: c.e, EPS0.symbol: c.epsilon_0,
                               K_B.symbol: c.k}
