"""`pp0093 publish`: copy the marts into the read-only database BI tools open.

DuckDB lets one process write a file, and a reader blocks a writer, so BI tools
never open the file dbt builds into (target/pp0093.duckdb). They open
dist/pp0093.duckdb, which this step replaces as a whole:

1. refuse when dbt's last run (target/run_results.json) has a failed or
   errored node: a broken build is never published; refuse a build made
   with the public development pseudonym key unless it is of the
   generator's demo data set (docs/privacy.md);
2. select the public models from dbt's manifest: models under models/marts/,
   not tagged `restricted`, not ephemeral (nothing from staging, intermediate
   or the rejects, which hold raw identifiers);
3. copy each one, views included, as a table into a temporary file in dist/
   (schema `marts`, with Spanish table and column comments, and a view of the
   same name in `main` so that BI tools need no schema: pp0093.analyst_names),
   written in an older storage format (STORAGE_VERSION) so that BI tools
   bundling DuckDB 1.x can open it; and one Parquet file per model into a
   temporary folder;
4. verify: every table and Parquet file has the source's row count, every
   table its view in `main`, and no text begins with a spreadsheet formula
   character or holds a control character; a demo build's tables say in
   their comments that their pseudonyms use the development key;
5. rename into place (`os.replace`, atomic): a client sees the old file or the
   new one, never half of one. A reader that holds the old file open keeps
   reading the old data until it reconnects.

Anything that fails leaves the previous dist/ untouched and exits 1 with one
clear line. It runs under the build lock (pp0093.buildlock: a second build or
publish stops at once), and first removes the temporary files a publish killed
half way (`kill -9`) left in dist/. Then the build's data-quality summary is
printed (rpt_data_quality).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pp0093 import analyst_names, paths
from pp0093.buildlock import BUSY_EXIT_CODE, BuildBusy, build_lock, lock_path
from pp0093.duckdb_settings import profile_settings
from pp0093.workbooks import WORKBOOK_SUFFIX

PUBLISHED_NAME = "pp0093.duckdb"
PARQUET_DIR = "parquet"
# dist/excel/, written by pp0093.excel_export from the published copy.
EXCEL_DIR = "excel"
# The folders of dist/ written aside and swapped in whole (replace_folder).
SWAPPED_FOLDERS = (PARQUET_DIR, EXCEL_DIR)
PUBLISHED_SCHEMA = "marts"
# Each mart is also a view of the same name in the default schema, so that BI
# tools and DuckDB clients find it without a schema (pp0093.analyst_names).
UNQUALIFIED_SCHEMA = "main"
RESTRICTED_TAG = "restricted"
# Files in this storage format open in DuckDB 1.1 and later (BI tools bundle
# older DuckDB releases than the 2.x that builds the warehouse).
DEFAULT_STORAGE_VERSION = "v1.1.0"
FAILED_STATUSES = {"error", "fail", "runtime error"}
QUALITY_MODEL = "rpt_data_quality"
KEY_MODEL = "rpt_pseudonym_key"
GENERATOR_NAME = "pp0093 generate"
# Prefixed to every table comment of a copy built with the development key.
DEVELOPMENT_KEY_NOTICE = (
    "DATOS DE DEMOSTRACIÓN: los seudónimos (firm_id, participant_id, "
    "service_delivery_id) se calcularon con la clave de desarrollo, que es "
    "pública (marts.rpt_pseudonym_key). "
)
# Text a spreadsheet would run as a formula, or control characters: the models
# clean free text (macro clean_free_text); this is the last check before BI.
UNSAFE_TEXT_PATTERN = r"^[=+@\t\r\x{ff1d}\x{ff0b}\x{ff20}\x{ff0d}-]|[\x00-\x1f\x7f]"


class PublishError(Exception):
    """Publishing stopped; dist/ was left as it was."""


# The published tables are stored in this order, where they have the columns:
# nearly every analyst query filters one programme year and counts or joins
# firms, and DuckDB skips the row groups a year filter excludes (at scale 100
# the year-filtered queries of analyses/ ran in half the time).
CLUSTER_COLUMNS = ("program_year", "firm_id")


@dataclass(frozen=True)
class Model:
    """A model to publish: its name and where dbt built it."""

    name: str
    schema: str
    relation: str
    description: str  # the Spanish table comment
    column_descriptions: dict[str, str]  # the Spanish column comments


# --- what to publish ---------------------------------------------------------


def read_json(path: Path, what: str) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise PublishError(f"{what} not found: {path} (run dbt build first)") from error
    except (OSError, ValueError) as error:
        raise PublishError(f"{what} unreadable: {path} ({error})") from error


def check_last_run(run_results: dict) -> None:
    """Raise when dbt's last run had a failed or errored node."""
    failed = [
        result.get("unique_id", "?")
        for result in run_results.get("results", [])
        if str(result.get("status", "")).lower() in FAILED_STATUSES
    ]
    if failed:
        shown = ", ".join(name.split(".")[-1] for name in failed[:5])
        more = f" and {len(failed) - 5} more" if len(failed) > 5 else ""
        raise PublishError(
            f"the last dbt run has {len(failed)} failed or errored node(s) "
            f"({shown}{more}); fix the build first"
        )
    if not run_results.get("results"):
        raise PublishError("the last dbt run built nothing (run_results.json is empty)")


