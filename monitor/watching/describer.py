"""The analysis child's side (analysis.py starts it): describe's arguments in, its Change out, over the
child's stdin and stdout. Apart from analysis.py so that the child imports no asyncio, only the differ."""
from __future__ import annotations

import pickle
import struct
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...diffing.change import Change

SIZE = struct.Struct(">Q")  # each message's length, ahead of it


def serve() -> None:
    """The child: describe's arguments in, its Change out (None if it failed), pickled and length-prefixed,
    until the pass closes the pipe."""
    from ...diffing.change import describe

    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while header := stdin.read(SIZE.size):
        old_full, new_full, old_text = pickle.loads(stdin.read(SIZE.unpack(header)[0]))
        try:
            answer: Change | None = describe(old_full, new_full, old_text)
        except Exception:  # noqa: BLE001 (that change is worked out again at delivery, and fails there visibly)
            answer = None
        data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        stdout.write(SIZE.pack(len(data)) + data)
        stdout.flush()
