"""Names called new that are no sure new programs, by kind, on invented text: an event, a work's title,
a tally of a kind, a piece of prose, a program of OLD under its owner or with a project of it, and an old
program renamed around its core words. A genuinely new program beside each stays sure."""
from __future__ import annotations

from reports import work_report as _report

from policywatch.diffing.compare import compare
from policywatch.diffing.newness import (
    body_renamed,
    kind_or_cut_item,
    listed_in_old,
    made_of_old_words,
    renamed_in,
    short_form_in_old,
)
from policywatch.snapshots import Document


def _status(old: Document, new: Document) -> dict[str, str]:
    return {p.name: p.status for p in compare(old, new).programs}


_OLD = _report(2023, "新建口袋公园8个。", "（一）推进老旧小区改造。")


def test_an_event_is_no_sure_new_program():
    new = _report(2024, "成功举办青岚山茶文化发展大会。", "（一）办好联合国某某保护政府间委员会第9届常会。"
                  "（二）启动青石河湿地修复工程。")
    status = _status(_OLD, new)
    assert status["青岚山茶文化发展大会"] == "possibly new"
    assert all(s != "new" for n, s in status.items() if "政府间委员会" in n)
    assert status["青石河湿地修复工程"] == "new"


def test_a_film_s_title_is_no_program_but_a_plan_s_is():
    new = _report(2024, "《远山的回声》《青石往事》等一批影视佳作获奖。",
                  "（一）印发《某市低空经济发展实施方案》。")
    status = _status(_OLD, new)
    assert status.get("《远山的回声》") in (None, "possibly new")
    assert status["《某市低空经济发展实施方案》"] == "new"


def test_a_tally_given_after_the_name_is_a_counted_class():
    new = _report(2024, "新增概念孵化中心和成果对接服务平台10家、知识运营中心2家。",
                  "（一）启动青石河湿地修复工程。")
    status = _status(_OLD, new)
    assert status.get("概念孵化中心") in (None, "possibly new")
    assert status.get("知识运营中心") in (None, "possibly new")
    assert status["青石河湿地修复工程"] == "new"


def test_prose_with_an_adverb_and_verb_an_amount_or_a_cut_duration_is_no_name():
    new = _report(2024, "发行专项债券资金85亿元支持项目建设。",
                  "（一）严格执行审批项目。（二）搞好联营改革试点。（三）推进园林强市建设三年行动计划综合改革试点。"
                  "（四）实施全面节约战略。")
    status = _status(_OLD, new)
    for name, got in status.items():
        if any(part in name for part in ("85亿元", "严格执行", "搞好", "三年行动计划综合")):
            assert got == "possibly new" or name.startswith("园林强市"), name
    assert status["全面节约战略"] == "new"


def test_an_old_program_under_its_owner_or_with_a_project_of_it_is_not_sure_new():
    old = _report(2023, "新建口袋公园8个。", "（一）争创国家农机医学中心。（二）支持青岚湾实验室建设发展。")
    new = _report(2024, "新建口袋公园9个。", "（一）推进某某大学国家农机医学中心建设。"
                  "（二）加快青岚湾实验室院区二期建设项目。（三）启动青石河湿地修复工程。")
    status = _status(old, new)
    assert status["某某大学国家农机医学中心"] == "possibly new"
    assert status["青岚湾实验室院区二期建设项目"] == "possibly new"
    assert status["青石河湿地修复工程"] == "new"


def test_an_old_program_renamed_around_its_core_words_is_not_sure_new():
    old = ["积极推进城镇药械流通体制改革试点。", "加快青岚山水库枢纽一期工程。", "推进城镇职工药械保险，扩大覆盖面。"]
    # the last core word (what the thing is) and most of the others, then the kind within one name
    assert renamed_in("城市药械流通卫生体制改革试点", old) == old[0]
    assert renamed_in("青岚山工程", old) == old[1]
    # 居民 for 职工 changes what it is for, and no passage names a pilot after 药械: a new one
    assert renamed_in("城镇居民药械补贴试点", old) == ""
    # a verb last (振兴, 提升) says nothing of what the thing is
    assert renamed_in("青岚种业振兴行动", ["实施乡村全面振兴行动。"]) == ""
    new = _report(2024, "新建口袋公园9个。", "（一）建成青岚山工程。（二）开展城镇居民药械补贴试点。")
    status = _status(_report(2023, "新建口袋公园8个。", "（一）" + old[1]), new)
    assert status["青岚山工程"] == "possibly new"
    assert status["城镇居民药械补贴试点"] == "new"


