"""bench/results.md from the results bench/run.py measured."""

from __future__ import annotations

from pathlib import Path
from typing import Any

# (label, function of one scale's results -> value or None)
FIGURES: list[tuple[str, Any]] = [
    ("raw rows (all feeds)", lambda r: f"{r['raw']['rows']:,}"),
    (
        "rows in the largest fact",
        lambda r: f"{r['largest_fact']['rows']:,} ({r['largest_fact']['name']})",
    ),
    ("`dbt build`, empty database (s)", lambda r: r["full_build"]["median_s"]),
    ("peak memory of `dbt build` (MiB)", lambda r: r["full_build"]["peak_rss_mib"]),
    ("dbt parse, once (s)", lambda r: r["full_build"]["parse_s"]),
    ("floor: `dbt build` of one model (s)", lambda r: r["floor"]["median_s"]),
    ("dbt build / floor", lambda r: r["build_over_floor"]),
    ("`dbt run`, models only (s)", lambda r: r["overhead"]["dbt_run"]["median_s"]),
    (
        "same SQL in one DuckDB process (s)",
        lambda r: r["overhead"]["direct"]["median_s"],
    ),
    ("dbt run / direct DuckDB", lambda r: r["overhead"]["overhead_ratio"]),
    ("nodes in `dbt build` (data tests)", lambda r: nodes_cell(r)),
    (
        "dbt's own cost per node (ms)",
        lambda r: r["per_node"]["overhead_ms"] if "per_node" in r else None,
    ),
    (
        "incremental models",
        lambda r: ", ".join(r["incremental"]["incremental_models"]) or "none",
    ),
    ("`pp0093 publish` (s)", lambda r: r["publish"]["median_s"]),
    (
        "`pp0093 excel` (s)",
        lambda r: r["make_build"]["excel_s"] if "make_build" in r else None,
    ),
    ("BI queries: worst p95 (ms)", lambda r: r["bi"]["max_p95_ms"]),
    (
        "BI queries: worst p50 (ms)",
        lambda r: max(query["p50_ms"] for query in r["bi"]["queries"]),
    ),
    (
        "fresh connection, `select 1`: p50 (ms)",
        lambda r: r["bi"].get("connect_floor_p50_ms"),
    ),
    (
        "`make build` once raw data is there (s)",
        lambda r: r["make_build"]["total_s"] if "make_build" in r else None,
    ),
    ("runs per figure (median)", lambda r: r["runs"]),
    ("load average before (1 min)", lambda r: r["load_average_before"][0]),
]


def nodes_cell(result: dict[str, Any]) -> str:
    by_kind = result["full_build"]["by_kind"]
    nodes = sum(kind["nodes"] for kind in by_kind.values())
    return f"{nodes} ({by_kind.get('test', {}).get('nodes', 0)})"


def cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.2f}" if value < 100 else f"{value:,.0f}"
    return str(value)


def figures_table(scales: list[dict[str, Any]]) -> list[str]:
    header = "| figure | " + " | ".join(f"scale {r['scale']}" for r in scales) + " |"
    lines = [header, "| --- |" + " ---: |" * len(scales)]
    for label, figure in FIGURES:
        values = []
        for result in scales:
            try:
                values.append(cell(figure(result)))
            except KeyError:
                values.append("-")
        lines.append(f"| {label} | " + " | ".join(values) + " |")
    return lines


def targets_table(targets: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| scale | target | limit | measured | met | margin |",
        "| ---: | --- | ---: | ---: | --- | ---: |",
    ]
    for item in targets:
        unit = item["unit"]
        verdict = "met" if item["met"] else "**missed**"
        margin = item["margin_pct"]
        if margin is None:
            how = "decision: no incremental model"
        elif item["met"]:
            how = f"{margin:+.0f} % headroom"
        else:
            how = f"over by {-margin:.0f} %"
        lines.append(
            f"| {item['scale']} | {item['target']} | {cell(item['limit'])} {unit} "
            f"| {cell(item['measured'])} {unit} | {verdict} | {how} |"
        )
    return lines


