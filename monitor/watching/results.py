"""What a pass did, as values a person or a script reads (`check --json` prints PassReport.to_dict())."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..clock import shown
from .events import ALERTS, CHANGES, EventKind

if TYPE_CHECKING:
    from ...snapshots import Version
    from .describer import Analysis


@dataclass
class PageResult:
    """One page's check, as a person or a script reads it."""

    watch: str
    url: str
    role: str  # watch | listing | listed | attachment
    outcome: str  # new | unchanged | error
    seq: int = 0
    title: str = ""
    error_kind: str = ""
    message: str = ""
    failures: int = 0
    events: list[EventKind] = field(default_factory=list)  # the events this check raised
    version_id: int = 0  # the version this check stored (0: none)

    @property
    def changed(self) -> bool:
        return any(e in CHANGES for e in self.events)

    @property
    def alert(self) -> str:
        return next((e for e in self.events if e in ALERTS), "")

    def to_dict(self) -> dict[str, Any]:
        return {"watch": self.watch, "url": self.url, "role": self.role, "outcome": self.outcome,
                "changed": self.changed, "events": self.events, "version": self.seq or None,
                "error_kind": self.error_kind or None, "message": self.message or None, "alert": self.alert or None,
                "failures": self.failures, "title": self.title or None}


@dataclass
class PassReport:
    """Everything one pass did; `check --json` prints to_dict() (format policywatch-check/2)."""

    started: datetime
    finished: datetime | None = None
    results: list[PageResult] = field(default_factory=list)
    baselines: list[str] = field(default_factory=list)  # watches whose first check took their baseline
    # Each change's digest analysis (headline, lines, redline page) by version id, worked out while the pass was
    # still fetching: the delivery after the pass only formats it.
    analyses: dict[int, Analysis] = field(default_factory=dict)
    # The two versions of each change, as the store handed them to the pass: its delivery reads them here.
    versions: dict[int, Version] = field(default_factory=dict)

    @property
    def changes(self) -> list[PageResult]:
        return [r for r in self.results if r.changed]

    @property
    def errors(self) -> list[PageResult]:
        return [r for r in self.results if r.outcome == "error"]

    @property
    def pages(self) -> int:
        return len(self.results)

    def to_dict(self) -> dict[str, Any]:
        return {"format": "policywatch-check/2", "started": shown(self.started),
                "finished": shown(self.finished) if self.finished else None, "pages": self.pages,
                "changes": len(self.changes), "errors": len(self.errors), "baselines": self.baselines,
                "results": [self._result(r) for r in self.results]}

    def _result(self, result: PageResult) -> dict[str, Any]:
        """A result, with its change's headline and lines when the pass analysed it."""
        out = result.to_dict()
        change = self.analyses.get(result.version_id) if result.changed else None
        if change is not None:
            out["change"] = {"headline": change.headline, "lines": list(change.lines)}
        return out
