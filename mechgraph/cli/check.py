"""``mechgraph check PATH...``: parse, compile and lint rule files, then judge every hypothesis."""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from mechgraph.cli.engine import add_engine_arguments, engine_report, run_searches
from mechgraph.cli.output import (
    add_budget_arguments,
    budget,
    draw,
    emit,
    print_diagnostics,
    seconds,
)
from mechgraph.cli.rule_paths import add_rule_paths, rule_paths_of
from mechgraph.compiler.compile import compile_paths
from mechgraph.compiler.lint import lint
from mechgraph.errors import (
    Diagnostic,
    count_diagnostics,
    limit_diagnostics,
    sort_diagnostics,
)
from mechgraph.files import confined_path
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.query.consistency.experiment import analyse
from mechgraph.query.consistency.solver import DEFAULT_TIME_LIMIT
from mechgraph.query.hypotheses import judge_all
from mechgraph.results.verdicts import Outcome, tally


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_rule_paths(parser)
    parser.add_argument(
        "--hypothesis",
        action="append",
        default=[],
        metavar="NAME",
        help="judge only this hypothesis (repeatable)",
    )
    parser.add_argument(
        "--extra",
        action="append",
        default=[],
        metavar="FILE",
        help="add these rules for a what-if check; the other files stay as they are",
    )
    parser.add_argument(
        "--time-limit",
        type=seconds,
        default=DEFAULT_TIME_LIMIT,
        metavar="S",
        help="seconds per experiment before it is 'undecided' (default %(default)g)",
    )
    parser.add_argument(
        "--render",
        metavar="DIR",
        help="draw each judged hypothesis as DIR/NAME.svg (witnesses, counterexamples, pathway); "
        "a NAME that is not a plain file name is made one (see README)",
    )
    add_budget_arguments(parser)
    add_engine_arguments(parser)


@dataclass(frozen=True)
class Summary:
    """What a checked set of rules holds, for the closing line."""

    files: int
    entities: int
    classes: int
    links: int
    sources: int
    hypotheses: int
    errors: int
    warnings: int

    @classmethod
    def of(cls, graph: MechanismGraph, diagnostics: list[Diagnostic]) -> Summary:
        kinds = [entity.is_class for entity in graph.entities()]
        errors, warnings = count_diagnostics(diagnostics)
        return cls(
            files=len(
                set(graph.files) | {d.file for d in diagnostics}
            ),  # a file that failed counts
            entities=kinds.count(False),
            classes=kinds.count(True),
            links=len(graph.claims),
            sources=len(graph.sources),
            hypotheses=len(graph.hypotheses),
            errors=errors,
            warnings=warnings,
        )

    def format(self) -> str:
        """One line: ``ok: 1 file, 20 entities, ...``."""
        counts = ", ".join(
            f"{n} {name if n == 1 else plural}"
            for n, name, plural in (
                (self.files, "file", "files"),
                (self.entities, "entity", "entities"),
                (self.classes, "class", "classes"),
                (self.links, "link", "links"),
                (self.sources, "source", "sources"),
                (self.hypotheses, "hypothesis", "hypotheses"),
            )
        )
        verdict = "FAILED" if self.errors else "ok"
        return f"{verdict}: {counts}; {self.errors} errors, {self.warnings} warnings"


def run(args: argparse.Namespace) -> int:
    # A file with syntax errors is compiled from the lines that parsed, so that their own
    # mistakes are reported beside the syntax errors.
    graph, diagnostics, compile_diagnostics = compile_paths(
        rule_paths_of(args) + args.extra, partial=True
    )
    assert graph is not None, "a partial load always compiles"
    diagnostics = sort_diagnostics(diagnostics + compile_diagnostics + lint(graph))
    summary = Summary.of(graph, diagnostics)
    # Hypotheses are judged only on rules without errors; an unknown --hypothesis is a usage error.
    judged = (
        ()
        if summary.errors
        else run_searches(args, graph, lambda: judge_all(graph, args.hypothesis))
    )
    observed = (
        []
        if summary.errors or args.hypothesis
        else [
            analyse(graph, name, time_limit=args.time_limit, with_predictions=False)
            for name in graph.experiments
        ]
    )
    failing = [r.name for r in judged if r.outcome is Outcome.FAILS]
    failing += [r.name for r in observed if r.consistent is False]
    drawn = (
        [draw(graph, r, confined_path(args.render, r.name, ".svg"), budget(args)) for r in judged]
        if args.render
        else []
    )
    if not args.json:
        print_diagnostics(diagnostics)
    lines = [r.format() + "\n" for r in judged]
    lines += [r.format() + "\n" for r in observed]
    lines.append(summary.format())
    lines.append(
        tally(judged) if not summary.errors else "hypotheses: not judged (fix the errors first)"
    )
    if observed:
        inconsistent = sum(r.consistent is False for r in observed)
        undecided = sum(r.consistent is None for r in observed)
        lines.append(
            f"experiments: {len(observed) - inconsistent - undecided} consistent, "
            f"{inconsistent} inconsistent, {undecided} undecided"
        )
    emit(
        args,
        "\n".join(lines),
        engine_report(
            args,
            {
                "ok": summary.errors == 0 and not failing,
                "summary": summary.__dict__,
                "diagnostics": [d.to_dict() for d in limit_diagnostics(diagnostics)],
                "hypotheses": [r.to_dict() for r in judged],
                "experiments": [r.to_dict() for r in observed],
                "diagrams": [d.to_dict() for d in drawn],
            },
        ),
    )
    return 1 if summary.errors or failing else 0
