"""Vectorised text formatting: dates, numbers and the dirt applied to codes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import numpy as np

CHUNK_ROWS = 100_000


class DateText:
    """Date strings by ordinal, precomputed for a span of years."""

    def __init__(self, first_year: int, last_year: int) -> None:
        self.first = dt.date(first_year, 1, 1).toordinal()
        days = [
            dt.date.fromordinal(o)
            for o in range(self.first, dt.date(last_year, 12, 31).toordinal() + 1)
        ]
        self.iso = np.array([d.isoformat() for d in days], dtype=object)
        self.dmy = np.array([d.strftime("%d/%m/%Y") for d in days], dtype=object)
        self.compact = np.array([d.strftime("%Y%m%d") for d in days], dtype=object)

    def format(self, table: np.ndarray, ordinals: np.ndarray) -> np.ndarray:
        return table[np.asarray(ordinals) - self.first]


CLOCK_WITH_SECONDS = np.array(
    [f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}" for s in range(86_400)],
    dtype=object,
)
CLOCK_MINUTES = np.array(
    [f"{s // 3600:02d}:{s % 3600 // 60:02d}" for s in range(86_400)], dtype=object
)


def clock_text(seconds: np.ndarray, with_seconds: bool = True) -> np.ndarray:
    """`hh:mm:ss` (or `hh:mm`) for seconds since midnight."""
    table = CLOCK_WITH_SECONDS if with_seconds else CLOCK_MINUTES
    return table[np.asarray(seconds, dtype=np.int64) % 86_400]


def join_text(*parts: np.ndarray | str) -> np.ndarray:
    """Element-wise concatenation of text arrays and constant strings."""
    length = next(len(p) for p in parts if not isinstance(p, str))
    columns = [
        [p] * length if isinstance(p, str) else np.asarray(p, dtype=object).tolist()
        for p in parts
    ]
    return np.array(
        ["".join(fields) for fields in zip(*columns, strict=True)], dtype=object
    )


def int_text(values: np.ndarray, width: int = 0) -> np.ndarray:
    """Integers as text (zero-padded to `width`), empty where negative."""
    pattern = f"%0{width}d" if width else "%d"
    return np.array(
        [pattern % v if v >= 0 else "" for v in np.asarray(values).tolist()],
        dtype=object,
    )


def cents_text(cents: np.ndarray) -> np.ndarray:
    """Non-negative amounts in cents as `1234.56`."""
    return np.array(
        [
            f"{c // 100}.{c % 100:02d}"
            for c in np.asarray(cents, dtype=np.int64).tolist()
        ],
        dtype=object,
    )


def tenths_text(tenths: np.ndarray) -> np.ndarray:
    """Scores in tenths as `14` or `14.5`; empty where negative."""
    table = np.array(
        [str(t // 10) if t % 10 == 0 else f"{t // 10}.{t % 10}" for t in range(0, 201)],
        dtype=object,
    )
    tenths = np.asarray(tenths, dtype=np.int64)
    return np.where(tenths >= 0, table[np.clip(tenths, 0, 200)], "")


def styled(values: np.ndarray, style: np.ndarray) -> np.ndarray:
    """Dirt on codes and names: 1 lower case, 2 stray spaces, 3 mixed case."""
    values = np.asarray(values, dtype=object).copy()
    for index in np.flatnonzero(style > 0).tolist():
        text = values[index]
        if not text:
            continue
        kind = int(style[index])
        if kind == 1:
            values[index] = text.lower()
        elif kind == 2:
            values[index] = f"  {text} "
        else:
            values[index] = text.title()
    return values


def lines_from_columns(columns: list[np.ndarray], delimiter: str) -> list[str]:
    return [
        delimiter.join(fields)
        for fields in zip(*[c.tolist() for c in columns], strict=True)
    ]


def chunked(n: int, render: Callable[[slice], list[str]]) -> Iterator[list[str]]:
    """Render rows [0, n) in chunks, so large files stream through memory."""
    for start in range(0, n, CHUNK_ROWS):
        yield render(slice(start, min(n, start + CHUNK_ROWS)))
