"""The clause around a position of a sentence (pipeline/extract/clauses.py), which the
meaning, the kind and the relations of a figure all read."""
from __future__ import annotations

from pipeline.extract.clauses import clause_end, clause_start

BREAKS = frozenset("，,；;：:。")
TEXT = "全年新建驿站12个，其中新建5个；服务职工3万人次"


def test_a_clause_runs_between_the_marks_around_it():
    at = TEXT.index("5个")
    assert TEXT[clause_start(TEXT, at, BREAKS):clause_end(TEXT, at, BREAKS)] == "其中新建5个"


def test_the_first_and_the_last_clause_reach_the_ends_of_the_text():
    assert clause_start(TEXT, TEXT.index("12个"), BREAKS) == 0
    assert clause_end(TEXT, TEXT.index("3万"), BREAKS) == len(TEXT)


def test_a_limit_bounds_the_search_and_a_start_past_it_stays():
    at = TEXT.index("其中")
    assert clause_end(TEXT, 0, BREAKS, limit=at) == TEXT.index("，")
    assert clause_end(TEXT, at, BREAKS, limit=at + 2) == at + 2  # no mark before the limit
    assert clause_end(TEXT, at + 3, BREAKS, limit=at) == at + 3


def test_a_mark_of_more_than_one_character_is_no_clause_mark():
    # as a character test would have it: "其中" is never one character of the text
    assert clause_end(TEXT, 0, frozenset({"其中", "；"})) == TEXT.index("；")
    assert clause_end("没有标点", 0, frozenset({"其中"})) == 4
