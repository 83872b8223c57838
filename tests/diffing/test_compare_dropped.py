"""Promises no longer mentioned, on invented text: what is read as a promise (the plan, never the
review; a clause with an action and a specific object) and what makes a drop unsure."""
from __future__ import annotations

from policywatch.diffing.commitments import Commitment
from policywatch.diffing.compare import compare
from policywatch.diffing.confidence import judge_commitments
from policywatch.snapshots import Document


def _document(text: str) -> Document:
    lines = [p for p in text.split("\n") if p.strip()]
    return Document(title=lines[0], published="", body=lines)


def _plan_report(year: int, plan: str) -> Document:
    return _document(f"{year}年政府工作报告\n一、{year - 1}年工作回顾\n新建口袋公园8个。\n二、{year}年工作安排\n{plan}")


def _plan_claims(old_plan: str, new_plan: str = "办好农民丰收节。") -> list[Commitment]:
    """Last year's plan against a new plan that keeps none of it (unless new_plan is given)."""
    return compare(_plan_report(2024, old_plan), _plan_report(2025, new_plan)).commitments


def _claim(claims: list[Commitment], marker: str) -> Commitment:
    return next(c for c in claims if marker in c.text)


def _assert_unsure(claims: list[Commitment], marker: str, reason: str) -> None:
    claim = _claim(claims, marker)
    assert claim.status == "possibly dropped" and reason in claim.why, (marker, claim.status, claim.why)


def _assert_sure(claims: list[Commitment], marker: str) -> None:
    claim = _claim(claims, marker)
    assert claim.status == "dropped", (marker, claim.status, claim.why)


def test_a_review_whose_heading_names_no_year_is_no_plan_when_the_parts_after_it_name_no_kind():
    """一、…成绩显著 (the year's results) then 二、…再立新功 (the plan under a motto): only part 二 promises."""
    old = _document("2023年政府工作报告\n一、砥砺奋进，山海新城建设成绩显著\n建成滨江智慧物流园，设立青石河基金。\n"
                    "二、勇毅前行，在新征程上再立新功\n启动东湖湿地修复工程。\n")
    new = _document("2024年政府工作报告\n一、砥砺奋进，山海新城建设成绩喜人\n新建口袋公园9个。\n"
                    "二、勇毅前行，在新征程上再创佳绩\n办好农民丰收节。\n")
    claims = compare(old, new).commitments
    assert not any("物流园" in c.text or "青石河" in c.text for c in claims)
    _assert_sure(claims, "湿地修复")


def test_a_numbered_slogan_refused_and_a_lead_in_counting_aspects_are_no_sure_drops():
    """坚决杜绝“三个不准” counts no thing (the number is the slogan's); …抓好四个方面 announces what follows."""
    claims = _plan_claims("坚决杜绝“三个不准”，守好“两条底线”。\n"
                          "围绕上述部署，今年重点抓好四个方面。\n建设滨江智慧物流园。")
    for marker in ("三个不准", "四个方面"):
        claim = next(c for c in claims if marker in c.text)
        assert claim.status == "possibly dropped", (marker, claim.status)
    _assert_sure(claims, "物流园")


def test_a_target_whose_metric_new_gives_a_figure_for_is_not_sure_dropped():
    """…吞吐量800万吨以上 set, NEW's 全港吞吐量760万吨 reported: the targets judge it; a figure for another
    metric (樱桃产量) says nothing of a promise on 茶叶."""
    old = _plan_report(2024, "加快建设北湾集装箱码头，港口吞吐量达到800万吨以上。\n"
                             "扩大茶叶出口，茶叶出口额增长8%。\n建设滨江智慧物流园。")
    new = _plan_report(2025, "全港吞吐量760万吨，樱桃产量增长12%。")
    claims = compare(old, new).commitments
    _assert_unsure(claims, "吞吐量", "吞吐量760万吨")
    _assert_sure(claims, "茶叶")
    _assert_sure(claims, "物流园")


