"""Metadata a reader expects: title, source, publish date, section path (from text lines or meta tags)."""
from __future__ import annotations

import re

from ..text.outline import DATE, iso_date
from ..text.patterns import lazy_pattern
from .boilerplate import BREADCRUMB

_SOURCE = lazy_pattern(r"(?:信息来源|文章来源|来源)\s*[:：]\s*([^\s|｜]{1,40})")
_PUBLISHED = lazy_pattern(r"(?:发布时间|发布日期|成文日期|信息提供日期|日期|时间)\s*[:：]\s*([0-9年月日/.\- :]{8,25})")


def info_fields(line: str) -> tuple[str, str]:
    """(source, published) read off a 信息来源 / 发布时间 line."""
    source = _SOURCE().search(line)
    published = _PUBLISHED().search(line)
    return (source.group(1).strip() if source else "",
            iso_date(published.group(1)) if published else "")


# A disclosure block's labels (索引号 / 发布机构 / 文号 / 发布日期 ...), as NFCMS and TRS pages print them,
# and the Document field each fills.
_LABELS = {"索引号": "identifier", "发布机构": "publisher", "文号": "number", "发文字号": "number",
           "成文日期": "written", "发布时间": "published", "发布日期": "published", "信息提供日期": "published",
           "来源": "source", "信息来源": "source", "文章来源": "source"}
_LABEL = lazy_pattern(rf"({'|'.join(sorted(_LABELS, key=len, reverse=True))})\s*[:：]\s*")
_DATED = ("published", "written")


def labelled_fields(lines: list[str]) -> dict[str, str]:
    """Fields of the page's visible metadata lines ('发布时间：2026-11-20', '索引号：' then its value in
    the next cell), the first of each; a date field only when it holds a date."""
    found: dict[str, str] = {}
    lines = [" ".join(line.split()) for line in lines if line.strip()]
    for n, line in enumerate(lines):
        if len(line) > 160:
            continue  # prose that mentions a label is not a metadata line
        marks = list(_LABEL().finditer(line))
        if marks and line[:marks[0].start()].strip(" |｜【】[]"):
            continue  # a label inside a sentence
        for i, mark in enumerate(marks):
            end = marks[i + 1].start() if i + 1 < len(marks) else len(line)
            value = line[mark.end():end].strip(" |｜")
            if not value and i + 1 == len(marks) and n + 1 < len(lines) and not _LABEL().match(lines[n + 1]):
                value = lines[n + 1]  # the value in the next cell
            field = _LABELS[mark.group(1)]
            value = iso_date(value) if field in _DATED else value[:80]
            if value and field not in found:
                found[field] = value
    return found


def breadcrumb_path(line: str) -> list[str]:
    """'您当前的位置 > 首页 > 政务公开 > 年度工作总结' -> ['政务公开', '年度工作总结']."""
    match = BREADCRUMB.match(line)
    rest = match.group(1) if match else line
    parts = [p.strip() for p in re.split(r"\s*[>＞»›/]\s*|\s{2,}", rest) if p.strip()]
    return [p for p in parts if p not in ("首页", "网站首页", "主页")]


_CLOCK = re.compile(r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?")


def is_date_line(line: str) -> bool:
    """A line that is only a date, perhaps with the clock time a site prints after it (2026-01-31 07:00)."""
    line = line.strip()
    date = DATE.match(line)
    return bool(date and _CLOCK.fullmatch(line, date.end()))
