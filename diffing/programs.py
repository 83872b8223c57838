"""Named initiatives: 《documents》, quoted names, and names ending in 专项/计划/行动/基金/中心/…"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..text.normal import fold
from ..text.numerals import ordinals_to_digits
from ..text.outline import EDITION
from ..text.sentences import sentences
from .aliases import Aliases
from .tokens import tagged, tokenize

SUFFIXES = ("专项", "计划", "行动", "工程", "基金", "平台", "中心", "实验室", "券", "规划", "方案", "基地",
            "论坛", "大会", "高交会", "联盟", "科学城", "研究院", "科学院", "医科院", "合作区", "示范区", "创新区",
            "大赛", "深创赛", "委员会", "试点", "项目", "先导区", "先行区", "纲要", "特别国债", "活动周", "协定")
# Named only when a launching verb governs them (实施…战略, 建立…制度, 实施…新机制): unlaunched, 带薪休假制度 or
# 科教兴国战略 is the prose of a report, not news; improved (完善户籍制度, 深化…制度) it is an old one.
GOVERNED_ONLY_SUFFIXES = ("战略", "制度", "机制")
_LAUNCHERS = tuple("实施 建立 出台 推行 制定 启动 设立 组建 创建 印发 发布 部署 制定实施 组织实施 深入实施".split())
# Efforts (not places or bodies): one is the same effort under another suffix (种业振兴 = 种业振兴行动).
EFFORT_SUFFIXES = ("行动", "工程", "计划", "行动计划", "规划", "方案")
# Named only when quoted or in 《》: unquoted, 创新创业生态体系 or 联动机制 is prose, not a program.
QUOTED_ONLY_SUFFIXES = ("体系", "机制", "集群", "活动")
# Suffixes so generic that only a longer, specific name counts (not 服务平台, 重点项目).
_WEAK = ("项目", "平台", "中心", "试点")
_BOOK = re.compile(r"《([^《》]{2,60})》")
# A quoted name, and the words after the quote that end it (“中国算力网”总调度中心产业基地).
_QUOTED = re.compile(r"[“\"]([^“”\"]{2,24})[”\"]\s*(?P<tail>(?:" + "|".join(SUFFIXES + QUOTED_ONLY_SUFFIXES)
                     + r")|[^，,。；;：:、“”\"《》\s\d等和与及的暨]{1,12}(?:" + "|".join(SUFFIXES) + "))?")
# Words that end a name on its left: verbs, measure words, connectives.
_LEFT_STOP = set("""建设 推动 实施 设立 支持 打造 加快 办好 成立 建立 组建 布局 用好 发挥 依托 推进 完善 深化 开展
启动 印发 出台 制定 落实 举办 发布 培育 引进 加强 新增 累计 共 和 与 及 等 一批 的 在 为 了 是 将 并 对 由 以 从 向
全面 积极 大力 持续 高质量 有序 系统 统筹 优化 强化 构建 探索 提升 提高 促进 引导 鼓励 聚焦 围绕 参与 承办 牵头 编制
联合 首次 成功 已 已经 新 打通 规范 组织 滚动 更新 扩大 召开 各类 各 多个 一系列 重大 重点 若干 加大 形成 获批 获 入选
认定 服务 主动 全力 落地 助力 融合 跨 坚持 做好 抓好 用 做 助 推 建 设 办 搭建 新建 建成 全市 我市 我局 我委 市区 市级
省级 国家级 这 该 其 发起 领域 部分 每 个 家 项 明确 吸引 发放 赋予 理顺 重构 立项 设计 部署 实现 带动 增强
加速 支撑 配套 保障 用于 通过 包括 涵盖 面向 中 上 下 后 前 好 高标准 高规格 高起点 规划 健全 充实 严格 管控
有力有效 出席 扩大""".split())
# A longer token ending in one of these is a verb phrase (大力发展, 加快建设), never part of a name.
_VERB_ENDINGS = _LEFT_STOP | {"发展"}
_LEADING_UNIT = re.compile(r"^(?:\d+(?:\.\d+)?)?(?:亿元|万元|元|年度|年|个|届|支|家|项|名|位|批|强)+")
# 入库项目500个以上, 服务项目超6200项: a count of projects, not a program
_COUNTED = re.compile(r"^(?:超过?|达到?|近|约|共|累计|逾)?\d")
_STOP_NAMES = set("""创新中心 研发中心 科技创新中心 工作方案 实施方案 工作计划 发展规划 专项 计划 行动 基金 平台 中心
实验室 体系 机制 制度 规划 方案 项目 国际科技创新中心
产业科技创新中心 工作体系 政策体系 创新体系 新型科研机构""".split())


# Modifiers that say nothing of which program is meant: 产业基金, 企业研发中心, 省实验室 and 高标准规划 are
# kinds of thing, not names. An unquoted name needs something else before its suffix.
_GENERIC_MODIFIERS = set("""产业 企业 研发 创新 科技 技术 科研 研究 国家 全国 省 市 省市 区 重大 重点 高标准 高水平 子
服务 发展 工作 公共 综合 示范 人才 基础 应用 高等 新型 大型 各类 相关 有关 一批 专项 国际 区域 行业 领域 成果 转化
资金 产业化 投资 水利 交通 能源 医学 综合性 民生 标志性 一些 若干 首批 新一轮 事故 隐患 面子 形象 促就业 地方 医保
财政 实施 发展 改革 制度 基础性 配套 共性 中试 验证 人才培养 科学 三年 五年 十年 两年 百日 长远 高耗能 城乡 纪念 自贸
开放""".split())


@lru_cache(maxsize=65536)
def program_stem(name: str) -> str:
    """A name without its suffix (种业振兴行动 -> 种业振兴): 行动, 工程 and 计划 name the same effort."""
    key = program_key(name)
    suffix = max((x for x in SUFFIXES + QUOTED_ONLY_SUFFIXES if key.endswith(x)), key=len, default="")
    return key[: len(key) - len(suffix)] if suffix and len(key) > len(suffix) else key


@lru_cache(maxsize=65536)
def _head_words(name: str) -> tuple[str, ...]:
    """The words before a name's suffix (合成生物 of 合成生物专项)."""
    suffix = max((s for s in SUFFIXES if name.endswith(s)), key=len, default="")
    head = name[: len(name) - len(suffix)]
    return tuple(t.text.strip() for t in tokenize(head, "word")) if head else ()


