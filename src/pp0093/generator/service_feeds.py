"""Writes the three service feeds (ITP, PRODUCE directorates, PNTE) of one year."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pp0093.feed_contracts import contract
from pp0093.generator.dirt import BAD_DATE, BAD_RUC, DirtRates, add_dirt, number_rows
from pp0093.generator.geography import CITES, DEPARTMENT_CODES, DEPARTMENT_NAMES
from pp0093.generator.ids import wrong_check_digit
from pp0093.generator.population import FirmRegistry, YearPopulation
from pp0093.generator.records import (
    DIRECTORATE_CODES,
    DIRECTORATE_UNITS,
    ITP_SERVICE_CODES,
    PNTE_FAIR_TITLES,
    PNTE_LINES,
    PNTE_MODALITIES,
    PNTE_TRAINING_TITLES,
    Rows,
)
from pp0093.generator.streams import stream
from pp0093.generator.text import (
    DateText,
    chunked,
    clock_text,
    int_text,
    join_text,
    lines_from_columns,
    styled,
    tenths_text,
)
from pp0093.generator.writer import DatasetWriter


class FirmText:
    """Each registry firm's RUC, owner DNI and ubigeo as text, made once."""

    def __init__(self, registry: FirmRegistry) -> None:
        self.ruc = int_text(registry.ruc)
        self.owner_dni = int_text(registry.owner_dni, 8)
        self.ubigeo = int_text(registry.ubigeo, 6)
        self.is_ruc10 = registry.ruc // 1_000_000_000 == 10
        self.registry = registry


class Identity:
    """RUC / owner DNI / ubigeo text of the firm on each row, with the row's dirt."""

    def __init__(
        self,
        rows: Rows,
        population: YearPopulation,
        text: FirmText,
        owner_dni_rate: float,
    ) -> None:
        firm = rows["firm"]
        has_firm = firm >= 0
        # action rows (no firm) point at a sentinel past the registry's end
        sentinel = text.registry.size
        global_firm = np.where(has_firm, population.firm[np.maximum(firm, 0)], sentinel)
        ruc = np.append(text.ruc, "")
        owner = np.append(text.owner_dni, "")
        ubigeo = np.append(text.ubigeo, "")
        is_ruc10 = np.append(text.is_ruc10, False)
        has_ruc = np.append(text.registry.ruc >= 0, False)
        show_owner = ~has_ruc[global_firm] | (
            is_ruc10[global_firm] & (rows["owner_draw"] < owner_dni_rate)
        )
        self.ruc = ruc[global_firm]
        self.owner_dni = np.where(show_owner, owner[global_firm], "")
        self.ubigeo = ubigeo[global_firm]
        self.registry_ruc = np.append(text.registry.ruc, -1)[global_firm]

    def apply_bad_ruc(self, variant: np.ndarray, shift: np.ndarray) -> None:
        bad = np.flatnonzero(variant == BAD_RUC)
        wrong = wrong_check_digit(self.registry_ruc[bad], shift[bad])
        self.ruc[bad] = int_text(wrong)
        self.owner_dni[bad] = ""


@dataclass(frozen=True)
class FeedContext:
    """What every service feed writer needs besides its rows."""

    population: YearPopulation
    registry: FirmRegistry
    text: FirmText
    rates: DirtRates
    owner_dni_rate: float
    seed: int


def rows_with_ruc(
    rows: Rows, population: YearPopulation, registry: FirmRegistry
) -> np.ndarray:
    firm = rows["firm"]
    global_firm = population.firm[np.maximum(firm, 0)]
    return (firm >= 0) & (registry.ruc[global_firm] >= 0)


