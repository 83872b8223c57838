"""Unchanged checks held back: a pass of many unchanged pages logs them in one transaction per batch, not
one each; a crash loses at most those rows of the log, never a version."""
from __future__ import annotations

import threading
from typing import Any

from .database import Database, now
from .records import Outcome, PageState
from .schema import checks
from .writes import set_page

UNCHANGED_BATCH = 200  # check-log rows of unchanged pages per transaction


class Backlog(Database):
    """The check-log rows and validators of unchanged pages not yet written."""

    def __init__(self, target: str | None = None, create: bool = True, batch: int = UNCHANGED_BATCH) -> None:
        """`batch`: unchanged checks logged per transaction."""
        self.batch = batch
        self._unchanged: list[dict[str, Any]] = []  # check-log rows not yet written (see note_unchanged)
        self._validators: list[dict[str, Any]] = []  # new ETag/Last-Modified (and images) of unchanged pages
        self._pending = threading.Lock()  # guards only those lists: taking it never waits for a write
        super().__init__(target, create)

    def note_unchanged(self, url: str, state: PageState, duration: float = 0.0, etag: str | None = None,
                       last_modified: str | None = None, images: str | None = None) -> Outcome:
        """An unchanged known page (a 304, or a 200 whose key equals the latest): its outcome needs no
        query, and its check-log row (and new validators, if any) waits for flush(), which writes them
        with the others in one transaction. A crash loses at most those rows of the log, never a version.
        Cheap enough for an event loop: it never waits for the database."""
        with self._pending:
            self._unchanged.append(dict(page_id=state.page_id, at=now(), duration=duration, outcome="unchanged",
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
                    set_page(conn, item["pid"], item["values"])
