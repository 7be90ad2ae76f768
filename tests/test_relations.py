"""Figures in relation within one report: parts of a breakdown (part_of) and the same
figure stated again (repeat_of), pipeline/extract/relations.py."""
from __future__ import annotations

from pipeline import process_text


def links(text: str, name: str = "part_of") -> dict[str, str]:
    """{mention: the mention it links to} for the figures that have the link."""
    report = process_text(text)
    by_id = {i.indicator_id(report.doc_id): i for i in report.indicators}
    return {i.mention: by_id[getattr(i, name)].mention for i in report.indicators if getattr(i, name)}


def test_qizhong_parts_belong_to_the_total_before_them():
    text = ("全年新建基层工会组织14个，其中社区工会联合会2个、楼宇工会3个、独立建会企业9家；"
            "新发展会员1126名，其中新就业形态劳动者487名。")
    assert links(text) == {"2个": "14个", "3个": "14个", "9家": "14个", "487名": "1126名"}


def test_each_part_finds_the_whole_of_its_dimension():
    text = "截至12月底，全县共保障城乡低保对象1.36万户2.58万人，其中城市低保1900户3460人，农村低保1.17万户2.23万人。"
    assert links(text) == {"1900户": "1.36万户", "3460人": "2.58万人",
                           "1.17万户": "1.36万户", "2.23万人": "2.58万人"}


def test_a_breakdown_opened_by_a_colon_in_the_next_sentence():
    text = ("全县共资助各学段学生4.52万人次，发放资助资金6835.4万元。"
            "其中：学前教育资助幼儿3860人次，资金193万元；义务教育阶段资助学生2.45万人次，资金1421.6万元。")
    assert links(text) == {"3860人次": "4.52万人次", "193万元": "6835.4万元",
                           "2.45万人次": "4.52万人次", "1421.6万元": "6835.4万元"}


def test_a_list_after_a_colon_or_baokuo():
    assert links("全年发放就业补贴资金1.26亿元：职业培训补贴3860万元、社会保险补贴5120万元。") == {
        "3860万元": "1.26亿元", "5120万元": "1.26亿元"}
    assert links("发放各类就业补贴资金1.26亿元，包括职业培训补贴3860万元、创业补贴2140万元。") == {
        "3860万元": "1.26亿元", "2140万元": "1.26亿元"}


def test_a_subset_named_by_its_clause():
    assert links("全年受理劳动争议案件41件，调解成功36件。") == {"36件": "41件"}


def test_rates_changes_and_amounts_per_unit_are_neither_parts_nor_wholes():
    text = "资助困难学生4326名，其中大学新生1120名，每人资助5000元；中小学生3206名，每人每年资助1000元。"
    assert links(text) == {"1120名": "4326名", "3206名": "4326名"}  # not the 5000元 a head
    text = "今年计划投入送清凉资金1.2亿元，比去年增加1500万元，其中省总工会本级安排专项资金2000万元。"
    assert links(text) == {"2000万元": "1.2亿元"}  # not a part of the change
    assert links("全县养老机构床位达到3860张，其中护理型床位1420张，护理型床位占比36.8%。") == {
        "1420张": "3860张"}


def test_a_part_belongs_to_the_whole_counted_with_its_own_measure_word():
    text = "全区签订集体合同1860份，覆盖企业3420家、职工18.6万人，其中签订工资专项集体合同1230份。"
    assert links(text) == {"1230份": "1860份"}
    text = "全年组织劳动竞赛1.86万项，参与企业2.4万家。其中，省级示范性劳动竞赛62项。"
    assert links(text) == {"62项": "1.86万项"}


def test_a_part_is_never_larger_than_its_whole():
    assert links("全年新建职工驿站12个，其中改造提升30个。") == {}


def test_a_new_statement_after_the_semicolon_is_no_part():
    assert links("新建基层工会组织14个，其中楼宇工会3个；新建职工驿站5个。") == {"3个": "14个"}


def test_a_breakdown_opened_right_after_its_whole():
    assert links("全省累计实现造血干细胞捐献1288例，在实现捐献的1288例中，有涉外捐献37例。") == {"37例": "1288例"}


def test_a_breakdown_goes_on_after_semicolons_with_verbs_of_its_own_when_the_whole_has_none():
    text = "全年隐名捐款共158万元，其中“顺其自然”81万元；一位女士署名“无名氏”捐款12万元；12位爱心人士署名捐款13.3万元。"
    assert links(text) == {"81万元": "158万元", "12万元": "158万元", "13.3万元": "158万元"}


def test_a_complete_breakdown_takes_no_more_parts():
    text = "累计为68.4万名妇女提供筛查，其中宫颈癌筛查36.1万人、乳腺癌筛查32.3万人；为1280名患病困难妇女发放救助金。"
    assert links(text) == {"36.1万人": "68.4万名", "32.3万人": "68.4万名"}


def test_a_list_that_adds_up_to_the_total_before_it_is_its_parts():
    text = "全年新建基层工会组织14个，社区工会联合会2个、楼宇工会3个、独立建会企业9家；新发展会员1126名。"
    assert links(text) == {"2个": "14个", "3个": "14个", "9家": "14个"}
    # figures that do not add up, or small ones that do by chance, are no breakdown
    assert links("全年新建基层工会组织14个，职工书屋2个、职工驿站3个。") == {}
    assert links("新建驿站5个，书屋3个、之家2个。") == {}


