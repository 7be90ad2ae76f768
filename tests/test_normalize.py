"""Stage normalize: NFKC, Traditional -> Simplified, pinyin readings, page chrome,
repeated and broken paragraphs, warnings for lost and garbled characters."""
from __future__ import annotations

import pytest

from pipeline import process_text
from pipeline.chinese import has_traditional, is_traditional
from pipeline.normalize import fold, normalize, strip_pinyin
from pipeline.report import Report


@pytest.fixture(scope="module")
def norm(lexicon):
    def _norm(raw):
        return normalize(Report(doc_id="t", raw_text=raw), lexicon)
    return _norm


def has_warning(report, words):
    return any(words in w for w in report.warnings)


# --- Unicode folding --------------------------------------------------------------------

def test_nfkc_folds_full_width_digits_and_punctuation():
    assert fold("投入资金１，２５０万元，占比９２．５％") == "投入资金1,250万元,占比92.5%"


def test_fold_removes_zero_width_characters_and_unifies_newlines():
    assert fold("会员\u200b500名\r\n第二段\r第三段\ufeff") == "会员500名\n第二段\n第三段"


# --- Traditional -> Simplified ----------------------------------------------------------

def test_traditional_text_is_converted(norm):
    report = norm("全市工會會員達到12萬人，經費投入3億元。\n總工會舉辦職工運動會。")
    assert report.text == "全市工会会员达到12万人,经费投入3亿元。\n总工会举办职工运动会。"
    assert has_warning(report, "Traditional")


def test_simplified_text_is_left_alone(norm):
    report = norm("全市工会会员达到12万人。")
    assert report.text == "全市工会会员达到12万人。"
    assert not has_warning(report, "Traditional")


def test_is_traditional_needs_several_traditional_characters():
    # the test of a whole document's decoding (ingest); conversion does not depend on it
    assert is_traditional("總工會舉辦職工運動會")
    assert not is_traditional("总工会举办职工运动会")
    assert not is_traditional("")


# issue 12, class 2: conversion does not depend on the text's length, and a mixed text is
# converted too; Simplified text stays byte for byte what it was

@pytest.mark.parametrize("raw, simplified", [
    ("今年新建工會12個。", "今年新建工会12个。"),
    ("會員500名", "会员500名"),
    ("萬", "万"),
])
def test_a_short_traditional_text_is_converted(norm, raw, simplified):
    report = norm(raw)
    assert report.text == simplified
    assert has_warning(report, "Traditional")


def test_a_short_traditional_sentence_gives_its_figure():
    [ind] = process_text("今年新建工會12個。").indicators
    assert (ind.mention, ind.value, ind.unit) == ("12个", 12, "个")


def test_the_traditional_lines_of_a_mixed_text_are_converted(norm):
    report = norm("乾县总工会全年发展会员500名。\n新建工會12個,投入經費30萬元。")
    # the Simplified line keeps 乾县 (OpenCC alone would write 干县); the other is converted
    assert report.text == "乾县总工会全年发展会员500名。\n新建工会12个,投入经费30万元。"
    assert has_warning(report, "Traditional")


@pytest.mark.parametrize("text", [
    "乾县总工会慰问职工300人。",                  # 乾 of a place name: also Simplified
    "於梨华等作家捐赠图书2000册。",              # 於 the surname
    "显著提高了职工满意度,著名劳模讲述经历。",
])
def test_simplified_text_with_characters_opencc_would_change_is_left_alone(norm, text):
    report = norm(text)
    assert report.text == text
    assert not has_warning(report, "Traditional")


def test_has_traditional_needs_one_traditional_only_character():
    assert has_traditional("工會")
    assert not has_traditional("工会")
    assert not has_traditional("乾县於後")  # t2s changes these, but Simplified text uses them
    assert not has_traditional("")


# --- pinyin readings --------------------------------------------------------------------

