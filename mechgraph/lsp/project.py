"""The rules of one project as the editor sees them: files, compiled graph, diagnostics.

A project is what ``mechgraph check PATH...`` would check: its ``roots``
(folders searched for ``*.mg``, or single files) and every file they
include.  Open documents replace their file's text on disk.  Each refresh
re-parses only the pieces of the files that changed
(:class:`~mechgraph.lsp.incremental.IncrementalParse`), and checks again
only what the changed links can change (:class:`~mechgraph.lsp.recheck.Recheck`,
which equals compiling and linting the whole project with the same functions
as ``check``), so a diagnostic has the same text and location as there.  The
compiled graph (for hover, completion, hypotheses) is built when first asked
for after a change.  One difference: a file
with a syntax error still gives the statements that parse, so one typo does
not hide the rest of the file (``check`` reports only the syntax errors of
such a file).

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.mg").write_text("drug imipramine\\nprocess x\\n")
>>> project = Project([folder])
>>> path = str(folder / "a.mg")
>>> project.set_text(path, "drug imipramine\\nprocess x\\nimipramine -> x\\nimipramne -> x\\n")
>>> [(d.location, d.message, d.hint) for d in project.refresh().diagnostics_of(path)]
[('...a.mg:4:1', '`imipramne` is not declared; taken as an entity', 'did you mean `imipramine`?')]
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mechgraph.compiler.compile import compile_rules
from mechgraph.compiler.lint import lint
from mechgraph.errors import Diagnostic, Severity
from mechgraph.graph.mechanism import Claim, MechanismGraph
from mechgraph.language.loader import load_paths
from mechgraph.language.syntax import RuleFile
from mechgraph.language.text import read_rule_text
from mechgraph.lsp.incremental import IncrementalParse, Parsed
from mechgraph.lsp.occurrences import Index, index
from mechgraph.lsp.recheck import Recheck
from mechgraph.query.hypotheses import judge_all
from mechgraph.results.verdicts import HypothesisResult, Outcome

__all__ = ["Project", "State", "normal_path"]


def normal_path(path: str | os.PathLike) -> str:
    """An absolute, normalised path string: the one key of a file everywhere here."""
    return os.path.normpath(os.path.abspath(path))


def in_order(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Diagnostics in reading order, ties broken by every other field (one order for one set).

    >>> a, b = Diagnostic.warning("m", hint="b"), Diagnostic.warning("m", hint="a")
    >>> [d.hint for d in in_order([a, b])] == [d.hint for d in in_order([b, a])]
    True
    """
    return sorted(
        diagnostics,
        key=lambda d: (d.file, d.line, d.col, d.message, d.code, d.hint or "", d.severity.value),
    )


@dataclass
class State:
    """One refresh of a project: the files that parsed, every diagnostic, the graph (compiled
    on first use when the diagnostics did not need it)."""

    files: list[RuleFile]
    diagnostics: list[Diagnostic]
    texts: dict[str, str]
    generation: int = 0
    judged: tuple[HypothesisResult, ...] | None = None
    verdicts: list[Diagnostic] = field(default_factory=list)
    _graph: MechanismGraph | None = field(default=None, repr=False)
    _index: Index | None = field(default=None, repr=False)
    _claims: dict[tuple[str, int], list[Claim]] | None = field(default=None, repr=False)

    @property
    def graph(self) -> MechanismGraph:
        """The compiled graph of :attr:`files`."""
        if self._graph is None:
            self._graph = compile_rules(self.files)[0]
        return self._graph

    @property
    def errors(self) -> int:
        return sum(d.is_error for d in self.diagnostics)

    def diagnostics_of(self, path: str) -> list[Diagnostic]:
        """The diagnostics located in file ``path``, hypothesis verdicts included."""
        return [d for d in self.diagnostics + self.verdicts if d.file == path]

    def file(self, path: str) -> RuleFile | None:
        return next((f for f in self.files if f.path == path), None)

    def index(self) -> Index:
        """Where every name is written (built on first use)."""
        if self._index is None:
            values = {key: list(hierarchy) for key, hierarchy in self.graph.values.items()}
            self._index = index(self.files, values)
        return self._index

    def claims_at(self, path: str, line: int) -> list[Claim]:
        """The claims stated on 1-based ``line`` of ``path``."""
        if self._claims is None:
            self._claims = {}
            for claim in self.graph.claims:
                self._claims.setdefault((claim.span.file, claim.span.line), []).append(claim)
        return self._claims.get((path, line), [])

    def judge(self) -> tuple[HypothesisResult, ...]:
        """Every hypothesis judged (once per state; none while the rules have errors)."""
        if self.judged is None:
            self.judged = () if self.errors else judge_all(self.graph)
        return self.judged


