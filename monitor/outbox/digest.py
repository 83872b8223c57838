"""Digests for people: per event, what changed in a few lines (changed figures, new programs, the most
changed passages, a redline), new publications (with the cross-year compare when one is the next
edition of a stored report), and alerts. Built from values only: loading the versions is deliver.py's
work, writing files publish.py's, so this module does no I/O."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...errors import one_line
from ...snapshots import Document, Version
from ..watching.events import EventKind
from ..watching.state import Event

if TYPE_CHECKING:
    from ...diffing.change import Change
    from ..watching.describer import Analysis

KIND_ORDER: tuple[EventKind, ...] = ("publication", "change", "expired", "abolished", "broken", "recovered")


@dataclass
class Entry:
    kind: EventKind
    watch: str
    url: str
    title: str
    when: datetime
    headline: str  # one line
    lines: list[str] = field(default_factory=list)  # changed figures, new programs, the passages that changed
    version: int = 0
    event_id: int = 0
    parent_url: str = ""  # the page an attachment belongs to
    change: Change | None = None  # a change's diff: publish.py writes its redline and sets `redline`
    labels: tuple[str, str] = ("", "")  # the redline's two sides
    redline: str = ""  # path of the written redline
    redline_html: str = ""  # the redline as the pass's analysis child rendered it (then `change` is None)

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

    def ordered(self) -> list[tuple[EventKind, list[Entry]]]:
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


def redline_labels(old: Document, new: Document) -> tuple[str, str]:
    """The two sides of a change's redline, as the pass's analysis child and delivery both name them."""
    return f"{old.title} (before)", f"{new.title} (now)"


def change_of(old: Document, new: Document) -> Change:
    """One page's change (the analysis loads when a change needs it: a pass of unchanged pages starts without it)."""
    from ...diffing.change import describe

    return describe(old.full_text(), new.full_text(), old.text())


def _publication(item: Item, entry: Entry, detail: bool) -> None:
    doc = item.version.document if item.version else Document()
    entry.headline = f"new publication{(' dated ' + doc.published) if doc.published else ''}"
    if item.last_edition is None or not detail:
        return
    from ...diffing.change import clip
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


def _change(old: Document, new: Document, entry: Entry, redline: bool, analysed: Analysis | None) -> None:
    """A change's headline and lines, and what its redline is made of: the pass's analysis (its redline
    already rendered), else the change worked out here."""
    if analysed is not None:
        entry.headline, entry.lines, entry.redline_html = analysed.headline, list(analysed.lines), analysed.redline
        return
    change = change_of(old, new)
    entry.headline, entry.lines = change.headline, list(change.lines)
    if redline:
        entry.change, entry.labels = change, redline_labels(old, new)


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
            _change(item.previous.document, item.version.document, entry, redline,
                    (analyses or {}).get(item.version.id))
    except Exception as exc:  # noqa: BLE001 (one entry's analysis must not cost the reader the others)
        entry.headline = f"new version {entry.version} (details unavailable: {one_line(exc, 120)})"
    return entry


def build(items: list[Item], generated: datetime, detail: bool = True, redlines: bool = True,
          checked: int = 0, errors: int = 0, analyses: dict[int, Analysis] | None = None) -> Digest:
    """`analyses`: change analyses the pass already worked out, by version id (the rest are done here)."""
    return Digest(generated, [entry_for(item, detail, redlines, analyses) for item in items], checked, errors)
