"""Links checked one at a time against the declarations of a compiled graph.

What :func:`~mechgraph.compiler.compile.compile_rules` reports about one
link's context and evidence (undeclared values, unknown sources) depends only
on the declarations, so a link can be checked alone, with the same code and
the same diagnostics.  Undeclared names are not reported here: that warning
goes to a name's first use in the whole project.  The language server checks
the links of an edited line this way (:mod:`mechgraph.lsp.recheck`).

>>> from mechgraph.compiler.compile import compile_rules
>>> from mechgraph.language.parser import parse_text
>>> rules = parse_text("source skolnick1996 = pmid:1\\nprocess a\\n", file="a.mg")
>>> graph, _ = compile_rules([rules])
>>> link = parse_text("a -> b @skolnik1996\\n", file="a.mg", first_line=3).statements[0]
>>> claim, found = LinkChecker(graph).check(link)
>>> claim.subject, claim.object, claim.evidence
('a', 'b', ('skolnik1996',))
>>> [(d.location, d.message, d.hint) for d in found]
[('a.mg:3:8', 'unknown source `@skolnik1996`', 'did you mean `skolnick1996`?')]
"""

from __future__ import annotations

from mechgraph.compiler.compile import _Compiler, _Links
from mechgraph.errors import Diagnostic
from mechgraph.graph.mechanism import Claim, MechanismGraph
from mechgraph.language.syntax import Link

__all__ = ["LinkChecker"]


class LinkChecker:
    """Resolves links against ``graph``'s sources and context values (and its texts, for
    the diagnostics' snippets)."""

    def __init__(self, graph: MechanismGraph) -> None:
        values = {key: dict.fromkeys(hierarchy) for key, hierarchy in graph.values.items()}
        self._compiler = _Compiler(graph, sources=dict(graph.sources), values=values)

    def check(self, link: Link) -> tuple[Claim, tuple[Diagnostic, ...]]:
        """``link``'s claim (id 0) and the diagnostics of its context and evidence."""
        c, links = self._compiler, _Links()
        c.known.setdefault(link.subject.name, 0)  # a known name is never warned about
        c.known.setdefault(link.object.name, 0)
        c.diagnostics = []
        links.add(c, link)
        return Claim(0, *links.rows[0]), tuple(c.diagnostics)
