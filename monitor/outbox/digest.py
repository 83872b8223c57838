"""Digests for people: per event, what changed in a few lines (changed figures, new programs, the most
changed passages, a redline), new publications (with the cross-year compare when one is the next
edition of a stored report), and alerts. Built from values only: loading the versions is deliver.py's
work, writing files publish.py's, so this module does no I/O."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ...errors import one_line
from ...snapshots import Document, Version
from ..render import render
from ..watching.state import Event

TOP_PASSAGES = 3
ANALYSED_CHARS = 200_000  # of changed text read for figures and programs (a rewrite of a huge page)
KIND_ORDER = ("publication", "change", "expired", "abolished", "broken", "recovered")


@dataclass
class Entry:
    kind: str  # change | publication | broken | recovered | expired | abolished
    watch: str
    url: str
    title: str
    when: datetime
    headline: str  # one line
    lines: list[str] = field(default_factory=list)  # changed figures, new programs, the passages that changed
    version: int = 0
    event_id: int = 0
    parent_url: str = ""  # the page an attachment belongs to
    redline_html: str = ""  # the redline document; publish.py writes it and sets `redline`
    redline: str = ""  # path of the written redline

    @property
    def redline_href(self) -> str:
        """A link a browser opens: the redline file's file: URI."""
        return Path(self.redline).resolve().as_uri() if self.redline else ""

    @property
    def id(self) -> str:
        return hashlib.sha1(f"{self.kind}|{self.url}|{self.version}|{self.event_id}".encode()).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "watch": self.watch, "url": self.url, "title": self.title,
                "when": self.when.isoformat(), "headline": self.headline, "lines": self.lines,
                "redline": self.redline or None, "version": self.version or None,
                "parent_url": self.parent_url or None}


@dataclass
class Digest:
    generated: datetime
    entries: list[Entry]
    checked: int = 0
    errors: int = 0

    @property
    def empty(self) -> bool:
        return not self.entries

    def ordered(self) -> list[tuple[str, list[Entry]]]:
        """Entries by kind, in the order a reader wants them: news first, alerts last."""
        return [(kind, items) for kind in KIND_ORDER if (items := [e for e in self.entries if e.kind == kind])]

    def to_dict(self) -> dict[str, Any]:
        return {"format": "policywatch-digest/1", "generated": self.generated.isoformat(), "checked": self.checked,
                "errors": self.errors, "entries": [e.to_dict() for e in self.entries]}


@dataclass
class Item:
    """An event with the stored versions it refers to."""

    event: Event
    version: Version | None = None
    previous: Version | None = None
    last_edition: Version | None = None  # for a publication: last year's edition of the same report


