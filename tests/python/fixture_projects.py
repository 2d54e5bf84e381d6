"""Helpers for the tests that prove generic tests can fail: a tiny dbt project
under tests/fixtures/<name> (its dbt profile is also called <name>) is copied
into a temporary directory with the generic tests and macros under test as its
macros, built with one `dbt build`, and every test's status is read back.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

import pytest

from pp0093.dbt_runner import BIN_DIR

PROFILE = """\
{profile}:
  target: fixture
  outputs:
    fixture:
      type: duckdb
      path: "{db_path}"
      threads: 4
"""


def copy_fixture_project(
    fixture_project: Path, destination: Path, macros: Iterable[Path]
) -> Path:
    """A copy of `fixture_project` in `destination`, with `macros` as its macros
    and a profile that builds into `destination`."""
    project = destination / "project"
    shutil.copytree(fixture_project, project)
    macros_dir = project / "macros"
    macros_dir.mkdir()
    for path in macros:
        shutil.copy(path, macros_dir / path.name)
    (project / "profiles.yml").write_text(
        PROFILE.format(
            profile=fixture_project.name,
            db_path=destination / "fixture.duckdb",
        )
    )
    return project


def build_fixture_project(project: Path) -> dict[str, str]:
    """Run `dbt build` once; the status of every test, by test name."""
    return {
        name: status
        for name, (status, _message) in build_fixture_project_results(project).items()
    }


def build_fixture_project_results(project: Path) -> dict[str, tuple[str, str]]:
    """Run `dbt build` once; the status and message of every test, by test
    name (the message says why a test errored)."""
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
        result["unique_id"].split(".")[2]: (
            result["status"],
            result.get("message") or "",
        )
        for result in results
        if result["unique_id"].startswith("test.")
    }
