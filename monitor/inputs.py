"""Resolve what a user names on the command line (file, URL, URL@N) into a Document."""
from __future__ import annotations

import asyncio
import re
from pathlib import Path

from snapshots import Document, FetchError, Fetcher, FetchPolicy, InputError, Store
from snapshots.snapshot import document_from
from snapshots.decode import looks_binary
from snapshots.fetch import check_url

MAX_INPUT_BYTES = 50 * 1024 * 1024
_STORED = re.compile(r"^(?P<url>https?://.+)@(?P<which>latest|-?\d+)$")


def read_input_bytes(path: str | Path) -> bytes:
    """The bytes of an input file, with a one-line error for every way it can be unusable."""
    path = Path(path)
    try:
        if path.is_dir():
            raise InputError(f"{path}: is a directory, not a file")
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(f"{path}: {size / 1e6:.0f} MB is over the {MAX_INPUT_BYTES // 2**20} MiB input limit")
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None


def text_of(path: str | Path, data: bytes) -> str:
    """A text or HTML file as str: UTF-8 (BOM allowed) or GB18030; anything else is refused."""
    if looks_binary(data):
        raise InputError(f"{path}: binary file, not text or HTML")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{path}: not UTF-8 or GB18030 text")


def fetch_now(url: str, policy: FetchPolicy | None = None) -> Document:
    """Fetch and clean a URL on the spot (nothing stored)."""
    async def run() -> Document:
        async with Fetcher(policy or FetchPolicy(min_delay=0, retries=1)) as fetcher:
            response = await fetcher.fetch(url)
            return document_from(response.content, response.content_type, url, response.text or None)
    try:
        return asyncio.run(run())
    except FetchError as error:
        raise InputError(f"{error} [{error.kind}]") from None


def load_document(spec: str, db: str | None = None) -> Document:
    """FILE, URL (fetched now) or URL@N / URL@latest (a stored version)."""
    stored = _STORED.match(spec)
    if stored:
        which = stored.group("which")
        store = Store(db, create=False)
        try:
            return store.version(stored.group("url"), None if which == "latest" else int(which)).document
        finally:
            store.close()
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", spec):
        try:
            check_url(spec)
        except FetchError:
            raise InputError(f"{spec}: not an http(s) URL") from None
        return fetch_now(spec)
    data = read_input_bytes(spec)
    if data.startswith(b"%PDF-"):
        try:
            return document_from(data, "application/pdf", spec)
        except FetchError as error:
            raise InputError(f"{spec}: {error}") from None
    return document_from(data, "text/plain", "", text_of(spec, data))
