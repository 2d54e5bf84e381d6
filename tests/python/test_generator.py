"""Tests of `pp0093 generate`: determinism, identifiers, budget, calibration.

The calibration is checked on the generated FILES by an independent reading of
them written here in plain Python (csv), following the rules of docs/feeds.md:
it imports nothing from the generator but its entry point, and compares with the
report's figures and the rules as the seeds hold them (seeds/published_figures.csv,
uit_values.csv, the class and band seeds), so no figure is typed twice.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import json
import re
import tomllib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from pp0093.feed_contracts import FEEDS as CONTRACTS
from pp0093.generator.generate import generate

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SEEDS = PROJECT_ROOT / "seeds"
CALIBRATION = PROJECT_ROOT / "src" / "pp0093" / "generator" / "calibration.toml"


def seed_rows(name: str) -> list[dict[str, str]]:
    with (SEEDS / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --- the report's figures (2024 evaluation of PP 0093), from the seed -------------
PUBLISHED = {
    row["figure_id"]: row["published_value"] for row in seed_rows("published_figures")
}


def figure(figure_id: str) -> float:
    return float(PUBLISHED[figure_id])


def count(figure_id: str) -> int:
    return int(PUBLISHED[figure_id])


def figures(
    template: str, keys: tuple[str, ...], read: Callable[[str], float] = figure
) -> dict:
    """{key: the figure `template` names for it}, e.g. template
    'sector_pct_{}_2024'."""
    return {key: read(template.format(key)) for key in keys}


FIRMS_2024 = count("firms_served_2024")
TARGETED_PCT_2024 = figure("targeted_pct_2024")
ACTIVITY_FIRMS_2024 = {
    activity: count(
        f"activity_progress_{activity.replace('.', '_')}_2024"
        + ("_annex" if activity == "3.2" else "")
    )
    for activity in ("1.1", "1.2", "1.3", "2.2", "2.3", "3.1", "3.2", "4.1")
}
PRODUCT_FIRMS_2024 = figures("product_firms_{}_2024", ("1", "2"), count)
ACTIONS_4_2_BY_UNIT = {
    "ITP": count("activity_progress_by_unit_4_2_itp_2024"),
    "DGITDF": count("activity_progress_by_unit_4_2_dgitdf_2024"),
}
ACTIONS_2024 = {
    "3.3": count("activity_progress_3_3_2024"),
    "4.2": count("activity_progress_4_2_2024"),
}
TRAINED = count("trained_firms_2024")
TRAINED_ITP_PCT = figure("trained_by_unit_pct_itp_2024")
TOPIC_PCT = figures(
    "trained_topic_pct_{}_2024", ("gestion_empresarial", "regulacion_gestion_ambiental")
)
DISSEMINATION = count("dissemination_firms_2024")
DISSEMINATION_PCT = figures(
    "dissemination_type_pct_{}_2024", ("informacion_tecnologica", "normativa")
)
TECH_TRANSFER = count("tech_transfer_firms_2024")
TECH_SERVICE_PCT = figures(
    "tech_transfer_service_pct_{}_2024",
    (
        "asistencia_tecnica",
        "soporte_productivo",
        "ensayos_laboratorio",
        "diseno_desarrollo",
        "certificacion_competencias",
    ),
)
MARKET_ACCESS = count("market_access_firms_2024")
MARKET_LINES = figures(
    "market_access_line_firms_{}_2024", ("promocion", "proveedores"), count
)
FAIR_FIRMS = count("fair_firms_pnte_2024")
ROUND_FIRMS = count("business_round_firms_dgde_2024")
SIZE_PCT = figures("size_class_pct_{}_2024", ("micro", "pequena", "mediana", "grande"))
BAND_PCT = figures("sales_band_pct_{}_2024", ("13_to_50", "150_to_500"))
SECTOR_PCT = figures("sector_pct_{}_2024", ("comercio", "manufactura", "servicios"))
WORKERS_PCT = figures("workers_band_pct_{}_2024", ("lt5", "gt100"))
LT5_SECTOR_PCT = figures(
    "sector_within_workers_band_pct_lt5_{}_2024", ("comercio", "manufactura")
)
UNIT_PCT = {
    unit: figure(f"executing_unit_pct_{unit.lower()}_2024")
    for unit in ("ITP", "DGPAR", "PNTE")
}
DEPARTMENT_PCT = figures("department_pct_{}_2024", ("15", "13", "12", "09", "03"))
INDICATOR_PCT = figures(
    "indicator_value_{}_2024",
    (
        "conocimiento_gestion_empresarial",
        "conocimiento_regulacion_industrial",
        "conocimiento_gestion_ambiental",
        "competencias_tecnico_productivas",
        "oportunidades_negocio",
    ),
)
TARGETED_PCT_2023 = figure("targeted_pct_2023")
# Not printed: the counts the report's 2024 changes imply, chosen once in the
# generator's calibration (published_2023).
with CALIBRATION.open("rb") as _handle:
    _PUBLISHED_2023 = tomllib.load(_handle)["published_2023"]
FIRMS_2023 = _PUBLISHED_2023["firms_served"]
PRODUCT_FIRMS_2023 = {
    "1": _PUBLISHED_2023["product_1_firms"],
    "2": _PUBLISHED_2023["product_2_firms"],
}


# --- the rules of docs/feeds.md, from the seeds the warehouse applies -------------
def whole(text: str) -> int:
    return int(float(text))


UIT = {int(r["year"]): whole(r["uit_pen"]) for r in seed_rows("uit_values")}
PROFILE_LAG = next(
    whole(r["value_numeric"])
    for r in seed_rows("program_parameters")
    if r["parameter_code"] == "profile_lag_years"
)


def upper_limits(
    name: str, code: str, upper: str, rename: dict[str, str] | None = None
) -> tuple[tuple[str, int], ...]:
    """(code, inclusive upper bound) of every class of a seed but the open top
    one, in the seed's order."""
    rename = rename or {}
    return tuple(
        (rename.get(r[code], r[code]), whole(r[upper]))
        for r in seed_rows(name)
        if r[upper]
    )


