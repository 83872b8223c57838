"""Comparison keys: what two pieces of text must share to count as equal when noise is off."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable

from .errors import DiffError

# Punctuation variants NFKC leaves apart but readers take as the same mark.
_VARIANTS = str.maketrans({
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "「": '"', "」": '"', "『": '"', "』": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
    "—": "-", "–": "-", "‐": "-", "‑": "-", "−": "-", "─": "-",
    "【": "[", "】": "]", "〔": "[", "〕": "]", "〈": "<", "〉": ">",
    "｡": "。", "・": "·", "•": "·", "～": "~", "〜": "~",
})


def fold_text(text: str) -> str:
    """Width-folded (全角 -> 半角), variant-folded, whitespace-free form of a text."""
    return "".join(unicodedata.normalize("NFKC", text).translate(_VARIANTS).split())


@lru_cache(maxsize=65536)
def fold(token: str) -> str:
    """fold_text for short tokens, memoised: a document repeats its words."""
    return fold_text(token)


def compile_ignore(patterns: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for a watch's ignore list (counters, timestamps): text that never counts as a change."""
    patterns = [p for p in patterns if p]
    if not patterns:
        return None
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise DiffError(f"ignore pattern {pattern!r}: {exc}") from None
    return re.compile("|".join(f"(?:{p})" for p in patterns))