def test_a_quote_used_as_a_manner_is_a_slogan_not_a_name():
    """以“千日磨一刀”的韧劲 (a saying) and “两山”互促、“三链”协同 (quoted words and how they relate) name no
    thing; a quoted name of a kind (“四季山歌”活动) does."""
    claims = _plan_claims("鼓励工匠以“千日磨一刀”的韧劲钻研技艺。\n"
                          "推动“两山”互促、“三链”协同，擦亮山城底色。\n开展“四季山歌”活动。")
    for marker in ("千日磨一刀", "两山"):
        _assert_unsure(claims, marker, "slogan")
    _assert_sure(claims, "四季山歌")


def test_a_promise_of_several_counts_one_of_which_new_reports_is_not_sure_dropped():
    """新增乡村候车亭60个…建成12个社区养老驿站: NEW's 建成社区养老驿站30个 reports the second count."""
    old = _plan_report(2024, "新增乡村候车亭60个，改造老旧码头4座，建成12个社区养老驿站。\n建设滨江智慧物流园。")
    new = _plan_report(2025, "建成社区养老驿站30个，办好农民丰收节。")
    claims = compare(old, new).commitments
    _assert_unsure(claims, "候车亭", "养老驿站30个")
    _assert_sure(claims, "物流园")


def test_the_guiding_thought_paragraph_and_the_closing_call_are_no_sure_drops():
    """以…思想为指导，… (the plan's general requirements: aims, said in slogans) and 让我们… (the report's call
    to its audience) set no task; a later paragraph guided by a field's thought (以…强军思想为指导) holds tasks."""
    claims = _plan_claims("今年工作的总体要求是：以新时代青石发展思想为指导，加快建设滨海开放枢纽。\n"
                          "建设滨江智慧物流园。\n"
                          "坚持以青石强军思想为指导，建设东湖民兵训练基地。\n"
                          "各位代表！让我们团结一心，加快建设青石山海新城！")
    for marker in ("滨海开放", "山海新城"):
        claim = next(c for c in claims if marker in c.text)
        assert claim.status == "possibly dropped", (marker, claim.status)
    for marker in ("物流园", "民兵训练基地"):
        _assert_sure(claims, marker)


def test_a_formula_of_conduct_is_no_sure_drop():
    """保持…的作风 and 反对…主义 say how officials work or think, with no object; a promise on a thing with a
    conduct word before it (…作风建设示范点20个, a count) stays a promise."""
    claims = _plan_claims("继续保持勤俭朴实的作风。\n坚决反对空谈浮夸主义。\n"
                          "建成机关作风建设示范点20个。\n建设滨江智慧物流园。")
    for marker in ("勤俭朴实", "空谈浮夸"):
        claim = next(c for c in claims if marker in c.text)
        assert claim.status == "possibly dropped", (marker, claim.status)
    for marker in ("示范点", "物流园"):
        _assert_sure(claims, marker)


def test_an_effort_new_names_under_another_kind_count_or_wording_is_not_sure_dropped():
    """开展青禾行动 / NEW's “青禾工程”, 百项古桥修缮工程 / 千项古桥修缮工程, 河湖水质持续改善行动 / 新一轮河湖水质
    持续提升行动: the same effort named again; an effort NEW does not name (雁栖行动) stays dropped, and a name of
    common words only (建设规划) finds nothing."""
    old = _plan_report(2024, "支持乡镇与龙头企业开展青禾行动。\n实施百项古桥修缮工程。\n"
                             "深入实施河湖水质持续改善行动。\n"
                             "开展雁栖行动。\n认真实施全省滨海保护和建设规划。")
    new = _plan_report(2025, "做大做实“青禾工程”。实施千项古桥修缮工程。实施新一轮河湖水质持续提升行动。"
                             "启动老街区建设工程。")
    claims = compare(old, new).commitments
    for marker in ("青禾", "古桥", "河湖水质"):
        _assert_unsure(claims, marker, "same effort")
    _assert_sure(claims, "雁栖")
    _assert_sure(claims, "滨海保护")


