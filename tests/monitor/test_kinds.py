"""A listing kind on its own, through the narrow protocol a kind may use of a pass (watching/kinds.Pass):
a fake pass that records the pages it is asked to check, over a real store holding the listing's version."""
from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from policywatch.monitor.watching import state
from policywatch.monitor.watching.kinds import KINDS
from policywatch.monitor.watching.results import PageResult, PassReport
from policywatch.monitor.watching.state import Tracked
from policywatch.monitor.watching.watchlist import Config, Watch
from policywatch.snapshots import Document, Record, key_of
from policywatch.snapshots.listing import ListedItem, items_document

LISTING = "http://x.test/xxgk/tzgg/"
NOW = datetime(2026, 12, 1, 8, tzinfo=UTC)


def _store_listing(store, items: list[ListedItem]) -> Tracked:  # type: ignore[no-untyped-def]
    """The listing's version as the listing reader stores it, and its tracked row (past its baseline)."""
    doc: Document = items_document("通知公告", LISTING, items)
    outcome = store.save(Record(LISTING, doc.text().encode(), doc, key_of(doc)))
    return Tracked(outcome.page_id, LISTING, "tzgg", "listing", NOW - timedelta(days=60))


def _child(store, listing: Tracked, n: int, date: str, **values) -> Tracked:  # type: ignore[no-untyped-def]
    url = f"http://x.test/xxgk/tzgg/post_{n}.html"
    doc = Document(title=f"通知{n}", url=url, body=["正文"])
    page_id = store.save(Record(url, doc.text().encode(), doc, key_of(doc))).page_id
    child = Tracked(page_id, url, "tzgg", "listed", NOW - timedelta(days=60), parent_id=listing.page_id,
                    title=f"通知{n}", listed_date=date, last_checked=NOW - timedelta(hours=1), checks=40,
                    next_due=NOW + timedelta(hours=20), **values)
    with store.transaction() as conn:
        state.upsert(conn, page_id, {k: v for k, v in child.__dict__.items() if k not in ("page_id", "url")})
    return child


def _run(store, items: list[ListedItem], children: list[Tracked], listing: Tracked) -> FakePass:  # type: ignore[no-untyped-def]
    run = FakePass(store, Watch("tzgg", LISTING, kind="listing"))
    run.tracked = {LISTING: listing, **{c.url: c for c in children}}
    asyncio.run(KINDS["listing"]().check(run, run.config.watches[0]))
    return run


class FakePass:
    def __init__(self, store, watch: Watch) -> None:  # type: ignore[no-untyped-def]
        self.config = Config(path=None, watches=[watch])  # type: ignore[arg-type]
        self.store, self.now, self.report = store, NOW, PassReport(started=NOW)
        self.states: dict = {}
        self.tracked: dict[str, Tracked] = {}
        self.checked: list[tuple[str, str]] = []

    async def check_page(self, watch, url, role, reader="page", parent=None, baseline=True, title="",  # type: ignore[no-untyped-def]
                         listed=None) -> PageResult:
        self.checked.append((role, url))
        return PageResult(watch.name, url, role, "unchanged")

    def reload_tracked(self, url: str) -> Tracked | None:
        return self.tracked.get(url)

    def period(self, watch: Watch) -> timedelta:
        return timedelta(hours=2)


def test_a_listing_checks_its_new_documents_and_leaves_known_ones_until_due(store):
    state.setup(store)
    listing = _store_listing(store, [])
    known = _child(store, listing, 1, "2026-11-20")
    items = [ListedItem("通知1", known.url, "2026-11-20"), ListedItem("通知2", "http://x.test/xxgk/tzgg/post_2.html",
                                                                       "2026-11-30")]
    listing = _store_listing(store, items)
    run = _run(store, items, [known], listing)
    assert run.checked == [("listing", LISTING), ("listed", "http://x.test/xxgk/tzgg/post_2.html")]


def test_a_new_date_on_the_listing_makes_a_known_document_due_at_once(store):
    state.setup(store)
    listing = _store_listing(store, [])
    known = _child(store, listing, 1, "2026-11-20")
    listing = _store_listing(store, [ListedItem("通知1", known.url, "2026-11-28")])
    run = _run(store, [], [known], listing)
    assert ("listed", known.url) in run.checked
    row = state.load_urls(store, [known.url])[known.url]
    assert (row.listed_date, state.aware(row.next_due)) == ("2026-11-28", NOW)


def test_a_document_newly_marked_expired_is_an_alert_of_its_own(store):
    state.setup(store)
    listing = _store_listing(store, [])
    known = _child(store, listing, 1, "2026-11-20")
    listing = _store_listing(store, [ListedItem("通知1", known.url, "2026-11-20", state="失效")])
    _run(store, [], [known], listing)
    assert [(e.kind, e.url) for e in state.pending(store)] == [("expired", known.url)]
