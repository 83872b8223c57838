"""The watch list as values: what to check, when, and whom to tell (read from policywatch.toml by config.py,
which checks every value; nothing here reads a file)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ...errors import ConfigError
from .schedule import DEFAULT_SCHEDULE


@dataclass
class Watch:
    name: str
    url: str
    kind: str = "page"  # a name in monitor.kinds.KINDS
    schedule: str = DEFAULT_SCHEDULE  # crontab line ("0 8 * * 1-5") or "every 6h"
    jitter: int = 300  # seconds (at most a tenth of the schedule's period is used)
    tags: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    notify: list[str] = field(default_factory=list)
    paused: bool = False
    # Hosts whose documents a listing follows ("stic.sz.gov.cn", "*.sz.gov.cn"); empty: the listing's site
    # family (its registrable domain).
    follow_hosts: list[str] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)  # sent with each request of the watch (Referer, ...)
    select: str = ""  # CSS: the part of the watched page (or listing) that counts
    exclude: str = ""  # CSS: parts of it that never count
    keywords: list[str] = field(default_factory=list)  # regular expressions news must match (filters.py)
    match: str = "any"  # any | all of the keywords


# Keys the web app's form does not show: an edit there keeps the file's values.
FILE_ONLY = ("jitter", "follow_hosts", "headers", "select", "exclude", "keywords", "match")


@dataclass
class Settings:
    db: str = ""
    user_agent: str = ""  # "browser": a desktop browser's (sites that refuse other clients)
    delay: float = 1.0
    per_host: int = 2
    robots: bool = True
    timeout: float = 90.0
    failures_before_alert: int = 3
    notify: list[str] = field(default_factory=list)
    retry_backoff: float = 300.0  # seconds before a failed notification is tried again, doubled each failure
    give_up_after: float = 72.0  # hours a notification may stay undelivered before it is given up, loudly
    tag_notify: dict[str, list[str]] = field(default_factory=dict)  # tag -> Apprise URLs
    digest_dir: str = ""
    # Internal addresses a watch may reach or be redirected to (intranet use): true (all but link-local and
    # cloud metadata), or a list of networks and host names: ["10.1.2.0/24", "intranet.example"].
    allow_private: bool | list[str] = False
    revisit_budget: int = 500  # requests per host per day for re-checking listed documents
    max_documents: int = 1000  # documents tracked per listing (the newest)
    max_images: int = 10  # body images of a page whose bytes are fetched (a swapped chart is a change); 0: none
    image_bytes: int = 4 * 1024 * 1024  # per image; a larger one's bytes stay unknown (never a false change)
    image_timeout: float = 20.0  # seconds for one image (at most `timeout`), so a slow chart cannot hold a pass
    # The web app (`policywatch serve`): a password for the forms (plain, or a scrypt$ hash from
    # `policywatch serve --hash-password`; POLICYWATCH_WEB_PASSWORD wins), a token for the JSON API's writes
    # (POLICYWATCH_WEB_TOKEN wins), whether reading needs a login, and the Atom feed's own read token.
    stalled_after: float = 60.0  # distributed mode: seconds without a worker's heartbeat before its jobs rerun
    web_password: str = ""
    web_token: str = ""
    web_read_open: bool = True
    feed_token: str = ""
    web_hosts: list[str] = field(default_factory=list)  # Host names the web app answers besides loopback


@dataclass
class Config:
    path: Path
    settings: Settings = field(default_factory=Settings)
    watches: list[Watch] = field(default_factory=list)

    def selected(self, tags: tuple[str, ...] = (), names: tuple[str, ...] = ()) -> list[Watch]:
        return [w for w in self.watches if (not tags or set(tags) & set(w.tags)) and (not names or w.name in names)
                and not (w.paused and not names)]

    def watch(self, name: str) -> Watch:
        for watch in self.watches:
            if watch.name == name:
                return watch
        raise ConfigError(f"{self.path}: no watch named {name!r}")

    def targets(self) -> list[str]:
        """Every notification URL the file names."""
        out = list(self.settings.notify) + [t for ts in self.settings.tag_notify.values() for t in ts]
        return list(dict.fromkeys(out + [t for w in self.watches for t in w.notify]))
