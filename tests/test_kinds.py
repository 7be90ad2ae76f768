"""The kind of a figure (flow, stock, target, change) and the year it refers to
(pipeline/extract/kinds.py, years.py; words in lexicons/kinds.yaml), on sentences written
in the style of work reports."""
from __future__ import annotations

import shutil

from pipeline import Pipeline, process_text
from pipeline.extract import relate
from pipeline.lexicon import DEFAULT_DIR, load


def figures(text: str, *, date: str | None = None, year: int | None = None, **kw):
    """(mention, kind, year) of every figure; `date`, `year`: the report's, when given
    (else what the describe stage found)."""
    report = process_text(text, **kw)
    if date is not None or year is not None:
        report.date, report.year = date or "", year
        relate(report, load(kw.get("lexicons")))
    return [(i.mention, i.kind, i.year) for i in report.indicators]


def kinds(text: str, **kw) -> dict[str, str]:
    return {mention: kind for mention, kind, _ in figures(text, **kw)}


# ---------------------------------------------------------------------------- kinds

def test_flows_are_what_was_done_in_the_period():
    assert kinds("全年新建基层工会组织14个，发展会员1126名，投入帮扶资金41.9万元。") == {
        "14个": "flow", "1126名": "flow", "41.9万元": "flow"}


def test_stocks_are_levels_at_a_point_in_time():
    assert kinds("街道辖区共有基层工会127个，工会会员达到9853人，建会率为93.6%。") == {
        "127个": "stock", "9853人": "stock", "93.6%": "stock"}
    assert kinds("自2004年成立以来，县慈善会累计募集善款1.26亿元。") == {"1.26亿元": "stock"}


def test_a_running_total_within_a_period_of_the_year_is_that_periods_flow():
    assert kinds("全年累计发放城乡低保资金1.62亿元。") == {"1.62亿元": "flow"}
    assert kinds("全省各级红十字会2022年累计投入人道救助款物9800余万元。") == {"9800余万元": "flow"}
    assert kinds("上半年累计帮扶困难职工86人次。") == {"86人次": "flow"}
    assert kinds("爱心活动4天累计筹款2.61亿元。") == {"2.61亿元": "flow"}
    # a monthly bulletin's running total stays a level; so does one since a start
    assert kinds("1-11月份累计发放低保金7849万元。") == {"7849万元": "stock"}
    assert kinds("2018年以来，全县累计建成职工书屋64家。") == {"64家": "stock"}


def test_yi_before_a_verb_is_what_has_been_done_so_far():
    assert kinds("逐户落实帮扶措施，已消除返贫风险2960户。") == {"2960户": "stock"}
    assert kinds("市慈善总会今年已募集慈善款物5.92亿元。") == {"5.92亿元": "flow"}
    assert kinds("今年，该平台已帮助销售扶贫产品3500万元。") == {"3500万元": "flow"}
    assert kinds("今年以来，市总工会加强了阵地建设，已投入2000多万元。") == {"2000多万元": "flow"}


def test_da_after_a_verb_of_doing_says_how_much_was_done():
    assert kinds("上半年发放帮扶救助资金达38.25万元。") == {"38.25万元": "flow"}
    assert kinds("1至11月，全市下岗失业人员再就业达4830人。") == {"4830人": "flow"}
    # without one, or after a noun of a level, 达 is a level reached
    assert kinds("全市工会会员已达78.2万人。") == {"78.2万人": "stock"}
    assert kinds("全市参保群众达41.6万人。") == {"41.6万人": "stock"}
    assert kinds("全县家庭医生签约服务人数达4.8万人。") == {"4.8万人": "stock"}


def test_a_point_in_time_before_the_first_figure_holds_for_the_sentence():
    found = kinds("据统计，截至2023年底，全县已建工会驿站86个，覆盖职工3.1万人，日均服务1200人次。")
    assert found == {"86个": "stock", "3.1万人": "stock", "1200人次": "flow"}  # a daily rate is no level
    # a stock word before the first figure reaches its own clause only
    assert kinds("11月，全区共有城乡低保对象616户，当月发放低保金72万元。") == {"616户": "stock", "72万元": "flow"}


def test_a_figure_set_against_a_running_total_is_the_periods_own():
    found = kinds("截至12月31日，县慈善会共募集善款353.6万元，累计募集善款5530万元；"
                  "救助支出468.3万元，累计救助支出4000万元。")
    assert found == {"353.6万元": "flow", "5530万元": "stock", "468.3万元": "flow", "4000万元": "stock"}


