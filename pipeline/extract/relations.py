"""Relations between the figures of one report (SPEC.md `part_of`, `repeat_of`).

Parts of a breakdown. After a breakdown word (kinds.yaml `parts.breakdown`: 其中, 包括,
含) or a colon right after a figure, each figure of the same dimension is a part of the
nearest figure before the word that can hold it: the same dimension, a larger value
(when both are in one currency), neither a rate, a change nor an amount per unit. A
sentence that opens with the word takes its whole from the sentence before. A breakdown
reaches the next semicolon, or with a colon (其中：…) the end of the sentence, or, opened
inside a bracket (村街联合会5家(包含企业97家)), the bracket's close; after a
semicolon it goes on for figures of the category of the whole or a part before them, with
no verb of their own or theirs, while the parts still add up to no more than the whole ("资助困难学生
4326名，其中大学新生1120名，每人资助5000元；中小学生3206名"). A figure whose words since
the figure before it name a subset (`parts.subset`: 受理41件，调解成功36件) is a part of
an earlier figure of the sentence with the same measure word and a larger value.

Repeats. A figure is a repeat of the first earlier figure of the report, in another
sentence, with the same value, dimension, currency and basis, that counts the same thing:
the same counted noun; or counted nouns with the same head, the last two characters of
one in the other ("民生实事项目" and "项目", not "职工驿站" and "职工书屋"), for a value
of 10 or more with two significant digits or more; or, for a
value of three significant digits or more, which seldom recurs by chance, words right
before them that share two characters in a row ("参保群众达412.6万人", "参保人数达到
412.6万人") or the same category ("吸纳新会员6158名", "入会6158名"). A headline repeated
in the body, or a lead restated, is linked this way, and so is a figure written with fewer
digits (a headline's 6865万元 for the body's 6865.77万元, cut off or rounded, of three
significant digits or more). Never linked: figures of two different years, a target and a
figure that is none (2024年兑现10件实事, 今年将做好10件实事), figures whose sentences each name
a year of their own and not the same one, rates, and a part of a breakdown.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..lexicon import Lexicon
from ..lexicon.patterns import led_by_first_chars
from ..report import Indicator, Report, Sentence
from .clauses import clause_start
from .kinds import SEMICOLONS

SUM_TOLERANCE = 1.02  # parts may add up to a little more than a rounded whole
SUM_MATCH = 0.01  # parts without a breakdown word must add up to their whole, but for rounding
MIN_LISTED_WHOLE = 10  # below this, small figures add up to another too often by chance
LIST_MARKS = ("、",)
COMMAS = (",", "，")
COLONS = ":："
OPEN_BRACKETS, CLOSE_BRACKETS = "(（[【", ")）]】"
MIN_REPEAT_VALUE = 10  # below this, equal counts are too often a coincidence
CONTEXT_CHARS = 6  # the words right before a figure that say what it counts
YEAR = re.compile(r"(\d{4})\s*年")
WRITTEN = re.compile(r"(\d+)(?:\.(\d+))?\s*(万|亿)?")
MAGNITUDES = {"万": 1e4, "亿": 1e8}


@dataclass
class Cue:
    start: int  # in the sentence
    end: int
    scope_end: int
    to_sentence_end: bool  # opened by a colon


def _linkable(ind: Indicator, lexicon: Lexicon) -> bool:
    return (ind.dimension not in lexicon.units.ratio_dimensions and ind.basis == "total"
            and ind.kind != "change")


def _cues(sentence: Sentence, figures: list[Indicator], lexicon: Lexicon) -> list[Cue]:
    """The breakdown words of a sentence, and the colons and `parts.after_figure` words
    (6444例中，有…) right after a figure."""
    text, parts = sentence.text, lexicon.kinds
    breakdown = led_by_first_chars(parts.breakdown) if parts.breakdown else None
    found = [(m.start(), m.end()) for m in breakdown.finditer(text)] if breakdown else []
    ends = {ind.end - sentence.start for ind in figures}
    found += [(i, i + 1) for i in _positions(text, parts.colon) if i in ends or i - 1 in ends]  # at or after one
    found += [(e, e + len(w)) for e in ends if text.startswith(parts.after_figure, e)  # most have none
              for w in parts.after_figure if text.startswith(w, e)]
    found.sort()
    cues = []
    for k, (start, end) in enumerate(found):
        if cues and start < cues[-1].end:
            continue  # 其中: counts once
        after = text[end:].lstrip(", ，")
        colon = text[start:end] in parts.colon or after.startswith(parts.colon)
        stop = found[k + 1][0] if k + 1 < len(found) else len(text)
        if not colon:
            semi = [i for i in (text.find(c, end) for c in SEMICOLONS) if i >= 0]
            stop = min([stop] + semi)
        closing = _bracket_close(text, start, end, lexicon.grammar)
        if closing is not None:  # 村街联合会5家(包含企业97家),…: the bracket holds the breakdown
            stop, colon = min(stop, closing), False
        cues.append(Cue(start, end, stop, colon))
    return cues


def _bracket_close(text: str, start: int, end: int, grammar) -> int | None:
    """Where the bracket closes that a breakdown word at [start, end) stands in (opened
    before it in its clause, not closed before it); None when it stands in none."""
    depth = 0
    for i in range(start - 1, -1, -1):
        ch = text[i]
        if ch in grammar.close_brackets:
            depth += 1
        elif ch in grammar.open_brackets:
            if depth == 0:
                break
            depth -= 1
        elif ch in grammar.clause_breaks and depth == 0:
            return None
    else:
        return None
    for i in range(end, len(text)):
        if text[i] in grammar.close_brackets:
            return i
    return None


def _positions(text: str, chars) -> list[int]:
    """Where each of `chars` that is one character stands in text, in order."""
    out = []
    for ch in {c for c in chars if len(c) == 1}:
        i = text.find(ch)
        while i >= 0:
            out.append(i)
            i = text.find(ch, i + 1)
    return sorted(out)


def _fits(part: Indicator, whole: Indicator, added: float) -> bool:
    if part.dimension != whole.dimension:
        return False
    if part.currency != whole.currency:
        return True  # 其中美元捐款126万美元: not comparable in value
    return part.value <= whole.value and added + part.value <= whole.value * SUM_TOLERANCE


class PartLinker:
    """part_of for the figures of one report, sentence by sentence."""

    def __init__(self, report: Report, lexicon: Lexicon, doc_id: str):
        self.lexicon, self.doc_id = lexicon, doc_id
        self.by_sentence: dict[int, list[Indicator]] = {}
        for ind in report.indicators:
            self.by_sentence.setdefault(ind.sentence_id, []).append(ind)
        self.sentences = report.sentences
        self.added: dict[int, float] = {}  # what the parts of each whole add up to, by start
        self.clause_starts: dict[int, int] = {}  # by figure start: asked by three rules each

    def clause_start(self, sentence: Sentence, ind: Indicator) -> int:
        """Where the clause of a figure starts, in its sentence's text."""
        found = self.clause_starts.get(ind.start)
        if found is None:
            found = self.clause_starts[ind.start] = clause_start(
                sentence.text, ind.start - sentence.start, self.lexicon.grammar.clause_breaks)
        return found

    def link(self, part: Indicator, whole: Indicator) -> None:
        part.part_of = whole.indicator_id(self.doc_id)
        self.added[whole.start] = self.added.get(whole.start, 0.0) + part.value

    def whole_for(self, part: Indicator, pool: list[Indicator]) -> Indicator | None:
        """The nearest whole before the breakdown word that the part fits: one of the part's
        own noun first (41个建设项目，…增加学位2.2万个。其中民生实事项目18个: the projects'),
        then one counted with the part's own measure word (签订集体合同1860份，覆盖企业3420家，
        其中…1230份)."""
        fitting = [w for w in reversed(pool)
                   if w is not part and _fits(part, w, self.added.get(w.start, 0.0))]
        same = [w for w in fitting if w.unit == part.unit]
        return next((w for w in same if part.counted and w.counted and _same_head(part.counted, w.counted)),
                    same[0] if same else (fitting[0] if fitting else None))

    def run(self) -> None:
        previous: list[Indicator] = []
        for sentence in self.sentences:
            figures = self.by_sentence.get(sentence.id, [])
            if figures:
                self.sentence(sentence, figures, previous)
            previous = [f for f in figures if _linkable(f, self.lexicon)]

    def sentence(self, sentence: Sentence, figures: list[Indicator], previous: list[Indicator]) -> None:
        rel = lambda ind: ind.start - sentence.start  # noqa: E731
        linkable = [f for f in figures if _linkable(f, self.lexicon)]
        cues = _cues(sentence, figures, self.lexicon)
        for cue in cues:
            pool = [f for f in linkable if rel(f) < cue.start]
            if not pool and not sentence.text[:cue.start].strip(" ,，"):
                pool = previous  # 。其中，…: the whole is in the sentence before
            used: list[Indicator] = []  # the wholes and parts of this breakdown
            for part in (f for f in linkable if cue.end <= rel(f) and not f.part_of):
                if rel(part) >= cue.scope_end and not self.goes_on(sentence, part, used, cue, cues):
                    continue
                whole = self.whole_for(part, pool)
                if whole is not None:
                    self.link(part, whole)
                    used += [whole, part]
        self.subsets(sentence, linkable)
        self.listed_parts(sentence, linkable)
        self.summed_parts(sentence, linkable)

    def goes_on(self, sentence: Sentence, part: Indicator, used: list[Indicator], cue: Cue,
                cues: list[Cue]) -> bool:
        """A figure after the semicolon that ends a breakdown still belongs to it: no
        other breakdown word or colon between, the category of its whole or of a part
        before it, and no verb of its own but theirs, when they have one ("；中小学生3206名"
        goes on; "；新建驿站5个" does not); not once the parts add up to the whole. `cues`:
        the sentence's (_cues)."""
        if not used or any(self.added.get(w.start, 0.0) >= w.value * (1 - SUM_MATCH) for w in used[::2]):
            return False  # no whole yet, or its parts already add up to it
        later = [c for c in cues if cue.start < c.start <= part.start - sentence.start]
        return not later and any(part.category == w.category
                                 and (not part.action or not w.action or part.action == w.action)
                                 for w in used)

    def subsets(self, sentence: Sentence, linkable: list[Indicator]) -> None:
        """受理劳动争议案件41件，调解成功36件: the clause names a subset of the figure before."""
        pattern = self.lexicon.kinds.subset
        if pattern is None:
            return
        for k, part in enumerate(linkable):
            if part.part_of:
                continue
            rel = part.start - sentence.start
            left = self.clause_start(sentence, part)
            if k:  # only since the figure before: not a 成功 earlier in a list (、)
                left = max(left, linkable[k - 1].end - sentence.start)
            if not pattern.search(sentence.text[left:rel]):
                continue
            pool = [w for w in linkable[:k] if w.unit == part.unit and w.value > part.value]
            whole = self.whole_for(part, pool)
            if whole is not None:
                self.link(part, whole)


    def listed_parts(self, sentence: Sentence, linkable: list[Indicator]) -> None:
        """A total, then in the next clause a list (、) of figures of its dimension that add up
        to it, without 其中 ("新建基层工会14个，社区工会联合会2个、楼宇工会3个、独立建会企业9家")."""
        text, breaks = sentence.text, self.lexicon.grammar.clause_breaks
        for k, whole in enumerate(linkable):
            if whole.part_of or whole.value < MIN_LISTED_WHOLE or self.added.get(whole.start):
                continue
            summed = self.summed(sentence, whole)
            run = _list_after(text, sentence.start, whole, linkable[k + 1:], breaks, summed)
            if len(run) >= 2 and _adds_up(run, whole) and not any(f.part_of for f in run):
                for part in run:
                    self.link(part, whole)

    def summed(self, sentence: Sentence, whole: Indicator) -> bool:
        """A total word (共, 合计) before the figure in its clause."""
        pattern = self.lexicon.kinds.total
        return pattern is not None and pattern.search(
            sentence.text, self.clause_start(sentence, whole), whole.start - sentence.start) is not None

    def summed_parts(self, sentence: Sentence, linkable: list[Indicator]) -> None:
        """合计27.22万元 after the figures it adds up (发放慰问金22.68万元，慰问品价值4.61万元)."""
        words = self.lexicon.kinds.sum_words
        for k, total in enumerate(linkable):
            before = sentence.text[self.clause_start(sentence, total):total.start - sentence.start]
            if not any(w in before for w in words):
                continue
            run = []
            for before in reversed(linkable[:k]):
                if before.dimension != total.dimension or before.currency != total.currency or before.part_of:
                    break
                run.insert(0, before)
            while len(run) >= 2 and not _adds_up(run, total):
                run.pop(0)  # the nearest figures before it that add up to it
            if len(run) >= 2:
                for part in run:
                    self.link(part, total)