def test_pinyin_reading_after_a_character_is_removed(norm):
    report = norm("推动經(jīng)濟社會發(fā)展。")
    assert report.text == "推动经济社会发展。"
    assert has_warning(report, "pinyin")


def test_brackets_without_tone_marks_are_kept():
    text = "下载工会APP(app)后报名,详见附件(sic)。"
    assert strip_pinyin(text) == (text, 0)


def test_readings_without_tone_marks_are_removed_where_a_page_has_several():
    text = "会上省人(ren)力资(zi)源社(she)会(hui)保障(zhang)厅介绍了稳(wen)就业工作。"
    assert strip_pinyin(text) == ("会上省人力资源社会保障厅介绍了稳就业工作。", 6)
    # one alone is no reading; nor is what no pinyin syllable spells
    assert strip_pinyin("见附件(a)。") == ("见附件(a)。", 0)
    text = "面积(m)、重量(kg)、时长(min)、人数(sic)等指标。"
    assert strip_pinyin(text) == (text, 0)


def test_pinyin_reading_after_a_lost_character_is_removed():
    # the character and its "(" were lost in transcoding: 上下聯(lián)動 -> 上下?lián)動
    assert strip_pinyin("坚持上下?lián)動") == ("坚持上下?動", 1)


# --- page chrome ------------------------------------------------------------------------

def test_a_spam_sites_run_of_keywords_is_chrome_and_never_swallows_the_headline(norm):
    raw = ("亚洲综合一区,国产影院一区二区,中文字幕久久,日本在线播放,国产第一页福利,蜜桃臀久久福利,正在播放高级会所\n"
           "央广网\n南河各级工会服务中心建功立业\n2018-08-13 08:39:00来源:南河在线\n"
           "南河基层工会数超15万家、涵蓋单位超53万家、工会会员2067万人。")
    report = norm(raw)
    assert "蜜桃" not in report.text and report.text.split("\n")[1] == "南河各级工会服务中心建功立业"
    # a cut-off list of a report's measures with its figures stays
    kept = "慰问困难职工1200户,发放慰问金36万元,走访企业20家,慰问职工300人,开展活动12场,组织培训5期,建立驿站"
    assert kept in norm(kept + "\n全年工作成效明显。").text


def test_the_empty_cells_after_a_table_rows_text_are_removed(norm):
    report = norm("南河工会三年帮讨血汗钱756万 | |||||||||\n三年共帮助农民工讨回拖欠工资756万元。")
    assert report.text.split("\n")[0] == "南河工会三年帮讨血汗钱756万"

def test_navigation_share_bar_byline_and_footer_are_removed(norm):
    raw = ("首页 | 新闻 | 工会动态\n"
           "全市新建工会组织50个,发展会员3000名。\n"
           "分享到:微信 微博\n"
           "责任编辑:王晓明\n"
           "版权所有:南河日报社")
    report = norm(raw)
    assert report.text == "全市新建工会组织50个,发展会员3000名。"
    assert has_warning(report, "page chrome")


def test_date_and_source_line_is_kept_for_describe(norm):
    report = norm("2024-01-15 08:30 来源:南河日报\n全市新建工会组织50个。")
    assert report.text == "全市新建工会组织50个。"
    assert report.dropped_lines == ["2024-01-15 08:30 来源:南河日报"]


def test_editor_line_in_brackets_is_removed(norm):
    report = norm("全市新建工会组织50个。\n（责任编辑：王晓明）")
    assert report.text == "全市新建工会组织50个。"


def test_footer_list_is_cut_only_in_the_second_half(norm):
    body = "全市新建工会组织50个,发展会员3000名,投入资金200万元。"
    report = norm(f"{body}\n{body.replace('50', '60')}\n{body.replace('50', '70')}\n"
                  "相关阅读\n南河市举办职工运动会\n南河市新建驿站20个")
    assert "相关阅读" not in report.text and "运动会" not in report.text
    assert report.text.count("\n") == 2


