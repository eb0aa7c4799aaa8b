"""Collect what an importer reads into a rule file: entities, links, hypotheses.

Every importer feeds a :class:`RuleBuilder` one record at a time and asks it
for an :class:`ImportResult` at the end.  The builder owns the rules every
format shares: entities with the same key (usually their identifier) merge,
with a note; a name already taken by another entity gets a disambiguating
suffix; a link stated twice keeps one line with both citations; whatever
cannot be expressed is recorded as skipped, with its reason and line.

>>> b = RuleBuilder("demo.sif")
>>> x = b.entity("imipramine", "imipramine", "drug", identifier="CHEBI:47499")
>>> y = b.entity("NMDA_adaptation", "NMDA_adaptation", "process")
>>> b.link(x, Relation.INCREASES, y, evidence=("pmid:8852531",))
>>> b.link(x, Relation.INCREASES, y, evidence=("pmid:1",))
>>> r = b.build(["imported from demo.sif"])
>>> r.summary.links, r.summary.merged_links
(1, 1)
>>> [s.evidence for s in r.rule_file.statements if isinstance(s, Link)]
[(Evidence(reference='pmid:8852531'), Evidence(reference='pmid:1'))]
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

from mechgraph.errors import Diagnostic, ParseError, Severity, visible
from mechgraph.formats.curies import check_curie, normalise_curie
from mechgraph.formats.result import ImportResult, ImportSummary
from mechgraph.graph.quantities import UnitError, parse_condition, unit_scale
from mechgraph.language.grammar import REFERENCE
from mechgraph.language.syntax import (
    ENTITY_KINDS,
    Attribute,
    Blank,
    Comment,
    Declared,
    EntityDecl,
    Evidence,
    Experiment,
    Hypothesis,
    HypothesisStatement,
    Inputs,
    IsA,
    Link,
    Observed,
    Qualifier,
    Reaches,
    Ref,
    Relation,
    RuleFile,
    SourceDecl,
    Statement,
    Status,
    ValueDecl,
    is_bare_name,
)

__all__ = [
    "ImportResult",
    "ImportSummary",
    "RuleBuilder",
    "Where",
    "comment_line",
    "is_reference",
    "source_name",
]


@dataclass(frozen=True)
class Where:
    """The place in the input a record came from, for diagnostics."""

    file: str
    line: int = 0
    col: int = 0
    snippet: str | None = None

    def fields(self) -> dict[str, Any]:
        """The location as keyword arguments of :class:`Diagnostic`."""
        return {"file": self.file, "line": self.line, "col": self.col, "snippet": self.snippet}


_UNSAFE = re.compile(r"[^A-Za-z0-9_.]+")
#: Characters no rule-file name or label can hold: controls and line breaks.
_UNWRITABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_REFERENCE = re.compile(REFERENCE)


def _is_unit(text: str) -> bool:
    """True when pint reads ``text`` as a unit (``d``, ``mg/kg``; not ``B9cell``)."""
    try:
        unit_scale(text)
    except UnitError:
        return False
    return True


def comment_line(text: str) -> Comment:
    """A comment line as the parser reads ``# text`` (the text after ``#``)."""
    return Comment(" " + " ".join(text.split()))


def is_reference(text: str) -> bool:
    """True when ``text`` can be cited inline: ``pmid:8852531``, ``doi:10.1/x-1``.

    >>> is_reference("pmid:8852531"), is_reference("https://example.org/a#b")
    (True, False)
    """
    return _REFERENCE.fullmatch(text) is not None


def source_name(reference: str) -> str:
    """A bare name for a citation: ``pmid:123`` → ``pmid_123``.

    >>> source_name("doi:10.1055/s-2007-979537")
    'doi_10.1055_s_2007_979537'
    """
    name = _UNSAFE.sub("_", reference).strip("_")
    return name if name[:1].isalpha() or name[:1] == "_" else f"_{name}"


@dataclass
class _EntityRecord:
    name: str
    kind: str
    identifier: str | None
    label: str | None
    attributes: tuple[tuple[str, str], ...] = ()


@dataclass
class _LinkRecord:
    link: Link
    comment: str | None
    evidence: list[str] = field(default_factory=list)


