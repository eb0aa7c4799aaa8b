"""Sign consistency of a mechanism with experiments (``OBSERVATIONS.md``), solved by clingo."""
