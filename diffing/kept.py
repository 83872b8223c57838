"""Signs that NEW keeps a promise the retrieval scored low: a promise is long and NEW says it in a few words
(a named project reported done in a review, a count of the same effort promised again), so the share of the
promise a passage holds misses it. Each function returns NEW's evidence, '' when there is none."""
from __future__ import annotations

import re
from functools import lru_cache

from ..text.normal import fold, han_only
from ..text.patterns import GuardedPattern
from ..text.sentences import sentences
from .commitments import GENERIC, main_phrase
from .programs import EFFORT_SUFFIXES
from .retrieval import GENERIC_PARTS
from .tokens import tagged

# Tags of proper names (a place, a person, a brand), and Latin words; jieba also gives them to a few common
# words, which the rarity test below and this list keep out.
_PROPER_TAGS = ("ns", "nr", "nz", "eng")
_COMMON_PLACES = frozenset("城市 乡村 农村 城乡 区域 地方 全球 国际 城镇 社区 园区 中国 全国 美丽 深度".split())
_NOUNISH = ("n", "eng", "m")
_CODE = re.compile(r"[A-Za-z]+\d+|\d+[A-Za-z]+")


@lru_cache(maxsize=4)
def _folded(text: str) -> str:
    """A report folded once, not once per promise."""
    return fold(text)


@lru_cache(maxsize=4)
def _folded_sentences(text: str) -> tuple[str, ...]:
    return tuple(fold(sentence) for sentence in sentences(text))


@lru_cache(maxsize=4)
def _sentence_count(folded: str) -> int:
    return folded.count("。")


def _shared_runs(text: str, other: str, shortest: int = 3) -> list[str]:
    """The longest runs of `text` of `shortest` characters or more that `other` holds, left to right."""
    out, at = [], 0
    while at <= len(text) - shortest:
        end = at + shortest
        if text[at:end] in other:
            while end < len(text) and text[at:end + 1] in other:
                end += 1
            out.append(text[at:end])
            at = end
        else:
            at += 1
    return out


def _proper(word: str, tag: str, old: str, limit: float) -> bool:
    """A proper name the old report uses rarely (a company, a place of one project; not the province it is
    about), or a code (G331)."""
    if _CODE.fullmatch(word):
        return True
    return tag in _PROPER_TAGS and len(word) >= 2 and word not in GENERIC and word not in GENERIC_PARTS \
        and word not in _COMMON_PLACES and old.count(word) <= limit


def _shared_names(text: str, new: str, ends: tuple[str, ...]) -> list[list[tuple[str, str]]]:
    """The runs of `text` NEW holds, as their tagged words, trimmed to words tagged `ends` at both ends."""
    spans, at = [], 0
    for word, tag in tagged(text):
        spans.append((at, at + len(word), word, tag))
        at += len(word)
    out = []
    for run in _shared_runs(text, new):
        start = text.find(run)
        inside = [(w, tag) for a, b, w, tag in spans if a >= start and b <= start + len(run)]
        while inside and not inside[0][1].startswith(ends):
            inside.pop(0)
        while inside and not inside[-1][1].startswith(ends):
            inside.pop()
        out.append(inside)
    return out


def named_again(promise: str, old_text: str, new_text: str) -> str:
    """The name of one thing the promise acts on, a proper name with its kind (甲乙机场, 丙丁电气, 某公司第6代线)
    or a code (G123), said in NEW too, where OLD says it five times at most and NEW three: the project is reported or
    promised again, not passed over, however little else of the promise's wording NEW repeats. Returns the
    shared name ('' when none)."""
    text, old, new = fold(promise), _folded(old_text), _folded(new_text)
    limit = max(3.0, 0.05 * _sentence_count(old))
    for inside in _shared_names(text, new, _NOUNISH):
        name = "".join(w for w, _ in inside)
        if not any(_proper(w, tag, old, limit) for w, tag in inside):
            continue
        if ((len(inside) >= 2 and len(name) >= 4) or _CODE.fullmatch(name)) \
                and old.count(name) <= 5 and new.count(name) <= 3:
            return name
    return ""


# Tags of the words of a thing's name: nouns, nominal verbs (服务, 医疗), abbreviations and set phrases.
_THING = ("n", "vn", "j", "l")
# A place or a person says where or whose, not what (…落户某省): named_again reads proper names.
_PLACE_OR_PERSON = ("ns", "nr")
# What a promise raises when it names no thing: a quality (服务效能), no object a report could say again.
_QUALITY_ENDS = ("效益", "效率", "效能", "水平", "质量", "能力", "功能", "活力", "动力", "实力", "作用")


