"""The staging layer's generic tests can fail: each is run on seeds built to break it.

tests/fixtures/staging_generic_tests is a tiny dbt project whose seeds hold, for
`valid_ruc` and `rows_reconcile` (tests/generic/), data that must pass and data
that must fail; its tests are named expect_pass__* or expect_fail__*. The folder,
the two generic tests and the macro they need (macros/staging/is_valid_ruc.sql)
are copied into a temporary directory and built with one `dbt build`; every test
must get the verdict its name expects.
"""

from __future__ import annotations

from pathlib import Path

from fixture_projects import build_fixture_project, copy_fixture_project

TESTS_DIR = Path(__file__).resolve().parents[1]
PROJECT_ROOT = TESTS_DIR.parent
FIXTURE_PROJECT = TESTS_DIR / "fixtures" / "staging_generic_tests"
GENERIC_TESTS = [
    TESTS_DIR / "generic" / "test_valid_ruc.sql",
    TESTS_DIR / "generic" / "test_rows_reconcile.sql",
]
MACROS = [
    PROJECT_ROOT / "macros" / "staging" / "is_valid_ruc.sql",
    # rows_reconcile reads the raw rows through raw_row_files
    PROJECT_ROOT / "macros" / "staging" / "workbook_rows.sql",
]


def test_staging_generic_tests_pass_and_fail_as_their_fixtures_expect(
    tmp_path: Path,
) -> None:
    statuses = build_fixture_project(
        copy_fixture_project(FIXTURE_PROJECT, tmp_path, [*GENERIC_TESTS, *MACROS])
    )
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
