"""The engine of `make eval` (pipeline.evaluate) on tiny gold/prediction pairs built here.

Matching rule: same document, same dimension and value (relative tolerance 1e-6);
repeated keys pair in document order."""
from __future__ import annotations

import json

import pytest

from pipeline.cli import main
from pipeline.tables import csv_text
from pipeline.evaluate import evaluate, format_report, load_gold, load_predictions, score
from pipeline.tables.indicators import NAMES as INDICATOR_COLUMNS


def gold_row(value, dimension="count", qualifier="exact", category="union_orgs", basis="total", doc="d1"):
    return {"doc": doc, "mention": f"{value}", "value": value, "value_high": None, "unit": "个",
            "dimension": dimension, "qualifier": qualifier, "basis": basis, "category": category,
            "counted": "", "action": "", "context": ""}


def pred_row(value, dimension="count", qualifier="exact", category="union_orgs", basis="total",
             doc="d1", start=0):
    return {"doc_id": doc, "start": start, "end": start + 2, "mention": f"{value}", "value": float(value),
            "dimension": dimension, "qualifier": qualifier, "category": category, "basis": basis,
            "counted": "", "action": "", "sentence": ""}


def test_identical_predictions_score_one():
    gold = {"d1": [gold_row(50), gold_row(3000, "persons", category="members")]}
    preds = {"d1": [pred_row(50), pred_row(3000, "persons", category="members", start=5)]}
    s = score(preds, gold).summary()
    assert (s["precision"], s["recall"], s["f1"], s["strict_f1"]) == (1, 1, 1, 1)
    assert (s["qualifier_accuracy"], s["category_accuracy"], s["basis_accuracy"]) == (1, 1, 1)


def test_precision_recall_f1():
    gold = {"d1": [gold_row(1), gold_row(2), gold_row(3), gold_row(4)]}
    preds = {"d1": [pred_row(1), pred_row(2), pred_row(99)]}
    s = score(preds, gold).summary()
    assert s["precision"] == pytest.approx(2 / 3)
    assert s["recall"] == pytest.approx(2 / 4)
    assert s["f1"] == pytest.approx(2 * (2 / 3) * (1 / 2) / (2 / 3 + 1 / 2))
    assert (s["n_gold"], s["n_pred"], s["n_matched"]) == (4, 3, 2)


def test_value_matches_within_relative_tolerance():
    gold = {"d1": [gold_row(45800, "persons")]}
    assert score({"d1": [pred_row(45800.00000001, "persons")]}, gold).summary()["n_matched"] == 1
    assert score({"d1": [pred_row(45801, "persons")]}, gold).summary()["n_matched"] == 0
    # relative, not absolute: 1.2e8 and 1.2e8 + 50 are the same figure at 1e-6
    big = {"d1": [gold_row(1.2e8, "money")]}
    assert score({"d1": [pred_row(1.2e8 + 50, "money")]}, big).summary()["n_matched"] == 1


def test_same_value_other_dimension_does_not_match():
    scores = score({"d1": [pred_row(2400, "persons")]}, {"d1": [gold_row(2400, "person_times")]})
    assert (len(scores.pairs), len(scores.misses), len(scores.extras)) == (0, 1, 1)


def test_mention_text_does_not_matter_for_matching():
    gold = {"d1": [dict(gold_row(1.2e8, "money"), mention="1.2亿元")]}
    preds = {"d1": [dict(pred_row(1.2e8, "money"), mention="一点二亿元")]}
    assert score(preds, gold).summary()["n_matched"] == 1


def test_repeated_keys_pair_in_document_order():
    gold = {"d1": [gold_row(10, qualifier="exact", category="activities"),
                   gold_row(10, qualifier="over", category="enterprises")]}
    preds = {"d1": [pred_row(10, qualifier="exact", category="activities", start=3),
                    pred_row(10, qualifier="over", category="enterprises", start=40)]}
    scores = score(preds, gold)
    assert [(p.gold["qualifier"], p.pred["qualifier"]) for p in scores.pairs] == [("exact", "exact"),
                                                                                   ("over", "over")]
    assert scores.summary()["category_accuracy"] == 1


def test_field_accuracies_are_over_matched_pairs():
    gold = {"d1": [gold_row(1), gold_row(2), gold_row(3), gold_row(4, basis="per_unit"), gold_row(5)]}
    preds = {"d1": [pred_row(1), pred_row(2, qualifier="over"), pred_row(3, category="other"),
                    pred_row(4)]}  # 5 is missed: it does not count against the accuracies
    s = score(preds, gold).summary()
    assert s["qualifier_accuracy"] == pytest.approx(3 / 4)
    assert s["category_accuracy"] == pytest.approx(3 / 4)
    assert s["basis_accuracy"] == pytest.approx(3 / 4)
    # strict F1 needs qualifier and category right: 2 of 4 predicted, 2 of 5 gold
    assert s["strict_f1"] == pytest.approx(2 * (2 / 4) * (2 / 5) / (2 / 4 + 2 / 5))


