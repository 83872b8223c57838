"""Promises in last year's plan, and what this year's report says of each.

Matching is on the words that carry meaning (names, figures, uncommon content words), weighted by
rarity across both documents, never on whole-sentence similarity: the same promise is often
reported in other words. Measured on the seeds' labelled pairs by bench/compare.py."""
from __future__ import annotations

import itertools
import math
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..text.normal import fold
from ..text.numerals import ordinals_to_digits
from ..text.outline import EDITION, heading_level
from ..text.patterns import GuardedPattern
from ..text.sentences import sentences
from .aliases import Aliases
from .parts import Part
from .programs import SUFFIXES, effort_stem, extract_programs, program_key, same_program
from .retrieval import post
from .tokens import tokenize

ACTION_VERBS = ("推动", "实施", "建立", "完善", "加快", "设立", "办好", "探索", "成立", "培育", "建设", "支持", "打造",
                "组织", "推进", "深化", "加强", "用好", "制定", "出台", "开展", "发挥", "布局", "引导", "鼓励", "提高",
                "优化", "强化", "构建", "落实", "组建", "争取", "力争", "启动", "扩大", "提升", "促进", "拓展", "举办",
                "发布", "引进", "新增", "规划", "编制", "健全", "创建", "谋划", "筹建", "实现", "确保", "聚焦", "统筹",
                "发展", "纳入", "参与", "搭建", "更新", "加大", "办理", "修订", "印发", "处理好", "做好", "抓好",
                "严禁", "打击", "清理", "规范", "降低", "减轻", "简化", "取消", "放宽", "延续", "推行", "完成",
                "保持", "防范", "化解", "防止", "纠正", "压实", "守住", "提振", "激发", "释放", "研究制定",
                "继续", "坚决", "巩固", "维护", "畅通", "拓宽", "夯实", "遏制", "加力", "发行", "安排")
# Words every plan uses: they say nothing about which promise it is.
GENERIC = set("""推进 加快 完善 推动 实施 建设 支持 加强 深化 发展 创新 科技 工作 体系 机制 全市 深圳 深圳市 高质量
积极 重点 一批 有关 进一步 持续 全面 强化 提升 提高 优化 构建 落实 促进 发挥 作用 能力 水平 领域 产业 企业 科研 研发
服务 加大 力度 组织 开展 打造 培育 引导 鼓励 着力 不断 大力 深入 围绕 聚焦 统筹 形成 实现 坚持 我局 我委 市 区 我市 新
重大 关键 核心 项目 政策 资源 平台 基础 合作 建立 健全 探索 扩大 拓展 用好 办好 推广 确保 力争 一体化 同时 以及 等 和
与 及 的 了 在 为 将 把 任务 重点任务 重大项目 重大平台 方面 一是 二是 三是 四是 五是 六是 七是 八是 九是 十是 更加
方式 模式 环境 生态 年度 全年 今年 明年 成效 取得 加速 前瞻 有组织 高规格 高标准 高水平 按照 原则 全方位 各类 有关
相关 不同 共同 优势 力量 作用""".split())
_ORDINAL_SPLIT = re.compile(r"(?=[一二三四五六七八九十]是)")
FULFILLED_AT = 0.5
MAX_CANDIDATES = 64  # NEW sentences scored exactly per promise
DROPPED_BELOW = 0.3


@dataclass
class Commitment:
    text: str
    section: str
    status: str  # fulfilled | carried_over | dropped | possibly dropped | uncertain
    evidence: str
    score: float
    terms: list[str]
    salience: float = 0.0  # how much a dropped promise matters: specific, with numbers or money
    closest: str = ""  # for a dropped one: the closest passage of NEW, and the share of the promise it holds
    closest_score: float = 0.0
    why: str = ""  # for a possibly dropped one: why it is not sure
    setting: str = ""  # what its paragraph is, when no task: "general" (the plan's guiding thought), "closing"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "section": self.section, "status": self.status,
                               "evidence": self.evidence, "score": self.score, "terms": self.terms}
        if self.status in ("dropped", "possibly dropped"):
            out.update(salience=self.salience, closest_new=self.closest or None, closest_score=self.closest_score,
                       why=self.why or None)
        return out


