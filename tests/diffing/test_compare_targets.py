"""Last year's targets against this year's results, on invented reports."""
from __future__ import annotations

from reports import edition as _doc

from policywatch.diffing.compare import compare
from policywatch.diffing.pairing import TargetCheck
from policywatch.snapshots import Document

OLD = _doc("某市2024年政府工作报告", "一、2023年工作回顾\n全市地区生产总值增长5.1%。\n二、2024年工作安排\n"
           "全市地区生产总值增长5.5%左右，城镇新增就业50万人以上，新建口袋公园80个，新增绿道120公里。")


def _verdicts(old: Document, new: Document) -> dict[str, tuple[str, str | None]]:
    """Each target of OLD by its raw figure: its verdict and the result it was judged on."""
    return {t.target.raw: (t.status, t.result.raw if t.result else None) for t in compare(old, new).targets}


def _targets(summary: str) -> dict[str, str]:
    new = _doc("某市2025年政府工作报告", f"{summary}\n二、2025年工作安排\n全市地区生产总值增长5%左右。")
    return {t.target.raw.removeprefix("增长"): t.status for t in compare(OLD, new).targets}


def test_a_floor_beaten_by_more_than_a_tenth_is_exceeded_and_a_bare_number_is_a_floor():
    got = _targets("一、2024年工作回顾\n全市地区生产总值增长5.6%，城镇新增就业62万人，"
                   "新建口袋公园78个，新增绿道125公里。")
    assert got["50万人以上"] == "exceeded"
    assert got["80个"] == "missed"
    assert got["120公里"] == "met"
    assert got["5.5%左右"] == "met"


def test_a_review_of_the_year_and_the_five_before_it_reports_the_years_results():
    got = _targets("一、2024年和“十四五”时期工作回顾\n全市地区生产总值增长5.6%，城镇新增就业52万人。\n"
                   "五年来，全市地区生产总值年均增长6.1%，城镇新增就业累计260万人。")
    assert got["5.5%左右"] == "met"
    assert got["50万人以上"] == "met"


def test_an_abbreviated_metric_reports_the_full_ones_target_and_a_range_stays_whole():
    old = _doc("某市2024年政府工作报告", "一、2023年工作回顾\n全市口袋公园新增8个。\n二、2024年工作安排\n"
               "规模以上工业增加值增长6%以上，居民收入增长5.5%-6%。")
    new = _doc("某市2025年政府工作报告", "一、2024年工作回顾\n规上工业增加值增长6.4%。\n二、2025年工作安排\n"
               "居民收入增长5.5%-6%。")
    result = compare(old, new)
    (industry,) = [t for t in result.targets if "工业" in t.metric]
    assert industry.status == "met" and industry.result is not None and industry.result.raw == "增长6.4%"
    (income,) = [f for f in result.figures if "收入" in f.metric and f.old and f.new and f.old.role == "target"]
    assert income.old.raw.endswith("5.5%-6%") and income.status == "unchanged"


def test_a_target_under_its_verb_is_checked_against_the_result_without_it():
    """整治河道堤防投资8亿元 (the plan's verb before the metric) is checked against 河道堤防投资8.5亿元 of the
    review: a word of two characters before, even one the tagger reads as a noun (so no thing after a last
    verb) and under a unit that is no count of things."""
    old = _doc("某市2024年政府工作报告", "一、2023年工作回顾\n全市经济平稳。\n二、2024年工作安排\n"
               "整治河道堤防投资8亿元。")
    new = _doc("某市2025年政府工作报告", "一、2024年工作回顾\n全年河道堤防投资8.5亿元。\n二、2025年工作安排\n稳进。")
    (check,) = [t for t in compare(old, new).targets if "堤防" in t.metric]
    assert check.status == "met" and check.result is not None and check.result.raw == "8.5亿元"


def test_a_count_before_its_noun_measures_that_noun():
    """启动90个老旧小区改造 / 改造110个老旧小区: the count stands before its noun, the words before it name nothing;
    the target is checked against the result for the same noun, never against the verb."""
    old = _doc("某市2024年政府工作报告", "一、2023年工作回顾\n全年改造80个老旧小区。\n二、2024年工作安排\n"
               "启动90个老旧小区改造，建设20万亩高标准农田。")
    new = _doc("某市2025年政府工作报告", "一、2024年工作回顾\n全年改造110个老旧小区，建设23万亩高标准农田。")
    result = compare(old, new)
    verdicts = {t.target.raw: (t.status, t.result.raw if t.result else None) for t in result.targets}
    assert verdicts["90个"] == ("exceeded", "110个")
    assert verdicts["20万亩"] == ("exceeded", "23万亩")
    changes = {(f.old.raw, f.new.raw): f.status for f in result.figures if f.old and f.new}
    assert changes[("80个", "110个")] == "changed"


def test_a_plans_count_is_the_years_flow_but_a_level_is_not():
    """建设养老驿站40个 is what the year adds: 新增养老驿站52个 is its result (新培育 is 新增 too); a level
    (孵化器达到300家) is never checked against a year's 新增."""
    old = _doc("某市2024年政府工作报告", "一、2023年工作回顾\n全市养老驿站200个。\n二、2024年工作安排\n"
               "建设养老驿站40个，新培育科技企业500家以上，孵化器达到300家。")
    new = _doc("某市2025年政府工作报告", "一、2024年工作回顾\n新增养老驿站52个，新增科技企业560家，新增孵化器30家。")
    verdicts = _verdicts(old, new)
    assert verdicts["40个"] == ("exceeded", "52个")
    assert verdicts["500家以上"] == ("exceeded", "560家")
    assert verdicts["达到300家"] == ("not reported", None)


def test_an_adverb_before_the_verb_is_no_part_of_the_metric():
    """有序改造雨水管网130公里: 有序 is an adverb (not 有 + 序…); the result is 改造雨水管网, the plan's 雨水管网."""
    old = _doc("某市2024年政府工作报告", "二、2024年工作安排\n改造燃气管网50公里、雨水管网100公里。")
    new = _doc("某市2025年政府工作报告", "一、2024年工作回顾\n有序改造雨水管网130公里、燃气管网52公里。")
    verdicts = _verdicts(old, new)
    assert verdicts["100公里"] == ("exceeded", "130公里")


