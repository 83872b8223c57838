"""Which figure of last year's report is which of this year's, and how a plan's targets came out.

Precision first: a pair is `changed` only when the two metrics are the same after canonicalisation
(width, synonyms such as 研发经费 = 研发投入, 占GDP比重 = 强度, 涨幅 = 上涨), of the same kind (a result with a
result, a target with a target, never a multi-year or against-last-year figure), the same measure
(平均 is not 年末) and the same kind of unit. Metrics that are only alike make a `possible` pair, which
says "look here", never "changed"."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from ..text.normal import fold
from .figures import _STOP_KEY, BARE_KIND_AT_MOST, FLOW, FLOW_WORD, TREND_ENDS, Figure, _names_nothing
from .tokens import tagged

POSSIBLE_AT = 82.0  # rapidfuzz ratio of metric keys for "perhaps the same metric"
POSSIBLE_WORK = 1_000_000  # figure pairs beyond which alike metrics are not looked for
TOLERANCE = Decimal("0.1")  # a 左右 target is met within a tenth of itself, a floor exceeded beyond it
RATE_BAND = Decimal("0.5")  # for a rate (in %): half a percentage point
# a share of the year's plan done (完成年计划的112%) is a year's result too: the next report's share is its change
PAIRED_ROLES = ("result", "target", "completion")
_CEILINGS = ("失业率", "价格", "赤字", "负债率", "杠杆率", "物价")  # a target of these is an upper bound


@dataclass
class FigureChange:
    metric: str
    # changed | qualifier (the number kept, its 左右/以上/以内 changed) | unchanged | possible | added | removed
    status: str
    old: Figure | None
    new: Figure | None

    @property
    def difference(self) -> Decimal | None:
        if not (self.old and self.new) or self.old.ordinal or self.status in ("possible", "qualifier"):
            return None
        if self.old.unit == self.new.unit:
            return self.new.number - self.old.number
        return None

    @property
    def percent(self) -> float | None:
        """Relative change; none for rates (their difference is in percentage points) and editions."""
        diff = self.difference
        if diff is None or not self.old or self.old.number == 0 or self.old.unit_class == "%":
            return None
        return round(float(diff / self.old.number * 100), 2)

    @property
    def difference_text(self) -> str:
        diff = self.difference
        if diff is None or not self.old:
            return ""
        unit = "个百分点" if self.old.unit_class == "%" else self.old.unit
        return f"{'+' if diff > 0 else ''}{diff.normalize():f}{unit}"

    def to_dict(self) -> dict[str, Any]:
        return {"metric": self.metric, "status": self.status,
                "old": self.old.to_dict() if self.old else None, "new": self.new.to_dict() if self.new else None,
                "difference": str(self.difference) if self.difference is not None else None,
                "percent": self.percent}


@dataclass
class TargetCheck:
    """A target of last year's plan against the result this year's report gives for it."""

    metric: str
    target: Figure
    result: Figure | None
    status: str  # met | missed | exceeded | not reported

    def to_dict(self) -> dict[str, Any]:
        return {"metric": self.metric, "status": self.status, "target": self.target.to_dict(),
                "result": self.result.to_dict() if self.result else None}


def compatible(a: Figure, b: Figure) -> bool:
    """The same kind of unit: % with %, 家 with 家; a bare 3300万 with any count of the same scale."""
    return a.unit_class == b.unit_class or ("" in (a.unit_class, b.unit_class) and a.unit_class != "%"
                                            and b.unit_class != "%")


def _possible(a: Figure, b: Figure) -> float:
    ka, kb = a.key, b.key
    if not ka or not kb or ka[-1] != kb[-1] or ("、" in ka) != ("、" in kb):
        return 0.0
    return float(fuzz.ratio(ka, kb, score_cutoff=POSSIBLE_AT))


def _things_alike(a: Figure, b: Figure) -> bool:
    return a.key == b.key and len(a.key) >= NAMED_AT_LEAST and not _names_nothing(a.metric) \
        and {a.unit_class, b.unit_class} <= _THINGS and _same_order(a, b)


def _comparable(a: Figure, b: Figure) -> bool:
    """Of one role, measure and kind of unit; under one metric, counters of things stand for one another
    for a value of the same order (社区图书馆1200家 / 1350个, 部门规章6部 / 8件)."""
    return b.role == a.role and (compatible(a, b) or _things_alike(a, b)) and _same_measure(a, b) \
        and a.ordinal == b.ordinal and _points(a) == _points(b)  # 提高1.1个百分点 is no level (达64.5%)


def _same_measure(a: Figure, b: Figure) -> bool:
    """One measure; a year's rate is its mean, so 失业率5.1% and 失业率均值5.3% are one (never 年末 or 累计)."""
    return a.measure == b.measure or ({a.measure, b.measure} == {"", "平均"} and a.unit == b.unit == "%")


INSERTED_AT_MOST = 2  # characters before: 改造背街小巷 is 背街小巷, 规模以上工业增加值 is not 工业增加值
WITHIN_FACTOR = 2  # a metric read under one more word is the same only for a value of the same order


def _same_order(a: Figure, b: Figure) -> bool:
    """Values within WITHIN_FACTOR of each other, neither zero: what every rule of a metric said otherwise asks."""
    low, high = sorted((abs(a.scale), abs(b.scale)))
    return low > 0 and high <= low * WITHIN_FACTOR


_SCOPE = re.compile(r"各类|各项|省级|市级")  # words of scope, anywhere in a metric: 新认定各类孵化载体 = 新认定孵化载体
# a word before that names a part of the residents: 农村居民收入 is no 居民收入 (城镇新增就业 is 新增就业)
_PART_OF = re.compile(r"(?:城镇|农村|城市|乡村)居民")


def _one_word_more(a: Figure, b: Figure) -> bool:
    """Alike metrics that are the same: one key is the other under a word of at most two characters before
    it (特色产业园 / 省级特色产业园, 背街小巷 / 改造背街小巷), of the same unit and a value of the same
    order; never a word that makes a stock a flow (新增, 累计) or names a part (农村, 城镇). A word inside
    narrows the thing (智能型中小工厂 is no 智能型工厂), unless it only says the scope (各类, 省级)."""
    short, long = sorted((a.key, b.key), key=len)
    extra = len(long) - len(short)
    if len(short) < 4 or not 0 < extra <= INSERTED_AT_MOST or a.unit_class != b.unit_class:
        return False
    word_before = long.endswith(short) and not FLOW.search(long[:extra]) \
        and not _PART_OF.match(long[:extra] + short[:2])
    if not (word_before or _SCOPE.sub("", long, count=1) == short):
        return False
    return _same_order(a, b)


