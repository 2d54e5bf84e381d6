"""Every SQL query the report runs, in one module.

The report reads the build database (`PP0093_DB_PATH`, default
target/pp0093.duckdb) read-only, because only it holds the seeds the
economic context comes from; the published copy (dist/pp0093.duckdb) works
too, minus the sections whose tables it lacks (the text says so).

Tables are looked up by name in the schemas `marts`, `seeds` and `main`
(in that order), so the queries work whether a table is reachable with or
without its schema. Optional columns (a report edition of the published
figures, status labels) are read only when present.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

Row = dict[str, Any]

# Schemas searched for a table, in order.
SCHEMAS = ("marts", "seeds", "main")
# The tables the report reads; a citation may only name these.
MARTS = (
    "ind_population_served",
    "ind_report_metrics",
    "ind_beneficiary_profile",
    "ind_service_lines",
    "ind_service_line_breakdowns",
    "ind_products_activities",
    "ind_activity_progress_by_unit",
    "ind_performance_indicators",
    "fct_budget_execution",
    "rpt_report_figures",
    "rpt_data_quality",
    "rpt_economic_context",
)
# Column names that may say which report edition a published figure is from.
EDITION_COLUMNS = ("report_edition", "edition_year", "report_year")
IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")


class MissingTable(LookupError):
    """A table the report needs is not in the database."""


def identifier(name: str) -> str:
    """A column or table name, checked (citations come back from HTML)."""
    if not IDENTIFIER.match(name):
        raise ValueError(f"not a plain identifier: {name!r}")
    return f'"{name}"'


@dataclass
class Database:
    """A read-only connection and the tables it has."""

    path: Path
    con: duckdb.DuckDBPyConnection
    tables: dict[str, str] = field(default_factory=dict)

    @classmethod
    def open(cls, path: Path) -> Database:
        if not path.is_file():
            raise FileNotFoundError(
                f"no database at {path}: run `make build` first, or pass --db"
            )
        con = duckdb.connect(str(path), read_only=True)
        found = con.execute(
            "select table_schema, table_name from information_schema.tables"
        ).fetchall()
        tables: dict[str, str] = {}
        for schema in reversed(SCHEMAS):  # the first schema wins
            for table_schema, table_name in found:
                if table_schema == schema:
                    tables[table_name] = (
                        f"{identifier(schema)}.{identifier(table_name)}"
                    )
        return cls(path=path, con=con, tables=tables)

    def close(self) -> None:
        self.con.close()

    def has(self, table: str) -> bool:
        return table in self.tables

    def relation(self, table: str) -> str:
        if table not in self.tables:
            raise MissingTable(f"table {table} is not in {self.path}")
        return self.tables[table]

    def columns(self, table: str) -> list[str]:
        rows = self.con.execute(f"describe {self.relation(table)}").fetchall()
        return [row[0] for row in rows]

    def rows(self, sql: str, parameters: Iterable[Any] = ()) -> list[Row]:
        result = self.con.execute(sql, list(parameters))
        names = [column[0] for column in result.description]
        return [dict(zip(names, row, strict=True)) for row in result.fetchall()]

    def select(
        self,
        table: str,
        where: str = "",
        parameters: Iterable[Any] = (),
        order_by: str = "",
    ) -> list[Row]:
        sql = f"select * from {self.relation(table)}"
        if where:
            sql += f" where {where}"
        if order_by:
            sql += f" order by {order_by}"
        return self.rows(sql, parameters)

    def select_year(self, table: str, year: int, order_by: str = "") -> list[Row]:
        """The table's rows of one programme year; [] without the table."""
        if not self.has(table):
            return []
        return self.select(table, "program_year = ?", [year], order_by)


def program_years(db: Database) -> list[int]:
    """The programme years the warehouse has beneficiaries for."""
    rows = db.rows(
        f"select distinct program_year from {db.relation('ind_population_served')} "
        "order by program_year"
    )
    return [int(row["program_year"]) for row in rows]


def population(db: Database, year: int) -> Row | None:
    rows = db.select_year("ind_population_served", year)
    return rows[0] if rows else None


def report_metrics(db: Database, years: Iterable[int]) -> list[Row]:
    """ind_report_metrics of the given years (the report's long vocabulary)."""
    years = list(years)
    placeholders = ", ".join("?" for _ in years)
    return db.select("ind_report_metrics", f"program_year in ({placeholders})", years)


