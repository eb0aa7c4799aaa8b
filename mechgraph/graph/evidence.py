"""A graph restricted to the claims one source or record states.

:func:`only_evidence` keeps every entity, class and context value but only
the claims citing ``reference`` (a declared source name such as
``skolnick1996``, its reference ``pmid:8852531``, or an inline citation
such as ``drugmechdb:DB00005_MESH_D013167_1``), so that a question answered
on it replays one curated mechanism exactly, without shortcuts through
other records' links.

>>> from mechgraph.graph.mechanism import Entity, MechanismGraph
>>> from mechgraph.language.syntax import Relation
>>> g = MechanismGraph()
>>> g.add_entities([Entity("a", "drug"), Entity("b", "process"), Entity("c", "disease")])
>>> _ = g.add_claim("a", Relation.INCREASES, "b", evidence=("drugmechdb:R1",))
>>> _ = g.add_claim("a", Relation.INCREASES, "c", evidence=("drugmechdb:R2",))
>>> [(c.subject, c.object) for c in only_evidence(g, "drugmechdb:R1").claims]
[('a', 'b')]
"""

from __future__ import annotations

import dataclasses

from mechgraph.graph.mechanism import MechanismGraph

__all__ = ["cited", "only_evidence"]


def cited(graph: MechanismGraph, reference: str) -> frozenset[str]:
    """The citations that stand for ``reference``: itself, and the source names or
    references it is declared with."""
    names = {reference}
    for source in graph.sources.values():
        if reference in (source.name, source.reference):
            names |= {source.name, source.reference or source.name}
    return frozenset(names)


def only_evidence(graph: MechanismGraph, reference: str) -> MechanismGraph:
    """A copy of ``graph`` whose claims are those citing ``reference`` (see the module).

    Claims are renumbered from 0 in their order; entities, ``isa``, context
    values, sources and hypotheses are shared with ``graph``.
    """
    wanted = cited(graph, reference)
    out = MechanismGraph(
        hierarchy=graph.hierarchy,
        values=graph.values,
        sources=graph.sources,
        hypotheses=graph.hypotheses,
        files=graph.files,
        texts=graph.texts,
    )
    out.links.add_nodes_from(graph.links.nodes(data=True))
    kept = [c for c in graph.claims if wanted.intersection(c.evidence)]
    out.add_claims(dataclasses.replace(c, id=number) for number, c in enumerate(kept))
    return out
