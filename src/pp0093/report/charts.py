"""The report's charts as static PNG files (matplotlib, Agg backend: no
display, no network). Labels use the report's number style."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter

from pp0093.report.formatting import number

COLOR = "#1f5a96"
SECOND_COLOR = "#e07b39"
DPI = 150


def setup() -> None:
    plt.rcParams.update(
        {
            "font.family": "DejaVu Sans",  # ships with matplotlib
            "font.size": 8,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "svg.fonttype": "none",
        }
    )


def save(figure: plt.Figure, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=DPI, bbox_inches="tight", metadata={"Software": None})
    plt.close(figure)
    return path


def horizontal_bars(
    axis: plt.Axes,
    title: str,
    labels: Sequence[str],
    values: Sequence[float],
    unit: str = " %",
) -> None:
    """Bars from the top down, each labelled with its value."""
    positions = range(len(labels))[::-1]
    axis.barh(list(positions), values, color=COLOR)
    axis.set_yticks(list(positions), labels)
    axis.set_title(title, loc="left", fontsize=9, fontweight="bold")
    axis.xaxis.set_visible(False)
    axis.spines["bottom"].set_visible(False)
    top = max(values, default=0) or 1
    axis.set_xlim(0, top * 1.25)
    for position, value in zip(positions, values, strict=True):
        axis.text(
            value + top * 0.01,
            position,
            f"{number(value, 1)}{unit}",
            va="center",
            fontsize=7,
        )


def profile_shares(
    panels: Sequence[tuple[str, Sequence[str], Sequence[float]]], path: Path
) -> Path:
    """One panel of shares (%) per profile dimension, two columns."""
    setup()
    rows = (len(panels) + 1) // 2
    figure, axes = plt.subplots(rows, 2, figsize=(9, 2.4 * rows))
    flat = list(axes.flat) if rows > 1 else list(axes)
    for axis, (title, labels, values) in zip(flat, panels, strict=False):
        horizontal_bars(axis, title, labels, values)
    for axis in flat[len(panels) :]:
        axis.set_visible(False)
    figure.tight_layout()
    return save(figure, path)


def service_lines(
    labels: Sequence[str],
    firms: Sequence[float],
    previous: Sequence[float | None],
    years: tuple[int, int],
    path: Path,
) -> Path:
    """Firms per service line, this year beside the previous one."""
    setup()
    figure, axis = plt.subplots(figsize=(8, 3))
    positions = list(range(len(labels)))
    width = 0.38
    has_previous = any(value is not None for value in previous)
    if has_previous:
        axis.bar(
            [p - width / 2 for p in positions],
            [value or 0 for value in previous],
            width,
            color=SECOND_COLOR,
            label=str(years[1]),
        )
    axis.bar(
        [p + (width / 2 if has_previous else 0) for p in positions],
        firms,
        width,
        color=COLOR,
        label=str(years[0]),
    )
    axis.set_xticks(positions, labels)
    axis.yaxis.set_major_formatter(FuncFormatter(lambda value, _: number(value)))
    axis.set_ylabel("Empresas")
    axis.legend(frameon=False)
    return save(figure, path)


def monthly_budget(
    months: Sequence[int],
    devengado: Sequence[float],
    cumulative_pct: Sequence[float | None],
    path: Path,
) -> Path:
    """Devengado per month (bars, millions of soles) and the cumulative
    devengado as % of the PIM to date (line)."""
    setup()
    figure, axis = plt.subplots(figsize=(8, 3))
    axis.bar(
        months,
        [value / 1e6 for value in devengado],
        color=COLOR,
        label="Devengado del mes (S/ millones)",
    )
    axis.set_xticks(list(months), [MONTHS_ES[m - 1] for m in months])
    axis.yaxis.set_major_formatter(FuncFormatter(lambda value, _: number(value, 1)))
    axis.set_ylabel("S/ millones")
    line_axis = axis.twinx()
    line_axis.plot(
        months,
        cumulative_pct,
        color=SECOND_COLOR,
        marker="o",
        label="Devengado acumulado / PIM (%)",
    )
    line_axis.set_ylim(0, 105)
    line_axis.set_ylabel("% del PIM")
    line_axis.spines["right"].set_visible(True)
    handles = axis.get_legend_handles_labels()
    line_handles = line_axis.get_legend_handles_labels()
    axis.legend(
        handles[0] + line_handles[0],
        handles[1] + line_handles[1],
        frameon=False,
        loc="upper left",
        fontsize=7,
    )
    return save(figure, path)


MONTHS_ES = (
    "Ene",
    "Feb",
    "Mar",
    "Abr",
    "May",
    "Jun",
    "Jul",
    "Ago",
    "Set",
    "Oct",
    "Nov",
    "Dic",
)
