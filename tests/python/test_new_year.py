"""A new programme year is raw files and seed rows only (docs/new-year.md).

One build, shared by every test here: a checkout of the project (a copy of its
dbt files) in which only `seeds/` differs from the repository, built from raw
data the generator writes for 2023, 2024 and 2025 (2025 is a synthetic year,
drawn from 2024 with drift). The checkout's seeds gain the 2025 indicator
targets, the row a data engineer enters when the year's files arrive; no
published figure of 2025 is entered, so its report counts as not published.
"""

from __future__ import annotations

import csv
import filecmp
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from pp0093 import paths
from pp0093.dbt_runner import BIN_DIR, DbtSandbox

NEW_YEAR = 2025
YEARS = ("2023", "2024", str(NEW_YEAR))
# what a checkout holds for dbt: the repository's dbt project
PROJECT_FILES = ("dbt_project.yml", "profiles.yml", "selectors.yml", ".dbtignore")
PROJECT_DIRS = ("models", "macros", "seeds", "tests", "analyses")
# where a new year may differ from the repository
DATA_DIRS = ("seeds",)
INDICATOR_TARGETS = "seeds/performance_indicator_years.csv"


@dataclass(frozen=True)
class NewYearBuild:
    checkout: Path
    sandbox: DbtSandbox
    targets: dict[str, str]  # indicator code -> 2025 target entered in the seed

    def query(self, sql: str) -> list[tuple]:
        return self.sandbox.query(sql)


def copy_checkout(destination: Path) -> Path:
    """The repository's dbt project, copied (tests/python left out)."""
    destination.mkdir(parents=True)
    for name in PROJECT_FILES:
        shutil.copy2(paths.PROJECT_ROOT / name, destination / name)
    for name in PROJECT_DIRS:
        source = paths.PROJECT_ROOT / name
        if source.exists():
            shutil.copytree(
                source,
                destination / name,
                ignore=shutil.ignore_patterns("__pycache__", "python"),
            )
    return destination


def add_indicator_targets(checkout: Path) -> dict[str, str]:
    """2025 rows in the indicator targets seed: a target per indicator only."""
    path = checkout / INDICATOR_TARGETS
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    targets = {}
    with path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        for number, row in enumerate(rows):
            target = f"{10 + number * 7}.5"
            targets[row["indicator_code"]] = target
            writer.writerow(
                {
                    "indicator_code": row["indicator_code"],
                    "program_year": NEW_YEAR,
                    "report_edition": "",
                    "published_value_pct": "",
                    "target_pct": target,
                    "is_new_in_year": "false",
                    "report_location": "",
                }
            )
    return targets


def differing_files(checkout: Path) -> list[str]:
    """Files of the checkout that differ from (or are missing in) the repository."""
    differ = []
    for path in sorted(p for p in checkout.rglob("*") if p.is_file()):
        relative = path.relative_to(checkout)
        original = paths.PROJECT_ROOT / relative
        if not original.is_file() or not filecmp.cmp(path, original, shallow=False):
            differ.append(str(relative))
    return differ


@pytest.fixture(scope="module")
def new_year(tmp_path_factory: pytest.TempPathFactory) -> NewYearBuild:
    root = tmp_path_factory.mktemp("new-year")
    raw = root / "raw"
    command = [str(BIN_DIR / "pp0093"), "generate", "--years", "2023-2025"]
    command += ["--out", str(raw)]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr
    checkout = copy_checkout((root / "checkout").resolve())
    targets = add_indicator_targets(checkout)
    sandbox = DbtSandbox.in_directory(root / "dbt", raw, project_dir=checkout)
    sandbox.run_dbt(["build"])  # fails the fixture on any error or failing test
    return NewYearBuild(checkout, sandbox, targets)


def test_only_seeds_differ_from_the_repository(new_year: NewYearBuild) -> None:
    differ = differing_files(new_year.checkout)
    assert differ == [INDICATOR_TARGETS]
    assert all(path.split("/")[0] in DATA_DIRS for path in differ)


