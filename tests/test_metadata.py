"""Report metadata: region, issuer and year, on sentences written for these tests and on the seeds."""
from __future__ import annotations

import csv
import shutil

import pytest

from pipeline import LexiconError, process_text
from pipeline import lexicon as lexicon_mod
from pipeline.describe import describe, describe_report
from pipeline.describe.gazetteer import load_gazetteer, short_form
from pipeline.describe.years import explicit_years
from pipeline.lexicon import DEFAULT_DIR
from pipeline.lexicon.sections import load_report_metadata
from pipeline.report import Report

RULES_FILE = "report_metadata.yaml"


def load_rules(folder=None):
    return load_report_metadata((folder or DEFAULT_DIR) / RULES_FILE, {})


@pytest.fixture(scope="module")
def rules():
    return load_rules()


# ---------------------------------------------------------------- region and issuer

def test_named_issuer_in_title_gives_issuer_region_and_year(rules):
    meta = describe("达州市总工会2022年工作总结",
                    "2022年,市总工会团结带领全市职工拼经济。达州全年新建工会组织50个。", rules=rules)
    assert meta.issuer == "达州市总工会"
    assert meta.region == "四川省/达州市"
    assert meta.year == 2022


def test_county_after_its_city_gives_three_levels_and_the_short_issuer(rules):
    meta = describe("扛责在肩 笃行实干", "——宜宾市翠屏区总工会五年工作综述\n五年来,翠屏区总工会守正创新。"
                    "区总工会开展宣讲活动200余次。", date="2023-10-26", rules=rules)
    assert meta.region == "四川省/宜宾市/翠屏区"
    assert meta.issuer == "翠屏区总工会"
    assert meta.year == 2023  # no year named twice: the date's


def test_bare_level_mentions_resolve_to_the_articles_own_place(rules):
    # the province body reports; the capital is named more often than any other place
    text = ("近年来,陕西省总工会扎实工作。西安市有9375名网约车驾驶员入会,西安市总工会举行仪式。"
            "省总工会领导出席。省总工会还在西安建成驿站20个。")
    meta = describe("往职工中走", text, rules=rules)
    assert meta.issuer == "陕西省总工会"
    assert meta.region == "陕西省"


def test_relative_issuer_needs_the_place_named_enough(rules):
    # one passing mention of a district is not the article's home: 市总工会 stays unresolved
    meta = describe("工作简报", "市总工会在城东区建成驿站3个,市总工会慰问职工500人。", rules=rules)
    assert meta.issuer == ""
    assert meta.region == ""


def test_short_names_without_an_issuer(rules):
    text = "达州主要做法就是突出一个“拼”字。这是达州的“独门绝技”,全市职工齐参与。"
    meta = describe("拼出职工样", text, rules=rules)
    assert meta.region == "四川省/达州市"
    assert meta.issuer == ""


def test_short_names_that_are_common_words_are_not_places(rules):
    text = "祝愿广大职工幸福安康,社会长治久安。我们发展朝阳产业,白银首饰企业20家。"
    assert describe("新春寄语", text, rules=rules).region == ""


def test_place_unknown_to_the_dataset_is_taken_from_the_title_only(rules):
    text = "2023年,凌江县总工会在县委领导下开展工作。县总工会新建驿站5个。其中市总工会资助2个。"
    meta = describe("凌江县总工会2023年工作总结", text, rules=rules)
    assert meta.issuer == "凌江县总工会"
    assert meta.region == ""  # a place the dataset does not know has no region
    # in the text alone the same name is not taken: 其中市 is no place either
    assert describe("工作总结", text, rules=rules).issuer == ""


def test_bare_level_mentions_go_to_the_titles_unknown_place(rules):
    text = "市总工会连续三年开展送温暖活动。市总工会设立帮扶资金500万元。西宁的职工也受益。"
    assert describe("千山市总工会:五年投入帮扶资金", text, rules=rules).issuer == "千山市总工会"


def test_ambiguous_district_takes_the_city_the_article_names(rules):
    beijing = describe("工作动态", "北京市朝阳区总工会开展活动。朝阳区总工会慰问职工。北京各区积极参与。",
                       rules=rules)
    changchun = describe("工作动态", "长春市朝阳区总工会开展活动。朝阳区总工会慰问职工。长春各区积极参与。",
                         rules=rules)
    assert beijing.region == "北京市/朝阳区"
    assert changchun.region == "吉林省/长春市/朝阳区"
    assert beijing.issuer == changchun.issuer == "朝阳区总工会"


