"""Paragraph alignment before any token diff: equal paragraphs by LCS, moved ones by identical
content out of order, edited ones by similarity within the gaps. This keeps every token diff small."""
from __future__ import annotations

from dataclasses import dataclass

import fast_diff_match_patch as fdmp
from rapidfuzz import fuzz

PAIR_THRESHOLD = 50.0  # rapidfuzz ratio (0-100) for "the same paragraph, edited"
BAND = 60  # how far apart (in paragraphs) an edited pair may sit within one gap


@dataclass
class Alignment:
    pairs: list[tuple[int, int, bool]]  # (old index, new index, identical) in order, monotone
    moves: dict[int, int]  # new index -> old index of a paragraph that moved unchanged


def encode_keys(*sequences: list[str]) -> list[str]:
    """Map each distinct key to one private-use code point, so diff-match-patch diffs sequences."""
    codes: dict[str, str] = {}
    out = []
    for seq in sequences:
        chars = []
        for key in seq:
            if key not in codes:
                n = len(codes)
                codes[key] = chr(0xF0000 + n) if n < 0x1FFFD else chr(0xE000 + n - 0x1FFFD)
            chars.append(codes[key])
        out.append("".join(chars))
    return out


def align(old: list[str], new: list[str]) -> Alignment:
    """old and new are paragraph keys."""
    a, b = encode_keys(old, new)
    pairs: list[tuple[int, int, bool]] = []
    gaps: list[tuple[list[int], list[int]]] = []
    i = j = 0
    gap_old: list[int] = []
    gap_new: list[int] = []
    for op, text in fdmp.diff(a, b, timelimit=0, cleanup="No", counts_only=False):
        if op == "=":
            if gap_old or gap_new:
                gaps.append((gap_old, gap_new))
                gap_old, gap_new = [], []
            gaps.append(([], []))  # marker: equal run follows
            for _ in text:
                pairs.append((i, j, True))
                i += 1
                j += 1
        elif op == "-":
            gap_old.extend(range(i, i + len(text)))
            i += len(text)
        else:
            gap_new.extend(range(j, j + len(text)))
            j += len(text)
    if gap_old or gap_new:
        gaps.append((gap_old, gap_new))
    moves = _moves(old, new, [g for g in gaps if g[0] or g[1]])
    moved_old = set(moves.values())
    for gap_old, gap_new in gaps:
        olds = [k for k in gap_old if k not in moved_old]
        news = [k for k in gap_new if k not in moves]
        pairs.extend(_pair_edited(old, new, olds, news))
    pairs.sort()
    return Alignment(pairs=pairs, moves=moves)


def _moves(old: list[str], new: list[str], gaps: list[tuple[list[int], list[int]]]) -> dict[int, int]:
    """Identical non-trivial paragraphs deleted in one place and inserted in another."""
    deleted: dict[str, list[int]] = {}
    for gap_old, _ in gaps:
        for k in gap_old:
            if len(old[k]) >= 8:
                deleted.setdefault(old[k], []).append(k)
    moves = {}
    for _, gap_new in gaps:
        for k in gap_new:
            if deleted.get(new[k]):
                moves[k] = deleted[new[k]].pop(0)
    return moves


def _pair_edited(old: list[str], new: list[str], olds: list[int], news: list[int]) -> list[tuple[int, int, bool]]:
    """Monotone best-similarity pairing (a small DP) between the old and new paragraphs of one gap."""
    if not olds or not news:
        return []
    n, m = len(olds), len(news)
    scores = [[fuzz.ratio(old[olds[x]], new[news[y]], score_cutoff=PAIR_THRESHOLD) if abs(x - y) <= BAND else 0.0
               for y in range(m)] for x in range(n)]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for x in range(n - 1, -1, -1):
        for y in range(m - 1, -1, -1):
            take = 0.0
            if abs(x - y) <= BAND and scores[x][y] >= PAIR_THRESHOLD:
                take = scores[x][y] + best[x + 1][y + 1]
            best[x][y] = max(take, best[x + 1][y], best[x][y + 1])
    pairs = []
    x = y = 0
    while x < n and y < m:
        if abs(x - y) <= BAND and scores[x][y] >= PAIR_THRESHOLD and best[x][y] == scores[x][y] + best[x + 1][y + 1]:
            pairs.append((olds[x], news[y], False))
            x += 1
            y += 1
        elif best[x][y] == best[x + 1][y]:
            x += 1
        else:
            y += 1
    return pairs
