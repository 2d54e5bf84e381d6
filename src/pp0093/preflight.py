"""`pp0093 check-raw`: check every raw file against its feed contract before dbt runs.

A bad FILE (wrong layout, wrong encoding, cut short, numbers formatted for humans)
would make every row of it wrong or make DuckDB fail half way through the build with
an internal error. This step finds those faults first and stops the build with one
line per problem naming the file and what is wrong (exit code 2). Bad ROWS in a good
file are not its business: staging quarantines them (`stg_*__rejected_rows`).

What counts as a file fault (also in docs/data-quality.md):
- the feed folder, a year folder or the expected file is missing or empty;
- an empty file: 0 bytes, or a header with no data rows (a delivery that lost its
  rows: building on it would silently drop a year of records);
- the header: wrong delimiter, a required column missing, an unknown extra column,
  columns out of order;
- the encoding: a UTF-8 feed with invalid UTF-8 on more than a few lines (the file
  was saved as Latin-1/Windows-1252), a UTF-16 file, or the Latin-1 padrón delivered
  in UTF-8. A stray byte on a few lines is named by line (the staging reader
  cannot quarantine it yet: see STAGING_QUARANTINES_INVALID_UTF8);
- a truncated last line (too few fields, or an unterminated quote);
- every line whose field count differs from the header's (each one named; a
  padrón line that lacks only its final `|` is named as such), or an
  unterminated quote;
- a number in a locale format in a numeric column (`1,234.50`, `1.234,50`,
  `1234,5`, `1 234`): the file was exported with a locale's number format,
  so every amount in it is suspect; the line and column are named;
- the year: a yearly feed missing a year folder that other feeds have, and a
  file none of whose rows is for its folder's year (contract `year_column`);
- the folders: a second file beside the padrón; hidden files and folders
  (macOS `._*`, `.backup/`) are skipped with a note, and dbt's source globs
  do not read them either.

A workbook (.xlsx) delivered in place of a year's CSV (produce_direcciones,
pnte_tu_empresa; workbooks.py) is read whole: a missing data sheet, a gap in the
month sheets, a sheet whose header is not found or differs, or a cell of the wrong
type is a file fault named by sheet and row. A year with both a CSV and a workbook
is a fault too.

Each file is read once through DuckDB's CSV reader (field counts, UTF-8 validity,
numeric columns); bytes are scanned in Python, in chunks, only for the Latin-1 padrón
and for a file DuckDB finds is not UTF-8. About 10 s per GB on 2 cores.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pp0093 import paths
from pp0093.feed_contracts import (
    BUDGET,
    FEEDS,
    LATIN1,
    PROFILES,
    SERVICES,
    UTF8,
    FeedContract,
)
from pp0093.workbooks import (
    WORKBOOK_CONTRACTS,
    WORKBOOK_SUFFIX,
    WorkbookError,
    read_workbook,
    workbook_name,
)

CHUNK_BYTES = 32 * 1024 * 1024
TAIL_BYTES = 1024 * 1024
# A UTF-8 file with invalid bytes on more lines than this (or on more than
# INVALID_UTF8_MAX_SHARE of its lines) is in the wrong encoding; fewer are stray
# bytes in a few rows.
INVALID_UTF8_MAX_LINES = 10
INVALID_UTF8_MAX_SHARE = 0.01
# Stray bytes would be row faults, but the staging sources read UTF-8 feeds with
# DuckDB's strict reader, which stops at the first invalid byte with an internal
# error. Until staging can quarantine such rows, they stop the build here, with
# the line named. Set to True when it can.
STAGING_QUARANTINES_INVALID_UTF8 = False
CANDIDATE_DELIMITERS = (",", ";", "|", "\t")
DELIMITER_NAMES = {",": "','", ";": "';'", "|": "'|'", "\t": "tab"}

# Numbers in a locale's format: 1,234.50 / 12,345 (English grouping),
# 1.234,50 / 1.234.567 (Spanish grouping), 1234,50 (decimal comma) and
# 1 234,50 (grouping by spaces). A lone 1.234 is a valid decimal, so it is
# not flagged.
THOUSANDS_PATTERN = (
    r"[-+]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?"
    r"|[-+]?[0-9]{1,3}(\.[0-9]{3})+,[0-9]+"
    r"|[-+]?[0-9]{1,3}(\.[0-9]{3}){2,}"
    r"|[-+]?[0-9]+,[0-9]+"
    r"|[-+]?[0-9]{1,3}( [0-9]{3})+([.,][0-9]+)?"
)
THOUSANDS_RE = re.compile(THOUSANDS_PATTERN)
# A file with many broken lines names this many, then counts the rest.
BROKEN_LINES_NAMED = 20


@dataclass(frozen=True)
class Problem:
    """One file fault: the file (relative to the raw directory) and what is wrong."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class FileFault(Exception):
    """Raised inside a file's check: the first fault that makes further checks moot."""


