"""ephkit's numeric layer: kernels and Brillouin-zone integrators (numpy, scipy, numba).

This package never imports SymPy, ``derive`` or the kernel factory, so it starts fast and its
kernels can be used inside numba-compiled code. Closed forms reach it as generated code
(``numeric._generated``) written by the kernel factory ``derive.kernels``; the layering is
tested in fresh interpreters (``tests/test_layers.py``).

numba caches the compiled kernels of this package in the user's cache directory, not inside
the installed package (see :mod:`numeric._numba_cache`).
"""

from . import _numba_cache

_numba_cache.install()

__all__: list[str] = []
