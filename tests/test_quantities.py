"""The quantity grammar (issue 3): numbers, magnitudes, qualifiers, measure words, ranges,
percentages, and what is not an indicator. Every sentence here is written for the test."""
from __future__ import annotations

import pytest

from pipeline import process_text
from pipeline.extract.quantities import find_quantities


@pytest.fixture(scope="module")
def find(lexicon):
    def _find(text):
        found = find_quantities(text, lexicon)
        for q in found:  # offsets are exact in every case
            assert text[q.start:q.end] == q.mention
        return found
    return _find


@pytest.fixture(scope="module")
def one(find):
    """The single quantity of a sentence."""
    def _one(text):
        found = find(text)
        assert len(found) == 1, [q.mention for q in found]
        return found[0]
    return _one


# --- numerals: Arabic, Chinese and mixed ------------------------------------------------

@pytest.mark.parametrize("sentence, mention, value", [
    ("全年共投入帮扶资金一千二百三十万元。", "一千二百三十万元", 12_300_000),
    ("今年发展会员两万三千余名。", "两万三千余名", 23_000),
    ("全年举办专场招聘会十余场。", "十余场", 10),
    ("帮扶困难职工三百零五户。", "三百零五户", 305),
    ("全市共有会员七十五万六千名。", "七十五万六千名", 756_000),
    ("全年投入帮扶资金一点二六亿元。", "一点二六亿元", 126_000_000),
])
def test_chinese_numerals_in_a_sentence(one, sentence, mention, value):
    q = one(sentence)
    assert (q.mention, q.value) == (mention, pytest.approx(value))


@pytest.mark.parametrize("sentence, value", [
    ("去年新建工会组织一千〇八十个。", 1080),
    ("全年发放补助四十万零五千元。", 405_000),
])
def test_zero_as_circle_or_ling(one, sentence, value):
    assert one(sentence).value == value


def test_decimal_with_wan(one):
    q = one("全区发展会员4.58万名。")
    assert (q.mention, q.value, q.unit, q.dimension) == ("4.58万名", 45_800, "名", "persons")


def test_yu_inside_a_decimal_before_wan(one):
    q = one("全市共有工会会员1.12余万名。")
    assert (q.mention, q.value, q.qualifier) == ("1.12余万名", 11_200, "over")


def test_yu_after_wan(one):
    q = one("全市发展会员3万余名。")
    assert (q.mention, q.value, q.qualifier) == ("3万余名", 30_000, "over")


def test_yu_after_wan_before_yuan(one):
    q = one("全年发放慰问金900万余元。")
    assert (q.value, q.unit, q.qualifier) == (9_000_000, "元", "over")


def test_thousands_separator(one):
    q = one("全年投入帮扶资金1,250万元。")
    assert (q.mention, q.value) == ("1,250万元", 12_500_000)


def test_full_width_digits_are_folded_before_tagging():
    report = process_text("全年投入帮扶资金１，２５０万元，建会率达到９２．５％。")
    assert [(i.mention, i.value) for i in report.indicators] == [("1,250万元", 12_500_000),
                                                                  ("92.5%", 92.5)]
    for ind in report.indicators:
        assert report.text[ind.start:ind.end] == ind.mention


def test_bai_wan_with_a_qualifier(one):
    q = one("全年服务职工超百万人次。")
    assert (q.value, q.dimension, q.qualifier) == (1_000_000, "person_times", "over")


def test_bare_bai_wan_before_a_noun_is_an_idiom(find):
    assert find("号召百万职工共建美好家园。") == []


@pytest.mark.parametrize("sentence, mention, value, unit", [
    ("全市组织上千名职工参加义务劳动。", "上千名", 1000, "名"),
    ("全年筹措帮扶资金上亿元。", "上亿元", 1e8, "元"),
    ("参加活动的职工逾千人。", "逾千人", 1000, "人"),
])
def test_round_magnitude_with_shang_or_yu(one, sentence, mention, value, unit):
    q = one(sentence)
    assert (q.mention, q.value, q.unit, q.qualifier) == (mention, value, unit, "over")


