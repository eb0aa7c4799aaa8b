"""BEL Script in and out.

Import reads a BEL 2 document line by line: ``SET Citation`` becomes a
source, ``SET``/``UNSET`` annotations become context qualifiers (keys in
snake case: ``CellLine`` → ``cell_line``), ``SET Evidence`` a comment above
the links it supports.  Causal statements between simple terms become
links; ``isA`` becomes class membership.  Everything the rule language
cannot say (nested statements, modifications, activities, complexes,
translocations, other relations) is skipped with a warning on its line and
counted by reason.  BEL's ``direct`` relations lose their directness.

Export writes one statement per claim and citation, grouped under the
``SET`` lines they need.

>>> import io
>>> from mechgraph.formats.builder import RuleBuilder
>>> b = RuleBuilder("x.bel")
>>> read_bel(io.BytesIO(b'SET Citation = {"PubMed","t","1"}\\np(HGNC:A) -> bp(GO:b)'), b)
>>> b.build([]).summary.links
1
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

from mechgraph.formats.belterms import (
    CHEMICAL_NAMESPACES,
    FUNCTIONS,
    LOCAL_NAMESPACE,
    Term,
    TermError,
    read_string,
    read_term,
    term_for,
    unsupported,
)
from mechgraph.formats.builder import RuleBuilder, Where, is_reference
from mechgraph.formats.curies import split_curie
from mechgraph.formats.reading import ignore_progress, read_lines
from mechgraph.formats.records import EdgeRecord, graph_records
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.language.syntax import Relation, Status

__all__ = ["LOCAL_NAMESPACE", "read_bel", "write_bel"]


#: BEL's causal relations, long and short forms; ``direct`` ones lose their directness.
_RELATIONS = {
    word: relation
    for relation, words in (
        (Relation.INCREASES, "increases -> directlyIncreases =>"),
        (Relation.DECREASES, "decreases -| directlyDecreases =|"),
        (Relation.NO_CHANGE, "causesNoChange cnc"),
        (Relation.ASSOCIATION, "association --"),
    )
    for word in words.split()
}
_ISA = "isA"
#: BEL relations that exist but have no rule-language equivalent.
_OTHER_RELATIONS = frozenset(
    [
        "rateLimitingStepOf",
        "subProcessOf",
        "hasMembers",
        "hasMember",
        "hasComponents",
        "hasComponent",
        "orthologous",
        "transcribedTo",
        ":>",
        "translatedTo",
        ">>",
        "equivalentTo",
        "eq",
        "regulates",
        "reg",
        "positiveCorrelation",
        "pos",
        "negativeCorrelation",
        "neg",
        "correlation",
        "cor",
        "noCorrelation",
        "analogousTo",
        "biomarkerFor",
        "prognosticBiomarkerFor",
        "hasVariant",
        "hasReactant",
        "hasProduct",
        "hasModification",
        "includes",
    ]
)
_CITATION_PREFIX = {"pubmed": "pmid", "pubmed central": "pmc", "doi": "doi"}
_PREFIX_CITATION = {"pmid": "PubMed", "pmc": "PubMed Central", "doi": "DOI"}
_SET = re.compile(r"SET\s+(\w+)\s*=\s*(.*)", re.DOTALL)
_UNSET = re.compile(r"UNSET\s+(.*)", re.DOTALL)
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
#: The annotation that marks a hypothesised claim; a context key ``status`` stays context.
_STATUS = "mechgraph_status"
_TERM_HINT = 'a statement is TERM RELATION TERM, e.g. p(HGNC:AKT1) -> bp(GO:"apoptotic process")'


def _context_key(annotation: str) -> str:
    """``CellLine`` → ``cell_line``."""
    return _CAMEL.sub("_", annotation).lower()


class _State:
    """What the ``SET`` lines in force say."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.citation: str | None = None
        self.evidence: str | None = None
        self.annotations: dict[str, str] = {}


