"""CURIE checks on identifiers: prefixes from the Bioregistry, normalised, with a fallback."""

from __future__ import annotations

from importlib.metadata import version as _version

import pytest

from mechgraph.errors import Severity
from mechgraph.formats import import_file
from mechgraph.formats import prefixes as prefixes_module
from mechgraph.formats.curies import KNOWN_PREFIXES, check_curie, normalise_curie, split_curie
from mechgraph.formats.prefixes import registered_prefixes


def bioregistry_version() -> str:
    return _version("bioregistry")


bioregistry = pytest.importorskip("bioregistry", reason="the ids extra (make test installs it)")


@pytest.mark.parametrize(
    "value",
    [
        "CHEBI:47499",
        "HGNC:4584",
        "GO:0006954",
        "MESH:D013167",
        "UniProt:P01375",
        "UniProtKB:P01375",
        "DrugBank:DB00458",
        "NCBIGene:2902",
        "UBERON:0000955",
        "NCBITaxon:10090",
        "pmid:8852531",
        "doi:10.1055/s-2007-979537",
        "chebi:47499",
        "MESHD:D003866",
        "SIGNOR:SIGNOR-PH1",
    ],
)
def test_registered_prefixes_pass(value):
    """Check that identifiers whose prefix a Bioregistry resource answers to (any case, or a
    synonym) raise nothing."""
    assert check_curie(value) is None


def test_the_table_is_the_installed_bioregistry():
    """Check that the prefixes come from the Bioregistry package, every resource included."""
    table = registered_prefixes()
    assert table.source.startswith("the Bioregistry (")
    for prefix in bioregistry.read_registry():
        assert table.normalise(prefix) is not None, prefix


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("chebi:47499", "CHEBI:47499"),
        ("ChEBI:47499", "ChEBI:47499"),  # a synonym the registry records: kept
        ("Chebi:47499", "CHEBI:47499"),
        ("InterPro:IPR001634", "InterPro:IPR001634"),
        ("mesh:D007099", "MESH:D007099"),
        ("go:0006954", "GO:0006954"),
        ("ncbigene:2902", "NCBIGene:2902"),
        ("MESHD:D003866", "MESHD:D003866"),  # a synonym: kept
        ("HGNC:4584", "HGNC:4584"),  # no display form stated: kept as written
        ("UniProt:P01375", "UniProt:P01375"),
        ("FOO:1", "FOO:1"),
    ],
)
def test_prefix_normalised_in_case_only(written, normalised):
    """Check that a prefix differing from the registry's display form in case alone is
    written in that form, and nothing else changes."""
    assert normalise_curie(written) == normalised


def test_unknown_prefix_is_a_warning_with_the_closest_registered_one():
    """Check that a misspelt prefix warns, located, and suggests a registered spelling."""
    diagnostic = check_curie("HGCN:4584", file="a.mg", line=3, col=20, snippet="x")
    assert diagnostic.severity is Severity.WARNING
    assert diagnostic.hint.startswith("did you mean hgnc?") and "Bioregistry" in diagnostic.hint
    assert diagnostic.location == "a.mg:3:20"


@pytest.mark.parametrize("value", ["47499", "CHEBI:", ":47499", "CHEBI: 47499", "9CHEBI:1"])
def test_malformed_identifier_is_an_error(value):
    """Check that a value without PREFIX:ID shape is an error."""
    assert check_curie(value).severity is Severity.ERROR
    assert split_curie(value) is None


def test_without_bioregistry_the_short_list_stands_in(monkeypatch):
    """Check the fallback: the built-in list, case compared loosely, and a hint saying how
    to get the Bioregistry."""

    def missing(version):
        raise ImportError("no bioregistry")

    monkeypatch.setattr(prefixes_module, "_cached", missing)
    registered_prefixes.cache_clear()
    try:
        assert check_curie("chebi:47499") is None and normalise_curie("chebi:1") == "CHEBI:1"
        assert "install mechgraph[ids]" in check_curie("FOO:1").hint
        assert {"CHEBI", "HGNC", "MESH", "UniProt", "pmid"} <= KNOWN_PREFIXES
    finally:
        registered_prefixes.cache_clear()


def test_table_is_kept_in_the_cache_folder(tmp_path, monkeypatch):
    """Check that the table read from the Bioregistry is written to the cache folder once
    and read back the same, and that a damaged cache file is read again from the registry."""
    monkeypatch.setenv("MECHGRAPH_CACHE", str(tmp_path))
    version = bioregistry_version()
    first = prefixes_module._cached(version)
    (kept,) = tmp_path.glob("prefixes-*.json")
    assert kept.name == f"prefixes-{version}.json"
    assert prefixes_module._cached(version) == first
    kept.write_text("{")
    assert prefixes_module._cached(version) == first


def test_import_writes_normalised_identifiers(tmp_path):
    """Check that an import writes 'mesh:' and 'chebi:' identifiers as MESH: and CHEBI:."""
    path = tmp_path / "w.json"
    path.write_text(
        '{"nodes": [{"id": "a", "identifier": "mesh:D007099"},'
        ' {"id": "b", "identifier": "chebi:47499"}], "links": []}'
    )
    text = str(import_file("nodelink", str(path)).rule_file.statements)
    assert "MESH:D007099" in text and "CHEBI:47499" in text and "mesh:" not in text
