"""A project's compile and lint diagnostics, kept up to date link by link.

Typing in a link line changes one link; compiling and linting 10,000 links
again for it takes most of a second.  :class:`Recheck` keeps what each link
and each subject/object pair gave, and after an edit that only removed and
added links (and comments) recomputes only what those links can change:

* the compile diagnostics of the links' own context and evidence
  (:class:`~mechgraph.compiler.link_check.LinkChecker`);
* everything else the compiler says, by compiling the *skeleton*: every
  statement but the links, plus, for each undeclared name, the link that uses
  it first (where its warning goes, and what makes it a known name for the
  hypotheses) — a few hundred statements instead of every link;
* the lint of the pairs whose claims changed, of the pairs that inherit
  them through ``isa``, and of the pairs feeding back on them
  (:func:`~mechgraph.compiler.lint.contradictions_at`, ...), and the orphans.

Any other edit (a declaration, an ``isa``, a hypothesis, an include, a file
added or removed) rebuilds everything, the same way.  The diagnostics are
those of :func:`~mechgraph.compiler.compile.compile_rules` and
:func:`~mechgraph.compiler.lint.lint` of the whole project, as a multiset
(``tests/lsp/test_recheck.py`` compares them on random edits); when the lint
would pass its budget of compared pairs, :meth:`Recheck.update` returns
``None`` and the caller compiles and lints the project itself.

>>> from mechgraph.lsp.incremental import IncrementalParse
>>> parse = IncrementalParse("a.mg")
>>> recheck = Recheck()
>>> first = parse.update("drug a\\na -> b\\n")
>>> [d.message for d in recheck.update([first.rule_file], [first])]
['`b` is not declared; taken as an entity']
>>> second = parse.update("drug a\\na -> b\\na -| b\\n")
>>> [d.message for d in recheck.update([second.rule_file], [second])]
['`b` is not declared; taken as an entity', '`a -> b` contradicts `a -| b` (a.mg:3:1)']
>>> recheck.rebuilds, recheck.relinted
(1, 2)
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Sequence

from mechgraph.compiler.compile import compile_rules, row_order
from mechgraph.compiler.link_check import LinkChecker
from mechgraph.compiler.lint import (
    MAX_COMPARED,
    Budget,
    contradictions_at,
    feedback_at,
    orphan,
    unusable,
)
from mechgraph.errors import Diagnostic
from mechgraph.graph.mechanism import Claim, MechanismGraph
from mechgraph.language.syntax import Blank, Comment, EntityDecl, Link, RuleFile
from mechgraph.lsp.incremental import Parsed

__all__ = ["Recheck"]

Pair = tuple[str, str]


def _order(claim: Claim) -> tuple:
    c = claim
    return row_order(
        (c.subject, c.relation, c.object, c.context, c.evidence, c.status, c.span, c.attributes)
    )


def _place(link: Link) -> tuple:
    """Where ``link`` is in statement order (its identity breaks ties, the link comes last)."""
    return (*link.span[:3], id(link), link)


class Recheck:
    """The diagnostics of one project's files, updated from each refresh's parse changes."""

    def __init__(self) -> None:
        self.paths: frozenset[str] | None = None
        self.unparsed: frozenset[str] = frozenset()
        self.rebuilds = 0  # full rebuilds so far
        self.relinted = 0  # pairs linted again by the last update
        self._reset(())

    def _reset(self, files: Iterable[RuleFile]) -> None:
        files = list(files)
        self.paths = frozenset(f.path for f in files)
        self._skeleton = {
            f.path: tuple(s for s in f.statements if not isinstance(s, (Link, Blank, Comment)))
            for f in files
        }
        self._declarations = [s for group in self._skeleton.values() for s in group]
        self._declared = {
            entry.name.name
            for statements in self._skeleton.values()
            for s in statements
            if isinstance(s, EntityDecl)
            for entry in s.entries
        }
        #: Per link (by identity): the link, its claim, its own diagnostics.
        self._links: dict[int, tuple[Link, Claim, tuple[Diagnostic, ...]]] = {}
        self._pairs: dict[Pair, list[Claim]] = {}
        self._uses: dict[str, list[tuple]] = {}  # undeclared name → its links, by place
        self._degree: Counter[str] = Counter()
        #: Per pair: its contradictions' and feedback pairs' diagnostics and pairs compared.
        self._lint: dict[Pair, tuple[tuple[Diagnostic, ...], int]] = {}
        self._compared = 0

    def update(
        self, files: Sequence[RuleFile], changes: Sequence[Parsed]
    ) -> list[Diagnostic] | None:
        """The diagnostics of ``files`` after ``changes`` (each file's last parse update).

        ``None`` when the lint would stop at its budget (compile and lint instead).
        """
        removed, added = [], []
        # A link's own diagnostics depend on the names of the lines that did not parse.
        unparsed = frozenset().union(*(f.unparsed_names for f in files))
        rebuild = self.paths != frozenset(f.path for f in files) or unparsed != self.unparsed
        self.unparsed = unparsed
        for change in changes:
            rebuild = rebuild or change.first
            removed.extend(change.removed)
            added.extend(change.added)
        if rebuild or not all(isinstance(s, (Link, Comment)) for s in removed + added):
            self.rebuilds += 1
            self._reset(files)
            removed, added = [], [s for f in files for s in f.statements]
        return self._apply(
            files,
            [s for s in removed if isinstance(s, Link)],
            [s for s in added if isinstance(s, Link)],
        )

    # -- the steps -------------------------------------------------------------------------
    def _apply(self, files, removed: list[Link], added: list[Link]) -> list[Diagnostic] | None:
        touched: set[Pair] = set()
        for link in removed:
            _, claim, _ = self._links.pop(id(link))
            pair = (claim.subject, claim.object)
            claims = self._pairs[pair]
            del claims[next(i for i, c in enumerate(claims) if c is claim)]
            if not claims:
                del self._pairs[pair]
            self._count(link, -1)
            touched.add(pair)
        for link in added:
            self._count(link, +1)
        graph, compiled, checker = self._compile_skeleton(files)
        for link in added:
            claim, found = checker.check(link)
            extra = unusable(graph, claim)
            self._links[id(link)] = (link, claim, found + ((extra,) if extra else ()))
            pair = (claim.subject, claim.object)
            bisect.insort(self._pairs.setdefault(pair, []), claim, key=_order)
            touched.add(pair)
        self._relint(graph, touched)
        if self._compared > MAX_COMPARED:
            return None
        found = list(compiled)
        found += (d for _, _, own in self._links.values() for d in own)
        found += (d for diagnostics, _ in self._lint.values() for d in diagnostics)
        found += (
            orphan(graph, entity)
            for entity in graph.entities()
            if not self._degree[entity.name]
            and not graph.hierarchy.degree(entity.name)
            and entity.name not in graph.unparsed_names
        )
        return found

    def _count(self, link: Link, step: int) -> None:
        """Count ``link``'s uses of names (``step`` 1: added, -1: removed)."""
        place = _place(link)
        for name in {link.subject.name, link.object.name}:
            self._degree[name] += step
            if name in self._declared:
                continue
            places = self._uses.setdefault(name, [])
            if step > 0:
                bisect.insort(places, place)
            else:
                places.remove(place)
                if not places:
                    del self._uses[name]

    def _compile_skeleton(self, files) -> tuple[MechanismGraph, list[Diagnostic], LinkChecker]:
        """Compile every statement but the links, and each undeclared name's first link; the
        graph, the diagnostics without those of the first links' own context and evidence,
        and a checker of links against it."""
        firsts: dict[str, list] = {}
        for link in {id(places[0][4]): places[0][4] for places in self._uses.values()}.values():
            firsts.setdefault(link.span.file, []).append(link)
        skeleton = [
            RuleFile(
                f.path,
                self._skeleton.get(f.path, ()) + tuple(firsts.get(f.path, ())),
                f.text,
                unparsed_names=f.unparsed_names,
            )
            for f in files
        ]
        graph, found = compile_rules(skeleton)
        counted = Counter(found)
        checker = LinkChecker(graph, self._declarations)
        for link in (link for group in firsts.values() for link in group):
            counted.subtract(checker.check(link)[1])
        return graph, list(counted.elements()), checker

    def _relint(self, graph: MechanismGraph, touched: set[Pair]) -> None:
        """Lint again the pairs whose claims changed and the pairs that read them."""
        members, pairs = graph.index.members, self._pairs
        again = set()
        for subject, obj in touched:
            again.update(((subject, obj), (obj, subject)))
            again.update((member, obj) for member in members.get(subject, ()))
        self.relinted = len(again)
        for pair in again:
            _, compared = self._lint.pop(pair, ((), 0))
            self._compared -= compared
            if pair not in pairs:
                continue
            budget = Budget(MAX_COMPARED + 1)
            found = (*contradictions_at(graph, pair, pairs, budget),)
            found += (*feedback_at(graph, pair, pairs, budget),)
            compared = MAX_COMPARED + 1 - budget.left
            self._compared += compared
            if found or compared:
                self._lint[pair] = (found, compared)
