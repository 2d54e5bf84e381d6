"""`pp0093 build`: the steps of `make build` after the raw data, in one process.

check-raw, `dbt build`, publish, excel and docs (the docs site and the DAG
rules), in that order; the first step that fails stops the build with its own
message and exit code, as make stopped. Run as separate commands, each step
started Python again, and dbt's own start-up (importing dbt and the DuckDB
adapter, about 1.4 s) was paid twice, by `dbt build` and `dbt docs generate`.
Here dbt runs through dbtRunner, its programmatic entry point, twice in one
process (#19). Each step is the same code as its own command (`pp0093
check-raw`, `dbt build`, `pp0093 publish`, `pp0093 excel`, `pp0093 docs`),
called through the CLI's entry point.

It holds the build lock (pp0093.buildlock) throughout. Each step's wall time
is written to <dbt target>/build_steps.json; the
benchmark reads it for the breakdown of `make build`.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from pp0093 import cli, paths
from pp0093.buildlock import BUSY_EXIT_CODE, BuildBusy, build_lock
from pp0093.dbt_runner import invoke_dbt
from pp0093.publish import default_target_dir

TIMINGS_FILE = "build_steps.json"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--raw-dir",
        type=Path,
        default=None,
        help="the raw feeds (default: PP0093_RAW_DIR or data/raw)",
    )
    parser.add_argument(
        "--dist-dir",
        type=Path,
        default=None,
        help="where the published copy, workbooks and docs go (default: dist)",
    )


def steps(args: argparse.Namespace) -> list[tuple[str, Callable[[], int]]]:
    raw_dir = args.raw_dir or paths.raw_dir()
    dist = ["--dist-dir", str(args.dist_dir)] if args.dist_dir else []

    def check_raw() -> int:
        if not raw_dir.is_dir():
            print(f"check-raw: no {raw_dir}, nothing to check")
            return 0
        return cli.main(["check-raw", "--raw-dir", str(raw_dir)])

    return [
        ("check-raw", check_raw),
        ("dbt build", lambda: invoke_dbt(["build"])),
        ("publish", lambda: cli.main(["publish", *dist, "--raw-dir", str(raw_dir)])),
        ("excel", lambda: cli.main(["excel", *dist])),
        ("docs", lambda: cli.main(["docs", *dist])),
    ]


def run(args: argparse.Namespace) -> int:
    """Every step under the build lock (taken here when `make build` has not
    taken it already): a second build stops at once, changing nothing."""
    try:
        with build_lock():
            return run_steps(args)
    except BuildBusy as busy:
        print(f"build: {busy}", file=sys.stderr)
        return BUSY_EXIT_CODE


def run_steps(args: argparse.Namespace) -> int:
    timings: dict[str, float] = {}
    code = 0
    for name, step in steps(args):
        started = time.perf_counter()
        code = step()
        timings[name] = round(time.perf_counter() - started, 2)
        if code != 0:
            print(f"build: {name} failed (exit {code}); the later steps did not run")
            break
    target_dir = default_target_dir()
    target_dir.mkdir(parents=True, exist_ok=True)
    (target_dir / TIMINGS_FILE).write_text(
        json.dumps(
            {"steps_s": timings, "total_s": round(sum(timings.values()), 2)}, indent=2
        )
        + "\n"
    )
    return code
