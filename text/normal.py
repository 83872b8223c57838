"""What two texts must share to count as the same: width (全角/半角), spacing and punctuation variants
are noise. The version key (is this a new version?) and the differ (what changed?) both read their
keys from here, so a change the diff calls noise is never a new version, and the reverse."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .ignore import IGNORED, Ignore
from .patterns import lazy_pattern

# Punctuation variants NFKC leaves apart but readers take as the same mark.
_VARIANTS = {
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "「": '"', "」": '"', "『": '"', "』": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
    "—": "-", "–": "-", "‐": "-", "‑": "-", "−": "-", "─": "-",
    "【": "[", "】": "]", "〔": "[", "〕": "]", "〈": "<", "〉": ">",
    "｡": "。", "・": "·", "•": "·", "～": "~", "〜": "~",
}
# Characters no XML, HTML or terminal output may carry: C0/C1 controls (but tab and newline), DEL,
# surrogates and the two non-characters XML forbids.
_UNPRINTABLE = lazy_pattern("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


# The full-width forms of ASCII and the ideographic space, replaced by what NFKC decomposes them to before it
# runs: the result is the same for any text (NFKC composes from the decompositions, char by char), and a
# Chinese text with no other compatibility character then passes NFKC's quick check, not a full pass. The
# variants are replaced where found, not by a dict lookup per character (str.translate): fold twice as fast.
_NARROW = {chr(c): unicodedata.normalize("NFKD", chr(c)) for c in (*range(0xFF01, 0xFF5F), 0x3000)}
_WIDE_FORMS = re.compile("[\uff01-\uff5e\u3000]")
_VARIANT_CHARS = re.compile("[" + re.escape("".join(_VARIANTS)) + "]")


def fold(text: str) -> str:
    """Width-folded (全角 -> 半角), variant-folded, whitespace-free form of a text."""
    text = unicodedata.normalize("NFKC", _WIDE_FORMS.sub(_narrow, text))
    return "".join(_VARIANT_CHARS.sub(_variant, text).split())


def _narrow(match: re.Match[str]) -> str:
    return _NARROW[match.group()]


def _variant(match: re.Match[str]) -> str:
    return _VARIANTS[match.group()]


def han_only(text: str) -> bool:
    """Whether the text is Chinese characters (CJK unified ideographs, U+4E00 to U+9FFF) and nothing else,
    tested by the range's ends: re compiles a class of that range character by character (8 M instructions
    a pattern), so a test that needs no pattern uses this."""
    return bool(text) and min(text) >= "\u4e00" and max(text) <= "\u9fff"


@lru_cache(maxsize=65536)
def fold_token(token: str) -> str:
    """fold for short tokens, memoised: a document repeats its words."""
    return fold(token)


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs as the differ sees them: lines with their line ends (they tile the text)."""
    return text.splitlines(keepends=True)


def paragraph_key(paragraph: str, ignore: Ignore | None = None, noise: bool = False) -> str:
    """One paragraph's comparison key; `noise` keeps width and spacing (the differ's --show-noise)."""
    if ignore is not None:
        paragraph = ignore.sub(IGNORED, paragraph)
    return paragraph if noise else fold(paragraph)


def comparison_key(text: str, ignore: Ignore | None = None) -> str:
    """The whole text's key: its paragraphs' keys, one per line (blank paragraphs are spacing)."""
    return "\n".join(key for p in paragraphs(text) if (key := paragraph_key(p, ignore)))


def version_key(text: str, ignore: Ignore | None = None) -> str:
    """Identity of a version: equal keys mean no reader-visible change."""
    import hashlib  # here: loading OpenSSL is 6 ms a compare or diff command never needs

    return hashlib.sha256(comparison_key(text, ignore).encode("utf-8", "surrogatepass")).hexdigest()


def printable(text: str) -> str:
    """Text safe for XML, HTML, JSON and terminals: control characters removed (tab and newline kept)."""
    return _UNPRINTABLE().sub("", text)


# What the cleaner keeps out of a document besides the controls above: characters a reader never sees
# (zero-width spaces and joiners, bidi marks and overrides, the soft hyphen, a stray BOM), so an
# invisible edit is no change, and line and paragraph separators other than newline (what
# str.splitlines breaks at), which become `separator`.
_SEPARATORS = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_HIDDEN = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u00ad\u061c\u180e"
                     "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]")


def visible(text: str, separator: str = " ") -> str:
    """Text as a reader sees it: printable() without the invisible characters, and each line separator
    other than newline as `separator` (a space within a field, a newline between a text's lines)."""
    return _HIDDEN.sub("", _SEPARATORS.sub(separator, text))


# What visible() rewrites: a text without it is kept as it is (most are); read off web pages only.
REWRITTEN = lazy_pattern(f"{_HIDDEN.pattern}|{_SEPARATORS.pattern}")
