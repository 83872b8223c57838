"""A faster compile of regex character classes that hold Chinese characters, same compiled code.

CPython's `re` builds a class's bitmap one code point at a time in Python: `[\u4e00-\u9fff]` costs 2 ms to
compile, and any class or alternation of Chinese words (its first characters become a class) about 0.5 ms.
The package compiles some 350 such patterns at start-up, a tenth of a `compare` command. `install()` swaps
in the same algorithm with each range filled by one slice assignment, for a class without case folding (the
folded ones go to the original); the result is equal, list for list, to what the original returns (see
tests/text/test_charsets.py). Only for the Python versions whose `_optimize_charset` it copies (3.11-3.13,
one text); elsewhere `re` is left as it is."""
from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any

# re's private modules (no stubs): the compiler whose function is swapped, and its opcodes.
_compiler: Any = importlib.import_module("re._compiler")
_constants: Any = importlib.import_module("re._constants")
BIGCHARSET, CHARSET, LITERAL, NEGATE, RANGE = (getattr(_constants, name) for name in
                                               ("BIGCHARSET", "CHARSET", "LITERAL", "NEGATE", "RANGE"))
_ORIGINAL: Callable[..., Any] = _compiler._optimize_charset
_KNOWN = ((3, 11), (3, 12), (3, 13))  # versions with the copied text of _optimize_charset
_BMP = 0x10000
_EMPTY, _FULL = bytes(256), b"\1" * 256


def optimize_charset(charset: list[tuple[Any, Any]], iscased: Any = None, fixup: Any = None,
                     fixes: Any = None) -> tuple[list[tuple[Any, Any]], bool]:
    """re._compiler._optimize_charset, its ranges filled by slices (case-folded classes: the original)."""
    if fixup is not None:
        folded: tuple[list[tuple[Any, Any]], bool] = _ORIGINAL(charset, iscased, fixup, fixes)
        return folded
    out: list[tuple[Any, Any]] = []
    tail: list[tuple[Any, Any]] = []
    # The original widens the map to the BMP on its first code point past 255; the widest one decides it.
    wide = any((op is LITERAL and av > 255) or (op is RANGE and av[1] > 255) for op, av in charset)
    charmap = bytearray(_BMP if wide else 256)
    for op, av in charset:
        if op is LITERAL:
            if av < _BMP:
                charmap[av] = 1
            else:
                tail.append((op, av))
        elif op is RANGE:
            low, high = av
            top = min(high, _BMP - 1)
            if low <= top:
                charmap[low:top + 1] = b"\1" * (top + 1 - low)
            if high >= _BMP:  # past the BMP: the original keeps the range as it is, after the map
                tail.append((op, av))
        elif op is NEGATE:
            out.append((op, av))
        else:
            tail.append((op, av))
    return _compress(charset, out, tail, charmap)


def _compress(charset: list[tuple[Any, Any]], out: list[tuple[Any, Any]], tail: list[tuple[Any, Any]],
              charmap: bytearray) -> tuple[list[tuple[Any, Any]], bool]:
    """The original's second half, as it is: one or two runs as literals and ranges, else a bitmap."""
    runs: list[tuple[int, int]] = []
    few = True  # at most two runs of set code points
    q = 0
    while True:
        p = charmap.find(1, q)
        if p < 0:
            break
        if len(runs) >= 2:
            few = False
            break
        q = charmap.find(0, p)
        if q < 0:
            runs.append((p, len(charmap)))
            break
        runs.append((p, q))
    if few:
        for p, q in runs:
            out.append((LITERAL, p) if q - p == 1 else (RANGE, (p, q - 1)))
        out += tail
        return (out, False) if len(out) < len(charset) else (charset, False)
    if len(charmap) == 256:
        out.append((CHARSET, _compiler._mk_bitmap(charmap)))
        return out + tail, False
    # 256 chunks of 256 code points, each distinct one numbered in order of first appearance; a run of empty
    # or full chunks (most of the BMP, a block of Chinese characters) is skipped to its end in one search.
    frozen = bytes(charmap)
    comps: dict[bytes, int] = {}
    mapping = bytearray(256)
    block = 0
    data = bytearray()
    i = 0
    while i < 256:
        chunk = frozen[i * 256:(i + 1) * 256]
        n = 1
        if chunk in (_EMPTY, _FULL):
            end = frozen.find(0 if chunk == _FULL else 1, i * 256)
            n = (256 if end < 0 else end // 256) - i
        if chunk not in comps:
            comps[chunk] = block
            block += 1
            data += chunk
        mapping[i:i + n] = bytes((comps[chunk],)) * n
        i += n
    bits = _compiler._mk_bitmap(data)
    bits[0:0] = [block, *_compiler._bytes_to_codes(mapping)]
    out.append((BIGCHARSET, bits))
    return out + tail, False


def install() -> None:
    """Use optimize_charset for every pattern compiled from now on (on the known Python versions)."""
    if sys.version_info[:2] in _KNOWN:
        _compiler._optimize_charset = optimize_charset
