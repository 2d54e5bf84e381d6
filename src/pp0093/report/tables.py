"""Report tables with great-tables: cells arrive already formatted (a
`cifra` span or text), so every number in a table carries its citation."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import polars as pl
from great_tables import GT, html

# Column keys become HTML ids (the header cells'): unique across tables.
_TABLE_NUMBERS = itertools.count(1)

SOURCE_NOTE = (
    'Fuente: registros administrativos del <span class="cod">PP 0093</span> '
    "(almacén de datos)."
)


def table(
    title: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    source: str = SOURCE_NOTE,
    numeric_from: int = 1,
) -> str:
    """An HTML table; columns from `numeric_from` on are right-aligned. The
    title, labels and cells are HTML (values escaped by the caller)."""
    if not rows:
        return ""
    number = next(_TABLE_NUMBERS)
    keys = [f"t{number}_c{index}" for index in range(len(columns))]
    frame = pl.DataFrame(
        {
            key: ["" if row[i] is None else str(row[i]) for row in rows]
            for i, key in enumerate(keys)
        }
    )
    gt = (
        GT(frame)
        .tab_header(title=html(title))
        .cols_label(
            **{key: html(text) for key, text in zip(keys, columns, strict=True)}
        )
        .fmt(lambda value: value, columns=keys)  # cells are HTML already
        .cols_align("left", columns=keys[:numeric_from])
        .cols_align("right", columns=keys[numeric_from:])
        .tab_source_note(html(source))
        .tab_options(
            table_font_size="9pt",
            heading_title_font_size="10.5pt",
            table_width="100%",
            column_labels_font_weight="bold",
            column_labels_background_color="#e8eef5",
            data_row_padding="2px",
        )
    )
    return gt.as_raw_html()
