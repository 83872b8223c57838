"""Digests for people: per document, what changed in a few lines, new publications, alerts."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from diffing.compare import compare, pair_figures, pair_programs
from diffing.diff import diff_texts
from diffing.figures import extract_figures
from diffing.programs import extract_programs
from snapshots import Document, Store, Version

from .check import CheckReport, PageResult, previous_edition
from .render import render

TOP_SENTENCES = 3


@dataclass
class Entry:
    kind: str  # change | publication | broken | recovered
    watch: str
    url: str
    title: str
    when: datetime
    headline: str  # one line
    lines: list[str] = field(default_factory=list)  # changed figures, new programs, most changed sentences
    redline: str = ""  # path or URL of the HTML redline
    version: int = 0

    @property
    def redline_href(self) -> str:
        """A link a browser opens: the redline file's file: URI."""
        return Path(self.redline).resolve().as_uri() if self.redline else ""

    @property
    def id(self) -> str:
        return hashlib.sha1(f"{self.kind}|{self.url}|{self.version}|{self.when.isoformat()}".encode()).hexdigest()[:16]

    def to_dict(self) -> dict:
        return {"id": self.id, "kind": self.kind, "watch": self.watch, "url": self.url, "title": self.title,
                "when": self.when.isoformat(), "headline": self.headline, "lines": self.lines,
                "redline": self.redline or None, "version": self.version or None}


@dataclass
class Digest:
    generated: datetime
    entries: list[Entry]
    checked: int = 0
    errors: int = 0

    @property
    def empty(self) -> bool:
        return not self.entries

    def to_dict(self) -> dict:
        return {"format": "policywatch-digest/1", "generated": self.generated.isoformat(), "checked": self.checked,
                "errors": self.errors, "entries": [e.to_dict() for e in self.entries]}


def _body(doc: Document) -> str:
    return f"{doc.title}\n{doc.text()}" if doc.title else doc.text()


def change_lines(old: Document, new: Document, redline: bool = True) -> tuple[str, list[str], str]:
    """(headline, detail lines, redline HTML or '') for one page's change."""
    result = diff_texts(_body(old), _body(new))
    s = result.summary
    headline = (f"{s.percent_changed:g}% changed: +{s.chars_inserted}/-{s.chars_deleted} characters, "
                f"{s.paragraphs_changed} paragraph(s) edited, {s.paragraphs_added} added, "
                f"{s.paragraphs_removed} removed, {s.paragraphs_moved} moved")
    lines = []
    old_changed, new_changed = result.changed_sides()
    for figure in pair_figures(extract_figures(old_changed), extract_figures(new_changed)):
        if figure.status == "changed":
            lines.append(f"figure: {figure.metric} {figure.old.raw} → {figure.new.raw}")
    # A program is new only if OLD names it nowhere, so OLD is read whole; NEW only where it changed.
    for program in pair_programs(extract_programs(old.text()), extract_programs(new_changed)):
        if program.status == "new":
            lines.append(f"new program: {program.name}")
    edits = sorted(result.edits(context=12), key=lambda e: len(e.old) + len(e.new), reverse=True)[:TOP_SENTENCES]
    for edit in edits:
        if edit.kind == "move":
            lines.append(f"moved: “{_clip(edit.new)}”")
        elif edit.kind == "insert":
            lines.append(f"added: “{_clip(edit.new)}”")
        elif edit.kind == "delete":
            lines.append(f"removed: “{_clip(edit.old)}”")
        elif len(edit.old) + len(edit.new) < 24:  # a few characters mean nothing without their words around
            lines.append(f"changed: “…{edit.before}{edit.old}{edit.after}…” → “…{edit.before}{edit.new}{edit.after}…”")
        else:
            lines.append(f"changed: “{_clip(edit.old)}” → “{_clip(edit.new)}”")
    html = render("diff", "html", result, old_label=f"{old.title} (before)",
                  new_label=f"{new.title} (now)") if redline else ""
    return headline, lines, html


