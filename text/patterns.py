"""Patterns compiled at their first use, for rules a command may never reach."""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, partial


def lazy_pattern(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """The pattern, compiled when first asked for, then kept. re compiles a class of characters beyond Latin-1
    in Python: it marks each code point of a range one at a time (21k of them for U+4E00-U+9FFF, half a
    millisecond, whatever the flags) and cuts a class of more than two runs into 256 blocks it hashes (0.2 ms).
    The package's ~280 patterns are a sixth of a compare's time; a rule for web pages, or one only some
    reports reach, waits until it is used."""
    return cache(partial(re.compile, pattern, flags))
