"""Every name an entity answers to: its own, its label, identifiers and synonyms, in any case.

A question may name an entity by its identifier (``id=MESH:D007099``,
``drugbank=DrugBank:DB00005``, BEL's ``namespace=MESHPP ns_name="Cell
Proliferation"`` as ``MESHPP:Cell Proliferation``), its label, a synonym an
import kept (``synonyms=a|b``) or its name in another case.  The table maps
each such alias, case-folded, to the entities it names; it is built once per
graph index (:attr:`MechanismGraph.aliases
<mechgraph.graph.mechanism.MechanismGraph.aliases>`), never per question.

>>> from mechgraph.graph.mechanism import Entity, MechanismGraph
>>> g = MechanismGraph()
>>> g.add_entity(Entity("imipramine", "drug", attributes=(("id", "MESH:D007099"),)))
>>> g.aliases["mesh:d007099"]
(Alias(written='MESH:D007099', entity='imipramine', how='id'),)
>>> g.aliases["imipramine"]
(Alias(written='imipramine', entity='imipramine', how='name'),)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import NamedTuple

__all__ = ["Alias", "AliasTable", "IDENTIFIER_KEYS", "build_aliases"]

#: Entity attributes whose value is an identifier a question may use instead of the name.
IDENTIFIER_KEYS = ("id", "drugbank")

AliasTable = Mapping[str, tuple["Alias", ...]]

#: The ways of writing a name, most telling first (an entity's aliases are listed in this order).
_RANK = {how: rank for rank, how in enumerate(("name", "label", *IDENTIFIER_KEYS, "ns_name"))}


class Alias(NamedTuple):
    """One way of writing an entity's name: as ``written``, for ``entity``, ``how`` (its
    ``name``, ``label``, ``id``, ``drugbank``, ``synonym`` or BEL ``ns_name``)."""

    written: str
    entity: str
    how: str


def _aliases_of(
    name: str, label: str | None, attributes: Iterable[tuple[str, str]]
) -> Iterator[Alias]:
    yield Alias(name, name, "name")
    if label:
        yield Alias(label, name, "label")
    values = dict(attributes)
    for key in IDENTIFIER_KEYS:
        if values.get(key):
            yield Alias(values[key], name, key)
    if values.get("namespace") and values.get("ns_name"):
        yield Alias(f"{values['namespace']}:{values['ns_name']}", name, "ns_name")
    for synonym in values.get("synonyms", "").split("|"):
        if synonym.strip():
            yield Alias(synonym.strip(), name, "synonym")


def _order(alias: Alias) -> tuple[str, int, str]:
    return alias.entity, _RANK.get(alias.how, len(_RANK)), alias.written


def build_aliases(
    entities: Iterable[tuple[str, str | None, Iterable[tuple[str, str]]]],
) -> AliasTable:
    """The case-folded alias table of ``(name, label, attributes)`` triples.

    Each key lists its aliases by entity, then by way of writing (its name
    first, then its label, identifiers, synonyms).

    >>> table = build_aliases([("Tnf", None, ()), ("TNF", None, (("id", "HGNC:11892"),))])
    >>> [a.entity for a in table["tnf"]]
    ['TNF', 'Tnf']
    >>> table["hgnc:11892"][0].how
    'id'
    """
    table: dict[str, set[Alias]] = {}
    for name, label, attributes in entities:
        for alias in _aliases_of(name, label, attributes):
            table.setdefault(alias.written.casefold(), set()).add(alias)
    return {key: tuple(sorted(found, key=_order)) for key, found in table.items()}