def test_a_ratio_is_a_ratio_whichever_word_names_it():
    """空气优良天数比率 (plan) and 空气优良天数比例 (result) are one metric."""
    old = _doc("某市2024年政府工作报告", "二、2024年工作安排\n空气优良天数比率达到80%以上。")
    new = _doc("某市2025年政府工作报告", "一、2024年工作回顾\n空气优良天数比例达到86%。")
    verdicts = _verdicts(old, new)
    assert verdicts["达到80%以上"] == ("exceeded", "达到86%")


def test_a_short_measure_in_a_list_is_of_the_thing_its_first_item_names():
    """棉花种植面积300万亩、产量50万吨以上: the 产量 is the 棉花's, so next year's 棉花产量 is its result."""
    old = _doc("某省2024年政府工作报告", "二、2024年工作安排\n全年棉花种植面积300万亩、产量50万吨以上。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n全年棉花产量52万吨，钢铁产量900万吨。")
    verdicts = _verdicts(old, new)
    assert verdicts["50万吨以上"] == ("met", "52万吨")


def test_a_target_to_bring_a_level_down_to_is_a_ceiling():
    """PM2.5年均浓度降至35微克/立方米: met at or below it, missed above it."""
    old = _doc("某市2024年政府工作报告", "二、2024年工作安排\n"
               "PM2.5年均浓度降至35微克/立方米，PM10年均浓度降至60微克/立方米。")
    new = _doc("某市2025年政府工作报告", "一、2024年工作回顾\nPM2.5年均浓度33微克/立方米，PM10年均浓度62微克/立方米。")
    verdicts = {t.target.raw: t.status for t in compare(old, new).targets}
    assert verdicts == {"降至35微克/立方米": "met", "降至60微克/立方米": "missed"}


def test_where_the_flow_word_stands_says_nothing_of_what_is_counted():
    """新增城镇就业 (plan) and 城镇新增就业 (result) count the same people."""
    old = _doc("某省2024年政府工作报告", "二、2024年工作安排\n新增城镇就业60万人。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n城镇新增就业63万人。")
    verdicts = _verdicts(old, new)
    assert verdicts["60万人"] == ("met", "63万人")


def test_a_plans_item_under_its_verbs_is_checked_for_the_thing_it_acts_on():
    """分批次系统化改造雨水管网100公里 is checked against 雨水管网130公里; a total of another order (雨水管网总长
    3000公里) is no result of it."""
    old = _doc("某市2024年政府工作报告", "二、2024年工作安排\n"
               "分批次系统化改造雨水管网100公里，分批次系统化改造污水管网50公里。")
    new = _doc("某市2025年政府工作报告", "一、2024年工作回顾\n全年雨水管网130公里完成改造，全市污水管网3000公里。")
    verdicts = _verdicts(old, new)
    assert verdicts["100公里"] == ("exceeded", "130公里")
    assert verdicts["50公里"] == ("not reported", None)


def test_a_count_after_another_item_measures_its_own_noun():
    """滨河公园和60个口袋公园建成开放: 60个 counts 口袋公园, not 滨河公园; so 建设口袋公园50个 is checked against it."""
    old = _doc("某市2024年政府工作报告", "二、2024年工作安排\n建设口袋公园50个。")
    new = _doc("某市2025年政府工作报告", "一、2024年工作回顾\n滨河公园和60个口袋公园建成开放。")
    verdicts = _verdicts(old, new)
    assert verdicts["50个"] == ("exceeded", "60个")


def test_an_average_value_is_the_years_result_for_its_target():
    """城镇调查失业率平均值为5.1%: the year's average (no metric 失业率值), checked against 5.5%左右."""
    old = _doc("某省2024年政府工作报告", "二、2024年工作安排\n城镇调查失业率5.5%左右。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n全年城镇调查失业率平均值为5.1%。")
    verdicts = _verdicts(old, new)
    assert verdicts["5.5%左右"] == ("met", "5.1%")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n全年城镇调查失业率均值5.7%。")
    verdicts = _verdicts(old, new)
    assert verdicts["5.5%左右"] == ("met", "5.7%")


def test_one_verdict_per_target_said_twice():
    """The plan's 地区生产总值增长6%左右, explained again (提出地区生产总值增长6%左右的目标，…), is one target."""
    old = _doc("某省2024年政府工作报告", "二、2024年工作安排\n主要预期目标是：地区生产总值增长6%左右。"
               "提出地区生产总值增长6%左右的目标，兼顾了当前和长远。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n全省地区生产总值增长6.2%。")
    checks = [(t.target.raw, t.status) for t in compare(old, new).targets]
    assert checks == [("增长6%左右", "met")]


def test_a_review_of_the_five_years_then_the_year_reports_the_years_results_after_its_turn():
    """一、“十四五”时期和2024年工作回顾 opens on the five years; from the paragraph that turns to the year
    (刚刚过去的2024年，…) its figures are the year's results, never from one on another of the five years
    (2022年，…), and a later turn back (五年来) is several years'."""
    got = _targets("一、“十四五”时期和2024年工作回顾\n这五年，全市地区生产总值年均增长6.1%，城镇新增就业累计260万人。\n"
                   "2022年，全市地区生产总值增长4.2%。\n"
                   "各位代表！刚刚过去的2024年，全市地区生产总值增长5.6%，城镇新增就业52万人。\n"
                   "五年来，口袋公园新建80个。")
    assert got["5.5%左右"] == "met"
    assert got["50万人以上"] == "met"
    assert got["80个"] == "not reported"


def test_a_review_headed_by_the_five_years_alone_reports_the_years_results_after_its_turn():
    """一、“十四五”时期工作回顾 names no year, yet it turns to the one the report reviews (刚刚过去的2024年，…):
    its figures are that year's results from there, until it turns back to the five years."""
    got = _targets("一、“十四五”时期工作回顾\n“十四五”时期，全市地区生产总值年均增长6.1%，城镇新增就业累计260万人。\n"
                   "2022年，全市地区生产总值增长4.2%。\n"
                   "刚刚过去的2024年，全市地区生产总值增长5.6%，城镇新增就业52万人。\n"
                   "各位代表！回顾过去五年，口袋公园新建80个。")
    assert got["5.5%左右"] == "met"
    assert got["50万人以上"] == "met"
    assert got["80个"] == "not reported"


