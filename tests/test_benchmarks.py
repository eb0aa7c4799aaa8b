"""Tests of the benchmark apparatus: the corpus generator, the baselines, the report.

No timing is asserted: these check determinism, validity and bookkeeping at tiny size.
"""

from __future__ import annotations

import doctest
import importlib
import io
import json
import subprocess
import sys

import networkx as nx
import pytest
from bench_support import check_scale_rows

from benchmarks import baselines, figures, generate, growth, pathological, report, run
from benchmarks.layout import CLASS, PATHWAY, TARGET, CorpusSpec, Layout
from mechgraph.errors import Severity
from mechgraph.language.syntax import ENTITY_KINDS, Link, Relation

from conftest import ROOT

SMALL = CorpusSpec(links=2000, seed=3)


def _corpus(spec: CorpusSpec) -> tuple[str, list[tuple[str, str, str]]]:
    mg, edges = io.StringIO(), io.StringIO()
    generate.write(spec, mg, edges)
    rows = [tuple(row.split("\t")) for row in edges.getvalue().splitlines()]
    return mg.getvalue(), rows


@pytest.fixture(scope="module")
def small() -> tuple[str, list[tuple[str, str, str]]]:
    return _corpus(SMALL)


@pytest.mark.parametrize(
    "module",
    [
        *("layout", "generate", "baselines", "figures", "report", "run", "startup"),
        *("graph_build", "pathological", "guard", "phases", "scale", "growth", "warm_start"),
        "parts",
    ],
)
def test_doctests(module):
    """Check that the examples in the benchmarks' docstrings hold (pytest collects tests/ only)."""
    result = doctest.testmod(importlib.import_module(f"benchmarks.{module}"))
    assert result.failed == 0 and result.attempted > 0


class TestGenerate:
    def test_same_seed_same_bytes(self, small):
        """Check that generation is deterministic, for the rules and the edge list."""
        assert _corpus(SMALL) == small

    def test_other_seed_other_corpus(self, small):
        """Check that the seed matters."""
        assert _corpus(CorpusSpec(SMALL.links, seed=4))[0] != small[0]

    def test_exact_link_count(self, small):
        """Check that the corpus has exactly the requested link lines."""
        text, rows = small
        assert len(baselines.read_links(text)) == SMALL.links
        assert sum(1 for row in rows if row[1] != "isa") == SMALL.links

    def test_too_small_is_refused(self):
        """Check that a spec below the minimum size is a ValueError."""
        with pytest.raises(ValueError, match="at least 300"):
            CorpusSpec(links=10)

    def test_every_kind_declared(self, small):
        """Check that every entity kind has a declaration line."""
        starts = {line.split(" ", 1)[0] for line in small[0].splitlines()}
        assert set(ENTITY_KINDS) <= starts

    def test_statement_forms_present(self, small):
        """Check that sources, contexts with value isa, hypotheses and statuses are all there."""
        text = small[0]
        for needle in (
            "\nsource src_0 = pmid:",
            "\ncontext region ",
            "isa brain\n",
            "hypothesis final_common_pathway @src_0:\n",
            f"    every {CLASS} reaches {TARGET} through {PATHWAY}\n",
            "status=hypothesis",
            "@pmid:",
            ' "',
            "=10mg/kg",
        ):
            assert needle in text
        assert any(f" {word} " in text for word in ("increases", "decreases", "association"))

    def test_link_names_are_declared(self, small):
        """Check that every name a link uses is declared as an entity or class."""
        text, rows = small
        declared = {CLASS}
        lay = Layout.of(SMALL)
        declared |= {lay.name(node) for node in range(lay.entities)}
        declared |= {obj for _, relation, obj in rows if relation == "isa"}
        assert {s for s, _, _ in rows} | {o for _, _, o in rows} <= declared

    def test_edge_list_matches_rules(self, small):
        """Check that the ceiling reader and the edge list agree link by link."""
        text, rows = small
        links = [row for row in rows if row[1] != "isa"]
        assert [(s, r, o) for s, r, o, _ in _as_arrows(baselines.read_links(text))] == links


@pytest.fixture(scope="module")
def graph(small) -> nx.DiGraph:
    """The traversable graph of the small corpus: links except -0, plus isa."""
    return nx.DiGraph((s, o) for s, r, o in small[1] if r not in baselines.NOT_TRAVERSED)


@pytest.fixture(scope="module")
def members(small) -> list[str]:
    """The leaf members of the big class."""
    hierarchy = nx.DiGraph((s, o) for s, r, o in small[1] if r == "isa")
    return sorted(n for n in nx.ancestors(hierarchy, CLASS) if hierarchy.in_degree(n) == 0)


