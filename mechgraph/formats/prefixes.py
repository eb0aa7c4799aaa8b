"""The identifier prefixes a CURIE may use: the Bioregistry's, read through its package.

Every Bioregistry resource's prefix and synonyms (``mesh``, ``MESH``,
``MeSH``, ``MESHD``, ...), compared without case, name the resource.  A
prefix is normalised only when it differs *in case alone* from the display
form the registry states for it (its preferred prefix, or the OBO context's
remapping): ``chebi`` → ``CHEBI``, ``mesh`` → ``MESH``, ``Go`` → ``GO``; a
synonym the registry records (``MESHD``, ``UniProtKB``, ``InterPro``) or a
prefix with no stated display form (``HGNC``) is kept as written.

The ``bioregistry`` package (the ``ids`` extra) is read on first use, once
per installed version: the table is kept in the cache folder
(``prefixes-VERSION.json`` beside the compiled cache), since reading the
registry takes seconds and loading the table milliseconds.  Without the
package a short built-in list stands in, and :attr:`Prefixes.source` says so.

>>> table = Prefixes.of([("chebi", "CHEBI", ("ChEBI",)), ("hgnc", None, ())], "a test")
>>> table.normalise("chebi"), table.normalise("ChEBI"), table.normalise("HGNC"), table.normalise("FOO")
('CHEBI', 'ChEBI', 'HGNC', None)
>>> table.closest("chebbi")
'chebi'
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

__all__ = ["FALLBACK_PREFIXES", "Prefixes", "registered_prefixes"]

#: Prefixes known without the ``bioregistry`` package, spelled as pharmacology and
#: neuroscience mechanisms cite them (each its own display form).
FALLBACK_PREFIXES = [
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
]

#: Prefixes the sources mechgraph reads use that no registry lists: DrugMechDB's
#: record ids (``drugmechdb:``) and its ``DB:`` for DrugBank, and plain ``url:``.
_OWN = ("drugmechdb", "url", "DB")


@dataclass(frozen=True)
class Prefixes:
    """Case-folded spelling → ``(spelling as registered, display form or None)``."""

    spellings: Mapping[str, tuple[str, str | None]]
    source: str
    #: Synonyms as the registry records them, exactly (kept as written: ``InterPro``, ``MeSH``).
    synonyms: frozenset[str] = frozenset()

    @classmethod
    def of(
        cls, resources: Iterable[tuple[str, str | None, Iterable[str]]], source: str
    ) -> Prefixes:
        """From ``(prefix, display form or None, synonyms)`` per resource; a spelling two
        resources share names the first."""
        spellings: dict[str, tuple[str, str | None]] = {}
        recorded: set[str] = set()
        for prefix, display, synonyms in resources:
            recorded.update(synonyms)
            for spelling in (prefix, *((display,) if display else ()), *synonyms):
                spellings.setdefault(spelling.casefold(), (spelling, display))
        return cls(spellings, source, frozenset(recorded))

    def normalise(self, prefix: str) -> str | None:
        """``prefix`` as it should be written; ``None`` when no resource answers to it."""
        found = self.spellings.get(prefix.casefold())
        if found is None:
            return None
        display = found[1]
        if prefix in self.synonyms or not display or display.casefold() != prefix.casefold():
            return prefix
        return display

    def closest(self, prefix: str) -> str | None:
        """The registered spelling closest to ``prefix`` (for a did-you-mean), if any is close."""
        close = difflib.get_close_matches(prefix.casefold(), self.spellings, n=1, cutoff=0.75)
        return self.spellings[close[0]][0] if close else None


def _cached(version: str) -> Prefixes:
    """The table of Bioregistry ``version`` from the cache folder, read and kept there
    when missing or unreadable."""
    from mechgraph.compiler.cache import cache_folder
    from mechgraph.files import write_atomic

    path = cache_folder() / f"prefixes-{version}.json"
    source = f"the Bioregistry ({version})"
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        spellings = {key: (written, display) for key, written, display in document["spellings"]}
        return Prefixes(spellings, source, frozenset(document["synonyms"]))
    except (OSError, ValueError, KeyError, TypeError):
        pass
    table = _from_bioregistry(source)
    rows = [[key, written, display] for key, (written, display) in sorted(table.spellings.items())]
    document = {"spellings": rows, "synonyms": sorted(table.synonyms)}
    with contextlib.suppress(Exception):  # a cache that cannot be written is no error
        write_atomic(path, json.dumps(document))
    return table


def _from_bioregistry(source: str) -> Prefixes:
    import bioregistry  # the ids extra; heavy, so only here

    remapped = bioregistry.read_contexts()["obo"].prefix_remapping or {}
    resources = [
        (prefix, resource.get_preferred_prefix() or remapped.get(prefix), resource.get_synonyms())
        for prefix, resource in sorted(bioregistry.read_registry().items())
    ]
    resources += [(own, None, ()) for own in _OWN]
    return Prefixes.of(resources, source)


@functools.cache
def registered_prefixes() -> Prefixes:
    """The prefixes of the installed Bioregistry, read once; the built-in short list when
    the ``bioregistry`` package is missing (``pip install 'mechgraph[ids]'``)."""
    try:
        return _cached(version("bioregistry"))
    except (ImportError, PackageNotFoundError):
        fallback = ((prefix, prefix, ()) for prefix in FALLBACK_PREFIXES)
        source = "mechgraph's short list (install mechgraph[ids] for the Bioregistry)"
        return Prefixes.of(fallback, source)
