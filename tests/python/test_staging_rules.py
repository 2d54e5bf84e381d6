"""Staging quarantines each kind of bad row with the right rule, and loses nothing.

A miniature raw data set is written to a temporary directory: a few good rows
per feed, then one row per row-level fault, each with its own record id (or a
known row number) and the rule it must be rejected with. The staging layer is
built from it (`dbt build --select +staging`, which also runs the staging
tests: row reconciliation per file, valid_ruc, keys) and the rejects models are
compared with the expectation, fault by fault.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pp0093.dbt_runner import DbtSandbox
from pp0093.feed_contracts import FEEDS

RUN_DATE = "2025-06-30"

# Valid RUCs (mod-11 check digit), and one with its check digit changed.
RUC_A = "20100000009"
RUC_B = "10100000020"
RUC_C = "15100000005"
RUC_BAD_CHECK = "20100000008"

PADRON_HEADER = (
    "RUC|NOMBRE O RAZÓN SOCIAL|ESTADO DEL CONTRIBUYENTE|CONDICIÓN DE DOMICILIO|"
    "UBIGEO|TIPO DE VÍA|NOMBRE DE VÍA|CÓDIGO DE ZONA|TIPO DE ZONA|NÚMERO|"
    "INTERIOR|LOTE|DEPARTAMENTO|MANZANA|KILÓMETRO|"
)
ITP_HEADER = (
    "ID_ATENCION,COD_CITE,NOMBRE_CITE,COD_SERVICIO,RUC,DNI_CONDUCTOR,UBIGEO,"
    "FECHA_ATENCION,FECHA_REGISTRO"
)
PRODUCE_HEADER = (
    "COD_REGISTRO;UNIDAD;COD_ACTIVIDAD;TIPO_INTERVENCION;TEMA;FECHA;RUC;"
    "DNI_CONDUCTOR;DNI_PARTICIPANTE;UBIGEO;NOTA_PRE;NOTA_POST;"
    "OPORTUNIDAD_NEGOCIO;FEC_REG"
)
PNTE_HEADER = (
    "id_registro,linea,nombre_evento,modalidad,fecha,ruc,dni_conductor,"
    "dni_participante,ubigeo,puntaje_inicial,puntaje_final,concreto_negocio,"
    "creado_en"
)
PERFIL_HEADER = (
    "ruc,periodo,ciiu_rev4,ventas_anuales,nro_trabajadores,fecha_inscripcion"
)
MEF_HEADER = ",".join(next(f for f in FEEDS if f.folder == "mef_gasto").columns)
SIAF_HEADER = (
    "ANO_EJE,NIVEL,PRODUCTO_PROYECTO,ACTIVIDAD_ACCION_OBRA,UNIDAD_MEDIDA,"
    "META_FISICA_ANUAL,AVANCE_FISICO_ANUAL"
)


def itp_row(
    record: str,
    *,
    code: str = "AT",
    ruc: str = RUC_A,
    dni: str = "",
    ubigeo: str = "150101",
    date: str = "2024-03-05",
    recorded: str = "2024-03-06 10:00:00",
    name: str = "CITE Textil",
) -> str:
    return f"{record},C01,{name},{code},{ruc},{dni},{ubigeo},{date},{recorded}"


def produce_row(
    record: str,
    *,
    unit: str = "DGDE",
    activity: str = "A1.1",
    date: str = "05/03/2024",
    ruc: str = RUC_A,
    pre: str = "10.5",
    post: str = "15",
) -> str:
    return (
        f"{record};{unit};{activity};CAPACITACION;GESTION EMPRESARIAL;{date};"
        f"{ruc};;41234567;150101;{pre};{post};;06/03/2024 10:00"
    )


def pnte_row(
    record: str,
    *,
    ruc: str = RUC_A,
    owner: str = "",
    date: str = "20240305",
    final: str = "80",
) -> str:
    return (
        f"{record},CAP,Taller de costos,VIRTUAL,{date},{ruc},{owner},41234567,"
        f"150101,40,{final},,2024-03-06T10:00:00"
    )


def mef_row(
    month: int,
    activity: str = "5999011",
    devengado: str = "30.00",
    programme: str = "0093",
    classifier: str = "1",
) -> str:
    """A row of MEF's national file (63 columns); unnamed columns are blank."""
    values = dict.fromkeys(MEF_HEADER.split(","), "")
    values.update(
        ANO_EJE="2024",
        MES_EJE=str(month),
        PLIEGO="038",
        PLIEGO_NOMBRE="M. DE LA PRODUCCION",
        SEC_EJEC="038001",
        EJECUTORA="001",
        EJECUTORA_NOMBRE="SEDE CENTRAL",
        SEC_FUNC="0001",
        PROGRAMA_PPTO=programme,
        PROGRAMA_PPTO_NOMBRE="DESARROLLO PRODUCTIVO",
        PRODUCTO_PROYECTO="3999001",
        ACTIVIDAD_ACCION_OBRA=activity,
        FUENTE_FINANCIAMIENTO="1",
        TIPO_TRANSACCION="2",
        GENERICA="3",
        GENERICA_NOMBRE="BIENES Y SERVICIOS",
        ESPECIFICA_DET=classifier,
        MONTO_PIA="100.00",
        MONTO_PIM="100.00",
        MONTO_CERTIFICADO="50.00",
        MONTO_COMPROMETIDO_ANUAL="40.00",
        MONTO_COMPROMETIDO="40.00",
        MONTO_DEVENGADO=devengado,
        MONTO_GIRADO="20.00",
    )
    return ",".join(values.values())


