"""Compare the marts of two warehouse files, row for row.

A refactor of the DAG must leave every mart's rows as they were. This module
compares each table of one schema (`marts` by default) in a baseline file with
the same table in a candidate file, with `except all` in both directions over
the columns the two share, and lists tables and columns only one side has.

    python -m pp0093.marts_diff BASELINE.duckdb CANDIDATE.duckdb [--schema marts]

Exit status 0 when every shared table has identical rows and no table went
missing; 1 otherwise. Added tables and columns are reported, not failures: a
refactor may add them; a rename shows as one removed and one added column.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb


@dataclass(frozen=True)
class TableDiff:
    """How one table of the candidate differs from the baseline's."""

    table: str
    baseline_rows: int
    candidate_rows: int
    only_in_baseline: int
    only_in_candidate: int
    columns_removed: tuple[str, ...]
    columns_added: tuple[str, ...]

    @property
    def identical(self) -> bool:
        return self.only_in_baseline == 0 and self.only_in_candidate == 0


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def table_columns(con: duckdb.DuckDBPyConnection, catalog: str, schema: str) -> dict:
    """Each base table of the schema with its column names, in order."""
    rows = con.execute(
        """
        select c.table_name, c.column_name
        from information_schema.columns as c
        inner join information_schema.tables as t
            on c.table_catalog = t.table_catalog
            and c.table_schema = t.table_schema
            and c.table_name = t.table_name
        where c.table_catalog = ? and c.table_schema = ?
            and t.table_type = 'BASE TABLE'
        order by c.table_name, c.ordinal_position
        """,
        [catalog, schema],
    ).fetchall()
    tables: dict[str, list[str]] = {}
    for table, column in rows:
        tables.setdefault(table, []).append(column)
    return tables


def count_rows(con, relation: str) -> int:
    return con.execute(f"select count(*) from {relation}").fetchall()[0][0]


def count_except(con, left: str, right: str, columns: list[str]) -> int:
    column_list = ", ".join(quote(column) for column in columns)
    sql = (
        f"select count(*) from (select {column_list} from {left} "
        f"except all select {column_list} from {right})"
    )
    return con.execute(sql).fetchall()[0][0]


def compare(baseline: Path, candidate: Path, schema: str = "marts") -> tuple:
    """The per-table differences, and the tables only one side has."""
    con = duckdb.connect()
    con.execute(f"attach {quote(str(baseline))} as base (read_only)")
    con.execute(f"attach {quote(str(candidate))} as cand (read_only)")
    base_tables = table_columns(con, "base", schema)
    cand_tables = table_columns(con, "cand", schema)
    diffs = []
    for table in sorted(set(base_tables) & set(cand_tables)):
        shared = [c for c in base_tables[table] if c in cand_tables[table]]
        left = f"base.{quote(schema)}.{quote(table)}"
        right = f"cand.{quote(schema)}.{quote(table)}"
        diffs.append(
            TableDiff(
                table=table,
                baseline_rows=count_rows(con, left),
                candidate_rows=count_rows(con, right),
                only_in_baseline=count_except(con, left, right, shared),
                only_in_candidate=count_except(con, right, left, shared),
                columns_removed=tuple(
                    c for c in base_tables[table] if c not in cand_tables[table]
                ),
                columns_added=tuple(
                    c for c in cand_tables[table] if c not in base_tables[table]
                ),
            )
        )
    removed = sorted(set(base_tables) - set(cand_tables))
    added = sorted(set(cand_tables) - set(base_tables))
    return diffs, removed, added


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("baseline", type=Path)
    parser.add_argument("candidate", type=Path)
    parser.add_argument("--schema", default="marts")
    args = parser.parse_args(argv)
    diffs, removed, added = compare(args.baseline, args.candidate, args.schema)
    for diff in diffs:
        state = "identical" if diff.identical else "DIFFERENT"
        line = (
            f"{diff.table}: {state} "
            f"({diff.baseline_rows} -> {diff.candidate_rows} rows; "
            f"only in baseline {diff.only_in_baseline}, "
            f"only in candidate {diff.only_in_candidate})"
        )
        if diff.columns_removed:
            line += f"; columns removed {', '.join(diff.columns_removed)}"
        if diff.columns_added:
            line += f"; columns added {', '.join(diff.columns_added)}"
        print(line)
    for table in removed:
        print(f"{table}: MISSING from the candidate")
    for table in added:
        print(f"{table}: new in the candidate")
    same = sum(diff.identical for diff in diffs)
    print(
        f"{same} of {len(diffs)} shared tables identical; "
        f"{len(removed)} missing, {len(added)} new"
    )
    return 0 if same == len(diffs) and not removed else 1


if __name__ == "__main__":
    sys.exit(main())