def test_two_character_county_counts_only_after_its_parent(rules):
    chained = describe("工作总结", "安徽省和县总工会全年新建工会组织12个。和县总工会慰问职工。", rules=rules)
    assert chained.region == "安徽省/马鞍山市/和县"
    loose = describe("工作总结", "市和县两级工会共同推进。市和县两级工会全年服务职工。", rules=rules)
    assert "和县" not in loose.region


def test_municipality_has_no_city_level(rules):
    assert describe("重庆市渝中区总工会工作报告", "渝中区总工会全年服务职工1万人次。",
                    rules=rules).region == "重庆市/渝中区"
    meta = describe("工作报告", "北京市总工会全年投入资金1亿元。市总工会还建成驿站300个。", rules=rules)
    assert (meta.region, meta.issuer) == ("北京市", "北京市总工会")


def test_short_forms_come_from_the_dataset_names(rules):
    assert short_form("广西壮族自治区", rules) == "广西"
    assert short_form("新疆维吾尔自治区", rules) == "新疆"
    assert short_form("内蒙古自治区", rules) == "内蒙古"
    assert short_form("黔东南苗族侗族自治州", rules) == "黔东南"
    assert short_form("巴音郭楞蒙古自治州", rules) == "巴音郭楞"
    assert short_form("达州市", rules) == "达州"
    assert describe("工作报告", "广西各级工会全年帮扶职工。广西工会服务站300个。",
                    rules=rules).region == "广西壮族自治区"


def test_gazetteer_holds_the_whole_dataset(rules):
    gaz = load_gazetteer(rules)
    assert len(gaz.divisions) > 3000  # every province, city and county
    assert gaz.region("511502") == "四川省/宜宾市/翠屏区"


# ------------------------------------------------------------------------------ year

def test_title_year_first_then_plan_years_are_ignored(rules):
    assert describe("南湖市总工会2023年工作总结和2024年工作安排", "", rules=rules).year == 2023
    assert describe("青石县总工会二〇二三年度工作情况通报", "", rules=rules).year == 2023


def test_year_named_most_in_the_text(rules):
    text = ("2020年,是极不平凡的一年。过去的2020年,市总工会深化改革。"
            "2021年,市总工会将勇担使命。2018年以来累计投入资金1亿元。")
    assert describe("向两会报告", text, rules=rules).year == 2020


def test_years_that_are_starting_points_dates_or_plans_do_not_count(rules):
    text = "2018年以来成效明显,2021年开始试点,到2028年会员总数达到10万人。2021年6月29日举行活动。"
    assert explicit_years(text, rules) == []
    assert describe("工作报告", text, rules=rules).year is None


def test_a_year_named_once_does_not_beat_the_date(rules):
    text = "五年来,全区新建工会组织100个。2022年全区新增会员1000人。"
    assert describe("五年工作综述", text, date="2023-10-26", rules=rules).year == 2023


def test_last_year_words_move_the_date_back(rules):
    text = "去年,市总工会新建驿站10个。去年全市新增会员1万人。今年将继续推进。"
    assert describe("工作报告", text, date="2021年2月3日", rules=rules).year == 2020
    assert describe("工作报告", "今年新建驿站10个。", date="2021-02-03", rules=rules).year == 2021


def test_a_dateline_under_the_title_dates_the_report(rules):
    text = "——2024年3月26日在凌江县工会第十八次代表大会上\n五年来成效明显。到2028年会员达到10万人。"
    assert describe("凌江县总工会五年工作报告", text, rules=rules).year == 2024


# -------------------------------------------------------------------------- entities

def test_entities_are_preferred_when_given(rules):
    text = "国网南部县供电公司工会举办道德讲堂活动,参加职工200人。"
    entities = [("国网南部县供电公司工会", "NT"), ("南部县", "NS"), ("张三", "NR")]
    meta = describe("道德讲堂", text, rules=rules, entities=entities)
    assert meta.issuer == "国网南部县供电公司工会"
    assert meta.region == "四川省/南充市/南部县"
    # without entities the company union is not a body the suffix way can name
    assert describe("道德讲堂", text, rules=rules).issuer == ""


def test_useless_entities_fall_back_to_the_dataset_way(rules):
    meta = describe("达州市总工会工作总结", "市总工会开展活动。", rules=rules, entities=[("张三", "NR")])
    assert (meta.issuer, meta.region) == ("达州市总工会", "四川省/达州市")


def test_organization_without_a_place_does_not_replace_the_issuer(rules):
    # a small NER model may tag a bare 总工会: it names nobody, the title still does
    meta = describe("达州市总工会工作总结", "总工会开展活动。", rules=rules,
                    entities=[("总工会", "NT"), ("市总工会", "NT")])
    assert (meta.issuer, meta.region) == ("达州市总工会", "四川省/达州市")


