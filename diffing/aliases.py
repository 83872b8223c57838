"""Other names of one thing that no rule derives: an English acronym and its Chinese name (KAUST and
阿卜杜拉国王科技大学), an old and a new 简称. They come from the texts' own glosses
(阿卜杜拉国王科技大学（KAUST）) and from the analyst's glossary (`compare --aliases FILE`), and are used
only to match: every name is still shown as its own text wrote it."""
from __future__ import annotations

import re
from collections.abc import Iterable

from ..errors import InputError
from ..text.normal import fold
from ..text.patterns import GuardedPattern
from .tokens import tagged

_LATIN = r"[A-Za-z][A-Za-z0-9&.\-]{1,15}"
_HAN_RUN = r"[\u4e00-\u9fff]{2,30}"
_GLOSS_AFTER = re.compile(rf"({_HAN_RUN})[（(]\s*({_LATIN})\s*[）)]")  # 阿卜杜拉国王科技大学（KAUST）
_GLOSS_BEFORE = GuardedPattern(rf"(?<![A-Za-z])({_LATIN})\s*[（(]\s*({_HAN_RUN})\s*[）)]",  # KAUST（阿卜杜拉…）
                               re.compile(rf"{_LATIN}\s*[（(]").search)


class Aliases:
    """Groups of names of one thing; a name belongs to one group (groups sharing a name merge)."""

    def __init__(self, groups: Iterable[Iterable[str]] = ()) -> None:
        self._groups: list[set[str]] = []
        self._longest_first: list[tuple[str, int]] = []
        self._mentions: dict[str, dict[int, str]] = {}
        for group in groups:
            self.add(group)

    def add(self, names: Iterable[str]) -> None:
        new = {fold(n) for n in names if len(fold(n)) >= 2}
        if len(new) < 2:
            return
        merged = [g for g in self._groups if g & new]
        for group in merged:
            new |= group
            self._groups.remove(group)
        self._groups.append(new)
        self._mentions.clear()
        self._longest_first = sorted(((n, i) for i, g in enumerate(self._groups) for n in g),
                                     key=lambda ni: -len(ni[0]))

    def mentioned(self, text: str) -> dict[int, str]:
        """The groups a (folded) text names, each with the name it uses (the longest, so 国王科技大学
        inside 阿卜杜拉国王科技大学 is not a second mention)."""
        if text in self._mentions:
            return self._mentions[text]
        found: dict[int, str] = {}
        self._mentions[text] = found
        for name, group in self._longest_first:
            if group not in found and _occurs(name, text) and not any(name in used for used in found.values()):
                found[group] = name
        return found

    def variants(self, text: str) -> list[str]:
        """The text, then the text with each name it uses replaced by each other name of its group."""
        out = [text]
        for group, used in self.mentioned(text).items():
            out += [v.replace(used, other) for v in list(out) for other in sorted(self._groups[group] - {used})]
        return list(dict.fromkeys(out))

    def same_thing(self, a: str, b: str, suffixes: tuple[str, ...]) -> bool:
        """Two names that name one thing of one kind: each names the same group (in different words or
        not) and they end in the same kind (沙特KAUST创新中心 and 阿卜杜拉国王科技大学深圳创新中心)."""
        if not (self._groups and self.mentioned(a) and self.mentioned(b)):
            return False
        kind_a = max((s for s in suffixes if a.endswith(s)), key=len, default="")
        kind_b = max((s for s in suffixes if b.endswith(s)), key=len, default="")
        if not kind_a or kind_a != kind_b:
            return False
        return bool(self.mentioned(a).keys() & self.mentioned(b).keys())


def _occurs(name: str, text: str) -> bool:
    """A name in a text; a Latin one as a whole word (IC is not in ICT)."""
    if name not in text:
        return False
    if not (name[0].isascii() and name[0].isalnum()) and not (name[-1].isascii() and name[-1].isalnum()):
        return True
    return re.search(rf"(?<![A-Za-z0-9]){re.escape(name)}(?![A-Za-z0-9])", text) is not None


def _name_before(run: str) -> str:
    """The name that ends a run of Chinese text: what follows its last verb, preposition or conjunction
    (与阿卜杜拉国王科技大学 -> 阿卜杜拉国王科技大学)."""
    words = tagged(run)
    tags = [t for _, t in words]
    # the last word is the name's own, whatever its tag (协定 is tagged a verb)
    last = max((i for i, t in enumerate(tags[:-1]) if t in ("v", "p", "c", "u", "d", "r")), default=-1)
    return "".join(w for w, _ in words[last + 1:])


def glosses(text: str) -> list[tuple[str, str]]:
    """Name pairs a text glosses itself: a Chinese name with its Latin acronym in brackets, or the reverse."""
    pairs = [(_name_before(m.group(1)), m.group(2)) for m in _GLOSS_AFTER.finditer(text)]
    pairs += [(m.group(1), m.group(2)) for m in _GLOSS_BEFORE.finditer(text)]
    return [(a, b) for a, b in pairs if len(a) >= 2 and len(b) >= 2]


def parse_glossary(text: str, source: str) -> list[list[str]]:
    """An analyst's glossary: one thing per line, its names separated by `=`, `#` starts a comment.

        KAUST = 阿卜杜拉国王科技大学 = King Abdullah University of Science and Technology
    """
    groups = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        names = [n.strip() for n in line.split("=") if n.strip()]
        if len(names) < 2:
            raise InputError(f"{source}:{number}: an alias line needs two or more names joined by '=' "
                             f"(got {line[:60]!r})")
        groups.append(names)
    return groups
