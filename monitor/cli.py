"""The `policywatch` command: thin click wrappers; every failure becomes one line and exit 2."""
from __future__ import annotations

import sys

import click

from diffing.errors import DiffError
from snapshots import PolicywatchError

from . import cli_diff, cli_snapshots, cli_watch


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--db", metavar="PATH|URL", envvar="POLICYWATCH_DB",
              help="Snapshot database: a file (SQLite) or a SQLAlchemy URL. Default: the user data folder.")
@click.version_option(package_name="policywatch")
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """Watch Chinese government pages, keep every version, and explain what changed."""
    ctx.obj = {"db": db}


for module in (cli_snapshots, cli_diff, cli_watch):
    for command in module.COMMANDS:
        cli.add_command(command)


def main() -> None:
    try:
        code = cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("policywatch: aborted", err=True)
        sys.exit(2)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2)
    except (PolicywatchError, DiffError) as exc:
        click.echo(f"policywatch: error: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo("policywatch: interrupted", err=True)
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)
