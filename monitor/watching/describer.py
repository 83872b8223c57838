"""The analysis child's side (analysis.py starts it): describe's arguments and the redline's labels in, the
Change and its redline page out, over the child's stdin and stdout. Apart from analysis.py so that the child
imports no asyncio, only the differ and the redline's renderer."""
from __future__ import annotations

import contextlib
import os
import pickle
import struct
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...diffing.change import Change

Answer = tuple["Change", str]  # a change's analysis and its redline page (HTML)

SIZE = struct.Struct(">Q")  # each message's length, ahead of it
NICENESS = 5  # the child's priority below the pass's (see serve)


def serve() -> None:
    """The child: describe's arguments and the redline's labels in, the Change and its redline out (None if
    either failed), pickled and length-prefixed, until the pass closes the pipe. The redline is rendered
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
            answer: Answer | None = (change, redline(change, labels))
        except Exception:  # noqa: BLE001 (that change is worked out again at delivery, and fails there visibly)
            answer = None
        data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        stdout.write(SIZE.pack(len(data)) + data)
        stdout.flush()
    os._exit(0)
