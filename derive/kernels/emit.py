"""Emitters of the kernel factory: kernels as numba, numpy and C source, and the generated modules.

:func:`module_source` prints all kernels of a topic as one Python module for
``numeric/_generated/`` (numba ``njit`` scalar kernel with ``if``/``elif``
branches, or every branch evaluated and selected, with common subexpressions
eliminated, plus ``njit`` loops over flat arrays, serial and parallel);
:func:`check_generated` proves the committed files are what the registry
generates now and :func:`write_generated` rewrites them (``ephkit codegen
--check`` / ``--write``).
"""

from __future__ import annotations

import hashlib
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import sympy as sp

from ..constants import CODATA, CODATA_EDITION, CODATA_SOURCE
from ..provenance import fingerprint
from ..registry import get
from .ir import Kernel
from .layout import WIDTH, wrap_c, wrap_python
from .names import check_names
from .passes import cse_chunked, cse_lines, share_reciprocals
from .printers import CPrinter, MathPrinter, numpy_printer, python_condition
from .registry import builders, kernels, topics

__all__ = [
    "FINGERPRINT",
    "GENERATED_DIR",
    "REGENERATE",
    "VECMATH_FILE",
    "WIDTH",
    "CommittedKernel",
    "c_source",
    "check_generated",
    "committed_kernels",
    "constants_source",
    "generated_files",
    "kernel_table",
    "module_source",
    "numba_source",
    "numpy_source",
    "source_for",
    "write_generated",
]

#: Where generated modules live (inside the ``numeric`` package).
GENERATED_DIR = Path(__file__).resolve().parents[2] / "numeric" / "_generated"
#: The vectorisable elementary functions the generated kernels inline (see :func:`_vecmath_stamp`).
VECMATH_FILE = GENERATED_DIR.parent / "_vecmath.py"
#: The command that regenerates ``numeric/_generated``.
REGENERATE = "ephkit codegen --write"
#: The word before each kernel's derivation fingerprint in a generated module's docstring.
FINGERPRINT = "fingerprint"


#: A kernel's provenance line in a generated module's docstring, read by ``ephkit check`` line by line
#: (derive.app.verdict): kept on one line however long.
PROVENANCE_LINE = re.compile(rf"- \w+: derivation `[^`]*`, {FINGERPRINT} [0-9a-f]+\Z")


def _fingerprint(derivation: str) -> str:
    """:func:`derive.provenance.fingerprint` of a registered derivation (``ephkit check`` compares it
    with the derivation it checks, so that a kernel cannot silently lag behind its derivation)."""
    d = get(derivation)
    return fingerprint(d.statement, d.steps)


def _scalar_function(k: Kernel, header: str, printer: MathPrinter) -> list[str]:
    args = ", ".join(str(a) for a in k.args)
    lines = [header, f"def {k.name}_scalar({args}):", f'    """{k.doc} (scalar kernel)."""']
    pieces = k.pieces
    for i, (expr, cond) in enumerate(pieces):
        body = cse_lines(expr, lambda s, v: f"{s} = {v}", lambda v: f"return {v}", printer.doprint)
        if cond is sp.true:
            indent = "        " if i else "    "
            if i:
                lines.append("    else:")
        else:
            keyword = "if" if i == 0 else "elif"
            lines.append(f"    {keyword} {python_condition(cond, printer)}:")
            indent = "        "
        lines += [indent + line for line in body]
    return lines


def _select_function(k: Kernel, header: str, printer: MathPrinter) -> list[str]:
    """Scalar kernel that evaluates every branch, then selects: vectorisable."""
    args = ", ".join(str(a) for a in k.args)
    lines = [header, f"def {k.name}_scalar({args}):",
             f'    """{k.doc} (scalar kernel; all branches evaluated, then selected)."""']
    pieces = k.pieces
    shared = [share_reciprocals(e) for e, _ in pieces]
    # the conditions join the CSE, so the selection reuses what the branches computed; a condition
    # that a branch also tests inside a Piecewise (to pick a series argument) is taken in the form
    # Piecewise gave it there
    conditions = []
    for _, c in pieces[:-1]:
        inner = share_reciprocals(sp.Piecewise((1, c), (0, True)).args[0].cond)
        conditions.append(inner if any(e.has(inner) for e in shared) else share_reciprocals(c))
    replacements, reduced = cse_chunked(shared + conditions)
    lines += [f"    {sym} = {printer.doprint(value)}" for sym, value in replacements]
    lines += [f"    b{i} = {printer.doprint(e)}" for i, e in enumerate(reduced[:len(pieces)])]
    result = f"b{len(pieces) - 1}"
    for i in range(len(pieces) - 2, -1, -1):
        result = f"b{i} if {python_condition(reduced[len(pieces) + i], printer)} else ({result})"
    lines.append(f"    return {result}")
    return lines


