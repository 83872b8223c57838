"""Figures of the two reports paired across years, on invented reports."""
from __future__ import annotations

from reports import edition as _doc

from policywatch.diffing.compare import compare
from policywatch.diffing.figures import extract_figures
from policywatch.snapshots import Document


def test_a_count_under_its_measure_word_is_the_same_metric():
    """新增就业人数 / 新增就业人口 / 新增就业 count the same people: each year's result is paired, not one
    removed and another added."""
    old = _doc("某市2024年政府工作报告", "一、2023年工作回顾\n城镇新增就业人口30万人，新建学校12所。\n"
               "二、2024年工作安排\n城镇新增就业人数不低于30万人。")
    new = _doc("某市2025年政府工作报告", "一、2024年工作回顾\n城镇新增就业32万人，新建学校15所。\n"
               "二、2025年工作安排\n城镇新增就业30万人以上。")
    pairs = {(f.old.raw, f.new.raw): f.status for f in compare(old, new).figures
             if f.old and f.new and "就业" in f.metric}
    assert pairs == {("30万人", "32万人"): "changed", ("不低于30万人", "30万人以上"): "unchanged"}


def _changes(old: Document, new: Document) -> dict[str, tuple[str, str, str]]:
    """The year's results paired (targets apart), by metric."""
    return {f.metric: (f.old.raw, f.new.raw, f.status) for f in compare(old, new).figures
            if f.old and f.new and f.old.role == "result"}


def _results(old_review: str, new_review: str) -> dict[str, tuple[str, str, str]]:
    """The year's results paired between a 2025 report reviewing 2024 with `old_review` and a 2026 one reviewing
    2025 with `new_review`."""
    return _changes(_doc("某省2025年政府工作报告", "一、2024年工作回顾\n" + old_review),
                    _doc("某省2026年政府工作报告", "一、2025年工作回顾\n" + new_review))



def test_a_growth_rate_against_last_year_is_the_years_rate_and_its_subject_carries_over():
    """比上年增长8.1% is the year's growth (增长7.6% next year), not an increment; the level after the comma
    (，达到3.2万亿元) is the same subject's."""
    old = _doc("某省2024年政府工作报告", "一、2023年工作回顾\n全省地区生产总值比上年增长8.1%，达到3.2万亿元。\n"
               "二、2024年工作安排\n全省地区生产总值增长7%左右。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n2024年，全省地区生产总值达到3.5万亿元，增长7.6%。\n"
               "二、2025年工作安排\n全省地区生产总值增长7%左右。")
    changes = _changes(old, new)
    assert changes["地区生产总值增长"] == ("增长8.1%", "增长7.6%", "changed")
    assert changes["地区生产总值"] == ("达到3.2万亿元", "达到3.5万亿元", "changed")


def test_an_increment_against_last_year_is_still_no_level():
    old = _doc("某省2024年政府工作报告", "一、2023年工作回顾\n全省财政收入3000亿元，比上年增加200亿元。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n全省财政收入比上年增加300亿元。")
    assert "财政收入" not in {metric[:4] for metric in _changes(old, new)}


def test_a_paragraph_on_the_five_years_is_no_years_result_under_any_heading():
    """五年来，… under a heading that names no plan period: its growth is the five years', never paired with a
    year's."""
    old = _doc("某省2024年政府工作报告", "一、2023年工作回顾\n全省粮食产量600亿斤。\n三、关于规划的说明\n"
               "五年来，群众获得感持续增强。城镇居民人均可支配收入实际增长58%。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n全省粮食产量610亿斤，城镇居民人均可支配收入实际增长6%。")
    changes = _changes(old, new)
    assert changes["粮食产量"][2] == "changed"
    assert not [m for m in changes if "收入" in m]


def test_a_metric_under_one_more_short_word_is_the_same_but_a_flow_is_no_stock():
    """省级特色产业园 = 特色产业园 (a word of two characters before it, a value of the same order); 新增孵化器
    (this year's) is no count of all 孵化器; eight times as many is no same thing; a word inside narrows it."""
    old = _doc("某省2024年政府工作报告", "一、2023年工作回顾\n全省科技型中小企业3.2万家。建成省级特色产业园50个。"
               "新增科技企业孵化器20家。培育创新联合体10个。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n全省科技型企业3.5万家。建成特色产业园40个。"
               "科技企业孵化器30家。培育省级创新联合体80个。")
    statuses = {(f.old.metric, f.new.metric): f.status for f in compare(old, new).figures if f.old and f.new}
    assert statuses.get(("科技型中小企业", "科技型企业"), "possible") == "possible"
    assert statuses[("省级特色产业园", "特色产业园")] == "changed"
    assert statuses.get(("新增科技企业孵化器", "科技企业孵化器"), "possible") == "possible"
    assert statuses.get(("创新联合体", "省级创新联合体"), "possible") == "possible"


def test_respectively_after_a_clause_speaks_of_the_figures_or_items_before_it():
    """分别 with nothing before it in its clause: the rates are those of the figures (or the items) of the clauses
    before, in order."""


    after_figures = extract_figures("城镇居民收入5万元，农村居民收入2万元，扣除价格因素，分别实际增长5.1%和6.2%。")
    assert [(f.metric, f.value) for f in after_figures if f.unit == "%"] == [
        ("城镇居民收入增长", "5.1"), ("农村居民收入增长", "6.2")]
    after_items = extract_figures("城镇居民收入和农村居民收入，分别实际增长5.1%和6.2%。")
    assert [(f.metric, f.value) for f in after_items] == [("城镇居民收入增长", "5.1"), ("农村居民收入增长", "6.2")]


def test_an_estimate_in_a_review_is_the_years_result():
    """预计增长5.2% in a review is the year's result as estimated before the statistics close: paired with next
    year's result and checked against the target, not read as a target."""
    old = _doc("某省2024年政府工作报告", "一、2023年工作回顾\n全省地区生产总值预计增长5.2%左右。\n"
               "二、2024年工作安排\n全省地区生产总值增长5%左右。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n全省地区生产总值增长4.7%。\n"
               "二、2025年工作安排\n全省地区生产总值增长4.5%左右。")
    assert _changes(old, new)["地区生产总值增长"][2] == "changed"


def test_a_flow_word_opening_a_list_is_each_items():
    """新增A 120家、B 40家: B is a flow too (新增B), so it pairs with next year's 新增B (or 新建B), and a stock
    with its own verb (、总数达到900家) stays a stock."""
    old = _doc("某省2024年政府工作报告", "一、2023年工作回顾\n全年新增孵化器120家、众创空间40家、企业总数达到900家。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n全年新建众创空间45家、孵化器130家。全省众创空间800家。")
    statuses = {(f.old.value, f.new.value): f.status for f in compare(old, new).figures if f.old and f.new}
    assert statuses[("120", "130")] == "changed"
    assert statuses[("40", "45")] == "changed"
    assert ("40", "800") not in statuses


