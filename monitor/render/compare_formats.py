"""Compare renderers. Every format tells the same story in the same order, because each one renders the
same list of sections built once here: the summary, changed figures, how last year's targets came out,
new programs, commitments the new report no longer mentions, figures no longer reported, newly reported
figures, and then the rest (possible pairs, dropped and continuing programs, kept and unclear promises).
OLD is the old report everywhere."""
from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...text.normal import printable
from . import renderer
from .diff_formats import md_escape
from .templating import render_template

if TYPE_CHECKING:  # the analysis loads only when a result is rendered, not to register a format
    from ...diffing.compare import Comparison
    from ...diffing.figures import Figure

SHOWN = 15  # sure new programs and dropped promises shown by default, the most salient first
STATUS_LABELS = {"fulfilled": "reported as done", "carried_over": "promised again", "dropped": "not mentioned",
                 "possibly new": "possibly new", "possibly dropped": "possibly not mentioned",
                 "uncertain": "unclear", "new": "new", "continuing": "continuing", "changed": "changed",
                 "unchanged": "unchanged", "added": "newly reported", "removed": "no longer reported",
                 "possible": "possibly the same metric",
                 "qualifier": "only its qualifier changed", "met": "met", "missed": "missed", "exceeded": "exceeded",
                 "not reported": "not reported"}


@dataclass
class Cell:
    """A cell's text, and the part of it to highlight (the number or name in its sentence)."""

    text: str
    mark: str = ""

    def parts(self) -> tuple[str, str, str]:
        text = printable(self.text)
        at = text.find(self.mark) if self.mark else -1
        if at < 0:
            return text, "", ""
        return text[:at], self.mark, text[at + len(self.mark):]


@dataclass
class Section:
    key: str
    title: str
    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    note: str = ""
    main: bool = True  # False: the appendix


def _value(figure: Figure | None) -> str:
    return figure.raw if figure else "—"


def _label(side: Any, fallback: str) -> str:
    """The report's title and the year it looks back on, said as such: a 2026 report reviews 2025, and a bare
    (2025) beside 政府工作报告 reads as the report's own year."""
    year = f" (review of {side.year})" if side.year else ""
    return f"{side.title or fallback}{year}"


def _closest(text: str, score: float) -> Cell:
    return Cell(f"{text} ({score:.2f})" if text else "— (nothing alike)")


def _claims(key: str, title: str, columns: list[str], rows: list[list[Cell]], unsure: int, show_all: bool,
            note: str = "") -> Section:
    """A list of claims of absence: every sure one with --all, else the SHOWN most salient, and one line
    saying how many more (and how many unsure ones) there are."""
    shown = rows if show_all else rows[:SHOWN]
    more = len(rows) - len(shown)
    rest = ([f"{more} more"] if more else []) + ([f"{unsure} unsure"] if unsure else [])
    if rest and not show_all:
        note = (note + "; " if note else "") + " and ".join(rest) + " not shown (--all lists them)"
    return Section(key, title, columns, shown, note=note)


