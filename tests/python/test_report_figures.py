"""The report, figure by figure: rpt_report_figures after the session build.

Every figure of seeds/published_figures.csv must be in rpt_report_figures and
none may be a `mismatch` (the other rows are `not_published`: values computed
for a year whose report is not entered, 2023 in the default data). A second,
slow test regenerates the raw data with another generator seed, builds it into
a database of its own and checks that every figure that matched still
matches: the indicator views compute from the rows, not from the published
values.
"""

from __future__ import annotations

import csv
import subprocess
from pathlib import Path

import pytest

from pp0093 import paths
from pp0093.dbt_runner import BIN_DIR, DbtSandbox

PUBLISHED_FIGURES = paths.PROJECT_ROOT / "seeds" / "published_figures.csv"
REPORT_MODEL = "marts.rpt_report_figures"
# Any seed other than the default (paths.DEFAULT_SEED) will do.
OTHER_GENERATOR_SEED = 7


def published_figure_ids() -> set[str]:
    with PUBLISHED_FIGURES.open(encoding="utf-8", newline="") as handle:
        return {row["figure_id"] for row in csv.DictReader(handle)}


def figure_statuses(build: DbtSandbox) -> dict[str, str]:
    rows = build.query(f"select figure_id, status from {REPORT_MODEL}")
    return dict(rows)


def describe_figures(build: DbtSandbox, figure_ids: list[str]) -> str:
    """One line per figure: published and computed values, status, reason."""
    rows = build.query(
        "select figure_id, published_value, computed_value, status, status_reason "
        f"from {REPORT_MODEL} where list_contains(?, figure_id) order by figure_id",
        [figure_ids],
    )
    return "\n".join(
        f"  {figure_id}: published {published}, computed {computed} "
        f"-> {status} ({reason})"
        for figure_id, published, computed, status, reason in rows
    )


def generate_raw_data(out_dir: Path, seed: int) -> None:
    """`pp0093 generate` with the default years and scale and the given seed."""
    command = [
        str(BIN_DIR / "pp0093"),
        "generate",
        "--years",
        *(str(year) for year in paths.DEFAULT_YEARS),
        "--scale",
        str(paths.DEFAULT_SCALE),
        "--seed",
        str(seed),
        "--out",
        str(out_dir),
    ]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    assert completed.returncode == 0 and paths.raw_data_is_complete(out_dir), (
        f"{' '.join(command)} exited {completed.returncode}:\n"
        f"{completed.stdout}{completed.stderr}"
    )


def test_every_published_figure_is_reported(dbt_build: DbtSandbox) -> None:
    # not_published rows are computed figures of years without an entered report
    reported = {
        figure_id
        for figure_id, status in figure_statuses(dbt_build).items()
        if status != "not_published"
    }
    expected = published_figure_ids()
    assert sorted(expected - reported) == [], "published figures missing"
    assert sorted(reported - expected) == [], "figures not in the seed"


def test_no_published_figure_mismatches(dbt_build: DbtSandbox) -> None:
    statuses = figure_statuses(dbt_build)
    mismatches = sorted(f for f, status in statuses.items() if status == "mismatch")
    if mismatches:
        print(f"{len(mismatches)} mismatching figures:")
        print(describe_figures(dbt_build, mismatches))
    assert mismatches == []


def test_every_not_computable_figure_says_why(dbt_build: DbtSandbox) -> None:
    rows = dbt_build.query(
        f"select figure_id from {REPORT_MODEL} "
        "where status = 'not_computable' and coalesce(status_reason, '') = ''"
    )
    assert rows == []


@pytest.mark.slow
def test_matches_survive_another_generator_seed(
    dbt_build: DbtSandbox, tmp_path: Path
) -> None:
    raw_dir = tmp_path / "raw"
    generate_raw_data(raw_dir, OTHER_GENERATOR_SEED)
    sandbox = DbtSandbox.in_directory(tmp_path / "dbt", raw_dir)
    # Seeds and models only: the figures are compared here, test by test.
    sandbox.run_dbt(
        [
            "build",
            "--select",
            "+rpt_report_figures",
            "--resource-type",
            "seed",
            "--resource-type",
            "model",
        ]
    )
    default_statuses = figure_statuses(dbt_build)
    other_statuses = figure_statuses(sandbox)
    lost = sorted(
        figure_id
        for figure_id, status in default_statuses.items()
        if status == "match" and other_statuses.get(figure_id) != "match"
    )
    if lost:
        print(f"matches lost with --seed {OTHER_GENERATOR_SEED}:")
        print(describe_figures(sandbox, lost))
    assert lost == []
