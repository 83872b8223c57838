"""`policywatch demo`: the whole product offline. A local bureau-style site serves the bundled seeds,
a first pass takes the baseline, a revision lands (a figure changed, a program added, a sentence
dropped, next year's report published, a cell of a funding table edited and its chart redrawn under
the same address, two calls for applications published of which the 申报指南 watch's keywords let one
through), a second pass finds it all and writes the digest."""
from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from ...diffing.figures import extract_figures
from ...errors import InputError, PolicywatchError
from ...snapshots import Document, Store
from ...snapshots.clean import clean
from ...text.pictures import Picture
from ..outbox.digest import Digest
from ..render import render
from ..running.cycle import run_cycle
from ..watching.watchlist import Config, Settings, Watch
from .site import LocalSite, Page, bureau_html, chart_png, listing_html

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
LISTING = "/xxgk/ghjh/ndgzzj/"
# Seed 001 is copied text without its heading; its title is known from the seeds' README.
KNOWN_TITLES = {"001": "深圳市科技创新局2023年工作总结和2024年工作计划"}


@dataclass
class DemoResult:
    digest: Digest
    html_path: Path
    markdown: str


def seed(prefix: str, folder: Path = SEEDS) -> Document:
    path = next(folder.glob(f"{prefix}_*.txt"))
    doc = clean(path.read_text(encoding="utf-8"))
    if not doc.title and prefix in KNOWN_TITLES:
        doc.title = KNOWN_TITLES[prefix]
    return doc


_TELLING_UNITS = ("亿元", "万元", "%", "万家", "家", "项")


def revise(doc: Document) -> Document:
    """A realistic revision: a figure (money, a share or a count of firms, if the text has one) moves
    by about 8%, a new program is announced, and the last sentence of the longest paragraph is dropped."""
    body = list(doc.body)
    figures = [(i, f) for i, b in enumerate(body) if isinstance(b, str) for f in extract_figures(b)
               if not f.raw.startswith("第") and f.value != "0"]
    if figures:
        index, figure = min(figures, key=lambda pair: (pair[1].unit not in _TELLING_UNITS, pair[0]))
        step = Decimal("0.01") if "." in figure.value else Decimal(1)
        new_value = max((figure.number * Decimal("1.08")).quantize(step), figure.number + step)
        block = body[index]
        body[index] = str(block).replace(figure.raw, figure.raw.replace(figure.value, str(new_value), 1), 1)
    paragraphs = [i for i, b in enumerate(body) if isinstance(b, str) and b.count("。") >= 3]
    if paragraphs:
        first, longest = paragraphs[0], max(paragraphs, key=lambda i: len(body[i]))
        body[first] = str(body[first]) + "同步启动“深圳市未来产业先导区培育计划”,首期安排专项资金10亿元。"
        text = str(body[longest])
        sentences = re.findall(r"[^。]+。", text)
        if len(sentences) >= 3:
            body[longest] = text.replace(sentences[-1], "", 1)
    return replace(doc, body=body)


def _article(site: LocalSite, path: str, doc: Document) -> str:
    site.routes[path] = Page(bureau_html(doc, ["政务公开", "规划计划", "年度工作总结"]).encode("utf-8"))
    return site.url(path)


def _listing(site: LocalSite, items: list[tuple[str, str, Document]]) -> None:
    rows = [(doc.title, path, doc.published) for _, path, doc in items]
    site.routes[LISTING] = Page(listing_html("年度工作总结", rows).encode("utf-8"))


GUIDES = "/xxgk/zdly/sbzn/"
FUNDING = "/xxgk/zdly/sbzn/content/post_11500005.html"
CHART = "/xxgk/zdly/sbzn/content/images/5005.png"


def _funding(site: LocalSite, ceiling: str) -> str:
    """A page with a data table, the funding of each special programme, and its chart (the same address
    when it is redrawn: only its bytes tell)."""
    doc = Document(title="2026年度科技计划各专项资助安排", published="2026-03-01", source="深圳市科技创新局",
                   body=["现将2026年度科技计划各专项的资助安排公布如下，请各申报单位认真核对。",
                         [["专项", "项目数（个）", "资助上限（万元）"], ["人工智能", "40", ceiling],
                          ["合成生物", "25", "2000"]], Picture("各专项资助上限", CHART).line(), "深圳市科技创新局"])
    site.routes[FUNDING] = Page(bureau_html(doc, ["政务公开", "重点领域", "申报指南"]).encode("utf-8"))
    site.routes[CHART] = Page(chart_png([int(ceiling), 2000]), "image/png")
    return site.url(FUNDING)


