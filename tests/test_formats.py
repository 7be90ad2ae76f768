"""The formats reports come in: PDF (text layer, two pages; scanned), Word .docx with a
table, Markdown, tables of articles (CSV, XLSX, JSON Lines) and old .doc files; each
read into text with its figures, the page of each PDF figure, and a reason for what
cannot be read here.

The files are made here: PDFs with ReportLab (its Adobe CJK font STSong-Light needs no
font file), Word and Excel files with python-docx and openpyxl. OCR and LibreOffice are
system tools (`make system-tools` installs them); their tests skip without them, and
what happens without them is tested by hiding them."""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from csv_tables import read_csv
from pipeline import run
from pipeline.ingest import ocr, read_documents, read_report

# --- making the files -------------------------------------------------------------------

FONT = "STSong-Light"
LEFT, WIDTH, TOP, LEADING = 72, 432, 770, 20


def _font():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def wrap(text: str, first_indent: float = 24.0) -> list[tuple[float, str]]:
    """(x, line) of a paragraph wrapped to the page's width, its first line indented."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    _font()
    lines, line, indent = [], "", first_indent
    for ch in text:
        if stringWidth(line + ch, FONT, 12) > WIDTH - indent:
            lines.append((LEFT + indent, line))
            line, indent = "", 0.0
        line += ch
    lines.append((LEFT + indent, line))
    return lines


def make_pdf(pages: list[list[tuple[float, str]]], footer: bool = True) -> bytes:
    """A PDF whose pages hold these (x, text) lines, top down, with `- n -` at the foot."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    _font()
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    for number, lines in enumerate(pages, 1):
        c.setFont(FONT, 12)
        for i, (x, text) in enumerate(lines):
            c.drawString(x, TOP - i * LEADING, text)
        if footer:
            c.setFont(FONT, 10)
            c.drawCentredString(A4[0] / 2, 30, f"- {number} -")
        c.showPage()
    c.save()
    return out.getvalue()


TITLE = "凌江县总工会2023年工作总结"
FIRST = "2023年，全县各级工会围绕中心服务大局，全县新建基层工会组织52个，发展会员3600名，其中新就业形态劳动者1280名，基层工会组织覆盖面进一步扩大。"
# a paragraph the page break cuts: `近` at the foot of page 1, `400万元` at the head of page 2
# (the first part is 70 full-width characters: two full lines, the first indented)
BROKEN = ("各级工会始终坚持把服务职工作为工作的出发点和落脚点，健全完善困难职工梯度帮扶机制，"
          "深入开展送温暖和金秋助学等品牌活动，全年多方筹措帮扶资金近",
          "400万元，走访慰问困难职工1250户，发放慰问金和慰问品价值186万元。")
LAST = "县总工会职工法律援助中心全年办理法律援助案件120件，为职工追回欠薪350万元。"


def two_page_pdf() -> bytes:
    """Page 1: title, a paragraph, and the start of a paragraph the page break cuts (its
    last line full, so that it continues); page 2: the rest of it and one more."""
    head, tail = BROKEN
    cut = wrap(head + tail)
    assert "".join(t for _, t in cut[:2]) == head  # the page break falls after `近`
    page1 = [(LEFT + 24, TITLE)] + wrap(FIRST) + cut[:2]
    page2 = cut[2:] + wrap(LAST)
    return make_pdf([page1, page2])


def scanned_pdf(text_pdf: bytes, pages: int = 1) -> bytes:
    """The pages of a PDF as images only, as a scanner makes them: no text layer."""
    import pypdfium2

    document = pypdfium2.PdfDocument(text_pdf)
    images = [document[i].render(scale=200 / 72).to_pil().convert("L") for i in range(pages)]
    out = io.BytesIO()
    images[0].save(out, format="PDF", resolution=200, save_all=True, append_images=images[1:])
    return out.getvalue()


def make_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.core_properties.title = "凌江县总工会2023年工作总结"
    document.add_paragraph(TITLE)
    document.add_paragraph("2023年，全县新建基层工会组织52个，发展会员3600名。")
    table = document.add_table(rows=4, cols=2)
    for r, (label, figure) in enumerate([("项目", "数量"), ("法律援助案件", "42件"),
                                         ("调解劳动争议", "36件"), ("帮扶资金（万元）", "186.5")]):
        table.cell(r, 0).text, table.cell(r, 1).text = label, figure
    document.add_paragraph("全年走访慰问困难职工1250户。")
    document.save(path)
    return path


