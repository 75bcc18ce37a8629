"""Teaching worksheets: find, list, check, convert and execute the MyST notebooks of ``notebooks/``.

The worksheets are MyST Markdown files (jupytext ``format_name: myst``, code in
``{code-cell}`` blocks); ``.ipynb`` files are generated from them and never
committed. Every worksheet follows one skeleton, the level-2 headings of
:data:`SECTIONS` in that order, which :func:`check_skeleton` verifies together
with the rules that go with it: exercises have solutions in hidden
(dropdown) code cells that still execute, the final section holds the
assertions, and no code cell defines a helper (what a worksheet needs lives in
``derive`` and ``numeric``).

Where the worksheets are found (:func:`worksheet_dir`), first match wins:

1. the directory named by the environment variable ``EPHKIT_WORKSHEETS``;
2. the copy shipped inside the installed package (``derive/app/notebooks/``,
   which ``pip install .`` builds from the repository's ``notebooks/``);
3. ``notebooks/`` of the checkout this package is imported from (running from
   the repository, or an editable install).

Converting needs ``jupytext`` and ``nbformat``, executing ``nbclient`` and
``ipykernel`` (dependencies of ephkit); listing and checking need neither.

Examples
--------
>>> check_skeleton("# A worksheet\\n\\n## Learning goals\\n")[:2]
['## Prior knowledge and sources', '## The derivation']
"""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "CHECKS",
    "DERIVATION",
    "ENV_VAR",
    "EXERCISES",
    "KERNEL",
    "LEARNING_GOALS",
    "NUMERICS",
    "PRIOR_KNOWLEDGE",
    "SECTIONS",
    "SOLUTION_TAGS",
    "TEXTBOOK",
    "Worksheet",
    "WorksheetError",
    "check_skeleton",
    "execute",
    "export",
    "figures",
    "find",
    "outputs_by_section",
    "to_notebook",
    "worksheet_dir",
    "worksheets",
]

LEARNING_GOALS = "## Learning goals"
PRIOR_KNOWLEDGE = "## Prior knowledge and sources"
DERIVATION = "## The derivation"
TEXTBOOK = "## Check against the textbook"
KERNEL = "## The generated kernel"
NUMERICS = "## Numerics against the closed form"
EXERCISES = "## Exercises"
CHECKS = "## Checks"

#: The skeleton: level-2 headings every worksheet has, in this order.
SECTIONS = (LEARNING_GOALS, PRIOR_KNOWLEDGE, DERIVATION, TEXTBOOK, KERNEL, NUMERICS, EXERCISES, CHECKS)
#: Cell tags that hide a solution (a dropdown in Jupyter Book / MyST-NB).
SOLUTION_TAGS = ("hide-cell", "hide-input")
#: Minimum number of exercises (solution cells) per worksheet.
MIN_EXERCISES = 2
#: Environment variable naming a directory of worksheets (overrides the search).
ENV_VAR = "EPHKIT_WORKSHEETS"

_EXTRA_HINT = "they are dependencies of ephkit: reinstall it (pip install .)"


class WorksheetError(Exception):
    """A worksheet cannot be found, converted or executed; the message is one line."""


@dataclass(frozen=True)
class Worksheet:
    """One worksheet: ``name`` (file stem, e.g. ``01_debye_heat_capacity``), ``path`` and ``title``."""

    name: str
    path: Path
    title: str

    @property
    def text(self) -> str:
        """The MyST Markdown source."""
        return self.path.read_text(encoding="utf-8")


# ---------------------------------------------------------------------- finding
def _md_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.md") if p.is_file() and not p.name.startswith("."))


def worksheet_dir() -> Path:
    """The directory holding the worksheets (see the module notes for the search order).

    Raises
    ------
    WorksheetError
        If no directory with worksheets is found.
    """
    override = os.environ.get(ENV_VAR)
    if override:
        path = Path(override).expanduser()
        if not path.is_dir():
            raise WorksheetError(f"{ENV_VAR}={override} is not a directory")
        return path.resolve()
    here = Path(__file__).resolve().parent
    candidates = (here / "notebooks", here.parents[1] / "notebooks")  # installed copy, checkout
    for path in candidates:
        if path.is_dir() and _md_files(path):
            return path
    raise WorksheetError(
        f"no worksheets found in {candidates[0]} (installed package) or {candidates[1]} (checkout); "
        f"reinstall ephkit (pip install .) or set {ENV_VAR} to the notebooks/ directory of a checkout")