@lru_cache(maxsize=65536)
def _specific(name: str, shortest: int = 1) -> bool:
    """Whether the words before a name's suffix single out one program (合成生物专项, 种子基金), not a
    kind of thing (产业基金); `shortest`: the length a singling-out word needs."""
    return any(len(w) >= shortest and w not in _GENERIC_MODIFIERS for w in _head_words(name))


@dataclass
class Program:
    name: str
    key: str
    sentence: str


QUOTE_MARKS = "《》“”\""  # what opens or closes a quoted name or a document's title


def quoted(name: str) -> bool:
    """A name opened by a quote or 《: the text's own naming signal, so no rule of form needs to find it."""
    return name.startswith(("《", "“", '"'))


def unquoted(name: str) -> str:
    return name.strip(QUOTE_MARKS)


_NO_QUOTE_MARKS = str.maketrans("", "", QUOTE_MARKS)


def without_quote_marks(text: str) -> str:
    """Every quote mark out, inside the text too (“甲乙”四期工程 -> 甲乙四期工程): its words alone."""
    return text.translate(_NO_QUOTE_MARKS)


@lru_cache(maxsize=65536)
def program_key(name: str) -> str:
    """Canonical name: ordinals as digits, width folded, 《》 and year and city prefixes dropped."""
    key = fold(ordinals_to_digits(name)).strip("《》").replace('"', "")
    key = re.sub(rf"^(?:\d{{4}}年?(?:度|前|后|底|内)?|深圳市?|市|我市|全市|{EDITION}|\d+届)+", "", key)
    return key


_UNDER_PROGRAM = re.compile(r"(?<=工程|计划|专项|基金|行动|试点)项目$")
_DESIGNATION_LEVELS = ("重点", "重大")
_ADVERB_STOPS = {"全面", "积极", "持续", "大力", "深入", "有序", "系统", "高质量"}
_NOT_NAME_PART = re.compile(r"[\W\d_.%]+|\d+\S*")


