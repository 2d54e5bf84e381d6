"""`make bench`, MEF's national file: the build with a national-size budget file.

MEF publishes one budget execution CSV a year for the whole country (millions of
rows); the warehouse keeps PP 0093's few thousand. This step generates the
default data set (2023 and 2024, scale 1) with enough other programmes' rows
around PP 0093's (`pp0093 generate --mef-other-ratio`) for a national file of at
least --mef-rows rows, builds it from an empty database (the report's figures
must still come out: the comparison with the report stays on) and reports:

- the build's wall time and peak memory against the default build (same data,
  default ratio) measured the same way, and the extra seconds and MiB the
  national file costs;
- MEF rows per second: national rows / seconds of the dbt nodes that scan the
  national file (base_mef__file_rows, base_mef__budget_execution: reading,
  filtering, numbering and validating), and the peak memory per million MEF
  rows. (The build's extra seconds over the default build are reported too,
  but on a shared machine two builds minutes apart differ by more than the
  national file costs, so the rate is taken from the nodes' own times.)
- the dbt nodes that scan the national file (base_mef__*, the reconciliation
  test), their seconds and their share of the build: reading and filtering must
  not dominate it;
- `pp0093 check-raw` on the national file (it reads every field once).
"""

from __future__ import annotations

import json
import math
import os
import time
from pathlib import Path
from typing import Any

from measure import measure

from pp0093 import paths
from pp0093.dbt_runner import BIN_DIR, DbtSandbox

YEARS = (2023, 2024)
SEED = 93
DEFAULT_ROWS = 5_000_000
MEF_FILE_GLOB = "mef_gasto/*/*.csv"
# dbt nodes that read the national file itself (the others read its 0093 rows).
SCANNING_NODES = ("base_mef__budget_execution", "base_mef__file_rows")
RECONCILE_TEST = "rows_reconcile_stg_mef__budget_execution"


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def generate(raw_dir: Path, ratio: float) -> None:
    manifest = raw_dir / paths.MANIFEST_NAME
    if manifest.is_file():
        arguments = json.loads(manifest.read_text())["arguments"]
        if arguments.get("mef_other_ratio", 2.0) == ratio:
            log(f"mef: raw data cached in {raw_dir}")
            return
    log(f"mef: generating raw data (--mef-other-ratio {ratio:g}) into {raw_dir}")
    command = [
        str(BIN_DIR / "pp0093"),
        "generate",
        "--years",
        *(str(year) for year in YEARS),
        "--seed",
        str(SEED),
        "--mef-other-ratio",
        f"{ratio:g}",
        "--out",
        str(raw_dir),
    ]
    measure(command, os.environ, paths.PROJECT_ROOT)


def mef_rows(raw_dir: Path) -> tuple[int, int]:
    """(rows of the MEF files, of which other programmes'), from the manifest."""
    files = json.loads((raw_dir / paths.MANIFEST_NAME).read_text())["files"]
    mef = [f for f in files if f["path"].startswith("mef_gasto/")]
    rows = sum(f["rows"] for f in mef)
    others = sum(f["dirt"].get("other_programme_rows", 0) for f in mef)
    return rows, others


def ratio_for(target_rows: int, programme_rows: int) -> float:
    """The --mef-other-ratio that makes a national file of >= target_rows rows."""
    return float(math.ceil((target_rows - programme_rows) / programme_rows))


def build(sandbox: DbtSandbox) -> dict[str, Any]:
    for candidate in (sandbox.db_path, Path(str(sandbox.db_path) + ".wal")):
        candidate.unlink(missing_ok=True)
    command = [
        str(BIN_DIR / "dbt"),
        "build",
        "--target-path",
        str(sandbox.target_path),
    ]
    env = sandbox.environment()
    env["PP0093_COMPARE_WITH_REPORT"] = "true"
    measured = measure(command, env, paths.PROJECT_ROOT)
    results = json.loads((sandbox.target_path / "run_results.json").read_text())
    nodes = {
        r["unique_id"].split(".")[2]: r["execution_time"] for r in results["results"]
    }
    scanning = {name: round(nodes.get(name, 0.0), 2) for name in SCANNING_NODES}
    scanning.update(
        {
            name: round(seconds, 2)
            for name, seconds in nodes.items()
            if name.startswith(RECONCILE_TEST)
        }
    )
    thread_s = sum(nodes.values())
    return {
        "wall_s": round(measured.wall_s, 2),
        "peak_rss_mib": round(measured.peak_rss_mib, 1),
        "node_seconds": round(thread_s, 2),
        "scanning_nodes_s": scanning,
        "scanning_share_pct": round(100 * sum(scanning.values()) / thread_s, 1),
    }


