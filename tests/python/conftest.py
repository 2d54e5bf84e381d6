"""Fixtures shared by the tests of the published copy (dist/)."""

from __future__ import annotations

from pathlib import Path

import pytest
from published import run_publish

from pp0093.dbt_runner import DbtSandbox


@pytest.fixture(scope="session")
def published_dist(
    dbt_build: DbtSandbox, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The session build published into a dist/ of the session's own."""
    dist = tmp_path_factory.mktemp("dist")
    completed = run_publish(dbt_build, dist)
    assert completed.returncode == 0, completed.stderr
    return dist
