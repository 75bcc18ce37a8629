"""Line breaking of generated source: no line longer than :data:`WIDTH`, the code unchanged.

The printers write each statement on one line; :func:`wrap_python` and :func:`wrap_c` break
the long ones between tokens (at spaces, else after ``*``, ``/`` or ``(``), which changes
neither the meaning nor the evaluation order. A Python expression statement is put in
parentheses first, so that its continuation lines are inside brackets; docstrings and
comments are wrapped as prose. Long sums and products are split into partial results
before printing (:func:`~derive.kernels.passes.cse_chunked`), so a statement is never very
long to begin with.
"""

from __future__ import annotations

import re
import textwrap

__all__ = ["WIDTH", "wrap_c", "wrap_python"]

#: Longest line of generated code: the repository's own limit (ruff's line-length in pyproject.toml).
WIDTH = 110

# a Python statement whose expression may be parenthesised: (indent, head, expression, tail)
_PY_STATEMENT = re.compile(r"(\s*)(return |if |elif |[A-Za-z_][A-Za-z0-9_]*(?:\[i\])? = )(.*?)(:?)\Z")


def _pieces(text: str) -> list[str]:
    """``text`` cut into pieces at break opportunities (joined again, they are ``text``)."""
    pieces = re.split(r"(?<= )", text)  # after each space
    out = []
    for piece in pieces:
        if len(piece) <= WIDTH // 2:
            out.append(piece)
        else:  # a long run without spaces: also after a single * or /, and after (
            out += [p for p in re.split(r"(?<=[^*][*/])(?=[^*])|(?<=\()", piece) if p]
    return out


def _fill(first: str, body: str, indent: str, tail: str) -> list[str]:
    """``first + body + tail`` over lines of at most WIDTH, continuations indented by ``indent``.

    A piece longer than a line stays whole (a line can then be longer: never in practice).
    """
    lines, current = [], first
    pieces = _pieces(body)
    for n, piece in enumerate(pieces, 1):
        room = WIDTH - (len(tail) if n == len(pieces) else 0)  # the last piece takes the tail along
        if len(current) + len(piece.rstrip()) > room and current.strip():
            lines.append(current.rstrip())
            current = indent
        current += piece
    current = current.rstrip()
    if len(current) + len(tail) > WIDTH and tail and current.strip():
        lines.append(current)
        current = indent
    lines.append(current + tail)
    return lines


def _prose(line: str, prefix: str = "") -> list[str]:
    indent = re.match(r"\s*", line).group()
    text = line.strip()[len(prefix):].strip() if prefix else line.strip()
    lines = textwrap.wrap(text, WIDTH - len(indent) - len(prefix), break_long_words=False,
                          break_on_hyphens=False)
    return [indent + prefix + t for t in lines] or [line]


def wrap_python(source: str, keep: re.Pattern[str] | None = None) -> str:
    """Python ``source`` with every line of more than WIDTH characters broken (same code).

    Lines that match ``keep`` stay whole (records that other code reads line by line).
    """
    out: list[str] = []
    in_docstring = False
    for line in source.split("\n"):
        quotes = line.count('"""')
        if len(line) <= WIDTH or (keep is not None and keep.match(line)):
            out.append(line)
        elif in_docstring or quotes:
            out += _prose(line)
        elif line.lstrip().startswith("#"):
            out += _prose(line, "# ")
        else:
            out += _python_statement(line)
        if quotes % 2:
            in_docstring = not in_docstring
    return "\n".join(out)


def _python_statement(line: str) -> list[str]:
    indent = re.match(r"\s*", line).group()
    more = indent + "    "
    m = _PY_STATEMENT.match(line)
    if m and not line.lstrip().startswith("def "):
        _, head, expr, colon = m.groups()
        return _fill(indent + head + "(", expr, more, ")" + colon)
    # a def or a decorator: break inside its parentheses only
    opening = line.index("(") + 1 if "(" in line else len(line)
    return _fill(line[:opening], line[opening:], more, "")


def wrap_c(source: str) -> str:
    """C ``source`` with every line of more than WIDTH characters broken (same code)."""
    out: list[str] = []
    for line in source.split("\n"):
        if len(line) <= WIDTH:
            out.append(line)
        elif line.lstrip().startswith("/*"):
            body = line.strip()[2:].removesuffix("*/").strip()
            indent = re.match(r"\s*", line).group()
            wrapped = textwrap.wrap(body, WIDTH - len(indent) - 6, break_long_words=False,
                                    break_on_hyphens=False)
            out += [indent + ("/* " if i == 0 else "   ") + t for i, t in enumerate(wrapped)]
            out[-1] += " */"
        else:
            indent = re.match(r"\s*", line).group()
            out += _fill(indent, line.strip(), indent + "    ", "")
    return "\n".join(out)
