"""Tuples of strings kept flat in two arrays: the evidence of a million claims without a
million tuples.

>>> Ragged.of([("pmid:1", "x"), ()]).items.tolist()
[0, 1]
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Sequence
from typing import Any, overload

import numpy as np

__all__ = ["Ragged"]


class Ragged(Sequence[tuple[str, ...]]):
    """Tuples of strings kept flat (a claim table's ``citations`` read back from the
    cache): tuple ``i`` is the strings at ``items[start[i]:start[i + 1]]``, made when read.

    >>> table = Ragged.of([("pmid:1", "x"), (), ("x",)])
    >>> table[0], table[1], len(table), table == (("pmid:1", "x"), (), ("x",))
    (('pmid:1', 'x'), (), 3, True)
    """

    __slots__ = ("strings", "start", "items")

    def __init__(self, strings: Sequence[str], start: np.ndarray, items: np.ndarray) -> None:
        if len(start) < 1 or start[0] != 0 or start[-1] != len(items):
            raise ValueError("ragged offsets do not cover the items")
        self.strings, self.start, self.items = strings, start, items

    @classmethod
    def of(cls, tuples: Iterable[tuple[str, ...]]) -> Ragged:
        tuples = list(tuples)
        numbers: dict[str, int] = {}
        items = np.fromiter(
            (numbers.setdefault(s, len(numbers)) for t in tuples for s in t), np.int32
        )
        start = np.zeros(len(tuples) + 1, np.int64)
        np.cumsum([len(t) for t in tuples], out=start[1:])
        return cls(tuple(numbers), start, items)

    def __len__(self) -> int:
        return len(self.start) - 1

    @overload
    def __getitem__(self, i: int) -> tuple[str, ...]: ...
    @overload
    def __getitem__(self, i: slice) -> list[tuple[str, ...]]: ...
    def __getitem__(self, i: int | slice) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        i = int(i)
        if not -len(self) <= i < len(self):
            raise IndexError(i)
        i %= len(self)
        strings = self.strings
        return tuple(strings[j] for j in self.items[self.start[i] : self.start[i + 1]].tolist())

    def __eq__(self, other: builtins.object) -> bool:
        if not isinstance(other, (Ragged, tuple, list)):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other))

    __hash__ = None  # type: ignore[assignment]
