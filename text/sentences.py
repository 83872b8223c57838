"""The one sentence splitter: Chinese and Western terminators, a closing quote or bracket staying with
the sentence it closes, and a line end closing a sentence too (a heading has no full stop)."""
from __future__ import annotations

import re

TERMINATORS = "。！？；!?;"
_SENTENCE = re.compile(rf"[^{TERMINATORS}\n]*(?:[{TERMINATORS}]+[”’\"』」)）]*|\n|$)")


_ENDS = re.compile(rf"[{TERMINATORS}][”’\"』」)）]*$")


def ends_sentence(line: str) -> bool:
    """Whether a line ends as a sentence does (a heading or a menu item does not)."""
    return _ENDS.search(line) is not None


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence; the spans tile the text (line ends included)."""
    return [m.span() for m in _SENTENCE.finditer(text) if m.end() > m.start()]


def split_sentences(text: str) -> list[str]:
    """The sentences, tiling the text (whitespace and line ends kept): for the differ. The pattern has no
    group, so findall gives each match's text (the empty match at the end dropped) without a match object."""
    return [s for s in _SENTENCE.findall(text) if s]


def sentences(text: str) -> list[str]:
    """The sentences without surrounding whitespace, empty ones dropped: for reading and matching."""
    return [s for s in map(str.strip, _SENTENCE.findall(text)) if s]