@dataclass
class BodyScan:
    """What one pass over a file's bytes found."""

    data_lines: int = 0
    invalid_utf8_lines: int = 0
    first_invalid_utf8_line: int = 0
    # Latin-1 feeds only: bytes in valid multi-byte UTF-8 characters, and
    # bytes that are not UTF-8 (a Latin-1 accent).
    utf8_evidence: int = 0
    latin1_evidence: int = 0
    has_nul: bool = False
    ends_with_newline: bool = True


# --- the raw directory -----------------------------------------------------------


def expected_files(
    raw_dir: Path, contract: FeedContract
) -> tuple[list[tuple[Path, str | None]], list[Problem]]:
    """The files a feed should hold, and the problems with its folder layout."""
    feed_dir = raw_dir / contract.folder
    rel = contract.folder
    if not feed_dir.is_dir():
        return [], [Problem(rel + "/", "feed folder is missing")]
    if not contract.yearly:
        path = feed_dir / contract.file_name()
        if not path.is_file():
            return [], [Problem(f"{rel}/{contract.file_name()}", "file is missing")]
        return [(path, None)], []

    files: list[tuple[Path, str | None]] = []
    problems: list[Problem] = []
    year_dirs = sorted(p for p in feed_dir.iterdir() if not p.name.startswith("."))
    if not any(p.is_dir() for p in year_dirs):
        problems.append(Problem(rel + "/", "no year folders (expected <year>/)"))
    for entry in year_dirs:
        if not entry.is_dir() or not re.fullmatch(r"[0-9]{4}", entry.name):
            problems.append(
                Problem(f"{rel}/{entry.name}", "unexpected entry (expected <year>/)")
            )
            continue
        year = entry.name
        expected = contract.file_name(year)
        present = sorted(p.name for p in entry.iterdir() if not p.name.startswith("."))
        if not present:
            problems.append(
                Problem(f"{rel}/{year}/", f"year folder has no files ({expected})")
            )
            continue
        if expected in present:
            files.append((entry / expected, year))
        else:
            problems.append(Problem(f"{rel}/{year}/{expected}", "file is missing"))
        for name in present:
            if name != expected:
                problems.append(
                    Problem(
                        f"{rel}/{year}/{name}",
                        f"unexpected file (the contract allows only {expected})",
                    )
                )
    return files, problems


def check_raw_dir(raw_dir: Path) -> tuple[list[Problem], int, int]:
    """Check every feed; return the problems, the files checked and their bytes."""
    problems: list[Problem] = []
    checked = 0
    total_bytes = 0
    if not raw_dir.is_dir():
        return [Problem(str(raw_dir), "raw data directory does not exist")], 0, 0
    with duckdb.connect() as connection:
        for contract in FEEDS:
            files, layout_problems = feed_files(raw_dir, contract)
            problems.extend(layout_problems)
            problems.extend(extra_files_beside(raw_dir, contract))
            for path, year in files:
                rel = path.relative_to(raw_dir).as_posix()
                checked += 1
                total_bytes += path.stat().st_size
                if path.suffix == WORKBOOK_SUFFIX:
                    messages = check_workbook(path, contract)
                else:
                    messages = check_file(path, contract, connection, year)
                problems.extend(Problem(rel, message) for message in messages)
    problems.extend(missing_year_folders(raw_dir))
    return problems, checked, total_bytes