def _stops_name(token: str) -> bool:
    return (not token or token in _LEFT_STOP or token.endswith(("年前", "年后", "年底", "年初"))
            or (len(token) >= 3 and token[-2:] in _VERB_ENDINGS) or bool(_NOT_NAME_PART.fullmatch(token)))


_GOVERNORS = tuple("""实施 开展 启动 创建 制定 出台 印发 设立 组建 举办 办好 用好 发行 推出 部署 落实 推进 建设 打造
建立 发布 开辟 深化 制定实施 组织实施 扎实开展 深入实施 建立健全""".split())
_ALL_SUFFIXES = sorted(SUFFIXES + GOVERNED_ONLY_SUFFIXES, key=len, reverse=True)
_GOVERNED = re.compile(rf"(?P<verb>{'|'.join(sorted(_GOVERNORS, key=len, reverse=True))})"
                       rf"(?:一批|一些|首批|新一轮|第[一二三四五六七八九十\d]+批|好|\d+届)?"
                       rf"(?P<name>[^，,；;。：:！？!?、“”\"《》（）()与及等\s]{{3,22}}?(?:{'|'.join(_ALL_SUFFIXES)}))"
                       r"(?=$|[，,；;。：:！？!?、和与及等（(\s]|落地|见效|取得|建设|实施|试点)")
_CONTINUES = re.compile("^(?:" + "|".join("""债 附加 资金 排查 整治 扣除 储备 入库 申报 管理 办公室 监管 差异化
交易所 市场 公司 等化险 城市""".split()) + ")")
_AMOUNT = re.compile(r"^(?:总?规模|总额)?(?:约|超|近)?\d+(?:\.\d+)?(?:[十百千万亿]+(?:元|美元)?|元|美元)(?:的)?")


def _trim(name: str) -> str:
    """A name without the amount before it (20亿元市科技创新种子基金, 规模20亿的科技创新种子基金 -> 科技创新种子基金:
    the fund is the same whatever its size this year) or the 已 of 已生效自贸协定; '' for a described thing
    (以社区服务为依托的托育机制), an effort that is one of two verbs' objects (组织实施和超前布局重大科技项目), or a
    name cut at a number inside it (3.0版升级协定, 70周年纪念大会)."""
    name = re.sub(r"^已经?", "", _AMOUNT.sub("", name))
    if "的" in name or name.startswith(("和", "与", "及", "版", "周年", "期", "号")):
        return ""
    return name


def _governed_names(sentence: str) -> list[str]:
    """Names that follow the verb that launches them (实施制造业重点产业链高质量发展行动 -> the whole
    name, verbs inside it included: 降低物流成本行动, 标准提升行动)."""
    names = []
    for match in _GOVERNED.finditer(sentence):
        name = _trim(match.group("name"))
        if not name or (name.endswith(GOVERNED_ONLY_SUFFIXES) and match.group("verb") not in _LAUNCHERS):
            continue
        before, joined, after = name.partition("和")
        # 高职扩招和职业技能提升三年行动: two efforts, the named one is the last; 子基金和产业基金: two kinds
        if joined and (len(before) > 3 or before.endswith(tuple(_ALL_SUFFIXES))):
            name = after
        if not any(v in name for v in ("实施", "开展", "推进")) and _specific(name) \
                and name not in _STOP_NAMES and not _CONTINUES.match(sentence[match.end("name"):]):
            names.append(name)
    return names



def _without_leading_verbs(parts: list[str]) -> str:
    """A name never opens with a verb, an adverb or a number word (严禁搞面子工程 -> 面子工程, 健全数据基础制度 ->
    数据基础制度, 周年纪念大会 -> 纪念大会): parts of speech from jieba's tagger."""
    pairs = tagged("".join(parts))
    tags = [tag for _, tag in pairs]
    words = [word for word, _ in pairs]
    start = 0
    while start < len(words) - 1 and (tags[start].startswith(("v", "d", "p", "c", "u", "r", "q", "m", "f"))
                                      and not tags[start].startswith(("vn",))
                                      and not (start + 2 < len(words)
                                               and _names_a_field(words[start], tags[start], tags[start + 1]))):
        start += 1
    return "".join(words[start:])