def _guides(site: LocalSite, calls: list[tuple[str, str]]) -> None:
    """申报指南: one call for applications per (title, first paragraph)."""
    rows: list[tuple[str, str, str]] = []
    for n, (title, text) in enumerate(calls):
        path = f"{GUIDES}content/post_1160000{n}.html"
        doc = Document(title=title, published="2026-03-0" + str(n + 1), body=[text, "深圳市科技创新局"])
        site.routes[path] = Page(bureau_html(doc, ["政务公开", "重点领域", "申报指南"]).encode("utf-8"))
        rows.insert(0, (title, path, doc.published))
    site.routes[GUIDES] = Page(listing_html("申报指南", rows).encode("utf-8"))


_CALLS = [("关于组织申报2026年度技术攻关项目的通知", "现组织申报2026年度技术攻关项目，支持新材料与高端装备领域。"),
          ("关于组织申报2026年度人工智能专项的通知", "现组织申报2026年度人工智能专项，支持大模型与具身智能。"),
          ("关于组织申报2026年度科技馆展品征集的通知", "现征集科普展品，欢迎各单位报名参加。")]
_KEYWORDS = ["人工智能"]  # the 申报指南 watch's: of the two new calls, one is told


def run_demo(workdir: Path | None = None, say: Callable[[str], None] = lambda _line: None) -> DemoResult:
    """The walk-through; `say` hears one line per step."""
    workdir = Path(workdir or tempfile.mkdtemp(prefix="policywatch-demo-"))
    try:
        workdir.mkdir(parents=True, exist_ok=True)
        (workdir / ".write-test").touch()
        (workdir / ".write-test").unlink()
    except OSError as exc:
        raise InputError(f"{workdir}: cannot use as the demo's folder ({exc.strerror})") from None
    store = Store(str(workdir / "demo.db"))
    reply, interview, report_2023, report_2024 = seed("004"), seed("002"), seed("001"), seed("000")
    with LocalSite() as site:
        site.routes["/robots.txt"] = Page(b"User-agent: *\nAllow: /\n", "text/plain")
        listed = [("001", "/xxgk/ghjh/ndgzzj/content/post_11500001.html", report_2023)]
        for _, path, doc in listed:
            _article(site, path, doc)
        _listing(site, listed)
        reply_url = _article(site, "/hdjl/jyta/content/post_11500002.html", reply)
        interview_url = _article(site, "/xwzx/mtbd/content/post_11500003.html", interview)
        funding_url = _funding(site, "3000")
        _guides(site, _CALLS[:1])
        config = Config(workdir / "policywatch.toml", Settings(delay=0.0, robots=True, digest_dir=str(workdir),
                                                               allow_private=True), [
            Watch("年度工作总结", site.url(LISTING), "listing", tags=["reports"]),
            Watch("人大建议答复", reply_url, tags=["letters"]),
            Watch("局长访谈", interview_url, tags=["news"]),
            Watch("资助安排", funding_url, tags=["funding"]),
            Watch("申报指南", site.url(GUIDES), "listing", tags=["funding"], keywords=_KEYWORDS),
        ])
        say(f"a bureau-style site on {site.url('/')}: a listing with the 2023 work report, a reply to a "
            "deputy's proposal, an interview")
        baseline = run_cycle(config, store, notify=False).report
        if baseline.errors:
            raise PolicywatchError(f"demo baseline failed: {baseline.errors[0].message}")
        say(f"first pass: {baseline.pages} pages checked and stored as the baseline in {workdir / 'demo.db'}")
        _article(site, "/hdjl/jyta/content/post_11500002.html", revise(reply))
        listed.insert(0, ("000", "/xxgk/ghjh/ndgzzj/content/post_11500004.html", report_2024))
        _article(site, listed[0][1], report_2024)
        _listing(site, listed)
        say("the site changes: a figure of the reply revised, a program added, a sentence dropped, a funding "
            "table's cell lowered and its chart redrawn, two calls for applications published (the 申报指南 "
            f"watch tells only news that mentions {'、'.join(_KEYWORDS)}); the 2024 report published on the "
            "listing")
        _funding(site, "2500")
        _guides(site, _CALLS)  # two new calls: only the one that mentions 人工智能 is told
        second = run_cycle(config, store, notify=False)
        delivery = second.delivery
        compared = " with the cross-year compare" if second.report.analyses else ""
        say(f"second pass: {second.report.pages} pages checked, {len(second.report.changes)} changed or new; "
            f"the digest{compared} written to {workdir}")
    store.close()
    if delivery.digest is None or delivery.html is None:
        raise PolicywatchError(f"demo: the second pass delivered nothing ({delivery.error or 'no change seen'})")
    return DemoResult(delivery.digest, delivery.html, render("digest", "md", delivery.digest))