_LEVEL_QUALIFIERS = ("达", "超", "提升至", "降至", "近")


def _flow_of(target: Figure, result: Figure) -> bool:
    """A plan's count is what the year adds (建设社区书屋320个, 争取再获批6家以上国家级孵化器): its result is the
    year's 新增 of the same thing; never for a level (达到2.8万家)."""
    return result.key == target.key + FLOW_WORD and compatible(target, result) and target.unit_class != "%" \
        and target.canonical_qualifier() not in _LEVEL_QUALIFIERS and _same_order(target, result)


THING_AT_LEAST = 4  # characters of a thing named after a plan's verb (供热管线), so no bare 工程 or 项目


@lru_cache(maxsize=4096)
def _thing(key: str) -> str:
    """What a plan's item acts on: the words after its last verb (分片区分批次改造供热管线 -> 供热管线)."""
    words = tagged(key)
    last = max((n for n, (_, tag) in enumerate(words) if tag == "v"), default=-1)
    return "".join(word for word, _ in words[last + 1:])


def _same_thing(target: Figure, result: Figure) -> bool:
    """A plan's item under its verbs (分片区分批次改造供热管线420公里) is checked against the result for the thing
    it acts on (供热管线530公里, 改造提升供热管线…), of the same unit and a value of the same order."""
    thing = _thing(target.key)
    if len(thing) < THING_AT_LEAST or thing == target.key or target.unit_class != result.unit_class:
        return False
    if thing not in (result.key, _thing(result.key)):
        return False
    return _same_order(target, result)


def _narrowed_thing(target: Figure, result: Figure) -> bool:
    """The things a plan acts on and the year's deed acted on, one named under a modifier of at most
    ADDED_AT_MOST characters more (选派乡村规划师 / 县域乡村规划师; 高端护理人才 / 招引护理人才): a count, never a
    rate or money, at least one side under its verb, the same unit and a value of the same order."""
    if target.unit_class in ("%", "") or target.unit_class.endswith("元") or not (
            _counted_alike(target, result) or {target.unit_class, result.unit_class} <= _PERSONS):
        return False
    things = _thing(target.key), _thing(result.key)
    if things == (target.key, result.key):  # neither names a deed: two metrics, not one thing acted on
        return False
    short, long = sorted(things, key=len)
    if len(short) < THING_AT_LEAST or not long.endswith(short) or len(long) - len(short) > ADDED_AT_MOST:
        return False
    return _same_order(target, result)


def _object_first(target: Figure, result: Figure) -> bool:
    """A plan's verb and object (改造城镇危旧楼房3万户) reported object first (危旧楼房改造3.2万户): the result's
    key is the object, or its end after a word of at most two characters, then the plan's verb; the same unit
    and a value of the same order."""
    words = tagged(target.key)
    if not words or words[0][1] != "v" or target.unit_class != result.unit_class:
        return False
    verb = words[0][0]
    thing, other = target.key[len(verb):], result.key.removesuffix(verb)
    if other == result.key or len(other) < THING_AT_LEAST or not thing.endswith(other) \
            or len(thing) - len(other) > INSERTED_AT_MOST:
        return False
    return _same_order(target, result)


def _named_before(target: Figure, result: Figure) -> bool:
    """A plan's metric whose subject stands in a clause before it (开通环湖城际铁路，运营里程达到800公里) is the
    result's that names that subject (城际铁路运营里程): the result's key is the target's under words that
    the target's own sentence says, of the same unit and a value of the same order."""
    short, long = target.key, result.key
    extra = long[:-len(short)] if len(short) >= THING_AT_LEAST and long.endswith(short) else ""
    if len(extra) < 2 or extra not in fold(target.sentence) or target.unit_class != result.unit_class \
            or FLOW.search(extra) or _PART_OF.match(extra + short[:2]):
        return False
    return _same_order(target, result)


NAMED_AT_LEAST = 3  # characters of the shorter metric read under more words (产量 names no thing alone)
# characters of a name specific enough that a place or body before it (地表水…, 全市…) says where, not which part
SPECIFIC_AT_LEAST = 6
_NARROWING = re.compile(r"以上|以下")  # 规模以上, 限额以上: a boundary that narrows what is counted
_UNNAMED = {"增长", "下降", "比率", "强度", "总额", "收入", "投资", "规模", "产量"}  # a measure of nothing named
_ACTION_TAGS = ("v", "vn")  # words before a thing that say what was done to it (改造, 开工建设); never 年初提出的…
# words inside or after a name that make it a clause (市财政用于养老的支出, 市财政为此将增加支出): a use, no name
_CLAUSE_TAGS = ("v", "d", "r", "p", "f", "c", "u")
_QUALIFIER_TAGS = ("a", "j")  # a size or kind inside a name narrows it (科技型中小企业 is no 科技型企业)


def _inserted(short: str, long: str) -> tuple[int, list[tuple[str, str]]] | None:
    """Where and which words `long` adds to `short` in one place, whole words of `long` where they can be
    (林业增长 in 林业增加值增长: 增加值 at 2, never 加值增 at 3; 蔬菜产量 in 蔬菜总产量: 总 at 2), else None; words
    before it are whole words (给排水管网 adds no 给 to 排水管网)."""
    words = tagged(long)
    ends = [0]
    for word, _ in words:
        ends.append(ends[-1] + len(word))
    size = len(long) - len(short)
    places = [at for at in range(len(short) + 1) if long.startswith(short[:at]) and long.endswith(short[at:])]
    for at in places:
        if at in ends and at + size in ends:
            return at, [w for w, end in zip(words, ends[1:], strict=False) if at < end <= at + size]
    inside = [at for at in places if at > 0]
    return (inside[0], tagged(long[inside[0]:inside[0] + size])) if inside else None


def _scope_said(figure: Figure, scope: str, name: str) -> bool:
    """The scope a longer name adds is a word of the shorter one's own sentence, before it and apart from it
    (全省外贸形势稳中向好，出口增长7.3%: 外贸出口; never 非纺织工业增长, never 纺织 inside another word)."""
    sentence = fold(figure.sentence)
    words = [word for word, _ in tagged(sentence)]
    return scope in words and scope + name not in sentence and sentence.find(scope) < sentence.find(name[:2])


