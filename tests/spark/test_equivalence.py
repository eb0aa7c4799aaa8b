"""Check the Spark engine against the in-memory engine on random graphs with contexts and classes.

Each example is a model of several disjoint random subgraphs — a class with
members, a DAG of signed, unsigned and ``-0`` claims (some hypothesised)
stating contexts from a value hierarchy (``mouse, rat isa rodent``), and a
hypothesis per subgraph (``every … through``, ``some``, ``no``, ``sign of``) —
so that one Spark batch judges them all.  The in-memory engine is the
oracle: the same verdicts and the same witness lengths for ``check``,
``ask --pairs`` and ``predict``.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mechgraph.model import Model
from mechgraph.query.hypotheses import judge_all
from mechgraph.query.pairs import ask_pairs, read_pairs
from mechgraph.query.predict import predict
from mechgraph.spark.engine import SparkEngine

from spark_support import spark_fixture  # noqa: F401 (the spark fixture)

HEADER = (
    "context species mouse, rat, rodent, human\n"
    "mouse, rat isa rodent\n"
    "context duration chronic, acute\n"
)
RELATIONS = ("->", "-|", "--", "-0")
SPECIES = st.sampled_from((None, "mouse", "rat", "rodent", "human"))
DURATION = st.sampled_from((None, "chronic", "acute"))


@st.composite
def contexts(draw) -> str:
    pairs = [
        f"{key}={value}"
        for key, value in (("duration", draw(DURATION)), ("species", draw(SPECIES)))
        if value
    ]
    return f" [{', '.join(pairs)}]" if pairs else ""


@st.composite
def subgraphs(draw, i: int) -> tuple[str, list[tuple[str, str]]]:
    """One subgraph's rules (a DAG: claims go forward, a class's claims past its members)
    and a few questions in it."""
    n = draw(st.integers(4, 7))
    m = draw(st.integers(1, min(3, n - 2)))
    names = [f"g{i}_n{k}" for k in range(n)]
    cls = f"g{i}_C"
    lines = [f"process {', '.join(names)}", f"class {cls}", f"{', '.join(names[:m])} isa {cls}"]
    for _ in range(draw(st.integers(2, 12))):
        a, b = draw(st.integers(-1, n - 2)), draw(st.integers(0, n - 1))
        if (a < 0 and b < m) or (a >= 0 and a >= b):
            continue
        subject = cls if a < 0 else names[a]
        status = " status=hypothesis" if draw(st.integers(0, 9)) == 0 else ""
        lines.append(
            f"{subject} {draw(st.sampled_from(RELATIONS))} {names[b]}{draw(contexts())}{status}"
        )
    target, pathway = names[-1], names[draw(st.integers(m, n - 2))]
    lines += [
        f"hypothesis g{i}_h:",
        f"    every {cls} reaches {target} through {pathway}{draw(contexts())}",
        f"    some {cls} reaches {target}{draw(contexts())}",
        f"    no {cls} reaches {pathway}{draw(contexts())}",
        f"    sign of {cls} to {target} is {draw(st.sampled_from('+-'))}{draw(contexts())}",
    ]
    everyone = [cls, *names]
    questions = draw(
        st.lists(st.tuples(st.sampled_from(everyone), st.sampled_from(names)), max_size=4)
    )
    return "\n".join(lines), [(s, t) for s, t in questions if s != t]


@st.composite
def models(draw) -> tuple[str, list[tuple[str, str]], dict[str, str]]:
    parts = [draw(subgraphs(i)) for i in range(draw(st.integers(3, 6)))]
    text = HEADER + "\n".join(rules for rules, _ in parts) + "\n"
    where = draw(st.sampled_from(({}, {"species": "mouse"}, {"duration": "chronic"})))
    return text, [q for _, questions in parts for q in questions], where


def _length(path) -> int | None:
    return None if path is None else len(path.hops)


def _check(results) -> list:
    return [
        (
            r.name,
            [
                (
                    s.statement,
                    s.outcome,
                    sorted((w.member, _length(w.path)) for w in s.witnesses),
                    sorted(
                        (c.problem.value, c.member or "", _length(c.path) or 0)
                        for c in s.counterexamples
                    ),
                )
                for s in r.statements
            ],
        )
        for r in results
    ]


def _answers(answers) -> list:
    return [(a.verdict, [_length(p) for p in a.paths], a.note) for a in answers]


def _predictions(found) -> list:
    return [
        (c.entity, _length(c.path), c.onward, _length(c.onward_path)) for c in found.candidates
    ] + [found.left_out]


@settings(max_examples=6)
@given(models())
def test_spark_and_memory_agree(spark, drawn):
    """Check that verdicts and witness lengths agree for check, ask --pairs and predict."""
    text, questions, where = drawn
    graph = Model.from_text(text).graph
    pairs = read_pairs("".join(f"{s}\t{t}\n" for s, t in questions), "pairs.tsv")
    names = sorted(graph.hypotheses)

    def everything():
        return (
            judge_all(graph),
            ask_pairs(graph, pairs, where=where),
            [predict(graph, name) for name in names],
        )

    engine = SparkEngine(graph, spark)
    try:
        checked, answered, predicted = engine.settle(everything)
    finally:
        engine.close()
    expected = everything()
    assert _check(checked) == _check(expected[0])
    assert _answers(answered) == _answers(expected[1])
    assert [_predictions(p) for p in predicted] == [_predictions(p) for p in expected[2]]
