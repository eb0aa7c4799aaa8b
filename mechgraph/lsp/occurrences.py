"""Every place a name is written: entities, sources, context keys and values, hypotheses.

Built from the parsed files of a project (the AST's spans give where a
name starts, :func:`~mechgraph.lsp.tokens.token_end` where it ends), for go to
definition, find references, rename, hover and document symbols.

>>> from mechgraph.language.parser import parse_text
>>> rules = parse_text('source s = pmid:1\\ndrug "a b"\\n"a b" -> c [d=x] @s\\n', "f.mg")
>>> for o in index([rules]).occurrences:
...     print(o.role, o.name, o.line, o.start, o.end, o.definition)
source s 0 7 8 True
entity a b 1 5 10 True
entity a b 2 0 5 False
entity c 2 9 10 False
key d 2 12 13 False
value x 2 14 15 False
source s 2 18 19 False
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from mechgraph.language.syntax import (
    ConsistentWith,
    EntityDecl,
    Evidence,
    Experiment,
    Hypothesis,
    Inputs,
    IsA,
    Link,
    Observed,
    Qualifier,
    Reaches,
    Ref,
    RuleFile,
    SignOf,
    SourceDecl,
    ValueDecl,
)
from mechgraph.lsp.tokens import token_end, value_start

__all__ = [
    "Occurrence",
    "Index",
    "index",
    "ENTITY",
    "SOURCE",
    "KEY",
    "VALUE",
    "HYPOTHESIS",
    "EXPERIMENT",
]

ENTITY, SOURCE, KEY, VALUE = "entity", "source", "key", "value"
HYPOTHESIS, EXPERIMENT = "hypothesis", "experiment"


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One written name: its role, where (0-based line, code-point columns), declared here or used.

    ``key`` is the context key of a value (``species`` for ``mouse``).
    """

    role: str
    name: str
    file: str
    line: int
    start: int
    end: int
    definition: bool = False
    key: str = ""

    @property
    def symbol(self) -> tuple[str, str, str]:
        """What the occurrence names: same symbol, same thing to rename."""
        return (self.role, self.key, self.name)


@dataclass
class Index:
    """Occurrences in reading order, and by file for position look-ups."""

    occurrences: list[Occurrence] = field(default_factory=list)
    _by_file: dict[str, list[Occurrence]] = field(default_factory=dict)

    def at(self, file: str, line: int, col: int) -> Occurrence | None:
        """The occurrence under (or just after) the cursor at ``line``, ``col``."""
        found = self._by_file.get(file, [])
        keys = [(o.line, o.start) for o in found]
        i = bisect.bisect_right(keys, (line, col)) - 1
        if i >= 0 and found[i].line == line and found[i].start <= col <= found[i].end:
            return found[i]
        return None

    def of(self, symbol: tuple[str, str, str]) -> list[Occurrence]:
        """Every occurrence of ``symbol`` (see :attr:`Occurrence.symbol`)."""
        return [o for o in self.occurrences if o.symbol == symbol]

    def definitions(self, symbol: tuple[str, str, str]) -> list[Occurrence]:
        """Where ``symbol`` is declared; its first use when it never is."""
        found = self.of(symbol)
        return [o for o in found if o.definition] or found[:1]

    def in_file(self, file: str) -> list[Occurrence]:
        return self._by_file.get(file, [])


class _Walker:
    """The occurrences of one file."""

    def __init__(self, rules: RuleFile, values: Mapping[str, Iterable[str]]) -> None:
        self.rules = rules
        self.lines = rules.text.split("\n")
        self.values = values
        self.out: list[Occurrence] = []

    def add(self, role: str, name: str, line: int, start: int, definition=False, key="") -> None:
        if line <= 0:
            return
        text = self.lines[line - 1] if line <= len(self.lines) else ""
        end = token_end(text, start)
        self.out.append(
            Occurrence(role, name, self.rules.path, line - 1, start, end, definition, key)
        )

    def ref(self, role: str, ref: Ref, definition=False, key="") -> None:
        self.add(role, ref.name, ref.span.line, ref.span.col - 1, definition, key)

    def context(self, pairs: tuple[Qualifier, ...]) -> None:
        for pair in pairs:
            line, start = pair.span.line, pair.span.col - 1
            self.add(KEY, pair.key, line, start)
            text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
            self.add(VALUE, pair.value, line, value_start(text, start), key=pair.key)

    def evidence(self, items: tuple[Evidence, ...]) -> None:
        for item in items:
            if not item.is_inline:
                self.add(SOURCE, item.reference, item.span.line, item.span.col)

    def value_key(self, refs: Iterable[Ref]) -> str | None:
        names = {ref.name for ref in refs}
        return next((k for k, v in self.values.items() if names <= set(v)), None)

    def statement(self, node) -> None:
        if isinstance(node, Link):
            self.ref(ENTITY, node.subject)
            self.ref(ENTITY, node.object)
            self.context(node.context)
            self.evidence(node.evidence)
        elif isinstance(node, EntityDecl):
            for entry in node.entries:
                self.ref(ENTITY, entry.name, definition=True)
        elif isinstance(node, IsA):
            key = self.value_key((*node.members, node.parent))
            for ref in (*node.members, node.parent):
                self.ref(VALUE if key else ENTITY, ref, key=key or "")
        elif isinstance(node, SourceDecl):
            self.ref(SOURCE, node.name, definition=True)
        elif isinstance(node, ValueDecl):
            line = self.lines[node.span.line - 1] if node.span.line else ""
            self.add(KEY, node.key, node.span.line, line.find(node.key, len("context")), True)
            for ref in node.values:
                self.ref(VALUE, ref, definition=True, key=node.key)
        elif isinstance(node, Hypothesis):
            self.ref(HYPOTHESIS, node.name, definition=True)
            self.evidence(node.evidence)
            for statement in node.statements:
                if isinstance(statement, Reaches | SignOf):
                    through = getattr(statement, "through", None)
                    for ref in (statement.members, statement.target, through):
                        if ref is not None:
                            self.ref(ENTITY, ref)
                    self.context(statement.context)
                elif isinstance(statement, ConsistentWith):
                    for ref in statement.experiments:
                        self.ref(EXPERIMENT, ref)
        elif isinstance(node, Experiment):
            self.ref(EXPERIMENT, node.name, definition=True)
            self.context(node.context)
            self.evidence(node.evidence)
            for statement in node.statements:
                if isinstance(statement, Inputs | Observed):
                    for ref in statement.names:
                        self.ref(ENTITY, ref)
                if isinstance(statement, Observed):
                    self.evidence(statement.evidence)

    def walk(self) -> list[Occurrence]:
        for node in self.rules.statements:
            self.statement(node)
        return self.out


def index(files: Iterable[RuleFile], values: Mapping[str, Iterable[str]] | None = None) -> Index:
    """The occurrences in ``files``; ``values`` (key → declared values) tells a value ``isa``."""
    result = Index()
    for rules in files:
        found = sorted(_Walker(rules, values or {}).walk(), key=lambda o: (o.line, o.start))
        result._by_file[rules.path] = found
        result.occurrences.extend(found)
    return result


def symbols_in(found: Iterable[Occurrence], role: str) -> Iterator[str]:
    """The distinct names of ``role`` among ``found``, in order met."""
    seen: dict[str, None] = {}
    for o in found:
        if o.role == role:
            seen.setdefault(o.name)
    return iter(seen)
