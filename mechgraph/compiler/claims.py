"""The compiled claims: a :class:`ClaimTable` made from the link columns, in claim order.

No :class:`~mechgraph.graph.claims.Claim` object is made: the columns are put
in claim order, names renumbered to their rank among the graph's sorted
names, and contexts to their sorted form.

>>> from mechgraph.compiler.link_columns import LinkColumns
>>> from mechgraph.language.parser import parse_text
>>> columns = LinkColumns()
>>> columns.add(parse_text("b -> a\\na -| b [y=2, x=1]\\n", file="f.mg").statements)
>>> table = claim_table(["a", "b"], columns, columns.arrays())
>>> [(c.id, c.subject, c.context, str(c.span)) for c in table]
[(0, 'a', (('x', '1'), ('y', '2')), 'f.mg:2:1'), (1, 'b', (), 'f.mg:1:1')]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from mechgraph.compiler.link_columns import LinkColumns, claim_order
from mechgraph.graph.claims import ClaimTable

__all__ = ["claim_table"]


def claim_table(names: Sequence[str], columns: LinkColumns, arrays: dict) -> ClaimTable:
    """The claims of the rows of ``arrays`` (rows of ``columns``), numbered in claim order;
    ``names`` are every entity name, sorted (the table's names)."""
    rank = {name: i for i, name in enumerate(names)}
    name_rank = np.fromiter((rank.get(n, -1) for n in columns.names), np.int32, len(columns.names))
    written = [tuple(sorted(pairs)) for pairs in columns.contexts]
    distinct: dict[tuple, int] = {}
    context = np.fromiter(
        (distinct.setdefault(pairs, len(distinct)) for pairs in written), np.int32, len(written)
    )
    citations, files = tuple(columns.citations), tuple(columns.files)
    order = claim_order(arrays, name_rank, written, citations, files)
    return ClaimTable.from_columns(
        names=names,
        subject=name_rank[arrays["subject"][order]],
        object=name_rank[arrays["object"][order]],
        relation=arrays["relation"][order],
        status=arrays["status"][order],
        context=context[arrays["context"][order]],
        contexts=tuple(distinct),
        evidence=arrays["evidence"][order],
        citations=citations,
        attributes=arrays["attributes"][order],
        attribute_sets=tuple(columns.attribute_sets),
        file=arrays["file"][order],
        files=files,
        line=arrays["line"][order],
        col=arrays["col"][order],
    )
