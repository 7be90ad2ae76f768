"""A run whose newer columns are filled in, for the review site's and the notebook's tests.

`kind`, `year`, `category_confidence`, `part_of`, `repeat_of` (indicators) and
`duplicate_of` (reports) are columns that later stages fill. Until then these tests run
the pipeline on three articles written here and fill the columns themselves, by rules of
this file (the words before a figure decide its kind; a figure after 其中 is a part of the
one before it; the same value and thing counted again is a repeat), writing every table
the way the pipeline writes it.
"""
from __future__ import annotations

import csv
from pathlib import Path

from pipeline import run
from pipeline.tables.indicators import NAMES as INDICATOR_COLUMNS, report_table_path
from pipeline.tables.reports import NAMES as REPORT_COLUMNS

ARTICLE = """云溪县总工会2023年工作总结
发布时间：2024-01-12
2023年，全县发展会员3200名，县总工会全年工作取得新进展。
一、组织建设
全年新建基层工会组织48个，发展会员3200名，其中农民工会员1200名、快递员会员460名。
截至年底，全县累计建成职工驿站86个，工会会员总数达到5.6万人。
二、帮扶服务
全年筹措帮扶资金260万元，慰问困难职工1800人次，资助困难职工子女就学210人。
全县工会会员比上年增长12%。2024年，力争新建工会组织50个。
"""
OTHER = """石门市人社局2022年就业工作情况
2022年，全市城镇新增就业2.3万人，发放创业担保贷款1.6亿元，举办招聘会36场。
开展职业技能培训1.2万人次，其中新就业形态劳动者培训3400人次。
"""
KIND_WORDS = [("力争", "target"), ("增长", "change"), ("累计", "stock"), ("达到", "stock"), ("总数", "stock")]


def kind_of(row: dict) -> str:
    before = row["sentence"].split(row["mention"])[0][-12:]
    return next((kind for word, kind in KIND_WORDS if word in before), "flow")


def fill(rows: list[dict]) -> None:
    """Fill kind, year, confidence, part_of and repeat_of of one report's rows (in text order)."""
    seen: dict[tuple, str] = {}
    for i, row in enumerate(rows):
        row["kind"] = kind_of(row)
        row["year"] = "2024" if "2024年" in row["sentence"] else row["doc_id"].split("_")[-1][:4]
        row["category_confidence"] = "0.42" if row["category"] == "other" or i % 5 == 4 else "0.93"
        text = row["sentence"]
        if i and text == rows[i - 1]["sentence"] and "其中" in text.split(row["mention"])[0]:
            whole = rows[i - 1]
            row["part_of"] = whole["part_of"] or whole["indicator_id"]
        key = (row["value"], row["dimension"], row["counted"])
        if key in seen and not row["part_of"]:
            row["repeat_of"] = seen[key]
        seen.setdefault(key, row["indicator_id"])


def write_csv(path: Path, rows: list[dict], columns: list[str]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def filled_run(folder: Path) -> Path:
    """Run the pipeline on the articles above (the second a copy of the first, republished
    with a line of page chrome: its duplicate), fill the newer columns; the output folder."""
    articles, out = folder / "articles", folder / "out"
    articles.mkdir(parents=True)
    (articles / "yunxi_2023.txt").write_text(ARTICLE, encoding="utf-8")
    (articles / "yunxi_copy_2023.txt").write_text(ARTICLE + "责任编辑：王明\n", encoding="utf-8")
    (articles / "shimen_jobs_2022.txt").write_text(OTHER, encoding="utf-8")
    run(articles, out, progress=False)
    reports = read_csv(out / "reports.csv")
    every = []
    for report in reports:
        path = report_table_path(out, report["doc_id"])
        rows = read_csv(path)
        fill(rows)
        write_csv(path, rows, INDICATOR_COLUMNS)
        every += rows
        if report["doc_id"] == "yunxi_copy_2023":
            report["duplicate_of"] = "yunxi_2023"
    write_csv(out / "indicators.csv", every, INDICATOR_COLUMNS)
    write_csv(out / "reports.csv", reports, REPORT_COLUMNS)
    return out
