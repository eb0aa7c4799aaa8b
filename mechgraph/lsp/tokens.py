"""Where a token written at a column ends: names, values, strings, ``@`` references, operators.

Spans and diagnostics give where a thing starts (1-based line and column);
an editor wants a range.  Columns here are 0-based indexes into the line
(code points); the server converts them to the client's units.

>>> token_end('"a b" -> c', 0), token_end("a->b", 0), token_end("x [d=14d]", 5)
(5, 1, 8)
>>> token_end("a @skolnick1996 @pmid:1", 2), token_end("a => b", 2)
(15, 4)
"""

from __future__ import annotations

import re

from mechgraph.language.grammar import BARE, QUOTED, REFERENCE, VALUE

__all__ = ["token_end", "word_at", "value_start"]

_QUOTED = re.compile(QUOTED)
_BARE = re.compile(BARE)
_VALUE = re.compile(VALUE)
_REFERENCE = re.compile("@" + REFERENCE)
_OPERATOR = re.compile(r"[^\sA-Za-z0-9_\"@#\[\],]+")
_NAME_CHARS = re.compile(r"[A-Za-z0-9_.]*")


def token_end(line: str, start: int) -> int:
    """The index just past the token that starts at ``start`` of ``line``.

    A quoted string runs to its closing quote (or the end of the line); a
    name to its last name character, or further for a value such as
    ``10mg/kg``; ``@`` takes the reference after it; anything else its run
    of operator characters (at least one character).
    """
    if start >= len(line):
        return start
    char = line[start]
    if char == '"':
        match = _QUOTED.match(line, start)
        return match.end() if match else len(line)
    if char == "@":
        match = _REFERENCE.match(line, start)
        return match.end() if match else start + 1
    bare = _BARE.match(line, start)
    value = _VALUE.match(line, start)
    if value and (bare is None or line[bare.end() : bare.end() + 1] in (":", "/", "%")):
        return value.end()
    if bare:
        return bare.end()
    match = _OPERATOR.match(line, start)
    return match.end() if match else start + 1


def word_at(line: str, col: int) -> tuple[int, int]:
    """The name characters around index ``col``: ``(start, end)``, empty when none.

    >>> word_at("imipramine -> x", 4), word_at("a -> b", 2)
    ((0, 10), (2, 2))
    """
    start = col
    while start > 0 and (line[start - 1].isalnum() or line[start - 1] in "_."):
        start -= 1
    match = _NAME_CHARS.match(line, start)
    return start, max(match.end() if match else col, start)


def value_start(line: str, key_start: int) -> int:
    """Where the value of the context pair whose key starts at ``key_start`` starts.

    >>> value_start("a -> b [d = chronic]", 8)
    12
    """
    equals = line.find("=", key_start)
    if equals < 0:
        return key_start
    start = equals + 1
    while start < len(line) and line[start] in " \t":
        start += 1
    return start
