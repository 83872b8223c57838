"""An engine for a database target (targets.py says which database it names): a SQLite file (WAL, one
writer at a time, the write lock taken up front) or a PostgreSQL URL."""
from __future__ import annotations

import sqlite3
import time
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import ArgumentError

from ..errors import StoreError, one_line
from .targets import sqlite_path


def _write_ahead_log(cur: Any, seconds: float = 60) -> None:
    """Switch a database to WAL once. The switch needs the file to itself and SQLite answers "locked"
    at once, without its busy wait, when another connection opens the new file at the same moment."""
    deadline = time.monotonic() + seconds
    while cur.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return  # switched, or a file system without WAL kept its mode
        except sqlite3.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def engine_for(target: str, create: bool = True) -> Engine:
    """A SQLAlchemy engine for a file path (SQLite) or a URL. A SQLite file's folder must exist: a
    mistyped --db never creates folders."""
    path = sqlite_path(target)
    if path is None:
        try:
            return create_engine(target, pool_pre_ping=True)
        except (ArgumentError, ImportError, ValueError) as exc:
            raise StoreError(f"{target}: cannot use this database URL ({one_line(exc, 160)})") from None
    if path.is_dir():
        raise StoreError(f"{path}: is a directory, not a database file")
    if not path.parent.is_dir():
        raise StoreError(f"{path.parent}: no such folder for the database")
    if not create and not path.is_file():
        raise StoreError(f"{path}: no snapshot database here (nothing has been stored yet?)")
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 60})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # let BEGIN IMMEDIATE below manage transactions
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA busy_timeout=60000")
        _write_ahead_log(cur)
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # Take the write lock up front: two writers never both read "latest" and insert seq N.
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def aware(moment: datetime) -> datetime:
    """A time read back from the database, with its zone: SQLite returns the stored UTC without one."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
