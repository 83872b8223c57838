"""The `policywatch` command: thin click wrappers over library functions. Commands load lazily (a cron
`check` starts fast); every failure is one line on stderr and exit status 2, whichever command and
wherever the global options stand (`policywatch --db X check` or `policywatch check --db X`)."""
from __future__ import annotations

import contextlib
import importlib
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ...errors import InputError, PolicywatchError, one_line

if TYPE_CHECKING:
    from ...snapshots.document import Document

# Command name -> module: a command imports only what it needs.
LAZY = {"clean": "snapshots", "snapshot": "snapshots", "history": "snapshots", "show": "snapshots",
        "reclean": "snapshots", "diff": "documents", "compare": "documents", "trend": "documents", "add": "watches",
        "remove": "watches", "list": "watches", "check": "watches", "run": "watches",
        "digest": "watches", "demo": "watches", "init": "watches", "serve": "serve",
        "worker": "queue", "enqueue": "queue", "status": "queue", "search": "search"}

# The one line each command shows in `policywatch --help`, here so that the list needs no command's module
# (its own --help shows its docstring in full).
SUMMARY = {
    "add": "Add a watch NAME on URL (the config file keeps its comments).",
    "check": "Check every watch once (cron mode); exit 0 nothing new, 1 news, 2 errors.",
    "clean": "Print the clean document of a file, URL or stored version (URL@N).",
    "compare": "Compare last year's report with this year's: figures, targets, new programs, dropped commitments.",
    "demo": "Offline demo: a local bureau site, two monitoring passes, and the digest.",
    "diff": "Show what changed from OLD to NEW (files, URLs, or stored versions URL@N).",
    "digest": "Digest of every event since a date (delivered or not).",
    "enqueue": "Queue one check of every watch now, for the workers.",
    "history": "List the stored versions of URL (and its recent checks).",
    "init": "Write the shipped watch list (the bureau's sections) to the config file.",
    "list": "List the watches with their state and next run.",
    "reclean": "Re-run this release's extraction over stored raw bytes (no refetch).",
    "remove": "Remove the watch NAME (its stored versions stay).",
    "run": "Run the scheduler until SIGTERM: each watch on its schedule.",
    "search": "Where a phrase came and went in the stored versions and editions.",
    "serve": "Serve the web app and its JSON API.",
    "show": "Print a stored version of URL.",
    "snapshot": "Fetch URLS now and store a new version of each that changed.",
    "status": "The job queue (depth, running checks, workers, failures) and the watches' states.",
    "trend": "Figures across three or more editions of a report, one column per year.",
    "worker": "Run queued checks until SIGTERM (distributed mode).",
}


def fail(message: str) -> None:
    click.echo(f"policywatch: error: {message}", err=True)
    sys.exit(2)


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(LAZY)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in LAZY:
            return None
        module = importlib.import_module(f"{__package__}.{LAZY[name]}")
        commands: list[click.Command] = module.COMMANDS
        command = next(c for c in commands if c.name == name)
        command.short_help = SUMMARY[name]
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The list of commands from SUMMARY: `policywatch --help` imports none of them."""
        with formatter.section("Commands"):
            formatter.write_dl([(name, SUMMARY[name]) for name in self.list_commands(ctx)])

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        """click's own handling, except that a usage error (unknown command or option, bad value) is one
        line like every other failure, not click's three."""
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.UsageError as exc:
            where = " ".join(exc.ctx.command_path.split()[1:]) if exc.ctx else ""
            fail(f"{where + ': ' if where else ''}{one_line(click.ClickException(exc.format_message()), 1000)}")
        except click.ClickException as exc:
            fail(one_line(click.ClickException(exc.format_message()), 1000))
        except click.exceptions.Abort:
            click.echo("policywatch: interrupted", err=True)
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PolicywatchError as exc:
            fail(one_line(exc, 1000))
        except KeyboardInterrupt:
            click.echo("policywatch: interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:  # the reader went away (`show --raw | head`): it has what it wanted
            sys.exit(0)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except Exception as exc:  # a bug: still one line, the traceback on request
            if os.environ.get("POLICYWATCH_DEBUG"):
                raise
            fail(f"internal error: {exc.__class__.__name__}: {one_line(exc, 300)} "
                 "(POLICYWATCH_DEBUG=1 shows the traceback)")


def _set_db(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value:
        ctx.ensure_object(dict)["db"] = value


def db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """`--db` after the subcommand too."""
    return click.option("--db", metavar="PATH|URL", expose_value=False, callback=_set_db, is_eager=True,
                        help="Snapshot database (also before the command, or POLICYWATCH_DB).")(func)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--db", metavar="PATH|URL", envvar="POLICYWATCH_DB",
              help="Snapshot database: a file (SQLite) or a SQLAlchemy URL. Default: the user data folder.")
@click.version_option(package_name="policywatch")
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """Watch Chinese government pages, keep every version, and explain what changed."""
    ctx.ensure_object(dict).setdefault("db", db)


def db_of(ctx: click.Context) -> str | None:
    obj = ctx.find_root().obj or {}
    return obj.get("db")


def read_document(ctx: click.Context, spec: str) -> Document:
    """A FILE, URL or URL@N argument as a Document, with what its reader's caps cut said on stderr."""
    from ...snapshots.inputs import load_document

    document = load_document(spec, db_of(ctx))
    for warning in document.warnings:
        click.echo(f"policywatch: warning: {spec}: {warning}", err=True)
    return document


def emit(output: str, out_file: str | None) -> None:
    if out_file:
        try:
            Path(out_file).write_text(output, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{out_file}: cannot write ({exc.strerror})") from None
        click.echo(f"wrote {out_file}", err=True)
    else:
        click.echo(output, nl=False)


def main() -> None:
    """The command. It ends without the interpreter's teardown: freeing every module and object of a check
    took a quarter of a second after the work was done (measured at 100 ms latency, bench/monitor_bench.py),
    and by then the store has committed, the outputs are written and no thread is left."""
    # pypdf logs every repair it makes of a damaged PDF; the command reports what matters (a document, or
    # one line of error), so a cron job does not mail a parser's diary.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    code: Any = 0
    try:
        cli.main(prog_name="policywatch")  # click ends with sys.exit
    except SystemExit as done:
        code = done.code
    if isinstance(code, str):  # sys.exit("message") prints the message and exits 1
        click.echo(code, err=True)
        code = 1
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a reader that went away (| head), a closed stream
            stream.flush()
    os._exit(code if isinstance(code, int) else 0)
