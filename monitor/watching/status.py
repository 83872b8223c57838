"""The state of each watch, for `policywatch list` and the web app: last check and change, whether it is
failing or broken, and when the schedule runs it next (computed from its last check, which is what the
scheduler does too)."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from ...errors import StoreError
from ...snapshots import Store
from ..clock import shown
from . import state
from .schedule import next_run
from .watchlist import Config, Watch


def _iso(moment: datetime | None) -> str | None:
    return shown(moment) if moment else None


def watch_rows(config: Config, db: str | None,
               tracked: dict[str, state.Tracked] | None = None) -> list[dict[str, Any]]:
    if tracked is None:
        tracked = {}
        try:
            store = Store(db, create=False)
        except StoreError:
            store = None
        if store is not None:
            try:
                state.setup(store)
                tracked = state.load(store)
            finally:
                store.close()
    now = state.now()
    return [row_for(watch, tracked.get(watch.url), now) for watch in config.watches]


def condition_of(watch: Watch, page: state.Tracked | state.Health | None) -> str:
    """paused | never checked | broken | failing (N) | ok"""
    if watch.paused:
        return "paused"
    if page is None or page.last_checked is None:
        return "never checked"
    if page.alerted:
        return "broken"
    return f"failing ({page.failures})" if page.failures else "ok"


def row_for(watch: Watch, page: state.Tracked | None, now: datetime) -> dict[str, Any]:
    last = page.last_checked if page else None
    return {"name": watch.name, "kind": watch.kind, "schedule": watch.schedule, "url": watch.url,
            "tags": watch.tags, "paused": watch.paused, "state": condition_of(watch, page),
            "failures": page.failures if page else 0, "last_checked": _iso(last),
            "last_changed": _iso(page.last_changed if page else None),
            "next_run": None if watch.paused else _iso(next_run(watch.schedule, last, now))}


def undelivered_rows(owed: list[state.Undelivered]) -> list[dict[str, Any]]:
    """Notifications still owed, per target (masked), for `check --json`, `status` and the web app."""
    return [{"target": u.target, "undelivered_since": _iso(u.since), "events": u.events, "attempts": u.attempts,
             "next_try": _iso(u.next_try), "error": u.error} for u in owed]


def undelivered_line(row: dict[str, Any]) -> str:
    return (f"{row['target']}: {row['events']} event(s) undelivered since {row['undelivered_since']} "
            f"({row['attempts']} attempt(s), next {row['next_try']}; {row['error']})")
