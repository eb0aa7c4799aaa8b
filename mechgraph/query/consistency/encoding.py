"""Answer-set encodings of sign consistency (our own, written from ``OBSERVATIONS.md``).

:func:`facts` writes a network and an experiment as ASP facts over integer
node and observation numbers; :func:`program` the rules of one mode:

* ``measure="mcos"``: observations hard, repairs (a new increasing or
  decreasing influence on a species that is no input) minimised;
* ``measure="scenfit"``: no repairs, observations of non-inputs soft with
  Iggy's costs (1 for a missed change or a change where none was seen, 2
  for the opposite sign), minimised;
* ``measure="check"``: no repairs, each observation hard only while its
  external atom ``act(I)`` is true (the consistency oracle of the cores);
* ``measure="consistent"``: no repairs, every observation hard: its models
  are the solutions of both measures when they are 0.

Constraints (one state per node): C0 levels, C1 explanation by a predecessor,
C2 foundedness (``founded=False`` drops it), C3 forward propagation
(``propagation=False`` drops it).  Labels are 1, -1, 0; an edge of sign 0 has an unknown sign that each
labelling chooses.

>>> print(facts(SignedNetwork.of([("a", "b", -1)]), ExperimentData.of(["a"], [("b", "-")]))[1])
node(0..1).
edge(0,1,-1).
input(0).
obs(0,1,m).
"""

from __future__ import annotations

from dataclasses import dataclass

from mechgraph.graph.signed import ExperimentData, Level, SignedNetwork, Value

__all__ = ["facts", "program", "Constraints", "DEFAULT", "OBS_CODE", "MEASURES"]

MEASURES = ("mcos", "scenfit", "check", "consistent")


@dataclass(frozen=True)
class Constraints:
    """Which optional constraints hold: C2 foundedness and C3 forward propagation."""

    founded: bool = True
    propagation: bool = True


#: Iggy's default mode: C2 and C3 on.
DEFAULT = Constraints()


OBS_CODE = {
    Value.PLUS: "p",
    Value.MINUS: "m",
    Value.ZERO: "z",
    Value.NOT_PLUS: "np",
    Value.NOT_MINUS: "nm",
    Value.CHANGE: "ch",
}

