"""Tests of the harness itself: the session build, the dbt runner, the CLI."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pp0093 import cli, paths
from pp0093.dbt_runner import DbtError, DbtSandbox

if TYPE_CHECKING:
    from conftest import DbtBuild

PROJECT_ROOT = paths.PROJECT_ROOT

SEEDS_DIR = PROJECT_ROOT / "seeds"


def seed_row_counts() -> dict[str, int]:
    """Data rows of every seed CSV, counted with a CSV reader (quoted newlines)."""
    counts = {}
    for seed in sorted(SEEDS_DIR.glob("*.csv")):
        with seed.open(newline="", encoding="utf-8") as handle:
            counts[seed.stem] = sum(1 for _ in csv.reader(handle)) - 1
    return counts


def test_build_writes_its_own_database(dbt_build: DbtSandbox) -> None:
    assert dbt_build.db_path.is_file()
    assert dbt_build.db_path.parent != PROJECT_ROOT / "target"
    assert not dbt_build.db_path.is_relative_to(PROJECT_ROOT)


def test_build_writes_its_own_target_directory(dbt_build: DbtSandbox) -> None:
    assert (dbt_build.target_path / "manifest.json").is_file()
    assert not dbt_build.target_path.is_relative_to(PROJECT_ROOT)


def expected_status(node: dict) -> set[str]:
    """What a node of a good build reports: exposures and saved queries (the
    semantic layer's, which `mf` runs, not dbt) run nothing; everything
    else passes: no test warns (known report inconsistencies are error
    tests that assert their recorded state)."""
    if node["resource_type"] in ("exposure", "saved_query"):
        return {"no-op"}
    return {"success", "pass"}


def test_build_succeeded_for_every_node(dbt_build: DbtBuild) -> None:
    manifest = json.loads((dbt_build.target_path / "manifest.json").read_text())
    nodes = {
        **manifest["nodes"],
        **manifest["exposures"],
        **manifest["saved_queries"],
        **manifest["unit_tests"],
    }
    statuses = {
        result["unique_id"]: result["status"]
        for result in dbt_build.run_results["results"]
    }
    assert statuses, "dbt build ran no node at all"
    unexpected = {
        node: status
        for node, status in statuses.items()
        if status not in expected_status(nodes[node])
    }
    assert unexpected == {}


def test_no_test_is_declared_to_warn(dbt_build: DbtBuild) -> None:
    """A standing warning hides a new one: every test is an error."""
    manifest = json.loads((dbt_build.target_path / "manifest.json").read_text())
    warning = [
        unique_id
        for unique_id, node in manifest["nodes"].items()
        if node["resource_type"] == "test"
        and node.get("config", {}).get("severity", "").lower() == "warn"
    ]
    assert warning == []


def test_the_session_build_runs_every_unit_test(dbt_build: DbtBuild) -> None:
    manifest = json.loads((dbt_build.target_path / "manifest.json").read_text())
    declared = set(manifest["unit_tests"])
    ran = {
        result["unique_id"]: result["status"]
        for result in dbt_build.run_results["results"]
        if result["unique_id"].startswith("unit_test.")
    }
    assert declared, "the project declares no unit tests"
    assert ran == dict.fromkeys(declared, "pass")


def test_a_plain_dbt_build_leaves_unit_tests_to_the_test_suite(
    dbt_sandbox: DbtSandbox,
) -> None:
    """selectors.yml's default selector: production builds skip unit tests."""
    listed = dbt_sandbox.run_dbt(
        ["ls", "--output", "json", "--output-keys", "resource_type", "--quiet"]
    ).output
    kinds = {json.loads(line)["resource_type"] for line in listed.splitlines() if line}
    assert {"model", "seed", "test"} <= kinds
    assert "unit_test" not in kinds


def test_every_seed_is_loaded_with_all_its_rows(dbt_build: DbtSandbox) -> None:
    expected = seed_row_counts()
    assert expected, "no seeds in seeds/"
    loaded = {
        name: dbt_build.query(f'select count(*) from seeds."{name}"')[0][0]
        for (name,) in dbt_build.query(
            "select table_name from information_schema.tables "
            "where table_schema = 'seeds'"
        )
    }
    assert loaded == expected


def test_schemas_are_named_exactly_as_configured(dbt_build: DbtSandbox) -> None:
    schemas = {
        name
        for (name,) in dbt_build.query(
            "select distinct table_schema from information_schema.tables"
        )
    }
    assert "seeds" in schemas
    assert not any(schema.startswith("main_") for schema in schemas)


def test_query_returns_rows_as_tuples(dbt_build: DbtSandbox) -> None:
    assert dbt_build.query("select ? + 1 as two, 'x' as letter", [1]) == [(2, "x")]


def test_dbt_failure_raises_with_dbt_output(dbt_sandbox: DbtSandbox) -> None:
    with pytest.raises(DbtError) as raised:
        dbt_sandbox.run_dbt(
            ["compile", "--inline", "select * from {{ ref('no_such_model') }}"]
        )
    message = str(raised.value)
    assert "exited 0" not in message
    assert "no_such_model" in message


def test_dbt_usage_error_raises(dbt_sandbox: DbtSandbox) -> None:
    with pytest.raises(DbtError, match="no-such-option"):
        dbt_sandbox.run_dbt(["build", "--no-such-option"])


def test_unchecked_run_returns_the_exit_code(dbt_sandbox: DbtSandbox) -> None:
    result = dbt_sandbox.run_dbt(["build", "--no-such-option"], check=False)
    assert result.returncode != 0
    assert "no-such-option" in result.output


def test_sandbox_paths_come_from_the_environment(
    dbt_sandbox: DbtSandbox,
) -> None:
    """One dbt run shows both: the database opened at PP0093_DB_PATH and the
    raw_data_path var following PP0093_RAW_DIR."""
    assert not dbt_sandbox.db_path.exists()
    # JSON output: the table output cuts long values (a deep tmp path).
    result = dbt_sandbox.run_dbt(
        [
            "show",
            "--output",
            "json",
            "--inline",
            "select '{{ var(\"raw_data_path\") }}' as raw_dir",
        ]
    )
    assert dbt_sandbox.db_path.is_file()
    assert f'"raw_dir": "{dbt_sandbox.raw_dir}"' in result.output


def test_raw_data_is_complete_only_with_its_manifest(tmp_path: Path) -> None:
    assert not paths.raw_data_is_complete(tmp_path)
    (tmp_path / paths.MANIFEST_NAME).write_text("{}", encoding="utf-8")
    assert paths.raw_data_is_complete(tmp_path)


def test_paths_honour_environment_overrides(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(paths.RAW_DIR_ENV, str(tmp_path / "raw"))
    monkeypatch.setenv(paths.DB_PATH_ENV, str(tmp_path / "x.duckdb"))
    assert paths.raw_dir() == tmp_path / "raw"
    assert paths.db_path() == tmp_path / "x.duckdb"
    monkeypatch.delenv(paths.RAW_DIR_ENV)
    assert paths.raw_dir() == PROJECT_ROOT / "data" / "raw"


def test_cli_help_lists_every_subcommand() -> None:
    completed = subprocess.run(
        [str(Path(sys.executable).parent / "pp0093"), "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    for name in cli.SUBCOMMANDS:
        assert name in completed.stdout


def test_cli_reports_a_subcommand_that_is_not_installed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(
        cli.SUBCOMMANDS, "later", ("pp0093.not_written_yet", "a future command")
    )
    assert cli.main(["later"]) == 2
    assert "not available yet" in capsys.readouterr().err


def test_cli_does_not_hide_a_broken_subcommand(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "broken_subcommand.py").write_text(
        "import no_such_dependency_of_ours\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ModuleNotFoundError, match="no_such_dependency_of_ours"):
        cli.load_subcommand("broken_subcommand")