ARTICLES = [
    {"id": "nh-001", "title": "南河区总工会2023年工作总结", "date": "2024/1/10 09:30",
     "url": "https://example.org/nh-001", "source": "南河日报",
     "正文": "2023年，南河区新建工会组织35个，发展会员2100名，投入帮扶资金120万元。"},
    {"id": "bs-002", "title": "北山镇工会工作简报", "date": "2024年2月3日",
     "url": "https://example.org/bs-002", "source": "北山融媒",
     "正文": "北山镇工会全年走访慰问困难职工260户，举办技能培训班12期。"},
]


def write_csv(path: Path, rows=ARTICLES, encoding="utf-8-sig") -> Path:
    with open(path, "w", newline="", encoding=encoding) as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, rows=ARTICLES) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    header = [k for k in rows[0] if k != "id"]  # no id column: rows are numbered
    sheet.append(header)
    for row in rows:
        sheet.append([row[k] for k in header])
    book.save(path)
    return path


def figures(reports) -> dict[str, object]:
    return {ind.mention: ind for r in reports for ind in r.indicators}


def process(nlp, path: Path):
    return nlp.process_path(path, path.parent)


# --- PDF --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pdf_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    path.write_bytes(two_page_pdf())
    return path


def test_pdf_text_comes_back_in_paragraphs_with_the_page_break_joined(nlp, pdf_path):
    [report] = process(nlp, pdf_path)
    assert (report.status, report.format) == ("ok", "pdf")
    lines = report.text.split("\n")
    assert lines[0] == TITLE
    assert lines[1].replace(",", "，") == FIRST
    assert "".join(BROKEN).replace(",", "，") in [line.replace(",", "，") for line in lines]
    assert not any(line.strip("- ").isdigit() for line in lines)  # page numbers dropped


def test_pdf_figures_carry_their_page(nlp, pdf_path):
    [report] = process(nlp, pdf_path)
    found = figures([report])
    pages = {mention: ind.page for mention, ind in found.items()}
    assert pages["52个"] == pages["3600名"] == 1
    assert pages["近400万元"] == 1            # it starts at the foot of page 1
    assert pages["1250户"] == pages["120件"] == pages["350万元"] == 2
    assert found["近400万元"].qualifier == "under"  # `近` kept with its figure across the break
    for ind in report.indicators:  # the offsets stay those of the normalized text
        assert report.text[ind.start:ind.end] == ind.mention


def test_a_gap_before_a_figure_is_no_space_a_space_character_is(nlp, tmp_path):
    """Word sets a quarter em between Chinese and a figure: at 16 pt (三号, as official
    documents are set) a gap of 4 pt, wider than pdfminer's 3 pt for a space."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    _font()
    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.setFont(FONT, 16)
    x = LEFT
    for piece in ("全县新建工会组织", "52", "个，亮眼成绩单 全年服务职工", "3600", "人次。"):
        c.drawString(x, TOP, piece)
        x += stringWidth(piece, FONT, 16) + 4
    c.save()
    path = tmp_path / "spaced.pdf"
    path.write_bytes(out.getvalue())
    [report] = process(nlp, path)
    assert report.text.replace(",", "，") == "全县新建工会组织52个，亮眼成绩单 全年服务职工3600人次。"
    assert [i.mention for i in report.indicators] == ["52个", "3600人次"]


def test_page_column_of_indicators_csv(pdf_path, tmp_path):
    (tmp_path / "in").mkdir()
    shutil.copy(pdf_path, tmp_path / "in" / "report.pdf")
    (tmp_path / "in" / "note.txt").write_text(LAST, encoding="utf-8")
    run(tmp_path / "in", tmp_path / "out", progress=False)
    rows = read_csv(tmp_path / "out" / "indicators.csv")
    by_doc = {}
    for row in rows:
        by_doc.setdefault(row["doc_id"], []).append(row["page"])
    assert set(by_doc["report"]) == {"1", "2"}
    assert set(by_doc["note"]) == {""}  # a text file has no pages


def test_pdf_without_a_text_layer_is_skipped_without_tesseract(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    ocr.unavailable.cache_clear()
    try:
        path = tmp_path / "scan.pdf"
        path.write_bytes(scanned_pdf(two_page_pdf(), pages=2))
        report = read_report(path, tmp_path)
    finally:
        ocr.unavailable.cache_clear()
    assert report.status == "skipped"
    assert report.error == ("scanned PDF: no text layer "
                            "(install tesseract-ocr and tesseract-ocr-chi-sim to read it)")


def _chinese_font() -> bool:
    """A font that draws Chinese, for pypdfium2 to render the test's page as a scan."""
    if shutil.which("fc-list") is None:
        return False
    return bool(subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout.strip())


