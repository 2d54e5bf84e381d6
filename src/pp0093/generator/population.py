"""The served firms of each programme year and the registry of all firms.

Built in three steps, each exact by construction: membership (which service lines
every firm received, from the calibration's segments), classes (informal, formal
without profile, formal with profile), and profiles (sales band, workers, sector,
registration date, department) by exact quotas.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from pp0093.generator.calibration import (
    BAND_KEYS,
    IN_SALES_RANGE_BANDS,
    ITP_LINES,
    ITP_OTHER_SERVICES,
    LINE_KEYS,
    SECTOR_KEYS,
    WORKER_BAND_KEYS,
    Calibration,
    Segment,
)
from pp0093.generator.drift import CALIBRATED_YEARS, YearDrift, reshare
from pp0093.generator.geography import DEPARTMENT_CODES, DEPARTMENT_DISTRICTS
from pp0093.generator.ids import (
    BODY_SPAN,
    DNI_BASE,
    DNI_SPAN,
    NumberBijection,
    build_rucs,
)
from pp0093.generator.quotas import (
    choose,
    fill_quota,
    fill_quota_in_order,
    label_pool,
    largest_remainder,
)
from pp0093.generator.streams import stream

YEARS: tuple[int, ...] = CALIBRATED_YEARS

INFORMAL, FORMAL_NO_PROFILE, PROFILED = 0, 1, 2
GRANDE_BAND = BAND_KEYS.index("over_2300")
IN_RANGE = np.array([key in IN_SALES_RANGE_BANDS for key in BAND_KEYS])

# CIIU Rev.4 classes drawn for each report sector, with weights; the sector is
# recovered in the warehouse from the class's division (seeds/ciiu_sections.csv).
CIIU_BY_SECTOR: dict[str, tuple[tuple[int, float], ...]] = {
    "comercio": (
        (4630, 0.18),
        (4530, 0.12),
        (4711, 0.14),
        (4719, 0.08),
        (4721, 0.08),
        (4752, 0.08),
        (4771, 0.10),
        (4772, 0.06),
        (4520, 0.08),
        (4690, 0.08),
    ),
    "manufactura": (
        (1410, 0.20),
        (1520, 0.14),
        (3100, 0.13),
        (1071, 0.08),
        (1030, 0.06),
        (1040, 0.05),
        (1102, 0.05),
        (1050, 0.05),
        (1312, 0.05),
        (1511, 0.04),
        (2511, 0.06),
        (1811, 0.05),
        (1079, 0.04),
    ),
    "servicios": (
        (5610, 0.22),
        (4921, 0.10),
        (4923, 0.08),
        (6201, 0.08),
        (7020, 0.10),
        (8299, 0.10),
        (5510, 0.08),
        (9602, 0.08),
        (7490, 0.08),
        (5229, 0.08),
    ),
    "otros": (
        (113, 0.18),
        (125, 0.14),
        (311, 0.14),
        (322, 0.08),
        (810, 0.06),
        (990, 0.04),
        (4100, 0.16),
        (4220, 0.08),
        (4330, 0.12),
    ),
}


@dataclass
class YearPopulation:
    """The firms served in one programme year (index = position in arrays)."""

    year: int
    lines: dict[str, np.ndarray]
    itp_services: dict[str, np.ndarray]
    klass: np.ndarray
    band: np.ndarray
    sales_uit: np.ndarray
    workers_band: np.ndarray
    workers: np.ndarray
    sector: np.ndarray
    young: np.ndarray
    department: np.ndarray
    firm: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    @property
    def size(self) -> int:
        return len(self.klass)

    def has_line(self, *keys: str) -> np.ndarray:
        """Boolean mask: the firm received at least one of the lines."""
        mask = np.zeros(self.size, dtype=bool)
        for key in keys:
            mask |= self.lines[key]
        return mask


@dataclass
class FirmRegistry:
    """Every firm served in any year (index = global firm number)."""

    is_formal: np.ndarray
    ruc: np.ndarray  # int64, -1 for informal firms
    owner_dni: np.ndarray  # int64, -1 for companies
    department: np.ndarray
    ubigeo: np.ndarray  # int, 6-digit INEI district
    registration: np.ndarray  # date ordinal, -1 when unknown
    sector: np.ndarray  # -1 when unknown
    ciiu: np.ndarray  # -1 when unknown
    size_class: np.ndarray  # index into SIZE order of the latest profile, -1 unknown

    @property
    def size(self) -> int:
        return len(self.is_formal)


def build_membership(
    segments: tuple[Segment, ...], scale: int, rng: np.random.Generator
) -> dict[str, np.ndarray]:
    """One boolean array per line key, firms in random order."""
    segment_of_firm = np.repeat(
        np.arange(len(segments)), [s.firms * scale for s in segments]
    )
    rng.shuffle(segment_of_firm)
    return {
        key: np.array([key in s.lines for s in segments], dtype=bool)[segment_of_firm]
        for key in LINE_KEYS
    }


def itp_service_quotas(
    calibration: Calibration, itp_firms: int, scale: int
) -> list[int]:
    """Firms per AT/SP/EL/DD/CC service, 2024's shares applied to `itp_firms`."""
    base = calibration.raw["itp_service_firms_2024"]
    itp_2024 = calibration.published_2024["tech_transfer_firms"] * scale
    return [
        round(base[code] * scale * itp_firms / itp_2024) for code in ITP_OTHER_SERVICES
    ]