_CORE = """
1 { lab(V,1) ; lab(V,-1) ; lab(V,0) } 1 :- node(V).
sedge(U,V,S) :- edge(U,V,S), S != 0.
1 { sedge(U,V,1) ; sedge(U,V,-1) } 1 :- edge(U,V,0).
:- lmin(V), lab(V,-1).
:- lmax(V), lab(V,1).
inf(V,S*T) :- sedge(U,V,S), lab(U,T), T != 0.
:- lab(V,S), S != 0, not input(V), not inf(V,S).
"""
_REPAIRS = """
{ rep(V,1) ; rep(V,-1) } 1 :- node(V), not input(V), not andn(V).
inf(V,S) :- rep(V,S).
"""
_FOUNDED = """
fnd(V,1) :- input(V).
fnd(V,-1) :- input(V).
fnd(V,X*S) :- fnd(U,X), sedge(U,V,S).
:- lab(V,S), S != 0, not fnd(V,S).
"""
_FOUNDED_REPAIRS = "fnd(V,X) :- rep(V,X), lab(V,X).\n"
_PROPAGATION = """
zin(V) :- edge(U,V,_), lab(U,0).
:- lab(V,0), not input(V), not andn(V), inf(V,1), not inf(V,-1), not lmax(V).
:- lab(V,0), not input(V), not andn(V), inf(V,-1), not inf(V,1), not lmin(V).
:- lab(V,0), not input(V), andn(V), inf(V,1), not inf(V,-1), not zin(V), not lmax(V).
:- lab(V,0), not input(V), andn(V), inf(V,-1), not inf(V,1), not zin(V), not lmin(V).
"""
_HARD = """
:- obs(I,V,p), act(I), not lab(V,1).
:- obs(I,V,m), act(I), not lab(V,-1).
:- obs(I,V,z), act(I), not lab(V,0).
:- obs(I,V,np), act(I), lab(V,1).
:- obs(I,V,nm), act(I), lab(V,-1).
:- obs(I,V,ch), act(I), lab(V,0).
"""
_SCENFIT = """
act(I) :- obs(I,V,_), input(V).
cost(I,1) :- obs(I,V,p), not input(V), lab(V,0).
cost(I,2) :- obs(I,V,p), not input(V), lab(V,-1).
cost(I,1) :- obs(I,V,m), not input(V), lab(V,0).
cost(I,2) :- obs(I,V,m), not input(V), lab(V,1).
cost(I,1) :- obs(I,V,z), not input(V), lab(V,S), S != 0.
cost(I,2) :- obs(I,V,np), not input(V), lab(V,1).
cost(I,2) :- obs(I,V,nm), not input(V), lab(V,-1).
cost(I,1) :- obs(I,V,ch), not input(V), lab(V,0).
"""
#: Per species (not AND nodes): the label and the three two-label sets, for predictions.
_PREDICTIONS = """
pred(V,S) :- lab(V,S), node(V), not andn(V).
pred(V,np) :- pred(V,-1). pred(V,np) :- pred(V,0).
pred(V,nm) :- pred(V,1). pred(V,nm) :- pred(V,0).
pred(V,ch) :- pred(V,1). pred(V,ch) :- pred(V,-1).
"""
#: The observations a labelling satisfies (to grow a consistent subset in one step).
_SATISFIED = """
sat(I) :- obs(I,V,p), lab(V,1).
sat(I) :- obs(I,V,m), lab(V,-1).
sat(I) :- obs(I,V,z), lab(V,0).
sat(I) :- obs(I,V,np), not lab(V,1).
sat(I) :- obs(I,V,nm), not lab(V,-1).
sat(I) :- obs(I,V,ch), not lab(V,0).
"""


def facts(network: SignedNetwork, experiment: ExperimentData) -> tuple[list[str], str]:
    """The node names by number and the facts of ``network`` with ``experiment``.

    Nodes the experiment names but the network lacks become isolated nodes.
    """
    network = network.with_nodes(sorted(experiment.nodes))
    names = list(network.nodes)
    number = {name: i for i, name in enumerate(names)}
    lines = [f"node(0..{len(names) - 1})."] if names else []
    lines += [f"andn({number[n]})." for n in sorted(network.and_nodes)]
    lines += [f"edge({number[u]},{number[v]},{s})." for u, v, s in network.edges]
    lines += [f"input({number[n]})." for n in sorted(experiment.inputs)]
    for name, level in experiment.levels:
        lines.append(f"{'lmin' if level is Level.MIN else 'lmax'}({number[name]}).")
    for i, o in enumerate(experiment.observations):
        lines.append(f"obs({i},{number[o.node]},{OBS_CODE[o.value]}).")
    return names, "\n".join(lines)


def program(measure: str, constraints: Constraints | None = None) -> str:
    """The rules of ``measure`` (one of :data:`MEASURES`) with the chosen constraints.

    >>> "#minimize" in program("mcos"), "rep(" in program("scenfit")
    (True, False)
    """
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}")
    parts = [_CORE, _PREDICTIONS]
    repairs = measure == "mcos"
    if repairs:
        parts.append(_REPAIRS)
    constraints = constraints or DEFAULT
    if constraints.founded:
        parts.append(_FOUNDED)
        if repairs:
            parts.append(_FOUNDED_REPAIRS)
    if constraints.propagation:
        parts.append(_PROPAGATION)
    parts.append(_HARD)
    if measure == "mcos":
        parts.append("act(I) :- obs(I,_,_).\n#minimize { 1,V : rep(V,_) }.\n")
    elif measure == "scenfit":
        parts.append(_SCENFIT + "#minimize { C,I : cost(I,C) }.\n")
    elif measure == "consistent":
        parts.append("act(I) :- obs(I,_,_).\n")
    else:
        parts.append("#external act(I) : obs(I,_,_). [free]\n" + _SATISFIED)
    return "".join(parts)
