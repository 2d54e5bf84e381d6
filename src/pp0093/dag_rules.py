"""The project's DAG, testing, documentation and structure rules, computed
from dbt's manifest.

The rules are those of the dbt-project-evaluator package (modelling, testing,
documentation, structure, governance), written here in Python against
`manifest.json` because hub packages cannot be installed on the build
machines; the names are the package's, so its documentation explains each.
The naming and directory rules follow STYLE.md.

An exception is declared on the node that breaks the rule, in its YAML:

    meta:
      evaluator_exceptions:
        - rule: root_models
          reason: the time spine is generated from a date range, not read

An exception without a reason, for a rule that does not exist, or for a rule
the node no longer breaks is itself a finding (`exception_problems`), so the
list cannot keep stale entries.

`pp0093 dag-rules` prints every violation, excepted ones included, and exits
1 on a violation without an exception or on a bad exception.
"""

from __future__ import annotations

import argparse
import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from pp0093 import paths


@dataclass(frozen=True)
class Thresholds:
    """Every threshold the rules use, in one place (the evaluator's defaults,
    except too_many_joins: more than 6 direct parents, seeds counting)."""

    # too_many_joins: direct parents (models, seeds, sources) a model may have
    max_direct_parents: int = 6
    # model_fanout: leaf models a model may feed directly
    max_leaf_children: int = 3
    # source_fanout: models a source table may feed directly
    max_source_children: int = 1
    # multiple_sources_joined: source tables one model may read
    max_sources_per_model: int = 1


THRESHOLDS = Thresholds()

EXCEPTIONS_KEY = "evaluator_exceptions"

# Layers, from the model's directory (STYLE.md's layout).
STAGING, BASE, INTERMEDIATE, MARTS, OTHER = (
    "staging",
    "base",
    "intermediate",
    "marts",
    "other",
)
LAYER_PREFIXES: dict[str, tuple[str, ...]] = {
    STAGING: ("stg_",),
    BASE: ("base_",),
    INTERMEDIATE: ("int_",),
    MARTS: ("dim_", "fct_", "ind_", "rpt_"),
}
# Generic tests that assert a combination of columns is unique, whatever our
# own tests/generic/ call them.
COMBINATION_TEST_PATTERN = re.compile(r"unique.*(combination|columns)")


@dataclass(frozen=True)
class Violation:
    rule: str
    unique_id: str
    detail: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.unique_id}: {self.detail}"


@dataclass(frozen=True)
class Node:
    """What the rules need of a model, seed or source."""

    unique_id: str
    resource_type: str
    name: str
    path: str
    parents: tuple[str, ...]
    meta: dict
    description: str = ""
    source_description: str = ""
    access: str = "protected"
    contract_enforced: bool = False
    # Columns (lower case) with a not_null constraint; enforced only when
    # the contract is.
    not_null_constrained: frozenset[str] = frozenset()

    @property
    def layer(self) -> str:
        parts = self.path.split("/")
        if parts[:2] == ["models", "staging"]:
            return BASE if "base" in parts[3:-1] else STAGING
        if parts[:2] == ["models", "intermediate"]:
            return INTERMEDIATE
        if parts[:2] == ["models", "marts"]:
            return MARTS
        return OTHER


class Project:
    """The project's models, seeds, sources, tests and exposures, with each
    model's and source's direct parents and children."""

    def __init__(self, manifest: dict, thresholds: Thresholds = THRESHOLDS) -> None:
        self.thresholds = thresholds
        name = manifest.get("metadata", {}).get("project_name") or "pp0093"
        everything = {**manifest.get("nodes", {}), **manifest.get("sources", {})}
        self.nodes = {
            unique_id: to_node(unique_id, node)
            for unique_id, node in sorted(everything.items())
            if node.get("resource_type") in ("model", "seed", "source")
            and node.get("package_name", name) == name
        }
        self.tests = [
            node
            for node in manifest.get("nodes", {}).values()
            if node.get("resource_type") == "test"
        ]
        self.exposures = list(manifest.get("exposures", {}).values())
        self.children: dict[str, list[str]] = {uid: [] for uid in self.nodes}
        for node in self.nodes.values():
            for parent in node.parents:
                if parent in self.children and node.resource_type == "model":
                    self.children[parent].append(node.unique_id)

    def of_type(self, resource_type: str) -> list[Node]:
        return [n for n in self.nodes.values() if n.resource_type == resource_type]

    def parents_of_type(self, node: Node, resource_type: str) -> list[str]:
        return [
            parent
            for parent in node.parents
            if parent in self.nodes
            and self.nodes[parent].resource_type == resource_type
        ]


