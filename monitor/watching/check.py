"""One monitoring pass over the watch list: what `check` runs once and each scheduled job runs for its
watch. The pass fetches every page through snapshots.capture.snapshot, writes the monitor's state and events in
the same transaction as each version or failure (state.py), and returns a report; it never renders or
sends anything (that is deliver.py's work, on the outbox)."""
from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import Connection

from ...errors import PolicywatchError, one_line
from ...snapshots import Fetcher, FetchPolicy, Outcome, PageState, Store, Target, snapshot
from ...snapshots.formats import ATTACHMENT_SUFFIXES
from ...text.ignore import Ignore, compile_ignore
from . import filters, revisit, state
from .analysis import Analyses
from .policy import policy_for
from .results import PageResult, PassReport
from .schedule import period
from .state import Tracked
from .watchlist import Config, Watch

if TYPE_CHECKING:
    from .early import Early

MAX_ATTACHMENTS = 10  # attachments followed per document
TOUCH_BATCH = 200


class Pass:
    """One pass: every selected watch, concurrently within the fetcher's per-host limits. A watch whose
    check raises anything becomes one error result; the others go on."""

    def __init__(self, config: Config, store: Store, policy: FetchPolicy | None = None,
                 on_result: Callable[[PageResult], None] | None = None) -> None:
        self.config = config
        self.store = store
        self.policy = policy or policy_for(config)
        self.on_result = on_result or (lambda result: None)
        self.report = PassReport(started=state.now())
        self.now = self.report.started
        self.states: dict[str, PageState] = {}
        self.tracked: dict[str, Tracked] = {}
        self.ids: dict[int, Tracked] = {}
        self._ignores: dict[str, Ignore | None] = {}
        self._touches: list[dict[str, Any]] = []
        self._touching = asyncio.Lock()
        self._analyses = Analyses()
        self.fetcher: Fetcher | None = None
        state.setup(store)

    async def run(self, watches: list[Watch], scoped: bool = False, fetcher: Fetcher | None = None) -> PassReport:
        """`scoped`: read only these watches' pages from the store (a queued check of one watch on a
        worker), not every page's state. `fetcher`: one already fetching for this pass (early.py), which
        its owner closes."""
        from .kinds import KINDS

        if scoped:
            self.tracked = await asyncio.to_thread(state.load, self.store, [w.name for w in watches])
            self.states = await asyncio.to_thread(self.store.page_states, [t.page_id for t in self.tracked.values()],
                                                  [w.url for w in watches])
        else:
            self.states = await asyncio.to_thread(self.store.page_states)
            self.tracked = await asyncio.to_thread(state.load, self.store)
        self.ids = {t.page_id: t for t in self.tracked.values()}
        try:
            async with contextlib.nullcontext(fetcher) if fetcher is not None else Fetcher(self.policy) as using:
                self.fetcher = using
                await asyncio.gather(*(self._isolated(KINDS[w.kind](), w) for w in watches))
        finally:  # the child finishes the last analyses while the store takes the pass's last writes
            collecting = asyncio.ensure_future(self._analyses.collect())
            await asyncio.to_thread(self.store.flush)
            await self._flush_touches()
            self.report.analyses = await collecting
        if not scoped:  # a queued check of one watch leaves this to the scheduler's upkeep
            await asyncio.to_thread(self.store.prune_checks)
        self.report.finished = state.now()
        return self.report

    async def _isolated(self, kind: Any, watch: Watch) -> None:
        try:
            await kind.check(self, watch)
        except Exception as exc:  # noqa: BLE001 (one watch's surprise never stops the pass)
            kind_name = exc.kind if isinstance(exc, PolicywatchError) else "internal"
            self._add(PageResult(watch.name, watch.url, "watch", "error", error_kind=kind_name,
                                 message=f"{exc.__class__.__name__}: {one_line(exc, 200)}"))

    def _add(self, result: PageResult) -> PageResult:
        self.report.results.append(result)
        self.on_result(result)
        return result

    def ignore(self, watch: Watch) -> Ignore | None:
        if watch.name not in self._ignores:  # once per watch, not per page of its listing
            self._ignores[watch.name] = compile_ignore(watch.ignore)
        return self._ignores[watch.name]

    def period(self, watch: Watch) -> timedelta:
        return timedelta(seconds=period(watch.schedule))

    # ------------------------------------------------------------------ one page

    async def check_page(self, watch: Watch, url: str, role: str, reader: str = "page", parent: Tracked | None = None,
                         baseline: bool = True, title: str = "", listed: dict[str, str] | None = None) -> PageResult:
        """Fetch, store and judge one page; follow its attachments when it is a document."""
        known = self.tracked.get(url)
        result = PageResult(watch.name, url, role, "error")
        parent_url = self._url(parent)
        target = Target(url, reader, self.ignore(watch), found_on=parent_url, title_hint=title, headers=watch.headers,
                        scope=(watch.select, watch.exclude) if role in ("watch", "listing") else ("", ""))
        quiet = known is not None and known.failures == 0 and not known.alerted
        within = self._within(watch, url, role, known, parent, baseline, listed or {}, result)
        outcome = await snapshot(self.fetcher, self.store, target, self.states.get(url), within,
                                 quiet=quiet, lookup=False)
        result.outcome, result.seq = outcome.outcome, outcome.seq
        result.error_kind, result.message = outcome.error_kind, outcome.message
        if outcome.version is not None:
            result.title, result.version_id = outcome.version.document.title, outcome.version.id
        if known is not None and quiet and outcome.outcome == "unchanged":
            await self._touch(known, watch)
        if "change" in result.events and outcome.version is not None and outcome.previous is not None:
            self._analyses.start(outcome.previous.document, outcome.version)
            self.report.versions.update({v.id: v for v in (outcome.previous, outcome.version)})
        self._add(result)
        if role in ("watch", "listed") and reader == "page" and outcome.outcome != "error":
            await self._attachments(watch, url, outcome)
        return result

    def _url(self, tracked: Tracked | None) -> str:
        return tracked.url if tracked is not None else ""

    def _next_due(self, watch: Watch, doc: Tracked) -> Any:
        if doc.role in ("listed", "attachment"):
            return revisit.next_due(doc, self.now, self.period(watch))
        return None

    def _within(self, watch: Watch, url: str, role: str, known: Tracked | None, parent: Tracked | None,
                baseline: bool, listed: dict[str, str], result: PageResult) -> Callable[[Connection, Outcome], None]:
        """The monitor's writes for one check, in the store's transaction: failure count and alerts,
        the revisit plan, and the event a change or a publication raises."""
        threshold = self.config.settings.failures_before_alert

        def write(conn: Connection, outcome: Outcome) -> None:
            result.events.clear()
            now = state.now()
            doc = known or Tracked(outcome.page_id, url, watch.name, role, now, parent.page_id if parent else None,
                                   baseline, title=listed.get("title", ""), listed_date=listed.get("date", ""),
                                   listed_state=listed.get("state", ""))
            failures, alerted = doc.failures, doc.alerted
            base = dict(watch=watch.name, url=url, page_id=outcome.page_id)
            if outcome.outcome == "error":
                failures += 1
                if failures >= threshold and not alerted:
                    alerted = True
                    state.add_event(conn, "broken", title=doc.title or url,
                                    message=f"[{outcome.error_kind}] {outcome.message}", **base)
                    result.events.append("broken")
            else:
                if alerted:
                    state.add_event(conn, "recovered", title=doc.title or url, **base)
                    result.events.append("recovered")
                failures, alerted = 0, False
            values: dict[str, Any] = dict(failures=failures, alerted=alerted, last_checked=now, checks=doc.checks + 1)
            if outcome.outcome == "new" and outcome.version is not None:
                values.update(changes=doc.changes + (1 if outcome.previous is not None else 0), last_changed=now)
                self._news(conn, outcome, doc, role, parent, base, result, watch)
            updated = replace(doc, **values)
            values["next_due"] = self._next_due(watch, updated)
            if known is None:
                values.update(watch=watch.name, role=role, parent_id=doc.parent_id, baseline=baseline,
                              first_seen=now, title=doc.title, listed_date=doc.listed_date,
                              listed_state=doc.listed_state)
            state.upsert(conn, outcome.page_id, values)
            result.failures = failures
        return write

    @staticmethod
    def _news(conn: Connection, outcome: Outcome, doc: Tracked, role: str, parent: Tracked | None,
              base: dict[str, Any], result: PageResult, watch: Watch) -> None:
        version = outcome.version
        if version is None or role == "listing":
            return  # a listing's new version is not news itself: its new documents are
        if watch.keywords and not filters.wanted(watch, version.document.full_text() if outcome.previous is None
                                                 else filters.changed_text(outcome.previous.document,
                                                                           version.document)):
            return  # stored, not told: the watch's keywords are not in it
        title = version.document.title or doc.title or version.url
        if outcome.previous is not None:
            if role == "attachment" and parent is not None:
                title = f"{parent.title or parent.url} — {doc.title or title}"
            state.add_event(conn, "change", title=title, version_id=version.id, previous_id=outcome.previous.id,
                            parent_url=parent.url if parent and role == "attachment" else "", **base)
            result.events.append("change")
        elif not doc.baseline:
            state.add_event(conn, "publication", title=title, version_id=version.id, **base)
            result.events.append("publication")

    async def _touch(self, doc: Tracked, watch: Watch) -> None:
        """An unchanged healthy page's check, for the revisit plan; written in batches."""
        updated = replace(doc, last_checked=self.now, checks=doc.checks + 1)
        async with self._touching:
            self._touches.append(dict(tracked_row=doc.page_id, last_checked=self.now, checks=doc.checks + 1,
                                      next_due=self._next_due(watch, updated)))
            if len(self._touches) >= TOUCH_BATCH:
                await self._flush_touches()

    async def _flush_touches(self) -> None:
        rows, self._touches = self._touches, []
        if not rows:
            return

        def write() -> None:
            with self.store.transaction() as conn:
                state.update_many(conn, rows)
        await asyncio.to_thread(write)

    # ------------------------------------------------------------------ attachments

    async def _attachments(self, watch: Watch, url: str, outcome: Outcome) -> None:
        """A document's attachments (PDF, Word, Excel, OFD) are checked with it: a changed attachment is
        a change of its page. A newly added attachment is part of the page's own change."""
        page = self.tracked.get(url) or await asyncio.to_thread(self.reload_tracked, url)
        if page is None:
            return
        if outcome.version is not None:
            urls = [a.url for a in outcome.version.document.attachments
                    if a.url.lower().split("?")[0].endswith(ATTACHMENT_SUFFIXES)][:MAX_ATTACHMENTS]
            titles = {a.url: a.title for a in outcome.version.document.attachments}
        else:
            children = [t for t in self.tracked.values() if t.parent_id == page.page_id and t.role == "attachment"]
            urls, titles = [t.url for t in children], {t.url: t.title for t in children}
        await asyncio.gather(*(self.check_page(watch, u, "attachment", parent=page, baseline=True, title=titles[u],
                                               listed={"title": titles[u]}) for u in urls))

    def reload_tracked(self, url: str) -> Tracked | None:
        """A page tracked during this pass (its row was written just now)."""
        found = state.load_urls(self.store, [url]).get(url)
        if found is not None:
            self.tracked[url] = found
            self.ids[found.page_id] = found
        return found


def check(config: Config, store: Store, tags: tuple[str, ...] = (), names: tuple[str, ...] = (),
          on_result: Callable[[PageResult], None] | None = None, policy: FetchPolicy | None = None,
          early: Early | None = None) -> PassReport:
    """Check the selected watches once; with `early`, in its loop and with its fetcher (and its policy)."""
    if early is not None:
        work = Pass(config, store, early.fetcher.policy, on_result)
        return early.run(work.run(config.selected(tags, names), fetcher=early.fetcher))
    return asyncio.run(Pass(config, store, policy, on_result).run(config.selected(tags, names)))
