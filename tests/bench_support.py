"""What every size of a benchmark run must hold for issue 16: the JSON shape of its rows."""

from __future__ import annotations

from typing import Any

from benchmarks import scale

#: The labels of issue 16's rows, at every size.
SCALE_LABELS = {
    "peak RSS: mechgraph load vs bare nx graph",
    "load (read+parse+compile) vs nx read+build",
    "warm `mechgraph ask` process (wall)",
    "warm `ask` vs the seed's 16 links (wall)",
    "every process within the memory cap",
}


def check_scale_rows(document: dict[str, Any], label: str, *, phased: bool) -> None:
    """Assert that size ``label`` of a results document has the RSS ratio, warm-start and
    phase rows, measured (tiny sizes finish within the default cap)."""
    size = document["sizes"][label]
    memory = size["memory"]
    assert memory["status"] == "ok" and memory["target"] == scale.RSS_TARGET
    assert memory["mechgraph_peak_rss_mib"] > 0 and memory["networkx_peak_rss_mib"] > 0
    ratio = memory["mechgraph_peak_rss_mib"] / memory["networkx_peak_rss_mib"]
    assert abs(memory["rss_ratio_vs_networkx"] - ratio) < 1e-3
    assert memory["networkx"]["edges"] == size["edges"] > size["links"]
    start = size["warm_start"]
    assert start["status"] == "ok" and start["warm"] > 0
    assert (start["cold"] is None) is phased  # there the load filled the cache
    assert start["warm_cpu"] > 0 and all(run["cpu_s"] > 0 for run in start["runs"].values())
    assert (start["no_cache"] is None) is phased  # a phased size skips the extra compile
    assert len([run for run in start["runs"] if run.startswith("warm_")]) == 3
    seed = document["warm_start_seed"]
    assert seed["rules"] == "rules/" and seed["warm"] > 0
    assert abs(start["ratio_to_seed"] - start["warm"] / seed["warm"]) < 1e-2
    assert start["targets"] == {"warm_s": 1.0, "ratio_to_seed": 10.0, "at": "1M"}
    assert size["phases"]["ok"] is True, size["phases"]["failed"]
    expected = {"nx", "load", "ask"} | ({"parse", "queries"} if phased else {"time"})
    assert set(size["phases"]["processes"]) == expected
    timings = size["timings"]
    for name in ("load", "nx_load", "parse", "ceiling", "ask", "every_through", "igraph_bfs"):
        assert timings[name]["median_s"] > 0, name
    if phased:
        assert timings["compile"]["median_s"] is None and "phased" in timings["compile"]["note"]
        assert size["chunks"] >= 1 and size["lines"] > size["links"]
    rows = [row for row in document["figures"] if row["size"] == label]
    assert {row["label"] for row in rows} >= SCALE_LABELS
    assert all(row["verdict"] in ("info", "n/a") for row in rows), rows
