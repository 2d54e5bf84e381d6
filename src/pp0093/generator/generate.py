"""Orchestrates one run: populations, records, files, manifest (written last)."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from pp0093.generator.budget import write_mef, write_siaf
from pp0093.generator.calibration import CALIBRATION_PATH, Calibration, load_calibration
from pp0093.generator.dirt import DirtRates
from pp0093.generator.excel import convert_feeds
from pp0093.generator.ids import DNI_SPAN
from pp0093.generator.mef_national import DEFAULT_OTHER_RATIO
from pp0093.generator.population import (
    YEARS,
    FirmRegistry,
    YearPopulation,
    build_populations,
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

BUDGET_YEAR = 2024  # the only year whose budget and physical targets are published
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

    `mef_other_ratio`: rows of other programmes and pliegos per PP 0093 row in
    MEF's national file (docs/feeds.md). `excel_feeds`: feeds written as Excel
    workbooks instead of CSV (generator/excel.py).
    """
    unknown = sorted(set(years) - set(YEARS))
    if unknown:
        raise ValueError(f"years {unknown} are not calibrated (available: {YEARS})")
    if scale < 1:
        raise ValueError("scale must be >= 1")
    years = sorted(set(years))
    calibration = load_calibration()
    registry, populations = build_populations(calibration, scale, seed)
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
        write_year_services(
            writer, calibration, registry, text, populations[year], scale, seed
        )
        if year == BUDGET_YEAR:
            write_mef(writer, raw["budget_2024"], year, mef_other_ratio, seed)
            write_siaf(writer, raw["physical_2024"], year)
    convert_feeds(writer, excel_feeds)
    arguments: dict[str, Any] = {"years": years, "scale": scale, "seed": seed}
    if excel_feeds:
        arguments["excel"] = list(excel_feeds)
    if mef_other_ratio != DEFAULT_OTHER_RATIO:
        arguments["mef_other_ratio"] = mef_other_ratio
    extra = {
        "calibration_sha256": hashlib.sha256(CALIBRATION_PATH.read_bytes()).hexdigest(),
        "firms_served": {str(y): populations[y].size for y in years},
    }
    return writer.write_manifest(arguments, extra)


def write_year_services(
    writer: DatasetWriter,
    calibration: Calibration,
    registry: FirmRegistry,
    text: FirmText,
    population: YearPopulation,
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
    # participants get DNIs from a block of their own per year, after firm owners
    block = (DNI_SPAN - registry.size) // len(YEARS)
    people = PersonAllocator(seed, registry.size + YEARS.index(population.year) * block)
    design = gestion_empresarial_design(population, calibration, people, seed)
    fairs, _, opportunity = opportunity_design(population, calibration, seed)
    write_itp(writer, itp_rows(population, calibration, scale, seed), context)
    rows = directorate_rows(
        population, calibration, design, people, opportunity, scale, seed
    )
    write_directorates(writer, rows, context)
    rows = pnte_rows(population, calibration, design, fairs, opportunity, seed)
    write_pnte(writer, rows, context)
