"""The facade: load rules into a :class:`Model` and ask it questions.

>>> model = Model.from_text('''
... drug imipramine
... process NMDA_adaptation
... imipramine -> NMDA_adaptation [duration=chronic]
... ''')
>>> model.ask("imipramine", "NMDA_adaptation", where={"duration": "chronic"}).holds
True
>>> print(model.why_not("imipramine", "NMDA_adaptation", where={"duration": "acute"}).blocked[0].clash)
needs duration=chronic, asked duration=acute
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from mechgraph.errors import CompileError, Diagnostic, ParseError, QueryError
from mechgraph.graph.mechanism import Claim, MechanismGraph
from mechgraph.query.budget import DEFAULT_BUDGET, MAX_CANDIDATES
from mechgraph.results.answers import Hop

if TYPE_CHECKING:
    from mechgraph.compiler.cache import Cache
    from mechgraph.graph.stats import Stats
    from mechgraph.language.syntax import RuleFile
    from mechgraph.query.predict import Knockout, Prediction
    from mechgraph.results.answers import Answer, Pathways
    from mechgraph.results.consistency import ExperimentResult
    from mechgraph.results.verdicts import HypothesisResult
    from mechgraph.results.why_not import WhyNot

from mechgraph.results.display import use_drawer
from mechgraph.results.verdicts import HypothesisResult

__all__ = ["Model", "load", "parse_where"]


def _draw_result(result: Any, graph: MechanismGraph) -> str:
    """Jupyter's drawing of a result: the renderer (and graphviz) loaded on first use."""
    from mechgraph.render.highlights import result_svg

    return result_svg(result, graph)


use_drawer(_draw_result)  # results draw through the renderer, attached here at the edge


def parse_where(pairs: Iterable[str]) -> dict[str, str]:
    """``["duration=chronic", "species=mouse"]`` to a context mapping; a bound
    (``period>=14d``) keeps its operator in front of the value.

    Parameters
    ----------
    pairs : iterable of str
        ``key=value`` items, as ``--where`` takes them.

    Returns
    -------
    dict
        Key to value.

    Raises
    ------
    QueryError
        When an item is not ``key=value`` or a key repeats.

    Examples
    --------
    >>> parse_where(["duration=chronic"])
    {'duration': 'chronic'}
    >>> parse_where(["duration=chronic", "period >= 2 wk"])
    {'duration': 'chronic', 'period': '>=2wk'}
    """
    where: dict[str, str] = {}
    for pair in pairs:
        key, equals, value = (part.strip() for part in pair.partition("="))
        if key[-1:] in ("<", ">"):  # period>=14d: the operator stays with the value
            key, value = key[:-1].rstrip(), key[-1] + "=" + value
        if re.fullmatch(r"[<>]?=?[ \t]*\d[\d.]*[ \t]+\S+", value):  # 2 wk
            value = re.sub(r"[ \t]+", "", value)
        if not (equals and key and value) or key in where:
            problem = "repeats a key" if key in where else "is not key=value"
            raise QueryError(
                Diagnostic.error(
                    f"context {pair!r} {problem}",
                    file="<question>",
                    hint="write each pair once, e.g. --where duration=chronic",
                )
            )
        where[key] = value
    return where


