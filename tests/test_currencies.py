"""Money in every currency (issue 12, class 3): the `currency` of a figure is the ISO 4217
code of the unit it is written in (美元 → USD), of a currency word written before the
number (港币50万元 → HKD), or the yuan (元, 块钱, 人民币 → CNY); `value` is in that
currency, never silently in yuan. Every sentence here is written for the test."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline import load, process_text, run
from pipeline.errors import LexiconError
from pipeline.extract.quantities import find_quantities
from pipeline.lexicon import load as load_lexicon

LEXICONS = Path(__file__).resolve().parent.parent / "lexicons"


@pytest.fixture(scope="module")
def one(lexicon):
    def _one(text):
        found = find_quantities(text, lexicon)
        assert len(found) == 1, [q.mention for q in found]
        assert text[found[0].start:found[0].end] == found[0].mention
        return found[0]
    return _one


@pytest.mark.parametrize("sentence, mention, value, unit, currency", [
    ("吸引外资1.2亿美元。", "1.2亿美元", 1.2e8, "美元", "USD"),
    ("为驻外项目职工发放海外津贴46.5万美元。", "46.5万美元", 465_000, "美元", "USD"),
    ("收到海外捐赠3000万欧元。", "3000万欧元", 3e7, "欧元", "EUR"),
    ("港澳同胞捐款420万港元。", "420万港元", 4_200_000, "港元", "HKD"),
    ("接受捐款200万港币。", "200万港币", 2_000_000, "港币", "HKD"),
    ("日方企业捐赠500万日元。", "500万日元", 5_000_000, "日元", "JPY"),
    ("英国校友会捐赠20万英镑。", "20万英镑", 200_000, "英镑", "GBP"),
    ("台胞捐款80万新台币。", "80万新台币", 800_000, "新台币", "TWD"),
    ("澳门同胞捐款100万澳门元。", "100万澳门元", 1_000_000, "澳门元", "MOP"),
    ("全年投入帮扶资金500万元。", "500万元", 5_000_000, "元", "CNY"),
    ("共筹集善款50万元人民币。", "50万元人民币", 500_000, "元人民币", "CNY"),
    ("每人发放慰问金200块钱。", "200块钱", 200, "块钱", "CNY"),
])
def test_the_unit_names_the_currency(one, sentence, mention, value, unit, currency):
    q = one(sentence)
    assert (q.mention, q.value, q.unit, q.dimension, q.currency) == (mention, value, unit, "money", currency)


@pytest.mark.parametrize("sentence, mention, value, currency", [
    ("香港爱心人士捐赠港币50万元。", "港币50万元", 500_000, "HKD"),
    ("台湾同胞捐赠新台币三百五十万元。", "新台币三百五十万元", 3_500_000, "TWD"),
    ("海外侨胞捐赠美元10万元。", "美元10万元", 100_000, "USD"),
    ("捐赠款物折合人民币1680万元。", "人民币1680万元", 16_800_000, "CNY"),
    ("香港爱心人士捐赠港币约50万元。", "港币约50万元", 500_000, "HKD"),
])
def test_a_currency_word_before_the_number_names_the_currency(one, sentence, mention, value, currency):
    q = one(sentence)
    assert (q.mention, q.value, q.unit, q.currency) == (mention, value, "元", currency)


def test_every_money_figure_has_a_currency_and_no_other_has_one():
    report = process_text("全年投入资金500万元,发放海外津贴46.5万美元,慰问职工300人,建会率95%。")
    assert [(i.mention, i.dimension, i.currency) for i in report.indicators] == [
        ("500万元", "money", "CNY"), ("46.5万美元", "money", "USD"),
        ("300人", "persons", ""), ("95%", "percent", "")]


def test_a_range_never_joins_two_currencies(lexicon):
    found = find_quantities("捐款100万美元至200万欧元。", lexicon)
    assert [(q.mention, q.currency, q.value_high) for q in found] == [
        ("100万美元", "USD", None), ("200万欧元", "EUR", None)]
    [q] = find_quantities("捐款100万美元至200万美元。", lexicon)
    assert (q.value, q.value_high, q.currency) == (1e6, 2e6, "USD")


def test_a_date_before_yuandan_is_not_yen(lexicon):
    assert find_quantities("1月1日元旦期间走访慰问。", lexicon) == []
    assert find_quantities("2月5日元宵节前夕开展活动。", lexicon) == []


def test_currency_is_a_column_of_the_tables_and_load_types_it_as_text(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("全年投入帮扶资金500万元,接受海外捐赠46.5万美元,发展会员300名。\n",
                               encoding="utf-8")
    run(src, tmp_path / "out", progress=False)
    raw = pd.read_csv(tmp_path / "out" / "indicators.csv", dtype=str, keep_default_na=False)
    assert list(raw["currency"]) == ["CNY", "USD", ""]
    ind = load(tmp_path / "out").indicators
    assert list(ind["currency"].fillna("")) == ["CNY", "USD", ""]
    assert ind["currency"].isna().tolist() == [False, False, True]  # empty outside money
    assert not isinstance(ind["currency"].dtype, pd.CategoricalDtype)


# --- the currency section of units.yaml is checked like every lexicon -------------------

@pytest.fixture
def lex(tmp_path) -> Path:
    folder = tmp_path / "lexicons"
    shutil.copytree(LEXICONS, folder)
    return folder


def _edit(path: Path, old: str, new: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:text.index(old)].count("\n") + 1


@pytest.mark.parametrize("old, new, words", [
    ("{unit: 美元, currency: USD}", "{unit: 美元, currency: usd}", "ISO 4217"),
    ("default: CNY", "default: RMB1", "ISO 4217"),
    ("    - 位\n", "    - {unit: 位, currency: CNY}\n", "not under 'money'"),
    ("sub_units_after: [元, 块]", "sub_units_after: [元, 圆]", "'圆' in sub_units_after"),
    ("  dimension: money\n  default: CNY", "  dimension: monies\n  default: CNY",
     "unknown dimension 'monies'"),
    ("台湾省: TWD", "台湾省: NTD1", "ISO 4217"),
])
def test_a_bad_currency_entry_stops_with_its_line(lex, old, new, words):
    line = _edit(lex / "units.yaml", old, new)
    with pytest.raises(LexiconError) as err:
        load_lexicon(lex)
    assert f"units.yaml:{line}:" in str(err.value)
    assert words in str(err.value)


@pytest.mark.parametrize("page, region, currencies", [
    # 元 on a Taiwan page is the New Taiwan dollar; a figure naming its currency keeps it
    ("彰化縣政府社會處推動急難救助\n彰化縣政府今年發放急難救助金2300萬元，協助弱勢家庭1200戶，"
     "另以新台幣50萬元補助社團，並向大陸災區捐贈人民幣10萬元。",
     "台湾省", ["TWD", "TWD", "CNY"]),
    ("觀塘區社福機構年報\n觀塘區長者中心全年撥款120萬元，舉辦活動50場，並收到捐款30萬美元。",
     "香港特别行政区", ["HKD", "USD"]),
    ("澳門社會工作局去年向弱勢家庭發放援助金1.5億元。", "澳门特别行政区", ["MOP"]),
    # a mainland report that names Taiwan keeps the yuan
    ("厦门市总工会接待台湾职工交流团\n厦门市总工会为台北市来访职工举办座谈会3场，投入经费12万元。",
     "福建省", ["CNY"]),
])
def test_money_naming_no_currency_is_in_the_reports_regions_currency(page, region, currencies):
    report = process_text(page)
    assert report.region.split("/")[0] == region
    assert [i.currency for i in report.indicators if i.dimension == "money"] == currencies
