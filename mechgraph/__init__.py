"""mechgraph: mechanism-graph reasoning for pharmacology and neuroscience.

Rule text is parsed (:mod:`mechgraph.language`), compiled into a
:class:`MechanismGraph` (:mod:`mechgraph.compiler`, :mod:`mechgraph.graph`),
questioned (:mod:`mechgraph.query`, giving :mod:`mechgraph.results`) and drawn
(:mod:`mechgraph.render`) or exported (:mod:`mechgraph.formats`);
ARCHITECTURE.md tells the stages apart.

The names below are loaded on first use (PEP 562), so ``import mechgraph``
costs nothing until one is touched:

>>> import mechgraph
>>> model = mechgraph.Model.from_text("drug a\\nprocess b\\na -> b")
>>> model.ask("a", "b").holds
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from mechgraph.version import __version__

if TYPE_CHECKING:
    from mechgraph.compiler.compile import compile_rules
    from mechgraph.errors import Diagnostic, MechgraphError
    from mechgraph.graph.mechanism import MechanismGraph
    from mechgraph.model import Model, load

__all__ = [
    "Diagnostic",
    "MechgraphError",
    "MechanismGraph",
    "Model",
    "__version__",
    "compile_rules",
    "load",
]

#: Each public name and the module that defines it.
_HOME = {
    "Diagnostic": "mechgraph.errors",
    "MechgraphError": "mechgraph.errors",
    "MechanismGraph": "mechgraph.graph.mechanism",
    "Model": "mechgraph.model",
    "compile_rules": "mechgraph.compiler.compile",
    "load": "mechgraph.model",
}


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module 'mechgraph' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOME[name]), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
