"""What sort of figure an indicator is (SPEC.md `kind`): a `flow` (done within the
period), a `stock` (a level at a point in time), a `target` (a plan not yet reached) or
a `change` (a difference from a base).

The words are lexicons/kinds.yaml's; the order in which they decide is documented at
its top. Each figure is read in stretches of its sentence: the `gap` (from the figure or
clause mark before it up to the figure), its clause, its part (between semicolons) and
the sentence. Patterns are matched on the whole sentence, so that what follows a word
counts ("将20余个" is no future), and a match counts when it ends before the figure.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from ..lexicon import Lexicon
from ..lexicon.patterns import led_by_first_chars
from ..report import Indicator, Report, Sentence
from .clauses import clause_end, clause_marks

CHANGE_FILLERS = "了达"  # 增长了8.6%, 增长达12%
SEMICOLONS = ";；"
COLONS = ":："
_SEMICOLON = re.compile(f"[{SEMICOLONS}]")
_COLON = re.compile(f"[{COLONS}]")


@dataclass(frozen=True)
class Reading:
    """The kind of a figure and whether a part of a breakdown keeps it (`own`: a change,
    a target, a flow word or a point in time of its own clause); otherwise a part takes
    its whole's kind ("其中…标准建成的示范型职工小家38个" under a flow is a flow)."""
    kind: str
    own: bool


class SentenceScan:
    """What every figure of one sentence reads the same: each pattern's matches over the
    whole text, the tokens' starts, and where its clause marks (`breaks`), semicolons and
    colons are, found once for the sentence, not once per figure."""

    def __init__(self, sentence: Sentence, breaks):
        self.sentence = sentence
        text = sentence.text
        self.marks = clause_marks(text, breaks)  # offsets in the text, in order
        self.semicolons = [m.start() for m in _SEMICOLON.finditer(text)]
        self.colons = [m.start() for m in _COLON.finditer(text)]
        self._tokens = sentence.tokens
        self._starts: list[int] | None = None  # on the first question: most sentences ask none
        self._in_order = True
        # by id(pattern): hashing a compiled pattern hashes its whole code, each time
        self._matches: dict[int, list[re.Match]] = {}
        self._names: dict[tuple, list[tuple[int, int]]] = {}
        self._token_texts: frozenset[str] | None = None
        self._holds: dict[int, bool] = {}  # holds_token's answers, by id(words)

    def matches(self, pattern: re.Pattern) -> list[re.Match]:
        """pattern.finditer(text) over the whole text, in order (led by the test of its first
        characters: kinds.yaml's long lists of words)."""
        found = self._matches.get(id(pattern))
        if found is None:  # the lexicon's patterns live as long as the scan: their ids are theirs
            found = self._matches[id(pattern)] = list(led_by_first_chars(pattern).finditer(self.sentence.text))
        return found

    def tokens(self, lo: int, hi: int) -> list:
        """The tokens that start at lo or after and before hi (offsets in the text)."""
        if self._starts is None:
            self._starts = [t.start - self.sentence.start for t in self._tokens]
            self._in_order = sorted(self._starts) == self._starts
        if not self._in_order:
            return [t for t, at in zip(self._tokens, self._starts) if lo <= at < hi]
        return self._tokens[bisect_left(self._starts, lo):bisect_left(self._starts, hi)]

    def holds_token(self, words) -> bool:
        """Whether a token of the sentence is one of `words`: most sentences hold none of
        a rule's words (将, 已) and need no walk over the tokens of each figure. Asked once
        a sentence for each rule's words (by id, as `matches`); a token's text is a piece of
        the sentence's (segment places it there), so words the text does not hold (most)
        need no set of the tokens' texts."""
        held = self._holds.get(id(words))
        if held is None:
            text = self.sentence.text
            held = any(w in text for w in words)
            if held:
                if self._token_texts is None:
                    self._token_texts = frozenset({t.text for t in self._tokens})
                held = not self._token_texts.isdisjoint(words)
            self._holds[id(words)] = held
        return held

    def clause_start(self, at: int) -> int:
        """clauses.clause_start(text, at, breaks): just after the last mark before `at`."""
        k = bisect_left(self.marks, at)
        return self.marks[k - 1] + 1 if k else 0

    def clause_end(self, at: int, limit: int) -> int:
        """clauses.clause_end(text, at, breaks, limit): the first mark from `at` on and
        before `limit`, else `limit`; `at` when it is at `limit` or past it."""
        if at >= limit:
            return at
        k = bisect_left(self.marks, at)
        return self.marks[k] if k < len(self.marks) and self.marks[k] < limit else limit

    def part_start(self, at: int) -> int:
        """Just after the last semicolon before `at`, or 0."""
        k = bisect_left(self.semicolons, at)
        return self.semicolons[k - 1] + 1 if k else 0

    def names(self, marks) -> list[tuple[int, int]]:
        key = tuple(marks)
        found = self._names.get(key)
        if found is None:
            found = self._names[key] = names(self.sentence.text, marks)
        return found