def test_a_counted_task_new_reports_done_without_a_count_is_not_sure_dropped():
    """…改造渔港码头12座 promised, NEW's 完成城镇渔港码头改造年度任务 (done, no count); a count whose thing NEW
    does not name (…候车亭) stays dropped, whatever else NEW completed."""
    old = _plan_report(2024, "建立堤防安全巡查制度，新开工改造渔港码头12座。\n新增乡村候车亭60个。")
    new = _plan_report(2025, "完成城镇渔港码头改造年度任务。建成农民丰收节展馆。")
    claims = compare(old, new).commitments
    _assert_unsure(claims, "渔港码头", "counts done")
    _assert_sure(claims, "候车亭")


def test_a_name_new_quotes_that_the_promise_gives_unquoted_is_not_sure_dropped():
    """打好稳渔船攻坚战 / NEW's “稳渔船”任务全面完成: the same task, named; a promise holding none of
    NEW's quoted names stays dropped, and so does one holding a quoted verb phrase of NEW (“动起来”)."""
    old = _plan_report(2024, "加大贷款投放力度，打好稳渔船攻坚战。\n建设滨江智慧物流园。\n"
                             "办好艺术特色学校，开足开好美育课，让孩子们动起来。")
    new = _plan_report(2025, "“稳渔船”任务全面完成。开展“金秋助学”行动。新增数据“动起来”示范场景。")
    claims = compare(old, new).commitments
    _assert_unsure(claims, "稳渔船", "name it gives is in NEW")
    _assert_sure(claims, "物流园")
    _assert_sure(claims, "美育课")


def test_numbered_formulas_calls_to_reach_the_targets_and_officials_drive_are_no_sure_drops():
    """增强“四个认同” and 落实“两个一律”要求 (a creed or rule by its count), 实现这样的目标，必须… (a call to reach the
    targets just set) and 提升…的执行力 (officials' drive) name no task; a quoted count of things (“四张清单”) does."""
    claims = _plan_claims("引导群众增强“四个认同”，共建美好家园。\n落实“两个一律”要求，推进帮扶。\n"
                          "实现这样的目标，必须付出艰辛努力。\n提升心中有底、肩上有责的执行力。\n"
                          "建立渔港投资“四张清单”。")
    for marker in ("四个认同", "两个一律", "这样的目标", "执行力"):
        claim = next(c for c in claims if marker in c.text)
        assert claim.status == "possibly dropped", (marker, claim.status)
    _assert_sure(claims, "四张清单")


def test_a_count_of_people_before_what_they_do_that_new_reports_is_not_sure_dropped():
    """支持不低于3万人返乡 set, NEW's 扶持返乡2.6万人 reported: the targets judge it; a count of people NEW gives
    for another thing (培训8万人次) says nothing of 支持5万人务工."""
    old = _plan_report(2024, "支持不低于3万人返乡。\n支持5万人务工。")
    new = _plan_report(2025, "扶持返乡2.6万人，开展技能培训8万人次。")
    claims = compare(old, new).commitments
    _assert_unsure(claims, "返乡", "2.6万人")
    _assert_sure(claims, "务工")


def test_a_verb_and_one_short_quoted_word_alone_is_a_slogan():
    """全面促进“山联通” (a verb and a slogan's keyword, no object) is no sure drop; a quoted word with the thing it
    acts on (推动大宗货物“公转水”) is."""
    claims = _plan_claims("全面促进“山联通”。\n推动大宗货物“公转水”。")
    _assert_unsure(claims, "山联通", "slogan")
    _assert_sure(claims, "公转水")


def test_a_system_described_by_its_breadth_only_is_no_sure_drop():
    """完善多层次渔业服务体系 (an aim: a system by its breadth) names no reform; 建立渔船保险互助机制 does."""
    claims = _plan_claims("完善多层次渔业服务体系。\n建立渔船保险互助机制。")
    _assert_unsure(claims, "多层次", "slogan")
    _assert_sure(claims, "互助机制")


