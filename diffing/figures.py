"""Quantities in policy text, each with the metric it measures.

A figure is a number as written (in digits: 2.47 for 2.47万家, 26 for 第二十六届), its unit with its scale
(万家, 亿元, 万亿斤, %), its qualifier (超, 左右, 以上, 以内 ...), and the metric: the noun phrase it measures,
read from its clause (研发投入强度提升至6.46% -> 研发投入强度). A figure with no noun of its own takes its
sentence's subject (国内生产总值超过87万亿元，增长4.3% -> 国内生产总值增长); a change against last year
(、比上年增加1.1万亿元) is a delta of the figure before it; an enumeration counted together
(概念验证中心、中小试基地超100家) is one metric for both; 分别 hands each item its own number, and so does a
list with as many numbers right after it (甲、乙覆盖率90%、80%). Multi-year
figures (年均, 累计, 五年) and starting points (从60.2%提高到…) are marked so they are never compared with a
single year's figure."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from decimal import Decimal
from functools import lru_cache
from typing import Any

from ..text.normal import fold, han_only
from ..text.numerals import CN_DIGITS, to_decimal
from ..text.outline import YEAR
from ..text.patterns import GuardedPattern, lazy_pattern
from ..text.sentences import sentence_spans
from .tokens import tagged, tokenize

METRIC_CHARS = 16  # a metric is the words just before its figure, up to this many characters

_NUM = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?|[{CN_DIGITS}]*[十百千][{CN_DIGITS}]*(?:点[零〇一二三四五六七八九]+)?)"
_COUNTERS = "家项个人名位次所座条件篇台套元倍批支期款场天吨亩户份株例只辆斤年届处部张岁头"
_CURRENCIES = ("美元", "欧元", "港元")  # 亿美元 is no 亿元
_UNITS = ("个百分点|百分点|" + "|".join(_CURRENCIES) + "|"
          "微克[/／每]立方米|平方公里|平方米|公顷|千瓦时|千瓦|公里|标准箱|艘次|班次|人年|人次|万人次|%|％|‰|"
          + "|".join(_COUNTERS))
_PRE = "|".join("""超过 超 逾 接近 近 约 突破 跃上 迈上 不低于 不少于 不超过 达到 达 提升至 提高到 提高至 提升到 增加到
增加至 增至 升至 降至 降到 增长 上涨 下降 降低 增加 减少 提高 提升""".split())
FIGURE = re.compile(
    rf"(?P<pre>{_PRE})?(?P<num>{_NUM})(?:(?:\s*[%％]\s*[-~～—－]|\s*[-~～—至到－])\s*(?P<num2>{_NUM}))?\s*(?P<scale>万亿|亿|万|千)?"
    rf"\s*(?P<approx>余|多)?\s*(?P<unit>{_UNITS})?(?P<post>以上|以下|以内|左右|之多|多)?")
# a level reached of one unit of a scale, the one left out (突破万亿元 is 突破1万亿元)
_BARE_SCALE = re.compile(r"(突破|超过|迈上|跃上|达到)(万亿(?:元|斤|千瓦时)?)")
# a size in words with no unit (百亿, 千亿): before a noun, a class of a name (千亿园区, 百亿集群), no amount
_NAMED_SIZE = re.compile(r"[十百千]?[万亿]+$")
PERCENT_WORDS = re.compile(r"百分之([零〇一二两三四五六七八九十百点]+)")
ORDINAL = re.compile(rf"第(?P<num>\d+|[{CN_DIGITS}]+)(?P<unit>届|次|批|期|轮)")
_WHEN_WORDS = rf"{YEAR.pattern}年度?|\d{{1,2}}月(?:份)?|上半年|下半年|一季度|前三季度"
_WHEN = re.compile(rf"^(?:{_WHEN_WORDS})+")  # not the metric
_FROM = re.compile(rf"[从由](?:{_WHEN_WORDS})*的?$")  # a starting point, perhaps of a time (从上半年5.5%降到…)
_CLAUSE_END = re.compile(r"[，,；;。：:！？!?\n]|其中")
_TRENDS = {"增长": "增长", "上涨": "增长", "增加": "增长", "提高": "增长", "提升": "增长",
           "下降": "下降", "降低": "下降", "减少": "下降"}
TREND_ENDS = tuple(dict.fromkeys(_TRENDS.values()))  # 增长, 下降: what a metric of change ends on, once read
_LEVEL_VERBS = {"提升至", "提高到", "提高至", "提升到", "增加到", "增加至", "增至", "升至", "降至", "降到"}
_LEVEL_REACHED = {"达到", "达", "超过", "超", "突破", "跃上", "迈上", *_LEVEL_VERBS}
_STOCK = re.compile(r"总量|装机|算力|产能|总数|余额|里程|保有量|实有")  # what a level is of, not a flow
# a measure of one year (…增加值, …产值, 进出口总值): the level it reached at the end of several years is the last one's
_ANNUAL = re.compile(r"增加值|产值|总值")
FLOW_WORD = "新增"  # what 新建, 新培育… are read as
FLOW = re.compile(r"新增|新建|新开|累计")  # 新增重点实验室 12家 is the year's flow, 重点实验室 17家 the stock
_TOTAL = re.compile(r"总量|总数")  # the stock a flow adds to (新增…，总量达到…)
_STOCK_OF = re.compile(rf"^(?:{FLOW.pattern})(?=..)|(?<=..)(?:新增|净增)$")  # a flow's subject less its flow word
_LEAD = re.compile("^(?:深圳市?|" + "|".join("""其中 全社会 全市 全省 全国 我市 本市 全年 年度 当年 去年 今年 上年
累计 共 总计 并 和 及 、 拟安排 拟发行 拟 安排 发行 先 再 支持 建设 培育 引进 认定 组建 布局 建成 打造 成功 举办
举行 吸引 发布 实现 完成 开展 推动 带动 拉动 集聚 汇聚 有序 有效 有力 拥有 有(?![机关]) 各类 数量 总数 来自 邀请 资助
承接 主动 设立 用好 统筹 推广 形成 新增一批 一批 首次 稳步 保持 继续 预计 力争 确保 争取""".split()) + ")")
_LEADS = re.compile(f"(?:{_LEAD.pattern[1:]})+")  # lead words one after another
_TAIL = re.compile("(?:" + "|".join("""达到 达 为 超过 超 突破 跃上 迈上 约 近 共计 共 有 居 提升至 提高到 提高至
提升到 增加到 增加至 增至 升至 降至 降到 累计 总数 数量 总量 规模 实现 同比 连续 逾 已 均 的 在 分别 拟按 拟 按 安排
控制在 保持在 稳定在 首次 全年 从 由 稳中有升 大幅 明显 持续 继续 进一步 预计 力争 确保""".split()) + ")+$")
# a measure changes what the number is: 年末 5.5% is not 平均 5.5%; 年均浓度 is a name (a year's mean)
_MEASURE = re.compile(r"年均(?!浓度)|平均值?|(?<!年)均值|年末|累计")  # 平均值为4.9%, 均值4.9% are 平均
# several years: 年均, 五年, or a change against a named base year (比2003年增长48.2%, 较2019年下降17%)
_SPAN = re.compile(r"年均(?!浓度)|五年|十年|多年|过去\d+年|近\d+年|连续\d+年|[比较]" + YEAR.pattern + "年")
_STREAK = re.compile(r"连续$")
_OF_A_YEAR = re.compile(r"年度|当年|全年")  # in a review of several years, a figure said of one year: that year's
_IN_NAME = re.compile(r"[A-Za-z]\d|\d[A-Za-z]")
_DELTA = re.compile(r"比上年|比去年|同比|较上年|比年初")
# 预计 is no cue: in a review it gives the year's result as estimated before the statistics close (预计增长5.1%)
_TARGET_CUES = re.compile(r"预期目标|目标|力争|拟|计划")
_GENERIC = {"", "占比", "比重", "总量", "其中", "增长", "同比", "达", "规模", "数量", "增速", "比上年", "下降"}
_SYNONYMS: tuple[tuple[re.Pattern[str] | GuardedPattern, str], ...] = ((re.compile(r"规上(?!规下)"), "规模以上"),
             (re.compile(r"R&D经费|R&D|研发经费|研究与试验发展经费"), "研发"),
             (re.compile(r"占(?:GDP|地区生产总值|国内生产总值|生产总值)(?:的)?比重|占GDP比例"), "强度"),
             # a share of the whole region is a share (占全省比重 = 占比), of an industry's value added
             (re.compile(r"(?:增加值)?占(?:全省|全市|全区|全国)?的?比重|增加值占比"), "占比"),
             # 投资比重 = 投资占比: a share either way
             (GuardedPattern(r"^([^占]*[\u4e00-\u9fff])比重", lambda key: "比重" in key), r"\1占比"),
             # 全省生产总值 = 地区生产总值; the bare 经济 (经济增长, 经济总量) is the whole economy's output
             (re.compile(r"(?:国内|地区)生产总值|GDP|^经济(?=增长|$)"), "生产总值"),
             (re.compile(r"(?:国家级?)?高新技术企业"), "高企"),  # a national title: 国家高新技术企业 is every one
             (re.compile(r"财政赤字率"), "赤字率"),
             (re.compile(r"总里程"), "里程"),
             (re.compile(r"(?<!生产)总值"), "总额"),  # 进出口总值 = 进出口总额 (never 生产总值)
             (re.compile(r"总产(?![值业能量])"), "总产量"),  # 粮食总产 = 粮食总产量 (总产值 is a value)
             (re.compile(r"营收"), "营业收入"),
             (re.compile(r"(?<=居民)人均可支配收入"), "收入"),  # 农村居民人均可支配收入 = 农村居民收入
             (re.compile(r"^农民(?=人均)"), "农村居民"),  # per head, farmers are the rural residents counted
             (re.compile(r"原煤(?=产量)"), "煤炭"),  # coal output is raw coal
             (re.compile(r"比例"), "比率"),
             # good-air days: 空气质量优良天数 = 空气优良天数 (the days of good air quality)
             (re.compile(r"空气质量(?=优良)"), "空气"),
             (re.compile(r"新(?:建|培育|认定|引进|开工|创建|开通)(?!改扩建)"), FLOW_WORD),  # one flow word
             (re.compile(r"涨幅|增幅|上涨|增速"), "增长"),
             (re.compile(r"增加值(?=增长)"), ""),  # an industry grows by its value added: 工业增长 = 工业增加值增长
             (re.compile(r"降幅|降低|减少"), "下降"))
# 人数 is a count's measure word like 数量 (新增就业人数 = 新增就业); after 就业, 人口 counts the same people
_STOP_KEY = re.compile(r"全社会|全市|全省|全国|我市|本市|(?:地级)?及以上城市|"
                       r"深圳市?|全年|年度|当年|其中|的|国家级|数量|总量|总数|人数|"
                       r"(?<=就业)人口|实际|地方政府(?=专项债)")
QUALIFIER_CANON = {"超过": "超", "逾": "超", "突破": "超", "跃上": "超", "迈上": "超", "达到": "达", "接近": "近",
                   "提高到": "提升至", "提高至": "提升至", "提升到": "提升至", "增加到": "提升至",
                   "增加至": "提升至", "增至": "提升至",
                   "升至": "提升至", "降到": "降至", "之多": "多", "不低于": "以上", "不少于": "以上", "不超过": "以内"}
ORDINAL_UNITS = ("届", "次", "期", "轮", "批")


@dataclass
class Figure:
    metric: str
    value: str  # as written, in digits (2.47 for 2.47万家; 26 for 第二十六届)
    unit: str  # with its scale (万家, 亿元, %, 届)
    qualifier: str
    raw: str
    sentence: str
    start: int  # offset of the figure in the document text
    role: str = "result"  # result | target | span (multi-year) | delta (against last year) | base (a starting point)
    measure: str = ""  # 年均 | 平均 | 年末 | 累计

    @property
    def number(self) -> Decimal:
        return Decimal(self.value)

    @property
    def key(self) -> str:
        return metric_key(self.metric)

    @property
    def ordinal(self) -> bool:
        return self.qualifier == "第"

    @property
    def unit_class(self) -> str:
        """What is counted: % for rates, the counter (家, 元, 斤) or currency (美元) otherwise; '' for a bare
        3300万."""
        if self.unit in ("%", "个百分点", "百分点", "‰"):
            return "%"
        unit = self.unit.lstrip("万亿千")
        return unit if unit in _CURRENCIES else unit[-1:]

    @property
    def scale(self) -> Decimal:
        """The number in base units (2.47万 -> 24700): so 1.3万亿斤 and 13000亿斤 compare."""
        factor = {"万亿": Decimal("1e12"), "亿": Decimal("1e8"), "万": Decimal("1e4"), "千": Decimal("1e3")}
        for prefix, value in factor.items():
            if self.unit.startswith(prefix):
                return self.number * value
        return self.number

    def canonical_qualifier(self) -> str:
        return QUALIFIER_CANON.get(self.qualifier, self.qualifier)

    def same_reading(self, other: Figure) -> bool:
        return self.scale == other.scale and self.canonical_qualifier() == other.canonical_qualifier() and (
            self.unit_class == other.unit_class or "" in (self.unit_class, other.unit_class))

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        del data["start"]
        return data


@lru_cache(maxsize=65536)
def metric_key(metric: str) -> str:
    """Canonical metric for pairing across documents and years. The flow word goes last wherever it stands
    (城镇新增就业 and 新增城镇就业 are 城镇就业新增): where it stands says nothing of what is counted, and a key
    that ends alike (就业新增) is the same under a word before it."""
    key = fold(metric)
    for pattern, replacement in _SYNONYMS:
        key = pattern.sub(replacement, key)
    key = _STOP_KEY.sub("", key)
    head, flow, rest = key.partition(FLOW_WORD)
    return head + rest + FLOW_WORD if flow and rest else key


def _shorten(text: str) -> str:
    """The last whole words that fit METRIC_CHARS: 经济研究院形成人工智能应用场景, never 字经济研究院…"""
    if len(text) <= METRIC_CHARS:
        return text
    kept = ""
    for token in reversed(tokenize(text, "word")):
        if len(kept) + len(token.text) > METRIC_CHARS:
            break
        kept = token.text + kept
    return kept or text[-METRIC_CHARS:]


# a word in brackets inside a name is an optional part of it (加装（改造）电梯, 护理（康复）床位): the name
# is the one without it, as the other report may write it; one character (新（扩）建) is part of a word
_OPTIONAL = GuardedPattern(r"(?<=[\u4e00-\u9fff])[（(][\u4e00-\u9fff]{2,3}[）)](?=[\u4e00-\u9fff])",
                           re.compile(r"[（(][^（()）]{2,3}[）)]").search)
# a gloss in brackets at the end (托育综合体（儿童之家）): the last mark but spaces closes the brackets
_GLOSS_AT_END = GuardedPattern(r"(?<=[\u4e00-\u9fff])[（(][\u4e00-\u9fff]{2,12}[）)]\s*$",
                               lambda text: text.rstrip().endswith(("）", ")")))


def clean_metric(text: str) -> tuple[str, str]:
    """(metric, measure) of the words before a figure; a gloss in brackets just before it (托育综合体（儿童之家）)
    is another name of the thing, no part of the metric."""
    text = _OPTIONAL.sub("", _GLOSS_AT_END.sub("", text))
    text = re.sub(r"[“”\"'《》()（）\s]", "", text)
    text = _FROM.sub("", _WHEN.sub("", text))
    found = _MEASURE.search(text)
    measure = ("平均" if found.group() == "均值" else found.group()[:2]) if found else ""
    text = _MEASURE.sub("", text)
    text = _without_condition(_without_manner_lead(_without_examples(_moved(_last_deed(text)))))
    previous = None
    while previous != text:
        previous = text
        text = _TAIL.sub("", _without_lead(text)).strip("、")
    return _shorten(_without_manner(_without_annual(text))), measure


def _last_deed(text: str) -> str:
    """The words after the last 、 when they open on a verb of the lead words (甲园区推行乙制度、实现产值 ->
    实现产值): 、 there parts two deeds, not two items of a list, and the number is the last deed's."""
    if "、" not in text:
        return text
    rest = text.rsplit("、", 1)[1]
    lead = _LEAD.match(rest)
    if not lead or len(lead.group()) < 2 or len(rest) - len(lead.group()) < 2:
        return text
    words = tagged(rest)
    return rest if words and words[0][0] == lead.group() and words[0][1] == "v" else text


