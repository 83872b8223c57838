"""Chinese numerals to numbers (cn2an, a maintained converter), so 第二十六届 = 第26届."""
from __future__ import annotations

import re
import warnings
from decimal import Decimal, InvalidOperation

CN_DIGITS = "零〇一二两三四五六七八九十百千"
_ORDINAL = re.compile(rf"第([{CN_DIGITS}]+)(?=[届次批期轮个条章节])")


def to_decimal(text: str) -> Decimal | None:
    """'2,236.6' -> 2236.6; '二十六' -> 26; None if it is not a number."""
    text = text.replace(",", "").strip()
    try:
        return Decimal(text)
    except InvalidOperation:
        pass
    if not any(c in CN_DIGITS for c in text):
        return None
    import cn2an  # 90 ms to import: only for text that holds Chinese numerals

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def ordinals_to_digits(text: str) -> str:
    """第二十六届高交会 -> 第26届高交会 (only ordinals: 一是 and 十四五 stay words)."""
    def repl(match: re.Match[str]) -> str:
        value = to_decimal(match.group(1))
        return f"第{value}" if value is not None else match.group()
    return _ORDINAL.sub(repl, text)
