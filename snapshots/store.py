"""Every version of every page, on SQLAlchemy Core: SQLite (WAL) by default, PostgreSQL by URL.

A version is written in one transaction, so a killed process leaves the last committed state.
Raw bytes are zlib-compressed and content-addressed; a check that changes nothing adds one
check-log row and no version, so the store grows with changes, not with checks."""
from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, Iterator

import platformdirs
from sqlalchemy import (Column, DateTime, Float, ForeignKey, Integer, LargeBinary, MetaData, String, Table, Text,
                        UniqueConstraint, create_engine, event, func, select, update)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DatabaseError, IntegrityError, OperationalError

from .document import Document
from .errors import InputError, StoreError
from .fetch import Response
from .normal import text_hash

UNCHANGED_BATCH = 200  # 304 check-log rows per transaction
WRITE_ATTEMPTS = 5  # a write that loses a race to another worker runs again on its committed state

metadata = MetaData()
pages = Table(
    "pw_pages", metadata,
    Column("id", Integer, primary_key=True),
    Column("url", String(2048), nullable=False, unique=True),
    Column("etag", String(512), nullable=False, default=""),
    Column("last_modified", String(128), nullable=False, default=""),
    Column("first_seen", DateTime(timezone=True), nullable=False),
    Column("found_on", String(2048), nullable=False, default=""),  # listing URL that revealed it
    Column("failures", Integer, nullable=False, default=0),  # consecutive failed checks
    Column("alerted", Integer, nullable=False, default=0),  # 1 while a "broken" alert stands
)
blobs = Table(
    "pw_blobs", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),
)
versions = Table(
    "pw_versions", metadata,
    Column("id", Integer, primary_key=True),
    Column("page_id", Integer, ForeignKey("pw_pages.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("fetched_at", DateTime(timezone=True), nullable=False),
    Column("http_status", Integer, nullable=False),
    Column("etag", String(512), nullable=False, default=""),
    Column("last_modified", String(128), nullable=False, default=""),
    Column("content_type", String(256), nullable=False, default=""),
    Column("encoding", String(64), nullable=False, default=""),
    Column("raw_sha256", String(64), ForeignKey("pw_blobs.sha256"), nullable=False),
    Column("document", LargeBinary, nullable=False),  # zlib(JSON of Document)
    Column("cleaner_version", String(32), nullable=False),
    Column("text_hash", String(64), nullable=False),
    UniqueConstraint("page_id", "seq"),
)
checks = Table(
    "pw_checks", metadata,
    Column("id", Integer, primary_key=True),
    Column("page_id", Integer, ForeignKey("pw_pages.id"), nullable=False, index=True),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
    Column("outcome", String(16), nullable=False),  # new | unchanged | error
    Column("error_kind", String(32), nullable=False, default=""),
    Column("message", Text, nullable=False, default=""),
    Column("duration", Float, nullable=False, default=0.0),
    Column("version_id", Integer, ForeignKey("pw_versions.id")),
)


@dataclass
class Version:
    """A stored version, without its raw bytes (load those with Store.raw)."""

    id: int
    url: str
    seq: int
    fetched_at: datetime
    http_status: int
    content_type: str
    encoding: str
    raw_sha256: str
    cleaner_version: str
    text_hash: str
    document: Document


@dataclass
class Outcome:
    """What one check did to the store. Versions are loaded only for a new version (it and the one
    before it, which a digest diffs); an unchanged or failed check carries just the latest number."""

    url: str
    outcome: str  # new | unchanged | error
    version: Version | None = None
    previous: Version | None = None
    error_kind: str = ""
    message: str = ""
    seq: int = 0  # latest stored version number after this check (0: none yet)
    failures: int = 0  # consecutive failed checks, this one included
    alerted: bool = False  # a "broken" alert stands for this page


@dataclass(frozen=True)
class PageState:
    """What a conditional check needs of a known page; read for every page in one query per pass."""

    page_id: int
    etag: str
    last_modified: str
    seq: int  # latest version number, 0 if none
    version_id: int | None
    failures: int
    alerted: bool


def default_db() -> str:
    env = os.environ.get("POLICYWATCH_DB")
    if env:
        return env
    return str(Path(platformdirs.user_data_dir("policywatch")) / "policywatch.db")


def engine_for(target: str) -> Engine:
    """A SQLAlchemy URL, or a file path for SQLite."""
    if "://" in target:
        return create_engine(target, pool_pre_ping=True)
    path = Path(target).expanduser()
    if path.exists() and path.is_dir():
        raise StoreError(f"{path}: is a directory, not a database file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{path.parent}: cannot create the database folder ({exc.strerror})") from None
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 60})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_conn.isolation_level = None  # let BEGIN IMMEDIATE below manage transactions
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=60000")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # Take the write lock up front: two writers never both read "latest" and insert seq N.
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _pack(doc: Document) -> bytes:
    return zlib.compress(doc.to_json().encode("utf-8"), 6)