def test_long_line_without_punctuation_is_a_menu(norm):
    menu = "工会要闻 基层动态 劳模风采 维权服务 职工之家 视频新闻 图片新闻 专题专栏 数字报刊 网上工会 联系我们 关于我们 网站地图"
    report = norm(f"{menu}\n全市新建工会组织50个。")
    assert report.text == "全市新建工会组织50个。"


# --- repeated and broken paragraphs -----------------------------------------------------

def test_paragraph_repeated_word_for_word_is_dropped(norm):
    para = "全市新建工会组织50个,发展会员3000名,投入资金200万元。"
    report = norm(f"{para}\n{para}\n其他工作稳步推进。")
    assert report.text == f"{para}\n其他工作稳步推进。"
    assert has_warning(report, "repeated")


def test_short_repeated_lines_are_kept(norm):
    # headings like 一是 may repeat: only long paragraphs count as repeats
    report = norm("一是\n全市新建工会组织50个。\n一是\n全市发展会员3000名。")
    assert report.text.count("一是") == 2


def test_paragraph_broken_mid_sentence_is_joined(norm):
    report = norm("全市各级工会坚持以职工为中心,持续推进服务阵地建设,全年新建户外劳动者服务站和职工\n"
                  "之家共86个,服务职工超过10万人次。")
    assert report.text == ("全市各级工会坚持以职工为中心,持续推进服务阵地建设,全年新建户外劳动者服务站和职工"
                           "之家共86个,服务职工超过10万人次。")
    assert has_warning(report, "broken")


def test_a_menu_is_not_joined_with_the_headline_under_it(norm):
    report = norm("新闻 资讯 金融 知识 财经 理财 科技 经济 产品 系统 连接 聚焦 民生 专题 栏目首页\n"
                  "首页 > 新闻 > 要闻 > 正文\n"
                  "一季度全市城镇新增就业3.2万人 完成全年目标任务28%\n"
                  "一季度,全市城镇新增就业3.2万人。")
    assert "一季度全市城镇新增就业3.2万人 完成全年目标任务28%\n" in report.text
    assert not has_warning(report, "broken")


def test_complete_paragraphs_are_not_joined(norm):
    report = norm("全市各级工会坚持以职工为中心,持续推进服务阵地建设,全年新建户外劳动者服务站86个。\n"
                  "服务职工超过10万人次。")
    assert report.text.count("\n") == 1


# --- doubtful characters ----------------------------------------------------------------

def test_lost_character_is_kept_and_warned(norm):
    report = norm("每个项目补助不超过50?万元。")
    assert report.text == "每个项目补助不超过50?万元。"
    assert has_warning(report, "1 character(s) lost")


def test_real_question_marks_are_not_lost_characters(norm):
    report = norm("为什么改?怎么改?市总工会给出了答案。")
    assert not has_warning(report, "lost")


@pytest.mark.parametrize("garbled", ["锟斤拷", "\ufffd\ufffd", "烫烫烫"])
def test_garbled_run_is_warned(norm, garbled):
    report = norm(f"全市新建工会组织{garbled}50个。")
    assert has_warning(report, "garbled")


def test_clean_text_has_no_warning(norm):
    assert norm("全市新建工会组织50个,发展会员3000名。").warnings == []


# --- the report -------------------------------------------------------------------------

def test_title_line_stays_in_the_text(norm):
    report = norm("南河市总工会2023年工作总结\n全市新建工会组织50个。")
    assert report.text.split("\n")[0] == "南河市总工会2023年工作总结"


def test_only_chrome_leaves_an_empty_report(norm):
    report = norm("分享到:微信 微博\n责任编辑:王晓明")
    assert report.status == "empty"


def test_report_not_ok_is_passed_through(nlp):
    report = Report(doc_id="t", raw_text="全市", status="error", error="x", done=["ingest"])
    assert nlp(report).text == "" and report.done == ["ingest"]
