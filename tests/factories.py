"""Hand-made syntax nodes and hypothesis strategies for random signed graphs.

The engine's tests build rule files from these instead of parsing text, so
they run without the parser.  ``numbered`` gives each statement the line it
would have in a file, so diagnostics carry real snippets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from hypothesis import strategies as st

from mechgraph.language.syntax import (
    Declared,
    EntityDecl,
    Evidence,
    Hypothesis,
    IsA,
    Link,
    Qualifier,
    Reaches,
    Ref,
    Relation,
    RuleFile,
    SourceDecl,
    Span,
    Status,
    ValueDecl,
)

#: The context keys and values random graphs use; ``frontal isa cortex``.
KEYS = {"duration": ("acute", "chronic"), "region": ("cortex", "frontal", "hippocampus")}
REGION_BELOW = {("frontal", "cortex")}
SIGNED = (Relation.INCREASES, Relation.DECREASES)


def link(subject, relation, obj, context=None, evidence=(), hypothesis=False) -> Link:
    """``subject relation obj [context] @evidence`` (relation as an arrow or a Relation)."""
    return Link(
        Ref(subject),
        relation if isinstance(relation, Relation) else Relation(relation),
        Ref(obj),
        tuple(Qualifier(k, v) for k, v in (context or {}).items()),
        tuple(Evidence(e) for e in evidence),
        Status.HYPOTHESIS if hypothesis else Status.OBSERVED,
    )


def declare(kind: str, *names: str) -> EntityDecl:
    return EntityDecl(kind, tuple(Declared(Ref(n)) for n in names))


def isa(members: Sequence[str] | str, parent: str) -> IsA:
    members = (members,) if isinstance(members, str) else members
    return IsA(tuple(Ref(m) for m in members), Ref(parent))


def values(key: str, *names: str) -> ValueDecl:
    return ValueDecl(key, tuple(Ref(n) for n in names))


def source(name: str, reference: str, title: str | None = None) -> SourceDecl:
    return SourceDecl(Ref(name), reference, title)


def hypothesis(name: str, *statements, evidence=()) -> Hypothesis:
    return Hypothesis(Ref(name), tuple(statements), tuple(Evidence(e) for e in evidence))


def reaches(quantifier, members: str, target: str, through: str | None = None) -> Reaches:
    return Reaches(quantifier, Ref(members), Ref(target), Ref(through) if through else None)


def numbered(path: str, lines: Sequence[tuple[str, object]]) -> RuleFile:
    """A RuleFile whose statement ``i`` sits on line ``i + 1`` with the given text."""
    statements = tuple(
        replace(statement, span=Span(path, number, 1))
        for number, (_, statement) in enumerate(lines, 1)
    )
    return RuleFile(path, statements, text="\n".join(text for text, _ in lines) + "\n")


def seed_rules(path: str = "seed.mg") -> RuleFile:
    """A hand-made version of the seed paper's rules (Skolnick 1996)."""
    return numbered(
        path,
        [
            ("source skolnick1996 = pmid:8852531", source("skolnick1996", "pmid:8852531")),
            ("drug imipramine, citalopram", declare("drug", "imipramine", "citalopram")),
            ("treatment ECS", declare("treatment", "ECS")),
            (
                "class antidepressant, tricyclic, ssri",
                declare("class", "antidepressant", "tricyclic", "ssri"),
            ),
            (
                "process NMDA_adaptation, NMDA_function",
                declare("process", "NMDA_adaptation", "NMDA_function"),
            ),
            ("phenotype antidepressant_effect", declare("phenotype", "antidepressant_effect")),
            ("drug NMDA_antagonist", declare("drug", "NMDA_antagonist")),
            ("context duration acute, chronic", values("duration", "acute", "chronic")),
            (
                "context region cerebral_cortex, frontal_cortex",
                values("region", "cerebral_cortex", "frontal_cortex"),
            ),
            ("frontal_cortex isa cerebral_cortex", isa("frontal_cortex", "cerebral_cortex")),
            ("imipramine isa tricyclic", isa("imipramine", "tricyclic")),
            ("citalopram isa ssri", isa("citalopram", "ssri")),
            (
                "tricyclic, ssri, ECS isa antidepressant",
                isa(("tricyclic", "ssri", "ECS"), "antidepressant"),
            ),
            (
                "antidepressant -> NMDA_adaptation [duration=chronic, region=cerebral_cortex]"
                " @skolnick1996",
                link(
                    "antidepressant",
                    "->",
                    "NMDA_adaptation",
                    {"duration": "chronic", "region": "cerebral_cortex"},
                    ("skolnick1996",),
                ),
            ),
            (
                "antidepressant -0 NMDA_adaptation [duration=acute] @skolnick1996",
                link(
                    "antidepressant",
                    "-0",
                    "NMDA_adaptation",
                    {"duration": "acute"},
                    ("skolnick1996",),
                ),
            ),
            (
                "NMDA_antagonist -| NMDA_function @skolnick1996",
                link("NMDA_antagonist", "-|", "NMDA_function", evidence=("skolnick1996",)),
            ),
            (
                "NMDA_adaptation -> antidepressant_effect @skolnick1996 status=hypothesis",
                link(
                    "NMDA_adaptation",
                    "->",
                    "antidepressant_effect",
                    evidence=("skolnick1996",),
                    hypothesis=True,
                ),
            ),
        ],
    )