def _names_a_field(word: str, tag: str, next_tag: str) -> bool:
    """合成 in 合成生物专项, 光载 in 光载信息专项: a word the tagger calls a verb, that no plan uses to launch
    anything, before a noun that is not yet the suffix, is the name's first word (就业 of 促就业专项 is not:
    a launching verb is in _LEFT_STOP or _GOVERNORS)."""
    return tag == "v" and len(word) >= 2 and next_tag.startswith("n") and word not in _LEFT_STOP \
        and word not in _GOVERNORS


def _name_goes_on(tokens: list[str], index: int) -> bool:
    """A token that only ends like a suffix (海洋工程) with a longer name after it (海洋工程装备创新中心):
    the next few words reach another suffix before any break."""
    for token in tokens[index + 1:index + 5]:
        if _NOT_NAME_PART.fullmatch(token):
            return False
        if token.endswith(SUFFIXES):
            return True
    return False


def _list_item_starts(tokens: list[str], position: int) -> bool:
    """Whether the content words left of `position` run back to a 、 (the start of a list item)."""
    while position >= 0 and not _stops_name(tokens[position]):
        position -= 1
    return position >= 0 and tokens[position] == "、" and position < len(tokens) - 1


def _modifies_a_later_head(tokens: list[str], index: int) -> bool:
    """细胞与基因、脑科学与脑机工程、人工智能等产业基金: an item of a list that a later 等 + suffix word heads."""
    if index + 1 >= len(tokens) or tokens[index + 1] != "、":
        return False
    for position in range(index + 2, len(tokens) - 1):
        if tokens[position] in ("，", ",", "。", "；", ";", "：", ":"):
            return False
        if tokens[position] == "等" and "".join(tokens[position + 1:position + 3]).endswith(SUFFIXES):
            return True
    return False


def _suffix_names(sentence: str) -> list[str]:
    """Names ending in a program suffix, extended leftwards over content words."""
    if not any(suffix in sentence for suffix in SUFFIXES):
        return []
    tokens = [t.text.strip() for t in tokenize(sentence, "word")]
    names = []
    for index, token in enumerate(tokens):
        if not token.endswith(SUFFIXES) or token.endswith(("债券", "证券")):  # 券 names a voucher, not a bond
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if following and (following.startswith(SUFFIXES) or _CONTINUES.match(following)
                          or (token not in SUFFIXES and _name_goes_on(tokens, index))):
            continue  # the name goes on (科技创新 + 中心 + 建设, 专项 + 债券, 海洋工程 + 装备…中心): take it at its end
        if token.endswith("项目") and _COUNTED.match("".join(tokens[index + 1:index + 3])):
            continue
        if _modifies_a_later_head(tokens, index):
            continue
        parts = [token]
        position = index - 1
        while position >= 0 and len("".join(parts)) < 24:
            left = tokens[position]
            if _stops_name(left):
                # 区域全面经济伙伴关系协定: an adverb between two nouns is part of the name; so is the 与 of a
                # list item (、高端装备与仪器专项)
                before = tokens[position - 1] if position > 0 else ""
                listed_pair = left == "与" and _list_item_starts(tokens, position - 1)
                # 某某全国重点实验室: the level of a designation (全国重点, 国家重大) is one word of the name
                designation = left in _DESIGNATION_LEVELS and before in ("全国", "国家")
                if not listed_pair and not designation \
                        and not (left in _ADVERB_STOPS and before and not _stops_name(before)):
                    break
            parts.insert(0, left)
            position -= 1
        name = _trim(_LEADING_UNIT.sub("", _without_leading_verbs(parts)))
        weak = name.endswith(_WEAK)
        if name and len(name) >= (6 if weak else 3) and name not in _STOP_NAMES and _specific(name):
            names.append(name)
    return names


