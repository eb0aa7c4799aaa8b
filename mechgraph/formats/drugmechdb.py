"""DrugMechDB mechanism paths in: node-link records as JSON lists or YAML.

Each record is one curated drug → disease mechanism (``graph`` with the
drug and disease, ``nodes`` with CURIE ids, Biolink classes and names,
``links`` whose ``key`` is a Biolink predicate).  Nodes become entities:
kind from the Biolink class, which is kept too (``biolink=MolecularActivity``),
``id`` kept (and the drug's DrugBank id as ``drugbank=``); the same id in two
records is one entity, named by the name most records give it, the others
kept as ``synonyms=``.  Every link keeps its predicate (``predicate="caused
by"``) and a sign from :data:`PREDICATES` (``positively correlated with`` is
``+``).  An inverse predicate (``X caused by Y``: Y acts on X) is kept in the
record's direction, drug side to disease side, as an unsigned association:
turning it round would make the disease drive the mechanism.  Links cite
the record, ``drugmechdb:<_id>``, so ``--evidence drugmechdb:<_id>`` answers
from that record alone.  Each record becomes the hypothesis ``every DRUG
reaches DISEASE`` named by its ``_id`` (its PubMed references as evidence,
the others as comments) when its links lead from the drug to the disease,
and is listed with the reason otherwise.

A JSON list is read one record at a time (:func:`iter_json_array`); a YAML
file one document at a time (a document may hold one record or a list).

>>> PREDICATES["decreases activity of"], PREDICATES["participates in"]
(<Relation.DECREASES: '-|'>, <Relation.ASSOCIATION: '--'>)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

import networkx as nx
import yaml

from mechgraph.errors import Diagnostic, InputError
from mechgraph.formats.builder import RuleBuilder, Where, comment_line
from mechgraph.formats.reading import ignore_progress, iter_json_array
from mechgraph.language.syntax import Quantifier, Reaches, Ref, Relation

__all__ = ["BIOLINK_KINDS", "INVERSE_PREDICATES", "PREDICATES", "read_drugmechdb"]

_SIGNED = {
    Relation.INCREASES: (
        "positively correlated with",
        "positively regulates",
        "increases activity of",
        "increases abundance of",
        "increases stability of",
        "increases expression of",
        "causes",
        "produces",
    ),
    Relation.DECREASES: (
        "negatively correlated with",
        "negatively regulates",
        "decreases activity of",
        "decreases abundance of",
        "decreases stability of",
        "decreases expression of",
        "disrupts",
        "treats",
        "prevents",
    ),
}
_UNSIGNED = (
    "correlated with",
    "participates in",
    "occurs in",
    "manifestation of",
    "in taxon",
    "contributes to",
    "located in",
    "location of",
    "has metabolite",
    "part of",
    "has part",
    "precedes",
    "regulates",
    "affects",
    "affects risk for",
    "molecularly interacts with",
    "interacts with",
    "capable of",
    "subclass of",
    "has input",
    "has output",
    "expressed in",
    "has participant",
    "phenotype of",
    "has phenotype",
    "actively involved in",
    "derives into",
    "contraindicated for",
    "has active ingredient",
    "related to",
)
#: Biolink predicate → relation (``+`` regulation up, ``-`` down, others unsigned).
PREDICATES: dict[str, Relation] = {
    **{p: r for r, ps in _SIGNED.items() for p in ps},
    **{p: Relation.ASSOCIATION for p in _UNSIGNED},
}
#: Predicates stated from object to subject (``X caused by Y``: Y causes X), with their
#: forward predicate: kept in the record's direction, unsigned.
INVERSE_PREDICATES = {
    "caused by": "causes",
    "disrupted by": "disrupts",
    "affected by": "affects",
    "treated by": "treats",
    "produced by": "produces",
}
#: Biolink class → entity kind.
BIOLINK_KINDS = {
    "Drug": "drug",
    "ChemicalSubstance": "entity",
    "SmallMolecule": "drug",
    "Protein": "protein",
    "GeneFamily": "protein",
    "Gene": "gene",
    "BiologicalProcess": "process",
    "MolecularActivity": "process",
    "Pathway": "process",
    "Disease": "disease",
    "PhenotypicFeature": "phenotype",
    "GrossAnatomicalStructure": "anatomy",
    "Cell": "anatomy",
    "CellularComponent": "anatomy",
    "OrganismTaxon": "entity",
}
_PREDICATE_SHAPE = re.compile(r"[a-z][a-z_ ]*[a-z]")
_PUBMED = re.compile(r"pubmed\.ncbi\.nlm\.nih\.gov/(?:pubmed/)?(\d+)")
_PREFIX = "drugmechdb"


def read_drugmechdb(
    stream: BinaryIO, builder: RuleBuilder, advance: Callable[[int], object] = ignore_progress
) -> None:
    """Read DrugMechDB records (a JSON list, or YAML documents) into ``builder``."""
    names: dict[str, Counter[str]] = {}
    for line, record in _records(stream, builder.file, advance):
        _record(builder, record, Where(builder.file, line, 1), names)
    for identifier, counts in names.items():
        ranked = [name for name, _ in counts.most_common()]
        builder.rename(identifier, ranked[0], tuple(ranked[1:]))


def _records(
    stream: BinaryIO, file: str, advance: Callable[[int], object]
) -> Iterator[tuple[int, Any]]:
    head = stream.peek(64)[:64] if hasattr(stream, "peek") else b""
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
        yield from iter_json_array(stream, file, advance)
    else:
        yield from _yaml_records(_Counted(stream, advance), file)


class _Counted:
    """A stream whose reads advance a progress callback (YAML reads by ``read``)."""

    def __init__(self, stream: BinaryIO, advance: Callable[[int], object]):
        self.stream, self.advance = stream, advance

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.advance(len(data))
        return data


def _yaml_records(stream: BinaryIO | _Counted, file: str) -> Iterator[tuple[int, Any]]:
    """Records of a YAML stream, one document at a time, with their line numbers."""
    loader = yaml.SafeLoader(stream)
    try:
        while loader.check_node():
            node = loader.get_node()
            items = node.value if isinstance(node, yaml.SequenceNode) else [node]
            for item in items:
                yield item.start_mark.line + 1, loader.construct_object(item, deep=True)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise InputError(
            Diagnostic.error(
                f"malformed YAML: {getattr(error, 'problem', None) or error}",
                file=file,
                line=mark.line + 1 if mark else 0,
                col=mark.column + 1 if mark else 0,
                snippet=_mark_line(mark),
                hint="check the indentation and quoting there",
                code="yaml",
            )
        ) from None
    finally:
        loader.dispose()


def _mark_line(mark: Any) -> str | None:
    if mark is None or not mark.buffer:
        return None
    start = mark.buffer.rfind("\n", 0, mark.pointer) + 1
    end = mark.buffer.find("\n", mark.pointer)
    return mark.buffer[start : end if end >= 0 else None].rstrip("\0")


def _fields(value: Any, keys: tuple[str, ...]) -> bool:
    return isinstance(value, dict) and all(isinstance(value.get(k), str) and value[k] for k in keys)


def _record(builder: RuleBuilder, record: Any, where: Where, seen: dict[str, Counter[str]]) -> None:
    graph = record.get("graph") if isinstance(record, dict) else None
    if not _fields(graph, ("_id", "drug", "disease")):
        builder.error(
            "not a DrugMechDB record: graph._id, graph.drug and graph.disease are needed",
            where,
            hint="each record is {graph: {...}, nodes: [...], links: [...]}",
        )
        return
    ident = graph["_id"]
    nodes, links = record.get("nodes"), record.get("links")
    if not isinstance(nodes, list) or not isinstance(links, list):
        builder.error(f"record {ident}: nodes and links must be lists", where)
        return
    names: dict[str, str] = {}
    labels: dict[str, str] = {}
    for node in nodes:
        if not _fields(node, ("id",)):
            builder.error(f"record {ident}: a node without an id", where)
            continue
        name = (
            node.get("name") if isinstance(node.get("name"), str) and node["name"] else node["id"]
        )
        label = str(node.get("label", ""))
        labels[node["id"]] = label
        seen.setdefault(node["id"], Counter())[name] += 1
        extra = (("biolink", label),) if label else ()
        if node["id"] == graph.get("drug_mesh") and isinstance(graph.get("drugbank"), str):
            extra += (("drugbank", graph["drugbank"].replace("DB:", "DrugBank:", 1)),)
        names[node["id"]] = builder.entity(
            node["id"],
            name,
            BIOLINK_KINDS.get(label, "entity"),
            identifier=node["id"],
            where=where,
            attributes=extra,
        )
    evidence = (f"{_PREFIX}:{ident}",)
    steps = nx.DiGraph()
    steps.add_nodes_from(names.values())
    for link in links:
        edge = _link(builder, link, names, ident, where)
        if edge is not None:
            subject, relation, object = edge
            builder.link(
                subject,
                relation,
                object,
                evidence=evidence,
                where=where,
                attributes={"predicate": link["key"].strip()},
            )
            if relation is not Relation.NO_CHANGE:
                steps.add_edge(subject, object)
    _hypothesis(builder, record, graph, names, labels, steps, where)


def _link(
    builder: RuleBuilder, link: Any, names: dict[str, str], ident: str, where: Where
) -> tuple[str, Relation, str] | None:
    if not _fields(link, ("source", "target", "key")):
        builder.error(f"record {ident}: a link needs source, target and key", where)
        return None
    source, target, predicate = link["source"], link["target"], link["key"].strip()
    missing = [n for n in (source, target) if n not in names]
    if missing:
        builder.error(
            f"record {ident}: link to undeclared node {missing[0]!r}",
            where,
            hint="every link end must be listed in the record's nodes",
        )
        return None
    if predicate in INVERSE_PREDICATES:
        return names[source], Relation.ASSOCIATION, names[target]
    relation = PREDICATES.get(predicate)
    if relation is None:
        if not _PREDICATE_SHAPE.fullmatch(predicate):
            builder.error(
                f"record {ident}: unknown relation {predicate!r}",
                where,
                hint="a link's key is a Biolink predicate such as 'positively regulates'",
            )
            return None
        builder.note(
            f"record {ident}: Biolink predicate {predicate!r} not in the sign table; "
            "imported as an unsigned association",
            where,
        )
        relation = Relation.ASSOCIATION
    return names[source], relation, names[target]


def _end(graph: dict, nodes: dict[str, str], labels: dict[str, str], kind: str) -> str | None:
    """The record's drug or disease node: by MeSH id, else by class and name."""
    mesh = graph.get(f"{kind}_mesh")
    if mesh in nodes:
        return nodes[mesh]
    wanted = str(graph[kind]).casefold()
    label = "Drug" if kind == "drug" else "Disease"
    candidates = [i for i, kind_label in labels.items() if kind_label == label]
    exact = [i for i in candidates if nodes[i].casefold() == wanted]
    chosen = exact or candidates
    return nodes[chosen[0]] if chosen else None


