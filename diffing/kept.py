"""Signs that NEW keeps a promise the retrieval scored low: a promise is long and NEW says it in a few words
(a named project reported done in a review, a count of the same effort promised again), so the share of the
promise a passage holds misses it. Each function returns NEW's evidence, '' when there is none."""
from __future__ import annotations

import re
from functools import lru_cache

from ..text.normal import fold
from ..text.sentences import sentences
from .commitments import GENERIC
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


def named_again(promise: str, old_text: str, new_text: str) -> str:
    """The name of one thing the promise acts on, a proper name with its kind (甲乙机场, 丙丁电气, 某公司第6代线)
    or a code (G123), said in NEW too, where OLD says it five times at most and NEW three: the project is reported or
    promised again, not passed over, however little else of the promise's wording NEW repeats. Returns the
    shared name ('' when none)."""
    text, old, new = fold(promise), _folded(old_text), _folded(new_text)
    limit = max(3.0, 0.05 * _sentence_count(old))
    spans, at = [], 0
    for word, tag in tagged(text):
        spans.append((at, at + len(word), word, tag))
        at += len(word)
    for run in _shared_runs(text, new):
        start = text.find(run)
        inside = [(w, tag) for a, b, w, tag in spans if a >= start and b <= start + len(run)]
        while inside and not inside[0][1].startswith(_NOUNISH):
            inside.pop(0)
        while inside and not inside[-1][1].startswith(_NOUNISH):
            inside.pop()
        name = "".join(w for w, _ in inside)
        if not any(_proper(w, tag, old, limit) for w, tag in inside):
            continue
        if ((len(inside) >= 2 and len(name) >= 4) or _CODE.fullmatch(name)) \
                and old.count(name) <= 5 and new.count(name) <= 3:
            return name
    return ""


_NUMERAL = r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)"
# A count and what it counts, up to the end of the item: 实施30项甲乙重大专项和…, 建设6个丙丁中心、….
_COUNTED = re.compile(_NUMERAL + r"(?:个|项|家|所|座|条|批|大)(?:以上|左右)?"
                      r"([\u4e00-\u9fff]{4,12}?)(?=[，,。；;、和及与等（(]|$)")


def counted_again(promise: str, new_text: str) -> str:
    """A NEW passage that counts the same kind of effort the promise counts, with its own count (30项甲乙专项
    promised, NEW's 实施10个以上甲乙专项 or 六大甲乙专项): the effort goes on, with a new number, not passed
    over. The thing counted has four characters or more, six when it is only the plans' common words."""
    new = _folded(new_text)
    for counted in _COUNTED.findall(fold(promise)):
        plain = all(word in GENERIC or word in GENERIC_PARTS for word, _ in tagged(counted))
        if (plain and len(counted) < 6) or counted not in new:
            continue  # 5个重点项目: plans' common words count any kind of thing
        again = re.compile(_NUMERAL + r"(?:个|项|家|所|座|条|批|大)(?:以上|左右)?[^，,。；;]{0,2}" + re.escape(counted))
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
