"""Issue 18, cache poisoning: a damaged or stale entry is a miss, never a wrong answer or exit 70."""

from __future__ import annotations

import json
import os
import random
import time

import pytest

from mechgraph.cli import main
from mechgraph.compiler import cache, cache_files
from mechgraph.compiler.cache import Cache
from mechgraph.compiler.cache_files import cache_limit, evict, store_entry
from mechgraph.language import loader as loader
from mechgraph.model import load

QUESTION = ("imipramine", "antidepressant_effect")


def _body(entry) -> bytes:
    return entry.read_bytes().partition(b"\n")[2]


def test_file_replaced_during_the_load_is_not_stored_under_the_new_key(tmp_path, monkeypatch):
    """Check the race: a file swapped between parse and store never poisons the cache."""
    rules = tmp_path / "big.mg"
    rules.write_text("drug a\nprocess b\nprocess c\na -> b\n")
    store = Cache(tmp_path / "store")
    real = loader.load_paths

    def swap_after_parse(names, *args, **options):
        parsed = real(names, *args, **options)
        rules.write_text("drug a\nprocess b\nprocess c\na -> b\nb -> c\n")
        return parsed

    monkeypatch.setattr(loader, "load_paths", swap_after_parse)
    old = load(rules, cache=store)
    assert old.ask("a", "c").to_dict()["verdict"] != "yes"
    monkeypatch.setattr(loader, "load_paths", real)
    assert store.read([rules]) is None  # nothing stored under the new content's key
    warm = load(rules, cache=store)
    fresh = load(rules)
    assert warm.ask("a", "c").to_dict() == fresh.ask("a", "c").to_dict()
    assert fresh.ask("a", "c").to_dict()["verdict"] == "yes"


def test_an_entry_with_a_broken_seal_is_a_miss_and_removed(seeded):
    """Check that a flipped byte (one relation code) is caught by the digest before use."""
    rules, store, entry = seeded
    data = bytearray(entry.read_bytes())
    at = data.index(b'"relation":[') + len(b'"relation":[')
    data[at] = ord("1") if data[at] != ord("1") else ord("0")
    entry.write_bytes(bytes(data))
    assert store.read([rules]) is None and not entry.exists()
    assert load(rules, cache=store).ask(*QUESTION).to_dict() == load(rules).ask(*QUESTION).to_dict()


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"[" * 100_000 + b"]" * 100_000,  # RecursionError inside json
        b'{"format": 2, "read": 5}',
        b'{"format": 2, "read": [], "graph": {"entities": "x"}, "diagnostics": []}',
        b'{"format": 2, "read": [], "graph": {}, "diagnostics": [{"@": "Severity", "value": 9}]}',
        b"\xff\xfe",
    ],
    ids=["corrupt", "deep", "wrong-read", "wrong-types", "bad-enum", "not-utf8"],
)
def test_any_failure_reading_a_sealed_entry_is_a_miss_not_exit_70(
    seeded, body, capsys, monkeypatch
):
    """Check that sealed but unusable entries (corrupt, 100k deep, wrong types) are misses."""
    rules, store, entry = seeded
    store_entry(store.folder, entry.stem, body, 2**30)
    assert store.read([rules]) is None and not entry.exists()
    monkeypatch.setenv("MECHGRAPH_CACHE", str(store.folder))
    ask = ["ask", *QUESTION, "--rules", str(rules)]
    store_entry(store.folder, entry.stem, body, 2**30)
    assert main(ask) == 0
    warm = capsys.readouterr().out
    assert main([*ask, "--no-cache"]) == 0 and capsys.readouterr().out == warm


def test_the_code_identity_is_in_the_key(seeded, monkeypatch):
    """Check that another build of mechgraph (sources changed) does not share entries."""
    rules, store, _ = seeded
    key = store.key([rules])
    assert cache_files.code_identity() in (cache_files.code_identity(),)  # computed once
    monkeypatch.setattr(cache, "code_identity", lambda: "0.1.0/2/another-commit")
    assert store.key([rules]) != key and store.read([rules]) is None