def test_a_class_a_clause_of_a_verb_and_a_name_cut_from_its_count_are_no_sure_programs():
    new = _report(2024, "完成4个乡林地流转试点任务。", "（一）支持服务类孵化项目。（二）启动青石河湿地修复工程。"
                  "（三）引进青年英才，升级线上英才综合服务平台，厚植创新生态。")
    status = _status(_OLD, new)
    assert all(s != "new" for n, s in status.items() if "孵化项目" in n or "林地流转试点" in n)
    assert all(s != "new" for n, s in status.items() if "英才综合服务平台" in n)
    assert status["青石河湿地修复工程"] == "new"


def test_a_plan_of_a_new_period_or_the_document_of_an_old_pilot_is_not_sure_new():
    old = _report(2023, "新建口袋公园8个。", "（一）明确产业创新规划目标。（二）推动药械评价试点工作按进度开展。")
    new = _report(2024, "新建口袋公园9个。", "（一）完成“十四五”产业创新规划任务。"
                  "（二）印发《某市关于开展药械评价改革试点的实施方案》。（三）印发《某市湿地保护实施方案》。")
    status = _status(old, new)
    assert status["十四五产业创新规划"] == "possibly new"
    assert status["《某市关于开展药械评价改革试点的实施方案》"] == "possibly new"
    assert status["《某市湿地保护实施方案》"] == "new"


def test_an_item_of_a_list_of_kinds_is_no_sure_program():
    new = _report(2024, "新建口袋公园9个。", "（一）加快培育国家技术创新中心、乡村茶旅工程化中心、果蔬冷链创新中心。"
                  "（二）建设青石河湿地修复中心、岚山古道保护中心、云溪茶园研学中心。")
    status = _status(_OLD, new)
    assert status["乡村茶旅工程化中心"] == "possibly new" and status["果蔬冷链创新中心"] == "possibly new"
    assert status["岚山古道保护中心"] == "new"


def test_the_kind_after_deng_a_cut_doubled_verb_and_half_a_coordinated_name_are_no_sure_programs():
    new = _report(2024, "新建口袋公园9个。", "（一）加快青岚船厂、云溪码头等船舶修造项目建设。"
                  "（二）做优做强青岚茶旅工程。（三）深入实施茶园土壤修复和茶树良种繁育工程，促进增收。"
                  "（四）启动青石河湿地修复工程。")
    status = _status(_OLD, new)
    assert status.get("船舶修造项目") in (None, "possibly new")
    assert all(s != "new" for n, s in status.items() if "青岚茶旅工程" in n)
    assert all(s != "new" for n, s in status.items() if "良种繁育工程" in n)
    assert status.get("茶园土壤修复和茶树良种繁育工程") == "possibly new"  # shown whole under --all
    assert status["青石河湿地修复工程"] == "new"
    # no launching verb to open the whole name in its clause: the second half alone is cut
    assert kind_or_cut_item("林下药材培育项目", "推进茶旅提升、山林巡护和林下药材培育项目。")
    assert not kind_or_cut_item("林下药材培育项目", "推进茶旅提升工程和林下药材培育项目。")


def test_an_approximate_count_before_a_level_and_a_kind_is_a_counted_class():
    new = _report(2024, "新建口袋公园9个。", "（一）布局建设3家左右青岚种业验证中心、8家左右省级种业中试平台。"
                  "（二）启动青石河湿地修复工程。")
    status = _status(_OLD, new)
    assert all(s != "new" for n, s in status.items() if n.endswith("种业中试平台"))
    assert all(not n.startswith("左右") for n in status)
    assert status["青石河湿地修复工程"] == "new"


