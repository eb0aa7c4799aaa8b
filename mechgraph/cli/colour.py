"""Colour on a terminal: verdicts, diagnostics and carets, honouring ``NO_COLOR``.

Colour is decided per stream: ``--color always`` or ``never`` settle it;
``auto`` (the default) colours a stream that is a terminal, unless the
``NO_COLOR`` environment variable is set to anything but the empty string
(https://no-color.org) or ``TERM`` is ``dumb``.  The text itself is the
same with and without colour: painting only wraps words in SGR escapes.

>>> print(repr(paint_diagnostic("a.mg:1:2: error: bad", True)))
'\\x1b[1ma.mg:1:2:\\x1b[0m \\x1b[1;31merror:\\x1b[0m bad'
>>> paint_answer("yes  a ─(+)→ b", False)
'yes  a ─(+)→ b'
"""

from __future__ import annotations

import os
import re
from typing import TextIO

__all__ = ["CHOICES", "choose", "colour_for", "paint_answer", "paint_diagnostic"]

#: The values of ``--color``.
CHOICES = ("auto", "always", "never")

_choice = "auto"

_RESET = "\x1b[0m"
_STYLES = {
    "good": "1;32",
    "bad": "1;31",
    "unsure": "1;33",
    "location": "1",
    "error": "1;31",
    "warning": "1;33",
    "note": "1;36",
    "caret": "1;32",
    "hint": "36",
    "blocked": "31",
}


def choose(choice: str) -> None:
    """Remember ``--color`` for this run (``auto``, ``always`` or ``never``)."""
    global _choice
    _choice = choice if choice in CHOICES else "auto"


def colour_for(stream: TextIO) -> bool:
    """Whether text written to ``stream`` gets colour in this run."""
    if _choice != "auto":
        return _choice == "always"
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


def _wrap(text: str, style: str) -> str:
    return f"\x1b[{_STYLES[style]}m{text}{_RESET}"


# Headline words of answers and verdicts: where they stand decides their meaning.
_ANSWER_RULES = [
    (re.compile(r"^(yes)(?=  )", re.M), "good"),
    (re.compile(r"^(no)(?=   )", re.M), "bad"),
    (re.compile(r"^(walk only)(?= )", re.M), "unsure"),
    (re.compile(r"^(\s*✓)(?= )", re.M), "good"),
    (re.compile(r"^(\s*✗)(?= )", re.M), "bad"),
    (re.compile(r"^(\s*\?)(?= )", re.M), "unsure"),
    (re.compile(r"(?<=\): )(holds)$", re.M), "good"),
    (re.compile(r"(?<=\): )(fails)$", re.M), "bad"),
    (re.compile(r"(?<=\): )(undecided)$", re.M), "unsure"),
    (re.compile(r"^(ok)(?=: )", re.M), "good"),
    (re.compile(r"^(FAILED)(?=: )", re.M), "bad"),
    (re.compile(r"^(\s*blocked:)", re.M), "blocked"),
]


def paint_answer(text: str, colour: bool) -> str:
    """``text`` of an answer, verdict or summary with its verdict words coloured."""
    if not colour:
        return text
    for pattern, style in _ANSWER_RULES:
        text = pattern.sub(lambda m, s=style: _wrap(m.group(1), s), text)
    return text


_HEADLINE = re.compile(r"^(\S.*?:)( )(error|warning|note)(:)", re.M)
_CARET = re.compile(r"^(\s+\|\s*)(\^+)$", re.M)
_HINT = re.compile(r"^(  hint:)", re.M)


def paint_diagnostic(text: str, colour: bool) -> str:
    """A diagnostic's human form with its location, severity, caret and hint coloured."""
    if not colour:
        return text
    text = _HEADLINE.sub(
        lambda m: _wrap(m.group(1), "location") + m.group(2) + _wrap(m.group(3) + ":", m.group(3)),
        text,
    )
    text = _CARET.sub(lambda m: m.group(1) + _wrap(m.group(2), "caret"), text)
    return _HINT.sub(lambda m: _wrap(m.group(1), "hint"), text)
