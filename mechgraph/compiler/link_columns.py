"""Links as columns of numbers: what the compiler keeps of a link once it is parsed.

A parsed :class:`~mechgraph.language.syntax.Link` costs about a kilobyte
(its names, references, context pairs and their places are objects of
their own); a million of them do not fit beside the graph they compile to.
:class:`LinkColumns` keeps each link as a row of small numbers instead:
subject and object as numbers of interned names, relation and status as
codes, context, citation and attribute set as numbers of interned tuples,
and its place as file number, line and column — about forty bytes a link.

>>> from mechgraph.language.parser import parse_text
>>> columns = LinkColumns()
>>> columns.add(parse_text("a -> b [x=1] @s\\nb -| a @s\\n", file="f.mg").statements)
>>> len(columns), list(columns.names), list(columns.citations)
(2, ['a', 'b'], [(), ('s',)])
>>> arrays = columns.arrays()
>>> arrays["subject"].tolist(), arrays["relation"].tolist(), arrays["line"].tolist()
([0, 1], [0, 1], [1, 2])
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence

import numpy as np

from mechgraph.compiler.links import PAIR, REFERENCE
from mechgraph.graph.claims import RELATIONS, STATUSES
from mechgraph.language.syntax import Link

__all__ = ["LinkColumns", "claim_order"]

#: A relation's or status's code is its position in ``RELATIONS`` or ``STATUSES``.
_RELATION_CODE = {r: i for i, r in enumerate(RELATIONS)}
_STATUS_CODE = {s: i for i, s in enumerate(STATUSES)}

#: Each column and its type code (``array``'s and numpy's).
_COLUMNS = {
    "subject": "i",
    "object": "i",
    "relation": "b",
    "status": "b",
    "context": "i",
    "evidence": "i",
    "attributes": "i",
    "file": "i",
    "line": "i",
    "col": "i",
}


def _table() -> dict[tuple, int]:
    return {(): 0}


class LinkColumns:
    """Links in the order added, as columns; names and tuples interned in first-seen order.

    ``contexts`` holds context pairs as written (in the link's order; the
    claim's are sorted by key), ``citations`` the references, ``attribute_sets``
    the ``key=value`` attributes; number 0 of each is the empty tuple.
    """

    def __init__(self) -> None:
        self.names: dict[str, int] = {}
        self.contexts = _table()
        self.citations = _table()
        self.attribute_sets = _table()
        self.files: dict[str, int] = {}
        self.columns = {name: array(code) for name, code in _COLUMNS.items()}

    def __len__(self) -> int:
        return len(self.columns["line"])

    def add(self, statements: Iterable) -> None:
        """Add the links among ``statements`` (other statements are passed over)."""
        names, contexts, citations = self.names, self.contexts, self.citations
        attribute_sets, files = self.attribute_sets, self.files
        columns = self.columns
        subjects, objects = columns["subject"].append, columns["object"].append
        relations, statuses = columns["relation"].append, columns["status"].append
        context_of, evidence_of = columns["context"].append, columns["evidence"].append
        attributes_of, file_of = columns["attributes"].append, columns["file"].append
        lines, cols = columns["line"].append, columns["col"].append
        for link in statements:
            if type(link) is not Link:
                continue
            name = link.subject.name
            number = names.get(name)
            subjects(names.setdefault(name, len(names)) if number is None else number)
            name = link.object.name
            number = names.get(name)
            objects(names.setdefault(name, len(names)) if number is None else number)
            relations(_RELATION_CODE[link.relation])
            statuses(_STATUS_CODE[link.status])
            key = tuple(map(PAIR, link.context)) if link.context else ()
            context_of(contexts.setdefault(key, len(contexts)))
            key = tuple(map(REFERENCE, link.evidence)) if link.evidence else ()
            evidence_of(citations.setdefault(key, len(citations)))
            key = tuple(map(PAIR, link.attributes)) if link.attributes else ()
            attributes_of(attribute_sets.setdefault(key, len(attribute_sets)))
            file, line, col = link.span
            file_of(files.setdefault(file, len(files)))
            lines(line)
            cols(col)

    def arrays(self, positions: np.ndarray | None = None) -> dict[str, np.ndarray]:
        """The columns as numpy arrays: all rows (sharing this table's memory), or
        the rows at ``positions``, in that order."""
        found = {
            name: np.frombuffer(column, column.typecode) for name, column in self.columns.items()
        }
        if positions is None:
            return found
        return {name: column[positions] for name, column in found.items()}


def _ranks(values: Sequence) -> np.ndarray:
    """Each value's rank among ``values`` sorted (equal values share one)."""
    distinct = sorted(set(values))
    position = {value: i for i, value in enumerate(distinct)}
    return np.fromiter((position[v] for v in values), np.int64, len(values))


def claim_order(
    arrays: dict[str, np.ndarray],
    name_rank: np.ndarray,
    contexts: Sequence[tuple],
    citations: Sequence[tuple],
    files: Sequence[str],
) -> np.ndarray:
    """The rows of ``arrays`` in claim order: by subject and object name, relation,
    context (sorted by key), evidence, status, then place; rows equal in all of
    these keep their order.

    ``name_rank`` gives each name number its rank among the names sorted;
    ``contexts`` (sorted pairs), ``citations`` and ``files`` are the tuples and
    paths the numbers stand for.  The order is that of
    :func:`~mechgraph.compiler.links.row_order` within one subject and object.

    >>> arrays = {"subject": np.array([1, 0, 0]), "object": np.array([0, 1, 1]),
    ...           "relation": np.array([0, 1, 0]), "context": np.zeros(3, int),
    ...           "evidence": np.zeros(3, int), "status": np.zeros(3, int),
    ...           "file": np.zeros(3, int), "line": np.array([1, 2, 3]), "col": np.ones(3, int)}
    >>> claim_order(arrays, np.array([1, 0]), [()], [()], ["a.mg"]).tolist()
    [0, 2, 1]
    """
    relation_rank = _ranks([r.value for r in RELATIONS])
    status_rank = _ranks([s.value for s in STATUSES])
    keys = (
        arrays["col"],
        arrays["line"],
        _ranks(files)[arrays["file"]],
        status_rank[arrays["status"]],
        _ranks(citations)[arrays["evidence"]],
        _ranks(contexts)[arrays["context"]],
        relation_rank[arrays["relation"]],
        name_rank[arrays["object"]],
        name_rank[arrays["subject"]],
    )
    return np.lexsort(keys)
