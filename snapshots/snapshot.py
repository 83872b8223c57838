"""fetch -> clean -> store for one URL: the unit of work of `snapshot` and of every monitor check."""
from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Mapping

from .document import Document
from .errors import FetchError
from .fetch import Fetcher, Response
from .store import UNCHANGED_BATCH, Outcome, PageState, Store


def document_from(content: bytes, content_type: str, url: str, text: str | None = None) -> Document:
    """Clean document of a response body (HTML, text or PDF); also what `reclean` re-runs."""
    from .clean import CLEANER_VERSION, clean
    from .decode import decode
    from .fetch import is_pdf

    if is_pdf(content, content_type):
        from .pdf import pdf_document  # pypdf costs 60 ms to import: only when a PDF comes

        return pdf_document(content, url, CLEANER_VERSION)
    if text is None:
        text = decode(content, content_type)[0]
    return clean(text, url)


async def snapshot(fetcher: Fetcher, store: Store, url: str, found_on: str = "",
                   ignore: re.Pattern[str] | None = None, listing: bool = False,
                   states: Mapping[str, PageState] | None = None,
                   title_hint: str = "") -> tuple[Outcome, Response | None]:
    """Check one URL (a page, or a listing's links) and record the result; an error is logged,
    never stored as a version. `states`: every page's state read up front by a pass (Store.page_states)."""
    started = time.monotonic()
    # Store calls run in a worker thread: SQLite work must not stall the other fetches' I/O.
    if states is None:
        etag, last_modified = await asyncio.to_thread(store.validators, url)
        state = None
    else:
        state = states.get(url)
        etag, last_modified = (state.etag, state.last_modified) if state else ("", "")
    try:
        response = await fetcher.fetch(url, etag, last_modified)
        if response.not_modified and state is not None and not state.failures:
            outcome = store.record_unchanged(url, state, time.monotonic() - started)
            if store.backlog >= UNCHANGED_BATCH:
                await asyncio.to_thread(store.flush)
            return outcome, response
        if response.not_modified:
            document = None
        elif listing:
            from .listing import listing_document

            document = listing_document(response.text, response.final_url)
            if not document.body:
                raise FetchError("empty", "no document links found on the listing page", url)
        else:
            document = document_from(response.content, response.content_type, url, response.text or None)
            if not document.text().strip():
                raise FetchError("empty", "no body text found on the page", url)
            document.title = document.title or title_hint  # e.g. a PDF without a title, named by its listing
    except FetchError as error:
        message = str(error).removeprefix(f"{url}: ")
        return await asyncio.to_thread(store.record, url, None, None, (error.kind, message),
                                       time.monotonic() - started, found_on), None
    return await asyncio.to_thread(store.record, url, response, document, None, time.monotonic() - started,
                                   found_on, ignore), response