# --- workbooks (.xlsx) -------------------------------------------------------------


def feed_files(
    raw_dir: Path, contract: FeedContract
) -> tuple[list[tuple[Path, str | None]], list[Problem]]:
    """expected_files, where a feed that may arrive as Excel (workbooks.py)
    holds a year's workbook in place of its CSV: one or the other, not both."""
    files, problems = expected_files(raw_dir, contract)
    if contract.folder not in WORKBOOK_CONTRACTS or not contract.yearly:
        return files, problems
    kept: list[Problem] = []
    for problem in problems:
        parts = problem.path.split("/")
        year = parts[1] if len(parts) == 3 else None
        workbook = workbook_name(contract, year) if year else None
        csv_name = contract.file_name(year) if year else None
        folder = raw_dir / contract.folder / (year or "")
        has_csv = bool(csv_name) and (folder / str(csv_name)).is_file()
        if workbook and parts[2] == csv_name and (folder / workbook).is_file():
            files.append((folder / workbook, year))  # "missing" CSV: a workbook
        elif workbook and parts[2] == workbook and not has_csv:
            continue  # the workbook is the year's file, not an unexpected one
        elif workbook and parts[2] == workbook:
            kept.append(
                Problem(
                    problem.path,
                    f"both {csv_name} and {workbook} delivered: keep one",
                )
            )
        else:
            kept.append(problem)
    return sorted(files), kept


def check_workbook(path: Path, contract: FeedContract) -> list[str]:
    """A workbook's faults (workbooks.read_workbook): sheet and row named."""
    try:
        read_workbook(path, contract.folder)
    except WorkbookError as error:
        return [str(error)]
    return []


# --- folders: hidden entries, extra files, years missing from a feed --------------


def is_hidden(name: str) -> bool:
    """A hidden entry (`.backup`, macOS's `._file` and `.DS_Store`)."""
    return name.startswith(".")


def hidden_entries(raw_dir: Path) -> list[str]:
    """Hidden files and folders inside the feed folders (relative paths): never
    read by check-raw nor by dbt (the source globs name year folders and
    contract file names only), so a copy tool's residue is skipped, not an
    error."""
    found = []
    for contract in FEEDS:
        feed_dir = raw_dir / contract.folder
        if not feed_dir.is_dir():
            continue
        for path in sorted(feed_dir.rglob("*")):
            parts = path.relative_to(feed_dir).parts
            # Name the outermost hidden entry only (not each file inside it).
            if is_hidden(parts[-1]) and not any(map(is_hidden, parts[:-1])):
                suffix = "/" if path.is_dir() else ""
                found.append(path.relative_to(raw_dir).as_posix() + suffix)
    return found


def extra_files_beside(raw_dir: Path, contract: FeedContract) -> list[Problem]:
    """A one-file feed (the padrón) with other entries beside its file: a second
    padrón would be ignored, so it is refused as any unexpected file is."""
    feed_dir = raw_dir / contract.folder
    if contract.yearly or not feed_dir.is_dir():
        return []
    expected = contract.file_name()
    return [
        Problem(
            f"{contract.folder}/{entry.name}",
            f"unexpected {'folder' if entry.is_dir() else 'file'} "
            f"(the contract allows only {expected})",
        )
        for entry in sorted(feed_dir.iterdir())
        if entry.name != expected and not is_hidden(entry.name)
    ]


def year_folders(raw_dir: Path, contract: FeedContract) -> set[str]:
    feed_dir = raw_dir / contract.folder
    if not feed_dir.is_dir():
        return set()
    return {
        entry.name
        for entry in feed_dir.iterdir()
        if entry.is_dir() and re.fullmatch(r"[0-9]{4}", entry.name)
    }


