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
from dataclasses import dataclass

from ..lexicon import Lexicon
from ..report import Indicator, Report, Sentence

CHANGE_FILLERS = "了达"  # 增长了8.6%, 增长达12%
SEMICOLONS = ";；"


@dataclass(frozen=True)
class Reading:
    """The kind of a figure and whether a part of a breakdown keeps it (`own`: a change,
    a target, a flow word or a point in time of its own clause); otherwise a part takes
    its whole's kind ("其中…标准建成的示范型职工小家38个" under a flow is a flow)."""
    kind: str
    own: bool


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

    @property
    def text(self) -> str:
        return self.sentence.text


def _last(pattern: re.Pattern | None, text: str, lo: int, hi: int) -> re.Match | None:
    """The last match of `pattern` in text that starts at lo or after and ends by hi."""
    if pattern is None:
        return None
    found = None
    for m in pattern.finditer(text):  # the whole text: a lookahead sees past `hi`
        if m.start() >= hi:
            break
        if m.start() >= lo and m.end() <= hi:
            found = m
    return found


def stretches(sentence: Sentence, ind: Indicator, previous_end: int, breaks) -> Stretches:
    text, rel = sentence.text, ind.start - sentence.start
    clause = rel
    while clause > 0 and text[clause - 1] not in breaks:
        clause -= 1
    part = max(text.rfind(c, 0, rel) for c in SEMICOLONS) + 1
    return Stretches(sentence, rel, ind.end - sentence.start, clause, part, _clause_end(text, part, rel, breaks),
                     _clause_end(text, 0, rel, breaks), max(clause, previous_end - sentence.start))


def _clause_end(text: str, start: int, limit: int, breaks) -> int:
    end = start
    while end < limit and text[end] not in breaks:
        end += 1
    return end


def _is_change(s: Stretches, ind: Indicator, lexicon: Lexicon, breaks) -> bool:
    kinds = lexicon.kinds
    if ind.unit in kinds.change_units:
        return True
    m = _last(kinds.change_before, s.text, s.gap, s.rel)
    if m is None:
        return False
    rest = s.text[m.end():s.rel]
    if rest.startswith(kinds.change_level_after) or rest.strip(CHANGE_FILLERS):
        return False  # 提高到650元: the level reached
    ends_clause = s.rel_end >= len(s.text) or s.text[s.rel_end] in breaks
    return (ind.dimension in lexicon.units.ratio_dimensions or ends_clause
            or _last(kinds.change_comparison, s.text, s.clause, s.rel) is not None)


def _is_target(s: Stretches, lexicon: Lexicon) -> bool:
    kinds = lexicon.kinds
    if _last(kinds.target_before, s.text, s.part, s.rel) is not None:
        return True
    tokens = [t for t in s.sentence.tokens if s.part <= t.start - s.sentence.start < s.rel]
    for k, token in enumerate(tokens[:-1]):
        if token.text in kinds.target_before_verb:
            tag = tokens[k + 1].tag or ""
            if tag.startswith(kinds.target_next_tags):
                return True
    return False


def _clause_reading(s: Stretches, lexicon: Lexicon) -> str | None:
    """Stock or flow by the word of the clause nearest the figure: 累计发放 is a stock,
    累计新增 a flow."""
    kinds = lexicon.kinds
    stock = _last(kinds.stock_clause, s.text, s.clause, s.rel)
    flow = _last(kinds.flow_clause, s.text, s.clause, s.rel)
    if stock is None and flow is None:
        return None
    if flow is None or (stock is not None and stock.end() >= flow.end()):
        return "stock"
    return "flow"


def _stock(s: Stretches, ind: Indicator, lexicon: Lexicon) -> Reading | None:
    """A stock by a point-in-time word, a population or a ratio; `own` when a word of the
    figure's own clause says so (目前成功调解395件 stays a stock as a part of a flow)."""
    kinds, point = lexicon.kinds, lexicon.kinds.stock_point_in_time
    if _last(point, s.text, s.clause, s.rel) is not None:
        return Reading("stock", True)
    if kinds.stock_population is not None and kinds.stock_population.search(s.text[s.gap:s.rel]):
        return Reading("stock", True)
    wide = _last(point, s.text, s.part, s.part_clause) or _last(point, s.text, 0, s.first_clause)
    if wide is not None and _last(kinds.flow_clause, s.text, wide.end(), s.rel) is None:
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


def classify(report: Report, lexicon: Lexicon, present: int | None) -> dict[int, Reading]:
    """Set every indicator's kind; returns the readings by indicator start."""
    by_sentence = {s.id: s for s in report.sentences}
    breaks = lexicon.grammar.clause_breaks
    readings: dict[int, Reading] = {}
    previous: Indicator | None = None
    for ind in report.indicators:
        sentence = by_sentence[ind.sentence_id]
        same = previous is not None and previous.sentence_id == ind.sentence_id
        s = stretches(sentence, ind, previous.end if same else sentence.start, breaks)
        future = ind.year is not None and present is not None and ind.year > present
        if same and s.text[s.gap:s.rel].strip() in lexicon.kinds.coordination:
            reading = readings[previous.start]  # 分别比上年提高4.1%和5.3%: as the one before
        else:
            reading = read_kind(ind, s, lexicon, future)
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