def _clip(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _redline_path(folder: Path, version: Version) -> Path:
    return folder / f"{hashlib.sha1(version.url.encode()).hexdigest()[:10]}-v{version.seq}.html"


def entry_for(store: Store, watch: str, version: Version, previous: Version | None, publication: bool,
              redline_dir: Path | None, detail: bool = True) -> Entry:
    """A digest entry; without `detail` only its headline (for feed history, where diffs are old news)."""
    doc = version.document
    when = version.fetched_at
    if publication:
        entry = Entry("publication", watch, version.url, doc.title or version.url, when,
                      f"new publication{(' dated ' + doc.published) if doc.published else ''}", version=version.seq)
        found_on = store.found_on(version.url)
        last_year = previous_edition(store, found_on, version) if found_on and detail else None
        if last_year is not None:
            old = last_year.document
            result = compare(old.title, old.published, old.text(), doc.title, doc.published, doc.text())
            counts = result.counts()
            entry.lines.append(f"next edition of “{old.title}”: {counts['programs'].get('new', 0)} new programs, "
                               f"{counts['figures'].get('changed', 0)} changed figures, "
                               f"{counts['commitments'].get('dropped', 0)} of last year's commitments not mentioned")
            new_programs = [p.name for p in result.programs if p.status == "new"]
            new_programs.sort(key=lambda name: not name.startswith("《"))  # documents first
            if new_programs:
                entry.lines.append("new programs: " + "、".join(new_programs[:5]) + ("…" if len(new_programs) > 5 else ""))
            dropped = [c for c in result.commitments if c.status == "dropped"]
            # Promises that name something (a fund, a committee, a plan) first: they are what a reader checks.
            dropped.sort(key=lambda c: (not extract_programs(c.text), c.score))
            entry.lines += [f"not mentioned any more: {_clip(c.text)}" for c in dropped[:3]]
        return entry
    if not detail:
        return Entry("change", watch, version.url, doc.title or version.url, when,
                     f"new version {version.seq}", version=version.seq)
    headline, lines, html = change_lines(previous.document, doc, redline=redline_dir is not None)
    entry = Entry("change", watch, version.url, doc.title or version.url, when, headline, lines, version=version.seq)
    if redline_dir is not None:
        redline_dir.mkdir(parents=True, exist_ok=True)
        path = _redline_path(redline_dir, version)
        path.write_text(html, encoding="utf-8")
        entry.redline = str(path)
    return entry


def from_report(store: Store, report: CheckReport, redline_dir: Path | None) -> Digest:
    """The digest of one check: its changes and publications, and broken/recovered alerts."""
    entries = []
    for result in report.results:
        if result.changed and result.version is not None:
            entries.append(entry_for(store, result.watch, result.version, result.previous, result.publication,
                                     redline_dir))
        if result.alert:
            entries.append(_alert(result))
    return Digest(datetime.now(timezone.utc), entries, checked=len(report.results), errors=len(report.errors))


def _alert(result: PageResult) -> Entry:
    if result.alert == "broken":
        return Entry("broken", result.watch, result.url, result.url, datetime.now(timezone.utc),
                     f"watch is failing: [{result.error_kind}] {result.message}")
    return Entry("recovered", result.watch, result.url, result.url, datetime.now(timezone.utc), "watch works again")


def since(store: Store, moment: datetime, redline_dir: Path | None, watch_names: dict[str, str],
          detail: bool = True) -> Digest:
    """Everything stored since `moment` (first snapshots of watched pages are not news)."""
    entries = []
    for version, previous in store.new_versions_since(moment, with_previous=detail):
        found_on = store.found_on(version.url)
        first = version.seq == 1
        if first and not found_on:
            continue
        watch = watch_names.get(found_on or version.url, "")
        entries.append(entry_for(store, watch, version, previous, first, redline_dir, detail))
    return Digest(datetime.now(timezone.utc), entries)
