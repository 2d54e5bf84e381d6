"""Seed field_roles covers every contract column, and the staging models null
only the fields it calls optional (no dbt needed: the seed and SQL are read as
text).

A new feed or a new column in a feed's contract (src/pp0093/feed_contracts.py)
must be given a role: `identifying` (a bad value rejects the row) or `optional`
(a bad value is nulled, the row kept). The dbt test
assert_nulled_fields_are_optional checks the same against the built data.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from pp0093 import paths
from pp0093.feed_contracts import FEEDS

SEED = paths.PROJECT_ROOT / "seeds" / "field_roles.csv"
BASE_MODELS = sorted((paths.PROJECT_ROOT / "models" / "staging").glob("*/base/*.sql"))
# The feed a base model reads: raw_source_rows('<source>', '<table>', '<feed>').
FEED_RE = re.compile(r"raw_source_rows\(\s*'[^']+',\s*'[^']+',\s*'([^']+)'")
# The raw fields its optional checks name: {'field': 'X', ...}, or the first
# argument of the check macros ubigeo_check('X', ...), score_checks('X', ...),
# yes_no_check('X', ...) and non_negative_number_checks('X', ...).
FIELD_RE = re.compile(
    r"\{'field': '([^']+)'"
    r"|(?:ubigeo_check|score_checks|yes_no_check|non_negative_number_checks)"
    r"\(\s*'([^']+)'"
)


def roles() -> dict[tuple[str, str], str]:
    with SEED.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    found = {(row["source_system"], row["field_name"]): row["role"] for row in rows}
    assert len(found) == len(rows), "a (source_system, field_name) is listed twice"
    return found


def test_every_contract_column_has_a_role() -> None:
    expected = {(feed.folder, column) for feed in FEEDS for column in feed.columns}
    assert set(roles()) == expected


def optional_fields(path: Path) -> tuple[str | None, set[str]]:
    """The feed a base model reads rows of, and the raw fields it may null. A
    base model without raw_source_rows(...) (base_mef__file_rows counts a
    file's rows) reads no row of a feed, so it must null no field."""
    text = path.read_text(encoding="utf-8")
    feed = FEED_RE.search(text)
    fields = {first or second for first, second in FIELD_RE.findall(text)}
    assert feed or not fields, f"{path.name}: checks fields of no raw_source_rows(...)"
    return (feed.group(1) if feed else None), fields


def test_staging_nulls_only_optional_fields() -> None:
    known = roles()
    nulled = {}
    for path in BASE_MODELS:
        feed, fields = optional_fields(path)
        nulled.update({(feed, field): known.get((feed, field)) for field in fields})
    assert nulled, "no base model has optional-field checks"
    assert {key: role for key, role in nulled.items() if role != "optional"} == {}
