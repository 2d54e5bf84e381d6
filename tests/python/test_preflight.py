"""Unit tests of `pp0093 check-raw` on small synthetic raw directories.

Each test writes a valid raw directory (every feed, two years), breaks one file
the way real deliveries break, and checks the one-line message and exit code.
The same faults on the generated data are in test_faults.py.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import pytest

from pp0093 import preflight
from pp0093.feed_contracts import FEEDS, LATIN1, FeedContract

YEARS = ("2023", "2024")
# Profiles lag the programme years (seed program_parameters: 2 years); more
# profile years than needed are fine.
PROFILE_YEARS = ("2021", "2022", *YEARS)


def sample_value(
    contract: FeedContract, column: str, row: int, year: str | None = None
) -> str:
    if year and column == contract.year_column:
        return year
    if column.upper() in {c.upper() for c in contract.numeric_columns}:
        return f"{1000 + row}.50"
    if column in {"NOMBRE O RAZÓN SOCIAL", "NOMBRE_CITE", "TEMA", "nombre_evento"}:
        return f"Asociación Señor de Muruhuay {row}"
    return f"v{row}"


def write_feed_file(
    path: Path, contract: FeedContract, rows: int = 30, year: str | None = None
) -> None:
    end = contract.delimiter if contract.trailing_delimiter else ""
    lines = [contract.delimiter.join(contract.columns) + end]
    for row in range(rows):
        values = [sample_value(contract, c, row, year) for c in contract.columns]
        lines.append(contract.delimiter.join(values) + end)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(("\n".join(lines) + "\n").encode(contract.encoding))


def feed_path(raw: Path, folder: str, year: str | None = "2024") -> Path:
    contract = next(c for c in FEEDS if c.folder == folder)
    if contract.yearly:
        return raw / folder / year / contract.file_name(year)
    return raw / folder / contract.file_name()


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    raw_dir = tmp_path / "raw"
    for contract in FEEDS:
        years = PROFILE_YEARS if contract.folder == "sunat_perfil" else YEARS
        for year in years if contract.yearly else (None,):
            path = feed_path(raw_dir, contract.folder, year)
            write_feed_file(path, contract, year=year)
    return raw_dir


def problems(raw_dir: Path) -> list[str]:
    found, _, _ = preflight.check_raw_dir(raw_dir)
    return [str(p) for p in found]


def only_problem(raw_dir: Path) -> str:
    found = problems(raw_dir)
    assert len(found) == 1, found
    return found[0]


def rewrite(path: Path, old: bytes, new: bytes, count: int = -1) -> None:
    data = path.read_bytes()
    assert old in data
    path.write_bytes(data.replace(old, new, count))


def test_a_valid_directory_passes(raw: Path) -> None:
    assert problems(raw) == []


def test_run_exit_codes_and_one_line_per_problem(raw: Path, capsys) -> None:
    args = argparse.Namespace(raw_dir=raw)
    assert preflight.run(args) == 0
    assert "files OK" in capsys.readouterr().out
    feed_path(raw, "itp_cite").write_bytes(b"")
    feed_path(raw, "mef_gasto", "2023").unlink()
    assert preflight.run(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0] == (
        "check-raw: itp_cite/2024/cite_atenciones_2024.csv: "
        "empty file (0 bytes, no header)"
    )
    assert err[1].startswith("check-raw: mef_gasto/2023/")
    assert "Traceback" not in "".join(err)


def test_missing_required_column(raw: Path) -> None:
    path = feed_path(raw, "sunat_perfil")
    rewrite(path, b",ventas_anuales", b"", 1)
    assert only_problem(raw) == (
        "sunat_perfil/2024/perfil_empresas_2024.csv: "
        "missing required column 'ventas_anuales'"
    )


def test_unknown_extra_column(raw: Path) -> None:
    path = feed_path(raw, "pnte_tu_empresa")
    lines = path.read_text().splitlines()
    lines = [lines[0] + ",observacion"] + [line + ",x" for line in lines[1:]]
    path.write_text("\n".join(lines) + "\n")
    assert only_problem(raw).endswith("unknown extra column 'observacion'")


def test_columns_out_of_order(raw: Path) -> None:
    rewrite(feed_path(raw, "siaf_avance_fisico"), b"ANO_EJE,NIVEL", b"NIVEL,ANO_EJE", 1)
    assert "columns out of order" in only_problem(raw)


def test_wrong_delimiter(raw: Path) -> None:
    rewrite(feed_path(raw, "produce_direcciones"), b";", b",")
    assert only_problem(raw).endswith(
        "wrong delimiter: the header is split by ',', the contract says ';'"
    )


def test_utf8_file_saved_as_latin1(raw: Path) -> None:
    path = feed_path(raw, "itp_cite")
    path.write_bytes(path.read_bytes().decode("utf-8").encode(LATIN1))
    assert "wrong encoding: 30 lines are not valid UTF-8" in only_problem(raw)


def test_a_stray_invalid_byte_names_the_line(raw: Path) -> None:
    # Line 3 is the second data row, the first holding an accent.
    path = feed_path(raw, "itp_cite")
    rewrite(path, "Señor de Muruhuay 1".encode(), b"Se\xf1or de Muruhuay 1", 1)
    assert only_problem(raw) == (
        "itp_cite/2024/cite_atenciones_2024.csv: line 3: invalid UTF-8 byte "
        "(1 line(s)); fix the byte or re-export the file as UTF-8"
    )


def test_latin1_padron_delivered_as_utf8(raw: Path) -> None:
    path = feed_path(raw, "sunat_padron")
    path.write_bytes(path.read_bytes().decode(LATIN1).encode("utf-8"))
    assert only_problem(raw).endswith(
        "wrong encoding: the file is UTF-8, the contract says Latin-1 (ISO-8859-1)"
    )


def test_latin1_padron_with_utf8_body_only(raw: Path) -> None:
    path = feed_path(raw, "sunat_padron")
    header, body = path.read_bytes().split(b"\n", 1)
    path.write_bytes(header + b"\n" + body.decode(LATIN1).encode("utf-8"))
    assert "the file is UTF-8" in only_problem(raw)


def test_utf16_file(raw: Path) -> None:
    path = feed_path(raw, "mef_gasto")
    path.write_bytes(path.read_text().encode("utf-16"))
    assert "wrong encoding: the file is UTF-16" in only_problem(raw)


def test_empty_file_and_header_only(raw: Path) -> None:
    feed_path(raw, "itp_cite").write_bytes(b"")
    path = feed_path(raw, "sunat_perfil", "2023")
    path.write_text(path.read_text().splitlines()[0] + "\n")
    found = problems(raw)
    assert found == [
        "sunat_perfil/2023/perfil_empresas_2023.csv: header only, no data rows",
        "itp_cite/2024/cite_atenciones_2024.csv: empty file (0 bytes, no header)",
    ]


def test_year_folder_with_no_files(raw: Path) -> None:
    path = feed_path(raw, "pnte_tu_empresa", "2023")
    path.unlink()
    assert only_problem(raw) == (
        "pnte_tu_empresa/2023/: year folder has no files (tu_empresa_2023.csv)"
    )


def test_missing_feed_folder_and_unexpected_file(raw: Path) -> None:
    shutil.rmtree(raw / "siaf_avance_fisico")
    (raw / "mef_gasto" / "2024" / "2024-Gasto (1).csv").write_text("x\n")
    assert problems(raw) == [
        "mef_gasto/2024/2024-Gasto (1).csv: "
        "unexpected file (the contract allows only 2024-Gasto.csv)",
        "siaf_avance_fisico/: feed folder is missing",
    ]


def test_truncated_last_line(raw: Path) -> None:
    path = feed_path(raw, "mef_gasto")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 25])
    assert "truncated last line: " in only_problem(raw)


def test_truncated_last_line_inside_quotes(raw: Path) -> None:
    path = feed_path(raw, "itp_cite")
    path.write_bytes(path.read_bytes() + b'v1,v2,"Asociaci')
    assert only_problem(raw).endswith("truncated last line: unterminated quote")


@pytest.mark.parametrize(
    "value", ['"1,234.50"', '"1.234,50"', '"12,345"', '"1005,50"', '"1 005,50"']
)
def test_a_locale_number_names_the_line_and_column(raw: Path, value: str) -> None:
    # Row 5 (line 7) holds 1005.50 in every numeric column; MES_EJE is the
    # first numeric column after the year.
    rewrite(feed_path(raw, "mef_gasto"), b"1005.50", value.encode(), 1)
    unquoted = value.strip('"')
    assert only_problem(raw) == (
        "mef_gasto/2024/2024-Gasto.csv: line 7, column 'MES_EJE': "
        f"number in a locale format ('{unquoted}'; 1 value(s) in this "
        "column): numbers must use '.' for decimals and no thousands "
        "separator; re-export the file"
    )


def test_a_decimal_comma_in_a_semicolon_file(raw: Path) -> None:
    # The directorates' file is split by ';': a decimal comma stays in its field.
    path = feed_path(raw, "produce_direcciones")
    data = path.read_text().replace(".50;", ",50;")
    path.write_text(data)
    found = problems(raw)
    assert [message.split(": number")[0] for message in found] == [
        "produce_direcciones/2024/registro_atenciones_2024.csv: line 2, column "
        f"'{column}'"
        for column in ("NOTA_PRE", "NOTA_POST")
    ], found
    assert "('1000,50'; 30 value(s) in this column)" in found[0]


def test_thousands_separator_unquoted(raw: Path) -> None:
    rewrite(feed_path(raw, "sunat_perfil"), b"1007.50", b"1,007.50", 1)
    assert only_problem(raw).endswith(
        "line 9: a number in a locale format in a numeric column splits the "
        "value into two fields: numbers must use '.' for decimals and no "
        "thousands separator"
    )


def test_a_grouped_number_in_a_text_column_is_fine(raw: Path) -> None:
    rewrite(feed_path(raw, "itp_cite"), b"v3,", b'"1,234.50",', 1)
    assert problems(raw) == []


def test_a_wrong_field_count_mid_file(raw: Path) -> None:
    path = feed_path(raw, "siaf_avance_fisico")
    rewrite(path, b",1004.50,1004.50\n", b",1004.50,1004.50,extra\n", 1)
    assert "fields, the header has 7" in only_problem(raw)


# --- issue 15: folders, years, broken lines ---------------------------------------


def test_hidden_files_and_folders_are_skipped_with_a_note(raw: Path, capsys) -> None:
    year_dir = raw / "itp_cite" / "2024"
    (year_dir / "._cite_atenciones_2024.csv").write_bytes(b"\x00\x05\x16\x07")
    (year_dir / ".DS_Store").write_bytes(b"\x00")
    backup = raw / "mef_gasto" / ".backup" / "2024"
    backup.mkdir(parents=True)
    (backup / "2024-Gasto.csv").write_text("broken\n")
    (raw / "sunat_padron" / "._padron_reducido_ruc.txt").write_bytes(b"\x00")
    assert preflight.run(argparse.Namespace(raw_dir=raw)) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:4] == [
        "check-raw: note: sunat_padron/._padron_reducido_ruc.txt: hidden, skipped "
        "(dbt does not read it)",
        "check-raw: note: itp_cite/2024/.DS_Store: hidden, skipped "
        "(dbt does not read it)",
        "check-raw: note: itp_cite/2024/._cite_atenciones_2024.csv: hidden, "
        "skipped (dbt does not read it)",
        "check-raw: note: mef_gasto/.backup/: hidden, skipped (dbt does not read it)",
    ]
    assert "files OK" in out[4]


def test_a_second_padron_file_is_refused(raw: Path) -> None:
    padron = feed_path(raw, "sunat_padron", None)
    shutil.copy(padron, padron.with_name("padron_reducido_ruc (2).txt"))
    assert only_problem(raw) == (
        "sunat_padron/padron_reducido_ruc (2).txt: unexpected file "
        "(the contract allows only padron_reducido_ruc.txt)"
    )


def test_a_year_folder_missing_from_one_feed(raw: Path) -> None:
    shutil.rmtree(raw / "siaf_avance_fisico" / "2023")
    assert only_problem(raw) == (
        "siaf_avance_fisico/2023/avance_fisico_2023.csv: year folder 2023/ is "
        "missing, but mef_gasto has 2023"
    )


def test_a_profile_year_missing_for_a_programme_year(raw: Path) -> None:
    shutil.rmtree(raw / "sunat_perfil" / "2021")
    assert only_problem(raw) == (
        "sunat_perfil/2021/perfil_empresas_2021.csv: year folder 2021/ is "
        "missing, but programme year 2023 is profiled with fiscal year 2021 "
        "(seed program_parameters, profile_lag_years)"
    )


def test_a_stray_year_folder_in_one_service_feed(raw: Path) -> None:
    source = feed_path(raw, "itp_cite", "2024")
    stray = feed_path(raw, "itp_cite", "2025")
    stray.parent.mkdir()
    shutil.copy(source, stray)
    assert problems(raw) == [
        f"{path}: year folder 2025/ is missing, but itp_cite has 2025"
        for path in (
            "produce_direcciones/2025/registro_atenciones_2025.csv",
            "pnte_tu_empresa/2025/tu_empresa_2025.csv",
        )
    ]


def test_a_profile_only_for_the_wrong_fiscal_year(raw: Path) -> None:
    path = feed_path(raw, "sunat_perfil", "2024")
    path.write_text(path.read_text().replace(",2024,", ",2023,"))
    assert only_problem(raw) == (
        "sunat_perfil/2024/perfil_empresas_2024.csv: column 'periodo': no row is "
        "for 2024, the year of its folder (most rows say '2023'): the file of "
        "another fiscal year, delivered in the wrong folder?"
    )


def test_a_padron_line_without_its_final_bar(raw: Path) -> None:
    path = feed_path(raw, "sunat_padron", None)
    lines = path.read_bytes().split(b"\n")
    lines[4] = lines[4].removesuffix(b"|")
    path.write_bytes(b"\n".join(lines))
    assert only_problem(raw) == (
        "sunat_padron/padron_reducido_ruc.txt: line 5: no final '|' (its 15 "
        "fields are all there; every line of this feed ends with '|')"
    )


def test_every_broken_line_is_named(raw: Path) -> None:
    path = feed_path(raw, "sunat_padron", None)
    lines = path.read_bytes().split(b"\n")
    lines[2] = lines[2].removesuffix(b"|")
    lines[6] = lines[6] + b"extra|"
    lines[9] = lines[9].split(b"|", 3)[3]
    path.write_bytes(b"\n".join(lines))
    assert problems(raw) == [
        "sunat_padron/padron_reducido_ruc.txt: line 3: no final '|' (its 15 "
        "fields are all there; every line of this feed ends with '|')",
        "sunat_padron/padron_reducido_ruc.txt: line 7: 16 fields, the header has 15",
        "sunat_padron/padron_reducido_ruc.txt: line 10: 12 fields, the header has 15",
    ]


def test_many_broken_lines_are_named_then_counted(raw: Path) -> None:
    path = feed_path(raw, "itp_cite")
    lines = path.read_text().splitlines()
    lines = [lines[0]] + [line + ",x" for line in lines[1:]]
    path.write_text("\n".join(lines) + "\n")
    found = problems(raw)
    assert len(found) == preflight.BROKEN_LINES_NAMED + 1
    assert found[0].endswith("line 2: 10 fields, the header has 9")
    assert found[-1].endswith(
        f"and {30 - preflight.BROKEN_LINES_NAMED} more broken line(s)"
    )
