"""The shortcuts of the figure slice (issue 19) answer what the plain walks answer: the
clause marks, semicolons and colons of a sentence found once (kinds.SentenceScan), the
search of every word for a trigger noun continued from the head's, a word's first
character tested by a set."""
from __future__ import annotations

import pytest

from pipeline.extract import category_rules as rules
from pipeline.extract.categories import LETTER, content_word_set, content_words
from pipeline.extract.clauses import clause_end, clause_start
from pipeline.extract.kinds import COLONS, SEMICOLONS, SentenceScan
from pipeline.report import Sentence, Token

TEXTS = [
    "全年新建基层工会45个，发展会员6303名；其中农民工会员3895名、女职工2100名。",
    "确定了2022年工作目标：全年城镇新增就业35万人以上；引进各类人才10万人；",
    "：；，。",
    "没有标点的一句话",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_sentence_scan_positions_are_the_walks_and_searches(text, lexicon):
    breaks = lexicon.grammar.clause_breaks
    scan = SentenceScan(Sentence(0, 0, len(text), text), breaks)
    for at in range(len(text) + 1):
        assert scan.clause_start(at) == clause_start(text, at, breaks)
        assert scan.part_start(at) == max([text.rfind(c, 0, at) for c in SEMICOLONS]) + 1
        for limit in range(len(text) + 1):
            assert scan.clause_end(at, limit) == clause_end(text, at, breaks, limit)
    assert scan.colons == [i for i, c in enumerate(text) if c in COLONS]


def test_the_search_of_every_word_goes_on_from_the_heads(lexicon):
    for words in (["工会", "会员"], ["职工", "之家", "总数"], ["帮扶", "工作组"], ["一个", "东西"], []):
        class F:  # what head_category reads of a figure
            memo = {"head_words": words}
        assert rules.head_category(F, lexicon, head_only=False) == \
            rules.noun_category(words, lexicon, head_only=False)


def test_content_words_test_the_first_character_as_letter_does():
    tokens = [Token(w, 0, len(w), tag) for w, tag in
              [("工会", "n"), ("45", "m"), ("个", "q"), ("，", "x"), ("App", "eng"), ("", None), ("𠀀字", "n")]]
    expected = {t.text for t in tokens if LETTER.match(t.text) and not (t.tag or "x")[0] in "mq"}
    assert content_word_set(tokens) == expected
    assert content_words(tokens) == sorted(expected)
