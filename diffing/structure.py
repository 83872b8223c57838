"""A document's own outline: numbered headings (一、 / （一） / 一是 / 1. / 第X条) give each paragraph
a section path, so changes are reported where a reader would look for them."""
from __future__ import annotations

import re

_CN = "一二三四五六七八九十百零〇两"
# (level, pattern): lower level = higher in the outline.
HEADING_LEVELS: list[tuple[int, re.Pattern[str]]] = [
    (0, re.compile(rf"^第[{_CN}\d]+[章编部分]")),
    (1, re.compile(rf"^[{_CN}]+\s*[、.．]")),
    (2, re.compile(rf"^[(（]\s*[{_CN}]+\s*[)）]")),
    (3, re.compile(rf"^[{_CN}]+是")),
    (3, re.compile(r"^\d{1,2}\s*[.．、](?!\d)")),
    (4, re.compile(r"^[(（]\s*\d{1,2}\s*[)）]")),
    (3, re.compile(rf"^第[{_CN}\d]+条")),
]
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
    title = text[:match.start()] if match else text
    return title[:60]


def section_paths(paragraphs: list[str]) -> list[list[str]]:
    """For each paragraph, the headings it stands under (its own heading included)."""
    stack: list[tuple[int, str]] = []
    paths = []
    for paragraph in paragraphs:
        level = heading_level(paragraph)
        if level is not None:
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, heading_title(paragraph)))
        paths.append([title for _, title in stack])
    return paths
