"""Compact identifiers (CURIEs) on entities: ``CHEBI:47499``, ``HGNC:4584``.

An identifier is ``PREFIX:LOCAL``.  A prefix outside :data:`KNOWN_PREFIXES`
is not an error (every project has its own), but it is often a typo, so it
earns a warning with the closest known prefix as a hint.

>>> check_curie("CHEBI:47499") is None
True
>>> print(check_curie("HGCN:4584").hint)
did you mean HGNC? known prefixes include CHEBI, DrugBank, GO, HGNC, MESH, ...
"""

from __future__ import annotations

import difflib
import re

from mechgraph.errors import Diagnostic

__all__ = ["KNOWN_PREFIXES", "check_curie", "split_curie"]

#: Prefixes of the registries pharmacology and neuroscience mechanisms cite,
#: spelled as bioregistry.io / Biolink spell them (case is compared loosely).
KNOWN_PREFIXES = frozenset(
    {
        "CHEBI",
        "CHEMBL.COMPOUND",
        "CL",
        "DOID",
        "DrugBank",
        "DB",
        "doi",
        "EFO",
        "ENSEMBL",
        "GO",
        "HGNC",
        "HP",
        "InterPro",
        "isbn",
        "KEGG",
        "MEDDRA",
        "MESH",
        "MESHD",
        "MONDO",
        "NCBIGene",
        "NCBITaxon",
        "NCIT",
        "OMIM",
        "pmc",
        "pmid",
        "PR",
        "PubChem.compound",
        "reactome",
        "RXCUI",
        "SNOMEDCT",
        "TAXONOMY",
        "UBERON",
        "UMLS",
        "UniProt",
        "url",
        "drugmechdb",
        "dbSNP",
        "Pfam",
        "TIGR",
        "ChEMBL",
        "IUPHAR",
    }
)
_BY_FOLDED = {prefix.casefold(): prefix for prefix in KNOWN_PREFIXES}
_CURIE = re.compile(r"([A-Za-z][A-Za-z0-9_.]*):(\S+)")
_HINT_SAMPLE = "CHEBI, DrugBank, GO, HGNC, MESH, ..."


def split_curie(value: str) -> tuple[str, str] | None:
    """``(prefix, local id)`` of a CURIE, or ``None`` when ``value`` is not one.

    >>> split_curie("GO:0006954"), split_curie("imipramine")
    (('GO', '0006954'), None)
    """
    match = _CURIE.fullmatch(value)
    return (match.group(1), match.group(2)) if match else None


def check_curie(value: str, **where) -> Diagnostic | None:
    """A diagnostic when ``value`` is not a well-formed CURIE with a known prefix.

    Parameters
    ----------
    value : str
        The identifier, e.g. ``"CHEBI:47499"``.
    **where
        Location fields passed on to :class:`~mechgraph.errors.Diagnostic`
        (``file``, ``line``, ``col``, ``snippet``).

    Returns
    -------
    Diagnostic or None
        An error when ``value`` has no ``PREFIX:`` part, a warning when the
        prefix is unknown, ``None`` when all is well.

    Examples
    --------
    >>> check_curie("pmid:8852531") is None
    True
    >>> check_curie("47499").severity.value
    'error'
    >>> check_curie("FOO:1").message
    "unknown identifier prefix 'FOO' in 'FOO:1'"
    """
    parts = split_curie(value)
    if parts is None:
        return Diagnostic.error(
            f"malformed identifier {value!r}",
            hint="an identifier is PREFIX:ID without spaces, e.g. CHEBI:47499",
            code="bad-curie",
            **where,
        )
    prefix = parts[0]
    if prefix.casefold() in _BY_FOLDED:
        return None
    close = difflib.get_close_matches(prefix.casefold(), _BY_FOLDED, n=1, cutoff=0.6)
    guess = f"did you mean {_BY_FOLDED[close[0]]}? " if close else ""
    return Diagnostic.warning(
        f"unknown identifier prefix {prefix!r} in {value!r}",
        hint=f"{guess}known prefixes include {_HINT_SAMPLE}",
        code="unknown-prefix",
        **where,
    )
