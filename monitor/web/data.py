"""What each page of the web app shows, as plain values: the HTML templates and the JSON API render the
same dicts, so the two never drift. Every query is one screenful (a page of watches, a page's timeline),
never the whole store."""
from __future__ import annotations

import math
from datetime import timedelta
from typing import Any

from ...diffing.compare import Comparison, compare
from ...diffing.diff import DiffResult
from ...diffing.trend import Trend, trend
from ...errors import InputError
from ...snapshots import Store
from ...snapshots.inputs import stored_version
from ..outbox.digest import Digest, Entry, Item, build, change_of
from ..watching import state
from ..watching.status import condition_of, row_for, undelivered_rows
from ..watching.watchlist import Config, Watch
from . import changes

PER_PAGE = 50
DETAILED = 20  # changes the digest page shows in full (the rest by headline, each a link to its redline)
STATES = ("ok", "failing", "broken", "never checked", "paused")
MAX_OFFSET = 2**53  # rows skipped at most: any page number past it is past the end too


def watch_list(config: Config, store: Store, tag: str = "", condition: str = "", search: str = "",
               page: int = 1) -> dict[str, Any]:
    """The watches, filtered by tag, state and a search of name and URL, one screenful of PER_PAGE."""
    chosen, counts = _chosen(config, store, tag, condition, search)
    now = state.now()
    pages = max(1, math.ceil(len(chosen) / PER_PAGE))
    page = min(max(page, 1), pages)
    shown = chosen[(page - 1) * PER_PAGE: page * PER_PAGE]
    tracked = state.load_urls(store, [w.url for w in shown])
    what = changes.watch_headlines(store, [(w, tracked.get(w.url)) for w in shown])
    return {"rows": [{**row_for(w, tracked.get(w.url), now), "what": what.get(w.name, "")} for w in shown],
            "total": len(chosen),
            "page": page, "pages": pages, "counts": counts, "tag": tag, "state": condition, "q": search,
            "tags": sorted({t for w in config.watches for t in w.tags}),
            "undelivered": undelivered_rows(state.undelivered(store))}


def _chosen(config: Config, store: Store, tag: str, condition: str,
            search: str) -> tuple[list[Watch], dict[str, int]]:
    """The watches the filters leave, and how many are in each state."""
    health = state.health(store, [w.url for w in config.watches])
    states = {w.name: condition_of(w, health.get(w.url)) for w in config.watches}
    counts = {s: sum(1 for v in states.values() if v.split(" (")[0] == s) for s in STATES}
    needle = search.strip().lower()
    chosen = [w for w in config.watches
              if (not tag or tag in w.tags) and (not condition or states[w.name].split(" (")[0] == condition)
              and (not needle or needle in w.name.lower() or needle in w.url.lower())]
    return chosen, counts


def watch_export(config: Config, store: Store, tag: str = "", condition: str = "",
                 search: str = "") -> list[dict[str, Any]]:
    """Every watch the filters leave (not a page of them), for a download."""
    chosen, _ = _chosen(config, store, tag, condition, search)
    tracked, now = state.load(store), state.now()
    return [row_for(w, tracked.get(w.url), now) for w in chosen]