@dataclass
class Stretches:
    """Where the stretches before one figure start, in its sentence's text."""
    sentence: Sentence
    rel: int         # the figure's start
    rel_end: int     # its end
    clause: int
    part: int        # after the last semicolon before it
    part_clause: int  # the end of the first clause of its part
    first_clause: int  # the end of the first clause of the sentence
    gap: int
    scan: SentenceScan = field(repr=False)  # the sentence's, shared by its figures
    lead: int = 0    # the start of the sentence's first figure
    part_end: int = 0  # the next semicolon after the figure, or the end of the sentence

    @property
    def text(self) -> str:
        return self.sentence.text


def _last(pattern: re.Pattern | None, s: Stretches, lo: int, hi: int) -> re.Match | None:
    """The last match of `pattern` in the sentence's text that starts at lo or after and
    ends by hi."""
    if pattern is None:
        return None
    found = None
    for m in s.scan.matches(pattern):  # of the whole text: a lookahead sees past `hi`
        if m.start() >= hi:
            break
        if m.start() >= lo and m.end() <= hi:
            found = m
    return found


def stretches(sentence: Sentence, ind: Indicator, previous_end: int, lead: int,
              scan: SentenceScan) -> Stretches:
    """`lead`: where the sentence's first figure starts, in the sentence's text; `scan`:
    the sentence's SentenceScan, shared by its figures (its clause marks are found once)."""
    rel, rel_end = ind.start - sentence.start, ind.end - sentence.start
    clause, part = scan.clause_start(rel), scan.part_start(rel)
    semicolons_after = bisect_left(scan.semicolons, rel_end)
    part_end = scan.semicolons[semicolons_after] if semicolons_after < len(scan.semicolons) else len(sentence.text)
    return Stretches(sentence, rel, rel_end, clause, part, scan.clause_end(part, rel), scan.clause_end(0, rel),
                     max(clause, previous_end - sentence.start), scan, lead, part_end)


def _is_change(s: Stretches, ind: Indicator, lexicon: Lexicon, breaks) -> bool:
    kinds = lexicon.kinds
    if ind.unit in kinds.change_units:
        return True
    m = _last(kinds.change_before, s, s.gap, s.rel)
    if m is None:
        return False
    rest = s.text[m.end():s.rel]
    if rest.startswith(kinds.change_level_after) or rest.strip(CHANGE_FILLERS):
        return False  # 提高到650元: the level reached
    ends_clause = s.rel_end >= len(s.text) or s.text[s.rel_end] in breaks
    return (ind.dimension in lexicon.units.ratio_dimensions or ends_clause
            or _last(kinds.change_comparison, s, s.clause, s.rel) is not None)


def names(text: str, marks) -> list[tuple[int, int]]:
    """The stretches of text inside name marks (“…”, 《…》): a plan word there is a name's."""
    spans = []
    for mark in marks:
        opening, closing = mark[0], mark[1]
        i = text.find(opening)
        while i >= 0:
            j = text.find(closing, i + 1)
            if j < 0:
                break
            spans.append((i, j + 1))
            i = text.find(opening, j + 1)
    return spans


