"""The line filter both cleaners share (text pasted from a page, and the paragraphs of an HTML body):
furniture dropped, metadata harvested, the body cut at its credit line."""
from __future__ import annotations

import re

from .boilerplate import BREADCRUMB, is_boilerplate, is_credit, is_info_line
from .document import Document
from .metadata import breadcrumb_path, info_fields

SPACES = re.compile(r"[ \t\r\n\u00a0\u3000]+")


def filter_lines(lines: list[str], doc: Document) -> tuple[list[str], int | None, int | None]:
    """Drop furniture, harvest metadata; stop at a credit line (编辑/审读) once the body has begun.
    Returns (kept lines, body index of the info line, input index of the credit line)."""
    body: list[str] = []
    info_at: int | None = None
    for number, line in enumerate(lines):
        line = SPACES.sub(" ", line).strip()
        if not line:
            continue
        if BREADCRUMB.match(line):
            doc.section = doc.section or breadcrumb_path(line)
            continue
        if is_info_line(line):
            source, published = info_fields(line)
            doc.source = doc.source or source
            doc.published = doc.published or published
            info_at = len(body) if info_at is None else info_at
            continue
        if is_boilerplate(line):
            continue
        if is_credit(line) and sum(len(b) for b in body) > 200:
            return body, info_at, number
        body.append(line)
    return body, info_at, None
