"""The `policywatch` command: thin click wrappers; every failure becomes one line and exit 2."""
from __future__ import annotations

import importlib
import sys

import click

from diffing.errors import DiffError
from snapshots.errors import PolicywatchError

# Command name -> module: a command imports only what it needs (a cron `check` starts fast).
LAZY = {"clean": "cli_snapshots", "snapshot": "cli_snapshots", "history": "cli_snapshots", "show": "cli_snapshots",
        "reclean": "cli_snapshots", "diff": "cli_diff", "compare": "cli_diff", "add": "cli_watch",
        "remove": "cli_watch", "list": "cli_watch", "check": "cli_watch", "run": "cli_watch",
        "digest": "cli_watch", "demo": "cli_watch", "init": "cli_watch"}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(LAZY)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in LAZY:
            return None
        module = importlib.import_module(f"monitor.{LAZY[name]}")
        return next(c for c in module.COMMANDS if c.name == name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--db", metavar="PATH|URL", envvar="POLICYWATCH_DB",
              help="Snapshot database: a file (SQLite) or a SQLAlchemy URL. Default: the user data folder.")
@click.version_option(package_name="policywatch")
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """Watch Chinese government pages, keep every version, and explain what changed."""
    ctx.obj = {"db": db}


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
