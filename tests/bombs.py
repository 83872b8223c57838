"""Hostile files and bodies, built on the spot (tests and bench/bounds_bench.py): small on disk or on the
wire, huge once read. Streamed while built, so making one never needs the memory it would take to read."""
from __future__ import annotations

import io
import zipfile
import zlib

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def xlsx_corners() -> bytes:
    """Two cells, A1 and XFD1048576 (about 5 KB): a reader that allocates the sheet's extent asks for
    17 billion cells."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = "2026年度预算"
    sheet["XFD1048576"] = "末格"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_table(rows: list[list[object]], big_sheet: bool = False) -> bytes:
    """A workbook with one ordinary sheet, and (big_sheet) a second one spanning A1:XFD1048576."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "预算"
    for row in rows:
        sheet.append(row)
    if big_sheet:
        corner = book.create_sheet("空表")
        corner["A1"], corner["XFD1048576"] = "起", "止"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


_BODY_OPEN = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w='
              b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
_BODY_CLOSE = b"<w:sectPr/></w:body></w:document>"


def docx_with_body(xml_bytes: int, paragraph: str = "第一条 为规范项目管理，制定本办法。") -> bytes:
    """A Word file whose document.xml holds `xml_bytes` of paragraphs (a 1 GB body packs to ~2.5 MB)."""
    import docx

    base = io.BytesIO()
    docx.Document().save(base)
    unit = f"<w:p><w:r><w:t>{paragraph}</w:t></w:r></w:p>".encode() * 1000
    out = io.BytesIO()
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for item in source.infolist():
            if item.filename != "word/document.xml":
                target.writestr(item, source.read(item.filename))
                continue
            body = zipfile.ZipInfo("word/document.xml")
            body.compress_type = zipfile.ZIP_DEFLATED
            with target.open(body, "w", force_zip64=True) as member:
                member.write(_BODY_OPEN)
                written = len(_BODY_OPEN)
                while written < xml_bytes:
                    member.write(unit)
                    written += len(unit)
                member.write(_BODY_CLOSE)
    return out.getvalue()


def pdf_pages(count: int) -> bytes:
    """A PDF of `count` pages, a numbered line on each."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for n in range(1, count + 1):
        pdf.drawString(72, 720, f"Page {n}: the programme continues.")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def gzip_layers(decoded: int, layers: int, fill: bytes = b"\0") -> bytes:
    """`decoded` bytes of `fill`, gzipped `layers` times (Content-Encoding: gzip, gzip, ...)."""
    data = b""
    for layer in range(layers):
        packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
        if layer == 0:
            block = fill * ((1 << 20) // len(fill))
            parts = [packer.compress(block) for _ in range(decoded // len(block))]
        else:
            parts = [packer.compress(data)]
        data = b"".join([*parts, packer.flush()])
    return data


def zip_of_many(files: int) -> bytes:
    """A .docx-looking ZIP listing `files` empty files: its directory alone is megabytes to parse."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("word/document.xml", _BODY_OPEN + _BODY_CLOSE)
        for n in range(files):
            archive.writestr(zipfile.ZipInfo(f"media/{n:08x}.bin"), b"")
    return buffer.getvalue()
