"""Excel workbooks (.xlsx) as a second delivery of the registry feeds.

The directorates and Tu Empresa keep their registries in Excel. A workbook holds the
same columns as the feed's CSV (feed_contracts.py), with what Excel files have:
title rows above the header, one sheet per month (or a single sheet), dates stored
as Excel dates or as text, numbers stored as numbers, trailing empty rows.

`read_workbook` turns one workbook into the CSV's rows: each value as the text the
CSV would hold (an Excel date in the contract's date format, a whole number without
`.0`), each row with its sheet and its Excel row number (the row a person opens).
It raises `WorkbookError` naming the sheet and row for a workbook that cannot be
loaded whole: no sheet holding the header (the data sheet is missing), a sheet
whose header is not found or differs (a wrong sheet), a gap in the month sheets,
a cell of the wrong type. `pp0093 check-raw` reports these before dbt runs, and
the dbt plugin that reads workbooks at source-read time (dbt_plugin.py) raises the
same error, so a workbook is either loaded whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from python_calamine import CalamineWorkbook

from pp0093.feed_contracts import FEEDS, FeedContract

WORKBOOK_SUFFIX = ".xlsx"
# The header must be within a sheet's first rows (title rows above it).
HEADER_SEARCH_ROWS = 20
MONTHS = (
    "ENERO",
    "FEBRERO",
    "MARZO",
    "ABRIL",
    "MAYO",
    "JUNIO",
    "JULIO",
    "AGOSTO",
    "SETIEMBRE",
    "OCTUBRE",
    "NOVIEMBRE",
    "DICIEMBRE",
)
MONTH_ALIASES = {"SEPTIEMBRE": 9}


@dataclass(frozen=True)
class WorkbookContract:
    """What a feed's workbook adds to its CSV contract: how Excel dates are
    written as the CSV's text (strftime format per date column)."""

    folder: str
    date_formats: dict[str, str]


WORKBOOK_CONTRACTS: dict[str, WorkbookContract] = {
    "produce_direcciones": WorkbookContract(
        "produce_direcciones",
        {"FECHA": "%d/%m/%Y", "FEC_REG": "%d/%m/%Y %H:%M"},
    ),
    "pnte_tu_empresa": WorkbookContract(
        "pnte_tu_empresa",
        {"fecha": "%Y%m%d", "creado_en": "%Y-%m-%dT%H:%M:%S"},
    ),
}


class WorkbookError(Exception):
    """A workbook that cannot be loaded whole; the message names sheet and row."""


@dataclass(frozen=True)
class WorkbookRow:
    """One data row: its sheet, its Excel row number (1 = the sheet's first row)
    and its values as the CSV's text, in the contract's column order."""

    sheet: str
    row: int
    values: tuple[str, ...]


def contract_for(folder: str) -> tuple[FeedContract, WorkbookContract]:
    feed = next(f for f in FEEDS if f.folder == folder)
    return feed, WORKBOOK_CONTRACTS[folder]


def workbook_name(contract: FeedContract, year: str | None) -> str:
    """The workbook's file name: the CSV's, with .xlsx."""
    return str(Path(contract.file_name(year)).with_suffix(WORKBOOK_SUFFIX))


def is_blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def month_of_sheet(name: str) -> int | None:
    """1-12 for a sheet named by month (`MARZO`, `Marzo`, `03`, `2024-03`)."""
    text = unicodedata.normalize("NFKD", name.strip().upper())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    if text in MONTHS:
        return MONTHS.index(text) + 1
    if text in MONTH_ALIASES:
        return MONTH_ALIASES[text]
    match = re.fullmatch(r"(?:[0-9]{4}[-_ ])?([0-9]{1,2})", text)
    if match and 1 <= int(match.group(1)) <= 12:
        return int(match.group(1))
    return None


def find_header(cells: list[list[object]], columns: tuple[str, ...]) -> int | None:
    """Index of the header row: the first row (of the first HEADER_SEARCH_ROWS)
    whose first non-blank cell is the first column's name."""
    first = columns[0].upper()
    for index, row in enumerate(cells[:HEADER_SEARCH_ROWS]):
        filled = [c for c in row if not is_blank(c)]
        if filled and str(filled[0]).strip().upper() == first:
            return index
    return None


