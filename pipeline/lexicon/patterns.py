"""Lexicon patterns made quicker to scan, matching the same: `led_by_first_chars`; the
first characters of a pattern anchored at a line's start (`anchored_first_chars`); the
literal a text must hold for a pattern to match (`needed_literal`); a list of words as a
trie (`trie_alternation`).

re finds fast where a pattern may match when it begins with a literal, a character
class or alternatives of literals; a pattern of the lexicons that begins otherwise (a list
of words, some behind a lookbehind) is tried at every position of a text. Read from the
pattern's parse tree, the characters a match may begin with make a one-class test that
most positions fail.
"""
from __future__ import annotations

import re
import re._constants as _constants  # the parse tree's opcodes
import re._parser as _parser
from functools import lru_cache


def led_by_first_chars(pattern: re.Pattern) -> re.Pattern:
    """`pattern` led by a test of the characters its matches may begin with: the same
    matches, found sooner. re scans a text fast for a pattern that begins with a literal, a
    character class or alternatives of literals, but tries every alternative of any other
    at every position; such a pattern (the lexicons' lists of words, some behind a
    lookbehind) gains a test that most positions fail. `pattern` itself when it needs none
    or its first characters cannot be told."""
    return _led(pattern.pattern, pattern.flags) or pattern


@lru_cache(maxsize=1024)  # the lexicons' patterns, compiled once per process
def _led(source: str, flags: int) -> re.Pattern | None:
    parsed = _parser.parse(source, flags)
    if parsed.state.flags & re.IGNORECASE or _scanned_fast(list(parsed)):
        return None
    items, may_be_empty = _first_chars(list(parsed))
    if items is None or may_be_empty:
        return None
    try:
        return re.compile(f"(?=[{''.join(dict.fromkeys(items))}])(?:{source})", flags)
    except re.error:  # inline global flags, (?x), must begin the pattern
        return None


def _scanned_fast(sequence) -> bool:
    """re finds the positions a match may begin at by itself (a literal, a class or
    alternatives of literals first), or fails fast at the others (a repeated character)."""
    while sequence and sequence[0][0] is _constants.SUBPATTERN and not (sequence[0][1][1] or sequence[0][1][2]):
        sequence = list(sequence[0][1][3])
    if not sequence:
        return True
    op, av = sequence[0]
    if op in (_constants.LITERAL, _constants.IN):
        return True
    if op is _constants.BRANCH:
        return all(alt and alt[0][0] is _constants.LITERAL for alt in av[1])
    if op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT):
        body = list(av[2])
        return av[0] >= 1 and len(body) == 1 and body[0][0] in (_constants.LITERAL, _constants.IN)
    return False


_CATEGORY_CLASSES = {_constants.CATEGORY_DIGIT: r"\d", _constants.CATEGORY_NOT_DIGIT: r"\D",
                     _constants.CATEGORY_SPACE: r"\s", _constants.CATEGORY_NOT_SPACE: r"\S",
                     _constants.CATEGORY_WORD: r"\w", _constants.CATEGORY_NOT_WORD: r"\W"}


def _first_chars(sequence) -> tuple[list[str] | None, bool]:
    """(the items of a character class of the characters a match of this parsed sequence
    may begin with, whether it may match nothing); (None, _) when it does not say (`.`,
    `[^…]`, a back-reference, a group of its own flags)."""
    items: list[str] = []
    for op, av in sequence:
        if op is _constants.LITERAL:
            return items + [re.escape(chr(av))], False
        if op is _constants.IN:
            for kind, value in av:
                if kind is _constants.LITERAL:
                    items.append(re.escape(chr(value)))
                elif kind is _constants.RANGE:
                    items.append(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
                elif kind is _constants.CATEGORY and value in _CATEGORY_CLASSES:
                    items.append(_CATEGORY_CLASSES[value])
                else:  # NEGATE: [^…]
                    return None, False
            return items, False
        if op in (_constants.ASSERT, _constants.ASSERT_NOT, _constants.AT):
            continue  # consumes nothing: the next item begins the match
        if op is _constants.SUBPATTERN and not (av[1] or av[2]):
            inner, empty = _first_chars(av[3])
        elif op is _constants.BRANCH:
            inner, empty = [], False
            for alternative in av[1]:
                alt_items, alt_empty = _first_chars(alternative)
                if alt_items is None:
                    return None, False
                inner, empty = inner + alt_items, empty or alt_empty
        elif op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT):
            inner, empty = _first_chars(av[2])
            empty = empty or av[0] == 0
        else:
            return None, False
        if inner is None:
            return None, False
        items += inner
        if not empty:
            return items, False
    return items, True


def anchored_first_chars(pattern: re.Pattern) -> re.Pattern | None:
    """A class of the characters that a match of `pattern` anchored at the text's start
    (^…, or alternatives that each begin with ^) may begin with; None when it is not
    anchored so, may match nothing, or its first characters cannot be told."""
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    if parsed.state.flags & (re.IGNORECASE | re.MULTILINE):
        return None
    sequence = list(parsed)
    start = (_constants.AT, _constants.AT_BEGINNING)
    if sequence and sequence[0] == start:
        alternatives = [sequence[1:]]
    elif len(sequence) == 1 and sequence[0][0] is _constants.BRANCH:
        alternatives = [list(alt)[1:] for alt in sequence[0][1][1] if alt and alt[0] == start]
        if len(alternatives) < len(sequence[0][1][1]):
            return None
    else:
        return None
    items: list[str] = []
    for alternative in alternatives:
        chars, may_be_empty = _first_chars(alternative)
        if chars is None or may_be_empty:
            return None
        items += chars
    return re.compile(f"[{''.join(items)}]", pattern.flags)


@lru_cache(maxsize=256)  # the lexicon's patterns, read once per process
def needed_literal(source: str, flags: int) -> str:
    """The longest run of literal characters every match of the pattern holds (二十大 of
    (?:党的)?二十大(?:精神|…), 工会 of …(?P<body>工会委员会|工会)), read from the items of its
    parse tree that every match matches (its top level, and the groups in it); "" when it has
    none (a list of alternatives, 新冠|抗疫) or ignores case."""
    parsed = _parser.parse(source, flags)
    if parsed.state.flags & re.IGNORECASE:
        return ""
    return max(_literal_runs(list(parsed)), key=len, default="")


def _literal_runs(sequence) -> list[str]:
    """The runs of literal characters of a parsed sequence, a group's read as part of it
    (its characters join the run around it) unless it changes flags."""
    runs, run = [], ""
    for op, av in sequence:
        if op is _constants.LITERAL:
            run += chr(av)
        elif op is _constants.SUBPATTERN and not (av[1] or av[2]):
            inner = _literal_runs(av[3])
            if len(inner) == 1:  # all literal: one run with what stands around it
                run += inner[0]
                continue
            runs += [run + inner[0], *inner[1:-1]]
            run = inner[-1]
        else:
            runs.append(run)
            run = ""
    return runs + [run]


def trie_alternation(words) -> str:
    """A pattern matching at a position the longest of `words` that begins there, as the
    alternation of the words longest first does, written as a trie: re tries the
    alternatives one by one, so a list of words costs each position one test per word; a
    trie, one per character it reads."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return _trie(tree)


def _trie(node: dict) -> str:
    # the text's next character picks one child at most: trying the children before the end
    # of a word here finds the longest word
    alternatives = [re.escape(char) + _trie(child) for char, child in sorted(node.items()) if char]
    if not alternatives:
        return ""
    body = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
    return f"(?:{body})?" if "" in node else body