def _uses_vmath(k: Kernel) -> bool:
    """Whether ``k`` inlines numeric._vecmath (the select layout)."""
    return k.layout == "select"


def _check_names(k: Kernel) -> None:
    check_names(k.name, [str(a) for a in k.args])


def numba_source(k: Kernel, standalone: bool = True) -> str:
    """Python source of the numba scalar kernel and array loop for ``k``."""
    _check_names(k)
    if k.layout not in ("branch", "select"):
        raise ValueError(f"kernel {k.name}: unknown layout {k.layout!r}")
    printer = MathPrinter(vector=_uses_vmath(k))
    # fastmath={"contract"} allows only fused multiply-add (no reassociation, NaN/inf kept):
    # at least as accurate, and it halves the instruction count of polynomials.
    jit = '@numba.njit(error_model="numpy", fastmath={"contract"}, cache=True)'
    # The select layout is only fast when inlined into the loop, where LLVM vectorises it.
    scalar_jit = jit.replace("cache=True", 'cache=True, inline="always"') if _uses_vmath(k) else jit
    args = ", ".join(str(a) for a in k.args)
    build = _select_function if k.layout == "select" else _scalar_function
    lines = build(k, scalar_jit, printer)
    n = len(k.args)
    indexed = ", ".join(f"{a}[i]" for a in k.args)
    lines += [
        "",
        "",
        jit,
        f"def {k.name}_loop({args}, out):",
        f'    """{k.doc}: loop over flat float64 arrays of equal length {n * "."}."""',
        f"    for i in range({k.args[0]}.shape[0]):",
        f"        out[i] = {k.name}_scalar({indexed})",
        "    return out",
        "",
        "",
        # the same loop split over the machine's cores (numeric._support.evaluate uses it for large arrays)
        jit.replace("cache=True", "cache=True, parallel=True"),
        f"def {k.name}_loop_parallel({args}, out):",
        f'    """{k.doc}: the loop above, run on all cores (numba.prange)."""',
        f"    for i in numba.prange({k.args[0]}.shape[0]):",
        f"        out[i] = {k.name}_scalar({indexed})",
        "    return out",
    ]
    if standalone:
        imports = ["import math", "", "import numba"]
        if _uses_vmath(k):
            imports += ["", "from numeric import _vecmath as vmath"]
        lines = [*imports, "", "", *lines]
    return wrap_python("\n".join(lines).replace(f"length {n * '.'}", "length")) + "\n"


def numpy_source(k: Kernel) -> str:
    """A plain numpy function for ``k`` (branches with ``numpy.select``; no numba).

    Common subexpressions of all branches and conditions are assigned first (``t0``, ...), then
    each branch's value (``b0``, ...) and condition (``c0``, ...), which ``numpy.select`` picks from.
    """
    _check_names(k)
    printer = numpy_printer()
    args = ", ".join(str(a) for a in k.args)
    pieces = k.pieces
    n = len(pieces)
    replacements, reduced = cse_chunked([e for e, _ in pieces] + [c for _, c in pieces[:-1]])
    body = [f"{s} = {printer.doprint(v)}" for s, v in replacements]
    if n == 1:
        body.append(f"return {printer.doprint(reduced[0])}")
    else:
        values, conditions = sp.symbols(f"b0:{n}"), sp.symbols(f"c0:{n - 1}")
        body += [f"{b} = {printer.doprint(v)}" for b, v in zip(values, reduced[:n], strict=True)]
        body += [f"{c} = {printer.doprint(v)}" for c, v in zip(conditions, reduced[n:], strict=True)]
        choices = ", ".join(map(str, values[:-1]))
        body.append(f"return numpy.select([{', '.join(map(str, conditions))}], [{choices}], "
                    f"default={values[-1]})")
    return wrap_python("\n".join([
        "import functools  # noqa: F401  (used by some printed expressions)",
        "import math  # noqa: F401",
        "",
        "import numpy",
        "import scipy.special  # noqa: F401", "", "",
        f"def {k.name}({args}):",
        f'    """{k.doc} (numpy; evaluates every branch, warnings suppressed)."""',
        '    with numpy.errstate(all="ignore"):',
        *("        " + line for line in body),
    ])) + "\n"


