"""What a body is, by its bytes first (magic numbers), then by its label and file name: a server that
calls a Word file text/html, or a PDF application/octet-stream, is common on government sites."""
from __future__ import annotations

import io
import re
import struct
from urllib.parse import urlsplit

from ..errors import FetchError

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END_OF_DIRECTORY = b"PK\x05\x06"
# Bytes of a ZIP's central directory that are parsed (zipfile makes an object per file it lists: 400,000
# empty entries in 34 MB took 300 MB and 40 s); a docx or xlsx lists tens of files, a big OFD thousands.
MAX_ZIP_DIRECTORY = 2 * 1024 * 1024

# Attachments we read (checked with their page, their text diffed) and, besides them, files a page offers for
# download that are kept as attachments but not read. Every list of suffixes elsewhere derives from these.
ATTACHMENT_SUFFIXES = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".wps", ".et", ".ofd")
DOWNLOAD_SUFFIXES = (*ATTACHMENT_SUFFIXES, ".zip", ".rar", ".7z", ".ppt", ".pptx", ".txt")


def suffix_pattern(suffixes: tuple[str, ...]) -> str:
    """A regex alternation of these suffixes, for URL patterns: (?:\\.pdf|\\.doc|...)."""
    return "(?:" + "|".join(re.escape(s) for s in suffixes) + ")"


def _suffix(url: str) -> str:
    path = urlsplit(url).path.lower() if "://" in url else url.lower()
    return path[path.rfind("."):] if "." in path.rsplit("/", 1)[-1] else ""


def sniff(content: bytes, content_type: str = "", url: str = "") -> str:
    """pdf | docx | xlsx | ofd | doc | xls | text; a FetchError for a body that claims one and is not."""
    label = (content_type or "").lower()
    suffix = _suffix(url)
    if content[:1024].lstrip().startswith(b"%PDF-"):
        return "pdf"
    if "application/pdf" in label:
        raise FetchError("binary", "labelled PDF but the body is not a PDF", url)
    if content.startswith(b"PK\x03\x04"):
        return _zip_kind(content, url)
    if content.startswith(_OLE):
        return "xls" if suffix in (".xls", ".et") or "excel" in label else "doc"
    return "text"


def _zip_kind(content: bytes, url: str) -> str:
    import zipfile  # here: 9 ms of imports a plain text input never needs

    _check_directory(content, url)
    try:
        names = set(zipfile.ZipFile(io.BytesIO(content)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise FetchError("unreadable", f"damaged ZIP container ({exc.__class__.__name__})", url) from None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "OFD.xml" in names:
        return "ofd"
    raise FetchError("binary", "a ZIP archive, not a document", url)


def _check_directory(content: bytes, url: str) -> None:
    """Refuse a ZIP whose central directory (as its end record gives it: what zipfile would parse) is over
    MAX_ZIP_DIRECTORY, or is ZIP64 (over 65,535 files or 4 GiB, which no document needs)."""
    at = content.rfind(_END_OF_DIRECTORY, max(0, len(content) - 65_557))
    if at < 0 or len(content) < at + 22:
        return  # zipfile finds no directory either, and says so
    entries, size = struct.unpack("<HI", content[at + 10:at + 16])
    if entries == 0xFFFF or size == 0xFFFFFFFF:
        raise FetchError("too_large", "a ZIP64 archive (over 65,535 files or 4 GiB), not a document", url)
    if size > MAX_ZIP_DIRECTORY:
        raise FetchError("too_large", f"a ZIP directory of {size:,} bytes (over {MAX_ZIP_DIRECTORY:,}: more files "
                         "than a document holds)", url)
