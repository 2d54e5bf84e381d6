"""SUNAT files: the padrón reducido (Latin-1, pipes) and the yearly firm profiles."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

from pp0093.feed_contracts import contract
from pp0093.generator.calibration import SECTOR_KEYS
from pp0093.generator.names import company_names, person_names
from pp0093.generator.population import PROFILED, FirmRegistry, YearPopulation
from pp0093.generator.quotas import choose
from pp0093.generator.streams import stream
from pp0093.generator.text import (
    cents_text,
    chunked,
    int_text,
    lines_from_columns,
    styled,
)
from pp0093.generator.writer import DatasetWriter

STATUSES = ("ACTIVO", "SUSPENSION TEMPORAL", "BAJA DE OFICIO", "BAJA DEFINITIVA")
STATUS_WEIGHTS = (0.95, 0.02, 0.02, 0.01)
CONDITIONS = ("HABIDO", "NO HABIDO", "NO HALLADO")
CONDITION_WEIGHTS = (0.93, 0.05, 0.02)
STREET_TYPES = ("AV.", "JR.", "CAL.", "PJ.", "CAR.")
STREETS = (
    "LOS OLIVOS",
    "JOSÉ GÁLVEZ",
    "28 DE JULIO",
    "MIGUEL GRAU",
    "SAN MARTÍN",
    "BOLOGNESI",
    "LA MARINA",
    "TÚPAC AMARU",
    "LOS ÁLAMOS",
    "PROLONG. HUÁNUCO",
    "MARISCAL CÁCERES",
    "ÑAÑA",
    "LAS BEGONIAS",
    "ALFONSO UGARTE",
)
ZONE_CODES = ("URB.", "A.H.", "P.J.", "ASOC.", "COO.")
ZONES = (
    "SANTA ROSA",
    "EL PROGRESO",
    "LOS JARDINES",
    "SAN GABRIEL",
    "VILLA MARÍA",
    "LA VICTORIA",
    "SEÑOR DE LUREN",
    "EL PEDREGAL",
)


def served_formal_firms(
    registry: FirmRegistry, populations: dict[int, YearPopulation], years: list[int]
) -> np.ndarray:
    """Registry indexes of formal firms served in any of `years`, by RUC."""
    firms = np.unique(np.concatenate([populations[y].firm for y in years]))
    firms = firms[registry.is_formal[firms]]
    return firms[np.argsort(registry.ruc[firms], kind="stable")]


def firm_names(registry: FirmRegistry, firms: np.ndarray, seed: int) -> np.ndarray:
    """Person names for RUC 10/15, company names for 20/17 (by firm, stable)."""
    rng = stream(seed, "names")
    everyone = np.arange(registry.size)
    prefix = registry.ruc // 1_000_000_000
    persons = person_names(rng, registry.size)
    sectors = [
        SECTOR_KEYS[s] if s >= 0 else "unknown" for s in registry.sector.tolist()
    ]
    companies = company_names(rng, sectors)
    is_person = np.isin(prefix, (10, 15))
    names = np.where(
        is_person[everyone],
        np.array(persons, dtype=object),
        np.array(companies, dtype=object),
    )
    return names[firms]


def write_padron(
    writer: DatasetWriter,
    registry: FirmRegistry,
    populations: dict[int, YearPopulation],
    years: list[int],
    calibration: dict[str, Any],
    seed: int,
) -> None:
    firms = served_formal_firms(registry, populations, years)
    n = len(firms)
    rng = stream(seed, "padron")
    records = calibration["records"]
    dirt = calibration["dirt"]
    status = np.array(STATUSES, dtype=object)[
        rng.choice(len(STATUSES), n, p=STATUS_WEIGHTS)
    ]
    condition = np.array(CONDITIONS, dtype=object)[
        rng.choice(len(CONDITIONS), n, p=CONDITION_WEIGHTS)
    ]
    ubigeo = int_text(registry.ubigeo[firms], 6)
    no_ubigeo = choose(np.arange(n), round(records["padron_ubigeo_missing"] * n), rng)
    ubigeo[no_ubigeo] = "-"
    address = draw_addresses(n, rng)
    no_address = choose(np.arange(n), round(records["padron_address_missing"] * n), rng)
    for column in address:
        column[no_address] = "-"
    style = np.zeros(n, dtype=np.int64)
    dirty = choose(np.arange(n), round(dirt["padron_name_whitespace_case"] * n), rng)
    style[dirty] = rng.integers(1, 4, len(dirty))
    names = styled(firm_names(registry, firms, seed), style)
    ruc = int_text(registry.ruc[firms])

    def render(part: slice) -> list[str]:
        columns = [
            ruc[part],
            names[part],
            status[part],
            condition[part],
            ubigeo[part],
            *[column[part] for column in address],
        ]
        return [line + "|" for line in lines_from_columns(columns, "|")]

    writer.write(
        "sunat_padron/padron_reducido_ruc.txt",
        contract("sunat_padron").header(),
        chunked(n, render),
        encoding="latin-1",
        dirt={
            "name_whitespace_case_rows": len(dirty),
            "ubigeo_missing_rows": len(no_ubigeo),
            "address_missing_rows": len(no_address),
        },
    )


def draw_addresses(n: int, rng: np.random.Generator) -> list[np.ndarray]:
    """The padrón's ten address columns, `-` where SUNAT has nothing."""

    def pick(values: tuple[str, ...]) -> np.ndarray:
        return np.array(values, dtype=object)[rng.integers(0, len(values), n)]

    def maybe(values: np.ndarray, rate: float) -> np.ndarray:
        return np.where(rng.random(n) < rate, values, "-").astype(object)

    numbers = np.array(
        [str(v) for v in rng.integers(1, 2500, n).tolist()], dtype=object
    )
    small = np.array([str(v) for v in rng.integers(1, 40, n).tolist()], dtype=object)
    letters = np.array(list("ABCDEFGHIJK"), dtype=object)[rng.integers(0, 11, n)]
    return [
        pick(STREET_TYPES),
        pick(STREETS),
        maybe(pick(ZONE_CODES), 0.6),
        maybe(pick(ZONES), 0.6),
        maybe(numbers, 0.8),
        maybe(small, 0.15),
        maybe(small, 0.3),
        maybe(small, 0.05),
        maybe(letters, 0.3),
        maybe(small, 0.02),
    ]


