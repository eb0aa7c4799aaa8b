"""How fast the language server re-diagnoses a large file after one edit (issue 17).

``python -m benchmarks.lsp [--links 10000] [--repeat 7] [--out FILE] [--results FILE]``

On the synthetic corpus of ``--links`` links (the one ``benchmarks.run``
generates), in one run:

* ``check`` (the baseline): what ``mechgraph check FILE`` does before judging
  hypotheses — load and parse the file, compile, lint — from scratch;
* ``edit``: :meth:`~mechgraph.lsp.project.Project.refresh` after one
  character typed inside a link line, and the file's LSP diagnostics;
* ``newline``: the same after a line is added in the middle of the file
  (every piece below it is re-parsed: their line numbers moved);
* ``server``: a real ``mechgraph lsp`` process over stdio, from the
  ``didChange`` notification sent to the ``publishDiagnostics`` received
  (wall clock; debounce 0).

Edits alternate between two texts, each call a real change; the typed
character makes a name undeclared and back, so every edit changes the
diagnostics and the server publishes them.  Timings are medians of
``--repeat`` samples, round-robin with the baseline
(:func:`benchmarks.figures.time_round_robin`).  The target: ``server`` ≤ 0.300 s
at 10k links.  Every sample goes to ``--out`` (``results-lsp.json``); a summary
(medians, ratios against ``check``, the load average, commit and date) replaces
the ``lsp`` row of ``--results`` (``results.json``), keeping its other figures.

>>> _toggled("a\\nb -> c\\nd", 1)
('a\\nb -> c\\nd', 'a\\nbq -> c\\nd')
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from .figures import Clock, Sample, Timing, time_round_robin
from .layout import CorpusSpec
from .report import machine
from .run import HERE, ensure_corpus

__all__ = ["measure_lsp", "main", "record", "summary", "TARGET_S"]

#: The issue's limit for re-diagnosing a 10k-link file after a change, in seconds.
TARGET_S = 0.300


def _toggled(text: str, line: int) -> tuple[str, str]:
    """``text``, and ``text`` with a ``q`` typed after the subject of ``line`` (0-based)."""
    lines = text.split("\n")
    subject, rest = lines[line].split(" ", 1)
    lines[line] = f"{subject}q {rest}"
    return text, "\n".join(lines)


def _link_line(text: str) -> int:
    """The middle link line of the corpus."""
    lines = text.split("\n")
    middle = len(lines) // 2
    return next(i for i in range(middle, len(lines)) if " -> " in lines[i] or " -| " in lines[i])


def _in_process(corpus: Path, repeat: int) -> dict[str, Timing]:
    from mechgraph.compiler.compile import compile_rules
    from mechgraph.compiler.lint import lint
    from mechgraph.language.loader import load_paths
    from mechgraph.lsp.diagnostics import to_lsp
    from mechgraph.lsp.project import Project, normal_path

    path = normal_path(corpus)
    text = corpus.read_text(encoding="utf-8")
    line = _link_line(text)
    typed = _toggled(text, line)
    added = (text, "\n".join(text.split("\n")[:line] + ["# a new line"] + text.split("\n")[line:]))

    def check() -> int:
        files, found = load_paths([corpus])
        graph, compiled = compile_rules(files)
        return len(found + compiled + lint(graph))

    def rediagnose(project: Project, texts: tuple[str, str], turn: list[int]):
        def task() -> int:
            turn[0] ^= 1
            project.set_text(path, texts[turn[0]])
            state = project.refresh()
            lines = texts[turn[0]].split("\n")
            return len([to_lsp(d, lines) for d in state.diagnostics_of(path)])

        return task

    edit_project, newline_project = Project([path]), Project([path])
    for project in (edit_project, newline_project):
        project.set_text(path, text)
        project.refresh()
    tasks = {
        "check": check,
        "edit": rediagnose(edit_project, typed, [0]),
        "newline": rediagnose(newline_project, added, [0]),
    }
    timings, _ = time_round_robin(tasks, repeat)
    return timings


async def _server(corpus: Path, repeat: int) -> Timing:
    """didChange → publishDiagnostics through a real server process, wall clock."""
    from lsprotocol import types
    from pygls.lsp.client import LanguageClient

    text = corpus.read_text(encoding="utf-8")
    texts = _toggled(text, _link_line(text))
    uri = corpus.resolve().as_uri()
    client = LanguageClient("benchmarks", "1")
    published: asyncio.Queue[float] = asyncio.Queue()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def _published(params: types.PublishDiagnosticsParams) -> None:
        if params.uri == uri:
            published.put_nowait(time.perf_counter())

    await client.start_io(sys.executable, "-m", "mechgraph", "lsp")
    await client.initialize_async(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            workspace_folders=[types.WorkspaceFolder(corpus.parent.resolve().as_uri(), "corpora")],
            initialization_options={"paths": [corpus.name], "debounce": 0},
        )
    )
    client.initialized(types.InitializedParams())
    started = time.perf_counter()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "mechgraph", 1, text))
    )
    first = await asyncio.wait_for(published.get(), 120) - started
    samples = []
    for version in range(2, repeat + 2):
        sent = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(version=version, uri=uri),
                [types.TextDocumentContentChangeWholeDocument(text=texts[version % 2])],
            )
        )
        samples.append(await asyncio.wait_for(published.get(), 60) - sent)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return Timing(
        "server",
        tuple(Sample(s, s) for s in samples),
        Sample(first, first),
        1,
        note="wall clock, open → first diagnostics as first call",
    )


def measure_lsp(corpus: Path, repeat: int) -> dict[str, Any]:
    """Every figure on ``corpus``: in-process timings on CPU time, the server's on the wall clock."""
    timings = _in_process(corpus, repeat)
    timings["server"] = asyncio.run(_server(corpus, repeat))
    figures = {
        name: t.to_dict(Clock.WALL if name == "server" else Clock.CPU)
        for name, t in timings.items()
    }
    check = timings["check"].median(Clock.CPU) or float("nan")
    server = timings["server"].median(Clock.WALL)
    return {
        "lines": corpus.read_text(encoding="utf-8").count("\n"),
        "repeat": repeat,
        "timings": figures,
        "ratios": {
            name: (timings[name].median(Clock.CPU) or 0) / check for name in ("edit", "newline")
        },
        "target_s": TARGET_S,
        "verdict": "PASS" if server is not None and server <= TARGET_S else "FAIL",
    }


