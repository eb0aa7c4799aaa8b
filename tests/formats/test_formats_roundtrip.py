"""Round trips on generated graphs: export → import gives back what each format can hold.

What travels, per format:

============  =====  =====  =======  ========  ======  =====  ===  ===========
format        links  signs  context  evidence  status  kinds  isa  identifiers
============  =====  =====  =======  ========  ======  =====  ===  ===========
bel           yes    yes    yes      yes       yes     no(1)  yes  yes
sif           yes    yes    no       no        no      no     yes  no
graphml       yes    yes    yes      yes       yes     yes    yes  yes
cx2           yes    yes    yes      yes       yes     yes    yes  yes
nodelink      yes    yes    yes      yes       yes     yes    yes  yes
============  =====  =====  =======  ========  ======  =====  ===  ===========

(1) BEL has functions, not kinds: protein/receptor → p, gene → g, process
→ bp, disease/phenotype → path, everything else → a.  BEL and SIF cannot
hold entities without links; BEL cannot hold labels; no format keeps the
source *names* (citations come back as references, ``pmid:8852531``), and
only BEL keeps source titles.  DOT is export only (the renderer's diagram).
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from hypothesis import given, settings

from mechgraph.formats import FORMATS, export_graph, import_file
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.language.syntax import Relation, Status

from formats_support import (
    graph_entities,
    graph_links,
    mechanism_graphs,
    rule_entities,
    rule_isa,
    rule_links,
)

WRITABLE = sorted(name for name, f in FORMATS.items() if f.write is not None)


def _round_trip(format, graph, tmp_path_factory):
    path = tmp_path_factory.mktemp(format) / f"graph{FORMATS[format].suffix}"
    path.write_text(export_graph(format, graph), encoding="utf-8")
    return import_file(format, str(path)).rule_file


def _without(links, *, context=True, evidence=True, status=True):
    """Forget what a format cannot carry (merging links that then coincide)."""
    out = {}
    for (s, r, o, ctx, st), refs in links.items():
        key = (s, r, o, ctx if context else (), st if status else None)
        out[key] = out.get(key, frozenset()) | (refs if evidence else frozenset())
    return out


@pytest.mark.parametrize("format", ["graphml", "cx2", "nodelink"])
@given(graph=mechanism_graphs())
def test_graph_formats_keep_everything_but_source_names(format, graph, tmp_path_factory):
    """Check that links, signs, context, evidence, status, entities and isa come back."""
    rules = _round_trip(format, graph, tmp_path_factory)
    assert rule_links(rules) == graph_links(graph)
    assert rule_entities(rules) == _classes_marked(graph)
    assert rule_isa(rules) == set(graph.hierarchy.edges)


def _classes_marked(graph):
    """Entities as imported: an ``entity`` that is an isa parent becomes a ``class``."""
    parents = {p for _, p in graph.hierarchy.edges}
    return {
        name: ("class" if kind == "entity" and name in parents else kind, label, ident)
        for name, (kind, label, ident) in graph_entities(graph).items()
    }


@given(graph=mechanism_graphs())
def test_bel_keeps_links_context_evidence_status_and_identifiers(graph, tmp_path_factory):
    """Check BEL: every link field, isa, and the identifiers of linked entities."""
    rules = _round_trip("bel", graph, tmp_path_factory)
    assert rule_links(rules) == graph_links(graph)
    assert rule_isa(rules) == set(graph.hierarchy.edges)
    linked = {n for key in graph_links(graph) for n in (key[0], key[2])}
    linked |= {n for edge in graph.hierarchy.edges for n in edge}
    expected = {n: ident for n, (_, _, ident) in graph_entities(graph).items() if n in linked}
    assert {n: ident for n, (_, _, ident) in rule_entities(rules).items()} == expected


def test_bel_tells_a_context_key_status_from_the_hypothesis_mark(tmp_path_factory):
    """Check that ``[status=hypothesis]`` as context does not make a claim hypothesised."""
    graph = MechanismGraph()
    graph.add_claim("a", Relation.INCREASES, "b", context={"status": "hypothesis"})
    graph.add_claim(
        "b", Relation.DECREASES, "c", context={"status": "draft"}, status=Status.HYPOTHESIS
    )
    assert rule_links(_round_trip("bel", graph, tmp_path_factory)) == graph_links(graph)


@given(graph=mechanism_graphs())
def test_sif_keeps_links_signs_isa_and_lone_entities(graph, tmp_path_factory):
    """Check SIF: names, signed links and isa; context, evidence and status are dropped."""
    rules = _round_trip("sif", graph, tmp_path_factory)
    stripped = _without(graph_links(graph), context=False, evidence=False, status=False)
    assert _without(rule_links(rules), status=False) == stripped
    assert rule_isa(rules) == set(graph.hierarchy.edges)
    assert set(rule_entities(rules)) == set(graph_entities(graph))


def test_every_writable_format_is_tested():
    """Check that this module covers each exporter that has an importer."""
    assert WRITABLE == ["bel", "cx2", "dot", "graphml", "nodelink", "sif"]
    assert [name for name in WRITABLE if FORMATS[name].read is None] == ["dot"]


@pytest.mark.skipif(shutil.which("dot") is None, reason="graphviz dot is not installed")
@given(graph=mechanism_graphs())
@settings(max_examples=20)
def test_dot_export_is_valid_graphviz(graph):
    """Check DOT (export only: a drawing, not data): graphviz reads it without complaint."""
    text = export_graph("dot", graph)
    done = subprocess.run(["dot", "-Tplain"], input=text, capture_output=True, text=True)
    assert done.returncode == 0 and not done.stderr, done.stderr


@pytest.mark.parametrize("format", ["graphml", "cx2", "nodelink"])
def test_the_seed_keeps_its_verdicts_quantities_and_experiments(format, tmp_path):
    """Check that the seed's rules come back with the same verdicts: quantity keys, named
    values defined by conditions, hypotheses and experiments travel in the rules attribute."""
    from mechgraph.model import Model, load

    seed = load("rules")
    path = tmp_path / f"seed{FORMATS[format].suffix}"
    path.write_text(export_graph(format, seed.graph), encoding="utf-8")
    back = Model.from_files([import_file(format, str(path)).rule_file])
    assert not [d for d in back.diagnostics if d.is_error]
    assert [(r.name, r.outcome) for r in back.check()] == [
        (r.name, r.outcome) for r in seed.check()
    ]
    assert [(r.name, r.consistent) for r in back.observe()] == [
        (r.name, r.consistent) for r in seed.observe()
    ]
    for period, verdict in (("21d", "yes"), ("7d", "uncovered")):
        answer = back.ask("imipramine", "NMDA_adaptation", where={"period": period})
        assert answer.verdict.value == verdict
