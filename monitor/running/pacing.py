"""Politeness held across every worker on every machine, in the PostgreSQL the store already uses:

- at most `per_host` requests in flight to a host: a request holds one of the host's `per_host`
  advisory locks while it runs (a lock dies with its connection, so a killed worker frees its slots);
- `delay` between the starts of requests to a host: each host's next allowed start is a row, reserved
  with one atomic upsert (the database's clock decides, so the machines' clocks need not agree)."""
from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import Column, DateTime, MetaData, String, Table, func, text
from sqlalchemy.dialects.postgresql import insert

from ...snapshots import Store

schema = MetaData()
pace = Table("pw_pace", schema, Column("host", String(300), primary_key=True),
             Column("next_at", DateTime(timezone=True), nullable=False))
RETRY_SECONDS = 0.02  # how soon a request waiting for a host's slot asks again


def _key(host: str) -> int:
    """A host as the first half of an advisory lock key (a signed 32-bit int)."""
    return int.from_bytes(hashlib.sha1(host.encode()).digest()[:4], "big", signed=True)


class SharedPacer:
    """A Pacer (snapshots.fetch) for workers sharing one PostgreSQL store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        store.setup(schema)

    @asynccontextmanager
    async def slot(self, host: str, limit: int) -> AsyncIterator[None]:
        """One of the host's `limit` request slots, held for the block."""
        conn = await asyncio.to_thread(self.store.engine.connect)
        try:
            while not await asyncio.to_thread(self._take, conn, _key(host), limit):
                await asyncio.sleep(RETRY_SECONDS)
            yield
        finally:
            await asyncio.to_thread(self._release, conn)

    @staticmethod
    def _take(conn: Any, key: int, limit: int) -> bool:
        for slot in range(limit):
            if conn.execute(text("SELECT pg_try_advisory_lock(:k, :s)"), {"k": key, "s": slot}).scalar():
                conn.commit()
                return True
        conn.commit()
        return False

    @staticmethod
    def _release(conn: Any) -> None:
        try:
            conn.execute(text("SELECT pg_advisory_unlock_all()"))
            conn.commit()
        finally:
            conn.close()

    async def turn(self, host: str, delay: float) -> float:
        if delay <= 0:
            return 0.0
        return await asyncio.to_thread(self._reserve, host, delay)

    def _reserve(self, host: str, delay: float) -> float:
        step = func.make_interval(0, 0, 0, 0, 0, 0, delay)
        now = func.clock_timestamp()
        upsert = insert(pace).values(host=host, next_at=now + step)
        upsert = upsert.on_conflict_do_update(index_elements=[pace.c.host],
                                              set_={"next_at": func.greatest(pace.c.next_at, now) + step})
        with self.store.transaction() as conn:
            row = conn.execute(upsert.returning(
                func.extract("epoch", pace.c.next_at - step - func.clock_timestamp()).label("wait"))).one()
        return max(float(row.wait), 0.0)
