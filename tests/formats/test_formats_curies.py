"""CURIE checks on identifiers."""

from __future__ import annotations

import pytest

from mechgraph.errors import Severity
from mechgraph.formats.curies import KNOWN_PREFIXES, check_curie, split_curie


@pytest.mark.parametrize(
    "value",
    [
        "CHEBI:47499",
        "HGNC:4584",
        "GO:0006954",
        "MESH:D013167",
        "UniProt:P01375",
        "DrugBank:DB00458",
        "NCBIGene:2902",
        "UBERON:0000955",
        "NCBITaxon:10090",
        "pmid:8852531",
        "doi:10.1055/s-2007-979537",
        "chebi:47499",
    ],
)
def test_known_prefixes_pass(value):
    """Check that identifiers with a known prefix (any case) raise nothing."""
    assert check_curie(value) is None


def test_unknown_prefix_is_a_warning_with_the_closest_known_one():
    """Check that a misspelt prefix warns and suggests the known spelling."""
    diagnostic = check_curie("UniProtKB:P01375", file="a.mg", line=3, col=20, snippet="x")
    assert diagnostic.severity is Severity.WARNING
    assert "UniProt" in diagnostic.hint
    assert diagnostic.location == "a.mg:3:20"


@pytest.mark.parametrize("value", ["47499", "CHEBI:", ":47499", "CHEBI: 47499", "9CHEBI:1"])
def test_malformed_identifier_is_an_error(value):
    """Check that a value without PREFIX:ID shape is an error."""
    assert check_curie(value).severity is Severity.ERROR
    assert split_curie(value) is None


def test_the_issue_s_prefixes_are_known():
    """Check the prefixes the issue lists."""
    folded = {p.casefold() for p in KNOWN_PREFIXES}
    for prefix in [
        "CHEBI",
        "HGNC",
        "GO",
        "MESH",
        "UniProt",
        "DrugBank",
        "NCBIGene",
        "UBERON",
        "NCBITaxon",
        "pmid",
        "doi",
    ]:
        assert prefix.casefold() in folded
