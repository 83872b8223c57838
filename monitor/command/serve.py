"""`policywatch serve`: the web app (monitor/web) on uvicorn."""
from __future__ import annotations

import ipaddress

import click

from ...errors import ConfigError
from ..watching import config as config_mod
from .main import db_of, db_option
from .watches import config_file, config_option


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8400, show_default=True)
@click.option("--hash-password", "to_hash", metavar="PASSWORD",
              help="Print the scrypt$ hash of PASSWORD for web_password, and exit.")
@config_option
@db_option
@click.pass_context
def serve_cmd(ctx: click.Context, host: str, port: int, to_hash: str | None, config_path: str | None) -> None:
    """Serve the web app: watches, timelines, redlines, compare and trend, the digest and its feed, and a
    JSON API (/api/openapi.json). Writes need the login; any address but loopback needs a password."""
    from ..web.auth import Auth, hash_password

    if to_hash is not None:
        click.echo(hash_password(to_hash))
        return
    path = config_file(config_path)
    settings = config_mod.load(path, missing_ok=False).settings
    auth = Auth(settings.web_password, settings.web_token, settings.web_read_open, settings.feed_token)
    if not _loopback(host) and not auth.can_log_in:
        raise ConfigError(f"serve --host {host}: set web_password in {path} (or POLICYWATCH_WEB_PASSWORD) before "
                          f"serving beyond this machine")
    import uvicorn

    from ..web.app import create_app
    from ..web.serving import server_config

    app = create_app(path, db_of(ctx) or settings.db or None, auth)
    click.echo(f"policywatch: serving http://{host}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.Server(server_config(app, host, port)).run()


COMMANDS = [serve_cmd]