def test_the_cache_is_bounded_and_evicts_the_least_recently_used(tmp_path, monkeypatch):
    """Check MECHGRAPH_CACHE_MAX: the oldest-used entries go first, the one just written stays."""
    store = Cache(tmp_path / "store")
    files = []
    for n in range(3):
        path = tmp_path / f"r{n}.mg"
        path.write_text(
            "".join(f"drug d{n}_{i}\nprocess p{i}\nd{n}_{i} -> p{i}\n" for i in range(40))
        )
        files.append(path)
    load(files[0], cache=store)
    size = next(store.folder.glob("*.json")).stat().st_size
    monkeypatch.setenv("MECHGRAPH_CACHE_MAX", str(int(size * 2.5)))
    assert cache_limit() == int(size * 2.5)
    load(files[1], cache=store)
    old = time.time() - 100
    for n, entry in enumerate(sorted(store.folder.glob("*.json"), key=os.path.getmtime)):
        os.utime(entry, (old + n, old + n))
    assert store.read([files[0]]) is not None  # used now: the most recent
    load(files[2], cache=store)
    assert store.read([files[0]]) is not None and store.read([files[2]]) is not None
    assert store.read([files[1]]) is None
    assert sum(p.stat().st_size for p in store.folder.glob("*.json")) <= size * 2.5
    monkeypatch.setenv("MECHGRAPH_CACHE_MAX", "0")
    load(files[1], cache=store)
    assert store.read([files[1]]) is None  # 0 stores nothing
    assert evict(store.folder, 0) and not list(store.folder.glob("*.json"))


def _mutate(document, rng: random.Random):
    """One structured mutation of a JSON document, in place (a random value replaced or removed)."""
    slots = []

    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                slots.append((value, key))
                walk(item)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                slots.append((value, index))
                walk(item)

    walk(document)
    container, slot = rng.choice(slots)
    old = container[slot]
    choices = [
        lambda: None,
        lambda: "Relation",
        lambda: [],
        lambda: {},
        lambda: -1,
        lambda: 10**6,
        lambda: 2.5,
        lambda: [[[[]]]],
        lambda: {"@": "Popen", "fields": {}},
        lambda: {"@": "Relation", "value": "?"},
    ]
    if isinstance(old, int) and not isinstance(old, bool):
        choices += [lambda: old + 1, lambda: old - 1, lambda: str(old)]
    if isinstance(old, str):
        choices += [lambda: old + "x", lambda: old.upper(), lambda: ""]
    if rng.random() < 0.2:
        del container[slot]
    else:
        container[slot] = rng.choice(choices)()


def test_a_thousand_structured_mutations_are_refused_or_harmless(seeded):
    """Check 1,000 mutated entries: unsealed ones are always refused, resealed ones never raise.

    A resealed entry is what a writer with access to the cache folder could
    make; it may load (and then is what it says), but reading it never
    fails with anything but a miss.
    """
    rules, store, entry = seeded
    original = json.loads(_body(entry))
    expected = load(rules).ask(*QUESTION).to_dict()
    header = entry.read_bytes().partition(b"\n")[0]
    rng = random.Random(18)
    refused = loaded = 0
    started = time.process_time()  # CPU time: the machine may be busy
    for _ in range(1000):
        document = json.loads(json.dumps(original))
        for _ in range(rng.randint(1, 3)):
            _mutate(document, rng)
        body = json.dumps(document, separators=(",", ":")).encode()
        entry.write_bytes(header + b"\n" + body)  # the old seal: refused unless unchanged
        warm = store.read([rules])
        assert warm is None or body == _body_of(original)
        store_entry(store.folder, entry.stem, body, 2**30)  # sealed again
        warm = store.read([rules])  # never raises
        refused += warm is None
        loaded += warm is not None
    assert refused + loaded == 1000 and refused > 500
    assert load(rules, cache=store).ask(*QUESTION).to_dict() == expected
    assert time.process_time() - started < 30


def _body_of(document) -> bytes:
    return json.dumps(document, separators=(",", ":")).encode()
