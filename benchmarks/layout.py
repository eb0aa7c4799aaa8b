"""The shape of a synthetic corpus: zones of node ids, their kinds and names.

Node ids ``0 .. upstream-1`` form zone U (the first ``members`` of them are
the drugs and treatments of the big class); then the common pathway X;
then zone D, ending with the target T; then the noise zone N.

>>> lay = Layout.of(CorpusSpec(links=10_000))
>>> [lay.zone(n) for n in (0, lay.pathway, lay.target, lay.entities - 1)]
['U', 'D', 'D', 'N']
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CLASS", "PATHWAY", "TARGET", "CorpusSpec", "Layout"]

#: The big class, its common pathway and its target.
CLASS = "antidepressant"
PATHWAY = "NMDA_adaptation"
TARGET = "antidepressant_effect"

_ZONE_KINDS = {
    "U": ("receptor", "protein", "gene", "process"),
    "D": ("process", "phenotype", "disease"),
    "N": ("anatomy", "entity", "gene", "protein", "drug"),
}


@dataclass(frozen=True)
class CorpusSpec:
    """What to generate: the number of link lines and the seed."""

    links: int
    seed: int = 0

    def __post_init__(self) -> None:
        if self.links < 300:
            raise ValueError(f"a corpus needs at least 300 links, not {self.links}")


@dataclass(frozen=True)
class Layout:
    """Node ids by zone, their kinds and names, derived from a spec.

    >>> lay = Layout.of(CorpusSpec(links=10_000))
    >>> lay.name(0), lay.name(lay.pathway), lay.name(lay.target), lay.members
    ('drug_0', 'NMDA_adaptation', 'antidepressant_effect', 125)
    """

    upstream: int
    downstream: int
    entities: int
    members: int

    @classmethod
    def of(cls, spec: CorpusSpec) -> Layout:
        entities = max(120, spec.links // 10)
        upstream = entities // 2
        return cls(upstream, entities * 3 // 10, entities, min(1000, upstream // 4))

    @property
    def pathway(self) -> int:
        return self.upstream

    @property
    def target(self) -> int:
        return self.upstream + self.downstream

    def zone(self, node: int) -> str:
        if node < self.upstream:
            return "U"
        return "D" if node <= self.target else "N"

    def zone_range(self, zone: str) -> range:
        """Ids of a zone, without the pathway and the target."""
        return {
            "U": range(0, self.upstream),
            "D": range(self.pathway + 1, self.target),
            "N": range(self.target + 1, self.entities),
        }[zone]

    def kind(self, node: int) -> str:
        if node < self.members:
            return "treatment" if node % 10 == 9 else "drug"
        if node == self.pathway:
            return "process"
        if node == self.target:
            return "phenotype"
        kinds = _ZONE_KINDS[self.zone(node)]
        return kinds[node % len(kinds)]

    def name(self, node: int) -> str:
        if node == self.pathway:
            return PATHWAY
        if node == self.target:
            return TARGET
        if node % 101 == 7:
            return f"{self.kind(node)} {node}-like"  # needs quotes: a space and a hyphen
        return f"{self.kind(node)}_{node}"