def test_money_only_f1():
    gold = {"d1": [gold_row(2e6, "money", category="funds"), gold_row(3e6, "money", category="funds"),
                   gold_row(7)]}
    preds = {"d1": [pred_row(2e6, "money", category="funds"), pred_row(7), pred_row(8)]}
    s = score(preds, gold).summary()
    assert s["money_f1"] == pytest.approx(2 * 1 * 0.5 / 1.5)  # P 1/1, R 1/2


def test_documents_are_scored_separately():
    gold = {"d1": [gold_row(50)], "d2": [gold_row(60)]}
    preds = {"d1": [pred_row(60)], "d2": [pred_row(50, doc="d2")]}
    assert score(preds, gold).summary()["n_matched"] == 0


def test_prediction_doc_id_with_folder_matches_gold_by_file_name():
    gold = {"d1": [gold_row(50)]}
    assert score({"2023/d1": [pred_row(50, doc="2023/d1")]}, gold).summary()["n_matched"] == 1


def test_documents_without_gold_are_not_counted():
    gold = {"d1": [gold_row(50)]}
    preds = {"d1": [pred_row(50)], "other": [pred_row(1, doc="other"), pred_row(2, doc="other")]}
    assert score(preds, gold).summary()["precision"] == 1


# --- files ------------------------------------------------------------------------------

def write_gold(folder, rows_by_doc):
    folder.mkdir(parents=True, exist_ok=True)
    for doc, rows in rows_by_doc.items():
        (folder / f"{doc}.jsonl").write_text(
            "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n\n", encoding="utf-8")


def write_predictions(folder, rows):
    folder.mkdir(parents=True, exist_ok=True)
    full = [{c: r.get(c, "") for c in INDICATOR_COLUMNS} for r in rows]
    (folder / "indicators.csv").write_text(csv_text(full, INDICATOR_COLUMNS), encoding="utf-8")


def test_predictions_are_read_in_document_order(tmp_path):
    write_predictions(tmp_path, [pred_row(10, start=40, qualifier="over"), pred_row(10, start=3)])
    preds = load_predictions(tmp_path)
    assert [(r["start"], r["qualifier"]) for r in preds["d1"]] == [(3, "exact"), (40, "over")]
    assert isinstance(preds["d1"][0]["value"], float)


def test_gold_files_are_json_lines(tmp_path):
    write_gold(tmp_path, {"d1": [gold_row(1), gold_row(2)], "d2": [gold_row(3, doc="d2")]})
    gold = load_gold(tmp_path)
    assert {d: [r["value"] for r in rows] for d, rows in gold.items()} == {"d1": [1, 2], "d2": [3]}


def test_bad_gold_line_names_file_and_line(tmp_path):
    (tmp_path / "d1.jsonl").write_text(json.dumps(gold_row(1)) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"d1\.jsonl:2"):
        load_gold(tmp_path)


def test_evaluate_and_report_from_files(tmp_path):
    write_gold(tmp_path / "gold", {"d1": [gold_row(50), gold_row(3000, "persons", category="members")]})
    write_predictions(tmp_path / "out", [pred_row(50), pred_row(3000, "persons", category="funds", start=9)])
    scores = evaluate(tmp_path / "out", tmp_path / "gold")
    assert scores.summary()["category_accuracy"] == 0.5
    text = format_report(scores, show=True)
    assert "F1 1.000" in text
    assert "category: members -> funds" in text


def test_eval_command(tmp_path, capsys):
    write_gold(tmp_path / "gold", {"d1": [gold_row(50)]})
    write_predictions(tmp_path / "out", [pred_row(50)])
    assert main(["eval", str(tmp_path / "out"), str(tmp_path / "gold")]) == 0
    assert "detection" in capsys.readouterr().out
    assert main(["eval", str(tmp_path / "nothing"), str(tmp_path / "gold")]) == 2


# --- kind, year, relations, report fields ---------------------------------------------------

def test_kind_year_and_currency_are_scored_on_matched_pairs():
    gold = {"d1": [{**gold_row(50), "kind": "flow", "year": 2023},
                   {**gold_row(1e6, "money", category="funds"), "kind": "target", "year": None,
                    "currency": "CNY"}]}
    preds = {"d1": [{**pred_row(50), "kind": "flow", "year": "2023"},
                    {**pred_row(1e6, "money", category="funds", start=9), "kind": "flow", "year": "",
                     "currency": "USD"}]}
    s = score(preds, gold).summary()
    assert (s["kind_accuracy"], s["year_accuracy"], s["currency_accuracy"]) == (0.5, 1.0, 0.0)


