"""One feed contract: the dbt sources YAML, `pp0093 check-raw` and the generator
agree on every feed.

The header (columns in order) has one definition, the sources YAML, which
feed_contracts.py reads and the generator writes from. What the YAML states
only inside each source's `read_csv(...)` external location (delimiter,
quoting, encoding, folder and file names) is compared here with the
FeedContract that check-raw applies.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pp0093 import feed_contracts
from pp0093.feed_contracts import FEEDS, FeedContract, file_columns, source_tables

YEAR_GLOB = "[0-9][0-9][0-9][0-9]"


def read_csv_option(location: str, option: str) -> str:
    found = re.search(rf"\b{option} = '([^']*)'", location)
    assert found, f"no {option} in {location}"
    return found.group(1)


def external_location(contract: FeedContract) -> str:
    table = source_tables()[contract.folder]
    return table["config"]["meta"]["external_location"]


def expected_glob(contract: FeedContract) -> str:
    """The path below the raw directory the source must read."""
    if not contract.yearly:
        return f"/{contract.folder}/{contract.file_pattern}'"
    file_glob = contract.file_pattern.format(year=YEAR_GLOB)
    return f"/{contract.folder}/{YEAR_GLOB}/{file_glob}'"


def test_every_feed_is_a_source_table_and_every_source_table_a_feed() -> None:
    assert sorted(source_tables()) == sorted(feed.folder for feed in FEEDS)


@pytest.mark.parametrize("contract", FEEDS, ids=lambda feed: feed.folder)
def test_the_source_reads_the_files_as_the_contract_describes_them(
    contract: FeedContract,
) -> None:
    location = external_location(contract)
    assert expected_glob(contract) in location
    assert read_csv_option(location, "delim") == contract.delimiter
    assert read_csv_option(location, "encoding") == contract.encoding
    assert (read_csv_option(location, "quote") == '"') == contract.quoted


@pytest.mark.parametrize("contract", FEEDS, ids=lambda feed: feed.folder)
def test_the_contract_columns_are_the_source_columns_the_file_holds(
    contract: FeedContract,
) -> None:
    declared = [c["name"] for c in source_tables()[contract.folder]["columns"]]
    added_by_reader = [c for c in declared if c not in contract.columns]
    # DuckDB adds `filename`; a trailing delimiter adds one unnamed column.
    assert added_by_reader[0] == "filename" or added_by_reader[-1] == "filename"
    assert len(added_by_reader) == 1 + contract.trailing_delimiter
    assert contract.numeric_columns <= set(contract.columns)
    assert contract.year_column in (None, *contract.columns)


def test_the_columns_come_from_the_sources_yaml(tmp_path: Path) -> None:
    """A column added to the YAML is a column of the contract, in its place."""
    folder = tmp_path / "models" / "staging" / "demo"
    folder.mkdir(parents=True)
    (folder / "_demo__sources.yml").write_text(
        """
version: 2
sources:
  - name: demo
    tables:
      - name: demo_feed
        columns:
          - name: ID
          - name: NEW_COLUMN
          - name: filename
            config:
              meta: {in_file: false}
""",
        encoding="utf-8",
    )
    tables = source_tables(tmp_path)
    columns = tables["demo_feed"]["columns"]
    assert tables["demo_feed"]["source_name"] == "demo"
    assert [c["name"] for c in columns if feed_contracts.is_in_file(c)] == [
        "ID",
        "NEW_COLUMN",
    ]


def test_an_unknown_feed_is_an_error() -> None:
    with pytest.raises(LookupError, match="no table 'nowhere'"):
        file_columns("nowhere")


def test_the_header_is_written_with_the_feeds_delimiter() -> None:
    padron = feed_contracts.contract("sunat_padron")
    assert padron.header().startswith("RUC|")
    assert padron.header().endswith("|")
    produce = feed_contracts.contract("produce_direcciones")
    assert produce.header() == ";".join(produce.columns)