def compound_again(promise: str, old_text: str, new_text: str) -> str:
    """The thing the promise acts on, named in two words or more, none of them the plans' common vocabulary
    (建设县级心电诊断室 -> 心电诊断室; 实施渔船智能改造行动 -> 渔船智能改造), that OLD says twice at most and
    NEW says too (three times at most): the thing is reported or promised again in the promise's own words,
    however NEW words the rest. Only the end of the main phrase is what it acts on (…心电诊断示范县: 心电诊断
    says what kind of county; in …，推广远程会诊 a means); a quality is no thing. Returns the compound ('' when
    none)."""
    text, old, new = fold(promise), _folded(old_text), _folded(new_text)
    acted_on = main_phrase(promise)
    acted_on = next((acted_on[:-len(s)] for s in sorted(EFFORT_SUFFIXES, key=len, reverse=True)
                     if acted_on.endswith(s)), acted_on)
    for inside in _shared_names(text, new, _THING):
        name = "".join(w for w, _ in inside)
        if len(inside) >= 2 and len(name) >= 4 and acted_on.endswith(name) and han_only(name) \
                and not any(w in GENERIC or w in GENERIC_PARTS or tag in _PLACE_OR_PERSON for w, tag in inside) \
                and not name.endswith(_QUALITY_ENDS) and old.count(name) <= 2 and new.count(name) <= 3 \
                and _same_thing_in(name, text, new):
            return name
    return ""


def _word_before(text: str, at: int) -> tuple[str, str]:
    """The tagged word that ends just before `at` in `text` (('', '') at the start)."""
    words = tagged(text[max(0, at - 6):at])
    return words[-1] if words else ("", "")


def _same_thing_in(name: str, promise: str, new: str) -> bool:
    """NEW says the compound of the same thing somewhere: not only after a noun of its own that the promise does
    not give (港口+仓储中心 is not 冷藏+仓储中心: another thing of the kind); a common one (企业+…) singles out none."""
    before = _word_before(promise, promise.find(name))[0]
    at = new.find(name)
    while at >= 0:
        word, tag = _word_before(new, at)
        if not tag.startswith(_THING) or word in GENERIC or word in GENERIC_PARTS or word == before:
            return True
        at = new.find(name, at + 1)
    return False


_NUMERAL = r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)"
# A count and what it counts, up to the end of the item: 实施30项甲乙重大专项和…, 建设6个丙丁中心、….
_COUNT_OF = _NUMERAL + r"(?:个|项|家|所|座|条|批|大)"
_COUNTED = GuardedPattern(_COUNT_OF + r"(?:以上|左右)?([\u4e00-\u9fff]{4,12}?)(?=[，,。；;、和及与等（(]|$)",
                          re.compile(_COUNT_OF).search)


def counted_again(promise: str, new_text: str) -> str:
    """A NEW passage that counts the same kind of effort the promise counts, with its own count (30项甲乙专项
    promised, NEW's 实施10个以上甲乙专项 or 六大甲乙专项): the effort goes on, with a new number, not passed
    over. The thing counted has four characters or more, six when it is only the plans' common words."""
    new = _folded(new_text)
    for counted in _COUNTED.findall(fold(promise)):
        plain = all(word in GENERIC or word in GENERIC_PARTS for word, _ in tagged(counted))
        if (plain and len(counted) < 6) or counted not in new:
            continue  # 5个重点项目: plans' common words count any kind of thing
        again = re.compile(_COUNT_OF + r"(?:以上|左右)?[^，,。；;]{0,2}" + re.escape(counted))
        found = next((s for s in _folded_sentences(new_text) if again.search(s)), "")
        if found:
            return found
    return ""


_QUOTED = re.compile(r"[“\"]([^“”\"]{6,40})[”\"]")


def abbreviated_in(promise: str, new_text: str) -> str:
    """A quoted campaign of parallel parts (“百甲引领、千乙带动、万丙补短”) that NEW calls by the parts' first
    characters, quoted (“百千万”工程): the usual short name of such a campaign, so it goes on. Returns the
    short name ('' when none)."""
    for quoted in _QUOTED.findall(promise):
        parts = re.split(r"[、，,]", quoted)
        if len(parts) < 3 or len({len(part) for part in parts}) != 1:
            continue
        short = "".join(part[0] for part in parts)
        if any(f"{open_}{short}{close}" in new_text for open_, close in (("“", "”"), ('"', '"'))):
            return short
    return ""
