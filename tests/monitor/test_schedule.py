"""Schedules mean what cron means: one test per field shape, days of week included (Monday is 1)."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest

from policywatch.errors import ConfigError
from policywatch.monitor.watching.schedule import next_run, trigger_for

SHENZHEN = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 11, 23, 0, 0, tzinfo=SHENZHEN)  # a Monday


def fires(schedule: str, count: int = 8, start: datetime = START) -> list[datetime]:
    trigger = trigger_for(schedule)
    out: list[datetime] = []
    previous = None
    now = start
    while len(out) < count:
        fire = trigger.get_next_fire_time(previous, now)
        assert fire is not None
        out.append(fire.astimezone(SHENZHEN))
        previous, now = fire, fire + timedelta(seconds=1)
    return out


def weekdays(schedule: str, count: int = 7) -> list[str]:
    return [f"{d:%a}" for d in fires(schedule, count)]


def test_minute_step():
    assert [f"{d:%H:%M}" for d in fires("*/15 * * * *", 5)] == ["00:00", "00:15", "00:30", "00:45", "01:00"]


def test_hour_list_is_shenzhen_time():
    assert [f"{d:%a %H:%M}" for d in fires("0 8,14 * * *", 3)] == ["Mon 08:00", "Mon 14:00", "Tue 08:00"]


def test_day_of_month_and_month():
    assert [f"{d:%Y-%m-%d}" for d in fires("30 9 1 * *", 2)] == ["2026-12-01", "2027-01-01"]
    assert [f"{d:%Y-%m-%d}" for d in fires("0 9 15 1,7 *", 3)] == ["2027-01-15", "2027-07-15", "2028-01-15"]


def test_weekday_range_is_monday_to_friday():
    assert weekdays("0 8 * * 1-5") == ["Mon", "Tue", "Wed", "Thu", "Fri", "Mon", "Tue"]
    assert weekdays("0 8 * * mon-fri") == weekdays("0 8 * * 1-5")


def test_sunday_is_0_or_7_and_names_work():
    assert set(weekdays("0 8 * * 0", 3)) == set(weekdays("0 8 * * 7", 3)) == {"Sun"}
    assert weekdays("0 8 * * sat,sun", 4) == ["Sat", "Sun", "Sat", "Sun"]
    assert weekdays("0 8 * * 5-7", 3) == ["Fri", "Sat", "Sun"]


def test_weekday_steps():
    assert weekdays("0 8 * * */2", 4) == ["Tue", "Thu", "Sat", "Sun"]
    assert weekdays("0 8 * * 1-5/2", 4) == ["Mon", "Wed", "Fri", "Mon"]


def test_day_of_month_or_day_of_week_as_cron_does():
    days = [f"{d:%m-%d %a}" for d in fires("0 8 1 * 1", 4)]
    assert days == ["11-23 Mon", "11-30 Mon", "12-01 Tue", "12-07 Mon"]


def test_intervals_and_their_jitter_cap():
    times = fires("every 6h", 3, datetime.now(UTC))
    assert [b - a for a, b in pairwise(times)] == [timedelta(hours=6)] * 2
    trigger = trigger_for("every 10s", jitter=300)
    assert trigger.jitter == 1
    assert trigger_for("every 1d", jitter=300).jitter == 300


@pytest.mark.parametrize("schedule", ["61 * * * *", "0 8 * * 5-1", "0 8 * * 8", "0 8 * * funday", "0 8 * *",
                                      "every 0s", "every 400d", "sometimes"])
def test_bad_schedules_are_config_errors_naming_the_schedule(schedule):
    with pytest.raises(ConfigError, match="schedule"):
        trigger_for(schedule)


def test_next_run_never_later_than_the_schedule_says():
    now = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    assert next_run("every 1d", None, now) == now  # never checked: at once
    assert next_run("every 1d", now - timedelta(days=3), now) == now  # overdue: at once
    assert next_run("every 1d", now - timedelta(hours=2), now) == now + timedelta(hours=22)
    monday_8 = datetime(2026, 11, 23, 8, 0, tzinfo=SHENZHEN)
    assert next_run("0 8 * * 1-5", monday_8, monday_8 + timedelta(hours=1)) == monday_8 + timedelta(days=1)