def test_a_month_end_is_a_point_in_time():
    assert kinds("6月末，全市脱贫人口务工规模32.2万人。") == {"32.2万人": "stock"}


def test_the_levels_a_change_goes_from_and_to_are_stocks():
    assert kinds("困难职工从2017年的7100户下降到现在的200余户。") == {"7100户": "stock", "200余户": "stock"}


def test_a_net_increase_is_a_change():
    assert kinds("与上年相比，全市会员净增8527人。") == {"8527人": "change"}


def test_a_change_word_is_read_whole_not_as_the_shorter_word_it_begins_with():
    """增幅为 and 净增加 begin with 增幅 and 净增, listed before them: the longer is read."""
    assert kinds("2023年，全市职工平均工资增幅为8.6%。") == {"8.6%": "change"}
    assert kinds("全市工会会员比上年净增加3200人。") == {"3200人": "change"}


def test_a_plain_word_is_tried_before_a_pattern_it_could_lose_to():
    from pipeline.lexicon import load
    assert [m.group() for m in load().kinds.stock_clause.finditer("会员总数达到782万人")] == ["总数", "达到"]


def test_the_order_of_a_kind_list_does_not_decide_what_matches(tmp_path):
    """A researcher appending a longer word after the short one it begins with gets it read."""
    folder = tmp_path / "lexicons"
    shutil.copytree(DEFAULT_DIR, folder)
    path = folder / "kinds.yaml"
    source = path.read_text(encoding="utf-8")
    path.write_text(source.replace("  before: [增长, 增加,", "  before: [增长, 增长了, 增加,", 1)
                    .replace("降价, 净增, 净增加, 净减少, 净减,", "降价, 净增, 净减, 净减少, 净增加,", 1),
                    encoding="utf-8")
    assert kinds("全市工会会员比上年净增加3200人。", lexicons=folder) == {"3200人": "change"}
    assert kinds("全市职工平均工资增幅为8.6%。", lexicons=folder) == {"8.6%": "change"}


def test_a_plan_heading_ended_by_a_colon_opens_a_list_of_targets():
    text = ("市人社局确定了2024年工作目标：全年城镇新增就业3.5万人以上；引进各类人才1万人；"
            "开展职业技能培训1.4万人次，年末参保人数达到96.7万人。")
    assert set(kinds(text).values()) == {"target"}
    # a review's heading words open no plan, and without the colon only the part is a plan's
    assert kinds("2023年工作成效：全年新建工会组织30个；发展会员2000名。") == {"30个": "flow", "2000名": "flow"}
    assert kinds("完成了年度工作目标任务，全年新建工会组织30个；发展会员2000名。") == {
        "30个": "flow", "2000名": "flow"}
    assert set(kinds("2023年，圆满完成年度目标任务：新建驿站20个；发展会员1000名。").values()) == {"flow"}


def test_people_insured_are_a_level_and_people_newly_insured_a_flow():
    assert kinds("全市失业保险参保12.4万人，工伤保险参保13.8万人。") == {"12.4万人": "stock", "13.8万人": "stock"}
    assert kinds("全年新增参保1.2万人。") == {"1.2万人": "flow"}


def test_a_colon_after_a_plan_opens_a_list_of_targets():
    text = "今年要重点抓好几件事：新建工会组织1000家以上，发展会员5万名；新建户外劳动者服务站点不少于60个。"
    assert set(kinds(text).values()) == {"target"}
    assert set(kinds("我们将做好三件事：新建工会组织100家；发展会员5000名。").values()) == {"target"}
    # a colon after a review opens none
    assert set(kinds("全年主要做了以下工作：新建工会组织100家，发展会员5000名；新建站点60个。").values()) == {"flow"}


def test_da_after_people_who_benefit_or_take_part_says_how_many_did():
    assert kinds("全年开展志愿服务1200场，受益群众达56万人次。")["56万人次"] == "flow"
    assert kinds("全市开展普惠活动300场，参与职工达3.2万人次。")["3.2万人次"] == "flow"
    assert kinds("全市工会会员已达782万人。") == {"782万人": "stock"}


def test_a_quota_handed_down_is_a_target_but_its_completion_rate_is_not():
    assert kinds("超额完成省总工会下达的28家工会驿站建设任务。") == {"28家": "target"}
    assert kinds("全市城镇新增就业5.2万人，完成省下达目标任务的112.4%。") == {
        "5.2万人": "flow", "112.4%": "stock"}