def _past_marked(s: Stretches, lexicon: Lexicon) -> bool:
    """A word of the past before the figure in its part (已, 以来, 截至, 先后): its year,
    however late, is no plan ("2010年启动的…行动，已动员550万名志愿者")."""
    before = s.text[s.part:s.rel]
    return any(w in before for w in lexicon.kinds.target_past)


def _is_quota(s: Stretches, kinds) -> bool:
    """下达的28家工会驿站建设任务: a quota word before the figure in its clause and a task
    word after it, in its clause."""
    before = s.text[s.clause:s.rel]
    if not any(w in before for w in kinds.target_quota):
        return False
    after = s.text[s.rel_end:clause_end(s.text, s.rel_end, "，,；;。")]
    return any(w in after for w in kinds.target_quota_after)


def _in_plan_list(s: Stretches, kinds, named) -> bool:
    """The words of a plan heading ended by a colon earlier in the sentence open a list of
    plans that runs to the sentence's end, across its semicolons ("确定了2022年工作目标：全年
    城镇新增就业35万人以上；引进各类人才10万人；…"), unless they also look back."""
    if kinds.target_heading is None:
        return False
    for m in s.scan.matches(kinds.target_heading):
        if m.start() >= s.rel:
            break
        after = s.text[m.end():m.end() + 3].removeprefix("如下")
        if after[:1] and after[0] in COLONS and not named(m.start()) and (
                kinds.target_review_heading is None or not kinds.target_review_heading.search(s.text, 0, m.end())):
            return True
    return False


def _is_target(s: Stretches, lexicon: Lexicon) -> bool:
    kinds = lexicon.kinds
    inside = s.scan.names(kinds.target_name_marks)
    named = lambda at: any(a <= at < b for a, b in inside)  # noqa: E731
    if _plan_words(s, s.part, s.rel, kinds, named) or _is_quota(s, kinds) or _in_plan_list(s, kinds, named):
        return True
    # a colon after a plan ("今年要重点抓好几件事：新建…；发展…") opens a list of plans
    colons = s.scan.colons
    k = bisect_left(colons, s.part)
    colon = colons[k - 1] if k else -1  # the last colon before the part
    return colon > 0 and _plan_words(s, s.scan.part_start(colon), colon, kinds, named)


def _plan_words(s: Stretches, lo: int, hi: int, kinds, named) -> bool:
    """A plan word between lo and hi (offsets in the sentence's text): one of target.before,
    or 将/要/拟 before a verb, not inside a name."""
    if kinds.target_before is not None:
        for m in s.scan.matches(kinds.target_before):  # the whole text: a lookahead sees past hi
            if lo <= m.start() and m.end() <= hi and not named(m.start()):
                return True
    tokens = s.scan.tokens(lo, hi) if s.scan.holds_token(kinds.target_before_verb) else []
    for k, token in enumerate(tokens[:-1]):
        if token.text in kinds.target_before_verb and not named(token.start - s.sentence.start):
            tag = tokens[k + 1].tag or ""
            if tag.startswith(kinds.target_next_tags):
                return True
    return False


@dataclass(frozen=True)
class StockWord:
    start: int  # in the sentence's text
    end: int
    running: bool  # 累计, 已 + verb: a running total


def _clause_tokens(s: Stretches, lo: int, hi: int):
    return s.scan.tokens(lo, hi)


def _only_amount(s: Stretches, m: re.Match, lexicon: Lexicon) -> bool:
    """达/达到 after a verb of doing says how much was done (发放资金达38.25万元), unless the
    noun right before it names a level (签约服务人数达48.6万人)."""
    kinds = lexicon.kinds
    if m.group() not in kinds.stock_amount or s.text[s.clause:m.start()].endswith(kinds.stock_level_nouns):
        return False
    return any(t.text in kinds.stock_amount_verbs for t in _clause_tokens(s, s.clause, m.start()))


