"""Seeded synthetic rule corpora in the mechgraph DSL, with an edge-list twin.

The graph is shaped for the questions the benchmarks ask:

* zone U (upstream): the members of the big class ``antidepressant`` and the
  receptors, proteins, genes and processes they act on;
* the common pathway X (``NMDA_adaptation``), the only way out of U;
* zone D (downstream): processes, phenotypes and diseases leading to the
  target T (``antidepressant_effect``), with a few links back into U
  (cycles that still pass X);
* zone N (noise): entities that may link anywhere, but that nothing in U or
  D links to.

Every node of U and D has a forward "spine" link, so every member reaches T
and every route from a member to T passes X.  Most other links go forward
within their zone (DAG-like); a few percent go backwards (cycles).  The same
seed always gives the same bytes; lines are written as they are made (nothing
of the text is kept), so memory holds only the layout and the class members'
node ids, 4 bytes each: about 10 MB for 10M links (2.5M memberships).

>>> import io
>>> mg, edges = io.StringIO(), io.StringIO()
>>> stats = write(CorpusSpec(links=400, seed=1), mg, edges)
>>> stats.links, mg.getvalue().count("\\n") == stats.lines
(400, True)
>>> edges.getvalue().splitlines()[0].split("\\t")[1] in ("->", "-|", "--", "-0", "isa")
True
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO, TypeVar, cast

from mechgraph.language.syntax import ENTITY_KINDS, Relation, is_bare_name

from . import parts
from .layout import CLASS, PATHWAY, TARGET, CorpusSpec, Layout

__all__ = [
    "GENERATOR_VERSION",
    "CorpusStats",
    "header",
    "parse_size",
    "edge_path",
    "write",
    "write_files",
]

T = TypeVar("T")

#: Bumped whenever the output for a given spec changes (the runner regenerates).
GENERATOR_VERSION = 1

_WINDOW = 200  # how far ahead a "local" forward link may reach
_PER_LINE = 25  # names per declaration or isa line
_SECTION = 1000  # links between section comments
_CONTEXT = {
    "region": {
        "brain": (
            "cerebral_cortex",
            "hippocampus",
            "striatum",
            "amygdala",
            "thalamus",
            "hypothalamus",
            "cerebellum",
            "brainstem",
        ),
    },
    "species": {
        "mammal": ("rodent", "primate"),
        "rodent": ("mouse", "rat"),
        "primate": ("human", "macaque"),
    },
    "duration": {"chronic": ("chronic_14d", "chronic_21d", "subchronic"), "acute": ()},
}
_DOSES = ("10mg/kg", "0.5mg/kg", "20mg/kg", "5..20mg/kg", ">=10mg/kg")
#: Treatment lengths: points, a range and bounds, in several units (``context period: time``).
_PERIODS = ("14d", "2wk", "1d", "21d", "7..21d", ">=14d", "<=1d", "48h")
_RELATIONS = (("->", 58), ("-|", 25), ("--", 10), ("-0", 5), ("word", 2))


@dataclass(frozen=True)
class CorpusStats:
    """What was written: line, link, isa-pair, entity, class and hypothesis counts."""

    lines: int
    links: int
    isa: int
    entities: int
    classes: int
    hypotheses: int


@dataclass(frozen=True)
class _Class:
    """A class of the corpus: its members as node ids (4 bytes each; named when written)."""

    name: str
    zone: str
    members: array


def header(spec: CorpusSpec) -> str:
    """The first line of a corpus: says how to regenerate it byte for byte.

    >>> header(CorpusSpec(1000, seed=2))
    '# mechgraph synthetic corpus: links=1000 seed=2 generator=1'
    """
    return f"# mechgraph synthetic corpus: links={spec.links} seed={spec.seed} generator={GENERATOR_VERSION}"


def parse_size(text: str) -> int:
    """``"100k"`` → 100000, ``"1M"`` → 1000000, ``"2500"`` → 2500.

    >>> [parse_size(s) for s in ("1k", "1M", "2500")]
    [1000, 1000000, 2500]
    """
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1:].lower(), 1)
    return int(text[:-1] if scale > 1 else text) * scale


def edge_path(corpus: Path) -> Path:
    """The edge list written beside ``corpus`` (``100k.mg`` → ``100k.edges.tsv``)."""
    return corpus.with_suffix(".edges.tsv")


def _quote(name: str) -> str:
    if is_bare_name(name):
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _chunks(items: Sequence[T], size: int = _PER_LINE) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class _Writer:
    """Streams statements to the rule file and edges to the edge list, counting."""

    def __init__(self, spec: CorpusSpec, mg: TextIO, edges: TextIO) -> None:
        self.rng = random.Random(spec.seed)
        self.layout = Layout.of(spec)
        self.spec, self.mg, self.edges = spec, mg, edges
        self.lines = self.links = self.isa = 0
        self.sources = max(5, spec.links // 200)
        self.relations = [r for r, w in _RELATIONS for _ in range(w)]
        self.values = {key: sorted(_values(tree)) for key, tree in _CONTEXT.items()}

    def line(self, text: str = "") -> None:
        self.mg.write(text + "\n")
        self.lines += 1

    def isa_line(self, members: list[str], parent: str) -> None:
        self.line(", ".join(map(_quote, members)) + " isa " + _quote(parent))
        for member in members:
            self.edges.write(f"{member}\tisa\t{parent}\n")
        self.isa += len(members)

    def link(
        self, subject: str, object: str, relation: str | None = None, context: str = ""
    ) -> None:
        rng = self.rng
        relation = relation or rng.choice(self.relations)
        arrow = relation
        if relation == "word":
            arrow = rng.choice(("->", "-|", "--"))
            relation = Relation(arrow).word
        parts = [_quote(subject), relation, _quote(object)]
        if context or rng.random() < 0.35:
            parts.append("[" + (context or ", ".join(self._context())) + "]")
        declared = rng.random() < 0.8
        if declared:
            parts.append(f"@src_{rng.randrange(self.sources)}")
        if not declared or rng.random() < 0.15:
            parts.append(f"@pmid:{rng.randrange(10_000_000, 40_000_000)}")
        if rng.random() < 0.03:
            parts.append("status=hypothesis")
        if rng.random() < 0.01:
            parts.append(f" # note {self.links}")
        self.line(" ".join(parts))
        self.edges.write(f"{subject}\t{arrow}\t{object}\n")
        self.links += 1
        if self.links % _SECTION == 0:
            self.line()
            self.line(f"# links after {self.links}")

    def _context(self) -> list[str]:
        pairs = []
        for key, values in self.values.items():
            if self.rng.random() < 0.5:
                pairs.append(f"{key}={self.rng.choice(values)}")
        if not pairs or self.rng.random() < 0.1:
            pairs.append(_pair("dose", self.rng.choice(_DOSES)))
        if self.rng.random() < 0.2:
            pairs.append(_pair("period", self.rng.choice(_PERIODS)))
        return pairs


def _pair(key: str, value: str) -> str:
    """``key=value``, or ``key>=value`` for a bound."""
    return f"{key}{value}" if value[0] in "<>" else f"{key}={value}"


def _values(tree: dict[str, tuple[str, ...]]) -> set[str]:
    return set(tree) | {child for children in tree.values() for child in children}


def _classes(w: _Writer) -> list[_Class]:
    """The big class with its subclasses, then member families in every zone."""
    lay, rng = w.layout, w.rng
    subs = max(1, lay.members // 100)
    found = [
        _Class(f"{CLASS}_sub_{k}", "U", array("i", range(k, lay.members, subs)))
        for k in range(subs)
    ]
    for zone in ("U", "D", "N"):
        ids = lay.zone_range(zone)
        for k in range(max(1, len(ids) // 200)):
            size = rng.randint(2, max(2, min(1000, len(ids) // 10)))
            members = array("i", sorted(rng.sample(ids, size)))
            found.append(_Class(f"{zone.lower()}_family_{k}", zone, members))
    return found


def _declarations(w: _Writer, classes: list[_Class]) -> None:
    lay = w.layout
    by_kind: dict[str, array] = {kind: array("i") for kind in ENTITY_KINDS}
    for node in range(lay.entities):
        by_kind[lay.kind(node)].append(node)
    for kind in ENTITY_KINDS:
        if kind == "class":
            names = [f'{CLASS} "antidepressant drugs"'] + [c.name for c in classes]
            for chunk in _chunks(names):
                w.line("class " + ", ".join(chunk))
            continue
        for chunk in _chunks(by_kind[kind]):
            w.line(kind + " " + ", ".join(_entry(lay, node) for node in chunk))


def _entry(lay: Layout, node: int) -> str:
    entry = _quote(lay.name(node))
    if node % 13 == 0:
        entry += f' "{lay.kind(node)} number {node}"'
    if lay.kind(node) == "drug" and node % 3 == 0:
        entry += f" id=CHEBI:{100000 + node}"
    return entry


def _preamble(w: _Writer) -> None:
    w.line(header(w.spec))
    w.line()
    for k in range(w.sources):
        w.line(f'source src_{k} = pmid:{1_000_000 + k} "Synthetic study {k}"')
    w.line()
    w.line("context dose: mg/kg")
    w.line("context period: time")
    for key, tree in _CONTEXT.items():
        w.line(f"context {key} " + ", ".join(sorted(_values(tree))))
        for parent, children in tree.items():
            if children:
                w.line(", ".join(children) + " isa " + parent)
    w.line()


def _spine(w: _Writer) -> None:
    """One forward link per node of U and D: every member reaches T through X."""
    lay, rng = w.layout, w.rng
    for node in range(lay.target):
        if node < lay.members:
            nxt = rng.randrange(lay.members, lay.upstream)
        else:
            nxt = node + rng.randint(1, _WINDOW)
            if node < lay.pathway:
                nxt = min(nxt, lay.pathway)
            nxt = min(nxt, lay.target)
        w.link(lay.name(node), lay.name(nxt), rng.choice(("->", "->", "-|")))


def _random_object(lay: Layout, rng: random.Random, node: int) -> int:
    """Mostly forward within the zone; a few links back (cycles); never U → D but via X."""
    zone, roll = lay.zone(node), rng.random()
    if zone == "N":
        return rng.randrange(lay.entities)
    if zone == "D" and roll < 0.02:
        return rng.randrange(lay.upstream)
    first, last = (0, lay.pathway) if zone == "U" else (lay.pathway + 1, lay.target)
    if roll < 0.05:
        return rng.randint(first, last)
    if roll < 0.75:
        return min(node + rng.randint(1, _WINDOW), last)
    return rng.randint(min(node + 1, last), last)


def _links(w: _Writer, classes: list[_Class]) -> None:
    lay, rng = w.layout, w.rng
    w.link(CLASS, PATHWAY, "->", "duration=chronic, species=mouse, region=cerebral_cortex")
    w.link(CLASS, PATHWAY, "-0", "duration=acute, species=mouse")
    for cls in classes:
        zone_ids = lay.zone_range(cls.zone) if cls.zone != "N" else range(lay.entities)
        for _ in range(2):
            w.link(cls.name, lay.name(rng.choice(zone_ids)))
    _spine(w)
    while w.links < w.spec.links:
        node = rng.randrange(lay.entities)
        other = _random_object(lay, rng, node)
        if other != node:
            w.link(lay.name(node), lay.name(other))


def _hypotheses(w: _Writer, classes: list[_Class]) -> int:
    w.line()
    w.line("hypothesis final_common_pathway @src_0:")
    w.line(f"    every {CLASS} reaches {TARGET} through {PATHWAY}")
    w.line(f"    some {CLASS} reaches {TARGET} [duration=chronic]")
    w.line(f"    sign of {CLASS} to {TARGET} is +")
    w.line("    consistent")
    count = max(2, w.spec.links // 20_000)
    for k in range(count):
        cls = classes[w.rng.randrange(len(classes))]
        w.line()
        w.line(f"hypothesis noise_{k} @pmid:{2_000_000 + k}:")
        member = w.layout.name(w.rng.choice(cls.members))
        w.line(f"    some {cls.name} reaches {_quote(member)}")
        w.line(f"    no {cls.name} reaches {TARGET} [species=mouse]")
    return count + 1


def write(spec: CorpusSpec, mg: TextIO, edges: TextIO) -> CorpusStats:
    """Write the corpus for ``spec`` to ``mg`` and its edges (TSV) to ``edges``.

    Edge rows are ``subject<TAB>relation<TAB>object`` with the relation as an
    arrow (BEL words normalised) or ``isa`` for class membership; names are
    unquoted.
    """
    w = _Writer(spec, mg, edges)
    classes = _classes(w)
    _preamble(w)
    _declarations(w, classes)
    w.line()
    w.isa_line([c.name for c in classes if c.name.startswith(CLASS)], CLASS)
    for cls in classes:
        for chunk in _chunks(cls.members):
            w.isa_line([w.layout.name(node) for node in chunk], cls.name)
    w.line()
    _links(w, classes)
    hypotheses = _hypotheses(w, classes)
    return CorpusStats(w.lines, w.links, w.isa, w.layout.entities, len(classes) + 1, hypotheses)


def write_files(spec: CorpusSpec, path: Path, part_chars: int | None = None) -> CorpusStats:
    """Write ``path`` and its :func:`edge_path` atomically (temp files, then rename).

    A corpus of more than :data:`~benchmarks.parts.SHARD_ABOVE` links (or any, given
    ``part_chars``) is a folder ``path`` of parts (:mod:`benchmarks.parts`).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    targets = (path, edge_path(path))
    temps = [t.with_name(f".{t.name}.{os.getpid()}.tmp") for t in targets]
    sharded = part_chars is not None or parts.is_sharded(spec.links)
    try:
        with (
            _rules_sink(temps[0], sharded, part_chars or parts.PART_CHARS) as mg,
            open(temps[1], "w", encoding="utf-8", buffering=1 << 20) as edges,
        ):
            stats = write(spec, mg, edges)
        if path.is_dir():
            shutil.rmtree(path)
        for temp, target in zip(temps, targets):
            os.replace(temp, target)
    finally:
        shutil.rmtree(temps[0], ignore_errors=True)
        for temp in temps:
            if temp.is_file():
                temp.unlink()
    return stats


def _rules_sink(temp: Path, sharded: bool, part_chars: int) -> TextIO:
    if not sharded:
        return open(temp, "w", encoding="utf-8", buffering=1 << 20)
    temp.mkdir()
    return cast(TextIO, parts.Parts(temp, part_chars))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.generate",
        description="Write a seeded synthetic mechgraph corpus and its edge list.",
    )
    parser.add_argument(
        "--links", type=parse_size, required=True, help="link lines (1k, 100000, 1M)"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        help="the .mg file to write (past 1M links: a folder of parts)",
    )
    args = parser.parse_args(argv)
    try:
        stats = write_files(CorpusSpec(args.links, args.seed), args.output)
    except (ValueError, OSError) as error:
        print(f"generate: {error}", file=sys.stderr)
        return 2
    print(
        f"{args.output}: {stats.lines} lines, {stats.links} links, {stats.isa} isa pairs, "
        f"{stats.entities} entities, {stats.classes} classes, {stats.hypotheses} hypotheses; "
        f"edges in {edge_path(args.output)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