def check_raw(raw_dir: Path) -> float:
    measured = measure(
        [str(BIN_DIR / "pp0093"), "check-raw", "--raw-dir", str(raw_dir)],
        os.environ,
        paths.PROJECT_ROOT,
    )
    return round(measured.wall_s, 2)


def bench_mef_national(cache_dir: Path, target_rows: int) -> dict[str, Any]:
    """The national-file figures (see the module docstring)."""
    base_dir = cache_dir / "mef-default"
    generate(base_dir / "raw", 2.0)
    rows, others = mef_rows(base_dir / "raw")
    programme_rows = rows - others
    ratio = ratio_for(target_rows, programme_rows)
    national_dir = cache_dir / "mef-national"
    generate(national_dir / "raw", ratio)
    national_rows, national_others = mef_rows(national_dir / "raw")
    log(f"mef: default build ({rows:,} MEF rows)")
    default = build(DbtSandbox.in_directory(base_dir / "build", base_dir / "raw"))
    log(f"mef: national build ({national_rows:,} MEF rows)")
    national = build(
        DbtSandbox.in_directory(national_dir / "build", national_dir / "raw")
    )
    log("mef: check-raw on the national file")
    check_raw_s = check_raw(national_dir / "raw")
    extra_s = national["wall_s"] - default["wall_s"]
    scanning_s = max(sum(national["scanning_nodes_s"].values()), 0.01)
    millions = national_rows / 1e6
    size = sum(p.stat().st_size for p in (national_dir / "raw").glob(MEF_FILE_GLOB))
    result = {
        "mef_rows": national_rows,
        "programme_rows": national_rows - national_others,
        "other_programme_rows": national_others,
        "mef_file_mb": round(size / 1e6, 1),
        "mef_other_ratio": ratio,
        "default_build": default,
        "national_build": national,
        "extra_build_s": round(extra_s, 2),
        "scanning_s": round(scanning_s, 2),
        "mef_rows_per_s": round(national_rows / scanning_s),
        "peak_mib_per_million_rows": round(national["peak_rss_mib"] / millions, 1),
        "extra_peak_mib_per_million_rows": round(
            (national["peak_rss_mib"] - default["peak_rss_mib"]) / millions, 1
        ),
        "check_raw_s": check_raw_s,
    }
    log(
        f"mef: {national_rows:,} rows; build {national['wall_s']} s vs "
        f"{default['wall_s']} s; {result['mef_rows_per_s']:,} rows/s; peak "
        f"{national['peak_rss_mib']} MiB "
        f"({result['peak_mib_per_million_rows']} MiB per million rows); scanning "
        f"nodes {national['scanning_share_pct']} % of node time"
    )
    return result


def markdown(result: dict[str, Any]) -> list[str]:
    """The national-file section of bench/results.md."""
    national = result["national_build"]
    default = result["default_build"]
    scans = ", ".join(f"{k} {v} s" for k, v in national["scanning_nodes_s"].items())
    return [
        "## MEF's national budget file",
        "",
        f"The default data set with a national-size MEF file: "
        f"{result['mef_rows']:,} rows ({result['mef_file_mb']:,} MB), of which "
        f"{result['programme_rows']:,} are PP 0093's and "
        f"{result['other_programme_rows']:,} other programmes' "
        f"(`--mef-other-ratio {result['mef_other_ratio']:g}`). The report's "
        "figures are reproduced from it (the comparison with the report is on).",
        "",
        "| figure | default MEF file | national MEF file |",
        "| --- | ---: | ---: |",
        f"| `dbt build`, empty database (s) | {default['wall_s']} | "
        f"{national['wall_s']} |",
        f"| peak memory (MiB) | {default['peak_rss_mib']} | "
        f"{national['peak_rss_mib']} |",
        f"| nodes scanning the MEF file: share of node time (%) | "
        f"{default['scanning_share_pct']} | {national['scanning_share_pct']} |",
        "",
        f"- MEF rows per second (national rows / seconds of the nodes that scan "
        f"the file, {result['scanning_s']} s): {result['mef_rows_per_s']:,}",
        f"- build time over the default build: {result['extra_build_s']} s "
        "(two builds on a shared machine: noisy)",
        f"- peak memory per million MEF rows: "
        f"{result['peak_mib_per_million_rows']} MiB (extra over the default "
        f"build: {result['extra_peak_mib_per_million_rows']} MiB)",
        f"- nodes that scan the national file: {scans}",
        f"- `pp0093 check-raw` on the national data set: {result['check_raw_s']} s",
        "",
    ]