def test_a_list_with_commas_after_a_total_word_or_in_brackets():
    text = "春节期间，区总工会共慰问432人，困难职工183人，大病职工107人，劳动模范142人。"
    assert links(text) == {"183人": "432人", "107人": "432人", "142人": "432人"}
    text = "全年新建基层工会组织14个(社区工会联合会2个、楼宇工会3个、独立建会企业9家)。"
    assert links(text) == {"2个": "14个", "3个": "14个", "9家": "14个"}
    # without a total word, commas join figures of their own
    assert links("全年新建驿站14个，书屋2个，职工之家12个。") == {}


def test_a_sum_after_its_parts():
    text = "此次活动共计发放慰问金22.68万元，发放慰问品价值约4.61万元，合计27.22万元。"
    assert links(text) == {"22.68万元": "27.22万元", "约4.61万元": "27.22万元"}


def test_a_headline_repeated_in_the_body():
    text = ("徐州工会交出亮眼成绩单 全年服务职工超过160万人次\n"
            "今年以来，市总工会聚焦主责主业，全年服务职工超过160万人次，新建驿站86个。")
    assert links(text, "repeat_of") == {"超过160万人次": "超过160万人次"}


def test_the_same_figure_in_other_words():
    text = "参保群众达412.6万人。全市医疗保障水平稳步提升。年末全市基本医疗保险参保人数达到412.6万人。"
    assert links(text, "repeat_of") == {"412.6万人": "412.6万人"}


def test_the_same_small_value_of_two_things_is_no_repeat():
    text = "全年新建职工驿站12个。另外，新建职工书屋12个。"
    assert links(text, "repeat_of") == {}


def test_a_rounded_headline_figure_is_the_body_figure():
    text = ("全市慈善救助支出4527万元\n"
            "记者从市民政局获悉，去年全市慈善组织共支出救助款物4527.36万元，惠及困难群众8.6万人次。")
    assert links(text, "repeat_of") == {"4527.36万元": "4527万元"}
    # a round figure is not taken for another one
    assert links("去年救助支出4500万元。全市慈善组织共支出救助款物4527.36万元。", "repeat_of") == {}


def test_figures_of_two_years_or_a_plan_and_a_deed_are_no_repeat():
    text = "2023年，全市新建职工驿站128个。2024年，全市新建职工驿站128个。"
    assert links(text, "repeat_of") == {}
    text = "去年全市新建职工驿站128个。今年，市总工会将新建职工驿站128个。"
    assert links(text, "repeat_of") == {}


def test_a_repeat_links_to_the_first_mention():
    report = process_text("全年新建驿站86个。新建驿站86个。全区新建驿站86个。")
    first = report.indicators[0].indicator_id(report.doc_id)
    assert [i.repeat_of for i in report.indicators] == ["", first, first]


def test_indicator_ids_are_doc_and_offset():
    report = process_text("全年新建基层工会组织14个，其中楼宇工会3个。", doc_id="d/x")
    whole, part = report.indicators
    assert part.part_of == f"d/x#{whole.start}" and whole.part_of == ""


def test_the_colons_of_a_sentence_are_found_where_they_stand():
    from pipeline.extract.relations import _positions

    # only one-character marks are colons: a longer word is none (as a character test)
    assert _positions("其中：城镇3人:农村2人：", (":", "：", "其中")) == [2, 7, 12]
    assert _positions("没有冒号", ("：",)) == []


def _categories(text: str) -> dict[str, str]:
    return {i.mention: i.category for i in process_text(text).indicators}


def test_a_part_counts_what_its_whole_counts():
    # 劳动力 alone would be jobs: the people of the bracket are those trained
    cats = _categories("全县开展农村劳动力技能培训40期2114人(脱贫人口劳动力1785人、农村劳动力329人)。")
    assert cats["2114人"] == cats["1785人"] == cats["329人"] == "participants"


def test_a_part_keeps_a_category_it_says_itself():
    # an outcome of its own (实现就业), and an honour among places
    cats = _categories("全年培训农村妇女2150名，其中1080名学员实现就业。")
    assert (cats["2150名"], cats["1080名"]) == ("participants", "jobs")
    cats = _categories("全市建成职工之家50个，其中全国模范职工之家3个。")
    assert (cats["50个"], cats["3个"]) == ("facilities", "honors")


def test_a_breakdown_word_in_brackets_reaches_the_closing_bracket_only():
    text = ("全镇单独建会企业49家,村街联合会5家(包含企业97家),小企业联合会6家(包含企业202家),"
            "全镇合计建会组织62家。")
    found = links(text)
    assert "6家" not in found and "62家" not in found


def test_a_part_belongs_to_the_whole_of_its_own_noun_before_a_nearer_one():
    text = ("全市41个中小学建设项目纳入民生实事,共增加基础教育学位2.2万个。"
            "其中民生实事项目共18个,已完成建设项目10个。")
    found = links(text)
    assert found["18个"] == "41个" and found.get("10个") in (None, "41个")
    # its category is the projects', not the school places'
    report = process_text(text)
    assert next(i for i in report.indicators if i.mention == "18个").category == "enterprises"