def test_shang_before_a_non_round_number_is_not_a_qualifier(find):
    # 上 belongs to 上报 here; the figure itself is exact
    [q] = find("全年上报25件提案。")
    assert (q.mention, q.qualifier) == ("25件", "exact")


# --- qualifiers -------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, mention, qualifier", [
    ("全年发放慰问金300余万元。", "300余万元", "over"),
    ("全年举办培训班50多期。", "50多期", "over"),
    ("全市有会员近8万名。", "近8万名", "under"),
    ("全年筹集资金约600万元。", "约600万元", "approx"),
    ("全年投入资金500万元左右。", "500万元左右", "approx"),
    ("全年接待来访职工1500人次上下。", "1500人次上下", "approx"),
    ("全市建会率达到95%以上。", "95%以上", "over"),
    ("全市会员超过20万人。", "超过20万人", "over"),
    ("全市会员逾10万人。", "逾10万人", "over"),
    ("全市会员总数突破30万人。", "突破30万人", "over"),
    ("全年投入帮扶资金不低于800万元。", "不低于800万元", "at_least"),
    ("每个项目资助不少于5万元。", "不少于5万元", "at_least"),
    ("建成服务站至少20个。", "至少20个", "at_least"),
    ("每个项目补助不超过10万元。", "不超过10万元", "at_most"),
    ("每家企业补助最多3万元。", "最多3万元", "at_most"),
    ("单个项目补助上限50万元。", "上限50万元", "at_most"),
    ("参赛职工不足300人。", "不足300人", "under"),
    ("受理案件不到50件。", "不到50件", "under"),
    ("将近2000名职工参加培训。", "将近2000名", "under"),
    ("全年举办培训班80期。", "80期", "exact"),
], ids=lambda v: v if isinstance(v, str) and len(v) <= 8 else None)
def test_qualifier_words(one, sentence, mention, qualifier):
    q = one(sentence)
    assert (q.mention, q.qualifier) == (mention, qualifier)


def test_qualifier_does_not_change_the_value(one):
    assert one("全市会员超过20万人。").value == one("全市会员20万人。").value == 200_000


# --- ranges, percentages, per-unit amounts ----------------------------------------------

@pytest.mark.parametrize("sentence, mention, low, high", [
    ("全年投入资金3万至5万元。", "3万至5万元", 30_000, 50_000),
    ("全市3-5万人参加活动。", "3-5万人", 30_000, 50_000),
    ("每人补助3000元至5000元。", "3000元至5000元", 3000, 5000),
    ("每人补助三千元至八千元。", "三千元至八千元", 3000, 8000),
])
def test_range_gives_low_value_and_high_value(one, sentence, mention, low, high):
    q = one(sentence)
    assert (q.mention, q.value, q.value_high) == (mention, low, high)


def test_single_figure_has_no_high_value(one):
    assert one("全年投入资金5万元。").value_high is None


@pytest.mark.parametrize("sentence, mention, value", [
    ("全市建会率达92.5%。", "92.5%", 92.5),
    ("全市建会率达到百分之九十五。", "百分之九十五", 95),
    ("全市入会率达到百分之九十二点五。", "百分之九十二点五", 92.5),
])
def test_percentages(one, sentence, mention, value):
    q = one(sentence)
    assert (q.mention, q.value, q.unit, q.dimension) == (mention, pytest.approx(value), "%", "percent")


@pytest.mark.parametrize("sentence", [
    "对困难职工每人补助2万元。",
    "市财政每年投入不低于4000万元。",
    "对获奖团队每组奖励100万元。",
])
def test_per_unit_amounts(sentence):
    [ind] = process_text(sentence).indicators
    assert ind.basis == "per_unit"


def test_amount_without_per_word_is_a_total():
    [ind] = process_text("对困难职工共补助2万元。").indicators
    assert ind.basis == "total"


# --- measure words and their dimension --------------------------------------------------