def test_rhymed_parallel_clauses_are_a_slogan():
    """发展加快提速，港口扩能增速，山城追赶加速 (three clauses of one length and one last character) sets no task;
    three tasks of one length that do not rhyme (建设渔港码头，改造乡村道路，翻新养老驿站) stay a promise."""
    claims = _plan_claims("发展加快提速，港口扩能增速，山城追赶加速。\n建设渔港码头，改造乡村道路，翻新养老驿站。")
    _assert_unsure(claims, "提速", "slogan")
    _assert_sure(claims, "渔港码头")


def _reviewed_report(year: int, review: str, plan: str) -> Document:
    return _document(f"{year}年政府工作报告\n一、{year - 1}年工作回顾\n{review}\n二、{year}年工作安排\n{plan}")


def test_a_named_project_new_reports_done_is_no_sure_drop():
    """A list of projects and NEW's review saying 丹霞电器第6代线…建设提速 (a company's name with its kind, said
    shorter): the project is reported, whatever share of the list NEW repeats; a code (G999) likewise. A place
    NEW names for something else (威海 alone, with no kind of thing after it) keeps a promise dropped."""
    old = _plan_report(2024, "加快实施丹霞电器第6代智能生产线、青石湾大桥二期等在建产业项目。\n"
                             "实现G999滨海段全线贯通，海岛游突破300万人次。\n支持威海建设海洋牧场示范区。")
    new = _reviewed_report(2025, "丹霞电器第6代线等项目建设提速，G999通车，威海港吞吐量增长8%。",
                           "办好农民丰收节。")
    claims = compare(old, new).commitments
    for marker in ("丹霞电器", "G999"):
        _assert_unsure(claims, marker, "names what it acts on")
    _assert_sure(claims, "海洋牧场")


def test_an_effort_new_counts_again_with_another_number_is_no_sure_drop():
    """30项渔船更新改造专项 promised, NEW's 10个以上渔船更新改造专项: the same effort with a new count, however
    little else of the promise NEW repeats; a counted effort NEW does not count (茶园病虫防控) stays dropped."""
    new = ("一、2024年工作回顾\n新建口袋公园9个，渔港吞吐量增长8%，乡村道路提质改造完成。\n二、2025年工作安排\n"
           "组织实施10个以上渔船更新改造专项，推动成果转化。办好农民丰收节。")
    counted = Commitment("实施30项渔船更新改造专项和150项乡村产业项目，取得一批示范性进展。", "", "dropped", "",
                         0.1, [])
    other = Commitment("开展12项茶园病虫防控行动。", "", "dropped", "", 0.1, [])
    judge_commitments([counted, other], new, counted.text + other.text)
    assert counted.status == "possibly dropped" and "counts the same effort again" in counted.why, counted.why
    assert other.status == "dropped", other.why


def test_quoted_formulas_as_the_whole_object_and_a_quoted_bad_practice_corrected_are_slogans():
    """落实“甲责、乙责”和“三查三必改”要求 and 贯彻一个“根本路径”和四个“务必做到”的理念 cite rules and creeds;
    坚决纠正“躲事式办事” refuses a practice; 落实“湾长制”考核要求 (one quoted name, maybe a reform) stays a promise."""
    claims = _plan_claims("严格落实“属地同责、一岗两责”和“三查三必改”要求。\n"
                          "全面贯彻一个“根本路径”和四个“务必做到”的理念，以高质量发展成效回应期待。\n"
                          "坚决纠正“躲事式办事”“表演式落实”。\n"
                          "落实“湾长制”考核要求。")
    for marker in ("三查三必改", "务必做到", "躲事式"):
        _assert_unsure(claims, marker, "slogan")
    _assert_sure(claims, "湾长制")


def test_a_campaign_new_calls_by_its_parts_first_characters_is_no_sure_drop():
    """“十园示范、百社带动、千户受益” and NEW's “十百千”行动: the campaign's short name; a campaign NEW has no
    short name for stays dropped."""
    old = _plan_report(2024, "实施“十园示范、百社带动、千户受益”行动。\n实施“一港引领、两湾联动、三岛协同”计划。")
    new = _plan_report(2025, "深入推进“十百千”行动，建设示范茶园12个。")
    claims = compare(old, new).commitments
    _assert_unsure(claims, "十园示范", "short name")
    _assert_sure(claims, "一港引领")


