"""Choosing the part of a mechanism graph to draw.

A big model is unreadable as one picture; :func:`focus` picks the entities,
claims and ``isa`` edges of a :class:`View` around an entity, between a
class and a target, under a context, and at most ``max_nodes`` of them
(the ones nearest the focus), counting what it left out.

>>> from mechgraph.graph.mechanism import MechanismGraph
>>> from mechgraph.language.syntax import Relation
>>> g = MechanismGraph()
>>> for s, t in [("a", "b"), ("b", "c"), ("c", "d"), ("x", "d")]:
...     _ = g.add_claim(s, Relation.INCREASES, t)
>>> focus(g, around="b", depth=1).nodes
('a', 'b', 'c')
>>> focus(g, between=("a", "d")).nodes
('a', 'b', 'c', 'd')
>>> v = focus(g, max_nodes=2, around="c", depth=9)
>>> v.nodes, v.left_out
(('b', 'c'), 3)
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from mechgraph.errors import Diagnostic, QueryError
from mechgraph.graph.admission import admitted_claims
from mechgraph.graph.mechanism import Claim, MechanismGraph
from mechgraph.language.syntax import Sign

__all__ = ["View", "focus", "DEFAULT_MAX_NODES", "DEFAULT_MAX_EDGES"]

#: The default budget of a drawing: graphviz lays out this much in a few seconds.
#: ``None`` for either (``--all``) draws everything.
DEFAULT_MAX_NODES = 200
DEFAULT_MAX_EDGES = 500


@dataclass(frozen=True)
class View:
    """What a diagram shows: sorted entity names, claim ids and ``isa`` pairs.

    ``left_out`` and ``edges_left_out`` count the entities and edges (claims
    and ``isa``) the budget (``max_nodes``, ``max_edges``) dropped.
    """

    nodes: tuple[str, ...]
    claims: tuple[int, ...]
    isa: tuple[tuple[str, str], ...]
    left_out: int = 0
    edges_left_out: int = 0

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping.

        >>> View(("a", "b"), (0,), (("a", "b"),)).to_dict()["isa"]
        [['a', 'b']]
        """
        return {
            "nodes": list(self.nodes),
            "claims": list(self.claims),
            "isa": [list(pair) for pair in self.isa],
            "left_out": self.left_out,
            "edges_left_out": self.edges_left_out,
        }


def focus(
    graph: MechanismGraph,
    *,
    around: str | None = None,
    depth: int = 1,
    between: tuple[str, str] | None = None,
    where: Mapping[str, str] | None = None,
    max_nodes: int | None = DEFAULT_MAX_NODES,
    max_edges: int | None = DEFAULT_MAX_EDGES,
    prefer: Iterable[str] = (),
) -> View:
    """The part of ``graph`` to draw.

    Parameters
    ----------
    graph : MechanismGraph
    around : str, optional
        Keep the entities at most ``depth`` links or ``isa`` edges away from
        this one (in either direction).
    between : (str, str), optional
        ``(C, T)``: keep the entities on routes from ``C`` or any member of
        ``C`` to ``T`` -- reachable from them (climbing ``isa`` from member
        to class, never through a no-change claim) and reaching ``T``.
    where : mapping, optional
        Keep only the claims this context admits; entities that lose all
        their edges to it are dropped too.
    max_nodes, max_edges : int, optional
        The budget: keep at most this many entities and edges (claims and
        ``isa``): entities are taken nearest to the focus first (``around``,
        the ends of ``between``, else ``prefer``, the witnesses), then the
        best connected, then by name, while both budgets hold.  ``None``
        lifts a budget; the defaults keep graphviz to a few seconds.
    prefer : iterable of str
        The focus for ``max_nodes`` when there is no other (highlighted nodes).

    Raises
    ------
    QueryError
        An unknown entity, a negative ``depth`` or a ``max_nodes`` below 1.
    """
    _check_options(graph, around, depth, between, max_nodes)
    admitted = admitted_claims(graph, where)
    claims = [c for c in graph.claims if admitted[c.id]]
    nodes = _all_nodes(graph)
    if where is not None:
        nodes = _drop_stranded(graph, nodes, claims)
    centre = set(prefer) & nodes
    if around is not None:
        near = nx.single_source_shortest_path_length(
            _undirected(graph, nodes, claims), around, cutoff=depth
        )
        nodes, centre = nodes & set(near), {around}
    if between is not None:
        nodes &= _on_routes(graph, claims, *between)
        centre = (set(between) | _members(graph, between[0])) & nodes
    every = _view(graph, nodes, claims)
    edges = len(every.claims) + len(every.isa)
    over_nodes = max_nodes is not None and len(nodes) > max_nodes
    if not (over_nodes or (max_edges is not None and edges > max_edges)):
        return every
    kept = _within_budget(graph, nodes, claims, centre, max_nodes, max_edges)
    view = _view(graph, kept, claims)
    left = edges - len(view.claims) - len(view.isa)
    return View(view.nodes, view.claims, view.isa, len(nodes) - len(kept), left)


