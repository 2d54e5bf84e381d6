"""Documentation and primary-key test coverage, measured on dbt's artifacts.

Reads `manifest.json` (what the project declares) and `catalog.json` (what the
database actually holds, written by `dbt docs generate`) from a dbt target
directory and checks that:

- every model, seed and source of the project has a description;
- every physical column of each of them (as the catalog lists it, not only
  the columns declared in YAML) has a description;
- every model has a primary-key test: `unique` and `not_null` on the same
  column, or a generic test on a combination of columns (any test whose name
  reads like `unique_combination_of_columns`, so our own generic tests under
  tests/generic/ count whatever they are called).

Sources that dbt-duckdb reads in place from files (`external_location`) are
not tables, so the catalog does not list them: their physical columns are
those DuckDB reads from the files (`describe` of the source's relation, the
`read_csv(...)` expression). A node that cannot be measured either way (not
built, files missing) is checked on its YAML columns and listed as such.

`pp0093 doccheck` prints the coverage and every gap; it exits 1 when there is
a gap unless `--warn-only` is given.
"""

from __future__ import annotations

import argparse
import json
import os
import re
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from pp0093 import paths
from pp0093.dbt_runner import DbtSandbox

CHECKED_RESOURCE_TYPES = ("model", "seed", "source")

# Generic tests that assert a combination of columns is unique: dbt_utils'
# name and the names our own tests/generic/ may use.
COMBINATION_TEST_PATTERN = re.compile(r"unique.*(combination|columns)")


@dataclass(frozen=True)
class Gap:
    """One thing missing, on one node (and one column, when it is a column)."""

    unique_id: str
    kind: str
    column: str | None = None

    def __str__(self) -> str:
        if self.column is None:
            return f"{self.kind}: {self.unique_id}"
        return f"{self.kind}: {self.unique_id}.{self.column}"


@dataclass
class Tally:
    """How many of a kind of thing were checked and how many passed."""

    checked: int = 0
    passed: int = 0

    def count(self, ok: bool) -> None:
        self.checked += 1
        self.passed += int(ok)

    @property
    def pct(self) -> float:
        return 100.0 if self.checked == 0 else 100.0 * self.passed / self.checked


@dataclass
class CoverageReport:
    """The tallies by kind, and every gap found."""

    tallies: dict[str, Tally] = field(default_factory=dict)
    gaps: list[Gap] = field(default_factory=list)
    not_in_catalog: list[str] = field(default_factory=list)

    def tally(self, kind: str) -> Tally:
        return self.tallies.setdefault(kind, Tally())

    @property
    def is_complete(self) -> bool:
        return not self.gaps

    def summary_lines(self) -> list[str]:
        lines = ["Documentation and primary-key test coverage:"]
        for kind, tally in self.tallies.items():
            lines.append(
                f"  {kind:<26} {tally.passed:>5} / {tally.checked:<5} "
                f"{tally.pct:6.1f} %"
            )
        if self.not_in_catalog:
            lines.append(
                f"Not in the catalog (checked on their YAML columns only): "
                f"{len(self.not_in_catalog)}"
            )
            lines.extend(f"  {unique_id}" for unique_id in self.not_in_catalog)
        if self.gaps:
            lines.append(f"Gaps: {len(self.gaps)}")
            lines.extend(f"  {gap}" for gap in self.gaps)
        else:
            lines.append("No gaps.")
        return lines


def load_artifact(target_path: Path, name: str) -> dict:
    """A JSON artifact of the target directory (manifest.json, catalog.json)."""
    path = target_path / name
    if not path.is_file():
        raise FileNotFoundError(
            f"{path} does not exist: run `dbt docs generate` (`make docs`) first"
        )
    return json.loads(path.read_text(encoding="utf-8"))


def has_text(value: str | None) -> bool:
    return bool(value and value.strip())


def project_nodes(manifest: dict, project_name: str) -> dict[str, dict]:
    """Models, seeds and sources of the project (not of installed packages)."""
    nodes = {**manifest.get("nodes", {}), **manifest.get("sources", {})}
    return {
        unique_id: node
        for unique_id, node in sorted(nodes.items())
        if node.get("resource_type") in CHECKED_RESOURCE_TYPES
        and node.get("package_name") == project_name
    }


def catalog_columns(catalog: dict, unique_id: str) -> list[str] | None:
    """Physical column names of a node, in table order; None if not cataloged."""
    entries = {**catalog.get("nodes", {}), **catalog.get("sources", {})}
    entry = entries.get(unique_id)
    if entry is None:
        return None
    columns = entry.get("columns", {}).values()
    return [column["name"] for column in sorted(columns, key=lambda c: c["index"])]


def external_source_columns(node: dict) -> list[str] | None:
    """Columns DuckDB reads from a source's files; None if not a file source
    or its files cannot be read."""
    meta = {**node.get("meta", {}), **node.get("config", {}).get("meta", {})}
    relation = node.get("relation_name") or ""
    if node["resource_type"] != "source" or "external_location" not in meta:
        return None
    try:
        with closing(duckdb.connect()) as connection:
            rows = connection.execute(f"describe select * from {relation}").fetchall()
    except duckdb.Error:
        return None
    return [row[0] for row in rows]


