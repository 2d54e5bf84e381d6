"""Excel workbooks as a delivery of the registry feeds: the reader and check-raw.

Each case writes a small workbook the way a unit's Excel file looks (title rows,
month sheets, dates as Excel dates or text, trailing empty rows) or breaks it the
way such files break, and asserts what `read_workbook` returns or the error that
`pp0093 check-raw` prints (naming file, sheet and row). The build from a whole
Excel data set is compared with the CSV build in test_workbook_build.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
import xlsxwriter

from pp0093 import preflight
from pp0093.dbt_plugin import register_workbook_functions
from pp0093.feed_contracts import FEEDS
from pp0093.workbooks import WorkbookError, month_of_sheet, read_workbook

FEED = "pnte_tu_empresa"
COLUMNS = next(f for f in FEEDS if f.folder == FEED).columns
# One good PNTE row: (fecha and creado_en are written as Excel dates below).
ROW: dict[str, object] = {
    "id_registro": "TE-2024-0000001",
    "linea": "CAP",
    "nombre_evento": "Taller de costos",
    "modalidad": "VIRTUAL",
    "fecha": dt.datetime(2024, 3, 5),
    "ruc": "20100000001",
    "dni_conductor": "",
    "dni_participante": "01234567",
    "ubigeo": "040101",
    "puntaje_inicial": 40,
    "puntaje_final": 80.5,
    "concreto_negocio": "",
    "creado_en": dt.datetime(2024, 3, 6, 10, 0, 0),
}
EXPECTED = (
    "TE-2024-0000001",
    "CAP",
    "Taller de costos",
    "VIRTUAL",
    "20240305",
    "20100000001",
    "",
    "01234567",
    "040101",
    "40",
    "80.5",
    "",
    "2024-03-06T10:00:00",
)

Sheet = list[list[object]]


def write_book(path: Path, sheets: dict[str, Sheet]) -> Path:
    """A workbook with these sheets; a datetime cell is written as an Excel date."""
    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(path))
    date_format = book.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    bordered = book.add_format({"border": 1})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, dt.datetime):
                    sheet.write_datetime(r, c, value, date_format)
                elif value == "":
                    sheet.write_blank(r, c, None, bordered)
                else:
                    sheet.write(r, c, value)
    book.close()
    return path


def data_row(**changes: object) -> list[object]:
    return [changes.get(c, ROW[c]) for c in COLUMNS]


def month_sheet(*rows: list[object], titles: int = 2) -> Sheet:
    title: Sheet = [["PROGRAMA NACIONAL TU EMPRESA"], ["Periodo: 2024"], []][:titles]
    return [*title, list(COLUMNS), *rows]


def test_title_rows_and_excel_dates_are_read_as_the_csv_text(tmp_path: Path) -> None:
    path = write_book(tmp_path / "b.xlsx", {"MARZO": month_sheet(data_row())})
    [row] = read_workbook(path, FEED)
    assert row.values == EXPECTED
    assert (row.sheet, row.row) == ("MARZO", 4)  # 2 title rows, header on row 3


def test_no_title_rows(tmp_path: Path) -> None:
    path = write_book(tmp_path / "b.xlsx", {"Hoja1": month_sheet(data_row(), titles=0)})
    assert [r.row for r in read_workbook(path, FEED)] == [2]


def test_a_text_date_is_kept_as_written(tmp_path: Path) -> None:
    rows = [data_row(fecha="20240305"), data_row(fecha="05/03/2024")]
    path = write_book(tmp_path / "b.xlsx", {"MARZO": month_sheet(*rows)})
    first, second = read_workbook(path, FEED)
    assert first.values == EXPECTED
    # A text date in another format is passed on: staging rejects the row.
    assert second.values[COLUMNS.index("fecha")] == "05/03/2024"


def test_empty_trailing_and_middle_rows_are_skipped(tmp_path: Path) -> None:
    empty = [""] * len(COLUMNS)
    sheet = month_sheet(data_row(), empty, data_row(id_registro="TE-2024-2"))
    path = write_book(tmp_path / "b.xlsx", {"MARZO": [*sheet, empty, empty, empty]})
    rows = read_workbook(path, FEED)
    assert [(r.values[0], r.row) for r in rows] == [
        ("TE-2024-0000001", 4),
        ("TE-2024-2", 6),
    ]


def test_month_sheets_in_order(tmp_path: Path) -> None:
    sheets = {
        "2024-01": month_sheet(data_row(id_registro="A")),
        "2024-02": month_sheet(),  # a month without rows keeps its header
        "2024-03": month_sheet(data_row(id_registro="B")),
    }
    rows = read_workbook(write_book(tmp_path / "b.xlsx", sheets), FEED)
    assert [(r.sheet, r.values[0]) for r in rows] == [
        ("2024-01", "A"),
        ("2024-03", "B"),
    ]


@pytest.mark.parametrize(
    ("name", "month"),
    [("MARZO", 3), ("Setiembre", 9), ("SEPTIEMBRE", 9), ("03", 3), ("2024-11", 11)],
)
def test_month_sheet_names(name: str, month: int) -> None:
    assert month_of_sheet(name) == month


def test_month_of_a_sheet_that_is_not_a_month() -> None:
    assert month_of_sheet("Resumen") is None
    assert month_of_sheet("13") is None


# --- faults: (sheets, expected error) ---------------------------------------------

FAULTS: dict[str, tuple[Callable[[], dict[str, Sheet]], str]] = {
    "missing_header": (
        lambda: {"MARZO": [["PROGRAMA"], [], data_row()]},
        "sheet 'MARZO': header not found in its first 20 rows "
        "(expected a row starting with id_registro)",
    ),
    "header_with_a_missing_column": (
        lambda: {"MARZO": [list(COLUMNS[:-1]), data_row()[:-1]]},
        "sheet 'MARZO' row 1: header differs from the contract: "
        "missing column 'creado_en'",
    ),
    "wrong_sheet": (
        lambda: {
            "MARZO": month_sheet(data_row()),
            "Resumen": [["linea", "participantes"], ["CAP", 1]],
        },
        "sheet 'Resumen': header not found",
    ),
    "missing_sheet": (
        lambda: {
            "ENERO": month_sheet(data_row(id_registro="A")),
            "MARZO": month_sheet(data_row(id_registro="B")),
        },
        "the sheet of month FEBRERO is missing (sheets: ENERO, MARZO)",
    ),
    "no_data_sheet": (
        lambda: {"Hoja1": [], "Hoja2": []},
        "no sheet holds the feed's header: the data sheet is missing",
    ),
    "number_in_a_date_column": (
        lambda: {"MARZO": month_sheet(data_row(), data_row(fecha=45356))},
        "sheet 'MARZO' row 5: column fecha holds a number (45356), expected a date",
    ),
    "date_in_a_text_column": (
        lambda: {"MARZO": month_sheet(data_row(ruc=dt.datetime(2024, 1, 1)))},
        "sheet 'MARZO' row 4: column ruc holds a date",
    ),
    "decimal_in_an_identifier": (
        lambda: {"MARZO": month_sheet(data_row(dni_participante=1234.5))},
        "sheet 'MARZO' row 4: column dni_participante holds a decimal number",
    ),
    "value_beyond_the_header": (
        lambda: {"MARZO": month_sheet([*data_row(), "nota"])},
        "sheet 'MARZO' row 4: a value outside the header's columns",
    ),
}


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_a_workbook_fault_names_sheet_and_row(tmp_path: Path, name: str) -> None:
    sheets, expected = FAULTS[name]
    path = write_book(tmp_path / "b.xlsx", sheets())
    with pytest.raises(WorkbookError) as raised:
        read_workbook(path, FEED)
    assert str(raised.value).startswith(expected)


# --- check-raw ------------------------------------------------------------------


def test_check_raw_takes_a_workbook_in_place_of_the_csv(raw_dir: Path) -> None:
    path = raw_dir / FEED / "2024" / "tu_empresa_2024.xlsx"
    write_book(path, {"MARZO": month_sheet(data_row())})
    assert problems(raw_dir) == []


def test_check_raw_names_file_sheet_and_row(raw_dir: Path) -> None:
    path = raw_dir / FEED / "2024" / "tu_empresa_2024.xlsx"
    write_book(path, {"MARZO": month_sheet(data_row(), data_row(fecha=45356))})
    assert problems(raw_dir) == [
        "pnte_tu_empresa/2024/tu_empresa_2024.xlsx: sheet 'MARZO' row 5: column "
        "fecha holds a number (45356), expected a date (an Excel date, or text)"
    ]


def test_check_raw_refuses_a_csv_and_a_workbook_for_one_year(raw_dir: Path) -> None:
    folder = raw_dir / FEED / "2024"
    write_book(folder / "tu_empresa_2024.xlsx", {"MARZO": month_sheet(data_row())})
    (folder / "tu_empresa_2024.csv").write_text(",".join(COLUMNS) + "\n")
    assert (
        "pnte_tu_empresa/2024/tu_empresa_2024.xlsx: both tu_empresa_2024.csv and "
        "tu_empresa_2024.xlsx delivered: keep one"
    ) in problems(raw_dir)


@pytest.fixture
def raw_dir(tmp_path: Path) -> Path:
    """A raw directory holding only the PNTE feed, with no 2024 file yet."""
    (tmp_path / "raw" / FEED / "2024").mkdir(parents=True)
    return tmp_path / "raw"


def problems(raw_dir: Path) -> list[str]:
    """check-raw's problems with the PNTE feed (the other feeds are absent)."""
    found, _, _ = preflight.check_raw_dir(raw_dir)
    return [str(p) for p in found if p.path.startswith(FEED)]


