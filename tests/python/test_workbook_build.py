"""A build from the Excel deliveries gives the same marts as the CSV build.

The default data set is generated once more with `--excel produce_direcciones,
pnte_tu_empresa` (workbooks with title rows and a sheet per month, dates as Excel
dates or text, trailing empty rows) and built. Every mart must hold exactly the
rows of the session's CSV build (`except all` both ways), except rpt_data_quality,
whose rows name their files: there a workbook's sheets are its rows, so it is
compared summed by feed and rule.

Then a workbook is replaced by its CSV and the same database rebuilt: the marts
must equal the CSV build again, so no copy of the removed workbook survived.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from pp0093.dbt_runner import BIN_DIR, DbtSandbox

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

EXCEL_FEEDS = "produce_direcciones,pnte_tu_empresa"
QUALITY = "rpt_data_quality"
QUALITY_BY_FEED = (
    "select feed, rule, sum(raw_rows), sum(staged_rows), sum(rejected_rows), "
    "sum(duplicate_rows), sum(ignored_rows) from marts.rpt_data_quality "
    "group by all"
)


def export_marts(database: Path, out_dir: Path) -> list[str]:
    """Every relation of the marts schema as a Parquet file in out_dir (the
    quality report summed by feed and rule); their names."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(database), read_only=True) as connection:
        names = [
            name
            for (name,) in connection.execute(
                "select table_name from information_schema.tables "
                "where table_schema = 'marts' order by table_name"
            ).fetchall()
        ]
        for name in names:
            query = (
                QUALITY_BY_FEED if name == QUALITY else f"select * from marts.{name}"
            )
            target = (out_dir / f"{name}.parquet").as_posix()
            connection.execute(f"copy ({query}) to '{target}' (format parquet)")
    return names


def differences(left: Path, right: Path, work: Path) -> dict[str, tuple[int, int]]:
    """Per mart: rows only in left, rows only in right (except all)."""
    names = export_marts(left, work / "left")
    assert export_marts(right, work / "right") == names
    found = {}
    with duckdb.connect() as connection:
        for name in names:
            sides = [
                (work / side / f"{name}.parquet").as_posix()
                for side in ("left", "right")
            ]
            counts = [
                connection.execute(
                    f"select count(*) from (select * from read_parquet('{a}') "
                    f"except all select * from read_parquet('{b}'))"
                ).fetchall()[0][0]
                for a, b in (sides, sides[::-1])
            ]
            if any(counts):
                found[name] = (counts[0], counts[1])
    return found


@pytest.fixture(scope="module")
def excel_build(tmp_path_factory: pytest.TempPathFactory) -> DbtSandbox:
    directory = tmp_path_factory.mktemp("excel")
    raw = directory / "raw"
    subprocess.run(
        [
            str(BIN_DIR / "pp0093"),
            "generate",
            "--excel",
            EXCEL_FEEDS,
            "--out",
            str(raw),
        ],
        check=True,
        capture_output=True,
    )
    checked = subprocess.run(
        [str(BIN_DIR / "pp0093"), "check-raw", "--raw-dir", str(raw)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
    sandbox = DbtSandbox.in_directory(directory, raw)
    sandbox.run_dbt(["build"])
    return sandbox


def test_the_excel_data_set_is_workbooks(excel_build: DbtSandbox) -> None:
    raw = excel_build.raw_dir
    for feed in EXCEL_FEEDS.split(","):
        assert sorted(p.suffix for p in (raw / feed).glob("*/*")) == [".xlsx"] * 2
    sheets = excel_build.query(
        "select count(distinct source_file) from "
        "staging.base_produce__directorate_services"
    )[0][0]
    assert sheets == 24  # two years of month sheets


def test_rejects_point_at_sheet_and_row(excel_build: DbtSandbox) -> None:
    rows = excel_build.query(
        "select source_file, source_row_key from staging.stg_pnte__rejected_rows "
        "order by 1, 2 limit 1"
    )
    [(source_file, row_key)] = rows
    assert source_file.startswith("pnte_tu_empresa/20")
    assert ".xlsx[20" in source_file and source_file.endswith("]")
    assert int(row_key.removeprefix("row ")) > 4  # below the title rows and header


def test_excel_build_equals_the_csv_build(
    dbt_build, excel_build: DbtSandbox, tmp_path: Path
) -> None:
    assert differences(excel_build.db_path, dbt_build.db_path, tmp_path) == {}


def test_a_workbook_replaced_by_its_csv_leaves_nothing_behind(
    dbt_build, excel_build: DbtSandbox, raw_data_dir: Path, tmp_path: Path
) -> None:
    folder = excel_build.raw_dir / "pnte_tu_empresa" / "2024"
    (folder / "tu_empresa_2024.xlsx").unlink()
    shutil.copy(raw_data_dir / "pnte_tu_empresa/2024/tu_empresa_2024.csv", folder)
    excel_build.run_dbt(["build", "--select", "+marts"])
    files = excel_build.query(
        "select distinct source_file from staging.base_pnte__tu_empresa_services "
        "where source_file like '%2024%'"
    )
    assert files == [("pnte_tu_empresa/2024/tu_empresa_2024.csv",)]
    assert differences(excel_build.db_path, dbt_build.db_path, tmp_path) == {}