ADVERB = "(?:" + "|".join("""积极 持续 加快 全面 大力 深入 进一步 着力 全力 有序 稳步 前瞻 重点 同步 率先 继续
努力 高标准 高规格 全方位 深层次 系统 协同 一体化 有组织 主动""".split()) + ")*"
# A comma opens a new promise when a verb follows it: 实施项目经理人制，组织实施原创性引领性科技项目。
_PROMISE_SPLIT = re.compile(rf"[，,](?={ADVERB}(?:{'|'.join(ACTION_VERBS)}))")


def _promises(piece: str) -> list[str]:
    """Split at commas that open a new verb phrase; a part with fewer than two content words of its
    own (提高资源配置效益) stays with the promise before it."""
    cuts = [m.start() for m in _PROMISE_SPLIT.finditer(piece)]
    parts = [piece[a:b] for a, b in zip([0, *cuts], [*cuts, len(piece)], strict=False)]
    merged: list[str] = []
    for part in parts:
        if merged and len(_words(part)) < 2 and not _QUOTED.search(part):
            merged[-1] += part
        else:
            merged.append(part)
    return [p.lstrip("，,").strip() for p in merged]


def clauses(paragraph: str) -> list[str]:
    """Sentence-level clauses: split on 。；, on 一是/二是 enumerations, and on commas that open a new
    verb phrase (one promise each)."""
    out = []
    for sentence in sentences(paragraph):
        for piece in _ORDINAL_SPLIT.split(sentence):
            out += [part for part in _promises(piece) if len(part) >= 6]
    return out


def is_commitment(clause: str) -> bool:
    body = re.sub(r"^[(（]?[一二三四五六七八九十\d]+[)）、.]", "", clause)
    return len(body) >= 6 and any(verb in body for verb in ACTION_VERBS) and not body.endswith(("？", "?"))


_QUOTED = re.compile(r"[“\"《]([^“”\"《》]{2,30})[”\"》]")


# 第三届消费季: a recurring event, named by what follows its edition (next year's report names the next one).
_EDITION_WORD = re.compile(EDITION)
_EVENT = GuardedPattern(EDITION + r"([\u4e00-\u9fffA-Za-z]{2,10}?)(?=[，,。；;、（(\s]|$)", _EDITION_WORD.search)


def _names(clause: str) -> list[str]:
    """Named items, the strongest evidence: programs, 《titles》, “quoted” terms and recurring events
    (第三届消费季 -> 消费季), canonicalised."""
    return list(_named_items(clause))


@lru_cache(maxsize=16384)
def _named_items(clause: str) -> tuple[str, ...]:
    """_names, memoised: a clause without a comma is its own main phrase, and both are read."""
    names = [p.key for p in extract_programs(clause)]
    names += [program_key(m.group(1)) for m in _QUOTED.finditer(clause)]
    names += [program_key(m.group(1)) for m in _EVENT.finditer(ordinals_to_digits(clause))]
    return tuple(dict.fromkeys(n for n in names if len(n) >= 2))


@lru_cache(maxsize=65536)
def _content(word: str) -> bool:
    """A word that can tell promises apart: not a verb, a number or an edition (第3届 changes yearly)."""
    return len(word) >= 2 and word not in ACTION_VERBS and not re.fullmatch(r"[\W\d_.%]+", word) \
        and not ("第" in word and _EDITION_WORD.fullmatch(ordinals_to_digits(word)))


def _words(clause: str) -> list[str]:
    """Content words without the generic vocabulary of plans, plus compounds of two adjacent content
    words (未来+产业): a compound names a topic more precisely than either word."""
    return list(_clause_words(clause))


