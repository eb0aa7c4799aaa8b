"""Where a well-formed GraphML document breaks networkx's reader: the element and why.

networkx reads the whole tree and then fails with a bare ``ValueError`` (``invalid
literal for int()``) or ``KeyError`` (``'maybe'``), which names no place.  When it
fails, :func:`locate_graphml_problem` reads the document again with expat, which
knows each element's line and column, and checks what the reader converts: each
``<key>``'s ``attr.type`` and ``attr.name``, each ``<data>`` and ``<default>``
value against its key's type, each ``<data>``'s key.

>>> doc = b'''<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
... <key id="w" for="node" attr.name="weight" attr.type="int"/>
... <graph><node id="a"><data key="w">twelve</data></node></graph></graphml>'''
>>> locate_graphml_problem(doc)[:3]
(3, 21, '<data key="w"> holds \\'twelve\\', not the int its <key> declares')
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from xml.parsers import expat

__all__ = ["locate_graphml_problem"]

_NS = "http://graphml.graphdrawing.org/xmlns"
_BOOLEAN = {"true": True, "false": False, "0": False, "1": True}
_TYPED = (
    "a value must be what its <key>'s attr.type says: boolean true, false, 1 or 0; "
    "int, integer, long a whole number; float, double a number"
)
_DECLARE = "declare every key a <data> uses: <key id=... for=... attr.name=... attr.type=...>"


def _boolean(text: str) -> bool:
    return _BOOLEAN[text.lower()]


#: attr.type → the conversion networkx's reader applies (``yfiles``: a yEd ``yfiles.type``).
_TYPES: dict[str, Callable[[str], Any]] = {
    "boolean": _boolean,
    "int": int,
    "integer": int,
    "long": int,
    "float": float,
    "double": float,
    "string": str,
    "yfiles": str,
}


@dataclass
class _Value:
    """A ``<data>`` or ``<default>`` element being read."""

    tag: str
    key: str | None
    line: int
    col: int
    text: list[str] = field(default_factory=list)
    nested: bool = False  # yEd's graphics: elements inside, not a value


def locate_graphml_problem(data: bytes) -> tuple[int, int, str, str] | None:
    """The line, column (1-based), description and hint of the first element of ``data``
    that networkx's GraphML reader cannot convert, or ``None`` when none is found here.

    >>> locate_graphml_problem(b'<graphml xmlns="http://graphml.graphdrawing.org/xmlns"/>') is None
    True
    """
    parser = expat.ParserCreate(namespace_separator=" ")
    keys: dict[str | None, str] = {}  # key id → attr.type
    values: list[_Value] = []
    open_values: list[_Value] = []
    problems: list[tuple[int, int, str, str]] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        if open_values:
            open_values[-1].nested = True
        space, _, tag = name.rpartition(" ")
        if space != _NS:
            return
        line, col = parser.CurrentLineNumber, parser.CurrentColumnNumber + 1
        if tag == "key":
            key = attrs.get("id")
            kind = "yfiles" if "yfiles.type" in attrs else attrs.get("attr.type", "string")
            if kind not in _TYPES:
                known = ", ".join(sorted(_TYPES))
                message = f"<key id={key!r}> has attr.type {kind!r}, not one of {known}"
                problems.append((line, col, message, _TYPED))
            elif kind != "yfiles" and "attr.name" not in attrs:
                problems.append((line, col, f"<key id={key!r}> has no attr.name", _DECLARE))
            keys[key] = kind
            open_values.append(_Value("key", key, line, col))
        elif tag in ("data", "default"):
            owner = open_values[-1].key if open_values else None  # a <default>'s <key>
            value = _Value(tag, attrs.get("key") if tag == "data" else owner, line, col)
            values.append(value)
            open_values.append(value)

    def end(name: str) -> None:
        space, _, tag = name.rpartition(" ")
        if space == _NS and tag in ("key", "data", "default") and open_values:
            open_values.pop()

    def text(chars: str) -> None:
        if open_values and not open_values[-1].nested:
            open_values[-1].text.append(chars)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    try:
        parser.Parse(data, True)
    except expat.ExpatError:
        return None  # not well formed: the XML parser's own error says where
    problems += (p for p in (_check(v, keys) for v in values) if p is not None)
    return min(problems) if problems else None


def _check(value: _Value, keys: dict[str | None, str]) -> tuple[int, int, str, str] | None:
    """Why networkx cannot read ``value``, if it cannot."""
    where = (
        f'<data key="{value.key}">' if value.tag == "data" else f"<default> of key {value.key!r}"
    )
    if value.key not in keys:
        return value.line, value.col, f"{where}: no <key> declares {value.key!r}", _DECLARE
    text = "".join(value.text)
    kind = keys[value.key]
    if value.nested or kind not in _TYPES or (value.tag == "data" and not text):
        return None
    try:
        _TYPES[kind](text)
    except (ValueError, KeyError):
        message = f"{where} holds {text!r}, not the {kind} its <key> declares"
        return value.line, value.col, message, _TYPED
    return None
