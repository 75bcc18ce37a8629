"""Input validation and broadcasting shared by the public numeric functions.

Every public function validates its inputs with :func:`checked` (a
``ValueError`` names the parameter, the offending value and the valid range;
NaN is never accepted) and evaluates a generated numba loop with
:func:`evaluate` (numpy broadcasting, scalars in -> float out).
:func:`fermi_dirac` is the overflow-free occupation the numba integrators share.
"""

from __future__ import annotations

import functools
import math
import sys
from collections.abc import Callable

import numba
import numpy as np

__all__ = ["checked", "evaluate", "fermi_dirac", "finite_result", "integer", "norm_and_direction", "scalar",
           "scaled", "sort_by", "unit_directions", "vectors"]


def _describe(low: float | None, high: float | None, low_open: bool, high_open: bool) -> str:
    left = "(" if low_open or low is None else "["
    right = ")" if high_open or high is None else "]"
    lo = "-inf" if low is None else f"{low:g}"
    hi = "inf" if high is None else f"{high:g}"
    return f"{left}{lo}, {hi}{right}"


def _real_array(name: str, value: object) -> np.ndarray:
    """``value`` as a float64 array; ValueError for what is not a real number: None, a bool, a string,
    a complex number (numpy would drop its imaginary part silently) or an array holding any of these."""
    raw = np.asarray(value, dtype=object if isinstance(value, list | tuple) else None)
    items = raw.ravel() if raw.dtype == object else ()
    if raw.dtype.kind not in "iufO" or any(
            x is None or isinstance(x, bool | np.bool_ | str | bytes | complex | np.complexfloating)
            or (isinstance(x, np.ndarray) and x.dtype.kind not in "iuf") for x in items):
        raise ValueError(f"{name} must be a real number or an array of real numbers (not None, bool, str "
                         f"or complex), got {value!r}")
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a real number or an array of real numbers, got {value!r}") from None


def checked(
    name: str,
    value: object,
    low: float | None = None,
    high: float | None = None,
    *,
    low_open: bool = False,
    high_open: bool = False,
    allow_inf: bool = False,
) -> np.ndarray:
    """``value`` as a float64 array, or ValueError if any element is outside the range.

    Parameters
    ----------
    name : str
        Parameter name used in the error message.
    low, high : float or None
        Bounds of the valid range (None: unbounded).
    low_open, high_open : bool
        Whether the bound itself is excluded.
    allow_inf : bool
        Accept infinite values that lie inside the range.

    Examples
    --------
    >>> checked("T", [0.0, 300.0], 0.0)
    array([  0., 300.])
    >>> checked("T", -1.0, 0.0)
    Traceback (most recent call last):
    ...
    ValueError: T = -1 is outside the valid range [0, inf)
    """
    arr = _real_array(name, value)
    rng = _describe(low, high, low_open, high_open)
    bad = np.isnan(arr)
    if not allow_inf:
        bad |= np.isinf(arr)
    if low is not None:
        bad |= (arr <= low) if low_open else (arr < low)
    if high is not None:
        bad |= (arr >= high) if high_open else (arr > high)
    if bad.any():
        first = arr[bad].flat[0]
        count = int(bad.sum())
        more = f" (and {count - 1} more elements)" if count > 1 else ""
        raise ValueError(f"{name} = {first:g} is outside the valid range {rng}{more}")
    return arr


@numba.njit(cache=True)
def sort_by(keys: np.ndarray, carry: np.ndarray) -> None:  # pragma: no cover - compiled
    """Sort ``keys`` ascending in place, permuting ``carry`` alike (insertion sort: a few elements;
    numba's general sort costs seconds of compiling per call site)."""
    for i in range(1, keys.shape[0]):
        x = keys[i]
        y = carry[i]
        j = i - 1
        while j >= 0 and keys[j] > x:
            keys[j + 1] = keys[j]
            carry[j + 1] = carry[j]
            j -= 1
        keys[j + 1] = x
        carry[j + 1] = y


PARALLEL_SIZE = 100_000  # from this many points on, generated kernels run on all cores


