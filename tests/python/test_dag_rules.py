"""The dbt-project-evaluator rules hold on the project (pp0093.dag_rules).

The project's manifest comes from `dbt parse` in a sandbox of the test's own:
the rules read only the graph and the YAML, which parsing writes exactly as a
build does. Every violation is printed, the excepted ones with their reason.
The tests below the first prove each rule fires, on small hand-made
manifests, and that an exception must give a reason and still be needed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pp0093 import cli, dag_rules, paths
from pp0093.dag_rules import Thresholds, evaluate
from pp0093.dbt_runner import DbtSandbox


@pytest.fixture(scope="module")
def project_target(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sandbox = DbtSandbox.in_directory(tmp_path_factory.mktemp("parse"), paths.raw_dir())
    sandbox.run_dbt(["parse"])
    return sandbox.target_path


def test_the_project_follows_the_dag_rules(project_target: Path) -> None:
    manifest = json.loads((project_target / "manifest.json").read_text())
    findings = evaluate(manifest)
    print("\n".join(findings.lines()))
    assert findings.violations == []
    assert findings.exception_problems == []


def test_the_cli_prints_the_rules_and_fails_on_a_violation(
    project_target: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["dag-rules", "--target-path", str(project_target), "--warn-only"]
    assert cli.main(args) == 0
    assert "DAG rules:" in capsys.readouterr().out


# The rules, each on a hand-made manifest.

PROJECT = "demo"


def model(
    name: str,
    *parents: str,
    path: str | None = None,
    meta: dict | None = None,
    access: str = "protected",
    contract: bool = False,
) -> dict:
    return {
        "resource_type": "model",
        "package_name": PROJECT,
        "name": name,
        "unique_id": f"model.{PROJECT}.{name}",
        "original_file_path": path or default_path(name),
        "depends_on": {"nodes": list(parents)},
        "meta": meta or {},
        "access": access,
        "config": {"contract": {"enforced": contract}},
        "description": f"{name}.",
    }


def default_path(name: str) -> str:
    if name.startswith(("stg_", "base_")):
        source_name = name.split("_", 1)[1].split("__")[0]
        folder = "base/" if name.startswith("base_") else ""
        return f"models/staging/{source_name}/{folder}{name}.sql"
    if name.startswith("int_"):
        return f"models/intermediate/orders/{name}.sql"
    return f"models/marts/sales/{name}.sql"


def source(source_name: str, table: str, **fields: object) -> dict:
    return {
        "resource_type": "source",
        "package_name": PROJECT,
        "name": table,
        "unique_id": f"source.{PROJECT}.{source_name}.{table}",
        "original_file_path": (
            f"models/staging/{source_name}/_{source_name}__sources.yml"
        ),
        "depends_on": {"nodes": []},
        "meta": {},
        "description": "A table.",
        "source_description": "A system.",
        **fields,
    }


def seed(name: str) -> dict:
    return {
        "resource_type": "seed",
        "package_name": PROJECT,
        "name": name,
        "unique_id": f"seed.{PROJECT}.{name}",
        "original_file_path": f"seeds/{name}.csv",
        "depends_on": {"nodes": []},
    }


def key_tests(model_id: str, column: str = "id") -> dict[str, dict]:
    return {
        f"test.{PROJECT}.{kind}_{model_id}": {
            "resource_type": "test",
            "package_name": PROJECT,
            "attached_node": model_id,
            "column_name": column,
            "test_metadata": {"name": kind, "kwargs": {}},
            "depends_on": {"nodes": [model_id]},
        }
        for kind in ("unique", "not_null")
    }


def manifest_of(
    *nodes: dict, exposures: tuple[dict, ...] = (), tested: bool = True
) -> dict:
    """A manifest of `nodes`; every model gets primary-key tests unless
    `tested` is false."""
    manifest: dict = {
        "metadata": {"project_name": PROJECT},
        "nodes": {},
        "sources": {},
        "exposures": {f"exposure.{PROJECT}.{e['name']}": e for e in exposures},
    }
    for node in nodes:
        group = "sources" if node["resource_type"] == "source" else "nodes"
        manifest[group][node["unique_id"]] = node
        if node["resource_type"] == "model" and tested:
            manifest["nodes"].update(key_tests(node["unique_id"]))
    return manifest


def exposure(name: str, *models: str) -> dict:
    return {"name": name, "depends_on": {"nodes": list(models)}}


SRC = f"source.{PROJECT}.shop.orders"
SRC_CUSTOMERS = f"source.{PROJECT}.shop.customers"


def ref(name: str) -> str:
    return (
        f"seed.{PROJECT}.{name}"
        if name.startswith("seed_")
        else (f"model.{PROJECT}.{name}")
    )


def clean_project() -> list[dict]:
    """A small project that breaks no rule."""
    return [
        source("shop", "orders"),
        seed("seed_statuses"),
        model("stg_shop__orders", SRC),
        model("int_orders_enriched", ref("stg_shop__orders"), ref("seed_statuses")),
        model("fct_orders", ref("int_orders_enriched"), access="public", contract=True),
        model("dim_statuses", ref("seed_statuses")),
    ]


def fired(manifest: dict, thresholds: Thresholds = dag_rules.THRESHOLDS) -> set:
    return {
        (v.rule, dag_rules.short(v.unique_id))
        for v in evaluate(manifest, thresholds).violations
    }


def test_the_clean_project_breaks_no_rule() -> None:
    findings = evaluate(
        manifest_of(
            *clean_project(), exposures=(exposure("report", ref("fct_orders")),)
        )
    )
    assert findings.is_clean, findings.lines()


def test_a_model_joining_a_source_and_a_model() -> None:
    nodes = [*clean_project(), model("stg_shop__joined", SRC, ref("dim_statuses"))]
    found = fired(manifest_of(*nodes))
    assert ("direct_join_to_source", "stg_shop__joined") in found
    assert ("staging_dependent_on_downstream_models", "stg_shop__joined") in found
    assert ("source_fanout", "shop.orders") in found


def test_marts_and_intermediate_reading_a_source() -> None:
    nodes = [
        *clean_project(),
        source("shop", "customers"),
        model("int_customers_read", SRC_CUSTOMERS),
        model("dim_customers", SRC_CUSTOMERS),
    ]
    found = fired(manifest_of(*nodes))
    assert {
        ("marts_or_intermediate_dependent_on_source", "int_customers_read"),
        ("marts_or_intermediate_dependent_on_source", "dim_customers"),
    } <= found


def test_a_model_feeding_more_leaves_than_the_threshold() -> None:
    leaves = [f"fct_leaf_{i}" for i in range(4)]
    nodes = [*clean_project(), *(model(n, ref("dim_statuses")) for n in leaves)]
    assert ("model_fanout", "dim_statuses") in fired(manifest_of(*nodes))
    relaxed = Thresholds(max_leaf_children=4)
    assert ("model_fanout", "dim_statuses") not in fired(manifest_of(*nodes), relaxed)


def test_a_model_reading_two_sources() -> None:
    nodes = [
        *clean_project(),
        source("shop", "customers"),
        model("stg_shop__both", SRC, SRC_CUSTOMERS),
    ]
    assert ("multiple_sources_joined", "stg_shop__both") in fired(manifest_of(*nodes))


def test_a_concept_joined_again_through_a_single_child_model() -> None:
    nodes = [
        *clean_project(),
        model("int_orders_counted", ref("int_orders_enriched")),
        model(
            "fct_orders_summary", ref("int_orders_enriched"), ref("int_orders_counted")
        ),
    ]
    assert ("rejoining_of_upstream_concepts", "fct_orders_summary") in fired(
        manifest_of(*nodes)
    )
    # The middle model with a second child is a concept of its own.
    also_read = [*nodes, model("fct_other", ref("int_orders_counted"))]
    assert ("rejoining_of_upstream_concepts", "fct_orders_summary") not in fired(
        manifest_of(*also_read)
    )


def test_a_model_with_no_parent() -> None:
    nodes = [*clean_project(), model("dim_numbers")]
    assert ("root_models", "dim_numbers") in fired(manifest_of(*nodes))


def test_staging_reading_staging() -> None:
    nodes = [*clean_project(), model("stg_shop__more", ref("stg_shop__orders"))]
    assert ("staging_dependent_on_staging", "stg_shop__more") in fired(
        manifest_of(*nodes)
    )
    # A staging model reading its base model is the layout STYLE.md asks for.
    based = [
        *clean_project(),
        source("shop", "customers"),
        model("base_shop__customers", SRC_CUSTOMERS),
        model("stg_shop__customers", ref("base_shop__customers")),
    ]
    assert fired(manifest_of(*based)) == set()


def test_a_source_no_model_reads() -> None:
    nodes = [*clean_project(), source("shop", "customers")]
    assert fired(manifest_of(*nodes)) == {("unused_sources", "shop.customers")}


def test_more_direct_parents_than_the_threshold_seeds_counting() -> None:
    seeds = [seed(f"seed_lookup_{i}") for i in range(6)]
    parents = [ref("int_orders_enriched"), *(s["unique_id"] for s in seeds)]
    nodes = [*clean_project(), *seeds, model("fct_wide", *parents)]
    assert ("too_many_joins", "fct_wide") in fired(manifest_of(*nodes))
    six = [*clean_project(), *seeds, model("fct_wide", *parents[:6])]
    assert ("too_many_joins", "fct_wide") not in fired(manifest_of(*six))


def test_a_model_without_a_primary_key_test() -> None:
    manifest = manifest_of(*clean_project(), tested=False)
    manifest["nodes"].update(key_tests(ref("fct_orders")))
    only_unique = key_tests(ref("dim_statuses"))
    del only_unique[f"test.{PROJECT}.not_null_{ref('dim_statuses')}"]
    manifest["nodes"].update(only_unique)
    found = fired(manifest)
    assert ("missing_primary_key_tests", "dim_statuses") in found
    assert ("missing_primary_key_tests", "fct_orders") not in found


def test_a_unique_combination_test_is_a_primary_key() -> None:
    manifest = manifest_of(*clean_project())
    manifest["nodes"] = {
        uid: n for uid, n in manifest["nodes"].items() if "dim_statuses" not in uid
    }
    manifest["nodes"]["model.demo.dim_statuses"] = model(
        "dim_statuses", ref("seed_statuses")
    )
    assert ("missing_primary_key_tests", "dim_statuses") in fired(manifest)
    manifest["nodes"]["test.demo.combo"] = {
        "resource_type": "test",
        "attached_node": ref("dim_statuses"),
        "test_metadata": {"name": "unique_combination_of_columns"},
        "depends_on": {"nodes": [ref("dim_statuses")]},
    }
    assert ("missing_primary_key_tests", "dim_statuses") not in fired(manifest)


def only_unique_key_test(manifest: dict, name: str) -> None:
    """`name` keeps its unique test on `id` and loses its not_null test."""
    del manifest["nodes"][f"test.{PROJECT}.not_null_{ref(name)}"]


def test_a_no_nulls_test_checks_the_key_unless_it_lists_it_nullable() -> None:
    manifest = manifest_of(*clean_project())
    only_unique_key_test(manifest, "dim_statuses")
    no_nulls = {
        "resource_type": "test",
        "attached_node": ref("dim_statuses"),
        "test_metadata": {"name": "no_nulls", "kwargs": {"nullable": ["ID"]}},
        "depends_on": {"nodes": [ref("dim_statuses")]},
    }
    manifest["nodes"]["test.demo.no_nulls"] = no_nulls
    assert ("missing_primary_key_tests", "dim_statuses") in fired(manifest)
    no_nulls["test_metadata"]["kwargs"] = {"nullable": ["label"]}
    assert ("missing_primary_key_tests", "dim_statuses") not in fired(manifest)


def test_a_not_null_constraint_checks_the_key_only_under_an_enforced_contract() -> None:
    manifest = manifest_of(*clean_project())
    only_unique_key_test(manifest, "fct_orders")
    fct_orders = manifest["nodes"][ref("fct_orders")]
    fct_orders["columns"] = {"ID": {"constraints": [{"type": "not_null"}]}}
    assert ("missing_primary_key_tests", "fct_orders") not in fired(manifest)
    fct_orders["config"]["contract"]["enforced"] = False
    assert ("missing_primary_key_tests", "fct_orders") in fired(manifest)


def test_an_undescribed_source_and_source_system() -> None:
    nodes = [
        *clean_project(),
        source("shop", "customers", description=" ", source_description=""),
        model("stg_shop__customers", SRC_CUSTOMERS),
    ]
    found = fired(manifest_of(*nodes))
    assert ("undocumented_source_tables", "shop.customers") in found
    assert ("undocumented_sources", "shop.customers") in found


def test_names_and_folders_follow_the_style_guide() -> None:
    nodes = [
        *clean_project(),
        model("orders_by_day", ref("fct_orders")),
        model("stg_shop_orders_copy", SRC, path="models/staging/shop/x.sql"),
        model("stg_other__orders", SRC),
        model("fct_flat", ref("fct_orders"), path="models/marts/fct_flat.sql"),
        model("int_misplaced", ref("fct_orders"), path="models/int_misplaced.sql"),
        source("shop", "customers", original_file_path="models/sources.yml"),
        model("stg_shop__customers", SRC_CUSTOMERS),
    ]
    found = fired(manifest_of(*nodes))
    assert {
        ("model_naming_conventions", "orders_by_day"),
        ("model_naming_conventions", "int_misplaced"),
        ("model_directories", "stg_shop_orders_copy"),
        ("model_directories", "stg_other__orders"),
        ("model_directories", "fct_flat"),
        ("source_directories", "shop.customers"),
    } <= found
    assert not any(node == "fct_orders" for _rule, node in found)


def test_public_models_have_contracts_and_exposures_read_public_models() -> None:
    nodes = [
        *clean_project(),
        model("fct_loose", ref("fct_orders"), access="public"),
        model("fct_private", ref("fct_orders")),
    ]
    manifest = manifest_of(*nodes, exposures=(exposure("bi", ref("fct_private")),))
    found = fired(manifest)
    assert ("public_models_without_contract", "fct_loose") in found
    assert ("exposures_dependent_on_private_models", "fct_private") in found


# Exceptions, declared in the node's YAML meta.


def excepted_root(entry: dict) -> dict:
    meta = {dag_rules.EXCEPTIONS_KEY: [entry]}
    return manifest_of(*clean_project(), model("dim_numbers", meta=meta))


def test_an_exception_with_a_reason_silences_its_rule() -> None:
    findings = evaluate(
        excepted_root({"rule": "root_models", "reason": "generated series"})
    )
    assert findings.is_clean
    assert [(v.rule, reason) for v, reason in findings.excepted] == [
        ("root_models", "generated series")
    ]


def test_an_exception_without_a_reason_is_a_problem() -> None:
    findings = evaluate(excepted_root({"rule": "root_models", "reason": " "}))
    assert findings.exception_problems == [
        "model.demo.dim_numbers: exception for root_models: no reason given"
    ]
    assert [v.rule for v in findings.violations] == ["root_models"]


def test_an_exception_that_no_longer_applies_is_a_problem() -> None:
    stale = {"rule": "too_many_joins", "reason": "it had many parents"}
    unknown = {"rule": "no_such_rule", "reason": "typo"}
    meta = {dag_rules.EXCEPTIONS_KEY: [stale, unknown]}
    nodes = [*clean_project(), model("dim_more", ref("seed_statuses"), meta=meta)]
    findings = evaluate(manifest_of(*nodes))
    assert findings.exception_problems == [
        "model.demo.dim_more: exception for no_such_rule: no such rule",
        "model.demo.dim_more: exception for too_many_joins: "
        "the rule no longer fires; remove it",
    ]
    assert not findings.is_clean