SIZE_LIMITS = upper_limits(
    "firm_size_classes",
    "size_class_code",
    "upper_uit_inclusive",
    {"pequeña": "pequena"},
)
BAND_LIMITS = upper_limits("sales_bands", "sales_band_code", "upper_uit_inclusive")
WORKER_LIMITS = upper_limits(
    "worker_bands", "workers_band_code", "max_workers_inclusive"
)
(PASS_MARK,) = {
    whole(row["pass_mark_pct"])
    for row in seed_rows("indicator_rules")
    if row["pass_mark_pct"]
}
RUC_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
FEEDS = {
    "itp_cite": ("itp_cite/{y}/cite_atenciones_{y}.csv", ","),
    "produce_direcciones": ("produce_direcciones/{y}/registro_atenciones_{y}.csv", ";"),
    "pnte_tu_empresa": ("pnte_tu_empresa/{y}/tu_empresa_{y}.csv", ","),
}
BUDGET_FEEDS = (
    "mef_gasto/{y}/{y}-Gasto.csv",
    "siaf_avance_fisico/{y}/avance_fisico_{y}.csv",
)
DATE_PATTERNS = {
    "itp_cite": (re.compile(r"\d{4}-\d{2}-\d{2}"), "%Y-%m-%d"),
    "produce_direcciones": (re.compile(r"\d{2}/\d{2}/\d{4}"), "%d/%m/%Y"),
    "pnte_tu_empresa": (re.compile(r"\d{8}"), "%Y%m%d"),
}


def ruc_is_valid(text: str) -> bool:
    if not re.fullmatch(r"(10|15|17|20)\d{9}", text):
        return False
    total = sum(int(d) * w for d, w in zip(text[:10], RUC_WEIGHTS, strict=True))
    digit = 11 - total % 11
    return {10: 0, 11: 1}.get(digit, digit) == int(text[10])


def rounds_to(numerator: int, denominator: int, pct: float) -> bool:
    """100 * n / d, rounded to one decimal, is `pct` (not on a rounding tie)."""
    return denominator > 0 and abs(1000 * numerator / denominator - pct * 10) < 0.5


def classify(value: float, limits: tuple[tuple[str, float], ...], top: str) -> str:
    for label, upper in limits:
        if value <= upper:
            return label
    return top


def sector_of(ciiu: str) -> str:
    division = int(ciiu[:2])
    if 10 <= division <= 33:
        return "manufactura"
    if 45 <= division <= 47:
        return "comercio"
    if division <= 9 or 35 <= division <= 43:
        return "otros"
    return "servicios"


def plus_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


# --- reading the files -------------------------------------------------------------
@dataclass
class Record:
    source: str
    record_id: str
    unit: str
    code: str
    firm: str | None
    date: dt.date
    participant: str
    pre: float | None
    post: float | None
    opportunity: bool | None
    ubigeo: str


@dataclass
class FeedRead:
    records: list[Record] = field(default_factory=list)
    duplicates: int = 0
    bad_ruc: int = 0
    bad_date: int = 0


def service_map() -> dict[tuple[str, str], dict[str, str]]:
    with (SEEDS / "service_code_map.csv").open(encoding="utf-8", newline="") as f:
        return {(r["source_system"], r["source_code"]): r for r in csv.DictReader(f)}


def clean(value: str) -> str:
    return value.strip().upper()


def score(text: str, factor: float) -> float | None:
    text = text.strip()
    return float(text) * factor if text else None


@functools.cache
def read_feed(root: Path, source: str, year: int) -> FeedRead:
    """Accepted rows of one service file: exact duplicates dropped, rows with an
    invalid RUC or a date not in the source's format rejected."""
    pattern, delimiter = FEEDS[source]
    path = root / pattern.format(y=year)
    date_re, date_format = DATE_PATTERNS[source]
    result = FeedRead()
    seen: set[tuple[str, ...]] = set()
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter=delimiter):
            key = tuple(row.values())
            if key in seen:
                result.duplicates += 1
                continue
            seen.add(key)
            record = parse_row(source, row)
            ruc = (row.get("RUC") or row.get("ruc") or "").strip()
            date_text = record.pop("date_text")
            if ruc and not ruc_is_valid(ruc):
                result.bad_ruc += 1
                continue
            if not date_re.fullmatch(date_text):
                result.bad_date += 1
                continue
            date = dt.datetime.strptime(date_text, date_format).date()
            result.records.append(Record(source=source, date=date, **record))
    return result


