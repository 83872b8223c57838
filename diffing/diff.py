"""Diff two texts for people and scripts: paragraphs aligned first, then a word-level
diff-match-patch (fast C++ build, no time limit) inside each edited pair, with semantic cleanup."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

import fast_diff_match_patch as fdmp

from ..errors import DiffError
from ..text.ignore import Ignore, compile_ignore
from ..text.normal import fold, paragraph_key
from .align import Alignment, align, encode_keys
from .structure import section_paths
from .tokens import Granularity, Token, tokenize

KINDS = ("equal", "insert", "delete", "move")


@dataclass
class Op:
    """One operation. `text` is NEW's text for equal/insert/move and OLD's for delete; `old_text` is
    set on an equal or move op whose OLD characters differ only by noise (width, spacing, punctuation variant).
    Offsets are [start, end) in the respective text; a move carries both."""

    op: str
    text: str
    old: tuple[int, int] | None
    new: tuple[int, int] | None
    section: list[str] = field(default_factory=list)
    old_text: str | None = None
    paragraph: int = 0  # display row: ops sharing it make up one shown paragraph

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        if self.old_text is None:
            del data["old_text"]
        return data


@dataclass
class Summary:
    chars_inserted: int = 0
    chars_deleted: int = 0
    paragraphs_added: int = 0
    paragraphs_removed: int = 0
    paragraphs_changed: int = 0
    paragraphs_moved: int = 0
    percent_changed: float = 0.0


@dataclass
class Edit:
    """What a reader counts as one change: a run of inserts/deletes between equal text, or a move."""

    kind: str  # replace | insert | delete | move
    old: str
    new: str
    section: list[str]
    before: str = ""  # unchanged text just before it in its paragraph (a short edit needs it to be read)
    after: str = ""  # and just after it


@dataclass
class DiffResult:
    old: str
    new: str
    ops: list[Op]
    summary: Summary
    granularity: str
    noise: bool = False

    @property
    def equal(self) -> bool:
        """No change a reader can see: only equal ops, or (noise off) ops that add or remove blank space."""
        return all(op.op == "equal" or (not self.noise and op.op in ("insert", "delete") and not fold(op.text))
                   for op in self.ops)

    def edits(self, context: int = 0) -> list[Edit]:
        """The edits in order; `context` characters of the unchanged text around each, from its own
        paragraph, fill Edit.before and Edit.after."""
        out: list[Edit] = []
        run: list[Op] = []
        ops = self.ops

        def around(index: int, step: int, paragraph: int) -> str:
            index += step
            if not context or not 0 <= index < len(ops) or ops[index].op != "equal" \
                    or ops[index].paragraph != paragraph:
                return ""
            text = ops[index].text.split("\n")[-1 if step < 0 else 0]
            return text[-context:] if step < 0 else text[:context]

        def flush(end: int) -> None:
            if run:
                old = "".join(o.text for o in run if o.op == "delete")
                new = "".join(o.text for o in run if o.op == "insert")
                kind = "replace" if old and new else ("insert" if new else "delete")
                paragraph = run[0].paragraph
                out.append(Edit(kind, old, new, run[0].section, around(end - len(run), -1, paragraph),
                                around(end - 1, 1, paragraph)))
                run.clear()

        for index, op in enumerate(ops):
            if op.op == "equal":
                flush(index)
            elif op.op == "move":
                flush(index)
                out.append(Edit("move", op.text, op.text, op.section))
            else:
                run.append(op)
        flush(len(ops))
        return out

    def changed_sides(self) -> tuple[str, str]:
        """OLD's and NEW's text of the paragraphs that changed (moves excluded): where a summary of
        the change needs to look for figures and names."""
        rows: dict[int, list[Op]] = {}
        for op in self.ops:
            rows.setdefault(op.paragraph, []).append(op)
        old_parts, new_parts = [], []
        for ops in rows.values():
            if all(op.op in ("equal", "move") for op in ops):
                continue
            old_parts.append("".join(op.old_text if op.old_text is not None else op.text
                                     for op in ops if op.op in ("equal", "delete")))
            new_parts.append("".join(op.text for op in ops if op.op in ("equal", "insert")))
        return _lines(old_parts), _lines(new_parts)

    def to_dict(self) -> dict[str, Any]:
        return {"granularity": self.granularity, "equal": self.equal, "summary": asdict(self.summary),
                "ops": [op.to_dict() for op in self.ops]}


def _lines(parts: list[str]) -> str:
    return "\n".join(p.strip() for p in parts if p.strip())


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, paragraph including its newline) tiling the text."""
    out = []
    pos = 0
    for line in text.splitlines(keepends=True):
        out.append((pos, line))
        pos += len(line)
    return out


