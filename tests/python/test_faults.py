"""The fault battery: raw data broken the ways real deliveries break.

Every case works on a COPY of the session's raw data (hard links, so copying is
free; a file is written anew before it is altered) and asserts its exact outcome:

- FILE faults stop the build in `pp0093 check-raw` (exit code 2, one line naming
  the file and the fault) before dbt runs; dbt is not needed to test them.
- ROW faults are quarantined by staging with the expected rule of seed
  `rejection_rules`, and the build goes on. They are batched: each fault appends
  one altered copy of a different good row (its own row number), all faults go
  into one copy of the data, and one `dbt build` checks them all. Appending
  (rather than altering rows) keeps every calibrated row, so the marts and the
  published figures must not move.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from published import schema_checksums

from pp0093.dbt_runner import BIN_DIR, DbtSandbox
from pp0093.feed_contracts import FEEDS, FeedContract

CONTRACTS = {contract.folder: contract for contract in FEEDS}

# --- copies of the raw data ------------------------------------------------------


def copy_raw(source: Path, target: Path) -> Path:
    """A copy of the raw directory made of hard links (see `writable`)."""
    shutil.copytree(source, target, copy_function=os.link)
    return target


def writable(path: Path) -> Path:
    """Give a hard-linked file its own copy, so altering it spares the original."""
    data = path.read_bytes()
    path.unlink()
    path.write_bytes(data)
    return path


def feed_file(raw: Path, folder: str, year: str | None = None) -> Path:
    """The feed's file for `year` (default: its latest year)."""
    contract = CONTRACTS[folder]
    if not contract.yearly:
        return raw / folder / contract.file_name()
    years = sorted(p.name for p in (raw / folder).iterdir() if p.is_dir())
    chosen = year or years[-1]
    return raw / folder / chosen / contract.file_name(chosen)


def read_rows(path: Path, contract: FeedContract) -> list[list[str]]:
    """Header and rows of a raw file, as the feed writes them."""
    text = path.read_bytes().decode(contract.encoding)
    if not contract.quoted:
        rows = [line.split(contract.delimiter) for line in text.splitlines()]
        return [row[:-1] if contract.trailing_delimiter else row for row in rows]
    return list(csv.reader(io.StringIO(text), delimiter=contract.delimiter))


def format_rows(rows: list[list[str]], contract: FeedContract) -> bytes:
    if not contract.quoted:
        end = contract.delimiter if contract.trailing_delimiter else ""
        text = "".join(contract.delimiter.join(row) + end + "\n" for row in rows)
    else:
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=contract.delimiter, lineterminator="\n").writerows(
            rows
        )
        text = buffer.getvalue()
    return text.encode(contract.encoding)


def check_raw(raw: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN_DIR / "pp0093"), "check-raw", "--raw-dir", str(raw)],
        capture_output=True,
        text=True,
        check=False,
    )


# --- file faults: check-raw stops the build ---------------------------------------


def drop_column(path: Path, contract: FeedContract, column: str) -> None:
    rows = read_rows(path, contract)
    index = rows[0].index(column)
    path.write_bytes(format_rows([r[:index] + r[index + 1 :] for r in rows], contract))


def add_column(path: Path, contract: FeedContract, column: str) -> None:
    rows = read_rows(path, contract)
    rows = [[*rows[0], column]] + [[*row, "x"] for row in rows[1:]]
    path.write_bytes(format_rows(rows, contract))


def change_delimiter(path: Path, contract: FeedContract, delimiter: str) -> None:
    rows = read_rows(path, contract)
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(contract.encoding))


def reencode(path: Path, source: str, target: str) -> None:
    path.write_bytes(path.read_bytes().decode(source).encode(target))


def truncate_last_line(path: Path, contract: FeedContract) -> None:
    data = path.read_bytes().rstrip(b"\n")
    last = data.rsplit(b"\n", 1)[1]
    cut = last.rfind(contract.delimiter.encode()) - 1  # inside the last-but-one field
    path.write_bytes(data[: len(data) - len(last) + cut])


def group_thousands(path: Path, contract: FeedContract, column: str) -> None:
    rows = read_rows(path, contract)
    index = rows[0].index(column)
    rows[1][index] = f"{float(rows[1][index]):,.2f}" if rows[1][index] else "1,234.50"
    if "," not in rows[1][index]:
        rows[1][index] = "1,234,567.00"
    path.write_bytes(format_rows(rows, contract))


