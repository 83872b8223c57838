"""What the store takes in: each check in one transaction, a version only when its key (text.normal.version_key,
computed by the caller with its ignore patterns) differs from the latest, so the store grows with changes,
not with checks. Raw bytes are zlib-compressed and content-addressed. What a monitor makes of a check
(failure counts, alerts, revisit plans, what was reported) it writes in the same transaction through the
`within` callback."""
from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from ..errors import StoreError
from . import textindex
from .database import Database, now, reason
from .reads import version_of, versions_query
from .records import Amend, Outcome, Record, Reextract, Rekey, Within, pack, unpack
from .schema import KEY_VERSION, blobs, checks, pages, versions
from .upgrades import amended, recleaned

WRITE_ATTEMPTS = 5  # a write that loses a race to another worker runs again on its committed state
# A check's statements, built once, their values given as parameters (a statement built per check, with its
# values bound in it, costs SQLAlchemy more than SQLite takes to run it; a pass saves from worker threads
# that share the interpreter with the fetch loop).
_SET_PAGE = update(pages).where(pages.c.id == bindparam("page_row"))
# FOR UPDATE: on PostgreSQL, writers of one page queue here and read "latest" after each other.
_PAGE_OF_URL = select(pages.c.id).where(pages.c.url == bindparam("page_url")).with_for_update()
_LATEST = (select(versions.c.id, versions.c.seq, versions.c.text_hash, versions.c.key_version, versions.c.document,
                  versions.c.cleaner_version, versions.c.raw_sha256, versions.c.content_type)
           .where(versions.c.page_id == bindparam("page_row")).order_by(versions.c.seq.desc()).limit(1))
_LATEST_SEQ = (select(versions.c.id, versions.c.seq).where(versions.c.page_id == bindparam("page_row"))
               .order_by(versions.c.seq.desc()).limit(1))
_MAX_SEQ = select(func.max(versions.c.seq)).where(versions.c.page_id == bindparam("page_row"))
_BLOB = select(blobs.c.sha256).where(blobs.c.sha256 == bindparam("blob_sha"))
_VERSIONS = versions_query().where(versions.c.id.in_(bindparam("version_ids", expanding=True)))
_ADD_PAGE, _ADD_VERSION, _ADD_CHECK, _ADD_BLOB = pages.insert(), versions.insert(), checks.insert(), blobs.insert()


def set_page(conn: Connection, page_id: int, values: dict[str, Any]) -> None:
    """Columns of a page's row (its validators, its images' digests)."""
    conn.execute(_SET_PAGE, {"page_row": page_id, **values})


class Writes(Database):
    """A check's writes: a new version, an unchanged or failed check; and forgetting old check-log rows."""

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
                    raise StoreError(f"{self.target}: write of {url} kept conflicting ({reason(exc)})") from None
        raise StoreError(f"{self.target}: write of {url} did not happen")

    def _page(self, conn: Connection, url: str, found_on: str) -> int:
        row = conn.execute(_PAGE_OF_URL, {"page_url": url}).first()
        if row is not None:
            return int(row.id)
        result = conn.execute(_ADD_PAGE, dict(url=url, first_seen=now(), found_on=found_on))
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
            latest = conn.execute(_LATEST, {"page_row": page_id}).first()
            if (latest is not None and reextract is not None and rekey is not None
                    and latest.cleaner_version != record.document.cleaner_version):
                latest = recleaned(conn, latest, record.url, reextract, rekey)
            if latest is not None and amend is not None and rekey is not None:
                latest = amended(conn, latest, amend, rekey)
            validators = _validators(record)
            log = dict(page_id=page_id, at=now(), duration=record.duration)
            if latest is not None and _same(latest, record.key, rekey):
                conn.execute(_ADD_CHECK, dict(outcome="unchanged", version_id=latest.id, **log))
                set_page(conn, page_id, validators)
                outcome = Outcome(record.url, "unchanged", page_id, seq=latest.seq)
            else:
                outcome = self._add_version(conn, page_id, record, latest, log)
            if within is not None:
                within(conn, outcome)
            return outcome
        return self._retrying(record.url, write)

    def _add_version(self, conn: Connection, page_id: int, record: Record, latest: Any,
                     log: dict[str, Any]) -> Outcome:
        sha = self._put_blob(conn, record.content)
        seq = (latest.seq if latest else 0) + 1
        new_id = conn.execute(_ADD_VERSION, dict(
            page_id=page_id, seq=seq, fetched_at=now(), http_status=record.status, content_type=record.content_type,
            encoding=record.encoding, raw_sha256=sha, document=pack(record.document),
            cleaner_version=record.document.cleaner_version, text_hash=record.key, key_version=KEY_VERSION,
            size=len(record.document.full_text()), etag=record.etag, last_modified=record.last_modified,
        )).inserted_primary_key[0]  # type: ignore[index]
        textindex.put(conn, [(new_id, record.document)])
        conn.execute(_ADD_CHECK, dict(outcome="new", version_id=new_id, **log))
        set_page(conn, page_id, _validators(record))
        loaded = {r.id: version_of(r) for r in conn.execute(
            _VERSIONS, {"version_ids": [new_id] + ([latest.id] if latest else [])})}
        return Outcome(record.url, "new", page_id, loaded[new_id], loaded.get(latest.id) if latest else None, seq=seq)

    def fail(self, url: str, kind: str, message: str, duration: float = 0.0, found_on: str = "",
             within: Within | None = None) -> Outcome:
        """Log a failed check (never a version)."""
        def write(conn: Connection) -> Outcome:
            page_id = self._page(conn, url, found_on)
            seq = conn.execute(_MAX_SEQ, {"page_row": page_id}).scalar()
            conn.execute(_ADD_CHECK, dict(page_id=page_id, at=now(), duration=duration, outcome="error",
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
            latest = conn.execute(_LATEST_SEQ, {"page_row": page_id}).first()
            conn.execute(_ADD_CHECK, dict(page_id=page_id, at=now(), duration=duration, outcome="unchanged",
                                               version_id=latest.id if latest else None))
            if etag or last_modified:
                set_page(conn, page_id, dict(etag=etag, last_modified=last_modified))
            if images is not None:
                set_page(conn, page_id, dict(images=images))
            outcome = Outcome(url, "unchanged", page_id, seq=latest.seq if latest else 0)
            if within is not None:
                within(conn, outcome)
            return outcome
        return self._retrying(url, write)

    @staticmethod
    def _put_blob(conn: Connection, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        if conn.execute(_BLOB, {"blob_sha": sha}).first() is None:
            conn.execute(_ADD_BLOB, dict(sha256=sha, size=len(data), data=zlib.compress(data, 6)))
        return sha

    def prune_checks(self, keep_days: int = 90) -> int:
        """Forget 'unchanged' check-log rows older than keep_days: the store then grows with changes,
        not with checks. Rows of new versions and errors are history and stay."""
        cutoff = now() - timedelta(days=keep_days)
        with self._tx() as conn:
            return int(conn.execute(checks.delete().where(checks.c.outcome == "unchanged", checks.c.at < cutoff))
                       .rowcount)


def _validators(record: Record) -> dict[str, str]:
    """What a page keeps of a check for the next one: ETag, Last-Modified and, when looked at, its images."""
    values = dict(etag=record.etag, last_modified=record.last_modified)
    if record.images is not None:
        values["images"] = record.images
    return values


def _same(latest: Any, key: str, rekey: Rekey | None) -> bool:
    if latest.key_version == KEY_VERSION:
        return bool(latest.text_hash == key)
    return rekey is not None and rekey(unpack(latest.document)) == key
