"""numeric.phonons.debye_heat_capacity against the Debye integral by mpmath quadrature at 50 digits.

The reference is C_V = 9 N k_B (T/Θ_D)³ ∫_0^{Θ_D/T} x⁴eˣ/(eˣ − 1)² dx evaluated
by ``mpmath.quad`` (not the kernel's series or tail identity), at points
stratified by regime: the bulk, both switch points of the generated kernel
(y = Θ_D/T = 3 and 65), very low T (down to T/Θ_D = 1e-12 and T = 0) and very
high T (up to T/Θ_D = 1e8).
"""

from __future__ import annotations

import math
import warnings

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.constants import N_A, k

from numeric.phonons import debye_heat_capacity, debye_T3

RTOL = 1e-13
THETA = 343.0  # K (Cu); the reduced kernel only sees Θ_D/T
#: Where the generated kernel switches branch (y = Θ_D/T): series | tail identity | T³ law.
SWITCHES = (3.0, 65.0)


def reference(T: float, theta: float, n: float = 1.0) -> mpmath.mpf:
    """C_V in J/K by quadrature of the Debye integral at 50 digits (inputs taken as exact doubles)."""
    with mpmath.workdps(50):
        y = mpmath.mpf(theta) / mpmath.mpf(T)

        def integrand(x):
            return x**4 * mpmath.exp(x) / mpmath.expm1(x) ** 2

        cuts = [0, *(c for c in (2, 5, 10, 20, 40, 80, 160) if c < y), y]
        integral, error = mpmath.quad(integrand, cuts, error=True)
        assert error < mpmath.mpf(10) ** -35 * integral
        return 9 * mpmath.mpf(n) * mpmath.mpf(k) / y**3 * integral


def max_relative_error(T: np.ndarray, theta: float = THETA, n: float = 1.0) -> float:
    values = debye_heat_capacity(T, theta, n)
    with mpmath.workdps(50):
        errors = [abs(mpmath.mpf(v) - ref) / ref
                  for v, ref in zip(values, (reference(t, theta, n) for t in T), strict=True)]
    return float(max(errors))


# ------------------------------------------------------------------ accuracy by stratum
def test_bulk():
    ratio = np.geomspace(0.01, 10.0, 70)
    ratio = np.concatenate([ratio, np.random.default_rng(1).uniform(0.01, 10.0, 20)])
    assert max_relative_error(ratio * THETA) <= RTOL


@pytest.mark.parametrize("y_switch", SWITCHES)
def test_near_switch_points(y_switch):
    """Both sides of each switch, down to adjacent doubles of y = Θ_D/T."""
    offsets = np.array([1e-2, 1e-4, 1e-8, 1e-12, 0.0])
    y = np.concatenate([y_switch * (1 - offsets), y_switch * (1 + offsets),
                        [np.nextafter(y_switch, 0), np.nextafter(y_switch, np.inf)]])
    T = 1.0 / y  # Θ_D = 1 K
    assert max_relative_error(T, theta=1.0) <= RTOL
    assert max_relative_error(THETA / y, theta=THETA) <= RTOL


def test_very_low_temperature_and_zero():
    ratio = np.concatenate([np.geomspace(1e-12, 0.01, 25), [1 / 49.9, 1 / 50, 1 / 50.1]])
    n = N_A
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        assert max_relative_error(ratio * THETA, n=n) <= RTOL
        assert debye_heat_capacity(0.0, THETA, n) == 0.0
        assert debye_heat_capacity(0.0, 1e300) == 0.0
        assert debye_heat_capacity(1e-300, 1e300) == 0.0  # Θ_D/T overflows to inf: the limit
        assert debye_heat_capacity(1e-300, 1.0) == 0.0  # C_V ~ 1e-920 J/K underflows
        values = debye_heat_capacity(np.array([0.0, 1e-9, 1.0]), THETA)
        assert values[0] == 0.0 and 0.0 < values[1] < values[2]


def test_very_high_temperature_to_dulong_petit():
    ratio = np.geomspace(10.0, 1e8, 25)
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        assert max_relative_error(ratio * THETA) <= RTOL
        T = ratio * THETA
        c = debye_heat_capacity(T, THETA, N_A)
        y = THETA / T
        # 3Nk_B (1 − y²/20 + y⁴/560 − ...): the y⁴ term is below 2e-7 for y <= 0.1
        expected = 3 * N_A * k * (1 - y**2 / 20)
        assert np.all(np.abs(c / expected - 1) <= y**4 / 560 * 1.01 + 5e-16)
        assert debye_heat_capacity(1e8 * THETA, THETA) == pytest.approx(3 * k * (1 - 1e-16 / 20), rel=1e-16)
        assert debye_heat_capacity(1e300, 1e-300) == 3 * k  # y underflows to 0: Dulong-Petit


