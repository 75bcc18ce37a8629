"""Every derivation's renderings (issue 15, output that renders).

* Markdown (``Derivation.markdown()``, Jupyter's ``_repr_markdown_``): each table row keeps
  the header's cells, prose reads back as written (no ``|`` splitting a cell, no ``**`` of a
  unit turned bold), formulas are math; parsed with markdown-it-py (GFM tables, dollar math),
  which jupytext brings.
* LaTeX (``Derivation.latex()``, the fragment ``ephkit show NAME --latex --steps`` prints, and
  ``latex(document=True)``): every derivation, as a section and as the fragment in ``\\[ \\]``,
  in one document per engine, compiled with pdflatex and lualatex when installed, without
  an error or a missing glyph.
* Jupyter's ``_repr_latex_`` and the math of the Markdown: what MathJax accepts (balanced
  braces and environments, no ``$`` inside, no ``\\text`` holding a character special to
  TeX, only commands of :data:`MATHJAX_COMMANDS`, every formula within MathJax's buffer).
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import derive
from derive import render
from derive.units import KELVIN, KILOGRAM, METRE, SECOND

NAMES = derive.catalog()


@functools.cache
def rendered(name: str) -> dict[str, str]:
    """Every rendering of derivation ``name``, made once per test run."""
    d = derive.get(name)
    return {"markdown": d.markdown(), "repr_markdown": d._repr_markdown_(), "latex": d.latex(),
            "repr_latex": d._repr_latex_(), "section": d.latex_section(), "document": d.latex(document=True)}

#: Commands the renderings may use: each typesets in MathJax 3 with only its ``base`` and
#: ``ams`` packages (checked with mathjax-full 3.2's TeX input, errors raised): what Jupyter
#: loads. All of them are LaTeX with amsmath (the compile tests run the catalogue's).
MATHJAX_COMMANDS = frozenset("""
    alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi
    pi rho sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi
    Sigma Upsilon Phi Psi Omega
    text textbf texttt mathrm mathbf mathit mathcal mathbb operatorname displaystyle
    quad qquad begin end left right frac sqrt substack limits binom
    log ln exp sin cos tan cot sec csc sinh cosh tanh coth arcsin arccos arctan lim max min sup inf
    det gcd Re Im int iint oint sum prod partial nabla infty hbar ell surd angle dagger ddagger
    circ otimes in notin forall exists perp parallel langle rangle Vert vert backslash
    propto approx simeq cong sim neq ne equiv leq le geq ge ll gg to leftarrow leftrightarrow
    Rightarrow Leftrightarrow mapsto times cdot pm mp div wedge vee neg land lor
    hat dot ddot bar tilde vec acute grave breve check overline dots ldots cdots