def yearly_marts(build: NewYearBuild) -> list[str]:
    rows = build.query(
        "select table_name from information_schema.columns "
        "where table_schema = 'marts' and column_name = 'program_year' "
        "and (table_name like 'ind\\_%' escape '\\' "
        "or table_name like 'fct\\_%' escape '\\') order by table_name"
    )
    return [name for (name,) in rows]


def test_every_indicator_table_and_fact_has_the_new_year(
    new_year: NewYearBuild,
) -> None:
    marts = new_year.query(
        "select table_name from information_schema.tables where table_schema = "
        "'marts' and (table_name like 'ind\\_%' escape '\\' "
        "or table_name like 'fct\\_%' escape '\\') order by table_name"
    )
    yearly = yearly_marts(new_year)
    assert [name for (name,) in marts] == yearly  # every one has program_year
    assert len(yearly) >= 10
    without = [
        name
        for name in yearly
        if new_year.query(
            f"select count(*) from marts.{name} where program_year = {NEW_YEAR}"
        )[0][0]
        == 0
    ]
    assert without == []


def test_year_over_year_compares_the_new_year_with_the_one_before(
    new_year: NewYearBuild,
) -> None:
    pairs = new_year.query(
        "select program_year, previous_program_year, count(*) "
        "from marts.ind_year_over_year group by all order by all"
    )
    assert [(y, p) for y, p, _ in pairs] == [(2024, 2023), (NEW_YEAR, 2024)]
    assert all(count > 0 for _, _, count in pairs)
    changed = new_year.query(
        "select count(*) from marts.ind_year_over_year "
        f"where program_year = {NEW_YEAR} and difference <> 0 "
        "and metric = 'firms_served'"
    )
    assert changed == [(1,)]  # the drift moves the new year's figures


def test_the_report_year_still_reproduces_and_the_new_year_is_not_published(
    new_year: NewYearBuild,
) -> None:
    statuses = {
        (year, status): count
        for year, status, count in new_year.query(
            "select program_year, status, count(*) "
            "from marts.rpt_report_figures group by all"
        )
    }
    assert statuses.get((2024, "match"), 0) > 0
    assert statuses.get((2024, "mismatch"), 0) == 0
    new_statuses = {status for (year, status) in statuses if year == NEW_YEAR}
    assert new_statuses == {"not_published"}
    computed = new_year.query(
        "select count(*), count(computed_value), count(published_value) "
        f"from marts.rpt_report_figures where program_year = {NEW_YEAR}"
    )
    count, with_value, with_published = computed[0]
    assert count > 100 and with_value == count and with_published == 0


def test_indicator_targets_of_the_new_year_come_from_the_seed_rows(
    new_year: NewYearBuild,
) -> None:
    rows = new_year.query(
        "select indicator_code, target_pct, value_pct, is_computable "
        f"from marts.ind_performance_indicators where program_year = {NEW_YEAR}"
    )
    assert {code: f"{target:.1f}" for code, target, _, _ in rows} == new_year.targets
    assert all(value is not None for _, _, value, computable in rows if computable)


def test_the_report_of_the_new_year_is_generated(
    new_year: NewYearBuild, tmp_path: Path
) -> None:
    """`pp0093 report` works for a year with no published report: its
    figures come from the records and the text says nothing is published."""
    completed = subprocess.run(
        [
            str(BIN_DIR / "pp0093"),
            "report",
            "--year",
            str(NEW_YEAR),
            "--db",
            str(new_year.sandbox.db_path),
            "--out",
            str(tmp_path),
            "--no-pdf",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    html = (tmp_path / f"informe_pp0093_{NEW_YEAR}.html").read_text(encoding="utf-8")
    firms = new_year.query(
        "select computed_value from marts.rpt_report_figures "
        f"where program_year = {NEW_YEAR} and metric = 'firms_served'"
    )
    assert f"{int(firms[0][0]):,}" in html
    year = f'<span class="cod">{NEW_YEAR}</span>'
    assert f"Evaluación del año {year}" in html
    assert f"No hay cifras publicadas registradas para el informe {year}" in html