def profile_lag_years() -> int | None:
    """Seed program_parameters' profile_lag_years (None without the seed)."""
    seed = paths.PROJECT_ROOT / "seeds" / "program_parameters.csv"
    if not seed.is_file():
        return None
    with seed.open(encoding=UTF8, newline="") as handle:
        for row in csv.DictReader(handle):
            if row["parameter_code"] == "profile_lag_years":
                return int(float(row["value_numeric"]))
    return None


def missing_year_folders(raw_dir: Path) -> list[Problem]:
    """Years some feeds have and another lacks, which dbt would build from part
    of their feeds: within a group of feeds (contract `year_group`) every feed
    has the same years; budget years are programme (service) years; and every
    programme year has its profile year (programme year - profile_lag_years)."""
    yearly = [c for c in FEEDS if c.yearly and (raw_dir / c.folder).is_dir()]
    years = {c.folder: year_folders(raw_dir, c) for c in yearly}
    groups: dict[str, set[str]] = {}
    for contract in yearly:
        groups.setdefault(contract.year_group or "", set()).update(
            years[contract.folder]
        )
    lag = profile_lag_years()
    required = dict(groups)
    if SERVICES in groups:
        services = groups[SERVICES]
        if lag is not None and PROFILES in groups:
            required[PROFILES] = groups[PROFILES] | {
                str(int(year) - lag) for year in services
            }
    problems = []
    for contract in yearly:
        for year in sorted(
            required[contract.year_group or ""] - years[contract.folder]
        ):
            having = [
                c.folder
                for c in yearly
                if c.year_group == contract.year_group and year in years[c.folder]
            ]
            why = (
                f"{', '.join(having)} {'has' if len(having) == 1 else 'have'} {year}"
                if having
                else f"programme year {int(year) + (lag or 0)} is profiled with "
                f"fiscal year {year} (seed program_parameters, profile_lag_years)"
            )
            problems.append(
                Problem(
                    f"{contract.folder}/{year}/{contract.file_name(year)}",
                    f"year folder {year}/ is missing, but {why}",
                )
            )
        if contract.year_group == BUDGET and SERVICES in groups:
            for year in sorted(years[contract.folder] - groups[SERVICES]):
                problems.append(
                    Problem(
                        f"{contract.folder}/{year}/",
                        f"no service feed has year {year}: budget without "
                        "services (a stray or misnamed year folder?)",
                    )
                )
    return problems


# --- one file --------------------------------------------------------------------


def check_file(
    path: Path,
    contract: FeedContract,
    connection: duckdb.DuckDBPyConnection,
    year: str | None = None,
) -> list[str]:
    """The faults of one file, as messages (empty when the file is good)."""
    try:
        return _check_file(path, contract, connection, year)
    except FileFault as fault:
        return [str(fault)]
    except Exception as error:  # never a traceback: name the file and the error
        first_line = str(error).strip().splitlines()[0] if str(error) else ""
        return [f"could not be read ({type(error).__name__}: {first_line})"]


def _check_file(
    path: Path,
    contract: FeedContract,
    connection: duckdb.DuckDBPyConnection,
    year: str | None,
) -> list[str]:
    if path.stat().st_size == 0:
        raise FileFault("empty file (0 bytes, no header)")
    header_bytes = read_first_line(path)
    header = decode_header(header_bytes, contract)
    columns = check_header(header, contract)
    check_last_line(path, contract, len(columns))
    if contract.encoding == LATIN1:
        # Latin-1 never fails to decode: look at the bytes for UTF-8 evidence.
        check_encoding(scan_body(path, expect_utf8=False), contract)
    # DuckDB's reader validates UTF-8 as it goes: the byte-level scan of a UTF-8
    # feed runs only when it fails, to tell a wrong encoding from a stray byte.
    return scan_values(connection, path, contract, columns, year)


