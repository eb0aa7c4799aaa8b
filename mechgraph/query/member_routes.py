"""Each member's route to a target, from one traversal; a search with an entity taken out.

The engine's :class:`~mechgraph.query.search.Search` answers one source; a
question about many members (every antidepressant, every candidate) is
answered here by one backward traversal from the target over (entity,
sign) product states, which serves all members at once, and then a
shortest simple witness per member read off the exact distances.

>>> from mechgraph.query.question import make_question
>>> from mechgraph.language.syntax import Relation
>>> g = MechanismGraph()
>>> for drug in ("a", "b"):
...     _ = g.add_claim(drug, Relation.INCREASES, "x")
>>> _ = g.add_claim("x", Relation.INCREASES, "t")
>>> _ = g.add_claim("a", Relation.DECREASES, "t")
>>> search = Search.of(g, make_question("a", "t"))
>>> {m: r.path.chain() for m, r in routes(search, ["a", "b"]).items()}
{'a': 'a ─(-)→ t', 'b': 'b ─(+)→ x ─(+)→ t'}
>>> {m: r.reach.value for m, r in routes(avoiding(search, "x"), ["a", "b"]).items()}
{'a': 'route', 'b': 'none'}
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, replace

from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.query.budget import DEFAULT_BUDGET
from mechgraph.query.engine import current
from mechgraph.query.search import Search, to_path, witnesses
from mechgraph.query.witnesses import descend
from mechgraph.results.answers import Path

__all__ = ["Reach", "Route", "members_of", "routes", "avoiding"]


class Reach(enum.Enum):
    """How a member stands to a target."""

    ROUTE = "route"  # a simple witness with a consistent context
    NONE = "none"  # no route (or only walks that repeat an entity or contradict their contexts)
    WALK = "walk only"  # reachable, but no simple witness within the search budget


@dataclass(frozen=True)
class Route:
    """One member's standing: its shortest witness when it has one."""

    member: str
    reach: Reach
    path: Path | None = None

    @property
    def witness(self) -> Path:
        """The shortest witness of a member that has a route (``reach`` is ``ROUTE``)."""
        if self.path is None:
            raise ValueError(f"{self.member} has no witness ({self.reach.name})")
        return self.path


def members_of(graph: MechanismGraph, name: str) -> tuple[str, ...]:
    """The members of ``name`` with no members themselves; ``(name,)`` when it has none."""
    return graph.index.leaves(name) or (name,)


def routes(
    search: Search, members: Sequence[str], budget: int = DEFAULT_BUDGET
) -> dict[str, Route]:
    """Each member's shortest route to the search's target.

    One backward traversal from the target serves every member; each witness
    is then read off the exact distances: by the greedy descent of
    :func:`mechgraph.query.witnesses.descend`, all members at once, and by the
    best-first search for the few members where that is not a witness.
    Inside :func:`~mechgraph.query.engine.use_engine`, the engine set there answers.
    """
    engine = current()
    if engine is not None:
        return engine.routes(search, members, budget)
    dist = search.distances()
    starts = {name: search.start_state(search.index.ids[name]) for name in members}
    read = descend(search, dist, [state for state in starts.values() if state in dist], budget)
    hops: dict = {}  # hops shared by the members' paths
    found = {}
    for name, state in starts.items():
        if state not in dist:
            found[name] = Route(name, Reach.NONE)
            continue
        exhausted = False
        if state not in read:
            one = replace(search, starts=(search.index.ids[name],))
            paths, exhausted = witnesses(one, dist, 1, budget)
            read.update({state: paths[0]} if paths else {})
        if state in read:
            found[name] = Route(name, Reach.ROUTE, to_path(search, read[state], hops))
        else:
            found[name] = Route(name, Reach.WALK if exhausted else Reach.NONE)
    return found


def avoiding(search: Search, name: str) -> Search:
    """``search`` on the graph with entity ``name`` removed (no copy of the graph, and
    the same matrices with ``name``'s rows looped, see :meth:`mechgraph.query.search.Search.avoiding`)."""
    return search.avoiding(name)