def firm_key(ruc: str, dni: str) -> str | None:
    ruc, dni = ruc.strip(), dni.strip()
    if ruc:
        return ruc
    return f"DNI:{dni}" if dni else None


def parse_row(source: str, row: dict[str, str]) -> dict:
    if source == "itp_cite":
        return {
            "record_id": row["ID_ATENCION"],
            "unit": "ITP",
            "code": clean(row["COD_SERVICIO"]),
            "firm": firm_key(row["RUC"], row["DNI_CONDUCTOR"]),
            "date_text": row["FECHA_ATENCION"].strip(),
            "participant": "",
            "pre": None,
            "post": None,
            "opportunity": None,
            "ubigeo": row["UBIGEO"].strip(),
        }
    if source == "produce_direcciones":
        code = "|".join(
            clean(row[k]) for k in ("COD_ACTIVIDAD", "TIPO_INTERVENCION", "TEMA")
        )
        opportunity = clean(row["OPORTUNIDAD_NEGOCIO"])
        return {
            "record_id": row["COD_REGISTRO"],
            "unit": clean(row["UNIDAD"]),
            "code": code,
            "firm": firm_key(row["RUC"], row["DNI_CONDUCTOR"]),
            "date_text": row["FECHA"].strip(),
            "participant": row["DNI_PARTICIPANTE"].strip(),
            "pre": score(row["NOTA_PRE"], 5),
            "post": score(row["NOTA_POST"], 5),
            "opportunity": None if not opportunity else opportunity == "S",
            "ubigeo": row["UBIGEO"].strip(),
        }
    opportunity = clean(row["concreto_negocio"])
    return {
        "record_id": row["id_registro"],
        "unit": "PNTE",
        "code": clean(row["linea"]),
        "firm": firm_key(row["ruc"], row["dni_conductor"]),
        "date_text": row["fecha"].strip(),
        "participant": row["dni_participante"].strip(),
        "pre": score(row["puntaje_inicial"], 1),
        "post": score(row["puntaje_final"], 1),
        "opportunity": None if not opportunity else opportunity == "SI",
        "ubigeo": row["ubigeo"].strip(),
    }


def read_padron(root: Path) -> dict[str, str]:
    """RUC -> padrón UBIGEO (`-` when unknown)."""
    lines = (
        (root / "sunat_padron/padron_reducido_ruc.txt")
        .read_text(encoding="latin-1")
        .splitlines()
    )
    padron = {}
    for line in lines[1:]:
        fields = line.split("|")
        padron[fields[0].strip()] = fields[4].strip()
    return padron


@dataclass
class Profile:
    ciiu: str
    sales_pen: float
    workers: int | None
    registered: dt.date


def read_profiles(root: Path, fiscal_year: int) -> dict[str, Profile]:
    path = root / f"sunat_perfil/{fiscal_year}/perfil_empresas_{fiscal_year}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            r["ruc"]: Profile(
                ciiu=r["ciiu_rev4"],
                sales_pen=float(r["ventas_anuales"]),
                workers=int(r["nro_trabajadores"]) if r["nro_trabajadores"] else None,
                registered=dt.datetime.strptime(
                    r["fecha_inscripcion"], "%d/%m/%Y"
                ).date(),
            )
            for r in csv.DictReader(handle)
        }


# --- the figures, computed from the accepted records -------------------------------
@dataclass
class YearFigures:
    firms: set[str]
    activity_firms: dict[str, set[str]]
    actions: dict[str, int]
    actions_by_unit: dict[tuple[str, str], int]
    trained: set[str]
    trained_itp: set[str]
    topic: dict[str, set[str]]
    dissemination: set[str]
    dissemination_type: dict[str, set[str]]
    tech: set[str]
    tech_service: dict[str, set[str]]
    market: set[str]
    market_line: dict[str, set[str]]
    channel: dict[str, set[str]]
    unit_firms: dict[str, set[str]]
    targeted: set[str]
    size: dict[str, str]
    band: dict[str, str]
    sector: dict[str, str]
    workers: dict[str, str]
    department: dict[str, str]
    indicators: dict[str, tuple[int, int]]


