"""Paragraph alignment before any token diff: equal paragraphs by LCS, moved ones by identical
content out of order, edited ones by similarity within the gaps. This keeps every token diff small."""
from __future__ import annotations

from dataclasses import dataclass

import fast_diff_match_patch as fdmp
from rapidfuzz import fuzz, process

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


def _candidates(old: list[str], new: list[str], olds: list[int], news: list[int]) -> list[tuple[int, int, float]]:
    """(x, y, similarity) of every old/new paragraph pair of one gap within BAND of each other that is
    similar enough to be one paragraph edited: at most BAND x 2 + 1 comparisons per paragraph, each batch
    one call into rapidfuzz."""
    texts = [new[k] for k in news]
    out = []
    for x, k in enumerate(olds):
        low, high = max(0, x - BAND), min(len(news), x + BAND + 1)
        if low >= high:
            continue
        for _, score, y in process.extract(old[k], texts[low:high], scorer=fuzz.ratio, limit=None,
                                           score_cutoff=PAIR_THRESHOLD):
            out.append((x, low + y, float(score)))
    return out


def _pair_edited(old: list[str], new: list[str], olds: list[int], news: list[int]) -> list[tuple[int, int, bool]]:
    """Monotone best-similarity pairing between the old and new paragraphs of one gap: the heaviest chain of
    candidate pairs increasing in both sides, found over the candidates only (a Fenwick tree of prefix
    maxima), so a gap of thousands of dissimilar paragraphs costs what its candidates cost, not n x m."""
    if not olds or not news:
        return []
    candidates = sorted(_candidates(old, new, olds, news))
    size = len(news)
    tree: list[tuple[float, int]] = [(0.0, -1)] * (size + 1)  # prefix max over y of (chain weight, candidate)

    def best_before(y: int) -> tuple[float, int]:
        found = (0.0, -1)  # the best chain ending at a new paragraph before y
        while y > 0:
            found = max(found, tree[y])
            y -= y & -y
        return found

    def record(y: int, value: tuple[float, int]) -> None:
        y += 1
        while y <= size:
            tree[y] = max(tree[y], value)
            y += y & -y

    weight = [0.0] * len(candidates)
    previous = [-1] * len(candidates)
    start = 0
    while start < len(candidates):  # one old paragraph at a time: its candidates extend chains of earlier ones
        end = start
        while end < len(candidates) and candidates[end][0] == candidates[start][0]:
            end += 1
        for c in range(start, end):
            chain, link = best_before(candidates[c][1])
            weight[c], previous[c] = chain + candidates[c][2], link
        for c in range(start, end):
            record(candidates[c][1], (weight[c], c))
        start = end
    pairs = []
    c = max(range(len(candidates)), key=weight.__getitem__, default=-1)
    while c >= 0:
        pairs.append((olds[candidates[c][0]], news[candidates[c][1]], False))
        c = previous[c]
    return pairs[::-1]
