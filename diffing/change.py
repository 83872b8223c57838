"""What changed between two versions of one page, as values: the diff, a one-line headline and the lines a
reader checks first (changed figures, new programs, the passages that changed most). Rendering nothing: the
pass works it out while it still fetches, the outbox formats it and writes its redline, the web app shows it."""
from __future__ import annotations

from dataclasses import dataclass

from ..text.pictures import digest_edit, picture, replaced, undigested
from .diff import DiffResult, diff_texts
from .figures import extract_figures
from .pairing import pair_figures
from .programs import extract_programs, pair_programs

TOP_PASSAGES = 3
ANALYSED_CHARS = 200_000  # of changed text read for figures and programs (a rewrite of a huge page)


@dataclass(frozen=True)
class Change:
    diff: DiffResult
    headline: str
    lines: tuple[str, ...]
    figures: tuple[tuple[str, str, str], ...] = ()  # each changed figure: (metric, old as written, new as written)
    images: tuple[str, ...] = ()  # each image replaced under the same src and alt, by its name


def clip(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _headline(result: DiffResult, old_lines: list[str], new_lines: list[str], replaced_: tuple[str, ...]) -> str:
    """The summary line: the text's edits counted apart from its images' lines (a replaced chart is no
    edited paragraph, its digest no characters), and the images replaced, added and removed after them."""
    old_pictures = [p for line in old_lines if (p := picture(line)) is not None]
    new_pictures = [p for line in new_lines if (p := picture(line)) is not None]
    s = result.summary
    if old_pictures or new_pictures:
        old_text, new_text = ("\n".join(line for line in lines if picture(line) is None)
                              for lines in (old_lines, new_lines))
        s = diff_texts(old_text, new_text).summary
    before, after = ({(p.alt, p.src) for p in side} for side in (old_pictures, new_pictures))
    added = [clip(p.name) for p in new_pictures if (p.alt, p.src) not in before]
    removed = [clip(p.name) for p in old_pictures if (p.alt, p.src) not in after]
    counts = [(len(replaced_), "replaced"), (len(added), "added"), (len(removed), "removed")]
    if not (s.chars_inserted or s.chars_deleted or s.paragraphs_moved) and any(n for n, _ in counts):
        return "; ".join(f"image {kind}: " + "; ".join(names)
                         for kind, names in (("replaced", replaced_), ("added", added), ("removed", removed)) if names)
    text = (f"{s.percent_changed:g}% changed: +{s.chars_inserted}/-{s.chars_deleted} characters, "
            f"{s.paragraphs_changed} paragraph(s) edited, {s.paragraphs_added} added, "
            f"{s.paragraphs_removed} removed, {s.paragraphs_moved} moved")
    return text + ("; images: " + ", ".join(f"{n} {kind}" for n, kind in counts) if any(n for n, _ in counts) else "")


def describe(old_full: str, new_full: str, old_text: str) -> Change:
    """The change from OLD to NEW (each a document's full text: title, metadata and body); `old_text` is OLD's
    body, read whole for programs, since a program is new only if OLD names it nowhere."""
    result = diff_texts(old_full, new_full)
    old_lines, new_lines = old_full.splitlines(), new_full.splitlines()
    images = tuple(clip(p.name) for p in replaced(old_lines, new_lines))
    if images and list(map(undigested, old_lines)) == list(map(undigested, new_lines)):
        headline = "image replaced: " + "; ".join(images)  # only an image's bytes changed
    else:
        headline = _headline(result, old_lines, new_lines, images)
    old_changed, new_changed = (side[:ANALYSED_CHARS] for side in result.changed_sides())
    figures = tuple((f.metric, f.old.raw, f.new.raw) for f in pair_figures(extract_figures(old_changed),
                                                                         extract_figures(new_changed))
                    if f.status == "changed" and f.old and f.new)
    lines = [f"figure: {metric} {old} → {new}" for metric, old, new in figures]
    lines += [f"image replaced: {name}" for name in images]
    for program in pair_programs(extract_programs(old_text[:ANALYSED_CHARS]), extract_programs(new_changed)):
        if program.status == "new":
            lines.append(f"new program: {program.name}")
    edits = sorted((e for e in result.edits(context=12) if not digest_edit(e.before, e.old, e.new)),
                   key=lambda e: len(e.old) + len(e.new), reverse=True)[:TOP_PASSAGES]
    for edit in edits:
        if edit.kind == "move":
            lines.append(f"moved: “{clip(edit.new)}”")
        elif edit.kind == "insert":
            lines.append(f"added: “{clip(edit.new)}”")
        elif edit.kind == "delete":
            lines.append(f"removed: “{clip(edit.old)}”")
        elif len(edit.old) + len(edit.new) < 24:  # a few characters mean nothing without their words around
            lines.append(f"changed: “…{edit.before}{edit.old}{edit.after}…” → “…{edit.before}{edit.new}{edit.after}…”")
        else:
            lines.append(f"changed: “{clip(edit.old)}” → “{clip(edit.new)}”")
    return Change(result, headline, tuple(lines), figures, images)