def test_a_level_reached_in_a_review_of_five_years_is_the_last_years_but_a_plans_is_not():
    """In 一、2025年和“十四五”时期工作回顾 after 五年来, 服务贸易占比达到42% is where 2025 ended (the year's
    level); 新增就业超过300万人 is the five years' flow; a level of the next five years' plan stays a plan's."""
    old = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n全省服务贸易占比达到40%，新增就业60万人，"
               "研发投入强度达到2.5%。户籍人口预期寿命达到78.1岁。")
    new = _doc("某省2026年政府工作报告", "一、2025年和“十四五”时期工作回顾\n2025年，全省经济平稳运行。\n"
               "五年来，全省服务贸易占比达到42%，新增就业超过300万人，户籍人口预期寿命提高到78.6岁。\n"
               "二、“十五五”时期经济社会发展的主要目标\n到2030年，研发投入强度达到3.2%。")
    changes = _changes(old, new)
    assert changes["服务贸易占比"] == ("达到40%", "达到42%", "changed")
    assert changes["户籍人口预期寿命"] == ("达到78.1岁", "提高到78.6岁", "changed")  # 岁: a level in years of age
    assert "新增就业" not in changes
    assert "研发投入强度" not in changes


def test_a_years_measure_reached_and_a_bare_stock_in_a_review_of_five_years_are_where_the_year_ended():
    """After 五年来, 海洋经济增加值达到1.3万亿元 (a measure of one year) and 电力总装机9200万千瓦 (a stock, no verb)
    are levels where the last year ended; 减税降费超过900亿元 is the five years' total and stays theirs."""
    old = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n全省海洋经济增加值达到1.2万亿元，电力总装机8800万千瓦，"
               "减税降费超过200亿元。")
    new = _doc("某省2026年政府工作报告", "一、2025年和“十四五”时期工作回顾\n2025年，全省经济平稳运行。\n"
               "五年来，全省海洋经济增加值达到1.3万亿元，电力总装机9200万千瓦，减税降费超过900亿元。")
    changes = _changes(old, new)
    assert changes["海洋经济增加值"] == ("达到1.2万亿元", "达到1.3万亿元", "changed")
    assert changes["电力总装机"] == ("8800万千瓦", "9200万千瓦", "changed")
    assert not [metric for metric in changes if "减税降费" in metric]


def test_a_years_work_said_with_and_without_its_flow_word_is_one_result_but_a_stock_of_bodies_is_not():
    """新增湿地修复12万亩 and 湿地修复15万亩 are what each year did; 重点实验室 20家 beside 新增重点实验室 14家 is a
    stock beside a flow, never a change."""
    changes = _results("全年新增湿地修复12万亩，新增重点实验室14家。",
                       "全年湿地修复15万亩，重点实验室20家。")
    assert changes["湿地修复"] == ("12万亩", "15万亩", "changed")
    assert not [metric for metric in changes if "重点实验室" in metric]


def test_a_name_with_how_it_went_after_it_is_the_same_metric_but_a_trend_after_it_is_not():
    """旅游总收入翻番 / 旅游总收入: 翻番 says how the thing went, no other thing; 工业产值 beside 工业产值增长 (a trend
    after it) stays two metrics, and so do what a payer spent (省级财政投入…) and what it spent on a thing."""
    changes = _results("全省旅游总收入翻番达到800亿元，工业产值增长900亿元。省级财政投入50亿元。",
                       "全省旅游总收入达到950亿元，工业产值1200亿元。省级财政安排70亿元支持养老服务。")
    assert changes["旅游总收入"] == ("达到800亿元", "达到950亿元", "changed")
    assert not [metric for metric in changes if "工业产值" in metric or "财政" in metric]


def test_a_work_said_verb_first_and_verb_last_is_one_metric():
    """修复退化林地 / 退化林地修复 (and 退化林地综合修复, a manner before the verb) are one year's work and the next's;
    a verb-last name of another thing (退化湿地修复) is not."""
    changes = _results("全年修复退化林地120万亩，整治矿山地质环境3000亩。",
                       "全年退化林地综合修复150万亩，退化湿地整治2800亩。")
    assert changes["退化林地综合修复"] == ("120万亩", "150万亩", "changed")
    assert not [metric for metric in changes if "整治" in metric]


def test_a_quantity_named_with_where_it_came_from_is_the_same_but_a_part_named_by_a_noun_is_not():
    """省外实缴资金 / 实缴资金: where the money came from (a place word) says no other thing; 工业园区污水管网 (a common
    noun) and 城镇老旧小区 (the town part) may be parts of 污水管网 and 老旧小区, never the same metric."""
    changes = _results("全年引进实缴资金超过3000亿元，工业园区污水管网120公里，城镇老旧小区300个。",
                       "全年引进省外实缴资金3500亿元，污水管网150公里，老旧小区360个。")
    assert changes["省外实缴资金"] == ("超过3000亿元", "3500亿元", "changed")
    assert not [metric for metric in changes if "管网" in metric or "小区" in metric]


def test_town_and_country_said_in_one_word_under_respectively_are_its_two_parts():
    """城乡居民人均消费支出分别增长… is 城镇居民… and 农村居民…, one number each (the second a growth too), so each
    pairs with the other report's 城镇居民、农村居民… list."""
    figures = extract_figures("全市城乡居民人均消费支出分别增长4.2%、6.1%。")
    assert [(f.metric, f.value) for f in figures] == [("全市城镇居民人均消费支出增长", "4.2"),
                                                      ("全市农村居民人均消费支出增长", "6.1")]
    changes = _results("城镇居民、农村居民人均消费支出分别增长4.5%、6.8%。",
                       "城乡居民人均消费支出分别增长4.2%、6.1%。")
    assert changes["农村居民人均消费支出增长"] == ("6.8%", "6.1%", "changed")


def test_a_streak_a_bare_rate_and_a_level_per_head_in_a_review_of_five_years_are_where_the_year_ended():
    """After 五年来, 连续9年获评优秀 is how long the streak stands (连续8年 a year before), 义务教育巩固率96.2% and
    每万人口执业药师数达4.1人 are levels where the last year ended; 年均增长6% stays the five years'."""
    old = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n河长制考核连续8年获评优秀，义务教育巩固率95.8%，"
               "每万人口执业药师数达3.9人，旅游收入增长9%。")
    new = _doc("某省2026年政府工作报告", "一、2025年和“十四五”时期工作回顾\n2025年，全省经济平稳运行。\n"
               "五年来，河长制考核连续9年获评优秀，义务教育巩固率96.2%，每万人口执业药师数达4.1人，"
               "旅游收入年均增长6%。")
    changes = _changes(old, new)
    assert changes["河长制考核连续年数"] == ("8年", "9年", "changed")
    assert changes["义务教育巩固率"] == ("95.8%", "96.2%", "changed")
    assert changes["每万人口执业药师数"] == ("达3.9人", "达4.1人", "changed")
    assert not [metric for metric in changes if "旅游收入" in metric]

