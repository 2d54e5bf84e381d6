"""MEF's national budget execution file (open data, gasto) in its real 63 columns.

MEF publishes one CSV a year for the whole country: every pliego, programme and
expense classifier, one row per month and spending chain. This module turns the
generator's PP 0093 budget records (one row per activity, executing unit and month)
into that layout (the feed's columns: feed_contracts.contract("mef_gasto")):

- each record is split over metas (2), funding sources (2) and expense classifiers
  (5) with fixed weights, in cents, so that every amount still adds up exactly to
  the record (and the records to the annex) and every row keeps MEF's identities
  (certificado >= comprometido >= devengado >= girado >= 0);
- rows of OTHER programmes and pliegos surround PP 0093's: `other_ratio` of them per
  PP 0093 row (`pp0093 generate --mef-other-ratio`; docs/feeds.md). They are written
  by DuckDB straight to CSV, so a national-size file (millions of rows) takes
  seconds, and the warehouse must ignore them.

Pliego codes are real (PRODUCE 038, ITP 241); SEC_EJEC, metas, finalidades and the
product and activity codes are synthetic. The other programmes' rows are synthetic
filler: real programme and pliego names, random amounts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import duckdb

from pp0093.feed_contracts import contract
from pp0093.generator.quotas import largest_remainder
from pp0093.generator.writer import DatasetWriter, WrittenFile

NATIONAL_COLUMNS = contract("mef_gasto").columns
# Other programmes' rows per PP 0093 row in the default demo file (small: the
# first `make build` stays quick). `make bench` raises it to national size.
DEFAULT_OTHER_RATIO = 2.0
# PP 0093 rows are written between two halves of the other programmes' rows.
NATIONAL_FILE = "mef_gasto/{year}/{year}-Gasto.csv"

# Government level, sector and location of the PP 0093 executing units.
ENTITY = ("E", "GOBIERNO NACIONAL", "38", "PRODUCCION")
LOCATION = ("15", "LIMA", "01", "LIMA", "01", "LIMA")
ACTIVITY_TYPE = ("3", "ACTIVIDAD")
FUNCTIONAL = (
    "14",
    "INDUSTRIA",
    "034",
    "INDUSTRIA",
    "0076",
    "PROMOCION DE LA INDUSTRIA",
)
# (DEPARTAMENTO_META, its name, suffix of META_NOMBRE, weight)
METAS = (
    ("15", "LIMA", "SEDE CENTRAL", 7),
    ("13", "LA LIBERTAD", "INTERVENCION DESCONCENTRADA", 3),
)
# (FUENTE, name, RUBRO, name, TIPO_RECURSO, name, weight)
FUNDING = (
    (
        "1",
        "RECURSOS ORDINARIOS",
        "00",
        "RECURSOS ORDINARIOS",
        "0",
        "RECURSOS ORDINARIOS",
        88,
    ),
    (
        "2",
        "RECURSOS DIRECTAMENTE RECAUDADOS",
        "09",
        "RECURSOS DIRECTAMENTE RECAUDADOS",
        "0",
        "RECURSOS DIRECTAMENTE RECAUDADOS",
        12,
    ),
)
# Expense classifiers (TIPO_TRANSACCION 2, gasto): CATEGORIA, GENERICA,
# SUBGENERICA, SUBGENERICA_DET, ESPECIFICA, ESPECIFICA_DET (code, name) and weight.
CLASSIFIERS = (
    (
        ("5", "GASTOS CORRIENTES"),
        ("1", "PERSONAL Y OBLIGACIONES SOCIALES"),
        ("1", "RETRIBUCIONES Y COMPLEMENTOS EN EFECTIVO"),
        ("1", "PERSONAL ADMINISTRATIVO"),
        ("1", "PERSONAL ADMINISTRATIVO NOMBRADO (REGIMEN PUBLICO)"),
        ("1", "PERSONAL ADMINISTRATIVO NOMBRADO (REGIMEN PUBLICO)"),
        15,
    ),
    (
        ("5", "GASTOS CORRIENTES"),
        ("3", "BIENES Y SERVICIOS"),
        ("2", "CONTRATACION DE SERVICIOS"),
        ("8", "CONTRATO ADMINISTRATIVO DE SERVICIOS"),
        ("1", "CONTRATO ADMINISTRATIVO DE SERVICIOS"),
        ("1", "CONTRATO ADMINISTRATIVO DE SERVICIOS"),
        30,
    ),
    (
        ("5", "GASTOS CORRIENTES"),
        ("3", "BIENES Y SERVICIOS"),
        ("2", "CONTRATACION DE SERVICIOS"),
        ("7", "SERVICIOS PROFESIONALES Y TECNICOS"),
        ("11", "OTROS SERVICIOS"),
        ("99", "SERVICIOS DIVERSOS"),
        35,
    ),
    (
        ("5", "GASTOS CORRIENTES"),
        ("3", "BIENES Y SERVICIOS"),
        ("1", "COMPRA DE BIENES"),
        ("5", "SUMINISTROS PARA USO ADMINISTRATIVO"),
        ("12", "MATERIAL, INSUMOS, INSTRUMENTAL Y ACCESORIOS"),
        ("1", "PAPELERIA EN GENERAL, UTILES Y MATERIALES DE OFICINA"),
        12,
    ),
    (
        ("6", "GASTOS DE CAPITAL"),
        ("6", "ADQUISICION DE ACTIVOS NO FINANCIEROS"),
        ("3", "ADQUISICION DE VEHICULOS, MAQUINARIAS Y OTROS"),
        ("2", "ADQUISICION DE MAQUINARIAS, EQUIPO Y MOBILIARIO"),
        ("3", "EQUIPOS COMPUTACIONALES Y PERIFERICOS"),
        ("1", "EQUIPOS COMPUTACIONALES Y PERIFERICOS"),
        8,
    ),
)
TRANSACTION_TYPE = "2"
FINALIDAD_BASE = 9_000_000

# Filler for the other programmes' rows (never PP 0093).
OTHER_PROGRAMMES = (
    ("0001", "PROGRAMA ARTICULADO NUTRICIONAL"),
    ("0002", "SALUD MATERNO NEONATAL"),
    ("0030", "REDUCCION DE DELITOS Y FALTAS QUE AFECTAN LA SEGURIDAD CIUDADANA"),
    ("0090", "LOGROS DE APRENDIZAJE DE ESTUDIANTES DE LA EDUCACION BASICA REGULAR"),
    ("0094", "ORDENAMIENTO Y DESARROLLO DE LA ACUICULTURA"),
    ("0138", "REDUCCION DEL COSTO, TIEMPO E INSEGURIDAD EN EL SISTEMA DE TRANSPORTE"),
    ("9001", "ACCIONES CENTRALES"),
    ("9002", "ASIGNACIONES PRESUPUESTARIAS QUE NO RESULTAN EN PRODUCTOS"),
)
OTHER_PLIEGOS = (
    ("038", "M. DE LA PRODUCCION"),
    ("241", "INSTITUTO TECNOLOGICO DE LA PRODUCCION - ITP"),
    ("010", "M. DE EDUCACION"),
    ("011", "M. DE SALUD"),
    ("036", "M. DE TRANSPORTES Y COMUNICACIONES"),
    ("443", "GOBIERNO REGIONAL DEL DEPARTAMENTO DE AREQUIPA"),
)


def cents_text(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    return f"{sign}{whole}.{part:02d}"


def to_cents(text: str) -> int:
    whole, _, fraction = text.partition(".")
    sign = -1 if whole.startswith("-") else 1
    return sign * (abs(int(whole)) * 100 + int(fraction.ljust(2, "0")[:2]))


def split_signed(total: int, weights: list[float]) -> list[int]:
    """`total` cents split by `weights`, exactly (negative totals too)."""
    parts = largest_remainder(weights, abs(total))
    return [-p for p in parts] if total < 0 else parts


def split_amounts(amounts: list[int], weights: list[float]) -> list[list[int]]:
    """(PIA, PIM, certificado, comprometido, devengado, girado) split by weights.

    The chain girado <= devengado <= comprometido <= certificado is split as its
    non-negative steps, so every part keeps MEF's identities.
    """
    pia, pim, certified, committed, accrued, paid = amounts
    pias = split_signed(pia, weights)
    pims = split_signed(pim, weights)
    paids = split_signed(paid, weights)
    steps = [
        split_signed(accrued - paid, weights),
        split_signed(committed - accrued, weights),
        split_signed(certified - committed, weights),
    ]
    parts = []
    for i in range(len(weights)):
        dev = paids[i] + steps[0][i]
        comp = dev + steps[1][i]
        cert = comp + steps[2][i]
        parts.append([pias[i], pims[i], cert, comp, dev, paids[i]])
    return parts


def sec_ejec(pliego: str, ejecutora: str) -> str:
    """A synthetic national executing-unit sequence number (SEC_EJEC)."""
    return f"{int(pliego):03d}{int(ejecutora):03d}"


def national_rows(records: list[list[str]]) -> list[list[str]]:
    """PP 0093's rows at meta x funding-source x classifier grain.

    `records` are `budget.mef_rows` rows: year, month, pliego, its name, ejecutora,
    its name, programme, its name, product, its name, activity, its name and the six
    amounts (PIA, PIM, certificado, comprometido anual, devengado, girado).
    """
    combos = [
        (meta, fund, classifier)
        for meta in range(len(METAS))
        for fund in FUNDING
        for classifier in CLASSIFIERS
    ]
    weights = [METAS[m][3] * f[6] * c[6] for m, f, c in combos]
    meta_numbers: dict[tuple[str, str, str], int] = {}
    rows = []
    for record in records:
        year, month, pliego, pliego_name, ejecutora, ejecutora_name = record[:6]
        programme, programme_name, product, product_name = record[6:10]
        activity, activity_name = record[10:12]
        unit_key = (pliego, ejecutora, activity)
        if unit_key not in meta_numbers:
            meta_numbers[unit_key] = len(meta_numbers) * len(METAS) + 1
        first_meta = meta_numbers[unit_key]
        parts = split_amounts([to_cents(a) for a in record[12:18]], weights)
        for (meta, fund, classifier), part in zip(combos, parts, strict=True):
            number = first_meta + meta
            department, department_name, meta_suffix, _ = METAS[meta]
            pia, pim, certified, committed, accrued, paid = part
            rows.append(
                [
                    year,
                    month,
                    *ENTITY,
                    pliego,
                    pliego_name,
                    sec_ejec(pliego, ejecutora),
                    ejecutora,
                    ejecutora_name,
                    *LOCATION,
                    f"{number:04d}",
                    programme,
                    programme_name,
                    *ACTIVITY_TYPE,
                    product,
                    product_name,
                    activity,
                    activity_name,
                    *FUNCTIONAL,
                    f"{number:05d}",
                    f"{FINALIDAD_BASE + number:07d}",
                    f"{activity_name} - {meta_suffix}",
                    department,
                    department_name,
                    *fund[:6],
                    *classifier[0],
                    TRANSACTION_TYPE,
                    *[value for pair in classifier[1:6] for value in pair],
                    *[
                        cents_text(v)
                        for v in (pia, pim, certified, committed, committed, accrued)
                    ],
                    cents_text(paid),
                ]
            )
    return rows


def csv_line(values: list[str]) -> str:
    """RFC 4180 quoting for the names that hold a comma or a quote."""
    return ",".join(
        '"' + v.replace('"', '""') + '"' if any(c in v for c in ',"\n') else v
        for v in values
    )


def _sql_list(values: tuple[str, ...] | list[str]) -> str:
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def other_rows_sql(year: int, start: int, stop: int, seed: int) -> str:
    """A select of other programmes' rows start..stop-1 (every column text)."""
    programmes = _sql_list([p[0] for p in OTHER_PROGRAMMES])
    programme_names = _sql_list([p[1] for p in OTHER_PROGRAMMES])
    pliegos = _sql_list([p[0] for p in OTHER_PLIEGOS])
    pliego_names = _sql_list([p[1] for p in OTHER_PLIEGOS])

    def pick(values: str, salt: int, size: int) -> str:
        return f"{values}[1 + (hash(i, {seed}, {salt}) % {size})::integer]"

    def digits(salt: int, width: int) -> str:
        return f"lpad((hash(i, {seed}, {salt}) % {10**width})::varchar, {width}, '0')"

    def cents(salt: int, top: int) -> str:
        return f"(hash(i, {seed}, {salt}) % {top})::bigint"

    def coded(column: str, label: str, salt: int, width: int) -> dict[str, str]:
        """A code column and its _NOMBRE column ('<label> <code>')."""
        code = digits(salt, width)
        return {column: code, f"{column}_NOMBRE": f"'{label} ' || {code}"}

    n_prog = len(OTHER_PROGRAMMES)
    n_pliego = len(OTHER_PLIEGOS)
    classifier_generics = _sql_list([c[1][0] for c in CLASSIFIERS])
    classifier_names = _sql_list([c[1][1] for c in CLASSIFIERS])
    money = "({} / 100.0)::decimal(18, 2)::varchar"
    columns = {
        "ANO_EJE": f"'{year}'",
        "MES_EJE": "(1 + i % 12)::varchar",
        "NIVEL_GOBIERNO": "'E'",
        "NIVEL_GOBIERNO_NOMBRE": "'GOBIERNO NACIONAL'",
        **coded("SECTOR", "SECTOR", 1, 2),
        "PLIEGO": pick(pliegos, 2, n_pliego),
        "PLIEGO_NOMBRE": pick(pliego_names, 2, n_pliego),
        "SEC_EJEC": digits(3, 6),
        **coded("EJECUTORA", "UNIDAD EJECUTORA", 3, 3),
        **coded("DEPARTAMENTO_EJECUTORA", "DEPARTAMENTO", 4, 2),
        **coded("PROVINCIA_EJECUTORA", "PROVINCIA", 5, 2),
        **coded("DISTRITO_EJECUTORA", "DISTRITO", 6, 2),
        "SEC_FUNC": digits(7, 4),
        "PROGRAMA_PPTO": pick(programmes, 8, n_prog),
        "PROGRAMA_PPTO_NOMBRE": pick(programme_names, 8, n_prog),
        "TIPO_ACT_PROY": "'3'",
        "TIPO_ACT_PROY_NOMBRE": "'ACTIVIDAD'",
        "PRODUCTO_PROYECTO": "'3' || " + digits(9, 6),
        "PRODUCTO_PROYECTO_NOMBRE": "'PRODUCTO ' || " + digits(9, 6),
        "ACTIVIDAD_ACCION_OBRA": "'5' || " + digits(10, 6),
        "ACTIVIDAD_ACCION_OBRA_NOMBRE": "'ACTIVIDAD ' || " + digits(10, 6),
        **coded("FUNCION", "FUNCION", 11, 2),
        **coded("DIVISION_FUNCIONAL", "DIVISION FUNCIONAL", 12, 3),
        **coded("GRUPO_FUNCIONAL", "GRUPO FUNCIONAL", 13, 4),
        "META": digits(7, 5),
        "FINALIDAD": digits(14, 7),
        "META_NOMBRE": "'META ' || " + digits(14, 7),
        **coded("DEPARTAMENTO_META", "DEPARTAMENTO", 15, 2),
        **coded("FUENTE_FINANCIAMIENTO", "FUENTE", 22, 1),
        **coded("RUBRO", "RUBRO", 16, 2),
        "TIPO_RECURSO": "'0'",
        "TIPO_RECURSO_NOMBRE": "'SIN TIPO DE RECURSO'",
        "CATEGORIA_GASTO": "'5'",
        "CATEGORIA_GASTO_NOMBRE": "'GASTOS CORRIENTES'",
        "TIPO_TRANSACCION": f"'{TRANSACTION_TYPE}'",
        "GENERICA": pick(classifier_generics, 17, len(CLASSIFIERS)),
        "GENERICA_NOMBRE": pick(classifier_names, 17, len(CLASSIFIERS)),
        **coded("SUBGENERICA", "SUBGENERICA", 18, 1),
        **coded("SUBGENERICA_DET", "SUBGENERICA DETALLE", 19, 1),
        **coded("ESPECIFICA", "ESPECIFICA", 20, 2),
        **coded("ESPECIFICA_DET", "ESPECIFICA DETALLE", 21, 2),
        "MONTO_PIA": money.format("case when i % 12 = 0 then pia else 0 end"),
        "MONTO_PIM": money.format("pim"),
        "MONTO_CERTIFICADO": money.format("paid + a + b + c"),
        "MONTO_COMPROMETIDO_ANUAL": money.format("paid + a + b"),
        "MONTO_COMPROMETIDO": money.format("paid + a + b"),
        "MONTO_DEVENGADO": money.format("paid + a"),
        "MONTO_GIRADO": money.format("paid"),
    }
    assert tuple(columns) == NATIONAL_COLUMNS
    select = ",\n".join(f'{expr} as "{name}"' for name, expr in columns.items())
    amounts = ", ".join(
        [
            cents(30, 50_000_000) + " as pia",
            cents(31, 60_000_000) + " as pim",
            cents(32, 10_000_000) + " as paid",
            cents(33, 1_000_000) + " as a",
            cents(34, 1_000_000) + " as b",
            cents(35, 1_000_000) + " as c",
        ]
    )
    return (
        f"select {select} from (select i, {amounts} "
        f"from range({start}, {stop}) as r(i))"
    )


