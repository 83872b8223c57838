"""Kinds of watch, registered by name: a new kind is one class here (its name is what `kind = ...` in
policywatch.toml, `add --kind` and the web app's form accept).

- page: one document, with its attachments.
- listing: a 栏目 page; every document listed on it is tracked and revisited (monitor/revisit.py).
- gkmlpt: the disclosure platform's catalogue JSON; like a listing, and a document newly marked
  expired (失效) or abolished (废止) is an alert of its own."""
from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, ClassVar, Protocol

from ...snapshots.listing import ListedItem, listed_items
from . import revisit, state
from .events import LISTED_STATES

if TYPE_CHECKING:
    from ...snapshots import PageState, Store
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

    async def check(self, run: Pass, watch: Watch) -> None:
        result = await run.check_page(watch, watch.url, "listing", reader=self.reader)
        if result.outcome == "error":
            return
        listing = run.tracked.get(watch.url) or await asyncio.to_thread(run.reload_tracked, watch.url)
        if listing is None:
            return
        items = await asyncio.to_thread(self._items, run, watch.url)
        children = {t.url: t for t in run.tracked.values() if t.parent_id == listing.page_id and t.role == "listed"}
        await asyncio.to_thread(self._sync, run, watch, listing, items, children, result)
        own = {w.url for w in run.config.watches}  # a page with its own watch keeps its own rules
        fresh = [i for i in items if i.url not in children and i.url not in own][:run.config.settings.max_documents]
        first = listing.baseline
        limit = revisit.allowance(run.config.settings.revisit_budget, run.period(watch))
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

    @staticmethod
    def _items(run: Pass, url: str) -> list[ListedItem]:
        """The listing's items, from its latest stored version (just written, or unchanged)."""
        latest = run.store.latest([url]).get(url)
        return listed_items(latest.document) if latest else []

    def _sync(self, run: Pass, watch: Watch, listing: state.Tracked, items: list[ListedItem],
              children: dict[str, state.Tracked], result: PageResult) -> None:
        """What the listing now says of known documents: a new date means an edit (check it now), a new
        state (失效/废止) is an alert. Idempotent, so a pass cut short repeats it."""
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
        with run.store.transaction() as conn:
            state.update(conn, listing.page_id, {"baseline": False})


@register
class CatalogueKind(ListingKind):
    name = "gkmlpt"
    reader = "catalogue"
    help = "the disclosure platform's catalogue JSON (/gkmlpt/api/all/<category>?page=1&sid=<site>)"
