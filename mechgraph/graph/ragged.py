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

__all__ = ["PairTable", "Ragged", "StringTable"]


def _position(i: int, length: int) -> int:
    """Index ``i`` of a sequence of ``length`` items, negative ones from the end."""
    i = int(i)
    if not -length <= i < length:
        raise IndexError(i)
    return i % length


class Ragged(Sequence[tuple[Any, ...]]):
    """Tuples kept flat (a claim table's ``citations`` or ``contexts`` read back from the
    cache): tuple ``i`` holds the ``strings`` (strings, or :class:`PairTable` pairs) at
    ``items[start[i]:start[i + 1]]``, made when first read and kept (a search reads the
    same few contexts again and again).

    >>> table = Ragged.of([("pmid:1", "x"), (), ("x",)])
    >>> table[0], table[1], len(table), table == (("pmid:1", "x"), (), ("x",))
    (('pmid:1', 'x'), (), 3, True)
    """

    __slots__ = ("strings", "start", "items", "_made")

    def __init__(self, strings: Sequence[Any], start: np.ndarray, items: np.ndarray) -> None:
        """``ValueError`` unless the offsets cover the items in order and every item is a
        string of ``strings``."""
        if len(start) < 1 or start[0] != 0 or start[-1] != len(items):
            raise ValueError("ragged offsets do not cover the items")
        if bool(np.any(np.diff(start) < 0)):
            raise ValueError("ragged offsets out of order")
        if len(items) and (int(items.min()) < 0 or int(items.max()) >= len(strings)):
            raise ValueError("ragged items outside the strings")
        self.strings, self.start, self.items = strings, start, items
        self._made: dict[int, tuple[Any, ...]] = {}

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
    def __getitem__(self, i: int) -> tuple[Any, ...]: ...
    @overload
    def __getitem__(self, i: slice) -> list[tuple[Any, ...]]: ...
    def __getitem__(self, i: int | slice) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        i = _position(i, len(self))
        made = self._made.get(i)
        if made is None:
            strings, span = self.strings, self.items[self.start[i] : self.start[i + 1]]
            made = self._made[i] = tuple(strings[j] for j in span.tolist())
        return made

    def __eq__(self, other: builtins.object) -> bool:
        if not isinstance(other, (Ragged, tuple, list)):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other))

    __hash__ = None  # type: ignore[assignment]


class StringTable(Sequence[str]):
    """Strings kept as one UTF-8 buffer and their bounds: string ``i`` is
    ``text[bounds[i]:bounds[i + 1]]``, decoded when read (so a table of a million
    strings read back from a file costs nothing until a few are used).

    >>> table = StringTable.of(["pmid:1", "ß", ""])
    >>> table[1], len(table), list(table)
    ('ß', 3, ['pmid:1', 'ß', ''])
    """

    __slots__ = ("text", "bounds")

    def __init__(self, text: np.ndarray, bounds: np.ndarray) -> None:
        """``ValueError`` unless ``text`` is UTF-8 and every bound starts a character."""
        if len(bounds) < 1 or bounds[0] != 0 or bounds[-1] != len(text):
            raise ValueError("string bounds do not cover the text")
        if bool(np.any(np.diff(bounds) < 0)):
            raise ValueError("string bounds out of order")
        text.tobytes().decode("utf-8")  # UnicodeDecodeError is a ValueError
        inner = bounds[(bounds > 0) & (bounds < len(text))]
        if bool(np.any((text[inner] & 0xC0) == 0x80)):
            raise ValueError("a string bound inside a character")
        self.text, self.bounds = text, bounds

    @classmethod
    def of(cls, strings: Iterable[str]) -> StringTable:
        encoded = [s.encode("utf-8") for s in strings]
        bounds = np.zeros(len(encoded) + 1, np.int64)
        np.cumsum([len(e) for e in encoded], out=bounds[1:])
        return cls(np.frombuffer(b"".join(encoded), np.uint8), bounds)

    def __len__(self) -> int:
        return len(self.bounds) - 1

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        i = _position(i, len(self))
        return self.text[self.bounds[i] : self.bounds[i + 1]].tobytes().decode("utf-8")


class PairTable(Sequence[tuple[str, str]]):
    """``(key, value)`` pairs kept as two :class:`StringTable` of one length.

    >>> pairs = PairTable(StringTable.of(["duration"]), StringTable.of(["chronic"]))
    >>> pairs[0], len(pairs)
    (('duration', 'chronic'), 1)
    """

    __slots__ = ("keys", "values")

    def __init__(self, keys: StringTable, values: StringTable) -> None:
        if len(keys) != len(values):
            raise ValueError("keys and values differ in number")
        self.keys, self.values = keys, values

    @classmethod
    def of(cls, pairs: Iterable[tuple[str, str]]) -> PairTable:
        pairs = list(pairs)
        return cls(StringTable.of(k for k, _ in pairs), StringTable.of(v for _, v in pairs))

    def __len__(self) -> int:
        return len(self.keys)

    @overload
    def __getitem__(self, i: int) -> tuple[str, str]: ...
    @overload
    def __getitem__(self, i: slice) -> list[tuple[str, str]]: ...
    def __getitem__(self, i: int | slice) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        return (self.keys[i], self.values[i])
