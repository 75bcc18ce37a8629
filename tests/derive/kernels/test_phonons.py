"""The Debye heat-capacity kernel of the factory: every branch verified, truncations not vacuous."""

from __future__ import annotations

import dataclasses
import re

import sympy as sp

from derive.kernels.phonons import DEBYE_REMAINDER, debye_cv_reduced_kernel


def test_kernel_branches_verify():
    """Kernel.verify(): each branch against the Debye integral (remainder < 1e-22 on its region)."""
    kernel = debye_cv_reduced_kernel()
    y = kernel.args[0]
    results = kernel.verify()
    assert len(results) == len(kernel.branches) == 3
    assert all(r.passed for r in results), "\n".join(f"{r.check}: {r.method} {r.detail}" for r in results)
    assert all(b.remainder == DEBYE_REMAINDER for b in kernel.branches)
    assert sp.simplify(kernel.branches[-1].expr - 4 * sp.pi**4 / (5 * y**3)) == 0  # the T³ law


def test_remainder_check_rejects_a_short_truncation():
    """The verification is not vacuous: one term fewer in the series or the tail sum fails it."""
    kernel = debye_cv_reduced_kernel()
    y = kernel.args[0]
    series, tail, t3 = kernel.branches
    top = sp.Poly(series.expr, y)
    shorter_series = (top - sp.Poly(top.LC() * y ** top.degree(), y)).as_expr()
    K = int(re.search(r"(\d+) terms", tail.why).group(1))  # drop the last term of the tail sum
    short_tail = tail.expr + 12 / y**3 * sp.exp(-K * y) * (y**3 / K + 3 * y**2 / K**2 + 6 * y / K**3
                                                             + 6 / sp.Integer(K) ** 4)
    broken = dataclasses.replace(kernel, branches=[
        dataclasses.replace(series, expr=shorter_series), dataclasses.replace(tail, expr=short_tail), t3])
    results = broken.verify()
    assert [r.passed for r in results] == [False, False, True], [r.detail for r in results]
    assert all("relative remainder" in r.detail for r in results)
