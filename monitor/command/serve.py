"""`policywatch serve`: the web app (monitor/web) on uvicorn."""
from __future__ import annotations

import ipaddress
import socket
import sys

import click

from ...errors import ConfigError, InputError
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
@click.option("--port", type=click.IntRange(1, 65535), default=8400, show_default=True, help="Port to listen on.")
@click.option("--hash-password", "to_hash", is_flag=True,
              help="Read a password (prompt, or one line of stdin), print its scrypt$ hash for web_password, exit.")
@config_option
@db_option
@click.pass_context
def serve_cmd(ctx: click.Context, host: str, port: int, to_hash: bool, config_path: str | None) -> None:
    """Serve the web app: watches, timelines, redlines, compare and trend, the digest and its feed, and a
    JSON API (/api/openapi.json). Writes need the login; any address but loopback needs a password."""
    from ..web.auth import Auth, hash_password

    if to_hash:
        click.echo(hash_password(_password()))
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

    listening = _listen(host, port)  # before anything is said: a busy port is one line, not a traceback
    app = create_app(path, db_of(ctx) or settings.db or None, auth)
    click.echo(f"policywatch: serving http://{host}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.Server(server_config(app, host, port)).run(sockets=[listening])


def _listen(host: str, port: int) -> socket.socket:
    """The server's socket, bound and listening (uvicorn serves on it: no second bind to race)."""
    try:
        family, kind, proto, _name, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
    except OSError as exc:
        raise InputError(f"serve --host {host}: cannot listen there ({exc.strerror or exc})") from None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        raise InputError(f"serve: {host}:{port}: {exc.strerror or exc} (another server on this port?)") from None
    return sock


def _password() -> str:
    """The password to hash, never from the command line (it would stay in the shell's history)."""
    if sys.stdin.isatty():
        password = str(click.prompt("Password", hide_input=True, confirmation_prompt=True, err=True))
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise InputError("serve --hash-password: an empty password")
    return password


COMMANDS = [serve_cmd]
