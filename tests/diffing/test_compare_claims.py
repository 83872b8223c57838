"""Claims of absence (a new program, a promise no longer mentioned) on invented text: each is checked
against its closest passage of the other report, a kind of thing or a slogan is no sure claim, and the
default output shows the sure ones only."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from reports import work_report as _report
from support import run

from policywatch.diffing.compare import compare
from policywatch.diffing.parts import notes_span
from policywatch.snapshots import Document


def _programs(old: Document, new: Document) -> dict[str, str]:
    return {p.name: p.status for p in compare(old, new).programs}


def _commitments(old: Document, new: Document) -> dict[str, str]:
    return {c.text: c.status for c in compare(old, new).commitments}


def test_an_old_program_under_another_word_is_not_sure_new():
    old = _report(2023, "新建口袋公园8个。", "（一）深化市县联动审批机制改革。")
    new = _report(2024, "新建口袋公园9个。", "（一）建立市县联合审批机制。（二）启动青石河湿地修复工程。")
    programs = {p.name: p for p in compare(old, new).programs}
    renamed = programs["市县联合审批机制"]
    assert renamed.status == "possibly new" and "市县联动审批机制" in renamed.closest
    assert renamed.closest_score >= 0.45
    assert programs["青石河湿地修复工程"].status == "new" and programs["青石河湿地修复工程"].closest_score < 0.45


def test_a_kind_of_thing_a_cut_name_and_a_refused_slogan_are_no_sure_programs():
    old = _report(2023, "新建口袋公园8个。", "（一）推进老旧小区改造。")
    new = _report(2024, "在西部山区开展了林权抵押贷款试点。坚决不搞劳民伤财的“门面工程”。",
                  "（一）编制乡村规划。（二）启动青石河湿地修复工程。")
    status = _programs(old, new)
    assert status.get("乡村规划") in (None, "possibly new")
    assert all(s != "new" for n, s in status.items() if "林权抵押贷款试点" in n and n != "林权抵押贷款试点")
    assert status.get("门面工程") in (None, "possibly new")
    assert status["青石河湿地修复工程"] == "new"


def test_headings_lead_ins_facts_and_slogans_are_no_sure_drops():
    old = _report(2023, "新建口袋公园8个。",
                  "今年要重点抓好以下六个方面工作：\n（一）全力推动经济平稳向好\n诚信是市场经济的基石。\n"
                  "营商环境就是生产力。\n（二）建设滨江智慧物流园。")
    new = _report(2024, "新建口袋公园9个。", "（一）办好农民丰收节。")
    status = _commitments(old, new)
    for text, got in status.items():
        if "滨江智慧物流园" not in text:
            assert got != "dropped", text
    assert next(s for t, s in status.items() if "滨江智慧物流园" in t) == "dropped"


def test_a_promise_kept_in_other_words_is_not_sure_dropped_and_shows_its_passage():
    old = _report(2023, "新建口袋公园8个。", "（一）建立山区小水电清理退出机制。\n（二）建设滨江智慧物流园。")
    new = _report(2024, "山区小水电清理整改有序退出，完成率达到九成。", "（一）办好农民丰收节。")
    result = compare(old, new)
    kept = next(c for c in result.commitments if "小水电" in c.text)
    assert kept.status != "dropped"
    if kept.status == "possibly dropped":
        assert "小水电" in kept.closest and kept.closest_score >= 0.3
    dropped = next(c for c in result.commitments if "物流园" in c.text)
    assert dropped.status == "dropped" and dropped.closest_score < 0.3
    data = next(c for c in result.to_dict()["commitments"] if "物流园" in c["text"])
    assert {"closest_new", "closest_score", "salience"} <= set(data)


_PLACES = "青石 白沙 红枫 金桥 银杏 翠竹 松涛 梅岭 桃源 柳岸 荷塘 枫林 杉湖 竹溪 兰亭 菊坡 鹤鸣 鹿苑 燕归 雁塔".split()


def test_default_output_shows_fifteen_sure_claims_and_counts_the_rest(tmp_path: Path):
    plan = "\n".join(f"（{i + 1}）建设{p}湾冷链物流枢纽园。" for i, p in enumerate(_PLACES))
    (tmp_path / "old.txt").write_text(f"某市2023年工作总结和2024年工作计划\n一、2023年工作总结\n新建口袋公园8个。\n"
                                      f"二、2024年工作计划\n{plan}\n", encoding="utf-8")
    (tmp_path / "new.txt").write_text("某市2024年工作总结和2025年工作计划\n一、2024年工作总结\n新建口袋公园9个。\n"
                                      "二、2025年工作计划\n办好农民丰收节。\n", encoding="utf-8")
    args = ("compare", str(tmp_path / "old.txt"), str(tmp_path / "new.txt"), "--format", "md")
    short, full = run(*args), run(*args, "--all")
    assert short.returncode == 0 and full.returncode == 0
    short_rows = [line for line in short.stdout.splitlines() if line.startswith("| ") and "冷链物流枢纽园" in line]
    full_rows = [line for line in full.stdout.splitlines() if line.startswith("| ") and "冷链物流枢纽园" in line]
    assert len(short_rows) == 15 and len(full_rows) == 20
    assert "5 more" in short.stdout and "--all" in short.stdout
    # each side's year is the one it looks back on, said as such (a bare year reads as the report's own)
    heading = short.stdout.splitlines()[0]
    assert heading.endswith("(review of 2023) → 某市2024年工作总结和2025年工作计划 (review of 2024)")
    data = json.loads(run("compare", str(tmp_path / "old.txt"), str(tmp_path / "new.txt"), "--format",
                          "json").stdout)
    assert sum(1 for c in data["commitments"] if c["status"] == "dropped") == 20


def _many_promises() -> tuple[str, str]:
    """Promises over an enumeration whose items NEW reports in different sentences: which sentence is the
    evidence must not depend on the order a set is walked in."""
    kinds = ["冷链集散中心", "铁水联运基地", "陆港物流园区", "保税仓储中心", "货运枢纽站场", "口岸查验基地"]
    plan, summary = [], []
    for i, place in enumerate(p + side for p in _PLACES for side in "东西南北"):
        a, b, c = kinds[i % 6], kinds[(i + 2) % 6], kinds[(i + 4) % 6]
        plan.append(f"（{i + 1}）建设一批{place}{a}、{place}{b}和{place}{c}。")
        summary.append(f"{place}{a}投入运营。{place}{c}签约落地。{place}{b}开工。")
    old = ("某市2023年工作总结和2024年工作计划\n一、2023年工作总结\n新建口袋公园8个。\n二、2024年工作计划\n"
           + "\n".join(plan) + "\n")
    new = ("某市2024年工作总结和2025年工作计划\n一、2024年工作总结\n" + "".join(summary)
           + "\n二、2025年工作计划\n办好农民丰收节。\n")
    return old, new


def test_compare_json_is_the_same_under_three_hash_seeds(tmp_path: Path):
    old, new = _many_promises()
    (tmp_path / "old.txt").write_text(old, encoding="utf-8")
    (tmp_path / "new.txt").write_text(new, encoding="utf-8")
    exe = Path(sys.executable).with_name("policywatch")
    outputs = set()
    for seed in ("1", "2", "3"):
        done = subprocess.run([str(exe), "compare", str(tmp_path / "old.txt"), str(tmp_path / "new.txt"),
                               "--format", "json"], capture_output=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed})
        outputs.add(done.stdout)
    assert len(outputs) == 1


def test_a_new_program_is_named_without_its_count_or_verb_and_a_topic_is_no_old_program():
    old = _report(2023, "新建口袋公园8个。", "（一）加强湿地鸟类栖息地保护。")
    new = _report(2024, "新建口袋公园9个。", "（一）实施湿地鸟类栖息地保护重大工程。"
                  "（二）新建2个黄河滩区巡回诊疗服务中心。（三）建好滨江冷链物流集配平台。")
    status = _programs(old, new)
    assert status["黄河滩区巡回诊疗服务中心"] == "new" and status["滨江冷链物流集配平台"] == "new"
    # OLD names no such program, but its passage holds most of the name's words: on the hand checks nearly
    # every sure claim that close to OLD was an old effort renamed, so a reader is shown it as unsure.
    assert status["湿地鸟类栖息地保护重大工程"] == "possibly new"


def test_a_counted_class_of_things_is_no_sure_program():
    old = _report(2023, "新建口袋公园8个。", "（一）办好农民丰收节。")
    new = _report(2024, "新建口袋公园9个。", "（一）建设20个农机联合实验室。（二）新建12个乡镇巡回诊疗服务中心。"
                  "（三）建设“青禾”联合实验室。（四）打造一批茶园数字化示范项目。（五）建成3个岷江河谷茶叶检测中心。"
                  "（六）新增5个国家茶叶质量检验检测中心。（七）开展10个茶园绿色防控试点。（八）培育更多茶叶直播电商中心。")
    status = _programs(old, new)
    # Counted or gathered, a kind of facility named by its level and field, whatever its length, is a class
    # any township builds (blind hand checks of unseen text called such claims wrong), not a named program.
    assert status["农机联合实验室"] == "possibly new"
    assert status["乡镇巡回诊疗服务中心"] == "possibly new"
    assert status["茶园数字化示范项目"] == "possibly new"
    assert status["茶叶直播电商中心"] == "possibly new"
    # A place singles the counted ones out, a national designation is the program, a pilot's sites are its own.
    assert status["岷江河谷茶叶检测中心"] == "new"
    assert status["国家茶叶质量检验检测中心"] == "new"
    assert status["茶园绿色防控试点"] == "new"


def test_another_body_of_one_kind_is_new_and_a_field_word_stays_in_the_name():
    old = _report(2023, "新建口袋公园8个。", "（一）加快建设粤东滨海湾区量子科学中心。")
    new = _report(2024, "新建口袋公园9个。", "（一）筹建粤东滨海湾区国际临床中心。（二）设立合成生物专项。")
    status = _programs(old, new)
    assert status["粤东滨海湾区国际临床中心"] == "new"
    assert status["合成生物专项"] == "new"


def test_a_promise_whose_closest_passage_says_its_rare_words_is_not_sure_dropped():
    old = _report(2023, "新建口袋公园8个。",
                  "（一）推行高寒牧区护林员巡查补助、夜间值守津贴和轮岗培训制度。\n（二）建设滨江智慧物流园。")
    new = _report(2024, "高寒牧区护林员队伍稳定。", "（一）办好农民丰收节。")
    status = _commitments(old, new)
    assert next(s for t, s in status.items() if "护林员" in t) == "possibly dropped"
    assert next(s for t, s in status.items() if "物流园" in t) == "dropped"


def test_promises_under_the_topics_after_the_plan_heading_are_tracked():
    """二、今年工作总体部署 then 三、… 四、… by topic: the plan goes on under headings that name no kind."""
    def report(year: int, plan_topic: str) -> Document:
        text = (f"{year}年政府工作报告\n一、{year - 1}年工作回顾\n新建口袋公园8个。\n二、{year}年工作总体部署\n"
                f"今年经济增长的预期目标是6%左右。\n三、推动山海联动发展\n{plan_topic}")
        return Document(title=f"{year}年政府工作报告", published="", body=[p for p in text.split("\n") if p])
    old = report(2023, "启动青石河湿地修复工程。建设滨江智慧物流园。")
    new = report(2024, "启动青石河湿地修复工程。办好农民丰收节。")
    status = _commitments(old, new)
    absent = ("dropped", "possibly dropped")
    assert any("滨江智慧物流园" in text and got in absent for text, got in status.items())
    assert any("青石河湿地修复工程" in text and got not in absent for text, got in status.items())


def test_an_unclear_promise_whose_words_are_spread_over_new_is_possibly_dropped():
    """Some of its words somewhere in NEW, no passage saying it: listed under --all, never sure."""
    from policywatch.diffing.commitments import Commitment
    from policywatch.diffing.confidence import judge_commitments

    def unclear() -> Commitment:
        return Commitment("建设滨江智慧物流园。", "", "uncertain", "", 0.4, ["滨江", "智慧", "物流园", "滨江智慧"])
    spread = "滨江两岸绿道贯通。推进智慧城市建设。农产品冷链覆盖全部乡镇。"
    said = "滨江两岸绿道贯通。滨江智慧物流园二期开工，物流园入驻企业40家。"
    far, near = judge_commitments([unclear()], spread)[0], judge_commitments([unclear()], said)[0]
    assert far.status == "possibly dropped" and far.closest and far.closest_score < 0.25
    assert near.status == "uncertain"


def test_the_five_year_plan_old_announced_and_a_short_form_of_a_name_are_not_sure_new():
    old = _report(2025, "新建口袋公园8个。", "（一）高质量编制“十五五”规划。")
    new = _report(2026, "新建口袋公园9个。",
                  "（一）落实《某市国民经济和社会发展第十五个五年规划纲要（草案）》。"
                  "（二）《纲要草案》提出到2030年的目标。（三）启动青石河湿地修复工程。")
    programs = {p.name: p for p in compare(old, new).programs}
    plan = programs["《某市国民经济和社会发展第十五个五年规划纲要（草案）》"]
    assert plan.status == "possibly new" and "five-year plan" in plan.why
    assert programs["《纲要草案》"].status == "possibly new" and "short form" in programs["《纲要草案》"].why
    assert programs["青石河湿地修复工程"].status == "new"


def test_a_run_of_four_character_phrases_and_a_refused_word_are_slogans_not_sure_drops():
    old = _report(2023, "新建口袋公园8个。",
                  "（一）建设滨江智慧物流园。\n财政支出要统筹协调、量力而行、突出重点、注重实效。坚决杜绝“盆景工程”。"
                  "推进东湖隧道、西山大桥、南环大道等项目建设。")
    new = _report(2024, "新建口袋公园9个。", "（一）办好农民丰收节。")
    claims = compare(old, new).commitments
    slogans = [c for c in claims if "统筹协调" in c.text or "盆景工程" in c.text]
    assert len(slogans) == 2
    assert all(c.status == "possibly dropped" and "slogan" in c.why for c in slogans)
    assert any("滨江智慧物流园" in c.text and c.status == "dropped" for c in claims)
    assert any("东湖隧道" in c.text and c.status == "dropped" for c in claims)


def test_a_name_of_common_words_only_and_a_pilot_named_by_its_place_are_no_sure_programs():
    old = _report(2023, "新建口袋公园8个。", "（一）推进老旧小区改造。")
    new = _report(2024, "新建口袋公园9个，新开工6项重点建设工程。"
                  "在西北五省试点的基础上，林权抵押贷款范围又扩大了5个城市。", "（一）启动青石河湿地修复工程。")
    status = _programs(old, new)
    assert status.get("建设工程") in (None, "possibly new")
    assert status.get("西北五省试点") in (None, "possibly new")
    assert status["青石河湿地修复工程"] == "new"


def test_a_promise_whose_quoted_name_new_quotes_in_a_longer_or_shorter_form_is_not_sure_dropped():
    old = _report(2023, "新建口袋公园8个。", "（一）推进“林业贷款+一揽子保险产品”试点全覆盖。\n"
                  "（二）推动“四大走廊”联通南北。\n（三）建设滨江智慧物流园。")
    new = _report(2024, "“林业贷款+”改革全面推开，“四大沿海走廊”初步成型。", "（一）办好农民丰收节。")
    status = _commitments(old, new)
    assert next(s for t, s in status.items() if "林业贷款" in t) == "possibly dropped"
    assert next(s for t, s in status.items() if "四大走廊" in t) == "possibly dropped"
    assert next(s for t, s in status.items() if "物流园" in t) == "dropped"


def test_a_quality_raised_an_act_on_nothing_an_effect_and_a_nominal_verb_are_no_sure_drops():
    old = _report(2023, "新建口袋公园8个。",
                  "（一）建设滨江智慧物流园。\n提升山区茶园亩产效益。\n严禁挤占截留。\n"
                  "今年渡口票价降低可使船民节省支出3亿元。\n》的修订以第二次林木普查数据为依据。\n"
                  "打造一个办事便捷、服务周到、清廉高效的窗口。\n"
                  "推行林下种养的套作方式，对于增加山区收入具有长远意义。\n完善结算支付体系。")
    new = _report(2024, "新建口袋公园9个。", "（一）办好农民丰收节。")
    claims = compare(old, new).commitments
    for marker in ("茶园", "挤占", "渡口", "林木普查", "清廉高效", "套作"):
        claim = next(c for c in claims if marker in c.text)
        assert claim.status == "possibly dropped", (marker, claim.why)
    assert next(c for c in claims if "物流园" in c.text).status == "dropped"
    assert next(c for c in claims if "结算支付" in c.text).status == "dropped"


def test_a_promised_count_new_reports_as_a_result_is_not_sure_dropped():
    old = _report(2023, "新建口袋公园8个。",
                  "（一）力争年底在江北片区贯通慢行绿廊骑行驿站和沿线观景台超过30个。\n（二）建设山区民族中学40所。\n（三）建设滨江智慧物流园。")
    new = _report(2024, "山顶观景台41个，建成城区公办学校15所。", "（一）办好农民丰收节。")
    claims = compare(old, new).commitments
    reported = next(c for c in claims if "观景台" in c.text)
    assert reported.status == "possibly dropped" and "山顶观景台41个" in reported.why
    assert next(c for c in claims if "民族中学" in c.text).status == "dropped"
    assert next(c for c in claims if "物流园" in c.text).status == "dropped"


def test_a_count_of_one_kind_reported_under_an_abbreviation_by_the_same_act_is_not_sure_dropped():
    old = _report(2023, "新建口袋公园8个。",
                  "（一）在车站码头布局便携式心肺复苏辅助仪等救护器材80处以上。\n（二）建设滨江智慧物流园。")
    new = _report(2024, "布局CPR等应急救援器材300处。", "（一）办好农民丰收节。")
    claims = compare(old, new).commitments
    assert next(c for c in claims if "心肺复苏" in c.text).status == "possibly dropped"
    assert next(c for c in claims if "物流园" in c.text).status == "dropped"


def test_ways_of_doing_one_thing_and_a_new_way_are_slogans_not_sure_drops():
    old = _report(2023, "新建口袋公园8个。",
                  "（一）推行严谨办案、高效办案和公开办案。\n（二）探索山区康养产业新路径。\n"
                  "（三）建设东湖隧道、西湖隧道和南湖隧道。\n（四）建设滨江智慧物流园。")
    new = _report(2024, "新建口袋公园9个。", "（一）办好农民丰收节。")
    claims = compare(old, new).commitments
    for marker in ("办案", "新路径"):
        claim = next(c for c in claims if marker in c.text)
        assert claim.status == "possibly dropped" and "slogan" in claim.why, marker
    assert next(c for c in claims if "隧道" in c.text).status == "dropped"
    assert next(c for c in claims if "物流园" in c.text).status == "dropped"


def test_a_reports_notes_define_terms_and_promise_nothing():
    notes = ("名词解释\n1.“双清单”：对建设项目实行审批事项清单和收费事项清单管理，清单之外不得另设门槛。\n"
             "2.“三联动”：城区、园区、社区在招商、服务、治理上统一调度，每季度召开一次联席会议。")
    old = _report(2023, "新建口袋公园8个。",
                  "（一）建设滨江智慧物流园。\n（二）推行建设项目“双清单”管理。\n" + notes)
    new = _report(2024, "推行建设项目“双清单”管理，新建口袋公园9个。", "（一）办好农民丰收节。")
    status = _commitments(old, new)
    assert any("滨江智慧物流园" in text and got == "dropped" for text, got in status.items())
    assert not any("清单之外" in text or "联席会议" in text for text in status)
    entries = notes.split("\n", 1)[1]
    annexed = _report(2023, "新建口袋公园8个。", "（一）建设滨江智慧物流园。\n附件\n有关内容名词解释\n" + entries)
    assert not any("联席会议" in text for text in _commitments(annexed, new))
    then = _report(2023, "新建口袋公园8个。", "（一）建设滨江物流园。\n" + notes + "\n附件\n十件实事\n1.新建食堂。")
    assert notes_span(then.body) == (5, 8)  # an annex of another kind after the notes is the report's again
    kept = _report(2023, "新建口袋公园8个。", "（一）建设滨江物流园。\n（二）做好政策解释\n2.建立三方联席会议制度。")
    assert any("联席会议制度" in text for text in _commitments(kept, new))  # a numbered heading is no notes heading


def test_a_named_effort_ranks_above_a_body_of_a_kind_many_places_build():
    old = _report(2023, "新建口袋公园8个。", "（一）办好农民丰收节。")
    new = _report(2024, "新建口袋公园9个。", "（一）建设茶叶检测认证服务平台。（二）实施茶园生态提升行动。"
                  "（三）建设岷江河谷茶叶数据中心。")
    sure = [p.name for p in compare(old, new).programs if p.status == "new"]
    # The platform is a kind of facility any county may build: still new, but after the campaign the plan
    # launches and after a platform a place singles out.
    assert sure.index("茶园生态提升行动") < sure.index("茶叶检测认证服务平台")
    assert sure.index("岷江河谷茶叶数据中心") < sure.index("茶叶检测认证服务平台")
