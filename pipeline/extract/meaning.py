"""What a quantity means: the thing counted, the verb that governs it, its category,
its basis (total or per unit) and the time scope of its sentence.

All the words come from the lexicons (categories.yaml, basis.yaml, periods.yaml,
grammar.yaml); this module reads a sentence's words (with the tags the segment stage
gave them) around each quantity:

- counted: the noun phrase right after the measure word ("建立8个志愿服务队"), or else
  the one right before the number ("发展会员6303名"); a figure that directly follows
  another ("3895对6945人") shares its noun.
- action: the nearest verb before the figure in its clause, or else right after the noun.
- category: a scored decision over the figure's features (categories.py), with the
  trigger words of categories.yaml among them.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from ..lexicon import Lexicon
from ..report import Indicator, Quantity, Sentence, Token
from .categories import LETTER, Figure, Phrase, content_word_set, decide
from .category_rules import alternation
from .clauses import clause_end, clause_marks, clause_start
from .years import period_matches

MAX_RELATIVE = 10  # characters of a relative clause between a measure word and its noun
MAX_COUNTED = 16  # characters of a counted noun phrase, at most


@lru_cache(maxsize=8)
def _per_unit(lexicon: Lexicon) -> re.Pattern | None:
    return alternation(lexicon.per_unit_markers)


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
        self._content: list[tuple[int, int, str]] | None = None
        self._content_starts: list[int] = []
        self._content_ends: list[int] = []
        self.pieces: set[int] = set()  # starts of the pieces after() split off a word
        self._verb: dict[str, bool] = {}  # is_verb's answers: every figure asks of the same words
        self.shared: dict = {}  # the Figure.shared of the sentence's figures
        self._marks = clause_marks(sentence.text, self.g.clause_breaks)  # offsets in the text, in order
        self._q_starts = sorted(q.start for q in quantities)  # for the figures beside a figure
        self._q_ends = sorted(q.end for q in quantities)

    def content(self) -> list[tuple[int, int, str]]:
        """(start, end, word) of the words outside every quantity that can say what is
        counted (categories.content_words), in order; computed once per sentence."""
        if self._content is None:
            # the tokens between the quantities' tokens, as slices: a few per sentence
            free: list[Token] = []
            kept_from = 0
            for first, last in sorted(self._token_span(q.start, q.end) for q in self.quantities):
                free += self.tokens[kept_from:first]
                kept_from = max(kept_from, last)
            free += self.tokens[kept_from:]
            keep = content_word_set(free)
            self._content = [(t.start, t.end, t.text) for t in free if t.text in keep]
            self._content_starts = [start for start, _, _ in self._content]
            self._content_ends = [end for _, end, _ in self._content]
        return self._content

    def _token_span(self, start: int, end: int) -> tuple[int, int]:
        """The indices [first, last) of the tokens that overlap [start, end) (non-empty)."""
        return bisect_right(self._ends, start), bisect_left(self._starts, end)

    def content_overlapping(self, left: int, right: int) -> list[tuple[int, int, str]]:
        """The content() words that overlap [left, right), found by bisection (the words
        are in order and do not overlap: their starts and their ends are both sorted)."""
        content = self.content()
        return content[bisect_right(self._content_ends, left):bisect_left(self._content_starts, right)]

    def clause_span(self, start: int, end: int) -> tuple[int, int]:
        """clause_span(text, start, end, breaks) of the sentence's text, by bisection of
        its clause marks (found once for all its figures)."""
        marks = self._marks
        k = bisect_left(marks, start)
        left = marks[k - 1] + 1 if k else 0
        if end >= len(self.sentence.text):
            return left, end
        k = bisect_left(marks, end)
        return left, marks[k] if k < len(marks) else len(self.sentence.text)

    def beside(self, q: Quantity, left: int, right: int) -> tuple[int, int]:
        """[left, right) narrowed to the end of the figure before `q` and the start of the
        one after it, by bisection (a figure's part of its clause)."""
        k = bisect_right(self._q_ends, q.start)
        if k:
            left = max(left, self._q_ends[k - 1])
        k = bisect_left(self._q_starts, q.end)
        if k < len(self._q_starts):
            right = min(right, self._q_starts[k])
        return left, right

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
            self.pieces.add(offset)
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
        try:
            return self._verb[word]
        except KeyError:
            verb = self._verb[word] = self._is_verb(word)
            return verb

    def _is_verb(self, word: str) -> bool:
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
        """Punctuation, prepositions, particles, adverbs, pronouns, numerals, conjunctions of
        predicates: no part of a noun."""
        if word[0] in self.g.noun_breaks or word in self.g.clause_conjunctions:
            return True
        tag = self.pos(word)
        return tag is not None and tag[0] in self.g.break_initials


def phrase_after(words: SentenceWords, q: Quantity, tokens: list[Token] | None = None) -> Phrase:
    """The noun right after the measure word: 建立8个志愿服务队, 4批40名干部; past a
    relative clause of a verb, the noun after its 的 (280家巩固脱贫的中小企业).
    `tokens`: words.after(q.end), when the caller has them."""
    g = words.g
    tokens = words.after(q.end) if tokens is None else tokens
    i = relative = _past_relative_clause(words, tokens)
    # a figure right after this one measures the same noun: 4批40名干部
    while i < len(tokens) and (next_figure := words.quantity_at(tokens[i].start)) is not None:
        end = next_figure.end
        while i < len(tokens) and tokens[i].start < end:
            i += 1
    parts: list[str] = []
    cut_by_figure = in_quote = in_bracket = False
    rest = tokens[i:]
    for k, t in enumerate(rest):
        w = t.text
        if words.quantity_at(t.start) is not None:
            cut_by_figure = True
            break
        if w in g.phrase_quotes:
            # a quoted name right after the measure word is the noun whatever its words:
            # 20个“农村妇女小额担保贷款先进个人”
            in_quote = (w in g.open_quotes and not parts) or (in_quote and w not in g.close_quotes)
            continue
        if not parts and (w == g.particle or w in g.determiners):
            continue
        if parts and not in_quote and (in_bracket or w[0] in g.open_brackets):
            parts.append(w)  # 市(区), 企业(工地): a bracket right after the noun is part of it
            in_bracket = w[-1] not in g.close_brackets
            if sum(map(len, parts)) >= MAX_COUNTED:
                break
            continue
        if w in g.glued_nouns and (parts or (t.start in words.pieces and t.start == q.end)):
            parts.append(w)  # 8个村工会组织 cut 个村|工会组织, 48个活动站 cut 活动|站 (站 a verb alone)
            continue
        if parts and words.pos(w) in g.after_noun_break_tags:
            break  # 6名代表积极参加: the predicate begins
        if parts and words.is_verb(w) and k + 1 < len(rest) and rest[k + 1].text in g.glued_nouns:
            parts.append(w)  # 4个国家级重点帮扶县: a verb before a noun's last character is the noun's
            continue
        if not in_quote and not parts and words.is_verb(w) and _modifies_a_trigger(words, tokens, t):
            parts.append(w)  # 12个帮扶工作组, 5个服务站点: the verb is part of a known noun
            continue
        if not in_quote and (w[0] in g.open_brackets or words.breaks_phrase(w) or words.is_verb(w) or
                             (not parts and not words.is_nounish(w))):
            break
        parts.append(w)
        if sum(map(len, parts)) >= MAX_COUNTED:
            break
    if cut_by_figure and len(parts) > 1:
        # 26家小微企业工会经费53.91万元: the words before the next figure are its own;
        # 40名女能手和20名带头人: those after a conjunction
        joints = [k for k, w in enumerate(parts) if k and (words.pos(w) or " ")[0] in g.conjunction_initials]
        parts = parts[:joints[-1]] if joints else parts[:1]
    return Phrase(parts, g.phrase_quotes, past_relative=i > 0 and i == relative)


def _past_relative_clause(words: SentenceWords, tokens: list[Token]) -> int:
    """Where the counted noun starts when a verb opens the words after the measure word and
    a 的 closes them within MAX_RELATIVE characters, in its clause, with no figure between
    (36家生产经营困难的企业, 5000名符合条件的困难职工): after the 的; else 0."""
    g = words.g
    if not tokens or not words.is_verb(tokens[0].text) or _modifies_a_trigger(words, tokens, tokens[0]):
        return 0
    length = 0
    for k, t in enumerate(tokens):
        length += len(t.text)
        if length > MAX_RELATIVE or t.text[0] in g.noun_breaks or words.quantity_at(t.start) is not None:
            return 0
        if t.text == g.particle:
            return k + 1 if k + 1 < len(tokens) and words.is_nounish(tokens[k + 1].text) else 0
    return 0


def _modifies_a_trigger(words: SentenceWords, tokens: list[Token], verb: Token) -> bool:
    """The verb right after a measure word is the first part of a noun when the nouns
    after it end with a trigger noun of categories.yaml (帮扶 + 工作组)."""
    nouns = []
    for t in tokens[tokens.index(verb) + 1:]:
        if words.quantity_at(t.start) is not None or words.breaks_phrase(t.text) or \
                words.is_verb(t.text) or not words.is_nounish(t.text):
            break
        nouns.append(t.text)
    text = "".join(nouns)
    return bool(text) and text.endswith(_trigger_nouns(words.lexicon))


@lru_cache(maxsize=8)
def _trigger_nouns(lexicon: Lexicon) -> tuple[str, ...]:
    return tuple(n for n in lexicon.categories.nouns if len(n) > 1)


def _adjacent_verb(words: SentenceWords, tokens: list[Token]) -> tuple[str, int]:
    """A verb right before the figure (达2091人, 共计1260家, 由98万人), and where the
    words before it start."""
    verb, i = "", 0
    if len(tokens) > 1 and tokens[0].text in words.g.aspect_particles and words.is_verb(tokens[1].text):
        i = 1  # 达到了1.17万家: the verb is 达到
    if len(tokens) > 1 and tokens[0].text in words.g.copulas and \
            tokens[1].text in words.lexicon.categories.transparent_heads:
        return tokens[0].text, 1  # 定点医疗机构数量为6.3万家: 为 is "is" after a 数量 (not 为3000名职工's "for")
    while i < len(tokens) and (tokens[i].text in words.g.from_to or words.is_verb(tokens[i].text)):
        if tokens[i].text in words.g.glued_nouns and i + 1 < len(tokens) and words.is_nounish(tokens[i + 1].text):
            break  # 活动站48个 cut 活动|站: 站 ends the noun, it is no verb here
        if tokens[i].text not in words.g.from_to:
            verb = verb or tokens[i].text
        i += 1
    while (verb or i == 0) and i + 1 < len(tokens) and tokens[i].text in words.g.adverbs_before_verb:
        # 基层工会组织已达到612个, 站点总数已超过18万个 (超过 is the figure's qualifier),
        # 会员共3.2万人: the noun stands before the adverb
        i += 1
    return verb, i


def _modifies_noun(words: SentenceWords, word: str, before: list[Token]) -> bool:
    """A verbal noun (tagged vn: 培训, 帮扶) between a verb and a noun is part of the noun
    (发放|培训手册, 开展|帮扶活动): the verb before it governs the figure."""
    return bool(before) and words.pos(word) in words.g.not_verb_tags and words.is_verb(before[0].text)


def phrase_before(words: SentenceWords, q: Quantity, tokens: list[Token] | None = None) -> Phrase:
    """The noun right before the figure: 发展会员6303名, 社会化工会工作者达2091人.
    `tokens`: words.before(q.start), when the caller has them."""
    g = words.g
    tokens = words.before(q.start) if tokens is None else tokens
    phrase = Phrase([], g.phrase_quotes)
    adjacent_verb, i = _adjacent_verb(words, tokens)
    parts: list[str] = []
    in_quote = in_bracket = False
    rest = tokens[i:]
    for k, t in enumerate(rest):
        w = t.text
        if words.quantity_at(t.start) is not None:
            phrase.after_figure = not parts
            break
        # a quoted name is part of the noun whatever its words: “送健康”活动
        if w in g.close_quotes or in_quote:
            parts.append(w)
            in_quote = w not in g.open_quotes
            continue
        if in_bracket or w[0] in g.close_brackets:  # 企业(单位)自查, 服务中心(站) stay whole
            parts.append(w)
            in_bracket = w[0] not in g.open_brackets
            continue
        if w[0] in g.open_brackets:
            if parts:
                parts.append(w)
            continue
        if w in g.phrase_quotes:
            continue
        if w in g.glued_nouns:  # 村|卫生室46个, 活动|站48个: a character of the noun cut off it
            parts.append(w)
            continue
        if w == g.particle or words.breaks_phrase(w):
            break
        if words.is_verb(w):
            if parts and _modifies_noun(words, w, rest[k + 1:k + 2]):
                parts.append(w)  # 发放培训手册近2000本: 培训 names the 手册, 发放 is the verb
                continue
            phrase.verb = w
            break
        parts.append(w)
        if sum(map(len, parts)) >= MAX_COUNTED:
            break
    phrase.tokens = list(reversed(parts))
    phrase.verb = adjacent_verb or phrase.verb
    return phrase


def verbs_around(words: SentenceWords, q: Quantity, before: list[Token] | None = None,
                 after: list[Token] | None = None) -> tuple[list[str], list[str]]:
    """Verbs of the figure's clause: before it (nearest first) and after it (nearest first).
    `before`, `after`: words.before(q.start) and words.after(q.end), when the caller has them."""
    def verbs(tokens, opening, closing):
        out, quoted, breaks, is_verb = [], False, words.g.clause_breaks, words.is_verb
        for t in tokens:
            w = t.text
            if w in breaks:
                break
            if w in opening or w in closing:  # a quoted name holds no verb of the clause
                quoted = w in opening
            elif not quoted and is_verb(w):
                out.append(w)
        return out

    g = words.g
    return (verbs(words.before(q.start) if before is None else before, g.close_quotes, g.open_quotes),
            verbs(words.after(q.end) if after is None else after, g.open_quotes, g.close_quotes))


def clause_span(text: str, start: int, end: int, breaks) -> tuple[int, int]:
    """The clause around [start, end) of `text`, between clause punctuation."""
    return clause_start(text, start, breaks), clause_end(text, end, breaks)


def categorize(f: Figure, lexicon: Lexicon) -> tuple[str, float | None]:
    """The category of a figure and how sure it is (categories.decide). `f.previous` is
    the figure before it in the sentence, whose noun an elided one shares
    ("新建服务站19个,全县总数达到87个")."""
    return decide(f, lexicon)


def time_expressions(sentence: Sentence, lexicon: Lexicon) -> list[re.Match]:
    """The time expressions of a sentence (periods.yaml), in order of their start."""
    hits = period_matches(sentence.text, lexicon)
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
    pattern = _per_unit(lexicon)
    if pattern is not None and (pattern.search(clause_before) or pattern.search(counted)):
        return "per_unit"
    return "total"


def read_figure(words: SentenceWords, q: Quantity, previous: Indicator | None) -> Figure:
    """The counted noun, the verb and the clause of one figure."""
    sentence, lexicon = words.sentence, words.lexicon
    rel_start, rel_end = q.start - sentence.start, q.end - sentence.start
    c_left, c_right = words.clause_span(rel_start, rel_end)
    # the tokens on each side copied once for the verbs and the phrases (none changes them)
    tokens_before, tokens_after = words.before(q.start), words.after(q.end)
    before_verbs, after_verbs = verbs_around(words, q, tokens_before, tokens_after)
    before = phrase_before(words, q, tokens_before)
    phrase = phrase_after(words, q, tokens_after)
    if not phrase.tokens or (phrase.past_relative and before.tokens):
        phrase = before  # 投入资金500万元建设的职工之家: the noun before the figure is its own
    action = before.verb or (before_verbs[0] if before_verbs else "") or \
        (after_verbs[0] if after_verbs else "")
    phrase.drop_place(lexicon.categories.place_prefixes)
    if not phrase.text and before.after_figure and previous is not None:
        action = action or previous.action  # 3895对6945人: the noun of the figure before
        phrase = Phrase([previous.counted], words.g.phrase_quotes)
    f = Figure(q, phrase, action, before_verbs + after_verbs, sentence.text[c_left:rel_start],
               sentence.text[c_left:c_right], sentence.text, previous, shared=words.shared)
    _clause_words(f, words, sentence.start + c_left, sentence.start + c_right)
    return f


def _clause_words(f: Figure, words: SentenceWords, left: int, right: int) -> None:
    """The words of the figure's part of its clause before and after it: from the figure
    before it to the figure after it (帮助寻亲返乡85名、链接就业7名、送医治疗11名: 送医治疗 is
    none of 85名's words, 寻亲 none of 11名's)."""
    q = f.quantity
    left, right = words.beside(q, left, right)
    f.segment = words.sentence.text[left - words.sentence.start:right - words.sentence.start]
    before, after = [], []
    for start, end, word in words.content_overlapping(left, right):
        if left <= start and end <= q.start:
            before.append(word)
        elif q.end <= start and end <= right:
            after.append(word)
    before.reverse()  # nearest first
    f.words_before, f.words_after = before, after
    f.near_before, f.near_after = _near(before, f.action, words), _near(after, f.action, words)


def _near(clause_words: list[str], action: str, words: SentenceWords, n: int = 2) -> list[str]:
    """The first n of clause_words that are not function words nor the governing verb."""
    out, g = [], words.g
    for w in clause_words:
        tag = words.pos(w) or "x"
        if w != action and w not in g.from_to and tag[0] not in g.break_initials \
                and tag[0] not in g.conjunction_initials:
            out.append(w)
            if len(out) == n:
                break
    return out


def interpret(sentence: Sentence, quantities: list[Quantity], lexicon: Lexicon,
              pos_dictionary=None, heading: list[str] | None = None, decide=categorize) -> list[Indicator]:
    """Give each quantity of the sentence its meaning; returns the indicators in order.
    `pos_dictionary(word)` gives the tag of a word the sentence's tokens do not hold;
    `heading` is the words of the section heading the sentence stands under;
    `decide(figure, lexicon)` gives (category, confidence), by default `categorize`."""
    words = SentenceWords(sentence, quantities, lexicon, pos_dictionary)
    expressions = time_expressions(sentence, lexicon)
    out: list[Indicator] = []
    previous: Indicator | None = None
    last_of: dict[str, Indicator] = {}  # the last figure of each dimension so far
    for q in quantities:
        f = read_figure(words, q, previous)
        f.heading = heading or []
        f.previous_alike = last_of.get(q.dimension)
        counted = f.phrase.text
        category, confidence = decide(f, lexicon)
        ind = Indicator(
            **vars(q), sentence_id=sentence.id,
            # a ratio is one already: 人均收入增长6.2% is not an amount per person
            basis="total" if q.dimension in lexicon.units.ratio_dimensions
            else basis_of(f.clause_before, counted, lexicon),
            category=category, category_confidence=confidence, counted=counted, action=f.action,
            period=period_of(sentence, q.start, expressions),
        )
        out.append(ind)
        previous = last_of[q.dimension] = ind
    return out
