"""Diff renderers: term (rich), text (wdiff-style markers), json, md, html (one self-contained file)."""
from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from itertools import groupby
from typing import TYPE_CHECKING

from . import renderer
from .templating import render_template

if TYPE_CHECKING:  # the analysis loads only when a result is rendered, not to register a format
    from ...diffing.change import Change
    from ...diffing.diff import DiffResult, Op

CONTEXT = 1  # unchanged paragraphs shown around a change in term/text/md


@dataclass
class Row:
    """One displayed paragraph: its ops, and whether anything in it changed."""

    ops: list[Op]
    section: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(op.op != "equal" for op in self.ops)

    @property
    def kind(self) -> str:
        kinds = {op.op for op in self.ops}
        if kinds == {"equal"}:
            return "equal"
        if len(kinds) == 1:
            return kinds.pop()
        return "changed"


def rows(result: DiffResult) -> list[Row]:
    return [Row(list(ops), next(iter(ops)).section) for _, ops in
            ((k, list(g)) for k, g in groupby(result.ops, key=lambda op: op.paragraph))]


def visible_rows(all_rows: list[Row], context: int = CONTEXT) -> list[Row | None]:
    """Changed rows with `context` rows around them; None marks elided runs."""
    keep: set[int] = set()
    for index, row in enumerate(all_rows):
        if row.changed:
            keep.update(range(max(index - context, 0), min(index + context + 1, len(all_rows))))
    out: list[Row | None] = []
    for index, row in enumerate(all_rows):
        if index in keep:
            out.append(row)
        elif (out and out[-1] is not None) or not out:
            out.append(None)
    return out


def summary_line(result: DiffResult) -> str:
    s = result.summary
    if result.equal:
        return "no changes"
    return (f"+{s.chars_inserted} -{s.chars_deleted} characters; paragraphs: {s.paragraphs_added} added, "
            f"{s.paragraphs_removed} removed, {s.paragraphs_changed} changed, {s.paragraphs_moved} moved; "
            f"{s.percent_changed:g}% changed")


def _section(row: Row) -> str:
    return " > ".join(row.section)


@renderer("diff", "text", ".txt", "text/plain; charset=utf-8")
def text(result: DiffResult, **_: object) -> str:
    out = []
    for row in visible_rows(rows(result)):
        if row is None:
            out.append("...")
            continue
        if row.changed and row.section:
            out.append(f"@@ {_section(row)}")
        line = ""
        for op in row.ops:
            body = op.text.rstrip("\n")
            line += {"equal": body, "insert": f"{{+{body}+}}", "delete": f"[-{body}-]",
                     "move": f"{{>moved>{body}<}}"}[op.op]
        out.append(line)
    out.append(f"== {summary_line(result)}")
    return "\n".join(out) + "\n"


@renderer("diff", "term", "", "text/plain; charset=utf-8")
def term(result: DiffResult, width: int = 100, color: bool = True, **_: object) -> str:
    from rich.console import Console
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, width=width, color_system="standard" if color else None,
                      highlight=False)
    styles = {"equal": "", "insert": "bold green underline", "delete": "red strike", "move": "cyan"}
    for row in visible_rows(rows(result)):
        if row is None:
            console.print(Text("  ⋯", style="dim"))
            continue
        if row.changed and row.section:
            console.print(Text(_section(row), style="bold yellow"))
        line = Text()
        if row.kind == "move":
            line.append("↷ moved: ", style="cyan bold")
        for op in row.ops:
            line.append(op.text.rstrip("\n"), style=styles[op.op])
        console.print(line)
    console.print(Text(summary_line(result), style="bold"))
    return buffer.getvalue()


@renderer("diff", "json", ".json", "application/json")
def as_json(result: DiffResult, **meta: object) -> str:
    data = {"format": "policywatch-diff/1", **{k: v for k, v in meta.items() if isinstance(v, str)},
            **result.to_dict()}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


_LINE_BREAKS = re.compile(r"\s*[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+\s*")


def md_escape(text: str) -> str:
    """Markdown-escape untrusted text: the marks that format (emphasis, code, links, tables,
    headings) and raw HTML; dates and numbers (2025-10-16, 18.9%) stay readable in a mail. Every piece is
    one line of the output, so a line break in it (a title with CR/LF) becomes a space."""
    return _MD_SPECIAL.sub(r"\\\1", _LINE_BREAKS.sub(" ", text)).replace("&", "&amp;")


@renderer("diff", "md", ".md", "text/markdown; charset=utf-8")
def markdown(result: DiffResult, old_label: str = "old", new_label: str = "new", **_: object) -> str:
    out = [f"# Changes: {md_escape(old_label)} → {md_escape(new_label)}", "", f"**{summary_line(result)}**", ""]
    for row in visible_rows(rows(result)):
        if row is None:
            out += ["…", ""]
            continue
        if row.changed and row.section:
            out += [f"### {md_escape(_section(row))}", ""]
        line = ""
        for op in row.ops:
            body = md_escape(op.text.rstrip("\n"))
            if not body:
                continue
            line += {"equal": body, "insert": f"**{body}**", "delete": f"~~{body}~~",
                     "move": f"*(moved)* {body}"}[op.op]
        out += [line, ""]
    return "\n".join(out)


@renderer("diff", "html", ".html", "text/html; charset=utf-8")
def html(result: DiffResult, old_label: str = "old", new_label: str = "new", changes_only: bool = False,
         **page: object) -> str:
    """`page`: the web app's layout and its context (a standalone file otherwise)."""
    all_rows = rows(result)
    shown = all_rows if len(all_rows) <= 3000 and not changes_only else visible_rows(all_rows, 3)
    return render_template("diff.html", rows=shown, summary=summary_line(result), s=result.summary,
                           old_label=old_label, new_label=new_label, **page)


def redline(change: Change, labels: tuple[str, str]) -> str:
    """A change's redline page (a standalone HTML file), its two sides labelled: what the digest links to,
    rendered by the pass's analysis child or, for a change it did not analyse, at publish."""
    return html(change.diff, old_label=labels[0], new_label=labels[1])
