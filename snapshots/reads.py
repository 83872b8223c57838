"""What the store hands out: pages' states, versions, timelines, lists of pages, the raw bytes and the check
log, each in one query on a read connection (never behind the write lock)."""
from __future__ import annotations

import zlib
from datetime import datetime
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.engine import Row
from sqlalchemy.sql.elements import ColumnElement

from ..errors import InputError
from .database import Database
from .engine import aware
from .records import Entry, PageRow, PageState, Version, unpack
from .schema import KEY_VERSION, blobs, checks, pages, versions


def versions_query() -> Any:
    """Versions with their page's URL (what version_of reads)."""
    return select(versions, pages.c.url).join(pages, pages.c.id == versions.c.page_id)


def version_of(row: Row[Any]) -> Version:
    return Version(id=row.id, url=row.url, seq=row.seq, fetched_at=aware(row.fetched_at),
                   http_status=row.http_status, content_type=row.content_type, encoding=row.encoding,
                   raw_sha256=row.raw_sha256, cleaner_version=row.cleaner_version, key=row.text_hash,
                   document=unpack(row.document))


class Reads(Database):
    """The store's queries."""

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

    def history(self, url: str) -> list[Version]:
        with self.engine.connect() as conn:
            rows = conn.execute(versions_query().where(pages.c.url == url).order_by(versions.c.seq)).all()
        return [version_of(r) for r in rows]

    def version(self, url: str, seq: int | None = None) -> Version:
        """Version N of url (latest when seq is None; a negative seq counts from the end)."""
        query = versions_query().where(pages.c.url == url)
        if seq is None or seq < 0:
            query = query.order_by(versions.c.seq.desc()).offset(-(seq or -1) - 1)
        else:
            query = query.where(versions.c.seq == seq)
        with self.engine.connect() as conn:
            row = conn.execute(query.limit(1)).first()
        if row is None:
            which = "latest version" if seq is None else f"version {seq}"
            raise InputError(f"{url}: no {which} stored in {self.target}")
        return version_of(row)

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
            rows = conn.execute(versions_query().where(versions.c.id.in_(ids))).all()
        return {r.id: version_of(r) for r in rows}

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
        query = (versions_query().join(latest, (latest.c.page_id == versions.c.page_id)
                                             & (latest.c.seq == versions.c.seq)).where(pages.c.url.in_(urls)))
        with self.engine.connect() as conn:
            return {r.url: version_of(r) for r in conn.execute(query)}

    def versions_since(self, since: datetime) -> list[Version]:
        with self.engine.connect() as conn:
            rows = conn.execute(versions_query().where(versions.c.fetched_at >= since)
                                .order_by(versions.c.fetched_at, versions.c.id)).all()
        return [version_of(r) for r in rows]

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
