"""BEL Script out: a document PyBEL reads without a warning.

Every namespace a term uses is ``DEFINE``d (``AS PATTERN ".*"``), and so is
every annotation; every statement, ``isA`` included, stands under a
citation and an evidence line (PyBEL refuses a statement without them).  A
claim with several citations is written once per citation; a claim or
``isa`` without one cites ``{"Other", "mechgraph rules", "mechgraph:uncited"}``,
which the importer reads back as no citation.  Context keys are listed in a
``# mechgraph context keys:`` comment, so that the importer keeps them as
context and the link attributes (written as annotations too) as attributes.

>>> from mechgraph.graph.mechanism import Entity, MechanismGraph
>>> from mechgraph.language.syntax import Relation
>>> g = MechanismGraph()
>>> g.add_entity(Entity("imipramine", "drug", attributes=(("id", "CHEBI:47499"),)))
>>> g.add_entity(Entity("NMDA adaptation", "process"))
>>> _ = g.add_claim("imipramine", Relation.INCREASES, "NMDA adaptation")
>>> print(write_bel(g).strip().split("\\n\\n")[-1])
SET Citation = {"Other", "mechgraph rules", "mechgraph:uncited"}
SET Evidence = "stated in mechgraph rules: imipramine increases NMDA adaptation"
a(CHEBI:47499 ! imipramine) increases bp(MG:"NMDA adaptation")
"""

from __future__ import annotations

from mechgraph.formats.belrelations import ISA, word_for
from mechgraph.formats.belterms import LOCAL_NAMESPACE, function_for, term_for, write_term
from mechgraph.formats.records import EdgeRecord, NodeRecord, graph_records
from mechgraph.graph.mechanism import MechanismGraph

__all__ = [
    "CONTEXT_KEYS_COMMENT",
    "PREFIX_CITATION",
    "STATUS_ANNOTATION",
    "UNCITED",
    "quote_string",
    "write_bel",
]

#: The annotation that marks a hypothesised claim.
STATUS_ANNOTATION = "mechgraph_status"
#: The citation of claims that cite nothing (PyBEL needs one on every statement).
UNCITED = ("Other", "mechgraph rules", "mechgraph:uncited")
#: The comment line naming the annotations that are context (the others are attributes).
CONTEXT_KEYS_COMMENT = "# mechgraph context keys:"
PREFIX_CITATION = {"pmid": "PubMed", "pmc": "PubMed Central", "doi": "DOI"}

_DOCUMENT = (
    ("Name", "mechgraph export"),
    ("Description", "Claims exported from mechgraph rules"),
    ("Version", "1.0.0"),
    ("Authors", "mechgraph"),
    ("ContactInfo", "mechgraph"),
)
_EVIDENCE = "stated in mechgraph rules"


def quote_string(value: str) -> str:
    """Always double-quoted, with BEL escapes.

    >>> quote_string('say "hi"')
    '"say \\\\"hi\\\\""'
    """
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _citation_line(reference: str | None, titles: dict[str, str]) -> str:
    if reference is None:
        fields = list(UNCITED)
    else:
        prefix, _, local = reference.partition(":")
        kind = PREFIX_CITATION.get(prefix)
        title = titles.get(reference, "")
        fields = [kind, title, local] if kind else ["Other", title, reference]
    return "SET Citation = {" + ", ".join(quote_string(f) for f in fields) + "}"


def _term(node: NodeRecord) -> str:
    attributes = dict(node.attributes)
    namespace, local = attributes.get("namespace"), attributes.get("ns_name")
    if namespace and local and not node.identifier:
        return write_term(function_for(node.kind), f"{namespace}:{local}")
    return term_for(node.kind, node.name, node.identifier)


def _namespace(term: str) -> str:
    return term[term.index("(") + 1 : term.index(":")]


def write_bel(graph: MechanismGraph) -> str:
    """The graph as a BEL Script document (see the module docstring)."""
    nodes, edges = graph_records(graph)
    terms = {n.name: _term(n) for n in nodes}
    titles = {s.reference or s.name: s.title for s in graph.sources.values() if s.title}
    context_keys = sorted({k for e in edges for k, _ in e.context})
    annotations = sorted(
        set(context_keys)
        | {k for e in edges for k, _ in e.attributes}
        | ({STATUS_ANNOTATION} if any(e.is_hypothesis for e in edges) else set())
    )
    used = {terms[e.subject] for e in edges} | {terms[e.object] for e in edges}
    namespaces = sorted({_namespace(t) for t in used} | {LOCAL_NAMESPACE})
    out = [f"SET DOCUMENT {key} = {quote_string(value)}" for key, value in _DOCUMENT]
    out += ["", f"{CONTEXT_KEYS_COMMENT} {', '.join(context_keys)}"]
    out += [f'DEFINE NAMESPACE {ns} AS PATTERN ".*"' for ns in namespaces]
    out += [f'DEFINE ANNOTATION {key} AS PATTERN ".*"' for key in annotations] + [""]
    for edge in edges:
        out.extend(_edge_lines(edge, terms, titles))
    return "\n".join(out) + "\n"


def _edge_lines(edge: EdgeRecord, terms: dict[str, str], titles: dict[str, str]) -> list[str]:
    attributes = dict(edge.attributes)
    if edge.relation is None:
        word = ISA
    else:
        word = word_for(edge.relation, attributes.get("predicate"))
        if word == attributes.get("predicate"):
            del attributes["predicate"]
    statement = f"{terms[edge.subject]} {word} {terms[edge.object]}"
    # PyBEL tells statements apart by citation and evidence text: say which claim this is.
    said = f"{edge.subject} {word} {edge.object}" + "".join(f", {k}={v}" for k, v in edge.context)
    evidence = f"{_EVIDENCE}: {said}" + (f" ({edge.location})" if edge.location else "")
    pairs = list(edge.context) + sorted(attributes.items())
    pairs += [(STATUS_ANNOTATION, "hypothesis")] if edge.is_hypothesis else []
    settings = [f"SET {key} = {quote_string(value)}" for key, value in pairs]
    lines = []
    for reference in edge.evidence or (None,):
        lines += [_citation_line(reference, titles), f"SET Evidence = {quote_string(evidence)}"]
        lines.extend(settings)
        lines.append(statement)
        lines.append("")
    return lines
