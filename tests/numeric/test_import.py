"""The numeric layer must not import SymPy (fast start, usable from numba code)."""

import subprocess
import sys


def test_numeric_does_not_import_sympy():
    code = "import numeric, sys; assert 'sympy' not in sys.modules, 'sympy was imported'"
    subprocess.run([sys.executable, "-c", code], check=True)
