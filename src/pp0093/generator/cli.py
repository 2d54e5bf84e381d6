"""`pp0093 generate`: write the raw feeds (deterministic, calibrated demo data)."""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

from pp0093.generator.generate import generate

DEFAULT_YEARS = [2023, 2024]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--years",
        type=int,
        nargs="+",
        default=DEFAULT_YEARS,
        help="programme years to write (default: 2023 2024)",
    )
    parser.add_argument(
        "--scale",
        type=int,
        default=1,
        help="multiply firms and records N-fold (default: 1, the "
        "programme's real size)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=93,
        help="random seed; same arguments, same bytes (default: 93)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("data/raw"),
        help="output directory (default: data/raw)",
    )


def peak_memory_mib() -> float:
    """Peak resident memory of this process (Linux reports KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 1024 / 1024


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    manifest = generate(list(args.years), args.scale, args.seed, Path(args.out))
    elapsed = time.perf_counter() - started
    print(f"wrote {manifest.parent} (manifest {manifest.name})")
    print(f"elapsed {elapsed:.1f} s, peak memory {peak_memory_mib():.0f} MiB")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pp0093 generate", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