def test_the_last_item_of_a_list_kept_with_the_list_s_count_is_cut_unless_the_list_is_named_whole():
    new = _report(2024, "新建口袋公园9个。", "（一）推进青岚山海上风电、白沙滩涂光伏、储能三大千万千瓦级能源基地建设，"
                  "新增装机100万千瓦。（二）启动青石河湿地修复工程。（三）推进青岚风电、白沙光伏、储能三大千瓦级"
                  "电源基地建设。")
    status = _status(_OLD, new)
    assert status["储能三大千万千瓦级能源基地"] == "possibly new"
    assert status["青岚风电、白沙光伏、储能三大千瓦级电源基地"] == "new"
    assert status["青石河湿地修复工程"] == "new"


def test_an_old_program_with_its_aim_reworded_is_not_sure_new():
    old = _report(2023, "新建口袋公园8个。", "（一）开展青岚茶叶产业链提升行动。")
    new = _report(2024, "新建口袋公园9个。", "（一）实施新一轮青岚茶叶产业链高质量发展行动。"
                  "（二）开展青岚竹编品牌振兴行动。")
    status = _status(old, new)
    assert status["青岚茶叶产业链高质量发展行动"] == "possibly new"
    assert status["青岚竹编品牌振兴行动"] == "new"


def test_an_old_program_with_its_aim_said_as_a_step_up_is_not_sure_new():
    old = _report(2023, "新建口袋公园8个。", "（一）深入实施茶园改良专项行动，推广良种良法，建设标准茶园，"
                  "提高茶叶单产和品质，带动茶农增收致富。（二）茶园改良成效明显。（三）茶园改良面积扩大。")
    new = _report(2024, "新建口袋公园9个。", "（一）实施茶园改良上水平行动，推动茶叶产量质量双提升。"
                  "（二）开展青岚竹编品牌振兴行动。")
    status = _status(old, new)
    assert status["茶园改良上水平行动"] == "possibly new"
    assert status["青岚竹编品牌振兴行动"] == "new"


def test_bodies_of_two_levels_are_a_class_not_a_name():
    new = _report(2024, "新建口袋公园9个。", "（一）加快推进国家级省级茶叶检测中心和计量中心建设。"
                  "（二）启动青石河湿地修复工程。")
    status = _status(_OLD, new)
    assert status["国家级省级茶叶检测中心"] == "possibly new"
    assert status["青石河湿地修复工程"] == "new"


def test_the_kind_of_things_listed_before_等_and_their_size_is_no_name():
    new = _report(2024, "新建口袋公园9个。", "（一）推进茶叶、竹木、油料等百亿特色作物提质工程。"
                  "（二）启动青石河湿地修复工程。")
    status = _status(_OLD, new)
    assert all(s != "new" for n, s in status.items() if n.endswith("特色作物提质工程"))
    assert status["青石河湿地修复工程"] == "new"


def test_a_new_version_of_a_program_is_not_sure_new():
    new = _report(2024, "新建口袋公园9个。", "（一）实施青岚茶企提质增效三年行动2.0版。"
                  "（二）启动青石河湿地修复工程。")
    status = _status(_OLD, new)
    assert all(s != "new" for n, s in status.items() if n.endswith("三年行动"))
    assert any(n.endswith("三年行动") for n in status)
    assert status["青石河湿地修复工程"] == "new"


def test_a_project_old_described_by_the_work_done_on_it_is_not_sure_new():
    old = _report(2023, "新建口袋公园8个。", "（一）全力支持青岚山古窑址申遗。")
    new = _report(2024, "新建口袋公园9个。", "（一）做好“青岚山古窑群遗存”项目申遗工作。"
                  "（二）推进“白沙河古渡遗存”项目保护展示。")
    status = _status(old, new)
    assert all(s != "new" for n, s in status.items() if n.startswith("青岚山"))
    assert any(s == "new" for n, s in status.items() if n.startswith("白沙河"))


