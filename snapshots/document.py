"""The clean document: the typed value that flows from the cleaner to the store, the differ and the digest."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

CLEANER_VERSION = "4"  # bump when extraction changes: `policywatch reclean` re-runs it over stored bytes

# A body block is a paragraph (str) or a table (rows of cells).
Block = str | list[list[str]]


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
    body: list[Block] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    url: str = ""
    cleaner_version: str = ""
    # What a reader left out (a page, row or character cap reached, a sheet too large to read): a cut
    # document says so rather than passing for the whole file.
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The body as display lines: one per paragraph, one per table row (cells joined by ' | ')."""
        out: list[str] = []
        for block in self.body:
            if isinstance(block, str):
                out.append(block)
            else:
                out.extend(" | ".join(row) for row in block)
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