def read_first_line(path: Path) -> bytes:
    with path.open("rb") as handle:
        first = handle.readline(1024 * 1024)
    if first.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in first:
        raise FileFault("wrong encoding: the file is UTF-16 (expected UTF-8/Latin-1)")
    first = first.removeprefix(b"\xef\xbb\xbf")
    if not first.strip():
        raise FileFault("empty file (the first line, the header, is blank)")
    return first.rstrip(b"\r\n")


def decode_header(header: bytes, contract: FeedContract) -> str:
    if contract.encoding == LATIN1:
        if not header.isascii() and is_utf8(header):
            raise FileFault(
                "wrong encoding: the file is UTF-8, the contract says Latin-1 "
                "(ISO-8859-1)"
            )
        return header.decode(LATIN1)
    try:
        return header.decode(UTF8)
    except UnicodeDecodeError as error:
        raise FileFault(
            "wrong encoding: the header is not valid UTF-8 "
            "(saved as Latin-1/Windows-1252?)"
        ) from error


def is_utf8(data: bytes) -> bool:
    try:
        data.decode(UTF8)
    except UnicodeDecodeError:
        return False
    return True


def split_line(line: str, delimiter: str, quoted: bool = True) -> list[str]:
    """The fields of one CSV line (quotes respected when the feed uses them)."""
    if not quoted:
        return line.split(delimiter)
    return next(csv.reader([line], delimiter=delimiter, quotechar='"'), [])


def check_header(header: str, contract: FeedContract) -> list[str]:
    """The header's columns; raise on a wrong delimiter or a column mismatch."""
    fields = [
        name.strip() for name in split_line(header, contract.delimiter, contract.quoted)
    ]
    if contract.trailing_delimiter and fields and fields[-1] == "":
        fields = fields[:-1]
    expected = list(contract.columns)
    if len(fields) <= 1 < len(expected):
        for other in CANDIDATE_DELIMITERS:
            if other != contract.delimiter and len(header.split(other)) > 1:
                raise FileFault(
                    f"wrong delimiter: the header is split by "
                    f"{DELIMITER_NAMES[other]}, the contract says "
                    f"{DELIMITER_NAMES[contract.delimiter]}"
                )
    found_keys = [name.upper() for name in fields]
    expected_keys = [name.upper() for name in expected]
    missing = [n for n in expected if n.upper() not in found_keys]
    extra = [n for n in fields if n.upper() not in expected_keys]
    messages = [f"missing required column '{name}'" for name in missing]
    messages += [f"unknown extra column '{name}'" for name in extra]
    if not messages and found_keys != expected_keys:
        messages.append("columns out of order (expected " + ", ".join(expected) + ")")
    if messages:
        raise FileFault("; ".join(messages))
    return fields


def scan_body(path: Path, expect_utf8: bool) -> BodyScan:
    """One chunked pass over the bytes: line counts and encoding evidence."""
    scan = BodyScan()
    line_number = 0  # lines before the current block (the header is line 1)
    carry = b""
    last_byte = b""
    with path.open("rb") as handle:
        while True:
            chunk = handle.read(CHUNK_BYTES)
            if chunk:
                last_byte = chunk[-1:]
            data = carry + chunk
            if chunk:
                cut = data.rfind(b"\n") + 1
                block, carry = data[:cut], data[cut:]
            else:
                block, carry = data, b""
            if block:
                scan_block(block, line_number, expect_utf8, scan)
                line_number += block.count(b"\n") + (0 if block.endswith(b"\n") else 1)
            if not chunk:
                break
    scan.ends_with_newline = last_byte == b"\n"
    scan.data_lines = max(line_number - 1, 0)
    # Blank trailing lines are not data.
    return scan