def test_part_and_repeat_links_pair_through_the_matched_rows():
    # gold: a total (row 0) with two parts (rows 1, 2), a repeat of the total (row 3)
    gold = {"d1": [{**gold_row(100), "part_of_row": None, "repeat_of_row": None},
                   {**gold_row(60), "part_of_row": 0, "repeat_of_row": None},
                   {**gold_row(40), "part_of_row": 0, "repeat_of_row": None},
                   {**gold_row(100), "part_of_row": None, "repeat_of_row": 0}]}
    preds = {"d1": [{**pred_row(100, start=0), "indicator_id": "d1#0"},
                    {**pred_row(60, start=10), "indicator_id": "d1#10", "part_of": "d1#0"},
                    {**pred_row(40, start=20), "indicator_id": "d1#20", "part_of": "d1#10"},  # wrong whole
                    {**pred_row(100, start=30), "indicator_id": "d1#30", "repeat_of": "d1#0"},
                    {**pred_row(7, start=40), "indicator_id": "d1#40", "part_of": "d1#0"}]}  # an extra
    scores = score(preds, gold)
    assert scores.links("part_of") == pytest.approx((1 / 3, 1 / 2, 0.4))
    assert scores.links("repeat_of") == (1.0, 1.0, 1.0)


def test_links_with_none_on_either_side_are_not_scored():
    gold = {"d1": [{**gold_row(100), "part_of_row": None, "repeat_of_row": None},
                   {**gold_row(60), "part_of_row": 0, "repeat_of_row": None}]}
    preds = {"d1": [{**pred_row(100, start=0), "indicator_id": "d1#0"},
                    {**pred_row(60, start=10), "indicator_id": "d1#10"}]}
    s = score(preds, gold).summary()
    assert s["repeat_of_f1"] is None  # nothing to find, nothing found
    assert s["part_of_f1"] == 0.0     # a link to find, not found
    assert "repeat_of             n/a" in format_report(score(preds, gold))


def test_report_fields_against_the_meta_file(tmp_path):
    write_gold(tmp_path / "gold", {"d1": [gold_row(50)]})
    (tmp_path / "gold" / "reports.meta.jsonl").write_text(json.dumps(
        {"doc": "d1", "title": "南河市总工会2023年工作总结", "date": "2024-01-10", "issuer": "南河市总工会",
         "year": 2023}, ensure_ascii=False) + "\n", encoding="utf-8")
    write_predictions(tmp_path / "out", [pred_row(50)])
    (tmp_path / "out" / "reports.csv").write_text(
        "doc_id,title,date,issuer,year\nd1,南河市总工会2023年工作总结,2024-01-10,南河市工会,2023\n",
        encoding="utf-8")
    scores = evaluate(tmp_path / "out", tmp_path / "gold")
    assert scores.reports == {"title": (1, 1), "date": (1, 1), "issuer": (0, 1), "year": (1, 1)}
    assert "issuer: '南河市总工会' -> '南河市工会'" in format_report(scores, show=True)


def test_report_fields_compare_full_and_half_width_forms_alike(tmp_path):
    """The pipeline folds （摘要） to (摘要); gold written with the first is not a miss."""
    write_gold(tmp_path / "gold", {"d1": [gold_row(50)]})
    (tmp_path / "gold" / "reports.meta.jsonl").write_text(json.dumps(
        {"doc": "d1", "title": "在南河市总工会第八次代表大会上的工作报告（摘要）", "issuer": "南河市总工会"},
        ensure_ascii=False) + "\n", encoding="utf-8")
    write_predictions(tmp_path / "out", [pred_row(50)])
    (tmp_path / "out" / "reports.csv").write_text(
        "doc_id,title,issuer\nd1,在南河市总工会第八次代表大会上的工作报告(摘要),南河市工会\n", encoding="utf-8")
    scores = evaluate(tmp_path / "out", tmp_path / "gold")
    assert scores.reports == {"title": (1, 1), "issuer": (0, 1)}


def test_gold_that_names_no_document_is_an_error(tmp_path, capsys):
    write_gold(tmp_path / "gold", {"other": [gold_row(50, doc="other")]})
    write_predictions(tmp_path / "out", [pred_row(50)])
    assert main(["eval", str(tmp_path / "out"), str(tmp_path / "gold")]) == 2
    assert "names no document" in capsys.readouterr().err