def test_a_rule_creed_or_method_followed_as_the_whole_object_is_a_slogan():
    """严格落实“七净”要求, 必须深刻把握三个“务必兼顾”, 坚持和发展“渔村经验” and 落实“节俭、平安、有序”办节要求
    follow a rule, a creed or a method; a quote that is one thing per another (推行“一船一码”), a counted reform
    acted on (持续推进“三水共治”) and a quoted count said of a named thing (确保渔业补贴“两个只升不降”) stay
    promises."""
    claims = _plan_claims("严格落实“七净”要求，运用“三本台账”，逐项抓推进。\n"
                          "必须深刻把握三个“务必兼顾”，切实落实到渔业工作全过程。\n"
                          "坚持和发展“渔村经验”，弘扬实干作风。\n"
                          "落实“节俭、平安、有序”办节要求，办成一届渔业盛会。\n"
                          "推行“一船一码”。\n持续推进“三水共治”。\n确保渔业补贴“两个只升不降”。")
    for marker in ("七净", "务必兼顾", "渔村经验", "办节要求"):
        _assert_unsure(claims, marker, "slogan")
    for marker in ("一船一码", "三水共治", "只升不降"):
        _assert_sure(claims, marker)


def test_quoted_ways_of_one_thing_a_stance_of_readiness_and_an_aim_of_balance_are_slogans():
    """“陆协同”、“海协同”、“空协同” (one thing in three ways), 一有…就… (whenever one thing, the other) and 渔业研究、
    人才培育与基地建设协调发展 (broad fields to develop together) set no task; quoted items that differ in what they
    are (“货转铁”、“货转水”) and named bodies developing together stay promises."""
    claims = _plan_claims("全力推动“陆协同”、“海协同”、“空协同”。\n力争省里一有资金下达，县里就有工程开工；\n"
                          "推进渔业研究、人才培育与基地建设协调发展。\n推进渔港货物“货转铁”、“货转水”。\n"
                          "支持东礁海洋研究院、南湾渔业装备产业集群融合发展。")
    for marker in ("陆协同", "资金下达", "渔业研究"):
        _assert_unsure(claims, marker, "slogan")
    for marker in ("货转铁", "东礁海洋研究院"):
        _assert_sure(claims, marker)


def test_the_governments_own_work_as_the_object_is_a_formula_of_conduct():
    """推动工作提速 (how the government works) is no sure drop; 推动渔港码头提速 acts on a thing."""
    claims = _plan_claims("推动工作提速，做到事事有回音。\n推动渔港码头提速。")
    _assert_unsure(claims, "工作提速", "conduct")
    _assert_sure(claims, "渔港码头")


def test_the_thing_a_promise_acts_on_said_again_in_its_own_words_is_no_sure_drop():
    """建设…心电诊断室 and NEW's review saying 心电诊断室实现全覆盖: the thing is reported, however little else of
    the promise NEW repeats; NEW's 港口仓储中心 is another thing of the kind than 冷藏仓储中心."""
    old = _plan_report(2024, "建设紧密型县级医疗集团心电诊断室，大力推广远程会诊服务。\n"
                             "打造一批海岛海产品冷藏仓储中心。")
    new = _reviewed_report(2025, "乡镇卫生院、心电诊断室实现全覆盖，港口仓储中心获批。", "办好农民丰收节。")
    claims = compare(old, new).commitments
    _assert_unsure(claims, "心电诊断室", "acts on again: 心电诊断室")
    _assert_sure(claims, "冷藏仓储中心")


def test_an_effort_whose_head_new_says_as_a_verb_phrase_is_no_sure_drop():
    """茶叶亩产提升行动 and NEW's 大面积提升亩产: the same work said as a verb phrase; an effort NEW does not say so
    (海参育苗提升行动) stays dropped."""
    old = _plan_report(2024, "深入实施茶叶亩产提升行动，集中推广密植模式。\n实施海参育苗提升行动。")
    new = _reviewed_report(2025, "大面积提升亩产，茶园密植面积达到12万亩。", "办好农民丰收节。")
    claims = compare(old, new).commitments
    _assert_unsure(claims, "亩产", "提升亩产")
    _assert_sure(claims, "海参")