def public_models(manifest: dict) -> list[Model]:
    """Models under models/marts/ that are not restricted, in name order."""
    models = []
    for node in manifest.get("nodes", {}).values():
        if node.get("resource_type") != "model":
            continue
        if not str(node.get("original_file_path", "")).startswith("models/marts/"):
            continue
        config = node.get("config", {})
        tags = set(node.get("tags", [])) | set(config.get("tags", []))
        if RESTRICTED_TAG in tags or config.get("materialized") == "ephemeral":
            continue
        name = node.get("alias") or node["name"]
        relation = f'"{node["schema"]}"."{name}"'
        # The comments analysts read are Spanish (meta.label, description_es);
        # the English descriptions stay in the dbt docs.
        models.append(
            Model(
                name=name,
                schema=node["schema"],
                relation=relation,
                description=analyst_names.spanish_comment(node),
                column_descriptions=analyst_names.column_comments(node),
            )
        )
    return sorted(models, key=lambda model: model.name)


# --- writing and verifying ---------------------------------------------------


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def copy_models(
    source_db: Path,
    models: list[Model],
    database_file: Path,
    parquet_dir: Path,
    storage_version: str,
) -> dict[str, int]:
    """Write the published database and the Parquet files; return the row counts."""
    counts: dict[str, int] = {}
    with duckdb.connect(config=profile_settings()) as connection:
        # The build is attached under its own catalog name (the file's stem, as
        # when dbt opened it), so the views in it resolve their references.
        connection.execute(
            f"attach {literal(str(source_db))} as {quote(source_db.stem)} (read_only)"
        )
        connection.execute(f"use {quote(source_db.stem)}")
        connection.execute(
            f"attach {literal(str(database_file))} as published "
            f"(storage_version {literal(storage_version)})"
        )
        # One transaction for every table, comment and view: each statement
        # committed on its own cost a commit of the new file apiece (about a
        # thousand column comments).
        connection.execute("begin transaction")
        connection.execute(f"create schema published.{PUBLISHED_SCHEMA}")
        for model in models:
            target = f"published.{PUBLISHED_SCHEMA}.{quote(model.name)}"
            connection.execute(
                f"create table {target} as select * from {model.relation}"
                f"{cluster_order(model)}"
            )
            # The build's own count is what verify() holds the copies to.
            counts[model.name] = connection.execute(
                f"select count(*) from {model.relation}"
            ).fetchall()[0][0]
            add_comments(connection, target, model)
            parquet_file = parquet_dir / f"{model.name}.parquet"
            # Export the copy: a view in the build would be computed again.
            connection.execute(
                f"copy (select * from {target}) to "
                f"{literal(str(parquet_file))} (format parquet)"
            )
        add_unqualified_views(connection, "published", models)
        connection.execute("commit")
        connection.execute("checkpoint published")
        connection.execute("detach published")
    return counts


def add_unqualified_views(
    connection: duckdb.DuckDBPyConnection, catalog: str, models: list[Model]
) -> None:
    """A commented view in UNQUALIFIED_SCHEMA of `catalog` for each published
    table. `catalog` is the current one while they are created, so the views'
    SQL names no catalog: it resolves in whichever file a client opens."""
    previous = connection.execute("select current_database()").fetchall()[0][0]
    connection.execute(f"use {quote(catalog)}")
    try:
        for model in models:
            view = f"{UNQUALIFIED_SCHEMA}.{quote(model.name)}"
            connection.execute(
                f"create view {view} as "
                f"select * from {PUBLISHED_SCHEMA}.{quote(model.name)}"
            )
            add_comments(connection, view, model)
    finally:
        connection.execute(f"use {quote(previous)}")


