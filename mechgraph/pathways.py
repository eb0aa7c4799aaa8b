"""Common pathways: the entities every route from a set of members to a target passes.

These are the dominators of the target in the graph of usable hops with a
virtual source joined to every member that has a route (networkx's
``immediate_dominators``): an entity that is not a member lies on every route
exactly when deleting it leaves no member with a route to the target.

>>> from mechgraph.syntax import Relation
>>> g = MechanismGraph()
>>> for drug in ("a", "b"):
...     _ = g.add_claim(drug, Relation.INCREASES, "receptor")
>>> _ = g.add_claim("receptor", Relation.INCREASES, "effect")
>>> from mechgraph.graph import Entity
>>> g.add_entity(Entity("c", "drug"))
>>> found = pathways(g, ["a", "b", "c"], "effect")
>>> found.pathway, found.unreached
(('receptor',), ('c',))
"""

from __future__ import annotations

from typing import Sequence

import networkx as nx

from .answers import Hypotheses, Pathways
from .context import admitted_claims
from .graph import ISA, MechanismGraph
from .paths import Where, reach, require

__all__ = ["pathways"]

_VIRTUAL = -1


def pathways(
    graph: MechanismGraph,
    members: str | Sequence[str],
    target: str,
    where: Where = None,
    hypotheses: Hypotheses | str = "include",
) -> Pathways:
    """Entities on every route from ``members`` to ``target``, nearest to the target first.

    Parameters
    ----------
    graph : MechanismGraph
    members : str or sequence of str
        A class (its members that have no members themselves; the class alone
        when it has none) or a list of entities.
    target : str
    where : mapping, optional
        Only claims this context admits are routes.
    hypotheses : ``"include"`` or ``"exclude"``

    Returns
    -------
    Pathways
        ``pathway`` lists the entities (members excluded) every route passes;
        ``unreached`` the members with no route at all, which do not count.

    Notes
    -----
    Routes here are walks along usable hops; a node every walk passes is on
    every simple path too.  Path-level context consistency is not checked.
    """
    index = graph.index
    if isinstance(members, str):
        require(graph, "class", members)
        names = index.leaves(members) or (members,)
    else:
        names = tuple(sorted(set(members)))
        for name in names:
            require(graph, "member", name)
    goal = require(graph, "target", target)
    include = Hypotheses(hypotheses) is Hypotheses.INCLUDE
    admitted = admitted_claims(graph, where, include)

    def usable(claim_id: int) -> bool:
        return claim_id == ISA or admitted[claim_id]

    backward = reach(index.into, [goal], usable)
    starts = [index.ids[name] for name in names if index.ids[name] in backward]
    unreached = tuple(name for name in names if index.ids[name] not in backward)
    pathway: list[str] = []
    if starts:
        on_route = set(reach(index.out, starts, usable)) & set(backward)
        routes = nx.DiGraph()
        routes.add_edges_from((_VIRTUAL, start) for start in starts)
        routes.add_edges_from(
            (node, nxt)
            for node in sorted(on_route - {goal})
            for nxt, claim_id, _ in index.out[node]
            if nxt in on_route and usable(claim_id)
        )
        dominators = nx.immediate_dominators(routes, _VIRTUAL)
        node, member_ids = dominators[goal], set(starts)
        while node != _VIRTUAL:
            if node not in member_ids:
                pathway.append(index.names[node])
            node = dominators[node]
    return Pathways(names, target, tuple(pathway), unreached, tuple(sorted((where or {}).items())))