def merged_meta(node: dict) -> dict:
    return {**node.get("meta", {}), **node.get("config", {}).get("meta", {})}


def to_node(unique_id: str, node: dict) -> Node:
    config = node.get("config", {})
    return Node(
        unique_id=unique_id,
        resource_type=node["resource_type"],
        name=node["name"],
        path=str(node.get("original_file_path", "")),
        parents=tuple(dict.fromkeys(node.get("depends_on", {}).get("nodes", []))),
        meta=merged_meta(node),
        description=node.get("description") or "",
        source_description=node.get("source_description") or "",
        access=node.get("access") or config.get("access") or "protected",
        contract_enforced=bool((config.get("contract") or {}).get("enforced")),
        not_null_constrained=frozenset(
            name.lower()
            for name, column in (node.get("columns") or {}).items()
            if any(
                constraint.get("type") == "not_null"
                for constraint in column.get("constraints") or []
            )
        ),
    )


def short(unique_id: str) -> str:
    """`model.pp0093.dim_x` -> `dim_x`; `source.pp0093.itp.itp_cite` ->
    `itp.itp_cite`."""
    return ".".join(unique_id.split(".")[2:])


# Modelling


def direct_join_to_source(project: Project) -> Iterable[Violation]:
    for node in project.of_type("model"):
        sources = project.parents_of_type(node, "source")
        models = project.parents_of_type(node, "model")
        if sources and models:
            yield Violation(
                "direct_join_to_source",
                node.unique_id,
                f"reads source {', '.join(map(short, sources))} "
                f"and model {', '.join(map(short, models))}",
            )


def marts_or_intermediate_dependent_on_source(
    project: Project,
) -> Iterable[Violation]:
    for node in project.of_type("model"):
        sources = project.parents_of_type(node, "source")
        if node.layer in (INTERMEDIATE, MARTS) and sources:
            yield Violation(
                "marts_or_intermediate_dependent_on_source",
                node.unique_id,
                f"{node.layer} model reads source {', '.join(map(short, sources))}",
            )


def is_leaf(project: Project, unique_id: str) -> bool:
    return not project.children.get(unique_id)


def model_fanout(project: Project) -> Iterable[Violation]:
    limit = project.thresholds.max_leaf_children
    for node in project.of_type("model"):
        leaves = [c for c in project.children[node.unique_id] if is_leaf(project, c)]
        if len(leaves) > limit:
            yield Violation(
                "model_fanout",
                node.unique_id,
                f"{len(leaves)} leaf children (more than {limit}): "
                f"{', '.join(map(short, leaves))}",
            )


def multiple_sources_joined(project: Project) -> Iterable[Violation]:
    limit = project.thresholds.max_sources_per_model
    for node in project.of_type("model"):
        sources = project.parents_of_type(node, "source")
        if len(sources) > limit:
            listed = ", ".join(map(short, sources))
            yield Violation(
                "multiple_sources_joined", node.unique_id, f"reads {listed}"
            )


def rejoining_of_upstream_concepts(project: Project) -> Iterable[Violation]:
    """A -> B -> C and A -> C, where C is B's only child: B can fold into C."""
    for child in project.of_type("model"):
        parents = set(child.parents)
        for middle_id in child.parents:
            middle = project.nodes.get(middle_id)
            if middle is None or middle.resource_type != "model":
                continue
            if project.children[middle_id] != [child.unique_id]:
                continue
            for upstream in middle.parents:
                if upstream in parents and upstream in project.nodes:
                    yield Violation(
                        "rejoining_of_upstream_concepts",
                        child.unique_id,
                        f"{short(upstream)} -> {short(middle_id)} -> "
                        f"{child.name} and {short(upstream)} -> {child.name}; "
                        f"{short(middle_id)} has no other child",
                    )


