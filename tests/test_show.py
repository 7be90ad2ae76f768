"""`python -m pipeline show FILE`: the normalized text with every indicator highlighted."""
from __future__ import annotations

import re

from pipeline.cli import main
from pipeline.show import render

ARTICLE = ("達州市總工會2022年工作總結\n"
           "全年新建基層工會組織862個，新發展會員3.46萬名。\n"
           "市總工會發放救助金1230萬元，惠及職工4000餘人。\n")


def _article(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(ARTICLE, encoding="big5")
    return path


def test_plain_render_marks_every_indicator_and_lists_its_fields(tmp_path):
    out = render(_article(tmp_path), color=False)
    assert "issuer: 达州市总工会" in out and "region: 四川省/达州市" in out and "year: 2022" in out
    assert "converted from Traditional" in out  # warnings come along
    marked = re.findall(r"\[\[(.+?)\]\]", out)
    assert marked == ["862个", "3.46万名", "1230万元", "4000余人"]
    assert "新发展会员[[3.46万名]]²" in out  # the normalized (Simplified) text, numbered
    lines = out.splitlines()
    field = next(line for line in lines if line.strip().startswith("2. 3.46万名"))
    assert "value=34600" in field and "dimension=persons" in field and "category=members" in field
    # each paragraph's fields follow it, before the next paragraph
    assert lines.index(field) < next(i for i, line in enumerate(lines) if "1230万元" in line)
    assert "\033[" not in out


def test_color_render_uses_ansi_not_brackets(tmp_path):
    out = render(_article(tmp_path), color=True)
    assert "\033[1;4;" in out and "[[" not in out


def test_cli_show_prints_the_article(tmp_path, capsys):
    assert main(["show", str(_article(tmp_path)), "--no-color"]) == 0
    out = capsys.readouterr().out
    assert "[[862个]]" in out and "value=862" in out


def test_cli_show_of_a_missing_file_is_a_usage_error(tmp_path, capsys):
    assert main(["show", str(tmp_path / "nope.txt")]) == 2
    assert "not found" in capsys.readouterr().err


def test_show_of_a_file_that_cannot_be_read_says_why(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n", encoding="utf-8")
    out = render(path)
    assert "status: empty" in out and "error: file holds only whitespace" in out
