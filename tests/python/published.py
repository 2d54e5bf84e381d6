"""Helpers for the tests of the published copy (dist/): publishing a sandbox
build, checksums of tables, the DuckDB 1.x client environment (.venv-bi).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import duckdb

from pp0093 import paths
from pp0093.dbt_runner import BIN_DIR, DbtSandbox

BI_VENV = paths.PROJECT_ROOT / ".venv-bi"
BI_CONSTRAINTS = paths.PROJECT_ROOT / "constraints-bi.txt"


def run_publish(sandbox: DbtSandbox, dist: Path) -> subprocess.CompletedProcess:
    """`pp0093 publish` of a sandbox build into `dist`, as make build runs it."""
    command = [
        str(BIN_DIR / "pp0093"),
        "publish",
        "--db",
        str(sandbox.db_path),
        "--target-dir",
        str(sandbox.target_path),
        "--dist-dir",
        str(dist),
        "--raw-dir",
        str(sandbox.raw_dir),
    ]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def table_names(connection: duckdb.DuckDBPyConnection, schema: str) -> list[str]:
    rows = connection.execute(
        "select table_name from information_schema.tables "
        "where table_schema = ? order by table_name",
        [schema],
    ).fetchall()
    return [row[0] for row in rows]


def table_checksum(connection: duckdb.DuckDBPyConnection, relation: str) -> str:
    """A hash of a table's sorted rows: equal checksums, equal contents."""
    return connection.execute(
        f"select md5(coalesce(string_agg(row_text, '\n' order by row_text), '')) "
        f"from (select cast(t as varchar) as row_text from {relation} as t)"
    ).fetchall()[0][0]


def schema_checksums(database: Path, schema: str) -> dict[str, str]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return {
            name: table_checksum(connection, f"{schema}.{name}")
            for name in table_names(connection, schema)
        }


# A scan of one relation: what it found, as lines naming the column.
Scan = Callable[[duckdb.DuckDBPyConnection, str], list[str]]


def scan_published_database(database: Path, scan: Scan) -> list[str]:
    """`scan` of every table of the published copy's marts schema."""
    with duckdb.connect(str(database), read_only=True) as connection:
        return [
            hit
            for name in table_names(connection, "marts")
            for hit in scan(connection, f"marts.{name}")
        ]


def scan_parquet_files(dist: Path, scan: Scan) -> list[str]:
    """`scan` of every Parquet file under `dist` (there must be some)."""
    files = sorted(dist.rglob("*.parquet"))
    assert files, f"no Parquet file under {dist}"
    with duckdb.connect() as connection:
        return [
            hit for path in files for hit in scan(connection, f"read_parquet('{path}')")
        ]


def bi_python() -> Path:
    """The .venv-bi interpreter (DuckDB 1.x); created as `make bi-venv` does."""
    python = BI_VENV / "bin" / "python"
    stamp = BI_VENV / ".installed"
    if not stamp.is_file():
        if not python.is_file():
            subprocess.run([sys.executable, "-m", "venv", str(BI_VENV)], check=True)
        (BI_VENV / ".gitignore").write_text("*\n")
        subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "-r",
                str(BI_CONSTRAINTS),
            ],
            check=True,
        )
        stamp.touch()
    return python
