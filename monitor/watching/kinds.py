"""Kinds of watch, registered by name: a new kind is one class here (its name is what `kind = ...` in
policywatch.toml, `add --kind` and the web app's form accept).

- page: one document, with its attachments.
- listing: a 栏目 page; every document listed on it is tracked and revisited (monitor/revisit.py).
- gkmlpt: the disclosure platform's catalogue JSON; like a listing, and a document newly marked
  expired (失效) or abolished (废止) is an alert of its own. Given the platform's `/gkmlpt/index`, the
  site ID and categories are read off that page.

A listing whose page holds only documents not seen before (a first check, or a burst of news) is read
on to its next pages, as long as the revisit budget lasts: the baseline, or the news, is then whole."""
from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from ...errors import FetchError, PolicywatchError
from ...snapshots import catalogue
from ...snapshots.extract import extract
from ...snapshots.listing import ListedItem, follows, listed_items, next_page
from . import revisit
from .events import LISTED_STATES

if TYPE_CHECKING:
    from ...snapshots import Fetcher, PageState, Store
    from . import state
    from .results import PageResult, PassReport
    from .watchlist import Config, Watch

KINDS: dict[str, type[WatchKind]] = {}


class Pass(Protocol):
    """What a kind may use of the pass that runs it (check.Pass): its pages, the store, and one way to check
    a page; the pass's fetching, batching and analysis stay its own."""

    config: Config
    store: Store
    report: PassReport
    now: datetime
    states: dict[str, PageState]
    tracked: dict[str, state.Tracked]
    fetcher: Fetcher | None  # for a kind that reads more than its page (a catalogue's index)

    async def check_page(self, watch: Watch, url: str, role: str, reader: str = "page",
                         parent: state.Tracked | None = None, baseline: bool = True, title: str = "",
                         listed: dict[str, str] | None = None) -> PageResult: ...

    def reload_tracked(self, url: str) -> state.Tracked | None: ...

    def period(self, watch: Watch) -> timedelta: ...


def register(cls: type[WatchKind]) -> type[WatchKind]:
    KINDS[cls.name] = cls
    return cls


class WatchKind:
    """How one kind of watch is checked in a pass."""

    name: ClassVar[str] = ""
    reader: ClassVar[str] = "page"  # how its URL's bytes are read (snapshots.extract.READERS)
    help: ClassVar[str] = ""

    async def check(self, run: Pass, watch: Watch) -> None:
        raise NotImplementedError


@register
class PageKind(WatchKind):
    name = "page"
    help = "one document (and its attachments)"

    async def check(self, run: Pass, watch: Watch) -> None:
        await run.check_page(watch, watch.url, "watch")


