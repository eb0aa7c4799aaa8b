"""The compiled cache gives back exactly what loading gives, and only while nothing changed."""

from __future__ import annotations

import json
import shutil

from mechgraph.cli import main
from mechgraph.compiler.cache import Cache, cache_folder
from mechgraph.compiler.cache_files import store_entry
from mechgraph.model import load

from conftest import FIXTURES


def _same(a, b) -> None:
    """Check two models hold the same graph, warnings and answers."""
    assert a.graph.claims == b.graph.claims
    assert [c.span for c in a.graph.claims] == [c.span for c in b.graph.claims]
    assert list(a.graph.entities()) == list(b.graph.entities())
    assert [e.span for e in a.graph.entities()] == [e.span for e in b.graph.entities()]
    assert sorted(a.graph.hierarchy.edges(data=True)) == sorted(b.graph.hierarchy.edges(data=True))
    assert {k: sorted(v.edges) for k, v in a.graph.values.items()} == {
        k: sorted(v.edges) for k, v in b.graph.values.items()
    }
    assert {k: sorted(v) for k, v in a.graph.values.items()} == {
        k: sorted(v) for k, v in b.graph.values.items()
    }
    assert a.graph.sources == b.graph.sources and a.graph.hypotheses == b.graph.hypotheses
    assert a.graph.files == b.graph.files and a.graph.texts == b.graph.texts
    assert a.diagnostics == b.diagnostics


def test_round_trip_of_the_seed(tmp_path):
    """Check that a warm load equals a cold one: claims, spans, hypotheses, warnings, answers."""
    rules = tmp_path / "rules"
    shutil.copytree(FIXTURES / "seed", rules)
    store = Cache(tmp_path / "cache")
    cold = load(rules, cache=store)
    warm = store.read([str(rules)])
    assert warm is not None and warm.graph.hypotheses
    _same(cold, load(rules))
    warm_model = load(rules, cache=store)
    _same(cold, warm_model)
    question = ("imipramine", "antidepressant_effect")
    assert warm_model.ask(*question).to_dict() == cold.ask(*question).to_dict()


def test_any_change_invalidates(tmp_path):
    """Check that editing, adding or removing a rule file misses the cache."""
    rules = tmp_path / "rules"
    shutil.copytree(FIXTURES / "seed", rules)
    store = Cache(tmp_path / "cache")
    load(rules, cache=store)
    path = next(rules.glob("*.mg"))
    path.write_text(path.read_text() + "\n# a comment\n")
    assert store.read([str(rules)]) is None
    load(rules, cache=store)
    assert store.read([str(rules)]) is not None
    (rules / "more.mg").write_text("drug extra\n")
    assert store.read([str(rules)]) is None


def test_unknown_types_are_refused(seeded):
    """Check that an entry naming anything but mechgraph's own types is not used."""
    rules, store, entry = seeded
    document = json.loads(entry.read_bytes().partition(b"\n")[2])
    document["diagnostics"] = [{"@": "Popen", "fields": {"args": "true"}}]
    store_entry(store.folder, entry.stem, json.dumps(document).encode(), 2**30)  # sealed again
    assert store.read([str(rules)]) is None
    assert not list(store.folder.glob("*.tmp"))


def test_folder_from_environment(monkeypatch, tmp_path):
    """Check MECHGRAPH_CACHE first, then XDG_CACHE_HOME."""
    monkeypatch.setenv("MECHGRAPH_CACHE", str(tmp_path / "own"))
    assert cache_folder() == tmp_path / "own"
    monkeypatch.delenv("MECHGRAPH_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder() == tmp_path / "xdg" / "mechgraph"


def test_cli_writes_and_no_cache_skips(tmp_path, monkeypatch, capsys):
    """Check that ask fills the cache folder and --no-cache leaves it alone."""
    rules = tmp_path / "rules"
    shutil.copytree(FIXTURES / "seed", rules)
    monkeypatch.setenv("MECHGRAPH_CACHE", str(tmp_path / "c1"))
    ask = ["ask", "imipramine", "antidepressant_effect", "--rules", str(rules)]
    outputs = []
    for extra in (["--no-cache"], [], []):
        assert main(ask + extra) == 0
        outputs.append(capsys.readouterr().out)
        assert (tmp_path / "c1").exists() == bool(len(outputs) > 1)
    assert len(list((tmp_path / "c1").glob("*.json"))) == 1
    assert outputs[0].startswith("yes") and outputs[0] == outputs[1] == outputs[2]


def test_an_entry_over_the_limit_is_not_kept_and_the_user_is_told(tmp_path, monkeypatch, capsys):
    """Check that rules too large for $MECHGRAPH_CACHE_MAX get a note naming the variable,
    leave no entry and no arrays behind, and that a limit large enough keeps them quietly."""
    monkeypatch.setenv("MECHGRAPH_CACHE", str(tmp_path / "c"))
    ask = ["ask", "imipramine", "antidepressant_effect", "--rules", str(FIXTURES / "seed")]
    monkeypatch.setenv("MECHGRAPH_CACHE_MAX", "4K")
    assert main(ask) == 0
    err = capsys.readouterr().err
    assert "note: the compiled rules (" in err and "may hold 4 KiB ($MECHGRAPH_CACHE_MAX)" in err
    assert "hint: let the cache hold them, e.g. export MECHGRAPH_CACHE_MAX=1G" in err
    assert not list((tmp_path / "c").glob("*.json")) and not list((tmp_path / "c").glob("*.arrays"))
    for quiet in ("0", "64M"):  # 0 asks for no cache: nothing to tell
        monkeypatch.setenv("MECHGRAPH_CACHE_MAX", quiet)
        assert main(ask) == 0
        assert capsys.readouterr().err == ""
    assert len(list((tmp_path / "c").glob("*.json"))) == 1


def test_link_attributes_survive_the_cache(tmp_path):
    """Check that a link's attributes (predicate, ...) come back from a warm load."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "a.mg").write_text(
        'drug d\ndisease y\nd -> y @pmid:1 predicate="treats" term="a(CHEBI:1)"\n', encoding="utf-8"
    )
    store = Cache(tmp_path / "cache")
    cold = load(rules, cache=store)
    warm = load(rules, cache=store)
    assert store.read([str(rules)]) is not None
    _same(cold, warm)
    assert warm.graph.claims[0].attributes == (("predicate", "treats"), ("term", "a(CHEBI:1)"))


def test_a_hit_speaks_with_this_runs_spelling_of_the_paths(tmp_path, monkeypatch):
    """Check that spans and warnings from the cache use this run's spelling of the files."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "a.mg").write_text("drug d\nd -> x\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    store = Cache(tmp_path / "cache")
    spellings = ["rules/a.mg", "./rules/../rules/a.mg", str(rules / "a.mg"), "rules"]
    for spelling in spellings + spellings:  # the second round reads each one's own entry
        model = load(spelling, cache=store)
        fresh = load(spelling)
        assert [d.format() for d in model.diagnostics] == [d.format() for d in fresh.diagnostics]
        assert [c.span for c in model.graph.claims] == [c.span for c in fresh.graph.claims]
        assert model.graph.files == fresh.graph.files
    assert {str(c.span.file) for c in load("./rules/../rules/a.mg", cache=store).graph.claims} == {
        "rules/../rules/a.mg"
    }
    monkeypatch.chdir(rules)  # the same file, named from its own folder
    assert load("a.mg", cache=store).diagnostics[0].file == "a.mg"
    assert store.read(["a.mg"]) is not None
