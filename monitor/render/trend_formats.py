"""Trend renderers: a table per format (one row per metric, a column per year, results and targets apart),
an inline SVG chart per metric in HTML (no script, no external file), and CSV for spreadsheets."""
from __future__ import annotations

import io
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from ...text.normal import printable
from . import renderer
from .diff_formats import md_escape
from .templating import render_template

if TYPE_CHECKING:  # the analysis loads only when a result is rendered, not to register a format
    from ...diffing.figures import Figure
    from ...diffing.trend import Row, Trend

CHART_W, CHART_H, PAD = 360, 140, 28
AXIS = 78  # room left of the chart for the value axis's labels


def _cell(row: Row, year: int) -> tuple[str, str]:
    result, target = row.results.get(year), row.targets.get(year)
    return (result.raw if result else "", target.raw if target else "")


def _line(cells: Mapping[int, Figure], years: list[int], low: Decimal,
          high: Decimal) -> list[tuple[float, float, str]]:
    span = float(high - low) or 1.0
    step = (CHART_W - 2 * PAD) / max(len(years) - 1, 1)
    points = []
    for year, figure in sorted(cells.items()):
        x = PAD + years.index(year) * step
        y = CHART_H - PAD - float(figure.scale - low) / span * (CHART_H - 2 * PAD)
        points.append((round(x, 1), round(y, 1), f"{year}: {figure.raw}"))
    return points


def chart(row: Row, years: list[int]) -> dict[str, object]:
    """Coordinates for the template's SVG: results as a solid line, targets dashed, both on one scale;
    the value axis labelled with the lowest and highest figure as written (their unit with them)."""
    figures = sorted((*row.results.values(), *row.targets.values()), key=lambda f: f.scale)
    low, high = figures[0].scale, figures[-1].scale
    if low == high:
        low, high = low - 1, high + 1
    step = (CHART_W - 2 * PAD) / max(len(years) - 1, 1)
    levels = {f.raw: _line({years[0]: f}, years, low, high)[0][1] for f in (figures[0], figures[-1])}
    return {"w": CHART_W, "h": CHART_H, "results": _line(row.results, years, low, high),
            "targets": _line(row.targets, years, low, high), "unit": row.unit(),
            "levels": sorted((y, raw) for raw, y in levels.items()),
            "ticks": [(round(PAD + i * step, 1), year) for i, year in enumerate(years)], "pad": PAD, "axis": AXIS}


@renderer("trend", "json", ".json", "application/json")
def as_json(result: Trend, **_: object) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=1) + "\n"


@renderer("trend", "csv", ".csv", "text/csv; charset=utf-8")
def as_csv(result: Trend, **_: object) -> str:
    import csv  # here: only this format writes CSV

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["metric", "kind", "unit", *result.years])
    for row in result.rows:
        for kind, cells in (("result", row.results), ("target", row.targets)):
            if cells:
                writer.writerow([printable(row.metric), kind, row.unit(),
                                 *(printable(cells[y].raw) if y in cells else "" for y in result.years)])
    return buffer.getvalue()


@renderer("trend", "md", ".md", "text/markdown; charset=utf-8")
def markdown(result: Trend, **_: object) -> str:
    out = ["# Trend: " + md_escape(" · ".join(f"{y} {t}" for y, t in sorted(result.titles.items()))), ""]
    out += [f"- warning: {md_escape(w)}" for w in result.warnings]
    out += ["", "Each cell: result / target for that year.", "",
            "| metric | " + " | ".join(str(y) for y in result.years) + " |",
            "|---|" + "---|" * len(result.years)]
    for row in result.rows:
        cells = [" / ".join(md_escape(v) or "—" for v in _cell(row, y)) for y in result.years]
        out.append(f"| {md_escape(row.metric)}{' (' + md_escape(row.measure) + ')' if row.measure else ''} | "
                   + " | ".join(cells) + " |")
    return printable("\n".join(out)) + "\n"


@renderer("trend", "html", ".html", "text/html; charset=utf-8")
def html(result: Trend, **page: object) -> str:
    return render_template("trend.html", t=result, charts=[chart(r, result.years) for r in result.rows],
                           cell=_cell, **page)


@renderer("trend", "term", "", "text/plain; charset=utf-8")
def term(result: Trend, width: int = 140, color: bool = True, **_: object) -> str:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=color, width=width, color_system="standard" if color else None,
                      highlight=False)
    table = Table("metric", *(str(y) for y in result.years), title="result / target by year", title_justify="left")
    for row in result.rows:
        table.add_row(Text(printable(row.metric)), *(Text(" / ".join(v or "—" for v in _cell(row, y)))
                                                    for y in result.years))
    for warning in result.warnings:
        console.print(Text(f"warning: {printable(warning)}", style="yellow"))
    console.print(table)
    return buffer.getvalue()
