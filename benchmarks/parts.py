"""Big corpora as a folder of rule files, each well under mechgraph's 64 MiB file limit.

mechgraph refuses a rule file over 64 MiB (``mechgraph.language.text``), and
literature-scale rules come as many files anyway, so a corpus of more than
:data:`SHARD_ABOVE` links is written as a folder of parts
(``part-0000.mg``, ``part-0001.mg``, ...): the same text, cut after a blank
line once a part holds :data:`PART_CHARS` characters (the declarations and the
memberships of a 10M corpus, 18 and 41 MB without a blank line, stay whole), so the
parts put end to end are
byte for byte the corpus a single file would hold, and loading the folder
gives the same model.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp()) / "c"
>>> folder.mkdir()
>>> sink = Parts(folder, part_chars=3)
>>> for line in ("a\\n", "b\\n", "\\n", "c\\n", "\\n", "d\\n"):
...     _ = sink.write(line)
>>> sink.close()
>>> [p.name for p in corpus_files(folder)], first_line(folder)
(['part-0000.mg', 'part-0001.mg', 'part-0002.mg'], 'a')
>>> "".join(p.read_text() for p in corpus_files(folder))
'a\\nb\\n\\nc\\n\\nd\\n'
"""

from __future__ import annotations

import io
from pathlib import Path

__all__ = ["SHARD_ABOVE", "PART_CHARS", "Parts", "corpus_files", "first_line", "is_sharded"]

#: Corpora of more links than this are written as a folder of parts.
SHARD_ABOVE = 1_000_000
#: Characters per part before it is cut at the next blank line (16 MiB; ASCII text).
PART_CHARS = 16 << 20


def is_sharded(links: int) -> bool:
    """Whether a corpus of ``links`` links is a folder of parts.

    >>> is_sharded(1_000_000), is_sharded(10_000_000)
    (False, True)
    """
    return links > SHARD_ABOVE


class Parts(io.TextIOBase):
    """A text sink writing one line per ``write`` into numbered part files in ``folder``."""

    def __init__(self, folder: Path, part_chars: int = PART_CHARS) -> None:
        self.folder, self.part_chars = folder, part_chars
        self.count = self.chars = 0
        self.current = self._open()

    def _open(self) -> io.TextIOWrapper:
        path = self.folder / f"part-{self.count:04d}.mg"
        self.count += 1
        return open(path, "w", encoding="utf-8", buffering=1 << 20)

    def write(self, line: str) -> int:
        self.current.write(line)
        self.chars += len(line)
        if self.chars >= self.part_chars and line == "\n":
            self.current.close()
            self.current, self.chars = self._open(), 0
        return len(line)

    def close(self) -> None:
        if not self.current.closed:
            self.current.close()
        super().close()


def corpus_files(corpus: Path) -> list[Path]:
    """The rule files of a corpus, in order: the file itself, or the parts of a folder."""
    return sorted(corpus.glob("part-*.mg")) if corpus.is_dir() else [corpus]


def first_line(corpus: Path) -> str | None:
    """The corpus's first line (its header), or ``None`` when it cannot be read."""
    try:
        with open(corpus_files(corpus)[0], encoding="utf-8") as text:
            return text.readline().rstrip("\n")
    except (OSError, IndexError):
        return None
