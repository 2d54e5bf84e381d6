"""Orchestrates one run: populations, records, files, manifest (written last)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from pp0093.generator.budget import write_mef, write_siaf
from pp0093.generator.calibration import CALIBRATION_PATH, Calibration, load_calibration
from pp0093.generator.dirt import DirtRates
from pp0093.generator.drift import BUDGET_YEAR, drifted_budget, year_drift
from pp0093.generator.excel import convert_feeds
from pp0093.generator.ids import DNI_SPAN
from pp0093.generator.mef_national import DEFAULT_OTHER_RATIO
from pp0093.generator.population import (
    YEARS,
    FirmRegistry,
    YearPopulation,
    build_populations,
    build_year,
    register_synthetic_year,
)
from pp0093.generator.records import (
    PersonAllocator,
    directorate_rows,
    gestion_empresarial_design,
    itp_rows,
    opportunity_design,
    pnte_rows,
)
from pp0093.generator.service_feeds import (
    FeedContext,
    FirmText,
    write_directorates,
    write_itp,
    write_pnte,
)
from pp0093.generator.sunat import write_padron, write_profiles
from pp0093.generator.writer import DatasetWriter

# Programme years the generator writes: a year's SUNAT profile is the fiscal year
# two years before, whose UIT calibration.toml must hold.
FIRST_YEAR, LAST_YEAR = 2021, 2028
FEED_FOLDERS = (
    "sunat_padron",
    "sunat_perfil",
    "itp_cite",
    "produce_direcciones",
    "pnte_tu_empresa",
    "mef_gasto",
    "siaf_avance_fisico",
)


def generate(
    years: list[int],
    scale: int,
    seed: int,
    out: Path,
    mef_other_ratio: float = DEFAULT_OTHER_RATIO,
    excel_feeds: tuple[str, ...] = (),
) -> Path:
    """Write every feed for `years` under `out`; returns the manifest's path.

    2023 and 2024 are calibrated to the report; any other year is drawn from the
    nearest of them with a seeded drift (drift.py, calibration.toml [drift]).
    `mef_other_ratio`: rows of other programmes and pliegos per PP 0093 row in
    MEF's national file (docs/feeds.md). `excel_feeds`: feeds written as Excel
    workbooks instead of CSV (generator/excel.py).
    """
    outside = sorted(y for y in set(years) if not FIRST_YEAR <= y <= LAST_YEAR)
    if outside:
        raise ValueError(
            f"years {outside} are outside {FIRST_YEAR}-{LAST_YEAR} (a year needs "
            "the UIT of its profile year in calibration.toml)"
        )
    if scale < 1:
        raise ValueError("scale must be >= 1")
    years = sorted(set(years))
    calibration = load_calibration()
    registry, populations = build_populations(calibration, scale, seed)
    people_blocks = participant_blocks(registry.size, years)
    for year in years:
        if year not in YEARS:
            drift = year_drift(calibration, year, seed)
            population = build_year(calibration, year, scale, seed, drift=drift)
            first_dni = people_blocks[year] - population.size
            registry = register_synthetic_year(
                calibration, registry, population, drift, first_dni, seed
            )
            populations[year] = population
    writer = DatasetWriter(out, FEED_FOLDERS)
    raw = calibration.raw
    write_padron(writer, registry, populations, years, raw, seed)
    text = FirmText(registry)
    for year in years:
        write_profiles(
            writer,
            registry,
            populations[year],
            raw["thresholds"]["uit_pen"],
            raw["thresholds"]["profile_lag_years"],
            seed,
        )
        people = PersonAllocator(seed, people_blocks[year])
        write_year_services(
            writer, calibration, registry, text, populations[year], people, scale, seed
        )
        budget, physical = (
            (raw[f"budget_{year}"], raw[f"physical_{year}"])
            if year == BUDGET_YEAR
            else drifted_budget(calibration, year, seed)
        )
        write_mef(writer, budget, year, mef_other_ratio, seed)
        write_siaf(writer, physical, year)
    convert_feeds(writer, excel_feeds)
    arguments: dict[str, Any] = {"years": years, "scale": scale, "seed": seed}
    if excel_feeds:
        arguments["excel"] = list(excel_feeds)
    if mef_other_ratio != DEFAULT_OTHER_RATIO:
        arguments["mef_other_ratio"] = mef_other_ratio
    extra = {
        "calibration_sha256": hashlib.sha256(CALIBRATION_PATH.read_bytes()).hexdigest(),
        "firms_served": {str(y): populations[y].size for y in years},
        "synthetic_years": [y for y in years if y not in YEARS],
        "synthetic_budget_years": [y for y in years if y != BUDGET_YEAR],
    }
    return writer.write_manifest(arguments, extra)


def participant_blocks(calibrated_firms: int, years: list[int]) -> dict[int, int]:
    """First DNI position of each year's participants, clear of firm owners.

    Positions 0.. of the DNI bijection are the calibrated years' firms; after
    them each calibrated year has a block of its own (as many positions as
    there are left, shared). The second half of the last block is split among
    the synthetic years, each starting with its own firms' owners: a synthetic
    year's participants start after them (its firms' count is subtracted by
    the caller to place the owners).
    """
    block = (DNI_SPAN - calibrated_firms) // len(YEARS)
    blocks = {y: calibrated_firms + YEARS.index(y) * block for y in YEARS}
    synthetic = [y for y in years if y not in YEARS]
    if synthetic:
        start = calibrated_firms + (len(YEARS) - 1) * block + block // 2
        width = (block // 2) // len(synthetic)
        owners = width // 2  # owners first, participants after them
        for rank, year in enumerate(synthetic):
            blocks[year] = start + rank * width + owners
    return blocks


def write_year_services(
    writer: DatasetWriter,
    calibration: Calibration,
    registry: FirmRegistry,
    text: FirmText,
    population: YearPopulation,
    people: PersonAllocator,
    scale: int,
    seed: int,
) -> None:
    """The ITP, directorates and PNTE files of one programme year."""
    raw = calibration.raw
    context = FeedContext(
        population=population,
        registry=registry,
        text=text,
        rates=DirtRates.from_calibration(raw["dirt"]),
        owner_dni_rate=raw["records"]["owner_dni_on_ruc10_rows"],
        seed=seed,
    )
    design = gestion_empresarial_design(population, calibration, people, seed)
    fairs, _, opportunity = opportunity_design(population, calibration, seed)
    write_itp(writer, itp_rows(population, calibration, scale, seed), context)
    rows = directorate_rows(
        population, calibration, design, people, opportunity, scale, seed
    )
    write_directorates(writer, rows, context)
    rows = pnte_rows(population, calibration, design, fairs, opportunity, seed)
    write_pnte(writer, rows, context)
