"""The speed shortcuts of pipeline/describe: what they skip holds no match."""
import re

from pipeline.describe.years import _needed_literal
from pipeline.lexicon import load


def test_needed_literal_is_in_every_match():
    cases = {"(?:党的)?二十大(?:精神|报告)": "二十大", "“?十四五”?开局之年": "开局之年",
             "新冠|抗疫": "", "(?i)abc": "", "第(?P<n>\\d{1,3})个世界红十字日": "个世界红十字日"}
    for source, literal in cases.items():
        assert _needed_literal(source, re.compile(source).flags) == literal


def test_dated_phrases_skipped_by_their_literal_match_nowhere_else():
    for phrase in load().metadata.year.dated_phrases:
        literal = _needed_literal(phrase.pattern.pattern, phrase.pattern.flags)
        for m in phrase.pattern.finditer("喜迎党的二十大精神 “十四五”开局之年 第70个世界红十字日 建党100周年"):
            assert literal in m.group()
