"""HTML or copied page text -> Document: the body a reader sees, without the site's furniture. Text
(pasted from a rendered page) is read here, HTML in clean_html.py."""
from __future__ import annotations

import re

from ..text.normal import visible
from ..text.outline import YEAR, heading_level, iso_date
from ..text.patterns import GuardedPattern
from ..text.sentences import ends_sentence
from .boilerplate import DEBRIS
from .document import CLEANER_VERSION, Document
from .lines import filter_lines
from .metadata import is_date_line

_MD_MARK = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s+)|\*\*|__")


def looks_like_html(content: str) -> bool:
    head = content[:3000].lower()
    return any(tag in head for tag in ("<html", "<body", "<div", "<p>", "<p ", "<!doctype", "<table", "<head"))


def clean(content: str, url: str = "") -> Document:
    """Clean HTML or text copied from a page (BeautifulSoup loads only for HTML)."""
    if looks_like_html(content):
        from .clean_html import clean_html

        return clean_html(content, url)
    return clean_text(content, url)


# ---------------------------------------------------------------- text input

def clean_text(text: str, url: str = "") -> Document:
    """Text copied from a rendered page (the seeds): drop furniture lines, read metadata off them."""
    doc = Document(url=url, cleaner_version=CLEANER_VERSION)
    text = visible(text, "\n")  # controls and invisible characters out before metadata is read off the lines
    lines = [_MD_MARK.sub("", line).strip() for line in DEBRIS.sub("\n", text).splitlines()]
    body, info_at, _ = filter_lines(lines, doc)
    doc.body = list(_take_title(body, info_at, doc))
    return doc


def _is_short(line: str) -> bool:
    return len(line) <= 60 and not ends_sentence(line) and heading_level(line) is None


def _take_title(body: list[str], info_at: int | None, doc: Document) -> list[str]:
    """The title is the heading block before the info line or, failing that, before the first paragraph."""
    if info_at is not None and info_at <= 6:
        lead = body[:info_at]
    else:
        lead = []
        for line in body[:8]:
            if not _is_short(line):
                break
            lead.append(line)
        if len(lead) == len(body):
            lead = lead[:1]
    if not lead:
        return body
    for line in lead:
        if is_date_line(line) and not doc.published:
            doc.published = iso_date(line)
    for line in lead:
        if _BYLINE.match(line) and not doc.published:
            doc.published = iso_date(line)  # ——2024年3月5日在第十四届全国人民代表大会…
    if not doc.title:
        candidates = [line for line in lead if not is_date_line(line) and not _NOT_TITLE.match(line)
                      and not _SPEAKER.match(line)]
        while len(candidates) > 1 and re.search(r"[:：]$", candidates[-1]):
            candidates.pop()  # a salutation (各位代表：) opens the body, it names nothing
        if candidates:
            title = candidates[-1]
            if len(candidates) >= 2 and re.search(r"[:：]$", candidates[-2]):
                title = candidates[-2].rstrip(":：") + "：" + title
            # 2024年…国务院政府工作报告, then 政府工作报告: the fuller heading above it is the title
            title = next((c for c in candidates[:-1] if title in c and len(c) <= 60), title)
            doc.title = title
    return body[len(lead):]


# A dateline under the title: two dashes (—, ― or -) or a bracket opening on the year: ——2031年1月9日在…会议上
_BYLINE = re.compile(rf"^(?:[—―\-]{{2}}|[（(]\s*{YEAR.pattern}\s*年)")
# Lines of a heading block that are not the title: a byline, a speaker's office or name (an office ending in a
# head's title, a space, a name: 市人民政府市长 某某), an issue number.
_NOT_TITLE = re.compile(_BYLINE.pattern + r".*$|^(?:.{1,5}|第\d+期.*|（?总第\d+期）?)$")
_OFFICES = ("长", "主席", "主任", "书记")
_SPEAKER = GuardedPattern(rf".{{0,16}}(?:{'|'.join(_OFFICES)})\s+"
                          r"(?:[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff·]{1,10})$",
                          lambda line: any(map(str.isspace, line)) and any(office in line for office in _OFFICES))
