"""What changed, in a few words, for the watch list and the timeline: `figure 50家 → 60家`, `+1 paragraph`,
`2 new documents: 《…》、《…》`. Worked out from the stored versions and the outbox's events of the rows on
screen only, and kept (a version's text never changes under its hash), so a screenful costs a query or two
once its changes have been seen."""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import select

from ...diffing.change import Change, clip
from ...snapshots import Document, Store
from ...snapshots.schema import versions
from ..outbox.digest import change_of
from ..watching import state
from ..watching.events import NEWS
from ..watching.watchlist import Watch

KEPT = 4096  # change headlines and analyses kept in memory (by the two versions' text hashes)
T = TypeVar("T")


class _Kept:
    """A small least-recently-used memory, safe across the server's threads."""

    def __init__(self) -> None:
        self._items: OrderedDict[tuple[str, str], object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str]) -> object | None:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
            return self._items.get(key)

    def put(self, key: tuple[str, str], value: T) -> T:
        with self._lock:
            self._items[key] = value
            while len(self._items) > KEPT:
                self._items.popitem(last=False)
        return value


_headlines, _analyses = _Kept(), _Kept()
Pair = tuple[int, int]  # (older version id, newer version id)


def _worked_out(kept: _Kept, store: Store, pairs: list[Pair], work: Callable[[Document, Document], T]) -> dict[Pair, T]:
    """`work` of each pair of versions, from memory when their texts (by hash) were seen before: only the
    versions not yet seen are loaded."""
    ids = sorted({i for pair in pairs for i in pair})
    if not ids:
        return {}
    with store.read() as conn:
        hashes = dict(conn.execute(select(versions.c.id, versions.c.text_hash).where(versions.c.id.in_(ids))).all())
    keys = {p: (hashes[p[0]], hashes[p[1]]) for p in pairs if p[0] in hashes and p[1] in hashes}
    out: dict[Pair, T] = {p: v for p, k in keys.items() if (v := kept.get(k)) is not None}  # type: ignore[misc]
    missing = [p for p in keys if p not in out]
    loaded = store.versions_by_id(sorted({i for p in missing for i in p}))
    for a, b in missing:
        if a in loaded and b in loaded:
            out[(a, b)] = kept.put(keys[(a, b)], work(loaded[a].document, loaded[b].document))
    return out


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def brief(change: Change) -> str:
    """A change in a few words: the changed figure first (a reader's news), else a replaced image (a
    chart swapped under the same address), else what happened to paragraphs, else how many characters."""
    if change.figures:
        _metric, old, new = change.figures[0]
        more = f" (+{len(change.figures) - 1} more)" if len(change.figures) > 1 else ""
        return f"figure {old} → {new}{more}"
    if change.images:
        return "image replaced: " + "; ".join(change.images)
    s = change.diff.summary
    parts = [text for count, text in ((s.paragraphs_added, f"+{_plural(s.paragraphs_added, 'paragraph')}"),
                                      (s.paragraphs_removed, f"−{_plural(s.paragraphs_removed, 'paragraph')}"),
                                      (s.paragraphs_changed, f"{_plural(s.paragraphs_changed, 'paragraph')} edited"),
                                      (s.paragraphs_moved, f"{s.paragraphs_moved} moved")) if count]
    if s.chars_inserted or s.chars_deleted:
        parts.append(f"+{s.chars_inserted}/−{s.chars_deleted} characters")
    return ", ".join(parts) or "no change in the text"


def version_headlines(store: Store, pairs: list[Pair]) -> dict[Pair, str]:
    """The headline of each (older version id, newer version id)."""
    return _worked_out(_headlines, store, pairs, lambda old, new: brief(change_of(old, new)))


def analyses(store: Store, pairs: list[Pair]) -> dict[Pair, tuple[str, tuple[str, ...]]]:
    """The digest's headline and lines (changed figures, programs and passages) of each pair; only those are
    kept in memory, not the diff."""
    def work(old: Document, new: Document) -> tuple[str, tuple[str, ...]]:
        change = change_of(old, new)
        return change.headline, change.lines
    return _worked_out(_analyses, store, pairs, work)


def _titles(events: list[state.Event]) -> str:
    shown = "、".join(clip(e.title or e.url, 40) for e in events[:3])
    return shown + ("、…" if len(events) > 3 else "")


def watch_headlines(store: Store, shown: list[tuple[Watch, state.Tracked | None]]) -> dict[str, str]:
    """What the latest change of each watch on screen was: its page's headline, or the documents its
    listing found (new, revised, marked expired or abolished) since its page last changed."""
    since = {w.name: t.last_changed for w, t in shown if t is not None and t.last_changed is not None}
    if not since:
        return {}
    query = (select(state.events).where(state.events.c.at >= min(since.values()),
                                        state.events.c.watch.in_(sorted(since)), state.events.c.kind.in_(NEWS))
             .order_by(state.events.c.id))
    with store.read() as conn:
        found = [state.Event.from_row(r) for r in conn.execute(query)]
    news: dict[str, list[state.Event]] = {}
    for event in found:
        if event.at >= since[event.watch]:
            news.setdefault(event.watch, []).append(event)
    urls = {w.name: w.url for w, _ in shown}
    own = {name: e for name, events in news.items() for e in events
           if e.kind == "change" and e.url == urls[name] and e.previous_id and e.version_id}
    own_headlines = version_headlines(store, [(e.previous_id or 0, e.version_id or 0) for e in own.values()])
    out = {}
    for watch, tracked in shown:
        events = news.get(watch.name, [])
        parts = []
        if watch.name in own:
            event = own[watch.name]
            parts.append(own_headlines.get((event.previous_id or 0, event.version_id or 0), "changed"))
        for kind, label in (("publication", "new document"), ("change", "revised"), ("expired", "marked 失效"),
                            ("abolished", "marked 废止")):
            chosen = [e for e in events if e.kind == kind and e is not own.get(watch.name)]
            if chosen and kind == "publication":
                parts.append(f"{_plural(len(chosen), label)}: {_titles(chosen)}")
            elif chosen:
                parts.append(f"{len(chosen)} {label}: {_titles(chosen)}")
        if not parts and tracked is not None and tracked.last_changed is not None and tracked.changes == 0:
            parts.append("first version stored")
        if parts:
            out[watch.name] = "; ".join(parts)
    return out
