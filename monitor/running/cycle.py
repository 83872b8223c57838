"""One cycle of monitoring, the way `check`, the scheduler's jobs and the demo all run it: a pass over
the selected watches under the check lock, then the outbox delivered (this pass's events and any an
earlier, interrupted pass left behind). Returns values; printing and exit codes are the CLI's."""
from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...snapshots import FetchPolicy, Store
from ..outbox.deliver import Delivery, deliver
from ..watching.check import check
from ..watching.events import NEWS
from ..watching.lock import InstanceLock
from ..watching.results import PageResult, PassReport
from ..watching.watchlist import Config

if TYPE_CHECKING:
    from ..watching.early import Early


@dataclass
class Cycle:
    report: PassReport
    delivery: Delivery

    @property
    def exit_code(self) -> int:
        """0 nothing new, 1 news delivered, 2 errors (errors win: an operator must look)."""
        if self.report.errors or self.delivery.error or self.delivery.failed or self.delivery.gave_up:
            return 2
        digest = self.delivery.digest
        news = digest is not None and any(e.kind in NEWS for e in digest.entries)
        return 1 if news else 0

    def alert_lines(self) -> list[str]:
        """One line per failing page (whether or not it crossed failures_before_alert: that threshold
        governs notifications, not the operator's terminal), and per delivery that failed."""
        out = [f"{r.watch}: {r.url}: error [{r.error_kind}] {r.message}" for r in self.report.errors]
        if self.delivery.error:
            out.append(f"digest not delivered (kept for the next pass): {self.delivery.error}")
        gave_up = {s.target for s in self.delivery.gave_up}
        out += [f"notification to {s.target} failed ({s.error}); kept for a later pass"
                for s in self.delivery.failed if s.target not in gave_up]
        out += [f"GAVE UP notifying {s.target} of {s.entries} event(s): {s.error}" for s in self.delivery.gave_up]
        return out


class _Preparing:
    """The delivery's loading (publish.prepare) in a thread from the pass's first event on, beside the
    fetching still under way; a pass without news never starts it."""

    def __init__(self, on_result: Callable[[PageResult], None] | None) -> None:
        self.on_result = on_result
        self.thread: threading.Thread | None = None

    def __call__(self, result: PageResult) -> None:
        if result.events and self.thread is None:
            self.thread = threading.Thread(target=self._prepare, name="prepare-delivery", daemon=True)
            self.thread.start()
        if self.on_result is not None:
            self.on_result(result)

    @staticmethod
    def _prepare() -> None:
        with contextlib.suppress(Exception):  # whatever fails here, delivery meets again and reports
            from ..outbox.publish import prepare

            prepare()

    def wait(self) -> None:
        if self.thread is not None:
            self.thread.join()


def run_cycle(config: Config, store: Store, tags: tuple[str, ...] = (), names: tuple[str, ...] = (),
              notify: bool = True, wait: float = 0.0, on_result: Callable[[PageResult], None] | None = None,
              policy: FetchPolicy | None = None, early: Early | None = None) -> Cycle:
    """`early`: the check lock already held and the pages' requests under way (`check`, early.py)."""
    with early.lock if early is not None else InstanceLock(store.target, "check").acquire(wait):
        preparing = _Preparing(on_result)
        try:
            report = check(config, store, tags, names, preparing, policy, early)
        finally:
            if early is not None:
                early.close()
        preparing.wait()
        delivery = deliver(config, store, notify, checked=report.pages, errors=len(report.errors),
                           analyses=report.analyses, versions=report.versions)
    return Cycle(report, delivery)
