"""The generator's MEF national file (generator/mef_national.py), unit by unit.

The calibrated default file is checked in test_generator.py; here the pieces that
make any file: the split of a budget record over metas, funding sources and
classifiers, and the other programmes' rows at the ratio asked for.
"""

from __future__ import annotations

import csv
from pathlib import Path

from pp0093.generator.mef_national import (
    national_rows,
    split_amounts,
    to_cents,
    write_mef_national,
)
from pp0093.generator.writer import DatasetWriter

RECORD = [
    "2024", "1", "038", "M. DE LA PRODUCCION", "001", "SEDE", "0093", "PP",
    "3999001", "PRODUCTO", "5999011", "ACTIVIDAD",
    "10.00", "10.00", "8.00", "6.00", "5.00", "4.00",
]  # fmt: skip


def test_a_split_adds_up_and_keeps_mef_identities() -> None:
    amounts = [1_000_001, -2_003, 900_007, 800_011, 700_013, 600_017]
    parts = split_amounts(amounts, [7.0, 3.0, 88.0, 12.0, 1.0])
    assert [sum(column) for column in zip(*parts, strict=True)] == amounts
    for _pia, _pim, certified, committed, accrued, paid in parts:
        assert certified >= committed >= accrued >= paid >= 0


def test_the_other_programmes_ratio_is_an_option(tmp_path: Path) -> None:
    writer = DatasetWriter(tmp_path, ("mef_gasto",))
    written = write_mef_national(writer, [RECORD], 2024, other_ratio=3.5)
    programme_rows = len(national_rows([RECORD]))
    assert written.rows == programme_rows + round(programme_rows * 3.5)
    with (tmp_path / written.path).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == written.rows
    ours = [r for r in rows if r["PROGRAMA_PPTO"] == "0093"]
    assert len(ours) == programme_rows
    assert sum(to_cents(r["MONTO_DEVENGADO"]) for r in ours) == 500
    assert sum(to_cents(r["MONTO_GIRADO"]) for r in ours) == 400
    # PP 0093's rows sit between the two halves of the others
    positions = [i for i, r in enumerate(rows) if r["PROGRAMA_PPTO"] == "0093"]
    assert positions[0] > 0 and positions[-1] < len(rows) - 1


def test_no_other_programme_is_pp0093(tmp_path: Path) -> None:
    writer = DatasetWriter(tmp_path, ("mef_gasto",))
    written = write_mef_national(writer, [RECORD], 2024, other_ratio=50)
    with (tmp_path / written.path).open(encoding="utf-8", newline="") as handle:
        codes = {r["PROGRAMA_PPTO"] for r in csv.DictReader(handle)}
    assert "0093" in codes
    assert not any(code.lstrip("0") == "93" for code in codes - {"0093"})
