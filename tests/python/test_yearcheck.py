"""`pp0093 yearcheck` (part of `make lint`): no year literal in the project's SQL.

The check runs on the project itself (it must pass) and on two fixtures: one
with a planted literal (it must fail and name the file, line and year) and
one with years only in comments (it must pass).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from pp0093 import paths
from pp0093.dbt_runner import BIN_DIR

FIXTURES = paths.PROJECT_ROOT / "tests" / "fixtures" / "year_literals"


def yearcheck(*targets: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN_DIR / "pp0093"), "yearcheck", *(str(t) for t in targets)],
        capture_output=True,
        text=True,
        check=False,
        cwd=paths.PROJECT_ROOT,
    )


def test_the_project_sql_has_no_year_literal() -> None:
    completed = yearcheck()
    assert completed.returncode == 0, completed.stderr


def test_a_planted_year_literal_fails_with_its_location() -> None:
    planted = FIXTURES / "planted_year.sql"
    completed = yearcheck(planted)
    assert completed.returncode == 1
    findings = [
        line for line in completed.stderr.splitlines() if ": year literal " in line
    ]
    assert findings == [
        f"{planted}:8:22: year literal 2024 (take years from the data, a seed or a var)"
    ]


def test_years_in_comments_pass() -> None:
    completed = yearcheck(FIXTURES / "years_in_comments_only.sql")
    assert completed.returncode == 0, completed.stderr


def test_a_planted_literal_in_a_models_directory_fails(tmp_path: Path) -> None:
    models = tmp_path / "models" / "marts"
    models.mkdir(parents=True)
    (models / "ok.sql").write_text("select 1 as one\n", encoding="utf-8")
    (models / "fixed_year.sql").write_text(
        "select * from facts where program_year = '2025'\n", encoding="utf-8"
    )
    completed = yearcheck(tmp_path / "models")
    assert completed.returncode == 1
    assert "fixed_year.sql:1:" in completed.stderr
    assert "ok.sql" not in completed.stderr


def test_make_lint_runs_the_check() -> None:
    makefile = (paths.PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")
    lint = makefile.split("\nlint:", 1)[1].split("\n\n", 1)[0]
    assert "pp0093 yearcheck" in lint


def test_a_code_point_escape_is_not_a_year(tmp_path: Path) -> None:
    """RE2's `\\x{2028}` (a line separator) names a character, not a year; a
    year written beside it still fails."""
    escapes = tmp_path / "escapes.sql"
    escapes.write_text(
        "select regexp_replace(t, '[\\x{2028}-\\x{202e}]', '') as t\n",
        encoding="utf-8",
    )
    assert yearcheck(escapes).returncode == 0
    escapes.write_text(
        "select regexp_replace(t, '[\\x{2028}]', '2028') as t\n", encoding="utf-8"
    )
    completed = yearcheck(escapes)
    assert completed.returncode == 1
    assert "escapes.sql:1:41: year literal 2028" in completed.stderr
