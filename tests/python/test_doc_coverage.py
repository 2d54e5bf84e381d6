"""Every model, seed, source and column is documented; every model's key tested.

The field's tools run on the session build: dbt-coverage on the physical
columns of the catalog (`dbt docs generate` against the build's database) and
dbt-score on the manifest. What they do not see is checked here: the columns
of the sources dbt-duckdb reads in place from files (not tables, so not in
the catalog), read from the files themselves. Primary-key tests and the
source descriptions are rules of tests/python/test_dag_rules.py.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from contextlib import closing
from pathlib import Path

import duckdb
import pytest

from pp0093 import paths, publish
from pp0093.dbt_runner import BIN_DIR, DbtSandbox


@pytest.fixture(scope="session")
def docs_target(dbt_build: DbtSandbox) -> Path:
    """The session build's target directory, with manifest and catalog."""
    dbt_build.generate_docs()
    return dbt_build.target_path


@pytest.fixture(scope="session")
def manifest(docs_target: Path) -> dict:
    return json.loads((docs_target / "manifest.json").read_text(encoding="utf-8"))


# dbt-score's project score (0-10) the project must keep (issue 20's target).
MIN_DBT_SCORE = 9.8


def dbt_coverage(target: Path, report: Path) -> dict:
    """dbt-coverage's documentation coverage of a target directory (manifest and
    catalog), as its JSON report."""
    subprocess.run(
        [
            str(BIN_DIR / "dbt-coverage"),
            "compute",
            "doc",
            "--run-artifacts-dir",
            str(target),
            "--cov-report",
            str(report),
        ],
        check=True,
        capture_output=True,
        cwd=paths.PROJECT_ROOT,
    )
    return json.loads(report.read_text())


@pytest.fixture(scope="session")
def dbt_score(docs_target: Path) -> dict:
    """dbt-score's rules on the session build's manifest, as its JSON output."""
    result = subprocess.run(
        [
            str(BIN_DIR / "dbt-score"),
            "lint",
            "--manifest",
            str(docs_target / "manifest.json"),
            "--format",
            "json",
        ],
        check=True,
        capture_output=True,
        text=True,
        cwd=paths.PROJECT_ROOT,
    )
    return json.loads(result.stdout)


def failing(dbt_score: dict, *rules: str) -> list[str]:
    """`<evaluable>: <rule>` for each of `rules` (names without the module)
    that is not OK."""
    return [
        f"{name}: {rule}"
        for name, item in dbt_score["evaluables"].items()
        for rule, outcome in item["results"].items()
        if rule.rsplit(".", 1)[-1] in rules and outcome["result"] != "OK"
    ]


def file_source_columns(node: dict) -> list[str] | None:
    """The columns DuckDB reads from a file source's files (`describe` of its
    read_csv(...) relation); None when the source is not read from files."""
    meta = {**node.get("meta", {}), **node.get("config", {}).get("meta", {})}
    if "external_location" not in meta:
        return None
    with closing(duckdb.connect()) as connection:
        rows = connection.execute(
            f"describe select * from {node['relation_name']}"
        ).fetchall()
    return [row[0] for row in rows]


def undescribed_columns(node: dict, physical: list[str]) -> list[str]:
    declared = {
        name.lower(): (column.get("description") or "").strip()
        for name, column in node.get("columns", {}).items()
    }
    return [column for column in physical if not declared.get(column.lower())]


def test_every_model_and_seed_and_their_columns_are_described(
    dbt_score: dict,
) -> None:
    assert dbt_score["evaluables"]
    assert (
        failing(
            dbt_score,
            "has_description",
            "columns_have_description",
            "seed_has_description",
            "seed_columns_have_description",
        )
        == []
    )


def test_every_column_of_the_files_a_source_reads_is_described(
    manifest: dict,
) -> None:
    read = {
        unique_id: file_source_columns(node)
        for unique_id, node in manifest["sources"].items()
        if node["package_name"] == "pp0093"
    }
    assert any(read.values())
    gaps = {
        unique_id: undescribed_columns(manifest["sources"][unique_id], physical)
        for unique_id, physical in read.items()
        if physical is not None
    }
    assert {unique_id: gap for unique_id, gap in gaps.items() if gap} == {}


