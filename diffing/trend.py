"""Figures across many editions of a report: one row per metric, one column per year, results and targets
apart. A report tells the results of the year it reviews and the targets of the year after, so each
edition fills two columns; the years come from the text (its title and top headings), never from the
order the files were given in. Rows are linked by the canonical metric (figures.metric_key), so 居民消费
价格涨幅 (a target) and 居民消费价格上涨 (a result) are one row."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import DiffError
from .compare import Edition, side_of
from .figures import Figure

MIN_POINTS = 2  # a row needs at least this many figures to be a trend


@dataclass
class Row:
    metric: str
    key: str
    measure: str
    results: dict[int, Figure] = field(default_factory=dict)
    targets: dict[int, Figure] = field(default_factory=dict)

    @property
    def points(self) -> int:
        return len(self.results) + len(self.targets)

    def unit(self) -> str:
        figures = [*self.results.values(), *self.targets.values()]
        return figures[-1].unit if figures else ""

    def to_dict(self) -> dict[str, Any]:
        def cells(figures: dict[int, Figure]) -> dict[str, Any]:
            return {str(year): {"value": f.value, "unit": f.unit, "qualifier": f.qualifier, "raw": f.raw,
                                "sentence": f.sentence} for year, f in sorted(figures.items())}
        return {"metric": self.metric, "measure": self.measure or None, "results": cells(self.results),
                "targets": cells(self.targets)}


@dataclass
class Trend:
    years: list[int]
    titles: dict[int, str]
    rows: list[Row]
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"format": "policywatch-trend/1", "years": self.years,
                "documents": {str(y): t for y, t in sorted(self.titles.items())}, "warnings": self.warnings,
                "rows": [r.to_dict() for r in self.rows]}


def trend(editions: list[Edition], given: dict[int, int] | None = None, named: dict[int, int] | None = None,
          labels: list[str] | None = None) -> Trend:
    """The figures of two or more editions of one report, by year; `given`: the year an edition (by its
    position) reviews, as the user said it; `named`: a year its file name holds, the last resort."""
    if len(editions) < 2:
        raise DiffError("trend needs two or more editions of a report")
    sides = []
    warnings: list[str] = []
    for number, edition in enumerate(editions, 1):
        label = labels[number - 1] if labels else f"document {number}"
        side = side_of(edition, label, warnings)
        side.given_year = (given or {}).get(number - 1)
        side.name_year = (named or {}).get(number - 1)
        if side.year is None:
            raise DiffError(f"{label} ({edition.title or 'untitled'}): no year in its title, headings, dateline "
                            f"or file name (say it: --year {label}=YYYY)")
        sides.append(side)
    sides.sort(key=lambda s: s.year or 0)
    seen: dict[int, str] = {}
    for side in sides:
        if side.year in seen:
            warnings.append(f"two documents report on {side.year}: “{seen[side.year]}” and “{side.title}”; "
                            f"the later one given wins")
        seen[side.year or 0] = side.title
    rows: dict[tuple[str, str], Row] = {}
    for side in sides:
        year = side.year or 0
        for figure in side.figures():
            if figure.role not in ("result", "target") or figure.ordinal:
                continue
            row = rows.setdefault((figure.key, figure.measure), Row(figure.metric, figure.key, figure.measure))
            cells, column = (row.results, year) if figure.role == "result" else (row.targets, year + 1)
            cells.setdefault(column, figure)
            row.metric = figure.metric
    kept = [r for r in rows.values() if r.points >= MIN_POINTS and len({*r.results, *r.targets}) >= 2]
    years = sorted({y for r in kept for y in (*r.results, *r.targets)})
    kept.sort(key=lambda r: (-r.points, r.metric))
    return Trend(years, {s.year or 0: s.title for s in sides}, kept, warnings)
