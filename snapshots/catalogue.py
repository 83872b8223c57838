"""The government disclosure platform's catalogue (政府信息公开目录, gkmlpt), read from its JSON rather than
its HTML: `/gkmlpt/api/all/<category>?page=N&sid=<site>` answers `{"classify": {"post_count"}, "total",
"articles": [{id, title, document_number, identifier, publisher, date, created_at, display_publish_time,
first_publish_time, url, attachment[], is_expired, is_abolished}, ...]}`. `date` is the date a document
was *written* (成文日期); the publish fields say when it was *published*. Epoch seconds are Beijing time.
The platform's `/gkmlpt/index` page carries the site's ID and category tree in `window._CONFIG`.
A document newly marked expired (失效) or abolished (废止) is news of its own."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit
from zoneinfo import ZoneInfo

from ..errors import FetchError
from ..text.outline import iso_date
from .document import Document
from .listing import ListedItem, items_document

BEIJING = ZoneInfo("Asia/Shanghai")
# When a document was published, most telling first (the platform's own names; public scrapers read these).
PUBLISHED_FIELDS = ("display_publish_time", "first_publish_time", "visible_publish_time", "publish_time",
                    "created_at", "create_time")
MAX_CONFIG_CHARS = 2_000_000  # a /gkmlpt/index page's window._CONFIG, at most
MAX_CATEGORIES = 200


def _date(value: Any) -> str:
    """The platform writes dates as text or as epoch seconds (or milliseconds), in Beijing time."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
        seconds = value / 1000 if value >= 10**11 else value
        if seconds < 10**11:
            return datetime.fromtimestamp(seconds, BEIJING).strftime("%Y-%m-%d")
        return ""
    return iso_date(str(value or ""))


def _truthy(value: Any) -> bool:
    return value not in (None, False, 0, "0", "", "false", "否")


def published_date(article: dict[str, Any]) -> str:
    """The first publish field that holds a date; the written date only when the platform gives none."""
    for name in PUBLISHED_FIELDS:
        date = _date(article.get(name))
        if date:
            return date
    return _date(article.get("date"))


def _json(text: str) -> Any:
    """The platform's JSON as a browser's JSON.parse would not, but its pages do, read it: a raw control
    character inside a string (a tab or line break pasted into a title) is allowed. A title's spacing is
    folded below; extract.sanitized drops every other control character."""
    return json.loads(text, strict=False)


def _articles(text: str, url: str) -> list[Any]:
    try:
        data = _json(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise FetchError("unreadable", f"catalogue is not JSON ({exc.__class__.__name__})", url) from None
    articles = data.get("articles") if isinstance(data, dict) else None
    if not isinstance(articles, list):
        raise FetchError("unreadable", "catalogue JSON has no 'articles' list", url)
    return articles


def catalogue_items(text: str, url: str) -> list[ListedItem]:
    items = []
    for article in _articles(text, url):
        if not isinstance(article, dict) or not article.get("url") or not article.get("title"):
            continue
        state = "废止" if _truthy(article.get("is_abolished")) else "失效" if _truthy(article.get("is_expired")) else ""
        items.append(ListedItem(title=" ".join(str(article["title"]).split()), url=urljoin(url, str(article["url"])),
                                date=published_date(article), written=_date(article.get("date")),
                                number=" ".join(str(article.get("document_number") or "").split()), state=state))
    return items


def catalogue_document(text: str, url: str) -> Document:
    return items_document("政府信息公开目录", url, catalogue_items(text, url))


def page_url(url: str, page: int) -> str:
    """The same catalogue query at another page."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "page"]
    return urlunsplit(parts._replace(query=urlencode([("page", str(page)), *query])))


def next_page(text: str, url: str, page: int, read: int) -> str:
    """The catalogue's page `page + 1`, unless page `page` was empty or the platform's count
    (`classify.post_count`, `total`) says the `read` documents so far are all."""
    try:
        data = _json(text)
    except (json.JSONDecodeError, RecursionError):
        return ""
    if not isinstance(data, dict) or not isinstance(data.get("articles"), list) or not data["articles"]:
        return ""
    classify = data.get("classify")
    count = classify.get("post_count") if isinstance(classify, dict) else None
    count = data.get("total") if count is None else count
    if isinstance(count, int) and count <= read:
        return ""
    return page_url(url, page + 1)


def is_index(url: str) -> bool:
    """The platform's front page (`/gkmlpt/index`, maybe `#<category>`), not its JSON."""
    return bool(re.search(r"/gkmlpt/index(?:\.html?)?$", urlsplit(url).path))


@dataclass
class Site:
    sid: str
    categories: list[tuple[int, str]]  # the tree's leaves: (id, name), in the tree's order


_SID = re.compile(r"""\bSID\s*[:=]\s*['"]?(\d{1,12})""")
_CONFIG = re.compile(r"window\._CONFIG\s*=\s*\{")
_TREE = re.compile(r"\bTREE\s*:\s*\[")


def _bracketed(text: str, start: int) -> str:
    """The JSON array or object that opens at text[start], brackets balanced outside strings."""
    depth, quoted, escaped = 0, "", False
    for i in range(start, min(len(text), start + MAX_CONFIG_CHARS)):
        c = text[i]
        if quoted:
            escaped = not escaped and c == "\\"
            if c == quoted and not escaped:
                quoted = ""
            continue
        if c in "\"'":
            quoted = c
        elif c in "[{":
            depth += 1
        elif c in "]}":
            depth -= 1
            if depth == 0:
                return text[start:i + 1]
    return ""


def _leaves(nodes: Any, out: list[tuple[int, str]]) -> None:
    """Categories that hold documents: no children of their own, no jump_url to elsewhere."""
    for node in nodes if isinstance(nodes, list) else []:
        if not isinstance(node, dict) or node.get("jump_url") or not isinstance(node.get("id"), int):
            continue
        before = len(out)
        _leaves(node.get("children"), out)
        if len(out) == before:
            out.append((node["id"], " ".join(str(node.get("name") or "").split())))


def site_config(html: str, url: str) -> Site:
    """SID and the category tree from a /gkmlpt/index page's `window._CONFIG = {SID: '…', TREE: [...]}`."""
    config = _CONFIG.search(html)
    if config is None:
        raise FetchError("unreadable", "no window._CONFIG on the disclosure platform's index page", url)
    body = _bracketed(html, config.end() - 1)
    sid = _SID.search(body)
    tree = _TREE.search(body)
    if sid is None or tree is None:
        raise FetchError("unreadable", "window._CONFIG names no SID or TREE", url)
    leaves: list[tuple[int, str]] = []
    try:
        _leaves(_json(_bracketed(body, tree.end() - 1) or "[]"), leaves)
    except (json.JSONDecodeError, RecursionError):
        raise FetchError("unreadable", "window._CONFIG's TREE is not JSON of a sensible depth", url) from None
    if not leaves:
        raise FetchError("unreadable", "window._CONFIG's TREE has no category", url)
    return Site(sid.group(1), leaves[:MAX_CATEGORIES])


def api_urls(index_url: str, site: Site) -> list[str]:
    """The first page of each category to watch: the one the index URL's fragment names, else every leaf."""
    fragment = urlsplit(index_url).fragment
    chosen = [c for c in site.categories if fragment and str(c[0]) == fragment] or site.categories
    base = index_url.split("#")[0]
    return [urljoin(base, f"api/all/{cat}?page=1&sid={site.sid}") for cat, _ in chosen]
