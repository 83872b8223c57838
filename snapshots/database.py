"""The snapshot database itself: an engine for a target, the tables made once per process (older stores
migrated, migrate.py), and its write transactions. Every write is one short transaction, so a killed
process leaves the last committed state; reads.py, writes.py, backlog.py and upgrades.py build on this."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import MetaData, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DatabaseError, OperationalError

from ..errors import StoreError, one_line
from .engine import engine_for
from .migrate import migrate
from .schema import metadata
from .targets import canonical_target, default_db


def now() -> datetime:
    """The time the store records (UTC)."""
    return datetime.now(UTC)


def reason(exc: Exception) -> str:
    """A database error as one short line (the driver's message, not SQLAlchemy's wrapping)."""
    return one_line(getattr(exc, "orig", None) or exc, 160)


class Database:
    """A store's connection to its database and its write transactions."""

    def __init__(self, target: str | None = None, create: bool = True) -> None:
        """`create=False` for commands that only read: a mistyped path is an error, not a new file."""
        self.target = target or default_db()
        self.canonical = canonical_target(self.target)
        self.engine = engine_for(self.target, create)
        # SQLite has one writer: this process's threads queue here rather than in its busy handler, which
        # sleeps in steps of milliseconds. PostgreSQL writes concurrently (conflicts are retried, see
        # Writes._retrying).
        self._writing: Any = threading.RLock() if self.engine.dialect.name == "sqlite" else nullcontext()
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
                    migrate(conn)
            self._ready.add(id(schema))
        except DatabaseError as exc:
            raise StoreError(f"{self.target}: not a usable database ({reason(exc)})") from None

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        """One write transaction (on SQLite, behind this process's lock; other processes wait on
        busy_timeout). A database that cannot be written (locked too long, disk full, read-only) is a StoreError."""
        try:
            with self._writing, self.engine.begin() as conn:
                yield conn
        except OperationalError as exc:
            raise StoreError(f"{self.target}: write failed ({reason(exc)})") from None

    def transaction(self) -> Any:
        """A write transaction for other components' tables in this database (the monitor's)."""
        return self._tx()

    def read(self) -> Any:
        """A read connection, for other components' queries."""
        return self.engine.connect()