def clip(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


Analysis = tuple[str, list[str], str]  # a change's headline, detail lines and redline HTML


def change_lines(old: Document, new: Document, redline: bool = True) -> Analysis:
    """(headline, detail lines, redline HTML or '') for one page's change."""
    # The analysis loads when a change needs it: a pass of unchanged pages starts without it.
    from ...diffing.diff import diff_texts
    from ...diffing.figures import extract_figures
    from ...diffing.pairing import pair_figures
    from ...diffing.programs import extract_programs, pair_programs

    result = diff_texts(old.full_text(), new.full_text())
    s = result.summary
    headline = (f"{s.percent_changed:g}% changed: +{s.chars_inserted}/-{s.chars_deleted} characters, "
                f"{s.paragraphs_changed} paragraph(s) edited, {s.paragraphs_added} added, "
                f"{s.paragraphs_removed} removed, {s.paragraphs_moved} moved")
    lines = []
    old_changed, new_changed = (side[:ANALYSED_CHARS] for side in result.changed_sides())
    for figure in pair_figures(extract_figures(old_changed), extract_figures(new_changed)):
        if figure.status == "changed" and figure.old and figure.new:
            lines.append(f"figure: {figure.metric} {figure.old.raw} → {figure.new.raw}")
    # A program is new only if OLD names it nowhere, so OLD is read whole; NEW only where it changed.
    for program in pair_programs(extract_programs(old.text()[:ANALYSED_CHARS]), extract_programs(new_changed)):
        if program.status == "new":
            lines.append(f"new program: {program.name}")
    edits = sorted(result.edits(context=12), key=lambda e: len(e.old) + len(e.new), reverse=True)[:TOP_PASSAGES]
    for edit in edits:
        if edit.kind == "move":
            lines.append(f"moved: “{clip(edit.new)}”")
        elif edit.kind == "insert":
            lines.append(f"added: “{clip(edit.new)}”")
        elif edit.kind == "delete":
            lines.append(f"removed: “{clip(edit.old)}”")
        elif len(edit.old) + len(edit.new) < 24:  # a few characters mean nothing without their words around
            lines.append(f"changed: “…{edit.before}{edit.old}{edit.after}…” → “…{edit.before}{edit.new}{edit.after}…”")
        else:
            lines.append(f"changed: “{clip(edit.old)}” → “{clip(edit.new)}”")
    html = render("diff", "html", result, old_label=f"{old.title} (before)",
                  new_label=f"{new.title} (now)") if redline else ""
    return headline, lines, html


def _publication(item: Item, entry: Entry, detail: bool) -> None:
    doc = item.version.document if item.version else Document()
    entry.headline = f"new publication{(' dated ' + doc.published) if doc.published else ''}"
    if item.last_edition is None or not detail:
        return
    from ...diffing.compare import compare
    from ...diffing.programs import extract_programs

    old = item.last_edition.document
    result = compare(old, doc)
    counts = result.counts()
    entry.lines.append(f"next edition of “{old.title}”: {counts['programs'].get('new', 0)} new programs, "
                       f"{counts['figures'].get('changed', 0)} changed figures, "
                       f"{counts['commitments'].get('dropped', 0)} of last year's commitments not mentioned")
    new_programs = sorted((p.name for p in result.programs if p.status == "new"),
                          key=lambda name: not name.startswith("《"))  # documents first
    if new_programs:
        entry.lines.append("new programs: " + "、".join(new_programs[:5]) + ("…" if len(new_programs) > 5 else ""))
    dropped = [c for c in result.commitments if c.status == "dropped"]
    # Promises that name something (a fund, a committee, a plan) first: they are what a reader checks.
    dropped.sort(key=lambda c: (not extract_programs(c.text), c.score))
    entry.lines += [f"not mentioned any more: {clip(c.text)}" for c in dropped[:3]]


_ALERT_HEADLINES = {"broken": "watch is failing: {message}", "recovered": "watch works again",
                    "expired": "now marked 失效 (expired): {message}",
                    "abolished": "now marked 废止 (abolished): {message}"}


def entry_for(item: Item, detail: bool = True, redline: bool = True,
              analyses: dict[int, Analysis] | None = None) -> Entry:
    """One event's entry; without `detail` only its headline (feed history: old diffs are old news).
    A failure while analysing one change is that entry's note, never the digest's end."""
    event = item.event
    entry = Entry(event.kind, event.watch, event.url, " ".join((event.title or event.url).split()), event.at, "",
                  version=item.version.seq if item.version else 0, event_id=event.id, parent_url=event.parent_url)
    if event.kind in _ALERT_HEADLINES:
        entry.headline = _ALERT_HEADLINES[event.kind].format(message=event.message)
        return entry
    try:
        if event.kind == "publication":
            _publication(item, entry, detail)
        elif not detail or item.version is None or item.previous is None:
            entry.headline = event.headline or f"new version {entry.version}"
        else:
            done = (analyses or {}).get(item.version.id)
            entry.headline, entry.lines, entry.redline_html = done if done and redline else change_lines(
                item.previous.document, item.version.document, redline)
    except Exception as exc:  # noqa: BLE001 (one entry's analysis must not cost the reader the others)
        entry.headline = f"new version {entry.version} (details unavailable: {one_line(exc, 120)})"
    return entry


def build(items: list[Item], generated: datetime, detail: bool = True, redlines: bool = True,
          checked: int = 0, errors: int = 0, analyses: dict[int, Analysis] | None = None) -> Digest:
    """`analyses`: change analyses the pass already worked out, by version id (the rest are done here)."""
    return Digest(generated, [entry_for(item, detail, redlines, analyses) for item in items], checked, errors)