_MOVING = re.compile("带动|拉动")  # a cause's verb: what comes after it is what the number measures


def _moved(text: str) -> str:
    """What a cause moved, without the cause (甲政策带动乙 -> 带动乙): the number measures 乙, and the other
    report may say 乙 with another cause or none. Not a cause said as a deed (出台甲措施带动乙: the number may
    count what was issued), nor one word but a manner (甲带动乙 is a measure's own name; 直接带动乙 is 乙), nor
    before a bare output (带动销售额), which needs the thing the cause names."""
    found = _MOVING.search(text, 1)
    if not found or len(text) - found.end() < 2 or text[found.end():] in _BARE_OUTPUTS:
        return text
    cause = tagged(text[:found.start()])
    if cause[0][1].startswith("v") or (len(cause) == 1 and cause[0][1] not in _MANNER_TAGS):
        return text
    return text[found.start():]


def _without_annual(text: str) -> str:
    """年 as a word of its own before a noun says a measure is a year's (甲港年货物吞吐量): every figure of a
    report is, so it is no part of the metric; 年 inside a word (青年, 年产值) stays."""
    words = tagged(text) if "年" in text else []
    kept = [word for n, (word, tag) in enumerate(words)
            if not (word == "年" and tag == "m" and 0 < n < len(words) - 1 and words[n + 1][1].startswith("n"))]
    return "".join(kept) if len(kept) < len(words) else text


