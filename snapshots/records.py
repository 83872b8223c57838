"""What the store takes in and hands out, as values: a fetch to keep (Record), what a check did (Outcome),
stored versions and timeline entries, and what a conditional check needs of a page (PageState)."""
from __future__ import annotations

import json
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Connection

from .document import Document


@dataclass
class Version:
    """A stored version, without its raw bytes (load those with Store.raw)."""

    id: int
    url: str
    seq: int
    fetched_at: datetime
    http_status: int
    content_type: str
    encoding: str
    raw_sha256: str
    cleaner_version: str
    key: str
    document: Document


@dataclass(frozen=True)
class Entry:
    """A version as a timeline lists it (no document)."""

    id: int
    seq: int
    fetched_at: datetime
    size: int  # characters of text
    http_status: int


@dataclass(frozen=True)
class PageRow:
    """A stored page as a list of pages shows it."""

    url: str
    found_on: str
    versions: int
    changed: datetime | None


@dataclass
class Record:
    """One successful fetch to keep: the raw bytes, the document read from them and its version key."""

    url: str
    content: bytes
    document: Document
    key: str
    status: int = 200
    content_type: str = ""
    encoding: str = ""
    etag: str = ""
    last_modified: str = ""
    found_on: str = ""
    duration: float = 0.0
    images: str | None = None  # what was seen of its images (pages.images), None: not looked at


@dataclass
class Outcome:
    """What one check did to the store. Versions are loaded only for a new version (it and the one
    before it, which a digest diffs); an unchanged or failed check carries just the latest number."""

    url: str
    outcome: str  # new | unchanged | error
    page_id: int = 0
    version: Version | None = None
    previous: Version | None = None
    error_kind: str = ""
    message: str = ""
    seq: int = 0  # latest stored version number after this check (0: none yet)


@dataclass(frozen=True)
class PageState:
    """What a conditional check needs of a known page; read for every page in one query per pass."""

    page_id: int
    etag: str
    last_modified: str
    seq: int  # latest version number, 0 if none
    version_id: int | None
    key: str  # the latest version's key ('' if none, or if made by another key version)
    images: str = "?"  # what was seen of its images (snapshots/images.py)


Within = Callable[[Connection, Outcome], None]  # more writes, in the same transaction as a check's
Rekey = Callable[[Document], str]  # the key of a stored document, for keys of another KEY_VERSION
# (raw bytes, content type, url) -> the document with this release's cleaner, for a version cleaned by another
Reextract = Callable[[bytes, str, str], Document]
# the latest stored document as this check would have recorded it (what it did not know filled in), or None
Amend = Callable[[Document], Document | None]


def pack(doc: Document) -> bytes:
    return zlib.compress(doc.to_json().encode("utf-8", "surrogatepass"), 6)


def unpack(data: bytes) -> Document:
    return Document.from_dict(json.loads(zlib.decompress(data)))