def _title(text: str, fallback: str) -> str:
    for kind, lines, _, _ in _blocks(text):
        if kind == "markdown":
            for line in lines:
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def worksheets(directory: Path | None = None) -> list[Worksheet]:
    """All worksheets (``*.md``) in ``directory`` (default :func:`worksheet_dir`), sorted by name."""
    directory = worksheet_dir() if directory is None else Path(directory)
    found = []
    for path in _md_files(directory):
        found.append(Worksheet(path.stem, path, _title(path.read_text(encoding="utf-8"), path.stem)))
    return found


def find(name: str, directory: Path | None = None) -> Worksheet:
    """The worksheet called ``name``: its stem (``00_tour``), file name, or number prefix (``00``).

    Raises
    ------
    WorksheetError
        If there is no such worksheet (the message lists the available ones), or the prefix is ambiguous.
    """
    available = worksheets(directory)
    key = name[:-3] if name.endswith(".md") else name
    exact = [w for w in available if w.name == key]
    if exact:
        return exact[0]
    matches = [w for w in available if w.name.split("_", 1)[0] == key or w.name.split("_", 1)[-1] == key]
    if len(matches) == 1:
        return matches[0]
    names = ", ".join(w.name for w in available) or "none"
    what = "ambiguous" if matches else "unknown"
    raise WorksheetError(f"{what} worksheet {name!r}; available: {names}")


# ---------------------------------------------------------------------- the skeleton
_FENCE = re.compile(r"^(`{3,}|~{3,})(.*)$")


def _blocks(text: str) -> list[tuple[str, list[str], list[str], int]]:
    """Split MyST text into ("markdown", lines, [], line) and ("code", options, body, line) blocks.

    Front matter is dropped; fenced blocks other than ``{code-cell}`` stay in
    the surrounding markdown, but nothing inside any fence counts as a heading
    (their lines are blanked).
    """
    lines = text.splitlines()
    i = 0
    if lines and lines[0].strip() == "---":  # YAML front matter (jupytext header)
        end = next((j for j in range(1, len(lines)) if lines[j].strip() == "---"), None)
        i = len(lines) if end is None else end + 1
    blocks: list[tuple[str, list[str], list[str], int]] = []
    markdown: list[str] = []
    start = i + 1
    while i < len(lines):
        match = _FENCE.match(lines[i].strip()) if not lines[i].startswith("    ") else None
        if match is None:
            markdown.append(lines[i])
            i += 1
            continue
        fence, info = match.groups()
        close = next((j for j in range(i + 1, len(lines))
                      if lines[j].strip().startswith(fence[0] * len(fence))
                      and not lines[j].strip().strip(fence[0])), len(lines))
        inner = lines[i + 1:close]
        if info.strip().startswith("{code-cell}"):
            blocks.append(("markdown", markdown, [], start))
            markdown, options, body = [], [], inner
            if inner and inner[0].strip() == "---":
                end = next((j for j in range(1, len(inner)) if inner[j].strip() == "---"), 0)
                options, body = inner[:end + 1], inner[end + 1:]
            else:
                k = 0
                while k < len(inner) and inner[k].startswith(":"):
                    k += 1
                options, body = inner[:k], inner[k:]
            blocks.append(("code", options, body, i + 2 + len(options)))  # first body line
            start = close + 2
        else:
            markdown.extend([lines[i], *([""] * len(inner)), lines[close] if close < len(lines) else ""])
        i = close + 1
    blocks.append(("markdown", markdown, [], start))
    return blocks


def _is_solution(options: Iterable[str]) -> bool:
    header = "\n".join(options)
    return any(re.search(rf"(?<![\w-]){re.escape(tag)}(?![\w-])", header) for tag in SOLUTION_TAGS)


