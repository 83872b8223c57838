"""The closest passage of the other report to a name or a promise, found by meaning rather than by the
exact string: BM25 over the passages' words and character pairs, with the generic parts of names (国家,
全国, 重大, 试点, 工程, 制度, …) weighed down. Character pairs let a shorter or longer name, an
abbreviation or another word order still find its passage (基本药物制度 in 国家基本药物制度, 部省联动 near
部省联合). A claim that something is new or no longer mentioned is only as sure as this search is empty."""
from __future__ import annotations

import math
import re
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..text.normal import fold
from ..text.numerals import to_decimal
from .tokens import tokenize

# Parts any name or plan may carry: they locate nothing, so they weigh a fifth of a specific term.
GENERIC_PARTS = frozenset("""国家 全国 重大 重点 综合 试点 工程 制度 体系 机制 建设 工作 项目 计划 行动 专项 政策 发展
改革 创新 推进 推动 加快 完善 加强 实施 深化 健全 全面 持续 支持 提升 提高 服务 管理 能力 水平 我省 我市 全省 全市
中央 地方 城乡 基本 一批 行动计划 示范 建立 构建 促进 扩大 实现 开展 有关 相关 进一步 着力 积极 稳步 更加 坚持
落实""".split())
GENERIC_WEIGHT = 0.2
_HAN = re.compile(r"[\u4e00-\u9fff]+|[A-Za-z0-9][A-Za-z0-9.%]*")
_K1, _B = 1.2, 0.75
# A count in Chinese numerals (三十年, 五个) is the count in digits (30年, 5个) the other report may use.
_COUNTED = re.compile(r"[零〇一二两三四五六七八九十百千]+(?=[年个项家所条座处万亿])")


def _digits(match: re.Match[str]) -> str:
    value = to_decimal(match.group())
    return str(value) if value is not None and match.group() not in ("一", "十") else match.group()


def terms(text: str) -> list[str]:
    """A text's terms: its words (two characters or more, or Latin and numbers) and the character pairs of
    its Chinese runs, pairs marked with a leading '~' so a two-character word and a pair stay apart."""
    folded = _COUNTED.sub(_digits, fold(text))
    words = [t.key for t in tokenize(folded, "word")]
    out = [w for w in words if len(w) >= 2 and _HAN.fullmatch(w)]
    for run in _HAN.findall(folded):
        if not run.isascii():
            out += ["~" + run[i:i + 2] for i in range(len(run) - 1)]
    return out


def _generic(term: str) -> bool:
    return term.lstrip("~") in GENERIC_PARTS


def post(postings: dict[str, int | array[int]], keys: Iterable[str], at: int) -> None:
    """Add one occurrence of each key at `at`: 4-byte entries, and a key seen once keeps its number alone, no
    array (most character pairs of a long text occur once; a dict or list per key cost 100 bytes each). All
    of a text's keys in one call: an index of a report makes tens of thousands of entries."""
    for key in keys:
        posting = postings.get(key)
        if posting is None:
            postings[key] = at
        elif isinstance(posting, int):
            postings[key] = array("I", (posting, at))
        else:
            posting.append(at)


@dataclass(frozen=True)
class Hit:
    """The closest passage: its index, its text, and the share of the query's weight it holds (0..1)."""

    index: int
    text: str
    score: float


class Passages:
    """A BM25 index over one report's passages (clauses)."""

    def __init__(self, passages: list[str]) -> None:
        self.passages = passages
        # Each term's passages, one entry per occurrence, in passage order, as 4-byte integers: a report of
        # megabytes holds millions of occurrences, and a dict per term cost 100 bytes each of them. A term
        # found once (most character pairs of a long text) keeps its passage's number alone, no array.
        self.postings: dict[str, int | array[int]] = {}
        self.lengths: list[int] = []
        for at, passage in enumerate(passages):
            found = terms(passage)
            self.lengths.append(len(found))
            post(self.postings, found, at)
        self.average = (sum(self.lengths) / len(self.lengths)) if self.lengths else 1.0
        # BM25's length normalisation of each passage, worked out once for every query.
        self.norms = array("d", (_K1 * (1 - _B + _B * n / self.average) for n in self.lengths))
        # A query's terms recur from query to query (the generic parts in most): each term's weight and its
        # passages with their counts are worked out once, the passages as two 4-byte arrays, not a Counter.
        self._weights: dict[str, float] = {}
        self._counted: dict[str, tuple[array[int], array[int]]] = {}
        self._floored: dict[str, float] = {}

    def occurrences(self, term: str) -> Sequence[int]:
        """The passage of each occurrence of the term, in passage order."""
        posting = self.postings.get(term)
        return () if posting is None else (posting,) if isinstance(posting, int) else posting

    def weight(self, term: str) -> float:
        """Rarity (BM25's idf), a fifth for generic parts; pairs half a word."""
        found = self._weights.get(term)
        if found is None:
            n = len(self.counted(term)[0])  # passages holding the term
            idf = math.log(1 + (len(self.passages) - n + 0.5) / (n + 0.5))
            found = self._weights[term] = \
                idf * (GENERIC_WEIGHT if _generic(term) else 1.0) * (0.5 if term.startswith("~") else 1.0)
        return found

    def _query_weight(self, term: str) -> float:
        """A query term's weight: its rarity, but never below 0.05 (a fifth of that for a generic part), so a
        term every passage holds still counts in the share of the query a passage holds; once per term."""
        found = self._floored.get(term)
        if found is None:
            found = self._floored[term] = max(self.weight(term), 0.05 * (GENERIC_WEIGHT if _generic(term) else 1.0))
        return found

    def counted(self, term: str) -> tuple[array[int], array[int]]:
        """The passages holding the term, in order, and how often each holds it."""
        found = self._counted.get(term)
        if found is None:
            where, counts = array("I"), array("I")
            for at in self.occurrences(term):
                if where and where[-1] == at:
                    counts[-1] += 1
                else:
                    where.append(at)
                    counts.append(1)
            found = self._counted[term] = (where, counts)
        return found

    def closest(self, query: str) -> Hit | None:
        """The passage BM25 ranks first for the query (ties: the earlier one), scored by the share of the
        query's weight (each distinct term once) the passage holds; None when no passage shares a term."""
        wanted = sorted(set(terms(query)))
        if not wanted:
            return None
        weights = {t: self._query_weight(t) for t in wanted}
        ranks: dict[int, float] = {}
        norms = self.norms
        for term in wanted:
            weight = weights[term]
            where, counts = self.counted(term)
            for at, count in zip(where, counts, strict=True):
                ranks[at] = ranks.get(at, 0.0) + weight * count * (_K1 + 1) / (count + norms[at])
        if not ranks:
            return None
        rounded = {at: round(rank, 9) for at, rank in ranks.items()}
        top = max(rounded.values())
        best = min(at for at, rank in rounded.items() if rank == top)
        held = sum(weights[t] for t in wanted if _holds(self.counted(t)[0], best))
        return Hit(best, self.passages[best], round(held / sum(weights.values()), 3))


def _holds(where: array[int], at: int) -> bool:
    """Whether the sorted passage numbers hold `at`."""
    i = bisect_left(where, at)
    return i < len(where) and where[i] == at