def _quoted_tail(match: re.Match[str]) -> str:
    """The words after a quote that end its name: nouns only (not 纳入…体系, 分裂活动), not cut short of
    their own continuation (专项 + 附加扣除), and not when the quote names a program already (“…行动”暨…项目)."""
    tail = match.group("tail") or ""
    named = match.group(1).endswith(SUFFIXES + QUOTED_ONLY_SUFFIXES)
    if not tail or named or _CONTINUES.match(match.string[match.end():]):
        return ""
    suffix = max((x for x in SUFFIXES + QUOTED_ONLY_SUFFIXES if tail.endswith(x)), key=len)  # 集群 only right after
    head = tail[: len(tail) - len(suffix)]
    if head and any(_verb_like(word, tag) for word, tag in tagged(head)):
        # “十四五”规划重大工程: the suffix right after the quote still ends its name
        return next((x for x in sorted(SUFFIXES + QUOTED_ONLY_SUFFIXES, key=len, reverse=True)
                     if tail.startswith(x)), "")
    return tail


def _verb_like(word: str, tag: str) -> bool:
    """A verb, preposition, pronoun, conjunction, particle or adverb; 创新 and 示范 are names' words."""
    return (tag == "v" or tag in ("p", "r", "c", "u", "d") or word in _LEFT_STOP) and word not in ("创新", "示范")


def extract_programs(text: str) -> list[Program]:
    """Programs in order of first mention, one per canonical key."""
    found: dict[str, Program] = {}
    for sentence in sentences(text):
        for mention, once in _mentions(sentence):
            mention = mention.strip(" 、，,")
            said = program_key(mention)
            if once and any(same_program(said, other) for other in found):
                continue  # one entry per program
            name = _UNDER_PROGRAM.sub("", mention)  # 产业基础再造工程项目: the projects of 产业基础再造工程
            key = program_key(name)
            if len(key) >= 3 and key not in found:
                found[key] = Program(name, key, sentence.strip())
    return list(found.values())


@lru_cache(maxsize=16384)
def _mentions(sentence: str) -> tuple[tuple[str, bool], ...]:
    """The sentence's names in order, each with whether it is taken only when no program found before is the
    same (all but 《titles》). Memoised: a report's sentences are read again by later steps (NEW's efforts, a
    promise's names), and what a sentence names does not depend on the programs found before it."""
    out = [(f"《{match.group(1)}》", False) for match in _BOOK.finditer(sentence)]
    for match in _QUOTED.finditer(sentence):
        inner, tail = match.group(1), _quoted_tail(match)
        if tail or inner.endswith(SUFFIXES + QUOTED_ONLY_SUFFIXES):
            out.append((inner + tail, True))
    plain = _QUOTED.sub(lambda m: "，" + (m.group("tail") or "")[len(_quoted_tail(m)):], _BOOK.sub("，", sentence))
    governed = _governed_names(plain)
    out += [(name, True) for name in governed]
    # a cut-off tail of a name already taken whole is no name of its own
    out += [(name, True) for name in _suffix_names(plain) if not any(name in g for g in governed)]
    return tuple(out)


@lru_cache(maxsize=65536)
def is_abbreviation(short: str, full: str) -> bool:
    """深圳医科院 abbreviates 深圳医学科学院: same first and last character, the short form's
    characters in order within the full name, and at least half its length."""
    if len(short) >= len(full) or len(short) < 3 or short[0] != full[0] or short[-1] != full[-1]:
        return False
    if len(short) * (3 if "、" in full else 2) < len(full):  # 千万工程 for 千村示范、万村整治工程
        return False
    pos = 0
    for char in short:
        pos = full.find(char, pos)
        if pos < 0:
            return False
        pos += 1
    return True


@lru_cache(maxsize=65536)
def is_short_form(short: str, full: str) -> bool:
    """种子基金 for 科技创新种子基金: the full name's tail, said again without its qualifiers, when that
    tail is specific on its own (a word of two or more characters that is not a generic modifier:
    not 湾实验室, what is left of 鹭城湾实验室 once the city is dropped)."""
    return 4 <= len(short) < len(full) and full.endswith(short) and _specific(short, shortest=2)


_DOCUMENT_OF = re.compile(r"^(?:深圳市?|市|省|国家)?(?P<name>.+?)"
                          r"(?:实施方案|管理办法|实施细则|工作方案|储备项目|入库项目|申报指南)$")


