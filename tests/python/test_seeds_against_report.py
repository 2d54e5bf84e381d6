"""Every figure in seeds/published_figures.csv appears in the report's text.

The report text lives outside the repository (../shared/reference/*.txt next
to the checkout); when it is absent the test is skipped. For each figure the
number is rendered the way the report prints it (its decimals, with or without
thousands separators, without the sign of a change) and searched for as a
whole number in the text.
"""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
REFERENCE_DIR = REPO_ROOT.parent / "shared" / "reference"
PUBLISHED_FIGURES = REPO_ROOT / "seeds" / "published_figures.csv"


def report_text() -> str:
    reports = sorted(REFERENCE_DIR.glob("*.txt"))
    if not reports:
        pytest.skip(f"report text not found in {REFERENCE_DIR} (not in a user's clone)")
    return "\n".join(path.read_text(encoding="utf-8") for path in reports)


def published_figures() -> list[dict[str, str]]:
    with PUBLISHED_FIGURES.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row["published_value"]]


def renderings(value: str, decimals: int) -> set[str]:
    """How the report may print the value: '12,791' or '12791'; '100.0' or '100'."""
    number = abs(Decimal(value))
    with_separators = f"{number:,.{decimals}f}"
    forms = {with_separators, with_separators.replace(",", "")}
    if decimals and number == number.to_integral_value():
        forms |= {f"{number:,.0f}", f"{number:.0f}"}
    return forms


def appears(form: str, text: str) -> bool:
    """`form` occurs as a whole number: not inside a longer number."""
    pattern = rf"(?<![\d.,]){re.escape(form)}(?![\d]|[.,]\d)"
    return re.search(pattern, text) is not None


def test_every_published_figure_is_in_the_report() -> None:
    text = report_text()
    figures = published_figures()
    assert len(figures) >= 65, f"only {len(figures)} published figures"

    missing = [
        f"{row['figure_id']} = {row['published_value']}"
        for row in figures
        if not any(
            appears(form, text)
            for form in renderings(row["published_value"], int(row["decimals"]))
        )
    ]
    assert not missing, "figures not found in the report text:\n" + "\n".join(missing)
