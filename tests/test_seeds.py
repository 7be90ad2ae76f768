"""The whole run on ../shared/corpus/seeds: every table for all five reports, exact offsets,
and the quality targets of `make eval` against ../shared/gold."""
from __future__ import annotations

import re

import pytest

from pipeline.evaluate import evaluate, format_report
from pipeline.report import BASES, QUALIFIERS
from pipeline.tables.indicators import NAMES as INDICATOR_COLUMNS
from pipeline.tables.reports import NAMES as REPORT_COLUMNS
from lexicon_lists import CATEGORIES, DIMENSIONS
from csv_tables import header, read_csv




@pytest.fixture(scope="module")
def doc_ids(seeds_dir):
    return sorted(p.stem for p in seeds_dir.glob("*.txt"))


@pytest.fixture(scope="module")
def reports(seeds_out):
    return {r["doc_id"]: r for r in read_csv(seeds_out / "reports.csv")}


@pytest.fixture(scope="module")
def rows(seeds_out):
    return read_csv(seeds_out / "indicators.csv")


def normalized(seeds_out, doc_id):
    return (seeds_out / "normalized" / f"{doc_id}.txt").read_text(encoding="utf-8")


def test_there_are_five_seeds(doc_ids):
    assert len(doc_ids) == 5


def test_every_report_ends_ok_with_indicators(reports, doc_ids):
    assert sorted(reports) == doc_ids
    for doc_id in doc_ids:
        r = reports[doc_id]
        assert (r["status"], r["error"]) == ("ok", ""), doc_id
        assert int(r["n_sentences"]) > 10 and int(r["n_indicators"]) > 10, doc_id


def test_every_table_is_written(seeds_out, doc_ids):
    for doc_id in doc_ids:
        for folder, suffix in (("normalized", ".txt"), ("segmented", ".txt"), ("reports", ".csv")):
            assert (seeds_out / folder / f"{doc_id}{suffix}").is_file(), (folder, doc_id)


def test_table_columns(seeds_out, doc_ids):
    assert header(seeds_out / "indicators.csv") == INDICATOR_COLUMNS
    assert header(seeds_out / "reports.csv") == REPORT_COLUMNS
    for doc_id in doc_ids:
        assert header(seeds_out / "reports" / f"{doc_id}.csv") == INDICATOR_COLUMNS


def test_offsets_are_exact_in_the_normalized_text(seeds_out, rows, doc_ids):
    texts = {d: normalized(seeds_out, d) for d in doc_ids}
    assert rows
    for row in rows:
        text = texts[row["doc_id"]]
        assert text[int(row["start"]):int(row["end"])] == row["mention"], row
        assert row["mention"] in row["sentence"] and row["sentence"] in text


def test_counts_in_reports_table_match_the_files(seeds_out, reports, rows, doc_ids):
    for doc_id in doc_ids:
        per_report = read_csv(seeds_out / "reports" / f"{doc_id}.csv")
        assert int(reports[doc_id]["n_indicators"]) == len(per_report)
        assert [r for r in rows if r["doc_id"] == doc_id] == per_report
        assert int(reports[doc_id]["n_chars"]) == len(normalized(seeds_out, doc_id))


def test_segmented_is_one_sentence_a_line_words_separated_by_spaces(seeds_out, reports, rows, doc_ids):
    for doc_id in doc_ids:
        lines = (seeds_out / "segmented" / f"{doc_id}.txt").read_text(encoding="utf-8").splitlines()
        assert len(lines) == int(reports[doc_id]["n_sentences"])
        assert all(len(line.split(" ")) > 1 or len(line) <= 8 for line in lines)
        for row in (r for r in rows if r["doc_id"] == doc_id):
            words = lines[int(row["sentence_id"])]
            assert words.replace(" ", "") == row["sentence"].replace(" ", "")


def test_values_and_labels_are_in_their_vocabularies(rows):
    for row in rows:
        float(row["value"])
        assert row["dimension"] in DIMENSIONS
        assert row["qualifier"] in QUALIFIERS
        assert row["basis"] in BASES
        assert row["category"] in CATEGORIES
        if row["value_high"]:
            assert float(row["value_high"]) >= float(row["value"])


def test_indicators_are_in_document_order(rows):
    keys = [(r["doc_id"], int(r["start"])) for r in rows]
    assert keys == sorted(keys)


def test_traditional_seed_comes_out_simplified_without_pinyin(seeds_out, reports):
    converted = [d for d, r in reports.items() if "Traditional to Simplified" in r["warnings"]]
    assert converted
    for doc_id in converted:
        text = normalized(seeds_out, doc_id)
        assert "會" not in text
        assert not re.search("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", text)  # pinyin readings are gone


def test_eval_targets(seeds_out, gold_dir):
    scores = evaluate(seeds_out, gold_dir)
    s = scores.summary()
    detail = format_report(scores, show=True)
    assert s["f1"] >= 0.98, detail
    assert s["qualifier_accuracy"] >= 0.97, detail
    assert s["category_accuracy"] >= 0.90, detail
    assert s["money_f1"] >= 0.99, detail