@lru_cache(maxsize=65536)
def same_program(a: str, b: str) -> bool:
    """Two canonical keys naming one program: equal, an abbreviation or short form of the other, the same
    stem under another suffix (扩容提速行动 -> 扩容提速工程), or a document or list about it
    (《深圳市训力券实施方案》 for 训力券; 基因产业基金储备项目 for 基因产业基金)."""
    if a == b or is_abbreviation(a, b) or is_abbreviation(b, a) or is_short_form(a, b) or is_short_form(b, a):
        return True
    stem_a, stem_b = effort_stem(a), effort_stem(b)
    if len(stem_a) >= 4 and stem_a == stem_b:
        return True
    for whole, part in ((a, b), (b, a)):
        found = _DOCUMENT_OF.match(whole)
        if found and len(part) >= 3 and found.group("name") in (part, program_stem(part)):
            return True
    return False


@dataclass
class ProgramChange:
    name: str
    status: str  # new | possibly new | dropped | continuing
    old_sentence: str
    new_sentence: str
    old_name: str = ""
    salience: float = 0.0  # how much a new program matters: named, specific, with money or numbers, planned
    closest: str = ""  # for a new program: the closest passage of OLD, and the share of the name it holds
    closest_score: float = 0.0
    why: str = ""  # for a possibly new one: why it is not sure

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "status": self.status, "old_name": self.old_name or None,
                               "old_sentence": self.old_sentence or None, "new_sentence": self.new_sentence or None}
        if self.status in ("new", "possibly new"):
            out.update(salience=self.salience, closest_old=self.closest or None, closest_score=self.closest_score,
                       why=self.why or None)
        return out


@lru_cache(maxsize=65536)
def effort_stem(name: str) -> str:
    """The stem of an effort (种业振兴 of 种业振兴行动), '' for a place or body (绿色矿山样板区 is not 绿色矿山)."""
    key = program_key(name)
    return program_stem(key) if key.endswith(EFFORT_SUFFIXES) and _specific(key, 2) else ""


def _named_in(program: Program, text: str, aliases: Aliases) -> bool:
    """The program's name or stem, under any of its other names, said anywhere in a text, even where no
    name was taken from it (加快推进种业振兴 names 种业振兴行动; 全面与进步跨太平洋伙伴关系协定 without 《》)."""
    for key in aliases.variants(program.key):
        stem = effort_stem(key)
        if key in text or (len(stem) >= 4 and stem in text):
            return True
    return False


def pair_programs(old: list[Program], new: list[Program], old_text: str = "", new_text: str = "",
                  aliases: Aliases | None = None) -> list[ProgramChange]:
    """Exact canonical names pair first, then abbreviations (深圳医科院 = 深圳医学科学院) and other names
    (`aliases`), then a name or stem the other text says without naming it as a program: new means OLD
    names it nowhere."""
    aliases = aliases if aliases is not None else Aliases()
    old_by_key = {p.key: p for p in old}
    matches: dict[str, Program] = {p.key: old_by_key[p.key] for p in new if p.key in old_by_key}
    for program in new:
        if program.key not in matches:
            # A second name for a program may follow the first (深圳医学科学院, then 深圳医科院).
            partner = next((o for o in old if same_program(o.key, program.key)
                            or aliases.same_thing(o.key, program.key, SUFFIXES)), None)
            if partner is not None:
                matches[program.key] = partner
    matched = {id(p) for p in matches.values()}
    free = [o for o in old if id(o) not in matched]
    out = []
    old_folded, new_folded = program_key(old_text), program_key(new_text)
    for program in new:
        match = matches.get(program.key)
        if match is None and old_text and _named_in(program, old_folded, aliases):
            out.append(ProgramChange(program.name, "continuing", "", program.sentence, program_stem(program.key)))
        elif match is None:
            out.append(ProgramChange(program.name, "new", "", program.sentence))
        else:
            out.append(ProgramChange(program.name, "continuing", match.sentence, program.sentence,
                                     match.name if match.name != program.name else ""))
    out += [ProgramChange(p.name, "continuing" if new_text and _named_in(p, new_folded, aliases) else "dropped",
                          p.sentence, "") for p in free]
    order = {"new": 0, "dropped": 1, "continuing": 2}
    return sorted(out, key=lambda c: order[c.status])
