"""Ignore patterns (counters, timestamps: text that never counts as a change), run by the `regex`
package under a time limit: a pattern like `(\\w+\\s?)+$` must not hang a pass for minutes."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..errors import DiffError

if TYPE_CHECKING:  # loaded when a watch has ignore patterns, not by every text comparison
    import regex

IGNORED = "\x00ignored"  # what an ignored match compares as
RUN_SECONDS = 2.0  # one search over one paragraph
_PROBE_SECONDS = 0.25
# Lines on which a catastrophically backtracking pattern shows itself at once.
_PROBES = ("a" * 3000 + "!", "浏览次数" * 800 + "x", " " * 3000 + "\n!", "1" * 3000 + "x", "a1 " * 1000 + "!")


class Ignore:
    """A watch's ignore list as one pattern; every run is bounded by RUN_SECONDS (TimeoutError past it)."""

    def __init__(self, patterns: Iterable[str]) -> None:
        import regex

        self.patterns = [p for p in patterns if p]
        self.regex = regex.compile("|".join(f"(?:{p})" for p in self.patterns), regex.V0)

    def sub(self, replacement: str, text: str) -> str:
        return str(self.regex.sub(replacement, text, timeout=RUN_SECONDS))

    def finditer(self, text: str) -> Iterator[regex.Match[str]]:
        return iter(list(self.regex.finditer(text, timeout=RUN_SECONDS)))


def compile_ignore(patterns: Iterable[str]) -> Ignore | None:
    """One Ignore for a list of patterns (None when empty); a pattern that does not compile, or that
    backtracks catastrophically on a probe line, is a DiffError naming it."""
    patterns = [p for p in patterns if p]
    if not patterns:
        return None
    for pattern in patterns:
        check_pattern(pattern)
    return Ignore(patterns)


def check_pattern(pattern: str) -> None:
    import regex

    try:
        compiled = regex.compile(pattern, regex.V0)
    except (regex.error, OverflowError, RecursionError) as exc:
        raise DiffError(f"ignore pattern {pattern!r}: {exc}") from None
    for probe in _PROBES:
        try:
            compiled.search(probe, timeout=_PROBE_SECONDS)
        except TimeoutError:
            raise DiffError(f"ignore pattern {pattern!r}: backtracks catastrophically (over {_PROBE_SECONDS:g} s "
                            f"on a {len(probe):,}-character line); make its repetitions unambiguous") from None