def test_a_plan_word_in_a_quoted_name_is_no_plan():
    found = kinds("2003年实施“大学生志愿服务西部计划”以来，先后招募高校毕业生1.6万名。")
    assert found == {"1.6万名": "flow"}
    assert kinds("今年，市总工会将着力做好服务职工群众10件实事。") == {"10件": "target"}


def test_a_point_in_time_at_the_start_holds_for_the_whole_sentence():
    found = kinds("截至2023年12月底，全省共有城乡低保对象215.6万人，其中城市低保对象32.4万人；"
                  "特困人员19.8万人。")
    assert set(found.values()) == {"stock"}


def test_a_stock_word_does_not_reach_past_a_flow_word():
    assert kinds("公司现有劳模创新工作室3个，全年完成技术革新项目64项，创造经济效益1850万元。") == {
        "3个": "stock", "64项": "flow", "1850万元": "flow"}


def test_a_point_in_time_mid_sentence_holds_for_its_clause_only():
    found = kinds("共调解劳动争议案件584件，目前成功调解395件，提供法律咨询2000余次。")
    assert found["395件"] == "stock" and found["2000余次"] == "flow"


def test_targets_are_plans_up_to_the_next_semicolon():
    found = kinds("区总工会将力争新建基层工会10个以上，新发展会员不少于800名；"
                  "各乡镇工会累计组织开展技能培训39场。")
    assert found == {"10个以上": "target", "不少于800名": "target", "39场": "stock"}
    assert kinds("今年全省各级工会计划投入送清凉资金1.2亿元。") == {"1.2亿元": "target"}


def test_jiang_as_the_object_marker_is_no_future():
    assert kinds("全年将4230户纳入防止返贫监测对象。") == {"4230户": "flow"}
    assert kinds("将各项重点任务有机结合，梳理16项任务。") == {"16项": "flow"}
    assert kinds("此外，全省工会今年将为5万名户外劳动者提供互助保障。") == {"5万名": "target"}


def test_a_plan_word_inside_another_word_is_no_plan():
    # 拟 of 虚拟, 计划 as a programme's name, 争取 funds obtained
    assert kinds("成功承办虚拟现实职工职业技能竞赛，参与竞赛的职工3620人。") == {"3620人": "flow"}
    assert kinds("全部实施营养改善计划，受益学生3.26万名。") == {"3.26万名": "flow"}
    assert kinds("去年，我们争取上级项目资金3.6亿元。") == {"3.6亿元": "flow"}


def test_changes_are_differences_from_a_base():
    found = kinds("全年共投入服务职工资金1.37亿元，同比增长8.6%，比上年增加1500万元。")
    assert found == {"1.37亿元": "flow", "8.6%": "change", "1500万元": "change"}
    assert kinds("建会率达到93.6%，比上年提高2.1个百分点。") == {"93.6%": "stock", "2.1个百分点": "change"}


def test_a_level_reached_is_a_stock_not_a_change():
    assert kinds("城市低保标准提高到每人每月650元，比上年增加30元。") == {"650元": "stock", "30元": "change"}


def test_adding_things_is_no_change():
    # 增加3000个学位: places added, not a difference from a base
    assert kinds("推进培训中心项目，预计增加3000个职业教育学位。") == {"3000个": "target"}


def test_a_figure_joined_by_he_has_the_kind_of_the_one_before():
    found = kinds("城乡低保平均标准分别比上年提高4.1%和5.3%。")
    assert set(found.values()) == {"change"}


def test_gong_you_before_a_number_counts_an_event():
    assert kinds("经过激烈角逐，共有66名选手获得一等奖。") == {"66名": "flow"}
    assert kinds("全县共有特困供养人员4873人。") == {"4873人": "stock"}


def test_a_part_takes_the_kind_of_its_whole_unless_its_own_words_say_otherwise():
    assert kinds("累计为68.4万名妇女提供“两癌”筛查，其中宫颈癌筛查36.1万人。") == {
        "68.4万名": "stock", "36.1万人": "stock"}
    assert kinds("全省已建成工会户外劳动者服务站点8436个，其中今年新建612个。") == {
        "8436个": "stock", "612个": "flow"}


def test_kind_words_are_data(tmp_path):
    """A word added to kinds.yaml changes the kind: no Python."""
    text = "全市储备应急物资1200件。"
    assert kinds(text) == {"1200件": "flow"}
    folder = tmp_path / "lexicons"
    shutil.copytree(DEFAULT_DIR, folder)
    path = folder / "kinds.yaml"
    source = path.read_text(encoding="utf-8")
    path.write_text(source.replace("  clause: [现有, 拥有,", "  clause: [现有, 储备, 拥有,", 1), encoding="utf-8")
    assert kinds(text, lexicons=folder) == {"1200件": "stock"}