""".split())
#: Environments MathJax (base, ams) and amsmath both have.
MATHJAX_ENVIRONMENTS = frozenset({"aligned", "gathered", "split", "array", "subarray", "matrix", "pmatrix",
                                  "bmatrix", "vmatrix", "smallmatrix", "cases"})
#: Escapes of one non-letter MathJax and LaTeX both accept in math mode.
MATH_ESCAPES = frozenset("_{}$%&#,;:! \\|")
#: MathJax's macro buffer (``maxBuffer``): a macro expanded with more formula after it fails.
MATHJAX_BUFFER = 5 * 1024
#: The commands above that MathJax expands as macros (with the rest of the formula): a formula
#: longer than :data:`MATHJAX_BUFFER` must have none (found by typesetting each after 6 KB).
MATHJAX_MACROS = frozenset({"substack", "implies", "iff", " "})


def commands(tex: str) -> set[str]:
    """The commands of a formula: names, and the character after a backslash otherwise."""
    return {m.group(1) for m in re.finditer(r"\\([A-Za-z]+|.)", tex, re.S)}
#: Characters no ``\\text`` argument may hold (special to TeX, or read by MathJax's \\text).
TEXT_SPECIAL = set("\\_^{}$%&#~")
#: The bold and italic labels of the Markdown (everything else bold would be a rendering fault).
MARKDOWN_STRONG = {"Symbols", "Assumptions and validity", "Model", "Steps", "Result:", "Textbook form:"}


def _plain_safe(c: str) -> bool:
    """Whether pdflatex (OT1, UTF-8 input) and lualatex typeset the character in text as it is."""
    d = unicodedata.normalize("NFD", c)
    return (c.isascii() and c.isprintable()) or c in "ßæÆøØ–—‘’“”" or (
        0xC0 <= ord(c) <= 0xFF and d[0].isascii() and d[0].isalpha())


# ----------------------------------------------------------------------------- TeX checks
def _braced(tex: str, start: int) -> tuple[str, int]:
    """The balanced ``{...}`` argument opening at ``tex[start]`` and the index after it."""
    assert tex[start] == "{", tex[start:start + 40]
    try:
        end = render._closing_brace(tex, start)
    except ValueError:
        raise AssertionError(f"unbalanced braces after {tex[start:start + 60]!r}") from None
    return tex[start + 1:end], end + 1


def text_arguments(tex: str) -> list[str]:
    """The arguments of every ``\\text``, ``\\textbf`` and ``\\texttt`` in a formula."""
    return [_braced(tex, m.end())[0] for m in re.finditer(r"\\text(?:bf|tt)?(?=\{)", tex)]


def math_faults(tex: str, plain: bool = False) -> list[str]:
    """What keeps a math-mode string from typesetting in MathJax (and LaTeX): unbalanced
    braces or environments, a ``$``, a command outside :data:`MATHJAX_COMMANDS`, a ``\\text``
    with a special character (with ``plain``, also one pdflatex cannot typeset)."""
    faults = []
    bare = re.sub(r"\\[^A-Za-z]", "", tex)
    depth = 0
    for c in bare:
        depth += {"{": 1, "}": -1}.get(c, 0)
        if depth < 0:
            break
    if depth != 0:
        faults.append("unbalanced braces")
    if "$" in bare:
        faults.append("a $ inside math")
    envs = re.findall(r"\\(begin|end)\{(\w+\*?)\}", tex)
    stack: list[str] = []
    for kind, env in envs:
        if kind == "begin":
            stack.append(env)
        elif not stack or stack.pop() != env:
            faults.append(f"\\end{{{env}}} without its \\begin")
    if stack:
        faults.append(f"\\begin{{{stack[-1]}}} without its \\end")
    if {env for _, env in envs} - MATHJAX_ENVIRONMENTS:
        faults.append(f"environments outside MATHJAX_ENVIRONMENTS: {sorted({e for _, e in envs})}")
    used = commands(tex)
    unknown = {c for c in used if c.isalpha()} - MATHJAX_COMMANDS
    if unknown:
        faults.append(f"commands outside MATHJAX_COMMANDS: {sorted(unknown)}")
    escapes = {c for c in used if not c.isalpha()} - MATH_ESCAPES
    if escapes:
        faults.append(f"escapes outside MATH_ESCAPES: {sorted(escapes)}")
    if depth == 0:
        for arg in text_arguments(tex):
            if set(arg) & TEXT_SPECIAL:
                faults.append(f"\\text{{{arg}}} holds {sorted(set(arg) & TEXT_SPECIAL)}")
            if plain and not all(map(_plain_safe, arg)):
                faults.append(f"\\text{{{arg}}} holds {[c for c in arg if not _plain_safe(c)]}")
    return faults


def test_math_faults_finds_the_reported_faults():
    """The checker catches what the tester saw (``^`` in ``\\text``, Unicode, a stray ``$``)."""
    assert math_faults(r"\text{eps_k = hbar^2 k^2}")
    assert math_faults(r"\text{Model ε\_k}", plain=True)
    assert math_faults(r"\text{a $x$ b}") and math_faults(r"\frac{1}{2")
    assert math_faults(r"\begin{aligned} x \end{array}") and math_faults(r"\boldsymbol{x}")
    assert math_faults(r"\begin{align} x \end{align}")
    assert not math_faults(r"\text{eps}\_\text{k = }\hbar{}^{2}\begin{aligned}&x\end{aligned}", plain=True)


# ----------------------------------------------------------------------------- render helpers
EVERY_SPECIAL = ("|g_q|² ~ kg*m**2/s**2, hbar^2 k^2/(2m), 100% & #1 {x} $5 a\\b, T << Θ_D -> ∞, "
                 "ẅ = -ω²w, 原理, f_{k+q} `x` [1] <b> &amp; * _a_")


def test_math_text_escapes_every_special_character():
    tex = render.math_text(EVERY_SPECIAL)
    assert not math_faults(tex, plain=True), math_faults(tex, plain=True)
    assert r"\ll" in tex and r"\to" in tex and r"\Theta" in tex and r"\ddot{w}" in tex
    assert "[U+539F U+7406]" in tex
    assert "原理" in render.math_text(EVERY_SPECIAL, unicode=True)  # for MathJax, which has the glyphs
    assert render.math_text("x", r"\textbf") == r"\textbf{x}"


def test_tex_text_puts_the_special_characters_in_math():
    out = render.tex_text(EVERY_SPECIAL)
    pieces = re.split(r"(?<!\\)\$", out)
    assert len(pieces) % 2 == 1, "unpaired $"
    for i, piece in enumerate(pieces):
        if i % 2:
            assert not math_faults(piece, plain=True), (piece, math_faults(piece, plain=True))
        else:  # an underscore in text may be followed by a line break
            piece = piece.replace(r"\_\allowbreak{}", "")
            assert not set(piece) & TEXT_SPECIAL and all(map(_plain_safe, piece)), piece


def test_unit_latex_is_upright_units_without_markdown_stars():
    joule = r"\mathrm{kg}\,\mathrm{m}^{2}\,\mathrm{s}^{-2}"
    assert render.unit_latex(KILOGRAM * METRE**2 / SECOND**2) == joule
    assert render.unit_latex(KILOGRAM * METRE**2 / (KELVIN * SECOND**2)).endswith(r"\mathrm{K}^{-1}")
    assert render.unit_latex(sp.Integer(1)) == "1"
    assert render.unit_latex(sp.sqrt(KILOGRAM)) == r"\mathrm{kg}^{1/2}"


def test_every_mapped_character_renders_with_mathjax_commands():
    mapped = "".join([*render.UNICODE_MATH, *render.SUPERSCRIPTS, *render.SUBSCRIPTS])
    assert not math_faults(render.math_text(mapped + " ẅȦẋ"), plain=True)


@pytest.fixture(scope="module")
def markdown_parser():
    """CommonMark with GFM tables and dollar math (Jupyter's and MyST's reading)."""
    markdown_it = pytest.importorskip("markdown_it")
    dollarmath = pytest.importorskip("mdit_py_plugins.dollarmath")
    return markdown_it.MarkdownIt("commonmark").enable("table").use(dollarmath.dollarmath_plugin,
                                                                    double_inline=True)


def plain(inline) -> str:
    """The text of an inline token as a reader sees it (math as ``$...$``)."""
    out = []
    for t in inline.children or ():
        if t.type in ("text", "code_inline"):
            out.append(t.content)
        elif t.type == "math_inline":
            out.append(f"${t.content}$")
        elif t.type == "math_inline_double":
            out.append(f"$${t.content}$$")
        elif t.type in ("softbreak", "hardbreak"):
            out.append(" ")
    return "".join(out)


prose = st.text(st.characters(exclude_categories=("Cc", "Cs", "Co", "Cn")), max_size=40)


@settings(max_examples=100, deadline=None)
@given(prose, prose)
def test_markdown_text_reads_back_as_written(markdown_parser, a, b):
    """Any prose, escaped, parses back to itself: as a paragraph and inside a table cell."""
    tokens = markdown_parser.parse(render.markdown_text(a) + "\n")
    inline = [t for t in tokens if t.type == "inline"]
    expected = " ".join(a.split())
    assert (plain(inline[0]) if inline else "") == expected
    table = f"| a | b |\n|---|---|\n| {render.markdown_text(a) or '-'} | {render.markdown_text(b) or '-'} |\n"
    cells = [plain(t) for t in markdown_parser.parse(table) if t.type == "inline"][2:]
    assert cells == [expected or "-", " ".join(b.split()) or "-"]


@settings(max_examples=100, deadline=None)
@given(prose)
def test_math_text_is_always_clean(text):
    for unicode in (False, True):
        assert not math_faults(render.math_text(text, unicode=unicode), plain=not unicode)


# ----------------------------------------------------------------------------- Markdown
@pytest.mark.parametrize("name", NAMES)
def test_markdown_tables_keep_their_cells(name):
    """Library-free: every table row splits (at unescaped pipes, as GFM does, math or not) into
    the header's number of cells, and no ``**`` is left outside code and math but the labels."""
    md = rendered(name)["markdown"]
    rows = [line for line in md.splitlines() if line.startswith("|")]
    assert len(rows) == len(derive.get(name).symbols) + 2
    widths = {len(re.split(r"(?<!\\)\|", row.strip())[1:-1]) for row in rows}
    assert widths == {4}, f"rows with {widths} cells"
    rest = re.sub(r"`[^`]*`|\$\$.*?\$\$|(?<!\\)\$.*?(?<!\\)\$", "", md)
    for label in MARKDOWN_STRONG:
        rest = rest.replace(f"**{label}**", "")
    assert "**" not in rest, rest[rest.index("**") - 60:rest.index("**") + 60]


