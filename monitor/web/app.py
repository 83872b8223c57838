"""The ASGI app. Server-rendered HTML that works without JavaScript, and a JSON API under /api/ (its
OpenAPI schema at /api/openapi.json) over the same view values (data.py). Reading is open unless
`web_read_open = false`; every write (add, edit, pause, remove, check now, upload) needs a login and the
form's CSRF token, or on the API a Bearer token and no cookie. Requests name watches and stored URLs;
nothing from a request ever names a file."""
from __future__ import annotations

import gc
import hmac
import threading
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.datastructures import FormData, UploadFile
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ...errors import Busy, ConfigError, PolicywatchError, one_line
from ...snapshots import Store
from ..render import render
from ..render.digest_formats import KIND_LABELS
from ..render.templating import render_template
from ..watching import config as config_mod
from ..watching import state
from ..watching.schedule import DEFAULT_SCHEDULE
from ..watching.watchlist import Config, Watch
from . import data
from .auth import COOKIE, LIFETIME, Auth, Session

MAX_UPLOAD = 5 * 1024 * 1024
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")
_SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class Refused(PolicywatchError):
    """A request the app will not serve (status 401/403/404/413), with the reason shown to the user."""

    kind = "input"

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class Guard:
    """Security headers on every answer; unsafe methods only from this origin (Sec-Fetch-Site, else
    Origin against Host): a cross-site form post is refused before any route sees it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if scope["method"] not in _SAFE_METHODS and not _same_origin(headers):
            response = HTMLResponse("cross-origin request refused", status_code=403)
            await response(scope, receive, self._with_headers(send))
            return
        await self.app(scope, receive, self._with_headers(send))

    @staticmethod
    def _with_headers(send: Send) -> Send:
        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                         (b"referrer-policy", b"same-origin"), (b"x-frame-options", b"DENY")]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)
        return sending


def _same_origin(headers: dict[str, str]) -> bool:
    site = headers.get("sec-fetch-site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = headers.get("origin")
    if origin is None or origin == "null":
        return origin is None  # a client that sends neither (curl, the API) is not a browser form
    parts = urlsplit(origin)
    return parts.netloc == headers.get("host", "")


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
            _settle()
        return self._cached[1]

    def session(self, request: Request) -> Session | None:
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
        if "cookie" in request.headers:
            raise Refused(403, "API writes take a Bearer token and no cookie")
        if not self.auth.check_token(request.headers.get("authorization", "")):
            raise Refused(401, "API writes need Authorization: Bearer <web_token>")

    def page(self, request: Request, template: str, **context: Any) -> HTMLResponse:
        """A template of web/ with the layout's context (session, login link, flash message)."""
        return HTMLResponse(render_template(template, **self.context(request), **context))

    def context(self, request: Request) -> dict[str, Any]:
        return {"session": self.session(request), "can_log_in": self.auth.can_log_in,
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


def _watch_from(form: FormData) -> Watch:
    def text(key: str) -> str:
        value = form.get(key)
        return value.strip() if isinstance(value, str) else ""

    def lines(key: str, sep: str = "\n") -> list[str]:
        return [part.strip() for part in text(key).split(sep) if part.strip()]
    watch = Watch(text("name"), text("url"), text("kind") or "page",
                             text("schedule") or DEFAULT_SCHEDULE, tags=lines("tags", ","),
                             ignore=lines("ignore"), notify=lines("notify"), paused=bool(text("paused")))
    config_mod.validate_watch(watch, "form")
    return watch


def _back(message: str, error: bool = False, to: str = "/", query: str = "") -> RedirectResponse:
    return RedirectResponse(f"{to}?{query + '&' if query else ''}{'err' if error else 'msg'}={quote(message)}",
                            status_code=303)


def _local(target: str) -> str:
    """A redirect target from a form: a path on this site, never another host."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"


async def _upload(value: Any, label: str) -> Any:
    from ...snapshots.inputs import document_from_file

    if not isinstance(value, UploadFile):
        raise Refused(400, f"{label}: no file chosen")
    content = await value.read(MAX_UPLOAD + 1)
    if len(content) > MAX_UPLOAD:
        raise Refused(413, f"{label}: larger than {MAX_UPLOAD // 2**20} MB")
    name = (value.filename or label).replace("/", "_")[:100]
    return document_from_file(name, content)


def create_app(config_path: Path, db: str | None = None, auth: Auth | None = None) -> FastAPI:
    settings = config_mod.load(config_path).settings
    auth = auth or Auth(settings.web_password, settings.web_token, settings.web_read_open, settings.feed_token)
    web = Web(config_path, db, auth)
    app = FastAPI(title="policywatch", version="1", docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",
                  description="Watches, stored versions, redlines and cross-year comparisons of policy documents. "
                              "Reads are open unless web_read_open = false; writes need `Authorization: Bearer`.")
    app.add_middleware(Guard)
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
            return _back(message, error=True, to=_local(urlsplit(request.headers.get("referer", "/")).path))
        page = web.page(request, "web/message.html", heading="Not done", message=message)
        page.status_code = status
        return page

    # ------------------------------------------------------------------ reading (HTML)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def watches(request: Request, q: str = "", tag: str = "", state: str = "", page: int = 1) -> HTMLResponse:
        web.may_read(request)
        return web.page(request, "web/watches.html", v=data.watch_list(web.config(), web.store, tag, state, q, page))

    @app.get("/page", response_class=HTMLResponse, include_in_schema=False)
    def page_view(request: Request, url: str, offset: int = 0) -> HTMLResponse:
        web.may_read(request)
        return web.page(request, "web/page.html", v=data.page_view(web.store, url, max(offset, 0)))

    @app.get("/diff", response_class=HTMLResponse, include_in_schema=False)
    def diff(request: Request, url: str, a: int | None = None, b: int | None = None,
             changes: int = 1) -> HTMLResponse:
        web.may_read(request)
        result, change = data.diff_view(web.store, url, a, b)
        return HTMLResponse(render("diff", "html", result, old_label=f"version {change['a']}",
                                   new_label=f"version {change['b']}", changes_only=bool(changes),
                                   layout="web/layout.html", change=change, **web.context(request)))

    @app.get("/version", include_in_schema=False)
    def version(request: Request, url: str, seq: int, raw: int = 0) -> Response:
        web.may_read(request)
        stored = web.store.version(url, seq)
        if raw:  # the bytes as the server sent them, shown as text, never run as a page
            return Response(web.store.raw(stored), media_type="text/plain; charset=" + (stored.encoding or "utf-8"),
                            headers={"Content-Disposition": "inline"})
        return web.page(request, "web/version.html", doc=stored.document, url=url, seq=seq)

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def documents(request: Request, q: str = "", page: int = 1) -> HTMLResponse:
        web.may_read(request)
        return web.page(request, "web/documents.html", v=data.documents(web.store, q, page), action="/documents",
                        picking=False)

    @app.get("/analyse", response_class=HTMLResponse, include_in_schema=False)
    def analyse(request: Request, q: str = "", page: int = 1) -> HTMLResponse:
        web.may_read(request)
        return web.page(request, "web/documents.html", v=data.documents(web.store, q, page), action="/analyse",
                        picking=True, max_upload_mb=MAX_UPLOAD // 2**20)

    @app.get("/analyse/run", response_class=HTMLResponse, include_in_schema=False)
    def analyse_run(request: Request, what: str = "compare") -> HTMLResponse:
        web.may_read(request)
        docs = request.query_params.getlist("doc")
        if what == "trend":
            return HTMLResponse(render("trend", "html", data.trend_stored(web.store, docs), layout="web/layout.html",
                                       **web.context(request)))
        if len(docs) != 2:
            raise Refused(400, f"tick two documents to compare, not {len(docs)}")
        return HTMLResponse(render("compare", "html", data.compare_stored(web.store, docs[0], docs[1]),
                                   layout="web/layout.html", **web.context(request)))

    @app.get("/digest", response_class=HTMLResponse, include_in_schema=False)
    def digest(request: Request) -> HTMLResponse:
        web.may_read(request)
        return web.page(request, "web/digest.html", d=data.recent_digest(web.store), days=30, labels=KIND_LABELS)

    @app.get("/feed.atom", include_in_schema=False)
    def feed(request: Request, token: str = "") -> Response:
        if not web.auth.check_feed(token):
            web.may_read(request)
        return Response(render("digest", "atom", data.recent_digest(web.store)), media_type="application/atom+xml")

    # ------------------------------------------------------------------ logging in

    @app.get("/login", response_class=HTMLResponse, include_in_schema=False)
    def login_form(request: Request, next: str = "/") -> HTMLResponse:
        if not web.auth.can_log_in:
            raise Refused(403, "no web_password is set: this server is read-only")
        return web.page(request, "web/login.html", next=_local(next))

    @app.post("/login", include_in_schema=False)
    async def login(request: Request) -> Response:
        form = await request.form(max_files=0, max_fields=5)
        password, target = form.get("password"), _local(str(form.get("next") or "/"))
        if not isinstance(password, str) or not web.auth.check_password(password):
            return _back("wrong password", error=True, to="/login")
        cookie, _ = web.auth.new_session()
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(COOKIE, cookie, max_age=LIFETIME, httponly=True, samesite="lax",
                            secure=request.url.scheme == "https")
        return response

    @app.post("/logout", include_in_schema=False)
    async def logout(request: Request) -> Response:
        await web.form_writer(request)
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(COOKIE)
        return response

    # ------------------------------------------------------------------ writing (forms)

    @app.get("/watches/new", response_class=HTMLResponse, include_in_schema=False)
    def new_form(request: Request) -> HTMLResponse:
        if web.session(request) is None:
            raise Refused(401, "log in to add a watch")
        from ..watching.kinds import KINDS

        return web.page(request, "web/watch_form.html", w=Watch("", ""), editing=False,
                        kinds={k: v.help for k, v in KINDS.items()})

    @app.post("/watches/new", include_in_schema=False)
    async def add(request: Request) -> Response:
        watch = _watch_from(await web.form_writer(request))
        config_mod.add_watch(web.config_path, watch)
        return _back(f"added {watch.name}")

    @app.get("/watches/edit", response_class=HTMLResponse, include_in_schema=False)
    def edit_form(request: Request, name: str) -> HTMLResponse:
        if web.session(request) is None:
            raise Refused(401, "log in to edit a watch")
        from ..watching.kinds import KINDS

        return web.page(request, "web/watch_form.html", w=web.config().watch(name), editing=True,
                        kinds={k: v.help for k, v in KINDS.items()})

    @app.post("/watches/edit", include_in_schema=False)
    async def edit(request: Request) -> Response:
        form = await web.form_writer(request)
        original = str(form.get("original") or "")
        web.config().watch(original)
        watch = _watch_from(form)
        config_mod.replace_watch(web.config_path, original, watch)
        return _back(f"saved {watch.name}")

    @app.post("/watches/pause", include_in_schema=False)
    async def pause(request: Request) -> Response:
        form = await web.form_writer(request)
        watch = web.config().watch(str(form.get("name") or ""))
        watch.paused = not watch.paused
        config_mod.replace_watch(web.config_path, watch.name, watch)
        return _back(f"{'paused' if watch.paused else 'resumed'} {watch.name}")

    @app.post("/watches/remove", include_in_schema=False)
    async def remove(request: Request) -> Response:
        name = str((await web.form_writer(request)).get("name") or "")
        config_mod.remove_watch(web.config_path, name)
        return _back(f"removed {name} (its stored versions stay)")

    @app.post("/watches/check", include_in_schema=False)
    async def check_now(request: Request) -> Response:
        name = str((await web.form_writer(request)).get("name") or "")
        return _back(web.check_now(name))

    @app.post("/analyse/upload", response_class=HTMLResponse, include_in_schema=False)
    async def upload(request: Request) -> HTMLResponse:
        from ...diffing.compare import compare

        form = await web.form_writer(request)
        old, new = await _upload(form.get("old"), "last year's report"), await _upload(form.get("new"),
                                                                                        "this year's report")
        return HTMLResponse(render("compare", "html", compare(old, new), layout="web/layout.html",
                                   **web.context(request)))

    # ------------------------------------------------------------------ JSON API

    @app.get("/api/watches", tags=["watches"])
    def api_watches(request: Request, q: str = "", tag: str = "", state: str = "", page: int = 1) -> dict[str, Any]:
        """Watches with their state, last check and change, next run: one page of 50."""
        web.may_read(request)
        return {"ok": True, **data.watch_list(web.config(), web.store, tag, state, q, page)}

    @app.post("/api/watches", tags=["watches"], status_code=201)
    async def api_add(request: Request) -> dict[str, Any]:
        """Add a watch: a JSON object with name, url and optionally kind, schedule, tags, ignore, notify."""
        web.api_writer(request)
        body = await request.json()
        if not isinstance(body, dict):
            raise Refused(400, "send a JSON object")
        watch = Watch(**{k: v for k, v in body.items() if k in Watch.__dataclass_fields__})
        config_mod.validate_watch(watch, "api")
        config_mod.add_watch(web.config_path, watch)
        return {"ok": True, "added": watch.name}

    @app.delete("/api/watches/{name}", tags=["watches"])
    def api_remove(request: Request, name: str) -> dict[str, Any]:
        web.api_writer(request)
        config_mod.remove_watch(web.config_path, name)
        return {"ok": True, "removed": name}

    @app.post("/api/watches/{name}/check", tags=["watches"], status_code=202)
    def api_check(request: Request, name: str) -> dict[str, Any]:
        web.api_writer(request)
        return {"ok": True, "message": web.check_now(name)}

    @app.get("/api/page", tags=["pages"])
    def api_page(request: Request, url: str, offset: int = 0) -> dict[str, Any]:
        """A stored page's versions (newest first), the documents it revealed and its recent checks."""
        web.may_read(request)
        return {"ok": True, **data.page_view(web.store, url, max(offset, 0))}

    @app.get("/api/diff", tags=["pages"])
    def api_diff(request: Request, url: str, a: int | None = None, b: int | None = None) -> dict[str, Any]:
        """Two versions of a page compared: the change's summary and every edit."""
        web.may_read(request)
        result, change = data.diff_view(web.store, url, a, b)
        return {"ok": True, **change, "diff": result.to_dict()}

    @app.get("/api/compare", tags=["analysis"])
    def api_compare(request: Request, old: str, new: str) -> dict[str, Any]:
        """Cross-year compare of two stored documents, each URL@N or URL@latest."""
        web.may_read(request)
        return {"ok": True, **data.compare_stored(web.store, old, new).to_dict()}

    @app.get("/api/trend", tags=["analysis"])
    def api_trend(request: Request) -> dict[str, Any]:
        """Figures across editions: repeat ?doc=URL@N for each."""
        web.may_read(request)
        return {"ok": True, **data.trend_stored(web.store, request.query_params.getlist("doc")).to_dict()}

    return app