def _contained(a: Figure, b: Figure) -> bool:
    """One report names the metric under more words than the other (蔬菜产量 / 蔬菜总产量, 雨水管网 / 改造雨水管网,
    林业增长 / 林业增加值增长): the same thing when the shorter name is whole in the longer one, the
    words added are no more than it, of the same unit and a value of the same order. Words before it only
    when they say what was done to the thing (改造雨水管网 = 雨水管网) or a scope its sentence names (纺织工业增长
    is no 工业增长 elsewhere), or before a name of SPECIFIC_AT_LEAST characters (地表水国考断面优良比例), never a
    time word (年初确定的…); words inside
    or after it only when they are no clause (市财政用于养老的支出 is no 市财政支出); never words that make a
    stock a flow (新增, 累计), name a part (农村居民) or a boundary (规模以上)."""
    short, long = sorted((a.key, b.key), key=len)
    size = len(long) - len(short)
    if len(short) < NAMED_AT_LEAST or short in _UNNAMED or size > len(short) \
            or not a.unit_class or a.unit_class != b.unit_class or _points(a) != _points(b):
        return False
    found = _inserted(short, long) if size > 0 else None
    if found is None and size > 0 and long.endswith(short):
        found = (0, [])  # 外贸出口 is one word: 外贸 only as a scope the sentence names
    if found is None:
        return False
    at, words = found
    extra = long[at:at + size]
    if FLOW.search(extra) or _NARROWING.search(extra) or bool(_PART_OF.search(long)) != bool(_PART_OF.search(short)):
        return False
    tags = [tag for _, tag in words]
    if at == 0 and ("v" not in tags or not all(tag in _ACTION_TAGS for tag in tags)) \
            and not _scope_said(next(f for f in (a, b) if f.key == short), extra, short) \
            and len(short.replace(FLOW_WORD, "")) < SPECIFIC_AT_LEAST:
        return False
    if "t" in tags:  # 年初确定的…: the plan said again, no result
        return False
    if at > 0 and any((tag.startswith(_CLAUSE_TAGS) and tag != "vn") or tag in _QUALIFIER_TAGS for tag in tags):
        return False
    return _same_order(a, b)


def _a_kind_of(target: Figure, result: Figure) -> bool:
    """The result's name is the target's with a noun inside before a noun (规上工业增长 / 规上电子工业增长): a kind
    of the thing, a part of it, whose result says nothing of the whole the plan set."""
    found = _inserted(target.key, result.key) if len(result.key) > len(target.key) else None
    if found is None or found[0] == 0 or not found[1]:
        return False
    return found[1][-1][1].startswith("n") and _noun_at(result.key, found[0] + len(result.key) - len(target.key))


def _noun_at(key: str, at: int) -> bool:
    """The word of `key` that opens at `at` is a noun (工业 of 电子工业; never 增长 of 增加值增长)."""
    start = 0
    for word, tag in tagged(key):
        if start == at:
            return tag.startswith("n")
        start += len(word)
    return False


Rule = Callable[[Figure, Figure], bool]


def _near_chars(a: Figure, b: Figure) -> bool:
    """One key's characters all in the other's: the quick test before `_contained`."""
    return set(a.key) <= set(b.key) or set(b.key) <= set(a.key)


def _unrivalled_pairs(old: list[Figure], new: list[Figure], by_key: dict[str, list[int]], near: Rule,
                      alike: Rule) -> list[tuple[int, int]]:
    """Pairs of `alike` metrics (`near` a quick test before it) that nothing else competes for: neither metric
    has an equal one of its role in the other report, and each figure has no other such partner of another
    reading (the same figure said twice is one partner)."""
    old_keys = {(f.key, f.role) for f in old}
    by_class: dict[str, list[int]] = {}
    for j, b in enumerate(new):
        if b.role in PAIRED_ROLES and (b.key, b.role) not in old_keys:
            by_class.setdefault(b.unit_class, []).append(j)
    found: dict[int, list[int]] = {}
    partners: dict[int, list[int]] = {}
    for i, a in enumerate(old):
        if a.role not in PAIRED_ROLES or any(new[j].role == a.role for j in by_key.get(a.key, [])):
            continue
        for j in by_class.get(a.unit_class, []):
            b = new[j]
            if near(a, b) and _comparable(a, b) and alike(a, b):
                found.setdefault(i, []).append(j)
                partners.setdefault(j, []).append(i)

    def one_reading(figures: list[Figure]) -> bool:
        return all(f.same_reading(figures[0]) and f.key == figures[0].key for f in figures)

    return [(i, js[0]) for i, js in sorted(found.items()) if one_reading([new[j] for j in js])
            and all(one_reading([old[k] for k in partners[j]]) for j in js)]


CORE_AT_LEAST = 4  # characters of the name two metrics end on (农村公路), so no bare 资金 or 项目
# measure words that name nothing alone: a shared 投资增长 or 财政资金 ends is no same thing
_MEASURE_END = re.compile(r"(?:增长|下降|投资|收入|支出|资金|项目|企业|贷款|比率|占比|总额|规模|产量|面积|数量|增加值|"
                          r"金额|补贴|资助|奖励|人员|人才|工程|建设)+$")
_ACTED = ("v", "vd", "vn", "ad", "d")  # jieba tags of a word that says what was done to a thing (改造, 开工, 认真)


def _last_two_alike(a: Figure, b: Figure) -> bool:
    """The quick test before `_reworded`: the keys end on the same two characters."""
    return a.key[-2:] == b.key[-2:]


def _end_alike(a: Figure, b: Figure) -> bool:
    """The quick test before `_acted_on`: the keys end on the same characters."""
    return a.key[-CORE_AT_LEAST:] == b.key[-CORE_AT_LEAST:]


def _word_starts(key: str) -> set[int]:
    """Where each word of `key` opens."""
    starts, at = set(), 0
    for word, _ in tagged(key):
        starts.add(at)
        at += len(word)
    return starts


def _shared_end(a: str, b: str) -> int:
    """Characters of the longest end the two keys share that opens on a word of each (巡游线路 in
    和优化巡游线路 / 及优化调整巡游线路), 0 for none."""
    size = 0
    while size < min(len(a), len(b)) and a[-1 - size] == b[-1 - size]:
        size += 1
    starts = [_word_starts(key) for key in (a, b)]
    while size and not (len(a) - size in starts[0] and len(b) - size in starts[1]):
        size -= 1
    return size


