"""Which database a target names, without SQLAlchemy for a file: the default path, one spelling per
database (its lock's name) and a SQLite target's file. A `check` reads these before the store's imports
finish (monitor/watching/early.py); only a URL target loads SQLAlchemy's URL parser."""
from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from ..errors import StoreError


def default_db() -> str:
    env = os.environ.get("POLICYWATCH_DB")
    if env:
        return env
    # The default folder is ours to make on first use (a fresh machine's `check`); a --db never is.
    return str(Path(platformdirs.user_data_dir("policywatch", ensure_exists=True)) / "policywatch.db")


def canonical_target(target: str) -> str:
    """One spelling per database: `/a/../b.db`, `b.db` and `sqlite:////abs/b.db` name one file (one lock)."""
    if "://" not in target:
        return "sqlite:///" + os.path.realpath(os.path.expanduser(target))
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(target)
    except ArgumentError as exc:
        raise StoreError(f"{target}: not a database URL ({exc})") from None
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return "sqlite:///" + os.path.realpath(os.path.expanduser(url.database))
    return url.set(password=None).render_as_string(hide_password=False)


def sqlite_path(target: str) -> Path | None:
    """The file of a SQLite target (a path or a sqlite:/// URL); None for a server database."""
    canonical = canonical_target(target)
    return Path(canonical.removeprefix("sqlite:///")) if canonical.startswith("sqlite:///") else None