def _list_after(text: str, offset: int, whole: Indicator, later: list[Indicator], breaks,
                summed: bool) -> list[Indicator]:
    """The figures of whole's dimension listed right after it: in the next clause joined by
    、, or by commas too after a total word (`summed`: 共慰问432人，困难职工183人，大病职工107人),
    or in brackets (新建工会组织14个(社区工会联合会2个、楼宇工会3个…))."""
    end = whole.end - offset
    if end >= len(text):
        return []
    bracket = text[end] in OPEN_BRACKETS
    if not bracket and (text[end] not in breaks or text[end] in SEMICOLONS + COLONS):
        return []
    separators = LIST_MARKS + (COMMAS if bracket or summed else ())
    run: list[Indicator] = []
    for f in later:
        gap = text[end:f.start - offset]
        if run and not gap.startswith(separators):
            break
        gap = gap[1:]  # after the opening mark or the separator
        if f.dimension != whole.dimension or f.currency != whole.currency:
            break
        if any(c in breaks or c in CLOSE_BRACKETS for c in gap):
            break
        run.append(f)
        end = f.end - offset
    return run


def _adds_up(parts: list[Indicator], whole: Indicator) -> bool:
    total = sum(p.value for p in parts)
    return abs(total - whole.value) <= whole.value * SUM_MATCH


