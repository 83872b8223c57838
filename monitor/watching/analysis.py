"""Each change's digest analysis (diffing.change.describe) and its redline page, worked out in a child
process while the pass still fetches. In the pass's own process it would hold up every fetch in flight: the
word segmenter's dictionary (rjieba, native) loads in a quarter of a second without letting go of the GIL,
and each analysis holds it for 10-15 ms more. The child is a fresh interpreter (forking a process that runs
threads is not safe) that imports the differ and the redline's renderer only, started at the pass's first
change, so a pass of unchanged pages never pays for it. An analysis that fails, or a child that dies, costs
nothing but time: delivery works those changes out itself."""
from __future__ import annotations

import asyncio
import contextlib
import pickle
import subprocess
import sys
from typing import TYPE_CHECKING

from ..outbox.digest import redline_labels
from .describer import SIZE as _SIZE
from .describer import Analysis

if TYPE_CHECKING:
    from ...snapshots import Document, Version

_CHILD = "from policywatch.monitor.watching.describer import serve; serve()"
Job = tuple[int, tuple[str, str, str, tuple[str, str]]]  # new version id, describe's arguments, the redline's labels


class Analyses:
    """The pass's analyses by new version id, from one child started at the first change. The child's
    answers stay pickled until `collect` (in a thread, after the fetching): the fetch loop only moves bytes.
    They are plain values (describer.Analysis): the pass never imports the differ to read them."""

    def __init__(self) -> None:
        self._jobs: asyncio.Queue[Job | None] = asyncio.Queue()
        self._work: asyncio.Task[dict[int, bytes]] | None = None

    def start(self, old: Document, new: Version) -> None:
        if self._work is None:
            self._work = asyncio.ensure_future(self._run())
        self._jobs.put_nowait((new.id, (old.full_text(), new.document.full_text(), old.text(),
                                         redline_labels(old, new.document))))

    async def collect(self) -> dict[int, Analysis]:
        """Every analysis the child finished; the child ends."""
        if self._work is None:
            return {}
        self._jobs.put_nowait(None)
        return await asyncio.to_thread(_read, await self._work)

    async def _run(self) -> dict[int, bytes]:
        done: dict[int, bytes] = {}
        try:
            child = await asyncio.create_subprocess_exec(sys.executable, "-c", _CHILD, stdin=subprocess.PIPE,
                                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        except OSError:
            return done
        assert child.stdin is not None and child.stdout is not None
        ended = False
        try:
            while (job := await self._jobs.get()) is not None:
                data = pickle.dumps(job[1], protocol=pickle.HIGHEST_PROTOCOL)
                child.stdin.write(_SIZE.pack(len(data)) + data)
                await child.stdin.drain()
                size = _SIZE.unpack(await child.stdout.readexactly(_SIZE.size))[0]
                done[job[0]] = await child.stdout.readexactly(size)
            ended = True
        except (OSError, EOFError, asyncio.IncompleteReadError):
            pass  # the child died: what it did not finish is worked out at delivery
        finally:
            child.stdin.close()  # the child's end of input: it exits
            if not ended:
                with contextlib.suppress(ProcessLookupError):
                    child.kill()
            await child.wait()
        return done


def _read(answers: dict[int, bytes]) -> dict[int, Analysis]:
    """The child's answers unpickled; one it could not work out (None), or that does not read, is left to
    delivery."""
    done: dict[int, Analysis] = {}
    for version_id, data in answers.items():
        try:
            answer = pickle.loads(data)
        except Exception:  # noqa: BLE001 (a garbled answer costs that change's analysis at delivery, no more)
            continue
        if answer is not None:
            done[version_id] = answer
    return done
