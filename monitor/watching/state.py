"""The monitor's own tables, in the snapshot database beside the store's: what each tracked page is to a
watch (its failures, its alert, its revisit plan), and the outbox of events (changes, publications,
alerts) waiting to be delivered. An event is written in the same transaction as the version or the
failure that causes it, and leaves the outbox only once delivered: nothing stored goes unreported."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NamedTuple

from sqlalchemy import Boolean, Column, DateTime, Integer, MetaData, String, Table, Text, select
from sqlalchemy.engine import Connection

from ...snapshots import Store
from ...snapshots.schema import pages
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
deliveries = Table(
    "pw_deliveries", schema,
    Column("event_id", Integer, primary_key=True),
    Column("target", String(64), primary_key=True),  # sha256 of the notification URL (it may hold secrets)
    Column("at", DateTime(timezone=True), nullable=False),
    Column("ok", Boolean, nullable=False),
)


def now() -> datetime:
    return datetime.now(UTC)


def aware(moment: datetime | None) -> datetime | None:
    return moment if moment is None or moment.tzinfo else moment.replace(tzinfo=UTC)


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
    def from_row(cls, row: Any) -> Tracked:
        mapping = row._mapping
        data = {key: mapping[key] for key in cls.__dataclass_fields__}
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
    """Every tracked page (or those of these watches), by URL, in one query."""
    query = select(tracked, pages.c.url).join(pages, pages.c.id == tracked.c.page_id)
    if watches is not None:
        query = query.where(tracked.c.watch.in_(watches))
    with store.read() as conn:
        return {row.url: Tracked.from_row(row) for row in conn.execute(query)}


class Health(NamedTuple):
    """What a watch list needs of every watch to count and filter by state (a light query)."""

    last_checked: datetime | None
    failures: int
    alerted: bool


def health(store: Store, urls: list[str]) -> dict[str, Health]:
    if not urls:
        return {}
    query = (select(pages.c.url, tracked.c.last_checked, tracked.c.failures, tracked.c.alerted)
             .join(pages, pages.c.id == tracked.c.page_id).where(pages.c.url.in_(urls)))
    with store.read() as conn:
        return {r.url: Health(r.last_checked, r.failures, bool(r.alerted)) for r in conn.execute(query)}


def load_urls(store: Store, urls: list[str]) -> dict[str, Tracked]:
    """The tracked pages among these URLs (one screenful of a list, not the whole table)."""
    if not urls:
        return {}
    query = select(tracked, pages.c.url).join(pages, pages.c.id == tracked.c.page_id).where(pages.c.url.in_(urls))
    with store.read() as conn:
        return {row.url: Tracked.from_row(row) for row in conn.execute(query)}


def upsert(conn: Connection, page_id: int, values: dict[str, Any]) -> None:
    exists = conn.execute(select(tracked.c.page_id).where(tracked.c.page_id == page_id)).first()
    if exists:
        update(conn, page_id, values)
    else:
        conn.execute(tracked.insert().values(page_id=page_id, **values))


def update(conn: Connection, page_id: int, values: dict[str, Any]) -> None:
    """A tracked page's row, changed (within the caller's transaction)."""
    conn.execute(tracked.update().where(tracked.c.page_id == page_id).values(**values))


def add_event(conn: Connection, kind: EventKind, **values: Any) -> None:
    conn.execute(events.insert().values(kind=kind, at=now(), **values))


def pending(store: Store, limit: int = 500) -> list[Event]:
    """Events not yet delivered, oldest first."""
    query = select(events).where(events.c.delivered_at.is_(None)).order_by(events.c.id).limit(limit)
    with store.read() as conn:
        return [Event.from_row(r) for r in conn.execute(query)]


def recent(store: Store, since: datetime, delivered_only: bool = False) -> list[Event]:
    query = select(events).where(events.c.at >= since).order_by(events.c.id)
    if delivered_only:
        query = query.where(events.c.delivered_at.is_not(None))
    with store.read() as conn:
        return [Event.from_row(r) for r in conn.execute(query)]


def delivered_targets(store: Store, event_ids: list[int]) -> set[tuple[int, str]]:
    """(event, target key) pairs already sent: a delivery resumed after a crash sends the rest only."""
    if not event_ids:
        return set()
    query = select(deliveries.c.event_id, deliveries.c.target).where(deliveries.c.event_id.in_(event_ids),
                                                                      deliveries.c.ok.is_(True))
    with store.read() as conn:
        return {(r.event_id, r.target) for r in conn.execute(query)}


def record_delivery(store: Store, event_ids: list[int], target: str, ok: bool = True) -> None:
    key = target_key(target)
    with store.transaction() as conn:
        done = {r.event_id for r in conn.execute(select(deliveries.c.event_id).where(
            deliveries.c.target == key, deliveries.c.event_id.in_(event_ids)))}
        rows = [dict(event_id=e, target=key, at=now(), ok=ok) for e in event_ids if e not in done]
        if rows:
            conn.execute(deliveries.insert(), rows)


def mark_delivered(store: Store, headlines: dict[int, str]) -> None:
    """The events are reported: out of the outbox, their headlines kept for the feed."""
    moment = now()
    with store.transaction() as conn:
        for event_id, headline in headlines.items():
            conn.execute(events.update().where(events.c.id == event_id).values(delivered_at=moment,
                                                                              headline=headline[:2000]))
