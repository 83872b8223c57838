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
from .document import Document
from .extract import extract
from .fetch import Fetched, Fetcher
from .records import Outcome, PageState, Record, Within
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
    key) is only logged, in a batch, and `within` is not called for it."""
    started = time.monotonic()
    url = target.url
    if state is None and lookup:
        etag, last_modified = await asyncio.to_thread(store.validators, url)
    else:
        etag, last_modified = (state.etag, state.last_modified) if state else ("", "")
    try:
        fetched = await fetcher.fetch(url, etag, last_modified, target.headers)
        if fetched.not_modified:
            if state is not None and (quiet or within is None):
                return await _unchanged(store, url, state, time.monotonic() - started)
            return await asyncio.to_thread(store.unchanged, url, time.monotonic() - started, within,
                                           fetched.etag or etag, fetched.last_modified or last_modified)
        document, encoding = await asyncio.to_thread(extract, fetched.content, fetched.content_type,
                                                     fetched.final_url, target.reader, target.title_hint,
                                                     scope=target.scope)
        key = key_of(document, target.ignore)
    except FetchError as error:
        return await _failed(store, target, error.kind, error.reason, started, within)
    except PolicywatchError as error:
        return await _failed(store, target, error.kind, one_line(error), started, within)
    except Exception as exc:  # noqa: BLE001 (one page's surprise is that page's error, never the pass's)
        return await _failed(store, target, "internal", f"{exc.__class__.__name__}: {one_line(exc, 200)}",
                             started, within)
    if state is not None and state.key == key and (quiet or within is None):
        return await _unchanged(store, url, state, time.monotonic() - started, fetched)
    record = Record(url=url, content=fetched.content, document=document, key=key, status=fetched.status,
                    content_type=fetched.content_type, encoding=encoding, etag=fetched.etag,
                    last_modified=fetched.last_modified, found_on=target.found_on,
                    duration=time.monotonic() - started)
    return await asyncio.to_thread(store.save, record, within, lambda doc: key_of(doc, target.ignore),
                                   lambda raw, content_type, url: _reread(raw, content_type, url, target))


def _reread(content: bytes, content_type: str, url: str, target: Target) -> tuple[Document, str]:
    """A stored version's bytes read as this check reads the page (after a cleaner upgrade)."""
    document = extract(content, content_type, url, target.reader, target.title_hint, judge=False,
                       scope=target.scope)[0]
    return document, key_of(document, target.ignore)


async def _unchanged(store: Store, url: str, state: PageState, duration: float,
                     fetched: Fetched | None = None) -> Outcome:
    outcome = store.note_unchanged(url, state, duration, fetched.etag if fetched else None,
                                   fetched.last_modified if fetched else None)
    if store.backlog >= store.batch:
        await asyncio.to_thread(store.flush)
    return outcome


async def _failed(store: Store, target: Target, kind: str, message: str, started: float,
                  within: Within | None) -> Outcome:
    return await asyncio.to_thread(store.fail, target.url, kind, message, time.monotonic() - started,
                                   target.found_on, within)
