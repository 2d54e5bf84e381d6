"""Privacy end to end: one build of a copy of the raw data with personal data and
formulas planted in free text, under a random pseudonym key, then its docs site
and its published copy.

- The key is in no file dbt, the docs or publish wrote (target/, logs/, dist/,
  the build database).
- Each planted value is published only cleaned (DuckDB and Parquet), and
  rpt_data_quality counts each case.
- The development key is refused for data that is not the demo set.
"""

from __future__ import annotations

import dataclasses
import secrets
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from published import run_publish, scan_parquet_files, scan_published_database
from test_faults import CONTRACTS, copy_raw, feed_file, format_rows, read_rows, writable

from pp0093 import publish
from pp0093.dbt_runner import DbtSandbox
from pp0093.pseudonym_key import KEY_ENV, load_key

pytestmark = [pytest.mark.slow, pytest.mark.e2e]


@dataclass(frozen=True)
class Planted:
    """A free-text value planted in a raw file, what must be published, and
    the rules of macro free_text_rules it must be counted under."""

    folder: str
    column: str
    raw: str
    published: str
    rules: tuple[str, ...]


CONTROL = "removed_control_character"
FORMULA = "quoted_formula_prefix"
PLANTED = [
    Planted(
        "pnte_tu_empresa",
        "nombre_evento",
        "Taller de costos\x00 y precios",
        "Taller de costos y precios",
        (CONTROL,),
    ),
    Planted(
        "pnte_tu_empresa",
        "nombre_evento",
        "Taller 45678912 Lima",
        "Taller [DNI] Lima",
        ("masked_dni",),
    ),
    Planted(
        "pnte_tu_empresa",
        "nombre_evento",
        '=HYPERLINK("http://example.com/x","Ver")',
        '\'=HYPERLINK("http://example.com/x","Ver")',
        (FORMULA,),
    ),
    Planted(
        "pnte_tu_empresa",
        "nombre_evento",
        "Informes: ana.quispe@example.pe",
        "Informes: [correo]",
        ("masked_email",),
    ),
    Planted(
        "pnte_tu_empresa",
        "nombre_evento",
        "Llamar al 987 654 321",
        "Llamar al [teléfono]",
        ("masked_phone",),
    ),
    Planted(
        "pnte_tu_empresa",
        "nombre_evento",
        "Asesoría RUC 10456789013",
        "Asesoría RUC [RUC]",
        ("masked_natural_person_ruc",),
    ),
    Planted(
        "pnte_tu_empresa",
        "nombre_evento",
        "+Taller de exportación",
        "'+Taller de exportación",
        (FORMULA,),
    ),
    Planted("pnte_tu_empresa", "nombre_evento", "-Feria", "'-Feria", (FORMULA,)),
    Planted("pnte_tu_empresa", "nombre_evento", "@Feria", "'@Feria", (FORMULA,)),
    Planted(
        "pnte_tu_empresa",
        "nombre_evento",
        "\tTaller con tabulación",
        "Taller con tabulación",
        (CONTROL,),
    ),
    Planted(
        "pnte_tu_empresa",
        "nombre_evento",
        "\x0b=1+1",
        "'=1+1",
        (CONTROL, FORMULA),
    ),
    Planted(
        "itp_cite",
        "NOMBRE_CITE",
        "=CMD|' /C calc'!A0",
        "'=CMD|' /C calc'!A0",
        (FORMULA,),
    ),
    Planted(
        "itp_cite",
        "NOMBRE_CITE",
        "CITE Lima (01) 234-5678",
        "CITE Lima [teléfono]",
        ("masked_phone",),
    ),
]
# What no published text may hold: the planted identifiers, a control
# character, a leading formula character.
FORBIDDEN = (
    r"45678912|ana\.quispe|987 654 321|10456789013|234-5678"
    r"|[\x00-\x1f\x7f]|^[=+@\t\r-]"
)
RECORD_ID_COLUMN = {"pnte_tu_empresa": "id_registro", "itp_cite": "ID_ATENCION"}
BASE_MODEL = {
    "pnte_tu_empresa": "base_pnte__tu_empresa_services",
    "itp_cite": "base_itp__cite_services",
}