def test_a_count_of_things_is_found_under_a_name_with_a_few_more_characters_and_another_counter():
    """新建提升街心花园40个 is done as 建成街心花园44个; 实施智能化改造项目300项 as 重点智能化改造项目310个
    (项 and 个 count the same things); a count of another thing (街心广场) or another order is not it."""
    old = _doc("某市2024年政府工作报告", "二、2024年工作安排\n新建提升街心花园40个，实施智能化改造项目300项，"
               "建设社区型托育综合体20个，新建街心广场12个。")
    new = _doc("某市2025年政府工作报告", "一、2024年工作回顾\n44个街心花园建成开放，实施重点智能化改造项目310个，"
               "托育综合体21个，街心花园广场30个。")
    verdicts = _verdicts(old, new)
    assert verdicts["40个"] == ("met", "44个")
    assert verdicts["300项"] == ("met", "310个")
    assert verdicts["20个"] == ("met", "21个")
    assert verdicts["12个"] == ("not reported", None)


def test_counts_of_the_plans_outline_and_of_nothing_are_no_targets():
    """十项措施, 九方面 (written in words) are the plan's outline; 力争6个 counts nothing named."""
    old = _doc("某市2024年政府工作报告", "二、2024年工作安排\n出台十项措施，重点推进九方面工作，力争6个，"
               "新建口袋公园30个。")
    new = _doc("某市2025年政府工作报告", "一、2024年工作回顾\n新建口袋公园31个。")
    assert [t.target.raw for t in compare(old, new).targets] == ["30个"]


def test_a_count_of_the_plans_own_parts_in_digits_is_no_target():
    """做好7个方面工作： counts the parts of the plan that follow: its outline, whatever it is written in."""
    old = _doc("某市2024年政府工作报告", "二、2024年工作安排\n今年重点做好7个方面工作：\n新建口袋公园30个。")
    new = _doc("某市2025年政府工作报告", "一、2024年工作回顾\n新建口袋公园31个。")
    assert [t.target.raw for t in compare(old, new).targets] == ["30个"]


def test_a_result_given_as_a_share_of_the_plan_is_that_targets_result_and_no_target():
    """城镇新增就业、新增创业贷款分别完成年计划的112%、96%: the targets 40万人 and 100亿元 exceeded and missed;
    last year's review saying the same of its year (完成年度目标的104%) sets no target."""
    old = _doc("某省2024年政府工作报告", "一、2023年工作回顾\n城镇新增就业完成年度目标的104%。\n二、2024年工作安排\n"
               "城镇新增就业40万人，新增创业贷款100亿元，居民收入增长5%。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n城镇新增就业、新增创业贷款分别完成年计划的112%、96%。")
    verdicts = _verdicts(old, new)
    assert verdicts == {"40万人": ("exceeded", "112%"), "100亿元": ("missed", "96%"), "增长5%": ("not reported", None)}


def test_a_word_before_that_names_a_part_makes_another_metric():
    """农村居民人均收入 is a part of 居民人均收入: its target is not checked against the whole's result."""
    old = _doc("某省2024年政府工作报告", "二、2024年工作安排\n农村居民人均收入增长7%左右。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n居民人均收入增长5%。")
    (check,) = compare(old, new).targets
    assert check.status == "not reported"


def test_a_target_stated_as_the_plans_aim_is_the_metric_and_growth_of_the_economy_is_its_output():
    """经济增长预期目标为6%左右 sets 经济增长 6%左右, checked against 国内生产总值增长; 全省生产总值 is
    地区生产总值."""
    old = _doc("某国2024年政府工作报告", "二、2024年工作安排\n全年经济增长预期目标为6%左右。")
    new = _doc("某国2025年政府工作报告", "一、2024年工作回顾\n国内生产总值比上年增长6.8%。")
    assert [(t.target.raw, t.status) for t in compare(old, new).targets] == [("6%左右", "exceeded")]
    old = _doc("某省2024年政府工作报告", "二、2024年工作安排\n地区生产总值增长5%左右。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n全省生产总值增长5.2%。")
    assert [(t.target.raw, t.status) for t in compare(old, new).targets] == [("增长5%左右", "met")]


def test_a_rise_in_points_is_not_judged_against_a_level():
    """城镇化率提高1个百分点 is a change; the review's 城镇化率达65% is a level, no result of it."""
    old = _doc("某省2024年政府工作报告", "二、2024年工作安排\n力争城镇化率提高1个百分点。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n城镇化率达65%。")
    assert [(t.target.raw, t.status) for t in compare(old, new).targets] == [("提高1个百分点", "not reported")]


def test_a_part_after_the_plan_goes_on_with_next_years_tasks_and_gives_no_result():
    """三、改进机关作风 after 二、2025年工作安排 names no kind: its 新建口袋公园90个 is next year's task, no
    result for last year's 80个."""
    new = _doc("某市2025年政府工作报告", "一、2024年工作回顾\n全市地区生产总值增长5.6%。\n二、2025年工作安排\n"
               "全市地区生产总值增长5%左右。\n三、改进机关作风\n新建口袋公园90个，新增绿道130公里。")
    got = {t.target.raw.removeprefix("增长"): t.status for t in compare(OLD, new).targets}
    assert got["80个"] == "not reported" and got["120公里"] == "not reported" and got["5.5%左右"] == "met"


def test_a_gloss_in_brackets_before_the_count_is_no_part_of_the_metric():
    """建设社区型托育综合体（儿童之家）20个: the bracket names the thing again; the review's 托育综合体21个 is it."""
    old = _doc("某市2024年政府工作报告", "二、2024年工作安排\n建设社区型托育综合体（儿童之家）20个。")
    new = _doc("某市2025年政府工作报告", "一、2024年工作回顾\n建成托育综合体21个。")
    assert [(t.target.raw, t.status) for t in compare(old, new).targets] == [("20个", "met")]