def _stock_words(s: Stretches, lexicon: Lexicon) -> list[StockWord]:
    """The stock words of the figure's clause before it: kinds.yaml's stock.clause (not 达
    that only says how much) and 已 before a verb."""
    kinds, found = lexicon.kinds, []
    if kinds.stock_clause is not None:
        for m in s.scan.matches(kinds.stock_clause):
            if m.start() >= s.rel:
                break
            if m.start() >= s.clause and m.end() <= s.rel and not _only_amount(s, m, lexicon):
                found.append(StockWord(m.start(), m.end(), m.group().startswith(kinds.stock_running)))
    tokens = _clause_tokens(s, s.clause, s.rel) if s.scan.holds_token(kinds.stock_perfective) else []
    for token, following in zip(tokens, tokens[1:]):
        if token.text in kinds.stock_perfective and (following.tag or "").startswith(kinds.stock_perfective_tags):
            found.append(StockWord(token.start - s.sentence.start, following.end - s.sentence.start, True))
    return sorted(found, key=lambda w: w.end)


def _opening(s: Stretches, start: int) -> str:
    return s.text[start:s.scan.clause_end(start, len(s.text))].strip()


def in_period(s: Stretches, at: int, lexicon: Lexicon) -> bool:
    """A period within one year before `at` in the figure's clause, or as the opening clause
    of its sentence or part ("今年，…", "2023年，…"), or one that runs to now anywhere before
    it in its part ("今年以来")."""
    period = lexicon.kinds.flow_period
    if period is None:
        return False
    if _last(period, s, s.clause, at) is not None:
        return True
    if any(s.part <= m.start() and m.end() <= at and s.text.startswith("以来", m.end())
           for m in period.finditer(s.text, 0, at)):
        return True  # 今年以来…，已投入
    return any((m := period.match(opening)) and opening[m.end():] in ("", "以来")
               for opening in {_opening(s, 0), _opening(s, s.part)})


def _clause_reading(s: Stretches, lexicon: Lexicon) -> str | None:
    """Stock or flow by the word of the clause nearest the figure: 累计发放 is a stock,
    累计新增 a flow; a running total within a period of the year is a flow."""
    words = _stock_words(s, lexicon)
    stock = words[-1] if words else None
    flow = _last(lexicon.kinds.flow_clause, s, s.clause, s.rel)
    if stock is None and flow is None:
        return None
    if flow is None or (stock is not None and stock.end >= flow.end()):
        if stock.running and in_period(s, stock.start, lexicon):
            return "flow"  # 全年累计发放, 今年已募集
        return "stock"
    return "flow"


def _running_follows(s: Stretches, lexicon: Lexicon) -> bool:
    """A later clause of the figure's part opens with a running total ("共募集善款3536.1万元，
    累计募集善款5.53亿元"): the figure is the period's own, not a level."""
    marks = s.scan.marks
    for mark in marks[bisect_left(marks, s.rel_end):]:
        if mark >= s.part_end:
            break
        if s.text[mark + 1:s.part_end].lstrip().startswith(lexicon.kinds.stock_running):
            return True
    return False


def _stock(s: Stretches, ind: Indicator, lexicon: Lexicon) -> Reading | None:
    """A stock by a point-in-time word, a population or a ratio; `own` when a word of the
    figure's own clause says so (目前成功调解395件 stays a stock as a part of a flow)."""
    kinds, point = lexicon.kinds, lexicon.kinds.stock_point_in_time
    if _last(point, s, s.clause, s.rel) is not None:
        return Reading("stock", True)
    if kinds.stock_population is not None and kinds.stock_population.search(s.text[s.gap:s.rel]):
        return Reading("stock", True)
    wide = _last(point, s, s.part, s.part_clause) or _last(point, s, 0, s.first_clause)
    if wide is None and point is not None:  # 据统计，截至2024年底，全国已建…: before the first figure
        wide = next((m for m in reversed(list(led_by_first_chars(point).finditer(s.text, 0, s.lead)))
                     if not (kinds.stock_clause and kinds.stock_clause.fullmatch(m.group()))), None)
    if (wide is not None and _last(kinds.flow_clause, s, wide.end(), s.rel) is None
            and ind.basis == "total" and not _running_follows(s, lexicon)):
        # 截至12月底，… / 公司现有职工3260人，工会会员3198人; not past a flow word (全年完成…)
        return Reading("stock", False)
    if any(ind.counted.endswith(w) or ind.unit == w for w in kinds.stock_counted):
        return Reading("stock", False)
    return None


