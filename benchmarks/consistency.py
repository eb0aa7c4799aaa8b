"""Sign-consistency benchmarks (issue 14): consistency, cores and predictions at scale.

Two workloads, each timed step by step with the solver's own time (grounding
and solving in clingo, :attr:`Budget.solver_seconds`) beside the total:

* a random regulatory network of 1,700 nodes and 4,500 signed edges
  (preferential attachment, 70 % activations) with 100 observations;
* the 100k-link synthetic mechanism of ``benchmarks.generate`` (compiled,
  every link admitted) with 1,000 observations.

Observations are read off one consistent labelling (found by the solver from
20 perturbed inputs), then a few are flipped to the opposite sign and two
entities no input reaches are observed changed, so the data are inconsistent
through a handful of small cores, as real data are.

    .venv/bin/python -m benchmarks.consistency            # both workloads
    .venv/bin/python -m benchmarks.consistency --quick    # 1/10 of each size

Writes ``benchmarks/consistency.json`` (``consistency-quick.json`` with ``--quick``).
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import sys
import time
from pathlib import Path

from mechgraph.graph.signed import ExperimentData, Observation, SignedNetwork, Value
from mechgraph.query.consistency.cores import cores
from mechgraph.query.consistency.encoding import facts, program
from mechgraph.query.consistency.measures import optimum, predictions
from mechgraph.query.consistency.solver import Budget, Undecided, control, solve

HERE = Path(__file__).resolve().parent
_VALUE = {1: Value.PLUS, -1: Value.MINUS, 0: Value.ZERO}


def regulatory_network(nodes: int, edges: int, seed: int) -> SignedNetwork:
    """A directed scale-free-like signed network: targets chosen by in-degree + 1."""
    rng = random.Random(seed)
    names = [f"g{i}" for i in range(nodes)]
    weight = [1] * nodes
    found: set[tuple[int, int]] = set()
    while len(found) < edges:
        u = rng.randrange(nodes)
        v = rng.choices(range(nodes), weights=weight)[0]
        if u != v and (u, v) not in found:
            found.add((u, v))
            weight[v] += 1
    signed = [(names[u], names[v], 1 if rng.random() < 0.7 else -1) for u, v in sorted(found)]
    return SignedNetwork.of(signed, nodes=names)


def _labelling(network: SignedNetwork, inputs: dict[str, int], budget: Budget) -> dict[str, int]:
    """One consistent labelling with ``inputs`` fixed to their signs."""
    data = ExperimentData(
        frozenset(inputs), tuple(Observation(n, _VALUE[s]) for n, s in inputs.items())
    )
    names, text = facts(network, data)
    rules = program("check") + "act(I) :- obs(I,_,_).\n#show lab/2."
    ctl = control(budget, text + "\n" + rules, ["1", "--rand-freq=0.05", "--seed=7"])
    labels: dict[str, int] = {}

    def on_model(model) -> None:
        for symbol in model.symbols(shown=True):
            node, label = symbol.arguments
            labels[names[node.number]] = label.number

    solve(ctl, budget, on_model=on_model, step="labelling")
    return labels


def observations(
    network: SignedNetwork, count: int, flips: int, seed: int, budget: Budget
) -> ExperimentData:
    """``count`` observations of one consistent labelling, ``flips`` of them reversed."""
    rng = random.Random(seed)
    sources = sorted({u for u, _, _ in network.edges})
    inputs = {n: rng.choice((1, -1)) for n in rng.sample(sources, 20)}
    labels = _labelling(network, inputs, budget)
    changed = sorted(n for n, x in labels.items() if x and n not in inputs)
    still = sorted(n for n, x in labels.items() if not x and n not in inputs)
    wanted = count - len(inputs)
    chosen = rng.sample(changed, min(len(changed), wanted * 3 // 4))
    chosen += rng.sample(still, min(len(still), wanted - len(chosen)))
    flipped = set(rng.sample([n for n in chosen if labels[n]], flips))
    observed = [Observation(n, _VALUE[s]) for n, s in inputs.items()]
    observed += [Observation(n, _VALUE[-labels[n] if n in flipped else labels[n]]) for n in chosen]
    reached = set(inputs)
    frontier = list(inputs)
    out: dict[str, list[str]] = {}
    for u, v, _ in network.edges:
        out.setdefault(u, []).append(v)
    while frontier:
        frontier = [v for u in frontier for v in out.get(u, ()) if v not in reached]
        reached.update(frontier)
    unreached = sorted(set(network.nodes) - reached - set(chosen))
    observed += [Observation(n, Value.PLUS) for n in rng.sample(unreached, min(2, len(unreached)))]
    return ExperimentData(frozenset(inputs), tuple(observed))


def _step(name: str, run, limit: float) -> tuple[dict, object]:
    budget = Budget(limit)
    started = time.perf_counter()
    try:
        value = run(budget)
        status = "done"
    except Undecided as undecided:
        value, status = None, str(undecided)
    total = time.perf_counter() - started
    return {
        "step": name,
        "status": status,
        "total_s": round(total, 3),
        "solver_s": round(budget.solver_seconds, 3),
    }, value


def measure(network: SignedNetwork, data: ExperimentData, limit: float) -> dict:
    """Time the consistency check (mcos), scenfit, predictions and the cores."""
    steps = []
    row, mcos = _step(
        "consistency (mcos optimum)", lambda b: optimum(network, data, "mcos", b), limit
    )
    row["mcos"] = getattr(mcos, "value", None)
    steps.append(row)
    row, scenfit = _step("scenfit optimum", lambda b: optimum(network, data, "scenfit", b), limit)
    row["scenfit"] = getattr(scenfit, "value", None)
    steps.append(row)
    value = getattr(mcos, "value", None)
    row, found = _step("predictions", lambda b: predictions(network, data, "mcos", value, b), limit)
    row["predicted"] = len(found or {})
    steps.append(row)
    row, found_cores = _step("minimal inconsistent cores", lambda b: cores(network, data, b), limit)
    if found_cores is not None:
        row["cores"] = len(found_cores.cores)
        row["complete"] = found_cores.complete
        row["sizes"] = sorted(len(c) for c in found_cores.cores)
        if not found_cores.complete:
            row["status"] = found_cores.stopped
    steps.append(row)
    return {
        "nodes": len(network.nodes),
        "edges": len(network.edges),
        "observations": len(data.observations),
        "steps": steps,
    }


def mechanism(links: int, seed: int) -> SignedNetwork:
    """The signed network of the synthetic corpus of ``links`` links (every link admitted)."""
    from benchmarks.generate import CorpusSpec
    from benchmarks.run import ensure_corpus
    from mechgraph.compiler.compile import compile_rules
    from mechgraph.language.parser import parse_file
    from mechgraph.query.consistency.experiment import signed_links

    corpus = ensure_corpus(CorpusSpec(links, seed), HERE / "corpora")
    graph, _ = compile_rules([parse_file(corpus)])
    return signed_links(graph)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of each size")
    parser.add_argument("--time-limit", type=float, default=600.0, metavar="S")
    parser.add_argument("--seed", type=int, default=1996)
    args = parser.parse_args(argv)
    scale = 10 if args.quick else 1
    results = {"machine": platform.platform(), "python": platform.python_version(), "runs": []}
    started = time.perf_counter()
    net = regulatory_network(1700 // scale, 4500 // scale, args.seed)
    data = observations(net, 100 // scale + 20, 3, args.seed, Budget(args.time_limit))
    results["runs"].append({"workload": "regulatory network"} | measure(net, data, args.time_limit))
    links = 100_000 // scale
    net = mechanism(links, args.seed)
    data = observations(net, 1000 // scale, 5, args.seed, Budget(args.time_limit))
    results["runs"].append(
        {"workload": f"mechanism, {links} links"} | measure(net, data, args.time_limit)
    )
    results["total_s"] = round(time.perf_counter() - started, 1)
    out = HERE / ("consistency-quick.json" if args.quick else "consistency.json")
    out.write_text(json.dumps(results, indent=2) + "\n")
    for run in results["runs"]:
        print(
            f"{run['workload']}: {run['nodes']} nodes, {run['edges']} edges, "
            f"{run['observations']} observations"
        )
        for step in run["steps"]:
            extra = {
                k: v for k, v in step.items() if k not in ("step", "status", "total_s", "solver_s")
            }
            print(
                f"  {step['step']:<30} total {step['total_s']:>8.2f} s  solver {step['solver_s']:>8.2f} s  "
                f"{step['status']}  {extra}"
            )
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