def stray_byte(path: Path, line: int) -> None:
    """A Windows-1252 'ñ' (0xF1, not UTF-8) at the end of the 1-based `line`."""
    lines = path.read_bytes().split(b"\n")
    lines[line - 1] += b"\xf1"
    path.write_bytes(b"\n".join(lines))


def drop_final_bar(path: Path, line: int) -> None:
    """The padrón's 1-based `line` without the `|` SUNAT ends every line with."""
    lines = path.read_bytes().split(b"\n")
    lines[line - 1] = lines[line - 1].removesuffix(b"|")
    path.write_bytes(b"\n".join(lines))


def previous_fiscal_year(path: Path, contract: FeedContract) -> None:
    """Every row of the file for the year before its folder's."""
    rows = read_rows(path, contract)
    index = rows[0].index(contract.year_column)
    for row in rows[1:]:
        row[index] = str(int(row[index]) - 1)
    path.write_bytes(format_rows(rows, contract))


def decimal_commas(path: Path, contract: FeedContract) -> None:
    """Every numeric value written with a decimal comma (a Spanish locale)."""
    rows = read_rows(path, contract)
    numeric = [i for i, name in enumerate(rows[0]) if name in contract.numeric_columns]
    for row in rows[1:]:
        for index in numeric:
            row[index] = row[index].replace(".", ",")
    path.write_bytes(format_rows(rows, contract))


def non_ascii_line_count(path: Path) -> int:
    return sum(1 for line in path.read_bytes().splitlines() if not line.isascii())


@dataclass(frozen=True)
class FileFault:
    name: str
    folder: str
    apply: Callable[[Path, FeedContract], None]
    message: str  # what check-raw must print after "<file>: "
    year: str | None = None
    target: str = "file"  # "file", or "folder" for faults of the year folder


FILE_FAULTS = [
    FileFault(
        "missing_required_column",
        "sunat_perfil",
        lambda p, c: drop_column(p, c, "ventas_anuales"),
        "missing required column 'ventas_anuales'",
    ),
    FileFault(
        "unknown_extra_column",
        "itp_cite",
        lambda p, c: add_column(p, c, "OBSERVACION"),
        "unknown extra column 'OBSERVACION'",
    ),
    FileFault(
        "wrong_delimiter",
        "produce_direcciones",
        lambda p, c: change_delimiter(p, c, ","),
        "wrong delimiter: the header is split by ',', the contract says ';'",
    ),
    FileFault(
        "wrong_encoding_padron_in_utf8",
        "sunat_padron",
        lambda p, c: reencode(p, "latin-1", "utf-8"),
        "wrong encoding: the file is UTF-8, the contract says Latin-1 (ISO-8859-1)",
    ),
    FileFault(
        "wrong_encoding_utf16",
        "mef_gasto",
        lambda p, c: reencode(p, "utf-8", "utf-16"),
        "wrong encoding: the file is UTF-16 (expected UTF-8/Latin-1)",
    ),
    FileFault(
        "empty_file",
        "pnte_tu_empresa",
        lambda p, c: p.write_bytes(b""),
        "empty file (0 bytes, no header)",
    ),
    FileFault(
        "header_only",
        "siaf_avance_fisico",
        lambda p, c: p.write_bytes(p.read_bytes().split(b"\n", 1)[0] + b"\n"),
        "header only, no data rows",
    ),
    FileFault(
        "truncated_last_line",
        "itp_cite",
        truncate_last_line,
        "truncated last line: ",
    ),
    FileFault(
        "thousands_separator",
        "mef_gasto",
        lambda p, c: group_thousands(p, c, "MONTO_PIM"),
        "line 2, column 'MONTO_PIM': number in a locale format ('",
    ),
    FileFault(
        "stray_invalid_utf8_byte",
        "produce_direcciones",
        lambda p, c: stray_byte(p, line=3),
        "line 3: invalid UTF-8 byte (1 line(s)); fix the byte or re-export the "
        "file as UTF-8",
    ),
]


FILE_FAULTS += [
    FileFault(
        "padron_line_without_its_final_bar",
        "sunat_padron",
        lambda p, c: drop_final_bar(p, line=5),
        "line 5: no final '|' (its 15 fields are all there; every line of this "
        "feed ends with '|')",
    ),
    FileFault(
        "profile_only_for_the_wrong_fiscal_year",
        "sunat_perfil",
        previous_fiscal_year,
        "column 'periodo': no row is for ",
    ),
]


