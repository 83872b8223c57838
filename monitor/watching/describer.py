"""The analysis child's side (analysis.py starts it): describe's arguments and the redline's labels in, what
the digest shows of the change out, over the child's stdin and stdout. Apart from analysis.py so that the
child imports no asyncio, only the differ and the redline's renderer, and the pass only this module."""
from __future__ import annotations

import contextlib
import os
import pickle
import struct
import sys
from typing import NamedTuple

SIZE = struct.Struct(">Q")  # each message's length, ahead of it
NICENESS = 5  # the child's priority below the pass's (see serve)


class Analysis(NamedTuple):
    """What a digest shows of a change (diffing.change.Change's headline and lines) and its redline page
    (HTML): plain values, so that the pass reads them without importing the differ."""

    headline: str
    lines: tuple[str, ...]
    redline: str


def serve() -> None:
    """The child: describe's arguments and the redline's labels in, the change's Analysis out (None if it
    failed), pickled and length-prefixed, until the pass closes the pipe. The redline is rendered
    here rather than in the delivery after the pass, which the pass waits for. The child runs at a lower
    priority than the pass: on a machine short of cores, the fetches are what the pass waits for, while the
    analyses can be done in the fetches' idle moments (the pass collects them only after its fetching). It
    ends without the interpreter's teardown: freeing the differ's modules and the segmenter's dictionary
    took 20-30 ms that the pass waited for, after the last answer was written."""
    with contextlib.suppress(AttributeError, OSError):  # no os.nice on Windows; a refusal leaves it as it was
        os.nice(NICENESS)
    from ...diffing.change import describe
    from ..render.diff_formats import redline

    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while header := stdin.read(SIZE.size):
        old_full, new_full, old_text, labels = pickle.loads(stdin.read(SIZE.unpack(header)[0]))
        try:
            change = describe(old_full, new_full, old_text)
            answer: Analysis | None = Analysis(change.headline, change.lines, redline(change, labels))
        except Exception:  # noqa: BLE001 (that change is worked out again at delivery, and fails there visibly)
            answer = None
        data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        stdout.write(SIZE.pack(len(data)) + data)
        stdout.flush()
    os._exit(0)
