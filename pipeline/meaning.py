"""What a quantity means: the thing counted, the verb that governs it, its category,
its basis (total or per unit) and the time scope of its sentence.

All the words come from the lexicons (categories.yaml, basis.yaml, periods.yaml); this
module reads a sentence's words around each quantity:

- counted: the noun phrase right after the measure word ("建立8个志愿服务队"), or else
  the one right before the number ("发展会员6303名"); a figure that directly follows
  another ("3895对6945人") shares its noun.
- action: the nearest verb before the figure in its clause, or else right after the noun.
- category: see categories.yaml (nouns, then verbs, then context, then defaults).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import Lexicon
from .report import Indicator, Quantity, Sentence, Token

CLAUSE_BREAK = set("，,；;。！？!?：:")
NOUN_BREAK = CLAUSE_BREAK | set("、")
SKIPPED = set("“”\"'‘’「」《》 ")  # quotes inside a noun phrase ("送温暖"资金)
MAX_COUNTED = 16


@dataclass
class _Matchers:
    nouns: re.Pattern | None        # reversed triggers, for rightmost-then-longest search
    context: re.Pattern | None
    periods: list[re.Pattern]
    per_unit: re.Pattern | None
    exceptions: dict[str, re.Pattern | None]


def _reversed_alternation(words) -> re.Pattern | None:
    words = sorted({w[::-1] for w in words}, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words)) if words else None


def _alternation(words) -> re.Pattern | None:
    words = sorted(set(words), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words)) if words else None


@lru_cache(maxsize=8)
def _matchers(lexicon: Lexicon) -> _Matchers:
    return _Matchers(
        nouns=_reversed_alternation(lexicon.category_nouns),
        context=_alternation(lexicon.category_context),
        periods=lexicon.period_patterns,
        per_unit=_alternation(lexicon.per_unit_markers),
        exceptions={dim: _reversed_alternation(exc) for dim, (_, exc) in lexicon.dimension_rules.items()},
    )


class _Words:
    """A sentence's tokens with helpers to look around a span."""

    def __init__(self, sentence: Sentence, quantities: list[Quantity], segmenter):
        self.sentence = sentence
        self.tokens = sentence.tokens
        self.quantities = quantities
        self.pos = segmenter.pos if segmenter is not None else (lambda w: None)

    def is_quantity_at(self, offset: int) -> bool:
        return any(q.start <= offset < q.end for q in self.quantities)

    def after(self, offset: int) -> list[Token]:
        out = []
        for t in self.tokens:
            if t.end <= offset:
                continue
            if t.start < offset:  # a word that straddles the end of the quantity
                t = Token(t.text[offset - t.start:], offset, t.end)
            out.append(t)
        return out

    def before(self, offset: int) -> list[Token]:
        """Tokens before `offset`, nearest first."""
        out = []
        for t in self.tokens:
            if t.start >= offset:
                break
            if t.end > offset:
                t = Token(t.text[: offset - t.start], t.start, offset)
            out.append(t)
        return out[::-1]


def _is_verb(word: str, lexicon: Lexicon, pos) -> bool:
    if word in lexicon.verbs:
        return True
    tag = pos(word)
    return bool(tag) and tag[0] == "v" and tag not in ("vn", "vg")


def _is_nounish(word: str, lexicon: Lexicon, pos) -> bool:
    """A word that can be part of a counted noun phrase."""
    if word in lexicon.category_nouns:
        return True
    tag = pos(word)
    if tag is None:
        return bool(re.match(r"[\u4e00-\u9fffA-Za-z]", word))
    return tag[0] in "nbajg" or tag in ("vn", "eng", "l", "i", "an", "x")


def _stops_noun(word: str, lexicon: Lexicon, pos) -> bool:
    if word in NOUN_BREAK or word[0] in NOUN_BREAK:
        return True
    if word in lexicon.category_nouns:
        return False
    tag = pos(word)
    return _is_verb(word, lexicon, pos) or (tag is not None and tag[0] in "pudcrmqftz"
                                            and tag not in ("c",))


def counted_after(words: _Words, q: Quantity, lexicon: Lexicon) -> str:
    parts: list[str] = []
    for i, t in enumerate(words.after(q.end)):
        if words.is_quantity_at(t.start):
            break
        if t.text in SKIPPED:
            continue
        if i == 0 and t.text == "的":
            continue
        if _stops_noun(t.text, lexicon, words.pos):
            break
        if not parts and not _is_nounish(t.text, lexicon, words.pos):
            break
        parts.append(t.text)
        if sum(map(len, parts)) >= MAX_COUNTED:
            break
    return "".join(parts)