def link_parts(report: Report, lexicon: Lexicon, doc_id: str) -> None:
    PartLinker(report, lexicon, doc_id).run()


def categories_of_parts(report: Report, lexicon: Lexicon, doc_id: str) -> None:
    """A part of a breakdown counts what its whole counts (培训40期2114人(脱贫人口劳动力1785人…):
    trained people, whatever the part's own noun suggests), unless the part says otherwise
    itself: a category decided by a rule (confidence 1: an override, an outcome: 其中1080名
    学员实现就业), its own verb a trigger of its category (其中安排工作289名), or an honour
    among places (其中全国模范职工之家3个: categories.yaml `own_category_in_parts`)."""
    cats = lexicon.categories
    by_id = {ind.indicator_id(doc_id): ind for ind in report.indicators}
    for ind in report.indicators:
        whole = by_id.get(ind.part_of)
        if whole is None or whole.dimension != ind.dimension or whole.category == ind.category:
            continue
        if ind.category in cats.own_category_in_parts or ind.category_confidence == 1.0 or \
                cats.verbs.get(ind.action) == ind.category:
            continue
        ind.category, ind.category_confidence = whole.category, whole.category_confidence


def _explicit_year(period: str) -> str | None:
    m = YEAR.search(period)
    return m.group(1) if m else None


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def _same_head(a: str, b: str) -> bool:
    """The last two characters of one noun (its head) are in the other: 民生实事项目 and
    项目; not 职工驿站 and 职工书屋."""
    return len(a) >= 2 and len(b) >= 2 and (a[-2:] in b or b[-2:] in a)


