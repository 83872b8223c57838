"""Untrusted files read in a child process with limits it cannot pass. The readers of office files are
libraries that can take their process down: calamine (native) aborts when an allocation fails, pypdf and
lxml can grow without end. Here the child gets an address-space limit (RLIMIT_AS), a CPU limit and a
wall-clock timeout per file; its death, whatever the cause, is that one file's FetchError, and the caller
(a command, a pass, the web app) carries on.

The child is a fresh interpreter (not a fork: a large parent is neither copied nor charged to the limit),
kept for the files that follow (starting one costs more than reading most files: 300 attachments in a
pass would pay 300 starts), and replaced after it dies, times out, or has read RECYCLE_AFTER files. A
file that kills a child that had read others is tried once more in a fresh one, so an earlier file's
leftovers never count against it."""
from __future__ import annotations

import atexit
import json
import os
import resource
import selectors
import signal
import struct
import subprocess
import sys
import threading
import time

from ..errors import FetchError
from .document import Document
from .office import read_here, readable

MEMORY_LIMIT = 1024 * 2**20  # bytes of address space for the child
CPU_SECONDS = 600  # CPU seconds of one child over its RECYCLE_AFTER files (a backstop; WALL_SECONDS is per file)
WALL_SECONDS = 90.0  # one file
RECYCLE_AFTER = 100
_CHILD = "from policywatch.snapshots.confined import main; main()"
_SIZE = struct.Struct(">Q")


class _Died(Exception):
    """The child ended or stopped answering while reading one file."""


class _Child:
    def __init__(self) -> None:
        self.process = subprocess.Popen([sys.executable, "-c", _CHILD], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.owner = os.getpid()
        self.served = 0

    def ask(self, kind: str, content: bytes) -> dict[str, object]:
        process = self.process
        assert process.stdin is not None and process.stdout is not None
        try:
            header = kind.encode("ascii")
            process.stdin.write(_SIZE.pack(len(header)) + header + _SIZE.pack(len(content)))
            process.stdin.write(content)
            process.stdin.flush()
        except OSError:
            raise _Died from None
        deadline = time.monotonic() + WALL_SECONDS
        size = _SIZE.unpack(self._read(_SIZE.size, deadline))[0]
        self.served += 1
        answer: dict[str, object] = json.loads(self._read(size, deadline))
        return answer

    def _read(self, size: int, deadline: float) -> bytes:
        assert self.process.stdout is not None
        fd, chunks, got = self.process.stdout.fileno(), [], 0
        with selectors.DefaultSelector() as selector:
            selector.register(fd, selectors.EVENT_READ)
            while got < size:
                left = deadline - time.monotonic()
                if left <= 0 or not selector.select(left):
                    raise TimeoutError
                chunk = os.read(fd, min(size - got, 1 << 20))
                if not chunk:
                    raise _Died
                chunks.append(chunk)
                got += len(chunk)
        return b"".join(chunks)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                pipe.close()

    def death(self) -> str:
        """Why the child ended, once it has (killed by a signal, or its exit status)."""
        self.stop()
        code = self.process.returncode
        if code is not None and code < 0:
            try:
                return signal.Signals(-code).name
            except ValueError:
                return f"signal {-code}"
        return f"exit {code}"


_lock = threading.Lock()
_child: _Child | None = None


def office_document(kind: str, content: bytes, url: str = "") -> Document:
    """The document in a PDF, Word, Excel or OFD file, read in a confined child process."""
    if not readable(kind):
        raise FetchError("binary", f"no reader for {kind} files", url)
    try:
        document = read_confined(kind, content)
    except FetchError as error:
        raise FetchError(error.kind, error.reason, url) from None
    document.url = url
    return document


def read_confined(kind: str, content: bytes) -> Document:
    """The document of an office file of `kind` (a key of office._READERS), read by a confined child."""
    global _child
    what = f"the {kind.upper()} reader"
    with _lock:
        for _ in range(2):
            if _child is None or _child.owner != os.getpid() or _child.process.poll() is not None:
                _child = _Child()
            child, veteran = _child, _child.served > 0
            try:
                answer = child.ask(kind, content)
            except TimeoutError:
                child.stop()
                _child = None
                raise FetchError("unreadable", f"{what} took over {WALL_SECONDS:g} s on this file") from None
            except (_Died, ValueError, struct.error):
                why = child.death()
                _child = None
                if veteran:
                    continue
                raise FetchError("unreadable", f"{what} died on this file ({why}; it may use "
                                 f"{MEMORY_LIMIT // 2**20} MiB)") from None
            if child.served >= RECYCLE_AFTER:
                child.stop()
                _child = None
            if "error" in answer:
                error = answer["error"]
                assert isinstance(error, dict)
                raise FetchError(str(error["kind"]), str(error["reason"]))
            document = answer["document"]
            assert isinstance(document, dict)
            return Document.from_dict(document)
    raise FetchError("internal", f"{what} could not be started")


@atexit.register
def _stop_child() -> None:
    if _child is not None and _child.owner == os.getpid():
        _child.stop()


def _read_exactly(size: int) -> bytes:
    data = sys.stdin.buffer.read(size)
    if len(data) < size:
        raise SystemExit(0)  # the parent has gone
    return data


def main() -> None:
    """The child: limits first, then file after file from stdin (kind, bytes), each answer as JSON."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))

    while True:
        kind = _read_exactly(_SIZE.unpack(_read_exactly(_SIZE.size))[0]).decode("ascii")
        content = _read_exactly(_SIZE.unpack(_read_exactly(_SIZE.size))[0])
        try:
            answer: dict[str, object] = {"document": read_here(kind, content).to_dict()}
        except FetchError as error:
            answer = {"error": {"kind": error.kind, "reason": error.reason}}
        del content
        out = json.dumps(answer).encode("ascii")
        sys.stdout.buffer.write(_SIZE.pack(len(out)) + out)
        sys.stdout.buffer.flush()
