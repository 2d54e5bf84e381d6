"""Copy the latest figures and targets of bench/results.md into the README's
Benchmark section (run after `make bench`; the rest of the README is untouched).
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INTRO = """## Benchmark

`make bench` measures what the build and the BI queries cost as the data
grows: generator scales 1 and 10 (`make bench-full` adds scale 100, about
3 GB of raw files and 1.3 million firms a year; about 30 minutes on the
2-core machine: three runs of each figure at scales 1 and 10 and one at 100,
without the national MEF file (`BENCH_ARGS="--mef-rows 0"`), took 13 minutes
on a quiet machine). Raw data is generated once into `bench/.cache/`
(git-ignored). For each scale it times the production `dbt build` (what `make
build` runs: every model, seed and data test; unit tests are left to `make
test`) from an empty database and its peak memory, dbt's start-up floor
(`dbt build` of a one-model project), `dbt run` against the same compiled SQL
run directly in one DuckDB process (scales 1 and 10) and from it dbt's own
cost per node, `pp0093 publish`, what `make build` runs once the raw data is
there (`pp0093 build`, at scale 1, with its steps), and the indicator tables
plus ten analyst queries (`analyses/`) on the published copy through fresh
read-only connections (p50/p95 of 30 runs). Figures are medians of
several runs (one at scale 100); a failing test stops the run. The targets
of issue 19 are in `bench/run.py` with a `met` flag each, including the
decision to have no incremental model (one new month built incrementally cost
0.93 of a full build at scale 100). Full results, with where the time goes:
[bench/results.md](bench/results.md) and `bench/results.json`.

What keeps the build fast, and where each setting lives:

- dbt's saved parse (`target/partial_parse.msgpack`, dbt's default
  `partial_parse`): `make build` reuses it; a changed profile or `vars`
  (`PP0093_DB_PATH`, `PP0093_RAW_DIR`, `PP0093_DBT_THREADS`) parses everything
  again once, and `make lint` parses into `target/lint` (`.sqlfluff`) so that
  it does not throw the build's away;
- one model at a time (`threads` in `profiles.yml`, `PP0093_DBT_THREADS`)
  under DuckDB's `memory_limit` (3 GB) with `preserve_insertion_order` off;
- fewer, wider test nodes (each costs dbt about 12-20 ms): one model-level
  `no_nulls` instead of a `not_null` test per column, and
  `accepted_values_per_column`, `relationships_per_column`, `has_code_labels`
  and `percentages_between_0_and_100` once per model instead of once per
  column (docs/layers.md); a key column is not tested `not_null` when its
  model's `no_nulls` or its contract constraint already checks it;
- one process for `make build` after the raw data (`pp0093 build`,
  src/pp0093/build.py): dbt is imported once and runs `build` and `docs
  generate` through dbtRunner, where two `dbt` commands paid its start-up
  twice;
- `DBT_LOG_LEVEL_FILE=info` (Makefile, and the test and benchmark sandboxes):
  `logs/dbt.log` keeps node results and errors, not every SQL statement;
- the pre-aggregated BI marts (`models/marts/bi/`): the analyst questions
  read distinct-firm counts made in the build, or count on `firm_number`, an
  integer, never the 64-character pseudonym over 11 million deliveries.
"""


def section_of(results: str, title: str) -> str:
    return results.split(f"## {title}\n\n", 1)[1].split("\n\n## ", 1)[0]


def main() -> None:
    readme_path = ROOT / "README.md"
    results = (ROOT / "bench" / "results.md").read_text()
    machine = next(line for line in results.splitlines() if line.startswith("Machine:"))
    section = (
        f"{INTRO}\nLatest run. {machine.removeprefix('Machine: ')}\n\n"
        f"{section_of(results, 'Figures (medians)')}\n\n"
        f"Targets of issue 19:\n\n{section_of(results, 'Targets')}\n"
    )
    text = readme_path.read_text()
    if "\n## Benchmark\n" in text:
        text = re.sub(
            r"## Benchmark\n.*?(?=\n## )", section.rstrip() + "\n", text, flags=re.S
        )
    else:
        text = text.replace("\n## Conventions\n", f"\n{section}\n## Conventions\n", 1)
    readme_path.write_text(text)


if __name__ == "__main__":
    main()
