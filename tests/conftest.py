"""The test harness: build the dbt project once per session into temporary files.

`dbt_build` runs `dbt build` with the database (PP0093_DB_PATH), dbt's target
directory and its logs in a session temp directory (pp0093.dbt_runner), so
tests never touch the developer's target/. Tests query the built models with
`dbt_build.query(sql)`.

Raw data (`raw_data_dir`): PP0093_RAW_DIR if it is set and complete, else the
repository's data/raw if complete (what `make build` generates), else the
generator writes the default data set (the arguments of `make data`) into a
session temp directory. "Complete" means the generator's data/raw/_manifest.json
exists. Until the generator exists, the build has seeds only.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path

import pytest

from pp0093 import paths
from pp0093.dbt_runner import BIN_DIR, DbtSandbox


@dataclass(frozen=True)
class DbtBuild(DbtSandbox):
    """The session's built project; `output` is what `dbt build` printed and
    `run_results` its run_results.json as the build left it (later dbt runs in
    the same sandbox overwrite the file)."""

    output: str = ""
    run_results: dict = field(default_factory=dict)


def generator_is_installed() -> bool:
    try:
        return find_spec("pp0093.generator.cli") is not None
    except ModuleNotFoundError:
        return False


def generate_default_raw_data(out_dir: Path) -> None:
    """Write the default data set, exactly as `make data` does."""
    command = [
        str(BIN_DIR / "pp0093"),
        "generate",
        "--years",
        *(str(year) for year in paths.DEFAULT_YEARS),
        "--scale",
        str(paths.DEFAULT_SCALE),
        "--seed",
        str(paths.DEFAULT_SEED),
        "--out",
        str(out_dir),
    ]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0 or not paths.raw_data_is_complete(out_dir):
        raise RuntimeError(
            f"{' '.join(command)} exited {completed.returncode} without a "
            f"complete data set:\n{completed.stdout}{completed.stderr}"
        )


@pytest.fixture(scope="session")
def raw_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A complete raw data set; see the module docstring for where it comes from."""
    for candidate in (paths.raw_dir(), paths.PROJECT_ROOT / "data" / "raw"):
        if paths.raw_data_is_complete(candidate):
            return candidate.resolve()
    if generator_is_installed():
        out_dir = tmp_path_factory.mktemp("raw")
        generate_default_raw_data(out_dir)
        return out_dir
    # No generator yet: nothing reads raw files, the build has seeds only.
    return (paths.PROJECT_ROOT / "data" / "raw").resolve()


@pytest.fixture(scope="session")
def dbt_build(tmp_path_factory: pytest.TempPathFactory, raw_data_dir: Path) -> DbtBuild:
    """`dbt build` of the whole project into a session temporary database,
    unit tests included (the production default, selectors.yml, leaves them
    out)."""
    sandbox = DbtSandbox.in_directory(tmp_path_factory.mktemp("dbt"), raw_data_dir)
    result = sandbox.run_dbt(["build", "--selector", "everything"])
    run_results = json.loads((sandbox.target_path / "run_results.json").read_text())
    return DbtBuild(**vars(sandbox), output=result.output, run_results=run_results)


@pytest.fixture
def dbt_sandbox(tmp_path: Path, raw_data_dir: Path) -> DbtSandbox:
    """An empty sandbox of the test's own, for tests that run dbt themselves."""
    return DbtSandbox.in_directory(tmp_path, raw_data_dir)
