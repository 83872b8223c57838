"""Content-Encoding undone in bounded steps, every decoded byte counted against the body cap.

httpx decodes each chunk whole, and stacked encodings (`Content-Encoding: gzip, gzip`) multiply: 3.5 KB on
the wire reached 4.25 GB while the cap counted only the outer layer's input. Here each layer inflates at
most STEP bytes at a time, the next layer takes them as they come, and the bytes every layer produces
count against one cap, so memory stays near the cap whatever the ratio or the number of layers."""
from __future__ import annotations

import zlib
from collections.abc import Iterator

from ..errors import FetchError

STEP = 64 * 1024
MAX_LAYERS = 3
ACCEPTED = "gzip, deflate"  # what the fetcher asks for: the codings undone here


class _Inflate:
    """One gzip or deflate layer (gzip: members one after another; deflate: zlib-wrapped, or raw as some
    servers send it)."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        self.started = False
        self.inflater = zlib.decompressobj(zlib.MAX_WBITS | 16 if coding == "gzip" else zlib.MAX_WBITS)

    def feed(self, data: bytes) -> Iterator[bytes]:
        while data:
            try:
                out = self.inflater.decompress(data, STEP)
            except zlib.error:
                if self.coding != "deflate" or self.started:
                    raise
                self.inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                out = self.inflater.decompress(data, STEP)
            self.started = True
            data = self.inflater.unconsumed_tail
            if self.inflater.eof:  # a next gzip member, or trailing bytes after a deflate stream
                data = self.inflater.unused_data if self.coding == "gzip" else b""
                if data:
                    self.inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
            if out:
                yield out
            while len(out) == STEP and not data and not self.inflater.eof:  # output still held inside zlib
                out = self.inflater.decompress(b"", STEP)
                if out:
                    yield out

    def finish(self) -> Iterator[bytes]:
        out = self.inflater.flush(STEP)
        if out:
            yield out


class Decoder:
    """The body under a Content-Encoding header, decoded chunk by chunk; FetchError `too_large` as soon as
    the layers together have produced more than `cap` bytes."""

    def __init__(self, header: str, cap: int, url: str = "") -> None:
        codings = [c.strip().lower() for c in header.split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        if len(codings) > MAX_LAYERS:
            raise FetchError("too_large", f"{len(codings)} stacked content encodings (at most {MAX_LAYERS})", url)
        unknown = [c for c in codings if c not in ("gzip", "x-gzip", "deflate")]
        if unknown:
            raise FetchError("http", f"unsupported Content-Encoding {unknown[0]!r} (asked for {ACCEPTED})", url)
        # Applied in the order listed, so undone from the last.
        self.layers = [_Inflate("gzip" if c == "x-gzip" else c) for c in reversed(codings)]
        self.cap, self.url, self.decoded = cap, url, 0

    def feed(self, chunk: bytes) -> Iterator[bytes]:
        yield from self._through(0, chunk)

    def finish(self) -> Iterator[bytes]:
        for n, layer in enumerate(self.layers):
            for out in layer.finish():
                yield from self._through(n + 1, self._counted(out))

    def _through(self, n: int, data: bytes) -> Iterator[bytes]:
        if n == len(self.layers):
            yield data
            return
        try:
            for out in self.layers[n].feed(data):
                yield from self._through(n + 1, self._counted(out))
        except zlib.error as exc:
            raise FetchError("truncated", f"damaged {self.layers[n].coding} content encoding ({exc})",
                             self.url) from None

    def _counted(self, out: bytes) -> bytes:
        self.decoded += len(out)
        if self.decoded > self.cap:
            raise FetchError("too_large", f"body decodes to more than the {self.cap} byte cap", self.url)
        return out
