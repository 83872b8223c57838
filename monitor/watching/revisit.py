"""When to look at a listed document again. Notices and policy files are edited in silence, mostly in
their first days (a corrected deadline, a changed amount), now and then much later. So a document is
re-checked at every check of its listing during its first week, then at an interval that follows how
often it has really changed, never more than a day apart, and always within a per-host request budget:
watching a section must never turn into crawling it. (Research and numbers: bench/revisit_bench.py.)

Rate estimate per document: Cho and Garcia-Molina's estimator for "changed or not" observations,
-ln((n - X + 0.5) / (n + 0.5)) / I, blended with a prior that decays with age (new documents change
most). Interval: C / sqrt(rate), the square-root rule that minimises total detection delay for a
fixed number of requests, clamped between the listing's period and MAX_INTERVAL."""
from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .state import Tracked

FIRST_WEEK = timedelta(days=7)
MAX_INTERVAL = timedelta(days=1)  # every edit is seen within a day, while the budget allows
PRIOR_RATE, PRIOR_DAYS, FLOOR_RATE = 1.0, 7.0, 1 / 180  # edits per day: new, decay, old
SQRT_RULE = 0.38  # days x sqrt(edits per day): a document edited weekly is checked daily


def rate(doc: Tracked, now: datetime) -> float:
    """Estimated edits per day."""
    age = max((now - doc.first_seen).total_seconds() / 86400, 1e-3)
    prior = PRIOR_RATE * math.exp(-age / PRIOR_DAYS) + FLOOR_RATE
    n, changed = doc.checks, min(doc.changes, doc.checks)
    if n == 0:
        return prior
    interval = age / n
    observed = -math.log((n - changed + 0.5) / (n + 0.5)) / interval
    weight = n / (n + 3)
    return weight * observed + (1 - weight) * prior


def next_due(doc: Tracked, now: datetime, listing_period: timedelta) -> datetime:
    """The next check of a listed document just checked at `now`."""
    if now - doc.first_seen < FIRST_WEEK:
        return now  # due again at the listing's next check, whenever that runs
    interval = timedelta(days=SQRT_RULE / math.sqrt(max(rate(doc, now), 1e-6)))
    return now + min(max(interval, listing_period * 0.9), MAX_INTERVAL)


def allowance(budget_per_day: int, listing_period: timedelta) -> int:
    """Re-checks one listing check may spend: its share of the host's daily budget."""
    return max(1, int(budget_per_day * listing_period.total_seconds() / 86400))


def due(docs: list[Tracked], now: datetime, limit: int) -> list[Tracked]:
    """The documents due now, the most overdue (relative to their own interval) first, at most `limit`."""
    ready = [d for d in docs if d.next_due is None or d.next_due <= now]

    def lateness(doc: Tracked) -> float:
        if doc.next_due is None or doc.last_checked is None:
            return math.inf
        planned = max((doc.next_due - doc.last_checked).total_seconds(), 1.0)
        return (now - doc.next_due).total_seconds() / planned

    return sorted(ready, key=lateness, reverse=True)[:limit]
