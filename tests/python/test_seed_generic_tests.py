"""The project's own generic tests can fail: each is run on seeds built to break it.

tests/fixtures/seed_generic_tests is a tiny dbt project whose seeds include,
for every generic test in tests/generic/test_seed_*.sql, data that must pass
and data that must fail. Its tests are named expect_pass__* or expect_fail__*.
The folder and the generic tests are copied into a temporary directory and
built with one `dbt build`; every test must get the verdict its name expects.
"""

from __future__ import annotations

from pathlib import Path

from fixture_projects import build_fixture_project, copy_fixture_project

TESTS_DIR = Path(__file__).resolve().parents[1]
FIXTURE_PROJECT = TESTS_DIR / "fixtures" / "seed_generic_tests"
GENERIC_TESTS = sorted((TESTS_DIR / "generic").glob("test_seed_*.sql"))


def test_every_generic_test_has_a_failing_fixture(tmp_path: Path) -> None:
    statuses = build_fixture_project(
        copy_fixture_project(FIXTURE_PROJECT, tmp_path, GENERIC_TESTS)
    )
    fixture_yaml = (FIXTURE_PROJECT / "seeds" / "_fixtures.yml").read_text()
    assert len(statuses) == fixture_yaml.count("name: expect_"), statuses

    expected = {
        name: "fail" if name.startswith("expect_fail__") else "pass"
        for name in statuses
    }
    wrong = {
        name: f"expected {expected[name]}, got {status}"
        for name, status in statuses.items()
        if status != expected[name]
    }
    assert not wrong, wrong

    tested = {
        path.read_text().split("{% test ", 1)[1].split("(", 1)[0].strip()
        for path in GENERIC_TESTS
    }
    failing_lines = fixture_yaml.split("\n")
    without_failing_case = {
        test_name
        for test_name in tested
        if not any(
            line.strip().startswith(f"- {test_name}:")
            and "expect_fail__" in failing_lines[index + 1]
            for index, line in enumerate(failing_lines[:-1])
        )
    }
    assert not without_failing_case, (
        f"generic tests with no expect_fail__ fixture: {sorted(without_failing_case)}"
    )