class Project:
    """The rule files under ``roots`` with the editor's unsaved texts."""

    def __init__(self, roots: Sequence[str | os.PathLike]) -> None:
        self.roots = [normal_path(root) for root in roots]
        self.open: dict[str, str] = {}
        self._parses: dict[str, IncrementalParse] = {}
        self._disk: dict[str, tuple[tuple[int, int], str]] = {}
        self._parse_diagnostics: list[Diagnostic] = []
        self._changes: list[Parsed] = []
        self._recheck = Recheck()
        self._generation = 0
        self.state: State | None = None

    def covers(self, path: str) -> bool:
        """True when ``path`` is under a root or is a file the project loaded."""
        if any(path == root or path.startswith(root + os.sep) for root in self.roots):
            return True
        return self.state is not None and path in self.state.texts

    def set_text(self, path: str, text: str) -> None:
        """The editor's text of ``path`` (opened or changed)."""
        self.open[path] = text

    def close(self, path: str) -> None:
        """The editor closed ``path``: read it from disk again."""
        self.open.pop(path, None)

    def text(self, path: str) -> str | None:
        """The text of ``path`` as last loaded (editor's or disk's)."""
        if path in self.open:
            return self.open[path]
        return self.state.texts.get(path) if self.state else None

    def _read(self, path: str) -> str:
        if path in self.open:
            return self.open[path]
        stat = os.stat(path)
        stamp = (stat.st_mtime_ns, stat.st_size)
        cached = self._disk.get(path)
        if cached is None or cached[0] != stamp:
            cached = self._disk[path] = (stamp, read_rule_text(path))
        return cached[1]

    def _parse(self, path: Path) -> RuleFile:
        key = normal_path(path)
        text = self._read(key)
        parse = self._parses.get(key)
        if parse is None:
            parse = self._parses[key] = IncrementalParse(key)
        parsed = parse.update(text)
        self._parse_diagnostics.extend(parsed.diagnostics)
        self._changes.append(parsed)
        return parsed.rule_file

    def refresh(self) -> State:
        """Load, compile and lint the project again; its new :class:`State`."""
        self._parse_diagnostics, self._changes = [], []
        files, found = load_paths(self.roots, parse=self._parse)
        graph = None
        checked = self._recheck.update(files, self._changes)
        if checked is None:  # past the lint's budget: what check says, from scratch
            graph, compiled = compile_rules(files)
            checked = compiled + lint(graph)
        diagnostics = in_order(found + self._parse_diagnostics + checked)
        texts = {f.path: f.text for f in files}
        self._parses = {path: self._parses[path] for path in self._parses if path in texts}
        self._generation += 1
        self.state = State(files, diagnostics, texts, self._generation, _graph=graph)
        return self.state

    def judge(self) -> list[Diagnostic]:
        """Judge every hypothesis; a diagnostic for each statement that fails or is undecided."""
        state = self.state or self.refresh()
        state.verdicts = list(verdict_diagnostics(state.judge()))
        return state.verdicts


def verdict_diagnostics(results: Iterable[HypothesisResult]) -> Iterable[Diagnostic]:
    """An error for each failing statement, a note for each undecided one, at the statement."""
    for result in results:
        for statement in result.statements:
            if statement.outcome is Outcome.HOLDS:
                continue
            where = statement.location if statement.location.line else result.location
            lines = statement.format().splitlines()
            severity = Severity.ERROR if statement.outcome is Outcome.FAILS else Severity.NOTE
            yield Diagnostic(
                severity,
                f"hypothesis {result.name} {statement.outcome.value}: {lines[0][2:]}",
                file=where.file,
                line=where.line,
                col=where.col,
                hint="; ".join(line.strip() for line in lines[1:4]) or None,
                code=f"hypothesis-{statement.outcome.name.lower()}",
            )