def test_approaches_dulong_petit_monotonically():
    T = THETA * np.array([0.5, 1.0, 2.0, 5.0, 20.0, 100.0, 1e4])
    c = debye_heat_capacity(T, THETA) / (3 * k)
    assert np.all(np.diff(c) > 0) and np.all(c < 1)
    assert 1 - c[-1] == pytest.approx(1 / (20 * 1e8), rel=1e-6, abs=0)
    # textbook values C_V/(3Nk_B) of the Debye function at T = Θ_D and Θ_D/2
    assert c[1] == pytest.approx(0.952, abs=5e-4)
    assert c[0] == pytest.approx(0.825, abs=5e-4)


def test_equals_T3_law_to_its_exponential_tail():
    """The T³ law misses only ∫_y^∞: 1 − C/C_T³ ≈ (15/4π⁴)e^{−y}(y⁴ + 4y³ + 12y² + 24y + 24).

    For T <= Θ_D/50 (y >= 50) this is < 1e-16: the two functions agree to rounding.
    """
    y = np.concatenate([np.linspace(20.0, 50.0, 13), np.geomspace(50.0, 1e12, 30)])
    T = THETA / y
    full, t3 = debye_heat_capacity(T, THETA, N_A), debye_T3(T, THETA, N_A)
    tail = 15 / (4 * np.pi**4) * np.exp(-y) * (y**4 + 4 * y**3 + 12 * y**2 + 24 * y + 24)
    deficit = 1 - full / t3
    # the leading tail is exact to e^{−y}-relative corrections; rounding of two doubles ~ 4e-16
    assert np.all(np.abs(deficit - tail) <= 1e-3 * tail + 5e-16)
    low = y >= 50
    assert np.all(np.abs(deficit[low]) <= tail[low] + 5e-16)  # equal within the (invisible) tail
    assert tail[low].max() < 1e-16


def test_broadcasting_scalars_and_n_atoms():
    assert isinstance(debye_heat_capacity(300.0, THETA), float)
    c = debye_heat_capacity(np.array([[100.0], [300.0]]), np.array([343.0, 428.0]), 2.0)
    assert c.shape == (2, 2)
    assert c[1, 0] == pytest.approx(2 * debye_heat_capacity(300.0, 343.0), rel=1e-15)
    assert debye_heat_capacity(300.0, 343.0, N_A) == pytest.approx(23.386227281167126, rel=1e-14, abs=0)


@pytest.mark.parametrize(("kwargs", "name"), [
    ({"T": -1.0}, "T"), ({"T": math.nan}, "T"), ({"T": math.inf}, "T"), ({"T": "warm"}, "T"),
    ({"theta_D": 0.0}, "theta_D"), ({"theta_D": -343.0}, "theta_D"), ({"theta_D": math.nan}, "theta_D"),
    ({"n_atoms": 0.0}, "n_atoms"), ({"n_atoms": -1.0}, "n_atoms"), ({"n_atoms": math.inf}, "n_atoms"),
])
def test_bad_inputs_raise_with_the_parameter_name(kwargs, name):
    args = {"T": 300.0, "theta_D": THETA, "n_atoms": 1.0, **kwargs}
    with pytest.raises(ValueError, match=rf"^{name} "):
        debye_heat_capacity(**args)


def test_bad_element_in_array_is_reported():
    with pytest.raises(ValueError, match=r"T = -5 is outside the valid range \[0, inf\)"):
        debye_heat_capacity(np.array([1.0, -5.0, 2.0]), THETA)


# ------------------------------------------------------------------ properties
temperatures = st.floats(min_value=0.0, max_value=1e9, allow_nan=False)
thetas = st.floats(min_value=1e-3, max_value=1e5)


@settings(max_examples=300, deadline=None)
@given(t1=temperatures, t2=temperatures, theta=thetas,
       n=st.floats(min_value=1e-3, max_value=1e30))
def test_monotonic_in_T_and_bounded_by_dulong_petit(t1, t2, theta, n):
    lo, hi = sorted((t1, t2))
    c_lo, c_hi = debye_heat_capacity(np.array([lo, hi]), theta, n)
    dulong_petit = 3 * k * n
    assert 0.0 <= c_lo <= dulong_petit and 0.0 <= c_hi <= dulong_petit
    # monotone up to rounding: the branches meet at y = 3 and 65 within ~1e-15 relative
    assert c_lo <= c_hi * (1 + 4e-15)


def test_monotonic_across_the_switch_points_to_rounding():
    for y_switch in SWITCHES:
        y = y_switch * (1 + np.linspace(-1e-6, 1e-6, 2001))
        c = debye_heat_capacity(THETA / y, THETA)
        assert np.all(np.diff(c) <= 4e-15 * c[1:])  # y increasing: C decreasing