# ---------------------------------------------------------------------- stage, rules

def test_stage_fills_the_report_and_skips_failed_ones(lexicon, nlp):
    report = describe_report(Report(doc_id="a", source_fields={"title": "达州市总工会2022年工作总结"},
                                    text="市总工会开展活动。"), lexicon)
    assert (report.region, report.issuer, report.year) == ("四川省/达州市", "达州市总工会", 2022)
    failed = nlp(Report(doc_id="b", source_fields={"title": "达州市总工会"}, status="error"))
    assert (failed.region, failed.issuer, failed.year) == ("", "", None)


def test_pipeline_runs_the_stage():
    report = process_text("宜宾市翠屏区总工会2022年工作总结\n全年新建工会组织12个,区总工会慰问职工300人。")
    assert report.issuer == "翠屏区总工会"
    assert report.region == "四川省/宜宾市/翠屏区"
    assert report.year == 2022
    row = report.report_row()
    assert (row["region"], row["issuer"], row["year"]) == (report.region, report.issuer, 2022)


def _copy_rules(tmp_path, old: str, new: str):
    text = (DEFAULT_DIR / RULES_FILE).read_text(encoding="utf-8")
    assert old in text
    (tmp_path / RULES_FILE).write_text(text.replace(old, new, 1), encoding="utf-8")
    return tmp_path


def test_bad_rules_name_the_file_and_line(tmp_path):
    _copy_rules(tmp_path, "relative_suffixes: [总工会, 工会委员会]", "relative_suffixes: [总工会, 妇联]")
    with pytest.raises(LexiconError, match=r"report_metadata.yaml:\d+: relative_suffixes"):
        load_rules(tmp_path)


def test_an_ambiguous_short_name_must_be_a_short_form(tmp_path):
    rules = load_rules(_copy_rules(tmp_path, "ambiguous_short_names: [安康,", "ambiguous_short_names: [安康康,"))
    with pytest.raises(LexiconError, match="安康康"):
        load_gazetteer(rules)


def test_invalid_yaml_is_reported(tmp_path):
    (tmp_path / RULES_FILE).write_text("issuer: [unclosed\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="invalid YAML"):
        load_rules(tmp_path)


def test_a_lexicon_folder_without_rules_is_refused_by_name(tmp_path):
    """No silent fall-back to the project's copy: a researcher's folder is used whole, and
    the fingerprint of incremental runs covers every file it uses."""
    shutil.copytree(DEFAULT_DIR, tmp_path / "lex")
    (tmp_path / "lex" / RULES_FILE).unlink()
    with pytest.raises(LexiconError, match=r"report_metadata.yaml: lexicon file is missing"):
        lexicon_mod.load(tmp_path / "lex")


# ------------------------------------------------------------------------------ seeds

def test_seed_reports_get_their_region_issuer_and_year(seeds_out):
    with open(seeds_out / "reports.csv", encoding="utf-8-sig", newline="") as fh:
        rows = {r["doc_id"][:3]: r for r in csv.DictReader(fh)}
    assert rows["000"]["region"] == "四川省/达州市"
    assert (rows["001"]["issuer"], rows["001"]["region"]) == ("陕西省总工会", "陕西省")
    assert (rows["002"]["issuer"], rows["002"]["year"]) == ("株洲市总工会", "2020")
    assert (rows["003"]["issuer"], rows["003"]["region"]) == ("翠屏区总工会", "四川省/宜宾市/翠屏区")
    assert (rows["004"]["issuer"], rows["004"]["region"]) == ("南昌市总工会", "江西省/南昌市")


# ------------------------------------------------------------- title, date and source

def test_date_and_source_from_a_chrome_line_normalize_removed(nlp):
    report = nlp("2024-01-15 08:30 来源:南河日报\n全市新建工会组织50个。")
    assert (report.date, report.source) == ("2024-01-15", "南河日报")
    assert "南河日报" not in report.text


def test_title_is_the_first_short_line_without_sentence_end(nlp):
    report = nlp("南河市总工会2023年工作总结\n全市新建工会组织50个。")
    assert report.title == "南河市总工会2023年工作总结"


def test_the_readers_title_comes_first(nlp):
    report = nlp(Report(doc_id="p", raw_text="南河市总工会2023年工作总结\n全市新建工会组织50个。",
                        source_fields={"title": "南河市总工会召开全委会"}, done=["ingest"]))
    assert report.title == "南河市总工会召开全委会"
