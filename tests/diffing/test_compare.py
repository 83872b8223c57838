"""Cross-year compare on real report text: figures with units and metrics, program variants, commitments."""
from __future__ import annotations

import json
from decimal import Decimal

from reports import edition
from reports import work_report as _report
from support import run, seed_doc, seed_path

from policywatch.diffing.compare import compare
from policywatch.diffing.figures import extract_figures
from policywatch.diffing.programs import extract_programs, program_key, same_program
from policywatch.snapshots import Document
from policywatch.text.numerals import ordinals_to_digits


def _fig(text: str, raw_part: str):
    return next(f for f in extract_figures(text) if raw_part in f.raw)


def test_figures_keep_value_as_written_and_unit_with_scale():
    f = _fig("全市高新技术企业超2.47万家,PCT国际专利申请量连续20年居全国城市首位。", "2.47")
    assert (f.value, f.unit, f.qualifier, f.metric) == ("2.47", "万家", "超", "高新技术企业")
    assert f.number == Decimal("2.47")  # Decimal, never 2.4700000000000002
    g = _fig("研发投入强度提升至6.46%,其中企业研发投入达2085.78亿元、占比93.3%。", "6.46")
    assert (g.value, g.unit, g.metric) == ("6.46", "%", "研发投入强度")
    share = _fig("研发投入强度提升至6.46%,其中企业研发投入达2085.78亿元、占比93.3%。", "93.3")
    assert share.metric == "企业研发投入占比"


def test_trend_figures_inherit_their_subject():
    growth = _fig("全社会研发投入达2236.6亿元、增长18.9%,连续9年实现两位数增长。", "18.9")
    assert growth.metric.endswith("研发投入增长") and growth.unit == "%"


def test_ordinals_and_chinese_numerals():
    assert ordinals_to_digits("第二十六届高交会") == "第26届高交会"
    a = _fig("成功举办第二十六届高交会。", "第")
    b = _fig("办好第26届高交会。", "第")
    assert a.value == b.value == "26" and a.key == b.key
    pct = extract_figures("科技投入占比达到百分之十八点九。")
    assert pct and pct[0].value == "18.9" and pct[0].unit == "%"


def test_years_are_not_figures():
    assert not [f for f in extract_figures("2024年,深圳市科技创新局发布2025年工作计划。") if f.unit == "年"]


def test_qualifier_change_is_its_own_status():
    result = compare(edition("", "全年城镇新增就业1200万人左右。"), edition("", "全年城镇新增就业1200万人以上。"))
    (figure,) = [f for f in result.figures if f.status != "added" and f.status != "removed"]
    assert figure.status == "qualifier" and figure.old.qualifier == "左右" and figure.new.qualifier == "以上"
    assert figure.difference is None


def test_same_metric_in_other_words_pairs():
    old = "去年深圳全社会研发投入占GDP比重达5.81%。"
    new = "研发投入强度提升至6.46%。"
    result = compare(edition("", old), edition("", new))
    changed = [f for f in result.figures if f.status == "changed"]
    assert len(changed) == 1 and changed[0].old.value == "5.81" and changed[0].new.value == "6.46"
    assert changed[0].difference == Decimal("0.65")


def test_program_variants_are_one_program():
    assert program_key("第二十六届高交会") == program_key("第26届高交会")
    assert same_program(program_key("深圳医科院"), program_key("深圳医学科学院"))
    assert not same_program(program_key("深圳湾实验室"), program_key("鹏城实验室"))
    names = [p.name for p in extract_programs("印发《深圳市训力券实施方案》,发布“深圳鲲鹏青年创新创业行动”。")]
    assert "《深圳市训力券实施方案》" in names and "深圳鲲鹏青年创新创业行动" in names