@pytest.mark.parametrize("sentence, unit, dimension", [
    ("全年培训职工500人。", "人", "persons"),
    ("全年表彰劳动模范40名。", "名", "persons"),
    ("全市聘请法律顾问12位。", "位", "persons"),
    ("全年服务职工3.5万人次。", "人次", "person_times"),
    ("全年服务职工3.5万人(次)。", "人(次)", "person_times"),
    ("帮扶困难职工家庭300户。", "户", "households"),
    ("走访困难职工800户次。", "户次", "household_times"),
    ("受理职工来信来访326件次。", "件次", "count"),
    ("造血干细胞血样采集新增780人份。", "人份", "count"),  # samples, not people
    ("新建工会组织45个。", "个", "count"),
    ("全年举办活动120场次。", "场次", "count"),
    ("走访企业60家。", "家", "count"),
    ("新建职工书屋面积1200平方米。", "平方米", "area"),
    ("全年帮助销售农产品500吨。", "吨", "weight"),
    ("全年投入资金50万元。", "元", "money"),
    ("全市建会率达到93%。", "%", "percent"),
])
def test_measure_word_gives_dimension(one, sentence, unit, dimension):
    q = one(sentence)
    assert (q.unit, q.dimension) == (unit, dimension)


def test_unit_factor_converts_to_base_units(one):
    assert one("新建职工活动场地2.5平方公里。").value == pytest.approx(2_500_000)
    assert one("全年捐赠大米800公斤。").value == pytest.approx(0.8)


@pytest.mark.parametrize("sentence, mention", [
    ("我国目前共有近3亿工会会员。", "近3亿"),
    ("全省救助72.4万困难残疾人。", "72.4万"),
    ("为4.2万退役士兵提供服务。", "4.2万"),
    ("送温暖资金惠及8万困难家庭。", "8万"),
    ("对3万农村人口开展集中排查。", "3万"),
    # a modifier of bare_number_modifiers may come between (农村, 城镇, 贫困 …)
    ("对26.5万农村残疾人开展帮扶。", "26.5万"),
    ("全省80多万城镇贫困残疾人得到救助。", "80多万"),
    ("全省5.2万残疾儿童得到康复救助。", "5.2万"),
])
def test_a_bare_number_with_a_magnitude_counts_people_named_after_it(one, sentence, mention):
    q = one(sentence)
    assert (q.mention, q.dimension) == (mention, "persons")


def test_longest_unit_wins(one):
    # 人次 is not 人 followed by 次
    assert one("全年服务职工1200人次。").unit == "人次"


def test_lost_character_between_number_and_unit(one):
    q = one("每个项目补助不超过50?万元。")
    assert (q.mention, q.value, q.unit, q.qualifier) == ("不超过50?万元", 500_000, "元", "at_most")


def test_lost_character_figure_survives_the_whole_pipeline():
    # the "?" must not end the sentence in the middle of the figure
    [ind] = process_text("每个项目补助不超过50?万元;另有奖励。").indicators
    assert (ind.mention, ind.value) == ("不超过50?万元", 500_000)


def test_bare_number_with_wan_before_its_noun(one):
    q = one("全市工会为123万职工办理互助保障。")
    assert (q.mention, q.value, q.dimension) == ("123万", 1_230_000, "persons")


def test_a_bare_number_closing_a_clause_after_its_noun_is_read(find):
    # a statistics list: 视力残疾人12.5万，听力残疾人8.4万
    found = find("全省持证残疾人中,视力残疾人12.5万,听力残疾人8.4万;投入资金1.2万,")
    assert [(q.mention, q.dimension) for q in found] == [("12.5万", "persons"), ("8.4万", "persons")]


def test_a_bare_number_before_a_verb_and_a_noun_is_not_read(find):
    assert find("投资2亿建设职工之家。") == []


def test_bare_number_without_magnitude_is_not_read(find):
    # only 万/亿 figures count nouns directly; "为123职工" is not a figure we read
    assert find("全市工会为123职工办理互助保障。") == []


