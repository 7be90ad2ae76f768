"""Benchmark of duplicate detection (pipeline/duplicates.py): 20,000 generated articles,
a few hundred of them near-duplicates of another, precision, recall and time.

    make bench-duplicates              # = python bench/duplicates_bench.py
    python bench/duplicates_bench.py --articles 100000 --copies 1500

The articles are work-report texts written from sentence templates (union, civil
affairs, employment), each with its own place, body, year and figures, in a random
order of a random choice of sentences; some share a site's stock opening or closing
paragraph, and many share a template with other figures (the same body's report of
another year, the hard negatives). The near-duplicates are copies of an article as
another site republishes it: other page chrome around it (menus, share buttons, editor,
source line), a 转载 or 原标题 line, a sentence dropped or a word changed, other spaces.
A copy is expected to be the duplicate of the earliest article, by doc id, of its group.

Times are of the work the pipeline does: the signatures (in the workers, per article)
and the candidates and comparisons (once per run). Results are appended to
bench/results.csv beside make bench's.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from pipeline.duplicates import find_duplicates, signature  # noqa: E402

PLACES = ["翠屏", "南溪", "叙州", "江安", "长宁", "高县", "珙县", "筠连", "兴文", "屏山", "武侯", "锦江",
          "青羊", "金牛", "成华", "龙泉", "温江", "双流", "郫都", "新都", "南海", "顺德", "禅城", "三水",
          "高明", "鼓楼", "云龙", "贾汪", "泉山", "铜山", "渝北", "江北", "沙坪坝", "九龙坡", "南岸", "北碚"]
BODIES = ["区总工会", "县总工会", "民政局", "人社局", "残联", "妇联", "团委", "慈善总会"]
SENTENCES = [
    "全年新建基层工会组织{n}个，其中楼宇工会{n}个、新就业形态工会{n}个。",
    "新发展会员{n}名，其中新就业形态劳动者{n}名，农民工会员{n}名。",
    "截至12月底，全{u}共有工会会员{n}万人，基层工会组织{n}个，建会率达到{p}%。",
    "全年投入帮扶资金{n}万元，走访慰问困难职工{n}户，发放慰问金{n}万元。",
    "元旦春节期间，筹集送温暖资金{n}万元，慰问一线职工和新就业形态劳动者{n}名。",
    "“夏送清凉”活动中发放防暑降温物品价值约{n}万元，惠及户外劳动者近{n}人。",
    "为{n}名困难职工子女发放“金秋助学”金，每人{n}元。",
    "举办职工技能竞赛{n}场，参赛职工{n}人次，评选技术能手{n}名。",
    "劳动争议调解委员会全年受理劳动争议案件{n}件，调解成功{n}件，帮助职工追回欠薪{n}万元。",
    "推动{n}家企业签订工资专项集体合同，覆盖职工{n}人。",
    "依托{n}个户外劳动者服务站点，为环卫工人、快递小哥提供服务{n}万人次。",
    "全年城镇新增就业{n}万人，失业人员再就业{n}人，就业困难人员就业{n}人。",
    "发放创业担保贷款{n}亿元，同比增加{n}万元，扶持创业{n}人，带动就业{n}人。",
    "全年开展补贴性职业技能培训{n}万人次，其中农村转移劳动力培训{n}万人次。",
    "城乡低保标准提高到每人每月{n}元，全年累计发放城乡低保资金{n}亿元。",
    "全{u}共有特困供养人员{n}人，其中集中供养{n}人、分散供养{n}人。",
    "新建乡镇区域性养老服务中心{n}所、村级互助养老服务点{n}个，养老机构床位达到{n}张。",
    "为{n}名持证残疾人提供基本康复服务，适配辅助器具{n}件，康复服务覆盖率达到{p}%。",
    "开展“两癌”免费筛查{n}万人，为{n}名患病困难妇女发放救助金{n}万元。",
    "全年组织开展“青年大学习”网上主题团课{n}期，团员青年参学{n}万人次。",
    "全年共募集善款善物{n}亿元，实施慈善项目{n}个，受益群众{n}万人次。",
    "网格员入户走访{n}户次，收集居民诉求{n}件，办结{n}件，办结率{p}%。",
    "新建职工书屋{n}家、母婴室{n}间，职工之家总数达到{n}个。",
    "组织劳模工匠宣讲{n}场，覆盖职工{n}人次，选树“最美职工”{n}名。",
]
OPENINGS = ["{y}年，{place}{body}在上级党委的坚强领导下，围绕中心、服务大局，扎实推进各项工作，现将全年工作情况总结如下。",
            "本报讯 近日，记者从{place}{body}获悉，{y}年以来，该{kind}聚焦主责主业，各项工作取得新成效。",
            "{y}年是全面贯彻党的二十大精神的开局之年，{place}{body}认真落实各项决策部署，工作成效明显。"]
CLOSINGS = ["下一步，{place}{body}将继续坚持以人民为中心的发展思想，推动各项工作再上新台阶。",
            "{place}{body}相关负责人表示，将进一步完善工作机制，让群众的获得感、幸福感、安全感更加充实。"]
CHROME_TOP = ["首页 > 新闻中心 > 工作动态", "当前位置：首页 > 基层动态 > 正文", "{site}网 | 要闻 | 工会动态 | 民生",
              "字号：大 中 小 打印本页 关闭窗口"]
CHROME_BOTTOM = ["责任编辑：{editor}", "来源：{site}网 发布时间：{y}-{m:02d}-{d:02d} 浏览次数：{n}",
                 "分享到：微信 微博 QQ空间", "版权所有：{site}网 备案号：蜀ICP备{n}号"]
EDITORS = ["王明", "李华", "张伟", "刘洋", "陈静", "杨帆"]
SITES = ["宜宾日报", "四川工人", "成都职工", "南海发布", "徐州日报", "渝北新闻"]


def number(rng: random.Random) -> str:
    return str(rng.choice([rng.randint(2, 99), rng.randint(100, 9999), round(rng.uniform(1, 99), 1)]))


def write_article(rng: random.Random, place: str, body: str, year: int) -> str:
    fill = lambda s: s.replace("{n}", "\0").replace("{p}", "\1").format(  # noqa: E731
        y=year, place=place, body=body, kind=body[-2:], u=rng.choice("区县市"))
    chosen = rng.sample(SENTENCES, rng.randint(6, 14))
    lines = [f"{place}{body}{year}年工作总结", fill(rng.choice(OPENINGS))]
    for k in range(0, len(chosen), 3):
        paragraph = "".join(fill(s) for s in chosen[k:k + 3])
        while "\0" in paragraph:
            paragraph = paragraph.replace("\0", number(rng), 1)
        while "\1" in paragraph:
            paragraph = paragraph.replace("\1", str(round(rng.uniform(60, 99.9), 1)), 1)
        lines.append(paragraph)
    if rng.random() < 0.5:
        lines.append(fill(rng.choice(CLOSINGS)))
    return "\n".join(lines)


def republish(rng: random.Random, text: str, year: int) -> str:
    """The article as another site shows it."""
    lines = text.split("\n")
    site = rng.choice(SITES)
    fill = lambda s: s.format(site=site, editor=rng.choice(EDITORS), y=year + 1, m=rng.randint(1, 12),  # noqa: E731
                              d=rng.randint(1, 28), n=rng.randint(100, 99999))
    change = rng.random()
    if change < 0.25 and len(lines) > 4:
        body = lines[2].split("。")
        if len(body) > 2:
            body.pop(rng.randrange(len(body) - 1))  # a sentence dropped
            lines[2] = "。".join(body)
    elif change < 0.5:
        lines[1] = lines[1].replace("扎实推进", "持续推进").replace("认真落实", "全面落实")  # a word changed
    elif change < 0.65:
        lines = [" ".join(line) if rng.random() < 0.1 else line.replace("，", "， ") for line in lines]
    if rng.random() < 0.4:
        lines.insert(1, rng.choice(["（转载自" + site + "网）", "原标题：" + lines[0]]))
    top = [fill(s) for s in rng.sample(CHROME_TOP, rng.randint(1, 3))]
    bottom = [fill(s) for s in rng.sample(CHROME_BOTTOM, rng.randint(1, 4))]
    return "\n".join(top + lines + bottom)


def corpus(n: int, copies: int, seed: int) -> tuple[list[tuple[str, str]], list[list[str]]]:
    """(doc_id, text) in doc id order, and the groups of an article and its copies."""
    rng = random.Random(seed)
    docs: dict[str, str] = {}
    originals = []
    names = rng.sample(range(10 * n), n)
    for k in range(n - copies):
        place, body = rng.choice(PLACES), rng.choice(BODIES)
        year = rng.randint(2018, 2024)
        doc_id = f"{names[k]:08d}"
        docs[doc_id] = write_article(rng, place, body, year)
        originals.append((doc_id, year))
    groups: dict[str, list[str]] = {}
    for k in range(n - copies, n):
        original, year = rng.choice(originals)
        doc_id = f"{names[k]:08d}"
        docs[doc_id] = republish(rng, docs[original], year)
        groups.setdefault(original, [original]).append(doc_id)
    return sorted(docs.items()), list(groups.values())


def score(found: dict[str, str], groups: list[list[str]]) -> tuple[float, float, int]:
    expected = {}
    for group in groups:
        first, *rest = sorted(group)
        expected.update({doc: first for doc in rest})
    right = sum(1 for doc, of in found.items() if expected.get(doc) == of)
    precision = right / len(found) if found else 1.0
    recall = right / len(expected) if expected else 1.0
    return precision, recall, len(expected)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--copies", type=int, default=400)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--no-save", action="store_true", help="do not append to bench/results.csv")
    args = parser.parse_args(argv)

    docs, groups = corpus(args.articles, args.copies, args.seed)
    mb = sum(len(text.encode("utf-8")) for _, text in docs) / 1e6
    started = time.perf_counter()
    signatures = [(doc_id, signature(text)) for doc_id, text in docs]
    signed = time.perf_counter() - started
    started = time.perf_counter()
    found = find_duplicates(signatures)
    matched = time.perf_counter() - started
    precision, recall, n_expected = score(found, groups)

    import run_bench

    run_bench.TARGETS.update({"duplicates_precision": (0.95, ">="), "duplicates_recall": (0.95, ">="),
                              "duplicates_seconds": (10, "<")})
    report = run_bench.Report()
    note = f"{args.articles} articles, {n_expected} near-duplicates in {len(groups)} groups"
    report.add("duplicates_signatures", mb=mb, wall=signed, note=f"{note}; in the workers, per article")
    report.add("duplicates_lsh", wall=matched, note="candidates and comparisons, once per run")
    report.add("duplicates_seconds", ratio=signed + matched, note="signatures + LSH")
    report.add("duplicates_precision", ratio=precision, note=f"{len(found)} found")
    report.add("duplicates_recall", ratio=recall, note=f"{n_expected} expected")
    if not args.no_save:
        report.save()
    return 0 if precision >= 0.95 and recall >= 0.95 else 1


if __name__ == "__main__":
    sys.exit(main())
