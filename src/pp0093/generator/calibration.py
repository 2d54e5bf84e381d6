"""Reads calibration.toml; checks its chosen counts give the published figures.

Published figures and rule thresholds are not typed in the TOML: a published
value there is the `figure_id` of its row in seeds/published_figures.csv, and
the thresholds come from the seeds the warehouse applies (seed_thresholds), so
each is written once, in seeds/.
"""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from pp0093 import paths
from pp0093.generator.quotas import largest_remainder, rounds_to

CALIBRATION_PATH = Path(__file__).with_name("calibration.toml")
SEEDS_DIR = paths.PROJECT_ROOT / "seeds"

# Line keys of the membership segments (see calibration.toml).
LINE_KEYS: tuple[str, ...] = (
    "CA",
    "IT",
    "TX",
    "D11",
    "CAP",
    "A12",
    "A13",
    "FER",
    "RUE",
    "PRV",
    "R31",
    "E31",
    "P32",
    "A32",
)
ITP_LINES = ("CA", "IT", "TX")
PRODUCT_1_LINES = ("D11", "CAP", "A12", "A13")
PRODUCT_2_LINES = ("FER", "RUE", "PRV")
ACTIVITY_LINES: dict[str, tuple[str, ...]] = {
    "1.1": ("D11", "CAP"),
    "1.2": ("A12",),
    "1.3": ("A13",),
    "2.2": ("FER", "RUE"),
    "2.3": ("PRV",),
    "3.1": ("R31", "E31"),
    "3.2": ("P32", "A32"),
    "4.1": ITP_LINES,
}
ITP_OTHER_SERVICES: tuple[str, ...] = ("AT", "SP", "EL", "DD", "CC")
SERVICE_LABELS: dict[str, str] = {
    "AT": "asistencia_tecnica",
    "SP": "soporte_productivo",
    "EL": "ensayos_laboratorio",
    "DD": "diseno_desarrollo",
    "CC": "certificacion_competencias",
}
BAND_KEYS: tuple[str, ...] = (
    "upto_13",
    "13_to_50",
    "50_to_150",
    "150_to_500",
    "500_to_1700",
    "1700_to_2300",
    "over_2300",
)
IN_SALES_RANGE_BANDS = (
    "13_to_50",
    "50_to_150",
    "150_to_500",
    "500_to_1700",
    "1700_to_2300",
)
SIZE_KEYS: tuple[str, ...] = ("micro", "pequena", "mediana", "grande")
WORKER_BAND_KEYS: tuple[str, ...] = ("lt5", "5_to_10", "11_to_50", "51_to_100", "gt100")
SECTOR_KEYS: tuple[str, ...] = ("comercio", "manufactura", "servicios", "otros")


@dataclass(frozen=True)
class Segment:
    """A set of firms that all received the same service lines."""

    lines: frozenset[str]
    firms: int


@dataclass(frozen=True)
class YearClasses:
    """How a programme year's firms split by formality and profile."""

    informal: int
    formal_no_profile: int
    with_profile: int
    young_in_sales_range: int


@dataclass(frozen=True)
class Calibration:
    """The parsed calibration file (counts at scale 1)."""

    raw: dict[str, Any]
    segments_2024: tuple[Segment, ...]
    segments_2023: tuple[Segment, ...]

    @property
    def published_2024(self) -> dict[str, Any]:
        return self.raw["published_2024"]

    @property
    def published_2023(self) -> dict[str, Any]:
        return self.raw["published_2023"]

    def classes(self, year: int) -> YearClasses:
        table = self.raw[f"classes_{year}"]
        return YearClasses(
            informal=table["informal"],
            formal_no_profile=table["formal_no_profile"],
            with_profile=table["with_profile"],
            young_in_sales_range=table["young_in_sales_range"],
        )

    def segments(self, year: int) -> tuple[Segment, ...]:
        return self.segments_2024 if year == 2024 else self.segments_2023


