"""Schedules as an operator writes them: a crontab line means what cron means (Monday is 1, Sunday 0 or 7,
names work too, and a day of the month *or* a day of the week, as in cron), or `every 6h`. APScheduler 3
counts Monday as 0 and ANDs the two day fields, so the crontab is translated, never passed through.
Jitter is at most a tenth of the period: a check every 10 s must not wait minutes."""
from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from ...errors import ConfigError
from ..clock import TIMEZONE

if TYPE_CHECKING:  # APScheduler loads for a crontab line or a trigger only: `every 6h` is read without it
    from apscheduler.triggers.base import BaseTrigger

DEFAULT_SCHEDULE = "every 1d"
MIN_INTERVAL = 1  # seconds
MAX_INTERVAL = 366 * 86400
_INTERVAL = re.compile(r"^every\s+(\d{1,12})\s*([smhd])$")
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
_DOW_ITEM = re.compile(r"^(\*|[0-7]|[a-z]{3})(?:-([0-7]|[a-z]{3}))?(?:/(\d{1,2}))?$")


def _day(token: str, schedule: str) -> int:
    if token.isdigit():
        return int(token) % 7
    if token in _DAYS:
        return _DAYS.index(token)
    raise ConfigError(f"schedule {schedule!r}: {token!r} is not a day of the week (0-7 or sun..sat)")


def cron_day_of_week(field: str, schedule: str = "") -> str:
    """A crontab day-of-week field (0 or 7 = Sunday, 1 = Monday, names, ranges, steps) in APScheduler's
    words: '1-5' -> 'mon,tue,wed,thu,fri'."""
    days: set[int] = set()
    for item in field.lower().split(","):
        match = _DOW_ITEM.match(item.strip())
        if not match:
            raise ConfigError(f"schedule {schedule!r}: day of week {item!r} is not cron syntax")
        start, end, step = match.groups()
        if start == "*":
            first, last = 0, 6
        else:
            first = _day(start, schedule)
            last = first if end is None else _day(end, schedule) if end not in ("7", "sun") else 7
            if end is None and step:
                last = 6
            if last < first:
                raise ConfigError(f"schedule {schedule!r}: day range {item!r} runs backwards")
        days.update(day % 7 for day in range(first, last + 1, int(step or 1)))
    return ",".join(_DAYS[day] for day in (1, 2, 3, 4, 5, 6, 0) if day in days)


def _cron(schedule: str, jitter: int) -> BaseTrigger:
    from apscheduler.triggers.combining import OrTrigger
    from apscheduler.triggers.cron import CronTrigger

    parts = schedule.split()
    if len(parts) != 5:
        raise ConfigError(f"schedule {schedule!r}: a crontab line has 5 fields (minute hour day month weekday), "
                          f"or write 'every N[s|m|h|d]'")
    minute, hour, day, month, weekday = parts
    try:
        if day != "*" and weekday != "*":  # cron runs when either day field matches
            return OrTrigger([CronTrigger(minute=minute, hour=hour, day=day, month=month, timezone=TIMEZONE),
                              CronTrigger(minute=minute, hour=hour, month=month, timezone=TIMEZONE,
                                          day_of_week=cron_day_of_week(weekday, schedule))], jitter=jitter or None)
        return CronTrigger(minute=minute, hour=hour, day=day, month=month, timezone=TIMEZONE, jitter=jitter or None,
                           day_of_week=cron_day_of_week(weekday, schedule) if weekday != "*" else None)
    except ValueError as exc:
        raise ConfigError(f"schedule {schedule!r}: {exc}") from None


def interval_seconds(schedule: str) -> int | None:
    """Seconds of an 'every N[smhd]' schedule, None for a crontab line."""
    match = _INTERVAL.match(schedule.strip())
    if not match:
        return None
    seconds = int(match.group(1)) * _SECONDS[match.group(2)]
    if not MIN_INTERVAL <= seconds <= MAX_INTERVAL:
        raise ConfigError(f"schedule {schedule!r}: the interval must be between {MIN_INTERVAL} seconds and "
                          f"{MAX_INTERVAL // 86400} days")
    return seconds


def period(schedule: str) -> float:
    """Seconds between two runs (for a crontab line, between its next two); ConfigError for a schedule
    that is neither form, or never runs (what trigger_for refuses too)."""
    seconds = interval_seconds(schedule)
    if seconds is not None:
        return float(seconds)
    trigger = _cron(schedule.strip(), 0)
    now = datetime.now(UTC)
    first = trigger.get_next_fire_time(None, now)
    second = trigger.get_next_fire_time(first, first + timedelta(seconds=1)) if first else None
    if first is None or second is None:
        raise ConfigError(f"schedule {schedule!r}: never runs")
    return float((second - first).total_seconds())


def trigger_for(schedule: str, jitter: int = 0) -> BaseTrigger:
    """APScheduler trigger for a crontab line or 'every N[s|m|h|d]'; ConfigError if neither. Jitter is
    capped at a tenth of the period."""
    from apscheduler.triggers.interval import IntervalTrigger

    schedule = schedule.strip()
    jitter = min(jitter, int(period(schedule) / 10))
    seconds = interval_seconds(schedule)
    if seconds is not None:
        return IntervalTrigger(seconds=seconds, jitter=jitter or None, timezone=TIMEZONE)
    return _cron(schedule, jitter)


def next_run(schedule: str, last: datetime | None, now: datetime) -> datetime:
    """When a watch runs next, given its last check: at once when it has never run or is overdue, so a
    restart never pushes a check later than the schedule says."""
    if last is None:
        return now
    seconds = interval_seconds(schedule)
    if seconds is not None:
        due = last + timedelta(seconds=seconds)
    else:
        due = _cron(schedule.strip(), 0).get_next_fire_time(None, last + timedelta(seconds=1)) or now
    return max(due, now)