# --- the function staging calls (dbt_plugin.py) -----------------------------------


def test_the_reader_function_gives_file_sheet_and_excel_row(tmp_path: Path) -> None:
    path = write_book(tmp_path / "b.xlsx", {"MARZO": month_sheet(data_row())})
    with duckdb.connect() as connection:
        register_workbook_functions(connection)
        rows = connection.execute(
            "select filename, file_row_number, fecha, puntaje_final from ("
            "select unnest(pp0093_workbook_pnte_tu_empresa(?), recursive := true))",
            [str(path)],
        ).fetchall()
    assert rows == [(f"{path}[MARZO]", 4, "20240305", "80.5")]


def test_the_reader_function_fails_whole_on_a_bad_workbook(tmp_path: Path) -> None:
    """Nothing of a bad workbook is loaded: the query (the dbt model) fails."""
    path = write_book(
        tmp_path / "b.xlsx", {"MARZO": month_sheet(data_row(), data_row(fecha=45356))}
    )
    with duckdb.connect() as connection:
        register_workbook_functions(connection)
        with pytest.raises(duckdb.Error, match="sheet 'MARZO' row 5: column fecha"):
            connection.execute(
                "select * from (select unnest("
                "pp0093_workbook_pnte_tu_empresa(?), recursive := true))",
                [str(path)],
            ).fetchall()
