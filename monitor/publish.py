"""After a pass: the digest written to files (latest.md/.html/.json, the Atom feed, redlines) and sent."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from snapshots import Store

from .check import CheckReport
from .config import Config
from .digest import Digest, from_report, since
from .notify import Delivery, send
from .render import render

FEED_DAYS = 30


def output_dir(config: Config, store: Store) -> Path:
    """Where digests, the Atom feed and redlines are written."""
    if config.settings.digest_dir:
        return Path(config.settings.digest_dir).expanduser()
    base = Path(store.target).parent if "://" not in store.target else Path.cwd()
    return base / "policywatch-digests"


def publish(config: Config, store: Store, digest: Digest) -> Path:
    """Write the latest digest (md, html, json) and refresh the Atom feed; return the HTML path."""
    folder = output_dir(config, store)
    folder.mkdir(parents=True, exist_ok=True)
    for fmt in ("md", "html", "json"):
        (folder / f"latest.{fmt}").write_text(render("digest", fmt, digest), encoding="utf-8")
    names = {w.url: w.name for w in config.watches}
    # The feed keeps 30 days: this run's entries in full, earlier ones by headline (no re-diffing).
    feed = since(store, datetime.now(timezone.utc) - timedelta(days=FEED_DAYS), None, names, detail=False)
    fresh = {(e.url, e.version) for e in digest.entries}
    feed.entries = [e for e in feed.entries if (e.url, e.version) not in fresh] + digest.entries
    (folder / "feed.atom").write_text(render("digest", "atom", feed), encoding="utf-8")
    return folder / "latest.html"


def deliver(config: Config, store: Store, report: CheckReport, notify: bool = True
            ) -> tuple[Digest, list[Delivery]]:
    """The pass's digest, written and (unless told not to) sent; nothing at all when nothing is new."""
    digest = from_report(store, report, output_dir(config, store) / "redlines")
    if digest.empty:
        return digest, []
    publish(config, store, digest)
    return digest, (send(config, digest) if notify else [])
