"""`pp0093 report`: the evaluation report of a programme year."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pp0093 import paths


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--year",
        type=int,
        default=None,
        help="programme year (default: the latest in the database)",
    )
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help="DuckDB file to read, read-only (default: the build "
        "database, PP0093_DB_PATH or target/pp0093.duckdb)",
    )
    parser.add_argument(
        "--out", type=Path, default=None, help="output directory (default: dist/report)"
    )
    parser.add_argument("--no-pdf", action="store_true", help="write the HTML only")


def run(args: argparse.Namespace) -> int:
    from pp0093.report.render import MissingSystemLibrary, generate

    database = args.db or paths.db_path()
    out_dir = args.out or paths.dist_dir() / "report"
    try:
        outputs = generate(database, args.year, out_dir, pdf=not args.no_pdf)
    except (FileNotFoundError, ValueError, MissingSystemLibrary) as error:
        print(f"pp0093 report: {error}", file=sys.stderr)
        return 1
    print(f"report: {outputs.html}")
    if outputs.pdf:
        print(f"report: {outputs.pdf}")
    timings = ", ".join(
        f"{name} {seconds:.1f} s" for name, seconds in outputs.seconds.items()
    )
    print(f"report: generated in {timings}")
    return 0