def test_cross_year_report_finds_new_programs_and_unmentioned_commitments():
    old, new = seed_doc("001"), seed_doc("000")
    result = compare(Document(title="2023", published=old.published, body=old.body), new)
    new_programs = {p.name for p in result.programs if p.status == "new"}
    assert {"《深圳市训力券实施方案》", "深圳鲲鹏青年创新创业行动"} <= new_programs
    continuing = {p.name for p in result.programs if p.status == "continuing"}
    assert "西丽湖论坛" in continuing
    by_text = {c.text: c for c in result.commitments}
    fund = next(c for t, c in by_text.items() if "自然科学基金委员会" in t)
    assert fund.status == "dropped" and fund.evidence == ""
    seed_fund = next(c for t, c in by_text.items() if "种子基金" in t)
    assert seed_fund.status in ("fulfilled", "carried_over") and "种子基金" in seed_fund.evidence
    assert [p.kind for p in result.old.parts][-1] == "plan"
    assert [p.kind for p in result.new.parts] == ["summary", "plan"]


def test_compare_cli_json_is_stable(tmp_path):
    out = run("compare", str(seed_path("001")), str(seed_path("000")), "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) >= {"old", "new", "figures", "targets", "programs", "commitments", "warnings"}
    assert set(data["new"]) >= {"title", "published", "parts"}
    for figure in data["figures"]:
        assert figure["status"] in ("changed", "qualifier", "possible", "unchanged", "added", "removed")
        for side in ("old", "new"):
            if figure[side]:
                assert set(figure[side]) >= {"value", "unit", "qualifier", "raw", "sentence"}
    for c in data["commitments"]:
        assert c["status"] in ("fulfilled", "carried_over", "dropped", "possibly dropped", "uncertain") \
            and 0 <= c["score"] <= 1


OLD_PLAN = """某市工业和信息化局2023年工作总结和2024年工作计划
一、2023年工作总结
全年完成工业投资1200亿元，新增规模以上工业企业300家。
二、2024年工作计划
（一）强化市区联动、部门协同，形成全市“一盘棋”招商引资工作合力。
（二）构建权责清晰、运行顺畅的产业链链长制工作体系。
（三）深化与跨国公司、央企、行业龙头企业产业合作。
（四）组建制造业数字化转型促进中心。
"""

NEW_REPORT = """某市工业和信息化局2024年工作总结和2025年工作计划
一、2024年工作总结
市区联动引进一批先进制造业项目，运行顺畅的协调机制持续完善。
与多家跨国公司签署产业合作协议，新增规模以上工业企业320家。
二、2025年工作计划
坚持全市“一盘棋”，办好工业博览会。
"""


def test_commitments_are_judged_on_what_the_promise_acts_on():
    """Not seed text: a promise's object decides (链长制工作体系 unreported = not kept, though its
    modifier 运行顺畅 recurs), a slogan of its purpose phrase does not (“一盘棋” alone is no evidence,
    市区联动 is), and one partner of an enumeration reported keeps the promise."""
    result = compare(edition("2023", OLD_PLAN), edition("2024", NEW_REPORT))
    status = {c.text[3:9]: c.status for c in result.commitments}
    assert status["强化市区联动"] == "fulfilled"
    assert status["构建权责清晰"] in ("dropped", "uncertain")
    assert status["深化与跨国公"] == "fulfilled"
    assert status["组建制造业数"] == "dropped"


def test_kinds_of_thing_are_not_programs_and_short_forms_are_one_program():
    """Not seed text: 产业基金 and 省实验室 are kinds of thing, 人才安居专项 and 海洋装备基金 are names;
    种业振兴基金 said again for 现代农业种业振兴基金 is one program, but 深圳湾实验室 and 大鹏湾实验室 are
    two (what they share once the city is dropped, 湾实验室, names nothing)."""
    text = "设立子基金和产业基金，建设省实验室和企业研发中心，实施人才安居专项，用好海洋装备基金。"
    names = [p.name for p in extract_programs(text)]
    assert names == ["人才安居专项", "海洋装备基金"]
    assert same_program(program_key("种业振兴基金"), program_key("现代农业种业振兴基金"))
    assert not same_program(program_key("深圳湾实验室"), program_key("大鹏湾实验室"))


def test_a_result_is_not_paired_with_next_years_target():
    """Not seed text: last year's result (summary) and this year's target (plan) are two figures;
    results pair with results."""
    old = "某市2023年工作总结和2024年工作计划\n一、2023年工作总结\n技术合同成交额1500亿元，新增孵化器12家。\n" \
          "二、2024年工作计划\n新增孵化器10家以上。"
    new = "某市2024年工作总结和2025年工作计划\n一、2024年工作总结\n新增孵化器15家。\n" \
          "二、2025年工作计划\n技术合同成交额1000亿元以上，新增孵化器10家以上。"
    result = compare(edition("2023", old), edition("2024", new))
    status = {(f.old.raw if f.old else None, f.new.raw if f.new else None): f.status for f in result.figures}
    assert status[("1500亿元", None)] == "removed" and status[(None, "1000亿元以上")] == "added"
    assert status[("12家", "15家")] == "changed" and status[("10家以上", "10家以上")] == "unchanged"


def test_parts_of_a_government_work_report():
    """Not seed text: a 政府工作报告's headings. The targets part names no kind (总体要求和政策取向)
    but next year, so it is plan; a report without years or kinds has only `other` parts."""
    from policywatch.diffing.parts import split_parts

    report = ["政府工作报告", "一、2024年工作回顾", "过去一年，地区生产总值增长5.2%。",
              "二、2025年经济社会发展总体要求和政策取向", "今年发展主要预期目标是：地区生产总值增长5%左右。",
              "三、2025年政府工作任务", "（一）大力提振消费。"]
    assert [p.kind for p in split_parts(report)] == ["summary", "summary", "plan", "plan"]
    plain = ["工作要点", "一、深化改革", "推进改革。", "二、扩大开放", "扩大开放。"]
    assert {p.kind for p in split_parts(plain)} == {"other"}


def test_unnumbered_period_headings_name_their_parts_above_numbered_ones_too():
    """A report that opens a five-year plan heads its parts without numbers (“十七五”时期工作回顾, “十八五”时期的
    主要目标任务, 2031年重点工作), perhaps above numbered headings of its own: the later period's goals are plan, so
    a goal for its five years is never read as the year's result."""
    from policywatch.diffing.parts import split_parts

    def kind_of(report: list[str], paragraph: str) -> str:
        at = report.index(paragraph)
        return next(p.kind for p in split_parts(report) if p.start <= at < p.end)

    goal = "一是居民收入稳步提高，城镇调查失业率控制在5.5%左右。"
    bare = ["政府工作报告", "各位代表：", "“十七五”时期工作回顾", "五年来，地区生产总值年均增长5.1%。",
            "“十八五”时期的主要目标任务", goal, "2031年重点工作", "（一）建设滨江新区。"]
    assert kind_of(bare, goal) == "plan" and kind_of(bare, "五年来，地区生产总值年均增长5.1%。") == "summary"
    numbered = ["政府工作报告", "各位代表：", "“十七五”时期发展成就和2030年工作回顾", "过去一年，总值增长5.1%。",
                "“十八五”时期主要目标和2031年重点工作", goal, "一、坚持稳中求进", "（一）稳住经济大盘。",
                "二、全力抓好五项重点工作", "（一）建设滨江新区。"]
    assert kind_of(numbered, goal) == "plan" and kind_of(numbered, "（一）稳住经济大盘。") != "summary"
    assert kind_of(numbered, "过去一年，总值增长5.1%。") == "summary"


def test_a_government_work_report_pair():
    """Not seed text, a 政府工作报告's shape: one-sentence items are promises themselves, the next
    edition of an event keeps its promise (第三届消费季 -> 第四届), results pair with results and
    targets with targets, and a trend's metric is read once (地区生产总值增长, not doubled)."""
    old = ("某市政府工作报告\n一、2023年工作回顾\n地区生产总值增长5.1%，城镇新增就业12万人。\n二、2024年主要目标\n"
           "地区生产总值增长5%左右。\n三、2024年重点工作\n（一）加快建设区域会展中心城市，办好第三届消费季。\n"
           "（二）推进城市更新，改造老旧小区200个。")
    new = ("某市政府工作报告\n一、2024年工作回顾\n地区生产总值增长5.2%，城镇新增就业13万人。"
           "区域会展中心城市建设取得积极进展。\n"
           "二、2025年主要目标\n地区生产总值增长5%左右。\n三、2025年重点工作\n（一）办好第四届消费季。")
    result = compare(edition("2023", old), edition("2024", new))
    figures = {(f.metric, f.old.raw, f.new.raw): f.status for f in result.figures if f.old and f.new}
    assert figures[("地区生产总值增长", "增长5.1%", "增长5.2%")] == "changed"
    assert figures[("地区生产总值增长", "增长5%左右", "增长5%左右")] == "unchanged"
    def status(words: str) -> str:
        return next(c.status for c in result.commitments if words in c.text)
    assert status("加快建设区域会展中心城市") == "fulfilled"
    assert status("办好第三届消费季") in ("fulfilled", "carried_over")
    assert status("推进城市更新") == "dropped"


def test_targets_are_checked_against_next_years_results():
    """Not seed text: a floor (以上) is met at or above it, a 左右 target within a tenth, a ceiling
    (失业率) at or below it; a target the new report gives no result for is `not reported`."""
    old = _report(2023, "新增孵化器12家。", "新增孵化器10家以上，技术合同成交额1000亿元左右，城镇调查失业率5.5%左右，"
                                          "新增专精特新企业200家以上。")
    new = _report(2024, "新增孵化器8家，技术合同成交额1300亿元，城镇调查失业率5.1%。", "新增孵化器10家以上。")
    checks = {c.metric: c.status for c in compare(old, new).targets}
    assert checks["新增孵化器"] == "missed"
    assert checks["技术合同成交额"] == "exceeded"
    assert checks["城镇调查失业率"] == "met"
    assert checks["新增专精特新企业"] == "not reported"


def test_a_combined_count_a_delta_and_respectively():
    """Not seed text: 概念验证中心、中小试基地超100家 is one figure of both; 比上年增加 is a change against
    last year, never a result to pair; 分别 gives each item its own number."""
    text = "概念验证中心、中小试基地超100家。全市专利授权量28万件、比上年增加1.1万件。出口和进口分别增长6%和3%。"
    figures = extract_figures(text)
    combined = next(f for f in figures if f.value == "100")
    assert "概念验证中心" in combined.metric and "中小试基地" in combined.metric
    delta = next(f for f in figures if f.value == "1.1")
    assert delta.role == "delta"
    by_value = {f.value: f.metric for f in figures}
    assert by_value["6"].startswith("出口") and by_value["3"].startswith("进口")


def test_alike_metrics_are_possible_never_changed():
    """Not seed text: 高新技术企业 and 国家高新技术企业 differ in a word: `possible`, with no difference claimed;
    a figure said again with its metric in other words (占GDP比重 = 强度) is `changed` with the difference in
    percentage points."""
    result = compare(_report(2023, "新增科技型中小企业2.1万家，研发投入占GDP比重达5.81%。", "加快发展。"),
                     _report(2024, "新增科技型企业2.4万家，研发投入强度达6.46%。", "加快发展。"))
    by_status = {f.status: f for f in result.figures}
    assert by_status["possible"].difference is None and by_status["possible"].difference_text == ""
    assert by_status["changed"].difference_text == "+0.65个百分点"


def test_empty_and_unrelated_inputs_are_said_so():
    import pytest

    from policywatch.errors import DiffError

    with pytest.raises(DiffError, match="OLD"):
        compare(edition("", "  \n。"), _report(2024, "新增孵化器8家。", "新增孵化器10家以上。"))
    older = compare(_report(2024, "新增孵化器8家。", "新增孵化器10家以上。"),
                    _report(2023, "新增孵化器12家。", "新增孵化器10家以上。"))
    assert any("older" in w for w in older.warnings)
    unrelated = compare(_report(2023, "新增孵化器12家。", "建设人才公寓。"),
                        edition("某县气象局防汛通知", "各乡镇做好强降雨防御工作，落实巡查值守制度，转移危险区域群众。"))
    assert any("may not be editions" in w for w in unrelated.warnings)
    related = compare(_report(2023, "新增孵化器12家。", "建设人才公寓。"),
                      _report(2024, "新增孵化器8家。", "建设人才公寓。"))
    assert related.warnings == []


def test_compare_on_an_empty_file_exits_2(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    out = run("compare", str(empty), str(seed_path("000")))
    assert (out.returncode == 2 and "empty.txt" in out.stderr) or "OLD" in out.stderr
    assert "Traceback" not in out.stderr


def test_a_name_said_again_in_other_forms_is_not_new():
    """Not seed text: an amount before a fund's name is not part of it; a document about a program names it;
    an effort's stem said without its suffix keeps it continuing."""
    assert [p.key for p in extract_programs("用好20亿元市科技创新种子基金。")] == ["科技创新种子基金"]
    assert [p.key for p in extract_programs("设立规模20亿的科技创新种子基金，首批子基金落地。")] == ["科技创新种子基金"]
    assert same_program(program_key("《深圳市训力券实施方案》"), program_key("训力券"))
    assert same_program(program_key("渔业振兴行动"), program_key("渔业振兴工程"))
    from policywatch.diffing.programs import pair_programs

    old_text, new_text = "实施渔业振兴行动。", "加快推进渔业振兴，实施湖区牧场工程。"
    pairs = {p.name: p.status for p in pair_programs(extract_programs(old_text), extract_programs(new_text),
                                                     old_text, new_text)}
    assert pairs == {"渔业振兴行动": "continuing", "湖区牧场工程": "new"}


def test_a_promise_said_again_word_for_word_is_never_dropped():
    from policywatch.diffing.commitments import main_phrase

    assert main_phrase("建立国有经济布局优化和结构调整指引制度，提高资源配置效益。") == "国有经济布局优化和结构调整指引"
    old = _report(2023, "新增孵化器12家。", "（一）建立国有经济布局优化和结构调整指引制度。\n（二）组建海洋大学。")
    new = _report(2024, "国有经济布局优化和结构调整指引印发实施。", "新增孵化器10家以上。")
    status = {c.text[3:9]: c.status for c in compare(old, new).commitments}
    assert status["建立国有经济"] == "fulfilled" and status["组建海洋大学"] == "dropped"


def test_trend_reads_years_from_the_text_not_the_argument_order(tmp_path):
    """Not seed text: three editions given out of order; results land in the year they review, targets in
    the year after, and a metric said two ways (涨幅 as a target, 上涨 as a result) is one row."""
    paths = []
    for year, result, target in ((2023, "5.1", "3"), (2021, "4.0", "3"), (2022, "4.6", "3")):
        path = tmp_path / f"r{year}.txt"
        path.write_text(_report(year, f"城镇调查失业率{result}%，居民消费价格上涨0.{year - 2020}%。",
                                f"城镇调查失业率5.5%左右，居民消费价格涨幅{target}%左右。").text(), encoding="utf-8")
        paths.append(str(path))
    out = run("trend", *paths, "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["years"] == [2021, 2022, 2023, 2024]
    rows = {r["metric"]: r for r in data["rows"]}
    assert {y: c["value"] for y, c in rows["城镇调查失业率"]["results"].items()} == \
        {"2021": "4.0", "2022": "4.6", "2023": "5.1"}
    price = next(r for m, r in rows.items() if m.startswith("居民消费价格"))
    assert set(price["results"]) == {"2021", "2022", "2023"} and set(price["targets"]) == {"2022", "2023", "2024"}
    assert run("trend", paths[0]).returncode == 2


def test_program_names_are_whole_and_counts_of_projects_are_no_programs():
    """国际 inside a name, a name longer than 18 characters, and 与 inside a list item stay in the name; a
    count of projects (入库项目300个) and an item of a list headed by a later 等…基金 are no programs."""
    text = ("今年，滨海国际海洋工程装备创新中心揭牌成立。推动国家第四代移动通信技术创新中心华南综合平台建成通线。"
            "实施海洋牧场专项、智能装备与传感器专项。全年种子基金入库项目300个以上，孵化器服务项目超5000项。"
            "推动设立智能网联汽车、无人驾驶与车路协同工程、新材料等产业基金。")
    names = {p.name for p in extract_programs(text)}
    assert {"滨海国际海洋工程装备创新中心", "国家第四代移动通信技术创新中心华南综合平台", "海洋牧场专项",
            "智能装备与传感器专项"} <= names
    assert not any("入库项目" in n or "服务项目" in n or "车路协同工程" in n for n in names), names


def test_a_quoted_name_keeps_the_words_after_its_quote():
    """“海图网”总调度中心产业基地 is one name; a verb after the quote ends it (“十六五”规划重大工程 -> the plan);
    a renamed cluster (“港湾—城区—园区”创新集群) is no program on its own."""
    text = ("与海洋局共建“海图网”总调度中心产业基地。实施“十六五”规划重大工程，“港湾—城区—园区”创新集群连续3年进位。"
            "把“高精尖缺”人才纳入人才服务保障体系。")
    names = {p.name for p in extract_programs(text)}
    assert "海图网总调度中心产业基地" in names and "十六五规划" in names
    assert not any("集群" in n or "纳入" in n or n == "总调度中心产业基地" for n in names), names


def test_a_clause_subject_carries_over_a_period_and_a_year():
    """Invented text: 3年增加800多家 names a period and an increase, 2025年 a year; the count after them is
    the subject's (专精特新企业 3200家), and the increase is no level of that count."""
    figures = extract_figures("全市专精特新企业3年增加800多家，2025年突破3200家，居全省首位。")
    assert [(f.metric, f.value, f.qualifier) for f in figures] == [("专精特新企业", "3200", "突破")]


def test_an_edition_is_no_subject_of_the_counts_after_it():
    figures = extract_figures("第三十届博览会，发布500余项新成果。")
    assert [f.metric for f in figures] == ["博览会届次", "新成果"]  # 500余项 counts the noun after it


def test_a_centre_under_its_acronym_and_its_chinese_name_is_one_program(tmp_path):
    """Invented text: OLD names a partner by its acronym, NEW by its Chinese name. Glossed in the text
    (星海理工大学（SOTU）) or in the analyst's --aliases file, the centre continues and the promise about
    the partner is not dropped; without either, no rule could tell."""
    old = _report(2023, "新增孵化器12家，SOTU创新中心揭牌。",
                  "（一）推动SOTU创新中心引进团队。\n（二）深化与SOTU的科研交流合作。")
    new_text = "新增孵化器8家，星海理工大学深圳创新中心引进团队5个，与星海理工大学开展科研交流合作。"
    programs = {p.name: p.status for p in compare(old, _report(2024, new_text, "建设人才公寓。")).programs}
    assert programs["星海理工大学深圳创新中心"] == "new"  # no gloss, no glossary: nothing says they are one
    glossed = _report(2024, new_text.replace("与星海理工大学", "与星海理工大学（SOTU）"), "建设人才公寓。")
    for result in (compare(old, glossed), compare(old, _report(2024, new_text, "建设人才公寓。"),
                                                  [["SOTU", "星海理工大学"]])):
        changes = {p.name: (p.status, p.old_name) for p in result.programs}
        assert changes["星海理工大学深圳创新中心"] == ("continuing", "SOTU创新中心")
        promise = next(c for c in result.commitments if "交流合作" in c.text)
        assert promise.status != "dropped"
    glossary = tmp_path / "aliases.txt"
    glossary.write_text("# partners\nSOTU = 星海理工大学  # Starsea University of Technology\n", encoding="utf-8")
    files = [tmp_path / "2023.txt", tmp_path / "2024.txt"]
    for path, doc in zip(files, (old, _report(2024, new_text, "建设人才公寓。")), strict=True):
        path.write_text(doc.title + "\n" + "\n".join(doc.body), encoding="utf-8")
    out = run("compare", str(files[0]), str(files[1]), "--format", "json", "--aliases", str(glossary))
    programs = {p["name"]: p["status"] for p in json.loads(out.stdout)["programs"]}
    assert out.returncode == 0 and programs["星海理工大学深圳创新中心"] == "continuing"
    glossary.write_text("SOTU 星海理工大学\n", encoding="utf-8")
    bad = run("compare", str(files[0]), str(files[1]), "--aliases", str(glossary))
    assert bad.returncode == 2 and "aliases.txt:1:" in bad.stderr and "Traceback" not in bad.stderr


def test_a_field_word_the_tagger_calls_a_verb_opens_a_name():
    """Invented text: 合成 and 光载 are tagged as verbs but name fields (合成材料产业基金, 光载传感专项); a real
    launching verb (推动) is still no part of a name, and 促就业专项政策 names no program."""
    names = [p.name for p in extract_programs(
        "推动合成材料产业基金投资项目5个，市区联动实施合成医药专项、光载传感专项、海洋牧场专项，加大促就业专项政策力度。")]
    assert names == ["合成医药专项", "合成材料产业基金", "光载传感专项", "海洋牧场专项"]
