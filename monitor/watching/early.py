"""A `check` on a SQLite file starts fetching before its heavy imports finish. The store (SQLAlchemy),
the monitor's state and the cleaner take half a second to load; the pages' validators (ETag,
Last-Modified) are one read of the stored file with the standard library's sqlite3. So the check lock is
taken, the fetcher's loop starts in a thread and each page watch's request goes out, while the main thread
loads the rest; the pass then runs in that loop with that fetcher, and its own fetch of each page takes
the answer already under way (Fetcher.prime), every limit of the fetcher applying to both alike. A page
whose stored validators differ from the pass's by then is simply asked again.

While the loop runs, the interpreter hands the GIL over every millisecond instead of every five: the loop,
woken by a response, otherwise waits up to the whole interval for the thread that holds it (the imports in
the main thread, a changed page's extraction or save), and with ten connections in flight those waits add
up (about 0.3 s of bench/monitor_bench.py's 10%-changed pass at 100 ms)."""
from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import sys
import threading
from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any, TypeVar

from ...snapshots.targets import sqlite_path
from .lock import InstanceLock
from .watchlist import Config

if TYPE_CHECKING:
    from ...snapshots import Fetcher

T = TypeVar("T")
PAGES = "pw_pages"  # snapshots/schema.py's pages table (a test holds the two together)
SWITCH_INTERVAL = 0.001  # seconds a thread holds the GIL while another waits for it, as long as the loop runs


def applies(db: str) -> bool:
    """A SQLite file in a folder that exists: the store itself says what is wrong with any other target
    (a mistyped --db folder is never created, not even for the lock)."""
    path = sqlite_path(db)
    return path is not None and path.parent.is_dir() and not path.is_dir()


def stored_validators(db: str) -> dict[str, tuple[str, str]]:
    """url -> (ETag, Last-Modified) as stored; empty when the file or its table is not there yet."""
    path = sqlite_path(db)
    if path is None or not path.is_file():
        return {}
    try:
        with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=5)) as conn:
            return {url: (etag, last_modified)
                    for url, etag, last_modified in conn.execute(f"SELECT url, etag, last_modified FROM {PAGES}")}
    except sqlite3.Error:
        return {}


class Early:
    """The check lock, and a loop in a thread whose fetcher has the page watches' requests under way."""

    def __init__(self, config: Config, db: str, tags: tuple[str, ...] = (), wait: float = 0.0) -> None:
        from ...snapshots.fetch import Fetcher
        from .policy import policy_for

        self.lock = InstanceLock(db, "check").acquire(wait)
        try:
            self.fetcher: Fetcher = Fetcher(policy_for(config))
        except BaseException:
            self.lock.release()
            raise
        self._interval = sys.getswitchinterval()
        sys.setswitchinterval(min(self._interval, SWITCH_INTERVAL))
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="early-fetch", daemon=True)
        self.thread.start()
        stored = stored_validators(db)
        watches = [w for w in config.selected(tags) if w.kind == "page"]

        def prime() -> None:
            for watch in watches:
                etag, last_modified = stored.get(watch.url, ("", ""))
                self.fetcher.prime(watch.url, etag, last_modified, watch.headers)
        self.loop.call_soon_threadsafe(prime)

    def run(self, work: Coroutine[Any, Any, T]) -> T:
        """Run `work` in the early loop, with its fetcher; the caller's thread waits."""
        return asyncio.run_coroutine_threadsafe(work, self.loop).result()

    def close(self) -> None:
        """The fetcher closed (what the pass never asked for is dropped) and the loop ended; the lock stays
        with its holder (run_cycle delivers under it)."""
        if self.loop.is_closed():
            return
        with contextlib.suppress(Exception):
            self.run(self.fetcher.__aexit__())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join()
        self.loop.close()
        sys.setswitchinterval(self._interval)