@pytest.mark.parametrize("name", NAMES)
def test_markdown_renders_as_written(markdown_parser, name):
    """Parsed as Jupyter reads it: the symbol table has a row per symbol with the symbol, its
    meaning as written, its unit and assumptions; bold is only the labels; every assumption,
    model object and step reads back as written."""
    d = derive.get(name)
    tokens = markdown_parser.parse(rendered(name)["repr_markdown"])
    assert rendered(name)["repr_markdown"] == rendered(name)["markdown"]
    inline = [t for t in tokens if t.type == "inline"]
    assert plain(inline[0]) == f"{' '.join(d.title.split())} ({d.name})"
    marked = {kind: [t.children[i + 1].content for t in inline for i, c in enumerate(t.children)
                     if c.type == f"{kind}_open"] for kind in ("strong", "em")}
    assert set(marked["strong"]) <= MARKDOWN_STRONG, marked["strong"]
    assert marked["em"] == ["Source:"]

    start = next(i for i, t in enumerate(tokens) if t.type == "table_open")
    end = next(i for i, t in enumerate(tokens) if t.type == "table_close")
    rows, row = [], []
    for t in tokens[start:end]:
        if t.type == "tr_close":
            rows.append(row)
            row = []
        elif t.type == "inline":
            row.append(t)
    assert [plain(c) for c in rows[0]] == ["symbol", "meaning", "SI unit", "assumptions"]
    assert len(rows) == len(d.symbols) + 1
    for q, cells in zip(d.symbols, rows[1:], strict=True):
        assert len(cells) == 4
        assert [c.type for c in cells[0].children] == ["math_inline"]
        assert cells[0].children[0].content == sp.latex(q.symbol).replace("|", r"\vert ")
        assert plain(cells[1]) == " ".join(q.meaning.split())
        assert [c.type for c in cells[2].children] == ["math_inline"]
        assert cells[2].children[0].content == render.unit_latex(q.dimension)
        assert plain(cells[3]) == (", ".join(q.assumptions) or "-")

    items = [plain(t) for t in inline]
    for a in d.assumptions:
        assert any(i.startswith(" ".join(a.text.split())) for i in items), a.text
    for m in d.model:
        assert any(i.startswith(" ".join(f"{m.ref}: {m.text}".split())) for i in items), m.text
    for step in d.steps:
        assert " ".join(step.why.split()) in items or any(i.startswith(" ".join(step.why.split()) + " (from ")
                                                          for i in items), step.why
    blocks = [t for t in tokens if t.type == "math_block"]
    assert len(blocks) == len(d.steps)