def why_lines(result: dict[str, Any]) -> list[str]:
    """Where the time went, from dbt's own per-node timings."""
    build = result["full_build"]
    kinds = ", ".join(
        f"{kind} {info['nodes']} nodes {info['seconds']:.0f} s"
        for kind, info in build["by_kind"].items()
    )
    slowest = ", ".join(
        f"{item['model']} {item['seconds']:.1f} s"
        for item in build["slowest_models"][:5]
    )
    lines = [
        "- Every build passed every test (the benchmark stops on a failure); "
        "the comparison with the report's figures runs at scale 1 only "
        "(PP0093_COMPARE_WITH_REPORT=false at the other scales).",
        f"- `dbt build` ({build['median_s']:.0f} s wall, dbt's own clock "
        f"{build['dbt_elapsed_s']:.0f} s): summed thread time by node kind: {kinds}.",
        f"- Slowest models in the build: {slowest}.",
    ]
    if "overhead" in result:
        overhead = result["overhead"]
        per_node = result["per_node"]
        lines += [
            f"- `dbt run` of {overhead['models']} models: "
            f"{overhead['dbt_run']['median_s']:.1f} s against "
            f"{overhead['direct']['median_s']:.1f} s direct "
            f"({overhead['direct']['models_s']:.1f} s in the models' SQL); "
            f"{overhead['overhead_per_model_s'] * 1000:.0f} ms of dbt per model; "
            f"summed model time dbt {overhead['dbt_run']['models_thread_s']:.1f} s "
            f"vs direct {overhead['direct']['models_s']:.1f} s.",
            f"- dbt's own cost in the full build: {per_node['dbt_own_s']:.1f} s "
            f"over {per_node['nodes']} nodes ({per_node['data_tests']} data "
            f"tests), {per_node['overhead_ms']:.0f} ms per node (build less "
            "the floor and less the models' and seeds' SQL run directly).",
        ]
    if "make_build" in result:
        parts = result["make_build"]
        lines.append(
            f"- `make build` (`pp0093 build`, one process) {parts['total_s']:.1f} s:"
            f" check-raw {parts['check_raw_s']:.1f} s, dbt build "
            f"{parts['dbt_build_s']:.1f} s, publish {parts['publish_s']:.1f} s, "
            f"excel {parts['excel_s']:.1f} s, docs {parts['docs_s']:.1f} s, "
            f"start-up {parts['start_s']:.1f} s."
        )
    lines.append(
        "- Incremental: "
        f"{', '.join(result['incremental']['incremental_models']) or 'no model'}"
        f"; decision {result['incremental']['decision']}: "
        f"{result['incremental']['reason']}"
    )
    return lines


def thread_seconds(by_kind: dict[str, Any], kind: str) -> float:
    return by_kind.get(kind, {}).get("seconds", 0.0)


def node_count(by_kind: dict[str, Any], kind: str) -> int:
    return by_kind.get(kind, {}).get("nodes", 0)


