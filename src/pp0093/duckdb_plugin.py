"""The project's dbt-duckdb plugin: the pseudonym functions on every connection.

profiles.yml loads it (`plugins: [{module: pp0093.duckdb_plugin}]`), so each
connection dbt opens has, registered from Python:

- `pp0093_pseudonymize(text) -> text`: HMAC-SHA256 of the text under the
  pseudonym key, 64 lowercase hex characters (null for null). The macro
  `pseudonymize` calls it;
- `pp0093_pseudonym_key_id() -> text`: the key's public fingerprint (equal
  fingerprints, joinable pseudonyms);
- `pp0093_is_development_key() -> boolean`: whether the key is the public
  development key.

The key is read once per process from the key file or the environment
(pp0093.pseudonym_key) and stays in Python: no SQL statement carries it.
Anything else that opens the build database and evaluates models (publish,
the benchmark's direct run) calls `register` on its connection.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import duckdb
from dbt.adapters.duckdb.plugins import BasePlugin

from pp0093.pseudonym_key import PseudonymKey, load_key, pseudonymizer

PSEUDONYMIZE = "pp0093_pseudonymize"
KEY_ID = "pp0093_pseudonym_key_id"
IS_DEVELOPMENT_KEY = "pp0093_is_development_key"


@cache
def process_key() -> PseudonymKey:
    """The key, read once per process."""
    return load_key()


def register(
    connection: duckdb.DuckDBPyConnection, key: PseudonymKey | None = None
) -> None:
    """Register the pseudonym functions on `connection` (key: the process's)."""
    key = key or process_key()
    connection.create_function(
        PSEUDONYMIZE,
        pseudonymizer(key),
        [duckdb.sqltype("VARCHAR")],
        duckdb.sqltype("VARCHAR"),
        side_effects=False,
    )
    key_id = key.key_id
    is_development = key.is_development
    connection.create_function(
        KEY_ID, lambda: key_id, [], duckdb.sqltype("VARCHAR"), side_effects=False
    )
    connection.create_function(
        IS_DEVELOPMENT_KEY,
        lambda: is_development,
        [],
        duckdb.sqltype("BOOLEAN"),
        side_effects=False,
    )


class Plugin(BasePlugin):
    """Registers the pseudonym functions on each connection dbt-duckdb opens."""

    def initialize(self, plugin_config: dict[str, Any]) -> None:
        # Read the key now: a missing key file stops dbt before any model runs.
        process_key()

    def configure_connection(self, conn: duckdb.DuckDBPyConnection) -> None:
        register(conn)