@pytest.mark.parametrize("name", NAMES)
def test_markdown_math_is_mathjax_math(markdown_parser, name):
    """Every formula of the Markdown (the dollar-math tokens) is what MathJax accepts, and
    nothing is left between dollars the parser did not read as math."""
    tokens = markdown_parser.parse(rendered(name)["markdown"])
    formulas = [t.content for t in tokens if t.type == "math_block"]
    formulas += [c.content for t in tokens if t.type == "inline" for c in t.children
                 if c.type.startswith("math_inline")]
    for tex in formulas:
        assert not math_faults(tex), (tex[:200], math_faults(tex))
        assert len(tex) < MATHJAX_BUFFER
    stray = [c.content for t in tokens if t.type == "inline" for c in t.children
             if c.type == "text" and "$" in c.content]
    assert not stray, stray


# ----------------------------------------------------------------------------- Jupyter's LaTeX
@pytest.mark.parametrize("name", NAMES)
def test_repr_latex_is_mathjax_math(name):
    """``_repr_latex_``: display-math blocks only, each what MathJax accepts and shorter than
    its macro buffer; the prose's characters kept for MathJax (no code points)."""
    d = derive.get(name)
    out = rendered(name)["repr_latex"]
    blocks = re.findall(r"\$\$ (.+?) \$\$", out)
    assert re.fullmatch(r"(\$\$ .+? \$\$\n?)+", out, re.S) and "\n".join(f"$$ {b} $$" for b in blocks) == out
    assert len(blocks) == 2 * len(d.steps) + 2 + len(d.assumptions) + len(d.model) + 2
    for tex in blocks:
        assert not math_faults(tex), (tex[:200], math_faults(tex))
        assert len(tex) < MATHJAX_BUFFER
    assert "[U+" not in out


