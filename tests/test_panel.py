"""panel.csv (pipeline/tables/panel.py) and the summary's rule, end to end on articles
written for this test: a report with a total and its 其中 parts, a stock beside flows, a
target, a headline repeated in the body, a second report of the same region and year,
and the first report saved again as a web page with other page chrome."""
from __future__ import annotations

import csv

import pandas as pd
import pytest

from pipeline import load, run
from pipeline.lexicon import load as load_lexicon
from pipeline.settings import Settings
from pipeline.tables import Corpus
from pipeline.tables.panel import NAMES, PanelTable, report_cells

REPORT = """翠屏区总工会2023年工作总结：全年服务职工超过5万人次
发布时间：2024年1月10日 来源：翠屏区总工会
2023年，翠屏区总工会围绕中心、服务大局，扎实推进各项工作。
全年新建基层工会组织20个，其中楼宇工会5个、新就业形态工会8个。全年发展会员3000名，其中新就业形态劳动者1200名。截至12月底，全区共有工会会员12.6万人。
全年服务职工超过5万人次，投入帮扶资金260万元。会员人数同比增长3.5%。
2024年，区总工会将力争新建基层工会组织25个以上，发展会员不少于3500名。
"""

NEWS = """翠屏区总工会开展2023年“夏送清凉”活动
发布时间：2023年7月20日 来源：宜宾日报
7月19日，四川省宜宾市翠屏区总工会启动2023年“夏送清凉”活动，投入资金40万元，慰问一线职工3200人次。目前，全区共有工会会员12.4万人。
"""

PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>{title}_工会动态_宜宾职工网</title></head><body>
<header><nav><a href="/">首页</a> <a href="/news">工会动态</a> <a href="/about">关于我们</a></nav></header>
<div class="article"><h1>{title}</h1>
{paragraphs}
</div>
<footer><p>版权所有 宜宾职工网 备案号：蜀ICP备12345678号 联系电话：0831-1234567</p>
<p>分享到：微信 微博 QQ空间</p></footer>
</body></html>
"""


def as_page(text: str) -> str:
    title, *lines = text.strip().splitlines()
    return PAGE.format(title=title, paragraphs="\n".join(f"<p>{line}</p>" for line in lines))


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    folder = tmp_path_factory.mktemp("articles")
    (folder / "a_cuiping_2023.txt").write_text(REPORT, encoding="utf-8")
    (folder / "b_cuiping_summer.txt").write_text(NEWS, encoding="utf-8")
    (folder / "z_cuiping_2023_repost.html").write_text(as_page(REPORT), encoding="utf-8")
    out = tmp_path_factory.mktemp("out")
    run(folder, out, progress=False)
    return out


def read(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_the_copy_with_other_chrome_is_a_duplicate_of_the_first(out):
    reports = {r["doc_id"]: r for r in read(out / "reports.csv")}
    assert reports["z_cuiping_2023_repost"]["duplicate_of"] == "a_cuiping_2023"
    assert reports["a_cuiping_2023"]["duplicate_of"] == reports["b_cuiping_summer"]["duplicate_of"] == ""


def test_the_panel_holds_exactly_what_may_be_added(out):
    region = read(out / "reports.csv")[0]["region"]
    rows = {(r["year"], r["category"], r["dimension"], r["kind"]): (r["n_reports"], r["n_indicators"], r["value"])
            for r in read(out / "panel.csv")}
    assert {r["region"] for r in read(out / "panel.csv")} == {region}
    assert rows == {
        # 20, not 20 + its parts 5 and 8; the copy not again
        ("2023", "union_orgs", "count", "flow"): ("1", "1", "20"),
        # 3000, not its part 1200, not the stock of 12.6万, not the target of 3500
        ("2023", "members", "persons", "flow"): ("1", "1", "3000"),
        # the stock of the most recent report (January 2024), not the July one's
        ("2023", "members", "persons", "stock"): ("2", "2", "126000"),
        # 260万元 + 40万元 of the two reports
        ("2023", "funds", "money", "flow"): ("2", "2", "3000000"),
        # the headline's 5万人次 once, not again from the body; the news's 3200人次
        ("2023", "beneficiaries", "person_times", "flow"): ("2", "2", "53200"),
        # changes and targets are counted, not summed
        ("2023", "rates", "percent", "change"): ("1", "1", ""),
        ("2024", "union_orgs", "count", "target"): ("1", "1", ""),
        ("2024", "members", "persons", "target"): ("1", "1", ""),
    }


def test_the_summary_follows_the_same_rule(out):
    summary = {r["doc_id"]: r for r in read(out / "summary.csv")}
    assert summary["a_cuiping_2023"]["union_orgs_count"] == "20"
    assert summary["a_cuiping_2023"]["members_persons"] == "3000"
    assert summary["a_cuiping_2023"]["beneficiaries_person_times"] == "50000"
    assert summary["b_cuiping_summer"]["funds_money_CNY"] == "400000"
    assert set(summary["z_cuiping_2023_repost"].values()) == {"z_cuiping_2023_repost", ""}


def test_load_returns_the_panel_typed(out):
    panel = load(out).panel
    assert list(panel.columns) == NAMES
    assert panel["year"].dtype == "Int64" and panel["n_reports"].dtype == "Int64"
    assert panel["value"].dtype == "float64"
    for col in ("category", "dimension", "kind"):
        assert isinstance(panel[col].dtype, pd.CategoricalDtype)
    assert list(panel["kind"].cat.categories) == ["flow", "stock", "target", "change"]
    flows = panel[panel["kind"] == "flow"]
    assert flows.loc[flows["category"] == "funds", "value"].item() == 3_000_000
    assert panel.loc[panel["kind"] == "target", "value"].isna().all()


# ------------------------------------------------------------------ the cells, by hand

def row(value, kind="flow", category="members", dimension="persons", **extra):
    return {"value": value, "kind": kind, "category": category, "dimension": dimension, "year": 2023,
            "qualifier": "exact", "basis": "total", "currency": "", "part_of": "", "repeat_of": "", **extra}


def test_a_report_s_cells():
    cells = report_cells([
        row(100), row(50, qualifier="over"), row(9, qualifier="approx"),  # approx: no amount
        row(20, part_of="d#0"), row(100, repeat_of="d#0"),  # a part, a repeat: left out
        row(9000, "stock"), row(8000, "stock"),  # the largest of a report's stocks
        row(800, "target"), row(800, "target", repeat_of="d#9"),
        row(5000, category="funds", dimension="money"), row(70, category="funds", dimension="money", currency="USD"),
        row(95, "stock", category="rates", dimension="percent"),  # a ratio: counted only
        row(30, year=None),  # no year: a cell of its own
    ], ratios=frozenset({"percent"}))
    assert sorted(cells, key=str) == sorted([
        [2023, "members", "persons", "", "flow", 2, 150.0],
        [2023, "members", "persons", "", "stock", 2, 9000.0],
        [2023, "members", "persons", "", "target", 1, None],
        [2023, "funds", "money", "", "flow", 1, 5000.0],
        [2023, "funds", "money", "USD", "flow", 1, 70.0],
        [2023, "rates", "percent", "", "stock", 1, None],
        [None, "members", "persons", "", "flow", 1, 30.0],
    ], key=str)


def test_reports_without_region_or_year_are_kept_and_duplicates_left_out(tmp_path):
    def report(doc_id, date, cells, **extra):
        return {"doc_id": doc_id, "status": "ok", "date": date, "year": 2023, "region": "", "region_code": "",
                "parts": {"panel": cells}, **extra}

    reports = [
        report("a", "2023-03-01", [[2023, "members", "persons", "", "stock", 1, 500.0],
                                   [None, "members", "persons", "", "flow", 1, 7.0]]),
        report("b", "2023-12-30", [[2023, "members", "persons", "", "stock", 1, 520.0]]),
        report("c", "2023-06-01", [[2023, "members", "persons", "", "stock", 1, 510.0]]),
        report("d", "2024-01-05", [[2023, "members", "persons", "", "stock", 1, 999.0]]),
        {"doc_id": "e", "status": "error", "parts": {}},
    ]
    corpus = Corpus(tmp_path, Settings(), load_lexicon(), lambda: iter([dict(r) for r in reports]))
    corpus._duplicates = {"d": "a"}  # d is a's article: left out, though the most recent
    PanelTable().write(corpus)
    assert read(tmp_path / "panel.csv") == [
        dict(zip(NAMES, ["", "", "", "members", "persons", "", "flow", "1", "1", "7"])),
        dict(zip(NAMES, ["", "", "2023", "members", "persons", "", "stock", "3", "3", "520"])),
    ]
