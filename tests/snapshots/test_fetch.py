"""The fetcher against a real local server: encodings, conditional GETs, PDFs, politeness, faults."""
from __future__ import annotations

import io
import ssl
import time

import pytest
from faults import FAULT_KINDS, flaky, install_faults
from support import article, fetch, fetch_document, run_snapshot, seed_doc

from policywatch.errors import FetchError
from policywatch.monitor.demo.site import LocalSite, Page
from policywatch.snapshots import Fetcher, FetchPolicy
from policywatch.snapshots.decode import decode
from policywatch.snapshots.fetch import retry_after


def test_utf8_and_gbk_pages_decode_to_the_same_text(site, fast_policy):
    doc = seed_doc("000")
    site.routes["/utf8.html"] = Page(article(doc))
    site.routes["/gbk.html"] = Page(article(doc, "gb2312"), "text/html")  # charset only in <meta>
    site.routes["/gbk-header.html"] = Page(article(doc, "gb2312"), "text/html; charset=GBK")
    site.routes["/gbk-mislabelled.html"] = Page(article(doc, "gb2312").replace(b"gb2312", b"utf-8"),
                                                "text/html; charset=utf-8")
    texts = {path: fetch_document(site.url(path), fast_policy).text() for path in
             ("/utf8.html", "/gbk.html", "/gbk-header.html", "/gbk-mislabelled.html")}
    assert "研发投入强度提升至6.46%" in texts["/utf8.html"]
    for path, text in texts.items():
        assert "研发投入强度提升至6.46%" in text, path


def test_gb2312_is_decoded_as_gb18030():
    text, encoding = decode("𠮷与镕".encode("gb18030"), "text/html; charset=gb2312")
    assert (text, encoding) == ("𠮷与镕", "gb18030")


def test_conditional_get_uses_etag_and_304_is_unchanged(site, store, fast_policy):
    site.routes["/a.html"] = Page(article(seed_doc("004")), etag='"v1"')
    first = run_snapshot(store, site.url("/a.html"), fast_policy)
    assert fetch(site.url("/a.html"), fast_policy, etag='"v1"').status == 304
    second = run_snapshot(store, site.url("/a.html"), fast_policy)
    assert first.outcome == "new" and second.outcome == "unchanged"
    assert store.counts()["versions"] == 1


def test_pdf_attachment_is_kept_and_its_text_extracted(site, store, fast_policy):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle("Shenzhen science and technology plan 2025")
    for n, line in enumerate(["1. Support key technology research.", "2. Build 100 concept verification centers.",
                              "3. Expand the seed fund to 5 billion yuan."]):
        pdf.drawString(72, 760 - 20 * n, line)
    pdf.save()
    site.routes["/plan.pdf"] = Page(buffer.getvalue(), "application/pdf")
    outcome = run_snapshot(store, site.url("/plan.pdf"), fast_policy)
    assert outcome.outcome == "new"
    assert store.raw(outcome.version) == buffer.getvalue()
    doc = outcome.version.document
    assert doc.title == "Shenzhen science and technology plan 2025"
    assert any("100 concept verification centers" in line for line in doc.lines())


def test_robots_txt_is_honoured(site, fast_policy):
    site.routes["/private/x.html"] = Page(article(seed_doc("004")))
    with pytest.raises(FetchError) as info:
        fetch(site.url("/private/x.html"), fast_policy)
    assert info.value.kind == "robots"
    fast_policy.robots = False
    assert fetch(site.url("/private/x.html"), fast_policy).status == 200


def test_robots_wildcards_are_understood_and_robots_is_read_once_per_check(site, tmp_path):
    """`Disallow: /*.pdf$` refuses PDFs anywhere, never fetched; a check of several pages on one host asks
    for robots.txt once."""
    from support import run, write_config

    site.routes["/robots.txt"] = Page(b"User-agent: *\nDisallow: /*.pdf$\n", "text/plain")
    site.routes["/files/plan.pdf"] = Page(b"%PDF-1.4 not reached", "application/pdf")
    for n in range(4):
        site.routes[f"/a{n}.html"] = Page(article(seed_doc("004")))
    cfg = tmp_path / "r.toml"
    write_config(cfg, [{"name": f"a{n}", "url": site.url(f"/a{n}.html")} for n in range(4)]
                 + [{"name": "pdf", "url": site.url("/files/plan.pdf")}])
    done = run("--db", str(tmp_path / "r.db"), "check", "--config", str(cfg), "-v")
    assert done.returncode == 2 and "[robots]" in done.stderr and "plan.pdf" in done.stderr
    assert site.hits.get("/files/plan.pdf", 0) == 0 and site.hits["/robots.txt"] == 1
    assert all(site.hits[f"/a{n}.html"] == 1 for n in range(4))