def test_headings_that_lost_their_numbers_still_part_the_report():
    """2024年工作回顾 / 2025年工作安排 without 一、二、 (numbering lost in a word processor's export): the
    review's figures are results, the plan's targets; numbered items inside (（一）…) do not part it."""
    old = _doc("某省政府工作报告", "各位代表：\n2023年工作回顾\n（一）经济平稳。全省地区生产总值增长4.9%。\n"
               "2024年工作安排\n（一）稳增长。全省地区生产总值增长5.5%左右，新建口袋公园80个。")
    new = _doc("某省政府工作报告", "各位代表：\n2024年工作回顾\n（一）经济回升。全省地区生产总值增长5.6%，"
               "新建口袋公园82个。\n2025年工作安排\n（一）稳增长。全省地区生产总值增长5%左右，新建口袋公园100个。")
    verdicts = _verdicts(old, new)
    assert verdicts == {"增长5.5%左右": ("met", "增长5.6%"), "80个": ("met", "82个")}


def test_a_result_split_by_a_line_break_keeps_its_metric():
    """全省实现了平稳增长，全社会固定资产\\n投资增长6.1%: the line goes on, so the figure is 固定资产投资's."""
    old = _doc("某省2024年政府工作报告", "二、2024年工作安排\n全社会固定资产投资增长6%左右。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n全省经济实现了平稳增长，全社会固定资产\n投资增长6.1%。\n"
               "二、2025年工作安排\n保持平稳。")
    assert [(t.target.raw, t.status) for t in compare(old, new).targets] == [("增长6%左右", "met")]


def test_items_of_a_list_that_name_a_part_take_the_rest_of_the_last_item():
    """城镇、农村居民人均收入分别增长5.2%、6.8%: 城镇 is 城镇居民人均收入, so a target set for it alone is found."""
    old = _doc("某省2024年政府工作报告", "二、2024年工作安排\n城镇居民人均收入增长5%左右，农村居民人均收入增长7%左右。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n城镇、农村居民人均收入分别增长5.2%、6.8%。")
    verdicts = {t.metric: (t.status, t.result.raw if t.result else None) for t in compare(old, new).targets}
    assert verdicts["城镇居民人均收入增长"] == ("met", "增长5.2%")
    assert verdicts["农村居民人均收入增长"] == ("met", "6.8%")


def test_a_years_flow_of_another_order_is_no_result_of_a_plans_count():
    """生态林基地面积100万亩以上 against 新增生态林基地面积3万亩: a flow thirty times smaller is no result of it."""
    old = _doc("某省2024年政府工作报告", "二、2024年工作安排\n生态林基地面积100万亩以上。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n新增生态林基地面积3万亩。")
    assert [(t.target.raw, t.status) for t in compare(old, new).targets] == [("100万亩以上", "not reported")]


def test_a_count_of_a_bare_kind_is_no_target():
    """培育专精特新企业500家，企业1200家: the second names only a kind (企业), no level of a thing."""
    old = _doc("某省2024年政府工作报告", "二、2024年工作安排\n培育专精特新企业500家，带动企业1200家。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n新增企业1300家。")
    assert "1200家" not in [t.target.raw for t in compare(old, new).targets]


def test_the_part_after_the_review_is_the_plan_when_no_heading_names_a_kind():
    """一、…见成效 (a review) then 二、…再立新功 (no kind word): the second part holds the year's targets."""
    old = _doc("某省2024年政府工作报告", "一、砥砺奋进，全省发展见成效\n全省生产总值增长5.2%。\n"
               "二、勇担使命，在新征程上再立新功\n全省生产总值增长5.5%左右。")
    new = _doc("某省2025年政府工作报告", "一、同心协力，全省发展成绩喜人\n全省生产总值增长5.6%。\n"
               "二、乘势而上，在新征程上开创新局\n今年全省生产总值增长5%左右。")
    (check,) = compare(old, new).targets
    assert check.target.raw == "增长5.5%左右" and check.status == "met"
    assert check.result is not None and check.result.raw == "增长5.6%"


def test_a_fall_is_a_growth_below_zero_and_a_range_is_met_within_it():
    """固定资产投资增长5%左右 against 固定资产投资下降2.1%: missed, not unreported; 增长6%-6.5% against 6%:
    met at its lower bound, 7.2% beyond its top by more than half a point exceeded."""
    old = _doc("某市2024年政府工作报告", "一、2023年工作回顾\n全市经济平稳。\n二、2024年工作安排\n"
               "全市固定资产投资增长5%左右，全市地区生产总值增长6%-6.5%，居民收入增长6%-6.5%。")
    new = _doc("某市2025年政府工作报告", "一、2024年工作回顾\n全市地区生产总值增长6%，固定资产投资下降2.1%，"
               "居民收入增长7.2%。\n二、2025年工作安排\n稳进。")
    got = {t.metric: (t.status, t.result.raw if t.result else None) for t in compare(old, new).targets}
    assert got["固定资产投资增长"] == ("missed", "下降2.1%")
    assert got["地区生产总值增长"] == ("met", "增长6%")
    assert got["居民收入增长"] == ("exceeded", "增长7.2%")


def test_a_level_of_a_kind_shortened_by_a_synonym_is_a_target_and_national_is_the_same_title():
    """高新技术企业超过2万家 is a target though its key (高企) is short; 国家高新技术企业1.9万家 is its result."""
    old = _doc("某市2024年政府工作报告", "一、2023年工作回顾\n全市经济平稳。\n二、2024年工作安排\n"
               "高新技术企业超过2万家。")
    new = _doc("某市2025年政府工作报告", "一、2024年工作回顾\n国家高新技术企业1.9万家。\n二、2025年工作安排\n稳进。")
    (check,) = compare(old, new).targets
    assert check.status == "missed" and check.result is not None and check.result.raw == "1.9万家"


def test_a_count_of_bodies_reached_in_a_five_year_review_is_where_the_year_ended():
    """五年来，…科技型企业突破5200家: a stock at the end of the five years, so the last year's result; a count
    of what was built (建成…) stays the five years'."""
    old = _doc("某市2024年政府工作报告", "一、2023年工作回顾\n全市经济平稳。\n二、2024年工作安排\n"
               "科技型企业超过5000家，建成养老驿站300座。")
    new = _doc("某市2025年政府工作报告", "一、2024年和“十四五”时期工作回顾\n全市地区生产总值增长5.6%。\n"
               "五年来，科技型企业突破5200家，建成养老驿站突破900座。\n二、2025年工作安排\n稳进。")
    got = {t.metric: (t.status, t.result.raw if t.result else None) for t in compare(old, new).targets}
    assert got["科技型企业"] == ("met", "突破5200家")
    assert got["养老驿站"] == ("not reported", None)


