"""BEL Script's control lines: ``SET``/``UNSET``, citations, annotations as context or provenance.

A BEL document says which paper and which conditions a statement holds
under with ``SET`` lines in force until ``UNSET`` or the next citation.
:class:`Control` keeps that state.  Annotations are split in two:

- **context** — the annotations whose key is a *context key* (species,
  anatomy, tissue, cell, cell line, disease; :data:`CONTEXT_KEYS`, matched
  without regard to case, or the keys given by ``--context-keys``): they
  restrict reasoning, so a route may only join links whose values agree;
- **provenance** — every other annotation (``TextLocation``, ``Confidence``,
  ``Subgraph``, ...): kept on the link as an attribute, never restricting.

Keys are kept as written (``MeSHAnatomy`` stays ``MeSHAnatomy``).

>>> c = Control(None)
>>> c.set_annotation("Species", ["9606"]); c.set_annotation("TextLocation", ["Abstract"])
>>> c.split()
({'Species': '9606'}, {'TextLocation': 'Abstract'})
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from mechgraph.formats.belterms import TermError, read_string
from mechgraph.formats.belwrite import CONTEXT_KEYS_COMMENT, UNCITED
from mechgraph.formats.builder import RuleBuilder, Where, is_reference

__all__ = ["CONTEXT_KEYS", "Control", "logical_lines", "set_values"]

#: Annotations that restrict reasoning by default (compared without regard to case).
CONTEXT_KEYS = frozenset(
    k.casefold()
    for k in (
        "Species",
        "Anatomy",
        "MeSHAnatomy",
        "Uberon",
        "UberonAnatomy",
        "Tissue",
        "Organ",
        "Cell",
        "CellLine",
        "CellType",
        "CellStructure",
        "MeSHCellStructure",
        "Disease",
        "MeSHDisease",
        "DOID",
        "Mondo",
    )
)
_CITATION_PREFIX = {"pubmed": "pmid", "pubmed central": "pmc", "pmc": "pmc", "doi": "doi"}
_SET = re.compile(r"SET\s+(\w+)\s*=\s*(.*)", re.DOTALL)
_UNSET = re.compile(r"UNSET\s+(.*)", re.DOTALL)


def logical_lines(lines: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str]]:
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


def set_values(text: str) -> list[str]:
    """The value(s) of a SET line: ``"a"`` or ``{"a", "b"}``.

    >>> set_values('{"PubMed", "a, b", 123}')
    ['PubMed', 'a, b', '123']
    """
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


class Control:
    """The ``SET`` lines in force, and which annotation keys are context.

    Parameters
    ----------
    context_keys : iterable of str or None
        The annotation keys that restrict reasoning; ``None`` for
        :data:`CONTEXT_KEYS` (plus those a mechgraph export lists).
    """

    def __init__(self, context_keys: Iterable[str] | None):
        self.given = context_keys is not None
        self.context_keys = (
            {k.casefold() for k in context_keys} if context_keys is not None else set(CONTEXT_KEYS)
        )
        self.reset()

    def reset(self) -> None:
        self.citation: str | None = None
        self.evidence: str | None = None
        self.annotations: dict[str, str] = {}

    def comment(self, line: str) -> None:
        """Read the context keys a mechgraph export lists in a comment (unless given)."""
        if line.startswith(CONTEXT_KEYS_COMMENT) and not self.given:
            listed = line.removeprefix(CONTEXT_KEYS_COMMENT).split(",")
            self.context_keys |= {k.strip().casefold() for k in listed if k.strip()}

    def set_annotation(self, key: str, values: list[str]) -> None:
        self.annotations[key] = "|".join(values)

    def split(self) -> tuple[dict[str, str], dict[str, str]]:
        """The annotations in force as (context, provenance)."""
        context, provenance = {}, {}
        for key, value in self.annotations.items():
            (context if key.casefold() in self.context_keys else provenance)[key] = value
        return context, provenance

    def set_line(self, line: str, builder: RuleBuilder, where: Where) -> None:
        """Apply one ``SET`` line (malformed ones are located errors)."""
        match = _SET.fullmatch(line)
        if not match:
            builder.error("malformed SET line", where, hint='write SET Key = "value"')
            return
        key, raw = match.groups()
        try:
            values = set_values(raw)
        except TermError:
            builder.error("unterminated string in SET line", where, hint="close the quote")
            return
        if key == "Citation":
            self._citation(values, builder, where)
        elif key in ("Evidence", "SupportingText"):
            self.evidence = " ".join(" ".join(values).split())
        elif values:
            if len(values) > 1:
                builder.note(
                    f"annotation {key} has {len(values)} values; kept as one '|'-joined value",
                    where,
                )
            self.set_annotation(key, values)

    def _citation(self, values: list[str], builder: RuleBuilder, where: Where) -> None:
        self.reset()  # a new citation starts afresh, as in BEL 2
        if len(values) < 2:
            builder.error(
                "a citation needs a type and an identifier",
                where,
                hint='SET Citation = {"PubMed", "title", "12345"}',
            )
            return
        if tuple(values) == UNCITED:
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
        self.citation = builder.source(reference, title)

    def unset_line(self, line: str) -> None:
        """Apply one ``UNSET`` line."""
        match = _UNSET.fullmatch(line)
        body = match.group(1).strip() if match else "ALL"
        if body == "ALL":
            self.reset()
            return
        for name in (n.strip() for n in body.strip("{}").split(",")):
            if name == "Citation":
                self.citation = None
            elif name in ("Evidence", "SupportingText"):
                self.evidence = None
            else:
                self.annotations.pop(name, None)
