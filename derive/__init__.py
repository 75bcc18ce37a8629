"""ephkit's symbolic layer: closed forms of electron-phonon physics derived with SymPy.

Every result is a :class:`Derivation` built from a stated model by steps that
SymPy carries out and :meth:`Derivation.check` re-verifies (with
:mod:`derive.checker`). The topic modules (``coupling``, ``screening``,
``lindhard_dynamic``, ``scattering``, ``phonons``, ``superconductivity``, ``eliashberg``) register
their derivations when imported, at the end of this module; a derivation's topic is its module.
Stated formulas (fits such as McMillan's T_c, with source and fit range) are registered apart, never as
derivations: :func:`formulas`, :func:`get_formula`.

>>> import derive
>>> d = derive.get("deformation_potential_coupling")
>>> d.check().passed, d.topic
(True, 'coupling')
"""

from .checker import CheckResult
from .derivation import Assumption, Chain, CheckReport, Derivation, Model, Quantity, Ref, Step
from .registry import (
    StatedFormula,
    UnknownDerivationError,
    UnknownFormulaError,
    catalog,
    formulas,
    get,
    get_formula,
    register,
    register_formula,
    summary,
    topic_of,
)

__all__ = [
    "TOPICS",
    "Assumption",
    "Chain",
    "CheckReport",
    "CheckResult",
    "Derivation",
    "Model",
    "Quantity",
    "Ref",
    "StatedFormula",
    "Step",
    "UnknownDerivationError",
    "UnknownFormulaError",
    "catalog",
    "formulas",
    "get",
    "get_formula",
    "register",
    "register_formula",
    "summary",
]

# The topic modules register their derivations on import (last: they import the engine above), in
# the order of the catalogue: from the coupling through screening to the rates and the lattice.
from . import coupling, screening, lindhard_dynamic, scattering, phonons, superconductivity  # noqa: I001
from . import eliashberg
from . import eliashberg_function
from . import metals

#: Topic modules of ``derive``, in catalogue order.
TOPICS = tuple(topic_of(module.__name__)
               for module in (coupling, screening, lindhard_dynamic, scattering, phonons,
                              superconductivity, eliashberg, eliashberg_function, metals))