def scan_block(
    block: bytes, first_line: int, expect_utf8: bool, scan: BodyScan
) -> None:
    if b"\x00" in block:
        scan.has_nul = True
    if block.isascii():
        return
    if not expect_utf8:
        # Latin-1 never fails to decode; weigh the evidence instead: bytes of
        # valid multi-byte UTF-8 characters against bytes that are not UTF-8.
        text = block.decode(UTF8, errors="replace")
        scan.utf8_evidence += len(block) - len(text)
        scan.latin1_evidence += text.count("\ufffd")
        return
    if is_utf8(block):
        return
    # Slow path, only for blocks with invalid UTF-8: find the lines.
    for offset, line in enumerate(block.split(b"\n")):
        if not line.isascii() and not is_utf8(line):
            scan.invalid_utf8_lines += 1
            if not scan.first_invalid_utf8_line:
                scan.first_invalid_utf8_line = first_line + offset + 1


def check_encoding(scan: BodyScan, contract: FeedContract) -> None:
    if scan.has_nul:
        raise FileFault("wrong encoding: NUL bytes (a UTF-16 or binary file?)")
    if contract.encoding == LATIN1:
        # Latin-1 accents are (almost) never valid UTF-8 sequences: a padrón whose
        # non-ASCII text mostly decodes as UTF-8 was delivered in UTF-8.
        if scan.utf8_evidence > scan.latin1_evidence:
            raise FileFault(
                "wrong encoding: the file is UTF-8, the contract says Latin-1 "
                "(ISO-8859-1)"
            )
        return
    lines = max(scan.data_lines, 1)
    invalid = scan.invalid_utf8_lines
    if invalid > INVALID_UTF8_MAX_LINES or (
        invalid > 1 and invalid / lines > INVALID_UTF8_MAX_SHARE
    ):
        raise FileFault(
            f"wrong encoding: {invalid} lines are not valid UTF-8 "
            f"(first: line {scan.first_invalid_utf8_line}); saved as "
            "Latin-1/Windows-1252?"
        )
    if invalid and not STAGING_QUARANTINES_INVALID_UTF8:
        raise FileFault(
            f"line {scan.first_invalid_utf8_line}: invalid UTF-8 byte "
            f"({invalid} line(s)); fix the byte or re-export the file as UTF-8"
        )