# Each fault: (source_system, row key in the rejects model, expected rule).
# Row keys are `row <n>` (n = data row number within its file).
ITP_ROWS = [
    itp_row("CITE-2024-00000001"),
    itp_row("CITE-2024-00000002", ruc="", dni="41234567"),
    itp_row("CITE-2024-00000003", code="IN", ruc=""),
    itp_row("CITE-2024-00000004", ruc=RUC_BAD_CHECK),  # row 4
    itp_row("CITE-2024-00000005", ruc="2010000000"),  # row 5
    itp_row("CITE-2024-00000006", ruc="", dni="4123456A"),  # row 6
    itp_row("CITE-2024-00000007", date="2026-01-15"),  # row 7
    itp_row("CITE-2024-00000008", date="2024-02-31"),  # row 8
    itp_row("CITE-2024-00000009", code="ZZ"),  # row 9
    itp_row("CITE-2024-00000010", ubigeo="990101"),  # row 10
    itp_row("CITE-2024-00000001"),  # row 11 duplicate
    itp_row("CITE-2024-00000011", recorded="2024-03-06 10:00:00"),  # row 12
    itp_row(
        "CITE-2024-00000011", code="SP", recorded="2024-03-08 10:00:00"
    ),  # row 13 kept
    itp_row("CITE-2024-00000012", ruc=""),  # row 14
    itp_row("CITE-2024-00000013", name="X" * 300),  # row 15
    itp_row("CITE-2024-00000014", date="05/03/2024"),  # row 16
]
PRODUCE_ROWS = [
    produce_row("DGDE-2024-0000001"),
    produce_row("DGDE-2024-0000002", post="25"),  # row 2
    produce_row("DGDE-2024-0000003", pre="diez"),  # row 3
    produce_row("DGDE-2024-0000004", activity="A9.9"),  # row 4
    produce_row("DGDE-2024-0000005", unit="DGXX"),  # row 5
    produce_row("DGDE-2024-0000006", date="1/3/2024"),  # row 6
]
PNTE_ROWS = [
    pnte_row("PNTE-1"),
    pnte_row("PNTE-2", ruc="", owner="41234567"),
    pnte_row("PNTE-3", final="120"),  # row 3
    pnte_row("PNTE-4", date="20230305"),  # row 4
    pnte_row("PNTE-5", final="80.5"),  # row 5
]
# Optional fields (CIIU, sales) are nulled with the row kept: those rows
# carry RUCs of their own, or they would be versions of one record.
RUC_D = "20100000033"
RUC_E = "20100000041"
RUC_F = "20100000050"
PERFIL_ROWS = [
    f"{RUC_A},2022,4711,845230.50,12,15/03/2019",
    f"{RUC_B},2022,1410,0.00,,01/02/2019",
    f"{RUC_D},2022,471,1000.00,3,15/03/2019",  # row 3
    f"{RUC_E},2022,4711,-1000.00,3,15/03/2019",  # row 4
    f"{RUC_C},2022,4711,1000.00,3,31/02/2019",  # row 5
    f'{RUC_F},2022,4711,"1,000.00",3,15/03/2019',  # row 6
]
MEF_ROWS = [
    mef_row(1),
    mef_row(2),
    mef_row(3, devengado="-5.00"),  # row 3
    mef_row(4, activity="5999099"),  # row 4
    mef_row(5, devengado="abc"),  # row 5
    mef_row(6, programme="0001", activity="5000001"),  # row 6: another programme
    mef_row(6, programme="93"),  # row 7: PP 0093 without its leading zeros
    mef_row(6, programme=" 093 ", classifier="2"),  # row 8: spaces, one zero
]

