"""Comparison keys: what two pieces of text must share to count as equal when noise is off."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

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