def read_last_line(path: Path) -> tuple[int, bytes]:
    """The last non-blank line of a file and its 1-based line number from the end."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        handle.seek(max(size - TAIL_BYTES, 0))
        tail = handle.read()
    lines = tail.rstrip(b"\r\n").split(b"\n")
    return len(lines), lines[-1].rstrip(b"\r")


def check_last_line(path: Path, contract: FeedContract, width: int) -> None:
    _, last = read_last_line(path)
    text = last.decode(contract.encoding, errors="replace")
    if contract.quoted and text.count('"') % 2 == 1:
        raise FileFault("truncated last line: unterminated quote")
    fields = split_line(text, contract.delimiter, contract.quoted)
    if contract.trailing_delimiter and fields and fields[-1] == "":
        fields = fields[:-1]
    if len(fields) < width:
        raise FileFault(
            f"truncated last line: {len(fields)} fields, the header has {width}"
        )


# --- values (DuckDB's CSV reader) ------------------------------------------------


def sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def read_csv_sql(
    path: Path, contract: FeedContract, columns: list[str], lenient: bool
) -> str:
    names = list(columns) + (["_trailing"] if contract.trailing_delimiter else [])
    struct = ", ".join(f"{sql_literal(n)}: 'VARCHAR'" for n in names)
    options = [
        f"delim = {sql_literal(contract.delimiter)}",
        "header = true",
        "auto_detect = false",
        "quote = '\"'" if contract.quoted else "quote = ''",
        "escape = '\"'" if contract.quoted else "escape = ''",
        f"columns = {{{struct}}}",
        f"encoding = {sql_literal(contract.encoding)}",
    ]
    if lenient:
        options.append("ignore_errors = true")
    return f"read_csv({sql_literal(str(path))}, {', '.join(options)})"


def scan_values(
    connection: duckdb.DuckDBPyConnection,
    path: Path,
    contract: FeedContract,
    columns: list[str],
    year: str | None = None,
) -> list[str]:
    """Field counts and encoding of every line, locale number formats, and
    whether any row is for the year of the file's folder."""
    numeric_names = {n.upper() for n in contract.numeric_columns}
    numeric = [c for c in columns if c.upper() in numeric_names]
    wanted = (contract.year_column or "").upper() if year else ""
    year_column = next((c for c in columns if c.upper() == wanted), None)
    # Every column is read (a count of each), so that DuckDB validates every
    # field's bytes, not only those of the numeric columns.
    selects = ["count(*)"]
    selects += [f"count({quote_identifier(name)})" for name in columns]
    for name in numeric:
        quoted = quote_identifier(name)
        match = f"regexp_full_match(trim({quoted}), {sql_literal(THOUSANDS_PATTERN)})"
        selects.append(f"count(*) filter (where {match})")
        selects.append(f"arg_min({quoted}, ordinality) filter (where {match})")
        selects.append(f"min(ordinality) filter (where {match})")
    if year_column:
        quoted = quote_identifier(year_column)
        selects.append(f"count(*) filter (where trim({quoted}) = {sql_literal(year)})")
        selects.append(f"mode(trim({quoted}))")

    def run_query(lenient: bool) -> tuple:
        source = read_csv_sql(path, contract, columns, lenient)
        query = f"select {', '.join(selects)} from {source} with ordinality"
        return connection.execute(query).fetchall()[0]

    try:
        row = run_query(lenient=False)
    except duckdb.Error as error:
        if not is_encoding_error(str(error)):
            return broken_lines(path, contract, columns) or [
                describe_csv_error(str(error), contract, columns)
            ]
        # Raises for a wrong encoding, or a stray byte staging cannot take.
        check_encoding(scan_body(path, expect_utf8=True), contract)
        try:
            row = run_query(lenient=True)  # stray bytes: staging's row faults
        except duckdb.Error as second:
            return [describe_csv_error(str(second), contract, columns)]
    if row[0] == 0:
        raise FileFault("header only, no data rows")
    messages = []
    first = 1 + len(columns)
    for index, name in enumerate(numeric):
        count, example, ordinality = row[first + 3 * index : first + 3 * index + 3]
        if count:
            # The header is line 1: data row n is line n + 1.
            messages.append(
                f"line {ordinality + 1}, column '{name}': number in a locale "
                f"format ('{example}'; {count} value(s) in this column): numbers "
                "must use '.' for decimals and no thousands separator; "
                "re-export the file"
            )
    if year_column:
        in_year, most_common = row[first + 3 * len(numeric) :]
        if not in_year:
            messages.append(
                f"column '{year_column}': no row is for {year}, the year of "
                f"its folder (most rows say '{most_common}'): the file of "
                "another fiscal year, delivered in the wrong folder?"
            )
    return messages


def broken_lines(path: Path, contract: FeedContract, columns: list[str]) -> list[str]:
    """Every line whose field count is not the header's, each named as it is
    (at most BROKEN_LINES_NAMED, then how many more). Read in Python only when
    DuckDB's reader has failed, so it costs nothing on a good file."""
    found: list[str] = []
    for line_number, fields in data_records(path, contract):
        message = field_count_fault(fields, contract, columns)
        if message:
            found.append(f"line {line_number}: {message}")
    if len(found) > BROKEN_LINES_NAMED:
        more = len(found) - BROKEN_LINES_NAMED
        found = [*found[:BROKEN_LINES_NAMED], f"and {more} more broken line(s)"]
    return found


def data_records(path: Path, contract: FeedContract) -> Iterator[tuple[int, list[str]]]:
    """(first line number, fields) of every non-blank data record."""
    with path.open(encoding=contract.encoding, errors="replace", newline="") as handle:
        if not contract.quoted:
            for number, line in enumerate(handle, start=1):
                text = line.rstrip("\r\n")
                if number > 1 and text:
                    yield number, text.split(contract.delimiter)
            return
        reader = csv.reader(handle, delimiter=contract.delimiter, quotechar='"')
        start = 1
        for fields in reader:
            if start > 1 and fields:
                yield start, fields
            start = reader.line_num + 1


