"""Rebuilding: two builds give identical marts and the same pseudonymous ids; a
new pseudonym key gives new ids; and a BI reader that holds the published copy
open while a full rebuild and publish run is not disturbed (it keeps reading
the copy it opened until it reconnects).

Each test runs one full `dbt build` of its own (tens of seconds).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from published import run_publish, schema_checksums

from pp0093.dbt_runner import DbtSandbox

PSEUDONYM_KEY_ENV = "PP0093_PSEUDONYM_KEY"

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

FIRM_IDS_SQL = (
    "select count(*), md5(string_agg(firm_id, ',' order by firm_id)) "
    "from marts.dim_firms"
)

# Holds a read-only connection on the published copy across the rebuild: prints
# what it sees before, with the same connection after, and after reconnecting.
READER_SCRIPT = f"""
import sys
import duckdb
path = sys.argv[1]
def firm_ids(connection):
    return connection.execute({FIRM_IDS_SQL!r}).fetchall()[0][1]
connection = duckdb.connect(path, read_only=True)
print("before", firm_ids(connection), flush=True)
sys.stdin.readline()
print("held", firm_ids(connection), flush=True)
connection.close()
connection = duckdb.connect(path, read_only=True)
print("reopened", firm_ids(connection), flush=True)
"""


def test_two_builds_give_identical_marts(dbt_build: DbtSandbox, tmp_path: Path) -> None:
    rebuild = DbtSandbox.in_directory(tmp_path, dbt_build.raw_dir)
    # Seeds and models; the session build already ran the tests on this data.
    rebuild.run_dbt(
        [
            "build",
            "--exclude-resource-type",
            "test",
            "--exclude-resource-type",
            "unit_test",
        ]
    )
    first = schema_checksums(dbt_build.db_path, "marts")
    second = schema_checksums(rebuild.db_path, "marts")
    assert first
    assert second == first
    # Stated on its own: the same firm keeps its firm_id from build to build.
    assert rebuild.query(FIRM_IDS_SQL) == dbt_build.query(FIRM_IDS_SQL)


def test_a_reader_survives_a_rebuild_and_publish_with_a_new_key(
    dbt_build: DbtSandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dist = tmp_path / "dist"
    first_publish = run_publish(dbt_build, dist)
    assert first_publish.returncode == 0, first_publish.stderr
    reader = subprocess.Popen(
        [sys.executable, "-c", READER_SCRIPT, str(dist / "pp0093.duckdb")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        before = reader.stdout.readline().split()
        assert before[0] == "before", reader.stderr.read()

        # A full rebuild with another pseudonym key, then publish, while the
        # reader holds the published file open.
        monkeypatch.setenv(PSEUDONYM_KEY_ENV, "another-key-for-the-rebuild-test")
        rebuild = DbtSandbox.in_directory(tmp_path / "rebuild", dbt_build.raw_dir)
        rebuild.run_dbt(["build"])
        second_publish = run_publish(rebuild, dist)
        assert second_publish.returncode == 0, second_publish.stderr

        output, errors = reader.communicate("go\n", timeout=60)
    finally:
        if reader.poll() is None:
            reader.kill()
    assert reader.returncode == 0, errors
    seen = dict(line.split() for line in output.splitlines())
    assert seen["held"] == before[1]
    new_count, new_ids = rebuild.query(FIRM_IDS_SQL)[0]
    old_count, _ = dbt_build.query(FIRM_IDS_SQL)[0]
    assert seen["reopened"] == new_ids != before[1]
    # A new key gives every firm a new id, and the same number of firms.
    assert new_count == old_count
    old_ids = {row[0] for row in dbt_build.query("select firm_id from marts.dim_firms")}
    new_ids_set = {
        row[0] for row in rebuild.query("select firm_id from marts.dim_firms")
    }
    assert not old_ids & new_ids_set