needs_tesseract = pytest.mark.skipif(
    ocr.unavailable() is not None or not _chinese_font(),
    reason=f"OCR is not available here ({ocr.unavailable() or 'no Chinese font to draw the scan with'}); "
           "`make system-tools` installs it")


@needs_tesseract
def test_scanned_pdf_is_read_by_ocr_with_a_warning(nlp, tmp_path):
    page = make_pdf([[(LEFT + 24, TITLE)] + wrap(FIRST) + wrap(LAST)])
    path = tmp_path / "scan.pdf"
    path.write_bytes(scanned_pdf(page))
    [report] = process(nlp, path)
    assert report.status == "ok"
    assert any("OCR" in w for w in report.warnings)
    found = figures([report])
    assert {"52个", "3600名", "120件", "350万元"} <= set(found)
    assert {ind.page for ind in report.indicators} == {1}


def test_blank_pdf_is_empty(tmp_path):
    path = tmp_path / "blank.pdf"
    path.write_bytes(make_pdf([[]], footer=False))
    report = read_report(path, tmp_path)
    assert report.status == "empty"


def test_broken_pdf_is_an_error_not_an_exception(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    report = read_report(path, tmp_path)
    assert report.status == "error"
    assert report.error.startswith("cannot read PDF")


# --- Word ------------------------------------------------------------------------------

def test_docx_paragraphs_and_table_cells_with_their_labels(nlp, tmp_path):
    [report] = process(nlp, make_docx(tmp_path / "report.docx"))
    assert (report.status, report.format, report.title) == ("ok", "docx", TITLE)
    found = figures([report])
    assert {"52个", "3600名", "42件", "36件", "186.5万元", "1250户"} <= set(found)
    case = found["42件"]
    assert "法律援助案件42件" in report.text
    assert (case.counted, case.category) == ("法律援助案件", "rights")
    assert found["186.5万元"].value == 1865000  # the unit of the row label `（万元）`
    assert "项目" not in report.text  # the header row is not a sentence of its own


def test_broken_docx_is_an_error(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    report = read_report(path, tmp_path)
    assert report.status == "error"
    assert report.error.startswith("cannot read Word document")


def _hide_libreoffice(monkeypatch):
    from pipeline.ingest import legacy

    monkeypatch.setattr(legacy, "soffice", lambda: None)


def test_old_doc_without_libreoffice_is_skipped_saying_so(tmp_path, monkeypatch):
    _hide_libreoffice(monkeypatch)
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)  # an OLE2 file's head
    report = read_report(path, tmp_path)
    assert report.status == "skipped"
    assert report.error.startswith("old Word document (.doc): LibreOffice is not installed")
    assert "libreoffice" in report.error


@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (soffice) is not installed; `make system-tools` installs it")
def test_old_doc_is_converted_by_libreoffice(nlp, tmp_path):
    source = make_docx(tmp_path / "report.docx")
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--convert-to", "doc", "--outdir", str(tmp_path / "doc"), str(source)],
                   check=True, capture_output=True, timeout=300)
    [report] = process(nlp, tmp_path / "doc" / "report.doc")
    assert (report.status, report.format) == ("ok", "office")
    found = figures([report])
    assert {"52个", "42件", "1250户"} <= set(found)
    assert found["42件"].counted == "法律援助案件"


