"""The bureau's clock: its zone (Asia/Shanghai, where cron lines are read), the times every command shows, and
dates typed by the user read in that zone too."""
from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from ..errors import InputError

TIMEZONE = "Asia/Shanghai"  # the bureau's clock: "0 8 * * 1-5" is 8 o'clock in Shenzhen
ZONE = ZoneInfo(TIMEZONE)


def shown(moment: datetime) -> str:
    """2026-12-02T14:13:46+08:00 (a time without a zone is the store's UTC)."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(ZONE).isoformat(timespec="seconds")


def typed(value: str, option: str) -> datetime:
    """A date or date-time from the command line; without a zone it is the bureau's."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise InputError(f"{option} {value!r}: use YYYY-MM-DD or an ISO date-time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=ZONE)