_LIST_WORDS = {"、", "和", "及", "与"}  # what joins the examples of a list


def _without_examples(text: str) -> str:
    """What follows 等 when a list of examples stands before it (甲馆、乙馆等文化场馆 -> 文化场馆): the examples are
    some of the things counted, the noun after 等 names them all, under the flow word that opens the list
    (新增甲、乙等企业 -> 新增企业); 等 inside a word (高等, 等级) is no list's end."""
    if "等" not in text:
        return text
    words = [t.text for t in tokenize(text, "word")]
    at = max((n for n, word in enumerate(words) if word == "等"), default=-1)
    after = "".join(words[at + 1:])
    if at < 1 or not _LIST_WORDS & set(words[:at]) or not (len(after) >= 2 and han_only(after)):
        return text
    flow = FLOW.match(text)  # 新增甲、乙等企业 still counts the year's new ones
    return (flow.group() if flow else "") + after


# general words of a manner the tagger reads as nouns (高质量, 高水平, 高标准): before a verb they say how a thing
# was done, no part of what is counted; before a noun they open its name (高标准农田)
_MANNER_NOUNS = {"高质量", "高水平", "高标准"}


def _without_manner_lead(text: str) -> str:
    """The text after a manner said as a noun when a verb follows it (高水平改造…), else the text."""
    words = tagged(text) if text[:3] in _MANNER_NOUNS else []
    return text[len(words[0][0]):] if len(words) > 1 and words[0][0] in _MANNER_NOUNS \
        and words[1][1] in ("v", "vn") else text


CONDITION_WORDS = 4  # words at most of a condition before a metric (在…支持下, 正常年景下)


