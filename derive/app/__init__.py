"""The application layer: the ``ephkit`` command line, the verdict of ``ephkit check``
(derivation check plus numeric cross-check), the cross-checks and the worksheet finder.

The only layer that imports both sides: the truth (``derive``), the kernel factory
(``derive.kernels``) and the numeric runtime (``numeric``). Nothing in ``derive`` outside
this package imports it.
"""