def registration_text(ordinals: np.ndarray) -> np.ndarray:
    """Registration dates as `dd/mm/yyyy`."""
    first = int(ordinals.min(initial=dt.date(2000, 1, 1).toordinal()))
    last = int(ordinals.max(initial=first))
    table = np.array(
        [dt.date.fromordinal(o).strftime("%d/%m/%Y") for o in range(first, last + 1)],
        dtype=object,
    )
    return table[ordinals - first]


def write_profiles(
    writer: DatasetWriter,
    registry: FirmRegistry,
    population: YearPopulation,
    uit_pen: dict[str, int],
    lag_years: int,
    seed: int,
) -> None:
    """The SUNAT extract for fiscal year = programme year - lag."""
    fiscal_year = population.year - lag_years
    uit = uit_pen[str(fiscal_year)]
    local = np.flatnonzero(population.klass == PROFILED)
    firm = population.firm[local]
    order = np.argsort(registry.ruc[firm], kind="stable")
    local, firm = local[order], firm[order]
    cents = np.round(population.sales_uit[local] * uit * 100).astype(np.int64)
    registration = registration_text(registry.registration[firm])
    ruc = int_text(registry.ruc[firm])
    ciiu = int_text(registry.ciiu[firm], 4)
    sales = cents_text(cents)
    workers = int_text(population.workers[local])
    dates = registration
    period = np.full(len(local), str(fiscal_year), dtype=object)
    del seed  # profiles hold no random draws of their own

    def render(part: slice) -> list[str]:
        return lines_from_columns(
            [
                ruc[part],
                period[part],
                ciiu[part],
                sales[part],
                workers[part],
                dates[part],
            ],
            ",",
        )

    writer.write(
        f"sunat_perfil/{fiscal_year}/perfil_empresas_{fiscal_year}.csv",
        contract("sunat_perfil").header(),
        chunked(len(local), render),
    )
