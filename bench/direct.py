"""Run a dbt run's compiled SQL directly in one DuckDB process, without dbt.

Reads dbt's manifest.json and run_results.json of a `dbt run` into an empty
database (so every model was compiled as a full build, `is_incremental()`
false), then in a new database file:

1. loads each seed's CSV with DuckDB's read_csv (as text), cast to the column
   types dbt gave the seed's table (read from the database dbt built);
2. creates each model, in the order dbt finished them (a model finishes only
   after its parents), as a table or a view, timing each statement.

Prints one JSON object: the seconds per model, their sum and the seed load.
bench/run.py runs this as a subprocess so it can take its wall time and peak
memory the same way as dbt's.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import duckdb

from pp0093 import duckdb_plugin
from pp0093.dbt_plugin import register_workbook_functions
from pp0093.duckdb_settings import profile_settings

# Materialisations that build a table when dbt builds from nothing.
TABLE_LIKE = {"table", "incremental"}


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def read_json(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def executed_models(
    manifest: dict[str, Any], run_results: dict[str, Any]
) -> list[dict[str, Any]]:
    """The model nodes dbt ran successfully, in the order they finished."""
    nodes = manifest["nodes"]
    models = []
    for result in run_results["results"]:
        node = nodes.get(result["unique_id"])
        if node is None or node["resource_type"] != "model":
            continue
        if result["status"] != "success":
            raise SystemExit(f"direct: {node['name']} did not succeed in dbt's run")
        models.append(node)
    return models


def seed_column_types(
    connection: duckdb.DuckDBPyConnection, schema: str, name: str
) -> dict[str, str]:
    """Column name -> type of the seed's table in the database dbt built."""
    rows = connection.execute(
        "select column_name, data_type from duckdb_columns() "
        "where database_name = 'built' and schema_name = ? and table_name = ? "
        "order by column_index",
        [schema, name],
    ).fetchall()
    return dict(rows)


def load_seeds(
    connection: duckdb.DuckDBPyConnection,
    manifest: dict[str, Any],
    project_root: Path,
) -> float:
    """Load every seed CSV with the types dbt gave it; return the seconds taken."""
    started = time.perf_counter()
    for node in manifest["nodes"].values():
        if node["resource_type"] != "seed":
            continue
        name = node.get("alias") or node["name"]
        types = seed_column_types(connection, node["schema"], name)
        if not types:
            raise SystemExit(f"direct: seed {name} is not in the built database")
        # Read as text and cast to the types dbt gave the table: the same
        # values as dbt's loader, whatever DuckDB's sniffer would guess.
        columns = ", ".join(
            f"cast({quote(column)} as {data_type}) as {quote(column)}"
            for column, data_type in types.items()
        )
        csv_path = project_root / node["original_file_path"]
        connection.execute(f"create schema if not exists {quote(node['schema'])}")
        connection.execute(
            f"create table {node['relation_name']} as select {columns} from "
            f"read_csv({literal(str(csv_path))}, header = true, all_varchar = true)"
        )
    return time.perf_counter() - started


def create_model(connection: duckdb.DuckDBPyConnection, node: dict[str, Any]) -> float:
    """Create one model as dbt would materialise it; return the seconds taken."""
    materialized = node["config"]["materialized"]
    if materialized == "ephemeral":
        return 0.0
    kind = "table" if materialized in TABLE_LIKE else "view"
    started = time.perf_counter()
    connection.execute(f"create schema if not exists {quote(node['schema'])}")
    connection.execute(
        f"create or replace {kind} {node['relation_name']} as (\n"
        f"{node['compiled_code']}\n)"
    )
    return time.perf_counter() - started


def run(args: argparse.Namespace) -> dict[str, Any]:
    manifest = read_json(args.target_dir / "manifest.json")
    run_results = read_json(args.target_dir / "run_results.json")
    models = executed_models(manifest, run_results)
    if args.db.exists():
        args.db.unlink()
    started = time.perf_counter()
    # The compiled SQL names relations "<catalog>"."<schema>"."<name>", the
    # catalog being the stem of dbt's database file: ours has the same stem.
    with duckdb.connect(
        str(args.db), config=profile_settings(args.project_root)
    ) as connection:
        # The functions dbt's connections get from the project's plugins
        # (profiles.yml), which the compiled models call: the pseudonyms and
        # the workbook readers of staging.
        duckdb_plugin.register(connection)
        register_workbook_functions(connection)
        connection.execute(f"attach {literal(str(args.built_db))} as built (read_only)")
        seeds_s = load_seeds(connection, manifest, args.project_root)
        connection.execute("detach built")
        model_seconds = {
            node["name"]: create_model(connection, node) for node in models
        }
        connection.execute("checkpoint")
    return {
        "seeds_s": seeds_s,
        "models_s": sum(model_seconds.values()),
        "total_s": time.perf_counter() - started,
        "model_seconds": model_seconds,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--target-dir", type=Path, required=True)
    parser.add_argument("--built-db", type=Path, required=True)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--project-root", type=Path, required=True)
    result = run(parser.parse_args(argv))
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