def cluster_order(model: Model) -> str:
    """An order by clause on the model's CLUSTER_COLUMNS, or nothing."""
    columns = [
        quote(column)
        for column in CLUSTER_COLUMNS
        if column in model.column_descriptions
    ]
    return f" order by {', '.join(columns)}" if columns else ""


def add_comments(
    connection: duckdb.DuckDBPyConnection, target: str, model: Model
) -> None:
    """Carry the Spanish comments over (a table's or a view's), so BI tools
    show them."""
    if model.description:
        connection.execute(f"comment on table {target} is {literal(model.description)}")
    existing = {
        row[0]
        for row in connection.execute(f"select * from {target} limit 0").description
    }
    for column, text in model.column_descriptions.items():
        if text and column in existing:
            connection.execute(
                f"comment on column {target}.{quote(column)} is {literal(text)}"
            )


def verify(database_file: Path, parquet_dir: Path, expected: dict[str, int]) -> None:
    """Reopen what was written and compare every row count with the source's."""
    problems = []
    with duckdb.connect(str(database_file), read_only=True) as connection:
        tables = {
            row[0]
            for row in connection.execute(
                "select table_name from information_schema.tables "
                "where table_schema = ?",
                [PUBLISHED_SCHEMA],
            ).fetchall()
        }
        if tables != set(expected):
            problems.append(f"tables differ: {sorted(tables ^ set(expected))}")
        views = {
            row[0]
            for row in connection.execute(
                "select view_name from duckdb_views() "
                "where not internal and schema_name = ?",
                [UNQUALIFIED_SCHEMA],
            ).fetchall()
        }
        if views != set(expected):
            problems.append(
                f"views in {UNQUALIFIED_SCHEMA} differ: {sorted(views ^ set(expected))}"
            )
        for name, rows in expected.items():
            if name not in tables:
                continue
            published = connection.execute(
                f"select count(*) from {PUBLISHED_SCHEMA}.{quote(name)}"
            ).fetchall()[0][0]
            parquet_file = parquet_dir / f"{name}.parquet"
            in_parquet = connection.execute(
                f"select count(*) from read_parquet({literal(str(parquet_file))})"
            ).fetchall()[0][0]
            if published != rows or in_parquet != rows:
                problems.append(
                    f"{name}: {rows} rows in the build, {published} published, "
                    f"{in_parquet} in Parquet"
                )
    if problems:
        raise PublishError("verification failed: " + "; ".join(problems))


def swap_into_place(new_file: Path, new_parquet: Path, dist: Path) -> None:
    """Rename the verified outputs over the published ones (rename is atomic)."""
    new_file.replace(dist / PUBLISHED_NAME)
    replace_folder(new_parquet, dist / PARQUET_DIR)


def replace_folder(new: Path, target: Path) -> None:
    """Rename a complete folder over the published one. Two renames: the
    folder is missing for an instant, never half-written. The old one is
    set aside under a name remove_leftovers knows (TEMPORARY_PATTERNS)."""
    if not target.exists():
        new.replace(target)
        return
    retired = target.with_name(f".{target.name}-retired-{os.getpid()}")
    target.replace(retired)
    new.replace(target)
    shutil.rmtree(retired, ignore_errors=True)