def loaded_at(rows: Rows, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """When each row was keyed in: 0-10 days after the service, office hours."""
    n = len(rows["date"])
    return rows["date"] + rng.integers(0, 11, n), rng.integers(8 * 3600, 20 * 3600, n)


def prepare(
    rows: Rows,
    context: FeedContext,
    name: str,
    group: str | None = None,
    has_modality: bool = False,
) -> tuple[Rows, dict[str, int], Identity]:
    """Number the calibrated rows, add the dirt, then draw each row's identity
    (RUC, owner DNI, ubigeo), with the bad RUCs the dirt asks for."""
    population = context.population
    rng = stream(context.seed, f"{name}-finalise", population.year)
    rows = number_rows(rows, rng, group)
    rows["loaded_day"], rows["loaded_second"] = loaded_at(rows, rng)
    # drawn before the dirt, so that a duplicate repeats its row exactly
    rows["owner_draw"] = rng.random(len(rows["seq"]))
    rows, dirt = add_dirt(
        rows,
        rows_with_ruc(rows, population, context.registry),
        context.rates,
        rng,
        group,
        has_modality,
    )
    identity = Identity(rows, population, context.text, context.owner_dni_rate)
    identity.apply_bad_ruc(rows["variant"], rows["ruc_shift"])
    return rows, dirt, identity


def write_itp(
    writer: DatasetWriter,
    rows: Rows,
    context: FeedContext,
) -> None:
    population = context.population
    year = population.year
    rows, dirt, identity = prepare(rows, context, "itp")
    dates = DateText(year - 1, year + 1)
    cite_codes = np.array([c[0] for c in CITES], dtype=object)
    cite_names = np.array([c[1] for c in CITES], dtype=object)
    services = np.array(ITP_SERVICE_CODES, dtype=object)
    cite_ubigeo_text = np.array([c[2] for c in CITES], dtype=object)
    ubigeo = np.where(
        identity.ubigeo != "", identity.ubigeo, cite_ubigeo_text[rows["cite"]]
    )

    def render(part: slice) -> list[str]:
        style = rows["style"][part]
        bad_date = rows["variant"][part] == BAD_DATE
        date = rows["date"][part]
        return lines_from_columns(
            [
                join_text(f"CITE-{year}-", int_text(rows["seq"][part], 8)),
                cite_codes[rows["cite"][part]],
                styled(cite_names[rows["cite"][part]], style),
                styled(services[rows["service"][part]], style),
                identity.ruc[part],
                identity.owner_dni[part],
                ubigeo[part],
                np.where(
                    bad_date,
                    dates.format(dates.dmy, date),
                    dates.format(dates.iso, date),
                ),
                join_text(
                    dates.format(dates.iso, rows["loaded_day"][part]),
                    " ",
                    clock_text(rows["loaded_second"][part]),
                ),
            ],
            ",",
        )

    writer.write(
        f"itp_cite/{year}/cite_atenciones_{year}.csv",
        contract("itp_cite").header(),
        chunked(len(rows["seq"]), render),
        dirt=dirt,
    )


def write_directorates(
    writer: DatasetWriter,
    rows: Rows,
    context: FeedContext,
) -> None:
    population = context.population
    year = population.year
    rows, dirt, identity = prepare(rows, context, "directorates", group="unit")
    dates = DateText(year - 1, year + 1)
    units = np.array(DIRECTORATE_UNITS, dtype=object)
    activity = np.array([c[0] for c in DIRECTORATE_CODES], dtype=object)
    kind = np.array([c[1] for c in DIRECTORATE_CODES], dtype=object)
    topic = np.array([c[2] for c in DIRECTORATE_CODES], dtype=object)
    opportunity_text = np.array(["", "N", "S"], dtype=object)

    def render(part: slice) -> list[str]:
        style = rows["style"][part]
        unit = units[rows["unit"][part]]
        code = rows["code"][part]
        bad_date = rows["variant"][part] == BAD_DATE
        date = rows["date"][part]
        return lines_from_columns(
            [
                join_text(unit, f"-{year}-", int_text(rows["seq"][part], 7)),
                styled(unit, style),
                styled(activity[code], style),
                styled(kind[code], style),
                styled(topic[code], style),
                np.where(
                    bad_date,
                    dates.format(dates.iso, date),
                    dates.format(dates.dmy, date),
                ),
                identity.ruc[part],
                identity.owner_dni[part],
                int_text(rows["participant"][part], 8),
                identity.ubigeo[part],
                tenths_text(rows["pre"][part]),
                tenths_text(rows["post"][part]),
                opportunity_text[rows["opportunity"][part] + 1],
                join_text(
                    dates.format(dates.dmy, rows["loaded_day"][part]),
                    " ",
                    clock_text(rows["loaded_second"][part], with_seconds=False),
                ),
            ],
            ";",
        )

    writer.write(
        f"produce_direcciones/{year}/registro_atenciones_{year}.csv",
        contract("produce_direcciones").header(),
        chunked(len(rows["seq"]), render),
        dirt=dirt,
    )


def write_pnte(
    writer: DatasetWriter,
    rows: Rows,
    context: FeedContext,
) -> None:
    population = context.population
    year = population.year
    rows, dirt, identity = prepare(rows, context, "pnte", has_modality=True)
    dates = DateText(year - 1, year + 1)
    lines = np.array(PNTE_LINES, dtype=object)
    modality = np.array(["", *PNTE_MODALITIES], dtype=object)
    titles = {
        0: np.array(PNTE_TRAINING_TITLES, dtype=object),
        1: np.array(PNTE_FAIR_TITLES, dtype=object),
    }
    department_names = np.array(
        [DEPARTMENT_NAMES[c] for c in DEPARTMENT_CODES], dtype=object
    )
    event_department = department_names[population.department[rows["firm"]]]
    opportunity_text = np.array(["", "NO", "SI"], dtype=object)

    def render(part: slice) -> list[str]:
        style = rows["style"][part]
        line = rows["line"][part]
        event = rows["event"][part]
        title = np.where(
            line == 0,
            titles[0][np.minimum(event, len(titles[0]) - 1)],
            titles[1][np.minimum(event, len(titles[1]) - 1)],
        )
        bad_date = rows["variant"][part] == BAD_DATE
        date = rows["date"][part]
        return lines_from_columns(
            [
                join_text(f"TE-{year}-", int_text(rows["seq"][part], 7)),
                styled(lines[line], style),
                styled(join_text(title, f" {year} - ", event_department[part]), style),
                styled(modality[rows["modality"][part] + 1], style),
                np.where(
                    bad_date,
                    dates.format(dates.iso, date),
                    dates.format(dates.compact, date),
                ),
                identity.ruc[part],
                identity.owner_dni[part],
                int_text(rows["participant"][part], 8),
                identity.ubigeo[part],
                int_text(rows["pre"][part]),
                int_text(rows["post"][part]),
                opportunity_text[rows["opportunity"][part] + 1],
                join_text(
                    dates.format(dates.iso, rows["loaded_day"][part]),
                    "T",
                    clock_text(rows["loaded_second"][part]),
                ),
            ],
            ",",
        )

    writer.write(
        f"pnte_tu_empresa/{year}/tu_empresa_{year}.csv",
        contract("pnte_tu_empresa").header(),
        chunked(len(rows["seq"]), render),
        dirt=dirt,
    )