def compute_year(root: Path, year: int) -> YearFigures:
    codes = service_map()
    records = [r for source in FEEDS for r in read_feed(root, source, year).records]
    padron = read_padron(root)
    profiles = read_profiles(root, year - PROFILE_LAG)
    flags = {id(r): codes[(r.source, r.code)] for r in records}
    beneficiary = [r for r in records if flags[id(r)]["is_action"] != "true"]

    def firms_where(condition) -> set[str]:
        return {r.firm for r in beneficiary if condition(flags[id(r)])}

    def grouped(column: str, condition) -> dict[str, set[str]]:
        groups: dict[str, set[str]] = defaultdict(set)
        for r in beneficiary:
            m = flags[id(r)]
            if condition(m) and m[column]:
                groups[m[column]].add(r.firm)
        return groups

    actions: dict[str, int] = defaultdict(int)
    actions_by_unit: dict[tuple[str, str], int] = defaultdict(int)
    for r in records:
        m = flags[id(r)]
        if m["is_action"] == "true":
            actions[m["activity_code"]] += 1
            actions_by_unit[(m["activity_code"], r.unit)] += 1
    firms = {r.firm for r in beneficiary}
    profile_of = {
        f: profiles[f]
        for f in firms
        if f in padron and f in profiles and profiles[f].sales_pen > 0
    }
    uit = UIT[year - PROFILE_LAG]
    size, band, sector, workers, targeted = {}, {}, {}, {}, set()
    for f, p in profile_of.items():
        sales_uit = p.sales_pen / uit
        size[f] = classify(sales_uit, SIZE_LIMITS, "grande")
        band[f] = classify(sales_uit, BAND_LIMITS, "over_2300")
        sector[f] = sector_of(p.ciiu)
        if p.workers is not None:
            workers[f] = classify(p.workers, WORKER_LIMITS, "gt100")
        old_enough = plus_years(p.registered, 2) <= dt.date(year, 1, 1)
        if old_enough and 13 <= sales_uit <= 2300:
            targeted.add(f)
    department = firm_departments(beneficiary, padron)
    return YearFigures(
        firms=firms,
        activity_firms=grouped("activity_code", lambda m: True),
        actions=dict(actions),
        actions_by_unit=dict(actions_by_unit),
        trained=firms_where(lambda m: m["is_training"] == "true"),
        trained_itp={
            r.firm
            for r in beneficiary
            if r.source == "itp_cite" and flags[id(r)]["is_training"] == "true"
        },
        topic=grouped("training_topic", lambda m: m["is_training"] == "true"),
        dissemination=firms_where(lambda m: m["is_dissemination"] == "true"),
        dissemination_type=grouped(
            "dissemination_type", lambda m: m["is_dissemination"] == "true"
        ),
        tech=firms_where(lambda m: m["is_tech_transfer"] == "true"),
        tech_service=grouped("service_type", lambda m: m["is_tech_transfer"] == "true"),
        market=firms_where(lambda m: m["is_market_access"] == "true"),
        market_line=grouped(
            "market_access_line", lambda m: m["is_market_access"] == "true"
        ),
        channel=grouped("promotion_channel", lambda m: True),
        unit_firms=unit_firms(beneficiary),
        targeted=targeted,
        size=size,
        band=band,
        sector=sector,
        workers=workers,
        department=department,
        indicators=indicators(beneficiary, flags, size),
    )


def unit_firms(records: list[Record]) -> dict[str, set[str]]:
    units: dict[str, set[str]] = defaultdict(set)
    for r in records:
        units[r.unit].add(r.firm)
    return units


def firm_departments(records: list[Record], padron: dict[str, str]) -> dict[str, str]:
    """Padrón ubigeo; else the ubigeo of the firm's earliest record of the year."""
    earliest: dict[str, Record] = {}
    for r in sorted(records, key=lambda r: (r.date, r.source, r.record_id)):
        earliest.setdefault(r.firm, r)
    departments = {}
    for f, r in earliest.items():
        ubigeo = padron.get(f, "-")
        departments[f] = (ubigeo if ubigeo != "-" else r.ubigeo)[:2]
    return departments


def indicators(
    records: list[Record], flags: dict[int, dict[str, str]], size: dict[str, str]
) -> dict[str, tuple[int, int]]:
    """(numerator, denominator) per indicator, by the rules of seeds/indicator_rules."""
    best: dict[str, dict[str, float]] = defaultdict(dict)
    evaluated_firms: dict[str, set[str]] = defaultdict(set)
    improved_firms: dict[str, set[str]] = defaultdict(set)
    for r in records:
        subject = flags[id(r)]["indicator_subject"]
        if not subject or r.pre is None or r.post is None:
            continue
        person = best[subject]
        person[r.participant] = max(person.get(r.participant, 0.0), r.post)
        evaluated_firms[subject].add(r.firm)
        if r.post > r.pre:
            improved_firms[subject].add(r.firm)
    result = {}
    for code, subject in (
        ("conocimiento_gestion_empresarial", "gestion_empresarial"),
        ("competencias_tecnico_productivas", "tecnico_productiva"),
    ):
        scores = best[subject].values()
        result[code] = (sum(s >= PASS_MARK for s in scores), len(best[subject]))
    for code, subject in (
        ("conocimiento_regulacion_industrial", "regulacion_industrial"),
        ("conocimiento_gestion_ambiental", "gestion_ambiental"),
    ):
        result[code] = (len(improved_firms[subject]), len(evaluated_firms[subject]))
    at_promotion: dict[str, bool] = {}
    for r in records:
        if flags[id(r)]["promotion_channel"] in ("feria", "rueda_negocios"):
            at_promotion[r.firm] = at_promotion.get(r.firm, False) or bool(
                r.opportunity
            )
    mipyme = {f: got for f, got in at_promotion.items() if size.get(f) != "grande"}
    result["oportunidades_negocio"] = (sum(mipyme.values()), len(mipyme))
    return result


def share_of(values: dict[str, str], key: str) -> tuple[int, int]:
    return sum(v == key for v in values.values()), len(values)