def _significant_digits(value: float) -> int:
    digits = f"{abs(value):.6f}".replace(".", "").strip("0")
    return len(digits)


def same_figure(first: Indicator, later: Indicator, words: dict[int, str]) -> bool:
    """Two mentions of one figure (see the module docstring); their value, dimension,
    currency and basis are already the same. `words`: by start, the words right before
    each figure."""
    if (first.kind == "change") != (later.kind == "change") or (first.kind == "target") != (later.kind == "target"):
        return False  # 2024年兑现10件实事 and 今年将做好10件实事 are two things
    years = [_explicit_year(first.period), _explicit_year(later.period)]
    if None not in years and years[0] != years[1]:
        return False  # each sentence names its own year, and they differ
    digits = _significant_digits(first.value)
    if first.counted and first.counted == later.counted:
        return True
    if _same_head(first.counted, later.counted):
        return first.value >= MIN_REPEAT_VALUE and digits >= 2
    if _bigrams(words[first.start]) & _bigrams(words[later.start]):
        return digits >= 3  # the words before may be a verb both share (新建驿站12个, 新建书屋12个)
    return first.category == later.category and digits >= 3


def _words_of(report: Report, lexicon: Lexicon) -> dict[int, str]:
    """The last words of each figure's clause before it (参保群众达412.6万人 and
    参保人数达到412.6万人 count the same, whatever noun was read)."""
    by_sentence = {s.id: s for s in report.sentences}
    last_break = _last_break(lexicon.grammar.clause_breaks)
    out = {}
    for ind in report.indicators:
        s = by_sentence[ind.sentence_id]
        before = s.text[:ind.start - s.start]
        m = last_break.match(before)
        cut = (m.start(1) if m else -1) + 1
        out[ind.start] = before[cut:][-CONTEXT_CHARS:]
    return out