def walk_rules() -> RuleFile:
    """s -> x -> t, with a negative loop x -| y -> x: a negative walk, no negative path."""
    return RuleFile(
        "w.mg",
        (link("s", "->", "x"), link("x", "-|", "y"), link("y", "->", "x"), link("x", "->", "t")),
    )


# -- random signed graphs with contexts -----------------------------------------------


@dataclass(frozen=True)
class RandomRules:
    """Random rules over entities ``n0..n{size-1}``: statements and the DAG flag."""

    size: int
    statements: tuple
    dag: bool

    @property
    def names(self) -> list[str]:
        return [f"n{i}" for i in range(self.size)]

    def rule_file(self, order: Sequence[int] | None = None) -> RuleFile:
        statements = self.statements
        if order is not None:
            statements = tuple(statements[i] for i in order)
        return RuleFile("random.mg", statements)


contexts = st.dictionaries(st.sampled_from(sorted(KEYS)), st.just(None), max_size=2).flatmap(
    lambda keys: st.fixed_dictionaries({k: st.sampled_from(KEYS[k]) for k in keys})
)

_RELATIONS = st.sampled_from(
    [Relation.INCREASES, Relation.DECREASES, Relation.NO_CHANGE, Relation.ASSOCIATION]
)


@st.composite
def random_rules(draw, dag: bool | None = None, max_size: int = 6, max_links: int = 12):
    """Random small signed graphs with contexts, ``isa`` edges and hypothesised links.

    With ``dag=True`` every link and ``isa`` edge goes from a lower to a higher
    index, so the whole traversable graph is acyclic.
    """
    dag = draw(st.booleans()) if dag is None else dag
    size = draw(st.integers(2, max_size))
    forward = st.integers(0, size - 2).flatmap(
        lambda i: st.tuples(st.just(i), st.integers(i + 1, size - 1))
    )
    other = st.tuples(st.integers(0, size - 1), st.integers(1, size - 1)).map(
        lambda p: (p[0], (p[0] + p[1]) % size)
    )
    pair = forward if dag else other
    statements: list = [
        declare("entity", *[f"n{i}" for i in range(size)]),
        values("duration", *KEYS["duration"]),
        values("region", *KEYS["region"]),
        isa("frontal", "cortex"),
    ]
    for s, o in draw(st.lists(forward, max_size=2, unique=True)):
        statements.append(isa(f"n{s}", f"n{o}"))
    for _ in range(draw(st.integers(1, max_links))):
        s, o = draw(pair)
        statements.append(
            link(f"n{s}", draw(_RELATIONS), f"n{o}", draw(contexts), hypothesis=draw(st.booleans()))
        )
    return RandomRules(size, tuple(statements), dag)