# --- fixtures ------------------------------------------------------------------
@pytest.fixture(scope="session")
def scale_1(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default data set (scale 1, 2023 and 2024, seed 93), once per session."""
    out = tmp_path_factory.mktemp("generated") / "raw"
    generate([2023, 2024], 1, 93, out)
    return out


@pytest.fixture(scope="session")
def figures_2024(scale_1: Path) -> YearFigures:
    return compute_year(scale_1, 2024)


@pytest.fixture(scope="session")
def figures_2023(scale_1: Path) -> YearFigures:
    return compute_year(scale_1, 2023)


def manifest(root: Path) -> dict:
    return json.loads((root / "_manifest.json").read_text(encoding="utf-8"))


def file_hashes(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


# --- determinism, layout, identifiers --------------------------------------------
def test_same_arguments_give_the_same_bytes(scale_1: Path, tmp_path: Path) -> None:
    again = tmp_path / "raw"
    generate([2023, 2024], 1, 93, again)
    assert file_hashes(again) == file_hashes(scale_1)


def test_another_seed_gives_other_records_but_the_same_figures(tmp_path: Path) -> None:
    out = tmp_path / "raw"
    generate([2024], 1, 7, out)
    figures = compute_year(out, 2024)
    assert len(figures.firms) == FIRMS_2024
    assert rounds_to(len(figures.targeted), FIRMS_2024, TARGETED_PCT_2024)
    assert not (out / "itp_cite/2023").exists()
    assert not (out / "mef_gasto/2023").exists()


def test_manifest_lists_every_file_with_rows_and_checksums(scale_1: Path) -> None:
    listed = {f["path"]: f for f in manifest(scale_1)["files"]}
    on_disk = file_hashes(scale_1)
    del on_disk["_manifest.json"]
    assert set(listed) == set(on_disk)
    for path, sha in on_disk.items():
        assert listed[path]["sha256"] == sha
        with (scale_1 / path).open("rb") as handle:
            assert listed[path]["rows"] == sum(1 for _ in handle) - 1
    assert manifest(scale_1)["arguments"] == {
        "years": [2023, 2024],
        "scale": 1,
        "seed": 93,
    }


def test_feeds_are_written_for_each_year(scale_1: Path) -> None:
    expected = {
        "sunat_padron/padron_reducido_ruc.txt",
        "sunat_perfil/2021/perfil_empresas_2021.csv",
        "sunat_perfil/2022/perfil_empresas_2022.csv",
    } | {
        pattern.format(y=y)
        for pattern in (*(p for p, _ in FEEDS.values()), *BUDGET_FEEDS)
        for y in (2023, 2024)
    }
    written = {f["path"] for f in manifest(scale_1)["files"]}
    assert written == expected  # 2023's budget and physical targets are synthetic
    assert manifest(scale_1)["synthetic_budget_years"] == [2023]
    assert manifest(scale_1)["synthetic_years"] == []


def test_padron_is_latin1_with_sunat_header_and_peruvian_names(scale_1: Path) -> None:
    raw = (scale_1 / "sunat_padron/padron_reducido_ruc.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # accents in Latin-1 are not valid UTF-8
    lines = raw.decode("latin-1").splitlines()
    assert lines[0].startswith(
        "RUC|NOMBRE O RAZÓN SOCIAL|ESTADO DEL CONTRIBUYENTE|"
        "CONDICIÓN DE DOMICILIO|UBIGEO|"
    )
    assert all(line.endswith("|") and line.count("|") == 15 for line in lines)
    names = [line.split("|")[1] for line in lines[1:]]
    text = "\n".join(names)
    assert "Ñ" in text and "Á" in text
    for suffix in ("S.A.C.", "E.I.R.L.", "S.R.L."):
        assert any(n.strip().upper().endswith(suffix) for n in names)
    rucs = [line.split("|")[0] for line in lines[1:]]
    assert len(rucs) == len(set(rucs))


def test_ruc_check_digits_are_valid_except_the_injected_ones(scale_1: Path) -> None:
    files = {f["path"]: f for f in manifest(scale_1)["files"]}
    for source, (pattern, delimiter) in FEEDS.items():
        for year in (2023, 2024):
            path = pattern.format(y=year)
            column = "ruc" if source == "pnte_tu_empresa" else "RUC"
            with (scale_1 / path).open(encoding="utf-8", newline="") as handle:
                rucs = [
                    r[column].strip()
                    for r in csv.DictReader(handle, delimiter=delimiter)
                ]
            invalid = sum(1 for ruc in rucs if ruc and not ruc_is_valid(ruc))
            assert invalid == files[path]["dirt"]["bad_ruc_rows"] > 0, path
    padron = read_padron(scale_1)
    assert all(ruc_is_valid(ruc) for ruc in padron)
    for fiscal_year in (2021, 2022):
        assert all(ruc_is_valid(ruc) for ruc in read_profiles(scale_1, fiscal_year))


def test_dirty_rows_match_the_manifest(scale_1: Path) -> None:
    files = {f["path"]: f for f in manifest(scale_1)["files"]}
    for source, (pattern, _) in FEEDS.items():
        for year in (2023, 2024):
            read = read_feed(scale_1, source, year)
            dirt = files[pattern.format(y=year)]["dirt"]
            assert read.duplicates == dirt["duplicate_rows"] > 0
            assert read.bad_date == dirt["bad_date_rows"] > 0
            assert read.bad_ruc == dirt["bad_ruc_rows"]


# --- budget and physical targets ----------------------------------------------------
def annex_amounts() -> dict[tuple[str, str], int]:
    """(metric, activity) -> soles: seeds/published_figures.csv when it has them,
    else the generator's calibration file."""
    seed = SEEDS / "published_figures.csv"
    amounts: dict[tuple[str, str], int] = {}
    if seed.exists():
        with seed.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if (
                    row["metric"] in ("pim_pen", "devengado_pen")
                    and row["program_year"] == "2024"
                    and "." in row["dimension_value"]
                ):
                    amounts[(row["metric"], row["dimension_value"])] = int(
                        float(row["published_value"])
                    )
    if not amounts:
        with CALIBRATION.open("rb") as handle:
            activities = tomllib.load(handle)["budget_2024"]["activities"]
        for activity, figures in activities.items():
            amounts[("pim_pen", activity)] = figures["pim"]
            amounts[("devengado_pen", activity)] = figures["devengado"]
    return amounts


def mef_activity_codes() -> dict[str, str]:
    with (SEEDS / "mef_activity_crosswalk.csv").open(encoding="utf-8") as handle:
        return {
            r["actividad_accion_obra"]: r["activity_code"]
            for r in csv.DictReader(handle)
        }


def cents(text: str) -> int:
    whole, _, fraction = text.partition(".")
    return int(whole) * 100 + int(fraction.ljust(2, "0"))


MEF_NATIONAL_COLUMNS = next(c for c in CONTRACTS if c.folder == "mef_gasto").columns
CHAIN_KEY = (
    "ANO_EJE",
    "MES_EJE",
    "PLIEGO",
    "EJECUTORA",
    "SEC_FUNC",
    "ACTIVIDAD_ACCION_OBRA",
    "FUENTE_FINANCIAMIENTO",
    "RUBRO",
    "TIPO_RECURSO",
    "CATEGORIA_GASTO",
    "TIPO_TRANSACCION",
    "GENERICA",
    "SUBGENERICA",
    "SUBGENERICA_DET",
    "ESPECIFICA",
    "ESPECIFICA_DET",
)


def mef_identities_hold(row: dict[str, str]) -> bool:
    """certificado >= comprometido >= devengado >= girado on a MEF row."""
    amounts = [
        cents(row[c])
        for c in (
            "MONTO_CERTIFICADO",
            "MONTO_COMPROMETIDO_ANUAL",
            "MONTO_DEVENGADO",
            "MONTO_GIRADO",
        )
    ]
    return amounts == sorted(amounts, reverse=True)


def test_monthly_mef_amounts_add_up_to_the_annex(scale_1: Path) -> None:
    """MEF's national file: PP 0093's rows add up to the annex to the sol,
    amid other programmes' rows at the documented ratio."""
    activity_of = mef_activity_codes()
    totals: dict[tuple[str, str], int] = defaultdict(int)
    months: dict[str, set[int]] = defaultdict(set)
    keys: set[tuple[str, ...]] = set()
    generics: set[str] = set()
    other_rows = 0
    path = scale_1 / "mef_gasto/2024/2024-Gasto.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == MEF_NATIONAL_COLUMNS
        for row in reader:
            if row["PROGRAMA_PPTO"] != "0093":
                other_rows += 1
                assert row["ACTIVIDAD_ACCION_OBRA"] not in activity_of
                continue
            activity = activity_of[row["ACTIVIDAD_ACCION_OBRA"]]
            totals[("pim_pen", activity)] += cents(row["MONTO_PIM"])
            totals[("devengado_pen", activity)] += cents(row["MONTO_DEVENGADO"])
            months[activity].add(int(row["MES_EJE"]))
            generics.add(row["TIPO_TRANSACCION"] + "." + row["GENERICA"])
            key = tuple(row[c] for c in CHAIN_KEY)
            assert key not in keys  # staging's key: month and spending chain
            keys.add(key)
            assert mef_identities_hold(row) and cents(row["MONTO_GIRADO"]) >= 0
            assert row["ANO_EJE"] == "2024"
            assert row["PLIEGO"] in ("038", "241")
    expected = annex_amounts()
    assert len(expected) == 20
    assert {key: value * 100 for key, value in expected.items()} == dict(totals)
    assert all(m == set(range(1, 13)) for m in months.values())
    assert generics == {"2.1", "2.3", "2.6"}
    # docs/feeds.md: by default, 2 other programmes' rows per PP 0093 row
    assert other_rows == 2 * len(keys)


def test_physical_progress_is_the_annex(scale_1: Path) -> None:
    activity_of = mef_activity_codes()
    path = scale_1 / "siaf_avance_fisico/2024/avance_fisico_2024.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    activities = {
        activity_of[r["ACTIVIDAD_ACCION_OBRA"]]: r
        for r in rows
        if r["NIVEL"] == "ACTIVIDAD"
    }
    assert activities["2.1"]["META_FISICA_ANUAL"] == ""
    assert activities["2.1"]["AVANCE_FISICO_ANUAL"] == ""
    assert activities["4.1"]["META_FISICA_ANUAL"] == "5581"
    assert activities["4.2"]["AVANCE_FISICO_ANUAL"] == "1821"
    assert activities["3.3"]["UNIDAD_MEDIDA"] == "Acciones"
    assert sum(r["NIVEL"] == "PRODUCTO" for r in rows) == 4
    assert len(activities) == 11


