"""The normalised form pages are compared on: layout noise (width, spacing) must never look like a change."""
from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACE = re.compile(r"[ \t\u3000\u00a0\u200b\ufeff]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def normal_form(text: str) -> str:
    """NFKC folds 全角 to 半角 (，->, ０->0); spaces collapse; spaces between CJK characters vanish."""
    text = unicodedata.normalize("NFKC", text)
    text = _SPACE.sub(" ", text)
    text = re.sub(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])", "", text)
    text = "\n".join(line.strip() for line in text.splitlines())
    return _BLANK_LINES.sub("\n", text).strip()


def text_hash(text: str) -> str:
    """Identity of a version: equal hashes mean no reader-visible change."""
    return hashlib.sha256(normal_form(text).encode("utf-8")).hexdigest()