@register
class ListingKind(WatchKind):
    name = "listing"
    reader = "listing"
    help = "a 栏目 page: new documents are publications, listed documents are revisited"

    MAX_PAGES: ClassVar[int] = 50  # pages of one listing read in one check, at most

    async def check(self, run: Pass, watch: Watch) -> None:
        await self.check_listing(run, watch, watch.url)

    async def check_listing(self, run: Pass, watch: Watch, url: str) -> None:
        result = await run.check_page(watch, url, "listing", reader=self.reader)
        if result.outcome == "error":
            return
        listing = run.tracked.get(url) or await asyncio.to_thread(run.reload_tracked, url)
        if listing is None:
            return
        items = await asyncio.to_thread(self._items, run, url)
        children = {t.url: t for t in run.tracked.values() if t.parent_id == listing.page_id and t.role == "listed"}
        await asyncio.to_thread(self._sync, run, watch, listing, items, children, result)
        own = {w.url for w in run.config.watches}  # a page with its own watch keeps its own rules
        limit = revisit.allowance(run.config.settings.revisit_budget, run.period(watch))
        cap = min(run.config.settings.max_documents, limit)
        items = await self._more_pages(run, watch, url, items, set(children) | set(run.tracked) | own, cap)
        # Documents of the watch's site family (or follow_hosts), not known under any listing already.
        fresh = [i for i in items if i.url not in children and i.url not in own and i.url not in run.tracked
                 and follows(i.url, url, watch.follow_hosts)][:run.config.settings.max_documents]
        first = listing.baseline
        due = revisit.due([c for c in children.values() if c.url not in own], run.now, limit)
        await asyncio.gather(
            *(run.check_page(watch, i.url, "listed", parent=listing,
                             baseline=first or run.states.get(i.url) is not None, title=i.title,
                             listed={"title": i.title, "date": i.date, "state": i.state}) for i in fresh),
            *(run.check_page(watch, c.url, "listed", parent=listing, title=c.title) for c in due))
        if first and fresh:
            run.report.baselines.append(watch.name)
        if listing.baseline:
            await asyncio.to_thread(self._baseline_done, run, listing)

    async def _more_pages(self, run: Pass, watch: Watch, url: str, items: list[ListedItem], known: set[str],
                          cap: int) -> list[ListedItem]:
        """Items of the next pages while each page read holds only documents not seen before (of those the
        watch follows: a page of links elsewhere is no reason to read on), up to `cap` documents. A next
        page that fails ends the reading, silently: page one is the listing."""
        seen = set(known)
        page, raw = 1, ""
        last = [i for i in items if follows(i.url, url, watch.follow_hosts)]
        out = list(items)
        while last and page < self.MAX_PAGES and len(out) < cap and not any(i.url in seen for i in last):
            seen.update(i.url for i in last)
            if not raw:
                raw = await asyncio.to_thread(self._raw, run, url)
            following = self.next_url(raw, url, page, len(out))
            if not following:
                break
            try:
                fetched = await self._fetch(run, watch, following)
                raw = fetched.content.decode("utf-8", "replace")
                document = (await asyncio.to_thread(extract, fetched.content, fetched.content_type,
                                                    fetched.final_url, self.reader))[0]
            except PolicywatchError:
                break
            page, last = page + 1, [i for i in listed_items(document) if follows(i.url, url, watch.follow_hosts)]
            out += [i for i in last if i.url not in seen]
        return out[:max(cap, len(items))]

    @staticmethod
    async def _fetch(run: Pass, watch: Watch, url: str) -> Any:
        if run.fetcher is None:
            raise FetchError("internal", "no fetcher outside a pass", url)
        return await run.fetcher.fetch(url, headers=watch.headers)

    @staticmethod
    def next_url(raw: str, url: str, page: int, read: int) -> str:
        """Page `page + 1` of the listing at `url`, from page `page`'s text (`read`: documents so far)."""
        return next_page(raw, url, page)

    @staticmethod
    def _raw(run: Pass, url: str) -> str:
        latest = run.store.latest([url]).get(url)
        return run.store.raw(latest).decode("utf-8", "replace") if latest else ""

    @staticmethod
    def _items(run: Pass, url: str) -> list[ListedItem]:
        """The listing's items, from its latest stored version (just written, or unchanged)."""
        latest = run.store.latest([url]).get(url)
        return listed_items(latest.document) if latest else []

    def _sync(self, run: Pass, watch: Watch, listing: state.Tracked, items: list[ListedItem],
              children: dict[str, state.Tracked], result: PageResult) -> None:
        """What the listing now says of known documents: a new date means an edit (check it now), a new
        state (失效/废止) is an alert. Idempotent, so a pass cut short repeats it."""
        from . import state  # the monitor's tables (SQLAlchemy): loaded by the pass, not by `add --kind`

        with run.store.transaction() as conn:
            for item in items:
                child = children.get(item.url)
                if child is None or (item.date, item.state) == (child.listed_date, child.listed_state):
                    continue
                values: dict[str, object] = dict(listed_date=item.date, listed_state=item.state)
                if item.date != child.listed_date and child.listed_date:
                    values["next_due"] = run.now
                    child.next_due = run.now
                event = LISTED_STATES.get(item.state)
                if item.state != child.listed_state and event and not listing.baseline:
                    state.add_event(conn, event, watch=watch.name, url=item.url, title=item.title,
                                    page_id=child.page_id, message=f"marked {item.state} on {watch.url}")
                    result.events.append(event)
                state.update(conn, child.page_id, values)

    @staticmethod
    def _baseline_done(run: Pass, listing: state.Tracked) -> None:
        from . import state

        with run.store.transaction() as conn:
            state.update(conn, listing.page_id, {"baseline": False})


@register
class CatalogueKind(ListingKind):
    name = "gkmlpt"
    reader = "catalogue"
    help = "the disclosure platform (its /gkmlpt/index, or /gkmlpt/api/all/<category>?page=1&sid=<site>)"

    async def check(self, run: Pass, watch: Watch) -> None:
        if not catalogue.is_index(watch.url):
            await self.check_listing(run, watch, watch.url)
            return
        fetched = await self._fetch(run, watch, watch.url.split("#")[0])  # a failure is the watch's error
        site = catalogue.site_config(fetched.content.decode("utf-8", "replace"), watch.url)
        for url in catalogue.api_urls(watch.url, site):  # one category after another: one host's budget
            await self.check_listing(run, watch, url)

    @staticmethod
    def next_url(raw: str, url: str, page: int, read: int) -> str:
        """The next page of a catalogue query, while the platform's count says there are more."""
        return catalogue.next_page(raw, url, page, read)
