"""Names a generated kernel may use: identifiers valid and free in every backend (numba, numpy, C).

An argument or function name is printed verbatim into Python and C99 source, next to the
modules, helper functions and local variables the printers and emitters use themselves. A
name that is a keyword of either language, a Python builtin, a ``math.h`` identifier, or one
of the generated code's own names would make code that does not compile, or that silently
computes something else (an argument ``math`` shadows the module). :func:`check_names` refuses
them, naming the backend that reserves them.
"""

from __future__ import annotations

import builtins
import keyword
import re
from collections.abc import Sequence

__all__ = ["MAX_NAME_LENGTH", "check_names", "reserved_by"]

#: Longest name accepted: C99 guarantees 63 significant characters for internal identifiers.
MAX_NAME_LENGTH = 63

_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")

#: C keywords, C89 to C23 (with the C11/C23 spellings), and names a C compiler or libm predefines.
C_KEYWORDS = frozenset("""
    auto break case char const continue default do double else enum extern float for goto if inline
    int long register restrict return short signed sizeof static struct switch typedef union unsigned
    void volatile while alignas alignof bool constexpr false nullptr static_assert thread_local true
    typeof typeof_unqual asm fortran main
""".split())

#: Identifiers declared by ``<math.h>`` (C99 functions and macros, with the common M_* constants).
C_MATH = frozenset("""
    acos acosh asin asinh atan atan2 atanh cbrt ceil copysign cos cosh erf erfc exp exp2 expm1 fabs
    fdim floor fma fmax fmin fmod frexp hypot ilogb ldexp lgamma llrint llround log log10 log1p log2
    logb lrint lround modf nan nearbyint nextafter nexttoward pow remainder remquo rint round scalbln
    scalbn sin sinh sqrt tan tanh tgamma trunc double_t float_t HUGE_VAL HUGE_VALF HUGE_VALL INFINITY
    NAN FP_INFINITE FP_NAN FP_NORMAL FP_SUBNORMAL FP_ZERO FP_FAST_FMA FP_ILOGB0 FP_ILOGBNAN
    MATH_ERRNO MATH_ERREXCEPT math_errhandling fpclassify isfinite isinf isnan isnormal signbit
    isgreater isgreaterequal isless islessequal islessgreater isunordered errno M_E M_LOG2E M_LOG10E
    M_LN2 M_LN10 M_PI M_PI_2 M_PI_4 M_1_PI M_2_PI M_2_SQRTPI M_SQRT2 M_SQRT1_2
""".split())

#: Names the generated Python itself uses: modules and their aliases, the array loop's locals.
GENERATED_NAMES = frozenset({"math", "numba", "numpy", "np", "functools", "vmath", "out", "i", "numeric",
                             "scipy", "mpmath", "sympy"})

#: Local variables of generated code: common subexpressions t0, t1, ..., branch values b0, b1, ...
#: and conditions c0, c1, ...
_LOCAL = re.compile(r"[tbc][0-9]+\Z")

#: Suffixes of the functions generated for a kernel ``name`` (``name_scalar``, ``name_loop``, ...).
SUFFIXES = ("", "_scalar", "_loop", "_loop_parallel")


def reserved_by(name: str) -> str | None:
    """Why ``name`` cannot be a kernel's argument or function name in some backend (None: it can)."""
    if keyword.iskeyword(name) or keyword.issoftkeyword(name):
        return "a Python keyword"
    if name in C_KEYWORDS:
        return "a C keyword (or reserved by the C backend)"
    if name in GENERATED_NAMES or _LOCAL.match(name):
        return "a name the generated code uses itself"
    if hasattr(builtins, name):
        return "a Python builtin (the generated Python uses builtins such as abs, max, float, range)"
    if name in C_MATH:
        return "declared by C's <math.h>, which the C backend includes"
    return None


def _check_identifier(name: str, what: str) -> None:
    if not _IDENTIFIER.match(name):
        raise ValueError(f"invalid {what} {name!r}: use ASCII letters, digits and '_', starting with a "
                         "letter")
    if len(name) > MAX_NAME_LENGTH:
        raise ValueError(f"invalid {what} {name[:20]!r}...: longer than {MAX_NAME_LENGTH} characters")
    why = reserved_by(name)
    if why:
        raise ValueError(f"invalid {what} {name!r}: it is {why}")


def check_names(function: str | None, args: Sequence[str]) -> None:
    """Refuse a function name or argument names that some backend cannot use.

    Parameters
    ----------
    function : str or None
        The kernel's name (the generated functions are ``function``, ``function_scalar``,
        ``function_loop`` and ``function_loop_parallel``); None: check the arguments only.
    args : sequence of str
        The argument names, in order.

    Raises
    ------
    ValueError
        Naming the first offending name and why: not an ASCII identifier, too long, reserved
        (and by what), given twice, or equal to one of the generated function names.

    Examples
    --------
    >>> check_names("kernel", ["x", "y"])
    >>> check_names("kernel", ["x", "double"])
    Traceback (most recent call last):
    ...
    ValueError: invalid argument name 'double': it is a C keyword (or reserved by the C backend)
    """
    if function is not None:
        _check_identifier(function, "function name")
        for suffix in SUFFIXES[1:]:
            if reserved_by(function + suffix):
                raise ValueError(f"invalid function name {function!r}: {function + suffix!r} is reserved")
    if not args:
        raise ValueError("a kernel needs at least one argument")
    seen: set[str] = set()
    generated = {function + suffix for suffix in SUFFIXES} if function is not None else set()
    for a in args:
        _check_identifier(a, "argument name")
        if a in seen:
            raise ValueError(f"argument name {a!r} is given twice")
        if a in generated:
            raise ValueError(f"argument name {a!r} is the name of a generated function")
        seen.add(a)