def copy_other_rows(
    connection: duckdb.DuckDBPyConnection,
    path: Path,
    year: int,
    span: tuple[int, int],
    seed: int,
) -> None:
    """Write other programmes' rows span[0]..span[1]-1 to `path` (no header)."""
    query = other_rows_sql(year, span[0], span[1], seed)
    target = str(path).replace("'", "''")
    connection.execute(
        f"copy ({query}) to '{target}' "
        "(format csv, header false, delimiter ',', quote '\"', new_line '\\n')"
    )


def write_mef_national(
    writer: DatasetWriter,
    records: list[list[str]],
    year: int,
    other_ratio: float = DEFAULT_OTHER_RATIO,
    seed: int = 93,
) -> WrittenFile:
    """Write `mef_gasto/<year>/<year>-Gasto.csv`: PP 0093 rows amid other ones."""
    if other_ratio < 0:
        raise ValueError("--mef-other-ratio must be >= 0")
    rows = national_rows(records)
    others = round(len(rows) * other_ratio)
    relative = NATIONAL_FILE.format(year=year)
    path = writer.root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    first_half = others // 2
    parts = [path.with_suffix(".part1"), path.with_suffix(".part2")]
    with duckdb.connect() as connection:
        connection.execute("set preserve_insertion_order = true")
        copy_other_rows(connection, parts[0], year, (0, first_half), seed)
        copy_other_rows(connection, parts[1], year, (first_half, others), seed)
    digest = hashlib.sha256()
    size = 0
    with path.open("wb") as handle:

        def emit(data: bytes) -> None:
            nonlocal size
            handle.write(data)
            digest.update(data)
            size += len(data)

        emit((",".join(NATIONAL_COLUMNS) + "\n").encode())
        _copy_part(parts[0], emit)
        emit(("\n".join(csv_line(r) for r in rows) + "\n").encode())
        _copy_part(parts[1], emit)
    written = WrittenFile(
        relative,
        len(rows) + others,
        size,
        digest.hexdigest(),
        {"other_programme_rows": others},
    )
    writer.files.append(written)
    return written


def _copy_part(part: Path, emit: Callable[[bytes], None]) -> None:
    """Stream a DuckDB-written part into the national file, then delete it."""
    with part.open("rb") as source:
        while chunk := source.read(16 * 1024 * 1024):
            emit(chunk)
    part.unlink()


__all__ = [
    "DEFAULT_OTHER_RATIO",
    "NATIONAL_COLUMNS",
    "national_rows",
    "write_mef_national",
]