def _helpers(body: Sequence[str], line: int) -> list[str]:
    """Functions, lambdas and classes defined in a code cell whose body starts at ``line`` (1-based)."""
    source = "\n".join("" if s.lstrip().startswith(("%", "!")) else s for s in body)
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        return [f"code cell at line {line} does not parse: {exc.msg} (line {line + (exc.lineno or 1) - 1})"]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            what = {ast.Lambda: "a lambda", ast.ClassDef: "a class"}.get(type(node), "a function")
            found.append(f"code cell at line {line} defines {what} (line {line + node.lineno - 1}): "
                         "helpers belong in derive/ or numeric/")
    return found


def check_skeleton(text: str) -> list[str]:
    """What a worksheet's MyST text lacks of the skeleton; an empty list if it is complete.

    Missing sections are reported by their heading exactly as in :data:`SECTIONS`
    (``'## Exercises'``); other problems as a sentence: no ``# `` title,
    sections out of order, fewer than :data:`MIN_EXERCISES` hidden solution
    cells under ``## Exercises``, no ``assert`` in the code under ``## Checks``,
    no ``derive.get(`` under ``## The derivation`` (derivations are displayed
    from the registry), no ``codegen.`` under ``## The generated kernel``, no
    figure with axis labels and a legend under ``## Numerics against the closed
    form``, a code cell that defines a function, lambda or class.

    Examples
    --------
    >>> check_skeleton("# T\\n" + "\\n".join(SECTIONS))[:1]
    ['## Exercises: 0 solution cells (code cells tagged hide-cell), expected at least 2']
    >>> "## Checks" in check_skeleton("# T\\n## Learning goals\\n")
    True
    """
    blocks = _blocks(text)
    headings: list[tuple[str, int]] = []  # (heading, block index)
    for index, (kind, lines, _, _) in enumerate(blocks):
        if kind == "markdown":
            headings += [(line.strip(), index) for line in lines if line.startswith("## ")]
    present = [h for h, _ in headings]
    problems = [section for section in SECTIONS if section not in present]
    if not any(kind == "markdown" and any(line.startswith("# ") for line in lines)
               for kind, lines, _, _ in blocks):
        problems.insert(0, "title: no '# ' heading")
    ordered = [h for h in present if h in SECTIONS]
    first = [h for i, h in enumerate(ordered) if h not in ordered[:i]]
    if first != [s for s in SECTIONS if s in first]:
        problems.append(f"sections out of order: {', '.join(first)} (expected {', '.join(SECTIONS)})")

    def section_code(section: str) -> list[tuple[list[str], list[str], int]]:
        starts = [i for h, i in headings if h == section]
        if not starts:
            return []
        later = [i for h, i in headings if i > starts[0] and h in SECTIONS]
        end = min(later, default=len(blocks))
        return [(o, b, n) for kind, o, b, n in blocks[starts[0]:end] if kind == "code"]

    if EXERCISES in present:
        solutions = sum(_is_solution(o) for o, _, _ in section_code(EXERCISES))
        if solutions < MIN_EXERCISES:
            problems.append(f"{EXERCISES}: {solutions} solution cells (code cells tagged "
                            f"{SOLUTION_TAGS[0]}), expected at least {MIN_EXERCISES}")
    if CHECKS in present:
        code = "\n".join("\n".join(b) for _, b, _ in section_code(CHECKS))
        if not re.search(r"^\s*assert\b", code, re.MULTILINE):
            problems.append(f"{CHECKS}: no code cell with assert statements")
    for section, needles, what in _REQUIRED_CODE:
        if section in present:
            code = "\n".join("\n".join(b) for _, b, _ in section_code(section))
            missing = [alternatives[0] for alternatives in needles
                       if not any(needle in code for needle in alternatives)]
            if missing:
                problems.append(f"{section}: {what} (the code never uses {', '.join(missing)})")
    for kind, _, body, line in blocks:
        if kind == "code":
            problems += _helpers(body, line)
    return problems


#: What the code under a section must use: (section, [alternatives, ...], what it is for).
_REQUIRED_CODE = (
    (DERIVATION, [("derive.get(",)], "no derivation displayed from the registry"),
    (KERNEL, [("codegen.",)], "no generated kernel source shown"),
    (NUMERICS, [("set_xlabel", "plt.xlabel"), ("set_ylabel", "plt.ylabel"), ("legend",)],
     "no figure with labelled axes and a legend"),
)


# ---------------------------------------------------------------------- convert and execute
def _require(*modules: str) -> None:
    missing = []
    for module in modules:
        try:
            __import__(module)
        except ImportError:
            missing.append(module)
    if missing:
        raise WorksheetError(f"{', '.join(missing)} not installed: {_EXTRA_HINT}")


