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
    "write_term",
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
#: Why a term with arguments beyond one name cannot be imported, by function.
_TERM_REASONS = {
    "activity": "act kin cat chap gtp pep phos ribo tscript tport ma molecularActivity "
    "activity kinaseActivity catalyticActivity",
    "modification or variant": "pmod proteinModification gmod var variant frag fragment "
    "fus fusion sub trunc",
    "translocation, secretion or degradation": "tloc translocation sec surf deg degradation "
    "cellSecretion cellSurfaceExpression",
    "complex or composite abundance": "complex complexAbundance composite compositeAbundance",
    "location": "loc location",
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


def term_for(kind: str, name: str, identifier: str | None = None) -> str:
    """The BEL term for an entity: its function from the kind, its identifier and name.

    >>> term_for("drug", "imipramine", "CHEBI:47499"), term_for("process", "NMDA adaptation")
    ('a(CHEBI:47499 ! imipramine)', 'bp(MG:"NMDA adaptation")')
    """
    function = _KIND_FUNCTION.get(kind, "a")
    if identifier and ":" in identifier.strip(":"):
        return write_term(function, identifier, name)
    return write_term(function, f"{LOCAL_NAMESPACE}:{name}")
