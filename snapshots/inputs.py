"""What a person names on the command line (or uploads to the web app), as a Document: a file (text, HTML,
PDF, Word, Excel, OFD), a URL fetched on the spot, or a stored version URL@N / URL@latest. Files are read
up to a size cap whatever they are (`/dev/zero` included), and each way one can be unusable is one line."""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..errors import FetchError, InputError
from .decode import looks_binary
from .document import Document
from .extract import extract
from .formats import sniff

if TYPE_CHECKING:
    from .fetch import FetchPolicy

MAX_INPUT_BYTES = 50 * 1024 * 1024
_STORED = re.compile(r"^(?P<url>https?://.+)@(?P<which>latest|-?\d{1,9})$")
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


def read_input_bytes(path: str | Path, cap: int = MAX_INPUT_BYTES) -> bytes:
    """At most `cap` bytes of a file; more is an error (checked by reading, so devices and pipes too)."""
    path = Path(path)
    try:
        if path.is_dir():
            raise InputError(f"{path}: is a directory, not a file")
        if path.is_file() and path.stat().st_size > cap:
            raise InputError(f"{path}: {path.stat().st_size / 1e6:.0f} MB is over the {cap // 2**20} MiB input limit")
        with open(path, "rb") as handle:
            data = handle.read(cap + 1)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    if len(data) > cap:
        raise InputError(f"{path}: more than the {cap // 2**20} MiB input limit")
    return data


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


def document_from_file(path: str | Path, data: bytes | None = None) -> Document:
    data = read_input_bytes(path) if data is None else data
    try:
        if sniff(data, "", str(path)) != "text":
            return extract(data, "", str(path), judge=False)[0]
        text = text_of(path, data)
        return extract(text.encode("utf-8"), "text/plain; charset=utf-8", "", judge=False)[0]
    except FetchError as error:
        raise InputError(f"{path}: {error.reason}") from None


def fetch_now(url: str, policy: FetchPolicy | None = None) -> Document:
    """Fetch and read a URL on the spot (nothing stored). A URL the person typed may be on an intranet;
    a public one may not redirect into one."""
    import asyncio

    from .addresses import AddressGuard
    from .fetch import Fetcher, FetchPolicy

    policy = policy or FetchPolicy(min_delay=0, retries=1)
    host = urlsplit(url).hostname or ""
    policy.allow_private = policy.allow_private or AddressGuard().is_internal_host(host)

    async def run() -> Document:
        async with Fetcher(policy) as fetcher:
            fetched = await fetcher.fetch(url)
            return extract(fetched.content, fetched.content_type, fetched.final_url)[0]
    try:
        return asyncio.run(run())
    except FetchError as error:
        raise InputError(f"{error} [{error.kind}]") from None


def stored_version(spec: str) -> tuple[str, int | None] | None:
    """URL@N or URL@latest as (URL, N or None for the latest); None when SPEC names no stored version."""
    stored = _STORED.match(spec)
    if stored is None:
        return None
    which = stored.group("which")
    return stored.group("url"), None if which == "latest" else int(which)


def load_document(spec: str, db: str | None = None) -> Document:
    """FILE, URL (fetched now) or URL@N / URL@latest (a stored version). What a reader's caps left out is in
    the document's `warnings`: saying it is the caller's (the command prints it, the web app shows it)."""
    stored = stored_version(spec)
    if stored:
        from .store import Store

        store = Store(db, create=False)
        try:
            return store.version(*stored).document
        finally:
            store.close()
    if _URL.match(spec):
        from .addresses import check_url

        try:
            check_url(spec)
        except FetchError as error:
            raise InputError(f"{spec}: {error.reason}") from None
        return fetch_now(spec)
    return document_from_file(spec)