def to_notebook(worksheet: Worksheet | str | Path) -> Any:
    """The worksheet as an ``nbformat`` notebook (no outputs), converted by jupytext.

    ``worksheet`` is a :class:`Worksheet`, a path to a MyST file, or a name for :func:`find`.
    """
    _require("jupytext", "nbformat")
    import jupytext

    if isinstance(worksheet, str) and not worksheet.endswith(".md"):
        worksheet = find(worksheet)
    path = worksheet.path if isinstance(worksheet, Worksheet) else Path(worksheet)
    return jupytext.read(path, fmt="md:myst")


#: Matplotlib backend of the kernel: ipykernel's inline backend renders with Agg (no display
#: needed) and sends each figure as an image/png output; plain ``Agg`` would show nothing.
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"


def _kernel_env() -> dict[str, str]:
    """The kernel's environment: ours, headless inline matplotlib, this checkout first on PYTHONPATH."""
    env = dict(os.environ)
    env["MPLBACKEND"] = INLINE_BACKEND
    root = Path(__file__).resolve().parents[2]
    if root.name not in ("site-packages", "dist-packages") and (root / "numeric" / "__init__.py").is_file():
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(root), env.get("PYTHONPATH", "")) if p)
    return env


def _kernel_manager(kernel_name: str | None) -> Any:
    """A kernel manager for ``kernel_name``; ``None``: ipykernel on the interpreter running this code.

    The ``None`` case ignores installed kernelspecs: a user's ``python3``
    kernelspec may point to another interpreter (without ephkit), and the
    kernelspec a pip-installed ipykernel ships says plain ``python``.
    """
    from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
    from jupyter_client.manager import KernelManager

    if kernel_name is not None:
        return KernelManager(kernel_name=kernel_name)
    from ipykernel.kernelspec import RESOURCES, get_kernel_dict

    class ThisInterpreter(KernelSpecManager):
        def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
            return KernelSpec(resource_dir=RESOURCES, **get_kernel_dict())  # argv[0] is sys.executable

    return KernelManager(kernel_name="python3", kernel_spec_manager=ThisInterpreter())


def execute(notebook: Any, cwd: str | Path | None = None, timeout: int = 600,
            kernel_name: str | None = None, on_cell: Callable[[], None] | None = None) -> Any:
    """Run every cell of ``notebook`` in a fresh kernel (in place) and return it.

    Parameters
    ----------
    notebook : nbformat.NotebookNode
        From :func:`to_notebook`.
    cwd : path, optional
        Working directory of the kernel (default: the current directory).
    timeout : int, optional
        Seconds allowed per cell.
    kernel_name : str, optional
        A Jupyter kernelspec name; default ``None``: an ipykernel kernel on
        ``sys.executable``, the interpreter running this function, whatever
        kernelspecs are installed. Matplotlib uses the inline backend (Agg,
        figures become ``image/png`` outputs).
    on_cell : callable, optional
        Called with no arguments after each code cell has run (a progress bar's step).

    Raises
    ------
    WorksheetError
        If a cell raises (a failed assertion included) or times out: which cell and the error, one line.
    """
    _require("nbclient", "ipykernel", "jupyter_client")
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    cwd = Path.cwd() if cwd is None else Path(cwd)
    # The kernel runs on this machine for one batch job: its log warnings (plain-TCP transport on
    # localhost, "parent appears to have exited" at shutdown) are noise to a student; errors still show.
    client = NotebookClient(notebook, km=_kernel_manager(kernel_name), timeout=timeout,
                            resources={"metadata": {"path": str(cwd)}},
                            extra_arguments=["--IPKernelApp.log_level=ERROR"])
    if on_cell is not None:
        client.on_cell_executed = lambda **_: on_cell()
    try:
        client.execute(env=_kernel_env())
    except CellExecutionError as exc:
        cell = _failed_cell(notebook)
        raise WorksheetError(f"cell {cell}: {exc.ename}: {exc.evalue}".rstrip(": ")) from exc
    except (CellTimeoutError, DeadKernelError) as exc:
        raise WorksheetError(f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}") from exc
    # An error raised while displaying a result (e.g. a figure whose mathtext does not parse, rendered by
    # the inline backend after the cell's code has run) leaves an error output but does not stop the run.
    errors = _error_outputs(notebook)
    if errors:
        cell, error = errors[0]
        evalue = " ".join(line.strip() for line in error.get("evalue", "").strip().splitlines())
        raise WorksheetError(f"cell {cell}: {error.get('ename', 'Error')}: {evalue}".rstrip(": "))
    return notebook


