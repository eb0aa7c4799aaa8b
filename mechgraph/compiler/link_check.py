"""Links checked one at a time against the declarations of a compiled graph.

What :func:`~mechgraph.compiler.compile.compile_rules` reports about one
link's context and evidence (undeclared values, unknown sources, quantities
that are no fitting condition) depends only on the declarations, so a link can
be checked alone, with the same code and the same diagnostics.  Undeclared
names are not reported here: that warning goes to a name's first use in the
whole project.  The language server checks the links of an edited line this
way (:mod:`mechgraph.lsp.recheck`).

>>> from mechgraph.compiler.compile import compile_rules
>>> from mechgraph.language.parser import parse_text
>>> text = "source skolnick1996 = pmid:1\\ncontext period: time\\na -> b [period=5mg] @skolnik1996\\n"
>>> rules = parse_text(text, file="a.mg")
>>> graph, _ = compile_rules([rules])
>>> claim, found = LinkChecker(graph, rules.statements).check(rules.statements[2])
>>> claim.subject, claim.object, claim.evidence
('a', 'b', ('skolnik1996',))
>>> for d in found:
...     print(d.location, d.message, "|", d.hint)
a.mg:3:21 unknown source `@skolnik1996` | did you mean `skolnick1996`?
a.mg:3:16 `5mg` is no time: `mg` does not fit `period` | `period` holds a time (declared at a.mg:2:1); write it with a unit of time (14d, 2wk, 12h)
"""

from __future__ import annotations

from collections.abc import Iterable

from mechgraph.compiler.declarations import Compiler
from mechgraph.compiler.links import LinkResolver
from mechgraph.errors import Diagnostic
from mechgraph.graph.mechanism import Claim, MechanismGraph
from mechgraph.language.syntax import Link, SourceDecl, ValueDecl

__all__ = ["LinkChecker"]


class LinkChecker:
    """Resolves links against ``graph``'s texts (for the diagnostics' snippets) and the
    source and context declarations among ``statements`` (the rules ``graph`` was
    compiled from), declared again in reading order as the compiler declares them."""

    def __init__(self, graph: MechanismGraph, statements: Iterable) -> None:
        c = self._compiler = Compiler(graph, unparsed=graph.unparsed_names)
        declare = {SourceDecl: c.declare_source, ValueDecl: c.declare_values}
        for statement in sorted(statements, key=lambda s: tuple(s.span[:3])):
            action = declare.get(type(statement))
            if action is not None:
                action(statement)

    def check(self, link: Link) -> tuple[Claim, tuple[Diagnostic, ...]]:
        """``link``'s claim (id 0) and the diagnostics of its context and evidence."""
        c = self._compiler
        c.known.setdefault(link.subject.name, 0)  # a known name is never warned about
        c.known.setdefault(link.object.name, 0)
        c.diagnostics, c.quantities.diagnostics = [], []
        row = LinkResolver(c).add(link)
        return Claim(0, *row), (*c.diagnostics, *c.quantities.diagnostics)
