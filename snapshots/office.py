"""Attachments as documents: PDF (pypdf), Word 2007+ (python-docx), Excel (python-calamine, both .xlsx and
.xls), Word 97 and WPS (Debian's antiword), OFD (its XML, read with lxml). Policy files are often only
attachments, so a changed attachment must diff like a changed page. A file the library cannot read is
one FetchError of kind `unreadable`, never a crash: 20 of 600 mutated PDFs made pypdf raise
NotImplementedError, LimitReachedError or AttributeError.

Every reader runs in a child process with memory and CPU limits (confined.py, whose office_document is
the way in): calamine is native code
that aborts the interpreter when an allocation fails (an .xlsx with cells A1 and XFD1048576 asks for
512 GiB). The caps here are checked before the libraries allocate: a ZIP's unpacked size from its
directory (Python's zipfile never inflates a member past its declared size), a sheet's extent from its
own cell references (the declared <dimension> is not trusted), pages and characters while reading. A cap
that cuts content says so in the document's warnings."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from typing import TypeVar

from ..errors import FetchError, one_line
from ..text.outline import heading_level
from .document import Block, Document

MAX_PAGES = 1000  # pages read from one file
MAX_ROWS = 1_000_000  # spreadsheet rows read from one file
MAX_CELLS = 2_000_000  # cells of one sheet's extent (first to last cell referenced): what calamine allocates
MAX_CHARS = 2_000_000  # characters kept from one file
MAX_UNZIPPED = 64 * 1024 * 1024  # bytes a ZIP-based file (docx, xlsx, ofd) may unpack to
MAX_MEMBERS = 10_000  # files in one ZIP-based document
B = TypeVar("B", str, Block)
_END = re.compile(r"[。！？；：:.!?;]$")


def readable(kind: str) -> bool:
    """Whether a reader here reads this kind of file (pdf, docx, xlsx, ...)."""
    return kind in _READERS


def read_here(kind: str, content: bytes) -> Document:
    """The document read in this process (the confined child's side); every failure a FetchError."""
    reader = _READERS.get(kind)
    if reader is None:
        raise FetchError("binary", f"no reader for {kind} files")
    try:
        return reader(content)
    except FetchError:
        raise
    except MemoryError:
        raise FetchError("unreadable", f"{kind} file too large to read") from None
    except Exception as exc:  # noqa: BLE001 (a parser's failure on hostile bytes is this file's error)
        raise FetchError("unreadable", f"unreadable {kind.upper()} file ({exc.__class__.__name__}: "
                         f"{one_line(exc, 120)})") from None


def _archive(content: bytes) -> zipfile.ZipFile:
    """The ZIP of a docx, xlsx or OFD file, refused when its directory says it unpacks past the caps."""
    archive = zipfile.ZipFile(io.BytesIO(content))
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise FetchError("too_large", f"{len(members):,} files in the ZIP container, over the {MAX_MEMBERS:,} limit")
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNZIPPED:
        raise FetchError("too_large", f"unpacks to {unpacked / 2**20:,.0f} MiB, over the "
                         f"{MAX_UNZIPPED // 2**20} MiB limit for one file")
    return archive


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


def _titled(paragraphs: list[Block], title: str = "", warnings: list[str] | None = None) -> Document:
    """A first short paragraph is the title when the file names none."""
    first = paragraphs[0] if paragraphs else ""
    if not title and isinstance(first, str) and len(first) <= 80:
        title = first
    if paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    return Document(title=title, body=paragraphs, warnings=warnings or [])


def _capped(blocks: list[B], warnings: list[str]) -> list[B]:
    """Lines, paragraphs or tables up to MAX_CHARS characters (a table counts its cells); a warning when
    that cut any."""
    total, out = 0, []
    for block in blocks:
        total += len(block) if isinstance(block, str) else sum(len(cell) for row in block for cell in row)
        if total > MAX_CHARS:
            warnings.append(f"only the first {MAX_CHARS:,} characters were read")
            break
        out.append(block)
    return out


def _pdf(content: bytes) -> Document:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    lines: list[str] = []
    warnings: list[str] = []
    pages = len(reader.pages)
    if pages > MAX_PAGES:
        warnings.append(f"only pages 1-{MAX_PAGES} of {pages:,} were read")
    chars = 0
    for number in range(min(pages, MAX_PAGES)):
        text = reader.pages[number].extract_text() or ""
        lines += text.splitlines()
        chars += len(text)
        if chars > MAX_CHARS:  # _capped below says so
            break
    title = str(reader.metadata.title or "").strip() if reader.metadata else ""
    return _titled(list(join_lines(_capped(lines, warnings))), title, warnings)


def _docx(content: bytes) -> Document:
    import docx
    from docx.table import Table

    _archive(content)
    word = docx.Document(io.BytesIO(content))
    blocks: list[Block] = []
    for item in word.iter_inner_content():
        if isinstance(item, Table):
            rows = [[" ".join(cell.text.split()) for cell in row.cells] for row in item.rows]
            if any(any(cells) for cells in rows):
                blocks.append(rows)
        elif item.text.strip():
            blocks.append(" ".join(item.text.split()))
    warnings: list[str] = []
    return _titled(_capped(blocks, warnings), (word.core_properties.title or "").strip(), warnings)


def _sheets(content: bytes) -> Document:
    from python_calamine import CalamineWorkbook

    too_large = _oversized_sheets(content) if content.startswith(b"PK") else {}
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    blocks: list[Block] = []
    warnings = list(too_large.values())
    budget = MAX_ROWS
    for name in book.sheet_names:
        if name in too_large:
            continue
        if budget <= 0:
            warnings.append(f"only the first {MAX_ROWS:,} rows were read")
            break
        rows = []
        for row in book.get_sheet_by_name(name).to_python(skip_empty_area=True):
            if budget <= 0:
                warnings.append(f"only the first {MAX_ROWS:,} rows were read")
                break
            cells = ["" if value is None else " ".join(str(_as_written(value)).split()) for value in row]
            if any(cells):
                rows.append(cells)
            budget -= 1
        if rows:
            blocks += [f"工作表：{name}", rows]
        if budget <= 0:
            break
    if not blocks and too_large:
        raise FetchError("too_large", next(iter(too_large.values())))
    return Document(body=_capped(blocks, warnings), warnings=list(dict.fromkeys(warnings)))


_CELL = re.compile(rb"<(?:\w+:)?c\b[^>]*?\sr=\"([A-Z]{1,3})([0-9]{1,7})\"")
_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*?\sr=\"([0-9]{1,7})\"")
_ANY_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
_ANY_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")


