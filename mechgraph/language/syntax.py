"""The abstract syntax of rule files: slotted dataclasses with source spans.

The parser produces these nodes; the compiler consumes them; nothing here
knows about graphs.  Spans never take part in equality, so a re-parsed
formatted file equals the original.  Nodes are values: hashable, compared
by content, changed only through :func:`dataclasses.replace`.  They are not
``frozen``: a frozen dataclass is made three times slower (every field goes
through ``object.__setattr__``), and a parse makes about eight nodes a line.

>>> a = Link(Ref("imipramine"), Relation.INCREASES, Ref("NMDA_adaptation"))
>>> b = Link(Ref("imipramine", span=Span("x.mg", 3, 1)), Relation.INCREASES,
...          Ref("NMDA_adaptation"))
>>> a == b
True
>>> Relation.from_word("decreases").sign
<Sign.NEGATIVE: '-'>
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from typing import NamedTuple

__all__ = [
    "BARE_NAME",
    "ENTITY_KINDS",
    "Span",
    "NOWHERE",
    "Sign",
    "Relation",
    "Status",
    "Quantifier",
    "Ref",
    "Attribute",
    "Qualifier",
    "Evidence",
    "Comment",
    "Blank",
    "Include",
    "SourceDecl",
    "Declared",
    "EntityDecl",
    "ValueDecl",
    "IsA",
    "Link",
    "Reaches",
    "SignOf",
    "Consistent",
    "ConsistentWith",
    "HypothesisStatement",
    "OBSERVED_VALUES",
    "LEVELS",
    "Inputs",
    "Observed",
    "ExperimentStatement",
    "Experiment",
    "Hypothesis",
    "Statement",
    "RuleFile",
    "is_bare_name",
]

#: A name that needs no quotes: ``imipramine``, ``NMDA_adaptation``, ``GRIN1.a``.
BARE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")

#: Entity kinds a declaration may start with (``drug imipramine``).
ENTITY_KINDS = (
    "drug",
    "treatment",
    "receptor",
    "protein",
    "gene",
    "process",
    "phenotype",
    "disease",
    "anatomy",
    "class",
    "entity",
)


def is_bare_name(text: str) -> bool:
    """True when ``text`` can be written without quotes.

    >>> is_bare_name("NMDA_adaptation"), is_bare_name("5-HT1A receptor")
    (True, False)
    """
    return BARE_NAME.fullmatch(text) is not None


class Span(NamedTuple):
    """Where a node starts: file, 1-based line and column.

    A named tuple, not a dataclass: a parse makes several per line, and a
    tuple is made in a third of the time.

    >>> str(Span("a.mg", 3, 7))
    'a.mg:3:7'
    """

    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


NOWHERE = Span("<nowhere>", 0, 0)


#: Members are singletons compared by identity, so they can hash by identity too: a
#: C-level hash instead of ``Enum.__hash__`` (Python code), for lookups made per claim.
_IDENTITY_HASH = object.__hash__


class Sign(enum.Enum):
    """The effect a link or a path carries."""

    __hash__ = _IDENTITY_HASH

    POSITIVE = "+"
    NEGATIVE = "-"
    NO_CHANGE = "0"
    UNSIGNED = "?"

    def __mul__(self, other: Sign) -> Sign:
        """The sign of two effects in a row.

        >>> Sign.NEGATIVE * Sign.NEGATIVE
        <Sign.POSITIVE: '+'>
        >>> Sign.POSITIVE * Sign.UNSIGNED
        <Sign.UNSIGNED: '?'>
        """
        if Sign.NO_CHANGE in (self, other):
            return Sign.NO_CHANGE
        if Sign.UNSIGNED in (self, other):
            return Sign.UNSIGNED
        return Sign.POSITIVE if self is other else Sign.NEGATIVE


#: Each arrow's sign and BEL word.
_ARROWS = {
    "->": (Sign.POSITIVE, "increases"),
    "-|": (Sign.NEGATIVE, "decreases"),
    "-0": (Sign.NO_CHANGE, "causesNoChange"),
    "--": (Sign.UNSIGNED, "association"),
}


class Relation(enum.Enum):
    """The four causal relations; the value is the arrow written in rules.

    Each carries its ``sign`` and BEL's ``word`` for it as plain attributes
    (read per claim by every index build, so no property):

    >>> Relation.DECREASES.sign, Relation.DECREASES.word
    (<Sign.NEGATIVE: '-'>, 'decreases')
    """

    INCREASES = "->"
    DECREASES = "-|"
    NO_CHANGE = "-0"
    ASSOCIATION = "--"
    __hash__ = _IDENTITY_HASH

    def __init__(self, arrow: str) -> None:
        self.sign, self.word = _ARROWS[arrow]

    @classmethod
    def from_word(cls, text: str) -> Relation:
        """The relation written as an arrow or as BEL's word; ``KeyError`` otherwise."""
        return _RELATION_BY_TEXT[text]


