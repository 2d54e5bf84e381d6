"""Service records of one programme year, as numeric row tables (one per feed).

A row table is a dict of equally long numpy arrays. Columns shared by all feeds:
`firm` (index into the year's population, -1 on action rows), `date` (ordinal).
Training rows carry `participant` (DNI), `pre` and `post` scores in the source's
own units (-1 when not evaluated); promotion rows carry `opportunity` (1/0, -1).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np

from pp0093.generator.calibration import ITP_OTHER_SERVICES, Calibration
from pp0093.generator.geography import CITES, DEPARTMENT_CODES, cite_for_department
from pp0093.generator.ids import DNI_BASE, DNI_SPAN, NumberBijection
from pp0093.generator.population import GRANDE_BAND, YearPopulation
from pp0093.generator.quotas import choose, hits_for_share
from pp0093.generator.streams import stream

Rows = dict[str, np.ndarray]

ITP_SERVICE_CODES: tuple[str, ...] = (*ITP_OTHER_SERVICES, "IT", "CA", "IN")
DIRECTORATE_UNITS: tuple[str, ...] = ("DGDE", "DDP", "DAM", "DGPAR", "DGAAMI", "DGITDF")
# (COD_ACTIVIDAD, TIPO_INTERVENCION, TEMA): the keys of seeds/service_code_map.csv
DIRECTORATE_CODES: tuple[tuple[str, str, str], ...] = (
    ("A1.1", "CAPACITACION", "GESTION EMPRESARIAL"),
    ("A1.2", "CAPACITACION", "TECNICO PRODUCTIVA"),
    ("A1.2", "ASISTENCIA TECNICA", "TECNICO PRODUCTIVA"),
    ("A1.3", "CAPACITACION", "GESTION DE LA CALIDAD"),
    ("A1.3", "ASISTENCIA TECNICA", "GESTION DE LA CALIDAD"),
    ("A2.2", "RUEDA DE NEGOCIOS", "ARTICULACION COMERCIAL"),
    ("A2.3", "PROGRAMA DE PROVEEDORES", "ARTICULACION COMERCIAL"),
    ("A3.1", "CAPACITACION", "REGULACION INDUSTRIAL"),
    ("A3.1", "CAPACITACION", "GESTION AMBIENTAL"),
    ("A3.2", "DIFUSION", "REGULACION INDUSTRIAL"),
    ("A3.2", "DIFUSION", "GESTION AMBIENTAL"),
    ("A3.3", "ACCION", "MEJORA REGULATORIA"),
    ("A4.2", "ACCION", "INSTRUMENTOS TT"),
)
PNTE_LINES: tuple[str, ...] = ("CAP", "FER")
PNTE_MODALITIES: tuple[str, ...] = ("VIRTUAL", "PRESENCIAL")
PNTE_TRAINING_TITLES: tuple[str, ...] = (
    "Taller de gestión empresarial",
    "Curso de finanzas para la MYPE",
    "Taller de costos y precios",
    "Curso de marketing digital",
    "Taller de formalización y tributación",
    "Curso de gestión comercial",
)
PNTE_FAIR_TITLES: tuple[str, ...] = (
    "Feria Perú Emprende",
    "Expo Tu Empresa",
    "Feria Hecho en Perú",
    "Feria Compras a MYPErú",
)


@dataclass(frozen=True)
class ScoreScale:
    """A source's score units: the maximum, a sure pass and a sure fail."""

    maximum: int
    pass_from: int  # normalised >= 72.5: above the pass mark of 70
    fail_upto: int  # normalised <= 65: below it


VIGESIMAL_TENTHS = ScoreScale(maximum=200, pass_from=145, fail_upto=130)
PNTE_POINTS = ScoreScale(maximum=100, pass_from=73, fail_upto=67)


def concat_rows(parts: list[Rows]) -> Rows:
    keys = sorted({key for part in parts for key in part})
    total = [len(next(iter(part.values()))) for part in parts]
    result = {}
    for key in keys:
        columns = []
        for part, n in zip(parts, total, strict=True):
            default = np.full(n, -1, dtype=np.int64)
            columns.append(part.get(key, default))
        result[key] = np.concatenate(columns)
    return result


