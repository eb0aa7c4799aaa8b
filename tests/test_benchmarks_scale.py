"""Tests of issue 16's benchmark apparatus: the streaming generator, the memory guard,
chunked parsing, and the RSS, warm-start and phase rows of the report (tiny sizes only)."""

from __future__ import annotations

import hashlib
import io
import json
import re
import subprocess
import sys
import tracemalloc

import pytest
from bench_support import SCALE_LABELS

from benchmarks import generate, growth, parts, phases, report, run, scale
from benchmarks.guard import run_capped
from benchmarks.layout import TARGET, CorpusSpec, Layout
from mechgraph.language.parser import parse_text
from mechgraph.language.syntax import Blank
from mechgraph.model import load

#: sha256 of (rules, edge list) written by the generator before it kept members as ids:
#: the streaming generator must give the same corpora byte for byte.
PINNED = {
    CorpusSpec(2000, seed=3): (
        "9ca79da82e8327dce64ef5fd91eba24a591c735ad443c5b1a7b2a62fc8921f02",
        "79afa2f9f344ed5f906c6993e39ddee49ea740999301bab18ffcb0f737dde682",
    ),
    CorpusSpec(20_000, seed=0): (
        "94068f32ebc0d4b1a2b574e4e0cc7857aabb53693d8147d70d0324b6e039b774",
        "76bfbf27c6ad2e6f88cc8913f11fcbf38caf5a9868a263a9855f5d0f832e518f",
    ),
}


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.mark.parametrize("spec", list(PINNED), ids=lambda spec: str(spec.links))
def test_generator_writes_the_same_corpus_as_before(spec):
    """Check that streaming the class members as ids changed no byte of any corpus."""
    mg, edges = io.StringIO(), io.StringIO()
    generate.write(spec, mg, edges)
    assert (_sha(mg.getvalue()), _sha(edges.getvalue())) == PINNED[spec]


def test_a_corpus_in_parts_is_the_same_corpus(tmp_path):
    """Check that a corpus written as a folder of parts (as past 1M links) is the single
    file's text cut at blank lines, and that mechgraph loads the same model from it."""
    spec = next(iter(PINNED))
    folder, single = tmp_path / "parts", tmp_path / "single.mg"
    generate.write_files(spec, folder, part_chars=20_000)
    generate.write_files(spec, single)
    files = parts.corpus_files(folder)
    assert len(files) == 3 and parts.first_line(folder) == generate.header(spec)
    assert _sha("".join(f.read_text() for f in files)) == PINNED[spec][0]
    assert generate.edge_path(folder).read_text() == generate.edge_path(single).read_text()
    together, alone = load(folder), load(single)
    assert len(together.graph.claims) == len(alone.graph.claims) == spec.links
    question = (Layout.of(spec).name(0), TARGET)
    answers = [
        re.sub(r"\S+\.mg:\d+:\d+", "FILE", m.ask(*question).format()) for m in (together, alone)
    ]
    assert answers[0] == answers[1] and answers[0].startswith("yes")


class _Counting(io.TextIOBase):
    """A sink that keeps nothing but the number of characters written."""

    def __init__(self) -> None:
        self.written = 0

    def write(self, text: str) -> int:
        self.written += len(text)
        return len(text)


def test_generator_memory_is_bounded():
    """Check that the generator keeps a small fraction of what it writes: the text is
    streamed, only the layout and the members' 4-byte ids stay in memory."""
    mg, edges = _Counting(), _Counting()
    tracemalloc.start()
    try:
        generate.write(CorpusSpec(50_000, seed=1), mg, edges)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert mg.written > 2_500_000
    assert peak < (mg.written + edges.written) / 20, (peak, mg.written)


def test_chunks_parse_as_the_whole_text():
    """Check that the chunks of a big corpus cut only at blank lines: parsed one by one they
    give the statements of the whole text, without an error."""
    mg, edges = io.StringIO(), io.StringIO()
    generate.write(CorpusSpec(3000, seed=2), mg, edges)
    text = mg.getvalue()
    chunks = list(phases.text_chunks(io.StringIO(text), size=500))
    assert len(chunks) > 3 and "".join(chunks) == text
    whole = parse_text(text, "c.mg").statements
    parts = [st for chunk in chunks for st in parse_text(chunk, "c.mg").statements]
    kinds = [
        [type(st).__name__ for st in found if not isinstance(st, Blank)] for found in (parts, whole)
    ]
    assert kinds[0] == kinds[1] and "Hypothesis" in kinds[0]
    assert all(not chunk.rstrip("\n").endswith(":") for chunk in chunks)


class TestGuard:
    def test_a_failing_child_is_failed_not_out_of_memory(self):
        """Check that a plain failure is told apart from an exhausted cap."""
        outcome = run_capped([sys.executable, "-c", "raise SystemExit('boom')"], cap_gib=2.0)
        assert (outcome.status, outcome.returncode, outcome.error) == ("failed", 1, "boom")

    def test_the_cap_stops_the_child_not_the_parent(self):
        """Check that a child allocating past its cap ends as `out of memory` with its own
        peak RSS, while a child within the cap measures its allocation."""
        grab = "x = bytearray({} << 20); x[::4096] = b'1' * len(x[::4096])"
        # Linux keeps a process's peak RSS across exec, so a child forked from this large
        # test process would report this process's size: measure from a small parent, as
        # the benchmark's own parent is.
        measure = (
            "import sys; from benchmarks.guard import run_capped; "
            f"o = run_capped([sys.executable, '-c', {grab.format(300)!r}], cap_gib=2.0); "
            "print(o.ok, o.peak_rss_mib)"
        )
        ok, peak = subprocess.run(
            [sys.executable, "-c", measure], capture_output=True, text=True, check=True
        ).stdout.split()
        assert ok == "True" and 300 < float(peak) < 600
        big = run_capped([sys.executable, "-c", grab.format(3000)], cap_gib=1.0)
        assert big.status == "out of memory" and "MemoryError" in big.error
        assert big.peak_rss_mib < 1024