@pytest.mark.parametrize("fault", FILE_FAULTS, ids=lambda fault: fault.name)
def test_a_file_fault_stops_the_build(
    fault: FileFault, raw_data_dir: Path, tmp_path: Path
) -> None:
    raw = copy_raw(raw_data_dir, tmp_path / "raw")
    path = writable(feed_file(raw, fault.folder, fault.year))
    fault.apply(path, CONTRACTS[fault.folder])
    completed = check_raw(raw)
    assert completed.returncode == 2, completed.stdout
    lines = completed.stderr.strip().splitlines()
    rel = path.relative_to(raw).as_posix()
    assert lines[0].startswith(f"check-raw: {rel}: {fault.message}"), lines
    assert len(lines) == 2  # the fault, then the closing line
    assert "Traceback" not in completed.stderr


def test_a_utf8_feed_saved_as_latin1(raw_data_dir: Path, tmp_path: Path) -> None:
    raw = copy_raw(raw_data_dir, tmp_path / "raw")
    candidates = [
        feed_file(raw, folder)
        for folder in ("itp_cite", "produce_direcciones", "pnte_tu_empresa")
    ]
    path = writable(max(candidates, key=non_ascii_line_count))
    lines_with_accents = non_ascii_line_count(path)
    assert lines_with_accents > 10, "no feed file with enough accents to re-encode"
    reencode(path, "utf-8", "cp1252")
    completed = check_raw(raw)
    assert completed.returncode == 2
    first = completed.stderr.splitlines()[0]
    rel = path.relative_to(raw).as_posix()
    assert first.startswith(
        f"check-raw: {rel}: wrong encoding: {lines_with_accents} lines are not "
        "valid UTF-8"
    )


def test_a_year_folder_with_no_files(raw_data_dir: Path, tmp_path: Path) -> None:
    raw = copy_raw(raw_data_dir, tmp_path / "raw")
    path = feed_file(raw, "itp_cite")
    path.unlink()
    completed = check_raw(raw)
    assert completed.returncode == 2
    year = path.parent.name
    assert completed.stderr.splitlines()[0] == (
        f"check-raw: itp_cite/{year}/: year folder has no files "
        f"(cite_atenciones_{year}.csv)"
    )


def test_a_budget_exported_with_decimal_commas(
    raw_data_dir: Path, tmp_path: Path
) -> None:
    """Issue 15: check-raw passed it, staging quarantined every row and the
    build published an empty budget. Now each amount column is named."""
    raw = copy_raw(raw_data_dir, tmp_path / "raw")
    path = writable(feed_file(raw, "mef_gasto"))
    contract = CONTRACTS["mef_gasto"]
    decimal_commas(path, contract)
    completed = check_raw(raw)
    assert completed.returncode == 2
    rel = path.relative_to(raw).as_posix()
    lines = completed.stderr.strip().splitlines()
    columns = [name for name in contract.columns if name.startswith("MONTO_")]
    assert [line.split(": number")[0] for line in lines[:-1]] == [
        f"check-raw: {rel}: line 2, column '{name}'" for name in columns
    ]
    assert lines[-1].startswith(f"check-raw: {len(columns)} file problem(s)")


def test_two_broken_padron_lines_are_each_named(
    raw_data_dir: Path, tmp_path: Path
) -> None:
    raw = copy_raw(raw_data_dir, tmp_path / "raw")
    path = writable(feed_file(raw, "sunat_padron"))
    drop_final_bar(path, line=3)
    lines = path.read_bytes().split(b"\n")
    lines[7] = lines[7].rsplit(b"|", 3)[0] + b"|"  # two fields cut off
    path.write_bytes(b"\n".join(lines))
    completed = check_raw(raw)
    assert completed.returncode == 2
    assert completed.stderr.splitlines()[:2] == [
        "check-raw: sunat_padron/padron_reducido_ruc.txt: line 3: no final '|' "
        "(its 15 fields are all there; every line of this feed ends with '|')",
        "check-raw: sunat_padron/padron_reducido_ruc.txt: line 8: 13 fields, "
        "the header has 15",
    ]


def test_a_second_padron_file_is_refused(raw_data_dir: Path, tmp_path: Path) -> None:
    raw = copy_raw(raw_data_dir, tmp_path / "raw")
    shutil.copy(
        feed_file(raw, "sunat_padron"), raw / "sunat_padron" / "padron_2024.txt"
    )
    completed = check_raw(raw)
    assert completed.returncode == 2
    assert completed.stderr.splitlines()[0] == (
        "check-raw: sunat_padron/padron_2024.txt: unexpected file (the contract "
        "allows only padron_reducido_ruc.txt)"
    )


