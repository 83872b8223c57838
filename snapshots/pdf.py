"""PDF attachments: keep the bytes, extract text with pypdf so a PDF diffs like a page."""
from __future__ import annotations

import io
import re

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from .document import Document
from .errors import FetchError

_END = re.compile(r"[。！？；：:.!?;]$|^\s*$")
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d+[.、．]|第[一二三四五六七八九十百]+[章条节])")


def pdf_document(content: bytes, url: str = "", cleaner_version: str = "") -> Document:
    """Lines wrapped by the PDF's layout are rejoined into paragraphs (a line that does not end a
    sentence continues into the next, unless the next opens a numbered heading)."""
    try:
        reader = PdfReader(io.BytesIO(content))
        pages = [page.extract_text() or "" for page in reader.pages]
        info: dict = dict(reader.metadata or {})
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise FetchError("binary", f"unreadable PDF ({exc.__class__.__name__})", url) from None
    paragraphs: list[str] = []
    current = ""
    for line in "\n".join(pages).splitlines():
        line = line.strip()
        if not line:
            continue
        if current and (_HEADING.match(line) or _END.search(current)):
            paragraphs.append(current)
            current = ""
        current = f"{current} {line}" if current and current[-1:].isascii() and line[:1].isascii() else current + line
    if current:
        paragraphs.append(current)
    title = str(info.get("/Title") or "").strip() or (paragraphs[0] if paragraphs and len(paragraphs[0]) <= 80 else "")
    if paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    return Document(title=title, body=list(paragraphs), url=url, cleaner_version=cleaner_version)