class TestShape:
    """The graph must make the benchmark questions meaningful."""

    def test_big_class(self, members):
        """Check that the big class has the layout's number of leaf members."""
        assert len(members) == Layout.of(SMALL).members

    def test_every_member_reaches_target(self, graph, members):
        """Check that every member has a route to the target."""
        assert all(nx.has_path(graph, m, TARGET) for m in members)

    def test_pathway_separates(self, graph, members):
        """Check that removing the common pathway cuts every member off the target."""
        cut = graph.copy()
        cut.remove_node(PATHWAY)
        assert not any(nx.has_path(cut, m, TARGET) for m in members)

    def test_cycles_but_mostly_forward(self, graph):
        """Check that the graph has cycles, yet most nodes are in no cycle."""
        cyclic = [c for c in nx.strongly_connected_components(graph) if len(c) > 1]
        assert cyclic
        assert sum(map(len, cyclic)) < graph.number_of_nodes()

    def test_noise_is_not_reached(self, graph):
        """Check that a member does not reach the noise zone."""
        lay = Layout.of(SMALL)
        reached = nx.descendants(graph, lay.name(0))
        assert not reached & {lay.name(n) for n in lay.zone_range("N")}


def _as_arrows(links):
    return [(s, Relation.from_word(r).value, o, ctx) for s, r, o, ctx in links]


@pytest.fixture(scope="module")
def rule_file(small):
    """The small corpus through the real parser (skipped until the parser is on main)."""
    parser = pytest.importorskip("mechgraph.language.parser")
    return parser.parse_text(small[0], "small.mg")


class TestAgainstMechgraph:
    """The corpus is valid rule text: the real parser and compiler accept it."""

    def test_parser_reads_what_the_ceiling_reads(self, small, rule_file):
        """Check that the parser's links equal the ceiling reader's, pair by pair."""
        parsed = [
            (
                st.subject.name,
                st.relation.value,
                st.object.name,
                tuple((q.key, q.value) for q in st.context),
            )
            for st in rule_file.statements
            if isinstance(st, Link)
        ]
        assert parsed == _as_arrows(baselines.read_links(small[0]))

    def test_compiles_without_errors(self, rule_file):
        """Check that the compiler reports no error (warnings allowed) and keeps every link."""
        compiler = pytest.importorskip("mechgraph.compiler.compile")
        graph, diagnostics = compiler.compile_rules([rule_file])
        assert [d for d in diagnostics if d.severity is Severity.ERROR] == []
        assert len(graph.claims) == SMALL.links


class TestBaselines:
    def test_read_links_quoted_and_words(self):
        """Check that the ceiling unquotes names, reads BEL words and skips other lines."""
        text = (
            '"a \\"b\\"" increases c_1 [k=v]  # note\n'
            "drug a, b\n    every a reaches b\nx -| y @s status=hypothesis\n"
        )
        assert baselines.read_links(text) == [
            ('a "b"', "increases", "c_1", (("k", "v"),)),
            ("x", "-|", "y", ()),
        ]

    def test_bfs_skips_no_change(self):
        """Check that igraph's BFS does not follow a -0 edge."""
        graph, index = baselines.igraph_graph([("a", "-0", "b"), ("a", "isa", "c")])
        assert baselines.igraph_bfs(graph, index["a"]) == 2


class TestFigures:
    def test_failing_task_is_noted(self):
        """Check that a task that raises gets a note, not samples, and others still run."""
        timings, results = figures.time_round_robin(
            {"bad": lambda: 1 / 0, "good": lambda: "x"}, repeat=2
        )
        assert timings["bad"].samples == () and "ZeroDivisionError" in timings["bad"].note
        assert len(timings["good"].samples) == 2 and results["good"] == "x"


