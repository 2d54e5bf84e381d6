"""The marts' generic tests can fail: each is run on seeds built to break it.

tests/fixtures/marts_generic_tests is a tiny dbt project whose seeds hold, for
every generic test below, data that must pass and data that must fail. Its
tests are named expect_pass__* or expect_fail__*. The folder, the generic
tests and the macros they call are copied into a temporary directory and built
with one `dbt build`; every test must get the verdict its name expects.
"""

from __future__ import annotations

from pathlib import Path

from fixture_projects import build_fixture_project, copy_fixture_project

TESTS_DIR = Path(__file__).resolve().parents[1]
PROJECT_ROOT = TESTS_DIR.parent
FIXTURE_PROJECT = TESTS_DIR / "fixtures" / "marts_generic_tests"
GENERIC_TEST_NAMES = (
    "pen_within_uit_range",
    "percentage_between_0_and_100",
    "shares_sum_to_100",
    "amounts_reconcile",
    "no_personal_identifiers",
)
GENERIC_TESTS = [
    TESTS_DIR / "generic" / f"test_{name}.sql" for name in GENERIC_TEST_NAMES
]
MACROS_CALLED = sorted((PROJECT_ROOT / "macros" / "privacy").glob("*.sql"))


def fixture_test_names() -> list[str]:
    yaml_text = (FIXTURE_PROJECT / "seeds" / "_fixtures.yml").read_text()
    return [
        line.split("name:", 1)[1].strip()
        for line in yaml_text.splitlines()
        if line.strip().startswith("name: expect_")
    ]


def test_every_fixture_test_gets_the_verdict_its_name_expects(
    tmp_path: Path,
) -> None:
    statuses = build_fixture_project(
        copy_fixture_project(
            FIXTURE_PROJECT, tmp_path, [*GENERIC_TESTS, *MACROS_CALLED]
        )
    )
    assert sorted(statuses) == sorted(fixture_test_names())
    wrong = {
        name: status
        for name, status in statuses.items()
        if status != ("fail" if name.startswith("expect_fail__") else "pass")
    }
    assert not wrong, wrong


def test_every_generic_test_has_a_failing_fixture() -> None:
    yaml_lines = (FIXTURE_PROJECT / "seeds" / "_fixtures.yml").read_text().splitlines()
    failing = {
        yaml_lines[index].strip().removeprefix("- ").rstrip(":")
        for index in range(len(yaml_lines) - 1)
        if "name: expect_fail__" in yaml_lines[index + 1]
    }
    assert set(GENERIC_TEST_NAMES) <= failing, set(GENERIC_TEST_NAMES) - failing