def test_campaigns_old_counts_in_a_numbered_shorthand_are_not_sure_new():
    old = _report(2023, "新建口袋公园8个。", "（一）深化“两场攻坚”，转变机关风气。")
    new = _report(2024, "新建口袋公园9个。", "（一）扎实开展服务攻坚质量攻坚提升行动。"
                  "（二）开展青岚竹编品牌振兴行动。")
    status = _status(old, new)
    assert status["服务攻坚质量攻坚提升行动"] == "possibly new"
    assert status["青岚竹编品牌振兴行动"] == "new"


def test_a_first_issuance_in_the_review_is_an_event_not_a_program():
    new = _report(2024, "首单青岚港基础设施产业基金成功发行。", "（一）启动青石河湿地修复工程。")
    status = _status(_OLD, new)
    assert all(s != "new" for n, s in status.items() if "产业基金" in n)
    assert any("产业基金" in n for n in status)
    assert status["青石河湿地修复工程"] == "new"


def test_a_name_is_shown_without_the_adverb_or_the_verb_and_its_result_that_open_its_clause():
    new = _report(2024, "新建口袋公园9个。", "（一）全额拨付茶园生态修复补偿基金，确保资金专用。"
                  "（二）做强茶农技能培训服务平台，打造一批服务站。（三）启动青石河湿地修复工程。")
    status = _status(_OLD, new)
    assert status["茶园生态修复补偿基金"] == "new"
    assert status["茶农技能培训服务平台"] == "new"
    assert not any(n.startswith(("全额", "拨付", "做强")) for n in status)


def test_a_strategic_role_of_a_place_is_no_program():
    new = _report(2024, "新建口袋公园9个。", "（一）建设国家重要茶叶竹木供给基地、青岚山生态安全战略基地。"
                  "（二）打造全国重要茶叶交易中心。（三）建设青岚茶叶交易基地。（四）建设全国冷链仓储重要基地。")
    status = _status(_OLD, new)
    assert status.get("国家重要茶叶竹木供给基地") == "possibly new"
    assert status.get("全国冷链仓储重要基地") in (None, "possibly new")
    assert all(s != "new" for n, s in status.items() if n.endswith("战略基地") or "重要茶叶交易中心" in n)
    assert status["青岚茶叶交易基地"] == "new"


def test_an_old_place_under_another_kind_of_body_is_not_sure_new():
    old = _report(2023, "新建口袋公园8个。", "（一）创建省级生态茶业示范园区10个。")
    new = _report(2024, "新建口袋公园9个。", "（一）深入实施生态茶业示范基地建设工程。"
                  "（二）建设青岚竹编产业示范基地。")
    status = _status(old, new)
    assert all(s != "new" for n, s in status.items() if n.startswith("生态茶业示范基地"))
    assert status["青岚竹编产业示范基地"] == "new"


def test_a_name_cut_at_its_project_s_capacity_is_no_sure_program():
    new = _report(2024, "新建口袋公园9个。", "（一）释放青岚化工80万吨丙烯转型升级项目新装置产能。"
                  "（二）启动青石河湿地修复工程。")
    status = _status(_OLD, new)
    assert all(s != "new" for n, s in status.items() if n.endswith("丙烯转型升级项目"))
    assert status["青石河湿地修复工程"] == "new"


def test_a_program_old_names_by_its_abbreviation_is_not_sure_new():
    old = _report(2023, "新建口袋公园8个。", "（一）稳妥推进三轮延包试点、茶园流转。")
    new = _report(2024, "新建口袋公园9个。", "（一）推进第三轮林地承包到期后再延长二十年整县试点。"
                  "（二）开展第二批茶园土壤改良整乡试点。")
    status = _status(old, new)
    assert status["第三轮林地承包到期后再延长二十年整县试点"] == "possibly new"
    assert status["茶园土壤改良整乡试点"] == "new"


