"""The facade: load rules into a :class:`Model` and ask it questions.

>>> model = Model.from_text('''
... drug imipramine
... process NMDA_adaptation
... imipramine -> NMDA_adaptation [duration=chronic]
... ''')
>>> model.ask("imipramine", "NMDA_adaptation", where={"duration": "chronic"}).holds
True
>>> print(model.why_not("imipramine", "NMDA_adaptation", where={"duration": "acute"}).blocked[0].clash)
needs duration=chronic, asked duration=acute
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from .answers import Answer, Pathways, WhyNot
from .compiler import compile_rules
from .errors import CompileError, Diagnostic, ParseError, QueryError
from .graph import MechanismGraph
from .lint import lint
from .parser import parse_text
from .paths import ask, pathways, why_not
from .stats import Stats, stats
from .syntax import RuleFile

__all__ = ["Model", "load", "parse_where"]


def parse_where(pairs: Iterable[str]) -> dict[str, str]:
    """``["duration=chronic", "species=mouse"]`` to a context mapping.

    >>> parse_where(["duration=chronic"])
    {'duration': 'chronic'}

    Raises
    ------
    QueryError
        When an item is not ``key=value`` or a key repeats.
    """
    where: dict[str, str] = {}
    for pair in pairs:
        key, equals, value = (part.strip() for part in pair.partition("="))
        if not (equals and key and value) or key in where:
            problem = "repeats a key" if key in where else "is not key=value"
            raise QueryError(
                Diagnostic.error(f"context {pair!r} {problem}", file="<question>",
                                 hint="write each pair once, e.g. --where duration=chronic")
            )
        where[key] = value
    return where


@dataclass(frozen=True)
class Model:
    """Compiled rules and the questions one may ask of them.

    ``diagnostics`` holds the warnings of loading and compiling; errors
    never get this far (they raise :class:`ParseError`/:class:`CompileError`).
    """

    graph: MechanismGraph
    diagnostics: tuple[Diagnostic, ...] = ()

    @classmethod
    def from_files(cls, files: Sequence[RuleFile], diagnostics: Iterable[Diagnostic] = ()) -> "Model":
        """Compile parsed ``files``; raise :class:`CompileError` on any error."""
        graph, found = compile_rules(files)
        errors = [d for d in found if d.is_error]
        if errors:
            raise CompileError(errors)
        return cls(graph, tuple(diagnostics) + tuple(found))

    @classmethod
    def from_text(cls, text: str, path: str = "<input>") -> "Model":
        """Parse and compile one rule text (:class:`ParseError`/:class:`CompileError`)."""
        return cls.from_files([parse_text(text, path)])

    def ask(self, source: str, target: str, **options: Any) -> Answer:
        """Does ``source`` reach ``target``? Options as :func:`mechgraph.paths.ask`
        (``via``, ``where``, ``sign``, ``max_paths``, ``hypotheses``, ``budget``)."""
        return ask(self.graph, source, target, **options)

    def why_not(self, source: str, target: str, **options: Any) -> WhyNot:
        """Why not? Options as :func:`mechgraph.paths.why_not`."""
        return why_not(self.graph, source, target, **options)

    def pathways(self, members: str | Sequence[str], target: str, **options: Any) -> Pathways:
        """Common pathways; options as :func:`mechgraph.paths.pathways`."""
        return pathways(self.graph, members, target, **options)

    def stats(self, top: int = 10) -> Stats:
        """See :func:`mechgraph.stats.stats`."""
        return stats(self.graph, top)

    def lint(self) -> list[Diagnostic]:
        """See :func:`mechgraph.lint.lint`."""
        return lint(self.graph)


def load(*paths: str | os.PathLike) -> Model:
    """Load rule files and folders (``*.mg``, following ``include``) into a :class:`Model`.

    Raises
    ------
    ParseError
        When a file cannot be read or parsed (all its diagnostics attached).
    CompileError
        When the rules parse but do not make sense together.
    """
    from .loader import load_paths  # the loader lands separately on main

    files, diagnostics = load_paths([os.fspath(p) for p in paths])
    errors = [d for d in diagnostics if d.is_error]
    if errors:
        raise ParseError(errors)
    return Model.from_files(files, diagnostics)
