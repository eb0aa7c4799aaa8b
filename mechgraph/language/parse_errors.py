"""Diagnostics for rule text that does not parse: what was expected, in words, and a hint.

The parser hands over a pyparsing exception (or a layout problem) and the
line it happened on; this module finds the offending token and names the
mistake: an unknown relation, an unterminated string, a bad context pair, a
misspelt keyword or kind, an unquoted name, a stray character, ...

>>> d = layout_error(Layout.INDENT, "  drug x", 2, file="a.mg", line_no=4)
>>> print(d.format())
a.mg:4:3: error: indented line outside a hypothesis block
    4 |   drug x
      |   ^
  hint: remove the indentation, or put the line under a header 'hypothesis NAME @source:'
"""

from __future__ import annotations

import difflib
import enum
import re

import pyparsing as pp

from mechgraph.errors import Diagnostic
from mechgraph.language import grammar
from mechgraph.language.syntax import ENTITY_KINDS

__all__ = [
    "Layout",
    "layout_error",
    "syntax_error",
    "RELATIONS_HINT",
    "STATEMENT_FORMS",
    "EXPERIMENT_FORMS",
]

RELATIONS_HINT = (
    "relations are -> (increases), -| (decreases), -0 (causesNoChange), -- (association)"
)
STATEMENT_FORMS = (
    "a hypothesis statement is one of: 'every|some|no C reaches T [through X] [k=v, ...]', "
    "'sign of C to T is +|- [k=v, ...]', 'consistent', 'consistent with EXPERIMENT, ...'"
)
EXPERIMENT_FORMS = (
    "an experiment statement is 'input NAME, ...' (the perturbed entities) or "
    "'NAME, ... = VALUE [@source]' with VALUE one of +, -, 0, notPlus, notMinus, change, MIN, MAX"
)
_OBSERVED_LINE = re.compile(
    r'\s*(?:[A-Za-z_][A-Za-z0-9_.]*|"[^"]*")\s*(?:,[^=]*)?=\s*([A-Za-z0-9+-]\S*)'
)
_STATEMENTS = "a statement is 'KIND name, ...', 'NAME, ... isa NAME' or 'SUBJECT -> OBJECT ...'"
_CONTEXT = (
    'context is written [key=value, key=value]; quote other values: [region="frontal cortex"]'
)
_SOURCE = (
    "a source is written 'source NAME = prefix:id \"title\"', "
    "or 'source NAME \"title\"' when it has no identifier"
)
_STATUS = "write status=hypothesis (or status=observed, the default)"
_QUOTED = re.compile(grammar.QUOTED)
_LOOSE_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')
_OPERATOR = re.compile(r"[-<>=|!~+*/\\^&%$?:;]+0?")
_WORD = re.compile(r"[A-Za-z0-9_.]+")
_HYPOTHESIS_WORDS = frozenset(("every", "some", "no", "sign", "consistent"))
_UNQUOTED = re.compile(r'[^\s,\[\]@#"=;]+')

#: Hints keyed by a phrase of the expected element's name (first match wins).
_HINTS = (
    (
        "end the experiment header",
        "an experiment header is 'experiment NAME [key=value, ...] @source:'; "
        "its statements follow, indented",
    ),
    (
        "':' to end",
        "a hypothesis header is 'hypothesis NAME @source:'; its statements follow, indented",
    ),
    ("prefix:id", _SOURCE),
    ("hypothesis or observed", _STATUS),
    ("quoted string", 'quote the path: include "other.mg"'),
    ("after the source name", _SOURCE),
    ("after status", _STATUS),
    ("a statement", _STATEMENTS),
)


class Layout(enum.Enum):
    """Problems of the line layout itself, found before any grammar runs."""

    CONTROL = (
        "stray-character",
        "stray control character {char}",
        "rule files are plain text: remove it (only spaces and tabs are whitespace)",
    )
    INDENT = (
        "indentation",
        "indented line outside a hypothesis block",
        "remove the indentation, or put the line under a header 'hypothesis NAME @source:'",
    )
    TAB = (
        "indentation",
        "tab in the indentation of a hypothesis statement",
        "indent hypothesis statements with spaces (4 by convention)",
    )
    EMPTY = ("empty-hypothesis", "hypothesis has no statements", STATEMENT_FORMS)
    EMPTY_EXPERIMENT = ("empty-experiment", "experiment has no statements", EXPERIMENT_FORMS)


def layout_error(kind: Layout, line: str, index: int, *, file: str, line_no: int) -> Diagnostic:
    """The diagnostic of a layout problem at 0-based ``index`` of ``line``."""
    code, message, hint = kind.value
    char = f"U+{ord(line[index]):04X}" if index < len(line) else ""
    return Diagnostic.error(
        message.format(char=char),
        file=file,
        line=line_no,
        col=index + 1,
        snippet=line,
        hint=hint,
        code=code,
    )


def syntax_error(
    exc: pp.ParseBaseException, line: str, *, file: str, line_no: int, block: str | None = None
) -> Diagnostic:
    """The diagnostic of a pyparsing failure on ``line`` (one line of the file);
    ``block`` is the kind of block (``hypothesis``, ``experiment``) the line is in."""
    loc = min(exc.loc, len(line))
    while loc < len(line) and line[loc] in " \t":
        loc += 1
    expected = exc.msg[len("Expected ") :] if exc.msg.startswith("Expected ") else exc.msg
    if block == "experiment":
        code, message, hint, loc = _explain_experiment(line, loc, expected)
    else:
        code, message, hint, loc = _explain(line, loc, expected, block is not None)
    return Diagnostic.error(
        message, file=file, line=line_no, col=loc + 1, snippet=line, hint=hint, code=code
    )


