"""The semantic layer (MetricFlow) validates and agrees with the report.

`mf validate-configs` must be clean, semantics and data warehouse checks alike,
against the session build. Then every metric that names report figures
(`meta.report_figures` in models/marts/<area>/_<area>__semantic.yml) is queried
with `mf query`, by programme year and the figure's dimension, and each value
must equal the computed value of every matching row of `rpt_report_figures`
(all years the report has, 2024 and 2023): the semantic layer and the report
may never disagree.

`mf` reads `<project>/target/semantic_manifest.json` and ignores dbt's
--target-path, so it runs in a mirror of the project (symlinks to the
repository's files) whose target/ holds the session build's artifacts; its
profile points at the session's database. Nothing is written to the
repository's target/ or logs/.
"""

from __future__ import annotations

import csv
import json
import math
import re
import shutil
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

from pp0093 import paths
from pp0093.dbt_runner import BIN_DIR, DbtSandbox

REPORT_MODEL = "marts.rpt_report_figures"
YEAR_COLUMN = "metric_time__year"
# Left out of the mirror: build outputs and environments.
NOT_MIRRORED = {"target", "logs", "dist", "test-output", "data", ".git"}
# Nothing listens on the discard port.
DEAD_PROXY = "http://127.0.0.1:9"
# rpt_report_figures keeps computed values as decimal(28, 6).
TOLERANCE = 1e-5

Key = tuple[str, int, str]  # report metric, programme year, dimension value


@dataclass(frozen=True)
class FigureSpec:
    """One `meta.report_figures` entry of a semantic-layer metric."""

    semantic_metric: str
    report_metric: str
    group_by: str | None
    dimension_value: str


@dataclass(frozen=True)
class MetricFlow:
    root: Path
    environment: dict[str, str]

    def run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(BIN_DIR / "mf"), *args],
            cwd=self.root,
            env=self.environment,
            capture_output=True,
            text=True,
            check=False,
        )


def mirror_project(root: Path, target_path: Path) -> None:
    """A dbt project at `root` that is the repository's, with `target_path`'s
    manifests as its target/."""
    for entry in paths.PROJECT_ROOT.iterdir():
        if entry.name not in NOT_MIRRORED and not entry.name.startswith(".venv"):
            (root / entry.name).symlink_to(entry)
    (root / "target").mkdir()
    for artifact in ("manifest.json", "semantic_manifest.json"):
        shutil.copyfile(target_path / artifact, root / "target" / artifact)


def figure_specs(semantic_manifest: dict) -> list[FigureSpec]:
    specs = []
    for metric in semantic_manifest["metrics"]:
        meta = (metric.get("config") or {}).get("meta") or {}
        for entry in meta.get("report_figures", []):
            specs.append(
                FigureSpec(
                    semantic_metric=metric["name"],
                    report_metric=entry["metric"],
                    group_by=entry.get("group_by"),
                    dimension_value=str(entry.get("dimension_value", "")),
                )
            )
    return specs


def parse_number(text: str) -> float | None:
    return float(text) if text.strip() else None


def read_query_csv(path: Path, group_by: str | None) -> list[dict]:
    """mf query's CSV rows as {year, dimension_value, <metric>: value}."""
    rows = []
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            parsed = {
                "year": int(row.pop(YEAR_COLUMN)[:4]),
                "dimension_value": row.pop(group_by) if group_by else None,
            }
            parsed.update({name: parse_number(value) for name, value in row.items()})
            rows.append(parsed)
    return rows


def semantic_values(specs: list[FigureSpec], results: dict) -> dict[Key, float]:
    """The semantic layer's value for each (report metric, year, dimension
    value); `results` maps a group-by (None: none) to its query's rows."""
    values: dict[Key, float] = {}
    for spec in specs:
        for row in results[spec.group_by]:
            value = row.get(spec.semantic_metric)
            if value is None:
                continue
            dimension = row["dimension_value"] if spec.group_by else None
            key = (spec.report_metric, row["year"], dimension or spec.dimension_value)
            values[key] = value
    return values


def disagreements(
    figures: list[tuple[str, int, str | None, float]], values: dict[Key, float]
) -> list[str]:
    """Report figures whose computed value the semantic layer does not give."""
    problems = []
    for metric, year, dimension, computed in figures:
        key = (metric, year, dimension or "")
        found = values.get(key)
        if found is None:
            problems.append(f"{key}: report computes {computed}, mf gives nothing")
        elif not math.isclose(found, computed, rel_tol=0, abs_tol=TOLERANCE):
            problems.append(f"{key}: report computes {computed}, mf gives {found}")
    return problems


@pytest.fixture(scope="module")
def metricflow(
    dbt_build: DbtSandbox, tmp_path_factory: pytest.TempPathFactory
) -> MetricFlow:
    root = tmp_path_factory.mktemp("mf-project")
    mirror_project(root, dbt_build.target_path)
    environment = dbt_build.environment()
    environment.update(
        {
            "DBT_PROJECT_DIR": str(root),
            "DBT_LOG_PATH": str(root / "logs"),
            # mf asks pypi.org whether a newer MetricFlow exists on every
            # run (1 s timeout, failures ignored); a dead proxy makes that
            # fail at once, so the tests send nothing off the machine.
            "HTTPS_PROXY": DEAD_PROXY,
            "HTTP_PROXY": DEAD_PROXY,
            "NO_PROXY": "127.0.0.1,localhost",
        }
    )
    return MetricFlow(root=root, environment=environment)


@pytest.fixture(scope="module")
def specs(semantic_manifest: dict) -> list[FigureSpec]:
    return figure_specs(semantic_manifest)