def test_bodies_acting_together_are_a_clause_not_a_program():
    new = _report(2024, "新建口袋公园9个。", "（一）推动茶叶部门、高校院所、农技部门共同谋划茶旅示范项目。"
                  "（二）启动青石河湿地修复工程。")
    status = _status(_OLD, new)
    assert all(s != "new" for n, s in status.items() if n.endswith("茶旅示范项目"))
    assert status["青石河湿地修复工程"] == "new"


def test_a_campaign_on_a_class_of_things_is_a_program_but_a_class_of_projects_is_not():
    new = _report(2024, "新建口袋公园9个。", "（一）推进山区违规搭建棚舍类用房清理行动。"
                  "（二）实施农业类科普项目。")
    status = _status(_OLD, new)
    assert status["山区违规搭建棚舍类用房清理行动"] == "new"
    assert all(s != "new" for n, s in status.items() if "科普项目" in n)


def test_a_name_joined_of_parts_old_holds_each_of_is_not_sure_new():
    old = _report(2023, "新建口袋公园8个。", "（一）全面推进秀美青岚建设。（二）秀美青岚生机勃发。"
                  "（三）建设秀美青岚先行区。（四）秀美青岚是最普惠的福祉。（五）开展绿色低碳节水护水共建行动，倡导简约生活。")
    new = _report(2024, "新建口袋公园9个。", "（一）开展“秀美青岚·共建行动”，倡导低碳出行方式。"
                  "（二）开展“茶香青岚·万户行动”。")
    status = _status(old, new)
    assert status["秀美青岚·共建行动"] == "possibly new"
    assert status["茶香青岚·万户行动"] == "new"


def test_a_name_that_shares_its_kind_with_a_field_before_and_is_cut_but_one_of_its_own_scope_is_not():
    new = _report(2024, "新建口袋公园9个。", "（一）支持东岭、西岭打造高山茶叶及竹木精深加工基地。"
                  "（二）开放茶史馆、纪念馆和全国茶文化教育示范基地。（三）启动青石河湿地修复工程。")
    status = _status(_OLD, new)
    assert all(s != "new" for n, s in status.items() if n.endswith("竹木精深加工基地"))
    assert status["全国茶文化教育示范基地"] == "new"
    assert status["青石河湿地修复工程"] == "new"


def test_things_that_break_a_rule_are_no_program_but_an_effort_against_them_is():
    new = _report(2024, "新建口袋公园9个。", "（一）违规占用茶园建设项目要坚决停建。"
                  "（二）开展违规采挖野生茶树整治行动。（三）启动青石河湿地修复工程。")
    status = _status(_OLD, new)
    assert all(s != "new" for n, s in status.items() if n.endswith("茶园建设项目"))
    assert status["违规采挖野生茶树整治行动"] == "new"
    assert status["青石河湿地修复工程"] == "new"


def test_the_lines_of_a_package_named_by_their_fields_and_a_funded_class_of_projects_are_no_programs():
    new = _report(2024, "新建口袋公园9个。", "（一）安排6亿元实施教育暖民工程，改善乡村学校条件。"
                  "（二）安排9亿元实施医疗暖民工程，支持土壤改良项目。（三）安排4亿元实施养老暖民工程。"
                  "（四）启动青石河湿地修复工程。")
    status = _status(_OLD, new)
    for name in ("教育暖民工程", "医疗暖民工程", "养老暖民工程", "土壤改良项目"):
        assert status.get(name) in (None, "possibly new"), name
    assert status["青石河湿地修复工程"] == "new"


def test_a_body_singled_out_by_its_level_only_is_no_name():
    new = _report(2024, "新建口袋公园9个。", "（一）加快建设高能级重大科研平台。（二）建设岚山茶叶检测平台。")
    status = _status(_OLD, new)
    assert status.get("高能级重大科研平台") in (None, "possibly new")
    assert status["岚山茶叶检测平台"] == "new"