# --- not indicators ---------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "会议定于2023年召开。",                 # year
    "技能大赛于9月17日至21日举行。",        # date range
    "大会于09:54开幕。",                    # time of day
    "五年来工会工作成效明显。",             # duration
    "连续5天开展慰问。",
    "他扎根一线20多年。",
    "用3个月的时间完成整改。",
    "45岁以上职工参加体检。",               # age
    "公布第三批创新工作室名单。",           # ordinals and list markers
    "见本报第02版。",
    "一是加强组织建设。",
    "(一)强化政治引领",
    "深入学习二十大精神。",                 # slogans and coded phrases
    "学习十九届五中全会精神。",
    "谋划十四五发展。",
    "推行4+4+X工作模式。",
    "探索3+N服务机制。",
    "实施一户一产业工人计划。",
    "开展“五个年”活动。",
    "开展“十问”活动。",
    "拨打12351热线反映问题。",              # hotline, issue and page numbers
    "本报第13715期刊发。",
    "推动百人以上企业建会。",               # thresholds inside a noun
    "推动百人以下小微、非公企业新建工会。",   # a size class before a list of kinds
    "......此处隐藏1695个字......",          # a page's widget
    "农历腊八节当天送上腊八粥。",              # festivals
    "开展“三八”节慰问活动。",
    "采取一对一、一对多方式结对。",            # ways of pairing
    "2019年将抓好6个方面工作。",               # the parts of a plan
    "规模以上企业全部建会。",
    "打造10分钟服务圈。",
    "几十名职工参加活动。",                 # vague amounts
    "数百人到场观看。",
    "涌现出一批先进典型。",
    "一名工人师傅讲述经历。",               # the indefinite article
    "惠及千家万户。",                       # idiom
    "成千上万名职工参与其中。",
    "在刚刚过去的2017元旦、春节期间开展慰问。",   # a year's New Year's Day, no yuan
    "更新于:2022/02/08已727人浏览来源:南河在线",  # a page's readings
    "通过申请、上报、审核、公示四个环节确定对象。",  # the steps and measures of a plan
    "县民政局采取四项措施推进监测帮扶。",
    "从属地管理和行业管理两个方面出发。",
    "县四套班子领导参加捐赠仪式。",               # the county's leading bodies, a name
    "全力打赢四场硬仗。",                         # a slogan
    "我市在1万平方米以上的建设项目普遍建立了工会。",  # a bound on what is meant
    "每个县至少建立一处不低于10000平方米的创业园。",
])
def test_not_an_indicator(find, sentence):
    assert find(sentence) == []


def test_non_indicators_leave_the_figure_beside_them(find):
    found = find("2023年,百人以上企业建会率达95%,连续3年发展会员500名以上。")
    assert [q.mention for q in found] == ["95%", "500名以上"]


def test_verb_ending_in_cheng_does_not_make_a_figure_vague(find):
    # 成 marks 成千上万; in 建成 and 组成 it is part of the verb
    assert [q.value for q in find("全市建成20个服务站。")] == [20]
    assert [q.value for q in find("并组成八个慰问组走访慰问。")] == [8]


def test_a_circle_sign_among_numerals_is_a_zero():
    report = process_text("青少年团制服团队总人数至今已达四百○二人。")
    assert [(i.mention, i.value) for i in report.indicators] == [("四百〇二人", 402)]


def test_offset_is_added_to_positions(lexicon):
    [q] = find_quantities("发展会员500名。", lexicon, offset=100)
    assert (q.start, q.end) == (104, 108)


# --- issue 12: every value right -------------------------------------------------------
# Each class of writing that gave a wrong value or no value, with sentences written for
# the test in the style of work reports and news.