def read_kind(ind: Indicator, s: Stretches, lexicon: Lexicon, future: bool) -> Reading:
    """The kind of one figure (see kinds.yaml's order). `future`: its year is after the
    year the report was written."""
    breaks = lexicon.grammar.clause_breaks
    if _is_change(s, ind, lexicon, breaks):
        return Reading("change", True)
    if future or _is_target(s, lexicon):
        return Reading("target", True)
    if ind.dimension in lexicon.units.ratio_dimensions:
        return Reading("stock", False)  # 建会率93.6%, 失业率控制在5.5%以内
    clause = _clause_reading(s, lexicon)
    if clause is not None:
        return Reading(clause, clause == "flow")
    return _stock(s, ind, lexicon) or Reading("flow", False)


def _planned(reading: Reading, ind: Indicator, s: Stretches, lexicon: Lexicon, present: int | None) -> bool:
    """A figure of a plan section is a target, unless a point in time or a year before the
    report's present dates it ("目前全县已建成驿站18个", "2023年…")."""
    return (reading.kind in ("flow", "stock")
            and _last(lexicon.kinds.stock_point_in_time, s, 0, s.rel) is None
            and not (ind.year is not None and present is not None and ind.year < present))


def classify(report: Report, lexicon: Lexicon, present: int | None,
             plan: frozenset[int] | set[int] = frozenset(),
             carried: frozenset[int] | set[int] = frozenset()) -> dict[int, Reading]:
    """Set every indicator's kind; returns the readings by indicator start. `plan`: the ids
    of the sentences in a plan section (headings.py); `carried`: the starts of the figures
    whose year an earlier sentence gave, which makes no target."""
    by_sentence = {s.id: s for s in report.sentences}
    breaks = lexicon.grammar.clause_breaks
    readings: dict[int, Reading] = {}
    previous: Indicator | None = None
    lead = 0
    scan: SentenceScan | None = None
    for ind in report.indicators:
        sentence = by_sentence[ind.sentence_id]
        same = previous is not None and previous.sentence_id == ind.sentence_id
        lead = lead if same else ind.start - sentence.start
        if scan is None or scan.sentence is not sentence:
            scan = SentenceScan(sentence, breaks)
        s = stretches(sentence, ind, previous.end if same else sentence.start, lead, scan)
        future = (ind.year is not None and present is not None and ind.year > present
                  and ind.start not in carried and not _past_marked(s, lexicon))
        if same and s.text[s.gap:s.rel].strip() in lexicon.kinds.coordination:
            reading = readings[previous.start]  # 分别比上年提高4.1%和5.3%: as the one before
        else:
            reading = read_kind(ind, s, lexicon, future)
            if sentence.id in plan and _planned(reading, ind, s, lexicon, present):
                reading = Reading("target", True)
        ind.kind = reading.kind
        readings[ind.start] = reading
        previous = ind
    return readings


def inherit_from_wholes(report: Report, readings: dict[int, Reading], doc_id: str) -> None:
    """A part of a breakdown takes its whole's kind, unless its reading is its own
    ("其中今年新建612个" under a stock stays a flow)."""
    by_id = {ind.indicator_id(doc_id): ind for ind in report.indicators}
    for ind in report.indicators:
        whole = by_id.get(ind.part_of)
        if whole is None or whole.kind == ind.kind:
            continue
        reading = readings.get(ind.start)
        if reading is not None and reading.own:
            continue
        ind.kind = whole.kind
