"""Is filling networkx's adjacency dicts directly still worth it? (``MechanismGraph.add_claims``)

Times loading the same claims into an empty ``MultiDiGraph`` through the public
``add_edges_from`` and through mechgraph's bulk fill (``_add_edges``, what
``add_claims`` once called), round-robin, CPU time.
The bulk fill writes networkx's private dicts, which mechgraph allows itself only
while the public API costs 1.5× or more (then pinned below networkx's next major
version, with a test against ``add_edges_from``).  Measured at 300k claims:
1.45×, so ``add_claims`` uses ``add_edges_from``; the fill is kept here, as the
alternative to measure again on a new networkx.

    python -m benchmarks.graph_build [--claims N] [--repeat R]

>>> result = measure(claims=2000, repeat=1)
>>> sorted(result)
['bulk_fill_s', 'claims', 'public_over_bulk', 'public_s', 'worth_it']
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import sys
import time

import networkx as nx

from mechgraph.graph.mechanism import Claim
from mechgraph.language.syntax import Relation

__all__ = ["WORTH_IT", "bulk_fill", "measure"]

#: The public API must cost this many times the bulk fill for the bulk fill to stay.
WORTH_IT = 1.5


def _claims(count: int) -> list[Claim]:
    rng = random.Random(1)
    names = [f"n{i}" for i in range(max(2, count // 3))]
    return [
        Claim(i, rng.choice(names), Relation.INCREASES, rng.choice(names)) for i in range(count)
    ]


def bulk_fill(links: nx.MultiDiGraph, claims: list[Claim]) -> None:
    """The alternative: add one edge per claim (keyed by its new id) to a plain ``MultiDiGraph``,
    filling its adjacency dicts as ``add_edge`` does, without its per-edge checks."""
    succ, pred, node = links._succ, links._pred, links._node

    def new_node(name: str) -> dict:
        succ[name], pred[name], node[name] = {}, {}, {}
        return succ[name]

    for claim in claims:
        u, v = claim.subject, claim.object
        out = succ.get(u)
        if out is None:
            out = new_node(u)
        keys = out.get(v)
        if keys is None:
            if v not in succ:
                new_node(v)
            keys = out[v] = pred[v][u] = {}
        keys[claim.id] = {"claim": claim}
    getattr(links, "__networkx_cache__", {}).clear()


def _cpu(task) -> float:
    gc.collect()
    start = time.process_time()
    task()
    return time.process_time() - start


def measure(claims: int = 300_000, repeat: int = 5) -> dict:
    """Median CPU seconds of both ways of loading ``claims`` claims, and their ratio."""
    made = _claims(claims)
    public, bulk = [], []
    for _ in range(repeat):
        public.append(
            _cpu(
                lambda: nx.MultiDiGraph().add_edges_from(
                    (c.subject, c.object, c.id, {"claim": c}) for c in made
                )
            )
        )
        bulk.append(_cpu(lambda: bulk_fill(nx.MultiDiGraph(), made)))
    ratio = statistics.median(public) / statistics.median(bulk)
    return {
        "claims": claims,
        "public_s": statistics.median(public),
        "bulk_fill_s": statistics.median(bulk),
        "public_over_bulk": ratio,
        "worth_it": ratio >= WORTH_IT,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=300_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.claims, args.repeat), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
