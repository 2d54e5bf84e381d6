"""The published copy of the session build: what it holds, that a DuckDB 1.x
client opens it, and that no personal identifier reaches anything under dist/.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import duckdb
from published import (
    bi_python,
    scan_parquet_files,
    scan_published_database,
    table_names,
)

from pp0093 import publish
from pp0093.dbt_runner import DbtSandbox
from pp0093.pseudonym_key import load_key

# An 8-digit DNI or an 11-digit RUC beginning with 10 (it embeds a DNI), as a
# whole value or as a token inside text (not inside a longer run of letters
# and digits such as a hash).
IDENTIFIER_TOKEN = r"(^|[^0-9A-Za-z])([0-9]{8}|10[0-9]{9})([^0-9A-Za-z]|$)"
# Source record ids (`CITE-2024-00000001`, `DGPAR-2024-0000001`, `TE-2024-0000001`,
# docs/feeds.md) end in a sequence number that can have 8 digits: removed from the
# text before it is scanned, they are the only digit runs the scan lets through.
RECORD_ID = r"[A-Z]+-[0-9]{4}-[0-9]+"
TEXT_TYPES = ("VARCHAR", "[]", "STRUCT", "MAP", "JSON", "UNION")
INTEGER_TYPES = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UBIGINT")


def expected_models(sandbox: DbtSandbox) -> list[str]:
    manifest = json.loads((sandbox.target_path / "manifest.json").read_text())
    return sorted(model.name for model in publish.public_models(manifest))


def test_publish_copies_every_public_mart(
    dbt_build: DbtSandbox, published_dist: Path
) -> None:
    database = published_dist / "pp0093.duckdb"
    with duckdb.connect(str(database), read_only=True) as connection:
        schemas = connection.execute(
            "select distinct table_schema from information_schema.tables"
        ).fetchall()
        published = table_names(connection, "marts")
        views = table_names(connection, "main")
        counts = {
            name: connection.execute(f"select count(*) from marts.{name}").fetchall()
            for name in published
        }
    # The marts as tables, and a view of each in main (names without a schema).
    assert sorted(schemas) == [("main",), ("marts",)]
    assert views == published
    assert published == expected_models(dbt_build)
    assert "rpt_data_quality" in published
    assert not [n for n in published if n.startswith(("stg_", "int_", "base_"))]
    for name, count in counts.items():
        assert dbt_build.query(f"select count(*) from marts.{name}") == count
    parquet = sorted(p.stem for p in (published_dist / "parquet").glob("*.parquet"))
    assert parquet == published


def test_restricted_models_are_not_published(
    dbt_build: DbtSandbox, published_dist: Path
) -> None:
    manifest = json.loads((dbt_build.target_path / "manifest.json").read_text())
    restricted = {
        node["name"]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and "restricted" in node.get("tags", [])
    }
    with duckdb.connect(str(published_dist / "pp0093.duckdb"), read_only=True) as con:
        published = set(table_names(con, "marts"))
    assert not restricted & published


BI_CLIENT_SCRIPT = """
import json, sys
import duckdb
connection = duckdb.connect(sys.argv[1], read_only=True)
tables = connection.execute(
    "select table_name from information_schema.tables "
    "where table_schema = 'marts' order by 1"
).fetchall()
counts = {
    name: connection.execute(f"select count(*) from marts.{name}").fetchall()[0][0]
    for (name,) in tables
}
print(json.dumps({"version": duckdb.__version__, "counts": counts}))
"""


def test_opens_with_a_duckdb_1_client(published_dist: Path) -> None:
    database = published_dist / "pp0093.duckdb"
    completed = subprocess.run(
        [str(bi_python()), "-c", BI_CLIENT_SCRIPT, str(database)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    seen = json.loads(completed.stdout)
    assert seen["version"].startswith("1.")
    with duckdb.connect(str(database), read_only=True) as connection:
        expected = {
            name: connection.execute(f"select count(*) from marts.{name}").fetchall()[
                0
            ][0]
            for name in table_names(connection, "marts")
        }
    assert seen["counts"] == expected


# --- privacy (Ley 29733) ---------------------------------------------------------


def identifier_hits(connection: duckdb.DuckDBPyConnection, relation: str) -> list[str]:
    """Columns of `relation` that hold a DNI or a RUC beginning with 10."""
    columns = connection.execute(f"describe select * from {relation}").fetchall()
    hits = []
    for name, data_type, *_ in columns:
        quoted = '"' + name.replace('"', '""') + '"'
        if any(kind in data_type for kind in TEXT_TYPES):
            text = f"regexp_replace(cast({quoted} as varchar), '{RECORD_ID}', '', 'g')"
            condition = f"regexp_matches({text}, '{IDENTIFIER_TOKEN}')"
        elif data_type in INTEGER_TYPES:
            # A whole-number DNI or RUC; yyyymmdd date keys are not DNIs.
            text = f"cast({quoted} as varchar)"
            condition = (
                f"regexp_full_match({text}, '10[0-9]{{9}}') or "
                f"(regexp_full_match({text}, '[0-9]{{8}}') "
                f"and try_strptime({text}, '%Y%m%d') is null)"
            )
        else:
            continue
        found = connection.execute(
            f"select count(*) from {relation} where {condition}"
        ).fetchall()[0][0]
        if found:
            hits.append(f"{relation}.{name}: {found} values")
    return hits


def test_no_personal_identifier_in_the_published_database(published_dist: Path) -> None:
    database = published_dist / "pp0093.duckdb"
    assert scan_published_database(database, identifier_hits) == []


def test_no_personal_identifier_in_the_parquet_files(published_dist: Path) -> None:
    assert scan_parquet_files(published_dist, identifier_hits) == []


def test_the_scan_finds_identifiers(tmp_path: Path) -> None:
    """The privacy scan itself: it must see what it is meant to catch."""
    with duckdb.connect() as connection:
        connection.execute(
            "create table t as select * from (values "
            "('45678912', 'ok', 1, 'a3f9c2e1b7'), "
            "('x', 'atendido DNI 07654321 en Lima', 2, '12345678abcdef'), "
            "('x', 'ruc:10456789121', 10456789121, 'codigo 123456789'), "
            "('x', 'ok', 20240131, 'ok'), "
            "('x', 'itp_cite:CITE-2024-00000001', 3, 'DGPAR-2024-0000001')"
            ") as v(a, b, c, d)"
        )
        hits = identifier_hits(connection, "t")
    assert hits == ["t.a: 1 values", "t.b: 2 values", "t.c: 1 values"]


def test_the_copy_says_which_pseudonym_key_it_used(published_dist: Path) -> None:
    """The session build used this environment's key: on the demo data, the
    development key unless one is set; a development copy says so in every
    table's comment."""
    key = load_key()
    with duckdb.connect(str(published_dist / "pp0093.duckdb"), read_only=True) as con:
        rows = con.execute(
            "select pseudonym_key_id, is_development_key from marts.rpt_pseudonym_key"
        ).fetchall()
        comments = con.execute("select comment from duckdb_tables()").fetchall()
    assert rows == [(key.key_id, key.is_development)]
    noticed = [c for (c,) in comments if c.startswith(publish.DEVELOPMENT_KEY_NOTICE)]
    assert len(noticed) == (len(comments) if key.is_development else 0)
