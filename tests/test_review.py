"""The review site (`pipeline review`) and the gold drafts (`pipeline gold-draft`).

The site's pages are read as HTML here, and opened in a real browser further down: the
system's headless Chromium driven by Playwright (pipeline/review/browser.py). Runs: the
seeds (../shared), the sample corpus, and a run of three articles in which the pipeline
fills the newer columns (kind, year, category_confidence, part_of, repeat_of, duplicate_of:
tests/filled_run.py).
"""
from __future__ import annotations

import json
import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from filled_run import filled_run, read_csv
from pipeline import run
from pipeline.cli import main
from pipeline.errors import UsageError
from pipeline.evaluate import evaluate
from pipeline.files import safe_path
from pipeline.lexicon import load as load_lexicon
from pipeline.review import build_site, write_gold_draft
from pipeline.review.browser import missing
from pipeline.review.gold_draft import draft_path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


class Page(HTMLParser):
    """The parts of a page the tests read: its marks (with their text), every src and
    href, and the JSON of <script id="data">."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.marks, self.links, self.sources, self.tags = [], [], [], []
        self._open, self._in_data, self.data_text = None, False, ""
        self.feed(text)
        self.data = json.loads(self.data_text) if self.data_text else None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "mark":
            self._open = {**attrs, "text": ""}
            self.marks.append(self._open)
        if "href" in attrs:
            self.links.append(attrs["href"])
        if "src" in attrs:
            self.sources.append(attrs["src"])
        self._in_data = tag == "script" and attrs.get("id") == "data"

    def handle_endtag(self, tag):
        if tag == "mark":
            self._open = None
        self._in_data = False

    def handle_data(self, data):
        if self._open is not None:
            self._open["text"] += data
        if self._in_data:
            self.data_text += data


def page_of(out: Path, doc_id: str) -> Page:
    return Page(safe_path(out / "review" / "reports", doc_id, ".html").read_text(encoding="utf-8"))


def items(page: Page) -> list[dict]:
    return [dict(zip(page.data["fields"], row)) for row in page.data["rows"]]


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    return filled_run(tmp_path_factory.mktemp("filled"))


@pytest.fixture(scope="module")
def sample_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample") / "out"
    run(CORPUS, out, progress=False)
    return out


# ------------------------------------------------------------------- the pages

def test_every_indicator_of_the_seeds_is_one_highlight_carrying_its_id(seeds_out):
    build_site(seeds_out)
    reports = read_csv(seeds_out / "reports.csv")
    indicators = read_csv(seeds_out / "indicators.csv")
    assert len(reports) == len(list((ROOT.parent / "shared" / "corpus" / "seeds").iterdir())) == 5
    for report in reports:
        rows = [r for r in indicators if r["doc_id"] == report["doc_id"]]
        marks = [m for m in page_of(seeds_out, report["doc_id"]).marks if "data-indicator-id" in m]
        assert len(marks) == int(report["n_indicators"]) == len(rows) > 0
        assert [m["data-indicator-id"] for m in marks] == [r["indicator_id"] for r in rows]
        assert [m["text"] for m in marks] == [r["mention"] for r in rows]


def test_the_index_lists_every_report_and_links_to_its_page(sample_out):
    index = build_site(sample_out)
    page = Page(index.read_text(encoding="utf-8"))
    listed = {row[0]: dict(zip(page.data["fields"], row)) for row in page.data["rows"]}
    reports = read_csv(sample_out / "reports.csv")
    assert set(listed) == {r["doc_id"] for r in reports}
    for report in reports:
        entry = listed[report["doc_id"]]
        assert entry["status"] == report["status"] and entry["title"] == report["title"]
        assert entry["n_indicators"] == int(report["n_indicators"])
        if report["status"] == "ok":  # the page is there, and links back to the index
            target = (index.parent / entry["href"].replace("%2F", "/")).resolve()
            assert target.is_file(), entry["href"]
            back = [h for h in Page(target.read_text(encoding="utf-8")).links if h.endswith("index.html")]
            assert (target.parent / back[0]).resolve() == index.resolve()
    assert any("/" in doc_id for doc_id in listed)  # html/news_page: a page in a subfolder


def test_pages_are_self_contained_and_fetch_nothing(sample_out):
    index = build_site(sample_out)
    for path in [index, *sorted((index.parent / "reports").rglob("*.html"))]:
        text = path.read_text(encoding="utf-8")
        page = Page(text)
        assert page.sources == [], path  # no <script src>, no <img src>
        assert not [t for t, a in page.tags if t == "link"], path  # no stylesheet to fetch
        assert not re.search(r"@import|url\(", text), path
        assert not [h for h in page.links if re.match(r"https?:|//", h)], path  # the reports have no url here


def test_highlights_take_the_colours_of_the_lexicons(sample_out, tmp_path):
    build_site(sample_out)
    palette = load_lexicon().categories.palette()
    text = safe_path(sample_out / "review" / "reports", "city_union_2023_report", ".html").read_text("utf-8")
    page = Page(text)
    for item, mark in zip(items(page), page.marks):
        assert f"c{item['color']}" in mark["class"].split()
        assert f".c{item['color']}{{--c:{palette[item['category']]};" in text
    lexicons = tmp_path / "lexicons"
    shutil.copytree(ROOT / "lexicons", lexicons)
    categories = lexicons / "categories.yaml"
    categories.write_text(categories.read_text("utf-8").replace('color: "#7aecec"', 'color: "#123456"', 1), "utf-8")
    build_site(sample_out, lexicons=lexicons)
    assert "--c:#123456;" in safe_path(sample_out / "review" / "reports", "city_union_2023_report",
                                       ".html").read_text("utf-8")


def test_the_newer_columns_reach_the_page_when_a_run_fills_them(filled):
    index = build_site(filled)
    page = page_of(filled, "yunxi_2023")
    by_id = {i["indicator_id"]: i for i in items(page)}
    rows = read_csv(filled / "reports" / "yunxi_2023.csv")
    assert {r["kind"] for r in rows} == {"flow", "stock", "change", "target"}
    for row in rows:
        item = by_id[row["indicator_id"]]
        for name in ("kind", "year", "category_confidence", "part_of", "repeat_of"):
            assert item[name] == row[name]
    classes = {m["data-indicator-id"]: m["class"].split() for m in page.marks}
    parts = [r["indicator_id"] for r in rows if r["part_of"]]
    repeats = [r["indicator_id"] for r in rows if r["repeat_of"]]
    assert parts and repeats
    assert all("part" in classes[i] for i in parts) and all("repeat" in classes[i] for i in repeats)
    listed = {row[0]: dict(zip(Page(index.read_text("utf-8")).data["fields"], row))
              for row in Page(index.read_text("utf-8")).data["rows"]}
    assert listed["yunxi_copy_2023"]["duplicate_of"] == "yunxi_2023"
    copy = safe_path(filled / "review" / "reports", "yunxi_copy_2023", ".html")
    original = safe_path(filled / "review" / "reports", "yunxi_2023", ".html")
    assert original in [(copy.parent / h).resolve() for h in Page(copy.read_text("utf-8")).links]


def corrected_gold(out: Path, dest: Path) -> Path:
    """A draft of `out` corrected as a researcher would: one figure struck (its prediction
    becomes an extra), one category changed, one figure added that the run missed, one
    figure given another value (a miss that overlaps a prediction)."""
    write_gold_draft(out, dest)
    path = draft_path(dest, "yunxi_2023")
    lines = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    struck = next(n for n, g in enumerate(lines) if g["mention"] == "210人")
    lines[1]["category"] = "enterprises"
    added = {**lines[0], "mention": "9个", "value": 9, "unit": "个", "dimension": "count", "category": "facilities",
             "context": "新建职工驿站9个", "part_of_row": None, "repeat_of_row": None}
    other_value = {**lines[0], "value": 320, "part_of_row": None, "repeat_of_row": None}
    lines = [g for n, g in enumerate(lines) if n != struck] + [added, other_value]
    path.write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in lines), "utf-8")
    return dest


def test_with_gold_the_misses_extras_and_wrong_fields_are_marked(filled, tmp_path):
    gold = corrected_gold(filled, tmp_path / "gold")
    build_site(filled, gold_dir=gold)
    page = page_of(filled, "yunxi_2023")
    rows = read_csv(filled / "reports" / "yunxi_2023.csv")
    ind_marks = [m for m in page.marks if "data-indicator-id" in m]
    assert len(ind_marks) == len(rows)  # the misses are no indicators
    extras = [m["text"] for m in ind_marks if "extra" in m["class"].split()]
    assert extras == ["210人"]
    by_mention = {i["mention"]: i for i in items(page) if i["type"] == "ind"}
    assert by_mention["48个"]["wrong"] == {"category": "enterprises"}
    misses = [i for i in items(page) if i["type"] == "miss"]
    assert sorted(m["mention"] for m in misses) == ["3200名", "9个"]
    not_found = next(m for m in misses if m["mention"] == "9个")
    assert not_found["near"] == "" and not [m for m in page.marks if m["text"] == "9个"]  # not in the text
    overlapping = next(m for m in misses if m["mention"] == "3200名")
    assert overlapping["near"] == rows[0]["indicator_id"]  # shown at the prediction it overlaps
    other = page_of(filled, "shimen_jobs_2022")  # its gold is the uncorrected draft
    assert not [m for m in other.marks if {"extra", "miss", "wrong"} & set(m["class"].split())]


def test_a_located_miss_is_marked_in_the_text(filled, tmp_path):
    dest = tmp_path / "gold"
    write_gold_draft(filled, dest)
    path = draft_path(dest, "shimen_jobs_2022")
    lines = path.read_text("utf-8").splitlines()
    extra = {"doc": "shimen_jobs_2022", "mention": "2022年", "value": 2022, "dimension": "other",
             "category": "other", "context": "2022年,全市城镇新增就业"}
    path.write_text("\n".join(lines + [json.dumps(extra, ensure_ascii=False)]) + "\n", "utf-8")
    build_site(filled, gold_dir=dest)
    page = page_of(filled, "shimen_jobs_2022")
    misses = [m for m in page.marks if "data-gold-row" in m]
    found = [(m["text"], m["data-gold-row"], "miss" in m["class"]) for m in misses]
    assert found == [("2022年", str(len(lines)), True)]
    assert "data-indicator-id" not in misses[0]


def test_pages_of_reports_no_longer_in_the_run_are_removed(filled):
    build_site(filled)
    stale = filled / "review" / "reports" / "gone.html"
    stale.write_text("old", "utf-8")
    build_site(filled)
    assert not stale.exists()
    assert (filled / "review" / "reports" / "yunxi_2023.html").exists()


# ------------------------------------------------------------------ gold drafts

def test_an_uncorrected_draft_scores_f1_one_links_and_report_fields_included(filled, tmp_path):
    write_gold_draft(filled, tmp_path / "draft")
    s = evaluate(filled, tmp_path / "draft").summary()
    assert s["f1"] == s["strict_f1"] == 1.0 and s["n_gold"] == len(read_csv(filled / "indicators.csv"))
    for name in ("qualifier", "category", "basis", "kind", "year", "currency"):
        assert s[f"{name}_accuracy"] == 1.0, name
    assert s["part_of_f1"] == s["repeat_of_f1"] == 1.0
    fields = ("title", "date", "source", "issuer", "region", "region_code", "year")
    assert {k: v for k, v in s.items() if k.startswith("report_")} == {f"report_{n}_accuracy": 1.0 for n in fields}


@pytest.mark.parametrize("run_name", ["seeds_out", "sample_out"])
def test_draft_then_eval_round_trips_on_real_runs(run_name, request, tmp_path):
    out = request.getfixturevalue(run_name)
    write_gold_draft(out, tmp_path / "draft")
    s = evaluate(out, tmp_path / "draft").summary()
    assert s["f1"] == 1.0 and s["n_matched"] == len(read_csv(out / "indicators.csv")) > 0


def test_draft_lines_follow_the_annotation_format(filled, tmp_path):
    write_gold_draft(filled, tmp_path / "draft")
    lines = [json.loads(x) for x in draft_path(tmp_path / "draft", "yunxi_2023").read_text("utf-8").splitlines()]
    rows = read_csv(filled / "reports" / "yunxi_2023.csv")
    assert list(lines[0]) == ["doc", "mention", "value", "value_high", "unit", "dimension", "currency", "qualifier",
                              "basis", "category", "counted", "action", "period", "kind", "year", "part_of_row",
                              "repeat_of_row", "context"]
    text = (filled / "normalized" / "yunxi_2023.txt").read_text("utf-8")
    line_of = {r["indicator_id"]: n for n, r in enumerate(rows)}
    for line, row in zip(lines, rows):
        assert line["doc"] == "yunxi_2023" and line["mention"] == row["mention"]
        assert line["mention"] in line["context"] and line["context"] in text and len(line["context"]) <= 40
        assert isinstance(line["value"], (int, float)) and isinstance(line["year"], int)
        assert line["part_of_row"] == line_of.get(row["part_of"])
        assert line["repeat_of_row"] == line_of.get(row["repeat_of"])
    assert any(line["part_of_row"] is not None for line in lines)
    metas = [json.loads(x) for x in (tmp_path / "draft" / "reports.meta.jsonl").read_text("utf-8").splitlines()]
    assert metas[1] == {"doc": "yunxi_2023", "title": "云溪县总工会2023年工作总结", "date": "2024-01-12", "source": "",
                        "issuer": "云溪县总工会", "region": "", "region_code": "", "year": 2023}


def test_a_nested_doc_id_gets_a_flat_gold_file_naming_it_in_full(sample_out, tmp_path):
    write_gold_draft(sample_out, tmp_path / "draft")
    path = tmp_path / "draft" / "html__news_page.jsonl"
    assert json.loads(path.read_text("utf-8").splitlines()[0])["doc"] == "html/news_page"


def test_a_draft_never_writes_over_gold_without_force(filled, tmp_path, capsys):
    dest = tmp_path / "gold"
    write_gold_draft(filled, dest)
    corrected = draft_path(dest, "yunxi_2023")
    corrected.write_text("corrected\n", "utf-8")
    with pytest.raises(UsageError, match="already holds gold"):
        write_gold_draft(filled, dest)
    assert main(["gold-draft", str(filled), str(dest)]) == 2
    assert "already holds gold" in capsys.readouterr().err
    assert corrected.read_text("utf-8") == "corrected\n"
    assert main(["gold-draft", str(filled), str(dest), "--force"]) == 0
    assert corrected.read_text("utf-8") != "corrected\n"


def test_cli_review_and_its_errors(filled, tmp_path, capsys):
    assert main(["review", str(filled)]) == 0
    assert "index.html" in capsys.readouterr().out
    assert main(["review", str(tmp_path / "nothing")]) == 2
    assert "run the pipeline first" in capsys.readouterr().err
    assert main(["review", str(filled), "--gold", str(tmp_path / "no_gold")]) == 2
    assert "gold folder not found" in capsys.readouterr().err


# ---------------------------------------------------------------- in a browser

@pytest.fixture(scope="module")
def browser_context():
    reason = missing()
    if reason:
        if os.environ.get("CI"):  # .ci/run installs Chromium: its absence there is a failure
            pytest.fail(reason)
        pytest.skip(reason)
    from pipeline.review.browser import browser

    with browser() as context:
        yield context


@pytest.fixture
def page(browser_context):
    """A new tab that records script errors and refuses every request but file://."""
    tab = browser_context.new_page()
    tab.errors, tab.requests = [], []
    tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))
    tab.on("console", lambda msg: tab.errors.append(msg.text) if msg.type == "error" else None)
    tab.on("request", lambda req: tab.requests.append(req.url))
    yield tab
    assert tab.errors == []
    assert [u for u in tab.requests if not u.startswith("file://")] == []
    tab.close()


