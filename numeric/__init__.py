"""ephkit's numeric layer: kernels and Brillouin-zone integrators (numpy, scipy, numba).

This package never imports SymPy, so it starts fast and its kernels can be
used inside numba-compiled code. Closed forms reach it as generated code from
the symbolic layer ``derive``.

The guarantee is tested in a fresh interpreter (``tests/numeric/test_import.py``):
``python -c "import numeric, sys; assert 'sympy' not in sys.modules"``.
"""

__all__: list[str] = []
