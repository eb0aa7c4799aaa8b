"""The cost-growth table: each figure's cost per link at every size, and its step factors.

A figure that grows linearly with the corpus costs the same per link at every
size; the step factor of two neighbouring sizes is the time ratio divided by
the size ratio (1.00: linear; 2.00: twice as steep as linear).  Parsing and
loading are read per link of the corpus, the questions too (one question over
a graph of N links), peak RSS in KiB per link.

>>> sizes = {label: {"links": n, "timings": {"load": {"median_s": n * 2e-6}}}
...          for label, n in (("1k", 1000), ("10k", 10_000))}
>>> table = growth_table(sizes).splitlines()
>>> table[0].split()[3:5], table[2].split()[-1]
(['1k', '10k'], '1.00')
>>> per_link(2e-6 * 1000, 1000)
'2.00 µs'
"""

from __future__ import annotations

from typing import Any

from .report import table

__all__ = ["GROWTH", "growth_table", "per_link", "steps"]

#: Timings shown, in pipeline order: the in-process stages, the fresh-process load and
#: networkx build (measured the same way at every size, 10M included), the questions.
GROWTH = (
    "ceiling",
    "parse",
    "nx_build",
    "compile",
    "nx_load",
    "load",
    "igraph_bfs",
    "ask",
    "ask_via",
    "ask_sign",
    "pathways",
    "every_through",
)

#: Peak RSS figures: (where in a size's JSON, the row's title).
MEMORY = (
    (("memory", "networkx_peak_rss_mib"), "peak RSS, bare networkx graph"),
    (("memory", "mechgraph_peak_rss_mib"), "peak RSS, mechgraph load"),
    (("peak_rss_mib",), "peak RSS, timing process"),
)


def per_link(seconds: float, links: int) -> str:
    """Seconds over ``links`` as µs (or ns) per link."""
    value = seconds / links
    return f"{value * 1e6:.2f} µs" if value >= 1e-6 else f"{value * 1e9:.1f} ns"


def steps(values: list[float | None], links: list[int]) -> str:
    """Each step's growth over its size growth, for neighbouring measured values."""
    found = []
    for (a, n), (b, m) in zip(zip(values, links), zip(values[1:], links[1:])):
        found.append(f"{(b / a) / (m / n):.2f}" if a and b else "-")
    return " ".join(found)


def _dig(result: dict[str, Any], path: tuple[str, ...]) -> Any:
    for key in path:
        result = result.get(key) if isinstance(result, dict) else None
    return result


def growth_table(sizes: dict[str, dict[str, Any]]) -> str:
    """Cost per link of every figure at every size, then the step factors."""
    labels = list(sizes)
    links = [sizes[s]["links"] for s in labels]
    header = ["figure (per link)", *labels, "step factor (time ratio / size ratio)"]
    rows = []
    for name in GROWTH:
        values = [_dig(sizes[s], ("timings", name, "median_s")) for s in labels]
        if any(values):
            cells = [per_link(v, n) if v else "n/a" for v, n in zip(values, links)]
            rows.append([name, *cells, steps(values, links)])
    for path, title in MEMORY:
        values = [_dig(sizes[s], path) for s in labels]
        if any(values):
            cells = [f"{v * 1024 / n:,.2f} KiB" if v else "n/a" for v, n in zip(values, links)]
            rows.append([title, *cells, steps(values, links)])
    return table(header, rows)
