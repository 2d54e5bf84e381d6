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


def sample_value(contract: FeedContract, column: str, row: int) -> str:
    if column.upper() in {c.upper() for c in contract.numeric_columns}:
        return f"{1000 + row}.50"
    if column in {"NOMBRE O RAZÓN SOCIAL", "NOMBRE_CITE", "TEMA", "nombre_evento"}:
        return f"Asociación Señor de Muruhuay {row}"
    return f"v{row}"


def write_feed_file(path: Path, contract: FeedContract, rows: int = 30) -> None:
    end = contract.delimiter if contract.trailing_delimiter else ""
    lines = [contract.delimiter.join(contract.columns) + end]
    for row in range(rows):
        values = [sample_value(contract, c, row) for c in contract.columns]
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
        for year in YEARS if contract.yearly else (None,):
            write_feed_file(feed_path(raw_dir, contract.folder, year), contract)
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


@pytest.mark.parametrize("value", ['"1,234.50"', '"1.234,50"', '"12,345"'])
def test_thousands_separator_in_a_numeric_column(raw: Path, value: str) -> None:
    rewrite(feed_path(raw, "mef_gasto"), b"1005.50", value.encode(), 1)
    message = only_problem(raw)
    assert "thousands separator in numeric column 'ANO_EJE'" in message


def test_thousands_separator_unquoted(raw: Path) -> None:
    rewrite(feed_path(raw, "sunat_perfil"), b"1007.50", b"1,007.50", 1)
    assert "thousands separator" in only_problem(raw)


def test_a_grouped_number_in_a_text_column_is_fine(raw: Path) -> None:
    rewrite(feed_path(raw, "itp_cite"), b"v3,", b'"1,234.50",', 1)
    assert problems(raw) == []


def test_a_wrong_field_count_mid_file(raw: Path) -> None:
    path = feed_path(raw, "siaf_avance_fisico")
    rewrite(path, b",1004.50,1004.50\n", b",1004.50,1004.50,extra\n", 1)
    assert "fields, the header has 7" in only_problem(raw)
