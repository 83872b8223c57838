"""Attachments as documents: PDF (pypdf), Word 2007+ (python-docx), Excel (python-calamine, both .xlsx and
.xls), Word 97 and WPS (Debian's antiword), OFD (its XML, read with lxml). Policy files are often only
attachments, so a changed attachment must diff like a changed page. A file the library cannot read is
one FetchError of kind `unreadable`, never a crash: 20 of 600 mutated PDFs made pypdf raise
NotImplementedError, LimitReachedError or AttributeError."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable

from ..errors import FetchError, one_line
from ..text.outline import heading_level
from .document import Block, Document

MAX_PAGES = 1000  # pages (or sheets x rows / 1000) read from one file
MAX_CHARS = 2_000_000  # characters kept from one file
_END = re.compile(r"[。！？；：:.!?;]$")


def office_document(kind: str, content: bytes, url: str = "") -> Document:
    """The document in a PDF, Word, Excel or OFD file."""
    reader = _READERS.get(kind)
    if reader is None:
        raise FetchError("binary", f"no reader for {kind} files", url)
    try:
        document = reader(content)
    except FetchError as error:
        raise FetchError(error.kind, error.reason, url) from None
    except MemoryError:
        raise FetchError("unreadable", f"{kind} file too large to read", url) from None
    except Exception as exc:  # noqa: BLE001 (a parser's failure on hostile bytes is this file's error)
        raise FetchError("unreadable", f"unreadable {kind.upper()} file ({exc.__class__.__name__}: "
                         f"{one_line(exc, 120)})", url) from None
    document.url = url
    return document


def join_lines(lines: list[str]) -> list[str]:
    """Lines wrapped by a page layout, rejoined into paragraphs: a line that does not end a sentence
    continues into the next, unless the next opens a numbered heading."""
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if current and (heading_level(line) is not None or _END.search(current)):
            paragraphs.append(current)
            current = ""
        ascii_join = current[-1:].isascii() and line[:1].isascii() and current[-1:].isalnum()
        current = f"{current} {line}" if current and ascii_join else current + line
    if current:
        paragraphs.append(current)
    return paragraphs


def _titled(paragraphs: list[Block], title: str = "") -> Document:
    """A first short paragraph is the title when the file names none."""
    first = paragraphs[0] if paragraphs else ""
    if not title and isinstance(first, str) and len(first) <= 80:
        title = first
    if paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    return Document(title=title, body=paragraphs)


def _capped(lines: list[str]) -> list[str]:
    total, out = 0, []
    for line in lines:
        total += len(line)
        if total > MAX_CHARS:
            break
        out.append(line)
    return out


def _pdf(content: bytes) -> Document:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    lines: list[str] = []
    for number, page in enumerate(reader.pages):
        if number >= MAX_PAGES:
            break
        lines += (page.extract_text() or "").splitlines()
    title = str(reader.metadata.title or "").strip() if reader.metadata else ""
    return _titled(list(join_lines(_capped(lines))), title)


def _docx(content: bytes) -> Document:
    import docx
    from docx.table import Table

    word = docx.Document(io.BytesIO(content))
    blocks: list[Block] = []
    for item in word.iter_inner_content():
        if isinstance(item, Table):
            rows = [[" ".join(cell.text.split()) for cell in row.cells] for row in item.rows]
            if any(any(cells) for cells in rows):
                blocks.append(rows)
        elif item.text.strip():
            blocks.append(" ".join(item.text.split()))
    return _titled(blocks, (word.core_properties.title or "").strip())


def _sheets(content: bytes) -> Document:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    blocks: list[Block] = []
    budget = MAX_PAGES * 1000
    for name in book.sheet_names:
        rows = []
        for row in book.get_sheet_by_name(name).to_python(skip_empty_area=True):
            cells = ["" if value is None else " ".join(str(_as_written(value)).split()) for value in row]
            if any(cells):
                rows.append(cells)
            budget -= 1
            if budget <= 0:
                break
        if rows:
            blocks += [f"工作表：{name}", rows]
        if budget <= 0:
            break
    return Document(body=blocks)


def _as_written(value: object) -> object:
    """A spreadsheet keeps every number as a float: 1 is read back as 1.0, which no one wrote."""
    return int(value) if isinstance(value, float) and value.is_integer() and abs(value) < 1e15 else value


def _word97(content: bytes) -> Document:
    """Word 97-2003 and WPS files through antiword (Debian package `antiword`)."""
    antiword = shutil.which("antiword")
    if antiword is None:
        raise FetchError("unreadable", "a Word 97 (.doc/.wps) file needs antiword (apt-get install antiword)")
    with tempfile.NamedTemporaryFile(suffix=".doc") as handle:
        handle.write(content)
        handle.flush()
        try:
            done = subprocess.run([antiword, "-m", "UTF-8.txt", "-w", "0", handle.name], capture_output=True,
                                  timeout=60, check=False)
        except subprocess.TimeoutExpired:
            raise FetchError("unreadable", "antiword took over 60 s on this file") from None
    if done.returncode != 0:
        reason = one_line(Exception(done.stderr.decode("utf-8", "replace")), 120)
        raise FetchError("unreadable", f"antiword cannot read this file ({reason})")
    text = done.stdout.decode("utf-8", "replace")
    return _titled(list(join_lines(_capped(text.splitlines()))))


def _ofd(content: bytes) -> Document:
    """OFD (GB/T 33190): a ZIP of XML pages; the text is in TextCode elements, line by line."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    archive = zipfile.ZipFile(io.BytesIO(content))
    pages = sorted((n for n in archive.namelist() if re.search(r"Pages/Page_?\d+/Content\.xml$", n)),
                   key=lambda n: int(re.findall(r"\d+", n.rsplit("Pages/", 1)[1])[0]))
    lines: list[str] = []
    for name in pages[:MAX_PAGES]:
        root = etree.fromstring(archive.read(name), parser)
        rows: dict[float, list[tuple[float, str]]] = {}
        for obj in root.iter("{*}TextObject"):
            top = float((obj.get("Boundary") or "0 0").split()[1])
            left = float((obj.get("Boundary") or "0").split()[0])
            text = "".join(code.text or "" for code in obj.iter("{*}TextCode"))
            row = next((y for y in rows if abs(y - top) < 1.5), top)
            rows.setdefault(row, []).append((left, text))
        lines += ["".join(t for _, t in sorted(parts)) for _, parts in sorted(rows.items())]
    return _titled(list(join_lines(_capped(lines))))


_READERS: dict[str, Callable[[bytes], Document]] = {
    "pdf": _pdf, "docx": _docx, "xlsx": _sheets, "xls": _sheets, "doc": _word97, "ofd": _ofd,
}