def test_a_bare_number_finds_no_result_of_another_order_and_raw_coal_is_coal():
    """沼气产量90亿 (its unit left out) is not checked against 沼气产量 3个 (another thing under the same
    words); 原煤产量 is 煤炭产量."""
    old = _doc("某省2024年政府工作报告", "一、2023年工作回顾\n全省经济平稳。\n二、2024年工作安排\n"
               "沼气产量90亿，原煤产量6亿吨。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n新建园区，沼气产量3个，煤炭产量突破6亿吨。\n"
               "二、2025年工作安排\n稳进。")
    got = {t.metric: (t.status, t.result.raw if t.result else None) for t in compare(old, new).targets}
    assert got["沼气产量"] == ("not reported", None)
    assert got["原煤产量"] == ("met", "突破6亿吨")


def test_a_rate_of_change_of_a_word_read_as_a_verb_is_a_target():
    """进口增长4%左右 (进口 tagged as a verb) is a target of imports, checked against 进口增长3.8%."""
    old = _doc("某省2024年政府工作报告", "一、2023年工作回顾\n全省经济平稳。\n二、2024年工作安排\n"
               "全省进口增长4%左右。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n全省进口增长3.8%。\n二、2025年工作安排\n稳进。")
    (check,) = compare(old, new).targets
    assert check.status == "met" and check.result is not None and check.result.raw == "增长3.8%"


def test_a_points_target_is_checked_on_the_levels_of_both_years():
    """森林覆盖率提高0.8个百分点, with last year at 达45.1% and this year at 达46%: a rise of 0.9 points, met."""
    old = _doc("某省2024年政府工作报告", "一、2023年工作回顾\n森林覆盖率达45.1%。\n二、2024年工作安排\n"
               "森林覆盖率提高0.8个百分点。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n森林覆盖率达46%。\n二、2025年工作安排\n稳进。")
    (check,) = compare(old, new).targets
    assert check.status == "met" and check.result is not None and check.result.raw == "达46%"


def test_a_share_of_the_region_is_the_share_of_its_value_added():
    """开发区高新产业占比达到60%以上 is checked against 开发区高新产业增加值占全市比重62%."""
    old = _doc("某市2024年政府工作报告", "一、2023年工作回顾\n全市经济平稳。\n二、2024年工作安排\n"
               "开发区高新产业占比达到60%以上。")
    new = _doc("某市2025年政府工作报告", "一、2024年工作回顾\n开发区高新产业增加值占全市比重62%。\n"
               "二、2025年工作安排\n稳进。")
    (check,) = compare(old, new).targets
    assert check.status == "exceeded" and check.result is not None and check.result.raw == "62%"


def test_a_plans_verb_and_object_is_reported_object_first():
    """改造城镇危旧楼房3万户 is done as 危旧楼房改造3.5万户: exceeded."""
    old = _doc("某市2024年政府工作报告", "一、2023年工作回顾\n全市经济平稳。\n二、2024年工作安排\n"
               "改造城镇危旧楼房3万户。")
    new = _doc("某市2025年政府工作报告", "一、2024年工作回顾\n完成危旧楼房改造3.5万户。\n二、2025年工作安排\n稳进。")
    (check,) = compare(old, new).targets
    assert check.status == "exceeded" and check.result is not None and check.result.raw == "3.5万户"


def test_a_subject_named_in_the_clause_before_the_target_is_the_results():
    """开通环湖城际铁路，运营总里程达到800公里 is checked against 城际铁路运营里程820公里 (总里程 = 里程)."""
    old = _doc("某省2024年政府工作报告", "一、2023年工作回顾\n全省经济平稳。\n二、2024年工作安排\n"
               "开通环湖城际铁路，运营总里程达到800公里。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n城际铁路运营里程820公里。\n二、2025年工作安排\n稳进。")
    (check,) = compare(old, new).targets
    assert check.status == "met" and check.result is not None and check.result.raw == "820公里"


def test_a_count_of_runs_is_a_target_and_a_five_year_total_no_result():
    """开行货运专列600班次 is a target (班次 is a unit); with only a total over several years in the review,
    it is not reported."""
    old = _doc("某省2024年政府工作报告", "一、2023年工作回顾\n全省经济平稳。\n二、2024年工作安排\n"
               "开行货运专列600班次。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n全省经济平稳，货运专列累计开行3000班次。\n"
               "二、2025年工作安排\n稳进。")
    (check,) = compare(old, new).targets
    assert check.target.raw == "600班次" and check.status == "not reported"


def test_a_result_of_the_same_order_is_preferred_and_a_count_far_beyond_its_plan_is_no_result():
    """Of 城镇新增就业 360万人 (five years, not marked) and 65万人 (the year) against 60万人以上, the year's; a
    count six times its plan (新增技能人才 30万人 against 5万人) is a total of several years: not reported."""
    old = _doc("某省2024年政府工作报告", "一、2023年工作回顾\n全省经济平稳。\n二、2024年工作安排\n"
               "城镇新增就业60万人以上，新增技能人才5万人。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n过往岁月，城镇新增就业360万人，新增技能人才30万人。\n"
               "这一年，城镇新增就业65万人。\n二、2025年工作安排\n稳进。")
    got = {t.metric: (t.status, t.result.raw if t.result else None) for t in compare(old, new).targets}
    assert got["城镇新增就业"] == ("met", "65万人")
    assert got["新增技能人才"] == ("not reported", None)


def test_an_industrys_growth_is_that_of_its_value_added():
    """装备工业增长7%以上 is checked against 装备工业增加值增长8.2%, not a shorter 工业增长 of another thing."""
    old = _doc("某省2024年政府工作报告", "一、2023年工作回顾\n全省经济平稳。\n二、2024年工作安排\n"
               "装备工业增长7%以上。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n工业增长9.9%，装备工业增加值增长8.2%。\n"
               "二、2025年工作安排\n稳进。")
    (check,) = compare(old, new).targets
    assert check.status == "exceeded" and check.result is not None and check.result.raw == "增长8.2%"


