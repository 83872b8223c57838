"""Watch lists in TOML (policywatch.toml): what to check, when, and whom to tell."""
from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs
import tomli_w
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from snapshots import InputError

DEFAULT_SCHEDULE = "every 1d"
_INTERVAL = re.compile(r"^every\s+(\d+)\s*([smhd])$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}
WATCH_KEYS = {"name", "url", "kind", "schedule", "jitter", "tags", "ignore", "notify"}
SETTINGS_KEYS = {"db", "user_agent", "delay", "per_host", "robots", "timeout", "failures_before_alert", "notify",
                 "tag_notify", "digest_dir"}


@dataclass
class Watch:
    name: str
    url: str
    kind: str = "page"  # page | listing
    schedule: str = DEFAULT_SCHEDULE  # cron expression ("0 8 * * *") or "every 6h"
    jitter: int = 300  # seconds
    tags: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    notify: list[str] = field(default_factory=list)


@dataclass
class Settings:
    db: str = ""
    user_agent: str = ""
    delay: float = 1.0
    per_host: int = 2
    robots: bool = True
    timeout: float = 90.0
    failures_before_alert: int = 3
    notify: list[str] = field(default_factory=list)
    tag_notify: dict[str, list[str]] = field(default_factory=dict)  # tag -> Apprise URLs
    digest_dir: str = ""


@dataclass
class Config:
    path: Path
    settings: Settings = field(default_factory=Settings)
    watches: list[Watch] = field(default_factory=list)

    def selected(self, tags: tuple[str, ...] = ()) -> list[Watch]:
        return [w for w in self.watches if not tags or set(tags) & set(w.tags)]

    def save(self) -> None:
        """Write atomically: a crash mid-write never leaves half a config."""
        data: dict = {"settings": {k: v for k, v in asdict(self.settings).items() if v not in ("", [], {}, None)},
                      "watch": [{k: v for k, v in asdict(w).items() if v not in ("", [])} for w in self.watches]}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(self.path.suffix + ".tmp")
        tmp.write_bytes(tomli_w.dumps(data).encode("utf-8"))
        os.replace(tmp, self.path)


def default_path() -> Path:
    env = os.environ.get("POLICYWATCH_CONFIG")
    return Path(env) if env else Path(platformdirs.user_config_dir("policywatch")) / "policywatch.toml"


def trigger_for(schedule: str, jitter: int = 0) -> CronTrigger | IntervalTrigger:
    """APScheduler trigger for a cron expression or 'every N[s|m|h|d]'; InputError if neither."""
    schedule = schedule.strip()
    match = _INTERVAL.match(schedule)
    if match:
        amount = int(match.group(1))
        if amount <= 0:
            raise InputError(f"schedule {schedule!r}: the interval must be positive")
        return IntervalTrigger(**{_UNITS[match.group(2)]: amount}, jitter=jitter or None)
    try:
        return CronTrigger(**_cron_fields(schedule), timezone="Asia/Shanghai", jitter=jitter or None)
    except ValueError as exc:
        raise InputError(f"schedule {schedule!r}: not a cron expression or 'every N[smhd]' ({exc})") from None


def _cron_fields(schedule: str) -> dict[str, str]:
    parts = schedule.split()
    if len(parts) != 5:
        raise ValueError(f"wrong number of fields; got {len(parts)}, expected 5")
    return dict(zip(("minute", "hour", "day", "month", "day_of_week"), parts))


def validate_url(url: str, where: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"{where}: {url!r} is not an http(s) URL")


def validate_watch(watch: Watch, where: str) -> None:
    if not watch.name.strip():
        raise InputError(f"{where}: a watch needs a name")
    validate_url(watch.url, where)
    if watch.kind not in ("page", "listing"):
        raise InputError(f"{where}: kind {watch.kind!r} must be 'page' or 'listing'")
    try:
        trigger_for(watch.schedule)
    except InputError as exc:
        raise InputError(f"{where}: {exc}") from None
    for pattern in watch.ignore:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise InputError(f"{where}: ignore pattern {pattern!r}: {exc}") from None
    if not isinstance(watch.jitter, int) or watch.jitter < 0:
        raise InputError(f"{where}: jitter must be a whole number of seconds >= 0")


def _typed(cls: type, data: dict, where: str, allowed: set[str]):  # type: ignore[no-untyped-def]
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise InputError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(allowed))})")
    defaults = cls.__dataclass_fields__
    for key, value in data.items():
        expected = defaults[key].type
        ok = {"str": str, "int": int, "float": (int, float), "bool": bool, "list[str]": list}.get(str(expected))
        if ok and (not isinstance(value, ok) or (ok is int and isinstance(value, bool))):
            raise InputError(f"{where}: {key} should be {expected}, not {type(value).__name__}")
        if str(expected) == "list[str]" and not all(isinstance(v, str) for v in value):
            raise InputError(f"{where}: {key} should be a list of strings")
        if str(expected) == "dict[str, list[str]]" and not (
                isinstance(value, dict) and all(isinstance(v, list) and all(isinstance(u, str) for u in v)
                                                for v in value.values())):
            raise InputError(f"{where}: {key} should be a table of tag = [\"apprise-url\", ...]")
    missing = [name for name, f in defaults.items() if name not in data
               and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
    if missing:
        raise InputError(f"{where}: missing required key {missing[0]!r}")
    return cls(**data)


def load(path: Path | str | None = None, missing_ok: bool = True) -> Config:
    """Parse and validate; every problem is an InputError naming the file and the key."""
    path = Path(path) if path else default_path()
    if not path.exists():
        if missing_ok:
            return Config(path)
        raise InputError(f"{path}: no such config file")
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: malformed TOML ({exc})") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    unknown = sorted(set(data) - {"settings", "watch"})
    if unknown:
        raise InputError(f"{path}: unknown section {unknown[0]!r} (known: settings, watch)")
    settings = _typed(Settings, data.get("settings", {}), f"{path} [settings]", SETTINGS_KEYS)
    watches = []
    if not isinstance(data.get("watch", []), list):
        raise InputError(f"{path}: 'watch' must be an array of tables ([[watch]])")
    for n, raw in enumerate(data.get("watch", []), 1):
        where = f"{path} watch #{n}"
        watch = _typed(Watch, raw, where, WATCH_KEYS)
        validate_watch(watch, f"{where} ({watch.name})")
        watches.append(watch)
    names = [w.name for w in watches]
    duplicate = next((n for n in names if names.count(n) > 1), None)
    if duplicate:
        raise InputError(f"{path}: two watches are named {duplicate!r}")
    return Config(path, settings, watches)