def test_retry_after_then_success(site, fast_policy):
    site.routes["/flaky.html"] = flaky(2, 503, Page(article(seed_doc("004"))), retry_after="0")
    response = fetch(site.url("/flaky.html"), fast_policy)
    assert response.status == 200 and site.hits["/flaky.html"] == 3


def test_retry_after_longer_than_allowed_gives_up_at_once(site, fast_policy):
    site.routes["/slow-down"] = Page(b"busy", status=503, headers={"Retry-After": "3600"})
    fast_policy.max_retry_after = 5
    with pytest.raises(FetchError, match="Retry-After 3600"):
        fetch(site.url("/slow-down"), fast_policy)
    assert site.hits["/slow-down"] == 1


def test_retry_after_http_date():
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert retry_after("120") == 120.0
    assert retry_after("soon") is None


def test_min_delay_spaces_requests_to_one_host(site):
    site.routes["/p.html"] = Page(article(seed_doc("004")))
    policy = FetchPolicy(min_delay=0.3, robots=False, retries=0, allow_private=True)
    import asyncio

    async def go():
        async with Fetcher(policy) as fetcher:
            await asyncio.gather(*(fetcher.fetch(site.url("/p.html")) for _ in range(4)))
    started = time.monotonic()
    asyncio.run(go())
    assert time.monotonic() - started >= 0.9  # three gaps of 0.3 s


def test_keep_alive_connection_the_server_closed_is_not_reused(site):
    """The server answers as HTTP/1.1 keep-alive, then hangs up. The pooled connection must be seen as
    closed before the next request (httpcore's pool polls its socket); with no retries allowed, reusing
    it would fail as a truncated response."""
    body = article(seed_doc("004"))

    def hang_up_after(handler) -> None:  # type: ignore[no-untyped-def]
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
        handler.close_connection = True

    site.routes["/closing.html"] = hang_up_after
    policy = FetchPolicy(min_delay=0.2, robots=False, retries=0, per_host=1, allow_private=True)
    import asyncio

    async def go():
        async with Fetcher(policy) as fetcher:
            return [await fetcher.fetch(site.url("/closing.html")) for _ in range(3)]
    assert [r.status for r in asyncio.run(go())] == [200, 200, 200]
    assert site.hits["/closing.html"] == 3


def test_user_agent_is_sent(site):
    seen = {}

    def handler(h):
        seen["ua"] = h.headers.get("User-Agent")
        body = article(seed_doc("004"))
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)
    site.routes["/ua.html"] = handler
    fetch(site.url("/ua.html"), FetchPolicy(user_agent="policywatch-test/1", robots=False, min_delay=0,
                                            allow_private=True))
    assert seen["ua"] == "policywatch-test/1"


@pytest.mark.parametrize("fault", sorted(FAULT_KINDS))
def test_each_fault_is_an_error_of_its_kind(site, fast_policy, fault):
    paths = install_faults(site)
    with pytest.raises(FetchError) as info:
        fetch_document(site.url(paths[fault]), fast_policy)
    assert info.value.kind == FAULT_KINDS[fault]
    assert "\n" not in str(info.value) and len(str(info.value)) < 300


def test_not_http_url_is_refused(fast_policy):
    with pytest.raises(FetchError) as info:
        fetch("file:///etc/passwd", fast_policy)
    assert info.value.kind == "scheme"


def test_unreachable_host_is_a_network_error(fast_policy):
    with pytest.raises(FetchError) as info:
        fetch("http://127.0.0.1:9/", fast_policy)
    assert info.value.kind in ("network", "timeout")


@pytest.fixture
def tls_site():
    """An HTTPS site whose certificate comes from a throwaway CA (trustme), trusted by nobody by default."""
    trustme = pytest.importorskip("trustme")
    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    with LocalSite(tls=context) as s:
        s.routes["/p.html"] = Page(article(seed_doc("004")))
        yield s, ca


def test_https_page_from_a_trusted_ca_is_fetched_over_one_connection(tls_site, fast_policy, tmp_path, monkeypatch):
    site, ca = tls_site
    ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "ca.pem"))  # the system store, as the fetcher reads it
    import asyncio

    async def go():
        async with Fetcher(fast_policy) as fetcher:
            return [await fetcher.fetch(site.url("/p.html")) for _ in range(2)]
    first, second = asyncio.run(go())
    assert first.final_url.startswith("https://") and first.status == second.status == 200
    assert first.content == second.content
    assert seed_doc("004").lines()[0][:10] in first.content.decode()


def test_untrusted_certificate_is_a_tls_error_on_one_line(tls_site, fast_policy):
    site, _ = tls_site
    with pytest.raises(FetchError) as info:
        fetch(site.url("/p.html"), fast_policy)
    assert info.value.kind == "tls"
    assert "\n" not in str(info.value) and site.base in str(info.value)
