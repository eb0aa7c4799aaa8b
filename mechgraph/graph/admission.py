"""Context semantics: which links a question admits, and the context a path holds under.

A context is a set of ``key=value`` pairs.  A question's context ``Q``
*admits* a link stating context ``E`` when, for every key both state, the
two values are comparable in that key's value hierarchy: equal, E's below Q's
(a frontal-cortex finding answers a cortex question) or Q's below E's (a claim
about rodents holds for mice); keys that only one side states do not restrict.  A path holds under the union of its
links' contexts, which must not contradict itself: for each key, one of the
stated values must lie below (or equal) all the others, and that narrowest
value is the path's.

For a quantity key (``context period: time``) values are conditions, each a
closed interval (``14d``, ``5..20mg/kg``, ``>=14d``); a question admits a link
when, for every quantity key both constrain, the two intervals overlap; a
named value defined by a condition (``chronic`` = ``period>=14d``) also
constrains its quantity key.  A path's quantity key holds the intersection of
its links' intervals, which must not be empty.

>>> up = {"region": {"frontal_cortex": frozenset({"frontal_cortex", "cerebral_cortex"})}}
>>> admits({"region": "cerebral_cortex"}, [("region", "frontal_cortex")], up)
True
>>> admits({"region": "frontal_cortex"}, [("region", "cerebral_cortex")], up)
True
>>> admits({"region": "frontal_cortex"}, [("region", "non_cortical")], up)
False
>>> merge([("region", "cerebral_cortex")], [("region", "frontal_cortex")], values=up)
(('region', 'frontal_cortex'),)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from mechgraph.graph.context_values import ContextValues, pair_text
from mechgraph.graph.mechanism import MechanismGraph

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "Context",
    "ValueHierarchy",
    "Clash",
    "below",
    "comparable",
    "admits",
    "clash",
    "merge",
    "admitted_claims",
    "admitted_mask",
    "restrict",
    "format_context",
]

#: A context as sorted ``(key, value)`` pairs.
Context = tuple[tuple[str, str], ...]
#: Per key, each value → itself and every broader value (``GraphIndex.value_up``).
ValueHierarchy = Mapping[str, Mapping[str, frozenset[str]]]

_NO_HIERARCHY: ValueHierarchy = {}


@dataclass(frozen=True)
class Clash:
    """Why a question's context does not admit a link: the key and both values
    (for a quantity key, the named values the conditions come from, if any)."""

    key: str
    link_value: str
    query_value: str
    link_via: str | None = None
    query_via: str | None = None

    def __str__(self) -> str:
        need, asked = pair_text(self.key, self.link_value), pair_text(self.key, self.query_value)
        if self.link_via:
            need = f"{self.link_via} ({need})"
        if self.query_via:
            asked = f"{self.query_via} ({asked})"
        return f"needs {need}, asked {asked}"


def comparable(key: str, a: str, b: str, values: ValueHierarchy = _NO_HIERARCHY) -> bool:
    """True when ``a`` and ``b`` are equal or one lies below the other for ``key``.

    >>> up = {"species": {"mouse": frozenset({"mouse", "rodent"})}}
    >>> comparable("species", "rodent", "mouse", up), comparable("species", "rat", "mouse", up)
    (True, False)
    """
    return below(key, a, b, values) or below(key, b, a, values)


def below(key: str, narrower: str, broader: str, values: ValueHierarchy = _NO_HIERARCHY) -> bool:
    """True when ``narrower`` equals ``broader`` or lies below it for ``key``.

    >>> below("duration", "chronic", "chronic"), below("duration", "acute", "chronic")
    (True, False)
    """
    return narrower == broader or broader in values.get(key, {}).get(narrower, ())


def clash(
    query: Mapping[str, str],
    link: Iterable[tuple[str, str]],
    values: ValueHierarchy = _NO_HIERARCHY,
) -> Clash | None:
    """The first key (in sorted order) on which ``query`` does not admit ``link``.

    >>> clash({"duration": "acute"}, [("duration", "chronic"), ("species", "mouse")])
    Clash(key='duration', link_value='chronic', query_value='acute', link_via=None, query_via=None)
    """
    if isinstance(values, ContextValues) and values.quantities:
        return _quantity_clash(query, link, values)
    for key, value in sorted(link):
        asked = query.get(key)
        if asked is not None and not comparable(key, value, asked, values):
            return Clash(key, value, asked)
    return None


def admits(
    query: Mapping[str, str],
    link: Iterable[tuple[str, str]],
    values: ValueHierarchy = _NO_HIERARCHY,
) -> bool:
    """True when the question's context ``query`` admits a link stating ``link``.

    >>> admits({"duration": "chronic"}, [("duration", "chronic"), ("species", "mouse")])
    True
    >>> admits({}, [("duration", "acute")])
    True
    """
    return clash(query, link, values) is None


def merge(
    *contexts: Iterable[tuple[str, str]], values: ValueHierarchy = _NO_HIERARCHY
) -> Context | None:
    """The union of ``contexts`` (narrowest value per key), or ``None`` if it contradicts.

    >>> merge([("duration", "chronic")], [("species", "mouse")])
    (('duration', 'chronic'), ('species', 'mouse'))
    >>> merge([("duration", "chronic")], [("duration", "acute")]) is None
    True
    """
    if isinstance(values, ContextValues) and values.quantities:
        return _quantity_merge(contexts, values)
    narrowest: dict[str, str] = {}
    for context in contexts:
        for key, value in context:
            known = narrowest.get(key)
            if known is None or below(key, value, known, values):
                narrowest[key] = value
            elif not below(key, known, value, values):
                return None
    return tuple(sorted(narrowest.items()))


def admitted_claims(
    graph: MechanismGraph, where: Mapping[str, str] | None = None, hypotheses: bool = True
) -> list[bool]:
    """Per claim id, whether the question's context admits it (``hypotheses=False``
    also leaves out hypothesised claims).

    >>> from mechgraph.language.syntax import Relation
    >>> g = MechanismGraph()
    >>> _ = g.add_claim("a", Relation.INCREASES, "b", context={"duration": "chronic"})
    >>> _ = g.add_claim("a", Relation.NO_CHANGE, "b", context={"duration": "acute"})
    >>> admitted_claims(g, {"duration": "acute"})
    [False, True]
    """
    return admitted_mask(graph, where, hypotheses).tolist()


def admitted_mask(
    graph: MechanismGraph, where: Mapping[str, str] | None = None, hypotheses: bool = True
) -> np.ndarray:
    """:func:`admitted_claims` as a boolean array; each distinct context is judged once.

    >>> from mechgraph.language.syntax import Relation, Status
    >>> g = MechanismGraph()
    >>> _ = g.add_claim("a", Relation.INCREASES, "b", status=Status.HYPOTHESIS)
    >>> admitted_mask(g, hypotheses=False).tolist()
    [False]
    """
    index, query = graph.index, dict(where or {})
    if query:
        up = index.value_up
        verdicts = np.fromiter((admits(query, c, up) for c in index.contexts), bool)
        admitted = verdicts[index.context_of]
    else:
        admitted = np.ones(len(graph.claims), bool)
    if not hypotheses:
        admitted &= ~index.hypothetical
    return admitted


def restrict(
    graph: MechanismGraph, where: Mapping[str, str] | None = None, hypotheses: bool = True
) -> nx.MultiDiGraph:
    """A read-only view of ``graph.links`` with only the claims ``where`` admits.

    >>> from mechgraph.language.syntax import Relation
    >>> g = MechanismGraph()
    >>> _ = g.add_claim("a", Relation.INCREASES, "b", context={"duration": "chronic"})
    >>> list(restrict(g, {"duration": "acute"}).edges)
    []
    """
    import networkx as nx

    admitted = admitted_claims(graph, where, hypotheses)
    return nx.subgraph_view(graph.links, filter_edge=lambda u, v, key: admitted[key])


def format_context(context: Iterable[tuple[str, str]]) -> str:
    """``duration=chronic, species=mouse`` (or ``any context`` when empty).

    >>> format_context([("species", "mouse"), ("duration", "chronic")])
    'duration=chronic, species=mouse'
    """
    pairs = sorted(context)
    return ", ".join(pair_text(key, value) for key, value in pairs) if pairs else "any context"


def _quantity_clash(
    query: Mapping[str, str], link: Iterable[tuple[str, str]], values: ContextValues
) -> Clash | None:
    """:func:`clash` where some keys hold quantities: words as before, then intervals."""
    asked = values.expand(tuple(sorted(query.items())))
    stated = values.expand(tuple(link))
    words = dict(asked.words)
    for key, value in sorted(stated.words):
        other = words.get(key)
        if other is not None and not comparable(key, value, other, values):
            return Clash(key, value, other)
    for key in sorted(stated.bounds):
        need, have = stated.bounds[key], asked.bounds.get(key)
        if have is not None and not need.interval.overlaps(have.interval):
            return Clash(key, need.text, have.text, need.via, have.via)
    return None


def _quantity_merge(contexts, values: ContextValues) -> Context | None:
    """:func:`merge` where some keys hold quantities: intervals intersect."""
    pairs = [pair for context in contexts for pair in context]
    reading = values.expand(tuple(pairs))
    narrowest: dict[str, str] = {}
    for key, value in reading.words:
        known = narrowest.get(key)
        if known is None or below(key, value, known, values):
            narrowest[key] = value
        elif not below(key, known, value, values):
            return None
    for key, bound in reading.bounds.items():
        if bound.interval.empty:
            return None
        if bound.stated:
            narrowest[key] = bound.text
    return tuple(sorted(narrowest.items()))
