"""The DuckDB settings of the dbt profile, for DuckDB connections made outside
dbt (publish, the benchmark's direct run), so they work under the same limits.

profiles.yml is the one place the settings are written (its dev target's
`settings:`); their values may call `env_var()` as dbt renders them.
"""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import yaml

from pp0093 import paths

PROFILE = "pp0093"
TARGET = "dev"


def env_var(name: str, default: str | None = None) -> str:
    """dbt's env_var(): the variable, else the default, else an error."""
    value = os.environ.get(name, default)
    if value is None:
        raise KeyError(f"environment variable {name} is not set and has no default")
    return value


def profile_settings(project_root: Path = paths.PROJECT_ROOT) -> dict[str, str]:
    """The dev target's DuckDB settings (memory limit and the like), rendered."""
    profiles = yaml.safe_load((project_root / "profiles.yml").read_text())
    settings = profiles[PROFILE]["outputs"][TARGET].get("settings", {})
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined)
    environment.globals["env_var"] = env_var
    return {
        name: environment.from_string(str(value)).render()
        for name, value in settings.items()
    }
