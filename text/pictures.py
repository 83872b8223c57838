"""A body image as a line of the clean text: `图片：alt（src）`, and once its bytes were fetched
`图片：alt（src）〔sha256:1a2b3c4d5e6f〕`. The line is the image's one record, so a chart swapped under the
same src changes the version's text (and its key) and the differ sees it; a line without a digest is an
image whose bytes are not known (never fetched, or not fetchable), which is no claim about them. Here,
in text/, because the cleaner writes these lines and the differ reads them."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

PREFIX = "图片："
DIGEST_CHARS = 12  # hex characters of the bytes' SHA-256: a change detector, not a proof
_MARK = "〔sha256:"
_LINE = re.compile(r"^图片：(?:(?P<alt>.+)（(?P<src>[^（）]+)）|(?P<bare>[^（）〔〕]+?))"
                   rf"(?:{_MARK}(?P<digest>[0-9a-f]{{{DIGEST_CHARS}}})〕)?$")
_HEX = re.compile(r"[0-9a-f]*")
_IN_DIGEST = re.compile(_MARK + r"[0-9a-f]*$")


@dataclass(frozen=True)
class Picture:
    alt: str
    src: str  # as the page wrote it (relative or not)
    digest: str = ""  # '' when the bytes are not known

    @property
    def name(self) -> str:
        """What a reader calls it: its alt text, else its address."""
        return self.alt or self.src

    def line(self) -> str:
        text = f"{PREFIX}{self.alt}（{self.src}）" if self.alt else f"{PREFIX}{self.src}"
        return f"{text}{_MARK}{self.digest}〕" if self.digest else text


def picture(line: str) -> Picture | None:
    """The image a line records, or None for any other line."""
    if not line.startswith(PREFIX):
        return None
    found = _LINE.match(line)
    if found is None:
        return None
    return Picture(found["alt"] or "", found["src"] or found["bare"], found["digest"] or "")


def replaced(old_lines: list[str], new_lines: list[str]) -> list[Picture]:
    """Images present in both (same alt and src) whose known digests differ, in NEW's order: a chart
    swapped under the same address. An unknown digest on either side is never a replacement."""
    before = known(old_lines)
    out: list[Picture] = []
    for line in new_lines:
        p = picture(line)
        if p is not None and p.digest and before.get((p.alt, p.src), p.digest) != p.digest and p not in out:
            out.append(p)
    return out


def known(lines: Iterable[object]) -> dict[tuple[str, str], str]:
    """Each image's known digest by (alt, src), from a version's lines (other blocks are skipped)."""
    return {(p.alt, p.src): p.digest for line in lines
            if isinstance(line, str) and (p := picture(line)) is not None and p.digest}


def carried(line: str, digests: dict[tuple[str, str], str]) -> str:
    """LINE with the digest `digests` knows for its image when it records none: a re-read of stored bytes
    (which hold no image's bytes) keeps what was known of the same image (same alt and src)."""
    p = picture(line)
    if p is None or p.digest or (p.alt, p.src) not in digests:
        return line
    return Picture(p.alt, p.src, digests[p.alt, p.src]).line()


def undigested(line: str) -> str:
    """The line without its digest (what it says apart from the image's bytes)."""
    p = picture(line)
    return Picture(p.alt, p.src).line() if p is not None else line


def digest_edit(before: str, old: str, new: str) -> bool:
    """Whether a character edit (with the text before it) is within an image's digest: a replaced image,
    which a reader is told by its name, not by hex."""
    return bool(_IN_DIGEST.search(before) and _HEX.fullmatch(old) and _HEX.fullmatch(new))