def page_view(store: Store, url: str, offset: int = 0) -> dict[str, Any]:
    """A stored page: its versions newest first (with what each changed, and by how many characters its
    text grew or shrank), the documents a listing revealed, and its recent checks."""
    offset = min(max(offset, 0), MAX_OFFSET)  # ?offset=10**30 is past the end, not an overflow
    timeline = store.timeline(url, limit=PER_PAGE + 1, offset=offset)
    if not timeline and offset == 0:
        raise InputError(f"{url}: nothing stored for this page")
    latest = store.version(url)
    pairs = list(zip(timeline[1:PER_PAGE + 1], timeline[:PER_PAGE], strict=False))
    what = changes.version_headlines(store, [(before.id, entry.id) for before, entry in pairs])
    rows = []
    for entry, before in zip(timeline, [*timeline[1:], None], strict=False):
        rows.append({"seq": entry.seq, "at": entry.fetched_at.isoformat(timespec="seconds"), "size": entry.size,
                     "change": entry.size - before.size if before else None,
                     "what": what.get((before.id, entry.id), "") if before else "first version"})
    total, children = store.page_list(found_on=url, limit=PER_PAGE)
    return {"url": url, "title": latest.document.title, "published": latest.document.published,
            "versions": rows[:PER_PAGE], "more": len(rows) > PER_PAGE, "offset": offset,
            "children": [{"url": c.url, "versions": c.versions} for c in children], "children_total": total,
            "checks": [{"at": c["at"].isoformat(timespec="seconds") if c["at"] else "", "outcome": c["outcome"],
                        "error": c["error_kind"], "message": c["message"]} for c in store.checks(url, 10)]}


def version_pair(store: Store, url: str, a: int | None, b: int | None) -> tuple[Any, Any]:
    """Versions a and b of a page (default: the two latest)."""
    newer = store.version(url, b)
    older = store.version(url, a) if a is not None else store.version(url, newer.seq - 1) if newer.seq > 1 \
        else newer
    return older, newer


def diff_view(store: Store, url: str, a: int | None, b: int | None) -> tuple[DiffResult, dict[str, Any]]:
    """The redline of two versions and the change's summary (figures, programs, passages)."""
    old, new = version_pair(store, url, a, b)
    change = change_of(old.document, new.document)
    return change.diff, {"url": url, "a": old.seq, "b": new.seq, "title": new.document.title,
                         "headline": change.headline, "lines": list(change.lines),
                         "summary": change.diff.to_dict()["summary"]}


def stored(store: Store, spec: str) -> Any:
    """A stored document named URL@N or URL@latest (or a bare URL: its latest)."""
    url, seq = stored_version(spec) or (spec, None)
    return store.version(url, seq).document


def compare_stored(store: Store, old: str, new: str) -> Comparison:
    return compare(stored(store, old), stored(store, new))


def trend_stored(store: Store, specs: list[str]) -> Trend:
    return trend([stored(store, s) for s in specs])


def documents(store: Store, search: str = "", page: int = 1) -> dict[str, Any]:
    """Stored pages to pick editions from, with their latest titles."""
    page = min(max(page, 1), MAX_OFFSET // PER_PAGE)
    total, rows = store.page_list(search=search, limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
    latest = store.latest([r.url for r in rows])
    return {"total": total, "page": page, "pages": max(1, math.ceil(total / PER_PAGE)), "q": search,
            "rows": [{"url": r.url, "versions": r.versions, "title": latest[r.url].document.title if r.url in latest
                      else "", "changed": r.changed.isoformat(timespec="seconds") if r.changed else ""}
                     for r in rows]}


def recent_digest(store: Store, days: int = 30) -> Digest:
    """The last `days` of delivered news, newest first; the newest DETAILED changes with what the Markdown
    digest says of them (changed figures, new programs, the passages), older ones by their headline."""
    since = state.now() - timedelta(days=days)
    events = list(reversed(state.recent(store, since, delivered_only=True)))
    digest = build([Item(e) for e in events], state.now(), detail=False, redlines=False)
    seqs = store.seqs([e.version_id for e in events if e.version_id is not None])
    for entry, event in zip(digest.entries, events, strict=True):
        entry.version = seqs.get(event.version_id or -1, 0)
    detailed: list[tuple[Entry, changes.Pair]] = []
    for entry, event in zip(digest.entries, events, strict=True):
        if event.kind == "change" and event.previous_id and event.version_id and len(detailed) < DETAILED:
            detailed.append((entry, (event.previous_id, event.version_id)))
    done = changes.analyses(store, [pair for _, pair in detailed])
    for entry, pair in detailed:
        if pair in done:
            entry.headline, entry.lines = done[pair][0], list(done[pair][1])
    return digest
