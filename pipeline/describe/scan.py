"""Lexicon patterns made quicker to scan for describe: a literal a text must hold for a
pattern to match (`needed_literal`), and a list of words as a trie (`trie_alternation`)."""
from __future__ import annotations

import re
import re._constants as _constants  # the parse tree's opcodes
import re._parser as _parser
from functools import lru_cache


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
