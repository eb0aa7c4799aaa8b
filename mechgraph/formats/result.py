"""What an import gives back: the rule file, a summary, the diagnostics.

>>> print(ImportSummary(2, 1, 0, 0, 0, 0, (("nested statement", 3),)).format())
imported 2 entities, 1 link, 0 isa, 0 hypotheses
merged 0 entities, 0 links
skipped 3 statements
  3  nested statement
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mechgraph.errors import Diagnostic
from mechgraph.language.syntax import RuleFile

__all__ = ["ImportResult", "ImportSummary"]


@dataclass(frozen=True)
class ImportSummary:
    """What an import produced: counts, and the skipped statements by reason."""

    entities: int
    links: int
    merged_entities: int
    merged_links: int
    isa: int
    hypotheses: int
    skipped: tuple[tuple[str, int], ...] = ()

    @property
    def skipped_total(self) -> int:
        return sum(count for _, count in self.skipped)

    def to_dict(self) -> dict[str, Any]:
        return {
            "entities": self.entities,
            "links": self.links,
            "merged_entities": self.merged_entities,
            "merged_links": self.merged_links,
            "isa": self.isa,
            "hypotheses": self.hypotheses,
            "skipped": dict(self.skipped),
            "skipped_total": self.skipped_total,
        }

    def format(self) -> str:
        """One line per fact, for people."""
        lines = [
            (
                f"imported {_count(self.entities, 'entity', 'entities')}, "
                f"{_count(self.links, 'link', 'links')}, {self.isa} isa, "
                f"{_count(self.hypotheses, 'hypothesis', 'hypotheses')}"
            ),
            (
                f"merged {_count(self.merged_entities, 'entity', 'entities')}, "
                f"{_count(self.merged_links, 'link', 'links')}"
            ),
            f"skipped {_count(self.skipped_total, 'statement', 'statements')}",
        ]
        lines.extend(f"  {count}  {reason}" for reason, count in self.skipped)
        return "\n".join(lines)


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


@dataclass(frozen=True)
class ImportResult:
    """An imported rule file with its summary and the diagnostics met on the way."""

    rule_file: RuleFile
    summary: ImportSummary
    diagnostics: tuple[Diagnostic, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.rule_file.path,
            "summary": self.summary.to_dict(),
            "diagnostics": [d.to_dict() for d in self.diagnostics],
        }
