"""The government disclosure platform's catalogue (政府信息公开目录, gkmlpt), read from its JSON rather than
its HTML: `/gkmlpt/api/all/<category>?page=N&sid=<site>` answers `{"articles": [{id, title,
document_number, identifier, publisher, date, url, attachment[], is_expired, is_abolished}, ...]}`.
A document newly marked expired (失效) or abolished (废止) is news of its own."""
from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

from ..errors import FetchError
from ..text.outline import iso_date
from .document import Document
from .listing import ListedItem, items_document


def _date(value: Any) -> str:
    """The platform writes dates as text or as epoch seconds."""
    if isinstance(value, (int, float)) and 0 < value < 10**11:
        return datetime.fromtimestamp(value, UTC).strftime("%Y-%m-%d")
    return iso_date(str(value or ""))


def _truthy(value: Any) -> bool:
    return value not in (None, False, 0, "0", "", "false", "否")


def catalogue_items(text: str, url: str) -> list[ListedItem]:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise FetchError("unreadable", f"catalogue is not JSON ({exc.__class__.__name__})", url) from None
    articles = data.get("articles") if isinstance(data, dict) else None
    if not isinstance(articles, list):
        raise FetchError("unreadable", "catalogue JSON has no 'articles' list", url)
    items = []
    for article in articles:
        if not isinstance(article, dict) or not article.get("url") or not article.get("title"):
            continue
        state = "废止" if _truthy(article.get("is_abolished")) else "失效" if _truthy(article.get("is_expired")) else ""
        items.append(ListedItem(title=" ".join(str(article["title"]).split()), url=urljoin(url, str(article["url"])),
                                date=_date(article.get("date") or article.get("publish_time")),
                                number=" ".join(str(article.get("document_number") or "").split()), state=state))
    return items


def catalogue_document(text: str, url: str) -> Document:
    return items_document("政府信息公开目录", url, catalogue_items(text, url))
