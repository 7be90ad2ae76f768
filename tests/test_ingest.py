"""Stage ingest: any encoding Chinese articles come in, HTML pages, document ids, bad files."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.ingest import read_report
from pipeline.inputs import doc_id_for

ROOT = Path(__file__).resolve().parent.parent

SIMPLIFIED = ("南河市总工会2023年工作总结\n"
              "全市新建工会组织50个，发展会员3000名，投入帮扶资金200万元。\n"
              "刘䶮同志获评市级劳动模范，全年走访慰问困难职工1200户。")
TRADITIONAL = ("南河市總工會2023年工作總結\n"
               "全市新建工會組織50個，發展會員3000名，投入幫扶資金200萬元。\n"
               "各級工會舉辦職工運動會，全年走訪慰問困難職工1200戶。")


def read(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return read_report(path, tmp_path)


# --- encodings --------------------------------------------------------------------------

def test_utf8_without_bom(tmp_path):
    report = read(tmp_path, "a.txt", SIMPLIFIED.encode("utf-8"))
    assert (report.status, report.encoding, report.raw_text) == ("ok", "utf-8", SIMPLIFIED)


def test_utf8_with_bom_drops_the_bom(tmp_path):
    report = read(tmp_path, "a.txt", b"\xef\xbb\xbf" + SIMPLIFIED.encode("utf-8"))
    assert report.raw_text == SIMPLIFIED
    assert report.encoding == "utf-8-sig"


@pytest.mark.parametrize("data", [
    SIMPLIFIED.encode("utf-16"),                          # BOM + native order
    b"\xff\xfe" + SIMPLIFIED.encode("utf-16-le"),
    b"\xfe\xff" + SIMPLIFIED.encode("utf-16-be"),
], ids=["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path, data):
    report = read(tmp_path, "a.txt", data)
    assert report.status == "ok"
    assert report.raw_text == SIMPLIFIED


def test_gb18030_with_a_character_gbk_lacks(tmp_path):
    with pytest.raises(UnicodeEncodeError):
        SIMPLIFIED.encode("gbk")  # 䶮 is only in GB18030: the test really needs GB18030
    report = read(tmp_path, "a.txt", SIMPLIFIED.encode("gb18030"))
    assert report.raw_text == SIMPLIFIED
    assert report.encoding == "gb18030"


def test_gbk(tmp_path):
    text = SIMPLIFIED.replace("䶮", "岩")
    report = read(tmp_path, "a.txt", text.encode("gbk"))
    assert report.raw_text == text


def test_short_gbk_file(tmp_path):
    text = "全市新建工会组织50个。"
    assert read(tmp_path, "a.txt", text.encode("gbk")).raw_text == text


def test_big5(tmp_path):
    report = read(tmp_path, "a.txt", TRADITIONAL.encode("big5"))
    assert report.raw_text == TRADITIONAL
    assert report.encoding == "big5"


@pytest.mark.parametrize("name, encoding", [
    ("county_union_five_year_review.txt", "utf-8"),
    ("city_union_2023_report.txt", "utf-8-sig"),
    ("traditional_union_report.txt", "utf-8"),
    ("gb18030_district_report.txt", "gb18030"),
    ("big5_report.txt", "big5"),
    ("chinese_numerals_report.txt", "utf-8"),
])
def test_sample_articles_decode_in_their_encoding(name, encoding):
    path = ROOT / "corpus" / name
    report = read_report(path, ROOT / "corpus")
    assert (report.status, report.encoding) == ("ok", encoding)
    assert "\ufffd" not in report.raw_text
    assert report.raw_text.count("\n") >= 10  # the title and one paragraph a line


# --- HTML -------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>南河市总工会：全年新建工会组织50个_南河日报网</title>
<style>.nav{color:red} /* 样式里的数字 300余名 */</style>
<script>var tip = "今日新增注册用户800余名";</script>
</head><body>
<nav class="nav"><a href="/">首页</a> | <a href="/news">要闻</a> | <a href="/u">导航工会动态</a></nav>
<article>
<h1>南河市总工会：全年新建工会组织50个</h1>
<p>本报讯&nbsp;南河市总工会深入开展建会入会行动，全市新建工会组织50个，发展会员3000名。</p>
<p>全年投入帮扶资金200万元，走访慰问困难职工1200户，&ldquo;送清凉&rdquo;活动覆盖职工2万人次。</p>
<p>市总工会组建职工法律服务律师团，全年办理法律援助案件120件，为职工追回欠薪300万元。</p>
</article>
<footer class="footer">版权所有 南河日报社 电话：0123-4567890</footer>
</body></html>"""


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("html")
    (folder / "page.html").write_text(PAGE, encoding="utf-8")
    return read_report(folder / "page.html", folder)


def test_html_gives_the_article_text(page):
    assert page.status == "ok"
    assert "全市新建工会组织50个,发展会员3000名" in page.raw_text.replace("，", ",")
    assert "为职工追回欠薪300万元" in page.raw_text
    assert "“送清凉”" in page.raw_text  # entities decoded