def test_every_figure_has_a_kind():
    report = Pipeline()("五年来，全区新建工会组织1410个，发展会员126184人，投入帮扶资金4191万元，"
                        "目前共有会员42.6万人，力争明年新增会员1万名，会员人数同比增长3.5%。")
    assert {i.kind for i in report.indicators} == {"flow", "stock", "target", "change"}


def test_a_plan_heading_makes_the_figures_under_it_targets():
    text = ("滨江区总工会2023年工作总结\n一、主要工作\n全年新建基层工会21个，发展会员1800名。\n"
            "二、2024年工作打算\n新建基层工会20个，发展会员1000名，目前已建成的12个驿站全部提档升级。\n"
            "三、其他\n全年开展培训32期。")
    found = figures(text, year=2023, date="2024-01-12")
    assert found == [("21个", "flow", 2023), ("1800名", "flow", 2023), ("20个", "target", 2024),
                     ("1000名", "target", 2024), ("12个", "stock", 2024), ("32期", "flow", 2023)]


def test_a_plan_word_in_a_title_that_looks_back_or_names_a_programme_opens_no_plan():
    for title in ("万松街道2023年工作总结及2024年工作思路", "通渭县扎实推进农村学生营养改善计划"):
        assert kinds(f"{title}\n全县资助学生4.5万人次，发放资金6800万元。") == {
            "4.5万人次": "flow", "6800万元": "flow"}


# ---------------------------------------------------------------------------- years

def test_an_explicit_year_is_the_figure_year():
    found = figures("2022年，全省共投入送清凉资金1.05亿元。", year=2023, date="2023-07-06")
    assert found == [("1.05亿元", "flow", 2022)]


def test_relative_years_count_from_the_date_the_report_was_written():
    # a speech of February 2024 on the work of 2023
    text = "去年，我们争取上级项目资金3.6亿元。今年将新增床位800张。全县现有医护人员2860人。"
    found = figures(text, date="2024-02-22", year=2023)
    assert [y for _, _, y in found] == [2023, 2024, 2023]


def test_without_a_date_relative_years_count_from_the_year_the_report_is_about():
    assert [y for *_, y in figures("今年新建驿站12个，去年新建9个。", year=2023)] == [2023, 2022]


def test_the_base_of_a_comparison_is_not_the_figure_year():
    found = figures("今年全省各级工会计划投入送清凉资金1.2亿元，比去年增加1500万元。", date="2023-07-06", year=2023)
    assert [y for *_, y in found] == [2023, 2023]


def test_a_span_gives_its_last_year():
    assert figures("2019—2023年，全县累计新建驿站86个。", year=2023)[0][2] == 2023
    assert figures("2018年以来，全市共选树劳模320名。", year=2023)[0][2] == 2023
    assert figures("五年来，全区新建工会组织1410个。", year=2023)[0][2] == 2023
    assert figures("2003年实施“大学生志愿服务西部计划”以来，先后招募高校毕业生1.6万名。", year=2013)[0][2] == 2013


def test_a_coming_span_gives_its_last_year_and_makes_a_target():
    found = figures("今后五年，新增巾帼创业创新基地50个。", date="2021-11-26", year=2021)
    assert found == [("50个", "target", 2026)]


def test_a_year_after_the_present_makes_a_target():
    found = figures("2024年，新发展会员800名。", year=2023)
    assert found == [("800名", "target", 2024)]


def test_a_late_year_in_the_past_tense_or_from_an_earlier_sentence_makes_no_target():
    # a report whose own year was read too early (1993) still tells the past from the future
    text = ("2010年启动的关爱农民工子女志愿服务行动，已动员志愿者550万名。"
            "各级团组织动员了超过49万名志愿者参加抢险救灾。")
    assert [k for _, k, _ in figures(text, year=1993, date="")] == ["stock", "flow"]
    assert figures("2024年，新发展会员800名。", year=2023)[0][1] == "target"


def test_an_unmarked_span_takes_the_year_named_before_it():
    found = figures("2024年，市慈善总会将力争全年募集款物不低于3亿元。", date="2024-03-15", year=2023)
    assert found == [("不低于3亿元", "target", 2024)]


def test_a_year_inside_a_name_is_not_the_figure_year():
    text = "我市印发《南昌工会试点工作三年规划(2022-2024年)》，选取17家企业作为试点企业。"
    assert figures(text, date="2023-03-24", year=2022)[0][2] == 2022