def test_numbers_in_names_and_units_of_concentration_and_containers():
    """PM2.5 and 5G are names, not quantities; 年均浓度 is one year's mean (no multi-year figure); 微克/立方米,
    标准箱 and 处 are units, so each year's reading pairs."""
    old = _doc("某市2024年政府工作报告", "一、2023年工作回顾\nPM2.5年均浓度40微克/立方米、同比下降6%。"
               "集装箱吞吐量2200万标准箱，建成5G基站3.1万个，整治易涝点12处。")
    new = _doc("某市2025年政府工作报告", "一、2024年工作回顾\nPM2.5年均浓度37微克/立方米、同比下降7.5%。"
               "集装箱吞吐量2300万标准箱，建成5G基站3.6万个，整治易涝点15处。")
    changes = {(f.old.raw, f.new.raw): (f.status, f.metric) for f in compare(old, new).figures if f.old and f.new}
    assert changes[("40微克/立方米", "37微克/立方米")][0] == "changed"
    assert changes[("下降6%", "下降7.5%")] == ("changed", "PM2.5年均浓度下降")
    assert changes[("2200万标准箱", "2300万标准箱")][0] == "changed"
    assert changes[("3.1万个", "3.6万个")] == ("changed", "5G基站")
    assert changes[("12处", "15处")][0] == "changed"


def test_a_change_against_a_named_base_year_is_several_years():
    """比2019年增长40% is the growth since 2019, never paired with a year's growth nor checked against its target."""
    old = _doc("某省2024年政府工作报告", "一、2023年工作回顾\n全省地区生产总值增长6.1%。\n二、2024年工作安排\n"
               "全省地区生产总值增长6%左右。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n全省地区生产总值达到5万亿元，比2019年增长40%。")
    result = compare(old, new)
    assert "地区生产总值增长" not in _changes(old, new)
    assert [t.status for t in result.targets] == ["not reported"]


def test_scope_words_say_nothing_of_what_is_counted():
    """新认定各类孵化载体 is 新认定孵化载体; 遴选省级领军人才 is 遴选领军人才 (as 国家级 is already)."""
    old = _doc("某省2024年政府工作报告", "一、2023年工作回顾\n新认定孵化载体80家，遴选省级领军人才150名。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n新认定各类孵化载体92家，遴选领军人才170名。")
    changes = {(f.old.raw, f.new.raw): f.status for f in compare(old, new).figures if f.old and f.new}
    assert changes == {("80家", "92家"): "changed", ("150名", "170名"): "changed"}


def test_respectively_shares_one_head_word_never_the_tail_of_a_name():
    """基础设施、制造业投资分别… share 投资; in 省级设计中心、创新“雏鹰”企业分别… the last item's 雏鹰” is its own
    name, never a head added to the first."""


    shared = extract_figures("基础设施、制造业投资分别增长9.4%、9.1%。")
    assert [f.metric for f in shared] == ["基础设施投资增长", "制造业投资增长"]
    named = extract_figures("省级设计中心、创新“雏鹰”企业分别达到27家、185家。")
    assert [f.metric for f in named] == ["省级设计中心", "创新“雏鹰”企业"]


def test_a_list_with_as_many_numbers_right_after_it_is_respective_without_its_word():
    """甲、乙普及率90%、80% reads as 分别: each item its number, the verb before the first shared; a number more,
    or a word between the numbers, and the list stays one metric."""
    rates = extract_figures("全市幼儿园、养老院覆盖率超过93%、71%，服务更便利。")
    assert [(f.metric, f.value) for f in rates] == [("幼儿园覆盖率", "93"), ("养老院覆盖率", "71")]
    growth = extract_figures("茶叶、蚕茧销量增长4.2%、6.8%。")
    assert [f.metric for f in growth] == ["茶叶销量增长", "蚕茧销量增长"]
    more = extract_figures("茶叶、蚕茧销量增长4.2%、6.8%和3.1%。")
    between = extract_figures("茶叶、蚕茧销量2.5万吨、增长6.8%。")
    assert {f.metric for f in more} == {"茶叶、蚕茧销量增长", "茶叶、蚕茧销量"}
    assert "茶叶销量" not in {f.metric for f in between}


def test_the_examples_of_a_list_before_its_etc_are_no_part_of_the_metric():
    """甲、乙等文化场馆12个 counts 文化场馆: next year's count of them, with other examples, is the same metric;
    等 inside a word (高等) ends no list."""
    old = _doc("某市2024年政府工作报告", "一、2023年工作回顾\n建成图书馆、美术馆等文化场馆12个。\n")
    new = _doc("某市2025年政府工作报告", "一、2024年工作回顾\n建成剧院和非遗工坊等文化场馆17个。\n")
    assert _changes(old, new) == {"文化场馆": ("12个", "17个", "changed")}
    word = extract_figures("高等教育、中等职业教育毛入学率达到62%。")
    assert [f.metric for f in word] == ["高等教育、中等职业教育毛入学率"]


def test_the_total_said_after_a_flow_is_the_stock_of_the_things_added():
    """新增甲机构35家，总数达到410家: the 410 is how many there are (next year's 达到452家), the 35 the year's
    addition; without 总量/总数 a level reached (，达到410家) is the stock too."""
    old = _doc("某市2024年政府工作报告", "一、2023年工作回顾\n新增备案养老机构35家，总数达到410家。\n")
    new = _doc("某市2025年政府工作报告", "一、2024年工作回顾\n备案养老机构达到452家。\n")
    assert _changes(old, new) == {"备案养老机构": ("达到410家", "达到452家", "changed")}
    bare = extract_figures("新增备案养老机构35家，达到410家。")
    assert [(f.metric, f.value) for f in bare] == [("新增备案养老机构", "35"), ("备案养老机构", "410")]


def test_a_short_measure_with_lead_words_in_a_list_is_of_the_first_items_thing_and_a_years_figure_of_one_year():
    """甲种植面积…、年度产量首次突破… : the 产量 is 甲's though 年度 and 首次 stand around it; in a review of several
    years, 年度 says the figure is one year's (a result), the area reached stays the years'."""
    year = extract_figures("甘蔗种植面积稳定在80万亩以上、年度产量首次突破900万吨。")
    assert [f.metric for f in year] == ["甘蔗种植面积", "甘蔗产量"]
    years = extract_figures("甘蔗种植面积稳定在80万亩以上、年度产量首次突破900万吨。", "years")
    assert [(f.metric, f.role) for f in years] == [("甘蔗种植面积", "span"), ("甘蔗产量", "result")]


