"""Tables to take away: the watch list, a compare and a trend as CSV or XLSX. Every cell is page text
or typed by someone, so it is untrusted: control characters are dropped, a CSV cell that a spreadsheet
would read as a formula (= + - @, a tab or a return first) gets a leading apostrophe, and XLSX cells are
written as strings only (XlsxWriter with every string conversion off), never as formulas or links."""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from ...text.normal import printable

if TYPE_CHECKING:
    from ...diffing.compare import Comparison
    from ...diffing.trend import Trend

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8",
               "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


class Table(NamedTuple):
    title: str  # the sheet's name in XLSX, a heading row in CSV
    columns: list[str]
    rows: list[list[str]]


def neutral(value: object) -> str:
    """A cell's text that no spreadsheet runs as a formula."""
    text = printable(str(value))
    return "'" + text if text.startswith(FORMULA_START) else text


def compare_tables(result: Comparison) -> list[Table]:
    """The compare's sections as the page shows them, the summary first; empty sections left out."""
    from ..render.compare_formats import story

    return [Table(s.title, s.columns if any(s.columns) else ["", ""], [[c.text for c in row] for row in s.rows])
            for s in story(result) if s.rows]


def trend_tables(result: Trend) -> list[Table]:
    """One row per metric and kind (result, target), a column per year, each figure as written."""
    rows = []
    for row in result.rows:
        for kind, cells in (("result", row.results), ("target", row.targets)):
            if cells:
                rows.append([row.metric, row.measure, kind, row.unit(),
                             *(cells[y].raw if y in cells else "" for y in result.years)])
    return [Table("trend", ["metric", "measure", "kind", "unit", *map(str, result.years)], rows)]


WATCH_COLUMNS = ("name", "url", "kind", "tags", "schedule", "state", "last_checked", "last_changed", "next_run")


def watch_tables(rows: list[dict[str, Any]]) -> list[Table]:
    return [Table("watches", list(WATCH_COLUMNS),
                  [[", ".join(r[c]) if c == "tags" else r[c] or "" for c in WATCH_COLUMNS] for r in rows])]


def as_csv(tables: Sequence[Table]) -> bytes:
    """UTF-8 with a byte-order mark (so Excel reads the Chinese); several tables one after another, each
    under its title, a blank row between."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for n, table in enumerate(tables):
        if len(tables) > 1:
            if n:
                writer.writerow([])
            writer.writerow([neutral(table.title)])
        writer.writerow([neutral(c) for c in table.columns])
        writer.writerows([neutral(c) for c in row] for row in table.rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _sheet_name(title: str, taken: set[str]) -> str:
    """At most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = re.sub(r"[\[\]:*?/\\']", " ", printable(title)).strip()[:28] or "sheet"
    name, n = base, 1
    while name.lower() in taken:
        n += 1
        name = f"{base[:28 - len(str(n))]} ({n})"
    taken.add(name.lower())
    return name


def as_xlsx(tables: Sequence[Table]) -> bytes:
    """A workbook, a sheet per table, the header bold and frozen."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                        "strings_to_numbers": False})
    bold = book.add_format({"bold": True})
    taken: set[str] = set()
    for table in tables:
        sheet = book.add_worksheet(_sheet_name(table.title, taken))
        for col, name in enumerate(table.columns):
            sheet.write_string(0, col, printable(name), bold)
        for r, row in enumerate(table.rows, start=1):
            for col, cell in enumerate(row):
                sheet.write_string(r, col, printable(str(cell)))
        sheet.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()


def export(tables: Sequence[Table], name: str, kind: str) -> tuple[bytes, str, str]:
    """(body, media type, file name) of the tables as `kind` (csv or xlsx)."""
    body = as_xlsx(tables) if kind == "xlsx" else as_csv(tables)
    return body, MEDIA_TYPES[kind], f"{name}.{kind}"
