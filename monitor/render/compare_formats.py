"""Compare renderers: counts first, then programs, figures and commitments with their evidence."""
from __future__ import annotations

import io
import json

from rich.console import Console
from rich.table import Table

from diffing.compare import Comparison

from . import renderer
from .diff_formats import md_escape
from .templating import render_template

STATUS_LABELS = {"fulfilled": "reported as done", "carried_over": "promised again", "dropped": "not mentioned in the new report",
                 "uncertain": "unclear", "new": "new", "continuing": "continuing", "changed": "changed",
                 "unchanged": "unchanged", "added": "new figure", "removed": "no longer reported"}


def _value(figure) -> str:  # type: ignore[no-untyped-def]
    return figure.raw if figure else "—"


@renderer("compare", "json")
def as_json(result: Comparison, **_: object) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=1) + "\n"


@renderer("compare", "md")
def markdown(result: Comparison, old_label: str = "old", new_label: str = "new", **_: object) -> str:
    counts = result.counts()
    out = [f"# {md_escape(result.new.title or new_label)} vs {md_escape(result.old.title or old_label)}", ""]
    out += [f"- **Programs**: {counts['programs'].get('new', 0)} new, {counts['programs'].get('dropped', 0)} dropped, "
            f"{counts['programs'].get('continuing', 0)} continuing",
            f"- **Figures**: {counts['figures'].get('changed', 0)} changed, {counts['figures'].get('unchanged', 0)} unchanged, "
            f"{counts['figures'].get('added', 0)} added, {counts['figures'].get('removed', 0)} removed",
            f"- **Commitments** from the old plan: {counts['commitments'].get('fulfilled', 0)} reported as done, "
            f"{counts['commitments'].get('carried_over', 0)} promised again, "
            f"{counts['commitments'].get('dropped', 0)} not mentioned, {counts['commitments'].get('uncertain', 0)} unclear", ""]
    out += ["## Changed figures", "", "| metric | old | new | difference | % |", "|---|---|---|---|---|"]
    for f in result.figures:
        if f.status == "changed":
            out.append(f"| {md_escape(f.metric)} | {md_escape(_value(f.old))} | {md_escape(_value(f.new))} | "
                       f"{f.difference if f.difference is not None else ''} | {f.percent if f.percent is not None else ''} |")
    out += ["", "## New programs", ""]
    out += [f"- {md_escape(p.name)} — {md_escape(p.new_sentence[:120])}" for p in result.programs if p.status == "new"]
    out += ["", "## Dropped programs", ""]
    out += [f"- {md_escape(p.name)} — {md_escape(p.old_sentence[:120])}" for p in result.programs if p.status == "dropped"]
    out += ["", "## Commitments not mentioned in the new report", ""]
    out += [f"- {md_escape(c.text)} *(score {c.score})*" for c in result.commitments if c.status == "dropped"]
    out += ["", "## Commitments and their evidence", "", "| commitment | status | evidence | score |", "|---|---|---|---|"]
    out += [f"| {md_escape(c.text)} | {STATUS_LABELS[c.status]} | {md_escape(c.evidence)} | {c.score} |"
            for c in result.commitments]
    return "\n".join(out) + "\n"


@renderer("compare", "html")
def html(result: Comparison, old_label: str = "old", new_label: str = "new", **_: object) -> str:
    return render_template("compare.html", r=result, counts=result.counts(), labels=STATUS_LABELS,
                           value=_value, old_label=old_label, new_label=new_label)


@renderer("compare", "term")
def term(result: Comparison, width: int = 110, color: bool = True, **_: object) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, width=width, color_system="standard" if color else None,
                      highlight=False)
    counts = result.counts()
    console.print(f"[bold]{result.old.title or 'old'} → {result.new.title or 'new'}[/bold]", markup=True)
    console.print(f"programs {counts['programs']}  figures {counts['figures']}  commitments {counts['commitments']}",
                  markup=False)
    table = Table("metric", "old", "new", "Δ", "%", title="Changed figures")
    for f in result.figures:
        if f.status == "changed":
            table.add_row(f.metric, _value(f.old), _value(f.new), str(f.difference or ""), str(f.percent or ""))
    console.print(table)
    console.print("[bold green]New programs[/bold green]", markup=True)
    for p in result.programs:
        if p.status == "new":
            console.print(f"  + {p.name}", markup=False)
    console.print("[bold red]Commitments not mentioned in the new report[/bold red]", markup=True)
    for c in result.commitments:
        if c.status == "dropped":
            console.print(f"  - {c.text}", markup=False)
    return buffer.getvalue()