# class 1: a range in Chinese numerals whose two ends share one magnitude written once
@pytest.mark.parametrize("sentence, mention, low, high", [
    ("活动带动两到三万家企业落实防暑降温措施。", "两到三万家", 20_000, 30_000),
    ("项目总投资三至五亿元。", "三至五亿元", 3e8, 5e8),
    ("每年安排资金一百二十到一百五十万元。", "一百二十到一百五十万元", 1_200_000, 1_500_000),
    ("预计吸引五到十万人次参观。", "五到十万人次", 50_000, 100_000),
    ("每场招聘会吸引三到五千人。", "三到五千人", 3000, 5000),
    ("全年筹措资金两千到三千万元。", "两千到三千万元", 2e7, 3e7),
    ("一到两万名职工参加健步走。", "一到两万名", 10_000, 20_000),
    ("每户补助五到十元。", "五到十元", 5, 10),          # nothing shared: 五 is five
    ("每人补助一万到两万元。", "一万到两万元", 10_000, 20_000),  # the low end holds its own
    ("项目总投资3至5亿元。", "3至5亿元", 3e8, 5e8),     # Arabic digits: already right
    ("补贴标准提高两到三成。", "两到三成", 20, 30),
    ("增幅为3%-5%。", "3%-5%", 3, 5),
    ("每人补助3000元-5000元。", "3000元-5000元", 3000, 5000),
    ("入会率提高百分之三十到百分之五十。", "百分之三十到百分之五十", 30, 50),
])
def test_range_ends_share_the_magnitude_written_once(one, sentence, mention, low, high):
    q = one(sentence)
    assert (q.mention, q.value, q.value_high) == (mention, pytest.approx(low), pytest.approx(high))


# two neighbouring digits are an estimate between them
@pytest.mark.parametrize("sentence, mention, low, high", [
    ("现场吸引两三万人观看。", "两三万人", 20_000, 30_000),
    ("每个驿站配备七八十本图书。", "七八十本", 70, 80),
    ("每场活动有十七八名志愿者参与。", "十七八名", 17, 18),
    ("每个社区走访困难家庭三五户。", "三五户", 3, 5),
])
def test_neighbouring_digits_are_an_approximate_range(one, sentence, mention, low, high):
    q = one(sentence)
    assert (q.mention, q.value, q.value_high, q.qualifier) == (mention, low, high, "approx")


# class 4: the smaller units of money
@pytest.mark.parametrize("sentence, mention, value, unit", [
    ("每份工作餐补贴15元5角。", "15元5角", 15.5, "元"),
    ("每人每月缴纳会费8元6角5分。", "8元6角5分", 8.65, "元"),
    ("每公斤收购价提高到二十块五毛。", "二十块五毛", 20.5, "块"),
    ("每瓶售价三元五角左右。", "三元五角左右", 3.5, "元"),
])
def test_money_sub_units_add_to_the_amount(one, sentence, mention, value, unit):
    q = one(sentence)
    assert (q.mention, q.value, q.unit, q.dimension, q.currency) == (
        mention, pytest.approx(value), unit, "money", "CNY")


def test_sub_unit_never_begins_a_duration(find):
    [q] = find("每人补助100元5分钟内到账。")
    assert (q.mention, q.value) == ("100元", 100)


def test_kuai_alone_counts_things(one):
    q = one("制作宣传展板20块。")
    assert (q.unit, q.dimension, q.currency) == ("块", "count", "")


# class 5: fractions, shares and halves
@pytest.mark.parametrize("sentence, mention, value, unit, dimension", [
    ("全市九成以上职工参加了体检。", "九成以上", 90, "成", "percent"),
    ("参保率提高了三成半。", "三成半", 35, "成", "percent"),
    ("事故发生率控制在千分之二以内。", "千分之二以内", 0.2, "‰", "percent"),
    ("差错率低于万分之三。", "万分之三", 0.03, "‱", "percent"),
    ("差错率为3‰。", "3‰", 0.3, "‰", "percent"),
    ("超过三分之一的职工参加了培训。", "超过三分之一", 100 / 3, "分之", "percent"),
    ("五分之二以上的企业建立了工会。", "五分之二以上", 40, "分之", "percent"),
    ("办结率达到百分之百。", "百分之百", 100, "%", "percent"),
    ("职工凭卡购书享受八折优惠。", "八折", 80, "折", "percent"),
    ("会员在合作商户消费可享八五折。", "八五折", 85, "折", "percent"),
    ("会员在合作商户消费可享9.5折。", "9.5折", 95, "折", "percent"),
    ("为每户送去大米一吨半。", "一吨半", 1.5, "吨", "weight"),
    ("新建围墙高两米半。", "两米半", 2.5, "米", "other"),
])
def test_fractions_shares_and_halves(one, sentence, mention, value, unit, dimension):
    q = one(sentence)
    assert (q.mention, q.value, q.unit, q.dimension) == (mention, pytest.approx(value), unit, dimension)


