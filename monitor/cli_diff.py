"""`diff` and `compare`: two documents in, a report out; exit codes like diff(1)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from diffing.compare import compare
from diffing.diff import diff_texts
from snapshots import Document, InputError

from .inputs import load_document
from .render import render


def comparable_text(doc: Document) -> str:
    """Title on the first line, then the body: a retitled page is a change too."""
    return f"{doc.title}\n{doc.text()}" if doc.title else doc.text()


def emit(output: str, out_file: str | None) -> None:
    if out_file:
        try:
            Path(out_file).write_text(output, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{out_file}: cannot write ({exc.strerror})") from None
        click.echo(f"wrote {out_file}", err=True)
    else:
        click.echo(output, nl=False)


def default_format(out_file: str | None) -> str:
    if out_file and out_file.endswith((".html", ".htm")):
        return "html"
    if out_file and out_file.endswith(".md"):
        return "md"
    if out_file and out_file.endswith(".json"):
        return "json"
    return "term" if sys.stdout.isatty() and not out_file else "text"


@click.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=click.Choice(["term", "text", "json", "md", "html"]),
              help="Output format (default: term on a terminal, text otherwise; or by -o's extension).")
@click.option("-o", "--output", "out_file", metavar="FILE", help="Write to FILE instead of stdout.")
@click.option("--granularity", type=click.Choice(["char", "word", "sentence"]), default="word", show_default=True)
@click.option("--ignore", multiple=True, metavar="REGEX", help="Text matching REGEX never counts (repeatable).")
@click.option("--show-noise", is_flag=True, help="Count whitespace, width and punctuation variants as changes.")
@click.pass_context
def diff_cmd(ctx: click.Context, old: str, new: str, fmt: str | None, out_file: str | None, granularity: str,
             ignore: tuple[str, ...], show_noise: bool) -> None:
    """Show what changed from OLD to NEW (files, URLs, or stored versions URL@N / URL@latest).

    Exit status: 0 no change, 1 changed, 2 error."""
    db = ctx.obj.get("db")
    old_doc, new_doc = load_document(old, db), load_document(new, db)
    result = diff_texts(comparable_text(old_doc), comparable_text(new_doc), granularity,  # type: ignore[arg-type]
                        ignore, show_noise)
    fmt = fmt or default_format(out_file)
    emit(render("diff", fmt, result, old_label=old, new_label=new), out_file)
    sys.exit(0 if result.equal else 1)


@click.command("compare")
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=click.Choice(["term", "json", "md", "html"]),
              help="Output format (default: term on a terminal, md otherwise; or by -o's extension).")
@click.option("-o", "--output", "out_file", metavar="FILE", help="Write to FILE instead of stdout.")
@click.pass_context
def compare_cmd(ctx: click.Context, old: str, new: str, fmt: str | None, out_file: str | None) -> None:
    """Compare last year's report OLD with this year's NEW: new programs, changed figures,
    and commitments reported as done, promised again, or not mentioned."""
    db = ctx.obj.get("db")
    old_doc, new_doc = load_document(old, db), load_document(new, db)
    result = compare(old_doc.title, old_doc.published, old_doc.text(), new_doc.title, new_doc.published, new_doc.text())
    fmt = fmt or default_format(out_file)
    emit(render("compare", "md" if fmt == "text" else fmt, result, old_label=old, new_label=new), out_file)


COMMANDS = [diff_cmd, compare_cmd]
