"""robots.txt, read by protego (which knows the `*` and `$` wildcards and Crawl-delay), fetched once per
host per run: a pass and every scheduled job of one process share the answers for a day."""
from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

from protego import Protego

HOURS = 3600.0
FRESH = 24 * HOURS  # RFC 9309 lets a crawler keep robots.txt for 24 hours
RETRY_AFTER_ERROR = 300.0  # an unreachable robots.txt allows everything, for a few minutes


class RobotsCache:
    """Per origin (scheme://host:port): the parsed rules and when to fetch them again."""

    def __init__(self) -> None:
        self._rules: dict[str, tuple[float, Protego]] = {}
        self._locks: dict[tuple[int, str], asyncio.Lock] = {}  # asyncio locks belong to one event loop
        self.fetches = 0

    async def rules(self, origin: str, get: Callable[[str], Awaitable[tuple[int, str]]]) -> Protego:
        """The origin's rules; `get(url)` returns (status, text) and is called at most once per origin
        while the answer is fresh, however many pages ask at once."""
        lock = self._locks.setdefault((id(asyncio.get_running_loop()), origin), asyncio.Lock())
        async with lock:
            held = self._rules.get(origin)
            if held and held[0] > time.monotonic():
                return held[1]
            self.fetches += 1
            try:
                status, text = await get(f"{origin}/robots.txt")
            except Exception:  # noqa: BLE001 (any failure: no rules known, try again soon)
                status, text = 0, ""
            rules = Protego.parse(text if status == 200 else "")
            self._rules[origin] = (time.monotonic() + (FRESH if status else RETRY_AFTER_ERROR), rules)
            return rules

    def forget(self) -> None:
        self._rules.clear()
        self._locks.clear()


SHARED = RobotsCache()
