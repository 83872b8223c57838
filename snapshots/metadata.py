"""Metadata a reader expects: title, source, publish date, section path (from text lines or meta tags)."""
from __future__ import annotations

import re

from ..text.outline import DATE, iso_date
from .boilerplate import BREADCRUMB

_SOURCE = re.compile(r"(?:信息来源|文章来源|来源)\s*[:：]\s*([^\s|｜]{1,40})")
_PUBLISHED = re.compile(r"(?:发布时间|发布日期|成文日期|信息提供日期|日期|时间)\s*[:：]\s*([0-9年月日/.\- :]{8,25})")


def info_fields(line: str) -> tuple[str, str]:
    """(source, published) read off a 信息来源 / 发布时间 line."""
    source = _SOURCE.search(line)
    published = _PUBLISHED.search(line)
    return (source.group(1).strip() if source else "",
            iso_date(published.group(1)) if published else "")


def breadcrumb_path(line: str) -> list[str]:
    """'您当前的位置 > 首页 > 政务公开 > 年度工作总结' -> ['政务公开', '年度工作总结']."""
    match = BREADCRUMB.match(line)
    rest = match.group(1) if match else line
    parts = [p.strip() for p in re.split(r"\s*[>＞»›/]\s*|\s{2,}", rest) if p.strip()]
    return [p for p in parts if p not in ("首页", "网站首页", "主页")]


def is_date_line(line: str) -> bool:
    return bool(DATE.fullmatch(line.strip()))
