"""Fuzz suite of the phonon side of ``numeric`` (issue 15: every input gets a right answer or a clear error).

Every public name of ``numeric.thermal``, ``numeric.phonons``, ``numeric.springs``,
``numeric.lattice`` and ``numeric.tetrahedron`` (each module's ``__all__``, and for a class
its constructor and public methods) has a row in :data:`INVALID` (the valid call and, per
parameter, values that must be refused) and a test of valid input listed in :data:`VALID`;
:func:`test_every_public_name_is_fuzzed` fails when a new name is added without both.

* Invalid input (negative where the range excludes it, NaN, ±inf, None, bool, str, complex,
  wrong shapes, out-of-range rule parameters) raises ValueError or TypeError whose message
  names the parameter; nothing else escapes (no LinAlgError, ZeroDivisionError, OverflowError,
  AttributeError, numba TypingError, RuntimeWarning or silent NaN).
* Valid input gives a finite value, compared with an independent closed form or limit where
  one exists: the T³ law (12π⁴/5) k_B (T/Θ)³ and 18 ζ(3) (T/Θ)³ at low T, Dulong-Petit
  3 k_B (1 − (Θ/T)²/20) and equipartition at high T, the Debye ⟨u²⟩ by mpmath quadrature,
  the chain dispersion 2√(k/M)|sin(qa/2)|, the Christoffel long-wave limit v_s q, the
  Wigner-Seitz distances of the cubic lattices, Hermite-Genocchi divided differences at
  40 digits. References are computed in mpmath where the double result is near the ends of
  its range, so an underflowing reference never hides a wrong value: a result may underflow
  to 0 only where the exact value is below 1e-300.

Runtime (measured, 2 shared cores): 7 s with ``-n 0``, 14 s with the default xdist workers (their start-up)
(``pytest tests/numeric/test_fuzz_phonons.py --durations=5``).
"""

from __future__ import annotations

import inspect
import math
import warnings

import mpmath
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.constants import atomic_mass, hbar
from scipy.constants import k as k_B

from numeric import lattice as lattice_mod
from numeric import phonons, springs, tetrahedron, thermal
from numeric.electrons import FreeElectronGas, TightBinding
from numeric.lattice import Lattice
from numeric.phonons import BrillouinZone, DebyeModel, DebyeSphere, PhononModel
from numeric.springs import SpringModel
from numeric.tetrahedron import TetrahedronMesh

MODULES = (thermal, phonons, springs, lattice_mod, tetrahedron)
A = 3.615e-10
M = 63.546 * atomic_mass
THETA = 343.0
FAST = dict(angular_order=4, radial_order=8)          # small ray rule for the spring model (Σw exact anyway)
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Debye fcc copper and a spring fcc model, built once.
DEBYE = DebyeModel.on_lattice(THETA, Lattice.fcc(A), M)
SPRINGS = SpringModel.with_debye_temperature(Lattice.fcc(A), M, THETA, 0.3)
CHAIN = SpringModel(Lattice.chain(2e-10), 1e-25, 10.0)
SQUARE = SpringModel(Lattice.square(A), M, 20.0, 8.0)
SC = Lattice.sc(1.0)
MESH = TetrahedronMesh(SC, 4)
BAND = -2.0 * np.cos(MESH.k).sum(axis=1)
TB_SC = TightBinding(SC, 1.0, electrons_per_cell=0.6)


# ====================================================================== helpers
def exponent_floats(low: int = -300, high: int = 300) -> st.SearchStrategy[float]:
    """Positive doubles spread log-uniformly over [10^low, 10^high]."""
    return st.builds(lambda e, m: m * 10.0**e, st.integers(low, high), st.floats(1.0, 9.99))


#: Temperatures from 0 through 1e-300 to 1e300 K.
temperatures = st.one_of(st.just(0.0), exponent_floats(), st.sampled_from([1e-300, 5e-324, 1.7e308]))


def close(got: float, ref, rtol: float) -> bool:
    """got == ref within rtol; an exact value below 1e-300 may come out as anything in [0, 1e-300]."""
    ref = float(ref)
    if abs(ref) < 1e-300:
        return abs(got) <= 1e-300
    return math.isfinite(got) and abs(got - ref) <= rtol * abs(ref)


