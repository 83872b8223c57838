"""Stored versions brought up to this release in place, so an upgrade never looks like a change: re-cleaned
from their raw bytes (a check's latest version, or every version at `reclean`), or filled in with what
they did not know (their images' digests), each keeping the image digests it knew."""
from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import replace
from types import SimpleNamespace
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from ..text import pictures
from . import textindex
from .database import Database
from .document import Document
from .records import Amend, Reextract, Rekey, pack, unpack
from .schema import KEY_VERSION, blobs, pages, versions


def recleaned(conn: Connection, latest: Any, url: str, reextract: Reextract, rekey: Rekey) -> Any:
    """The latest version re-read from its raw bytes by this release's cleaner and updated in place;
    as it was if its bytes no longer read (then the check compares against the old text)."""
    data = conn.execute(select(blobs.c.data).where(blobs.c.sha256 == latest.raw_sha256)).scalar_one()
    try:
        doc, key = carried(latest.document, reextract(zlib.decompress(data), latest.content_type, url), rekey)
    except Exception:  # noqa: BLE001 (any failure to re-read keeps the stored version as it is)
        return latest
    return _rewritten(conn, latest, doc, key)


def amended(conn: Connection, latest: Any, amend: Amend, rekey: Rekey) -> Any:
    """The latest version with what `amend` fills in, updated in place; as it was if nothing is."""
    doc = amend(unpack(latest.document))
    return latest if doc is None else _rewritten(conn, latest, doc, rekey(doc))


def _rewritten(conn: Connection, latest: Any, doc: Document, key: str) -> Any:
    """The latest version's document and key replaced in place (the search index with them)."""
    packed = pack(doc)
    conn.execute(update(versions).where(versions.c.id == latest.id).values(
        document=packed, cleaner_version=doc.cleaner_version, text_hash=key, key_version=KEY_VERSION,
        size=len(doc.full_text())))
    textindex.replace(conn, latest.id, doc)
    return SimpleNamespace(id=latest.id, seq=latest.seq, text_hash=key, key_version=KEY_VERSION, document=packed)


def carried(stored: bytes, doc: Document, rekey: Rekey) -> tuple[Document, str]:
    """A re-read document with the image digests its stored version knew, and its key: raw bytes are
    the page's alone, never its images', so a reclean would otherwise lose every digest (and report a
    change to the next check). An unreadable stored document has nothing to carry."""
    try:
        digests = pictures.known(unpack(stored).body)
    except Exception:  # noqa: BLE001 (a stored document that no longer reads is why it is re-read)
        digests = {}
    if digests:
        doc = replace(doc, body=[pictures.carried(b, digests) if isinstance(b, str) else b for b in doc.body])
    return doc, rekey(doc)


class Upgrades(Database):
    """Re-cleaning the whole store (`policywatch reclean`)."""

    def reclean(self, extractor: Callable[[bytes, str, str], tuple[Document, Rekey] | None],
                version_label: str) -> int:
        """Re-run a newer extractor over stored raw bytes in place (no refetch). The extractor returns the
        document and how its page keys a document (with the page's ignore patterns), so the key means
        what a check's key means, or None to keep a version as it is. Each version keeps the image
        digests it knew (carried). Returns the number of versions updated."""
        query = (select(versions.c.id, versions.c.content_type, versions.c.document, blobs.c.data, pages.c.url)
                 .join(pages, pages.c.id == versions.c.page_id).join(blobs, blobs.c.sha256 == versions.c.raw_sha256)
                 .where((versions.c.cleaner_version != version_label) | (versions.c.key_version != KEY_VERSION)))
        with self.engine.connect() as conn:
            ids = [r.id for r in conn.execute(query.with_only_columns(versions.c.id))]
        updated = 0
        for version_id in ids:  # one at a time: the stored documents may not be readable (that is why)
            with self.engine.connect() as conn:
                old = conn.execute(query.where(versions.c.id == version_id)).one()
            found = extractor(zlib.decompress(old.data), old.content_type, old.url)
            if found is None:
                continue
            doc, key = carried(old.document, *found)
            updated += 1
            with self._tx() as conn:
                conn.execute(update(versions).where(versions.c.id == old.id).values(
                    document=pack(doc), cleaner_version=version_label, text_hash=key, key_version=KEY_VERSION,
                    size=len(doc.full_text())))
                textindex.replace(conn, old.id, doc)
        return updated
