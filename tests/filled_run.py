"""A run whose newer columns are filled, for the review site's and the notebook's tests.

Three articles written here, in which the pipeline's own stages fill every column a page
or a plot shows: kinds of all four sorts (flows, a stock, a change, a target), years, a
part (其中), a repeated figure, and a republished copy that is `duplicate_of` the first.
The tests read the run as the pipeline wrote it.
"""
from __future__ import annotations

import csv
from pathlib import Path

from pipeline import run

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
    with a line of page chrome: its duplicate); the output folder."""
    articles, out = folder / "articles", folder / "out"
    articles.mkdir(parents=True)
    (articles / "yunxi_2023.txt").write_text(ARTICLE, encoding="utf-8")
    (articles / "yunxi_copy_2023.txt").write_text(ARTICLE + "责任编辑：王明\n", encoding="utf-8")
    (articles / "shimen_jobs_2022.txt").write_text(OTHER, encoding="utf-8")
    run(articles, out, progress=False)
    return out
