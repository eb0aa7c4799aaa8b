"""``pathways``: the entities every route from a class's members to a target passes.

One sweep along a shortest walk from the members finds them (see
:func:`mechgraph.graph.traversal.on_every_route`): the final common pathways.

>>> from mechgraph.graph.mechanism import MechanismGraph
>>> from mechgraph.language.syntax import Relation
>>> g = MechanismGraph()
>>> _ = g.add_claim("a", Relation.INCREASES, "b")
>>> _ = g.add_claim("b", Relation.DECREASES, "c")
>>> pathways(g, ["a"], "c").pathway
('b',)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from mechgraph.graph.admission import admitted_mask
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.graph.traversal import on_every_route
from mechgraph.query.question import (
    Where,
    parse_mode,
    resolve,
)
from mechgraph.results.answers import (
    Hypotheses,
    Pathways,
)

__all__ = ["pathways"]


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

    Examples
    --------
    >>> from mechgraph.graph.mechanism import Entity
    >>> from mechgraph.language.syntax import Relation
    >>> g = MechanismGraph()
    >>> for drug in ("a", "b"):
    ...     _ = g.add_claim(drug, Relation.INCREASES, "receptor")
    >>> _ = g.add_claim("receptor", Relation.INCREASES, "effect")
    >>> g.add_entity(Entity("c", "drug"))
    >>> found = pathways(g, ["a", "b", "c"], "effect")
    >>> found.pathway, found.unreached
    (('receptor',), ('c',))
    """
    index = graph.index
    notes = []
    if isinstance(members, str):
        members, note = resolve(graph, "class", members)
        notes.append(note)
        names = index.leaves(members) or (members,)
    else:
        read = [resolve(graph, "member", name) for name in members]
        names = tuple(sorted({name for name, _ in read}))
        notes += [note for _, note in read]
    target, note = resolve(graph, "target", target)
    notes.append(note)
    goal = index.ids[target]
    include = parse_mode(hypotheses) is Hypotheses.INCLUDE
    walk = index.hops.traversal(admitted_mask(graph, where, include))
    backward = np.zeros(len(index.names), bool)
    backward[walk.reached(walk.backward(signed=False), [goal])] = True
    starts = [index.ids[name] for name in names if backward[index.ids[name]]]
    unreached = tuple(name for name in names if not backward[index.ids[name]])
    pathway: list[str] = []
    if starts:
        passed = on_every_route(walk.forward(), starts, goal, backward)
        pathway = [index.names[node] for node in passed]
    where_pairs = tuple(sorted((where or {}).items()))
    note = "; ".join(n for n in notes if n) or None
    return Pathways(names, target, tuple(pathway), unreached, where_pairs, note)
