"""Dirty rows and values, added on top of the calibrated records.

Extra rows (exact duplicates, a wrong RUC check digit, a date not in the source's
format) sit right after the row they copy; staging drops or rejects them, so a
warehouse that cleans correctly still reproduces the calibrated figures. Styled
codes (case, stray spaces) and missing optional fields change calibrated rows in
ways staging normalises.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from pp0093.generator.quotas import choose

NORMAL, DUPLICATE, BAD_RUC, BAD_DATE = 0, 1, 2, 3


@dataclass(frozen=True)
class DirtRates:
    duplicate_rows: float
    bad_ruc_check_digit: float
    bad_date_format: float
    code_whitespace_case: float
    missing_modalidad: float

    @classmethod
    def from_calibration(cls, table: dict[str, Any]) -> DirtRates:
        return cls(
            duplicate_rows=table["duplicate_rows"],
            bad_ruc_check_digit=table["bad_ruc_check_digit"],
            bad_date_format=table["bad_date_format"],
            code_whitespace_case=table["code_whitespace_case"],
            missing_modalidad=table["missing_modalidad"],
        )


def number_rows(
    rows: dict[str, np.ndarray], rng: np.random.Generator, group: str | None = None
) -> dict[str, np.ndarray]:
    """Sort by date (random order within a day) and number rows from 1, per
    `group` value when given (directorates number their own records)."""
    n = len(rows["date"])
    order = np.lexsort((rng.random(n), rows["date"]))
    rows = {key: values[order] for key, values in rows.items()}
    seq = np.zeros(n, dtype=np.int64)
    if group is None:
        seq[:] = np.arange(1, n + 1)
    else:
        for value in np.unique(rows[group]).tolist():
            members = np.flatnonzero(rows[group] == value)
            seq[members] = np.arange(1, len(members) + 1)
    rows["seq"] = seq
    return rows


def add_dirt(
    rows: dict[str, np.ndarray],
    has_ruc: np.ndarray,
    rates: DirtRates,
    rng: np.random.Generator,
    group: str | None = None,
    has_modality: bool = False,
) -> tuple[dict[str, np.ndarray], dict[str, int]]:
    """The rows with dirt added, and how many rows of each kind were made dirty."""
    n = len(rows["seq"])
    all_rows = np.arange(n)
    beneficiary = np.flatnonzero(rows["firm"] >= 0)
    style = np.zeros(n, dtype=np.int64)
    styled_rows = choose(all_rows, round(rates.code_whitespace_case * n), rng)
    style[styled_rows] = rng.integers(1, 4, len(styled_rows))
    rows = {**rows, "style": style, "variant": np.zeros(n, dtype=np.int64)}
    counts = {"code_whitespace_case_rows": len(styled_rows)}
    if has_modality:
        missing = choose(all_rows, round(rates.missing_modalidad * n), rng)
        rows["modality"] = rows["modality"].copy()
        rows["modality"][missing] = -1
        counts["missing_modalidad_rows"] = len(missing)
    sources = {
        DUPLICATE: choose(beneficiary, round(rates.duplicate_rows * n), rng),
        BAD_RUC: choose(
            np.flatnonzero(has_ruc), round(rates.bad_ruc_check_digit * n), rng
        ),
        BAD_DATE: choose(beneficiary, round(rates.bad_date_format * n), rng),
    }
    counts["duplicate_rows"] = len(sources[DUPLICATE])
    counts["bad_ruc_rows"] = len(sources[BAD_RUC])
    counts["bad_date_rows"] = len(sources[BAD_DATE])
    parts = [{**rows, "position": all_rows * 4}]
    next_seq = _next_free_seq(rows, group)
    for variant, source in sources.items():
        extra = {key: values[source] for key, values in rows.items()}
        extra["variant"] = np.full(len(source), variant)
        extra["position"] = source * 4 + variant
        if variant != DUPLICATE:
            extra["seq"] = _new_seqs(extra, next_seq, group)
        parts.append(extra)
    merged = {key: np.concatenate([p[key] for p in parts]) for key in parts[0]}
    merged["ruc_shift"] = rng.integers(0, 9, len(merged["seq"]))
    order = np.argsort(merged.pop("position"), kind="stable")
    return {key: values[order] for key, values in merged.items()}, counts


def _next_free_seq(rows: dict[str, np.ndarray], group: str | None) -> dict[int, int]:
    if group is None:
        return {-1: int(rows["seq"].max(initial=0)) + 1}
    return {
        int(value): int(rows["seq"][rows[group] == value].max()) + 1
        for value in np.unique(rows[group]).tolist()
    }


def _new_seqs(
    extra: dict[str, np.ndarray], next_seq: dict[int, int], group: str | None
) -> np.ndarray:
    """Fresh record numbers for extra rows (they are new submissions)."""
    seq = np.zeros(len(extra["seq"]), dtype=np.int64)
    keys = extra[group] if group is not None else np.full(len(seq), -1)
    for index, key in enumerate(keys.tolist()):
        seq[index] = next_seq[key]
        next_seq[key] += 1
    return seq
