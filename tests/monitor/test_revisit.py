"""The revisit plan on its own (bench/revisit_bench.py replays a month of it): when a listed document is
looked at again, and which ones a listing check spends its share of the budget on."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from policywatch.monitor.watching import revisit
from policywatch.monitor.watching.state import Tracked

NOW = datetime(2026, 12, 1, 8, tzinfo=UTC)
PERIOD = timedelta(hours=2)


def _doc(n: int = 1, age_days: float = 30, checks: int = 0, changes: int = 0,
         last_checked: datetime | None = None, next_due: datetime | None = None) -> Tracked:
    return Tracked(n, f"http://x.test/post_{n}.html", "section", "listed", NOW - timedelta(days=age_days),
                   checks=checks, changes=changes, last_checked=last_checked, next_due=next_due)


def test_a_document_in_its_first_week_is_due_at_the_listings_next_check():
    assert revisit.next_due(_doc(age_days=2, checks=20), NOW, PERIOD) == NOW


def test_an_often_edited_document_is_looked_at_sooner_than_a_quiet_one_but_within_a_day():
    quiet = revisit.next_due(_doc(checks=300, changes=0), NOW, PERIOD)
    busy = revisit.next_due(_doc(checks=300, changes=100), NOW, PERIOD)
    assert NOW + PERIOD * 0.9 <= busy < quiet <= NOW + revisit.MAX_INTERVAL


def test_an_edited_document_estimates_a_higher_rate_than_an_unedited_one_of_the_same_age():
    assert revisit.rate(_doc(checks=50, changes=10), NOW) > revisit.rate(_doc(checks=50), NOW)


def test_a_listing_check_spends_its_share_of_the_daily_budget_and_never_nothing():
    assert revisit.allowance(480, timedelta(hours=2)) == 40
    assert revisit.allowance(1, timedelta(minutes=5)) == 1


def test_the_most_overdue_documents_go_first_within_the_limit():
    on_time = _doc(1, last_checked=NOW - timedelta(hours=10), next_due=NOW - timedelta(hours=1))
    late = _doc(2, last_checked=NOW - timedelta(hours=10), next_due=NOW - timedelta(hours=8))
    never = _doc(3)
    not_yet = _doc(4, last_checked=NOW, next_due=NOW + timedelta(hours=3))
    assert [d.page_id for d in revisit.due([on_time, late, never, not_yet], NOW, 3)] == [3, 2, 1]
    assert [d.page_id for d in revisit.due([on_time, late, never, not_yet], NOW, 1)] == [3]
