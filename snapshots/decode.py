"""Bytes to text the way browsers do it, so GBK and UTF-8 pages read the same as in a browser."""
from __future__ import annotations

import codecs
import re

_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
# Browsers (WHATWG Encoding) read every GB label as the GB18030 superset.
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
            "iso-8859-1": "cp1252", "latin1": "cp1252", "ascii": "utf-8", "us-ascii": "utf-8"}
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _canonical(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _ALIASES.get(label, _ALIASES.get(name, name))


def charset_from_content_type(content_type: str | None) -> str | None:
    match = re.search(r"charset=([^;\s]+)", content_type or "", re.I)
    return _canonical(match.group(1)) if match else None


def looks_binary(data: bytes) -> bool:
    """Many control bytes (NUL included): not a text page whatever its label says. A stray NUL in a
    page is not enough (one in a 6 KB page made it unwatchable); decode() drops them."""
    head = data[:4096]
    if not head or any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > len(head) * 0.05


def decode(data: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Return (text, encoding), NUL characters dropped (no page means one, and parsers refuse them)."""
    text, encoding = _decoded(data, content_type)
    return text.replace("\x00", ""), encoding


def _decoded(data: bytes, content_type: str | None) -> tuple[str, str]:
    """Order: BOM, HTTP charset, <meta>, detection; a label that does not decode strictly (GBK bytes
    served as UTF-8) falls through to the next source."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(name if name != "utf-16" else
                                          ("utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be"),
                                          errors="replace"), name
    candidates = [charset_from_content_type(content_type)]
    meta = _META.search(data[:4096])
    candidates.append(_canonical(meta.group(1).decode("ascii", "ignore")) if meta else None)
    for label in candidates:
        if label:
            try:
                return data.decode(label), label
            except (UnicodeDecodeError, LookupError):
                continue
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only pages that declare nothing usable need detection

    best = from_bytes(data[:200_000]).best()
    detected = (_canonical(best.encoding) if best else None) or "gb18030"
    return data.decode(detected, errors="replace"), detected