def _without_condition(text: str) -> str:
    """The text after a condition it opens with (正常气候条件下茶叶产量 -> 茶叶产量, 在政策支持下…): words up to a
    word 下 of place the tagger reads alone, with a noun before it; the metric is what follows."""
    words = tagged(text) if "下" in text else []
    at = next((n for n, (word, tag) in enumerate(words[:CONDITION_WORDS + 1]) if word == "下" and tag == "f"), None)
    if at is None or at == 0 or not words[at - 1][1].startswith(("n", "v")):
        return text
    rest = "".join(word for word, _ in words[at + 1:])
    return rest if len(rest) >= 2 else text


def _without_lead(text: str) -> str:
    """The text after its lead words (全省, 其中, 建设…), one at a time; a lead of one character only when it is
    a word of its own there (先 of 先建成, never of 先行示范区; 并 never of 并网装机), or one with a lead word
    after it (共有)."""
    while found := _LEAD.match(text):
        lead = found.group()
        if len(lead) == 1 and lead != "、" and len(text) > 1:
            word = tokenize(text, "word")[0].text
            if len(word) > 1 and not _LEADS.fullmatch(word):
                break
        text = text[found.end():]
    return text


_MANNER_TAGS = ("d", "vd", "ad")  # jieba tags of a manner said before a figure (逆势, 稳步, 大幅)


def _without_manner(metric: str) -> str:
    """How a figure moved is no part of what it measures: 民营投资逆势 (增长3.4%) is 民营投资. Only words of two
    characters or more: 将, 已, 再 say when or again, and a metric with them names no measure (市级财政将安排…)."""
    words = tagged(metric)
    while len(words) > 1 and words[-1][1] in _MANNER_TAGS and len(words[-1][0]) >= 2 \
            and len(metric) - len(words[-1][0]) >= 2:
        metric = metric[:len(metric) - len(words[-1][0])]
        words.pop()
    return metric


_RESPECTIVELY = re.compile("分别(?:实际|比上年|同比|较上年)*(" + "|".join(_TRENDS) + ")")


_TOWN_AND_COUNTRY, _TOWN_AND_COUNTRY_PARTS = "城乡", ("城镇", "农村")  # a word of two parts, said in one


def _split_items(span: str) -> list[str]:
    """A 分别 enumeration's items with their shared head: 基础设施、制造业投资 -> 基础设施投资, 制造业投资."""
    items = _items(span)
    if len(items) == 1 and not items[0].endswith(_TOWN_AND_COUNTRY) and _TOWN_AND_COUNTRY in items[0]:
        # 城乡居民…分别增长…: 城乡 is 城镇 and 农村, one number each, as the other report may name them
        return [items[0].replace(_TOWN_AND_COUNTRY, part, 1) for part in _TOWN_AND_COUNTRY_PARTS]
    if len(items) < 2:
        return items
    first = [t.text for t in tokenize(items[0], "word")]
    last = [t.text for t in tokenize(items[-1], "word")]
    # one more word in the last item is the head they share; more (专精特新“小巨人”) is the item's own name
    size = len(items[0])
    if all(len(item) == size for item in items[:-1]) and len(items[-1]) > size + 2 \
            and _words_apart(items[-1][:size], items[-1][size:]):
        # 城镇、农村居民收入: each item a word like the last's first, that takes the rest of the last
        return [item + items[-1][size:] for item in items[:-1]] + [items[-1]]
    shared = len(last) == len(first) + 1 or (last[-1] in _MEASURE_NOUNS and len(items[0]) <= SHORT_MEASURE)
    head = last[-1] if shared and han_only(last[-1]) and not first[-1].endswith(_SAID_IN) else ""
    return [item + head if head and not item.endswith(head) else item for item in items]


def _items(span: str) -> list[str]:
    """The items of a list, split at 、 and at 和, 及, 与 only where each is a word of its own (普及率, 和谐 are
    no two items)."""
    items, current = [], ""
    for word in (t.text for t in tokenize(span, "word")) if re.search("[和及与]", span) else [span]:
        if word.strip() in ("和", "及", "与"):
            items.append(current)
            current = ""
        else:
            current += word
    items.append(current)
    return [item for part in items for item in part.split("、") if item]


# An item that ends on what it is counted in (培训人次, 参保人数, 覆盖率) is a metric of its own: no head to borrow.
_SAID_IN = ("人次", "人数", "户数", "个数", "率", "量", "额")
# what an item of a list measures, said once at its end (农业、服务业、民营经济投资: each one's 投资)
_MEASURE_NOUNS = {"投资", "收入", "支出", "产量", "产值", "增加值", "营收", "利润", "贷款", "消费"}


def _words_apart(first: str, rest: str) -> bool:
    """`first` is a whole noun and `rest` opens on a whole word (农村|居民收入, never 三产|业增加值)."""
    head, after = tagged(first), tagged(rest)
    return len(head) == 1 and head[0][1].startswith("n") and bool(after) and \
        tagged(first + rest)[0][0] in (first, first + after[0][0])


def extract_figures(text: str, role: str = "result") -> list[Figure]:
    """Every quantity in `text` that measures something nameable; `role` is the default for a figure
    with no cue of its own (target in a plan, result in a summary)."""
    figures: list[Figure] = []
    for start, end in sentence_spans(text):
        raw = text[start:end]
        sentence = raw.strip()
        if not sentence or not re.search(r"\d|第|百分之|万亿", sentence):
            continue
        offset = start + len(raw) - len(raw.lstrip())
        figures += _sentence_figures(sentence, offset, role)
    return figures


