"""BEL Script in (BEL 2.1 as PyBEL and INDRA read it); out is :mod:`~mechgraph.formats.belwrite`.

Import reads a document line by line.  ``SET``/``UNSET`` lines are kept by
:class:`~mechgraph.formats.belcontrol.Control`: the citation becomes the
evidence, context annotations the link's context, the other annotations its
attributes, ``SET Evidence`` a comment above the links it supports.

Statements follow :data:`~mechgraph.formats.belrelations.RELATIONS`:
causal relations become links (``direct`` ones keep ``predicate=``);
``regulates``, correlations, ``binds`` and ``partOf`` become associations
with their word as ``predicate``; ``isA`` and ``hasMember(s)`` (its inverse)
become class membership; the rest, BEL 1's ``actsIn`` and ``translocates``
included, are skipped with the reason on their line.  Nothing but malformed
text is an error.

Terms are collapsed onto their entity, as INDRA's BEL processor and
pybel-tools do: ``act(p(HGNC:MTOR), ma(kin))``, ``p(HGNC:AKT1, pmod(Ph))``
and ``tloc(p(X), ...)`` are about MTOR, AKT1 and X, and the link keeps the
term as ``subject_term=``/``object_term=``; ``deg(p(X))`` is about X with the
sign inverted.  The option ``keep_terms`` keeps such terms as entities of
their own.  Complexes and composites are entities named by their term.
Every entity keeps its namespace and name: as its identifier
(``id=HGNC:AKT1``) or, when the name is not a valid identifier
(``MESHPP:"cell proliferation"``), as ``namespace=`` and ``ns_name=``.

>>> import io
>>> from mechgraph.formats.builder import RuleBuilder
>>> b = RuleBuilder("x.bel")
>>> read_bel(io.BytesIO(b'a(CHEBI:sirolimus) directlyDecreases act(p(HGNC:MTOR), ma(kin))'), b)
>>> (link,) = b.build([]).rule_file.statements[-1:]
>>> link.subject.name, link.relation.value, link.object.name
('sirolimus', '-|', 'MTOR')
>>> [(a.key, a.value) for a in link.attributes]
[('predicate', 'directlyDecreases'), ('object_term', 'act(p(HGNC:MTOR), ma(kin))')]
"""

from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO

from mechgraph.formats.belcontrol import Control, logical_lines
from mechgraph.formats.belrelations import RELATIONS, Reading
from mechgraph.formats.belterms import (
    CHEMICAL_NAMESPACES,
    COMPOSITES,
    FUNCTIONS,
    LOCAL_NAMESPACE,
    Core,
    Term,
    TermError,
    Value,
    core,
    read_term,
    write,
)
from mechgraph.formats.belwrite import STATUS_ANNOTATION, write_bel
from mechgraph.formats.builder import RuleBuilder, Where
from mechgraph.formats.curies import split_curie
from mechgraph.formats.reading import ignore_progress, read_lines
from mechgraph.language.syntax import Relation, Status

__all__ = ["LOCAL_NAMESPACE", "read_bel", "write_bel"]

_TERM_HINT = 'a statement is TERM RELATION TERM, e.g. p(HGNC:AKT1) -> bp(GO:"apoptotic process")'
_FLIP = {Relation.INCREASES: Relation.DECREASES, Relation.DECREASES: Relation.INCREASES}


def read_bel(
    stream: BinaryIO, builder: RuleBuilder, advance: Callable[[int], object] = ignore_progress
) -> None:
    """Read a BEL Script document from ``stream`` into ``builder``."""
    control = Control(builder.options.get("context_keys"))
    for number, text in logical_lines(read_lines(stream, builder.file, advance)):
        where = Where(builder.file, number, 1, text.split("\n", 1)[0])
        line = text.strip()
        if not line or line.startswith("#"):
            control.comment(line)
        elif line.startswith("SET DOCUMENT"):
            builder.header.append("BEL document " + line.removeprefix("SET DOCUMENT").strip())
        elif line.startswith(("DEFINE ", "SET STATEMENT_GROUP", "UNSET STATEMENT_GROUP")):
            continue
        elif line.startswith("SET "):
            control.set_line(line, builder, where)
        elif line.startswith("UNSET "):
            control.unset_line(line)
        else:
            _statement(text.replace("\n", " "), control, builder, where)


def _skip_ws(line: str, pos: int) -> int:
    return len(line) - len(line[pos:].lstrip())


def _at(where: Where, offset: int) -> Where:
    return Where(where.file, where.line, offset + 1, where.snippet)