def _acted_on(a: Figure, b: Figure) -> bool:
    """One thing said under other verbs in the two reports (开工改造乡村步道 / 改造乡村步道, 提质改造山塘水库 /
    改造提升山塘水库): the keys end on the same whole words naming a thing (no bare measure: 投资增长), what each
    adds before it ends on a word of what was done (a verb or adverb) and holds no time word (年初确定的…下降 is
    the plan said again), only one of them names a noun of its own (中央财政投入… / 省级财政投入… are two
    payers), both or neither a flow; of a value of the same order."""
    if a.key.endswith(FLOW_WORD) != b.key.endswith(FLOW_WORD):
        return False
    size = _shared_end(a.key, b.key)
    for word, tag in tagged(a.key[len(a.key) - size:]):  # a verb both say (…和废止X / …废止X) is what was done
        if tag not in _ACTED or size - len(word) < CORE_AT_LEAST:
            break
        size -= len(word)
    core = a.key[len(a.key) - size:]
    measure = _MEASURE_END.sub("", core.removesuffix(FLOW_WORD))
    if size < CORE_AT_LEAST or len(measure) < 2 or size == len(a.key) == len(b.key):
        return False
    before = [tagged(key[:len(key) - size]) for key in (a.key, b.key)]
    if any(words and words[-1][1] not in _ACTED for words in before) or not any(before) \
            or any(tag == "t" for words in before for _, tag in words):  # 年初确定的…: a target said again
        return False
    nouns = [{w for w, tag in words if tag.startswith("n") and len(w) >= 2} for words in before]
    if nouns[0] - nouns[1] and nouns[1] - nouns[0]:
        return False
    return _same_order(a, b)


def _planned_flow(a: Figure, b: Figure) -> bool:
    """Two plans' counts of a thing, one said with a flow word (新增发放贷款160亿元 / 发放贷款180亿元, 新建改造敬老院
    / 敬老院): a plan's bare count is what its year adds either way, so the flow word says nothing of what is
    counted; never a level (达到2万家), a rate, and the rest of the names the same or alike as `_contained` reads
    them."""
    if a.role != "target" or b.role != "target" or a.unit_class in ("%", "") or a.unit_class != b.unit_class \
            or (FLOW_WORD in a.key) == (FLOW_WORD in b.key):
        return False
    if any(f.canonical_qualifier() in _LEVEL_QUALIFIERS for f in (a, b)):
        return False
    bare_a, bare_b = (replace(f, metric=f.key.replace(FLOW_WORD, "")) for f in (a, b))
    if not bare_a.key or bare_a.key != bare_a.metric or bare_b.key != bare_b.metric:
        return False
    return (bare_a.key == bare_b.key and _same_order(a, b)) or _contained(bare_a, bare_b)


REWORDED_AT_LEAST = 4  # characters the two names share in order (专利转让金额), so no bare 企业 or 项目
SHARED_SHARE = 0.8  # of the shorter name: said again with a word more or less, never another thing
_DONE_TAGS = ("v", "vd", "d", "ad")  # an added word that says what was done (登记, 兑现, 办理), no thing
_POINTING = ("r",)  # jieba's pronouns (为此, 这些): a name that points at its context names no metric of its own
_JOINING = ("u", "p", "c")  # particles, prepositions, conjunctions: words of a clause, no name's


def _in_order(short: str, long: str) -> int:
    """Characters of `short` found in `long` in order (the longest common subsequence)."""
    row = [0] * (len(long) + 1)
    for char in short:
        previous = 0
        for n, other in enumerate(long):
            previous, row[n + 1] = row[n + 1], previous + 1 if char == other else max(row[n + 1], row[n])
    return row[-1]


def _head(key: str) -> str:
    """The noun a metric ends on, before its trend (专利转让金额增长 -> 金额): what is measured."""
    words = [word for word, _ in tagged(key.removesuffix(FLOW_WORD))]
    while len(words) > 1 and words[-1] in TREND_ENDS:
        words.pop()
    return words[-1] if words else ""


def _said_before(word: str, figure: Figure) -> bool:
    """`word`, a word of two characters or more, stands in the figure's sentence before it (风电发电量…，装机占比
    突破30%: 风电)."""
    return len(word) >= 2 and word in fold(figure.sentence[:max(figure.sentence.find(figure.raw), 0)])


def _extras_said(a: Figure, b: Figure) -> bool:
    """Each run of words one name has and the other lacks, or each of its words of two characters or more,
    says what was done (登记, 办理) or is said before the other figure in its sentence: the other report left
    it to the context. Never a word of a part, a boundary
    or a flow, nor one of a clause (的, 为此: 市财政为此增加支出 is of what its sentence speaks of, no metric)."""
    for this, other in ((a, b), (b, a)):
        run: list[tuple[str, str]] = []
        for word, tag in [*tagged(this.key), ("", "")]:
            if tag.startswith(_POINTING):
                return False
            if word and word not in other.key:
                if FLOW.search(word) or _NARROWING.search(word) or _PART_OF.search(word) or tag.startswith(_JOINING):
                    return False
                run.append((word, tag))
                continue
            if run and not _said_before("".join(w for w, _ in run), other) and not all(
                    len(w) >= 2 and (t.startswith(_DONE_TAGS) or _said_before(w, other)) for w, t in run):
                return False  # 将, 已, 再 say when or again: a clause (市财政将补助…), no name
            run = []
    return True


def _reworded(a: Figure, b: Figure) -> bool:
    """One metric said in other words (专利转让金额增长 / 登记专利转让金额增长, 装机占比 / 风电装机占比 after
    风电… in its sentence): the same head noun and trend, the shorter name nearly whole in the longer in
    order, each added word an action or said in the other's sentence; the same unit and, but for a rate of
    change, a value of the same order."""
    short, long = sorted((a.key, b.key), key=len)
    if not a.unit_class or a.unit_class != b.unit_class or _points(a) != _points(b):
        return False
    if [k.endswith(TREND_ENDS) for k in (a.key, b.key)] != [k.endswith(TREND_ENDS) for k in (b.key, a.key)] \
            or (FLOW_WORD in a.key) != (FLOW_WORD in b.key):
        return False
    shared = _in_order(short, long)
    if shared < REWORDED_AT_LEAST or shared < SHARED_SHARE * len(short) or _head(a.key) != _head(b.key) \
            or not _extras_said(a, b):
        return False
    return (a.unit_class == "%" and a.key.endswith(TREND_ENDS)) or _same_order(a, b)


ALIKE_AT_LEAST = 4  # characters two names of one metric share in order (高铁里程), so no bare 企业 or 投资
ALIKE_SHARE = 2 / 3  # of the shorter name: a word or two said otherwise (通车里程 / 营业里程), the rest the same


def _measured(key: str) -> str:
    """The last two characters of what a metric measures, before its trend (…总额增长 -> 总额; 投入 is no 收入)."""
    for end in TREND_ENDS:
        key = key.removesuffix(end)
    return key[-2:]


