"""Times as a watcher reads them: relative ("3 h ago", "in 20 min") in the bureau's zone, with the exact
time on hover (a <time> element, rendered on the server: no script). The zone is monitor/clock.py's."""
from __future__ import annotations

from datetime import UTC, datetime

from markupsafe import Markup, escape

from ..clock import ZONE


def exact(moment: datetime) -> str:
    """`2026-12-02 14:13 CST`: the moment in the zone, to the minute, with the zone's abbreviation."""
    local = moment.astimezone(ZONE)
    return f"{local:%Y-%m-%d %H:%M} {local.tzname()}"


def relative(moment: datetime, now: datetime) -> str:
    """How long ago (or how soon): seconds to days, then the date itself past a month."""
    seconds = (now - moment).total_seconds()
    ahead, span = seconds < 0, abs(seconds)
    if span < 60:
        return "just now" if not ahead else "in under a minute"
    if span >= 31 * 86400:
        return f"on {moment.astimezone(ZONE):%Y-%m-%d}"
    unit, size = next((u, s) for u, s in (("day", 86400), ("h", 3600), ("min", 60)) if span >= s)
    count = int(span // size)
    text = f"{count} {unit}{'s' if unit == 'day' and count > 1 else ''}"
    return f"in {text}" if ahead else f"{text} ago"


def when(value: datetime | str | None, now: datetime, empty: str = "—") -> Markup:
    """A <time> element: the relative text, the ISO moment in `datetime`, the exact local time in `title`
    (each value escaped; the templates print it as it is)."""
    if not value:
        return escape(empty)
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)  # the store's clock is UTC
    iso, local, shown = (escape(text) for text in (moment.isoformat(timespec="seconds"), exact(moment),
                                                    relative(moment, now)))
    return Markup(f'<time datetime="{iso}" title="{local}">{shown}</time>')
