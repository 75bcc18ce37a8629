"""Fixtures of the numeric tests."""

from __future__ import annotations

import mpmath
import pytest


@pytest.fixture(scope="module")
def mpmath_50_digits():
    """mpmath at 50 digits for one test module (``pytestmark = pytest.mark.usefixtures(...)``).

    A global ``mpmath.mp.dps = 50`` at import would leak into every module imported after it on the
    same xdist worker (the last import wins); the ``workdps`` context ends with the module.
    """
    with mpmath.workdps(50):
        yield