# --- Markdown ---------------------------------------------------------------------------

MARKDOWN = """---
title: 南河区总工会工作简报
date: 2024-01-05
---
# 南河区总工会工作简报

全区新建工会组织**20个**，发展会员
1500名，详见[附件](https://example.org/a.pdf)。![图片](photo.jpg)

- 举办职工技能竞赛8场
- 开展送温暖活动，慰问困难职工300户

| 项目 | 数量 |
| --- | --- |
| 调解劳动争议 | 36件 |

```
代码块里的300个不是指标
```
"""


def test_markdown_without_markup(nlp, tmp_path):
    path = tmp_path / "brief.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    [report] = process(nlp, path)
    assert (report.status, report.format) == ("ok", "markdown")
    assert (report.title, report.date) == ("南河区总工会工作简报", "2024-01-05")
    assert "发展会员1500名" in report.text  # a line break inside a paragraph joined
    assert "**" not in report.text and "https" not in report.text and "photo" not in report.text
    assert set(figures([report])) == {"20个", "1500名", "8场", "300户", "36件"}


def test_shtml_is_read_as_html(tmp_path):
    path = tmp_path / "page.shtml"
    path.write_text("<html><head><title>简报</title></head><body><article><p>全区新建工会组织"
                    "20个，发展会员1500名。</p></article></body></html>", encoding="utf-8")
    report = read_report(path, tmp_path)
    assert (report.status, report.format) == ("ok", "html")
    assert "发展会员1500名" in report.raw_text


# --- tables of articles -----------------------------------------------------------------

def test_csv_of_articles_one_report_a_row(nlp, tmp_path):
    reports = process(nlp, write_csv(tmp_path / "export.csv"))
    assert [r.doc_id for r in reports] == ["export/nh-001", "export/bs-002"]
    first, second = reports
    assert (first.title, first.date, first.url, first.source) == (
        "南河区总工会2023年工作总结", "2024-01-10", "https://example.org/nh-001", "南河日报")
    assert second.date == "2024-02-03"
    assert [i.mention for i in first.indicators] == ["35个", "2100名", "120万元"]
    assert [i.mention for i in second.indicators] == ["260户", "12期"]


def test_gbk_csv_exported_by_excel(tmp_path):
    reports = read_documents(write_csv(tmp_path / "gbk.csv", encoding="gbk"), tmp_path)
    assert [r.status for r in reports] == ["ok", "ok"]
    assert reports[0].encoding == "gb18030"
    assert "发展会员2100名" in reports[0].raw_text


def test_xlsx_of_articles_numbered_rows(nlp, tmp_path):
    reports = process(nlp, write_xlsx(tmp_path / "export.xlsx"))
    assert [(r.doc_id, r.status, r.format) for r in reports] == [
        ("export/1", "ok", "xlsx"), ("export/2", "ok", "xlsx")]
    assert reports[0].title == "南河区总工会2023年工作总结"
    assert [i.mention for i in reports[1].indicators] == ["260户", "12期"]


def test_json_lines_of_articles_with_html_text(nlp, tmp_path):
    path = tmp_path / "items.jsonl"
    lines = [{"title": "甲", "content": "<div class='nav'>首页</div><p>全镇新建工会组织6个。</p>"},
             {"title": "乙", "content": ""}]
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    first, second = process(nlp, path)
    assert (first.doc_id, first.status, [i.mention for i in first.indicators]) == ("items/1", "ok", ["6个"])
    assert "首页" not in first.text
    assert (second.doc_id, second.status) == ("items/2", "empty")


def test_text_column_named_on_the_command_line(tmp_path):
    from pipeline.cli import main

    rows = [{"编号": "1", "文章": "全县发放助学金50万元。"}, {"编号": "2", "文章": "全县新建书屋3个。"}]
    (tmp_path / "in").mkdir()
    write_csv(tmp_path / "in" / "a.csv", rows)
    assert main(["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q"]) == 0
    [row] = read_csv(tmp_path / "out" / "reports.csv")
    assert row["status"] == "skipped"
    assert "no text column" in row["error"] and "文章" in row["error"]
    assert main(["run", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q",
                 "--text-column", "文章"]) == 0
    reports = read_csv(tmp_path / "out" / "reports.csv")
    assert [(r["doc_id"], r["status"]) for r in reports] == [("a/1", "ok"), ("a/2", "ok")]
    assert [r["mention"] for r in read_csv(tmp_path / "out" / "indicators.csv")] == ["50万元", "3个"]


