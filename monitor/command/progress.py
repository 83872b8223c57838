"""A progress bar for a pass a person watches: on a terminal only, and only once the pass has lasted a
second (a quick check prints nothing extra; cron and --json never see it). Drawn on stderr, so stdout
keeps just the digest."""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

SHOW_AFTER = 1.0  # seconds


@contextmanager
def progress(watches: int, shown: bool) -> Iterator[Callable[[], None]]:
    """A function to call once per page checked; a bar appears after SHOW_AFTER seconds when `shown`. The
    bar pulses: a listing's documents and attachments are pages too, so the count of pages is not known."""
    if not shown:
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn(f"checking {watches} watches:"), BarColumn(), TextColumn("{task.completed} pages"),
                   TimeElapsedColumn(), console=Console(stderr=True), transient=True)
    task = bar.add_task("checking", total=None)
    timer = threading.Timer(SHOW_AFTER, bar.start)
    timer.daemon = True
    timer.start()
    try:
        yield lambda: bar.advance(task)
    finally:
        timer.cancel()
        timer.join()
        bar.stop()
