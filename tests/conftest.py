"""Shared fixtures: every derivation is checked once per test session."""

from __future__ import annotations

import pytest

import derive


@pytest.fixture(scope="session")
def reports() -> dict[str, derive.CheckReport]:
    """``Derivation.check()`` of every registered derivation, computed once."""
    return {name: derive.get(name).check() for name in derive.catalog()}