def assign_itp_services(
    lines: dict[str, np.ndarray], quotas: list[int], rng: np.random.Generator
) -> dict[str, np.ndarray]:
    """AT/SP/EL/DD/CC per ITP firm: exact quotas, and every TX firm gets one."""
    itp = lines["CA"] | lines["IT"] | lines["TX"]
    only_other = lines["TX"] & ~lines["CA"] & ~lines["IT"]
    first_of_tx = label_pool(quotas, rng)[: int(only_other.sum())]
    has = {code: np.zeros(len(itp), dtype=bool) for code in ITP_OTHER_SERVICES}
    tx_index = np.flatnonzero(only_other)
    for position, code in enumerate(ITP_OTHER_SERVICES):
        has[code][tx_index[first_of_tx == position]] = True
    for position, code in enumerate(ITP_OTHER_SERVICES):
        remaining = quotas[position] - int(has[code].sum())
        candidates = np.flatnonzero(itp & ~has[code])
        has[code][choose(candidates, remaining, rng)] = True
    return has


def assign_classes(
    lines: dict[str, np.ndarray], counts: tuple[int, int, int], rng: np.random.Generator
) -> np.ndarray:
    """INFORMAL / FORMAL_NO_PROFILE / PROFILED per firm; promotion firms profiled.

    Firms at fairs and business rounds all have a SUNAT profile, so that the
    MIPYME filter of the business-opportunity indicator never meets an unknown size.
    """
    informal, no_profile, profiled = counts
    promotion = lines["FER"] | lines["RUE"]
    klass = np.full(len(promotion), -1, dtype=np.int64)
    klass[promotion] = PROFILED
    return fill_quota(klass, [informal, no_profile, profiled], rng)


def draw_sales_uit(
    band: np.ndarray, bands_table: dict[str, Any], rng: np.random.Generator
) -> np.ndarray:
    """Sales in UIT, log-uniform inside each band's draw interval (-1 if no band)."""
    sales = np.full(len(band), -1.0)
    for index, key in enumerate(BAND_KEYS):
        members = np.flatnonzero(band == index)
        low, high = bands_table[key]["draw"]
        sales[members] = np.exp(
            rng.uniform(np.log(low), np.log(high), size=len(members))
        )
    return sales


