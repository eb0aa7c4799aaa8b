"""BEL's relations and what each becomes in the rule language.

The table follows BEL 2.1 as PyBEL reads it (and BEL 1's words that PyBEL
still accepts).  Each word maps to a :class:`Reading`: a causal relation, an
``isa``, or a reason to skip.  Words whose meaning is more than their sign
(``directlyIncreases``, ``positiveCorrelation``, ``binds``, ``partOf``) keep
it as the link's ``predicate`` attribute.  Correlations are associations:
they are not causal, so no route may take a sign from them; the predicate
records the sign of the correlation.

>>> RELATIONS["directlyDecreases"]
Reading(relation=<Relation.DECREASES: '-|'>, predicate='directlyDecreases', inverse=False, skip=None)
>>> RELATIONS["hasMember"].isa, RELATIONS["hasMember"].inverse
(True, True)
>>> RELATIONS["actsIn"].skip
"BEL 1 relation 'actsIn' (dropped from BEL 2)"
"""

from __future__ import annotations

from dataclasses import dataclass

from mechgraph.language.syntax import Relation

__all__ = ["ISA", "RELATIONS", "WRITTEN_WORDS", "Reading", "word_for"]

ISA = "isA"


@dataclass(frozen=True)
class Reading:
    """What a BEL relation word means here.

    ``relation`` is ``None`` for membership (``isa``) or a skip; ``inverse``
    swaps subject and object (``A hasMember B`` is ``B isa A``); ``skip`` is
    the reason a statement with this word is not imported.
    """

    relation: Relation | None
    predicate: str | None = None
    inverse: bool = False
    skip: str | None = None

    @property
    def isa(self) -> bool:
        return self.relation is None and self.skip is None


def _table() -> dict[str, Reading]:
    table: dict[str, Reading] = {}
    causal = (
        (Relation.INCREASES, "increases ->", "directlyIncreases =>"),
        (Relation.DECREASES, "decreases -|", "directlyDecreases =|"),
        (Relation.NO_CHANGE, "causesNoChange cnc", ""),
        (Relation.ASSOCIATION, "association --", ""),
    )
    for relation, plain, direct in causal:
        table.update((w, Reading(relation)) for w in plain.split())
        table.update((w, Reading(relation, direct.split()[0])) for w in direct.split())
    unsigned = {
        "regulates": "regulates reg",
        "directlyRegulates": "directlyRegulates",
        "positiveCorrelation": "positiveCorrelation pos",
        "negativeCorrelation": "negativeCorrelation neg",
        "correlation": "correlation cor",
        "binds": "binds",
        "partOf": "partOf",
    }
    for predicate, words in unsigned.items():
        table.update((w, Reading(Relation.ASSOCIATION, predicate)) for w in words.split())
    for word in ("hasComponent", "hasComponents"):
        table[word] = Reading(Relation.ASSOCIATION, "partOf", inverse=True)
    table[ISA] = Reading(None)
    table.update((w, Reading(None, inverse=True)) for w in ("hasMember", "hasMembers"))
    no_equivalent = (
        "noCorrelation rateLimitingStepOf subProcessOf orthologous transcribedTo :> "
        "translatedTo >> equivalentTo eq analogousTo biomarkerFor prognosticBiomarkerFor "
        "hasVariant hasReactant hasProduct hasModification"
    )
    for word in no_equivalent.split():
        table[word] = Reading(None, skip=f"relation {word!r} has no rule-language equivalent")
    for word in ("actsIn", "translocates", "includes", "hasVariants"):
        table[word] = Reading(None, skip=f"BEL 1 relation {word!r} (dropped from BEL 2)")
    return table


#: Every BEL relation word (long and short forms) → its :class:`Reading`.
RELATIONS: dict[str, Reading] = _table()


#: Predicates written as BEL's own word on export (others go in a ``predicate`` annotation):
#: the ones PyBEL reads as an edge between the two terms as written.
WRITTEN_WORDS = frozenset(
    {
        "directlyIncreases",
        "directlyDecreases",
        "regulates",
        "positiveCorrelation",
        "negativeCorrelation",
        "correlation",
    }
)


def word_for(relation: Relation, predicate: str | None) -> str:
    """The BEL word to write for a link: its predicate when BEL reads it as such, else the
    relation's.

    >>> word_for(Relation.ASSOCIATION, "positiveCorrelation"), word_for(Relation.INCREASES, "x")
    ('positiveCorrelation', 'increases')
    >>> word_for(Relation.ASSOCIATION, "binds")
    'association'
    """
    reading = RELATIONS.get(predicate or "")
    if predicate in WRITTEN_WORDS and reading and reading.relation is relation:
        return predicate
    return relation.word