def test_a_years_measure_said_with_its_own_year_word_is_the_measure():
    """甲港年货物吞吐量 is 甲港's 货物吞吐量 (every figure of a report is a year's): it pairs with next year's
    货物吞吐量; 年 inside a word (青年) stays."""
    old = _doc("某市2024年政府工作报告", "一、2023年工作回顾\n某港年货物吞吐量突破3200万吨。\n")
    new = _doc("某市2025年政府工作报告", "一、2024年工作回顾\n货物吞吐量突破3500万吨。\n")
    assert _changes(old, new) == {"货物吞吐量": ("突破3200万吨", "突破3500万吨", "changed")}
    assert [f.metric for f in extract_figures("引进青年人才1200人。")] == ["青年人才"]


def test_a_count_after_a_list_or_bare_verbs_measures_the_noun_after_it():
    listed = extract_figures("全年出台了甲办法、乙办法等12个地方规章。")
    verbs = extract_figures("审议、通过45件环保议案。")
    assert [(f.metric, f.value) for f in listed] == [("地方规章", "12")]
    assert [(f.metric, f.value) for f in verbs] == [("环保议案", "45")]


def _statuses(old: Document, new: Document) -> dict[tuple[str, str], str]:
    return {(f.old.raw, f.new.raw): f.status for f in compare(old, new).figures if f.old and f.new}


def _review_statuses(old_review: str, new_review: str) -> dict[tuple[str, str], str]:
    """The statuses of the figure pairs of two reviews, each under its report's title and review heading."""
    return _statuses(_doc("某省2024年政府工作报告", "一、2023年工作回顾\n" + old_review),
                     _doc("某省2025年政府工作报告", "一、2024年工作回顾\n" + new_review))


def test_a_metric_named_under_more_words_in_one_report_is_the_same():
    """蔬菜产量 / 蔬菜总产量 (a word inside), 雨水管网 / 改造雨水管网 (what was done to it), 林业增长 /
    林业增加值增长: the same metric, so a changed figure, when nothing else competes for it."""
    statuses = _review_statuses("全省蔬菜总产量达到420万吨。改造雨水管网310公里。"
                                "林业增长6.2%。",
                                "全省蔬菜产量达到436万吨。雨水管网285公里。"
                                "林业增加值增长5.8%。")
    assert statuses[("达到420万吨", "达到436万吨")] == "changed"
    assert statuses[("310公里", "285公里")] == "changed"
    assert statuses[("增长6.2%", "增长5.8%")] == "changed"


def test_a_longer_name_that_narrows_the_metric_is_no_same_metric():
    """纺织工业增长 is a part of 工业增长 (a scope before it), 市财政用于养老的支出 a use of 市财政支出 (a clause
    inside), 改造雨污水管网 more than 污水管网 (a thing before it): never `changed`; nor a pair two readings
    compete for."""
    old = _doc("某市2024年政府工作报告", "一、2023年工作回顾\n工业增长7.1%。市财政支出增长8.4%。新建污水管网120公里。"
               "全市花卉产量12万吨。")
    new = _doc("某市2025年政府工作报告", "一、2024年工作回顾\n纺织工业增长6.3%。市财政用于养老的支出增长9.6%。"
               "改造雨污水管网150公里。全市花卉总产量13万吨，花卉年产量15万吨。")
    statuses = _statuses(old, new)
    for pair in (("增长7.1%", "增长6.3%"), ("增长8.4%", "增长9.6%"), ("120公里", "150公里"), ("12万吨", "13万吨"),
                 ("12万吨", "15万吨")):
        assert statuses.get(pair, "possible") == "possible", pair


def test_a_change_in_points_is_no_level_and_the_same_unit_pairs_first():
    """城镇化率提高1.1个百分点 is no rate of 64.5%: the year's levels pair (达63.2% → 达64.5%); 就业 under 万人
    pairs with 万人 before a bare 万 of the same metric."""
    statuses = _review_statuses("常住人口城镇化率达63.2%。城镇新增就业61.3万人。",
                                "城镇新增就业12.5万，重点群体就业稳定。"
                                "常住人口城镇化率提高1.1个百分点。城镇新增就业63.8万人。常住人口城镇化率达64.5%。")
    assert statuses[("达63.2%", "达64.5%")] == "changed"
    assert statuses[("61.3万人", "63.8万人")] == "changed"


def test_a_streak_is_the_years_figure_one_year_longer_a_year_later():
    """连续3年 is how long a streak is this year (not a span of years): 连续3年 -> 连续4年 is a changed figure, of
    the thing before it or, with none, after it; a streak two years longer is another streak, never `changed`."""
    old = _doc("某省2024年政府工作报告", "一、2023年工作回顾\n河长制考核连续3年获评优秀。连续2年无较大森林火灾。"
               "农机补贴工作连续2年位列第一。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n河长制考核连续4年获评优秀。连续3年无较大森林火灾。"
               "农机补贴工作连续4年获评A级。")
    statuses = {f.old.metric: f.status for f in compare(old, new).figures if f.old and f.new}
    assert statuses["河长制考核连续年数"] == "changed"
    assert statuses["无较大森林火灾连续年数"] == "changed"
    assert statuses.get("农机补贴工作连续年数", "possible") == "possible"


def test_a_target_under_the_shorter_name_does_not_stop_the_years_results_pairing():
    """The plan's 蔬菜产量 target is no result: the results 蔬菜总产量 / 蔬菜产量 still pair."""
    old = _doc("某省2024年政府工作报告", "一、2023年工作回顾\n全省蔬菜总产量达到420万吨。\n二、2024年工作安排\n"
               "全省蔬菜产量450万吨以上。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n全省蔬菜产量达到436万吨。")
    assert _statuses(old, new)[("达到420万吨", "达到436万吨")] == "changed"


def test_counters_of_things_stand_for_one_another_under_one_metric():
    """社区图书馆1200家 / 1350个, 部门规章6部 / 8件 (after a bare verb with 了: the noun after it) are the same
    metric; 4部 / 4件 is unchanged; a count eight times as many, or of a bare verb (新建), is no pair."""
    statuses = _review_statuses("建成社区图书馆1200家。制定了6部部门规章，"
                                "修订4部地方标准。新建100所。全省全民健身驿站50个。新增入统服务企业320户。",
                                "建成社区图书馆1350个。制定了8件部门规章，"
                                "修订4件地方标准。新建200个。全省全民健身驿站400家。新增入统服务企业290家。")
    assert statuses[("1200家", "1350个")] == "changed"
    assert statuses[("320户", "290家")] == "changed"  # 户 counts firms as 家 does
    assert statuses[("6部", "8件")] == "changed"
    assert statuses[("4部", "4件")] == "unchanged"
    assert ("100所", "200个") not in statuses and ("50个", "400家") not in statuses


def test_a_target_restated_in_a_review_is_no_result_of_the_shorter_name():
    """未能完成年初提出的能耗降低3%左右的目标 restates last year's target: never paired with this year's result."""
    old = _doc("某省2024年政府工作报告", "一、2023年工作回顾\n全省未能完成年初提出的单位产值能耗降低3%左右的目标。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n全省单位产值能耗下降2.6%。")
    assert _statuses(old, new).get(("降低3%左右", "下降2.6%"), "possible") == "possible"


