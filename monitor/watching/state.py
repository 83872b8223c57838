"""The monitor's own tables, in the snapshot database beside the store's: what each tracked page is to a
watch (its failures, its alert, its revisit plan), and the outbox of events (changes, publications,
alerts) waiting to be delivered. An event is written in the same transaction as the version or the
failure that causes it, and leaves the outbox only once delivered: nothing stored goes unreported."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import Boolean, Column, DateTime, Integer, MetaData, String, Table, Text, bindparam, select
from sqlalchemy.engine import Connection

from ...snapshots import Store, engine
from .events import EventKind

schema = MetaData()
tracked = Table(
    "pw_tracked", schema,
    Column("page_id", Integer, primary_key=True),
    Column("watch", String(200), nullable=False, index=True),
    Column("role", String(16), nullable=False),  # watch | listed | attachment
    Column("parent_id", Integer, index=True),  # the listing or page it was found on
    Column("baseline", Boolean, nullable=False, default=False),  # its first version is not news
    Column("failures", Integer, nullable=False, default=0),  # consecutive failed checks
    Column("alerted", Boolean, nullable=False, default=False),  # a "broken" alert stands
    Column("first_seen", DateTime(timezone=True), nullable=False),
    Column("last_checked", DateTime(timezone=True)),
    Column("last_changed", DateTime(timezone=True)),
    Column("next_due", DateTime(timezone=True)),
    Column("checks", Integer, nullable=False, default=0),
    Column("changes", Integer, nullable=False, default=0),
    Column("title", String(1000), nullable=False, default=""),  # as listed
    Column("listed_date", String(32), nullable=False, default=""),
    Column("listed_state", String(16), nullable=False, default=""),  # "" | 失效 | 废止
)
# A tracked page's row, by page: built once, its values passed as parameters (see update_many).
_UPDATE_TRACKED = tracked.update().where(tracked.c.page_id == bindparam("tracked_row"))
_IS_TRACKED = select(tracked.c.page_id).where(tracked.c.page_id == bindparam("tracked_row"))
_TRACK = tracked.insert()
events = Table(
    "pw_events", schema,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
    Column("kind", String(16), nullable=False),  # change | publication | broken | recovered | expired | abolished
    Column("watch", String(200), nullable=False, default=""),
    Column("url", String(2048), nullable=False),
    Column("title", String(1000), nullable=False, default=""),
    Column("page_id", Integer, nullable=False),
    Column("version_id", Integer),
    Column("previous_id", Integer),
    Column("parent_url", String(2048), nullable=False, default=""),  # an attachment's page
    Column("message", Text, nullable=False, default=""),
    Column("headline", Text, nullable=False, default=""),  # written when delivered (the feed reuses it)
    Column("delivered_at", DateTime(timezone=True), index=True),
)
# An event's row, by id: built once, one statement for all of a digest's events (see mark_delivered).
_DELIVER_EVENT = events.update().where(events.c.id == bindparam("event_row"))
_ADD_EVENT = events.insert()
deliveries = Table(
    "pw_deliveries", schema,
    Column("event_id", Integer, primary_key=True),
    Column("target", String(64), primary_key=True),  # sha256 of the notification URL (it may hold secrets)
    Column("at", DateTime(timezone=True), nullable=False),
    Column("ok", Boolean, nullable=False),
)
# A notification that failed, per event and target: retried with backoff on later passes until it goes
# through or is older than `give_up_after` (then a given-up row in pw_deliveries, ok false). The event stays
# in the outbox while any row of it is here. `shown` is the target with its credentials masked.
failures = Table(
    "pw_failures", schema,
    Column("event_id", Integer, primary_key=True),
    Column("target", String(64), primary_key=True),
    Column("shown", String(2048), nullable=False, default=""),
    Column("first_failed", DateTime(timezone=True), nullable=False),
    Column("last_failed", DateTime(timezone=True), nullable=False),
    Column("attempts", Integer, nullable=False, default=1),
    Column("next_try", DateTime(timezone=True), nullable=False),
    Column("error", Text, nullable=False, default=""),
)


def now() -> datetime:
    return datetime.now(UTC)


def aware(moment: datetime | None) -> datetime | None:
    return None if moment is None else engine.aware(moment)


def target_key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


@dataclass
class Tracked:
    """What the monitor knows of one page."""

    page_id: int
    url: str
    watch: str
    role: str
    first_seen: datetime
    parent_id: int | None = None
    baseline: bool = False
    failures: int = 0
    alerted: bool = False
    last_checked: datetime | None = None
    last_changed: datetime | None = None
    next_due: datetime | None = None
    checks: int = 0
    changes: int = 0
    title: str = ""
    listed_date: str = ""
    listed_state: str = ""

    @classmethod
    def from_row(cls, row: Any, url: str) -> Tracked:
        mapping = row._mapping
        data = {key: mapping[key] for key in cls.__dataclass_fields__ if key != "url"}
        data["url"] = url
        for key in ("first_seen", "last_checked", "last_changed", "next_due"):
            data[key] = aware(data[key])
        data["baseline"], data["alerted"] = bool(data["baseline"]), bool(data["alerted"])
        return cls(**data)


@dataclass
class Event:
    id: int
    at: datetime
    kind: EventKind
    watch: str
    url: str
    title: str
    page_id: int
    version_id: int | None
    previous_id: int | None
    parent_url: str
    message: str
    headline: str
    delivered_at: datetime | None

    @classmethod
    def from_row(cls, row: Any) -> Event:
        mapping = row._mapping
        data = {key: mapping[key] for key in cls.__dataclass_fields__}
        data["at"], data["delivered_at"] = aware(data["at"]), aware(data["delivered_at"])
        return cls(**data)


def setup(store: Store) -> None:
    store.setup(schema)


def load(store: Store, watches: list[str] | None = None) -> dict[str, Tracked]:
    """Every tracked page (or those of these watches), by URL."""
    query = select(tracked)
    if watches is not None:
        query = query.where(tracked.c.watch.in_(watches))
    with store.read() as conn:
        rows = list(conn.execute(query))
    return _by_url(rows, store.page_urls(None if watches is None else [row.page_id for row in rows]))


def _by_url(rows: list[Any], urls: dict[int, str]) -> dict[str, Tracked]:
    """Tracked rows by their pages' URLs (the store's own table holds the URLs: Store.page_urls)."""
    return {urls[row.page_id]: Tracked.from_row(row, urls[row.page_id]) for row in rows if row.page_id in urls}


class Health(NamedTuple):
    """What a watch list needs of every watch to count and filter by state (a light query)."""

    last_checked: datetime | None
    failures: int
    alerted: bool


def health(store: Store, urls: list[str]) -> dict[str, Health]:
    if not urls:
        return {}
    ids = store.page_urls(urls=urls)
    query = (select(tracked.c.page_id, tracked.c.last_checked, tracked.c.failures, tracked.c.alerted)
             .where(tracked.c.page_id.in_(list(ids))))
    with store.read() as conn:
        return {ids[r.page_id]: Health(r.last_checked, r.failures, bool(r.alerted)) for r in conn.execute(query)}


def load_urls(store: Store, urls: list[str]) -> dict[str, Tracked]:
    """The tracked pages among these URLs (one screenful of a list, not the whole table)."""
    if not urls:
        return {}
    ids = store.page_urls(urls=urls)
    with store.read() as conn:
        rows = list(conn.execute(select(tracked).where(tracked.c.page_id.in_(list(ids)))))
    return _by_url(rows, ids)


def upsert(conn: Connection, page_id: int, values: dict[str, Any]) -> None:
    exists = conn.execute(_IS_TRACKED, {"tracked_row": page_id}).first()
    if exists:
        update(conn, page_id, values)
    else:
        conn.execute(_TRACK, dict(page_id=page_id, **values))


def update(conn: Connection, page_id: int, values: dict[str, Any]) -> None:
    """A tracked page's row, changed (within the caller's transaction)."""
    update_many(conn, [{"tracked_row": page_id, **values}])


def update_many(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Tracked pages' rows, changed, in one statement: each row names its page as `tracked_row`, and every
    row sets the same columns."""
    conn.execute(_UPDATE_TRACKED, rows)


