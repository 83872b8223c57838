"""Tokenising Chinese text at the granularity a reader thinks in (characters, words, sentences).

Words come from rjieba (the Rust port of jieba: same tokens, loads in ~0.1 s) with Arabic numbers,
percentages and Latin words protected, so `2.47万家 -> 2.5万家` is one replaced number, never digits."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Literal, NamedTuple

from ..text.ignore import IGNORED, Ignore
from ..text.normal import fold_token
from ..text.sentences import split_sentences

Granularity = Literal["char", "word", "sentence"]

_PROTECTED = re.compile(r"[0-9０-９]+(?:[.,．][0-9０-９]+)*\s*[%％‰]?|[A-Za-zＡ-Ｚａ-ｚ][A-Za-zＡ-Ｚａ-ｚ0-9\-]*")
_PROTECTED_START = re.compile(r"[0-9０-９A-Za-zＡ-Ｚａ-ｚ]")  # the first characters of _PROTECTED's two kinds


def _cut(text: str) -> list[str]:
    import rjieba  # lazily: only word granularity needs the dictionary (loaded once, then a dict lookup)

    return rjieba.cut(text, hmm=True) if text else []


def tagged(text: str) -> list[tuple[str, str]]:
    """jieba's words with their parts of speech (v verb, n noun, ns place…)."""
    return list(_tagged(text))


@lru_cache(maxsize=16384)
def _tagged(text: str) -> tuple[tuple[str, str], ...]:
    """Memoised: the names of a report are tagged again by each step that reads them (a third of the calls
    are new texts)."""
    import rjieba

    return tuple(rjieba.tag(text))


class Token(NamedTuple):
    """A named tuple, not a dataclass: a report has tens of thousands of tokens, made a quarter faster."""

    text: str  # exact characters, trailing whitespace included (spans tile the text)
    key: str  # what comparison sees


def _pieces(text: str, granularity: Granularity) -> Iterable[str]:
    if granularity == "char":
        return list(text)
    if granularity == "sentence":
        return split_sentences(text)
    out: list[str] = []
    pos = 0
    # Each protected piece starts where _PROTECTED_START finds a character, and one always starts there: the
    # same pieces as _PROTECTED.finditer, found by a scan for one class, which re runs in a tight loop (a
    # pattern that opens on alternatives it tries at every position, a third of a microsecond a character).
    while (start := _PROTECTED_START.search(text, pos)) is not None:
        match = _PROTECTED.match(text, start.start())
        assert match is not None
        out.extend(_cut(text[pos:match.start()]))
        out.append(match.group())
        pos = match.end()
    out.extend(_cut(text[pos:]))
    return out


def tokenize(text: str, granularity: Granularity = "word", ignore: Ignore | None = None,
             noise: bool = False) -> list[Token]:
    """Tokens whose texts concatenate to `text` exactly. Whitespace joins the token before it and
    leaves the key (unless `noise`); a match of `ignore` is one token with a fixed key."""
    if granularity == "word" and ignore is None and not noise:
        return list(_words_of(text)) if len(text) <= _CACHED_UP_TO else _plain_words(text)
    return _tokens(text, granularity, ignore, noise)


_SPACE = re.compile(r"\s")  # str.isspace's characters
_CACHED_UP_TO = 2000  # characters: clauses and sentences are cached, whole documents never held


@lru_cache(maxsize=32768)
def _words_of(text: str) -> tuple[Token, ...]:
    """Word tokens, cached: the analysis of a report reads many clauses more than once."""
    return tuple(_plain_words(text))


def _plain_words(text: str) -> list[Token]:
    """_tokens of words without ignore or noise (nearly every call, from the analysis), in one loop without
    their tests: whitespace joins the token before it, or waits for the first one."""
    pieces = _whole_characters(_pieces(text, "word"))
    if not _SPACE.search(text):  # no piece is whitespace (most clauses): each is its own word token
        return list(map(_word_token, filter(None, pieces)))
    tokens: list[Token] = []
    pending = ""
    for piece in pieces:
        if not piece:
            continue
        if piece.isspace():
            if tokens:
                last = tokens[-1]
                tokens[-1] = _token(Token, (last.text + piece, last.key))
            else:
                pending += piece
        elif pending:
            tokens.append(_token(Token, (pending + piece, fold_token(piece))))
            pending = ""
        else:
            tokens.append(_word_token(piece))
    if pending:
        tokens.append(Token(pending, ""))
    return tokens


def _tokens(text: str, granularity: Granularity, ignore: Ignore | None, noise: bool) -> list[Token]:
    spans: list[tuple[str, bool]] = []
    pos = 0
    if ignore is not None:
        for match in ignore.finditer(text):
            if match.end() > match.start():
                spans.append((text[pos:match.start()], False))
                spans.append((match.group(), True))
                pos = match.end()
    spans.append((text[pos:], False))
    tokens: list[Token] = []
    pending = ""  # leading whitespace waits for the first token
    for chunk, ignored in spans:
        pieces = [chunk] if ignored else _whole_characters(_pieces(chunk, granularity))
        for piece in pieces:
            if not piece:
                continue
            if not ignored and not piece.strip() and tokens:
                last = tokens[-1]
                tokens[-1] = Token(last.text + piece, last.key + piece if noise else last.key)
                continue
            if not ignored and not piece.strip():
                pending += piece
                continue
            if not ignored and not noise and not pending:
                tokens.append(_word_token(piece))
                continue
            key = IGNORED if ignored else (piece if noise else fold_token(piece))
            tokens.append(_token(Token, (pending + piece, (pending + key) if noise else key)))
            pending = ""
    if pending:
        tokens.append(Token(pending, pending if noise else ""))
    return tokens


# Token(...) goes through a Python-level __new__; the tuple's own is a third of the cost of making one.
_token = tuple.__new__


@lru_cache(maxsize=65536)
def _word_token(piece: str) -> Token:
    """The token of a word with no whitespace before it, made once: a report repeats its words, so the
    cached tokenisations of its clauses share them (a 2 MB text held each word's characters per clause)."""
    return _token(Token, (piece, fold_token(piece)))


def _whole_characters(pieces: Iterable[str]) -> list[str]:
    """A combining mark stays with the character it modifies: width folding (NFKC) composes them, and
    a key must not depend on where the segmenter cut."""
    out: list[str] = []
    combining = unicodedata.combining
    for piece in pieces:
        if out and piece and combining(piece[0]):
            out[-1] += piece
        else:
            out.append(piece)
    return out
