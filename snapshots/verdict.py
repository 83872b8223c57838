"""Is a 200 response really the page? Error pages served as 200 must never become versions."""
from __future__ import annotations

import re

from ..errors import FetchError

_CHALLENGE = re.compile(
    r"安全验证|访问过于频繁|访问频率过高|请求过于频繁|人机验证|滑动验证|拖动滑块|请输入验证码|访问验证|"
    r"请开启\s*JavaScript|请启用\s*JavaScript|enable JavaScript|Just a moment|cf-chl|challenge-platform|"
    r"WAF|Web应用防火墙|您的访问被拦截|访问被拒绝|Access Denied|Request blocked", re.I)
_SOFT404 = re.compile(
    r"页面不存在|页面未找到|找不到(?:该|此|您要访问的)?页面|您访问的页面|页面已(?:删除|过期|失效)|"
    r"信息已(?:删除|过期|撤销)|文章不存在|内容不存在|404\s*(?:Not Found|错误|页面)|\b404\b|Page Not Found|Not Found",
    re.I)
_TAGS = re.compile(r"<(script|style)[^>]*>.*?</\1>|<[^>]+>", re.S | re.I)
MIN_TEXT = 40  # visible characters below which a page is "near-empty"


def visible_text(html: str) -> str:
    return re.sub(r"\s+", " ", _TAGS.sub(" ", html)).strip()


def check_page(text: str, url: str) -> None:
    """Raise FetchError for empty, challenge and soft-404 pages. Only short pages are judged by
    their words: a real article that mentions 404 or 安全验证 in passing is long."""
    visible = visible_text(text)
    if len(visible) < MIN_TEXT and not _SOFT404.search(visible) and not _CHALLENGE.search(text):
        raise FetchError("empty", f"near-empty page ({len(visible)} visible characters)", url)
    if len(visible) > 1500:
        return
    head = visible[:600]
    if _CHALLENGE.search(text[:20000]) and len(visible) < 800:
        raise FetchError("challenge", "anti-bot or WAF challenge page instead of content", url)
    if _SOFT404.search(head):
        raise FetchError("soft404", "page says it does not exist (soft 404 served with status 200)", url)
