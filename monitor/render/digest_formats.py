"""Digest renderers: Markdown (what email and chat targets get), email-safe HTML, an Atom feed
(feedgen), JSON. Every field is untrusted, URLs included: Markdown links are percent-encoded and only
http(s), so `x><img src=x onerror=…>` in a listed link stays text through Apprise's Markdown-to-HTML."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from ...text.normal import printable
from . import renderer
from .diff_formats import md_escape
from .templating import render_template

if TYPE_CHECKING:
    from ..watching.events import EventKind

if TYPE_CHECKING:
    from ..outbox.digest import Digest

KIND_LABELS: dict[EventKind, str] = {
    "change": "Changed", "publication": "New publication", "broken": "Broken", "recovered": "Recovered",
    "expired": "Marked expired (失效)", "abolished": "Marked abolished (废止)"}


def safe_url(url: str) -> str:
    """An http(s) URL with every character that could end a Markdown link or open a tag percent-encoded;
    '' for anything else (javascript:, data:, a broken URL)."""
    url = printable(url).strip()
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return ""
    if scheme not in ("http", "https", "file"):
        return ""
    return quote(url, safe="/:?#&=%@+,;~!$'*-._")


def md_link(text: str, url: str) -> str:
    href = safe_url(url)
    href = href.replace("(", "%28").replace(")", "%29").replace("'", "%27").replace("*", "%2A")
    return f"[{md_escape(text)}]({href})" if href else md_escape(text)


@renderer("digest", "json", ".json", "application/json")
def as_json(digest: Digest, **_: object) -> str:
    return json.dumps(digest.to_dict(), ensure_ascii=False, indent=1) + "\n"


@renderer("digest", "md", ".md", "text/markdown; charset=utf-8")
def markdown(digest: Digest, **_: object) -> str:
    from ..clock import shown  # here: the zone database loads for a digest, not for every render

    out = [f"# policywatch digest — {shown(digest.generated)}", ""]
    if digest.empty:
        out.append("Nothing new.")
    for kind, entries in digest.ordered():
        out += [f"## {KIND_LABELS[kind]} ({len(entries)})", ""]
        for e in entries:
            where = f" · {md_escape(e.watch)}" if e.watch else ""
            out.append(f"### {md_escape(e.title)}")
            out.append(f"{md_link(e.url, e.url)}{where}  ")
            if e.parent_url:
                out.append(f"attachment of {md_link(e.parent_url, e.parent_url)}  ")
            out.append(md_escape(e.headline))
            out += [f"- {md_escape(line)}" for line in e.lines]
            if e.redline:
                out.append(f"- {md_link('redline', e.redline_href)}")
            out.append("")
    if digest.checked:
        out.append(f"_{digest.checked} page(s) checked, {digest.errors} error(s)._")
    return printable("\n".join(out) + "\n")


@renderer("digest", "html", ".html", "text/html; charset=utf-8")
def html(digest: Digest, **_: object) -> str:
    return render_template("digest.html", d=digest, labels=KIND_LABELS, safe_url=safe_url)


@renderer("digest", "atom", ".atom", "application/atom+xml")
def atom(digest: Digest, feed_id: str = "urn:policywatch:digest", **_: object) -> str:
    """One feed entry per digest entry; feedgen escapes markup, control characters are dropped first."""
    from feedgen.feed import FeedGenerator

    feed = FeedGenerator()
    feed.id(printable(feed_id))
    feed.title("policywatch: changes in watched policy pages")
    feed.updated(digest.generated)
    feed.link(href=safe_url(feed_id) or "urn:policywatch", rel="self")
    for e in reversed(digest.entries):
        item = feed.add_entry()
        item.id(f"urn:policywatch:{e.id}")
        item.title(printable(f"{KIND_LABELS[e.kind]}: {e.title}"))
        item.updated(e.when)
        href = safe_url(e.url)
        if href.startswith("http"):
            item.link(href=href)
        item.content(printable("\n".join([e.headline, *e.lines])), type="text")
    return str(feed.atom_str(pretty=True).decode("utf-8"))