def _logical_lines(lines: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """Join lines ending in a backslash to the next; yields (first line number, text)."""
    pending: list[str] = []
    start = 0
    for number, text in lines:
        if not pending:
            start = number
        if text.endswith("\\"):
            pending.append(text[:-1])
            continue
        pending.append(text)
        yield start, "\n".join(pending)
        pending = []
    if pending:
        yield start, "\n".join(pending)


def read_bel(
    stream: BinaryIO, builder: RuleBuilder, advance: Callable[[int], object] = ignore_progress
) -> None:
    """Read a BEL Script document from ``stream`` into ``builder``."""
    state = _State()
    for number, text in _logical_lines(read_lines(stream, builder.file, advance)):
        where = Where(builder.file, number, 1, text.split("\n", 1)[0])
        line = text.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("SET DOCUMENT"):
            builder.header.append("BEL document " + line.removeprefix("SET DOCUMENT").strip())
        elif line.startswith(("DEFINE ", "SET STATEMENT_GROUP", "UNSET STATEMENT_GROUP")):
            continue
        elif line.startswith("SET "):
            _set(line, state, builder, where)
        elif line.startswith("UNSET "):
            _unset(line, state)
        else:
            _statement(text, state, builder, where)


def _values(text: str) -> list[str]:
    """The value(s) of a SET line: ``"a"`` or ``{"a", "b"}``."""
    body = text.strip()
    if body.startswith("{") and body.endswith("}"):
        body = body[1:-1]
    values, pos = [], 0
    while pos < len(body):
        pos = len(body) - len(body[pos:].lstrip(" \t\n,"))
        if pos >= len(body):
            break
        if body[pos] == '"':
            value, pos = read_string(body, pos)
        else:
            end = body.find(",", pos)
            end = len(body) if end < 0 else end
            value, pos = body[pos:end].strip(), end
        values.append(value)
    return values


def _set(line: str, state: _State, builder: RuleBuilder, where: Where) -> None:
    match = _SET.fullmatch(line)
    if not match:
        builder.error("malformed SET line", where, hint='write SET Key = "value"')
        return
    key, raw = match.groups()
    try:
        values = _values(raw)
    except TermError:
        builder.error("unterminated string in SET line", where, hint="close the quote")
        return
    if key == "Citation":
        _citation(values, state, builder, where)
    elif key in ("Evidence", "SupportingText"):
        state.evidence = " ".join(" ".join(values).split())
    elif values:
        if len(values) > 1:
            builder.note(
                f"annotation {key} has {len(values)} values; kept as one '|'-joined value", where
            )
        state.annotations[_context_key(key)] = "|".join(values)


def _citation(values: list[str], state: _State, builder: RuleBuilder, where: Where) -> None:
    state.reset()  # a new citation starts afresh, as in BEL 2
    if len(values) < 2:
        builder.error(
            "a citation needs a type and an identifier",
            where,
            hint='SET Citation = {"PubMed", "title", "12345"}',
        )
        return
    kind, title, local = (values[0], "", values[1]) if len(values) == 2 else values[:3]
    prefix = _CITATION_PREFIX.get(kind.casefold())
    reference = f"{prefix}:{local}" if prefix else local
    if not is_reference(reference):
        builder.warn(
            f"citation {local!r} of type {kind!r} is not kept: not PREFIX:ID",
            where,
            hint="only PubMed, PubMed Central, DOI and CURIE citations are kept",
        )
        return
    state.citation = builder.source(reference, title)


def _unset(line: str, state: _State) -> None:
    body = _UNSET.fullmatch(line).group(1).strip()
    names = [n.strip() for n in body.strip("{}").split(",")] if body != "ALL" else None
    if names is None:
        state.reset()
        return
    for name in names:
        if name == "Citation":
            state.citation = None
        elif name in ("Evidence", "SupportingText"):
            state.evidence = None
        else:
            state.annotations.pop(_context_key(name), None)


def _statement(text: str, state: _State, builder: RuleBuilder, where: Where) -> None:
    line = text.replace("\n", " ")
    try:
        subject, pos = read_term(line, 0)
    except TermError as error:
        builder.error(f"not a BEL statement: {error}", _at(where, error.col), hint=_TERM_HINT)
        return
    pos = _skip_ws(line, pos)
    if pos >= len(line):
        builder.skip("term without a relation", where)
        return
    word_end = line.find(" ", pos)
    word_end = len(line) if word_end < 0 else word_end
    word = line[pos:word_end]
    if word not in _RELATIONS and word != _ISA:
        if word in _OTHER_RELATIONS:
            builder.skip(f"relation {word!r} has no rule-language equivalent", _at(where, pos))
        else:
            builder.error(
                f"unknown BEL relation {word!r}",
                _at(where, pos),
                hint="increases, decreases, directlyIncreases, directlyDecreases, "
                "causesNoChange, association, isA or -> -| => =| --",
            )
        return
    rest = _skip_ws(line, word_end)
    if rest < len(line) and line[rest] == "(":
        builder.skip("nested statement", _at(where, rest))
        return
    try:
        object, end = read_term(line, rest)
    except TermError as error:
        builder.error(f"bad object term: {error}", _at(where, error.col), hint=_TERM_HINT)
        return
    after = _skip_ws(line, end)
    if after < len(line) and line[after:].split()[0] in _RELATIONS:
        builder.skip("chained statement (a -> b -> c)", _at(where, after))
        return
    if after < len(line):
        builder.error(
            "unexpected text after the statement",
            _at(where, _skip_ws(line, end)),
            hint="one statement per line",
        )
        return
    problems = [(t, unsupported(t)) for t in (subject, object) if unsupported(t)]
    if problems:
        term, reason = problems[0]
        others = "; also " + problems[1][1] if len(problems) > 1 else ""
        builder.skip(
            f"{reason} (no rule-language equivalent)",
            _at(where, term.col),
            hint=f"state the link between plain entities by hand if it matters{others}",
        )
        return
    names = [_entity(t, builder, where) for t in (subject, object)]
    if word == _ISA:
        builder.isa(names[0], names[1])
        return
    context = dict(state.annotations)
    status = Status.OBSERVED
    if context.get(_STATUS) == "hypothesis":  # how the exporter marks hypothesised claims
        status = Status.HYPOTHESIS
        del context[_STATUS]
    builder.link(
        names[0],
        _RELATIONS[word],
        names[1],
        context=context,
        evidence=(state.citation,) if state.citation else (),
        status=status,
        comment=f"evidence: {state.evidence}" if state.evidence else None,
        where=where,
    )


def _skip_ws(line: str, pos: int) -> int:
    return len(line) - len(line[pos:].lstrip())


def _at(where: Where, offset: int) -> Where:
    return Where(where.file, where.line, offset + 1, where.snippet)


def _entity(term: Term, builder: RuleBuilder, where: Where) -> str:
    """The entity a simple term names (declared on first mention)."""
    kind, suffix = FUNCTIONS[term.function]
    value = term.args[0]
    if kind == "entity" and (value.namespace or "").upper() in CHEMICAL_NAMESPACES:
        kind = "drug"
    name = value.label if value.label is not None else value.name
    identifier = None
    if value.namespace and value.namespace != LOCAL_NAMESPACE:
        candidate = f"{value.namespace}:{value.name}"
        identifier = candidate if split_curie(candidate) else None
    key = (suffix, value.namespace, value.name)
    return builder.entity(
        key,
        name,
        kind,
        identifier=identifier,
        distinct=suffix,
        declaration=False,
        where=_at(where, value.col),
    )


# -- export -----------------------------------------------------------------

_DOCUMENT = (
    ("Name", "mechgraph export"),
    ("Description", "Claims exported from mechgraph rules"),
    ("Version", "1.0.0"),
    ("Authors", "mechgraph"),
    ("ContactInfo", "mechgraph"),
)
_EVIDENCE = "stated in mechgraph rules"


def _citation_line(reference: str, titles: dict[str, str]) -> str:
    prefix, _, local = reference.partition(":")
    kind = _PREFIX_CITATION.get(prefix)
    fields = (
        [kind, titles.get(reference, ""), local]
        if kind
        else ["Other", titles.get(reference, ""), reference]
    )
    return "SET Citation = {" + ", ".join(quote_string(f) for f in fields) + "}"


def quote_string(value: str) -> str:
    """Always double-quoted, with BEL escapes."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_bel(graph: MechanismGraph) -> str:
    """The graph as a BEL Script document (one statement per claim and citation).

    Statements without citation are written after ``UNSET ALL``; a
    hypothesised claim carries the annotation ``mechgraph_status = "hypothesis"``.
    """
    nodes, edges = graph_records(graph)
    terms = {n.name: term_for(n.kind, n.name, n.identifier) for n in nodes}
    titles = {s.reference: s.title for s in graph.sources.values() if s.title}
    out = [f"SET DOCUMENT {key} = {quote_string(value)}" for key, value in _DOCUMENT]
    keys = sorted({k for e in edges for k, _ in e.context} | {_STATUS})
    out += ["", f'DEFINE NAMESPACE {LOCAL_NAMESPACE} AS PATTERN ".*"']
    out += [f'DEFINE ANNOTATION {key} AS PATTERN ".*"' for key in keys] + [""]
    for edge in edges:
        out.extend(_edge_lines(edge, terms, titles))
    return "\n".join(out) + "\n"


def _edge_lines(edge: EdgeRecord, terms: dict[str, str], titles: dict[str, str]) -> list[str]:
    word = edge.relation.word if edge.relation is not None else _ISA
    statement = f"{terms[edge.subject]} {word} {terms[edge.object]}"
    context = list(edge.context) + ([(_STATUS, "hypothesis")] if edge.is_hypothesis else [])
    settings = [f"SET {key} = {quote_string(value)}" for key, value in context]
    lines = []
    for reference in edge.evidence or (None,):
        if reference:
            lines += [
                _citation_line(reference, titles),
                f"SET Evidence = {quote_string(_EVIDENCE)}",
            ]
        else:
            lines.append("UNSET ALL")
        lines.extend(settings)
        lines.append(statement)
        lines.append("")
    return lines