# --- the calibration, checked on the files ----------------------------------------
def test_firms_served_and_targeted_2024(figures_2024: YearFigures) -> None:
    assert len(figures_2024.firms) == FIRMS_2024
    assert rounds_to(len(figures_2024.targeted), FIRMS_2024, TARGETED_PCT_2024)


def test_activity_and_product_firms_2024(figures_2024: YearFigures) -> None:
    found = {a: len(f) for a, f in figures_2024.activity_firms.items()}
    assert found == ACTIVITY_FIRMS_2024
    firms = figures_2024.activity_firms
    assert len(firms["1.1"] | firms["1.2"] | firms["1.3"]) == PRODUCT_FIRMS_2024["1"]
    assert len(firms["2.2"] | firms["2.3"]) == PRODUCT_FIRMS_2024["2"]


def test_actions_2024(figures_2024: YearFigures) -> None:
    assert figures_2024.actions == ACTIONS_2024
    for unit, count in ACTIONS_4_2_BY_UNIT.items():
        assert figures_2024.actions_by_unit[("4.2", unit)] == count


def test_service_lines_2024(figures_2024: YearFigures) -> None:
    f = figures_2024
    assert len(f.trained) == TRAINED
    assert rounds_to(len(f.trained_itp), TRAINED, TRAINED_ITP_PCT)
    for topic, pct in TOPIC_PCT.items():
        assert rounds_to(len(f.topic[topic]), TRAINED, pct), topic
    assert len(f.dissemination) == DISSEMINATION
    for kind, pct in DISSEMINATION_PCT.items():
        assert rounds_to(len(f.dissemination_type[kind]), DISSEMINATION, pct), kind
    assert len(f.tech) == TECH_TRANSFER
    for service, pct in TECH_SERVICE_PCT.items():
        assert rounds_to(len(f.tech_service[service]), TECH_TRANSFER, pct), service
    assert len(f.market) == MARKET_ACCESS
    assert {k: len(v) for k, v in f.market_line.items()} == MARKET_LINES
    assert len(f.channel["feria"]) == FAIR_FIRMS
    assert len(f.channel["rueda_negocios"]) == ROUND_FIRMS
    assert f.unit_firms["PNTE"] >= f.channel["feria"]
    assert f.unit_firms["DGDE"] == f.channel["rueda_negocios"]