class TestReport:
    def _sizes(self, **medians):
        timings = {name: {"median_s": value, "note": ""} for name, value in medians.items()}
        return {"1M": {"links": 10**6, "lines": 10**6, "timings": timings}}

    @pytest.mark.parametrize("ask, verdict", [(2.9, "PASS"), (3.1, "FAIL")])
    def test_time_verdict(self, ask, verdict):
        """Check that a time figure passes at most at its limit."""
        rows = report.figure_rows(self._sizes(igraph_bfs=1.0, ask=ask))
        row = next(r for r in rows if r.label.startswith("ask vs"))
        assert (row.ratio, row.verdict) == (ask, verdict)

    def test_target_judged_at_its_size_only(self):
        """Check that a 1M target is shown, not judged, on a smaller corpus."""
        sizes = {"10k": self._sizes(igraph_bfs=1.0, ask=9.0)["1M"]}
        row = next(r for r in report.figure_rows(sizes) if r.label.startswith("ask vs"))
        assert (row.ratio, row.verdict, row.target) == (9.0, "info", "<= 3 at 1M")

    def test_missing_figure_is_na(self):
        """Check that a figure without samples is n/a with its note."""
        rows = report.figure_rows(
            {
                "1k": {
                    "links": 1000,
                    "lines": 1000,
                    "timings": {
                        "ceiling": {"median_s": 1.0},
                        "parse": {"median_s": None, "note": figures.NOT_ON_MAIN},
                    },
                }
            }
        )
        assert (rows[0].verdict, rows[0].value) == ("n/a", figures.NOT_ON_MAIN)

    def test_growth_steps(self):
        """Check that linear growth shows a step factor of 1.00 and quadratic 10.00."""
        sizes = {
            label: {
                "links": n,
                "lines": n,
                "timings": {
                    "ceiling": {"median_s": n * 1e-6},
                    "parse": {"median_s": (n * 1e-3) ** 2},
                },
            }
            for label, n in (("1k", 1000), ("10k", 10_000))
        }
        table = growth.growth_table(sizes).splitlines()
        assert table[2].endswith("1.00") and table[3].endswith("10.00")


def _run_benchmarks(*args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "benchmarks.run", "--repeat", "1", *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_runner_end_to_end(tmp_path):
    """Check that the runner measures a tiny size in subprocesses and writes the JSON."""
    out = tmp_path / "results.json"
    done = _run_benchmarks("--sizes", "300", "--corpora", str(tmp_path), "--json", str(out))
    assert done.returncode == 0, done.stderr
    document = json.loads(out.read_text())
    assert document["complete"] is True
    assert document["machine"]["cores"] >= 1 and document["machine"]["python"]
    size = document["sizes"]["300"]
    assert size["timings"]["ceiling"]["samples_cpu_s"] and size["peak_rss_mib"] > 0
    assert {t.label for t in report.TARGETS} < {row["label"] for row in document["figures"]}
    assert "parse lines/s vs re+split" in done.stdout
    for drawing in (document["drawing"]["render"], document["drawing"]["ask_render"]):
        assert drawing["exit"] == 0 and "not shown" in drawing["note"]
    check_scale_rows(document, "300", phased=False)
    # a phased size added to the same JSON: the 300 row and the drawing are kept
    done = _run_benchmarks(
        *("--sizes", "400", "--in-memory-up-to", "300", "--update"),
        *("--corpora", str(tmp_path), "--json", str(out)),
    )
    assert done.returncode == 0, done.stderr
    document = json.loads(out.read_text())
    assert list(document["sizes"]) == ["300", "400"] and "drawing" in document
    check_scale_rows(document, "400", phased=True)
    assert "figure (per link)" in done.stdout


def test_drawing_alone_replaces_only_its_row(tmp_path, monkeypatch):
    """Check that --drawing measures the drawing and keeps every other figure of the JSON."""
    out = tmp_path / "results.json"
    out.write_text(json.dumps({"figures": ["kept"], "drawing": {"old": True}}))
    row = {"render": {"seconds": 1.0}, "ask_render": {"seconds": 2.0}, "within_budget": True}
    monkeypatch.setattr(run, "measure_drawing", lambda corpus: dict(row))
    monkeypatch.setattr(run, "ensure_corpus", lambda spec, folder: folder / "corpus.mg")
    assert run.main(["--drawing", "--json", str(out), "--corpora", str(tmp_path)]) == 0
    document = json.loads(out.read_text())
    assert document["figures"] == ["kept"]
    assert document["drawing"]["render"] == {"seconds": 1.0}
    assert set(document["drawing"]["measured"]) == {"commit", "date"}


@pytest.mark.parametrize("name", sorted(figures.ENTRY_POINTS))
def test_every_entry_point_is_importable(name):
    """Check that a module move is followed here: a stale entry would silently report n/a."""
    assert figures._entry(name) is not None


def test_pathological_benchmark_end_to_end(tmp_path):
    """Check that issue 18's pathological benchmark runs both sides of each case in fresh
    processes, checks mechgraph's answers, and writes ratios and ceilings (at a small
    scale the verdict is `info`: the ceilings hold at the issue's sizes)."""
    out = tmp_path / "pathological.json"
    command = [sys.executable, "-m", "benchmarks.pathological", "--scale", "0.002"]
    done = subprocess.run(
        [*command, "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
    rows = json.loads(out.read_text())["rows"]
    assert [row["case"] for row in rows] == [case.name for case in pathological.CASES]
    for row in rows:
        assert row["verdict"] == "info" and row["right_answer"], row
        assert row["mechgraph"]["peak_mib"] > 0 and row["baseline"]["seconds"] >= 0
        assert row["time_ratio"] > 0 and row["memory_ceiling"] > 1