# Rows rejected whole: a bad field that decides who, what, when or how much.
EXPECTED_REJECTS = {
    ("itp_cite", "row 4"): "invalid_ruc",
    ("itp_cite", "row 5"): "invalid_ruc",
    ("itp_cite", "row 6"): "invalid_dni",
    ("itp_cite", "row 7"): "date_out_of_range",
    ("itp_cite", "row 8"): "invalid_date",
    ("itp_cite", "row 9"): "unknown_code",
    ("itp_cite", "row 12"): "superseded",
    ("itp_cite", "row 14"): "missing_required",
    ("itp_cite", "row 16"): "invalid_date",
    ("produce_direcciones", "row 4"): "unknown_code",
    ("produce_direcciones", "row 5"): "unknown_code",
    ("produce_direcciones", "row 6"): "invalid_date",
    ("pnte_tu_empresa", "row 4"): "date_out_of_range",
    ("sunat_padron", "row 3"): "invalid_ruc",
    ("sunat_perfil", "row 5"): "invalid_date",
    ("mef_gasto", "row 3"): "negative_amount",
    ("mef_gasto", "row 4"): "unknown_code",
    ("mef_gasto", "row 5"): "not_a_number",
}
# Rows kept with a bad optional field nulled (seed field_roles): field, rule.
EXPECTED_NULLED = {
    ("itp_cite", "row 10"): ("UBIGEO", "invalid_ubigeo"),
    ("itp_cite", "row 15"): ("NOMBRE_CITE", "value_too_long"),
    ("produce_direcciones", "row 2"): ("NOTA_POST", "score_out_of_range"),
    ("produce_direcciones", "row 3"): ("NOTA_PRE", "not_a_number"),
    ("pnte_tu_empresa", "row 3"): ("puntaje_final", "score_out_of_range"),
    ("pnte_tu_empresa", "row 5"): ("puntaje_final", "not_a_number"),
    ("sunat_perfil", "row 3"): ("ciiu_rev4", "invalid_ciiu"),
    ("sunat_perfil", "row 4"): ("ventas_anuales", "negative_amount"),
    ("sunat_perfil", "row 6"): ("ventas_anuales", "not_a_number"),
}
EXPECTED_STAGED = {
    "stg_sunat__padron": 3,
    "stg_sunat__firm_profiles": 5,
    "stg_itp__cite_services": 6,
    "stg_produce__directorate_services": 3,
    "stg_pnte__tu_empresa_services": 4,
    "stg_mef__budget_execution": 4,
    "stg_siaf__physical_progress": 3,
}
REJECTS_MODELS = ["sunat", "itp", "produce", "pnte", "mef", "siaf"]


