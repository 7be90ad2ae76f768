"""The speed shortcuts of extract's fourth round ask what the plain searches ask: the
outermost time expressions of a sentence, and the non-indicator spans found from where
their combined pattern first matches."""
from __future__ import annotations

import itertools
import random

from pipeline.extract import quantities
from pipeline.extract.years import _outermost


def _plain_outermost(spans):
    kept = [s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]
    return sorted(set(kept))


def test_outermost_spans_are_those_inside_no_other():
    rng = random.Random(4)
    cases = [[(0, 4), (0, 4)], [(0, 4), (0, 2), (2, 4)], [(1, 3), (0, 5), (5, 7), (6, 7)]]
    for _ in range(500):
        starts = [rng.randrange(12) for _ in range(rng.randrange(1, 7))]
        cases.append([(s, s + rng.randrange(1, 6)) for s in starts])
    for spans in cases:
        assert _outermost(spans) == _plain_outermost(spans)


def test_non_indicator_spans_are_every_patterns_matches(lexicon):
    texts = ["全市共有3个方面的工作，阅读量达1200次浏览", "此处隐藏了 12 个字，2023年完成", "没有数字的句子",
             "5+2模式推广到10个县", ""]
    for text in texts:
        plain = [m.span() for p in lexicon.non_indicators.patterns for m in p.finditer(text)
                 if m.end() > m.start()]
        assert sorted(quantities._non_indicator_spans(text, lexicon)) == sorted(plain)


def test_sentence_words_clause_span_is_the_plain_one(lexicon):
    from pipeline.extract.meaning import SentenceWords, clause_span
    from pipeline.report import Sentence
    breaks = lexicon.grammar.clause_breaks
    for text in ["全市新建驿站18个，其中社区驿站12个；村级驿站6个。", "没有标点的句子", "，开头有逗号，", ""]:
        words = SentenceWords(Sentence(0, 0, len(text), text, 0, []), [], lexicon)
        for start in range(len(text) + 1):
            for end in range(start, len(text) + 2):
                assert words.clause_span(start, end) == clause_span(text, start, end, breaks)
