"""The digest as files: latest.md/.html/.json, the Atom feed of the last 30 days, and one HTML redline
per change. Every file is written whole or not at all (temporary file, then rename); a folder that
cannot be written is a DeliveryError, and the events stay in the outbox for the next pass."""
from __future__ import annotations

import hashlib
from pathlib import Path

from ...errors import DeliveryError
from ...snapshots import Store
from ...snapshots.targets import sqlite_path
from ..files import write_atomically
from ..render import extension, formats, render
from ..render.diff_formats import redline
from ..render.templating import environment
from ..watching.watchlist import Config
from .digest import Digest

# Every digest format but the feed, which has a file (and a window of 30 days) of its own.
DIGEST_FORMATS = tuple(name for name in formats("digest") if name != "atom")


def output_dir(config: Config, store: Store) -> Path:
    """Where digests, the Atom feed and redlines are written."""
    if config.settings.digest_dir:
        return Path(config.settings.digest_dir).expanduser()
    path = sqlite_path(store.target)
    return (path.parent if path is not None else Path.cwd()) / "policywatch-digests"


def prepare() -> None:
    """What publishing loads and compiles on first use (Jinja2, the templates a digest is made of, feedgen):
    a pass with news has this done in a thread while it still fetches, so that delivering only renders.
    Neither the differ nor the redline's template: the analysis child works out the changes and renders
    their redlines (a change it did not analyse has them loaded at delivery)."""
    from feedgen.feed import FeedGenerator  # noqa: F401

    for name in ("digest.html", "_page.html", "_style.html"):
        environment().get_template(name)


def write_file(path: Path, text: str) -> None:
    try:
        write_atomically(path, text)
    except OSError as exc:
        raise DeliveryError(f"{path}: cannot write the digest ({exc.strerror or exc})") from None


def publish(folder: Path, digest: Digest, feed: Digest) -> Path:
    """Write redlines, the latest digest in every format, and the feed; return the HTML digest's path."""
    try:
        (folder / "redlines").mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DeliveryError(f"{folder}: cannot create the digest folder ({exc.strerror or exc})") from None
    for entry in digest.entries:
        page = entry.redline_html or (redline(entry.change, entry.labels) if entry.change is not None else "")
        if page:
            name = f"{hashlib.sha1(entry.url.encode()).hexdigest()[:10]}-v{entry.version}.html"
            write_file(folder / "redlines" / name, page)
            entry.redline = str(folder / "redlines" / name)
    for fmt in DIGEST_FORMATS:
        write_file(folder / f"latest{extension('digest', fmt)}", render("digest", fmt, digest))
    write_file(folder / "feed.atom", render("digest", "atom", feed))
    return folder / "latest.html"