def write(path: Path, lines: list[str], encoding: str = "utf-8") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))


def write_raw_data(root: Path) -> None:
    padron_rows = [
        f"{RUC_A}|INVERSIONES PEÑA S.A.C.|ACTIVO|HABIDO|150101|AV.|LOS PINOS|-|-|"
        "123|-|-|-|-|-|",
        f"{RUC_B}|JOSÉ PÉREZ| activo |habido|-|-|-|-|-|-|-|-|-|-|-|",
        f"{RUC_BAD_CHECK}|RUC ERRADO S.A.|ACTIVO|HABIDO|150101|-|-|-|-|-|-|-|-|-|-|",
        f"{RUC_C}|ASOCIACIÓN ÑANDÚ|ACTIVO|HABIDO|040101|-|-|-|-|-|-|-|-|-|-|",
    ]
    write(
        root / "sunat_padron" / "padron_reducido_ruc.txt",
        [PADRON_HEADER, *padron_rows],
        encoding="latin-1",
    )
    write(
        root / "sunat_perfil" / "2022" / "perfil_empresas_2022.csv",
        [PERFIL_HEADER, *PERFIL_ROWS],
    )
    write(
        root / "itp_cite" / "2024" / "cite_atenciones_2024.csv",
        [ITP_HEADER, *ITP_ROWS],
    )
    write(
        root / "produce_direcciones" / "2024" / "registro_atenciones_2024.csv",
        [PRODUCE_HEADER, *PRODUCE_ROWS],
    )
    write(
        root / "pnte_tu_empresa" / "2024" / "tu_empresa_2024.csv",
        [PNTE_HEADER, *PNTE_ROWS],
    )
    write(
        root / "mef_gasto" / "2024" / "2024-Gasto.csv",
        [MEF_HEADER, *MEF_ROWS],
    )
    write(
        root / "siaf_avance_fisico" / "2024" / "avance_fisico_2024.csv",
        [
            SIAF_HEADER,
            "2024,PRODUCTO,3999001,,EMPRESA,100,90",
            "2024,ACTIVIDAD,3999001,5999011,EMPRESA,50,45",
            "2024,ACTIVIDAD,3999002,5999021,EMPRESA,,",
        ],
    )


@pytest.fixture(scope="module")
def staging_build(tmp_path_factory: pytest.TempPathFactory) -> DbtSandbox:
    raw_dir = tmp_path_factory.mktemp("raw")
    write_raw_data(raw_dir)
    sandbox = DbtSandbox.in_directory(tmp_path_factory.mktemp("dbt"), raw_dir)
    sandbox.run_dbt(
        [
            "build",
            "--select",
            "+staging",
            "--indirect-selection",
            "cautious",
            "--vars",
            f"{{run_date: '{RUN_DATE}'}}",
        ]
    )
    return sandbox


def rejects_rows(sandbox: DbtSandbox, kept: bool) -> list[tuple]:
    rows = []
    for source in REJECTS_MODELS:
        rows += sandbox.query(
            "select source_system, source_row_key, rule, field_name "
            f"from staging.stg_{source}__rejected_rows where is_row_kept = ?",
            [kept],
        )
    return rows


@pytest.mark.slow
def test_every_bad_row_is_quarantined_with_its_rule(staging_build: DbtSandbox) -> None:
    rows = rejects_rows(staging_build, kept=False)
    assert {(system, key): rule for system, key, rule, _ in rows} == EXPECTED_REJECTS
    assert len(rows) == len(EXPECTED_REJECTS)