def test_a_program_old_names_in_a_shorter_form_or_among_others_of_its_kind_is_not_sure_new():
    old = _report(2023, "新建口袋公园8个。", "（一）发挥青岚自创区引领作用。（二）“翠屏”林带营造任务全面完成。"
                  "（三）力争创设白沙湾等国家实验室基地。")
    new = _report(2024, "新建口袋公园9个。", "（一）青岚国家自主创新示范区落地成果80项。"
                  "（二）白沙湾国家实验室茶叶实验基地启动运行。（三）推进“翠屏”四期工程建设。"
                  "（四）建设云溪国家自主创新示范区。")
    status = _status(old, new)
    for name in ("青岚国家自主创新示范区", "翠屏四期工程"):
        assert status[name] == "possibly new", name
    assert status["云溪国家自主创新示范区"] == "new"
    # a grouping word dropped is the same name; a form of first characters only may be another word
    assert short_form_in_old("白鹭系列实验室", "支持白鹭实验室建设")
    assert short_form_in_old("县域新型城市群试点", "推进县城试点") == ""
    # one of a kind OLD lists after the name's first word (甲等…基地), not a thing of another kind there
    assert listed_in_old("白沙湾国家实验室茶叶实验基地", "力争创设白沙湾等国家实验室基地")
    assert listed_in_old("白沙湾茶叶实验基地", "建设白沙湾码头等物流基地") == ""


def test_old_s_forms_of_a_name_are_found_past_a_first_mention_that_is_not_one():
    # 等 then a stop (白沙湾等，…), or no kind within ten characters: the next 白沙湾等 is read
    old = "白沙湾等，多地推进。白沙湾等地持续推进茶园建设和加工厂房改造，白沙湾等国家实验室基地落地"
    assert listed_in_old("白沙湾国家实验室茶叶实验基地", old) == \
        "OLD names it among others of its kind: 白沙湾等国家实验室基地"
    # the shortest form OLD holds, though OLD holds the start of longer ones (青岚自 of 青岚自主…)
    old = "推动青岚自主品牌出海。建设青岚自创区"
    assert short_form_in_old("青岚国家自主创新示范区", old) == "OLD names it in a shorter form: 青岚自创区"
    old = "支持青岚茶业示范中心扩容，青岚茶业示范园区新增企业10家"
    assert body_renamed("青岚茶业示范基地", old) == "OLD names it under another kind: 青岚茶业示范中心"


def test_a_name_cut_before_its_zone_or_led_by_a_list_s_last_place_is_shown_as_its_own():
    new = _report(2024, "新建口袋公园9个。", "（一）有序推进青岚合作项目产业园、云溪茶旅对外合作示范基地建设。"
                  "（二）推进东岭、西岭、南岭、北岭泛铜件精密加工基地建设。")
    status = _status(_OLD, new)
    assert status.get("青岚合作项目") in (None, "possibly new")
    assert status["云溪茶旅对外合作示范基地"] == "new"
    assert status["泛铜件精密加工基地"] == "new" and "北岭泛铜件精密加工基地" not in status


def test_a_designated_lab_whose_closest_old_passage_shares_only_the_designation_is_sure_new():
    old = _report(2023, "新建口袋公园8个。", "（一）继续支持能源、材料等方向全国重点实验室建设。")
    new = _report(2024, "新建口袋公园9个。", "（一）创新载体提速建设，深层地热全国重点实验室助力地热开发。")
    status = _status(old, new)
    assert status["深层地热全国重点实验室"] == "new"


def test_an_old_campaign_on_the_same_thing_under_a_reworded_head_of_its_field_is_not_sure_new():
    old = _report(2023, "新建口袋公园8个。", "（一）深入实施茶树良种、果园品质提升行动。")
    new = _report(2024, "新建口袋公园9个。", "（一）开展果蔬作物全域品质提升行动。（二）开展民宿服务品质提升行动。")
    status = _status(old, new)
    assert status["果蔬作物全域品质提升行动"] == "possibly new"
    assert status["民宿服务品质提升行动"] == "new"