def check_header(row: list[object], columns: tuple[str, ...], where: str) -> int:
    """The header row's first column; raise when its names differ."""
    start = next(i for i, c in enumerate(row) if not is_blank(c))
    found = [str(c).strip() for c in row[start:]]
    while found and not found[-1]:
        found.pop()
    expected = [c.upper() for c in columns]
    if [f.upper() for f in found] != expected:
        missing = [c for c in columns if c.upper() not in {f.upper() for f in found}]
        extra = [f for f in found if f.upper() not in expected]
        detail = "; ".join(
            [f"missing column '{c}'" for c in missing]
            + [f"unknown extra column '{f}'" for f in extra]
        ) or ("columns out of order (expected " + ", ".join(columns) + ")")
        raise WorkbookError(f"{where}: header differs from the contract: {detail}")
    return start


def cell_text(
    cell: object,
    column: str,
    contract: FeedContract,
    workbook: WorkbookContract,
    where: str,
) -> str:
    """A cell as the text the CSV would hold; raise for a cell of the wrong type."""
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell
    date_format = workbook.date_formats.get(column)
    if isinstance(cell, bool):
        raise WorkbookError(f"{where}: column {column} holds TRUE/FALSE")
    if isinstance(cell, dt.date):
        if date_format is None:
            raise WorkbookError(
                f"{where}: column {column} holds a date ({cell}); "
                "it is not a date column"
            )
        if not isinstance(cell, dt.datetime):
            cell = dt.datetime.combine(cell, dt.time())
        return cell.strftime(date_format)
    if isinstance(cell, int | float):
        if date_format is not None:
            raise WorkbookError(
                f"{where}: column {column} holds a number ({cell:g}), expected a "
                "date (an Excel date, or text)"
            )
        if float(cell).is_integer():
            return str(int(cell))
        if column in contract.numeric_columns:
            return repr(float(cell))
        raise WorkbookError(
            f"{where}: column {column} holds a decimal number ({cell!r}); expected text"
        )
    raise WorkbookError(
        f"{where}: column {column} holds a {type(cell).__name__} ({cell!r})"
    )


def sheet_rows(
    name: str,
    cells: list[list[object]],
    contract: FeedContract,
    workbook: WorkbookContract,
) -> list[WorkbookRow] | None:
    """The data rows of one sheet (None for a blank sheet)."""
    if all(all(is_blank(c) for c in row) for row in cells):
        return None
    header = find_header(cells, contract.columns)
    if header is None:
        raise WorkbookError(
            f"sheet '{name}': header not found in its first {HEADER_SEARCH_ROWS} "
            f"rows (expected a row starting with {contract.columns[0]})"
        )
    where = f"sheet '{name}' row {header + 1}"
    start = check_header(cells[header], contract.columns, where)
    width = len(contract.columns)
    rows = []
    for index in range(header + 1, len(cells)):
        row = cells[index]
        if all(is_blank(c) for c in row):
            continue  # empty rows (trailing ones, or between blocks)
        where = f"sheet '{name}' row {index + 1}"
        if any(not is_blank(c) for c in row[:start] + row[start + width :]):
            raise WorkbookError(f"{where}: a value outside the header's columns")
        padded = list(row[start : start + width]) + [None] * width
        values = tuple(
            cell_text(padded[i], column, contract, workbook, where)
            for i, column in enumerate(contract.columns)
        )
        rows.append(WorkbookRow(name, index + 1, values))
    return rows


def check_month_sheets(names: list[str]) -> None:
    """Sheets named by month must run without a gap: a missing month's sheet
    would silently drop that month's records."""
    months = [month_of_sheet(n) for n in names]
    if len(names) < 2 or any(m is None for m in months):
        return
    present = sorted({m for m in months if m is not None})
    if len(present) != len(names):
        raise WorkbookError(f"two sheets for the same month ({', '.join(names)})")
    gaps = [m for m in range(present[0], present[-1] + 1) if m not in present]
    if gaps:
        raise WorkbookError(
            "the sheet of month "
            + ", ".join(MONTHS[m - 1] for m in gaps)
            + " is missing (sheets: "
            + ", ".join(names)
            + ")"
        )


def read_workbook(path: Path, folder: str) -> list[WorkbookRow]:
    """Every data row of a feed's workbook, or WorkbookError."""
    contract, workbook = contract_for(folder)
    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as error:  # not a workbook, or a damaged one
        raise WorkbookError(f"not a readable .xlsx workbook ({error})") from error
    rows: list[WorkbookRow] = []
    data_sheets = []
    for name in book.sheet_names:
        cells = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        found = sheet_rows(name, cells, contract, workbook)
        if found is not None:
            data_sheets.append(name)
            rows.extend(found)
    if not data_sheets:
        raise WorkbookError(
            "no sheet holds the feed's header: the data sheet is missing "
            f"(sheets: {', '.join(book.sheet_names) or 'none'})"
        )
    check_month_sheets(data_sheets)
    if not rows:
        raise WorkbookError("header only, no data rows")
    return rows
