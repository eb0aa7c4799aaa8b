"""Names in questions: identifiers, labels, synonyms and another case (mechgraph.query.question)."""

from __future__ import annotations

import contextlib
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mechgraph.cli import main
from mechgraph.errors import QueryError
from mechgraph.formats import import_file
from mechgraph.graph.mechanism import Entity, MechanismGraph
from mechgraph.language.formatter import format_rule_file
from mechgraph.language.syntax import Relation
from mechgraph.query.ask import ask
from mechgraph.query.pathways import pathways
from mechgraph.query.question import resolve
from mechgraph.query.why_not import why_not

from conftest import FIXTURES

IMIPRAMINE = FIXTURES / "names" / "drugmechdb_imipramine.json"


def _graph(*entities: Entity) -> MechanismGraph:
    graph = MechanismGraph()
    graph.add_entities(entities)
    for entity in entities:
        if entity.name != "effect":
            graph.add_claim(entity.name, Relation.INCREASES, "effect")
    return graph


class TestResolve:
    def test_ways_of_writing_a_name(self):
        """Check that name, label, id, DrugBank id, synonym and BEL namespace:name each
        resolve, in any case, with a note naming how."""
        graph = _graph(
            Entity("imipramine", "drug", "Imipramine HCl", (("id", "MESH:D007099"),)),
            Entity("etanercept", "drug", None, (("drugbank", "DrugBank:DB00005"),)),
            Entity("no", "drug", None, (("namespace", "CHEBI"), ("ns_name", "nitric oxide"))),
            Entity("sert", "protein", None, (("synonyms", "SLC6A4|5-HTT"),)),
        )
        cases = {
            "imipramine": ("imipramine", None),
            "IMIPRAMINE": ("imipramine", "'IMIPRAMINE' read as 'imipramine'"),
            "imipramine hcl": ("imipramine", "(its label Imipramine HCl)"),
            "MESH:D007099": ("imipramine", "(its id)"),
            "mesh:d007099": ("imipramine", "(its id MESH:D007099)"),
            "DrugBank:DB00005": ("etanercept", "(its drugbank)"),
            "CHEBI:nitric oxide": ("no", "(its ns name)"),
            "5-htt": ("sert", "(its synonym 5-HTT)"),
        }
        for written, (entity, note) in cases.items():
            found, said = resolve(graph, "source", written)
            assert found == entity, written
            assert (said is None) if note is None else (note in said), (written, said)

    def test_ambiguous_name_lists_candidates(self):
        """Check that a name two entities answer to in another case is an error naming both."""
        graph = _graph(Entity("TNF", "protein"), Entity("Tnf", "protein"))
        with pytest.raises(QueryError, match=r"'tnf' .* could name 2 entities: 'TNF', 'Tnf'"):
            ask(graph, "tnf", "effect")
        assert ask(graph, "Tnf", "effect").note is None  # written exactly: no doubt

    def test_an_alias_written_exactly_wins_over_case(self):
        """Check that a synonym matching exactly picks its entity over a case-only match."""
        graph = _graph(
            Entity("TNF", "protein"), Entity("cachectin", "protein", None, (("synonyms", "tnf"),))
        )
        assert resolve(graph, "source", "tnf") == (
            "cachectin",
            "'tnf' read as 'cachectin' (its synonym)",
        )

    def test_unknown_name_suggests_any_case(self):
        """Check that the did-you-mean compares names in any case."""
        graph = _graph(Entity("TNF", "protein"), Entity("Tnf", "protein"))
        with pytest.raises(QueryError) as raised:
            ask(graph, "tnfx", "effect")
        assert raised.value.diagnostics[0].hint == "did you mean 'TNF' or 'Tnf'?"

    def test_table_is_built_once_per_index(self):
        """Check that the alias table is cached with the index and rebuilt after a change."""
        graph = _graph(Entity("a", "drug"))
        table = graph.aliases
        assert graph.aliases is table
        graph.add_entity(Entity("b", "drug", None, (("id", "X:1"),)))
        assert graph.aliases is not table and "x:1" in graph.aliases


@given(
    names=st.sets(st.text("aAbB", min_size=1, max_size=3), min_size=1, max_size=6),
    asked=st.text("aAbB", min_size=1, max_size=3),
)
def test_case_matching_agrees_with_brute_force(names, asked):
    """Check resolution against brute force: the name itself, else the one name equal in
    any case, else an error (several) or unknown (none)."""
    graph = _graph(*(Entity(n, "drug") for n in sorted(names)))
    same = sorted(n for n in names if n.casefold() == asked.casefold())
    if asked in names or len(same) == 1:
        expected = asked if asked in names else same[0]
        assert resolve(graph, "source", asked)[0] == expected
    else:
        message = "could name" if same else "no entity or class"
        with pytest.raises(QueryError, match=message):
            resolve(graph, "source", asked)


@pytest.fixture(scope="module")
def imported() -> MechanismGraph:
    """The DrugMechDB-shaped records of imipramine, imported and compiled."""
    from mechgraph.model import Model

    text = format_rule_file(import_file("drugmechdb", str(IMIPRAMINE)).rule_file)
    return Model.from_text(text, "imipramine.mg").graph


class TestImportedNames:
    def test_ask_by_case_identifier_and_synonym(self, imported):
        """Check the issue's questions on a DrugMechDB import: a capitalised name, MeSH
        identifiers and a synonym another record gave the drug."""
        by_case = ask(imported, "Imipramine", "depressive disorder")
        assert by_case.holds
        assert by_case.note == (
            "'Imipramine' read as 'imipramine'; 'depressive disorder' read as 'Depressive Disorder'"
        )
        by_id = ask(imported, "MESH:D007099", "MESH:D003866", via="GO:0051610")
        assert by_id.holds and by_id.question.via == "serotonin uptake"
        assert "'GO:0051610' read as 'serotonin uptake' (its id)" in by_id.note
        assert ask(imported, "tofranil", "Depressive Disorder").question.source == "imipramine"

    def test_why_not_and_pathways_read_names_too(self, imported):
        """Check that why-not and pathways resolve names and say so."""
        explained = why_not(imported, "Imipramine", "Depressive Disorder", sign="+")
        assert explained.question.source == "imipramine"
        assert explained.note.startswith("'Imipramine' read as 'imipramine'")
        found = pathways(imported, ["Tofranil"], "mesh:d003866")
        assert found.members == ("imipramine",) and found.target == "Depressive Disorder"
        assert "'Tofranil' read as 'imipramine' (its synonym)" in found.note

    def test_cli_json_carries_the_note(self, tmp_path):
        """Check ask --json and pathways text on the imported file, from the command line."""
        rules = tmp_path / "imipramine.mg"
        rules.write_text(format_rule_file(import_file("drugmechdb", str(IMIPRAMINE)).rule_file))
        out = _run(["ask", "Imipramine", "MESH:D003866", str(rules), "--json"])
        answer = json.loads(out)["answer"]
        assert answer["verdict"] == "yes"
        assert answer["question"]["source"] == "imipramine"
        assert answer["note"].startswith("'Imipramine' read as 'imipramine'")
        text = _run(["pathways", "IMIPRAMINE", "depressive disorder", str(rules)])
        assert "'IMIPRAMINE' read as 'imipramine'" in text


def _run(argv: list[str]) -> str:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert main(argv) == 0
    return buffer.getvalue()