@functools.lru_cache(maxsize=16)
def _last_break(breaks) -> re.Pattern:
    """Where the last clause mark of a text starts (group 1): a greedy run, then a mark;
    one search, not one per mark."""
    marks = "|".join(re.escape(b) for b in sorted(breaks, key=len, reverse=True))
    return re.compile(f".*({marks})", re.S) if breaks else re.compile("(?!)")


@functools.lru_cache(maxsize=4096)  # asked for every pair of figures of one dimension
def precision(mention: str) -> float | None:
    """The unit of the last digit written: 6865万元 -> 10000, 6865.77万元 -> 100; None for
    Chinese numerals."""
    m = WRITTEN.search(mention)
    if m is None:
        return None
    decimals = len(m.group(2) or "")
    return MAGNITUDES.get(m.group(3) or "", 1.0) * 10 ** -decimals


def rounded_as(coarse: Indicator, fine: Indicator) -> bool:
    """`coarse` is `fine` written with fewer digits (6865万元 for 6865.77万元), rounded or cut
    off, with three significant digits or more."""
    step, fine_step = precision(coarse.mention), precision(fine.mention)
    if step is None or fine_step is None or fine_step >= step or not abs(fine.value - coarse.value) < step:
        return False
    return _significant_digits(coarse.value) >= 3


def link_repeats(report: Report, lexicon: Lexicon, doc_id: str) -> None:
    """Each figure to the first earlier one of the same value (or the same one rounded:
    a headline's 6865万元 for the body's 6865.77万元) that counts the same thing."""
    firsts: dict[tuple, list[Indicator]] = {}
    groups: dict[tuple, list[tuple]] = {}  # (dimension, currency, basis) -> its keys of firsts, in order
    reach: dict[tuple, float] = {}  # by group: the largest step (precision) of its firsts
    words = _words_of(report, lexicon)
    for ind in report.indicators:
        if ind.dimension in lexicon.units.ratio_dimensions or ind.part_of:
            continue
        key = (ind.dimension, ind.currency, ind.basis, round(ind.value, 6))
        if key not in firsts:
            groups.setdefault(key[:3], []).append(key)
        earlier = firsts.setdefault(key, [])
        first = next((e for e in earlier if e.sentence_id != ind.sentence_id and same_figure(e, ind, words)), None)
        step = precision(ind.mention) or 0.0
        if first is None:
            near = max(step, reach.get(key[:3], 0.0))
            first = _rounded_first(ind, [firsts[group] for group in groups[key[:3]]], near, words)
        if first is not None:
            ind.repeat_of = first.indicator_id(doc_id)
        else:
            earlier.append(ind)
            reach[key[:3]] = max(step, reach.get(key[:3], 0.0))


def _rounded_first(ind: Indicator, earlier: list[list[Indicator]], near: float,
                   words: dict[int, str]) -> Indicator | None:
    """The first of the `earlier` figures, of another sentence, that `ind` is a rounding of
    or that is a rounding of `ind`, and counts the same. `near`: the largest step of theirs
    and its: two figures farther apart are no rounding of each other."""
    for figures in earlier:
        for e in figures:
            if (e.sentence_id != ind.sentence_id and abs(e.value - ind.value) < near
                    and (rounded_as(e, ind) or rounded_as(ind, e)) and same_figure(e, ind, words)):
                return e
    return None
