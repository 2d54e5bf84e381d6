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
3 GB of raw files and 1.3 million firms a year; the whole run takes about an
hour). Raw data is generated once into `bench/.cache/` (git-ignored). For each
scale it times the production `dbt build` (what `make build` runs: every model,
seed and data test; unit tests are left to `make test`) from an empty
database and its peak memory, dbt's start-up floor (`dbt build` of a
one-model project), `dbt run` against the same compiled SQL run directly in
one DuckDB process, a `dbt build` after one new month of service records
arrives against the full build (`fct_service_deliveries` was incremental
until this measured 0.93 of a full build at scale 100: it is now a table
rebuilt whole, so corrected, late and removed raw files reach the marts),
`pp0093 publish`, and the indicator tables plus ten analyst queries
(`analyses/`) on the published copy through fresh read-only connections
(p50/p95 of 30 runs). Figures are medians of several runs (one at scale 100);
a failing test stops the run. Full results, with where the time goes:
[bench/results.md](bench/results.md) and `bench/results.json`.
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
        f"Targets of issue 9:\n\n{section_of(results, 'Targets')}\n"
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