def _sentence_figures(sentence: str, offset: int, role: str) -> list[Figure]:
    text = PERCENT_WORDS.sub(lambda m: f"{to_decimal(m.group(1).replace('点', '.')) or m.group(1)}%", sentence) \
        if "百分之" in sentence else sentence
    text = _BARE_SCALE.sub(r"\g<1>1\g<2>", text) if "万亿" in text else text
    matches = sorted([*FIGURE.finditer(text), *ORDINAL.finditer(text)], key=lambda m: m.start())
    out: list[Figure] = []
    subject, last_end, previous_start = "", 0, -1
    share: list[str] = []
    for match in matches:
        if match.start() < last_end or not match.group() or _IN_NAME.match(text, max(match.start() - 1, 0)) \
                or _IN_NAME.match(text, max(match.end() - 1, 0)):
            continue  # a number inside a Latin name (PM2.5, 5G) is no quantity
        if _part_of_a_name(text, match):
            continue
        if not share:
            share += _respective_of_before(text, match, out)
        subject = _said_before(text, last_end, match.start()) or subject
        figure = _figure(match, text, sentence, subject, last_end, offset, role, share)
        if figure is not None and out and out[-1].start == offset + previous_start:
            figure.metric = _with_shared_head(text[last_end:match.start()], out[-1],
                                              _with_shared_verb(text[last_end:match.start()], out[-1], figure))
        if figure is not None and out and out[-1].start == offset + previous_start:
            _described(text, last_end, match.start(), out, figure)
        if figure is None:
            # 国家高新技术企业4年增加…，2024年突破2.5万家: a period or year names no figure, but the words
            # before it are the subject of the figures after it; before a year, even before one said earlier
            # (甲率从2020年的…提升到2025年的…)
            lead = _lead(text, match, last_end)
            year = bool(YEAR.fullmatch(match.group().strip().removesuffix("年")))
            if lead and (not subject or (year and not _names_nothing(lead))):
                subject = lead
            last_end = match.end()
            continue
        last_end, previous_start = match.end(), match.start()
        out += _each_rate(figure)
        if not figure.metric.endswith("届次"):  # 第26届高交会 is no subject of 4300项
            # a change against last year is of its subject too (装机同比增加…、达到…: the level is the 装机's)
            subject = re.sub(r"(?:比上年)?(?:增长|下降|变化|占比|连续年数)+$", "", figure.metric)
    return out


OWN_METRIC = 4  # characters of an item that names a metric of its own (实际使用外资), no part of one (城镇)


def _each_rate(figure: Figure) -> list[Figure]:
    """A rate of change said once for a list right before it (进出口总额、实际使用外资增长6%左右) is each
    item's: a count of a list is their sum (甲、乙超100家), a growth rate is no sum of rates. One carried from
    a clause before (甲港、乙港吞吐量超8亿吨，增长30%) is the sum's."""
    trend = figure.metric[-2:]
    items = _items(figure.metric[:-2]) if figure.unit == "%" and trend in TREND_ENDS \
        and "、" in figure.metric else []
    if len(items) < 2 or items[-1] + figure.raw not in figure.sentence \
            or any(len(item) < OWN_METRIC or tagged(item)[0][1] == "v" or any(t == "p" for _, t in tagged(item))
                   for item in items):
        return [figure]  # 城镇、农村居民收入: items that share a head; 落实对县区、乡镇…: a verb's objects
    return [replace(figure, metric=item + trend) for item in items]


def _part_of_a_name(text: str, match: re.Match[str]) -> bool:
    """每千人 is the base of a rate, part of its name (每万人口执业药师数); 百亿 before a noun a class (百亿集群,
    超千亿园区), after a verb of its size too."""
    groups = match.groupdict()
    size = (groups.get("num") or "") + (groups.get("scale") or "") if not groups.get("unit") else ""
    before_noun = han_only(text[match.end():match.end() + 1])
    return text[match.start() - 1:match.start()] == "每" or (bool(_NAMED_SIZE.match(size)) and before_noun)


def _described(text: str, gap_start: int, at: int, out: list[Figure], figure: Figure) -> None:
    """A bare amount that describes the things counted right after its 的 (总投资1.78万亿元的289个重点项目) is
    theirs: 重点项目总投资, the noun the amount measures after the things' name."""
    previous = out[-1]
    if previous.qualifier or text[gap_start:at] != "的" or figure.unit_class not in _THINGS_COUNTED \
            or previous.unit_class == "%":
        return
    words = tagged(previous.metric)
    size = 0
    while size < len(words) and (words[-1 - size][1].startswith("n") or words[-1 - size][1] in _NOUN_END):
        size += 1
    own = "".join(word for word, _ in words[len(words) - size:])
    if len(own) >= 2 and figure.metric not in previous.metric:
        previous.metric = figure.metric + own


_THINGS_COUNTED = set("个家项所座条处户")  # counters of things an amount can describe
_NOUN_END = ("vn", "b")  # jieba tags inside the noun an amount measures (总 b + 投资 vn)


# verbs that say where a thing stands (进口总值再创新高, 产量稳居全国前列): the words before them name it
_STANDING = re.compile(r"(?:再|又|首次)?(?:创|实现|保持|稳居|位居|跃居|居|排名)")


def _said_before(text: str, start: int, end: int) -> str:
    """The subject of a clause with no number, between the figures before and this one (全省进口总值再创新高，
    达到900亿元): the noun phrase before a verb of where it stands, so the bare 达到900亿元 is its figure."""
    clauses = _CLAUSE_END.split(text[start:end])
    if len(clauses) < 3 or re.search(r"\d", clauses[-2]):
        return ""
    said = clean_metric(clauses[-2])[0]
    cut = _STANDING.search(said)
    head = said[:cut.start()] if cut else ""
    return head if len(head) >= 2 and head not in _GENERIC and not _names_nothing(head) else ""


_SHARED_VERB = re.compile(r"^(?:新增|新建|新创建|新开通|新开)(?=..)")


def _with_shared_verb(gap: str, previous: Figure, figure: Figure) -> str:
    """A flow word that opens a list of figures, a word of its own, is each item's (新增孵化载体260家、众创空间1480家:
    both 新增), for an item that is a bare noun of the same role (none with its own verb or level: 、总数达146家 is a
    stock)."""
    verb = _SHARED_VERB.match(previous.metric)
    item = re.sub(r"[“”\"《》\s]", "", gap[1:])
    if not gap.startswith("、") or not verb or figure.role != previous.role or item != figure.metric \
            or tokenize(previous.metric, "word")[0].text != verb.group():  # 新开 is no verb of 新开工改造…
        return figure.metric
    if _LEAD.match(item) or _TAIL.search(item) or _SHARED_VERB.match(item) or item in _GENERIC:
        return figure.metric
    return verb.group() + item


SHORT_MEASURE = 3  # characters: 产量, 吞吐量, 增加值 measure something a list's first item names


def _with_shared_head(gap: str, previous: Figure, metric: str) -> str:
    """A short measure in a list is of the thing the list's first item names (棉花种植面积2.3万亩、产量61万斤 ->
    棉花产量; 货运航线38条、吞吐量416万吨 -> 货运吞吐量): the first noun of the item before."""
    if not gap.startswith("、") or len(metric) > SHORT_MEASURE or metric in _GENERIC \
            or metric != clean_metric(gap[1:])[0]:
        return metric
    words = tagged(previous.metric)
    if len(words) < 2 or words[0][1] not in ("n", "nz") or metric.startswith(words[0][0]) \
            or FLOW.match(words[0][0]):  # the tagger's noun 新开工 is a verb of a flow, no thing
        return metric
    return words[0][0] + metric


