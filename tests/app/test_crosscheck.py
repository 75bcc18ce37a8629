"""The numeric cross-checks that `ephkit check` runs: one per derivation, passing, able to fail.

docs/architecture.md: a test must fail if any registered derivation lacks a numeric cross-check (an
independent integrator or numeric route reaching the closed form in its limit).
"""

from __future__ import annotations

import pytest

import derive
from derive.app import crosscheck

#: The issues name these; every other registered derivation is required too (parametrised below).
NAMED_BY_ISSUES = (
    "debye_T3_law",
    "lindhard_static", "thomas_fermi_limit", "lindhard_small_q_expansion", "plasmon_dispersion",
    "frohlich_screened_thomas_fermi",
    "deformation_potential_rate_high_T", "bloch_gruneisen_transport_rate_low_T",
    "transport_rate_fermi_level_low_T", "quasiparticle_rate_low_T",
)


def test_every_registered_crosscheck_names_a_derivation():
    assert set(crosscheck._CROSSCHECKS) <= set(derive.catalog())
    assert set(NAMED_BY_ISSUES) <= set(derive.catalog())


@pytest.mark.parametrize("name", derive.catalog())
def test_crosscheck_passes_and_reports_ratios(name, reports):
    """Read from the one cold `ephkit check --json` of the session (tests/conftest.py): not run again."""
    result = next((r for r in reports[name].results if r.check == "numeric cross-check"), None)
    assert result is not None, f"{name} has no numeric cross-check"
    assert result.passed, result.detail
    assert result.method and ("ratio" in result.detail or "C_V" in result.detail)
    assert "error" != result.method
    regime = derive.get(name).regime
    assert ("inside the regime" in result.detail) if regime else ("regime: no restriction" in result.detail)


def test_regime_at_flags_points_outside_and_missing_values():
    """The cross-checks' own regime test: a point outside fails, a missing regime symbol is an error."""
    inside, where = crosscheck.regime_at("debye_T3_law", [{"T": 1.0, "Theta_D": 343.0}])
    assert inside and "T < Theta_D: 0.00292" in where
    outside, where = crosscheck.regime_at("debye_T3_law", [{"T": 1.0, "Theta_D": 343.0},
                                                            {"T": 400.0, "Theta_D": 343.0}])
    assert not outside and "OUTSIDE" in where
    with pytest.raises(ValueError, match="Theta_D"):
        crosscheck.regime_at("debye_T3_law", [{"T": 1.0}])
    failed = crosscheck._ratio_result("m", "w", ["a"], [1.0], 1e-3, regime=(False, "OUTSIDE the regime"))
    assert not failed.passed


def test_scattering_crosschecks_state_T_BG_of_copper(reports):
    result = reports["deformation_potential_rate_high_T"].get("numeric cross-check")
    assert "T_BG = 98" in result.method and "T >> T_BG" in result.detail  # ~990 K for copper


def test_a_crashing_or_missing_crosscheck_is_not_a_pass(monkeypatch):
    def broken():
        raise RuntimeError("integrator diverged")

    monkeypatch.setitem(crosscheck._CROSSCHECKS, "lindhard_static", broken)
    result = crosscheck.run_crosscheck("lindhard_static")
    assert not result.passed and "integrator diverged" in result.detail
    assert crosscheck.run_crosscheck("no_such_derivation") is None


def test_ratio_outside_tolerance_fails():
    result = crosscheck._ratio_result("m", "w", ["a", "b"], [1.0, 1.002], 1e-3)
    assert not result.passed and "2.0e-03" in result.detail