@pytest.mark.parametrize("chrome", ["800余名", "300余名", "color", "导航工会动态", "版权所有", "0123-4567890"])
def test_html_drops_script_style_nav_and_footer(page, chrome):
    assert chrome not in page.raw_text


def test_html_title(page):
    assert page.source_fields["title"].startswith("南河市总工会：全年新建工会组织50个")


def test_html_without_suffix_is_recognised(tmp_path):
    report = read(tmp_path, "page.txt", PAGE.encode("utf-8"))
    assert "800余名" not in report.raw_text
    assert "发展会员3000名" in report.raw_text


def test_sample_html_page():
    report = read_report(ROOT / "corpus" / "html" / "news_page.html", ROOT / "corpus")
    assert report.status == "ok"
    assert report.doc_id == "html/news_page"
    for chrome in ("readCount", "PingFang", "12580", "ICP"):
        assert chrome not in report.raw_text


FIELDS_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>江宁区退役军人服务保障工作有序推进_部门动态_南京市江宁区人民政府</title>
<meta name="SiteName" content="南京市江宁区人民政府">
<meta name="PubDate" content="2023-12-28 10:15">
<meta name="ContentSource" content="江宁区退役军人事务局">
<link rel="canonical" href="https://www.jiangning.gov.cn/art/2023/12/28/art_1.html">
</head><body>
<div class="nav"><a href="/">首页</a></div>
<h1>江宁区退役军人服务保障工作有序推进</h1>
<div class="content"><p>今年以来，江宁区退役军人事务局帮助1320名退役军人实现就业创业，举办专场招聘会18场。</p></div>
<div class="footer">Copyright © 2022 南京市江宁区人民政府</div>
</body></html>"""


def test_html_page_fields_from_its_head(tmp_path):
    report = read(tmp_path, "page.html", FIELDS_PAGE.encode("utf-8"))
    fields = report.source_fields
    assert fields["title"] == "江宁区退役军人服务保障工作有序推进"  # without the column and site names
    assert (fields["date"], fields["source"], fields["sitename"]) == \
        ("2023-12-28", "江宁区退役军人事务局", "南京市江宁区人民政府")
    assert fields["url"] == "https://www.jiangning.gov.cn/art/2023/12/28/art_1.html"


def test_html_page_without_a_date_gets_none(tmp_path):
    """htmldate's extensive search would read the copyright year as 2022-01-01."""
    dateless = FIELDS_PAGE.replace('<meta name="PubDate" content="2023-12-28 10:15">\n', "")
    report = read(tmp_path, "page.html", dateless.encode("utf-8"))
    assert "date" not in report.source_fields


def test_html_report_fields_in_reports_csv(tmp_path, nlp):
    (tmp_path / "page.html").write_bytes(FIELDS_PAGE.encode("utf-8"))
    report = nlp.process_path(tmp_path / "page.html", root=tmp_path)[0]
    assert (report.title, report.date, report.source, report.url) == (
        "江宁区退役军人服务保障工作有序推进", "2023-12-28", "江宁区退役军人事务局",
        "https://www.jiangning.gov.cn/art/2023/12/28/art_1.html")
    assert (report.issuer, report.region, report.region_code) == ("江宁区退役军人事务局", "江苏省/南京市/江宁区", "320115")


# --- document ids and bad files ---------------------------------------------------------

def test_doc_id_is_the_relative_path_without_extension(tmp_path):
    path = tmp_path / "2023" / "city" / "report.v2.txt"
    assert doc_id_for(path, tmp_path) == "2023/city/report.v2"
    assert doc_id_for(tmp_path / "a.html", tmp_path) == "a"


def test_read_report_sets_the_doc_id(tmp_path):
    (tmp_path / "sub").mkdir()
    report = read(tmp_path, "sub/b.txt", SIMPLIFIED.encode("utf-8"))
    assert report.doc_id == "sub/b"
    assert report.path == str(tmp_path / "sub" / "b.txt")


@pytest.mark.parametrize("data, status", [
    (b"", "empty"),
    (b"  \n\t\n", "empty"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "skipped"),
    (b"%PDF-1.7\n" + b"\x00\x01" * 64, "skipped"),
])
def test_empty_and_binary_files(tmp_path, data, status):
    report = read(tmp_path, "a.txt", data)
    assert report.status == status
    assert report.error


def test_unsupported_suffix_is_skipped(tmp_path):
    report = read(tmp_path, "slides.pptx", SIMPLIFIED.encode("utf-8"))
    assert (report.status, report.error) == ("skipped", "unsupported file type '.pptx'")


def test_unreadable_file_is_an_error_not_an_exception(tmp_path):
    link = tmp_path / "gone.txt"
    os.symlink(tmp_path / "missing.txt", link)
    report = read_report(link, tmp_path)
    assert report.status == "error"
    assert "cannot read" in report.error


# --- table cells as sentences (Word and Markdown tables) --------------------------------