# measures of output that name no thing alone: 产量 of what the clause before speaks of
_BARE_OUTPUTS = {"产量", "总产量", "单产", "产值", "销量", "销售额"}


def _of_clause_before(text: str, clause_start: int, at: int, metric: str) -> str:
    """A bare measure of output opening its clause is of the thing the clause before opens on (全省棉花连续三年
    丰收，产量达到61万吨 -> 棉花产量): the first word of that clause after its lead words, a noun. Never after
    another item of its own clause (播种面积1.1亿亩、产量…: the list's first item names it)."""
    if metric not in _BARE_OUTPUTS or clause_start < 2 or text[clause_start - 1] not in "，," \
            or re.search(r"[\d、]", _WHEN.sub("", text[clause_start:at].strip())):
        return metric
    before = _without_lead(_WHEN.sub("", text[_clause_start(text, clause_start - 1):clause_start - 1].strip()))
    words = tagged(before)
    if not words or words[0][1] not in ("n", "nz") or len(words[0][0]) < 2 or words[0][0] in _BARE_OUTPUTS:
        return metric  # 单产…，总产量达到…: a measure of output opening the clause before names no thing
    return words[0][0] + metric


def _respective_of_before(text: str, match: re.Match[str], before: list[Figure]) -> list[str]:
    """分别 with no items in its own clause speaks of the figures before it (职工工资收入6130元，退休人员收入4210元，
    扣除价格因素，分别实际增长4.3%和3.9%): as many of their metrics as it has numbers, in order; with no figures
    before, of the items of the clause before (城镇居民收入和农村居民收入，分别增长…)."""
    start = _clause_start(text, match.start())
    head, said, _ = text[start:match.start()].partition("分别")
    if not said or clean_metric(head)[0] not in _GENERIC:
        return []
    end = next((m.start() for m in _CLAUSE_END.finditer(text, match.start())), len(text))
    count = sum(1 for m in FIGURE.finditer(text, match.start(), end) if m.group("num"))
    levels = [f.metric for f in before if f.role in ("result", "target") and f.unit != "%"]
    if 0 < count <= len(levels):
        return levels[-count:]
    previous = text[_clause_start(text, max(start - 1, 0)):max(start - 1, 0)]  # 甲和乙，分别增长…
    items = [] if re.search(r"\d", previous) else _split_items(previous)
    return items if count > 1 and len(items) == count else []


def of_the_year(text: str, at: int, year: int) -> bool:
    """A figure of a review of several years whose clause opens on the year reviewed (…，2030年游客超550万) is that
    year's, unless the clause says it is of several (年均, 累计, 比2025年…)."""
    clause = text[_clause_start(text, at):at].lstrip()
    return clause.startswith(f"{year}年") and not _SPAN.search(clause) and "累计" not in clause


def _clause_start(text: str, position: int) -> int:
    """Where the clause holding `position` begins (after the last comma, semicolon or 其中 before it)."""
    return max([0, *(m.end() for m in _CLAUSE_END.finditer(text, 0, position))])


def _lead(text: str, match: re.Match[str], floor: int) -> str:
    """The noun phrase a clause opens with, before `match`; '' if it names nothing."""
    metric = clean_metric(text[max(floor, _clause_start(text, match.start())):match.start()])[0]
    return metric if len(metric) >= 2 and metric not in _GENERIC else ""


def _ordinal(match: re.Match[str], text: str, sentence: str, offset: int) -> Figure | None:
    """第26届高交会 measures the edition of what follows it."""
    value = to_decimal(match.group("num"))
    follow = re.match(r"[^，,；;。、\s“”]{2,12}", text[match.end():])
    if value is None or not follow:
        return None
    name = re.split(r"(?:在|于|期间|上|中|吸引|举办|开幕|发布|邀请).*$", follow.group())[0]
    if len(name) < 2:
        return None
    return Figure(f"{name}届次", str(value), match.group("unit"), "第", match.group(), sentence, offset + match.start())


def _figure(match: re.Match[str], text: str, sentence: str, subject: str, floor: int, offset: int,
            default_role: str, share: list[str]) -> Figure | None:
    """The figure a number match stands for, or None for a year, a bare number or an increase of nothing."""
    groups = match.groupdict()
    if "pre" not in groups:
        return _ordinal(match, text, sentence, offset)
    value = _quantity(match, text)
    if value is None:
        return None
    unit, scale = groups["unit"] or "", groups["scale"] or ""
    clause_start = _clause_start(text, match.start())
    span = _span_before(text, clause_start, floor, match.start())
    if unit in ("%", "％", "‰") and (groups["pre"] or "") in _TRENDS:
        span = _DELTA.sub("", span)  # 比上年增长9.1% is the year's growth rate (增长9.1%), no increment
    role = _role(text[clause_start:match.end()], span, text, match, default_role)
    metric, measure, pre = _metric_of(span, share, text, clause_start, match)
    if not pre and (_names_nothing(metric) or span.endswith(_JOINED) or _takes_object(span)
                    or text.startswith(_SHARE_OF, match.end())):
        metric = _noun_after(text, match.end(), unit) or metric  # 甲公园和56个口袋公园: the count's own noun
    metric = _of_clause_before(text, clause_start, match.start(), metric)
    trend = _trend_of(pre, unit, scale, role)
    if pre in _TRENDS and not trend and metric in _GENERIC and role != "delta":
        return None  # 增加6000多家 with nothing before it: an increase of a count, not the count
    if unit == "年" and metric in _GENERIC:  # 连续5年无重大事故: the streak of what follows
        metric = _shorten(re.split(r"[，,；;。：:、\n]", text[match.end():], maxsplit=1)[0]) or metric
    if metric in _GENERIC and (_TOTAL.search(span) or pre in _LEVEL_REACHED):
        # 新增甲企业120家，总量达到1.5万家 / 甲企业净增5万户、达80万户: the total, the level reached, is of 甲企业
        subject = _STOCK_OF.sub("", subject)
    metric = _with_trend(metric, subject, trend, role) + ("连续年数" if unit == "年" else "")
    if len(metric) < 2 or metric.isdigit():
        return None
    qualifier = ("" if pre in _TRENDS else pre) or groups["post"] or groups["approx"] or ""
    if groups["num2"]:
        qualifier = f"{qualifier}区间至{to_decimal(groups['num2'])}".strip()
    unit = "%" if unit == "％" else unit
    return Figure(metric, str(value), scale + unit, qualifier, match.group().strip(), sentence,
                  offset + match.start(), role, measure)


