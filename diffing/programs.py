"""Named initiatives: 《documents》, quoted names, and names ending in 专项/计划/行动/基金/中心/…"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import fold_text
from .numerals import EDITION, ordinals_to_digits
from .tokens import tokenize

SUFFIXES = ("专项", "计划", "行动", "工程", "基金", "平台", "中心", "实验室", "券", "制度", "规划", "方案", "基地",
            "论坛", "大会", "高交会", "联盟", "科学城", "研究院", "科学院", "医科院", "合作区", "示范区", "创新区",
            "大赛", "深创赛", "委员会", "试点", "项目")
# Named only when quoted or in 《》: unquoted, 创新创业生态体系 or 联动机制 is prose, not a program.
QUOTED_ONLY_SUFFIXES = ("体系", "机制", "集群")
# Suffixes so generic that only a longer, specific name counts (not 服务平台, 重点项目).
_WEAK = ("项目", "平台", "中心", "试点", "制度")
_BOOK = re.compile(r"《([^《》]{2,60})》")
_QUOTED = re.compile(r"[“\"]([^“”\"]{2,24})[”\"]\s*(" + "|".join(SUFFIXES + QUOTED_ONLY_SUFFIXES) + ")?")
# Words that end a name on its left: verbs, measure words, connectives.
_LEFT_STOP = set("""建设 推动 实施 设立 支持 打造 加快 办好 成立 建立 组建 布局 用好 发挥 依托 推进 完善 深化 开展 启动 印发
出台 制定 落实 举办 发布 培育 引进 加强 新增 累计 共 和 与 及 等 一批 的 在 为 了 是 将 并 对 由 以 从 向 全面 积极 大力 持续
高质量 有序 系统 统筹 优化 强化 构建 探索 提升 提高 促进 引导 鼓励 聚焦 围绕 参与 承办 牵头 编制 联合 首次 成功 已 已经 新
打通 规范 组织 滚动 更新 扩大 召开 各类 各 多个 一系列 重大 重点 若干 加大 形成 获批 获 入选 认定 服务 主动 全力 落地 助力
融合 跨 坚持 做好 抓好 用 做 助 推 建 设 办 搭建 新建 建成 全市 我市 我局 我委 市区 市级 省级 国家级 国际 这 该 其 每 个 家 项
明确 吸引 发放 赋予 理顺 重构 立项 设计 部署 实现 带动 增强 加速 支撑 配套 保障 用于 通过 包括 涵盖 面向 中 上 下 后 前
好 高标准 高规格 高起点 规划
""".split())
# A longer token ending in one of these is a verb phrase (大力发展, 加快建设), never part of a name.
_VERB_ENDINGS = _LEFT_STOP | {"发展"}
_LEADING_UNIT = re.compile(r"^(?:亿元|万元|元|年度|年|个|届|支|家|项|名|位|批|强)+")
_STOP_NAMES = {"创新中心", "研发中心", "科技创新中心", "工作方案", "实施方案", "工作计划", "发展规划", "专项", "计划", "行动",
               "基金", "平台", "中心", "实验室", "体系", "机制", "制度", "规划", "方案", "项目", "国际科技创新中心",
               "产业科技创新中心", "工作体系", "政策体系", "创新体系", "新型科研机构"}


# Modifiers that say nothing of which program is meant: 产业基金, 企业研发中心, 省实验室 and 高标准规划 are
# kinds of thing, not names. An unquoted name needs something else before its suffix.
_GENERIC_MODIFIERS = set("""产业 企业 研发 创新 科技 技术 科研 研究 国家 全国 省 市 省市 区 重大 重点 高标准 高水平 子 服务 发展
工作 公共 综合 示范 人才 基础 应用 高等 新型 大型 各类 相关 有关 一批 专项 国际 区域 行业 领域 成果 转化 资金 产业化""".split())


def _head_words(name: str) -> list[str]:
    """The words before a name's suffix (合成生物 of 合成生物专项)."""
    suffix = max((s for s in SUFFIXES if name.endswith(s)), key=len, default="")
    head = name[: len(name) - len(suffix)]
    return [t.text.strip() for t in tokenize(head, "word")] if head else []