def outputs_by_section(notebook: Any) -> dict[str, list[Any]]:
    """The outputs of an executed notebook's code cells, grouped by the level-2 heading above them.

    Keys are the headings as written (``'## Exercises'``); cells before the
    first level-2 heading are under ``''``.
    """
    grouped: dict[str, list[Any]] = {"": []}
    section = ""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("## "):
                    section = line.strip()
                    grouped.setdefault(section, [])
        elif cell.cell_type == "code":
            grouped.setdefault(section, []).extend(cell.get("outputs", []))
    return grouped


def figures(notebook: Any, section: str = "") -> int:
    """Number of ``image/png`` outputs of an executed notebook (in ``section`` only, if given)."""
    groups = outputs_by_section(notebook)
    outputs = groups.get(section, []) if section else [o for out in groups.values() for o in out]
    return sum("image/png" in o.get("data", {}) for o in outputs)


def _error_outputs(notebook: Any) -> list[tuple[str, Any]]:
    """Each error output of the notebook's code cells, with the cell as "n of N ('first line')"."""
    code = [c for c in notebook.cells if c.cell_type == "code"]
    found = []
    for n, cell in enumerate(code, 1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                first = next((s for s in cell.source.splitlines() if s.strip()), "")
                found.append((f"{n} of {len(code)} ({first[:60]!r})", output))
    return found


def _failed_cell(notebook: Any) -> str:
    """The cell that stopped the run: the last one with an error output (execution stops there; an
    earlier error output is a display error that did not stop it)."""
    errors = _error_outputs(notebook)
    return errors[-1][0] if errors else "?"


def export(directory: str | Path, names: Sequence[str] = (), *, run: bool = False, timeout: int = 600,
           overwrite: bool = False, progress: Callable[[str, int, int], None] | None = None) -> list[Path]:
    """Write worksheets as ``.ipynb`` into ``directory`` (created if needed); optionally execute them.

    Parameters
    ----------
    directory : path
        Output directory; with ``run``, also the kernel's working directory.
    names : sequence of str, optional
        Worksheets to export (:func:`find` names); default all.
    run : bool, optional
        Execute each notebook, saving its outputs.
    timeout : int, optional
        Seconds allowed per cell when executing.
    overwrite : bool, optional
        Replace existing ``.ipynb`` files (otherwise an existing file is an error,
        so a student's edited copy is never clobbered).
    progress : callable, optional
        With ``run``: called as ``progress(name, done, total)`` before the first cell of each
        worksheet and after every code cell, ``done`` of ``total`` code cells of the whole export
        having run (``ephkit worksheets export --execute`` draws its progress bar with it).

    Returns
    -------
    list of Path
        The files written.
    """
    _require("jupytext", "nbformat")
    import nbformat

    chosen = [find(n) for n in names] if names else worksheets()
    out = Path(directory)
    targets = [out / f"{w.name}.ipynb" for w in chosen]
    if not overwrite:
        existing = [t for t in targets if t.exists()]
        if existing:
            raise WorksheetError(f"{existing[0]} exists (use --force to overwrite)")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    notebooks = [to_notebook(w) for w in chosen]
    total = sum(c.cell_type == "code" for nb in notebooks for c in nb.cells)
    done = 0
    for worksheet, notebook, target in zip(chosen, notebooks, targets, strict=True):
        if run:
            def step(name: str = worksheet.name) -> None:
                nonlocal done
                done += 1
                if progress is not None:
                    progress(name, done, total)

            if progress is not None:
                progress(worksheet.name, done, total)
            try:
                execute(notebook, cwd=out, timeout=timeout, on_cell=step)
            except WorksheetError as exc:
                raise WorksheetError(f"{worksheet.name}: {exc}") from exc
        nbformat.write(notebook, str(target))
        written.append(target)
    return written