_BEFORE_NOUN = set("个家项所座条处户名亩套台件部张")  # measure words that stand before their noun (64个社区食堂)
_NOT_NOUN = ("v", "u", "p", "c", "m", "x", "d", "r", "f", "q")  # jieba tags that end a noun phrase
_ACTION = {"v", "vn", "d", "a", "ad", "vd", "p", "ul"}  # ul: 了 (制定了8件部门规章)
_JOINED = ("和", "及", "与", "、", "等")  # words before a count that end another item, or a list it sums
# after a counted noun, how far it got (全部, 基本 建成): the tagger reads these as nouns, set phrases (l, i) too
_STATE_WORDS = {"全部", "全面", "基本", "均", "已", "已经", "顺利", "投入使用"}
_STATE_TAGS = ("l", "i")
_MANNER_END = "化"  # a set phrase made with it (一体化, 自动化) says how the thing counted works, no state reached


_TAKES_OBJECT = ("v", "vn", "uj")  # a verb (试点建设), or 的 closing a clause that describes the counted thing


def _takes_object(span: str) -> bool:
    """Words before a count that end on a verb or on 的 (甲单位承诺的15件实事; 试点建设50个服务站) say what is
    done to the things counted or describe them: the metric is the noun after the count, not those words."""
    words = tagged(span.strip()) if span.strip() else []
    return bool(words) and words[-1][1] in _TAKES_OBJECT


def _names_nothing(metric: str) -> bool:
    """Words before a number that are only verbs or adverbs (启动, 争取再获批, 建好, 基本建成), or none; a flow
    word alone is one whatever the tagger reads (it takes 新建 for a place)."""
    return not metric or metric in _GENERIC or bool(FLOW.fullmatch(metric)) or all(
        tag in _ACTION or word == "、" or word in _STATE_WORDS for word, tag in tagged(metric))


_QUOTED_AFTER = re.compile(rf"[“\"]([^”\"，。；]{{2,{METRIC_CHARS}}})[”\"]")  # a quoted name after a count


# 国家级, 省级: a level of a thing, the thing said after it
_LEVEL_ONLY = GuardedPattern(r"^[\u4e00-\u9fff]{1,3}级", lambda text: "级" in text[1:4])
_LATER_COUNT = lazy_pattern(rf"、{_NUM}\s*[{''.join(sorted(_BEFORE_NOUN))}](?=[\u4e00-\u9fff]{{1,3}}级)")


_SHARE_OF = "的"  # 80%的甲: a share of the things named after it
BARE_KIND_AT_MOST = 2  # characters: 工厂, 学校 name a kind of thing; what those counted do says which
_DEED_ENDS = "，,；;。、\n"  # marks after a deed that close its clause


def _noun_after(text: str, end: int, unit: str) -> str:
    """A count before its noun measures that noun (启动64个社区食堂改造 -> 社区食堂; 建设3.6万亩生态茶园):
    the nouns after the measure word, to the first verb, particle, number or word of how far it got
    (12项惠民工程全部完成 -> 惠民工程), or the quoted name after it (建设30个“邻里驿站” -> 邻里驿站). A bare
    kind, or the things a share is of (75%的甲), with what they do to the clause's end is a count of those
    that do it (300所学校开设课程, 75%的乡镇建成站点: `_with_deed`)."""
    quoted = _QUOTED_AFTER.match(text, end)
    if unit[-1:] in _BEFORE_NOUN and quoted:
        return quoted.group(1)
    share = unit in ("%", "％") and text.startswith(_SHARE_OF, end)
    end += len(_SHARE_OF) if share else 0
    if (unit[-1:] not in _BEFORE_NOUN and not share) or not han_only(text[end:end + 1]):
        return ""
    after = _run_after(text, end)
    if _LEVEL_ONLY.match(after) and (later := _LATER_COUNT().match(text, end + len(after))):
        # 5个国家级、12个省级工程研究中心: a level alone names the thing the list's next item names
        thing = _LEVEL_ONLY.sub("", _noun_after(text, later.end(), unit))
        return after + thing if len(thing) >= 2 else ""
    said = _nouns(after)
    noun = said
    if said == after and (quoted := _QUOTED_AFTER.match(text, end + len(after))):
        # 建成9个渔村“甲乙园”示范点: the nouns, the quoted name they open and the nouns after it are one name
        noun += quoted.group(1) + _nouns(_run_after(text, quoted.end()))
    noun = _shorten(noun)
    if share or len(noun) <= BARE_KIND_AT_MOST:
        return _with_deed(text, end, after, said, noun) or ("" if share else _counted(noun))
    return _counted(noun)


def _run_after(text: str, at: int) -> str:
    """The text from `at` to the first mark, number or quote."""
    return re.split(r"[，,；;。：:、\n\d（(“”\"]", text[at:at + 2 * METRIC_CHARS], maxsplit=1)[0]


def _nouns(run: str) -> str:
    """The nouns that open `run`, to the first verb, particle, number or word of how far it got."""
    words = []
    for word, tag in tagged(run) if run else []:
        if (tag.startswith(_NOT_NOUN) and not tag.startswith("vn")) or word in _STATE_WORDS \
                or (tag in _STATE_TAGS and not word.endswith(_MANNER_END)):
            break
        words.append(word)
    return "".join(words)


def _counted(noun: str) -> str:
    """The noun a count measures, or '' for a single character or a word that names no thing (规模, 总量)."""
    return noun if len(noun) >= 2 and noun not in _GENERIC else ""


def _with_deed(text: str, end: int, after: str, said: str, noun: str) -> str:
    """The noun and the words after it from a verb to the end of the clause (学校开设课程; 园区占地超百亩的…):
    which of the kind are counted, what they do or are; '' when something else follows (a number, a quote)
    or no verb does."""
    deed = after[len(said):]
    words = tagged(deed) if deed else []
    closes = end + len(after) == len(text) or text[end + len(after)] in _DEED_ENDS
    if not _counted(noun) or not words or words[0][1] != "v" or not closes:
        return ""
    return noun + deed


def _quantity(match: re.Match[str], text: str) -> Decimal | None:
    """The match's value, or None for a bare number, 二十届 without 第 (part of a name: 学会二十届三次理事会)
    or a year."""
    number, unit, scale = match.group("num"), match.group("unit") or "", match.group("scale") or ""
    value = to_decimal(number)
    if value is None or (not unit and not scale) or (not number[0].isdigit() and unit in ORDINAL_UNITS):
        return None
    if unit == "年" and (scale or Decimal(1900) <= value <= Decimal(2100) or "." in number or
                        not re.search(r"连续|超|以上|之多", text[max(match.start() - 3, 0):match.end() + 2])):
        return None  # a year, not a quantity
    return value


