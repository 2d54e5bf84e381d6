"""The benchmark keeps working: `bench/run.py` at scale 1, one run of each figure,
into a temporary directory, writes results.json and results.md with every
figure present and positive. Nothing here is timed against a target: the
targets are the benchmark's business (bench/results.md), not the test suite's.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pp0093 import paths

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

BENCH_SCRIPT = paths.PROJECT_ROOT / "bench" / "run.py"
SMOKE_ARGS = [
    "--scales",
    "1",
    "--runs",
    "1",
    "--bi-runs",
    "2",
    # MEF's national file, small: the step runs; `make bench` runs 5 million.
    "--mef-rows",
    "20000",
]


def positive(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0


@pytest.fixture(scope="module")
def bench_results(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Run the smoke benchmark once; its output directory."""
    work = tmp_path_factory.mktemp("bench")
    out_dir = work / "out"
    completed = subprocess.run(
        [
            sys.executable,
            str(BENCH_SCRIPT),
            *SMOKE_ARGS,
            "--cache-dir",
            str(work / "cache"),
            "--out-dir",
            str(out_dir),
        ],
        cwd=paths.PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return out_dir


def test_results_json_has_every_figure(bench_results: Path) -> None:
    results = json.loads((bench_results / "results.json").read_text())
    machine = results["machine"]
    assert positive(machine["cpu_count"])
    assert positive(machine["memory_gib"])
    assert len(machine["load_average_start"]) == 3
    [scale] = results["scales"]
    assert scale["scale"] == 1
    figures = [
        scale["raw"]["rows"],
        scale["largest_fact"]["rows"],
        scale["full_build"]["median_s"],
        scale["full_build"]["peak_rss_mib"],
        scale["floor"]["median_s"],
        scale["build_over_floor"],
        scale["overhead"]["dbt_run"]["median_s"],
        scale["overhead"]["direct"]["median_s"],
        scale["overhead"]["direct"]["models_s"],
        scale["overhead"]["overhead_ratio"],
        scale["per_node"]["nodes"],
        scale["per_node"]["overhead_ms"],
        scale["publish"]["median_s"],
        scale["make_build"]["excel_s"],
        scale["make_build"]["total_s"],
        scale["bi"]["max_p95_ms"],
    ]
    assert all(positive(figure) for figure in figures), figures
    # The incremental decision is read from the built project's manifest.
    assert scale["incremental"]["decision"] == "none"
    assert scale["incremental"]["incremental_models"] == []
    queries = scale["bi"]["queries"]
    assert any(query["query"].startswith("ind_") for query in queries)
    assert sum(not query["query"].startswith("ind_") for query in queries) >= 10
    assert all(positive(query["p95_ms"]) for query in queries)
    # At scale 1 alone, the one target set for it.
    [make_build] = results["targets"]
    assert make_build["target"] == "make build"
    assert make_build["measured"] == scale["make_build"]["total_s"]
    assert make_build["met"] is (make_build["measured"] <= make_build["limit"])
    mef = results["mef_national"]
    assert mef["mef_rows"] >= 20_000
    assert mef["programme_rows"] + mef["other_programme_rows"] == mef["mef_rows"]
    assert all(
        positive(figure)
        for figure in (
            mef["mef_rows_per_s"],
            mef["peak_mib_per_million_rows"],
            mef["national_build"]["scanning_share_pct"],
        )
    )


def test_results_md_has_the_tables(bench_results: Path) -> None:
    text = (bench_results / "results.md").read_text()
    assert "| figure | scale 1 |" in text
    assert "| scale | target |" in text
    assert "## MEF's national budget file" in text
