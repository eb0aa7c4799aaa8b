"""Interaction tables with a header line: SIGNOR's export and OmniPath's interactions.

Both are one interaction per row, columns found by their header name (in any
order, case ignored; tab, comma or semicolon separated, whichever the header
uses).  :func:`read_table` does the shared work, each format supplies a
function from a row (a mapping column → text) to the links it states.

SIGNOR (``ENTITYA … EFFECT … PMID … SIGNOR_ID``): ``up-regulates …`` is an
increase, ``down-regulates …`` a decrease, ``form complex`` and ``unknown``
an association; ``TAX_ID`` becomes the context ``species``, ``CELL_DATA``
``cell`` and ``TISSUE_DATA`` ``tissue``; ``PMID`` the evidence.

OmniPath (``source target [source_genesymbol target_genesymbol]
is_directed is_stimulation is_inhibition [consensus_…] [references]``): the
consensus columns when present, otherwise ``is_stimulation`` /
``is_inhibition``; both set gives two links, neither (or an undirected row)
an association; ``references`` (``Resource:PMID;…``) the evidence.

>>> signor_links({"ENTITYA": "AKT1", "ENTITYB": "GSK3B", "EFFECT": "down-regulates activity",
...               "TAX_ID": "9606", "PMID": "8524413"})[0][2:]
('-|', {'species': 'human'}, ('pmid:8524413',))
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Mapping
from typing import BinaryIO

from mechgraph.formats.builder import RuleBuilder, Where
from mechgraph.formats.reading import ignore_progress, read_lines
from mechgraph.language.syntax import Relation

__all__ = [
    "OMNIPATH_COLUMNS",
    "SIGNOR_COLUMNS",
    "omnipath_links",
    "read_omnipath",
    "read_signor",
    "read_table",
    "signor_links",
]

#: A row: column name → cell text.
Row = Mapping[str, str]

SIGNOR_COLUMNS = ("ENTITYA", "ENTITYB", "EFFECT")
OMNIPATH_COLUMNS = ("source", "target")

_SPECIES = {"9606": "human", "10090": "mouse", "10116": "rat"}
_SIGNOR_DATABASES = {
    "UNIPROT": "UniProt",
    "PUBCHEM": "PubChem.compound",
    "CHEBI": "CHEBI",
    "DRUGBANK": "DrugBank",
    "GO": "GO",
    "SIGNOR": "SIGNOR",
    "MIRBASE": "mirbase",
}
_SIGNOR_KINDS = {
    "protein": "protein",
    "fusion protein": "protein",
    "chemical": "drug",
    "smallmolecule": "drug",
    "antibody": "drug",
    "phenotype": "phenotype",
    "mirna": "gene",
}
_UNIPROT = re.compile(
    r"[OPQ][0-9][A-Z0-9]{3}[0-9](?:-\d+)?|[A-NR-Z][0-9](?:[A-Z][A-Z0-9]{2}[0-9]){1,2}"
)
_PMID = re.compile(r"\d+")


def _signor_node(row: Row, side: str) -> tuple:
    name = row.get(f"ENTITY{side}", "").strip()
    local = row.get(f"ID{side}", "").strip()
    database = row.get(f"DATABASE{side}", "").strip()
    identifier = None
    if local:
        if ":" in local and not local.upper().startswith("CID:"):
            identifier = local
        elif database.upper() in _SIGNOR_DATABASES:
            identifier = f"{_SIGNOR_DATABASES[database.upper()]}:{local.removeprefix('CID:')}"
    kind = _SIGNOR_KINDS.get(row.get(f"TYPE{side}", "").strip().casefold(), "entity")
    return (identifier or name, name, kind, identifier)


def _signor_relation(effect: str) -> Relation | None:
    effect = effect.strip().casefold()
    if effect.startswith("up-regulates"):
        return Relation.INCREASES
    if effect.startswith("down-regulates"):
        return Relation.DECREASES
    if effect in ("form complex", "unknown", ""):
        return Relation.ASSOCIATION
    return None


def signor_links(row: Row) -> list[tuple]:
    """The link one SIGNOR row states: ``[(subject, object, arrow, context, evidence)]``.

    Nodes are ``(key, name, kind, identifier)``; an effect that is no sign
    (e.g. ``guanine nucleotide exchange factor``) raises ``ValueError``.
    """
    relation = _signor_relation(row.get("EFFECT", ""))
    if relation is None:
        raise ValueError(f"SIGNOR effect {row.get('EFFECT')!r} has no sign")
    context = {}
    taxon = row.get("TAX_ID", "").strip()
    if taxon and taxon != "-1":
        context["species"] = _SPECIES.get(taxon, f"taxon_{taxon}")
    for column, key in (("CELL_DATA", "cell"), ("TISSUE_DATA", "tissue")):
        if row.get(column, "").strip():
            context[key] = row[column].strip()
    pmid = row.get("PMID", "").strip()
    evidence = (f"pmid:{pmid}",) if _PMID.fullmatch(pmid) else ()
    return [(_signor_node(row, "A"), _signor_node(row, "B"), relation.value, context, evidence)]


def _flag(row: Row, column: str) -> bool | None:
    value = row.get(column)
    if value is None:
        return None
    return value.strip().casefold() in ("1", "true", "yes")


def _omnipath_node(row: Row, column: str) -> tuple:
    local = row[column].strip()
    name = (row.get(f"{column}_genesymbol") or "").strip() or local
    identifier = f"UniProt:{local}" if _UNIPROT.fullmatch(local) else None
    return (local, name, "protein" if identifier else "entity", identifier)


def omnipath_links(row: Row) -> list[tuple]:
    """The links one OmniPath interaction row states (see the module docstring).

    >>> row = {"source": "P31749", "target": "P49841", "source_genesymbol": "AKT1",
    ...        "target_genesymbol": "GSK3B", "is_directed": "1", "is_stimulation": "0",
    ...        "is_inhibition": "1", "references": "SIGNOR:8524413;HPRD:8524413"}
    >>> [(s[1], arrow, o[1], ev) for s, o, arrow, _, ev in omnipath_links(row)]
    [('AKT1', '-|', 'GSK3B', ('pmid:8524413',))]
    """
    prefix = "consensus_" if "consensus_stimulation" in row else "is_"
    up, down = _flag(row, prefix + "stimulation"), _flag(row, prefix + "inhibition")
    directed = _flag(row, "consensus_direction" if prefix == "consensus_" else "is_directed")
    relations = [r for r, on in ((Relation.INCREASES, up), (Relation.DECREASES, down)) if on]
    if directed is False or not relations:
        relations = [Relation.ASSOCIATION]
    evidence: dict[str, None] = {}
    for reference in (row.get("references") or "").split(";"):
        pmid = reference.strip().rpartition(":")[2]
        if _PMID.fullmatch(pmid):
            evidence[f"pmid:{pmid}"] = None
    subject, object = _omnipath_node(row, "source"), _omnipath_node(row, "target")
    return [(subject, object, r.value, {}, tuple(evidence)) for r in relations]


def _delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in ("\t", ",", ";")}
    return max(counts, key=counts.__getitem__)


def read_table(
    stream: BinaryIO,
    builder: RuleBuilder,
    advance: Callable[[int], object],
    *,
    title: str,
    required: tuple[str, ...],
    links: Callable[[Row], list[tuple]],
) -> None:
    """Read a headed interaction table, each row through ``links`` (see the docstring)."""
    header: list[str] | None = None
    delimiter = "\t"
    for number, text in read_lines(stream, builder.file, advance):
        if not text.strip() or text.startswith("#"):
            continue
        where = Where(builder.file, number, 1, text)
        if header is None:
            delimiter = _delimiter(text)
            header = [c.strip() for c in next(csv.reader([text], delimiter=delimiter))]
            folded = {c.casefold() for c in header}
            missing = [c for c in required if c.casefold() not in folded]
            if missing:
                builder.error(
                    f"not a {title} table: no column {', '.join(missing)} in the header",
                    where,
                    hint=f"the first line names the columns, among them {', '.join(required)}",
                )
                return
            names = {c.casefold(): c for c in required + _KNOWN}
            header = [names.get(c.casefold(), c) for c in header]
            continue
        cells = next(csv.reader([text], delimiter=delimiter))
        row = dict(zip(header, cells))
        if any(not row.get(c, "").strip() for c in required[:2]):
            builder.error(
                f"row has {len(cells)} of {len(header)} columns",
                where,
                hint="a row needs its subject and object columns",
            )
            continue
        try:
            stated = links(row)
        except ValueError as error:
            builder.skip(str(error), where)
            continue
        for subject, object, arrow, context, evidence in stated:
            s, o = (
                builder.entity(*node[:3], identifier=node[3], declaration=False, where=where)
                for node in (subject, object)
            )
            builder.link(s, Relation(arrow), o, context=context, evidence=evidence, where=where)


_KNOWN = tuple(
    [
        "ENTITYA",
        "TYPEA",
        "IDA",
        "DATABASEA",
        "ENTITYB",
        "TYPEB",
        "IDB",
        "DATABASEB",
        "EFFECT",
        "MECHANISM",
        "TAX_ID",
        "CELL_DATA",
        "TISSUE_DATA",
        "PMID",
        "DIRECT",
        "SIGNOR_ID",
    ]
) + tuple(
    [
        "source",
        "target",
        "source_genesymbol",
        "target_genesymbol",
        "is_directed",
        "is_stimulation",
        "is_inhibition",
        "consensus_direction",
        "consensus_stimulation",
        "consensus_inhibition",
        "references",
    ]
)


def read_signor(
    stream: BinaryIO, builder: RuleBuilder, advance: Callable[[int], object] = ignore_progress
) -> None:
    """Read a SIGNOR export (CSV or TSV with its header) into ``builder``."""
    read_table(
        stream, builder, advance, title="SIGNOR", required=SIGNOR_COLUMNS, links=signor_links
    )


def read_omnipath(
    stream: BinaryIO, builder: RuleBuilder, advance: Callable[[int], object] = ignore_progress
) -> None:
    """Read an OmniPath interactions TSV (with its header) into ``builder``."""
    read_table(
        stream, builder, advance, title="OmniPath", required=OMNIPATH_COLUMNS, links=omnipath_links
    )
