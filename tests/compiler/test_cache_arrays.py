"""The cache's arrays: a warm start rebuilds nothing, and damaged arrays are a miss, never a crash."""

from __future__ import annotations

import json
import os
import shutil

import numpy as np
import pytest

from mechgraph.cli import main
from mechgraph.compiler import cache_digests
from mechgraph.compiler.cache import Cache
from mechgraph.compiler.cache_digests import Digests
from mechgraph.compiler.cache_files import store_entry
from mechgraph.model import load

from conftest import FIXTURES

QUESTIONS = [
    ("imipramine", "antidepressant_effect", {}),
    ("imipramine", "NMDA_adaptation", {"where": {"duration": "acute"}}),
    ("antidepressant", "antidepressant_effect", {"sign": "+"}),
    ("dizocilpine", "beta_adrenoceptor_downregulation", {"where": {"duration": "chronic"}}),
]


def _arrays(store: Cache) -> dict[str, os.PathLike]:
    (folder,) = store.folder.glob("*.arrays")
    return {path.stem: path for path in folder.glob("*.npy")}


def _answers(model) -> list:
    found = []
    for source, target, options in QUESTIONS:
        found.append(model.ask(source, target, **options).to_dict())
        found.append(model.why_not(source, target, **options).to_dict())
    return found


def test_a_warm_graph_is_columns_and_answers_as_the_cold_one(seeded):
    """Check that a warm load makes no networkx graph nor claim objects to answer, and
    answers (ask, why-not, pathways) exactly as the cold load."""
    rules, store, _ = seeded
    cold = load(rules)
    warm = load(rules, cache=store)
    assert warm.graph._links is None and warm.graph._hierarchy is None
    assert _answers(warm) == _answers(cold)
    pathways = ("antidepressant", "antidepressant_effect")
    assert warm.pathways(*pathways).to_dict() == cold.pathways(*pathways).to_dict()
    assert warm.graph._links is None and warm.graph._hierarchy is None
    subject = warm.graph.claims.subject  # a view of the mapped file: read-only, not a copy
    assert not subject.flags.writeable and not subject.flags.owndata
    assert list(warm.graph.links.edges(keys=True)) == list(cold.graph.links.edges(keys=True))
    assert sorted(warm.graph.hierarchy.edges(data="span")) == sorted(
        cold.graph.hierarchy.edges(data="span")
    )


def test_every_array_is_listed_with_its_checksum(seeded):
    """Check the manifest: each array file named with dtype, shape, size and CRC-32."""
    _, store, entry = seeded
    document = json.loads(entry.read_bytes().partition(b"\n")[2])
    listed = document["arrays"]["arrays"]
    files = _arrays(store)
    assert set(listed) == set(files) and {"claims.subject", "backward.indptr"} <= set(files)
    for name, spec in listed.items():
        assert spec["bytes"] == files[name].stat().st_size
        assert np.load(files[name], allow_pickle=False).dtype.str == spec["dtype"]


def _flip_last_byte(path):
    data = bytearray(path.read_bytes())
    data[-1] ^= 0x01
    path.write_bytes(bytes(data))


def _truncate(path):
    path.write_bytes(path.read_bytes()[:-3])


def _other_dtype(path):
    array = np.load(path, allow_pickle=False)
    np.save(path, array.astype(np.float64))


def _pickled(path):
    np.save(path, np.array([{"x": 1}, None], dtype=object), allow_pickle=True)


def _empty(path):
    path.write_bytes(b"")


def _gone(path):
    path.unlink()


@pytest.mark.parametrize(
    "damage", [_flip_last_byte, _truncate, _other_dtype, _pickled, _empty, _gone]
)
@pytest.mark.parametrize(
    "name", ["claims.relation", "names.text", "backward.indices", "hops.cycles"]
)
def test_a_damaged_array_is_a_miss_that_rebuilds(seeded, damage, name, capsys, monkeypatch):
    """Check that a flipped, truncated, retyped, pickled, emptied or missing array file is
    refused before use: a miss, the entry removed, and the next run answers as a cold one."""
    rules, store, entry = seeded
    expected = _answers(load(rules))
    damage(_arrays(store)[name])
    assert store.read([rules]) is None and not entry.exists()
    assert not list(store.folder.glob("*.arrays"))
    assert _answers(load(rules, cache=store)) == expected  # rebuilt and stored again
    assert store.read([rules]) is not None
    damage(_arrays(store)[name])
    monkeypatch.setenv("MECHGRAPH_CACHE", str(store.folder))
    ask = ["ask", "imipramine", "antidepressant_effect", "--rules", str(rules)]
    assert main(ask) == 0
    warm = capsys.readouterr().out
    assert main([*ask, "--no-cache"]) == 0 and capsys.readouterr().out == warm