def _alike(target: Figure, result: Figure) -> int:
    """Characters of the shorter name the other says in order, when the two may name one metric in other words
    (高铁通车里程 / 高铁营业里程, 外送能力 / 外送电能力): the same unit and a value of the same order, nothing
    that tells the names apart (`_told_apart`), neither a narrower kind of the other (`_narrows`), two thirds of
    the shorter name in order; else 0."""
    short, long = sorted((target.key, result.key), key=len)
    if not target.unit_class or target.unit_class != result.unit_class or not _same_order(target, result) \
            or _told_apart(short, long) or _narrows(short, long) \
            or any(tag.startswith(_POINTING) and len(word) > 1 for word, tag in tagged(target.key)):  # 为此…
        return 0
    shared = _in_order(short, long)
    return shared if shared >= ALIKE_AT_LEAST and shared >= ALIKE_SHARE * len(short) else 0


def _told_apart(a: str, b: str) -> bool:
    """Two names of two metrics, however alike: another end of what is measured, a change or a flow on one side
    only, another part of the residents, a list on one side (甲和乙 / 乙), two kinds (`_other_kind`), or a time
    word (年初确定的…: the plan said again)."""
    return _measured(a) != _measured(b) or (FLOW_WORD in a) != (FLOW_WORD in b) \
        or a.endswith(TREND_ENDS) != b.endswith(TREND_ENDS) or _part(a) != _part(b) or _joins(a) != _joins(b) \
        or _other_kind(a, b) or any(tag == "t" for key in (a, b) for _, tag in tagged(key))


def _narrows(short: str, long: str) -> bool:
    """The longer name is the shorter with a noun, a size or a kind inside it (市重点技改项目 / 市重点项目): a part
    of the thing, as `_contained` reads it."""
    found = _inserted(short, long) if len(long) > len(short) else None
    return found is not None and found[0] > 0 and any(
        tag in _QUALIFIER_TAGS or tag.startswith("n") for _, tag in found[1])


_JOINS = re.compile(r"[、和及与]")  # a name of two things or more (甲和乙, 甲、乙): never the name of one of them


def _joins(key: str) -> bool:
    return bool(_JOINS.search(key))


def _other_kind(a: str, b: str) -> bool:
    """Each name puts words of its own before one end, sharing no character (户甲人口比率 / 常乙人口比率, 一产… /
    二产…): two kinds of one thing, never one metric said otherwise."""
    size = 0
    while size < min(len(a), len(b)) and a[-1 - size] == b[-1 - size]:
        size += 1
    heads = a[:len(a) - size], b[:len(b) - size]
    return all(heads) and not set(heads[0]) & set(heads[1])


def _part(key: str) -> str:
    """The part of the residents a metric names (农村居民), or ''."""
    found = _PART_OF.search(key)
    return found.group() if found else ""


def _rewording(target: Figure, pool: list[Figure], known: set[str], named: set[str], old_text: str) -> list[Figure]:
    """The year's result for a target no rule found, under a name alike to its own (`_alike`) that the old report
    never uses (`known`, its figures' names, and `old_text`, but for a name the target's holds whole: a name it
    uses is another metric), when the new report never says the target's own name (`named`: it still has the
    metric, so another name is another thing); the closest, and only when the closest say one reading (two
    readings are two things, not one reworded)."""
    if target.key in named:
        return []
    def unknown(result: Figure) -> bool:
        return result.key not in known and (_in_order(result.key, target.key) == len(result.key)
                                            or result.metric not in old_text)
    scored = [(shared, f) for f in pool if unknown(f) and (shared := _alike(target, f))]
    best = max((shared for shared, _ in scored), default=0)
    top = [f for shared, f in scored if shared == best]
    return top[:1] if top and all(f.key == top[0].key and f.same_reading(top[0]) for f in top) else []


def _streak_goes_on(a: Figure, b: Figure) -> bool:
    """A streak (连续4年) a year later is one year longer; another length is another streak (连续2年位列第一 /
    连续4年获评A级), at most `possible`."""
    return a.unit != "年" or b.unit != "年" or b.number - a.number == 1


def _names_a_thing(figure: Figure) -> bool:
    """A metric that is a flow word alone (新建2个, 新开通9个) counts nothing a reader can name."""
    return len(figure.key.replace(FLOW_WORD, "")) >= 2


def _flow_against_level(a: Figure, b: Figure) -> bool:
    """Two plans' counts of things, one a level to reach (突破5000家) and the other a bare count (培育800家, what
    the year adds), of values of another order: a stock against a flow, at most `possible`."""
    if a.role != "target" or b.role != "target" or a.unit_class not in _THINGS:
        return False
    levels = [f.canonical_qualifier() in _LEVEL_QUALIFIERS for f in (a, b)]
    return levels[0] != levels[1] and not _same_order(a, b)


def _flow_unsaid(a: Figure, b: Figure) -> bool:
    """Two years' results of one work, one said with its flow word (新增国土绿化 / 国土绿化, both in 万亩): what a year
    did is its flow whether or not the word says so; never a count of things or bodies (重点实验室 17家 is a
    stock beside 新增12家), never a level reached (达, 超), the same unit and a value of the same order."""
    short, long = sorted((a.key, b.key), key=len)
    if a.role != "result" or b.role != "result" or long != short + FLOW_WORD or len(short) < NAMED_AT_LEAST:
        return False
    if a.unit != b.unit or a.unit_class in ("%", "", *_THINGS) or any(
            f.canonical_qualifier() in _LEVEL_QUALIFIERS for f in (a, b)):
        return False
    return _same_order(a, b)


_SAID_AFTER = ("v", "a", "ad", "d")  # words after a name that say how it went (翻番, 高效), no thing of their own
_PAYER = re.compile(r"(?:财政|政府|中央)$")  # who pays, not what is paid for: a verb after it opens a clause


def _said_after(a: Figure, b: Figure) -> bool:
    """One name with a predicate after it (进出口总额翻番 / 进出口总额, 市财政赤字预算 / 市财政赤字): the words
    added say how the thing went, no thing of their own, never a trend (增长) or a flow; the same unit and
    a value of the same order; never after a payer alone (市财政投入: who pays, the thing paid for unsaid)."""
    short, long = sorted((a.key, b.key), key=len)
    if len(short) < NAMED_AT_LEAST or short in _UNNAMED or not long.startswith(short) or len(long) == len(short) \
            or a.unit != b.unit or _points(a) != _points(b) or _PAYER.search(short):
        return False
    found = _inserted(short, long)
    if found is None or found[0] != len(short) or FLOW.search(long[len(short):]):
        return False
    if not all(tag in _SAID_AFTER and word not in TREND_ENDS for word, tag in found[1]):
        return False
    return _same_order(a, b)


