"""The claims one hypothesis statement is judged on: its context, and no circular support.

A statement is judged without the claims marked ``status=hypothesis`` and those
whose only evidence is the hypothesis's own name, unless its context asks for
them with ``hypotheses=include``.

>>> from mechgraph.graph.mechanism import MechanismGraph
>>> from mechgraph.language.syntax import Relation
>>> g = MechanismGraph()
>>> _ = g.add_claim("a", Relation.INCREASES, "b", evidence=("h",))
>>> sorted(Scope.of(g, "h", ()).left_out)
[0]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from mechgraph.errors import Diagnostic, QueryError
from mechgraph.graph.admission import Context
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.language.syntax import (
    Qualifier,
)
from mechgraph.query.question import make_question
from mechgraph.query.search import Search
from mechgraph.query.why_not import why_not
from mechgraph.results.answers import Hypotheses

__all__ = ["HYPOTHESES_KEY", "Scope"]


#: The statement context key that asks for hypothesised claims: ``[hypotheses=include]``.
HYPOTHESES_KEY = "hypotheses"


@dataclass(frozen=True)
class Scope:
    """The claims one statement is judged on: its context and what is left out."""

    name: str
    where: Context
    hypotheses: Hypotheses
    left_out: frozenset[int]
    own: tuple[int, ...] = ()  # of those, the claims citing only the hypothesis itself

    @classmethod
    def of(cls, graph: MechanismGraph, name: str, qualifiers: Iterable[Qualifier]) -> Scope:
        """The scope of a statement of hypothesis ``name`` with context ``qualifiers``."""
        pairs, mode = [], Hypotheses.EXCLUDE
        for qualifier in qualifiers:
            if qualifier.key != HYPOTHESES_KEY:
                pairs.append((qualifier.key, qualifier.value))
            elif qualifier.value in ("include", "exclude"):
                mode = Hypotheses(qualifier.value)
            else:
                raise QueryError(
                    Diagnostic.error(
                        f"unknown value {HYPOTHESES_KEY}={qualifier.value}",
                        file=qualifier.span.file,
                        line=qualifier.span.line,
                        col=qualifier.span.col,
                        hint=f"use {HYPOTHESES_KEY}=include to count hypothesised links",
                    )
                )
        left_out: frozenset[int] = frozenset()
        own: tuple[int, ...] = ()
        if mode is Hypotheses.EXCLUDE:  # hypothesised claims and those citing only `name`
            table = graph.claims  # by citation set, on the columns: no claim is made
            only = [i for i, cited in enumerate(table.citations) if set(cited) == {name}]
            own = tuple(np.flatnonzero(np.isin(table.evidence, only)).tolist())
            left_out = frozenset(np.flatnonzero(graph.index.hypothetical).tolist()).union(own)
        return cls(name, tuple(sorted(pairs)), mode, left_out, own)

    def search(
        self, graph: MechanismGraph, source: str, target: str, via: str | None = None
    ) -> Search:
        """The engine's search for ``source ⇝ target`` over the claims in scope."""
        question = make_question(source, target, via, dict(self.where), None, self.hypotheses)
        return Search.of(graph, question, self.own)  # the mode leaves out hypothesised ones

    def why_not(self, graph: MechanismGraph, source: str, target: str, via: str | None = None):
        """The engine's why-not for ``source ⇝ target`` under this scope."""
        return why_not(
            graph, source, target, via, dict(self.where), None, self.hypotheses, self.own
        )