def story(result: Comparison, old_label: str = "OLD", new_label: str = "NEW", show_all: bool = False) -> list[Section]:
    """`show_all`: every claim, the unsure ones too; else the most salient sure ones and a count of the rest."""
    counts = result.counts()

    def count(kind: str, status: str) -> int:
        return counts[kind].get(status, 0)

    summary = Section("summary", "Summary", ["", ""], [
        [Cell("OLD"), Cell(_label(result.old, old_label))], [Cell("NEW"), Cell(_label(result.new, new_label))],
        [Cell("figures"), Cell(f"{count('figures', 'changed')} changed, {count('figures', 'qualifier')} with only "
                               f"the qualifier changed, {count('figures', 'possible')} possibly "
                               f"the same metric (check), {count('figures', 'unchanged')} unchanged, "
                               f"{count('figures', 'removed')} no longer reported, {count('figures', 'added')} new")],
        [Cell("targets"), Cell(f"of last year's targets: {count('targets', 'met')} met, {count('targets', 'exceeded')} "
                               f"exceeded, {count('targets', 'missed')} missed, {count('targets', 'not reported')} "
                               f"not reported")],
        [Cell("programs"), Cell(f"{count('programs', 'new')} new, {count('programs', 'possibly new')} possibly new "
                                f"(check), {count('programs', 'dropped')} no longer named, "
                                f"{count('programs', 'continuing')} continuing")],
        [Cell("commitments"), Cell(f"of last year's commitments: {count('commitments', 'dropped')} not mentioned, "
                                   f"{count('commitments', 'possibly dropped')} possibly not mentioned (check), "
                                   f"{count('commitments', 'fulfilled')} reported as done, "
                                   f"{count('commitments', 'carried_over')} promised again, "
                                   f"{count('commitments', 'uncertain')} unclear")],
        *([Cell("warning"), Cell(w)] for w in result.warnings)])
    figures = {s: [f for f in result.figures if f.status == s] for s in ("changed", "qualifier", "possible", "added",
                                                                             "removed")}
    sections = [summary, Section(
        "changed", "Changed figures", ["metric", "OLD", "NEW", "difference", "change", "NEW sentence"],
        [[Cell(f.metric), Cell(_value(f.old)), Cell(_value(f.new)), Cell(f.difference_text),
          Cell(f"{f.percent:+g}%" if f.percent is not None else ""),
          Cell(f.new.sentence if f.new else "", f.new.raw if f.new else "")] for f in figures["changed"]]),
        Section("targets", "Last year's targets and this year's results", ["metric", "target (OLD)", "result (NEW)",
                                                                           "outcome", "NEW sentence"],
                [[Cell(t.metric), Cell(t.target.raw), Cell(_value(t.result)), Cell(STATUS_LABELS[t.status]),
                  Cell(t.result.sentence if t.result else "", t.result.raw if t.result else "")]
                 for t in result.targets]),
        _claims("new-programs", "New programs", ["program", "where NEW names it", "closest in OLD (share)"],
                [[Cell(p.name), Cell(p.new_sentence, p.name.strip("《》“”\"")), _closest(p.closest, p.closest_score)]
                 for p in result.programs if p.status == "new"], count("programs", "possibly new"), show_all),
        _claims("dropped-commitments", "Commitments not mentioned in the new report",
                ["OLD promised", "section", "closest in NEW (share)"],
                [[Cell(c.text), Cell(c.section), _closest(c.closest, c.closest_score)]
                 for c in result.commitments if c.status == "dropped"], count("commitments", "possibly dropped"),
                show_all, note="not mentioned means the new report does not say it, not that it was broken"),
        Section("removed", "Figures no longer reported", ["metric", "OLD", "OLD sentence"],
                [[Cell(f.metric), Cell(_value(f.old)), Cell(f.old.sentence if f.old else "", _value(f.old))]
                 for f in figures["removed"]]),
        Section("added", "Newly reported figures", ["metric", "NEW", "NEW sentence"],
                [[Cell(f.metric), Cell(_value(f.new)), Cell(f.new.sentence if f.new else "", _value(f.new))]
                 for f in figures["added"]]),
        Section("qualifier", "Same number, another qualifier (左右, 以上, 以内…)",
                ["metric", "OLD", "NEW", "NEW sentence"],
                [[Cell(f.metric), Cell(_value(f.old)), Cell(_value(f.new)),
                  Cell(f.new.sentence if f.new else "", f.new.raw if f.new else "")] for f in figures["qualifier"]],
                main=False),
        Section("possible", "Possibly the same metric (check before quoting)",
                ["OLD metric", "OLD", "NEW metric", "NEW"],
                [[Cell(f.old.metric if f.old else ""), Cell(_value(f.old)), Cell(f.metric), Cell(_value(f.new))]
                 for f in figures["possible"]], main=False),
        Section("dropped-programs", "Programs the new report no longer names", ["program", "where OLD named it"],
                [[Cell(p.name), Cell(p.old_sentence, p.name.strip("《》“”\""))]
                 for p in result.programs if p.status == "dropped"], main=False),
        Section("commitments", "Last year's other commitments and the evidence", ["OLD promised", "status",
                                                                                 "best evidence in NEW", "score"],
                [[Cell(c.text), Cell(STATUS_LABELS[c.status]), Cell(c.evidence), Cell(f"{c.score:g}")]
                 for c in result.commitments if c.status not in ("dropped", "possibly dropped")], main=False),
        Section("continuing-programs", "Continuing programs", ["program", "OLD name"],
                [[Cell(p.name), Cell(p.old_name)] for p in result.programs if p.status == "continuing"], main=False),
    ]
    if show_all:
        sections += [
            Section("possibly-new-programs", "Possibly new programs (not sure: check)",
                    ["program", "why not sure", "where NEW names it", "closest in OLD (share)"],
                    [[Cell(p.name), Cell(p.why), Cell(p.new_sentence, p.name.strip("《》“”\"")),
                      _closest(p.closest, p.closest_score)] for p in result.programs if p.status == "possibly new"],
                    main=False),
            Section("possibly-dropped-commitments", "Possibly not mentioned (not sure: check)",
                    ["OLD promised", "why not sure", "closest in NEW (share)"],
                    [[Cell(c.text), Cell(c.why), _closest(c.closest, c.closest_score)]
                     for c in result.commitments if c.status == "possibly dropped"], main=False)]
    return sections


