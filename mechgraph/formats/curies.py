"""Compact identifiers (CURIEs) on entities: ``CHEBI:47499``, ``HGNC:4584``.

An identifier is ``PREFIX:LOCAL``.  Prefixes are checked against the
Bioregistry (:mod:`mechgraph.formats.prefixes`): one no registry resource
answers to is not an error (every project has its own), but it is often a
typo, so it earns a warning with the closest registered spelling as a hint;
a known prefix differing from its display form in case alone is normalised
(``chebi:47499`` → ``CHEBI:47499``, ``mesh:D007099`` → ``MESH:D007099``).

>>> check_curie("CHEBI:47499") is None
True
>>> print(check_curie("HGCN:4584").hint)  # doctest: +ELLIPSIS
did you mean hgnc? (prefixes of ...)
>>> normalise_curie("mesh:D007099")
'MESH:D007099'
"""

from __future__ import annotations

import re

from mechgraph.errors import Diagnostic
from mechgraph.formats.prefixes import FALLBACK_PREFIXES, registered_prefixes

__all__ = ["KNOWN_PREFIXES", "check_curie", "normalise_curie", "split_curie"]

#: The prefixes known without the ``bioregistry`` package (see :mod:`mechgraph.formats.prefixes`).
KNOWN_PREFIXES = frozenset(FALLBACK_PREFIXES)
_CURIE = re.compile(r"([A-Za-z][A-Za-z0-9_.]*):(\S+)")


def split_curie(value: str) -> tuple[str, str] | None:
    """``(prefix, local id)`` of a CURIE, or ``None`` when ``value`` is not one.

    >>> split_curie("GO:0006954"), split_curie("imipramine")
    (('GO', '0006954'), None)
    """
    match = _CURIE.fullmatch(value)
    return (match.group(1), match.group(2)) if match else None


def normalise_curie(value: str) -> str:
    """``value`` with its prefix in the registry's display form when it differs in case
    alone; anything else unchanged.

    >>> normalise_curie("chebi:47499"), normalise_curie("MESHD:D003866"), normalise_curie("x")
    ('CHEBI:47499', 'MESHD:D003866', 'x')
    """
    parts = split_curie(value)
    if parts is None:
        return value
    prefix = registered_prefixes().normalise(parts[0])
    return value if prefix in (None, parts[0]) else f"{prefix}:{parts[1]}"


def check_curie(value: str, **where) -> Diagnostic | None:
    """A diagnostic when ``value`` is not a well-formed CURIE with a registered prefix.

    Parameters
    ----------
    value : str
        The identifier, e.g. ``"CHEBI:47499"``.
    **where
        Location fields passed on to :class:`~mechgraph.errors.Diagnostic`
        (``file``, ``line``, ``col``, ``snippet``).

    Returns
    -------
    Diagnostic or None
        An error when ``value`` has no ``PREFIX:`` part, a warning when no
        registry resource answers to the prefix, ``None`` when all is well.

    Examples
    --------
    >>> check_curie("pmid:8852531") is None
    True
    >>> check_curie("47499").severity.value
    'error'
    >>> check_curie("FOO:1").message
    "unknown identifier prefix 'FOO' in 'FOO:1'"
    """
    parts = split_curie(value)
    if parts is None:
        return Diagnostic.error(
            f"malformed identifier {value!r}",
            hint="an identifier is PREFIX:ID without spaces, e.g. CHEBI:47499",
            code="bad-curie",
            **where,
        )
    prefixes = registered_prefixes()
    if prefixes.normalise(parts[0]) is not None:
        return None
    close = prefixes.closest(parts[0])
    guess = f"did you mean {close}? " if close else ""
    return Diagnostic.warning(
        f"unknown identifier prefix {parts[0]!r} in {value!r}",
        hint=f"{guess}(prefixes of {prefixes.source})",
        code="unknown-prefix",
        **where,
    )