def root_models(project: Project) -> Iterable[Violation]:
    for node in each_node_where(project, "model", lambda n: not n.parents):
        yield Violation("root_models", node.unique_id, "no parent at all")


def source_fanout(project: Project) -> Iterable[Violation]:
    limit = project.thresholds.max_source_children
    for node in project.of_type("source"):
        children = project.children[node.unique_id]
        if len(children) > limit:
            yield Violation(
                "source_fanout",
                node.unique_id,
                f"{len(children)} direct children (more than {limit}): "
                f"{', '.join(map(short, children))}",
            )


def models_reading_layers(
    project: Project, rule: str, readers: tuple[str, ...], read: tuple[str, ...]
) -> Iterable[Violation]:
    """A model of a `readers` layer with a model parent of a `read` layer."""
    for node in project.of_type("model"):
        found = [
            parent
            for parent in project.parents_of_type(node, "model")
            if node.layer in readers and project.nodes[parent].layer in read
        ]
        if found:
            yield Violation(
                rule, node.unique_id, f"reads {', '.join(map(short, found))}"
            )


def staging_dependent_on_staging(project: Project) -> Iterable[Violation]:
    return models_reading_layers(
        project, "staging_dependent_on_staging", (STAGING,), (STAGING,)
    )


def staging_dependent_on_downstream_models(project: Project) -> Iterable[Violation]:
    return models_reading_layers(
        project,
        "staging_dependent_on_downstream_models",
        (STAGING, BASE),
        (INTERMEDIATE, MARTS),
    )


def unused_sources(project: Project) -> Iterable[Violation]:
    unread = each_node_where(
        project, "source", lambda n: not project.children[n.unique_id]
    )
    for node in unread:
        yield Violation("unused_sources", node.unique_id, "no model reads it")


def too_many_joins(project: Project) -> Iterable[Violation]:
    limit = project.thresholds.max_direct_parents
    for node in project.of_type("model"):
        parents = [p for p in node.parents if p in project.nodes]
        if len(parents) > limit:
            yield Violation(
                "too_many_joins",
                node.unique_id,
                f"{len(parents)} direct parents (more than {limit}): "
                f"{', '.join(map(short, parents))}",
            )


# Testing


def tested_key_columns(project: Project) -> dict[str, set[str]]:
    """For each model: the columns checked both unique and not null, plus
    `*combination*` for a unique-combination test. A column is checked not
    null by a `not_null` test, by the model's `no_nulls` test (every column
    it does not list as nullable) or by a not_null constraint of an
    enforced contract (the database refuses the null when the model is
    built)."""
    found: dict[str, dict[str, set[str]]] = {}
    not_null_everywhere_but: dict[str, set[str]] = {}
    for test in project.tests:
        metadata = test.get("test_metadata") or {}
        test_name = metadata.get("name", "")
        model_id = test.get("attached_node") or next(
            iter(test.get("depends_on", {}).get("nodes", [])), None
        )
        if not model_id:
            continue
        by_column = found.setdefault(model_id, {})
        if COMBINATION_TEST_PATTERN.search(test_name):
            by_column.setdefault("*combination*", {"unique", "not_null"})
            continue
        kwargs = metadata.get("kwargs", {})
        if test_name == "no_nulls" and not (test.get("config") or {}).get("where"):
            not_null_everywhere_but[model_id] = {
                name.lower() for name in kwargs.get("nullable") or []
            }
            continue
        column = test.get("column_name") or kwargs.get("column_name")
        if column and test_name in ("unique", "not_null"):
            by_column.setdefault(column.lower(), set()).add(test_name)
    for model_id, by_column in found.items():
        node = project.nodes.get(model_id)
        constrained = (
            node.not_null_constrained if node and node.contract_enforced else set()
        )
        nullable = not_null_everywhere_but.get(model_id)
        for column, names in by_column.items():
            if column in constrained or (
                nullable is not None and column not in nullable
            ):
                names.add("not_null")
    return {
        model_id: {
            c for c, names in by_column.items() if {"unique", "not_null"} <= names
        }
        for model_id, by_column in found.items()
    }


