"""Each change's digest analysis (diffing.change.describe), worked out in a child process while the pass
still fetches. In the pass's own process it would hold up every fetch in flight: the word segmenter's
dictionary (rjieba, native) loads in a quarter of a second without letting go of the GIL, and each analysis
holds it for ~30 ms more. The child is a fresh interpreter (forking a process that runs threads is not
safe), started at the pass's first change, so a pass of unchanged pages never pays for it. An analysis
that fails here, or a child that dies, costs nothing but time: delivery works that change out itself."""
from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import BrokenExecutor, Executor, ProcessPoolExecutor
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...diffing.change import Change
    from ...snapshots import Document, Version


def describe(old_full: str, new_full: str, old_text: str) -> Change:
    """What the child runs (this module is all it imports besides the differ)."""
    from ...diffing.change import describe

    return describe(old_full, new_full, old_text)


class Analyses:
    """The pass's analyses by new version id; one child process, started on first use."""

    def __init__(self) -> None:
        self._pool: Executor | None = None
        self._running: dict[int, asyncio.Future[Change]] = {}

    def start(self, old: Document, new: Version) -> None:
        """Never raises: a child that cannot start or has died leaves the analysis to delivery."""
        try:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
            self._running[new.id] = asyncio.get_running_loop().run_in_executor(
                self._pool, describe, old.full_text(), new.document.full_text(), old.text())
        except (BrokenExecutor, OSError, RuntimeError):
            pass

    async def collect(self) -> dict[int, Change]:
        """The finished analyses (one that failed is left out); the child ends."""
        ids = list(self._running)
        try:
            done = await asyncio.gather(*self._running.values(), return_exceptions=True)
        finally:
            if self._pool is not None:
                self._pool.shutdown(wait=True, cancel_futures=True)
        return {i: a for i, a in zip(ids, done, strict=True) if not isinstance(a, BaseException)}