def _unpack(data: bytes) -> Document:
    return Document.from_dict(json.loads(zlib.decompress(data)))


class Store:
    """The snapshot database. All writes go through short transactions."""

    def __init__(self, target: str | None = None, create: bool = True) -> None:
        """`create=False` for commands that only read: a mistyped path is an error, not a new file."""
        self.target = target or default_db()
        if not create and "://" not in self.target and not Path(self.target).expanduser().is_file():
            raise StoreError(f"{self.target}: no snapshot database here (nothing has been stored yet?)")
        self.engine = engine_for(self.target)
        self._writing = threading.RLock()
        self._unchanged: list[dict] = []  # check-log rows of 304s not yet written (see record_unchanged)
        self._pending = threading.Lock()  # guards only that list: taking it never waits for a write
        try:
            metadata.create_all(self.engine)
        except DatabaseError as exc:
            raise StoreError(f"{self.target}: not a usable database ({_reason(exc)})") from None

    def close(self) -> None:
        self.flush()
        self.engine.dispose()

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        """One write transaction; this process's threads queue on a lock rather than in SQLite's busy
        handler, which sleeps in steps of milliseconds (other processes still wait on busy_timeout).
        A database that cannot be written (locked too long, disk full, read-only) is a StoreError."""
        try:
            with self._writing, self.engine.begin() as conn:
                yield conn
        except OperationalError as exc:
            raise StoreError(f"{self.target}: write failed ({_reason(exc)})") from None

    # ------------------------------------------------------------------ reading

    def page_id(self, conn: Connection, url: str, found_on: str = "") -> int:
        row = conn.execute(select(pages.c.id).where(pages.c.url == url)).first()
        if row:
            return row.id
        return conn.execute(pages.insert().values(url=url, first_seen=_now(), found_on=found_on)).inserted_primary_key[0]

    def known(self, url: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(pages.c.id).where(pages.c.url == url)).first() is not None

    def page_states(self) -> dict[str, PageState]:
        """Every page's validators, latest version and failure count in one query: a pass over many
        pages needs them all, and a 304 then needs nothing more from the database."""
        latest = (select(versions.c.page_id, func.max(versions.c.seq).label("seq"))
                  .group_by(versions.c.page_id).subquery())
        query = (select(pages, latest.c.seq, versions.c.id.label("version_id"))
                 .outerjoin(latest, latest.c.page_id == pages.c.id)
                 .outerjoin(versions, (versions.c.page_id == pages.c.id) & (versions.c.seq == latest.c.seq)))
        with self.engine.connect() as conn:
            return {r.url: PageState(r.id, r.etag, r.last_modified, r.seq or 0, r.version_id, r.failures,
                                     bool(r.alerted)) for r in conn.execute(query)}

    def validators(self, url: str) -> tuple[str, str]:
        """(ETag, Last-Modified) for a conditional GET; empty when no version is stored."""
        with self.engine.connect() as conn:
            row = conn.execute(select(pages.c.etag, pages.c.last_modified).where(pages.c.url == url)).first()
        return (row.etag, row.last_modified) if row else ("", "")

    def _versions_query(self):  # type: ignore[no-untyped-def]
        return select(versions, pages.c.url).join(pages, pages.c.id == versions.c.page_id)

    @staticmethod
    def _version(row) -> Version:  # type: ignore[no-untyped-def]
        return Version(id=row.id, url=row.url, seq=row.seq, fetched_at=_aware(row.fetched_at),
                       http_status=row.http_status, content_type=row.content_type, encoding=row.encoding,
                       raw_sha256=row.raw_sha256, cleaner_version=row.cleaner_version, text_hash=row.text_hash,
                       document=_unpack(row.document))

    def history(self, url: str) -> list[Version]:
        with self.engine.connect() as conn:
            rows = conn.execute(self._versions_query().where(pages.c.url == url).order_by(versions.c.seq)).all()
        return [self._version(r) for r in rows]

    def version(self, url: str, seq: int | None = None) -> Version:
        """Version N of url (latest when seq is None or negative counts from the end)."""
        query = self._versions_query().where(pages.c.url == url)
        if seq is None or seq < 0:
            query = query.order_by(versions.c.seq.desc()).offset(-(seq or -1) - 1)
        else:
            query = query.where(versions.c.seq == seq)
        with self.engine.connect() as conn:
            row = conn.execute(query.limit(1)).first()
        if row is None:
            which = "latest version" if seq is None else f"version {seq}"
            raise InputError(f"{url}: no {which} stored in {self.target}")
        return self._version(row)

    def raw(self, version: Version) -> bytes:
        with self.engine.connect() as conn:
            row = conn.execute(select(blobs.c.data).where(blobs.c.sha256 == version.raw_sha256)).first()
        return zlib.decompress(row.data) if row else b""

    def urls(self, found_on: str | None = None) -> list[str]:
        query = select(pages.c.url).order_by(pages.c.id)
        if found_on is not None:
            query = query.where(pages.c.found_on == found_on)
        with self.engine.connect() as conn:
            return [r.url for r in conn.execute(query)]

    def found_on(self, url: str) -> str:
        with self.engine.connect() as conn:
            row = conn.execute(select(pages.c.found_on).where(pages.c.url == url)).first()
        return row.found_on if row else ""

    def new_versions_since(self, since: datetime, with_previous: bool = True
                           ) -> Iterator[tuple[Version, Version | None]]:
        """(version, previous) for every version stored since `since`, oldest first (previous is
        loaded only when asked for: a feed's history needs titles, not diffs)."""
        with self.engine.connect() as conn:
            rows = conn.execute(self._versions_query().where(versions.c.fetched_at >= since)
                                .order_by(versions.c.fetched_at, versions.c.id)).all()
        for row in rows:
            current = self._version(row)
            previous = self.version(current.url, current.seq - 1) if with_previous and current.seq > 1 else None
            yield current, previous

    def checks(self, url: str, limit: int = 50) -> list[dict]:
        query = (select(checks).join(pages, pages.c.id == checks.c.page_id).where(pages.c.url == url)
                 .order_by(checks.c.id.desc()).limit(limit))
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                    for name, table in (("pages", pages), ("versions", versions), ("blobs", blobs), ("checks", checks))}

    # ------------------------------------------------------------------ writing

    def record(self, url: str, fetched: Response | None, document: Document | None,
               error: tuple[str, str] | None = None, duration: float = 0.0, found_on: str = "",
               ignore: re.Pattern[str] | None = None) -> Outcome:
        """Log one check and, when the normalised text changed, add a version: one transaction.

        On PostgreSQL, writers of a known page queue on its row lock; two workers adding the same new
        page race on its unique URL, and the loser's transaction runs again on the winner's committed
        row. (SQLite's BEGIN IMMEDIATE serialises writers up front.)"""
        for attempt in range(WRITE_ATTEMPTS):
            try:
                with self._tx() as conn:
                    return self._record(conn, url, fetched, document, error, duration, found_on, ignore)
            except IntegrityError as exc:
                if attempt + 1 == WRITE_ATTEMPTS:
                    raise StoreError(f"{self.target}: write of {url} kept conflicting ({_reason(exc)})") from None
        raise AssertionError("unreachable")

    def record_unchanged(self, url: str, state: PageState, duration: float = 0.0) -> Outcome:
        """A 304 of a healthy known page: its outcome needs no query, and its check-log row waits
        for flush() (the caller's, once `backlog` reaches UNCHANGED_BATCH, and at the end of a pass),
        which writes it with the others in one transaction. A crash loses at most those rows of the
        log, never a version. Cheap enough for an event loop: it never waits for the database."""
        with self._pending:
            self._unchanged.append(dict(page_id=state.page_id, at=_now(), duration=duration, outcome="unchanged",
                                        version_id=state.version_id))
        return Outcome(url, "unchanged", seq=state.seq, alerted=state.alerted)

    @property
    def backlog(self) -> int:
        """Check-log rows record_unchanged holds back."""
        return len(self._unchanged)

    def flush(self) -> None:
        """Write the check-log rows record_unchanged has held back."""
        with self._pending:
            rows, self._unchanged = self._unchanged, []
        if rows:
            with self._tx() as conn:
                conn.execute(checks.insert(), rows)

    def _record(self, conn: Connection, url: str, fetched: Response | None, document: Document | None,
                error: tuple[str, str] | None, duration: float, found_on: str,
                ignore: re.Pattern[str] | None) -> Outcome:
        # FOR UPDATE: on PostgreSQL, writers of one page queue here and read "latest" after each other.
        page = conn.execute(select(pages.c.id, pages.c.failures, pages.c.alerted).where(pages.c.url == url)
                            .with_for_update()).first()
        if page is None:
            page_id = self.page_id(conn, url, found_on)
            failures, alerted = 0, False
        else:
            page_id, failures, alerted = page.id, page.failures, bool(page.alerted)
        latest = conn.execute(select(versions.c.id, versions.c.seq, versions.c.text_hash)
                              .where(versions.c.page_id == page_id).order_by(versions.c.seq.desc()).limit(1)).first()
        seq = latest.seq if latest else 0
        log = dict(page_id=page_id, at=_now(), duration=duration)
        if error is not None or fetched is None:
            kind, message = error or ("network", "no response")
            conn.execute(checks.insert().values(outcome="error", error_kind=kind, message=message, **log))
            conn.execute(update(pages).where(pages.c.id == page_id).values(failures=failures + 1))
            return Outcome(url, "error", error_kind=kind, message=message, seq=seq, failures=failures + 1,
                           alerted=alerted)
        validators = dict(etag=fetched.etag, last_modified=fetched.last_modified)
        if fetched.not_modified or document is None or (latest and latest.text_hash == version_hash(document, ignore)):
            conn.execute(checks.insert().values(outcome="unchanged", version_id=latest.id if latest else None, **log))
            changes = dict(failures=0, **({} if fetched.not_modified else validators))
            if failures or not fetched.not_modified:
                conn.execute(update(pages).where(pages.c.id == page_id).values(**changes))
            return Outcome(url, "unchanged", seq=seq, alerted=alerted)
        sha = self._put_blob(conn, fetched.content)
        new_id = conn.execute(versions.insert().values(
            page_id=page_id, seq=seq + 1, fetched_at=_now(), http_status=fetched.status,
            content_type=fetched.content_type, encoding=fetched.encoding, raw_sha256=sha, document=_pack(document),
            cleaner_version=document.cleaner_version, text_hash=version_hash(document, ignore), **validators,
        )).inserted_primary_key[0]
        conn.execute(checks.insert().values(outcome="new", version_id=new_id, **log))
        conn.execute(update(pages).where(pages.c.id == page_id).values(failures=0, **validators))
        row = conn.execute(self._versions_query().where(versions.c.id == new_id)).first()
        previous = None
        if latest is not None:
            previous = self._version(conn.execute(self._versions_query().where(versions.c.id == latest.id)).first())
        return Outcome(url, "new", version=self._version(row), previous=previous, seq=seq + 1, alerted=alerted)

    @staticmethod
    def _put_blob(conn: Connection, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        if conn.execute(select(blobs.c.sha256).where(blobs.c.sha256 == sha)).first() is None:
            conn.execute(blobs.insert().values(sha256=sha, size=len(data), data=zlib.compress(data, 6)))
        return sha

    def prune_checks(self, keep_days: int = 90) -> int:
        """Forget 'unchanged' check-log rows older than keep_days: the store then grows with changes,
        not with checks. Rows of new versions and errors are history and stay."""
        cutoff = _now() - timedelta(days=keep_days)
        with self._tx() as conn:
            return conn.execute(checks.delete().where(checks.c.outcome == "unchanged", checks.c.at < cutoff)).rowcount

    def set_alerted(self, url: str, alerted: bool) -> None:
        with self._tx() as conn:
            conn.execute(update(pages).where(pages.c.url == url).values(alerted=int(alerted)))

    def reclean(self, cleaner: Callable[[bytes, str, str], tuple[Document, re.Pattern[str] | None]],
                version_label: str) -> int:
        """Re-run a newer cleaner over stored raw bytes in place (no refetch). The cleaner returns the
        document and the page's ignore pattern, so the hash means what a check's hash means.
        Returns the number of versions updated."""
        with self.engine.connect() as conn:
            rows = conn.execute(self._versions_query().where(versions.c.cleaner_version != version_label)).all()
        updated = 0
        for row in rows:
            old = self._version(row)
            doc, ignore = cleaner(self.raw(old), old.content_type, old.url)
            with self._tx() as conn:
                conn.execute(update(versions).where(versions.c.id == old.id).values(
                    document=_pack(doc), cleaner_version=version_label, text_hash=version_hash(doc, ignore)))
            updated += 1
        return updated


def version_hash(doc: Document, ignore: re.Pattern[str] | None = None) -> str:
    """Title and body, normalised, minus the watch's ignore patterns (counters, timestamps):
    what makes two versions different for a reader."""
    text = doc.title + "\n" + doc.text()
    return text_hash(ignore.sub("", text) if ignore else text)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _reason(exc: Exception) -> str:
    return str(getattr(exc, "orig", exc)).splitlines()[0][:160]
