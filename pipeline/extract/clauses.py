"""Where the clause around a position of a sentence starts and ends: between the clause
marks of grammar.yaml (`clause_breaks`), one character each. Asked several times for
every figure (its meaning, its kind, its relations), so the end is found by one
compiled search rather than a walk over the characters."""
from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=16)
def _marks(breaks) -> re.Pattern:
    chars = sorted(b for b in breaks if len(b) == 1)  # a longer mark is no character of the text
    return re.compile("[%s]" % "".join(map(re.escape, chars))) if chars else re.compile("(?!)")


def clause_start(text: str, at: int, breaks) -> int:
    """Just after the last clause mark before `at`, or 0. (Walked back: nearer than a
    search from the start, and faster than one search per mark.)"""
    left = at
    while left > 0 and text[left - 1] not in breaks:
        left -= 1
    return left


def clause_end(text: str, at: int, breaks, limit: int | None = None) -> int:
    """The first clause mark at `at` or after and before `limit` (the end of the text),
    or `limit`; `at` itself when it is at `limit` or past it."""
    limit = len(text) if limit is None else limit
    if at >= limit:
        return at
    m = _marks(breaks).search(text, at, limit)
    return m.start() if m else limit


def clause_marks(text: str, breaks) -> list[int]:
    """The offsets of the clause marks of `text`, in order: for many questions about one
    text, each answered by a bisection of them (kinds.SentenceScan)."""
    return [m.start() for m in _marks(breaks).finditer(text)]