def test_profile_shares_2024(figures_2024: YearFigures) -> None:
    f = figures_2024
    for key, pct in SIZE_PCT.items():
        assert rounds_to(*share_of(f.size, key), pct), key
    for key, pct in BAND_PCT.items():
        assert rounds_to(*share_of(f.band, key), pct), key
    for key, pct in SECTOR_PCT.items():
        assert rounds_to(*share_of(f.sector, key), pct), key
    for key, pct in WORKERS_PCT.items():
        assert rounds_to(*share_of(f.workers, key), pct), key
    small = {firm: f.sector[firm] for firm, band in f.workers.items() if band == "lt5"}
    for key, pct in LT5_SECTOR_PCT.items():
        assert rounds_to(*share_of(small, key), pct), key
    large = [f.sector[firm] for firm, band in f.workers.items() if band == "gt100"]
    assert large.count("manufactura") > len(large) / 2


def test_executing_units_and_departments_2024(figures_2024: YearFigures) -> None:
    f = figures_2024
    for unit, pct in UNIT_PCT.items():
        assert rounds_to(len(f.unit_firms[unit]), FIRMS_2024, pct), unit
    assert len(f.department) == FIRMS_2024
    for code, pct in DEPARTMENT_PCT.items():
        assert rounds_to(*share_of(f.department, code), pct), code
    lima, libertad, junin = (share_of(f.department, c)[0] for c in ("15", "13", "12"))
    others = [
        share_of(f.department, c)[0]
        for c in set(f.department.values())
        if c not in ("15", "13")
    ]
    assert lima > libertad > junin == max(others)


def test_indicators_2024(figures_2024: YearFigures) -> None:
    for code, pct in INDICATOR_PCT.items():
        numerator, denominator = figures_2024.indicators[code]
        assert denominator > 100, code
        assert rounds_to(numerator, denominator, pct), code


def test_year_2023(figures_2023: YearFigures, figures_2024: YearFigures) -> None:
    f = figures_2023
    assert len(f.firms) == FIRMS_2023
    assert rounds_to(len(f.targeted), FIRMS_2023, TARGETED_PCT_2023)
    firms = f.activity_firms
    assert len(firms["1.1"] | firms["1.2"] | firms["1.3"]) == PRODUCT_FIRMS_2023["1"]
    assert len(firms["2.2"] | firms["2.3"]) == PRODUCT_FIRMS_2023["2"]
    both = f.firms & figures_2024.firms
    assert any(k.startswith("DNI:") for k in both)
    assert any(not k.startswith("DNI:") for k in both)


