"""The clean document: the typed value that flows from the cleaner to the store, the differ and the digest."""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any

CLEANER_VERSION = "6"  # bump when extraction changes: `policywatch reclean` re-runs it over stored bytes

# A body block is a paragraph (str) or a table (rows of cells).
Block = str | list[list[str]]


_NUMBER = re.compile(r"[\d.,，%％+\-－]+")
_FIGURE = re.compile(r"\d")


_UNIT = re.compile(r"^(.*?)\s*[（(]\s*([^（()）]{1,6})\s*[)）]\s*$")


def _figure(head: str, heading: str, cell: str) -> str:
    """A cell under its headings as a sentence reads it: '人工智能 资助上限 3000万元' (the heading's
    unit, 资助上限（万元）, after a bare number)."""
    unit = _UNIT.match(heading)
    name, suffix = (unit.group(1), unit.group(2)) if unit and unit.group(1) else (heading, "")
    value = cell + suffix if _NUMBER.fullmatch(cell) else cell
    return f"{head} {name} {value}" if head else f"{name}：{value}"


def table_lines(rows: list[list[str]]) -> list[str]:
    """Rows as lines. When the first row is a heading row (no bare numbers), each later row's figures
    (cells with a digit; not links) read with the row heading (the row's first cell, unless that is a
    figure itself, a date) and the column heading: a changed cell is named by both, in words the figure
    reader understands."""
    header = rows[0] if rows else []
    headed = len(rows) >= 2 and all(cell and not _NUMBER.fullmatch(cell) for cell in header)
    lines = [" | ".join(rows[0])] if rows else []
    for row in rows[1:]:
        if not headed:
            lines.append(" | ".join(row))
            continue
        head = row[0] if row and not _FIGURE.search(row[0]) else ""
        figures = [0 < j < len(header) and bool(_FIGURE.search(cell)) and not cell.startswith(("http://", "https://"))
                   for j, cell in enumerate(row)]
        cells = [_figure(head, header[j], cell) if figures[j] else cell for j, cell in enumerate(row)]
        if head and any(figures):  # the row heading is in each of its figures: the row reads as clauses
            lines.append("；".join(cells[1:]))
        else:
            lines.append(" | ".join(cells))
    return lines


@dataclass
class Attachment:
    title: str
    url: str


@dataclass
class Document:
    """What a reader considers the document, plus its metadata."""

    title: str = ""
    source: str = ""
    published: str = ""  # ISO date (YYYY-MM-DD) when known
    section: list[str] = field(default_factory=list)
    publisher: str = ""  # 发布机构
    number: str = ""  # 文号
    identifier: str = ""  # 索引号
    written: str = ""  # 成文日期 (ISO), apart from the publication date
    body: list[Block] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    url: str = ""
    cleaner_version: str = ""
    # What a reader left out (a page, row or character cap reached, a sheet too large to read): a cut
    # document says so rather than passing for the whole file.
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The body as display lines: one per paragraph, one per table row (cells joined by ' | '; a
        figure under a column heading carries it, so a changed cell reads with its row and column)."""
        out: list[str] = []
        for block in self.body:
            if isinstance(block, str):
                out.append(block)
            else:
                out.extend(table_lines(block))
        return out

    def text(self) -> str:
        """Body text with one paragraph per line: what the analysis reads."""
        return "\n".join(self.lines())

    def full_text(self) -> str:
        """Title, body and the names of the attachments, one per line: what a version is, and what
        the differ compares (a retitled page, or a replaced attachment, is a change too)."""
        lines = [self.title] if self.title else []
        lines += self.lines()
        lines += [f"附件：{a.title}" for a in self.attachments]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        known["attachments"] = [Attachment(**a) for a in known.get("attachments", [])]
        return cls(**known)
