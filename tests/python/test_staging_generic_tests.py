"""The staging layer's generic tests can fail: each is run on seeds built to break it.

tests/fixtures/staging_generic_tests is a tiny dbt project whose seeds hold, for
`valid_ruc` and `rows_reconcile` (tests/generic/), data that must pass and data
that must fail; its tests are named expect_pass__* or expect_fail__*. The folder,
the two generic tests and the macro they need (macros/staging/is_valid_ruc.sql)
are copied into a temporary directory and built with one `dbt build`; every test
must get the verdict its name expects.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from pp0093.dbt_runner import BIN_DIR

TESTS_DIR = Path(__file__).resolve().parents[1]
PROJECT_ROOT = TESTS_DIR.parent
FIXTURE_PROJECT = TESTS_DIR / "fixtures" / "staging_generic_tests"
GENERIC_TESTS = [
    TESTS_DIR / "generic" / "test_valid_ruc.sql",
    TESTS_DIR / "generic" / "test_rows_reconcile.sql",
]
MACROS = [PROJECT_ROOT / "macros" / "staging" / "is_valid_ruc.sql"]

PROFILE = """\
staging_generic_tests:
  target: fixture
  outputs:
    fixture:
      type: duckdb
      path: "{db_path}"
      threads: 4
"""


def copy_fixture_project(destination: Path) -> Path:
    """The fixture project with the generic tests and their macro as its macros."""
    project = destination / "project"
    shutil.copytree(FIXTURE_PROJECT, project)
    macros = project / "macros"
    macros.mkdir()
    for path in [*GENERIC_TESTS, *MACROS]:
        shutil.copy(path, macros / path.name)
    (project / "profiles.yml").write_text(
        PROFILE.format(db_path=destination / "fixture.duckdb")
    )
    return project


def build_fixture_project(project: Path) -> dict[str, str]:
    """Run `dbt build` once; the status of every test, by test name."""
    env = dict(os.environ)
    env.update(
        {
            "DBT_PROFILES_DIR": str(project),
            "DBT_PROJECT_DIR": str(project),
            "DBT_LOG_PATH": str(project / "logs"),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
            "DBT_USE_COLORS": "false",
        }
    )
    completed = subprocess.run(
        [str(BIN_DIR / "dbt"), "build", "--target-path", str(project / "target")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    run_results = project / "target" / "run_results.json"
    if not run_results.is_file():
        pytest.fail(f"dbt build produced no run results:\n{completed.stdout}")
    results = json.loads(run_results.read_text())["results"]
    return {
        result["unique_id"].split(".")[2]: result["status"]
        for result in results
        if result["unique_id"].startswith("test.")
    }


def test_staging_generic_tests_pass_and_fail_as_their_fixtures_expect(
    tmp_path: Path,
) -> None:
    statuses = build_fixture_project(copy_fixture_project(tmp_path))
    fixture_yaml = (FIXTURE_PROJECT / "seeds" / "_fixtures.yml").read_text()
    assert len(statuses) == fixture_yaml.count("name: expect_"), statuses

    wrong = {
        name: status
        for name, status in statuses.items()
        if status != ("fail" if name.startswith("expect_fail__") else "pass")
    }
    assert not wrong, wrong


def test_each_staging_generic_test_has_a_failing_fixture() -> None:
    fixture_yaml = (FIXTURE_PROJECT / "seeds" / "_fixtures.yml").read_text()
    for test_name in ("valid_ruc", "rows_reconcile"):
        assert f"name: expect_fail__{test_name}" in fixture_yaml, test_name
