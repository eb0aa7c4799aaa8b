"""Issue 18: imports whose names hold NUL, control characters or newlines write rules check accepts."""

from __future__ import annotations

import json
import time

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
    assert 'g.cx2:1:34: error: "nodes" is an object, not a list' in capsys.readouterr().err


_DEEP = "[" * 100_000 + "]" * 100_000
_LAUGHS = (
    "a: &a ["
    + ", ".join(['"lol"'] * 9)
    + "]\n"
    + "".join(
        f"{b}: &{b} [" + ", ".join([f"*{a}"] * 9) + "]\n" for a, b in zip("abcdefgh", "bcdefghi")
    )
)


@pytest.mark.parametrize(
    "fmt, name, content, message",
    [
        ("cx2", "deep.cx2", _DEEP, "nested too deeply"),
        ("nodelink", "deep.json", '{"nodes": ' + _DEEP + "}", "nested too deeply"),
        ("drugmechdb", "deep.json", "[{" + '"a": ' + _DEEP + "}]", "nested too deeply"),
        ("drugmechdb", "bomb.yaml", _LAUGHS, "YAML aliases expand to over"),
        ("drugmechdb", "nested.yaml", "- " * 10_000 + "x\n", "nested too deeply"),
        ("cx2", "long.cx2", '[{"nodes": [{"id": ' + "9" * 5000 + "}]}]", "number too long"),
        (
            "bel",
            "nested.bel",
            'SET Citation = {"PubMed","1"}\nSET Evidence = "e"\n'
            + "p(" * 1000
            + "HGNC:A"
            + ")" * 1000
            + " -> p(HGNC:B)\n",
            "nested too deeply",
        ),
    ],
    ids=[
        "cx2-deep",
        "nodelink-deep",
        "drugmechdb-deep",
        "yaml-bomb",
        "yaml-lists",
        "digits",
        "bel",
    ],
)
def test_import_bombs_end_promptly_in_a_clear_error_not_exit_70(
    tmp_path, capsys, fmt, name, content, message
):
    """Check 100k-deep JSON, a YAML alias bomb, 10k nested YAML lists, 5,000 digits, BEL 1,000 deep."""
    source = tmp_path / name
    source.write_text(content)
    started = time.process_time()
    assert main(["import", fmt, str(source), "-o", str(tmp_path / "out.mg")]) == 1
    assert message in capsys.readouterr().err
    assert time.process_time() - started < 10


def test_drugmechdb_mesh_as_a_list_is_no_mesh_id(tmp_path, capsys):
    """Check `"drug_mesh": ["x"]`: read as no MeSH id (it once ended in exit 70)."""
    record = {
        "graph": {"_id": "r1", "drug": "d", "disease": "s", "drug_mesh": ["x"]},
        "nodes": [{"id": "MESH:1", "name": "d", "label": "Drug"}],
        "links": [],
    }
    source = tmp_path / "dm.json"
    source.write_text(json.dumps([record]))
    assert main(["import", "drugmechdb", str(source), "-o", str(tmp_path / "out.mg")]) == 0