_RELATION_BY_TEXT = {r.value: r for r in Relation} | {r.word: r for r in Relation}


class Status(enum.Enum):
    """Whether a link was observed or is only hypothesised."""

    OBSERVED = "observed"
    HYPOTHESIS = "hypothesis"
    __hash__ = _IDENTITY_HASH


class Quantifier(enum.Enum):
    """How a hypothesis statement ranges over the members of a class."""

    EVERY = "every"
    SOME = "some"
    NO = "no"


def _span() -> Span:
    return field(default=NOWHERE, compare=False, repr=False)


@dataclass(slots=True, unsafe_hash=True)
class Ref:
    """A name as written at one place: an entity, class, source or context value."""

    name: str
    span: Span = _span()


@dataclass(slots=True, unsafe_hash=True)
class Attribute:
    """``key=value`` on a declaration, e.g. ``id=CHEBI:47499``."""

    key: str
    value: str
    span: Span = _span()


@dataclass(slots=True, unsafe_hash=True)
class Qualifier:
    """One context pair of a link or statement: ``duration=chronic``.

    A bound keeps its operator in front of the value: ``period>=14d`` is
    ``Qualifier("period", ">=14d")``; blanks inside a quantity are dropped
    (``2 wk`` is ``2wk``).
    """

    key: str
    value: str
    span: Span = _span()


@dataclass(slots=True, unsafe_hash=True)
class Evidence:
    """``@skolnick1996`` (a declared source) or ``@pmid:8852531`` (inline)."""

    reference: str
    span: Span = _span()

    @property
    def is_inline(self) -> bool:
        """Inline references carry a ``prefix:`` (``pmid:123``)."""
        return ":" in self.reference


@dataclass(slots=True, unsafe_hash=True)
class Comment:
    """A ``#`` comment; ``trailing`` ones end the line of the statement before."""

    text: str
    trailing: bool = False
    span: Span = _span()


@dataclass(slots=True, unsafe_hash=True)
class Blank:
    """One or more empty lines between statements (kept as a single one)."""

    span: Span = _span()


@dataclass(slots=True, unsafe_hash=True)
class Include:
    """``include "other.mg"``: a file below the including file's folder."""

    path: str
    span: Span = _span()


@dataclass(slots=True, unsafe_hash=True)
class SourceDecl:
    """``source skolnick1996 = pmid:8852531 "Adaptation of NMDA receptors ..."``, or by
    title alone: ``source skolnick1996 "Skolnick 1996, Pharmacopsychiatry"`` (no
    ``reference``)."""

    name: Ref
    reference: str | None
    title: str | None = None
    span: Span = _span()


@dataclass(slots=True, unsafe_hash=True)
class Declared:
    """One declared name with its optional label and attributes."""

    name: Ref
    label: str | None = None
    attributes: tuple[Attribute, ...] = ()
    span: Span = _span()


@dataclass(slots=True, unsafe_hash=True)
class EntityDecl:
    """``drug imipramine, citalopram``: a kind from :data:`ENTITY_KINDS` and names."""

    kind: str
    entries: tuple[Declared, ...]
    span: Span = _span()


@dataclass(slots=True, unsafe_hash=True)
class ValueDecl:
    """``context region cerebral_cortex, frontal_cortex``: values of a context key.

    Declared values may form an ``isa`` hierarchy
    (``frontal_cortex isa cerebral_cortex``).  ``context period: time`` declares
    instead the key's ``dimension`` (its values are then quantities), and a value
    may be defined by a condition: ``context duration chronic = period>=14d``
    (``defined`` pairs a value's name with its condition).
    """

    key: str
    values: tuple[Ref, ...]
    span: Span = _span()
    dimension: str | None = None
    defined: tuple[tuple[str, Qualifier], ...] = ()


@dataclass(slots=True, unsafe_hash=True)
class IsA:
    """``tricyclic, ssri isa antidepressant``."""

    members: tuple[Ref, ...]
    parent: Ref
    span: Span = _span()


