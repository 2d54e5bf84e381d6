"""`pp0093 build-lock -- COMMAND...`: run a command that writes the warehouse, alone.

Two builds at once used to fail half way with DuckDB's raw lock error and a
traceback per process, after the first steps had already run. The steps that
write the build database, `dist/` or the docs site (`make build`, `make
dbt-build`, `make publish`, `make docs`, and `pp0093 publish` run by hand) take
one lock first: an exclusive `flock` on a file beside the build database. A
second one stops before it changes anything, with one line:

    build: another build is running (pid 12345); nothing was changed

The operating system releases the lock when its holder exits, however it exits
(`kill -9` included), so a lock is never left stale. The holder exports
PP0093_BUILD_LOCK (the lock file's path) to its children, so the steps it runs
(`pp0093 publish` inside `make build`) do not try to take it a second time.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from pp0093 import paths

LOCK_ENV = "PP0093_BUILD_LOCK"
# Exit code of a command refused because another build holds the lock.
BUSY_EXIT_CODE = 75  # EX_TEMPFAIL: try again later


class BuildBusy(Exception):
    """Another process holds the build lock."""

    def __init__(self, pid: str) -> None:
        super().__init__(f"another build is running (pid {pid}); nothing was changed")
        self.pid = pid


def lock_path(db_path: Path | None = None) -> Path:
    """The lock file: beside the build database, one lock per database."""
    database = db_path or paths.db_path()
    return database.with_name(f".{database.name}.build-lock")


def holds_lock(path: Path) -> bool:
    """True when this process runs under a holder of the lock at `path`."""
    return os.environ.get(LOCK_ENV) == str(path.resolve())


@contextmanager
def build_lock(path: Path | None = None) -> Iterator[None]:
    """Hold the build lock for the block; raise BuildBusy when it is taken.
    A process started by the holder (see LOCK_ENV) passes straight through."""
    path = (path or lock_path()).resolve()
    if holds_lock(path):
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+", encoding="utf-8") as handle:
        acquire(handle)
        previous = os.environ.get(LOCK_ENV)
        os.environ[LOCK_ENV] = str(path)
        try:
            yield
        finally:
            restore_environment(previous)
            fcntl.flock(handle, fcntl.LOCK_UN)


def acquire(handle: IO[str]) -> None:
    """Take the lock on the open file or raise BuildBusy naming its holder."""
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as error:
        handle.seek(0)
        raise BuildBusy(handle.read().strip() or "unknown") from error
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()


def restore_environment(previous: str | None) -> None:
    if previous is None:
        os.environ.pop(LOCK_ENV, None)
    else:
        os.environ[LOCK_ENV] = previous


def run_locked(command: Sequence[str], path: Path | None = None) -> int:
    """Run `command` holding the lock; its exit code, or BUSY_EXIT_CODE."""
    try:
        with build_lock(path):
            return subprocess.run(list(command), check=False).returncode
    except BuildBusy as busy:
        print(f"build: {busy}", file=sys.stderr)
        return BUSY_EXIT_CODE


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "command",
        nargs=argparse.REMAINDER,
        help="the command to run while holding the lock (after --)",
    )


def run(args: argparse.Namespace) -> int:
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        print("build-lock: no command given (pp0093 build-lock -- make ...)")
        return 2
    return run_locked(command)