def test_quoted_combinations_alone_are_ways_of_joining_things_not_a_promise():
    """推进“渔业保险+信贷担保” and 强化“港口+园区”“育苗+养殖”等协作 name ways of joining things; a combination with
    the thing it builds (建设“海岛+民宿”示范村) stays a promise."""
    claims = _plan_claims("推进“渔业保险+信贷担保”，带动社会资金投入。\n强化“港口+园区”“育苗+养殖”等协作。\n"
                          "建设“海岛+民宿”示范村。")
    for marker in ("渔业保险", "港口+园区"):
        _assert_unsure(claims, marker, "combining")
    _assert_sure(claims, "示范村")


def test_a_promise_of_one_piece_ranks_before_one_of_several_pieces():
    """建设渔港码头3座 and 建设观光栈道3条，带动渔民增收 are alike but for the second piece: NEW may keep such a part
    in other words, so the promise of one piece is shown first."""
    new = "一、2024年工作回顾\n新建口袋公园9个。\n二、2025年工作安排\n办好农民丰收节。"
    joined = Commitment("建设观光栈道3条，带动渔民增收。", "", "dropped", "", 0.1, ["观光栈道", "渔民"])
    single = Commitment("建设渔港码头3座。", "", "dropped", "", 0.1, ["渔港码头"])
    ranked = judge_commitments([joined, single], new, joined.text + single.text)
    assert [c.text for c in ranked] == [single.text, joined.text], [(c.text, c.salience, c.why) for c in ranked]


def test_a_promise_of_several_parts_one_of_which_new_says_again_is_no_sure_drop():
    """办好…博览会，做旺水产品冷链消费: NEW's 促进水产品冷链消费提质扩容 keeps the second part in other words; a part
    that shares one word only with NEW (精品 of 精品村 in 精品村落游线) is a topic shared, not the part said again."""
    claims = _plan_claims("办好青石湾渔业博览会，做旺水产品冷链消费。\n"
                          "打造白鹭洲古码头遗址公园，串起精品村100个。",
                          "促进水产品冷链消费提质扩容。\n打造精品村落游线100条。")
    _assert_unsure(claims, "渔业博览会", "one of its parts")
    _assert_sure(claims, "古码头")


def test_write_the_big_article_on_a_field_is_a_slogan():
    """做好“甲乙”大文章 / 做好湖鲜文章: a figure of speech for making the most of a field, no task; a promise that
    makes something real (编制…文旅读本) is one."""
    claims = _plan_claims("做好“山珍湖鲜”提升附加值大文章。\n做好青石湾湖鲜文章。\n编制青石湾文旅读本。")
    for marker in ("山珍湖鲜", "湖鲜文章"):
        _assert_unsure(claims, marker, "slogan")
    _assert_sure(claims, "文旅读本")


def test_a_promise_whose_closest_passage_says_three_of_its_uncommon_words_is_no_sure_drop():
    """…三年行动，增开更多远程国际航线，壮大航空货运枢纽 and NEW's 新开、恢复国际和地区货运航线: 国际, 航线 and 货运,
    spread over the promise's parts, are said again in another order, though the passage holds little of its weight."""
    claims = _plan_claims("启动白鹭洲空港振兴三年行动，增开更多远程国际航线，壮大航空货运枢纽。\n建设滨江智慧物流园。",
                          "新开、恢复国际和地区货运航线12条。")
    _assert_unsure(claims, "空港振兴", "other words")
    _assert_sure(claims, "物流园")