# --- a folder of every format -----------------------------------------------------------

def test_a_folder_of_every_format(pdf_path, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(pdf_path, folder / "report.pdf")
    make_docx(folder / "report_word.docx")
    (folder / "brief.md").write_text(MARKDOWN, encoding="utf-8")
    write_csv(folder / "scraped.csv")
    write_xlsx(folder / "scraped_excel.xlsx")
    (folder / "slides.pptx").write_bytes(b"PK\x03\x04")
    summary = run(folder, tmp_path / "out", jobs=2, progress=False)
    rows = {r["doc_id"]: r for r in read_csv(tmp_path / "out" / "reports.csv")}
    assert {d: (r["status"], r["format"]) for d, r in rows.items()} == {
        "brief": ("ok", "markdown"), "report": ("ok", "pdf"), "report_word": ("ok", "docx"),
        "scraped/nh-001": ("ok", "csv"), "scraped/bs-002": ("ok", "csv"),
        "scraped_excel/1": ("ok", "xlsx"), "scraped_excel/2": ("ok", "xlsx"),
        "slides": ("skipped", "")}
    assert rows["slides"]["error"] == "unsupported file type '.pptx'"
    assert rows["scraped/nh-001"]["url"] == "https://example.org/nh-001"
    assert summary.n_errors == 0
    again = run(folder, tmp_path / "out", jobs=1, progress=False)  # nothing changed
    assert (again.processed, again.reused) == (0, len(rows))


# --- page starts through normalization ---------------------------------------------------

def _normalized(lexicon, raw: str, page_starts: list[int]):
    from pipeline.normalize import normalize
    from pipeline.report import Report

    return normalize(Report(doc_id="t", raw_text=raw, page_starts=page_starts), lexicon)


def test_page_starts_follow_the_text_through_normalization(lexicon):
    # page 2 begins inside a paragraph whose line the page number cut; page 3 at a line
    # that normalization drops as chrome (a source line), so it begins at the next kept one
    page1 = "全市新建工会组织５０个，发展会员３０００名，其中新就业形态劳动者入会一千二百名，全年投入帮扶"
    page2 = "资金２００万元，走访慰问困难职工１２００户。\n"
    page3 = "来源：南河日报\n全年办理法律援助案件１２０件。"
    raw = page1 + "\n" + page2 + page3
    starts = [0, len(page1) + 1, len(page1) + 1 + len(page2)]
    report = _normalized(lexicon, raw, starts)
    text = report.text
    assert text.count("\n") == 1  # the broken paragraph joined, the source line dropped
    assert text[report.page_starts[1]:].startswith("资金200万元")
    assert text[report.page_starts[2]:].startswith("全年办理法律援助案件120件")
    assert report.page_starts[0] == 0


def test_a_page_start_inside_a_line_keeps_its_place(lexicon):
    # as the PDF reader gives them: the page break inside a joined line, after characters
    # that normalization removes or folds (spaces, a pinyin reading, full-width digits)
    head = "全市  新建工会組(zǔ)织５０个，发展会员"
    raw = head + "３０００名，投入帮扶资金２００万元。"
    report = _normalized(lexicon, raw, [0, len(head)])
    assert report.text[report.page_starts[1]:].startswith("3000名")


def test_page_starts_in_a_traditional_text(lexicon):
    page1 = "全市工會會員達到12萬人，經費投入3億元。\n"
    raw = page1 + "總工會舉辦職工運動會，參賽職工3000名。"
    report = _normalized(lexicon, raw, [0, len(page1)])
    assert report.text[report.page_starts[1]:].startswith("总工会举办职工运动会")


def test_text_without_pages_is_normalized_as_before(lexicon):
    raw = "全市新建工会组织50个，\n发展会员3000名。"
    assert _normalized(lexicon, raw, []).text == _normalized(lexicon, raw, [0]).text
