"""The compiled claims, made from the link columns in claim order.

>>> from mechgraph.compiler.link_columns import LinkColumns
>>> from mechgraph.language.parser import parse_text
>>> columns = LinkColumns()
>>> columns.add(parse_text("b -> a\\na -| b [x=1]\\n", file="f.mg").statements)
>>> graph = MechanismGraph()
>>> build_claims(graph, ["a", "b"], columns, columns.arrays())
>>> [(c.id, c.subject, c.context, str(c.span)) for c in graph.claims]
[(0, 'a', (('x', '1'),), 'f.mg:2:1'), (1, 'b', (), 'f.mg:1:1')]
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np

from mechgraph.compiler.link_columns import RELATIONS, STATUSES, LinkColumns, claim_order
from mechgraph.graph.mechanism import Claim, MechanismGraph
from mechgraph.language.syntax import Span

__all__ = ["build_claims"]

_spanned = functools.partial(tuple.__new__, Span)


def build_claims(
    graph: MechanismGraph, names: Sequence[str], columns: LinkColumns, arrays: dict
) -> None:
    """Add to ``graph`` one claim per row of ``arrays`` (the rows of ``columns`` compiled),
    numbered in claim order; ``names`` are every entity name, sorted."""
    rank = {name: i for i, name in enumerate(names)}
    name_rank = np.fromiter((rank.get(n, -1) for n in columns.names), np.int64, len(columns.names))
    contexts = [tuple(sorted(pairs)) for pairs in columns.contexts]
    citations, files = list(columns.citations), list(columns.files)
    order = claim_order(arrays, name_rank, contexts, citations, files)
    by_number, attribute_sets = list(columns.names), list(columns.attribute_sets)
    column = {key: values[order].tolist() for key, values in arrays.items()}
    rows = (
        (
            by_number[s],
            RELATIONS[r],
            by_number[o],
            contexts[c],
            citations[e],
            STATUSES[t],
            _spanned((files[f], line, col)),
            attribute_sets[a],
        )
        for s, r, o, c, e, t, f, line, col, a in zip(
            *(
                column[key]
                for key in (
                    "subject",
                    "relation",
                    "object",
                    "context",
                    "evidence",
                    "status",
                    "file",
                    "line",
                    "col",
                    "attributes",
                )
            )
        )
    )
    graph.add_claims(Claim.numbered(rows))
