"""The Spark engine behind ``--engine spark``: the questions' searches gathered and run as one batch.

The questions are the in-memory engine's own code (hypothesis checks,
``predict``, ``ask``); only their searches differ.  :meth:`SparkEngine.settle`
runs a question's code inside :func:`~mechgraph.query.engine.use_engine`:
each search it asks for (:meth:`~SparkEngine.answer`,
:meth:`~SparkEngine.routes`) is answered from the results of earlier
batches or recorded and answered provisionally ("walk only", which asks
nothing more of the rules).  When the code has run, the recorded searches
run together as one frontier search on Spark
(:func:`mechgraph.spark.frontier.search`), and the code runs again, until
it asks for nothing new — at most a few rounds, as many as the searches
that depend on earlier ones (``through`` after ``reaches``, a bypass after
a route).  The last round's result is the answer.

Differences from the in-memory engine (both exact on graphs without cycles):
the route read back is the shortest whose contexts agree; when it repeats an
entity (a graph with cycles) the member or question is "walk only" (the
in-memory engine would look further for a simple one), and there is no
search budget.  One witness per question.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import numpy as np

from mechgraph.graph.admission import admitted_mask
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.query.engine import use_engine
from mechgraph.query.member_routes import Reach, Route
from mechgraph.query.question import where_note
from mechgraph.query.search import Partial, Search, to_path
from mechgraph.results.answers import Answer, Hypotheses, Verdict
from mechgraph.spark.contexts import Contexts
from mechgraph.spark.frontier import Found, Root, Spec, Stats, search

__all__ = ["MAX_ROUNDS", "SparkEngine"]

#: Rounds of :meth:`SparkEngine.settle` before it gives up (searches keep depending on others).
MAX_ROUNDS = 12

Result = TypeVar("Result")

_REPEATS = "the shortest route whose contexts agree repeats an entity (the Spark engine reports walks only)"
_CLASHES = "every route repeats an entity or combines contradicting contexts"


class SparkEngine:
    """Searches of one compiled model, batched on Spark.

    Parameters
    ----------
    graph : MechanismGraph
        The model: names, claims and verdict wording are read on the driver.
    spark : SparkSession
    hops : DataFrame, optional
        The ``hops`` table (see :func:`mechgraph.formats.parquet.hop_tables`),
        e.g. read from Parquet on shared storage; made from ``graph`` when not given.
    """

    def __init__(self, graph: MechanismGraph, spark: Any, hops: Any = None):
        self.graph, self.spark = graph, spark
        self._folder: tempfile.TemporaryDirectory | None = None
        if hops is None:
            hops = self._hops_of(graph)
        self.hops = hops.cache()
        index = graph.index
        self.contexts = Contexts(index.contexts, index.value_up)
        self.results: dict[tuple, Found | None] = {}
        self.pending: dict[tuple, tuple] = {}
        self.stats = Stats()
        self.rounds = 0
        self._bases: dict[tuple, np.ndarray] = {}
        self._admitted: dict[tuple, tuple[int, ...]] = {}

    def _hops_of(self, graph: MechanismGraph) -> Any:
        """The hop table of ``graph``, written as Parquet to a folder of this engine."""
        import pyarrow.parquet as pq

        from mechgraph.formats.parquet import hop_tables

        self._folder = tempfile.TemporaryDirectory(prefix="mechgraph-spark-")
        path = os.path.join(self._folder.name, "hops.parquet")
        pq.write_table(hop_tables(graph)["hops"], path)
        return self.spark.read.parquet(path)

    def close(self) -> None:
        """Let go of the cached hop table and the folder it was written to."""
        self.hops.unpersist()
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None

    # -- the batch --------------------------------------------------------------------------

    def settle(self, work: Callable[[], Result]) -> Result:
        """Run ``work`` (a question's code) until every search it asks for has run on Spark."""
        with use_engine(self):
            for _ in range(MAX_ROUNDS):
                self.pending.clear()
                result = work()
                if not self.pending:
                    return result
                self._run_pending()
        raise RuntimeError(f"the Spark engine's searches did not settle in {MAX_ROUNDS} rounds")

    def _run_pending(self) -> None:
        specs: dict[tuple, Spec] = {}
        roots: list[Root] = []
        keys: list[tuple] = []
        for key, (spec_key, admitted, denied) in self.pending.items():
            if spec_key not in specs:
                specs[spec_key] = Spec(len(specs), admitted, spec_key[1], denied)
            _, starts, target, via, avoid, want, mixed = key
            roots.append(
                Root(len(roots), specs[spec_key].sid, starts, target, via, avoid, want, mixed)
            )
            keys.append(key)
        found = search(
            self.spark, self.hops, self.contexts, list(specs.values()), roots, self.stats
        )
        for root, key in zip(roots, keys):
            self.results[key] = found.get(root.rid)
        self.rounds += 1

    def _lookup(self, search_: Search, starts: tuple[int, ...], mixed: bool = False):
        """``(True, route or None)`` when this search has run, else ``(False, None)`` (recorded)."""
        question = search_.question
        include = question.hypotheses is Hypotheses.INCLUDE
        base_key = (question.where, include)
        base = self._bases.get(base_key)
        if base is None:
            base = self._bases[base_key] = admitted_mask(self.graph, dict(question.where), include)
            self._admitted[base_key] = tuple(self.contexts.admitted(dict(question.where)))
        denied = tuple(np.flatnonzero(base & ~search_.admitted).tolist())
        spec_key = (question.where, include, denied)
        want = -1 if not search_.signs else min(search_.signs)
        key = (spec_key, starts, search_.target, search_.via, search_.avoid, want, mixed)
        if key in self.results:
            return True, self.results[key]
        self.pending[key] = (spec_key, self._admitted[base_key], denied)
        return False, None

    # -- the engine's two seams ---------------------------------------------------------------

    def routes(self, search_: Search, members: Sequence[str], budget: int) -> dict[str, Route]:
        """Each member's shortest route (see :func:`mechgraph.query.member_routes.routes`)."""
        found: dict[str, Route] = {}
        hops: dict = {}
        for name in members:
            node = search_.index.ids[name]
            ran, route = self._lookup(search_, (node,), search_.mixed_contexts)
            if not ran:
                found[name] = Route(name, Reach.WALK)  # provisional: asks nothing more
            elif route is None:
                found[name] = Route(name, Reach.NONE)
            elif not _simple(route):
                found[name] = Route(name, Reach.WALK)
            else:
                found[name] = Route(name, Reach.ROUTE, to_path(search_, self._partial(route), hops))
        return found

    def answer(self, search_: Search, max_paths: int, budget: int) -> Answer:
        """The answer to one question (see :func:`mechgraph.query.search.answer`); one witness."""
        question = search_.question
        notes = [where_note(self.graph, question.where)]
        ran, route = self._lookup(search_, search_.starts, search_.mixed_contexts)
        if not ran and not search_.mixed_contexts:  # the loose search a "no" may need, now
            self._lookup(search_, search_.starts, mixed=True)
        if ran and route is not None:
            if _simple(route):
                path = to_path(search_, self._partial(route))
                return Answer(question, Verdict.YES, (path,), _join(notes))
            return Answer(question, Verdict.WALK_ONLY, note=_join([*notes, _REPEATS]))
        if ran and not search_.mixed_contexts:
            ran, loose = self._lookup(search_, search_.starts, mixed=True)
            if ran and loose is not None:
                notes.append(_CLASHES)
        return Answer(question, Verdict.NO, note=_join(notes))

    def _partial(self, route: Found) -> Partial:
        return Partial.along(route.start, route.steps, route.sign, self.contexts[route.context])


def _simple(route: Found) -> bool:
    nodes = [route.start] + [to for _, to, _ in route.steps]
    return len(set(nodes)) == len(nodes)


def _join(notes: Sequence[str | None]) -> str | None:
    return "; ".join(n for n in notes if n) or None
