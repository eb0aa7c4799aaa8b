"""mechgraph: mechanism-graph reasoning for pharmacology and neuroscience.

Text rules are parsed into an AST (``syntax``), compiled into a
``MechanismGraph`` (``graph``), queried (``paths``, ``hypotheses``) and
presented as text, JSON or graphviz diagrams (``render``).
"""

from mechgraph.compiler.compile import compile_rules
from mechgraph.errors import Diagnostic, MechgraphError
from mechgraph.graph.mechanism import MechanismGraph
from mechgraph.model import Model, load

__all__ = ["Diagnostic", "MechgraphError", "MechanismGraph", "Model", "compile_rules", "load"]
__version__ = "0.1.0"
