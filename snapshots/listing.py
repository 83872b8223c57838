"""A 栏目 (listing) page's documents: title, URL, date. A listing is stored as a document whose body is one
table, a row per listed document, so its history shows what was published, changed and withdrawn, and the
monitor reads the items back from the stored table instead of parsing the page again."""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from ..text.outline import iso_date
from .document import CLEANER_VERSION, Document
from .formats import ATTACHMENT_SUFFIXES, suffix_pattern

_DOC_URL = re.compile(r"(?:post_\d+|/content/|/art/|/t\d{8}_|\d{5,}\.s?html?$|" + suffix_pattern(ATTACHMENT_SUFFIXES)
                      + "$)", re.I)
_NOT_DOC = re.compile(r"^(?:javascript:|mailto:|#)|/index(?:_\d+)?\.html?$", re.I)
COLUMNS = ("日期", "标题", "链接", "文号", "状态")  # the table's header row; 文号 and 状态 from catalogues


@dataclass
class ListedItem:
    title: str
    url: str
    date: str = ""  # ISO date when the listing shows one
    number: str = ""  # 文号, from a disclosure catalogue
    state: str = ""  # "" | 失效 | 废止, from a disclosure catalogue

    def row(self) -> list[str]:
        return [self.date, self.title, self.url, self.number, self.state]


def listing_items(html: str, base_url: str) -> list[ListedItem]:
    """Document links of a listing page, in page order, without navigation links."""
    from bs4 import BeautifulSoup  # when a listing is read: a pass of unchanged pages never parses one

    soup = BeautifulSoup(html, "lxml")
    for tag in soup.find_all(["script", "style", "nav", "header", "footer"]):
        tag.decompose()
    host = urlsplit(base_url).netloc
    items: dict[str, ListedItem] = {}
    for a in soup.find_all("a", href=True):
        href = str(a["href"]).strip()
        if _NOT_DOC.search(href):
            continue
        try:
            url = urljoin(base_url, href)
            if urlsplit(url).netloc != host:
                continue
        except ValueError:
            continue
        if not _DOC_URL.search(url):
            continue
        title = str(a.get("title") or a.get_text(" ", strip=True)).strip()
        if len(title) < 4:
            continue
        holder = a.find_parent(["li", "tr", "dd", "p", "div"])
        date = iso_date(holder.get_text(" ", strip=True)) if holder else ""
        items.setdefault(url, ListedItem(title, url, date))
    return list(items.values())


def items_document(title: str, url: str, items: list[ListedItem]) -> Document:
    return Document(title=title, body=[[list(COLUMNS), *(item.row() for item in items)]] if items else [],
                    url=url, cleaner_version=CLEANER_VERSION)


def listing_document(html: str, url: str) -> Document:
    from bs4 import BeautifulSoup

    head = BeautifulSoup(html[:20000], "lxml").title
    return items_document(head.get_text(strip=True) if head else url, url, listing_items(html, url))


def listed_items(document: Document) -> list[ListedItem]:
    """The items of a stored listing document (the table written by items_document)."""
    for block in document.body:
        if isinstance(block, list) and block and tuple(block[0]) == COLUMNS:
            return [ListedItem(title=row[1], url=row[2], date=row[0], number=row[3], state=row[4])
                    for row in block[1:] if len(row) == len(COLUMNS)]
    return []