def _verb_last(a: Figure, b: Figure) -> bool:
    """One work said verb first and verb last (治理沙化土地 / 沙化土地治理, 修复河湖岸线 / 河湖岸线生态修复): the
    same verb and thing, the verb-last name with at most INSERTED_AT_MOST characters of manner before its verb;
    of one role and unit and a value of the same order."""
    if a.role != b.role or a.unit != b.unit:
        return False
    for first, last in ((a.key, b.key), (b.key, a.key)):
        words = tagged(first)
        if not words or words[0][1] not in ("v", "vn") or len(words[0][0]) < 2:
            continue
        verb, thing = words[0][0], first[len(words[0][0]):]
        rest = last.removesuffix(verb)
        if len(thing) >= NAMED_AT_LEAST and rest != last and rest.startswith(thing) \
                and len(rest) - len(thing) <= INSERTED_AT_MOST:
            return _same_order(a, b)
    return False


_WHERE_TAGS = ("s", "ns", "nt", "r", "v")  # jieba tags of words before a name that say where, whose or how got
_AREA = re.compile(r"城镇|农村|城市|乡村")  # the town or country part of a place (城镇老旧小区): a part, not where


def _placed_before(a: Figure, b: Figure) -> bool:
    """A quantity of one thing named with where, whose or how got before it in one report (国内实缴资金 /
    实缴资金, 发放各类补助资金 / 补助资金): whole words of a place, a body, a scope or a deed before a name of
    NAMED_AT_LEAST characters, no time, flow, part (城镇, 农村) or boundary; never a common noun (工业园区污水管网
    is a part of 污水管网), never a rate (纺织工业增长 is a part of 工业增长, of the same order), the
    same unit and a value of the same order."""
    short, long = sorted((a.key, b.key), key=len)
    if len(short) < NAMED_AT_LEAST or short in _UNNAMED or len(long) == len(short) or not long.endswith(short) \
            or a.unit != b.unit or a.unit_class in ("%", ""):
        return False
    found = _inserted(short, long)
    if found is None or found[0] != 0 or not found[1]:
        return False
    extra = long[:len(long) - len(short)]
    if FLOW.search(extra) or _NARROWING.search(extra) or _AREA.search(extra) \
            or not all(tag.startswith(_WHERE_TAGS) and tag != "vn" for _, tag in found[1]):
        return False
    return _same_order(a, b)


# The rules pairing metrics said in other words, tried on figures nothing else pairs, surest first (a pair one
# finds outranks a later one's): name (shown as the pair's `how`), quick test, the rule.
_UNRIVALLED_RULES: tuple[tuple[str, Rule, Rule], ...] = (
    ("contained", _near_chars, _contained),
    ("acted on", _end_alike, _acted_on),
    ("planned flow", _near_chars, _planned_flow),
    ("reworded", _last_two_alike, _reworded),
    ("flow unsaid", _near_chars, _flow_unsaid),
    ("said after", _near_chars, _said_after),
    ("verb last", _near_chars, _verb_last),
    ("placed before", _near_chars, _placed_before),
)


def pair_figures(old: list[Figure], new: list[Figure]) -> list[FigureChange]:
    """One-to-one: equal metrics first (the same reading first, then in document order), then alike ones.
    Alike metrics are looked for only between figures whose keys end alike, and not at all between two
    documents of more than POSSIBLE_WORK figure pairs (a hint is not worth a quadratic search)."""
    candidates: list[tuple[float, float, int, int, str]] = []
    by_key: dict[str, list[int]] = {}
    by_end: dict[str, list[int]] = {}
    for j, b in enumerate(new):
        by_key.setdefault(b.key, []).append(j)
        by_end.setdefault(b.key[-1:], []).append(j)
    look_alike = len(old) * len(new) <= POSSIBLE_WORK
    for i, a in enumerate(old):
        if a.role not in PAIRED_ROLES:
            continue
        for j in by_key.get(a.key, []):
            if _comparable(a, new[j]):
                order = abs(i / max(len(old), 1) - j / max(len(new), 1))
                # the same unit before a compatible one: 61.3万人 pairs with 63.8万人, not with 12.5万
                tier = 0 if a.same_reading(new[j]) else 1 if a.unit == new[j].unit else 1.5
                candidates.append((tier, order, i, j, "exact"))
        for j in by_end.get(a.key[-1:], []) if look_alike else []:
            if new[j].key != a.key and _comparable(a, new[j]) and (score := _possible(a, new[j])):
                candidates.append((3, -score, i, j, "possible"))
    for tier, (how, near, alike) in enumerate(_UNRIVALLED_RULES):
        candidates += [(2 + tier / len(_UNRIVALLED_RULES), 0.0, i, j, how)
                       for i, j in _unrivalled_pairs(old, new, by_key, near, alike)]
    candidates.sort()
    used_old: set[int] = set()
    used_new: set[int] = set()
    out = []
    for _, _, i, j, kind in candidates:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        a, b = old[i], new[j]
        sure = (kind != "possible" or _one_word_more(a, b)) \
            and _streak_goes_on(a, b) and not _flow_against_level(a, b) and _names_a_thing(a)
        status = "possible" if not sure else "unchanged" if a.same_reading(b) else \
            "qualifier" if a.scale == b.scale and a.canonical_qualifier() != b.canonical_qualifier() else \
            "unchanged" if a.scale == b.scale else "changed"  # 4部 / 4件 of one metric: unchanged
        out.append(FigureChange(b.metric, status, a, b))
    out += [FigureChange(f.metric, "removed", f, None) for i, f in enumerate(old)
            if i not in used_old and f.role in PAIRED_ROLES]
    out += [FigureChange(f.metric, "added", None, f) for j, f in enumerate(new)
            if j not in used_new and f.role in PAIRED_ROLES]
    rank = {"changed": 0, "qualifier": 1, "possible": 2, "unchanged": 3, "added": 4, "removed": 5}
    return sorted(out, key=lambda c: (rank[c.status], c.new.start if c.new else c.old.start if c.old else 0))


ADDED_AT_MOST = 3  # characters a plan or a review adds to a thing's name (提升街心花园, 重点改造项目, 社区型…)
_COUNTERS = set("个项家所座处条件套台")  # counters of things: 实施改造项目300项 is done as 改造项目310个
_PERSONS = {"名", "人"}  # counters of persons: 招募志愿者5000人 is done as 5200名
_THINGS = _COUNTERS | {"部", "户"}  # 户 counts firms and households as 家 and 个 do