def missing_primary_key_tests(project: Project) -> Iterable[Violation]:
    keys = tested_key_columns(project)
    for node in project.of_type("model"):
        if not keys.get(node.unique_id):
            yield Violation(
                "missing_primary_key_tests",
                node.unique_id,
                "no column tested unique and not_null, no unique-combination test",
            )


# Documentation (the columns are dbt-coverage's; models and seeds dbt-score's)


def each_node_where(
    project: Project, resource_type: str, breaks: Callable[[Node], bool]
) -> Iterable[Node]:
    return (node for node in project.of_type(resource_type) if breaks(node))


def undocumented_source_tables(project: Project) -> Iterable[Violation]:
    for node in each_node_where(project, "source", lambda n: not n.description.strip()):
        yield Violation("undocumented_source_tables", node.unique_id, "no description")


def undocumented_sources(project: Project) -> Iterable[Violation]:
    for node in each_node_where(
        project, "source", lambda n: not n.source_description.strip()
    ):
        yield Violation(
            "undocumented_sources", node.unique_id, "its source has no description"
        )


# Structure (STYLE.md's layout and names)


def model_naming_conventions(project: Project) -> Iterable[Violation]:
    for node in project.of_type("model"):
        prefixes = LAYER_PREFIXES.get(node.layer)
        if prefixes is None:
            yield Violation(
                "model_naming_conventions",
                node.unique_id,
                f"{node.path} is outside models/{{staging,intermediate,marts}}/",
            )
        elif not node.name.startswith(prefixes):
            yield Violation(
                "model_naming_conventions",
                node.unique_id,
                f"a {node.layer} model's name starts with {' or '.join(prefixes)}",
            )


def expected_directory(project: Project, node: Node) -> str | None:
    """Where STYLE.md puts a staging or base model: the folder of its source."""
    prefix = LAYER_PREFIXES[node.layer][0]
    source_name = node.name.removeprefix(prefix).split("__")[0]
    folder = f"models/staging/{source_name}/"
    return folder + "base/" if node.layer == BASE else folder


def model_directories(project: Project) -> Iterable[Violation]:
    for node in project.of_type("model"):
        if node.layer in (STAGING, BASE):
            folder = expected_directory(project, node)
            if "__" not in node.name or not node.path.startswith(str(folder)):
                yield Violation(
                    "model_directories",
                    node.unique_id,
                    f"{node.path}: a {node.layer} model is "
                    f"<prefix><source>__<entity> in {folder}",
                )
            for parent in project.parents_of_type(node, "source"):
                source_name = parent.split(".")[2]
                if not node.path.startswith(f"models/staging/{source_name}/"):
                    yield Violation(
                        "model_directories",
                        node.unique_id,
                        f"reads source {short(parent)} from outside "
                        f"models/staging/{source_name}/",
                    )
        elif node.layer in (INTERMEDIATE, MARTS) and len(node.path.split("/")) < 4:
            yield Violation(
                "model_directories",
                node.unique_id,
                f"{node.path}: not in an area folder of models/{node.layer}/",
            )


def source_directories(project: Project) -> Iterable[Violation]:
    for node in project.of_type("source"):
        source_name = node.unique_id.split(".")[2]
        expected = f"models/staging/{source_name}/_{source_name}__sources.yml"
        if node.path != expected:
            yield Violation(
                "source_directories", node.unique_id, f"{node.path}, not {expected}"
            )


# Governance


def public_models_without_contract(project: Project) -> Iterable[Violation]:
    for node in project.of_type("model"):
        if node.access == "public" and not node.contract_enforced:
            yield Violation(
                "public_models_without_contract",
                node.unique_id,
                "access public, contract not enforced",
            )


def exposures_dependent_on_private_models(project: Project) -> Iterable[Violation]:
    readers: dict[str, list[str]] = {}
    for exposure in project.exposures:
        for parent in exposure.get("depends_on", {}).get("nodes", []):
            readers.setdefault(parent, []).append(exposure["name"])
    for unique_id, exposures in sorted(readers.items()):
        node = project.nodes.get(unique_id)
        if node and node.resource_type == "model" and node.access != "public":
            yield Violation(
                "exposures_dependent_on_private_models",
                unique_id,
                f"access {node.access}, read by exposure {', '.join(exposures)}",
            )