@dataclass(frozen=True)
class Model:
    """Compiled rules and the questions one may ask of them.

    In Jupyter a model shows as its diagram, and so does every result it returns.

    ``diagnostics`` holds the warnings of loading and compiling; errors
    never get this far (they raise :class:`ParseError`/:class:`CompileError`).
    """

    graph: MechanismGraph
    diagnostics: tuple[Diagnostic, ...] = ()
    files: tuple[RuleFile, ...] = ()
    #: The paths a model :func:`load` ed came from (it keeps no parsed files).
    paths: tuple[str, ...] = ()

    @classmethod
    def from_files(cls, files: Sequence[RuleFile], diagnostics: Iterable[Diagnostic] = ()) -> Model:
        """Compile parsed rule files into a model.

        Parameters
        ----------
        files : sequence of RuleFile
            Parsed rule files (:func:`mechgraph.language.parser.parse_text`, ``parse_file``).
        diagnostics : iterable of Diagnostic, optional
            Warnings of an earlier stage (loading) to keep with the compiler's own.

        Returns
        -------
        Model
            The compiled model; :attr:`diagnostics` holds the warnings.

        Raises
        ------
        CompileError
            When the rules do not make sense together (every error attached).

        Examples
        --------
        >>> from mechgraph.language.parser import parse_text
        >>> Model.from_files([parse_text("a -> b")]).graph.claims[0].object
        'b'
        """
        from mechgraph.compiler.compile import compile_rules

        graph, found = compile_rules(files)
        return cls._compiled(graph, diagnostics, found, files=files)

    @classmethod
    def _compiled(
        cls,
        graph: MechanismGraph,
        diagnostics: Iterable[Diagnostic],
        found: Sequence[Diagnostic],
        paths: Sequence[str] = (),
        files: Sequence[RuleFile] = (),
    ) -> Model:
        """The model of a compiled ``graph``; :class:`CompileError` when ``found`` has errors."""
        errors = [d for d in found if d.is_error]
        if errors:
            raise CompileError(errors)
        return cls(graph, tuple(diagnostics) + tuple(found), tuple(files), tuple(paths))

    def rule_files(self) -> tuple[RuleFile, ...]:
        """The parsed rule files of this model (what :meth:`without` and :meth:`with_rules`
        change).

        Returns
        -------
        tuple of RuleFile
            Those it was made from, or, for a model :func:`load` ed (which keeps
            none), its paths parsed again, as they are now.

        Raises
        ------
        ParseError
            When a file of a loaded model no longer parses.

        Examples
        --------
        >>> [f.path for f in load("rules").rule_files()]
        ['rules/skolnick1996.mg', 'rules/skolnick1996_experiments.mg']
        """
        if self.files or not self.paths:
            return self.files
        from mechgraph.language.loader import load_paths

        files, diagnostics = load_paths(self.paths)
        errors = [d for d in diagnostics if d.is_error]
        if errors:
            raise ParseError(errors)
        return tuple(files)

    @classmethod
    def from_text(cls, text: str, path: str = "<input>") -> Model:
        """Parse and compile one rule text.

        Parameters
        ----------
        text : str
            Rule text, as in a ``.mg`` file.
        path : str, optional
            The name diagnostics give the text.

        Returns
        -------
        Model

        Raises
        ------
        ParseError
            When the text does not parse (every syntax error attached).
        CompileError
            When it parses but does not compile.

        Examples
        --------
        >>> len(Model.from_text("drug a\\nprocess b\\na -> b").graph.claims)
        1
        """
        from mechgraph.language.parser import parse_text

        return cls.from_files([parse_text(text, path)])

    def ask(self, source: str, target: str, **options: Any) -> Answer:
        """Does ``source`` reach ``target``, and by which routes?

        Parameters
        ----------
        source, target : str
            Entity names (a class as source stands for its members).
        **options
            As :func:`mechgraph.query.ask.ask`: ``via``, ``where``, ``sign``, ``max_paths``,
            ``hypotheses``, ``budget``.

        Returns
        -------
        Answer
            The verdict, witness paths (with sign, context and citations per hop) and notes.

        Raises
        ------
        QueryError
            For an unknown name (with close names as a hint) or a malformed option.

        Examples
        --------
        >>> model = Model.from_text("drug a\\nprocess b, c\\na -> b [duration=chronic]\\nb -| c")
        >>> model.ask("a", "c", where={"duration": "chronic"}).paths[0].sign.value
        '-'
        """
        from mechgraph.query.ask import ask

        return replace(ask(self.graph, source, target, **options), graph=self.graph)

    def why_not(self, source: str, target: str, **options: Any) -> WhyNot:
        """Why ``source`` does not reach ``target``: how far routes get and what blocks them.

        Parameters
        ----------
        source, target : str
            Entity names.
        **options
            As :func:`mechgraph.query.why_not.why_not`: ``via``, ``where``, ``sign``, ``hypotheses``.

        Returns
        -------
        WhyNot
            What is reached, what reaches the target, blocked links with the clashing context,
            no-change claims.

        Raises
        ------
        QueryError
            For a malformed option.

        Examples
        --------
        >>> model = Model.from_text("drug a\\nprocess b, c\\na -> b [duration=chronic]\\nb -| c")
        >>> print(model.why_not("a", "c", where={"duration": "acute"}).blocked[0].clash)
        needs duration=chronic, asked duration=acute
        """
        from mechgraph.query.why_not import why_not

        return replace(why_not(self.graph, source, target, **options), graph=self.graph)

    def pathways(self, members: str | Sequence[str], target: str, **options: Any) -> Pathways:
        """The entities every route from ``members`` to ``target`` passes.

        Parameters
        ----------
        members : str or sequence of str
            A class (its members) or entity names.
        target : str
            The entity routes lead to.
        **options
            As :func:`mechgraph.query.pathways.pathways`: ``where``, ``hypotheses``.

        Returns
        -------
        Pathways
            The common pathway, nearest to the target first, and the members that reach it.

        Raises
        ------
        QueryError
            For an unknown name.

        Examples
        --------
        >>> model = Model.from_text("drug a\\nprocess b, c\\na -> b [duration=chronic]\\nb -| c")
        >>> model.pathways("a", "c").pathway
        ('b',)
        """
        from mechgraph.query.pathways import pathways

        return replace(pathways(self.graph, members, target, **options), graph=self.graph)

    def stats(self, top: int = 10) -> Stats:
        """Summary figures: counts by kind, relation and source, loops, most linked entities.

        Parameters
        ----------
        top : int, optional
            How many of the most linked entities to list.

        Returns
        -------
        Stats

        Examples
        --------
        >>> model = Model.from_text("drug a\\nprocess b, c\\na -> b [duration=chronic]\\nb -| c")
        >>> model.stats().to_dict()["claims"]
        2
        """
        from mechgraph.graph.stats import stats

        return stats(self.graph, top)

    def _repr_svg_(self) -> str:
        from mechgraph.render.diagram import svg_of

        return svg_of(self.graph)

    def lint(self) -> list[Diagnostic]:
        """Warnings about rules that compile but look wrong (contradictions, loops, orphans).

        Returns
        -------
        list of Diagnostic

        Examples
        --------
        >>> [d.code for d in Model.from_text("a -> b\\na -| b").lint()][:1]
        ['contradiction']
        """
        from mechgraph.compiler.lint import lint

        return lint(self.graph)

    def check(self, *names: str, budget: int = DEFAULT_BUDGET) -> tuple[HypothesisResult, ...]:
        """Judge hypotheses: a verdict, witnesses and counterexamples per statement.

        Parameters
        ----------
        *names : str
            Hypothesis names (default: every hypothesis, by name).
        budget : int, optional
            Partial paths each witness search may expand before answering "walk only".

        Returns
        -------
        tuple of HypothesisResult

        Raises
        ------
        QueryError
            For an unknown hypothesis name (with close names as a hint).

        Examples
        --------
        >>> rules = "a -> b\\nhypothesis h:\\n    some a reaches b\\n"
        >>> Model.from_text(rules).check("h")[0].outcome.value
        'holds'
        """
        from mechgraph.query.hypotheses import judge_all

        return tuple(replace(r, graph=self.graph) for r in judge_all(self.graph, names, budget))

    def observe(self, *names: str, **options: Any) -> tuple[ExperimentResult, ...]:
        """Judge experiments: can the links each one's context admits explain what it observed?

        Parameters
        ----------
        *names : str
            Experiment names (default: every experiment).
        **options
            As :func:`mechgraph.query.consistency.experiment.analyse`: ``time_limit``,
            ``with_cores``, ``with_predictions``, ...

        Returns
        -------
        tuple of ExperimentResult
            Per experiment: consistent or not, minimal inconsistent cores, corrections,
            repairs and predictions.

        Raises
        ------
        QueryError
            For an unknown experiment name.

        Examples
        --------
        >>> rules = "drug d\\nprocess p\\nd -> p\\nexperiment e:\\n    input d\\n    d = +\\n    p = -\\n"
        >>> Model.from_text(rules).observe("e")[0].consistent
        False
        """
        from mechgraph.query.consistency.experiment import analyse

        chosen = names or tuple(self.graph.experiments)
        return tuple(analyse(self.graph, name, **options) for name in chosen)

    def predict(self, hypothesis: str, max_candidates: int = MAX_CANDIDATES) -> Prediction:
        """Entities outside a hypothesis's class that reach its common pathway.

        Parameters
        ----------
        hypothesis : str
            A hypothesis with an ``every|some C reaches T through X`` statement.
        max_candidates : int, optional
            How many entities, nearest the pathway first, get witnesses; the
            result's ``left_out`` and ``note`` count the others.

        Returns
        -------
        Prediction

        Raises
        ------
        QueryError
            When the hypothesis is unknown or has no such statement, or
            ``max_candidates`` is below 1.

        Examples
        --------
        >>> rules = "class C\\nm isa C\\nC -> x\\nd -> x\\nx -> t\\nhypothesis h:\\n    every C reaches t through x\\n"
        >>> [c.entity for c in Model.from_text(rules).predict("h").candidates]
        ['d']
        """
        from mechgraph.query.predict import predict

        return predict(self.graph, hypothesis, max_candidates=max_candidates)

    def knockout(self, hypothesis: str, entity: str) -> Knockout:
        """What a hypothesis loses when ``entity`` is taken out of the rules.

        Parameters
        ----------
        hypothesis : str
            A hypothesis with an ``every|some C reaches T through X`` statement.
        entity : str
            The entity knocked out.

        Returns
        -------
        Knockout

        Raises
        ------
        QueryError
            When the hypothesis or the entity is unknown.

        Examples
        --------
        >>> rules = "class C\\nm isa C\\nC -> x\\nx -> t\\nhypothesis h:\\n    every C reaches t through x\\n"
        >>> [w.member for w in Model.from_text(rules).knockout("h", "x").lost]
        ['m']
        """
        from mechgraph.query.predict import knockout

        return knockout(self.graph, hypothesis, entity)

    def without(self, item: str | Claim | Hop) -> Model:
        """A new model without entity ``item``'s links and ``isa`` edges, or without a link.

        Parameters
        ----------
        item : str, Claim or Hop
            An entity name, a :class:`~mechgraph.graph.mechanism.Claim`, a link as rule text
            (``"a -> b [duration=chronic]"``) or a witness's
            :class:`~mechgraph.results.answers.Hop` (see :mod:`mechgraph.language.edits`).
            The entity stays declared.

        Returns
        -------
        Model

        Raises
        ------
        QueryError
            When rule text is not exactly one link.

        Examples
        --------
        >>> model = Model.from_text("a -> b\\nb -> c\\na -> c")
        >>> model.without("b").ask("a", "c").paths[0].chain()
        'a ─(+)→ c'
        >>> model.without("a -> c").ask("a", "c").paths[0].chain()
        'a ─(+)→ b ─(+)→ c'
        """
        from mechgraph.language.edits import without_entity, without_link

        if isinstance(item, Hop) and item.claim_id is not None:
            item = self.graph.claims[item.claim_id]
        if isinstance(item, str) and item in self.graph:
            return Model.from_files(without_entity(self.rule_files(), item))
        return Model.from_files(without_link(self.rule_files(), item))

    def with_rules(self, text: str, path: str = "<extra>") -> Model:
        """A new model with rule ``text`` added to this model's files.

        Parameters
        ----------
        text : str
            Rule text to add.
        path : str, optional
            The name diagnostics give the text.

        Returns
        -------
        Model

        Raises
        ------
        ParseError, CompileError
            When the text does not parse, or the rules no longer compile.

        Examples
        --------
        >>> Model.from_text("a -> b").with_rules("b -> c").ask("a", "c").holds
        True
        """
        from mechgraph.language.parser import parse_text

        return Model.from_files(self.rule_files() + (parse_text(text, path),))


