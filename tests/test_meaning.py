"""What a figure means (issue 3): category from trigger words and the counted noun, the
counted noun phrase, the governing verb, the time scope. Sentences written for the test."""
from __future__ import annotations

import pytest

from pipeline import process_text
from lexicon_lists import CATEGORIES


def indicators(text):
    report = process_text(text)
    for ind in report.indicators:
        assert report.text[ind.start:ind.end] == ind.mention
    return report.indicators


def only(text):
    found = indicators(text)
    assert len(found) == 1, [i.mention for i in found]
    return found[0]


# --- category: one sentence per category of SPEC.md --------------------------------------

CATEGORY_CASES = [
    ("今年吸纳新就业形态劳动者入会2600名。", "members"),
    ("全县新建基层工会45个。", "union_orgs"),
    ("全年向困难职工发放慰问金80万元。", "funds"),
    ("春节期间走访慰问困难职工1200户。", "beneficiaries"),
    ("全市建成户外劳动者服务站86个。", "facilities"),
    ("全年举办职工技能竞赛35场。", "activities"),
    ("全年开展劳动竞赛50场，参赛职工超过3万人。", "participants"),
    ("全年调解劳动争议460件。", "rights"),
    ("全年提供就业岗位1.2万个。", "jobs"),
    ("全市签订集体合同860份。", "enterprises"),
    ("全市选树劳动模范40名。", "honors"),
    ("全县选派工会干部60名。", "staff"),
    ("全市职工入会率达到93%。", "rates"),
    ("全年帮助销售蔬菜800吨。", "other"),
]


def test_every_category_has_a_case():
    assert sorted({c for _, c in CATEGORY_CASES}) == sorted(CATEGORIES)


@pytest.mark.parametrize("sentence, category", CATEGORY_CASES, ids=[c for _, c in CATEGORY_CASES])
def test_category_from_trigger_words(sentence, category):
    # the last figure of the sentence is the one the case is about
    assert indicators(sentence)[-1].category == category


def test_same_measure_word_different_category_by_counted_noun():
    orgs, halls = indicators("全区新建工会组织50个、职工书屋30个。")
    assert (orgs.category, halls.category) == ("union_orgs", "facilities")


def test_money_is_funds_unless_it_is_output():
    assert only("全年投入帮扶资金500万元。").category == "funds"
    assert only("全市重点项目总投资12亿元。").category == "other"


def test_percent_is_always_a_rate():
    assert only("参加培训的职工占比达到60%。").category == "rates"


def test_person_times_of_an_activity_verb_are_participants():
    _, trained = indicators("全市举办培训班30期，培训职工2400人次。")
    assert trained.category == "participants"


# --- counted noun and action ------------------------------------------------------------

def test_counted_noun_after_the_measure_word():
    ind = only("全市建立8个志愿服务队。")
    assert (ind.counted, ind.action) == ("志愿服务队", "建立")


def test_counted_noun_before_the_number():
    ind = only("全县新建基层工会45个。")
    assert (ind.counted, ind.action) == ("基层工会", "新建")


def test_several_figures_under_one_verb_each_get_their_noun_and_verb():
    orgs, members = indicators("新建工会组织119个、发展会员6303名。")
    assert (orgs.counted, orgs.action) == ("工会组织", "新建")
    assert (members.counted, members.action) == ("会员", "发展")
    assert (orgs.category, members.category) == ("union_orgs", "members")


def test_one_verb_shared_by_a_list_of_figures():
    homes, libraries = indicators("全区建成职工之家300家、职工书屋150个。")
    assert (homes.counted, libraries.counted) == ("职工之家", "职工书屋")
    assert homes.action == libraries.action == "建成"


def test_figures_in_separate_clauses_keep_their_own_verbs():
    visited, paid = indicators("去年全市慰问困难职工3000人，发放慰问金150万元。")
    assert (visited.counted, visited.action, visited.category) == ("困难职工", "慰问", "beneficiaries")
    assert (paid.counted, paid.action, paid.category) == ("慰问金", "发放", "funds")


