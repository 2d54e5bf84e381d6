"""`pp0093 build` runs make build's steps in order in one process and stops at
the first that fails, as make did. The steps themselves are stood in for here;
the benchmark's smoke test (test_bench_smoke.py) runs the real command on
generated data."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from pp0093 import build, buildlock

STEPS = ["check-raw", "dbt build", "publish", "excel", "docs"]


class Steps:
    """Stands in for the steps: records each one run; the step named
    `failing` fails (dbt with 1, a pp0093 command with 3)."""

    def __init__(self) -> None:
        self.ran: list[str] = []
        self.failing: str | None = None

    def cli_main(self, argv: list[str]) -> int:
        self.ran.append(argv[0])
        return 3 if argv[0] == self.failing else 0

    def invoke_dbt(self, args: list[str]) -> int:
        self.ran.append("dbt " + args[0])
        return 1 if self.failing == "dbt build" else 0


@pytest.fixture
def steps(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Steps:
    stand_in = Steps()
    monkeypatch.setenv("DBT_TARGET_PATH", str(tmp_path / "target"))
    monkeypatch.setattr(build.cli, "main", stand_in.cli_main)
    monkeypatch.setattr(build, "invoke_dbt", stand_in.invoke_dbt)
    return stand_in


def arguments(tmp_path: Path) -> argparse.Namespace:
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    return argparse.Namespace(raw_dir=raw, dist_dir=tmp_path / "dist")


def timings(tmp_path: Path) -> dict:
    return json.loads((tmp_path / "target" / build.TIMINGS_FILE).read_text())


def test_every_step_runs_in_order_and_is_timed(steps: Steps, tmp_path: Path) -> None:
    assert build.run(arguments(tmp_path)) == 0
    assert steps.ran == ["check-raw", "dbt build", "publish", "excel", "docs"]
    written = timings(tmp_path)
    assert list(written["steps_s"]) == STEPS
    assert written["total_s"] == round(sum(written["steps_s"].values()), 2)


@pytest.mark.parametrize(
    ("failing", "code", "ran"),
    [("dbt build", 1, 2), ("publish", 3, 3), ("docs", 3, 5)],
)
def test_a_failing_step_stops_the_build_with_its_exit_code(
    steps: Steps, tmp_path: Path, failing: str, code: int, ran: int
) -> None:
    steps.failing = failing
    assert build.run(arguments(tmp_path)) == code
    assert len(steps.ran) == ran
    assert list(timings(tmp_path)["steps_s"]) == STEPS[:ran]


def test_without_raw_data_check_raw_says_so_and_the_build_goes_on(
    steps: Steps, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = argparse.Namespace(raw_dir=tmp_path / "none", dist_dir=None)
    assert build.run(args) == 0
    assert steps.ran[0] == "dbt build"
    assert "nothing to check" in capsys.readouterr().out


def test_a_second_build_stops_at_once_while_one_holds_the_lock(
    steps: Steps, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PP0093_DB_PATH", str(tmp_path / "build.duckdb"))
    monkeypatch.delenv(buildlock.LOCK_ENV, raising=False)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pp0093.buildlock import build_lock\n"
            "with build_lock():\n"
            "    print('held', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        assert build.run(arguments(tmp_path)) == buildlock.BUSY_EXIT_CODE
        assert steps.ran == []
    finally:
        holder.kill()
        holder.wait()
