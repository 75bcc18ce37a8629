"""The kernel factory: derived closed forms -> numba, numpy and C kernels.

It imports the truth (``derive``'s derivations, checker, registry, constants);
the truth never imports it, and it never imports ``numeric`` (it writes
``numeric/_generated/`` as text). By concern:

``nodes``, ``ir``
    IR: :class:`Polynomial`, :class:`RatioExponent`, :class:`RatioArgument`;
    :class:`Branch`, :class:`Kernel` (verified with :mod:`derive.checker`).
``passes``
    number folding, polynomial expansion, reciprocal sharing, CSE.
``design``
    :func:`choose_switch`, :func:`~derive.kernels.design.relative_chebyshev_fit`;
    ``lindhard`` the Lindhard design (:class:`~derive.kernels.lindhard.LindhardDesign`).
``printers``, ``emit``
    math/numba, numpy and C printers; :func:`numba_source`, :func:`numpy_source`,
    :func:`c_source`, :func:`module_source`, :func:`check_generated`, :func:`write_generated`,
    :func:`kernel_table`; ``layout`` breaks long lines, ``names`` checks identifiers for every backend.
``user``
    :func:`parse_expression`, :func:`user_kernel` (nothing in the string is executed).
``registry`` and the spec modules ``coupling``, ``screening``, ``scattering``, ``phonons``, ``eliashberg``
    ``@kernel(name)`` specs; a kernel's topic is its spec module, which is also its
    generated module ``numeric/_generated/<topic>.py``.

Examples
--------
>>> from derive import kernels
>>> [k.name for k in kernels.kernels_for("thomas_fermi_limit")]
['thomas_fermi_wavevector', 'dielectric_thomas_fermi']
>>> "def kernel_scalar(x)" in kernels.source_for([kernels.user_kernel("sqrt(x)", ["x"])], "numba")
True
"""

from .design import choose_switch
from .emit import (
    GENERATED_DIR,
    REGENERATE,
    VECMATH_FILE,
    WIDTH,
    c_source,
    check_generated,
    constants_source,
    generated_files,
    kernel_table,
    module_source,
    numba_source,
    numpy_source,
    source_for,
    write_generated,
)
from .ir import Branch, Kernel, statement_kernel
from .nodes import Polynomial, RatioArgument, RatioExponent
from .registry import kernel, kernels, kernels_for, topic_of, topics
from .user import parse_expression, user_kernel

__all__ = [
    "GENERATED_DIR",
    "REGENERATE",
    "TOPICS",
    "VECMATH_FILE",
    "WIDTH",
    "Branch",
    "Kernel",
    "Polynomial",
    "RatioArgument",
    "RatioExponent",
    "c_source",
    "check_generated",
    "choose_switch",
    "constants_source",
    "generated_files",
    "kernel",
    "kernel_table",
    "kernels",
    "kernels_for",
    "module_source",
    "numba_source",
    "numpy_source",
    "parse_expression",
    "source_for",
    "statement_kernel",
    "topics",
    "user_kernel",
    "write_generated",
]

# The spec modules register their kernels on import (last: they import the factory above), in the
# order of the derivations' catalogue.
from . import coupling, screening, scattering, phonons, superconductivity  # noqa: I001
from . import eliashberg
from . import eliashberg_function
from . import metals

#: Topics of the spec modules (each writes numeric/_generated/<topic>.py), in catalogue order.
TOPICS = tuple(topic_of(module.__name__)
               for module in (coupling, screening, scattering, phonons, superconductivity, eliashberg,
                              eliashberg_function, metals))