def report_figures(db: Database) -> tuple[list[Row], str | None]:
    """Every row of rpt_report_figures, and the edition column if one exists."""
    rows = db.select("rpt_report_figures", order_by="figure_id")
    columns = set(db.columns("rpt_report_figures"))
    edition = next((name for name in EDITION_COLUMNS if name in columns), None)
    return rows, edition


def economic_context(db: Database, years: Iterable[int]) -> list[Row]:
    """GDP growth by sector (external figures, seed economic_context)."""
    if not db.has("rpt_economic_context"):
        return []
    years = list(years)
    placeholders = ", ".join("?" for _ in years)
    return db.select(
        "rpt_economic_context",
        f"year in ({placeholders})",
        years,
        "year desc, sector_code != 'total', sector_code",
    )


def beneficiary_profile(db: Database, year: int) -> list[Row]:
    return db.select_year(
        "ind_beneficiary_profile",
        year,
        "profile_dimension, is_known_value desc, sort_order, category_code",
    )


def service_lines(db: Database, year: int) -> list[Row]:
    return db.select_year("ind_service_lines", year, "firms desc")


def service_line_breakdowns(db: Database, year: int) -> list[Row]:
    return db.select_year(
        "ind_service_line_breakdowns", year, "service_line, breakdown, firms desc"
    )


def products_activities(db: Database, year: int) -> list[Row]:
    # each product, then its activities; the programme total last
    return db.select_year(
        "ind_products_activities",
        year,
        "line_level = 'programa', try_cast(product_code as integer), product_code, "
        "line_level = 'actividad', sort_order",
    )


def activity_progress_by_unit(db: Database, year: int) -> list[Row]:
    return db.select_year(
        "ind_activity_progress_by_unit", year, "activity_code, progress desc"
    )


def performance_indicators(db: Database, year: int) -> list[Row]:
    return db.select_year("ind_performance_indicators", year, "product_code")


def pia_by_line(db: Database, year: int) -> dict[str, Any]:
    """Annual PIA by activity, product and 'total' (sums of the monthly rows
    of fct_budget_execution)."""
    relation = db.relation("fct_budget_execution")
    rows = db.rows(
        f"""
        select activity_code as line, sum(pia) as pia from {relation}
        where program_year = ? group by activity_code
        union all
        select product_code, sum(pia) from {relation}
        where program_year = ? group by product_code
        union all
        select 'total', sum(pia) from {relation} where program_year = ?
        """,
        [year, year, year],
    )
    return {str(row["line"]): row["pia"] for row in rows if row["line"] is not None}


def monthly_budget(db: Database, year: int) -> list[Row]:
    """PIM and devengado by month of the year (programme total)."""
    return db.rows(
        f"""
        select month, sum(pim) as pim, sum(devengado) as devengado
        from {db.relation("fct_budget_execution")}
        where program_year = ? group by month order by month
        """,
        [year],
    )


def data_quality_files(db: Database) -> list[Row]:
    """Raw, staged, rejected and duplicate rows per feed (rpt_data_quality)."""
    return db.rows(
        f"""
        select feed, count(*) as files, sum(raw_rows) as raw_rows,
            sum(staged_rows) as staged_rows, sum(rejected_rows) as rejected_rows,
            sum(duplicate_rows) as duplicate_rows
        from {db.relation("rpt_data_quality")}
        where row_kind = 'file' group by feed order by feed
        """
    )


def data_quality_rules(db: Database) -> list[Row]:
    """Rows quarantined per feed and rejection rule."""
    return db.rows(
        f"""
        select feed, rule, any_value(rule_description) as rule_description,
            sum(rejected_rows) as rejected_rows
        from {db.relation("rpt_data_quality")}
        where row_kind = 'rule' group by feed, rule order by feed, rule
        """
    )


def cited_value(
    db: Database,
    mart: str,
    column: str,
    filters: dict[str, Any],
    agg: str | None = None,
) -> Any:
    """The value a citation points at (the report test reads numbers back
    with it): one row's column, or an aggregate over the filtered rows."""
    if mart not in MARTS:
        raise ValueError(f"{mart} is not a table the report reads")
    if agg not in (None, "sum", "count"):
        raise ValueError(f"unknown aggregate {agg!r}")
    expression = f"{agg}({identifier(column)})" if agg else identifier(column)
    where = " and ".join(f"{identifier(name)} = ?" for name in filters) or "true"
    rows = db.con.execute(
        f"select {expression} from {db.relation(mart)} where {where}",
        list(filters.values()),
    ).fetchall()
    if len(rows) != 1:
        raise LookupError(f"{mart} {filters}: {len(rows)} rows, expected one")
    return rows[0][0]
