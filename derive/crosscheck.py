"""Numeric cross-checks: independent integrators of ``numeric`` reaching a closed form in its limit.

``ephkit check`` runs, for each derivation that has one, its cross-check after
the symbolic checks and reports the integrator / closed-form ratio. The
integrators never call the closed form they are compared with.
"""

from __future__ import annotations

from collections.abc import Callable

from .derivation import CheckResult

__all__ = ["crosscheck", "run_crosscheck"]

_CROSSCHECKS: dict[str, Callable[[], CheckResult]] = {}


def crosscheck(derivation: str) -> Callable[[Callable[[], CheckResult]], Callable[[], CheckResult]]:
    """Register the numeric cross-check of ``derivation``."""

    def wrap(fn: Callable[[], CheckResult]) -> Callable[[], CheckResult]:
        _CROSSCHECKS[derivation] = fn
        return fn

    return wrap


def run_crosscheck(derivation: str) -> CheckResult | None:
    """The cross-check result of ``derivation``, or None if it has none."""
    fn = _CROSSCHECKS.get(derivation)
    if fn is None:
        return None
    try:
        return fn()
    except Exception as exc:  # a crash is a failed check
        return CheckResult("numeric cross-check", False, "error", f"{type(exc).__name__}: {exc}")


@crosscheck("debye_T3_law")
def _debye_t3_from_lattice_dynamics() -> CheckResult:
    """C_V of the fcc nearest-neighbour Cu spring model at T = Θ_D(0)/1000 against the T³ law."""
    import scipy.constants as c

    from numeric.lattice import Lattice
    from numeric.phonons import SpringModel, debye_T3
    from numeric.thermal import heat_capacity

    model = SpringModel.with_debye_temperature(Lattice.fcc(3.615e-10), 63.546 * c.atomic_mass, 343.0)
    theta = model.debye_temperature_T0()  # from the model's own sound velocities
    T = theta / 1000
    ratio = heat_capacity(model, T) / debye_T3(T, theta, 1.0)
    # The T³ law's next term is O((T/Θ)²) from dispersion: ~1e-5 here; 1e-3 is the bar.
    return CheckResult(
        "numeric cross-check", abs(ratio - 1) < 1e-3,
        "BZ integrator (numeric.thermal, rays) on fcc NN Cu springs",
        f"C_V / (12π⁴/5) k_B (T/Θ_D(0))³ = {ratio:.6f} at T = Θ_D(0)/1000",
    )
