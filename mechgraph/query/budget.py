"""How much work a witness search may do before it answers "walk only".

>>> DEFAULT_BUDGET
50000
"""

__all__ = ["DEFAULT_BUDGET", "MAX_PATHS"]

#: Partial paths the witness search may expand before it gives up ("walk only").
DEFAULT_BUDGET = 50_000
#: Witnesses one question may ask for (each is kept whole, with its citations).
MAX_PATHS = 1000
