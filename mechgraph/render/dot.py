r"""Writing DOT text that no name, label or citation can break or inject into.

Three kinds of DOT string carry user text: node IDs (:func:`node_id`, read
back by graphviz as exactly the name, so an SVG ``<title>`` equals it),
HTML-like labels (:func:`html`) and escString attributes such as tooltips
(:func:`quoted`).  :func:`statement` puts them together.

>>> print(statement(node_id('say "hi"'), {"label": html("a < b"), "tooltip": "x\\y"}))
  "say \"hi\"" [label=<a &lt; b>, tooltip="x\\\\y"];
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from xml.sax.saxutils import escape as xml_escape

__all__ = ["Html", "html", "quoted", "node_id", "statement", "Attributes"]

_SECOND_SPACE = re.compile(r"(?<= ) ")
_CHAR_REFERENCE = {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;", "%": "&#37;"}


@dataclass(frozen=True)
class Html:
    """An attribute value written as a graphviz HTML string, ``<text>``."""

    text: str

    def __add__(self, other: Html) -> Html:
        return Html(self.text + other.text)


#: Attribute name → value: plain text (written quoted) or :class:`Html`.
Attributes = Mapping[str, "str | Html"]


def html(text: str, *, size: int | None = None) -> Html:
    r"""Text for an HTML-like label: XML-escaped, line breaks as ``<BR/>``, tabs as spaces.

    Backslashes are doubled: graphviz reads ``\N`` or ``\G`` as the node's or
    graph's name even in an HTML-like label, and ``\\`` as one backslash.

    >>> html('a<b & "c"\nd').text
    'a&lt;b &amp; &quot;c&quot;<BR/>d'
    >>> html("dose \\N").text
    'dose \\\\N'
    >>> html("small", size=9).text
    '<FONT POINT-SIZE="9">small</FONT>'
    """
    text = _printable(_one_newline(text)).replace("\t", " ") or " "  # graphviz rejects <> and <\t>
    escaped = xml_escape(text, {'"': "&quot;"}).replace("\n", "<BR/>")
    escaped = escaped.replace("\\", "\\\\")  # graphviz expands \N, \G ... even here; \\ is \
    return Html(escaped if size is None else f'<FONT POINT-SIZE="{size}">{escaped}</FONT>')


def quoted(text: str) -> str:
    r"""A DOT double-quoted escString that graphviz shows as ``text``.

    graphviz reads a backslash in an escString twice (once as DOT, once for
    ``\N``-style escapes), so a literal one is written as four.  (In SVG,
    graphviz writes the second of two spaces as a no-break space.)

    >>> print(quoted('say "hi" \\ \\N & go\nnow'))
    "say \"hi\" \\\\ \\\\N &amp; go\nnow"
    """
    text = _printable(_one_newline(text)).replace("&", "&amp;")
    text = text.replace("\\", "\\" * 4).replace('"', '\\"')
    return '"' + text.replace("\n", "\\n") + '"'


def node_id(name: str) -> str:
    r"""A DOT ID that graphviz reads back as exactly ``name``.

    Most names are double-quoted.  Names with a backslash, ``&``, a control
    character or two spaces in a row (graphviz's SVG would write the second
    as a no-break space), or starting with ``%`` (graphviz's mark of an
    anonymous node), become HTML strings: these keep backslashes as
    written, and graphviz's SVG decodes their character references, so the
    node's ``<title>`` is still ``name``.

    >>> node_id('β-"adrenoceptor"'), node_id("a\\b&c"), node_id("%x")
    ('"β-\\"adrenoceptor\\""', '<a\\b&amp;c>', '<&#37;x>')
    """
    if name.startswith("%") or "  " in name or any(ch in "\\&" or _is_control(ch) for ch in name):
        escaped = _SECOND_SPACE.sub("&#32;", xml_escape(_printable(name)))
        return "<" + "".join(_CHAR_REFERENCE.get(ch, ch) for ch in escaped) + ">"
    return '"' + name.replace('"', '\\"') + '"'


def statement(subject: str, attrs: Attributes, indent: str = "  ") -> str:
    """One DOT statement: ``subject [key=value, ...];`` (subject already written).

    >>> statement("node", {"shape": "box"})
    '  node [shape="box"];'
    """
    parts = [
        f"{key}=<{value.text}>" if isinstance(value, Html) else f"{key}={quoted(value)}"
        for key, value in attrs.items()
    ]
    return f"{indent}{subject} [{', '.join(parts)}];"


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cs") or ch in "\ufffe\uffff"


def _printable(text: str) -> str:
    """``text`` with the characters DOT or XML reject replaced; tabs and line breaks kept."""
    return "".join(
        "\N{REPLACEMENT CHARACTER}" if _is_control(ch) and ch not in "\n\r\t" else ch for ch in text
    )


def _one_newline(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