def _span_before(text: str, clause_start: int, floor: int, at: int) -> str:
    """The words of the clause before the number; after a list, those after its last item
    (1.4万亿斤新台阶、亩产提升)."""
    span = text[max(clause_start, floor):at]
    if floor > clause_start and "、" in span:
        span = span.rsplit("、", 1)[1]
    return span


def _metric_of(span: str, share: list[str], text: str, clause_start: int,
               match: re.Match[str]) -> tuple[str, str, str]:
    """The metric, its measure and the verb before the number: under 分别 each item takes its number and
    the shared verb (基础设施、制造业投资分别增长9.4%、9.1%: the second item takes 增长 too)."""
    pre = match.group("pre") or ""
    if "分别" in span and not share:
        share += _split_items(span.split("分别")[0])
    listed = "、" in span and not share and bool(items := _unmarked_respective(span, text, match))
    if listed:
        share += items
    metric, measure = clean_metric(span)
    if share and (metric in _GENERIC or "分别" in span or not metric or listed):
        metric = share.pop(0)
        said = _RESPECTIVELY.search(text, clause_start, match.start()) or _LISTED_TREND.search(
            text, clause_start, match.start())
        pre = pre or (said.group(1) if said and not pre else "")
    return metric, measure, pre


_LISTED = "[、和]"  # what stands between the numbers of an unmarked respective list
# the verb an unmarked list's numbers share, said before the first (增长3%、5%: the 5% is a growth too)
_LISTED_TREND = re.compile("(" + "|".join(_TRENDS) + rf")(?:{_NUM}[^\d，,；;。：:、和]{{0,6}}{_LISTED})+$")


def _unmarked_respective(span: str, text: str, match: re.Match[str]) -> list[str]:
    """A list of items and right after it as many numbers, with nothing but 、 or 和 between them, is read as
    分别 (甲、乙普及率超过90%、80%: each item its number); a number short, or words between, and it is not."""
    items = _split_items(clean_metric(span)[0])
    count, at = 1, match.end()
    while re.match(_LISTED, text[at:at + 1]) and (after := FIGURE.match(text, at + 1)) \
            and after.group("num") and not after.group("pre"):
        count, at = count + 1, after.end()
    if len(items) < 2 or count != len(items) or (not _CLAUSE_END.match(text, at) and at < len(text)):
        return []
    return items


def _trend_of(pre: str, unit: str, scale: str, role: str) -> str:
    """增长 or 下降 when the number is a rate or an amount of change; 增加1000家 is a count."""
    trend = _TRENDS.get(pre, "") if pre not in _LEVEL_VERBS else ""
    if trend and unit not in ("%", "％", "‰") and not scale and role != "delta":
        return ""
    return trend


def _with_trend(metric: str, subject: str, trend: str, role: str) -> str:
    """The metric as read: a change against last year is its subject's; a generic one takes the clause's
    subject; a rate says whether it rose or fell."""
    if role == "delta" and subject:
        return f"{subject}比上年{trend or '变化'}"
    if metric in _GENERIC or (trend and not metric):
        head = subject if metric in _GENERIC or not metric else ""
        return head + (metric if metric not in ("", "其中", "增长", "下降", "增速") else "") + trend
    return metric + trend


# 完成年度计划的118%: how much of a plan was done, a result under the plan's words (never a target)
_COMPLETION = GuardedPattern(r"完成[^，,；;。]{0,8}(?:计划|目标|任务)的?$|分别完成[^，,；;。]{0,8}(?:计划|目标|任务)的",
                             lambda clause: "完成" in clause)


def _role(clause: str, span: str, text: str, match: re.Match[str], default: str) -> str:
    """base: 从X提高到…; delta: 比上年增加X; span: 年均, 累计, 五年; completion: 完成计划的N%; target: a
    plan's figure, or one with a cue."""
    if _FROM.search(text, max(match.start() - 2 * METRIC_CHARS, 0), match.start()):
        return "base"
    if (match.group("unit") or "") in ("%", "％") and not match.group("pre") and _COMPLETION.search(clause[:-len(
            match.group())] if match.group() else clause):
        return "completion"
    if _DELTA.search(span):
        return "delta"
    if _STREAK.search(text, 0, match.start()) and (match.group("unit") or "") == "年":
        # 连续6年 is how long a streak is, this year's figure (连续6年 -> 连续7年), in a review of years too
        return "result" if default == "years" else default
    if _SPAN.search(clause):
        return "span"
    if default != "target" and _TARGET_CUES.search(clause):
        return "target"
    if default == "years":
        return "result" if _level_reached(span, match) or _OF_A_YEAR.search(span) else "span"
    return default


def _level_reached(span: str, match: re.Match[str]) -> bool:
    """In a review of several years, a level reached (服务贸易占比达到37.4%, 光伏装机达2860万千瓦, 人均绿地面积增至
    9平方米, 数字经济增加值达1.2万亿元) or a bare stock (电力装机9000万千瓦) is where the last year ended: that
    year's result. A flow (新增, 累计) or a total (减税降费超3000亿元)
    stays the years'."""
    unit = match.group("unit") or ""
    pre = match.group("pre") or ""
    if FLOW.search(span):
        return False
    if not pre and unit in ("%", "％") and not re.search("|".join(_TRENDS) + "|均", span):
        return True  # a bare rate (巩固率96.2%, 覆盖率90%) is where it stands, no change over the years
    if not pre and _STOCK.search(span):
        return True  # a bare stock (装机1.7亿千瓦, 经营主体总量300万户) is where it stands too
    return pre in _LEVEL_REACHED and (
        pre in _LEVEL_VERBS or unit in ("%", "％", "岁") or bool(_STOCK.search(span) or _ANNUAL.search(span))
        or (unit in _ENTITIES and _noun_first(span)) or bool(_PER_HEAD.search(span)))


_PER_HEAD = re.compile(r"^每|人均")  # a level per head (每万人口执业药师数达4.1人, 人均绿地面积): a stock, never a flow
_ENTITIES = set("家所座")  # counters of bodies that stand (企业, 学校, 场馆): their number reached is a stock


def _noun_first(span: str) -> bool:
    """The words before a number open on a noun (国家高新技术企业超…), no verb (建成…, 培育…: what was done)."""
    words = tagged(re.sub(r"^(?:全省|全市|全区|全国|我省|我市|我区)", "", span.strip()))
    return bool(words) and words[0][1].startswith("n")
