"""The raw feed contracts, as data: what `pp0093 check-raw` checks every file against.

One `FeedContract` per feed folder under data/raw/, written from docs/feeds.md (the
human-readable version of the same contracts; the dbt sources YAML repeats them
column by column). Only what a file-level check needs is here: where the files
are, how they are encoded and delimited, the header in order, and which columns
hold numbers (where a locale number format is a file fault) and, for feeds
whose rows carry the fiscal year, which column that is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

UTF8 = "utf-8"
LATIN1 = "latin-1"
SERVICES = "services"
BUDGET = "budget"
PROFILES = "profiles"


@dataclass(frozen=True)
class FeedContract:
    """The file-level contract of one raw feed."""

    folder: str
    # File name; `{year}` is replaced by the year folder's name for yearly feeds.
    file_pattern: str
    yearly: bool
    delimiter: str
    encoding: str
    columns: tuple[str, ...]
    numeric_columns: frozenset[str] = field(default_factory=frozenset)
    # SUNAT ends every line of the padrón with the delimiter (an empty last field).
    trailing_delimiter: bool = False
    # False when the owner never quotes fields (a `"` is then plain text).
    quoted: bool = True
    # Yearly feeds whose rows carry the fiscal year: the column that must hold
    # the year of the file's folder (a file with no row for it is a file of
    # another year, delivered in the wrong folder).
    year_column: str | None = None
    # Yearly feeds of one group must hold the same year folders: the service
    # feeds (SERVICES) cover the programme years, the budget feeds (BUDGET)
    # some of them; PROFILES are fiscal years, programme year - profile lag.
    year_group: str | None = None

    def file_name(self, year: str | None = None) -> str:
        return self.file_pattern.format(year=year) if year else self.file_pattern


FEEDS: tuple[FeedContract, ...] = (
    FeedContract(
        folder="sunat_padron",
        file_pattern="padron_reducido_ruc.txt",
        yearly=False,
        delimiter="|",
        encoding=LATIN1,
        trailing_delimiter=True,
        quoted=False,
        columns=(
            "RUC",
            "NOMBRE O RAZÓN SOCIAL",
            "ESTADO DEL CONTRIBUYENTE",
            "CONDICIÓN DE DOMICILIO",
            "UBIGEO",
            "TIPO DE VÍA",
            "NOMBRE DE VÍA",
            "CÓDIGO DE ZONA",
            "TIPO DE ZONA",
            "NÚMERO",
            "INTERIOR",
            "LOTE",
            "DEPARTAMENTO",
            "MANZANA",
            "KILÓMETRO",
        ),
    ),
    FeedContract(
        folder="sunat_perfil",
        year_group=PROFILES,
        file_pattern="perfil_empresas_{year}.csv",
        yearly=True,
        delimiter=",",
        encoding=UTF8,
        columns=(
            "ruc",
            "periodo",
            "ciiu_rev4",
            "ventas_anuales",
            "nro_trabajadores",
            "fecha_inscripcion",
        ),
        numeric_columns=frozenset({"periodo", "ventas_anuales", "nro_trabajadores"}),
        year_column="periodo",
    ),
    FeedContract(
        folder="itp_cite",
        year_group=SERVICES,
        file_pattern="cite_atenciones_{year}.csv",
        yearly=True,
        delimiter=",",
        encoding=UTF8,
        columns=(
            "ID_ATENCION",
            "COD_CITE",
            "NOMBRE_CITE",
            "COD_SERVICIO",
            "RUC",
            "DNI_CONDUCTOR",
            "UBIGEO",
            "FECHA_ATENCION",
            "FECHA_REGISTRO",
        ),
    ),
    FeedContract(
        folder="produce_direcciones",
        year_group=SERVICES,
        file_pattern="registro_atenciones_{year}.csv",
        yearly=True,
        delimiter=";",
        encoding=UTF8,
        columns=(
            "COD_REGISTRO",
            "UNIDAD",
            "COD_ACTIVIDAD",
            "TIPO_INTERVENCION",
            "TEMA",
            "FECHA",
            "RUC",
            "DNI_CONDUCTOR",
            "DNI_PARTICIPANTE",
            "UBIGEO",
            "NOTA_PRE",
            "NOTA_POST",
            "OPORTUNIDAD_NEGOCIO",
            "FEC_REG",
        ),
        numeric_columns=frozenset({"NOTA_PRE", "NOTA_POST"}),
    ),
    FeedContract(
        folder="pnte_tu_empresa",
        year_group=SERVICES,
        file_pattern="tu_empresa_{year}.csv",
        yearly=True,
        delimiter=",",
        encoding=UTF8,
        columns=(
            "id_registro",
            "linea",
            "nombre_evento",
            "modalidad",
            "fecha",
            "ruc",
            "dni_conductor",
            "dni_participante",
            "ubigeo",
            "puntaje_inicial",
            "puntaje_final",
            "concreto_negocio",
            "creado_en",
        ),
        numeric_columns=frozenset({"puntaje_inicial", "puntaje_final"}),
    ),
    FeedContract(
        folder="mef_gasto",
        year_group=BUDGET,
        # MEF's national open-data file (datosabiertos.mef.gob.pe, gasto): every
        # pliego and programme; the warehouse keeps PROGRAMA_PPTO 0093's rows.
        file_pattern="{year}-Gasto.csv",
        yearly=True,
        delimiter=",",
        encoding=UTF8,
        columns=(
            "ANO_EJE",
            "MES_EJE",
            "NIVEL_GOBIERNO",
            "NIVEL_GOBIERNO_NOMBRE",
            "SECTOR",
            "SECTOR_NOMBRE",
            "PLIEGO",
            "PLIEGO_NOMBRE",
            "SEC_EJEC",
            "EJECUTORA",
            "EJECUTORA_NOMBRE",
            "DEPARTAMENTO_EJECUTORA",
            "DEPARTAMENTO_EJECUTORA_NOMBRE",
            "PROVINCIA_EJECUTORA",
            "PROVINCIA_EJECUTORA_NOMBRE",
            "DISTRITO_EJECUTORA",
            "DISTRITO_EJECUTORA_NOMBRE",
            "SEC_FUNC",
            "PROGRAMA_PPTO",
            "PROGRAMA_PPTO_NOMBRE",
            "TIPO_ACT_PROY",
            "TIPO_ACT_PROY_NOMBRE",
            "PRODUCTO_PROYECTO",
            "PRODUCTO_PROYECTO_NOMBRE",
            "ACTIVIDAD_ACCION_OBRA",
            "ACTIVIDAD_ACCION_OBRA_NOMBRE",
            "FUNCION",
            "FUNCION_NOMBRE",
            "DIVISION_FUNCIONAL",
            "DIVISION_FUNCIONAL_NOMBRE",
            "GRUPO_FUNCIONAL",
            "GRUPO_FUNCIONAL_NOMBRE",
            "META",
            "FINALIDAD",
            "META_NOMBRE",
            "DEPARTAMENTO_META",
            "DEPARTAMENTO_META_NOMBRE",
            "FUENTE_FINANCIAMIENTO",
            "FUENTE_FINANCIAMIENTO_NOMBRE",
            "RUBRO",
            "RUBRO_NOMBRE",
            "TIPO_RECURSO",
            "TIPO_RECURSO_NOMBRE",
            "CATEGORIA_GASTO",
            "CATEGORIA_GASTO_NOMBRE",
            "TIPO_TRANSACCION",
            "GENERICA",
            "GENERICA_NOMBRE",
            "SUBGENERICA",
            "SUBGENERICA_NOMBRE",
            "SUBGENERICA_DET",
            "SUBGENERICA_DET_NOMBRE",
            "ESPECIFICA",
            "ESPECIFICA_NOMBRE",
            "ESPECIFICA_DET",
            "ESPECIFICA_DET_NOMBRE",
            "MONTO_PIA",
            "MONTO_PIM",
            "MONTO_CERTIFICADO",
            "MONTO_COMPROMETIDO_ANUAL",
            "MONTO_COMPROMETIDO",
            "MONTO_DEVENGADO",
            "MONTO_GIRADO",
        ),
        numeric_columns=frozenset(
            {
                "ANO_EJE",
                "MES_EJE",
                "MONTO_PIA",
                "MONTO_PIM",
                "MONTO_CERTIFICADO",
                "MONTO_COMPROMETIDO_ANUAL",
                "MONTO_COMPROMETIDO",
                "MONTO_DEVENGADO",
                "MONTO_GIRADO",
            }
        ),
        year_column="ANO_EJE",
    ),
    FeedContract(
        folder="siaf_avance_fisico",
        year_group=BUDGET,
        file_pattern="avance_fisico_{year}.csv",
        yearly=True,
        delimiter=",",
        encoding=UTF8,
        columns=(
            "ANO_EJE",
            "NIVEL",
            "PRODUCTO_PROYECTO",
            "ACTIVIDAD_ACCION_OBRA",
            "UNIDAD_MEDIDA",
            "META_FISICA_ANUAL",
            "AVANCE_FISICO_ANUAL",
        ),
        numeric_columns=frozenset(
            {"ANO_EJE", "META_FISICA_ANUAL", "AVANCE_FISICO_ANUAL"}
        ),
        year_column="ANO_EJE",
    ),
)
