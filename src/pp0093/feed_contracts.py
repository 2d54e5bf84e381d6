"""The raw feed contracts, as data: what `pp0093 check-raw` checks every file against.

One `FeedContract` per feed folder under data/raw/ (docs/feeds.md is the
human-readable version). The header, column by column and in order, is read
from the dbt sources YAML (models/staging/<source>/_<source>__sources.yml, one
table per feed folder), so check-raw, the generator and dbt share one list;
tests/python/test_feed_contracts.py proves the rest (delimiter, encoding, file
names) agrees with each source's external location. Here is only what a
file-level check needs besides: where the files are, how they are encoded and
delimited, which columns hold numbers (where a locale number format is a file
fault) and, for feeds whose rows carry the fiscal year, which column that is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from pp0093 import paths

SOURCES_GLOB = "models/staging/*/_*__sources.yml"

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

    def header(self) -> str:
        """The header line as the owner writes it (without a line end)."""
        line = self.delimiter.join(self.columns)
        return line + self.delimiter if self.trailing_delimiter else line


@cache
def source_tables(project_root: Path = paths.PROJECT_ROOT) -> dict[str, dict]:
    """Every table of the dbt sources YAML, by name (= the feed folder)."""
    tables = {}
    for path in sorted(project_root.glob(SOURCES_GLOB)):
        for source in yaml.safe_load(path.read_text(encoding="utf-8"))["sources"]:
            for table in source.get("tables", []):
                tables[table["name"]] = {**table, "source_name": source["name"]}
    return tables


def is_in_file(column: dict) -> bool:
    """False for a column the reader adds (`meta: {in_file: false}`)."""
    meta = {**column.get("meta", {}), **column.get("config", {}).get("meta", {})}
    return meta.get("in_file", True) is not False


def file_columns(folder: str) -> tuple[str, ...]:
    """The columns of a feed's files, in order: its sources YAML table's."""
    table = source_tables().get(folder)
    if table is None:
        raise LookupError(f"no table {folder!r} in {SOURCES_GLOB}")
    return tuple(c["name"] for c in table.get("columns", []) if is_in_file(c))


FEEDS: tuple[FeedContract, ...] = (
    FeedContract(
        folder="sunat_padron",
        file_pattern="padron_reducido_ruc.txt",
        yearly=False,
        delimiter="|",
        encoding=LATIN1,
        trailing_delimiter=True,
        quoted=False,
        columns=file_columns("sunat_padron"),
    ),
    FeedContract(
        folder="sunat_perfil",
        year_group=PROFILES,
        file_pattern="perfil_empresas_{year}.csv",
        yearly=True,
        delimiter=",",
        encoding=UTF8,
        columns=file_columns("sunat_perfil"),
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
        columns=file_columns("itp_cite"),
    ),
    FeedContract(
        folder="produce_direcciones",
        year_group=SERVICES,
        file_pattern="registro_atenciones_{year}.csv",
        yearly=True,
        delimiter=";",
        encoding=UTF8,
        columns=file_columns("produce_direcciones"),
        numeric_columns=frozenset({"NOTA_PRE", "NOTA_POST"}),
    ),
    FeedContract(
        folder="pnte_tu_empresa",
        year_group=SERVICES,
        file_pattern="tu_empresa_{year}.csv",
        yearly=True,
        delimiter=",",
        encoding=UTF8,
        columns=file_columns("pnte_tu_empresa"),
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
        columns=file_columns("mef_gasto"),
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
        columns=file_columns("siaf_avance_fisico"),
        numeric_columns=frozenset(
            {"ANO_EJE", "META_FISICA_ANUAL", "AVANCE_FISICO_ANUAL"}
        ),
        year_column="ANO_EJE",
    ),
)


def contract(folder: str) -> FeedContract:
    """The contract of one feed folder."""
    return next(feed for feed in FEEDS if feed.folder == folder)
