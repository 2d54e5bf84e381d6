"""`pp0093 excel`: the indicator tables and the report figures for Excel users.

Reads the published copy (dist/pp0093.duckdb, written by `pp0093 publish`)
and dbt's manifest (the Spanish labels and descriptions of the marts), and
writes dist/excel/:

- `pp0093_<year>.xlsx`, one workbook per programme year found in the data:
  a "Léame" sheet saying what each sheet holds, then one sheet per indicator
  table (`ind_*`) and one for the report figures (`rpt_report_figures`),
  each holding that year's rows. Sheet names and headers are the Spanish
  labels (`meta.label`); the header row is frozen and filterable; columns
  whose label ends in "(%)", "(p.p.)" or "(S/)" get a percentage,
  percentage-point or soles number format (values stay on the marts' scale:
  27.5 shows as 27,5 %), whole numbers a thousands format.
- `csv/<year>/<table>.csv`, the same tables as CSV files that Excel in a
  Spanish locale opens with a double click: UTF-8 with a byte-order mark,
  `;` between fields, a decimal comma, no thousands separator, dates as
  yyyy-mm-dd, booleans as "sí"/"no", Spanish headers.

Everything is written into a temporary folder beside dist/excel and renamed
into place, so a reader never sees half of it. Exits 1 with one line when
the published copy or the manifest is missing.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import shutil
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import xlsxwriter

from pp0093 import analyst_names, paths, publish

EXCEL_DIR = publish.EXCEL_DIR
CSV_DIR = "csv"
README_SHEET = "Léame"
YEAR_COLUMN = "program_year"
# Models exported: the indicator tables, then the report figures.
INDICATOR_PREFIX = "ind_"
FIGURES_MODEL = "rpt_report_figures"
# Excel's limit on a sheet name, and the characters it refuses in one.
MAX_SHEET_NAME = 31
FORBIDDEN_IN_SHEET_NAME = set("[]:*?/\\")
# Number formats, by the end of a column's Spanish label (what the label says
# the unit is); whole-number columns get COUNT_FORMAT.
LABEL_FORMATS = {
    "(%)": '#,##0.0 "%"',
    "(p.p.)": '#,##0.0 "p.p."',
    "(S/)": '"S/" #,##0.00',
}
COUNT_FORMAT = "#,##0"
YEAR_FORMAT = "0"
DECIMAL_FORMAT = "#,##0.0###"
CSV_DELIMITER = ";"
CSV_ENCODING = "utf-8-sig"  # UTF-8 with a byte-order mark


class ExportError(Exception):
    """Nothing was exported; dist/excel was left as it was."""


@dataclass(frozen=True)
class Sheet:
    """One exported model: its name, sheet name, columns and their labels."""

    model: str
    sheet_name: str
    description: str
    columns: list[str]
    headers: list[str]


# --- what to export ------------------------------------------------------------


def sheet_name(label: str, model: str) -> str:
    """The model's Spanish label as a sheet name; raise if Excel refuses it."""
    if not label:
        raise ExportError(f"{model} has no Spanish label (meta.label)")
    if len(label) > MAX_SHEET_NAME or FORBIDDEN_IN_SHEET_NAME & set(label):
        raise ExportError(
            f"{model}: its label {label!r} cannot name a sheet (at most "
            f"{MAX_SHEET_NAME} characters, none of []:*?/\\)"
        )
    return label


def exported_sheets(manifest: dict[str, Any]) -> list[Sheet]:
    """The indicator tables (by name) then the report figures, as sheets."""
    public = {model.name for model in publish.public_models(manifest)}
    nodes = {
        node["name"]: node
        for node in manifest.get("nodes", {}).values()
        if node.get("resource_type") == "model" and node["name"] in public
    }
    names = sorted(n for n in nodes if n.startswith(INDICATOR_PREFIX))
    if FIGURES_MODEL in nodes:
        names.append(FIGURES_MODEL)
    sheets = []
    for name in names:
        node = nodes[name]
        meta = analyst_names.spanish_meta(node)
        columns = list(node.get("columns", {}))
        headers = [
            str(
                analyst_names.spanish_meta(node["columns"][column]).get("label")
                or column
            )
            for column in columns
        ]
        sheets.append(
            Sheet(
                model=name,
                sheet_name=sheet_name(str(meta.get("label") or ""), name),
                description=" ".join(str(meta.get("description_es") or "").split()),
                columns=columns,
                headers=headers,
            )
        )
    taken = [sheet.sheet_name for sheet in sheets] + [README_SHEET]
    duplicated = sorted({name for name in taken if taken.count(name) > 1})
    if duplicated:
        raise ExportError(f"two models share a sheet name: {duplicated}")
    return sheets