@lru_cache(maxsize=32768)
def _clause_words(clause: str) -> tuple[str, ...]:
    """_words, memoised: a clause is read as a promise, its main phrase, its object and its items."""
    tokens = [t.key for t in tokenize(_QUOTED.sub("，", clause), "word")]
    words = [w for w in tokens if _content(w) and w not in GENERIC]
    compounds = [a + b for a, b in itertools.pairwise(tokens) if _content(a) and _content(b)
                 and (a not in GENERIC or b not in GENERIC)]
    # A number inside a name belongs to it: 世界 + 500 + 强 -> 世界500强, 十四五 stays one word anyway.
    compounds += [a + n + b for a, n, b in zip(tokens, tokens[1:], tokens[2:], strict=False)
                  if _content(a) and n.isdigit() and b and not re.fullmatch(r"[\W_]+", b)]
    return tuple(dict.fromkeys(words + compounds))


_BA = re.compile(r"把(.{2,30}?)(?:摆在|放在|作为|列为|纳入|作为)")
_LAST_VERB = re.compile(rf".*(?:{'|'.join(ACTION_VERBS)})")
_MAIN = re.compile(r"[，,]")


@dataclass
class _Promise:
    """What a clause is scored on."""

    names: list[str]
    words: list[str]
    factors: dict[str, float]  # per word: the object 2, the rest of the main phrase 1, modifiers and purpose 0.5
    alternatives: list[list[set[str]]]  # enumerations: one item reported stands for all


def _alternatives(phrase: str) -> list[list[set[str]]]:
    """Enumerations (A、B、C) in the phrase, as the word sets of their items: a promise over a list of
    partners or fields is acted on when any one of them is reported."""
    out = []
    for run in re.findall(r"[^、，,和及]+(?:[、和及][^、，,和及]+)+", phrase):
        texts = re.split(r"[、和及]", run)
        texts[0] = _LAST_VERB.sub("", texts[0], count=1)  # 构建系统完备 -> 系统完备
        texts[-1] = texts[-1].split("的", 1)[0]  # 运行高效的机构职能体系: the head is shared, not an item
        items = [set(_words(item)) for item in texts]
        if sum(1 for item in items if item) >= 2:
            out.append([item for item in items if item])
    return out


def _promise(clause: str) -> _Promise:
    """The main phrase, before the first comma, is the promise. What it acts on, after its last
    action verb and after the last 的 there (构建系统完备、运行高效的机构职能体系 -> 机构职能体系), counts
    double; that object's modifiers (系统完备…的) half. A trailing phrase (，形成全市“一盘棋”工作合力)
    says what the promise is for: its quoted slogans are words, not names, and weigh half."""
    main = _MAIN.split(clause, maxsplit=1)[0]
    modifier_text, _, object_text = _LAST_VERB.sub("", main, count=1).rpartition("的")
    held = _BA.search(main)
    if held:  # 把恢复和扩大消费摆在优先位置: what is acted on is what 把 holds
        modifier_text, object_text = "", held.group(1)
    names = _names(main)
    slogans = [n for n in _names(clause) if n not in names]
    words = list(dict.fromkeys(_words(clause) + slogans))
    object_words = set(_words(object_text))
    # The object's whole compounds weigh double, not its parts: 转化 and 基地 occur everywhere, 转化基地 not.
    object_words = {w for w in object_words if not any(w != o and w in o for o in object_words)}
    core = set(_words(main)) - (set(_words(modifier_text)) - object_words)
    factors = {w: 2.0 if w in object_words else 1.0 if w in core else 0.5 for w in words}
    # Only the object's own enumeration stands in for itself (转化基地、中试基地…); one item of an enumeration
    # of whom it is for (老年人、儿童、患基础性疾病群体的…) found says nothing of the promise.
    return _Promise(names, words, factors, _alternatives(object_text if modifier_text else main))


def _fold(sentence: str) -> str:
    """A sentence in the form terms and names take (width folded, ordinals as digits); unlike a
    program key it keeps its first word (市区联动… must not lose its 市)."""
    return fold(ordinals_to_digits(sentence))