def _size(links: int, **parts) -> dict:
    return {"links": links, "lines": links, "timings": {}, **parts}


def _rows(label: str, result: dict) -> dict[str, report.Row]:
    return {
        row.label: row for row in report.figure_rows({label: result}) if row.label in SCALE_LABELS
    }


def _memory(mech: float, base: float) -> dict:
    load = {"checkpoints_mib": {"load": mech}, "process": {"peak_rss_mib": mech}}
    return scale.memory_row(load, {"peak_rss_mib": base, "cpu_s": 1.0, "process": {}})


class TestRows:
    @pytest.mark.parametrize("mech, verdict", [(1000.0, "PASS"), (1100.0, "FAIL")])
    def test_rss_ratio_judged_at_1m(self, mech, verdict):
        """Check that the RSS ratio passes at most at 2x, judged at 1M only."""
        row = _rows("1M", _size(10**6, memory=_memory(mech, 500.0)))[
            "peak RSS: mechgraph load vs bare nx graph"
        ]
        assert (row.ratio, row.verdict) == (mech / 500.0, verdict)
        other = _rows("100k", _size(10**5, memory=_memory(mech, 500.0)))
        assert other["peak RSS: mechgraph load vs bare nx graph"].verdict == "info"

    @pytest.mark.parametrize(
        "warm, seed, verdicts", [(0.9, 0.3, ("PASS", "PASS")), (1.2, 0.1, ("FAIL", "FAIL"))]
    )
    def test_warm_start_targets(self, warm, seed, verdicts):
        """Check the two warm-start targets at 1M: at most 1 s, at most 10x the seed."""
        start = scale.warm_row({"status": "ok", "cold": 5.0, "warm": warm}, {"warm": seed})
        rows = _rows("1M", _size(10**6, warm_start=start))
        found = (
            rows["warm `mechgraph ask` process (wall)"].verdict,
            rows["warm `ask` vs the seed's 16 links (wall)"].verdict,
        )
        assert found == verdicts
        assert rows["warm `ask` vs the seed's 16 links (wall)"].ratio == round(warm / seed, 3)

    def test_out_of_memory_at_10m_is_a_fail_row(self):
        """Check that a phase killed by the cap at 10M is a FAIL row naming the phase, and the
        RSS row says why it has no ratio."""
        error = "out of memory at 10M in load (exit 1): MemoryError"
        load = {"error": error, "process": {"status": "out of memory", "peak_rss_mib": 16e3}}
        nx = {"peak_rss_mib": 3000.0, "cpu_s": 90.0, "process": {"status": "ok"}}
        result = _size(10**7, memory=scale.memory_row(load, nx))
        result["timings"] = scale.phase_timings(load, nx, in_memory=False)
        result["phases"] = scale.phase_status(result, {"load": load, "nx": nx})
        rows = _rows("10M", result)
        status = rows["every process within the memory cap"]
        assert status.verdict == "FAIL" and "out of memory at 10M in load" in status.value
        memory = rows["peak RSS: mechgraph load vs bare nx graph"]
        assert memory.ratio is None and memory.value.startswith("out of memory at 10M")
        assert result["memory"]["rss_ratio_vs_networkx"] is None


def test_growth_table_per_link_includes_memory():
    """Check that the growth table shows cost per link for fresh-process figures and KiB
    per link of peak RSS, with a step factor of 1.00 for linear growth."""
    sizes = {
        label: _size(
            n,
            timings={"load": {"median_s": n * 3e-6}, "nx_load": {"median_s": n * 1e-6}},
            memory={"mechgraph_peak_rss_mib": n / 1024, "networkx_peak_rss_mib": None},
        )
        for label, n in (("1k", 1000), ("10k", 10_000), ("10M", 10**7))
    }
    lines = growth.growth_table(sizes).splitlines()
    assert lines[0].split()[:4] == ["figure", "(per", "link)", "1k"]
    rows = {line.split("  ")[0]: line.split() for line in lines[2:]}
    assert rows["load"][1:3] == ["3.00", "µs"] and rows["load"][-2:] == ["1.00", "1.00"]
    assert rows["peak RSS, mechgraph load"][-2:] == ["1.00", "1.00"]
    assert "peak RSS, bare networkx graph" not in rows  # nothing measured


def test_merge_adds_another_runs_sizes(tmp_path, capsys):
    """Check that --merge puts another run's sizes (a 10M run measured apart) beside the
    JSON's, replacing a size both hold, ordered by links, keeping the drawing."""
    mine, other = tmp_path / "results.json", tmp_path / "big.json"
    drawing = {"render": {"seconds": 1.0}, "ask_render": {"seconds": 2.0}, "within_budget": True}
    mine.write_text(
        json.dumps({"drawing": drawing, "sizes": {"1M": _size(10**6), "1k": _size(1000)}})
    )
    other.write_text(json.dumps({"sizes": {"10M": _size(10**7), "1k": _size(1000, lines=7)}}))
    assert run.main(["--json", str(mine), "--merge", str(other)]) == 0
    document = json.loads(mine.read_text())
    assert list(document["sizes"]) == ["1k", "1M", "10M"] and document["drawing"] == drawing
    assert document["sizes"]["1k"]["lines"] == 7
    assert {row["size"] for row in document["figures"]} == {"1k", "1M", "10M"}
    assert "figure (per link)" in capsys.readouterr().out
