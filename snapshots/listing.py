"""A 栏目 (listing) page's document links: title, URL, date. New links are new publications."""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from .clean import CLEANER_VERSION
from .document import Document
from .metadata import iso_date

_DOC_URL = re.compile(r"(?:post_\d+|/content/|/art/|/t\d{8}_|\d{5,}\.s?html?$|\.(?:pdf|docx?|wps|ofd)$)", re.I)
_NOT_DOC = re.compile(r"^(?:javascript:|mailto:|#)|/index(?:_\d+)?\.html?$", re.I)


@dataclass
class ListingItem:
    title: str
    url: str
    date: str  # ISO date when the listing shows one


def listing_items(html: str, base_url: str) -> list[ListingItem]:
    """Document links of a listing page, in page order, without navigation links."""
    soup = BeautifulSoup(html, "lxml")
    for tag in soup.find_all(["script", "style", "nav", "header", "footer"]):
        tag.decompose()
    host = urlsplit(base_url).netloc
    items: dict[str, ListingItem] = {}
    for a in soup.find_all("a", href=True):
        href = a["href"].strip()
        if _NOT_DOC.search(href):
            continue
        url = urljoin(base_url, href)
        if urlsplit(url).netloc != host or not _DOC_URL.search(url):
            continue
        title = (a.get("title") or a.get_text(" ", strip=True)).strip()
        if len(title) < 4:
            continue
        holder = a.find_parent(["li", "tr", "dd", "p", "div"])
        date = iso_date(holder.get_text(" ", strip=True)) if holder else ""
        items.setdefault(url, ListingItem(title, url, date))
    return list(items.values())


def listing_document(html: str, url: str) -> Document:
    """A listing stored as a document: one line per listed item, so its history shows what was
    published and withdrawn."""
    soup_title = BeautifulSoup(html[:20000], "lxml").title
    title = soup_title.get_text(strip=True) if soup_title else url
    lines: list = [" | ".join(filter(None, (item.date, item.title, item.url))) for item in listing_items(html, url)]
    return Document(title=title, body=lines, url=url, cleaner_version=CLEANER_VERSION)