def field_count_fault(
    fields: list[str], contract: FeedContract, columns: list[str]
) -> str | None:
    """What is wrong with one record's field count, or None."""
    width = len(columns)
    if contract.trailing_delimiter:
        if len(fields) == width + 1 and fields[-1] == "":
            return None
        if len(fields) == width:
            return (
                f"no final '{contract.delimiter}' (its {width} fields are all "
                f"there; every line of this feed ends with '{contract.delimiter}')"
            )
        count = len(fields) - 1 if fields[-1] == "" else len(fields)
        return f"{count} fields, the header has {width}"
    if len(fields) == width:
        return None
    line = contract.delimiter.join(fields)
    if thousands_split(line, contract, columns):
        return (
            "a number in a locale format in a numeric column splits the value "
            "into two fields: numbers must use '.' for decimals and no "
            "thousands separator"
        )
    return f"{len(fields)} fields, the header has {width}"


def quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def is_encoding_error(message: str) -> bool:
    lowered = message.lower()
    return "unicode" in lowered or "encod" in lowered


def describe_csv_error(message: str, contract: FeedContract, columns: list[str]) -> str:
    """One plain line for a DuckDB CSV error (never its multi-line internals)."""
    line_match = re.search(r"CSV Error on Line: (\d+)", message)
    where = f"line {line_match.group(1)}: " if line_match else ""
    if "unterminated quote" in message:
        return f"{where}unterminated quote"
    count_match = re.search(r"Expected Number of Columns: (\d+) Found: (\d+)", message)
    if count_match:
        original = re.search(r"Original Line: (.*)", message)
        if original and thousands_split(original.group(1), contract, columns):
            return (
                f"{where}thousands separator in a numeric column splits the value "
                "into two fields: numbers must use '.' for decimals and no grouping"
            )
        found = int(count_match.group(2)) - int(contract.trailing_delimiter)
        return f"{where}{found} fields, the header has {len(columns)}"
    if "unicode" in message.lower() or "encoding" in message.lower():
        return f"{where}wrong encoding: not valid {contract.encoding.upper()}"
    first = message.strip().splitlines()[0] if message.strip() else "unknown error"
    return f"{where}unreadable CSV ({first})"


def thousands_split(line: str, contract: FeedContract, columns: list[str]) -> bool:
    """True when gluing two fields at a numeric column gives a grouped number."""
    fields = split_line(line, contract.delimiter, contract.quoted)
    numeric = {n.upper() for n in contract.numeric_columns}
    for index, name in enumerate(columns):
        if name.upper() in numeric and index + 1 < len(fields):
            glued = fields[index] + contract.delimiter + fields[index + 1]
            if THOUSANDS_RE.fullmatch(glued.strip()):
                return True
    return False


# --- the command -----------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--raw-dir",
        type=Path,
        default=None,
        help="raw feeds directory (default: PP0093_RAW_DIR or data/raw)",
    )


def run(args: argparse.Namespace) -> int:
    raw_dir = args.raw_dir or paths.raw_dir()
    started = time.perf_counter()
    try:
        problems, checked, total_bytes = check_raw_dir(raw_dir)
    except Exception as error:  # never a traceback
        print(f"check-raw: {raw_dir}: could not be checked ({error})", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started
    for hidden in hidden_entries(raw_dir) if raw_dir.is_dir() else []:
        print(f"check-raw: note: {hidden}: hidden, skipped (dbt does not read it)")
    for problem in problems:
        print(f"check-raw: {problem}", file=sys.stderr)
    if problems:
        print(
            f"check-raw: {len(problems)} file problem(s) in {raw_dir}; "
            "fix or replace the files named above (nothing was built)",
            file=sys.stderr,
        )
        return 2
    print(
        f"check-raw: {checked} files OK ({total_bytes / 1e6:,.1f} MB in "
        f"{elapsed:.1f} s)"
    )
    return 0