def _hypothesis(
    builder: RuleBuilder,
    record: dict,
    graph: dict,
    names: dict[str, str],
    labels: dict[str, str],
    steps: nx.DiGraph,
    where: Where,
) -> None:
    ident = graph["_id"]
    drug, disease = _end(graph, names, labels, "drug"), _end(graph, names, labels, "disease")
    reason = None
    if drug is None or disease is None:
        reason = f"no node for the record's {'drug' if drug is None else 'disease'}"
    elif not nx.has_path(steps, drug, disease):
        if steps.out_degree(drug) == 0:
            reason = f"no link leaves the drug {drug!r}"
        elif steps.in_degree(disease) == 0:
            reason = f"no link reaches the disease {disease!r}"
        else:
            reason = "the links between drug and disease do not all point from drug to disease"
    if reason is not None:
        builder.note(f"record {ident} is not replayed as a hypothesis: {reason}", where)
        builder.trailer.append(f"not replayed: {ident}: {reason}")
        return
    references = [r for r in record.get("references") or () if isinstance(r, str)]
    pmids = [f"pmid:{m.group(1)}" for r in references if (m := _PUBMED.search(r))]
    notes = [comment_line(f"reference: {r}") for r in references if not _PUBMED.search(r)]
    if isinstance(record.get("comment"), str):
        notes.insert(0, comment_line(" ".join(record["comment"].split())))
    statement = Reaches(Quantifier.EVERY, Ref(drug), Ref(disease))
    builder.hypothesis(ident, (*notes, statement), evidence=(f"{_PREFIX}:{ident}", *pmids))
