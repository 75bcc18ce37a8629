"""ephkit's symbolic layer: closed forms of electron-phonon physics derived with SymPy.

Every result is a :class:`Derivation` built from a stated model by steps that
SymPy carries out and :meth:`Derivation.check` re-verifies.

>>> import derive
>>> d = derive.get("deformation_potential_coupling")
>>> d.check().passed
True
"""

from .derivation import Assumption, CheckReport, CheckResult, Derivation, Quantity, Step
from .registry import TOPICS, UnknownDerivationError, catalog, get, register

__all__ = [
    "TOPICS",
    "Assumption",
    "CheckReport",
    "CheckResult",
    "Derivation",
    "Quantity",
    "Step",
    "UnknownDerivationError",
    "catalog",
    "get",
    "register",
]
