"""Unit tests of `pp0093 publish` on a small database dbt did not build.

A fake build (a DuckDB file with marts, staging and restricted tables, and the
manifest.json / run_results.json dbt would write) is published into a
temporary dist/; the end-to-end publish of the real build is in
test_published_copy.py.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pp0093 import buildlock, publish
from pp0093.dbt_runner import BIN_DIR

MARTS = {"dim_things": 3, "fct_events": 5, "ind_share": 2}


def model_node(name: str, folder: str, schema: str, **config: object) -> dict:
    return {
        "resource_type": "model",
        "name": name,
        "alias": name,
        "schema": schema,
        "original_file_path": f"models/{folder}/{name}.sql",
        "tags": list(config.pop("tags", [])),
        "description": f"The {name} model.",
        "config": {
            "materialized": "table",
            **config,
            "meta": {"label": f"Tabla {name}", "description_es": "La tabla de prueba."},
        },
        "columns": {
            "thing_id": {
                "description": "The key's text, it's quoted.",
                "meta": {"label": "Clave", "description_es": "El texto d'la clave."},
            }
        },
    }


@pytest.fixture
def build(tmp_path: Path) -> argparse.Namespace:
    """A fake dbt build: database, manifest and run results."""
    db = tmp_path / "build.duckdb"
    target = tmp_path / "target"
    target.mkdir()
    with duckdb.connect(str(db)) as connection:
        for schema in ("marts", "staging", "intermediate"):
            connection.execute(f"create schema {schema}")
        for name, rows in MARTS.items():
            connection.execute(
                f"create table marts.{name} as select range as thing_id, "
                f"'firm ' || range as label, 1.5::decimal(18, 2) as amount_pen, "
                f"date '2024-01-01' + range::int as delivered_date "
                f"from range({rows})"
            )
        connection.execute(
            "create view marts.ind_view as select * from marts.fct_events"
        )
        connection.execute("create table marts.rpt_restricted as select 1 as thing_id")
        connection.execute("create table staging.stg_x as select 1 as thing_id")
        # What rpt_pseudonym_key and rpt_data_quality say in a real build.
        connection.execute(
            "create table marts.rpt_pseudonym_key as select 'abc123abc123' as "
            "pseudonym_key_id, false as is_development_key"
        )
        connection.execute(
            "create table marts.rpt_data_quality as select 'file' as row_kind, "
            f"'{DEMO_FILE}' as source_file, 2 as raw_rows"
        )
    nodes = {
        f"model.pp0093.{name}": model_node(name, "marts/area", "marts")
        for name in [*MARTS, "ind_view"]
    }
    nodes["model.pp0093.rpt_restricted"] = model_node(
        "rpt_restricted", "marts/area", "marts", tags=["restricted"]
    )
    nodes["model.pp0093.stg_x"] = model_node("stg_x", "staging/x", "staging")
    nodes["model.pp0093.int_e"] = model_node(
        "int_e", "marts/area", "marts", materialized="ephemeral"
    )
    (target / "manifest.json").write_text(json.dumps({"nodes": nodes}))
    results = [{"unique_id": uid, "status": "success"} for uid in nodes]
    (target / "run_results.json").write_text(json.dumps({"results": results}))
    return argparse.Namespace(
        db=db,
        target_dir=target,
        dist_dir=tmp_path / "dist",
        storage_version=publish.DEFAULT_STORAGE_VERSION,
        raw_dir=demo_raw(tmp_path / "raw"),
    )


DEMO_FILE = "feed/2024/records_2024.csv"


def demo_raw(raw: Path) -> Path:
    """A raw directory as the generator leaves it: one file and its manifest."""
    data = b"id,name\n1,a\n2,b\n"
    (raw / DEMO_FILE).parent.mkdir(parents=True)
    (raw / DEMO_FILE).write_bytes(data)
    entry = {
        "path": DEMO_FILE,
        "rows": 2,
        "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    manifest = {"generator": "pp0093 generate", "files": [entry]}
    (raw / "_manifest.json").write_text(json.dumps(manifest))
    return raw


def use_development_key(build: argparse.Namespace) -> None:
    with duckdb.connect(str(build.db)) as connection:
        connection.execute(
            "update marts.rpt_pseudonym_key set is_development_key = true"
        )


def published_tables(dist: Path) -> dict[str, int]:
    with duckdb.connect(str(dist / "pp0093.duckdb"), read_only=True) as connection:
        names = connection.execute(
            "select table_schema, table_name from information_schema.tables"
        ).fetchall()
        return {
            f"{schema}.{name}": connection.execute(
                f"select count(*) from {schema}.{name}"
            ).fetchall()[0][0]
            for schema, name in names
        }


def test_publishes_public_marts_only(build: argparse.Namespace, capsys) -> None:
    assert publish.run(build) == 0
    # Each mart is a table in marts and a view of it in main (no schema needed).
    assert published_tables(build.dist_dir) == {
        "marts.dim_things": 3,
        "marts.fct_events": 5,
        "marts.ind_share": 2,
        "marts.ind_view": 5,
        "main.dim_things": 3,
        "main.fct_events": 5,
        "main.ind_share": 2,
        "main.ind_view": 5,
    }
    parquet = sorted(p.name for p in (build.dist_dir / "parquet").iterdir())
    assert parquet == [
        "dim_things.parquet",
        "fct_events.parquet",
        "ind_share.parquet",
        "ind_view.parquet",
    ]
    assert sorted(p.name for p in build.dist_dir.iterdir()) == [
        "parquet",
        "pp0093.duckdb",
    ]
    assert "publish: 4 marts (15 rows)" in capsys.readouterr().out


def test_spanish_labels_and_descriptions_become_comments(
    build: argparse.Namespace,
) -> None:
    """The comments are the Spanish label and description (meta), on the
    table and on its view in main; the English descriptions stay in dbt."""
    publish.run(build)
    with duckdb.connect(str(build.dist_dir / "pp0093.duckdb"), read_only=True) as con:
        tables = con.execute(
            "select schema_name, comment from duckdb_tables() "
            "where table_name = 'dim_things' union all "
            "select schema_name, comment from duckdb_views() "
            "where view_name = 'dim_things' order by 1"
        ).fetchall()
        columns = con.execute(
            "select schema_name, comment from duckdb_columns() "
            "where table_name = 'dim_things' and column_name = 'thing_id' order by 1"
        ).fetchall()
    table_comment = "Tabla dim_things: La tabla de prueba."
    assert tables == [("main", table_comment), ("marts", table_comment)]
    column_comment = "Clave: El texto d'la clave."
    assert columns == [("main", column_comment), ("marts", column_comment)]


def test_written_in_a_duckdb_1_storage_format(build: argparse.Namespace) -> None:
    publish.run(build)
    path = str(build.dist_dir / "pp0093.duckdb")
    with duckdb.connect(path, read_only=True) as con:
        versions = con.execute(
            "select tags['storage_version'] from duckdb_databases() where path = ?",
            [path],
        ).fetchall()
    assert versions[0][0].startswith("v1.")


def test_a_failed_build_is_not_published(build: argparse.Namespace, capsys) -> None:
    assert publish.run(build) == 0
    before = (build.dist_dir / "pp0093.duckdb").read_bytes()
    results = json.loads((build.target_dir / "run_results.json").read_text())
    results["results"][0]["status"] = "error"
    results["results"][1]["status"] = "fail"
    (build.target_dir / "run_results.json").write_text(json.dumps(results))
    assert publish.run(build) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "the last dbt run has 2 failed or errored node(s)" in err
    assert "was left as it was" in err
    assert (build.dist_dir / "pp0093.duckdb").read_bytes() == before
    assert sorted(p.name for p in build.dist_dir.iterdir()) == [
        "parquet",
        "pp0093.duckdb",
    ]


def test_a_failed_copy_leaves_dist_untouched(build: argparse.Namespace, capsys) -> None:
    assert publish.run(build) == 0
    before = (build.dist_dir / "pp0093.duckdb").read_bytes()
    with duckdb.connect(str(build.db)) as connection:
        connection.execute("drop table marts.fct_events")
    assert publish.run(build) == 1
    err = capsys.readouterr().err
    assert "DuckDB could not copy the marts" in err
    assert "Traceback" not in err
    assert (build.dist_dir / "pp0093.duckdb").read_bytes() == before
    assert sorted(p.name for p in build.dist_dir.iterdir()) == [
        "parquet",
        "pp0093.duckdb",
    ]


def test_missing_build_outputs(build: argparse.Namespace, capsys) -> None:
    (build.target_dir / "run_results.json").unlink()
    assert publish.run(build) == 1
    assert "dbt run results not found" in capsys.readouterr().err
    assert not (build.dist_dir / "pp0093.duckdb").exists()


def test_a_reader_keeps_the_old_copy_until_it_reopens(
    build: argparse.Namespace,
) -> None:
    assert publish.run(build) == 0
    reader = duckdb.connect(str(build.dist_dir / "pp0093.duckdb"), read_only=True)
    with duckdb.connect(str(build.db)) as connection:
        connection.execute("insert into marts.dim_things values (9, 'x', 1, null)")
    assert publish.run(build) == 0
    assert reader.execute("select count(*) from marts.dim_things").fetchall() == [(3,)]
    reader.close()
    assert published_tables(build.dist_dir)["marts.dim_things"] == 4


def test_a_real_key_publishes_without_a_notice(build: argparse.Namespace) -> None:
    assert publish.run(build) == 0
    with duckdb.connect(str(build.dist_dir / "pp0093.duckdb"), read_only=True) as con:
        comments = con.execute("select comment from duckdb_tables()").fetchall()
    assert not [c for (c,) in comments if "DEMOSTRACIÓN" in (c or "")]


def test_the_development_key_on_the_demo_data_is_published_and_said(
    build: argparse.Namespace,
) -> None:
    use_development_key(build)
    assert publish.run(build) == 0
    with duckdb.connect(str(build.dist_dir / "pp0093.duckdb"), read_only=True) as con:
        comments = con.execute(
            "select table_name, comment from duckdb_tables() order by table_name"
        ).fetchall()
        versions = con.execute(
            "select tags['storage_version'] from duckdb_databases() "
            "where database_name = 'pp0093'"
        ).fetchall()
    assert len(comments) == 4
    for name, comment in comments:
        # The notice comes first, then the Spanish comment every copy has.
        assert comment == publish.DEVELOPMENT_KEY_NOTICE + (
            f"Tabla {name}: La tabla de prueba."
        )
    # The comments were added to the copy, which DuckDB 1.x clients still open.
    assert versions[0][0].startswith("v1.")


def change_a_byte(raw: Path) -> None:
    path = raw / DEMO_FILE
    path.write_bytes(path.read_bytes().replace(b"1,a", b"1,x"))


def build_read_other_rows(build: argparse.Namespace) -> None:
    with duckdb.connect(str(build.db)) as connection:
        connection.execute("update marts.rpt_data_quality set raw_rows = 3")


@pytest.mark.parametrize(
    ("perturb", "reason"),
    [
        (lambda b: (b.raw_dir / "_manifest.json").unlink(), "is missing or unreadable"),
        (lambda b: change_a_byte(b.raw_dir), f"{DEMO_FILE} is not the file the gen"),
        (
            lambda b: (b.raw_dir / "feed/2024/extra.csv").write_text("id\n3\n"),
            "feed/2024/extra.csv is not in the manifest",
        ),
        (
            lambda b: (b.raw_dir / DEMO_FILE).unlink(),
            f"{DEMO_FILE} is in the manifest but missing",
        ),
        (build_read_other_rows, "the build did not read the data set in"),
    ],
    ids=["no_manifest", "changed_file", "extra_file", "missing_file", "other_build"],
)
def test_the_development_key_is_refused_for_other_data(
    build: argparse.Namespace, capsys, perturb, reason: str
) -> None:
    use_development_key(build)
    perturb(build)
    assert publish.run(build) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "the build used the public development pseudonym key" in err
    assert reason in err
    assert not (build.dist_dir / "pp0093.duckdb").exists()


WORKBOOK_FILE = "feed/2024/records_2024.xlsx"


def deliver_as_workbook(build: argparse.Namespace, sheet_rows: tuple[int, ...]) -> None:
    """The demo set with its file as a workbook (`pp0093 generate --excel`): the
    manifest lists the workbook's rows; the build counts them per sheet."""
    (build.raw_dir / DEMO_FILE).unlink()
    data = b"PK not really a workbook"
    (build.raw_dir / WORKBOOK_FILE).write_bytes(data)
    entry = {
        "path": WORKBOOK_FILE,
        "rows": 2,
        "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    manifest = {"generator": "pp0093 generate", "files": [entry]}
    (build.raw_dir / "_manifest.json").write_text(json.dumps(manifest))
    sheets = " union all ".join(
        f"select 'file', '{WORKBOOK_FILE}[2024-0{month}]', {rows}"
        for month, rows in enumerate(sheet_rows, start=1)
    )
    with duckdb.connect(str(build.db)) as connection:
        connection.execute("delete from marts.rpt_data_quality")
        connection.execute(f"insert into marts.rpt_data_quality {sheets}")


def test_the_development_key_on_the_demo_workbooks_is_published(
    build: argparse.Namespace,
) -> None:
    use_development_key(build)
    deliver_as_workbook(build, (1, 1))
    assert publish.run(build) == 0


def test_a_workbook_whose_sheets_do_not_add_up_is_refused(
    build: argparse.Namespace, capsys
) -> None:
    use_development_key(build)
    deliver_as_workbook(build, (1, 2))
    assert publish.run(build) == 1
    assert "the build did not read the data set in" in capsys.readouterr().err


def test_a_build_that_does_not_say_its_key_is_refused(
    build: argparse.Namespace, capsys
) -> None:
    with duckdb.connect(str(build.db)) as connection:
        connection.execute("drop table marts.rpt_pseudonym_key")
    assert publish.run(build) == 1
    assert "which pseudonym key it used is unknown" in capsys.readouterr().err


@pytest.mark.parametrize(
    "label", ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tx", "a\x00b"]
)
def test_text_unsafe_for_spreadsheets_is_refused(
    build: argparse.Namespace, capsys, label: str
) -> None:
    with duckdb.connect(str(build.db)) as connection:
        connection.execute(
            "update marts.dim_things set label = ? where thing_id = 1", [label]
        )
    assert publish.run(build) == 1
    err = capsys.readouterr().err
    assert "dim_things.label (1)" in err
    assert not (build.dist_dir / "pp0093.duckdb").exists()


# --- issue 15: the build lock and a publish killed half way -----------------------


def start_helper(script: str, *args: str) -> subprocess.Popen:
    """A Python process running `script` that says "ready" once set up, then
    sleeps until it is killed."""
    helper = subprocess.Popen(
        [
            sys.executable,
            "-c",
            script + "print('ready', flush=True)\ntime.sleep(600)\n",
            *args,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert helper.stdout is not None
    assert helper.stdout.readline().strip() == "ready"
    return helper


def hold_lock(db: Path) -> subprocess.Popen:
    """Another process holding the build lock of `db` until it is killed."""
    return start_helper(
        "import sys, time\n"
        "from pathlib import Path\n"
        "from pp0093.buildlock import build_lock, lock_path\n"
        "lock = build_lock(lock_path(Path(sys.argv[1])))\n"
        "lock.__enter__()\n",
        str(db),
    )


def test_a_second_publish_stops_naming_the_running_one(
    build: argparse.Namespace, capsys
) -> None:
    holder = hold_lock(build.db)
    try:
        assert publish.run(build) == buildlock.BUSY_EXIT_CODE
        err = capsys.readouterr().err.strip()
        assert err == (
            f"publish: another build is running (pid {holder.pid}); nothing was changed"
        )
        assert not build.dist_dir.exists()  # no half-state
        completed = subprocess.run(
            [str(BIN_DIR / "pp0093"), "build-lock", "--", "true"],
            env={**os.environ, "PP0093_DB_PATH": str(build.db)},
            capture_output=True,
            text=True,
            check=False,
        )
        assert completed.returncode == buildlock.BUSY_EXIT_CODE
        assert completed.stderr.strip() == (
            f"build: another build is running (pid {holder.pid}); nothing was changed"
        )
    finally:
        holder.kill()
        holder.wait()
    # The lock dies with its holder, kill -9 included: the next build runs.
    assert publish.run(build) == 0


def test_steps_of_a_locked_build_pass_through(build: argparse.Namespace) -> None:
    env = {**os.environ, "PP0093_DB_PATH": str(build.db)}
    inner = f"{BIN_DIR / 'pp0093'} build-lock -- true && echo inner-ran"
    completed = subprocess.run(
        [str(BIN_DIR / "pp0093"), "build-lock", "--", "sh", "-c", inner],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "inner-ran"


def test_a_publish_killed_with_kill_9_is_cleaned_up(
    build: argparse.Namespace, capsys
) -> None:
    assert publish.run(build) == 0
    dist = build.dist_dir
    # A publish that dies half way: its temporary files, named with its pid.
    victim = start_helper(
        "import os, sys, time\n"
        "from pathlib import Path\n"
        "from pp0093 import publish\n"
        "dist = Path(sys.argv[1])\n"
        "for pattern in publish.TEMPORARY_PATTERNS:\n"
        "    path = dist / pattern.format(pid=os.getpid())\n"
        "    path.write_bytes(b'x') if 'duckdb' in path.name else path.mkdir()\n",
        str(dist),
    )
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    leftovers = sorted(p.name for p in dist.iterdir() if ".tmp-" in p.name)
    # the copy, its .wal, and the parquet and excel folders being written
    assert len(leftovers) == 4, leftovers
    capsys.readouterr()
    assert publish.run(build) == 0
    out = capsys.readouterr().out
    assert sorted(p.name for p in dist.iterdir()) == ["parquet", "pp0093.duckdb"]
    # and the retired parquet and excel folders of a swap cut short
    assert out.count("left by an interrupted publish") == 6
    assert published_tables(dist)["marts.fct_events"] == 5


def test_a_running_publishs_files_are_not_removed(tmp_path: Path) -> None:
    live = tmp_path / f".pp0093.duckdb.tmp-{os.getppid()}"
    live.write_bytes(b"x")
    assert publish.remove_leftovers(tmp_path) == []
    assert live.exists()
