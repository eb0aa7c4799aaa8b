"""The contexts a route may hold under, numbered, and their merges, computed on the driver.

A route's context is the merge of its claims' contexts (see
:func:`mechgraph.graph.admission.merge`); the Spark search carries it as an
integer in each product state.  :class:`Contexts` numbers the contexts
claims state (the ids of the index's ``contexts``, so of the ``contexts``
Parquet table) and every merge met so far, and merges pairs of ids on
request: the search asks only for the pairs its frontier meets, so the merge
table stays as small as the contexts routes really combine, and no Python
runs on Spark's executors.

>>> c = Contexts([(), (("duration", "acute"),), (("duration", "chronic"),)], {})
>>> c.empty, c.merge(0, 2), c.merge(1, 2)
(0, 2, -1)
>>> c.admitted({"duration": "acute"})
[0, 1]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from mechgraph.graph.admission import Context, ValueHierarchy, admits, merge

__all__ = ["CLASH", "Contexts"]

#: The merge of two contexts that contradict each other.
CLASH = -1


class Contexts:
    """Contexts by id: those claims state first (in the order given), then merges."""

    def __init__(self, stated: Sequence[Context], values: ValueHierarchy):
        self.values = values
        self.known: list[Context] = list(stated)
        self.stated = len(self.known)
        self.ids: dict[Context, int] = {c: i for i, c in enumerate(self.known)}
        self.empty = self._id(())
        self.merged: dict[tuple[int, int], int] = {}

    def _id(self, context: Context) -> int:
        found = self.ids.get(context)
        if found is None:
            found = self.ids[context] = len(self.known)
            self.known.append(context)
        return found

    def __getitem__(self, id_: int) -> Context:
        return self.known[id_]

    def merge(self, route: int, claim: int) -> int:
        """The id of route context ``route`` merged with claim context ``claim`` (``CLASH``
        when they contradict)."""
        key = (route, claim)
        found = self.merged.get(key)
        if found is None:
            joined = merge(self.known[route], self.known[claim], values=self.values)
            found = self.merged[key] = CLASH if joined is None else self._id(joined)
        return found

    def merge_all(self, pairs: Iterable[tuple[int, int]]) -> list[tuple[int, int, int]]:
        """``(route, claim, merged)`` for each pair (see :meth:`merge`)."""
        return [(a, b, self.merge(a, b)) for a, b in pairs]

    def admitted(self, where: Mapping[str, str]) -> list[int]:
        """The ids of the stated contexts a question's context ``where`` admits."""
        return [i for i in range(self.stated) if admits(where, self.known[i], self.values)]