@pytest.mark.parametrize("name", NAMES)
def test_latex_fragment_is_one_aligned_block_for_any_engine(name):
    """``latex()`` (what ``ephkit show NAME --latex --steps`` prints): one ``aligned`` block,
    a line per item, every ``\\text`` plain for pdflatex (it compiles, below), and no MathJax
    macro, so MathJax typesets it too however long."""
    tex = rendered(name)["latex"]
    assert tex.startswith("\\begin{aligned}\n&") and tex.endswith("\n\\end{aligned}")
    assert not math_faults(tex, plain=True), math_faults(tex, plain=True)
    assert not commands(tex) & MATHJAX_MACROS, commands(tex) & MATHJAX_MACROS
    assert rendered(name)["document"] == render.latex_document(rendered(name)["section"])


# ----------------------------------------------------------------------------- compiling
def _compile(engine: str, document: str, directory: Path) -> str:
    """Compile ``document`` with ``engine`` in ``directory``; the log, or a failure with its errors."""
    (directory / "doc.tex").write_text(document, encoding="utf-8")
    run = subprocess.run([engine, "-interaction=nonstopmode", "-halt-on-error", "doc.tex"], cwd=directory,
                         capture_output=True, timeout=300)
    log_file = directory / "doc.log"
    log = log_file.read_text(encoding="utf-8", errors="replace") if log_file.exists() else run.stdout.decode()
    if run.returncode != 0:
        lines = log.splitlines()
        errors = [" | ".join(lines[i:i + 4]) for i, line in enumerate(lines) if line.startswith("!")]
        where = re.findall(r"^ephkit: (\w+)$", log, re.M)
        pytest.fail(f"{engine} failed in {where[-1] if where else 'the preamble'}: " + "\n".join(errors))
    return log