def test_a_lists_measure_said_once_at_its_end_is_each_items():
    """农业、服务业、民营经济投资分别增长…: the second item is 服务业投资, so 服务业增长6%以上 finds no result there."""
    old = _doc("某省2024年政府工作报告", "一、2023年工作回顾\n全省经济平稳。\n二、2024年工作安排\n"
               "服务业增长6%以上，服务业投资增长5%左右。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n农业、服务业、民营经济投资分别增长3.1%、8.2%、4.4%。\n"
               "二、2025年工作安排\n稳进。")
    got = {t.metric: (t.status, t.result.raw if t.result else None) for t in compare(old, new).targets}
    assert got["服务业增长"] == ("not reported", None)
    assert got["服务业投资增长"] == ("exceeded", "8.2%")


def test_a_word_added_just_before_the_counted_thing_makes_another_thing():
    """市重点技改项目800个以上 (the 技改 ones among the key projects) is not done as 市重点项目820个."""
    old = _doc("某市2024年政府工作报告", "一、2023年工作回顾\n全市经济平稳。\n二、2024年工作安排\n"
               "市重点技改项目800个以上。")
    new = _doc("某市2025年政府工作报告", "一、2024年工作回顾\n市重点项目820个。\n二、2025年工作安排\n稳进。")
    (check,) = compare(old, new).targets
    assert check.status == "not reported"


def test_a_subject_in_a_clause_without_a_number_is_that_of_the_bare_figures_after_it():
    """全省进口总值再创新高，达到900亿元、增长8.5%: the growth is of 进口总值, so 进口总值增长6% is exceeded."""
    old = _doc("某省2024年政府工作报告", "一、2023年工作回顾\n全省经济平稳。\n二、2024年工作安排\n"
               "进口总值增长6%。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n对外贸易稳步发展，农产品出口增长3%，"
               "全省进口总值再创新高，达到900亿元、增长8.5%。\n二、2025年工作安排\n稳进。")
    (check,) = compare(old, new).targets
    assert check.status == "exceeded" and check.result is not None and check.result.raw == "增长8.5%"


def test_a_level_of_one_unit_of_a_scale_written_without_its_one_is_read():
    """全市生产总值突破万亿元 is 突破1万亿元: a target of 9500亿元以上 is met."""
    old = _doc("某市2024年政府工作报告", "一、2023年工作回顾\n全市经济平稳。\n二、2024年工作安排\n"
               "全市生产总值9500亿元以上。")
    new = _doc("某市2025年政府工作报告", "一、2024年工作回顾\n全市生产总值突破万亿元。\n二、2025年工作安排\n稳进。")
    (check,) = compare(old, new).targets
    assert check.status == "met" and check.result is not None and check.result.raw == "突破1万亿元"


def _checks(plan: str, review: str) -> list[TargetCheck]:
    """Last year's plan against this year's review, each report otherwise saying only its GDP."""
    old = _doc("某市2024年政府工作报告", f"一、2023年工作回顾\n全市地区生产总值增长5.1%。\n二、2024年工作安排\n{plan}")
    new = _doc("某市2025年政府工作报告",
               f"一、2024年工作回顾\n{review}\n二、2025年工作安排\n全市地区生产总值增长5%左右。")
    return compare(old, new).targets


def _plan_and_review(plan: str, review: str) -> dict[str, str]:
    return {t.target.raw: t.status for t in _checks(plan, review)}


def test_a_count_said_before_its_noun_ends_where_the_review_says_how_far_it_got():
    """18个便民驿站全部建成 counts 便民驿站: 全部 and what follows say how far the work got, no part of the
    name, and a plan that says how far (基本建成5个…) names the thing after its count too."""
    got = _plan_and_review("建成便民驿站18个，基本建成5个区域康养中心。",
                           "18个便民驿站全部建成，5个区域康养中心全面完成。")
    assert got["18个"] == "met"
    assert got["5个"] == "met"


def test_counters_of_things_stand_for_one_another_under_one_metric():
    """出台惠企政策18件 done as 惠企政策18项: one count of one thing under two counters."""
    got = _plan_and_review("出台惠企政策18件。", "出台惠企政策18项。")
    assert got["18件"] == "met"


def test_a_result_under_a_word_more_inside_its_metric_is_the_targets_result():
    """茶叶产量 planned, 茶叶总产量 reported (a word inside, as figures pair them): the year's result, so a floor
    not reached is `missed`; never a result under another target's own metric (物流投资增长 is that one's)."""
    got = _plan_and_review("茶叶产量稳定在42万吨以上。物流增长6%以上，物流投资增长9%左右。",
                           "全市茶叶总产量达到40.8万吨。物流投资增长9.1%。")
    assert got["42万吨以上"] == "missed"
    assert got["增长6%以上"] == "not reported"
    assert got["增长9%左右"] == "met"


def test_a_target_said_as_an_aim_is_matched_by_its_metric_alone():
    """确保茶叶产量达42万吨: 确保 says it is an aim, not what is counted, so 茶叶总产量达到43.5万吨 is its result."""
    got = _plan_and_review("确保茶叶产量达42万吨。", "全市茶叶总产量达到43.5万吨。")
    assert got["达42万吨"] == "met"


def test_a_count_before_a_quoted_name_counts_that_name():
    """建设30个“邻里驿站” plans a count of the quoted name, so 建成“邻里驿站”36个 is its result."""
    got = _plan_and_review("建设30个“邻里驿站”。", "建成“邻里驿站”36个。")
    assert got["30个"] == "exceeded"


def test_a_result_of_a_part_named_by_more_words_inside_is_no_result_of_the_whole():
    """海洋经济增长 planned, 海洋经济核心产业增长 reported: a part named by a word of four characters inside, not the
    metric under a word more (总), so the target stays `not reported`."""
    got = _plan_and_review("海洋经济增长9%以上。", "全市海洋经济核心产业增长6.5%。")
    assert got["增长9%以上"] == "not reported"