def add_event(conn: Connection, kind: EventKind, **values: Any) -> None:
    conn.execute(_ADD_EVENT, dict(kind=kind, at=now(), **values))


def pending(store: Store, limit: int = 500) -> list[Event]:
    """Events not yet reported in a digest, oldest first."""
    query = select(events).where(events.c.delivered_at.is_(None)).order_by(events.c.id).limit(limit)
    with store.read() as conn:
        return [Event.from_row(r) for r in conn.execute(query)]


class Failure(NamedTuple):
    event_id: int
    target: str  # key
    shown: str
    first_failed: datetime
    attempts: int
    next_try: datetime
    error: str


def _failure(row: Any) -> Failure:
    return Failure(row.event_id, row.target, row.shown, aware(row.first_failed) or now(), row.attempts,
                   aware(row.next_try) or now(), row.error)


def failed(store: Store) -> list[Failure]:
    """Every notification still owed after a failure, oldest event first."""
    query = select(failures).order_by(failures.c.event_id, failures.c.target)
    with store.read() as conn:
        return [_failure(r) for r in conn.execute(query)]


def events_by_id(store: Store, event_ids: list[int]) -> list[Event]:
    if not event_ids:
        return []
    query = select(events).where(events.c.id.in_(event_ids)).order_by(events.c.id)
    with store.read() as conn:
        return [Event.from_row(r) for r in conn.execute(query)]