def c_source(k: Kernel) -> str:
    """A C99 function ``double name(double ...)`` for ``k`` (compile with -lm)."""
    _check_names(k)
    printer = CPrinter()
    args = ", ".join(f"double {a}" for a in k.args)
    lines = ["#include <math.h>", "", f"/* {k.doc}. Generated by ephkit from derivation {k.derivation}. */",
             f"double {k.name}({args}) {{"]
    for i, (expr, cond) in enumerate(k.pieces):
        body = cse_lines(expr, lambda s, v: f"const double {s} = {v};", lambda v: f"return {v};",
                            printer.doprint)
        if cond is sp.true:
            if i:
                lines.append("    {")
            lines += [("        " if i else "    ") + line for line in body]
            if i:
                lines.append("    }")
        else:
            lines.append(f"    {'if' if i == 0 else 'else if'} ({printer.doprint(cond)}) {{")
            lines += ["        " + line for line in body]
            lines.append("    }")
            if i + 1 < len(k.pieces) and k.pieces[i + 1][1] is sp.true:
                lines[-1] += " else"
    lines.append("}")
    return wrap_c("\n".join(lines)) + "\n"


def module_source(topic: str) -> str:
    """The whole generated module ``numeric/_generated/<topic>.py``."""
    ks = kernels(topic)
    names = [n for k in ks for n in (k.name + "_scalar", k.name + "_loop", k.name + "_loop_parallel")]
    out = [
        f'"""Numeric kernels for topic {topic!r}, generated by the kernel specs in derive.kernels.{topic}.',
        "",
        f"GENERATED CODE: do not edit. Regenerate with `{REGENERATE}`;",
        "`ephkit codegen --check` (run by the tests) fails when this file is stale.",
        "",
        *[f"- {k.name}: derivation `{k.derivation}`, {FINGERPRINT} {_fingerprint(k.derivation)}" for k in ks],
        '"""',
        "",
        "import math",
        "",
        "import numba",
        "",
        *(["from numeric import _vecmath as vmath", "", _vecmath_stamp(), ""] if any(map(_uses_vmath, ks))
          else []),
        *_all_lines(names),
    ]
    for k in ks:
        out += ["", "", f"# --- {k.name}: derivation {k.derivation}", numba_source(k, standalone=False)]
    return wrap_python("\n".join(out).rstrip(), keep=PROVENANCE_LINE) + "\n"


def _all_lines(names: Sequence[str]) -> list[str]:
    """``__all__ = [...]`` on lines of at most WIDTH characters."""
    text = f"__all__ = {list(names)!r}"
    if len(text) <= WIDTH:
        return [text]
    return ["__all__ = [", *textwrap.wrap(", ".join(map(repr, names)) + ",", WIDTH - 4,
                                          initial_indent="    ", subsequent_indent="    ",
                                          break_long_words=False, break_on_hyphens=False), "]"]


def _vecmath_stamp() -> str:
    """A line naming the hash of numeric/_vecmath.py, whose functions numba inlines into the kernels.

    numba's on-disk cache of a kernel is keyed on its own file only, so a changed ``_vecmath`` would
    leave stale compiled kernels; with the hash in the generated file, changing ``_vecmath`` makes
    ``ephkit codegen --check`` fail until the modules are regenerated, which invalidates the caches.
    """
    digest = hashlib.sha256(VECMATH_FILE.read_bytes()).hexdigest()[:16]
    return f"# inlined from numeric/_vecmath.py, sha256 {digest} (a new hash invalidates numba's cache)"


def constants_source() -> str:
    """The generated module ``numeric/_generated/constants.py``: the pinned CODATA table as floats.

    ``numeric`` uses the same numbers as the generated kernels without importing ``derive``;
    the names are those of ``scipy.constants``.
    """
    width = max(len(c.name) for c in CODATA)
    out = [
        f'"""Physical constants in SI units: {CODATA_EDITION}, the table the generated kernels use.',
        "",
        f"GENERATED CODE: do not edit. Written from derive.constants.CODATA by `{REGENERATE}`;",
        "`ephkit codegen --check` (run by the tests) fails when this file is stale.",
        "",
        *textwrap.wrap(f"Source: {CODATA_SOURCE}.", width=100),
        '"""',
        "",
        *_all_lines(["EDITION", *(c.name for c in CODATA)]),
        "",
        f"EDITION = {CODATA_EDITION!r}",
        "",
    ]
    for c in CODATA:
        uncertainty = f", standard uncertainty {c.uncertainty!r}" if c.uncertainty else ", exact"
        out.append(f"{c.name:{width}s} = {c.value!r}  # {c.unit}: {c.codata_name}{uncertainty}")
    return "\n".join(out) + "\n"