_LEADING_ACTION = re.compile(rf"^(?:{ADVERB}(?:{'|'.join(sorted(ACTION_VERBS, key=len, reverse=True))})+)+")
_TRAILING_GENERIC = re.compile(r"(?:工作|制度|机制|体系|政策|措施|建设|水平|能力|力度)+$")


def main_phrase(clause: str) -> str:
    """The promise as a phrase to look for word for word in the new report: its main phrase (before the
    first comma), without the verbs that open it and the generic words that close it
    (建立国有经济布局优化和结构调整指引制度 -> 国有经济布局优化和结构调整指引)."""
    main = _fold(_MAIN.split(clause, maxsplit=1)[0]).rstrip("。；;")
    main = re.sub(r"^[(（]?[一二三四五六七八九十\d]+[)）、.]", "", main)
    core = _TRAILING_GENERIC.sub("", _LEADING_ACTION.sub("", main))
    return core if len(core) >= 5 else ""


class _Occurrences:
    """Which of a list of texts hold a term: an index of the texts holding each character pair, so a term
    is looked for only in the texts holding its rarest pair, and cached. Work grows with the postings a
    term's rarest pair has, not with the size of the document (a 1 MB plan in seconds, not minutes)."""

    def __init__(self, texts: list[str], aliases: Aliases) -> None:
        self.texts = texts
        self.aliases = aliases
        self.size = len(texts)
        # 4-byte entries: a plan of megabytes holds millions; a pair in one text only (most pairs of a long
        # one) keeps that text's number alone, no array
        self.pairs: dict[str, int | array[int]] = {}
        for at, text in enumerate(texts):
            post(self.pairs, {text[i:i + 2] for i in range(len(text) - 1)}, at)
        self._cache: dict[str, frozenset[int]] = {}
        self._words: dict[int, set[str]] = {}

    def where(self, term: str) -> frozenset[int]:
        """The texts holding the term; a two-character term only where it is not the start of a longer word
        (收费 is not found in 收费站)."""
        found = self._cache.get(term)
        if found is None:
            found = self._cache[term] = frozenset().union(*map(self._holding, self.aliases.variants(term)))
        return found

    def _holding(self, term: str) -> frozenset[int]:
        rarest: Sequence[int] = ()
        for i in range(len(term) - 1):
            posting = self.pairs.get(term[i:i + 2])
            if posting is None:
                return frozenset()
            texts = (posting,) if isinstance(posting, int) else posting
            if i == 0 or len(texts) < len(rarest):
                rarest = texts
        return frozenset(at for at in rarest
                         if term in self.texts[at] and (len(term) > 2 or term in self._words_of(at)))

    def _words_of(self, at: int) -> set[str]:
        words = self._words.get(at)
        if words is None:
            words = self._words[at] = {t.key for t in tokenize(self.texts[at], "word")}
        return words