@pytest.fixture(scope="module")
def query_results(metricflow: MetricFlow, specs: list[FigureSpec]) -> dict:
    """One `mf query` per group-by, with every metric that needs it."""
    metrics_by_group: dict[str | None, set[str]] = defaultdict(set)
    for spec in specs:
        metrics_by_group[spec.group_by].add(spec.semantic_metric)
    results = {}
    for index, (group_by, metrics) in enumerate(
        sorted(metrics_by_group.items(), key=str)
    ):
        out = metricflow.root / f"query-{index}.csv"
        group = ",".join([YEAR_COLUMN, *([group_by] if group_by else [])])
        completed = metricflow.run(
            "query",
            "--metrics",
            ",".join(sorted(metrics)),
            "--group-by",
            group,
            "--csv",
            str(out),
        )
        assert completed.returncode == 0 and out.is_file(), (
            f"mf query {sorted(metrics)} by {group} failed:\n"
            f"{completed.stdout}{completed.stderr}"
        )
        results[group_by] = read_query_csv(out, group_by)
    return results


@pytest.mark.slow
def test_mf_validate_configs_is_clean(metricflow: MetricFlow) -> None:
    completed = metricflow.run("validate-configs")
    output = completed.stdout + completed.stderr
    counts = re.findall(r"ERRORS: (\d+), FUTURE_ERRORS: (\d+), WARNINGS: (\d+)", output)
    assert completed.returncode == 0, output
    # Semantics, then the data warehouse checks (semantic models, dimensions,
    # entities, measures, metrics) all ran and found nothing.
    assert len(counts) >= 6, output
    assert all(count == ("0", "0", "0") for count in counts), output


@pytest.fixture(scope="module")
def semantic_manifest(metricflow: MetricFlow) -> dict:
    path = metricflow.root / "target" / "semantic_manifest.json"
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_every_metric_answers_by_year(
    metricflow: MetricFlow, semantic_manifest: dict
) -> None:
    """All metrics in one query, by programme year: each has a value in some
    year (the ones the report does not publish included)."""
    names = sorted(metric["name"] for metric in semantic_manifest["metrics"])
    out = metricflow.root / "all-metrics.csv"
    completed = metricflow.run(
        "query",
        "--metrics",
        ",".join(names),
        "--group-by",
        YEAR_COLUMN,
        "--csv",
        str(out),
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    rows = read_query_csv(out, None)
    empty = [name for name in names if all(row[name] is None for row in rows)]
    assert rows and empty == []


@pytest.mark.slow
def test_every_saved_query_runs(
    metricflow: MetricFlow, semantic_manifest: dict
) -> None:
    names = sorted(query["name"] for query in semantic_manifest["saved_queries"])
    assert names, "no saved query"
    failed = {}
    for name in names:
        out = metricflow.root / f"saved-{name}.csv"
        completed = metricflow.run("query", "--saved-query", name, "--csv", str(out))
        if completed.returncode != 0 or not out.is_file():
            failed[name] = completed.stdout + completed.stderr
        elif len(out.read_text(encoding="utf-8").splitlines()) < 2:
            failed[name] = "no rows"
    assert failed == {}


@pytest.mark.slow
def test_every_report_measure_has_a_metric(specs: list[FigureSpec]) -> None:
    """The measures the issue names: firms served, targeted share, firms per
    service line and activity, budget execution, physical achievement, the
    performance indicators and year-over-year changes."""
    required = {
        "firms_served",
        "targeted_pct",
        "trained_firms",
        "dissemination_firms",
        "tech_transfer_firms",
        "market_access_firms",
        "activity_progress",
        "execution_pct",
        "product_achievement_pct",
        "activity_achievement_pct",
        "indicator_value",
        "firms_served_change_pct",
        "targeted_change_pp",
        "product_firms_change_pct",
    }
    assert required - {spec.report_metric for spec in specs} == set()


@pytest.mark.slow
def test_the_semantic_layer_agrees_with_the_report(
    dbt_build: DbtSandbox, specs: list[FigureSpec], query_results: dict
) -> None:
    report_metrics = sorted({spec.report_metric for spec in specs})
    figures = dbt_build.query(
        f"select metric, program_year, dimension_value, "
        f"cast(computed_value as double) from {REPORT_MODEL} "
        f"where computed_value is not null and metric in "
        f"({', '.join('?' for _ in report_metrics)})",
        report_metrics,
    )
    values = semantic_values(specs, query_results)
    assert disagreements(figures, values) == []
    # Every metric is checked against at least one figure, in every year the
    # report has one for it.
    checked = {metric for metric, *_ in figures}
    assert set(report_metrics) - checked == set()


# The comparison itself, without mf.


def test_a_differing_or_missing_value_is_a_disagreement() -> None:
    figures = [
        ("firms_served", 2024, None, 100.0),
        ("execution_pct", 2024, "1", 99.5),
        ("execution_pct", 2024, "total", 98.0),
    ]
    values = {
        ("firms_served", 2024, ""): 100.0,
        ("execution_pct", 2024, "1"): 99.4,
    }
    problems = disagreements(figures, values)
    assert len(problems) == 2
    assert "99.4" in problems[0]
    assert "gives nothing" in problems[1]


def test_group_by_values_become_dimension_values(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text(
        "metric_time__year,budget_execution__product_code,pim_pen\n"
        "2024-01-01 00:00:00,1,10.5\n"
        "2023-01-01 00:00:00,1,\n"
    )
    rows = read_query_csv(path, "budget_execution__product_code")
    specs = [
        FigureSpec("pim_pen", "pim_pen", "budget_execution__product_code", ""),
    ]
    values = semantic_values(specs, {"budget_execution__product_code": rows})
    assert values == {("pim_pen", 2024, "1"): 10.5}
