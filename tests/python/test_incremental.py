"""Incremental service facts: adding one new month incrementally gives exactly the
rows of a full refresh.

Builds the incremental models (and what they need) from the raw files without
December of the last year, puts December back and builds again (incremental),
keeps those rows, then rebuilds with --full-refresh and compares table by table.
The held-back copy is made as bench/run.py makes it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pp0093 import paths
from pp0093.dbt_runner import DbtSandbox

sys.path.insert(0, str(paths.PROJECT_ROOT / "bench"))
from run import ensure_held_back

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

SELECTION = ["--select", "+config.materialized:incremental"]


def incremental_relations(sandbox: DbtSandbox) -> list[str]:
    rows = sandbox.query(
        "select schema_name, table_name from duckdb_tables() "
        "where schema_name = 'marts' order by table_name"
    )
    output = sandbox.run_dbt(
        [
            "ls",
            "--resource-type",
            "model",
            "--select",
            "config.materialized:incremental",
            "--output",
            "name",
        ]
    ).output
    names = {line.strip() for line in output.splitlines() if line.strip()}
    return [f'"{schema}"."{table}"' for schema, table in rows if table in names]


def rows_of(sandbox: DbtSandbox, relation: str) -> list[tuple]:
    return sorted(
        sandbox.query(f"select * from {relation}"),
        key=lambda row: tuple(str(value) for value in row),
    )


def test_one_new_month_incrementally_equals_a_full_refresh(
    tmp_path: Path, raw_data_dir: Path
) -> None:
    held_back_dir = tmp_path / "raw-without-december"
    assert ensure_held_back(raw_data_dir, held_back_dir) > 0
    without_december = DbtSandbox.in_directory(tmp_path / "build", held_back_dir)
    with_december = DbtSandbox.in_directory(tmp_path / "build", raw_data_dir)

    without_december.run_dbt(["seed"])
    without_december.run_dbt(["run", *SELECTION])
    relations = incremental_relations(with_december)
    assert relations, "no model is materialised incremental"
    before = {relation: len(rows_of(with_december, relation)) for relation in relations}

    with_december.run_dbt(["run", *SELECTION])
    incremental = {relation: rows_of(with_december, relation) for relation in relations}
    with_december.run_dbt(["run", *SELECTION, "--full-refresh"])
    for relation in relations:
        full_refresh = rows_of(with_december, relation)
        assert len(full_refresh) > before[relation], (
            f"{relation}: December added nothing"
        )
        assert incremental[relation] == full_refresh, (
            f"{relation}: the incremental build differs from the full refresh"
        )