def plant(raw: Path, session: DbtSandbox) -> dict[str, str]:
    """Append one copy of a good row per planted value, under a new record id;
    return the planted files by folder."""
    planted_files = {}
    for folder in sorted({case.folder for case in PLANTED}):
        path = feed_file(raw, folder)
        source_file = path.relative_to(raw).as_posix()
        template_row = session.query(
            f"select min(source_row_number) from staging.{BASE_MODEL[folder]} "
            "where source_file = ? and rejection_rule is null and not is_duplicate",
            [source_file],
        )[0][0]
        contract = CONTRACTS[folder]
        writable(path)
        rows = read_rows(path, contract)
        header, template = rows[0], rows[template_row]
        appended = []
        for number, case in enumerate(c for c in PLANTED if c.folder == folder):
            row = list(template)
            id_index = header.index(RECORD_ID_COLUMN[folder])
            row[id_index] = f"{row[id_index]}-P{number:02d}"
            row[header.index(case.column)] = case.raw
            appended.append(row)
        with path.open("ab") as handle:
            handle.write(format_rows(appended, contract))
        planted_files[folder] = source_file
    return planted_files


@dataclass(frozen=True)
class PrivacyBuild:
    sandbox: DbtSandbox
    dist: Path
    key: str
    planted_files: dict[str, str]
    publish_output: str


@pytest.fixture(scope="module")
def privacy_build(
    dbt_build: DbtSandbox, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[PrivacyBuild]:
    """Build, docs site and publish of the planted data under a random key."""
    directory = tmp_path_factory.mktemp("privacy")
    raw = copy_raw(dbt_build.raw_dir, directory / "raw")
    planted_files = plant(raw, dbt_build)
    sandbox = DbtSandbox.in_directory(directory, raw)
    dist = directory / "dist"
    key = secrets.token_urlsafe(32)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(KEY_ENV, key)
        sandbox.run_dbt(["build"])
        # What `make docs` does after a build.
        sandbox.run_dbt(["docs", "generate", "--static", "--no-compile"])
        (dist / "docs").mkdir(parents=True)
        shutil.copy(sandbox.target_path / "static_index.html", dist / "docs/index.html")
        completed = run_publish(sandbox, dist)
    assert completed.returncode == 0, completed.stderr
    yield PrivacyBuild(sandbox, dist, key, planted_files, completed.stdout)


# --- the key ---------------------------------------------------------------------


def files_holding(text: str, roots: list[Path]) -> list[str]:
    """Every file under `roots` (or a root that is a file) whose bytes hold `text`."""
    needle = text.encode("utf-8")
    found = []
    for root in roots:
        for path in [root] if root.is_file() else sorted(root.rglob("*")):
            if path.is_file() and needle in path.read_bytes():
                found.append(str(path))
    return found


def test_the_key_is_in_no_file_written(privacy_build: PrivacyBuild) -> None:
    sandbox = privacy_build.sandbox
    roots = [sandbox.target_path, sandbox.log_path, privacy_build.dist, sandbox.db_path]
    written = [path for root in roots[:3] for path in root.rglob("*") if path.is_file()]
    # The search covers what it must: compiled SQL, manifest, run results,
    # logs, the docs site, the published copy.
    names = {path.name for path in written}
    assert {"manifest.json", "run_results.json", "dbt.log", "index.html"} <= names
    assert any(path.suffix == ".parquet" for path in written)
    assert files_holding(privacy_build.key, roots) == []


def test_the_search_finds_a_key_where_it_is(tmp_path: Path) -> None:
    key = secrets.token_urlsafe(32)
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "compiled.sql").write_text(f"select sha256('{key}:' || x)")
    (tmp_path / "clean.sql").write_text("select 1")
    assert files_holding(key, [tmp_path]) == [str(tmp_path / "a/b/compiled.sql")]


def test_the_published_copy_names_the_key_without_giving_it(
    privacy_build: PrivacyBuild,
) -> None:
    database = privacy_build.dist / "pp0093.duckdb"
    with duckdb.connect(str(database), read_only=True) as connection:
        rows = connection.execute("select * from marts.rpt_pseudonym_key").fetchall()
        comments = connection.execute("select comment from duckdb_tables()").fetchall()
    expected_id = load_key({KEY_ENV: privacy_build.key}).key_id
    assert rows == [(expected_id, False, "HMAC-SHA256")]
    assert not [c for (c,) in comments if publish.DEVELOPMENT_KEY_NOTICE in (c or "")]