class RuleBuilder:
    """Accumulates one import; see the module docstring.

    Parameters
    ----------
    file : str
        The input's path as shown in diagnostics.
    options : mapping, optional
        Reader options (``keep_terms``, ``context_keys``, ...), read by the readers.
    """

    def __init__(self, file: str, options: Mapping[str, Any] | None = None):
        self.file = file
        self.options: Mapping[str, Any] = options or {}
        self._entities: dict[Hashable, _EntityRecord] = {}
        self._names: dict[str, Hashable] = {}
        self._links: dict[tuple, _LinkRecord] = {}
        self._isa: dict[tuple[str, str], None] = {}
        self._sources: dict[str, SourceDecl] = {}
        self._cited: dict[str, str] = {}
        self._renamed: dict[str, str] = {}
        self._extra: list[Statement] = []
        self._hypotheses: list[Hypothesis] = []
        self._experiments: list[Experiment] = []
        self._diagnostics: list[Diagnostic] = []
        self._skipped: Counter[str] = Counter()
        self._merged_entities = 0
        self._merged_links = 0
        self.header: list[str] = []
        self.trailer: list[str] = []

    # -- records -------------------------------------------------------------
    def entity(
        self,
        key: Hashable,
        name: str,
        kind: str,
        *,
        identifier: str | None = None,
        label: str | None = None,
        distinct: str | None = None,
        declaration: bool = True,
        where: Where | None = None,
        attributes: tuple[tuple[str, str], ...] = (),
    ) -> str:
        """Declare (or find) the entity known by ``key``; returns its rule name.

        When ``name`` is taken by another entity, the new one is called
        ``"name (distinct)"`` (``distinct`` defaults to the identifier).
        A second *declaration* with a known key is a merge (counted, and
        noted when it differs); a mere mention (``declaration=False``, as a
        BEL term in a statement) is not.
        """
        if kind not in ENTITY_KINDS:
            raise ValueError(f"unknown entity kind {kind!r}")
        name, label = self._writable(name, where), label and self._writable(label, where)
        known = self._entities.get(key)
        if known is not None:
            self._merged_entities += declaration
            if declaration and (known.name, known.kind) != (name, kind):
                self.note(
                    f"{name!r} ({kind}) merged into {known.name!r} ({known.kind}): "
                    f"same identifier {identifier or key!s}",
                    where,
                )
            return known.name
        if identifier is not None:
            self._check_identifier(identifier, where)
            identifier = normalise_curie(identifier)
        unique = self._unique_name(name, distinct or identifier)
        self._entities[key] = _EntityRecord(unique, kind, identifier, label, attributes)
        self._names[unique] = key
        return unique

    def _writable(self, text: str, where: Where | None) -> str:
        """``text`` without control characters or line breaks (a rule file cannot hold them).

        Each run of them becomes one space, with a warning at ``where``.
        """
        if not _UNWRITABLE.search(text):
            return text
        cleaned = " ".join(_UNWRITABLE.split(text)).strip() or "unnamed"
        self.warn(
            f"'{visible(text)}' holds control characters or line breaks; written as '{cleaned}'",
            where or Where(self.file),
        )
        return cleaned

    def rename(self, key: Hashable, name: str, synonyms: tuple[str, ...] = ()) -> None:
        """Give the entity known by ``key`` the name ``name`` (unless another entity has
        it), keeping ``synonyms`` (its other names) as the attribute ``synonyms``."""
        record = self._entities[key]
        if name != record.name and name not in self._names:
            del self._names[record.name]
            self._renamed[record.name] = name
            self._names[name] = key
            record.name = name
        others = [s for s in synonyms if s != record.name]
        if others:
            record.attributes += (("synonyms", "|".join(others)),)

    def _final(self, ref: Ref) -> Ref:
        return Ref(self._renamed[ref.name]) if ref.name in self._renamed else ref

    def _unique_name(self, name: str, distinct: str | None) -> str:
        if name not in self._names:
            return name
        candidate = f"{name} ({distinct})" if distinct else name
        number = 2
        while candidate in self._names:
            candidate = f"{name} ({number})"
            number += 1
        return candidate

    def _check_identifier(self, identifier: str, where: Where | None) -> None:
        problem = check_curie(identifier, **(where or Where(self.file)).fields())
        if problem is not None:
            self._diagnostics.append(problem)

    def link(
        self,
        subject: str,
        relation: Relation,
        object: str,
        *,
        status: Status = Status.OBSERVED,
        context: Mapping[str, str] | None = None,
        evidence: tuple[str, ...] = (),
        comment: str | None = None,
        where: Where | None = None,
        attributes: Mapping[str, str] | None = None,
    ) -> None:
        """State a link; a second statement of the same link adds its evidence.

        A context key that is not a bare name, or a citation that is not a
        source name or ``PREFIX:ID``, is an error located at ``where``.
        """
        where = where or Where(self.file)
        bad_keys = [k for k in (*(context or {}), *(attributes or {})) if not is_bare_name(k)]
        bad_refs = [e for e in evidence if not is_reference(e)]
        for key in bad_keys:
            self.error(
                f"context key {key!r} is not a name",
                where,
                hint="context keys are letters, digits and _ (species, cell_line)",
            )
        for reference in bad_refs:
            self.error(
                f"citation {reference!r} is neither a source name nor PREFIX:ID",
                where,
                hint="cite e.g. pmid:8852531 or doi:10.1055/s-2007-979537",
            )
        if bad_keys or bad_refs:
            return
        qualifiers = tuple(Qualifier(k, v) for k, v in sorted((context or {}).items()))
        said = tuple(Attribute(k, v) for k, v in (attributes or {}).items())
        key = (subject, relation, object, qualifiers, status, said)
        record = self._links.get(key)
        if record is None:
            link = Link(
                Ref(subject), relation, Ref(object), qualifiers, (), status, attributes=said
            )
            record = self._links[key] = _LinkRecord(link, comment)
        else:
            self._merged_links += 1
        cited = (self._cited.get(e, e) for e in evidence)
        record.evidence.extend(e for e in cited if e not in record.evidence)

    def isa(self, member: str, parent: str) -> None:
        """State that ``member`` is a ``parent``."""
        self._isa[(member, parent)] = None

    def source(self, reference: str, title: str | None = None) -> str:
        """Declare a citation once; returns the source name links cite."""
        name = source_name(reference)
        if name not in self._sources:
            self._sources[name] = SourceDecl(Ref(name), reference, title or None)
        return name

    def declare_source(self, name: str, reference: str | None, title: str | None = None) -> None:
        """Declare a named source; links citing its reference will cite its name
        (a source declared by title alone has no reference, and is cited by name)."""
        self._sources[name] = SourceDecl(Ref(name), reference, title)
        if reference is not None:
            self._cited.setdefault(reference, name)

    def extra(self, statement: Statement) -> None:
        """Add a statement as it is (context values and their hierarchy)."""
        self._extra.append(statement)

    def hypothesis(
        self, name: str, statements: tuple[HypothesisStatement, ...], evidence: tuple[str, ...] = ()
    ) -> None:
        """Add a named hypothesis block."""
        refs = tuple(Evidence(e) for e in evidence)
        self._hypotheses.append(Hypothesis(Ref(name), statements, refs))

    def experiment(self, experiment: Experiment) -> None:
        """Add an experiment block as it is (its names follow any renaming of entities)."""
        self._experiments.append(experiment)

    # -- problems ------------------------------------------------------------
    def skip(self, reason: str, where: Where, hint: str | None = None) -> None:
        """Record a statement the rule language cannot express (a warning, counted)."""
        self._skipped[reason] += 1
        self._diagnostics.append(
            Diagnostic.warning(f"skipped: {reason}", hint=hint, code="skipped", **where.fields())
        )

    def error(self, message: str, where: Where, hint: str | None = None) -> None:
        """Record malformed input; :meth:`build` will refuse to produce a file."""
        self._diagnostics.append(Diagnostic.error(message, hint=hint, **where.fields()))

    def warn(self, message: str, where: Where, hint: str | None = None) -> None:
        """Record something kept only in part (the import goes on)."""
        self._diagnostics.append(Diagnostic.warning(message, hint=hint, **where.fields()))

    def note(self, message: str, where: Where | None = None) -> None:
        """Record something a reader should know, e.g. a merge."""
        self._diagnostics.append(
            Diagnostic(Severity.NOTE, message, **(where or Where(self.file)).fields())
        )

    # -- result --------------------------------------------------------------
    def build(self, header: list[str]) -> ImportResult:
        """The rule file; raises :class:`ParseError` when any error was recorded."""
        errors = [d for d in self._diagnostics if d.is_error]
        if errors:
            raise ParseError(errors)
        statements: list[Statement] = [comment_line(line) for line in header + self.header]
        sections = [
            list(self._sources.values()),
            self._quantity_keys(),
            self._extra,
            self._declarations(),
            [IsA((self._final(Ref(m)),), self._final(Ref(p))) for m, p in self._isa],
            self._link_statements(),
        ]
        trailer = [comment_line(line) for line in self.trailer]
        hypotheses = [[self._renamed_hypothesis(h)] for h in self._hypotheses]
        hypotheses += [[self._renamed_experiment(e)] for e in self._experiments]
        for section in sections + hypotheses + [trailer]:
            if section:
                statements.append(Blank())
                statements.extend(section)
        summary = ImportSummary(
            entities=len(self._entities),
            links=len(self._links),
            merged_entities=self._merged_entities,
            merged_links=self._merged_links,
            isa=len(self._isa),
            hypotheses=len(self._hypotheses),
            skipped=tuple(sorted(self._skipped.items())),
        )
        return ImportResult(
            RuleFile(self.file, tuple(statements)), summary, tuple(self._diagnostics)
        )

    def _quantity_keys(self) -> list[Statement]:
        """``context KEY: UNIT`` for each context key whose every value is a quantity with
        a unit (``14d``, ``>=14d``, ``5..20mg/kg``), so the imported rules compare them."""
        units: dict[str, set[str]] = {}
        declared = {e.key for e in self._extra if isinstance(e, ValueDecl) and e.dimension}
        for record in self._links.values():
            for q in record.link.context:
                condition = parse_condition(q.value)
                units.setdefault(q.key, set()).add(condition.unit if condition else "")
        return [
            ValueDecl(key, (), dimension=sorted(found)[0])
            for key, found in sorted(units.items())
            if key not in declared and "" not in found and all(map(_is_unit, found))
        ]

    def _declarations(self) -> list[Statement]:
        order = {kind: i for i, kind in enumerate(ENTITY_KINDS)}
        parents = {parent for _, parent in self._isa}
        for record in self._entities.values():
            if record.kind == "entity" and record.name in parents:
                record.kind = "class"
        records = sorted(self._entities.values(), key=lambda e: (order[e.kind], e.name))
        return [
            EntityDecl(
                e.kind,
                (
                    Declared(
                        Ref(e.name),
                        e.label,
                        ((Attribute("id", e.identifier),) if e.identifier else ())
                        + tuple(Attribute(k, v) for k, v in e.attributes),
                    ),
                ),
            )
            for e in records
        ]

    def _renamed_hypothesis(self, hypothesis: Hypothesis) -> Hypothesis:
        if not self._renamed:
            return hypothesis
        statements = tuple(
            dataclasses.replace(s, members=self._final(s.members), target=self._final(s.target))
            if isinstance(s, Reaches)
            else s
            for s in hypothesis.statements
        )
        return dataclasses.replace(hypothesis, statements=statements)

    def _renamed_experiment(self, experiment: Experiment) -> Experiment:
        statements = tuple(
            dataclasses.replace(s, names=tuple(map(self._final, s.names)))
            if isinstance(s, Inputs | Observed)
            else s
            for s in experiment.statements
        )
        return dataclasses.replace(experiment, statements=statements)

    def _link_statements(self) -> list[Statement]:
        out: list[Statement] = []
        shown = None
        for record in self._links.values():
            if record.comment is not None and record.comment != shown:
                out.append(comment_line(record.comment))
                shown = record.comment
            evidence = tuple(Evidence(e) for e in record.evidence)
            link = record.link
            if self._renamed:
                link = dataclasses.replace(
                    link, subject=self._final(link.subject), object=self._final(link.object)
                )
            out.append(dataclasses.replace(link, evidence=evidence))
        return out