def remove_quietly(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        for candidate in (path, path.with_name(path.name + ".wal")):
            candidate.unlink(missing_ok=True)


# --- leftovers of an interrupted publish (issue 15) -------------------------------

# What publish and the Excel export write in dist/ before renaming it into
# place; `{pid}` is the process that wrote it.
TEMPORARY_PATTERNS = (
    f".{PUBLISHED_NAME}.tmp-{{pid}}",
    f".{PUBLISHED_NAME}.tmp-{{pid}}.wal",
    *(f".{folder}.tmp-{{pid}}" for folder in SWAPPED_FOLDERS),
    *(f".{folder}-retired-{{pid}}" for folder in SWAPPED_FOLDERS),
)


def is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_leftovers(dist: Path) -> list[str]:
    """Remove the temporary files of publishes that died half way (`kill -9`,
    a power cut) and are no longer running; return their names. Runs under
    the build lock, so no live publish is writing them."""
    removed = []
    if not dist.is_dir():
        return removed
    for entry in sorted(dist.iterdir()):
        pid = writer_pid(entry.name)
        if pid is not None and pid != os.getpid() and not is_running(pid):
            remove_quietly(entry)
            removed.append(entry.name)
    return removed


def writer_pid(name: str) -> int | None:
    """The pid in a temporary file's name (TEMPORARY_PATTERNS), else None."""
    for pattern in TEMPORARY_PATTERNS:
        prefix, suffix = pattern.split("{pid}")
        if name.startswith(prefix) and name.endswith(suffix):
            pid = name[len(prefix) : len(name) - len(suffix)]
            if pid.isdigit():
                return int(pid)
    return None


def publish(
    source_db: Path,
    target_dir: Path,
    dist: Path,
    storage_version: str = DEFAULT_STORAGE_VERSION,
    raw_dir: Path | None = None,
) -> dict[str, int]:
    """Publish the marts of `source_db` into `dist`; return the row counts.

    `raw_dir`: the raw data the build read (default: PP0093_RAW_DIR or
    data/raw), checked when the build used the development key."""
    check_last_run(read_json(target_dir / "run_results.json", "dbt run results"))
    models = public_models(read_json(target_dir / "manifest.json", "dbt manifest"))
    if not models:
        raise PublishError("the dbt manifest has no public models under models/marts/")
    if not source_db.is_file():
        raise PublishError(f"the build database does not exist: {source_db}")
    key = check_pseudonym_key(source_db, raw_dir or paths.raw_dir())
    dist.mkdir(parents=True, exist_ok=True)
    suffix = f"tmp-{os.getpid()}"
    new_file = dist / f".{PUBLISHED_NAME}.{suffix}"
    new_parquet = dist / f".{PARQUET_DIR}.{suffix}"
    for leftover in (new_file, new_parquet):
        remove_quietly(leftover)
    new_parquet.mkdir()
    try:
        counts = copy_models(source_db, models, new_file, new_parquet, storage_version)
        verify(new_file, new_parquet, counts)
        check_spreadsheet_safe(new_file)
        if key.is_development:
            mark_development_key(new_file)
        swap_into_place(new_file, new_parquet, dist)
    except duckdb.Error as error:
        first = str(error).strip().splitlines()[0]
        raise PublishError(f"DuckDB could not copy the marts: {first}") from error
    except OSError as error:
        raise PublishError(f"could not write to {dist}: {error}") from error
    finally:
        remove_quietly(new_file)
        remove_quietly(new_parquet)
    return counts


# --- the pseudonym key and unsafe text ----------------------------------------


@dataclass(frozen=True)
class KeyStatus:
    """What the build says of its pseudonym key (never the key itself)."""

    key_id: str
    is_development: bool


def build_key_status(source_db: Path) -> KeyStatus:
    """The build's marts.rpt_pseudonym_key row."""
    with duckdb.connect(str(source_db), read_only=True) as connection:
        try:
            rows = connection.execute(
                f"select pseudonym_key_id, is_development_key "
                f"from {PUBLISHED_SCHEMA}.{KEY_MODEL}"
            ).fetchall()
        except duckdb.CatalogException:
            rows = []
    if len(rows) != 1:
        raise PublishError(
            f"the build has no {PUBLISHED_SCHEMA}.{KEY_MODEL} row, so which "
            "pseudonym key it used is unknown; rebuild with dbt build"
        )
    return KeyStatus(key_id=rows[0][0], is_development=bool(rows[0][1]))


# A workbook's rows are counted per sheet: `<file>.xlsx[<sheet>]`.
WORKBOOK_SHEET = re.compile(
    r"(?P<file>.+" + re.escape(WORKBOOK_SUFFIX) + r")\[[^\]]*\]"
)


def delivered_file(source_file: str) -> str:
    """The raw file a build row count belongs to: a workbook sheet's workbook."""
    sheet = WORKBOOK_SHEET.fullmatch(source_file)
    return sheet.group("file") if sheet else source_file


def build_file_rows(source_db: Path) -> dict[str, int]:
    """Raw files the build read and their rows (rpt_data_quality's file rows;
    the raw rows of MEF's national file include the other programmes' ignored
    rows, and a workbook's sheets add up to the workbook)."""
    with duckdb.connect(str(source_db), read_only=True) as connection:
        rows = connection.execute(
            f"select source_file, raw_rows from {PUBLISHED_SCHEMA}.{QUALITY_MODEL} "
            "where row_kind = 'file'"
        ).fetchall()
    files: dict[str, int] = {}
    for source_file, raw_rows in rows:
        name = delivered_file(source_file)
        files[name] = files.get(name, 0) + int(raw_rows)
    return files


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def demo_data_problem(raw_dir: Path, build_files: dict[str, int]) -> str | None:
    """Why the build is not of the generator's demo data set (None: it is).

    The demo set is what `pp0093 generate` wrote: its manifest (written
    last) lists every file with its size, SHA-256 and rows. Every file under
    the raw directory must be listed and unchanged, and the build must have
    read exactly those files and rows.
    """
    manifest_path = raw_dir / paths.MANIFEST_NAME
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return f"{manifest_path} is missing or unreadable"
    if manifest.get("generator") != GENERATOR_NAME:
        return f"{manifest_path} was not written by {GENERATOR_NAME}"
    listed = {entry["path"]: entry for entry in manifest.get("files", [])}
    present = {
        path.relative_to(raw_dir).as_posix()
        for path in raw_dir.rglob("*")
        if path.is_file() and path != manifest_path
    }
    if present != set(listed):
        odd = sorted(present ^ set(listed))[0]
        if odd in present:
            return f"{odd} is not in the manifest"
        return f"{odd} is in the manifest but missing"
    for name, entry in sorted(listed.items()):
        path = raw_dir / name
        changed = path.stat().st_size != entry["bytes"]
        if changed or file_sha256(path) != entry["sha256"]:
            return f"{name} is not the file the generator wrote"
    if build_files != {name: entry["rows"] for name, entry in listed.items()}:
        return f"the build did not read the data set in {raw_dir}"
    return None


def check_pseudonym_key(source_db: Path, raw_dir: Path) -> KeyStatus:
    """Refuse the development key for anything but the demo data set."""
    try:
        status = build_key_status(source_db)
        build_files = build_file_rows(source_db) if status.is_development else {}
    except duckdb.Error as error:
        first = str(error).strip().splitlines()[0]
        raise PublishError(f"DuckDB could not read the build: {first}") from error
    if status.is_development:
        problem = demo_data_problem(raw_dir, build_files)
        if problem:
            raise PublishError(
                "the build used the public development pseudonym key and its "
                f"data is not the generator's demo data set ({problem}); set "
                "PP0093_PSEUDONYM_KEY_FILE or PP0093_PSEUDONYM_KEY, rebuild and "
                "publish again (docs/privacy.md)"
            )
    return status


def mark_development_key(database_file: Path) -> None:
    """Say in every table's comment that the pseudonyms are demo ones."""
    with duckdb.connect(str(database_file)) as connection:
        connection.execute("begin transaction")
        tables = connection.execute(
            "select table_name, coalesce(comment, '') from duckdb_tables() "
            "where schema_name = ?",
            [PUBLISHED_SCHEMA],
        ).fetchall()
        for name, comment in tables:
            target = f"{PUBLISHED_SCHEMA}.{quote(name)}"
            text = DEVELOPMENT_KEY_NOTICE + comment
            connection.execute(f"comment on table {target} is {literal(text)}")
        connection.execute("commit")


def check_spreadsheet_safe(database_file: Path) -> None:
    """Refuse text a spreadsheet would run, or holding control characters."""
    problems = []
    with duckdb.connect(str(database_file), read_only=True) as connection:
        columns = connection.execute(
            "select table_name, list(column_name order by column_index) "
            "from duckdb_columns() where schema_name = ? "
            "and data_type = 'VARCHAR' group by table_name order by table_name",
            [PUBLISHED_SCHEMA],
        ).fetchall()
        for table, names in columns:
            counts = ", ".join(
                f"count(*) filter (where regexp_matches({quote(name)}, "
                f"{literal(UNSAFE_TEXT_PATTERN)}))"
                for name in names
            )
            found = connection.execute(
                f"select {counts} from {PUBLISHED_SCHEMA}.{quote(table)}"
            ).fetchall()[0]
            problems += [
                f"{table}.{name} ({count})"
                for name, count in zip(names, found, strict=True)
                if count
            ]
    if problems:
        raise PublishError(
            "text that begins with a formula character (= + - @, tab, CR) or "
            "holds control characters in "
            + ", ".join(problems)
            + "; clean it in the models (macro clean_free_text)"
        )


# --- the data-quality summary ----------------------------------------------------


def quality_summary(database_file: Path) -> str | None:
    """One line from rpt_data_quality, or None when the model is not published."""
    with duckdb.connect(str(database_file), read_only=True) as connection:
        exists = connection.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = ? and table_name = ?",
            [PUBLISHED_SCHEMA, QUALITY_MODEL],
        ).fetchall()[0][0]
        if not exists:
            return None
        relation = f"{PUBLISHED_SCHEMA}.{QUALITY_MODEL}"
        totals = connection.execute(
            f"select sum(raw_rows), sum(rejected_rows), sum(duplicate_rows) "
            f"from {relation} where row_kind = 'file'"
        ).fetchall()[0]
        by_rule = connection.execute(
            f"select rule, sum(rejected_rows) as n from {relation} "
            f"where row_kind = 'rule' group by rule order by n desc, rule"
        ).fetchall()
    raw_rows, rejected, duplicates = (int(value or 0) for value in totals)
    rules = ", ".join(f"{rule} {int(n):,}" for rule, n in by_rule)
    detail = f" ({rules})" if rules else ""
    return (
        f"data quality: {raw_rows:,} raw rows, {rejected:,} rejected{detail}, "
        f"{duplicates:,} duplicates"
    )