def test_a_year_folder_missing_from_one_service_feed(
    raw_data_dir: Path, tmp_path: Path
) -> None:
    raw = copy_raw(raw_data_dir, tmp_path / "raw")
    year_dir = feed_file(raw, "pnte_tu_empresa").parent
    shutil.rmtree(year_dir)
    year = year_dir.name
    completed = check_raw(raw)
    assert completed.returncode == 2
    assert completed.stderr.splitlines()[0] == (
        f"check-raw: pnte_tu_empresa/{year}/tu_empresa_{year}.csv: year folder "
        f"{year}/ is missing, but itp_cite, produce_direcciones have {year}"
    )


def test_macos_and_hidden_backup_files_are_skipped(
    raw_data_dir: Path, tmp_path: Path
) -> None:
    raw = copy_raw(raw_data_dir, tmp_path / "raw")
    path = feed_file(raw, "itp_cite")
    (path.parent / f"._{path.name}").write_bytes(b"\x00\x05\x16\x07\x00\x02")
    backup = raw / "itp_cite" / ".backup" / path.parent.name
    backup.mkdir(parents=True)
    (backup / path.name).write_bytes(b"broken\n")
    completed = check_raw(raw)
    assert completed.returncode == 0, completed.stderr
    rel = path.relative_to(raw).as_posix()
    assert completed.stdout.splitlines()[:2] == [
        "check-raw: note: itp_cite/.backup/: hidden, skipped (dbt does not read it)",
        f"check-raw: note: {rel.replace(path.name, '._' + path.name)}: hidden, "
        "skipped (dbt does not read it)",
    ]


def test_the_generated_data_passes_check_raw(raw_data_dir: Path) -> None:
    completed = check_raw(raw_data_dir)
    assert completed.returncode == 0, completed.stderr
    assert "files OK" in completed.stdout


# --- row faults: staging quarantines them, the build goes on ----------------------


@dataclass(frozen=True)
class RowFault:
    """One altered copy of a good row, appended to a feed file."""

    name: str
    folder: str
    base_model: str
    # SQL condition (on the base model) for the good row to copy.
    template: str
    # column -> new value (a callable gets the old value).
    changes: dict[str, str | Callable[[str], str]] = field(default_factory=dict)
    # The rule the appended row must get; "duplicate" for an exact resubmission;
    # "superseded:original" when the appended row replaces the template row.
    expected: str = ""


def flip_check_digit(ruc: str) -> str:
    return ruc[:-1] + str((int(ruc[-1]) + 1) % 10)


def one_hour_later(timestamp: str) -> str:
    moment = datetime.strptime(timestamp.strip(), "%Y-%m-%d %H:%M:%S")
    return (moment + timedelta(hours=1)).strftime("%Y-%m-%d %H:%M:%S")


