"""Run dbt in a sandbox of its own: a database file, target and log directories.

Used by the tests (the session build, fault batteries that build from altered
raw data) and by anything else that must build without touching the
developer's target/ or data. dbt runs as a subprocess of the same environment,
so each run reads the environment variables it is given and nothing leaks
between runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pp0093 import paths

# Console scripts of the running environment (.venv/bin when run through make).
BIN_DIR = Path(sys.executable).parent


def invoke_dbt(args: Sequence[str]) -> int:
    """Run `dbt <args>` in this process through dbtRunner, dbt's programmatic
    entry point, and return the exit code the `dbt` command would have
    (0 success, 1 a node failed, 2 dbt could not run). dbt is imported on the
    first call only: a process that runs dbt twice (`pp0093 build`) pays its
    start-up once. dbt prints its output as the command does; the project and
    profile are DBT_PROJECT_DIR and DBT_PROFILES_DIR, else the repository."""
    from dbt.cli.main import dbtRunner

    where = [
        argument
        for variable, option in (
            ("DBT_PROJECT_DIR", "--project-dir"),
            ("DBT_PROFILES_DIR", "--profiles-dir"),
        )
        if variable not in os.environ
        for argument in (option, str(paths.PROJECT_ROOT))
    ]
    try:
        result = dbtRunner().invoke([*args, *where])
    finally:
        close_dbt_database()
    if result.exception is not None:
        print(f"dbt {' '.join(args)}: {result.exception}", file=sys.stderr)
        return 2
    return 0 if result.success else 1


def close_dbt_database() -> None:
    """Close the DuckDB database dbt-duckdb keeps open for its process.

    dbt-duckdb holds one DuckDB instance per process (its connection
    manager's environment) after an invocation ends; while it is open,
    another connection to the same file with other settings (publish opens
    it read-only) is refused. The next invocation opens a new one."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    try:
        environment = DuckDBConnectionManager.env()
    except Exception:  # dbt-duckdb raises a bare Exception when none is open
        return
    environment.close()
    DuckDBConnectionManager.close_all_connections()


class DbtError(RuntimeError):
    """dbt exited non-zero; the message carries the command and dbt's output."""


@dataclass(frozen=True)
class DbtResult:
    args: list[str]
    returncode: int
    output: str


@dataclass(frozen=True)
class DbtSandbox:
    """Where one dbt build writes: nothing of it lives in the repository."""

    db_path: Path
    target_path: Path
    log_path: Path
    raw_dir: Path
    # the dbt project built: the repository, or a copy of it (a checkout)
    project_dir: Path = paths.PROJECT_ROOT

    @classmethod
    def in_directory(
        cls, directory: Path, raw_dir: Path, project_dir: Path = paths.PROJECT_ROOT
    ) -> DbtSandbox:
        """A sandbox whose database, target and logs all live in `directory`."""
        return cls(
            db_path=directory / "pp0093.duckdb",
            target_path=directory / "target",
            log_path=directory / "logs",
            raw_dir=raw_dir,
            project_dir=project_dir,
        )

    def environment(self) -> dict[str, str]:
        """The current environment, pointed at this sandbox and the project."""
        env = dict(os.environ)
        env.update(
            {
                "DBT_PROFILES_DIR": str(self.project_dir),
                "DBT_PROJECT_DIR": str(self.project_dir),
                "DBT_LOG_PATH": str(self.log_path),
                "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
                # As `make build` logs (Makefile): node results, not every
                # statement, unless the caller's environment says otherwise.
                "DBT_LOG_LEVEL_FILE": os.environ.get("DBT_LOG_LEVEL_FILE", "info"),
                "DBT_USE_COLORS": "false",
                paths.DB_PATH_ENV: str(self.db_path),
                paths.RAW_DIR_ENV: str(self.raw_dir),
            }
        )
        return env

    def run_dbt(self, args: Sequence[str], *, check: bool = True) -> DbtResult:
        """Run `dbt <args>`; raise DbtError with dbt's output if it fails."""
        command = [
            str(BIN_DIR / "dbt"),
            *args,
            "--target-path",
            str(self.target_path),
        ]
        completed = subprocess.run(
            command,
            cwd=self.project_dir,
            env=self.environment(),
            capture_output=True,
            text=True,
            check=False,
        )
        result = DbtResult(
            args=list(args),
            returncode=completed.returncode,
            output=completed.stdout + completed.stderr,
        )
        if check and result.returncode != 0:
            raise DbtError(
                f"dbt {' '.join(args)} exited {result.returncode}:\n{result.output}"
            )
        return result

    def generate_docs(self) -> Path:
        """`dbt docs generate --static` in the sandbox, once; its static page.

        Writes manifest.json, catalog.json and static_index.html (the site in
        one file, manifest and catalog embedded) into the target directory.
        Several tests share one session build, so the docs are generated only
        if the page is not there yet.
        """
        index = self.target_path / "static_index.html"
        if not index.is_file():
            self.run_dbt(["docs", "generate", "--static"])
        return index

    def manifest(self) -> dict:
        """The target directory's manifest.json."""
        return json.loads((self.target_path / "manifest.json").read_text("utf-8"))

    def query(self, sql: str, parameters: Sequence[object] = ()) -> list[tuple]:
        """Rows of `sql` on the sandbox's database, opened read-only."""
        with duckdb.connect(str(self.db_path), read_only=True) as connection:
            return connection.execute(sql, list(parameters)).fetchall()