class _Index:
    """Sentences of the new report; rarity is measured on the old one. A word the old report uses
    everywhere is its field's vocabulary; a word the new report repeats is what it is about, and
    must not lose weight for that."""

    def __init__(self, sentences: list[tuple[str, str]], old_sentences: list[str], aliases: Aliases) -> None:
        self.sentences = sentences  # (sentence, part kind)
        self.aliases = aliases  # KAUST found where NEW says 阿卜杜拉国王科技大学
        self.new = _Occurrences([_fold(s) for s, _ in sentences], aliases)
        self.old = _Occurrences([_fold(c) for c in old_sentences], aliases)
        self.new_names = [p.key for p in extract_programs("\n".join(s for s, _ in sentences))]

    def weight(self, term: str) -> float:
        return math.log((1 + self.old.size) / (1 + len(self.old.where(term)))) + 1.0

    def distinctive(self, words: list[str]) -> list[str]:
        """Words found in more than 3% of the old report's sentences are the field's vocabulary
        (高校, 科研机构), not what tells one promise from another."""
        limit = max(2, 0.03 * self.old.size)
        rare = [w for w in words if len(self.old.where(w)) <= limit]
        return rare or words

    @staticmethod
    def _hits(weights: dict[str, float], alternatives: list[list[set[str]]], hits: set[str]) -> float:
        """Weight of the terms found (`hits`, in one sentence or anywhere in NEW); one item of an
        enumeration found stands for all of them (`alternatives`: each item's terms among the weighed)."""
        for items in alternatives:
            if any(item and item <= hits for item in items):
                hits = hits.union(*items)
        return sum(weights[t] for t in sorted(hits))  # in one order: a float sum depends on it

    def score(self, promise: _Promise) -> tuple[float, int]:
        """0..1: share of the clause's names found in NEW (when it has names) blended with the
        rarity-weighted share of its distinctive words found in NEW's best sentence and whole text."""
        names = promise.names
        weights = {w: self.weight(w) * promise.factors[w] for w in self.distinctive(promise.words)}
        total = sum(weights.values()) or 1.0
        # Where each term and name is, looked up once for all the candidate sentences.
        found = {t: self.new.where(t) for t in weights}
        named_at = [self.new.where(n) for n in names]
        alternatives = [[item & weights.keys() for item in items] for items in promise.alternatives]
        candidates = self._candidates(weights, names)
        best_score, best_index = 0.0, -1
        for index in candidates:
            hit = self._hits(weights, alternatives, {t for t in weights if index in found[t]}) \
                + 3.0 * sum(1 for at in named_at if index in at)
            if hit > best_score:
                best_score, best_index = hit, index
        coverage = self._hits(weights, alternatives, {t for t in weights if found[t]}) / total
        best = min(best_score / (total + 3.0 * len(names)), 1.0)
        content = 0.5 * best + 0.5 * coverage
        if not names:
            return round(content, 3), best_index
        hits = sum(1 for n in names if self.name_found(n))
        # One named item reported means the promise was not passed over in silence.
        named = (hits / len(names) + (1.0 if hits else 0.0)) / 2
        return round(0.65 * named + 0.35 * content, 3), best_index

    def _candidates(self, weights: dict[str, float], names: list[str]) -> list[int]:
        """NEW sentences holding any of the terms, in order; in a long document only the MAX_CANDIDATES
        holding the most term weight are scored exactly (the exact score differs only by enumerations)."""
        tally: dict[int, float] = {}
        terms = sorted([*weights.items(), *((n, 3.0) for n in names)], key=lambda tw: len(self.new.where(tw[0])))
        for number, (term, weight) in enumerate(terms):
            found = self.new.where(term)
            if number and len(found) > 4 * MAX_CANDIDATES:
                break  # a term this common locates nothing; the rarer ones already chose the sentences
            for at in found:
                tally[at] = tally.get(at, 0.0) + weight
        if len(tally) > MAX_CANDIDATES:
            return sorted(sorted(tally, key=lambda at: (-tally[at], at))[:MAX_CANDIDATES])
        return sorted(tally)

    def name_found(self, name: str) -> bool:
        """The name, its stem (种业振兴行动 -> 种业振兴), or a variant of it (简称, 行动 -> 工程) in NEW."""
        stem = effort_stem(name)
        if self.new.where(name) or (len(stem) >= 4 and self.new.where(stem)):
            return True
        return any(same_program(name, other) or self.aliases.same_thing(name, other, SUFFIXES)
                   for other in self.new_names)

    def phrase_at(self, phrase: str) -> int:
        """The first NEW sentence holding `phrase` (-1: none)."""
        found = self.new.where(phrase)
        return min(found) if found else -1


# The plan's guiding thought (以…思想为指导，…): the aims every task serves, said in slogans, no task of its own.
_GUIDING = re.compile(r"以[^。；;]{2,60}?(?:思想|理论|精神)为指导")
# The report's closing call (让我们…团结…奋斗): an exhortation to the audience, no task.
_CALL = re.compile(r"让我们")


