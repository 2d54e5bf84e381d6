"""The marts' generic tests can fail: each is run on seeds built to break it.

tests/fixtures/marts_generic_tests is a tiny dbt project whose seeds hold, for
every generic test below, data that must pass and data that must fail; a view
and a table built from them (models/) carry no_nulls, which every layer uses.
Its tests are named expect_pass__*, expect_fail__* or expect_error__* (the
test must stop with a compiler error, e.g. no_nulls given a `nullable` column
that does not exist). The folder, the generic tests and the macros they call
are copied into a temporary directory and built with one `dbt build`; every
test must get the verdict its name expects.
"""

from __future__ import annotations

from pathlib import Path

from fixture_projects import build_fixture_project_results, copy_fixture_project

TESTS_DIR = Path(__file__).resolve().parents[1]
PROJECT_ROOT = TESTS_DIR.parent
FIXTURE_PROJECT = TESTS_DIR / "fixtures" / "marts_generic_tests"
GENERIC_TEST_NAMES = (
    "pen_within_uit_range",
    "percentages_between_0_and_100",
    "accepted_values_per_column",
    "relationships_per_column",
    "shares_sum_to_100",
    "amounts_reconcile",
    "no_personal_identifiers",
    "no_nulls",
    "has_code_labels",
)
GENERIC_TESTS = [
    TESTS_DIR / "generic" / f"test_{name}.sql" for name in GENERIC_TEST_NAMES
]
MACROS_CALLED = sorted(
    [
        *(PROJECT_ROOT / "macros" / "privacy").glob("*.sql"),
        *(PROJECT_ROOT / "macros" / "tests").glob("*.sql"),
    ]
)
# What each expect_error__ test's compiler error must say: the right error,
# naming the model, not any error.
EXPECTED_ERRORS = {
    "expect_error__no_nulls_nullable_not_a_column": (
        "no_nulls on nulls_in_two_columns: `nullable` lists notes, not a column"
    ),
    "expect_error__no_nulls_relation_without_columns": ("no_nulls on missing_table:"),
    "expect_error__has_code_labels_no_code_set": (
        "has_code_labels on codes_labelled: column topic needs a code set"
    ),
    "expect_error__pcts_columns_not_a_list": (
        "percentages_between_0_and_100 on pct_bad: `columns` must be a list"
    ),
    "expect_error__accepted_values_empty_list": (
        "accepted_values_per_column on values_mixed: column other needs a"
        " non-empty list"
    ),
    "expect_error__relationships_entry_without_field": (
        "relationships_per_column on children: entry 1 lacks field"
    ),
}


def fixture_yaml_lines() -> list[str]:
    """The lines of every _fixtures.yml of the fixture project (seeds, models)."""
    return [
        line
        for path in sorted(FIXTURE_PROJECT.glob("*/_fixtures.yml"))
        for line in path.read_text().splitlines()
    ]


def fixture_test_names() -> list[str]:
    return [
        line.split("name:", 1)[1].strip()
        for line in fixture_yaml_lines()
        if line.strip().startswith("name: expect_")
    ]


def expected_status(test_name: str) -> str:
    for prefix, status in (("expect_fail__", "fail"), ("expect_error__", "error")):
        if test_name.startswith(prefix):
            return status
    return "pass"


def test_every_fixture_test_gets_the_verdict_its_name_expects(
    tmp_path: Path,
) -> None:
    results = build_fixture_project_results(
        copy_fixture_project(
            FIXTURE_PROJECT, tmp_path, [*GENERIC_TESTS, *MACROS_CALLED]
        )
    )
    assert sorted(results) == sorted(fixture_test_names())
    wrong = {
        name: f"expected {expected_status(name)}, got {status}: {message}"
        for name, (status, message) in results.items()
        if status != expected_status(name)
    }
    assert not wrong, wrong

    errors = {name for name in results if name.startswith("expect_error__")}
    assert errors == set(EXPECTED_ERRORS), errors ^ set(EXPECTED_ERRORS)
    wrong_errors = {
        name: results[name][1]
        for name in errors
        if EXPECTED_ERRORS[name] not in results[name][1]
    }
    assert not wrong_errors, wrong_errors


def test_every_generic_test_has_a_failing_fixture() -> None:
    yaml_lines = fixture_yaml_lines()
    failing = {
        yaml_lines[index].strip().removeprefix("- ").rstrip(":")
        for index in range(len(yaml_lines) - 1)
        if "name: expect_fail__" in yaml_lines[index + 1]
    }
    assert set(GENERIC_TEST_NAMES) <= failing, set(GENERIC_TEST_NAMES) - failing
