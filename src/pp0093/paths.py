"""Where things live, in one place, so the CLI, the generator and the tests agree.

Every path can be overridden by an environment variable, the same variables
`profiles.yml` and `dbt_project.yml` read, so that a test can build into a
temporary directory without touching the developer's files.
"""

from __future__ import annotations

import os
from pathlib import Path

RAW_DIR_ENV = "PP0093_RAW_DIR"
DB_PATH_ENV = "PP0093_DB_PATH"

# The marker the generator writes last: its presence means the raw data set is
# complete. `make build` and the test fixture generate data only when it is missing.
MANIFEST_NAME = "_manifest.json"

# The default data set: what `make data` writes and the tests build from.
DEFAULT_YEARS = (2023, 2024)
DEFAULT_SCALE = 1
DEFAULT_SEED = 93


def _find_project_root() -> Path:
    """The directory holding dbt_project.yml, searched upwards from this file."""
    here = Path(__file__).resolve()
    for candidate in here.parents:
        if (candidate / "dbt_project.yml").is_file():
            return candidate
    # Installed outside a checkout: fall back to the working directory.
    return Path.cwd()


PROJECT_ROOT = _find_project_root()


def raw_dir() -> Path:
    """The raw feeds directory (data/raw unless PP0093_RAW_DIR says otherwise)."""
    value = os.environ.get(RAW_DIR_ENV)
    return Path(value) if value else PROJECT_ROOT / "data" / "raw"


def db_path() -> Path:
    """The DuckDB file dbt builds into (target/pp0093.duckdb by default)."""
    value = os.environ.get(DB_PATH_ENV)
    return Path(value) if value else PROJECT_ROOT / "target" / "pp0093.duckdb"


def dist_dir() -> Path:
    """Where published outputs land: the BI copy, Parquet files, the docs site."""
    return PROJECT_ROOT / "dist"


def raw_data_is_complete(directory: Path) -> bool:
    """True when the generator finished writing the data set in `directory`."""
    return (directory / MANIFEST_NAME).is_file()
