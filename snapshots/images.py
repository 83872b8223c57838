"""The bytes of a page's body images, as a digest on each image's line (text.pictures): a chart swapped
under the same src is a change of the page, and the same bytes are the same version.

Images are fetched by the page's fetcher, so its politeness, robots.txt and address guard apply; only
images of the kept body, on the page's site family, at most `max_images` a page, each capped at
`image_bytes` (by Content-Length before reading, then while streaming). What was seen of each image
(its address, digest and validators) is kept with the page (pages.images), so a later pass asks
conditionally and an unchanged image is a 304. A failed fetch keeps the digest last seen, or leaves the
image unknown: a failure never reads as "replaced"."""
from __future__ import annotations

import asyncio
import hashlib
import json
from dataclasses import dataclass, replace
from urllib.parse import urljoin, urlsplit

from ..errors import FetchError
from ..text.pictures import DIGEST_CHARS, Picture, picture
from .document import Document
from .fetch import Fetcher
from .listing import site_family

UNKNOWN = "?"  # pages.images of a page whose images were never fetched (stored before image digests)


@dataclass(frozen=True)
class Seen:
    """An image as last fetched."""

    url: str  # absolute
    digest: str  # '' while its bytes are unknown (it could not be fetched yet)
    etag: str = ""
    last_modified: str = ""


Images = dict[str, Seen]  # by src, as the page writes it


def encode(seen: Images) -> str:
    return json.dumps({src: [s.url, s.digest, s.etag, s.last_modified] for src, s in sorted(seen.items())},
                      ensure_ascii=False, separators=(",", ":"))


def decode(text: str) -> Images | None:
    """What was seen of a page's images; None when unknown (never fetched, or unreadable)."""
    try:
        data = json.loads(text) if text and text != UNKNOWN else None
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    return {src: Seen(*(str(v) for v in values[:4])) for src, values in data.items()
            if isinstance(values, list) and len(values) >= 2}


def pictures(document: Document) -> list[Picture]:
    return [p for block in document.body if isinstance(block, str) and (p := picture(block)) is not None]


def targets(document: Document, page_url: str, limit: int) -> dict[str, str]:
    """Each body image's src -> the address to fetch, '' for one not fetched: off the page's site family
    (another site's bytes are not the page's), not http(s), or past `limit`."""
    family = site_family(urlsplit(page_url).netloc)
    out: dict[str, str] = {}
    fetched = 0
    for p in pictures(document):
        if p.src in out:
            continue
        url = urljoin(page_url, p.src)
        parts = urlsplit(url)
        ok = parts.scheme in ("http", "https") and site_family(parts.netloc) == family and fetched < limit
        out[p.src] = url if ok else ""
        fetched += ok
    return out


async def fingerprint(fetcher: Fetcher, wanted: dict[str, str], before: Images,
                      headers: dict[str, str] | None = None) -> Images:
    """The images' digests, fetched concurrently (within the fetcher's per-host limits); an image not
    fetched, not fetchable or answered 304 keeps what was seen before, or stays unknown (digest '')."""
    async def one(src: str, url: str) -> Seen | None:
        known = before.get(src)
        if not url:
            return known
        same = known if known is not None and known.url == url else None
        unknown = known or Seen(url, "")  # asked again next time, even when the page is a 304
        try:
            fetched = await fetcher.fetch(url, same.etag if same else "", same.last_modified if same else "",
                                          headers, max_bytes=fetcher.policy.image_bytes, page=False)
        except FetchError:
            return unknown
        if fetched.not_modified:
            return replace(same, etag=fetched.etag or same.etag,
                           last_modified=fetched.last_modified or same.last_modified) if same else unknown
        if fetched.content_type.lower().startswith("text/"):
            return unknown  # an error or login page served for the image: not its bytes
        return Seen(url, hashlib.sha256(fetched.content).hexdigest()[:DIGEST_CHARS], fetched.etag,
                    fetched.last_modified)
    found = await asyncio.gather(*(one(src, url) for src, url in wanted.items()))
    return {src: seen for src, seen in zip(wanted, found, strict=True) if seen is not None}


def stamped(document: Document, seen: Images) -> Document:
    """The document with each known digest on its image's line (other lines as they are)."""
    def line(block: str) -> str:
        p = picture(block)
        if p is None or p.src not in seen or not seen[p.src].digest:
            return block
        return Picture(p.alt, p.src, seen[p.src].digest).line()
    return replace(document, body=[line(b) if isinstance(b, str) else b for b in document.body])


def filled(latest: Document, known: Images) -> Document | None:
    """LATEST with the known digests of images it records without one (stored before digests, recleaned,
    or not fetchable then), None when there is nothing to fill. `known`: what was seen of them at the
    last check, else now (an image's first digest is its baseline, not a change)."""
    changed = False

    def line(block: str) -> str:
        nonlocal changed
        p = picture(block)
        if p is None or p.digest or p.src not in known or not known[p.src].digest:
            return block
        changed = True
        return Picture(p.alt, p.src, known[p.src].digest).line()
    body = [line(b) if isinstance(b, str) else b for b in latest.body]
    return replace(latest, body=body) if changed else None


def headers_for(page_url: str, headers: dict[str, str] | None) -> dict[str, str]:
    """The watch's headers, and the page as Referer (sites refuse images linked from elsewhere)."""
    return {"Referer": page_url, **(headers or {})}