@pytest.mark.parametrize("sentence", [
    "各项工作一成不变。",          # 一成 is the indefinite article
    "职工三五成群参加活动。",      # an idiom
    "改革之路一波三折。",
    "全区已成立工会组织。",        # 成 of 成立, no number before it
    "印制三折页宣传资料。",        # 折页, a leaflet
    "帮扶5户半失能老人家庭。",     # 半失能: the half begins a word
])
def test_words_with_cheng_zhe_ban_are_no_shares(find, sentence):
    assert [q.mention for q in find(sentence) if q.unit in ("成", "折") or "半" in q.mention] == []


# class 6: signs
@pytest.mark.parametrize("sentence, mention, value", [
    ("利润同比增长-2.1%。", "-2.1%", -2.1),
    ("全年能耗同比增长−3.5%。", "−3.5%", -3.5),        # the minus sign U+2212
    ("全年能耗增速为负3.5%。", "负3.5%", -3.5),
    ("企业利润为-300万元。", "-300万元", -3_000_000),
])
def test_a_sign_before_the_number_is_kept(one, sentence, mention, value):
    q = one(sentence)
    assert (q.mention, q.value) == (mention, value)


@pytest.mark.parametrize("sentence, mention, value", [
    ("为全省43万家市场主体减负46.37亿元。", "46.37亿元", 4_637_000_000),  # burdens eased
    ("各级工会共担负120万元。", "120万元", 1_200_000),
])
def test_fu_ending_a_word_before_an_amount_is_no_sign(find, sentence, mention, value):
    assert (mention, value) in [(q.mention, q.value) for q in find(sentence)]


def test_fu_before_a_count_is_a_word_not_a_sign(find):
    # 负 means lost here: only a percentage or an amount of money has a sign
    assert [(q.mention, q.value) for q in find("全年比赛胜5场负3场。")] == [("5场", 5), ("3场", 3)]


def test_a_full_width_minus_is_folded_into_a_sign():
    [ind] = process_text("全年能耗同比增长－3.5%。").indicators
    assert (ind.mention, ind.value) == ("-3.5%", -3.5)


def test_a_dash_after_a_unit_is_a_range_not_a_sign(one):
    q = one("每人补助3万元-5万元。")
    assert (q.mention, q.value, q.value_high) == ("3万元-5万元", 30_000, 50_000)


# class 7: spacing and separators
@pytest.mark.parametrize("sentence, mention, value", [
    ("全年筹集资金 2568.5 万元。", "2568.5 万元", 25_685_000),
    ("收到捐款 1031838.99 元。", "1031838.99 元", 1_031_838.99),
    ("累计投入救助款物 9800 余万元。", "9800 余万元", 98_000_000),
    ("慰问困难群众 1.4 万余户。", "1.4 万余户", 14_000),
    ("救助患儿 455 人。", "455 人", 455),
    ("完成率达到百分之1,250。", "百分之1,250", 1250),
])
def test_a_space_after_the_digits_and_separators(one, sentence, mention, value):
    q = one(sentence)
    assert (q.mention, q.value) == (mention, pytest.approx(value))


@pytest.mark.parametrize("sentence, mention, value", [
    ("全年筹得善款4 亿2,800 万元。", "4 亿2,800 万元", 428_000_000),
    ("全年投入资金1亿2000万元。", "1亿2000万元", 120_000_000),
    ("捐赠物业市值2亿6,910万元。", "2亿6,910万元", 269_100_000),
    ("全市会员达到3万5千人。", "3万5千人", 35_000),
    ("全市会员达到3万2000人。", "3万2000人", 32_000),
])
def test_arabic_digits_with_two_magnitudes(one, sentence, mention, value):
    q = one(sentence)
    assert (q.mention, q.value) == (mention, value)


@pytest.mark.parametrize("sentence", ["见本报第 3 版。", "会议于 2023 年 5 月召开。", "拨打 12351 热线。"])
def test_spaced_dates_ordinals_and_hotlines_stay_non_indicators(find, sentence):
    assert find(sentence) == []