def random_dates(rng: np.random.Generator, n: int, year: int) -> np.ndarray:
    """Ordinal dates inside the programme year (15 Jan - 15 Dec)."""
    low = dt.date(year, 1, 15).toordinal()
    high = dt.date(year, 12, 15).toordinal()
    return rng.integers(low, high + 1, size=n)


def repeat_by_weights(
    items: np.ndarray, weights: list[float], rng: np.random.Generator
) -> np.ndarray:
    """Each item repeated 1..len(weights) times, drawn with `weights`."""
    p = np.asarray(weights, dtype=float)
    counts = 1 + rng.choice(len(p), size=len(items), p=p / p.sum())
    return np.repeat(items, counts)


def first_in_group(groups: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One random row per group value marked True."""
    order = rng.permutation(len(groups))
    _, first = np.unique(groups[order], return_index=True)
    marked = np.zeros(len(groups), dtype=bool)
    marked[order[first]] = True
    return marked


class PersonAllocator:
    """Distinct DNIs for participants, disjoint from firm owners' DNIs."""

    def __init__(self, seed: int, first_index: int) -> None:
        self._bijection = NumberBijection(seed, DNI_SPAN, DNI_BASE, salt=1)
        self._next = first_index

    def take(self, n: int) -> np.ndarray:
        index = np.arange(self._next, self._next + n, dtype=np.int64)
        self._next += n
        return self._bijection(index)


@dataclass
class Attendance:
    """Participants of one training line and the rows they produce."""

    firm_of_person: np.ndarray
    dni_of_person: np.ndarray
    person_of_row: np.ndarray

    @property
    def firm_of_row(self) -> np.ndarray:
        return self.firm_of_person[self.person_of_row]


def draw_attendance(
    firms: np.ndarray,
    cfg: dict[str, Any],
    people: PersonAllocator,
    rng: np.random.Generator,
) -> Attendance:
    """1-3 participants per firm, some attending a second event."""
    firm_of_person = repeat_by_weights(firms, cfg["participants_weights"], rng)
    second = rng.random(len(firm_of_person)) < cfg["second_event_rate"]
    person_of_row = np.repeat(np.arange(len(firm_of_person)), 1 + second)
    return Attendance(firm_of_person, people.take(len(firm_of_person)), person_of_row)


def uniform_int(
    rng: np.random.Generator, low: np.ndarray | int, high: np.ndarray | int, n: int
) -> np.ndarray:
    """Integers in [low, high] (inclusive), element-wise."""
    low = np.broadcast_to(np.asarray(low, dtype=np.int64), (n,))
    high = np.broadcast_to(np.asarray(high, dtype=np.int64), (n,))
    return low + (rng.random(n) * (high - low + 1)).astype(np.int64)


def person_pass_scores(
    person_of_row: np.ndarray,
    evaluated: np.ndarray,
    passed: np.ndarray,
    scale: ScoreScale,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """Pre/post scores: a passed person's best post clears the pass mark, a
    failed person's never does; not evaluated persons get none."""
    n = len(person_of_row)
    top = scale.maximum
    pre = uniform_int(rng, top * 3 // 10, top * 3 // 4, n)
    designated = first_in_group(person_of_row, rng)
    passing = uniform_int(rng, scale.pass_from, top, n)
    anything = uniform_int(rng, top * 3 // 10, top, n)
    failing = uniform_int(rng, top // 4, scale.fail_upto, n)
    row_passed = passed[person_of_row]
    post = np.where(row_passed, np.where(designated, passing, anything), failing)
    row_evaluated = evaluated[person_of_row]
    return np.where(row_evaluated, pre, -1), np.where(row_evaluated, post, -1)


def firm_improvement_scores(
    firm_of_row: np.ndarray,
    evaluated_firms: np.ndarray,
    improved_firms: np.ndarray,
    scale: ScoreScale,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """Pre/post scores: in an improved firm one participant scores higher after;
    in the others nobody does. Firms not evaluated get no scores."""
    n = len(firm_of_row)
    top = scale.maximum
    pre = uniform_int(rng, top * 3 // 10, top * 3 // 4, n)
    designated = first_in_group(firm_of_row, rng)
    gain = uniform_int(rng, top // 20, top // 4, n)
    drift = uniform_int(rng, -(top * 3 // 20), top // 5, n)
    loss = uniform_int(rng, 0, top * 3 // 20, n)
    improved = np.isin(firm_of_row, improved_firms)
    post = np.where(
        improved,
        np.where(designated, pre + gain, np.clip(pre + drift, 0, top)),
        np.maximum(pre - loss, 0),
    )
    evaluated = np.isin(firm_of_row, evaluated_firms)
    return np.where(evaluated, pre, -1), np.where(evaluated, post, -1)


def split_persons_by_indicator(
    n_persons: int, pct: float, not_evaluated_rate: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """(evaluated, passed) person masks giving exactly `pct` passed of evaluated."""
    evaluated = rng.random(n_persons) >= not_evaluated_rate
    used, hits = hits_for_share(int(evaluated.sum()), pct)
    evaluated_index = np.flatnonzero(evaluated)
    evaluated[choose(evaluated_index, len(evaluated_index) - used, rng)] = False
    passed = np.zeros(n_persons, dtype=bool)
    passed[choose(np.flatnonzero(evaluated), hits, rng)] = True
    return evaluated, passed


def split_firms_by_indicator(
    firms: np.ndarray, pct: float, not_evaluated_rate: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """(evaluated firms, improved firms) giving exactly `pct` improved."""
    evaluated_mask = rng.random(len(firms)) >= not_evaluated_rate
    used, hits = hits_for_share(int(evaluated_mask.sum()), pct)
    evaluated = firms[evaluated_mask]
    evaluated = choose(evaluated, used, rng)
    improved = choose(evaluated, hits, rng)
    return evaluated, improved


# ---------------------------------------------------------------------------------
# ITP CITE services
# ---------------------------------------------------------------------------------
def itp_rows(
    population: YearPopulation, calibration: Calibration, scale: int, seed: int
) -> Rows:
    """One row per service delivered, plus the instrument actions (`IN`)."""
    year = population.year
    cfg = calibration.raw["records"]
    rng = stream(seed, "itp-rows", year)
    home_cite = draw_home_cites(population.department, rng)
    parts = []
    service_masks = {code: population.itp_services[code] for code in ITP_OTHER_SERVICES}
    service_masks["IT"] = population.lines["IT"]
    service_masks["CA"] = population.lines["CA"]
    for code, mask in service_masks.items():
        weights = (
            cfg["itp_it_rows_weights"] if code == "IT" else cfg["itp_rows_weights"]
        )
        firm = repeat_by_weights(np.flatnonzero(mask), weights, rng)
        away = rng.random(len(firm)) < 0.1
        cite = np.where(away, rng.integers(0, len(CITES), len(firm)), home_cite[firm])
        parts.append(
            {
                "firm": firm,
                "service": np.full(len(firm), ITP_SERVICE_CODES.index(code)),
                "cite": cite,
            }
        )
    actions = calibration.published_2024["actions_4_2_itp"] * scale
    parts.append(
        {
            "firm": np.full(actions, -1, dtype=np.int64),
            "service": np.full(actions, ITP_SERVICE_CODES.index("IN")),
            "cite": rng.integers(0, len(CITES), actions),
        }
    )
    rows = concat_rows(parts)
    rows["date"] = random_dates(rng, len(rows["firm"]), year)
    return rows


def draw_home_cites(department: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The CITE that usually serves a firm: one in its department when there is one."""
    local = cite_for_department()
    home = rng.integers(0, len(CITES), len(department))
    draw = rng.random(len(department))
    for index, code in enumerate(DEPARTMENT_CODES):
        options = np.array(local[code], dtype=np.int64)
        if len(options) == 0:
            continue
        members = np.flatnonzero(department == index)
        home[members] = options[(draw[members] * len(options)).astype(np.int64)]
    return home


# ---------------------------------------------------------------------------------
# PRODUCE directorates
# ---------------------------------------------------------------------------------
def code_index(activity: str, kind: str, topic: str) -> int:
    return DIRECTORATE_CODES.index((activity, kind, topic))


def training_part(
    attendance: Attendance,
    unit: str,
    code: int,
    scores: tuple[np.ndarray, np.ndarray] | None,
) -> Rows:
    n = len(attendance.person_of_row)
    pre, post = scores if scores is not None else (np.full(n, -1), np.full(n, -1))
    return {
        "firm": attendance.firm_of_row,
        "participant": attendance.dni_of_person[attendance.person_of_row],
        "unit": np.full(n, DIRECTORATE_UNITS.index(unit)),
        "code": np.full(n, code),
        "pre": pre,
        "post": post,
    }


def event_part(firms: np.ndarray, unit: str, code: int) -> Rows:
    n = len(firms)
    return {
        "firm": firms,
        "unit": np.full(n, DIRECTORATE_UNITS.index(unit)),
        "code": np.full(n, code),
    }


def ddp_split(
    firms: np.ndarray, cfg: dict[str, Any], rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """DDP firms with a training event and with technical assistance (>= one)."""
    draw = rng.random(len(firms))
    training_only = draw < cfg["ddp_training_only"]
    assistance_only = (~training_only) & (
        draw < cfg["ddp_training_only"] + cfg["ddp_assistance_only"]
    )
    return firms[~assistance_only], firms[~training_only]


@dataclass
class TrainingDesign:
    """Who is evaluated and who passes, per indicator (shared across feeds)."""

    gestion_persons: tuple[np.ndarray, np.ndarray]  # over D11 persons then CAP persons
    d11: Attendance
    cap: Attendance


def gestion_empresarial_design(
    population: YearPopulation,
    calibration: Calibration,
    people: PersonAllocator,
    seed: int,
) -> TrainingDesign:
    """Participants of activity 1.1 in both feeds, with one pass/fail split."""
    cfg = calibration.raw["records"]
    rng = stream(seed, "gestion-empresarial", population.year)
    d11 = draw_attendance(np.flatnonzero(population.lines["D11"]), cfg, people, rng)
    cap = draw_attendance(np.flatnonzero(population.lines["CAP"]), cfg, people, rng)
    n_persons = len(d11.firm_of_person) + len(cap.firm_of_person)
    pct = calibration.published_2024["indicator_pct"][
        "conocimiento_gestion_empresarial"
    ]
    split = split_persons_by_indicator(n_persons, pct, cfg["not_evaluated_rate"], rng)
    return TrainingDesign(split, d11, cap)


def directorate_rows(
    population: YearPopulation,
    calibration: Calibration,
    design: TrainingDesign,
    people: PersonAllocator,
    opportunity: np.ndarray,
    scale: int,
    seed: int,
) -> Rows:
    """Participant, firm and action rows of the PRODUCE directorates."""
    year = population.year
    cfg = calibration.raw["records"]
    indicators = calibration.published_2024["indicator_pct"]
    rng = stream(seed, "directorate-rows", year)
    lines = population.lines
    parts: list[Rows] = []

    evaluated, passed = design.gestion_persons
    n_d11 = len(design.d11.firm_of_person)
    parts.append(
        training_part(
            design.d11,
            "DGITDF",
            code_index("A1.1", "CAPACITACION", "GESTION EMPRESARIAL"),
            person_pass_scores(
                design.d11.person_of_row,
                evaluated[:n_d11],
                passed[:n_d11],
                VIGESIMAL_TENTHS,
                rng,
            ),
        )
    )

    trained_12, assisted_12 = ddp_split(np.flatnonzero(lines["A12"]), cfg, rng)
    attendance = draw_attendance(trained_12, cfg, people, rng)
    ev, ok = split_persons_by_indicator(
        len(attendance.firm_of_person),
        indicators["competencias_tecnico_productivas"],
        cfg["not_evaluated_rate"],
        rng,
    )
    parts.append(
        training_part(
            attendance,
            "DDP",
            code_index("A1.2", "CAPACITACION", "TECNICO PRODUCTIVA"),
            person_pass_scores(attendance.person_of_row, ev, ok, VIGESIMAL_TENTHS, rng),
        )
    )
    parts.append(
        training_part(
            draw_attendance(assisted_12, cfg, people, rng),
            "DDP",
            code_index("A1.2", "ASISTENCIA TECNICA", "TECNICO PRODUCTIVA"),
            None,
        )
    )

    trained_13, assisted_13 = ddp_split(np.flatnonzero(lines["A13"]), cfg, rng)
    attendance = draw_attendance(trained_13, cfg, people, rng)
    n_persons = len(attendance.firm_of_person)
    parts.append(
        training_part(
            attendance,
            "DDP",
            code_index("A1.3", "CAPACITACION", "GESTION DE LA CALIDAD"),
            person_pass_scores(
                attendance.person_of_row,
                rng.random(n_persons) >= cfg["not_evaluated_rate"],
                rng.random(n_persons) < 0.6,
                VIGESIMAL_TENTHS,
                rng,
            ),
        )
    )
    parts.append(
        training_part(
            draw_attendance(assisted_13, cfg, people, rng),
            "DDP",
            code_index("A1.3", "ASISTENCIA TECNICA", "GESTION DE LA CALIDAD"),
            None,
        )
    )

    for line, unit, topic, indicator in (
        ("R31", "DGPAR", "REGULACION INDUSTRIAL", "conocimiento_regulacion_industrial"),
        ("E31", "DGAAMI", "GESTION AMBIENTAL", "conocimiento_gestion_ambiental"),
    ):
        firms = np.flatnonzero(lines[line])
        evaluated_firms, improved_firms = split_firms_by_indicator(
            firms, indicators[indicator], cfg["not_evaluated_rate"], rng
        )
        attendance = draw_attendance(firms, cfg, people, rng)
        parts.append(
            training_part(
                attendance,
                unit,
                code_index("A3.1", "CAPACITACION", topic),
                firm_improvement_scores(
                    attendance.firm_of_row,
                    evaluated_firms,
                    improved_firms,
                    VIGESIMAL_TENTHS,
                    rng,
                ),
            )
        )

    rounds = repeat_by_weights(
        np.flatnonzero(lines["RUE"]), cfg["event_rows_weights"], rng
    )
    part = event_part(
        rounds,
        "DGDE",
        code_index("A2.2", "RUEDA DE NEGOCIOS", "ARTICULACION COMERCIAL"),
    )
    part["opportunity"] = opportunity_rows(rounds, opportunity, rng)
    parts.append(part)
    parts.append(
        event_part(
            np.flatnonzero(lines["PRV"]),
            "DAM",
            code_index("A2.3", "PROGRAMA DE PROVEEDORES", "ARTICULACION COMERCIAL"),
        )
    )
    for line, unit, topic in (
        ("P32", "DGPAR", "REGULACION INDUSTRIAL"),
        ("A32", "DGAAMI", "GESTION AMBIENTAL"),
    ):
        firms = repeat_by_weights(
            np.flatnonzero(lines[line]), cfg["event_rows_weights"], rng
        )
        parts.append(event_part(firms, unit, code_index("A3.2", "DIFUSION", topic)))
    published = calibration.published_2024
    for count, unit, code in (
        (
            published["actions_3_3"],
            "DGPAR",
            code_index("A3.3", "ACCION", "MEJORA REGULATORIA"),
        ),
        (
            published["actions_4_2_dgitdf"],
            "DGITDF",
            code_index("A4.2", "ACCION", "INSTRUMENTOS TT"),
        ),
    ):
        parts.append(event_part(np.full(count * scale, -1, dtype=np.int64), unit, code))
    rows = concat_rows(parts)
    rows["date"] = random_dates(rng, len(rows["firm"]), year)
    return rows


# ---------------------------------------------------------------------------------
# Business opportunities (fairs and business rounds, activity 2.2)
# ---------------------------------------------------------------------------------
def opportunity_design(
    population: YearPopulation, calibration: Calibration, seed: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per firm: fair rows, round rows (firm indexes) and whether it obtained an
    opportunity (1), not (0), or is not at a fair/round (-1).

    Exactly the published share of MIPYME (size not grande) obtain one; all firms
    at fairs and rounds have a profile (see population.assign_classes).
    """
    cfg = calibration.raw["records"]
    rng = stream(seed, "opportunities", population.year)
    lines = population.lines
    fairs = repeat_by_weights(
        np.flatnonzero(lines["FER"]), cfg["event_rows_weights"], rng
    )
    promotion = np.flatnonzero(lines["FER"] | lines["RUE"])
    mipyme = promotion[population.band[promotion] != GRANDE_BAND]
    grande = promotion[population.band[promotion] == GRANDE_BAND]
    pct = calibration.published_2024["indicator_pct"]["oportunidades_negocio"]
    used, hits = hits_for_share(len(mipyme), pct)
    if used != len(mipyme):
        if population.year == 2024:
            raise ValueError(
                "the MIPYME at fairs/rounds cannot give the published share"
            )
        hits = round(len(mipyme) * pct / 100)
    opportunity = np.full(population.size, -1, dtype=np.int64)
    opportunity[promotion] = 0
    opportunity[choose(mipyme, hits, rng)] = 1
    opportunity[grande] = (rng.random(len(grande)) < 0.5).astype(np.int64)
    return fairs, promotion, opportunity


def opportunity_rows(
    firms: np.ndarray, opportunity: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Per row 1/0: a firm with an opportunity has it on one row of the kind (fair
    or round) and sometimes on others; a firm without has 0 everywhere."""
    designated = first_in_group(firms, rng)
    firm_has = opportunity[firms] == 1
    extra = rng.random(len(firms)) < 0.3
    return (firm_has & (designated | extra)).astype(np.int64)


# ---------------------------------------------------------------------------------
# PNTE (Tu Empresa)
# ---------------------------------------------------------------------------------
def pnte_rows(
    population: YearPopulation,
    calibration: Calibration,
    design: TrainingDesign,
    fairs: np.ndarray,
    opportunity: np.ndarray,
    seed: int,
) -> Rows:
    """Training participants (`CAP`) and trade-fair firms (`FER`)."""
    year = population.year
    rng = stream(seed, "pnte-rows", year)
    evaluated, passed = design.gestion_persons
    n_d11 = len(design.d11.firm_of_person)
    cap = design.cap
    pre, post = person_pass_scores(
        cap.person_of_row, evaluated[n_d11:], passed[n_d11:], PNTE_POINTS, rng
    )
    n_cap = len(cap.person_of_row)
    training: Rows = {
        "firm": cap.firm_of_row,
        "participant": cap.dni_of_person[cap.person_of_row],
        "line": np.zeros(n_cap, dtype=np.int64),
        "event": rng.integers(0, len(PNTE_TRAINING_TITLES), n_cap),
        "modality": rng.integers(0, len(PNTE_MODALITIES), n_cap),
        "pre": pre,
        "post": post,
    }
    fair: Rows = {
        "firm": fairs,
        "line": np.ones(len(fairs), dtype=np.int64),
        "event": rng.integers(0, len(PNTE_FAIR_TITLES), len(fairs)),
        "modality": np.full(len(fairs), PNTE_MODALITIES.index("PRESENCIAL")),
        "opportunity": opportunity_rows(fairs, opportunity, rng),
    }
    rows = concat_rows([training, fair])
    rows["date"] = random_dates(rng, len(rows["firm"]), year)
    return rows