def test_the_years_main_work_after_the_plan_of_five_years_is_the_plan():
    """一、…回顾 / 二、“十九五”时期…目标任务 / 三、2031年主要工作: 主要工作 after a plan's heading is more plan, so
    the report reviews 2030 and its results are checked against last year's targets."""
    old = _doc("某省2030年政府工作报告", "一、2029年工作回顾\n全省生产总值增长5.1%。\n二、2030年目标任务和主要工作\n"
               "全省生产总值增长5.5%左右，新建乡村驿站60个。")
    new = _doc("某省2031年政府工作报告", "一、“十八五”时期发展回顾\n五年来，全省生产总值年均增长6.2%。\n"
               "刚刚过去的2030年，全省生产总值增长6.3%，新建乡村驿站75个。\n二、“十九五”时期的主要目标任务\n"
               "全省生产总值年均增长5%左右。\n三、2031年主要工作\n全省生产总值增长5.5%左右，新建乡村驿站60个。")
    comparison = compare(old, new)
    assert {t.target.raw: t.status for t in comparison.targets} == {"增长5.5%左右": "exceeded", "60个": "exceeded"}
    assert comparison.new.year == 2030


def test_a_manner_said_as_a_noun_before_the_verb_is_no_part_of_the_thing_done():
    """改造游园36个 then 高水平改造游园38个: 高水平 says how, so the two years' results pair and the target is met; a
    name it opens (高标准农田) keeps it."""
    old = _doc("某省2024年政府工作报告", "一、2023年工作回顾\n改造游园36个。\n二、2024年工作安排\n改造游园36个，"
               "建成高标准农田500万亩。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n高水平改造游园38个，高标准农田510万亩。\n"
               "二、2025年工作安排\n推进产业升级。")
    comparison = compare(old, new)
    assert {t.target.raw: t.status for t in comparison.targets} == {"36个": "met", "500万亩": "met"}
    assert [(f.old.raw, f.new.raw) for f in comparison.figures if f.status == "changed"] == [("36个", "38个")]


def test_a_clause_of_a_five_year_review_that_opens_on_the_year_reviewed_gives_that_years_result():
    """五年来…，2030年研学游客超550万人次，年均增长12%: the clause names the year reviewed, so its figure is that
    year's result (against the plan's 600万人次), the average stays the five years'."""
    old = _doc("某省2030年政府工作报告", "一、2029年工作回顾\n研学游客达到400万人次。\n二、2030年工作安排\n"
               "力争研学游客达到600万人次。")
    new = _doc("某省2031年政府工作报告", "一、2030年和“十八五”时期工作回顾\n五年来，研学旅游蓬勃发展，2030年研学游客"
               "超550万人次，年均增长12%。\n二、2031年工作安排\n推进产业升级。")
    comparison = compare(old, new)
    assert {t.target.raw: t.status for t in comparison.targets} == {"达到600万人次": "missed"}
    assert [(f.old.raw, f.new.raw) for f in comparison.figures if f.status == "changed"] == [
        ("达到400万人次", "超550万人次")]


def test_a_count_newly_started_is_the_years_flow_of_the_things_planned():
    """改造背街小巷800条以上 done as 新开工改造城区背街小巷900条: 新开工 is the year's flow like 新建, so the count is
    the plan's result and beats it by more than a tenth."""
    old = _doc("某省2024年政府工作报告", "二、2024年工作安排\n改造背街小巷800条以上。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n新开工改造城区背街小巷900条。\n"
               "二、2025年工作安排\n推进。")
    assert {t.target.raw: t.status for t in compare(old, new).targets} == {"800条以上": "exceeded"}


def test_a_target_said_in_other_words_finds_its_result():
    """年产值超5亿元林下经济示范基地达到60个以上 is reported as 年产值超5亿元的示范基地达62个 after 林下经济…:
    the result's name is the target's less words its sentence said, so the target is judged, not `not
    reported`."""
    old = _doc("某省2024年政府工作报告", "一、2023年工作回顾\n全省粮食产量600亿斤。\n二、2024年工作安排\n"
               "年产值超5亿元林下经济示范基地达到60个以上。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n林下经济加快发展，年产值超5亿元的示范基地达62个。")
    checks = {t.metric: t.status for t in compare(old, new).targets}
    assert checks["林下经济示范基地"] == "met"


def test_a_result_for_a_kind_of_the_thing_is_no_result_of_the_whole():
    """规上工业增加值增长6%左右 is not judged on 规上电子工业增加值增长9.1%: a noun before 工业 names a part of it."""
    old = _doc("某省2024年政府工作报告", "一、2023年工作回顾\n全省粮食产量600亿斤。\n二、2024年工作安排\n"
               "规上工业增加值增长6%左右。")
    new = _doc("某省2025年政府工作报告", "一、2024年工作回顾\n规上电子工业增加值增长9.1%。")
    checks = {t.metric: t.status for t in compare(old, new).targets}
    assert checks["规上工业增加值增长"] == "not reported"


def test_a_count_after_a_verb_or_a_describing_clause_measures_the_noun_after_it():
    """试点建设12个托育驿站 / 区政府承诺的9件暖心工程: the words before the count say what is done to the things
    or describe them; the thing counted is the noun after, so the plan's count meets the year's."""
    got = _plan_and_review("先行试点建设12个托育驿站，今年再办好9件暖心工程。",
                           "建成12个社区托育驿站。区政府承诺的9件暖心工程全部兑现。")
    assert got == {"12个": "met", "9件": "met"}


def test_a_thing_acted_on_under_a_modifier_more_is_the_same_count_of_persons_or_things():
    """高端护理人才 in the plan, 招募…护理人才 in the review: the thing the deed acted on is the plan's thing under
    one modifier less, counted in 名 or 人 alike; a rate or money never matches so."""
    (check,) = _checks("引进高端护理人才200名。", "招募留用护理人才260人。")
    assert check.status == "exceeded" and check.result is not None and check.result.raw == "260人"


def test_good_air_days_are_their_share_whatever_the_words_and_the_scope_of_cities():
    """空气优良天数 in the plan, 地级及以上城市空气质量优良天数比例 in the review: one share of the year's days, the
    cities counted a scope word like 全省."""
    (check,) = _checks("空气优良天数保持在88%左右。", "地级及以上城市空气质量优良天数比例达到87.6%。")
    assert check.status == "met" and check.result is not None and check.result.raw == "达到87.6%"