def load(*paths: str | os.PathLike, cache: Cache | None = None) -> Model:
    """Load rule files and folders (``*.mg``, following ``include``) into a model.

    Parameters
    ----------
    *paths : str or os.PathLike
        Rule files and folders (searched recursively); ``-`` reads standard input.
    cache : Cache, optional
        A :class:`~mechgraph.compiler.cache.Cache`: rules whose files have not changed since
        they were last loaded through it are read from it, not parsed.

    Returns
    -------
    Model

    Raises
    ------
    ParseError
        When a file cannot be read or parsed (all its diagnostics attached).
    CompileError
        When the rules parse but do not make sense together.

    Examples
    --------
    >>> model = load("rules")
    >>> model.ask("imipramine", "NMDA_adaptation", where={"duration": "chronic"}).holds
    True
    """
    from mechgraph.compiler.cache import Entry
    from mechgraph.compiler.compile import compile_paths

    names = [os.fspath(p) for p in paths]
    if "-" in names:  # standard input can be read only once: never cached
        cache = None
    key = cache.key(names) if cache is not None else None
    entry = cache.read_key(key) if cache is not None and key is not None else None
    if entry is not None:
        return Model(entry.graph, entry.diagnostics, paths=tuple(names))
    graph, diagnostics, found = compile_paths(names)
    errors = [d for d in diagnostics if d.is_error]
    if errors or graph is None:
        raise ParseError(errors)
    model = Model._compiled(graph, diagnostics, found, names)
    if cache is not None and key is not None:
        cache.write(names, Entry(model.graph, model.diagnostics), expected_key=key)
    return model
