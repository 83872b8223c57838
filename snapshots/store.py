"""Every version of every page, on SQLAlchemy Core: SQLite (WAL) by default, PostgreSQL by URL.

A version is written in one transaction, only when its key (text.normal.version_key, computed by the
caller with its ignore patterns) differs from the latest, so a killed process leaves the last committed
state and the store grows with changes, not with checks. Raw bytes are zlib-compressed and
content-addressed. The store keeps facts (pages, versions, a log of checks); what a monitor makes of
them (failure counts, alerts, revisit plans, what was reported) lives in the monitor's own tables,
written in the same transaction through the `within` callback."""
from __future__ import annotations

import hashlib
import threading
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

from sqlalchemy import (
    MetaData,
    exists,
    func,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection, Row
from sqlalchemy.exc import DatabaseError, IntegrityError, OperationalError
from sqlalchemy.sql.elements import ColumnElement

from ..errors import InputError, StoreError, one_line
from ..text import pictures
from . import textindex
from .document import Document
from .engine import aware, engine_for
from .records import (
    Amend,
    Entry,
    Outcome,
    PageRow,
    PageState,
    Record,
    Reextract,
    Rekey,
    Version,
    Within,
    pack,
    unpack,
)
from .schema import KEY_VERSION, blobs, checks, metadata, pages, versions
from .targets import canonical_target, default_db

UNCHANGED_BATCH = 200  # check-log rows of unchanged pages per transaction
WRITE_ATTEMPTS = 5  # a write that loses a race to another worker runs again on its committed state

def _now() -> datetime:
    return datetime.now(UTC)


class Store:
    """The snapshot database. All writes go through short transactions."""

    def __init__(self, target: str | None = None, create: bool = True, batch: int = UNCHANGED_BATCH) -> None:
        """`create=False` for commands that only read: a mistyped path is an error, not a new file.
        `batch`: unchanged checks logged per transaction."""
        self.target = target or default_db()
        self.batch = batch
        self.canonical = canonical_target(self.target)
        self.engine = engine_for(self.target, create)
        # SQLite has one writer: this process's threads queue here rather than in its busy handler, which
        # sleeps in steps of milliseconds. PostgreSQL writes concurrently (conflicts are retried, see _retrying).
        self._writing: Any = threading.RLock() if self.engine.dialect.name == "sqlite" else nullcontext()
        self._unchanged: list[dict[str, Any]] = []  # check-log rows not yet written (see note_unchanged)
        self._validators: list[dict[str, Any]] = []  # new ETag/Last-Modified (and images) of unchanged pages
        self._pending = threading.Lock()  # guards only those lists: taking it never waits for a write
        self._ready: set[int] = set()  # schemas whose tables exist
        self.setup(metadata)

    def setup(self, schema: MetaData) -> None:
        """Create a schema's tables (the monitor adds its own to the same database), once per Store."""
        if id(schema) in self._ready:
            return
        try:
            # Look and create in one write transaction: processes that open a new database at the same
            # moment (workers, overlapping cron runs) would otherwise both see no table and both create it.
            with self._tx() as conn:
                if conn.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(hashtext('policywatch.store.schema'))"))
                schema.create_all(conn)
                if schema is metadata:
                    self._migrate(conn)
            self._ready.add(id(schema))
        except DatabaseError as exc:
            raise StoreError(f"{self.target}: not a usable database ({_reason(exc)})") from None

    @staticmethod
    def _migrate(conn: Connection) -> None:
        """Databases written by policywatch 0.1: versions gain their key version and size; the failure
        and alert columns move to the monitor's own table. Older stores gain the search index, and
        pages what was seen of their images."""
        have = {c["name"] for c in inspect(conn).get_columns("pw_versions")}
        page_columns = {c["name"] for c in inspect(conn).get_columns("pw_pages")}
        for column in sorted(page_columns & {"failures", "alerted"}):
            conn.execute(text(f"ALTER TABLE pw_pages DROP COLUMN {column}"))
        if "images" not in page_columns:  # stored before image digests: each page's images are unknown
            conn.execute(text("ALTER TABLE pw_pages ADD COLUMN images TEXT NOT NULL DEFAULT '?'"))
        if "key_version" not in have:
            conn.execute(text("ALTER TABLE pw_versions ADD COLUMN key_version INTEGER NOT NULL DEFAULT 1"))
        if "size" not in have:
            conn.execute(text("ALTER TABLE pw_versions ADD COLUMN size INTEGER NOT NULL DEFAULT 0"))
        if not textindex.exists(conn):  # new, or written before the search index: every version indexed once
            textindex.create(conn)
            last = 0
            while batch := conn.execute(select(versions.c.id, versions.c.document).where(versions.c.id > last)
                                        .order_by(versions.c.id).limit(textindex.BACKFILL_BATCH)).all():
                textindex.put(conn, [(row.id, unpack(row.document)) for row in batch])
                last = batch[-1].id

    def close(self) -> None:
        self.flush()
        self.engine.dispose()

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        """One write transaction (on SQLite, behind this process's lock; other processes wait on
        busy_timeout). A database that cannot be written (locked too long, disk full, read-only) is a StoreError."""
        try:
            with self._writing, self.engine.begin() as conn:
                yield conn
        except OperationalError as exc:
            raise StoreError(f"{self.target}: write failed ({_reason(exc)})") from None

    def transaction(self) -> Any:
        """A write transaction for other components' tables in this database (the monitor's)."""
        return self._tx()

    def read(self) -> Any:
        """A read connection, for other components' queries."""
        return self.engine.connect()

    # ------------------------------------------------------------------ reading

    def page_states(self, page_ids: list[int] | None = None, urls: list[str] | None = None) -> dict[str, PageState]:
        """Pages' validators and latest versions in one query: every page (a pass over many pages needs them
        all, and an unchanged page then needs nothing more from the database), or only these (one queued
        watch's check on a worker)."""
        latest = select(versions.c.page_id, func.max(versions.c.seq).label("seq")).group_by(versions.c.page_id)
        scope = []
        if page_ids is not None or urls is not None:
            scope.append(pages.c.id.in_(page_ids or []) | pages.c.url.in_(urls or []))
            latest = latest.where(versions.c.page_id.in_(select(pages.c.id).where(*scope)))
        known = latest.subquery()
        query = (select(pages, known.c.seq, versions.c.id.label("version_id"), versions.c.text_hash,
                        versions.c.key_version).where(*scope)
                 .outerjoin(known, known.c.page_id == pages.c.id)
                 .outerjoin(versions, (versions.c.page_id == pages.c.id) & (versions.c.seq == known.c.seq)))
        with self.engine.connect() as conn:
            return {r.url: PageState(r.id, r.etag, r.last_modified, r.seq or 0, r.version_id,
                                     r.text_hash if r.key_version == KEY_VERSION else "", r.images)
                    for r in conn.execute(query)}

    def validators(self, url: str) -> tuple[str, str, str]:
        """(ETag, Last-Modified) for a conditional GET, and what was seen of the page's images; empty when
        nothing is stored."""
        with self.engine.connect() as conn:
            row = conn.execute(select(pages.c.etag, pages.c.last_modified, pages.c.images)
                               .where(pages.c.url == url)).first()
        return (row.etag, row.last_modified, row.images) if row else ("", "", "{}")

    @staticmethod
    def _versions_query() -> Any:
        return select(versions, pages.c.url).join(pages, pages.c.id == versions.c.page_id)

    @staticmethod
    def _version(row: Row[Any]) -> Version:
        return Version(id=row.id, url=row.url, seq=row.seq, fetched_at=aware(row.fetched_at),
                       http_status=row.http_status, content_type=row.content_type, encoding=row.encoding,
                       raw_sha256=row.raw_sha256, cleaner_version=row.cleaner_version, key=row.text_hash,
                       document=unpack(row.document))

    def history(self, url: str) -> list[Version]:
        with self.engine.connect() as conn:
            rows = conn.execute(self._versions_query().where(pages.c.url == url).order_by(versions.c.seq)).all()
        return [self._version(r) for r in rows]

    def version(self, url: str, seq: int | None = None) -> Version:
        """Version N of url (latest when seq is None; a negative seq counts from the end)."""
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

    def timeline(self, url: str, limit: int = 200, offset: int = 0) -> list[Entry]:
        """A page's versions, newest first, without their documents: what a timeline lists."""
        query = (select(versions.c.id, versions.c.seq, versions.c.fetched_at, versions.c.size, versions.c.http_status)
                 .join(pages, pages.c.id == versions.c.page_id).where(pages.c.url == url)
                 .order_by(versions.c.seq.desc()).limit(limit).offset(offset))
        with self.engine.connect() as conn:
            return [Entry(r.id, r.seq, aware(r.fetched_at), r.size, r.http_status) for r in conn.execute(query)]

    def page_list(self, search: str = "", found_on: str | None = None, limit: int = 50,
                  offset: int = 0) -> tuple[int, list[PageRow]]:
        """(how many match, one screenful): stored pages whose URL holds `search`, the most recently found
        first; versions are counted for the screenful only (not aggregated over the whole store)."""
        where: list[ColumnElement[bool]] = [exists().where(versions.c.page_id == pages.c.id)]
        if search:
            where.append(pages.c.url.contains(search, autoescape=True))
        if found_on is not None:
            where.append(pages.c.found_on == found_on)
        count = select(func.count()).select_from(pages).where(*where)
        shown = select(pages.c.id, pages.c.url, pages.c.found_on).where(*where).order_by(pages.c.id.desc())
        with self.engine.connect() as conn:
            total = conn.execute(count).scalar_one()
            found = conn.execute(shown.limit(limit).offset(offset)).all()
            latest = {r.page_id: r for r in conn.execute(
                select(versions.c.page_id, func.max(versions.c.seq).label("seq"),
                       func.max(versions.c.fetched_at).label("changed"))
                .where(versions.c.page_id.in_([f.id for f in found])).group_by(versions.c.page_id))}
        return total, [PageRow(f.url, f.found_on, latest[f.id].seq, aware(latest[f.id].changed)) for f in found]

    def seqs(self, ids: list[int]) -> dict[int, int]:
        """Version numbers of these version ids (without loading documents)."""
        if not ids:
            return {}
        with self.engine.connect() as conn:
            return {r.id: r.seq for r in conn.execute(select(versions.c.id, versions.c.seq)
                                                          .where(versions.c.id.in_(ids)))}

    def versions_by_id(self, ids: list[int]) -> dict[int, Version]:
        if not ids:
            return {}
        with self.engine.connect() as conn:
            rows = conn.execute(self._versions_query().where(versions.c.id.in_(ids))).all()
        return {r.id: self._version(r) for r in rows}

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

    def page_urls(self, page_ids: list[int] | None = None, urls: list[str] | None = None) -> dict[int, str]:
        """Page id -> URL, of every page or only of these ids or URLs, in one light query: other components'
        tables refer to pages by id and read their URLs here, not by joining this store's table."""
        query = select(pages.c.id, pages.c.url)
        if page_ids is not None or urls is not None:
            query = query.where(pages.c.id.in_(page_ids or []) | pages.c.url.in_(urls or []))
        with self.engine.connect() as conn:
            return {r.id: r.url for r in conn.execute(query)}

    def found_on(self, url: str) -> str:
        with self.engine.connect() as conn:
            row = conn.execute(select(pages.c.found_on).where(pages.c.url == url)).first()
        return str(row.found_on) if row else ""

    def latest(self, urls: list[str]) -> dict[str, Version]:
        """The latest version of each of these pages (one query)."""
        if not urls:
            return {}
        latest = (select(versions.c.page_id, func.max(versions.c.seq).label("seq")).group_by(versions.c.page_id)
                  .subquery())
        query = (self._versions_query().join(latest, (latest.c.page_id == versions.c.page_id)
                                             & (latest.c.seq == versions.c.seq)).where(pages.c.url.in_(urls)))
        with self.engine.connect() as conn:
            return {r.url: self._version(r) for r in conn.execute(query)}

    def versions_since(self, since: datetime) -> list[Version]:
        with self.engine.connect() as conn:
            rows = conn.execute(self._versions_query().where(versions.c.fetched_at >= since)
                                .order_by(versions.c.fetched_at, versions.c.id)).all()
        return [self._version(r) for r in rows]

    def checks(self, url: str, limit: int = 50) -> list[dict[str, Any]]:
        query = (select(checks).join(pages, pages.c.id == checks.c.page_id).where(pages.c.url == url)
                 .order_by(checks.c.id.desc()).limit(limit))
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def known(self, url: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(pages.c.id).where(pages.c.url == url)).first() is not None

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                    for name, table in (("pages", pages), ("versions", versions), ("blobs", blobs), ("checks", checks))}

    # ------------------------------------------------------------------ writing

    def _retrying(self, url: str, write: Callable[[Connection], Outcome]) -> Outcome:
        """On PostgreSQL, writers of a known page queue on its row lock; two workers adding the same new
        page race on its unique URL, and the loser's transaction runs again on the winner's committed
        row. (SQLite's BEGIN IMMEDIATE serialises writers up front.)"""
        for attempt in range(WRITE_ATTEMPTS):
            try:
                with self._tx() as conn:
                    return write(conn)
            except IntegrityError as exc:
                if attempt + 1 == WRITE_ATTEMPTS:
                    raise StoreError(f"{self.target}: write of {url} kept conflicting ({_reason(exc)})") from None
        raise StoreError(f"{self.target}: write of {url} did not happen")

    def _page(self, conn: Connection, url: str, found_on: str) -> int:
        # FOR UPDATE: on PostgreSQL, writers of one page queue here and read "latest" after each other.
        row = conn.execute(select(pages.c.id).where(pages.c.url == url).with_for_update()).first()
        if row is not None:
            return int(row.id)
        result = conn.execute(pages.insert().values(url=url, first_seen=_now(), found_on=found_on))
        return int(result.inserted_primary_key[0])  # type: ignore[index]

    def save(self, record: Record, within: Within | None = None, rekey: Rekey | None = None,
             reextract: Reextract | None = None, amend: Amend | None = None) -> Outcome:
        """Log a successful check and, when its key differs from the latest version's, add a version;
        `within` writes more in the same transaction. An upgrade must not look like a change: `rekey`
        recomputes the key of a version stored with another KEY_VERSION, `reextract` re-cleans, in
        place, a latest version that another cleaner made (so its redline compares like with like), and
        `amend` fills in, in place, what the latest version did not know (its images' digests)."""
        def write(conn: Connection) -> Outcome:
            page_id = self._page(conn, record.url, record.found_on)
            latest = conn.execute(select(versions.c.id, versions.c.seq, versions.c.text_hash, versions.c.key_version,
                                         versions.c.document, versions.c.cleaner_version, versions.c.raw_sha256,
                                         versions.c.content_type).where(versions.c.page_id == page_id)
                                  .order_by(versions.c.seq.desc()).limit(1)).first()
            if (latest is not None and reextract is not None and rekey is not None
                    and latest.cleaner_version != record.document.cleaner_version):
                latest = self._recleaned(conn, latest, record.url, reextract, rekey)
            if latest is not None and amend is not None and rekey is not None:
                latest = self._amended(conn, latest, amend, rekey)
            validators = _validators(record)
            log = dict(page_id=page_id, at=_now(), duration=record.duration)
            if latest is not None and _same(latest, record.key, rekey):
                conn.execute(checks.insert().values(outcome="unchanged", version_id=latest.id, **log))
                conn.execute(update(pages).where(pages.c.id == page_id).values(**validators))
                outcome = Outcome(record.url, "unchanged", page_id, seq=latest.seq)
            else:
                outcome = self._add_version(conn, page_id, record, latest, log)
            if within is not None:
                within(conn, outcome)
            return outcome
        return self._retrying(record.url, write)

    def _recleaned(self, conn: Connection, latest: Any, url: str, reextract: Reextract, rekey: Rekey) -> Any:
        """The latest version re-read from its raw bytes by this release's cleaner and updated in place;
        as it was if its bytes no longer read (then the check compares against the old text)."""
        data = conn.execute(select(blobs.c.data).where(blobs.c.sha256 == latest.raw_sha256)).scalar_one()
        try:
            doc, key = _carried(latest.document, reextract(zlib.decompress(data), latest.content_type, url), rekey)
        except Exception:  # noqa: BLE001 (any failure to re-read keeps the stored version as it is)
            return latest
        return self._rewritten(conn, latest, doc, key)

    def _amended(self, conn: Connection, latest: Any, amend: Amend, rekey: Rekey) -> Any:
        """The latest version with what `amend` fills in, updated in place; as it was if nothing is."""
        doc = amend(unpack(latest.document))
        return latest if doc is None else self._rewritten(conn, latest, doc, rekey(doc))

    @staticmethod
    def _rewritten(conn: Connection, latest: Any, doc: Document, key: str) -> Any:
        """The latest version's document and key replaced in place (the search index with them)."""
        packed = pack(doc)
        conn.execute(update(versions).where(versions.c.id == latest.id).values(
            document=packed, cleaner_version=doc.cleaner_version, text_hash=key, key_version=KEY_VERSION,
            size=len(doc.full_text())))
        textindex.replace(conn, latest.id, doc)
        return SimpleNamespace(id=latest.id, seq=latest.seq, text_hash=key, key_version=KEY_VERSION, document=packed)

    def _add_version(self, conn: Connection, page_id: int, record: Record, latest: Any,
                     log: dict[str, Any]) -> Outcome:
        sha = self._put_blob(conn, record.content)
        seq = (latest.seq if latest else 0) + 1
        new_id = conn.execute(versions.insert().values(
            page_id=page_id, seq=seq, fetched_at=_now(), http_status=record.status, content_type=record.content_type,
            encoding=record.encoding, raw_sha256=sha, document=pack(record.document),
            cleaner_version=record.document.cleaner_version, text_hash=record.key, key_version=KEY_VERSION,
            size=len(record.document.full_text()), etag=record.etag, last_modified=record.last_modified,
        )).inserted_primary_key[0]  # type: ignore[index]
        textindex.put(conn, [(new_id, record.document)])
        conn.execute(checks.insert().values(outcome="new", version_id=new_id, **log))
        conn.execute(update(pages).where(pages.c.id == page_id).values(**_validators(record)))
        loaded = {r.id: self._version(r) for r in conn.execute(self._versions_query().where(
            versions.c.id.in_([new_id] + ([latest.id] if latest else []))))}
        return Outcome(record.url, "new", page_id, loaded[new_id], loaded.get(latest.id) if latest else None, seq=seq)

    def fail(self, url: str, kind: str, message: str, duration: float = 0.0, found_on: str = "",
             within: Within | None = None) -> Outcome:
        """Log a failed check (never a version)."""
        def write(conn: Connection) -> Outcome:
            page_id = self._page(conn, url, found_on)
            seq = conn.execute(select(func.max(versions.c.seq)).where(versions.c.page_id == page_id)).scalar()
            conn.execute(checks.insert().values(page_id=page_id, at=_now(), duration=duration, outcome="error",
                                                error_kind=kind, message=message))
            outcome = Outcome(url, "error", page_id, error_kind=kind, message=message, seq=seq or 0)
            if within is not None:
                within(conn, outcome)
            return outcome
        return self._retrying(url, write)

    def unchanged(self, url: str, duration: float = 0.0, within: Within | None = None, etag: str = "",
                  last_modified: str = "", images: str | None = None) -> Outcome:
        """Log an unchanged check (a 304) in its own transaction, with `within`'s writes; `images`: what
        was seen of its images, when they were looked at."""
        def write(conn: Connection) -> Outcome:
            page_id = self._page(conn, url, "")
            latest = conn.execute(select(versions.c.id, versions.c.seq).where(versions.c.page_id == page_id)
                                  .order_by(versions.c.seq.desc()).limit(1)).first()
            conn.execute(checks.insert().values(page_id=page_id, at=_now(), duration=duration, outcome="unchanged",
                                                version_id=latest.id if latest else None))
            if etag or last_modified:
                conn.execute(update(pages).where(pages.c.id == page_id).values(etag=etag, last_modified=last_modified))
            if images is not None:
                conn.execute(update(pages).where(pages.c.id == page_id).values(images=images))
            outcome = Outcome(url, "unchanged", page_id, seq=latest.seq if latest else 0)
            if within is not None:
                within(conn, outcome)
            return outcome
        return self._retrying(url, write)

    def note_unchanged(self, url: str, state: PageState, duration: float = 0.0, etag: str | None = None,
                       last_modified: str | None = None, images: str | None = None) -> Outcome:
        """An unchanged known page (a 304, or a 200 whose key equals the latest): its outcome needs no
        query, and its check-log row (and new validators, if any) waits for flush(), which writes them
        with the others in one transaction. A crash loses at most those rows of the log, never a version.
        Cheap enough for an event loop: it never waits for the database."""
        with self._pending:
            self._unchanged.append(dict(page_id=state.page_id, at=_now(), duration=duration, outcome="unchanged",
                                        version_id=state.version_id))
            fresh: dict[str, str] = {}
            if etag is not None and (etag, last_modified) != (state.etag, state.last_modified):
                fresh.update(etag=etag, last_modified=last_modified or "")
            if images is not None and images != state.images:
                fresh.update(images=images)
            if fresh:
                self._validators.append(dict(pid=state.page_id, values=fresh))
        return Outcome(url, "unchanged", state.page_id, seq=state.seq)

    @property
    def backlog(self) -> int:
        """Check-log rows note_unchanged holds back."""
        return len(self._unchanged)

    def flush(self) -> None:
        """Write the check-log rows and validators note_unchanged has held back."""
        with self._pending:
            rows, self._unchanged = self._unchanged, []
            fresh, self._validators = self._validators, []
        if rows or fresh:
            with self._tx() as conn:
                if rows:
                    conn.execute(checks.insert(), rows)
                for item in fresh:
                    conn.execute(update(pages).where(pages.c.id == item["pid"]).values(**item["values"]))

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
            return int(conn.execute(checks.delete().where(checks.c.outcome == "unchanged", checks.c.at < cutoff))
                       .rowcount)

    def reclean(self, extractor: Callable[[bytes, str, str], tuple[Document, Rekey] | None],
                version_label: str) -> int:
        """Re-run a newer extractor over stored raw bytes in place (no refetch). The extractor returns the
        document and how its page keys a document (with the page's ignore patterns), so the key means
        what a check's key means, or None to keep a version as it is. Each version keeps the image
        digests it knew (_carried). Returns the number of versions updated."""
        query = (select(versions.c.id, versions.c.content_type, versions.c.document, blobs.c.data, pages.c.url)
                 .join(pages, pages.c.id == versions.c.page_id).join(blobs, blobs.c.sha256 == versions.c.raw_sha256)
                 .where((versions.c.cleaner_version != version_label) | (versions.c.key_version != KEY_VERSION)))
        with self.engine.connect() as conn:
            ids = [r.id for r in conn.execute(query.with_only_columns(versions.c.id))]
        updated = 0
        for version_id in ids:  # one at a time: the stored documents may not be readable (that is why)
            with self.engine.connect() as conn:
                old = conn.execute(query.where(versions.c.id == version_id)).one()
            found = extractor(zlib.decompress(old.data), old.content_type, old.url)
            if found is None:
                continue
            doc, key = _carried(old.document, *found)
            updated += 1
            with self._tx() as conn:
                conn.execute(update(versions).where(versions.c.id == old.id).values(
                    document=pack(doc), cleaner_version=version_label, text_hash=key, key_version=KEY_VERSION,
                    size=len(doc.full_text())))
                textindex.replace(conn, old.id, doc)
        return updated


def _validators(record: Record) -> dict[str, str]:
    """What a page keeps of a check for the next one: ETag, Last-Modified and, when looked at, its images."""
    values = dict(etag=record.etag, last_modified=record.last_modified)
    if record.images is not None:
        values["images"] = record.images
    return values


def _carried(stored: bytes, doc: Document, rekey: Rekey) -> tuple[Document, str]:
    """A re-read document with the image digests its stored version knew, and its key: raw bytes are
    the page's alone, never its images', so a reclean would otherwise lose every digest (and report a
    change to the next check). An unreadable stored document has nothing to carry."""
    try:
        digests = pictures.known(unpack(stored).body)
    except Exception:  # noqa: BLE001 (a stored document that no longer reads is why it is re-read)
        digests = {}
    if digests:
        doc = replace(doc, body=[pictures.carried(b, digests) if isinstance(b, str) else b for b in doc.body])
    return doc, rekey(doc)


def _same(latest: Any, key: str, rekey: Rekey | None) -> bool:
    if latest.key_version == KEY_VERSION:
        return bool(latest.text_hash == key)
    return rekey is not None and rekey(unpack(latest.document)) == key


def _reason(exc: Exception) -> str:
    return one_line(getattr(exc, "orig", None) or exc, 160)
