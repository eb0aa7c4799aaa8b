"""``mechgraph ask SOURCE TARGET``: is SOURCE on a path to TARGET? (why not, on a no).

Also the argument helpers the other question verbs share: the rule paths,
``--where``, ``--hypotheses``.  Exit 0 for an answered question, yes or no;
1 when the rules have errors; 2 for a usage error — an unknown name (with
close names), a malformed ``--where``.
"""

from __future__ import annotations

import argparse
import dataclasses

from mechgraph.cli.engine import add_engine_arguments, engine_report, run_searches
from mechgraph.cli.output import add_render_argument, count, draw_result, emit, print_diagnostics
from mechgraph.cli.rule_paths import add_rule_paths, rule_paths_of
from mechgraph.compiler.cache import Cache
from mechgraph.errors import Diagnostic, QueryError
from mechgraph.model import Model, load, parse_where


def add_rules_argument(parser: argparse.ArgumentParser) -> None:
    """``PATH...`` (``--rules`` an alias, default rules/) and ``--no-cache``."""
    add_rule_paths(parser)
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="parse and compile the rules even when the compiled cache "
        "holds them unchanged (cache: $MECHGRAPH_CACHE, else "
        "$XDG_CACHE_HOME/mechgraph or ~/.cache/mechgraph)",
    )


def add_context_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--where",
        nargs="+",
        action="extend",
        default=[],
        metavar="KEY=VALUE",
        help="the question's context, e.g. duration=chronic species=mouse",
    )
    parser.add_argument(
        "--hypotheses",
        choices=("include", "exclude"),
        default="include",
        help="exclude: answer from observed claims only",
    )
    parser.add_argument(
        "--evidence",
        metavar="R",
        help="answer from the links citing R only: a source name (skolnick1996), a "
        "reference (pmid:8852531) or a DrugMechDB record (drugmechdb:ID), so that one "
        "curated mechanism replays exactly",
    )


def add_max_hops(parser: argparse.ArgumentParser) -> None:
    """``--max-hops N`` (ask, why-not, pathways)."""
    parser.add_argument(
        "--max-hops",
        type=count,
        metavar="N",
        help="a route counts only with at most N hops (isa hops included)",
    )


def add_question_arguments(parser: argparse.ArgumentParser, *, batch: bool = False) -> None:
    """SOURCE TARGET [PATH...] --via --where --sign --max-hops --hypotheses (ask and why-not);
    with ``batch``, SOURCE and TARGET may be left out for ``--pairs FILE``."""
    ends = {"nargs": "?"} if batch else {}
    parser.add_argument("source", metavar="SOURCE", help="an entity or a class", **ends)
    parser.add_argument("target", metavar="TARGET", help="an entity or a class", **ends)
    parser.add_argument("--via", metavar="X", help="an entity every route must pass")
    parser.add_argument("--sign", choices=("+", "-"), help="the net sign the route must have")
    add_max_hops(parser)
    add_context_arguments(parser)
    add_rules_argument(parser)
    add_render_argument(parser)


def load_rules(args: argparse.Namespace) -> Model:
    """The compiled rules, restricted to ``--evidence`` when given."""
    cache = None if args.no_cache else Cache.default()
    model = load(*rule_paths_of(args), cache=cache)
    if cache is not None:
        print_diagnostics(cache.notes)
    if getattr(args, "evidence", None):
        from mechgraph.graph.evidence import only_evidence

        model = dataclasses.replace(model, graph=only_evidence(model.graph, args.evidence))
    return model


def question(args: argparse.Namespace) -> dict:
    """The keyword arguments of ``ask``/``why_not`` the command line gave."""
    return dict(
        source=args.source,
        target=args.target,
        via=args.via,
        where=parse_where(args.where),
        sign=args.sign,
        hypotheses=args.hypotheses,
        max_hops=args.max_hops,
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_question_arguments(parser, batch=True)
    parser.add_argument(
        "--max-paths",
        type=count,
        metavar="N",
        help="witness paths to show, shortest first (default 3; 1 with --pairs)",
    )
    parser.add_argument(
        "--pairs",
        metavar="FILE",
        help="ask many questions at once: one SOURCE TARGET pair per line of FILE "
        "(tab- or blank-separated; - reads standard input); one line of answer each",
    )
    add_engine_arguments(parser)


def run(args: argparse.Namespace) -> int:
    if args.pairs:
        return _run_pairs(args)
    if args.engine != "memory" or args.parquet:
        raise QueryError(
            Diagnostic.error(
                "--engine and --parquet apply to batches of questions: ask --pairs FILE",
                file="<command line>",
                hint="ask one question in memory (leave out --engine), or many with --pairs FILE",
            )
        )
    if args.target is None:
        raise QueryError(
            Diagnostic.error(
                "ask needs SOURCE and TARGET",
                file="<command line>",
                hint="mechgraph ask imipramine NMDA_adaptation rules/ (or --pairs FILE)",
            )
        )
    args.max_paths = 3 if args.max_paths is None else args.max_paths
    model = load_rules(args)
    asked = question(args)
    answer = model.ask(max_paths=args.max_paths, **asked)
    explained = None if answer.holds else model.why_not(**asked)
    text = answer.format() if explained is None else explained.format()
    draw_result(args, model.graph, answer if explained is None else explained)
    emit(
        args,
        text,
        {"answer": answer.to_dict(), "why_not": None if explained is None else explained.to_dict()},
    )
    return 0


def _run_pairs(args: argparse.Namespace) -> int:
    """``--pairs FILE``: SOURCE and TARGET, when given, are rule paths."""
    from mechgraph.language.text import display_name, read_rule_text
    from mechgraph.query.pairs import ask_pairs, read_pairs

    args.paths = [p for p in (args.source, args.target) if p] + list(args.paths)
    pairs = read_pairs(read_rule_text(args.pairs), display_name(args.pairs))
    model = load_rules(args)
    asked = question(args)
    del asked["source"], asked["target"]
    if args.engine == "spark" and (args.max_paths or 1) > 1:
        raise QueryError(
            Diagnostic.error(
                "the Spark engine finds one witness per question",
                file="<command line>",
                hint="leave out --max-paths, or ask in memory (--engine memory)",
            )
        )
    answers = run_searches(
        args,
        model.graph,
        lambda: ask_pairs(model.graph, pairs, max_paths=args.max_paths or 1, **asked),
    )
    held = sum(a.holds for a in answers)
    lines = [a.format().splitlines()[0] for a in answers]
    lines.append(f"{held} of {len(answers)} questions answered yes")
    document = {"answers": [a.to_dict() for a in answers], "yes": held}
    emit(args, "\n".join(lines), engine_report(args, document))
    return 0
