"""IR nodes of the kernel factory: SymPy functions the printers know and ``doit()`` expands.

:class:`Polynomial` is printed in Estrin's scheme; :class:`RatioExponent` and
:class:`RatioArgument` reduce ln|a/b| without forming a/b. Each ``doit()``
gives the elementary form, which is what the checker verifies.
"""

from __future__ import annotations

import sympy as sp

__all__ = ["Polynomial", "RatioArgument", "RatioExponent"]


class Polynomial(sp.Function):
    """``Polynomial(w, c0, c1, ..., cn)`` = c0 + c1 w + ... + cn w^n, kept unevaluated.

    Printers emit it in Estrin's scheme (pairs combined with w, w², w⁴, ...),
    whose short dependency chains let vectorised loops run at full width;
    ``doit()`` expands it for verification.
    """

    @classmethod
    def eval(cls, *args: sp.Expr) -> None:
        return None

    def doit(self, **hints: object) -> sp.Expr:
        w, *coeffs = (a.doit(**hints) if hints.get("deep", True) else a for a in self.args)
        return sp.Add(*(c * w**i for i, c in enumerate(coeffs)))

    def _eval_evalf(self, prec: int) -> sp.Expr:
        return self.doit()._eval_evalf(prec)

    def _eval_rewrite_as_Add(self, *args: sp.Expr, **kwargs: object) -> sp.Expr:
        return self.doit()


class RatioExponent(sp.Function):
    """``RatioExponent(a, b)`` = e = floor(log2|a|) − floor(log2|b|), kept unevaluated.

    With ``s = RatioArgument(a, b)``, |a|/|b| = 2^e (1 + s)/(1 − s) with |s| < 1/3 (a, b ≠ 0), so
    ln|a/b| = e ln 2 + 2 atanh(s) *exactly*, and 2 atanh(s) = 2s [1 + Λ(s²)] is a short series: a
    kernel that needs ln|a/b| and also evaluates Λ elsewhere shares one polynomial between them,
    and never forms a/b (no rounding, no overflow). The numba printer emits numeric._vecmath's
    bit-pattern split (exponent fields and mantissas); C and numpy the same through ilogb/scalbn and
    frexp. For a zero argument every backend gives a finite, meaningless value (the kernels multiply
    it by that vanishing factor). ``doit()`` gives the elementary form.
    """

    nargs = 2
    is_integer = True
    is_real = True

    @classmethod
    def eval(cls, *args: sp.Expr) -> None:
        return None

    def doit(self, **hints: object) -> sp.Expr:
        a, b = (v.doit(**hints) for v in self.args)
        return sp.floor(sp.log(sp.Abs(a), 2)) - sp.floor(sp.log(sp.Abs(b), 2))

    @staticmethod
    def _imp_(a: object, b: object) -> object:  # for lambdify(modules="mpmath")
        import mpmath

        return mpmath.mpf(mpmath.frexp(a)[1] - mpmath.frexp(b)[1])

    def _eval_evalf(self, prec: int) -> sp.Expr:
        return self.doit()._eval_evalf(prec)


class RatioArgument(sp.Function):
    """``RatioArgument(a, b)`` = s = (ma − mb)/(ma + mb), |a| = 2^ea ma with 1 <= ma < 2, likewise b."""

    nargs = 2
    is_real = True

    @classmethod
    def eval(cls, *args: sp.Expr) -> None:
        return None

    def doit(self, **hints: object) -> sp.Expr:
        args = (v.doit(**hints) for v in self.args)
        ma, mb = (sp.Abs(v) * 2 ** -sp.floor(sp.log(sp.Abs(v), 2)) for v in args)
        return (ma - mb) / (ma + mb)

    @staticmethod
    def _imp_(a: object, b: object) -> object:
        import mpmath

        fa, fb = abs(mpmath.frexp(a)[0]), abs(mpmath.frexp(b)[0])  # in [1/2, 1): the factor 2 cancels
        return (fa - fb) / (fa + fb)

    def _eval_evalf(self, prec: int) -> sp.Expr:
        return self.doit()._eval_evalf(prec)