@dataclass(slots=True, unsafe_hash=True)
class Link:
    """``subject relation object [context] @evidence status=hypothesis key=value ...``.

    ``attributes`` say more about the link than its relation does, without
    changing how it is traversed: ``predicate="negatively correlated with"``
    (the source's own word), ``subject_term="act(p(HGNC:MTOR), ma(kin))"``.
    """

    subject: Ref
    relation: Relation
    object: Ref
    context: tuple[Qualifier, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    status: Status = Status.OBSERVED
    span: Span = _span()
    attributes: tuple[Attribute, ...] = ()


@dataclass(slots=True, unsafe_hash=True)
class Reaches:
    """``every|some|no C reaches T [through X] [context]``."""

    quantifier: Quantifier
    members: Ref
    target: Ref
    through: Ref | None = None
    context: tuple[Qualifier, ...] = ()
    span: Span = _span()


@dataclass(slots=True, unsafe_hash=True)
class SignOf:
    """``sign of C to T is +|-  [context]``."""

    members: Ref
    target: Ref
    sign: Sign
    context: tuple[Qualifier, ...] = ()
    span: Span = _span()


@dataclass(slots=True, unsafe_hash=True)
class Consistent:
    """``consistent``: no contradiction among the links the hypothesis uses."""

    span: Span = _span()


@dataclass(slots=True, unsafe_hash=True)
class ConsistentWith:
    """``consistent with EXPERIMENT, ...``: the links explain every observation of each."""

    experiments: tuple[Ref, ...]
    span: Span = _span()

    @property
    def context(self) -> tuple[Qualifier, ...]:
        """Hypothesised links count here (data are independent evidence): ``hypotheses=include``."""
        return (Qualifier("hypotheses", "include"),)


HypothesisStatement = Reaches | SignOf | Consistent | ConsistentWith | Comment

#: What an experiment may say of an entity: its change (Iggy's spellings, and ``change``:
#: it changed, in a direction not reported) ...
OBSERVED_VALUES = ("+", "-", "0", "notPlus", "notMinus", "change")
#: ... or its starting level (it cannot decrease below MIN, nor increase above MAX).
LEVELS = ("MIN", "MAX")


@dataclass(slots=True, unsafe_hash=True)
class Inputs:
    """``input imipramine, ECS``: the entities the experimenter perturbed."""

    names: tuple[Ref, ...]
    span: Span = _span()


@dataclass(slots=True, unsafe_hash=True)
class Observed:
    """``NMDA_adaptation, NMDA_receptor = + @skolnick1996``: an observed change (one of
    :data:`OBSERVED_VALUES`) or a starting level (one of :data:`LEVELS`)."""

    names: tuple[Ref, ...]
    value: str
    evidence: tuple[Evidence, ...] = ()
    span: Span = _span()


ExperimentStatement = Inputs | Observed | Comment


@dataclass(slots=True, unsafe_hash=True)
class Experiment:
    """``experiment NAME [context] @evidence:`` and its indented statements."""

    name: Ref
    statements: tuple[ExperimentStatement, ...]
    context: tuple[Qualifier, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    span: Span = _span()


@dataclass(slots=True, unsafe_hash=True)
class Hypothesis:
    """``hypothesis NAME @evidence:`` and its indented statements."""

    name: Ref
    statements: tuple[HypothesisStatement, ...]
    evidence: tuple[Evidence, ...] = ()
    span: Span = _span()


Statement = (
    Comment
    | Blank
    | Include
    | SourceDecl
    | EntityDecl
    | ValueDecl
    | IsA
    | Link
    | Hypothesis
    | Experiment
)


@dataclass(slots=True, unsafe_hash=True)
class RuleFile:
    """One parsed file: its path and statements in order (comments included).

    A file parsed in part (:attr:`ParseError.partial <mechgraph.errors.ParseError>`)
    holds the statements of the lines that parsed, and in ``unparsed_names`` every
    name written on the lines that did not: those lines may declare them, so
    the compiler does not call them unknown.
    """

    path: str
    statements: tuple[Statement, ...]
    text: str = field(default="", compare=False, repr=False)
    unparsed_names: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    def line(self, number: int) -> str | None:
        """The text of 1-based line ``number``, for diagnostics.

        >>> RuleFile("a.mg", (), text="x\\ny").line(2)
        'y'
        """
        lines = self.text.splitlines()
        return lines[number - 1] if 0 < number <= len(lines) else None