@pytest.mark.slow
def test_every_bad_optional_field_is_nulled_and_recorded(
    staging_build: DbtSandbox,
) -> None:
    rows = rejects_rows(staging_build, kept=True)
    assert {
        (system, key): (field, rule) for system, key, rule, field in rows
    } == EXPECTED_NULLED
    assert len(rows) == len(EXPECTED_NULLED)


@pytest.mark.slow
def test_good_rows_are_all_staged(staging_build: DbtSandbox) -> None:
    staged = {
        model: staging_build.query(f"select count(*) from staging.{model}")[0][0]
        for model in EXPECTED_STAGED
    }
    assert staged == EXPECTED_STAGED


@pytest.mark.slow
def test_exact_resubmission_is_a_duplicate_not_a_reject(
    staging_build: DbtSandbox,
) -> None:
    duplicates = staging_build.query(
        "select source_row_number from staging.base_itp__cite_services "
        "where is_duplicate"
    )
    assert duplicates == [(11,)]


@pytest.mark.slow
def test_resubmission_with_a_change_keeps_the_latest_version(
    staging_build: DbtSandbox,
) -> None:
    kept = staging_build.query(
        "select source_service_code from staging.stg_itp__cite_services "
        "where source_record_id = 'CITE-2024-00000011'"
    )
    assert kept == [("SP",)]


@pytest.mark.slow
def test_padron_is_cleaned(staging_build: DbtSandbox) -> None:
    row = staging_build.query(
        "select firm_name, taxpayer_status, domicile_condition, ubigeo "
        f"from staging.stg_sunat__padron where ruc = '{RUC_B}'"
    )
    assert row == [("JOSÉ PÉREZ", "ACTIVO", "HABIDO", None)]


@pytest.mark.slow
def test_raw_rows_reconcile_per_file(staging_build: DbtSandbox) -> None:
    for source, base, staged in [
        ("itp_cite", "base_itp__cite_services", "stg_itp__cite_services"),
        ("sunat_perfil", "base_sunat__firm_profiles", "stg_sunat__firm_profiles"),
        ("mef_gasto", "base_mef__budget_execution", "stg_mef__budget_execution"),
    ]:
        raw = staging_build.query(f"select count(*) from staging.{base}")[0][0]
        kept = staging_build.query(f"select count(*) from staging.{staged}")[0][0]
        duplicates = staging_build.query(
            f"select count(*) from staging.{base} where is_duplicate"
        )[0][0]
        rejected = sum(1 for system, _ in EXPECTED_REJECTS if system == source)
        assert raw == kept + rejected + duplicates, source


@pytest.mark.slow
def test_other_programmes_rows_are_ignored_and_counted(
    staging_build: DbtSandbox,
) -> None:
    """MEF's national file: only PP 0093's rows (0093, 93, ' 093 ') are staged;
    the other programme's row is counted as ignored, so the file reconciles."""
    ignored = staging_build.query(
        "select source_file, ignored_rows from staging.base_mef__file_rows"
    )
    assert ignored == [("mef_gasto/2024/2024-Gasto.csv", 1)]
    base = staging_build.query(
        "select source_row_number from staging.base_mef__budget_execution order by 1"
    )
    assert [row for (row,) in base] == [1, 2, 3, 4, 5, 7, 8]
    programmes = staging_build.query(
        "select distinct program_code from staging.stg_mef__budget_execution order by 1"
    )
    assert programmes == [("0093",), ("093",), ("93",)]
    assert len(MEF_ROWS) == len(base) + ignored[0][1]


@pytest.mark.slow
def test_a_kept_row_has_its_bad_optional_field_null(staging_build: DbtSandbox) -> None:
    row = staging_build.query(
        "select ubigeo, cite_name from staging.stg_itp__cite_services "
        "where source_record_id in ('CITE-2024-00000010', 'CITE-2024-00000013') "
        "order by source_record_id"
    )
    assert row == [(None, "CITE Textil"), ("150101", None)]