def test_a_system_of_works_is_no_program_and_a_bracketed_place_opens_the_name_after_it():
    new = _report(2024, "新建口袋公园9个。", "（一）完善山洪监测体系、山洪防御工程体系。"
                  "（二）深入实施茶货出海行动，建好东部（岚城）茶叶物流基地。")
    status = _status(_OLD, new)
    assert status.get("山洪防御工程") in (None, "possibly new")
    assert status["东部（岚城）茶叶物流基地"] == "new" and "茶叶物流基地" not in status


def test_a_name_cut_from_the_system_it_goes_into_is_no_sure_program():
    new = _report(2024, "新建口袋公园9个。", "（一）构建高能级茶旅创新平台矩阵。"
                  "（二）打造向西开放门户和茶马古道合作中心枢纽。（三）建设茶马古道数字博物馆服务平台。")
    status = _status(_OLD, new)
    assert status.get("高能级茶旅创新平台") in (None, "possibly new")
    assert all(s != "new" for n, s in status.items() if n.endswith("合作中心"))
    assert status["茶马古道数字博物馆服务平台"] == "new"


def test_a_name_its_list_item_goes_on_after_with_a_noun_is_cut():
    new = _report(2024, "新建口袋公园9个。", "（一）统筹青石河两岸产业发展规划布局、用地保障、人才政策。"
                  "（二）建设茶叶仓储中心、竹编产业园。")
    status = _status(_OLD, new)
    assert all(s != "new" for n, s in status.items() if n.endswith("产业发展规划"))
    assert status["茶叶仓储中心"] == "new"


def test_a_facility_named_by_a_shared_level_is_a_class_and_a_name_going_on_into_an_effort_s_is_the_effort():
    new = _report(2024, "新建口袋公园9个。", "（一）推动县级茶叶初制加工服务中心全覆盖。"
                  "（二）建好县域冷链物流集配平台。（三）实施县域茶旅融合提升行动。"
                  "（四）加快茶企数字服务平台提升工程建设。（五）建设滨江冷链物流集配平台。")
    status = _status(_OLD, new)
    # One in every county: a class of facilities, not a named program; an effort of that level is one program.
    assert status["县级茶叶初制加工服务中心"] == "possibly new"
    assert status["县域冷链物流集配平台"] == "possibly new"
    assert status["县域茶旅融合提升行动"] == "new"
    # The platform is what the named effort works on: the effort is the program, named whole.
    assert status["茶企数字服务平台提升工程"] == "new" and "茶企数字服务平台" not in status
    assert status["滨江冷链物流集配平台"] == "new"


def test_a_verb_of_the_clause_before_a_scope_word_cuts_the_name():
    new = _report(2024, "新建口袋公园9个。", "（一）建设运行国家茶叶超算岚城中心、省茶叶数据平台等新型基础设施。"
                  "（二）积极融入全国茶叶数据中心协同体系。（三）推进茶叶方向国家数据标注基地建设。")
    status = _status(_OLD, new)
    assert status["运行国家茶叶超算岚城中心"] == "possibly new"
    assert all(s != "new" for n, s in status.items() if n.startswith("融入"))
    # A field before the scope word names the base, no verb cut from the clause.
    assert status["茶叶方向国家数据标注基地"] == "new"


def test_a_thing_the_report_removes_and_a_level_with_common_words_are_no_programs():
    new = _report(2024, "新建口袋公园9个。", "（一）推动地方茶企融资平台有序出清。"
                  "（二）稳妥出清只有单一功能的茶企担保平台。（三）用好管好国家级创新平台。（四）建设茶叶检测认证平台。")
    status = _status(_OLD, new)
    assert status["地方茶企融资平台"] == "possibly new"
    assert status["茶企担保平台"] == "possibly new"
    assert status["国家级创新平台"] == "possibly new"
    assert status["茶叶检测认证平台"] == "new"


