"""Every version of every page, on SQLAlchemy Core: SQLite (WAL) by default, PostgreSQL by URL. The store
keeps facts (pages, versions, a log of checks): its connection and transactions in database.py, its
queries in reads.py, a check's writes in writes.py, unchanged checks held back in backlog.py, and
versions brought up to this release in upgrades.py."""
from __future__ import annotations

from .backlog import Backlog
from .reads import Reads
from .upgrades import Upgrades
from .writes import Writes


class Store(Reads, Writes, Upgrades, Backlog):
    """The snapshot database. All writes go through short transactions."""

    def close(self) -> None:
        self.flush()
        self.engine.dispose()