def test_counted_noun_leaves_out_the_place_word():
    # 全市 says where, not what is counted
    assert only("全市工会会员超过20万人。").counted == "工会会员"


def test_verb_before_the_counted_noun_is_the_action():
    ind = only("全年办理法律援助案件320件。")
    assert (ind.counted, ind.action) == ("法律援助案件", "办理")


def test_enterprises_taking_part_are_enterprises():
    _, firms = indicators("全市有12个县区、300余家企业参与。")
    assert (firms.counted, firms.category) == ("企业", "enterprises")


def test_from_to_figures_count_the_noun_before_them():
    before, after = indicators("全市会员人数由98万人增长到116.6万人。")
    assert before.counted == after.counted == "会员人数"
    assert before.category == after.category == "members"


def test_a_quoted_name_after_the_measure_word_is_the_counted_noun_whatever_its_words():
    # 担保 and 创业 are verbs, but inside the quotes they are part of a name
    loans, leaders = indicators("表彰20个“小额担保贷款工作先进集体”和19个“妇女创业带头人”。")
    assert (loans.counted, leaders.counted) == ("小额担保贷款工作先进集体", "妇女创业带头人")
    assert loans.action == leaders.action == "表彰"


def test_a_list_of_figures_joined_by_a_conjunction_keeps_each_its_noun():
    able, leaders = indicators("共培养40名“双学双比”女能手和20名巾帼致富带头人。")
    assert (able.counted, leaders.counted) == ("双学双比女能手", "巾帼致富带头人")


def test_a_verb_right_after_the_measure_word_is_part_of_a_known_noun():
    # 帮扶 is a verb, but 帮扶工作组 ends with the trigger noun 工作组
    ind = only("组成12个帮扶工作组。")
    assert (ind.counted, ind.action, ind.category) == ("帮扶工作组", "组成", "staff")


def test_figure_right_after_another_shares_its_noun():
    pairs, people = indicators("全年组织青年职工联谊，促成120对240人结识。")
    assert people.counted == pairs.counted
    assert people.action == pairs.action == "促成"


# --- period -----------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, period", [
    ("五年来，全区发展会员2000名。", "五年来"),
    ("2022年，全市发放助学金300万元。", "2022年"),
    ("今年以来，全市开展送清凉活动60场。", "今年以来"),
    ("近三年，全市调解劳动争议460件。", "近三年"),
    ("截至目前，全市共有会员5.6万名。", "截至目前"),
    ("全市建成职工书屋120个。", ""),
])
def test_period_of_the_sentence(sentence, period):
    assert only(sentence).period == period


def test_nearest_period_before_the_figure_wins():
    first, second = indicators("2021年全市新建工会组织50个，2022年新建工会组织80个。")
    assert (first.period, second.period) == ("2021年", "2022年")


# --- basis ------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, basis", [
    ("全市职工人均获得补助3000元。", "per_unit"),
    ("对困难职工每户补助2000元。", "per_unit"),
    ("全年共发放补助3000元。", "total"),
    # rates per day, month or year (issue 13)
    ("驿站日服务户外劳动者1200人次。", "per_unit"),
    ("平台日搜索量达到5万次。", "per_unit"),
    ("农村低保年标准提高到6000元。", "per_unit"),
    ("困难职工每天补助30元。", "per_unit"),
    ("月均发放救助金120万元。", "per_unit"),
    ("全年服务职工12万人次。", "total"),
])
def test_basis_total_or_per_unit(sentence, basis):
    assert only(sentence).basis == basis


# --- rules added after probing report-style sentences ------------------------------------

def test_people_visited_are_beneficiaries_even_when_they_are_model_workers():
    assert only("春节期间走访慰问劳动模范860人次。").category == "beneficiaries"


def test_people_trained_in_person_times_are_participants_even_when_they_are_cadres():
    assert only("全年培训工会干部8000余人次。").category == "participants"


def test_event_measure_word_counts_events_whatever_the_noun():
    assert only("全年举办爱心托管班九期。").category == "activities"


