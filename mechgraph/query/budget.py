"""How much work a witness search may do before it answers "walk only".

>>> DEFAULT_BUDGET
50000
"""

__all__ = ["DEFAULT_BUDGET", "MAX_CANDIDATES", "MAX_PATHS"]

#: Partial paths the witness search may expand before it gives up ("walk only").
DEFAULT_BUDGET = 50_000
#: Witnesses one question may ask for (each is kept whole, with its citations).
MAX_PATHS = 1000
#: Candidates ``predict`` draws witnesses for by default (each costs a search of its length).
MAX_CANDIDATES = 100
