"""Tests of mechgraph.graph.entities: entities and isa edges as columns against dicts and networkx."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from mechgraph.graph.entities import Entity, EntityTable, IsaTable
from mechgraph.graph.hierarchy import Closure
from mechgraph.language.syntax import NOWHERE, Span

letters = st.sampled_from("abcdefgh")
entities = st.builds(
    Entity,
    letters,
    st.sampled_from(["drug", "class", "process"]),
    st.one_of(st.none(), st.sampled_from(["x y", "z"])),
    st.lists(st.tuples(st.sampled_from(["id", "synonyms"]), letters), max_size=2).map(tuple),
    st.builds(Span, st.sampled_from(["a.mg", "b.mg"]), st.integers(1, 50), st.integers(1, 9)),
)


@settings(max_examples=150)
@given(st.lists(entities, max_size=8), st.lists(letters, max_size=4))
def test_entity_table_reads_back_every_node(declared, bare):
    """Check that every node reads back as declared (spans too), undeclared ones as None,
    in the order they came, and unknown names are not in the table."""
    nodes: dict[str, Entity | None] = {name: None for name in bare}
    nodes.update((e.name, e) for e in declared)
    table = EntityTable.from_nodes(nodes)
    assert list(table) == list(nodes) and len(table) == len(nodes)
    for name, entity in nodes.items():
        assert table[name] == entity
        assert (table[name].span if entity else None) == (entity.span if entity else None)
    assert "zz" not in table and list(table.declared()) == [n for n, e in nodes.items() if e]


@settings(max_examples=150)
@given(st.lists(st.tuples(letters, letters), max_size=12))
def test_isa_table_reads_as_the_networkx_hierarchy(pairs):
    """Check successors, predecessors, degrees and both closures against a networkx DiGraph."""
    names = tuple("abcdefgh")
    edges = list(dict.fromkeys((m, p) for m, p in pairs if m != p))
    digraph = nx.DiGraph()
    digraph.add_nodes_from(names)
    digraph.add_edges_from(edges, span=NOWHERE)
    table = IsaTable.from_edges(
        names, [(m, p, Span("a.mg", i + 1, 1)) for i, (m, p) in enumerate(edges)]
    )
    for name in names:
        assert sorted(table.successors(name)) == sorted(digraph.successors(name))
        assert sorted(table.predecessors(name)) == sorted(digraph.predecessors(name))
        assert table.out_degree(name) == digraph.out_degree(name)
        assert table.in_degree(name) == digraph.in_degree(name)
    for direction in ("up", "down"):
        ours, theirs = Closure(table, direction), Closure(digraph, direction)
        assert list(ours) == list(theirs)
        assert {k: ours[k] for k in ours} == {k: theirs[k] for k in theirs}
    assert [(m, p) for m, p, _ in table.edges()] == edges
    assert [s.line for _, _, s in table.edges()] == list(range(1, len(edges) + 1))