def diff_texts(old: str, new: str, granularity: Granularity = "word", ignore: Ignore | Iterable[str] | None = None,
               noise: bool = False) -> DiffResult:
    """Diff OLD and NEW. Noise (width, spacing, punctuation variants) is equal unless `noise`."""
    if granularity not in ("char", "word", "sentence"):
        raise DiffError(f"granularity {granularity!r}: use char, word or sentence")
    pattern = ignore if isinstance(ignore, Ignore) or ignore is None else compile_ignore(ignore)
    old_paras, new_paras = _paragraphs(old), _paragraphs(new)
    old_keys = [paragraph_key(p.rstrip("\r\n"), pattern, noise) for _, p in old_paras]
    new_keys = [paragraph_key(p.rstrip("\r\n"), pattern, noise) for _, p in new_paras]
    alignment = _align_content(old_keys, new_keys, noise)
    old_sections = section_paths([p for _, p in old_paras])
    new_sections = section_paths([p for _, p in new_paras])
    moved_old = set(alignment.moves.values())
    ops: list[Op] = []
    summary = Summary()

    def span(paras: list[tuple[int, str]], k: int) -> tuple[int, int]:
        return paras[k][0], paras[k][0] + len(paras[k][1])

    i = j = 0
    row = 0

    def add(*new_ops: Op) -> None:
        nonlocal row
        for op in new_ops:
            op.paragraph = row
        ops.extend(new_ops)
        row += 1

    for oi, nj, identical in [*alignment.pairs, (len(old_paras), len(new_paras), True)]:
        while i < oi:
            if i not in moved_old:
                add(Op("delete", old_paras[i][1], span(old_paras, i), None, old_sections[i]))
                summary.paragraphs_removed += 1
            i += 1
        while j < nj:
            if j in alignment.moves:
                k = alignment.moves[j]
                moved_text = old_paras[k][1]
                add(Op("move", new_paras[j][1], span(old_paras, k), span(new_paras, j), new_sections[j],
                       None if moved_text == new_paras[j][1] else moved_text))
                summary.paragraphs_moved += 1
            else:
                add(Op("insert", new_paras[j][1], None, span(new_paras, j), new_sections[j]))
                summary.paragraphs_added += 1
            j += 1
        if oi >= len(old_paras):
            break
        o_text, n_text = old_paras[oi][1], new_paras[nj][1]
        if identical:
            add(Op("equal", n_text, span(old_paras, oi), span(new_paras, nj), new_sections[nj],
                   None if o_text == n_text else o_text))
        else:
            inner = _token_diff(o_text, n_text, old_paras[oi][0], new_paras[nj][0], granularity, pattern, noise,
                                new_sections[nj])
            if any(op.op != "equal" for op in inner):
                summary.paragraphs_changed += 1
            add(*inner)
        i, j = oi + 1, nj + 1
    ops = _merge(ops)
    for op in ops:
        if op.op == "insert":
            summary.chars_inserted += len(op.text.strip())
        elif op.op == "delete":
            summary.chars_deleted += len(op.text.strip())
    total = len(old.strip()) + len(new.strip())
    moved = sum(len(op.text.strip()) for op in ops if op.op == "move")
    changed = summary.chars_inserted + summary.chars_deleted + 2 * moved
    summary.percent_changed = round(100.0 * changed / total, 2) if total else 0.0
    return DiffResult(old, new, ops, summary, granularity, noise)


