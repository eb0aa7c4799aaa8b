"""One link resolved against the declarations: its claim's fields and its diagnostics.

What is wrong with a link's context (undeclared values, quantities that are
no fitting condition) and evidence (unknown sources) depends only on the
declarations and on the pairs and references as written, so a
:class:`LinkResolver` works it out once per distinct context and citation
(a million links share a few thousand) and looks at a link's own places only
when something is to be reported.

>>> from mechgraph.compiler.declarations import Compiler
>>> from mechgraph.graph.mechanism import MechanismGraph
>>> from mechgraph.language.parser import parse_text
>>> rules = parse_text("source s = pmid:1\\na -> b [x=1] @s @t\\n", file="a.mg")
>>> c = Compiler(MechanismGraph(texts={"a.mg": rules.text}))
>>> c.declare_source(rules.statements[0])
>>> row = LinkResolver(c).add(rules.statements[1])
>>> row[3], row[4]
((('x', '1'),), ('s', 't'))
>>> [(d.code, d.col) for d in c.diagnostics]
[('undeclared-name', 1), ('undeclared-name', 6), ('unknown-source', 17)]
"""

from __future__ import annotations

from operator import attrgetter

from mechgraph.compiler.declarations import Compiler
from mechgraph.language.syntax import Evidence, Link, Relation, Status

__all__ = ["LinkResolver", "row_order"]

#: Each relation's and status's text, for sort keys (faster than ``.value``).
_VALUE = {member: member.value for kind in (Relation, Status) for member in kind}
PAIR, REFERENCE = attrgetter("key", "value"), attrgetter("reference")


def row_order(row: tuple) -> tuple:
    """The order of the claims of one subject and object: by relation, context, evidence,
    status, then place (``row`` is a claim's fields after its id).

    >>> from mechgraph.language.syntax import NOWHERE
    >>> row = ("a", Relation.DECREASES, "b", (), (), Status.OBSERVED, NOWHERE, ())
    >>> row_order(row)[:2]
    ('-|', ())
    """
    _, relation, _, context, evidence, status, span, _ = row
    return (_VALUE[relation], context, evidence, _VALUE[status], span.file, span.line, span.col)


class LinkResolver:
    """Resolves links against ``compiler``'s declarations, reporting what is wrong.

    The verdicts on each context and citation as written are kept: ``contexts``
    maps pairs to ``(pairs sorted by key, any value undeclared, any quantity to
    check)``, ``citations`` references to ``(references, any source unknown)``.
    """

    def __init__(self, compiler: Compiler) -> None:
        self.compiler = compiler
        self.contexts: dict[tuple, tuple[tuple, bool, bool]] = {}
        self.citations: dict[tuple, tuple[tuple, bool]] = {}

    def context(self, pairs: tuple) -> tuple[tuple, bool, bool]:
        """``pairs``' sorted form and whether a value is undeclared or a quantity is wrong."""
        seen = self.contexts.get(pairs)
        if seen is None:
            c = self.compiler
            undeclared = any(c.undeclared_value(key, value) for key, value in pairs)
            quantities = c.quantities.relevant(pairs) and not c.quantities.fine(pairs)
            seen = self.contexts[pairs] = (tuple(sorted(pairs)), undeclared, quantities)
        return seen

    def citation(self, references: tuple, evidence: tuple = ()) -> tuple[tuple, bool]:
        """``references`` and whether a source among them is unknown (``evidence``: the
        nodes they were written as; made from the references when not given)."""
        seen = self.citations.get(references)
        if seen is None:
            seen = self.citations[references] = (references, self.unknown(references, evidence))
        return seen

    def unknown(self, references: tuple, evidence: tuple = ()) -> bool:
        """Whether a source among ``references`` is unknown (worked out, not kept)."""
        c = self.compiler
        return any(c.unknown_source(item) for item in evidence or map(Evidence, references))

    def add(self, link: Link) -> tuple:
        """Resolve ``link``'s names, context and evidence, reporting what is wrong;
        its claim's fields after the id (subject ... attributes)."""
        c = self.compiler
        c.number(link.subject, link.span)
        c.number(link.object, link.span)
        context = evidence = ()
        if link.context:
            context, undeclared, quantities = self.context(tuple(map(PAIR, link.context)))
            if undeclared:
                c.check_context(link.context, link.span)
            if quantities:
                c.quantities.check(link.context, link.span)
        if link.evidence:
            evidence, unknown = self.citation(tuple(map(REFERENCE, link.evidence)), link.evidence)
            if unknown:
                c.check_evidence(link.evidence, link.span)
        return (
            link.subject.name,
            link.relation,
            link.object.name,
            context,
            evidence,
            link.status,
            link.span,
            tuple(map(PAIR, link.attributes)) if link.attributes else (),
        )