def is_ephemeral(node: dict) -> bool:
    return node.get("config", {}).get("materialized") == "ephemeral"


def check_descriptions(
    unique_id: str, node: dict, catalog: dict, report: CoverageReport
) -> None:
    """Description of the node and of each of its columns."""
    kind = node["resource_type"]
    node_ok = has_text(node.get("description"))
    report.tally(f"{kind}s described").count(node_ok)
    if not node_ok:
        report.gaps.append(Gap(unique_id, f"{kind} without a description"))
    if kind == "source" and not has_text(node.get("source_description")):
        # The source (system) level text, shown above its tables in the docs.
        report.gaps.append(Gap(unique_id, "source system without a description"))

    declared = {
        name.lower(): column.get("description")
        for name, column in node.get("columns", {}).items()
    }
    physical = catalog_columns(catalog, unique_id)
    if physical is None:
        physical = external_source_columns(node)
    if physical is None:
        if not is_ephemeral(node):
            report.not_in_catalog.append(unique_id)
        physical = list(node.get("columns", {}))
    for column in physical:
        column_ok = has_text(declared.get(column.lower()))
        report.tally("columns described").count(column_ok)
        if not column_ok:
            report.gaps.append(
                Gap(unique_id, f"{kind} column without a description", column)
            )


def primary_key_tests(manifest: dict) -> dict[str, set[str]]:
    """For each model: the columns with both unique and not_null tests, plus
    `*combination*` for a unique-combination test."""
    tests_by_model: dict[str, dict[str, set[str]]] = {}
    for node in manifest.get("nodes", {}).values():
        if node.get("resource_type") != "test":
            continue
        metadata = node.get("test_metadata") or {}
        test_name = metadata.get("name", "")
        model_id = node.get("attached_node") or next(
            iter(node.get("depends_on", {}).get("nodes", [])), None
        )
        if not model_id:
            continue
        by_column = tests_by_model.setdefault(model_id, {})
        if COMBINATION_TEST_PATTERN.search(test_name):
            by_column.setdefault("*combination*", set()).add("combination")
            continue
        column = node.get("column_name") or metadata.get("kwargs", {}).get(
            "column_name"
        )
        if column and test_name in {"unique", "not_null"}:
            by_column.setdefault(column.lower(), set()).add(test_name)
    return {
        model_id: {
            column
            for column, names in by_column.items()
            if column == "*combination*" or {"unique", "not_null"} <= names
        }
        for model_id, by_column in tests_by_model.items()
    }


def check_primary_key(
    unique_id: str, node: dict, keys: dict[str, set[str]], report: CoverageReport
) -> None:
    if node["resource_type"] != "model":
        return
    ok = bool(keys.get(unique_id))
    report.tally("models with a PK test").count(ok)
    if not ok:
        report.gaps.append(Gap(unique_id, "model without a primary-key test"))


def check_coverage(manifest: dict, catalog: dict) -> CoverageReport:
    """The coverage of the project's models, seeds and sources."""
    project_name = manifest.get("metadata", {}).get("project_name") or "pp0093"
    report = CoverageReport()
    for kind in CHECKED_RESOURCE_TYPES:
        report.tally(f"{kind}s described")
    report.tally("columns described")
    report.tally("models with a PK test")
    keys = primary_key_tests(manifest)
    for unique_id, node in project_nodes(manifest, project_name).items():
        check_descriptions(unique_id, node, catalog, report)
        check_primary_key(unique_id, node, keys, report)
    return report


def check_target(target_path: Path) -> CoverageReport:
    """The coverage measured on the artifacts of a dbt target directory."""
    return check_coverage(
        load_artifact(target_path, "manifest.json"),
        load_artifact(target_path, "catalog.json"),
    )


def default_target_path() -> Path:
    """dbt's target directory: DBT_TARGET_PATH, as for dbt, else target/."""
    value = os.environ.get("DBT_TARGET_PATH")
    return Path(value) if value else paths.PROJECT_ROOT / "target"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--target-path",
        type=Path,
        default=default_target_path(),
        help="dbt target directory holding manifest.json and catalog.json "
        "(default: $DBT_TARGET_PATH, else target/)",
    )
    parser.add_argument(
        "--warn-only",
        action="store_true",
        help="print the gaps but exit 0 (what `make docs` does)",
    )


def run(args: argparse.Namespace) -> int:
    report = check_target(args.target_path)
    print("\n".join(report.summary_lines()))
    return 0 if report.is_complete or args.warn_only else 1


def generate_docs(sandbox: DbtSandbox) -> Path:
    """`dbt docs generate --static` in a sandbox, once; its static index page.

    Writes manifest.json, catalog.json and static_index.html (the site in one
    file, manifest and catalog embedded) into the sandbox's target directory.
    Several tests share one session build, so the docs are generated only if
    the page is not there yet.
    """
    index = sandbox.target_path / "static_index.html"
    if not index.is_file():
        sandbox.run_dbt(["docs", "generate", "--static"])
    return index
