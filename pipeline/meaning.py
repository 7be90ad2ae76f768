"""What a quantity means: the thing counted, the verb that governs it, its category,
its basis (total or per unit) and the time scope of its sentence.

All the words come from the lexicons (categories.yaml, basis.yaml, periods.yaml); this
module reads a sentence's words around each quantity:

- counted: the noun phrase right after the measure word ("建立8个志愿服务队"), or else
  the one right before the number ("发展会员6303名"); a figure that directly follows
  another ("3895对6945人") shares its noun.
- action: the nearest verb before the figure in its clause, or else right after the noun.
- category: in the order documented at the top of categories.yaml.
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

    def quantity_at(self, offset: int) -> Quantity | None:
        for q in self.quantities:
            if q.start <= offset < q.end:
                return q
        return None

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
    """A verb: a verb trigger of the lexicon, or tagged as a plain verb by the dictionary."""
    if word in lexicon.category_nouns:
        return False
    if word in lexicon.verbs:
        return True
    tag = pos(word)
    if tag is None and len(word) == 2 and word[1] in RESULTATIVE:
        tag = pos(word[0])  # 建到, 发出: a verb with its complement, unknown to the dictionary
    return bool(tag) and tag[0] == "v" and tag not in ("vn", "vg")


# Second characters that make a verb compound: 建到, 做好, 送出, 纳入.
RESULTATIVE = set("到成好出入起上下进完给在")
OPEN_BRACKETS, CLOSE_BRACKETS = set("(（["), set(")）]")
# 会员人数由98万人增长到116.6万人: the noun before 由 is what both figures count.
FROM_TO = {"由", "从", "到", "至"}
OPEN_QUOTES, CLOSE_QUOTES = set("“‘「《"), set("”’」》")


def _is_nounish(word: str, lexicon: Lexicon, pos) -> bool:
    """A word that can start a counted noun phrase."""
    if word in lexicon.category_nouns:
        return True
    tag = pos(word)
    if tag is None:
        return bool(re.match(r"[\u4e00-\u9fffA-Za-z]", word))
    return tag[0] in "nbajg" or tag in ("vn", "eng", "l", "i", "an", "x", "zg")


def _breaks_phrase(word: str, pos) -> bool:
    """Punctuation, prepositions, particles, adverbs, pronouns, numerals: no part of a noun."""
    if word[0] in NOUN_BREAK:
        return True
    tag = pos(word)
    return tag is not None and tag[0] in "pudrmqftz"


@dataclass
class Phrase:
    """The noun phrase a figure counts, as words, and what surrounds it."""
    tokens: list[str]
    verb: str = ""               # the verb right before the figure (达2091人), else before the phrase
    after_figure: bool = False   # a figure comes right before this one: 3895对6945人

    @property
    def text(self) -> str:
        return "".join(t for t in self.tokens if t not in SKIPPED)

    def drop_place(self, prefixes: list[str]) -> "Phrase":
        """全市工会会员 -> 工会会员: a place word says where, not what is counted."""
        if self.tokens:
            first = self.tokens[0]
            cut = next((p for p in prefixes if first.startswith(p) and len(self.text) > len(p)), None)
            if cut is not None:
                rest = first[len(cut):]
                self.tokens = ([rest] if rest else []) + self.tokens[1:]
        return self

    @property
    def words(self) -> list[str]:
        return [t for t in self.tokens if t not in SKIPPED]


def phrase_after(words: _Words, q: Quantity, lexicon: Lexicon) -> Phrase:
    """The noun right after the measure word: 建立8个志愿服务队, 4批40名干部."""
    tokens = words.after(q.end)
    i = 0
    # a figure right after this one measures the same noun: 4批40名干部
    while i < len(tokens) and (next_figure := words.quantity_at(tokens[i].start)) is not None:
        end = next_figure.end
        while i < len(tokens) and tokens[i].start < end:
            i += 1
    parts: list[str] = []
    cut_by_figure = False
    for t in tokens[i:]:
        w = t.text
        if words.quantity_at(t.start) is not None:
            cut_by_figure = True
            break
        if w in SKIPPED:
            continue
        if not parts:
            if w == "的":
                continue
            if w[0] in OPEN_BRACKETS or _breaks_phrase(w, words.pos) or \
                    _is_verb(w, lexicon, words.pos) or not _is_nounish(w, lexicon, words.pos):
                break
        elif w[0] in OPEN_BRACKETS or _breaks_phrase(w, words.pos) or _is_verb(w, lexicon, words.pos):
            break
        parts.append(w)
        if sum(map(len, parts)) >= MAX_COUNTED:
            break
    if cut_by_figure and len(parts) > 1:
        # 26家小微企业工会经费53.91万元: the words before the next figure are its own
        parts = parts[:1]
    return Phrase(parts)


def phrase_before(words: _Words, q: Quantity, lexicon: Lexicon) -> Phrase:
    """The noun right before the figure: 发展会员6303名, 社会化工会工作者达2091人."""
    tokens = words.before(q.start)
    phrase = Phrase([])
    adjacent_verb = ""  # a verb right before the figure: 达2091人, 共计1260家
    i = 0
    while i < len(tokens) and (tokens[i].text in FROM_TO or _is_verb(tokens[i].text, lexicon, words.pos)):
        if tokens[i].text not in FROM_TO:
            adjacent_verb = adjacent_verb or tokens[i].text
        i += 1
    parts: list[str] = []
    in_quote = False
    for t in tokens[i:]:
        w = t.text
        if words.quantity_at(t.start) is not None:
            phrase.after_figure = not parts
            break
        # a quoted name is part of the noun whatever its words: “送健康”活动
        if w in CLOSE_QUOTES:
            in_quote = True
            parts.append(w)
            continue
        if in_quote:
            parts.append(w)
            in_quote = w not in OPEN_QUOTES
            continue
        if w[0] in OPEN_BRACKETS or w[0] in CLOSE_BRACKETS:
            if parts or w[0] in CLOSE_BRACKETS:  # 企业(单位)自查 stays whole
                parts.append(w)
            continue
        if w in SKIPPED:
            continue
        if w == "的" or _breaks_phrase(w, words.pos):
            break
        if _is_verb(w, lexicon, words.pos):
            phrase.verb = w
            break
        parts.append(w)
        if sum(map(len, parts)) >= MAX_COUNTED:
            break
    phrase.tokens = list(reversed(parts))
    phrase.verb = adjacent_verb or phrase.verb
    return phrase


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


def _noun_category(tokens: list[str], lexicon: Lexicon, head_only: bool) -> str | None:
    """The category of the longest noun trigger that ends where a word ends: the head
    word (the last) first; with head_only=False, then each earlier word."""
    pattern = _matchers(lexicon).nouns
    if pattern is None:
        return None
    words = [t for t in tokens if t not in SKIPPED]
    ends = [len(words)] if head_only else range(len(words), 0, -1)
    for k in ends:
        hit = pattern.match("".join(words[:k])[::-1])
        if hit:
            return lexicon.category_nouns[hit.group()[::-1]]
    return None


def _without_transparent_head(tokens: list[str], lexicon: Lexicon) -> list[str]:
    """工会会员总数 -> 工会会员: the head says how many, the noun before says of what."""
    words = [t for t in tokens if t not in SKIPPED]
    while words:
        last = words[-1]
        cut = next((h for h in lexicon.transparent_heads if last.endswith(h)), None)
        if cut is None:
            break
        rest = last[: -len(cut)]
        words = words[:-1] + ([rest] if rest else [])
    return words  # empty when the phrase only says "the total": 全县总数


def categorize(q: Quantity, phrase: Phrase, action: str, verbs: list[str], clause_before: str,
               clause: str, sentence: str, lexicon: Lexicon, previous: Indicator | None = None) -> str:
    """The category of a figure; the order is documented in lexicons/categories.yaml.
    `previous` is the figure before it in the sentence, whose noun an elided one shares
    ("新建服务站19个,全县总数达到87个")."""
    category = _category_by_words(q, phrase, action, verbs, clause_before, clause, sentence,
                                  lexicon, previous)
    return lexicon.replace_for_dimension.get(q.dimension, {}).get(category, category)


def _category_by_words(q: Quantity, phrase: Phrase, action: str, verbs: list[str],
                       clause_before: str, clause: str, sentence: str, lexicon: Lexicon,
                       previous: Indicator | None) -> str:
    m = _matchers(lexicon)
    rule = lexicon.dimension_rules.get(q.dimension)
    if rule is not None:
        category, exceptions = rule
        pattern = m.exceptions.get(q.dimension)
        if pattern is not None:
            for text in (phrase.text, clause_before):
                hit = pattern.search(text[::-1])
                if hit:
                    return exceptions[hit.group()[::-1]]
        return category
    if q.unit in lexicon.default_by_unit:
        return lexicon.default_by_unit[q.unit]
    action_category = lexicon.category_verbs.get(action)
    if action_category in lexicon.verb_first.get(q.dimension, ()):
        return action_category
    tokens = _without_transparent_head(phrase.tokens, lexicon)
    found = _noun_category(tokens, lexicon, head_only=True)
    if found:
        return found
    if tokens != phrase.words:  # a transparent head was dropped
        if previous is not None and previous.dimension == q.dimension and \
                _noun_category(tokens, lexicon, head_only=False) is None:
            return previous.category  # 全县总数达到87个: the total of the figure before
    if action_category:
        return action_category
    for verb in verbs:
        if verb in lexicon.category_verbs:
            return lexicon.category_verbs[verb]
    if m.context is not None:
        hit = m.context.search(clause)
        if hit:
            return lexicon.category_context[hit.group()]
    found = _noun_category(tokens, lexicon, head_only=False)
    if found:
        return found
    if not phrase.words and previous is not None and previous.dimension == q.dimension:
        return previous.category  # 会员达到86.3万人,比上年增加3.2万人
    if m.context is not None:
        hit = m.context.search(sentence)
        if hit:
            return lexicon.category_context[hit.group()]
    return lexicon.default_by_dimension.get(q.dimension, "other")


def time_expressions(sentence: Sentence, lexicon: Lexicon) -> list[re.Match]:
    """The time expressions of a sentence (periods.yaml), in order of their start."""
    hits = [hit for pattern in lexicon.period_patterns for hit in pattern.finditer(sentence.text)]
    return sorted(hits, key=lambda h: h.start())  # stable: on a tie the earlier pattern first


def period_of(sentence: Sentence, start: int, expressions: list[re.Match]) -> str:
    """The nearest time expression before the figure in its sentence, else the first one;
    `expressions` are the sentence's (time_expressions)."""
    rel = start - sentence.start
    best_before = None
    for hit in expressions:
        if hit.end() <= rel and (best_before is None or hit.end() > best_before.end()):
            best_before = hit
    chosen = best_before or (expressions[0] if expressions else None)
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
    expressions = time_expressions(sentence, lexicon)
    out: list[Indicator] = []
    previous: Indicator | None = None
    for q in quantities:
        rel_start, rel_end = q.start - sentence.start, q.end - sentence.start
        c_left, c_right = clause_span(sentence.text, rel_start, rel_end)
        clause = sentence.text[c_left:c_right]
        clause_before = sentence.text[c_left:rel_start]
        before_verbs, after_verbs = verbs_around(words, q, lexicon)
        before = phrase_before(words, q, lexicon)
        phrase = phrase_after(words, q, lexicon)
        if not phrase.tokens:
            phrase = before
        action = before.verb or (before_verbs[0] if before_verbs else "") or \
            (after_verbs[0] if after_verbs else "")
        phrase.drop_place(lexicon.place_prefixes)
        counted = phrase.text
        if not counted and before.after_figure and previous is not None:
            counted, action = previous.counted, action or previous.action  # 3895对6945人
            phrase = Phrase([counted])
        category = categorize(q, phrase, action, before_verbs + after_verbs, clause_before,
                              clause, sentence.text, lexicon, previous)
        ind = Indicator(
            **vars(q), sentence_id=sentence.id,
            # a percentage is a ratio already: 人均收入增长6.2% is not an amount per person
            basis="total" if q.dimension == "percent" else basis_of(clause_before, counted, lexicon),
            category=category, counted=counted, action=action,
            period=period_of(sentence, q.start, expressions),
        )
        out.append(ind)
        previous = ind
    return out
