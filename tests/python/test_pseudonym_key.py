"""The pseudonym key (pp0093.pseudonym_key) and the dbt-duckdb plugin that
registers the keyed hash on a connection (pp0093.duckdb_plugin)."""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

import duckdb
import pytest

from pp0093 import duckdb_plugin
from pp0093.pseudonym_key import (
    DEVELOPMENT_KEY,
    KEY_ENV,
    KEY_FILE_ENV,
    PseudonymKeyError,
    load_key,
    pseudonymizer,
)

KEY = "a-test-key-that-is-long-enough-0123"


def test_without_a_key_the_development_key_is_used() -> None:
    key = load_key({})
    assert key.is_development
    assert key.secret == DEVELOPMENT_KEY.encode()
    assert key.source == "development default"


def test_the_key_comes_from_the_environment() -> None:
    key = load_key({KEY_ENV: KEY})
    assert key.secret == KEY.encode()
    assert not key.is_development
    assert key.source == "environment"


def test_a_key_file_wins_over_the_environment(tmp_path: Path) -> None:
    key_file = tmp_path / "pseudonym.key"
    key_file.write_text(KEY + "\n")
    key = load_key({KEY_FILE_ENV: str(key_file), KEY_ENV: "another-key-0123456789"})
    assert key.secret == KEY.encode()
    assert key.source == "key file"


def test_the_development_key_set_on_purpose_is_still_the_development_key() -> None:
    assert load_key({KEY_ENV: DEVELOPMENT_KEY}).is_development


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({KEY_ENV: "short"}, "has 5 characters; use at least 16"),
        ({KEY_ENV: ""}, "has 0 characters"),
        ({KEY_FILE_ENV: "/nonexistent/pseudonym.key"}, "cannot read the pseudonym key"),
    ],
)
def test_a_bad_key_is_an_error(environ: dict[str, str], message: str) -> None:
    with pytest.raises(PseudonymKeyError, match=message):
        load_key(environ)


def test_the_pseudonym_is_hmac_sha256_of_the_value() -> None:
    pseudonym = pseudonymizer(load_key({KEY_ENV: KEY}))
    expected = hmac.new(KEY.encode(), b"20100000001", hashlib.sha256).hexdigest()
    assert pseudonym("20100000001") == expected
    assert pseudonym(None) is None
    # Another key, another pseudonym.
    other = pseudonymizer(load_key({KEY_ENV: KEY + "x"}))
    assert other("20100000001") != expected


def test_the_key_id_tells_keys_apart_and_is_not_the_key() -> None:
    key = load_key({KEY_ENV: KEY})
    assert len(key.key_id) == 12
    assert key.key_id != load_key({}).key_id
    assert KEY not in repr(key)
    assert key.key_id in repr(key)


def test_the_plugin_registers_the_functions_on_a_connection() -> None:
    key = load_key({KEY_ENV: KEY})
    with duckdb.connect() as connection:
        duckdb_plugin.register(connection, key)
        rows = connection.execute(
            "select pp0093_pseudonymize('12345678'), pp0093_pseudonymize(null), "
            "pp0093_pseudonym_key_id(), pp0093_is_development_key()"
        ).fetchall()
        # A cursor (dbt-duckdb runs each node on one) sees them too.
        from_cursor = (
            connection.cursor()
            .execute("select pp0093_pseudonymize('12345678')")
            .fetchall()
        )
    expected = hmac.new(KEY.encode(), b"12345678", hashlib.sha256).hexdigest()
    assert rows == [(expected, None, key.key_id, False)]
    assert from_cursor == [(expected,)]
