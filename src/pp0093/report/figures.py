"""The numbers of one programme year, looked up by metric, with the published
figure each reproduces (rpt_report_figures) and the report's own notes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pp0093.report import queries
from pp0093.report.formatting import Cite, Figure

# Spanish names of rpt_report_figures statuses; a status this table does not
# know (a newer one, e.g. not_published) prints as its code.
STATUS_LABELS_ES: dict[str, str] = {
    "match": "Coincide",
    "mismatch": "No coincide",
    "report_inconsistent": "Informe contradictorio",
    "not_computable": "No calculable con registros",
    "not_published": "No publicada",
}
# Figure units (seed published_figures) that print as plain counts.
COUNT_UNITS = {"firms", "actions", "firms_or_actions", "people"}


def status_label(status: str | None) -> str:
    return STATUS_LABELS_ES.get(status or "", status or "")


def print_unit(unit: str | None) -> str:
    """The formatting unit of a figure unit: counts print plain."""
    if not unit or unit in COUNT_UNITS:
        return "count"
    return unit


@dataclass
class Figures:
    """Metric values (ind_report_metrics) of the year and the one before, and
    the published figures of the report edition being written."""

    year: int
    metrics: dict[tuple[str, str, int], Any]
    published: list[queries.Row]
    edition_column: str | None

    @classmethod
    def load(cls, db: queries.Database, year: int) -> Figures:
        metrics = {
            (
                row["metric"],
                row["dimension_value"] or "",
                int(row["program_year"]),
            ): row["computed_value"]
            for row in queries.report_metrics(db, [year, year - 1])
        }
        rows, edition_column = queries.report_figures(db)
        return cls(year, metrics, rows, edition_column)

    def edition(self) -> list[queries.Row]:
        """Published figures of this year's report. With an edition column,
        its rows for the year; without one the seed holds a single edition,
        the latest programme year it has figures for, and all its rows."""
        if self.edition_column:
            return [r for r in self.published if r[self.edition_column] == self.year]
        latest = max((int(r["program_year"]) for r in self.published), default=None)
        return list(self.published) if latest == self.year else []

    def published_for(
        self, metric: str, dimension: str, year: int
    ) -> list[queries.Row]:
        return [
            row
            for row in self.published
            if row["metric"] == metric
            and (row["dimension_value"] or "") == dimension
            and int(row["program_year"]) == year
            and not row["is_lower_bound"]
        ]

    def figure_id(self, metric: str, dimension: str, year: int) -> str | None:
        """The published figure the records' value reproduces: the one the
        records support when the report states two values for the fact."""
        rows = self.published_for(metric, dimension, year)
        supported = [row for row in rows if row["is_supported_by_records"]]
        chosen = (supported or rows or [None])[0]
        return chosen["figure_id"] if chosen else None

    def contradicted(self, metric: str, dimension: str, year: int) -> list[queries.Row]:
        """Published figures of the fact that the records do not support."""
        return [
            row
            for row in self.published_for(metric, dimension, year)
            if row["status"] in {"report_inconsistent", "mismatch"}
            and row["is_supported_by_records"] is False
        ]

    def cited(
        self,
        value: Any,
        unit: str,
        cite: Cite,
        *,
        decimals: int | None = None,
        figure_id: str | None = None,
        role: str = "records",
    ) -> Figure | None:
        """A Figure of a value read from a mart (None when there is none)."""
        if value is None:
            return None
        figure_decimals = decimals
        if figure_id and decimals is None:
            figure_decimals = self.decimals_of(figure_id)
        return Figure(
            value=value,
            unit=unit,
            cite=cite,
            decimals=figure_decimals,
            figure_id=figure_id,
            role=role,
        )

    def decimals_of(self, figure_id: str) -> int | None:
        row = next((r for r in self.published if r["figure_id"] == figure_id), None)
        return int(row["decimals"]) if row and row["decimals"] is not None else None

    def metric(
        self,
        metric: str,
        dimension: str = "",
        *,
        unit: str = "count",
        year: int | None = None,
        decimals: int | None = None,
    ) -> Figure | None:
        """A metric of ind_report_metrics, with its published figure."""
        year = self.year if year is None else year
        value = self.metrics.get((metric, dimension, year))
        cite = Cite(
            "ind_report_metrics",
            "computed_value",
            (
                ("program_year", year),
                ("metric", metric),
                ("dimension_value", dimension),
            ),
        )
        return self.cited(
            value,
            unit,
            cite,
            decimals=decimals,
            figure_id=self.figure_id(metric, dimension, year),
        )