def test_informal_firms_have_no_profile(figures_2024: YearFigures) -> None:
    informal = {k for k in figures_2024.firms if k.startswith("DNI:")}
    assert informal
    assert not informal & set(figures_2024.size)
    assert not informal & figures_2024.targeted
    assert informal <= set(figures_2024.department)


# --- scale ----------------------------------------------------------------------
@pytest.mark.slow
def test_scale_10_multiplies_firms_and_keeps_shares(
    tmp_path: Path, figures_2024: YearFigures
) -> None:
    out = tmp_path / "raw"
    generate([2024], 10, 93, out)
    big = compute_year(out, 2024)
    assert len(big.firms) == 10 * FIRMS_2024
    assert {a: len(f) for a, f in big.activity_firms.items()} == {
        a: 10 * n for a, n in ACTIVITY_FIRMS_2024.items()
    }
    assert len(big.targeted) == 10 * len(figures_2024.targeted)
    for key in SIZE_PCT:
        assert share_of(big.size, key)[0] == 10 * share_of(figures_2024.size, key)[0]
    for code, pct in INDICATOR_PCT.items():
        assert rounds_to(*big.indicators[code], pct), code
    for unit, pct in UNIT_PCT.items():
        assert rounds_to(len(big.unit_firms[unit]), 10 * FIRMS_2024, pct), unit


# --- years without a calibration ---------------------------------------------------
@pytest.fixture(scope="module")
def with_2025(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default data set plus 2025, a year drawn from 2024 with drift."""
    out = tmp_path_factory.mktemp("generated-2025") / "raw"
    generate([2023, 2024, 2025], 1, 93, out)
    return out


def test_years_accept_ranges() -> None:
    from pp0093.generator.cli import year_range

    assert year_range("2022-2026") == [2022, 2023, 2024, 2025, 2026]
    assert year_range("2024") == [2024]
    with pytest.raises(Exception, match="not a year"):
        year_range("2024-")


def test_adding_a_year_leaves_the_calibrated_years_files_as_they_were(
    scale_1: Path, with_2025: Path
) -> None:
    before, after = file_hashes(scale_1), file_hashes(with_2025)
    changed = sorted(p for p in before if after.get(p) != before[p])
    # the padrón lists the firms of every year written, and the manifest all files
    assert changed == ["_manifest.json", "sunat_padron/padron_reducido_ruc.txt"]
    added = sorted(set(after) - set(before))
    assert added == sorted(
        [
            "sunat_perfil/2023/perfil_empresas_2023.csv",
            *(p.format(y=2025) for p, _ in FEEDS.values()),
            *(p.format(y=2025) for p in BUDGET_FEEDS),
        ]
    )
    assert manifest(with_2025)["synthetic_years"] == [2025]


def test_a_synthetic_year_differs_from_its_calibrated_year(
    with_2025: Path, figures_2024: YearFigures
) -> None:
    figures = compute_year(with_2025, 2025)
    assert figures.firms and len(figures.firms) != FIRMS_2024
    assert not figures.firms & figures_2024.firms  # all new firms
    shares = {
        a: round(100 * len(f) / len(figures.firms), 1)
        for a, f in figures.activity_firms.items()
    }
    shares_2024 = {
        a: round(100 * n / FIRMS_2024, 1) for a, n in ACTIVITY_FIRMS_2024.items()
    }
    assert shares != shares_2024
    assert manifest(with_2025)["firms_served"]["2025"] == len(figures.firms)


def test_a_synthetic_year_is_deterministic_and_seeded(
    with_2025: Path, tmp_path: Path
) -> None:
    again, other = tmp_path / "again", tmp_path / "other"
    generate([2025], 1, 93, again)
    generate([2025], 1, 94, other)
    path = "itp_cite/2025/cite_atenciones_2025.csv"
    assert file_hashes(again)[path] == file_hashes(with_2025)[path]
    assert (
        manifest(other)["firms_served"]["2025"]
        != manifest(again)["firms_served"]["2025"]
    )


def test_a_synthetic_budget_keeps_mef_identities_and_differs_from_the_annex(
    with_2025: Path,
) -> None:
    activity_of = mef_activity_codes()
    pim: dict[str, int] = defaultdict(int)
    path = with_2025 / "mef_gasto/2025/2025-Gasto.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            assert row["ANO_EJE"] == "2025"
            if row["PROGRAMA_PPTO"] != "0093":
                continue  # MEF's national file: other programmes' rows
            assert mef_identities_hold(row)
            pim[activity_of[row["ACTIVIDAD_ACCION_OBRA"]]] += cents(row["MONTO_PIM"])
    annex = {a: v * 100 for (m, a), v in annex_amounts().items() if m == "pim_pen"}
    assert set(pim) == set(annex)
    assert all(pim[a] != annex[a] for a in annex)
    siaf = with_2025 / "siaf_avance_fisico/2025/avance_fisico_2025.csv"
    with siaf.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["ANO_EJE"] for r in rows} == {"2025"}
    assert sum(r["NIVEL"] == "PRODUCTO" for r in rows) == 4


def test_years_outside_the_uit_table_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="outside"):
        generate([2030], 1, 93, tmp_path / "raw")