def counted_before(words: _Words, q: Quantity, lexicon: Lexicon) -> tuple[str, str, bool]:
    """(noun before the figure, verb found while reading back, whether a figure came first)."""
    parts: list[str] = []
    verb = ""
    tokens = words.before(q.start)
    i = 0
    # a verb right before the figure: 达2091人, 共计1260家, 累计103场
    while i < len(tokens) and _is_verb(tokens[i].text, lexicon, words.pos) and not parts:
        verb = verb or tokens[i].text
        i += 1
    for t in tokens[i:]:
        if words.is_quantity_at(t.start):
            return "", verb, True
        if t.text in SKIPPED:
            continue
        if t.text in NOUN_BREAK or t.text == "的":
            break
        if _is_verb(t.text, lexicon, words.pos):
            verb = verb or t.text
            break
        if _stops_noun(t.text, lexicon, words.pos):
            break
        parts.append(t.text)
        if sum(map(len, parts)) >= MAX_COUNTED:
            break
    return "".join(reversed(parts)), verb, False


def verbs_around(words: _Words, q: Quantity, lexicon: Lexicon) -> tuple[list[str], list[str]]:
    """Verbs of the figure's clause: before it (nearest first) and after it (nearest first)."""
    before, after = [], []
    for t in words.before(q.start):
        if t.text in CLAUSE_BREAK:
            break
        if _is_verb(t.text, lexicon, words.pos):
            before.append(t.text)
    for t in words.after(q.end):
        if t.text in CLAUSE_BREAK:
            break
        if _is_verb(t.text, lexicon, words.pos):
            after.append(t.text)
    return before, after


def clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end) of `text`, between clause punctuation."""
    left = start
    while left > 0 and text[left - 1] not in CLAUSE_BREAK:
        left -= 1
    right = end
    while right < len(text) and text[right] not in CLAUSE_BREAK:
        right += 1
    return left, right


def categorize(q: Quantity, counted: str, action: str, verbs: list[str], clause_before: str,
               clause: str, lexicon: Lexicon) -> str:
    m = _matchers(lexicon)
    rule = lexicon.dimension_rules.get(q.dimension)
    if rule is not None:
        category, exceptions = rule
        pattern = m.exceptions.get(q.dimension)
        if pattern is not None:
            for text in (counted, clause_before):
                hit = pattern.search(text[::-1])
                if hit:
                    return exceptions[hit.group()[::-1]]
        return category
    if m.nouns is not None and counted:
        hit = m.nouns.search(counted[::-1])
        if hit:
            return lexicon.category_nouns[hit.group()[::-1]]
    for verb in ([action] if action else []) + verbs:
        if verb in lexicon.category_verbs:
            return lexicon.category_verbs[verb]
    if m.context is not None:
        hit = m.context.search(clause)
        if hit:
            return lexicon.category_context[hit.group()]
    if q.unit in lexicon.default_by_unit:
        return lexicon.default_by_unit[q.unit]
    return lexicon.default_by_dimension.get(q.dimension, "other")


def period_of(sentence: Sentence, start: int, lexicon: Lexicon) -> str:
    """The nearest time expression before the figure in its sentence, else the first one."""
    m = _matchers(lexicon)
    rel = start - sentence.start
    best_before, first = None, None
    for pattern in m.periods:
        for hit in pattern.finditer(sentence.text):
            if first is None or hit.start() < first.start():
                first = hit
            if hit.end() <= rel and (best_before is None or hit.end() > best_before.end()):
                best_before = hit
    chosen = best_before or first
    return chosen.group() if chosen else ""


def basis_of(clause_before: str, counted: str, lexicon: Lexicon) -> str:
    pattern = _matchers(lexicon).per_unit
    if pattern is not None and (pattern.search(clause_before) or pattern.search(counted)):
        return "per_unit"
    return "total"


def interpret(sentence: Sentence, quantities: list[Quantity], lexicon: Lexicon,
              segmenter=None) -> list[Indicator]:
    """Give each quantity of the sentence its meaning; returns the indicators in order."""
    words = _Words(sentence, quantities, segmenter)
    out: list[Indicator] = []
    previous: Indicator | None = None
    for q in quantities:
        rel_start, rel_end = q.start - sentence.start, q.end - sentence.start
        c_left, c_right = clause_span(sentence.text, rel_start, rel_end)
        clause = sentence.text[c_left:c_right]
        clause_before = sentence.text[c_left:rel_start]
        before_verbs, after_verbs = verbs_around(words, q, lexicon)
        counted = counted_after(words, q, lexicon)
        noun_before, verb_before, follows_figure = counted_before(words, q, lexicon)
        if not counted:
            counted = noun_before
            if not counted and follows_figure and previous is not None:
                counted = previous.counted  # 3895对6945人
        action = verb_before or (before_verbs[0] if before_verbs else "") or \
            (after_verbs[0] if after_verbs else "")
        if not action and follows_figure and previous is not None:
            action = previous.action
        category = categorize(q, counted, action, before_verbs + after_verbs, clause_before,
                              clause, lexicon)
        ind = Indicator(
            sentence_id=sentence.id, start=q.start, end=q.end, mention=q.mention, value=q.value,
            value_high=q.value_high, unit=q.unit, dimension=q.dimension, qualifier=q.qualifier,
            basis=basis_of(clause_before, counted, lexicon), category=category,
            counted=counted, action=action, period=period_of(sentence, q.start, lexicon),
        )
        out.append(ind)
        previous = ind
    return out
