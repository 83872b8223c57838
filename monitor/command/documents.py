"""`diff` and `compare`: two documents in, a report out; exit codes like diff(1)."""
from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import Any

import click

from ...diffing.aliases import parse_glossary
from ...diffing.compare import compare
from ...errors import InputError
from ...snapshots.inputs import read_input_bytes, text_of
from ..render import by_extension, formats, render
from .main import db_option, emit, read_document


def chosen_format(kind: str, fmt: str | None, out_file: str | None, plain: str) -> str:
    """--format, else the output file's extension, else term on a terminal and `plain` otherwise."""
    if fmt:
        return fmt
    if out_file:
        return by_extension(kind, out_file) or plain
    return "term" if sys.stdout.isatty() else plain


def output_options(kind: str, plain: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--format (the renderers' formats of KIND) and -o FILE, for a command that writes a report."""
    def add(func: Callable[..., Any]) -> Callable[..., Any]:
        func = click.option("-o", "--output", "out_file", metavar="FILE", help="Write to FILE instead of stdout.")(func)
        return click.option("--format", "fmt", type=click.Choice(formats(kind)),
                            help=f"Output format (default: term on a terminal, {plain} otherwise; or by -o's "
                                 "extension).")(func)
    return add


@click.command("diff")
@click.argument("old")
@click.argument("new")
@output_options("diff", "text")
@click.option("--granularity", type=click.Choice(["char", "word", "sentence"]), default="word", show_default=True,
              help="Edits snap to characters, words or whole sentences.")
@click.option("--ignore", multiple=True, metavar="REGEX", help="Text matching REGEX never counts (repeatable).")
@click.option("--show-noise", is_flag=True, help="Count whitespace, width and punctuation variants as changes.")
@db_option
@click.pass_context
def diff_cmd(ctx: click.Context, old: str, new: str, fmt: str | None, out_file: str | None, granularity: str,
             ignore: tuple[str, ...], show_noise: bool) -> None:
    """Show what changed from OLD to NEW (files, URLs, or stored versions URL@N / URL@latest).

    Exit status: 0 no change, 1 changed, 2 error."""
    from ...diffing.diff import diff_texts  # here: compare and trend never diff (and start faster)

    old_doc, new_doc = read_document(ctx, old), read_document(ctx, new)
    result = diff_texts(old_doc.full_text(), new_doc.full_text(), granularity, ignore,  # type: ignore[arg-type]
                        show_noise)
    emit(render("diff", chosen_format("diff", fmt, out_file, "text"), result, old_label=old, new_label=new), out_file)
    sys.exit(0 if result.equal else 1)


@click.command("compare")
@click.argument("old")
@click.argument("new")
@output_options("compare", "md")
@click.option("--aliases", "aliases_file", metavar="FILE", type=click.Path(dir_okay=False),
              help="Other names of one thing, a line each: KAUST = 阿卜杜拉国王科技大学 (# comments).")
@click.option("--all", "show_all", is_flag=True,
              help="List every new program and dropped promise, the unsure ones too (default: the 15 most salient "
                   "sure ones of each; json always has all).")
@db_option
@click.pass_context
def compare_cmd(ctx: click.Context, old: str, new: str, fmt: str | None, out_file: str | None,
                aliases_file: str | None, show_all: bool) -> None:
    """Compare last year's report OLD with this year's NEW: changed figures, targets met or missed, new
    programs, and last year's commitments the new report no longer mentions."""
    glossary = None
    if aliases_file:
        glossary = parse_glossary(text_of(aliases_file, read_input_bytes(aliases_file)), aliases_file)
    old_doc, new_doc = read_document(ctx, old), read_document(ctx, new)
    result = compare(old_doc, new_doc, glossary)
    for warning in result.warnings:
        click.echo(f"policywatch: warning: {warning}", err=True)
    emit(render("compare", chosen_format("compare", fmt, out_file, "md"), result, old_label=old, new_label=new,
                show_all=show_all), out_file)


@click.command("trend")
@click.argument("sources", nargs=-1, required=True)
@output_options("trend", "md")
@click.option("--year", "years", multiple=True, metavar="FILE=YYYY",
              help="The year FILE reports on, when its text does not say (repeatable).")
@db_option
@click.pass_context
def trend_cmd(ctx: click.Context, sources: tuple[str, ...], fmt: str | None, out_file: str | None,
              years: tuple[str, ...]) -> None:
    """Figures across editions of a report (three or more, in any order; the years are read from the
    text: title, headings, dateline, else the file name, or --year): one row per metric, one column per
    year, results and targets apart."""
    from ...diffing.trend import trend

    if len(sources) < 2:
        raise InputError("trend needs two or more editions of a report (three or more show a trend)")
    given = given_years(years, list(sources))
    named = {at: int(found[-1]) for at, source in enumerate(sources)
             if (found := _NAME_YEAR.findall(source.rsplit("/", 1)[-1]))}
    result = trend([read_document(ctx, source) for source in sources], given, named, list(sources))
    for warning in result.warnings:
        click.echo(f"policywatch: warning: {warning}", err=True)
    emit(render("trend", chosen_format("trend", fmt, out_file, "md"), result), out_file)


_NAME_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def given_years(options: tuple[str, ...], sources: list[str]) -> dict[int, int]:
    """--year FILE=YYYY options, by the position of FILE among the sources."""
    out = {}
    for option in options:
        name, _, year = option.rpartition("=")
        if name not in sources:
            raise InputError(f"--year {option}: {name or '(nothing)'} is not one of the files given")
        if not re.fullmatch(r"(?:19|20)\d{2}", year.strip()):
            raise InputError(f"--year {option}: the year must be four digits, 1900-2099")
        out[sources.index(name)] = int(year)
    return out


COMMANDS = [diff_cmd, compare_cmd, trend_cmd]