# class 8: measure words that units.yaml does not list, from jieba's dictionary
@pytest.mark.parametrize("sentence, mention", [
    ("全年表彰先进个人，颁发奖章10枚。", "10枚"),
    ("为群众送去春联5000副。", "5000副"),
    ("开行务工人员返岗专列12趟。", "12趟"),
    ("全年发放贴息贷款326笔。", "326笔"),
    ("为驿站配发灭火器30具。", "30具"),
    ("为职工送去西瓜800颗。", "800颗"),
    ("赠送锦旗12面。", "12面"),
    ("组织合唱比赛，演唱歌曲20首。", "20首"),
])
def test_measure_words_the_lexicon_does_not_list_count_things(one, sentence, mention):
    q = one(sentence)
    assert (q.mention, q.dimension) == (mention, "count")


def test_dictionary_measure_words_are_not_listed_but_found(lexicon):
    units = lexicon.units.by_word
    for word in ("具", "颗", "首"):
        assert not units[word].listed and units[word].dimension == "count"
    assert units["个"].listed
    for word in ("级", "倍", "等", "分"):   # excluded in units.yaml: not counts
        assert word not in units or units[word].listed


@pytest.mark.parametrize("sentence", [
    "全区划分为12片区开展网格化管理。",    # 片区 is a word: 片 measures nothing here
    "建立市县乡三级工会组织体系。",        # 级: a level
    "荣获二等奖。",
    "签订三方协议。",
    "坚持两手抓。",
    "九层之台,起于累土。",
    "保障困难老人一日三餐。",
    "坚持一体两面统筹推进。",
])
def test_dictionary_words_that_are_not_measures_here(find, sentence):
    assert find(sentence) == []


def test_unit_then_the_rest_of_a_duration_is_a_time_span(find):
    assert find("历时两个多月完成改造。") == []
    assert find("培训持续一个半小时。") == []
    assert find("用了两个半月。") == []


def test_an_amount_of_time_with_a_magnitude_is_a_figure(one):
    q = one("全年志愿者累计服务时长超过96万小时。")
    assert (q.mention, q.value, q.dimension, q.qualifier) == ("超过96万小时", 960_000, "other", "over")


# class 9: not indicators
@pytest.mark.parametrize("sentence", [
    "两节期间，全市工会走访慰问困难职工。",
    "“两节”前夕开展送温暖活动。",
    "实施五个一批帮扶工程。",
    "开展四类康复训练。",
    "重点关注三类人员。",
    "对捐赠20万元以上的单位予以表彰。",
    "单位捐赠20万元以上的有:南河钢铁公司、东湖机械公司。",
    "对年用工50人以上的非公企业开展排查。",
    "筹款在100万元到500万元之间的慈善会有31家。",
    "1月1日元旦期间开展慰问。",
    "发放两项补贴。",
])
def test_names_classes_and_thresholds_are_not_indicators(find, sentence):
    assert [q.mention for q in find(sentence) if q.unit not in ("家",)] == []


def test_a_threshold_leaves_the_count_after_it(find):
    assert [q.mention for q in find("筹款在100万元到500万元之间的慈善会有31家。")] == ["31家"]


def test_the_count_of_a_list_of_classes_is_a_figure(one):
    assert one("高值医用耗材集采扩大到26类。").mention == "26类"


# class 10: spoken magnitudes after 个
@pytest.mark.parametrize("sentence, mention, value, unit, qualifier", [
    ("今年完成投资两个亿。", "两个亿", 2e8, "", "exact"),
    ("全年筹集资金两个亿元。", "两个亿元", 2e8, "元", "exact"),
    ("带动消费两个多亿。", "两个多亿", 2e8, "", "over"),
])
def test_ge_before_a_magnitude_is_money(one, sentence, mention, value, unit, qualifier):
    q = one(sentence)
    assert (q.mention, q.value, q.unit, q.dimension, q.currency, q.qualifier) == (
        mention, value, unit, "money", "CNY", qualifier)


@pytest.mark.parametrize("sentence", ["开展几十万人次的服务。", "全市数十亿元资金。", "几百名职工到场。"])
def test_vague_amounts_stay_non_indicators(find, sentence):
    assert find(sentence) == []
