"""Iggy-style observation files (``NAME = VALUE`` per line) as an experiment block.

Values are Iggy's ``+ - 0 notPlus notMinus input MIN MAX`` (exactly these
spellings).  The reader is tolerant where Iggy is not: a line that is not
``NAME = VALUE`` (a header, a footer, a misspelt value) is skipped with a
located warning, and reading goes on.  Names may hold any character but
blanks and ``=``; the rule language quotes them where it must.

>>> import io
>>> readout = read_observations(io.StringIO("a = input\\na = +\\nb = NotPlus\\nc = MIN\\n"), "x.txt")
>>> readout.values
[('a', 'input', 1), ('a', '+', 2), ('c', 'MIN', 4)]
>>> print(readout.diagnostics[0].format())
x.txt:3:5: warning: unknown observed value 'NotPlus'; line skipped
    3 | b = NotPlus
      |     ^
  hint: did you mean 'notPlus'? values are + - 0 notPlus notMinus input MIN MAX
>>> from mechgraph.language.formatter import format_rule_file
>>> from mechgraph.language.syntax import RuleFile
>>> block = experiment_block("e", readout, {"species": "mouse"})
>>> print(format_rule_file(RuleFile("e.mg", (block,))), end="")
experiment e [species=mouse]:
    input a
    a = +
    c = MIN
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TextIO

from mechgraph.errors import Diagnostic
from mechgraph.language.syntax import (
    LEVELS,
    OBSERVED_VALUES,
    Evidence,
    Experiment,
    Inputs,
    Observed,
    Qualifier,
    Ref,
    Span,
)

__all__ = ["Readout", "read_observations", "read_observation_file", "experiment_block", "VALUES"]

#: Iggy's values (``change`` is mechgraph's own and is accepted too).
VALUES = ("+", "-", "0", "notPlus", "notMinus", "input", "MIN", "MAX", "change")
_LINE = re.compile(r"\s*(?P<name>[^\s=]+)\s+=\s+(?P<value>\S+)\s*")


@dataclass
class Readout:
    """The ``(name, value, line)`` statements read, and a warning per skipped line."""

    path: str
    values: list[tuple[str, str, int]] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def read_observations(stream: Iterable[str] | TextIO, path: str = "<observations>") -> Readout:
    """Read ``NAME = VALUE`` lines; blank lines are ignored, other lines skipped and reported."""
    readout = Readout(path)
    for number, raw in enumerate(stream, 1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        m = _LINE.fullmatch(line)
        if m is None:
            readout.diagnostics.append(
                Diagnostic.warning(
                    "not an observation (NAME = VALUE); line skipped",
                    file=path,
                    line=number,
                    col=len(line) - len(line.lstrip()) + 1,
                    snippet=line,
                    hint="one observation per line, blanks around '=': NAME = +",
                    code="not-an-observation",
                )
            )
            continue
        value = m["value"]
        if value not in VALUES:
            close = difflib.get_close_matches(value, VALUES, n=1, cutoff=0.6)
            lowered = {v.lower(): v for v in VALUES}.get(value.lower())
            suggestion = lowered or (close[0] if close else None)
            readout.diagnostics.append(
                Diagnostic.warning(
                    f"unknown observed value '{value}'; line skipped",
                    file=path,
                    line=number,
                    col=m.start("value") + 1,
                    snippet=line,
                    hint=(f"did you mean '{suggestion}'? " if suggestion else "")
                    + "values are "
                    + " ".join(VALUES[:-1]),
                    code="unknown-observed-value",
                )
            )
            continue
        readout.values.append((m["name"], value, number))
    return readout


def read_observation_file(path: str) -> Readout:
    """:func:`read_observations` of the file at ``path`` (UTF-8)."""
    with open(path, encoding="utf-8") as stream:
        return read_observations(stream, str(path))


def experiment_block(
    name: str,
    readout: Readout,
    where: Mapping[str, str] | None = None,
    evidence: Iterable[str] = (),
) -> Experiment:
    """An ``experiment`` block holding ``readout``'s statements, each placed at its line."""
    statements: list[Inputs | Observed] = []
    for node, value, line in readout.values:
        span = Span(readout.path, line, 1)
        ref = Ref(node, span)
        if value == "input":
            statements.append(Inputs((ref,), span))
        elif value in OBSERVED_VALUES or value in LEVELS:
            statements.append(Observed((ref,), value, (), span))
    return Experiment(
        Ref(name),
        tuple(statements),
        tuple(Qualifier(k, v) for k, v in sorted((where or {}).items())),
        tuple(Evidence(e) for e in evidence),
        span=Span(readout.path, 1, 1),
    )
