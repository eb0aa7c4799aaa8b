"""Confront the links an experiment's context admits with the experiment's observations.

An experiment's network is what its context admits (the same admission as
questions, :func:`mechgraph.graph.admission.admitted_mask`), hypothesised
links included (data are independent evidence, so no circular support):
each ``->`` link is an edge of sign +, each ``-|`` one of sign −, each
``--`` association an edge whose sign every labelling chooses; membership
climbs (``member isa class``) are edges of sign +, so perturbing a drug
perturbs its classes and what they act on.  ``-0`` claims are negative
evidence and no edge.

>>> from mechgraph.model import Model
>>> model = Model.from_text('''
... process a, b
... a -> b [duration=chronic]
... experiment acute [duration=acute]:
...     input a
...     a = +
...     b = 0
... experiment chronic [duration=chronic]:
...     input a
...     a = +
...     b = 0
... ''')
>>> [analyse(model.graph, name).consistent for name in ("acute", "chronic")]
[True, False]
"""

from __future__ import annotations

import time

import networkx as nx

from mechgraph.errors import Diagnostic, QueryError
from mechgraph.graph.admission import admitted_mask, clash
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.graph.signed import ExperimentData, Observation, SignedNetwork, Value
from mechgraph.language.syntax import LEVELS, Experiment, Inputs, Observed, Sign
from mechgraph.query.consistency.cores import cores
from mechgraph.query.consistency.encoding import Constraints
from mechgraph.query.consistency.measures import optimum, predictions
from mechgraph.query.consistency.solver import DEFAULT_TIME_LIMIT, Budget, Undecided
from mechgraph.results.answers import Hop, cite, hop_of_claim
from mechgraph.results.consistency import Core, ExperimentResult, Flip, ObservedChange, Repair

__all__ = ["signed_links", "experiment_network", "analyse", "find_experiment"]

_SIGN = {Sign.POSITIVE: 1, Sign.NEGATIVE: -1, Sign.UNSIGNED: 0}
_LABEL = {1: "+", -1: "-", 0: "0"}


def find_experiment(graph: MechanismGraph, name: str) -> Experiment:
    """The experiment block called ``name``; a located :class:`QueryError` otherwise."""
    if name in graph.experiments:
        return graph.experiments[name]
    import difflib

    close = difflib.get_close_matches(name, sorted(graph.experiments), n=1)
    known = ", ".join(sorted(graph.experiments)) or "none"
    raise QueryError(
        Diagnostic.error(
            f"no experiment called `{name}`",
            file="<question>",
            hint=f"did you mean `{close[0]}`?" if close else f"experiments: {known}",
        )
    )


def signed_links(
    graph: MechanismGraph, where: dict[str, str] | None = None, hypotheses: bool = True
) -> SignedNetwork:
    """The signed network of the links context ``where`` admits (hypothesised ones too,
    unless ``hypotheses=False``).

    Each edge's ``sources`` are the claim ids stating it, or ``("isa", member,
    class)`` for a membership climb.

    >>> from mechgraph.model import Model
    >>> model = Model.from_text("process a, b\\na -> b [duration=chronic]\\nb -| a")
    >>> signed_links(model.graph, {"duration": "acute"}).edges
    (('b', 'a', -1),)
    """
    admitted = admitted_mask(graph, where or {}, hypotheses=hypotheses)
    edges: list[tuple[str, str, int]] = []
    sources: list[int | tuple[str, str, str]] = []
    for claim in graph.claims:
        sign = _SIGN.get(claim.sign)
        if sign is not None and admitted[claim.id]:
            edges.append((claim.subject, claim.object, sign))
            sources.append(claim.id)
    for member, parent in graph.hierarchy.edges:
        edges.append((member, parent, 1))
        sources.append(("isa", member, parent))
    return SignedNetwork.of(edges, nodes=graph.links.nodes, sources=sources)


def experiment_network(
    graph: MechanismGraph, experiment: Experiment
) -> tuple[SignedNetwork, ExperimentData]:
    """The signed network ``experiment``'s context admits, and its data.

    Each edge's ``sources`` are the claim ids stating it (``("isa", member,
    class)`` for a membership); each observation's ``origin`` its statement.
    """
    network = signed_links(graph, dict(_pairs(experiment)))
    inputs: set[str] = set()
    observations: list[Observation] = []
    levels = []
    for statement in experiment.statements:
        if isinstance(statement, Inputs):
            inputs.update(ref.name for ref in statement.names)
        elif isinstance(statement, Observed):
            for ref in statement.names:
                if statement.value in LEVELS:
                    levels.append((ref.name, statement.value))
                else:
                    observations.append(Observation(ref.name, Value(statement.value), statement))
    unique = dict.fromkeys(observations)  # identical statements once (the first kept)
    data = ExperimentData.of(inputs, (), levels)
    data = ExperimentData(data.inputs, tuple(unique), data.levels)
    return network, data


