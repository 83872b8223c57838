"""Older stores brought to today's tables, in the transaction that creates them (database.py)."""
from __future__ import annotations

from sqlalchemy import inspect, select, text
from sqlalchemy.engine import Connection

from . import textindex
from .records import unpack
from .schema import versions


def migrate(conn: Connection) -> None:
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