def _specific(name: str, shortest: int = 1) -> bool:
    """Whether the words before a name's suffix single out one program (合成生物专项, 种子基金), not a
    kind of thing (产业基金); `shortest`: the length a singling-out word needs."""
    return any(len(w) >= shortest and w not in _GENERIC_MODIFIERS for w in _head_words(name))


@dataclass
class Program:
    name: str
    key: str
    sentence: str


def program_key(name: str) -> str:
    """Canonical name: ordinals as digits, width folded, 《》 and year and city prefixes dropped."""
    key = fold_text(ordinals_to_digits(name)).strip("《》")
    key = re.sub(rf"^(?:\d{{4}}年?度?|深圳市?|市|我市|全市|{EDITION})+", "", key)
    return key


def _sentences(text: str) -> list[str]:
    return [s for s in re.findall(r"[^。；;！？!?\n]+[。；;！？!?]?", text) if s.strip()]


_NOT_NAME_PART = re.compile(r"[\W\d_.%]+|\d+\S*")


def _stops_name(token: str) -> bool:
    return (not token or token in _LEFT_STOP or (len(token) >= 3 and token[-2:] in _VERB_ENDINGS)
            or bool(_NOT_NAME_PART.fullmatch(token)))


def _suffix_names(sentence: str) -> list[str]:
    """Names ending in a program suffix, extended leftwards over content words."""
    if not any(suffix in sentence for suffix in SUFFIXES):
        return []
    tokens = [t.text.strip() for t in tokenize(sentence, "word")]
    names = []
    for index, token in enumerate(tokens):
        if not token.endswith(SUFFIXES):
            continue
        if index + 1 < len(tokens) and tokens[index + 1].startswith(SUFFIXES):
            continue  # the name goes on (科技创新 + 中心 + 建设): take it at its end
        parts = [token]
        for left in reversed(tokens[:index]):
            if _stops_name(left) or len("".join(parts)) >= 18:
                break
            parts.insert(0, left)
        name = _LEADING_UNIT.sub("", "".join(parts))
        weak = name.endswith(_WEAK)
        if len(name) >= (6 if weak else 3) and name not in _STOP_NAMES and _specific(name):
            names.append(name)
    return names


def extract_programs(text: str) -> list[Program]:
    """Programs in order of first mention, one per canonical key."""
    found: dict[str, Program] = {}

    def add(name: str, sentence: str) -> None:
        name = name.strip(" 、，,")
        key = program_key(name)
        if len(key) >= 3 and key not in found:
            found[key] = Program(name, key, sentence.strip())

    for sentence in _sentences(text):
        for match in _BOOK.finditer(sentence):
            add(f"《{match.group(1)}》", sentence)
        for match in _QUOTED.finditer(sentence):
            inner, suffix = match.group(1), match.group(2) or ""
            if suffix or inner.endswith(SUFFIXES + QUOTED_ONLY_SUFFIXES):
                add(inner + suffix, sentence)
        plain = _QUOTED.sub(lambda m: "，", _BOOK.sub("，", sentence))
        for name in _suffix_names(plain):
            add(name, sentence)
    return list(found.values())


def is_abbreviation(short: str, full: str) -> bool:
    """深圳医科院 abbreviates 深圳医学科学院: same first and last character, the short form's
    characters in order within the full name, and at least half its length."""
    if len(short) >= len(full) or len(short) < 3 or short[0] != full[0] or short[-1] != full[-1]:
        return False
    if len(short) * 2 < len(full):
        return False
    pos = 0
    for char in short:
        pos = full.find(char, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def is_short_form(short: str, full: str) -> bool:
    """种子基金 for 科技创新种子基金: the full name's tail, said again without its qualifiers, when that
    tail is specific on its own (a word of two or more characters that is not a generic modifier:
    not 湾实验室, what is left of 深圳湾实验室 once the city is dropped)."""
    return 4 <= len(short) < len(full) and full.endswith(short) and _specific(short, shortest=2)


def same_program(a: str, b: str) -> bool:
    """Two canonical keys naming one program."""
    return a == b or is_abbreviation(a, b) or is_abbreviation(b, a) or is_short_form(a, b) or is_short_form(b, a)