from pipeline.ingest.cells import table_lines  # noqa: E402


def test_a_label_and_its_figure_make_a_sentence():
    assert table_lines([["法律援助案件", "42件"], ["调解劳动争议", "36件"]]) == [
        "法律援助案件42件。", "调解劳动争议36件。"]


def test_a_row_of_headings_is_not_a_sentence_and_years_head_the_clauses():
    rows = [["指标", "2023年", "2022年"], ["新建职工书屋", "12个", "9个"]]
    assert table_lines(rows) == ["2023年新建职工书屋12个；2022年新建职工书屋9个。"]


def test_other_headings_tell_a_rows_figures_apart():
    rows = [["类别", "受理", "办结"], ["劳动争议案件", "41件", "36件"]]
    assert table_lines(rows) == ["劳动争议案件41件（受理）；劳动争议案件36件（办结）。"]


def test_a_bare_number_takes_the_unit_of_its_label_or_heading():
    assert table_lines([["帮扶资金（万元）", "186.5"]]) == ["帮扶资金186.5万元。"]
    rows = [["项目", "金额（万元）"], ["困难职工帮扶", "120"]]
    assert table_lines(rows) == ["困难职工帮扶120万元。"]


def test_row_numbers_are_not_figures():
    rows = [["序号", "项目", "数量"], ["1", "新建工会组织", "52个"], ["2", "发展会员", "3600名"]]
    assert table_lines(rows) == ["新建工会组织52个。", "发展会员3600名。"]


def test_a_table_holding_prose_is_read_as_paragraphs():
    prose = "全年新建工会组织52个，发展会员3600名，其中新就业形态劳动者1280名，基层工会组织覆盖面进一步扩大。"
    assert table_lines([["一、组织建设"], [prose]]) == ["一、组织建设", prose]


def test_empty_rows_and_cells_are_left_out():
    assert table_lines([["", ""], ["法律援助案件", "", "42件"]]) == ["法律援助案件42件。"]


# --- PDF layout rules -------------------------------------------------------------------

from pipeline.ingest.lines import Line, clean_line, clean_ocr_line  # noqa: E402
from pipeline.ingest.pdf import assemble, drop_furniture  # noqa: E402


def test_a_text_layers_own_spaces_stay():
    assert clean_line("亮眼成绩单  全年服务职工 ") == "亮眼成绩单 全年服务职工"


def test_ocr_spaces_beside_chinese_go():
    assert clean_ocr_line("全 年 新 建 工 会 组 织 52 个 ， APP 注 册") == "全年新建工会组织52个，APP注册"


def _page(*rows):
    """Lines at 20 pt steps: (x0, x1, text)."""
    return [Line(text, x0, x1, 100 + 20 * i, 112 + 20 * i) for i, (x0, x1, text) in enumerate(rows)]


def test_lines_join_into_paragraphs_at_indents_and_short_lines():
    page = _page((96, 504, "全年新建工会组织52个，发展会员"), (72, 504, "3600名，其中新就业形态劳动者"),
                 (72, 300, "1280名。"), (72, 504, "全年投入帮扶资金200万元，走访慰问困难"),
                 (72, 200, "职工1250户。"), (96, 504, "县总工会全年办理法律援助案件120件。"))
    text, starts = assemble([page])
    assert text.split("\n") == [
        "全年新建工会组织52个，发展会员3600名，其中新就业形态劳动者1280名。",
        "全年投入帮扶资金200万元，走访慰问困难职工1250户。",
        "县总工会全年办理法律援助案件120件。"]
    assert starts == [0]


def test_a_paragraph_continues_across_a_page_break():
    page1 = _page((96, 504, "全年多方筹措帮扶资金近"))
    page2 = _page((72, 300, "400万元。"), (96, 504, "全年办理法律援助案件120件。"))
    text, starts = assemble([page1, page2])
    assert text.split("\n")[0] == "全年多方筹措帮扶资金近400万元。"
    assert text[starts[1]:].startswith("400万元")


def test_page_numbers_and_running_headers_are_dropped_dates_are_not():
    height = 842.0
    def page(n, last):
        body = [Line(f"第{n}段，全年新建工会组织{n}{i}个。", 96, 504, 100 + 20 * i, 112 + 20 * i)
                for i in range(3)]  # alike once digits are masked, but the body
        return [Line("凌江县总工会文件", 250, 350, 40, 52)] + body + [Line(last, 280, 320, 800, 810)]
    pages = [page(1, "- 1 -"), page(2, "第 2 页 共 3 页"), page(3, "2024年1月16日")]
    kept, dropped = drop_furniture(pages, [height] * 3)
    assert dropped == 5  # three headers, two page numbers
    assert [[line.text for line in p][-1] for p in kept] == [
        "第1段，全年新建工会组织12个。", "第2段，全年新建工会组织22个。", "2024年1月16日"]
    assert all(len(p) == 3 for p in kept[:2]) and len(kept[2]) == 4
