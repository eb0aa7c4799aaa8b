"""Summary figures of a compiled model: ``stats``.

Counts of entities by kind, claims by relation and by cited source, the
largest feedback loops (strongly connected components of the causal claims,
``-0`` ones aside) and the entities with the most claims.

>>> from mechgraph.language.syntax import Relation
>>> g = MechanismGraph()
>>> _ = g.add_claim("a", Relation.INCREASES, "b", evidence=("pmid:1",))
>>> _ = g.add_claim("b", Relation.DECREASES, "a")
>>> s = stats(g)
>>> s.by_relation, s.loops
((('increases', 1), ('decreases', 1)), (('a', 'b'),))
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import networkx as nx

from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.language.syntax import Relation, Sign

__all__ = ["Stats", "stats"]

Counts = tuple[tuple[str, int], ...]
_UNCITED = "(no evidence)"


def _ranked(counter: Counter) -> Counts:
    return tuple(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


@dataclass(frozen=True)
class Stats:
    """What a model holds; ``loops`` are largest first, ``hubs`` most linked first."""

    files: int
    entities: int
    claims: int
    isa: int
    sources: int
    hypotheses: int
    hypothesised: int
    by_kind: Counts
    by_relation: Counts
    by_source: Counts
    loops: tuple[tuple[str, ...], ...]
    hubs: Counts

    def format(self) -> str:
        """A few aligned lines for people."""

        def listing(counts: Counts) -> str:
            return ", ".join(f"{name} {n}" for name, n in counts) or "none"

        loops = "; ".join(f"{len(loop)}: {', '.join(loop)}" for loop in self.loops) or "none"
        return "\n".join(
            [
                f"files       {self.files}",
                f"entities    {self.entities} ({listing(self.by_kind)})",
                f"claims      {self.claims} ({listing(self.by_relation)}), "
                f"{self.hypothesised} hypothesised",
                f"isa         {self.isa}",
                f"sources     {self.sources} declared; cited: {listing(self.by_source)}",
                f"hypotheses  {self.hypotheses}",
                f"loops       {loops}",
                f"most linked {listing(self.hubs)}",
            ]
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "entities": self.entities,
            "claims": self.claims,
            "isa": self.isa,
            "sources": self.sources,
            "hypotheses": self.hypotheses,
            "hypothesised": self.hypothesised,
            "by_kind": dict(self.by_kind),
            "by_relation": dict(self.by_relation),
            "by_source": dict(self.by_source),
            "loops": [list(loop) for loop in self.loops],
            "hubs": dict(self.hubs),
        }


def stats(graph: MechanismGraph, top: int = 10) -> Stats:
    """Count what ``graph`` holds; ``top`` caps the loops and hubs listed.

    Relations are listed in their fixed order (increases, decreases,
    causesNoChange, association), every other count most frequent first.
    """
    relations = Counter(claim.relation for claim in graph.claims)
    cited = Counter(ref for claim in graph.claims for ref in claim.evidence or (_UNCITED,))
    degree = Counter({name: graph.links.degree(name) for name in graph.links})
    causal = nx.DiGraph((c.subject, c.object) for c in graph.claims if c.sign is not Sign.NO_CHANGE)
    loops = sorted(
        (
            tuple(sorted(component))
            for component in nx.strongly_connected_components(causal)
            if len(component) > 1
        ),
        key=lambda loop: (-len(loop), loop),
    )
    return Stats(
        files=len(graph.files),
        entities=graph.links.number_of_nodes(),
        claims=len(graph.claims),
        isa=graph.hierarchy.number_of_edges(),
        sources=len(graph.sources),
        hypotheses=len(graph.hypotheses),
        hypothesised=sum(claim.is_hypothesis for claim in graph.claims),
        by_kind=_ranked(Counter(entity.kind for entity in graph.entities())),
        by_relation=tuple((r.word, relations[r]) for r in Relation if relations[r]),
        by_source=_ranked(cited),
        loops=tuple(loops[:top]),
        hubs=_ranked(+degree)[:top],
    )