def test_a_file_column_missing_from_the_source_yaml_is_found(tmp_path: Path) -> None:
    """The check above can fail: the file has a column the YAML lacks."""
    csv = tmp_path / "feed.csv"
    csv.write_text("RUC,NEW_COLUMN\n20100000001,x\n", encoding="utf-8")
    node = {
        "config": {"meta": {"external_location": "read_csv(...)"}},
        "relation_name": f"read_csv('{csv}', all_varchar = true)",
        "columns": {"RUC": {"description": "The firm's RUC."}},
    }
    physical = file_source_columns(node)
    assert physical == ["RUC", "NEW_COLUMN"]
    assert undescribed_columns(node, physical) == ["NEW_COLUMN"]


def test_dbt_coverage_finds_every_column_documented(
    docs_target: Path, tmp_path: Path
) -> None:
    report = dbt_coverage(docs_target, tmp_path / "coverage.json")
    print(f"dbt-coverage doc: {report['covered']}/{report['total']} columns")
    assert report["total"] > 0
    assert report["coverage"] == 1.0


def test_dbt_coverage_counts_an_undocumented_column(
    docs_target: Path, tmp_path: Path
) -> None:
    """The check above can fail: a physical column with no description."""
    target = tmp_path / "target"
    target.mkdir()
    shutil.copy(docs_target / "manifest.json", target)
    catalog = json.loads((docs_target / "catalog.json").read_text())
    node = next(
        node
        for unique_id, node in catalog["nodes"].items()
        if unique_id.startswith("model.")
    )
    node["columns"]["column_nobody_described"] = {
        "name": "column_nobody_described",
        "type": "INTEGER",
        "index": len(node["columns"]) + 1,
        "comment": None,
    }
    (target / "catalog.json").write_text(json.dumps(catalog))
    report = dbt_coverage(target, tmp_path / "coverage.json")
    assert report["coverage"] < 1.0


def test_dbt_score_rates_the_project(dbt_score: dict) -> None:
    score = dbt_score["project"]["score"]
    print(f"dbt-score: {score:.2f}")
    assert score >= MIN_DBT_SCORE


def test_dbt_score_finds_an_owner_for_every_model_and_seed(dbt_score: dict) -> None:
    assert dbt_score["evaluables"]
    assert failing(dbt_score, "has_owner", "seed_has_owner") == []


# Exposures: what consumes the marts.


@pytest.fixture(scope="session")
def exposures(manifest: dict) -> dict[str, dict]:
    return {node["name"]: node for node in manifest["exposures"].values()}


def has_text(value: str | None) -> bool:
    return bool(value and value.strip())


def exposure_models(exposure: dict) -> set[str]:
    return {unique_id.split(".")[-1] for unique_id in exposure["depends_on"]["nodes"]}


def test_the_bi_database_exposure_lists_every_public_mart(
    manifest: dict, exposures: dict[str, dict]
) -> None:
    published = {model.name for model in publish.public_models(manifest)}
    listed = exposure_models(exposures["published_bi_database"])
    assert sorted(published - listed) == [], (
        "public marts missing from published_bi_database in models/marts/_exposures.yml"
    )
    assert sorted(listed - published) == []


def test_the_report_exposure_reads_the_report_figures_once_they_exist(
    manifest: dict, exposures: dict[str, dict]
) -> None:
    models = {node["name"] for node in manifest["nodes"].values()}
    if "rpt_report_figures" in models:
        assert "rpt_report_figures" in exposure_models(exposures["evaluation_report"])


def test_every_exposure_has_an_owner_a_description_and_a_spanish_label(
    exposures: dict[str, dict],
) -> None:
    assert {"evaluation_report", "published_bi_database"} <= set(exposures)
    assert any(node["type"] == "dashboard" for node in exposures.values())
    incomplete = [
        name
        for name, node in exposures.items()
        if not (
            has_text(node["owner"].get("name"))
            and has_text(node["description"])
            and has_text(node["meta"].get("label"))
            and node["depends_on"]["nodes"]
        )
    ]
    assert incomplete == []
