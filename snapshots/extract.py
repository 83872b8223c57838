"""Bytes to a Document, whatever they came from (a fetch, a stored version, a file): the one place that
decides what the bytes are (PDF, Word, spreadsheet, HTML, text, a listing, a catalogue's JSON), decodes
them like a browser, refuses error pages served as 200, and cleans what is left. Snapshot, reclean and
file inputs all go through `extract`."""
from __future__ import annotations

from collections.abc import Callable

from ..errors import FetchError
from ..text.normal import visible
from .decode import decode, looks_binary
from .document import CLEANER_VERSION, Document
from .formats import sniff

Reader = Callable[[str, str], Document]


def _page(text: str, url: str) -> Document:
    from .clean import clean

    return clean(text, url)


def _listing(text: str, url: str) -> Document:
    from .listing import listing_document

    return listing_document(text, url)


def _catalogue(text: str, url: str) -> Document:
    from .catalogue import catalogue_document

    return catalogue_document(text, url)


# How the text of a page is read, by name: a watch kind names its reader.
READERS: dict[str, Reader] = {"page": _page, "listing": _listing, "catalogue": _catalogue}
_JUDGED = ("page", "listing")  # HTML readers: an error page served as 200 is refused before reading


def extract(content: bytes, content_type: str = "", url: str = "", reader: str = "page",
            title_hint: str = "", judge: bool = True, scope: tuple[str, str] = ("", "")) -> tuple[Document, str]:
    """(document, encoding) of some bytes; a FetchError when they hold no usable document. `judge`:
    refuse error pages served as 200 (for HTTP answers; a file given by a person is what it is).
    `scope`: a watch's (select, exclude) CSS selectors, for an HTML page or listing."""
    kind = sniff(content, content_type, url)
    if kind != "text":
        from .confined import office_document

        document, encoding = office_document(kind, content, url), ""
    else:
        if looks_binary(content):
            raise FetchError("binary", f"binary bytes labelled {content_type or 'nothing'}", url)
        text, encoding = decode(content, content_type)
        if judge and reader in _JUDGED:
            from .verdict import check_page  # here: a file read is never judged

            check_page(text, url)
        if reader not in READERS:
            raise FetchError("internal", f"no reader named {reader!r}", url)
        if any(scope) and reader in _JUDGED:
            from .scope import scoped

            text = scoped(text, *scope)
        document = READERS[reader](text, url)
    document = sanitized(document)
    document.cleaner_version = CLEANER_VERSION
    document.title = document.title or visible(title_hint)
    if not document.text().strip() and not document.attachments:
        what = "document links" if reader != "page" else "body text"
        raise FetchError("empty", f"no {what} found", url)
    return document, encoding


def sanitized(document: Document) -> Document:
    """Control and invisible characters out of every field (readers that parse their own text, such as
    office files and catalogues' JSON, end here too): they break XML feeds, HTML and terminals
    downstream, and an invisible one would make an edit no reader sees."""
    for name in ("title", "source", "published", "publisher", "number", "identifier", "written"):
        setattr(document, name, visible(getattr(document, name)))
    document.section = [visible(s) for s in document.section]
    document.body = [visible(b) if isinstance(b, str) else [[visible(c) for c in row] for row in b]
                     for b in document.body]
    for attachment in document.attachments:
        attachment.title = visible(attachment.title)
        attachment.url = visible(attachment.url)
    return document
