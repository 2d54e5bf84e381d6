"""Timing helpers for bench/run.py: one subprocess, its wall time and peak memory."""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


class CommandFailed(RuntimeError):
    """A measured command exited non-zero; the message carries its output."""


@dataclass(frozen=True)
class Measured:
    """What one run of a command cost."""

    wall_s: float
    peak_rss_mib: float
    output: str
    returncode: int = 0


def measure(
    command: Sequence[str],
    env: Mapping[str, str],
    cwd: Path,
    *,
    check: bool = True,
) -> Measured:
    """Run `command` once; its wall time and the peak resident memory of it and
    its descendants (os.wait4 returns the rusage of that child alone, so runs
    never mix). dbt runs DuckDB in its own process, so this is the build's
    peak."""
    with tempfile.TemporaryFile() as output_file:
        started = time.perf_counter()
        process = subprocess.Popen(
            list(command),
            cwd=cwd,
            env=dict(env),
            stdout=output_file,
            stderr=subprocess.STDOUT,
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall_s = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        output_file.seek(0)
        output = output_file.read().decode("utf-8", errors="replace")
    if check and process.returncode != 0:
        tail = "\n".join(output.splitlines()[-40:])
        raise CommandFailed(f"{' '.join(command)} exited {process.returncode}:\n{tail}")
    # Linux reports ru_maxrss in KiB.
    return Measured(
        wall_s=wall_s,
        peak_rss_mib=usage.ru_maxrss / 1024,
        output=output,
        returncode=process.returncode,
    )


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


def percentile(values: Sequence[float], pct: int) -> float:
    """The pct-th percentile (inclusive method; the value itself for one run)."""
    if len(values) == 1:
        return float(values[0])
    return float(statistics.quantiles(values, n=100, method="inclusive")[pct - 1])
