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

from mechgraph.errors import Diagnostic, QueryError
from mechgraph.graph.admission import admitted_mask
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.graph.traversal import Traversal, on_every_route
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
    max_hops: int | None = None,
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
    max_hops : int, optional
        Only routes of at most this many hops count (``isa`` hops included):
        a member whose routes are all longer is unreached.

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
    to_goal = walk.depth(walk.backward(signed=False), [goal])
    if max_hops is not None and max_hops < 1:
        raise QueryError(
            Diagnostic.error(
                "max_hops must be at least 1", file="<question>", hint="use --max-hops 1 or more"
            )
        )
    limit = len(index.names) if max_hops is None else max_hops
    backward = (to_goal >= 0) & (to_goal <= limit)
    starts = [index.ids[name] for name in names if backward[index.ids[name]]]
    unreached = tuple(name for name in names if not backward[index.ids[name]])
    pathway: list[str] = []
    if starts and max_hops is None:
        passed = on_every_route(walk.forward(), starts, goal, backward)
        pathway = [index.names[node] for node in passed]
    elif starts and max_hops is not None:
        passed = on_every_short_route(walk, starts, goal, to_goal, max_hops)
        pathway = [index.names[node] for node in passed]
    longer = [name for name in unreached if to_goal[index.ids[name]] > 0]
    if longer:
        notes.append(f"only routes longer than --max-hops {max_hops} from: {', '.join(longer)}")
    where_pairs = tuple(sorted((where or {}).items()))
    note = "; ".join(n for n in notes if n) or None
    return Pathways(names, target, tuple(pathway), unreached, where_pairs, note)


def on_every_short_route(
    walk: Traversal, starts: Sequence[int], goal: int, to_goal: np.ndarray, max_hops: int
) -> list[int]:
    """The nodes every walk of at most ``max_hops`` hops from ``starts`` to ``goal`` passes
    (starts and ``goal`` left out), nearest to ``goal`` first; ``to_goal`` holds each node's
    hops to ``goal`` (``-1``: none).

    A node on every such walk lies on one of them, so only the nodes with
    ``hops from a start + hops to goal <= max_hops`` are tried, each by one
    breadth-first search that may not leave it.  (A walk within the limit that
    avoids a node shortens to a simple path that does, so walks and simple
    paths give the same answer.)

    >>> from mechgraph.graph.mechanism import MechanismGraph
    >>> from mechgraph.language.syntax import Relation
    >>> g = MechanismGraph()
    >>> for s, t in (("a", "b"), ("b", "c"), ("c", "d"), ("a", "x"), ("x", "y"), ("y", "z"), ("z", "d")):
    ...     _ = g.add_claim(s, Relation.INCREASES, t)
    >>> pathways(g, ["a"], "d").pathway
    ()
    >>> pathways(g, ["a"], "d", max_hops=3).pathway
    ('c', 'b')
    """
    from_start = walk.depth(walk.forward(), starts)
    on_some = (from_start >= 0) & (to_goal >= 0) & (from_start + to_goal <= max_hops)
    first = set(starts)
    tried = [int(n) for n in np.flatnonzero(on_some) if n != goal and n not in first]
    passed = []
    for node in sorted(tried, key=lambda n: to_goal[n]):
        avoiding = walk.avoiding(node)
        depth = avoiding.depth(avoiding.forward(), starts)[goal]
        if not 0 <= depth <= max_hops:
            passed.append(node)
    return passed