def card_fields(page) -> dict[str, str]:
    return {tr.get_attribute("data-field"): tr.locator("td").inner_text()
            for tr in page.locator("#card tr[data-field]").all()}


def test_in_chromium_the_seeds_site_lists_5_reports_and_highlights_every_indicator(seeds_out, page):
    index = build_site(seeds_out)
    page.goto(index.as_uri())
    links = page.locator("#reports tbody tr a")
    assert page.locator("#reports tbody tr").count() == links.count() == 5
    indicators = read_csv(seeds_out / "indicators.csv")
    hrefs = [a.get_attribute("href") for a in links.all()]
    for href in hrefs:
        page.goto((index.parent / href).as_uri())
        doc_id = page.evaluate("JSON.parse(document.getElementById('data').textContent).doc_id")
        rows = [r for r in indicators if r["doc_id"] == doc_id]
        marks = page.locator("mark[data-indicator-id]")
        assert marks.count() == len(rows)
        assert page.eval_on_selector_all("mark[data-indicator-id]", "ms => ms.map(m => m.dataset.indicatorId)") == \
            [r["indicator_id"] for r in rows]
        assert page.locator("#rows tbody tr").count() == len(rows)
        row = rows[len(rows) // 2]
        page.locator(f'mark[data-indicator-id="{row["indicator_id"]}"]').click()
        assert page.locator("#card").is_visible()
        assert page.get_attribute("#card", "data-for") == row["indicator_id"]
        fields = card_fields(page)
        for name in ("value", "unit", "qualifier", "category", "counted"):
            if row[name]:
                assert fields[name].startswith(row[name]), name


def test_hover_shows_the_fields_and_a_part_links_to_its_whole(filled, page):
    build_site(filled)
    page.goto((filled / "review" / "reports" / "yunxi_2023.html").as_uri())
    rows = read_csv(filled / "reports" / "yunxi_2023.csv")
    part = next(r for r in rows if r["part_of"])
    page.hover(f'mark[data-indicator-id="{part["indicator_id"]}"]')
    assert page.locator("#card").is_visible() and page.get_attribute("#card", "data-for") == part["indicator_id"]
    fields = card_fields(page)
    assert fields["kind"] == part["kind"] and fields["year"] == part["year"]
    assert f"confidence {part['category_confidence']}" in fields["category"]
    page.mouse.move(0, 0)
    assert page.locator("#card").is_hidden()  # hovering shows, moving away hides
    page.click(f'mark[data-indicator-id="{part["indicator_id"]}"]')
    page.click("#card [data-go]")  # the link of `part of`
    assert page.get_attribute("#card", "data-for") == part["part_of"]
    page.keyboard.press("Escape")
    assert page.locator("#card").is_hidden()


def test_the_side_table_filters_by_category_and_kind(filled, page):
    build_site(filled)
    page.goto((filled / "review" / "reports" / "yunxi_2023.html").as_uri())
    rows = read_csv(filled / "reports" / "yunxi_2023.csv")
    visible = "#rows tbody tr:not([hidden])"
    page.select_option("#f-category", "members")
    members = [r for r in rows if r["category"] == "members"]
    assert page.locator(visible).count() == len(members)
    assert page.locator("mark.dim").count() == len(rows) - len(members)
    page.select_option("#f-kind", "stock")
    assert page.locator(visible).count() == len([r for r in members if r["kind"] == "stock"]) == 1
    page.select_option("#f-category", "")
    page.select_option("#f-kind", "")
    page.fill("#f-search", "驿站")
    assert page.locator(visible).count() == len([r for r in rows if "驿站" in r["counted"]]) > 0
    page.fill("#f-search", "")
    assert page.locator(visible).count() == len(rows) and page.locator("mark.dim").count() == 0
    page.locator("#rows tbody tr").nth(3).click()  # a row shows its figure in the text
    assert page.get_attribute("#card", "data-for") == rows[3]["indicator_id"]


def test_in_chromium_gold_misses_and_extras_can_be_listed(filled, tmp_path, page):
    build_site(filled, gold_dir=corrected_gold(filled, tmp_path / "gold"))
    page.goto((filled / "review" / "reports" / "yunxi_2023.html").as_uri())
    assert page.locator("mark.extra").count() == 1
    page.select_option("#f-gold", "miss")
    missed = page.locator("#rows tbody tr:not([hidden])")
    assert missed.count() == 2
    missed.first.click()
    assert page.locator("#card .status.miss").is_visible()
    page.goto((filled / "review" / "index.html").as_uri())
    page.select_option("#f-gold", "differs")
    assert page.locator("#reports tbody tr:not([hidden])").count() == 1


def test_the_index_sorts_and_filters(filled, page):
    index = build_site(filled)
    page.goto(index.as_uri())
    page.click("#reports th:text-is('indicators')")
    first = page.locator("#reports tbody tr").first.locator("td").first.inner_text()
    assert first == min((r for r in read_csv(filled / "reports.csv")), key=lambda r: int(r["n_indicators"]))["doc_id"]
    page.fill("#f-search", "石门")
    assert page.locator("#reports tbody tr:not([hidden])").count() == 1


def big_run(out: Path, n: int) -> None:
    """A run of one report with `n` indicators, its tables written here."""
    from filled_run import write_csv
    from pipeline.tables.indicators import NAMES
    from pipeline.tables.reports import NAMES as REPORT_NAMES

    categories = ["members", "union_orgs", "funds", "beneficiaries", "facilities", "activities"]
    text, rows = [], []
    pos = 0
    for i in range(n):
        sentence = f"第{i % 9 + 1}季度，全区新建职工驿站{i + 10}个。\n"
        start = pos + sentence.index(str(i + 10))
        rows.append({"doc_id": "big", "indicator_id": f"big#{start}", "sentence_id": i, "start": start,
                     "end": start + len(str(i + 10)) + 1, "mention": f"{i + 10}个", "value": i + 10, "unit": "个",
                     "dimension": "count", "qualifier": "exact", "basis": "total", "category": categories[i % 6],
                     "category_confidence": round(0.5 + (i % 50) / 100, 2), "kind": ["flow", "stock"][i % 2],
                     "year": 2023, "counted": "职工驿站", "action": "新建", "sentence": sentence.strip()})
        text.append(sentence)
        pos += len(sentence)
    (out / "reports").mkdir(parents=True)
    (out / "normalized").mkdir()
    (out / "normalized" / "big.txt").write_text("".join(text), "utf-8")
    write_csv(out / "reports" / "big.csv", rows, NAMES)
    write_csv(out / "indicators.csv", rows, NAMES)
    write_csv(out / "reports.csv", [{"doc_id": "big", "status": "ok", "title": "大报告", "n_indicators": n}],
              REPORT_NAMES)


def test_a_report_of_5000_indicators_stays_responsive(tmp_path, page):
    big_run(tmp_path, 5000)
    build_site(tmp_path)
    page.goto((tmp_path / "review" / "reports" / "big.html").as_uri())
    assert page.locator("mark[data-indicator-id]").count() == 5000
    loaded = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    assert loaded < 5000, f"the page took {loaded:.0f} ms to load"
    took = page.evaluate("""() => {
        const t = performance.now(), select = document.getElementById('f-category');
        select.value = 'funds'; select.dispatchEvent(new Event('change'));
        return performance.now() - t; }""")
    assert took < 1000, f"filtering took {took:.0f} ms"
    assert page.locator("#rows tbody tr:not([hidden])").count() == 5000 // 6 + (1 if 5000 % 6 > 2 else 0)
    took = page.evaluate("""() => {
        const t = performance.now(); document.querySelectorAll('#rows th')[4].click();
        return performance.now() - t; }""")
    assert took < 1000, f"sorting took {took:.0f} ms"
    mark = page.locator("mark[data-indicator-id]").nth(4321)
    mark.click()
    assert page.get_attribute("#card", "data-for") == mark.get_attribute("data-indicator-id")


@pytest.mark.parametrize("name", ["review_index.png", "review_report.png"])
def test_docs_screenshots_are_made_from_todays_site(name):
    pytest.importorskip("PIL")
    from pipeline.review.docs_images import recorded_stamp, stamp

    assert recorded_stamp(ROOT / "docs" / name) == f"review {stamp('review')}", \
        f"docs/{name} is older than the review site's code or the pipeline: run `make docs-images`"
