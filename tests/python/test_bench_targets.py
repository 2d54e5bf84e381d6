"""The issue-19 targets as bench/run.py evaluates them (no dbt run here: the
results are made up, so each target's `met` can be checked both ways)."""

from __future__ import annotations

import sys
from typing import Any

from pp0093 import paths

sys.path.insert(0, str(paths.PROJECT_ROOT / "bench"))
import run as bench


def scale_result(scale: int, build_s: float, **extra: Any) -> dict[str, Any]:
    return {
        "scale": scale,
        "full_build": {"median_s": build_s, "peak_rss_mib": 1000.0},
        "bi": {"max_p95_ms": 50.0},
        "incremental": {**bench.INCREMENTAL_DECISION, "incremental_models": []},
        **extra,
    }


def by_name(targets: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["target"].split(" (")[0].split(":")[0]: item for item in targets}


def test_every_target_of_the_issue_at_its_scale() -> None:
    targets = bench.evaluate_targets(
        [
            scale_result(1, 10.0, make_build={"total_s": 24.0}),
            scale_result(10, 30.0),
            scale_result(100, 290.0),
        ]
    )
    found = by_name(targets)
    assert set(found) == {
        "make build",
        "dbt build",
        "peak memory",
        "BI p95",
        "incremental",
        "build(100) / build(10)",
    }
    assert all(item["met"] for item in targets)
    assert found["build(100) / build(10)"]["measured"] == round(290 / 30, 2)
    assert found["make build"]["scale"] == 1
    assert found["dbt build"]["scale"] == 100


def test_a_target_over_its_limit_is_not_met() -> None:
    large = scale_result(100, 301.0)
    large["full_build"]["peak_rss_mib"] = 5000.0
    large["bi"]["max_p95_ms"] = 201.0
    found = by_name(
        bench.evaluate_targets(
            [
                scale_result(1, 10.0, make_build={"total_s": 25.5}),
                scale_result(10, 30.0),
                large,
            ]
        )
    )
    assert not found["make build"]["met"]
    assert not found["dbt build"]["met"]
    assert not found["peak memory"]["met"]
    assert not found["BI p95"]["met"]
    assert not found["build(100) / build(10)"]["met"]  # 301 / 30 > 10
    assert found["incremental"]["met"]


def test_the_incremental_decision_fails_when_a_model_is_incremental() -> None:
    large = scale_result(100, 200.0)
    large["incremental"]["incremental_models"] = ["fct_service_deliveries"]
    [item] = [
        target
        for target in bench.evaluate_targets([large])
        if target["target"].startswith("incremental")
    ]
    assert item["met"] is False
    assert "0.93" in item["reason"]