def relation(sheet: Sheet) -> str:
    return f"{publish.PUBLISHED_SCHEMA}.{publish.quote(sheet.model)}"


def programme_years(
    connection: duckdb.DuckDBPyConnection, sheets: list[Sheet]
) -> list[int]:
    """Every programme year of the exported tables."""
    selects = [
        f"select {YEAR_COLUMN} from {relation(sheet)}"
        for sheet in sheets
        if YEAR_COLUMN in sheet.columns
    ]
    if not selects:
        return []
    rows = connection.execute(
        f"select distinct {YEAR_COLUMN} from ({' union all '.join(selects)}) "
        f"where {YEAR_COLUMN} is not null order by 1"
    ).fetchall()
    return [int(row[0]) for row in rows]


def year_rows(
    connection: duckdb.DuckDBPyConnection, sheet: Sheet, year: int
) -> list[tuple]:
    """The sheet's rows of one programme year (all rows of a table without
    one), in the table's column order."""
    columns = ", ".join(publish.quote(column) for column in sheet.columns)
    if YEAR_COLUMN not in sheet.columns:
        return connection.execute(
            f"select {columns} from {relation(sheet)} order by all"
        ).fetchall()
    return connection.execute(
        f"select {columns} from {relation(sheet)} where {YEAR_COLUMN} = ? order by all",
        [year],
    ).fetchall()


# --- writing -----------------------------------------------------------------------


def number_format(column: str, header: str, values: list[Any]) -> str | None:
    """The Excel number format of a column: by its label's unit, else by type
    (a year is a whole number without a thousands separator). A boolean
    column has none, whatever its name (`is_new_in_year` is not a year)."""
    if any(isinstance(v, bool) for v in values):
        return None
    if column.endswith("year"):
        return YEAR_FORMAT
    for ending, excel_format in LABEL_FORMATS.items():
        if header.endswith(ending):
            return excel_format
    numbers = [v for v in values if isinstance(v, int | float | Decimal)]
    if not numbers:
        return None
    if all(isinstance(v, int) or v == int(v) for v in numbers):
        return COUNT_FORMAT
    return DECIMAL_FORMAT


def excel_value(value: Any) -> Any:
    """A value xlsxwriter writes natively (decimals as floats)."""
    return float(value) if isinstance(value, Decimal) else value


def write_sheet(workbook: xlsxwriter.Workbook, sheet: Sheet, rows: list[tuple]) -> None:
    worksheet = workbook.add_worksheet(sheet.sheet_name)
    header_format = workbook.add_format({"bold": True, "text_wrap": True})
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    worksheet.write_row(0, 0, sheet.headers, header_format)
    for index, header in enumerate(sheet.headers):
        values = [row[index] for row in rows]
        excel_format = number_format(sheet.columns[index], header, values)
        cell_format = (
            workbook.add_format({"num_format": excel_format}) if excel_format else None
        )
        if values and all(isinstance(v, dt.date) or v is None for v in values):
            cell_format = date_format
        width = max(
            [len(header) * 0.6, *(len(str(v)) for v in values[:200])], default=8
        )
        worksheet.set_column(index, index, min(max(width, 8), 60), cell_format)
        for row_number, value in enumerate(values, start=1):
            if value is not None:
                worksheet.write(row_number, index, excel_value(value), cell_format)
    worksheet.freeze_panes(1, 0)
    worksheet.autofilter(0, 0, max(len(rows), 1), len(sheet.headers) - 1)