def test_a_level_to_reach_is_met_by_the_count_a_review_of_the_five_years_ends_on():
    """A count to reach (达到300个) is a level: the five years' count of the same thing is where the last year
    ended; a flow over the five years (新认证…) is no level."""
    old = _doc("某市2024年政府工作报告", "一、2023年工作回顾\n全市地区生产总值增长5%。\n二、2024年工作安排\n"
               "“青禾优品”达到300个，绿色工厂达到80家。")
    new = _doc("某市2025年政府工作报告", "一、2024年和“十四五”时期工作回顾\n全市地区生产总值增长5.6%。\n"
               "五年来，认证“青禾优品”306个，新认定绿色工厂90家。\n二、2025年工作安排\n全市地区生产总值增长5%左右。")
    got = {t.target.raw: t.status for t in compare(old, new).targets}
    assert got["达到300个"] == "met" and got["达到80家"] == "not reported"


def test_a_result_under_a_metric_said_in_other_words_is_the_targets_result():
    """有轨电车通车里程 planned, 有轨电车运营里程 reported: one length said otherwise, the only alike name of the same
    unit and order, so a floor reached is `met`."""
    assert _plan_and_review("有轨电车通车里程突破120公里。", "有轨电车运营里程突破125公里。")["突破120公里"] == "met"


def test_names_told_apart_are_no_rewording_of_one_another():
    """男性职工参保率 is no 女性职工参保率 (two kinds: each its own word before one end), 小学和初中巩固率 no
    初中巩固率 (a list against one of its items), 财政投入 no 财政收入 (another thing measured)."""
    got = _plan_and_review("男性职工参保率达到90%。小学和初中巩固率达到96%。县级财政投入增长8%。",
                           "女性职工参保率达到92%。初中巩固率达到97%。县级财政收入增长9%。")
    assert got == {"达到90%": "not reported", "达到96%": "not reported", "增长8%": "not reported"}


def test_a_metric_the_new_report_still_names_is_not_reported_under_another_name():
    """NEW plans 有轨电车通车里程 again: it still has the metric, so its 运营里程 is another length, no result."""
    old = _doc("某市2024年政府工作报告", "一、2023年工作回顾\n全市地区生产总值增长5.1%。\n二、2024年工作安排\n"
               "有轨电车通车里程突破120公里。")
    new = _doc("某市2025年政府工作报告", "一、2024年工作回顾\n有轨电车运营里程突破125公里。\n二、2025年工作安排\n"
               "有轨电车通车里程突破150公里。")
    assert {t.target.raw: t.status for t in compare(old, new).targets} == {"突破120公里": "not reported"}


def test_a_rate_said_from_a_years_value_to_another_is_of_the_words_before_its_years():
    """甲率从2019年的…提升到2024年的58.1% measures 甲率, never the subject of the clause before (开展“3个示范”)."""
    got = _plan_and_review("常住人口城镇化率达到58%左右。",
                           "深入开展“3个示范”，常住人口城镇化率从2019年的53.2%提升到2024年的58.1%。")
    assert got["达到58%左右"] == "met"


def test_about_after_a_level_or_a_ceiling_verb_is_judged_within_its_band():
    """达到58%左右 is about 58% (57.7% met, as a 左右 target), 降至15%左右 a ceiling met within its band."""
    got = _plan_and_review("甲类设施覆盖率达到58%左右。乙类费用比率降至15%左右。",
                           "甲类设施覆盖率达到57.7%。乙类费用比率降至15.3%。")
    assert got == {"达到58%左右": "met", "降至15%左右": "met"}


def test_a_target_aimed_at_after_another_item_is_of_the_words_after_its_aiming_verb():
    """打造甲品牌、力争乙游客人数达600万: the aim is 乙游客人数, whatever the item before it names."""
    got = _plan_and_review("打造丙湖康养新品牌、力争候鸟游客人数达600万。", "候鸟游客人数超550万。")
    assert got["达600万"] == "missed"


def test_a_count_of_a_bare_kind_or_a_share_of_things_is_of_those_that_do_the_deed_after_them():
    """2000家企业完成技术改造 counts the firms that do it, and 85%的村庄建成污水设施 is the share of villages that
    do: the kind alone (企业, no level of anything) or the words before the share (全市) name no metric, so
    neither was a target; the words after them to the clause's end say which things are counted."""
    old = _doc("某市2024年政府工作报告", "一、2023年工作回顾\n全年经济平稳。\n二、2024年工作安排\n"
               "引导2000家企业完成技术改造，确保全市85%的村庄建成污水设施，新建30所学校。")
    new = _doc("某市2025年政府工作报告", "一、2024年工作回顾\n2600家企业完成技术改造，"
               "全市85.3%的村庄建成污水设施，新建31所学校。")
    verdicts = _verdicts(old, new)
    assert verdicts["2000家"] == ("exceeded", "2600家")
    assert verdicts["85%"] == ("met", "85.3%")
    assert "30所" not in verdicts  # a bare kind with no deed after it is still the count's noun, no level
    assert [f.metric for f in compare(old, new).figures if f.old and f.old.raw == "30所"] == ["学校"]


def test_a_set_phrase_of_how_a_thing_works_is_part_of_the_noun_a_count_stands_before():
    """建成12个自动化立体仓库 counts 自动化立体仓库: the tagger reads 自动化 as a set phrase, as it reads words of how
    far a thing got (全部完成), but a phrase made with 化 says how the thing works; the count is not the subject's
    before it (物流园区) and is checked against the stores the year built."""
    old = _doc("某市2024年政府工作报告", "一、2023年工作回顾\n全年经济平稳。\n二、2024年工作安排\n"
               "打造物流园区30个以上，建成12个自动化立体仓库。")
    new = _doc("某市2025年政府工作报告", "一、2024年工作回顾\n打造物流园区32个，建成自动化立体仓库13个。")
    verdicts = {t.target.raw: (t.metric, t.status) for t in compare(old, new).targets}
    assert verdicts["12个"] == ("自动化立体仓库", "met")
