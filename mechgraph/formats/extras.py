"""What graph formats have no place for, carried as rule text in one graph attribute.

GraphML, CX2 and node-link hold nodes and edges; a mechanism also has
declared sources (names and titles), context values with their hierarchy
(``mouse, rat isa rodent``), quantity keys, hypothesis and experiment blocks.  :func:`extras_text`
writes those as rule-language text, stored in the graph attribute
:data:`EXTRAS_KEY`; :func:`add_extras` parses it back into an import, so
that answers and verdicts survive a round trip.

>>> from mechgraph.graph.mechanism import MechanismGraph, Source
>>> g = MechanismGraph()
>>> g.sources["skolnick1996"] = Source("skolnick1996", "pmid:8852531", "NMDA adaptation")
>>> g.add_value("species", "mouse"); g.add_value("species", "rodent")
>>> g.add_value_isa("species", "mouse", "rodent")
>>> print(extras_text(g), end="")
source skolnick1996 = pmid:8852531 "NMDA adaptation"
context species mouse, rodent
mouse isa rodent
"""

from __future__ import annotations

import re

from mechgraph.formats.builder import RuleBuilder, Where
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.language.formatter import format_rule_file
from mechgraph.language.syntax import (
    Experiment,
    Hypothesis,
    IsA,
    Qualifier,
    Ref,
    RuleFile,
    SourceDecl,
    Statement,
    ValueDecl,
)

__all__ = ["EXTRAS_KEY", "add_extras", "extras_text"]

#: The graph attribute holding the rule text of sources, context values and hypotheses.
EXTRAS_KEY = "mechgraph_rules"


def extras_text(graph: MechanismGraph) -> str:
    """The sources, context values (with their hierarchy, quantity keys' dimensions and named
    values' conditions) and hypotheses of ``graph`` as rules."""
    statements: list[Statement] = [
        SourceDecl(Ref(s.name), s.reference, s.title) for s in graph.sources.values()
    ]
    statements += [
        ValueDecl(key, (), dimension=_declarable(graph, found))
        for key, found in sorted(graph.dimensions.items())
    ]
    for key, values in sorted(graph.values.items()):
        defined = graph.definitions.get(key, {})
        if values:
            conditions = tuple((v, Qualifier(*defined[v])) for v in sorted(defined))
            statements.append(
                ValueDecl(key, tuple(Ref(v) for v in sorted(values)), defined=conditions)
            )
        statements.extend(IsA((Ref(n),), Ref(b)) for n, b in sorted(values.edges))
    statements.extend(graph.hypotheses.values())
    statements.extend(graph.experiments.values())
    return format_rule_file(RuleFile("<extras>", tuple(statements))) if statements else ""


def _declarable(graph: MechanismGraph, dimensionality: str) -> str:
    """A dimension as rules declare it: its name (``time``) when it is a base dimension, else a
    unit the rules use that has it (``mg/kg``).

    >>> _declarable(MechanismGraph(), "[time]")
    'time'
    """
    if re.fullmatch(r"\[[a-z_]+\]", dimensionality):
        return dimensionality[1:-1]
    units = (unit for unit, (_, found) in sorted(graph.scales.items()) if found == dimensionality)
    return next(units, dimensionality)


def add_extras(builder: RuleBuilder, text: object, where: Where) -> None:
    """Feed the statements of an :data:`EXTRAS_KEY` text into ``builder``.

    Text that does not parse is reported as an error at ``where``.
    """
    if not isinstance(text, str) or not text.strip():
        return
    from mechgraph.errors import MechgraphError
    from mechgraph.language.parser import parse_text

    try:
        rules = parse_text(text, f"{builder.file} ({EXTRAS_KEY})")
    except MechgraphError as error:
        builder.error(f"the {EXTRAS_KEY} attribute is not rule text: {error}", where)
        return
    for statement in rules.statements:
        if isinstance(statement, SourceDecl):
            builder.declare_source(statement.name.name, statement.reference, statement.title)
        elif isinstance(statement, Hypothesis):
            builder.hypothesis(
                statement.name.name,
                statement.statements,
                tuple(e.reference for e in statement.evidence),
            )
        elif isinstance(statement, Experiment):
            builder.experiment(statement)
        elif isinstance(statement, ValueDecl | IsA):
            builder.extra(statement)