def test_a_strategy_carried_out_as_the_whole_main_phrase_is_no_sure_drop():
    """深入实施湖区振兴战略: a standing line of policy, pursued whether a report names it or not; a task named inside
    a strategy's work (建设…战略储备库) is a task."""
    claims = _plan_claims("深入实施青石湾湖区振兴战略。\n建设白鹭洲粮食战略储备库。")
    _assert_unsure(claims, "湖区振兴", "strategy")
    _assert_sure(claims, "储备库")


def test_the_big_article_on_a_list_of_quoted_steps_is_a_slogan():
    """做好“甲变乙”、“乙变丙”、“丙变丁”的文章: the figure of speech over a longer quoted list is still one."""
    claims = _plan_claims("做好“由石变粉”、“由粉变料”、“由料变器”的文章。\n编制青石湾文旅读本。")
    _assert_unsure(claims, "由石变粉", "slogan")
    _assert_sure(claims, "文旅读本")


def test_a_clause_that_ends_on_its_frame_acts_on_nothing_of_its_own():
    """支持某城以…为牵引 (the clause cut before what the frame leads) names no task; a frame before its object
    (以…为依托，建设…仓储园) or a promise of several pieces that ends on one stays a promise."""
    claims = _plan_claims("支持青石市以湖区发展纲要为牵引。\n以白鹭港为依托，建设滨江冷链仓储园。\n"
                          "推动白鹭洲会展中心落地，以青石港为依托。")
    _assert_unsure(claims, "湖区发展纲要", "frame")
    _assert_sure(claims, "会展中心")
    _assert_sure(claims, "仓储园")


def test_a_plan_of_a_period_whose_next_period_new_names_is_no_sure_drop():
    """“三五”林草规划 and NEW's “四五”…; a plan of 2021—2025 and NEW's “十五五”: the period closed and the work goes
    on under the next plan. A plan of a period NEW names no successor of stays dropped."""
    old = _plan_report(2024, "推进“三五”林草规划收尾。\n落实《青石湾保护纲要(2021—2025年)》。\n"
                             "推进“六五”渔政规划收尾。")
    new = _plan_report(2025, "启动“四五”林草规划。\n谋划“十五五”时期发展。")
    claims = compare(old, new).commitments
    _assert_unsure(claims, "三五", "next period")
    _assert_unsure(claims, "青石湾保护纲要", "next period")
    _assert_sure(claims, "六五")


def test_roles_a_region_means_to_take_are_no_sure_drop():
    """打造甲基地、乙基地、丙基地 or three quoted titles (“…之都”、“…之乡”…等基地): a positioning, restated in
    other words, no one task (three of one last character too: …汇聚区、…集聚区、…升级区); two things to build up, or
    three that places single out (甲市…产业园), stay promises."""
    claims = _plan_claims("打造面向华东的冷链保障基地、药材晾晒基地、良种繁育基地。\n"
                          "着力打造“江南湖鲜之都”、“华东茶香之乡”、“白鹭碧玉谷”等特色基地。\n"
                          "打造人才汇聚区、资本集聚区、消费升级区。\n打造滨江冷链仓储园和白鹭洲会展中心。\n"
                          "打造杭州数字产业园、苏州纳米产业园、宁波港航产业园。")
    _assert_unsure(claims, "冷链保障基地", "roles")
    _assert_unsure(claims, "湖鲜之都", "roles")
    _assert_unsure(claims, "人才汇聚区", "roles")
    _assert_sure(claims, "仓储园")
    _assert_sure(claims, "纳米产业园")


def test_a_motto_in_quotes_is_no_sure_drop():
    """“以疏为主、疏堵结合”的…模式, “含甲量、含乙量、含丙量” and “请进来”“送出去”一体联动: ways to work; quoted
    schemes side by side with nothing relating them (“一户一档”“一企一档”) stay promises."""
    claims = _plan_claims("构建“以疏为主、疏堵结合”的湖岸排涝模式。\n提升果品“含水量、含糖量、含盐量”。\n"
                          "推动“请进来”“送出去”一体联动。\n建立渔民“一户一档”“一船一档”。")
    for marker in ("以疏为主", "含水量", "请进来"):
        _assert_unsure(claims, marker, "motto")
    _assert_sure(claims, "一户一档")