def _token(line: str, loc: int) -> str:
    """The token at ``loc`` as a person would see it."""
    if loc >= len(line):
        return ""
    m = _QUOTED.match(line, loc) or _WORD.match(line, loc) or _OPERATOR.match(line, loc)
    return m[0] if m else line[loc]


def _shown(token: str) -> str:
    if not token:
        return "end of line"
    return f"'{token[:30]}…'" if len(token) > 30 else f"'{token}'"


def _close(word: str, choices) -> str | None:
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.7)
    return found[0] if found else None


def _explain(line: str, loc: int, expected: str, in_block: bool):
    """``(code, message, hint, loc)`` for a failure at ``loc`` expecting ``expected``."""
    token = _token(line, loc)
    found = _shown(token)
    if line.startswith('"', loc) and not _QUOTED.match(line, loc):
        if _LOOSE_QUOTED.match(line, loc):
            return (
                "bad-escape",
                "bad escape in a quoted string",
                'inside quotes only \\" and \\\\ are escapes',
                loc,
            )
        return (
            "unterminated-string",
            "unterminated string",
            'close the string with " on the same line',
            loc,
        )
    first = _WORD.match(line)
    if not in_block and first and first[0] in _HYPOTHESIS_WORDS:
        return (
            "hypothesis-statement",
            "hypothesis statement outside a hypothesis block",
            "indent it under a header 'hypothesis NAME @source:'; " + STATEMENT_FORMS,
            0,
        )
    observed = _OBSERVED_LINE.match(line)
    if not in_block and (
        observed and observed[1] in grammar.OBSERVED_WORDS or first and first[0] == "input"
    ):
        return (
            "experiment-statement",
            "experiment statement outside an experiment block",
            "indent it under a header 'experiment NAME [key=value, ...] @source:'; "
            + EXPERIMENT_FORMS,
            0,
        )
    if in_block:
        return (
            "hypothesis-statement",
            f"malformed hypothesis statement: expected {expected}, found {found}",
            STATEMENT_FORMS,
            loc,
        )
    if "relation" in expected:
        return _bad_relation(line, loc, token, expected)
    if "context" in expected:
        return (
            "bad-context",
            f"bad context pair: expected {expected}, found {found}",
            _CONTEXT,
            loc,
        )
    unquoted = _UNQUOTED.match(line, loc)
    wants_name = expected in ("a name", "a declared name", "a statement")
    if wants_name and unquoted and not _WORD.fullmatch(unquoted[0]):
        return (
            "unquoted-name",
            f"name '{unquoted[0]}' needs quotes",
            f'names with hyphens, spaces or other letters are quoted: "{unquoted[0]}"',
            loc,
        )
    if expected == "end of line":
        if token.startswith("@"):
            return (
                "bad-evidence",
                f"bad evidence {found}",
                "evidence is @source_name or @prefix:id (@pmid:8852531)",
                loc,
            )
        return (
            "stray-text",
            f"unexpected {found} after the statement",
            "one statement per line; separate list items with ','; a comment starts with #",
            loc,
        )
    hint = next((h for phrase, h in _HINTS if phrase in expected), None)
    return ("syntax", f"expected {expected}, found {found}", hint, loc)


def _explain_experiment(line: str, loc: int, expected: str):
    """``(code, message, hint, loc)`` for a faulty line of an experiment block."""
    observed = _OBSERVED_LINE.match(line)
    if observed and observed[1] not in grammar.OBSERVED_WORDS and "value" in expected:
        word = observed[1]
        close = difflib.get_close_matches(word, grammar.OBSERVED_WORDS, n=1, cutoff=0.6)
        lowered = {w.lower(): w for w in grammar.OBSERVED_WORDS}.get(word.lower())
        suggestion = lowered or (close[0] if close else None)
        hint = f"did you mean '{suggestion}'? " if suggestion else ""
        return (
            "unknown-observed-value",
            f"unknown observed value '{word}'",
            hint
            + "values are +, -, 0, notPlus, notMinus, change (what changed) or MIN, MAX (a starting level)",
            observed.start(1),
        )
    return (
        "experiment-statement",
        f"malformed experiment statement: expected {expected}, found {_shown(_token(line, loc))}",
        EXPERIMENT_FORMS,
        loc,
    )


def _bad_relation(line: str, loc: int, token: str, expected: str):
    rest = line[loc + len(token) :].lstrip(" \t")
    after = _WORD.match(rest)
    if (token == "is" and after is not None and after[0] == "a") or _close(
        token.lower(), ["isa", "is_a"]
    ):
        spelt = "is a" if token == "is" else token
        return ("unknown-relation", f"unknown relation '{spelt}'", "did you mean 'isa'?", loc)
    if _OPERATOR.fullmatch(token):
        return ("unknown-relation", f"unknown relation '{token}'", RELATIONS_HINT, loc)
    first = _WORD.match(line)
    kind = _close(first[0], ENTITY_KINDS) if first and _WORD.fullmatch(token or "-") else None
    if kind and first and line[first.end() : loc].strip() == "":
        return (
            "unknown-kind",
            f"unknown entity kind '{first[0]}'",
            f"did you mean '{kind}'? kinds are {', '.join(ENTITY_KINDS)}",
            0,
        )
    word = _close(token, grammar.RELATION_WORDS)
    if word:
        return (
            "unknown-relation",
            f"unknown relation '{token}'",
            f"did you mean '{word}'? {RELATIONS_HINT}",
            loc,
        )
    return ("syntax", f"expected {expected}, found {_shown(token)}", _STATEMENTS, loc)