def _align_content(old_keys: list[str], new_keys: list[str], noise: bool) -> Alignment:
    """Align the paragraphs that have content; blank ones (spacing, unless noise counts) never anchor
    the alignment, so "\n\n，" against "，\n\n" pairs the commas, not the blank lines."""
    old_at = [i for i, k in enumerate(old_keys) if k or noise]
    new_at = [j for j, k in enumerate(new_keys) if k or noise]
    found = align([old_keys[i] for i in old_at], [new_keys[j] for j in new_at])
    return Alignment(pairs=[(old_at[a], new_at[b], same) for a, b, same in found.pairs],
                     moves={new_at[b]: old_at[a] for b, a in found.moves.items()})


def _token_diff(old: str, new: str, old_at: int, new_at: int, granularity: Granularity,
                pattern: Ignore | None, noise: bool, section: list[str]) -> list[Op]:
    a_tokens, b_tokens = tokenize(old, granularity, pattern, noise), tokenize(new, granularity, pattern, noise)
    a, b = encode_keys([t.key for t in a_tokens], [t.key for t in b_tokens])
    ops: list[Op] = []
    x = y = 0  # token indexes
    op_at, np_at = old_at, new_at
    for kind, codes in fdmp.diff(a, b, timelimit=0, cleanup="Semantic", counts_only=False):
        count = len(codes)
        if kind == "=":
            o = _join(a_tokens[x:x + count])
            n = _join(b_tokens[y:y + count])
            ops.append(Op("equal", n, (op_at, op_at + len(o)), (np_at, np_at + len(n)), section,
                          None if o == n else o))
            x, y, op_at, np_at = x + count, y + count, op_at + len(o), np_at + len(n)
        elif kind == "-":
            o = _join(a_tokens[x:x + count])
            ops.append(Op("delete", o, (op_at, op_at + len(o)), None, section))
            x, op_at = x + count, op_at + len(o)
        else:
            n = _join(b_tokens[y:y + count])
            ops.append(Op("insert", n, None, (np_at, np_at + len(n)), section))
            y, np_at = y + count, np_at + len(n)
    return ops


def _join(tokens: list[Token]) -> str:
    return "".join(t.text for t in tokens)


def _merge(ops: list[Op]) -> list[Op]:
    """Adjacent ops of one kind within one paragraph become one."""
    out: list[Op] = []
    for op in ops:
        prev = out[-1] if out else None
        if prev and prev.op == op.op and op.op in ("insert", "delete", "equal") and _contiguous(prev, op) \
                and prev.paragraph == op.paragraph:
            old_text = None
            if op.op == "equal" and (prev.old_text is not None or op.old_text is not None):
                old_text = (prev.old_text if prev.old_text is not None else prev.text) + \
                           (op.old_text if op.old_text is not None else op.text)
            out[-1] = Op(op.op, prev.text + op.text,
                         (prev.old[0], op.old[1]) if prev.old and op.old else prev.old or op.old,
                         (prev.new[0], op.new[1]) if prev.new and op.new else prev.new or op.new,
                         prev.section, old_text, prev.paragraph)
        else:
            out.append(op)
    return out


def _contiguous(a: Op, b: Op) -> bool:
    return all(x is None or y is None or x[1] == y[0] for x, y in ((a.old, b.old), (a.new, b.new)))


def rebuild_new(ops: list[Op]) -> str:
    """NEW, from the operations alone (what json consumers rely on)."""
    return "".join(op.text for op in ops if op.op in ("equal", "insert", "move"))


def rebuild_old(ops: list[Op]) -> str:
    """OLD, from the operations alone, in OLD's order."""
    pieces = [(op.old[0], op.old_text if op.old_text is not None else op.text)
              for op in ops if op.old is not None]
    return "".join(text for _, text in sorted(pieces, key=lambda p: p[0]))