@pytest.mark.parametrize("engine", ["pdflatex", "lualatex"])
def test_every_derivation_compiles(engine, tmp_path):
    """One document holds every derivation twice, as its section (``latex(document=True)``'s
    body) and as the ``latex()`` fragment in ``\\[ \\]``, and every character the renderer maps;
    it compiles, and no character is dropped for want of a glyph."""
    if shutil.which(engine) is None:
        pytest.skip(f"{engine} is not installed")
    parts = [f"\\typeout{{ephkit: {name}}}\n{rendered(name)['section']}\n\\[\n{rendered(name)['latex']}\n\\]"
             for name in NAMES]
    parts.append("\\typeout{ephkit: characters}\n" + render.tex_text(EVERY_SPECIAL) + "\n\\[\n"
                 + render.math_text("".join([*render.UNICODE_MATH, *render.SUPERSCRIPTS, *render.SUBSCRIPTS]))
                 + "\n\\]")
    log = _compile(engine, render.latex_document(parts), tmp_path)
    missing = sorted(set(re.findall(r"Missing character: There is no (.+?) in font", log)))
    assert not missing, f"{engine} dropped characters without a glyph: {missing}"


# ----------------------------------------------------------------------------- MathJax itself
#: Typesets each formula of a JSON list [label, TeX] with MathJax 3's TeX input (base and ams,
#: errors raised) and prints one line per formula MathJax rejects or whose \text shows a
#: backslash (a text-mode macro MathJax does not read).
MATHJAX_SCRIPT = r"""
const fs = require('fs');
const {TeX} = require('mathjax-full/js/input/tex.js');
const {HTMLDocument} = require('mathjax-full/js/handlers/html/HTMLDocument.js');
const {liteAdaptor} = require('mathjax-full/js/adaptors/liteAdaptor.js');
const {STATE} = require('mathjax-full/js/core/MathItem.js');
const {SerializedMmlVisitor} = require('mathjax-full/js/core/MmlTree/SerializedMmlVisitor.js');
require('mathjax-full/js/input/tex/base/BaseConfiguration.js');
require('mathjax-full/js/input/tex/ams/AmsConfiguration.js');
const tex = new TeX({packages: ['base', 'ams'], formatError: (jax, err) => { throw err; }});
const html = new HTMLDocument('', liteAdaptor(), {InputJax: tex});
const visitor = new SerializedMmlVisitor();
for (const [label, s] of JSON.parse(fs.readFileSync(process.argv[2], 'utf8'))) {
  try {
    const mml = visitor.visitTree(html.convert(s, {display: true, end: STATE.CONVERT}));
    const shown = [...mml.matchAll(/<mtext[^>]*>([^<]*)<\/mtext>/g)].map(m => m[1]).filter(t => /\\/.test(t));
    if (mml.includes('merror') || shown.length) console.log(label + ': ' + (shown[0] || 'merror'));
  } catch (e) { console.log(label + ': ' + e.message); }
}
"""


def _mathjax() -> bool:
    """Whether node finds mathjax-full (``npm install mathjax-full@3``, with NODE_PATH if need be)."""
    if shutil.which("node") is None:
        return False
    probe = subprocess.run(["node", "-e", "require.resolve('mathjax-full/js/mathjax.js')"],
                           capture_output=True, timeout=60)
    return probe.returncode == 0


@pytest.mark.skipif(not _mathjax(), reason="node with mathjax-full 3 is not installed")
def test_mathjax_typesets_every_formula(tmp_path):
    """MathJax itself, on every formula the catalogue shows: each ``_repr_latex_`` block, each
    math span of the Markdown, the whole ``latex()`` fragment and each step."""
    import json

    formulas = []
    for name in NAMES:
        formulas += [(f"{name} repr {k}", b) for k, b in enumerate(re.findall(r"\$\$ (.+?) \$\$",
                                                                              rendered(name)["repr_latex"]))]
        formulas += [(f"{name} markdown {k}", a or b) for k, (a, b) in enumerate(
            re.findall(r"\$\$(.+?)\$\$|(?<!\\)\$(.+?)(?<!\\)\$", rendered(name)["markdown"]))]
        formulas.append((f"{name} latex()", rendered(name)["latex"]))
    (tmp_path / "formulas.json").write_text(json.dumps(formulas), encoding="utf-8")
    run = subprocess.run(["node", "-", str(tmp_path / "formulas.json")], input=MATHJAX_SCRIPT.encode(),
                         capture_output=True, timeout=300)
    assert run.returncode == 0, run.stderr.decode()
    assert not run.stdout.decode().strip(), run.stdout.decode()
