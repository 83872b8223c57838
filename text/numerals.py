"""Chinese numerals to numbers, so 第二十六届 = 第26届. Read here rather than by cn2an: its import built
regular expressions for a second of CPU, more than a whole compare, for the few forms a report writes
(digits 二〇二三, counts below ten thousand 三百零五 / 两千五, a decimal 三点五)."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

CN_DIGITS = "零〇一二两三四五六七八九十百千"
_ORDINAL = re.compile(rf"第([{CN_DIGITS}]+)(?=[届次批期轮个条章节])")
_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_UNIT = {"十": 10, "百": 100, "千": 1000}


def to_decimal(text: str) -> Decimal | None:
    """'2,236.6' -> 2236.6; '二十六' -> 26; '三点五' -> 3.5; None if it is not a number."""
    text = text.replace(",", "").strip()
    try:
        return Decimal(text)
    except InvalidOperation:
        pass
    whole, point, fraction = text.replace(".", "点").partition("点")
    value = _integer(whole)
    if value is None:
        return None
    if not point:
        return Decimal(value)
    if not fraction or any(c not in _DIGIT for c in fraction):
        return None
    return Decimal(f"{value}.{''.join(str(_DIGIT[c]) for c in fraction)}")


def _integer(text: str) -> int | None:
    """二〇二三 -> 2023 (digit by digit); 三百零五 -> 305; 两千五 -> 2500 (the spoken short form); None for
    anything else (百 alone, 十十, a unit out of order)."""
    if not text or any(c not in _DIGIT and c not in _UNIT for c in text):
        return None
    if not any(c in _UNIT for c in text):
        return int("".join(str(_DIGIT[c]) for c in text))
    if text[0] in "零〇":
        return None
    total, digit, last_unit = 0, -1, 10_000  # digit -1: none read since the last unit
    for c in text:
        if c in _DIGIT:
            if digit > 0 and _DIGIT[c] > 0:
                return None  # two digits in a row (三五百)
            digit = _DIGIT[c]
            continue
        unit = _UNIT[c]
        if unit >= last_unit or digit == 0 or (digit < 0 and (unit != 10 or total)):
            return None
        total += max(digit, 1) * unit
        last_unit, digit = unit, -1
    if digit > 0:  # 三百五 is 350, 三百零五 305
        total += digit * (last_unit // 10 if text[-2] in _UNIT and last_unit > 10 else 1)
    return total


def ordinals_to_digits(text: str) -> str:
    """第二十六届高交会 -> 第26届高交会 (only ordinals: 一是 and 十四五 stay words)."""
    def repl(match: re.Match[str]) -> str:
        value = to_decimal(match.group(1))
        return f"第{value}" if value is not None else match.group()
    return _ORDINAL.sub(repl, text)
