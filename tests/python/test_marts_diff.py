"""pp0093.marts_diff: the rows-identical check used before and after a refactor."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pp0093.marts_diff import compare, main


def make_db(path: Path, statements: list[str]) -> Path:
    con = duckdb.connect(str(path))
    con.execute("create schema marts")
    for statement in statements:
        con.execute(statement)
    con.close()
    return path


@pytest.fixture
def baseline(tmp_path: Path) -> Path:
    return make_db(
        tmp_path / "base.duckdb",
        [
            "create table marts.facts as select * "
            "from (values (1, 'a'), (1, 'a'), (2, 'b')) t(id, code)",
            "create table marts.gone as select 1 as id",
        ],
    )


def test_identical_rows_pass_and_extra_column_is_reported(
    baseline: Path, tmp_path: Path
):
    candidate = make_db(
        tmp_path / "cand.duckdb",
        [
            "create table marts.facts as select *, 0 as extra "
            "from (values (2, 'b'), (1, 'a'), (1, 'a')) t(id, code)",
            "create table marts.gone as select 1 as id",
        ],
    )
    diffs, removed, added = compare(baseline, candidate)
    facts = next(diff for diff in diffs if diff.table == "facts")
    assert facts.identical
    assert facts.columns_added == ("extra",)
    assert (removed, added) == ([], [])
    assert main([str(baseline), str(candidate)]) == 0


def test_a_lost_duplicate_row_and_a_missing_table_fail(
    baseline: Path, tmp_path: Path, capsys
):
    candidate = make_db(
        tmp_path / "cand.duckdb",
        [
            "create table marts.facts as select * "
            "from (values (1, 'a'), (2, 'b'), (3, 'c')) t(id, code)"
        ],
    )
    diffs, removed, _ = compare(baseline, candidate)
    facts = diffs[0]
    # except all counts multiplicity: the second (1, 'a') is missing, (3, 'c') is new.
    assert (facts.only_in_baseline, facts.only_in_candidate) == (1, 1)
    assert removed == ["gone"]
    assert main([str(baseline), str(candidate)]) == 1
    out = capsys.readouterr().out
    assert "facts: DIFFERENT" in out and "gone: MISSING" in out