def test_a_sum_in_another_currency_is_its_own_unit():
    """12亿美元 is a sum in dollars: paired with 14亿美元, never with a sum in yuan of the same metric; and a name
    under one more word inside (外贸进出口额 / 外贸进出口贸易额) still pairs in dollars."""
    statuses = _review_statuses("实际利用外资12亿美元。外贸进出口额达到300亿美元。",
                                "实际利用外资80亿元，实际利用外资14亿美元。"
                                "外贸进出口贸易额达到360亿美元。")
    assert statuses[("12亿美元", "14亿美元")] == "changed"
    assert ("12亿美元", "80亿元") not in statuses
    assert statuses[("达到300亿美元", "达到360亿美元")] == "changed"


def test_a_scope_before_a_name_is_the_same_when_the_shorter_names_sentence_says_it():
    """外贸出口增长 / 出口增长 in a sentence on 外贸: the same metric; with no 外贸 in its sentence, no pair."""
    statuses = _review_statuses("全省外贸出口增长6.1%。全省纺织工业增长4.2%。",
                                "全省外贸形势稳中向好，出口增长7.3%。工业增长5.1%。")
    assert statuses[("增长6.1%", "增长7.3%")] == "changed"
    assert statuses.get(("增长4.2%", "增长5.1%"), "possible") == "possible"


def test_one_thing_under_other_verbs_is_the_same_metric_but_not_two_payers_or_a_bare_measure():
    """提质改造乡村步道 / 改造提升乡村步道: the year's result under other verbs, changed; 中央财政投入… /
    县级财政投入… name two payers, and a shared 投资增长 names no thing: no sure pair."""
    statuses = _review_statuses("提质改造乡村步道420公里。"
                                "中央财政投入防汛物资资金3.1亿元。"
                                "制造业投资增长6.2%。",
                                "改造提升乡村步道510公里。"
                                "县级财政投入防汛物资资金2.8亿元。"
                                "全年民营经济投资增长4.1%。")
    assert statuses[("420公里", "510公里")] == "changed"
    assert statuses.get(("3.1亿元", "2.8亿元"), "possible") == "possible"
    assert statuses.get(("增长6.2%", "增长4.1%"), "possible") == "possible"


def test_standard_short_forms_of_a_measure_are_the_same_metric():
    """进出口总值 / 进出口总额, 水产品总产 / 水产品总产量, 营收 / 营业收入: one measure under its short and long
    forms, so the year's figures pair (生产总值 stays 生产总值)."""
    statuses = _review_statuses("全省进出口总值5120亿元。水产品总产达83.2万吨。"
                                "文旅企业营收达到410亿元。地区生产总值达到2.1万亿元。",
                                "全省进出口总额5300亿元。水产品总产量达到86.1万吨。"
                                "文旅企业营业收入达到455亿元。地区生产总值达到2.2万亿元。")
    assert statuses[("5120亿元", "5300亿元")] == "changed"
    assert statuses[("达83.2万吨", "达到86.1万吨")] == "changed"
    assert statuses[("达到410亿元", "达到455亿元")] == "changed"
    assert statuses[("达到2.1万亿元", "达到2.2万亿元")] == "changed"


def test_a_place_or_body_before_a_specific_name_says_where_not_which_part():
    """地下水监测井水质达标比例 / 监测井水质达标比例: a name of six characters or more is the same under a place or
    body before it; a short one (高技术制造业增长 / 制造业增长) may be a part, and a time word before it (年初确定的…)
    is the plan said again: no sure pair."""
    statuses = _review_statuses("监测井水质达标比例91.2%。高技术制造业增加值增长9.1%。"
                                "年初确定的单位产值水耗下降3%左右。",
                                "地下水监测井水质达标比例93.5%。制造业增加值增长6.4%。"
                                "单位产值水耗下降2.6%。")
    assert statuses[("91.2%", "93.5%")] == "changed"
    assert statuses.get(("增长9.1%", "增长6.4%"), "possible") == "possible"
    assert statuses.get(("下降3%左右", "下降2.6%"), "possible") == "possible"


def test_every_verb_of_a_level_reached_is_its_qualifier_not_its_metric():
    """增加至, like 增加到 and 提高到, says the level reached: 人均公园绿地面积 is the metric, 提升至 its reading."""
    (figure,) = extract_figures("人均公园绿地面积增加至15.2平方米。")
    assert (figure.key, figure.canonical_qualifier(), figure.value) == ("人均公园绿地面积", "提升至", "15.2")


def test_a_level_after_a_change_against_last_year_is_of_the_same_subject():
    """风电装机同比增加120万千瓦、达到860万千瓦，占比31.5%: the level and the share are 风电装机's, as they would be
    after a level; the change itself stays a change against last year."""
    figures = extract_figures("风电装机同比增加120万千瓦、达到860万千瓦，占比31.5%。")
    assert [(f.key, f.role) for f in figures] == [("风电装机增长", "delta"), ("风电装机", "result"),
                                                    ("风电装机占比", "result")]


def test_a_verb_both_reports_say_before_the_thing_is_what_was_done_not_the_thing():
    """审定、修改和撤销市级标准 / 审定、撤销市级标准: both end on 撤销市级标准, yet the thing is 市级标准 and the verbs
    before it differ only in what was done: the same count, changed."""
    statuses = _statuses(_doc("某省2024年政府工作报告", "一、2023年工作回顾\n审定、修改和撤销市级标准14项。"),
                         _doc("某省2025年政府工作报告", "一、2024年工作回顾\n审定、撤销市级标准11项。"))
    assert statuses[("14项", "11项")] == "changed"


def test_how_a_figure_moved_is_no_part_of_its_metric():
    """社会物流总额逆势增长 / 社会物流总额增长, 外贸出口稳步增长: the manner (逆势, 稳步) says how it moved, not what:
    one metric each, so a changed figure."""
    statuses = _statuses(_doc("某省2024年政府工作报告", "一、2023年工作回顾\n社会物流总额增长4.4%，外贸出口增长3.1%。"),
                         _doc("某省2025年政府工作报告",
                              "一、2024年工作回顾\n社会物流总额逆势增长2.9%，外贸出口稳步增长5.2%。"))
    assert statuses == {("增长4.4%", "增长2.9%"): "changed", ("增长3.1%", "增长5.2%"): "changed"}




def test_a_word_of_when_or_again_before_a_figure_is_no_manner():
    """将 (when) is no manner: 市级财政将安排… keeps it, so a bare payer (市级财政) never pairs with last year's
    市级财政赤字; 逆势 is one, and goes."""
    figures = extract_figures("民营投资逆势增长3.4%，市级财政将安排215亿元。")
    assert [f.key for f in figures] == ["民营投资增长", "市级财政将"]


