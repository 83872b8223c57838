"""What every route of the web app shares: the config file and store (Web), the refusal a request meets,
and the few helpers for answering forms."""
from __future__ import annotations

import gc
import hmac
import threading
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.datastructures import FormData

from ...errors import PolicywatchError
from ...snapshots import Store
from ..render.templating import render_template
from ..watching import config as config_mod
from ..watching import state
from ..watching.watchlist import Config
from .auth import COOKIE, Auth, Session
from .times import when

MAX_UPLOAD = 5 * 1024 * 1024


class Refused(PolicywatchError):
    """A request the app will not serve (status 401/403/404/413), with the reason shown to the user."""

    kind = "input"

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _settle() -> None:
    """Move what lives long (the parsed watch list, the app) out of the cyclic collector's way. Its full
    collections otherwise walk 10,000 watches in the middle of a request: 90 ms more on one request in
    twenty (bench/web_bench.py). A new watch list lets the old one be collected first."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


class Web:
    """What the routes share: the config file, the store, the credentials and the checks running."""

    def __init__(self, config_path: Path, db: str | None, auth: Auth) -> None:
        self.config_path = config_path
        self.db = db
        self.auth = auth
        self.store = Store(db or config_mod.load(config_path).settings.db or None)
        state.setup(self.store)
        self.running: set[str] = set()
        self._cached: tuple[float, Config] | None = None

    def config(self) -> Config:
        """policywatch.toml as it is now (the commands may edit it too), parsed again only when it changed."""
        mtime = self.config_path.stat().st_mtime if self.config_path.exists() else 0.0
        if self._cached is None or self._cached[0] != mtime:
            self._cached = (mtime, config_mod.load(self.config_path))
            settings = self._cached[1].settings
            self.auth.update(settings.web_password, settings.web_token, settings.web_read_open, settings.feed_token)
            _settle()
        return self._cached[1]

    def session(self, request: Request) -> Session | None:
        self.config()  # a changed web_password counts from the next request on
        return self.auth.session(request.cookies.get(COOKIE, ""))

    def may_read(self, request: Request) -> None:
        if not self.auth.read_open and self.session(request) is None and not self.auth.check_token(
                request.headers.get("authorization", "")):
            raise Refused(401, "log in to read")

    async def form_writer(self, request: Request) -> FormData:
        """The posted form, when its sender is logged in and it carries the session's CSRF token."""
        session = self.session(request)
        if session is None:
            raise Refused(401, "log in to change anything")
        form = await request.form(max_files=2, max_fields=50)
        token = form.get("csrf")
        if not isinstance(token, str) or not hmac.compare_digest(token, session.csrf):
            raise Refused(403, "the form's CSRF token is missing or stale: reload the page and try again")
        return form

    def api_writer(self, request: Request) -> None:
        self.config()
        if "cookie" in request.headers:
            raise Refused(403, "API writes take a Bearer token and no cookie")
        if not self.auth.check_token(request.headers.get("authorization", "")):
            raise Refused(401, "API writes need Authorization: Bearer <web_token>")

    def page(self, request: Request, template: str, **context: Any) -> HTMLResponse:
        """A template of web/ with the layout's context (session, login link, flash message)."""
        return HTMLResponse(render_template(template, **self.context(request), **context))

    def context(self, request: Request) -> dict[str, Any]:
        now = state.now()
        return {"session": self.session(request), "can_log_in": self.auth.can_log_in,
                "when": lambda value, empty="—": when(value, now, empty),
                "flash": request.query_params.get("msg") or request.query_params.get("err"),
                "flash_error": "err" in request.query_params}

    def check_now(self, name: str) -> str:
        """Start a check of one watch in the background; what to tell the user."""
        from ..running.cycle import run_cycle

        config = self.config()
        config.watch(name)
        if name in self.running:
            return f"{name} is being checked already"
        self.running.add(name)

        def work() -> None:
            store = Store(self.store.target)
            try:
                run_cycle(config, store, names=(name,), wait=600)
            except PolicywatchError:
                pass  # the check's own errors are stored as its results; a busy lock waits above
            finally:
                store.close()
                self.running.discard(name)
        threading.Thread(target=work, name=f"check {name}", daemon=True).start()
        return f"checking {name} now: reload in a moment"


def web_of(request: Request) -> Web:
    return request.app.state.web  # type: ignore[no-any-return]


def back(message: str, error: bool = False, to: str = "/", query: str = "") -> RedirectResponse:
    return RedirectResponse(f"{to}?{query + '&' if query else ''}{'err' if error else 'msg'}={quote(message)}",
                            status_code=303)


def local(target: str) -> str:
    """A redirect target from a form: a path on this site, never another host."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"