def _counted_alike(a: Figure, b: Figure) -> bool:
    """Counts of things under counters that stand for one another (项 and 个), or the same unit."""
    if a.unit_class == b.unit_class:
        return True
    return {a.unit_class, b.unit_class} <= _COUNTERS and "个" in (a.unit_class, b.unit_class)


def _added(short: str, long: str) -> tuple[int, int] | None:
    """(characters, places) `long` adds to `short` when `short` is `long` with some characters left out,
    else None: 街心花园 in 提升街心花园 is (2, 1), 改造项目 in 实施重点改造项目 (4, 1), in 实施改造新项目 (3, 2)."""
    at, places, previous = 0, 0, -1
    for char in short:
        found = long.find(char, at)
        if found < 0:
            return None
        places += found > at or (previous < 0 < found)
        previous, at = found, found + 1
    return len(long) - len(short), places + (at < len(long))


def _same_count(target: Figure, result: Figure) -> bool:
    """A plan's count of things and the year's count of them, as each report names them: one name is the
    other with a few characters added at one or two places (新建提升街心花园40个 / 建成街心花园44个; 实施智能化
    改造项目 / 重点智能化改造项目), the same last two characters (the thing), counters of things, a
    value of the same order; never a rate or money (农村居民收入 is no 居民收入, 限额以上零售 no 零售), never
    a level against a year's flow."""
    if target.unit_class in ("%", "") or target.unit_class.endswith("元") or not _counted_alike(target, result):
        return False
    if target.canonical_qualifier() in _LEVEL_QUALIFIERS and FLOW_WORD in result.key:
        return False
    short, long = sorted((target.key.replace(FLOW_WORD, ""), result.key.replace(FLOW_WORD, "")), key=len)
    if len(short) < THING_AT_LEAST or short[-2:] != long[-2:]:
        return False
    if short[-THING_AT_LEAST:] != long[-THING_AT_LEAST:]:  # a word just before the thing narrows it: 重点技改项目
        return False
    added = _added(short, long)
    if added is None or added[0] > ADDED_AT_MOST or added[1] > 2:
        return False
    return _same_order(target, result)


LEVEL_NAME_AT_LEAST = BARE_KIND_AT_MOST + 1  # characters: 企业, 省级, 项目 name a kind, no level of it


def _names_a_level(target: Figure) -> bool:
    """Only a rate or a level of something is a target: never a count written in words (十项措施, 九方面:
    the plan's outline) or of the plan's own parts in digits, a count of nothing (力争6个) or of a bare kind
    (企业4000家, where the clause named the thing before)."""
    metric = _CUE.sub("", target.metric)
    # a rate of change names what changes, even a word the tagger reads as a verb (进口增长4%)
    changes = target.unit_class == "%" and len(metric) >= 4 and metric.endswith(TREND_ENDS)
    return any(char.isdigit() for char in target.raw) and (changes or not _names_nothing(metric)) \
        and len(_STOP_KEY.sub("", fold(metric))) >= LEVEL_NAME_AT_LEAST \
        and not _counts_parts(target)  # as written: 高新技术企业 is no bare kind


_PARTS = ("方面", "部分")  # what a plan counts of itself (做好8个方面工作：): the parts that follow, no thing


def _counts_parts(target: Figure) -> bool:
    """A count followed by a word for parts (8个方面, 3个部分) counts the parts of the text it opens, its outline."""
    at = target.sentence.find(target.raw)
    return at >= 0 and target.sentence.startswith(_PARTS, at + len(target.raw))


def _points(figure: Figure) -> bool:
    """A change in percentage points (提高1.2个百分点), never judged against a level (达71%)."""
    return figure.unit in ("个百分点", "百分点")


_CUE = re.compile(r"力争|确保|争取|预期目标为?|目标为?|今年|全年|中央提出|提出")
_AIMING = re.compile(r"[、，,](?:力争|确保|争取)")  # a verb of aiming after another item: the aim follows it


def _aim(metric: str) -> str:
    """The metric a plan aims at: the words after its last verb of aiming, when it follows another item
    (建好甲园区、力争乙人数 -> 乙人数), else the metric without its cues (确保, 今年)."""
    after = _AIMING.split(metric)[-1]
    return _CUE.sub("", after if len(after) >= 2 and after != metric else metric)


def _ceiling(figure: Figure) -> bool:
    return any(word in figure.key for word in _CEILINGS) and not figure.key.endswith("下降")


_RANGE = re.compile(r"区间至(-?\d+(?:\.\d+)?)$")
_OPPOSITE = {"增长": "下降", "下降": "增长"}


def _opposite(key: str) -> str:
    """The key of the same metric under the other trend (固定资产投资增长 / 固定资产投资下降), or ''."""
    return next((key[:-2] + other for trend, other in _OPPOSITE.items() if key.endswith(trend)), "")


def _signed(target: Figure, result: Figure) -> Decimal:
    """The result as a change in the target's direction: 下降2.1% of a growth target is a growth of -2.1%."""
    opposite = _opposite(result.key)
    return -result.scale if opposite and target.key.endswith(opposite[-2:]) else result.scale


def judge(target: Figure, result: Figure) -> str:
    """met | missed | exceeded, by the target's qualifier: a ceiling (以内, 以下, 降至, or a target of an
    unemployment rate, a price rise, a deficit) is met at or below it (a 左右 one within its band); a 左右
    target, even after a level's verb (达到58%左右), within its band (a tenth of itself, half a point for a
    rate), missed below, exceeded above; a range (5%-5.5%) met within it or its band above, missed below; a
    floor (以上, 超, or a bare number) is met at or above it and exceeded beyond its band."""
    t, r = target.scale, _signed(target, result)
    band = RATE_BAND if target.unit in ("%", "个百分点", "百分点") else abs(t) * TOLERANCE
    qualifier = target.canonical_qualifier()
    about = qualifier == "左右" or target.raw.endswith("左右")  # 达到58%左右, 降至15%左右: about the level
    top = _RANGE.search(qualifier)
    high = t * Decimal(top.group(1)) / target.number if top and target.number else t
    if qualifier in ("以内", "以下", "降至") or _ceiling(target):
        return "met" if r <= high + (band if about else 0) else "missed"
    if top:
        return "missed" if r < t else "exceeded" if r > high + band else "met"
    if about:
        return "missed" if r < t - band else "exceeded" if r > t + band else "met"
    return "missed" if r < t else "exceeded" if r > t + band else "met"


