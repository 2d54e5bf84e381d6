"""`pp0093 yearcheck`: no programme year written into model, macro or test SQL.

A new programme year must need only raw files and seed rows, so the SQL that
builds and tests the warehouse takes its years from the data, the seeds or
vars. This check reads every `.sql` file under the given paths and reports
each four-digit year (1900-2099) outside comments (`--`, `/* */`, `{# #}`)
with its file, line and column. A year inside a string literal counts: a
string is logic too; a hexadecimal code point (`\\x{2028}`) is not a year.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# A regex escape of a code point (`\x{2028}`) is hex, not a year.
YEAR = re.compile(r"(?<![\w.])(?<!\\x\{)(?:19|20)\d{2}(?![\w.])")
# comment openers and their closers; a quote opens a string literal
COMMENTS = {"--": "\n", "/*": "*/", "{#": "#}"}
QUOTES = ("'", '"')
DEFAULT_PATHS = ("models", "macros", "tests")
# dbt projects used as test fixtures hold sample rows, not the project's logic
EXCLUDED_DIRS = ("fixtures", "python")


@dataclass(frozen=True)
class Finding:
    path: Path
    line: int
    column: int
    year: str

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}:{self.column}: year literal {self.year} "
            "(take years from the data, a seed or a var)"
        )


def blank_comments(sql: str) -> str:
    """The text with every comment replaced by spaces (newlines kept)."""
    out: list[str] = []
    i = 0
    while i < len(sql):
        pair = sql[i : i + 2]
        if pair in COMMENTS:
            end = sql.find(COMMENTS[pair], i + 2)
            end = len(sql) if end < 0 else end + len(COMMENTS[pair])
            out.append(re.sub(r"[^\n]", " ", sql[i:end]))
            i = end
        elif sql[i] in QUOTES:
            end = sql.find(sql[i], i + 1)
            end = len(sql) if end < 0 else end + 1
            out.append(sql[i:end])
            i = end
        else:
            out.append(sql[i])
            i += 1
    return "".join(out)


def find_years(path: Path) -> Iterator[Finding]:
    code = blank_comments(path.read_text(encoding="utf-8"))
    for number, line in enumerate(code.splitlines(), start=1):
        for match in YEAR.finditer(line):
            yield Finding(path, number, match.start() + 1, match.group())


def sql_files(roots: list[Path]) -> Iterator[Path]:
    for root in roots:
        if root.is_file():
            yield root
            continue
        for path in sorted(root.rglob("*.sql")):
            relative = path.relative_to(root).parts[:-1]
            if not any(part in EXCLUDED_DIRS for part in relative):
                yield path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        default=[Path(p) for p in DEFAULT_PATHS],
        help="files or directories to check (default: models macros tests; "
        "directories named fixtures or python are skipped)",
    )


def run(args: argparse.Namespace) -> int:
    roots = [Path(p) for p in args.paths]
    missing = [str(p) for p in roots if not p.exists()]
    if missing:
        print(f"pp0093 yearcheck: no such path: {', '.join(missing)}", file=sys.stderr)
        return 2
    findings = [f for path in sql_files(roots) for f in find_years(path)]
    for finding in findings:
        print(finding, file=sys.stderr)
    if findings:
        print(f"yearcheck: {len(findings)} year literal(s) in SQL", file=sys.stderr)
        return 1
    print("yearcheck: no year literals in SQL")
    return 0
