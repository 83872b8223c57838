"""Patterns compiled at their first use, for rules a command may never reach."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache, partial
from typing import Any


def lazy_pattern(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """The pattern, compiled when first asked for, then kept. re compiles a class of characters beyond Latin-1
    in Python: it marks each code point of a range one at a time (21k of them for U+4E00-U+9FFF, half a
    millisecond, whatever the flags) and cuts a class of more than two runs into 256 blocks it hashes (0.2 ms).
    The package's ~280 patterns are a sixth of a compare's time; a rule for web pages, or one only some
    reports reach, waits until it is used."""
    return cache(partial(re.compile, pattern, flags))


class GuardedPattern:
    """A pattern tried only on a text that passes `needs`, a cheap test every match passes (a word it must hold,
    the word it ends on), and compiled at its first such text. A rule's pattern with classes of the Chinese
    range costs half a millisecond a class to compile; most main phrases a rule reads cannot match it (none in
    a compare of two work reports), so it is never compiled. `needs` must hold wherever the pattern matches:
    then each method returns what the pattern's own does."""

    __slots__ = ("_pattern", "flags", "needs", "pattern")

    def __init__(self, pattern: str, needs: Callable[[str], object], flags: int = 0) -> None:
        self.pattern, self.flags, self.needs = pattern, flags, needs
        self._pattern = lazy_pattern(pattern, flags)

    def search(self, text: str) -> re.Match[str] | None:
        return self._pattern().search(text) if self.needs(text) else None

    def match(self, text: str) -> re.Match[str] | None:
        return self._pattern().match(text) if self.needs(text) else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self._pattern().finditer(text) if self.needs(text) else iter(())

    def findall(self, text: str) -> list[Any]:
        return self._pattern().findall(text) if self.needs(text) else []

    def sub(self, repl: str, text: str) -> str:
        return self._pattern().sub(repl, text) if self.needs(text) else text


def ends_on(*ends: str) -> Callable[[str], bool]:
    """What a pattern that ends on one of `ends` and then `$` needs of a text: to end on one, or on one and a
    newline (`$` matches before a final newline too)."""
    return lambda text: text.removesuffix("\n").endswith(ends)