def draw_workers(workers_band: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Worker counts inside each band (-1 where the firm has no profile)."""
    workers = np.full(len(workers_band), -1, dtype=np.int64)
    n = len(workers_band)
    small = rng.choice(5, size=n, p=[0.08, 0.46, 0.24, 0.13, 0.09])
    draws = {
        0: small,
        1: rng.integers(5, 11, size=n),
        2: np.exp(rng.uniform(np.log(11), np.log(51), size=n)).astype(np.int64),
        3: rng.integers(51, 101, size=n),
        4: np.exp(rng.uniform(np.log(101), np.log(3000), size=n)).astype(np.int64),
    }
    for band, values in draws.items():
        members = workers_band == band
        workers[members] = values[members]
    return workers


@dataclass(frozen=True)
class ProfileQuotas:
    """Exact counts for one year's profiled firms (already scaled)."""

    bands: list[int]
    sector_by_workers: list[list[int]]  # [workers band][sector]
    departments: list[int]
    young_in_sales_range: int
    grande_in_promotion: int | None  # None: no constraint (2023)


def profile_quotas(
    calibration: Calibration, year: int, scale: int, drift: YearDrift | None = None
) -> ProfileQuotas:
    """2024's chosen counts, 2023's derived from them (2024's shares), or a
    synthetic year's from 2024's shares, each drifted (see drift.py)."""
    if drift is not None:
        return drifted_profile_quotas(calibration, drift, scale)
    raw = calibration.raw
    bands = [raw["band_firms_2024"][key] for key in BAND_KEYS]
    matrix = [
        [raw["sector_by_workers_2024"][w][s] for s in SECTOR_KEYS]
        for w in WORKER_BAND_KEYS
    ]
    departments = [raw["department_firms_2024"][code] for code in DEPARTMENT_CODES]
    classes = calibration.classes(year)
    grande: int | None = raw["classes_2024"]["grande_in_promotion"]
    if year != 2024:
        bands = largest_remainder(bands, classes.with_profile)
        flat = largest_remainder(
            [c for row in matrix for c in row], classes.with_profile
        )
        width = len(SECTOR_KEYS)
        matrix = [
            flat[i * width : (i + 1) * width] for i in range(len(WORKER_BAND_KEYS))
        ]
        departments = largest_remainder(
            departments, calibration.published_2023["firms_served"]
        )
        grande = None
    return ProfileQuotas(
        bands=[b * scale for b in bands],
        sector_by_workers=[[c * scale for c in row] for row in matrix],
        departments=[d * scale for d in departments],
        young_in_sales_range=classes.young_in_sales_range * scale,
        grande_in_promotion=None if grande is None else grande * scale,
    )


def drifted_profile_quotas(
    calibration: Calibration, drift: YearDrift, scale: int
) -> ProfileQuotas:
    """2024's profile counts with every share drifted, split over the year's firms."""
    raw = calibration.raw
    profiled = drift.classes.with_profile
    noise = drift.share_noise
    bands = reshare(
        [raw["band_firms_2024"][key] for key in BAND_KEYS],
        profiled,
        noise,
        drift.shares_rng("bands"),
    )
    flat = reshare(
        [
            raw["sector_by_workers_2024"][w][s]
            for w in WORKER_BAND_KEYS
            for s in SECTOR_KEYS
        ],
        profiled,
        noise,
        drift.shares_rng("sector-by-workers"),
    )
    width = len(SECTOR_KEYS)
    departments = reshare(
        [raw["department_firms_2024"][code] for code in DEPARTMENT_CODES],
        drift.firms,
        noise,
        drift.shares_rng("departments"),
    )
    return ProfileQuotas(
        bands=[b * scale for b in bands],
        sector_by_workers=[
            [c * scale for c in flat[i * width : (i + 1) * width]]
            for i in range(len(WORKER_BAND_KEYS))
        ],
        departments=[d * scale for d in departments],
        young_in_sales_range=drift.classes.young_in_sales_range * scale,
        grande_in_promotion=None,
    )


def assign_bands(
    klass: np.ndarray,
    promotion: np.ndarray,
    quotas: ProfileQuotas,
    fixed: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    """Sales band per profiled firm (-1 for the others).

    In 2024 exactly `grande_in_promotion` of the firms at fairs or business rounds
    are grande, which fixes the denominator of the business-opportunity indicator.
    """
    profiled = np.flatnonzero(klass == PROFILED)
    labels = fixed[profiled].copy()
    if quotas.grande_in_promotion is not None:
        in_promotion = np.flatnonzero(promotion[profiled] & (labels < 0))
        grande = choose(in_promotion, quotas.grande_in_promotion, rng)
        labels[grande] = GRANDE_BAND
        not_grande = np.setdiff1d(in_promotion, grande)
        labels[not_grande] = draw_without(quotas.bands, labels, GRANDE_BAND, rng)[
            : len(not_grande)
        ]
    band = np.full(len(klass), -1, dtype=np.int64)
    band[profiled] = fill_quota(labels, quotas.bands, rng)
    return band


def draw_without(
    counts: list[int], used: np.ndarray, excluded: int, rng: np.random.Generator
) -> np.ndarray:
    """A shuffled pool of the labels still free in `counts`, without `excluded`."""
    taken = np.bincount(used[used >= 0], minlength=len(counts))
    free = [
        0 if label == excluded else count - int(taken[label])
        for label, count in enumerate(counts)
    ]
    return label_pool(free, rng)


def assign_profiles(
    population: YearPopulation,
    quotas: ProfileQuotas,
    fixed: dict[str, np.ndarray],
    bands_table: dict[str, Any],
    seed: int,
) -> None:
    """Bands, sales, workers, sectors, young flags and departments, in place."""
    year = population.year
    promotion = population.has_line("FER", "RUE")
    population.band = assign_bands(
        population.klass,
        promotion,
        quotas,
        fixed["band"],
        stream(seed, "bands", year),
    )
    population.sales_uit = draw_sales_uit(
        population.band, bands_table, stream(seed, "sales", year)
    )
    profiled = np.flatnonzero(population.klass == PROFILED)
    noise = stream(seed, "workers-order", year).normal(0.0, 1.0, size=len(profiled))
    order_score = np.log(population.sales_uit[profiled]) + noise
    workers_quota = [sum(row) for row in quotas.sector_by_workers]
    workers_band = np.full(population.size, -1, dtype=np.int64)
    workers_band[profiled] = fill_quota_in_order(
        fixed["workers_band"][profiled], workers_quota, order_score
    )
    population.workers_band = workers_band
    population.workers = draw_workers(workers_band, stream(seed, "workers", year))
    sector = np.full(population.size, -1, dtype=np.int64)
    sector_rng = stream(seed, "sectors", year)
    for band_index, row in enumerate(quotas.sector_by_workers):
        members = np.flatnonzero(workers_band == band_index)
        sector[members] = fill_quota(fixed["sector"][members], row, sector_rng)
    population.sector = sector
    in_range_free = np.flatnonzero(
        (population.band >= 0)
        & IN_RANGE[np.maximum(population.band, 0)]
        & (fixed["band"] < 0)
    )
    young = np.zeros(population.size, dtype=bool)
    young[
        choose(in_range_free, quotas.young_in_sales_range, stream(seed, "young", year))
    ] = True
    population.young = young
    population.department = fill_quota(
        fixed["department"], quotas.departments, stream(seed, "departments", year)
    )


def empty_population(year: int, lines: dict[str, np.ndarray]) -> YearPopulation:
    n = len(lines["CA"])
    minus = np.full(n, -1, dtype=np.int64)
    return YearPopulation(
        year=year,
        lines=lines,
        itp_services={},
        klass=minus.copy(),
        band=minus.copy(),
        sales_uit=np.full(n, -1.0),
        workers_band=minus.copy(),
        workers=minus.copy(),
        sector=minus.copy(),
        young=np.zeros(n, dtype=bool),
        department=minus.copy(),
        firm=minus.copy(),
    )


def build_year(
    calibration: Calibration,
    year: int,
    scale: int,
    seed: int,
    fixed: dict[str, np.ndarray] | None = None,
    klass: np.ndarray | None = None,
    drift: YearDrift | None = None,
) -> YearPopulation:
    """Membership, ITP services, classes and profiles of one programme year
    (a synthetic year's segments and classes come from its `drift`)."""
    segments = drift.segments if drift else calibration.segments(year)
    lines = build_membership(segments, scale, stream(seed, "membership", year))
    population = empty_population(year, lines)
    itp_firms = int(population.has_line(*ITP_LINES).sum())
    population.itp_services = assign_itp_services(
        lines,
        itp_service_quotas(calibration, itp_firms, scale),
        stream(seed, "itp-services", year),
    )
    classes = drift.classes if drift else calibration.classes(year)
    population.klass = (
        klass
        if klass is not None
        else assign_classes(
            lines,
            (
                classes.informal * scale,
                classes.formal_no_profile * scale,
                classes.with_profile * scale,
            ),
            stream(seed, "classes", year),
        )
    )
    minus = np.full(population.size, -1, dtype=np.int64)
    keys = ("band", "workers_band", "sector", "department")
    fixed = fixed or dict.fromkeys(keys, minus)
    assign_profiles(
        population,
        profile_quotas(calibration, year, scale, drift),
        fixed,
        calibration.raw["bands"],
        seed,
    )
    return population


def link_2023_to_2024(
    calibration: Calibration, pop_2024: YearPopulation, scale: int, seed: int
) -> YearPopulation:
    """Build 2023 with some firms of 2024 served again (same RUC or owner DNI)."""
    classes = calibration.classes(2023)
    raw_2023 = calibration.raw["classes_2023"]
    rng = stream(seed, "served-both-years", 2023)
    lines = build_membership(
        calibration.segments(2023), scale, stream(seed, "membership", 2023)
    )
    klass = assign_classes(
        lines,
        (
            classes.informal * scale,
            classes.formal_no_profile * scale,
            classes.with_profile * scale,
        ),
        stream(seed, "classes", 2023),
    )
    n = len(klass)
    firm = np.full(n, -1, dtype=np.int64)
    old_profiled_2024 = np.flatnonzero((pop_2024.klass == PROFILED) & ~pop_2024.young)
    informal_2024 = np.flatnonzero(pop_2024.klass == INFORMAL)
    pairs = (
        (PROFILED, old_profiled_2024, raw_2023["served_both_years_formal"] * scale),
        (INFORMAL, informal_2024, raw_2023["served_both_years_informal"] * scale),
    )
    for klass_value, candidates_2024, count in pairs:
        slots = choose(np.flatnonzero(klass == klass_value), count, rng)
        firm[slots] = rng.permutation(choose(candidates_2024, count, rng))
    both = firm >= 0
    fixed = {}
    for key in ("band", "workers_band", "sector", "department"):
        values = np.full(n, -1, dtype=np.int64)
        values[both] = getattr(pop_2024, key)[firm[both]]
        fixed[key] = values
    population = build_year(calibration, 2023, scale, seed, fixed=fixed, klass=klass)
    population.firm = firm  # 2024 index of firms served both years, else -1
    return population


def build_populations(
    calibration: Calibration, scale: int, seed: int
) -> tuple[FirmRegistry, dict[int, YearPopulation]]:
    """Both programme years and the registry of every firm they served."""
    pop_2024 = build_year(calibration, 2024, scale, seed)
    pop_2024.firm = np.arange(pop_2024.size, dtype=np.int64)
    pop_2023 = link_2023_to_2024(calibration, pop_2024, scale, seed)
    new_2023 = np.flatnonzero(pop_2023.firm < 0)
    pop_2023.firm[new_2023] = pop_2024.size + np.arange(len(new_2023))
    registry = build_registry(calibration, pop_2024, pop_2023, new_2023, seed)
    return registry, {2023: pop_2023, 2024: pop_2024}


def _date_window(bounds: list[str]) -> tuple[int, int]:
    low, high = (dt.date.fromisoformat(b).toordinal() for b in bounds)
    return low, high


def registration_dates(
    young: np.ndarray,
    young_window: list[str],
    old_window: list[str],
    rng: np.random.Generator,
) -> np.ndarray:
    old_low, old_high = _date_window(old_window)
    young_low, young_high = _date_window(young_window)
    old = rng.integers(old_low, old_high + 1, size=len(young))
    recent = rng.integers(young_low, young_high + 1, size=len(young))
    return np.where(young, recent, old)


SIZE_OF_BAND = np.array([0, 0, 0, 1, 1, 2, 3], dtype=np.int64)  # micro..grande


def build_registry(
    calibration: Calibration,
    pop_2024: YearPopulation,
    pop_2023: YearPopulation,
    new_2023: np.ndarray,
    seed: int,
) -> FirmRegistry:
    """Identity and fixed attributes of every firm (2024's first, then 2023's new)."""
    total = pop_2024.size + len(new_2023)
    windows = calibration.raw["registration_dates"]

    def stack(key: str) -> np.ndarray:
        return np.concatenate(
            [getattr(pop_2024, key), getattr(pop_2023, key)[new_2023]]
        )

    klass = stack("klass")
    band = stack("band")
    registration = np.concatenate(
        [
            registration_dates(
                pop_2024.young,
                windows["young_2024"],
                windows["old"],
                stream(seed, "registration", 2024),
            ),
            registration_dates(
                pop_2023.young[new_2023],
                windows["young_2023"],
                windows["old"],
                stream(seed, "registration", 2023),
            ),
        ]
    )
    return firm_identities(
        calibration,
        FirmsToRegister(
            klass=klass,
            band=band,
            registration=registration,
            sector=stack("sector"),
            department=stack("department"),
            firm_index=np.arange(total),
            dni_index=np.arange(total),
        ),
        seed,
        stream(seed, "identity"),
    )


@dataclass(frozen=True)
class FirmsToRegister:
    """Per-firm attributes a registry entry is made from."""

    klass: np.ndarray
    band: np.ndarray
    registration: np.ndarray  # date ordinal
    sector: np.ndarray
    department: np.ndarray
    firm_index: np.ndarray  # global firm number (the RUC body's source)
    dni_index: np.ndarray  # position in the DNI bijection (owner's DNI)


def firm_identities(
    calibration: Calibration,
    firms: FirmsToRegister,
    seed: int,
    rng: np.random.Generator,
) -> FirmRegistry:
    """RUC, owner DNI, ubigeo and CIIU of the firms; the rest as given."""
    klass, band = firms.klass, firms.band
    registration = np.where(klass == PROFILED, firms.registration, -1)
    size_class = np.where(band >= 0, SIZE_OF_BAND[np.maximum(band, 0)], -1)
    is_formal = klass != INFORMAL
    prefix = draw_ruc_prefixes(size_class, calibration.raw["ruc_prefix_weights"], rng)
    dni = NumberBijection(seed, DNI_SPAN, DNI_BASE, salt=1)(firms.dni_index)
    body = NumberBijection(seed, BODY_SPAN, 0, salt=2)(firms.firm_index)
    person_body = dni % BODY_SPAN
    ruc = build_rucs(prefix, np.where(prefix == 10, person_body, body))
    ruc = np.where(is_formal, ruc, -1)
    owner_dni = np.where(~is_formal | (prefix == 10), dni, -1)
    return FirmRegistry(
        is_formal=is_formal,
        ruc=ruc,
        owner_dni=owner_dni,
        department=firms.department,
        ubigeo=draw_ubigeos(firms.department, rng),
        registration=registration,
        sector=firms.sector,
        ciiu=draw_ciiu(firms.sector, rng),
        size_class=size_class,
    )


def shifted_window(bounds: list[str], years: int) -> list[str]:
    """A date window moved by whole years (29 February becomes 28 February)."""
    moved = []
    for bound in bounds:
        date = dt.date.fromisoformat(bound)
        day = 28 if (date.month, date.day) == (2, 29) else date.day
        moved.append(date.replace(year=date.year + years, day=day).isoformat())
    return moved


def register_synthetic_year(
    calibration: Calibration,
    registry: FirmRegistry,
    population: YearPopulation,
    drift: YearDrift,
    first_dni_index: int,
    seed: int,
) -> FirmRegistry:
    """The registry with a synthetic year's firms appended (all new firms).

    Their owners' DNIs come from positions `first_dni_index`.. of the DNI
    bijection, which the caller keeps clear of every other DNI it hands out.
    """
    windows = calibration.raw["registration_dates"]
    offset = drift.year - drift.base_year
    young = shifted_window(windows[f"young_{drift.base_year}"], offset)
    old = windows["old"]
    if offset < 0:  # old firms stay older than the two-year cut-off
        old = [old[0], shifted_window(old, offset)[1]]
    n = population.size
    population.firm = registry.size + np.arange(n, dtype=np.int64)
    added = firm_identities(
        calibration,
        FirmsToRegister(
            klass=population.klass,
            band=population.band,
            registration=registration_dates(
                population.young, young, old, stream(seed, "registration", drift.year)
            ),
            sector=population.sector,
            department=population.department,
            firm_index=population.firm,
            dni_index=first_dni_index + np.arange(n, dtype=np.int64),
        ),
        seed,
        stream(seed, "identity", drift.year),
    )
    return FirmRegistry(
        **{
            name: np.concatenate([getattr(registry, name), getattr(added, name)])
            for name in FirmRegistry.__dataclass_fields__
        }
    )


def draw_ruc_prefixes(
    size_class: np.ndarray,
    weights: dict[str, dict[str, float]],
    rng: np.random.Generator,
) -> np.ndarray:
    prefixes = np.array([10, 20, 15, 17], dtype=np.int64)
    result = np.zeros(len(size_class), dtype=np.int64)
    for index, key in enumerate(("micro", "pequena", "mediana", "grande", "unknown")):
        members = np.flatnonzero(size_class == (index if key != "unknown" else -1))
        p = np.array([weights[key][str(v)] for v in prefixes], dtype=float)
        result[members] = prefixes[rng.choice(4, size=len(members), p=p / p.sum())]
    return result


def draw_ubigeos(department: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    ubigeo = np.zeros(len(department), dtype=np.int64)
    draw = rng.random(len(department))
    for index, code in enumerate(DEPARTMENT_CODES):
        districts = np.array([int(d) for d in DEPARTMENT_DISTRICTS[code]])
        members = np.flatnonzero(department == index)
        ubigeo[members] = districts[(draw[members] * len(districts)).astype(np.int64)]
    return ubigeo


def draw_ciiu(sector: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    ciiu = np.full(len(sector), -1, dtype=np.int64)
    for index, key in enumerate(SECTOR_KEYS):
        codes = np.array([c for c, _ in CIIU_BY_SECTOR[key]])
        weights = np.array([w for _, w in CIIU_BY_SECTOR[key]])
        members = np.flatnonzero(sector == index)
        ciiu[members] = codes[
            rng.choice(len(codes), size=len(members), p=weights / weights.sum())
        ]
    return ciiu