def _parts(line: str, builder: RuleBuilder, where: Where) -> tuple | None:
    """(subject, word, reading, object) of a statement; ``None`` when it is reported."""
    try:
        subject, pos = read_term(line, 0)
    except TermError as error:
        builder.error(f"not a BEL statement: {error}", _at(where, error.col), hint=_TERM_HINT)
        return None
    pos = _skip_ws(line, pos)
    if pos >= len(line):
        builder.skip("term without a relation", where)
        return None
    word_end = line.find(" ", pos)
    word = line[pos : len(line) if word_end < 0 else word_end]
    reading = RELATIONS.get(word)
    if reading is None:
        builder.error(
            f"unknown BEL relation {word!r}",
            _at(where, pos),
            hint="increases, decreases, directlyIncreases, directlyDecreases, causesNoChange, "
            "association, positiveCorrelation, binds, partOf, isA, hasMember or -> -| => =| --",
        )
        return None
    if reading.skip:
        builder.skip(reading.skip, _at(where, pos))
        return None
    rest = _skip_ws(line, pos + len(word))
    if rest < len(line) and line[rest] == "(":
        builder.skip("nested statement", _at(where, rest))
        return None
    try:
        object, end = read_term(line, rest)
    except TermError as error:
        builder.error(f"bad object term: {error}", _at(where, error.col), hint=_TERM_HINT)
        return None
    after = _skip_ws(line, end)
    if after < len(line):
        if line[after:].split()[0] in RELATIONS:
            builder.skip("chained statement (a -> b -> c)", _at(where, after))
        else:
            builder.error(
                "unexpected text after the statement",
                _at(where, after),
                hint="one statement per line",
            )
        return None
    return subject, reading, object


def _statement(line: str, control: Control, builder: RuleBuilder, where: Where) -> None:
    parts = _parts(line, builder, where)
    if parts is None:
        return
    subject, reading, object = parts
    if reading.isa:
        _membership(subject, reading, object, builder, where)
        return
    keep = bool(builder.options.get("keep_terms"))
    try:
        ends = [(t, core(t)) for t in (subject, object)]
    except TermError as error:
        builder.skip(
            f"{error} (no rule-language equivalent)",
            _at(where, error.col),
            hint="state the link between plain entities by hand if it matters",
        )
        return
    names = [_named(t, c, keep, builder, where) for t, c in ends]
    if names[0] == names[1] and any(found.collapsed for _, found in ends):
        builder.skip(
            "links an entity to itself once activity, modification or location is collapsed",
            where,
            hint="import with --keep-terms to keep such terms apart",
        )
        return
    _link(names, ends, reading, keep, control, builder, where)


def _link(names, ends, reading: Reading, keep: bool, control, builder, where) -> None:
    relation = reading.relation
    assert relation is not None
    if not keep and ends[0][1].inverted != ends[1][1].inverted:
        relation = _FLIP.get(relation, relation)
    if reading.inverse:
        names, ends = names[::-1], ends[::-1]
    context, provenance = control.split()
    attributes = {"predicate": reading.predicate} if reading.predicate else {}
    if not keep:
        for role, (term, found) in zip(("subject_term", "object_term"), ends):
            if found.collapsed:
                attributes[role] = write(term)
    status = Status.OBSERVED
    if provenance.pop(STATUS_ANNOTATION, None) == "hypothesis":  # how the exporter marks it
        status = Status.HYPOTHESIS
    attributes.update(provenance)
    builder.link(
        names[0],
        relation,
        names[1],
        context=context,
        evidence=(control.citation,) if control.citation else (),
        status=status,
        comment=f"evidence: {control.evidence}" if control.evidence else None,
        where=where,
        attributes=attributes,
    )


def _membership(subject: Term, reading: Reading, object: Term, builder, where) -> None:
    """``A isA B``; ``B hasMember A``; ``B hasMembers list(A, C)``."""
    group, members = (object, subject) if not reading.inverse else (subject, object)
    listed = members.args if members.function == "list" else (members,)
    try:
        parent = _named(group, core(group), True, builder, where)
        for member in listed:
            if not isinstance(member, Term):
                raise TermError("a list member must be a term", member.col)
            builder.isa(_named(member, core(member), True, builder, where), parent)
    except TermError as error:
        builder.skip(f"{error} (no rule-language equivalent)", _at(where, error.col))


def _named(term: Term, found: Core, keep: bool, builder: RuleBuilder, where: Where) -> str:
    """The entity a term is about (declared on first mention)."""
    if keep and found.collapsed:
        text = write(term)
        kind = FUNCTIONS[found.term.function][0]
        return builder.entity(("term", text), text, kind, declaration=False, where=where)
    simple = found.term
    value = simple.args[0] if simple.args else None
    if simple.function in COMPOSITES and not (len(simple.args) == 1 and isinstance(value, Value)):
        text = write(simple)
        return builder.entity(("composite", text), text, "entity", declaration=False, where=where)
    assert isinstance(value, Value)
    kind, suffix = FUNCTIONS.get(simple.function, ("entity", "complex"))
    namespace = value.namespace
    if kind == "entity" and (namespace or "").upper() in CHEMICAL_NAMESPACES:
        kind = "drug"
    identifier, attributes = None, ()
    if namespace and namespace != LOCAL_NAMESPACE:
        candidate = f"{namespace}:{value.name}"
        identifier = candidate if split_curie(candidate) else None
        if identifier is None:
            attributes = (("namespace", namespace), ("ns_name", value.name))
    return builder.entity(
        (suffix, namespace, value.name),
        value.label if value.label is not None else value.name,
        kind,
        identifier=identifier,
        distinct=suffix,
        declaration=False,
        where=_at(where, value.col),
        attributes=attributes,
    )
