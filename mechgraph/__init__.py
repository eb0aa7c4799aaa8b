"""mechgraph: mechanism-graph reasoning for pharmacology and neuroscience.

Text rules are parsed into an AST (``syntax``), compiled into a
``MechanismGraph`` (``graph``), queried (``paths``, ``hypotheses``) and
presented as text, JSON or graphviz diagrams (``render``).
"""

from .compiler import compile_rules
from .errors import Diagnostic, MechgraphError
from .graph import MechanismGraph
from .model import Model, load

__all__ = ["Diagnostic", "MechgraphError", "MechanismGraph", "Model", "compile_rules", "load"]
__version__ = "0.1.0"
