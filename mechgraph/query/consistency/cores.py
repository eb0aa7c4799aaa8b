"""Minimal inconsistent cores: the subset-minimal sets of observations that clash.

Consistency is monotone in the observations (dropping one only relaxes the
constraints), so the inconsistent subsets of an experiment's observations
form an up-set, and its minimal members are the *cores*.  They are found by
the MARCO enumeration (Liffiton et al.): a map solver proposes a subset not
yet explained; the consistency oracle (one grounded program, observations
switched on and off by assumptions) either grows it to a maximal consistent
subset, whose complement must then be hit, or shrinks it to a core, whose
supersets are then blocked.  Every core is found, each once; with a time
limit the enumeration stops with the cores found so far and says so.

Inputs, MIN/MAX levels and links are the experiment's design, not part of a
core: a core is a set of observation statements (by number).

>>> from mechgraph.graph.signed import ExperimentData, SignedNetwork
>>> net = SignedNetwork.of([("a", "b", 1), ("a", "c", 1)])
>>> exp = ExperimentData.of(["a"], [("a", "+"), ("b", "-"), ("c", "-"), ("c", "0")])
>>> found = cores(net, exp, Budget(10))  # a+ forces b+ and c+; b- needs a-, which forces c-
>>> sorted(map(sorted, found.cores)), found.complete
([[0, 1], [0, 2], [0, 3], [1, 3], [2, 3]], True)
"""

from __future__ import annotations

from dataclasses import dataclass

from mechgraph.graph.signed import ExperimentData, SignedNetwork
from mechgraph.query.consistency.encoding import DEFAULT, Constraints, facts, program
from mechgraph.query.consistency.solver import Budget, Undecided, control, solve

__all__ = ["Cores", "cores", "MAX_CORES"]

#: Cores listed per experiment before the enumeration stops (and says so).
MAX_CORES = 50


@dataclass(frozen=True)
class Cores:
    """The cores found (observation numbers) and whether the list is complete;
    ``stopped`` says why not (time limit, or :data:`MAX_CORES` reached)."""

    cores: tuple[frozenset[int], ...]
    complete: bool = True
    stopped: str | None = None


class _Oracle:
    """Is a subset of the observations consistent? One grounded program, assumptions."""

    def __init__(self, network, experiment, budget, constraints) -> None:
        import clingo

        _, text = facts(network, experiment)
        rules = program("check", constraints)
        self.ctl = control(budget, text + "\n" + rules + "\n#show sat/1.", ["1"])
        self.budget, self.n = budget, len(experiment.observations)
        atoms = self.ctl.symbolic_atoms
        self.literal = [
            atoms[clingo.Function("act", [clingo.Number(i)])].literal for i in range(self.n)
        ]
        self.number = {lit: i for i, lit in enumerate(self.literal)}

    def check(self, subset: frozenset[int]) -> tuple[bool, frozenset[int]]:
        """``(True, satisfied observations)`` or ``(False, a core of the failed ones)``."""
        assumptions = [lit if i in subset else -lit for i, lit in enumerate(self.literal)]
        satisfied: set[int] = set()
        failed: set[int] = set()

        def on_model(model) -> None:
            satisfied.update(s.arguments[0].number for s in model.symbols(shown=True))

        def on_core(literals) -> None:
            failed.update(self.number[lit] for lit in literals if lit in self.number)

        solved = solve(
            self.ctl,
            self.budget,
            on_model=on_model,
            on_core=on_core,
            assumptions=assumptions,
            step="cores",
        )
        if solved.satisfiable:
            return True, frozenset(satisfied)
        return False, frozenset(failed & subset) or subset

    def shrink(self, subset: frozenset[int]) -> frozenset[int]:
        """A core inside the inconsistent ``subset`` (deletion-based)."""
        core = set(subset)
        for i in sorted(subset):
            if i not in core:
                continue
            ok, smaller = self.check(frozenset(core - {i}))
            if not ok:
                core = set(smaller)
        return frozenset(core)


class _Map:
    """The subsets not yet explained: clauses over ``s(I)``, added as they are learnt."""

    def __init__(self, n: int, budget: Budget) -> None:
        rules = f"{{ s(0..{n - 1}) }}.\n#heuristic s(I) : I = 0..{n - 1}. [1,true]\n#show s/1."
        self.ctl = control(budget, rules, ["--heuristic=Domain", "1"])
        self.budget, self.parts = budget, 0

    def seed(self) -> frozenset[int] | None:
        found: list[frozenset[int]] = []
        solved = solve(
            self.ctl,
            self.budget,
            step="cores",
            on_model=lambda m: found.append(
                frozenset(s.arguments[0].number for s in m.symbols(shown=True))
            ),
        )
        return found[0] if solved.satisfiable else None

    def add(self, body: str) -> None:
        name = f"b{self.parts}"
        self.parts += 1
        self.ctl.add(name, [], f":- {body}.")
        self.ctl.ground([(name, [])])


def cores(
    network: SignedNetwork,
    experiment: ExperimentData,
    budget: Budget,
    constraints: Constraints = DEFAULT,
    max_cores: int = MAX_CORES,
) -> Cores:
    """Every minimal inconsistent set of ``experiment``'s observations (by number)."""
    n = len(experiment.observations)
    if n == 0:
        return Cores(())
    found: list[frozenset[int]] = []
    try:
        oracle = _Oracle(network, experiment, budget, constraints)
        space = _Map(n, budget)
        while (seed := space.seed()) is not None:
            ok, detail = oracle.check(seed)
            if ok:
                grown = set(detail | seed)
                for i in range(n):
                    if i not in grown and oracle.check(frozenset(grown | {i}))[0]:
                        grown.add(i)
                outside = [i for i in range(n) if i not in grown]
                if not outside:
                    break
                space.add(", ".join(f"not s({i})" for i in outside))
            else:
                core = oracle.shrink(detail)
                found.append(core)
                space.add(", ".join(f"s({i})" for i in sorted(core)))
                if len(found) == max_cores:
                    more = space.seed() is not None
                    if more:
                        return Cores(tuple(found), False, f"stopped after {max_cores} cores")
                    break
    except Undecided as undecided:
        return Cores(tuple(found), False, str(undecided))
    return Cores(tuple(sorted(found, key=sorted)))
