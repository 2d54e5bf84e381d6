"""dbt-duckdb plugin: read the feeds' Excel workbooks at source-read time.

profiles.yml loads this module (`plugins: - module: pp0093.dbt_plugin`). On every
DuckDB connection dbt opens it registers one function per feed that may arrive as
a workbook (workbooks.WORKBOOK_CONTRACTS):

    pp0093_workbook_<feed>(path VARCHAR)
        -> LIST(STRUCT(<the feed's columns> VARCHAR, filename VARCHAR,
                       file_row_number BIGINT))

Staging calls it on the workbooks a glob finds when the base model runs (macro
raw_source_rows), so the rows come from the files on disk at that moment: there
is no converted copy to go stale, and a corrected or removed workbook changes
the build exactly as a clean rebuild would. `filename` is the workbook's path
with the sheet in brackets (`.../registro_atenciones_2024.xlsx[MARZO]`, Excel's
own notation; a sheet name cannot hold `[`, `]` or `/`), and `file_row_number`
the row's Excel row number, so a reject points at the cell a person can open.
A workbook that cannot be loaded whole raises (workbooks.WorkbookError): the
model fails and nothing of the workbook is loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
from dbt.adapters.duckdb.plugins import BasePlugin
from duckdb import DuckDBPyConnection
from duckdb.sqltypes import BIGINT, VARCHAR

from pp0093.workbooks import WORKBOOK_CONTRACTS, contract_for, read_workbook

FUNCTION_PREFIX = "pp0093_workbook_"


def function_name(folder: str) -> str:
    return FUNCTION_PREFIX + folder


def workbook_records(path: str, folder: str) -> list[dict[str, Any]]:
    """A workbook's rows as the function returns them."""
    contract, _ = contract_for(folder)
    records = []
    for row in read_workbook(Path(path), folder):
        record: dict[str, Any] = dict(zip(contract.columns, row.values, strict=True))
        record["filename"] = f"{path}[{row.sheet}]"
        record["file_row_number"] = row.row
        records.append(record)
    return records


def reader(folder: str) -> Callable[[str], list[dict[str, Any]]]:
    def read(path: str) -> list[dict[str, Any]]:
        return workbook_records(path, folder)

    return read


def register_workbook_functions(connection: DuckDBPyConnection) -> None:
    for folder in WORKBOOK_CONTRACTS:
        contract, _ = contract_for(folder)
        fields = dict.fromkeys(contract.columns, VARCHAR)
        fields["filename"] = VARCHAR
        fields["file_row_number"] = BIGINT
        row_type = duckdb.struct_type(fields)

        connection.create_function(
            function_name(folder),
            reader(folder),
            [VARCHAR],
            duckdb.list_type(row_type),
            side_effects=True,
        )


class Plugin(BasePlugin):
    """Registers the workbook readers on every connection dbt opens."""

    def configure_connection(self, conn: DuckDBPyConnection) -> None:
        register_workbook_functions(conn)
