"""The ASGI app. Server-rendered HTML that works without JavaScript, and a JSON API under /api/ (its
OpenAPI schema at /api/openapi.json) over the same view values (data.py). Reading is open unless
`web_read_open = false`; every write (add, edit, pause, remove, check now, upload) needs a login and the
form's CSRF token, or on the API a Bearer token and no cookie. Requests name watches and stored URLs;
nothing from a request ever names a file."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from ...errors import Busy, ConfigError, PolicywatchError, one_line
from ..watching import config as config_mod
from . import api, forms, pages, search
from .auth import Auth
from .context import Refused, Web, back, local
from .guard import Guard


def create_app(config_path: Path, db: str | None = None, auth: Auth | None = None) -> FastAPI:
    settings = config_mod.load(config_path).settings
    auth = auth or Auth(settings.web_password, settings.web_token, settings.web_read_open, settings.feed_token)
    web = Web(config_path, db, auth)
    app = FastAPI(title="policywatch", version="1", docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",
                  description="Watches, stored versions, redlines and cross-year comparisons of policy documents. "
                              "Reads are open unless web_read_open = false; writes need `Authorization: Bearer`.")
    app.add_middleware(Guard, hosts=lambda: web.config().settings.web_hosts)
    app.state.web = web

    @app.exception_handler(PolicywatchError)
    async def refused(request: Request, error: PolicywatchError) -> Response:
        status = error.status if isinstance(error, Refused) else 400
        if isinstance(error, Refused) and status == 401 and request.method == "GET" \
                and not request.url.path.startswith("/api/"):
            return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
        message = one_line(error, 300)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"ok": False, "error": message}, status_code=status)
        if isinstance(error, (ConfigError, Busy)) and request.method == "POST":  # back to the form that failed
            return back(message, error=True, to=local(urlsplit(request.headers.get("referer", "/")).path))
        page = web.page(request, "web/message.html", heading="Not done", message=message)
        page.status_code = status
        return page

    for module in (pages, forms, api, search):
        app.include_router(module.router)
    return app
