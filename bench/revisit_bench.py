"""A simulated month of one section (栏目), replayed through the real revisit policy (monitor/revisit.py):
documents appear on the listing, a few are edited in silence (the listing does not change), most never
change. Reports the requests spent and how late each edit was seen, against re-fetching every document at
every check of the listing.

The section: 200 documents already listed (1 to 1000 days old), 2 new ones a working day, the listing
checked every 2 hours. Edits: 40% of new documents are corrected once or twice, mostly in their first
days (exponential, mean 1.5 days); 3% of all documents are edited once at a random time of the month.
Seeded, so runs compare.

    .venv/bin/python bench/revisit_bench.py [--days 30] [--period-hours 2] [--budget 500]
"""
from __future__ import annotations

import argparse
import random
import statistics
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from policywatch.monitor.watching import revisit
from policywatch.monitor.watching.state import Tracked

START = datetime(2026, 1, 5, tzinfo=UTC)


@dataclass
class Doc:
    tracked: Tracked
    edits: list[datetime] = field(default_factory=list)
    seen_edits: int = 0


def section(days: int, rng: random.Random) -> list[tuple[datetime, list[datetime]]]:
    """(appeared, edit times) per document."""
    out = []
    for _ in range(200):
        appeared = START - timedelta(days=rng.uniform(1, 1000))
        out.append((appeared, []))
    day = START
    while day < START + timedelta(days=days):
        if day.weekday() < 5:
            for _ in range(2):
                out.append((day + timedelta(hours=rng.uniform(8, 18)), []))
        day += timedelta(days=1)
    end = START + timedelta(days=days)
    for appeared, edits in out:
        if appeared >= START and rng.random() < 0.4:
            for _ in range(rng.choice((1, 1, 2))):
                edits.append(appeared + timedelta(days=rng.expovariate(1 / 1.5)))
        if rng.random() < 0.03:
            edits.append(START + (end - START) * rng.random())
        edits[:] = sorted(e for e in edits if e < end)
    return out


def replay(days: int, period: timedelta, budget: int, everything: bool, seed: int = 7) -> dict[str, float]:
    rng = random.Random(seed)
    docs = [Doc(Tracked(n, f"/post_{n}.html", "section", "listed", appeared), edits)
            for n, (appeared, edits) in enumerate(section(days, rng))]
    requests, delays, missed = 0, [], 0
    limit = revisit.allowance(budget, period)
    now = START
    while now < START + timedelta(days=days):
        requests += 1  # the listing
        listed = [d for d in docs if d.tracked.first_seen <= now]
        fresh = [d for d in listed if d.tracked.last_checked is None]
        known = [d.tracked for d in listed if d.tracked.last_checked is not None]
        chosen = known if everything else revisit.due(known, now, limit)
        by_id = {d.tracked.page_id: d for d in listed}
        for tracked in [*(d.tracked for d in fresh), *chosen]:
            doc = by_id[tracked.page_id]
            requests += 1
            new_edits = [e for e in doc.edits if e <= now][doc.seen_edits:]
            changed = bool(new_edits) and tracked.last_checked is not None
            if tracked.last_checked is None:
                doc.seen_edits = len([e for e in doc.edits if e <= now])  # the first fetch is the baseline
            elif new_edits:
                delays += [(now - e).total_seconds() / 3600 for e in new_edits]
                doc.seen_edits += len(new_edits)
            tracked.checks += 1 if tracked.last_checked is not None else 0
            tracked.changes += 1 if changed else 0
            tracked.last_checked = now
            tracked.next_due = revisit.next_due(tracked, now, period)
        now += period
    for doc in docs:
        unseen = [e for e in doc.edits if e <= now][doc.seen_edits:]
        missed += len(unseen)
    delays.sort()
    return {"requests": requests, "edits": len(delays) + missed, "seen": len(delays), "missed": missed,
            "median_h": statistics.median(delays) if delays else 0.0,
            "p95_h": delays[int(0.95 * (len(delays) - 1))] if delays else 0.0,
            "max_h": delays[-1] if delays else 0.0,
            "within_day": sum(1 for d in delays if d <= 24) / max(len(delays) + missed, 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--period-hours", type=float, default=2.0)
    parser.add_argument("--budget", type=int, default=500)
    args = parser.parse_args()
    period = timedelta(hours=args.period_hours)
    rows = {"re-fetch every document every check": replay(args.days, period, args.budget, everything=True),
            "policywatch revisit policy": replay(args.days, period, args.budget, everything=False)}
    print(f"{args.days} days, listing every {args.period_hours:g} h, budget {args.budget} requests/host/day")
    print(f"{'strategy':38} {'requests':>9} {'edits':>6} {'seen':>5} {'missed':>6} {'median h':>9} {'p95 h':>6} "
          f"{'max h':>6} {'<=1 day':>8}")
    for name, r in rows.items():
        print(f"{name:38} {r['requests']:>9,} {r['edits']:>6} {r['seen']:>5} {r['missed']:>6} {r['median_h']:>9.1f} "
              f"{r['p95_h']:>6.1f} {r['max_h']:>6.1f} {r['within_day']:>8.0%}")
    share = rows["policywatch revisit policy"]["requests"] / rows["re-fetch every document every check"]["requests"]
    print(f"requests spent: {share:.0%} of re-fetching everything")


if __name__ == "__main__":
    main()