def _column(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _oversized_sheets(content: bytes) -> dict[str, str]:
    """{sheet name: why it is not read} for the sheets of an .xlsx whose extent (first to last cell they
    reference, whatever <dimension> declares) is over MAX_CELLS: calamine allocates the whole extent."""
    from lxml import etree

    archive = _archive(content)
    names = set(archive.namelist())
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    workbook = etree.fromstring(archive.read("xl/workbook.xml"), parser)
    targets: dict[str, str] = {}
    if "xl/_rels/workbook.xml.rels" in names:
        for rel in etree.fromstring(archive.read("xl/_rels/workbook.xml.rels"), parser).iter("{*}Relationship"):
            target = (rel.get("Target") or "").lstrip("/")
            targets[rel.get("Id") or ""] = target if target.startswith("xl/") else f"xl/{target}"
    out: dict[str, str] = {}
    for sheet in workbook.iter("{*}sheet"):
        rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), "")
        member = targets.get(rid, "")
        if member not in names:
            continue
        xml = archive.read(member)
        rows, cols, named = len(_ANY_ROW.findall(xml)), 0, 0
        for match in _CELL.finditer(xml):
            cols, rows, named = max(cols, _column(match.group(1))), max(rows, int(match.group(2))), named + 1
        for match in _ROW.finditer(xml):
            rows = max(rows, int(match.group(1)))
        cells = len(_ANY_CELL.findall(xml))
        if cells > named:  # cells placed by position, not named: as wide as there are cells, at worst
            cols = max(cols, cells)
        if rows * cols > MAX_CELLS:
            name = sheet.get("name") or member
            out[name] = (f"sheet {name!r} spans {rows:,} rows x {cols:,} columns, over the {MAX_CELLS:,}-cell "
                         "limit: not read")
    return out


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
    warnings: list[str] = []
    return _titled(list(join_lines(_capped(text.splitlines(), warnings))), "", warnings)


def _ofd(content: bytes) -> Document:
    """OFD (GB/T 33190): a ZIP of XML pages; the text is in TextCode elements, line by line."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    archive = _archive(content)
    pages = sorted((n for n in archive.namelist() if re.search(r"Pages/Page_?\d+/Content\.xml$", n)),
                   key=lambda n: int(re.findall(r"\d+", n.rsplit("Pages/", 1)[1])[0]))
    lines: list[str] = []
    warnings = [f"only pages 1-{MAX_PAGES} of {len(pages):,} were read"] if len(pages) > MAX_PAGES else []
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
    return _titled(list(join_lines(_capped(lines, warnings))), "", warnings)


_READERS: dict[str, Callable[[bytes], Document]] = {
    "pdf": _pdf, "docx": _docx, "xlsx": _sheets, "xls": _sheets, "doc": _word97, "ofd": _ofd,
}
