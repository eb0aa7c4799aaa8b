"""The field's formats: import into rule files, export compiled graphs.

:data:`FORMATS` maps a format's name to what it can do.  Importers stream
their input into a :class:`~mechgraph.formats.builder.RuleBuilder` and give
back an :class:`ImportResult` whose ``rule_file`` is a syntax tree (write
it with the formatter); exporters turn a :class:`MechanismGraph` into text.

>>> sorted(FORMATS)
['bel', 'cx2', 'dot', 'drugmechdb', 'graphml', 'nodelink', 'omnipath', 'sif', 'signor']
>>> [name for name, f in sorted(FORMATS.items()) if f.write is None]
['drugmechdb', 'omnipath', 'signor']
>>> [name for name, f in sorted(FORMATS.items()) if f.read is None]
['dot']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, BinaryIO

from mechgraph.errors import Diagnostic, MechgraphError
from mechgraph.formats.bel import read_bel, write_bel
from mechgraph.formats.builder import RuleBuilder
from mechgraph.formats.curies import KNOWN_PREFIXES, check_curie
from mechgraph.formats.drugmechdb import read_drugmechdb
from mechgraph.formats.graphml import read_graphml, write_graphml
from mechgraph.formats.nodelink import read_nodelink, write_nodelink
from mechgraph.formats.reading import open_input, progress
from mechgraph.formats.result import ImportResult, ImportSummary
from mechgraph.formats.sif import read_sif, write_sif
from mechgraph.formats.tables import read_omnipath, read_signor
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.render.diagram import to_dot

from .cx2 import read_cx2, write_cx2

__all__ = [
    "FORMATS",
    "KNOWN_PREFIXES",
    "Format",
    "ImportResult",
    "ImportSummary",
    "check_curie",
    "export_graph",
    "import_file",
]

Reader = Callable[[BinaryIO, RuleBuilder, Callable[[int], object]], None]
Writer = Callable[[MechanismGraph], str]


@dataclass(frozen=True)
class Format:
    """A format: its name, a title for people, and its reader and writer (if any)."""

    name: str
    title: str
    read: Reader | None
    write: Writer | None
    suffix: str


def _write_dot(graph: MechanismGraph) -> str:
    """The renderer's diagram source: DOT is for drawing, so it is export only."""
    return to_dot(graph, legend=False)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("bel", "BEL Script", read_bel, write_bel, ".bel"),
        Format("sif", "SIF / signed edge list", read_sif, write_sif, ".sif"),
        Format("signor", "SIGNOR export (CSV or TSV with header)", read_signor, None, ".csv"),
        Format("omnipath", "OmniPath interactions (TSV with header)", read_omnipath, None, ".tsv"),
        Format("drugmechdb", "DrugMechDB paths (JSON or YAML)", read_drugmechdb, None, ".json"),
        Format("graphml", "GraphML", read_graphml, write_graphml, ".graphml"),
        Format("cx2", "CX2 (NDEx / Cytoscape)", read_cx2, write_cx2, ".cx2"),
        Format("nodelink", "node-link JSON", read_nodelink, write_nodelink, ".json"),
        Format("dot", "Graphviz DOT (the diagram, no legend)", None, _write_dot, ".dot"),
    )
}


def _format(name: str, action: str) -> Format:
    known = FORMATS.get(name)
    able = sorted(n for n, f in FORMATS.items() if getattr(f, action) is not None)
    if known is None or getattr(known, action) is None:
        verb = "import" if action == "read" else "export"
        raise MechgraphError(
            Diagnostic.error(
                f"cannot {verb} format {name!r}", hint=f"formats: {', '.join(able)}", code="format"
            )
        )
    return known


def import_file(
    format: str, path: str, *, quiet: bool = True, options: Mapping[str, Any] | None = None
) -> ImportResult:
    """Import ``path`` in ``format`` as a rule file.

    Parameters
    ----------
    format : str
        A name from :data:`FORMATS`.
    path : str
        The input file.
    quiet : bool
        When false, show a progress bar on a terminal.
    options : mapping, optional
        Reader options: ``keep_terms`` (BEL: keep ``act()``, modified and
        located terms apart from their entity), ``context_keys`` (BEL: the
        annotations that restrict reasoning; the others are provenance).

    Returns
    -------
    ImportResult
        The rule file (a syntax tree), a summary and the warnings and notes.

    Raises
    ------
    MechgraphError
        ``InputError`` for unreadable input, ``ParseError`` for malformed
        records: every error, located, and nothing imported.
    """
    chosen = _format(format, "read")
    builder = RuleBuilder(path, options)
    with open_input(path) as stream, progress(stream, path, quiet) as advance:
        chosen.read(stream, builder, advance)
    return builder.build([f"imported from {chosen.title} {path} by mechgraph import {format}"])


def export_graph(format: str, graph: MechanismGraph) -> str:
    """The text of ``graph`` in ``format`` (a name from :data:`FORMATS`)."""
    return _format(format, "write").write(graph)