def masked_text_summary(database_file: Path) -> str | None:
    """One line of the free-text values the models cleaned, or None if none."""
    with duckdb.connect(str(database_file), read_only=True) as connection:
        by_rule = connection.execute(
            f"select rule, sum(masked_values) as n "
            f"from {PUBLISHED_SCHEMA}.{QUALITY_MODEL} "
            f"where row_kind = 'masked' group by rule order by n desc, rule"
        ).fetchall()
    if not by_rule:
        return None
    total = sum(int(n) for _, n in by_rule)
    rules = ", ".join(f"{rule} {int(n):,}" for rule, n in by_rule)
    return f"free text: {total:,} values cleaned before publishing ({rules})"


# --- the command -----------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help="the dbt build database (default: PP0093_DB_PATH or target/pp0093.duckdb)",
    )
    parser.add_argument(
        "--target-dir",
        type=Path,
        default=None,
        help="dbt's target directory with manifest.json and run_results.json "
        "(default: DBT_TARGET_PATH or target)",
    )
    parser.add_argument(
        "--dist-dir",
        type=Path,
        default=None,
        help="where the published copy goes (default: dist)",
    )
    parser.add_argument(
        "--raw-dir",
        type=Path,
        default=None,
        help="the raw data the build read, checked when it used the development "
        "pseudonym key (default: PP0093_RAW_DIR or data/raw)",
    )
    parser.add_argument(
        "--storage-version",
        default=DEFAULT_STORAGE_VERSION,
        help=f"DuckDB storage format of the copy (default: {DEFAULT_STORAGE_VERSION})",
    )