def _view(graph: MechanismGraph, nodes: set[str], claims: list[Claim]) -> View:
    return View(
        tuple(sorted(nodes)),
        tuple(sorted(c.id for c in claims if c.subject in nodes and c.object in nodes)),
        tuple(sorted((u, v) for u, v in graph.hierarchy.edges if u in nodes and v in nodes)),
    )


def _within_budget(
    graph: MechanismGraph,
    nodes: set[str],
    claims: list[Claim],
    centre: set[str],
    max_nodes: int | None,
    max_edges: int | None,
) -> set[str]:
    """Entities taken nearest the centre first while at most ``max_nodes`` entities and
    ``max_edges`` edges among them are kept (the first entity always is)."""
    ranked = _ranked(_undirected(graph, nodes, claims), centre)
    ends: dict[str, list[str]] = {}
    for u, v in [(c.subject, c.object) for c in claims] + list(graph.hierarchy.edges):
        if u in nodes and v in nodes:
            ends.setdefault(u, []).append(v)
            if v != u:
                ends.setdefault(v, []).append(u)
    kept: set[str] = set()
    edges = 0
    for name in ranked:
        if max_nodes is not None and len(kept) >= max_nodes:
            break
        more = sum(1 for other in ends.get(name, ()) if other in kept or other == name)
        if kept and max_edges is not None and edges + more > max_edges:
            continue  # a hub would spend the edge budget: leave it, try the next
        kept.add(name)
        edges += more
    return kept


def _all_nodes(graph: MechanismGraph) -> set[str]:
    return set(graph.links) | set(graph.hierarchy)


def _members(graph: MechanismGraph, name: str) -> set[str]:
    """Every direct or indirect member of ``name`` (``isa`` runs member → class)."""
    return nx.ancestors(graph.hierarchy, name) if name in graph.hierarchy else set()


def _drop_stranded(graph: MechanismGraph, nodes: set[str], claims: list[Claim]) -> set[str]:
    """Drop the entities that had claims but keep neither a claim nor an ``isa`` edge."""
    kept = {c.subject for c in claims} | {c.object for c in claims}
    return {
        n
        for n in nodes
        if n in kept
        or (n in graph.hierarchy and graph.hierarchy.degree(n) > 0)
        or (n in graph.links and graph.links.degree(n) == 0)
    }


def _undirected(graph: MechanismGraph, nodes: set[str], claims: list[Claim]) -> nx.Graph:
    """Claims and ``isa`` edges among ``nodes``, directions forgotten."""
    g = nx.Graph()
    g.add_nodes_from(sorted(nodes))
    g.add_edges_from(
        sorted((c.subject, c.object) for c in claims if c.subject in nodes and c.object in nodes)
    )
    g.add_edges_from(sorted((u, v) for u, v in graph.hierarchy.edges if u in nodes and v in nodes))
    return g


def _on_routes(graph: MechanismGraph, claims: list[Claim], start: str, target: str) -> set[str]:
    """Entities on a route from ``start`` or its members to ``target``, both ends kept."""
    routes = nx.DiGraph(graph.hierarchy.edges)
    routes.add_edges_from((c.subject, c.object) for c in claims if c.sign is not Sign.NO_CHANGE)
    routes.add_nodes_from((start, target))
    sources = {start} | _members(graph, start)
    reached = set(sources).union(*(nx.descendants(routes, s) for s in sources))
    return (reached & (nx.ancestors(routes, target) | {target})) | {start, target}


def _ranked(g: nx.Graph, centre: set[str]) -> list[str]:
    """The nodes of ``g``: nearest ``centre`` first, then best connected, then by name."""
    distance = nx.multi_source_dijkstra_path_length(g, centre) if centre else {}
    return sorted(g, key=lambda n: (distance.get(n, math.inf), -g.degree(n), n))


def _check_options(
    graph: MechanismGraph,
    around: str | None,
    depth: int,
    between: tuple[str, str] | None,
    max_nodes: int | None,
) -> None:
    known = _all_nodes(graph)
    names = ([around] if around is not None else []) + list(between or ())
    problems = [_unknown(name, known) for name in names if name not in known]
    if depth < 0:
        problems.append(Diagnostic.error(f"depth must be 0 or more, not {depth}", file="<query>"))
    if max_nodes is not None and max_nodes < 1:
        problems.append(
            Diagnostic.error(f"max_nodes must be 1 or more, not {max_nodes}", file="<query>")
        )
    if problems:
        raise QueryError(problems)


def _unknown(name: str, known: set[str]) -> Diagnostic:
    close = difflib.get_close_matches(name, sorted(known), n=3)
    hint = f"did you mean {', '.join(map(repr, close))}?" if close else None
    return Diagnostic.error(f"unknown entity {name!r}", file="<query>", hint=hint)
