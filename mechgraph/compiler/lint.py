"""Warnings about rules that compile but look wrong: ``lint``.

- contradictions: opposite signs, or a signed claim and a ``-0`` claim, on
  the same subject/object pair under contexts that admit each other — also
  when one of them is stated for a class the subject belongs to (inherited
  through ``isa``);
- feedback pairs: ``A -> B`` with ``B -| A`` (regulatory) or with ``B -> A``
  (chaotic), under compatible contexts;
- claims whose own context contradicts itself (usable under no context);
- orphan entities: declared, but in no claim and no ``isa``.

>>> from mechgraph.language.syntax import Relation
>>> g = MechanismGraph()
>>> _ = g.add_claim("a", Relation.INCREASES, "b", context={"dose": "high"})
>>> _ = g.add_claim("a", Relation.DECREASES, "b")
>>> [d.code for d in lint(g)]
['contradiction']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import numpy as np

from mechgraph.compiler.declarations import diagnostic_at
from mechgraph.errors import Diagnostic, Severity, sort_diagnostics
from mechgraph.graph.admission import format_context, merge
from mechgraph.graph.claims import RELATIONS
from mechgraph.graph.mechanism import Claim, Entity, MechanismGraph
from mechgraph.language.syntax import Relation, Sign

__all__ = [
    "lint",
    "Budget",
    "claims_by_pair",
    "contradictions_at",
    "feedback_at",
    "unusable",
    "orphan",
    "MAX_COMPARED",
]

_SIGNED = (Sign.POSITIVE, Sign.NEGATIVE)
#: The sign pairs that contradict each other (in either order).
_CLASHING = tuple(
    pair
    for a, b in (
        (Sign.POSITIVE, Sign.NEGATIVE),
        (Sign.POSITIVE, Sign.NO_CHANGE),
        (Sign.NEGATIVE, Sign.NO_CHANGE),
    )
    for pair in ((a, b), (b, a))
)
_FEEDBACK = (Relation.INCREASES, Relation.DECREASES)
#: Each relation's code in the claim columns, and the code of its sign among + - 0 (-1: none).
_CODE = {relation: code for code, relation in enumerate(RELATIONS)}
_SIGN_CODE = np.array(
    [
        (*_SIGNED, Sign.NO_CHANGE).index(r.sign) if r.sign in (*_SIGNED, Sign.NO_CHANGE) else -1
        for r in RELATIONS
    ],
    np.int64,
)
#: Pairs of links of clashing signs the lint compares at most.
MAX_COMPARED = 1_000_000


def _text(claim: Claim) -> str:
    context = f" [{format_context(claim.context)}]" if claim.context else ""
    return f"`{claim.subject} {claim.relation.value} {claim.object}{context}`"


def _warn(graph: MechanismGraph, code: str, message: str, claim: Claim, hint: str) -> Diagnostic:
    return diagnostic_at(graph, Severity.WARNING, code, message, claim.span, hint)


def claims_by_pair(graph: MechanismGraph) -> dict[tuple[str, str], list[Claim]]:
    """The claims of each ``(subject, object)`` pair, in claim order.

    >>> g = MechanismGraph()
    >>> _ = g.add_claim("a", Relation.INCREASES, "b"), g.add_claim("a", Relation.DECREASES, "b")
    >>> [(pair, [c.id for c in claims]) for pair, claims in claims_by_pair(g).items()]
    [(('a', 'b'), [0, 1])]
    """
    return _by_pair(graph.claims)


def _by_pair(claims: Iterable[Claim]) -> dict[tuple[str, str], list[Claim]]:
    pairs: dict[tuple[str, str], list[Claim]] = {}
    for claim in claims:
        pairs.setdefault((claim.subject, claim.object), []).append(claim)
    return pairs


class Budget:
    """How many pairs of claims the lint may still compare: bounded work on any input
    (8,000 parallel links make 32 million pairs; only pairs whose signs clash are counted)."""

    def __init__(self, pairs: int) -> None:
        self.left = pairs
        self.stopped_at: Claim | None = None

    def take(self, pairs: Iterable[tuple[Claim, Claim]]) -> Iterator[tuple[Claim, Claim]]:
        for pair in pairs:
            if self.left <= 0:
                self.stopped_at = self.stopped_at or pair[0]
                return
            self.left -= 1
            yield pair


def _clashing(claims: Sequence[Claim], others: Sequence[Claim] | None = None):
    """The pairs ``(a, b)`` whose signs clash: of ``claims`` among themselves (``a`` before
    ``b``, as ``combinations`` gives them) or of ``claims`` with ``others``.  Claims are
    grouped by sign first, so claims of one sign are never paired."""
    mine = _by_sign(claims)
    theirs = mine if others is None else _by_sign(others)
    found = [
        (i, j)
        for first, second in _CLASHING
        for i in mine.get(first, ())
        for j in theirs.get(second, ())
        if others is not None or i < j
    ]
    pool = claims if others is None else others
    return ((claims[i], pool[j]) for i, j in sorted(found))


def _by_sign(claims: Sequence[Claim]) -> dict[Sign, list[int]]:
    groups: dict[Sign, list[int]] = {}
    for position, claim in enumerate(claims):
        groups.setdefault(claim.sign, []).append(position)
    return groups


def contradictions_at(
    graph: MechanismGraph, pair: tuple[str, str], pairs, budget: Budget
) -> Iterator[Diagnostic]:
    """The contradictions of the claims on ``pair`` (among themselves and with those their
    subject inherits through ``isa``); ``pairs`` is :func:`claims_by_pair`'s mapping.

    >>> g = MechanismGraph()
    >>> _ = g.add_claim("A", Relation.DECREASES, "b"), g.add_claim("a", Relation.INCREASES, "b")
    >>> g.add_isa("a", "A")
    >>> [d.message for d in contradictions_at(g, ("a", "b"), claims_by_pair(g), Budget(10))]
    ['`a -> b` contradicts `A -| b` (<nowhere>:0:0, inherited by a through isa)']
    """
    up, ancestors = graph.index.value_up, graph.index.ancestors
    subject, obj = pair
    claims = pairs[pair]
    compared = [_clashing(claims)]
    for parent in sorted(ancestors.get(subject, ())):
        compared.append(_clashing(claims, pairs.get((parent, obj), ())))
    for a, b in budget.take(pair for group in compared for pair in group):
        if merge(a.context, b.context, values=up) is not None:
            inherited = "" if a.subject == b.subject else f", inherited by {subject} through isa"
            yield _warn(
                graph,
                "contradiction",
                f"{_text(a)} contradicts {_text(b)} ({b.span}{inherited})",
                a,
                "give them contexts that exclude each other (e.g. duration=acute vs chronic),"
                " or drop one",
            )


def feedback_at(
    graph: MechanismGraph, pair: tuple[str, str], pairs, budget: Budget
) -> Iterator[Diagnostic]:
    """The feedback pairs an ``->`` claim on ``pair`` makes with the claims back.

    >>> g = MechanismGraph()
    >>> _ = g.add_claim("a", Relation.INCREASES, "b"), g.add_claim("b", Relation.DECREASES, "a")
    >>> [d.code for d in feedback_at(g, ("a", "b"), claims_by_pair(g), Budget(10))]
    ['regulatory-pair']
    """
    up = graph.index.value_up
    subject, obj = pair
    increases = [a for a in pairs[pair] if a.relation is Relation.INCREASES]
    back = [b for b in pairs.get((obj, subject), ()) if b.relation in _FEEDBACK]
    for a, b in budget.take((a, b) for a in increases for b in back):
        if merge(a.context, b.context, values=up) is None:
            continue
        if b.relation is Relation.DECREASES:
            kind = "regulatory"
        elif b.relation is Relation.INCREASES and subject < obj:
            kind = "chaotic"
        else:
            continue
        yield _warn(
            graph,
            f"{kind}-pair",
            f"{kind} pair: {_text(a)} and {_text(b)} ({b.span}) feed back on each other",
            a,
            "a feedback loop is fine when intended; check the contexts and signs",
        )


def unusable(graph: MechanismGraph, claim: Claim) -> Diagnostic | None:
    """The warning for a claim whose own context contradicts itself (else ``None``).

    >>> g = MechanismGraph()
    >>> claim = g.add_claim("a", Relation.INCREASES, "b", context=[("t", "x"), ("t", "y")])
    >>> unusable(g, claim).message
    '`a -> b [t=x, t=y]` holds under no context'
    """
    if merge(claim.context, values=graph.index.value_up) is not None:
        return None
    return _warn(
        graph,
        "unusable-link",
        f"{_text(claim)} holds under no context",
        claim,
        "its context states one key with values that exclude each other",
    )


def orphan(graph: MechanismGraph, entity: Entity) -> Diagnostic:
    """The warning for an entity in no claim and no ``isa`` (the caller checks that).

    >>> orphan(MechanismGraph(), Entity("x", "drug")).message
    '`x` is in no link and no isa'
    """
    return diagnostic_at(
        graph,
        Severity.WARNING,
        "orphan",
        f"`{entity.name}` is in no link and no isa",
        entity.span,
        f"link `{entity.name}` to something, or remove its declaration",
    )


def _orphans(graph: MechanismGraph) -> Iterator[Diagnostic]:
    table = graph.claims
    names = table.names
    linked = {names[n] for n in np.unique(np.concatenate((table.subject, table.object))).tolist()}
    for entity in graph.entities():
        if entity.name in graph.unparsed_names:  # its links may be on lines that did not parse
            continue
        if entity.name not in linked and not graph.hierarchy.degree(entity.name):
            yield orphan(graph, entity)


def _worth_comparing(graph: MechanismGraph) -> dict[tuple[str, str], list[Claim]]:
    """:func:`claims_by_pair` for only the pairs whose claims the lint may compare, and
    the pairs those read (the same claims in the same order), found on the claim columns
    so that a large graph makes few claim objects: pairs holding two clashing signs, pairs
    whose subject inherits claims on the same object, ``->`` claims with claims back.
    """
    table = graph.claims
    subject, obj = table.subject.astype(np.int64), table.object.astype(np.int64)
    width = max(len(table.names), 1)
    key = subject * width + obj
    sign = _SIGN_CODE[table.relation]
    clashing = sign >= 0
    # pairs with two or more signs among +, -, 0
    signed = np.unique(key[clashing] * 3 + sign[clashing])
    pairs_of, counts = np.unique(signed // 3, return_counts=True)
    wanted = [pairs_of[counts > 1]]
    # -> claims with -> or -| claims back
    forth = table.relation == _CODE[Relation.INCREASES]
    back = np.isin(table.relation, [_CODE[r] for r in _FEEDBACK])
    ahead = np.isin(obj * width + subject, key[back]) & forth
    wanted += [key[ahead], (obj * width + subject)[ahead]]
    # claims whose subject inherits claims of clashing signs on the same object
    position = {name: i for i, name in enumerate(table.names)}
    parents = {
        position[name]: [position[p] for p in above if p in position]
        for name, above in graph.index.ancestors.items()
        if name in position
    }
    heirs = np.zeros(width, bool)
    heirs[list(parents)] = True
    rows = np.flatnonzero(clashing & heirs[subject]).tolist()
    row_parent = [(row, p) for row in rows for p in parents[int(subject[row])]]
    if row_parent:
        row, parent = (np.array(column, np.int64) for column in zip(*row_parent))
        inherited = parent * width + obj[row]
        found = np.isin(inherited, key[clashing])
        wanted += [key[row[found]], inherited[found]]
    chosen = np.flatnonzero(np.isin(key, np.concatenate(wanted)))
    return _by_pair(map(table.__getitem__, chosen.tolist()))


def _unusable_claims(graph: MechanismGraph) -> Iterator[Diagnostic]:
    """:func:`unusable` for every claim, each distinct context judged once."""
    table, up = graph.claims, graph.index.value_up
    bad = [i for i, context in enumerate(table.contexts) if merge(context, values=up) is None]
    for row in np.flatnonzero(np.isin(table.context, bad)).tolist():
        found = unusable(graph, table[row])
        if found is not None:
            yield found


def lint(graph: MechanismGraph) -> list[Diagnostic]:
    """Warnings about contradictions, feedback pairs, unusable links and orphans.

    A name written on a line that did not parse (``graph.unparsed_names``) is never
    called an orphan: that line may link it.

    Returns
    -------
    list of Diagnostic
        Warnings, located at the claim (or declaration) concerned, sorted by location.
    """
    pairs, budget = _worth_comparing(graph), Budget(MAX_COMPARED)
    ordered = sorted(pairs)
    found = [d for pair in ordered for d in contradictions_at(graph, pair, pairs, budget)]
    found += [d for pair in ordered for d in feedback_at(graph, pair, pairs, budget)]
    found += _unusable_claims(graph)
    found += _orphans(graph)
    if budget.stopped_at is not None:
        found.append(
            _warn(
                graph,
                "lint-budget",
                f"the lint stopped after comparing {MAX_COMPARED:,} pairs of links of clashing"
                " signs; contradictions and feedback pairs beyond them are not reported",
                budget.stopped_at,
                "split the rules, or give parallel links contexts that keep them apart",
            )
        )
    return sort_diagnostics(found)