def missed_reason(item: dict[str, Any], result: dict[str, Any]) -> str:
    """Why a target was missed, in the figures this run measured."""
    build = result["full_build"]
    kinds = build["by_kind"]
    tests = node_count(kinds, "test")
    nodes = sum(info["nodes"] for info in kinds.values())
    name = item["target"]
    if name == "make build":
        parts = result["make_build"]
        per_node = result.get("per_node")
        own = (
            f"; dbt's own cost {per_node['overhead_ms']:.0f} ms per node over "
            f"{per_node['nodes']} nodes ({per_node['data_tests']} data tests), "
            f"start-up (floor) {result['floor']['median_s']:.1f} s"
            if per_node
            else ""
        )
        return (
            f"dbt build {parts['dbt_build_s']:.1f} s, publish "
            f"{parts['publish_s']:.1f} s, excel {parts['excel_s']:.1f} s, docs "
            f"{parts['docs_s']:.1f} s, check-raw {parts['check_raw_s']:.1f} s, "
            f"start-up {parts['start_s']:.1f} s{own}."
        )
    if name == "dbt build" or name.startswith("build("):
        slowest = ", ".join(
            f"{model['model']} {model['seconds']:.0f} s"
            for model in build["slowest_models"][:4]
        )
        return (
            f"summed thread time: models {thread_seconds(kinds, 'model'):.0f} s, "
            f"data tests {thread_seconds(kinds, 'test'):.0f} s over {tests} "
            f"tests ({nodes} nodes); slowest models {slowest}."
        )
    if name == "peak memory":
        return (
            "DuckDB's memory limit (profiles.yml, PP0093_DUCKDB_MEMORY_LIMIT) "
            "bounds its buffers, not every allocation; the rest is dbt's Python "
            "process."
        )
    if name.startswith("incremental"):
        return (
            "a model is incremental again "
            f"({', '.join(item['incremental_models'])}): {item['reason']}"
        )
    if name == "BI p95 (worst query)":
        slow = [
            f"{query['query']} {query['p95_ms']:.0f} ms"
            for query in result["bi"]["queries"]
            if query["p95_ms"] > item["limit"]
        ]
        floor = result["bi"].get("connect_floor_p50_ms")
        opening = (
            f"; a fresh read-only connection running `select 1` takes {floor:.0f} ms"
            if floor is not None
            else ""
        )
        return (
            f"over the limit: {', '.join(slow)} (the largest fact has "
            f"{result['largest_fact']['rows']:,} rows){opening}."
        )
    return ""


def missed_lines(results: dict[str, Any]) -> list[str]:
    by_scale = {result["scale"]: result for result in results["scales"]}
    return [
        f"- Scale {item['scale']}, {item['target']}: "
        f"{missed_reason(item, by_scale[item['scale']])}"
        for item in results["targets"]
        if not item["met"]
    ]


def bi_table(result: dict[str, Any]) -> list[str]:
    lines = ["| query | p50 ms | p95 ms |", "| --- | ---: | ---: |"]
    for query in result["bi"]["queries"]:
        lines.append(f"| {query['query']} | {query['p50_ms']} | {query['p95_ms']} |")
    return lines


def load_note(machine: dict[str, Any]) -> str:
    """A warning when other work was running as the benchmark started (the
    load at the end includes the benchmark's own)."""
    if machine["load_average_start"][0] > 0.5 * machine["cpu_count"]:
        return ": other work was running, so the times are pessimistic"
    return ""


def write_markdown(results: dict[str, Any], path: Path) -> None:
    machine = results["machine"]
    scales = results["scales"]
    lines = [
        "# Benchmark results",
        "",
        "Written by `make bench` (bench/run.py); do not edit by hand. "
        f"Started {results['started_at']}, took {results['elapsed_s']:.0f} s.",
        "",
        f"Machine: {machine['cpu_count']} cores, {machine['memory_gib']} GiB, "
        f"{machine['platform']}; Python {machine['python']}, DuckDB "
        f"{machine['duckdb']}, {machine['dbt']}. Load average at start "
        f"{machine['load_average_start']}, at end "
        f"{machine.get('load_average_end')} (1, 5, 15 min)"
        f"{load_note(machine)}.",
        "",
        "## Figures (medians)",
        "",
        *figures_table(scales),
        "",
        "## Targets",
        "",
        *targets_table(results["targets"]),
        "",
        *(
            ["Why a target is missed:", "", *missed_lines(results), ""]
            if any(not item["met"] for item in results["targets"])
            else []
        ),
        "## Where the time goes",
        "",
    ]
    for result in scales:
        lines += [f"### Scale {result['scale']}", "", *why_lines(result), ""]
        lines += ["BI queries on the published copy:", "", *bi_table(result), ""]
    path.write_text("\n".join(lines))