# ------------------------------------------------------------------ the generated kernel
def test_switch_points_are_the_kernels():
    """The switch-point strata straddle the generated kernel's branch conditions: keep them in step.

    The branches themselves are verified in tests/derive/kernels/test_phonons.py.
    """
    from derive.kernels.phonons import debye_cv_reduced_kernel

    kernel = debye_cv_reduced_kernel()
    assert [float(b.condition.rhs) for b in kernel.branches[:2]] == list(SWITCHES)


# ====================================================================== issue 15: models and their Θ_D(0)
from numeric.lattice import Lattice  # noqa: E402
from numeric.phonons import (  # noqa: E402
    DebyeModel,
    debye_wavevector,
    elastic_debye_temperature,
    mean_sound_velocity,
)


@pytest.mark.parametrize("f", [mean_sound_velocity, elastic_debye_temperature])
def test_rtol_and_model_are_validated(f):
    # were: RuntimeError "did not converge" for rtol <= 0 or NaN, AttributeError for a non-model
    model = DebyeModel(343.0, 8.47e28)
    for bad in (-1.0, 0.0, float("nan"), 1e-16, 0.5):
        with pytest.raises(ValueError, match=r"rtol = .* is outside the valid range \[1e-14, 0\.1\]"):
            f(model, bad)
    for bad in ("1e-3", True, None, 1e-3j, [1e-3]):
        with pytest.raises(ValueError, match="rtol"):
            f(model, bad)
    for bad in (None, 3.0, "copper", Lattice.fcc(3.6e-10)):
        with pytest.raises(TypeError, match="model must be a PhononModel"):
            f(bad)


class KinkedVelocities:
    """A phonon model whose sound velocity jumps across the plane n_x = 0.3 (discontinuous in n̂)."""

    dim, cell_volume, mass, frequency_bound, domain = 3, 1e-29, None, 1e13, None

    def frequencies(self, q):
        return np.zeros(np.shape(q))

    def sound_velocities(self, directions):
        n = np.asarray(directions, dtype=float)
        n = n / np.linalg.norm(n, axis=-1, keepdims=True)
        return np.repeat(np.where(n[..., :1] > 0.3, 2000.0, 4000.0), 3, axis=-1)

    def debye_temperature_T0(self):
        return elastic_debye_temperature(self)


def test_unreachable_rtol_is_a_value_error():
    # a direction average that converges only algebraically never reaches 1e-12 (was RuntimeError);
    # the same happens for stable spring models very close to an instability (sc, k2/k1 = 1e-6)
    with pytest.raises(ValueError, match=r"rtol = 1e-12 is not reached .* mechanical instability"):
        elastic_debye_temperature(KinkedVelocities())
    assert elastic_debye_temperature(KinkedVelocities(), 1e-2) > 0.0


def test_dimension_and_representable_ranges():
    for bad in (True, 3.0, 0, 4, "3", None):
        with pytest.raises(ValueError, match=r"dim = .* is outside the valid range"):
            debye_wavevector(bad, 1.0)
        with pytest.raises(ValueError, match="dim = "):
            DebyeModel(343.0, 8.47e28, dim=bad)
    assert debye_wavevector(np.int64(1), 2.0) == math.pi / 2
    with pytest.raises(ValueError, match=r"cell_volume = .* gives q_D = inf"):
        debye_wavevector(3, 1e-320)
    with pytest.raises(ValueError, match=r"theta_D = 1e\+300 K.*ω_D = inf"):       # ω_D overflowed to inf
        DebyeModel(1e300, 8.47e28)
    with pytest.raises(ValueError, match="atom_density"):
        DebyeModel(343.0, 1e-320)
    tiny = DebyeModel(1e-300, 1e-300)                          # every derived scale representable
    q_d = (6 * math.pi**2 * 1e-300) ** (1 / 3)
    assert tiny.velocity == pytest.approx(k * 1e-300 / (1.054571817e-34 * q_d), rel=1e-12)


def test_T3_law_without_intermediate_overflow_or_underflow():
    # was NaN for T = Θ = 1e200 (T³/Θ³ = inf/inf), 5.6e-13 off at T = 1e-97 K, Θ = 1e-4 K (c N T³ subnormal)
    law = float(12 * mpmath.pi**4 / 5 * k)
    assert debye_T3(1e200, 1e200) == pytest.approx(law, rel=1e-15)
    with mpmath.workdps(30):
        ref = float(12 * mpmath.pi**4 / 5 * k * (mpmath.mpf(1e-97) / mpmath.mpf(1e-4)) ** 3)
    assert debye_T3(1e-97, 1e-4) == pytest.approx(ref, rel=1e-14)