def generated_files() -> dict[Path, str]:
    """Every generated file and its current content from the registry."""
    files = {GENERATED_DIR / f"{t}.py": module_source(t) for t in topics()}
    files[GENERATED_DIR / "constants.py"] = constants_source()
    files[GENERATED_DIR / "__init__.py"] = (
        f'"""Generated numeric kernels (do not edit; `{REGENERATE}`)."""\n'
    )
    return files


def write_generated() -> list[Path]:
    """Write all generated modules; return the paths that changed."""
    changed = []
    GENERATED_DIR.mkdir(parents=True, exist_ok=True)
    for path, text in generated_files().items():
        if not path.exists() or path.read_text() != text:
            path.write_text(text)
            changed.append(path)
    return changed


@dataclass(frozen=True)
class CommittedKernel:
    """What the committed ``numeric/_generated/<topic>.py`` says of one registered kernel.

    ``args`` (the scalar kernel's arguments) and ``fingerprint`` (of the derivation it was generated
    from, :func:`derive.provenance.fingerprint`) are None where the module lacks the kernel.
    """

    name: str
    topic: str
    derivation: str
    path: Path
    args: list[str] | None
    fingerprint: str | None


def committed_kernels() -> list[CommittedKernel]:
    """Every registered kernel as the committed generated modules state it, read as text (nothing is
    built, imported or compiled), in registry order."""
    table = []
    for topic in topics():
        path = GENERATED_DIR / f"{topic}.py"
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        for b in builders(topic):
            args = re.search(rf"^def {re.escape(b.name)}_scalar\(([^)]*)\):", text, re.MULTILINE)
            stamp = re.search(rf"^- {re.escape(b.name)}: derivation `{re.escape(b.derivation)}`, "
                              rf"{FINGERPRINT} ([0-9a-f]+)$", text, re.MULTILINE)
            table.append(CommittedKernel(b.name, topic, b.derivation, path,
                                         [a.strip() for a in args.group(1).split(",")] if args else None,
                                         stamp.group(1) if stamp else None))
    return table


def kernel_table() -> list[tuple[str, str, str, list[str]]]:
    """(name, topic, derivation, argument names) of every registered kernel, in registry order.

    The arguments are read from the committed ``numeric/_generated/<topic>.py``
    (:func:`committed_kernels`; ``ephkit codegen --check`` keeps them current), so nothing is built; a
    kernel missing there is built.
    """
    built = {b.name: b for b in builders()}
    return [(c.name, c.topic, c.derivation,
             c.args if c.args is not None else [str(a) for a in built[c.name]().args])
            for c in committed_kernels()]


def check_generated() -> list[Path]:
    """Paths whose committed content differs from what the registry generates now."""
    return [p for p, text in generated_files().items() if not p.exists() or p.read_text() != text]


def source_for(ks: Sequence[Kernel], backend: str, command: str | None = None) -> str:
    """Source of one or more kernels in ``backend`` ("numba", "numpy" or "c"), imports once.

    The source starts with a comment saying it is generated, and by ``command`` when given
    (shortened to fit a line).
    """
    if backend == "numba":
        parts = [numba_source(k, standalone=(i == 0)) for i, k in enumerate(ks)]
        if any(map(_uses_vmath, ks)) and not _uses_vmath(ks[0]):
            vmath = "import numba\n\nfrom numeric import _vecmath as vmath\n"
            parts[0] = parts[0].replace("import numba\n", vmath, 1)
    elif backend == "numpy":
        parts = [numpy_source(k) if i == 0 else numpy_source(k).split("\n\n\n", 1)[1]
                 for i, k in enumerate(ks)]
    elif backend == "c":
        parts = [c_source(k) if i == 0 else c_source(k).split("\n", 2)[2] for i, k in enumerate(ks)]
    else:
        raise ValueError(f"unknown backend {backend!r}; expected numba, numpy or c")
    what = ", ".join(sorted({k.derivation for k in ks}))
    header = [f"GENERATED CODE by ephkit's kernel factory (derive.kernels), from {what}; do not edit."]
    if command is not None:
        limit = WIDTH - len("Regenerate with: ") - 6
        shown = command if len(command) <= limit else command[:limit - 3] + "..."
        header.append(f"Regenerate with: {shown}")
    if backend == "c":
        source = wrap_c("\n".join(f"/* {line} */" for line in header))
    else:
        source = wrap_python("\n".join("# " + line for line in header))
    return source + "\n" + "\n\n".join(p.rstrip("\n") for p in parts) + "\n"