def test_a_numbered_title_opening_its_paragraph_is_a_heading():
    text = ("汇川区总工会2024年工作总结\n五、维权服务持续深化。全区签订集体合同324份，覆盖职工2.1万人。\n"
            "六、2025年工作打算。新建基层工会不少于50个，发展会员3000名以上。")
    found = figures(text, year=2024, date="2025-01-10")
    assert [(m, k) for m, k, _ in found] == [("324份", "flow"), ("2.1万人", "flow"), ("不少于50个", "target"),
                                           ("3000名以上", "target")]
    assert found[-1][2] == 2025


def test_numbered_sections_under_a_plan_title_stay_in_its_plan():
    text = ("吉林省总工会2024年工作要点\n一、扎实推进工会组织建设。全年新建基层工会组织1500个以上，"
            "新发展会员12万名。\n二、深化劳动和技能竞赛。组织开展省级职工技能大赛20项。")
    assert set(kinds(text).values()) == {"target"}
    # the same sections as lines of their own
    lines = text.replace("建设。", "建设\n").replace("竞赛。", "竞赛\n")
    assert set(kinds(lines).values()) == {"target"}


def test_a_heading_year_dates_the_sentences_under_it():
    # a speech of 2024 reviewing 2023, under a numbered heading naming the year
    text = "一、关于2023年工作\n全年累计发放救助资金17.6亿元。\n二、关于2024年工作\n全年新增床位800张。"
    assert figures(text, year=2024, date="2024-02-20") == [("17.6亿元", "flow", 2023), ("800张", "flow", 2024)]
    # a source line with a date is no heading
    text = "2024年01月10日 来源:县融媒体中心\n全年累计发放救助资金1.7亿元。"
    assert figures(text, year=2023, date="2024-01-10") == [("1.7亿元", "flow", 2023)]


def test_now_is_the_year_the_report_is_about_not_the_year_named_before_it():
    found = figures("困难职工从2017年的7.1万户下降到现在的2000余户。", date="2021-01-05", year=2021)
    assert [y for *_, y in found] == [2017, 2021]
    # a year-end summary published in January: 目前 is the year it sums up
    assert figures("目前在档困难职工134户。", date="2024-01-12", year=2023)[0][2] == 2023


def test_a_sentence_without_a_time_takes_the_one_named_before_it_in_its_paragraph():
    text = ("今年面对突如其来的疫情，广大慈善组织主动投身抗疫。全国累计捐赠抗疫资金396.27亿元。\n"
            "全年接收捐赠款物1701.44亿元。")
    found = figures(text, date="2020-09-25", year=2019)
    assert [y for *_, y in found] == [2020, 2019]  # a new paragraph starts afresh
    # a statement of what there is now keeps the report's year
    found = figures("去年，我们争取上级项目资金3.6亿元。今年将新增床位800张。全县现有医护人员2860人。",
                    date="2024-02-22", year=2023)
    assert [y for *_, y in found] == [2023, 2024, 2023]


def test_an_undated_report_that_calls_its_year_last_year_speaks_from_the_year_after():
    text = ("去年，全市工会全力兑现2024年服务职工10件实事，新建基层工会组织181家。\n"
            "今年，市总工会将新建驿站20家。")
    found = figures(text, date="", year=2024)
    assert [(m, k, y) for m, k, y in found if m != "10件"] == [("181家", "flow", 2024), ("20家", "target", 2025)]


def test_an_undated_report_giving_its_years_figure_as_last_years_speaks_from_the_year_after():
    # the headline's 去年 figure is the one the body dates 2017: 去年 is 2017
    text = ("南河慈善总会去年募集善款886万多元\n"
            "2月6日，记者从市慈善总会了解到，2017年该会全年接收各类捐赠886万多元。\n"
            "去年，该会救助困难市民2000多人次。")
    assert [y for *_, y in figures(text, date="", year=2017)] == [2017, 2017, 2017]
    # without the shared figure the page speaks from the year it names
    text = "2017年该会全年接收各类捐赠886万多元。\n去年，该会救助困难市民2000多人次。"
    assert [y for *_, y in figures(text, date="", year=2017)] == [2017, 2016]


def test_the_base_year_of_a_computation_is_not_the_figure_year():
    text = "截至2008年6月，全国工会基层组织170.2万个；按2004年经济普查法人单位数计算，私企建会率为75.8%。"
    assert [y for *_, y in figures(text, date="", year=2008)] == [2008, 2008]


def test_the_year_is_empty_when_nothing_fixes_it():
    assert figures("近日，区民政局向1860户低保家庭发放救助金。", year=None, date="") == [
        ("1860户", "flow", None)]