def table(result: dict[str, Any]) -> str:
    """The figures as a Markdown table."""
    rows = ["| figure | median | first call | vs check |", "|---|---|---|---|"]
    for name in ("check", "edit", "newline", "server"):
        t = result["timings"][name]
        ratio = result["ratios"].get(name)
        shown = f"{ratio:.2f}×" if ratio is not None else ("1.00×" if name == "check" else "")
        rows.append(
            f"| {name} | {t['median_s'] * 1000:.0f} ms | {t['first_call_s'] * 1000:.0f} ms | {shown} |"
        )
    rows.append(f"\nserver ≤ {TARGET_S * 1000:.0f} ms: {result['verdict']}")
    return "\n".join(rows)


def summary(result: dict[str, Any]) -> dict[str, Any]:
    """The ``lsp`` row of ``results.json``: medians (ms), ratios to ``check``, the verdict.

    >>> t = {n: {"median_s": s} for n, s in [("check", .5), ("edit", .05), ("newline", .3),
    ...      ("server", .2)]}
    >>> row = summary({"links": 10, "timings": t, "ratios": {"edit": .1, "newline": .6},
    ...                "verdict": "PASS", "load": [3.0, 2.0, 1.0], "machine": {}})
    >>> row["median_ms"], row["vs_check"], row["server_ms"], row["verdict"]
    ({'check': 500.0, 'edit': 50.0, 'newline': 300.0}, {'edit': 0.1, 'newline': 0.6}, 200.0, 'PASS')
    """
    timings = result["timings"]
    machine = result["machine"]
    return {
        "links": result["links"],
        "median_ms": {
            name: round(timings[name]["median_s"] * 1000, 1)
            for name in ("check", "edit", "newline")
        },
        "clock": "cpu (check, edit, newline); wall (server)",
        "vs_check": {name: round(ratio, 3) for name, ratio in result["ratios"].items()},
        "server_ms": round(timings["server"]["median_s"] * 1000, 1),
        "target_ms": TARGET_S * 1000,
        "verdict": result["verdict"],
        "load_average": result["load"],
        "measured": {"commit": machine.get("commit"), "date": machine.get("date")},
    }


def record(row: dict[str, Any], results: Path) -> None:
    """Replace the ``lsp`` row of ``results`` with ``row``, keeping everything else."""
    try:
        document = json.loads(results.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        document = {}
    document["lsp"] = row
    results.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--links", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--corpora", type=Path, default=HERE / "corpora")
    parser.add_argument("--out", type=Path, default=HERE / "results-lsp.json")
    parser.add_argument("--results", type=Path, default=HERE / "results.json")
    args = parser.parse_args(argv)
    corpus = ensure_corpus(CorpusSpec(args.links, args.seed), args.corpora)
    result = {"links": args.links, "machine": machine(), **measure_lsp(corpus, args.repeat)}
    result["load"] = [round(load, 2) for load in os.getloadavg()]
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    record(summary(result), args.results)
    print(table(result) + f"\nload average {' '.join(map(str, result['load']))}")
    return 0 if result["verdict"] == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