@functools.cache
def _parallel_twin(loop: Callable[..., np.ndarray]) -> Callable[..., np.ndarray]:
    """The generated ``*_loop_parallel`` next to a generated ``*_loop`` (the loop itself if none)."""
    module = sys.modules.get(getattr(getattr(loop, "py_func", loop), "__module__", ""), None)
    return getattr(module, f"{getattr(loop, '__name__', '')}_parallel", loop)


def flag(name: str, value: object) -> bool:
    """``value`` if it is a bool, else TypeError naming the parameter.

    >>> flag("cutoff", True)
    True
    """
    if not isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be a bool (True or False), got {value!r}")
    return bool(value)


def scalar(name: str, value: object, low: float | None = None, high: float | None = None, *,
           low_open: bool = False, high_open: bool = False) -> float:
    """``value`` as a float in the range of :func:`checked`, or ValueError (also for an array)."""
    arr = checked(name, value, low, high, low_open=low_open, high_open=high_open)
    if arr.ndim != 0:
        raise ValueError(f"{name} must be a scalar, got shape {arr.shape}")
    return float(arr)


def integer(name: str, value: object, low: int, high: int | None = None) -> int:
    """``value`` as an int in [low, high] (bool and floats refused), or ValueError naming the range.

    Examples
    --------
    >>> integer("nk", 48, 2, 1024)
    48
    >>> integer("order", 2.5, 1)
    Traceback (most recent call last):
    ...
    ValueError: order = 2.5 is outside the valid range: integers >= 1
    """
    if (isinstance(value, bool) or not isinstance(value, int | np.integer) or value < low
            or (high is not None and value > high)):
        valid = f"integers >= {low}" if high is None else f"an integer in [{low}, {high}]"
        raise ValueError(f"{name} = {value!r} is outside the valid range: {valid}")
    return int(value)


def vectors(name: str, value: object, dim: int) -> np.ndarray:
    """``value`` as a float64 array of shape (..., dim) (finite), or ValueError naming the shape."""
    arr = checked(name, value)
    if arr.ndim == 0 or arr.shape[-1] != dim:
        raise ValueError(f"{name} must have shape (..., {dim}) for a {dim}D model, got shape {arr.shape}")
    return arr