GOOD = "rejection_rule is null and not is_duplicate"
ROW_FAULTS = [
    RowFault(
        "bad_ruc_check_digit",
        "itp_cite",
        "base_itp__cite_services",
        f"{GOOD} and ruc is not null",
        {"RUC": flip_check_digit},
        "invalid_ruc",
    ),
    RowFault(
        "duplicated_row",
        "itp_cite",
        "base_itp__cite_services",
        GOOD,
        {},
        "duplicate",
    ),
    RowFault(
        "resubmitted_with_a_change",
        "itp_cite",
        "base_itp__cite_services",
        GOOD,
        {"FECHA_REGISTRO": one_hour_later},
        "superseded:original",
    ),
    RowFault(
        "ten_digit_ruc",
        "produce_direcciones",
        "base_produce__directorate_services",
        f"{GOOD} and ruc is not null",
        {"RUC": lambda ruc: ruc[:10]},
        "invalid_ruc",
    ),
    RowFault(
        "february_31",
        "produce_direcciones",
        "base_produce__directorate_services",
        GOOD,
        {"FECHA": lambda date: "31/02/" + date.strip()[-4:]},
        "invalid_date",
    ),
    RowFault(
        "future_date",
        "produce_direcciones",
        "base_produce__directorate_services",
        GOOD,
        {"FECHA": "15/06/2099"},
        "date_out_of_range",
    ),
    RowFault(
        "unknown_activity_code",
        "produce_direcciones",
        "base_produce__directorate_services",
        # A row with a beneficiary: an unknown code is not known to be an
        # action, and an action is the only row allowed no beneficiary.
        f"{GOOD} and ruc is not null",
        {"COD_ACTIVIDAD": "ZZ9"},
        "unknown_code",
    ),
    RowFault(
        "dni_with_letters",
        "pnte_tu_empresa",
        "base_pnte__tu_empresa_services",
        f"{GOOD} and participant_dni is not null",
        {"dni_participante": lambda dni: dni[:4] + "AB" + dni[6:]},
        "invalid_dni",
    ),
    RowFault(
        "empty_mandatory_field",
        "pnte_tu_empresa",
        "base_pnte__tu_empresa_services",
        GOOD,
        {"fecha": ""},
        "missing_required",
    ),
    RowFault(
        "negative_amount",
        "mef_gasto",
        "base_mef__budget_execution",
        GOOD,
        {"MONTO_DEVENGADO": "-1500.00"},
        "negative_amount",
    ),
    RowFault(
        # A PP 0093 row of MEF's national file with an activity the programme
        # does not have: quarantined, never dropped with the other programmes'.
        "unknown_mef_activity",
        "mef_gasto",
        "base_mef__budget_execution",
        GOOD,
        {"ACTIVIDAD_ACCION_OBRA": "5999099"},
        "unknown_code",
    ),
    RowFault(
        "unknown_level",
        "siaf_avance_fisico",
        "base_siaf__physical_progress",
        GOOD,
        {"NIVEL": "SUBPRODUCTO"},
        "unknown_code",
    ),
    # Bad optional fields (ubigeo, names, scores, CIIU, sales) do not reject
    # the row: they are nulled, see test_raw_changes.py. These are bad
    # identifying fields (who, what, when, how much).
    RowFault(
        "unknown_cite_service_code",
        "itp_cite",
        "base_itp__cite_services",
        f"{GOOD} and ruc is not null",
        {"COD_SERVICIO": "ZZ"},
        "unknown_code",
    ),
    RowFault(
        "owner_dni_with_seven_digits",
        "itp_cite",
        "base_itp__cite_services",
        f"{GOOD} and owner_dni is not null",
        {"DNI_CONDUCTOR": lambda dni: dni[:7]},
        "invalid_dni",
    ),
    RowFault(
        "thirteenth_month",
        "pnte_tu_empresa",
        "base_pnte__tu_empresa_services",
        GOOD,
        {"fecha": lambda date: date.strip()[:4] + "1301"},
        "invalid_date",
    ),
    RowFault(
        "month_13_in_the_budget",
        "mef_gasto",
        "base_mef__budget_execution",
        GOOD,
        {"MES_EJE": "13"},
        "invalid_date",
    ),
    RowFault(
        "negative_physical_target",
        "siaf_avance_fisico",
        "base_siaf__physical_progress",
        f"{GOOD} and annual_target is not null",
        {"META_FISICA_ANUAL": "-5"},
        "negative_amount",
    ),
    RowFault(
        "ruc_with_an_unknown_prefix",
        "sunat_padron",
        "base_sunat__padron",
        GOOD,
        {"RUC": lambda ruc: "30" + ruc[2:]},
        "invalid_ruc",
    ),
]


@dataclass
class AppliedFault:
    fault: RowFault
    source_file: str
    template_row: int
    appended_row: int


def apply_row_faults(raw: Path, session: DbtSandbox) -> list[AppliedFault]:
    """Append one altered copy of a different good row per fault."""
    applied = []
    used: dict[str, int] = {}
    by_file: dict[Path, list[tuple[RowFault, int]]] = {}
    for fault in ROW_FAULTS:
        path = feed_file(raw, fault.folder)
        source_file = path.relative_to(raw).as_posix()
        offset = used.get(source_file, 0)
        used[source_file] = offset + 1
        rows = session.query(
            f"select source_row_number from staging.{fault.base_model} "
            f"where source_file = ? and {fault.template} "
            f"order by source_row_number limit 1 offset {offset * 7}",
            [source_file],
        )
        assert rows, f"{fault.name}: no good row to copy in {source_file}"
        by_file.setdefault(path, []).append((fault, rows[0][0]))
    for path, faults in by_file.items():
        contract = CONTRACTS[path.relative_to(raw).parts[0]]
        writable(path)
        rows = read_rows(path, contract)
        header, data = rows[0], rows[1:]
        appended = []
        for fault, template_row in faults:
            row = list(data[template_row - 1])
            for column, change in fault.changes.items():
                index = header.index(column)
                row[index] = change(row[index]) if callable(change) else change
            appended.append(row)
            applied.append(
                AppliedFault(
                    fault,
                    path.relative_to(raw).as_posix(),
                    template_row,
                    len(data) + len(appended),
                )
            )
        with path.open("ab") as handle:
            handle.write(format_rows(appended, contract))
    return applied


