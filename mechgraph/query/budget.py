"""How much work a witness search may do before it answers "walk only".

>>> DEFAULT_BUDGET
50000
"""

__all__ = ["DEFAULT_BUDGET"]

#: Partial paths the witness search may expand before it gives up ("walk only").
DEFAULT_BUDGET = 50_000
