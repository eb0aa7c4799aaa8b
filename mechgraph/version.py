"""The version of mechgraph (read by the packaging metadata and the compiled cache's key).

>>> __version__.count(".") >= 2
True
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