@renderer("compare", "json", ".json", "application/json")
def as_json(result: Comparison, **_: object) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=1) + "\n"


def _md_cell(cell: Cell) -> str:
    before, mark, after = cell.parts()
    text = md_escape(before) + (f"**{md_escape(mark)}**" if mark else "") + md_escape(after)
    return text.replace("\n", " ")


@renderer("compare", "md", ".md", "text/markdown; charset=utf-8")
def markdown(result: Comparison, old_label: str = "OLD", new_label: str = "NEW", show_all: bool = False,
             **_: object) -> str:
    out = [f"# {md_escape(_label(result.old, old_label))} → {md_escape(_label(result.new, new_label))}", ""]
    for section in story(result, old_label, new_label, show_all):
        if section.key == "summary":
            out += [f"- **{md_escape(row[0].text)}**: {_md_cell(row[1])}" for row in section.rows] + [""]
            continue
        out += [f"## {md_escape(section.title)} ({len(section.rows)})", ""]
        if section.note:
            out += [f"_{md_escape(section.note)}_", ""]
        if section.rows:
            out += ["| " + " | ".join(section.columns) + " |", "|" + "---|" * len(section.columns)]
            out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in section.rows]
            out.append("")
    return printable("\n".join(out)) + "\n"


@renderer("compare", "html", ".html", "text/html; charset=utf-8")
def html(result: Comparison, old_label: str = "OLD", new_label: str = "NEW", show_all: bool = False,
         **page: object) -> str:
    return render_template("compare.html", sections=story(result, old_label, new_label, show_all),
                           heading=f"{_label(result.old, old_label)} → {_label(result.new, new_label)}", **page)


@renderer("compare", "term", "", "text/plain; charset=utf-8")
def term(result: Comparison, width: int = 120, color: bool = True, old_label: str = "OLD", new_label: str = "NEW",
         show_all: bool = False, **_: object) -> str:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, width=width, color_system="standard" if color else None,
                      highlight=False)
    for section in story(result, old_label, new_label, show_all):
        if not section.rows and section.key != "summary":
            continue
        table = Table(*section.columns, title=f"{section.title} ({len(section.rows)})", title_justify="left",
                      show_header=section.key != "summary")
        for row in section.rows:
            cells = []
            for cell in row:
                before, mark, after = cell.parts()
                text = Text(before)
                text.append(mark, style="bold yellow")
                text.append(after)
                cells.append(text)
            table.add_row(*cells)
        console.print(table)
        if section.note and section.key in ("new-programs", "dropped-commitments"):
            console.print(Text(section.note, style="dim"))
    return buffer.getvalue()
