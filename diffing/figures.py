"""Quantities in policy text: value as written, unit with its scale, qualifier, and the metric
each one measures, read from its clause (研发投入强度提升至6.46% -> metric 研发投入强度)."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from decimal import Decimal

from .normalize import fold_text
from .numerals import CN_DIGITS, to_decimal
from .tokens import tokenize

METRIC_CHARS = 16  # a metric is the words just before its figure, up to this many characters

_NUM = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?|[{CN_DIGITS}]*[十百千][{CN_DIGITS}]*(?:点[零〇一二三四五六七八九]+)?)"
_UNITS = ("个百分点|平方公里|平方米|公顷|千瓦时|人年|人次|家|项|个|人|名|位|次|届|所|座|条|件|篇|台|套|元|倍|批|支|期|款|场|"
          "天|公里|吨|千瓦|亩|户|份|株|例|只|辆|年|%|％|‰")
_PRE = "超过|超|逾|接近|近|约|突破|不低于|不少于|不超过|达到|达|提升至|提高到|提高至|提升到|增至|升至|降至|增长|下降|增加|减少"
FIGURE = re.compile(
    rf"(?P<pre>{_PRE})?(?P<num>{_NUM})(?:\s*[-~～—至到]\s*(?P<num2>{_NUM}))?\s*(?P<scale>万亿|亿|万|千)?"
    rf"\s*(?P<approx>余|多)?\s*(?P<unit>{_UNITS})(?P<post>以上|以下|左右|之多|多)?")
PERCENT_WORDS = re.compile(r"百分之([零〇一二两三四五六七八九十百点]+)")
ORDINAL = re.compile(rf"第(?P<num>\d+|[{CN_DIGITS}]+)(?P<unit>届|次|批|期|轮)")
_CLAUSE = re.compile(r"[，,；;。：:！？!?、\n]|其中")
_ORDINAL_UNITS = ("届", "次", "期", "轮", "批")
_COUNTERS = ("个", "家", "项", "名", "位", "所", "座", "条", "件", "批", "支", "款", "场", "例", "户", "份", "台", "套")
_SENTENCE = re.compile(r"[^。；;！？!?\n]+[。；;！？!?]?")
_TREND = ("增长", "下降", "增加", "减少")
_LEAD = re.compile(r"^(?:其中|全社会|全市|全省|全国|我市|本市|深圳市?|全年|年度|当年|去年|今年|累计|共|总计|并|和|及|、|"
                   r"支持|建设|培育|引进|认定|新建|组建|布局|建成|打造|成功|举办|举行|吸引|发布|实现|完成|开展|推动|带动|"
                   r"集聚|汇聚|拥有|有|各类|数量|总数|来自|邀请|资助|承接|主动|设立|用好|统筹|推广|形成|新增一批|一批)+")
_TAIL = re.compile(r"(?:达到|达|为|超过|超|突破|约|近|共计|共|有|居|提升至|提高到|提高至|增至|升至|降至|累计|总数|数量|"
                   r"总量|规模|实现|同比|连续|逾|已|均|的|在|年均|分别)+$")
_GENERIC = {"", "占比", "比重", "总量", "其中", "增长", "同比", "达", "规模", "数量"}
_SYNONYMS = ((re.compile(r"R&D经费|R&D|研发经费|研究与试验发展经费"), "研发"),
             (re.compile(r"占(?:GDP|地区生产总值|生产总值)(?:的)?比重|占GDP比例"), "强度"),
             (re.compile(r"高新技术企业"), "高企"))
_STOP_KEY = re.compile(r"全社会|全市|全省|我市|本市|深圳市?|全年|年度|当年|其中|的|国家级?|数量|总量|总数|累计")
_QUALIFIER_CANON = {"超过": "超", "逾": "超", "达到": "达", "接近": "近", "提高到": "提升至", "提高至": "提升至",
                    "提升到": "提升至", "增至": "提升至", "升至": "提升至", "之多": "多"}


@dataclass
class Figure:
    metric: str
    value: str  # as written, in digits (2.47 for 2.47万家; 26 for 第二十六届)
    unit: str  # with its scale (万家, 亿元, %, 届)
    qualifier: str
    raw: str
    sentence: str
    start: int  # offset of the sentence's figure in the document text

    @property
    def number(self) -> Decimal:
        return Decimal(self.value)

    @property
    def key(self) -> str:
        return metric_key(self.metric)

    @property
    def unit_class(self) -> str:
        if self.unit in ("%", "％", "个百分点", "‰"):
            return "%"
        return self.unit[-1:] if self.unit else ""

    def same_reading(self, other: "Figure") -> bool:
        return (self.number == other.number and self.unit == other.unit
                and _QUALIFIER_CANON.get(self.qualifier, self.qualifier)
                == _QUALIFIER_CANON.get(other.qualifier, other.qualifier))

    def to_dict(self) -> dict:
        data = asdict(self)
        del data["start"]
        return data


def metric_key(metric: str) -> str:
    """Canonical metric for pairing across documents and years."""
    key = fold_text(metric)
    for pattern, replacement in _SYNONYMS:
        key = pattern.sub(replacement, key)
    return _STOP_KEY.sub("", key)


def _clean_metric(text: str) -> str:
    text = re.sub(r"[“”\"'《》()（）\s]", "", text)
    text = re.sub(r"^\d{4}(?:年度?)?", "", text)
    previous = None
    while previous != text:
        previous = text
        text = _TAIL.sub("", _LEAD.sub("", text))
    if len(text) <= METRIC_CHARS:
        return text
    kept = ""  # the last whole words that fit: 经济研究院形成人工智能应用场景, not 字经济研究院…
    for token in reversed(tokenize(text, "word")):
        if len(kept) + len(token.text) > METRIC_CHARS:
            break
        kept = token.text + kept
    return kept or text[-METRIC_CHARS:]


def extract_figures(text: str) -> list[Figure]:
    """Every quantity in `text` that measures something nameable."""
    figures: list[Figure] = []
    for sentence_match in _SENTENCE.finditer(text):
        sentence = sentence_match.group().strip()
        offset = sentence_match.start()
        normalised = PERCENT_WORDS.sub(lambda m: f"{to_decimal(m.group(1).replace('点', '.')) or m.group(1)}%",
                                       sentence) if "百分之" in sentence else sentence
        matches = sorted([*FIGURE.finditer(normalised), *ORDINAL.finditer(normalised)], key=lambda m: m.start())
        subject, last_end = "", 0
        for match in matches:
            if match.start() < last_end:
                continue
            figure = _figure(match, normalised, sentence, subject, last_end, offset)
            last_end = match.end()
            if figure is not None:
                subject = re.sub(r"(?:增长|占比|新增|总量|连续年数)+$", "", figure.metric)
                figures.append(figure)
    return figures


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


def _figure(match: re.Match[str], text: str, sentence: str, subject: str, floor: int, offset: int) -> Figure | None:
    groups = match.groupdict()
    if "pre" not in groups:
        return _ordinal(match, text, sentence, offset)
    number, unit = groups["num"], groups["unit"]
    value = to_decimal(number)
    if value is None or (not number[0].isdigit() and unit in _ORDINAL_UNITS):
        return None  # 二十届 without 第 is part of a name (党的二十届三中全会)
    if unit == "年":
        if groups["scale"] or Decimal(1900) <= value <= Decimal(2100) or "." in number:
            return None  # a year, not a quantity
        if not re.search(r"连续|超|以上|之多", text[max(match.start() - 3, 0):match.end() + 2]):
            return None
    pre = groups["pre"] or ""
    trend = pre if pre in _TREND else ""
    pre = "" if trend else pre
    clause_start = max([floor, *(m.end() for m in _CLAUSE.finditer(text, 0, match.start()))])
    metric = _clean_metric(text[clause_start:match.start()])
    after = re.match(r"[^，,；;。、的和与及\d]{2,10}", text[match.end():])
    if (unit in _COUNTERS or not metric) and after and not re.match(r"^(?:以上|以下|左右|的|增长|下降)", after.group()):
        metric = _clean_metric(metric + re.sub(r"(?:报名|参会|参展|落地|入选|获批|签约|设展参会)$", "", after.group()))
    if 2 <= len(metric) <= 4 and subject and metric[:2] in subject[1:]:
        # An elliptical list item shares its head with the one before: 技术合同成交数…、成交额… -> 技术合同成交额
        metric = subject[:subject.index(metric[:2], 1)] + metric
    if metric in _GENERIC or trend:
        head = subject if metric in _GENERIC else ""  # 增长9.9% after 研发投入…: the trend of that subject
        metric = head + (metric if metric not in ("", "其中") else "") + trend
    if unit == "年":
        metric += "连续年数"
    if len(metric) < 2 or metric.isdigit():
        return None
    qualifier = pre or groups["post"] or groups["approx"] or ""
    if groups["num2"]:
        qualifier = f"{qualifier}区间至{to_decimal(groups['num2'])}".strip()
    unit = "%" if unit == "％" else unit
    return Figure(metric, str(value), (groups["scale"] or "") + unit, qualifier, match.group().strip(), sentence,
                  offset + match.start())