def default_target_dir() -> Path:
    value = os.environ.get("DBT_TARGET_PATH")
    return Path(value) if value else paths.PROJECT_ROOT / "target"


def run(args: argparse.Namespace) -> int:
    source_db = args.db or paths.db_path()
    target_dir = args.target_dir or default_target_dir()
    dist = args.dist_dir or paths.dist_dir()
    started = time.perf_counter()
    try:
        with build_lock(lock_path(source_db)):
            for name in remove_leftovers(dist):
                print(f"publish: removed {dist / name}, left by an interrupted publish")
            counts = publish(
                source_db,
                target_dir,
                dist,
                args.storage_version,
                raw_dir=getattr(args, "raw_dir", None),
            )
    except BuildBusy as busy:
        print(f"publish: {busy}", file=sys.stderr)
        return BUSY_EXIT_CODE
    except PublishError as error:
        print(
            f"publish: {error}; {dist / PUBLISHED_NAME} was left as it was",
            file=sys.stderr,
        )
        return 1
    elapsed = time.perf_counter() - started
    print(
        f"publish: {len(counts)} marts ({sum(counts.values()):,} rows) in "
        f"{dist / PUBLISHED_NAME} and {dist / PARQUET_DIR}/ ({elapsed:.1f} s)"
    )
    try:
        summary = quality_summary(dist / PUBLISHED_NAME)
    except duckdb.Error as error:
        summary = f"data quality: summary unavailable ({error})"
    if summary:
        print(summary)
    print_masked_text_summary(dist / PUBLISHED_NAME)
    return 0


def print_masked_text_summary(database_file: Path) -> None:
    try:
        summary = masked_text_summary(database_file)
    except duckdb.Error:
        return  # a copy without masked rows (an older build): nothing to say
    if summary:
        print(summary)