def _metrics(sentence: str) -> list[tuple[str, str, str]]:
    return [(f.metric, f.raw, f.role) for f in extract_figures(sentence)]


def test_a_lead_of_one_character_is_stripped_only_as_a_word_of_its_own():
    """先, 并 lead a clause (先建成…, 并…): never the first character of a word (先行区, 并网装机)."""
    assert _metrics("先行区孵化器达到36家，并网装机容量突破900万千瓦。") == [
        ("先行区孵化器", "达到36家", "result"), ("并网装机容量", "突破900万千瓦", "result")]
    assert _metrics("共有孵化器36家。") == [("孵化器", "36家", "result")]


def test_a_flow_verb_that_opens_a_longer_word_is_shared_by_no_item_of_the_list():
    """新开工改造棚户区820个、危旧楼房2.3万套: 新开 is no verb of its own there, and 新开工 names no thing the
    second item is a measure of; that item is 危旧楼房."""
    assert _metrics("新开工改造棚户区820个、危旧楼房2.3万套。") == [
        ("新开工改造棚户区", "820个", "result"), ("危旧楼房", "2.3万套", "result")]


def test_a_starting_point_of_a_time_is_a_base_and_no_part_of_the_metric():
    """从一季度6.1%降到5.4%: the first number is where it started, of the same metric as the level reached."""
    assert _metrics("全市登记失业率从一季度6.1%降到5.4%。") == [
        ("登记失业率", "6.1%", "base"), ("登记失业率", "降到5.4%", "result")]
    assert _metrics("湿地保护率由2020年的41%提高到47%。") == [
        ("湿地保护率", "41%", "base"), ("湿地保护率", "提高到47%", "result")]


def test_a_level_a_five_year_review_says_the_thing_rose_to_is_where_the_year_ended():
    """五年来…人均公园绿地面积增至15.2平方米: a level reached by a verb of rising to, the last year's result; a
    flow of the years (新增…) stays theirs."""
    got = extract_figures("五年来，人均公园绿地面积增至15.2平方米，新增公园绿地面积达到900公顷。", "years")
    assert [(f.metric, f.role) for f in got] == [("人均公园绿地面积", "result"), ("新增公园绿地面积", "span")]


def test_head_counts_of_livestock_and_a_share_under_either_word():
    """出栏生猪1200万头 counts animals (头), and 投资比重 is 投资占比: both years' figures pair."""
    old = _doc("某省2024年政府工作报告", "一、2023年工作回顾\n全年肉羊出栏达到1200万头，制造业投资比重提升至31.5%。\n"
               "二、2024年工作安排\n推进产业升级。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n全年肉羊出栏达到1260万头，制造业投资占比达到33.2%。\n"
               "二、2025年工作安排\n推进产业升级。")
    changes = _changes(old, new)
    assert changes["肉羊出栏"] == ("达到1200万头", "达到1260万头", "changed")
    assert changes["制造业投资占比"] == ("提升至31.5%", "达到33.2%", "changed")
    assert [f.unit for f in extract_figures("肉羊出栏1200万头。")] == ["万头"]


def test_two_plans_counts_with_and_without_a_flow_word_are_one_metric_but_a_level_is_not():
    """新增发放小额贷款160亿元 / 发放小额贷款180亿元, 建设改造养老服务中心90家 / 新建改造养老服务中心50家: a plan's
    count is its year's flow either way; a level (达到2万家) against a flow is another figure."""
    old = _doc("某省2024年政府工作报告", "二、2024年工作安排\n新增发放小额贷款160亿元，建设改造县域养老服务中心90家，"
               "科技型企业达到2万家。")
    new = _doc("某省2025年政府工作报告", "二、2025年工作安排\n发放小额贷款180亿元，新建改造县域养老服务中心50家以上，"
               "新增科技型企业2500家。")
    pairs = {(f.old.raw, f.new.raw): f.status for f in compare(old, new).figures if f.old and f.new}
    assert pairs == {("160亿元", "180亿元"): "changed", ("90家", "50家以上"): "changed"}


def test_a_bare_output_is_of_the_thing_the_clause_before_opens_on():
    """全省茶叶连续三年增产，产量达到4.2万吨: the 产量 is the 茶叶's, paired with next year's 茶叶产量."""
    assert _metrics("全省茶叶连续三年增产，产量达到4.2万吨。") == [("茶叶产量", "达到4.2万吨", "result")]
    assert _metrics("坚持创新驱动，产值增长8%。") == [("产值增长", "增长8%", "result")]
    assert _metrics("稳面积、提单产，全年油菜种植面积600万亩、产量90万吨。")[1] == ("油菜产量", "90万吨", "result")


def test_the_economys_total_is_its_output():
    """经济总量达到3.1万亿元 is the region's 地区生产总值 of the other year; 数字经济规模 stays its own."""
    old = _doc("某省2024年政府工作报告", "一、2023年工作回顾\n全省生产总值增长5.2%，经济总量达到3.1万亿元。\n"
               "二、2024年工作安排\n推进产业升级。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n全省地区生产总值达到3.3万亿元，增长5.6%。\n"
               "二、2025年工作安排\n推进产业升级。")
    pairs = {(f.old.raw, f.new.raw): f.status for f in compare(old, new).figures if f.old and f.new}
    assert pairs[("达到3.1万亿元", "达到3.3万亿元")] == "changed"
    assert [f.key for f in extract_figures("数字经济规模达到1.3万亿元。")] == ["数字经济"]


def test_residents_income_per_head_is_their_income():
    """农村居民人均可支配收入增长6.4% / 农村居民收入增长5.9%: one metric under its full and its short name; a
    year's clause opening on its year (2030年产量…) still takes the clause before's thing."""
    old = _doc("某省2024年政府工作报告", "一、2023年工作回顾\n农村居民人均可支配收入增长6.4%。\n"
               "二、2024年工作安排\n推进。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n农村居民收入增长5.9%。\n二、2025年工作安排\n推进。")
    assert _changes(old, new)["农村居民收入增长"] == ("增长6.4%", "增长5.9%", "changed")
    assert _metrics("全省茶叶连续三年增产，2030年产量达到4.2万吨。") == [("茶叶产量", "达到4.2万吨", "result")]


def test_an_amount_that_describes_the_things_counted_next_is_theirs():
    """总投资9000亿元的160个市重点项目: the amount is the projects' (市重点项目总投资), the count theirs too; a growth
    after a level is no described thing."""
    assert _metrics("推进总投资9000亿元的160个市重点项目。") == [
        ("市重点项目总投资", "9000亿元", "result"), ("市重点项目", "160个", "result")]
    assert _metrics("营业收入超50亿元同比增长12%。") == [("营业收入", "超50亿元", "result"),
                                                       ("营业收入增长", "增长12%", "result")]