def seed_rows(name: str, seeds_dir: Path = SEEDS_DIR) -> list[dict[str, str]]:
    with (seeds_dir / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def published_values(seeds_dir: Path = SEEDS_DIR) -> dict[str, int | float]:
    """Each published figure's value by figure_id: an int when the report
    prints no decimals, else a float."""
    return {
        row["figure_id"]: (
            int(row["published_value"])
            if row["decimals"] == "0"
            else float(row["published_value"])
        )
        for row in seed_rows("published_figures", seeds_dir)
    }


def whole_number(text: str, what: str) -> int:
    value = Decimal(text)
    if value != value.to_integral_value():
        raise ValueError(f"{what}: {text} is not a whole number")
    return int(value)


def seed_thresholds(seeds_dir: Path = SEEDS_DIR) -> dict[str, Any]:
    """The rules the generator places values with, from the warehouse's seeds."""
    parameters = {
        row["parameter_code"]: row for row in seed_rows("program_parameters", seeds_dir)
    }
    return {
        "uit_pen": {
            row["year"]: whole_number(row["uit_pen"], f"uit_values {row['year']}")
            for row in seed_rows("uit_values", seeds_dir)
        },
        "profile_lag_years": whole_number(
            parameters["profile_lag_years"]["value_numeric"], "profile_lag_years"
        ),
    }


def resolve_figures(table: Any, values: dict[str, int | float], where: str) -> Any:
    """`table` with every string value replaced by that figure's published value."""
    if isinstance(table, dict):
        return {
            key: resolve_figures(value, values, f"{where}.{key}")
            for key, value in table.items()
        }
    if isinstance(table, str):
        if table not in values:
            raise ValueError(
                f"{where}: {table!r} is not a figure_id of seeds/published_figures.csv"
            )
        return values[table]
    return table


def load_calibration(path: Path = CALIBRATION_PATH) -> Calibration:
    """Parse the file, derive 2023's segments, and check everything adds up."""
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    values = published_values()
    for table in ("published_2024", "published_2023"):
        raw[table] = resolve_figures(raw[table], values, table)
    raw["thresholds"] = {**raw.get("thresholds", {}), **seed_thresholds()}
    segments_2024 = tuple(
        Segment(frozenset(item["lines"]), int(item["firms"]))
        for item in raw["segments_2024"]
    )
    for segment in segments_2024:
        unknown = segment.lines - set(LINE_KEYS)
        if unknown:
            raise ValueError(f"unknown line keys {sorted(unknown)}")
    segments_2023 = rescale_segments_to_2023(segments_2024, raw["published_2023"])
    calibration = Calibration(raw, segments_2024, segments_2023)
    check_calibration(calibration)
    return calibration


def _touches(segment: Segment, lines: tuple[str, ...]) -> bool:
    return bool(segment.lines & set(lines))


def rescale_segments_to_2023(
    segments: tuple[Segment, ...], published_2023: dict[str, Any]
) -> tuple[Segment, ...]:
    """2024's membership structure resized to what the report says of 2023.

    Segments touching product 1 are resized to its 2023 firms; the remaining
    product 2 segments so that product 2 reaches its 2023 firms; the rest fill the
    2023 total.
    """
    group_p1 = [s for s in segments if _touches(s, PRODUCT_1_LINES)]
    group_p2 = [
        s
        for s in segments
        if _touches(s, PRODUCT_2_LINES) and not _touches(s, PRODUCT_1_LINES)
    ]
    group_rest = [s for s in segments if s not in group_p1 and s not in group_p2]
    p1_counts = largest_remainder(
        [s.firms for s in group_p1], published_2023["product_1_firms"]
    )
    p1_in_p2 = sum(
        count
        for s, count in zip(group_p1, p1_counts, strict=True)
        if _touches(s, PRODUCT_2_LINES)
    )
    p2_counts = largest_remainder(
        [s.firms for s in group_p2], published_2023["product_2_firms"] - p1_in_p2
    )
    rest_total = published_2023["firms_served"] - sum(p1_counts) - sum(p2_counts)
    rest_counts = largest_remainder([s.firms for s in group_rest], rest_total)
    resized = {}
    for group, counts in (
        (group_p1, p1_counts),
        (group_p2, p2_counts),
        (group_rest, rest_counts),
    ):
        for segment, count in zip(group, counts, strict=True):
            resized[segment.lines] = count
    return tuple(Segment(s.lines, resized[s.lines]) for s in segments)


def firms_with_any(segments: tuple[Segment, ...], lines: tuple[str, ...]) -> int:
    """Distinct firms that received at least one of `lines`."""
    return sum(s.firms for s in segments if _touches(s, lines))


class CalibrationError(ValueError):
    """The chosen counts do not reproduce a published figure."""


def _expect_count(name: str, actual: int, expected: int) -> None:
    if actual != expected:
        raise CalibrationError(f"{name}: design gives {actual}, published {expected}")


def _expect_share(name: str, numerator: int, denominator: int, pct: float) -> None:
    if not rounds_to(numerator, denominator, pct):
        share = 100 * numerator / max(denominator, 1)
        raise CalibrationError(f"{name}: design gives {share:.3f} %, published {pct}")


def check_calibration(calibration: Calibration) -> None:
    """Raise CalibrationError unless every published figure follows from the design."""
    check_membership_2024(calibration)
    check_profiles_2024(calibration)
    check_year_2023(calibration)


def check_membership_2024(calibration: Calibration) -> None:
    pub = calibration.published_2024
    seg = calibration.segments_2024
    firms = sum(s.firms for s in seg)
    _expect_count("firms served", firms, pub["firms_served"])
    for activity, expected in pub["activity_firms"].items():
        actual = firms_with_any(seg, ACTIVITY_LINES[activity])
        _expect_count(f"activity {activity} firms", actual, expected)
    _expect_count(
        "product 1", firms_with_any(seg, PRODUCT_1_LINES), pub["product_firms"]["1"]
    )
    _expect_count(
        "product 2", firms_with_any(seg, PRODUCT_2_LINES), pub["product_firms"]["2"]
    )
    trained = firms_with_any(seg, ("D11", "CAP", "A12", "A13", "R31", "E31", "CA"))
    _expect_count("trained", trained, pub["trained_firms"])
    _expect_share(
        "trained by ITP",
        firms_with_any(seg, ("CA",)),
        trained,
        pub["trained_by_itp_pct"],
    )
    _expect_share(
        "topic gestion_empresarial",
        firms_with_any(seg, ("D11", "CAP")),
        trained,
        pub["topic_gestion_empresarial_pct"],
    )
    _expect_share(
        "topic regulacion_gestion_ambiental",
        firms_with_any(seg, ("R31", "E31")),
        trained,
        pub["topic_regulacion_gestion_ambiental_pct"],
    )
    dissemination = firms_with_any(seg, ("IT", "P32", "A32"))
    _expect_count("dissemination", dissemination, pub["dissemination_firms"])
    _expect_share(
        "informacion_tecnologica",
        firms_with_any(seg, ("IT",)),
        dissemination,
        pub["dissemination_informacion_tecnologica_pct"],
    )
    _expect_share(
        "normativa",
        firms_with_any(seg, ("P32", "A32")),
        dissemination,
        pub["dissemination_normativa_pct"],
    )
    tech = firms_with_any(seg, ITP_LINES)
    _expect_count("tech transfer", tech, pub["tech_transfer_firms"])
    for key, pct in pub["tech_transfer_service_pct"].items():
        code = next(c for c, label in SERVICE_LABELS.items() if label == key)
        _expect_share(
            f"service {key}", calibration.raw["itp_service_firms_2024"][code], tech, pct
        )
    _expect_count(
        "market access",
        firms_with_any(seg, PRODUCT_2_LINES),
        pub["market_access_firms"],
    )
    _expect_count(
        "promotion", firms_with_any(seg, ("FER", "RUE")), pub["promotion_firms"]
    )
    _expect_count(
        "supplier programme",
        firms_with_any(seg, ("PRV",)),
        pub["supplier_programme_firms"],
    )
    _expect_count("PNTE fairs", firms_with_any(seg, ("FER",)), pub["pnte_fair_firms"])
    _expect_count(
        "DGDE rounds", firms_with_any(seg, ("RUE",)), pub["dgde_business_round_firms"]
    )
    _expect_share("unit ITP", tech, firms, pub["unit_itp_pct"])
    _expect_share(
        "unit DGPAR", firms_with_any(seg, ("R31", "P32")), firms, pub["unit_dgpar_pct"]
    )
    _expect_share(
        "unit PNTE", firms_with_any(seg, ("CAP", "FER")), firms, pub["unit_pnte_pct"]
    )
    tx_firms = firms_with_any(seg, ("TX",)) - sum(
        s.firms for s in seg if "TX" in s.lines and s.lines & {"CA", "IT"}
    )
    if tx_firms > sum(calibration.raw["itp_service_firms_2024"].values()):
        raise CalibrationError("TX firms cannot all get an AT/SP/EL/DD/CC service")


def check_profiles_2024(calibration: Calibration) -> None:
    pub = calibration.published_2024
    raw = calibration.raw
    classes = calibration.classes(2024)
    _expect_count(
        "classes add up",
        classes.informal + classes.formal_no_profile + classes.with_profile,
        pub["firms_served"],
    )
    bands = raw["band_firms_2024"]
    _expect_count("bands add up", sum(bands.values()), classes.with_profile)
    for key, pct in pub["band_pct"].items():
        _expect_share(f"band {key}", bands[key], classes.with_profile, pct)
    for size, pct in pub["size_pct"].items():
        in_size = sum(v for k, v in bands.items() if raw["bands"][k]["size"] == size)
        _expect_share(f"size {size}", in_size, classes.with_profile, pct)
    in_range = sum(bands[k] for k in IN_SALES_RANGE_BANDS)
    _expect_share(
        "targeted",
        in_range - classes.young_in_sales_range,
        pub["firms_served"],
        pub["targeted_pct"],
    )
    matrix = raw["sector_by_workers_2024"]
    _expect_count(
        "sector x workers add up",
        sum(sum(row.values()) for row in matrix.values()),
        classes.with_profile,
    )
    for sector, pct in pub["sector_pct"].items():
        total = sum(row[sector] for row in matrix.values())
        _expect_share(f"sector {sector}", total, classes.with_profile, pct)
    for band, pct in pub["workers_pct"].items():
        _expect_share(
            f"workers {band}", sum(matrix[band].values()), classes.with_profile, pct
        )
    lt5 = sum(matrix["lt5"].values())
    for sector, pct in pub["lt5_sector_pct"].items():
        _expect_share(f"lt5 {sector}", matrix["lt5"][sector], lt5, pct)
    departments = raw["department_firms_2024"]
    _expect_count("departments add up", sum(departments.values()), pub["firms_served"])
    for code, pct in pub["department_pct"].items():
        _expect_share(f"department {code}", departments[code], pub["firms_served"], pct)
    grande = raw["classes_2024"]["grande_in_promotion"]
    mipyme_in_promotion = pub["promotion_firms"] - grande
    if grande > bands["over_2300"] or mipyme_in_promotion <= 0:
        raise CalibrationError("grande_in_promotion out of range")


def check_year_2023(calibration: Calibration) -> None:
    pub = calibration.published_2023
    seg = calibration.segments_2023
    classes = calibration.classes(2023)
    _expect_count("2023 firms", sum(s.firms for s in seg), pub["firms_served"])
    _expect_count(
        "2023 product 1", firms_with_any(seg, PRODUCT_1_LINES), pub["product_1_firms"]
    )
    _expect_count(
        "2023 product 2", firms_with_any(seg, PRODUCT_2_LINES), pub["product_2_firms"]
    )
    _expect_count(
        "2023 classes add up",
        classes.informal + classes.formal_no_profile + classes.with_profile,
        pub["firms_served"],
    )
    bands_2024 = calibration.raw["band_firms_2024"]
    bands = largest_remainder(list(bands_2024.values()), classes.with_profile)
    in_range = sum(
        count
        for key, count in zip(bands_2024, bands, strict=True)
        if key in IN_SALES_RANGE_BANDS
    )
    _expect_share(
        "2023 targeted",
        in_range - classes.young_in_sales_range,
        pub["firms_served"],
        pub["targeted_pct"],
    )
    promotion = firms_with_any(seg, ("FER", "RUE"))
    if promotion > classes.with_profile:
        raise CalibrationError("2023 promotion firms exceed firms with a profile")