def settings_of(paragraphs: list[str]) -> list[str]:
    """What each paragraph of the plan is when it sets no task: "general" for the first that states the guiding
    thought (the general requirements before the targets; a later one guides one field, 以…军事思想为指导, and
    its tasks are tasks), "closing" for the report's call to its audience, else ''."""
    out, guided = [], False
    for paragraph in paragraphs:
        if _CALL.search(paragraph):
            out.append("closing")
        elif not guided and _GUIDING.search(paragraph):
            out.append("general")
            guided = True
        else:
            out.append("")
    return out


def _plan_stretch(parts: list[Part]) -> list[Part]:
    """The parts that hold the plan's promises: the plan part and the top parts after it that name no kind
    (二、今年工作总体部署 / 三、促进经济发展 / 四、深化改革: the plan goes on under its topics), up to a summary;
    with no plan part, the parts after the review when the report opens with one (一、…成绩显著 / 二、…再立新功: what
    follows the year's results is the plan, under headings that name no kind), else every part."""
    if not any(p.kind == "plan" for p in parts):
        headed = [n for n, p in enumerate(parts) if p.heading]
        opens_with_review = bool(headed) and parts[headed[0]].kind == "summary"
        after = [p for p in parts[headed[0] + 1:] if p.kind == "other"] if opens_with_review else []
        return after or [p for p in parts if p.kind in ("other", "summary")]
    out: list[Part] = []
    for part in parts:
        if part.kind == "plan" or (out and part.kind == "other"):
            out.append(part)
        elif out:
            break
    return out


def track(old_paragraphs: list[str], old_parts: list[Part], old_sections: list[list[str]],
          new_paragraphs: list[str], new_parts: list[Part], aliases: Aliases | None = None) -> list[Commitment]:
    """Status in NEW of every commitment in OLD's plan (or, lacking one, in all of OLD); `aliases`: other
    names of one thing, each found where another is said."""
    promised = _plan_stretch(old_parts)
    new_sentences: list[tuple[str, str]] = []
    for part in new_parts:
        for number in range(part.start, part.end):
            new_sentences += [(c, part.kind) for c in clauses(new_paragraphs[number])]
    old_clauses = []
    every_old_clause = [clauses(paragraph) for paragraph in old_paragraphs]
    stretch = [number for part in old_parts if part in promised for number in range(part.start, part.end)]
    settings = dict(zip(stretch, settings_of([old_paragraphs[number] for number in stretch]), strict=True))
    for part in old_parts:
        if part in promised:
            for number in range(part.start, part.end):
                section = " > ".join(old_sections[number])
                paragraph = old_paragraphs[number]
                found_sentences = sentences(paragraph)
                if heading_level(paragraph) is not None and len(found_sentences) > 1:
                    # （一）heading sentence。Its promises follow: the heading only restates them. A
                    # one-sentence item (（一）加快建设…，办好…。) is itself the promise.
                    paragraph = paragraph[paragraph.index(found_sentences[0]) + len(found_sentences[0]):]
                found = every_old_clause[number] if paragraph is old_paragraphs[number] else clauses(paragraph)
                old_clauses += [(c, section, settings[number]) for c in found if is_commitment(c)]
    old_sentences = [c for found in every_old_clause for c in found]
    index = _Index(new_sentences, old_sentences, aliases if aliases is not None else Aliases())
    new_has_plan = any(p.kind == "plan" for p in new_parts)
    out = []
    for clause, section, setting in old_clauses:
        promise = _promise(clause)
        terms = promise.names + promise.words
        score, at = index.score(promise)
        phrase = main_phrase(clause)
        if phrase and score < FULFILLED_AT and (found_at := index.phrase_at(phrase)) >= 0:
            score, at = FULFILLED_AT, found_at  # said again word for word: never "dropped"
        evidence, kind = new_sentences[at] if at >= 0 else ("", "")
        if score >= FULFILLED_AT:
            status = "carried_over" if kind == "plan" or (not new_has_plan and "将" in evidence) else "fulfilled"
        elif score < DROPPED_BELOW:
            status = "dropped"
        else:
            status = "uncertain"
        out.append(Commitment(clause, section, status, evidence if score >= DROPPED_BELOW else "", score, terms,
                              setting=setting))
    return out
