"""ephkit's numeric layer: kernels and Brillouin-zone integrators (numpy, scipy, numba).

This package never imports SymPy, so it starts fast and its kernels can be
used inside numba-compiled code. Closed forms reach it as generated code from
the symbolic layer ``derive``.

>>> import sys, numeric
>>> "sympy" in sys.modules or numeric.__name__
'numeric'
"""

__all__: list[str] = []
