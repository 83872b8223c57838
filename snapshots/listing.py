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
COLUMNS = ("日期", "标题", "链接", "文号", "状态", "成文日期")  # the table's header row; the last three from catalogues
# Second-level labels under which a registrable domain sits one label deeper (gov.cn -> sz.gov.cn); the
# public suffixes a Chinese government site meets, not the whole Public Suffix List.
_SECOND_LEVEL = {"gov", "com", "edu", "org", "net", "ac", "mil"}
_PAGES = re.compile(r"createPageHTML\(\s*['\"]?(\d{1,4})")
_MIN_TITLE = 4  # characters: shorter link texts are navigation (更多, 下一页)


@dataclass
class ListedItem:
    title: str
    url: str
    date: str = ""  # ISO date when the listing shows one
    number: str = ""  # 文号, from a disclosure catalogue
    state: str = ""  # "" | 失效 | 废止, from a disclosure catalogue
    written: str = ""  # 成文日期 (ISO), from a disclosure catalogue: when it was written, not published

    def row(self) -> list[str]:
        return [self.date, self.title, self.url, self.number, self.state, self.written]


def site_family(host: str) -> str:
    """The registrable domain of a host: stic.sz.gov.cn and www.sz.gov.cn are both sz.gov.cn."""
    host = host.lower().split(":")[0].rstrip(".")
    labels = host.split(".")
    if host.replace(".", "").isdigit() or host.startswith("["):
        return host  # an address is a family of its own
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def follows(url: str, listing_url: str, follow: list[str] | tuple[str, ...] = ()) -> bool:
    """Whether a document listed on a page is the watch's to follow: its host is of the listing's site
    family (documents of stic.sz.gov.cn are linked from www.sz.gov.cn pages), or, when the watch names
    `follow_hosts`, one of those (a name, or `*.name` for it and its subdomains): to widen or narrow."""
    host = urlsplit(url).netloc.lower().split(":")[0]
    for rule in follow or (f"*.{site_family(urlsplit(listing_url).netloc)}",):
        rule = rule.lower()
        if host == rule.removeprefix("*.") or (rule.startswith("*.") and host.endswith(rule[1:])):
            return True
    return False


def listing_items(html: str, base_url: str) -> list[ListedItem]:
    """Document links of a listing page, in page order, without navigation links, whatever their host
    (which of them a watch follows is `follows`'s business)."""
    from bs4 import BeautifulSoup  # when a listing is read: a pass of unchanged pages never parses one

    soup = BeautifulSoup(html, "lxml")
    for tag in soup.find_all(["script", "style", "nav", "header", "footer"]):
        tag.decompose()
    items: dict[str, ListedItem] = {}
    for a in soup.find_all("a", href=True):
        href = str(a["href"]).strip()
        if _NOT_DOC.search(href):
            continue
        try:
            url = urljoin(base_url, href)
            if urlsplit(url).scheme not in ("http", "https"):
                continue
        except ValueError:
            continue
        if not _DOC_URL.search(url):
            continue
        text = " ".join(a.get_text(" ", strip=True).split())
        title = " ".join(str(a.get("title") or "").split())
        title = title if len(title) >= _MIN_TITLE else text  # a short title attribute is not the title
        if len(title) < _MIN_TITLE:
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


def next_page(html: str, url: str, page: int) -> str:
    """The URL of page `page + 1` of a 栏目 (index.html, index_2.html, ...) when this page names it: by
    the CMS's `createPageHTML(N, ...)` page count, or by a link to it."""
    path = urlsplit(url).path
    folder = path.rsplit("/", 1)[0] + "/" if re.search(r"/index(?:_\d+)?\.s?html?$|/$", path) else ""
    if not folder:
        return ""
    name = f"index_{page + 1}.html"
    count = _PAGES.search(html)
    if (count and int(count.group(1)) > page) or re.search(rf"""href=["']?[^"'>]*\b{name}""", html):
        return urljoin(url, folder + name)
    return ""


_FIELDS = {"日期": "date", "标题": "title", "链接": "url", "文号": "number", "状态": "state", "成文日期": "written"}


def listed_items(document: Document) -> list[ListedItem]:
    """The items of a stored listing document (the table written by items_document, this release's
    columns or an earlier release's fewer)."""
    for block in document.body:
        if isinstance(block, list) and block and tuple(block[0]) == COLUMNS[:len(block[0])] and len(block[0]) >= 3:
            header = [_FIELDS[name] for name in block[0]]
            return [ListedItem(**dict(zip(header, row, strict=True))) for row in block[1:] if len(row) == len(header)]
    return []