def test_a_condition_before_a_metric_is_no_part_of_it():
    """正常气候条件下茶叶产量达到45万吨: the condition says when, the metric is 茶叶产量; 线下消费 keeps its 线下."""
    assert _metrics("正常气候条件下茶叶产量达到45万吨。") == [("茶叶产量", "达到45万吨", "result")]
    assert _metrics("线下消费增长5%。") == [("线下消费增长", "增长5%", "result")]


def test_a_share_of_the_years_plan_done_is_paired_with_next_years_share():
    """完成年计划的112% is the year's result said as a share of its plan: the next report's share of its own plan
    is its change, not one figure removed and another added."""
    old = _doc("某省2024年政府工作报告", "一、2023年工作回顾\n技能培训人次、发放小额贷款分别完成年计划的112%、230%。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n技能培训人次、发放小额贷款分别完成年计划的120%、210%。")
    pairs = {f.metric: (f.old.raw, f.new.raw, f.status) for f in compare(old, new).figures if f.old and f.new}
    assert pairs == {"技能培训人次": ("112%", "120%", "changed"), "发放小额贷款": ("230%", "210%", "changed")}


def test_an_item_counted_in_its_own_unit_borrows_no_head_from_the_last_item():
    """技能培训人次、发放创业担保贷款分别…: the last item has one word more than the first, but 人次 already says what
    the first counts, so it is no 技能培训人次贷款; 城镇、农村居民收入 still hands 居民收入 to 城镇."""
    def metrics(items: str) -> set[str]:
        old = _doc("某省2024年政府工作报告", f"一、2023年工作回顾\n{items}分别完成年计划的112%、230%。")
        new = _doc("某省2025年政府工作报告", f"一、2024年工作回顾\n{items}分别完成年计划的120%、210%。")
        return {f.metric for f in compare(old, new).figures}
    assert metrics("技能培训人次、发放创业担保贷款") == {"技能培训人次", "发放创业担保贷款"}
    assert metrics("城镇、农村居民收入") == {"城镇居民收入", "农村居民收入"}


def test_a_list_is_split_at_its_joining_words_never_inside_a_word():
    """及 of 普及率 joins no items: 城区供气、农村燃气普及率超过96%、82% hands each item its rate."""
    figures = extract_figures("城区供气、农村燃气普及率超过96%、82%。")
    assert [(f.metric, f.value) for f in figures] == [("城区供气普及率", "96"), ("农村燃气普及率", "82")]


def test_the_base_of_a_rate_is_part_of_its_name_and_a_bracketed_word_is_optional():
    """每千人口 is the base of a rate, no count of 1000 people: 每千人口养老床位数 is the metric. A word in brackets
    inside a name (加装（改造）电梯) is optional: the other report's 加装电梯 is the same metric; one character
    (新（扩）建) stays, a part of a word."""
    pairs = {(f.metric, f.value) for f in extract_figures(
        "每千人口养老床位数达3.9张，老旧小区加装（改造）电梯820部，新（扩）建游步道30公里。")}
    assert pairs == {("每千人口养老床位数", "3.9"), ("老旧小区加装电梯", "820"), ("新扩建游步道", "30")}


def test_a_flow_keeps_its_word_before_examples_and_a_level_after_a_flow_is_the_stock():
    """新增甲公司、乙公司等孵化企业 counts the year's new 孵化企业; 市场主体净增3万户、达到60万户: the level is of
    市场主体, no flow; 单产稳居前列，总产量… is no 单产's output."""
    figures = extract_figures("新增甲公司、乙公司等孵化企业230家。市场主体净增3万户、达到60万户。"
                              "单产稳居全国前列，总产量达到410亿斤。")
    keys = {(f.key, f.value) for f in figures}
    assert {("孵化企业新增", "230"), ("市场主体净增", "3"), ("市场主体", "60"), ("总产量", "410")} <= keys


def _targets_paired(old_plan: str, new_plan: str) -> dict[str, tuple[str, str, str]]:
    """The two plans' targets paired, by metric."""
    old = _doc("某省2024年政府工作报告", "一、2023年工作回顾\n全省粮食产量600亿斤。\n二、2024年工作安排\n" + old_plan)
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n全省粮食产量610亿斤。\n二、2025年工作安排\n" + new_plan)
    return {f.metric: (f.old.raw, f.new.raw, f.status) for f in compare(old, new).figures
            if f.old and f.new and f.old.role == "target"}


def test_a_plans_cue_is_no_part_of_its_metric():
    """力争, 确保 say how firmly a target is set, not what it measures: 力争光伏组件产量 is 光伏组件产量."""
    pairs = _targets_paired("力争光伏组件产量达到80万套，确保肉牛出栏300万头以上。",
                            "光伏组件产量达到95万套，肉牛出栏310万头以上。")
    assert pairs == {"光伏组件产量": ("达到80万套", "达到95万套", "changed"),
                     "肉牛出栏": ("300万头以上", "310万头以上", "changed")}


def test_a_size_in_words_before_a_noun_names_a_class_and_a_level_is_no_flow():
    """千亿集群 is a class, no amount of 千亿: the list it opens keeps its shared 新增. A plan's level to reach
    (突破5000家) is no bare count of the year's (培育800家): the two are not a change."""
    pairs = _targets_paired("力争新增千亿集群6个、隐形冠军企业30家以上，培育科技型中小企业800家。",
                            "力争新增千亿集群8个、隐形冠军企业50家以上，科技型中小企业突破5000家。")
    assert pairs == {"新增千亿集群": ("6个", "8个", "changed"), "新增隐形冠军企业": ("30家以上", "50家以上", "changed"),
                     "科技型中小企业": ("800家", "突破5000家", "possible")}
    assert [(f.metric, f.value) for f in extract_figures("营收超千亿园区增至8个。")] == [("营收超千亿园区", "8")]


def test_a_metric_said_in_other_words_is_paired_when_the_added_words_are_actions_or_context():
    """登记专利转让金额 is 专利转让金额 (登记 says what was done); 装机占比 after 风电发电量… in its sentence is the
    next report's 风电装机占比 (the context said it); 城区绿地率 is no 绿地率 said elsewhere, and a name that
    points at its context (为此增加支出) or says when (将补助) is a clause."""
    old = _doc("某省2024年政府工作报告", "一、2023年工作回顾\n专利转让金额增长41%。"
               "风电发电量达300亿千瓦时，装机占比突破30%。城区绿地率达到38%。市财政为此增加支出12亿元。区财政将补助农户5亿元。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n登记专利转让金额增长12%。风电装机占比超过34%。"
               "老城区绿化覆盖绿地率达到40%。为此，市财政增加支出20亿元。"
               "区财政补助农户8亿元。")
    changed = {metric: change for metric, change in _changes(old, new).items() if change[2] == "changed"}
    assert changed == {"登记专利转让金额增长": ("增长41%", "增长12%", "changed"),
                       "风电装机占比": ("突破30%", "超过34%", "changed")}


