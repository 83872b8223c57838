"""Digest renderers: Markdown, email-safe HTML, an Atom feed (feedgen), JSON."""
from __future__ import annotations

import json

from feedgen.feed import FeedGenerator

from . import renderer
from .diff_formats import md_escape
from .templating import render_template

KIND_LABELS = {"change": "Changed", "publication": "New publication", "broken": "Broken", "recovered": "Recovered"}


@renderer("digest", "json")
def as_json(digest, **_: object) -> str:  # type: ignore[no-untyped-def]
    return json.dumps(digest.to_dict(), ensure_ascii=False, indent=1) + "\n"


@renderer("digest", "md")
def markdown(digest, **_: object) -> str:  # type: ignore[no-untyped-def]
    out = [f"# policywatch digest — {digest.generated:%Y-%m-%d %H:%M} UTC", ""]
    if digest.empty:
        out.append("Nothing new.")
    for kind in ("publication", "change", "broken", "recovered"):
        entries = [e for e in digest.entries if e.kind == kind]
        if not entries:
            continue
        out += [f"## {KIND_LABELS[kind]} ({len(entries)})", ""]
        for e in entries:
            where = f" · {md_escape(e.watch)}" if e.watch else ""
            out.append(f"### {md_escape(e.title)}")
            out.append(f"<{e.url}>{where}  ")
            out.append(md_escape(e.headline))
            out += [f"- {md_escape(line)}" for line in e.lines]
            if e.redline:
                out.append(f"- redline: <{e.redline_href}>")  # a file: URI, percent-encoded: nothing to escape
            out.append("")
    if digest.checked:
        out.append(f"_{digest.checked} pages checked, {digest.errors} errors._")
    return "\n".join(out) + "\n"


@renderer("digest", "html")
def html(digest, **_: object) -> str:  # type: ignore[no-untyped-def]
    return render_template("digest.html", d=digest, labels=KIND_LABELS)


@renderer("digest", "atom")
def atom(digest, feed_id: str = "urn:policywatch:digest", **_: object) -> str:  # type: ignore[no-untyped-def]
    """One feed entry per digest entry; feedgen escapes every text field."""
    feed = FeedGenerator()
    feed.id(feed_id)
    feed.title("policywatch: changes in watched policy pages")
    feed.updated(digest.generated)
    feed.link(href=feed_id if feed_id.startswith("http") else "urn:policywatch", rel="self")
    for e in reversed(digest.entries):
        item = feed.add_entry()
        item.id(f"urn:policywatch:{e.id}")
        item.title(f"{KIND_LABELS[e.kind]}: {e.title}")
        item.updated(e.when)
        if e.url.startswith("http"):
            item.link(href=e.url)
        item.content("\n".join([e.headline, *e.lines]), type="text")
    return feed.atom_str(pretty=True).decode("utf-8")