def judge_completion(target: Figure, done: Figure) -> str:
    """A target against the share of it the year did (完成年计划的118%): all of it is a target's result,
    more than its band beyond it exceeded (a 左右 or ceiling target met within it), less missed."""
    share = done.number / 100
    band = TOLERANCE
    if share < 1 - (band if target.canonical_qualifier() == "左右" else 0):
        return "missed"
    ceiling = target.canonical_qualifier() in ("以内", "以下", "降至") or _ceiling(target)
    return "exceeded" if share > 1 + band and not ceiling else "met" if share <= 1 + band or not ceiling \
        else "missed"


def _counts_alike(target: Figure, result: Figure) -> bool:
    """Of a compatible kind or counters of things of one metric (件 and 项), and a bare number (沼气产量90亿,
    its unit left out) only at the same order as a counted one: 2个 of the same words is another thing."""
    if _things_alike(target, result):  # 便民项目18件 done as 18项
        return True
    if not compatible(target, result):
        return False
    if target.unit_class == result.unit_class:
        return True
    return _same_order(target, result)


FAR_BEYOND = 3  # times a count's target: a result beyond it is a total of several years, not the year's


def _far_beyond(target: Figure, result: Figure) -> bool:
    """A count of the year more than FAR_BEYOND times its plan (新增技能人才5万人 against 30万人) is read from the
    review of several years: no plan is beaten six-fold. Rates are exempt (增长5% against 18.5%)."""
    return target.unit_class != "%" and target.scale > 0 and result.scale > target.scale * FAR_BEYOND


_MEASURE_PREFERENCE = {"平均": 0, "": 1, "年末": 2}


def _restated(a: Figure, b: Figure) -> bool:
    """The same target said again (提出今年居民收入增长4.5%左右的目标 after 居民收入增长4.5%左右): the same
    reading under a metric that ends with the other's."""
    return a.same_reading(b) and a.unit == b.unit and (a.key.endswith(b.key) or b.key.endswith(a.key))


def _once(targets: Iterable[Figure]) -> list[Figure]:
    """One verdict per target: of a target and its restatements, the one under the shortest metric."""
    kept: list[Figure] = []
    for target in targets:
        same = next((n for n, k in enumerate(kept) if _restated(k, target)), None)
        if same is None:
            kept.append(target)
        elif len(target.key) < len(kept[same].key):
            kept[same] = target
    return kept


def _levels(key: str, old: list[Figure], results: list[Figure]) -> tuple[Figure, Figure] | None:
    """A points target (森林覆盖率提高0.8个百分点) with no rise reported is checked on the two reports' levels
    of the rate for their own years (达45.1% last year, 达46% this year), when each gives one."""
    def level(figures: Iterable[Figure]) -> Figure | None:
        return next((f for f in figures if f.role == "result" and f.key == key and f.unit == "%"
                     and not f.measure), None)
    before, after = level(old), level(results)
    return (before, after) if before is not None and after is not None else None


def _level_at_the_end(target: Figure, span: Figure) -> bool:
    """A count to reach (达到200个) is a level, and the count a review of the five years gives for the same
    thing, with no flow word (认证甲品牌200个, not 新认证…), is the level at their end, the target's year's."""
    return target.unit_class != "%" and target.canonical_qualifier() in _LEVEL_QUALIFIERS \
        and FLOW_WORD not in span.key and target.unit_class == span.unit_class and _same_order(target, span) \
        and (span.key == target.key
             or (_contained(target, span) and len(span.key) - len(target.key) <= INSERTED_AT_MOST))


def check_targets(old: list[Figure], new: list[Figure], old_text: str = "") -> list[TargetCheck]:
    """Every target of OLD's plan with the result NEW reports for the same metric (or none); `old_text`, OLD as
    written, tells the names it uses."""
    results = [f for f in new if f.role == "result" and not f.ordinal]
    done = [f for f in new if f.role == "completion"]
    spans = [f for f in new if f.role == "span" and not f.ordinal]
    checks = []
    # a result under another target's own metric is that one's; a name longer by more than a word (…核心产业…)
    # inside is a part of the metric, not the metric said under more words
    planned = {f.key for f in old if f.role == "target"}
    known, named = {f.key for f in old}, {f.key for f in new}
    for target in _once(f for f in old if f.role == "target" and not f.ordinal and _names_a_level(f)
                        and ("区间" not in f.qualifier or _RANGE.search(f.qualifier))):
        aim = replace(target, metric=_aim(target.metric))  # said as the plan's aim (确保…): its metric
        key = aim.key
        pool = [f for f in results if _points(f) == _points(target)]
        found = sorted((f for f in pool if f.key == key and _counts_alike(target, f) and not _far_beyond(target, f)),
                       key=lambda f: (_MEASURE_PREFERENCE.get(f.measure, 3), not _same_order(target, f),
                                      f.start)) or \
            sorted((f for f in pool if f.key == _opposite(key) and f.unit_class == target.unit_class == "%"),
                   key=lambda f: (_MEASURE_PREFERENCE.get(f.measure, 3), f.start)) or \
            [f for f in pool if _one_word_more(aim, f) or _flow_of(aim, f) or _same_thing(aim, f)
             or _object_first(aim, f) or _named_before(aim, f)
             or (_contained(aim, f) and len(f.key) - len(key) <= INSERTED_AT_MOST and f.key not in planned
                 and not _a_kind_of(aim, f))][:1] \
            or [f for f in pool if _same_count(aim, f)][:1] \
            or [f for f in pool if _narrowed_thing(aim, f)][:1] \
            or [f for f in pool if f.key not in planned and _reworded(aim, f)][:1] \
            or _rewording(aim, pool, known, named, old_text)
        completion = next((f for f in done if f.key == key and target.unit_class != "%"), None)
        levels = _levels(key, old, results) if _points(target) and not found else None
        if found:
            checks.append(TargetCheck(target.metric, target, found[0], judge(target, found[0])))
        elif levels is not None:
            rise = replace(levels[1], value=str(levels[1].number - levels[0].number), unit="个百分点")
            checks.append(TargetCheck(target.metric, target, levels[1], judge(target, rise)))
        elif completion is not None:
            checks.append(TargetCheck(target.metric, target, completion, judge_completion(target, completion)))
        elif end := next((f for f in spans if _level_at_the_end(aim, f)), None):
            checks.append(TargetCheck(target.metric, target, end, judge(target, end)))
        else:
            checks.append(TargetCheck(target.metric, target, None, "not reported"))
    order = {"missed": 0, "exceeded": 1, "met": 2, "not reported": 3}
    return sorted(checks, key=lambda c: (order[c.status], c.target.start))
