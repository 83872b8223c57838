"""fetch -> extract -> store for one URL: the unit of work of `snapshot` and of every monitor check.
Whatever goes wrong with one page (the server, the bytes, a parser, an ignore pattern) becomes that
page's logged error, never an exception that stops the others."""
from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from ..errors import FetchError, PolicywatchError, one_line
from ..text.ignore import Ignore
from ..text.normal import version_key
from . import images
from .document import Document
from .extract import extract
from .fetch import Fetched, Fetcher
from .records import Outcome, PageState, Record, Version, Within
from .store import Store


@dataclass
class Target:
    """What to check, and how to read it."""

    url: str
    reader: str = "page"  # a name in extract.READERS
    ignore: Ignore | None = None
    found_on: str = ""
    title_hint: str = ""  # a listed title, for a document that names none (a PDF)
    headers: dict[str, str] | None = None  # the watch's own request headers
    scope: tuple[str, str] = ("", "")  # the watch's (select, exclude) CSS selectors


def key_of(document: Document, ignore: Ignore | None = None) -> str:
    return version_key(document.full_text(), ignore)


async def snapshot(fetcher: Fetcher, store: Store, target: Target, state: PageState | None = None,
                   within: Within | None = None, quiet: bool = False, lookup: bool = True) -> Outcome:
    """Check one URL and record the result; an error is logged, never stored as a version. `state`: the
    page's state read up front by a pass (Store.page_states); without it (and with `lookup`), one query.
    `within` runs in the transaction of every write; with `quiet`, an unchanged page (a 304, or the same
    key) is only logged, in a batch, and `within` is not called for it. The page's body images are
    fetched with it (images.py): their digests are part of its text, even when the page is a 304."""
    started = time.monotonic()
    url = target.url
    if state is None and lookup:
        etag, last_modified, seen_text = await asyncio.to_thread(store.validators, url)
    else:
        etag, last_modified, seen_text = (state.etag, state.last_modified, state.images) if state else ("", "", "{}")
    before = images.decode(seen_text)
    try:
        fetched = await fetcher.fetch(url, etag, last_modified, target.headers)
        if fetched.not_modified:
            seen, latest = await _recheck(fetcher, store, url, before, target.headers)
            looked = images.encode(seen) if seen is not None else None
            if latest is None:
                if state is not None and (quiet or within is None):
                    return await _unchanged(store, url, state, time.monotonic() - started, looked=looked)
                return await asyncio.to_thread(store.unchanged, url, time.monotonic() - started, within,
                                               fetched.etag or etag, fetched.last_modified or last_modified, looked)
            document, encoding = images.stamped(latest.document, seen or {}), latest.encoding
            fetched = Fetched(url, url, latest.http_status, await asyncio.to_thread(store.raw, latest),
                              latest.content_type, fetched.etag or etag, fetched.last_modified or last_modified)
        else:
            document, encoding = await asyncio.to_thread(extract, fetched.content, fetched.content_type,
                                                         fetched.final_url, target.reader, target.title_hint,
                                                         scope=target.scope)
            seen = await images.fingerprint(
                fetcher, images.targets(document, fetched.final_url, fetcher.policy.max_images), before or {},
                images.headers_for(fetched.final_url, target.headers))
            document, looked = images.stamped(document, seen), images.encode(seen)
        key = key_of(document, target.ignore)
    except FetchError as error:
        return await _failed(store, target, error.kind, error.reason, started, within)
    except PolicywatchError as error:
        return await _failed(store, target, error.kind, one_line(error), started, within)
    except Exception as exc:  # noqa: BLE001 (one page's surprise is that page's error, never the pass's)
        return await _failed(store, target, "internal", f"{exc.__class__.__name__}: {one_line(exc, 200)}",
                             started, within)
    if state is not None and state.key == key and (quiet or within is None):
        return await _unchanged(store, url, state, time.monotonic() - started, fetched, looked)
    # What fills a latest version's missing digests: those the last check saw, else this one's.
    fill = {src: s for known in (seen or {}, before or {}) for src, s in known.items() if s.digest}
    record = Record(url=url, content=fetched.content, document=document, key=key, status=fetched.status,
                    content_type=fetched.content_type, encoding=encoding, etag=fetched.etag,
                    last_modified=fetched.last_modified, found_on=target.found_on,
                    duration=time.monotonic() - started, images=looked)
    return await asyncio.to_thread(store.save, record, within, lambda doc: key_of(doc, target.ignore),
                                   lambda raw, content_type, url: _reread(raw, content_type, url, target),
                                   (lambda latest: images.filled(latest, fill)) if fill else None)


async def _recheck(fetcher: Fetcher, store: Store, url: str, before: images.Images | None,
                   headers: dict[str, str] | None) -> tuple[images.Images | None, Version | None]:
    """A 304 page's images, whose bytes may have changed under the same src: (what is seen of them now,
    None when the page has none; the latest version, when a digest differs from what was seen, else
    None). Images never seen (stored before digests) are read off the latest version, and so are the
    images to ask for when more were seen than `max_images` now allows (the first in the page's order,
    as a 200 asks for; the others keep their digests, unasked)."""
    limit = fetcher.policy.max_images
    if before == {} or limit == 0:
        return None, None  # the page shows no images, or none are fetched: a 304 costs nothing more
    asked = images.headers_for(url, headers)
    latest: Version | None = None
    if before is not None and len(before) <= limit:
        wanted = {src: s.url for src, s in before.items()}
    else:
        try:
            latest = await asyncio.to_thread(store.version, url)
        except PolicywatchError:
            return None, None  # nothing stored to compare with: the page's next 200 reads them
        wanted = images.targets(latest.document, url, limit)
    seen = await images.fingerprint(fetcher, wanted, before or {}, asked)
    if before is not None and _digests(seen) == _digests(before):
        return seen, None
    if before is None and not any(s.digest for s in seen.values()):
        return seen, None
    if latest is None:
        try:
            latest = await asyncio.to_thread(store.version, url)
        except PolicywatchError:
            return None, None
    return seen, latest


def _digests(seen: images.Images) -> dict[str, str]:
    return {src: s.digest for src, s in seen.items()}


def _reread(content: bytes, content_type: str, url: str, target: Target) -> Document:
    """A stored version's bytes read as this check reads the page (after a cleaner upgrade)."""
    return extract(content, content_type, url, target.reader, target.title_hint, judge=False, scope=target.scope)[0]


async def _unchanged(store: Store, url: str, state: PageState, duration: float,
                     fetched: Fetched | None = None, looked: str | None = None) -> Outcome:
    outcome = store.note_unchanged(url, state, duration, fetched.etag if fetched else None,
                                   fetched.last_modified if fetched else None, looked)
    if store.backlog >= store.batch:
        await asyncio.to_thread(store.flush)
    return outcome


async def _failed(store: Store, target: Target, kind: str, message: str, started: float,
                  within: Within | None) -> Outcome:
    return await asyncio.to_thread(store.fail, target.url, kind, message, time.monotonic() - started,
                                   target.found_on, within)
