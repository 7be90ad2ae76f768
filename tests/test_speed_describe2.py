"""The speed shortcuts of pipeline/describe: what they skip holds no match."""
import re

from pipeline.lexicon.patterns import needed_literal, trie_alternation
from pipeline.lexicon import load


def testneeded_literal_is_in_every_match():
    cases = {"(?:党的)?二十大(?:精神|报告)": "二十大", "“?十四五”?开局之年": "开局之年",
             "新冠|抗疫": "", "(?i)abc": "", "第(?P<n>\\d{1,3})个世界红十字日": "个世界红十字日"}
    for source, literal in cases.items():
        assert needed_literal(source, re.compile(source).flags) == literal


def test_dated_phrases_skipped_by_their_literal_match_nowhere_else():
    for phrase in load().metadata.year.dated_phrases:
        literal = needed_literal(phrase.pattern.pattern, phrase.pattern.flags)
        for m in phrase.pattern.finditer("喜迎党的二十大精神 “十四五”开局之年 第70个世界红十字日 建党100周年"):
            assert literal in m.group()


def test_nested_groups_join_the_run_around_them():
    assert needed_literal("ab(?P<x>cd)ef", 0) == "abcdef"
    assert needed_literal("(?P<body>工会委员会|工会)", 0) == "工会"


def test_trie_alternation_finds_what_the_longest_first_alternation_finds():
    words = ["市总工会", "市总", "总工会", "工会", "妇联", "工会委员会", "团委"]
    plain = re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))
    trie = re.compile(trie_alternation(words))
    for text in ["重庆市总工会委员会召开", "市总投资", "县妇联和团委", "工会委员", "总工会工会委员会市总"]:
        assert [(m.start(), m.group()) for m in trie.finditer(text)] == \
            [(m.start(), m.group()) for m in plain.finditer(text)]
