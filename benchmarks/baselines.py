"""The same-run baselines every mechgraph figure is divided by.

* :func:`read_links` — a ``re`` + ``str.split`` reader of a ``.mg`` file: the
  ceiling for parsing.  It really extracts subject, relation, object and the
  context pairs of every link line (and skips every other line).
* :func:`igraph_bfs` — igraph's C breadth-first search from one source over
  the traversable graph (links except ``-0``, plus ``isa`` member → class).
* :func:`nx_build` — a bare ``networkx.MultiDiGraph`` built from the edge list.

>>> read_links('a -> "b c" [region=brain, dose=10mg/kg] @src\\n# x\\ndrug a, b\\n')
[('a', '->', 'b c', (('region', 'brain'), ('dose', '10mg/kg')))]
>>> edges = [("a", "->", "b"), ("b", "-0", "c"), ("b", "isa", "k")]
>>> graph, index = igraph_graph(edges)
>>> igraph_bfs(graph, index["a"])
3
>>> nx_build(edges).number_of_edges()
3
"""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx

__all__ = ["read_links", "read_edges", "igraph_graph", "igraph_bfs", "nx_build"]

_NAME = r'"(?:[^"\\]|\\.)*"|[A-Za-z_][A-Za-z0-9_.]*'
_LINK = re.compile(
    rf"\s*({_NAME})\s*(->|-\||-0|--|increases\b|decreases\b|causesNoChange\b|association\b)"
    rf"\s*({_NAME})\s*(?:\[([^\]]*)\])?"
)
_ESCAPE = re.compile(r"\\(.)")
#: Relations a traversal never follows: negative evidence.
NOT_TRAVERSED = frozenset({"-0", "causesNoChange"})


def _unquote(name: str) -> str:
    return _ESCAPE.sub(r"\1", name[1:-1]) if name[0] == '"' else name


def _pair(text: str) -> tuple[str, str]:
    """``key=value``, or ``key>=value`` kept as ``(key, ">=value")``."""
    key, value = text.split("=", 1)
    return (key[:-1], key[-1] + "=" + value) if key[-1:] in "<>" else (key, value)


def read_links(text: str) -> list[tuple[str, str, str, tuple[tuple[str, str], ...]]]:
    """Every link line of ``text`` as ``(subject, relation, object, context pairs)``."""
    found = []
    match = _LINK.match
    for line in text.split("\n"):
        m = match(line)
        if m is None:
            continue
        subject, relation, obj, context = m.groups()
        pairs = tuple(map(_pair, context.split(", "))) if context else ()
        found.append((_unquote(subject), relation, _unquote(obj), pairs))
    return found


def read_edges(path: Path) -> list[tuple[str, str, str]]:
    """The rows of an edge list written by :mod:`benchmarks.generate`."""
    with open(path, encoding="utf-8") as rows:
        return [tuple(row.rstrip("\n").split("\t")) for row in rows]


def igraph_graph(edges: list[tuple[str, str, str]]):
    """An ``igraph.Graph`` of the traversable edges and the name → vertex index.

    Building it is not timed; only :func:`igraph_bfs` is.
    """
    import igraph

    index: dict[str, int] = {}
    pairs = []
    for subject, relation, obj in edges:
        s = index.setdefault(subject, len(index))
        o = index.setdefault(obj, len(index))
        if relation not in NOT_TRAVERSED:
            pairs.append((s, o))
    return igraph.Graph(n=len(index), edges=pairs, directed=True), index


def igraph_bfs(graph, source: int) -> int:
    """Breadth-first search from ``source``; the number of vertices reached."""
    return len(graph.bfs(source, mode="out")[0])


def nx_build(edges: list[tuple[str, str, str]]) -> nx.MultiDiGraph:
    """A bare multigraph: one edge per row, no attributes."""
    graph = nx.MultiDiGraph()
    graph.add_edges_from((subject, obj) for subject, _, obj in edges)
    return graph
