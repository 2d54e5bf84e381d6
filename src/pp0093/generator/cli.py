"""`pp0093 generate`: write the raw feeds (deterministic, calibrated demo data)."""

from __future__ import annotations

import argparse
import re
import resource
import sys
import time
from pathlib import Path

from pp0093 import paths
from pp0093.generator.excel import parse_excel_feeds
from pp0093.generator.generate import generate
from pp0093.generator.mef_national import DEFAULT_OTHER_RATIO


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--years",
        type=year_range,
        nargs="+",
        default=[list(paths.DEFAULT_YEARS)],
        help="programme years to write: years and/or ranges, e.g. `2023 2024` or "
        "`2022-2026` (default: 2023 2024). 2023 and 2024 reproduce the report; "
        "other years are drawn from the nearest of them, drifted",
    )
    parser.add_argument(
        "--scale",
        type=int,
        default=paths.DEFAULT_SCALE,
        help="multiply firms and records N-fold (default: 1, the programme's "
        "real size; budget and physical targets stay the annex's)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=paths.DEFAULT_SEED,
        help="random seed; same arguments, same bytes (default: 93)",
    )
    parser.add_argument(
        "--mef-other-ratio",
        type=float,
        default=DEFAULT_OTHER_RATIO,
        help="rows of other programmes and pliegos per PP 0093 row in MEF's "
        f"national file (default: {DEFAULT_OTHER_RATIO:g}; `make bench` writes a "
        "national-size file)",
    )
    parser.add_argument(
        "--excel",
        type=parse_excel_feeds,
        default=(),
        metavar="FEED[,FEED]",
        help="write these feeds as Excel workbooks (.xlsx: title rows, a sheet "
        "per month) instead of CSV, e.g. produce_direcciones,pnte_tu_empresa",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help=f"output directory (default: ${paths.RAW_DIR_ENV} or the project's "
        "data/raw)",
    )


def year_range(text: str) -> list[int]:
    """`2024` -> [2024]; `2022-2026` -> [2022, ..., 2026]."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{4}))?", text.strip())
    if match is None:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a year or a range of years (e.g. 2022-2026)"
        )
    low = int(match.group(1))
    high = int(match.group(2) or low)
    if low > high:
        raise argparse.ArgumentTypeError(f"{text!r}: the range runs backwards")
    return list(range(low, high + 1))


def peak_memory_mib() -> float:
    """Peak resident memory of this process (Linux reports KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 1024 / 1024


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    out = Path(args.out) if args.out is not None else paths.raw_dir()
    try:
        years = sorted({year for part in args.years for year in part})
        manifest = generate(
            years,
            args.scale,
            args.seed,
            out,
            mef_other_ratio=args.mef_other_ratio,
            excel_feeds=args.excel,
        )
    except ValueError as error:
        print(f"pp0093 generate: {error}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started
    print(f"wrote {manifest.parent} (manifest {manifest.name})")
    print(
        f"elapsed {elapsed:.1f} s (cpu {cpu_seconds():.1f} s), "
        f"peak memory {peak_memory_mib():.0f} MiB"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pp0093 generate", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
