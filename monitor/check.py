"""One monitoring pass over the watch list: the cron mode, and what each scheduled job runs."""
from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable

from diffing.normalize import compile_ignore
from snapshots import Fetcher, FetchPolicy, InputError, Store, Version
from snapshots.store import Outcome, PageState
from snapshots.snapshot import snapshot

from .config import Config, Watch

FIRST_LISTING_BASELINE = 30  # documents snapshotted from a listing's first check (not reported as new)


@dataclass
class PageResult(Outcome):
    """A store outcome, with what the monitor adds: which watch, whether it is a new publication on a
    listing, and the alert it raised (broken | recovered)."""

    watch: str = ""
    publication: bool = False
    alert: str = ""

    @property
    def changed(self) -> bool:
        """A change a person should hear of: a new version of a known page, or a new publication."""
        return self.outcome == "new" and (self.previous is not None or self.publication)


@dataclass
class CheckReport:
    started: datetime
    finished: datetime | None = None
    results: list[PageResult] = field(default_factory=list)

    @property
    def changes(self) -> list[PageResult]:
        return [r for r in self.results if r.changed]

    @property
    def errors(self) -> list[PageResult]:
        return [r for r in self.results if r.outcome == "error"]

    @property
    def exit_code(self) -> int:
        """0 no change, 1 changes found, 2 errors (errors win: an operator must look)."""
        return 2 if self.errors else 1 if self.changes else 0

    def to_dict(self) -> dict:
        return {"started": self.started.isoformat(), "finished": self.finished.isoformat() if self.finished else None,
                "exit_code": self.exit_code, "results": [
                    {"watch": r.watch, "url": r.url, "outcome": r.outcome, "changed": r.changed,
                     "publication": r.publication, "version": r.seq or None,
                     "previous": r.previous.seq if r.previous else None, "error_kind": r.error_kind or None,
                     "message": r.message or None, "alert": r.alert or None, "title": r.version.document.title
                     if r.version else None} for r in self.results]}


def policy_for(config: Config) -> FetchPolicy:
    s = config.settings
    policy = FetchPolicy(min_delay=s.delay, per_host=s.per_host, robots=s.robots, total_timeout=s.timeout,
                         read_timeout=min(30.0, s.timeout), connect_timeout=min(10.0, s.timeout))
    if s.user_agent:
        policy.user_agent = s.user_agent
    return policy


class Checker:
    """Runs watches concurrently within the fetcher's per-host limits."""

    def __init__(self, config: Config, store: Store, policy: FetchPolicy | None = None,
                 on_result: Callable[[PageResult], None] | None = None) -> None:
        self.config = config
        self.store = store
        self.policy = policy or policy_for(config)
        self.on_result = on_result or (lambda result: None)
        self.states: dict[str, PageState] = {}
        self.ignores: dict[str, re.Pattern[str] | None] = {}

    async def run(self, watches: list[Watch]) -> CheckReport:
        report = CheckReport(started=datetime.now(timezone.utc))
        self.states = await asyncio.to_thread(self.store.page_states)
        try:
            async with Fetcher(self.policy) as fetcher:
                batches = await asyncio.gather(*(self._watch(fetcher, w) for w in watches))
        finally:
            await asyncio.to_thread(self.store.flush)
        report.results = [r for batch in batches for r in batch]
        await asyncio.to_thread(self.store.prune_checks)
        report.finished = datetime.now(timezone.utc)
        return report

    async def _page(self, fetcher: Fetcher, watch: Watch, url: str, found_on: str = "",
                    publication: bool = False, listing: bool = False, title: str = "") -> tuple[PageResult, str]:
        if watch.name not in self.ignores:  # once per watch, not per page of its listing
            self.ignores[watch.name] = compile_ignore(watch.ignore)
        ignore = self.ignores[watch.name]
        outcome, response = await snapshot(fetcher, self.store, url, found_on, ignore, listing, self.states, title)
        result = PageResult(**vars(outcome), watch=watch.name, publication=publication)
        self._alerts(result)
        self.on_result(result)
        return result, (response.text if response is not None else "")

    def _alerts(self, result: PageResult) -> None:
        threshold = self.config.settings.failures_before_alert
        if result.outcome == "error" and result.failures >= threshold and not result.alerted:
            result.alert = "broken"
            self.store.set_alerted(result.url, True)
        elif result.outcome != "error" and result.alerted:
            result.alert = "recovered"
            self.store.set_alerted(result.url, False)

    async def _watch(self, fetcher: Fetcher, watch: Watch) -> list[PageResult]:
        if watch.kind == "page":
            return [(await self._page(fetcher, watch, watch.url))[0]]
        first_time = watch.url not in self.states or self.states[watch.url].seq == 0
        result, html = await self._page(fetcher, watch, watch.url, listing=True)
        listing_changed = result.outcome == "new"
        if listing_changed:
            result.outcome = "unchanged"  # the listing itself is not news; its new documents are
        results = [result]
        if not listing_changed or not html:
            return results
        from snapshots.listing import listing_items

        items = listing_items(html, result.url)
        watched = {w.url for w in self.config.watches}  # a page with its own watch keeps its own rules
        # Known at the start of the pass, or stored since (by another listing of this pass).
        fresh = [item for item in items if item.url not in watched and item.url not in self.states
                 and not self.store.known(item.url)]
        if first_time:
            fresh = fresh[:FIRST_LISTING_BASELINE]
        # found_on marks publications; a first check's documents are the baseline, not news.
        found = await asyncio.gather(*(self._page(fetcher, watch, item.url, found_on="" if first_time else watch.url,
                                                  publication=not first_time, title=item.title) for item in fresh))
        return results + [r for r, _ in found]


def check(config: Config, store: Store, tags: tuple[str, ...] = (), names: tuple[str, ...] = (),
          on_result: Callable[[PageResult], None] | None = None) -> CheckReport:
    """Check the selected watches once."""
    watches = [w for w in config.selected(tags) if not names or w.name in names]
    return asyncio.run(Checker(config, store, on_result=on_result).run(watches))


_YEAR = re.compile(r"(?:19|20)\d{2}")


def edition_key(title: str) -> tuple[str, tuple[int, ...]]:
    """(title with its years blanked, the years): 2024年工作总结和2025年工作计划 -> ('#年工作总结和#年工作计划', (2024, 2025))."""
    years = tuple(int(y) for y in _YEAR.findall(title))
    return _YEAR.sub("#", title), years


def previous_edition(store: Store, listing_url: str, version: Version) -> Version | None:
    """The stored document this one is the next year's edition of (same title, every year + 1)."""
    key, years = edition_key(version.document.title)
    if not years:
        return None
    for url in store.urls(found_on=listing_url) + store.urls(found_on=""):
        if url == version.url:
            continue
        try:
            latest = store.version(url)
        except InputError:
            continue  # known page, never fetched successfully
        other_key, other_years = edition_key(latest.document.title)
        if other_key == key and len(other_years) == len(years) and all(a + 1 == b for a, b in zip(other_years, years)):
            return latest
    return None
