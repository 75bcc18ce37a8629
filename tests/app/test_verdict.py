"""`ephkit check` and the committed kernels: a derivation and its kernel cannot drift apart silently.

The numeric cross-check runs the committed kernels of ``numeric/_generated``. A derivation whose
model and result were changed together still passes its own check; the kernel check compares the
fingerprint of the derivation just checked with the one its kernels were generated from.
"""

from __future__ import annotations

from dataclasses import replace

import sympy as sp

import derive
from derive.app import verdict as verdict_module
from derive.app.cli import main
from derive.kernels.registry import builders
from derive.provenance import fingerprint


def _with_result(d: derive.Derivation, factor: sp.Expr) -> derive.Derivation:
    """``d`` concluding ``factor`` times its result: statement, textbook and last step changed together
    (what a consistent change of the model would give)."""
    statement = sp.Eq(d.statement.lhs, factor * d.statement.rhs)
    steps = [*d.steps[:-1], replace(d.steps[-1], rhs=factor * d.steps[-1].rhs)]
    return replace(d, statement=statement, textbook=sp.Eq(d.textbook.lhs, factor * d.textbook.rhs),
                   steps=steps)


def test_every_committed_kernel_was_generated_from_its_derivation_as_it_is(reports):
    """In the session's `ephkit check --json`, every derivation with kernels has a passing kernel check
    naming each of its kernels; the others have none."""
    with_kernels: dict[str, list[str]] = {}
    for b in builders():
        with_kernels.setdefault(b.derivation, []).append(b.name)
    assert len(with_kernels) >= 10
    for name, report in reports.items():
        kernel = [r for r in report.results if r.check == "kernel"]
        if name not in with_kernels:
            assert kernel == [], name
            continue
        assert len(kernel) == 1 and kernel[0].passed, (name, kernel)
        assert all(k in kernel[0].detail for k in with_kernels[name])


def test_a_changed_derivation_is_caught_before_the_cross_check_runs_the_old_kernel():
    d = derive.get("deformation_potential_coupling")
    changed = _with_result(d, sp.Integer(2))
    result = verdict_module.kernel_check(changed)
    assert not result.passed
    assert "deformation_potential_coupling" in result.detail and "ephkit codegen --write" in result.detail
    assert fingerprint(d.statement, d.steps) in result.detail  # the committed one, named
    assert fingerprint(changed.statement, changed.steps) in result.detail  # and the derivation's now


def test_a_derivation_without_kernels_has_no_kernel_check():
    d = derive.get("lindhard_static")
    assert verdict_module.kernel_check(replace(d, name="no_kernels_here")) is None


def test_check_command_shows_the_stale_kernel_and_fails(capsys, monkeypatch, tmp_path):
    """End to end: `ephkit check NAME`, where NAME passes its own check but its committed kernel was
    generated from another form of it, exits 1; the kernel column says STALE, and the failure says what
    to run."""
    from derive.kernels import emit

    d = derive.get("frohlich_coupling")
    old = fingerprint(_with_result(d, sp.Rational(1, 2)).statement, d.steps)
    text = (emit.GENERATED_DIR / "coupling.py").read_text(encoding="utf-8")
    assert fingerprint(d.statement, d.steps) in text
    (tmp_path / "coupling.py").write_text(text.replace(fingerprint(d.statement, d.steps), old))
    monkeypatch.setattr(emit, "GENERATED_DIR", tmp_path)
    monkeypatch.setattr(verdict_module, "run_crosscheck", lambda name: None)  # the kernel check alone
    assert main(["check", "frohlich_coupling", "-j", "1"]) == 1
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("frohlich_coupling "))
    assert "STALE" in row and "match" in row  # its own checks pass: only the kernel is behind
    assert "[FAIL] kernel: fingerprint" in out and "ephkit codegen --write" in out and old in out
