"""The Excel variant of the registry feeds (`pp0093 generate --excel FEED,...`).

After the CSV files are written, each requested feed's files are turned into the
workbook a unit would send (same folder, `.xlsx` instead of `.csv`, the CSV removed):

- two title rows and a blank row above the header;
- one sheet per month of the year, named `<year>-<mm>` (so sheets sort in time),
  each row in the sheet of its service date (a row whose date cannot be read
  follows the row before it), in the CSV's order; a month without rows keeps its
  sheet with the header only;
- dates stored as Excel dates, except every DATE_AS_TEXT_EVERY-th row's and any
  date the CSV does not write in the contract's format, which stay text;
- scores stored as numbers where the CSV holds a plain number; identifiers and
  codes as text (leading zeros kept);
- two empty, bordered rows after the data (what a template leaves behind).

Each value reads back (workbooks.read_workbook) as exactly the CSV's text, so a
build from the workbooks gives the same marts as one from the CSVs.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from pathlib import Path

import xlsxwriter

from pp0093.feed_contracts import FEEDS, FeedContract
from pp0093.generator.writer import DatasetWriter, WrittenFile
from pp0093.workbooks import WORKBOOK_CONTRACTS, WORKBOOK_SUFFIX, WorkbookContract

TITLE_ROWS = 2
DATE_AS_TEXT_EVERY = 10
TRAILING_EMPTY_ROWS = 2
# The column whose date decides a row's month sheet.
MONTH_COLUMN = {"produce_direcciones": "FECHA", "pnte_tu_empresa": "fecha"}
TITLES = {
    "produce_direcciones": "MINISTERIO DE LA PRODUCCION - REGISTRO DE ATENCIONES",
    "pnte_tu_empresa": "PROGRAMA NACIONAL TU EMPRESA - REGISTRO DE PARTICIPANTES",
}


def parse_excel_feeds(text: str) -> tuple[str, ...]:
    """`--excel` value: comma-separated feed folders that may be workbooks."""
    feeds = tuple(f.strip() for f in text.split(",") if f.strip())
    unknown = [f for f in feeds if f not in WORKBOOK_CONTRACTS]
    if unknown:
        raise ValueError(
            f"--excel: {', '.join(unknown)} cannot be delivered as a workbook "
            f"(possible: {', '.join(WORKBOOK_CONTRACTS)})"
        )
    return feeds


def as_date(text: str, date_format: str) -> dt.datetime | None:
    """The Excel date for a CSV date text, when it reads back identically."""
    try:
        value = dt.datetime.strptime(text, date_format)
    except ValueError:
        return None
    return value if value.strftime(date_format) == text else None


def as_number(text: str) -> int | float | None:
    """A number for a CSV number text, when it reads back identically."""
    try:
        value = float(text)
    except ValueError:
        return None
    if value.is_integer() and str(int(value)) == text:
        return int(value)
    return value if repr(value) == text else None


def month_sheets(
    rows: list[list[str]], column: int, date_format: str, year: str
) -> dict[str, list[list[str]]]:
    """The rows of each month's sheet, in file order."""
    sheets: dict[str, list[list[str]]] = {
        f"{year}-{month:02d}": [] for month in range(1, 13)
    }
    current = f"{year}-01"
    for row in rows:
        date = as_date(row[column], date_format)
        if date is not None and str(date.year) == year:
            current = f"{year}-{date.month:02d}"
        sheets[current].append(row)
    return sheets


def write_sheet(
    book: xlsxwriter.Workbook,
    name: str,
    rows: list[list[str]],
    contract: FeedContract,
    workbook: WorkbookContract,
    title: str,
) -> None:
    sheet = book.add_worksheet(name)
    date_style = {
        column: book.add_format({"num_format": excel_format(fmt)})
        for column, fmt in workbook.date_formats.items()
    }
    blank = book.add_format({"border": 1})
    sheet.write_string(0, 0, title)
    sheet.write_string(1, 0, f"Periodo: {name}")
    header_row = TITLE_ROWS + 1
    for col, column in enumerate(contract.columns):
        sheet.write_string(header_row, col, column)
    for offset, row in enumerate(rows, start=1):
        excel_row = header_row + offset
        for col, (column, text) in enumerate(zip(contract.columns, row, strict=True)):
            if text == "":
                continue
            value: object = None
            if column in workbook.date_formats and offset % DATE_AS_TEXT_EVERY:
                value = as_date(text, workbook.date_formats[column])
                if value is not None:
                    sheet.write_datetime(excel_row, col, value, date_style[column])
                    continue
            elif column in contract.numeric_columns:
                value = as_number(text)
                if value is not None:
                    sheet.write_number(excel_row, col, value)
                    continue
            sheet.write_string(excel_row, col, text)
    last = header_row + len(rows)
    for extra in range(1, TRAILING_EMPTY_ROWS + 1):
        for col in range(len(contract.columns)):
            sheet.write_blank(last + extra, col, None, blank)


def excel_format(date_format: str) -> str:
    """An Excel number format showing a date as strftime's `date_format` does."""
    return (
        date_format.replace("%d", "dd")
        .replace("%m", "mm")
        .replace("%Y", "yyyy")
        .replace("%H", "hh")
        .replace("%M", "mm")
        .replace("%S", "ss")
        .replace("T", '"T"')
    )


def csv_to_workbook(csv_path: Path, contract: FeedContract, year: str) -> Path:
    """Write the workbook for one CSV file; returns its path (the CSV stays)."""
    workbook = WORKBOOK_CONTRACTS[contract.folder]
    with csv_path.open(encoding=contract.encoding, newline="") as handle:
        reader = csv.reader(handle, delimiter=contract.delimiter)
        next(reader)
        rows = list(reader)
    column = contract.columns.index(MONTH_COLUMN[contract.folder])
    date_format = workbook.date_formats[MONTH_COLUMN[contract.folder]]
    target = csv_path.with_suffix(WORKBOOK_SUFFIX)
    book = xlsxwriter.Workbook(str(target), {"constant_memory": True})
    # A fixed creation date: same arguments, same bytes.
    book.set_properties({"created": dt.datetime(int(year), 1, 1)})
    title = f"{TITLES[contract.folder]} {year}"
    for name, sheet_rows in month_sheets(rows, column, date_format, year).items():
        write_sheet(book, name, sheet_rows, contract, workbook, title)
    book.close()
    return target


def convert_feeds(writer: DatasetWriter, feeds: tuple[str, ...]) -> None:
    """Replace the written CSVs of `feeds` by workbooks (manifest entries too)."""
    contracts = {c.folder: c for c in FEEDS}
    for index, written in enumerate(list(writer.files)):
        folder, year = written.path.split("/")[:2]
        if folder not in feeds:
            continue
        csv_path = writer.root / written.path
        target = csv_to_workbook(csv_path, contracts[folder], year)
        csv_path.unlink()
        data = target.read_bytes()
        writer.files[index] = WrittenFile(
            target.relative_to(writer.root).as_posix(),
            written.rows,
            len(data),
            hashlib.sha256(data).hexdigest(),
            written.dirt,
        )
