"""Issue 18: imports whose names hold NUL, control characters or newlines write rules check accepts."""

from __future__ import annotations

import json

import pytest

from mechgraph.cli import main

NAMES = ["nul\u0000x", "bell\u0007x", "two\nlines", "sep\u2028x", "tab\tx"]


def _sif(path):
    path.write_text(
        "".join(f"{n}\tincreases\ttarget\n" for n in NAMES if "\n" not in n and "\t" not in n)
    )


def _nodelink(path):
    nodes = [{"id": n} for n in NAMES] + [{"id": "target"}]
    links = [{"source": n, "target": "target", "relation": "increases"} for n in NAMES]
    path.write_text(json.dumps({"directed": True, "nodes": nodes, "links": links}))


@pytest.mark.parametrize(
    "fmt, make, suffix", [("sif", _sif, ".sif"), ("nodelink", _nodelink, ".json")]
)
def test_imported_names_with_control_characters_give_rules_that_check(
    tmp_path, capsys, fmt, make, suffix
):
    """Check that such names are written without the characters (warned), and `check` accepts them."""
    source = tmp_path / f"in{suffix}"
    make(source)
    out = tmp_path / "out.mg"
    assert main(["import", fmt, str(source), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "holds control characters or line breaks" in err
    text = out.read_text()
    assert not any(ch in text for ch in "\u0000\u0007\u2028")
    assert main(["check", str(out)]) == 0, capsys.readouterr().err


def test_cx2_nodes_as_an_object_is_an_error_not_an_empty_graph(tmp_path, capsys):
    """Check CX2 `"nodes": {}`: an error saying so, not a silently empty import."""
    source = tmp_path / "g.cx2"
    source.write_text(json.dumps([{"CXVersion": "2.0"}, {"nodes": {}}, {"edges": []}]))
    assert main(["import", "cx2", str(source), "-o", str(tmp_path / "out.mg")]) == 1
    assert '"nodes" is a dict, not a list' in capsys.readouterr().err