def test_transparent_head_keeps_the_noun_before_it():
    assert only("全县工会会员总数达到12.8万人。").category == "members"


def test_elided_total_takes_the_category_of_the_figure_before():
    built, total = indicators("今年新建户外劳动者服务站19个,全县总数达到87个。")
    assert built.category == total.category == "facilities"


def test_elided_noun_of_an_increase_takes_the_figure_before():
    level, rise = indicators("全市工会会员达到86.3万人，比上年增加3.2万人。")
    assert level.category == rise.category == "members"


def test_quoted_name_stays_inside_the_counted_noun():
    ind = only("开展“送健康”活动36场次。")
    assert (ind.counted, ind.action, ind.category) == ("送健康活动", "开展", "activities")


def test_honor_named_in_the_clause_makes_people_honors():
    assert only("全市有5人获全国五一劳动奖章。").category == "honors"


def test_people_are_never_funds():
    ind = only("为387名困难职工子女发放助学金。")
    assert ind.category == "beneficiaries"


def test_a_percentage_is_never_per_unit():
    assert only("全省职工人均收入增长6.2%。").basis == "total"


def test_period_can_be_a_range_of_years():
    assert only("2019年至2023年，全区累计筹集送温暖资金5600余万元。").period == "2019年至2023年"


def test_a_noun_the_segmenter_glues_to_the_measure_word_begins_what_is_counted():
    """jieba cuts 8个村工会组织 as 8|个村|工会组织: the 村 split off the word is the noun's."""
    union = only("全镇新建8个村(社区)工会组织。")
    assert (union.counted, union.category) == ("村(社区)工会组织", "union_orgs")
    assert only("全县建成12个村卫生室。").counted == "村卫生室"
    # a character glued to the measure word that is no noun stays out (失能 is cut 名失|能)
    assert only("为1620名失能人员落实护理补贴。").counted != "失"


def test_a_noun_cut_in_two_by_the_segmenter_is_read_whole_on_either_side_of_the_figure():
    """活动站 is cut 活动|站 with 站 tagged a verb, 村卫生室 村|卫生室 with 村 a morpheme."""
    assert [(i.counted, i.category) for i in indicators("计划建成23个活动中心和48个活动站。")] == [
        ("活动中心", "facilities"), ("活动站", "facilities")]
    station = only("全县建成活动站48个。")
    assert (station.counted, station.action, station.category) == ("活动站", "建成", "facilities")
    assert only("全县建成村卫生室46个。").counted == "村卫生室"


def test_a_verbal_noun_between_the_verb_and_the_noun_is_part_of_the_noun():
    # 培训 (a verbal noun) names the handbooks; 发放 governs the figure
    ind = only("全年发放培训手册近2000本。")
    assert (ind.counted, ind.action) == ("培训手册", "发放")


def test_a_determiner_after_the_measure_word_is_no_part_of_the_noun():
    ind = only("先后组织125名各级劳模开展送技术活动。")
    assert ind.counted == "劳模"


def test_yixian_front_line_is_part_of_the_noun():
    # 一线 is tagged a numeral by jieba's dictionary; in 一线单位 it describes the noun
    ind = only("为全区25个疫情一线单位下拨经费。")
    assert ind.counted == "疫情一线单位"
    assert only("慰问一线单位职工300人。").counted == "一线单位职工"


def test_shifan_model_is_part_of_the_noun():
    # 示范 is a verb to jieba's dictionary; before a noun it names a kind of it
    ind = only("培育全国示范站点1个。")
    assert (ind.counted, ind.action) == ("全国示范站点", "培育")


def test_wei_after_a_transparent_head_is_the_verb_is():
    ind = only("截至年底,全县工会会员总数为3.2万人。")
    assert (ind.counted, ind.action, ind.category) == ("工会会员总数", "为", "members")
    # elsewhere 为 is "for": the noun comes after the figure
    assert only("全年为3000名困难职工发放慰问金。").counted == "困难职工"
