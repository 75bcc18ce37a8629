"""Rendering of a derivation's prose and formulas for LaTeX, MathJax and Markdown.

The prose of a derivation (titles, sources, justifications, meanings) is plain
Unicode text written for a terminal: ``eps_k = ħ²k²/(2m)``, ``T << Θ_D``,
``|g_q|²``, a seed title in Chinese. This module turns it into

* LaTeX **math mode** (:func:`math_text`): runs of ordinary text in ``\\text{...}``,
  everything else as math commands outside it (``\\_``, ``\\hat{}``, ``\\varepsilon``,
  ``{}^{2}``, ``\\ll``). The result is valid for pdflatex, lualatex (with amsmath) and
  MathJax/KaTeX alike: no ``\\text`` holds a character that one of them treats
  specially (``_ ^ \\ { } $ % & # ~``) or that pdflatex cannot typeset (Greek,
  symbols), and no ``$`` appears in it.
* LaTeX **text mode** (:func:`tex_text`): the same pieces, the math ones in ``$...$``.
* **Markdown** (:func:`markdown_text`, :func:`markdown_math`): prose with every
  character Markdown treats specially escaped by a backslash (CommonMark allows
  it for all ASCII punctuation), formulas in ``$...$``; in table cells a ``|``
  of a formula is written ``\\vert`` (a GFM table splits cells at every
  unescaped pipe, even inside math).

Characters that no LaTeX engine typesets without extra packages and fonts
(CJK ideographs, ...) have no math form: with ``unicode=False`` (the default, for
LaTeX documents) they are written as their code points, ``[U+539F U+7406]``;
with ``unicode=True`` (for MathJax, which has the glyphs) they are kept.

:func:`latex_document` wraps text-mode sections and math-mode fragments into a
complete document that compiles with pdflatex and lualatex; it needs only the
packages :data:`TEX_PACKAGES` (Debian: ``texlive-latex-base``, and
``texlive-luatex`` for lualatex).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

import sympy as sp

__all__ = [
    "ACCENTS",
    "SUBSCRIPTS",
    "SUPERSCRIPTS",
    "TEX_PACKAGES",
    "UNICODE_MATH",
    "display_math",
    "formula",
    "latex_document",
    "markdown_math",
    "markdown_text",
    "math_text",
    "tex_text",
    "unit_latex",
]

#: Unicode characters of prose written as math (valid in LaTeX and MathJax).
UNICODE_MATH: dict[str, str] = {
    # Greek: the glyph each letter has in running text
    "α": r"\alpha", "β": r"\beta", "γ": r"\gamma", "δ": r"\delta", "ε": r"\varepsilon",
    "ϵ": r"\epsilon", "ζ": r"\zeta", "η": r"\eta", "θ": r"\theta", "ϑ": r"\vartheta",
    "ι": r"\iota", "κ": r"\kappa", "λ": r"\lambda", "μ": r"\mu", "µ": r"\mu", "ν": r"\nu",
    "ξ": r"\xi", "ο": "o", "π": r"\pi", "ρ": r"\rho", "σ": r"\sigma", "ς": r"\varsigma",
    "τ": r"\tau", "υ": r"\upsilon", "φ": r"\varphi", "ϕ": r"\phi", "χ": r"\chi", "ψ": r"\psi",
    "ω": r"\omega", "Γ": r"\Gamma", "Δ": r"\Delta", "Θ": r"\Theta", "Λ": r"\Lambda",
    "Ξ": r"\Xi", "Π": r"\Pi", "Σ": r"\Sigma", "Υ": r"\Upsilon", "Φ": r"\Phi", "Ψ": r"\Psi",
    "Ω": r"\Omega",
    # letters and operators
    "ħ": r"\hbar", "ℏ": r"\hbar", "∞": r"\infty", "∫": r"\int", "∑": r"\sum", "∏": r"\prod",
    "∂": r"\partial", "∇": r"\nabla", "√": r"\surd", "∠": r"\angle", "†": r"\dagger",
    "‡": r"\ddagger", "°": r"{}^{\circ}", "∘": r"\circ", "⊗": r"\otimes", "∈": r"\in",
    "∉": r"\notin", "∀": r"\forall", "∃": r"\exists", "⊥": r"\perp", "∥": r"\parallel",
    "‖": r"\Vert", "⟨": r"\langle", "⟩": r"\rangle", "ℓ": r"\ell",
    # relations and arrows
    "∝": r"\propto", "≈": r"\approx", "≃": r"\simeq", "≅": r"\cong", "∼": r"\sim",
    "≠": r"\neq", "≡": r"\equiv", "≤": r"\leq", "≥": r"\geq", "≪": r"\ll", "≫": r"\gg",
    "→": r"\to", "←": r"\leftarrow", "↔": r"\leftrightarrow", "⇒": r"\Rightarrow",
    "⇔": r"\Leftrightarrow", "↦": r"\mapsto",
    # arithmetic
    "−": "-", "×": r"\times", "·": r"\cdot", "⋅": r"\cdot", "±": r"\pm", "∓": r"\mp",
    "÷": r"\div",
}

#: Superscript and subscript characters, by the character they raise or lower.
SUPERSCRIPTS: dict[str, str] = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱˣ", "0123456789+-=()nix", strict=True))
SUBSCRIPTS: dict[str, str] = dict(zip("₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜᵢⱼ", "0123456789+-=()aeoxhklmnpstij",
                                      strict=True))

#: Combining accents over a letter (``ẅ`` -> ``\ddot{w}``), for letters outside Latin-1.
ACCENTS: dict[str, str] = {
    "\u0300": r"\grave", "\u0301": r"\acute", "\u0302": r"\hat", "\u0303": r"\tilde",
    "\u0304": r"\bar", "\u0306": r"\breve", "\u0307": r"\dot", "\u0308": r"\ddot",
    "\u030c": r"\check", "\u20d7": r"\vec",
}

#: ASCII characters that are special to LaTeX or MathJax in text, written as math.
_ASCII_MATH: dict[str, str] = {
    "_": r"\_", "^": r"\hat{}", "\\": r"\backslash", "{": r"\{", "}": r"\}", "$": r"\$",
    "%": r"\%", "&": r"\&", "#": r"\#", "~": r"\sim", "<": "<", ">": ">", "|": "|",
}
#: ASCII digraphs of prose written as the relation they stand for.
_DIGRAPHS: dict[str, str] = {"->": r"\to", "<-": r"\leftarrow", "<=": r"\leq", ">=": r"\geq",
                             "<<": r"\ll", ">>": r"\gg", "=>": r"\Rightarrow"}
#: Non-ASCII characters typeset in text as they are by pdflatex (utf8 inputenc, OT1), lualatex
#: (Latin Modern) and MathJax: accented Latin-1 letters, and typographic punctuation.
_TEXT_SAFE = set("ßæÆøØ–—‘’“”") | {
    c for c in map(chr, range(0xC0, 0x100))
    if len(d := unicodedata.normalize("NFD", c)) == 2 and d[0].isascii() and d[0].isalpha()
}
_SPACE = set(" \t\n\r\u00a0\u2009\u202f")

#: The LaTeX packages :func:`latex_document` loads (all in Debian's texlive-latex-base).
TEX_PACKAGES: tuple[str, ...] = ("amsmath", "geometry", "graphicx")

_PREAMBLE = r"""\documentclass[11pt]{article}
\usepackage{amsmath}
\usepackage[margin=2cm]{geometry}
\usepackage{graphicx}
\allowdisplaybreaks
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.5ex}
% A displayed formula, scaled down to the line width if wider.
\newsavebox{\ephkitbox}
\newcommand{\ephkitdisplay}[1]{\par\smallskip\sbox{\ephkitbox}{$\displaystyle #1$}%
  \ifdim\wd\ephkitbox>\linewidth\resizebox{\linewidth}{!}{\usebox{\ephkitbox}}%
  \else\makebox[\linewidth]{\usebox{\ephkitbox}}\fi\par\smallskip}
"""


def _pieces(text: str, unicode: bool = False) -> list[tuple[str, str]]:
    """Split prose into ``("text", run)`` and ``("math", tex)`` pieces, adjacent ones of a kind merged."""
    out: list[tuple[str, str]] = []

    def add(kind: str, s: str) -> None:
        if out and out[-1][0] == kind:
            prev = out[-1][1]
            glue = " " if kind == "math" and prev[-1:].isalpha() and s[:1].isalpha() else ""
            out[-1] = (kind, prev + glue + s)
        else:
            out.append((kind, s))

    text = unicodedata.normalize("NFC", text)
    i = 0
    while i < len(text):
        c, pair = text[i], text[i:i + 2]
        if pair in _DIGRAPHS:
            add("math", _DIGRAPHS[pair])
            i += 2
            continue
        i += 1
        if c in _SPACE:
            add("text", " ")
        elif c.isascii():
            add("math", _ASCII_MATH[c]) if c in _ASCII_MATH else add("text", c)
        elif c in UNICODE_MATH:
            add("math", UNICODE_MATH[c])
        elif c in SUPERSCRIPTS or c in SUBSCRIPTS:
            table, mark = (SUPERSCRIPTS, "^") if c in SUPERSCRIPTS else (SUBSCRIPTS, "_")
            run = table[c]
            while i < len(text) and text[i] in table:
                run += table[text[i]]
                i += 1
            add("math", f"{{}}{mark}{{{run}}}")
        elif c in _TEXT_SAFE:
            add("text", c)
        elif (d := unicodedata.normalize("NFD", c))[0].isascii() and d[0].isalpha() and all(
                m in ACCENTS for m in d[1:]):
            tex = d[0]
            for mark in d[1:]:
                tex = f"{ACCENTS[mark]}{{{tex}}}"
            add("math", tex)
        elif unicode:
            add("text", c)
        else:  # no glyph without extra packages: code points, consecutive ones in one bracket
            points = [c]
            while i < len(text) and _is_foreign(text[i]):
                points.append(text[i])
                i += 1
            add("text", "[" + " ".join(f"U+{ord(p):04X}" for p in points) + "]")
    return out


def _is_foreign(c: str) -> bool:
    """Whether a character has neither a text nor a math form (written as its code point)."""
    d = unicodedata.normalize("NFD", c)
    return not (c.isascii() or c in UNICODE_MATH or c in SUPERSCRIPTS or c in SUBSCRIPTS or c in _TEXT_SAFE
                or c in _SPACE or (d[0].isascii() and d[0].isalpha() and all(m in ACCENTS for m in d[1:])))


def math_text(text: str, command: str = r"\text", unicode: bool = False) -> str:
    r"""Prose as LaTeX math mode, valid for LaTeX engines and MathJax alike.

    Parameters
    ----------
    text : str
        Plain Unicode prose.
    command : str, optional
        The text command around runs of ordinary text: ``\text`` (default),
        ``\textbf`` or ``\texttt``.
    unicode : bool, optional
        Keep characters without a math form (CJK, ...) as they are (for MathJax)
        instead of writing their code points (for LaTeX engines).

    Returns
    -------
    str
        Math-mode LaTeX with no ``$``, whose ``\text`` arguments hold no character
        special to LaTeX or MathJax.

    Examples
    --------
    >>> print(math_text("eps_k = ħ²k²/(2m), T << Θ_D"))
    \text{eps}\_\text{k = }\hbar{}^{2}\text{k}{}^{2}\text{/(2m), T }\ll\text{ }\Theta\_\text{D}
    """
    return "".join(f"{command}{{{s}}}" if kind == "text" else s for kind, s in _pieces(text, unicode))


def tex_text(text: str, unicode: bool = False) -> str:
    """Prose as LaTeX text mode: ordinary text as it is, the rest in ``$...$`` (a lone ``_`` as
    ``\\_``, after which the line may break).

    Parameters
    ----------
    text : str
        Plain Unicode prose.
    unicode : bool, optional
        As for :func:`math_text`.

    Returns
    -------
    str
        Text-mode LaTeX for pdflatex and lualatex.

    Examples
    --------
    >>> print(tex_text("100% of |g_q|² at T ≥ 0"))
    100$\\%$ of $|$g\\_\\allowbreak{}q$|{}^{2}$ at T $\\geq$ 0
    """
    return "".join(s if kind == "text" else _TEXT_UNDERSCORE if s == r"\_" else f"${s}$"
                   for kind, s in _pieces(text, unicode))


#: An underscore in text, where a line may break (``lindhard_static``, ``002_d04b4...txt``).
_TEXT_UNDERSCORE = r"\_\allowbreak{}"


_MARKDOWN_SPECIAL = set("\\`*$|[]~")


def markdown_text(text: str) -> str:
    r"""Prose as Markdown: each character Markdown would read as markup escaped by a backslash.

    Always escaped: ``\ ` * $ | [ ] ~`` (``|`` so that the text stays in its GFM
    table cell); ``_`` unless inside a word (``k_F``: CommonMark never reads an
    intraword underscore as emphasis); ``<`` before a letter, ``/``, ``!`` or ``?``
    (an HTML tag); ``&`` before an entity name. Line breaks become spaces, and a
    leading ``-``, ``+``, ``=``, ``#``, ``>`` or list number is escaped so the text
    starts no block of its own. Everything else is kept, so the text reads as it is.

    Examples
    --------
    >>> print(markdown_text("|g_q|² in kg*m**2, f_{k+q}, k_F"))
    \|g_q\|² in kg\*m\*\*2, f\_{k+q}, k_F
    """
    text = " ".join(text.split())
    out = []
    for i, c in enumerate(text):
        before, after = text[i - 1:i], text[i + 1:i + 2]
        if (c in _MARKDOWN_SPECIAL
                or (c == "_" and not (before.isalnum() and after.isalnum()))
                or (c == "<" and (after.isalpha() or after in ("/", "!", "?")))
                or (c == "&" and re.match(r"#?\w+;", text[i + 1:]))):
            out.append("\\")
        out.append(c)
    escaped = "".join(out)
    if escaped[:1] in ("-", "+", "=", "#", ">"):
        escaped = "\\" + escaped
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", escaped)


def markdown_math(tex: str, display: bool = False, cell: bool = False) -> str:
    r"""A LaTeX formula as Markdown math, ``$...$`` (or ``$$...$$`` with ``display``).

    In a GFM table cell (``cell=True``) every ``|`` is written ``\vert`` (``\|`` as
    ``\Vert``): tables split cells at pipes even inside math.

    Examples
    --------
    >>> markdown_math(r"\left|g_{q}\right|^{2}", cell=True)
    '$\\left\\vert g_{q}\\right\\vert ^{2}$'
    """
    if cell:
        tex = tex.replace(r"\|", r"\Vert ").replace("|", r"\vert ")
    tex = " ".join(tex.split())
    return f"$$ {tex} $$" if display else f"${tex}$"


def formula(expr: sp.Basic) -> str:
    r"""A SymPy expression as LaTeX, ``sympy.latex`` with ``\substack{X}`` written as the
    ``\begin{subarray}{c}X\end{subarray}`` it stands for (amsmath's definition).

    Cached: a derivation's Markdown, LaTeX and Jupyter displays print the same expressions.

    MathJax expands a macro such as ``\substack`` together with the whole rest of the formula
    and stops ("internal buffer size exceeded") beyond 5 KiB; the environment is no macro, so
    a long formula (a whole derivation in :meth:`derive.Derivation.latex`) typesets.

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> formula(sp.Subs(x**2, x, 1))
    '\\left. x^{2} \\right|_{\\begin{subarray}{c} x=1 \\end{subarray}}'
    """
    try:
        hash(expr)
    except TypeError:  # a mutable Matrix
        return _formula(expr)
    return _cached_formula(expr)


def _formula(expr: sp.Basic) -> str:
    tex = sp.latex(expr)
    while (start := tex.find("\\substack{")) >= 0:
        opening = start + len("\\substack")
        closing = _closing_brace(tex, opening)
        tex = (tex[:start] + "\\begin{subarray}{c}" + tex[opening + 1:closing] + "\\end{subarray}"
               + tex[closing + 1:])
    return tex


_cached_formula = functools.lru_cache(maxsize=4096)(_formula)


def _closing_brace(tex: str, opening: int) -> int:
    """The index of the ``}`` that closes the ``{`` at ``tex[opening]`` (escaped braces skipped)."""
    depth, i = 0, opening
    while i < len(tex):
        if tex[i] == "\\":
            i += 2
            continue
        depth += {"{": 1, "}": -1}.get(tex[i], 0)
        if depth == 0:
            return i
        i += 1
    raise ValueError(f"unbalanced braces in {tex!r}")


_UNIT_ORDER = ("kg", "m", "s", "A", "K")


def unit_latex(dimension: sp.Expr) -> str:
    r"""An SI dimension (a product of powers of kg, m, s, A, K) as upright LaTeX units.

    Examples
    --------
    >>> from derive.units import KILOGRAM, METRE, SECOND
    >>> unit_latex(KILOGRAM * METRE**2 / SECOND**2)
    '\\mathrm{kg}\\,\\mathrm{m}^{2}\\,\\mathrm{s}^{-2}'
    >>> unit_latex(sp.Integer(1))
    '1'
    """
    dimension = sp.powsimp(sp.sympify(dimension), force=True)
    if dimension == 1:
        return "1"
    powers = dimension.as_powers_dict()
    if not all(isinstance(b, sp.Symbol) and b.name in _UNIT_ORDER for b in powers):
        return sp.latex(dimension)
    factors = []
    for base in sorted(powers, key=lambda b: _UNIT_ORDER.index(b.name)):
        e = powers[base]
        exponent = f"^{{{e.p}/{e.q}}}" if e.is_Rational and not e.is_Integer else f"^{{{e}}}"
        exponent = "" if e == 1 else exponent
        factors.append(rf"\mathrm{{{base.name}}}{exponent}")
    return r"\,".join(factors)


def display_math(tex: str) -> str:
    r"""A displayed formula of a :func:`latex_document` (``\ephkitdisplay``: scaled down if wider
    than the line)."""
    return rf"\ephkitdisplay{{{tex}}}"


def latex_document(body: str | Iterable[str]) -> str:
    r"""A complete LaTeX document around text-mode content (sections of derivations).

    It compiles with pdflatex and lualatex and loads only :data:`TEX_PACKAGES`:
    amsmath for the formulas, geometry for the margins, graphicx to scale a formula
    wider than the line (``\ephkitdisplay``). Accented Latin-1 letters are read
    as UTF-8, LaTeX's default input encoding since 2018.
    A math-mode fragment (:meth:`derive.Derivation.latex`) goes in as ``\[ ... \]``.

    Parameters
    ----------
    body : str or iterable of str
        Text-mode LaTeX; several parts are separated by a page break.

    Returns
    -------
    str
        The document, ending in a newline.
    """
    parts = [body] if isinstance(body, str) else list(body)
    return _PREAMBLE + "\\begin{document}\n" + "\n\\clearpage\n".join(parts) + "\n\\end{document}\n"