@pytest.fixture(scope="module")
def row_faults_build(
    dbt_build: DbtSandbox,
    raw_data_dir: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[DbtSandbox, list[AppliedFault], Path]:
    """One dbt build of a copy of the raw data carrying every row fault."""
    directory = tmp_path_factory.mktemp("row_faults")
    raw = copy_raw(raw_data_dir, directory / "raw")
    applied = apply_row_faults(raw, dbt_build)
    completed = check_raw(raw)
    assert completed.returncode == 0, completed.stderr
    sandbox = DbtSandbox.in_directory(directory, raw)
    sandbox.run_dbt(["build"])
    return sandbox, applied, raw


def test_there_are_at_least_15_row_faults() -> None:
    assert len(ROW_FAULTS) >= 15
    assert len({fault.name for fault in ROW_FAULTS}) == len(ROW_FAULTS)


@pytest.mark.slow
@pytest.mark.parametrize("name", [fault.name for fault in ROW_FAULTS])
def test_a_row_fault_is_quarantined_with_its_rule(row_faults_build, name: str) -> None:
    sandbox, applied, _ = row_faults_build
    case = next(a for a in applied if a.fault.name == name)
    base = f"staging.{case.fault.base_model}"

    def outcome(row_number: int) -> tuple[str | None, bool]:
        rows = sandbox.query(
            f"select rejection_rule, is_duplicate from {base} "
            "where source_file = ? and source_row_number = ?",
            [case.source_file, row_number],
        )
        assert len(rows) == 1, rows
        return rows[0]

    if case.fault.expected == "duplicate":
        assert outcome(case.appended_row)[1] is True
    elif case.fault.expected == "superseded:original":
        assert outcome(case.template_row) == ("superseded", False)
        assert outcome(case.appended_row) == (None, False)
    else:
        assert outcome(case.appended_row) == (case.fault.expected, False)


@pytest.mark.slow
def test_rejected_rows_reach_the_rejects_models(row_faults_build) -> None:
    sandbox, applied, _ = row_faults_build
    for case in applied:
        expected = case.fault.expected
        if expected == "duplicate":
            continue
        rule = "superseded" if expected.startswith("superseded") else expected
        source = case.fault.base_model.split("__")[0].removeprefix("base_")
        found = sandbox.query(
            f"select count(*) from staging.stg_{source}__rejected_rows "
            "where source_file = ? and rule = ?",
            [case.source_file, rule],
        )[0][0]
        assert found >= 1, case.fault.name


@pytest.mark.slow
def test_raw_rows_add_up_after_the_row_faults(row_faults_build) -> None:
    sandbox, applied, raw = row_faults_build
    counts = sandbox.query(
        "select source_file, raw_rows, staged_rows, rejected_rows, duplicate_rows, "
        "ignored_rows "
        "from marts.rpt_data_quality where row_kind = 'file'"
    )
    assert counts
    for source_file, raw_rows, staged, rejected, duplicates, ignored in counts:
        assert raw_rows == staged + rejected + duplicates + ignored, source_file
    by_file = {row[0]: row[1] for row in counts}
    for source_file in {case.source_file for case in applied}:
        contract = CONTRACTS[source_file.split("/")[0]]
        data_rows = len(read_rows(raw / source_file, contract)) - 1
        assert by_file[source_file] == data_rows, source_file


@pytest.mark.slow
def test_the_marts_do_not_move(dbt_build: DbtSandbox, row_faults_build) -> None:
    """Faults only added rows that staging sets aside: every figure stays put."""
    sandbox, _, _ = row_faults_build
    before = schema_checksums(dbt_build.db_path, "marts")
    after = schema_checksums(sandbox.db_path, "marts")
    # rpt_data_quality counts the quarantined rows: it must move.
    assert before.pop("rpt_data_quality") != after.pop("rpt_data_quality")
    # The resubmitted service keeps its content but not its load timestamp.
    changed = {name for name in before if before[name] != after.get(name)}
    assert changed <= {"fct_service_deliveries"}, changed