Rule = Callable[[Project], Iterable[Violation]]

RULES: dict[str, Rule] = {
    rule.__name__: rule
    for rule in (
        direct_join_to_source,
        marts_or_intermediate_dependent_on_source,
        model_fanout,
        multiple_sources_joined,
        rejoining_of_upstream_concepts,
        root_models,
        source_fanout,
        staging_dependent_on_staging,
        staging_dependent_on_downstream_models,
        unused_sources,
        too_many_joins,
        missing_primary_key_tests,
        undocumented_source_tables,
        undocumented_sources,
        model_naming_conventions,
        model_directories,
        source_directories,
        public_models_without_contract,
        exposures_dependent_on_private_models,
    )
}


@dataclass(frozen=True)
class Findings:
    """Every violation, the excepted ones apart, and the bad exceptions."""

    violations: list[Violation]
    excepted: list[tuple[Violation, str]]
    exception_problems: list[str]

    @property
    def is_clean(self) -> bool:
        return not self.violations and not self.exception_problems

    def lines(self) -> list[str]:
        lines = [f"DAG rules: {len(self.violations)} violation(s)"]
        lines.extend(f"  {violation}" for violation in self.violations)
        lines.append(f"Excepted in YAML (meta.{EXCEPTIONS_KEY}): {len(self.excepted)}")
        lines.extend(f"  {v} -- {reason}" for v, reason in self.excepted)
        lines.append(f"Bad exceptions: {len(self.exception_problems)}")
        lines.extend(f"  {problem}" for problem in self.exception_problems)
        return lines


def declared_exceptions(project: Project) -> dict[tuple[str, str], str]:
    """(rule, unique_id) -> reason, as the nodes' YAML declares them."""
    declared = {}
    for node in project.nodes.values():
        for entry in node.meta.get(EXCEPTIONS_KEY) or []:
            entry = entry if isinstance(entry, dict) else {"rule": str(entry)}
            declared[(str(entry.get("rule")), node.unique_id)] = str(
                entry.get("reason") or ""
            ).strip()
    return declared


def evaluate(manifest: dict, thresholds: Thresholds = THRESHOLDS) -> Findings:
    project = Project(manifest, thresholds)
    found = [v for rule in RULES.values() for v in rule(project)]
    declared = declared_exceptions(project)
    problems = []
    for (rule, unique_id), reason in sorted(declared.items()):
        where = f"{unique_id}: exception for {rule}"
        if rule not in RULES:
            problems.append(f"{where}: no such rule")
        elif not reason:
            problems.append(f"{where}: no reason given")
        elif not any(v.rule == rule and v.unique_id == unique_id for v in found):
            problems.append(f"{where}: the rule no longer fires; remove it")
    excepted = [
        (v, declared[(v.rule, v.unique_id)])
        for v in found
        if declared.get((v.rule, v.unique_id))
    ]
    violations = [v for v in found if not declared.get((v.rule, v.unique_id))]
    return Findings(violations, excepted, problems)


def default_target_path() -> Path:
    """dbt's target directory: DBT_TARGET_PATH, as for dbt, else target/."""
    value = os.environ.get("DBT_TARGET_PATH")
    return Path(value) if value else paths.PROJECT_ROOT / "target"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--target-path",
        type=Path,
        default=default_target_path(),
        help="dbt target directory holding manifest.json "
        "(default: $DBT_TARGET_PATH, else target/)",
    )
    parser.add_argument(
        "--warn-only",
        action="store_true",
        help="print the violations but exit 0",
    )


def run(args: argparse.Namespace) -> int:
    manifest_path = args.target_path / "manifest.json"
    if not manifest_path.is_file():
        print(f"{manifest_path} does not exist: run `dbt parse` or `make build` first")
        return 2
    findings = evaluate(json.loads(manifest_path.read_text(encoding="utf-8")))
    print("\n".join(findings.lines()))
    return 0 if findings.is_clean or args.warn_only else 1
