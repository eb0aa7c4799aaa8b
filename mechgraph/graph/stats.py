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

__all__ = ["Stats", "stats", "reported_members"]

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
    #: ``(class, members named, members the source reports)``
    class_sizes: tuple[tuple[str, int, int], ...] = ()

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
            + [
                f"class size  {name}: {named} of {reported} reported members named"
                for name, named, reported in self.class_sizes
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
            "class_sizes": {
                name: {"named": named, "reported": reported}
                for name, named, reported in self.class_sizes
            },
        }


def reported_members(graph: MechanismGraph, name: str) -> int | None:
    """How many members the source reports for class ``name`` (``class C members=17``),
    or ``None`` when the rules do not say.

    >>> from mechgraph.graph.mechanism import Entity
    >>> g = MechanismGraph()
    >>> g.add_entity(Entity("antidepressant", "class", attributes=(("members", "17"),)))
    >>> reported_members(g, "antidepressant"), reported_members(g, "other")
    (17, None)
    """
    if name not in graph:  # not graph.links: that would build the networkx graph
        return None
    value = dict(graph.entity(name).attributes).get("members", "")
    return int(value) if value.isdigit() else None


def class_sizes(graph: MechanismGraph) -> tuple[tuple[str, int, int], ...]:
    """``(class, members named, members reported)`` for every class with a reported size."""
    index = graph.index
    return tuple(
        (entity.name, len(index.leaves(entity.name)), reported)
        for entity in graph.entities()
        if entity.is_class and (reported := reported_members(graph, entity.name)) is not None
    )


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
        class_sizes=class_sizes(graph),
    )