class Undelivered(NamedTuple):
    """A target that owes events: since when, how many, how often tried, the last error."""

    target: str
    since: datetime
    events: int
    attempts: int
    next_try: datetime
    error: str


def undelivered(store: Store) -> list[Undelivered]:
    """What `check --json`, `status` and the web app show as "undelivered since …", per target."""
    out: dict[str, list[Failure]] = {}
    for failure in failed(store):
        out.setdefault(failure.target, []).append(failure)
    rows = [Undelivered(fs[-1].shown, min(f.first_failed for f in fs), len(fs), max(f.attempts for f in fs),
                        min(f.next_try for f in fs), fs[-1].error) for fs in out.values()]
    return sorted(rows, key=lambda u: (u.since, u.target))


def record_failure(store: Store, event_ids: list[int], target: str, shown: str, error: str,
                   backoff: float) -> None:
    """One more failed attempt of these events to this target; the next waits backoff * 2^(attempts-1)
    seconds (at most a day)."""
    key, moment = target_key(target), now()
    with store.transaction() as conn:
        known = {r.event_id: r for r in conn.execute(select(failures).where(
            failures.c.target == key, failures.c.event_id.in_(event_ids)))}
        for event_id in event_ids:
            attempts = known[event_id].attempts + 1 if event_id in known else 1
            wait = timedelta(seconds=min(backoff * 2 ** (attempts - 1), 86400.0))
            values = dict(shown=shown[:2048], last_failed=moment, attempts=attempts, next_try=moment + wait,
                          error=error[:500])
            if event_id in known:
                conn.execute(failures.update().where(failures.c.target == key, failures.c.event_id == event_id)
                             .values(**values))
            else:
                conn.execute(failures.insert().values(event_id=event_id, target=key, first_failed=moment, **values))


def recent(store: Store, since: datetime, delivered_only: bool = False) -> list[Event]:
    query = select(events).where(events.c.at >= since).order_by(events.c.id)
    if delivered_only:
        query = query.where(events.c.delivered_at.is_not(None))
    with store.read() as conn:
        return [Event.from_row(r) for r in conn.execute(query)]


def delivered_targets(store: Store, event_ids: list[int]) -> set[tuple[int, str]]:
    """(event, target key) pairs settled (sent, or given up on): a delivery resumed after a crash sends the
    rest only."""
    if not event_ids:
        return set()
    query = select(deliveries.c.event_id, deliveries.c.target).where(deliveries.c.event_id.in_(event_ids))
    with store.read() as conn:
        return {(r.event_id, r.target) for r in conn.execute(query)}


def record_delivery(store: Store, event_ids: list[int], target: str, ok: bool = True) -> None:
    """These events reached this target (ok) or were given up on (not ok): their failures are settled."""
    key = target_key(target)
    with store.transaction() as conn:
        conn.execute(failures.delete().where(failures.c.target == key, failures.c.event_id.in_(event_ids)))
        done = {r.event_id for r in conn.execute(select(deliveries.c.event_id).where(
            deliveries.c.target == key, deliveries.c.event_id.in_(event_ids)))}
        rows = [dict(event_id=e, target=key, at=now(), ok=ok) for e in event_ids if e not in done]
        if rows:
            conn.execute(deliveries.insert(), rows)


def drop_failures(store: Store, keys: set[str]) -> None:
    """Failures of targets the watch list no longer names: nobody is left to deliver them to."""
    if keys:
        with store.transaction() as conn:
            conn.execute(failures.delete().where(failures.c.target.in_(sorted(keys))))


def mark_delivered(store: Store, headlines: dict[int, str]) -> None:
    """The events are reported in a digest, their headlines kept for the feed (a target that failed keeps
    its own row in pw_failures until it has them)."""
    moment = now()
    rows = [{"event_row": event_id, "delivered_at": moment, "headline": headline[:2000]}
            for event_id, headline in headlines.items()]
    if rows:  # one statement for the digest's events, as update_many writes tracked rows
        with store.transaction() as conn:
            conn.execute(_DELIVER_EVENT, rows)