def norm_and_direction(v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """|v| (...,) and v/|v| (..., d) of finite vectors v (..., d), without over- or underflow.

    The components are divided by the largest |v_i| first, so |v| is right for every finite v (down to
    subnormal components; up to 1.8e308, beyond which |v| is inf) and the direction keeps full
    precision. Zero vectors give |v| = 0 and direction 0.

    Examples
    --------
    >>> n, u = norm_and_direction(np.array([[3e200, 4e200], [3e-200, 4e-200]]))
    >>> n, u[1]
    (array([5.e+200, 5.e-200]), array([0.6, 0.8]))
    """
    scale = np.max(np.abs(v), axis=-1, keepdims=True)
    safe = np.where(scale > 0.0, scale, 1.0)
    u = v / safe
    root = np.sqrt(np.einsum("...i,...i->...", u, u))[..., None]
    with np.errstate(over="ignore"):
        norm = (scale * root)[..., 0]
    return norm, np.where(scale > 0.0, u / np.where(scale > 0.0, root, 1.0), 0.0)


def unit_directions(directions: object, dim: int) -> np.ndarray:
    """Validated directions (..., dim) normalised to unit length (ValueError naming ``directions``).

    Any finite non-zero vector is a direction (its length may be subnormal or near the largest double).
    """
    d = checked("directions", directions)
    if d.ndim == 0 or d.shape[-1] != dim:
        raise ValueError(f"directions must have shape (..., {dim}) for a {dim}D lattice, got shape {d.shape}")
    norm, unit = norm_and_direction(d)
    if np.any(norm == 0.0):
        raise ValueError("directions must be non-zero vectors (a zero vector has no direction)")
    return unit


def evaluate(loop: Callable[..., np.ndarray], *arrays: np.ndarray) -> np.ndarray | float:
    """Broadcast ``arrays``, run a generated ``*_loop`` kernel, restore the shape.

    Arrays of at least ``PARALLEL_SIZE`` points go to the kernel's ``*_loop_parallel``
    twin (numba ``prange`` over all cores; the same scalar kernel, so the same values).
    Returns a Python float when every input was a scalar.
    """
    shaped = np.broadcast_arrays(*arrays)
    shape = shaped[0].shape
    flat = [np.ascontiguousarray(a, dtype=np.float64).reshape(-1) for a in shaped]
    out = np.empty(flat[0].shape[0] if flat else 1, dtype=np.float64)
    (_parallel_twin(loop) if out.shape[0] >= PARALLEL_SIZE else loop)(*flat, out)
    if all(np.ndim(a) == 0 for a in arrays):
        return float(out[0])
    return out.reshape(shape)


@numba.njit(cache=True, error_model="numpy")
def fermi_dirac(y: float) -> float:
    """1/(e^y + 1) for any real y, without overflow (e^-|y| only).

    Examples
    --------
    >>> fermi_dirac(0.0), fermi_dirac(800.0), fermi_dirac(-800.0)
    (0.5, 0.0, 1.0)
    """
    if y > 0.0:
        t = math.exp(-y)
        return t / (1.0 + t)
    return 1.0 / (1.0 + math.exp(y))


def finite_result(out: np.ndarray | float | complex, function: str,
                  **inputs: np.ndarray) -> np.ndarray | float | complex:
    """``out``, or ValueError naming ``function``'s inputs (and their values) where it is not finite.

    A closed form whose value exceeds the largest double (about 1.8e308) is not representable: the
    error says so instead of returning inf, or NaN from inf/inf inside the kernel.
    """
    arr = np.asarray(out)
    bad = ~np.isfinite(arr)
    if not bad.any():
        return out
    at = np.argwhere(bad)[0] if arr.ndim else ()
    values = ", ".join(f"{name} = {float(np.broadcast_to(v, arr.shape)[tuple(at)]):g}"
                       for name, v in inputs.items())
    raise ValueError(f"{values} are outside the valid range of {function}: its value there exceeds the "
                     "largest double (1.8e308) or its evaluation overflows (valid range: inputs with a "
                     "representable result)")


def scaled(loop, powers: dict[str, float], exponent: np.ndarray | int = 0,
           offsets: dict[str, np.ndarray] | None = None, **inputs: np.ndarray) -> np.ndarray | float:
    """A monomial closed form Π x_i^p_i (times constants) evaluated without intermediate over/underflow.

    Each input x = m 2^e (``np.frexp``, e rounded to a multiple of the denominator of p so that 2^(p e)
    is exact) goes to the kernel as m 2^(e mod ...) near 1 times a power-of-two reference near a
    typical SI value of that input (the kernel's constants are then in range), and the result is
    multiplied by 2^(Σ p_i e_i + exponent) once (``np.ldexp``). ``offsets`` moves the reference of an
    input by 2^offset (per element), e.g. to lift a kernel's intermediate product out of the subnormal
    range. Powers are those of the derivation's result (tested against mpmath at extreme inputs).
    Returns what :func:`numeric._support.evaluate` returns.
    """
    names = list(inputs)
    shaped = np.broadcast_arrays(*(inputs[n] for n in names))
    args, total = [], np.zeros(shaped[0].shape) + exponent
    for name, x in zip(names, shaped, strict=True):
        p = powers.get(name, 0.0)
        if p == 0.0:
            args.append(x)
            continue
        step = {1.0: 1, 0.5: 2}.get(abs(p) % 1.0 or 1.0, 6)  # exponent multiple making p·e an integer
        ref = _REF_EXP[name] + np.asarray((offsets or {}).get(name, 0), dtype=np.int64)
        mant, e = np.frexp(x)
        e = e - ref
        shift = (e // step) * step
        args.append(np.ldexp(mant, (e - shift + ref).astype(np.int32)))
        total = total + p * shift
    out = np.asarray(evaluate(loop, *args), dtype=np.float64)
    with np.errstate(over="ignore", under="ignore"):
        res = np.ldexp(out, np.clip(total, -2**30, 2**30).astype(np.int32))
    return float(res) if all(np.ndim(inputs[n]) == 0 for n in names) else res


#: log2 of a typical SI value of each scaled input (the kernels are evaluated near these).
_REF_EXP = {"T": 8, "D": -60, "m": -100, "k_F": 33, "rho": 13, "v_s": 12, "n": 96, "q": 30, "k_TF": 33,
            "omega_LO": 45, "omega_p": 45, "omega_TO": 45, "V": -60, "omega": 45}
