"""Numbers as the report prints them, each wrapped with where it comes from.

Style (docs/report.md): the published report's own, which is also the usual
one in Peruvian public documents: comma thousands separator and decimal point
(`12,791`, `70.8 %`, `S/ 2,072,340`). Rounding is half away from zero, as
DuckDB's `round()` does in `rpt_report_figures`, so a printed figure equals
that model's `computed_value_rounded`.

Every number of the report is a `<span class="cifra">` carrying its citation:
the mart, the column, the filters that select its row (and an aggregate when
the number is a sum of rows). The report test re-reads each one from the
database, formats it and compares.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from html import escape

THOUSANDS_SEPARATOR = ","
DECIMAL_MARK = "."

# unit -> (prefix, suffix) around the number.
UNIT_AFFIXES: dict[str, tuple[str, str]] = {
    "pct": ("", " %"),
    "pp": ("", " p.p."),
    "pen": ("S/ ", ""),
    "pen_millions": ("S/ ", " millones"),
}
# Decimals when the caller gives none.
DEFAULT_DECIMALS: dict[str, int] = {"pct": 1, "pp": 1, "pen_millions": 1}


def to_decimal(value: object) -> Decimal:
    """A Decimal of an int, float (through its shortest repr) or Decimal."""
    if isinstance(value, Decimal):
        return value
    return Decimal(str(value))


def round_half_away(value: object, decimals: int) -> Decimal:
    """`value` rounded to `decimals` places, ties away from zero."""
    return to_decimal(value).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)


def number(value: object, decimals: int = 0) -> str:
    """`12,791`, `70.8`, `-47.7`: the report's separators."""
    rounded = round_half_away(value, decimals)
    if rounded == 0:
        rounded = abs(rounded)  # never print -0.0
    text = f"{rounded:,.{decimals}f}"
    if THOUSANDS_SEPARATOR == "," and DECIMAL_MARK == ".":
        return text
    return (
        text.replace(",", "\0")
        .replace(".", DECIMAL_MARK)
        .replace("\0", THOUSANDS_SEPARATOR)
    )


def decimals_for(unit: str, decimals: int | None = None) -> int:
    return DEFAULT_DECIMALS.get(unit, 0) if decimals is None else decimals


def with_unit(value: object, unit: str, decimals: int | None = None) -> str:
    """The number with its unit: `70.8 %`, `21.8 p.p.`, `S/ 2,072,340`."""
    prefix, suffix = UNIT_AFFIXES.get(unit, ("", ""))
    return f"{prefix}{number(value, decimals_for(unit, decimals))}{suffix}"


@dataclass(frozen=True)
class Cite:
    """Where a number comes from: `select [agg(]column[)] from mart where
    filters`; `mart` is a model name the report queried (queries.MARTS)."""

    mart: str
    column: str
    filters: tuple[tuple[str, object], ...]
    agg: str | None = None

    def attributes(self) -> dict[str, str]:
        attributes = {
            "data-mart": self.mart,
            "data-column": self.column,
            "data-filters": json.dumps(
                {key: plain(value) for key, value in self.filters}, sort_keys=True
            ),
        }
        if self.agg:
            attributes["data-agg"] = self.agg
        return attributes


def plain(value: object) -> object:
    """A filter value JSON can carry (years and codes: int or str)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else str(value)
    return value


@dataclass(frozen=True)
class Figure:
    """One printed number: its value, unit, precision and citation, and the
    published figure it reproduces when there is one."""

    value: object
    unit: str
    cite: Cite
    decimals: int | None = None
    figure_id: str | None = None
    # "records": the value the warehouse computes (data-figure); "published":
    # the value the published report prints (data-figure-published), shown
    # for external figures and beside a contradicted one.
    role: str = "records"

    @property
    def text(self) -> str:
        return with_unit(self.value, self.unit, self.decimals)

    def html(self) -> str:
        attributes = {
            "class": "cifra",
            **self.cite.attributes(),
            "data-unit": self.unit,
            "data-decimals": str(decimals_for(self.unit, self.decimals)),
        }
        if self.figure_id:
            role = "data-figure" if self.role == "records" else "data-figure-published"
            attributes[role] = self.figure_id
            attributes["title"] = f"figure_id: {self.figure_id}"
            # The anchor; render.py keeps the first of a figure's repeats.
            suffix = "" if self.role == "records" else "-publicada"
            attributes["id"] = f"fig-{self.figure_id}{suffix}"
        rendered = " ".join(
            f'{name}="{escape(value, quote=True)}"'
            for name, value in attributes.items()
        )
        return f"<span {rendered}>{escape(self.text)}</span>"

    def __str__(self) -> str:
        return self.html()


def code(text: object) -> str:
    """An identifier that contains digits but is no figure (a year, a product
    or activity code, a file name): marked so the report test skips it."""
    return f'<span class="cod">{escape(str(text))}</span>'