def test_a_years_rate_is_its_mean_but_no_year_end_rate():
    """青年失业率均值5.3% is the year's rate, as 青年失业率5.1% was; a year-end rate (年末…) is another."""
    old = _doc("某省2024年政府工作报告", "一、2023年工作回顾\n青年失业率5.1%，年末登记失业率3.2%。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n青年失业率均值5.3%，登记失业率3.4%。")
    changes = _changes(old, new)
    assert changes["青年失业率"] == ("5.1%", "5.3%", "changed")
    assert "登记失业率" not in changes


def test_a_growth_rate_said_once_for_a_list_is_each_items_but_a_sums_is_the_sums():
    """进出口总额、实际使用外资增长6%左右 sets each one's growth; 甲港口、乙港口吞吐量超8亿吨，增长30%: the
    growth of the sum, no item's; 落实对县区、乡镇…, 追加安排市区、乡镇…: a verb's objects, no list."""
    figures = extract_figures("进出口总额、实际使用外资增长6%左右。沿海港口、内河港口吞吐量超8亿吨，增长30%。"
                              "落实对县区、乡镇转移支付增长9%。追加安排市区、乡镇街道补助增长8%。", "target")
    metrics = [(f.metric, f.value) for f in figures if f.unit == "%"]
    assert ("进出口总额增长", "6") in metrics and ("实际使用外资增长", "6") in metrics
    assert ("沿海港口、内河港口吞吐量增长", "30") in metrics
    assert not [m for m, value in metrics if value in ("9", "8") and "、" not in m]


def test_new_creations_and_openings_are_the_years_flow_and_a_bare_flow_names_nothing():
    """新创建甲园区3个、乙集群1个 adds them as 新增 does (the shared verb too); 新开通国际航线14条 is 新增国际航线;
    a bare 新建 with no thing of its own (新建2个, 新建70个) is no metric to pair."""
    old = _doc("某省2024年政府工作报告", "一、2023年工作回顾\n新增国家级森林公园2个、湿地公园4个，新增国际航线11条。"
               "场馆建设提速，新建2个。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n新创建国家级森林公园3个、湿地公园5个，"
               "新开通国际航线14条。农房改造加快，新建70个。")
    changes = _changes(old, new)
    assert changes["新创建国家级森林公园"] == ("2个", "3个", "changed")
    assert changes["新创建湿地公园"] == ("4个", "5个", "changed")
    assert changes["新开通国际航线"] == ("11条", "14条", "changed")
    assert not [metric for metric, change in changes.items() if change[2] == "changed" and "新建" in metric]


def test_a_level_alone_before_a_list_names_the_thing_the_next_item_names():
    """新建5个国家级、12个省级工程研究中心: the 5 are 国家级工程研究中心 (新建 alone names nothing, though the
    tagger reads it as a place), paired with next year's."""
    figures = extract_figures("新建5个国家级、12个省级工程研究中心。", "target")
    assert [(f.metric, f.value) for f in figures] == [("国家级工程研究中心", "5"), ("省级工程研究中心", "12")]


def test_farmers_per_head_are_the_rural_residents():
    """农民人均纯收入 and 农村居民人均纯收入 count the same people's income: one metric across the two years."""
    old = _doc("某省2024年政府工作报告", "一、2023年工作回顾\n农民人均纯收入实际增长5.1%。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n农村居民人均纯收入实际增长6.3%。")
    assert _changes(old, new) == {"农村居民人均纯收入实际增长": ("增长5.1%", "增长6.3%", "changed")}


def test_a_deed_after_another_deed_is_what_the_number_measures():
    """某园区推行甲制度、实现产值80亿元: 、 parts two deeds, so the 80亿元 is the 产值 alone, paired with next
    year's 实现产值 said after a count of parks."""
    old = _doc("某市2024年政府工作报告", "一、2023年工作回顾\n文创园区推行联席会商制度、实现产值80亿元。")
    new = _doc("某市2025年政府工作报告", "一、2024年工作回顾\n新开文创园区5个、实现产值95亿元。")
    assert _changes(old, new)["产值"] == ("80亿元", "95亿元", "changed")


def test_pulling_is_a_lead_verb_as_driving_is():
    """拉动 and 带动 say the same deed before what an event moved (拉动客流 / 带动客流): one metric, where the
    verb kept on one side would leave a short noun unpaired."""
    old = _doc("某市2024年政府工作报告", "一、2023年工作回顾\n灯会连办三周，拉动客流12万人次。")
    new = _doc("某市2025年政府工作报告", "一、2024年工作回顾\n灯会延至一月，带动客流19万人次。")
    assert _changes(old, new)["客流"] == ("12万人次", "19万人次", "changed")


def test_nouns_before_a_quoted_name_after_a_count_are_one_name_with_it():
    """建成9个渔村“共享菜园” counts 渔村共享菜园, as 渔村“共享菜园”7个 does the year before: the quote opens no
    other thing, so the count is not of 渔村 alone."""
    old = _doc("某市2024年政府工作报告", "一、2023年工作回顾\n建成渔村“共享菜园”7个。")
    new = _doc("某市2025年政府工作报告", "一、2024年工作回顾\n建成9个渔村“共享菜园”。")
    assert _changes(old, new) == {"渔村共享菜园": ("7个", "9个", "changed")}


def test_what_a_cause_moved_is_the_metric_whoever_moved_it():
    """甲活动带动X: the number measures X, the cause is no part of it; the next year's X said after another
    deed (…、带动X) is the same metric."""
    old = _doc("某市2024年政府工作报告", "一、2023年工作回顾\n灯会活动带动营业额12亿元。")
    new = _doc("某市2025年政府工作报告", "一、2024年工作回顾\n发放灯会消费券3000万元、带动营业额19亿元。")
    assert _changes(old, new)["营业额"] == ("12亿元", "19亿元", "changed")


def test_a_cause_stays_when_it_is_a_deed_one_word_or_before_a_bare_output():
    """出台甲措施带动X may count the measures issued, 旅游带动就业 is a measure's own name and 带动销售额 needs the
    thing the cause names: the cause stays in each; a manner before the verb (直接带动X) is no cause."""
    metrics = [f.metric for f in extract_figures(
        "灯会活动带动销售额12亿元。出台惠企措施带动招商12条。旅游带动就业3万人。灯会活动直接带动营业额12亿元。")]
    assert metrics == ["灯会活动带动销售额", "出台惠企措施带动招商", "旅游带动就业", "营业额"]


def test_the_nouns_after_a_quoted_name_after_a_count_close_the_name():
    """建成9个渔村“共享菜园”示范点 counts 示范点, not 菜园: the nouns after the quote are the name's end."""
    assert [f.metric for f in extract_figures("建成9个渔村“共享菜园”示范点。")] == ["渔村共享菜园示范点"]