def test_the_development_key_is_refused_for_other_data(
    dbt_build: DbtSandbox, privacy_build: PrivacyBuild, tmp_path: Path
) -> None:
    """The session build used the development key: published as the demo
    data set's build elsewhere, and refused against altered raw data."""
    other_raw = dataclasses.replace(dbt_build, raw_dir=privacy_build.sandbox.raw_dir)
    completed = run_publish(other_raw, tmp_path / "dist")
    assert completed.returncode == 1
    assert "the build used the public development pseudonym key" in completed.stderr
    planted = privacy_build.planted_files["itp_cite"]
    assert f"({planted} is not the file the generator wrote)" in completed.stderr
    assert not (tmp_path / "dist" / "pp0093.duckdb").exists()


# --- the planted text ------------------------------------------------------------


def forbidden_text(connection: duckdb.DuckDBPyConnection, relation: str) -> list[str]:
    """Text columns of `relation` holding anything FORBIDDEN matches."""
    columns = connection.execute(f"describe select * from {relation}").fetchall()
    hits = []
    for name, data_type, *_ in columns:
        if data_type != "VARCHAR":
            continue
        quoted = '"' + name.replace('"', '""') + '"'
        found = connection.execute(
            f"select count(*) from {relation} where regexp_matches({quoted}, ?)",
            [FORBIDDEN],
        ).fetchall()[0][0]
        if found:
            hits.append(f"{relation}.{name}: {found}")
    return hits


def test_the_forbidden_text_scan_sees_each_case() -> None:
    with duckdb.connect() as connection:
        connection.execute("create table t (v varchar)")
        for case in PLANTED:
            connection.execute("insert into t values (?)", [case.raw])
        found = connection.execute(
            "select count(*) from t where regexp_matches(v, ?)", [FORBIDDEN]
        ).fetchall()
    assert found == [(len(PLANTED),)]


def test_no_planted_value_reaches_the_published_database(
    privacy_build: PrivacyBuild,
) -> None:
    database = privacy_build.dist / "pp0093.duckdb"
    assert scan_published_database(database, forbidden_text) == []


def test_no_planted_value_reaches_the_parquet_files(
    privacy_build: PrivacyBuild,
) -> None:
    assert scan_parquet_files(privacy_build.dist / "parquet", forbidden_text) == []


@pytest.mark.parametrize("where", ["duckdb", "parquet"])
def test_each_planted_value_is_published_cleaned(
    privacy_build: PrivacyBuild, where: str
) -> None:
    if where == "duckdb":
        database = privacy_build.dist / "pp0093.duckdb"
        attach = f"attach '{database}' as published (read_only)"
        relation = "published.marts.fct_service_deliveries"
    else:
        parquet = privacy_build.dist / "parquet" / "fct_service_deliveries.parquet"
        attach = ""
        relation = f"read_parquet('{parquet}')"
    with duckdb.connect() as connection:
        if attach:
            connection.execute(attach)
        rows = connection.execute(
            f"select event_name, cite_name from {relation}"
        ).fetchall()
    texts = {value for row in rows for value in row if value is not None}
    missing = [case.published for case in PLANTED if case.published not in texts]
    assert missing == []


def test_rpt_data_quality_counts_each_case(privacy_build: PrivacyBuild) -> None:
    expected: dict[tuple[str, str], int] = {}
    for case in PLANTED:
        for rule in case.rules:
            key = (privacy_build.planted_files[case.folder], rule)
            expected[key] = expected.get(key, 0) + 1
    database = privacy_build.dist / "pp0093.duckdb"
    with duckdb.connect(str(database), read_only=True) as connection:
        rows = connection.execute(
            "select source_file, rule, masked_values, rejected_rows "
            "from marts.rpt_data_quality where row_kind = 'masked'"
        ).fetchall()
    assert {(f, r): n for f, r, n, _ in rows} == expected
    assert {rejected for *_, rejected in rows} == {0}


def test_publish_says_how_many_values_it_cleaned(privacy_build: PrivacyBuild) -> None:
    total = sum(len(case.rules) for case in PLANTED)
    lines = privacy_build.publish_output.splitlines()
    assert f"free text: {total} values cleaned before publishing (" in lines[-1]
