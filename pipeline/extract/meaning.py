"""What a quantity means: the thing counted, the verb that governs it, its category,
its basis (total or per unit) and the time scope of its sentence.

All the words come from the lexicons (categories.yaml, basis.yaml, periods.yaml,
grammar.yaml); this module reads a sentence's words (with the tags the segment stage
gave them) around each quantity:

- counted: the noun phrase right after the measure word ("建立8个志愿服务队"), or else
  the one right before the number ("发展会员6303名"); a figure that directly follows
  another ("3895对6945人") shares its noun.
- action: the nearest verb before the figure in its clause, or else right after the noun.
- category: in the order documented at the top of categories.yaml.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import Lexicon
from ..report import Indicator, Quantity, Sentence, Token

MAX_COUNTED = 16  # characters of a counted noun phrase, at most
LETTER = re.compile(r"[\u4e00-\u9fffA-Za-z]")


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
    cats = lexicon.categories
    return _Matchers(
        nouns=_reversed_alternation(cats.nouns),
        context=_alternation(cats.context),
        per_unit=_alternation(lexicon.per_unit_markers),
        exceptions={dim: _reversed_alternation(exc) for dim, (_, exc) in cats.dimension_rules.items()},
    )


class SentenceWords:
    """A sentence's tokens, with what the rules ask of a word: is it a verb, can it be
    part of a noun, does it end a phrase (by the lexicon, then by its tag)."""

    def __init__(self, sentence: Sentence, quantities: list[Quantity], lexicon: Lexicon,
                 pos_dictionary=None):
        self.sentence = sentence
        self.tokens = sentence.tokens
        self.quantities = quantities
        self.lexicon = lexicon
        self.g = lexicon.grammar
        self._nouns, self._verbs = lexicon.categories.nouns, lexicon.verbs
        self._tags = {t.text: t.tag for t in sentence.tokens}
        self._starts = [t.start for t in sentence.tokens]  # in order: tokens do not overlap
        self._ends = [t.end for t in sentence.tokens]
        self._dictionary = pos_dictionary or (lambda word: None)

    def pos(self, word: str) -> str | None:
        """The tag the segment stage gave the word; for a piece of a word (one that
        straddles a figure's boundary, the 建 of 建到) the dictionary's."""
        try:
            return self._tags[word]
        except KeyError:
            return self._dictionary(word)

    def quantity_at(self, offset: int) -> Quantity | None:
        for q in self.quantities:
            if q.start <= offset < q.end:
                return q
        return None

    def after(self, offset: int) -> list[Token]:
        """Tokens after `offset`, found by bisection (a figure's words are looked up in
        a time that does not grow with the length of its sentence, but for a copy)."""
        out = self.tokens[bisect_right(self._ends, offset):]
        if out and out[0].start < offset:  # a word that straddles the end of the quantity
            t = out[0]
            out[0] = Token(t.text[offset - t.start:], offset, t.end)
        return out

    def before(self, offset: int) -> list[Token]:
        """Tokens before `offset`, nearest first."""
        out = self.tokens[:bisect_left(self._starts, offset)]
        if out and out[-1].end > offset:
            t = out[-1]
            out[-1] = Token(t.text[: offset - t.start], t.start, offset)
        return out[::-1]

    def is_verb(self, word: str) -> bool:
        """A verb: a verb of the lexicon, or tagged as a plain verb by the dictionary."""
        if word in self._nouns:
            return False
        if word in self._verbs:
            return True
        tag = self.pos(word)
        if tag is None and len(word) == 2 and word[1] in self.g.resultative:
            tag = self.pos(word[0])  # 建到, 发出: a verb with its complement, unknown to the dictionary
        return bool(tag) and tag[0] in self.g.verb_initials and tag not in self.g.not_verb_tags

    def is_nounish(self, word: str) -> bool:
        """A word that can start a counted noun phrase."""
        if word in self._nouns:
            return True
        tag = self.pos(word)
        if tag is None:
            return bool(LETTER.match(word))
        return tag[0] in self.g.noun_initials or tag in self.g.noun_tags

    def breaks_phrase(self, word: str) -> bool:
        """Punctuation, prepositions, particles, adverbs, pronouns, numerals: no part of a noun."""
        if word[0] in self.g.noun_breaks:
            return True
        tag = self.pos(word)
        return tag is not None and tag[0] in self.g.break_initials


@dataclass
class Phrase:
    """The noun phrase a figure counts, as words, and what surrounds it."""
    tokens: list[str]
    skipped: frozenset = frozenset()  # quotes and spaces, not part of the phrase's text
    verb: str = ""               # the verb right before the figure (达2091人), else before the phrase
    after_figure: bool = False   # a figure comes right before this one: 3895对6945人

    @property
    def text(self) -> str:
        return "".join(self.words)

    @property
    def words(self) -> list[str]:
        return [t for t in self.tokens if t not in self.skipped]

    def drop_place(self, prefixes) -> "Phrase":
        """全市工会会员 -> 工会会员: a place word says where, not what is counted."""
        if self.tokens:
            first = self.tokens[0]
            cut = next((p for p in prefixes if first.startswith(p) and len(self.text) > len(p)), None)
            if cut is not None:
                rest = first[len(cut):]
                self.tokens = ([rest] if rest else []) + self.tokens[1:]
        return self


def phrase_after(words: SentenceWords, q: Quantity) -> Phrase:
    """The noun right after the measure word: 建立8个志愿服务队, 4批40名干部."""
    g = words.g
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
        if w in g.phrase_quotes:
            continue
        if not parts and w == g.particle:
            continue
        if w[0] in g.open_brackets or words.breaks_phrase(w) or words.is_verb(w) or \
                (not parts and not words.is_nounish(w)):
            break
        parts.append(w)
        if sum(map(len, parts)) >= MAX_COUNTED:
            break
    if cut_by_figure and len(parts) > 1:
        # 26家小微企业工会经费53.91万元: the words before the next figure are its own
        parts = parts[:1]
    return Phrase(parts, g.phrase_quotes)


def _adjacent_verb(words: SentenceWords, tokens: list[Token]) -> tuple[str, int]:
    """A verb right before the figure (达2091人, 共计1260家, 由98万人), and where the
    words before it start."""
    verb, i = "", 0
    while i < len(tokens) and (tokens[i].text in words.g.from_to or words.is_verb(tokens[i].text)):
        if tokens[i].text not in words.g.from_to:
            verb = verb or tokens[i].text
        i += 1
    return verb, i


def phrase_before(words: SentenceWords, q: Quantity) -> Phrase:
    """The noun right before the figure: 发展会员6303名, 社会化工会工作者达2091人."""
    g = words.g
    tokens = words.before(q.start)
    phrase = Phrase([], g.phrase_quotes)
    adjacent_verb, i = _adjacent_verb(words, tokens)
    parts: list[str] = []
    in_quote = False
    for t in tokens[i:]:
        w = t.text
        if words.quantity_at(t.start) is not None:
            phrase.after_figure = not parts
            break
        # a quoted name is part of the noun whatever its words: “送健康”活动
        if w in g.close_quotes or in_quote:
            parts.append(w)
            in_quote = w not in g.open_quotes
            continue
        if w[0] in g.open_brackets or w[0] in g.close_brackets:
            if parts or w[0] in g.close_brackets:  # 企业(单位)自查 stays whole
                parts.append(w)
            continue
        if w in g.phrase_quotes:
            continue
        if w == g.particle or words.breaks_phrase(w):
            break
        if words.is_verb(w):
            phrase.verb = w
            break
        parts.append(w)
        if sum(map(len, parts)) >= MAX_COUNTED:
            break
    phrase.tokens = list(reversed(parts))
    phrase.verb = adjacent_verb or phrase.verb
    return phrase


def verbs_around(words: SentenceWords, q: Quantity) -> tuple[list[str], list[str]]:
    """Verbs of the figure's clause: before it (nearest first) and after it (nearest first)."""
    def verbs(tokens):
        out = []
        for t in tokens:
            if t.text in words.g.clause_breaks:
                break
            if words.is_verb(t.text):
                out.append(t.text)
        return out

    return verbs(words.before(q.start)), verbs(words.after(q.end))


def clause_span(text: str, start: int, end: int, breaks) -> tuple[int, int]:
    """The clause around [start, end) of `text`, between clause punctuation."""
    left = start
    while left > 0 and text[left - 1] not in breaks:
        left -= 1
    right = end
    while right < len(text) and text[right] not in breaks:
        right += 1
    return left, right


def _noun_category(words: list[str], lexicon: Lexicon, head_only: bool) -> str | None:
    """The category of the longest noun trigger that ends where a word ends: the head
    word (the last) first; with head_only=False, then each earlier word."""
    pattern = _matchers(lexicon).nouns
    if pattern is None:
        return None
    ends = [len(words)] if head_only else range(len(words), 0, -1)
    for k in ends:
        hit = pattern.match("".join(words[:k])[::-1])
        if hit:
            return lexicon.categories.nouns[hit.group()[::-1]]
    return None


def _without_transparent_head(words: list[str], lexicon: Lexicon) -> list[str]:
    """工会会员总数 -> 工会会员: the head says how many, the noun before says of what."""
    while words:
        last = words[-1]
        cut = next((h for h in lexicon.categories.transparent_heads if last.endswith(h)), None)
        if cut is None:
            break
        rest = last[: -len(cut)]
        words = words[:-1] + ([rest] if rest else [])
    return words  # empty when the phrase only says "the total": 全县总数


@dataclass
class Figure:
    """What the category rules read of one figure."""
    quantity: Quantity
    phrase: Phrase
    action: str
    verbs: list[str]       # of its clause, before then after it
    clause_before: str
    clause: str
    sentence: str
    previous: Indicator | None  # the figure before it in the sentence


def categorize(f: Figure, lexicon: Lexicon) -> str:
    """The category of a figure; the order is documented in lexicons/categories.yaml.
    `f.previous` is the figure before it in the sentence, whose noun an elided one shares
    ("新建服务站19个,全县总数达到87个")."""
    category = _by_dimension(f, lexicon) or _by_words(f, lexicon)
    return lexicon.categories.replace_for_dimension.get(f.quantity.dimension, {}).get(category, category)


def _by_dimension(f: Figure, lexicon: Lexicon) -> str | None:
    """Steps 1 and 2: the dimension's own rule, and event measure words."""
    q, cats = f.quantity, lexicon.categories
    rule = cats.dimension_rules.get(q.dimension)
    if rule is not None:
        category, exceptions = rule
        pattern = _matchers(lexicon).exceptions.get(q.dimension)
        if pattern is not None:
            for text in (f.phrase.text, f.clause_before):
                hit = pattern.search(text[::-1])
                if hit:
                    return exceptions[hit.group()[::-1]]
        return category
    return cats.default_by_unit.get(q.unit)


def _by_words(f: Figure, lexicon: Lexicon) -> str:
    """Steps 3 to 11 of categories.yaml."""
    q, cats, m = f.quantity, lexicon.categories, _matchers(lexicon)
    same_dimension = f.previous is not None and f.previous.dimension == q.dimension
    action_category = cats.verbs.get(f.action)
    if action_category in cats.verb_first.get(q.dimension, ()):
        return action_category
    words = _without_transparent_head(f.phrase.words, lexicon)
    found = _noun_category(words, lexicon, head_only=True)
    if found:
        return found
    if words != f.phrase.words and same_dimension and _noun_category(words, lexicon, head_only=False) is None:
        return f.previous.category  # 全县总数达到87个: the total of the figure before
    if action_category:
        return action_category
    for verb in f.verbs:
        if verb in cats.verbs:
            return cats.verbs[verb]
    hit = m.context.search(f.clause) if m.context is not None else None
    if hit:
        return cats.context[hit.group()]
    found = _noun_category(words, lexicon, head_only=False)
    if found:
        return found
    if not f.phrase.words and same_dimension:
        return f.previous.category  # 会员达到86.3万人,比上年增加3.2万人
    hit = m.context.search(f.sentence) if m.context is not None else None
    if hit:
        return cats.context[hit.group()]
    return cats.default_by_dimension.get(q.dimension, cats.fallback)


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


def read_figure(words: SentenceWords, q: Quantity, previous: Indicator | None) -> Figure:
    """The counted noun, the verb and the clause of one figure."""
    sentence, lexicon = words.sentence, words.lexicon
    rel_start, rel_end = q.start - sentence.start, q.end - sentence.start
    c_left, c_right = clause_span(sentence.text, rel_start, rel_end, words.g.clause_breaks)
    before_verbs, after_verbs = verbs_around(words, q)
    before = phrase_before(words, q)
    phrase = phrase_after(words, q)
    if not phrase.tokens:
        phrase = before
    action = before.verb or (before_verbs[0] if before_verbs else "") or \
        (after_verbs[0] if after_verbs else "")
    phrase.drop_place(lexicon.categories.place_prefixes)
    if not phrase.text and before.after_figure and previous is not None:
        action = action or previous.action  # 3895对6945人: the noun of the figure before
        phrase = Phrase([previous.counted], words.g.phrase_quotes)
    return Figure(q, phrase, action, before_verbs + after_verbs, sentence.text[c_left:rel_start],
                  sentence.text[c_left:c_right], sentence.text, previous)


def interpret(sentence: Sentence, quantities: list[Quantity], lexicon: Lexicon,
              pos_dictionary=None) -> list[Indicator]:
    """Give each quantity of the sentence its meaning; returns the indicators in order.
    `pos_dictionary(word)` gives the tag of a word the sentence's tokens do not hold."""
    words = SentenceWords(sentence, quantities, lexicon, pos_dictionary)
    expressions = time_expressions(sentence, lexicon)
    out: list[Indicator] = []
    previous: Indicator | None = None
    for q in quantities:
        f = read_figure(words, q, previous)
        counted = f.phrase.text
        ind = Indicator(
            **vars(q), sentence_id=sentence.id,
            # a ratio is one already: 人均收入增长6.2% is not an amount per person
            basis="total" if q.dimension in lexicon.units.ratio_dimensions
            else basis_of(f.clause_before, counted, lexicon),
            category=categorize(f, lexicon), counted=counted, action=f.action,
            period=period_of(sentence, q.start, expressions),
        )
        out.append(ind)
        previous = ind
    return out
