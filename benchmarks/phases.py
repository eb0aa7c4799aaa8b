"""The phases of a size measured one per fresh, memory-capped process.

Every size runs :func:`load_phase` (mechgraph's whole load, as ``mechgraph
ask --no-cache`` does it: read, parse, compile) and :func:`nx_phase` (a bare
``networkx.MultiDiGraph`` of the same links, read from the edge list) in
processes of their own, so each one's peak RSS is its own: the RSS ratio row.
Sizes past :data:`IN_MEMORY_LIMIT` links (10M) cannot hold the whole text,
its syntax tree and every baseline in one process, so the timing worker of
smaller sizes is replaced by :func:`parse_phase` (the corpus parsed chunk by
chunk beside the ceiling reader) and :func:`query_phase` (the compiled graph
read from the compiled cache the command line filled, the igraph graph built
from the edge list streamed) — each again a process of its own.

>>> import io
>>> chunks = list(text_chunks(io.StringIO("a\\n\\nb\\nc\\n\\nd\\n"), size=2))
>>> chunks
['a\\n\\n', 'b\\nc\\n\\n', 'd\\n']
>>> edges = list(edge_rows(io.StringIO("a\\t->\\tb\\nb\\tisa\\tc\\n")))
>>> edges, edges[0][0] is edges[1][2] or edges[0][2] is edges[1][0]
([('a', '->', 'b'), ('b', 'isa', 'c')], True)
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from . import baselines, figures
from .generate import edge_path
from .layout import TARGET, CorpusSpec, Layout
from .parts import corpus_files
from .warm_start import CACHE_MAX

__all__ = [
    "IN_MEMORY_LIMIT",
    "CHUNK_LINES",
    "text_chunks",
    "edge_rows",
    "nx_phase",
    "load_phase",
    "parse_phase",
    "query_phase",
]

#: The largest size whose timing worker holds text, tree, graph and baselines at once.
IN_MEMORY_LIMIT = 1_000_000
#: Lines per chunk when a big corpus is parsed chunk by chunk (cut at blank lines only).
CHUNK_LINES = 100_000


def text_chunks(lines: TextIO, size: int = CHUNK_LINES) -> Iterator[str]:
    """The text cut into chunks of at least ``size`` lines, each ending at a blank line
    (so no statement or hypothesis block is split); the last takes the rest."""
    chunk: list[str] = []
    for line in lines:
        chunk.append(line)
        if len(chunk) >= size and line == "\n":
            yield "".join(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk)


def edge_rows(rows: TextIO) -> Iterator[tuple[str, str, str]]:
    """The edge list's rows, streamed, names interned (each name one string object)."""
    intern = sys.intern
    for row in rows:
        subject, relation, obj = row.rstrip("\n").split("\t")
        yield intern(subject), relation, intern(obj)


def _clock() -> tuple[float, float]:
    return time.process_time(), time.perf_counter()


def _since(start: tuple[float, float]) -> dict[str, float]:
    cpu, wall = _clock()
    return {"cpu_s": cpu - start[0], "wall_s": wall - start[1]}


def nx_phase(corpus: Path) -> dict[str, Any]:
    """A bare ``MultiDiGraph`` of the edge list's (subject, object) pairs, no attributes:
    read row by row and built with ``add_edges_from``; its time and this process's peak RSS."""
    import networkx as nx

    start = _clock()
    graph = nx.MultiDiGraph()
    with open(edge_path(corpus), encoding="utf-8") as rows:
        graph.add_edges_from((s, o) for s, _, o in edge_rows(rows))
    return {
        "edges": graph.number_of_edges(),
        "nodes": graph.number_of_nodes(),
        **_since(start),
        "peak_rss_mib": figures.peak_rss_mib(),
    }


def load_phase(corpus: Path, spec: CorpusSpec, cache: Path | None = None) -> dict[str, Any]:
    """``mechgraph.model.load`` of the corpus (read, parse, compile; with ``cache``, also
    writing the compiled cache there, as a first ``ask`` does), then one ``ask``: times
    and peak RSS after each."""
    from mechgraph.compiler.cache import Cache
    from mechgraph.model import load

    if cache is not None:  # a 10M entry must be kept to be read warm
        os.environ.setdefault("MECHGRAPH_CACHE_MAX", CACHE_MAX)
    checkpoints = {"start": figures.peak_rss_mib()}
    start = _clock()
    model = load(corpus, cache=None if cache is None else Cache(cache))
    timings = {"load": _since(start)}
    checkpoints["load"] = figures.peak_rss_mib()
    start = _clock()
    answer = model.ask(Layout.of(spec).name(0), TARGET)
    timings["ask"] = _since(start)
    checkpoints["ask"] = figures.peak_rss_mib()
    return {
        "links": spec.links,
        "writes_cache": cache is not None,
        "claims": len(model.graph.claims),
        "seconds": timings,
        "checkpoints_mib": checkpoints,
        "peak_rss_mib": figures.peak_rss_mib(),
        "answer": figures.answer_line(answer),
    }


def parse_phase(corpus: Path, repeat: int) -> dict[str, Any]:
    """The parser over the whole corpus chunk by chunk, round-robin with the ceiling
    reader over the same chunks; each chunk's tree is dropped before the next is made."""
    from mechgraph.language.parser import parse_text

    chunks: list[tuple[str, str]] = []  # (file name, text)
    for path in corpus_files(corpus):
        with open(path, encoding="utf-8") as text:
            chunks += [(str(path), chunk) for chunk in text_chunks(text)]

    def parse() -> int:
        return sum(len(parse_text(chunk, name).statements) for name, chunk in chunks)

    def ceiling() -> int:
        return sum(len(baselines.read_links(chunk)) for _, chunk in chunks)

    timings, _ = figures.time_round_robin({"ceiling": ceiling, "parse": parse}, repeat)
    return {
        "lines": sum(chunk.count("\n") for _, chunk in chunks),
        "chunks": len(chunks),
        "timings": {n: t.to_dict() for n, t in timings.items()},
        "peak_rss_mib": figures.peak_rss_mib(),
    }


def query_phase(corpus: Path, spec: CorpusSpec, repeat: int, cache: Path) -> dict[str, Any]:
    """The questions beside igraph's BFS, on the graph read from the compiled cache in
    ``cache`` (filled by the command line's cold run) and igraph built from the edge list."""
    from mechgraph.compiler.cache import Cache
    from mechgraph.model import load

    start = _clock()
    graph = load(corpus, cache=Cache(cache)).graph
    loaded = _since(start)
    with open(edge_path(corpus), encoding="utf-8") as rows:
        ig_graph, index = baselines.igraph_graph(edge_rows(rows))
    timings = figures.measure_queries(graph, ig_graph, index, spec, repeat)
    return {
        "graph_from_cache": loaded,
        "timings": {n: t.to_dict() for n, t in timings.items()},
        "peak_rss_mib": figures.peak_rss_mib(),
    }
