"""Issue 18: GraphML type errors and CX2 / node-link structure errors at their own line and
column (they were all reported at 1:1, or as an internal error)."""

from __future__ import annotations

import json

import pytest

from mechgraph.cli import main

_KEYS = """<?xml version="1.0" encoding="utf-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="w" for="node" attr.name="weight" attr.type="int"/>
  <key id="h" for="edge" attr.name="hypothesis" attr.type="boolean"/>
"""
_GRAPH = """  <graph edgedefault="directed">
    <node id="a"/>
    <node id="b">
      <data key="{key}">{weight}</data>
    </node>
    <edge source="a" target="b"><data key="h">{flag}</data></edge>
  </graph>
</graphml>
"""

GRAPHML = {
    "int": (_KEYS + _GRAPH.format(key="w", weight="twelve", flag="true"), 8, 7, "'twelve'"),
    "boolean": (_KEYS + _GRAPH.format(key="w", weight="12", flag="maybe"), 10, 33, "'maybe'"),
    "undeclared": (_KEYS + _GRAPH.format(key="zz", weight="1", flag="1"), 8, 7, "'zz'"),
    "attr.type": (
        _KEYS.replace('"int"', '"complex"') + _GRAPH.format(key="w", weight="1", flag="1"),
        3,
        3,
        "'complex'",
    ),
    "empty default": (  # was an internal error (AttributeError)
        _KEYS.replace('"boolean"/>', '"boolean"><default/></key>')
        + _GRAPH.format(key="w", weight="1", flag="1"),
        4,
        69,
        "<default>",
    ),
}


@pytest.mark.parametrize("case", sorted(GRAPHML))
def test_graphml_type_errors_located(tmp_path, capsys, case):
    """Check that a value networkx's reader cannot convert is an error at its element."""
    text, line, col, words = GRAPHML[case]
    err = _import_error(tmp_path, capsys, "graphml", "g.graphml", text)
    assert f"g.graphml:{line}:{col}: error: not usable GraphML" in err and words in err


def _import_error(tmp_path, capsys, fmt: str, name: str, text: str) -> str:
    """What importing ``text`` as file ``name`` says on standard error (it must fail)."""
    source = tmp_path / name
    source.write_text(text)
    assert main(["import", fmt, str(source), "-o", str(tmp_path / "out.mg")]) == 1
    return capsys.readouterr().err


def _cx2(nodes, edges) -> str:
    aspects = [{"CXVersion": "2.0"}, {"nodes": nodes}, {"edges": edges}]
    return json.dumps(aspects, indent=1)


_A, _B = {"id": 0, "v": {"name": "a"}}, {"id": 1, "v": {"name": "b"}}
CX2 = {  # (document, line, col, message)
    "aspect": ('[{"CXVersion": "2.0"},\n 7]', 2, 2, "an aspect is a number"),
    "node not an object": (_cx2([_A, "b"], []), 13, 4, "a node is a string"),
    "node without id": (_cx2([_A, {"v": {}}], []), 13, 4, 'a node has no "id"'),
    "values not an object": (_cx2([_A, {"id": 1, "v": []}], []), 15, 10, '"v" is a list'),
    "edge end": (_cx2([_A, _B], [{"s": 0, "t": 9}]), 25, 10, 'edge end "t": 9 is no node'),
    "edge id": (_cx2([_A, _B], [{"s": [0], "t": 1}]), 24, 10, '"s" is a list, not an id'),
}


@pytest.mark.parametrize("case", sorted(CX2))
def test_cx2_structure_errors_located(tmp_path, capsys, case):
    """Check that a CX2 element of the wrong shape is an error at its line and column."""
    text, line, col, words = CX2[case]
    err = _import_error(tmp_path, capsys, "cx2", "g.cx2", text)
    assert f"g.cx2:{line}:{col}: error: {words}" in err


def test_nodelink_structure_errors_located(tmp_path, capsys):
    """Check node-link's links and their fields the same way."""
    document = {"nodes": [{"id": "a"}, {"id": "b"}], "links": [{"source": "a", "target": "b"}]}
    for change, line, col, words in (
        (lambda d: d["links"][0].pop("target"), 11, 3, 'a link has no "target"'),
        (lambda d: d["links"][0].update(context=[1]), 14, 15, '"context" is a list'),
        (lambda d: d["nodes"].append(5), 9, 3, "a node is a number"),
    ):
        broken = json.loads(json.dumps(document))
        change(broken)
        err = _import_error(tmp_path, capsys, "nodelink", "g.json", json.dumps(broken, indent=1))
        assert f"g.json:{line}:{col}: error: {words}" in err