def test_a_foreign_arrays_folder_is_refused(seeded, tmp_path):
    """Check that a manifest naming another folder (another entry's, or outside) is a miss."""
    rules, store, entry = seeded
    document = json.loads(entry.read_bytes().partition(b"\n")[2])
    for folder in ("../elsewhere", "0" * 64 + ".0123456789abcdef.arrays"):
        document["arrays"]["folder"] = folder
        store_entry(store.folder, entry.stem, json.dumps(document).encode(), 2**30)
        assert store.read([rules]) is None


@pytest.mark.parametrize(
    "mutation",
    [
        lambda d: d["graph"]["counts"].update(names=d["graph"]["counts"]["names"] - 1),
        lambda d: d["graph"]["claims"]["attribute_sets"].pop(),
        lambda d: d["graph"]["entities"]["kinds"].pop(),
        lambda d: d["graph"]["claims"].update(files=[]),
        lambda d: d["graph"].update(sources=[["s", None]]),
    ],
    ids=["names", "attributes", "kinds", "files", "sources"],
)
def test_resealed_tables_that_do_not_fit_the_arrays_are_a_miss(seeded, mutation):
    """Check that codes pointing outside their (tampered, resealed) tables are refused."""
    rules, store, entry = seeded
    document = json.loads(entry.read_bytes().partition(b"\n")[2])
    mutation(document)
    store_entry(store.folder, entry.stem, json.dumps(document).encode(), 2**30)
    assert store.read([rules]) is None


def test_digests_are_remembered_by_file_status(tmp_path, monkeypatch):
    """Check that a settled file's digest is used again while its status holds, and that a
    same-size edit with the modification time put back is still seen (status-change time)."""
    monkeypatch.setattr(cache_digests, "SETTLED", -60.0)
    rules = tmp_path / "a.mg"
    rules.write_text("drug x\n")
    memo = Digests(tmp_path / "cache")
    first = memo.digest(rules)
    memo.save()
    again = Digests(tmp_path / "cache")
    monkeypatch.setattr(cache_digests, "read_file_bytes", _refuse)
    assert again.digest(rules) == first  # from memory: the file is not read
    monkeypatch.undo()
    before = os.stat(rules)
    rules.write_text("drug y\n")
    os.utime(rules, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert again.digest(rules) != first


def _refuse(*args, **kwargs):
    raise AssertionError("read")


def test_an_unsettled_file_is_not_remembered(tmp_path):
    """Check that a file written just now is hashed again on every key."""
    rules = tmp_path / "a.mg"
    rules.write_text("drug x\n")
    memo = Digests(tmp_path / "cache")
    memo.digest(rules)
    memo.save()
    assert not (tmp_path / "cache" / "digests").exists()


def test_rule_texts_are_read_when_first_asked_for(tmp_path):
    """Check that a warm graph reads its rule texts on first use: a snippet shows the line,
    and a file changed since the load reads as empty, never as other text."""
    rules = tmp_path / "rules"
    shutil.copytree(FIXTURES / "seed", rules)
    (rules / "zz_extra.mg").write_text("drug zz\n", encoding="utf-8")
    store = Cache(tmp_path / "store")
    cold = load(rules, cache=store)
    warm = load(rules, cache=store)
    first, second = sorted(warm.graph.texts)
    assert warm.graph.texts[first] == cold.graph.texts[first]
    claim = next(c for c in warm.graph.claims if c.span.file == first)
    assert warm.graph.line(claim.span) == cold.graph.line(claim.span)
    with open(second, "a", encoding="utf-8") as changed:
        changed.write("# edited\n")
    assert warm.graph.texts[second] == ""


def test_a_warm_ask_imports_no_graph_library_nor_parser(tmp_path):
    """Check the warm path with ``python -X importtime``'s eye: a warm ``mechgraph ask``
    process loads neither networkx, scipy, pint, pyparsing, pygments nor graphviz."""
    import subprocess
    import sys

    rules = tmp_path / "rules"
    shutil.copytree(FIXTURES / "seed", rules)
    heavy = ("networkx", "scipy", "pint", "pyparsing", "pygments", "graphviz")
    script = (
        "import sys\n"
        "from mechgraph.cli import main\n"
        f"code = main(['ask', 'imipramine', 'antidepressant_effect', {str(rules)!r}])\n"
        f"print(sorted(m for m in {heavy!r} if m in sys.modules), code)\n"
    )
    env = {**os.environ, "MECHGRAPH_CACHE": str(tmp_path / "cache")}
    runs = [
        subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        ).stdout.splitlines()[-1]
        for _ in range(2)
    ]
    assert runs[0] != "[] 0" and runs[1] == "[] 0"  # cold parses (pyparsing ...); warm does not