def write_readme(
    workbook: xlsxwriter.Workbook,
    year: int,
    sheets: list[Sheet],
    counts: dict[str, int],
) -> None:
    """The "Léame" sheet: what the workbook is and what each sheet holds."""
    worksheet = workbook.add_worksheet(README_SHEET)
    bold = workbook.add_format({"bold": True})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    worksheet.set_column(0, 0, 32)
    worksheet.set_column(1, 1, 30)
    worksheet.set_column(2, 2, 90, wrap)
    worksheet.set_column(3, 3, 10)
    worksheet.write(
        0, 0, f"PP 0093: indicadores y cifras del informe, año {year}", bold
    )
    notes = [
        "Generado a partir de la base publicada dist/pp0093.duckdb (make build); "
        "cada hoja contiene las filas del año del programa indicado.",
        "Los porcentajes (%) y los puntos porcentuales (p.p.) están en escala 0-100; "
        "los montos (S/) en soles. La fila de encabezados está fija y tiene filtros.",
        "Los mismos datos, en CSV para Excel en castellano (UTF-8, separador ';', "
        f"coma decimal), están en la carpeta {CSV_DIR}/{year}/.",
    ]
    for offset, note in enumerate(notes, start=1):
        worksheet.write(offset, 0, note)
    header_row = len(notes) + 2
    worksheet.write_row(
        header_row, 0, ["Hoja", "Tabla de origen", "Contenido", "Filas"], bold
    )
    for offset, sheet in enumerate(sheets, start=1):
        worksheet.write_row(
            header_row + offset,
            0,
            [sheet.sheet_name, sheet.model, sheet.description, counts[sheet.model]],
        )
    worksheet.freeze_panes(header_row + 1, 0)


def csv_text(value: Any) -> str:
    """A value as Excel in a Spanish locale reads it from a CSV field."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "sí" if value else "no"
    if isinstance(value, float | Decimal):
        text = format(value, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text.replace(".", ",")
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def write_csv(path: Path, sheet: Sheet, rows: list[tuple]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding=CSV_ENCODING, newline="") as handle:
        writer = csv.writer(handle, delimiter=CSV_DELIMITER, lineterminator="\r\n")
        writer.writerow(sheet.headers)
        writer.writerows([csv_text(value) for value in row] for row in rows)


def export(database: Path, manifest: dict[str, Any], out_dir: Path) -> dict[int, Path]:
    """Write the workbooks and CSV files into `out_dir`; return them by year."""
    sheets = exported_sheets(manifest)
    if not sheets:
        raise ExportError("the manifest has no indicator tables or report figures")
    workbooks = {}
    with duckdb.connect(str(database), read_only=True) as connection:
        for year in programme_years(connection, sheets):
            rows = {sheet.model: year_rows(connection, sheet, year) for sheet in sheets}
            path = out_dir / f"pp0093_{year}.xlsx"
            workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
            try:
                write_readme(
                    workbook, year, sheets, {name: len(r) for name, r in rows.items()}
                )
                for sheet in sheets:
                    write_sheet(workbook, sheet, rows[sheet.model])
                    write_csv(
                        out_dir / CSV_DIR / str(year) / f"{sheet.model}.csv",
                        sheet,
                        rows[sheet.model],
                    )
            finally:
                workbook.close()
            workbooks[year] = path
    return workbooks


def export_into_place(
    database: Path, manifest: dict[str, Any], dist: Path
) -> dict[int, Path]:
    """Export into a temporary folder, then rename it over dist/excel."""
    if not database.is_file():
        raise ExportError(
            f"the published copy does not exist: {database} (run make publish)"
        )
    target = dist / EXCEL_DIR
    new = dist / f".{EXCEL_DIR}.tmp-{os.getpid()}"
    shutil.rmtree(new, ignore_errors=True)
    new.mkdir(parents=True)
    try:
        workbooks = export(database, manifest, new)
        publish.replace_folder(new, target)
    finally:
        shutil.rmtree(new, ignore_errors=True)
    return {year: target / path.name for year, path in workbooks.items()}


# --- the command ---------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dist-dir",
        type=Path,
        default=None,
        help="where the published copy is and dist/excel goes (default: dist)",
    )
    parser.add_argument(
        "--target-dir",
        type=Path,
        default=None,
        help="dbt's target directory with manifest.json "
        "(default: DBT_TARGET_PATH or target)",
    )


def run(args: argparse.Namespace) -> int:
    dist = args.dist_dir or paths.dist_dir()
    target_dir = args.target_dir or publish.default_target_dir()
    try:
        manifest_path = target_dir / "manifest.json"
        if not manifest_path.is_file():
            raise ExportError(
                f"dbt manifest not found: {manifest_path} (run dbt build first)"
            )
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        workbooks = export_into_place(dist / publish.PUBLISHED_NAME, manifest, dist)
    except (ExportError, duckdb.Error, OSError) as error:
        print(f"excel: {error}; {dist / EXCEL_DIR} was left as it was", file=sys.stderr)
        return 1
    years = ", ".join(str(year) for year in workbooks)
    print(f"excel: {len(workbooks)} workbooks ({years}), CSV in {dist / EXCEL_DIR}/")
    return 0