def _change(graph: MechanismGraph, experiment: Experiment, o: Observation) -> ObservedChange:
    statement = o.origin
    evidence = getattr(statement, "evidence", ()) or experiment.evidence
    return ObservedChange(
        o.node,
        o.value.value,
        getattr(statement, "span", None),
        tuple(cite(graph, e.reference) for e in evidence),
    )


def _hop(graph: MechanismGraph, source) -> Hop:
    if isinstance(source, tuple):
        return Hop(source[1], source[2], Sign.POSITIVE)
    return hop_of_claim(graph, graph.claim(source))


def _core_links(graph, network: SignedNetwork, data: ExperimentData, nodes: set[str]) -> list[Hop]:
    """The links on routes from a perturbed entity to a node of the core."""
    digraph = nx.DiGraph((u, v) for u, v, _ in network.edges)
    digraph.add_nodes_from(network.nodes)
    start = {n for n in data.inputs if n in digraph}
    reached = start.union(*(nx.descendants(digraph, n) for n in start)) if start else set()
    upstream = {n for n in nodes if n in digraph}
    upstream = upstream.union(*(nx.ancestors(digraph, n) for n in upstream)) if upstream else set()
    hops: list[Hop] = []
    for (u, v, _), cited in zip(network.edges, network.sources):
        if u in reached and v in upstream:
            hops.extend(_hop(graph, source) for source in cited)
    return hops


#: Excluded links listed per core at most.
MAX_EXCLUDED = 10


def _excluded(graph: MechanismGraph, experiment: Experiment, nodes: set[str]) -> list:
    """Signed links upstream of ``nodes`` (in the whole mechanism) the context leaves out."""
    where = dict(_pairs(experiment))
    if not where:
        return []
    digraph = nx.DiGraph((c.subject, c.object) for c in graph.claims if c.sign in _SIGN)
    digraph.add_edges_from(graph.hierarchy.edges)
    upstream = {n for n in nodes if n in digraph}
    upstream = upstream.union(*(nx.ancestors(digraph, n) for n in upstream)) if upstream else set()
    found = []
    for claim in graph.claims:
        if claim.sign in _SIGN and claim.object in upstream:
            why = clash(where, claim.context, graph.index.value_up)
            if why is not None:
                found.append((hop_of_claim(graph, claim), str(why)))
    return found[:MAX_EXCLUDED]


def analyse(
    graph: MechanismGraph,
    name: str,
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
    founded: bool = True,
    propagation: bool = True,
    with_cores: bool = True,
    with_predictions: bool = True,
) -> ExperimentResult:
    """Judge experiment ``name`` against the links its context admits.

    Consistency, every minimal inconsistent core (observations and the links
    on routes to them, each with its rule location and citations), mcos and
    scenfit with their optimal repairs, and the predictions, all within
    ``time_limit`` seconds (``consistent=None`` and ``undecided`` beyond it).
    """
    started = time.monotonic()
    experiment = find_experiment(graph, name)
    network, data = experiment_network(graph, experiment)
    budget = Budget(time_limit)
    constraints = Constraints(founded, propagation)
    fields: dict = {}
    try:
        mcos = optimum(network, data, "mcos", budget, constraints)
        fields["mcos"] = mcos.value
        consistent = mcos.value == 0
        fields["consistent"] = consistent
        if with_predictions:
            found = predictions(network, data, "mcos", mcos.value, budget, constraints)
            fields["predictions"] = tuple(found.items())
        if not consistent:
            fields["repairs"] = tuple(
                tuple(Repair(n, _LABEL[s]) for n, s in sorted(rs)) for rs in mcos.solutions
            )
            scenfit = optimum(network, data, "scenfit", budget, constraints)
            fields["scenfit"] = scenfit.value
            fields["flips"] = tuple(
                tuple(
                    Flip(data.observations[i].node, data.observations[i].value.value, _LABEL[s])
                    for i, s in sorted(fs)
                )
                for fs in scenfit.solutions
            )
            fields["more_repairs"] = mcos.more or scenfit.more
        else:
            fields["scenfit"] = 0
        if with_cores and not consistent:
            found_cores = cores(network, data, budget, constraints)
            made = []
            for core in found_cores.cores:
                nodes = {data.observations[i].node for i in core}
                made.append(
                    Core(
                        tuple(
                            _change(graph, experiment, data.observations[i]) for i in sorted(core)
                        ),
                        tuple(_core_links(graph, network, data, nodes)),
                        tuple(_excluded(graph, experiment, nodes)),
                    )
                )
            fields["cores"] = tuple(made)
            fields["cores_complete"] = found_cores.complete
            if found_cores.stopped:
                fields["undecided"] = found_cores.stopped
    except Undecided as undecided:
        fields["undecided"] = str(undecided)
        fields.setdefault("consistent", None)
        fields["cores_complete"] = False
    return ExperimentResult(
        name,
        _pairs(experiment),
        experiment.span,
        nodes=len(network.nodes),
        links=len(network.edges),
        solver_seconds=budget.solver_seconds,
        total_seconds=time.monotonic() - started,
        **fields,
    )


def _pairs(experiment: Experiment) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((q.key, q.value) for q in experiment.context))