def test_a_solution_on_offer_is_no_plan():
    new = _report(2024, "新建口袋公园9个。", "（一）为茶企提供竹编工艺定制解决方案。"
                  "（二）制定青石河湿地修复方案。")
    status = _status(_OLD, new)
    assert all(s != "new" for n, s in status.items() if n.endswith("解决方案"))
    assert status["青石河湿地修复方案"] == "new"


def test_short_bare_items_before_a_name_share_it_and_a_place_of_its_own_keeps_apart():
    new = _report(2024, "新建口袋公园9个。", "（一）实施青岭谷地、白石盆地水土保持提质行动。"
                  "（二）推进白沙新区、青石湾湿地修复工程。")
    status = _status(_OLD, new)
    assert status.get("青岭谷地、白石盆地水土保持提质行动") == "new"
    assert "白石盆地水土保持提质行动" not in status
    assert status.get("青石湾湿地修复工程") == "new"


def test_a_facility_each_member_of_a_class_builds_is_a_class():
    new = _report(2024, "新建口袋公园9个。", "（一）新建茶园全部配套“节水滴灌”、茶渣堆肥处理中心。"
                  "（二）支持各县新建竹编展示平台。（三）建设青岚山茶叶检测中心。")
    status = _status(_OLD, new)
    assert status["茶渣堆肥处理中心"] == "possibly new"
    assert status["竹编展示平台"] == "possibly new"
    assert status["青岚山茶叶检测中心"] == "new"


def test_a_verb_of_achievement_inside_a_name_is_a_clause_of_fact():
    new = _report(2024, "一批竹编成果应用于白沙湾湿地修复工程。", "（一）启动青石河湿地修复工程。")
    status = _status(_OLD, new)
    assert status["竹编成果应用于白沙湾湿地修复工程"] == "possibly new"
    assert status["青石河湿地修复工程"] == "new"


def test_a_name_right_after_a_quote_takes_the_quote_as_its_first_part():
    new = _report(2024, "新建口袋公园9个。", "（一）推进“白沙”二期湿地修复工程。")
    status = _status(_OLD, new)
    assert status.get("“白沙”二期湿地修复工程") == "new"
    assert "二期湿地修复工程" not in status


def test_a_body_or_mechanism_made_of_words_old_uses_ranks_below_one_of_new_words():
    old = _report(2023, "新建口袋公园8个。", "（一）扩大茶园面积。（二）加强社区服务。"
                  "（三）完善长效机制，强化兜底保障。")
    new = _report(2024, "新建口袋公园9个。", "（一）建立茶园服务长效保障机制。（二）建立竹编服务长效保障机制。")
    sure = {p.name: p.salience for p in compare(old, new).programs if p.status == "new"}
    assert sure["竹编服务长效保障机制"] - sure["茶园服务长效保障机制"] > 1.0
    assert made_of_old_words("茶园服务中心", "保持茶园服务稳定")
    assert not made_of_old_words("青岚山竹编展示中心", "青岚山竹编展示")  # a place of its own
    assert not made_of_old_words("茶园服务提升行动", "茶园服务提升")  # an effort, not a body


def test_a_tally_after_a_bracketed_other_name_counts_both():
    new = _report(2024, "新增茶农互助委员会（竹编合作委员会）12个。", "（一）启动青石河湿地修复工程。")
    status = _status(_OLD, new)
    assert status.get("茶农互助委员会") in (None, "possibly new")
    assert status.get("竹编合作委员会") in (None, "possibly new")
    assert status["青石河湿地修复工程"] == "new"


def test_a_plan_of_action_old_names_as_the_action_without_its_framing_word():
    old = _report(2023, "新建口袋公园8个。", "（一）全面启动竹编产业三年行动，推进老旧小区改造。")
    new = _report(2024, "新建口袋公园9个。", "（一）深入实施竹编产业战略三年行动计划。（二）启动青石河湿地修复工程。")
    status = _status(old, new)
    assert status["竹编产业战略三年行动计划"] == "possibly new"
    assert status["青石河湿地修复工程"] == "new"
    assert short_form_in_old("竹编产业战略三年行动计划", "全面启动竹编产业三年行动")