def refused(call, names: tuple[str, ...]) -> None:
    """call() raises ValueError or TypeError naming one of ``names``; nothing else, no warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            out = call()
        except (ValueError, TypeError) as err:
            assert any(n in str(err) for n in names), (names, str(err))
            return
    raise AssertionError(f"accepted, returned {out!r}")


def finite(x) -> bool:
    return bool(np.all(np.isfinite(np.asarray(x, dtype=float))))


# ====================================================================== invalid input, every public name
REAL_BAD = [math.nan, math.inf, -math.inf, None, True, "1.0", 1j, np.array([1 + 1j]), object()]
POSITIVE_BAD = [*REAL_BAD, -1.0, 0.0]
NONNEG_BAD = [*REAL_BAD, -1.0, -1e-300]
INT_BAD = [0, -1, 1.5, True, "3", None, math.nan, 10**9]
MODEL_BAD = [None, "copper", 3.0, Lattice.fcc(A)]
VEC3_BAD = [*REAL_BAD, [1.0, 2.0], np.zeros((2, 2)), 1.0]
MESH_BAD = [None, "sc", TetrahedronMesh(Lattice.chain(1.0), 4)]
METHOD_BAD = ["gauss", None, 3]
WIDTH_BAD = [math.nan, math.inf, -math.inf, True, "1.0", 1j, -1.0, 0.0]      # None: no smearing


def _rule(**extra):
    """Out-of-range ray rules and methods, for every thermal function."""
    return {"method": [None, "tetra", 3, ["rays"]], "angular_order": INT_BAD, "radial_order": INT_BAD,
            "panel_ratio": [*POSITIVE_BAD, 1.0, 1 + 1e-12], "t_min": [*POSITIVE_BAD, 1.0, 1e-300],
            "model": MODEL_BAD, **extra}


#: name -> (call taking keyword arguments, valid keyword arguments, {parameter: values to refuse}).
INVALID: dict[str, tuple] = {
    "thermal.heat_capacity": (thermal.heat_capacity, dict(model=DEBYE, T=10.0),
                              _rule(T=NONNEG_BAD, return_error=["yes", 1, None])),
    "thermal.phonon_number": (thermal.phonon_number, dict(model=DEBYE, T=10.0), _rule(T=NONNEG_BAD)),
    "thermal.mean_square_displacement": (thermal.mean_square_displacement, dict(model=DEBYE, T=10.0),
                                         _rule(T=NONNEG_BAD)),
    "thermal.debye_waller_2W": (thermal.debye_waller_2W, dict(model=DEBYE, q=1e10, T=10.0),
                                _rule(T=NONNEG_BAD, q=[*NONNEG_BAD, np.zeros(3) - 1.0])),
    "phonons.debye_T3": (phonons.debye_T3, dict(T=1.0, theta_D=THETA, n_atoms=1.0),
                         dict(T=NONNEG_BAD, theta_D=POSITIVE_BAD, n_atoms=POSITIVE_BAD)),
    "phonons.debye_heat_capacity": (phonons.debye_heat_capacity, dict(T=1.0, theta_D=THETA, n_atoms=1.0),
                                    dict(T=NONNEG_BAD, theta_D=POSITIVE_BAD, n_atoms=POSITIVE_BAD)),
    "phonons.debye_wavevector": (phonons.debye_wavevector, dict(dim=3, cell_volume=1e-29),
                                 dict(dim=[*INT_BAD, 4, 3.0], cell_volume=[*POSITIVE_BAD, 1e-320])),
    "phonons.elastic_debye_temperature": (phonons.elastic_debye_temperature, dict(model=DEBYE, rtol=1e-10),
                                          dict(model=MODEL_BAD, rtol=[*POSITIVE_BAD, 1.0, 1e-16])),
    "phonons.mean_sound_velocity": (phonons.mean_sound_velocity, dict(model=DEBYE, rtol=1e-10),
                                    dict(model=MODEL_BAD, rtol=[*POSITIVE_BAD, 1.0, 1e-16])),
    "phonons.BrillouinZone": (BrillouinZone, dict(lattice=SC), dict(lattice=[None, 3.0, "fcc"])),
    "phonons.DebyeSphere": (DebyeSphere, dict(radius=1e10, velocity=3e3),
                            dict(radius=POSITIVE_BAD, velocity=POSITIVE_BAD)),
    "phonons.PhononModel": (lambda obj: isinstance(obj, PhononModel), dict(obj=DEBYE), {}),
    "phonons.DebyeModel": (DebyeModel, dict(theta_D=THETA, atom_density=8.5e28, mass=M, dim=3),
                           dict(theta_D=[*POSITIVE_BAD, 1e300], atom_density=[*POSITIVE_BAD, 1e-320],
                                mass=[*REAL_BAD[:3], True, "1", 1j, -1.0], dim=[*INT_BAD, 3.0])),
    "phonons.DebyeModel.on_lattice": (DebyeModel.on_lattice, dict(theta_D=THETA, lattice=SC, mass=M),
                                      dict(theta_D=POSITIVE_BAD, lattice=[None, 3.0, "sc"],
                                           mass=[-1.0, math.nan, "1"])),
    "phonons.DebyeModel.from_sound_velocity": (DebyeModel.from_sound_velocity,
                                               dict(v_s=4760.0, atom_density=8.5e28, mass_density=8960.0),
                                               dict(v_s=POSITIVE_BAD, atom_density=POSITIVE_BAD,
                                                    mass_density=[-1.0, math.nan, "1", 1j])),
    "phonons.DebyeModel.from_model": (DebyeModel.from_model, dict(model=SPRINGS), dict(model=MODEL_BAD)),
    "phonons.DebyeModel.frequencies": (DEBYE.frequencies, dict(q=[1e9, 0.0, 0.0]), dict(q=VEC3_BAD)),
    "phonons.DebyeModel.sound_velocities": (DEBYE.sound_velocities, dict(directions=[1.0, 0.0, 0.0]),
                                            dict(directions=[*VEC3_BAD, np.zeros(3)])),
    "phonons.DebyeModel.ray_extent": (DEBYE.ray_extent, dict(directions=[1.0, 0.0, 0.0]),
                                      dict(directions=[*VEC3_BAD, np.zeros(3)])),
    "phonons.DebyeModel.debye_temperature_T0": (DEBYE.debye_temperature_T0, {}, {}),
    "springs.SpringModel": (SpringModel, dict(lattice=Lattice.fcc(A), mass=M, k1=20.0, k2=1.0),
                            dict(lattice=[None, 3.0, "fcc"], mass=[*POSITIVE_BAD, 1e-300],
                                 k1=[*POSITIVE_BAD, 1e300], k2=[*NONNEG_BAD, 1e300])),
    "springs.SpringModel.with_debye_temperature": (
        SpringModel.with_debye_temperature,
        dict(lattice=Lattice.fcc(A), mass=M, theta_D=THETA, k2_over_k1=0.1),
        dict(lattice=[None, "fcc"], mass=POSITIVE_BAD, theta_D=[*POSITIVE_BAD, 1e300, 1e-300],
             k2_over_k1=NONNEG_BAD)),
    "springs.SpringModel.dynamical_matrix": (SPRINGS.dynamical_matrix, dict(q=[1e9, 0.0, 0.0]),
                                             dict(q=VEC3_BAD)),
    "springs.SpringModel.frequencies": (SPRINGS.frequencies, dict(q=[1e9, 0.0, 0.0]), dict(q=VEC3_BAD)),
    "springs.SpringModel.modes": (SPRINGS.modes, dict(q=[1e9, 0.0, 0.0]), dict(q=VEC3_BAD)),
    "springs.SpringModel.ray_extent": (SPRINGS.ray_extent, dict(directions=[1.0, 0.0, 0.0]),
                                       dict(directions=[*VEC3_BAD, np.zeros(3)])),
    "springs.SpringModel.elastic_tensor": (SPRINGS.elastic_tensor, {}, {}),
    "springs.SpringModel.elastic_constants": (SPRINGS.elastic_constants, {}, {}),
    "springs.SpringModel.sound_velocities": (SPRINGS.sound_velocities, dict(directions=[1.0, 0.0, 0.0]),
                                             dict(directions=[*VEC3_BAD, np.zeros(3)])),
    "springs.SpringModel.debye_temperature_T0": (SPRINGS.debye_temperature_T0, {}, {}),
    "springs.cubic_elastic_tensor": (springs.cubic_elastic_tensor,
                                     dict(c11=1.7e11, c12=1.2e11, c44=7.5e10, dim=3),
                                     dict(c11=REAL_BAD, c12=REAL_BAD, c44=REAL_BAD, dim=INT_BAD)),
    "springs.christoffel_velocities": (
        springs.christoffel_velocities,
        dict(elastic=springs.cubic_elastic_tensor(1.7e11, 1.2e11, 7.5e10), mass_density=8930.0,
             directions=[1.0, 0.0, 0.0]),
        dict(elastic=[None, "C", np.ones(3), np.ones((2, 3, 3, 3)), np.full((3, 3, 3, 3), np.nan),
                      springs.cubic_elastic_tensor(-1.7e11, 1.2e11, 7.5e10)],
             mass_density=POSITIVE_BAD, directions=[*VEC3_BAD, np.zeros(3)])),
    "lattice.Lattice": (Lattice, dict(primitive=np.eye(3), name="sc", a=1.0),
                        dict(primitive=[*REAL_BAD, np.ones((3, 3)), np.eye(4), 1e-60 * np.eye(3)],
                             name=[3, None], a=[*(v for v in POSITIVE_BAD if v is not None), 1e200])),
    **{f"lattice.Lattice.{c}": (getattr(Lattice, c), dict(a=1.0),
                                dict(a=[*POSITIVE_BAD, 1e-200, 1e200, [1.0]]))
       for c in ("chain", "square", "sc", "bcc", "fcc")},
    "lattice.Lattice.neighbours": (SC.neighbours, dict(shell=1), dict(shell=[*INT_BAD, 17])),
    "lattice.Lattice.ws_boundary_distance": (SC.ws_boundary_distance, dict(directions=[1.0, 0.0, 0.0]),
                                             dict(directions=[*VEC3_BAD, np.zeros(3)])),
    "lattice.Lattice.bz_boundary_simplices": (SC.bz_boundary_simplices, {}, {}),
    "lattice.Lattice.irreducible_boundary_simplices": (SC.irreducible_boundary_simplices, {}, {}),
    "lattice.Lattice.monkhorst_pack": (SC.monkhorst_pack, dict(n=2, shift=False),
                                       dict(n=[*INT_BAD, (2, 2), 1000], shift=["yes", None, 1])),
    "tetrahedron.TetrahedronMesh": (TetrahedronMesh, dict(lattice=SC, divisions=2),
                                    dict(lattice=[None, "sc"], divisions=[*INT_BAD, (2, 2), 1000])),
    "tetrahedron.TetrahedronMesh.sums": (MESH.sums, dict(values=BAND, E=0.0),
                                         dict(values=[*REAL_BAD, BAND[:3]], E=REAL_BAD[:-2])),
    "tetrahedron.TetrahedronMesh.counter": (lambda values, E: MESH.counter(values)(E),
                                            dict(values=BAND, E=0.0),
                                            dict(values=[*REAL_BAD, BAND[:3]], E=REAL_BAD)),
    "tetrahedron.TetrahedronMesh.integrated": (MESH.integrated, dict(values=BAND, E=0.0),
                                               dict(values=[*REAL_BAD, BAND[:3]], E=REAL_BAD[:-2])),
    "tetrahedron.TetrahedronMesh.density": (MESH.density, dict(values=BAND, E=0.0),
                                            dict(values=[*REAL_BAD, BAND[:3]], E=REAL_BAD[:-2])),
    "tetrahedron.TetrahedronMesh.weights": (MESH.weights, dict(values=BAND, E=0.0, blochl=True),
                                            dict(values=[*REAL_BAD, BAND[:3]], E=[*REAL_BAD, [0.0]],
                                                 blochl=["yes", None, 1])),
    "tetrahedron.cell_tetrahedra": (tetrahedron.cell_tetrahedra, dict(lattice=SC, nk=2),
                                    dict(lattice=[None, Lattice.square(1.0)], nk=INT_BAD[:-1])),
    "tetrahedron.simplex_offsets": (tetrahedron.simplex_offsets,
                                    dict(reciprocal=np.eye(3), divisions=(2, 2, 2)),
                                    dict(reciprocal=[*REAL_BAD, np.eye(4)],
                                         divisions=[(2, 2), (0, 1, 1), 3, (True, 1, 1), None])),
    "tetrahedron.mean_inverse": (tetrahedron.mean_inverse, dict(x=[1.0, 2.0, 3.0, 4.0]),
                                 dict(x=[*REAL_BAD, [4.0, 3.0, 2.0, 1.0], [1.0, 2.0]])),
    "tetrahedron.occupied_inverse": (tetrahedron.occupied_inverse,
                                     dict(e=[0.0, 1, 2, 3], d=[1.0, 2, 3, 4], ef=1.5),
                                     dict(e=[*REAL_BAD, [1.0]], d=[*REAL_BAD, [1.0]], ef=[*REAL_BAD, [1.0]])),
    "tetrahedron.occupied_inverse_average": (
        tetrahedron.occupied_inverse_average,
        dict(eps=np.zeros((2, 2, 2)), eps_q=np.ones((2, 2, 2)), ef=0.5,
             tetra=tetrahedron.cell_tetrahedra(SC, 2)),
        dict(eps=[*REAL_BAD, np.zeros((2, 2))], eps_q=[*REAL_BAD, np.zeros((3, 2, 2))],
             ef=[*REAL_BAD, [0.5]],
             tetra=[np.zeros((6, 4)), np.full((6, 4), 9), np.zeros((2, 2), int), None])),
    "tetrahedron.double_delta_weights": (
        tetrahedron.double_delta_weights, dict(mesh=MESH, values=BAND, values_q=BAND + 0.5, E=0.0),
        dict(mesh=MESH_BAD, values=[*REAL_BAD, BAND[:3]], values_q=[*REAL_BAD, BAND[:3]],
             E=[*REAL_BAD, [0.0]], method=METHOD_BAD, width=WIDTH_BAD)),
    "tetrahedron.double_delta_on_mesh": (
        tetrahedron.double_delta_on_mesh, dict(mesh=MESH, values=BAND, E=0.0, shifts=np.array([[1, 2, 0]])),
        dict(mesh=MESH_BAD, values=[*REAL_BAD, BAND[:3]], E=[*REAL_BAD, [0.0]],
             shifts=[np.array([[4, 0, 0]]), np.array([[-1, 0, 0]]), np.ones((1, 3)), np.array([[1, 0]]),
                     None],
             field=[*REAL_BAD[:3], True, "1.0", 1j, 1.0, np.zeros((3, 1))], method=METHOD_BAD,
             width=WIDTH_BAD)),
    "tetrahedron.delta_weights": (
        tetrahedron.delta_weights, dict(mesh=MESH, values=BAND, E=0.0),
        dict(mesh=MESH_BAD, values=[*REAL_BAD, BAND[:3]], E=[*REAL_BAD, [0.0]])),
    "tetrahedron.lattice_nesting_function": (
        tetrahedron.lattice_nesting_function, dict(electrons=TB_SC, q=[1.0, 0.5, 0.2], mesh=4),
        dict(electrons=[None, "sc", FreeElectronGas.copper()], q=[*REAL_BAD, [1.0, 2.0]], mesh=INT_BAD,
             method=METHOD_BAD, width=WIDTH_BAD)),
}

_CASES = [(name, param, i) for name, (_, _, bad) in INVALID.items() for param, values in bad.items()
          for i in range(len(values))]


@pytest.mark.parametrize(("name", "param", "i"), _CASES)
def test_invalid_input_is_refused_with_the_parameter_name(name, param, i):
    # every (row, parameter, bad value): a few hundred cheap calls, all of them rather than a sample
    call, valid, bad = INVALID[name]
    kwargs = {**valid, param: bad[param][i]}
    names = (param, "model") if param == "model" else (param,)
    refused(lambda: call(**kwargs), names)


@pytest.mark.parametrize("name", sorted(INVALID))
def test_the_valid_call_of_each_row_succeeds(name):
    call, valid, _ = INVALID[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = call(**valid)
    assert out is not None


# ====================================================================== valid input against closed forms
def debye_cv(T: float, theta: float = THETA) -> mpmath.mpf:
    """9 k_B (T/Θ)³ ∫_0^{Θ/T} x⁴eˣ/(eˣ − 1)² dx, by its limits where they are exact to double precision."""
    with mpmath.workdps(30):
        y = mpmath.mpf(theta) / mpmath.mpf(T)
        if y > 100:                              # the T³ law; the rest is O(y⁴ e^−y) < 1e-30 relative
            return 12 * mpmath.pi**4 / 5 * k_B / y**3
        if y < 1e-4:                             # 1 − y²/20 + y⁴/560
            return 3 * k_B * (1 - y**2 / 20 + y**4 / 560)
        integral = mpmath.quad(lambda x: x**4 * mpmath.exp(x) / mpmath.expm1(x) ** 2, [0, y])
        return 9 * k_B * integral / y**3


def debye_u2(T: float, theta: float = THETA, mass: float = M) -> mpmath.mpf:
    """Full 3D Debye ⟨u²⟩ = (9ħ²/(M k_B Θ)) [1/4 + (T/Θ)² ∫_0^{Θ/T} x/(eˣ − 1) dx], mpmath."""
    with mpmath.workdps(30):
        bracket = mpmath.mpf(1) / 4
        if T > 0:
            y = mpmath.mpf(theta) / mpmath.mpf(T)
            if y > 100:
                integral = mpmath.pi**2 / 6
            elif y < 1e-6:
                integral = y - y**2 / 4 + y**3 / 36
            else:
                integral = mpmath.quad(lambda x: x / mpmath.expm1(x), [0, y])
            bracket += integral / y**2
        return 9 * mpmath.mpf(hbar) ** 2 / (mass * k_B * theta) * bracket


@SETTINGS
@given(temperatures)
def test_heat_capacity_debye_model_every_T(T):
    value, err = thermal.heat_capacity(DEBYE, T, return_error=True)
    ref = debye_cv(T) if T > 0 else 0.0
    assert close(value, ref, 1e-8), (T, value, ref)
    assert finite(err) and err <= 1e-7 * max(float(ref), 1e-300)


@SETTINGS
@given(temperatures)
def test_heat_capacity_spring_model_limits(T):
    th = SPRINGS.debye_temperature_T0()
    value = thermal.heat_capacity(SPRINGS, T, **FAST)
    assert finite(value) and 0.0 <= value <= 3 * k_B * (1 + 1e-12)
    if T == 0.0:
        assert value == 0.0
    elif T < th * 1e-6:                          # T³ law from the model's sound velocities, + c (T/Θ)²
        with mpmath.workdps(30):
            assert close(value, 12 * mpmath.pi**4 / 5 * k_B * (mpmath.mpf(T) / th) ** 3, 1e-9)
    elif T > th * 1e4:                           # equipartition: 3 k_B (1 − ħ²⟨ω²⟩/(12 k_B² T²))
        _, ks = SPRINGS.bonds
        omega2 = ks.sum() / (3 * SPRINGS.mass)
        assert close(value, 3 * k_B * (1 - hbar**2 * omega2 / (12 * k_B**2 * T) / T), 1e-12)


@SETTINGS
@given(temperatures, st.sampled_from(["debye", "springs"]))
def test_phonon_number_every_T(T, kind):
    model = DEBYE if kind == "debye" else SPRINGS
    th = model.debye_temperature_T0()
    n = thermal.phonon_number(model, T, **({} if kind == "debye" else FAST))
    assert finite(n) and n >= 0.0
    if 0.0 < T < th * 1e-6:
        with mpmath.workdps(30):
            assert close(n, 18 * mpmath.zeta(3) * (mpmath.mpf(T) / th) ** 3, 1e-9)
    if kind == "debye" and th * 1e4 < T < 1e300:       # (9/2) T/Θ − 3/2 + 3Θ/(16T)
        assert close(n, 4.5 * T / th - 1.5 + 3 * th / (16 * T), 1e-12)


@SETTINGS
@given(temperatures)
def test_mean_square_displacement_debye_every_T(T):
    assert close(thermal.mean_square_displacement(DEBYE, T), debye_u2(T), 1e-8)


@SETTINGS
@given(temperatures)
def test_mean_square_displacement_springs_zero_point_and_equipartition(T):
    u0 = thermal.mean_square_displacement(SPRINGS, 0.0, **FAST)
    u = thermal.mean_square_displacement(SPRINGS, T, **FAST)
    assert finite(u) and u >= u0 * (1 - 1e-15)
    th = SPRINGS.debye_temperature_T0()
    if th * 1e4 < T < 1e300:                       # ⟨u²⟩ = a T + u_0-like + O(1/T): linear in T
        u2 = thermal.mean_square_displacement(SPRINGS, 2 * T, **FAST)
        assert abs(u2 / u - 2.0) < 1e-3


@SETTINGS
@given(st.one_of(st.just(0.0), exponent_floats()), temperatures)
def test_debye_waller_all_q_and_T(q, T):
    two_w = thermal.debye_waller_2W(DEBYE, q, T)
    with mpmath.workdps(30):
        ref = mpmath.mpf(q) ** 2 * debye_u2(T) / 3
    if ref > 1.7e308:
        assert two_w == math.inf
    else:
        assert close(two_w, ref, 1e-8)


def test_low_dimensional_limits_and_refusals():
    # 1D: C_V -> (π²/3) k_B T/Θ; 2D: 24 ζ(3) k_B (T/Θ)²; infinite sums refused (ValueError naming model.dim)
    th1, th2 = CHAIN.debye_temperature_T0(), SQUARE.debye_temperature_T0()
    assert close(thermal.heat_capacity(CHAIN, th1 * 1e-200), math.pi**2 / 3 * k_B * 1e-200, 1e-9)
    zeta3 = 1.2020569031595942
    assert close(thermal.heat_capacity(SQUARE, th2 * 1e-100, **FAST), 24 * zeta3 * k_B * 1e-200, 1e-9)
    assert close(thermal.heat_capacity(SQUARE, 1e300, **FAST), 2 * k_B, 1e-12)
    # Debye models in 1D and 2D: d² (d+1)! ζ(d+1) (T/Θ)^d, n = d² (d−1)! ζ(d) (T/Θ)^d in 2D, at any tiny τ
    for tau in (1e-250, 1e-100, 1e-8, 1e-3, 1e-2):          # Debye: exact up to e^(−1/τ)
        line, plane = DebyeModel(THETA, 1e10, M, dim=1), DebyeModel(THETA, 1e19, M, dim=2)
        assert close(thermal.heat_capacity(line, THETA * tau), math.pi**2 / 3 * k_B * tau, 1e-9)
        assert close(thermal.heat_capacity(plane, THETA * tau), 24 * zeta3 * k_B * tau**2, 1e-9)
        assert close(thermal.phonon_number(plane, THETA * tau), 2 * math.pi**2 / 3 * tau**2, 1e-9)
    refused(lambda: thermal.phonon_number(CHAIN, 1.0), ("model.dim",))
    refused(lambda: thermal.mean_square_displacement(CHAIN, 0.0), ("model.dim",))
    refused(lambda: thermal.debye_waller_2W(SQUARE.__class__.with_debye_temperature(
        Lattice.square(A), M, 100.0, 0.5), 1e10, 1.0), ("model.dim",))


@SETTINGS
@given(exponent_floats(-100, 100), exponent_floats(-100, 100), st.floats(0.5, 1e3))
def test_debye_closed_forms(T, theta, n_atoms):
    with mpmath.workdps(30):
        law = 12 * mpmath.pi**4 / 5 * n_atoms * k_B * (mpmath.mpf(T) / theta) ** 3
    t3 = phonons.debye_T3(T, theta, n_atoms)
    assert t3 == math.inf if law > 1.7e308 else close(t3, law, 1e-13)
    cv = phonons.debye_heat_capacity(T, theta, n_atoms)
    assert close(cv, n_atoms * debye_cv(T / theta, 1.0), 1e-12)


@SETTINGS
@given(st.sampled_from([1, 2, 3]), exponent_floats(-200, 200))
def test_debye_wavevector_closed_form(dim, omega):
    with mpmath.workdps(30):
        ref = {1: mpmath.pi / omega, 2: mpmath.sqrt(4 * mpmath.pi / omega),
               3: mpmath.cbrt(6 * mpmath.pi**2 / omega)}[dim]
    if not 1e-300 <= ref <= 1e300:
        refused(lambda: phonons.debye_wavevector(dim, omega), ("cell_volume",))
    else:
        assert close(phonons.debye_wavevector(dim, omega), ref, 1e-14)


@SETTINGS
@given(exponent_floats(-50, 50), exponent_floats(-50, 80), st.sampled_from([1, 2, 3]))
def test_debye_model_theta_round_trip(theta, density, dim):
    try:
        model = DebyeModel(theta, density, M, dim=dim)
    except ValueError as err:                    # only when a derived scale leaves [1e-300, 1e300]
        assert "outside" in str(err)
        return
    assert close(phonons.elastic_debye_temperature(model), theta, 1e-12)
    assert close(phonons.mean_sound_velocity(model), model.velocity, 1e-12)
    assert close(model.debye_temperature_T0(), theta, 0.0)
    n = np.eye(dim)[0]
    assert close(float(model.frequencies(model.q_debye * n)[0]), model.omega_debye, 1e-14)
    assert np.allclose(model.sound_velocities(n), model.velocity, rtol=1e-15)
    assert close(float(model.ray_extent(n)), model.q_debye, 0.0)
    other = DebyeModel.from_sound_velocity(model.velocity, density, M * density, dim=dim)
    assert close(other.theta_D, theta, 1e-12)
    assert close(DebyeModel.from_model(model).theta_D, theta, 1e-15)
    on = DebyeModel.on_lattice(theta, Lattice.fcc(A), M)
    assert on.cell_volume == pytest.approx(A**3 / 4, rel=1e-15)
    assert isinstance(model, PhononModel) and model.domain == DebyeSphere(model.q_debye, model.velocity)


@SETTINGS
@given(exponent_floats(-40, 40), exponent_floats(-20, 20), exponent_floats(-300, 300))
def test_chain_dispersion_all_q(a, k, q):
    # ω = 2 √(k/M) |sin(qa/2)| exactly for nearest-neighbour springs (A&M ch. 22), any q
    try:
        model = SpringModel(Lattice.chain(a), 1e-25, k)
    except ValueError as err:
        assert "outside" in str(err)
        return
    if q * a > 2.0**40:                          # the phase q·a would have no correct digit: refused
        refused(lambda: model.frequencies([q]), ("q = ",))
        return
    with mpmath.workdps(40):
        ref = 2 * mpmath.sqrt(k / mpmath.mpf(1e-25)) * abs(mpmath.sin(mpmath.mpf(q) * mpmath.mpf(a) / 2))
    got = float(model.frequencies([q])[0])
    assert 0.0 <= got <= model.frequency_bound * (1 + 1e-12)
    if q * a < 1e6:                              # rounding of the phase: 1e-16 q a rad
        assert close(got, ref, 1e-9), (a, k, q, got, ref)
        assert close(float(model.dynamical_matrix([q])[0, 0]), ref**2, 1e-8)


@SETTINGS
@given(exponent_floats(-300, -12), st.lists(st.floats(-1, 1), min_size=3, max_size=3).filter(
    lambda v: np.linalg.norm(v) > 0.1))
def test_spring_long_waves_all_small_q(q, n):
    # ω_s(q n̂) = v_s(n̂) q, the Christoffel velocities: relative correction O((qa)²) < 1e-18 here
    n = np.asarray(n) / np.linalg.norm(n)
    np.testing.assert_allclose(SPRINGS.frequencies(q * n), q * SPRINGS.sound_velocities(n), rtol=1e-12)
    _, e = SPRINGS.modes(q * n)
    np.testing.assert_allclose(e.T @ e, np.eye(3), atol=1e-13)
    assert float(SPRINGS.ray_extent(n)) == float(SPRINGS.lattice.ws_boundary_distance(n))


@SETTINGS
@given(exponent_floats(-3, 3), st.floats(0.0, 2.0))
def test_spring_model_elastic_closed_forms(k1, ratio):
    # fcc: C11 = (2k1 + 4k2)/a, C12 = C44 = k1/a (class notes); Θ_D(0) ∝ √k at fixed k2/k1
    model = SpringModel(Lattice.fcc(A), M, k1, ratio * k1)
    c = model.elastic_constants()
    assert c == pytest.approx({"C11": (2 * k1 + 4 * ratio * k1) / A, "C12": k1 / A, "C44": k1 / A}, rel=1e-13)
    assert model.elastic_tensor()[0, 0, 0, 0] == pytest.approx(c["C11"], rel=1e-15)
    stiffer = SpringModel(Lattice.fcc(A), M, 4 * k1, 4 * ratio * k1)
    assert stiffer.debye_temperature_T0() == pytest.approx(2 * model.debye_temperature_T0(), rel=1e-11)
    target = SpringModel.with_debye_temperature(Lattice.fcc(A), M, 2 * model.debye_temperature_T0(), ratio)
    assert target.k1 == pytest.approx(4 * k1, rel=1e-10)


@SETTINGS
@given(st.sampled_from(["chain", "square", "sc", "bcc", "fcc"]), exponent_floats(-50, 49))
def test_lattices_at_every_scale(name, a):
    lat = getattr(Lattice, name)(a)
    d = lat.dim
    volume = {"chain": a, "square": a**2, "sc": a**3, "bcc": a**3 / 2, "fcc": a**3 / 4}[name]
    assert lat.cell_volume == pytest.approx(volume, rel=1e-13)          # LU determinant: ~100 ulp
    assert lat.bz_volume == pytest.approx((2 * math.pi) ** d / volume, rel=1e-13)
    np.testing.assert_allclose(lat.primitive @ lat.reciprocal.T, 2 * math.pi * np.eye(d), atol=1e-13)
    x = np.eye(d)[0]
    # Γ to the boundary along x: π/a (chain, square, sc), 2π/a (bcc H, fcc X)
    edge = (2 if name in ("bcc", "fcc") else 1) * math.pi / a
    assert float(lat.ws_boundary_distance(x)) == pytest.approx(edge, rel=1e-14)
    shells = {"chain": 2, "square": 4, "sc": 6, "bcc": 8, "fcc": 12}[name]
    assert len(lat.neighbours(1)) == shells
    simplices = lat.bz_boundary_simplices()
    assert abs(np.linalg.det(simplices)).sum() / math.factorial(d) == pytest.approx(lat.bz_volume, rel=1e-12)
    _, mult = lat.irreducible_boundary_simplices()
    assert int(mult.sum()) == len(simplices)
    q, w = lat.monkhorst_pack(3, shift=True)
    assert q.shape == (3**d, d) and w.sum() == pytest.approx(1.0, rel=1e-15)


@SETTINGS
@given(st.floats(-7.0, 7.0), st.booleans())
def test_tetrahedron_mesh_bounds(E, blochl):
    # sc band −2 Σ cos k_i: N(E) in [0, 1], 0 below −6 and 1 above 6; Σ weights = N(E); D >= 0
    count, density = MESH.sums(BAND, E)
    assert 0.0 <= count <= 1.0 and density >= 0.0
    assert MESH.integrated(BAND, E) == count and MESH.density(BAND, E) == density
    assert MESH.counter(BAND)(E) == pytest.approx(count, abs=1e-15)
    assert MESH.weights(BAND, E, blochl=blochl).sum() == pytest.approx(count, abs=1e-13)
    if E < -6.0 or E > 6.0:
        assert count == (0.0 if E < -6.0 else 1.0)


def divided_difference_reference(x) -> float:
    """6 f[x0, x1, x2, x3], f = t² ln|t|/2 (f''' = 1/t), at 40 digits: the mean of 1/d (Hermite-Genocchi)."""
    with mpmath.workdps(40):
        xs = [mpmath.mpf(v) for v in x]

        def f(t):
            return 0 if t == 0 else t * t * mpmath.log(abs(t)) / 2

        table = [f(t) for t in xs]
        for m in range(1, 4):
            table = [(table[i + 1] - table[i]) / (xs[i + m] - xs[i]) for i in range(4 - m)]
        return float(6 * table[0])


@SETTINGS
@given(st.lists(exponent_floats(-3, 3), min_size=4, max_size=4, unique=True), st.floats(-10.0, 10.0))
def test_tetrahedron_kernels(values, ef):
    x = sorted(values)
    assert close(tetrahedron.mean_inverse(x), divided_difference_reference(x), 1e-9)
    e = [0.0, 1.0, 2.0, 3.0]
    got = tetrahedron.occupied_inverse(e, x, ef)
    if ef >= 3.0:
        assert got == pytest.approx(tetrahedron.mean_inverse(x), rel=1e-14)
    elif ef <= 0.0:
        assert got == 0.0
    assert math.isfinite(got)
    # a constant difference c = ε_k − ε_{k+q}: the average is (occupied fraction)/c
    tetra = tetrahedron.cell_tetrahedra(SC, 2)
    eps = np.arange(8.0).reshape(2, 2, 2)
    c = x[0]
    assert tetrahedron.occupied_inverse_average(eps, eps - c, 100.0, tetra) == pytest.approx(1 / c, rel=1e-12)
    assert tetrahedron.simplex_offsets(SC.reciprocal, (2, 2, 2)).shape == (6, 4, 3)


@SETTINGS
@given(st.floats(-7.0, 7.0), st.tuples(st.integers(0, 3), st.integers(0, 3), st.integers(0, 3)),
       st.sampled_from(["tetrahedron", "smearing"]))
def test_double_delta_kernels(E, shift, method):
    # non-negative, finite; the mesh sums are the weights of the rolled band; nothing outside the band
    width = 0.5 if method == "smearing" else None
    index = np.arange(64).reshape(4, 4, 4)
    moved = np.roll(index, shift=tuple(-s for s in shift), axis=(0, 1, 2)).reshape(-1)
    w = tetrahedron.double_delta_weights(MESH, BAND, BAND[moved], E, method=method, width=width)
    assert np.all(w >= 0.0) and finite(w)
    row = tetrahedron.double_delta_on_mesh(MESH, BAND, E, np.array([shift]), np.sin(MESH.k), method=method,
                                           width=width)[0]
    assert row[0] == pytest.approx(w.sum(), rel=1e-12, abs=1e-15)     # smearing: cut at 9 widths, e^-40
    single = tetrahedron.delta_weights(MESH, BAND, E)
    assert np.all(single >= 0.0)
    assert single.sum() == pytest.approx(MESH.density(BAND, E), rel=1e-12, abs=1e-300)
    if method == "tetrahedron" and abs(E) >= 6.0:
        assert not w.any() and not single.any()
    xi = tetrahedron.lattice_nesting_function(TB_SC, [0.7, 0.2, 0.1], mesh=4, method=method, width=width)
    assert xi >= 0.0 and math.isfinite(xi)


@settings(max_examples=40, deadline=None)
@given(c44=st.floats(0.01, 10.0), shear=st.floats(0.01, 10.0), bulk=st.floats(0.01, 10.0),
       scale=st.sampled_from([1e-3, 1.0, 1e11, 1e20]), rho=st.floats(1e-2, 1e5))
def test_christoffel_velocities_of_any_stable_cubic_medium(c44, shear, bulk, scale, rho):
    """Any mechanically stable cubic medium (C44 > 0, C' = (C11 − C12)/2 > 0, B = (C11 + 2C12)/3 > 0), any
    scale: the closed forms along [100] (C44, C44, C11) and [110] (C', C44, (C11 + C12 + 2C44)/2), as ρv²."""
    c11, c12 = (bulk + 4 * shear / 3) * scale, (bulk - 2 * shear / 3) * scale
    C = springs.cubic_elastic_tensor(c11, c12, c44 * scale)
    along_100 = springs.christoffel_velocities(C, rho, [2.0, 0.0, 0.0]) ** 2 * rho
    along_110 = springs.christoffel_velocities(C, rho, [1.0, 1.0, 0.0]) ** 2 * rho
    np.testing.assert_allclose(along_100, sorted([c44 * scale, c44 * scale, c11]), rtol=1e-12)
    expected_110 = sorted([shear * scale, c44 * scale, (c11 + c12 + 2 * c44 * scale) / 2])
    np.testing.assert_allclose(along_110, expected_110, rtol=1e-12)


# ====================================================================== the table covers every public name
#: Names whose valid input is tested above (rows of INVALID carry their invalid input).
VALID = {
    "springs.cubic_elastic_tensor",
    "springs.christoffel_velocities",
    "thermal.heat_capacity",
    "thermal.phonon_number",
    "thermal.mean_square_displacement",
    "thermal.debye_waller_2W",
    "phonons.debye_T3",
    "phonons.debye_heat_capacity",
    "phonons.debye_wavevector",
    "phonons.elastic_debye_temperature",
    "phonons.mean_sound_velocity",
    "phonons.BrillouinZone",
    "phonons.DebyeSphere",
    "phonons.PhononModel",
    "phonons.DebyeModel",
    "phonons.DebyeModel.on_lattice",
    "phonons.DebyeModel.from_sound_velocity",
    "phonons.DebyeModel.from_model",
    "phonons.DebyeModel.frequencies",
    "phonons.DebyeModel.sound_velocities",
    "phonons.DebyeModel.ray_extent",
    "phonons.DebyeModel.debye_temperature_T0",
    "springs.SpringModel",
    "springs.SpringModel.with_debye_temperature",
    "springs.SpringModel.dynamical_matrix",
    "springs.SpringModel.frequencies",
    "springs.SpringModel.modes",
    "springs.SpringModel.ray_extent",
    "springs.SpringModel.elastic_tensor",
    "springs.SpringModel.elastic_constants",
    "springs.SpringModel.sound_velocities",
    "springs.SpringModel.debye_temperature_T0",
    "lattice.Lattice",
    *(f"lattice.Lattice.{c}" for c in ("chain",
    "square",
    "sc",
    "bcc",
    "fcc")),
    "lattice.Lattice.neighbours",
    "lattice.Lattice.ws_boundary_distance",
    "lattice.Lattice.bz_boundary_simplices",
    "lattice.Lattice.irreducible_boundary_simplices",
    "lattice.Lattice.monkhorst_pack",
    "tetrahedron.TetrahedronMesh",
    "tetrahedron.TetrahedronMesh.sums",
    "tetrahedron.TetrahedronMesh.counter",
    "tetrahedron.TetrahedronMesh.integrated",
    "tetrahedron.TetrahedronMesh.density",
    "tetrahedron.TetrahedronMesh.weights",
    "tetrahedron.cell_tetrahedra",
    "tetrahedron.simplex_offsets",
    "tetrahedron.mean_inverse",
    "tetrahedron.occupied_inverse",
    "tetrahedron.occupied_inverse_average",
    "tetrahedron.double_delta_weights",
    "tetrahedron.double_delta_on_mesh",
    "tetrahedron.delta_weights",
    "tetrahedron.lattice_nesting_function",
}


def public_names() -> set[str]:
    """Every name of the modules' __all__, and Class.method for each public method a class defines."""
    names = set()
    for module in MODULES:
        short = module.__name__.rsplit(".", 1)[-1]
        for name in module.__all__:
            obj = getattr(module, name)
            names.add(f"{short}.{name}")
            if inspect.isclass(obj) and obj is not PhononModel:        # the Protocol's stubs: isinstance only
                names |= {f"{short}.{name}.{m}" for m, v in vars(obj).items() if not m.startswith("_")
                          and (callable(v) or isinstance(v, classmethod | staticmethod))}
    return names


def test_every_public_name_is_fuzzed():
    names = public_names()
    assert names - set(INVALID) == set(), "public names without a row in INVALID"
    assert names - VALID == set(), "public names without a valid-input test"
    assert set(INVALID) <= names and VALID <= names, "stale rows"


@SETTINGS
@given(exponent_floats(), st.lists(st.sampled_from([0.0, 1e-200, -1e-200, 1e-60, -0.3, 0.7, 1.0, -1.0]),
                                   min_size=4, max_size=4), st.floats(-1.0, 1.0))
def test_tetrahedron_kernels_any_scale_and_zeros(scale, pattern, ef):
    # were NaN: two zero corners (the [0, 0] window taken as a Taylor cluster about 0), |x| > 1e154
    # (x² ln|x| overflowed), clusters about |c| < 1e-5 (1/c^(n−2) overflowed); exact values are finite
    # unless three corners vanish together (log-divergent: ±inf); [−0.3, −1e-200, 0, 1e-200] was 5.1 for
    # −4593 (x² ln|x| underflowed below 1e-154)
    x = sorted(scale * np.array(pattern))
    got = tetrahedron.mean_inverse(x)
    zeros = sum(v == 0.0 for v in x)
    assert not math.isnan(got)
    if zeros <= 2 and len(set(x)) == 4:
        # relative 1e-9, or round-off of the O(ln(range)/max|x|) terms that cancel (e.g. ±1 around 0)
        ref = divided_difference_reference(x)
        top = max(abs(v) for v in x)
        spread = math.log(top / min(abs(v) for v in x if v != 0.0))
        assert close(got, ref, 1e-9) or abs(got - ref) <= 1e-13 * (1.0 + spread) / top, (x, got, ref)
    assert not math.isnan(tetrahedron.occupied_inverse([0.0, 0.3, 0.6, 1.0], x, ef))
