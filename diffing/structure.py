"""A document's own outline: numbered headings (一、 / （一） / 一是 / 1. / 第X条) give each paragraph
a section path, so changes are reported where a reader would look for them."""
from __future__ import annotations

from ..text.outline import heading_level, heading_title


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
