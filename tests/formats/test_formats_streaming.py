"""Streaming import: flat memory as the input grows; the progress bar only on a TTY."""

from __future__ import annotations

import io
import json
import tracemalloc

from mechgraph.formats.reading import iter_json_array, progress, read_lines


def _records(count: int) -> bytes:
    record = {
        "graph": {"_id": "x", "drug": "d", "disease": "z"},
        "nodes": [],
        "links": [],
        "references": ["r" * 200],
    }
    return ("[\n" + ",\n".join(json.dumps(record) for _ in range(count)) + "\n]").encode()


def _peak(function, data: bytes) -> int:
    stream = io.BytesIO(data)
    tracemalloc.start()
    try:
        for _ in function(stream, "x"):
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_json_list_is_read_in_constant_memory():
    """Check that 20x more records do not raise the reader's peak memory."""
    small, large = _records(500), _records(10_000)
    assert len(large) > 15 * len(small)
    assert _peak(iter_json_array, large) < 2 * _peak(iter_json_array, small) + 200_000
    assert _peak(iter_json_array, large) < len(large) / 4


def test_lines_are_read_in_constant_memory():
    """Check the line reader the same way."""
    small, large = b"a\t1\tb\n" * 2_000, b"a\t1\tb\n" * 100_000
    assert _peak(read_lines, large) < 2 * _peak(read_lines, small) + 100_000


def test_json_list_gives_each_record_its_line():
    """Check that records come with the line where they start."""
    lines = [line for line, _ in iter_json_array(io.BytesIO(_records(3)), "x")]
    assert lines == [2, 3, 4]


def test_progress_is_silent_off_a_terminal(capsys):
    """Check that no bar is drawn when stderr is not a TTY (as under pytest)."""
    stream = io.BytesIO(b"abc")
    with progress(stream, "x", quiet=False) as advance:
        advance(3)
    assert capsys.readouterr().err == ""


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_unless_quiet(tmp_path, monkeypatch):
    """Check that a terminal gets a bar naming the file, and --quiet silences it."""
    path = tmp_path / "big.sif"
    path.write_bytes(b"a\t1\tb\n" * 1000)
    for quiet, expected in ((False, True), (True, False)):
        terminal = _Terminal()
        monkeypatch.setattr("sys.stderr", terminal)
        with open(path, "rb") as stream, progress(stream, str(path), quiet=quiet) as advance:
            for _ in read_lines(stream, str(path), advance):
                pass
        assert ("big.sif" in terminal.getvalue()) is expected


def test_every_reader_reports_all_bytes_to_the_progress_bar():
    """Check that each importer advances the bar by the whole file, YAML and JSON alike."""
    from mechgraph.formats import FORMATS
    from mechgraph.formats.builder import RuleBuilder

    from conftest import FIXTURES

    folder = FIXTURES / "formats"
    for format, name in (
        ("drugmechdb", "drugmechdb_3.yaml"),
        ("bel", "pybel_test_bel.bel"),
        ("drugmechdb", "drugmechdb_sample_300.json"),
        ("sif", "signed_edges.sif"),
    ):
        seen = []
        with open(folder / name, "rb") as stream:
            FORMATS[format].read(stream, RuleBuilder(name), seen.append)
        assert sum(seen) == (folder / name).stat().st_size, name
