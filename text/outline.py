"""The numbered outline of Chinese official documents (第一章 / 一、 / （一） / 一是 / 1. / （1） / 第X条),
and the other patterns they share: years, editions (第26届), dates."""
from __future__ import annotations

import re

CN_NUMERALS = "一二三四五六七八九十百零〇两"
# (level, pattern): lower level = higher in the outline.
HEADING_LEVELS: list[tuple[int, re.Pattern[str]]] = [
    (0, re.compile(rf"^第[{CN_NUMERALS}\d]+[章编部分]")),
    (1, re.compile(rf"^[{CN_NUMERALS}]+\s*[、.．]")),
    (2, re.compile(rf"^[(（]\s*[{CN_NUMERALS}]+\s*[)）]")),
    (3, re.compile(rf"^[{CN_NUMERALS}]+是")),
    (3, re.compile(r"^\d{1,2}\s*[.．、](?!\d)")),
    (4, re.compile(r"^[(（]\s*\d{1,2}\s*[)）]")),
    (3, re.compile(rf"^第[{CN_NUMERALS}\d]+条")),
]
YEAR = re.compile(r"(?:19|20)\d{2}")
YEAR_NAMED = re.compile(YEAR.pattern + r"(?=\s*年)")  # a year as the text names one: 2024年
EDITION = r"第\d+[届次期]"  # an edition (第26届), once ordinals are digits
DATE = re.compile(rf"({YEAR.pattern})\s*[-/.年]\s*(\d{{1,2}})\s*[-/.月]\s*(\d{{1,2}})\s*日?")
_TITLE_END = re.compile(r"[。；;！!？?]")


def heading_level(line: str) -> int | None:
    """Outline level of a numbered line, or None for body text."""
    text = line.strip().lstrip("#").strip()
    for level, pattern in HEADING_LEVELS:
        if pattern.match(text):
            return level
    return None


def heading_title(line: str) -> str:
    """The heading part of a numbered paragraph: up to its first full stop (「（一）完善政策体系，…。」)."""
    text = line.strip().lstrip("#").strip()
    match = _TITLE_END.search(text)
    return (text[: match.start()] if match else text)[:60]


def iso_date(text: str) -> str:
    """First date in text as YYYY-MM-DD, or ''."""
    match = DATE.search(text or "")
    if not match:
        return ""
    year, month, day = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}"
